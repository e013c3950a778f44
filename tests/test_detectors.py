"""Red-team tests for the free-text identifier detectors (all values synthetic and invented)."""

from __future__ import annotations

import dataclasses

import pytest

from generator.privacy.detectors import DETECTOR_LABELS, DETECTOR_SEVERITY, Match, scan_text
from generator.privacy.names import Lexicon

# (kind, sentence with {} where the payload goes, payload, detector that must fire on the payload)
LEAKS = [
    # --- long numbers: NIK, KK, NPWP, card and account numbers
    # -------------------------------------------
    ("nik_plain", "NIK klien {} tercatat.", "3174996512999998", "nik"),
    ("nik_spaced", "Nomornya {} ya.", "3174 9965 1299 9998", "nik"),
    ("nik_dotted", "Data: {} (lama).", "31.74.99.651299.9998", "nik"),
    ("nik_dashed", "Data: {} (lama).", "3174-99-651299-9998", "nik"),
    ("nik_glued", "Tertulis {} di berkas.", "NIK3174996512999998", "nik"),
    ("nik_zero_width", "Isian {} selesai.", "3174\u200b9965\u200b12999998", "nik"),
    ("nik_new_province", "KTP {} (Papua Selatan).", "9301990101999999", "nik"),
    ("nik_unknown_province_still_blocked", "Nomor {} saja.", "0001990101999999", "long_number"),
    ("kk_number", "No. KK {} disimpan.", "3174990101999997", "kk"),
    ("npwp_printed", "NPWP {} lama.", "01.234.567.8-901.000", "npwp"),
    ("npwp_16_digits", "NPWP {} baru.", "0012345678901000", "npwp"),
    ("bpjs_card", "No. KIS {} aktif.", "0001234599999", "long_number"),
    ("kpj_number", "KPJ {} terdaftar.", "19009999123", "long_number"),
    ("bank_account", "rek. BRI {} atas nama klien.", "0123-01-999999-50-9", "long_number"),
    ("student_nim", "NIM {} pada laporan.", "219999991", "long_number"),
    ("civil_servant_nip", "NIP {} pembimbing.", "199901012099011999", "long_number"),
    # --- phones
    # -----------------------------------------------------------------------------------------
    ("phone_dashed", "Hubungi {} sore.", "0812-9999-0001", "phone"),
    ("phone_plus62_spaced", "Kontak {} saja.", "+62 812 9999 0001", "phone"),
    ("phone_62_no_plus", "Nomor {} aktif.", "6281299990001", "phone"),
    ("phone_62_with_0", "Nomor {} aktif.", "62 0812 9999 0001", "phone"),
    ("phone_glued_letters", "Catatan: {} malam.", "hp081299990001", "phone"),
    ("phone_letter_o", "WA {} ya.", "O812-9999-OOO1", "phone"),
    ("phone_dotted", "Telp {} kantor.", "0812.9999.0001", "phone"),
    ("phone_underscore", "Isi {} di sini.", "0812_9999_0001", "phone"),
    ("phone_mixed_separators", "Isi {} di sini.", "0812 - 9999.0001", "phone"),
    ("phone_spaced_digits", "Nomornya {} tadi.", "0 8 1 2 9 9 9 9 0 0 0 1", "phone"),
    (
        "phone_spelled_out",
        "Nomornya {} tadi.",
        "nol delapan satu dua sembilan sembilan sembilan sembilan nol nol nol satu",
        "phone",
    ),
    ("phone_across_lines", "Nomor {} tadi.", "0812 9999\n0001", "phone"),
    ("phone_landline", "Telepon rumah {} malam.", "(061) 899-9991", "phone"),
    ("phone_tel_link", "<a href='{}'>hubungi</a>", "tel:+6281299990001", "phone"),
    # --- e-mail and social media
    # -------------------------------------------------------------------------
    ("email_plain", "Surel {} aktif.", "anak.contoh99@example.com", "email"),
    ("email_at_dot_brackets", "Surel {} aktif.", "contoh99 [at] gmail [dot] com", "email"),
    ("email_at_parentheses", "Surel {} aktif.", "contoh99(at)yahoo.co.id", "email"),
    ("email_at_dot_words", "Surel {} aktif.", "contoh99 at gmail dot com", "email"),
    ("email_no_tld", "Surel {} aktif.", "contoh99@gmail", "email"),
    ("social_handle", "Akun {} sering unggah.", "@contoh_akun99", "social_handle"),
    ("social_handle_labelled", "Catatan {} aktif.", "IG: contoh_akun99", "social_handle"),
    ("social_link_instagram", "Lihat {} saja.", "instagram.com/contoh_akun99", "social_link"),
    (
        "social_link_facebook",
        "Lihat {} saja.",
        "https://www.facebook.com/contoh.akun",
        "social_link",
    ),
    ("social_link_tiktok", "Lihat {} saja.", "tiktok.com/@contohakun", "social_link"),
    ("social_link_whatsapp", "Chat {} saja.", "https://wa.me/6281299990001", "social_link"),
    ("social_link_telegram", "Chat {} saja.", "t.me/contohakun", "social_link"),
    ("social_link_x", "Lihat {} saja.", "x.com/contohakun", "social_link"),
    # --- places below city level
    # ------------------------------------------------------------------------
    (
        "street_jl_number",
        "Tinggal di {} bersama ibu.",
        "Jl. Kenanga Contoh No. 99",
        "street_address",
    ),
    ("street_jln", "Tinggal di {} bersama ibu.", "Jln. Merpati Raya No. 7", "street_address"),
    ("street_gang", "Tinggal di {} bersama ibu.", "Gg. Contoh II No. 9", "street_address"),
    ("street_jalan_word", "Ditemukan di {} kemarin.", "Jalan Cempaka Putih", "street_address"),
    ("street_lorong", "Ditemukan di {} kemarin.", "Lorong Mawar", "street_address"),
    (
        "street_perumahan_blok",
        "Rumahnya di {} sekarang.",
        "Perumahan Griya Contoh Blok C No. 12",
        "street_address",
    ),
    ("street_komplek", "Rumahnya di {} sekarang.", "Komplek Contoh Indah", "street_address"),
    ("street_house_number", "Ia tinggal di {} dekat pasar.", "rumah no. 12", "street_address"),
    ("street_house_number_label", "Data {} lengkap.", "alamat: No. 5", "street_address"),
    ("street_blok", "Rumahnya {} sekarang.", "Blok C-12", "street_address"),
    ("rt_rw_slash", "Alamat {} jelas.", "RT 09/RW 09", "rt_rw"),
    ("rt_rw_dotted", "Alamat {} jelas.", "RT.009 RW.009", "rt_rw"),
    ("rt_rw_short", "Alamat {} jelas.", "RT 01/009", "rt_rw"),
    ("rt_rw_combined", "Alamat {} jelas.", "RT/RW 009/009", "rt_rw"),
    ("rt_lowercase", "Alamat {} jelas.", "rt 9", "rt_rw"),
    ("kelurahan_abbr", "Asal {} dulu.", "Kel. Contohsari", "subcity_place"),
    ("kelurahan_full", "Asal {} dulu.", "Kelurahan Contohsari", "subcity_place"),
    ("kecamatan_abbr", "Asal {} dulu.", "Kec. Contoh Baru", "subcity_place"),
    ("kecamatan_full", "Asal {} dulu.", "Kecamatan Contoh Baru", "subcity_place"),
    ("desa_lowercase_keyword", "Asal {} dulu.", "desa Contohjaya", "subcity_place"),
    ("dusun", "Asal {} dulu.", "Dusun Contohjaya", "subcity_place"),
    ("lingkungan_roman", "Tinggal di {} dulu.", "Lingkungan IX", "subcity_place"),
    ("postcode", "Alamat lengkap dengan {}.", "kode pos 20999", "postcode"),
    ("gps", "Titik {} dicatat.", "3.59991, 98.67991", "gps_coordinates"),
    ("school_numbered", "Bersekolah di {} kelas 5.", "SD Negeri 069991", "school_name"),
    ("school_short", "Bersekolah di {} dulu.", "SMPN 99", "school_name"),
    # --- dates and ages
    # ---------------------------------------------------------------------------------
    ("date_words", "Lahir di Medan, {}.", "17 Maret 2009", "full_date"),
    ("date_words_short_month", "Datang {} pagi.", "17 Mar 2009", "full_date"),
    ("date_no_year", "Dijangkau pada {} pagi.", "Senin, 17 Maret", "full_date"),
    ("date_slash", "TTL: Medan, {}.", "17/03/2009", "full_date"),
    ("date_two_digit_year", "Tanggal {} dicatat.", "17-03-09", "full_date"),
    ("date_iso", "Tanggal {} dicatat.", "2009-03-17", "full_date"),
    ("date_english", "Met on {} in town.", "March 17, 2009", "full_date"),
    ("age_keyword", "Anak jalanan {} itu.", "berusia 11 tahun", "exact_age"),
    ("age_umur_thn", "Lansia {} itu.", "umur 60 thn", "exact_age"),
    ("age_approximate", "Anak itu {} kata petugas.", "usianya sekitar 9 tahun", "exact_age"),
    ("age_bare_near_person", "Seorang {} ditemukan.", "anak laki-laki 11 tahun", "exact_age"),
    ("age_in_brackets", "Ada {} di sana.", "klien (9 th)", "exact_age"),
    # --- legal, vehicles, passports
    # -----------------------------------------------------------------------
    (
        "court_number",
        "Putusan {} sudah inkrah.",
        "12/Pid.Sus-Anak/2099/PN Mdn",
        "legal_case_number",
    ),
    (
        "court_civil",
        "Perkara {} ditunda.",
        "Nomor perkara: 45/Pdt.G/2099/PA.Mdn",
        "legal_case_number",
    ),
    ("police_report", "Laporan {} diterima.", "LP/B/999/III/2099/SPKT", "legal_case_number"),
    ("police_letter", "Surat {} terbit.", "No. Pol.: B/123/IV/2099/Reskrim", "legal_case_number"),
    ("police_stpl", "Surat {} terbit.", "STPL/45/IV/2099", "legal_case_number"),
    ("plate_spaced", "Betor {} parkir.", "BK 9991 XYZ", "vehicle_plate"),
    ("plate_glued", "Mobil {} parkir.", "BK9991XYZ", "vehicle_plate"),
    ("plate_short_with_context", "Sepeda motor {} hilang.", "B 12 XY", "vehicle_plate"),
    ("passport", "Dokumen {} disita.", "paspor C 9999991", "passport"),
    # --- names and initials
    # -----------------------------------------------------------------------------
    ("initials_keyword", "Seorang pengemis {} ditemukan.", "berinisial QX", "initials"),
    ("initials_keyword_dotted", "Klien dengan {} ditemukan.", "inisial Q.X.", "initials"),
    ("initials_age_tuple", "Pengemis {} ditemukan.", "(QX, 11)", "initials"),
    ("initials_an_dotted", "Surat untuk {} sudah dikirim.", "An. Q.X.", "initials"),
    ("initials_after_client", "Menurut {} ia lapar.", "Klien QX", "initials"),
    ("initials_in_brackets", "Pendampingan {} berlanjut.", "korban (QZ)", "initials"),
    ("honorific_bapak", "Menurut {} kemarin.", "Bapak Wiryo", "honorific_name"),
    ("honorific_bu_lowercase", "Menurut {} kemarin.", "bu Sekar", "honorific_name"),
    ("honorific_sdri", "Menurut {} kemarin.", "Sdri. Kemuning", "honorific_name"),
    ("honorific_with_title", "Menurut {} kemarin.", "Bapak H. Wiryo Sastro", "honorific_name"),
    ("honorific_tn", "Menurut {} kemarin.", "Tn. Wiryo", "honorific_name"),
    ("honorific_kak", "Menurut {} kemarin.", "Kak Larasati", "honorific_name"),
    ("name_bernama", "Anak itu {} katanya.", "bernama Sekar", "name_label"),
    ("name_label_colon", "Formulir: {} (isi).", "Nama: Sekar Kemuning", "name_label"),
    ("name_relative", "Ia tinggal dengan {} di rumah.", "ibunya, Sekar", "name_label"),
    ("name_patronymic", "Klien, {}, datang.", "Wiryo bin Sastro", "name_label"),
    ("name_atas_nama", "Rekening {} dibuka.", "atas nama Sekar", "name_label"),
    ("facility_rsj", "Pernah dirawat di {} tahun lalu.", "RSJ Sambang Lihum", "facility_name"),
    ("facility_rsud_dr", "Dirujuk ke {} untuk pemeriksaan.", "RSUD dr. Soetomo", "facility_name"),
    ("facility_puskesmas", "Berobat ke {} setiap bulan.", "Puskesmas Kedungrejo", "facility_name"),
    ("facility_panti", "Kini tinggal di {} bersama lansia lain.", "Panti Werdha Sukaharja",
     "facility_name"),
    ("facility_lapas", "Ayahnya berada di {} sejak lama.", "Lapas Kelas IIA Cipinang",
     "facility_name"),
    ("facility_polres", "Diantar petugas dari {} ke rumah singgah.", "Polres Contohsari",
     "facility_name"),
    ("date_day_in_words", "Ia datang pada {} sore.", "tiga Maret", "full_date"),
    ("date_day_in_words_long", "Ditemukan {} di pasar.", "dua puluh satu Mei", "full_date"),
]

