"""Tests for generator/site.py: config per audience, real MkDocs builds, serve, browser."""

from __future__ import annotations

import gzip
import os
import shutil
import socket
import threading
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import browser
import pytest

from generator.site import engine as site
from generator.site.engine import SiteBuildError, SiteSpec

ROOT = Path(__file__).resolve().parents[1]
PROJECT_CONFIG = ROOT / "mkdocs.yml"
SHOTS_FOR_LEAD = Path("/tmp/casebook-shots")

NAV = [
    {"Beranda": "index.md"},
    {"Kasus": ["kasus/index.md"]},
    {"Statistik": "statistik.md"},
    {"Tentang": "tentang.md"},
]

# Synthetic pages: opaque case ids, no person's name anywhere.
PAGES = {
    "index.md": """# Beranda

Situs contoh Dinas Sosial Kota Sukamaju (fiktif). Lihat [daftar kasus](kasus/index.md),
[statistik](statistik.md) dan [tentang situs ini](tentang.md).
""",
    "kasus/index.md": """# Kasus

| Kasus | Layanan |
|---|---|
| [K-7F3A](k-7f3a.md) | Pendampingan keluarga |
| [K-91C2](k-91c2.md) | Rujukan beasiswa |
""",
    "kasus/k-7f3a.md": """# Kasus K-7F3A

Keluarga dampingan menerima pendampingan rutin. Kembali ke [daftar kasus](index.md).

!!! note "Catatan"
    Ringkasan ini telah dianonimkan.
""",
    "kasus/k-91c2.md": """# Kasus K-91C2

Anak dampingan dirujuk ke program beasiswa, lalu dipantau tiap bulan.
Lihat juga [kasus lain](k-7f3a.md#kasus-k-7f3a).
""",
    "statistik.md": """# Statistik

Jumlah kasus per kecamatan dibulatkan ke kelipatan lima.
""",
    "tentang.md": """# Tentang

Situs ini dibuat dengan Casebook.

<!-- catatan-internal-penulis -->
""",
}


def write_tree(docs: Path, pages: dict[str, str] = PAGES) -> Path:
    """Write the sample Markdown tree (plus a stray data file) into docs."""
    for name, text in pages.items():
        path = docs / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (docs / "kasus" / "data.yml").write_text("catatan: jangan terbit\n", encoding="utf-8")
    return docs


def make_spec(tmp: Path, audience: str = "public", **changes) -> SiteSpec:
    """A spec for the sample tree under tmp."""
    values = {
        "audience": audience,
        "docs_dir": tmp / "docs",
        "site_dir": tmp / "site" / audience,
        "nav": NAV,
        "site_name": "Casebook Uji",
        "strict": True,
        "base_config": PROJECT_CONFIG,
    }
    return SiteSpec(**{**values, **changes})


def all_files(folder: Path) -> dict[str, bytes]:
    """Every file under folder, by relative path, with its bytes."""
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def plugin_names(config: dict) -> list[str]:
    """Plugin names of an MkDocs config dict."""
    return [next(iter(p)) if isinstance(p, dict) else p for p in config["plugins"]]


RISKY_BASE = {
    "theme": {
        "name": "material",
        "custom_dir": "overrides",
        "font": {"text": "Roboto"},
        "features": ["navigation.sections", "content.action.edit", "content.action.view"],
    },
    "extra": {"analytics": {"provider": "google", "property": "G-XXXX"}, "casebook": {"x": 1}},
    "repo_url": "https://example.invalid/dinsos/casebook",
    "edit_uri": "edit/main/content/",
    "copyright": "Contoh",
}


# --------------------------------------------------------------------------- config


def test_public_config_has_no_repo_edit_links_fonts_or_analytics(tmp_path):
    config = site.assemble_config(make_spec(tmp_path, "public"), RISKY_BASE)
    assert not {"repo_url", "repo_name", "edit_uri"} & config.keys()
    assert config["theme"]["font"] is False
    # The project's own overrides never reach the site; Casebook's escaped <title> does.
    assert config["theme"]["custom_dir"] == str(tmp_path / site.OVERRIDES_TARGET)
    assert not [f for f in config["theme"]["features"] if f.startswith("content.action")]
    assert plugin_names(config) == ["search"]
    assert "analytics" not in config["extra"]
    assert config["extra"]["casebook"] == {"x": 1, "audience": "public"}
    assert config["use_directory_urls"] is True
    assert all(not css.startswith(("http:", "https:", "//")) for css in config["extra_css"])


