"""Statistical disclosure control: the one step every public number about clients goes through.

``protect`` turns a table of true counts of distinct clients (``CountTable``) into a
``PublishedTable`` whose ``Cell`` objects hold only what may be shown. Renderers (Markdown tables,
charts, CSV, alt text, sentences) take a ``PublishedTable`` and never raw counts. The rules follow
research/privacy.md §4.4 and §7.4; with the default policy (threshold 10, base 5):

1. **Zeros** are published exactly as "0" (status ``exact_zero``). A zero says that no client of a
   (non-sensitive) category is in a group: it describes nobody. Sensitive categories are never broken
   down (rule 6), which removes the case where a zero exposes an attribute of a known person ("all
   child victims in area X are girls"); group-level attribute disclosure is checked by the
   aggregation layer (k >= 10, l >= 2, privacy.md §7.4 step 6). The US CMS rule also treats zero as
   not disclosive. This deliberately departs from privacy.md §4.4, which hides non-structural zeros:
   a caller who thinks a zero could be disclosive must merge the category before calling ``protect``.
   Zeros are never used as complementary cells, and the attack model below treats a "0" as exact.
2. **Small counts** 1..threshold-1 are shown as "<10" with ``value=None`` (status ``small``).
3. **Rounding.** Every other count is rounded half up to the nearest multiple of ``rounding_base``,
   and never below the smallest multiple that is >= threshold: 10, 11, 12 -> 10; 13 -> 15;
   17 -> 15; 18 -> 20. A published value therefore never lies in 1..threshold-1.
4. **Totals** (row, column, grand) are computed from the true counts and then protected by rules 1-3,
   not summed from rounded cells; a note says that rows may not add up.
5. **Secondary suppression.** No "<10" entry (cell or total) may be narrowed down by combining the
   published numbers. Attack model: the attacker knows the table layout and these rules, so a
   published v means a true value in the rounding interval of v (base 5: [v-2, v+2], and >= threshold),
   "<10" means [1, 9], "0" means 0, a secondary "–" cell means >= threshold (complements are only
   ever chosen among published cells), a "–" total means >= 1; and every row, column and the grand
   total add up. For each "<10" entry we compute the exact smallest and largest true value consistent
   with all of that (the constraints form a network-flow circulation, so the integer and the LP
   answers coincide; we solve it with max-flow feasibility checks). The entry is protected when
   ``max - min >= policy.min_hidden_range`` (default threshold - 2, i.e. the attacker learns nothing
   beyond "1 to 9", privacy.md PRIV-18). Unprotected entries are taken in a fixed order; for each, we
   hide one more published entry (or turn a "<10" total into "–") until it is protected, preferring a
   complement that protects it, then one that widens its range, then the smallest true count, then the
   fixed order. Hiding only relaxes constraints, so entries already protected stay protected; the loop
   ends because hiding every total and every published cell protects every "<10" cell. A last pass
   publishes again, in the fixed order, each hidden entry that the protection turns out not to need
   (the greedy search can over-hide). The result is deterministic.
6. **Sensitive tables** publish only the grand total (protected by rules 1-3); every cell and margin
   is status ``suppressed``.
7. **Percentages** (``percent``) come only from published values, need a published denominator of at
   least ``min_percent_denominator`` and a published or zero numerator, and are whole numbers. A
   percentage is a function of two published numbers, so it reveals nothing they do not.

Limits: the guarantee covers one table on its own. Differencing between tables or releases (the
publication ledger, privacy.md §7.4 step 7) and an attacker who reasons about which complement the
greedy search would have picked are out of scope here.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache

LANGUAGES = ("id", "en")
STATUSES = ("exact_zero", "published", "small", "suppressed")
SUPPRESSED_DISPLAY = "–"

Key = tuple  # ("cell", r, c) | ("row", r) | ("col", c) | ("grand",)
Bounds = tuple[int, "int | None"]  # inclusive; None = no upper bound
_KIND_ORDER = {"cell": 0, "row": 1, "col": 2, "grand": 3}
_INFINITE = 10**15

_NOTES = {
    "rounded": {
        "id": "Angka dibulatkan ke kelipatan {base}; total dihitung dari data asli lalu dibulatkan, "
        "sehingga jumlah baris atau kolom dapat berbeda dari totalnya.",
        "en": "Numbers are rounded to a multiple of {base}; totals are computed from the true data "
        "and then rounded, so rows or columns may not add up to their totals.",
    },
    "small": {
        "id": "Angka 1–{last} ditampilkan sebagai <{threshold}.",
        "en": "Numbers 1–{last} are shown as <{threshold}.",
    },
    "suppressed": {
        "id": "– : angka disembunyikan agar angka kecil lain tidak dapat dihitung ulang.",
        "en": "– : number withheld so that other small numbers cannot be worked out.",
    },
    "sensitive": {
        "id": "Kategori sensitif: hanya total keseluruhan yang diterbitkan.",
        "en": "Sensitive category: only the overall total is published.",
    },
}


@dataclass(frozen=True)
class CountTable:
    """True counts of distinct clients; never leaves the generator unprotected."""

    key: str
    title: Mapping[str, str]
    rows: tuple[str, ...]
    cols: tuple[str, ...]
    counts: tuple[tuple[int, ...], ...]
    sensitive: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "rows", tuple(self.rows))
        object.__setattr__(self, "cols", tuple(self.cols))
        object.__setattr__(self, "counts", tuple(tuple(row) for row in self.counts))
        _check_shape(self)


def _check_shape(table: CountTable) -> None:
    """Raise ValueError unless counts is a rows x cols grid of non-negative ints."""
    if not table.rows or not table.cols:
        raise ValueError(f"table {table.key!r}: needs at least one row and one column")
    if len(table.counts) != len(table.rows):
        raise ValueError(
            f"table {table.key!r}: {len(table.counts)} count rows for {len(table.rows)} row labels"
        )
    for index, row in enumerate(table.counts):
        if len(row) != len(table.cols):
            raise ValueError(
                f"table {table.key!r}: row {index} has {len(row)} counts for {len(table.cols)} columns"
            )
        if any(type(count) is not int or count < 0 for count in row):
            raise ValueError(
                f"table {table.key!r}: row {index} has a count that is not an int >= 0"
            )


@dataclass(frozen=True)
class Cell:
    """One number as readers may see it."""

    value: int | None
    display: str
    status: str

    def __post_init__(self) -> None:
        if self.status not in STATUSES:
            raise ValueError(f"unknown cell status {self.status!r}")
        if (self.value is None) != (self.status in ("small", "suppressed")):
            raise ValueError(f"cell status {self.status!r} does not match value {self.value!r}")


_HIDDEN = Cell(None, SUPPRESSED_DISPLAY, "suppressed")


@dataclass(frozen=True)
class PublishedTable:
    """A table after disclosure control: the only input public renderers accept."""

    key: str
    title: Mapping[str, str]
    rows: tuple[str, ...]
    cols: tuple[str, ...]
    cells: tuple[tuple[Cell, ...], ...]
    row_totals: tuple[Cell, ...]
    col_totals: tuple[Cell, ...]
    grand_total: Cell
    notes: tuple[str, ...]
    lang: str = "id"
    sensitive: bool = False


@dataclass(frozen=True)
class DisclosurePolicy:
    """Thresholds of the public tier; never lower than 5."""

    threshold: int = 10
    rounding_base: int = 5
    min_percent_denominator: int = 50
    min_hidden_range: int | None = None

    def __post_init__(self) -> None:
        for name in ("threshold", "rounding_base", "min_percent_denominator"):
            if type(getattr(self, name)) is not int:
                raise ValueError(f"DisclosurePolicy.{name} must be an int")
        if self.threshold < 5:
            raise ValueError(
                f"threshold must be at least 5 (never lower than 5), got {self.threshold}"
            )
        if self.rounding_base < 5:
            raise ValueError(
                f"rounding_base must be at least 5 (never lower than 5), got {self.rounding_base}"
            )
        if self.min_percent_denominator < self.threshold:
            raise ValueError("min_percent_denominator must be at least the threshold")
        _check_hidden_range(self.min_hidden_range, self.threshold)

    @property
    def required_range(self) -> int:
        """How wide the attacker's interval for a "<threshold" entry must stay."""
        return self.threshold - 2 if self.min_hidden_range is None else self.min_hidden_range


