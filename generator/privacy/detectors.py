"""Detectors for personal identifiers in Indonesian free text (pure functions, no I/O).

Every detector is a small function ``text -> iterable of (code, start, end)``. ``scan_text`` runs
them all, maps positions back to the caller's text, merges overlaps and returns ``Match`` objects.
A ``Match`` never carries the matched text: callers report only the detector code and the position
(research PRIV-06).

Design notes (see /work/shared/research/privacy.md §2 and §7.1):
- The digit-run rule is the backbone: any run of 9 or more digits (single separators allowed) is
  reported, except money, legal citations and runs made only of dates, times and years.
- NIK plausibility (province code, date of birth) only *labels* a 16-digit run; it never discards
  one.
- Phones: ``phonenumbers`` (region ID, Leniency.VALID) plus regexes for evasive forms.
- Name heuristics (honorific + capitalised word) are review-level: see ``DETECTOR_SEVERITY``.
"""

from __future__ import annotations

import calendar
import functools
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

import phonenumbers
from phonenumbers import Leniency, PhoneNumberMatcher

from generator.privacy.names import Lexicon, inflected, unknown_names
from generator.words import beside, catalogue

Hit = tuple[str, int, int]


@dataclass(frozen=True)
class Match:
    """One detected identifier: which detector fired and where (never the matched text)."""

    detector: str
    start: int
    end: int


# --------------------------------------------------------------------------------------------------
# Labels and severities
# --------------------------------------------------------------------------------------------------


DETECTOR_LABELS = catalogue(beside(__file__, "detectors.yaml"))  # code → label and hint

# "block" findings must fail a public build; "review" findings need a person to clear them (research
# §7.1).
DETECTOR_SEVERITY: dict[str, str] = {code: "block" for code in DETECTOR_LABELS}
DETECTOR_SEVERITY.update(
    {"honorific_name": "review", "name_label": "review", "capitalised_name": "review"}
)
# Review-level findings: a reviewer may approve a false alarm (the office's allow-list); a
# block-level finding (an identifier, a deny-listed name) has no way out but to remove it.
REVIEW_DETECTORS = frozenset(code for code, level in DETECTOR_SEVERITY.items() if level == "review")


# --------------------------------------------------------------------------------------------------
# Shared vocabularies
# --------------------------------------------------------------------------------------------------

# Province codes (first two NIK digits), Kemendagri, including 65 (Kaltara) and 92-96 (Papua split
# of 2022).
_PROVINCES = frozenset(
    [
        11,
        12,
        13,
        14,
        15,
        16,
        17,
        18,
        19,
        21,
        31,
        32,
        33,
        34,
        35,
        36,
        51,
        52,
        53,
        61,
        62,
        63,
        64,
        65,
        71,
        72,
        73,
        74,
        75,
        76,
        81,
        82,
        91,
        92,
        93,
        94,
        95,
        96,
    ]
)

_MONTHS_FULL = (
    "Januari|Februari|Pebruari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November|"
    "Nopember|Desember"
    "|January|February|March|May|June|July|August|October|December"
)
_MONTHS_SHORT = "Jan|Feb|Peb|Mar|Apr|Jun|Jul|Agu|Agt|Ags|Agust|Aug|Sep|Sept|Okt|Oct|Nov|Nop|Des|Dec"
_MONTH_NUMBER = {
    **{
        m: i
        for i, m in enumerate(
            "januari februari maret april mei juni juli agustus september oktober november "
            "desember".split(),
            1,
        )
    },
    **{
        m: i
        for i, m in enumerate(
            "january february march april may june july august september october november "
            "december".split(),
            1,
        )
    },
    "pebruari": 2,
    "nopember": 11,
    "jan": 1,
    "feb": 2,
    "peb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "agu": 8,
    "agt": 8,
    "ags": 8,
    "agust": 8,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "okt": 10,
    "oct": 10,
    "nov": 11,
    "nop": 11,
    "des": 12,
    "dec": 12,
}

# Words for a person: used as context for bare ages and undotted initials.
_PERSON_WORDS = (
    "anak|klien|korban|remaja|balita|bayi|lansia|laki-laki|perempuan|pria|wanita|putra|putri|"
    "siswa|siswi"
    "|pelajar|pengemis|gelandangan|pemulung|penerima\\s+manfaat|PM|ABH|anjal|bocah|cucu|adik|"
    "kakak|saksi|pelaku"
)

# Acronyms that follow person words but are categories, not initials (domain vocabulary).
_NOT_INITIALS = frozenset(
    "ABH ADK AMPK PGOT KDRT TPPO SD SMP SMA SMK TK MI MTS MA PAUD PKH BPNT BST BLT KIS KIP PBI "
    "KTP KK NIK RT RW "
    "UPT LKS PSKS PSM URC RSJ HIV TBC DBD PPA PN PM WNA WNI DKI PRT IRT ODGJ ODHA ASD CP DS SLB "
    "YPAC TPA LPKS "
    "PMKS PPKS ASN PNS TNI KIA BPJS NAPZA LGBT ADHD OKU DIY SAPA TKSK LKSA UPTD SPPA PKL "
    "PKS".split()
)

# Capitalised words that follow an honorific but are roles or ordinary words, not names.
_NOT_NAMES = frozenset(
    """Kepala Ketua Wakil Sekretaris Camat Lurah Kades Kepling Walikota Wali Bupati Gubernur
    Presiden Menteri Direktur Pimpinan Pekerja Pendamping Pembimbing Guru Dosen Dokter Bidan Perawat
    Polisi Kapolsek Kapolres Kapolda Hakim Jaksa Pengacara Advokat Kota Negara Pertiwi Bapak Ibu
    Asuh Angkat Kandung Tiri Hamil Menyusui Rumah Tunggal Muda Tua Kost Kos Kantor Dinas Kadis
    Kabid Kasi Kasubag Kasubbag Sekdis Staf Staff Petugas Penyuluh Psikolog Konselor Fasilitator
    Koordinator Supervisor Operator Admin Pendeta Pastor Ustadz Imam Kyai Penghulu Pemilik
    Majikan Kepsek Dan Atau Yang Dari Di Ke Pada Dalam Untuk Dengan Sebagai Serta Juga Adalah
    Ini Itu Tersebut Beserta Sekalian Semua Para Selaku Klien Korban Anak Saksi Pelaku Peserta
    Mahasiswa Siswa Kami Saya Kita Anda Mereka Dia Beliau Sendiri Lain Tidak Belum Sudah Akan
    Sedang Masih Telah Pun Hanya Terima Kawin Tani Nelayan Buruh Pedagang Sopir Supir Ojek
    Jualan Bekerja Mengatakan Menyampaikan Menjelaskan Bertanya Datang Pergi Pulang Sakit
    Meninggal Cerai Janda Duda Lansia Lurah Sekolah Panti Yayasan Lembaga Pemerintah Puskesmas
    Rsud Desa Kelurahan Kecamatan Kabupaten Provinsi Bidang Seksi Unit Tim Pusat Balai Sentra
    Upt Keluarga Kandungnya Selalu Sering Jarang Bersama Kemudian Lalu Setelah Sebelum Ketika
    Saat Karena Jika Bila Agar Supaya Namun Tetapi Sementara Bahwa Sangat""".split()
)

# Title prefixes that may sit between an honorific and the name (e.g. "Bapak H. ...", "Ibu Dr.
# ...").
_TITLES = r"(?:(?:H|Hj|Dr|dr|Drs|Dra|Ir|Prof|KH|Hajjah|Haji)\.?[ \t]+)*"


# --------------------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------------------

# Invisible format characters that can hide inside identifiers (soft hyphen, zero-width, bidi marks,
# BOM).
_FORMAT_CHARS = re.compile("[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")
# A placeholder that no detector matches: not a word character, not whitespace, not a separator.
_MASK = "\ufffc"


# Letter runs (for trigger words) and digits (counted by deleting everything else).
_LETTER_RUN = re.compile(r"[^\W\d_]+")
_DIGIT_CHARS = re.compile(r"\d")


@dataclass(frozen=True)
class Cues:
    """Cheap facts about a text, computed once, so detectors skip regexes that cannot match."""

    words: frozenset[str]
    digits: int

    @classmethod
    def of(cls, text: str) -> Cues:
        """Lower-case words and the number of digits in ``text``."""
        return cls(frozenset(_LETTER_RUN.findall(text.lower())), len(_DIGIT_CHARS.findall(text)))

    def has(self, words: frozenset[str]) -> bool:
        """True when any of ``words`` occurs in the text."""
        return not self.words.isdisjoint(words)


def _words(spec: str) -> frozenset[str]:
    return frozenset(spec.lower().split())


