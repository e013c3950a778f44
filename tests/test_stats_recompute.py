"""Every review figure, recomputed straight from the YAML files, agrees with generator/stats.py.

The recomputation below reads case, intern and taxonomy files with ``yaml.safe_load`` and plain
dicts. It does not import generator.stats.tables, the pydantic models or the taxonomy loader; it follows
the definitions written in stats.py's docstring (who counts in which table for a period). For every
table and every cell it compares the exact list of case ids, so a count that is right for the wrong
cases fails too. It runs on the shipped sample, on a seeded cohort written by the tests, and on a
600-case project from ``casebook_demo.generate.generate_project`` (seed 7).

The public figures are checked the same way: raw counts recomputed here, put through
``disclosure.protect``, and compared with every cell ``privacy_release.publish`` released.
"""

from __future__ import annotations

import datetime as dt
import functools
import statistics as pystats
from collections import defaultdict
from pathlib import Path

import pytest
import yaml
from conftest import copy_sample
from test_stats import cohort

from generator.build.project import load_project
from generator.privacy import disclosure
from generator.privacy import release as privacy_release
from generator.stats import tables as stats_module

ROOT = Path(__file__).resolve().parents[1]
TODAY = dt.date(2026, 11, 22)
TAXONOMY_DIR = ROOT / "generator" / "model" / "taxonomies"
PERIODS = {
    None: (dt.date(1900, 1, 1), TODAY),
    "2025": (dt.date(2025, 1, 1), dt.date(2025, 12, 31)),
    "2025-Q2": (dt.date(2025, 4, 1), dt.date(2025, 6, 30)),
    "2026-03": (dt.date(2026, 3, 1), dt.date(2026, 3, 31)),
}
MONTHS_ID = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
             "September", "Oktober", "November", "Desember"]


@pytest.fixture(autouse=True)
def _pinned_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CASEBOOK_TODAY", TODAY.isoformat())


# ---------------------------------------------------------------- reading the files directly


def read_taxonomy(root: Path) -> dict[str, list[dict]]:
    """Vocabulary name -> entries, built-in files first, project overrides replacing them."""
    vocabularies: dict[str, list[dict]] = {}
    folders = [TAXONOMY_DIR, root / "taxonomies"]
    for folder in folders:
        for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
            for name, vocab in safe_load(path.read_text(encoding="utf-8"))["vocabularies"].items():
                vocabularies[name] = vocab["entries"]
    return vocabularies


def codes(tax, name):
    return [str(e["code"]) for e in tax[name]]


def attrs(tax, name, code):
    return next(e for e in tax[name] if str(e["code"]) == code)


def safe_load(text: str):
    """yaml.safe_load, with libyaml's C parser when present (same safe constructors, faster)."""
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


@functools.lru_cache(maxsize=8)
def read_cases(root: Path) -> list[dict]:
    files = sorted((root / "cases").rglob("*.yaml"))
    return [safe_load(path.read_text(encoding="utf-8")) for path in files]


def read_interns(root: Path) -> dict[str, dict]:
    found = {}
    for path in sorted((root / "interns").glob("*/intern.yaml")):
        data = safe_load(path.read_text(encoding="utf-8"))
        found[data["id"]] = data
    return found


