"""``casebook check``: validate case, intern and office files and print every problem."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from generator.cli import LANG_OPTION, PROJECT_OPTION, failed, print_problems, project_root
from generator.problems import Problem


@click.command("check")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@PROJECT_OPTION
@LANG_OPTION
@click.option("--strict", is_flag=True, help="Peringatan juga membuat gagal / warnings fail too.")
def command(paths: tuple[Path, ...], project: Path | None, lang: str | None, strict: bool) -> None:
    """Periksa berkas proyek / check the project's files.

    Tanpa PATH memeriksa seluruh proyek; dengan PATH hanya melaporkan berkas-berkas itu (aturan
    lintas berkas tetap memakai seluruh proyek). Exit 0 bersih, 1 ada galat (atau peringatan
    dengan --strict).

    Without PATH checks the whole project; with PATHs reports only those files.
    """
    from generator.build.project import load_project

    start = project or (paths[0] if paths and paths[0].is_dir() else paths[0].parent if paths else None)
    root = project_root(start)
    loaded, problems = load_project(root)
    lang = lang or loaded.settings.language
    if paths:
        selected = selected_files(root, paths)
        problems = [p for p in problems if p.file in selected] + missing_paths(paths)
        files = len(selected)
    else:
        files = loaded.files_checked
    print_problems(problems, files, lang, to_stdout=True)
    sys.exit(1 if failed(problems, strict) else 0)


def selected_files(root: Path, paths: tuple[Path, ...]) -> set[str]:
    """The project-relative names of the files under the given paths."""
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


def missing_paths(paths: tuple[Path, ...]) -> list[Problem]:
    """A located error for each path given that does not exist (never "0 errors")."""
    return [Problem.make(str(path), 1, 1, "", "file.not_found") for path in paths
            if not path.exists()]