def test_review_differs_from_public_only_where_intended(tmp_path):
    review = site.assemble_config(make_spec(tmp_path, "review"), RISKY_BASE)
    public = site.assemble_config(make_spec(tmp_path, "public"), RISKY_BASE)
    assert review["repo_url"] == RISKY_BASE["repo_url"]
    assert review["edit_uri"] == RISKY_BASE["edit_uri"]
    assert "content.action.edit" in review["theme"]["features"]
    assert review["theme"]["font"] is False and "analytics" not in review["extra"]
    assert plugin_names(review) == ["search"]
    differing = {key for key in review.keys() | public.keys() if review.get(key) != public.get(key)}
    assert differing == {"site_dir", "repo_url", "edit_uri", "theme", "extra", "extra_css"}
    assert review["extra_css"] == [*public["extra_css"], *site.REVIEW_CSS]  # the print line


def test_engine_config_reads_the_project_mkdocs_yml(tmp_path):
    spec = make_spec(tmp_path, language="en")
    config = site.engine_config(spec)
    assert config["site_name"] == "Casebook Uji"
    assert config["docs_dir"] == str((tmp_path / "docs").resolve())
    assert Path(config["site_dir"]).is_absolute()
    assert config["theme"]["language"] == "en"
    assert config["theme"]["palette"][0]["scheme"] == "default"
    assert {"toc", "admonition"} <= {
        next(iter(e)) if isinstance(e, dict) else e for e in config["markdown_extensions"]
    }
    assert config["extra"]["casebook"]["office"] == "Dinas Sosial Kota Sukamaju"
    assert config["nav"] == NAV and config["strict"] is True
    assert config["validation"]["nav"]["omitted_files"] == "ignore"
    assert "navigation.prune" not in config["theme"]["features"]


def test_derived_nav_gets_pruned(tmp_path):
    config = site.engine_config(make_spec(tmp_path, nav=None, base_config=None))
    assert "nav" not in config
    assert "navigation.prune" in config["theme"]["features"]
    assert config["theme"]["features"][: len(site.DEFAULT_FEATURES)] == list(site.DEFAULT_FEATURES)


def test_unknown_audience_is_rejected(tmp_path):
    with pytest.raises(ValueError, match="audience"):
        make_spec(tmp_path, "internet")


def test_cdn_backed_emoji_extension_is_refused(tmp_path):
    with pytest.raises(SiteBuildError, match="pymdownx.emoji"):
        site.assemble_config(make_spec(tmp_path), {"markdown_extensions": ["pymdownx.emoji"]})


def test_base_config_with_python_tags_is_refused(tmp_path):
    unsafe = tmp_path / "mkdocs.yml"
    unsafe.write_text("theme:\n  icon: !!python/name:os.system\n", encoding="utf-8")
    with pytest.raises(SiteBuildError, match="invalid YAML"):
        site.read_base_config(unsafe)


def test_strip_html_comments_keeps_scripts_and_styles():
    html = (
        "<p>a<!-- rahasia\nbaris dua -->b</p>"
        "<script>if (x <!--y) {}</script><style>/*<!--*/</style>"
        "<pre><code>&lt;!-- kode --&gt;</code></pre><!-- tanpa penutup"
    )
    assert site.strip_html_comments(html) == (
        "<p>ab</p><script>if (x <!--y) {}</script><style>/*<!--*/</style>"
        "<pre><code>&lt;!-- kode --&gt;</code></pre>"
    )


# --------------------------------------------------------------------------- builds


@pytest.fixture(scope="module")
def public_site(tmp_path_factory) -> Path:
    """One strict public build of the sample tree (shared by read-only tests)."""
    tmp = tmp_path_factory.mktemp("public")
    write_tree(tmp / "docs")
    spec = make_spec(tmp, "public")
    messages: list[str] = []
    site.build_site(spec, progress=messages.append)
    assert any("built" in m for m in messages)
    return spec.site_dir


