"""``casebook build`` of a roll-up project: provincial public statistics from office exports.

1. Check every export listed in ``rollup:`` (``manifest.check_exports``): any problem stops the
   build before anything is written.
2. Count clients by office and code with DuckDB over the Parquet files (``query``).
3. Reproduce each office's own public table (``disclosure.protect``, the office's rules), then
   protect the provincial figures once, together with every office's (``privacy.province``).
4. Render the provincial site with the office statistics renderers (tables, charts, open data)
   and build it with the site engine, whose leak audit runs before the site is swapped in.

Each provincial table has one row per code and one column for the province, then one per office
with at least ``rollup.min_office_cases`` clients; smaller offices count only in the province's.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from generator.model.records import RollupSettings, Settings
from generator.model.taxonomy import Taxonomy
from generator.privacy import disclosure
from generator.privacy.check import PublicGuard, denylist_path
from generator.privacy.denylist import DenyList
from generator.privacy.disclosure import CountTable, DisclosurePolicy, PublishedTable
from generator.privacy.province import (
    WITHHELD,
    OfficeRow,
    ProvinceTable,
    cell_of,
    protect_province,
    rule_notes,
)
from generator.privacy.release import licence_from_settings, meta_of, policy_from_settings
from generator.privacy.wall import PublicTable, Release
from generator.problems import Problem
from generator.rollup.dimensions import DIMENSIONS, SENSITIVE, template
from generator.rollup.manifest import Export, check_exports
from generator.rollup.query import (
    Counts,
    all_counts,
    connect,
    offices,
    sensitive_counts,
    year_span,
)
from generator.stats.tables import Table

LANGS = ("id", "en")
PROVINCE = "provinsi"
Progress = Callable[[str], None]


@dataclass(frozen=True)
class OfficeInfo:
    office: str
    city: str
    clients: int


def office_cells(counts: Sequence[int], policy: DisclosurePolicy) -> OfficeRow:
    """What the office published of one table: ``protect`` over its non-empty rows, in order."""
    keep = [index for index, n in enumerate(counts) if n] or [0]
    table = CountTable("kantor", {"id": "-", "en": "-"}, tuple(str(i) for i in keep), ("n",),
                       tuple((counts[i],) for i in keep))
    published = disclosure.protect(table, policy)
    cells = [disclosure.Cell(0, "0", "exact_zero")] * len(counts)
    for row, index in enumerate(keep):
        cells[index] = published.cells[row][0]
    return OfficeRow(tuple(counts), tuple(cells), published.grand_total)


def code_vector(codes: Sequence[str], found: dict[str, int]) -> tuple[int, ...]:
    unknown = set(found) - set(codes)
    if unknown:
        raise ValueError(f"codes outside the taxonomy: {sorted(unknown)}")
    return tuple(found.get(code, 0) for code in codes)


@dataclass(frozen=True)
class ProvincialTable:
    """One table of the roll-up, before rendering: every office's row and the province's."""

    template: Table
    offices: tuple[OfficeInfo, ...]
    rows: tuple[OfficeRow, ...]
    province: ProvinceTable


def provincial_table(table: Table, counts: Counts, everyone: Sequence[OfficeInfo],
                     policy: DisclosurePolicy) -> ProvincialTable:
    rows = tuple(office_cells(code_vector(table.rows, counts.get(info.office, {})), policy)
                 for info in everyone)
    return ProvincialTable(table, tuple(everyone), rows, protect_province(rows, policy))


def public_table(table: ProvincialTable, shown: Sequence[int], policy: DisclosurePolicy
                 ) -> PublicTable:
    """Rows: codes with clients somewhere; columns: the province, then each office shown."""
    keep = [c for c, _ in enumerate(table.template.rows)
            if any(row.counts[c] for row in table.rows)] or [0]
    meta = meta_of(table.template)
    cols = (PROVINCE, *(table.offices[i].office for i in shown))
    col_labels = ({"id": "Provinsi", "en": "Province"},
                  *({"id": table.offices[i].city, "en": table.offices[i].city} for i in shown))
    notes = (*meta.notes, {
        "id": "Kantor dengan sedikit klien hanya dihitung dalam angka provinsi.",
        "en": "Offices with few clients are counted only in the provincial figures."})
    meta = replace(meta, rows=tuple(meta.rows[c] for c in keep),
                   row_labels=tuple(meta.row_labels[c] for c in keep), cols=cols,
                   col_labels=col_labels, additive=False, totals=False, notes=notes,
                   col_title={"id": "Wilayah", "en": "Area"})
    published = {lang: _published(table, keep, shown, meta, policy, lang) for lang in LANGS}
    return PublicTable(meta, published)


def _published(table: ProvincialTable, keep: Sequence[int], shown: Sequence[int], meta,
               policy: DisclosurePolicy, lang: str) -> PublishedTable:
    def localised(cell: disclosure.Cell) -> disclosure.Cell:
        return _localised(cell, lang)

    figures = table.province.figures
    cells = tuple((localised(figures[c]), *(localised(table.rows[i].cells[c]) for i in shown))
                  for c in keep)
    statuses = {cell.status for line in cells for cell in line}
    notes = rule_notes(statuses, policy, lang)
    return PublishedTable(
        key=meta.key, title=dict(meta.title), rows=tuple(label[lang] for label in meta.row_labels),
        cols=tuple(label[lang] for label in meta.col_labels), cells=cells,
        row_totals=tuple(localised(figures[c]) for c in keep),
        col_totals=(localised(table.province.total),
                    *(localised(table.rows[i].total) for i in shown)),
        grand_total=localised(table.province.total), notes=notes, lang=lang)


def office_sensitive(counts: Sequence[int], policy: DisclosurePolicy) -> OfficeRow:
    """An office's sensitive category by year: each year a total protected on its own, the
    row's total withheld (as an office's public site shows them)."""
    cells = tuple(cell_of(n, "exact_zero" if n == 0 else "small" if n < policy.threshold
                          else "published", policy, "id") for n in counts)
    total = cell_of(0, "exact_zero", policy, "id") if not any(counts) else WITHHELD
    return OfficeRow(tuple(counts), cells, total)


@dataclass(frozen=True)
class SensitiveTable:
    """Sensitive categories by year: every office's rows and the province's, per category."""

    template: Table
    years: tuple[str, ...]
    offices: tuple[OfficeInfo, ...]
    categories: tuple[ProvincialTable, ...]  # template.rows order; each one's codes = years


def sensitive_table(found: dict[str, Counts], years: Sequence[str], everyone: Sequence[OfficeInfo],
                    taxonomy: Taxonomy, policy: DisclosurePolicy) -> SensitiveTable:
    base = template(taxonomy, SENSITIVE)
    per_year = replace(base, cols=tuple(years))
    categories = []
    for code in base.rows:
        rows = tuple(office_sensitive(code_vector(years, found.get(code, {}).get(info.office, {})),
                                      policy) for info in everyone)
        categories.append(ProvincialTable(per_year, tuple(everyone), rows,
                                          protect_province(rows, policy)))
    return SensitiveTable(base, tuple(years), tuple(everyone), tuple(categories))


def public_sensitive(table: SensitiveTable, name: str, policy: DisclosurePolicy) -> PublicTable:
    """Only the province's figure per category and year is shown."""
    title = {"id": f"Kategori sensitif: jumlah klien per tahun, {name}",
             "en": f"Sensitive categories: clients per year, {name}"}
    notes = ({"id": "Kategori sensitif hanya diterbitkan sebagai total provinsi per tahun.",
              "en": "Sensitive categories are published only as provincial totals per year."},)
    meta = replace(meta_of(table.template), title=title, notes=notes, cols=table.years,
                   col_labels=tuple({"id": y, "en": y} for y in table.years))
    published = {}
    for lang in LANGS:
        cells = tuple(tuple(_localised(cell, lang) for cell in category.province.figures)
                      for category in table.categories)
        statuses = {cell.status for line in cells for cell in line}
        published[lang] = PublishedTable(
            key=meta.key, title=dict(title), rows=tuple(label[lang] for label in meta.row_labels),
            cols=table.years, cells=cells, row_totals=tuple(WITHHELD for _ in cells),
            col_totals=tuple(WITHHELD for _ in table.years), grand_total=WITHHELD,
            notes=rule_notes(statuses - {"suppressed"}, policy, lang), lang=lang, sensitive=True)
    return PublicTable(meta, published)


