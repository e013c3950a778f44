"""The review site of the sample in a real headless Chromium: navigation, a narrative, an intern
page, search, print layout; screenshots are kept in /tmp/casebook-shots/ for a human look."""

from __future__ import annotations

import shutil
from pathlib import Path

import browser
import pytest
from conftest import REPO, copy_sample

from generator.build.pipeline import build

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SHOTS = Path("/tmp/casebook-shots")
CASE = "K-2025-0001"


@pytest.fixture(scope="module")
def review_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CASEBOOK_TODAY", "2026-11-22")
        root = copy_sample(tmp_path_factory.mktemp("browser") / "project")
        shutil.copytree(REPO / "content", root / "content")
        result = build(root, audiences=("review",), out=root / "site", strict=True)
    assert result.ok, result.error
    return root / "site" / "review"


def heading_texts(page, selector: str) -> list[str]:
    """Heading texts without Material's permalink sign."""
    return [text.replace("¶", "").strip() for text in page.locator(selector).all_inner_texts()]


def shoot(page, shots: Path, name: str, *, full_page: bool = False) -> None:
    page.screenshot(path=shots / f"review-{name}.png", full_page=full_page)


def test_lecturer_follows_the_nav_to_a_narrative_and_an_intern_and_searches(review_site, tmp_path):
    shots = tmp_path / "shots"
    shots.mkdir()
    with browser.static_server(review_site) as base, browser.chromium() as session:
        page = session.page
        page.goto(base)
        assert "situs telaah" in page.title()
        assert page.locator("h1").first.inner_text().startswith("Casebook")
        shoot(page, shots, "1-beranda", full_page=True)

        sidebar = page.locator(".md-sidebar--primary")
        sidebar.get_by_role("link", name="Kasus", exact=True).first.click()
        page.wait_for_url(f"{base}kasus/")
        assert heading_texts(page, "h1") == ["Daftar kasus"]
        shoot(page, shots, "2-daftar-kasus")

        page.locator("article a", has_text=CASE).first.click()
        page.wait_for_url(f"{base}kasus/{CASE}/")
        assert page.locator("h1").first.inner_text().startswith(f"Kasus {CASE}")
        headings = heading_texts(page, "article h2")
        assert headings[:3] == ["Identitas kasus", "Pendekatan awal dan penerimaan", "Asesmen"]
        assert page.locator("article table").count() >= 3
        shoot(page, shots, "3-narasi", full_page=True)

        page.locator(".admonition a").first.click()
        page.wait_for_url(f"{base}mahasiswa/**")
        assert "Logbook" in heading_texts(page, "article h2")
        assert page.locator("article h3", has_text="Minggu ke-").count() >= 1
        shoot(page, shots, "4-mahasiswa", full_page=True)

        page.locator("input.md-search__input").click()
        page.keyboard.type(CASE.split("-")[-1])  # "0001": only pages that name this case
        result = page.locator(".md-search-result__item", has_text=f"Kasus {CASE}").first
        result.wait_for(state="visible", timeout=15000)
        shoot(page, shots, "5-cari")
        page.keyboard.press("Escape")

        page.emulate_media(media="print")
        assert (
            page.locator(".md-sidebar--primary").evaluate("e => getComputedStyle(e).display")
            == "none"
        )
        page.emulate_media(media="screen")
        assert browser.foreign_requests(session.requests, base) == []
    SHOTS.mkdir(parents=True, exist_ok=True)
    for shot in sorted(shots.iterdir()):
        shutil.copy(shot, SHOTS / shot.name)
    assert (SHOTS / "review-3-narasi.png").stat().st_size > 20_000
