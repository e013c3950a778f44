"""Red team: synthetic identifiers planted in every field and every output location of the public site.

Every planted value (tests/fixtures/redteam/corpus.yaml, 48 kinds of identifier) must either never be
in the public output, or stop the build with the right detector:

- internal fields of a valid, published case and an intern's files: dropped by the allow-list (the
  built site's bytes never hold them, the story itself is published);
- the alias, the case id and the story written for the public (title, summary): a ``casebook check``
  error with the detector; forced past the check, the deny-list on the generated tree (names) or the
  leak audit of the built site (everything else) stops the build and the previous site stays;
- hand-written content/ pages meant for the public, in every place MkDocs carries text (front matter,
  headings, comments, alt and title attributes, abbreviations, footnotes, links, file names): the
  deny-list on the tree or the audit catches them, or they are absent from the output;
- values injected straight into a built site (HTML text, attributes, comments, search index, sitemap
  and its .gz, SVG, CSV, PNG text, file and folder names): the audit finds them.
Negative controls (money, law citations, month-year, age bands, the office's own address and phone)
never stop anything. MkDocs runs four times for the whole module.
"""

from __future__ import annotations

import gzip
import html
import json
import re
import shutil
import struct
import zlib
from pathlib import Path

import pytest
import yaml
from conftest import REPO, copy_sample

from generator.build.pipeline import build_audience, tree_files, write_tree
from generator.build.project import load_project
from generator.privacy.audit import audit_site, format_finding
from generator.privacy.check import mask_findings, masked
from generator.privacy.denylist import DenyList
from generator.privacy.detectors import REVIEW_DETECTORS, scan_text
from generator.privacy.view import project_salt, public_id, public_stories
from generator.problems import format_problem
from generator.render.public.stories import story_group
from generator.site.engine import build_site

pytestmark = pytest.mark.slow

CORPUS = yaml.safe_load(
    (REPO / "tests" / "fixtures" / "redteam" / "corpus.yaml").read_text(encoding="utf-8")
)
PAYLOADS: list[dict] = CORPUS["payloads"]
DETECTED = [p for p in PAYLOADS if p["detector"] != "denylist"]
NAMES = [p for p in PAYLOADS if p["detector"] == "denylist"]
CONTROLS: list[str] = CORPUS["controls"]
BY_ID = {p["id"]: p for p in PAYLOADS}
DENYLIST_FILE = REPO / "tests" / "fixtures" / "privacy" / "denylist.synthetic.txt"
SAMPLE_CASE = REPO / "cases" / "K-2025-0001.yaml"
THEME = ("assets/javascripts/", "assets/stylesheets/")
SEP = " ;\n"  # between planted values: no detector reads across it


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    monkeypatch.setenv("CASEBOOK_TODAY", "2026-11-22")


# ---------------------------------------------------------------- helpers


def project_root(tmp: Path) -> Path:
    root = copy_sample(tmp / "project")
    (root / "private").mkdir()
    shutil.copy(DENYLIST_FILE, root / "private" / "denylist.txt")
    return root


def write_case(root: Path, case_id: str, change) -> None:
    """A copy of the sample's first case (a public story) under a new id, changed by ``change``."""
    data = yaml.safe_load(SAMPLE_CASE.read_text(encoding="utf-8"))
    data["case_id"] = case_id
    change(data)
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)
    (root / "cases" / f"{case_id}.yaml").write_text(text, encoding="utf-8")


def forced_build(root: Path, site: Path) -> tuple[str | None, list]:
    """The public build as ``casebook build`` runs it after the check, even when the check failed."""
    project, problems = load_project(root)
    error = build_audience(
        project, "public", site, strict=False, lang="id", say=lambda message: None
    )
    return error, problems


def unguarded_site(root: Path, site: Path) -> Path:
    """The public site built WITHOUT the guard, to look at what would have been published."""
    from generator.build.pipeline import site_spec

    project, _ = load_project(root)
    files = tree_files(project, "public", "id")
    docs = root / ".casebook" / "redteam" / "docs"
    write_tree(docs, files)
    build_site(site_spec(project, "public", docs, site, files, strict=False, lang="id"))
    return site


