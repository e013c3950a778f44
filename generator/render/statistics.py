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

from generator import words
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


WORDS = words.catalogue(words.beside(__file__, "statistics.yaml"))


def say(key: str, lang: str, **params: object) -> str:
    """A word of the review statistics pages in ``lang``."""
    return words.say(WORDS, key, lang, **params)


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


def _linked(count: int, anchor: str, page: str = "", lang: str = "id") -> str:
    text = disclosure.format_count(count, lang)
    return text if count == 0 else f"[{text}]({page}#{anchor})"


def review_table_markdown(table: Table, page: str = "", lang: str = "id") -> str:
    """The exact table; each non-zero count links to ``page#anchor`` of its case list."""
    wide = len(table.cols) > 1
    header = [escape_cell(table.row_title[lang])] + [escape_cell(c[lang]) for c in table.col_labels]
    if wide and table.totals:
        header.append(say("total", lang))
    body = []
    for r, row in enumerate(table.rows):
        line = [escape_cell(table.label(r, lang))]
        line += [_linked(len(ids), _anchor(row, col), page, lang)
                 for col, ids in zip(table.cols, table.case_ids[r])]
        if wide and table.totals:
            line.append(_linked(len(table.row_ids(r)), _anchor(row, "total"), page, lang))
        body.append(line)
    if table.totals:
        body.append(_total_line(table, page, wide, lang))
    return markdown_table(header, body)


def _total_line(table: Table, page: str, wide: bool, lang: str) -> list[str]:
    label = f"**{say('total' if table.additive else 'total_distinct', lang)}**"
    line = [label] + [_linked(len(table.col_ids(c)), _anchor("total", col), page, lang)
                      for c, col in enumerate(table.cols)]
    if wide:
        line.append(_linked(len(table.total_ids()), _anchor("total", "total"), page, lang))
    return line


def _case_links(case_ids: Sequence[str], prefix: str) -> str:
    counts: dict[str, int] = {}
    for case_id in case_ids:
        counts[case_id] = counts.get(case_id, 0) + 1
    return ", ".join(
        f"[{case_id}]({prefix}{case_page(case_id)})"
        + (f" (×{n})" if n > 1 else "")
        for case_id, n in sorted(counts.items())
    )


def _case_list(title: str, anchor: str, case_ids: Sequence[str], prefix: str,
               lang: str = "id") -> str:
    # the paragraph's class keeps each case id on one line (casebook.css): one attribute list
    # for the paragraph, not one per link, as it is some 5 MB of Markdown at 10,000 cases
    return (f"**{title}: {disclosure.format_count(len(case_ids), lang)}**\n{{: #{anchor} }}\n\n"
            + _case_links(case_ids, prefix) + "\n{: .cb-cases }")


def review_case_lists(table: Table, prefix: str = "../", lang: str = "id") -> list[str]:
    """One anchored paragraph per non-zero figure, listing the cases behind it."""
    blocks = []
    wide = len(table.cols) > 1
    total = say("total", lang)
    for r, row in enumerate(table.rows):
        for c, col in enumerate(table.cols):
            ids = table.case_ids[r][c]
            title = table.label(r, lang) + (f" — {table.col_label(c, lang)}" if wide else "")
            if ids:
                blocks.append(_case_list(title, _anchor(row, col), ids, prefix, lang))
        if wide and table.totals and table.row_ids(r):
            blocks.append(_case_list(f"{table.label(r, lang)} — {total}", _anchor(row, "total"),
                                     table.row_ids(r), prefix, lang))
    if table.totals:
        for c, col in enumerate(table.cols):
            if table.col_ids(c):
                blocks.append(_case_list(f"{total} — {table.col_label(c, lang)}",
                                         _anchor("total", col), table.col_ids(c), prefix, lang))
        if wide and table.total_ids():
            blocks.append(_case_list(total, _anchor("total", "total"), table.total_ids(), prefix,
                                     lang))
    return blocks


def _subtitle(title: dict[str, str], unit: str, statistics: Statistics, lang: str) -> str:
    """The line under a table's title: its name in the other language, unit and period."""
    other = "en" if lang == "id" else "id"
    return say("subtitle", lang, other=title[other], unit=unit,
               period=statistics.period.title(lang))


