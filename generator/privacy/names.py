"""Capitalised names in public text: a capitalised word that is no known word is taken for a name.

Public text is held to a stricter standard than internal notes (issue 13): a word written with a
capital ("Wiryo", "Contohsari") that is neither an Indonesian word (PySastrawi's root words and
their inflections), nor an English word (pyspellchecker's English list), nor a word of a taxonomy
label, of Casebook's own phrase files, of ``office.yaml``, or approved on the office's allow-list is
reported as ``capitalised_name`` (review level: a reviewer may approve a false alarm, see
``generator.privacy.allowlist``).

Why it does not false-alarm on ordinary text: a capital at the start of a sentence or in a title
only matters when the word is unknown in lower case too, so "Klien datang" and "Kisah Pemulung yang
Kembali" pass. Acronyms (all capitals: "PPKS", "UPTD"), words with digits or inner capitals (hashes,
"DP3A"), and words inside addresses, handles or paths are not words of prose and are left to the
other detectors.

Known limits (tests/test_detectors.py KNOWN_GAPS): a name that is also a dictionary word ("Sekar",
"Budi", "Kasih") passes, and so does a name written in lower case; the deny-list catches those.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

Hit = tuple[str, int, int]

# A word that starts with a capital, possibly joined by hyphens or apostrophes ("Wiryo-Sastro",
# "Jum'at"); only these are looked at, which keeps the scan cheap.
_WORD = re.compile(r"(?<!\w)[A-Z][^\W\d_]*(?:['’\-][^\W\d_]+)*")
# A run of letters and digits, for the words of the vocabulary files.
_TOKEN = re.compile(r"[^\W\d_]+")
# Characters before a word that put it inside an address, handle, path, entity or code.
_NOT_PROSE_BEFORE = frozenset("@#/\\_.:=&%$<{[`~^|+*")
# Characters right after a word that make it a handle, a domain, a path or code.
_NOT_PROSE_AFTER = frozenset("@_/\\=<{[`~^|*0123456789")
MIN_NAME_LENGTH = 3
# Abbreviations of months and days ("Agu", "Rab") and units that tables and calendars print.
_ABBREVIATIONS = frozenset(
    "jan feb peb mar apr mei jun jul agu agt ags agust okt nov nop des sen sel rab kam jum sab "
    "min ahd maks thn bln tgl telp tlp tel faks fax hp wa rp dll dsb dst yth ttd bpk kab kec "
    "kel prov".split()
)
# Words that name no one: academic titles ("Drs.", "S.Sos."), kinds of regulation ("Perda",
# "Kepmendagri"), the provinces and main islands (city-level places may be published), and the
# words of robots.txt ("Sitemap:").
_PUBLIC_WORDS = frozenset(
    """drs dra ir prof sos si pd kom psi hum tr kes keb ag th ak se sh mh mm mpd mkes mpsi dr
    perda perwal perwako perbup pergub perpres perppu permensos permendagri kepmendagri
    kepmensos keppres inpres perpol perkap permen kepmen kepdirjen perdirjen pergub kepgub
    kepbup kepwal aceh sumatera sumatra riau jambi bengkulu lampung bangka belitung banten jawa
    yogyakarta bali nusa tenggara kalimantan sulawesi gorontalo maluku papua jakarta sitemap
    robots disallow noindex nofollow""".split()
)
# A city, regency or province after its kind ("Kabupaten Deli Serdang", "Provinsi Sumatera
# Utara"): a place the public site may name.
_CITY_LEVEL = re.compile(
    r"\b(?:Kota|Kabupaten|Kab\.|Provinsi|Prov\.|Daerah Istimewa|DKI)[ \t]+"
    r"[A-Z][\w'’\-]*(?:[ \t]+[A-Z][\w'’\-]*){0,3}"
)


def _title_case(word: str) -> bool:
    """A capital, then lower-case letters only ("Wiryo"; not "PPKS", "DrEMJJ", "iPhone")."""
    return len(word) >= MIN_NAME_LENGTH and word[0].isupper() and word[1:].islower()


# --------------------------------------------------------------------------------------------------
# Dictionaries
# --------------------------------------------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def root_words() -> frozenset[str]:
    """PySastrawi's Indonesian root words (kata dasar), lower case."""
    try:
        from importlib.resources import files

        text = files("Sastrawi").joinpath("Stemmer/data/kata-dasar.txt").read_text("utf-8")
    except (ImportError, OSError):  # pragma: no cover - a dependency
        return frozenset()
    return frozenset(text.split())


@functools.lru_cache(maxsize=1)
def _stemmer():
    try:
        from Sastrawi.Stemmer.StemmerFactory import StemmerFactory
    except ImportError:  # pragma: no cover - a dependency; without it only the word list applies
        return None
    return StemmerFactory().create_stemmer()


@functools.lru_cache(maxsize=65536)
def inflected(word: str) -> bool:
    """An Indonesian word with an affix ("dirujuk" ← rujuk), by PySastrawi's stemmer."""
    stemmer = _stemmer()
    return stemmer is not None and stemmer.stem(word) != word


@functools.lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    """pyspellchecker's English word list (inflections included), lower case."""
    try:
        from spellchecker import SpellChecker
    except ImportError:  # pragma: no cover - a dependency
        return frozenset()
    return frozenset(SpellChecker(language="en", distance=1).word_frequency.keys())


def indonesian_word(word: str) -> bool:
    """A root word of PySastrawi's dictionary, or an inflection of one (lower-case ``word``)."""
    return word in root_words() or inflected(word)


