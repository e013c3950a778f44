"""``casebook schema``: write the JSON Schema files that editors use to complete and check YAML."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from generator.cli import PROJECT_OPTION, project_root


@click.command("schema")
@click.option(
    "--out", "-o", type=click.Path(file_okay=False, path_type=Path), default=None,
    help="Folder tujuan / output folder (bawaan: schema/ di akar proyek).",
)
@click.option(
    "--check", "check_only", is_flag=True,
    help="Hanya periksa apakah berkas skema mutakhir / only check the files are up to date.",
)
@PROJECT_OPTION
def command(out: Path | None, check_only: bool, project: Path | None) -> None:
    """Tulis JSON Schema berkas kasus, mahasiswa, logbook, pustaka, dan instansi.

    Kode pada setiap daftar (enum) diambil dari taksonomi proyek. Berkas contoh merujuk ke skema
    ini lewat baris `# yaml-language-server: $schema=...`, sehingga editor (mis. VS Code dengan
    ekstensi YAML) melengkapi dan memeriksa isian saat mengetik.

    Write the JSON Schema of case, intern, logbook, references, office and settings files, with
    the project's taxonomy codes as enums.
    """
    from generator.model.schema import all_schemas, render, write_schemas
    from generator.model.taxonomy import TaxonomyError, load_taxonomy

    root = project_root(project)
    folder = out or root / "schema"
    try:
        taxonomy = load_taxonomy(root)
    except TaxonomyError as error:
        raise click.ClickException(f"taksonomi proyek tidak sah / invalid project taxonomy: {error}")
    if check_only:
        stale = stale_files(folder, {name: render(s) for name, s in all_schemas(taxonomy).items()})
        for name in stale:
            click.echo(f"{folder / name}: perlu dibuat ulang / out of date", err=True)
        sys.exit(1 if stale else 0)
    for path in write_schemas(folder, taxonomy):
        click.echo(_display(path, root))


def stale_files(folder: Path, expected: dict[str, str]) -> list[str]:
    """Names of the schema files missing from ``folder`` or different from ``expected``."""
    stale = []
    for name, text in sorted(expected.items()):
        path = folder / name
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            stale.append(name)
    return stale


def _display(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root).as_posix()
    except ValueError:
        return str(path)
