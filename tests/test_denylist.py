"""Tests for the private deny-list: normalisation, evasions, files (synthetic names only)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from generator.privacy.denylist import DenyList, compact, normalise

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "privacy" / "denylist.synthetic.txt"


@pytest.fixture(scope="module")
def denylist() -> DenyList:
    return DenyList.from_file(FIXTURE)


# (kind, text) pairs in which a deny-listed synthetic name is hidden; each must be found.
EVASIONS = [
    ("plain", "Klien bernama Dirja Wacana datang."),
    ("upper_case", "KLIEN DIRJA WACANA DATANG"),
    ("diacritics", "Dírja Wâcana datang."),
    ("letter_spaced", "Nama: D i r j a  W a c a n a."),
    ("html_entity", "Dirja&nbsp;Wacana datang."),
    ("numeric_entity", "&#68;irja Wacana datang."),
    ("double_encoded_entity", "&amp;#68;irja Wacana datang."),
    ("soft_hyphen_entity", "Dir&shy;ja Wa&shy;cana datang."),
    ("soft_hyphen_char", "Dir\u00adja Wacana datang."),
    ("zero_width", "Dir\u200bja Wa\u200ccana datang."),
    ("markup_split", "<b>Dir</b>ja <i>Wa</i>cana datang."),
    ("hyphen_split", "Dir-ja Wa-cana datang."),
    ("slug", "kasus/dirja-wacana.html"),
    ("underscore_slug", "foto_dirja_wacana.png"),
    ("camel_case", "KasusDirjaWacana"),
    ("glued_in_longer_word", "arsipdirjawacana2099"),
    ("url_escape", "?nama=Dirja%20Wacana"),
    ("full_width", "Ｄｉｒｊａ Ｗａｃａｎａ"),
    ("line_break", "Dirja\n   Wacana"),
    ("single_token_name", "Pak Iswahyudi hadir."),
    ("single_token_letter_spaced", "I s w a h y u d i hadir."),
    ("three_word_name", "Sutan Lanjar Saefullah."),
    ("single_token_glued", "berkasiswahyudilama"),
]


@pytest.mark.parametrize("kind,text", EVASIONS, ids=[k for k, _ in EVASIONS])
def test_evasion_is_found(denylist, kind, text):
    found = denylist.find(text)
    assert found, kind
    assert {f.detector for f in found} == {"denylist"}
    assert all(0 <= f.start <= f.end <= len(text) for f in found)


@pytest.mark.parametrize(
    "text",
    [
        "Klien A datang bersama ibunya.",
        "Dirja datang sendiri.",  # one token of a two-word name is not the name
        "Wacana publik tentang anak jalanan.",  # an ordinary word that is part of a name
        "Kartika dan Habibah hadir.",
        "Pak Iswahyu hadir.",  # a different, shorter name
        "Devi datang; Habibi pergi.",  # both tokens, but not together
        "Estionos Usamahs",  # longer words that only contain the tokens
    ],
)
def test_innocent_text_is_not_found(denylist, text):
    assert denylist.find(text) == []


def test_position_points_at_the_name_in_the_original_text(denylist):
    text = "Catatan: pendamping bertemu Dír<b>ja</b> Wacana kemarin."
    (finding,) = denylist.find(text)
    assert text[finding.start : finding.end] == "Dír<b>ja</b> Wacana"


def test_position_falls_back_to_the_whole_text_when_the_name_cannot_be_located(denylist):
    text = "&#68;irja Wacana"
    (finding,) = denylist.find(text)
    assert (finding.start, finding.end) == (0, len(text))


def test_two_names_give_two_findings(denylist):
    text = "Azalea Agustina dan Titin Pangestu."
    assert [(f.start, f.end) for f in denylist.find(text)] == [(0, 15), (20, 34)]


def test_normalise_defeats_markup_entities_and_diacritics():
    assert normalise("Su&shy;tarno <b>X</b>  —  ÁB\u200b") == "sutarno x ab"
    assert normalise("S u t a r n o") == "s u t a r n o"
    assert normalise("<b>Su</b>tarno") == "sutarno"
    assert normalise("SUTÁRNO") == "sutarno"
    assert normalise("Su-tarno") == "su tarno"
    assert compact("Su-tarno") == "sutarno"
    assert normalise("&amp;lt;b&amp;gt;Su&amp;lt;/b&amp;gt;tarno") == "sutarno"


@pytest.mark.parametrize(
    "text", ["S u t a r n o", "SUTÁRNO", "Su&shy;tarno", "<b>Su</b>tarno", "Su-tarno"]
)
def test_brief_examples_of_evasion_match_a_single_name(text):
    assert DenyList(["Sutarno"]).find(text)


def test_from_file_skips_comments_and_blank_lines(tmp_path):
    path = tmp_path / "names.txt"
    path.write_text(
        "# header\n\nWiryo Sastro   # trailing comment\n  \nKemuning\n# Larasati\n",
        encoding="utf-8",
    )
    names = DenyList.from_file(path)
    assert len(names) == 2 and not names.is_empty and not names.source_missing
    assert names.find("Bu Kemuning dan Wiryo Sastro")
    assert names.find("Larasati") == []


def test_missing_file_gives_an_empty_list_that_says_so(tmp_path):
    names = DenyList.from_file(tmp_path / "private" / "denylist.txt")
    assert names.is_empty and names.source_missing
    assert names.find("Dirja Wacana") == []


def test_names_too_short_to_match_safely_are_dropped():
    names = DenyList(["Al", "  ", "Ani"])
    assert len(names) == 1
    assert names.find("Al datang") == []
    assert names.find("Ani datang")


def test_repr_and_findings_never_show_a_name(denylist):
    assert "dirja" not in repr(denylist).lower()
    assert repr(denylist) == "DenyList(7 names)"
    text = "Dirja Wacana"
    for finding in denylist.find(text):
        assert "Dirja" not in repr(finding) and "dirja" not in repr(finding)


def test_fixture_file_is_synthetic_and_committable_while_the_real_path_is_ignored():
    assert "synthetic" in FIXTURE.name
    ignored = subprocess.run(
        ["git", "check-ignore", "-q", "private/denylist.txt"], cwd=ROOT, check=False
    )
    assert ignored.returncode == 0
    fixture_ignored = subprocess.run(
        ["git", "check-ignore", "-q", str(FIXTURE.relative_to(ROOT))], cwd=ROOT, check=False
    )
    assert fixture_ignored.returncode == 1


def test_no_tracked_file_is_a_denylist_except_synthetic_fixtures():
    tracked = subprocess.run(
        ["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    offenders = [
        p
        for p in tracked.splitlines()
        if "denylist" in Path(p).name.lower()
        and "synthetic" not in Path(p).name.lower()
        and not p.endswith(".py")
    ]
    assert offenders == []


def test_cyrillic_look_alike_letters_are_read_as_latin(denylist):
    text = "Dirj\u0430 W\u0430cana datang."  # two Cyrillic "а"
    (finding,) = denylist.find(text)
    assert (finding.start, finding.end) == (0, 12)
