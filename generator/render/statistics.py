"""Statistics pages: exact tables with their cases for reviewers, protected tables for the public.

Both page producers return ``{docs-relative path: text}`` and are pure.

* ``review_pages(statistics)`` — ``statistik/index.md`` (headline table and the list of tables),
  ``statistik/<key>.md`` per table with exact counts; every number links to an anchor on the same
  page listing the cases behind it (links to ``kasus/<case_id>.md``), and
  ``statistik/waktu_tahap.md`` with the durations.
* ``public_pages(release)`` — ``statistik/index.md`` with every published table, its chart
  (``statistik/grafik/<key>.svg``, embedded as an image whose alt text lists the same published
  numbers) and its downloads, ``statistik/data-terbuka.md`` (the data dictionary) and the open-data
  files under ``statistik/data/``. Public pages read only a ``opendata.Release``: every number on
  them is a ``disclosure.Cell`` (or a ``disclosure.percent`` of two cells).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from html import escape as escape_html

from generator import charts, disclosure
from generator.opendata import FIELDS, PublicTable, Release, open_data_files, rules_text
from generator.stats import DurationTable, Statistics, Summary, Table, nonempty_rows

FOLDER = "statistik"
SECTIONS = (
    ("ringkasan", {"id": "Ringkasan", "en": "Summary"}),
    ("caseload", {"id": "Beban kasus (klien yang dilayani)", "en": "Caseload (clients served)"}),
    ("services", {"id": "Layanan", "en": "Services"}),
    ("referrals", {"id": "Rujukan", "en": "Referrals"}),
    ("outcomes", {"id": "Hasil (kasus yang diterminasi)", "en": "Outcomes (closed cases)"}),
    ("trend", {"id": "Tren", "en": "Trend"}),
    ("interns", {"id": "Mahasiswa magang", "en": "Interns"}),
    ("sensitive", {"id": "Kategori sensitif", "en": "Sensitive categories"}),
)


def case_page(case_id: str) -> str:
    """Docs-relative path of a case's review page."""
    return f"kasus/{case_id}.md"


# ---------------------------------------------------------------- Markdown helpers


def escape_cell(text: str) -> str:
    """Text safe inside a Markdown table cell or link text."""
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("[", "\\[").replace("]", "\\]")


def markdown_table(header: Sequence[str], rows: Sequence[Sequence[str]],
                   numeric_from: int = 1) -> str:
    """A pipe table; columns from ``numeric_from`` on are right-aligned."""
    align = ["---" if i < numeric_from else "--:" for i in range(len(header))]
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join(align) + " |"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def slug(text: str) -> str:
    """An anchor-safe form of a code."""
    text = text.lower().replace("+", "plus")
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "x"


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


# ---------------------------------------------------------------- public: protected tables


def _percent_column(table: PublicTable) -> bool:
    """Shares of the total make sense only where every client is in exactly one row."""
    return table.shows_totals and len(table.meta.cols) == 1


def public_table_markdown(table: PublicTable, policy: disclosure.DisclosurePolicy,
                          lang: str = "id") -> str:
    """The published table: displays of protected cells, totals and shares where meaningful."""
    meta, published = table.meta, table.published[lang]
    wide = len(meta.cols) > 1
    shares = _percent_column(table)
    header = [escape_cell(meta.row_title[lang])] + [escape_cell(c) for c in published.cols]
    header += (["Total"] if wide and table.shows_totals else []) + (["%"] if shares else [])
    body = []
    for r, label in enumerate(published.rows):
        line = [escape_cell(label)] + [cell.display for cell in published.cells[r]]
        if wide and table.shows_totals:
            line.append(published.row_totals[r].display)
        if shares:
            line.append(disclosure.percent(published.cells[r][0], published.grand_total,
                                           policy) or "")
        body.append(line)
    if table.shows_totals:
        totals = [f"**{cell.display}**" for cell in published.col_totals]
        line = ["**Total**", *totals] + ([f"**{published.grand_total.display}**"] if wide else [])
        body.append(line + (["100%" if disclosure.percent(published.grand_total,
                                                          published.grand_total, policy)
                             else ""] if shares else []))
    return markdown_table(header, body)


def alt_text(table: PublicTable, lang: str = "id") -> str:
    """What the chart shows, in words: the same published displays as the table."""
    published = table.published[lang]
    values = "; ".join(f"{label}: {row[0].display}"
                       for label, row in zip(published.rows, published.cells))
    word = "Grafik" if lang == "id" else "Chart"
    text = f"{word}: {table.meta.title[lang]}. {values}."
    return text.replace("[", "(").replace("]", ")")


def chart_svg(table: PublicTable, policy: disclosure.DisclosurePolicy,
              lang: str = "id") -> str | None:
    """The chart of a table's first column: a line for a trend, bars otherwise (None if none)."""
    published = table.published[lang]
    if published.sensitive or len(published.rows) < 2 and table.meta.section != "trend":
        return None
    if table.meta.section == "trend":
        return charts.line_chart_svg(
            list(published.rows), [row[0] for row in published.cells],
            title=table.meta.title, lang=lang, policy=policy,
            chart_id=f"cb-{slug(table.meta.key)}",
            width=max(charts.BAR_WIDTH, 76 * len(published.rows)),
            desc=" ".join(published.notes),
        )
    return charts.bar_chart_svg(published, lang=lang, col=0, policy=policy,
                                chart_id=f"cb-{slug(table.meta.key)}")


def _downloads(key: str, prefix: str = "") -> str:
    return (f"Unduh / download: [CSV]({prefix}data/{key}.csv) · "
            f"[JSON]({prefix}data/{key}.json)")


SMALL_LEGEND = ("Batang atau pita berarsir dengan garis putus-putus: jumlah kecil, antara 1 dan 9 "
                "(tertulis “<10”), bukan angka terukur.")


