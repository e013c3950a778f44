"""Search in Indonesian, in the real browser: Material's own search worker, with Casebook's lunr.id,
over the built index of each site of the sample (served over http). Each query lists pages it must
find and pages it must not. Material's search does not run from file:// without its offline plugin
(a web worker cannot start there), so the sites are served."""

from __future__ import annotations

import shutil
from pathlib import Path

import browser
import pytest
from conftest import REPO, copy_sample

from generator.build.pipeline import build

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# Runs the theme's worker exactly as the page does: set-up message with the index, then queries.
ASK_WORKER = """async (queries) => {
  const config = JSON.parse(document.getElementById('__config').textContent);
  const base = new URL(config.base + '/', location.href);
  const index = await (await fetch(new URL('search/search_index.json', base))).json();
  const worker = new Worker(new URL(config.search, location.href));
  const ask = (message) => new Promise((resolve, reject) => {
    worker.onmessage = (event) => resolve(event.data);
    worker.onerror = (event) => reject(event.message);
    worker.postMessage(message);
  });
  await ask({type: 0, data: {...index, options: {suggest: false}}});
  const found = {};
  for (const query of queries) {
    const result = await ask({type: 2, data: query});
    found[query] = result.data.items.flat().map(item => item.location);
  }
  worker.terminate();
  return found;
}"""

# query -> (pages it must find, pages it must not find); a page is a location prefix.
PUBLIC = {
    "mengemis": (["cerita/2025-pengemis/"], ["cerita/2025-pemulung/"]),  # affix: meng- / peng-
    "pengemis": (["cerita/2025-pengemis/"], ["cerita/2025-pemulung/"]),
    "dirujuk": (["statistik/#tabel-rujukan-penyedia"], []),  # di- / -an: "rujukan"
    "lansia": (["cerita/2025-lanjut-usia-telantar/"], ["cerita/2025-fakir-miskin/"]),  # synonym
    "lanjut usia": (["cerita/2025-lanjut-usia-telantar/"], ["cerita/2025-fakir-miskin/"]),
    "anjal": (["statistik/#tabel-kategori-ppks"], ["cerita/2025-pemulung/"]),
    "rumah singgah": (["cerita/2025-gelandangan/"], ["cerita/2025-fakir-miskin/"]),
    "pemulung -pengemis": (["cerita/2025-pemulung/"], ["cerita/2025-pengemis/"]),
}
REVIEW = {
    "K-2025-0007": (["kasus/K-2025-0007/"], ["kasus/K-2025-0001/", "kasus/K-2025-0070/"]),
    "pmks": (["statistik/kategori_ppks/"], []),  # PMKS is the old name of PPKS
    "odgj": (["kasus/K-2025-0003/"], ["kasus/K-2025-0007/"]),
    "gepeng": (["statistik/kategori_ppks/"], []),
}


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> Path:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CASEBOOK_TODAY", "2026-11-22")
        root = copy_sample(tmp_path_factory.mktemp("browser-search") / "project")
        shutil.copytree(REPO / "content", root / "content")
        (root / "private").mkdir()
        shutil.copy(
            REPO / "tests" / "fixtures" / "privacy" / "denylist.synthetic.txt",
            root / "private" / "denylist.txt",
        )
        result = build(root, audiences=("review", "public"), out=root / "site", strict=True)
    assert result.ok, result.error
    return root / "site"


def search(site: Path, queries: list[str]) -> dict[str, list[str]]:
    with browser.static_server(site) as base, browser.chromium() as session:
        errors = []
        session.page.on("console", lambda message: errors.append(message.text))
        session.page.goto(base)
        found = session.page.evaluate(ASK_WORKER, queries)
    assert errors == []
    return found


def misses(found: dict[str, list[str]], expected: dict) -> list[str]:
    wrong = []
    for query, (must, must_not) in expected.items():
        pages = found[query]
        wrong += [f"{query!r} missed {page}" for page in must
                  if not any(p == page or p.startswith(page) for p in pages)]
        wrong += [f"{query!r} found {page}" for page in must_not
                  if any(p.startswith(page) for p in pages)]
    return wrong


def test_public_search_knows_indonesian(sites):
    found = search(sites / "public", list(PUBLIC))
    assert misses(found, PUBLIC) == []


def test_review_search_finds_a_case_id_whole_and_synonyms(sites):
    found = search(sites / "review", list(REVIEW))
    assert misses(found, REVIEW) == []
    cases = {p.split("#")[0] for p in found["K-2025-0007"] if p.startswith("kasus/K-")}
    assert cases == {"kasus/K-2025-0007/"}


def test_every_word_of_a_query_is_required(sites):
    import json

    index = json.loads((sites / "public" / "search" / "search_index.json").read_text("utf-8"))
    text = {doc["location"]: (doc["title"] + " " + doc["text"]).lower() for doc in index["docs"]}
    found = search(sites / "public", ["rumah singgah", "rumah"])
    assert found["rumah singgah"] and len(found["rumah singgah"]) < len(found["rumah"])
    for location in found["rumah singgah"]:
        if location in text and "#" in location:  # a section: its own text has both words
            assert "rumah" in text[location] and "singgah" in text[location], location


def test_the_search_box_uses_it(sites):
    with browser.static_server(sites / "public") as base, browser.chromium() as session:
        page = session.page
        page.goto(base)
        page.locator("input.md-search__input").click()
        page.keyboard.type("mengemis")
        first = page.locator(".md-search-result__item").first
        first.wait_for(state="visible", timeout=15000)
        assert "Pengemis" in page.locator(".md-search-result__list").inner_text()
