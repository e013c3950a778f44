"""The build pipeline: load → validate → generate pages → write the docs tree → build the site.

Casebook writes the generated Markdown (plus the hand-written pages of ``content/``) into a docs
folder, then hands that folder to the site engine (``generator.site.engine``, the only module that
imports MkDocs). Invalid input stops the build before the engine runs, so the previous site
stays as it was; the engine itself builds into a temporary folder and swaps it in.
"""

from __future__ import annotations

import functools
import gc
import os
import re
import shutil
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from generator import escape
from generator.build.descriptions import with_description
from generator.build.kept import KeptPages, MakePages, make_keeping, page_keys
from generator.build.project import SETTINGS_FILE, load_project, setting_line
from generator.build.workers import (
    collector_paused,
    forked_map,
    make_pages,
    will_fork,
    worker_count,
)
from generator.errors import InputError
from generator.export.downloads import download_formats, site_downloads
from generator.model.project import Project
from generator.privacy.check import PublicGuard
from generator.privacy.release import public_release
from generator.privacy.view import site_view
from generator.problems import Problem
from generator.render import affected_review_pages, review_pages
from generator.render.changes import mark_changes
from generator.render.indexes import HOME_PAGE, INDEX_PAGES, build_nav, fallback_home
from generator.render.public.statistics import public_statistics
from generator.render.public.stories import public_pages
from generator.render.review import affected_lecturer_pages, lecturer_pages
from generator.render.statistics import review_statistics
from generator.render.text import Voice, page_language
from generator.site.publish import PublishError, build_lock, check_output, clean_stale, publish
from generator.validate.markup import content_file_refusal
from generator.words import beside, catalogue

if TYPE_CHECKING:  # the engine (and MkDocs) is imported only when a site is built
    from generator.site.engine import SiteSpec

Pages = dict[str, str] | dict[str, bytes]
Affected = Callable[[list[Path], Project, Project], "set[str] | None"]


@dataclass(frozen=True)
class Producer:
    """One producer of an audience's pages: ``make(project, lang, only)`` → path → page.

    ``only`` (serve) asks for just those paths, and is passed only to a producer with
    ``affected``: the function that tells which of its pages a set of changed files affects
    (``None``: all of them). A ``deferrable`` producer's pages summarise many files (reports,
    statistics, downloads): while previewing, they are brought up to date just after the
    browser has reloaded with the pages of the saved file itself."""

    name: str
    make: Callable[[Project, str | None, Collection[str] | None], Pages]
    affected: Affected | None = None
    deferrable: bool = False


def _review_pages(project: Project, lang: str | None, only: Collection[str] | None) -> Pages:
    make: MakePages = functools.partial(_make_in_workers, project)
    if only is None:  # a whole build: case and intern pages whose inputs are unchanged are kept
        language = page_language(project, lang)
        kept = KeptPages(render_cache_folder(project.root, "review").with_name(
            f"generated-review-{language}.pickle"))
        make = functools.partial(make_keeping, kept, page_keys(project, language), make)
    pages = review_pages(project, lang=lang, only=only, without=INDEX_PAGES, make=make)
    return mark_changes(project, pages, lang)


def _make_in_workers(project: Project, makers: Mapping[str, Callable[[], str]],
                     paths: Sequence[str]) -> dict[str, str]:
    """Case and intern pages made by as many processes as the project's ``workers`` allow;
    every case's model is fetched first, so that the workers inherit them."""
    workers = worker_count(project.settings.workers)
    if will_fork(len(paths), workers=workers):
        _fetch_models(project)
    return make_pages(makers, paths, workers=workers)


def _fetch_models(project: Project) -> None:
    """Fetch every case's model here, once, before forking: the workers inherit them instead of
    each unpickling its own."""
    with collector_paused():
        for doc in project.sorted_cases():
            doc.case  # noqa: B018 - the fetch is the point


def _index_pages(project: Project, lang: str | None, only: Collection[str] | None) -> Pages:
    wanted = INDEX_PAGES if only is None else set(only) & set(INDEX_PAGES)
    return review_pages(project, lang=lang, only=wanted)


def _affected_own_pages(changed: list[Path], old: Project, new: Project) -> set[str] | None:
    """The review pages of the saved files themselves (a case's, its neighbours', its interns')."""
    pages = affected_review_pages(changed, old, new)
    return None if pages is None else pages - set(INDEX_PAGES)


