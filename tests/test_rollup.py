"""The provincial roll-up (issue 18): office exports, manifest checks, one protection pass.

Three demo offices (different seeds, sizes and area codes) export their data; the roll-up's
figures before protection are checked against a count made here from the offices' raw YAML; after
protection no published count lies in 1..9; and an independent LP attacker (scipy, as in
tests/test_disclosure.py) that reads every office's own public tables together with the province's
cannot narrow any "<10" entry below 1..9.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from collections import Counter
from pathlib import Path

import duckdb
import numpy as np
import pytest
import yaml
from click.testing import CliRunner
from scipy.optimize import linprog

from casebook_demo.generate import generate_project
from generator.build.project import load_project
from generator.cli import cli
from generator.model.records import Settings
from generator.model.taxonomy import load_taxonomy
from generator.privacy.detectors import scan_text
from generator.privacy.release import public_release
from generator.rollup.build import rollup_release
from generator.rollup.export import COLUMNS, write_export

OFFICES = ((1, 90, 7), (2, 70, 14), (3, 25, 21))  # (number, cases, seed)
THRESHOLD = 10


@pytest.fixture(scope="module")
def province(tmp_path_factory) -> Path:
    """A roll-up project holding the partitioned exports of three demo offices."""
    root = tmp_path_factory.mktemp("rollup")
    for number, cases, seed in OFFICES:
        folder = root / f"office{number}"
        generate_project(folder, cases=cases, seed=seed, interns=3)
        office = folder / "office.yaml"
        text = office.read_text(encoding="utf-8").splitlines()
        text = [f'area_code: "39.7{number}"' if line.startswith("area_code:") else
                f"city: Kota Contoh {number}" if line.startswith("city:") else line
                for line in text]
        office.write_text("\n".join(text) + "\n", encoding="utf-8")
        project, problems = load_project(folder)
        assert not [p for p in problems if p.is_error]
        write_export(project, root / "project" / "exports")
    (root / "project" / "casebook.yml").write_text(
        "rollup:\n  name: Provinsi Contoh\n  exports:\n    - exports\n", encoding="utf-8")
    return root


def settings() -> Settings:
    return Settings.model_validate({"rollup": {"name": "Provinsi Contoh", "exports": ["exports"]}})


@pytest.fixture(scope="module")
def rolled(province):
    result = rollup_release(province / "project", settings(), load_taxonomy())
    assert not result.problems
    return result


# ---------------------------------------------------------------- independent recomputation


def raw_cases(folder: Path) -> list[dict]:
    return [yaml.safe_load(path.read_text(encoding="utf-8"))
            for path in sorted((folder / "cases").glob("*.yaml"))]


def sensitive_codes() -> set[str]:
    taxonomy = load_taxonomy()
    return {code for code in taxonomy.codes("ppks") if taxonomy.entry("ppks", code).get("sensitive")}


def is_sensitive(case: dict) -> bool:
    classification = case["classification"]
    return bool({classification["ppks"], *classification.get("secondary", [])} & sensitive_codes())


def raw_counts(case_list: list[dict], key: str) -> Counter:
    """Clients per code, written from the YAML fields (not from Casebook's code)."""
    found: Counter = Counter()
    for case in case_list:
        if is_sensitive(case):
            continue
        implemented = [s for s in case.get("services", []) if s.get("status", "implemented") == "implemented"]
        closure = case.get("closure")
        values = {
            "kategori_ppks": [case["classification"]["ppks"]],
            "jenis_kelamin": [case["client"]["sex"]],
            "cara_masuk": [case["intake"]["channel"]],
            "sumber_rujukan": [case["intake"]["source"]],
            "bentuk_rehabilitasi": sorted({s["form"] for s in implemented}),
            "rujukan_penyedia": sorted({r["provider"] for r in case.get("referrals", [])}),
            "hasil_akhir": [closure["outcome"]] if closure else [],
            "ketercapaian_tujuan": [closure["goal_attainment"]] if closure else [],
        }[key]
        found.update(values)
    return found


CHECKED = ("kategori_ppks", "jenis_kelamin", "cara_masuk", "sumber_rujukan",
           "bentuk_rehabilitasi", "rujukan_penyedia", "hasil_akhir", "ketercapaian_tujuan")


@pytest.mark.parametrize("key", CHECKED)
def test_provincial_figures_match_the_raw_yaml_before_protection(province, rolled, key):
    table = next(t for t in rolled.tables if t.template.key == key)
    expected_total: Counter = Counter()
    for (number, _, _), info, row in zip(OFFICES, table.offices, table.rows, strict=True):
        assert info.office == f"39.7{number}"
        expected = raw_counts(raw_cases(province / f"office{number}"), key)
        expected_total += expected
        found = {code: n for code, n in zip(table.template.rows, row.counts) if n}
        assert found == dict(expected)
    totals = {code: sum(row.counts[c] for row in table.rows)
              for c, code in enumerate(table.template.rows)}
    assert {code: n for code, n in totals.items() if n} == dict(expected_total)
    assert sum(expected_total.values()) > 0


def test_the_reproduced_office_tables_are_what_each_office_publishes(province, rolled):
    for (number, _, _), index in zip(OFFICES, range(3), strict=True):
        project, _ = load_project(province / f"office{number}")
        release = public_release(project)
        for table in rolled.tables:
            own = next(t for t in release.tables if t.meta.key == table.template.key)
            published = own.published["id"]
            mine = table.rows[index]
            for r, code in enumerate(own.meta.rows):
                c = table.template.rows.index(code)
                assert mine.cells[c].display == published.cells[r][0].display, (code, number)
            assert mine.total.display == published.grand_total.display


def every_cell(release) -> list:
    return [cell for table in (*release.tables, release.sensitive) for lang in ("id", "en")
            for line in (table.published[lang].cells, (table.published[lang].row_totals,),
                         (table.published[lang].col_totals,))
            for cells in line for cell in cells]


def test_no_published_count_lies_in_one_to_nine(rolled):
    cells = every_cell(rolled.release)
    assert cells
    assert all(c.value is None or c.value == 0 or c.value >= THRESHOLD for c in cells)
    shown = {c.display for c in cells}
    assert "<10" in shown and "–" in shown  # the rules were exercised
    figures = [cell for table in rolled.tables for cell in table.province.figures]
    assert any(cell.status == "published" for cell in figures)  # not everything withheld
    assert not any(c.display.isdigit() and 0 < int(c.display) < THRESHOLD for c in cells)


# ---------------------------------------------------------------- the LP attacker


def bounds_of(cell, *, kind: str) -> tuple[int, int | None]:
    """What a reader knows from one displayed entry (see tests/test_disclosure.py)."""
    if cell.status == "exact_zero":
        return 0, 0
    if cell.status == "published":
        return max(cell.value - 2, THRESHOLD), cell.value + 2
    if cell.status == "small":
        return 1, THRESHOLD - 1
    return (THRESHOLD, None) if kind == "office cell" else (1, None)


def intersect(first, second):
    low = max(first[0], second[0])
    highs = [h for h in (first[1], second[1]) if h is not None]
    return low, min(highs) if highs else None


def attack_table(key: str, office_releases, province_table) -> list[tuple[str, int, int]]:
    """[min, max] of every "<10" entry, from the offices' tables and the province's together.

    Variables: x[o][c] (every office, every code), R[o] office totals, C[c] provincial figures,
    G the provincial total; rows and columns add up."""
    codes = list(province_table.template.rows)
    n_off, n_codes = len(office_releases), len(codes)
    n_x = n_off * n_codes
    size = n_x + n_off + n_codes + 1
    bounds: list[tuple[int, int | None]] = [(0, None)] * size
    targets = []
    for o, release in enumerate(office_releases):
        own = next(t for t in release.tables if t.meta.key == key)
        published = own.published["id"]
        listed = {code: published.cells[r][0] for r, code in enumerate(own.meta.rows)}
        for c, code in enumerate(codes):
            cell = listed.get(code)
            bounds[o * n_codes + c] = (0, 0) if cell is None else bounds_of(cell, kind="office cell")
            if cell is not None and cell.status == "small":
                targets.append((f"{o}:{code}", o * n_codes + c))
        bounds[n_x + o] = bounds_of(published.grand_total, kind="total")
        if published.grand_total.status == "small":
            targets.append((f"{o}:total", n_x + o))
    province = province_table.province
    for c, cell in enumerate(province.figures):
        index = n_x + n_off + c
        bounds[index] = intersect(bounds[index], bounds_of(cell, kind="total"))
        if cell.status == "small":
            targets.append((f"province:{codes[c]}", index))
    bounds[-1] = bounds_of(province.total, kind="total")
    if province.total.status == "small":
        targets.append(("province:total", size - 1))
    equations = []
    for o in range(n_off):
        line = np.zeros(size)
        line[o * n_codes:(o + 1) * n_codes] = 1
        line[n_x + o] = -1
        equations.append(line)
    for c in range(n_codes):
        line = np.zeros(size)
        line[[o * n_codes + c for o in range(n_off)]] = 1
        line[n_x + n_off + c] = -1
        equations.append(line)
    line = np.zeros(size)
    line[n_x + n_off:n_x + n_off + n_codes] = 1
    line[-1] = -1
    equations.append(line)
    matrix = np.array(equations)
    ranges = []
    for name, index in targets:
        extremes = []
        for sign in (1, -1):
            objective = np.zeros(size)
            objective[index] = sign
            result = linprog(objective, A_eq=matrix, b_eq=np.zeros(len(matrix)), bounds=bounds,
                             method="highs")
            assert result.status == 0, (key, name, result.message)  # the truth is feasible
            extremes.append(round(result.x[index]))
        ranges.append((name, *extremes))
    return ranges


def test_the_lp_attacker_cannot_narrow_a_hidden_entry(province, rolled):
    releases = [public_release(load_project(province / f"office{number}")[0])
                for number, _, _ in OFFICES]
    checked = 0
    for table in rolled.tables:
        for name, low, high in attack_table(table.template.key, releases, table):
            assert (low, high) == (1, THRESHOLD - 1), (table.template.key, name, low, high)
            checked += 1
    assert checked > 50


def test_the_attacker_would_narrow_an_unprotected_provincial_figure(province, rolled):
    """The check above can fail: publish every provincial figure and it finds a narrowed cell."""
    from dataclasses import replace

    from generator.privacy.disclosure import DisclosurePolicy
    from generator.privacy.province import cell_of

    releases = [public_release(load_project(province / f"office{number}")[0])
                for number, _, _ in OFFICES]
    policy = DisclosurePolicy()
    narrowed = 0
    for table in rolled.tables:
        figures = tuple(
            cell_of(sum(row.counts[c] for row in table.rows),
                    "published" if sum(row.counts[c] for row in table.rows) >= THRESHOLD
                    else cell.status, policy, "id")
            for c, cell in enumerate(table.province.figures))
        naive = replace(table, province=replace(table.province, figures=figures))
        narrowed += sum((low, high) != (1, THRESHOLD - 1)
                        for _, low, high in attack_table(table.template.key, releases, naive))
    assert narrowed > 0


# ---------------------------------------------------------------- the export holds nothing else


DROPPED = ("alias", "case_id", "note", "notes", "name", "district", "date", "intake_date",
           "closure_date", "age", "authors", "facility", "title", "summary")


def test_an_export_holds_none_of_the_fields_the_privacy_view_drops(province, tmp_path):
    project, _ = load_project(province / "office1")
    target = tmp_path / "office.parquet"
    manifest = write_export(project, target)
    schema = duckdb.sql(f"DESCRIBE SELECT * FROM read_parquet('{target}')").fetchall()
    names = tuple(row[0] for row in schema)
    assert names == COLUMNS
    assert not set(names) & set(DROPPED)
    values = duckdb.sql(f"SELECT * FROM read_parquet('{target}')").fetchall()
    assert len(values) == manifest.rows == len(project.cases)
    texts = {str(item) for row in values for value in row
             for item in (value if isinstance(value, list) else [value]) if item is not None}
    secrets = {doc.case.case_id for doc in project.sorted_cases()}
    secrets |= {doc.case.client.alias for doc in project.sorted_cases()}
    assert not texts & secrets
    blob = target.read_bytes()
    assert not any(secret.encode() in blob for secret in secrets)
    findings = [(text, m.detector) for text in sorted(texts) for m in scan_text(text)]
    assert findings == []
    assert scan_text("telepon 0812-3456-7890, lahir 12 Maret 1990")  # the scan can find things
    assert scan_text(" ".join(sorted(texts))) == []


# ---------------------------------------------------------------- manifest checks


def copy_project(province: Path, tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(province / "project", root, ignore=shutil.ignore_patterns("site", ".casebook"))
    return root


def codes_of(root: Path) -> list[tuple[str, str, int]]:
    result = rollup_release(root, settings(), load_taxonomy())
    assert result.release is None
    return [(p.code, p.file, p.line) for p in result.problems]


def test_a_changed_data_file_is_a_located_digest_error(province, tmp_path):
    root = copy_project(province, tmp_path)
    data = min((root / "exports" / "office=39.72").rglob("*.parquet"))
    data.write_bytes(data.read_bytes() + b"x")
    found = codes_of(root)
    assert [(code, file) for code, file, _ in found] == [
        ("rollup.digest", "exports/office=39.72/manifest.json")]
    assert found[0][2] > 1


def test_the_same_office_twice_and_overlapping_periods(province, tmp_path):
    root = copy_project(province, tmp_path)
    twin = root / "more" / "office=39.71"
    shutil.copytree(root / "exports" / "office=39.71", twin)
    (root / "casebook.yml").write_text(
        "rollup:\n  name: P\n  exports:\n    - exports\n    - more\n", encoding="utf-8")
    custom = Settings.model_validate({"rollup": {"name": "P", "exports": ["exports", "more"]}})
    result = rollup_release(root, custom, load_taxonomy())
    assert [p.code for p in result.problems] == ["rollup.duplicate_office"]
    manifest = twin / "manifest.json"
    document = json.loads(manifest.read_text(encoding="utf-8"))
    document["period"]["end"] = "2030-Q4"
    manifest.write_text(json.dumps(document, indent=2), encoding="utf-8")
    result = rollup_release(root, custom, load_taxonomy())
    assert [(p.code, p.file) for p in result.problems] == [
        ("rollup.overlap", "more/office=39.71/manifest.json")]


def test_a_taxonomy_version_mismatch_and_a_broken_manifest(province, tmp_path):
    root = copy_project(province, tmp_path)
    manifest = root / "exports" / "office=39.73" / "manifest.json"
    text = manifest.read_text(encoding="utf-8")
    manifest.write_text(text.replace('"taxonomy_version": "', '"taxonomy_version": "9'),
                        encoding="utf-8")
    broken = root / "exports" / "office=39.72" / "manifest.json"
    broken.write_text("{\n  \"format\": ", encoding="utf-8")
    found = sorted(codes_of(root))
    assert [code for code, _, _ in found] == ["rollup.manifest_invalid", "rollup.taxonomy_version"]
    assert all(line >= 1 for _, _, line in found)


# ---------------------------------------------------------------- the commands


def test_init_rollup_then_build_the_provincial_site(province, tmp_path):
    runner = CliRunner()
    root = tmp_path / "prov"
    result = runner.invoke(cli, ["init", "--rollup", "--name", "Provinsi Contoh", str(root)])
    assert result.exit_code == 0, result.output
    shutil.rmtree(root / "exports")
    shutil.copytree(province / "project" / "exports", root / "exports")
    result = runner.invoke(cli, ["build", "--project", str(root)])
    assert result.exit_code == 0, result.output
    page = (root / "site" / "public" / "statistik" / "index.html").read_text(encoding="utf-8")
    assert "Provinsi Contoh" in page and "Kota Contoh 1" in page
    assert "Kota Contoh 3" not in page  # 25 clients: only inside the provincial figures
    data = root / "site" / "public" / "statistik" / "data" / "jenis_kelamin.csv"
    assert "Provinsi" in data.read_text(encoding="utf-8")


def test_export_office_command_writes_parquet_and_manifest(province, tmp_path):
    runner = CliRunner()
    target = tmp_path / "out" / "kantor.parquet"
    result = runner.invoke(cli, ["export", "office", "--out", str(target), "--project",
                                 str(province / "office2")])
    assert result.exit_code == 0, result.output
    manifest = json.loads((tmp_path / "out" / "kantor.manifest.json").read_text("utf-8"))
    assert manifest["office"] == "39.72" and manifest["rows"] == 70
    assert [f["path"] for f in manifest["files"]] == ["kantor.parquet"]


# ---------------------------------------------------------------- the pass on random grids


class _Release:
    """The minimum of an office release the attacker reads: one table of one column."""

    def __init__(self, key, codes, row):
        from types import SimpleNamespace

        keep = [c for c, n in enumerate(row.counts) if n] or [0]
        published = SimpleNamespace(cells=[[row.cells[c]] for c in keep],
                                    grand_total=row.total)
        meta = SimpleNamespace(key=key, rows=[codes[c] for c in keep])
        self.tables = [SimpleNamespace(meta=meta, published={"id": published})]


@pytest.mark.parametrize("seed", range(40))
def test_random_offices_the_attacker_narrows_nothing(seed):
    """Small, mixed grids (many 1..9 cells) from a fixed seed: offices' rows as each office
    publishes them, the provincial figures after the pass, and the LP attacker over both."""
    import random
    from types import SimpleNamespace

    from generator.privacy.disclosure import DisclosurePolicy
    from generator.privacy.province import protect_province
    from generator.rollup.build import office_cells

    rng = random.Random(seed)
    n_offices, n_codes = rng.randint(2, 6), rng.randint(2, 7)
    policy = DisclosurePolicy()
    codes = tuple(f"k{c}" for c in range(n_codes))
    grid = [[rng.choice((0, rng.randint(1, 9), rng.randint(1, 9), rng.randint(10, 40)))
             for _ in codes] for _ in range(n_offices)]
    rows = tuple(office_cells(line, policy) for line in grid)
    table = SimpleNamespace(template=SimpleNamespace(rows=codes),
                            province=protect_province(rows, policy))
    releases = [_Release("t", codes, row) for row in rows]
    for name, low, high in attack_table("t", releases, table):
        assert (low, high) == (1, THRESHOLD - 1), (seed, grid, name, low, high)


def test_sensitive_categories_only_as_provincial_totals_and_unnarrowed(province, rolled):
    """Each office publishes each sensitive category per year as a total of its own; the
    province publishes its figure per category and year; together they narrow nothing."""
    from types import SimpleNamespace

    from generator.privacy.disclosure import Cell
    from generator.privacy.province import WITHHELD

    sensitive = rolled.release.sensitive.published["id"]
    assert sensitive.sensitive and sensitive.grand_total.status == "suppressed"
    assert all(c.status == "suppressed" for c in (*sensitive.row_totals, *sensitive.col_totals))
    releases = [public_release(load_project(province / f"office{number}")[0])
                for number, _, _ in OFFICES]
    years = rolled.sensitive.years
    checked = 0
    for r, category in enumerate(rolled.sensitive.template.rows):
        adapters = []
        for release in releases:
            own = release.sensitive
            cells = {}
            if category in own.meta.rows:
                line = own.published["id"].cells[own.meta.rows.index(category)]
                cells = dict(zip(own.meta.cols, line, strict=True))
            kept = [y for y in years if y in cells and cells[y].status != "exact_zero"]
            total = WITHHELD if kept else Cell(0, "0", "exact_zero")
            published = SimpleNamespace(cells=[[cells[y]] for y in kept], grand_total=total)
            meta = SimpleNamespace(key="s", rows=kept)
            adapters.append(SimpleNamespace(
                tables=[SimpleNamespace(meta=meta, published={"id": published})]))
        table = rolled.sensitive.categories[r]
        assert [c.display for c in table.province.figures] == [
            c.display for c in sensitive.cells[r]]
        shown = SimpleNamespace(template=SimpleNamespace(rows=years), province=table.province)
        for name, low, high in attack_table("s", adapters, shown):
            assert (low, high) == (1, THRESHOLD - 1), (category, name, low, high)
            checked += 1
        truth = [sum(row.counts[c] for row in table.rows) for c in range(len(years))]
        raw = Counter()
        for number, _, _ in OFFICES:
            for case in raw_cases(province / f"office{number}"):
                codes = {case["classification"]["ppks"], *case["classification"].get("secondary", [])}
                if category in codes:
                    first = case["intake"]["date"].year
                    closure = case.get("closure")
                    last = closure["date"].year if closure else dt.date.today().year
                    raw.update(str(y) for y in range(first, last + 1))
        assert truth == [raw.get(y, 0) for y in years]
    assert checked > 0