NEGATIVE_CONTROLS = [
    # A statistics label: the elderly cluster and its count, not an age.
    "Lanjut usia: 15; Anak: 20",
    "Klaster Lanjut Usia 25 klien",
    "Bantuan Rp 1.500.000 diberikan.",
    "Bantuan Rp1,5 juta diberikan.",
    "Anggaran Rp 150.000.000 cair.",
    "Dana sebesar 2.500.000 rupiah.",
    "Total 1.250.000.000 untuk program.",
    "Sesuai UU 11/2012 Pasal 19.",
    "UU No. 35 Tahun 2014 Pasal 64.",
    "Permensos 08/2012 dan Permensos No. 08 Tahun 2012.",
    "PP 39/2012 tentang penyelenggaraan.",
    "Perda No. 5 Tahun 2020.",
    "Kepmendagri 300.2.2-2138/2025.",
    "Pasal 19 ayat (2).",
    "UU PDP Nomor 27 Tahun 2022.",
    "Pada Maret 2025.",
    "Sepanjang tahun 2025.",
    "Februari 2024 sampai Juni 2024.",
    "Triwulan I 2025.",
    "Periode 2019 2020 2021.",
    "Mulai 08.00 WIB.",
    "Pukul 08.00-16.00 WIB.",
    "Rapat 10.30 WIB.",
    "Ada 12 klien.",
    "Jumlah penerima 1.250 orang.",
    "Kasus K-2025-0007 dan K-2025-0018.",
    "Sebanyak 12,5% klien.",
    "Sekitar 35% klien remaja.",
    "Ibu klien bekerja.",
    "Bapak kepala bidang hadir.",
    "Bapak Kepala Dinas Sosial membuka acara.",
    "Ibu Kota Jakarta.",
    "Layanan ATENSI bagi PPKS.",
    "Layanan ATENSI 2024 untuk PPKS.",
    "PRT dan ART.",
    "Ia berjalan kaki.",
    "Anak jalanan di jalan raya.",
    "Kelompok usia 13–17 tahun.",
    "Anak yang belum berusia 18 tahun.",
    "Selama 3 tahun terakhir.",
    "Lansia berusia 60 tahun ke atas.",
    "Hukuman 5 tahun penjara.",
    "Lihat Gambar 1 dan Tabel 2.",
    "Hotline SAPA 129 dan 112.",
    "Anak Berhadapan dengan Hukum (ABH).",
    "Klien ODGJ dan korban KDRT.",
    "Peran Ibu Dalam Keluarga.",
    "Pendampingan Ibu Hamil.",
    "Drs. Contoh, S.Sos., M.Si.",
    "Versi 1.2.3.",
    "Kota Medan.",
    "Kabupaten Deli Serdang, Provinsi Sumatera Utara.",
    "Pada minggu kedua pendampingan.",
    "Mahasiswa magang anak SD dan SMP.",
    "Tim URC bersama Satpol PP.",
    "Gaya @media cetak.",
    "Dibawa ke rumah singgah pada Maret 2025 (UU No. 11 Tahun 2012 Pasal 19).",
    "Ia tinggal bersama seorang kakak. Ayah tiri klien bekerja.",
    "Alamat kantor: Nomor 5 Tahun 2020.",
    "Dirujuk ke RSJ, lalu ke UPT Pelayanan Sosial Provinsi.",
    "Rujukan ke rumah sakit, RSJ, UPT, dan sentra Kemensos.",
    "Rumah Sakit Jiwa (RSJ) menerima tiga klien selama tiga bulan.",
]

