"""What a review saw, and what changed since: digests of an intern's parts.

A bundle records, per intern, a digest of each case (its validated data), each chapter (its
text) and each logbook week (its entries); ``casebook review import`` stores them in the
intern's review.yaml as ``basis``; the next build compares them with the current parts.
Digests are of content, not of files: a YAML comment or a reordered key is no change.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from itertools import groupby
from typing import Any

DIGEST_CHARS = 16  # 64 bits: enough to tell versions of one part apart


def digest(value: Any) -> str:
    """A short SHA-256 of a value's canonical JSON (or of a text)."""
    text = value if isinstance(value, str) else json.dumps(value, sort_keys=True, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:DIGEST_CHARS]


def iso_week(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def week_digests(entries: list[Any]) -> dict[str, str]:
    """Each ISO week of a logbook and the digest of its entries."""
    ordered = sorted(entries, key=lambda entry: entry.date)
    return {
        week: digest([entry.model_dump(mode="json") for entry in group])
        for week, group in groupby(ordered, key=lambda entry: iso_week(entry.date))
    }


def basis_of(doc: Any, project: Any, made: dt.date | None = None) -> dict[str, Any]:
    """What a review of this intern sees now: ``{made, cases, chapters, weeks}``."""
    return {
        "made": (made or project.today).isoformat(),
        "cases": {case.index.case_id: digest(case.case.model_dump(mode="json"))
                  for case in project.cases_of(doc.intern.id)},
        "chapters": {stem: digest(text) for stem, text in sorted(doc.chapters.items())},
        "weeks": week_digests(list(doc.logbook.entries)),
    }


@dataclass
class Changes:
    """The parts of an intern that are new or changed since the last review's basis."""

    cases: list[str] = field(default_factory=list)
    chapters: list[str] = field(default_factory=list)
    weeks: list[str] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.cases) + len(self.chapters) + len(self.weeks)


def changes_since(doc: Any, project: Any) -> Changes | None:
    """What changed since the review recorded its basis; None when it recorded none."""
    review = getattr(doc, "review", None)
    basis = getattr(review, "basis", None)
    if basis is None:
        return None
    now = basis_of(doc, project)
    return Changes(
        cases=_changed(basis.cases, now["cases"]),
        chapters=_changed(basis.chapters, now["chapters"]),
        weeks=_changed(basis.weeks, now["weeks"]),
    )


def _changed(before: dict[str, str], now: dict[str, str]) -> list[str]:
    return sorted(key for key, value in now.items() if before.get(key) != value)
