"""``casebook export report INTERN``: an intern's report as DOCX, PDF or Markdown for submission.

The review site's downloads are made by the build (``generator.export.downloads``).
"""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from generator.cli import LANG_OPTION, PROJECT_OPTION, print_problems, project_root, say

if TYPE_CHECKING:
    from generator.model.project import Project


FORMATS = ("docx", "pdf", "md")


@click.group("export")
def command() -> None:
    """Ekspor laporan / export reports (DOCX, PDF, Markdown)."""


@command.command("report")
@click.argument("intern")
@click.option(
    "--format",
    "-f",
    "fmt",
    type=click.Choice(FORMATS),
    default="docx",
    show_default=True,
    help="Format berkas / file format.",
)
@click.option(
    "--mode",
    "-m",
    type=click.Choice(("report", "article")),
    default="report",
    show_default=True,
    help="Laporan magang atau artikel / report or journal-style article.",
)
@click.option(
    "--out",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Berkas keluaran / output file (bawaan: exports/<intern>[-artikel].<format>).",
)
@PROJECT_OPTION
@LANG_OPTION
def report_command(
    intern: str, fmt: str, mode: str, out: Path | None, project: Path | None, lang: str | None
) -> None:
    """Tulis laporan INTERN sebagai DOCX, PDF, atau Markdown / write INTERN's report.

    Berkas mahasiswa dan kasusnya harus bebas galat; peringatan (mis. sitasi yang tidak
    ditemukan) dicetak tetapi laporan tetap ditulis. DOCX: A4, Times New Roman 12, spasi 1,5,
    daftar isi; PDF lewat WeasyPrint.

    The intern's files and cases must be free of errors; warnings (e.g. unresolved citations)
    are printed and the report is still written.
    """
    from generator.build.project import load_project
    from generator.validate.review import left_out_problems, report_case_studies

    root = project_root(project)
    loaded, problems = load_project(root)
    lang = lang or loaded.settings.language
    mine = intern_problems(loaded, intern, problems)
    if intern not in loaded.interns:
        if mine:
            print_problems(mine, loaded.files_checked, lang)
        raise click.ClickException(
            f"mahasiswa '{intern}' tidak ditemukan atau berkasnya tidak sah / "
            "intern not found or invalid"
        )
    if any(p.is_error for p in mine):
        print_problems(mine, loaded.files_checked, lang)
        sys.exit(1)
    target = out or root / loaded.settings.exports_dir / (
        f"{intern}{'-artikel' if mode == 'article' else ''}.{fmt}")
    try:
        report = write_report(loaded, intern, fmt, mode, target)
    except OSError as error:  # a full disk, a read-only folder: a message, never a traceback
        with contextlib.suppress(OSError):
            target.unlink(missing_ok=True)  # no half-written file
        raise click.ClickException(
            f"{target}: tidak dapat ditulis ({error.strerror or error}); periksa ruang disk dan "
            f"izin folder / cannot be written ({error.strerror or error}); check the free disk "
            "space and the folder's permissions"
        ) from error
    left_out = left_out_problems(loaded.interns[intern], loaded, mode)
    if mine or report.problems or left_out:
        print_problems(sorted(set(mine) | set(report.problems) | set(left_out)),
                       loaded.files_checked, lang)
    told, left = report_case_studies(loaded, loaded.interns[intern], mode)
    click.echo(say("export.case_studies", lang, told=len(told), left=len(left),
                   cases=", ".join(doc.index.case_id for doc, _ in left) or "-"), err=True)
    click.echo(_display(target, root))


def _display(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)


def intern_problems(project: Project, intern_id: str, problems: list[Any]) -> list[Any]:
    """Problems in the intern's folder and in the case files they authored."""
    folder = f"interns/{intern_id}/"
    doc = project.interns.get(intern_id)
    cases = (
        {c.display for c in project.sorted_cases() if intern_id in c.index.authors}
        if doc
        else set()
    )
    return [p for p in problems if p.file.startswith(folder) or p.file in cases]


def write_report(project: Project, intern_id: str, fmt: str, mode: str, target: Path) -> Any:
    """Build one report and write it in one format; return the Report."""
    from generator.render.report import build_report

    report = build_report(project, intern_id, mode=mode)
    target.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "md":
        target.write_text(report.markdown, encoding="utf-8")
    else:
        export_markdown(
            report.markdown,
            fmt,
            target,
            title=report.title,
            author=report.author,
            resource_dir=project.interns[intern_id].folder,
        )
    return report


def export_markdown(
    markdown_text: str,
    fmt: str,
    target: Path,
    *,
    title: str,
    author: str,
    resource_dir: Path | None = None,
) -> Path:
    """DOCX or PDF (generator.export.downloads); an ExportError becomes a click error."""
    from generator.export import downloads
    from generator.export.documents import ExportError

    try:
        return downloads.export_markdown(
            markdown_text, fmt, target, title=title, author=author, resource_dir=resource_dir
        )
    except ExportError as error:
        raise click.ClickException(str(error)) from error


@command.command("office")
@click.option(
    "--out", "-o", type=click.Path(path_type=Path), required=True,
    help="Berkas .parquet, atau folder dataset (office=…/year=…) / a .parquet file or a "
    "dataset folder.",
)
@PROJECT_OPTION
@LANG_OPTION
def office_command(out: Path, project: Path | None, lang: str | None) -> None:
    """Ekspor data kantor untuk roll-up provinsi / export the office's data for a roll-up.

    Hanya bidang umum statistik publik (kategori, kelompok umur, triwulan, ...), tanpa alias,
    nomor kasus, catatan, nama, kecamatan atau tanggal harian; Parquet dan manifes (digest).

    Only the generalised fields of the public statistics, never an alias, case id, note, name,
    district or day-level date; Parquet plus a manifest with the data's digest.
    """
    from generator.build.project import load_project
    from generator.rollup.export import manifest_path, write_export

    root = project_root(project)
    loaded, problems = load_project(root)
    lang = lang or loaded.settings.language
    if any(p.is_error for p in problems):
        print_problems(problems, loaded.files_checked, lang)
        sys.exit(1)
    try:
        manifest = write_export(loaded, out)
    except OSError as error:
        raise click.ClickException(
            f"{out}: tidak dapat ditulis ({error.strerror or error}) / cannot be written") from error
    where = manifest_path(out) if out.suffix == ".parquet" else out / f"office={manifest.office}"
    click.echo(f"{where}  {manifest.rows} baris / rows, {manifest.period}")
