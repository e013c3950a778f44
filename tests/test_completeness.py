"""The lecturer's figures and review pages, checked against an independent reading of the YAML."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import yaml

from generator.build.project import load_project
from generator.model.records import Rubric
from generator.render.review import COHORT_PAGE, REVIEW_PAGE, lecturer_pages
from generator.stats.completeness import grade_for, intern_figures, weighted_total, working_days

TESTS = Path(__file__).resolve().parent
SAMPLE = TESTS.parent
TODAY = dt.date(2026, 11, 22)
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
MANDATORY_DEFAULT = ("mon", "tue", "wed", "thu", "fri")


@pytest.fixture(autouse=True)
def pinned_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CASEBOOK_TODAY", TODAY.isoformat())
    monkeypatch.setenv("CASEBOOK_EXPORTS", "none")  # casebook.yml may ask for exports


def read(path: Path):
    return yaml.safe_load(path.read_text(encoding="utf-8")) if path.is_file() else None


# ---------------------------------------------------------------- an independent computation


def expected_figures(root: Path, intern_id: str, problem_files: set[str]) -> dict:
    """The cohort figures of one intern, computed from the raw YAML without generator code."""
    folder = root / "interns" / intern_id
    intern = read(folder / "intern.yaml")
    entries = (read(folder / "logbook.yaml") or {}).get("entries", [])
    holidays = {h["date"] for h in (read(root / "holidays.yaml") or {}).get("holidays", [])}
    placement = intern["placement"]
    allowed = {WEEKDAYS.index(d) for d in placement.get("working_days", MANDATORY_DEFAULT)}
    days, day = [], placement["start"]
    while day <= min(placement["end"], TODAY):
        if day.weekday() in allowed and day not in holidays:
            days.append(day)
        day += dt.timedelta(days=1)
    written = {entry["date"] for entry in entries}
    programme = intern["programme"]
    credits = sum(course["credits"] for course in programme.get("courses", []))
    cases = [
        (path, case)
        for path in sorted((root / "cases").rglob("*.yaml"))
        if intern_id in (case := read(path))["record"]["authors"]
    ]
    return {
        "days": (sum(d in written for d in days), len(days)),
        "hours": (
            sum(e["hours"] for e in entries),
            credits * programme.get("hours_per_credit", 45),
        ),
        "unvalidated": sum(
            (e.get("validation") or {}).get("status", "draft") != "validated" for e in entries
        ),
        "complete": sum(
            not missing_stage_dates(case) and path.relative_to(root).as_posix() not in problem_files
            for path, case in cases
        ),
        "consent": sum(consent_complete(case, chosen_cases(folder)) for _, case in cases),
        "cases": len(cases),
        "score": expected_score(root, folder),
    }


def stage_table() -> dict[str, tuple[int, bool]]:
    raw = read(SAMPLE / "generator" / "model" / "taxonomies" / "casework.yaml")
    return {e["code"]: (e["order"], e["optional"]) for e in raw["vocabularies"]["stage"]["entries"]}


def outcome_groups() -> dict[str, str]:
    raw = read(SAMPLE / "generator" / "model" / "taxonomies" / "casework.yaml")
    return {e["code"]: e.get("group") for e in raw["vocabularies"]["outcome"]["entries"]}


def missing_stage_dates(case: dict) -> list[str]:
    stages, table = case.get("stages") or {}, stage_table()
    reached = max((table[s][0] for s in stages), default=1)
    closure = case.get("closure")
    if closure and outcome_groups().get(closure["outcome"]) in ("disengaged", "other"):
        reached = max((table[s][0] for s in stages if s != "termination"), default=0) + 1
    return [
        code
        for code, (order, optional) in table.items()
        if not optional and order < reached and code not in stages
    ]


def consent_complete(case: dict, chosen: list[str] | None) -> bool:
    """Consent details filled in (only the legal basis under an override), and the case not left
    out of the report: chosen for the case studies (all cases when none are listed) without
    consent to publication."""
    consent = case["consent"]
    details = ("legal_basis",) if consent.get("override") else ("date", "form", "legal_basis")
    told = chosen is None or case["case_id"] in chosen
    left_out = told and not consent.get("publication")
    return not left_out and all(consent.get(k) for k in details)


def chosen_cases(folder: Path) -> list[str] | None:
    """The ``kasus:`` list of the front matter of chapters/studi-kasus.md, if any."""
    path = folder / "chapters" / "studi-kasus.md"
    if not path.is_file():
        return None
    text = path.read_text(encoding="utf-8")
    if not text.startswith("---"):
        return None
    meta = yaml.safe_load(text.split("---")[1]) or {}
    chosen = meta.get("kasus")
    return [str(c) for c in chosen] if isinstance(chosen, list) else None


def expected_score(root: Path, folder: Path) -> float | None:
    review, rubric = read(folder / "review.yaml"), read(root / "rubric.yaml")
    if not review or not rubric or not review.get("scores"):
        return None
    scored = [
        (a["weight"], review["scores"][a["id"]])
        for a in rubric["aspects"]
        if a["id"] in review["scores"]
    ]
    return round(sum(w * s for w, s in scored) / sum(w for w, _ in scored), 2)


def cohort_rows(page: str) -> dict[str, list[str]]:
    """The cohort table's cells by intern id (from the link target)."""
    rows = {}
    for line in page.splitlines():
        match = re.match(r"^\| \[[^\]]+\]\(([^)]+)\.md\) \|(.*)\|$", line)
        if match:
            rows[match.group(1)] = [cell.strip() for cell in match.group(2).split("|")]
    return rows


