"""A lecturer's bundle made with ``language: en``, as a person sees it in Chromium from file://:
the lock screen, the review page, the comment and score words, the printed line, in English."""

from __future__ import annotations

from pathlib import Path

import browser
import pytest
from conftest import copy_sample

from generator.build.project import load_project
from generator.bundle.make import make_bundle

pytestmark = [pytest.mark.browser, pytest.mark.slow]
PASSPHRASE = "kata-sandi-contoh-2026"
INTERN = "dewi-lestari-2025"


@pytest.fixture(scope="module")
def english_bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CASEBOOK_TODAY", "2026-11-22")
        patch.setenv("CASEBOOK_EXPORTS", "none")
        root = copy_sample(tmp_path_factory.mktemp("bundle-en") / "project")
        settings = root / "casebook.yml"
        settings.write_text(settings.read_text(encoding="utf-8").replace(
            "language: id", "language: en"), encoding="utf-8")
        project, problems = load_project(root)
        assert not [p for p in problems if p.is_error]
        made = make_bundle(project, "DSN-01", root.parent / "review-dsn-01",
                           passphrase=PASSPHRASE, iterations=20_000)
    assert made.audit.ok
    return made.folder


def test_an_english_bundle_speaks_english(english_bundle):
    with browser.chromium(width=1366, height=900) as session:
        page, errors = session.page, []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(english_bundle.as_uri() + f"/telaah/{INTERN}.html")
        assert page.locator("h1").inner_text() == "Locked review files"
        assert page.locator("label[for=casebook-passphrase]").inner_text() == "Passphrase"
        page.fill("#casebook-passphrase", "not-the-passphrase")
        page.click("#casebook-unlock button[type=submit]")
        page.locator("#casebook-unlock-message").filter(has_text="Wrong passphrase").wait_for(
            timeout=20000)
        page.fill("#casebook-passphrase", PASSPHRASE)
        page.click("#casebook-unlock button[type=submit]")
        page.locator(".casebook-review-bar").wait_for(timeout=20000)

        assert page.locator("h1").first.inner_text().startswith("Review: ")
        headings = page.locator("article h2").all_inner_texts()
        assert {"Summary", "Logbook by week", "Cases", "Report chapters"} <= {
            h.replace("¶", "").strip() for h in headings}
        assert page.locator("#casebook-scores-title").inner_text() == "Rubric scores"
        bar = page.locator(".casebook-review-bar").inner_text()
        assert "Your review: 0 comment(s), 0 score(s)" in bar and "Export the review file" in bar
        page.emulate_media(media="print")
        line = page.evaluate("getComputedStyle(document.body, '::before').content")
        assert line.startswith('"CONFIDENTIAL')
        page.emulate_media(media="screen")

        page.goto(english_bundle.as_uri() + "/kasus/K-2025-0001.html")
        button = page.locator(".casebook-note-add").first
        button.wait_for(timeout=20000)
        assert button.inner_text() == "Comment"
        assert "Case list" in page.locator("article").inner_text()
        assert not [url for url in session.requests
                    if not url.startswith(("file:", "data:", "blob:", "about:"))]
    assert errors == []
