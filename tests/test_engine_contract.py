"""The private MkDocs and Material names that generator/site/engine.py still uses exist in the
installed releases: an upgrade that moves one fails here, with what it was for."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from importlib import metadata

import pytest
from conftest import REPO

from generator.site import engine as site

SITE_MODULE = REPO / "generator" / "site" / "engine.py"


@pytest.fixture(scope="module")
def live_objects(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, object]]:
    """One real instance of each class that owns a listed private name."""
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.files import File
    from mkdocs.structure.pages import Page

    tmp_path = tmp_path_factory.mktemp("engine")
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# Beranda\n", encoding="utf-8")
    spec = site.SiteSpec("public", docs, tmp_path / "site", None, "Uji")
    site.install_assets(docs)
    config = site.load_mkdocs_config(site.engine_config(spec))
    config.plugins.on_config(config)
    search = config.plugins["material/search"]
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(docs))
    page = Page(None, File("index.md", str(docs), str(tmp_path / "site"), True), config)
    yield {
        "mkdocs.structure.pages.Page": page,
        "mkdocs.livereload.LiveReloadServer": server,
        "material.plugins.search.plugin.SearchPlugin": search,
        "material.plugins.search.plugin.SearchIndex": search.search_index,
    }
    server.server_close()


def installed() -> str:
    return ", ".join(f"{dist} {metadata.version(dist)}" for dist in site.CHECKED_AGAINST)


@pytest.mark.parametrize("private", site.PRIVATE_NAMES, ids=lambda p: f"{p.owner}.{p.name}")
def test_each_private_name_exists_in_the_installed_engine(private, live_objects):
    assert hasattr(live_objects[private.owner], private.name), (
        f"{private.owner}.{private.name} is gone in {installed()} (checked against "
        f"{site.CHECKED_AGAINST}); Casebook used it for: {private.why}. "
        "Change generator/site/engine.py before moving to this release."
    )


def private_names_used_in_site_module() -> set[str]:
    """Every ``obj._name`` attribute that site.py reads or writes."""
    tree = ast.parse(SITE_MODULE.read_text(encoding="utf-8"))
    return {
        node.attr
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute)
        and node.attr.startswith("_")
        and not node.attr.startswith("__")
        and not (isinstance(node.value, ast.Name) and node.value.id in {"self", "cls", "site"})
    }


def test_every_private_name_site_uses_is_listed():
    """A private name added to site.py without a line in PRIVATE_NAMES fails here."""
    listed = {private.name for private in site.PRIVATE_NAMES}
    assert private_names_used_in_site_module() <= listed


def test_the_theme_reads_no_page_fact_the_kept_output_key_leaves_out():
    """A page's finished HTML is kept by the facts of it that Material's templates read
    (``page_signature``, ``output_fingerprint``); the build date is not among them, so no
    template may print it, and every ``page.`` fact a template reads must be in the key."""
    import re

    from generator.site.engine import theme_folder

    templates = [path.read_text(encoding="utf-8")
                 for path in sorted(theme_folder("mkdocs").rglob("*.html"))]
    templates.append((REPO / "generator" / "site" / "overrides" / "main.html").read_text(
        encoding="utf-8"))
    assert not any("build_date_utc" in text for text in templates)
    read = {name for text in templates for name in re.findall(r"\bpage\.([a-z_]+)", text)}
    in_key = {"url", "canonical_url", "abs_url", "edit_url", "title", "is_homepage", "meta",
              "toc", "previous_page", "next_page", "ancestors", "parent", "content"}
    blog_only = {"authors", "categories", "config"}  # Material's blog plugin (not configured)
    assert read - in_key - blog_only == set()
