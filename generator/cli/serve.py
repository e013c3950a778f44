"""``casebook serve``: preview a site; saving a case, intern or content file regenerates
the pages it affects and reloads the browser."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from generator.cli import LANG_OPTION, PROJECT_OPTION, print_problems, project_root
from generator.cli.build import audience_choices
from generator.problems import Problem


@click.command("serve")
@click.option(
    "--audience",
    "-a",
    type=click.Choice([a for a in audience_choices() if a != "all"]),
    default="review",
    show_default=True,
    help="Situs yang dipratinjau / which site.",
)
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@PROJECT_OPTION
@LANG_OPTION
def command(audience: str, host: str, port: int, project: Path | None, lang: str | None) -> None:
    """Pratinjau situs dengan muat ulang otomatis / preview the site with live reload.

    Halaman dibuat di .casebook/serve/; situs di site/ tidak disentuh.
    Pages are generated into .casebook/serve/; the built site in site/ is not touched.
    """
    from generator.load.cache import held

    root = project_root(project)
    with held():  # each reload reuses the validated cases in memory; written on exit
        _serve(root, audience, host, port, lang)


def _serve(root: Path, audience: str, host: str, port: int, lang: str | None) -> None:
    from generator.build.pipeline import Regenerator, docs_folder, site_spec, watched_paths
    from generator.load.cache import flush
    from generator.site import engine as site

    docs_dir = docs_folder(root, "serve", audience)
    terminal = _Terminal(lang or "id")
    regenerate = Regenerator(
        root,
        audience,
        docs_dir,
        lang=lang,
        on_problems=terminal.report,
        on_error=lambda message: click.echo(message, err=True),
    )
    if not regenerate.start():
        sys.exit(1)
    flush()  # a preview stopped by a signal still leaves a warm cache
    project_data = regenerate.project
    page_lang = lang or project_data.settings.language
    spec = site_spec(
        project_data,
        audience,
        docs_dir,
        root / ".casebook" / "serve" / "site",
        regenerate.files,
        strict=False,
        lang=page_lang,
    )
    click.echo(f"http://{host}:{port}/", err=True)
    site.serve(spec, regenerate=regenerate, watch=watched_paths(root), host=host, port=port,
               banner=regenerate.banner)


class _Terminal:
    """Prints each load's problems; once errors are fixed, says the files are clean again."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.failing = False

    def report(self, problems: list[Problem], files: int) -> None:
        from generator.build.pipeline import clean_again_message

        if problems:
            print_problems(problems, files, self.lang)
        failing = any(p.is_error for p in problems)
        if self.failing and not failing:
            click.echo(clean_again_message(files, self.lang), err=True)
        self.failing = failing
