"""``casebook export office``: the office's validated records through the privacy view, as Parquet.

One row per client, holding only the generalised fields the public statistics are made of
(``FIELDS``): category, cluster, sex, public age group, intake quarter, channel, source, status,
service forms, ATENSI components, service settings, referral provider types, outcome, goal
attainment and duration bucket, plus the office id (its area code), the year of intake, the
taxonomy version and the period. No alias, case id, note, name, district or day-level date
exists in the row, so none can reach a file. DuckDB writes the Parquet (one file, or a dataset
partitioned ``office=…/year=…``); a manifest beside it records the office, the period, the schema
and taxonomy versions, the policy, the row count and the SHA-256 digest of every data file.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import duckdb

from generator.model.facts import (
    age_group,
    cluster_of,
    duration_bucket,
    is_sensitive_case,
    last_recorded_date,
    length_of_service,
)
from generator.model.project import Project
from generator.model.records import Case
from generator.stats.tables import NOT_RECORDED, quarter_of, sensitive_categories

EXPORT_FORMAT = "casebook-office-export"
EXPORT_SCHEMA_VERSION = 1
FIELDS: tuple[tuple[str, str], ...] = (
    ("office", "VARCHAR"),
    ("year", "INTEGER"),
    ("taxonomy_version", "VARCHAR"),
    ("period", "VARCHAR"),
    ("sensitive", "BOOLEAN"),
    ("sensitive_categories", "VARCHAR[]"),
    ("category", "VARCHAR"),
    ("cluster", "VARCHAR"),
    ("sex", "VARCHAR"),
    ("age_group", "VARCHAR"),
    ("quarter", "VARCHAR"),
    ("closed_quarter", "VARCHAR"),
    ("channel", "VARCHAR"),
    ("source", "VARCHAR"),
    ("status", "VARCHAR"),
    ("service_forms", "VARCHAR[]"),
    ("atensi_components", "VARCHAR[]"),
    ("service_settings", "VARCHAR[]"),
    ("referral_types", "VARCHAR[]"),
    ("outcome", "VARCHAR"),
    ("attainment", "VARCHAR"),
    ("duration", "VARCHAR"),
)
COLUMNS = tuple(name for name, _ in FIELDS)


@dataclass(frozen=True)
class Manifest:
    """What an export says about itself; ``files`` are relative to the manifest's folder."""

    office: str
    office_name: str
    city: str
    period_start: str  # "2025-Q1"
    period_end: str
    taxonomy_version: str
    threshold: int
    rounding: int
    rows: int
    files: tuple[tuple[str, str], ...]  # (relative path, sha256)
    as_of: str = ""  # the export's date: open cases count as active up to its year
    schema_version: int = EXPORT_SCHEMA_VERSION

    @property
    def period(self) -> str:
        return f"{self.period_start}/{self.period_end}"

    def to_json(self) -> str:
        document = {
            "format": EXPORT_FORMAT, "schema_version": self.schema_version,
            "office": self.office, "office_name": self.office_name, "city": self.city,
            "period": {"start": self.period_start, "end": self.period_end},
            "as_of": self.as_of,
            "taxonomy_version": self.taxonomy_version,
            "policy": {"threshold": self.threshold, "rounding": self.rounding},
            "rows": self.rows,
            "files": [{"path": path, "sha256": digest} for path, digest in self.files],
            "sha256": combined_digest(self.files),
        }
        return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def combined_digest(files: tuple[tuple[str, str], ...]) -> str:
    """One digest of the data: SHA-256 over each file's path and digest, in path order."""
    digest = hashlib.sha256()
    for path, file_digest in sorted(files):
        digest.update(f"{path}\0{file_digest}\n".encode())
    return digest.hexdigest()