NARRATIVE = (
    "Pada Maret 2025 tim URC Dinas Sosial Kota Medan bersama Satpol PP melakukan penjangkauan di "
    "sekitar pasar. "
    "Klien A, seorang remaja laki-laki, ditemukan sedang mengemis dan dibawa ke rumah singgah "
    "untuk asesmen awal. "
    "Ibu klien bekerja sebagai buruh cuci, sedangkan ayah klien sudah lama tidak diketahui "
    "keberadaannya. "
    "Pekerja sosial menyusun rencana intervensi: reunifikasi, bimbingan sosial, dan rujukan ke "
    "UPT. Sesuai UU "
    "No. 11 Tahun 2012 Pasal 19 ayat (1), identitas anak dirahasiakan. Bantuan ATENSI senilai Rp "
    "1.500.000 "
    "diberikan; kegiatan pukul 09.00–12.00 WIB. Total 12 klien dilayani pada triwulan I 2025 "
    "(K-2025-0007 "
    "sampai K-2025-0018); sekitar 35% klien berusia 13–17 tahun. Terminasi pada Juni 2025."
)

OFFICE_ADDRESS = "Jl. Teladan Contoh No. 1"
OFFICE_PHONE = "(061) 415-0001"


def _plant(template: str, payload: str) -> tuple[str, int, int]:
    """The sentence with the payload, and the payload's span in it."""
    start = template.index("{}")
    return template.replace("{}", payload), start, start + len(payload)


