"""Public text held to a stricter standard: name parts and nicknames, facilities, dates in words.

Every name here is invented.
"""

from __future__ import annotations

import pytest
import yaml

from generator.build.project import load_project
from generator.privacy.allowlist import AllowList
from generator.privacy.denylist import DenyList
from generator.privacy.detectors import scan_text

LINE = "Sutarno Wiryadinata | Sutarno, Wiryadinata, Tarno, Pak Tris"


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    monkeypatch.setenv("CASEBOOK_TODAY", "2026-11-22")


@pytest.mark.parametrize("text", [
    "Sutarno datang sendiri.", "Keluarga Wiryadinata menjemput.", "Dipanggil Tarno oleh tetangga.",
    "Pak Tris menunggu di depan.", "SUTARNO WIRYADINATA", "W i r y a d i n a t a",
])
def test_each_listed_part_and_nickname_matches_alone(text):
    assert DenyList([LINE]).find(text)


def test_a_line_without_parts_matches_the_whole_name_only():
    names = DenyList(["Dirja Wacana"])
    assert names.find("Dirja Wacana datang") and not names.find("Wacana publik")


def test_a_part_is_released_only_by_an_approved_allow_list_entry(tmp_path):
    (tmp_path / "denylist.txt").write_text("Dirja Wacana | Dirja, Wacana\n", encoding="utf-8")
    allow = tmp_path / "allowlist.txt"
    allow.write_text("Wacana\n", encoding="utf-8")  # no approver: ignored
    words = AllowList.read(allow, ["PS-01"]).words
    assert words == () and DenyList.from_file(tmp_path / "denylist.txt", allowed=words).find(
        "Wacana publik"
    )
    allow.write_text("Wacana  # disetujui: PS-01 2026-11-20\n", encoding="utf-8")
    words = AllowList.read(allow, ["PS-01"]).words
    assert words == ("Wacana",)
    names = DenyList.from_file(tmp_path / "denylist.txt", allowed=words)
    assert not names.find("Wacana publik tentang anak jalanan")
    assert names.find("Dirja datang")  # only what was approved
    assert names.find("Dirja Wacana")  # a full name is never released
    assert len(names) == 1


@pytest.mark.parametrize("text,detector", [
    ("Dirawat di RSJ Sambang Lihum.", "facility_name"),
    ("Dirujuk ke RSUD dr. Soetomo.", "facility_name"),
    ("Ditempatkan di Panti Werdha Sukaharja.", "facility_name"),
    ("Ditemukan pada tiga Maret di terminal.", "full_date"),
    ("Ditemukan pada 3 Maret 2025 di terminal.", "full_date"),
])
def test_facilities_and_dates_in_words_are_found(text, detector):
    assert detector in {f.detector for f in scan_text(text)}


@pytest.mark.parametrize("text", [
    "Dirujuk ke RSJ dan kemudian ke UPT Pelayanan Sosial Provinsi.",
    "Layanan: Puskesmas Dirujuk ke Dinas Sosial kabupaten/kota.",
    "Selama tiga bulan klien tinggal di rumah singgah.",
    "Pemberi layanan Puskesmas Tahap yang dilalui Lembaga kesejahteraan sosial",
])
def test_kinds_and_durations_are_not_findings(text):
    assert scan_text(text) == []


@pytest.mark.parametrize("summary,detector", [
    ("Klien pernah dirawat di RSJ Sambang Lihum sebelum kembali.", "facility_name"),
    ("Klien ditemukan pada tiga Maret di terminal.", "full_date"),
])
def test_a_public_story_naming_a_facility_or_a_day_is_an_error(sample_copy, summary, detector):
    path = sample_copy / "cases" / "K-2025-0001.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data["publication"]["audience"] == "public"
    data["publication"]["summary"] = summary
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    _, problems = load_project(sample_copy)
    found = [p for p in problems if p.file == "cases/K-2025-0001.yaml"
             and p.code == "privacy.public_identifier"]
    assert [dict(p.params)["detector"] for p in found] == [detector]
    assert all(p.is_error for p in found)


def test_a_nickname_in_a_public_story_is_an_error(sample_copy):
    (sample_copy / "private").mkdir()
    (sample_copy / "private" / "denylist.txt").write_text(LINE + "\n", encoding="utf-8")
    path = sample_copy / "cases" / "K-2025-0001.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["publication"]["summary"] = "Tarno kini kembali tinggal bersama keluarganya."
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    _, problems = load_project(sample_copy)
    assert any(p.code == "privacy.denylist" and p.is_error for p in problems
               if p.file == "cases/K-2025-0001.yaml")