def file_digest(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


# ---------------------------------------------------------------- one client, generalised


def _distinct(values) -> list[str]:
    return sorted(set(values))


def export_row(case: Case, project: Project, office: str, period: str) -> tuple:
    """The generalised facts of one client, in ``COLUMNS`` order (whole period)."""
    tax = project.taxonomy
    implemented = [s for s in case.services if s.status == "implemented"]
    closure = case.closure
    status = "open" if closure is None else (
        "transferred_out" if case.record.status == "transferred_out" else "closed")
    wanted = set(sensitive_categories(tax))
    return (
        office, case.intake.date.year, tax.version, period,
        is_sensitive_case(case, tax),
        sorted({case.classification.ppks, *case.classification.secondary} & wanted),
        case.classification.ppks, cluster_of(case, tax), case.client.sex,
        age_group(case.client.age, tax, "public_age_group"),
        quarter_of(case.intake.date), quarter_of(closure.date) if closure else None,
        case.intake.channel, case.intake.source, status,
        _distinct(s.form for s in implemented),
        _distinct(s.atensi or NOT_RECORDED for s in implemented),
        _distinct(s.setting or NOT_RECORDED for s in implemented),
        _distinct(r.provider for r in case.referrals),
        closure.outcome if closure else None,
        closure.goal_attainment if closure else None,
        duration_bucket(length_of_service(case), tax) if closure else None,
    )


def office_id(project: Project) -> str:
    """The office's id in a roll-up: its area code (``39.71``)."""
    return project.office.area_code if project.office else "00.00"


def export_period(project: Project) -> tuple[str, str]:
    """First intake quarter and last recorded quarter of the office's cases."""
    cases = [doc.case for doc in project.sorted_cases()]
    if not cases:
        quarter = quarter_of(project.today)
        return quarter, quarter
    return (quarter_of(min(c.intake.date for c in cases)),
            quarter_of(max(last_recorded_date(c) for c in cases)))


def office_rows(project: Project) -> list[tuple]:
    start, end = export_period(project)
    office = office_id(project)
    return [export_row(doc.case, project, office, f"{start}/{end}")
            for doc in project.sorted_cases()]


# ---------------------------------------------------------------- writing


def create_table(connection: duckdb.DuckDBPyConnection, name: str = "clients") -> None:
    columns = ", ".join(f"{column} {kind}" for column, kind in FIELDS)
    connection.execute(f"CREATE TABLE {name} ({columns})")


def write_rows(connection: duckdb.DuckDBPyConnection, target: Path, *, partitioned: bool,
               table: str = "clients") -> None:
    """COPY the table to one Parquet file, or to a dataset partitioned by office and year."""
    ordered = f"SELECT * FROM {table} ORDER BY " + ", ".join(COLUMNS[:4] + COLUMNS[6:12])
    options = "FORMAT parquet, COMPRESSION zstd"
    if partitioned:
        options += ", PARTITION_BY (office, year)"
    connection.execute(f"COPY ({ordered}) TO '{_sql_path(target)}' ({options})")


def _sql_path(path: Path) -> str:
    return str(path).replace("'", "''")


def write_export(project: Project, out: Path) -> Manifest:
    """Write the office export: ``X.parquet`` + ``X.manifest.json``, or a partitioned folder.

    A name ending in ``.parquet`` is one file; anything else is a dataset folder holding
    ``office=<id>/year=<yyyy>/*.parquet`` and ``office=<id>/manifest.json``. Written into a
    temporary folder first, so a failure leaves no half-written export."""
    rows = office_rows(project)
    start, end = export_period(project)
    office = office_id(project)
    partitioned = out.suffix != ".parquet"
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=out.parent, prefix=".export-") as scratch:
        staging = Path(scratch)
        connection = duckdb.connect()
        try:
            create_table(connection)
            placeholders = ", ".join("?" for _ in COLUMNS)
            if rows:
                connection.executemany(f"INSERT INTO clients VALUES ({placeholders})", rows)
            data = staging / ("data" if partitioned else out.name)
            write_rows(connection, data, partitioned=partitioned)
        finally:
            connection.close()
        settings = project.settings.statistics
        base = data / f"office={office}" if partitioned else staging
        files = tuple(sorted((str(p.relative_to(base)), file_digest(p))
                             for p in base.rglob("*.parquet")))
        manifest = Manifest(
            office=office, office_name=project.office.name if project.office else office,
            city=project.office.city if project.office else "", period_start=start,
            period_end=end, taxonomy_version=project.taxonomy.version,
            threshold=settings.threshold, rounding=settings.rounding, rows=len(rows), files=files,
            as_of=project.today.isoformat())
        if partitioned:
            (base / "manifest.json").write_text(manifest.to_json(), encoding="utf-8")
            target = out / f"office={office}"
            out.mkdir(parents=True, exist_ok=True)
            if target.exists():
                shutil.rmtree(target)
            shutil.move(str(base), target)
        else:
            manifest_path(out).write_text(manifest.to_json(), encoding="utf-8")
            shutil.move(str(data), out)
    return manifest


def manifest_path(parquet: Path) -> Path:
    """``office.parquet`` -> ``office.manifest.json``."""
    return parquet.with_name(parquet.stem + ".manifest.json")
