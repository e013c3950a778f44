"""The public release of the statistics: one disclosure-control step, then CSV, JSON and a data package.

``publish`` is the only place where public numbers are made: every table of the public
``stats.Statistics`` goes through ``disclosure.protect`` (sensitive categories cell by cell, each
cell a city-by-year total on its own), and what comes out (``Release``) holds no raw count, only
table metadata and ``PublishedTable`` objects. The public pages, the charts, the CSV and JSON files
and ``casebook stats --audience public`` all read a ``Release``.

Open-data files (under ``statistik/data/`` of the public site) are deterministic: the same project
gives the same bytes. Every table is a CSV in long form (one line per cell and per total) with the
same columns, the same lines as JSON, and ``datapackage.json``, a Frictionless Data Package
descriptor with a schema, titles, units and the disclosure rules.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass

from generator.privacy import disclosure
from generator.privacy.disclosure import Cell, DisclosurePolicy, PublishedTable
from generator.stats.tables import Labels, Statistics, Table, nonempty_rows, to_count_table

LANGS = ("id", "en")
TOTAL_CODE = "total"
TOTAL_LABEL = {"id": "Total", "en": "Total"}


@dataclass(frozen=True)
class TableMeta:
    """What a public renderer may know of a table besides its published numbers: no counts."""

    key: str
    title: Labels
    unit: Labels
    rows: tuple[str, ...]
    row_labels: tuple[Labels, ...]
    cols: tuple[str, ...]
    col_labels: tuple[Labels, ...]
    additive: bool
    section: str
    notes: tuple[Labels, ...]
    row_title: Labels
    col_title: Labels
    totals: bool


@dataclass(frozen=True)
class PublicTable:
    """A table as the public sees it, in each language."""

    meta: TableMeta
    published: Mapping[str, PublishedTable]

    @property
    def shows_totals(self) -> bool:
        """Totals are shown only where every client lies in exactly one cell."""
        meta = self.meta
        return meta.additive and meta.totals and meta.section != "sensitive"

    def notes(self, lang: str) -> tuple[str, ...]:
        return tuple(note[lang] for note in self.meta.notes) + self.published[lang].notes


@dataclass(frozen=True)
class Release:
    """Everything the public statistics show for one period."""

    period_label: str
    period_title: Labels
    city: str
    policy: DisclosurePolicy
    tables: tuple[PublicTable, ...]
    sensitive: PublicTable | None


def policy_from_settings(settings) -> DisclosurePolicy:
    """The disclosure policy of ``casebook.yml`` (statistics.threshold and rounding)."""
    threshold = settings.statistics.threshold
    return DisclosurePolicy(
        threshold=threshold,
        rounding_base=settings.statistics.rounding,
        min_percent_denominator=max(50, threshold),
    )


def meta_of(table: Table) -> TableMeta:
    return TableMeta(table.key, dict(table.title), dict(table.unit), table.rows, table.row_labels,
                     table.cols, table.col_labels, table.additive, table.section, table.notes,
                     dict(table.row_title), dict(table.col_title), table.totals)


def protect_table(table: Table, policy: DisclosurePolicy) -> PublicTable:
    """One ordinary table through disclosure control, in both languages."""
    published = {lang: disclosure.protect(to_count_table(table, lang), policy, lang=lang)
                 for lang in LANGS}
    return PublicTable(meta_of(table), published)


def protect_sensitive(table: Table, policy: DisclosurePolicy) -> PublicTable:
    """Each cell (one category, one year, whole city) protected on its own as a sensitive total."""
    return PublicTable(meta_of(table), {lang: _sensitive_grid(table, policy, lang)
                                        for lang in LANGS})


def _sensitive_grid(table: Table, policy: DisclosurePolicy, lang: str) -> PublishedTable:
    """A grid of independently protected city-by-year totals; its margins are withheld."""
    labels = to_count_table(table, lang)
    singles = [[disclosure.protect(
        disclosure.CountTable(f"{table.key}-{row}-{col}", dict(table.title), (labels.rows[r],),
                              (labels.cols[c],), ((table.counts[r][c],),), sensitive=True),
        policy, lang=lang) for c, col in enumerate(table.cols)] for r, row in enumerate(table.rows)]
    general = disclosure.protect(  # the note every sensitive table carries; ours says more
        disclosure.CountTable(table.key, dict(table.title), ("-",), ("-",), ((0,),),
                              sensitive=True), policy, lang=lang).notes
    notes = dict.fromkeys(note for line in singles for single in line for note in single.notes
                          if note not in general)
    return PublishedTable(
        key=table.key, title=dict(table.title), rows=labels.rows, cols=labels.cols,
        cells=tuple(tuple(single.grand_total for single in line) for line in singles),
        row_totals=tuple(WITHHELD for _ in labels.rows),
        col_totals=tuple(WITHHELD for _ in labels.cols), grand_total=WITHHELD,
        notes=tuple(notes), lang=lang, sensitive=True,
    )


WITHHELD = Cell(None, disclosure.SUPPRESSED_DISPLAY, "suppressed")


def publish(statistics: Statistics, policy: DisclosurePolicy) -> Release:
    """THE disclosure-control step of the public statistics: every number comes out of here."""
    if statistics.audience != "public":
        raise ValueError("only the public statistics (audience='public') may be published")
    tables = tuple(protect_table(nonempty_rows(table), policy)
                   for table in statistics.tables if table.rows)
    sensitive = statistics.sensitive
    protected = None
    if sensitive is not None and sensitive.rows and sensitive.cols:
        protected = protect_sensitive(sensitive, policy)
    period = statistics.period
    titles = {lang: period.title(lang) for lang in LANGS}
    return Release(period.label, titles, statistics.city, policy, tables, protected)


# ---------------------------------------------------------------- CSV and JSON

FIELDS = (
    ("tabel", "string", {"id": "Kunci tabel", "en": "Table key"}),
    ("baris_kode", "string", {"id": "Kode baris (kode taksonomi, periode, atau 'total')",
                              "en": "Row code (taxonomy code, period, or 'total')"}),
    ("baris_id", "string", {"id": "Label baris (bahasa Indonesia)", "en": "Row label (Indonesian)"}),
    ("baris_en", "string", {"id": "Label baris (bahasa Inggris)", "en": "Row label (English)"}),
    ("kolom_kode", "string", {"id": "Kode kolom (ukuran, tahun, atau 'total')",
                              "en": "Column code (measure, year, or 'total')"}),
    ("kolom_id", "string", {"id": "Label kolom (bahasa Indonesia)",
                            "en": "Column label (Indonesian)"}),
    ("kolom_en", "string", {"id": "Label kolom (bahasa Inggris)", "en": "Column label (English)"}),
    ("nilai", "integer", {"id": "Angka terbit: kelipatan pembulatan, atau 0; kosong bila tidak "
                                "diterbitkan (lihat tampilan dan status)",
                          "en": "Published number: a multiple of the rounding base, or 0; empty "
                                "when not published (see tampilan and status)"}),
    ("tampilan", "string", {"id": "Angka seperti tampil di situs, mis. '15', '<10', '–'",
                            "en": "The number as shown on the site, e.g. '15', '<10', '–'"}),
    ("status", "string", {"id": "published = dibulatkan; exact_zero = nol; small = 1 s.d. "
                                "ambang-1; suppressed = disembunyikan",
                          "en": "published = rounded; exact_zero = zero; small = 1 to "
                                "threshold-1; suppressed = withheld"}),
)
FIELD_NAMES = tuple(name for name, _, _ in FIELDS)


def records(table: PublicTable) -> list[dict[str, object]]:
    """One record per published cell and shown total, in table order."""
    meta, cells = table.meta, table.published["id"]
    wide = len(meta.cols) > 1
    out: list[dict[str, object]] = []
    for r, (row, row_label) in enumerate(zip(meta.rows, meta.row_labels)):
        for c, (col, col_label) in enumerate(zip(meta.cols, meta.col_labels)):
            out.append(_record(meta.key, row, row_label, col, col_label, cells.cells[r][c]))
        if table.shows_totals and wide:
            out.append(_record(meta.key, row, row_label, TOTAL_CODE, TOTAL_LABEL,
                               cells.row_totals[r]))
    if table.shows_totals:
        for c, (col, col_label) in enumerate(zip(meta.cols, meta.col_labels)):
            out.append(_record(meta.key, TOTAL_CODE, TOTAL_LABEL, col, col_label,
                               cells.col_totals[c]))
        if wide:
            out.append(_record(meta.key, TOTAL_CODE, TOTAL_LABEL, TOTAL_CODE, TOTAL_LABEL,
                               cells.grand_total))
    return out


def _record(key: str, row: str, row_label: Labels, col: str, col_label: Labels,
            cell: Cell) -> dict[str, object]:
    return {
        "tabel": key, "baris_kode": row, "baris_id": row_label["id"], "baris_en": row_label["en"],
        "kolom_kode": col, "kolom_id": col_label["id"], "kolom_en": col_label["en"],
        "nilai": cell.value, "tampilan": cell.display, "status": cell.status,
    }


def csv_text(table: PublicTable) -> str:
    """The table as CSV (UTF-8, comma, LF line ends, header line first)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=FIELD_NAMES, lineterminator="\n")
    writer.writeheader()
    for record in records(table):
        writer.writerow({k: "" if v is None else v for k, v in record.items()})
    return buffer.getvalue()