@pytest.mark.parametrize("kind,template,payload,detector", LEAKS, ids=[row[0] for row in LEAKS])
def test_planted_leak_is_caught_by_the_right_detector(kind, template, payload, detector):
    text, start, end = _plant(template, payload)
    found = scan_text(text)
    hits = [f for f in found if f.detector == detector and f.start < end and start < f.end]
    assert hits, f"{kind}: expected {detector}, got {[(f.detector, f.start, f.end) for f in found]}"


def test_red_team_table_is_large_and_covers_every_text_detector():
    kinds = {row[0] for row in LEAKS}
    assert len(kinds) == len(LEAKS) >= 50
    # capitalised_name runs on public text only: tests/test_public_names.py plants it
    assert {row[3] for row in LEAKS} == set(DETECTOR_LABELS) - {"denylist", "capitalised_name"}


@pytest.mark.parametrize("text", NEGATIVE_CONTROLS)
def test_negative_control_gives_no_finding(text):
    assert scan_text(text) == []


def test_realistic_anonymised_narrative_gives_no_finding():
    assert scan_text(NARRATIVE) == []


def test_the_narrative_and_the_controls_meet_the_public_standard_too():
    lexicon = Lexicon()
    assert scan_text(NARRATIVE, lexicon=lexicon) == []
    found = {text: scan_text(text, lexicon=lexicon) for text in NEGATIVE_CONTROLS}
    assert {text: hits for text, hits in found.items() if hits} == {}


