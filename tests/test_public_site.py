"""The sample's public site, built for real: approved stories only, nothing private in any byte.

Also: ``casebook build`` builds both audiences, ``--audience public`` only the public one and
byte-identically; ``casebook audit``; the deny-list missing; a valid case full of identifiers in its
internal notes builds clean while the same identifiers in its public story stop the build.
"""

from __future__ import annotations

import gzip
import html
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from conftest import REPO, copy_sample

from generator.build.pipeline import build
from generator.build.project import load_project
from generator.privacy.audit import audit_site
from generator.privacy.denylist import DenyList
from generator.privacy.view import is_story, project_salt, public_id

pytestmark = pytest.mark.slow

DENYLIST_FILE = REPO / "tests" / "fixtures" / "privacy" / "denylist.synthetic.txt"
OFFICE = yaml.safe_load((REPO / "office.yaml").read_text(encoding="utf-8"))
ALLOW = [OFFICE["address"], OFFICE["phone"]]
THEME = ("assets/javascripts/", "assets/stylesheets/")
TODAY = {"CASEBOOK_TODAY": "2026-11-22"}


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    monkeypatch.setenv("CASEBOOK_TODAY", "2026-11-22")


def sample_project(target: Path) -> Path:
    root = copy_sample(target)
    shutil.copytree(REPO / "content", root / "content")
    (root / "private").mkdir()
    shutil.copy(DENYLIST_FILE, root / "private" / "denylist.txt")
    return root


def run_cli(root: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, **TODAY, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "generator", *args],
        cwd=root,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )


def site_bytes(site: Path) -> dict[str, bytes]:
    return {
        p.relative_to(site).as_posix(): p.read_bytes()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


def output_text(site: Path) -> str:
    """Every path and text of the site, decoded (gzip, entities, JSON escapes); theme bundles left out."""
    views = []
    for rel, data in site_bytes(site).items():
        views.append(rel)
        if rel.startswith(THEME):
            continue
        text = (gzip.decompress(data) if rel.endswith(".gz") else data).decode(
            "utf-8", errors="replace"
        )
        views += [text, html.unescape(text)]
        if rel.endswith(".json"):
            views.append(json.dumps(json.loads(text), ensure_ascii=False))
    return "\n".join(views)


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    """``casebook build`` (both audiences) of a copy of the sample, timed."""
    root = sample_project(tmp_path_factory.mktemp("public-site") / "project")
    started = time.perf_counter()
    result = run_cli(root, "build")
    elapsed = time.perf_counter() - started
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CASEBOOK_TODAY", "2026-11-22")
        project, _ = load_project(root)
    return {
        "root": root,
        "result": result,
        "seconds": elapsed,
        "project": project,
        "site": root / "site" / "public",
        "text": output_text(root / "site" / "public"),
    }


def test_casebook_build_builds_both_audiences(sample):
    assert sample["result"].returncode == 0, sample["result"].stderr
    assert (sample["root"] / "site" / "review" / "index.html").is_file()
    assert (sample["site"] / "index.html").is_file()
    assert "Situs public selesai" in sample["result"].stderr


def test_public_site_shows_the_approved_stories_and_no_other_case(sample):
    project = sample["project"]
    salt = project_salt(project)
    stories = {
        public_id(d.case.case_id, salt): d.case
        for d in project.sorted_cases()
        if is_story(d.case, project.taxonomy)
    }
    assert len(stories) >= 10
    pages = {
        p.parent.name: html.unescape(p.read_text(encoding="utf-8"))
        for p in (sample["site"] / "cerita").glob("*/index.html")
    }
    anchored = {
        anchor: name
        for name, page in pages.items()
        for anchor in re.findall(r'<h2 id="([a-z]{8})"', page)
    }
    assert set(anchored) == set(stories)  # each story once, under its opaque id
    listing = html.unescape((sample["site"] / "cerita" / "index.html").read_text(encoding="utf-8"))
    counts = re.findall(r'<a href="([^"/]+)/">[^<]+</a></td>\s*<td>\d{4}</td>\s*<td[^>]*>(\d+)</td>',
                        listing)
    assert {name: int(n) for name, n in counts} == {
        name: sum(page == name for page in anchored.values()) for name in pages
    }
    for public, case in stories.items():
        page = pages[anchored[public]]
        section = page[page.index(f'id="{public}"'):]
        heading = section.split("</h2>", 1)[0]
        assert heading.startswith(f'id="{public}">{case.publication.title}<a class="headerlink"')
        assert " ".join(case.publication.summary.split())[:60] in section
        assert anchored[public].startswith(str(case.intake.date.year))
    others = [d.case for d in project.sorted_cases() if not is_story(d.case, project.taxonomy)]
    text = sample["text"]
    for case in others:  # a review-only case's own story text never appears
        if case.publication.summary:
            assert " ".join(case.publication.summary.split())[:60] not in text, case.case_id


def test_no_private_value_of_the_sample_is_anywhere_in_the_public_site(sample):
    project, text = sample["project"], sample["text"]
    stories_text = " ".join(
        f"{d.case.publication.title} {d.case.publication.summary}"
        for d in project.sorted_cases()
        if is_story(d.case, project.taxonomy)
    )
    private = set()
    for doc in project.sorted_cases():
        case = doc.case
        private |= {case.case_id, case.client.alias, *case.record.authors}
        private |= {r.facility for r in case.referrals if r.facility} | {case.intake.district or ""}
        if case.record.review.reviewer:
            private.add(case.record.review.reviewer)
    for doc in project.sorted_interns():
        intern = doc.intern
        private |= {
            intern.id,
            intern.name,
            intern.student_number or "",
            *(p.name for p in intern.supervisors.academic),
        }
    private |= {person.name for person in project.office.staff} | {
        person.id for person in project.office.staff
    }
    private = {
        p for p in private if p and p not in stories_text
    }  # approved story text may say "LKSA mitra"
    assert len(private) > 100
    leaks = sorted(p for p in private if re.search(rf"(?<!\w){re.escape(p)}(?!\w)", text))
    assert leaks == []
    assert not re.search(r"K-20\d\d-\d{4}", text)  # no case id of any shape


def test_public_site_passes_the_audit_and_has_no_outside_url_but_links(sample):
    assert audit_site(sample["site"], denylist=DenyList.from_file(DENYLIST_FILE), allow=ALLOW) == []
    for page in sample["site"].rglob("*.html"):
        markup = page.read_text(encoding="utf-8")
        sources = re.findall(r'(?:src|href)="(https?://[^"]+)"', markup)
        assert [
            s for s in sources if not s.startswith("https://squidfunk.github.io/mkdocs-material/")
        ] == [], page
        assert "<!--" not in markup and "edit/" not in markup


def test_statistics_and_home_are_public(sample):
    site = sample["site"]
    home = html.unescape((site / "index.html").read_text(encoding="utf-8"))
    assert OFFICE["name"] in home and "cerita/" in home and "statistik/" in home
    assert "Perlindungan data klien" in home and OFFICE["address"] in home
    assert (site / "statistik" / "index.html").is_file()
    assert not (site / "kasus").exists() and not (site / "mahasiswa").exists()


def test_audience_public_alone_is_byte_identical(sample, tmp_path):
    out = tmp_path / "again"
    result = run_cli(sample["root"], "build", "--audience", "public", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["public"]
    assert site_bytes(out / "public") == site_bytes(sample["site"])


def test_casebook_audit_command(sample, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(sample["site"], site)
    clean = run_cli(sample["root"], "audit", str(site))
    assert clean.returncode == 0, clean.stdout + clean.stderr
    (site / "catatan.html").write_text(
        "<p>Ibu Estiono Usamah, hp 0812-0000-9999</p>", encoding="utf-8"
    )
    (site / "estiono-usamah").mkdir()
    (site / "estiono-usamah" / "index.html").write_text("<p>x</p>", encoding="utf-8")
    leaky = run_cli(sample["root"], "audit", str(site), "--lang", "en")
    assert leaky.returncode == 1
    lines = leaky.stdout.splitlines()
    assert "catatan.html:1  phone  phone number (text)." in "\n".join(lines)
    assert any(line.startswith("catatan.html:1  denylist  ") for line in lines)
    assert any(
        line.startswith("e…h[14]  denylist  ") for line in lines
    )  # the leaking folder name is masked
    assert (
        "0812" not in leaky.stdout and "Usamah" not in leaky.stdout and "usamah" not in leaky.stdout
    )
    other = tmp_path / "other.txt"
    other.write_text("Nama Lain Sekali\n", encoding="utf-8")
    no_names = run_cli(sample["root"], "audit", str(site), "--denylist", str(other))
    assert "denylist" not in no_names.stdout and no_names.returncode == 1


# ---------------------------------------------------------------- small projects


PHONE, NIK, STREET = "0812-0000-9999", "1271995703089999", "Jl. Kenanga Uji No. 99"


def small_project(root: Path, notes: str = "", summary: str = "", denylist: bool = True) -> Path:
    """The office, one intern and the sample's first case (a public story)."""
    (root / "cases").mkdir(parents=True)
    (root / "interns" / "dewi-lestari-2025").mkdir(parents=True)
    shutil.copy(REPO / "office.yaml", root / "office.yaml")
    shutil.copy(
        REPO / "interns" / "dewi-lestari-2025" / "intern.yaml",
        root / "interns" / "dewi-lestari-2025",
    )
    text = (REPO / "cases" / "K-2025-0001.yaml").read_text(encoding="utf-8")
    if notes:
        assert "bersedia ikut setelah ditawari" in text  # the anchor the notes are planted at
        text = text.replace(
            "bersedia ikut setelah ditawari", f"bersedia ikut setelah ditawari. {notes}"
        )
    if summary:
        text = text.replace(
            "kembali dengan keluarga tidak berhasil",
            f"kembali dengan keluarga {summary} tidak berhasil",
        )
    (root / "cases" / "K-2025-0001.yaml").write_text(text, encoding="utf-8")
    if denylist:
        (root / "private").mkdir()
        shutil.copy(DENYLIST_FILE, root / "private" / "denylist.txt")
    return root


def test_identifiers_in_internal_notes_build_clean_in_the_story_they_stop_the_build(tmp_path):
    notes = f"Ibu klien bernama Rosmawati Ujitarigan, hp {PHONE}, NIK {NIK}, tinggal di {STREET}, RT 099/RW 099."
    root = small_project(tmp_path / "notes", notes=notes)
    result = build(root, audiences=("public",))
    assert result.ok, result.error
    assert {p.severity for p in result.problems} == {"warning"}  # the notes only warn
    text = output_text(root / "site" / "public")
    for value in (PHONE, NIK, STREET, "Rosmawati", "RT 099"):
        assert value not in text
    assert len(list((root / "site" / "public" / "cerita").glob("*/index.html"))) == 1

    leaky = small_project(tmp_path / "story", summary=f"(hp {PHONE}, NIK {NIK}, {STREET})")
    (leaky / "site" / "public").mkdir(parents=True)
    (leaky / "site" / "public" / "old.html").write_text("lama", encoding="utf-8")
    stopped = build(leaky, audiences=("public",))
    assert stopped.invalid and not stopped.ok
    found = {
        dict(p.params)["detector"]
        for p in stopped.problems
        if p.code == "privacy.public_identifier"
    }
    assert found == {"phone", "nik", "street_address"}
    assert [p.name for p in (leaky / "site" / "public").iterdir()] == ["old.html"]


def test_missing_denylist_warns_and_fails_under_strict(tmp_path):
    root = small_project(tmp_path / "p", denylist=False)
    said: list[str] = []
    result = build(root, audiences=("public",), progress=said.append)
    assert result.ok and any("daftar nama terlarang" in line for line in said)
    strict = build(root, audiences=("public",), out=tmp_path / "strict", strict=True)
    assert not strict.ok and "daftar nama terlarang" in strict.error
    assert not (tmp_path / "strict" / "public").exists()


def test_public_build_of_the_sample_is_quick(sample):
    # Both audiences; the public one alone is a few seconds. Generous bound for a busy CI machine.
    assert sample["seconds"] < 240