def json_text(table: PublicTable, release: Release) -> str:
    """The table as JSON: metadata and the same records as the CSV."""
    document = {
        "tabel": table.meta.key,
        "judul": dict(table.meta.title),
        "satuan": dict(table.meta.unit),
        "periode": release.period_label,
        "wilayah": release.city,
        "catatan": {lang: list(table.notes(lang)) for lang in LANGS},
        "data": records(table),
    }
    return _dump(document)


def _dump(document: object) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


# ---------------------------------------------------------------- data package


def rules_text(policy: DisclosurePolicy, lang: str) -> str:
    """The disclosure rules in one paragraph."""
    t, base, last = policy.threshold, policy.rounding_base, policy.threshold - 1
    if lang == "id":
        return (
            f"Setiap angka adalah jumlah klien (orang berbeda) kecuali satuan menyebut lain, dan "
            f"melewati kontrol pengungkapan statistik: angka 1–{last} ditampilkan '<{t}'; angka "
            f"lain dibulatkan ke kelipatan {base} terdekat (minimal {t}); total dihitung dari data "
            f"asli lalu dibulatkan, sehingga jumlah baris dapat berbeda dari total; angka lain "
            f"disembunyikan ('–') bila perlu agar angka kecil tidak dapat dihitung dari total; "
            f"nol ditampilkan apa adanya. Persentase hanya dari angka terbit dengan penyebut "
            f"minimal {policy.min_percent_denominator}. Klien kategori sensitif tidak dihitung "
            f"di tabel rincian; kategori sensitif hanya diterbitkan sebagai total kota per tahun."
        )
    return (
        f"Every number counts clients (distinct people) unless its unit says otherwise, and has "
        f"passed statistical disclosure control: numbers 1–{last} are shown as '<{t}'; other "
        f"numbers are rounded to the nearest multiple of {base} (at least {t}); totals are "
        f"computed from the true data and then rounded, so rows may not add up to totals; more "
        f"numbers are withheld ('–') where needed so that no small number can be worked out from "
        f"totals; zeros are shown as they are. Percentages come only from published numbers with "
        f"a denominator of at least {policy.min_percent_denominator}. Clients of sensitive "
        f"categories are left out of the breakdown tables; sensitive categories are published "
        f"only as city totals per year."
    )


