"""``casebook demo``: write a synthetic, seeded Casebook project (for trying out, tests and benchmarks)."""

from __future__ import annotations

import sys
import time
from importlib.util import find_spec
from pathlib import Path

import click

NOT_INSTALLED = (
    "demo memerlukan paket tambahan: pip install 'casebook[demo]' / "
    "the demo needs its extra: pip install 'casebook[demo]'"
)


@click.command("demo")
@click.option(
    "--cases",
    "-n",
    type=click.IntRange(min=0),
    default=60,
    show_default=True,
    help="Jumlah kasus / number of cases.",
)
@click.option(
    "--seed",
    "-s",
    type=int,
    default=1,
    show_default=True,
    help="Benih acak: benih sama, berkas sama / random seed: same seed, same files.",
)
@click.option(
    "--interns",
    type=click.IntRange(min=1, max=50),
    default=4,
    show_default=True,
    help="Jumlah mahasiswa magang / number of interns.",
)
@click.option(
    "--out",
    "-o",
    "out",
    type=click.Path(file_okay=False, path_type=Path),
    required=True,
    help="Folder tujuan / output folder.",
)
@click.option(
    "--force", is_flag=True, help="Tulis walau folder tidak kosong / write into a non-empty folder."
)
def command(cases: int, seed: int, interns: int, out: Path, force: bool) -> None:
    """Tulis proyek contoh sintetis / write a synthetic example project.

    Semua orang dan tempat rekaan; klien hanya memiliki alias. Benih yang sama selalu menghasilkan
    berkas yang sama.

    Every person and place is invented; clients have aliases only. The same seed always writes the
    same files.
    """
    generate_project = demo_generator()
    if out.exists() and not out.is_dir():
        raise click.UsageError(f"{out} bukan folder / is not a folder")
    if out.is_dir() and any(out.iterdir()) and not force:
        raise click.UsageError(
            f"folder {out} tidak kosong; pakai --force untuk menulis di dalamnya / "
            f"folder {out} is not empty; use --force to write into it"
        )
    began = time.perf_counter()
    try:
        generate_project(out, cases=cases, seed=seed, interns=interns)
    except (ValueError, OSError) as error:
        raise click.ClickException(str(error)) from error
    elapsed = time.perf_counter() - began
    click.echo(f"{cases} kasus, {interns} mahasiswa → {out} ({elapsed:.1f} s)", err=True)
    sys.exit(0)


def demo_generator():
    """The demo's ``generate_project``; a clear error when the demo extra is not installed."""
    if find_spec("casebook_demo") is None or find_spec("faker") is None:
        raise click.ClickException(NOT_INSTALLED)
    from casebook_demo.generate import generate_project

    return generate_project
