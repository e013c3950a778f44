"""Helpers for browser tests: a local static HTTP server and a request-recording Chromium.

Usage in a test module (tests/ has no __init__.py, so pytest puts tests/ on sys.path):

    import browser
    with browser.static_server(site_dir) as base_url, browser.chromium() as session:
        session.page.goto(base_url)
        assert browser.foreign_requests(session.requests, base_url) == []

Chromium is Debian's /usr/bin/chromium (never `playwright install`). Besides the team's
flags, `--host-resolver-rules` makes every host other than 127.0.0.1 unresolvable, so a
stray external request fails fast (offline) yet is still recorded and reported.
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]
LOCAL_SCHEMES = ("data", "blob", "about")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Static file handler that does not print one line per request."""

    def log_message(self, format: str, *args) -> None:
        """Stay silent."""


@contextmanager
def static_server(folder: Path) -> Iterator[str]:
    """Serve folder on 127.0.0.1 at a free port in a thread; yield its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


@dataclass
class BrowserSession:
    """An open Chromium page plus every request URL the browser context made."""

    page: object  # playwright.sync_api.Page
    requests: list[str] = field(default_factory=list)


@contextmanager
def chromium(
    *, width: int = 1280, height: int = 900, bypass_csp: bool = False
) -> Iterator[BrowserSession]:
    """Launch headless Debian Chromium via Playwright and record every request URL.

    ``bypass_csp`` lets a test inject its own tools (axe-core) into pages whose
    Content-Security-Policy forbids inline script."""
    sync_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} not installed")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        context = browser.new_context(
            viewport={"width": width, "height": height}, locale="id-ID", service_workers="block",
            bypass_csp=bypass_csp,
        )
        session = BrowserSession(page=None)
        context.on("request", lambda request: session.requests.append(request.url))
        session.page = context.new_page()
        try:
            yield session
        finally:
            context.close()
            browser.close()


def foreign_requests(urls: list[str], base_url: str) -> list[str]:
    """The URLs that did not go to base_url's origin (data:/blob:/about: are local)."""
    origin = urlsplit(base_url)
    return [
        url
        for url in urls
        if urlsplit(url).scheme not in LOCAL_SCHEMES
        and (urlsplit(url).scheme, urlsplit(url).netloc) != (origin.scheme, origin.netloc)
    ]