def _digits(s: str) -> str:
    """Only the ASCII digits of ``s`` (other scripts' digits converted)."""
    return "".join(str(int(c)) for c in s if c.isdigit())


def _window(text: str, start: int, end: int, before: int, after: int = 0) -> tuple[str, str]:
    """The text just before ``start`` and just after ``end``."""
    return text[max(0, start - before) : start], text[end : end + after]


# A date (d/m/y or y/m/d with . - / separators), a clock time (hh.mm or hh:mm) or a 19xx/20xx year:
# the harmless pieces that can sit side by side and look like one long digit run ("12-03-2025
# 10.30").
_HARMLESS_PIECE = re.compile(
    r"\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{4}[./-]\d{1,2}[./-]\d{1,2}|[0-2]?\d[.:][0-5]\d|(?:19|"
    r"20)\d{2}"
)
# Whitespace, possibly with one dash or "s.d." inside: where a run of harmless pieces may be split.
_PIECE_SPLIT = re.compile(r"\s*(?:[-–—]|s\.?d\.?|s/d)\s*|\s+")


def _is_harmless_sequence(raw: str) -> bool:
    """True when a digit run is only dates, clock times and years separated by spaces or dashes."""
    if not re.search(r"\s", raw):
        return False
    pieces = [p for p in _PIECE_SPLIT.split(raw.strip()) if p]
    return len(pieces) > 1 and all(_HARMLESS_PIECE.fullmatch(p) for p in pieces)


# --------------------------------------------------------------------------------------------------
# Long numbers: NIK, KK, NPWP and the 9-or-more digit rule
# --------------------------------------------------------------------------------------------------

# A run of 9+ digits where one separator (whitespace, ".", "-", "/", "_", or " - ") may sit between
# two digits; not preceded or followed by another digit; an optional leading "+". The character
# before is checked in code.
_DIGIT_RUN = re.compile(r"(?<!\d)\+?\d(?:(?:[ \t]?[.\-/_][ \t]?|\s)?\d){8,30}(?!\d)")
# Letters that may be glued in front of an identifier ("NIK1271...", "hp0812...") without hiding it.
_GLUED_PREFIX = re.compile(
    r"(?i)(?:nik|ktp|kk|npwp|nip|nim|nisn|hp|wa|telp|tlp|rek|no|kis|bpjs|kpj)$"
)
# "Rp", "IDR" or "$" right before a number: money.
_MONEY_BEFORE = re.compile(r"(?i)(?:\brp|\bidr|\busd|\$)\s*\.?\s*$")
# ",-", ",00", "rupiah", "juta"... right after a number: money.
_MONEY_AFTER = re.compile(r"(?i)^\s*(?:,-|,00|\.-|rupiah|juta|ribu|miliar|milyar|jt\b|rb\b)")
# A number grouped in thousands with dots or commas ("1.500.000.000"): money or a count, not an ID.
_THOUSANDS = re.compile(r"\+?\d{1,3}(?:([.,])\d{3})(?:\1\d{3})+(?:[.,]\d{1,2})?")
# ID context words before a number: these override the thousands exemption.
_ID_CONTEXT = re.compile(
    r"(?i)\b(?:nik|ktp|kk|npwp|nip|nim|nisn|rek|rekening|no|nomor|kartu|bpjs|kis|kpj|hp|wa)\b"
)
# A regulation name shortly before a number: a legal citation ("Kepmendagri 300.2.2-2138/2025").
_LAW_BEFORE = re.compile(
    r"(?i)\b(?:UU|PP|Perpres|Perppu|Permen\w*|Kepmen\w*|Perda|Perwal|Perwako|Perbup|Pergub|"
    r"Keppres|Inpres|"
    r"Perpol|Perkap|PMK|SK|SE|Keputusan|Peraturan|Undang-Undang|Surat\s+Edaran)\b[^\n]{0,25}$"
)
# Context words that mark a 16-digit number as a family card (KK) rather than a NIK.
_KK_CONTEXT = re.compile(r"(?i)\b(?:kk|kartu\s+keluarga|no\.?\s*kk)\b")
# Context words that mark a number as a tax number.
_NPWP_CONTEXT = re.compile(r"(?i)\bnpwp\b")
# The printed NPWP layout 99.999.999.9-999.999.
_NPWP_PRINTED = re.compile(r"\d{2}\.\d{3}\.\d{3}\.\d[-.]\d{3}\.\d{3}")
# An Indonesian mobile number as bare digits: 08x / 628x followed by 7-11 digits.
_MOBILE_DIGITS = re.compile(r"(?:0|62)8[1-35-9]\d{6,11}")


def _nik_plausible(d: str) -> bool:
    """16 digits shaped like a NIK: known province, regency/district not 00, real birth date."""
    prov, reg, dist = int(d[0:2]), int(d[2:4]), int(d[4:6])
    day, month, year = int(d[6:8]), int(d[8:10]), int(d[10:12])
    if prov not in _PROVINCES or reg == 0 or dist == 0 or d[12:] == "0000":
        return False
    day = day - 40 if day > 40 else day
    return 1 <= month <= 12 and 1 <= day <= calendar.monthrange(2000 + year, month)[1]


def _classify_run(text: str, start: int, end: int, d: str) -> str:
    """Label a long digit run by length, structure and nearby words."""
    before, _ = _window(text, start, end, 40)
    if len(d) == 16:
        if _KK_CONTEXT.search(before):
            return "kk"
        if _nik_plausible(d) or re.search(r"(?i)\b(?:nik|ktp|kia)\b", before):
            return "nik"
    if _NPWP_PRINTED.fullmatch(text[start:end]) or (
        len(d) in (15, 16) and _NPWP_CONTEXT.search(before)
    ):
        return "npwp"
    if _MOBILE_DIGITS.fullmatch(d) or (
        re.match(r"\+|0|62", text[start:end]) and _is_valid_phone(d)
    ):
        return "phone"
    return "long_number"


def _is_valid_phone(d: str) -> bool:
    """True when the digits form a valid Indonesian number for phonenumbers."""
    if len(d) > 15:
        return False
    try:
        return phonenumbers.is_valid_number(phonenumbers.parse(d, "ID"))
    except phonenumbers.NumberParseException:
        return False


def _is_exempt_run(text: str, start: int, end: int) -> bool:
    """Money, legal citations and date/time sequences are not identifiers."""
    raw = text[start:end]
    before, after = _window(text, start, end, 30, 12)
    if _MONEY_BEFORE.search(before) or _MONEY_AFTER.search(after):
        return True
    if _THOUSANDS.fullmatch(raw) and not _ID_CONTEXT.search(before[-15:]):
        return True
    if _LAW_BEFORE.search(before) and re.search(r"[./]", raw):
        return True
    return _is_harmless_sequence(raw)


def detect_long_numbers(text: str, cues: Cues) -> Iterator[Hit]:
    """NIK, KK, NPWP, phone-shaped and other runs of 9 or more digits."""
    if cues.digits < 9:
        return
    for m in _DIGIT_RUN.finditer(text):
        start, end = m.span()
        prev = text[:start]
        if prev and prev[-1].isalpha() and not _GLUED_PREFIX.search(prev[-5:]):
            continue
        if prev.endswith("-") and len(prev) > 1 and prev[-2].isalpha():
            continue  # an internal code such as "K-2024-00007"
        if _is_exempt_run(text, start, end):
            continue
        yield _classify_run(text, start, end, _digits(m.group())), start, end


# --------------------------------------------------------------------------------------------------
# Phones
# --------------------------------------------------------------------------------------------------

