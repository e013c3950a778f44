"""Build the generated Markdown tree into a static site with MkDocs + Material, or another engine.

This is the ONLY Casebook module that imports ``mkdocs`` (imports happen inside the
functions that need them, so importing this module stays cheap). MkDocs 1.x has ended and
Material reaches end of life on 2027-05-05, so the engine is a setting (``engine:`` in
casebook.yml): ``mkdocs`` (default, in process), ``properdocs`` (a maintained fork of MkDocs
1.x) or ``zensical`` (by Material's authors), the last two run as commands on the same tree.

* Every build writes the tree's configuration beside it (``<docs_dir>/../mkdocs.yml``, paths
  relative to it), so any of these engines builds the generated tree without Casebook and
  without Casebook's own MkDocs plugins, which only save memory.
* The private names of MkDocs and Material that Casebook still needs (there is no public API
  for them) are listed in ``PRIVATE_NAMES``, with the versions they were checked against;
  ``tests/test_engine_contract.py`` fails with a clear message when an installed release lacks one.

Design notes (checked against MkDocs 1.6.1 and mkdocs-material 9.8.2 sources):

* Configuration is built in memory (``engine_config``) and, for MkDocs, loaded with
  ``MkDocsConfig.load_dict`` + ``validate`` -- no dependence on the current working
  directory: every path handed to MkDocs in process is absolute. The copy written beside
  the tree (``write_tree_config``) is for the other engines and for people.
* Only ``theme``, ``markdown_extensions``, ``extra`` and ``copyright`` are reused from
  the project's ``mkdocs.yml`` (read with a *safe* YAML loader: ``!!python`` tags are
  refused). ``docs_dir``, ``site_dir``, ``nav``, ``strict``, ``plugins`` and the
  validation levels are decided here, per audience. The project's ``custom_dir`` is replaced
  so that nothing but ``docs_dir`` and the Material theme can reach the site, plus Casebook's
  own ``site/overrides/main.html`` (it escapes the page title), copied beside the tree as its
  ``custom_dir`` so that every engine uses it.
* Reader privacy: ``theme.font`` is forced to ``false`` (no Google Fonts), analytics and
  cookie-consent settings are dropped, no ``repo_url`` on the public site (Material's
  JavaScript would fetch repository facts from api.github.com), ``pymdownx.emoji`` is
  refused (its default images come from a CDN). The only remaining external URLs in
  Material's bundle are loaded on demand for ``pre.mermaid`` diagrams (unpkg.com) and a
  ResizeObserver polyfill for browsers that lack it; Casebook configures neither.
* Public audience: HTML comments are removed from every ``.html`` file after the build
  (Material has no option for it; its search index already skips comments).
* Deterministic output: the only build-time values MkDocs writes are the sitemap's
  ``<lastmod>`` (only when ``site_url`` is set, which Casebook never sets) and the
  gzip header mtime of ``sitemap.xml.gz`` (today's date). After the build the sitemap
  loses any ``<lastmod>`` and ``sitemap.xml.gz`` is re-compressed with ``mtime=0``.
  The search index and nav follow MkDocs' sorted file walk. MkDocs caches plugin
  instances process-wide, so each build starts from fresh plugin instances.
* Memory: MkDocs renders every page before writing any and keeps each page's Markdown and HTML
  until the build ends -- most of its memory at 10,000 pages. ``CompactPages`` keeps the HTML
  compressed between the two phases, drops the source once rendered, and forgets the HTML once
  the page is written.
* Work done once: ``RenderCache`` converts each page's Markdown once and keeps the result (and
  its search sections) by a content key in ``.casebook/cache/pages/<audience>/``; pages not kept
  yet are converted by worker processes (``workers:`` in casebook.yml caps them) before MkDocs
  reads them. Each page's finished HTML file (template, robots meta, policy: ``finish_page``)
  is kept as well, by the facts of the page and of the navigation its template reads; once
  every page is converted, the pages not kept yet go through their templates in forked worker
  processes. The output is byte for byte that of a one-process build without a cache.
* Preview speed: ``DevServer`` watches with the operating system's file events (MkDocs polls
  every half second), reuses one compiled Jinja environment across rebuilds, and reloads the
  browser as soon as the saved file's own pages are built; pages that summarise many files
  (reports, statistics) follow in a second pass.
* Atomic publish: MkDocs builds into a staging folder next to ``site_dir`` (same file
  system); only a successful build is renamed into place, the previous site is renamed
  away first and deleted last. A failed build leaves ``site_dir`` untouched.
"""

from __future__ import annotations

import copy
import functools
import gc
import gzip
import hashlib
import html
import json
import logging
import os
import pickle
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import lz4.frame
import yaml

from generator.errors import OutputError
from generator.quick_inline import QUICK_INLINE
from generator.sanitise import SANITISER, clean_html
from generator.site import pieces, search_lang
from generator.site.csp import apply_policy, with_policy
from generator.site.publish import swap_into_place

log = logging.getLogger(__name__)

AUDIENCES = ("review", "public")
ENGINES = ("mkdocs", "properdocs", "zensical")
# The engines other than MkDocs run as commands: python -m MODULE build -f mkdocs.yml.
ENGINE_MODULES = {"properdocs": "properdocs", "zensical": "zensical"}
TREE_CONFIG = "mkdocs.yml"  # written beside the docs folder; every engine reads this name
TREE_SITE = "site"  # where an engine run on TREE_CONFIG builds (Zensical: inside that folder)
ASSETS_SOURCE = Path(__file__).parent / "assets"
OVERRIDES = Path(__file__).parent / "overrides"  # Casebook's own theme override (the <title>)
OVERRIDES_TARGET = "overrides"  # beside the docs folder: the theme's custom_dir
ASSETS_TARGET = "assets/casebook"  # inside docs_dir
EXTRA_CSS = (f"{ASSETS_TARGET}/casebook.css",)
# Accessibility repairs to the theme's markup (names, landmarks, keyboard-reachable scrollers).
EXTRA_JAVASCRIPT = (f"{ASSETS_TARGET}/casebook.js",)
REVIEW_CSS = (f"{ASSETS_TARGET}/review.css",)  # the confidentiality line on printed pages
# Opened from file:// (a lecturer's bundle): Material's search worker runs in an iframe (a
# worker cannot start from file://); Casebook's own shim, not the offline plugin's CDN one.
OFFLINE_POLYFILL = f"{ASSETS_TARGET}/offline-worker.js"

BASE_KEYS = ("theme", "markdown_extensions", "extra", "copyright")
REVIEW_ONLY_KEYS = ("repo_url", "repo_name", "edit_uri")
BLOCKED_EXTRA = ("analytics", "consent")
BLOCKED_EXTENSIONS = ("pymdownx.emoji",)
PUBLIC_BLOCKED_FEATURE_PREFIXES = ("content.action.",)

DEFAULT_FEATURES = (
    "navigation.indexes",
    "navigation.sections",
    "navigation.top",
    "navigation.footer",
    "search.suggest",
    "search.highlight",
    "content.tabs.link",
    "toc.follow",
)
DEFAULT_MARKDOWN_EXTENSIONS = (
    "tables",
    {"toc": {"permalink": True, "permalink_title": "Tautan ke bagian ini"}},
    "attr_list",
    "admonition",
    "md_in_html",
    "def_list",
    "footnotes",
    "pymdownx.details",
    "pymdownx.superfences",
    {"pymdownx.tabbed": {"alternate_style": True}},
)
# Defence in depth only: the caller guarantees no data file lands in docs_dir.
EXCLUDE_DOCS = "*.yml\n*.yaml\n*.bak\n*~\n*.swp\n*.orig\n*.tmp\n*.py\n*.pyc\n*.toml"
# Material's Indonesian defaults use no pipeline at all, and lunr has no Indonesian stemmer:
# Casebook serves its own lunr.id (search_lang.py) and, after validation, sets the search language
# to "id" (MkDocs' option check knows only the languages of its own lunr files). Other languages
# keep the language-neutral trimmer. Either way a case id is one word (SEPARATOR).
SEARCH_PLUGIN = {"search": {"pipeline": ["trimmer"], "separator": search_lang.SEPARATOR}}
SEARCH_PLUGIN_ID = {
    "search": {"pipeline": list(search_lang.PIPELINE), "separator": search_lang.SEPARATOR}
}


@dataclass(frozen=True)
class PrivateName:
    """A name of MkDocs or Material that is not public API, and why Casebook uses it."""

    owner: str  # dotted path of the module or class that has it
    name: str
    why: str


# Checked against MkDocs 1.6.1 and mkdocs-material 9.8.2 (tests/test_engine_contract.py).
CHECKED_AGAINST = {"mkdocs": "1.6.1", "mkdocs-material": "9.8.2"}
PRIVATE_NAMES = (
    PrivateName("mkdocs.livereload.LiveReloadServer", "_epoch_cond",
                "preview: reload the browsers after the first of two builds"),
    PrivateName("mkdocs.livereload.LiveReloadServer", "_visible_epoch",
                "preview: the site version the browsers are shown"),
    PrivateName("mkdocs.livereload.LiveReloadServer", "_wanted_epoch",
                "preview: the site version being built"),
    PrivateName("mkdocs.livereload.LiveReloadServer", "_rebuild_cond",
                "preview: ask for a rebuild from Casebook's own file watcher"),
    PrivateName("mkdocs.livereload.LiveReloadServer", "_want_rebuild",
                "preview: ask for a rebuild from Casebook's own file watcher"),
    PrivateName("mkdocs.livereload.LiveReloadServer", "_watched_paths",
                "preview: serve() starts the observer only when something is watched"),
    PrivateName("mkdocs.livereload.LiveReloadServer", "_inject_js_into_html",
                "preview: put the project's problems at the top of every page served"),
    PrivateName("mkdocs.structure.pages.Page", "_title_from_render",
                "build: a page's title found while rendering, kept with its rendered HTML"),
    PrivateName("material.plugins.search.plugin.SearchPlugin", "search_index",
                "build: write the search index entry by entry (memory)"),
    PrivateName("material.plugins.search.plugin.SearchIndex", "entries",
                "build: write the search index entry by entry (memory)"),
)


class SiteBuildError(OutputError):
    """The site could not be built; the message lists MkDocs' warnings and errors."""


