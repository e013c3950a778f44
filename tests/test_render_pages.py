"""Review pages, navigation, docs tree, serve's regeneration, the render command (no MkDocs)."""

from __future__ import annotations

import posixpath
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.build import pipeline
from generator.build.project import load_project
from generator.cli import cli
from generator.render import (
    affected_review_pages,
    render_narrative,
    review_page_makers,
    review_pages,
)
from generator.render.indexes import INDEX_PAGES, build_nav
from generator.render.text import people_names

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "narratives"
CASE_IDS = ("K-2025-0101", "K-2025-0102", "K-2025-0103", "K-2025-0104")
LINK = re.compile(r"\]\(([^)\s]+)\)")


@pytest.fixture(autouse=True)
def pinned_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CASEBOOK_TODAY", "2026-11-22")


@pytest.fixture
def project():
    loaded, problems = load_project(FIXTURE)
    assert [p for p in problems if p.is_error] == []
    return loaded


@pytest.fixture
def pages(project):
    return review_pages(project)


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    return Path(shutil.copytree(FIXTURE, tmp_path / "project"))


# ---------------------------------------------------------------- the pages


def test_a_page_for_every_case_intern_and_index(pages):
    expected = {f"kasus/{case_id}.md" for case_id in CASE_IDS}
    expected |= {"mahasiswa/bima-pranata-2025.md", *INDEX_PAGES}
    assert set(pages) == expected


def test_every_internal_link_points_at_a_page(pages):
    for page, text in pages.items():
        for target in LINK.findall(text):
            if target.startswith(("http:", "https:", "#")):
                continue
            resolved = posixpath.normpath(
                posixpath.join(posixpath.dirname(page), target.split("#")[0])
            )
            if resolved.startswith("telaah/"):  # the lecturer's pages: another producer's
                continue
            assert resolved in pages, f"{page} links to missing {target}"


def test_case_page_adds_review_record_around_the_narrative(project, pages):
    page = pages["kasus/K-2025-0102.md"]
    assert page.startswith("# Kasus K-2025-0102: Nenek M\n\n← [Daftar kasus](index.md) · ‹ "
                           "[K-2025-0101](K-2025-0101.md) sebelumnya · [K-2025-0103](K-2025-0103.md)"
                           " berikutnya › · [Bima Aditya Pranata](../mahasiswa/bima-pranata-2025.md)"
                           "\n{: data-search-exclude }"
                           '\n\n!!! info "Data kasus"')
    assert "[Bima Aditya Pranata](../mahasiswa/bima-pranata-2025.md)" in page
    assert "**Pembimbing lapangan:** Lestiana Marbun, S.Tr.Sos." in page
    assert "**Telaah dosen:** Diajukan" in page
    assert "`cases/K-2025-0102.yaml`" in page
    narrative = render_narrative(
        project.cases["K-2025-0102"].case, project.taxonomy, "id", people_names(project)
    )
    assert narrative.split("\n\n", 1)[1].strip() in page  # the same sections as `casebook render`


def test_protection_notices_only_where_they_belong(pages):
    assert "Kasus anak: identitas dilindungi" in pages["kasus/K-2025-0104.md"]
    assert "Data sensitif" in pages["kasus/K-2025-0103.md"]
    assert "Kasus anak" not in pages["kasus/K-2025-0102.md"]
    assert "Data sensitif" not in pages["kasus/K-2025-0101.md"]


def test_intern_page_groups_the_logbook_by_week_with_hours(pages):
    page = pages["mahasiswa/bima-pranata-2025.md"]
    assert "### Minggu ke-1: 4–10 Agustus 2025 (13,5 jam)" in page
    assert "### Minggu ke-2: 11–17 Agustus 2025 (6 jam)" in page
    assert "### Minggu ke-7: 15–21 September 2025 (7 jam)" in page
    assert "Logbook memuat 4 entri dengan total 26,5 jam dalam 3 minggu." in page
    assert "Perlu revisi: Lengkapi hasil wawancara keluarga." in page
    assert '[K-2025-0103](../kasus/K-2025-0103.md){ style="white-space: nowrap" }' in page
    assert "| Sen, 4 Agu | Administrasi |" in page
    assert "*Hasil: Genogram dan ekomap keluarga.*" in page


