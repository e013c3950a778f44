"""The checks of a roll-up's exports: every one a located ``Problem`` (file, line, field).

Each listed path is an export manifest (``X.manifest.json`` beside ``X.parquet``) or a folder
searched for them (``**/manifest.json`` of a partitioned dataset, ``**/*.manifest.json``). A
manifest must be readable, of the supported schema and taxonomy version, and name data files
that exist and match their SHA-256 digests and row count; no office may appear twice, and two
exports of one office may not cover overlapping periods.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import duckdb

from generator.problems import Problem
from generator.rollup.export import EXPORT_FORMAT, EXPORT_SCHEMA_VERSION, Manifest, file_digest


@dataclass(frozen=True)
class Export:
    """A checked export: its manifest, where it was read, and its data files."""

    manifest: Manifest
    path: Path
    shown: str  # the manifest's path as the user sees it
    data: tuple[Path, ...]


def settings_line(root: Path, key: str = "exports:") -> int:
    """The line of ``key`` in casebook.yml (1 when it cannot be found)."""
    try:
        lines = (root / "casebook.yml").read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return 1
    return next((n for n, line in enumerate(lines, 1) if line.strip().startswith(key)), 1)


def find_manifests(root: Path, listed: list[str]) -> tuple[list[tuple[Path, str]], list[Problem]]:
    """Every manifest the ``rollup.exports`` entries name, with the problems of missing ones."""
    found: list[tuple[Path, str]] = []
    problems = []
    for index, entry in enumerate(listed):
        path = Path(entry) if Path(entry).is_absolute() else root / entry
        if path.is_dir():
            manifests = sorted({*path.rglob("manifest.json"), *path.rglob("*.manifest.json")})
            found += [(m, _shown(m, root)) for m in manifests]
        elif path.is_file():
            target = path if path.name.endswith("manifest.json") else path.with_name(
                path.stem + ".manifest.json")
            found.append((target, _shown(target, root)))
        else:
            problems.append(Problem.make("casebook.yml", settings_line(root, f"- {entry}"), 1,
                                         f"rollup.exports[{index}]",
                                         "rollup.export_missing", path=entry))
    return found, problems


def _shown(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def _line_of(text: str, key: str) -> int:
    needle = f'"{key}"'
    for number, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            return number
    return 1


def read_manifest(path: Path, shown: str) -> tuple[Manifest | None, str, list[Problem]]:
    """The manifest of one export, or the problem that it cannot be read."""
    try:
        text = path.read_text(encoding="utf-8")
        document = json.loads(text)
        if document.get("format") != EXPORT_FORMAT:
            raise ValueError(f"format is not {EXPORT_FORMAT}")
        if document.get("schema_version") != EXPORT_SCHEMA_VERSION:
            return None, text, [Problem.make(
                shown, _line_of(text, "schema_version"), 1, "schema_version",
                "rollup.schema_version", found=document.get("schema_version"),
                expected=EXPORT_SCHEMA_VERSION)]
        manifest = Manifest(
            office=str(document["office"]), office_name=str(document["office_name"]),
            city=str(document["city"]), period_start=str(document["period"]["start"]),
            period_end=str(document["period"]["end"]),
            taxonomy_version=str(document["taxonomy_version"]),
            threshold=int(document["policy"]["threshold"]),
            rounding=int(document["policy"]["rounding"]), rows=int(document["rows"]),
            files=tuple((str(f["path"]), str(f["sha256"])) for f in document["files"]),
            as_of=str(document.get("as_of", "")))
    except (OSError, UnicodeDecodeError) as error:
        return None, "", [Problem.make(shown, 0, 0, "", "rollup.manifest_invalid",
                                       reason=getattr(error, "strerror", None) or str(error))]
    except json.JSONDecodeError as error:
        return None, "", [Problem.make(shown, error.lineno, error.colno, "",
                                       "rollup.manifest_invalid", reason=error.msg)]
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        return None, "", [Problem.make(shown, 1, 1, "", "rollup.manifest_invalid",
                                       reason=str(error))]
    return manifest, text, []


def check_data(manifest: Manifest, path: Path, shown: str, text: str
               ) -> tuple[tuple[Path, ...], list[Problem]]:
    """The manifest's data files, each present and matching its digest, and the row count."""
    problems, data = [], []
    line = _line_of(text, "files")
    for number, (relative, digest) in enumerate(manifest.files):
        file = path.parent / relative
        if ".." in Path(relative).parts or not file.is_file():
            problems.append(Problem.make(shown, line, 1, f"files[{number}]",
                                         "rollup.file_missing", data=relative))
        elif file_digest(file) != digest:
            problems.append(Problem.make(shown, line, 1, f"files[{number}].sha256",
                                         "rollup.digest", data=relative))
        else:
            data.append(file)
    if not problems and data:
        listed = ", ".join("'" + str(p).replace("'", "''") + "'" for p in data)
        rows = duckdb.sql(f"SELECT COUNT(*) FROM read_parquet([{listed}])").fetchall()[0][0]
        if rows != manifest.rows:
            problems.append(Problem.make(shown, _line_of(text, "rows"), 1, "rows",
                                         "rollup.rows", found=rows, expected=manifest.rows))
    return tuple(data), problems


def _overlaps(first: Manifest, second: Manifest) -> bool:
    return first.period_start <= second.period_end and second.period_start <= first.period_end


def check_exports(root: Path, listed: list[str], taxonomy_version: str
                  ) -> tuple[list[Export], list[Problem]]:
    """Read and check every export of a roll-up; the good ones and every problem found."""
    found, problems = find_manifests(root, listed)
    exports: list[Export] = []
    for path, shown in found:
        manifest, text, trouble = read_manifest(path, shown)
        problems += trouble
        if manifest is None:
            continue
        if manifest.taxonomy_version != taxonomy_version:
            problems.append(Problem.make(shown, _line_of(text, "taxonomy_version"), 1,
                                         "taxonomy_version", "rollup.taxonomy_version",
                                         found=manifest.taxonomy_version,
                                         expected=taxonomy_version))
            continue
        data, trouble = check_data(manifest, path, shown, text)
        problems += trouble
        if trouble:
            continue
        clash = _clash(manifest, exports, shown, text)
        if clash:
            problems.append(clash)
            continue
        exports.append(Export(manifest, path, shown, data))
    if not found and not problems:
        problems.append(Problem.make("casebook.yml", settings_line(root), 1, "rollup.exports",
                                     "rollup.no_exports"))
    return exports, sorted(set(problems))


def _clash(manifest: Manifest, exports: list[Export], shown: str, text: str) -> Problem | None:
    """The same office twice (one period) or its overlapping periods."""
    for other in exports:
        if other.manifest.office != manifest.office:
            continue
        line = _line_of(text, "office")
        if other.manifest.period == manifest.period:
            return Problem.make(shown, line, 1, "office", "rollup.duplicate_office",
                                office=manifest.office, other=other.shown)
        if _overlaps(manifest, other.manifest):
            return Problem.make(shown, _line_of(text, "period"), 1, "period", "rollup.overlap",
                                office=manifest.office, period=manifest.period,
                                other=other.shown, other_period=other.manifest.period)
    return None