def _affected_index_pages(changed: list[Path], old: Project, new: Project) -> set[str] | None:
    pages = affected_review_pages(changed, old, new)
    return None if pages is None else pages & set(INDEX_PAGES)


def _lecturer_pages(project: Project, lang: str | None, only: Collection[str] | None) -> Pages:
    wanted = None if only is None else set(only)
    pages = lecturer_pages(project, lang=lang, only=wanted, formats=download_formats(project))
    return mark_changes(project, pages, lang)


def _review_statistics(project: Project, lang: str | None, only: Collection[str] | None) -> Pages:
    return review_statistics(project, lang=lang)


def _downloads(project: Project, lang: str | None, only: Collection[str] | None) -> Pages:
    return site_downloads(project, lang=lang)


def _public_pages(project: Project, lang: str | None, only: Collection[str] | None) -> Pages:
    home = not content_has_public_home(project.root)
    return public_pages(site_view(project, lang=lang, home=home))


def _public_statistics(project: Project, lang: str | None, only: Collection[str] | None) -> Pages:
    return public_statistics(public_release(project))


# Page producers per audience. Adding a producer or an audience is one line here (and an
# audience's name in generator.build.AUDIENCES, which the command line reads without this module).
PRODUCERS: dict[str, tuple[Producer, ...]] = {
    "review": (
        Producer("review pages", _review_pages, affected=_affected_own_pages),
        # The summaries are shared out to the workers in this order, about the longest first
        # (at 10,000 cases: lecturer pages 1.6 s, index pages 1.0 s, statistics 1.5 s: the
        # index pages then follow whichever of the other two ends first).
        Producer("lecturer pages", _lecturer_pages, affected_lecturer_pages, deferrable=True),
        # the index pages list every case (some 500 KB of tables at 1,000 cases): while
        # previewing, an added or deleted case's own page is shown before they follow
        Producer("index pages", _index_pages, affected=_affected_index_pages, deferrable=True),
        Producer("review statistics", _review_statistics, deferrable=True),
        Producer("downloads", _downloads, deferrable=True),
    ),
    "public": (
        Producer("public pages", _public_pages),
        Producer("public statistics", _public_statistics, deferrable=True),
    ),
}
DATA_SUFFIXES = (".yaml", ".yml")
SKIPPED_NAMES = (".DS_Store", "Thumbs.db")
ENGINE_OWNED = ("assets/casebook/", "assets/javascripts/lunr/min/lunr.id.min.js", "robots.txt")
# ^ written into docs_dir by generator.site.engine
ENGINE_NAMES = {"mkdocs": "MkDocs", "properdocs": "ProperDocs", "zensical": "Zensical"}
_FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*\n", re.DOTALL)

Progress = Callable[[str], None]


def audiences() -> tuple[str, ...]:
    """The audiences that have producers, in registry order (``generator.build.AUDIENCES``)."""
    return tuple(PRODUCERS)


@dataclass
class BuildResult:
    """What a build did: problems found, sites written, page counts, or the engine's error."""

    problems: list[Problem] = field(default_factory=list)
    sites: dict[str, Path] = field(default_factory=dict)
    pages: dict[str, int] = field(default_factory=dict)
    files_checked: int = 0
    lang: str = "id"
    invalid: bool = False  # the input has errors (or warnings under --strict): nothing built
    error: str | None = None  # the site engine or content/ failed

    @property
    def ok(self) -> bool:
        return not self.invalid and self.error is None


class ContentError(InputError):
    """A hand-written page collides with a generated one."""


# ---------------------------------------------------------------- pages


def generated_pages(project: Project, audience: str, lang: str | None = None) -> dict[str, str]:
    """Every generated page of one audience (all producers merged; a clash is a bug)."""
    pages: dict[str, str] = {}
    producers = PRODUCERS[audience]
    for producer, produced in zip(producers, _produce(project, producers, lang), strict=True):
        clash = sorted(set(pages) & set(produced))
        if clash:
            raise ContentError(
                f"{producer.name}: pages already produced by another producer: {clash}"
            )
        pages.update(produced)
    return pages


# ---------------------------------------------------------------- content/