def chart_figure(table: PublicTable, svg: str) -> str:
    """The chart inline (it follows the page's light or dark scheme), with a caption that links to
    its table and its SVG file. A wide trend scrolls sideways at its own size."""
    key, anchor = table.meta.key, f"tabel-{slug(table.meta.key)}"
    small = any(row[0].status == "small" for row in table.published["id"].cells)
    caption = [f'<a href="#{anchor}">Tabel data</a> · <a href="grafik/{key}.svg">grafik (SVG)</a>']
    if small:
        caption.append(SMALL_LEGEND)
    chart = svg.strip()
    if table.meta.section == "trend":
        name = escape_html(f"Grafik: {table.meta.title['id']}")
        chart = f'<div class="cb-scroll" tabindex="0" role="region" aria-label="{name}">{chart}</div>'
    return "\n".join([f'<figure class="cb-chart" id="grafik-{slug(key)}">', chart,
                      f"<figcaption>{' '.join(caption)}</figcaption>", "</figure>"])


def public_table_section(table: PublicTable, policy: disclosure.DisclosurePolicy,
                         svg: str | None) -> str:
    """Heading, English title, unit, table, chart, notes and downloads of one table."""
    meta = table.meta
    parts = [
        f"### {meta.title['id']} {{#tabel-{slug(meta.key)}}}",
        f"*{meta.title['en']}* · Satuan / unit: {meta.unit['id']}",
        public_table_markdown(table, policy),
    ]
    if svg is not None:
        parts.append(chart_figure(table, svg))
    parts += [f"- {note}" for note in table.notes("id")]
    parts.append(_downloads(meta.key))
    return "\n\n".join(parts)


def public_index(release: Release, charted: dict[str, str]) -> str:
    """``statistik/index.md`` of the public site."""
    where = release.city or "kota"
    parts = [
        "# Statistik",
        (f"Statistik rehabilitasi sosial {where}, {release.period_title['id']}. "
        f"*Social rehabilitation statistics, {where}, {release.period_title['en']}.*"),
        '!!! info "Cara membaca angka"\n\n    ' + rules_text(release.policy, "id")
        + "\n\n    *" + rules_text(release.policy, "en") + "*",
        "Semua tabel tersedia sebagai [data terbuka (CSV, JSON)](data-terbuka.md).",
    ]
    tables = list(release.tables) + ([release.sensitive] if release.sensitive else [])
    for section, title in SECTIONS:
        members = [t for t in tables if t.meta.key != "ringkasan" and t.meta.section == section]
        if section == "ringkasan":
            members = [t for t in tables if t.meta.key == "ringkasan"]
            title = {"id": "Angka utama", "en": "Key figures"}
        if members:
            parts.append(f"## {title['id']}")
            parts += [public_table_section(t, release.policy, charted.get(t.meta.key))
                      for t in members]
    return "\n\n".join(parts) + "\n"


def data_dictionary_page(release: Release) -> str:
    """``statistik/data-terbuka.md``: the files, their columns and the disclosure rules."""
    tables = list(release.tables) + ([release.sensitive] if release.sensitive else [])
    files = [[escape_cell(t.meta.title["id"]), escape_cell(t.meta.unit["id"]),
              f"[{t.meta.key}.csv](data/{t.meta.key}.csv)",
              f"[{t.meta.key}.json](data/{t.meta.key}.json)"] for t in tables]
    fields = [[f"`{name}`", kind, escape_cell(text["id"]), escape_cell(text["en"])]
              for name, kind, text in FIELDS]
    parts = [
        "# Data terbuka",
        ("*Open data.* Tabel statistik publik sebagai CSV (UTF-8, satu baris per sel) dan JSON, "
        "dengan deskriptor [Frictionless Data Package](data/datapackage.json) "
        "(`datapackage.json`)."),
        "## Aturan kontrol pengungkapan",
        rules_text(release.policy, "id"),
        "*" + rules_text(release.policy, "en") + "*",
        "## Berkas",
        markdown_table(["Tabel", "Satuan", "CSV", "JSON"], files, numeric_from=4),
        "## Kolom",
        markdown_table(["Kolom", "Tipe", "Keterangan", "Description"], fields, numeric_from=4),
        "[Kembali ke statistik](index.md)",
    ]
    return "\n\n".join(parts) + "\n"


def public_pages(release: Release) -> dict[str, str]:
    """Every public statistics file (pages, charts, open data), keyed by docs-relative path."""
    pages: dict[str, str] = {}
    charted: dict[str, str] = {}
    for table in release.tables:
        svg = chart_svg(table, release.policy)
        if svg is not None:
            charted[table.meta.key] = svg
            pages[f"{FOLDER}/grafik/{table.meta.key}.svg"] = svg + "\n"
    pages[f"{FOLDER}/index.md"] = public_index(release, charted)
    pages[f"{FOLDER}/data-terbuka.md"] = data_dictionary_page(release)
    for name, text in open_data_files(release).items():
        pages[f"{FOLDER}/data/{name}"] = text
    return dict(sorted(pages.items()))


# ---------------------------------------------------------------- page producers (build.py)


def review_statistics(project, *, lang: str | None = None) -> dict[str, str]:
    """Producer of the review site's statistics pages (whole period up to today)."""
    from generator.stats import project_statistics

    return review_pages(project_statistics(project, audience="review"))


def public_statistics(project, *, lang: str | None = None) -> dict[str, str]:
    """Producer of the public site's statistics pages, charts and open data."""
    from generator.opendata import policy_from_settings, publish
    from generator.stats import project_statistics

    release = publish(project_statistics(project, audience="public"),
                      policy_from_settings(project.settings))
    return public_pages(release)
