"""``casebook build``: validate, generate the pages and build the site of each audience."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from generator.build import AUDIENCES
from generator.cli import LANG_OPTION, PROJECT_OPTION, print_problems, project_root


def audience_choices() -> list[str]:
    """``all`` plus every audience (each has its producers in generator.build.pipeline)."""
    return [*AUDIENCES, "all"]


@click.command("build")
@click.option(
    "--audience",
    "-a",
    type=click.Choice(audience_choices()),
    default="all",
    show_default=True,
    help="Situs yang dibangun / which site to build.",
)
@click.option(
    "--out",
    "-o",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder keluaran / output folder (bawaan: site/ di proyek); "
    "setiap situs di <out>/<audience>.",
)
@click.option(
    "--strict",
    is_flag=True,
    help="Peringatan juga membuat gagal / warnings fail too (data and MkDocs).",
)
@PROJECT_OPTION
@LANG_OPTION
def command(
    audience: str, out: Path | None, strict: bool, project: Path | None, lang: str | None
) -> None:
    """Bangun situs / build the site(s).

    Memeriksa semua berkas dulu: bila ada galat, semuanya dicetak (berkas:baris:kolom), situs
    lama tidak diubah, dan exit 1. Situs dibangun ke folder sementara lalu ditukar.

    Checks every file first: on errors it prints them all, leaves the previous site as it
    was and exits 1. Each site is built into a temporary folder, then swapped in.
    """
    from generator.build.pipeline import build
    from generator.export.documents import ExportError

    root = project_root(project)
    if _rollup(root, out, strict, lang):
        return
    chosen = AUDIENCES if audience == "all" else (audience,)
    try:
        result = build(root, audiences=chosen, out=out, strict=strict, lang=lang,
                       progress=_progress)
    except ExportError as error:  # a download of the review site could not be exported
        raise click.ClickException(str(error)) from error
    if result.invalid:
        print_problems(result.problems, result.files_checked, result.lang)
        sys.exit(1)
    if result.error:
        click.echo(result.error, err=True)
        sys.exit(1)
    if result.problems:
        print_problems(result.problems, result.files_checked, result.lang)


def _progress(message: str) -> None:
    click.echo(message, err=True)


def _rollup(root: Path, out: Path | None, strict: bool, lang: str | None) -> bool:
    """Build a roll-up project (``rollup:`` in casebook.yml); False for an office project."""
    from generator.build.project import load_settings_only
    from generator.model.taxonomy import load_taxonomy
    from generator.rollup.build import build_rollup

    settings, problems = load_settings_only(root)
    if settings is None or settings.rollup is None:
        return False
    lang = lang or settings.language
    if not problems:
        result = build_rollup(root, settings, load_taxonomy(root), out or root / "site",
                              lang=lang, strict=strict, say=_progress)
        problems = result.problems
    if problems:
        print_problems(problems, 1, lang)
    if any(p.is_error for p in problems):
        sys.exit(1)
    if result.error:
        click.echo(result.error, err=True)
        sys.exit(1)
    return True