@pytest.mark.slow
def test_build_writes_pages_search_index_and_css(public_site):
    for name in (
        "index.html",
        "404.html",
        "kasus/k-7f3a/index.html",
        "tentang/index.html",
        "search/search_index.json",
        "assets/casebook/casebook.css",
        "sitemap.xml.gz",
    ):
        assert (public_site / name).is_file(), name
    index = (public_site / "index.html").read_text(encoding="utf-8")
    assert 'href="assets/casebook/casebook.css"' in index
    assert '<html lang="id"' in index
    search_index = (public_site / "search/search_index.json").read_text(encoding="utf-8")
    assert '"location":"kasus/k-91c2/"' in search_index  # case pages are searchable
    # case pages stay out of the nav of other pages (the nav is quadratic otherwise)
    assert "k-7f3a" not in (public_site / "statistik/index.html").read_text(encoding="utf-8")


@pytest.mark.slow
def test_public_build_has_no_comments_data_files_or_external_assets(public_site):
    assert not (public_site / "kasus" / "data.yml").exists()
    assert not [p for p in public_site.rglob("*") if p.suffix in {".yml", ".yaml", ".md"}]
    for page in public_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "catatan-internal-penulis" not in html, page
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html, page
        assert 'src="http' not in html and 'href="https://fonts' not in html, page
        assert "api.github.com" not in html and "md-source" not in html, page


@pytest.mark.slow
def test_review_build_keeps_comments(tmp_path):
    write_tree(tmp_path / "docs")
    spec = make_spec(tmp_path, "review")
    site.build_site(spec)
    html = (spec.site_dir / "tentang/index.html").read_text(encoding="utf-8")
    assert "<!-- catatan-internal-penulis -->" in html


@pytest.mark.slow
def test_strict_build_fails_on_broken_link_and_keeps_previous_site(tmp_path):
    write_tree(tmp_path / "docs")
    spec = make_spec(tmp_path)
    spec.site_dir.mkdir(parents=True)
    marker = spec.site_dir / "penanda.txt"
    marker.write_text("situs lama\n", encoding="utf-8")
    (tmp_path / "docs" / "rusak.md").write_text(
        "# Rusak\n\nLihat [halaman hilang](tidak-ada.md).\n", encoding="utf-8"
    )
    with pytest.raises(SiteBuildError) as failure:
        site.build_site(spec)
    assert "rusak.md" in str(failure.value) and "tidak-ada.md" in str(failure.value)
    assert marker.read_text(encoding="utf-8") == "situs lama\n"
    assert sorted(p.name for p in spec.site_dir.iterdir()) == ["penanda.txt"]
    assert [p.name for p in spec.site_dir.parent.iterdir()] == ["public"]  # no staging left


@pytest.mark.slow
def test_successful_build_replaces_previous_site(tmp_path):
    write_tree(tmp_path / "docs")
    spec = make_spec(tmp_path)
    spec.site_dir.mkdir(parents=True)
    (spec.site_dir / "basi.html").write_text("lama", encoding="utf-8")
    site.build_site(spec)
    assert not (spec.site_dir / "basi.html").exists()
    assert (spec.site_dir / "index.html").is_file()
    assert [p.name for p in spec.site_dir.parent.iterdir()] == ["public"]


@pytest.mark.slow
def test_two_builds_are_byte_identical_whatever_the_date_or_cwd(tmp_path, monkeypatch):
    write_tree(tmp_path / "docs")
    first = make_spec(tmp_path, site_dir=tmp_path / "satu")
    second = make_spec(tmp_path, site_dir=tmp_path / "dua")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1000000000")  # 2001-09-09
    site.build_site(first)
    decoy = tmp_path / "lain"
    decoy.mkdir()
    (decoy / "mkdocs.yml").write_text("site_name: UMPAN\ndocs_dir: .\n", encoding="utf-8")
    monkeypatch.chdir(decoy)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1900000000")  # 2030-03-17
    site.build_site(second)
    one, two = all_files(first.site_dir), all_files(second.site_dir)
    assert one.keys() == two.keys()
    assert [name for name in one if one[name] != two[name]] == []
    assert b"UMPAN" not in two["index.html"]
    assert gzip.decompress(two["sitemap.xml.gz"]) == two["sitemap.xml"]
    assert two["sitemap.xml.gz"][4:8] == b"\0\0\0\0"  # gzip header mtime


# --------------------------------------------------------------------------- serve