# Mobile numbers in evasive shapes: optional +62 / 62 / 0062 (with an optional "(0)") or a leading
# 0, then 8, an operator digit and 7-11 more digits, with up to three separators (space . - _ /
# parentheses) between any two digits. Letters may be glued in front ("hp081234567890"); digits may
# not.
_MOBILE = re.compile(
    r"(?<![\d+])(?:(?:\+[ \t]?|00[ \t]?)?62[\s.\-]{0,3}(?:\(0\)[\s.\-]{0,3}|0[\s.\-]{0,3})?|"
    r"\(?0\)?[\s.\-_]{0,2})"
    r"8[\s.\-_/]{0,3}[1-35-9](?:[\s.\-_/()]{0,3}\d){7,11}(?!\d)"
)
# Words that announce a phone number; letter look-alikes (O, l, I) right after them are read as
# digits.
_PHONE_CONTEXT = re.compile(
    r"(?i)(?<![a-z])(?:no\.?\s*hp|hp|handphone|ponsel|telp|telepon|tlp|wa|whatsapp|kontak|hubungi|"
    r"dihubungi|"
    r"nomor)(?![a-z])"
)
_PHONE_WORDS = _words(
    "no hp handphone ponsel telp telepon tlp wa whatsapp kontak hubungi dihubungi nomor"
)
_LOOKALIKES = str.maketrans({"O": "0", "o": "0", "l": "1", "I": "1"})
# A stretch of digits with short separators, a possible phone number; only stretches of at least 7
# digits (the shortest Indonesian numbers, call centres such as "1500-771", have 7) go to
# phonenumbers, in a small window.
_DIGIT_STRETCH = re.compile(r"\d(?:[\s.\-()/]{0,2}\d)+")
# Spelled-out digits ("nol delapan satu dua ...", "kosong delapan 1234 5678"): digit words and digit
# groups separated by spaces, commas, dots or dashes; at least one word; the digits are counted in
# code.
_DIGIT_WORD = r"(?:nol|kosong|satu|dua|tiga|empat|lima|enam|tujuh|delapan|sembilan)"
_SPELLED = re.compile(rf"(?i)\b(?:{_DIGIT_WORD}|\d+)(?:[\s,.\-]+(?:{_DIGIT_WORD}|\d+)\b)+")
_DIGIT_WORDS = _words("nol kosong satu dua tiga empat lima enam tujuh delapan sembilan")
_WORD_VALUE = {
    "nol": "0",
    "kosong": "0",
    "satu": "1",
    "dua": "2",
    "tiga": "3",
    "empat": "4",
    "lima": "5",
    "enam": "6",
    "tujuh": "7",
    "delapan": "8",
    "sembilan": "9",
}


def _is_money_like(text: str, start: int, end: int) -> bool:
    """A phonenumbers match that is really an amount ("Rp 1.500.000")."""
    before, after = _window(text, start, end, 12, 12)
    raw = text[start:end]
    grouped = bool(_THOUSANDS.fullmatch(raw) or re.fullmatch(r"\d{1,3}(?:\.\d{3})+", raw))
    return bool(_MONEY_BEFORE.search(before) or _MONEY_AFTER.search(after) or grouped)


def _phone_windows(text: str) -> Iterator[tuple[int, int]]:
    """Spans around digit stretches that could be phones (not codes, dates or amounts)."""
    for m in _DIGIT_STRETCH.finditer(text):
        raw = m.group()
        if (
            len(_DIGIT_CHARS.findall(raw)) < 7
            or _is_harmless_sequence(raw)
            or _THOUSANDS.fullmatch(raw)
        ):
            continue
        if m.start() >= 2 and text[m.start() - 1] == "-" and text[m.start() - 2].isalpha():
            continue  # an internal code such as "K-2025-0009"
        yield max(0, m.start() - 6), m.end() + 1


def detect_phones_library(text: str, cues: Cues) -> Iterator[Hit]:
    """Valid Indonesian numbers found by libphonenumber (Leniency.VALID), minus amounts."""
    if cues.digits < 7:
        return
    for w_start, w_end in _phone_windows(text):
        for m in PhoneNumberMatcher(text[w_start:w_end], "ID", leniency=Leniency.VALID):
            start, end = w_start + m.start, w_start + m.end
            if not _is_money_like(text, start, end) and not _is_harmless_sequence(m.raw_string):
                yield "phone", start, end


# Words that announce a telephone number (not "nomor", which announces any number), then a local
# landline written without its area code: 6-8 digits, single separators allowed ("Telp 845 2316").
_LANDLINE_LOCAL = re.compile(
    r"(?i)(?<![a-z])(?:telp|telepon|tlp|tel|fax|faks|hp|wa|whatsapp|ponsel|hubungi|dihubungi)"
    r"(?![a-z])\.?[ \t]*[:=]?[ \t]*(?P<n>\d(?:[ .\-]?\d){5,7})(?![\d.,]?\d)"
)


def detect_phones_evasive(text: str, cues: Cues) -> Iterator[Hit]:
    """Mobiles with odd separators or glued letters; O/l look-alikes after a phone word; a local
    landline without its area code after a telephone word ("Telp 8452316")."""
    if cues.digits >= 9:
        for m in _MOBILE.finditer(text):
            if not _is_harmless_sequence(m.group()):
                yield "phone", m.start(), m.end()
    if not cues.has(_PHONE_WORDS):
        return
    for ctx in _PHONE_CONTEXT.finditer(text):
        window = text[ctx.end() : ctx.end() + 40].translate(_LOOKALIKES)
        for m in _MOBILE.finditer(window):
            yield "phone", ctx.end() + m.start(), ctx.end() + m.end()
    for m in _LANDLINE_LOCAL.finditer(text) if cues.digits >= 6 else ():
        if not _THOUSANDS.fullmatch(m.group("n")) and not _is_harmless_sequence(m.group("n")):
            yield "phone", m.start("n"), m.end("n")


def detect_spelled_numbers(text: str, cues: Cues) -> Iterator[Hit]:
    """Numbers partly in words: a phone if they start 08/628, else a long number (9+ digits)."""
    spelled = cues.words & _DIGIT_WORDS
    if not spelled or cues.digits + sum(text.lower().count(w) for w in spelled) < 9:
        return
    for m in _SPELLED.finditer(text):
        tokens = re.findall(rf"(?i){_DIGIT_WORD}|\d+", m.group())
        if all(t.isdigit() for t in tokens):
            continue
        d = "".join(_WORD_VALUE.get(t.lower(), t) for t in tokens)
        if len(d) >= 9:
            yield ("phone" if re.match(r"08|628", d) else "long_number"), m.start(), m.end()


# --------------------------------------------------------------------------------------------------
# E-mail and social media
# --------------------------------------------------------------------------------------------------