@dataclass(frozen=True)
class SiteSpec:
    """What to build: one audience's docs tree into one site folder."""

    audience: str  # "review" | "public"
    docs_dir: Path  # generated Markdown tree (already written by the caller)
    site_dir: Path  # final destination, e.g. site/review
    nav: list | None  # sections + index pages only, or None to let MkDocs derive it
    site_name: str
    language: str = "id"  # Material theme.language
    strict: bool = False
    base_config: Path | None = None  # the project's mkdocs.yml (theme/extensions/extra)
    engine: str = "mkdocs"  # one of ENGINES
    site_url: str | None = None  # public address (sitemap URLs, robots.txt); public site only
    offline: bool = False  # opened from file:// with no server (a lecturer's bundle)
    workers: int | None = None  # most processes rendering pages (None: every core); MkDocs only
    cache_dir: Path | None = None  # where rendered pages are kept between builds (None: nowhere)

    def __post_init__(self) -> None:
        """Reject an unknown audience or engine early."""
        if self.audience not in AUDIENCES:
            raise ValueError(f"audience must be one of {AUDIENCES}, not {self.audience!r}")
        if self.engine not in ENGINES:
            raise ValueError(f"engine must be one of {ENGINES}, not {self.engine!r}")


# --------------------------------------------------------------------------- config


def read_base_config(path: Path | None) -> dict:
    """Return the reusable keys of the project's mkdocs.yml ({} when there is none)."""
    if path is None:
        return {}
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        data = yaml.load(Path(path).read_text(encoding="utf-8"), Loader=loader) or {}
    except yaml.YAMLError as error:
        raise SiteBuildError(f"{path}: YAML tidak valid / invalid YAML: {error}") from error
    if not isinstance(data, dict):
        raise SiteBuildError(f"{path}: harus berupa mapping / must be a mapping")
    return {key: data[key] for key in (*BASE_KEYS, *REVIEW_ONLY_KEYS) if key in data}


def engine_config(spec: SiteSpec) -> dict:
    """Return the MkDocs config dict for this audience (reads only spec.base_config)."""
    return assemble_config(spec, read_base_config(spec.base_config))


def assemble_config(spec: SiteSpec, base: dict) -> dict:
    """Combine the reusable base settings with what Casebook decides per audience."""
    base = copy.deepcopy(base)
    config: dict[str, Any] = {
        "site_name": html.escape(spec.site_name),  # themes print it unescaped
        "docs_dir": os.path.abspath(spec.docs_dir),
        "site_dir": os.path.abspath(spec.site_dir),
        "use_directory_urls": True,
        "strict": spec.strict,
        "theme": theme_config(base.get("theme"), spec),
        "markdown_extensions": markdown_extensions(base.get("markdown_extensions")),
        "extra": extra_config(base.get("extra"), spec.audience),
        "extra_css": list(EXTRA_CSS),
        "extra_javascript": list(EXTRA_JAVASCRIPT),
        "plugins": [copy.deepcopy(SEARCH_PLUGIN_ID if spec.language == "id" else SEARCH_PLUGIN)],
        "exclude_docs": EXCLUDE_DOCS,
        "validation": validation_levels(spec.nav is not None),
    }
    if spec.nav is not None:
        config["nav"] = escaped_nav(spec.nav)
    if spec.site_url and spec.audience == "public":
        config["site_url"] = spec.site_url  # the sitemap lists full URLs
    if base.get("copyright"):
        config["copyright"] = clean_html(str(base["copyright"]))
    if spec.audience == "review":
        config.update({key: base[key] for key in REVIEW_ONLY_KEYS if base.get(key)})
        config["extra_css"] += list(REVIEW_CSS)
    if spec.offline:
        config.update(offline_config(config))
    return config


def offline_config(config: dict) -> dict:
    """What a site opened from file:// needs: page links to files (``x.html``, not folders)
    and a search worker that starts without a server (no instant navigation: it fetches)."""
    extra = {**config["extra"], "polyfills": [OFFLINE_POLYFILL]}
    theme = {**config["theme"]}
    theme["features"] = [f for f in theme["features"] if f != "navigation.instant"]
    return {"use_directory_urls": False, "extra": extra, "theme": theme}


def theme_config(base_theme: dict | str | None, spec: SiteSpec) -> dict:
    """Material theme settings: base theme + forced language, no web fonts, Casebook's own
    override as the only custom_dir."""
    theme = dict(base_theme) if isinstance(base_theme, dict) else {}
    theme.update(name="material", language=spec.language, font=False,
                 custom_dir=os.path.abspath(overrides_folder(spec.docs_dir)))
    features = list(theme.get("features") or DEFAULT_FEATURES)
    if spec.audience == "public":
        features = [f for f in features if not f.startswith(PUBLIC_BLOCKED_FEATURE_PREFIXES)]
    if spec.nav is None and "navigation.prune" not in features:
        features.append("navigation.prune")  # a derived nav lists every page: limit its cost
    theme["features"] = features
    return theme


def markdown_extensions(base_extensions: list | None) -> list:
    """The base extension list (or Casebook's default), refusing CDN-backed ones, then
    Casebook's own: the quick inline step and the sanitiser, last."""
    extensions = list(base_extensions or copy.deepcopy(list(DEFAULT_MARKDOWN_EXTENSIONS)))
    for entry in extensions:
        name = next(iter(entry)) if isinstance(entry, dict) else entry
        if name in BLOCKED_EXTENSIONS:
            raise SiteBuildError(
                f"markdown_extensions: {name} memuat gambar dari CDN / loads images from a CDN"
            )
    ours = (QUICK_INLINE, SANITISER)
    return [entry for entry in extensions if entry not in ours] + list(ours)


def escaped_nav(nav: list) -> list:
    """The nav with every title HTML-escaped: themes print nav titles unescaped."""
    return [_escaped_nav_item(item) for item in nav]


def _escaped_nav_item(item: Any) -> Any:
    if isinstance(item, dict):
        return {html.escape(str(title)): _escaped_nav_item(value) for title, value in item.items()}
    if isinstance(item, list):
        return escaped_nav(item)
    return item


def extra_config(base_extra: dict | None, audience: str) -> dict:
    """Theme 'extra' without analytics/consent, tagged with the audience."""
    extra = dict(base_extra or {})
    for key in BLOCKED_EXTRA:
        extra.pop(key, None)
    extra["casebook"] = {**(extra.get("casebook") or {}), "audience": audience}
    return extra


def validation_levels(has_nav: bool) -> dict:
    """MkDocs validation: broken links and anchors are warnings (fatal under strict)."""
    return {
        "nav": {
            "omitted_files": "ignore" if has_nav else "info",  # cases are kept out of the nav
            "not_found": "warn",
            "absolute_links": "info",
        },
        "links": {
            "not_found": "warn",
            "anchors": "warn",
            "unrecognized_links": "warn",
            "absolute_links": "info",
        },
    }


# --------------------------------------------------------------------------- build


def build_site(
    spec: SiteSpec,
    *,
    progress: Callable[[str], None] | None = None,
    verify: Callable[[Path, frozenset[str]], list[str]] | None = None,
) -> None:
    """Build spec.docs_dir into spec.site_dir; on failure the old site stays untouched.

    ``verify(staging_dir, engine_files)`` (e.g. the public leak audit) runs on the finished build
    (``engine_files``: what the engine copied verbatim from its theme) before the
    swap; any message it returns fails the build and the staging folder is discarded.
    """
    staging = stage_site(spec, progress=progress, verify=verify)
    try:
        swap_into_place(staging, Path(os.path.abspath(spec.site_dir)))
    finally:
        shutil.rmtree(staging, ignore_errors=True)  # no-op after a successful swap


def stage_site(
    spec: SiteSpec,
    *,
    progress: Callable[[str], None] | None = None,
    verify: Callable[[Path, frozenset[str]], list[str]] | None = None,
) -> Path:
    """Build spec.docs_dir into a staging folder beside spec.site_dir, finished and verified,
    ready to be swapped in (``generator.site.publish``); on failure nothing is left behind."""
    if not Path(spec.docs_dir).is_dir():
        raise SiteBuildError(f"docs_dir tidak ada / does not exist: {spec.docs_dir}")
    config = engine_config(spec)
    install_assets(Path(spec.docs_dir), spec)
    install_robots(Path(spec.docs_dir), spec)
    tree_config = write_tree_config(spec, config)
    site_dir = Path(config["site_dir"])
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.build-", dir=site_dir.parent))
    try:
        if spec.engine == "mkdocs":
            render = RenderCache(spec.cache_dir, workers=worker_count(spec.workers),
                                 audience=spec.audience)
            run_mkdocs({**config, "site_dir": str(staging)}, progress=progress, render=render,
                       language=spec.language)
            done = render.finished
        else:
            run_engine_command(spec.engine, tree_config, staging, strict=spec.strict)
            done = set()
        finish_output(staging, spec.audience, spec.language, offline=spec.offline, done=done)
        refused = verify(staging, engine_files(staging, spec.engine)) if verify else []
        if refused:
            raise SiteBuildError("\n".join(refused))
        staging.chmod(0o755)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return staging


def write_tree_config(spec: SiteSpec, config: dict) -> Path:
    """Write the tree's engine configuration beside its docs folder, with relative paths, so
    that ``mkdocs``, ``properdocs`` or ``zensical build -f`` builds the tree without Casebook."""
    docs_dir = Path(config["docs_dir"])
    portable = {**config, "docs_dir": docs_dir.name, "site_dir": TREE_SITE,
                "theme": {**config["theme"], "custom_dir": OVERRIDES_TARGET}}
    path = docs_dir.parent / TREE_CONFIG
    text = yaml.safe_dump(portable, allow_unicode=True, sort_keys=False)
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")
    return path


def run_engine_command(engine: str, tree_config: Path, staging: Path, *, strict: bool) -> None:
    """Build the tree with another engine's command, then move its output to ``staging``."""
    built = tree_config.parent / TREE_SITE
    shutil.rmtree(built, ignore_errors=True)
    command = [sys.executable, "-m", ENGINE_MODULES[engine], "build", "-f", tree_config.name]
    if strict:
        command.append("--strict")
    try:
        result = subprocess.run(command, cwd=tree_config.parent, capture_output=True, text=True,
                                check=False)
    except OSError as error:
        raise SiteBuildError(f"{engine}: {error}") from error
    if result.returncode != 0 or not built.is_dir():
        output = (result.stdout + result.stderr).strip().splitlines()[-20:]
        raise SiteBuildError(failure_message(f"{engine} exited with {result.returncode}", output))
    staging.rmdir()
    shutil.move(built, staging)


def theme_folder(engine: str) -> Path:
    """The folder of theme files an engine copies into a site: Material's, or Zensical's own."""
    import importlib.util

    package = "zensical" if engine == "zensical" else "material"
    return Path(importlib.util.find_spec(package).origin).parent / "templates"


