"""The lecturer's figures for one intern: what is missing or inconsistent, at a glance.

Pure: every figure comes from a loaded project and the problems ``load_project`` returned.

* Working days: the placement's ``working_days`` (Monday–Friday by default) from its start to its
  end, or to today while it is running, minus the office's closed days in ``holidays.yaml``
  (national holidays and cuti bersama; none when the file is absent).
* Days covered: working days with at least one logbook entry.
* Hours: logged hours against the credits claimed (sum of ``programme.courses`` credits ×
  ``programme.hours_per_credit``, 45 by default).
* Entries not yet validated: every entry whose validation status is not ``validated``.
* Cases (those the intern authored): mandatory stages without a date before the stage reached,
  and the problems ``casebook check`` reports on the case file.
* Consent: cases without consent to de-identified publication (they stay out of the report's case
  studies) and cases whose consent record lacks its date, form or legal basis.
* Citations: unresolved citation keys in the intern's chapters.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from generator.model.facts import (  # one rule book: check reports the same flags
    consent_missing,
    current_stage,
    missing_stages,
)
from generator.model.records import ReviewRecord, Rubric
from generator.problems import Problem
from generator.validate.review import report_case_studies

if TYPE_CHECKING:
    from generator.model.project import CaseDoc, InternDoc, Project
    from generator.model.records import Intern, Logbook, Programme
    from generator.model.taxonomy import Taxonomy


WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


@dataclass(frozen=True)
class LogbookFigures:
    """Days, hours and validation of one intern's logbook."""

    start: dt.date
    until: dt.date
    working_days: int
    covered_days: int
    days: tuple[dt.date, ...]
    missing_days: tuple[dt.date, ...]
    entries: int
    hours: float
    hours_required: float
    unvalidated: tuple[int, ...]
    by_status: tuple[tuple[str, int], ...]

    @property
    def days_ok(self) -> bool:
        return self.covered_days >= self.working_days

    @property
    def hours_ok(self) -> bool:
        return self.hours >= self.hours_required

    @property
    def validation_ok(self) -> bool:
        return not self.unvalidated


@dataclass(frozen=True)
class CaseFigures:
    """Stages, problems and consent of one case."""

    case_id: str
    alias: str
    status: str
    stage: str
    missing_stages: tuple[str, ...]
    problems: tuple[Problem, ...]
    publication_consent: bool
    consent_missing: tuple[str, ...]
    left_out: bool = False  # chosen for the report's case studies but not told (check warns)

    @property
    def errors(self) -> int:
        return sum(p.is_error for p in self.problems)

    @property
    def warnings(self) -> int:
        return len(self.problems) - self.errors

    @property
    def complete(self) -> bool:
        return not self.missing_stages and not self.problems

    @property
    def consent_ok(self) -> bool:
        """Flagged exactly when `casebook check` warns: details missing, or left out of the report."""
        return not self.left_out and not self.consent_missing


@dataclass(frozen=True)
class ScoreSummary:
    """The rubric scores of a review and their weighted total."""

    total: float | None
    grade: str | None
    scored: int
    aspects: int

    @property
    def provisional(self) -> bool:
        return self.scored < self.aspects


@dataclass(frozen=True)
class InternFigures:
    """Everything the lecturer's review view shows about one intern."""

    intern_id: str
    name: str
    logbook: LogbookFigures
    cases: tuple[CaseFigures, ...]
    unresolved_citations: tuple[Problem, ...]
    review_status: str | None
    open_comments: int
    scores: ScoreSummary | None
    file_problems: tuple[Problem, ...] = field(default=())

    @property
    def cases_ok(self) -> bool:
        return all(case.complete for case in self.cases)

    @property
    def consent_ok(self) -> bool:
        return all(case.consent_ok for case in self.cases)

    @property
    def citations_ok(self) -> bool:
        return not self.unresolved_citations


# ---------------------------------------------------------------- logbook


def working_days(
    start: dt.date, until: dt.date, weekdays: Iterable[str], closed: Iterable[dt.date] = ()
) -> list[dt.date]:
    """The days from start to until (inclusive) on the given weekdays, minus closed days."""
    allowed = {WEEKDAYS.index(day) for day in weekdays}
    shut = set(closed)
    days, day = [], start
    while day <= until:
        if day.weekday() in allowed and day not in shut:
            days.append(day)
        day += dt.timedelta(days=1)
    return days


def hours_required(programme: Programme) -> float:
    """Credits claimed × hours per credit."""
    return float(sum(course.credits for course in programme.courses) * programme.hours_per_credit)