def shown(value: float) -> str:
    return f"{round(value, 2):g}".replace(".", ",")


def test_cohort_page_lists_every_intern_with_figures_confirmed_independently():
    project, problems = load_project(SAMPLE)
    page = lecturer_pages(project)[COHORT_PAGE]
    rows = cohort_rows(page)
    interns = sorted(
        p.name for p in (SAMPLE / "interns").iterdir() if (p / "intern.yaml").is_file()
    )
    assert sorted(rows) == interns
    problem_files = {p.file for p in problems}
    for intern_id in interns:
        want = expected_figures(SAMPLE, intern_id, problem_files)
        days, hours, unvalidated, complete, consent, citations, _status, score = rows[intern_id]
        covered, total = want["days"]
        assert days == f"{'✓' if covered >= total else '⚠'} {covered}/{total}"
        logged, required = want["hours"]
        assert hours == f"{'✓' if logged >= required else '⚠'} {shown(logged)}/{shown(required)}"
        assert unvalidated == f"{'✓' if not want['unvalidated'] else '⚠'} {want['unvalidated']}"
        assert complete.endswith(f" {want['complete']}/{want['cases']}")
        assert complete.startswith("✓" if want["complete"] == want["cases"] else "⚠")
        assert (
            consent
            == f"{'✓' if want['consent'] == want['cases'] else '⚠'} {want['consent']}/{want['cases']}"
        )
        assert citations.startswith(("✓", "⚠"))
        if want["score"] is None:
            assert score == "—"
        else:
            assert score.startswith(shown(want["score"]))


def test_sample_figures_of_the_first_intern():
    """Pinned numbers for the sample intern, so a regression in both computations is caught."""
    project, problems = load_project(SAMPLE)
    figures = intern_figures(project, "dewi-lestari-2025", problems)
    # 17 Feb – 27 Jun 2025 has 95 weekdays; 16 of them are holidays or cuti bersama in holidays.yaml.
    assert figures.logbook.working_days == 79
    assert figures.logbook.hours_required == 900
    assert (
        figures.scores.total == 73.75
        and figures.scores.grade == "B+"
        and figures.scores.provisional
    )


# ---------------------------------------------------------------- pure pieces


def test_working_days_skip_weekends_and_holidays():
    days = working_days(
        dt.date(2025, 3, 27),
        dt.date(2025, 4, 8),
        MANDATORY_DEFAULT,
        [dt.date(2025, 3, 28), dt.date(2025, 3, 31)],
    )
    assert days == [
        dt.date(2025, 3, 27),
        dt.date(2025, 4, 1),
        dt.date(2025, 4, 2),
        dt.date(2025, 4, 3),
        dt.date(2025, 4, 4),
        dt.date(2025, 4, 7),
        dt.date(2025, 4, 8),
    ]
    assert len(working_days(dt.date(2025, 3, 1), dt.date(2025, 3, 31), ["sat"])) == 5


def test_weighted_total_and_grade():
    rubric = Rubric.model_validate(
        {
            "name": "R",
            "aspects": [
                {"id": "a", "label": {"id": "A"}, "weight": 3},
                {"id": "b", "label": {"id": "B"}, "weight": 1},
            ],
            "grades": [
                {"min": 80, "grade": "A"},
                {"min": 70, "grade": "B"},
                {"min": 0, "grade": "E"},
            ],
        }
    )
    full = weighted_total({"a": 90, "b": 50}, rubric)
    assert (full.total, full.grade, full.provisional) == (80.0, "A", False)
    partial = weighted_total({"b": 75}, rubric)
    assert (partial.total, partial.grade, partial.scored, partial.provisional) == (
        75.0,
        "B",
        1,
        True,
    )
    assert weighted_total({}, rubric).total is None
    assert grade_for(69.99, rubric) == "E"


