"""Rules for the lecturer's files: review records, the rubric, citations in an intern's chapters.

``load_project`` calls :func:`rubric_problems` when it reads ``rubric.yaml`` and
:func:`review_problems` once every file is loaded, so ``casebook check`` reports them with the
other problems. Pure: problems are placed with the positions the loader recorded.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from generator import escape
from generator.load.source import LoadedFile
from generator.model.facts import is_childrens_case, left_out_of_report
from generator.model.records import Intern, Placement, ReviewComment, ReviewRecord, Rubric
from generator.problems import Problem
from generator.validate.citations import Cited, resolve_citations, source_of
from generator.validate.rules import Reporter

if TYPE_CHECKING:
    from generator.model.project import CaseDoc, InternDoc, Project


_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*\n", re.DOTALL)
# Report parts a comment may name besides the chapter files the intern wrote.
REPORT_PARTS = (
    "sampul",
    "persetujuan",
    "bab1",
    "bab2",
    "bab3",
    "bab4",
    "bab5",
    "pustaka",
    "lampiran",
)


def iso_week_span(week: str) -> tuple[dt.date, dt.date] | None:
    """``2025-W11`` → (Monday, Sunday) of that week; None when there is no such week."""
    year, number = week.split("-W")
    try:
        monday = dt.date.fromisocalendar(int(year), int(number), 1)
    except ValueError:
        return None
    return monday, monday + dt.timedelta(days=6)


def iso_week(day: dt.date) -> str:
    """The ISO week of a day, as ``2025-W11``."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def chapter_anchors(chapters: dict[str, str]) -> tuple[str, ...]:
    """Every name a review comment may use as its chapter anchor."""
    return tuple(sorted(chapters)) + REPORT_PARTS


# ---------------------------------------------------------------- rubric.yaml


def rubric_problems(rubric: Rubric, loaded: LoadedFile, display: str) -> list[Problem]:
    """Aspect ids are unique; grade bands are not repeated."""
    report = Reporter(loaded, display)
    seen: set[str] = set()
    for index, aspect in enumerate(rubric.aspects):
        if aspect.id in seen:
            report.add(("aspects", index, "id"), "rubric.duplicate_aspect", aspect=aspect.id)
        seen.add(aspect.id)
    bounds: set[float] = set()
    for index, band in enumerate(rubric.grades):
        if band.min in bounds:
            report.add(("grades", index, "min"), "rubric.duplicate_grade", min=_number(band.min))
        bounds.add(band.min)
    return report.problems


def _number(value: float) -> str:
    return f"{value:g}"


# ---------------------------------------------------------------- review.yaml


def review_problems(project: Project) -> list[Problem]:
    """Review records and chapter citations of every intern in a loaded project."""
    problems: list[Problem] = []
    for doc in project.sorted_interns():
        problems.extend(chapter_citation_problems(doc, project.root))
        problems.extend(front_matter_problems(doc, project))
        problems.extend(left_out_problems(doc, project))
        loaded = doc.sources.get("review")
        if doc.review is not None and loaded is not None:
            report = Reporter(loaded, _display(loaded.path, project.root))
            review_record_rules(doc, project, report)
            problems.extend(report.problems)
    return problems


def review_record_rules(doc: InternDoc, project: Project, report: Reporter) -> None:
    """Anchors resolve, scores name rubric aspects, an approval scores every aspect."""
    review: ReviewRecord = doc.review
    _check_lecturer(review, doc.intern, report)
    _check_review_dates(review, report, project.today)
    for index, comment in enumerate(review.comments):
        _check_anchor(comment, ("comments", index), doc, project, report)
    _check_scores(review, project.rubric, report)


def _check_lecturer(review: ReviewRecord, intern: Intern, report: Reporter) -> None:
    academic = [person.id for person in intern.supervisors.academic]
    if review.lecturer not in academic:
        report.add(
            ("lecturer",),
            "review_record.lecturer",
            lecturer=review.lecturer,
            known=", ".join(academic),
        )


