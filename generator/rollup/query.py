"""The roll-up as SQL: DuckDB counts clients by office and code straight from the Parquet files.

The queries are plain SQL over ``read_parquet`` (hive partitions ``office=…/year=…``): the same
statements run on any engine that reads Parquet (Spark SQL, Trino) when a national roll-up
outgrows one machine. Only counts come out; no row is loaded into Python.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import duckdb

from generator.rollup.dimensions import DIMENSIONS, Dimension

Counts = dict[str, dict[str, int]]  # office -> code -> distinct clients


def _quoted(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def connect(files: Sequence[Path]) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB with a view ``clients`` over every export file."""
    connection = duckdb.connect()
    listed = ", ".join(_quoted(path) for path in files)
    connection.execute(
        "CREATE VIEW clients AS SELECT * FROM read_parquet("
        f"[{listed}], hive_partitioning = true, union_by_name = true)")
    return connection


def dimension_sql(dimension: Dimension) -> str:
    """Clients of non-sensitive categories by office and code (a list column: once per code)."""
    column = dimension.column
    value = f"UNNEST({column})" if dimension.many else column
    return (f"SELECT office, code, COUNT(*) AS clients FROM ("
            f"SELECT office, {value} AS code FROM clients WHERE NOT sensitive) "
            "WHERE code IS NOT NULL GROUP BY office, code ORDER BY office, code")


def counts(connection: duckdb.DuckDBPyConnection, dimension: Dimension) -> Counts:
    found: Counts = {}
    for office, code, clients in connection.execute(dimension_sql(dimension)).fetchall():
        found.setdefault(str(office), {})[code] = int(clients)
    return found


def all_counts(connection: duckdb.DuckDBPyConnection) -> dict[str, Counts]:
    """Every public table of the roll-up, by table key."""
    return {dimension.key: counts(connection, dimension) for dimension in DIMENSIONS}


def offices(connection: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Every office in the exports with its number of clients (sensitive categories included)."""
    rows = connection.execute(
        "SELECT office, COUNT(*) FROM clients GROUP BY office ORDER BY office").fetchall()
    return {str(office): int(n) for office, n in rows}


def sensitive_sql(as_of_year: int) -> str:
    """Clients of each sensitive category (main or additional) active in each calendar year:
    from the year of intake to the year of closure (open cases: to the export's year)."""
    last = f"COALESCE(CAST(substr(closed_quarter, 1, 4) AS INTEGER), {int(as_of_year)})"
    return (
        "SELECT category, office, year, COUNT(*) AS clients FROM ("
        "SELECT category, office, UNNEST(generate_series(first, last)) AS year FROM ("
        "SELECT office, UNNEST(sensitive_categories) AS category, year AS first, "
        f"{last} AS last FROM clients WHERE sensitive)) GROUP BY ALL ORDER BY ALL")


def sensitive_counts(connection: duckdb.DuckDBPyConnection, as_of_year: int
                     ) -> dict[str, Counts]:
    """category -> office -> year (as text) -> clients."""
    found: dict[str, Counts] = {}
    for category, office, year, clients in connection.execute(
            sensitive_sql(as_of_year)).fetchall():
        found.setdefault(category, {}).setdefault(str(office), {})[str(year)] = int(clients)
    return found


def year_span(connection: duckdb.DuckDBPyConnection, as_of_year: int) -> list[str]:
    """Every calendar year some client was active in, first to last (the office tables' span)."""
    first, last = connection.execute(
        "SELECT MIN(year), MAX(COALESCE(CAST(substr(closed_quarter, 1, 4) AS INTEGER), "
        f"{int(as_of_year)})) FROM clients").fetchall()[0]
    return [str(y) for y in range(first, last + 1)] if first is not None else []