def test_allowed_office_address_and_phone_are_not_reported():
    text = f"Kantor Dinas: {OFFICE_ADDRESS}, telp {OFFICE_PHONE}."
    assert scan_text(text, allow=[OFFICE_ADDRESS, OFFICE_PHONE]) == []


def test_removing_an_allow_entry_brings_the_finding_back():
    text = f"Kantor Dinas: {OFFICE_ADDRESS}, telp {OFFICE_PHONE}."
    assert [f.detector for f in scan_text(text, allow=[OFFICE_ADDRESS])] == ["phone"]
    assert [f.detector for f in scan_text(text, allow=[OFFICE_PHONE])] == ["street_address"]


def test_allow_tolerates_line_breaks_but_not_other_values():
    text = "Kantor: Jl. Teladan\n   Contoh No. 1; klien di Jl. Kenanga Contoh No. 99."
    found = scan_text(text, allow=[OFFICE_ADDRESS])
    assert [(f.detector, text[f.start : f.end]) for f in found] == [
        ("street_address", "Jl. Kenanga Contoh No. 99")
    ]


def test_findings_are_sorted_deduplicated_and_carry_no_text():
    text = "NIK 3174996512999998, hp 0812-9999-0001, lahir 17/03/2009, hp 0812-9999-0001."
    found = scan_text(text)
    assert found == sorted(found, key=lambda f: (f.start, f.detector))
    assert len(found) == len(set(found))
    assert [field.name for field in dataclasses.fields(Match)] == ["detector", "start", "end"]
    assert [f.detector for f in found] == ["nik", "phone", "full_date", "phone"]


