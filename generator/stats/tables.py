"""Aggregations of validated cases into count tables and duration summaries (pure).

Every table counts **distinct clients** (one case file = one client) unless its ``unit`` says
otherwise; each cell keeps the ids of the cases behind it, so the review site can link every
figure to its cases and the tests can recompute it. A ``Table`` becomes a ``disclosure.CountTable``
(``privacy.release.to_count_table``) only on its way to the public, through ``disclosure.protect``.

Which cases a table counts, for a period ``P = [start, end]`` (inclusive dates):

* **caseload** (categories, sex, age, channel, source, open vs closed, interns, programmes):
  clients *active* in P — intake on or before ``end`` and not closed before ``start``.
  "Open vs closed" is the status at the end of P: closed (or transferred out) when the closure
  date is on or before ``end``.
* **new cases** (trend): clients whose intake date is in P, by month (review) or by quarter,
  falling back to year (public, when some quarter has fewer clients than the threshold).
* **services**: active clients with at least one *implemented* service starting in P.
* **referrals**: active clients with at least one referral (any status) dated in P.
* **outcomes, goal attainment, length of service**: clients whose closure date is in P.
* **goals**: plan goals of the cases closed in P (unit: goals).
* **time in stage**: a stage lasts from its date to the next dated stage (for the last stage of a
  closed case, to the closure date); it counts for P when it ended in P. Stages still running
  are left out.

Public tables leave out clients of sensitive PPKS categories entirely (``is_sensitive_case``);
those appear only in ``sensitive_totals``: one count per sensitive category (main or additional)
per calendar year for the office's city (privacy.md §4.4 rule 6, §7.4). Every public table is
one-dimensional (a category and its count of clients), so no published group shows a sensitive
attribute of its members; ages are the coarse public bands; the trend is by quarter only when
every quarter reaches the threshold, else by year. Differencing between releases (the publication
ledger of privacy.md §7.4 step 7) is not handled here.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
import statistics as pystats
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from generator.model.facts import (
    UNKNOWN,
    age_group,
    cluster_of,
    duration_bucket,
    is_sensitive_case,
    length_of_service,
)
from generator.model.records import Case, Intern

if TYPE_CHECKING:
    from generator.model.project import Project
    from generator.model.taxonomy import Taxonomy


AUDIENCES = ("review", "public")
NOT_RECORDED = "tidak_dicatat"
TOTAL = "total"
_SPECIAL_LABELS = {
    UNKNOWN: {"id": "Tidak diketahui", "en": "Unknown"},
    NOT_RECORDED: {"id": "Tidak dicatat", "en": "Not recorded"},
}
MONTHS = {
    "id": ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
           "September", "Oktober", "November", "Desember"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"),
}

CLIENTS = {"id": "klien (orang berbeda)", "en": "distinct clients"}
GOALS = {"id": "tujuan intervensi", "en": "intervention goals"}
CLIENT_COLUMN = ("klien", {"id": "Jumlah klien", "en": "Clients"})


# ---------------------------------------------------------------- period


@dataclass(frozen=True)
class Period:
    """An inclusive range of dates; ``label`` names it (``2025``, ``2025-Q1``, ``semua``)."""

    start: dt.date
    end: dt.date
    label: str = "semua"

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end

    def title(self, lang: str = "id") -> str:
        """``2025``, ``Triwulan 1 2025``, ``Maret 2025``, or the first and last date."""
        if re.fullmatch(r"\d{4}", self.label):
            return self.label
        quarter = re.fullmatch(r"(\d{4})-Q([1-4])", self.label)
        if quarter:
            word = "Triwulan" if lang == "id" else "Quarter"
            return f"{word} {quarter.group(2)} {quarter.group(1)}"
        if re.fullmatch(r"\d{4}-\d{2}", self.label):
            return month_label(self.label, lang)
        upto = month_label(month_of(self.end), lang)
        return f"seluruh periode s.d. {upto}" if lang == "id" else f"all periods up to {upto}"


EARLIEST = dt.date(1900, 1, 1)


def parse_period(text: str | None, today: dt.date) -> Period:
    """``None``/``semua``/``all`` -> up to today; ``2025``; ``2025-Q1``; ``2025-03``."""
    if text is None or text in ("semua", "all"):
        return Period(EARLIEST, today, "semua")
    if re.fullmatch(r"\d{4}", text):
        year = int(text)
        return Period(dt.date(year, 1, 1), dt.date(year, 12, 31), text)
    quarter = re.fullmatch(r"(\d{4})-[Qq]([1-4])", text)
    if quarter:
        year, number = int(quarter.group(1)), int(quarter.group(2))
        start = dt.date(year, 3 * number - 2, 1)
        return Period(start, _month_end(year, 3 * number), f"{year}-Q{number}")
    month = re.fullmatch(r"(\d{4})-(\d{2})", text)
    if month and 1 <= int(month.group(2)) <= 12:
        year, number = int(month.group(1)), int(month.group(2))
        return Period(dt.date(year, number, 1), _month_end(year, number), text)
    raise ValueError(
        f"periode tidak dikenal / unknown period {text!r}: pakai 2025, 2025-Q1 atau 2025-03"
    )


def _month_end(year: int, month: int) -> dt.date:
    first_next = dt.date(year + month // 12, month % 12 + 1, 1)
    return first_next - dt.timedelta(days=1)


def month_label(month: str, lang: str) -> str:
    """``2025-03`` -> ``Maret 2025``."""
    year, number = month.split("-")
    return f"{MONTHS[lang][int(number) - 1]} {year}"


def quarter_label(quarter: str, lang: str) -> str:
    """``2025-Q1`` -> ``TW1 2025`` (triwulan) / ``Q1 2025``."""
    year, number = quarter.split("-Q")
    return f"TW{number} {year}" if lang == "id" else f"Q{number} {year}"


# ---------------------------------------------------------------- populations


def is_active(case: Case, period: Period) -> bool:
    """The client was in the office's care at some time in the period."""
    closed = case.closure.date if case.closure else None
    return case.intake.date <= period.end and (closed is None or closed >= period.start)


