"""Open data of the public release: CSV, JSON and a data package, from a ``privacy.wall.Release``.

The numbers come out of ``privacy.release.publish`` (the disclosure-control step) already
protected; this module only writes them down.

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

from generator.privacy import disclosure
from generator.privacy.disclosure import Cell, DisclosurePolicy
from generator.privacy.wall import Labels, PublicTable, Release

LANGS = ("id", "en")
TOTAL_CODE = "total"
TOTAL_LABEL = {"id": "Total", "en": "Total"}


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


# ---------------------------------------------------------------- the whole release in one file


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
