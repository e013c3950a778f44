"""The build keeps each page's rendered HTML by a content key, and spreads the rendering over worker
processes: after random edits a warm build gives the same bytes as a cold build of the same files,
re-rendering only the pages the edits touched, and two workers give the same bytes as one."""

from __future__ import annotations

import hashlib
import pickle
import random
import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from conftest import copy_sample

from generator.build import pipeline
from generator.build.project import load_project
from generator.site import engine, pieces

AUDIENCES = ("review", "public")


def site_digests(root: Path) -> dict[str, str]:
    site = root / "site"
    return {path.relative_to(site).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(site.rglob("*")) if path.is_file()}


def build(root: Path, caches: list[engine.RenderCache]) -> None:
    before = len(caches)
    result = pipeline.build(root, audiences=AUDIENCES)
    assert result.ok, result.error or [p for p in result.problems if p.is_error][:3]
    assert len(caches) == before + len(AUDIENCES)  # one render cache per audience


@pytest.fixture
def caches(monkeypatch: pytest.MonkeyPatch) -> list[engine.RenderCache]:
    """Every RenderCache the builds make, to read how many pages each converted."""
    made: list[engine.RenderCache] = []
    real = engine.RenderCache

    def recording(*args, **kwargs):
        made.append(real(*args, **kwargs))
        return made[-1]

    monkeypatch.setattr(engine, "RenderCache", recording)
    monkeypatch.setenv("CASEBOOK_EXPORTS", "none")
    monkeypatch.setenv("CASEBOOK_TODAY", "2026-11-22")
    return made


EDITS = (  # (pattern in a case file, replacement): each keeps the case valid
    (r"(alias: .+)", r"\1 Baru"),
    (r"(presenting_problem: )(?![>|])(.+)", r"\1\2 Keadaan ini dicatat ulang."),
    (r"goal_attainment: sebagian", "goal_attainment: tercapai"),
)


def random_edit(root: Path, rng: random.Random) -> str:
    """Apply one edit from EDITS to a random case file that stays valid; return what was done."""
    files = sorted((root / "cases").glob("*.yaml"))
    while True:
        path, (pattern, replacement) = rng.choice(files), rng.choice(EDITS)
        before = path.read_text(encoding="utf-8")
        after = re.sub(pattern, replacement, before, count=1)
        if after == before:
            continue
        path.write_text(after, encoding="utf-8")
        _, problems = load_project(root)
        if not any(p.is_error for p in problems):
            return f"{path.name}: {pattern}"
        path.write_text(before, encoding="utf-8")


def converted(caches: list[engine.RenderCache]) -> int:
    return sum(cache.converted for cache in caches[-len(AUDIENCES):])


def templated(caches: list[engine.RenderCache]) -> int:
    return sum(cache.templated for cache in caches[-len(AUDIENCES):])


def reused(caches: list[engine.RenderCache]) -> int:
    return sum(cache.reused for cache in caches[-len(AUDIENCES):])


