"""A big page is converted in pieces (before its sections, between a long table's rows), each kept
by its own key: its HTML, table of contents, title, anchors, links and search entries are the
page's converted whole, and a site built from pieces is byte for byte the site built whole."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import copy_sample

from generator.build import pipeline
from generator.site import engine, pieces

TABLE = "| Kasus | Klien |\n|---|---|\n" + "\n".join(f"| K-{n} | Klien {n} |" for n in range(7))
PAGE = f"# Daftar kasus\n\nPengantar.\n\n## Aktif (7)\n\n{TABLE}\n\nCatatan.\n\n## Ditutup\n\nTidak ada.\n"


def cut(markdown: str, rows: int = 3) -> list[pieces.Piece] | None:
    return pieces.cut(markdown, min_bytes=1, rows=rows)


def test_a_page_is_cut_before_its_sections_and_between_a_long_tables_rows():
    cut_up = cut(PAGE)
    assert [piece.joint for piece in cut_up] == ["heading", "heading", "rows", "rows", "heading"]
    assert cut_up[0].markdown == "# Daftar kasus\n\nPengantar.\n"
    first, second, last = cut_up[1].markdown, cut_up[2].markdown, cut_up[3].markdown
    assert first.startswith("## Aktif (7)\n\n| Kasus | Klien |\n|---|---|\n| K-0 |")
    assert second.splitlines() == ["| Kasus | Klien |", "|---|---|", "| K-3 | Klien 3 |",
                                   "| K-4 | Klien 4 |", "| K-5 | Klien 5 |"]
    assert last.startswith("| Kasus | Klien |\n|---|---|\n| K-6 | Klien 6 |\n\nCatatan.")
    assert "\n".join(piece.markdown for piece in cut_up).count("| K-") == 7  # every row once
    assert pieces.groups(cut_up) == [[0], [1, 2, 3], [4]]


def test_a_heading_inside_a_block_or_first_on_the_page_is_no_cut():
    assert cut("## Pertama\n\nTeks.\n\nTeks\n## Bukan potongan\n") is None
    assert len(cut("## Pertama\n\nTeks.\n\n## Kedua\n")) == 2


@pytest.mark.parametrize("construct", [
    "```\n## kode\n```", "~~~\nkode\n~~~", "Catatan[^1].\n\n[^1]: Kaki.", "[a]: https://contoh.id",
    "[TOC]", "<div markdown>\n\n## Di dalam HTML\n\n</div>", "*[PPKS]: Pemerlu Pelayanan",
])
def test_a_page_holding_what_a_cut_could_split_is_converted_whole(construct):
    assert cut(f"{PAGE}\n{construct}\n") is None


def test_a_small_page_or_a_short_table_is_not_cut():
    assert pieces.cut(PAGE) is None  # under MIN_BYTES
    assert cut("| a |\n|---|\n| 1 |\n", rows=3) is None
    indented = "!!! note\n\n    | a |\n    |---|\n" + "\n".join("    | 1 |" for _ in range(9))
    assert cut(indented, rows=2) is None  # a table inside an admonition is never cut


def test_html_not_shaped_as_a_cut_table_is_not_joined():
    cut_up = [pieces.Piece("a"), pieces.Piece("b", pieces.ROWS)]
    with pytest.raises(pieces.PiecesDiffer):
        pieces.join_html(cut_up, ["<p>a</p>", "<table>\n<thead>\n<tr></tr>\n</thead>\n<tbody>\n"])
    table = "<table>\n<thead>\n<tr><th>a</th></tr>\n</thead>\n<tbody>\n<tr><td>{}</td></tr>\n</tbody>\n</table>"
    assert pieces.join_html(cut_up, [table.format(1), table.format(2)]) == (
        "<table>\n<thead>\n<tr><th>a</th></tr>\n</thead>\n<tbody>\n<tr><td>1</td></tr>\n"
        "<tr><td>2</td></tr>\n</tbody>\n</table>")


# ----------------------------------------------------------------- the real conversion, every page


@pytest.fixture(scope="module")
def sample_tree(tmp_path_factory) -> Path:
    """The sample's review tree, as the build left it."""
    root = copy_sample(tmp_path_factory.mktemp("pieces") / "project")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CASEBOOK_TODAY", "2026-11-22")
        result = pipeline.build(root, audiences=("review",))
    assert result.ok, result.error
    return root / ".casebook" / "build" / "review" / "mkdocs.yml"