def _localised(cell: disclosure.Cell, lang: str) -> disclosure.Cell:
    if cell.status == "published":
        return disclosure.Cell(cell.value, disclosure.format_count(cell.value, lang), cell.status)
    return cell


@dataclass
class RollupResult:
    problems: list[Problem] = field(default_factory=list)
    release: Release | None = None
    tables: tuple[ProvincialTable, ...] = ()
    sensitive: SensitiveTable | None = None
    error: str | None = None
    site: Path | None = None


def rollup_tables(exports: Sequence[Export], taxonomy: Taxonomy, policy: DisclosurePolicy
                  ) -> tuple[tuple[ProvincialTable, ...], tuple[OfficeInfo, ...], SensitiveTable]:
    """Every provincial table from the exports' microdata (DuckDB), protected once."""
    as_of = max((int(e.manifest.as_of[:4]) for e in exports if e.manifest.as_of[:4].isdigit()),
                default=max(int(e.manifest.period_end[:4]) for e in exports))
    connection = connect([path for export in exports for path in export.data])
    try:
        counted = all_counts(connection)
        sizes = offices(connection)
        found, years = sensitive_counts(connection, as_of), year_span(connection, as_of)
    finally:
        connection.close()
    cities = {export.manifest.office: export.manifest.city for export in exports}
    everyone = tuple(OfficeInfo(office, cities.get(office, office), n)
                     for office, n in sizes.items())
    tables = tuple(provincial_table(template(taxonomy, d.key), counted[d.key], everyone, policy)
                   for d in DIMENSIONS)
    return tables, everyone, sensitive_table(found, years, everyone, taxonomy, policy)