def test_positions_point_into_the_original_text_despite_invisible_characters():
    payload = "0812\u200b9999\u00ad0001"
    text = "Kontak: " + payload + " ."
    (finding,) = scan_text(text)
    assert finding.detector == "phone"
    assert text[finding.start : finding.end] == payload


def test_long_number_inside_a_phone_is_reported_once_as_phone():
    assert [f.detector for f in scan_text("WA: 081299990001")] == ["phone"]


def test_thousands_grouping_is_still_blocked_after_an_id_word():
    assert [f.detector for f in scan_text("No. rek 123.456.789.012")] == ["long_number"]


def test_day_level_date_is_found_where_month_year_is_not():
    assert [f.detector for f in scan_text("Kunjungan 12 Maret 2025 pukul 10.00")] == ["full_date"]
    assert scan_text("Kunjungan Maret 2025") == []


def test_impossible_dates_are_not_dates():
    assert scan_text("Skor 31/02/2025 dan 30 Februari 2025.") == []


@pytest.mark.parametrize("code", sorted(DETECTOR_LABELS))
def test_every_detector_has_labels_hints_and_a_severity(code):
    labels = DETECTOR_LABELS[code]
    assert set(labels) == {"id", "en", "hint_id", "hint_en"}
    assert all(value.strip() for value in labels.values())
    assert DETECTOR_SEVERITY[code] in {"block", "review"}


def test_name_heuristics_are_review_level_and_identifiers_block():
    assert DETECTOR_SEVERITY["honorific_name"] == DETECTOR_SEVERITY["name_label"] == "review"
    assert DETECTOR_SEVERITY["nik"] == DETECTOR_SEVERITY["denylist"] == "block"


def test_empty_and_whitespace_text():
    assert scan_text("") == []
    assert scan_text(" \n\t ") == []


# Gaps of the first detectors that public text now closes: the capitalised-name detector (public
# standard, a lexicon given), facility names of ordinary words, landlines without an area code.
CLOSED_GAPS = [
    ("name_without_honorific", "Sekar datang bersama Wiryo ke kantor.", "capitalised_name", "Wiryo"),
    ("gazetteer_only_place", "Ia mengemis di Contohsari setiap sore.", "capitalised_name",
     "Contohsari"),
    ("landline_without_area_code", "Telp 8452316 malam.", "phone", "8452316"),
    ("facility_named_with_ordinary_words", "Tinggal di Panti Asuhan Kasih Ibu.", "facility_name",
     "Panti Asuhan Kasih Ibu"),
    ("hospital_named_with_ordinary_words", "Dirawat di RSUD Harapan Kita.", "facility_name",
     "RSUD Harapan Kita"),
    ("health_centre_named_with_a_flower", "Diperiksa di Puskesmas Melati.", "facility_name",
     "Puskesmas Melati"),
]


@pytest.mark.parametrize(
    "kind,text,detector,value", CLOSED_GAPS, ids=[row[0] for row in CLOSED_GAPS]
)
def test_former_gap_is_caught_in_public_text(kind, text, detector, value):
    found = scan_text(text, lexicon=Lexicon())
    assert [(f.detector, text[f.start : f.end]) for f in found] == [(detector, value)]


def test_capitalised_names_are_looked_for_only_in_public_text():
    assert scan_text("Sekar datang bersama Wiryo ke kantor.") == []


# Known gaps (research §7.5): documented as strict xfails, so a fix shows up as a failing "XPASS".
KNOWN_GAPS = [
    # a name in lower case is no capitalised name and no dictionary can tell it from a typo
    ("name_in_lower_case", "ketemu wiryo di pasar.", "capitalised_name"),
    # PySastrawi's root-word list holds many given names ("budi", "sekar", "wulan"): a known word
    ("name_that_is_a_dictionary_word", "Ia bertemu Budi di pasar.", "capitalised_name"),
    # a name written in capitals reads like an acronym ("PPKS", "UPTD")
    ("name_in_capitals", "Ia bertemu WIRYO di pasar.", "capitalised_name"),
]


@pytest.mark.xfail(strict=True, reason="only the deny-list catches these names (see each row)")
@pytest.mark.parametrize("kind,text,detector", KNOWN_GAPS, ids=[row[0] for row in KNOWN_GAPS])
def test_known_gap(kind, text, detector):
    assert detector in {f.detector for f in scan_text(text, lexicon=Lexicon())}
