"""The public release of the statistics: THE disclosure-control step, and nothing else.

``publish`` is the only place where public numbers are made: every table of the public
``stats.tables.Statistics`` goes through ``disclosure.protect`` (sensitive categories cell by
cell, each cell a city-by-year total on its own), and what comes out (``privacy.wall.Release``)
holds no raw count, only table metadata and ``PublishedTable`` objects. The public pages, the
charts, the CSV and JSON files and ``casebook stats --audience public`` all read a ``Release``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from generator.privacy import disclosure
from generator.privacy.disclosure import Cell, CountTable, DisclosurePolicy, PublishedTable
from generator.privacy.wall import PublicTable, Release, TableMeta
from generator.stats.tables import Statistics, Table, nonempty_rows, project_statistics

if TYPE_CHECKING:
    from generator.model.project import Project
    from generator.model.records import Settings

LANGS = ("id", "en")
WITHHELD = Cell(None, disclosure.SUPPRESSED_DISPLAY, "suppressed")


def public_release(project: Project) -> Release:
    """The public statistics of the whole period up to today, through disclosure control."""
    return publish(project_statistics(project, audience="public"),
                   policy_from_settings(project.settings))


def policy_from_settings(settings: Settings) -> DisclosurePolicy:
    """The disclosure policy of ``casebook.yml`` (statistics.threshold and rounding)."""
    threshold = settings.statistics.threshold
    return DisclosurePolicy(
        threshold=threshold,
        rounding_base=settings.statistics.rounding,
        min_percent_denominator=max(50, threshold),
    )


def to_count_table(table: Table, lang: str = "id") -> CountTable:
    """The true counts with labels in one language, ready for ``disclosure.protect``."""
    return CountTable(
        key=table.key,
        title=dict(table.title),
        rows=tuple(label[lang] for label in table.row_labels),
        cols=tuple(label[lang] for label in table.col_labels),
        counts=table.counts,
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
