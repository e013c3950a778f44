"""``casebook init --rollup``: a new roll-up project (casebook.yml with ``rollup:``, exports/)."""

from __future__ import annotations

from pathlib import Path

from generator.errors import CasebookError

ROLLUP_SETTINGS = """\
# Roll-up provinsi: statistik publik dari ekspor data kantor-kantor Dinas Sosial.
# Provincial roll-up: public statistics from the offices' exports.
# Setiap kantor menulis ekspornya dengan / each office writes its export with:
#   casebook export office --out exports/
# lalu / then: casebook build   (situs di site/public)
rollup:
  name: {name}
  exports:
    - exports
  # kantor dengan klien lebih sedikit hanya dihitung dalam total provinsi
  min_office_cases: 50
statistics:
  threshold: 10
  rounding: 5
"""


class InitError(CasebookError, ValueError):
    """The folder already holds a project."""


def write_rollup_project(folder: Path, name: str) -> list[Path]:
    """Write casebook.yml and an empty exports/ folder; refuse to overwrite a casebook.yml."""
    settings = folder / "casebook.yml"
    if settings.exists():
        raise InitError(f"{settings}: sudah ada / already exists")
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "exports").mkdir(exist_ok=True)
    settings.write_text(ROLLUP_SETTINGS.format(name=name), encoding="utf-8")
    return [settings, folder / "exports"]