# Plain e-mail: local part, "@", a domain with at least one dot.
_EMAIL = re.compile(r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+")
# Evaded e-mail: "nama [at] gmail [dot] com", "nama (at) gmail.com", "nama at gmail dot com": an
# at-token, then domain labels joined by dot-tokens, ending in a common top-level domain.
_AT = r"(?:\s*[\[({<]\s*(?:at|et|@)\s*[\])}>]\s*|\s+(?:at|et)\s+|\s*@\s*)"
_DOT = r"(?:\s*[\[({<]\s*(?:dot|titik)\s*[\])}>]\s*|\s+(?:dot|titik)\s+|\s*\.\s*)"
_EMAIL_EVASIVE = re.compile(
    rf"(?i)\b[\w.+\-]+{_AT}[\w\-]+(?:{_DOT}[\w\-]+)*{_DOT}(?:com|net|org|id|co|ac|go|sch|or|my|"
    rf"info|biz)\b"
)
_AT_WORDS = _words("at et")
# E-mail without a top-level domain at a big webmail provider ("nama@gmail").
_EMAIL_NO_TLD = re.compile(
    r"(?i)[\w.+\-]+@(?:gmail|yahoo|ymail|hotmail|outlook|live|icloud|protonmail|proton)\b"
)


# An e-mail slugged into a file name ("ucok-uji99-example-com.png"): a local part, a domain and a
# top-level domain joined by dashes; only the unambiguous endings (not "-id", a language suffix).
_EMAIL_SLUG = re.compile(
    r"(?i)(?<![\w-])[a-z0-9]+(?:-[a-z0-9]+)*-[a-z0-9]+-(?:com|net|org|(?:co|ac|go|or|sch|web|my)-id)"
    r"(?![\w-])"
)
_SLUG_TLD_WORDS = _words("com net org")


def detect_emails(text: str, cues: Cues) -> Iterator[Hit]:
    """E-mail addresses, including [at]/(dot) evasions and e-mails slugged into file names."""
    if "-" in text and (cues.has(_SLUG_TLD_WORDS) or "-id" in text.lower()):
        for m in _EMAIL_SLUG.finditer(text):
            yield "email", m.start(), m.end()
    evasive = cues.has(_AT_WORDS)
    if "@" not in text and not evasive:
        return
    for rx in (_EMAIL, _EMAIL_NO_TLD, _EMAIL_EVASIVE) if evasive else (_EMAIL, _EMAIL_NO_TLD):
        for m in rx.finditer(text):
            if (
                rx is _EMAIL_EVASIVE
                and "@" not in m.group()
                and not re.search(r"(?i)\b(?:at|et)\b", m.group())
            ):
                continue
            yield "email", m.start(), m.end()


# A handle: "@" not preceded by a word character, dot, slash or "@", then 2-30 letters, digits, "_"
# or ".".
_HANDLE = re.compile(r"(?<![\w.@/\\])@[A-Za-z0-9_][A-Za-z0-9_.]{1,29}(?<!\.)")
# CSS/at-rules and similar that look like handles but are not.
_NOT_HANDLES = frozenset(
    "media import font-face keyframes charset supports page layer container font".split()
)
# A labelled account: "IG: nama_akun", "akun TikTok = nama", "username: nama".
_HANDLE_LABELLED = re.compile(
    r"(?i)\b(?:ig|instagram|insta|fb|facebook|tiktok|twitter|akun(?:\s+\w+)?|username|user\s*name|"
    r"id\s+line|"
    r"telegram)\s*[:=]\s*@?[A-Za-z0-9_][A-Za-z0-9_.]{2,29}"
)
_ACCOUNT_WORDS = _words(
    "ig instagram insta fb facebook tiktok twitter akun username user line telegram"
)
_PLATFORM_WORDS = _words(
    "facebook fb instagram instagr tiktok twitter x threads youtube youtu linkedin snapchat "
    "wa api chat t telegram line pinterest discord"
)
# Links to profiles and chats: the platform's domain followed by a path.
_SOCIAL_LINK = re.compile(
    r"(?i)(?<![\w.-])(?:https?://)?(?:www\.|m\.|web\.|mobile\.|vm\.|vt\.|id\.)?"
    r"(?:facebook\.com|fb\.com|fb\.me|fb\.watch|instagram\.com|instagr\.am|tiktok\.com|"
    r"twitter\.com|x\.com|"
    r"threads\.net|threads\.com|youtube\.com|youtu\.be|linkedin\.com|snapchat\.com|wa\.me|wa\.link|"
    r"api\.whatsapp\.com|chat\.whatsapp\.com|t\.me|telegram\.me|line\.me|pinterest\.com|"
    r"discord\.gg)"
    r"/[^\s\"'<>)\]]+"
)


def detect_social(text: str, cues: Cues) -> Iterator[Hit]:
    """Social-media handles, labelled account names and profile/chat links."""
    if "@" in text:
        for m in _HANDLE.finditer(text):
            if m.group()[1:].lower() not in _NOT_HANDLES:
                yield "social_handle", m.start(), m.end()
    if (":" in text or "=" in text) and cues.has(_ACCOUNT_WORDS):
        for m in _HANDLE_LABELLED.finditer(text):
            yield "social_handle", m.start(), m.end()
    if "/" in text and cues.has(_PLATFORM_WORDS):
        for m in _SOCIAL_LINK.finditer(text):
            yield "social_link", m.start(), m.end()


# --------------------------------------------------------------------------------------------------
# Places below city level
# --------------------------------------------------------------------------------------------------

# Street keyword written as an abbreviation with a dot (any case): Jl. Jln. Gg. Lr. Lrg. Komp.
# Perum. Kav. followed by 1-6 name words (any case) and an optional house number.
_STREET_ABBR = re.compile(
    r"\b(?i:jl|jln|gg|lr|lrg|komp|perum|kav)\.[ \t]*[A-Za-z0-9][\w'’\-]*"
    r"(?:[ \t]+(?:(?i:no|nomor)\.?[ \t]*\d+[A-Za-z]?|[A-Z0-9][\w'’\-]*)){0,6}"
)
# Street keyword written out (capitalised) and a capitalised name: "Jalan Melati", "Gang Mawar II
# No. 3".
_STREET_WORD = re.compile(
    r"\b(?:Jalan|JALAN|Jl|Jln|Gang|GANG|Lorong|LORONG|Kompleks|Komplek|KOMPLEK|Perumahan|"
    r"PERUMAHAN|Perum)"
    r"[ \t]+(?P<first>[A-Z0-9][\w'’\-]*)(?:[ \t]+(?:(?i:no|nomor)\.?[ "
    r"\t]*\d+[A-Za-z]?|[A-Z0-9][\w'’\-]*)){0,6}"
)
# Words that can follow "Jalan" without naming a street ("Jalan Keluar", "Jalan Tengah").
_NOT_STREETS = frozenset(
    "Keluar Tengah Pintas Hidup Panjang Lain Terbaik Menuju Damai Yang Dan Di Ke Untuk Ini Itu "
    "Raya Kaki "
    "Bersama Baru Terus Sendiri Setapak".split()
)
# A block in a housing estate: "Blok C No. 5", "Blok C-12", "Blok 3".
_BLOCK = re.compile(
    r"\b(?i:blok)[ \t]+(?:[A-Z]{1,2}(?:[ \t\-]?\d+[A-Za-z]?)?|\d+[A-Za-z]?)\b(?![a-z])"
)
# A house number right after a home word: "rumah no. 12", "rumahnya nomor 7", "alamat: No. 5"; not a
# legal citation ("... No. 11 Tahun 2012") and not far from the home word ("rumah singgah ... UU No.
# 11").
_HOUSE_NUMBER = re.compile(
    r"(?i)\b(?:rumah|alamat|kediaman|kos|kontrakan)(?:nya|\s+klien|\s+keluarga)?[ \t]*[:,]?[ \t]*"
    r"(?:no|nomor)\.?[ \t]*\d+[a-z]?\b(?![ \t]*(?:tahun|/))"
)


_STREET_WORDS = _words(
    "jl jln gg lr lrg komp perum kav jalan gang lorong kompleks komplek perumahan blok rumah "
    "rumahnya alamat kediaman kos kontrakan"
)


def detect_street_addresses(text: str, cues: Cues) -> Iterator[Hit]:
    """Street, lane and housing-estate addresses, house blocks and house numbers."""
    if not cues.has(_STREET_WORDS):
        return
    for m in _STREET_ABBR.finditer(text):
        yield "street_address", m.start(), m.end()
    for m in _STREET_WORD.finditer(text):
        if m.group("first") not in _NOT_STREETS:
            yield "street_address", m.start(), m.end()
    for rx in (_BLOCK, _HOUSE_NUMBER):
        for m in rx.finditer(text):
            yield "street_address", m.start(), m.end()


# RT/RW in any common form: "RT 03/RW 05", "RT.003 RW.005", "RT 01/001", "RT/RW 003/005", "RW 7";
# not inside a word ("PRT", "ART") and not followed by more digits (so "RT 2020" is not matched).
_RT_WORDS = _words("rt rw")
_RT_RW = re.compile(
    r"(?i)(?<![\w])(?:RT\s*/\s*RW\s*[.:]?\s*\d{1,3}\s*/\s*\d{1,3}"
    r"|R[TW]\s*[.:]?\s*\d{1,3}(?:\s*[/,]?\s*(?:R[TW]\s*[.:]?\s*)?\d{1,3})?)(?![\w])"
)


def detect_rt_rw(text: str, cues: Cues) -> Iterator[Hit]:
    """Neighbourhood units RT/RW with their numbers."""
    if not cues.has(_RT_WORDS):
        return
    for m in _RT_RW.finditer(text):
        yield "rt_rw", m.start(), m.end()


# Sub-city area keyword (kelurahan, desa, kecamatan, dusun, lingkungan, kampung and regional
# variants) followed by 1-4 capitalised words. Abbreviations Ds./Kp./Dsn./Lingk. need their dot;
# Kel/Kec may omit it.
_SUBCITY = re.compile(
    r"\b(?:(?i:kelurahan|kalurahan|desa|kecamatan|kapanewon|dusun|padukuhan|pedukuhan|nagari|"
    r"gampong|jorong|"
    r"distrik)|(?i:kel|kec)\.?|(?i:ds|dsn|kp|lingk|ling)\.|Lingkungan|Kampung)"
    r"[ \t]+(?P<first>[A-Z][\w'’\-]*)(?:[ \t]+[A-Z][\w'’\-]*){0,3}"
)
# Capitalised words that follow those keywords without naming a place.
_NOT_PLACES = frozenset(
    "Sosial Dinas Kantor Keluarga Sekolah Rumah Masyarakat Kerja Hidup Pemerintah Pemerintahan "
    "Yang Dan Di "
    "Ke Setempat Tersebut Wisata Adat Binaan Se Sekitar Asal Tempat Tinggal Lain Ini Itu Kota "
    "Kabupaten".split()
)
# A postcode: 5 digits after "kode pos", or after an address keyword on the same line.
_POSTCODE = re.compile(
    r"(?i)(?:\bkode\s*pos\s*[:.]?\s*|\b(?:jl|jln|jalan|gg|gang|kel|kelurahan|kec|kecamatan|desa|"
    r"rt|rw)\b"
    r"[^\n]{0,60}?)(?P<code>(?<!\d)[1-9]\d{4})(?![\d.,]\d)"
)


_SUBCITY_WORDS = _words(
    "kelurahan kalurahan desa kecamatan kapanewon dusun padukuhan pedukuhan nagari gampong "
    "jorong distrik kel kec ds dsn kp lingk ling lingkungan kampung"
)
_POSTCODE_WORDS = _SUBCITY_WORDS | _words("kode kodepos jl jln jalan gg gang rt rw")


def detect_subcity_places(text: str, cues: Cues) -> Iterator[Hit]:
    """Kelurahan/desa/kecamatan/dusun names and postcodes."""
    if cues.has(_SUBCITY_WORDS):
        for m in _SUBCITY.finditer(text):
            if m.group("first") not in _NOT_PLACES:
                yield "subcity_place", m.start(), m.end()
    if cues.digits >= 5 and cues.has(_POSTCODE_WORDS):
        for m in _POSTCODE.finditer(text):
            yield "postcode", m.start("code"), m.end("code")


# GPS coordinates as two decimal degrees: "3.59990, 98.67990".
_GPS = re.compile(r"(?<![\d.])-?\d{1,2}\.\d{4,}\s*,\s*-?\d{1,3}\.\d{4,}(?![\d.])")
# A school with its name or number: "SD Negeri 069999", "SMPN 3", "SMA Swasta Harapan".
_SCHOOL = re.compile(
    r"\b(?:SDN?|SMPN?|SMAN?|SMKN?|MIN?|MTsN?|MAN?|SLB|TK|PAUD)\b[ \t]*"
    r"(?:(?:Negeri|Swasta|N|IT|Islam\w*|Kristen|Katolik|Muhammadiyah)[ \t]*)?(?:\d{1,6}\b|"
    r"(?<=Negeri |Swasta )[A-Z][a-z]+|(?:Islam\w*|Kristen|Katolik|Muhammadiyah|Al|Santa|Santo|"
    r"St\.?)[ \t]+[A-Z]\w*)"
)


_SCHOOL_WORDS = _words("sd sdn smp smpn sma sman smk smkn mi min mts mtsn ma man slb tk paud")


def detect_gps_and_schools(text: str, cues: Cues) -> Iterator[Hit]:
    """GPS coordinates and named or numbered schools."""
    if cues.digits >= 8 and "," in text:
        for m in _GPS.finditer(text):
            yield "gps_coordinates", m.start(), m.end()
    if cues.has(_SCHOOL_WORDS):
        for m in _SCHOOL.finditer(text):
            yield "school_name", m.start(), m.end()


# A facility named after its kind: "RSJ Sambang Lihum", "RSUD dr. Soetomo", "Puskesmas Kedungrejo",
# "Panti Werdha Mulia", "Lapas Kelas IIA Cipinang", "Polres Sukamaju". Generic words after the kind
# ("UPT Pelayanan Sosial Provinsi", "Rumah Sakit Jiwa") name no one place and are skipped.
_FACILITY = re.compile(
    r"\b(?P<kind>RSJD?|RSUD|RSUP|RSU|RSIA|RSAB|RSB|RS|Rumah[ \t]+Sakit(?:[ \t]+(?:Jiwa|Umum|"
    r"Bersalin))?|Puskesmas|Pustu|Panti(?:[ \t]+(?:Asuhan|Werdha|Wreda|Jompo|Sosial|Rehabilitasi))?|"
    r"UPTD?|Lapas|Rutan|LPKA|LPKS|Polres(?:ta)?|Polsek|Polda|Klinik|Pondok[ \t]+Pesantren|"
    r"Pesantren|Sentra|Balai)\b"
    r"(?P<name>(?:[ \t]+(?:dr\.|Dr\.|Prof\.|H\.|[A-Z][\w'’-]*|\d{1,3}))+)"
)
# After these, the rest names a city or province (city-level places may be published).
_FACILITY_PLACE_WORDS = frozenset({"kota", "kabupaten", "kab", "provinsi", "prov"})
_FACILITY_GENERIC = frozenset(
    "pelayanan sosial daerah umum jiwa negeri swasta kelas dinas kemensos ppks lanjut usia anak "
    "rehabilitasi perlindungan terpadu teknis unit dan di ke bina karya laras netra rungu wicara "
    "grahita daksa remaja wanita perempuan lansia gelandangan pengemis tuna disabilitas "
    "penyandang mental psikotik ibu bersalin khusus pemasyarakatan narkotika senin selasa rabu "
    "kamis jumat jum sabtu minggu".split()
) | frozenset(_MONTH_NUMBER)
_FACILITY_WORDS = _words(
    "rsj rsjd rsud rsup rsu rsia rsab rsb rs rumah puskesmas pustu panti upt uptd lapas rutan "
    "lpka lpks polres polresta polsek polda klinik pondok pesantren sentra balai"
)


def detect_facilities(text: str, cues: Cues, lexicon: Lexicon | None = None) -> Iterator[Hit]:
    """A facility with its own name after its kind (the kind alone is fine).

    The name may be made of ordinary words ("Panti Asuhan Kasih Ibu", "Puskesmas Melati"); it ends
    at a verb form ("Puskesmas Dirujuk ke …": a sentence), at a city or province, and before one of
    Casebook's own labels or headings, since text run together in the search index ("Puskesmas
    Tahap yang dilalui") names no facility."""
    if not cues.has(_FACILITY_WORDS):
        return
    lexicon = lexicon or _default_lexicon()
    for m in _FACILITY.finditer(text):
        if any(_names_a_facility(w) for w in _facility_words(text, m, lexicon)):
            yield "facility_name", m.start(), m.end()


@functools.lru_cache(maxsize=1)
def _default_lexicon() -> Lexicon:
    return Lexicon()


def _facility_words(text: str, m: re.Match[str], lexicon: Lexicon) -> list[str]:
    """The words after a facility's kind, up to a city, a province or one of Casebook's labels."""
    words = []
    for word in re.finditer(r"[^\W\d_]+", m.group("name")):
        start = m.start("name") + word.start()
        if word.group().lower() in _FACILITY_PLACE_WORDS or lexicon.starts_label(text[start:]):
            break
        words.append(word.group())
    return words


def _names_a_facility(word: str) -> bool:
    """A word that is not generic, not a title, not an acronym (PPA) nor a class (IIA)."""
    return not (
        word.lower() in _FACILITY_GENERIC
        or word in ("dr", "Dr", "Prof", "H")
        or (word.isupper() and len(word) > 1)
        or _verb_form(word.lower())
    )


# Prefixes of Indonesian verb forms: an inflected word with one starts a sentence ("Dirujuk",
# "Menerima"), while a noun such as "Harapan" (harap + an) may be part of a name.
_VERB_PREFIXES = ("di", "me", "ber", "ter", "be", "te")


def _verb_form(word: str) -> bool:
    """An inflected word with a verb prefix: "dirujuk", "menerima", "bertemu"."""
    return word.startswith(_VERB_PREFIXES) and inflected(word)


# --------------------------------------------------------------------------------------------------
# Dates and ages
# --------------------------------------------------------------------------------------------------

_DAY = r"(?P<d>0?[1-9]|[12]\d|3[01])"
# "12 Maret 2025", "12-14 Mar 2025", "12 Maret" (day + full month name, year optional). Patterns in
# this section start with a digit or capital, never with \b or a look-behind (that would make re try
# every position); the character before a match is checked in code (_starts_word).
_DATE_WORDS = re.compile(
    rf"(?i){_DAY}(?:\s*[-–]\s*(?:0?[1-9]|[12]\d|3[01]))?\s+(?P<m>{_MONTHS_FULL}|{_MONTHS_SHORT})\b"
    rf"\.?,?"
    r"(?:\s+(?P<y>(?:19|20)\d{2})\b)?"
)
# "March 12, 2025" (English order).
_DATE_WORDS_EN = re.compile(
    rf"(?P<m>{_MONTHS_FULL}|{_MONTHS_SHORT})\.?\s+{_DAY},?\s+(?P<y>(?:19|20)\d{{2}})\b"
)
# "12/03/2025", "12-03-2025", "12.03.2025" (same separator twice) and "12/03/25" (two-digit year, /
# or -).
_DATE_NUMERIC = re.compile(
    r"(?P<d>0?[1-9]|[12]\d|3[01])(?P<s>[./-])(?P<m>0?[1-9]|1[0-2])(?P=s)(?P<y>(?:19|"
    r"20)\d{2})(?![\d])"
    r"|(?P<d2>0[1-9]|[12]\d|3[01])(?P<s2>[/-])(?P<m2>0[1-9]|1[0-2])(?P=s2)\d{2}(?![\d./-])"
)
# ISO "2025-03-12" (also with / or .), optionally with a time.
_DATE_ISO = re.compile(
    r"(?P<y>(?:19|20)\d{2})(?P<s>[./-])(?P<m>0?[1-9]|1[0-2])(?P=s)(?P<d>0?[1-9]|[12]\d|3[01])(?!\d)"
)


# A day in words before a month: "tiga Maret", "tanggal dua puluh satu Mei 2025".
_UNIT_WORD = "satu|dua|tiga|empat|lima|enam|tujuh|delapan|sembilan"
_DAY_WORDS = re.compile(
    rf"(?i)(?<![\w])(?:(?:dua|tiga)[ \t]+puluh(?:[ \t]+(?:{_UNIT_WORD}))?|(?:dua|tiga|empat|lima|"
    rf"enam|tujuh|delapan|sembilan)[ \t]+belas|sepuluh|sebelas|{_UNIT_WORD})[ \t]+"
    rf"(?P<m>{_MONTHS_FULL})\b"
)


def _starts_word(text: str, start: int, also: str = "") -> bool:
    """True when ``text[start]`` follows no letter, digit, underscore (or char of ``also``)."""
    if start == 0:
        return True
    prev = text[start - 1]
    return not (prev.isalnum() or prev == "_" or prev in also)


def _real_date(day: str, month: int, year: str | None) -> bool:
    """True when the day exists in that month (leap years allowed when the year is unknown)."""
    y = int(year) if year else 2000
    return 1 <= int(day) <= calendar.monthrange(y, month)[1]


_MONTH_WORDS = frozenset(_MONTH_NUMBER)


def detect_full_dates(text: str, cues: Cues) -> Iterator[Hit]:
    """Day-level dates in words or numbers (month-year alone is fine)."""
    for rx in (_DATE_WORDS, _DATE_WORDS_EN) if cues.has(_MONTH_WORDS) else ():
        for m in rx.finditer(text):
            if not _starts_word(text, m.start()):
                continue
            month = _MONTH_NUMBER[m.group("m").lower()]
            short = m.group("m").lower() in _MONTHS_SHORT.lower().split("|")
            if (m.group("y") or not short) and _real_date(m.group("d"), month, m.group("y")):
                yield "full_date", m.start(), m.end()
    if cues.digits < 6:
        return
    for m in _DATE_NUMERIC.finditer(text):
        if not _starts_word(text, m.start(), "./-"):
            continue
        day, month, year = (
            (m.group("d"), m.group("m"), m.group("y"))
            if m.group("d")
            else (m.group("d2"), m.group("m2"), None)
        )
        if _real_date(day, int(month), year):
            yield "full_date", m.start(), m.end()
    for m in _DATE_ISO.finditer(text):
        if _starts_word(text, m.start(), "./-") and _real_date(
            m.group("d"), int(m.group("m")), m.group("y")
        ):
            yield "full_date", m.start(), m.end()


def detect_worded_dates(text: str, cues: Cues) -> Iterator[Hit]:
    """A day written in words before a month ("tiga Maret"): a day-level date too."""
    if cues.has(_MONTH_WORDS):
        for m in _DAY_WORDS.finditer(text):
            yield "full_date", m.start(), m.end()


# An age after an age word: "berusia 11 tahun", "umur: 60 thn", "usianya sekitar 9 tahun", "usia
# anak 7 tahun".
# "Lanjut usia" is the elderly category, not an age: "Lanjut usia: 15" counts 15 clients.
_AGE_KEYWORD = re.compile(
    r"(?i)(?<!lanjut )(?<!lanjut\t)\b(?:usia|umur|berusia|berumur|usianya|umurnya)\b[ "
    r"\t:]*(?:(?:anak|klien|korban|saat\s+ini|"
    r"sekarang|kini)[ \t]+)?(?:(?:sekitar|kurang\s+lebih|kira-kira|kira2|±|\+/-|baru|genap|sudah|"
    r"masih|hampir|"
    r"menginjak)[ \t]+)?(?P<n>\d{1,3})(?:[ \t]*(?:tahun|thn|th|bulan|bln)\b)?"
)
# A bare age: a number and a year unit ("11 tahun", "9 th"); it counts when a person word comes
# shortly before it (_PERSON_BEFORE): "anak laki-laki 11 tahun", "klien (9 th)".
_AGE_BARE = re.compile(r"(?P<n>\d{1,2})[ \t]*(?i:tahun|thn|th)\b")
_PERSON_BEFORE = re.compile(
    rf"(?i)\b(?:{_PERSON_WORDS})(?:nya)?\b(?:[ \t,]+[\w-]+){{0,3}}?[ \t,(]+$"
)
# A threshold or range word just before the number, at most one word in between ("belum berusia
# 18"), or a duration word right before it ("selama 3 tahun"): then it is not an exact age.
_AGE_NOT_BEFORE = re.compile(
    r"(?i)(?:(?:\bbelum|\bdi\s*bawah|\bdi\s*atas|\bminimal|\bmaksimal|\bmin\.|\bmaks\.|\bpaling|"
    r"\blebih\s+dari|\bkurang\s+dari|\bsampai|\bhingga|\bs\.?d\.?|\d\s*[-–—])(?:[ \t]+[\w-]+)?"
    r"|\b(?:selama|sejak|dalam|per|tiap|setiap|masa|periode|jangka|sudah|telah))[ \t]*$"
)
# Words after the unit that make it a range, threshold or duration.
_AGE_NOT_AFTER = re.compile(
    r"(?i)^(?:[ \t]*(?:[-–—]\s*\d|ke\s*atas|keatas|ke\s*bawah|kebawah|atau\s+lebih|lebih|\+|"
    r"sampai|hingga|s\.?d|"
    r"s/d|lalu|terakhir|silam|yang\s+lalu|kemudian|berikutnya|ke\s+depan|sebelumnya|lamanya|lagi|"
    r"penjara|"
    r"kurungan|hukuman|anggaran))"
)


def _is_exact_age(text: str, m: re.Match[str]) -> bool:
    """Reject thresholds ("belum berusia 18"), ranges ("13-17 tahun"), durations ("selama 3")."""
    before = text[max(0, m.start("n") - 40) : m.start("n")]
    after = text[m.end() : m.end() + 15]
    return not _AGE_NOT_BEFORE.search(before) and not _AGE_NOT_AFTER.search(after)


_AGE_WORDS = _words("usia umur berusia berumur usianya umurnya")
_YEAR_WORDS = _words("tahun thn th")


def detect_exact_ages(text: str, cues: Cues) -> Iterator[Hit]:
    """Exact ages after an age word or near a person word."""
    if cues.has(_AGE_WORDS):
        for m in _AGE_KEYWORD.finditer(text):
            if _is_exact_age(text, m):
                yield "exact_age", m.start(), m.end()
    if not cues.has(_YEAR_WORDS):
        return
    for m in _AGE_BARE.finditer(text):
        before = text[max(0, m.start() - 60) : m.start()]
        if (
            _starts_word(text, m.start())
            and _PERSON_BEFORE.search(before)
            and _is_exact_age(text, m)
        ):
            yield "exact_age", m.start("n"), m.end()


# --------------------------------------------------------------------------------------------------
# Court and police numbers, plates, passports
# --------------------------------------------------------------------------------------------------

# Court register numbers: "12/Pid.Sus-Anak/2024/PN Mdn", "345/Pdt.G/2023/PA.Mdn", "9/K/Pid/2024".
_COURT = re.compile(
    r"(?i)\b\d{1,6}\s*/\s*(?:K\s*/\s*|PK\s*/\s*)?P(?:id|dt)\b[\w.\-]*\s*/\s*(?:19|20)\d{2}"
    r"(?:\s*/\s*(?:PN|PT|PA|MA|MS|PTA|PHI|PTUN)\b\.?(?:[ \t]*[A-Z][A-Za-z]{1,12})?)?"
)
# Police and prosecution letters: "LP/B/123/III/2024/SPKT", "STPL/45/IV/2024",
# "B/12/III/2024/Reskrim".
_POLICE = re.compile(
    r"(?i)\b(?:LP|STPL|STTLP|SPDP|SP2HP|Sp\.?\s?Sidik|Sprin\.?\s?Sidik|Sprindik|B|R|"
    r"K)\s*/\s*(?:[A-Z]{1,2}\s*/\s*)?"
    r"\d{1,6}\s*/\s*(?:[IVX]{1,4}|\d{1,2})\s*/\s*(?:19|20)\d{2}(?:\s*/\s*[\w.\-]+)*"
)
# A labelled case number: "Nomor perkara: ...", "No. LP ...", "nomor putusan ...", "No. Pol.:
# B/12/...".
_CASE_LABELLED = re.compile(
    r"(?i)\b(?:nomor|no\.?)\s*(?:perkara|putusan|register|reg\.|laporan(?:\s+polisi)?|LP|STPL|"
    r"STTLP|SPDP|"
    r"pol(?:isi)?\.?\s*:?\s*(?=[A-Z]{1,4}\s*/))\s*[:.]?\s*[A-Z0-9][\w./\-]*"
)


_CASE_WORDS = _words("perkara putusan register reg laporan lp stpl sttlp spdp pol polisi")
_NUMBER_WORDS = _words("nomor no")


def detect_legal_case_numbers(text: str, cues: Cues) -> Iterator[Hit]:
    """Court register numbers and police report/letter numbers."""
    patterns = (_COURT, _POLICE) if "/" in text else ()
    if cues.has(_NUMBER_WORDS) and cues.has(_CASE_WORDS):
        patterns += (_CASE_LABELLED,)
    for rx in patterns:
        for m in rx.finditer(text):
            if re.search(r"\d", m.group()):
                yield "legal_case_number", m.start(), m.end()


# Region codes of vehicle plates (TNKB, Perpol 7/2021), including the new Papua provinces.
_PLATE_REGIONS = (
    "AA|AB|AD|AE|AG|BA|BB|BD|BE|BG|BH|BK|BL|BM|BN|BP|DA|DB|DC|DD|DE|DG|DH|DK|DL|DM|DN|DR|DS|DT|EA|"
    "EB|ED|KB|KH|"
    "KT|KU|PA|PB|PG|PS|PT|PY|A|B|D|E|F|G|H|K|L|M|N|P|R|S|T|W|Z"
)
# A plate: region code, 1-4 digits, 1-3 series letters, in capitals, optionally spaced or dashed:
# "BK 1234 ABC".
_PLATE = re.compile(rf"(?:{_PLATE_REGIONS})[ \t\-]?(?P<n>\d{{1,4}})[ \t\-]?[A-Z]{{1,3}}(?![\w])")
# Words that make a short plate-like token a plate.
_PLATE_CONTEXT = re.compile(
    r"(?i)\b(?:plat|pelat|nopol|no\.?\s*pol|nomor\s+polisi|tnkb|kendaraan|motor|sepeda\s+motor|"
    r"mobil|betor|"
    r"becak|angkot|truk|ojek)\b"
)
# A passport number after the word "paspor"/"passport": 1-2 capitals and 6-8 digits.
_PASSPORT = re.compile(
    r"(?i:\b(?:no\.?\s*)?(?:paspor|passport)\b)\s*[:.]?\s*[A-Z]{1,2}\s?\d{6,8}\b"
)


_PASSPORT_WORDS = _words("paspor passport")


def detect_plates_and_passports(text: str, cues: Cues) -> Iterator[Hit]:
    """Vehicle plates (context or 3+ digits) and passport numbers."""
    for m in _PLATE.finditer(text):
        if not _starts_word(text, m.start(), "./-"):
            continue
        before, _ = _window(text, m.start(), m.end(), 40)
        if len(m.group("n")) >= 3 or _PLATE_CONTEXT.search(before):
            yield "vehicle_plate", m.start(), m.end()
    for m in _PASSPORT.finditer(text) if cues.has(_PASSPORT_WORDS) else ():
        yield "passport", m.start(), m.end()


# --------------------------------------------------------------------------------------------------
# Names: initials and honorifics
# --------------------------------------------------------------------------------------------------

# "berinisial MR", "inisial: M.R.", "berinisial M R".
_INITIALS_KEYWORD = re.compile(
    r"(?i:\b(?:ber)?inisial\b)\s*[:\-]?\s*[\"'“(]?(?:[A-Z]\.?[ \t]?){1,4}(?![a-z])"
)
# Initials with their age in brackets: "(MR, 11)", "(M.R., 11 th)".
_INITIALS_TUPLE = re.compile(
    r"\(\s*(?:[A-Z]{1,3}|(?:[A-Z]\.\s?){1,3})\s*,\s*\d{1,2}\s*(?:th|thn|tahun)?\s*\)"
)
# Dotted initials after a person or honorific word: "An. R.S.", "Sdr. M.", "klien R. S."; not
# followed by a capitalised word (then it is "Ibu S. Rahayu": a name, handled by the honorific
# detector).
_INITIALS_DOTTED = re.compile(
    r"\b(?i:an|a\.n|sdr|sdri|saudara|saudari|tn|ny|nn|klien|korban|anak|pelaku|saksi|bapak|bpk|"
    r"pak|ibu|bu|mbak|"
    r"mas|kak|adik|dik|bocah|remaja|pengemis|gelandangan|pemulung|lansia|ayah|kakek|nenek)\.?[ \t]+"
    r"(?:[A-Z]\.[ \t]?){1,3}(?![A-Za-z])(?![ \t]*[A-Z][a-z])"
)
# Undotted 2-3 capitals after a strong person word: "klien MR", "korban (AS)"; category acronyms
# excluded.
_INITIALS_BARE = re.compile(
    r"\b(?i:klien|korban|anak|saudara|saudari|sdr|sdri|tn|ny|nn|an|pelaku|saksi|pengemis|"
    r"gelandangan|pemulung|"
    r"remaja|bocah|balita)\.?[ \t]*\(?[ \t]*(?P<ini>[A-Z]{2,3})\)?(?![\w])"
)


_INITIAL_WORDS = _words("inisial berinisial")
_DOTTED_PERSON_WORDS = _words(
    "an a n sdr sdri saudara saudari tn ny nn klien korban anak pelaku saksi bapak bpk pak "
    "ibu bu mbak mas kak adik dik bocah remaja pengemis gelandangan pemulung lansia ayah "
    "kakek nenek"
)
_BARE_PERSON_WORDS = _words(
    "klien korban anak saudara saudari sdr sdri tn ny nn an pelaku saksi pengemis "
    "gelandangan pemulung remaja bocah balita"
)
_CAPITAL_DOT = re.compile(r"[A-Z]\.")
_TWO_CAPITALS = re.compile(r"[A-Z]{2}")


def detect_initials(text: str, cues: Cues) -> Iterator[Hit]:
    """Initials used to designate a person."""
    patterns = (_INITIALS_KEYWORD,) if cues.has(_INITIAL_WORDS) else ()
    if "(" in text and cues.digits:
        patterns += (_INITIALS_TUPLE,)
    if cues.has(_DOTTED_PERSON_WORDS) and _CAPITAL_DOT.search(text):
        patterns += (_INITIALS_DOTTED,)
    for rx in patterns:
        for m in rx.finditer(text):
            yield "initials", m.start(), m.end()
    if not (cues.has(_BARE_PERSON_WORDS) and _TWO_CAPITALS.search(text)):
        return
    for m in _INITIALS_BARE.finditer(text):
        if m.group("ini") not in _NOT_INITIALS:
            yield "initials", m.start(), m.end()


_HONORIFICS = (
    "Bapak|Bpk|Pak|Ibu|Bu|Sdr|Sdri|Saudara|Saudari|Tn|Tuan|Ny|Nyonya|Nn|Nona|An|Mbak|Mba|Mas|Kak|"
    "Kakak|Adik|"
    "Dik|Abang|Bang|Om|Tante|Oma|Opa|Nenek|Kakek|Ompung|Opung|Oppung|Amang|Inang|Uda|Uni|Teh|Aa|"
    "Akang|Kang|"
    "Cik|Koh|Ustadz|Ustaz|Ustazah|Mak|Wak|Pakde|Bude|Bulek|Paklek|Eyang|Mbah|Datuk|Atok|Encik"
)
# An honorific (capitalised, or lower-case for the common ones) with an optional dot and titles,
# then 1-4 capitalised words: "Bapak Sutrisno", "bu Wulan", "Sdri. Rina", "Bapak H. Darmo Wijaya".
_HONORIFIC_NAME = re.compile(
    rf"\b(?:{_HONORIFICS}|(?:bapak|bpk|pak|ibu|bu|sdr|sdri|saudara|saudari|mbak|mas|kak|kakak|"
    rf"adik|tante|om|"
    rf"nenek|kakek|abang|bang))\b\.?[ \t]+{_TITLES}(?P<name>[A-Z][a-z'’]+(?:[ "
    rf"\t]+[A-Z][a-z'’]+){{0,3}})"
)
# A labelled name: "bernama Wulan", "Nama: Wulan", "atas nama Wulan", "a.n. Wulan", "nama panggilan
# Wulan".
_NAME_LABEL = re.compile(
    r"(?i:\bbernama|\bnama(?:nya)?(?:\s+(?:lengkap|asli|panggilan|kecil|ibu|ayah))?\s*[:=]|"
    r"\batas\s+nama|\ba\.n\.)"
    r"[ \t]*" + _TITLES + r"(?P<name>[A-Z][a-z'’]+(?:[ \t]+[A-Z][a-z'’]+){0,3})"
)
# A relative followed by a name: "ibunya, Wulan", "ayah klien bernama Darmo", "kakaknya (Rina)".
_KIN_NAME = re.compile(
    r"(?i:\b(?:ayah|ibu|bapak|ayahnya|ibunya|bapaknya|kakak|kakaknya|adik|adiknya|abang|abangnya|"
    r"paman|"
    r"pamannya|bibi|bibinya|nenek|neneknya|kakek|kakeknya|wali|walinya|suami|suaminya|istri|"
    r"istrinya|anaknya|"
    r"cucunya|sepupunya|keponakannya|mertuanya)(?:\s+klien)?)[ \t]*(?:,|\()[ \t]*"
    r"(?P<name>[A-Z][a-z'’]+(?:[ \t]+[A-Z][a-z'’]+){0,3})"
)
# A patronymic: "Darmo bin Sutrisno", "Wulan binti Darmo".
_PATRONYMIC = re.compile(r"\b[A-Z][a-z'’]+[ \t]+(?:bin|binti|Bin|Binti)[ \t]+[A-Z][a-z'’]+")


def _name_span(m: re.Match[str]) -> tuple[int, int] | None:
    """The span of the leading name words; None when the first word is a role or ordinary word."""
    words = m.group("name").split()
    if words[0] in _NOT_NAMES:
        return None
    kept = []
    for w in words:
        if w in _NOT_NAMES:
            break
        kept.append(w)
    end = m.start("name") + m.group("name").find(kept[-1]) + len(kept[-1])
    return m.start(), end


_HONORIFIC_WORDS = _words(_HONORIFICS.replace("|", " "))
_LABEL_WORDS = _words("bernama nama namanya atas a")
_KIN_WORDS = _words(
    "ayah ibu bapak ayahnya ibunya bapaknya kakak kakaknya adik adiknya abang abangnya paman "
    "pamannya bibi bibinya nenek neneknya kakek kakeknya wali walinya suami suaminya istri "
    "istrinya anaknya cucunya sepupunya keponakannya mertuanya"
)
_PATRONYMIC_WORDS = _words("bin binti")


def _name_patterns(text: str, cues: Cues) -> Iterator[tuple[str, re.Pattern[str]]]:
    """The name patterns worth running on this text."""
    if cues.has(_HONORIFIC_WORDS):
        yield "honorific_name", _HONORIFIC_NAME
    if cues.has(_LABEL_WORDS):
        yield "name_label", _NAME_LABEL
    if cues.has(_KIN_WORDS) and ("," in text or "(" in text):
        yield "name_label", _KIN_NAME


# Honorifics that are abbreviations and take a dot before a name ("Sdri. Rina"); any other
# lower-case honorific followed by a dot ends a sentence ("... seorang kakak. Ayah tiri ...").
_DOTTED_HONORIFICS = frozenset("bpk sdr sdri tn ny nn".split())


def _ends_sentence(m: re.Match[str]) -> bool:
    """True when a lower-case honorific word is followed by a full stop, not an abbreviation dot."""
    word = re.match(r"\w+", m.group()).group()
    dotted = m.group()[len(word) : len(word) + 1] == "."
    return dotted and word[0].islower() and word.lower() not in _DOTTED_HONORIFICS


def detect_names(text: str, cues: Cues) -> Iterator[Hit]:
    """Honorific + name, labelled names, relative + name, bin/binti patronymics (review level)."""
    for code, rx in _name_patterns(text, cues):
        for m in rx.finditer(text):
            if code == "honorific_name" and _ends_sentence(m):
                continue
            span = _name_span(m)
            if span:
                yield code, span[0], span[1]
    for m in _PATRONYMIC.finditer(text) if cues.has(_PATRONYMIC_WORDS) else ():
        yield "name_label", m.start(), m.end()


# --------------------------------------------------------------------------------------------------
# Orchestration
# --------------------------------------------------------------------------------------------------

_DIGIT_DETECTORS: tuple[Callable[[str, Cues], Iterable[Hit]], ...] = (
    detect_long_numbers,
    detect_phones_library,
    detect_phones_evasive,
    detect_rt_rw,
    detect_full_dates,
    detect_exact_ages,
    detect_legal_case_numbers,
    detect_plates_and_passports,
    detect_gps_and_schools,
)
_TEXT_DETECTORS: tuple[Callable[[str, Cues], Iterable[Hit]], ...] = (
    detect_spelled_numbers,
    detect_emails,
    detect_social,
    detect_street_addresses,
    detect_subcity_places,
    detect_worded_dates,
    detect_initials,
    detect_names,
)
# A long number is not reported separately when a more specific finding covers it.
_NUMBER_CODES = frozenset(
    [
        "phone",
        "nik",
        "kk",
        "npwp",
        "legal_case_number",
        "full_date",
        "gps_coordinates",
        "passport",
        "social_link",
        "email",
    ]
)


def _strip_format_chars(text: str) -> tuple[str, list[int] | None]:
    """Remove invisible characters; return the cleaned text and a cleaned-to-original index map."""
    if not _FORMAT_CHARS.search(text):
        return text, None
    keep = [i for i, c in enumerate(text) if not _FORMAT_CHARS.match(c)]
    return "".join(text[i] for i in keep), keep + [len(text)]


@functools.lru_cache(maxsize=64)
def _allow_patterns(allow: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    """Patterns for the allowed strings, longest first, tolerating any whitespace between words."""
    ordered = sorted(set(allow), key=lambda s: (-len(s), s))
    return tuple(re.compile(r"\s+".join(map(re.escape, a.split()))) for a in ordered if a.split())


def _mask_allowed(text: str, allow: Sequence[str]) -> str:
    """Replace every occurrence of a known-safe string by placeholders of the same length."""
    for rx in _allow_patterns(tuple(allow)):
        text = rx.sub(lambda m: _MASK * len(m.group()), text)
    return text


def _approved(text: str, hit: Hit, lexicon: Lexicon) -> bool:
    """A review-level hit whose capitalised words were all approved on the office's allow-list."""
    code, start, end = hit
    if code not in REVIEW_DETECTORS or not lexicon.approved_words:
        return False
    names = [w for w in re.findall(r"[^\W\d_]+", text[start:end]) if w[0].isupper()]
    names = [w for w in names if w.lower() not in _HONORIFIC_WORDS | _LABEL_WORDS]
    return bool(names) and all(w.lower() in lexicon.approved_words for w in names)


def _merge(hits: Iterable[Hit]) -> list[Hit]:
    """Merge overlaps of the same detector; drop long numbers covered by a specific finding."""
    by_code: dict[str, list[tuple[int, int]]] = {}
    for code, start, end in hits:
        if end > start:
            by_code.setdefault(code, []).append((start, end))
    merged: list[Hit] = []
    for code, spans in by_code.items():
        spans.sort()
        cur_s, cur_e = spans[0]
        for s, e in spans[1:]:
            if s < cur_e:
                cur_e = max(cur_e, e)
            else:
                merged.append((code, cur_s, cur_e))
                cur_s, cur_e = s, e
        merged.append((code, cur_s, cur_e))
    specific = [(s, e) for c, s, e in merged if c in _NUMBER_CODES]
    return [
        h
        for h in merged
        if h[0] != "long_number" or not any(s < h[2] and h[1] < e for s, e in specific)
    ]


def scan_text(
    text: str, *, allow: Sequence[str] = (), lexicon: Lexicon | None = None
) -> list[Match]:
    """Identifier findings in ``text`` by (start, detector); ``allow`` strings are skipped.

    With a ``lexicon`` the text is held to the public standard: a capitalised word that is no
    known word is a ``capitalised_name``, and review-level findings made only of words a reviewer
    approved are dropped."""
    cleaned, index_map = _strip_format_chars(text)
    masked = _mask_allowed(cleaned, allow) if allow else cleaned
    cues = Cues.of(masked)
    detectors = _TEXT_DETECTORS + (_DIGIT_DETECTORS if cues.digits else ())
    hits = [hit for detect in detectors for hit in detect(masked, cues)]
    hits += detect_facilities(masked, cues, lexicon)
    if lexicon is not None:
        hits = [h for h in hits if not _approved(masked, h, lexicon)]
        hits += unknown_names(masked, lexicon)
    findings = []
    for code, start, end in _merge(hits):
        if _MASK in masked[start:end] and not masked[start:end].strip(_MASK + " \t"):
            continue
        if index_map is not None:
            start, end = index_map[start], index_map[end - 1] + 1
        findings.append(Match(code, start, end))
    return sorted(findings, key=lambda f: (f.start, f.detector, f.end))