def closed_in(case: Case, period: Period) -> bool:
    return case.closure is not None and period.contains(case.closure.date)


def status_at_end(case: Case, period: Period) -> str:
    """``open``, ``closed`` or ``transferred_out`` on the last day of the period."""
    if case.closure is None or case.closure.date > period.end:
        return "open"
    return "transferred_out" if case.record.status == "transferred_out" else "closed"


def stage_spans(case: Case, taxonomy: Taxonomy) -> list[tuple[str, dt.date, dt.date]]:
    """Completed stages as (stage, start, end): to the next dated stage or to the closure."""
    ordered = sorted(case.stages.items(), key=lambda item: _stage_rank(taxonomy, item[0]))
    spans = [(stage, start, after) for (stage, start), (_, after) in itertools.pairwise(ordered)]
    if ordered and case.closure and case.closure.date >= ordered[-1][1]:
        spans.append((ordered[-1][0], ordered[-1][1], case.closure.date))
    return spans


def _stage_rank(taxonomy: Taxonomy, stage: str) -> tuple[int, str]:
    order = taxonomy.entry("stage", stage).get("order", 99) if taxonomy.has("stage", stage) else 99
    return int(order), stage


# ---------------------------------------------------------------- tables


Labels = Mapping[str, str]


def _t(id_text: str, en_text: str) -> Labels:
    return {"id": id_text, "en": en_text}


