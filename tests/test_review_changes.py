"""What changed since the last review is marked on the changed parts' own pages.

A review records its basis (what the bundle showed); a chapter, a logbook week and a case are
then changed; the rebuilt review site marks exactly those: the case page, the week on the
intern page, the chapter's part on the report page and in the review page's chapter list, and
the cohort page counts them.
"""

from __future__ import annotations

import html
import re

import pytest
import yaml
from conftest import copy_sample

from generator.build.pipeline import build
from generator.build.project import load_project
from generator.model.changes import basis_of

pytestmark = pytest.mark.slow
INTERN = "dewi-lestari-2025"
CASE = "K-2025-0001"
WEEK_DAY = "2025-02-19"  # placement week 1 (the placement starts on Mon 17 Feb 2025)
MARK = re.compile(r'<p class="casebook-changed"[^>]*>\s*<strong>([^<]+)</strong>')


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory):
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CASEBOOK_TODAY", "2026-11-22")
        patch.setenv("CASEBOOK_EXPORTS", "none")
        root = copy_sample(tmp_path_factory.mktemp("changes") / "project")
        record_basis(root)
        change_the_parts(root)
        out = tmp_path_factory.mktemp("changes-site")
        result = build(root, audiences=("review",), out=out)
    assert result.ok, result.error
    return out / "review"


def record_basis(root) -> None:
    """What a bundle made now would record, stored in review.yaml as an import stores it."""
    project, problems = load_project(root)
    assert not [p for p in problems if p.is_error]
    basis = basis_of(project.interns[INTERN], project)
    review_file = root / "interns" / INTERN / "review.yaml"
    review = yaml.safe_load(review_file.read_text(encoding="utf-8"))
    review["basis"] = basis
    review_file.write_text(yaml.safe_dump(review, allow_unicode=True, sort_keys=False),
                           encoding="utf-8")


def change_the_parts(root) -> None:
    chapter = root / "interns" / INTERN / "chapters" / "pendahuluan.md"
    chapter.write_text(chapter.read_text(encoding="utf-8") + "\nParagraf baru setelah telaah.\n",
                       encoding="utf-8")
    logbook = root / "interns" / INTERN / "logbook.yaml"
    text = logbook.read_text(encoding="utf-8")
    at = text.index(f"- date: {WEEK_DAY}")
    hours = text.index("hours: 8", at)
    logbook.write_text(text[:hours] + "hours: 7" + text[hours + len("hours: 8"):], encoding="utf-8")
    case = root / "cases" / f"{CASE}.yaml"
    case.write_text(case.read_text(encoding="utf-8").replace(
        "presenting_problem: >\n", "presenting_problem: >\n    Diperbarui setelah telaah.\n", 1),
        encoding="utf-8")


def page(site, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def marks(text: str) -> list[str]:
    return [html.unescape(m) for m in MARK.findall(text)]


def heading_before_each_mark(text: str) -> list[str]:
    """The text of the last h1–h3 before each mark."""
    found = []
    for match in MARK.finditer(text):
        before = re.findall(r"<h[1-3][^>]*>(.*?)</h[1-3]>", text[:match.start()], re.DOTALL)
        found.append(html.unescape(re.sub(r"<[^>]+>", "", before[-1])).replace("¶", "").strip())
    return found


def test_the_changed_case_page_is_marked_and_no_other(site):
    assert marks(page(site, f"kasus/{CASE}/index.html")) == ["Berubah sejak telaah terakhir"]
    others = [p for p in (site / "kasus").glob("K-*/index.html") if p.parent.name != CASE]
    assert len(others) > 10
    assert [p for p in others if marks(p.read_text(encoding="utf-8"))] == []


def test_the_changed_logbook_week_is_marked_on_the_intern_page(site):
    intern = page(site, f"mahasiswa/{INTERN}/index.html")
    weeks = heading_before_each_mark(intern)
    assert [week.split(":")[0] for week in weeks] == ["Minggu ke-1"]
    assert weeks[0].startswith("Minggu ke-1: 17–23 Februari 2025")
    for other in ("fajar-nugroho-2025", "intan-kusuma-2025"):  # no basis: nothing marked
        assert marks(page(site, f"mahasiswa/{other}/index.html")) == []


def test_the_changed_chapter_is_marked_in_the_report_and_the_review_page(site):
    report = page(site, f"laporan/{INTERN}/index.html")
    assert heading_before_each_mark(report) == ["BAB I PENDAHULUAN"]
    review = page(site, f"telaah/{INTERN}/index.html")
    assert heading_before_each_mark(review) == ["Pendahuluan"]
    assert "1 bab, 1 minggu logbook, 1 kasus berubah" in review


def test_the_cohort_page_counts_the_changes(site):
    cohort = page(site, "telaah/index.html")
    assert "<th>Berubah</th>" in cohort
    assert "Dewi Lestari" in cohort and "1 bab, 1 minggu logbook, 1 kasus berubah" in cohort
    row = re.search(r"<tr>\s*<td><a [^>]*>Dewi[^<]*</a></td>(.*?)</tr>", cohort, re.DOTALL)
    assert row and re.findall(r"<td>([^<]*)</td>", row.group(1))[-1] == "3"
