"""A lecturer's locked bundle in a real headless Chromium, opened from file:// with no server:
passphrase, search, links, a comment and a score, the exported review file; then
``casebook review import`` and the next build showing the review and what changed since."""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

import browser
import pytest
import yaml
from click.testing import CliRunner
from conftest import REPO, copy_sample

from generator.build.pipeline import build
from generator.build.project import load_project
from generator.bundle.make import make_bundle
from generator.cli import cli

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SHOTS = Path("/tmp/casebook-shots")
PASSPHRASE = "kata-sandi-contoh-2026"
CASE = "K-2025-0001"
INTERN = "dewi-lestari-2025"


@pytest.fixture(scope="module")
def project_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_sample(tmp_path_factory.mktemp("bundle-browser") / "project")
    shutil.copytree(REPO / "content", root / "content")
    return root


@pytest.fixture(scope="module")
def bundle(project_root: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CASEBOOK_TODAY", "2026-11-22")
        project, problems = load_project(project_root)
        assert not [p for p in problems if p.is_error]
        out = tmp_path_factory.mktemp("out") / "telaah-dsn-01"
        result = make_bundle(project, "DSN-01", out, passphrase=PASSPHRASE)
    assert result.audit.ok
    return result.folder


def local_only(urls: list[str]) -> list[str]:
    return [url for url in urls if not url.startswith(("file:", "data:", "blob:", "about:"))]


def unlock(page, passphrase: str) -> None:
    page.fill("#casebook-passphrase", passphrase)
    page.click("#casebook-unlock button[type=submit]")


def test_a_lecturer_reads_answers_and_the_next_build_shows_it(bundle, project_root, tmp_path):
    shots = tmp_path / "shots"
    shots.mkdir()
    home = bundle.as_uri() + "/index.html"
    with browser.chromium(width=1366, height=900) as session:
        page = session.page
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(home)
        assert page.locator("h1").inner_text() == "Berkas telaah terkunci"
        page.screenshot(path=shots / "bundle-1-terkunci.png")
        unlock(page, "bukan-kata-sandinya")
        message = page.locator("#casebook-unlock-message")
        message.filter(has_text="Kata sandi salah").wait_for(timeout=20000)

        started = time.monotonic()
        unlock(page, PASSPHRASE)
        page.locator(".md-header").wait_for(timeout=20000)
        unlock_seconds = time.monotonic() - started
        assert unlock_seconds < 10
        assert "situs telaah" in page.title()
        page.screenshot(path=shots / "bundle-2-beranda.png")
        page.emulate_media(media="print")
        line = page.evaluate("getComputedStyle(document.body, '::before').content")
        assert line.startswith('"RAHASIA — data kasus')  # the confidentiality line on paper
        page.emulate_media(media="screen")

        page.locator("input.md-search__input").click()
        page.keyboard.type(CASE.split("-")[-1])
        result = page.locator(".md-search-result__item", has_text=f"Kasus {CASE}").first
        result.wait_for(state="visible", timeout=15000)
        page.screenshot(path=shots / "bundle-3-cari.png")
        result.locator("a").first.click()
        page.wait_for_url(f"**/kasus/{CASE}.html**")
        page.locator(".md-header").wait_for(timeout=20000)  # no passphrase asked again
        assert page.locator("h1").first.inner_text().startswith(f"Kasus {CASE}"), page.locator("h1").all_inner_texts()

        page.locator("#asesmen .casebook-note-add").click()
        page.fill("#casebook-note-asesmen", "Tambahkan informan kedua pada asesmen keluarga.")
        page.click(".casebook-note-form button[type=submit]")
        assert page.locator(".casebook-note").count() == 1
        page.wait_for_function("Object.keys(localStorage).some(k => k.startsWith('casebook-review:'))")
        stored = page.evaluate("JSON.stringify(localStorage)")
        assert "informan kedua" not in stored and "sealed" in stored  # kept encrypted
        page.screenshot(path=shots / "bundle-4-komentar.png")

        page.goto(bundle.as_uri() + f"/telaah/{INTERN}.html")
        page.locator(".md-header").wait_for(timeout=20000)
        page.fill("#casebook-score-analisis", "81")
        page.locator("#casebook-score-analisis").press("Tab")
        assert "1 komentar, 1 nilai" in page.locator(".casebook-review-bar").inner_text()
        page.screenshot(path=shots / "bundle-5-nilai.png", full_page=False)
        with page.expect_download() as download:
            page.click(".casebook-review-export")
        answer = tmp_path / download.value.suggested_filename
        download.value.save_as(answer)
        assert answer.name.startswith("telaah-DSN-01-")

        page.set_viewport_size({"width": 390, "height": 844})
        page.goto(bundle.as_uri() + "/kasus/index.html")
        page.locator(".md-header").wait_for(timeout=20000)
        page.screenshot(path=shots / "bundle-6-ponsel.png")
        page.goto(bundle.as_uri() + f"/kasus/{CASE}.html")
        page.locator(".md-header").wait_for(timeout=20000)
        page.locator(".md-header__option label:visible").first.click()  # Material's dark toggle
        page.wait_for_function("document.body.dataset.mdColorScheme === 'slate'")
        page.screenshot(path=shots / "bundle-7-ponsel-gelap.png")
        page.set_viewport_size({"width": 1366, "height": 900})
        page.goto(bundle.as_uri() + f"/telaah/{INTERN}.html")
        page.locator(".md-header").wait_for(timeout=20000)
        page.screenshot(path=shots / "bundle-8-gelap.png")
        assert local_only(session.requests) == []
        assert errors == []

    data = json.loads(answer.read_text(encoding="utf-8"))
    part = data["interns"][INTERN]
    assert part["scores"] == {"analisis": 81}
    assert part["comments"] == [{"case": CASE, "section": "Asesmen", "date": part["comments"][0]["date"],
                                 "text": "Tambahkan informan kedua pada asesmen keluarga."}]
    assert CASE in part["basis"]["cases"]

    runner = CliRunner()
    imported = runner.invoke(cli, ["review", "import", str(answer), "-p", str(project_root)])
    assert imported.exit_code == 0, imported.output
    review = yaml.safe_load((project_root / "interns" / INTERN / "review.yaml").read_text())
    assert review["scores"]["analisis"] == 81 and review["basis"]["cases"][CASE]
    again = runner.invoke(cli, ["review", "import", str(answer), "-p", str(project_root)])
    assert "tidak ada yang berubah" in again.output

    case_file = project_root / "cases" / f"{CASE}.yaml"
    case_file.write_text(case_file.read_text(encoding="utf-8").replace(
        "presenting_problem: >\n", "presenting_problem: >\n    Diperbarui setelah telaah.\n", 1),
        encoding="utf-8")
    result = build(project_root, audiences=("review",), out=tmp_path / "site")  # today: the export's
    assert result.ok, result.error
    site = tmp_path / "site" / "review"
    intern_page = (site / "telaah" / INTERN / "index.html").read_text(encoding="utf-8")
    assert "Berubah sejak telaah terakhir" in intern_page and "1 kasus berubah" in intern_page
    assert "Tambahkan informan kedua pada asesmen keluarga." in intern_page
    cohort = (site / "telaah" / "index.html").read_text(encoding="utf-8")
    assert "1 kasus berubah" in cohort

    SHOTS.mkdir(parents=True, exist_ok=True)
    for shot in sorted(shots.iterdir()):
        shutil.copy(shot, SHOTS / shot.name)
    print(f"unlock took {unlock_seconds:.2f} s")