def rollup_release(root: Path, settings: Settings, taxonomy: Taxonomy) -> RollupResult:
    """Check the exports, query them and protect the provincial tables (nothing written)."""
    chosen: RollupSettings = settings.rollup
    exports, problems = check_exports(root, list(chosen.exports), taxonomy.version)
    result = RollupResult(problems=problems)
    if any(p.is_error for p in problems):
        return result
    policy = policy_from_settings(settings)
    tables, everyone, sensitive = rollup_tables(exports, taxonomy, policy)
    shown = [i for i, info in enumerate(everyone) if info.clients >= chosen.min_office_cases]
    starts = sorted(e.manifest.period_start for e in exports)
    ends = sorted(e.manifest.period_end for e in exports)
    label = f"{starts[0]}/{ends[-1]}"
    titles = {"id": f"{starts[0]} s.d. {ends[-1]}", "en": f"{starts[0]} to {ends[-1]}"}
    public = tuple(public_table(table, shown, policy) for table in tables)
    result.release = Release(label, titles, chosen.name, policy, public,
                             public_sensitive(sensitive, chosen.name, policy),
                             licence_from_settings(settings))
    result.tables, result.sensitive = tables, sensitive
    return result


def rollup_pages(release: Release, lang: str) -> dict[str, str]:
    """The provincial site's Markdown tree: a home page and the public statistics."""
    from generator.render.public.statistics import public_statistics

    pages = public_statistics(release)
    pages["index.md"] = (
        f"# Statistik {release.city}\n\n"
        f"Statistik rehabilitasi sosial {release.city}, {release.period_title['id']}, dihimpun "
        "dari data kantor-kantor Dinas Sosial dan dilindungi sekali di tingkat provinsi. "
        f"*Social rehabilitation statistics, {release.city}, {release.period_title['en']}.*\n\n"
        "[Statistik](statistik/index.md)\n")
    return dict(sorted(pages.items()))


def build_rollup(root: Path, settings: Settings, taxonomy: Taxonomy, out: Path, *,
                 lang: str, strict: bool = False, say: Progress | None = None) -> RollupResult:
    """Build the provincial public site into ``out/public``; the old site stays on failure."""
    from generator.site import engine

    say = say or (lambda message: None)
    result = rollup_release(root, settings, taxonomy)
    if result.release is None:
        return result
    docs = root / ".casebook" / "rollup" / "public" / "docs"
    shutil.rmtree(docs, ignore_errors=True)
    for name, text in rollup_pages(result.release, lang).items():
        target = docs / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    path = denylist_path(root, settings)
    guard = PublicGuard(DenyList.from_file(path), path, (), lang)
    base = root / "mkdocs.yml"
    spec = engine.SiteSpec(audience="public", docs_dir=docs, site_dir=out / "public", nav=None,
                           site_name=settings.public_site_name or result.release.city,
                           language=lang, strict=strict,
                           base_config=base if base.is_file() else None,
                           engine=settings.engine, site_url=settings.site_url)
    try:
        engine.build_site(spec, verify=guard.check_site)
    except engine.SiteBuildError as error:
        result.error = str(error)
        return result
    result.site = out / "public"
    say(f"roll-up: {len(result.tables)} tabel, situs publik di {result.site}")
    return result



