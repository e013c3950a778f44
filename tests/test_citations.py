"""APA 7 references and in-text citations with Indonesian conventions (generator.validate.citations)."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest

from generator.model.records import Reference
from generator.validate.citations import (
    Source,
    author_list,
    format_locator,
    format_reference,
    initials,
    prepare_sources,
    reference_list,
    resolve_citations,
    source_of,
)

WIBOWO = Source(
    "wibowo2019",
    "book",
    "Manajemen kasus dalam praktik pekerjaan sosial",
    (("Wibowo", "Aryo Seno"),),
    year=2019,
    publisher="Penerbit Cakrawala Ilmu",
)
SARI = Source(
    "sari2020",
    "article",
    "Genogram sebagai alat asesmen",
    (("Sari", "Dewi"), ("Putra", "Budi Santoso")),
    year=2020,
    container="Jurnal Kesejahteraan Sosial",
    volume="9",
    issue="2",
    pages="114-127",
    doi="10.99999/jks.v9i2.12",
)
TRIO = Source(
    "lubis2021",
    "book",
    "Pekerjaan sosial generalis",
    (("Prasetyo", "Citra"), ("Hidayat", "Dimas"), ("Wijaya", "Eka")),
    year=2021,
    publisher="Penerbit Nusa",
    edition="2",
)
PERMENSOS = Source(
    "permensos7",
    "regulation",
    "Peraturan Menteri Sosial Nomor 7 Tahun 2021 tentang Asistensi Rehabilitasi Sosial",
    organisation="Kementerian Sosial Republik Indonesia",
    year=2021,
    url="https://example.invalid/permensos-7-2021",
)
UU = Source(
    "uu14", "regulation", "Undang-Undang Nomor 14 Tahun 2019 tentang Pekerja Sosial", year=2019
)
WEB = Source(
    "data-ppks",
    "web",
    "Data PPKS Kota Sukamaju",
    organisation="Dinas Sosial Kota Sukamaju",
    container="Portal Data Kota Sukamaju",
    url="https://example.invalid/ppks",
    accessed=dt.date(2025, 3, 5),
)
CHAPTER = Source(
    "hasibuan2018",
    "chapter",
    "Asesmen berbasis kekuatan",
    (("Situmorang", "Fitri"),),
    year=2018,
    container="Bunga rampai pekerjaan sosial",
    pages="12-30",
    publisher="Penerbit Nusa",
)
REPORT = Source(
    "dinsos2024",
    "report",
    "Laporan tahunan rehabilitasi sosial",
    organisation="Dinas Sosial Kota Sukamaju",
    year=2024,
    issue="3",
    publisher="Dinas Sosial Kota Sukamaju",
)
THESIS = Source(
    "ginting2022",
    "thesis",
    "Reunifikasi keluarga gelandangan",
    (("Kurniawan", "Hana"),),
    year=2022,
    container="Skripsi",
    publisher="Universitas Nusantara Raya",
)
ALL = [WIBOWO, SARI, TRIO, PERMENSOS, UU, WEB, CHAPTER, REPORT, THESIS]


def test_initials_of_given_names():
    assert initials("Aryo Seno") == "A. S."
    assert initials("jean-paul") == "J.-P."
    assert initials(None) == ""


def test_author_list_uses_ampersand_and_twenty_author_rule():
    assert author_list(SARI) == "Sari, D., & Putra, B. S."
    assert author_list(TRIO) == "Prasetyo, C., Hidayat, D., & Wijaya, E."
    many = Source("k", "book", "T", tuple((f"Penulis{i}", "Ana") for i in range(1, 23)), year=2020)
    listed = author_list(many)
    assert listed.startswith("Penulis1, A., Penulis2, A.,")
    assert "Penulis19, A., … Penulis22, A." in listed
    assert "Penulis20" not in listed and "&" not in listed


def test_mononym_keeps_its_single_name():
    source = Source("k", "book", "Judul", (("Sukarni", None),), year=2001, publisher="P")
    assert format_reference(source) == "Sukarni. (2001). *Judul*. P."


@pytest.mark.parametrize(
    "source, expected",
    [
        (
            WIBOWO,
            (
                "Wibowo, A. S. (2019). *Manajemen kasus dalam praktik pekerjaan sosial*. "
                "Penerbit Cakrawala Ilmu."
            ),
        ),
        (
            SARI,
            (
                "Sari, D., & Putra, B. S. (2020). Genogram sebagai alat asesmen. *Jurnal Kesejahteraan "
                "Sosial*, *9*(2), 114–127. https://doi.org/10.99999/jks.v9i2.12"
            ),
        ),
        (
            TRIO,
            (
                "Prasetyo, C., Hidayat, D., & Wijaya, E. (2021). *Pekerjaan sosial generalis* (Edisi ke-2). "
                "Penerbit Nusa."
            ),
        ),
        (
            PERMENSOS,
            (
                "Kementerian Sosial Republik Indonesia. (2021). *Peraturan Menteri Sosial Nomor 7 "
                "Tahun 2021 tentang Asistensi Rehabilitasi Sosial*. https://example.invalid/permensos-7-2021"
            ),
        ),
        (UU, "*Undang-Undang Nomor 14 Tahun 2019 tentang Pekerja Sosial*. (2019)."),
        (
            WEB,
            (
                "Dinas Sosial Kota Sukamaju. (t.t.). *Data PPKS Kota Sukamaju*. Portal Data Kota Sukamaju. "
                "Diakses 5 Maret 2025, dari https://example.invalid/ppks"
            ),
        ),
        (
            CHAPTER,
            (
                "Situmorang, F. (2018). Asesmen berbasis kekuatan. Dalam *Bunga rampai pekerjaan sosial* "
                "(hlm. 12–30). Penerbit Nusa."
            ),
        ),
        (
            REPORT,
            "Dinas Sosial Kota Sukamaju. (2024). *Laporan tahunan rehabilitasi sosial* (No. 3).",
        ),
        (
            THESIS,
            "Kurniawan, H. (2022). *Reunifikasi keluarga gelandangan* [Skripsi, Universitas Nusantara Raya].",
        ),
    ],
)
def test_reference_entry_of_each_type_in_indonesian(source, expected):
    assert format_reference(source, "id") == expected


def test_english_conventions():
    assert format_reference(WEB, "en").endswith(
        "(n.d.). *Data PPKS Kota Sukamaju*. Portal Data Kota Sukamaju. "
        "Retrieved March 5, 2025, from https://example.invalid/ppks"
    )
    assert "(2nd ed.)" in format_reference(TRIO, "en")
    assert "In *Bunga rampai pekerjaan sosial* (pp. 12–30)" in format_reference(CHAPTER, "en")
    cited = resolve_citations("[@lubis2021, p. 4]", ALL, "en").text
    assert cited == "(Prasetyo et al., 2021, p. 4)"


def test_no_full_stop_after_doi_or_url():
    for source in (SARI, PERMENSOS, WEB):
        assert not format_reference(source).endswith(".")


def test_reference_list_is_sorted_letter_by_letter_with_no_date_first():
    older = Source("w-nd", "book", "Catatan lapangan", (("Wibowo", "Aryo Seno"),), publisher="P")
    entries = reference_list([*ALL, older])
    firsts = [entry.split(" (")[0].split(".")[0] for entry in entries]
    assert firsts == sorted(firsts, key=lambda s: s.lstrip("*").casefold())
    wibowo = [e for e in entries if e.startswith("Wibowo")]
    assert wibowo[0].startswith("Wibowo, A. S. (t.t.)") and wibowo[1].startswith(
        "Wibowo, A. S. (2019)"
    )


def test_same_author_and_year_get_letters_in_list_and_text():
    second = Source(
        "wibowo2019b",
        "article",
        "Asesmen klien jalanan",
        (("Wibowo", "Aryo Seno"),),
        year=2019,
        container="Jurnal Peksos",
        volume="1",
        pages="1-9",
    )
    ordered = prepare_sources([WIBOWO, second])
    assert [(s.key, s.suffix) for s in ordered] == [("wibowo2019b", "a"), ("wibowo2019", "b")]
    cited = resolve_citations("[@wibowo2019] dan [@wibowo2019b]", [WIBOWO, second]).text
    assert cited == "(Wibowo, 2019b) dan (Wibowo, 2019a)"
    assert reference_list([WIBOWO, second])[0].startswith(
        "Wibowo, A. S. (2019a). Asesmen klien jalanan."
    )


@pytest.mark.parametrize(
    "prose, expected",
    [
        ("[@wibowo2019]", "(Wibowo, 2019)"),
        ("[@wibowo2019, p. 12]", "(Wibowo, 2019, hlm. 12)"),
        ("[@wibowo2019, pp. 12-14]", "(Wibowo, 2019, hlm. 12–14)"),
        ("[@wibowo2019, hlm. 7]", "(Wibowo, 2019, hlm. 7)"),
        ("[@wibowo2019, 30]", "(Wibowo, 2019, hlm. 30)"),
        ("[@sari2020]", "(Sari & Putra, 2020)"),
        ("@sari2020 menulis", "Sari dan Putra (2020) menulis"),
        ("@wibowo2019 [hlm. 3] menulis", "Wibowo (2019, hlm. 3) menulis"),
        ("[@lubis2021]", "(Prasetyo dkk., 2021)"),
        ("[@permensos7]", "(Kementerian Sosial Republik Indonesia, 2021)"),
        ("[@uu14]", "(*Undang-Undang Nomor 14 Tahun 2019*, 2019)"),
        ("[@data-ppks]", "(Dinas Sosial Kota Sukamaju, t.t.)"),
        ("[@wibowo2019; @sari2020]", "(Sari & Putra, 2020; Wibowo, 2019)"),
        ("[lihat @wibowo2019]", "(lihat Wibowo, 2019)"),
        ("Wibowo [-@wibowo2019]", "Wibowo (2019)"),
    ],
)
def test_in_text_citations(prose, expected):
    assert resolve_citations(prose, ALL).text == expected


def test_works_of_the_same_authors_share_one_name():
    later = Source(
        "wibowo2022", "book", "Supervisi", (("Wibowo", "Aryo Seno"),), year=2022, publisher="P"
    )
    assert (
        resolve_citations("[@wibowo2022; @wibowo2019]", [WIBOWO, later]).text
        == "(Wibowo, 2019, 2022)"
    )


def test_text_that_is_not_a_citation_is_left_alone():
    prose = (
        "Surel dinsos@example.invalid, [tautan](https://example.invalid/@akun), "
        "[catatan lapangan], harga \\@ 5 ribu, https://example.invalid/@wibowo2019."
    )
    cited = resolve_citations(prose, ALL)
    assert cited.text == prose.replace("\\@", "@")
    assert cited.unresolved == [] and cited.cited == []


def test_unresolved_keys_are_reported_with_line_and_column():
    prose = "Baris satu [@wibowo2019].\nBaris dua [@tidakada; @sari2020] dan @hilang."
    cited = resolve_citations(prose, ALL)
    assert [(u.key, u.line, u.column) for u in cited.unresolved] == [
        ("tidakada", 2, 12),
        ("hilang", 2, 38),
    ]
    assert "(Sari & Putra, 2020; **tidakada?**)" in cited.text
    assert "**hilang?**" in cited.text
    assert sorted(cited.cited) == ["sari2020", "wibowo2019"]


def test_locator_words():
    assert format_locator("p. 5") == "hlm. 5"
    assert format_locator("pp. 5-9", "en") == "pp. 5–9"
    assert format_locator("bab 3") == "bab 3"


def test_source_of_the_model_reference():
    reference = Reference.model_validate(
        {
            "id": "wibowo2019",
            "type": "book",
            "year": 2019,
            "title": "Manajemen kasus",
            "authors": [{"family": "Wibowo", "given": "Aryo Seno"}],
            "publisher": "Penerbit Cakrawala Ilmu",
        }
    )
    source = source_of(reference)
    assert source.authors == (("Wibowo", "Aryo Seno"),)
    assert (
        format_reference(source)
        == "Wibowo, A. S. (2019). *Manajemen kasus*. Penerbit Cakrawala Ilmu."
    )


def test_check_reports_an_unresolved_citation_at_its_chapter_line(sample_copy, monkeypatch):
    monkeypatch.setenv("CASEBOOK_TODAY", "2026-11-22")
    chapter = sample_copy / "interns" / "dewi-lestari-2025" / "chapters" / "penutup.md"
    chapter.write_text(
        chapter.read_text(encoding="utf-8") + "\nLihat [@wibowo2019manajemn].\n", encoding="utf-8"
    )
    line = (
        chapter.read_text(encoding="utf-8").splitlines().index("Lihat [@wibowo2019manajemn].") + 1
    )
    run = subprocess.run(
        [sys.executable, "-m", "generator", "check", "--project", str(sample_copy)],
        capture_output=True,
        text=True,
        check=False,
    )
    expected = (
        f"interns/dewi-lestari-2025/chapters/penutup.md:{line}:8  -  peringatan[citation.unresolved] "
        "sitasi '@wibowo2019manajemn' tidak ada di references.yaml — wibowo2019manajemen?"
    )
    assert expected in run.stdout