@pytest.mark.slow
@pytest.mark.parametrize("in_pieces", [False, True], ids=["whole-pages", "every-page-in-pieces"])
def test_a_warm_build_after_random_edits_is_byte_identical_to_a_cold_one(tmp_path, caches,
                                                                        monkeypatch, in_pieces):
    """``every-page-in-pieces``: every page that can be is converted in pieces of a few table
    rows, as the case lists of 10,000 cases are; the pieces the edits left are kept."""
    if in_pieces:
        monkeypatch.setattr(pieces, "MIN_BYTES", 1)
        monkeypatch.setattr(pieces, "TABLE_ROWS", 3)
    warm = copy_sample(tmp_path / "warm")
    build(warm, caches)
    pages = converted(caches)
    assert pages > 100  # a cold build converts every page
    assert templated(caches) == pages  # and puts every page through its template
    assert all(cache.parsed == 0 for cache in caches)  # search reuses the render's parse
    from mkdocs.utils import meta

    yaml_read, get_data = [], meta.get_data
    monkeypatch.setattr(meta, "get_data", lambda doc: yaml_read.append(doc) or get_data(doc))
    build(warm, caches)
    assert not yaml_read  # each page's front matter is kept with it, by its source
    assert converted(caches) == 0  # nothing changed: every page comes from the cache
    assert templated(caches) == 0  # its finished HTML too
    assert reused(caches) == pages  # and no page's HTML is read again for it
    assert all(cache.withhold for cache in caches)  # nor uncompressed: only Casebook reads it
    assert sum(cache.entries_reused for cache in caches[-len(AUDIENCES):]) == pages  # nor indexed
    rng = random.Random(17)
    for round_number in range(2):
        done = [random_edit(warm, rng) for _ in range(rng.randint(1, 2))]
        build(warm, caches)
        assert 0 < converted(caches) < pages / 4, done
        assert 0 < templated(caches) < pages / 4, done
        cold = copy_sample(tmp_path / f"cold-{round_number}")
        for path in (warm / "cases").glob("*.yaml"):
            (cold / "cases" / path.name).write_bytes(path.read_bytes())
        build(cold, caches)
        assert converted(caches) == pages  # the cold copy has no cache
        assert site_digests(warm) == site_digests(cold), done


@pytest.mark.slow
def test_damaged_kept_pages_are_made_again_never_trusted(tmp_path, caches):
    root = copy_sample(tmp_path / "project")
    build(root, caches)
    first, pages = site_digests(root), converted(caches)
    kept = [path for path in (root / ".casebook" / "cache" / "pages").rglob("*") if path.is_file()]
    assert any(p.name.endswith(".html.z") for p in kept) and any(p.suffix == ".pickle" for p in kept)
    for number, path in enumerate(kept):  # bytes that are no LZ4 frame, or a truncated one
        path.write_bytes(b"not a page" if number % 2 else path.read_bytes()[:20])
    build(root, caches)
    assert site_digests(root) == first
    assert converted(caches) == pages and templated(caches) == pages  # all made again


def test_search_parses_a_page_again_when_a_plugin_changed_its_html():
    cache = engine.RenderCache(None)
    page = SimpleNamespace(file=SimpleNamespace(src_uri="a.md"))
    for html, kept in (("<p>Asesmen</p>", True), ("<p>Diubah plugin</p>", False)):
        cache.sections["a.md"], cache._content["a.md"] = b"sections", "<p>Asesmen</p>"
        assert cache.on_page_content(html, page=page, config=None, files=None) == html
        assert ("a.md" in cache.sections) is kept


def test_a_kept_pages_html_stays_compressed_only_while_no_other_plugin_reads_it():
    from mkdocs.plugins import BasePlugin, PluginCollection

    class Reader(BasePlugin):
        def on_page_content(self, html, **kwargs):
            return html

    cache, plugins = engine.RenderCache(None), PluginCollection()
    plugins["casebook-render-cache"] = cache
    config = SimpleNamespace(plugins=plugins)
    assert not cache._html_read_only_by_casebook(config)  # nothing would give it back
    plugins[engine.COMPACT_PLUGIN] = engine.CompactPages()
    assert cache._html_read_only_by_casebook(config)
    plugins["reader"] = Reader()
    assert not cache._html_read_only_by_casebook(config)