def free_port() -> int:
    """A TCP port that was free a moment ago on 127.0.0.1."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch_until(url: str, needle: str, timeout: float = 30.0) -> str:
    """GET url until its body contains needle (or fail after timeout seconds)."""
    deadline, body = time.monotonic() + timeout, ""
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                body = response.read().decode("utf-8")
            if needle in body:
                return body
        except OSError:
            pass
        time.sleep(0.2)
    raise AssertionError(f"{needle!r} never appeared at {url}")


def wait_until(condition, timeout: float = 15.0) -> None:
    """Poll condition() until it is true (or fail after timeout seconds)."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "condition never became true"
        time.sleep(0.05)


@contextmanager
def running_server(tmp_path: Path, regenerate, sources: Path):
    """A DevServer on the sample tree, serving from a thread until the block ends."""
    spec = make_spec(tmp_path, "public", site_dir=tmp_path / "tidak-dipakai")
    server = site.DevServer(spec, regenerate=regenerate, watch=[sources], port=free_port())
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        thread.join(timeout=10)
    assert not thread.is_alive()


@pytest.mark.slow
def test_serve_regenerates_and_rebuilds_changed_sources(tmp_path, caplog):
    docs = write_tree(tmp_path / "docs")
    sources = tmp_path / "cases"
    sources.mkdir()
    (sources / "k-7f3a.txt").write_text("versi pertama", encoding="utf-8")
    calls: list[list[Path]] = []

    def regenerate(changed: list[Path]) -> None:
        calls.append(changed)
        for source in changed:
            if source.exists():
                text = source.read_text(encoding="utf-8")
                page = docs / "kasus" / f"{source.stem}.md"
                page.write_text(f"# Kasus {source.stem.upper()}\n\n{text}\n", encoding="utf-8")

    with running_server(tmp_path, regenerate, sources) as server:
        fetch_until(server.url + "kasus/k-7f3a/", "pendampingan rutin")
        wait_until(lambda: server.last_build == "full")
        time.sleep(1.1)  # let the new Markdown get a newer mtime than the built page
        (sources / "k-7f3a.txt").write_text("versi kedua yang baru", encoding="utf-8")
        body = fetch_until(server.url + "kasus/k-7f3a/", "versi kedua yang baru")
        assert "livereload" in body  # served by MkDocs' LiveReloadServer
        assert [sources / "k-7f3a.txt"] in calls
        wait_until(lambda: server.last_build == "dirty")
        index = fetch_until(server.url + "search/search_index.json", "versi kedua")
        assert "beasiswa" in index  # unchanged pages stay searchable after a dirty build

        (sources / "k-5d0e.txt").write_text("halaman baru", encoding="utf-8")
        fetch_until(server.url + "kasus/k-5d0e/", "halaman baru")
        assert server.last_build == "dirty"  # a new page is built alone, like a changed one
        (sources / "k-5d0e.txt").unlink()
        (docs / "kasus" / "k-5d0e.md").unlink()  # what the regenerator does for a deleted case
        (sources / "k-7f3a.txt").write_text("versi ketiga", encoding="utf-8")
        fetch_until(server.url + "kasus/k-7f3a/", "versi ketiga")
        assert server.last_build == "dirty"
        assert not (server.site_dir / "kasus" / "k-5d0e" / "index.html").exists()
    assert not [r for r in caplog.records if "'dirty' build" in r.getMessage()]  # not every save
    assert not (tmp_path / "tidak-dipakai").exists()
    assert not server.site_dir.exists()


def test_compact_pages_changes_nothing_in_the_output_and_holds_no_page_text(
    tmp_path, monkeypatch
):
    pages = {**PAGES, "tanpa-judul.md": "Halaman tanpa judul utama, hanya teks biasa.\n"}
    write_tree(tmp_path / "docs", pages)
    held: dict[str, tuple] = {}

    class Probe:  # runs after every page is rendered and before any is written
        def on_env(self, env, *, config, files):
            held["pages"] = tuple(
                (f.page.markdown, f.page.content) for f in files.documentation_pages()
            )
            return env

    real_load = site.load_mkdocs_config

    def load_with_probe(config, **options):
        loaded = real_load(config, **options)
        loaded.plugins["probe"] = Probe()
        return loaded

    monkeypatch.setattr(site, "load_mkdocs_config", load_with_probe)
    compact = make_spec(tmp_path, "review", site_dir=tmp_path / "compact", nav=None)
    site.build_site(compact)
    assert held["pages"] and all(page == ("", "") for page in held["pages"])

    monkeypatch.setattr(site, "CompactPages", Probe)  # the same build, pages kept whole
    whole = make_spec(tmp_path, "review", site_dir=tmp_path / "whole", nav=None)
    site.build_site(whole)
    assert any(markdown and content for markdown, content in held["pages"])
    assert all_files(tmp_path / "compact") == all_files(tmp_path / "whole")
    untitled = (tmp_path / "compact" / "tanpa-judul" / "index.html").read_text(encoding="utf-8")
    assert "<title>Tanpa judul - Casebook Uji</title>" in untitled


