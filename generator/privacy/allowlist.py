"""The office's allow-list: words a reviewer approved as safe for the public site.

A false alarm has a way out, a leak has none. The file (``allowlist.txt`` beside the deny-list,
``private/allowlist.txt`` by default) holds one word or phrase a line, then who approved it and
when, as the id of a staff member in ``office.yaml`` and an ISO date::

    Wacana         # disetujui: PS-01 2026-11-20
    Kasih Bangsa   # approved: PS-02 2026-11-21

An entry counts only when its approver is a staff id of the office and its date is a real day
that is not in the future; any other line is ignored and ``casebook check`` says why
(``privacy.allow_invalid``). What an approved entry may release: a part or nickname of the
deny-list that is also an ordinary word (never a full name), and a review-level name finding
(``capitalised_name``, ``honorific_name``, ``name_label``). Identifiers (NIK, phones, dates, places,
facilities...) and deny-list hits are never released.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

# The word, then "#", "disetujui"/"approved" (optionally "oleh"/"by"), a colon, the approver and a
# date: "Wacana  # disetujui: PS-01 2026-11-20".
_ENTRY = re.compile(
    r"^(?P<word>[^#]*?)\s*#\s*(?:disetujui|approved)(?:\s+oleh|\s+by)?\s*:?\s*"
    r"(?P<by>\S.*?)[\s,]+(?P<date>\S+)\s*$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Approval:
    """One approved entry: the word, who approved it (a staff id) and on which day."""

    word: str
    reviewer: str
    day: dt.date
    line: int


@dataclass(frozen=True)
class Refusal:
    """A line that does not count, and why (a ``privacy.allow_*`` reason code)."""

    line: int
    reason: str


@dataclass(frozen=True)
class AllowList:
    """The approved entries of an allow-list file and the lines that were refused."""

    approvals: tuple[Approval, ...] = ()
    refusals: tuple[Refusal, ...] = ()
    path: Path | None = None

    @property
    def words(self) -> tuple[str, ...]:
        """The approved words and phrases, in file order."""
        return tuple(a.word for a in self.approvals)

    @classmethod
    def read(
        cls, path: Path, reviewers: Iterable[str], today: dt.date | None = None
    ) -> AllowList:
        """Parse ``path`` (missing: empty); ``reviewers`` are the ids allowed to approve."""
        if not path.is_file():
            return cls(path=path)
        known = frozenset(reviewers)
        today = today or dt.date.today()
        approvals, refusals = [], []
        for number, raw in enumerate(path.read_text("utf-8", errors="replace").splitlines(), 1):
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            verdict = _judge(line, number, known, today)
            (approvals if isinstance(verdict, Approval) else refusals).append(verdict)
        return cls(tuple(approvals), tuple(refusals), path)


def _judge(line: str, number: int, reviewers: frozenset[str], today: dt.date) -> Approval | Refusal:
    """An approval, or the reason the line does not count."""
    match = _ENTRY.match(line)
    if match is None or not match.group("word").strip():
        return Refusal(number, "no_approval")
    if match.group("by") not in reviewers:
        return Refusal(number, "unknown_reviewer")
    try:
        day = dt.date.fromisoformat(match.group("date"))
    except ValueError:
        return Refusal(number, "bad_date")
    if day > today:
        return Refusal(number, "future_date")
    return Approval(match.group("word").strip(), match.group("by"), day, number)