def review_table_page(table: Table, statistics: Statistics, lang: str = "id") -> str:
    """``statistik/<key>.md``: exact table, notes, then the cases behind every figure."""
    table = nonempty_rows(table)
    parts = [
        f"# {table.title[lang]}",
        _subtitle(table.title, table.unit[lang], statistics, lang),
        review_table_markdown(table, lang=lang),
        *[f"- {note[lang]}" for note in table.notes],
        f"## {say('cases_behind_figures', lang)}",
    ]
    lists = review_case_lists(table, lang=lang)
    parts += lists or [say("no_cases", lang)]
    parts.append(f"[{say('back', lang)}](index.md)")
    return "\n\n".join(parts) + "\n"


def _summary_cells(summary: Summary | None, anchor: str, lang: str = "id") -> list[str]:
    if summary is None:
        return ["0", "", "", "", "", ""]
    values = (summary.median, summary.q1, summary.q3, summary.minimum, summary.maximum)
    return [f"[{summary.n}](#{anchor})", *(format_number(v, lang) for v in values)]


def durations_page(table: DurationTable, statistics: Statistics, lang: str = "id") -> str:
    """``statistik/<key>.md``: median, quartiles and range of days, with the cases behind n."""
    header = say("durations_header", lang).split(" | ")
    body = [[escape_cell(label[lang]), *_summary_cells(summary, f"n-{slug(row)}", lang)]
            for row, label, summary in zip(table.rows, table.row_labels, table.summaries)]
    lists = [_case_list(label[lang], f"n-{slug(row)}", summary.case_ids, "../", lang)
             for row, label, summary in zip(table.rows, table.row_labels, table.summaries)
             if summary is not None]
    parts = [
        f"# {table.title[lang]}",
        _subtitle(table.title, say("days", lang), statistics, lang),
        markdown_table(header, body),
        *[f"- {note[lang]}" for note in table.notes],
        f"## {say('cases_behind_n', lang)}",
        *(lists or [say("no_stages", lang)]),
        f"[{say('back', lang)}](index.md)",
    ]
    return "\n\n".join(parts) + "\n"


def _grand_total(table: Table) -> int:
    return len(table.total_ids())


def review_index(statistics: Statistics, lang: str = "id") -> str:
    """``statistik/index.md`` of the review site."""
    parts = [
        f"# {say('statistics', lang)}",
        say("index_intro", lang, period=statistics.period.title(lang)),
    ]
    tables = list(statistics.tables) + ([statistics.sensitive] if statistics.sensitive else [])
    headline = [t for t in tables if t.key == "ringkasan"]
    if headline:
        parts += [f"## {say('summary', lang)}",
                  review_table_markdown(nonempty_rows(headline[0]), "ringkasan.md", lang)]
    for section, title in SECTIONS:
        members = [t for t in tables if t.section == section and t.key != "ringkasan"]
        if members:
            parts.append(f"## {title[lang]}")
            parts.append("\n".join(
                f"- [{t.title[lang]}]({t.key}.md) — "
                f"{say('total_of', lang, count=disclosure.format_count(_grand_total(t), lang))}"
                for t in members))
    parts.append(f"## {say('time', lang)}")
    parts.append("\n".join(f"- [{d.title[lang]}]({d.key}.md)" for d in statistics.durations))
    return "\n\n".join(parts) + "\n"


def review_pages(statistics: Statistics, lang: str = "id") -> dict[str, str]:
    """Every review statistics page in ``lang``, keyed by docs-relative path."""
    if statistics.audience != "review":
        raise ValueError("review pages need the review statistics")
    pages = {f"{FOLDER}/index.md": review_index(statistics, lang)}
    tables = list(statistics.tables) + ([statistics.sensitive] if statistics.sensitive else [])
    for table in tables:
        pages[f"{FOLDER}/{table.key}.md"] = review_table_page(table, statistics, lang)
    for duration in statistics.durations:
        pages[f"{FOLDER}/{duration.key}.md"] = durations_page(duration, statistics, lang)
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
    language = lang or project.settings.language
    return review_pages(project_statistics(project, audience="review"), language)
