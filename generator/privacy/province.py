"""Disclosure control of a roll-up: one pass over the provincial tables, offices included.

A provincial table is a grid of true counts, one row per office and one column per code, with
the office totals as row margins and the provincial figures as column margins. Each office has
already published its own row (its public statistics, protected by ``disclosure.protect``), so
the province repeats every office cell and office total exactly as the office published it: the
offices' tables then add nothing an attacker does not already read in the province's. What the
province decides is only its own margins: each provincial figure (a column total) and the
provincial total, published by the office rules (0 exact, 1–9 "<10", others rounded to 5) or
withheld ("–").

Secondary suppression across offices. An attacker who adds the provincial figures to the
offices' tables gains one equation per column. For each "<10" entry of an office we build the
witnesses the attacker cannot rule out: the table with that entry moved to 1, and to
threshold-1, the move absorbed inside the office's own row (its other hidden or rounded cells,
or its total, within what the office published: a 1-D equation, so a greedy fill is exact). Each
absorbing cell shifts its provincial figure; a figure that cannot absorb the shift within what
it shows is withheld. Withholding only relaxes the attacker's constraints, so every witness
found stays valid, and the attacker's range of each "<10" entry stays the whole 1..threshold-1.
A provincial figure of 1–9 is shown as "<10" only when a single office makes it up (its range is
then that office's cell's); otherwise it is withheld. The pass is linear in the number of
hidden office cells times the row length, with no search over the whole grid.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from generator.privacy.disclosure import (
    _NOTES,
    Cell,
    DisclosurePolicy,
    format_count,
    round_count,
    rounding_interval,
)

INFINITE = 10**15
WITHHELD = Cell(None, "–", "suppressed")
DEFAULT_POLICY = DisclosurePolicy()


def cell_of(count: int, status: str, policy: DisclosurePolicy, lang: str) -> Cell:
    """The published form of a true count under a status."""
    if status == "exact_zero":
        return Cell(0, "0", status)
    if status == "published":
        value = round_count(count, policy)
        return Cell(value, format_count(value, lang), status)
    if status == "small":
        return Cell(None, f"<{policy.threshold}", status)
    return WITHHELD


def bounds_of(cell: Cell, policy: DisclosurePolicy, *, margin: bool) -> tuple[int, int]:
    """What a reader knows of the true value behind a published cell (inclusive)."""
    if cell.status == "exact_zero":
        return 0, 0
    if cell.status == "published":
        return rounding_interval(cell.value, policy)
    if cell.status == "small":
        return 1, policy.threshold - 1
    return (1 if margin else policy.threshold), INFINITE


@dataclass(frozen=True)
class OfficeRow:
    """One office's counts by code and what the office itself published of them."""

    counts: tuple[int, ...]
    cells: tuple[Cell, ...]
    total: Cell


@dataclass(frozen=True)
class ProvinceTable:
    """The provincial figures by code and the provincial total, as published."""

    figures: tuple[Cell, ...]
    total: Cell


def _primary(count: int, contributors: int, policy: DisclosurePolicy, lang: str) -> Cell:
    if count == 0:
        return cell_of(0, "exact_zero", policy, lang)
    if count >= policy.threshold:
        return cell_of(count, "published", policy, lang)
    return cell_of(count, "small" if contributors == 1 else "suppressed", policy, lang)


class _Margins:
    """The province's own entries: a figure per code (index) and the total (index -1)."""

    def __init__(self, truth: list[int], cells: list[Cell], policy: DisclosurePolicy) -> None:
        self.truth, self.cells, self.policy = truth, cells, policy

    def slack(self, index: int, shift: int) -> bool:
        """Whether the entry still shows what it shows with its true value moved by ``shift``."""
        low, high = bounds_of(self.cells[index], self.policy, margin=True)
        return low <= self.truth[index] + shift <= high

    def withhold(self, index: int) -> None:
        if self.cells[index].status != "exact_zero":
            self.cells[index] = WITHHELD


def _capacity(count: int, cell: Cell, policy: DisclosurePolicy, margin: bool,
              sign: int) -> int:
    """How far an entry may move in direction ``sign`` within what its office published."""
    low, high = bounds_of(cell, policy, margin=margin)
    return high - count if sign > 0 else count - low


