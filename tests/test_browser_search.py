"""Search in Indonesian, in the real browser: Material's own search worker, with Casebook's lunr.id,
over the built index of each site of the sample (served over http), and over a lecturer's locked
bundle opened from file:// (no server: the worker runs through Casebook's iframe shim and the
index is decrypted in the page). Each query lists pages it must find and pages it must not."""

from __future__ import annotations

import shutil
from pathlib import Path

import browser
import pytest
from conftest import REPO, copy_sample

from generator.build.pipeline import build
from generator.build.project import load_project
from generator.bundle.make import make_bundle

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

# From file:// (generator/site/assets/offline-worker.js): no fetch, no Worker. The index is the
# script search/search_index.js (``__index``), or in a locked bundle decrypted by the shim when the
# set-up message carries no documents.
ASK_WORKER_FROM_FILE = """async (queries) => {
  const config = JSON.parse(document.getElementById('__config').textContent);
  const base = new URL(config.base + '/', location.href);
  if (!window.__casebookIndex && typeof __index === 'undefined') {
    await new Promise((resolve, reject) => {
      const script = document.createElement('script');
      script.src = new URL('search/search_index.js', base).href;
      script.onload = resolve;
      script.onerror = reject;
      document.head.appendChild(script);
    });
  }
  const worker = new Worker(new URL(config.search, location.href));
  const ask = (message) => new Promise((resolve, reject) => {
    worker.onmessage = (event) => resolve(event.data);
    worker.onerror = (event) => reject(event.message);
    worker.postMessage(message);
  });
  const options = {suggest: false};
  await ask({type: 0, data: window.__casebookIndex ? {options} : {...__index, options}});
  const found = {};
  for (const query of queries) {
    const result = await ask({type: 2, data: query});
    found[query] = result.data.items.flat().map(item => item.location);
  }
  return found;
}"""
BUNDLE_PASSPHRASE = "kata-sandi-contoh-2026"

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

# The bundle of DSN-01 (Dewi Lestari's cases only), pages as files.
BUNDLE = {
    "K-2025-0001": (["kasus/K-2025-0001.html"], ["kasus/K-2025-0003.html", "kasus/K-2025-0010.html"]),
    "odgj": (["kasus/K-2025-0003.html"], ["kasus/K-2025-0001.html"]),  # synonym
    "pmks": (["statistik/kategori_ppks.html"], []),
    "mengemis": (["kasus/K-2025-0001.html"], ["kasus/K-2025-0003.html"]),  # affix: meng- / peng-
    "lansia": (["kasus/K-2025-0004.html"], ["kasus/K-2025-0001.html"]),  # lansia / lanjut usia
}
SAME_STEM = (("mengemis", "pengemis"), ("dirujuk", "rujukan"))


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


@pytest.fixture(scope="module")
def locked_bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CASEBOOK_TODAY", "2026-11-22")
        patch.setenv("CASEBOOK_EXPORTS", "none")
        root = copy_sample(tmp_path_factory.mktemp("bundle-search") / "project")
        project, problems = load_project(root)
        assert not [p for p in problems if p.is_error]
        made = make_bundle(project, "DSN-01", root.parent / "telaah-dsn-01",
                           passphrase=BUNDLE_PASSPHRASE, iterations=20_000)
    assert made.audit.ok
    return made.folder


def search_from_file(bundle: Path, queries: list[str]) -> dict[str, list[str]]:
    """The queries run in a page of the bundle opened as a file, after the passphrase."""
    with browser.chromium() as session:
        page, errors = session.page, []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(bundle.as_uri() + "/index.html")
        page.fill("#casebook-passphrase", BUNDLE_PASSPHRASE)
        page.click("#casebook-unlock button[type=submit]")
        page.wait_for_function("document.getElementById('__config') && window.__casebookIndex",
                               timeout=30000)
        assert page.evaluate("location.protocol") == "file:"
        found = page.evaluate(ASK_WORKER_FROM_FILE, queries)
        requests = [url for url in session.requests
                    if not url.startswith(("file:", "data:", "blob:", "about:"))]
    assert errors == [] and requests == []
    return found


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


def test_search_from_file_in_a_locked_bundle_knows_indonesian(locked_bundle):
    queries = sorted({*BUNDLE, *(q for pair in SAME_STEM for q in pair)})
    found = search_from_file(locked_bundle, queries)
    assert misses(found, BUNDLE) == []
    cases = {p.split("#")[0] for p in found["K-2025-0001"] if p.startswith("kasus/K-")}
    assert cases == {"kasus/K-2025-0001.html"}  # a case id whole, not split at its hyphens
    for one, other in SAME_STEM:  # the same stem at indexing and at query time
        assert found[one] and sorted(found[one]) == sorted(found[other]), (one, other)