def test_streamed_search_index_is_byte_identical_to_materials(tmp_path, monkeypatch):
    write_tree(tmp_path / "docs")
    written: list[str] = []
    real_json = site._json
    monkeypatch.setattr(site, "_json", lambda value: written.append(real_json(value)) or written[-1])
    streamed = make_spec(tmp_path, "public", site_dir=tmp_path / "streamed")
    site.build_site(streamed)
    assert len(written) > 5  # the settings, then one entry at a time

    rewritten: list[Path] = []
    real_replace = site.os.replace
    monkeypatch.setattr(site.os, "replace", lambda a, b: rewritten.append(Path(b)) or real_replace(a, b))
    site.declare_search_language(tmp_path / "streamed", "id")
    assert not rewritten  # it declares Indonesian as it writes the index

    class Untouched:  # Material writes its own index (then finish_output declares Indonesian)
        def __init__(self, search, language=None) -> None:
            assert search.config.enabled

    monkeypatch.setattr(site, "StreamedSearchIndex", Untouched)
    material = make_spec(tmp_path, "public", site_dir=tmp_path / "material")
    site.build_site(material)
    ours = (tmp_path / "streamed" / "search" / "search_index.json").read_bytes()
    assert ours == (tmp_path / "material" / "search" / "search_index.json").read_bytes()
    assert b"pendampingan rutin" in ours and ours.isascii() and b'"lang":["id"]' in ours


@pytest.mark.slow
def test_serve_reloads_with_the_saved_page_before_the_deferred_ones(tmp_path):
    docs = write_tree(tmp_path / "docs")
    sources = tmp_path / "cases"
    sources.mkdir()
    (sources / "k-7f3a.txt").write_text("versi pertama", encoding="utf-8")  # built as written
    deferred_started, release = threading.Event(), threading.Event()
    finished: list[str] = []

    def regenerate(changed: list[Path]):
        text = (sources / "k-7f3a.txt").read_text(encoding="utf-8")
        (docs / "kasus" / "k-7f3a.md").write_text(f"# Kasus K-7F3A\n\n{text}\n", encoding="utf-8")

        def later() -> None:  # e.g. the reports that quote the case
            deferred_started.set()
            release.wait(timeout=20)
            (docs / "statistik.md").write_text(f"# Statistik\n\nRingkasan: {text}\n",
                                               encoding="utf-8")
            finished.append(text)

        return later

    with running_server(tmp_path, regenerate, sources) as server:
        try:
            fetch_until(server.url + "kasus/k-7f3a/", "pendampingan rutin")
            time.sleep(1.1)  # a newer mtime than the built pages
            (sources / "k-7f3a.txt").write_text("versi kedua", encoding="utf-8")
            assert deferred_started.wait(timeout=20)
            # The deferred work has not finished, yet the saved page is already served.
            fetch_until(server.url + "kasus/k-7f3a/", "versi kedua", timeout=5)
            assert finished == []
        finally:
            release.set()
        fetch_until(server.url + "statistik/", "Ringkasan: versi kedua")
        assert finished == ["versi kedua"]


@pytest.mark.slow
def test_a_save_during_the_deferred_pass_is_shown_first(tmp_path):
    docs = write_tree(tmp_path / "docs")
    sources = tmp_path / "cases"
    sources.mkdir()
    (sources / "k-7f3a.txt").write_text("satu", encoding="utf-8")
    deferred: list[str] = []
    server_ref: list[site.DevServer] = []

    def regenerate(changed: list[Path]):
        text = (sources / "k-7f3a.txt").read_text(encoding="utf-8")
        (docs / "kasus" / "k-7f3a.md").write_text(f"# Kasus K-7F3A\n\n{text}\n", encoding="utf-8")
        if text == "dua":  # a second save lands before the first reload is over
            (sources / "k-7f3a.txt").write_text("tiga", encoding="utf-8")
            wait_until(server_ref[0]._has_changes)
        return lambda: deferred.append(text)

    with running_server(tmp_path, regenerate, sources) as server:
        server_ref.append(server)
        fetch_until(server.url + "kasus/k-7f3a/", "pendampingan rutin")
        time.sleep(1.1)
        (sources / "k-7f3a.txt").write_text("dua", encoding="utf-8")
        fetch_until(server.url + "kasus/k-7f3a/", "tiga")
        wait_until(lambda: deferred)
        assert deferred == ["tiga"]  # the deferred pass of "dua" gave way to the newer save


