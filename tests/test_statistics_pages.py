"""Statistics pages, charts, open data and ``casebook stats``.

Public side: no published count lies in 1..9 anywhere (tables, CSV, JSON, SVG, alt texts); every
chart shows the numbers of its table; every public renderer takes its numbers from
``disclosure.protect`` (checked by replacing protect with a marking version); the open data is a
consistent, deterministic Frictionless package. Review side: every figure links to an anchor that
lists exactly the cases behind it. Slow tests build both sites with MkDocs in strict mode and look
at them in Chromium.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import copy_sample
from test_stats import cohort

from generator.build.project import load_project
from generator.privacy import disclosure
from generator.privacy import release as privacy_release
from generator.render import statistics as render
from generator.render.public import opendata
from generator.render.public import statistics as public_render
from generator.stats import tables as stats

TODAY = dt.date(2026, 11, 22)
SVG = "{http://www.w3.org/2000/svg}"
COUNT = re.compile(r"^(?:0|<10|–|[1-9]\d{0,2}(?:\.\d{3})*)$")
SHOTS = Path("/tmp/casebook-shots/statistik")


@pytest.fixture(autouse=True)
def _pinned_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CASEBOOK_TODAY", TODAY.isoformat())


@pytest.fixture(scope="module")
def cohort_project(tmp_path_factory):
    root = cohort(tmp_path_factory.mktemp("cohort"), count=260, seed=23)
    project, problems = load_project(root, today=TODAY)
    assert not [p for p in problems if p.is_error]
    return project


@pytest.fixture(scope="module")
def sample_project(tmp_path_factory):
    project, _ = load_project(copy_sample(tmp_path_factory.mktemp("sample")), today=TODAY)
    return project


def release_of(project, period=None) -> privacy_release.Release:
    statistics = stats.project_statistics(project, stats.parse_period(period, TODAY), "public")
    return privacy_release.publish(statistics, privacy_release.policy_from_settings(project.settings))


@pytest.fixture(scope="module")
def cohort_pages(cohort_project):
    return public_render.public_statistics(release_of(cohort_project))


# ---------------------------------------------------------------- reading what was written


def markdown_tables(text: str) -> list[tuple[str, list[str], list[list[str]]]]:
    """(the ### heading above, header, body rows) of every pipe table."""
    found, heading, lines = [], "", text.splitlines()
    for index, line in enumerate(lines):
        if line.startswith("### "):
            heading = line[4:]
        if line.startswith("| ") and index + 1 < len(lines) and lines[index + 1].startswith("| -"):
            header = split_row(line)
            body = []
            for row in lines[index + 2:]:
                if not row.startswith("| "):
                    break
                body.append(split_row(row))
            found.append((heading, header, body))
    return found


def split_row(line: str) -> list[str]:
    cells = re.split(r"(?<!\\)\|", line.strip()[1:-1])
    return [cell.strip().replace("\\|", "|").replace("\\[", "[").replace("\\]", "]")
            for cell in cells]


def count_cells(header: list[str], row: list[str]) -> list[str]:
    """The count cells of a public table row (not the label, not the % column)."""
    return [cell.strip("*") for name, cell in zip(header[1:], row[1:]) if name != "%"]


def svg_pairs(svg: str) -> list[tuple[str, str]]:
    """(label, value) of every bar or point of a chart."""
    root = ET.fromstring(svg)
    pairs = []
    for group in root.iter(f"{SVG}g"):
        texts = {t.get("class"): t.text for t in group.iter(f"{SVG}text")}
        if "cb-value" in texts:
            pairs.append((texts.get("cb-label") or texts.get("cb-period"), texts["cb-value"]))
    return pairs


def alt_pairs(pages: dict[str, str]) -> dict[str, list[tuple[str, str]]]:
    """Chart file -> (label, value) pairs named in its image's alt text ("Grafik: <title>. ...")."""
    found = {}
    for alt, target in re.findall(r"!\[(.*?)\]\((grafik/[^)]+)\)", pages["statistik/index.md"]):
        title = ET.fromstring(pages[f"statistik/{target}"]).find(f"{SVG}title").text
        prefix = f"Grafik: {title}. "
        assert alt.startswith(prefix) and alt.endswith("."), alt
        values = alt[len(prefix):-1]
        found[target] = [tuple(part.rsplit(": ", 1)) for part in values.split("; ")]
    return found


def is_published_count(display: str, base: int = 5) -> bool:
    if display in ("0", "<10", "–"):
        return True
    value = int(display.replace(".", "").replace(",", ""))
    return value >= 10 and value % base == 0


# ---------------------------------------------------------------- public: no small numbers


def test_public_tables_show_no_count_from_1_to_9(cohort_pages) -> None:
    tables = markdown_tables(cohort_pages["statistik/index.md"])
    assert len(tables) >= 15
    shown = [cell for _, header, body in tables for row in body for cell in count_cells(header, row)]
    assert len(shown) > 60
    assert all(COUNT.match(cell) and is_published_count(cell) for cell in shown), shown
    assert "<10" in shown and any(c not in ("0", "<10", "–") for c in shown)


def test_open_data_holds_no_count_from_1_to_9(cohort_pages) -> None:
    csv_files = {p: t for p, t in cohort_pages.items() if p.endswith(".csv")}
    rows = [row for text in csv_files.values() for row in csv.DictReader(io.StringIO(text))]
    assert len(rows) > 100
    for row in rows:
        assert row["nilai"] == "" or is_published_count(row["nilai"]), row
        assert is_published_count(row["tampilan"]), row
        assert (row["nilai"] == "") == (row["status"] in ("small", "suppressed")), row
    for path, text in cohort_pages.items():
        if path.endswith(".json") and not path.endswith("datapackage.json"):
            for record in json.loads(text)["data"]:
                assert record["nilai"] is None or is_published_count(str(record["nilai"]))


def test_charts_and_alt_texts_show_no_count_from_1_to_9(cohort_pages) -> None:
    charts = {p: t for p, t in cohort_pages.items() if p.endswith(".svg")}
    assert len(charts) >= 10
    values = [value for svg in charts.values() for _, value in svg_pairs(svg)]
    alts = [value for pairs in alt_pairs(cohort_pages).values()
            for _, value in pairs]
    assert values and alts
    assert all(is_published_count(v) for v in values + alts)
    for svg in charts.values():  # the description repeats the same displays
        desc = ET.fromstring(svg).find(f"{SVG}desc").text
        numbers = re.findall(r": (<10|–|\d[\d.]*?)(?=[;.](?:\s|$))", desc)
        assert numbers, desc
        assert all(is_published_count(number) for number in numbers), desc


def test_every_chart_shows_the_numbers_of_its_table(cohort_pages) -> None:
    index = cohort_pages["statistik/index.md"]
    tables = {heading.split(" {#")[0]: (header, body) for heading, header, body in
              markdown_tables(index)}
    alts = alt_pairs(cohort_pages)
    checked = 0
    for path, svg in cohort_pages.items():
        if not path.endswith(".svg"):
            continue
        title = ET.fromstring(svg).find(f"{SVG}title").text
        _, body = tables[title]
        table_pairs = [(row[0], row[1].strip("*")) for row in body if row[0] != "**Total**"]
        assert svg_pairs(svg) == table_pairs, path
        assert alts[path.removeprefix("statistik/")] == table_pairs, path
        checked += 1
    assert checked >= 10


def test_charts_are_static_accessible_svg(cohort_pages) -> None:
    for path, svg in cohort_pages.items():
        if path.endswith(".svg"):
            root = ET.fromstring(svg)
            assert root.get("role") == "img" and root.find(f"{SVG}title") is not None
            assert "<script" not in svg and "http" not in svg.replace(
                "http://www.w3.org/2000/svg", "")


# ---------------------------------------------------------------- public: one disclosure step


SENTINEL = 12345


def marking_protect(real):
    """protect, but every published value becomes SENTINEL: any other number is a bypass."""

    def protect(table, policy=None, *, lang="id"):
        result = real(table, policy or disclosure.DisclosurePolicy(), lang=lang)

        def mark(cell):
            if cell.status != "published":
                return cell
            return disclosure.Cell(SENTINEL, disclosure.format_count(SENTINEL, lang), "published")

        return disclosure.PublishedTable(
            key=result.key, title=result.title, rows=result.rows, cols=result.cols,
            cells=tuple(tuple(map(mark, row)) for row in result.cells),
            row_totals=tuple(map(mark, result.row_totals)),
            col_totals=tuple(map(mark, result.col_totals)),
            grand_total=mark(result.grand_total), notes=result.notes, lang=result.lang,
            sensitive=result.sensitive)

    return protect


def test_every_public_renderer_takes_its_numbers_from_protect(cohort_project, monkeypatch) -> None:
    monkeypatch.setattr(disclosure, "protect", marking_protect(disclosure.protect))
    pages = public_render.public_statistics(release_of(cohort_project))
    marked = {"0", "<10", "–", "12.345"}
    index = pages["statistik/index.md"]
    for _, header, body in markdown_tables(index):
        for row in body:
            assert set(count_cells(header, row)) <= marked, row
            if header[-1] == "%" and row[-1]:
                assert row[-1] in ("0%", "100%"), row  # shares of sentinel values only
    assert "12.345" in index
    for path, text in pages.items():
        if path.endswith(".csv"):
            for row in csv.DictReader(io.StringIO(text)):
                assert row["nilai"] in ("", "0", str(SENTINEL)) and row["tampilan"] in marked
        if path.endswith(".svg"):
            assert {value for _, value in svg_pairs(text)} <= marked, path
    for pairs in alt_pairs(pages).values():
        assert {value for _, value in pairs} <= marked


def test_public_csv_values_equal_the_output_of_protect(cohort_project) -> None:
    policy = privacy_release.policy_from_settings(cohort_project.settings)
    statistics = stats.project_statistics(cohort_project, audience="public")
    release = privacy_release.publish(statistics, policy)
    files = opendata.open_data_files(release)
    for table in statistics.tables:
        shown = stats.nonempty_rows(table)
        protected = disclosure.protect(privacy_release.to_count_table(shown), policy)
        rows = list(csv.DictReader(io.StringIO(files[f"{table.key}.csv"])))
        cells = [row for row in rows if row["baris_kode"] != "total"]
        flat = [cell for line in protected.cells for cell in line]
        assert [(r["tampilan"], r["status"]) for r in cells] == [(c.display, c.status)
                                                                 for c in flat], table.key
        assert [r["nilai"] for r in cells] == ["" if c.value is None else str(c.value)
                                               for c in flat], table.key


def test_percentages_come_from_published_cells_only(cohort_pages, cohort_project) -> None:
    release = release_of(cohort_project)
    policy = release.policy
    shares = 0
    for table in release.tables:
        published = table.published["id"]
        for r, row in enumerate(published.cells):
            share = disclosure.percent(row[0], published.grand_total, policy)
            if share is not None:
                shares += 1
                assert row[0].status in ("published", "exact_zero")
                assert published.grand_total.value >= policy.min_percent_denominator
    assert shares > 10
    for _, header, body in markdown_tables(cohort_pages["statistik/index.md"]):
        if header[-1] == "%":
            assert all(re.fullmatch(r"(\d{1,3}%)?", row[-1]) for row in body)


def test_sensitive_categories_appear_only_as_city_year_totals(cohort_project, cohort_pages) -> None:
    release = release_of(cohort_project)
    table = release.sensitive
    assert table.meta.cols == ("2024", "2025", "2026")
    labels = set(table.published["id"].rows)
    for other in release.tables:
        assert not labels & set(other.published["id"].rows), other.meta.key
    rows = list(csv.DictReader(io.StringIO(cohort_pages["statistik/data/kategori_sensitif.csv"])))
    assert {r["baris_kode"] for r in rows} == set(table.meta.rows)  # no totals
    assert {r["kolom_kode"] for r in rows} == {"2024", "2025", "2026"}
    assert "Kota Sukamaju" in table.meta.title["id"]
    statistics = stats.project_statistics(cohort_project, audience="public")
    raw = statistics.sensitive
    for r, row in enumerate(raw.counts):
        for c, n in enumerate(row):
            single = disclosure.CountTable("x", {"id": "x", "en": "x"}, ("a",), ("b",), ((n,),),
                                           sensitive=True)
            assert table.published["en"].cells[r][c] == disclosure.protect(single,
                                                                           lang="en").grand_total


def test_public_pages_name_no_case(cohort_pages) -> None:
    for path, text in cohort_pages.items():
        assert not re.search(r"K-\d{4}-\d{4}", text), path


# ---------------------------------------------------------------- open data


def test_open_data_is_a_consistent_frictionless_package(cohort_pages) -> None:
    package = json.loads(cohort_pages["statistik/data/datapackage.json"])
    assert package["profile"] == "tabular-data-package"
    assert re.fullmatch(r"[a-z0-9._-]+", package["name"])
    assert "<10" in package["description"] and "kelipatan 5" in package["description"]
    names = [r["name"] for r in package["resources"]]
    assert len(names) == len(set(names)) >= 16
    for resource in package["resources"]:
        text = cohort_pages[f"statistik/data/{resource['path']}"]
        header = next(csv.reader(io.StringIO(text)))
        assert header == [f["name"] for f in resource["schema"]["fields"]]
        assert resource["title"] and resource["title_en"] and resource["unit"]["id"]
        records = json.loads(cohort_pages[f"statistik/data/{resource['json_path']}"])["data"]
        rows = list(csv.DictReader(io.StringIO(text)))
        assert [{k: "" if v is None else str(v) for k, v in r.items()} for r in records] == rows


def test_open_data_and_pages_are_byte_for_byte_deterministic(cohort_project) -> None:
    first = public_render.public_statistics(release_of(cohort_project))
    second = public_render.public_statistics(release_of(cohort_project))
    assert first == second
    assert all(text.endswith("\n") for text in first.values())


def test_public_statistics_page_links_to_open_data(cohort_pages) -> None:
    index = cohort_pages["statistik/index.md"]
    assert "[data terbuka (CSV, JSON)](data-terbuka.md)" in index
    dictionary = cohort_pages["statistik/data-terbuka.md"]
    assert "(data/datapackage.json)" in dictionary
    for target in re.findall(r"\]\((data/[^)]+)\)", index + dictionary):
        assert f"statistik/{target}" in cohort_pages, target


# ---------------------------------------------------------------- review pages


def test_every_review_figure_links_to_the_cases_behind_it(cohort_project) -> None:
    statistics = stats.project_statistics(cohort_project)
    pages = render.review_pages(statistics)
    checked = 0
    for table in (*statistics.tables, statistics.sensitive):
        page = pages[f"statistik/{table.key}.md"]
        anchors = dict(re.findall(r"\*\*[^\n]*\*\*\n\{: #([\w-]+) \}\n\n([^\n]*)", page))
        shown = stats.nonempty_rows(table)
        for r, row in enumerate(shown.rows):
            for c, col in enumerate(shown.cols):
                ids = shown.case_ids[r][c]
                if not ids:
                    continue
                anchor = f"sel-{render.slug(row)}-{render.slug(col)}"
                assert f"[{len(ids)}](#{anchor})" in page, (table.key, row, col)
                linked = re.findall(r"\[(K-[\d-]+)\]\(\.\./kasus/\1\.md\)", anchors[anchor])
                assert linked == sorted(set(ids)), (table.key, row, col)
                checked += 1
    assert checked > 200
    assert all(case_id in cohort_project.cases
               for text in pages.values() for case_id in re.findall(r"kasus/([\w-]+)\.md", text))


def test_review_links_point_only_at_anchors_that_exist(cohort_project) -> None:
    pages = render.review_pages(stats.project_statistics(cohort_project))
    for path, text in pages.items():
        anchors = set(re.findall(r"\{: #([\w-]+) \}", text))
        for target, anchor in re.findall(r"\]\(([\w.]*)#([\w-]+)\)", text):
            other = pages[f"statistik/{target}"] if target else text
            assert anchor in (anchors if not target else set(re.findall(r"\{: #([\w-]+) \}",
                                                                       other))), (path, anchor)


def test_review_pages_show_exact_counts_and_durations(cohort_project) -> None:
    statistics = stats.project_statistics(cohort_project)
    pages = render.review_pages(statistics)
    total = len(statistics.table("jenis_kelamin").total_ids())
    assert f"| **Total** | [{total}](#sel-total-klien) |" in pages["statistik/jenis_kelamin.md"]
    durations = pages["statistik/waktu_tahap.md"]
    (summary,) = [s for r, s in zip(statistics.durations[0].rows, statistics.durations[0].summaries)
                  if r == "total"]
    assert f"[{summary.n}](#n-total) | {render.format_number(summary.median)} |" in durations
    with pytest.raises(ValueError):
        render.review_pages(stats.project_statistics(cohort_project, audience="public"))
    with pytest.raises(ValueError):
        privacy_release.publish(statistics, disclosure.DisclosurePolicy())


# ---------------------------------------------------------------- casebook stats


def run_stats(project, *args):
    from generator.cli import cli

    return CliRunner().invoke(cli, ["stats", "--project", str(project.root), *args])


def test_stats_command_prints_exact_or_protected_tables(cohort_project) -> None:
    review = run_stats(cohort_project)
    assert review.exit_code == 0, review.output
    total = len(stats.project_statistics(cohort_project).table("jenis_kelamin").total_ids())
    sex = review.output.split("Klien menurut jenis kelamin")[1].split("\n\n")[0]
    assert re.search(rf"^Total\s+{total}$", sex, re.MULTILINE)
    public = run_stats(cohort_project, "--audience", "public")
    assert public.exit_code == 0
    assert "<10" in public.output and "K-20" not in public.output
    numbers = re.findall(r"(?<=\s)(\d+)$", public.output, re.MULTILINE)
    assert numbers and all(int(n) == 0 or (int(n) >= 10 and int(n) % 5 == 0) or re.fullmatch(r"20\d\d", n)
                           for n in numbers)


def test_stats_command_writes_csv_and_json(cohort_project, tmp_path) -> None:
    out = tmp_path / "out"
    result = run_stats(cohort_project, "--audience", "public", "--format", "csv", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert (out / "datapackage.json").is_file() and (out / "kategori_ppks.csv").is_file()
    assert not list(out.glob("*.json"))[1:]  # only the descriptor among JSON files
    as_json = run_stats(cohort_project, "--format", "json", "--period", "2025")
    document = json.loads(as_json.output)
    assert document["periode"] == "2025" and document["tabel"][0]["tabel"] == "ringkasan"
    one = run_stats(cohort_project, "--format", "csv")
    assert one.output.startswith("tabel,baris_kode") and one.output.count("tabel,") == 1
    bad = run_stats(cohort_project, "--period", "2025-Q9")
    assert bad.exit_code == 2 and "2025-Q1" in bad.output


# ---------------------------------------------------------------- real builds and a browser


def build_public(project, target: Path) -> Path:
    from generator.site import engine as site

    docs = target / "docs"
    files = {"index.md": "# Beranda\n\n[Statistik](statistik/index.md)\n",
             **public_render.public_statistics(privacy_release.public_release(project))}
    for path, text in files.items():
        (docs / path).parent.mkdir(parents=True, exist_ok=True)
        (docs / path).write_text(text, encoding="utf-8")
    nav = [{"Beranda": "index.md"},
           {"Statistik": ["statistik/index.md", "statistik/data-terbuka.md"]}]
    spec = site.SiteSpec("public", docs, target / "site", nav, "Statistik (uji)", strict=True,
                         base_config=Path(__file__).resolve().parents[1] / "mkdocs.yml")
    site.build_site(spec)
    return target / "site"


def build_with_pipeline(project, audience: str, target: Path, *, strict: bool) -> Path:
    """One audience through generator.build.pipeline (producers, privacy guard, MkDocs)."""
    from generator.build import pipeline as build

    name = f"{audience} statistics"
    if name not in [producer.name for producer in build.PRODUCERS.get(audience, ())]:
        pytest.fail(f"{name} is not registered in build.PRODUCERS[{audience!r}]")
    shutil.copytree(project.root, target / "project")
    copied, _ = load_project(target / "project", today=TODAY)
    error = build.build_audience(copied, audience, target / "site", strict=strict, lang="id",
                                 say=lambda message: None)
    assert error is None, error
    return target / "site"


@pytest.mark.slow
def test_public_statistics_build_in_strict_mode_with_their_files(cohort_project, tmp_path) -> None:
    site_dir = build_public(cohort_project, tmp_path)
    html = (site_dir / "statistik" / "index.html").read_text(encoding="utf-8")
    assert 'src="../grafik/' not in html and "grafik/kategori_ppks.svg" in html
    assert (site_dir / "statistik" / "grafik" / "kategori_ppks.svg").is_file()
    assert (site_dir / "statistik" / "data" / "datapackage.json").is_file()
    assert "&lt;10" in html


@pytest.mark.slow
def test_the_public_pipeline_builds_and_audits_the_sample_statistics(sample_project,
                                                                     tmp_path) -> None:
    site_dir = build_with_pipeline(sample_project, "public", tmp_path, strict=False)
    assert (site_dir / "statistik" / "index.html").is_file()
    assert (site_dir / "statistik" / "data" / "datapackage.json").is_file()
    shown = (site_dir / "statistik" / "index.html").read_text(encoding="utf-8")
    assert "&lt;10" in shown and "K-2025" not in shown


@pytest.mark.slow
@pytest.mark.browser
def test_statistics_pages_in_a_browser(cohort_project, sample_project, tmp_path) -> None:
    import browser

    public_site = build_public(cohort_project, tmp_path / "public")
    review_site = build_with_pipeline(sample_project, "review", tmp_path / "review", strict=True)
    SHOTS.mkdir(parents=True, exist_ok=True)
    with browser.static_server(public_site) as base, browser.chromium(height=1100) as session:
        page = session.page
        page.goto(base + "statistik/")
        images = page.eval_on_selector_all(
            "article img", "els => els.map(e => [e.naturalWidth, e.alt, e.complete])")
        assert len(images) >= 10 and all(width > 0 and done for width, _, done in images)
        assert all("<10" in alt or re.search(r"\d", alt) for _, alt, _ in images)
        first = page.locator("article table").first.inner_text()
        assert "Klien dilayani dalam periode" in first
        page.screenshot(path=SHOTS / "publik.png", full_page=False)
        page.locator("#tabel-kelompok-umur").scroll_into_view_if_needed()
        page.screenshot(path=SHOTS / "publik-umur.png")
        assert browser.foreign_requests(session.requests, base) == []
    with browser.static_server(review_site) as base, browser.chromium() as session:
        page = session.page
        page.goto(base + "statistik/jenis_kelamin/")
        link = page.locator("article table a").first
        link.click()
        assert "#sel-" in page.url
        target = page.locator(":target")
        assert "K-2025-0001" in target.locator("xpath=following-sibling::p[1]").inner_text()
        page.screenshot(path=SHOTS / "telaah.png")
        page.locator("article p a[href*='kasus/']").first.click()
        assert "/kasus/K-2025-0001/" in page.url


def test_a_withheld_total_is_shown_as_a_dash_everywhere() -> None:
    from test_stats import TAX, make_case

    men = [make_case(f"K-m{i}", client={"alias": "Klien", "sex": "laki_laki", "age": 30})
           for i in range(12)]
    women = [make_case(f"K-f{i}") for i in range(3)]
    statistics = stats.compute(men + women, TAX, stats.parse_period(None, TODAY),
                               audience="public", city="Kota Contoh")
    release = privacy_release.publish(statistics, disclosure.DisclosurePolicy())
    table = next(t for t in release.tables if t.meta.key == "jenis_kelamin")
    assert table.published["id"].grand_total.status == "suppressed"  # 15 would give away 3
    pages = public_render.public_statistics(release)
    section = pages["statistik/index.md"].split("### Klien menurut jenis kelamin", 1)[1]
    section = section.split("###", 1)[0]
    assert "| Laki-laki | 10 |  |" in section and "| Perempuan | <10 |  |" in section
    assert "| **Total** | **–** |  |" in section and "angka disembunyikan" in section
    rows = list(csv.DictReader(io.StringIO(pages["statistik/data/jenis_kelamin.csv"])))
    assert [(r["baris_kode"], r["nilai"], r["tampilan"], r["status"]) for r in rows] == [
        ("laki_laki", "10", "10", "published"), ("perempuan", "", "<10", "small"),
        ("total", "", "–", "suppressed")]
    assert svg_pairs(pages["statistik/grafik/jenis_kelamin.svg"]) == [("Laki-laki", "10"),
                                                                      ("Perempuan", "<10")]