@dataclass(frozen=True)
class Table:
    """Counts with the case ids behind every cell (one id per counted unit)."""

    key: str
    title: Labels
    unit: Labels
    rows: tuple[str, ...]
    row_labels: tuple[Labels, ...]
    cols: tuple[str, ...]
    col_labels: tuple[Labels, ...]
    case_ids: tuple[tuple[tuple[str, ...], ...], ...]
    additive: bool = True  # every unit lies in exactly one cell, so totals are sums
    section: str = "caseload"
    notes: tuple[Labels, ...] = ()
    row_title: Labels = field(default_factory=lambda: {"id": "Kategori", "en": "Category"})
    col_title: Labels = field(default_factory=lambda: {"id": "Ukuran", "en": "Measure"})
    totals: bool = True  # whether totals mean anything to a reader

    @property
    def counts(self) -> tuple[tuple[int, ...], ...]:
        return tuple(tuple(len(ids) for ids in row) for row in self.case_ids)

    def label(self, row: int, lang: str = "id") -> str:
        return self.row_labels[row][lang]

    def col_label(self, col: int, lang: str = "id") -> str:
        return self.col_labels[col][lang]

    def row_ids(self, row: int) -> tuple[str, ...]:
        """Cases counted in a row (distinct cases when the table is not additive)."""
        return _merge(self.case_ids[row], self.additive)

    def col_ids(self, col: int) -> tuple[str, ...]:
        return _merge([row[col] for row in self.case_ids], self.additive)

    def total_ids(self) -> tuple[str, ...]:
        return _merge([ids for row in self.case_ids for ids in row], self.additive)


def _merge(groups: Iterable[tuple[str, ...]], additive: bool) -> tuple[str, ...]:
    joined = [case_id for ids in groups for case_id in ids]
    return tuple(sorted(joined) if additive else sorted(set(joined)))


@dataclass(frozen=True)
class Summary:
    """Median and spread of a list of day counts."""

    n: int
    median: float
    q1: float
    q3: float
    minimum: int
    maximum: int
    case_ids: tuple[str, ...]


def summarise(values: Sequence[tuple[int, str]]) -> Summary | None:
    """Median, quartiles (inclusive method) and range of (days, case id) pairs."""
    if not values:
        return None
    days = sorted(value for value, _ in values)
    if len(days) == 1:
        q1 = q3 = float(days[0])
    else:
        q1, _, q3 = pystats.quantiles(days, n=4, method="inclusive")
    ids = tuple(sorted({case_id for _, case_id in values}))
    return Summary(len(days), float(pystats.median(days)), q1, q3, days[0], days[-1], ids)


@dataclass(frozen=True)
class DurationTable:
    """Durations in days by row (stages, or the whole service)."""

    key: str
    title: Labels
    rows: tuple[str, ...]
    row_labels: tuple[Labels, ...]
    summaries: tuple[Summary | None, ...]
    notes: tuple[Labels, ...] = ()


@dataclass(frozen=True)
class Statistics:
    """Everything one audience's statistics pages show for one period."""

    audience: str
    period: Period
    city: str
    tables: tuple[Table, ...]
    durations: tuple[DurationTable, ...] = ()
    sensitive: Table | None = None

    def table(self, key: str) -> Table:
        for table in self.tables:
            if table.key == key:
                return table
        raise KeyError(key)


@dataclass(frozen=True)
class Dimension:
    """How to place one case in a table: row codes (or cells) and their labels."""

    codes: tuple[str, ...]
    labels: tuple[Labels, ...]
    title: Labels = field(default_factory=lambda: {"id": "Kategori", "en": "Category"})


def vocabulary_dimension(taxonomy: Taxonomy, vocab: str, extra: Sequence[str] = ()) -> Dimension:
    """All codes of a vocabulary in taxonomy order, then ``extra`` special codes."""
    codes = tuple(taxonomy.codes(vocab)) + tuple(extra)
    labels = tuple(_code_labels(taxonomy, vocab, code) for code in codes)
    title = {lang: taxonomy.vocab_label(vocab, lang) for lang in ("id", "en")}
    return Dimension(codes, labels, title)


def _code_labels(taxonomy: Taxonomy, vocab: str, code: str) -> Labels:
    if code in _SPECIAL_LABELS and not taxonomy.has(vocab, code):
        return _SPECIAL_LABELS[code]
    return {lang: taxonomy.label(vocab, code, lang) for lang in ("id", "en")}


SINGLE = Dimension((CLIENT_COLUMN[0],), (CLIENT_COLUMN[1],), _t("Ukuran", "Measure"))