def test_a_changed_setting_or_file_list_changes_every_key(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# Beranda\n", encoding="utf-8")
    spec = engine.SiteSpec("review", docs, tmp_path / "site", None, "Uji")
    engine.install_assets(docs)
    config = engine.engine_config(spec)
    files = [type("F", (), {"src_uri": name})() for name in ("index.md", "a.md")]
    base = engine.render_fingerprint(config, files)
    assert engine.render_fingerprint({**config, "site_dir": "/elsewhere"}, files) == base
    assert engine.render_fingerprint({**config, "site_name": "Lain"}, files) != base
    assert engine.render_fingerprint(config, files[:1]) != base  # links depend on the files
    assert engine.page_key(base, "a.md", "# A") != engine.page_key(base, "a.md", "# B")
    assert engine.page_key(base, "a.md", "# A") != engine.page_key(base, "b.md", "# A")


@pytest.mark.slow
@pytest.mark.parametrize("big", [False, True], ids=["pages", "every-page-big"])
def test_two_workers_build_the_same_bytes_as_one(tmp_path, caches, monkeypatch, big):
    """``every-page-big``: each page is a task of its own and its search sections are found by
    the main process, as a big page's are."""
    if big:
        monkeypatch.setattr(engine, "_CHUNK_BYTES", 1)
    sites = []
    for workers in (1, 2):
        root = copy_sample(tmp_path / f"w{workers}")
        settings = root / "casebook.yml"
        settings.write_text(settings.read_text(encoding="utf-8") + f"\nworkers: {workers}\n",
                            encoding="utf-8")
        build(root, caches)
        assert all(cache.workers == engine.worker_count(workers) for cache in caches[-2:])
        assert all(cache.parsed == 0 for cache in caches[-2:])  # every page's sections known
        sites.append(site_digests(root))
    assert sites[0] == sites[1]


def test_the_worker_count_follows_the_cores_and_the_cap():
    cores = engine.worker_count()
    assert cores >= 1
    assert engine.worker_count(1) == 1
    assert engine.worker_count(cores + 5) == cores


@pytest.mark.parametrize("source", [
    "---\ndescription: \"Daftar\"\n---\n# Kasus\n", "---\n- a\n---\n# Bukan peta\n",
    "---\n: [tidak\n---\n# Rusak\n", "title: Gaya MultiMarkdown\n\n# Kasus\n", "# Tanpa meta\n",
    "---\ndescription: x\n...\n\n\n# Diakhiri titik\n",
])
def test_the_markdown_a_kept_page_is_found_by_is_the_markdown_mkdocs_reads(source):
    from mkdocs.utils import meta

    assert engine.markdown_of(source) == meta.get_data(source)[0]


@pytest.mark.parametrize("source", [
    "---\ntitle: Kasus\ndescription: \"Daftar\"\n---\n# Kasus\n", "---\n- a\n---\n# Bukan peta\n",
    "---\n: [tidak\n---\n# Rusak\n", "title: Gaya MultiMarkdown\n\n# Kasus\n", "# Tanpa meta\n",
])
def test_a_page_read_for_its_source_key_is_read_as_mkdocs_reads_it(tmp_path, source):
    """Read once with its YAML, then again with the front matter kept from the first read."""
    from mkdocs.structure.files import File
    from mkdocs.structure.pages import Page

    (tmp_path / "a.md").write_text(source, encoding="utf-8")
    pages = [Page(None, File("a.md", str(tmp_path), str(tmp_path / "site"), True), {})
             for _ in range(3)]
    Page.read_source(pages[0], SimpleNamespace(plugins=SimpleNamespace(
        on_page_read_source=lambda **kwargs: None)))
    assert engine.page_source(pages[1], None) == source
    front = engine.read_source(pages[1], source)
    kept = pickle.loads(pickle.dumps(front))  # as it comes back from the cache
    assert engine.read_source(pages[2], source, kept) == front
    for page in pages[1:]:
        assert (page.markdown, page.meta) == (pages[0].markdown, pages[0].meta)


def test_pages_are_kept_under_their_source_unless_a_plugin_reads_or_changes_it():
    def config(**events):
        handlers = {"page_read_source": [], "page_markdown": [], "page_content": [print]}
        return SimpleNamespace(plugins=SimpleNamespace(events={**handlers, **events}))

    assert engine.keyed_by_source(config())
    assert not engine.keyed_by_source(config(page_markdown=[print]))
    assert not engine.keyed_by_source(config(page_read_source=[print]))