def bounds(root: Path, period: str | None) -> tuple[dt.date, dt.date]:
    """The first and last day of a named period; ``edges`` starts on a closure date and ends on
    an intake date of the data, so that both boundaries are hit exactly."""
    if period != "edges":
        return PERIODS[period]
    closures = sorted(c["closure"]["date"] for c in read_cases(root) if c.get("closure"))
    start = closures[len(closures) // 3]
    intakes = sorted(c["intake"]["date"] for c in read_cases(root) if c["intake"]["date"] > start)
    return start, intakes[len(intakes) // 2]


def chosen_period(root: Path, period: str | None):
    start, end = bounds(root, period)
    if period == "edges":
        return stats_module.Period(start, end, "edges")
    return stats_module.parse_period(period, TODAY)


# ---------------------------------------------------------------- the definitions, again


def closure_day(case):
    return case["closure"]["date"] if case.get("closure") else None


def active(case, start, end):
    closed = closure_day(case)
    return case["intake"]["date"] <= end and (closed is None or closed >= start)


def status(case, end):
    closed = closure_day(case)
    if closed is None or closed > end:
        return "open"
    return "transferred_out" if case["record"].get("status") == "transferred_out" else "closed"


def band(tax, vocab, age):
    if age is None:
        return "tidak_diketahui"
    for entry in tax[vocab]:
        if entry.get("min", 0) <= age and ("max" not in entry or age <= entry["max"]):
            return str(entry["code"])
    return "tidak_diketahui"


def bucket(tax, days):
    for entry in tax["duration_bucket"]:
        if entry.get("min_days", 0) <= days and ("max_days" not in entry or days <= entry["max_days"]):
            return entry["code"]
    raise AssertionError(days)


class Tables:
    """key -> (rows, cols, {(row, col): [case ids]})."""

    def __init__(self):
        self.tables = {}

    def add(self, key, rows, cols, units):
        cells = defaultdict(list)
        for case_id, row, col in units:
            cells[(row, col)].append(case_id)
        self.tables[key] = (list(rows), list(cols), {k: sorted(v) for k, v in cells.items()})


def distinct(units):
    return sorted(set(units))


def recompute(root: Path, period: str | None, audience: str = "review"):
    tax, interns = read_taxonomy(root), read_interns(root)
    everyone = read_cases(root)
    cases = everyone
    sensitive = {c for c in codes(tax, "ppks") if attrs(tax, "ppks", c).get("sensitive")}
    if audience == "public":
        cases = [c for c in everyone if not ({c["classification"]["ppks"]}
                                             | set(c["classification"].get("secondary", []))) & sensitive]
    start, end = bounds(root, period)
    out = Tables()
    live = [c for c in cases if active(c, start, end)]
    done = [c for c in cases if closure_day(c) and start <= closure_day(c) <= end]
    done_ids = {c["case_id"] for c in done}
    one = ["klien"]
    summary = []
    for c in live:
        summary.append((c["case_id"], "aktif", "klien"))
        if start <= c["intake"]["date"] <= end:
            summary.append((c["case_id"], "baru", "klien"))
        if c["case_id"] in done_ids:
            summary.append((c["case_id"], "selesai", "klien"))
        if status(c, end) == "open":
            summary.append((c["case_id"], "terbuka", "klien"))
    out.add("ringkasan", ["aktif", "baru", "selesai", "terbuka"], one, summary)
    ppks_rows = [p for p in codes(tax, "ppks") if audience == "review" or p not in sensitive]
    out.add("kategori_ppks", ppks_rows, one,
            [(c["case_id"], c["classification"]["ppks"], "klien") for c in live])
    out.add("klaster_atensi", codes(tax, "atensi_cluster") + ["tidak_diketahui"], one,
            [(c["case_id"], c["classification"].get("cluster")
              or attrs(tax, "ppks", c["classification"]["ppks"])["cluster"], "klien") for c in live])
    out.add("jenis_kelamin", codes(tax, "sex"), one,
            [(c["case_id"], c["client"]["sex"], "klien") for c in live])
    ages = "age_group" if audience == "review" else "public_age_group"
    out.add("kelompok_umur", codes(tax, ages) + ["tidak_diketahui"], one,
            [(c["case_id"], band(tax, ages, c["client"].get("age")), "klien") for c in live])
    out.add("cara_masuk", codes(tax, "intake_channel"), one,
            [(c["case_id"], c["intake"]["channel"], "klien") for c in live])
    out.add("sumber_rujukan", codes(tax, "referral_source"), one,
            [(c["case_id"], c["intake"]["source"], "klien") for c in live])
    out.add("status_kasus", codes(tax, "case_status"), one,
            [(c["case_id"], status(c, end), "klien") for c in live])
    add_services(out, tax, live, start, end)
    add_outcomes(out, tax, done, audience)
    add_trend(out, cases, start, end, audience, period)
    if audience == "review":
        add_interns(out, tax, interns, live, end)
    add_sensitive(out, tax, everyone, sensitive, start, end)
    return out.tables


def add_services(out, tax, live, start, end):
    services = [(c["case_id"], s) for c in live for s in c.get("services", [])
                if s.get("status", "implemented") == "implemented" and start <= s["date"] <= end]
    out.add("bentuk_rehabilitasi", codes(tax, "rehab_form"), ["klien"],
            distinct((cid, s["form"], "klien") for cid, s in services))
    out.add("komponen_atensi", codes(tax, "atensi_component") + ["tidak_dicatat"], ["klien"],
            distinct((cid, s.get("atensi") or "tidak_dicatat", "klien") for cid, s in services))
    out.add("setting_layanan", codes(tax, "setting") + ["tidak_dicatat"], ["klien"],
            distinct((cid, s.get("setting") or "tidak_dicatat", "klien") for cid, s in services))
    out.add("rujukan_penyedia", codes(tax, "provider_type"), ["klien"],
            distinct((c["case_id"], r["provider"], "klien") for c in live
                     for r in c.get("referrals", []) if start <= r["date"] <= end))


def add_outcomes(out, tax, done, audience):
    out.add("hasil_akhir", codes(tax, "outcome"), ["klien"],
            [(c["case_id"], c["closure"]["outcome"], "klien") for c in done])
    out.add("ketercapaian_tujuan", codes(tax, "goal_attainment"), ["klien"],
            [(c["case_id"], c["closure"]["goal_attainment"], "klien") for c in done])
    out.add("lama_layanan", codes(tax, "duration_bucket"), ["klien"],
            [(c["case_id"], bucket(tax, (closure_day(c) - c["intake"]["date"]).days), "klien")
             for c in done])
    if audience == "review":
        goals = [(c["case_id"], g.get("type") or "tidak_dicatat", g.get("attainment", "belum_dinilai"))
                 for c in done for g in (c.get("plan") or {}).get("goals", [])]
        out.add("tujuan_intervensi", codes(tax, "goal_type") + ["tidak_dicatat"],
                codes(tax, "goal_attainment"), goals)


def add_trend(out, cases, start, end, audience, period):
    days = [(c["case_id"], c["intake"]["date"]) for c in cases if start <= c["intake"]["date"] <= end]
    if audience == "review":
        keys = {cid: f"{d.year}-{d.month:02d}" for cid, d in days}
        out.add("tren_bulan", month_span(sorted(keys.values())), ["baru"],
                [(cid, k, "baru") for cid, k in keys.items()])
        return
    quarters = {cid: f"{d.year}-Q{(d.month + 2) // 3}" for cid, d in days}
    if quarters:
        first, last = min(quarters.values()), max(quarters.values())
        span = [f"{y}-Q{q}" for y in range(int(first[:4]), int(last[:4]) + 1) for q in range(1, 5)
                if first <= f"{y}-Q{q}" <= last]
        counts = [sum(1 for v in quarters.values() if v == key) for key in span]
        if min(counts) >= 10:
            out.add("tren_triwulan", span, ["baru"], [(cid, k, "baru") for cid, k in quarters.items()])
            return
    years = {cid: str(d.year) for cid, d in days}
    span = ([str(y) for y in range(int(min(years.values())), int(max(years.values())) + 1)]
            if years else [])
    out.add("tren_tahun", span, ["baru"], [(cid, k, "baru") for cid, k in years.items()])


def month_span(months):
    if not months:
        return []
    year, month = map(int, months[0].split("-"))
    span = []
    while f"{year}-{month:02d}" <= months[-1]:
        span.append(f"{year}-{month:02d}")
        year, month = year + month // 12, month % 12 + 1
    return span


def add_interns(out, tax, interns, live, end):
    authors = sorted({a for c in live for a in c["record"]["authors"]} | set(interns))
    out.add("per_mahasiswa", authors, codes(tax, "case_status"),
            distinct((c["case_id"], a, status(c, end)) for c in live for a in c["record"]["authors"]))
    kinds = {i: d["programme"]["kind"] for i, d in interns.items()}
    out.add("per_program", codes(tax, "internship_program") + ["tidak_diketahui"],
            codes(tax, "case_status"),
            distinct((c["case_id"], kinds.get(a, "tidak_diketahui"), status(c, end))
                     for c in live for a in c["record"]["authors"]))


def add_sensitive(out, tax, everyone, sensitive, start, end):
    first = min((c["intake"]["date"].year for c in everyone), default=end.year)
    years = [y for y in range(first, end.year + 1)
             if any(active(c, max(start, dt.date(y, 1, 1)), min(end, dt.date(y, 12, 31)))
                    for c in everyone)]
    years = list(range(years[0], years[-1] + 1)) if years else []
    rows = [p for p in codes(tax, "ppks") if p in sensitive]
    units = []
    for y in years:
        for c in everyone:
            if active(c, max(start, dt.date(y, 1, 1)), min(end, dt.date(y, 12, 31))):
                mine = {c["classification"]["ppks"], *c["classification"].get("secondary", [])}
                units += [(c["case_id"], p, str(y)) for p in sorted(mine & sensitive)]
    out.add("kategori_sensitif", rows, [str(y) for y in years], units)


def recompute_durations(root: Path, period: str | None):
    tax = read_taxonomy(root)
    start, end = bounds(root, period)
    order = {str(e["code"]): e["order"] for e in tax["stage"]}
    spans = defaultdict(list)
    for c in read_cases(root):
        dated = sorted((c.get("stages") or {}).items(), key=lambda item: order[item[0]])
        ends = [d for _, d in dated[1:]]
        if dated and closure_day(c) and closure_day(c) >= dated[-1][1]:
            ends.append(closure_day(c))
        for (stage, begin), finish in zip(dated, ends):
            if start <= finish <= end:
                spans[stage].append(((finish - begin).days, c["case_id"]))
        if closure_day(c) and start <= closure_day(c) <= end:
            spans["total"].append(((closure_day(c) - c["intake"]["date"]).days, c["case_id"]))
    return {stage: describe(values) for stage, values in spans.items()}


def describe(values):
    days = sorted(v for v, _ in values)
    quartiles = (pystats.quantiles(days, n=4, method="inclusive") if len(days) > 1
                 else [days[0]] * 3)
    return (len(days), pystats.median(days), quartiles[0], quartiles[2], days[0], days[-1],
            sorted({cid for _, cid in values}))


# ---------------------------------------------------------------- the comparisons


def as_cells(table):
    return {(r, c): list(ids) for r, row in zip(table.rows, table.case_ids)
            for c, ids in zip(table.cols, row) if ids}


def assert_same_tables(root: Path, period: str | None) -> int:
    """Compare every review table and duration; return how many cells were compared."""
    project, problems = load_project(root, today=TODAY)
    assert not [p for p in problems if p.is_error]
    assert len(project.cases) == len(read_cases(root))
    result = stats_module.project_statistics(project, chosen_period(root, period), "review")
    expected = recompute(root, period)
    produced = {t.key: t for t in (*result.tables, result.sensitive)}
    assert sorted(produced) == sorted(expected)
    compared = 0
    for key, (rows, cols, cells) in expected.items():
        table = produced[key]
        assert (list(table.rows), list(table.cols)) == (rows, cols), key
        assert as_cells(table) == cells, key
        compared += len(rows) * len(cols)
    assert_same_durations(root, period, result)
    assert_month_labels(produced["tren_bulan"])
    return compared


def assert_same_durations(root: Path, period, result) -> None:
    expected = recompute_durations(root, period)
    (table,) = result.durations
    for row, summary in zip(table.rows, table.summaries):
        if row not in expected:
            assert summary is None, row
            continue
        n, median, q1, q3, low, high, ids = expected[row]
        assert (summary.n, summary.median, summary.q1, summary.q3) == (n, median, q1, q3), row
        assert (summary.minimum, summary.maximum, list(summary.case_ids)) == (low, high, ids), row


def assert_month_labels(trend) -> None:
    for code, label in zip(trend.rows, trend.row_labels):
        year, month = code.split("-")
        assert label["id"] == f"{MONTHS_ID[int(month) - 1]} {year}"


def assert_same_public(root: Path, period: str | None) -> int:
    """Recomputed raw counts, protected here, equal every released public cell."""
    project, _ = load_project(root, today=TODAY)
    chosen = chosen_period(root, period)
    policy = privacy_release.policy_from_settings(project.settings)
    release = privacy_release.publish(stats_module.project_statistics(project, chosen, "public"), policy)
    expected = recompute(root, period, "public")
    released = {t.meta.key: t for t in release.tables}
    compared = 0
    for key, (rows, cols, cells) in expected.items():
        if key == "kategori_sensitif":
            compared += check_sensitive(release.sensitive, rows, cols, cells, policy)
            continue
        keep = [r for r in rows if any(cells.get((r, c)) for c in cols)]
        if key not in ("ringkasan",) and not key.startswith("tren"):
            rows = keep or rows[:1]
        if not rows:
            assert key not in released
            continue
        counts = tuple(tuple(len(cells.get((r, c), [])) for c in cols) for r in rows)
        table = disclosure.CountTable(key, {"id": key, "en": key}, tuple(rows), tuple(cols), counts)
        mine = disclosure.protect(table, policy, lang="id")
        theirs = released[key].published["id"]
        assert list(released[key].meta.rows) == rows, key
        assert theirs.cells == mine.cells and theirs.grand_total == mine.grand_total, key
        assert theirs.row_totals == mine.row_totals and theirs.col_totals == mine.col_totals, key
        compared += len(rows) * len(cols)
    assert sorted(released) == sorted(k for k in expected if k != "kategori_sensitif"
                                      and (k in released))
    return compared


def check_sensitive(table, rows, cols, cells, policy) -> int:
    if not cols:
        assert table is None
        return 0
    grid = table.published["id"].cells
    for r, row in enumerate(rows):
        for c, col in enumerate(cols):
            n = len(cells.get((row, col), []))
            single = disclosure.CountTable("s", {"id": "s", "en": "s"}, ("a",), ("b",), ((n,),),
                                           sensitive=True)
            assert grid[r][c] == disclosure.protect(single, policy, lang="id").grand_total
    return len(rows) * len(cols)


@pytest.fixture(scope="module")
def sample_root(tmp_path_factory) -> Path:
    return copy_sample(tmp_path_factory.mktemp("sample"))


@pytest.fixture(scope="module")
def cohort_root(tmp_path_factory) -> Path:
    return cohort(tmp_path_factory.mktemp("cohort"), count=200, seed=17)


@pytest.fixture(scope="module")
def demo_root(tmp_path_factory) -> Path:
    from casebook_demo import generate as demo

    if not hasattr(demo, "generate_project"):
        pytest.skip("casebook_demo.generate.generate_project does not exist yet (demo helper in progress)")
    root = tmp_path_factory.mktemp("demo")
    demo.generate_project(root, cases=600, seed=7)
    return root


@pytest.mark.parametrize("period", list(PERIODS))
def test_review_figures_of_the_sample_match_a_recomputation(sample_root, period) -> None:
    assert assert_same_tables(sample_root, period) > 0


@pytest.mark.parametrize("period", [*PERIODS, "edges"])
def test_review_figures_of_a_seeded_cohort_match_a_recomputation(cohort_root, period) -> None:
    assert assert_same_tables(cohort_root, period) > 100


@pytest.mark.parametrize("period", [None, "2025", "edges"])
def test_review_figures_of_a_600_case_demo_project_match_a_recomputation(demo_root, period) -> None:
    assert assert_same_tables(demo_root, period) > 100


@pytest.mark.parametrize("period", [None, "2025"])
def test_public_figures_are_the_protected_recomputed_counts(sample_root, cohort_root, period) -> None:
    assert assert_same_public(sample_root, period) > 0
    assert assert_same_public(cohort_root, period) > 50


def test_public_figures_of_the_demo_project_are_the_protected_recomputed_counts(demo_root) -> None:
    assert assert_same_public(demo_root, None) > 50