def engine_files(site_dir: Path, engine: str) -> frozenset[str]:
    """Files of a built site that are byte for byte a file the engine's theme ships at the same
    path (scripts, styles, their licences): the engine's, not the project's. Pages never are."""
    theme = theme_folder(engine)
    return frozenset(
        relative
        for path in site_dir.rglob("*")
        if path.is_file() and path.suffix != ".html"
        and (shipped := theme / (relative := path.relative_to(site_dir).as_posix())).is_file()
        and shipped.read_bytes() == path.read_bytes()
    )


def run_mkdocs(
    config: dict,
    *,
    progress: Callable[[str], None] | None = None,
    serve_url: str | None = None,
    dirty: bool = False,
    fresh_plugins: bool = True,
    theme_env: ThemeEnvironment | None = None,
    render: RenderCache | None = None,
    language: str | None = None,
) -> list[str]:
    """Run one MkDocs build of config; return its warnings or raise SiteBuildError.

    ``render``: the pages' Markdown is converted through it (kept between builds, and spread
    over worker processes). ``language``: the site's, declared in the search index."""
    from mkdocs.commands.build import build

    with capture_mkdocs_log(progress) as collector:
        if serve_url:
            collector.addFilter(_not_the_dirty_build_warning)
        try:
            mkdocs_config = load_mkdocs_config(config, fresh_plugins=fresh_plugins)
            compact = mkdocs_config.plugins[COMPACT_PLUGIN] = CompactPages()
            compact.render = render
            if render is not None:
                render.config = config
                mkdocs_config.plugins["casebook-render-cache"] = render
            search = mkdocs_config.plugins.get("material/search")
            if search is not None and fresh_plugins and not (dirty or serve_url):
                mkdocs_config.plugins[SEARCH_INDEX_PLUGIN] = StreamedSearchIndex(search, language)
            if theme_env is not None:
                theme_env.install(mkdocs_config.theme)
            if serve_url:
                mkdocs_config.site_url = serve_url
            build(mkdocs_config, serve_url=serve_url, dirty=dirty)
        except SiteBuildError:
            raise
        except (Exception, SystemExit) as error:  # mkdocs' Abort is a SystemExit
            raise SiteBuildError(failure_message(error, collector.messages)) from error
    return collector.warnings


def _not_the_dirty_build_warning(record: logging.LogRecord) -> bool:
    """The preview rebuilds dirty on purpose: MkDocs' warning about it would follow every save."""
    return not record.getMessage().startswith("A 'dirty' build is being performed")


COMPACT_PLUGIN = "casebook-compact-pages"


class CompactPages:
    """MkDocs plugin: hold each rendered page compressed until its HTML file is written.

    MkDocs renders (populates) every page first and writes them afterwards, keeping each page's
    Markdown and HTML -- mostly two bytes a character, as the text is not all ASCII -- until the
    build ends. At 10,000 cases that is over half of its peak memory."""

    def __init__(self) -> None:
        self.packed: dict[str, bytes] = {}
        self.render: RenderCache | None = None  # its kept outputs need no HTML (run_mkdocs)

    def on_page_content(self, html: str, *, page, config, files) -> str:
        """Keep the HTML compressed and drop the Markdown source, which is no longer read. (A
        page the render cache kept has its HTML compressed already, and no plugin read it.)"""
        withheld = self.render.withheld.pop(page.file.src_uri, None) if self.render else None
        self.packed[page.file.src_uri] = (
            withheld if withheld is not None and not html else compress(html.encode("utf-8")))
        page.markdown = ""  # not None: MkDocs reads None as "source not read yet"
        return ""

    def on_page_context(self, context: dict, *, page, config, nav) -> dict:
        """Give the page its HTML back just before its template (and search) read it -- unless
        neither will: its finished output and its search sections are kept (``RenderCache``)."""
        packed = self.packed.pop(page.file.src_uri, None)
        if packed is not None and not (self.render and page.file.src_uri in self.render.outputs):
            page.content = decompress(packed).decode("utf-8")
        return context

    def on_post_page(self, output: str, *, page, config) -> str:
        """The page is about to be written: its HTML need not stay in memory."""
        page.content = ""
        return output

    # Compress after every other plugin has seen the HTML; restore before any reads it again.
    on_page_content.mkdocs_priority = -100
    on_page_context.mkdocs_priority = 100
    on_post_page.mkdocs_priority = -100


# --------------------------------------------------------------------------- render cache, workers

SEARCH_INDEX_PLUGIN = "casebook-search-index"

RENDER_FORMAT = b"casebook-render-5"
_PAGE_LOG = "mkdocs.structure.pages"  # where MkDocs logs a page's broken links while rendering
RENDER_DISTRIBUTIONS = ("mkdocs", "mkdocs-material", "markdown", "pymdown-extensions", "nh3", "lz4")
_CHUNK = 16  # pages per task sent to a worker, at most
_CHUNK_BYTES = 256 * 1024  # of Markdown per task, at most: a bigger page is a task of its own


def work_chunks(src_uris: list[str], files) -> list[list[str]]:
    """Pages in tasks for the workers, biggest first: a big page left to the end (a statistics
    page of 10,000 cases takes seconds) would keep one core busy while the others wait."""
    def size(uri: str) -> int:
        try:
            return os.path.getsize(files.get_file_from_path(uri).abs_src_path)
        except (OSError, TypeError, AttributeError):
            return 0

    chunks: list[list[str]] = []
    chunk: list[str] = []
    total = 0
    for uri, bytes_ in sorted(((uri, size(uri)) for uri in src_uris), key=lambda s: -s[1]):
        if chunk and (len(chunk) == _CHUNK or total + bytes_ > _CHUNK_BYTES):
            chunks.append(chunk)
            chunk, total = [], 0
        chunk.append(uri)
        total += bytes_
    return chunks + [chunk] if chunk else chunks


def worker_count(cap: int | None = None) -> int:
    """How many processes render pages: the cores this process may use, at most ``cap``."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return max(1, min(cores or 1, cap or cores or 1))


Front = tuple[dict, int]  # a page's meta, and where its Markdown starts in its source


@dataclass
class RenderedPage:
    """What MkDocs' ``Page.render`` leaves on a page, in a form that is kept and sent between
    processes (linked files by their path), and the messages it logged."""

    content: str
    toc: Any
    title: str | None
    anchors: set[str] | None
    links_to_anchors: dict[str, dict[str, str]] | None
    messages: list[tuple[int, str]]
    sections: bytes = b""  # the search plugin's sections of ``content`` (search_sections)
    front: Front | None = None  # the page's meta, as its source was read (keyed_by_source)


class _Messages(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.seen: list[tuple[int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        """Keep one message."""
        if record.levelno >= logging.INFO:
            self.seen.append((record.levelno, record.getMessage()))


def render_page(page, config, files, *, sections: bool = True,
                store: PieceStore | None = None) -> RenderedPage:
    """MkDocs' own conversion of one page's Markdown, with what it logged, and (``sections``)
    the search parser's sections of its HTML. With a ``store``, a big page is converted in
    pieces (``pieces.cut``), each kept there by its own key, and its sections found piece by
    piece, whatever ``sections`` says; the page is converted whole when its pieces cannot
    stand for it."""
    cut = pieces.cut(page.markdown) if store is not None else None
    if cut is not None:
        try:
            return render_in_pieces(page, config, files, cut, store)
        except pieces.PiecesDiffer:
            pass
    return render_whole(page, config, files, sections=sections)


def render_whole(page, config, files, *, sections: bool = True, quiet: bool = False
                 ) -> RenderedPage:
    """``render_page`` for the whole page at once; ``quiet``: what it logs is only kept."""
    from mkdocs.structure.pages import Page

    logger, messages = logging.getLogger(_PAGE_LOG), _Messages()
    logger.addHandler(messages)
    propagate, logger.propagate = logger.propagate, logger.propagate and not quiet
    try:
        Page.render(page, config, files)
    finally:
        logger.removeHandler(messages)
        logger.propagate = propagate
    links = page.links_to_anchors
    return RenderedPage(
        page.content, page.toc, page._title_from_render, page.present_anchor_ids,
        None if links is None else {file.src_uri: dict(a) for file, a in links.items()},
        messages.seen, search_sections(page.content) if sections else b"",
    )


def keyed_by_source(config) -> bool:
    """Whether pages are kept under their whole source, front matter and all: no plugin reads a
    page's source or changes its Markdown before it is converted, so the source is all its HTML
    depends on besides the fingerprint, and a key needs no YAML read."""
    events = config.plugins.events
    return not events.get("page_read_source") and not events.get("page_markdown")


def page_source(page, config) -> str:
    """A page's source, read as MkDocs' ``Page.read_source`` reads it when no plugin does
    (``keyed_by_source``); what is wrong is logged as MkDocs logs it."""
    try:
        return page.file.content_string
    except (OSError, ValueError):
        from mkdocs.structure.pages import Page

        Page.read_source(page, config)  # logs, and raises
        raise


def read_source(page, source: str, front: Front | None = None) -> Front:
    """Leave on ``page`` the Markdown and meta ``Page.read_source`` leaves for ``source``, and
    return them as a ``Front``; ``front``: the one kept from the same source read before, so its
    YAML is not read again (a second of a build at 10,000 cases)."""
    from mkdocs.utils import meta

    if front is None:
        page.markdown, page.meta = meta.get_data(source)
        return page.meta, len(source) - len(page.markdown)
    page.meta, start = front
    page.markdown = source[start:]
    return front


def markdown_of(source: str) -> str:
    """A page's Markdown without its front matter, as MkDocs' ``meta.get_data`` leaves it, the
    YAML read by the C loader (it only tells whether the page is kept: a page whose Markdown it
    reads otherwise is found missing, or not found kept, and converted all the same)."""
    from mkdocs.utils import meta

    match = meta.YAML_RE.match(source)
    if match is None:
        return meta.get_data(source)[0]
    try:
        data = yaml.load(match.group(1), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError:
        return source
    return source[match.end():].lstrip("\n") if isinstance(data, dict) else source


def write_kept(path: Path, data: bytes) -> bool:
    """Write a file of the render cache whole or not at all; False: it cannot be written."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(".tmp")
        temporary.write_bytes(data)
        os.replace(temporary, path)
    except OSError:
        return False
    return True


