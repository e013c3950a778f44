"""The review site's statistics pages and exact exports: every figure with its cases.

``review_pages(statistics)`` — ``statistik/index.md`` (headline table and the list of tables),
``statistik/<key>.md`` per table with exact counts; every number links to an anchor on the same
page listing the cases behind it (links to ``kasus/<case_id>.md``), and
``statistik/waktu_tahap.md`` with the durations. The public statistics pages are made from
protected tables only, in ``generator.render.public.statistics``.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import TYPE_CHECKING

from generator.privacy import disclosure
from generator.render.public.opendata import _dump
from generator.render.public.statistics import (
    FOLDER,
    SECTIONS,
    escape_cell,
    markdown_table,
    slug,
)
from generator.stats.tables import (
    DurationTable,
    Statistics,
    Summary,
    Table,
    nonempty_rows,
    project_statistics,
)

if TYPE_CHECKING:
    from generator.model.project import Project


def case_page(case_id: str) -> str:
    """Docs-relative path of a case's review page."""
    return f"kasus/{case_id}.md"


# ---------------------------------------------------------------- Markdown helpers


def format_number(number: float, lang: str = "id") -> str:
    """Thousands separators and up to two decimals: ``6,25`` and ``1.250`` (id), ``6.25`` (en)."""
    if float(number).is_integer():
        return disclosure.format_count(int(number), lang)
    text = f"{number:,.2f}".rstrip("0")
    return text.replace(",", " ").replace(".", ",").replace(" ", ".") if lang == "id" else text


# ---------------------------------------------------------------- review: exact tables


def _section_title(section: str, lang: str) -> str:
    return dict(SECTIONS).get(section, {"id": section, "en": section})[lang]


def _anchor(row: str, col: str) -> str:
    return f"sel-{slug(row)}-{slug(col)}"


def _linked(count: int, anchor: str, page: str = "") -> str:
    text = disclosure.format_count(count)
    return text if count == 0 else f"[{text}]({page}#{anchor})"


def review_table_markdown(table: Table, page: str = "") -> str:
    """The exact table; each non-zero count links to ``page#anchor`` of its case list."""
    wide = len(table.cols) > 1
    header = [escape_cell(table.row_title["id"])] + [escape_cell(c["id"]) for c in table.col_labels]
    if wide and table.totals:
        header.append("Total")
    body = []
    for r, row in enumerate(table.rows):
        line = [escape_cell(table.label(r))]
        line += [_linked(len(ids), _anchor(row, col), page)
                 for col, ids in zip(table.cols, table.case_ids[r])]
        if wide and table.totals:
            line.append(_linked(len(table.row_ids(r)), _anchor(row, "total"), page))
        body.append(line)
    if table.totals:
        body.append(_total_line(table, page, wide))
    return markdown_table(header, body)


def _total_line(table: Table, page: str, wide: bool) -> list[str]:
    label = "**Total**" if table.additive else "**Total klien berbeda**"
    line = [label] + [_linked(len(table.col_ids(c)), _anchor("total", col), page)
                      for c, col in enumerate(table.cols)]
    if wide:
        line.append(_linked(len(table.total_ids()), _anchor("total", "total"), page))
    return line


def _case_links(case_ids: Sequence[str], prefix: str) -> str:
    counts: dict[str, int] = {}
    for case_id in case_ids:
        counts[case_id] = counts.get(case_id, 0) + 1
    return ", ".join(
        f"[{case_id}]({prefix}{case_page(case_id)}){{: .cb-case style=\"white-space: nowrap\" }}"
        + (f" (×{n})" if n > 1 else "")
        for case_id, n in sorted(counts.items())
    )


def _case_list(title: str, anchor: str, case_ids: Sequence[str], prefix: str) -> str:
    return f"**{title}: {disclosure.format_count(len(case_ids))}**\n{{: #{anchor} }}\n\n" + \
        _case_links(case_ids, prefix)


def review_case_lists(table: Table, prefix: str = "../") -> list[str]:
    """One anchored paragraph per non-zero figure, listing the cases behind it."""
    blocks = []
    wide = len(table.cols) > 1
    for r, row in enumerate(table.rows):
        for c, col in enumerate(table.cols):
            ids = table.case_ids[r][c]
            title = table.label(r) + (f" — {table.col_label(c)}" if wide else "")
            if ids:
                blocks.append(_case_list(title, _anchor(row, col), ids, prefix))
        if wide and table.totals and table.row_ids(r):
            blocks.append(_case_list(f"{table.label(r)} — Total", _anchor(row, "total"),
                                     table.row_ids(r), prefix))
    if table.totals:
        for c, col in enumerate(table.cols):
            if table.col_ids(c):
                blocks.append(_case_list(f"Total — {table.col_label(c)}", _anchor("total", col),
                                         table.col_ids(c), prefix))
        if wide and table.total_ids():
            blocks.append(_case_list("Total", _anchor("total", "total"), table.total_ids(), prefix))
    return blocks


def review_table_page(table: Table, statistics: Statistics) -> str:
    """``statistik/<key>.md``: exact table, notes, then the cases behind every figure."""
    table = nonempty_rows(table)
    parts = [
        f"# {table.title['id']}",
        (f"*{table.title['en']}* · Satuan / unit: {table.unit['id']} · "
        f"Periode: {statistics.period.title('id')}"),
        review_table_markdown(table),
        *[f"- {note['id']}" for note in table.notes],
        "## Kasus di balik setiap angka",
    ]
    lists = review_case_lists(table)
    parts += lists or ["Tidak ada kasus dalam periode ini."]
    parts.append("[Kembali ke statistik](index.md)")
    return "\n\n".join(parts) + "\n"