def test_intern_page_profile_supervisors_cases_reflections(pages):
    page = pages["mahasiswa/bima-pranata-2025.md"]
    assert "## Program magang\n\nPraktikum Pekerjaan Sosial II.\n" in page
    assert (
        "**Pembimbing lapangan:** Lestiana Marbun, S.Tr.Sos. (Pekerja Sosial Ahli Muda) dan "
        "Gilang Saputra Wijaya, S.Sos. (Pekerja Sosial Ahli Pertama)" in page
    )
    assert "**Jam setara SKS:** 26,5 dari 180 jam (4 SKS × 45 jam)" in page
    assert "**Kasus:** 4 (2 aktif, 2 ditutup)" in page
    assert "**Jam kerja:** 8 jam per hari, Senin–Jumat" in page
    assert page.index("### Agustus 2025") < page.index("### September 2025")
    assert "**Hambatan.** Antrean pemeriksaan di RSJ panjang." in page


def test_index_pages_group_cases(pages):
    by_status = pages["kasus/index.md"]
    assert "## Aktif (2)" in by_status and "## Ditutup (2)" in by_status
    assert by_status.index("[K-2025-0101](K-2025-0101.md)") < by_status.index("## Ditutup")
    by_category = pages["kasus/kategori.md"]
    assert by_category.index("## Anak Jalanan (1)") < by_category.index(
        "## Lanjut Usia Telantar (1)"
    )
    by_intern = pages["kasus/mahasiswa.md"]
    assert "## [Bima Aditya Pranata](../mahasiswa/bima-pranata-2025.md) (4)" in by_intern
    assert (
        "| [Bima Aditya Pranata](bima-pranata-2025.md) | Universitas Cakrawala Timur"
        in pages["mahasiswa/index.md"]
    )


def test_office_page(pages):
    office = pages["kantor.md"]
    assert office.startswith("# Dinas Sosial Kota Wiramaju")
    assert (
        "| Lestiana Marbun, S.Tr.Sos. | Pekerja Sosial Ahli Muda | "
        "[Bima Aditya Pranata](mahasiswa/bima-pranata-2025.md) | 2 |" in office
    )


def test_english_pages(project):
    english = review_pages(project, lang="en")
    assert english["kasus/index.md"].startswith("# Cases")
    assert "## Logbook" in english["mahasiswa/bima-pranata-2025.md"]


def test_only_renders_the_pages_asked_for(project):
    makers = review_page_makers(project)
    assert set(review_pages(project, only={"kasus/K-2025-0101.md", "nope.md"})) == {
        "kasus/K-2025-0101.md"
    }
    assert len(makers) == len(review_pages(project))


# ---------------------------------------------------------------- navigation


def test_nav_lists_sections_and_indexes_never_cases_or_interns(project, pages):
    nav = build_nav(
        [*pages, "index.md", "panduan.md", "statistik/index.md", "statistik/umur.md"], project, "id"
    )
    assert nav == [
        {"Beranda": "index.md"},
        {"Kasus": ["kasus/index.md", "kasus/kategori.md", "kasus/mahasiswa.md"]},
        {"Mahasiswa": ["mahasiswa/index.md"]},
        {"Statistik": ["statistik/index.md", "statistik/umur.md"]},
        {"Profil kantor": "kantor.md"},
        "panduan.md",
    ]


def test_a_long_section_shows_only_its_index(project):
    many = [f"statistik/tabel-{i:02d}.md" for i in range(12)]
    assert build_nav(["statistik/index.md", *many], project, "id") == [
        {"Statistik": ["statistik/index.md"]}
    ]
    assert build_nav(many, project, "id") == [{"Statistik": many}]


def test_nav_leaves_out_pages_named_after_records_anywhere(project):
    nav = build_nav(
        ["index.md", "laporan/index.md", "laporan/bima-pranata-2025.md", "kasus/2025/deep.md"],
        project,
        "en",
    )
    assert nav == [{"Home": "index.md"}, {"Reports": ["laporan/index.md"]}]


# ---------------------------------------------------------------- the docs tree


def test_content_pages_follow_their_audience_and_data_files_never_copied(copy):
    (copy / "content" / "sub").mkdir(parents=True)
    (copy / "content" / "index.md").write_text("---\naudience: review\n---\n# Beranda\n")
    (copy / "content" / "tentang.md").write_text("# Tentang\n")
    (copy / "content" / "publik.md").write_text("---\naudience: public\n---\n# Publik\n")
    (copy / "content" / "sub" / "data.yaml").write_text("case_id: K-1\n")
    (copy / "content" / "sub" / "foto.png").write_bytes(b"\x89PNG")
    (copy / "content" / ".hidden.md").write_text("# hidden\n")
    assert set(pipeline.content_files(copy, "review")) == {"index.md", "tentang.md", "sub/foto.png"}
    assert set(pipeline.content_files(copy, "public")) == {
        "tentang.md",
        "publik.md",
        "sub/foto.png",
    }