def output_text(site: Path) -> str:
    """Every path and text of a built site in every decoded view (theme bundles left out)."""
    views = []
    for path in sorted(site.rglob("*")):
        rel = path.relative_to(site).as_posix()
        views.append(rel)
        if not path.is_file() or rel.startswith(THEME):
            continue
        data = path.read_bytes()
        data = gzip.decompress(data) if rel.endswith(".gz") else data
        text = data.decode("utf-8", errors="replace")
        views += [text, html.unescape(text)]
        if rel.endswith(".json"):
            views.append(json.dumps(json.loads(text), ensure_ascii=False))
    return "\n".join(views)


def leaked(value: str, text: str) -> bool:
    """The value, or its letters and digits with up to three other characters between them."""
    if value in text:
        return True
    chars = [c for c in value if c.isalnum()]
    return bool(re.search(r"[\W_]{0,3}".join(map(re.escape, chars)), text, re.IGNORECASE)) or bool(
        DenyList([value]).find(text)
        if not any(c.isdigit() for c in value) and " " in value
        else False
    )


def detectors_of(problems, file: str, code: str, path: str | None = None) -> set[str]:
    return {
        dict(p.params).get("detector")
        for p in problems
        if p.file == file and p.code == code and (path is None or p.path == path)
    }


def audit_findings(error: str) -> list[tuple[str, int | None, str]]:
    """(file, line, detector) of each audit line ``  path:line  detector  message``."""
    found = []
    for line in error.splitlines():
        match = re.match(r"\s+(\S+?)(?::(\d+))?  (\S+)  ", line)
        if match:
            number = int(match.group(2)) if match.group(2) else None
            found.append((match.group(1), number, match.group(3)))
    return found


def story_sections(site: Path) -> dict[str, tuple[str, int]]:
    """Each published story's opaque id → (its page, the line where its section starts)."""
    sections = {}
    for page in sorted((site / "cerita").glob("*/index.html")):
        relative = page.relative_to(site).as_posix()
        for number, text in enumerate(page.read_text(encoding="utf-8").splitlines(), 1):
            for anchor in re.findall(r'<h2 id="([a-z]{8})"', text):
                sections[anchor] = (relative, number)
    return sections


def story_of(sections: dict[str, tuple[str, int]], page: str, line: int | None) -> str | None:
    """The story whose section holds this line of this page (None above the first one)."""
    starts = sorted((start, story) for story, (where, start) in sections.items() if where == page)
    owner = None
    for start, story in starts:
        if line is not None and start <= line:
            owner = story
    return owner


def audit_lines(error: str) -> set[tuple[str, str]]:
    """(file, detector) of each audit line ``  path:line  detector  message`` in a build error."""
    found = set()
    for line in error.splitlines():
        match = re.match(r"\s+(\S+?)(?::\d+)?  (\S+)  ", line)
        if match:
            found.add((match.group(1), match.group(2)))
    return found


# ---------------------------------------------------------------- A: internal fields are dropped


ALL = SEP.join(p["value"] for p in PAYLOADS)
DETECTED_TEXT = SEP.join(p["value"] for p in DETECTED)


def plant_everywhere(data: dict) -> None:
    """Every internal free-text field of the case gets every payload; the story stays clean."""
    data["intake"]["presenting_problem"] = ALL
    data["intake"]["district"] = "Kecamatan Ujiraya Baru, Kel. Sunggaluji"
    assessment = data["assessment"]
    assessment["instrument"] = "Form Bapak Bonar Ujisaga 0812-0000-9999"
    assessment["summary"] = ALL
    for domain in assessment["domains"].values():
        domain["note"] = ALL
    assessment["strengths"] = [p["value"] for p in PAYLOADS]
    for goal in data["plan"]["goals"]:
        goal["text"], goal["indicator"] = ALL, ALL
    data["plan"]["fallback"] = ALL
    for service in data["services"]:
        service["note"], service["subtype"] = ALL, "Estiono Usamah RT 099/RW 099"
    for referral in data["referrals"]:
        referral["facility"] = "Panti Estiono Usamah, Jl. Kenanga Uji No. 99, hp 0812-0000-9999"
        referral["reason"], referral["outcome"] = ALL, ALL
    for evaluation in data["evaluations"]:
        evaluation["note"] = ALL
    data["closure"]["reason"] = ALL
    data["notes"] = {
        stage: ALL
        for stage in (
            "engagement_intake",
            "assessment",
            "planning",
            "intervention",
            "evaluation",
            "termination",
            "reflection",
        )
    }
    data["publication"]["summary"] += " " + " ".join(CONTROLS) + "."


