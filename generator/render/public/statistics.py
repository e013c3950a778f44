"""The public site's statistics pages: protected tables, their charts and the open data.

``public_statistics(release)`` — ``statistik/index.md`` with every published table, its chart
(``statistik/grafik/<key>.svg``, embedded as an image whose alt text lists the same published
numbers) and its downloads, ``statistik/data-terbuka.md`` (the data dictionary) and the open-data
files under ``statistik/data/``. It reads only a ``privacy.wall.Release``: every number on the
pages is a ``disclosure.Cell`` (or a ``disclosure.percent`` of two cells).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from generator.privacy import disclosure
from generator.privacy.wall import PublicTable, Release
from generator.render.public import charts
from generator.render.public.opendata import FIELDS, open_data_files, rules_text

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


# ---------------------------------------------------------------- protected tables


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
            chart_id=f"cb-{slug(table.meta.key)}", width=max(640, 76 * len(published.rows)),
            desc=" ".join(published.notes),
        )
    return charts.bar_chart_svg(published, lang=lang, col=0, policy=policy,
                                chart_id=f"cb-{slug(table.meta.key)}")


def _downloads(key: str, prefix: str = "") -> str:
    return (f"Unduh / download: [CSV]({prefix}data/{key}.csv) · "
            f"[JSON]({prefix}data/{key}.json)")


def public_table_section(table: PublicTable, policy: disclosure.DisclosurePolicy,
                         has_chart: bool) -> str:
    """Heading, English title, unit, table, chart, notes and downloads of one table."""
    meta = table.meta
    parts = [
        f"### {meta.title['id']} {{#tabel-{slug(meta.key)}}}",
        f"*{meta.title['en']}* · Satuan / unit: {meta.unit['id']}",
        public_table_markdown(table, policy),
    ]
    if has_chart:
        parts.append(f"![{alt_text(table)}](grafik/{meta.key}.svg)")
    parts += [f"- {note}" for note in table.notes("id")]
    parts.append(_downloads(meta.key))
    return "\n\n".join(parts)


def public_index(release: Release, charted: set[str]) -> str:
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
            parts += [public_table_section(t, release.policy, t.meta.key in charted)
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


def public_statistics(release: Release) -> dict[str, str]:
    """Every public statistics file (pages, charts, open data), keyed by docs-relative path."""
    pages: dict[str, str] = {}
    for table in release.tables:
        svg = chart_svg(table, release.policy)
        if svg is not None:
            pages[f"{FOLDER}/grafik/{table.meta.key}.svg"] = svg + "\n"
    charted = {path.rsplit("/", 1)[1][:-4] for path in pages}
    pages[f"{FOLDER}/index.md"] = public_index(release, charted)
    pages[f"{FOLDER}/data-terbuka.md"] = data_dictionary_page(release)
    for name, text in open_data_files(release).items():
        pages[f"{FOLDER}/data/{name}"] = text
    return dict(sorted(pages.items()))