def mkdocs_files(tree: Path):
    from mkdocs.commands.build import get_navigation
    from mkdocs.config import load_config
    from mkdocs.structure.files import get_files, set_exclusions

    config = load_config(str(tree))
    config = config.plugins.on_config(config)
    files = get_files(config)
    files.add_files_from_theme(config.theme.get_env(), config)
    files = config.plugins.on_files(files, config=config)
    set_exclusions(files, config)
    get_navigation(files, config)
    return config, files


def entries(packed: bytes, page) -> list[dict]:
    from material.plugins.search.plugin import SearchIndex

    index = SearchIndex()
    engine.index_page(index, page, packed)
    return index.entries


@pytest.mark.slow
def test_every_sample_page_converted_in_pieces_is_the_page_converted_whole(sample_tree):
    config, files = mkdocs_files(sample_tree)
    compared = 0
    for file in files.documentation_pages():
        page = file.page
        page.read_source(config)
        cut_up = cut(page.markdown, rows=2)
        if cut_up is None:
            continue
        whole = engine.render_whole(page, config, files)
        store = engine.PieceStore(None, b"test")
        in_pieces = engine.render_in_pieces(page, config, files, cut_up, store)
        assert in_pieces.content == whole.content, file.src_uri
        assert str(in_pieces.toc) == str(whole.toc), file.src_uri
        assert [item.active for item in in_pieces.toc] == [item.active for item in whole.toc]
        assert (in_pieces.title, in_pieces.anchors) == (whole.title, whole.anchors), file.src_uri
        assert in_pieces.links_to_anchors == whole.links_to_anchors, file.src_uri
        assert entries(in_pieces.sections, page) == entries(whole.sections, page), file.src_uri
        assert page.content == whole.content  # left on the page as MkDocs' render leaves it
        again = engine.render_in_pieces(page, config, files, cut_up, store)  # from the store
        assert again.content == whole.content and store.memory
        compared += 1
    assert compared > 50


@pytest.mark.slow
def test_pieces_holding_the_same_anchor_or_logging_convert_the_page_whole(sample_tree,
                                                                           monkeypatch):
    config, files = mkdocs_files(sample_tree)
    page = files.get_file_from_path("index.md").page
    page.read_source(config)
    store = engine.PieceStore(None, b"test")
    twice = "# Judul\n\n## Sama\n\nSatu.\n\n## Sama\n\nDua.\n"
    broken = "# Judul\n\n## Satu\n\n[hilang](tidak-ada.md)\n\n## Dua\n\nDua.\n"
    for markdown, sign in ((twice, 'id="sama_1"'), (broken, "tidak-ada.md")):
        with pytest.raises(pieces.PiecesDiffer):
            engine.render_in_pieces(page, config, files, cut(markdown), store)
        page.markdown = markdown
        whole = engine.render_whole(page, config, files)
        assert sign in whole.content
        monkeypatch.setattr(pieces, "MIN_BYTES", 1)
        assert engine.render_page(page, config, files, store=store).content == whole.content


def site_digests(root: Path) -> dict[str, bytes]:
    site = root / "site"
    return {path.relative_to(site).as_posix(): path.read_bytes()
            for path in sorted(site.rglob("*")) if path.is_file()}


@pytest.mark.slow
def test_a_site_built_from_pieces_is_the_site_built_whole(tmp_path, monkeypatch):
    monkeypatch.setenv("CASEBOOK_EXPORTS", "none")
    monkeypatch.setenv("CASEBOOK_TODAY", "2026-11-22")
    sites = []
    for name, min_bytes in (("whole", 1 << 40), ("pieces", 1)):
        monkeypatch.setattr(pieces, "MIN_BYTES", min_bytes)
        monkeypatch.setattr(pieces, "TABLE_ROWS", 3)
        root = copy_sample(tmp_path / name)
        result = pipeline.build(root, audiences=("review", "public"))
        assert result.ok, result.error
        sites.append(site_digests(root))
        kept = list((root / ".casebook" / "cache" / "pages").rglob("*.piece"))
        assert bool(kept) == (name == "pieces")
    assert sites[0].keys() == sites[1].keys()
    assert [path for path in sites[0] if sites[0][path] != sites[1][path]] == []