def test_generated_tree_has_a_home_and_no_yaml(copy, tmp_path):
    project, _ = load_project(copy)
    docs = tmp_path / "docs"
    files = pipeline.generate_tree(project, "review", docs)
    assert "index.md" in files  # fallback home: the fixture has no content/
    written = {p.relative_to(docs).as_posix() for p in docs.rglob("*") if p.is_file()}
    assert written == set(files)
    assert not [name for name in written if name.endswith((".yaml", ".yml"))]


def test_content_page_clashing_with_a_generated_page_is_an_error(copy):
    (copy / "content" / "kasus").mkdir(parents=True)
    (copy / "content" / "kasus" / "index.md").write_text("# Mine\n")
    project, _ = load_project(copy)
    with pytest.raises(pipeline.ContentError, match="kasus/index.md"):
        pipeline.tree_files(project, "review")


def test_write_tree_rewrites_only_changes_and_removes_stale_files(tmp_path):
    docs = tmp_path / "docs"
    assert pipeline.write_tree(docs, {"a.md": b"A", "b/c.md": b"C", "old.md": b"O"}) == (3, 0)
    (docs / "assets" / "casebook").mkdir(parents=True)
    (docs / "assets" / "casebook" / "casebook.css").write_text("css")
    before = (docs / "a.md").stat().st_mtime_ns
    assert pipeline.write_tree(docs, {"a.md": b"A", "b/c.md": b"C2"}) == (1, 1)
    assert (docs / "a.md").stat().st_mtime_ns == before
    assert (docs / "b" / "c.md").read_bytes() == b"C2"
    assert not (docs / "old.md").exists()
    assert (docs / "assets" / "casebook" / "casebook.css").is_file()
    assert pipeline.write_tree(docs, {"a.md": b"A", "d/e/f.md": b"F"}) == (1, 1)
    assert not (docs / "b").exists() and (docs / "d" / "e" / "f.md").is_file()
    assert pipeline.write_tree(docs, {"a.md": b"A"}) == (0, 1)
    assert not (docs / "d").exists() and docs.is_dir()  # emptied folders go, deepest first


def test_assemble_tree_encodes_each_page_as_it_takes_it(project):
    generated = pipeline.generated_pages(project, "review")
    from generator.build.descriptions import with_description

    # each page as its producer made it, with its meta description in front (descriptions.py)
    expected = {path: with_description(text).encode("utf-8") for path, text in generated.items()}
    files = pipeline.assemble_tree(project, "review", generated)
    assert generated == {}  # taken, so no page is held twice
    assert list(files)[: len(expected)] == list(expected)  # producers' order kept
    assert {path: files[path] for path in expected} == expected


def test_write_tree_trusts_what_it_wrote_last_but_restores_a_deleted_file(tmp_path, monkeypatch):
    docs = tmp_path / "docs"
    files = {"a.md": b"A", "b.md": b"B"}
    pipeline.write_tree(docs, files)
    (docs / "b.md").unlink()
    read_back: list[Path] = []
    real_read = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda self: read_back.append(self) or real_read(self))
    assert pipeline.write_tree(docs, {"a.md": b"A", "b.md": b"B"}, last=files) == (1, 0)
    assert read_back == [] and (docs / "b.md").read_bytes() == b"B"


def producer(name: str) -> pipeline.Producer:
    """The review audience's producer called ``name``."""
    return next(p for p in pipeline.PRODUCERS["review"] if p.name == name)


def test_a_selective_producer_gets_the_language_and_the_pages_asked_for(project):
    pages = producer("index pages").make(project, "en", {"kantor.md"})
    assert list(pages) == ["kantor.md"] and "## Social workers" in pages["kantor.md"]


# ---------------------------------------------------------------- serve: what a change affects


def test_a_changed_case_affects_its_page_the_indexes_and_its_authors(project):
    changed = [project.cases["K-2025-0102"].path]
    affected = affected_review_pages(changed, project, project)
    assert affected == {"kasus/K-2025-0102.md", "mahasiswa/bima-pranata-2025.md", *INDEX_PAGES}


def test_office_change_affects_everything_and_content_nothing(project):
    assert affected_review_pages([project.root / "office.yaml"], project, project) is None
    assert affected_review_pages([project.root / "content" / "x.md"], project, project) == set()