def _absorb(row: OfficeRow, target: int, shift: int, margins: _Margins,
            policy: DisclosurePolicy) -> None:
    """Move the target entry of a row by ``shift`` and absorb it inside the row (see docstring).

    Entries of the row: cells 0..m-1 and the total (index m); cells add up to the total. The
    provincial figure of every moved cell, and the provincial total when the office total moves,
    must show the moved value too, or are withheld."""
    m = len(row.counts)
    entries = [*zip(row.counts, row.cells, [False] * m), (sum(row.counts), row.total, True)]
    weight = [1] * m + [-1]
    need = -weight[target] * shift  # sum over the others of weight * move
    moved = {target: shift}
    for free_only in (True, False):
        for index in _absorbers(entries, weight, target, need, margins, policy, free_only):
            if need == 0:
                break
            count, cell, margin = entries[index]
            sign = 1 if need * weight[index] > 0 else -1
            used = abs(moved.get(index, 0))  # taken by the first pass, in the same direction
            room = _capacity(count, cell, policy, margin, sign) - used
            if free_only:
                room = min(room, _free_room(index, m, sign, margins))
            step = min(room, abs(need))
            if step <= 0:
                continue
            moved[index] = moved.get(index, 0) + sign * step
            need -= weight[index] * sign * step
    if need != 0:  # the office's own table does not protect the entry: publish nothing more
        for index in range(len(margins.cells)):
            margins.withhold(index)
        return
    total_shift = sum(move for index, move in moved.items() if index < m)
    for index, move in moved.items():
        if index < m and not margins.slack(index, move):
            margins.withhold(index)
    if not margins.slack(-1, total_shift):
        margins.withhold(-1)


def _free_room(index: int, m: int, sign: int, margins: _Margins) -> int:
    """How far an entry moves before its provincial margin would have to be withheld."""
    margin = -1 if index == m else index
    cell = margins.cells[margin]
    low, high = bounds_of(cell, margins.policy, margin=True)
    value = margins.truth[margin]
    return (high - value) if sign > 0 else (value - low)


def _absorbers(entries: Sequence[tuple[int, Cell, bool]], weight: list[int], target: int,
               need: int, margins: _Margins, policy: DisclosurePolicy,
               free_only: bool) -> list[int]:
    """The other entries of the row, those with the most room first (fewest margins withheld)."""
    def room(index: int) -> int:
        count, cell, margin = entries[index]
        sign = 1 if need * weight[index] > 0 else -1
        return _capacity(count, cell, policy, margin, sign)

    others = [index for index in range(len(entries)) if index != target and room(index) > 0]
    return sorted(others, key=lambda index: (-min(room(index), INFINITE), index))


def protect_province(rows: Sequence[OfficeRow], policy: DisclosurePolicy = DEFAULT_POLICY,
                     lang: str = "id") -> ProvinceTable:
    """The provincial figures and total of one table, protected together with the offices'."""
    if not rows:
        raise ValueError("a provincial table needs at least one office")
    width = len(rows[0].counts)
    figures = [sum(row.counts[c] for row in rows) for c in range(width)]
    contributors = [sum(1 for row in rows if row.counts[c]) for c in range(width)]
    total = sum(figures)
    cells = [_primary(n, k, policy, lang) for n, k in zip(figures, contributors)]
    cells.append(_primary(total, sum(1 for row in rows if sum(row.counts)), policy, lang))
    margins = _Margins([*figures, total], cells, policy)
    for row in rows:
        hidden = [c for c, cell in enumerate(row.cells) if cell.status == "small"]
        if row.total.status == "small":
            hidden.append(width)
        for target in hidden:
            count = row.counts[target] if target < width else sum(row.counts)
            for end in (1, policy.threshold - 1):
                if end != count:
                    _absorb(row, target, end - count, margins, policy)
    return ProvinceTable(tuple(margins.cells[:width]), margins.cells[-1])


def rule_notes(statuses: set[str], policy: DisclosurePolicy, lang: str) -> tuple[str, ...]:
    """The notes of the disclosure rules that a table's statuses use, as an office table has."""
    params = {"base": policy.rounding_base, "threshold": policy.threshold,
              "last": policy.threshold - 1}
    wanted = (("rounded", "published"), ("small", "small"), ("suppressed", "suppressed"))
    return tuple(_NOTES[name][lang].format(**params) for name, status in wanted
                 if status in statuses)