INTERN = REPO / "interns" / "dewi-lestari-2025"


def plant_in_intern(root: Path) -> None:
    """The intern's name, student number, reflections, logbook and chapters carry payloads too."""
    folder = root / "interns" / "dewi-lestari-2025"
    text = (folder / "intern.yaml").read_text(encoding="utf-8")
    text = re.sub(r"(?m)^name: .*$", "name: Rahmat Uji Sinaga", text)
    text = re.sub(r"(?m)^student_number: .*$", "student_number: '219999999'", text)
    text = re.sub(
        r"(?m)^(    obstacles: )(.*)$",
        lambda m: m.group(1) + json.dumps(ALL + " " + m.group(2)),
        text,
        count=1,
    )
    (folder / "intern.yaml").write_text(text, encoding="utf-8")
    logbook = (folder / "logbook.yaml").read_text(encoding="utf-8")
    logbook = re.sub(
        r"(?m)^(    description: )(.*)$",
        lambda m: m.group(1) + json.dumps(ALL + " " + m.group(2)),
        logbook,
        count=1,
    )
    (folder / "logbook.yaml").write_text(logbook, encoding="utf-8")
    chapter = folder / "chapters" / "pelaksanaan.md"
    chapter.write_text(chapter.read_text(encoding="utf-8") + "\n\n" + ALL + "\n", encoding="utf-8")


