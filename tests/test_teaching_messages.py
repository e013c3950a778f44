"""The slips a student makes, each with the exact message and hint `casebook check` teaches.

Each slip is made in a copy of a sample case (K-2025-0002); the findings are compared whole, in
Indonesian and English: the line of the slip itself, the fix that works, no libyaml English in
the Indonesian text, the full list of allowed codes, and findings on standard output.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import copy_sample

from generator.cli import cli

CASE = "cases/K-2025-0002.yaml"


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_sample(tmp_path_factory.mktemp("slips") / "project")


@pytest.fixture
def original(project: Path) -> str:
    path = project / CASE
    text = path.read_text(encoding="utf-8")
    yield text
    path.write_text(text, encoding="utf-8")


def check(project: Path, lang: str, monkeypatch: pytest.MonkeyPatch) -> tuple[str, str, int]:
    monkeypatch.setenv("CASEBOOK_TODAY", "2026-11-22")
    result = CliRunner().invoke(cli, ["check", "--project", str(project), "--lang", lang,
                                      str(project / CASE)])
    assert result.exception is None or isinstance(result.exception, SystemExit)
    return result.stdout, result.stderr, result.exit_code


def slip(project: Path, original: str, old: str, new: str) -> None:
    assert old in original
    (project / CASE).write_text(original.replace(old, new, 1), encoding="utf-8")


# After the file's schema errors, the note that its other rules wait for them.
SKIPPED_ID = (
    "cases/K-2025-0002.yaml:3:1  -  catatan[rules.skipped] aturan isi berkas ini (tanggal, tahap,"
    " persetujuan, rujukan ke berkas lain) belum diperiksa karena berkas masih memiliki galat"
    " skema\n"
    "    petunjuk: perbaiki galat skema dulu, lalu jalankan `casebook check` lagi\n")
SKIPPED_EN = (
    "cases/K-2025-0002.yaml:3:1  -  note[rules.skipped] this file's content rules (dates, stages,"
    " consent, links to other files) are not checked yet because it has schema errors\n"
    "    hint: fix the schema errors first, then run `casebook check` again\n")

SLIPS = {
    "over-indented key": (
        "\n  sex: laki_laki\n", "\n   sex: laki_laki\n",
        ("cases/K-2025-0002.yaml:13:4  -  galat[yaml.indent] kunci 'sex' menjorok 3 spasi, tidak"
        " sejajar dengan 'alias' (2 spasi)\n"
        "    petunjuk: sejajarkan kunci ini dengan 'alias': awali barisnya dengan tepat 2 spasi"
        " (spasi, bukan\n              tab)\n"),
        ("cases/K-2025-0002.yaml:13:4  -  error[yaml.indent] key 'sex' starts after 3 space(s), out"
        " of line with 'alias' (after 2)\n"
        "    hint: align this key with 'alias': start its line with exactly 2 spaces (spaces, not"
        " tabs)\n"),
    ),
    # libyaml gives up on line 14 (age), a line late: the slip is sex, on line 13
    "key that lost its indentation": (
        "\n  sex: laki_laki\n", "\nsex: laki_laki\n",
        ("cases/K-2025-0002.yaml:13:1  -  galat[yaml.indent] kunci 'sex' menjorok 0 spasi, tidak"
        " sejajar dengan 'age' (2 spasi)\n"
        "    petunjuk: sejajarkan kunci ini dengan 'age': awali barisnya dengan tepat 2 spasi"
        " (spasi, bukan\n              tab)\n"),
        ("cases/K-2025-0002.yaml:13:1  -  error[yaml.indent] key 'sex' starts after 0 space(s), out"
        " of line with 'age' (after 2)\n"
        "    hint: align this key with 'age': start its line with exactly 2 spaces (spaces, not"
        " tabs)\n"),
    ),
    "key between two levels": (
        "\n  age: 13\n", "\n age: 13\n",
        ("cases/K-2025-0002.yaml:14:2  -  galat[yaml.indent] kunci 'age' menjorok 1 spasi, tidak"
        " sejajar dengan 'sex' (2 spasi)\n"
        "    petunjuk: sejajarkan kunci ini dengan 'sex': awali barisnya dengan tepat 2 spasi"
        " (spasi, bukan\n              tab)\n"),
        ("cases/K-2025-0002.yaml:14:2  -  error[yaml.indent] key 'age' starts after 1 space(s), out"
        " of line with 'sex' (after 2)\n"
        "    hint: align this key with 'sex': start its line with exactly 2 spaces (spaces, not"
        " tabs)\n"),
    ),
    "unquoted comma in a flow mapping": (
        'fisik: {rating: 3, note: "Sehat, tetapi sering tidur larut dan makan tidak teratur."}',
        "fisik: {rating: 3, note: Sehat, tetapi sering tidur larut}",
        "cases/K-2025-0002.yaml:47:37  assessment.domains.fisik.tetapi sering tidur larut"
        "  galat[yaml.flow_comma] koma di dalam {…} memisahkan isian, sehingga 'tetapi sering"
        " tidur larut' terbaca sebagai kunci tersendiri; nilai 'note' terpotong\n"
        "    petunjuk: apit nilai yang memuat koma dengan tanda kutip: note: \"Sehat, tetapi"
        " sering tidur\n              larut\"\n" + SKIPPED_ID,
        "cases/K-2025-0002.yaml:47:37  assessment.domains.fisik.tetapi sering tidur larut"
        "  error[yaml.flow_comma] a comma inside {…} separates entries, so 'tetapi sering tidur"
        " larut' was read as a key of its own; the value of 'note' was cut\n"
        "    hint: put a value that holds a comma in quotes: note: \"Sehat, tetapi sering tidur"
        " larut\"\n" + SKIPPED_EN,
    ),
    "colon in a value": (
        "district: Sukamaju Kota", "district: Kota: Sukamaju",
        ("cases/K-2025-0002.yaml:33:13  -  galat[yaml.colon_in_value] nilai 'district' memuat"
        " titik dua dan spasi (': '), yang dibaca YAML sebagai kunci baru\n"
        "    petunjuk: apit nilainya dengan tanda kutip: district: \"Kota: Sukamaju\"\n"),
        ("cases/K-2025-0002.yaml:33:13  -  error[yaml.colon_in_value] the value of 'district'"
        " holds a colon and a space (': '), which YAML reads as a new key\n"
        "    hint: put the value in quotes: district: \"Kota: Sukamaju\"\n"),
    ),
    "quote left open": (
        "alias: Klien B", 'alias: "Klien B',
        ("cases/K-2025-0002.yaml:12:10  -  galat[yaml.open_quote] tanda kutip \" yang dibuka di"
        " sini tidak pernah ditutup\n"
        "    petunjuk: tutup teksnya dengan \" di akhir nilai, pada baris yang sama\n"),
        ("cases/K-2025-0002.yaml:12:10  -  error[yaml.open_quote] the quote \" opened here is"
        " never closed\n"
        "    hint: close the text with \" at the end of the value, on the same line\n"),
    ),
    "missing colon": (
        "alias: Klien B", "alias Klien B",
        ("cases/K-2025-0002.yaml:12:3  -  galat[yaml.missing_colon] baris 'alias Klien B' tidak"
        " memiliki titik dua setelah kunci\n"
        "    petunjuk: tulis kunci, titik dua, spasi, lalu nilainya, mis. `alias: Klien A`; bila"
        " baris ini\n              lanjutan teks di atasnya, apit seluruh teks dengan tanda"
        " kutip\n"),
        ("cases/K-2025-0002.yaml:12:3  -  error[yaml.missing_colon] the line 'alias Klien B' has"
        " no colon after its key\n"
        "    hint: write the key, a colon, a space and the value, e.g. `alias: Klien A`; if the"
        " line\n          continues the text above, put the whole text in quotes\n"),
    ),
    "English codes and labels": (
        "sex: laki_laki", "sex: male",
        "cases/K-2025-0002.yaml:13:8  client.sex  galat[field.vocabulary] 'male' bukan kode"
        " Jenis kelamin yang dikenal — laki_laki?\n"
        "    petunjuk: gunakan salah satu: laki_laki, perempuan\n" + SKIPPED_ID,
        "cases/K-2025-0002.yaml:13:8  client.sex  error[field.vocabulary] 'male' is not a known"
        " Sex code — laki_laki?\n"
        "    hint: use one of: laki_laki, perempuan\n" + SKIPPED_EN,
    ),
}


@pytest.mark.parametrize("name", list(SLIPS))
@pytest.mark.parametrize("lang", ["id", "en"])
def test_each_slip_is_taught_at_its_line(project, original, monkeypatch, name, lang) -> None:
    old, new, expected_id, expected_en = SLIPS[name]
    slip(project, original, old, new)
    stdout, stderr, code = check(project, lang, monkeypatch)
    assert code == 1
    assert stdout == (expected_id if lang == "id" else expected_en)
    assert stderr.count("\n") == 1  # only the summary line


def test_no_libyaml_english_in_an_indonesian_syntax_message(project, original, monkeypatch):
    slip(project, original, "\n  sex: laki_laki\n", "\n  sex: laki_laki\n---\n")
    stdout, _, _ = check(project, "id", monkeypatch)
    assert "yaml.second_document" in stdout
    for english in ("expected", "found", "while", "mapping values", "document in the stream"):
        assert english not in stdout


def test_an_english_label_suggests_its_code_and_the_list_is_whole(project, original, monkeypatch):
    slip(project, original, "ppks: anak_jalanan", "ppks: Beggar")
    stdout, _, _ = check(project, "id", monkeypatch)
    assert "'Beggar' bukan kode Kategori PPKS yang dikenal — pengemis?" in stdout
    assert "…" not in stdout
    assert "komunitas_adat_terpencil" in stdout  # the last code of the vocabulary
    assert max(len(line) for line in stdout.splitlines()[1:-2]) <= 100


@pytest.mark.parametrize(("encode", "expected"), [
    (lambda text: text.encode("utf-16"),
     ("cases/K-2025-0002.yaml:1:1  -  galat[file.utf16] berkas disimpan sebagai UTF-16, bukan"
     " UTF-8\n"
     "    petunjuk: simpan ulang sebagai UTF-8: di Notepad pilih Simpan Sebagai → Pengodean: UTF-8;"
     " di VS\n              Code klik \"UTF-16\" di bilah bawah → Save with Encoding → UTF-8\n")),
    (lambda text: text.replace("Klien B", "Klien Bé").encode("cp1252"),
     ("cases/K-2025-0002.yaml:12:17  -  galat[file.legacy_encoding] berkas disimpan sebagai"
     " Windows-1252 (Latin-1), bukan UTF-8: karakter 'é' di sini\n"
     "    petunjuk: simpan ulang sebagai UTF-8: di Notepad pilih Simpan Sebagai → Pengodean: UTF-8;"
     " di VS\n              Code klik \"Windows 1252\" di bilah bawah → Save with Encoding"
     " → UTF-8\n")),
])
def test_encodings_are_named(project, original, monkeypatch, encode, expected) -> None:
    (project / CASE).write_bytes(encode(original))
    stdout, _, code = check(project, "id", monkeypatch)
    assert code == 1
    assert stdout == expected


def test_a_value_cut_at_two_commas_is_given_back_whole(project, original, monkeypatch) -> None:
    slip(project, original,
         'fisik: {rating: 3, note: "Sehat, tetapi sering tidur larut dan makan tidak teratur."}',
         "fisik: {rating: 3, note: Sehat, tetapi tidur larut, makan tidak teratur}")
    stdout, _, _ = check(project, "en", monkeypatch)
    unwrapped = " ".join(stdout.split())
    assert unwrapped.count("error[yaml.flow_comma]") == 2
    fix = 'hint: put a value that holds a comma in quotes: note: "Sehat, tetapi tidur larut, makan'
    assert unwrapped.count(fix + ' tidak teratur"') == 2
