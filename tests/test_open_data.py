"""Open data a journalist can reuse, and sites that say what they are: the licence on the page and
in datapackage.json, sitemap URLs when site_url is set, robots.txt on each site (the review site
also says noindex on every page), a meta description from each page's own first paragraph, and the
statistics period named from the data, not from the day of the build."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import yaml
from conftest import REPO, copy_sample

from generator.build.descriptions import summary, with_description
from generator.build.pipeline import build

SITE_URL = "https://dinsos.sukamaju.example/"


def build_sample(root: Path, settings: dict) -> Path:
    copy_sample(root)
    shutil.copytree(REPO / "content", root / "content")
    (root / "private").mkdir()
    shutil.copy(REPO / "tests/fixtures/privacy/denylist.synthetic.txt", root / "private/denylist.txt")
    config = yaml.safe_load((root / "casebook.yml").read_text(encoding="utf-8"))
    (root / "casebook.yml").write_text(yaml.safe_dump({**config, **settings}), encoding="utf-8")
    result = build(root, audiences=("review", "public"), out=root / "site", strict=True)
    assert result.ok, result.error
    return root / "site"


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> Path:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CASEBOOK_TODAY", "2026-11-22")
        return build_sample(tmp_path_factory.mktemp("open-data") / "project",
                            {"site_url": SITE_URL})


@pytest.mark.slow
def test_the_licence_is_on_the_page_and_in_the_data_package(sites):
    package = json.loads((sites / "public/statistik/data/datapackage.json").read_text("utf-8"))
    assert package["licenses"] == [{
        "name": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0 International",
        "path": "https://creativecommons.org/licenses/by/4.0/"}]
    page = (sites / "public/statistik/data-terbuka/index.html").read_text("utf-8")
    assert 'id="lisensi"' in page
    assert "<code>https://creativecommons.org/licenses/by/4.0/</code>" in page  # text: no link out
    assert "Dinas Sosial Kota Sukamaju" in page


@pytest.mark.slow
def test_sitemap_lists_urls_and_robots_txt_names_it(sites):
    sitemap = (sites / "public/sitemap.xml").read_text("utf-8")
    urls = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    assert f"{SITE_URL}statistik/" in urls and f"{SITE_URL}cerita/2025-pengemis/" in urls
    assert "<lastmod>" not in sitemap  # deterministic: no build date
    assert (sites / "public/robots.txt").read_text("utf-8") == (
        f"User-agent: *\nAllow: /\n\nSitemap: {SITE_URL}sitemap.xml\n")


@pytest.mark.slow
def test_the_review_site_keeps_crawlers_out(sites):
    assert (sites / "review/robots.txt").read_text("utf-8") == "User-agent: *\nDisallow: /\n"
    robots = '<meta name="robots" content="noindex, nofollow">'
    pages = sorted((sites / "review").rglob("*.html"))
    assert len(pages) > 50 and all(robots in page.read_text("utf-8") for page in pages)
    assert robots not in (sites / "public/index.html").read_text("utf-8")
    sitemap = (sites / "review/sitemap.xml").read_text("utf-8")
    assert "<loc>" not in sitemap or SITE_URL not in sitemap  # no public address for review


@pytest.mark.slow
def test_every_page_has_a_description_from_its_own_text(sites):
    for site in ("public", "review"):
        for page in sorted((sites / site).rglob("index.html")):
            html = page.read_text("utf-8")
            found = re.search(r'<meta name="description" content="([^"]*)">', html)
            assert found and 20 <= len(found.group(1)) <= 160, page
    story = (sites / "public/cerita/2025-pengemis/index.html").read_text("utf-8")
    assert 'content="Seorang pemuda yang hidup dan mengemis di jalan' in story


@pytest.mark.slow
def test_the_period_is_named_from_the_data_not_the_build_day(sites):
    page = (sites / "public/statistik/index.html").read_text("utf-8")
    assert "seluruh periode s.d. Februari 2026" in page  # the latest date a case records
    assert "November 2026" not in page  # CASEBOOK_TODAY


def test_summary_is_the_first_paragraph_as_plain_text():
    page = ("# Judul\n\n!!! note\n\n    Catatan.\n\n| a | b |\n|---|---|\n\n"
            "Klien [A](x.md) *dirujuk* ke `RSJ`.\nBaris kedua.\n\nLain.\n")
    assert summary(page) == "Klien A dirujuk ke RSJ. Baris kedua."
    long = "# T\n\n" + "kata " * 80
    assert len(summary(long)) <= 160 and summary(long).endswith("…")


def test_a_case_pages_summary_skips_its_line_of_links_and_attribute_lists():
    page = ("# Kasus K-2025-0002: Klien 2\n\n"
            "← [Daftar kasus](index.md) · ‹ [K-2025-0001](K-2025-0001.md) sebelumnya\n"
            "{: data-search-exclude }\n\n"
            "Klien 2 adalah seorang perempuan berusia 48 tahun dari kota setempat.\n"
            "{: .lead }\n")
    assert summary(page) == "Klien 2 adalah seorang perempuan berusia 48 tahun dari kota setempat."


def test_front_matter_keeps_its_keys_and_an_own_description():
    assert with_description("---\naudience: review\n---\n# T\n\nIsi halaman.\n") == (
        '---\naudience: review\ndescription: "Isi halaman."\n---\n# T\n\nIsi halaman.\n')
    own = "---\ndescription: Sendiri\n---\n# T\n\nIsi.\n"
    assert with_description(own) == own
    assert with_description("# Hanya judul\n") == "# Hanya judul\n"