def logbook_figures(
    intern: Intern, logbook: Logbook, holidays: Iterable[dt.date], today: dt.date
) -> LogbookFigures:
    """Coverage, hours and validation of a logbook against its placement."""
    placement = intern.placement
    until = min(placement.end, today)
    expected = working_days(placement.start, until, placement.working_days, holidays)
    written = {entry.date for entry in logbook.entries}
    entries = logbook.entries
    statuses = Counter(entry.validation.status for entry in entries)
    return LogbookFigures(
        start=placement.start,
        until=until,
        working_days=len(expected),
        covered_days=sum(day in written for day in expected),
        days=tuple(expected),
        missing_days=tuple(day for day in expected if day not in written),
        entries=len(entries),
        hours=float(sum(entry.hours for entry in entries)),
        hours_required=hours_required(intern.programme),
        unvalidated=tuple(i for i, e in enumerate(entries) if e.validation.status != "validated"),
        by_status=tuple(sorted(statuses.items())),
    )


# ---------------------------------------------------------------- cases


def intern_case_docs(project: Project, intern_id: str) -> list[CaseDoc]:
    """The valid cases an intern authored, by case id."""
    return project.cases_of(intern_id)


def case_figures(doc: CaseDoc, taxonomy: Taxonomy, problems: Iterable[Problem],
                 left_out: frozenset[str] = frozenset()) -> CaseFigures:
    """Stages, problems and consent of one case document."""

    case = doc.case
    return CaseFigures(
        case_id=case.case_id,
        alias=case.client.alias,
        status=case.record.status,
        stage=current_stage(case, taxonomy),
        missing_stages=missing_stages(case, taxonomy),
        problems=tuple(p for p in problems if p.file == doc.display),
        publication_consent=case.consent.publication,
        consent_missing=consent_missing(case),
        left_out=case.case_id in left_out,
    )


# ---------------------------------------------------------------- review record


def weighted_total(scores: dict[str, float], rubric: Rubric) -> ScoreSummary:
    """Σ score × weight / Σ weight over the scored aspects; the grade of that total."""
    scored = [(aspect, scores[aspect.id]) for aspect in rubric.aspects if aspect.id in scores]
    weight = sum(aspect.weight for aspect, _ in scored)
    total = (
        round(sum(aspect.weight * score for aspect, score in scored) / weight, 2)
        if weight
        else None
    )
    return ScoreSummary(total, grade_for(total, rubric), len(scored), len(rubric.aspects))


def grade_for(total: float | None, rubric: Rubric) -> str | None:
    """The letter grade of the highest band whose minimum the total reaches."""
    if total is None:
        return None
    for band in sorted(rubric.grades, key=lambda band: -band.min):
        if total >= band.min:
            return band.grade
    return None


def score_summary(review: ReviewRecord | None, rubric: Rubric | None) -> ScoreSummary | None:
    if review is None or rubric is None:
        return None
    return weighted_total(review.scores, rubric)


# ---------------------------------------------------------------- one intern, the cohort


def intern_figures(project: Project, intern_id: str, problems: Iterable[Problem]) -> InternFigures:
    """The review view's figures for one intern of a loaded project."""
    problems = list(problems)
    doc = project.interns[intern_id]
    holidays = [h.date for h in project.holidays.holidays] if project.holidays else []
    chapters = f"{_folder(doc, project)}/chapters/"
    review = doc.review
    left_out = frozenset(c.index.case_id for c, _ in report_case_studies(project, doc)[1])
    return InternFigures(
        intern_id=intern_id,
        name=doc.intern.name,
        logbook=logbook_figures(doc.intern, doc.logbook, holidays, project.today),
        cases=tuple(
            case_figures(c, project.taxonomy, problems, left_out)
            for c in intern_case_docs(project, intern_id)
        ),
        unresolved_citations=tuple(
            p for p in problems if p.code == "citation.unresolved" and p.file.startswith(chapters)
        ),
        review_status=review.status if review else None,
        open_comments=sum(not c.resolved for c in review.comments) if review else 0,
        scores=score_summary(review, project.rubric),
        file_problems=tuple(p for p in problems if p.file.startswith(_folder(doc, project) + "/")),
    )


def cohort_figures(project: Project, problems: Iterable[Problem]) -> list[InternFigures]:
    """Figures for every intern, by id."""
    problems = list(problems)
    return [intern_figures(project, intern_id, problems) for intern_id in sorted(project.interns)]


def _folder(doc: InternDoc, project: Project) -> str:
    try:
        return doc.folder.relative_to(project.root).as_posix()
    except ValueError:
        return doc.folder.as_posix()
