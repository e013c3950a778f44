"""The sample's public site in a real headless Chromium: home, a story, the statistics and search,
with zero requests to any host but the local server. Screenshots go to /tmp/casebook-shots/."""

from __future__ import annotations

import shutil
from pathlib import Path

import browser
import pytest
from conftest import REPO, copy_sample

from generator.build.pipeline import build

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SHOTS = Path("/tmp/casebook-shots")


@pytest.fixture(scope="module")
def public_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CASEBOOK_TODAY", "2026-11-22")
        root = copy_sample(tmp_path_factory.mktemp("browser-public") / "project")
        shutil.copytree(REPO / "content", root / "content")
        (root / "private").mkdir()
        shutil.copy(
            REPO / "tests" / "fixtures" / "privacy" / "denylist.synthetic.txt",
            root / "private" / "denylist.txt",
        )
        result = build(root, audiences=("public",), out=root / "site", strict=True)
    assert result.ok, result.error
    return root / "site" / "public"


def heading_texts(page, selector: str) -> list[str]:
    return [text.replace("¶", "").strip() for text in page.locator(selector).all_inner_texts()]


def test_reader_opens_home_story_and_statistics_with_no_outside_request(public_site, tmp_path):
    shots = tmp_path / "shots"
    shots.mkdir()
    with browser.static_server(public_site) as base, browser.chromium() as session:
        page = session.page
        page.goto(base)
        assert page.locator("h1").first.inner_text().startswith("Dinas Sosial Kota Sukamaju")
        assert "Perlindungan data klien" in heading_texts(page, "article h2")
        page.screenshot(path=shots / "public-1-beranda.png", full_page=True)

        page.locator("article a", has_text="Cerita perubahan").first.click()
        page.wait_for_url(f"{base}cerita/")
        assert heading_texts(page, "h1") == ["Cerita perubahan"]
        rows = page.locator("article table tbody tr")
        assert rows.count() >= 5  # one row per category and year
        page.screenshot(path=shots / "public-2-daftar-cerita.png", full_page=True)

        category = rows.first.locator("a").inner_text()
        year = rows.first.locator("td").nth(1).inner_text()
        count = int(rows.first.locator("td").nth(2).inner_text())
        rows.first.locator("a").click()
        page.wait_for_url(f"{base}cerita/*/")
        assert heading_texts(page, "h1") == [f"{category} \u2014 {year}"]
        stories = page.locator("article h2")
        assert stories.count() == count
        first_story = stories.first.inner_text().rstrip("¶")  # the permalink sign
        facts = page.locator("article table").first.inner_text()
        assert "Kota Sukamaju" in facts and "Triwulan" in facts
        page.screenshot(path=shots / "public-3-cerita.png", full_page=True)
        toc = page.locator(".md-sidebar--secondary a.md-nav__link").first
        assert toc.inner_text() == first_story  # the page's own contents list the stories

        page.goto(f"{base}statistik/")
        assert page.locator("article table").count() >= 3
        assert page.locator("article img, article svg").count() >= 1
        page.screenshot(path=shots / "public-4-statistik.png", full_page=True)

        page.goto(base)
        page.locator("input.md-search__input").click()
        page.keyboard.type("rumah singgah")
        page.locator(".md-search-result__item").first.wait_for(state="visible", timeout=15000)
        page.screenshot(path=shots / "public-5-cari.png")
        assert browser.foreign_requests(session.requests, base) == []
        assert len(session.requests) > 10  # the pages, the theme and the search index were loaded
    SHOTS.mkdir(parents=True, exist_ok=True)
    for shot in sorted(shots.iterdir()):
        shutil.copy(shot, SHOTS / shot.name)
    assert (SHOTS / "public-3-cerita.png").stat().st_size > 20_000