def tally(
    key: str,
    title: Labels,
    rows: Dimension,
    cols: Dimension,
    units: Iterable[tuple[str, str, str]],
    *,
    distinct: bool = True,
    **meta: Any,
) -> Table:
    """A table from (case id, row code, col code) units; distinct drops repeated units."""
    cells: dict[tuple[str, str], list[str]] = {}
    seen: set[tuple[str, str, str]] = set()
    for unit in units:
        if distinct and unit in seen:
            continue
        seen.add(unit)
        case_id, row, col = unit
        if row not in rows.codes or col not in cols.codes:
            raise ValueError(f"table {key!r}: no place for row {row!r} and column {col!r}")
        cells.setdefault((row, col), []).append(case_id)
    grid = tuple(
        tuple(tuple(sorted(cells.get((row, col), ()))) for col in cols.codes) for row in rows.codes
    )
    meta.setdefault("unit", CLIENTS)
    return Table(key=key, title=title, rows=rows.codes, row_labels=rows.labels, cols=cols.codes,
                 col_labels=cols.labels, case_ids=grid, row_title=rows.title,
                 col_title=cols.title, **meta)


def single_column(key: str, title: Labels, rows: Dimension, pairs: Iterable[tuple[str, str]],
                  **meta: Any) -> Table:
    """A one-column table of (case id, row code) pairs."""
    return tally(key, title, rows, SINGLE, ((cid, row, SINGLE.codes[0]) for cid, row in pairs),
                 **meta)


KEEPS_EMPTY_ROWS = ("trend", "sensitive")


def nonempty_rows(table: Table) -> Table:
    """Without rows whose every cell is zero, except where a zero row means something."""
    if table.section in KEEPS_EMPTY_ROWS or table.key == "ringkasan" or not table.rows:
        return table
    keep = [r for r, row in enumerate(table.case_ids) if any(row)] or [0]
    return _select_rows(table, keep)


def _select_rows(table: Table, keep: Sequence[int]) -> Table:
    return replace(
        table,
        rows=tuple(table.rows[r] for r in keep),
        row_labels=tuple(table.row_labels[r] for r in keep),
        case_ids=tuple(table.case_ids[r] for r in keep),
    )


def without_rows(table: Table, codes: Iterable[str]) -> Table:
    """The table without the rows of the given codes."""
    dropped = set(codes)
    return _select_rows(table, [r for r, code in enumerate(table.rows) if code not in dropped])


# ---------------------------------------------------------------- the tables of one audience


@dataclass(frozen=True)
class Context:
    """What every table builder needs besides the cases."""

    taxonomy: Taxonomy
    period: Period
    audience: str = "review"
    interns: Mapping[str, Intern] = field(default_factory=dict)
    threshold: int = 10


def caseload_tables(cases: Sequence[Case], ctx: Context) -> list[Table]:
    """Clients active in the period by category, cluster, sex, age, channel, source, status."""
    tax = ctx.taxonomy
    active = [case for case in cases if is_active(case, ctx.period)]
    ages = "public_age_group" if ctx.audience == "public" else "age_group"
    ppks = single_column(
        "kategori_ppks", _t("Klien menurut kategori PPKS utama", "Clients by main PPKS category"),
        vocabulary_dimension(tax, "ppks"),
        ((c.case_id, c.classification.ppks) for c in active),
        notes=(_t("Hanya kategori utama; kategori tambahan tidak dihitung.",
                  "Main category only; additional categories are not counted."),),
    )
    if ctx.audience == "public":
        ppks = without_rows(ppks, [code for code in tax.codes("ppks")
                                   if tax.entry("ppks", code).get("sensitive")])
    return [
        ppks,
        single_column(
            "klaster_atensi", _t("Klien menurut klaster ATENSI", "Clients by ATENSI cluster"),
            vocabulary_dimension(tax, "atensi_cluster", [UNKNOWN]),
            ((c.case_id, cluster_of(c, tax)) for c in active),
        ),
        single_column(
            "jenis_kelamin", _t("Klien menurut jenis kelamin", "Clients by sex"),
            vocabulary_dimension(tax, "sex"), ((c.case_id, c.client.sex) for c in active),
        ),
        single_column(
            "kelompok_umur",
            _t("Klien menurut kelompok umur saat penerimaan", "Clients by age group at intake"),
            vocabulary_dimension(tax, ages, [UNKNOWN]),
            ((c.case_id, age_group(c.client.age, tax, ages)) for c in active),
        ),
        single_column(
            "cara_masuk", _t("Klien menurut cara masuk", "Clients by intake channel"),
            vocabulary_dimension(tax, "intake_channel"),
            ((c.case_id, c.intake.channel) for c in active),
        ),
        single_column(
            "sumber_rujukan", _t("Klien menurut sumber rujukan", "Clients by referral source"),
            vocabulary_dimension(tax, "referral_source"),
            ((c.case_id, c.intake.source) for c in active),
        ),
        single_column(
            "status_kasus",
            _t("Status kasus pada akhir periode", "Case status at the end of the period"),
            vocabulary_dimension(tax, "case_status"),
            ((c.case_id, status_at_end(c, ctx.period)) for c in active),
        ),
    ]