def test_a_watched_file_replaced_by_rename_is_noticed_and_reading_is_not(tmp_path):
    settings = tmp_path / "office.yaml"
    settings.write_text("nama: Kantor\n", encoding="utf-8")
    (tmp_path / "lain.txt").write_text("bukan sumber\n", encoding="utf-8")
    write_tree(tmp_path / "docs")
    spec = make_spec(tmp_path, "public", site_dir=tmp_path / "tidak-dipakai")
    server = site.DevServer(spec, regenerate=lambda changed: None, watch=[settings],
                            port=free_port())
    server._watch(settings)
    server.server.observer.start()
    try:
        settings.read_text(encoding="utf-8")  # opening and closing is no change
        (tmp_path / "lain.txt").write_text("diubah\n", encoding="utf-8")  # not watched
        time.sleep(0.5)
        assert not server._has_changes()
        replacement = tmp_path / ".office.yaml.swp"
        replacement.write_text("nama: Kantor Baru\n", encoding="utf-8")
        os.replace(replacement, settings)  # how many editors save
        wait_until(server._has_changes, timeout=5)
        assert server._take_changes() == [settings]
    finally:
        server.server.observer.stop()
        server.server.observer.join(timeout=5)
        server.server.server_close()
        shutil.rmtree(server.site_dir, ignore_errors=True)


# --------------------------------------------------------------------------- browser


@pytest.mark.browser
def test_browser_navigation_search_print_and_no_foreign_requests(public_site, tmp_path):
    shots = tmp_path / "shots"
    shots.mkdir()
    with browser.static_server(public_site) as base_url, browser.chromium() as session:
        page = session.page
        page.goto(base_url)
        assert page.locator("h1").first.inner_text().startswith("Beranda")
        page.screenshot(path=shots / "beranda.png", full_page=True)

        page.locator(".md-sidebar--primary a.md-nav__link", has_text="Tentang").first.click()
        page.wait_for_url(f"{base_url}tentang/")
        assert page.locator("h1").first.inner_text().startswith("Tentang")

        page.locator("input.md-search__input").click()
        page.keyboard.type("beasiswa")
        result = page.locator(".md-search-result__item").first
        result.wait_for(state="visible", timeout=15000)
        assert "K-91C2" in page.locator(".md-search-result").inner_text()
        page.screenshot(path=shots / "cari.png")

        page.keyboard.press("Escape")
        page.emulate_media(media="print")
        assert page.locator(".md-header").evaluate("e => getComputedStyle(e).display") == "none"
        page.emulate_media(media="screen")

        assert any(url.endswith("search/search_index.json") for url in session.requests)
        assert browser.foreign_requests(session.requests, base_url) == []
    SHOTS_FOR_LEAD.mkdir(parents=True, exist_ok=True)
    for shot in shots.iterdir():
        shutil.copy(shot, SHOTS_FOR_LEAD / f"site-{shot.name}")
    assert (SHOTS_FOR_LEAD / "site-cari.png").stat().st_size > 10_000


@pytest.mark.browser
def test_browser_harness_sees_requests_that_leave_localhost(tmp_path):
    (tmp_path / "index.html").write_text(
        '<!doctype html><title>x</title><img src="https://example.com/piksel.png">'
        "<script>new Worker('w.js')</script>",
        encoding="utf-8",
    )
    (tmp_path / "w.js").write_text(
        "fetch('https://example.org/dari-worker.json')", encoding="utf-8"
    )
    with browser.static_server(tmp_path) as base_url, browser.chromium() as session:
        session.page.goto(base_url)
        session.page.wait_for_timeout(1000)
    foreign = browser.foreign_requests(session.requests, base_url)
    assert "https://example.com/piksel.png" in foreign
    assert "https://example.org/dari-worker.json" in foreign
    assert f"{base_url}w.js" in session.requests