@pytest.fixture(scope="module")
def internal(tmp_path_factory):
    """A sample copy with one published story whose every internal field is full of identifiers."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CASEBOOK_TODAY", "2026-11-22")
        tmp = tmp_path_factory.mktemp("internal")
        root = project_root(tmp)
        write_case(root, "K-2025-0901", plant_everywhere)
        plant_in_intern(root)
        error, problems = forced_build(root, tmp / "site" / "public")
        project, _ = load_project(root)
        story = public_id("K-2025-0901", project_salt(project))
    return {
        "root": root,
        "site": tmp / "site" / "public",
        "error": error,
        "problems": problems,
        "story": story,
    }


def test_internal_identifiers_never_reach_the_public_site(internal):
    assert internal["error"] is None, internal["error"]
    site = internal["site"]
    assert internal["story"] in story_sections(site)  # the story IS published
    text = output_text(site)
    missing = [p["id"] for p in PAYLOADS if leaked(p["value"], text)]
    assert missing == []
    for private in (
        "K-2025-0901",
        "Rahmat Uji Sinaga",
        "219999999",
        "Panti Estiono",
        "Kenanga Uji",
        "Ujiraya",
    ):
        assert not leaked(private, text), private
    office = yaml.safe_load((REPO / "office.yaml").read_text(encoding="utf-8"))
    allow = [office["address"], office["phone"]]
    assert audit_site(site, denylist=DenyList.from_file(DENYLIST_FILE), allow=allow) == []


def test_internal_identifiers_are_check_warnings_and_names_are_check_errors(internal):
    problems = [p for p in internal["problems"] if p.file == "cases/K-2025-0901.yaml"]
    errors = {(p.code, p.path) for p in problems if p.is_error}
    assert {code for code, _ in errors} == {
        "privacy.denylist"
    }  # only the real names stop the check
    expected = {p["detector"] for p in DETECTED}
    for path in (
        "intake.presenting_problem",
        "assessment.summary",
        "notes.intervention",
        "referrals[0].reason",
        "evaluations[0].note",
        "closure.reason",
        "plan.fallback",
    ):
        assert (
            detectors_of(problems, "cases/K-2025-0901.yaml", "privacy.identifier", path) >= expected
        ), path
    strengths = {
        dict(p.params)["detector"] for p in problems if p.path.startswith("assessment.strengths")
    }
    assert strengths >= expected
    intern_files = {p.file for p in internal["problems"] if p.code.startswith("privacy.")}
    assert {
        "interns/dewi-lestari-2025/intern.yaml",
        "interns/dewi-lestari-2025/logbook.yaml",
        "interns/dewi-lestari-2025/chapters/pelaksanaan.md",
    } <= intern_files


def test_negative_controls_in_the_story_are_never_reported(internal):
    story_problems = [
        p
        for p in internal["problems"]
        if p.file == "cases/K-2025-0901.yaml" and p.path.startswith("publication")
    ]
    assert story_problems == []
    text = output_text(internal["site"])
    assert all(control in html.unescape(text) for control in CONTROLS)  # published as written


def test_messages_never_print_a_planted_value(internal):
    # citation.unresolved (generator.validate.citations) echoes an "@key" it cannot resolve, which is how a planted
    # social-media handle in a chapter reads to it: that message is the citation module's, not a finding.
    problems = [p for p in internal["problems"] if not p.code.startswith("citation.")]
    shown = "\n".join(format_problem(p, lang) for p in problems for lang in ("id", "en"))
    for payload in PAYLOADS:
        assert payload["value"] not in shown, payload["id"]
    assert "Estiono" not in shown and "0812" not in shown and "Sunggaluji" not in shown


# ---------------------------------------------------------------- B: the fields headed for the public


def story_with(value: str, alias: bool = True):
    def change(data: dict) -> None:
        data["publication"]["title"] = f"Cerita {value}"[:300]
        data["publication"]["summary"] = (
            f"Klien ditemui tim penjangkauan, {value}, lalu didampingi."
        )
        if alias and len(value) <= 40:
            data["client"]["alias"] = value

    return change


@pytest.fixture(scope="module")
def public_fields(tmp_path_factory):
    """One published case per detector payload, the payload in its alias, title and summary."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CASEBOOK_TODAY", "2026-11-22")
        tmp = tmp_path_factory.mktemp("public-fields")
        root = project_root(tmp)
        ids = {}
        for number, payload in enumerate(DETECTED, 1):
            ids[payload["id"]] = f"K-2099-{number:04d}"
            write_case(root, ids[payload["id"]], story_with(payload["value"]))
        site = tmp / "site" / "public"
        site.mkdir(parents=True)
        (site / "previous.html").write_text("<p>situs sebelumnya</p>", encoding="utf-8")
        error, problems = forced_build(root, site)
        project, _ = load_project(root)
        salt = project_salt(project)
        staged = unguarded_site(root, tmp / "unguarded")  # the same pages, kept to read lines
    return {
        "root": root,
        "site": site,
        "error": error,
        "problems": problems,
        "ids": ids,
        "salt": salt,
        "staged": staged,
    }


@pytest.mark.parametrize("payload", DETECTED, ids=[p["id"] for p in DETECTED])
def test_identifier_in_the_story_is_a_check_error_with_its_detector(public_fields, payload):
    file = f"cases/{public_fields['ids'][payload['id']]}.yaml"
    problems = public_fields["problems"]
    # a name heuristic (review level) has the reviewer-approved way out; an identifier has none
    code = (
        "privacy.public_name"
        if payload["detector"] in REVIEW_DETECTORS
        else "privacy.public_identifier"
    )
    for path in ("publication.title", "publication.summary"):
        assert payload["detector"] in detectors_of(problems, file, code, path), path
    if len(payload["value"]) <= 40:
        assert payload["detector"] in detectors_of(problems, file, "privacy.alias")