def _produce(project: Project, producers: Sequence[Producer], lang: str | None) -> list[Pages]:
    """Each producer's pages, in order. The pages of single files (which share their own work
    out to workers) are made here; the summaries of many files (indexes, statistics, reports,
    downloads) side by side in forked workers, when the project allows more than one."""
    summaries = [producer for producer in producers if producer.deferrable]
    workers = min(worker_count(project.settings.workers), len(summaries))
    if will_fork(len(summaries), workers=workers, chunk=1):
        _fetch_models(project)
    made = dict(zip(summaries, forked_map(lambda producer: producer.make(project, lang, None),
                                          summaries, workers=workers, chunk=1), strict=True))
    return [made[producer] if producer in made else producer.make(project, lang, None)
            for producer in producers]


def front_matter(text: str) -> dict:
    """The YAML front matter of a Markdown page ({} when there is none or it is unreadable)."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}
    try:
        data = yaml.load(match.group(1), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError:
        return {}
    return data if isinstance(data, dict) else {}


def content_files(root: Path, audience: str) -> dict[str, bytes]:
    """Hand-written files of content/ for an audience: never a data file; review-only pages
    (front matter ``audience: review``) stay out of the public tree and vice versa."""
    base = root / "content"
    if not base.is_dir():
        return {}
    files: dict[str, bytes] = {}
    for path in sorted(p for p in base.rglob("*") if p.is_file()):
        relative = path.relative_to(base).as_posix()
        if path.suffix.lower() in DATA_SUFFIXES or path.name in SKIPPED_NAMES or _hidden(relative):
            continue
        if content_file_refusal(path, root):  # links out, data, scripts: `casebook check` says
            continue
        data = path.read_bytes()
        if path.suffix == ".md" and not for_audience(data, audience):
            continue
        files[relative] = data
    return files


def content_has_public_home(root: Path) -> bool:
    """True when content/index.md exists and is meant for the public site."""
    home = Path(root) / "content" / HOME_PAGE
    return home.is_file() and for_audience(home.read_bytes(), "public")


def _hidden(relative: str) -> bool:
    return any(part.startswith(".") for part in relative.split("/"))


def for_audience(markdown: bytes, audience: str) -> bool:
    wanted = front_matter(markdown.decode("utf-8", errors="replace")).get("audience")
    return wanted in (None, "all", audience) or (isinstance(wanted, list) and audience in wanted)


# ---------------------------------------------------------------- the docs tree


def tree_files(project: Project, audience: str, lang: str | None = None) -> dict[str, bytes]:
    """Every file of an audience's docs tree: generated pages and content/, as bytes."""
    return assemble_tree(project, audience, generated_pages(project, audience, lang), lang)


def assemble_tree(
    project: Project,
    audience: str,
    generated: dict[str, str],
    lang: str | None = None,
    finished: dict[str, tuple[str, bytes]] | None = None,
) -> dict[str, bytes]:
    """Generated pages plus content/ (a name clash is an error), and a home page if none.

    ``generated`` is emptied: each page is encoded as it is taken from it, so that no page is
    held as text and as bytes at once (at 10,000 cases that is some 200 MB). ``finished``
    (serve) remembers each generated page's text and its finished bytes, so that a page that
    has not changed since the last save is not described and escaped again."""
    content = content_files(project.root, audience)
    clash = sorted(set(generated) & set(content))
    if clash:
        raise ContentError(
            "content/: " + ", ".join(clash) + " — nama ini dipakai halaman yang "
            "dibuat otomatis / these names are taken by generated pages"
        )
    files: dict[str, bytes] = {}
    for path in list(generated):
        text = generated.pop(path)
        known = finished.get(path) if finished is not None else None
        if known is not None and (known[0] is text or known[0] == text):
            files[path] = known[1]
            continue
        files[path] = _finished_page(path, text)
        if finished is not None and isinstance(text, str):
            finished[path] = (text, files[path])
    for path, data in content.items():
        if path.endswith(".md"):
            data = with_description(data.decode("utf-8", errors="replace")).encode("utf-8")
            data = escape.front_matter(data)
        files[path] = data
    if HOME_PAGE not in files:
        home = fallback_home(project, page_language(project, lang))
        files[HOME_PAGE] = with_description(home).encode("utf-8")
    return files