SUMMARY_ROWS = Dimension(
    ("aktif", "baru", "selesai", "terbuka"),
    (
        _t("Klien dilayani dalam periode", "Clients served in the period"),
        _t("Klien baru (penerimaan dalam periode)", "New clients (intake in the period)"),
        _t("Kasus diterminasi dalam periode", "Cases closed in the period"),
        _t("Kasus masih terbuka pada akhir periode", "Cases still open at the end of the period"),
    ),
    _t("Ukuran", "Measure"),
)


def summary_table(cases: Sequence[Case], ctx: Context) -> Table:
    """The headline numbers; one client can be in several rows."""
    period = ctx.period
    pairs = []
    for case in cases:
        if not is_active(case, period):
            continue
        pairs.append((case.case_id, "aktif"))
        if period.contains(case.intake.date):
            pairs.append((case.case_id, "baru"))
        if closed_in(case, period):
            pairs.append((case.case_id, "selesai"))
        if status_at_end(case, period) == "open":
            pairs.append((case.case_id, "terbuka"))
    return single_column("ringkasan", _t("Ringkasan", "Summary"), SUMMARY_ROWS, pairs,
                         additive=False, totals=False, notes=(_MANY_ROWS,))


_MANY_ROWS = _t("Satu klien dapat tercatat di lebih dari satu baris, sehingga baris tidak "
                "dijumlahkan.", "A client can appear in more than one row, so rows do not add up.")


def implemented_services(case: Case, period: Period) -> list:
    """The case's implemented services that started in the period."""
    return [s for s in case.services if s.status == "implemented" and period.contains(s.date)]


def service_tables(cases: Sequence[Case], ctx: Context) -> list[Table]:
    """Clients with at least one implemented service of each form, component and setting."""
    tax = ctx.taxonomy
    served = [(c.case_id, s) for c in cases if is_active(c, ctx.period)
              for s in implemented_services(c, ctx.period)]
    meta = {"additive": False, "section": "services", "notes": (_MANY_ROWS,)}
    return [
        single_column(
            "bentuk_rehabilitasi",
            _t("Klien menurut bentuk rehabilitasi sosial yang diterima",
               "Clients by form of social rehabilitation received"),
            vocabulary_dimension(tax, "rehab_form"), ((cid, s.form) for cid, s in served), **meta,
        ),
        single_column(
            "komponen_atensi",
            _t("Klien menurut komponen ATENSI yang diterima",
               "Clients by ATENSI component received"),
            vocabulary_dimension(tax, "atensi_component", [NOT_RECORDED]),
            ((cid, s.atensi or NOT_RECORDED) for cid, s in served), **meta,
        ),
        single_column(
            "setting_layanan", _t("Klien menurut setting layanan", "Clients by service setting"),
            vocabulary_dimension(tax, "setting", [NOT_RECORDED]),
            ((cid, s.setting or NOT_RECORDED) for cid, s in served), **meta,
        ),
    ]


def referral_table(cases: Sequence[Case], ctx: Context) -> Table:
    """Clients referred to each type of provider in the period."""
    pairs = ((c.case_id, r.provider) for c in cases if is_active(c, ctx.period)
             for r in c.referrals if ctx.period.contains(r.date))
    return single_column(
        "rujukan_penyedia",
        _t("Klien yang dirujuk menurut jenis lembaga tujuan",
           "Clients referred, by type of receiving provider"),
        vocabulary_dimension(ctx.taxonomy, "provider_type"), pairs,
        additive=False, section="referrals", notes=(_MANY_ROWS,),
    )