def test_forced_past_the_check_the_audit_stops_the_build_and_keeps_the_old_site(public_fields):
    error = public_fields["error"]
    assert error and "audit kebocoran" in error
    site = public_fields["site"]
    assert sorted(p.name for p in site.iterdir()) == ["previous.html"]  # untouched
    staged = public_fields["staged"]
    assert staged, "the fixture keeps a copy of the refused build"
    sections = story_sections(staged)
    found = {(story_of(sections, page, line), detector)
             for page, line, detector in audit_findings(error)}
    missing = []
    for payload in DETECTED:
        story = public_id(public_fields["ids"][payload["id"]], public_fields["salt"])
        if (story, payload["detector"]) not in found:
            missing.append(payload["id"])
    assert missing == []
    for payload in DETECTED:
        assert payload["value"] not in error, payload["id"]


@pytest.mark.parametrize("payload", NAMES, ids=[p["id"] for p in NAMES])
def test_denylisted_name_in_the_story_stops_check_and_the_generated_tree(tmp_path, payload):
    root = project_root(tmp_path)
    write_case(root, "K-2099-0900", story_with(payload["value"]))
    site = tmp_path / "site" / "public"
    error, problems = forced_build(root, site)
    file = "cases/K-2099-0900.yaml"
    assert {p.path for p in problems if p.file == file and p.code == "privacy.denylist"} >= {
        "publication.title",
        "publication.summary",
        "client.alias",
    }
    assert error and "daftar nama terlarang" in error and not site.exists()  # stopped before MkDocs
    project = load_project(root)[0]
    story = public_id("K-2099-0900", project_salt(project))
    page = next(story_group(s) for s in public_stories(project) if s.public_id == story)
    assert f"cerita/{page}.md" in error
    assert "cerita/index.md" not in error  # the list of stories names no title
    assert payload["value"] not in error and "Usamah" not in error


def test_case_id_and_file_name_with_an_identifier_is_a_check_error(tmp_path):
    root = project_root(tmp_path)
    write_case(root, "estiono-usamah", lambda d: None)
    write_case(root, "K-0812-0000-9999", lambda d: None)
    _, problems = load_project(root)
    assert detectors_of(problems, "cases/estiono-usamah.yaml", "privacy.denylist", "case_id") == {
        "denylist"
    }
    assert detectors_of(problems, "cases/K-0812-0000-9999.yaml", "privacy.case_id") == {"phone"}


# ---------------------------------------------------------------- C: content/ pages meant for the public


def content_pages(value: str, slug: str) -> dict[str, str]:
    """One public page per place where MkDocs + Material carries text, the value in that place."""
    return {
        "front-title.md": f"---\ntitle: Kasus {value}\n---\n\nTeks.\n",
        "front-description.md": f"---\ndescription: Tentang {value}\n---\n\n# Halaman\n",
        "heading.md": f"# Halaman\n\n## Keluarga {value}\n\nTeks.\n",
        "comment.md": f"# Halaman\n\nTeks.<!-- {value} -->\n",
        "hidden-span.md": f'# Halaman\n\n<span style="display:none">{value}</span>\n',
        "image-alt.md": f"# Halaman\n\n![Foto {value}](img/x.png)\n",
        "image-title.md": f'# Halaman\n\n![Foto](img/x.png "{value}")\n',
        "abbreviation.md": f"# Halaman\n\nData UJI.\n\n*[UJI]: {value}\n",
        "footnote.md": f"# Halaman\n\nTeks.[^1]\n\n[^1]: {value}\n",
        "link-title.md": f'# Halaman\n\n[tautan](https://example.org/ "{value}")\n',
        "link-query.md": f"# Halaman\n\n[tautan](https://example.org/?q={value.replace(' ', '%20')})\n",
        "data-attribute.md": f'# Halaman\n\n<div data-x="{value}">Teks</div>\n',
        "table-cell.md": f"# Halaman\n\n| a | b |\n|---|---|\n| {value} | 1 |\n",
        f"{slug}.md": "# Halaman\n\nTeks.\n",
    }


