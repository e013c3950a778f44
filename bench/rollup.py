"""Benchmark of the provincial roll-up (issue 18): 10, 100 and 500 offices of 2,000 clients.

Synthetic exports are made directly as rows: a pool of clients comes from the demo generator
(``casebook demo``, one office, exported through the privacy view), and each synthetic office
draws 2,000 rows from it with replacement (so the demo's joint distributions hold), written by
DuckDB as a Parquet dataset partitioned by office and year, with one manifest per office.
Each size then runs in a fresh process: manifest checks (digests, rows), the SQL counts,
each office's own tables (``disclosure.protect``, what every office publishes), the one
provincial protection pass, and the rendering of the statistics pages. Peak memory is the child
process's high-water resident set size (VmHWM).

    .venv/bin/python bench/rollup.py                 # 10 and 100 offices
    .venv/bin/python bench/rollup.py --sizes 10 100 500
"""

from __future__ import annotations

import argparse
import itertools
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results" / "rollup.json"
CLIENTS = 2000
POOL_CASES = 600


def office_code(index: int) -> str:
    return f"{10 + index // 100:02d}.{index % 100:02d}"


def make_pool(folder: Path) -> Path:
    """A demo office exported through the privacy view: the rows synthetic offices draw from."""
    from casebook_demo.generate import generate_project
    from generator.build.project import load_project
    from generator.rollup.export import write_export

    generate_project(folder / "demo", cases=POOL_CASES, seed=18, interns=8)
    project, _ = load_project(folder / "demo")
    target = folder / "pool.parquet"
    write_export(project, target)
    return target


def make_exports(pool: Path, offices: int, out: Path) -> None:
    """``offices`` synthetic exports of CLIENTS rows each, partitioned office=/year=."""
    import duckdb

    from generator.rollup.export import COLUMNS, Manifest, file_digest

    out.parent.mkdir(parents=True, exist_ok=True)
    connection = duckdb.connect()
    connection.execute("SELECT setseed(0.18)")
    connection.execute(f"CREATE TABLE pool AS SELECT row_number() OVER () - 1 AS rid, * "
                       f"FROM read_parquet('{pool}')")
    size = connection.execute("SELECT COUNT(*) FROM pool").fetchall()[0][0]
    codes = ", ".join(f"'{office_code(i)}'" for i in range(offices))
    others = ", ".join(c for c in COLUMNS if c != "office")
    connection.execute(
        f"CREATE TABLE clients AS SELECT ([{codes}])[1 + r.range // {CLIENTS}] AS office, "
        f"{others} FROM (SELECT range, CAST(floor(random() * {size}) AS BIGINT) AS pick "
        f"FROM range({offices * CLIENTS})) r JOIN pool p ON p.rid = r.pick")
    connection.execute(f"COPY (SELECT {', '.join(COLUMNS)} FROM clients) TO '{out}' "
                       "(FORMAT parquet, COMPRESSION zstd, PARTITION_BY (office, year))")
    meta = connection.execute("SELECT MIN(quarter), MAX(COALESCE(closed_quarter, quarter)), "
                              "ANY_VALUE(taxonomy_version) FROM clients").fetchall()[0]
    connection.close()
    for index in range(offices):
        code = office_code(index)
        base = out / f"office={code}"
        files = tuple(sorted((str(p.relative_to(base)), file_digest(p))
                             for p in base.rglob("*.parquet")))
        manifest = Manifest(office=code, office_name=f"Dinas Sosial {code}",
                            city=f"Kota Sintetis {index + 1}", period_start=meta[0],
                            period_end=meta[1], taxonomy_version=meta[2], threshold=10,
                            rounding=5, rows=CLIENTS, files=files)
        (base / "manifest.json").write_text(manifest.to_json(), encoding="utf-8")