@functools.lru_cache(maxsize=65536)
def dictionary_word(word: str) -> bool:
    """An Indonesian or English word (lower-case ``word``); possessive "'s" ignored."""
    if word.endswith(("'s", "’s")):
        word = word[:-2]
    return word in english_words() or indonesian_word(word)


# --------------------------------------------------------------------------------------------------
# The lexicon of a project
# --------------------------------------------------------------------------------------------------

# Catalogues whose words never reach a site (the checker's own messages): their examples must not
# become known words.
_NOT_SITE_WORDS = frozenset({"messages.yaml", "detectors.yaml", "audit.yaml"})


def _strings(value: object) -> Iterator[str]:
    """Every string in a decoded YAML value."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, str):
            yield item


def words_of(texts: Iterable[str]) -> frozenset[str]:
    """The lower-case words of some texts."""
    return frozenset(w.lower() for text in texts for w in _TOKEN.findall(text))


@functools.lru_cache(maxsize=1)
def _own_texts() -> tuple[str, ...]:
    """Every string of Casebook's own phrase and taxonomy files (what the generator writes)."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    package = Path(__file__).resolve().parent.parent
    texts: list[str] = []
    for path in sorted(package.rglob("*.yaml")):
        if path.name not in _NOT_SITE_WORDS:
            texts += _strings(yaml.load(path.read_text(encoding="utf-8"), Loader=loader))
    return tuple(texts)


@functools.lru_cache(maxsize=1)
def own_words() -> frozenset[str]:
    """The words of Casebook's own phrase and taxonomy files."""
    return words_of(_own_texts())


def phrases_of(texts: Iterable[str]) -> frozenset[str]:
    """Short texts (labels, headings: up to 8 words) in lower case, one space between words."""
    found = set()
    for text in texts:
        for piece in re.split(r"[{}\n:;()]", text):
            words = _TOKEN.findall(piece.lower())
            if 1 < len(words) <= 8:
                found.add(" ".join(words))
    return frozenset(found)


@functools.lru_cache(maxsize=1)
def own_phrases() -> frozenset[str]:
    """Labels and headings of Casebook's own phrase and taxonomy files ("tahap yang dilalui")."""
    return phrases_of(_own_texts())


@dataclass(frozen=True)
class Lexicon:
    """Words that are no name in one project's public text, beyond the dictionaries.

    ``words``: words of taxonomy labels, Casebook's own phrases and ``office.yaml``; ``approved``:
    words and phrases on the office's allow-list that a reviewer approved."""

    words: frozenset[str] = field(default_factory=own_words)
    approved: tuple[str, ...] = ()
    phrases: frozenset[str] = field(default_factory=own_phrases)

    @functools.cached_property
    def approved_words(self) -> frozenset[str]:
        return words_of(self.approved)

    def knows(self, word: str) -> bool:
        """True when ``word`` (any case) is a known word, not a name."""
        lower = word.lower()
        if lower in _ABBREVIATIONS or lower in _PUBLIC_WORDS:
            return True
        if lower in self.words or lower in self.approved_words:
            return True
        if dictionary_word(lower):
            return True
        parts = [part for part in lower.split("-") if part]
        if len(parts) < 2:
            return False
        # a compound ("anak-anak", "self-referral") or a short prefix ("socio-economically")
        return all(self.knows(p) for p in parts) or (
            len(parts[0]) <= 5 and self.knows("-".join(parts[1:]))
        )

    @functools.cached_property
    def _phrases_by_first_word(self) -> dict[str, tuple[tuple[str, ...], ...]]:
        index: dict[str, list[tuple[str, ...]]] = {}
        for phrase in self.phrases:
            words = tuple(phrase.split())
            index.setdefault(words[0], []).append(words)
        return {first: tuple(sorted(group)) for first, group in index.items()}

    def starts_label(self, text: str) -> bool:
        """True when ``text`` begins with a label or heading of the lexicon (any case)."""
        words = tuple(_TOKEN.findall(text[:200].lower()))
        candidates = self._phrases_by_first_word.get(words[0], ()) if words else ()
        return any(words[: len(phrase)] == phrase for phrase in candidates)

    def fingerprint(self) -> str:
        """A stable text that changes with the lexicon (for cache keys)."""
        return "\0".join((*sorted(self.words), "\1", *self.approved, "\1", *sorted(self.phrases)))


def unknown_names(text: str, lexicon: Lexicon) -> Iterator[Hit]:
    """Runs of capitalised words that are no known word: ("capitalised_name", start, end)."""
    run: tuple[int, int] | None = None
    places = [m.span() for m in _CITY_LEVEL.finditer(text)] if "K" in text or "P" in text else []
    for m in _WORD.finditer(text):
        if any(s <= m.start() < e for s, e in places):
            continue
        if _is_name(text, m, lexicon):
            if run is not None and text[run[1] : m.start()] in (" ", "\t"):
                run = (run[0], m.end())
                continue
            if run is not None:
                yield "capitalised_name", run[0], run[1]
            run = m.span()
    if run is not None:
        yield "capitalised_name", run[0], run[1]


def _is_name(text: str, m: re.Match[str], lexicon: Lexicon) -> bool:
    word = m.group()
    first = re.split(r"['’\-]", word)[0]
    if not _title_case(first) or not all(p[:1].isupper() or p.islower() for p in word.split("-")):
        return False
    before = text[m.start() - 1] if m.start() else " "
    after = text[m.end()] if m.end() < len(text) else " "
    if before in _NOT_PROSE_BEFORE or after in _NOT_PROSE_AFTER:
        return False
    if after == "." and text[m.end() + 1 : m.end() + 2].isalpha():
        return False  # a domain or file name: "Contoh.com"
    return not lexicon.knows(word)