PNG = (
    b"\x89PNG\r\n\x1a\n"
    + struct.pack(">I", 13)
    + b"IHDR"
    + struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
)
PNG += struct.pack(">I", zlib.crc32(PNG[12:29]) & 0xFFFFFFFF) + b"\x00\x00\x00\x00IEND\xaeB`\x82"


def slug_of(value: str) -> str:
    """A file-name form of a value: accents dropped, lower case, dashes."""
    import unicodedata

    ascii_ = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_.lower()).strip("-")


def plant_content(root: Path, payloads: list[dict]) -> dict[str, tuple[dict, str]]:
    """content/uji-<n>/: one folder per payload with every location; returns folder -> (payload, slug)."""
    planted = {}
    for number, payload in enumerate(payloads, 1):
        folder = root / "content" / f"uji-{number:02d}"
        (folder / "img").mkdir(parents=True)
        slug = slug_of(payload["value"])
        for name, text in content_pages(payload["value"], slug).items():
            (folder / name).write_text(text, encoding="utf-8")
        (folder / "img" / "x.png").write_bytes(PNG)
        (folder / "img" / f"{slug}.png").write_bytes(PNG)
        planted[folder.name] = (payload, slug)
    return planted


CONTENT_DETECTED = [
    p
    for p in DETECTED
    if p["id"]
    in (
        "nik_plain",
        "phone_dashed",
        "email",
        "street_address",
        "rt_rw",
        "birth_date_words",
        "exact_age",
        "court_number",
        "vehicle_plate",
        "honorific_name",
    )
]


def test_names_in_content_pages_and_file_names_stop_the_generated_tree(tmp_path):
    root = project_root(tmp_path)
    planted = plant_content(root, NAMES)
    site = tmp_path / "site" / "public"
    error, _ = forced_build(root, site)
    assert error and not site.exists()
    for folder, (payload, slug) in planted.items():
        pages = [name for name in content_pages(payload["value"], slug) if name != f"{slug}.md"]
        for name in [*pages, f"{masked(slug)}.md", f"img/{masked(slug)}.png"]:
            assert f"{folder}/{name}" in error, (folder, name)
        assert payload["value"] not in error and slug not in error  # file names are shown masked


@pytest.fixture(scope="module")
def content_site(tmp_path_factory):
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CASEBOOK_TODAY", "2026-11-22")
        tmp = tmp_path_factory.mktemp("content")
        root = project_root(tmp)
        planted = plant_content(root, CONTENT_DETECTED)
        site = unguarded_site(root, tmp / "site")
        findings = audit_site(site, denylist=DenyList.from_file(DENYLIST_FILE))
    return {"site": site, "planted": planted, "findings": findings, "text": output_text(site)}


def test_identifiers_in_content_pages_are_caught_by_the_audit_or_absent(content_site):
    found = {(f.file, f.code) for f in content_site["findings"]}
    missed = []
    for folder, (payload, slug) in content_site["planted"].items():
        for name in content_pages(payload["value"], slug):
            if name == f"{slug}.md" and not recognisable(slug, payload["detector"]):
                continue  # known gap, see test_known_gap_street_address_slugged_into_a_file_name
            page = f"{folder}/{name[:-3]}"
            caught = any(
                path.startswith(page) and det == payload["detector"] for path, det in found
            )
            absent = name == "comment.md" and f"<!-- {payload['value']}" not in content_site["text"]
            if not (caught or absent):
                missed.append((payload["id"], name))
        asset = (f"{folder}/img/{slug}.png", payload["detector"])
        if recognisable(slug, payload["detector"]) and asset not in found:
            missed.append((payload["id"], "asset file name"))
    assert missed == [], missed


def recognisable(slug: str, detector: str) -> bool:
    """Whether the detectors still recognise an identifier once it is slugged into a file name."""
    return detector in {f.detector for f in scan_text(slug)}


def test_file_names_with_numbers_are_caught(content_site):
    found = {(f.file, f.code) for f in content_site["findings"]}
    for key in ("nik_plain", "phone_dashed"):
        folder, (payload, slug) = next(
            (f, v) for f, v in content_site["planted"].items() if v[0]["id"] == key
        )
        assert recognisable(slug, payload["detector"])
        assert (f"{folder}/img/{slug}.png", payload["detector"]) in found