def outcome_tables(cases: Sequence[Case], ctx: Context) -> list[Table]:
    """Cases closed in the period by outcome, goal attainment and length of service."""
    tax = ctx.taxonomy
    closed = [c for c in cases if closed_in(c, ctx.period)]
    meta = {"section": "outcomes"}
    tables = [
        single_column("hasil_akhir", _t("Kasus diterminasi menurut hasil akhir",
                                        "Closed cases by outcome"),
                      vocabulary_dimension(tax, "outcome"),
                      ((c.case_id, c.closure.outcome) for c in closed), **meta),
        single_column("ketercapaian_tujuan",
                      _t("Kasus diterminasi menurut ketercapaian tujuan",
                         "Closed cases by goal attainment"),
                      vocabulary_dimension(tax, "goal_attainment"),
                      ((c.case_id, c.closure.goal_attainment) for c in closed), **meta),
        single_column("lama_layanan",
                      _t("Kasus diterminasi menurut lama layanan (penerimaan s.d. terminasi)",
                         "Closed cases by length of service (intake to closure)"),
                      vocabulary_dimension(tax, "duration_bucket"),
                      ((c.case_id, duration_bucket(length_of_service(c), tax)) for c in closed),
                      **meta),
    ]
    if ctx.audience == "review":
        tables.append(goal_table(closed, ctx))
    return tables


def goal_table(closed: Sequence[Case], ctx: Context) -> Table:
    """Plan goals of closed cases by type and attainment (unit: goals)."""
    tax = ctx.taxonomy
    units = ((c.case_id, goal.type or NOT_RECORDED, goal.attainment)
             for c in closed if c.plan for goal in c.plan.goals)
    return tally(
        "tujuan_intervensi",
        _t("Tujuan intervensi kasus diterminasi menurut jenis dan ketercapaian",
           "Goals of closed cases by type and attainment"),
        vocabulary_dimension(tax, "goal_type", [NOT_RECORDED]),
        vocabulary_dimension(tax, "goal_attainment"), units,
        distinct=False, unit=GOALS, section="outcomes",
        notes=(_t("Satuan: tujuan; satu kasus dapat memiliki beberapa tujuan.",
                  "Unit: goals; one case can have several goals."),),
    )


def month_of(day: dt.date) -> str:
    return f"{day.year}-{day.month:02d}"