# ---------------------------------------------------------------- the intern's review page


def test_review_record_renders_on_the_intern_page_next_to_its_anchors():
    project, _ = load_project(SAMPLE)
    page = lecturer_pages(project)[REVIEW_PAGE.format("dewi-lestari-2025")]
    review = read(SAMPLE / "interns" / "dewi-lestari-2025" / "review.yaml")
    week_comment = next(c for c in review["comments"] if c.get("week"))
    week_row = next(line for line in page.splitlines() if f"| {week_comment['week']} |" in line)
    assert week_comment["text"] in week_row
    case_comment = next(c for c in review["comments"] if c.get("case"))
    case_block = page[page.index(f"### {case_comment['case']} · ") :]
    assert case_comment["text"] in case_block.split("\n### ")[0]
    chapter_comment = next(c for c in review["comments"] if c.get("chapter") == "pendahuluan")
    chapter_block = page[page.index("### Pendahuluan") :].split("\n### ")[0]  # by its title
    assert chapter_comment["text"] in chapter_block
    rubric = read(SAMPLE / "rubric.yaml")
    for aspect in rubric["aspects"]:
        row = next(
            line for line in page.splitlines() if line.startswith(f"| {aspect['label']['id']} |")
        )
        score = review["scores"].get(aspect["id"])
        assert (f"| {shown(score)} |" if score is not None else "| — |") in row
    assert "| **Nilai akhir** | 100% |  | **73,75 (B+), sementara 4/5 aspek** |" in page
    assert "**Status:** Perlu perbaikan" in page


def test_cohort_page_shows_open_comments_with_their_anchors():
    project, _ = load_project(SAMPLE)
    page = lecturer_pages(project)[COHORT_PAGE]
    assert "- **Kasus K-2025-0001**: Jelaskan mengapa konseling keluarga" in page
    # weeks named as on the intern page, chapters by their titles
    assert "- **Logbook Minggu ke-5 (17 Maret 2025)**: " in page
    assert "- **Bab: Pendahuluan**: " in page
    assert "Tabel kegiatan mingguan sudah sesuai." not in page  # resolved comments stay off


def test_case_problems_and_missing_consent_show_on_the_review_page(sample_copy):
    path = sample_copy / "cases" / "K-2025-0001.yaml"
    data = read(path)
    data["consent"].pop("date")
    data["consent"]["publication"] = False
    data["publication"]["audience"] = "review"
    del data["stages"]["planning"]
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    project, problems = load_project(sample_copy)
    figures = intern_figures(project, "dewi-lestari-2025", problems)
    case = next(c for c in figures.cases if c.case_id == "K-2025-0001")
    assert case.missing_stages == ("planning",) and case.consent_missing == ("date",)
    assert not case.publication_consent and not figures.consent_ok and not figures.cases_ok
    page = lecturer_pages(project)[REVIEW_PAGE.format("dewi-lestari-2025")]
    row = next(line for line in page.splitlines() if line.startswith("| [K-2025-0001]"))
    assert "⚠ Rencana intervensi" in row
    assert "⚠ tanpa persetujuan publikasi; belum diisi: date" in row
    cohort = cohort_rows(lecturer_pages(project)[COHORT_PAGE])["dewi-lestari-2025"]
    assert cohort[3].startswith("⚠") and cohort[4].startswith("⚠")


def test_download_links_follow_the_exports_setting(monkeypatch):
    from generator.export.downloads import download_formats

    def page_of(project):  # the formats come from the build, as in pipeline.PRODUCERS
        pages = lecturer_pages(project, formats=download_formats(project))
        return pages[REVIEW_PAGE.format("dewi-lestari-2025")]

    project, _ = load_project(SAMPLE)
    assert "unduh/" not in page_of(project)
    monkeypatch.setenv("CASEBOOK_EXPORTS", "pdf, docx")
    page = page_of(project)
    assert "[DOCX](../laporan/unduh/dewi-lestari-2025.docx)" in page
    assert "[PDF](../laporan/unduh/dewi-lestari-2025.pdf)" in page


# ---------------------------------------------------------------- casebook check validates review records