class PieceStore:
    """Where the pieces of big pages and their search sections are kept between builds (the
    render cache's folder; in memory only, without one), and the keys used in this build."""

    def __init__(self, folder: Path | None, fingerprint: bytes, used: set[str] | None = None
                 ) -> None:
        self.folder, self.fingerprint = folder, fingerprint
        self.used = set() if used is None else used
        self.memory: dict[str, bytes] = {}

    def key(self, kind: bytes, src_uri: str, text: str) -> str:
        return page_key(self.fingerprint + kind, src_uri, text)

    def get(self, key: str) -> bytes | None:
        self.used.add(key)
        path = self._path(key)
        try:
            return self.memory.get(key) or (path.read_bytes() if path and path.is_file() else None)
        except OSError:
            return None

    def put(self, key: str, data: bytes) -> None:
        self.used.add(key)
        path = self._path(key)
        if path is None or not write_kept(path, data):
            self.memory[key] = data

    def _path(self, key: str) -> Path | None:
        return None if self.folder is None else self.folder / key[:2] / f"{key}.piece"


def render_in_pieces(page, config, files, cut: list[pieces.Piece], store: PieceStore
                     ) -> RenderedPage:
    """The page converted piece by piece, each piece kept or converted (as part of this page,
    its links resolved from it), then put together as the whole page's conversion would be:
    its HTML joined, its table of contents nested again, its title the first piece's, its
    anchors and links to anchors gathered; PiecesDiffer when that cannot be sure (a piece logged
    a message, two pieces hold the same anchor, the HTML is not shaped as expected)."""
    from markdown.extensions.toc import nest_toc_tokens
    from mkdocs.structure.toc import get_toc

    whole = page.markdown
    try:
        parts = [_rendered_piece(page, config, files, piece, store) for piece in cut]
    finally:
        page.markdown = whole
    if any(part.messages for part in parts):
        raise pieces.PiecesDiffer("a piece logged a message: the page logs it converted whole")
    anchors: set[str] = set()
    for part in parts:
        if anchors & (part.anchors or set()):
            raise pieces.PiecesDiffer("two pieces hold the same anchor")
        anchors |= part.anchors or set()
    html = pieces.join_html(cut, [part.content for part in parts])
    toc = get_toc(nest_toc_tokens([token for part in parts for token in pieces.flat_toc(part.toc)]))
    rendered = RenderedPage(html, toc, parts[0].title, anchors, _links_of(parts), [],
                            _sections_in_pieces(page.file.src_uri, cut, parts, store))
    apply_rendered(page, rendered, files, replay=False)
    return rendered


def _rendered_piece(page, config, files, piece: pieces.Piece, store: PieceStore) -> RenderedPage:
    key = store.key(b"piece", page.file.src_uri, piece.markdown)
    kept = store.get(key)
    if kept is not None:
        try:
            html, part = unpack(kept)
            return replace(part, content=decompress(html).decode("utf-8", "surrogatepass"))
        except (ValueError, TypeError, EOFError, RuntimeError, pickle.UnpicklingError):
            pass  # a damaged piece is converted again
    page.markdown = piece.markdown
    part = render_whole(page, config, files, sections=False, quiet=True)
    store.put(key, pack(part))
    return part


def _links_of(parts: list[RenderedPage]) -> dict[str, dict[str, str]] | None:
    """The pieces' links to anchors, as the whole page's: the first link to each anchor."""
    if parts[0].links_to_anchors is None:
        return None  # not gathered at this log level
    links: dict[str, dict[str, str]] = {}
    for part in parts:
        for uri, anchors in (part.links_to_anchors or {}).items():
            for anchor, url in anchors.items():
                links.setdefault(uri, {}).setdefault(anchor, url)
    return links


def _sections_in_pieces(src_uri: str, cut: list[pieces.Piece], parts: list[RenderedPage],
                        store: PieceStore) -> bytes:
    """The search parser's sections of the page, found run by run (a heading's piece and the
    pieces going on with its table), each run's kept by a key of its HTML. A run after the first
    starts with a heading, where the parser of the whole page starts a section too: parsed
    alone, it has an empty preface section more, which is dropped. (The whole page's parser
    gives each run's last section a trailing space more, which the index strips.)"""
    try:
        from material.plugins.search.plugin import Parser
    except ImportError:
        return b""
    found: list = []
    for number, run in enumerate(pieces.groups(cut)):
        html = pieces.join_html([cut[i] for i in run], [parts[i].content for i in run])
        key = store.key(b"sections", src_uri, html)
        kept = store.get(key)
        try:
            sections = pickle.loads(decompress(kept)) if kept else None
        except (ValueError, EOFError, RuntimeError, pickle.UnpicklingError):
            sections = None
        if not isinstance(sections, list):
            parser = Parser()
            parser.feed(html)
            parser.close()
            sections = parser.data
            if number:
                preface = sections[0] if sections else None
                if preface is None or preface.el.tag != "hx" or preface.title or preface.text:
                    raise pieces.PiecesDiffer("a run of pieces does not start a section")
                sections = sections[1:]
            store.put(key, compress(pickle.dumps(sections, protocol=5)))
        found.extend(sections)
    return compress(pickle.dumps(found, protocol=5))


def compress(data: bytes) -> bytes:
    """Bytes compressed to be kept (the render cache, pages held in memory): LZ4 frames, which
    decompress some seven times faster than zlib's fastest level, for a third more bytes."""
    return lz4.frame.compress(data)


def decompress(data: bytes) -> bytes:
    """What ``compress`` compressed; RuntimeError for bytes that are not an LZ4 frame."""
    return lz4.frame.decompress(data)


def search_sections(content: str) -> bytes:
    """Material's search parser's sections of a page's HTML, packed: the page is parsed for the
    search index once, when it is rendered, and never again while its HTML is kept."""
    try:
        from material.plugins.search.plugin import Parser
    except ImportError:  # no Material: nothing indexes the page
        return b""
    parser = Parser()
    parser.feed(content)
    parser.close()
    return compress(pickle.dumps(parser.data, protocol=5))


def index_page(index, page, packed: bytes) -> None:
    """What Material's ``SearchIndex.add_entry_from_context`` does, from the page's sections as
    ``search_sections`` packed them."""
    search = page.meta.get("search") or {}
    if search.get("exclude"):
        return
    for section in pickle.loads(decompress(packed)):
        if not section.is_excluded():
            index.create_entry_for_section(section, page.toc, page.url, page)


def apply_rendered(page, rendered: RenderedPage, files, *, replay: bool) -> None:
    """Leave on ``page`` what rendering it leaves; ``replay``: log its messages again."""
    page.content, page.toc = rendered.content, rendered.toc
    page._title_from_render = rendered.title
    page.present_anchor_ids = None if rendered.anchors is None else set(rendered.anchors)
    links = rendered.links_to_anchors
    page.links_to_anchors = None if links is None else {
        files.get_file_from_path(uri): dict(a) for uri, a in links.items()}
    if replay:
        logger = logging.getLogger(_PAGE_LOG)
        for level, message in rendered.messages:
            logger.log(level, message)


def pack(rendered: RenderedPage) -> bytes:
    """A rendered page as bytes (kept on disk, sent from a worker): its HTML compressed apart
    from the rest, so that a kept page's HTML can stay compressed (``CompactPages``)."""
    html = compress(rendered.content.encode("utf-8", "surrogatepass"))
    return pickle.dumps((html, replace(rendered, content="")), protocol=5)


def with_sections(packed: bytes) -> bytes:
    """A packed page with the search sections of its HTML found (``render_page`` left them)."""
    html, rendered = unpack(packed)
    content = decompress(html).decode("utf-8", "surrogatepass")
    return pack(replace(rendered, content=content, sections=search_sections(content)))


def unpack(packed: bytes) -> tuple[bytes, RenderedPage]:
    """A packed page's compressed HTML, and the page without it (``pack``)."""
    html, rendered = pickle.loads(packed)
    if not isinstance(html, bytes) or not isinstance(rendered, RenderedPage):
        raise TypeError("not a packed page")
    return html, rendered


def render_fingerprint(config: dict, files) -> bytes:
    """What every page's HTML depends on besides its own Markdown: the engine's and the
    Markdown libraries' versions, Casebook's engine, Markdown extensions and policy code, the
    whole configuration (theme, extensions, nav) and the list of files (links are checked and
    rewritten against it)."""
    from importlib import metadata

    from generator import quick_inline, sanitise
    from generator.site import csp

    digest = hashlib.sha256(RENDER_FORMAT)
    for name in RENDER_DISTRIBUTIONS:
        digest.update(f"{name}={metadata.version(name)}\n".encode())
    for module in (__file__, sanitise.__file__, quick_inline.__file__, csp.__file__,
                   pieces.__file__):
        digest.update(hashlib.sha256(Path(module).read_bytes()).digest())
    settings = {key: value for key, value in config.items() if key != "site_dir"}
    digest.update(json.dumps(settings, sort_keys=True, default=str).encode())
    for uri in sorted(file.src_uri for file in files):
        digest.update(uri.encode() + b"\0")
    return digest.digest()