def test_regenerator_rewrites_what_changed_and_survives_invalid_input(copy, tmp_path, monkeypatch):
    monkeypatch.setitem(pipeline.PRODUCERS, "review", (
        producer("review pages"), producer("index pages")))
    docs, seen = tmp_path / "docs", []
    regenerate = pipeline.Regenerator(copy, "review", docs, on_problems=lambda p, n: seen.append(p))
    assert regenerate.start()
    other = docs / "kasus" / "K-2025-0101.md"
    other_mtime = other.stat().st_mtime_ns
    case_file = copy / "cases" / "K-2025-0102.yaml"
    case_file.write_text(case_file.read_text().replace("alias: Nenek M", "alias: Nenek W"))
    later = regenerate([case_file])
    assert "Nenek W" in (docs / "kasus" / "K-2025-0102.md").read_text()
    assert "Nenek W" not in (docs / "kasus" / "index.md").read_text()  # the index follows
    later()
    assert "Nenek W" in (docs / "kasus" / "index.md").read_text()
    assert other.stat().st_mtime_ns == other_mtime
    good = (docs / "kasus" / "K-2025-0102.md").read_text()
    case_file.write_text(case_file.read_text().replace("sex: perempuan", "sex: wanita"))
    regenerate([case_file])
    assert (docs / "kasus" / "K-2025-0102.md").read_text() == good
    assert any(p.file == "cases/K-2025-0102.yaml" and p.is_error for p in seen[-1])
    case_file.write_text(case_file.read_text().replace("sex: wanita", "sex: perempuan"))
    child_case = copy / "cases" / "K-2025-0104.yaml"  # no logbook entry names it
    child_case.unlink()
    regenerate([case_file, child_case])()
    assert not (docs / "kasus" / "K-2025-0104.md").exists()
    assert "K-2025-0104" not in (docs / "kasus" / "index.md").read_text()


def test_regenerator_defers_summary_pages_until_finish_then_shows_the_latest_save(
    copy, tmp_path, monkeypatch
):
    monkeypatch.setitem(pipeline.PRODUCERS, "review", (
        producer("review pages"), producer("lecturer pages")))
    docs = tmp_path / "docs"
    regenerate = pipeline.Regenerator(copy, "review", docs)
    assert regenerate.start()
    review_page = docs / "telaah" / "bima-pranata-2025.md"
    assert "Nenek M" in review_page.read_text()
    case_file = copy / "cases" / "K-2025-0102.yaml"
    case_file.write_text(case_file.read_text().replace("alias: Nenek M", "alias: Nenek W"))
    later = regenerate([case_file])
    assert "Nenek W" in (docs / "kasus" / "K-2025-0102.md").read_text()
    assert "Nenek M" in review_page.read_text()  # the lecturer's page waits
    case_file.write_text(case_file.read_text().replace("alias: Nenek W", "alias: Nenek X"))
    regenerate([case_file])  # a second save before the first one's summary pages were done
    assert later is not None
    later()
    text = review_page.read_text()
    assert "Nenek X" in text and "Nenek M" not in text and "Nenek W" not in text


def test_regenerator_without_deferrable_producers_leaves_nothing_for_later(
    copy, tmp_path, monkeypatch
):
    monkeypatch.setitem(pipeline.PRODUCERS, "review", (producer("review pages"),))
    regenerate = pipeline.Regenerator(copy, "review", tmp_path / "docs")
    assert regenerate.start()
    assert regenerate([copy / "cases" / "K-2025-0102.yaml"]) is None


# ---------------------------------------------------------------- casebook render


def test_render_command_prints_the_narrative(project):
    result = CliRunner().invoke(cli, ["render", "K-2025-0104", "--project", str(FIXTURE)])
    assert result.exit_code == 0, result.output
    expected = render_narrative(
        project.cases["K-2025-0104"].case, project.taxonomy, "id", people_names(project)
    )
    assert result.stdout == expected


def test_render_command_accepts_a_file_and_english():
    path = FIXTURE / "cases" / "K-2025-0101.yaml"
    result = CliRunner().invoke(cli, ["render", str(path), "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("# Case K-2025-0101: Klien P\n")


def test_render_command_reports_an_unknown_case_or_the_errors_of_its_file(copy):
    unknown = CliRunner().invoke(cli, ["render", "K-0000", "--project", str(copy)])
    assert unknown.exit_code == 1 and "K-0000" in unknown.stderr
    case_file = copy / "cases" / "K-2025-0101.yaml"
    case_file.write_text(case_file.read_text().replace("sex: laki_laki", "sex: pria"))
    broken = CliRunner().invoke(cli, ["render", "K-2025-0101", "--project", str(copy)])
    assert broken.exit_code == 1
    assert re.search(r"cases/K-2025-0101\.yaml:\d+:\d+ ", broken.stderr)
    assert broken.stdout == ""


def test_the_command_line_offers_every_audience_of_the_pipeline():
    from generator.build import AUDIENCES

    assert AUDIENCES == pipeline.audiences()
