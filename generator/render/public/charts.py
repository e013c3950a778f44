"""Static, accessible SVG charts of published statistics (numbers only from ``disclosure``).

Charts take ``PublishedTable``/``Cell`` objects, never raw counts, and show each cell's ``display``
exactly: a bar or point for a published number or a zero, a light dashed bar or band up to the
threshold with the label "<10" for a small number, and only the label "–" for a withheld one.
Each SVG has ``role="img"``, a ``<title>`` and a ``<desc>`` listing every label and value, no
script, no external reference and no web font; colours are Material for MkDocs CSS custom
properties with fixed fallbacks, so an inline chart follows the light and dark themes. Coordinates
are printed with one decimal, so the output is deterministic.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from xml.sax.saxutils import escape

from generator.privacy.disclosure import LANGUAGES, Cell, DisclosurePolicy, PublishedTable

SVG_NAMESPACE = "http://www.w3.org/2000/svg"
FONT_STACK = "system-ui, -apple-system, Segoe UI, Roboto, Helvetica, Arial, sans-serif"
PRIMARY = ("--md-primary-fg-color", "#4051b5")
PRIMARY_LIGHT = ("--md-primary-fg-color--light", "#5d6cc0")
TEXT = ("--md-default-fg-color", "#212121")
TEXT_LIGHT = ("--md-default-fg-color--light", "#616161")
RULE = ("--md-default-fg-color--lighter", "#9e9e9e")

_LABEL_HEIGHT, _BAR_HEIGHT, _ROW_GAP, _PAD = 18, 20, 12, 8
_VALUE_ROOM = 72  # room right of the longest bar for its value label
_DEFAULT_POLICY = DisclosurePolicy()


def _num(value: float) -> str:
    return f"{value:.1f}"


def _attr(value: str) -> str:
    return escape(value, {'"': "&quot;"})


def _paint(**colours: tuple[str, str]) -> str:
    """Presentation attributes with fixed colours, overridden by theme variables where supported."""
    fixed = " ".join(f'{name}="{fallback}"' for name, (_, fallback) in colours.items())
    themed = "; ".join(
        f"{name}: var({var}, {fallback})" for name, (var, fallback) in colours.items()
    )
    return f'{fixed} style="{themed}"'


def _text(x: float, y: float, content: str, css_class: str, colour=TEXT, anchor="start") -> str:
    return (
        f'<text class="{css_class}" x="{_num(x)}" y="{_num(y)}" text-anchor="{anchor}" '
        f"{_paint(fill=colour)}>{escape(content)}</text>"
    )


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "chart"


def _localised(value: str | Mapping[str, str], lang: str) -> str:
    if isinstance(value, Mapping):
        if lang not in value:
            raise ValueError(f"no {lang!r} text in {dict(value)!r}")
        return value[lang]
    return value


def _svg_open(chart_id: str, width: int, height: float, lang: str) -> str:
    return (
        f'<svg xmlns="{SVG_NAMESPACE}" width="{width}" height="{_num(height)}" '
        f'viewBox="0 0 {width} {_num(height)}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" lang="{lang}" '
        f'font-family="{FONT_STACK}" font-size="14" '
        f'style="font-family: var(--md-text-font-family, {FONT_STACK}); max-width: 100%; height: auto">'
    )


def _svg(
    chart_id: str, width: int, height: float, title: str, desc: str, body: list[str], lang: str
) -> str:
    """The accessible SVG wrapper around chart elements."""
    return "\n".join(
        [
            _svg_open(chart_id, width, height, lang),
            f'<title id="{chart_id}-title">{escape(title)}</title>',
            f'<desc id="{chart_id}-desc">{escape(desc)}</desc>',
            *body,
            "</svg>",
        ]
    )


def _check_lang(lang: str) -> None:
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; expected one of {', '.join(LANGUAGES)}")


def _check_cells(cells: Sequence[object]) -> None:
    """Contract: charts draw only cells produced by disclosure control, never raw numbers."""
    for cell in cells:
        if not isinstance(cell, Cell):
            raise TypeError(f"charts take disclosure.Cell objects, not {type(cell).__name__}")


def _value_list(labels: Sequence[str], cells: Sequence[Cell]) -> str:
    return "; ".join(f"{label}: {cell.display}" for label, cell in zip(labels, cells)) + "."


# --- Bar chart ------------------------------------------------------------------------------------


def _check_bar_input(table: object, lang: str, col: int) -> None:
    if not isinstance(table, PublishedTable):
        raise TypeError(f"bar_chart_svg takes a PublishedTable, not {type(table).__name__}")
    _check_lang(lang)
    if lang != table.lang:
        raise ValueError(
            f"table {table.key!r} was protected for {table.lang!r}; protect it with lang={lang!r}"
        )
    if table.sensitive:
        raise ValueError(
            f"table {table.key!r} is sensitive: only its total may be shown, not a chart"
        )
    if not 0 <= col < len(table.cols):
        raise ValueError(f"table {table.key!r} has no column {col}")


def _bar(row_top: float, cell: Cell, scale: float, policy: DisclosurePolicy) -> tuple[str, float]:
    """The bar shape of one cell (maybe empty) and the x where its value label starts."""
    y = row_top + _LABEL_HEIGHT
    if cell.status == "published":
        length = cell.value * scale
        shape = f'<rect class="cb-bar-shape" x="{_PAD}" y="{_num(y)}" width="{_num(length)}" '
        return shape + f'height="{_BAR_HEIGHT}" {_paint(fill=PRIMARY)}/>', _PAD + length + 6
    if cell.status == "small":
        length = (policy.threshold - 1) * scale
        shape = (
            f'<rect class="cb-bar-small" x="{_PAD}" y="{_num(y)}" width="{_num(length)}" '
            f'height="{_BAR_HEIGHT}" fill-opacity="0.3" stroke-dasharray="4 3" '
            f"{_paint(fill=PRIMARY_LIGHT, stroke=PRIMARY)}/>"
        )
        return shape, _PAD + length + 6
    return "", _PAD + 2


def _bar_row(index: int, label: str, cell: Cell, scale: float, policy: DisclosurePolicy) -> str:
    row_top = _PAD + index * (_LABEL_HEIGHT + _BAR_HEIGHT + _ROW_GAP)
    shape, value_x = _bar(row_top, cell, scale, policy)
    value_y = row_top + _LABEL_HEIGHT + _BAR_HEIGHT / 2 + 5
    parts = [
        f'<g class="cb-bar" data-status="{cell.status}">',
        _text(_PAD, row_top + 13, label, "cb-label"),
        shape,
        _text(value_x, value_y, cell.display, "cb-value"),
        "</g>",
    ]
    return "\n".join(part for part in parts if part)


def bar_chart_svg(
    table: PublishedTable,
    *,
    lang: str = "id",
    col: int = 0,
    width: int = 640,
    policy: DisclosurePolicy = _DEFAULT_POLICY,
    chart_id: str | None = None,
) -> str:
    """A horizontal bar chart of one column of a published table."""
    _check_bar_input(table, lang, col)
    cells = [row[col] for row in table.cells]
    _check_cells(cells)
    chart_id = _slug(chart_id or f"cb-{table.key}-{col}")
    title = _localised(table.title, lang)
    lead = f"{table.cols[col]}. " if len(table.cols) > 1 else ""
    if lead:
        title = f"{title} — {table.cols[col]}"
    desc = " ".join([lead + _value_list(table.rows, cells), *table.notes])
    largest = max([policy.threshold] + [cell.value for cell in cells if cell.status == "published"])
    scale = (width - 2 * _PAD - _VALUE_ROOM) / largest
    body = [
        _bar_row(i, label, cell, scale, policy)
        for i, (label, cell) in enumerate(zip(table.rows, cells))
    ]
    height = 2 * _PAD + len(cells) * (_LABEL_HEIGHT + _BAR_HEIGHT + _ROW_GAP) - _ROW_GAP
    return _svg(chart_id, width, height, title, desc, body, lang)


# --- Line chart -----------------------------------------------------------------------------------


def _line_geometry(count: int, largest: int, width: int, height: int):
    """Functions from (period index, value) to SVG coordinates."""
    top, bottom = 28.0, height - 30.0
    step = (width - 2 * _PAD) / count

    def x_of(index: int) -> float:
        return _PAD + (index + 0.5) * step

    def y_of(value: float) -> float:
        return bottom - (bottom - top) * value / largest

    return x_of, y_of, bottom, step


def _plotted_runs(cells: Sequence[Cell]) -> list[list[int]]:
    """Runs of consecutive periods with a drawable value (published or zero)."""
    runs: list[list[int]] = [[]]
    for index, cell in enumerate(cells):
        if cell.status in ("published", "exact_zero"):
            runs[-1].append(index)
        elif runs[-1]:
            runs.append([])
    return [run for run in runs if len(run) > 1]


def _trend_line(cells: Sequence[Cell], x_of, y_of) -> list[str]:
    paths = []
    for run in _plotted_runs(cells):
        points = " L ".join(f"{_num(x_of(i))} {_num(y_of(cells[i].value))}" for i in run)
        paths.append(
            f'<path class="cb-line" d="M {points}" fill="none" stroke-width="2" {_paint(stroke=PRIMARY)}/>'
        )
    return paths


def _point(index: int, period: str, cell: Cell, geometry, policy: DisclosurePolicy) -> str:
    x_of, y_of, bottom, step = geometry
    x = x_of(index)
    parts = [f'<g class="cb-point" data-status="{cell.status}">']
    value_y = bottom - 6
    if cell.status in ("published", "exact_zero"):
        y = y_of(cell.value)
        parts.append(f'<circle cx="{_num(x)}" cy="{_num(y)}" r="4" {_paint(fill=PRIMARY)}/>')
        value_y = y - 10
    elif cell.status == "small":
        top = y_of(policy.threshold - 1)
        parts.append(
            f'<rect class="cb-band-small" x="{_num(x - step / 4)}" y="{_num(top)}" '
            f'width="{_num(step / 2)}" height="{_num(bottom - top)}" fill-opacity="0.3" '
            f'stroke-dasharray="4 3" {_paint(fill=PRIMARY_LIGHT, stroke=PRIMARY)}/>'
        )
        value_y = top - 6
    parts.append(_text(x, value_y, cell.display, "cb-value", anchor="middle"))
    parts.append(_text(x, bottom + 20, period, "cb-period", colour=TEXT_LIGHT, anchor="middle"))
    return "\n".join(parts + ["</g>"])


def line_chart_svg(
    periods: Sequence[str],
    cells: Sequence[Cell],
    *,
    title: str | Mapping[str, str],
    desc: str | Mapping[str, str] = "",
    lang: str = "id",
    width: int = 640,
    height: int = 300,
    policy: DisclosurePolicy = _DEFAULT_POLICY,
    chart_id: str = "cb-trend",
) -> str:
    """A trend by month or quarter; gaps where a period is "<10" or withheld."""
    _check_lang(lang)
    _check_cells(cells)
    if len(periods) != len(cells) or not cells:
        raise ValueError(
            f"need one cell per period, got {len(periods)} periods and {len(cells)} cells"
        )
    largest = max([policy.threshold] + [cell.value for cell in cells if cell.value is not None])
    geometry = _line_geometry(len(cells), largest, width, height)
    x_of, y_of, bottom, _ = geometry
    baseline = (
        f'<line class="cb-axis" x1="{_PAD}" y1="{_num(bottom)}" x2="{width - _PAD}" '
        f'y2="{_num(bottom)}" stroke-width="1" {_paint(stroke=RULE)}/>'
    )
    points = [
        _point(i, period, cell, geometry, policy)
        for i, (period, cell) in enumerate(zip(periods, cells))
    ]
    lead = _localised(desc, lang)
    full_desc = f"{lead} {_value_list(periods, cells)}" if lead else _value_list(periods, cells)
    body = [baseline, *_trend_line(cells, x_of, y_of), *points]
    return _svg(_slug(chart_id), width, height, _localised(title, lang), full_desc, body, lang)