def _finished_page(path: str, text: str | bytes) -> bytes:
    """A generated file as written: a page gets its description and escaped front matter."""
    if isinstance(text, bytes):
        return escape.front_matter(text) if path.endswith(".md") else text
    if not path.endswith(".md"):
        return text.encode("utf-8")
    return escape.front_matter(with_description(text).encode("utf-8"))


def write_tree(docs_dir: Path, files: dict[str, bytes], last: dict[str, bytes] | None = None
               ) -> tuple[int, int]:
    """Make docs_dir hold exactly ``files``: rewrite only changed files, delete stale ones.

    Unchanged files keep their mtime (MkDocs dirty builds, fast serve). ``last`` is what this
    process wrote there before (serve): a file still there and equal to it is not read back.
    Files the site engine installs itself (``assets/casebook/``) are left alone. Returns
    (written, deleted).
    """
    docs_dir.mkdir(parents=True, exist_ok=True)
    last = last or {}
    written = sum(
        _write_if_changed(docs_dir / path, data)
        for path, data in sorted(files.items())
        if last.get(path) != data or not (docs_dir / path).is_file()
    )
    stale = [relative for relative in _files_under(docs_dir)
             if relative not in files and not relative.startswith(ENGINE_OWNED)]
    for relative in sorted(stale):
        (docs_dir / relative).unlink()
    _remove_empty_folders(docs_dir)
    return written, len(stale)


def _files_under(folder: Path) -> Iterator[str]:
    """The files under ``folder``, as relative POSIX paths (os.walk: no Path per file)."""
    for parent, _, names in os.walk(folder):
        relative = Path(parent).relative_to(folder).as_posix()
        prefix = "" if relative == "." else relative + "/"
        yield from (prefix + name for name in names)


def _write_if_changed(target: Path, data: bytes) -> bool:
    if target.is_file() and target.read_bytes() == data:
        return False
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    return True


def _remove_empty_folders(docs_dir: Path) -> None:
    for parent, _, _ in os.walk(docs_dir, topdown=False):  # the deepest first
        if Path(parent) != docs_dir and not os.listdir(parent):
            os.rmdir(parent)


def generate_tree(
    project: Project, audience: str, docs_dir: Path, lang: str | None = None
) -> dict[str, bytes]:
    """Write an audience's docs tree (pages + content/, never a data file); return its files."""
    files = tree_files(project, audience, lang)
    write_tree(docs_dir, files)
    return files


# ---------------------------------------------------------------- the site


def site_name(project: Project, audience: str, lang: str) -> str:
    v = Voice(lang, project.taxonomy)
    office = project.office.short_name if project.office else "Casebook"
    if audience == "review":
        return project.settings.review_site_name or v.say("site.review_name", office=office)
    return project.settings.public_site_name or v.say("site.public_name", office=office)


def site_spec(
    project: Project,
    audience: str,
    docs_dir: Path,
    site_dir: Path,
    files: Iterable[str],
    *,
    strict: bool,
    lang: str,
) -> SiteSpec:
    """The engine's SiteSpec for one audience's tree."""
    from generator.site import engine as site

    base = project.root / "mkdocs.yml"
    return site.SiteSpec(
        audience=audience,
        docs_dir=docs_dir,
        site_dir=site_dir,
        nav=build_nav(files, project, lang),
        site_name=site_name(project, audience, lang),
        language=lang,
        strict=strict,
        base_config=base if base.is_file() else None,
        engine=project.settings.engine,
        site_url=project.settings.site_url if audience == "public" else None,
        workers=project.settings.workers,
    )


def docs_folder(root: Path, purpose: str, audience: str) -> Path:
    """Where a docs tree is generated: ``.casebook/<purpose>/<audience>/docs``."""
    return root / ".casebook" / purpose / audience / "docs"


# ---------------------------------------------------------------- the pipeline