def test_an_e_mail_slugged_into_a_file_name_is_recognised():
    assert recognisable(slug_of("ucok.uji99@example.com"), "email")


@pytest.mark.xfail(
    strict=True,
    reason="known gap: a street address slugged into a hand-written file name loses the "
    "'Jl.' dot and the capitals the street detector needs; only the deny-list applies",
)
def test_known_gap_street_address_slugged_into_a_file_name():
    assert recognisable(slug_of("Jl. Kenanga Contoh No. 99"), "street_address")


def test_html_comments_are_stripped_from_the_public_site(content_site):
    pages = [p for p in content_site["site"].rglob("*.html")]
    assert pages and not any("<!--" in p.read_text(encoding="utf-8") for p in pages)


# ---------------------------------------------------------------- D: values injected into a built site


def html_page(body: str, head: str = "") -> str:
    return f"<!doctype html><html><head><title>x</title>{head}</head><body>{body}</body></html>"


INJECTIONS = [  # (location, file, how to write the value into it)
    ("html_text", "inj/text.html", lambda v: html_page(f"<p>Klien {v}.</p>")),
    ("html_split_by_tags", "inj/split.html", lambda v: html_page(f"<p>{v[:3]}<b>{v[3:]}</b></p>")),
    (
        "html_entities",
        "inj/entities.html",
        lambda v: html_page("<p>" + "".join(f"&#{ord(c)};" for c in v) + "</p>"),
    ),
    ("html_alt", "inj/alt.html", lambda v: html_page(f'<img src="x.png" alt="{v}">')),
    (
        "html_title_attribute",
        "inj/title-attr.html",
        lambda v: html_page(f'<abbr title="{v}">UJI</abbr>'),
    ),
    (
        "html_meta",
        "inj/meta.html",
        lambda v: html_page("", f'<meta name="description" content="{v}">'),
    ),
    (
        "html_href_query",
        "inj/href.html",
        lambda v: html_page(f'<a href="https://example.org/?q={v.replace(" ", "%20")}">a</a>'),
    ),
    (
        "html_hidden",
        "inj/hidden.html",
        lambda v: html_page(f'<span style="display:none">{v}</span>'),
    ),
    ("html_comment", "inj/comment.html", lambda v: html_page(f"<!-- {v} -->")),
    ("html_script", "inj/script.html", lambda v: html_page(f'<script>var x = "{v}";</script>')),
    ("json", "inj/data.json", lambda v: json.dumps({"docs": [{"title": v}]})),
    (
        "json_escaped",
        "inj/escaped.json",
        lambda v: f'{{"t": "\\u{ord(v[0]):04x}' + json.dumps(v[1:])[1:] + "}",
    ),
    (
        "xml",
        "inj/map.xml",
        lambda v: f"<urlset><url><loc>https://x/{v.replace(' ', '%20')}/</loc></url></urlset>",
    ),
    (
        "svg_text",
        "inj/chart.svg",
        lambda v: (
            f'<svg xmlns="http://www.w3.org/2000/svg"><title>{v}</title><text>{v}</text></svg>'
        ),
    ),
    ("csv_cell", "inj/table.csv", lambda v: f'kategori,jumlah\n"{v}",<10\n'),
    ("plain_text", "inj/notes.txt", lambda v: f"{v}\n"),
]


def png_with_text(value: str) -> bytes:
    chunk = b"Comment\x00" + value.encode("latin-1", errors="replace")
    block = (
        struct.pack(">I", len(chunk))
        + b"tEXt"
        + chunk
        + struct.pack(">I", zlib.crc32(b"tEXt" + chunk) & 0xFFFFFFFF)
    )
    return PNG[:33] + block + PNG[33:]