def _check_review_dates(review: ReviewRecord, report: Reporter, today: dt.date) -> None:
    dates = [
        (("submitted",), review.submitted),
        (("reviewed",), review.reviewed),
        (("approved",), review.approved),
    ]
    dates += [(("comments", i, "date"), c.date) for i, c in enumerate(review.comments)]
    for loc, day in dates:
        if day is not None and day > today:
            report.add(loc, "date.future", date=day.isoformat(), today=today.isoformat())
    if review.status == "approved" and review.approved is None:
        report.add(("status",), "review_record.approved_date")


def _check_anchor(comment: ReviewComment, loc: tuple, doc: InternDoc, project: Project, report: Reporter) -> None:
    anchors = [name for name in ("case", "week", "chapter") if getattr(comment, name)]
    if len(anchors) > 1:
        report.add(loc, "review_record.anchor_many", anchors=", ".join(anchors))
    known = (*project.cases, *project.invalid_case_ids)
    if comment.case and comment.case not in known:
        report.add(
            loc + ("case",),
            "review_record.anchor_case",
            case=comment.case,
            **_suggest(comment.case, _intern_case_ids(doc, project)),
        )
    if comment.week:
        _check_week(comment.week, loc + ("week",), doc.intern.placement, report)
    if comment.chapter and comment.chapter not in chapter_anchors(doc.chapters):
        report.add(
            loc + ("chapter",),
            "review_record.anchor_chapter",
            chapter=comment.chapter,
            allowed=", ".join(chapter_anchors(doc.chapters)),
            **_suggest(comment.chapter, list(chapter_anchors(doc.chapters))),
        )


def _check_week(week: str, loc: tuple, placement: Placement, report: Reporter) -> None:
    span = iso_week_span(week)
    if span is None or span[0] > placement.end or span[1] < placement.start:
        report.add(
            loc,
            "review_record.anchor_week",
            week=week,
            first=iso_week(placement.start),
            last=iso_week(placement.end),
        )


def _intern_case_ids(doc: InternDoc, project: Project) -> list[str]:
    return [case.index.case_id for case in project.cases_of(doc.intern.id)]


def _check_scores(review: ReviewRecord, rubric: Rubric | None, report: Reporter) -> None:
    if rubric is None:
        if review.scores:
            report.add(("scores",), "review_record.no_rubric")
        return
    aspects = [aspect.id for aspect in rubric.aspects]
    for key in review.scores:
        if key not in aspects:
            report.add(
                ("scores", key),
                "review_record.unknown_aspect",
                aspect=key,
                allowed=", ".join(aspects),
                **_suggest(key, aspects),
            )
    missing = [aspect for aspect in aspects if aspect not in review.scores]
    if review.status == "approved" and missing:
        report.add(("scores",), "review_record.unscored", aspects=", ".join(missing))


def _suggest(word: str, candidates: list[str]) -> dict[str, str]:
    close = difflib.get_close_matches(word, candidates, n=1, cutoff=0.6)
    return {"dym": f" — {close[0]}?" if close else ""}


# ---------------------------------------------------------------- chapters