def quarter_of(day: dt.date) -> str:
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def _month_range(first: str, last: str) -> list[str]:
    year, month = map(int, first.split("-"))
    months = []
    while f"{year}-{month:02d}" <= last:
        months.append(f"{year}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def _quarter_range(first: str, last: str) -> list[str]:
    months = _month_range(f"{first[:4]}-{3 * int(first[-1]) - 2:02d}",
                          f"{last[:4]}-{3 * int(last[-1]):02d}")
    return sorted({f"{m[:4]}-Q{(int(m[5:]) - 1) // 3 + 1}" for m in months})


TREND_GRAINS: Mapping[str, tuple[Callable[[dt.date], str], Callable, Callable, Labels]] = {
    "bulan": (month_of, _month_range, month_label, _t("bulan", "month")),
    "triwulan": (quarter_of, _quarter_range, quarter_label, _t("triwulan", "quarter")),
    "tahun": (lambda day: str(day.year),
              lambda a, b: [str(y) for y in range(int(a), int(b) + 1)],
              lambda year, lang: year, _t("tahun", "year")),
}


def trend_table(cases: Sequence[Case], ctx: Context, grain: str) -> Table:
    """New clients (intake in the period) per month, quarter or year, first to last intake."""
    of, span, label, word = TREND_GRAINS[grain]
    intakes = [(c.case_id, of(c.intake.date)) for c in cases if ctx.period.contains(c.intake.date)]
    keys = span(min(k for _, k in intakes), max(k for _, k in intakes)) if intakes else []
    rows = Dimension(tuple(keys), tuple({lang: label(k, lang) for lang in ("id", "en")}
                                        for k in keys), _t(word["id"].capitalize(),
                                                           word["en"].capitalize()))
    column = Dimension(("baru",), (_t("Klien baru", "New clients"),), _t("Ukuran", "Measure"))
    return tally(
        f"tren_{grain}",
        _t(f"Klien baru per {word['id']}", f"New clients per {word['en']}"),
        rows, column, ((cid, key, "baru") for cid, key in intakes), section="trend",
    )


def public_trend_table(cases: Sequence[Case], ctx: Context) -> Table:
    """By quarter when every quarter has at least the threshold, else by year (privacy §4.4)."""
    quarterly = trend_table(cases, ctx, "triwulan")
    if all(n >= ctx.threshold for row in quarterly.counts for n in row):
        return quarterly
    return trend_table(cases, ctx, "tahun")


def intern_tables(cases: Sequence[Case], ctx: Context) -> list[Table]:
    """Caseload per intern and per internship programme, by status at the end of the period."""
    tax = ctx.taxonomy
    active = [c for c in cases if is_active(c, ctx.period)]
    authors = sorted({a for c in active for a in c.record.authors} | set(ctx.interns))
    intern_rows = Dimension(tuple(authors), tuple(_intern_label(ctx.interns.get(a), a)
                                                  for a in authors),
                            _t("Mahasiswa magang", "Intern"))
    status = vocabulary_dimension(tax, "case_status")
    per_intern = ((c.case_id, a, status_at_end(c, ctx.period)) for c in active
                  for a in c.record.authors)
    per_programme = ((c.case_id, _programme(ctx.interns.get(a)), status_at_end(c, ctx.period))
                     for c in active for a in c.record.authors)
    meta = {"additive": False, "section": "interns"}
    return [
        tally("per_mahasiswa", _t("Beban kasus per mahasiswa magang", "Caseload per intern"),
              intern_rows, status, per_intern, **meta,
              notes=(_t("Kasus dengan dua penulis dihitung untuk setiap mahasiswa.",
                        "A case with two authors counts for each intern."),)),
        tally("per_program", _t("Beban kasus per program magang",
                                "Caseload per internship programme"),
              vocabulary_dimension(tax, "internship_program", [UNKNOWN]), status,
              per_programme, **meta,
              notes=(_t("Kasus dihitung sekali per program meskipun penulisnya lebih dari satu.",
                        "A case counts once per programme even with several authors."),)),
    ]


def _intern_label(intern: Intern | None, intern_id: str) -> Labels:
    name = f"{intern.name} ({intern_id})" if intern else intern_id
    return {"id": name, "en": name}


def _programme(intern: Intern | None) -> str:
    return intern.programme.kind if intern else UNKNOWN


# ---------------------------------------------------------------- sensitive categories


def sensitive_categories(taxonomy: Taxonomy) -> list[str]:
    """PPKS categories marked ``sensitive`` (aggregate-only in public), in taxonomy order."""
    return [code for code in taxonomy.codes("ppks") if taxonomy.entry("ppks", code).get("sensitive")]


def case_categories(case: Case) -> set[str]:
    """The case's main and additional PPKS categories."""
    return {case.classification.ppks, *case.classification.secondary}


def active_years(cases: Sequence[Case], period: Period) -> list[int]:
    """Calendar years, first to last, in which some case was active within the period."""
    years = [y for c in cases for y in range(c.intake.date.year, period.end.year + 1)
             if is_active(c, year_in(y, period))]
    return list(range(min(years), max(years) + 1)) if years else []


def year_in(year: int, period: Period) -> Period:
    """The part of a calendar year inside the period."""
    start = max(period.start, dt.date(year, 1, 1))
    return Period(start, min(period.end, dt.date(year, 12, 31)), str(year))


def sensitive_totals(cases: Sequence[Case], ctx: Context, city: str) -> Table:
    """Clients of each sensitive category (main or additional) active in each year, city-wide."""
    tax = ctx.taxonomy
    wanted = set(sensitive_categories(tax))
    every = vocabulary_dimension(tax, "ppks")
    keep = [i for i, code in enumerate(every.codes) if code in wanted]
    rows = Dimension(tuple(every.codes[i] for i in keep), tuple(every.labels[i] for i in keep),
                     every.title)
    years = active_years(cases, ctx.period)
    cols = Dimension(tuple(str(y) for y in years), tuple(_t(str(y), str(y)) for y in years),
                     _t("Tahun", "Year"))
    units = ((c.case_id, code, str(year)) for year in years for c in cases
             if is_active(c, year_in(year, ctx.period))
             for code in sorted(case_categories(c) & wanted))
    where = city or "kota"
    return tally(
        "kategori_sensitif",
        _t(f"Kategori sensitif: jumlah klien per tahun, {where}",
           f"Sensitive categories: clients per year, {where}"),
        rows, cols, units, additive=False, section="sensitive",
        notes=(_t("Kategori sensitif hanya diterbitkan sebagai total kota per tahun.",
                  "Sensitive categories are published only as city totals per year."),),
    )


# ---------------------------------------------------------------- durations


def duration_table(cases: Sequence[Case], ctx: Context) -> DurationTable:
    """Days in each stage (stages that ended in the period) and intake to closure."""
    tax = ctx.taxonomy
    stages = tax.codes("stage")
    spans: dict[str, list[tuple[int, str]]] = {stage: [] for stage in stages}
    for case in cases:
        for stage, start, end in stage_spans(case, tax):
            if ctx.period.contains(end) and stage in spans:
                spans[stage].append(((end - start).days, case.case_id))
    total = [(length_of_service(c), c.case_id) for c in cases if closed_in(c, ctx.period)]
    rows = (*stages, TOTAL)
    labels = (*(_code_labels(tax, "stage", s) for s in stages),
              _t("Seluruh layanan (penerimaan s.d. terminasi)",
                 "Whole service (intake to closure)"))
    summaries = (*(summarise(spans[s]) for s in stages), summarise(total))
    return DurationTable(
        "waktu_tahap", _t("Lama setiap tahap dan seluruh layanan (hari)",
                          "Days in each stage and in the whole service"),
        rows, labels, summaries,
        notes=(_t("Tahap dihitung bila berakhir dalam periode; tahap yang masih berjalan tidak "
                  "dihitung. Kuartil dengan metode inklusif.",
                  "A stage counts when it ended in the period; stages still running are left "
                  "out. Quartiles use the inclusive method."),),
    )


# ---------------------------------------------------------------- entry points


def compute(
    cases: Iterable[Case],
    taxonomy: Taxonomy,
    period: Period,
    *,
    audience: str = "review",
    interns: Mapping[str, Intern] | None = None,
    city: str = "",
    threshold: int = 10,
) -> Statistics:
    """All tables of one audience; public ones leave out clients of sensitive categories."""
    if audience not in AUDIENCES:
        raise ValueError(f"audience must be one of {AUDIENCES}, not {audience!r}")
    everyone = sorted(cases, key=lambda case: case.case_id)
    ctx = Context(taxonomy, period, audience, dict(interns or {}), threshold)
    counted = everyone
    if audience == "public":
        counted = [c for c in everyone if not is_sensitive_case(c, taxonomy)]
    tables = [summary_table(counted, ctx), *caseload_tables(counted, ctx),
              *service_tables(counted, ctx), referral_table(counted, ctx),
              *outcome_tables(counted, ctx)]
    if audience == "review":
        tables += [trend_table(counted, ctx, "bulan"), *intern_tables(counted, ctx)]
        durations = (duration_table(counted, ctx),)
    else:
        tables.append(public_trend_table(counted, ctx))
        durations = ()
    sensitive = sensitive_totals(everyone, ctx, city)
    return Statistics(audience, period, city, tuple(tables), durations, sensitive)


def project_statistics(project: Project, period: Period | None = None,
                       audience: str = "review") -> Statistics:
    """``compute`` over a loaded ``Project`` (its valid cases, interns and settings)."""
    period = period or parse_period(None, project.today)
    return compute(
        (doc.case for doc in project.sorted_cases()), project.taxonomy, period,
        audience=audience,
        interns={key: doc.intern for key, doc in project.interns.items()},
        city=project.office.city if project.office else "",
        threshold=project.settings.statistics.threshold,
    )
