"""Red team, hostile text: script and navigation vectors planted in every kind of authored file.

Every free-text field of two cases, of an intern's intern.yaml, logbook.yaml, references.yaml
and review.yaml, and of office.yaml gets one vector (in turn from ``hostile.VECTORS``); a
chapter, a hand-written content page (body and front matter) and the home page get all of
them. Both sites are built by ``casebook build`` (real MkDocs). The proof that every vector
is inert: no element, handler or URL the theme does not itself emit (HTML parsed), text from
YAML shown as text, a Content-Security-Policy on every page, no dialog in Chromium, and the
vectors as plain text in the PDF and DOCX of the intern's report.
"""

from __future__ import annotations

import html
import re
import subprocess
import zipfile

import pytest
from hostile import VECTORS, file_kind, live_things, plant_project, theme_baseline, tokens_in

from generator.build.pipeline import build
from generator.build.project import load_project

pytestmark = pytest.mark.slow

INTERN = "dewi-lestari-2025"
YAML_FILES = [
    "cases/K-2025-0001.yaml",
    "cases/K-2025-0002.yaml",
    f"interns/{INTERN}/intern.yaml",
    f"interns/{INTERN}/logbook.yaml",
    f"interns/{INTERN}/references.yaml",
    f"interns/{INTERN}/review.yaml",
    "office.yaml",
]
CHAPTERS = [f"interns/{INTERN}/chapters/pendahuluan.md"]
KINDS = {"case", "intern", "logbook", "references", "review", "office", "chapter", "content page"}
REVIEW_PAGES = [
    "",
    "kasus/K-2025-0001/",
    "kasus/K-2025-0002/",
    f"mahasiswa/{INTERN}/",
    f"laporan/{INTERN}/",
    f"laporan/artikel/{INTERN}/",
    f"telaah/{INTERN}/",
    "keamanan/",
]
PUBLIC_PAGES = ["", "keamanan/"]
# Every event a planted handler listens for, on every element of the content.
FIRE_EVENTS = """
for (const element of document.querySelectorAll("article *")) {
  for (const type of ["mouseover", "focus", "toggle", "load", "error", "animationstart"]) {
    element.dispatchEvent(new Event(type));
  }
}
"""


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    monkeypatch.setenv("CASEBOOK_TODAY", "2026-11-22")


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    """(the planted project, the theme's own baseline) after building both sites of each."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CASEBOOK_TODAY", "2026-11-22")
        base = tmp_path_factory.mktemp("hostile")
        clean = plant_project(base / "clean", [], [])
        planted = plant_project(base / "planted", YAML_FILES, CHAPTERS)
        for root in (clean.root, planted.root):
            result = build(root, audiences=("review", "public"))
            assert result.ok, result.error or [p for p in result.problems if p.is_error]
    baseline = set()
    for audience in ("review", "public"):
        baseline |= theme_baseline(clean.root / "site" / audience)
    return planted, baseline


def test_vectors_are_planted_in_every_kind_of_file(sites):
    planted, _ = sites
    assert planted.kinds() == KINDS
    assert len(planted.plants) >= 400
    assert {p.vector for p in planted.plants.values()} == set(VECTORS)


@pytest.mark.parametrize("audience", ["review", "public"])
def test_no_vector_is_live(sites, audience):
    planted, baseline = sites
    lives = live_things(planted.root / "site" / audience, baseline)
    described = [
        (live.page, live.what, planted.plants[t].file, planted.plants[t].field)
        for live in lives
        for t in tokens_in([live])
        if t in planted.plants
    ]
    assert lives == [], described[:20]


def test_yaml_text_is_shown_as_text(sites):
    """Escaped, not stripped: the reviewer sees exactly what the intern wrote."""
    planted, _ = sites
    page = (planted.root / "site" / "review" / "mahasiswa" / INTERN / "index.html").read_text(
        encoding="utf-8"
    )
    text = html.unescape(re.sub(r"<[^>]+>", "", page))
    shown = [
        p for p in planted.plants.values()
        if p.file.endswith("logbook.yaml") and p.field.endswith(".description")
        and VECTORS[p.vector].format(t=p.token) in text
    ]
    assert len(shown) >= 10


def test_office_name_is_text_on_every_page(sites):
    planted, _ = sites
    for audience in ("review", "public"):
        for page in (planted.root / "site" / audience).rglob("*.html"):
            source = page.read_text(encoding="utf-8")
            assert "<img src=x" not in source, page


@pytest.mark.parametrize("audience", ["review", "public"])
def test_every_page_has_a_content_security_policy(sites, audience):
    planted, _ = sites
    pages = sorted((planted.root / "site" / audience).rglob("*.html"))
    assert pages
    for page in pages:
        head = page.read_text(encoding="utf-8").split("</head>", 1)[0]
        policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', head)
        assert policy, page
        script_src = re.search(r"script-src ([^;]+)", policy.group(1)).group(1)
        assert "unsafe-inline" not in script_src and "unsafe-eval" not in script_src
        assert "object-src 'none'" in policy.group(1)


def test_check_reports_what_the_sanitiser_removes(sites):
    planted, _ = sites
    _project, problems = load_project(planted.root)
    markup = [p for p in problems if p.code.startswith("markup.")]
    files = {p.file for p in markup}
    assert CHAPTERS[0] in files
    assert "content/keamanan.md" in files
    assert all(p.line > 0 for p in markup)
    assert {p.code for p in markup} >= {"markup.html", "markup.url"}


# ---------------------------------------------------------------- a real browser


@pytest.mark.browser
@pytest.mark.parametrize("audience", ["review", "public"])
def test_no_dialog_fires_in_chromium(sites, audience):
    import browser

    planted, _ = sites
    site = planted.root / "site" / audience
    dialogs: list[str] = []
    errors: list[str] = []
    pages = REVIEW_PAGES if audience == "review" else PUBLIC_PAGES
    with browser.static_server(site) as base_url, browser.chromium() as session:
        page = session.page
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.on("pageerror", lambda error: errors.append(str(error)))
        for path in pages:
            page.goto(base_url + path)
            page.wait_for_load_state("load")
            page.evaluate(FIRE_EVENTS)  # any handler that survived would run now
            page.wait_for_timeout(100)
            # the theme's own script ran (CSP did not block it): Material sets this global
            assert page.evaluate("typeof document$ !== 'undefined'"), path
        assert browser.foreign_requests(session.requests, base_url) == []
    assert dialogs == []
    assert errors == []


# ---------------------------------------------------------------- the exports


@pytest.fixture(scope="module")
def exports(sites, tmp_path_factory):
    from generator.cli.export import write_report

    planted, _ = sites
    project, _ = load_project(planted.root)
    out = tmp_path_factory.mktemp("exports")
    return {
        fmt: write_report(project, INTERN, fmt, "report", out / f"laporan.{fmt}") and
        out / f"laporan.{fmt}"
        for fmt in ("pdf", "docx")
    }


def test_pdf_holds_the_vectors_as_inert_text(exports):
    pdf = exports["pdf"]
    data = pdf.read_bytes()
    for action in (b"/JavaScript", b"/JS ", b"/Launch", b"/EmbeddedFile", b"/SubmitForm"):
        assert action not in data
    assert not re.search(rb"/URI\s*\((?:java|vb)script:", data, re.IGNORECASE)
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "<script>alert('HX" in text  # shown as text, never run


def test_docx_holds_the_vectors_as_inert_text(exports):
    with zipfile.ZipFile(exports["docx"]) as archive:
        names = archive.namelist()
        rels = "".join(archive.read(n).decode("utf-8") for n in names if n.endswith(".rels"))
        body = archive.read("word/document.xml").decode("utf-8")
    assert not re.search(r"Target=\"\s*(?:java|vb)script:", rels, re.IGNORECASE)
    assert not [n for n in names if n.endswith((".yaml", ".yml", ".bin"))]
    text = re.sub(r"<[^>]+>", "", body)  # the runs' text (pandoc curls the quotes)
    assert "&lt;script&gt;alert(" in text


def test_file_kinds_are_named_for_the_report():
    assert file_kind("cases/K-1.yaml") == "case"
    assert file_kind("interns/x/chapters/a.md") == "chapter"
    assert file_kind("office.yaml") == "office"
