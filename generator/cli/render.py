"""``casebook render``: print one case's narrative as Markdown (to paste into a report)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from generator.cli import LANG_OPTION, PROJECT_OPTION, print_problems, project_root


@click.command("render")
@click.argument("case")
@PROJECT_OPTION
@LANG_OPTION
def command(case: str, project: Path | None, lang: str | None) -> None:
    """Cetak narasi satu kasus sebagai Markdown / print one case narrative as Markdown.

    CASE adalah nomor kasus (K-2025-0001) atau berkas kasusnya. Bila berkas itu bermasalah,
    galatnya dicetak dan exit 1.

    CASE is a case id or the case's file. If that file has errors they are printed (exit 1).
    """
    from generator.build.project import load_project
    from generator.render import render_narrative
    from generator.render.text import people_names

    as_file = Path(case)
    start = project or (as_file.parent if as_file.suffix in (".yaml", ".yml") else None)
    loaded, problems = load_project(project_root(start))
    lang = lang or loaded.settings.language
    doc = find_case(loaded, case)
    mine = problems_of(case, doc, problems, loaded.root)
    if doc is None or any(p.is_error for p in mine):
        if mine:
            print_problems(mine, 1, lang)
        else:
            click.echo(_not_found(case, lang), err=True)
        sys.exit(1)
    click.echo(render_narrative(doc.case, loaded.taxonomy, lang, people_names(loaded)), nl=False)


def find_case(project, case: str):
    """The case with this id, or the case loaded from this file; None if there is none."""
    if case in project.cases:
        return project.cases[case]
    path = Path(case)
    if path.suffix in (".yaml", ".yml"):
        resolved = path.resolve()
        for doc in project.cases.values():
            if doc.path.resolve() == resolved:
                return doc
    return None


def problems_of(case: str, doc, problems: list, root: Path) -> list:
    """The problems of the case's file (``cases/<id>.yaml`` for an id that did not load)."""
    if doc is not None:
        names = {doc.display}
    else:
        path = Path(case)
        names = {f"cases/{case}.yaml", f"cases/{case}.yml", path.as_posix()}
        try:
            names.add(path.resolve().relative_to(root.resolve()).as_posix())
        except ValueError:
            pass
    return [p for p in problems if p.file in names]


def _not_found(case: str, lang: str) -> str:
    if lang == "en":
        return f"casebook render: no case '{case}' (give a case id or a case file)."
    return f"casebook render: kasus '{case}' tidak ditemukan (beri nomor kasus atau berkas kasus)."
