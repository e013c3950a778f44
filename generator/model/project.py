"""The project as the pipeline sees it: every file read and validated, valid parts only.

``generator.build.project.load_project`` makes a ``Project``; every later stage reads one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from generator.load.source import LoadedFile
from generator.model.records import (
    Case,
    Holidays,
    Intern,
    Logbook,
    Office,
    References,
    ReviewRecord,
    Rubric,
    Settings,
)
from generator.model.taxonomy import Taxonomy
from generator.problems import Problem


@dataclass(frozen=True)
class CaseIndex:
    """What the cross-file rules need of a case, kept small enough to cache for every file."""

    case_id: str
    authors: tuple[str, ...]
    field_supervisor: str | None
    intake: dt.date | None = None  # the intake date: the intern's placement period holds it
    publication: bool = False  # consent to de-identified publication: the report tells the case

    @classmethod
    def of(cls, case: Case) -> CaseIndex:
        record = case.record
        return cls(case.case_id, tuple(record.authors), record.field_supervisor, case.intake.date,
                   case.consent.publication)


class CaseDoc:
    """A validated case and where it came from; the model itself may be fetched on first use.
    ``digest``: of the file's bytes the model was validated from ("" when it is not the file's
    own, as in a lecturer's narrowed copy)."""

    def __init__(self, index: CaseIndex, path: Path, display: str, loaded: LoadedFile,
                 case: Case | None = None, fetch: Callable[[], Case] | None = None,
                 digest: str = ""):
        self.index = index
        self.path = path
        self.display = display
        self.loaded = loaded
        self._case = case
        self._fetch = fetch
        self.digest = digest

    @property
    def case(self) -> Case:
        if self._case is None:
            self._case = self._fetch()
        return self._case


@dataclass
class InternDoc:
    """An intern's folder: record, logbook, references and hand-written chapters."""

    intern: Intern
    folder: Path
    logbook: Logbook = field(default_factory=Logbook)
    references: References = field(default_factory=References)
    chapters: dict[str, str] = field(default_factory=dict)
    sources: dict[str, LoadedFile] = field(default_factory=dict)
    review: ReviewRecord | None = None


@dataclass
class Project:
    """Everything Casebook read from a project, valid parts only."""

    root: Path
    taxonomy: Taxonomy
    settings: Settings
    today: dt.date
    office: Office | None = None
    rubric: Rubric | None = None
    holidays: Holidays | None = None
    cases: dict[str, CaseDoc] = field(default_factory=dict)
    interns: dict[str, InternDoc] = field(default_factory=dict)
    invalid_case_ids: set[str] = field(default_factory=set)
    _sorted_key: tuple[int, int] | None = field(default=None, init=False, repr=False, compare=False)
    _sorted: list[CaseDoc] = field(default_factory=list, init=False, repr=False, compare=False)
    _by_author: dict[str, list[CaseDoc]] | None = field(
        default=None, init=False, repr=False, compare=False)
    _position: dict[str, int] | None = field(default=None, init=False, repr=False, compare=False)
    _interns_key: tuple[int, int] | None = field(default=None, init=False, repr=False, compare=False)
    _sorted_interns: list[InternDoc] = field(default_factory=list, init=False, repr=False,
                                             compare=False)
    files_checked: int = 0
    problems: list[Problem] = field(default_factory=list)  # found by load_project

    def sorted_cases(self) -> list[CaseDoc]:
        """The valid cases by case id (computed once per set of cases)."""
        key = (id(self.cases), len(self.cases))
        if self._sorted_key != key:
            self._sorted = [self.cases[case_id] for case_id in sorted(self.cases)]
            self._by_author = self._position = None
            self._sorted_key = key
        return self._sorted

    def case_neighbours(self, case_id: str) -> tuple[str | None, str | None]:
        """The valid case ids before and after ``case_id`` by case id ((None, None) for a
        case that is not valid); one index for every case, so case pages stay linear."""
        ordered = self.sorted_cases()
        if self._position is None:
            self._position = {doc.index.case_id: at for at, doc in enumerate(ordered)}
        at = self._position.get(case_id)
        if at is None:
            return None, None
        before = ordered[at - 1].index.case_id if at else None
        after = ordered[at + 1].index.case_id if at + 1 < len(ordered) else None
        return before, after

    def cases_of(self, intern_id: str) -> list[CaseDoc]:
        """The valid cases an intern authored, by case id; one index for every intern, built
        from the cached case index (no model is loaded), so pages stay linear in cases."""
        ordered = self.sorted_cases()
        if self._by_author is None:
            self._by_author = {}
            for doc in ordered:
                for author in doc.index.authors:
                    self._by_author.setdefault(author, []).append(doc)
        return list(self._by_author.get(intern_id, ()))

    def sorted_interns(self) -> list[InternDoc]:
        """The interns by id (computed once per set of interns)."""
        key = (id(self.interns), len(self.interns))
        if self._interns_key != key:
            self._sorted_interns = [self.interns[intern_id] for intern_id in sorted(self.interns)]
            self._interns_key = key
        return list(self._sorted_interns)
