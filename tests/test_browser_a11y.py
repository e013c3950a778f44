"""WCAG 2.1 AA in a real browser: axe-core (tests/node, installed by scripts/bootstrap --test) over
every page type of both sites of the sample, in the light and the dark scheme, finds no serious or
critical violation; the scrolling table wrappers are keyboard stops with a name."""

from __future__ import annotations

import shutil
from pathlib import Path

import browser
import pytest
from conftest import REPO, copy_sample

from generator.build.pipeline import build

pytestmark = [pytest.mark.browser, pytest.mark.slow]

AXE = REPO / "tests" / "node" / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
PAGES = {
    "public": [
        "",  # home
        "cerita/",  # stories list
        "cerita/2025-pengemis/",  # a story page
        "statistik/",  # statistics with charts
        "statistik/data-terbuka/",  # open data
        "404.html",
    ],
    "review": [
        "",
        "kasus/",  # case index
        "kasus/K-2025-0007/",  # a case narrative
        "kasus/kategori/",  # cases by category
        "kasus/mahasiswa/",  # cases by intern
        "mahasiswa/",  # cohort
        "mahasiswa/dewi-lestari-2025/",  # an intern
        "laporan/",
        "laporan/dewi-lestari-2025/",  # a report
        "laporan/artikel/dewi-lestari-2025/",  # the same report as a journal article
        "telaah/",
        "telaah/dewi-lestari-2025/",  # a lecturer's review page
        "statistik/",
        "statistik/tren_bulan/",  # one statistic, a long table
        "kantor/",
        "panduan/",
        "404.html",
    ],
}
RUN_AXE = """async (tags) => {
  const result = await axe.run(document, {runOnly: tags, resultTypes: ['violations']});
  return result.violations
    .filter(v => v.impact === 'serious' || v.impact === 'critical')
    .map(v => `${v.id} (${v.impact}) x${v.nodes.length}: ${v.nodes[0].target.join(' ')}`);
}"""


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not AXE.is_file():
        pytest.skip("axe-core missing: run `bash scripts/bootstrap --test` (npm ci in tests/node)")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CASEBOOK_TODAY", "2026-11-22")
        root = copy_sample(tmp_path_factory.mktemp("browser-a11y") / "project")
        shutil.copytree(REPO / "content", root / "content")
        (root / "private").mkdir()
        shutil.copy(
            REPO / "tests" / "fixtures" / "privacy" / "denylist.synthetic.txt",
            root / "private" / "denylist.txt",
        )
        result = build(root, audiences=("review", "public"), out=root / "site", strict=True)
    assert result.ok, result.error
    return root / "site"


def axe_violations(page, url: str) -> list[str]:
    page.goto(url)
    page.wait_for_load_state("load")
    page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    return page.evaluate(RUN_AXE, AXE_TAGS)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("audience", ["public", "review"])
def test_no_serious_axe_violation_on_any_page_type(sites, audience, scheme):
    found = {}
    with browser.static_server(sites / audience) as base, browser.chromium(bypass_csp=True) as session:
        page = session.page
        page.emulate_media(color_scheme=scheme)
        for path in PAGES[audience]:
            violations = axe_violations(page, base + path)
            expected = "slate" if scheme == "dark" else "default"
            assert page.evaluate("document.body.dataset.mdColorScheme") == expected
            if violations:
                found[path or "/"] = violations
    assert found == {}


def test_public_pages_pass_on_a_phone(sites):
    found = {}
    with browser.static_server(sites / "public") as base, browser.chromium(width=390, height=844, bypass_csp=True) as session:
        for path in PAGES["public"]:
            violations = axe_violations(session.page, base + path)
            if violations:
                found[path or "/"] = violations
    assert found == {}


