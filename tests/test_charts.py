"""Tests of the SVG charts: parsed independently and compared with the published table."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.privacy.disclosure import Cell, CountTable, PublishedTable, protect
from generator.render.public.charts import bar_chart_svg, line_chart_svg

NS = {"svg": "http://www.w3.org/2000/svg"}
TITLE = {"id": "Klien menurut kategori", "en": "Clients by category"}
ROWS = ("Pengemis", "Anak Jalanan", "Lansia Terlantar", "Gelandangan", "Disabilitas")


def published(counts, *, rows=ROWS, cols=("Jumlah",), lang="id", sensitive=False) -> PublishedTable:
    table = CountTable("klien_kategori", TITLE, rows[: len(counts)], cols, counts, sensitive)
    return protect(table, lang=lang)


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def texts(group: ET.Element, css_class: str) -> list[str]:
    return [node.text or "" for node in group.iterfind(f"svg:text[@class='{css_class}']", NS)]


def bars(root: ET.Element) -> list[tuple[str, str, ET.Element | None, str]]:
    """(label, displayed value, bar shape or None, status) per bar, in document order."""
    found = []
    for group in root.iterfind("svg:g[@class='cb-bar']", NS):
        (label,), (value,) = texts(group, "cb-label"), texts(group, "cb-value")
        shape = group.find("svg:rect", NS)
        found.append((label, value, shape, group.get("data-status")))
    return found


def assert_self_contained(svg: str) -> None:
    """No script, no external reference, no web font; the only URL is the SVG namespace."""
    assert "<script" not in svg.lower() and "javascript:" not in svg.lower()
    assert re.findall(r"https?://[^\"' ]*", svg) == ["http://www.w3.org/2000/svg"]
    root = parse(svg)
    for element in root.iter():
        assert not element.tag.endswith("script") and not element.tag.endswith("foreignObject")
        for name, value in element.attrib.items():
            assert "http" not in value and "url(" not in value and "@import" not in value, (
                name,
                value,
            )
            assert "href" not in name and not name.startswith("on"), name


def assert_accessible(root: ET.Element, title: str) -> ET.Element:
    assert root.get("role") == "img"
    title_id, desc_id = root.get("aria-labelledby").split()
    title_node = root.find(f"svg:title[@id='{title_id}']", NS)
    desc_node = root.find(f"svg:desc[@id='{desc_id}']", NS)
    assert title_node is not None and title_node.text == title
    assert desc_node is not None and desc_node.text
    return desc_node


COUNTS = ((25,), (3,), (40,), (0,), (16,))


def test_bar_chart_shows_exactly_the_published_displays():
    table = published(COUNTS)
    root = parse(bar_chart_svg(table))
    found = bars(root)
    assert [(label, value) for label, value, _, _ in found] == [
        (label, row[0].display) for label, row in zip(table.rows, table.cells)
    ]
    assert [value for _, value, _, _ in found] == ["25", "<10", "40", "0", "15"]
    desc = assert_accessible(root, "Klien menurut kategori").text
    assert desc.startswith("Pengemis: 25; Anak Jalanan: <10; Lansia Terlantar: 40; Gelandangan: 0;")
    assert all(note in desc for note in table.notes)


def test_bar_lengths_follow_published_values_and_small_bars_are_light():
    root = parse(bar_chart_svg(published(COUNTS)))
    shapes = {label: (shape, status) for label, _, shape, status in bars(root)}
    width = {
        label: float(shape.get("width"))
        for label, (shape, status) in shapes.items()
        if shape is not None
    }
    assert width["Lansia Terlantar"] / width["Pengemis"] == pytest.approx(40 / 25, abs=0.01)
    assert width["Disabilitas"] / width["Pengemis"] == pytest.approx(15 / 25, abs=0.01)
    small, status = shapes["Anak Jalanan"]
    assert (
        status == "small" and small.get("class") == "cb-bar-small" and small.get("stroke-dasharray")
    )
    assert width["Anak Jalanan"] / width["Pengemis"] == pytest.approx(9 / 25, abs=0.01)
    assert shapes["Gelandangan"] == (None, "exact_zero")


def test_withheld_cells_have_a_dash_and_no_bar():
    table = published(((12, 12), (22, 3)), cols=("Laki-laki", "Perempuan"))
    assert table.cells[0][0].status == "suppressed"
    root = parse(bar_chart_svg(table, col=0))
    assert next((label, value, shape) for label, value, shape, _ in bars(root)) == (
        "Pengemis",
        "–",
        None,
    )
    assert_accessible(root, "Klien menurut kategori — Laki-laki")
    desc = root.find("svg:desc", NS).text
    assert desc.startswith("Laki-laki. Pengemis: –; Anak Jalanan: 20.")


def test_bar_chart_is_self_contained_themed_and_deterministic():
    svg = bar_chart_svg(published(COUNTS))
    assert_self_contained(svg)
    assert svg == bar_chart_svg(published(COUNTS))
    for element in parse(svg).iter():
        style = element.get("style", "")
        for prop in ("fill", "stroke"):
            if element.get(prop) and element.get(prop) != "none":
                assert re.fullmatch(r"#[0-9a-f]{6}", element.get(prop))
                assert re.search(rf"{prop}: var\(--md-[a-z-]+, {element.get(prop)}\)", style)
    assert 'font-family="system-ui' in svg and "font-face" not in svg


def test_bar_chart_in_english_uses_english_title_and_separators():
    table = published(((1234,), (40,)), lang="en")
    root = parse(bar_chart_svg(table, lang="en"))
    assert [value for _, value, _, _ in bars(root)] == ["1,235", "40"]
    assert_accessible(root, "Clients by category")
    assert root.get("lang") == "en"


def test_text_is_escaped():
    rows = ('<script>alert("x")</script>', "A & B", "C > D")
    table = CountTable("k", {"id": 'T "<&>"', "en": "T"}, rows, ("n",), ((20,), (30,), (40,)))
    svg = bar_chart_svg(protect(table))
    assert "<script" not in svg
    root = parse(svg)
    assert [label for label, _, _, _ in bars(root)] == list(rows)
    assert root.find("svg:title", NS).text == 'T "<&>"'


def test_chart_ids_are_unique_per_table_and_column():
    table = published(((12, 30), (40, 22)), cols=("Laki-laki", "Perempuan"))
    first, second = parse(bar_chart_svg(table, col=0)), parse(bar_chart_svg(table, col=1))
    assert first.get("aria-labelledby") != second.get("aria-labelledby")
    assert parse(bar_chart_svg(table, chart_id="x")).get("aria-labelledby") == "x-title x-desc"


def test_bar_chart_refuses_raw_numbers_and_misuse():
    raw = CountTable("k", TITLE, ("a",), ("n",), ((3,),))
    with pytest.raises(TypeError, match="takes a PublishedTable"):
        bar_chart_svg(raw)
    forged = PublishedTable(
        "k", TITLE, ("a",), ("n",), ((3,),), (), (), Cell(0, "0", "exact_zero"), ()
    )
    with pytest.raises(TypeError, match="disclosure.Cell objects, not int"):
        bar_chart_svg(forged)
    with pytest.raises(ValueError, match="protected for 'id'"):
        bar_chart_svg(published(COUNTS), lang="en")
    with pytest.raises(ValueError, match="sensitive"):
        bar_chart_svg(published(COUNTS, sensitive=True))
    with pytest.raises(ValueError, match="no column 1"):
        bar_chart_svg(published(COUNTS), col=1)


@settings(max_examples=30, deadline=None)
@given(
    st.lists(
        st.lists(st.one_of(st.integers(0, 12), st.integers(0, 80)), min_size=2, max_size=2),
        min_size=1,
        max_size=5,
    ),
    st.sampled_from(["id", "en"]),
)
def test_every_bar_matches_its_cell(counts, lang):
    table = published(counts, cols=("L", "P"), lang=lang)
    for col in (0, 1):
        svg = bar_chart_svg(table, lang=lang, col=col)
        assert_self_contained(svg)
        found = bars(parse(svg))
        assert [(label, value, status) for label, value, _, status in found] == [
            (label, row[col].display, row[col].status)
            for label, row in zip(table.rows, table.cells)
        ]
        for _, _, shape, status in found:
            assert (shape is None) == (status in ("suppressed", "exact_zero"))


# --- Line chart -----------------------------------------------------------------------------------

PERIODS = ("2024-T1", "2024-T2", "2024-T3", "2024-T4", "2025-T1")
TREND = (
    Cell(25, "25", "published"),
    Cell(30, "30", "published"),
    Cell(None, "<10", "small"),
    Cell(40, "40", "published"),
    Cell(0, "0", "exact_zero"),
)


def points(root: ET.Element) -> list[tuple[str, str, str]]:
    found = []
    for group in root.iterfind("svg:g[@class='cb-point']", NS):
        (period,), (value,) = texts(group, "cb-period"), texts(group, "cb-value")
        found.append((period, value, group.get("data-status")))
    return found


def test_line_chart_shows_every_period_and_breaks_at_hidden_values():
    svg = line_chart_svg(
        PERIODS, TREND, title={"id": "Tren kasus", "en": "Case trend"}, desc="Per triwulan."
    )
    root = parse(svg)
    assert points(root) == [(p, c.display, c.status) for p, c in zip(PERIODS, TREND)]
    desc = assert_accessible(root, "Tren kasus").text
    assert desc == "Per triwulan. 2024-T1: 25; 2024-T2: 30; 2024-T3: <10; 2024-T4: 40; 2025-T1: 0."
    paths = root.findall("svg:path[@class='cb-line']", NS)
    assert len(paths) == 2  # 25-30, then 40-0: the <10 quarter is not joined
    assert len(root.findall(".//svg:circle", NS)) == 4
    assert len(root.findall(".//svg:rect[@class='cb-band-small']", NS)) == 1
    assert_self_contained(svg)
    assert svg == line_chart_svg(
        PERIODS, TREND, title={"id": "Tren kasus", "en": "x"}, desc="Per triwulan."
    )


def test_line_chart_heights_follow_published_values():
    root = parse(line_chart_svg(PERIODS, TREND, title="Tren"))
    circles = [float(c.get("cy")) for c in root.iterfind(".//svg:circle", NS)]
    baseline = float(root.find("svg:line[@class='cb-axis']", NS).get("y1"))
    heights = [baseline - cy for cy in circles]
    assert heights[1] / heights[0] == pytest.approx(30 / 25, abs=0.01)
    assert heights[2] / heights[0] == pytest.approx(40 / 25, abs=0.01)
    assert heights[3] == pytest.approx(0)


def test_line_chart_refuses_raw_numbers_and_bad_input():
    with pytest.raises(TypeError, match="not int"):
        line_chart_svg(PERIODS[:2], [25, 30], title="Tren")
    with pytest.raises(ValueError, match="one cell per period"):
        line_chart_svg(PERIODS, TREND[:2], title="Tren")
    with pytest.raises(ValueError, match="no 'en' text"):
        line_chart_svg(PERIODS, TREND, title={"id": "Tren"}, lang="en")


def test_line_chart_of_hidden_values_only_has_no_line():
    hidden = (Cell(None, "<10", "small"), Cell(None, "–", "suppressed"))
    root = parse(line_chart_svg(PERIODS[:2], hidden, title="Tren", chart_id='a"b'))
    assert points(root) == [("2024-T1", "<10", "small"), ("2024-T2", "–", "suppressed")]
    assert root.findall("svg:path", NS) == [] and root.findall(".//svg:circle", NS) == []
    assert root.get("aria-labelledby") == "a-b-title a-b-desc"