def split_front_matter(text: str) -> tuple[dict | None, str]:
    """A chapter's YAML front matter (None when unreadable) and its body, whose lines keep their
    numbers in the file (the front matter becomes blank lines)."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    try:
        data = yaml.load(match.group(1) or "", Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError:
        data = None
    data = data if isinstance(data, dict) or data is None else None
    return (data if match.group(1) else {}), "\n" * match.group(0).count("\n") + text[match.end() :]


def chapter_citations(doc: InternDoc, lang: str = "id") -> dict[str, Cited]:
    """Each chapter of an intern with its citations resolved against their references."""
    sources = [source_of(reference) for reference in doc.references.references]
    return {
        stem: resolve_citations(escape.note(split_front_matter(text)[1]), sources, lang)
        for stem, text in sorted(doc.chapters.items())
    }


def selected_case_ids(doc: InternDoc) -> list[str] | None:
    """The case ids listed under ``kasus:`` in the front matter of chapters/studi-kasus.md."""
    for stem, text in sorted(doc.chapters.items()):
        if re.sub(r"^\d+[-_ ]*", "", stem) == "studi-kasus":
            meta, _ = split_front_matter(text)
            chosen = (meta or {}).get("kasus")
            if isinstance(chosen, list):
                return [str(item) for item in chosen]
    return None


def report_case_studies(
    project: Project, doc: InternDoc, mode: str = "report"
) -> tuple[list[CaseDoc], list[tuple[CaseDoc, str]]]:
    """(cases the report tells as case studies, (case, reason) of those it leaves out).

    The cases listed under ``kasus:`` in chapters/studi-kasus.md, in that order; without such a
    list, every case the intern authored, by intake date. The export and ``casebook check`` both
    name the cases left out, from this one function."""
    own = {case_doc.index.case_id: case_doc for case_doc in project.cases_of(doc.intern.id)}
    chosen = selected_case_ids(doc)
    if chosen is None:
        cases = sorted(own.values(), key=lambda c: (c.index.intake or dt.date.min, c.index.case_id))
    else:
        cases = [own[case_id] for case_id in dict.fromkeys(chosen) if case_id in own]
    told, left = [], []
    for case_doc in cases:
        reason = left_out_of_report(
            case_doc.index.publication,
            lambda c=case_doc: is_childrens_case(c.case, project.taxonomy),
            mode,
        )
        if reason is None:
            told.append(case_doc)
        else:
            left.append((case_doc, reason))
    return told, left


def left_out_problems(doc: InternDoc, project: Project, mode: str = "report") -> list[Problem]:
    """A warning on each case the intern's report would leave out of its case studies, and why."""
    problems = []
    for case_doc, reason in report_case_studies(project, doc, mode)[1]:
        report = Reporter(case_doc.loaded, case_doc.display)
        where = ("consent", "publication") if reason == "no_publication_consent" else ("client",)
        report.add(where, f"report.left_out.{reason}", intern=doc.intern.id,
                   case=case_doc.index.case_id)
        problems.extend(report.problems)
    return problems


def front_matter_problems(doc: InternDoc, project: Project) -> list[Problem]:
    """Unreadable front matter, and case ids in ``kasus:`` that are not the intern's cases."""
    problems = []
    for stem, text in sorted(doc.chapters.items()):
        meta, _ = split_front_matter(text)
        file = chapter_file(doc, stem, project.root)
        if meta is None:
            problems.append(Problem.make(file, 1, 1, "", "chapter.front_matter"))
    chosen = selected_case_ids(doc) or []
    own = _intern_case_ids(doc, project)
    for case_id in chosen:
        if case_id not in own:
            stem = next(s for s in sorted(doc.chapters) if s.endswith("studi-kasus"))
            line = _line_of(doc.chapters[stem], case_id)
            problems.append(
                Problem.make(
                    chapter_file(doc, stem, project.root),
                    line,
                    1,
                    "kasus",
                    "chapter.unknown_case",
                    case=case_id,
                    **_suggest(case_id, own),
                )
            )
    return problems


def _line_of(text: str, word: str) -> int:
    return next((i for i, line in enumerate(text.splitlines(), start=1) if word in line), 1)


def chapter_file(doc: InternDoc, stem: str, root: Path) -> str:
    """The project-relative name of a chapter file."""
    return _display(doc.folder / "chapters" / f"{stem}.md", root)


def chapter_citation_problems(doc: InternDoc, root: Path) -> list[Problem]:
    """An unresolved citation key in a chapter, at its line and column."""
    keys = [reference.id for reference in doc.references.references]
    problems = []
    for stem, cited in chapter_citations(doc).items():
        file = chapter_file(doc, stem, root)
        for missing in cited.unresolved:
            problems.append(
                Problem.make(
                    file,
                    missing.line,
                    missing.column,
                    "",
                    "citation.unresolved",
                    key=missing.key,
                    **_suggest(missing.key, keys),
                )
            )
    return problems


def _display(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)
