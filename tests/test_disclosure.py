"""Tests of statistical disclosure control (generator/disclosure.py, privacy.md PRIV-17/18/19/23).

What "recoverable" means here. An attacker reads one published table and knows the rules:
a published v is a true count in [v-2, v+2] that is >= 10 (rounding half up to base 5, never below
10); "<10" is a count in [1, 9]; "0" is exactly 0; a "–" cell is >= 10 (complements are only chosen
among published cells, which the test checks against the true counts); a "–" total is >= 1; and
every row, column and the grand total add up. The attacker's knowledge about a hidden "<10" entry is
the set of its integer values over all tables consistent with that. We compute the smallest and the
largest such value with linear programs (scipy HiGHS, dual simplex) and check that each optimum is an
integer table that meets every constraint exactly, so it is a real witness: the integer set then
equals the LP interval. A "<10" entry is *recoverable* when that interval is narrower than [1, 9]
(default policy: the attacker must learn nothing beyond "<10"), and with ``min_hidden_range=2`` when
its width is below 2 (it can be pinned to one or two values). No hidden entry may be recoverable.
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

from generator.privacy.disclosure import (
    Cell,
    CountTable,
    DisclosurePolicy,
    PublishedTable,
    format_count,
    hidden_ranges,
    percent,
    protect,
    round_count,
    rounding_interval,
)

TITLE = {"id": "Uji", "en": "Test"}


def table_of(counts, *, sensitive=False, key="uji") -> CountTable:
    rows = tuple(f"Baris {r}" for r in range(len(counts)))
    cols = tuple(f"Kolom {c}" for c in range(len(counts[0])))
    return CountTable(key, TITLE, rows, cols, tuple(map(tuple, counts)), sensitive)


def displays(published: PublishedTable) -> list[list[str]]:
    """The table as a reader sees it, margins included (last column and last row)."""
    grid = [
        [cell.display for cell in row] + [total.display]
        for row, total in zip(published.cells, published.row_totals)
    ]
    return grid + [
        [cell.display for cell in published.col_totals] + [published.grand_total.display]
    ]


# --- An independent attacker --------------------------------------------------------------------


def entries(published: PublishedTable, counts) -> list[tuple[str, tuple, Cell, int]]:
    """(kind, index, published cell, true count) for every cell and margin."""
    n_rows, n_cols = len(counts), len(counts[0])
    found = [
        ("cell", (r, c), published.cells[r][c], counts[r][c])
        for r in range(n_rows)
        for c in range(n_cols)
    ]
    found += [("row", (r,), published.row_totals[r], sum(counts[r])) for r in range(n_rows)]
    found += [
        ("col", (c,), published.col_totals[c], sum(row[c] for row in counts)) for c in range(n_cols)
    ]
    return found + [("grand", (), published.grand_total, sum(map(sum, counts)))]


def attacker_bounds(kind: str, cell: Cell, threshold=10) -> tuple[int, int | None]:
    """What the published display tells about the true count (default policy)."""
    if cell.status == "exact_zero":
        return 0, 0
    if cell.status == "published":
        return max(cell.value - 2, threshold), cell.value + 2
    if cell.status == "small":
        return 1, threshold - 1
    return (threshold, None) if kind == "cell" else (1, None)


def equality_matrix(n_rows: int, n_cols: int) -> np.ndarray:
    """Rows, columns and both margins add up; variables: cells, row totals, col totals, grand."""
    n_cells = n_rows * n_cols
    size = n_cells + n_rows + n_cols + 1
    matrix = []
    for r in range(n_rows):
        line = np.zeros(size)
        line[[r * n_cols + c for c in range(n_cols)]] = 1
        line[n_cells + r] = -1
        matrix.append(line)
    for c in range(n_cols):
        line = np.zeros(size)
        line[[r * n_cols + c for r in range(n_rows)]] = 1
        line[n_cells + n_rows + c] = -1
        matrix.append(line)
    for start, count in ((n_cells, n_rows), (n_cells + n_rows, n_cols)):
        line = np.zeros(size)
        line[start : start + count] = 1
        line[-1] = -1
        matrix.append(line)
    return np.array(matrix)


def lp_extreme(matrix, bounds, index, sign) -> int:
    """Min (sign=1) or max (sign=-1) of one variable; the optimum must be an integer witness."""
    objective = np.zeros(matrix.shape[1])
    objective[index] = sign
    result = linprog(
        objective, A_eq=matrix, b_eq=np.zeros(len(matrix)), bounds=bounds, method="highs-ds"
    )
    assert result.status == 0, result.message
    witness = np.rint(result.x).astype(int)
    assert np.allclose(result.x, witness, atol=1e-7), "LP optimum is not integral"
    assert not (matrix.astype(int) @ witness).any(), "witness does not add up"
    for value, (low, high) in zip(witness, bounds):
        assert value >= low and (high is None or value <= high), "witness breaks a bound"
    return int(witness[index])


def attack(published: PublishedTable, counts) -> dict[tuple, tuple[int, int]]:
    """Exact [min, max] of every hidden "<10" entry, computed without generator code."""
    found = entries(published, counts)
    bounds = [attacker_bounds(kind, cell) for kind, _, cell, _ in found]
    matrix = equality_matrix(len(counts), len(counts[0]))
    return {
        (kind, *index): (lp_extreme(matrix, bounds, i, 1), lp_extreme(matrix, bounds, i, -1))
        for i, (kind, index, cell, _) in enumerate(found)
        if cell.status == "small"
    }


def expected_rounding(count: int) -> int:
    """Nearest multiple of 5, half up, never below 10 (written out for the test)."""
    lower = count - count % 5
    nearest = lower + 5 if count % 5 >= 3 else lower
    return max(nearest, 10)


# --- Property-based tests -------------------------------------------------------------------------

small_heavy = st.one_of(st.integers(0, 12), st.integers(0, 12), st.integers(0, 60))
tables = st.integers(1, 6).flatmap(
    lambda n_rows: st.integers(1, 5).flatmap(
        lambda n_cols: st.lists(
            st.lists(small_heavy, min_size=n_cols, max_size=n_cols),
            min_size=n_rows,
            max_size=n_rows,
        )
    )
)
quick = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@quick
@given(tables)
def test_published_values_are_never_small_and_always_rounded(counts):
    published = protect(table_of(counts))
    for kind, _, cell, true in entries(published, counts):
        if cell.status == "published":
            assert cell.value % 5 == 0 and cell.value >= 10
            assert cell.value == expected_rounding(true), "margins are rounded from true counts"
            assert cell.display == f"{cell.value:,}".replace(",", ".")
        elif cell.status == "exact_zero":
            assert true == 0 and cell.display == "0"
        elif cell.status == "small":
            assert 1 <= true <= 9 and cell.display == "<10" and cell.value is None
        else:
            assert cell.display == "–" and cell.value is None
            assert true >= (10 if kind == "cell" else 1), "the attack model assumes this"
        if kind == "cell" and 1 <= true <= 9:
            assert cell.status == "small", "a small cell is always shown as <10"


@quick
@given(tables)
def test_no_hidden_entry_is_recoverable(counts):
    published = protect(table_of(counts))
    ranges = attack(published, counts)
    for key, (low, high) in ranges.items():
        assert high - low >= 2, f"{key} pinned to [{low}, {high}] in {displays(published)}"
        assert (low, high) == (1, 9), f"{key} narrowed to [{low}, {high}] in {displays(published)}"
    assert hidden_ranges(published) == ranges, "the generator's own attack agrees with the LP"


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tables)
def test_weaker_policy_still_never_pins_a_hidden_entry(counts):
    policy = DisclosurePolicy(min_hidden_range=2)
    published = protect(table_of(counts), policy)
    for key, (low, high) in attack(published, counts).items():
        assert high - low >= 2, f"{key} pinned to [{low}, {high}] in {displays(published)}"


@quick
@given(tables)
def test_tables_without_small_numbers_are_not_suppressed(counts):
    counts = [[0 if 1 <= n <= 9 else n for n in row] for row in counts]
    published = protect(table_of(counts))
    assert all(
        cell.status in ("published", "exact_zero") for _, _, cell, _ in entries(published, counts)
    )


@settings(max_examples=30, deadline=None)
@given(tables)
def test_protection_is_deterministic_and_twins_agree(counts):
    first, second = protect(table_of(counts)), protect(table_of(counts))
    assert first == second
    if len(counts[0]) == 1:
        assert first.row_totals == tuple(row[0] for row in first.cells)
        assert first.col_totals[0] == first.grand_total


# --- Exhaustive check of the generator's attack on tiny tables ---------------------------------


def brute_force_ranges(published: PublishedTable, counts, cap=40) -> dict[tuple, tuple[int, int]]:
    """Enumerate every table of cells up to ``cap`` that is consistent with the published one."""
    found = entries(published, counts)
    n_rows, n_cols = len(counts), len(counts[0])
    choices = []
    for kind, _, cell, _ in found[: n_rows * n_cols]:
        low, high = attacker_bounds(kind, cell)
        choices.append(range(low, min(high if high is not None else cap, cap) + 1))
    seen: dict[tuple, set[int]] = {}
    for values in itertools.product(*choices):
        grid = [values[r * n_cols : (r + 1) * n_cols] for r in range(n_rows)]
        candidate = entries(published, grid)
        if all(_within(attacker_bounds(kind, cell), true) for kind, _, cell, true in candidate):
            for kind, index, cell, true in candidate:
                if cell.status == "small":
                    seen.setdefault((kind, *index), set()).add(true)
    return {key: (min(values), max(values)) for key, values in seen.items()}


def _within(bounds, value) -> bool:
    low, high = bounds
    return value >= low and (high is None or value <= high)


@pytest.mark.parametrize(
    "counts",
    [[[3], [10]], [[12, 3]], [[1], [8]], [[3, 12], [15, 30]], [[3, 4], [5, 6]], [[9, 14], [2, 0]]],
)
def test_generator_attack_matches_exhaustive_search(counts):
    for policy in (DisclosurePolicy(), DisclosurePolicy(min_hidden_range=2)):
        published = protect(table_of(counts), policy)
        assert hidden_ranges(published, policy) == brute_force_ranges(published, counts)


def test_larger_table_is_protected():
    counts = [
        [(7 * r + 11 * c) % 17 + (20 if (r + c) % 4 == 0 else 0) for c in range(8)]
        for r in range(12)
    ]
    published = protect(table_of(counts))
    ranges = attack(published, counts)
    assert len(ranges) >= 30
    assert all(interval == (1, 9) for interval in ranges.values())


def test_generator_attack_finds_a_narrowed_cell():
    """Without secondary suppression, a row [12, 3] with its total 15 narrows 3 to [1, 7]."""
    raw = PublishedTable(
        "raw",
        TITLE,
        ("a",),
        ("x", "y"),
        cells=((Cell(10, "10", "published"), Cell(None, "<10", "small")),),
        row_totals=(Cell(15, "15", "published"),),
        col_totals=(Cell(10, "10", "published"), Cell(None, "<10", "small")),
        grand_total=Cell(15, "15", "published"),
        notes=(),
    )
    assert hidden_ranges(raw) == {("cell", 0, 1): (1, 7), ("col", 1): (1, 7)}
    assert attack(raw, [[12, 3]]) == {("cell", 0, 1): (1, 7), ("col", 1): (1, 7)}


# --- Exact examples -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"threshold": 4}, "threshold must be at least 5"),
        ({"rounding_base": 3}, "rounding_base must be at least 5"),
        ({"rounding_base": 1}, "never lower than 5"),
        ({"threshold": 10.0}, "threshold must be an int"),
        ({"min_percent_denominator": 5}, "min_percent_denominator must be at least the threshold"),
        ({"min_hidden_range": 1}, "min_hidden_range must be an int from 2 to 8"),
        ({"min_hidden_range": 9}, "min_hidden_range must be an int from 2 to 8"),
    ],
)
def test_policy_validation(kwargs, message):
    with pytest.raises(ValueError, match=message):
        DisclosurePolicy(**kwargs)


@pytest.mark.parametrize(
    ("count", "display"),
    [
        (0, "0"),
        (1, "<10"),
        (9, "<10"),
        (10, "10"),
        (11, "10"),
        (12, "10"),
        (13, "15"),
        (15, "15"),
        (17, "15"),
        (18, "20"),
        (22, "20"),
        (23, "25"),
        (1232, "1.230"),
        (1233, "1.235"),
    ],
)
def test_rounding_table(count, display):
    cell = protect(table_of([[count]])).cells[0][0]
    assert cell.display == display
    assert cell.value == (None if display == "<10" else int(display.replace(".", "")))


@pytest.mark.parametrize(
    ("policy", "count", "value"),
    [
        (DisclosurePolicy(threshold=12), 12, 15),  # nearest would be 10, below the threshold
        (DisclosurePolicy(threshold=12), 17, 15),
        (DisclosurePolicy(threshold=7), 7, 10),
        (DisclosurePolicy(rounding_base=10), 14, 10),
        (DisclosurePolicy(rounding_base=10), 15, 20),
        (DisclosurePolicy(rounding_base=6, threshold=12), 14, 12),
        (DisclosurePolicy(rounding_base=6, threshold=12), 15, 18),
    ],
)
def test_rounding_other_policies(policy, count, value):
    assert round_count(count, policy) == value
    low, high = rounding_interval(value, policy)
    assert low <= count <= high
    assert [n for n in range(policy.threshold, 200) if round_count(n, policy) == value] == list(
        range(low, high + 1)
    )


def test_round_count_refuses_small_counts():
    with pytest.raises(ValueError, match="count 9 is below the threshold 10"):
        round_count(9, DisclosurePolicy())


def test_count_table_accepts_lists():
    table = CountTable("k", TITLE, ["a"], ["x", "y"], [[1, 2]])
    assert table.rows == ("a",) and table.counts == ((1, 2),)


def test_default_rounding_intervals():
    assert rounding_interval(10, DisclosurePolicy()) == (10, 12)
    assert rounding_interval(15, DisclosurePolicy()) == (13, 17)


def test_one_way_table_hides_the_total_that_would_narrow_a_small_cell():
    published = protect(table_of([[3], [10]]))
    assert displays(published) == [["<10", "<10"], ["10", "10"], ["–", "–"]]


def test_row_of_one_published_and_one_small_cell():
    published = protect(table_of([[12, 3]]))
    assert displays(published) == [["10", "<10", "–"], ["10", "<10", "–"]]


def test_many_published_cells_blur_a_small_one_without_extra_suppression():
    published = protect(table_of([[25], [3], [40]]))
    assert [cell.display for cell in published.col_totals] == ["70"]
    assert published.grand_total == Cell(70, "70", "published")
    assert not any(cell.status == "suppressed" for row in published.cells for cell in row)


def test_complements_the_protection_does_not_need_are_published_again():
    """Only the margins must go; the 12s (shown as 10) stay published."""
    published = protect(table_of([[12, 3], [3, 12]]))
    assert displays(published) == [["10", "<10", "–"], ["<10", "10", "–"], ["–", "–", "30"]]


def test_two_small_cells_under_a_small_total():
    """A total <10 over two small cells would cap each at 8, so it becomes "–"."""
    published = protect(table_of([[1], [8]]))
    assert displays(published) == [["<10", "<10"], ["<10", "<10"], ["–", "–"]]


def test_sensitive_table_publishes_only_the_grand_total():
    published = protect(table_of([[3, 40], [25, 0]], sensitive=True))
    assert all(cell.status == "suppressed" for row in published.cells for cell in row)
    assert all(cell.display == "–" for cell in published.row_totals + published.col_totals)
    assert published.grand_total == Cell(70, "70", "published")
    assert published.sensitive
    assert published.notes[0] == "Kategori sensitif: hanya total keseluruhan yang diterbitkan."


def test_sensitive_small_and_zero_totals():
    assert protect(table_of([[3, 4]], sensitive=True)).grand_total == Cell(None, "<10", "small")
    assert protect(table_of([[0, 0]], sensitive=True)).grand_total == Cell(0, "0", "exact_zero")


def test_percent_rules():
    policy = DisclosurePolicy()
    hundred, twenty_five = Cell(100, "100", "published"), Cell(25, "25", "published")
    assert percent(twenty_five, hundred, policy) == "25%"
    assert percent(Cell(15, "15", "published"), Cell(120, "120", "published"), policy) == "13%"
    assert percent(Cell(0, "0", "exact_zero"), hundred, policy) == "0%"
    assert percent(twenty_five, Cell(45, "45", "published"), policy) is None  # below 50
    assert percent(twenty_five, Cell(50, "50", "published"), policy) == "50%"
    assert percent(Cell(None, "<10", "small"), hundred, policy) is None
    assert percent(twenty_five, Cell(None, "–", "suppressed"), policy) is None
    assert percent(twenty_five, Cell(None, "<10", "small"), policy) is None


def test_percent_uses_published_values():
    published = protect(table_of([[12], [88]]))  # true 12 of 100, published 10 of 100
    assert percent(published.cells[0][0], published.grand_total) == "10%"


def test_displays_in_both_languages():
    counts = [[1234, 30], [40, 50]]
    indonesian, english = protect(table_of(counts)), protect(table_of(counts), lang="en")
    assert displays(indonesian) == [
        ["1.235", "30", "1.265"],
        ["40", "50", "90"],
        ["1.275", "80", "1.355"],
    ]
    assert displays(english)[2] == ["1,275", "80", "1,355"]
    assert indonesian.cells[0][0].value == english.cells[0][0].value == 1235
    assert indonesian.lang == "id" and english.lang == "en"
    assert format_count(1250000, "id") == "1.250.000"
    with pytest.raises(ValueError, match="unknown language 'fr'"):
        protect(table_of(counts), lang="fr")


def test_notes_in_both_languages():
    assert protect(table_of([[12, 3]])).notes == (
        (
            "Angka dibulatkan ke kelipatan 5; total dihitung dari data asli lalu dibulatkan, "
            "sehingga jumlah baris atau kolom dapat berbeda dari totalnya."
        ),
        "Angka 1–9 ditampilkan sebagai <10.",
        "– : angka disembunyikan agar angka kecil lain tidak dapat dihitung ulang.",
    )
    assert protect(table_of([[12, 3]]), lang="en").notes == (
        (
            "Numbers are rounded to a multiple of 5; totals are computed from the true data "
            "and then rounded, so rows or columns may not add up to their totals."
        ),
        "Numbers 1–9 are shown as <10.",
        "– : number withheld so that other small numbers cannot be worked out.",
    )
    assert protect(table_of([[0, 0]])).notes == ()


@pytest.mark.parametrize(
    ("rows", "cols", "counts", "message"),
    [
        (("a",), ("x",), ((1, 2),), "row 0 has 2 counts for 1 columns"),
        (("a", "b"), ("x",), ((1,),), "1 count rows for 2 row labels"),
        (("a",), ("x",), ((-1,),), "not an int >= 0"),
        (("a",), ("x",), ((True,),), "not an int >= 0"),
        ((), ("x",), (), "at least one row"),
    ],
)
def test_count_table_validation(rows, cols, counts, message):
    with pytest.raises(ValueError, match=message):
        CountTable("bad", TITLE, rows, cols, counts)


def test_cell_validation():
    with pytest.raises(ValueError, match="unknown cell status"):
        Cell(5, "5", "rounded")
    with pytest.raises(ValueError, match="does not match value"):
        Cell(3, "<10", "small")