@pytest.fixture(scope="module")
def injected(internal, tmp_path_factory):
    """The clean site of part A with one payload injected into each output location."""
    site = tmp_path_factory.mktemp("injected") / "site"
    shutil.copytree(internal["site"], site)
    cases = []
    for number, payload in enumerate(PAYLOADS):
        location, name, make = INJECTIONS[number % len(INJECTIONS)]
        name = name.replace("inj/", f"inj/{number:02d}-")
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(make(payload["value"]), encoding="utf-8")
        cases.append((payload, location, name))
    nik, phone, name = (BY_ID[key] for key in ("nik_plain", "phone_dashed", "denylist_name"))
    extra = [
        (nik, "png_text", "inj/image.png"),
        (phone, "sitemap_gz", "sitemap.xml.gz"),
        (name, "search_index", "search/search_index.json"),
        (nik, "html_id", "inj/anchor.html"),
        (name, "folder_name", f"inj/{slug_of(name['value'])}/index.html"),
        (phone, "file_name", f"inj/{slug_of(phone['value'])}.html"),
    ]
    (site / "inj" / "image.png").write_bytes(png_with_text(nik["value"]))
    (site / "sitemap.xml.gz").write_bytes(
        gzip.compress(
            f"<urlset><url><loc>https://x/{phone['value']}/</loc></url></urlset>".encode(), mtime=0
        )
    )
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    index["docs"].append({"location": "x/", "title": "x", "text": f"Klien {name['value']}"})
    (site / "search" / "search_index.json").write_text(json.dumps(index), encoding="utf-8")
    (site / "inj" / "anchor.html").write_text(
        html_page(f'<h2 id="{nik["value"]}">x</h2>'), encoding="utf-8"
    )
    for _, _, page in extra[4:]:
        (site / page).parent.mkdir(parents=True, exist_ok=True)
        (site / page).write_text(html_page("<p>Teks.</p>"), encoding="utf-8")
    (site / "inj" / "case.yml").write_text("catatan: kosong\n", encoding="utf-8")
    findings = audit_site(site, denylist=DenyList.from_file(DENYLIST_FILE))
    return {"cases": cases + extra, "findings": findings}


def test_every_injected_value_is_found_by_the_audit(injected):
    found = {(f.file, f.code) for f in injected["findings"]}
    missed = [
        (payload["id"], location)
        for payload, location, name in injected["cases"]
        if (name, payload["detector"]) not in found
        and not (
            location == "folder_name" and (name.rsplit("/", 1)[0], payload["detector"]) in found
        )
    ]
    assert missed == [], missed
    assert (
        "inj/case.yml",
        "disallowed_file_type",
    ) in found  # stray data files are refused (PRIV-02)


def test_audit_lines_never_show_the_value(injected):
    shown = "\n".join(
        format_finding(f, lang)
        for f in mask_findings(injected["findings"])
        for lang in ("id", "en")
    )
    for payload, _, _ in injected["cases"]:
        assert payload["value"] not in shown and slug_of(payload["value"]) not in shown, payload[
            "id"
        ]


def test_kinds_of_planted_leak_are_at_least_fifty():
    kinds = (
        {p["id"] for p in PAYLOADS}
        | {name for name in content_pages("x", "x")}
        | {i[0] for i in INJECTIONS}
    )
    assert len(PAYLOADS) >= 45 and len(kinds) >= 50


# ---------------------------------------------------------------- negative controls and the allow-list


def test_office_address_and_phone_pass_only_through_the_allow_list(internal):
    office = yaml.safe_load((REPO / "office.yaml").read_text(encoding="utf-8"))
    home = (internal["site"] / "index.html").read_text(encoding="utf-8")
    assert office["address"] in html.unescape(home)
    allowed = audit_site(internal["site"], allow=[office["address"], office["phone"]])
    assert allowed == []
    unallowed = {f.code for f in audit_site(internal["site"]) if f.file == "index.html"}
    assert (
        "street_address" in unallowed
    )  # removing the allow-list entry makes the control fail (PRIV-26)


def test_negative_controls_are_never_findings():
    for control in CONTROLS:
        assert scan_text(control) == [], control
