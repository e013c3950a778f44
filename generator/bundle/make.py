"""Build one reader's bundle: narrow → render → build for file:// → lock → audit → zip.

The folder appears only when every step succeeded: the site is built and locked in a staging
folder beside ``out`` and renamed into place; the ``.zip`` is written beside the folder.
"""

from __future__ import annotations

import dataclasses
import re
import shutil
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from generator.build import pipeline
from generator.build.project import Project, load_project
from generator.bundle import audit, lock, targets
from generator.bundle.readers import check_engine, for_reader
from generator.errors import OutputError
from generator.problems import Problem
from generator.site import engine

ZIP_TIME = (2000, 1, 1, 0, 0, 0)  # fixed entry times: the same bundle makes the same zip


class BundleError(OutputError):
    """The bundle could not be made; the message is for people."""


@dataclass
class BundleResult:
    """What ``casebook bundle`` made: where, for whom, how much, and what the audit found."""

    folder: Path
    archive: Path
    reader: str
    interns: list[str]
    cases: int
    locked: bool
    counts: dict[str, int] = field(default_factory=dict)
    audit: audit.AuditResult | None = None


def slug(reader: str) -> str:
    """A folder name for a reader id (a university's name has spaces)."""
    return re.sub(r"[^a-z0-9]+", "-", reader.casefold()).strip("-") or "pembaca"


def load_valid(root: Path) -> tuple[Project, list[Problem]]:
    """The validated project and its problems (the caller stops on errors)."""
    return load_project(root)


def make_bundle(project: Project, reader: str, out: Path, *, passphrase: str | None = None,
                lang: str | None = None, iterations: int = lock.ITERATIONS) -> BundleResult:
    """Build ``reader``'s bundle into ``out`` and ``out.zip``; UnknownReader, BundleError.
    ``lang``: the bundle's language (the project's setting unless given)."""
    lang = lang or project.settings.language
    check_engine(project)
    mine = for_reader(project, reader)
    others = audit.Forbidden.outside(project, mine)
    out = Path(out).resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.bundle-", dir=out.parent))
    try:
        site = staging / "site"
        build_offline_site(mine, site, lang=lang, docs_dir=_docs_dir(project.root, reader))
        targets.add_review_notes(site, mine, reader, lang)
        lock.install_assets(site)
        result = BundleResult(out, out.with_name(out.name + ".zip"), reader, sorted(mine.interns),
                              len(mine.cases), passphrase is not None)
        if passphrase is not None:
            sealer = lock.Sealer.from_passphrase(passphrase, iterations=iterations)
            result.counts = lock.lock_site(site, sealer, lang)
            result.audit = audit.audit_bundle(site, others, audit.case_sentences(mine))
        else:
            result.audit = audit.audit_bundle(site, others, ())
        if not result.audit.ok:
            raise BundleError("\n".join(result.audit.findings))
        engine.swap_into_place(site, out)
        write_zip(out, result.archive)
        differing = audit.archive_differences(result.archive, out)
        if differing:  # the zip holds exactly the audited files, or it is not kept
            result.archive.unlink()
            raise BundleError("zip: " + ", ".join(differing))
        return result
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _docs_dir(root: Path, reader: str) -> Path:
    return root / ".casebook" / "bundle" / slug(reader) / "docs"


def build_offline_site(project: Project, site: Path, *, lang: str, docs_dir: Path) -> None:
    """Render the narrowed project's review pages and build them for file://."""
    try:
        files = without_unbundled(pipeline.tree_files(project, "review", lang))
    except pipeline.ContentError as error:
        raise BundleError(str(error)) from error
    pipeline.write_tree(docs_dir, files)
    spec = pipeline.site_spec(project, "review", docs_dir, site, files, strict=False, lang=lang)
    spec = dataclasses.replace(spec, offline=True)
    try:
        engine.build_site(spec)
    except engine.SiteBuildError as error:
        raise BundleError(str(error)) from error


def without_unbundled(files: dict[str, bytes]) -> dict[str, bytes]:
    """The tree without hand-written pages marked ``bundle: false`` (pages for interns), and
    with links to them turned into plain text."""
    left_out = {
        path for path, data in files.items()
        if path.endswith(".md") and pipeline.front_matter(data.decode("utf-8")).get("bundle") is False
    }
    if not left_out:
        return files
    names = "|".join(re.escape(PurePosixPath(path).name) for path in sorted(left_out))
    link = re.compile(r"\[([^\]]+)\]\((?:[^)]*/)?(?:" + names + r")(?:#[^)]*)?\)")
    kept = {}
    for path, data in files.items():
        if path in left_out:
            continue
        if path.endswith(".md"):
            data = link.sub(r"\1", data.decode("utf-8")).encode("utf-8")
        kept[path] = data
    return kept


def write_zip(folder: Path, archive: Path) -> None:
    """The folder as a zip (one top folder, sorted entries, fixed times), written atomically."""
    partial = archive.with_name(archive.name + ".partial")
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            name = f"{folder.name}/{path.relative_to(folder).as_posix()}"
            entry = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            bundle.writestr(entry, path.read_bytes())
    partial.replace(archive)