def _summary_cells(summary: Summary | None, anchor: str) -> list[str]:
    if summary is None:
        return ["0", "", "", "", "", ""]
    values = (summary.median, summary.q1, summary.q3, summary.minimum, summary.maximum)
    return [f"[{summary.n}](#{anchor})", *(format_number(v) for v in values)]


def durations_page(table: DurationTable, statistics: Statistics) -> str:
    """``statistik/<key>.md``: median, quartiles and range of days, with the cases behind n."""
    header = ["Tahap", "n", "Median", "Kuartil 1", "Kuartil 3", "Min", "Maks"]
    body = [[escape_cell(label["id"]), *_summary_cells(summary, f"n-{slug(row)}")]
            for row, label, summary in zip(table.rows, table.row_labels, table.summaries)]
    lists = [_case_list(label["id"], f"n-{slug(row)}", summary.case_ids, "../")
             for row, label, summary in zip(table.rows, table.row_labels, table.summaries)
             if summary is not None]
    parts = [
        f"# {table.title['id']}",
        (f"*{table.title['en']}* · Satuan / unit: hari (days) · "
        f"Periode: {statistics.period.title('id')}"),
        markdown_table(header, body),
        *[f"- {note['id']}" for note in table.notes],
        "## Kasus di balik setiap n",
        *(lists or ["Tidak ada tahap yang selesai dalam periode ini."]),
        "[Kembali ke statistik](index.md)",
    ]
    return "\n\n".join(parts) + "\n"


def _grand_total(table: Table) -> int:
    return len(table.total_ids())


def review_index(statistics: Statistics) -> str:
    """``statistik/index.md`` of the review site."""
    parts = [
        "# Statistik",
        (f"Periode: {statistics.period.title('id')}. Angka **pasti** untuk penelaah (dosen dan "
        "supervisor): jangan disalin ke situs publik. Setiap angka menaut ke kasus di baliknya. "
        "*Exact numbers for reviewers; every figure links to the cases behind it.*"),
    ]
    tables = list(statistics.tables) + ([statistics.sensitive] if statistics.sensitive else [])
    headline = [t for t in tables if t.key == "ringkasan"]
    if headline:
        parts += ["## Ringkasan", review_table_markdown(nonempty_rows(headline[0]), "ringkasan.md")]
    for section, title in SECTIONS:
        members = [t for t in tables if t.section == section and t.key != "ringkasan"]
        if members:
            parts.append(f"## {title['id']}")
            parts.append("\n".join(
                f"- [{t.title['id']}]({t.key}.md) — total {disclosure.format_count(_grand_total(t))}"
                for t in members))
    parts.append("## Waktu")
    parts.append("\n".join(f"- [{d.title['id']}]({d.key}.md)" for d in statistics.durations))
    return "\n\n".join(parts) + "\n"


def review_pages(statistics: Statistics) -> dict[str, str]:
    """Every review statistics page, keyed by docs-relative path."""
    if statistics.audience != "review":
        raise ValueError("review pages need the review statistics")
    pages = {f"{FOLDER}/index.md": review_index(statistics)}
    tables = list(statistics.tables) + ([statistics.sensitive] if statistics.sensitive else [])
    for table in tables:
        pages[f"{FOLDER}/{table.key}.md"] = review_table_page(table, statistics)
    for duration in statistics.durations:
        pages[f"{FOLDER}/{duration.key}.md"] = durations_page(duration, statistics)
    return pages


# ---------------------------------------------------------------- exact exports (casebook stats)


REVIEW_FIELDS = ("tabel", "baris_kode", "baris_id", "baris_en", "kolom_kode", "kolom_id",
                 "kolom_en", "jumlah", "kasus")


def review_records(table: Table) -> list[dict[str, object]]:
    """Exact counts with the case ids behind them (review only: never for the public)."""
    out = []
    for r, (row, row_label) in enumerate(zip(table.rows, table.row_labels)):
        for c, (col, col_label) in enumerate(zip(table.cols, table.col_labels)):
            ids = table.case_ids[r][c]
            out.append({
                "tabel": table.key, "baris_kode": row, "baris_id": row_label["id"],
                "baris_en": row_label["en"], "kolom_kode": col, "kolom_id": col_label["id"],
                "kolom_en": col_label["en"], "jumlah": len(ids), "kasus": list(ids),
            })
    return out


def review_csv_text(tables: list[Table]) -> str:
    """Exact tables as one long CSV; case ids joined with spaces."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=REVIEW_FIELDS, lineterminator="\n")
    writer.writeheader()
    for table in tables:
        for record in review_records(table):
            writer.writerow({**record, "kasus": " ".join(record["kasus"])})
    return buffer.getvalue()


def review_json_text(tables: list[Table], period_label: str) -> str:
    """Exact tables as JSON with titles, units and case ids."""
    return _dump({
        "periode": period_label,
        "tabel": [{"tabel": t.key, "judul": dict(t.title), "satuan": dict(t.unit),
                   "data": review_records(t)} for t in tables],
    })


# ---------------------------------------------------------------- the page producer


def review_statistics(project: Project, *, lang: str | None = None) -> dict[str, str]:
    """Producer of the review site's statistics pages (whole period up to today)."""
    return review_pages(project_statistics(project, audience="review"))
