"""The public statistics a roll-up publishes: one export column per table, in taxonomy order.

Titles, units, notes and the order of the codes come from the office statistics themselves
(``stats.tables.compute`` over no case), so a provincial table reads like an office's.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from generator.model.taxonomy import Taxonomy
from generator.stats.tables import Period, Table, compute


@dataclass(frozen=True)
class Dimension:
    """One public table: its key and the export column that places a client in a row."""

    key: str
    column: str
    many: bool = False  # a list column: a client is counted once in each row it holds


SENSITIVE = "kategori_sensitif"
DIMENSIONS = (
    Dimension("kategori_ppks", "category"),
    Dimension("klaster_atensi", "cluster"),
    Dimension("jenis_kelamin", "sex"),
    Dimension("kelompok_umur", "age_group"),
    Dimension("cara_masuk", "channel"),
    Dimension("sumber_rujukan", "source"),
    Dimension("status_kasus", "status"),
    Dimension("bentuk_rehabilitasi", "service_forms", many=True),
    Dimension("komponen_atensi", "atensi_components", many=True),
    Dimension("setting_layanan", "service_settings", many=True),
    Dimension("rujukan_penyedia", "referral_types", many=True),
    Dimension("hasil_akhir", "outcome"),
    Dimension("ketercapaian_tujuan", "attainment"),
    Dimension("lama_layanan", "duration"),
)


_CACHE: dict[int, tuple[Taxonomy, dict[str, Table]]] = {}


def _templates(taxonomy: Taxonomy) -> dict[str, Table]:
    held = _CACHE.get(id(taxonomy))
    if held is not None and held[0] is taxonomy:
        return held[1]
    period = Period(dt.date(1900, 1, 1), dt.date(1900, 1, 1))
    stats = compute([], taxonomy, period, audience="public")
    tables = {table.key: table for table in stats.tables}
    tables[SENSITIVE] = stats.sensitive
    _CACHE[id(taxonomy)] = (taxonomy, tables)
    return tables


def template(taxonomy: Taxonomy, key: str) -> Table:
    """The office table of ``key`` with no client: its labels, notes and every row code."""
    return _templates(taxonomy)[key]