def _check(project: Path) -> list[tuple[str, str, int]]:
    _, problems = load_project(project)
    return [
        (p.code, p.path, p.line)
        for p in problems
        if p.file.endswith(("review.yaml", "rubric.yaml"))
    ]


def test_review_record_rules(sample_copy):
    path = sample_copy / "interns" / "dewi-lestari-2025" / "review.yaml"
    text = path.read_text(encoding="utf-8")
    text = (
        text.replace("status: changes_requested", "status: approved")
        .replace("case: K-2025-0001", "case: K-2025-9999")
        .replace("week: 2025-W12", "week: 2025-W40")
        .replace("chapter: pendahuluan", "chapter: pendahuluann")
        .replace("lecturer: DSN-01", "lecturer: DSN-99")
    )
    path.write_text(text, encoding="utf-8")
    found = _check(sample_copy)
    line_of = {
        key: i + 1
        for i, line in enumerate(text.splitlines())
        for key in ("status:", "lecturer:", "K-2025-9999", "2025-W40", "pendahuluann")
        if key in line
    }
    assert ("review_record.lecturer", "lecturer", line_of["lecturer:"]) in found
    assert ("review_record.approved_date", "status", line_of["status:"]) in found
    assert ("review_record.anchor_case", "comments[0].case", line_of["K-2025-9999"]) in found
    assert ("review_record.anchor_week", "comments[1].week", line_of["2025-W40"]) in found
    assert ("review_record.anchor_chapter", "comments[2].chapter", line_of["pendahuluann"]) in found


def test_scores_outside_0_to_100_are_schema_errors(sample_copy):
    path = sample_copy / "interns" / "dewi-lestari-2025" / "review.yaml"
    text = path.read_text(encoding="utf-8") + "  presentasi: 101\n"
    path.write_text(text, encoding="utf-8")
    assert _check(sample_copy) == [("field.range", "scores.presentasi", len(text.splitlines()))]


def test_approval_needs_every_aspect_scored_and_known_aspects(sample_copy):
    path = sample_copy / "interns" / "dewi-lestari-2025" / "review.yaml"
    text = path.read_text(encoding="utf-8").replace(
        "status: changes_requested", "status: approved\napproved: 2025-07-10"
    )
    path.write_text(text + "  kreativitas: 90\n", encoding="utf-8")
    codes = {code: p for code, p, _ in _check(sample_copy)}
    assert set(codes) == {"review_record.unscored", "review_record.unknown_aspect"}
    _, problems = load_project(sample_copy)
    unscored = next(p for p in problems if p.code == "review_record.unscored")
    assert (
        unscored.message("id") == "telaah disetujui tetapi aspek berikut belum dinilai: presentasi"
    )


def test_comment_with_two_anchors_and_duplicate_rubric_aspect(sample_copy):
    path = sample_copy / "interns" / "dewi-lestari-2025" / "review.yaml"
    text = path.read_text(encoding="utf-8").replace(
        "  - week: 2025-W12\n", "  - week: 2025-W12\n    case: K-2025-0001\n"
    )
    path.write_text(text, encoding="utf-8")
    rubric = sample_copy / "rubric.yaml"
    rubric.write_text(
        rubric.read_text(encoding="utf-8").replace("- id: bahasa", "- id: sistematika"), "utf-8"
    )
    codes = [code for code, _, _ in _check(sample_copy)]
    assert "review_record.anchor_many" in codes and "rubric.duplicate_aspect" in codes


def test_scores_without_a_rubric_are_a_warning(sample_copy):
    (sample_copy / "rubric.yaml").unlink()
    _, problems = load_project(sample_copy)
    [problem] = [p for p in problems if p.file.endswith("review.yaml")]
    assert problem.code == "review_record.no_rubric" and not problem.is_error


def test_repeated_grade_bound_is_an_error(sample_copy):
    rubric = sample_copy / "rubric.yaml"
    rubric.write_text(
        rubric.read_text("utf-8").replace("{min: 75, grade: A-}", "{min: 80, grade: A-}"), "utf-8"
    )
    found = _check(sample_copy)
    assert [code for code, _, _ in found] == ["rubric.duplicate_grade"]
    assert found[0][1] == "grades[1].min"


def test_comment_author_is_shown_by_name(sample_copy):
    project, _ = load_project(sample_copy)
    page = lecturer_pages(project)[REVIEW_PAGE.format("dewi-lestari-2025")]
    lecturer = project.interns["dewi-lestari-2025"].intern.supervisors.academic[0].name
    assert f'!!! warning "Komentar {lecturer} — 3 Juli 2025"' in page
