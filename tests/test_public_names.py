"""The public standard: capitalised names that are no known word, and the reviewer-approved way out.

Every name here is invented.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.build.project import load_project
from generator.privacy.allowlist import AllowList
from generator.privacy.check import project_lexicon
from generator.privacy.detectors import scan_text
from generator.privacy.names import Lexicon
from generator.problems import Problem

TODAY = dt.date(2026, 11, 22)


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    monkeypatch.setenv("CASEBOOK_TODAY", TODAY.isoformat())


def names(text: str, lexicon: Lexicon | None = None) -> list[str]:
    found = scan_text(text, lexicon=lexicon or Lexicon())
    return [text[f.start : f.end] for f in found if f.detector == "capitalised_name"]


@pytest.mark.parametrize("text,expected", [
    ("Sekar datang bersama Wiryo ke kantor.", ["Wiryo"]),
    ("Wiryo Sastrodiharjo datang sendiri.", ["Wiryo Sastrodiharjo"]),  # one finding for a run
    ("Ia tinggal bersama Larasati dan Wiryo.", ["Larasati", "Wiryo"]),
    ("Klien mengemis di Contohsari setiap sore.", ["Contohsari"]),
    ("Dijemput oleh Wiryo-Sastro kemarin.", ["Wiryo-Sastro"]),
])
def test_an_unknown_capitalised_word_is_a_name(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize("text", [
    "Klien kini kembali bersekolah.",  # a capital at the start of a sentence
    "Kisah Pemulung yang Kembali Bersekolah",  # a title in title case
    "Dirujuk ke Dinas Sosial; Menerima layanan ATENSI.",  # inflected words
    "Home visit dan Case Conference dilakukan setiap bulan.",  # English words
    "Monitoring dan evaluasi oleh Pekerja Sosial.",
    "Pemulangan ke Kabupaten Deli Serdang, Provinsi Sumatera Utara.",  # city-level places
    "Sesuai Perda dan Kepmendagri, dibina oleh Drs. Contoh, S.Sos.",
    "Rapat di UPTD PPA, DP3A dan Satpol PP pada Agu 2025.",  # acronyms, abbreviations
    "Lihat data.example.org/Contohsari dan @Wirjo_ku.",  # paths and handles: other detectors
])
def test_ordinary_public_text_is_not_a_name(text):
    assert names(text) == []


def test_the_project_lexicon_knows_the_office_and_the_taxonomy():
    from generator.model.records import Office
    from generator.model.taxonomy import load_taxonomy

    office_file = Path(__file__).parent.parent / "office.yaml"
    office = Office.model_validate(yaml.safe_load(office_file.read_text(encoding="utf-8")))
    text = "Dinas Sosial Kota Sukamaju menjangkau Bhabinkamtibmas di Sukamaju."
    assert names(text) == ["Sukamaju"]
    assert names(text, project_lexicon(office, load_taxonomy(None))) == []


def allowlist(tmp_path, text: str, reviewers=("PS-01",)) -> AllowList:
    path = tmp_path / "allowlist.txt"
    path.write_text(text, encoding="utf-8")
    return AllowList.read(path, reviewers, TODAY)


@pytest.mark.parametrize("line,reason", [
    ("Wiryo", "no_approval"),
    ("Wiryo  # catatan saja", "no_approval"),
    ("Wiryo  # disetujui: Dr. Rina Mulyasari, 2026-11-20", "unknown_reviewer"),
    ("Wiryo  # disetujui: PS-09 2026-11-20", "unknown_reviewer"),
    ("Wiryo  # disetujui: PS-01 20-11-2026", "bad_date"),
    ("Wiryo  # disetujui: PS-01 2026-02-30", "bad_date"),
    ("Wiryo  # disetujui: PS-01 2026-12-01", "future_date"),
    ("# disetujui: PS-01 2026-11-20", None),  # a comment line
])
def test_an_entry_counts_only_with_a_staff_approver_and_a_past_day(tmp_path, line, reason):
    found = allowlist(tmp_path, line + "\n")
    assert found.words == ()
    assert [r.reason for r in found.refusals] == ([reason] if reason else [])


def test_an_approved_entry_records_who_and_when(tmp_path):
    found = allowlist(tmp_path, "\n# the office's list\nKasih Bangsa  # approved by: PS-01, 2026-11-20\n")
    (approval,) = found.approvals
    assert (approval.word, approval.reviewer, approval.day, approval.line) == (
        "Kasih Bangsa", "PS-01", dt.date(2026, 11, 20), 3
    )


def test_approval_releases_a_name_finding_but_never_an_identifier(tmp_path):
    approved = Lexicon(approved=("Contohsari",))
    assert names("Klien mengemis di Contohsari.", approved) == []
    assert names("Klien mengemis di Contohsari bersama Wiryo.", approved) == ["Wiryo"]
    text = "Menurut Bapak Contohsari, hp 0812-9999-0001, di Puskesmas Contohsari."
    found = {f.detector for f in scan_text(text, lexicon=approved)}
    assert found == {"phone", "facility_name"}  # the honorific finding was released
    assert "honorific_name" in {f.detector for f in scan_text(text, lexicon=Lexicon())}


def _public_story(project, summary: str) -> None:
    path = project / "cases" / "K-2025-0001.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data["publication"]["audience"] == "public"
    data["publication"]["summary"] = summary
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _story_problems(project) -> list[Problem]:
    _, problems = load_project(project)
    return [p for p in problems if p.file == "cases/K-2025-0001.yaml"]


def test_the_sample_meets_the_public_standard(sample_copy):
    _, problems = load_project(sample_copy)
    assert [p for p in problems if p.code.startswith("privacy.")] == []


def test_a_name_in_a_public_story_is_an_error_with_a_way_out(sample_copy):
    _public_story(sample_copy, "Klien kini tinggal bersama Wiryo di rumah keluarganya.")
    (problem,) = [p for p in _story_problems(sample_copy) if p.code == "privacy.public_name"]
    assert problem.is_error and dict(problem.params)["detector"] == "capitalised_name"
    assert problem.line > 1 and problem.path == "publication.summary"
    for lang, words in (("id", "disetujui: ID-STAF"), ("en", "approved: STAFF-ID")):
        assert words in problem.hint(lang) and "allowlist.txt" in problem.hint(lang)
    assert "Wiryo" not in problem.message("id") + problem.hint("id")  # the value is never shown


def test_a_name_in_an_internal_note_is_no_finding(sample_copy):
    path = sample_copy / "cases" / "K-2025-0001.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data.setdefault("notes", {})["intake"] = "Klien datang bersama Wiryo."
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert [p for p in _story_problems(sample_copy) if p.code.startswith("privacy.")] == []


def test_an_approved_word_clears_the_error_and_a_bad_line_is_a_located_warning(sample_copy):
    _public_story(sample_copy, "Klien kini aktif di kelompok Contohsari bersama warga.")
    assert [p.code for p in _story_problems(sample_copy)] == ["privacy.public_name"]
    (sample_copy / "private").mkdir()
    (sample_copy / "private" / "allowlist.txt").write_text(
        "Contohsari  # disetujui: PS-01 2026-11-20\nWiryo  # disetujui: Pak Budi 2026-11-20\n",
        encoding="utf-8",
    )
    _, problems = load_project(sample_copy)
    assert [p for p in problems if p.file == "cases/K-2025-0001.yaml"] == []
    (refused,) = [p for p in problems if p.file == "private/allowlist.txt"]
    assert (refused.line, refused.code, refused.severity) == (
        2, "privacy.allow_unknown_reviewer", "warning"
    )


def test_an_identifier_in_a_public_story_has_no_way_out(sample_copy):
    _public_story(sample_copy, "Klien dapat dihubungi di 0812-9999-0001.")
    (problem,) = [p for p in _story_problems(sample_copy) if p.is_error]
    assert problem.code == "privacy.public_identifier"
    assert "tidak bisa dikecualikan" in problem.hint("id")
    assert "cannot be waived" in problem.hint("en")


def test_the_leak_audit_uses_the_same_detector_and_the_same_approvals(tmp_path):
    from generator.privacy.audit import audit_site

    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(
        "<!doctype html><html><head><title>Cerita</title></head><body>"
        "<p>Kelompok Contohsari bersama Wiryo.</p><img alt='Foto Wiryo' src='a.png'>"
        "<p style='font-family: Segoe UI, Roboto'>Kota Sukamaju</p></body></html>",
        encoding="utf-8",
    )
    (site / "b.html").write_text("<p>Kelompok Contohsari.</p>", encoding="utf-8")
    found = audit_site(site, lexicon=Lexicon(approved=("Contohsari",)))
    assert [(f.file, f.path, f.code) for f in found] == [
        ("index.html", "attribute:alt", "capitalised_name"),
        ("index.html", "text", "capitalised_name"),
    ]
    without = audit_site(site, lexicon=Lexicon())  # without the approval, Contohsari too
    assert ("b.html", "capitalised_name") in {(f.file, f.code) for f in without}


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_any_allow_list_file_reads_without_a_traceback(text):
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "allowlist.txt"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        found = AllowList.read(path, ["PS-01"], TODAY)
    assert all(a.reviewer == "PS-01" and a.day <= TODAY for a in found.approvals)
    assert len(found.approvals) + len(found.refusals) <= len(text.splitlines())


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_the_name_scan_never_fails_and_points_inside_the_text(text):
    for f in scan_text(text, lexicon=Lexicon()):
        assert 0 <= f.start < f.end <= len(text)


def test_a_robots_file_is_no_name():
    assert names("User-agent: *\nAllow: /\nSitemap: https://dinsos.contoh.example/sitemap.xml") == []