def _check_hidden_range(width: int | None, threshold: int) -> None:
    if width is None:
        return
    if type(width) is not int or not 2 <= width <= threshold - 2:
        raise ValueError(
            f"min_hidden_range must be an int from 2 to {threshold - 2}, got {width!r}"
        )


# --- Rounding and display -------------------------------------------------------------------------


def round_count(count: int, policy: DisclosurePolicy) -> int:
    """The published value of a true count >= threshold (half up, never below the threshold)."""
    if count < policy.threshold:
        raise ValueError(
            f"count {count} is below the threshold {policy.threshold}: it is not rounded"
        )
    base = policy.rounding_base
    nearest = (2 * count + base) // (2 * base) * base
    return max(nearest, _lowest_published(policy))


def _lowest_published(policy: DisclosurePolicy) -> int:
    """The smallest multiple of the base that is >= threshold."""
    return -(-policy.threshold // policy.rounding_base) * policy.rounding_base


def rounding_interval(value: int, policy: DisclosurePolicy) -> tuple[int, int]:
    """All true counts that are published as ``value`` (inclusive bounds)."""
    base = policy.rounding_base
    high = value + (base + 1) // 2 - 1
    low = policy.threshold if value == _lowest_published(policy) else value - base // 2
    return low, high


def format_count(number: int, lang: str = "id") -> str:
    """A whole number with the thousands separator of the language: 1.250 (id), 1,250 (en)."""
    _check_lang(lang)
    text = f"{number:,}"
    return text.replace(",", ".") if lang == "id" else text


def _check_lang(lang: str) -> None:
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; expected one of {', '.join(LANGUAGES)}")


def _primary_status(count: int, policy: DisclosurePolicy) -> str:
    if count == 0:
        return "exact_zero"
    return "small" if count < policy.threshold else "published"


def _make_cell(count: int, status: str, policy: DisclosurePolicy, lang: str) -> Cell:
    if status == "exact_zero":
        return Cell(0, "0", status)
    if status == "published":
        value = round_count(count, policy)
        return Cell(value, format_count(value, lang), status)
    if status == "small":
        return Cell(None, f"<{policy.threshold}", status)
    return Cell(None, SUPPRESSED_DISPLAY, "suppressed")


# --- Table geometry -------------------------------------------------------------------------------


def _true_values(table: CountTable) -> dict[Key, int]:
    """Every cell and margin of the table, from the true counts."""
    values: dict[Key, int] = {}
    for r, row in enumerate(table.counts):
        for c, count in enumerate(row):
            values[("cell", r, c)] = count
        values[("row", r)] = sum(row)
    for c in range(len(table.cols)):
        values[("col", c)] = sum(row[c] for row in table.counts)
    values[("grand",)] = sum(map(sum, table.counts))
    return values


def _order(key: Key) -> tuple[int, ...]:
    return (_KIND_ORDER[key[0]], *key[1:])


def _neighbours(key: Key, n_rows: int, n_cols: int) -> set[Key]:
    """Entries sharing an additive relation (row, column or margin) with ``key``, and itself."""
    kind = key[0]
    if kind == "cell":
        _, r, c = key
        row = {("cell", r, j) for j in range(n_cols)} | {("row", r)}
        return row | {("cell", i, c) for i in range(n_rows)} | {("col", c)}
    margins = {("row", i) for i in range(n_rows)} | {("col", j) for j in range(n_cols)}
    if kind == "row":
        return {("cell", key[1], j) for j in range(n_cols)} | margins | {("grand",)}
    if kind == "col":
        return {("cell", i, key[1]) for i in range(n_rows)} | margins | {("grand",)}
    return margins | {("grand",)}


@lru_cache(maxsize=4096)
def _twins(key: Key, n_rows: int, n_cols: int) -> tuple[Key, ...]:
    """Entries that always hold the same number as ``key`` (in a one-column or one-row table)."""
    pairs = _twin_pairs(n_rows, n_cols)
    group, grown = {key}, True
    while grown:
        grown = False
        for first, second in pairs:
            if (first in group) != (second in group):
                group |= {first, second}
                grown = True
    return tuple(sorted(group, key=_order))


def _twin_pairs(n_rows: int, n_cols: int) -> list[tuple[Key, Key]]:
    pairs: list[tuple[Key, Key]] = []
    if n_cols == 1:
        pairs += [(("cell", r, 0), ("row", r)) for r in range(n_rows)] + [(("col", 0), ("grand",))]
    if n_rows == 1:
        pairs += [(("cell", 0, c), ("col", c)) for c in range(n_cols)] + [(("row", 0), ("grand",))]
    return pairs


# --- The attack: exact feasible ranges via max-flow ---------------------------------------------


def _edge(key: Key, n_rows: int, n_cols: int) -> tuple[int, int]:
    """The circulation edge of an entry: source 0 -> rows -> cols -> sink 1 -> source."""
    row_node, col_node = (lambda r: 2 + r), (lambda c: 2 + n_rows + c)
    kind = key[0]
    if kind == "cell":
        return row_node(key[1]), col_node(key[2])
    if kind == "row":
        return 0, row_node(key[1])
    if kind == "col":
        return col_node(key[1]), 1
    return 1, 0


def _feasible(bounds: Mapping[Key, Bounds], n_rows: int, n_cols: int) -> bool:
    """Whether some table of integers meets every bound and adds up (Hoffman circulation)."""
    size = 4 + n_rows + n_cols
    super_source, super_sink = size - 2, size - 1
    capacity = [[0] * size for _ in range(size)]
    excess = [0] * size
    for key, (low, high) in bounds.items():
        upper = _INFINITE if high is None else high
        if upper < low:
            return False
        u, v = _edge(key, n_rows, n_cols)
        capacity[u][v] += upper - low
        excess[v] += low
        excess[u] -= low
    for node, amount in enumerate(excess):
        if amount > 0:
            capacity[super_source][node] += amount
        elif amount < 0:
            capacity[node][super_sink] -= amount
    needed = sum(amount for amount in excess if amount > 0)
    return _max_flow(capacity, super_source, super_sink) == needed


def _max_flow(capacity: list[list[int]], source: int, sink: int) -> int:
    """Dinic's algorithm on a residual capacity matrix (modified in place)."""
    total = 0
    while (level := _levels(capacity, source))[sink] >= 0:
        pointer = [0] * len(capacity)
        while pushed := _blocking_push(capacity, level, pointer, source, sink, _INFINITE):
            total += pushed
    return total


def _levels(capacity: list[list[int]], source: int) -> list[int]:
    """Breadth-first distances from the source in the residual graph (-1: unreachable)."""
    level = [-1] * len(capacity)
    level[source] = 0
    queue = deque([source])
    while queue:
        u = queue.popleft()
        for v, room in enumerate(capacity[u]):
            if room > 0 and level[v] < 0:
                level[v] = level[u] + 1
                queue.append(v)
    return level


def _blocking_push(
    capacity: list[list[int]], level: list[int], pointer: list[int], u: int, sink: int, limit: int
) -> int:
    """Push flow along one level-increasing path from ``u``; 0 when none is left."""
    if u == sink:
        return limit
    row = capacity[u]
    while pointer[u] < len(row):
        v = pointer[u]
        if row[v] > 0 and level[v] == level[u] + 1:
            pushed = _blocking_push(capacity, level, pointer, v, sink, min(limit, row[v]))
            if pushed:
                row[v] -= pushed
                capacity[v][u] += pushed
                return pushed
        pointer[u] += 1
    return 0


def _first(low: int, high: int, holds: Callable[[int], bool]) -> int:
    """The smallest x in [low, high] where a monotone predicate holds (it must hold at high)."""
    while low < high:
        middle = (low + high) // 2
        low, high = (low, middle) if holds(middle) else (middle + 1, high)
    return low


def _feasible_within(
    key: Key, low: int, high: int, bounds: Mapping[Key, Bounds], n_rows: int, n_cols: int
) -> bool:
    """Whether the table can add up with the entry ``key`` between ``low`` and ``high``."""
    return low <= high and _feasible({**bounds, key: (low, high)}, n_rows, n_cols)


def _range_of(key: Key, bounds: Mapping[Key, Bounds], n_rows: int, n_cols: int) -> tuple[int, int]:
    """The smallest and largest true value of a bounded entry consistent with ``bounds``."""
    low, high = bounds[key]
    if high is None:
        raise ValueError("only bounded entries have a finite range")

    def within(lo: int, hi: int) -> bool:
        return _feasible_within(key, lo, hi, bounds, n_rows, n_cols)

    if not within(low, high):
        raise ValueError("the published numbers are inconsistent")
    smallest = _first(low, high, lambda x: within(low, x))
    largest = high - _first(0, high - low, lambda d: within(high - d, high))
    return smallest, largest


def _spread_at_least(
    key: Key, width: int, bounds: Mapping[Key, Bounds], n_rows: int, n_cols: int
) -> bool:
    """Whether the entry's feasible values span at least ``width`` (cheaper than its range)."""
    low, high = bounds[key]

    def within(lo: int, hi: int) -> bool:
        return _feasible_within(key, lo, hi, bounds, n_rows, n_cols)

    if width == high - low:
        return within(low, low) and within(high, high)
    smallest = _first(low, high, lambda x: within(low, x))
    return within(smallest + width, high)


def _known_bounds(key: Key, cell: Cell, policy: DisclosurePolicy, sensitive: bool) -> Bounds:
    """What a reader of the published table knows about the true value of one entry."""
    if cell.status == "exact_zero":
        return 0, 0
    if cell.status == "published":
        return rounding_interval(cell.value, policy)
    if cell.status == "small":
        return 1, policy.threshold - 1
    if sensitive:
        return 0, None
    return (policy.threshold, None) if key[0] == "cell" else (1, None)


def _entries(table: PublishedTable) -> dict[Key, Cell]:
    entries: dict[Key, Cell] = {}
    for r, row in enumerate(table.cells):
        for c, cell in enumerate(row):
            entries[("cell", r, c)] = cell
    entries.update({("row", r): cell for r, cell in enumerate(table.row_totals)})
    entries.update({("col", c): cell for c, cell in enumerate(table.col_totals)})
    entries[("grand",)] = table.grand_total
    return entries


def hidden_ranges(
    table: PublishedTable, policy: DisclosurePolicy = DisclosurePolicy()
) -> dict[Key, tuple[int, int]]:
    """The attacker's exact [min, max] for every "<threshold" entry of a published table."""
    entries = _entries(table)
    bounds = {
        key: _known_bounds(key, cell, policy, table.sensitive) for key, cell in entries.items()
    }
    n_rows, n_cols = len(table.rows), len(table.cols)
    return {
        key: _range_of(key, bounds, n_rows, n_cols)
        for key in sorted(entries, key=_order)
        if entries[key].status == "small"
    }


# --- Secondary suppression ------------------------------------------------------------------------


@dataclass
class _Search:
    """Mutable state of the complement search for one table."""

    truth: dict[Key, int]
    cells: dict[Key, Cell]
    bounds: dict[Key, Bounds]
    policy: DisclosurePolicy
    lang: str
    n_rows: int
    n_cols: int

    def hide(self, key: Key) -> None:
        self.set_status(key, "suppressed")

    def set_status(self, key: Key, status: str) -> None:
        for twin in _twins(key, self.n_rows, self.n_cols):
            self.cells[twin] = _make_cell(self.truth[twin], status, self.policy, self.lang)
            self.bounds[twin] = _known_bounds(twin, self.cells[twin], self.policy, False)

    def hidden_bounds(self, key: Key) -> dict[Key, Bounds]:
        """The attacker's bounds if ``key`` (and its twins) were hidden."""
        twins = _twins(key, self.n_rows, self.n_cols)
        return {**self.bounds, **{t: _known_bounds(t, _HIDDEN, self.policy, False) for t in twins}}

    def range_of(self, key: Key) -> tuple[int, int]:
        return _range_of(key, self.bounds, self.n_rows, self.n_cols)

    def is_protected(self, key: Key, bounds: Mapping[Key, Bounds] | None = None) -> bool:
        if self.cells[key].status != "small":
            return True
        chosen = self.bounds if bounds is None else bounds
        return _spread_at_least(key, self.policy.required_range, chosen, self.n_rows, self.n_cols)

    def widens(self, key: Key, bounds: Mapping[Key, Bounds], current: tuple[int, int]) -> bool:
        """Whether ``bounds`` allow a value of ``key`` outside its ``current`` range."""
        (low, high), (smallest, largest) = bounds[key], current
        return _feasible_within(key, low, smallest - 1, bounds, self.n_rows, self.n_cols) or (
            _feasible_within(key, largest + 1, high, bounds, self.n_rows, self.n_cols)
        )


def _candidates(search: _Search) -> list[Key]:
    """Entries that may still be hidden (with their twins): published ones and "<threshold" totals."""

    def eligible(key: Key) -> bool:
        cell = search.cells[key]
        return cell.status == "published" or (cell.status == "small" and key[0] != "cell")

    return [
        key
        for key in sorted(search.cells, key=_order)
        if _twins(key, search.n_rows, search.n_cols)[0] == key
        and all(eligible(twin) for twin in _twins(key, search.n_rows, search.n_cols))
    ]


def _complement_rank(
    search: _Search, target: Key, candidate: Key, current: tuple[int, int]
) -> tuple:
    """Sort key of a candidate complement for ``target``: protects, widens, small, early."""
    if target in _twins(candidate, search.n_rows, search.n_cols):
        protects = widens = True
    else:
        bounds = search.hidden_bounds(candidate)
        protects = search.is_protected(target, bounds)
        widens = protects or search.widens(target, bounds, current)
    return (not protects, not widens, search.truth[candidate], _order(candidate))


def _best_complement(search: _Search, target: Key) -> Key:
    """The next entry to hide for ``target``; some entry always remains while it is exposed."""
    candidates = _candidates(search)
    current = search.range_of(target)
    ranks = {key: _complement_rank(search, target, key, current) for key in candidates}
    best = min(candidates, key=ranks.__getitem__)
    if ranks[best][1]:  # nothing helps on its own: stay close
        near = _neighbours(target, search.n_rows, search.n_cols)
        pool = [key for key in candidates if key in near] or candidates
        best = min(pool, key=lambda key: (search.truth[key], _order(key)))
    return best


def _protect_all(search: _Search) -> None:
    """Hide complements until every "<threshold" entry is protected (see module docstring, rule 5)."""
    for target in sorted(search.cells, key=_order):
        for _ in range(len(search.cells) + 1):
            if search.is_protected(target):
                break
            search.hide(_best_complement(search, target))
        else:  # pragma: no cover - hiding every candidate always protects
            raise AssertionError(f"secondary suppression did not converge for {target}")


def _restore_unneeded(search: _Search) -> None:
    """Publish again, in the fixed order, each hidden entry the protection does not need."""
    n_rows, n_cols = search.n_rows, search.n_cols
    for key in sorted(search.cells, key=_order):
        if search.cells[key].status != "suppressed" or _twins(key, n_rows, n_cols)[0] != key:
            continue
        search.set_status(key, _primary_status(search.truth[key], search.policy))
        if not all(search.is_protected(target) for target in sorted(search.cells, key=_order)):
            search.hide(key)


def _secondary_suppression(
    truth: dict[Key, int], policy: DisclosurePolicy, lang: str, n_rows: int, n_cols: int
) -> dict[Key, Cell]:
    cells = {
        key: _make_cell(n, _primary_status(n, policy), policy, lang) for key, n in truth.items()
    }
    bounds = {key: _known_bounds(key, cell, policy, False) for key, cell in cells.items()}
    search = _Search(truth, cells, bounds, policy, lang, n_rows, n_cols)
    _protect_all(search)
    _restore_unneeded(search)
    return search.cells


def _sensitive_cells(truth: dict[Key, int], policy: DisclosurePolicy, lang: str) -> dict[Key, Cell]:
    """Only the grand total of a sensitive table is published."""
    cells = {key: _HIDDEN for key in truth}
    grand = truth[("grand",)]
    cells[("grand",)] = _make_cell(grand, _primary_status(grand, policy), policy, lang)
    return cells


# --- Assembly -------------------------------------------------------------------------------------


def _notes(
    statuses: set[str], sensitive: bool, policy: DisclosurePolicy, lang: str
) -> tuple[str, ...]:
    params = {
        "base": policy.rounding_base,
        "threshold": policy.threshold,
        "last": policy.threshold - 1,
    }
    wanted = [
        ("sensitive", sensitive),
        ("rounded", "published" in statuses),
        ("small", "small" in statuses),
        ("suppressed", "suppressed" in statuses and not sensitive),
    ]
    return tuple(_NOTES[name][lang].format(**params) for name, present in wanted if present)


def protect(
    table: CountTable, policy: DisclosurePolicy = DisclosurePolicy(), *, lang: str = "id"
) -> PublishedTable:
    """Apply every disclosure-control rule of the module docstring to one table."""
    _check_lang(lang)
    truth = _true_values(table)
    n_rows, n_cols = len(table.rows), len(table.cols)
    if table.sensitive:
        cells = _sensitive_cells(truth, policy, lang)
    else:
        cells = _secondary_suppression(truth, policy, lang, n_rows, n_cols)
    return PublishedTable(
        key=table.key,
        title=dict(table.title),
        rows=table.rows,
        cols=table.cols,
        cells=tuple(tuple(cells[("cell", r, c)] for c in range(n_cols)) for r in range(n_rows)),
        row_totals=tuple(cells[("row", r)] for r in range(n_rows)),
        col_totals=tuple(cells[("col", c)] for c in range(n_cols)),
        grand_total=cells[("grand",)],
        notes=_notes({cell.status for cell in cells.values()}, table.sensitive, policy, lang),
        lang=lang,
        sensitive=table.sensitive,
    )


def percent(part: Cell, whole: Cell, policy: DisclosurePolicy = DisclosurePolicy()) -> str | None:
    """A whole-number percentage of two published cells, or None when it may not be shown."""
    if part.status not in ("published", "exact_zero") or whole.status != "published":
        return None
    if whole.value < policy.min_percent_denominator:
        return None
    return f"{(200 * part.value + whole.value) // (2 * whole.value)}%"
