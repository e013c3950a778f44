"""The ``casebook`` command: a thin adapter from the shell to the pipeline's plain functions.

Each verb lives in its own module, ``generator/cli/<verb>.py``, exposing a click command
named ``command``; the group imports a verb only when it runs, so ``casebook --help`` stays fast.
"""

from __future__ import annotations

import importlib
from pathlib import Path

import click

from generator import __version__
from generator.problems import Problem, format_problem, summary

COMMANDS = (
    "check", "new", "schema", "demo", "render", "build", "serve", "audit", "stats", "export",
    "bundle", "review", "init",
)

LANG_OPTION = click.option(
    "--lang", type=click.Choice(["id", "en"]), default=None,
    help="Bahasa pesan / message language (bawaan: casebook.yml, lalu id).",
)
PROJECT_OPTION = click.option(
    "--project", "-p", type=click.Path(file_okay=False, path_type=Path), default=None,
    help="Folder proyek / project folder (bawaan: folder ini atau induknya).",
)


class LazyGroup(click.Group):
    """A group whose commands are imported from generator.cli on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return [name for name in COMMANDS if self._module(name) is not None]

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        module = self._module(name) if name in COMMANDS else None
        return getattr(module, "command", None) if module else None

    @staticmethod
    def _module(name: str):
        try:
            return importlib.import_module(f"generator.cli.{name}")
        except ModuleNotFoundError as error:
            if error.name == f"generator.cli.{name}":
                return None
            raise


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="casebook")
def cli() -> None:
    """Casebook — catatan kasus pekerjaan sosial menjadi situs, laporan, dan statistik.

    Casebook turns YAML casework records into narratives, internship reports, statistics and an
    MkDocs + Material site.
    """


def main() -> None:
    cli(prog_name="casebook")


def project_root(project: Path | None) -> Path:
    """The project folder: the one given, or the nearest one at or above the current folder."""
    from generator.build.project import find_root

    return find_root(project or Path.cwd())


def print_problems(problems: list[Problem], files: int, lang: str) -> None:
    """Print every problem, then the summary line, to standard error."""
    for problem in problems:
        click.echo(format_problem(problem, lang), err=True)
    click.echo(summary(problems, files, lang), err=True)


def failed(problems: list[Problem], strict: bool) -> bool:
    """Errors fail; warnings fail too under --strict."""
    return any(p.is_error or strict for p in problems)