def build(
    root: Path,
    *,
    audiences: Iterable[str] = ("review",),
    out: Path | None = None,
    strict: bool = False,
    lang: str | None = None,
    progress: Progress | None = None,
) -> BuildResult:
    """Load, validate, generate and build every requested audience into ``out/<audience>``."""
    say = progress or (lambda message: None)
    root = Path(root)
    out = Path(out) if out is not None else root / "site"
    project, problems = load_project(root)
    lang = lang or project.settings.language
    result = BuildResult(problems=problems, files_checked=project.files_checked, lang=lang)
    say(
        _message(
            lang,
            "loaded",
            files=project.files_checked,
            cases=len(project.cases),
            interns=len(project.interns),
        )
    )
    if any(p.is_error or strict for p in problems):
        result.invalid = True
        return result
    if project.settings.engine == "zensical":  # its own search has no Indonesian stemmer
        say(_message(lang, "zensical_search", file=SETTINGS_FILE,
                     line=setting_line(root, "engine")))
    audiences = tuple(audiences)
    try:
        check_output(out, list(audiences))
        with build_lock(lock_folder(root)):
            clean_stale(out)
            prepared = _prepare_all(project, audiences, out, result, strict=strict, say=say)
            # the engine reads the written trees: free the models and pages before it runs
            del project
            gc.collect()
            if prepared:
                _stage_and_publish(prepared, root, out, result, say=say)
    except PublishError as error:
        result.error = str(error)
    return result


def lock_folder(root: Path) -> Path:
    """Where the build lock lives: beside the generated docs trees it protects."""
    folder = root / ".casebook"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _prepare_all(project: Project, audiences: tuple[str, ...], out: Path, result: BuildResult,
                 *, strict: bool, say: Progress) -> list[PreparedSite]:
    """Generate and write every audience's docs tree; none when one fails (``result.error``)."""
    prepared = []
    for audience in audiences:
        ready = prepare_audience(project, audience, out / audience, strict=strict,
                                 lang=result.lang, say=say)
        if isinstance(ready, str):
            result.error = ready
            return []
        prepared.append(ready)
    return prepared


def _stage_and_publish(prepared: list[PreparedSite], root: Path, out: Path, result: BuildResult,
                       *, say: Progress) -> None:
    """Stage every prepared site, then publish them all together."""
    lang = result.lang
    staged: dict[Path, Path] = {}
    try:
        for ready in prepared:
            staging = stage_engine(ready, root, lang=lang, say=say)
            if isinstance(staging, str):
                result.error = staging
                return
            staged[Path(ready.spec.site_dir).absolute()] = staging
        publish(out, staged)
    except OSError as error:
        result.error = output_error(out, error)
        return
    finally:
        for staging in staged.values():
            shutil.rmtree(staging, ignore_errors=True)  # none left after a publish
    from generator.site.engine import html_files

    for ready in prepared:
        result.sites[ready.audience] = ready.spec.site_dir
        result.pages[ready.audience] = len(html_files(ready.spec.site_dir))
        say(_message(lang, "built", audience=ready.audience, site=_shown(ready.spec.site_dir, root)))


def build_audience(
    project: Project, audience: str, site_dir: Path, *, strict: bool, lang: str, say: Progress
) -> str | None:
    """Generate and build one audience; return an error message or None."""
    ready = prepare_audience(project, audience, site_dir, strict=strict, lang=lang, say=say)
    if isinstance(ready, str):
        return ready
    return run_engine(ready, project.root, lang=lang, say=say)


@dataclass
class PreparedSite:
    """An audience whose docs tree is written: what the site engine needs, and nothing more."""

    audience: str
    spec: SiteSpec
    guard: PublicGuard | None  # the public audience's, else None


def prepare_audience(
    project: Project, audience: str, site_dir: Path, *, strict: bool, lang: str, say: Progress
) -> PreparedSite | str:
    """Generate and write one audience's docs tree; return what the engine needs, or an error."""
    docs_dir = docs_folder(project.root, "build", audience)
    guard = privacy_guard(project, audience, lang)
    try:
        files = tree_files(project, audience, lang)
    except ContentError as error:
        return str(error)
    refused = guard_tree(guard, files, strict=strict, say=say) if guard else None
    if refused:
        return refused
    written, deleted = write_tree(docs_dir, files)
    pages = sum(path.endswith(".md") for path in files)
    say(
        _message(
            lang, "generated", audience=audience, pages=pages, written=written, deleted=deleted
        )
    )
    spec = site_spec(project, audience, docs_dir, site_dir, files, strict=strict, lang=lang)
    spec = replace(spec, cache_dir=render_cache_folder(project.root, audience))
    return PreparedSite(audience, spec, guard)


def render_cache_folder(root: Path, audience: str) -> Path:
    """Where a build keeps each page's rendered HTML for the next build (``.casebook/``)."""
    return root / ".casebook" / "cache" / "pages" / audience