def test_every_scrolling_table_is_a_named_keyboard_stop(sites):
    with browser.static_server(sites / "review") as base, browser.chromium() as session:
        page = session.page
        page.goto(base + "laporan/dewi-lestari-2025/")
        wrappers = page.locator(".md-typeset__scrollwrap")
        assert wrappers.count() > 1
        names = []
        for index in range(wrappers.count()):
            wrapper = wrappers.nth(index)
            assert wrapper.get_attribute("tabindex") == "0"
            assert wrapper.get_attribute("role") == "region"
            names.append(wrapper.get_attribute("aria-label"))
        assert all(names) and len(set(names)) == len(names)
        wrappers.first.focus()
        assert page.evaluate("document.activeElement.classList.contains('md-typeset__scrollwrap')")
        assert page.locator(".md-search").get_attribute("aria-label") == "Pencarian"


# --------------------------------------------------------------------------- charts

CHART_TEXTS = """() => {
  const rgb = (css) => (css.match(/[\\d.]+/g) || []).slice(0, 4).map(Number);
  const lum = ([r, g, b]) => {
    const c = [r, g, b].map(v => v / 255).map(v => v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
  };
  const ground = rgb(getComputedStyle(document.body).backgroundColor);
  return [...document.querySelectorAll('article figure.cb-chart svg text')].map(text => {
    const fill = rgb(getComputedStyle(text).fill);
    const alpha = fill.length > 3 ? fill[3] : 1;  // blend a translucent fill over the ground
    const seen = fill.slice(0, 3).map((v, i) => v * alpha + ground[i] * (1 - alpha));
    const [hi, lo] = [lum(seen), lum(ground)].sort((a, b) => b - a);
    const scale = text.getScreenCTM().a;
    const size = parseFloat(getComputedStyle(text).fontSize) * scale;
    return {text: text.textContent, ratio: (hi + 0.05) / (lo + 0.05), px: size,
            height: text.getBoundingClientRect().height};
  });
}"""


def chart_texts(page) -> list[dict]:
    texts = page.evaluate(CHART_TEXTS)
    assert len(texts) > 50
    return texts


def test_charts_follow_the_theme_toggle_and_stay_readable(sites):
    with browser.static_server(sites / "public") as base, browser.chromium() as session:
        page = session.page
        page.emulate_media(color_scheme="light")
        page.goto(base + "statistik/")
        assert page.evaluate("document.body.dataset.mdColorScheme") == "default"
        light = chart_texts(page)
        page.locator("form[data-md-component=palette] label:visible").first.click()
        page.wait_for_function("document.body.dataset.mdColorScheme === 'slate'")
        page.wait_for_timeout(400)  # Material fades colours over 0.25 s
        dark = chart_texts(page)
    for scheme, texts in (("light", light), ("dark", dark)):
        faint = [(t["text"], round(t["ratio"], 2)) for t in texts if t["ratio"] < 4.5]
        assert faint == [], scheme


def test_chart_labels_are_at_least_11_px_on_a_390_px_phone(sites):
    with browser.static_server(sites / "public") as base, browser.chromium(width=390, height=844) as session:
        session.page.goto(base + "statistik/")
        texts = chart_texts(session.page)
    small = [(t["text"], round(t["px"], 1)) for t in texts if t["px"] < 11]
    assert small == []
    assert min(t["height"] for t in texts) >= 11


def test_a_small_count_is_a_hatched_range_and_the_table_is_a_click_away(sites):
    with browser.static_server(sites / "public") as base, browser.chromium() as session:
        page = session.page
        page.goto(base + "statistik/")
        figure = page.locator("figure.cb-chart", has=page.locator("[data-status=small]")).first
        assert figure.locator("[data-status=small] path.cb-hatch").count() >= 1
        assert figure.locator("[data-status=small] rect").first.get_attribute("fill") == "none"
        assert "antara 1 dan 9" in figure.locator("figcaption").inner_text()
        figure.get_by_role("link", name="Tabel data").click()
        target = page.locator(":target")
        assert target.evaluate("e => e.tagName") == "H3"
        assert target.locator("xpath=following-sibling::*[self::div or self::table][1]//table").count() + \
            target.locator("xpath=following-sibling::table[1]").count() >= 1