def page_key(fingerprint: bytes, src_uri: str, markdown: str) -> str:
    digest = hashlib.sha256(fingerprint)
    digest.update(src_uri.encode() + b"\0")
    digest.update(markdown.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


class RenderCache:
    """MkDocs plugin: each page's Markdown is converted once, then kept by a content key.

    The key is the page's own source (its Markdown, when a plugin reads or changes it:
    ``keyed_by_source``), its path and ``render_fingerprint`` (versions, code, configuration,
    file list), so a page is converted again exactly when something it depends on
    changed; otherwise the kept HTML, table of contents, title, anchors and link messages are
    put on the page as MkDocs' ``Page.render`` would (messages logged again, so --strict fails
    the same). Pages not kept yet are converted by ``workers`` processes at once, before MkDocs
    reads them one by one. ``folder`` None: nothing kept between builds."""

    def __init__(self, folder: Path | None, *, workers: int = 1, audience: str | None = None
                 ) -> None:
        self.folder = Path(folder) if folder is not None else None
        self.audience = audience  # pages are finished (finish_page) for it; None: not here
        self.finished: set[Path] = set()  # the HTML files written finished
        self.workers = workers
        self.config: dict | None = None  # the configuration dict (set by run_mkdocs)
        self.fingerprint = b""
        self.ready: dict[str, bytes] = {}  # key → packed page, converted by a worker (no folder)
        self.used: set[str] = set()
        self.converted = 0  # pages converted in this build (the rest came from the cache)
        self.sections: dict[str, bytes] = {}  # page → the sections of its HTML, packed
        self._content: dict[str, str] = {}  # page → its HTML as rendered, until plugins saw it
        self.outputs: dict[str, str] = {}  # page → its kept finished output, until templated
        self.parsed = 0  # pages the search index parsed itself (their sections were unknown)
        self.output_fingerprint = b""  # what every page's template output depends on
        self.nav = None  # the build's navigation, once MkDocs has made it
        self.render_keys: dict[str, str] = {}  # page → the key its HTML was rendered under
        self.templated = 0  # pages whose template was rendered in this build
        self.reused = 0  # pages whose kept output was used without reading their HTML again
        self.withheld: dict[str, bytes] = {}  # page → its kept HTML, compressed (CompactPages)
        self.withhold = False  # no plugin but Casebook's reads a page's HTML as it is rendered
        self.search_index = None  # Material's search index, once MkDocs has made it
        self.kept_entries: dict[str, str] = {}  # page → its search entries' JSON, kept with it
        self.streamed = False  # StreamedSearchIndex writes the index: it takes KeptEntries
        self.indexed: dict[str, list] = {}  # page → its search entries made in this build
        self.entries_reused = 0  # pages indexed by the entries kept with their output
        self.pieces = PieceStore(None, b"", self.used)  # a big page's pieces (render_page)
        self.output_keys: dict[str, str] = {}  # page → its output key, found by on_env
        self.by_source = False  # pages are kept under their source (keyed_by_source)
        self.read: dict[str, tuple[str, Front, tuple[bytes, RenderedPage] | None]] = {}
        # ^ page → the key of the source it was read from, its Front, and the page kept under it

    def on_nav(self, nav, *, config, files):
        """Every page's key is known once the files are: convert the missing pages, in parallel."""
        self.fingerprint = render_fingerprint(self.config or {}, files)
        self.pieces = PieceStore(self.folder, self.fingerprint, self.used)
        self.nav = nav
        self.withhold = self._html_read_only_by_casebook(config)
        self.by_source = keyed_by_source(config)
        missing = []
        for file in files.documentation_pages():
            key = self._key(file)
            if key is not None and not self._has(key):
                missing.append(file.src_uri)
        if self.workers > 1 and missing and self.config is not None:
            chunks = work_chunks(missing, files)
            # Many pages, or a few big ones: after one edit, the index and statistics pages of
            # 10,000 cases take seconds each. (A process with other threads, a preview's, forks
            # only for many pages, as it did before.)
            if len(chunks) > 1 and (len(missing) > _CHUNK or can_fork()):
                self._convert_in_workers(chunks)
        search = config.plugins.get("material/search")
        index = getattr(search, "search_index", None)
        if index is not None and hasattr(index, "create_entry_for_section"):
            self.search_index = index
            self.streamed = isinstance(config.plugins.get(SEARCH_INDEX_PLUGIN), StreamedSearchIndex)
            fallback = index.add_entry_from_context
            index.add_entry_from_context = functools.partial(self._index, index, fallback)
        return nav

    def _index(self, index, fallback, page) -> None:
        """Index a page by the entries kept with its output; else from the sections found when
        it was rendered (the same HTML); else as Material does."""
        uri = page.file.src_uri
        kept, packed = self.kept_entries.pop(uri, None), self.sections.pop(uri, b"")
        if kept is not None:
            if not self.streamed:
                index.entries.extend(json.loads(f"[{kept}]"))
            elif kept:
                index.entries.append(KeptEntries(kept))  # written as they are
            self.entries_reused += 1
            return
        start = len(index.entries)
        if packed:
            index_page(index, page, packed)
        else:
            self.parsed += 1
            fallback(page)
        self.indexed[uri] = index.entries[start:]  # kept with the page's output

    def on_env(self, env, *, config, files):
        """Pass every page's template through the cache of finished pages (``KeptTemplate``);
        every page is read and converted by now: put the missing ones through their templates
        in worker processes."""
        if self.folder is None:
            return env
        get_template = env.get_template
        env.get_template = lambda *args, **kwargs: KeptTemplate(
            get_template(*args, **kwargs), self)
        if self.workers > 1 and self.nav is not None and can_fork():
            pages = files.documentation_pages()
            for file in pages:
                key = self.output_key(page_context(file.page, config, pages, self.nav))
                if key is not None:
                    self.output_keys[file.src_uri] = key
            missing = [uri for uri, key in self.output_keys.items()
                       if not self._path(key, ".html.z").is_file()]
            if len(missing) > _CHUNK:
                self._template_in_workers(missing, env, config, files)
        return env

    def on_pre_page(self, page, *, config, files):
        """Convert this page through the cache when MkDocs renders it (and read it noting the
        source, when pages are kept under it)."""
        page.render = functools.partial(self._render, page)
        if self.by_source:
            page.read_source = functools.partial(self._read_source, page)
        return page

    def on_page_content(self, html: str, *, page, config, files) -> str:
        """The sections found when the page was rendered stand for its HTML only if no plugin
        changed that HTML since."""
        rendered = self._content.pop(page.file.src_uri, None)
        if rendered != html:  # the same string object compares at once
            self.sections.pop(page.file.src_uri, None)
        return html

    def on_page_context(self, context: dict, *, page, config, nav) -> dict:
        """Take the page's finished output from the cache now, when it is kept and the search
        index has the page's sections: then neither reads the page's HTML again."""
        uri = page.file.src_uri
        known = self.output_keys.pop(uri, None)  # found by on_env, from the same context
        if uri in self.sections:
            key = known or self.output_key(context)
            kept = self.kept_output(key) if key is not None else None
            if kept is not None:
                self.outputs[uri], entries = kept
                if entries is not None:
                    self.kept_entries[uri] = entries
                self.reused += 1
        return context

    def on_post_build(self, *, config) -> None:
        """Keep only what this build used."""
        if self.folder is None or not self.folder.is_dir():
            return
        for path in self.folder.glob("*/*"):
            if path.name.partition(".")[0] not in self.used:
                path.unlink(missing_ok=True)

    def _html_read_only_by_casebook(self, config) -> bool:
        """No plugin but this cache and ``CompactPages`` sees a page's HTML as it is rendered
        (``on_page_content``), and CompactPages is there to give it back before the page's
        template reads it."""
        compact = config.plugins.get(COMPACT_PLUGIN)
        ours = (self, compact)
        return isinstance(compact, CompactPages) and all(
            getattr(handler, "__self__", None) in ours
            for handler in config.plugins.events.get("page_content", []))

    def _key(self, file) -> str | None:
        """The key a page will be converted under, from its file as it is now."""
        try:
            source = file.content_string
        except (OSError, ValueError):
            return None  # MkDocs reports it when it reads the page
        text = source if self.by_source else markdown_of(source)
        return page_key(self.fingerprint, file.src_uri, text)

    def _read_source(self, page, config) -> None:
        """Read a page, and find what is kept under its source, with its front matter."""
        uri = page.file.src_uri
        source = page_source(page, config)
        key = page_key(self.fingerprint, uri, source)
        kept = self._kept(key)
        front = read_source(page, source, kept[1].front if kept is not None else None)
        self.read[uri] = key, front, kept

    def _render(self, page, config, files) -> None:
        uri = page.file.src_uri
        if uri in self.read:
            key, front, kept = self.read.pop(uri)
        else:
            key, front = page_key(self.fingerprint, uri, page.markdown), None
            kept = self._kept(key)
        self.render_keys[uri] = key
        if kept is None:
            rendered = replace(render_page(page, config, files, store=self.pieces), front=front)
            self.converted += 1
            self._keep(key, rendered)
        else:
            html, rendered = kept
            apply_rendered(page, rendered, files, replay=True)
            if self.withhold:  # CompactPages takes the compressed HTML as it is
                self.withheld[page.file.src_uri] = html
            else:
                page.content = decompress(html).decode("utf-8", "surrogatepass")
        self.used.add(key)
        if rendered.sections:
            self.sections[page.file.src_uri] = rendered.sections
            self._content[page.file.src_uri] = page.content

    def _has(self, key: str) -> bool:
        path = self._path(key)
        return key in self.ready or (path is not None and path.is_file())

    def _kept(self, key: str) -> tuple[bytes, RenderedPage] | None:
        """A kept page: its compressed HTML and the rest (``unpack``), or None."""
        packed, path = self.ready.pop(key, None), self._path(key)
        try:
            if packed is None and path is not None and path.is_file():
                packed = path.read_bytes()
            return unpack(packed) if packed else None
        except (OSError, ValueError, TypeError, EOFError, pickle.UnpicklingError):
            return None

    def _keep(self, key: str, rendered: RenderedPage | bytes) -> None:
        """Keep a page (packed: compressed) in the folder, or in memory for this build."""
        packed = rendered if isinstance(rendered, bytes) else pack(rendered)
        path = self._path(key)
        if path is None:
            if isinstance(rendered, bytes):  # a worker's page; one rendered here is used at once
                self.ready[key] = packed
            return
        if not write_kept(path, packed):
            self.ready[key] = packed  # a cache that cannot be written: kept for this build

    def _path(self, key: str, suffix: str = ".pickle") -> Path | None:
        return None if self.folder is None else self.folder / key[:2] / f"{key}{suffix}"

    # A page's finished template output (its HTML file, finish_page done) is kept too, keyed by
    # everything the theme's templates read of it: its HTML (by its render key), table of
    # contents, title, meta, URLs and neighbours, the navigation, the configuration and the
    # template files (tests/test_engine_contract.py checks that the templates read nothing else).

    def output_key(self, context: dict) -> str | None:
        """The key of a page's template output; None: a context this cache does not know."""
        page = context.get("page")
        if page is None or set(context) - _KNOWN_CONTEXT or self.folder is None:
            return None
        if not self.output_fingerprint:
            self.output_fingerprint = output_fingerprint(self.fingerprint, context)
        rendered = self.render_keys.get(page.file.src_uri)
        if rendered is None:
            return None  # not converted through this cache: its HTML is not known by a key
        digest = hashlib.sha256(self.output_fingerprint)
        digest.update(str(self.audience).encode())  # how the page is finished
        digest.update(rendered.encode())  # the page's HTML (after the Casebook-only plugins)
        digest.update(_json(page_signature(page)).encode("utf-8", "surrogatepass"))
        return digest.hexdigest()

    def kept_output(self, key: str) -> tuple[str, str | None] | None:
        """A page's kept output and its search entries as JSON (``entries_json``; None: not
        kept with it), or None."""
        path = self._path(key, ".html.z")
        try:
            kept = pickle.loads(decompress(path.read_bytes())) if path.is_file() else None
        except (OSError, ValueError, EOFError, RuntimeError, pickle.UnpicklingError):
            return None
        finally:
            self.used.add(key)
        valid = (isinstance(kept, tuple) and len(kept) == 2 and isinstance(kept[0], str)
                 and isinstance(kept[1], str | None))
        return kept if valid else None

    def keep_output(self, key: str, output: str, entries: list | None) -> None:
        """Keep a page's output, with its search entries (the output key covers all they read
        of the page: its HTML, URL, title, table of contents and meta)."""
        path = self._path(key, ".html.z")
        kept = (output, None if entries is None else entries_json(entries))
        write_kept(path, compress(pickle.dumps(kept, protocol=5)))  # False: rendered next time
        self.templated += 1

    def search_entries(self, page) -> list | None:
        """The search entries of a page just put through its template: those the search index
        made for it, or (in a template worker, where nothing indexes it) made as the index would
        from its sections; None when there is no search index, or the page's sections are
        unknown."""
        uri = page.file.src_uri
        if uri in self.indexed:
            return self.indexed.pop(uri)
        packed = self.sections.get(uri)
        if self.search_index is None or not packed:
            return None
        index = type(self.search_index)(**self.search_index.config)
        index_page(index, page, packed)
        return index.entries

    def _template_in_workers(self, missing: list[str], env, config, files) -> None:
        """Put pages through their templates in forked workers, which inherit this process's
        pages and navigation and keep each output in the cache folder, where the build then
        finds it (``KeptTemplate``)."""
        import multiprocessing

        chunks = work_chunks(missing, files)
        _FORKED.update(cache=self, env=env, config=config, files=files, nav=self.nav,
                       compact=config.plugins.get(COMPACT_PLUGIN))
        try:
            with frozen_heap(), multiprocessing.get_context("fork").Pool(self.workers) as pool:
                self.templated += sum(pool.imap_unordered(_worker_template, chunks))
        finally:
            _FORKED.clear()

    def _convert_in_workers(self, chunks: list[list[str]]) -> None:
        import multiprocessing

        method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
        context = multiprocessing.get_context(method)
        with frozen_heap(), context.Pool(self.workers, initializer=_worker_start,
                                         initargs=(self.config, self.folder)) as pool:
            for results, used in pool.imap_unordered(_worker_convert, chunks):
                self.used.update(used)  # the pieces of big pages a worker kept or read
                for key, packed, parse_here in results:
                    self._keep(key, with_sections(packed) if parse_here else packed)
                    self.converted += 1

    on_nav.mkdocs_priority = -100  # after every other plugin has changed the files or nav
    on_env.mkdocs_priority = -100
    on_pre_page.mkdocs_priority = -100
    on_page_content.mkdocs_priority = -90  # after the other plugins, before CompactPages
    on_page_context.mkdocs_priority = 110  # before CompactPages gives the page its HTML back


# What MkDocs' get_context puts in a page's template context; a plugin that added anything
# else would turn the kept output off. build_date_utc is left out of the key: no template reads
# it (tests/test_engine_contract.py checks).
_KNOWN_CONTEXT = frozenset({"nav", "pages", "base_url", "extra_css", "extra_javascript",
                            "mkdocs_version", "build_date_utc", "config", "page"})


class KeptTemplate:
    """A page template whose output comes from the render cache when the page, its navigation
    and the theme are unchanged; any other template (404, sitemap) renders as usual."""

    def __init__(self, template, cache: RenderCache) -> None:
        self.template, self.cache = template, cache

    def __getattr__(self, name: str) -> Any:
        return getattr(self.template, name)

    def render(self, *args, **kwargs) -> str:
        """The template's output for this context: kept, or rendered and kept."""
        context = args[0] if len(args) == 1 and not kwargs and isinstance(args[0], dict) else None
        page = context.get("page") if context is not None else None
        output = self.cache.outputs.pop(page.file.src_uri, None) if page is not None else None
        if output is None:
            key = self.cache.output_key(context) if context is not None else None
            if key is None:
                return self.template.render(*args, **kwargs)
            kept = self.cache.kept_output(key)
            output = kept[0] if kept is not None else None
            if output is None:
                output = self.template.render(context)
                if self.cache.audience is not None:
                    output = finish_page(output, self.cache.audience)
                self.cache.keep_output(key, output, self.cache.search_entries(page))
        if self.cache.audience is not None:
            self.cache.finished.add(Path(page.file.abs_dest_path))
        return output


_FORKED: dict[str, Any] = {}  # what a forked template worker inherits (_template_in_workers)


def can_fork() -> bool:
    """Forking is available and safe here: this process runs one thread (a preview's file
    watcher may hold a lock the child would inherit held); else the work stays here."""
    import multiprocessing
    import threading

    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1


@contextmanager
def frozen_heap() -> Iterator[None]:
    """Fork workers with this process's objects out of the garbage collector's reach: a child's
    collections would otherwise walk (and so copy) every inherited page of memory."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def page_context(page, config, pages: list, nav) -> dict:
    """A page's template context, as MkDocs' _build_page makes it (Casebook's plugins leave
    it as it is); ``pages``: the files' documentation_pages()."""
    from mkdocs.commands.build import get_context

    return get_context(nav, pages, config, page)


def _worker_template(src_uris: list[str]) -> int:
    """Put some pages through their templates (KeptTemplate keeps each finished output)."""
    state = _FORKED
    config, files, nav, env = state["config"], state["files"], state["nav"], state["env"]
    pages = files.documentation_pages()
    for uri in src_uris:
        page = files.get_file_from_path(uri).page
        packed = state["compact"].packed.get(uri) if state["compact"] is not None else None
        if packed is not None:
            page.content = decompress(packed).decode("utf-8")
        page.active = True
        try:
            context = page_context(page, config, pages, nav)
            env.get_template(page.meta.get("template", "main.html")).render(context)
        finally:
            page.active = False
            page.content = ""
    return len(src_uris)


def output_fingerprint(fingerprint: bytes, context: dict) -> bytes:
    """What every page's template output depends on besides the page itself: the render
    fingerprint (versions, configuration, files), the theme's template files (Casebook's
    overrides among them) and the whole navigation with its pages' titles and URLs."""
    config = context["config"]
    digest = hashlib.sha256(fingerprint)
    for folder in config.theme.dirs:
        for path in sorted(Path(folder).rglob("*.html")):
            digest.update(path.as_posix().encode() + b"\0" + path.read_bytes())
    digest.update(str(context.get("mkdocs_version")).encode())
    digest.update(_json([_nav_signature(item) for item in context["nav"]]).encode(
        "utf-8", "surrogatepass"))
    homepage = context["nav"].homepage
    digest.update(str(homepage.url if homepage else None).encode())
    return digest.digest()


def _nav_signature(item) -> list:
    children = getattr(item, "children", None) or []
    return [type(item).__name__, item.title, getattr(item, "url", None),
            [_nav_signature(child) for child in children]]


def page_signature(page) -> list:
    """Everything of one page that Material's templates read (see PRIVATE_NAMES' notes)."""
    def linked(other):
        return None if other is None else [other.url, other.title]

    return [page.url, page.canonical_url, page.abs_url, page.edit_url, page.title,
            page.is_homepage, page.meta, _toc(page.toc),
            linked(page.previous_page), linked(page.next_page),
            [[a.title, getattr(a, "url", None)] for a in page.ancestors]]


def _toc(items) -> list:
    return [[item.title, item.url, item.level, _toc(item.children)] for item in items or []]


_WORKER: dict[str, Any] = {}


def _worker_start(config: dict, folder: Path | None = None) -> None:
    """A worker's own MkDocs configuration and file list, made as MkDocs' build makes them."""
    from mkdocs.commands.build import get_navigation
    from mkdocs.structure.files import get_files, set_exclusions

    mkdocs_logger = logging.getLogger("mkdocs")
    for handler in list(mkdocs_logger.handlers):
        mkdocs_logger.removeHandler(handler)  # messages go back to the main process
    mkdocs_logger.propagate = False
    mkdocs_config = load_mkdocs_config(config, fresh_plugins=True)
    mkdocs_config = mkdocs_config.plugins.on_config(mkdocs_config)
    files = get_files(mkdocs_config)
    files.add_files_from_theme(mkdocs_config.theme.get_env(), mkdocs_config)
    files = mkdocs_config.plugins.on_files(files, config=mkdocs_config)
    set_exclusions(files, mkdocs_config)
    nav = get_navigation(files, mkdocs_config)
    mkdocs_config.plugins.on_nav(nav, config=mkdocs_config, files=files)
    fingerprint = render_fingerprint(config, files)
    _WORKER.update(config=mkdocs_config, files=files, fingerprint=fingerprint,
                   store=PieceStore(folder, fingerprint), by_source=keyed_by_source(mkdocs_config))


def _worker_convert(src_uris: list[str]) -> tuple[list[tuple[str, bytes, bool]], set[str]]:
    """Read and convert some pages as MkDocs would; each packed, with its key, and whether the
    main process is to find its search sections: a big page's not converted in pieces, which it
    would otherwise wait for idle; and the keys of the pieces used."""
    config, files, store = _WORKER["config"], _WORKER["files"], _WORKER["store"]
    store.used = set()
    done = []
    for uri in src_uris:
        page = files.get_file_from_path(uri).page
        front = None
        if _WORKER["by_source"]:
            source = page_source(page, config)
            key, front = page_key(_WORKER["fingerprint"], uri, source), read_source(page, source)
        else:
            page.read_source(config)
            page.markdown = config.plugins.on_page_markdown(
                page.markdown, page=page, config=config, files=files)
            key = page_key(_WORKER["fingerprint"], uri, page.markdown)
        big = len(src_uris) == 1 and len(page.markdown) > _CHUNK_BYTES
        rendered = render_page(page, config, files, sections=not big, store=store)
        rendered = replace(rendered, front=front)
        parse_here = big and not rendered.sections
        done.append((key, pack(rendered), parse_here))
        page.markdown = page.content = None  # not needed again in this worker
    return done, store.used


class StreamedSearchIndex:
    """MkDocs plugin: write Material's search index one entry at a time.

    Material turns the whole index into one JSON string, then into its UTF-8 bytes: at 10,000
    cases two copies of about 150 MB, at the very end of the build, where its memory peaks.
    This writes the same bytes entry by entry, then tells Material's plugin (a fresh instance,
    used for this build only) that there is nothing left to do."""

    def __init__(self, search, language: str | None = None) -> None:
        self.search = search
        self.language = language  # the site's: declared in the index (declared_language)

    def on_post_build(self, *, config) -> None:
        """Write search/search_index.json exactly as Material would, without the big string."""
        search = self.search
        if not search.config.enabled:
            return
        settings = declared_language(
            {key: search.config[key] for key in ("lang", "separator", "pipeline", "fields")},
            self.language)
        path = Path(config.site_dir) / "search" / "search_index.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "w", encoding="utf-8") as stream:  # ensure_ascii: ASCII either way
            stream.write('{"config":' + _json(settings) + ',"docs":[')
            stream.writelines(("," if number else "") + (
                entry if isinstance(entry, KeptEntries) else _json(entry))
                for number, entry in enumerate(search.search_index.entries))
            stream.write("]}")
        search.config.enabled = False  # Material's own on_post_build now returns at once

    on_post_build.mkdocs_priority = 100


def _json(value: Any) -> str:
    """JSON as Material's search plugin writes it."""
    return json.dumps(value, separators=(",", ":"), default=str)


def entries_json(entries: list) -> str:
    """A page's search entries as they are written in the index, comma-separated."""
    return ",".join(_json(entry) for entry in entries)


class KeptEntries(str):
    """One page's search entries (one or more) kept as the JSON the index is written with
    (``entries_json``): StreamedSearchIndex writes them without reading them again."""


class ThemeEnvironment:
    """One Jinja environment (templates compiled once, theme files listed once) shared by the
    builds of a preview; MkDocs makes and compiles a new one for every build."""

    def __init__(self) -> None:
        self.env = None
        self.templates: list[str] | None = None

    def install(self, theme) -> None:
        """Make theme.get_env() return the shared environment."""
        make_env = theme.get_env

        def shared_env():
            if self.env is None:
                self.env = make_env()
                list_templates = self.env.list_templates

                def listed(*args, **kwargs) -> list[str]:
                    if self.templates is None:
                        self.templates = list_templates(*args, **kwargs)
                    return self.templates

                self.env.list_templates = listed
            return self.env

        theme.get_env = shared_env


def load_mkdocs_config(config: dict, *, fresh_plugins: bool = True):
    """Validate config into an MkDocsConfig; errors (and strict warnings) raise."""
    from mkdocs.config.defaults import MkDocsConfig

    if fresh_plugins:
        forget_cached_plugins()
    config_file = os.path.join(os.path.dirname(config["docs_dir"]), "mkdocs.yml")
    mkdocs_config = MkDocsConfig(config_file_path=config_file)  # anchors relative paths only
    mkdocs_config.load_dict(copy.deepcopy(config))
    errors, warnings = mkdocs_config.validate()
    problems = [f"config '{key}': {error}" for key, error in errors]
    if config.get("strict"):
        problems += [f"config '{key}': {warning}" for key, warning in warnings]
    else:
        for key, warning in warnings:
            logging.getLogger("mkdocs.config").warning(f"config '{key}': {warning}")
    if problems:
        raise SiteBuildError(
            "Konfigurasi MkDocs tidak valid / invalid MkDocs config:\n  - "
            + "\n  - ".join(problems)
        )
    return mkdocs_config


def forget_cached_plugins() -> None:
    """Drop MkDocs' process-wide plugin instances so no state leaks between builds."""
    from mkdocs.config.defaults import MkDocsConfig

    MkDocsConfig.plugins.plugin_cache.clear()  # the class attribute is the config option


def failure_message(error: BaseException, messages: list[str]) -> str:
    """A readable summary of a failed build: MkDocs' warnings/errors, then the cause."""
    lines = [f"Gagal membangun situs / site build failed: {error}"]
    lines += [f"  - {message}" for message in messages]
    return "\n".join(lines)


class _LogCollector(logging.Handler):
    """Collects MkDocs' warnings and errors and forwards messages to a progress callback."""

    def __init__(self, progress: Callable[[str], None] | None) -> None:
        super().__init__(logging.INFO if progress else logging.WARNING)
        self.progress = progress
        self.messages: list[str] = []  # warnings and errors, in order
        self.warnings: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        """Record one MkDocs log message."""
        message = record.getMessage()
        if record.levelno >= logging.WARNING:
            self.messages.append(message)
            if record.levelno == logging.WARNING:
                self.warnings.append(message)
            message = f"{record.levelname}: {message}"
        if self.progress:
            self.progress(message)
        elif record.levelno >= logging.WARNING:
            log.log(record.levelno, message)


@contextmanager
def capture_mkdocs_log(progress: Callable[[str], None] | None) -> Iterator[_LogCollector]:
    """Route the 'mkdocs' logger into a collector for the duration of one build."""
    logger = logging.getLogger("mkdocs")
    collector = _LogCollector(progress)
    saved = (logger.level, logger.propagate)
    logger.addHandler(collector)
    logger.setLevel(collector.level)
    logger.propagate = False
    try:
        yield collector
    finally:
        logger.removeHandler(collector)
        logger.setLevel(saved[0])
        logger.propagate = saved[1]


def robots_txt(spec: SiteSpec) -> str:
    """The review site: no crawler anywhere. The public site: everything, and its sitemap."""
    if spec.audience == "review":
        return "User-agent: *\nDisallow: /\n"
    sitemap = f"\nSitemap: {spec.site_url}sitemap.xml\n" if spec.site_url else ""
    return "User-agent: *\nAllow: /\n" + sitemap


def install_robots(docs_dir: Path, spec: SiteSpec) -> bool:
    """Write docs_dir/robots.txt (copied as is by every engine); True when it changed."""
    target, text = docs_dir / "robots.txt", robots_txt(spec)
    if target.is_file() and target.read_text(encoding="utf-8") == text:
        return False
    target.write_text(text, encoding="utf-8")
    return True


def wanted_assets(spec: SiteSpec | None) -> list[Path]:
    """Casebook's assets a site needs: review.css on the review site, the file:// search
    shim on an offline one, the rest everywhere (no spec: every asset)."""
    skipped = set()
    if spec is not None and spec.audience != "review":
        skipped.add(REVIEW_CSS[0].rsplit("/", 1)[1])
    if spec is not None and not spec.offline:
        skipped.add(OFFLINE_POLYFILL.rsplit("/", 1)[1])
    return sorted(p for p in ASSETS_SOURCE.rglob("*") if p.is_file() and p.name not in skipped)


def install_assets(docs_dir: Path, spec: SiteSpec | None = None) -> list[Path]:
    """Copy the Casebook assets a site needs into docs_dir/assets/casebook/, the Indonesian
    search language file into the theme's place, and Casebook's theme override beside docs_dir
    (the theme's ``custom_dir``, so that every engine uses it), rewriting only changes."""
    written = [path for path in [search_lang.install_language_file(docs_dir)] if path]
    assets = {source.relative_to(ASSETS_SOURCE): source for source in wanted_assets(spec)}
    written += copy_changed(assets, docs_dir / ASSETS_TARGET)
    overrides = {p.relative_to(OVERRIDES): p for p in OVERRIDES.rglob("*") if p.is_file()}
    return written + copy_changed(overrides, overrides_folder(docs_dir))


def overrides_folder(docs_dir: Path) -> Path:
    """Where a tree's theme override lives: beside its docs folder, never inside it."""
    return Path(docs_dir).parent / OVERRIDES_TARGET


def copy_changed(sources: dict[Path, Path], target_folder: Path) -> list[Path]:
    """Copy each source file to its relative path under target_folder, rewriting only changes."""
    written = []
    for relative, source in sorted(sources.items()):
        target = target_folder / relative
        data = source.read_bytes()
        if not target.is_file() or target.read_bytes() != data:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
            written.append(target)
    return written


# --------------------------------------------------------------------------- post-build


def finish_output(site_dir: Path, audience: str, language: str = "id", *,
                  offline: bool = False, finished: dict[Path, int] | None = None,
                  done: frozenset[Path] | set[Path] = frozenset()) -> None:
    """Post-build passes, the same whatever the engine: deterministic sitemap; no HTML comments
    on the public site; search engines kept off the review site; the search index in the
    site's language (as a script on an offline site); a Content-Security-Policy on every page.
    ``done``: pages already finished (``finish_page``) as MkDocs wrote them.

    ``finished`` (a preview's builds): each page finished before, with its file time then; only
    pages written since are finished now, and recorded."""
    normalise_sitemap(site_dir)
    pages = sorted(set(html_files(site_dir)) - done)
    if finished is not None:
        pages = [page for page in pages if finished.get(page) != page.stat().st_mtime_ns]
    for page in pages:
        if audience == "public":
            strip_comments_in_file(page)
        else:
            add_noindex(page)
    declare_search_language(site_dir, language)
    if offline:
        inline_search_index(site_dir)
    apply_policy(site_dir, pages)
    if finished is not None:
        finished.update((page, page.stat().st_mtime_ns) for page in pages)


def html_files(site_dir: Path) -> list[Path]:
    """Every HTML file of a built site (os.walk: a third of the time rglob takes)."""
    return [Path(folder, name) for folder, _, names in os.walk(site_dir)
            for name in names if name.endswith(".html")]


def finish_page(html: str, audience: str) -> str:
    """What finish_output does to one page's HTML file, done to its text before it is written
    (newlines as reading the file back would leave them)."""
    if not html.strip():
        return html  # MkDocs writes no file for an empty page
    html = html.replace("\r\n", "\n").replace("\r", "\n")
    html = strip_html_comments(html) if audience == "public" else with_noindex(html)
    return with_policy(html)


NOINDEX = '<meta name="robots" content="noindex, nofollow">'


def with_noindex(html: str) -> str:
    """Tell search engines to stay away from a review page (its robots.txt disallows all too):
    the robots meta goes right after the charset declaration."""
    head, charset, rest = html.partition('<meta charset="utf-8">')
    if charset and NOINDEX not in html:
        return f"{head}{charset}\n    {NOINDEX}{rest}"
    return html


def add_noindex(page: Path) -> None:
    """with_noindex on a page's file."""
    html = page.read_text(encoding="utf-8")
    marked = with_noindex(html)
    if marked is not html:
        page.write_text(marked, encoding="utf-8")


SEARCH_INDEX = "search/search_index.json"
_INDEX_START = '{"config":'


def declare_search_language(site_dir: Path, language: str) -> None:
    """Declare Indonesian in Material's search index, so its search worker loads Casebook's own
    lunr.id (MkDocs' config validation accepts only languages it ships a lunr file for). Only
    the index's short config object at its start is rewritten; the entries are copied as bytes.
    (The index Casebook streams itself declares it as it is written: StreamedSearchIndex.)"""
    path = site_dir / SEARCH_INDEX
    if language != "id" or not path.is_file():
        return
    with open(path, "rb") as index:
        head = index.read(8192).decode("ascii", errors="replace")  # the config is ASCII JSON
    if not head.startswith(_INDEX_START):
        return
    config, end = json.JSONDecoder().raw_decode(head, len(_INDEX_START))
    if config.get("lang") == [language]:
        return
    start = _INDEX_START + _json(declared_language(config, language))
    rewritten = path.with_name(path.name + ".tmp")
    with open(path, "rb") as source, open(rewritten, "wb") as target:
        source.seek(end)
        target.write(start.encode("ascii"))
        shutil.copyfileobj(source, target)
    os.replace(rewritten, path)


def declared_language(settings: dict, language: str | None) -> dict:
    """The search index's settings with the site's language, when it is Indonesian (whose lunr
    file is Casebook's own, ``declare_search_language``)."""
    return {**settings, "lang": [language]} if language == "id" else settings


def inline_search_index(site_dir: Path) -> None:
    """search/search_index.js (``var __index = …``), which Material loads from file://, in
    place of the JSON it fetches over HTTP; the sitemap has no use offline."""
    index = site_dir / "search" / "search_index.json"
    if index.is_file():
        script = "var __index = " + index.read_text(encoding="utf-8")
        index.with_suffix(".js").write_text(script, encoding="utf-8")
        index.unlink()
    for name in ("sitemap.xml", "sitemap.xml.gz"):
        (site_dir / name).unlink(missing_ok=True)


_LASTMOD = re.compile(r"\s*<lastmod>[^<]*</lastmod>")


def normalise_sitemap(site_dir: Path) -> None:
    """Drop <lastmod> (build date) and re-gzip sitemap.xml with a zero mtime."""
    sitemap = site_dir / "sitemap.xml"
    if not sitemap.is_file():
        return
    text = _LASTMOD.sub("", sitemap.read_text(encoding="utf-8"))
    sitemap.write_text(text, encoding="utf-8")
    (site_dir / "sitemap.xml.gz").write_bytes(
        gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0)
    )