def stage_engine(ready: PreparedSite, root: Path, *, lang: str, say: Progress) -> Path | str:
    """Build one prepared audience into a staging folder; return it, or an error message."""
    from generator.site.engine import SiteBuildError, stage_site

    site_dir = ready.spec.site_dir
    engine = ENGINE_NAMES[ready.spec.engine]
    say(_message(lang, "building", audience=ready.audience, engine=engine, site=_shown(site_dir, root)))
    try:
        return stage_site(ready.spec, verify=ready.guard.check_site if ready.guard else None)
    except SiteBuildError as error:
        return str(error)
    except OSError as error:
        return output_error(Path(site_dir).parent, error)


def output_error(out: Path, error: OSError) -> str:
    """A file-system failure while writing a site, as a message with the place and a way out."""
    reason = error.strerror or str(error)
    return (
        f"{out}: situs tidak dapat ditulis ({reason}); situs lama tidak diubah. Periksa ruang "
        f"disk dan izin folder / the site cannot be written ({reason}); the previous site is "
        "unchanged. Check the free disk space and the folder's permissions"
    )


def run_engine(ready: PreparedSite, root: Path, *, lang: str, say: Progress) -> str | None:
    """Build one prepared audience with the site engine; return an error message or None."""
    from generator.site.engine import SiteBuildError, build_site

    site_dir = ready.spec.site_dir
    engine = ENGINE_NAMES[ready.spec.engine]
    say(_message(lang, "building", audience=ready.audience, engine=engine, site=_shown(site_dir, root)))
    try:
        build_site(ready.spec, verify=ready.guard.check_site if ready.guard else None)
    except SiteBuildError as error:
        return str(error)
    say(_message(lang, "built", audience=ready.audience, site=_shown(site_dir, root)))
    return None


def privacy_guard(project: Project, audience: str, lang: str) -> PublicGuard | None:
    """The public audience's guard (deny-list on the tree, leak audit of the site), else None."""
    if audience != "public":
        return None
    return PublicGuard.for_project(project, lang)


def guard_tree(guard: PublicGuard, files: dict[str, bytes], *, strict: bool, say: Progress) -> str | None:
    """Deny-list hits in the generated tree (and, under strict, a missing deny-list) as an error."""
    notices = guard.notices()
    for notice in notices:
        say(notice)
    refused = (notices if strict else []) + guard.check_tree(files)
    return "\n".join(refused) if refused else None


def _shown(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)


_MESSAGES = catalogue(beside(__file__, "messages.yaml"))


def _message(lang: str, key: str, **params: object) -> str:
    return _MESSAGES[key][lang].format(**params)


# ---------------------------------------------------------------- serve: regenerate what changed

_BANNER_STYLE = (
    "position:sticky;top:0;z-index:1000;margin:0;padding:.8em 1.2em;background:#fdecea;"
    "color:#611a15;border-bottom:3px solid #b3261e;font:14px/1.5 system-ui,sans-serif"
)


def problems_banner(errors: list[Problem], lang: str) -> str:
    """HTML for the top of every preview page listing ``errors`` (file:line, message, hint),
    every text escaped; "" when there are none."""
    if not errors:
        return ""
    items = []
    for problem in errors:
        hint = problem.hint(lang)
        hint_html = (f"<br><em>{_message(lang, 'preview_hint')}:</em> {escape.html_text(hint)}"
                     if hint else "")
        items.append(
            f"<li><code>{escape.html_text(f'{problem.file}:{problem.line}')}</code> "
            f"{escape.html_text(problem.message(lang))}{hint_html}</li>"
        )
    title = escape.html_text(_message(lang, "preview_problems", count=len(errors)))
    return (f'<div role="alert" class="casebook-problems" style="{_BANNER_STYLE}">'
            f"<strong>{title}</strong><ul>{''.join(items)}</ul></div>")


def clean_again_message(files: int, lang: str) -> str:
    """What the terminal says when the input is valid again after errors."""
    return _message(lang, "preview_clean", files=files)


def watched_paths(root: Path) -> list[Path]:
    """The project's inputs that serve watches (only those that exist)."""
    names = (
        "cases",
        "interns",
        "content",
        "taxonomies",
        "office.yaml",
        "casebook.yml",
        "rubric.yaml",
        "holidays.yaml",
    )
    return [root / name for name in names if (root / name).exists()]


