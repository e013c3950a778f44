"""The ``casebook`` command: a thin adapter from the shell to the pipeline's plain functions."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from generator import __version__
from generator.problems import Problem, format_problem, summary

LANG_OPTION = click.option(
    "--lang", type=click.Choice(["id", "en"]), default=None,
    help="Bahasa pesan / message language (bawaan: casebook.yml, lalu id).",
)
PROJECT_OPTION = click.option(
    "--project", "-p", type=click.Path(file_okay=False, path_type=Path), default=None,
    help="Folder proyek / project folder (bawaan: folder ini atau induknya).",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="casebook")
def cli() -> None:
    """Casebook — catatan kasus pekerjaan sosial menjadi situs, laporan, dan statistik.

    Casebook turns YAML casework records into narratives, internship reports, statistics and an
    MkDocs + Material site.
    """


def main() -> None:
    cli(prog_name="casebook")


def project_root(project: Path | None) -> Path:
    from generator.project import find_root

    return find_root(project or Path.cwd())


def print_problems(problems: list[Problem], files: int, lang: str, *, only: set[str] | None = None) -> None:
    """Print every problem, then the summary line, to standard error."""
    shown = [p for p in problems if only is None or p.file in only]
    for problem in shown:
        click.echo(format_problem(problem, lang), err=True)
    click.echo(summary(shown, files, lang), err=True)


def failed(problems: list[Problem], strict: bool) -> bool:
    return any(p.is_error or strict for p in problems)


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@PROJECT_OPTION
@LANG_OPTION
@click.option("--strict", is_flag=True, help="Peringatan juga membuat gagal / warnings fail too.")
def check(paths: tuple[Path, ...], project: Path | None, lang: str | None, strict: bool) -> None:
    """Periksa berkas kasus dan mahasiswa / check case and intern files.

    Tanpa PATH memeriksa seluruh proyek; dengan PATH hanya melaporkan berkas itu (aturan lintas
    berkas tetap memakai seluruh proyek). Exit 0 bersih, 1 ada galat (atau peringatan dengan --strict).
    """
    from generator.project import load_project

    root = project_root(project or (paths[0].parent if paths and paths[0].is_file() else None))
    loaded, problems = load_project(root)
    lang = lang or loaded.settings.language
    only = _selected_files(root, paths) if paths else None
    print_problems(problems, loaded.files_checked if only is None else len(only), lang, only=only)
    shown = [p for p in problems if only is None or p.file in only]
    sys.exit(1 if failed(shown, strict) else 0)


def _selected_files(root: Path, paths: tuple[Path, ...]) -> set[str]:
    selected: set[str] = set()
    for path in paths:
        files = sorted(path.rglob("*.y*ml")) if path.is_dir() else [path]
        for file in files:
            resolved = file.resolve()
            try:
                selected.add(resolved.relative_to(root).as_posix())
            except ValueError:
                selected.add(str(file))
    return selected