_COMMENT_OR_RAW_TEXT = re.compile(
    r"(?P<raw><(?P<tag>script|style|textarea)\b.*?</(?P=tag)\s*>)|<!--.*?(?:-->|\Z)",
    re.DOTALL | re.IGNORECASE,
)


def strip_html_comments(html: str) -> str:
    """Remove <!-- comments --> outside <script>, <style> and <textarea>."""
    return _COMMENT_OR_RAW_TEXT.sub(lambda m: m.group("raw") or "", html)


def strip_comments_in_file(path: Path) -> bool:
    """Strip HTML comments from one file in place; True when it changed."""
    html = path.read_text(encoding="utf-8")
    if "<!--" not in html:
        return False
    cleaned = strip_html_comments(html)
    if cleaned == html:
        return False
    path.write_text(cleaned, encoding="utf-8")
    return True


# --------------------------------------------------------------------------- serve


def doc_sources(docs_dir: Path) -> frozenset[str]:
    """Relative paths of every file under docs_dir (to notice added/removed pages)."""
    return frozenset(
        os.path.relpath(os.path.join(root, name), docs_dir)
        for root, _dirs, names in os.walk(docs_dir)
        for name in names
    )


CHANGE_EVENTS = frozenset({"created", "modified", "moved", "deleted"})