def resource_name(key: str) -> str:
    return re.sub(r"[^a-z0-9._-]+", "-", key.lower())


def datapackage(release: Release) -> dict[str, object]:
    """A Frictionless (tabular) Data Package descriptor of every public table."""
    tables = [*release.tables, *([release.sensitive] if release.sensitive else [])]
    city = release.city or "kota"
    return {
        "profile": "tabular-data-package",
        "name": resource_name(f"statistik-rehabilitasi-sosial-{city}"),
        "title": f"Statistik rehabilitasi sosial — {city}",
        "description": rules_text(release.policy, "id"),
        "description_en": rules_text(release.policy, "en"),
        "temporal": {"periode": release.period_label, "judul": dict(release.period_title)},
        "spatial": city,
        "disclosure_control": {
            "threshold": release.policy.threshold,
            "rounding_base": release.policy.rounding_base,
            "min_percent_denominator": release.policy.min_percent_denominator,
        },
        "resources": [_resource(table) for table in tables],
    }


def _resource(table: PublicTable) -> dict[str, object]:
    meta = table.meta
    return {
        "profile": "tabular-data-resource",
        "name": resource_name(meta.key),
        "path": f"{meta.key}.csv",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "title": meta.title["id"],
        "title_en": meta.title["en"],
        "description": " ".join(table.notes("id")),
        "description_en": " ".join(table.notes("en")),
        "unit": dict(meta.unit),
        "json_path": f"{meta.key}.json",
        "schema": {
            "fields": [_field(name, kind, text) for name, kind, text in FIELDS],
            "missingValues": [""],
        },
    }


def _field(name: str, kind: str, text: Labels) -> dict[str, object]:
    field = {"name": name, "type": kind, "title": name, "description": text["id"],
             "description_en": text["en"]}
    if name == "nilai":
        field["constraints"] = {"minimum": 0}
    if name == "status":
        field["constraints"] = {"enum": list(disclosure.STATUSES)}
    return field


def open_data_files(release: Release) -> dict[str, str]:
    """File name -> text of every open-data file (CSV, JSON, datapackage.json)."""
    files: dict[str, str] = {}
    for table in [*release.tables, *([release.sensitive] if release.sensitive else [])]:
        files[f"{table.meta.key}.csv"] = csv_text(table)
        files[f"{table.meta.key}.json"] = json_text(table, release)
    files["datapackage.json"] = _dump(datapackage(release))
    return files


# ---------------------------------------------------------------- review exports (exact, internal)

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


def release_csv_text(release: Release) -> str:
    """Every public table as one long CSV (one header)."""
    tables = [*release.tables, *([release.sensitive] if release.sensitive else [])]
    texts = [csv_text(table) for table in tables]
    return texts[0] + "".join(text.split("\n", 1)[1] for text in texts[1:]) if texts else ""


def release_json_text(release: Release) -> str:
    """Every public table as one JSON document."""
    tables = [*release.tables, *([release.sensitive] if release.sensitive else [])]
    return _dump({"periode": release.period_label, "wilayah": release.city,
                  "tabel": [json.loads(json_text(table, release)) for table in tables]})