def _rss_mb() -> float:
    """The process's peak resident set size so far (VmHWM: unlike ru_maxrss on Linux, it does
    not carry the parent's peak across fork and exec)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return round(int(line.split()[1]) / 1024, 1)
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def run_child(root: Path) -> dict:
    """One roll-up, phase by phase (called in a fresh process)."""
    from generator.model.records import Settings
    from generator.model.taxonomy import load_taxonomy
    from generator.privacy.province import protect_province
    from generator.privacy.release import policy_from_settings
    from generator.privacy.wall import Release
    from generator.render.public.statistics import public_statistics
    from generator.rollup.build import (
        OfficeInfo,
        ProvincialTable,
        code_vector,
        office_cells,
        public_sensitive,
        public_table,
        sensitive_table,
    )
    from generator.rollup.dimensions import DIMENSIONS, template
    from generator.rollup.manifest import check_exports
    from generator.rollup.query import (
        all_counts,
        connect,
        offices,
        sensitive_counts,
        year_span,
    )

    settings = Settings.model_validate({"rollup": {"name": "Provinsi Sintetis",
                                                   "exports": ["exports"]}})
    taxonomy = load_taxonomy()
    policy = policy_from_settings(settings)
    times: dict[str, float] = {}
    peaks: dict[str, float] = {"start_rss_mb": _rss_mb()}
    began = time.perf_counter()
    exports, problems = check_exports(root, ["exports"], taxonomy.version)
    assert not problems, problems[:3]
    times["check_manifests_s"] = time.perf_counter() - began
    peaks["check_manifests_rss_mb"] = _rss_mb()
    began = time.perf_counter()
    connection = connect([path for export in exports for path in export.data])
    counted, sizes = all_counts(connection), offices(connection)
    found, years = sensitive_counts(connection, 2026), year_span(connection, 2026)
    connection.close()
    times["sql_counts_s"] = time.perf_counter() - began
    peaks["sql_counts_rss_mb"] = _rss_mb()
    everyone = tuple(OfficeInfo(o, o, n) for o, n in sizes.items())
    began = time.perf_counter()
    rows = {d.key: tuple(office_cells(code_vector(template(taxonomy, d.key).rows,
                                              counted[d.key].get(i.office, {})), policy)
                         for i in everyone) for d in DIMENSIONS}
    times["office_tables_s"] = time.perf_counter() - began
    peaks["office_tables_rss_mb"] = _rss_mb()
    began = time.perf_counter()
    tables = tuple(ProvincialTable(template(taxonomy, d.key), everyone, rows[d.key],
                                   protect_province(rows[d.key], policy)) for d in DIMENSIONS)
    sensitive = sensitive_table(found, years, everyone, taxonomy, policy)
    times["province_protection_s"] = time.perf_counter() - began
    peaks["province_protection_rss_mb"] = _rss_mb()
    began = time.perf_counter()
    shown = list(range(len(everyone)))
    release = Release("x", {"id": "x", "en": "x"}, "Provinsi Sintetis", policy,
                      tuple(public_table(t, shown, policy) for t in tables),
                      public_sensitive(sensitive, "Provinsi Sintetis", policy))
    pages = public_statistics(release)
    times["render_s"] = time.perf_counter() - began
    peaks["render_rss_mb"] = _rss_mb()
    hidden = sum(cell.status == "small" for t in tables for r in t.rows for cell in r.cells)
    withheld = sum(cell.status == "suppressed" for t in tables for cell in t.province.figures)
    return {**{k: round(v, 3) for k, v in times.items()},
            "total_s": round(sum(times.values()), 3),
            "peak_rss_mb": _rss_mb(), "peak_after": peaks,
            "clients": sum(sizes.values()), "files": sum(len(e.data) for e in exports),
            "office_small_cells": hidden, "province_figures_withheld": withheld,
            "province_figures": sum(len(t.province.figures) for t in tables),
            "pages_bytes": sum(len(text) for text in pages.values())}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100])
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run_child(args.child)))
        return
    results = json.loads(RESULTS.read_text()) if RESULTS.is_file() else {}
    results["note"] = ("2,000 clients per office; machine shared with 5 other builds while it "
                       "ran: take times as +-30%")
    with tempfile.TemporaryDirectory() as scratch:
        pool = make_pool(Path(scratch))
        for offices in args.sizes:
            root = Path(scratch) / f"p{offices}"
            began = time.perf_counter()
            make_exports(pool, offices, root / "exports")
            made = time.perf_counter() - began
            data = sum(p.stat().st_size for p in (root / "exports").rglob("*.parquet"))
            done = subprocess.run([sys.executable, __file__, "--child", str(root)], check=False,
                                  capture_output=True, text=True, cwd=ROOT)
            if done.returncode:
                raise SystemExit(done.stderr)
            figures = json.loads(done.stdout.strip().splitlines()[-1])
            figures.update(offices=offices, generate_exports_s=round(made, 2),
                           parquet_mb=round(data / 1e6, 2))
            results[str(offices)] = figures
            print(json.dumps(figures), flush=True)
    sizes = sorted(int(k) for k in results if k.isdigit())
    results["growth"] = {f"{a}->{b}": {
        "offices": b / a,
        "time": round(results[str(b)]["total_s"] / results[str(a)]["total_s"], 2),
        "memory": round(results[str(b)]["peak_rss_mb"] / results[str(a)]["peak_rss_mb"], 2)}
        for a, b in itertools.pairwise(sizes)}
    RESULTS.write_text(json.dumps(results, indent=2, sort_keys=True) + "\n")
    print(json.dumps(results["growth"]))


if __name__ == "__main__":
    main()
