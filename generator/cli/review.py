"""``casebook review import FILE``: merge a lecturer's review file into the interns' review.yaml."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from generator.cli import LANG_OPTION, PROJECT_OPTION, print_problems, project_root


@click.group("review")
def command() -> None:
    """Telaah dosen / the lecturer's review."""


@command.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@PROJECT_OPTION
@LANG_OPTION
def import_command(file: Path, project: Path | None, lang: str | None) -> None:
    """Gabungkan berkas telaah dari bundel / merge a review file exported from a bundle.

    Berkas diperiksa dulu (semua galat dicetak dengan baris dan kolom; tidak ada yang ditulis
    bila ada galat). Komentar baru ditambahkan, yang sudah ada tidak digandakan, nilai
    diperbarui, dan isi serta komentar YAML di review.yaml tetap. Mengimpor berkas yang sama dua
    kali tidak mengubah apa pun.

    The file is checked first (every error printed with its line and column; nothing written
    on any error). New comments are added, existing ones are not duplicated, scores are set,
    and the rest of review.yaml, its YAML comments included, stays. Importing the same file
    twice changes nothing.
    """
    from generator.build.project import load_project
    from generator.bundle.answers import import_answer
    from generator.bundle.words import say

    root = project_root(project)
    loaded, problems = load_project(root)
    lang = lang or loaded.settings.language
    errors = [p for p in problems if p.is_error]
    if errors:
        print_problems(errors, loaded.files_checked, lang)
        sys.exit(1)
    result = import_answer(file, loaded, _shown(file))
    if result.problems:
        print_problems(result.problems, 1, lang)
        sys.exit(1)
    for merged in result.merged:
        target = _shown(merged.target, root)
        key = "review.imported" if merged.changed else "review.unchanged"
        click.echo(say(key, lang, file=_shown(file), intern=merged.intern, target=target,
                       comments=merged.comments, scores=merged.scores, kept=merged.kept), err=True)


def _shown(path: Path, root: Path | None = None) -> str:
    base = (root or Path.cwd()).resolve()
    try:
        return path.resolve().relative_to(base).as_posix()
    except ValueError:
        return str(path)
