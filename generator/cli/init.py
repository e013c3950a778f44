"""``casebook init``: start a project. ``--rollup`` starts a provincial roll-up project."""

from __future__ import annotations

from pathlib import Path

import click


@click.command("init")
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path), default=".")
@click.option("--rollup", is_flag=True, help="Proyek roll-up provinsi / a provincial roll-up.")
@click.option("--name", default="Provinsi", show_default=True,
              help="Nama wilayah roll-up / name of the roll-up area.")
def command(folder: Path, rollup: bool, name: str) -> None:
    """Mulai proyek / start a project (``--rollup``: roll-up of office exports)."""
    from generator.rollup.init import InitError, write_rollup_project

    if not rollup:
        raise click.UsageError("gunakan --rollup / use --rollup")
    try:
        written = write_rollup_project(folder, name)
    except InitError as error:
        raise click.ClickException(str(error)) from error
    for path in written:
        click.echo(str(path))