def native_observer():
    """The operating system's file-event observer (inotify on Linux): a save is seen at once,
    where MkDocs' polling observer looks every half second; polling where there is none."""
    from watchdog.observers import Observer

    return Observer()


class DevServer:
    """MkDocs' LiveReloadServer around Casebook's regenerate step (see serve())."""

    def __init__(
        self,
        spec: SiteSpec,
        *,
        regenerate: Callable[[list[Path]], Callable[[], None] | None],
        watch: list[Path],
        host: str = "127.0.0.1",
        port: int = 8000,
        banner: Callable[[], str] | None = None,
    ) -> None:
        from mkdocs.livereload import LiveReloadServer

        self.site_dir = Path(tempfile.mkdtemp(prefix="casebook-serve-"))
        self.spec = replace(spec, site_dir=self.site_dir, strict=False)
        self.config = engine_config(self.spec)
        self.regenerate = regenerate
        self.watch_paths = [Path(p).resolve() for p in watch]
        self._changes: set[Path] = set()
        self._changes_lock = threading.Lock()
        self.last_build: str | None = None  # "full" | "dirty" once built
        self._sources: frozenset[str] = frozenset()
        self._finished: dict[Path, int] = {}  # HTML page → its file time when last finished
        self._plugins = None
        self._theme_env = ThemeEnvironment()
        self.server = LiveReloadServer(
            builder=self.rebuild, host=host, port=port, root=str(self.site_dir)
        )
        self.server.observer = native_observer()
        self.server.error_handler = self._error_page
        self.banner = banner or (lambda: "")
        inject_script = self.server._inject_js_into_html
        self.server._inject_js_into_html = (  # every served page also carries the banner
            lambda content, epoch: inject_script(self._with_banner(content), epoch)
        )
        self.url = self.server.url

    def rebuild(self) -> None:
        """Regenerate the Markdown for changed sources, then build (dirty when safe).

        When regenerate leaves work for later, the browsers reload as soon as the first
        build is done, and the pages it left are built in a second pass -- unless another
        save has come in meanwhile: that one is shown first, and the work left waits."""
        changed = self._take_changes()
        later = self.regenerate(changed) if changed else None
        self._build()
        if later is not None:
            self._reload_browsers()
            if self._has_changes():
                return
            later()
            self._build()
            self._reload_browsers()

    def _with_banner(self, content: bytes) -> bytes:
        """content with the current banner (HTML, already escaped) right after ``<body>``."""
        banner = self.banner()
        if not banner:
            return content
        start = content.find(b"<body")
        start = content.find(b">", start) + 1 if start >= 0 else 0
        return content[:start] + banner.encode("utf-8") + content[start:]

    def _build(self) -> None:
        install_assets(Path(self.spec.docs_dir), self.spec)
        install_robots(Path(self.spec.docs_dir), self.spec)
        sources = doc_sources(Path(self.spec.docs_dir))
        dirty = self.last_build is not None  # else: full build
        if dirty:  # added pages are built as modified ones; removed pages' output goes
            self._remove_outputs(self._sources - sources)
        run_mkdocs(self.config, serve_url=self.url, dirty=dirty, fresh_plugins=False,
                   theme_env=self._theme_env)
        finish_output(self.site_dir, self.spec.audience, self.spec.language,
                      finished=self._finished)
        self.last_build, self._sources = ("dirty" if dirty else "full"), sources

    def _remove_outputs(self, removed: Iterable[str]) -> None:
        """Delete what the removed source files were built into (a page, or a copied file)."""
        from mkdocs.structure.files import File

        use_urls = self.config.get("use_directory_urls", True)
        for source in removed:
            built = File(source, str(self.spec.docs_dir), str(self.site_dir), use_urls)
            Path(built.abs_dest_path).unlink(missing_ok=True)

    def _reload_browsers(self) -> None:
        """Reload open pages and serve what is built so far, before the builder returns (until
        then MkDocs holds every page request)."""
        server = self.server
        with server._epoch_cond:
            epoch = max(round(time.monotonic() * 1000), server._visible_epoch + 1)
            server._wanted_epoch = server._visible_epoch = epoch
            server._epoch_cond.notify_all()

    def run(self) -> None:
        """Initial build, then serve and rebuild on changes until shutdown()."""
        install_assets(Path(self.spec.docs_dir), self.spec)  # the theme's custom_dir must exist first
        self._plugins = load_mkdocs_config(self.config, fresh_plugins=True).plugins
        self._plugins.on_startup(command="serve", dirty=True)  # search keeps its index
        self.rebuild()
        for path in self.watch_paths:
            self._watch(path)
        self.server.serve()

    def shutdown(self) -> None:
        """Stop serving and delete the temporary site folder."""
        self.server.shutdown()
        if self._plugins is not None:
            self._plugins.on_shutdown()
        shutil.rmtree(self.site_dir, ignore_errors=True)

    def _watch(self, path: Path) -> None:
        """Watch one source path: record each changed file, then ask for a rebuild.

        A single file is watched through its folder, so that an editor that saves by
        replacing the file is still seen."""
        import watchdog.events

        server = self.server
        folder = path if path.is_dir() else path.parent
        only = None if path.is_dir() else path.name

        def on_event(event) -> None:
            if event.is_directory or event.event_type not in CHANGE_EVENTS:
                return  # inotify also reports files opened and closed: reading is no change
            raw_paths = (event.src_path, getattr(event, "dest_path", ""))
            paths = [Path(os.fsdecode(raw)) for raw in raw_paths if raw]
            if only is not None:
                paths = [p for p in paths if p.name == only]
            if not paths:
                return
            with self._changes_lock:
                self._changes.update(paths)
            with server._rebuild_cond:  # the same trigger LiveReloadServer.watch uses
                server._want_rebuild = True
                server._rebuild_cond.notify_all()

        handler = watchdog.events.FileSystemEventHandler()
        handler.on_any_event = on_event
        server.observer.schedule(handler, str(folder), recursive=only is None)
        server._watched_paths[str(path)] = 1  # so serve() starts the observer

    def _has_changes(self) -> bool:
        with self._changes_lock:
            return bool(self._changes)

    def _take_changes(self) -> list[Path]:
        """Return and forget the changed paths recorded since the last rebuild."""
        with self._changes_lock:
            changed, self._changes = sorted(self._changes), set()
        return changed

    def _error_page(self, code: int) -> bytes | None:
        """Serve the site's own 404.html for missing pages."""
        page = self.site_dir / f"{code}.html"
        return page.read_bytes() if code == 404 and page.is_file() else None


def serve(
    spec: SiteSpec,
    *,
    regenerate: Callable[[list[Path]], Callable[[], None] | None],
    watch: list[Path],
    host: str = "127.0.0.1",
    port: int = 8000,
    banner: Callable[[], str] | None = None,
) -> None:
    """Serve a live-reloading preview of spec until Ctrl-C (site_dir is not touched).

    The initial build is full; afterwards each change under ``watch`` calls
    ``regenerate(changed_paths)`` (which rewrites the affected Markdown in docs_dir) and
    MkDocs rebuilds only the modified and added pages ("dirty" build, development only:
    other pages' nav and the search index may lag); removed pages' output is deleted.
    What regenerate returns, if anything, is the work that can wait: it runs after the
    browsers have reloaded, followed by another build. ``banner()``, if given, is HTML
    put at the top of every page served (the project's problems while it has any).
    """
    server = DevServer(spec, regenerate=regenerate, watch=watch, host=host, port=port,
                       banner=banner)
    try:
        server.run()
    except KeyboardInterrupt:
        log.info("Berhenti / shutting down")
    finally:
        server.shutdown()
