"""The review site's downloads: ``laporan/unduh/<intern>.<format>`` for each intern's report.

With ``exports: [docx, pdf]`` in casebook.yml (or ``CASEBOOK_EXPORTS=docx,pdf`` in the
environment, which overrides it), ``casebook build`` adds them to the review site. They are off
unless asked for, because a PDF takes seconds per report; each file is kept in
``.casebook/exports/`` under a hash of its Markdown, so a build only exports the reports that
changed.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import TYPE_CHECKING

from generator.export import documents
from generator.render.report import Report, build_report
from generator.render.review import DOWNLOAD

if TYPE_CHECKING:
    from generator.model.project import Project

CACHE_FOLDER = (".casebook", "exports")
EXPORTS_VARIABLE = "CASEBOOK_EXPORTS"
EXPORT_FORMATS = ("docx", "pdf")


def download_formats(project: Project | None = None) -> tuple[str, ...]:
    """The export formats the build adds to the review site: ``exports`` in casebook.yml,
    overridden by ``CASEBOOK_EXPORTS=docx,pdf`` (or ``none``) in the environment."""
    wanted = os.environ.get(EXPORTS_VARIABLE)
    if wanted is None:
        settings = getattr(project, "settings", None)
        wanted = ",".join(getattr(settings, "exports", ()) or ())
    return tuple(f for f in EXPORT_FORMATS if f in {w.strip().lower() for w in wanted.split(",")})


def export_markdown(
    markdown_text: str,
    fmt: str,
    target: Path,
    *,
    title: str,
    author: str,
    resource_dir: Path | None = None,
) -> Path:
    """DOCX or PDF of a Markdown report (raises ``documents.ExportError``)."""
    exporter = documents.export_docx if fmt == "docx" else documents.export_pdf
    return exporter(
        markdown_text, target, title=title, author=author, lang="id", resource_dir=resource_dir
    )


def site_downloads(project: Project, *, lang: str | None = None) -> dict[str, bytes]:
    """``laporan/unduh/<intern>.<format>`` for the formats in CASEBOOK_EXPORTS (none by default)."""
    files: dict[str, bytes] = {}
    cache = project.root.joinpath(*CACHE_FOLDER)
    for intern_id in sorted(project.interns):
        formats = download_formats(project)
        if not formats:
            break
        report = build_report(project, intern_id)
        for fmt in formats:
            files[DOWNLOAD.format(intern_id, fmt)] = cached_export(
                cache, intern_id, fmt, report, project.interns[intern_id].folder
            )
    return files


def export_key(report: Report, fmt: str) -> str:
    """A hash of what an exported file depends on: the Markdown, metadata, exporter code and CSS."""
    digest = hashlib.sha256()
    for part in (
        fmt,
        report.title,
        report.author,
        report.markdown,
        documents.report_css(),
        Path(documents.__file__).read_text(encoding="utf-8"),
    ):
        digest.update(part.encode("utf-8") + b"\0")
    return digest.hexdigest()[:20]


def cached_export(
    cache: Path, intern_id: str, fmt: str, report: Report, resource_dir: Path
) -> bytes:
    """The exported file, from the cache when its inputs are unchanged; older copies removed."""
    target = cache / f"{intern_id}.{export_key(report, fmt)}.{fmt}"
    if not target.is_file():
        cache.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(target.name + ".tmp")
        export_markdown(
            report.markdown,
            fmt,
            partial,
            title=report.title,
            author=report.author,
            resource_dir=resource_dir,
        )
        partial.replace(target)
    for old in cache.glob(f"{intern_id}.*.{fmt}"):
        if old != target:
            old.unlink()
    return target.read_bytes()