class Regenerator:
    """Keeps one audience's docs tree current for ``casebook serve``.

    On each change it reloads the project; when the input is invalid it reports the problems
    and leaves the tree as it was. Selective producers re-render only the pages the changed
    files affect (a case → its narrative, the index pages, its authors' pages); the others
    re-render whole, the deferrable ones after the first reload. Only files whose bytes
    changed are rewritten.
    """

    def __init__(
        self,
        root: Path,
        audience: str,
        docs_dir: Path,
        *,
        lang: str | None = None,
        on_problems: Callable[[list[Problem], int], None] | None = None,
        on_error: Progress | None = None,
    ):
        self.root, self.audience, self.docs_dir, self.lang = Path(root), audience, docs_dir, lang
        self.on_problems = on_problems or (lambda problems, files: None)
        self.on_error = on_error or (lambda message: None)
        self.project: Project | None = None
        self.pages: dict[str, Pages] = {}  # producer name → its pages
        self.files: dict[str, bytes] = {}
        self._waiting: list[Path] = []  # changes the deferrable producers have not seen yet
        self._waiting_since: Project | None = None  # the project before the first of them
        self._finished: dict[str, tuple[str, bytes]] = {}  # page → its text and its bytes
        self.errors: list[Problem] = []  # the errors of the last load (none: the tree is current)

    def start(self) -> bool:
        """Generate the whole tree; False (nothing written) when the input is invalid."""
        project = self._load()
        if project is None:
            return False
        self.pages = {p.name: p.make(project, self.lang, None) for p in PRODUCERS[self.audience]}
        return self._write(project)

    def __call__(self, changed: list[Path]) -> Callable[[], None] | None:
        """Regenerate after ``changed`` files were saved (the site engine's callback).

        Rewrites the pages of the saved files first and returns what can wait (the deferrable
        producers' pages, for every change not yet applied to them) as a function to call once
        the browser has reloaded, or None."""
        old, project = self.project, self._load()
        if project is None:
            return None
        for producer in self._producers(deferrable=False):
            self.pages[producer.name] = self._regenerated(producer, changed, old, project)
        if not self._write(project):
            return None
        if not self._producers(deferrable=True):
            return None
        if not self._waiting:
            self._waiting_since = old
        self._waiting += changed
        return self.finish

    def finish(self) -> None:
        """Bring the deferrable producers' pages up to date with every change so far."""
        changed, old, self._waiting = self._waiting, self._waiting_since, []
        assert self.project is not None  # finish follows a successful regeneration
        for producer in self._producers(deferrable=True):
            self.pages[producer.name] = self._regenerated(producer, changed, old, self.project)
        self._write(self.project)

    def _producers(self, *, deferrable: bool) -> list[Producer]:
        """This audience's producers that may wait for the reload (or those that may not)."""
        return [p for p in PRODUCERS[self.audience] if p.deferrable == deferrable]

    def _load(self) -> Project | None:
        project, problems = load_project(self.root)
        self.on_problems(problems, project.files_checked)
        self.errors = [p for p in problems if p.is_error]
        return None if self.errors else project

    def banner(self) -> str:
        """The preview's problem banner while the last saved input has errors, else ""."""
        lang = self.lang or (self.project.settings.language if self.project else "id")
        return problems_banner(self.errors, lang)

    def _regenerated(
        self, producer: Producer, changed: list[Path], old: Project | None, project: Project
    ) -> Pages:
        affected = None
        if producer.affected and old is not None and producer.name in self.pages:
            affected = producer.affected(changed, old, project)
        if affected is None:
            return producer.make(project, self.lang, None)
        kept = {path: page for path, page in self.pages[producer.name].items()
                if path not in affected}
        return {**kept, **producer.make(project, self.lang, affected)}

    def _write(self, project: Project) -> bool:
        generated: dict[str, str] = {}
        for pages in self.pages.values():
            generated.update(pages)
        try:
            files = assemble_tree(project, self.audience, generated, self.lang, self._finished)
        except ContentError as error:
            self.on_error(str(error))
            return False
        write_tree(self.docs_dir, files, last=self.files)
        for gone in set(self._finished) - set(files):
            del self._finished[gone]
        self.files = files
        self.project = project
        return True
