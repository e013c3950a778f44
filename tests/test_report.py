"""The generated laporan magang and article (generator.render.report): structure, goldens, citations."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from generator.build.project import load_project
from generator.render.report import (
    ReportError,
    build_report,
    chapter_name,
    renumber,
    week_number,
    weeks,
    working_days_phrase,
)

TESTS = Path(__file__).resolve().parent
SAMPLE = TESTS.parent
GOLDEN = TESTS / "golden" / "reports"
GOLDEN_INTERN = "dewi-lestari-2025"
SAMPLE_INTERNS = sorted(
    p.name for p in (SAMPLE / "interns").iterdir() if (p / "intern.yaml").is_file()
)


@pytest.fixture(autouse=True)
def pinned_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CASEBOOK_TODAY", "2026-11-22")


@pytest.fixture(scope="module")
def sample():
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CASEBOOK_TODAY", "2026-11-22")
        project, _ = load_project(SAMPLE)
    return project


def headings(markdown: str, level: int) -> list[str]:
    return re.findall(rf"^{'#' * level} (.+)$", markdown, flags=re.MULTILINE)


# ---------------------------------------------------------------- every sample intern, both modes


@pytest.mark.parametrize("intern_id", SAMPLE_INTERNS)
def test_report_mode_has_the_usual_structure(sample, intern_id):
    report = build_report(sample, intern_id, mode="report")
    markdown = report.markdown
    assert markdown.startswith('<div class="title-page" markdown="1">')
    chapters = [h for h in headings(markdown, 1) if h.startswith("BAB")]
    assert chapters == [
        "BAB I PENDAHULUAN",
        "BAB II PROFIL LEMBAGA",
        "BAB III PELAKSANAAN KEGIATAN",
        "BAB IV STUDI KASUS",
        "BAB V PENUTUP",
    ]
    top = headings(markdown, 1)
    assert top.index("LEMBAR PERSETUJUAN") < top.index("BAB I PENDAHULUAN")
    assert top[-2:] == ["DAFTAR PUSTAKA", "LAMPIRAN"]
    assert markdown.index("[TOC]") < markdown.index("# BAB I")
    assert "## 1.3 Waktu dan Tempat" in markdown or "Waktu dan Tempat" in markdown
    assert (
        "| Minggu | Tanggal | Kegiatan utama | Jam | Status validasi |" in markdown
        or "*Logbook belum berisi entri.*" in markdown
    )
    assert (
        "## Lampiran 1 Logbook Kegiatan" in markdown
        and "## Lampiran 2 Rekapitulasi Kasus" in markdown
    )
    intern = sample.interns[intern_id].intern
    assert intern.name in markdown and intern.university.upper() in markdown
    assert report.title and report.author == intern.name


@pytest.mark.parametrize("intern_id", SAMPLE_INTERNS)
def test_article_mode_has_the_journal_shape(sample, intern_id):
    markdown = build_report(sample, intern_id, mode="article").markdown
    assert len(headings(markdown, 1)) == 1
    assert headings(markdown, 2) == [
        "Pendahuluan",
        "Metode",
        "Hasil dan Pembahasan",
        "Kesimpulan",
        "Daftar Pustaka",
    ]
    assert "**Abstrak**" in markdown and "**Kata kunci:**" in markdown
    assert "BAB " not in markdown and "[TOC]" not in markdown


@pytest.mark.parametrize("intern_id", SAMPLE_INTERNS)
def test_reports_are_deterministic(intern_id):
    first, _ = load_project(SAMPLE)
    second, _ = load_project(SAMPLE)
    for mode in ("report", "article"):
        assert (
            build_report(first, intern_id, mode=mode).markdown
            == build_report(second, intern_id, mode=mode).markdown
        )


@pytest.mark.parametrize("mode", ["report", "article"])
def test_golden_report(sample, mode, update_goldens):
    markdown = build_report(sample, GOLDEN_INTERN, mode=mode).markdown
    golden = GOLDEN / f"{GOLDEN_INTERN}{'' if mode == 'report' else '-artikel'}.md"
    if update_goldens:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(markdown, encoding="utf-8")
    assert golden.is_file(), "run pytest --update-goldens to create the golden file"
    assert markdown == golden.read_text(encoding="utf-8")


# ---------------------------------------------------------------- content from the data


def test_front_matter_names_intern_and_signatories(sample):
    markdown = build_report(sample, GOLDEN_INTERN).markdown
    front = markdown[: markdown.index("# BAB I")]
    assert "NIM 2110611042" in front
    assert "| Dosen Pembimbing | Pembimbing Lapangan |" in front
    assert "NIDN 0012078402" in front and "Ketua Program Studi Ilmu Kesejahteraan Sosial" in front
    assert "# KATA PENGANTAR" in front
    assert "(20 SKS)" in front


def test_weekly_table_matches_the_logbook(sample):
    doc = sample.interns[GOLDEN_INTERN]
    raw = yaml.safe_load((SAMPLE / "interns" / GOLDEN_INTERN / "logbook.yaml").read_text("utf-8"))
    start = doc.intern.placement.start
    expected: dict[int, float] = {}
    for entry in raw["entries"]:
        day = entry["date"]
        week = (
            day - (start - __import__("datetime").timedelta(days=start.weekday()))
        ).days // 7 + 1
        expected[week] = expected.get(week, 0) + entry["hours"]
    markdown = build_report(sample, GOLDEN_INTERN).markdown
    table = markdown[markdown.index("| Minggu |") :].split("\n\n")[0].splitlines()[2:]
    found = {
        int(row.split("|")[1]): float(row.split("|")[4].strip().replace(",", ".")) for row in table
    }
    assert found == expected


def test_citations_in_chapters_are_rendered_and_listed(sample):
    markdown = build_report(sample, GOLDEN_INTERN).markdown
    assert "(Wibowo, 2019, hlm. 45)" in markdown
    assert "[@" not in markdown
    references = markdown[markdown.index('<div class="references"') :]
    assert "Wibowo, A. S. (2019). *Manajemen kasus dalam praktik pekerjaan sosial*." in references


def test_case_studies_use_alias_and_drop_internal_place_names(sample):
    markdown = build_report(sample, GOLDEN_INTERN).markdown
    case = sample.cases["K-2025-0001"].case
    study = markdown[markdown.index("# BAB IV") : markdown.index("# BAB V")]
    assert f"## 4.1 {case.client.alias} (K-2025-0001)" in study
    assert "### 4.1.1 " in study
    for referral in case.referrals:
        if referral.facility:
            assert referral.facility not in markdown
    if case.intake.district:
        assert case.intake.district not in markdown


def test_unresolved_citation_is_a_problem_at_the_chapter_line(sample_copy):
    chapter = sample_copy / "interns" / GOLDEN_INTERN / "chapters" / "penutup.md"
    chapter.write_text(
        "## Kesimpulan\n\nSeperti ditulis [@tidak-ada, hlm. 2], magang berguna.\n", encoding="utf-8"
    )
    project, _ = load_project(sample_copy)
    report = build_report(project, GOLDEN_INTERN)
    assert "(**tidak-ada?**)" in report.markdown
    [problem] = report.problems
    assert (problem.file, problem.line, problem.column, problem.code) == (
        f"interns/{GOLDEN_INTERN}/chapters/penutup.md",
        3,
        18,
        "citation.unresolved",
    )


def _add_case(folder: Path, case_id: str, **changes) -> None:
    """A copy of the sample case under another id, with some fields changed."""
    data = yaml.safe_load((SAMPLE / "cases" / "K-2025-0001.yaml").read_text("utf-8"))
    data["case_id"] = case_id
    for dotted, value in changes.items():
        target = data
        *path, last = dotted.split(".")
        for key in path:
            target = target[key]
        target[last] = value
    (folder / "cases" / f"{case_id}.yaml").write_text(
        yaml.safe_dump(data, allow_unicode=True), "utf-8"
    )


def _choose_cases(folder: Path, *case_ids: str) -> None:
    chapter = folder / "interns" / GOLDEN_INTERN / "chapters" / "studi-kasus.md"
    chapter.write_text(
        f"---\nkasus: [{', '.join(case_ids)}]\n---\n\nPembahasan singkat.\n", "utf-8"
    )


def test_cases_without_publication_consent_are_counted_not_told(sample_copy):
    _add_case(
        sample_copy,
        "K-2025-0901",
        **{
            "client.alias": "Klien Z",
            "consent.publication": False,
            "publication.audience": "review",
        },
    )
    _choose_cases(sample_copy, "K-2025-0901", "K-2025-0001")
    project, problems = load_project(sample_copy)
    assert not [p for p in problems if p.is_error and "0901" in p.file]
    markdown = build_report(project, GOLDEN_INTERN).markdown
    study = markdown[markdown.index("# BAB IV") : markdown.index("# BAB V")]
    assert "Klien Z" not in study
    assert "## 4.1 Klien A (K-2025-0001)" in study
    assert "1 kasus lain tidak diuraikan karena tidak ada persetujuan publikasi" in study
    total = sum(GOLDEN_INTERN in doc.index.authors for doc in project.cases.values())
    appendix = markdown[markdown.index("## Lampiran 2") :]
    assert f"Penulis menangani {total} kasus selama magang." in appendix
    if total > 2:
        assert f"penulis menangani {total - 2} kasus lain yang tidak dipilih" in study


def test_case_studies_follow_the_chosen_order_and_unknown_choices_are_reported(sample_copy):
    _add_case(sample_copy, "K-2025-0903", **{"client.alias": "Klien Y"})
    project, _ = load_project(sample_copy)
    consenting = sorted(
        case_id
        for case_id, doc in project.cases.items()
        if GOLDEN_INTERN in doc.index.authors and doc.case.consent.publication
    )
    chosen = list(reversed(consenting[:2]))
    _choose_cases(sample_copy, *chosen, "K-2099-0001")
    project, problems = load_project(sample_copy)
    study = build_report(project, GOLDEN_INTERN).markdown.split("# BAB IV")[1].split("# BAB V")[0]
    numbered = re.findall(r"^## 4\.\d+ .*\((K-[\d-]+)\)$", study, flags=re.MULTILINE)
    assert numbered == chosen
    assert f"## 4.{len(chosen) + 1} Pembahasan" in study
    [unknown] = [p for p in problems if p.code == "chapter.unknown_case"]
    assert (unknown.file, unknown.line) == (f"interns/{GOLDEN_INTERN}/chapters/studi-kasus.md", 2)


def test_article_leaves_out_childrens_cases(sample_copy):
    _add_case(
        sample_copy,
        "K-2025-0902",
        **{
            "client.alias": "Klien Anak",
            "client.age": 12,
            "classification.ppks": "anak_jalanan",
            "classification.subgroups": [],
            "publication.audience": "review",
        },
    )
    _choose_cases(sample_copy, "K-2025-0001", "K-2025-0902")
    project, problems = load_project(sample_copy)
    assert not [p for p in problems if p.is_error and "0902" in p.file], problems
    assert "Klien Anak" in build_report(project, GOLDEN_INTERN, mode="report").markdown
    assert "Klien Anak" not in build_report(project, GOLDEN_INTERN, mode="article").markdown


def test_missing_chapters_are_marked_not_invented(sample_copy):
    for chapter in (sample_copy / "interns" / GOLDEN_INTERN / "chapters").glob("*.md"):
        chapter.unlink()
    project, _ = load_project(sample_copy)
    report = build_report(project, GOLDEN_INTERN).markdown
    assert "*Bagian ini belum ditulis (chapters/pendahuluan.md).*" in report
    assert "*Bagian ini belum ditulis (chapters/penutup.md).*" in report
    assert "# KATA PENGANTAR" not in report
    article = build_report(project, GOLDEN_INTERN, mode="article").markdown
    assert "*Bagian ini belum ditulis (chapters/abstrak.md).*" in article
    assert "Tulisan ini merupakan studi kasus" in article  # generated Metode


def test_unknown_intern_or_mode(sample):
    with pytest.raises(ReportError):
        build_report(sample, "tidak-ada")
    with pytest.raises(ReportError):
        build_report(sample, GOLDEN_INTERN, mode="skripsi")


# ---------------------------------------------------------------- helpers


def test_renumber_shifts_and_numbers_headings():
    prose = "# Pendahuluan\n\nPembuka.\n\n## Latar Belakang\n\nA.\n\n### Rincian\n\nB.\n\n## 2.1 Tujuan\n\nC.\n"
    text, following = renumber(prose, "1", first=1)
    assert headings(text, 2) == ["1.1 Latar Belakang", "1.2 Tujuan"]
    assert headings(text, 3) == ["1.1.1 Rincian"]
    assert "# Pendahuluan" not in text and following == 3
    plain, after = renumber("Teks saja.", "5", first=2, default_title="Kesimpulan")
    assert plain.startswith("## 5.2 Kesimpulan") and after == 3
    fenced, _ = renumber("## A\n\n```\n# bukan judul\n```\n", "3")
    assert "# bukan judul" in fenced and "## 3.1 A" in fenced


def test_small_helpers():
    assert chapter_name("01-pendahuluan") == "pendahuluan"
    assert working_days_phrase(["mon", "tue", "wed", "thu", "fri"]) == "Senin sampai Jumat"
    assert working_days_phrase(["mon", "sat"]) == "Senin dan Sabtu"
    import datetime as dt

    start = dt.date(2025, 2, 19)  # a Wednesday: week 1 runs to Sunday 23 February
    assert (
        week_number(start, dt.date(2025, 2, 23)) == 1
        and week_number(start, dt.date(2025, 2, 24)) == 2
    )
    assert weeks([], start) == []


def test_unreadable_front_matter_is_reported(sample_copy):
    chapter = sample_copy / "interns" / GOLDEN_INTERN / "chapters" / "studi-kasus.md"
    chapter.write_text("---\nkasus: [K-2025-0001\n---\n\nTeks.\n", "utf-8")
    _, problems = load_project(sample_copy)
    [problem] = [p for p in problems if p.code == "chapter.front_matter"]
    assert problem.file == f"interns/{GOLDEN_INTERN}/chapters/studi-kasus.md" and problem.line == 1
