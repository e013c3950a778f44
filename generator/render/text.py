"""Shared wording helpers: Indonesian (and English) dates, lists, numbers, labels and phrases.

Everything here is pure. ``Voice`` bundles a language, the taxonomy and a seed; its ``say``
picks one of several phrasings of a sentence deterministically from the seed (a case id), so
narratives vary their connectors without any randomness between builds.
"""

from __future__ import annotations

import datetime as dt
import functools
import posixpath
import re
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import yaml

from generator import escape
from generator.model.calendar import MONTHS

if TYPE_CHECKING:
    from generator.model.project import Project
    from generator.model.taxonomy import Taxonomy


PHRASES_FILE = Path(__file__).resolve().parent / "phrases.yaml"

MONTHS_SHORT = {
    "id": ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"),
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
}
WEEKDAYS_SHORT = {
    "id": ("Sen", "Sel", "Rab", "Kam", "Jum", "Sab", "Min"),
    "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
}
NUMBER_WORDS = {
    "id": (
        "nol",
        "satu",
        "dua",
        "tiga",
        "empat",
        "lima",
        "enam",
        "tujuh",
        "delapan",
        "sembilan",
        "sepuluh",
    ),
    "en": ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"),
}
LIST_AND = {"id": "dan", "en": "and"}
_SPACES = re.compile(r"\s+")


# ---------------------------------------------------------------- dates and numbers


def format_date(day: dt.date, lang: str = "id") -> str:
    """``5 Maret 2025`` (``5 March 2025`` in English)."""
    return f"{day.day} {MONTHS[lang][day.month - 1]} {day.year}"


def format_date_short(day: dt.date, lang: str = "id") -> str:
    """``24 Feb 2025`` for narrow table columns."""
    return f"{day.day} {MONTHS_SHORT[lang][day.month - 1]} {day.year}"


def format_day_short(day: dt.date, lang: str = "id") -> str:
    """``Sen, 17 Feb``: a day inside a week whose heading already names the year."""
    return f"{WEEKDAYS_SHORT[lang][day.weekday()]}, {day.day} {MONTHS_SHORT[lang][day.month - 1]}"


def format_month(period: str, lang: str = "id") -> str:
    """``2025-03`` → ``Maret 2025``."""
    year, month = period.split("-")
    return f"{MONTHS[lang][int(month) - 1]} {year}"


def format_range(start: dt.date, end: dt.date, lang: str = "id") -> str:
    """``17–23 Februari 2025``, ``24 Februari – 2 Maret 2025``, or across years in full."""
    if start == end:
        return format_date(start, lang)
    if start.year != end.year:
        return f"{format_date(start, lang)} – {format_date(end, lang)}"
    if start.month != end.month:
        return f"{start.day} {MONTHS[lang][start.month - 1]} – {format_date(end, lang)}"
    return f"{start.day}–{format_date(end, lang)}"


def number_words(count: int, lang: str = "id") -> str:
    """Small counts in words (``dua``), larger ones in digits."""
    words = NUMBER_WORDS[lang]
    return words[count] if 0 <= count < len(words) else str(count)


def format_hours(hours: float, lang: str = "id") -> str:
    """``7`` or ``7,5`` (Indonesian decimal comma) or ``7.5``."""
    text = f"{hours:.1f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") if lang == "id" else text


# ---------------------------------------------------------------- lists and clauses


def join_list(items: Sequence[str], lang: str = "id", conjunction: str | None = None) -> str:
    """``a``, ``a dan b``, ``a, b, dan c`` (``a, b and c`` in English)."""
    items = [item for item in items if item]
    word = conjunction or LIST_AND[lang]
    if len(items) <= 1:
        return "".join(items)
    if len(items) == 2:
        return f"{items[0]} {word} {items[1]}"
    comma = "," if lang == "id" else ""
    return f"{', '.join(items[:-1])}{comma} {word} {items[-1]}"


def clean(text: str | None) -> str:
    """Free text on one line: whitespace collapsed, ends trimmed."""
    return _SPACES.sub(" ", text or "").strip()


def lower_first(text: str) -> str:
    """Lower the first letter for use mid-sentence, unless it starts a name or an acronym."""
    words = text.split()
    if not words or not words[0][:1].isupper():
        return text
    first = words[0]
    if any(ch.isupper() for ch in first[1:]) or any(ch.isdigit() for ch in first):
        return text  # ODGJ, KTP, BPJS/KIS, SMP/sederajat
    following = [w.lstrip("(") for w in words[1:] if w.lstrip("(")[:1].isalpha()]
    if following and following[0][:1].isupper():
        return text  # Rumah Perlindungan Sosial, Satpol PP, Anak Jalanan
    return first[0].lower() + text[1:]


def upper_first(text: str) -> str:
    """Capitalise the first letter of a sentence."""
    return text[:1].upper() + text[1:]


def sentence(text: str | None) -> str:
    """Free text as a full sentence: one line, capitalised, ending in punctuation."""
    body = clean(text)
    if not body:
        return ""
    body = upper_first(body)
    return escape.text(body if body[-1] in ".!?…" else body + ".")


def clause(text: str | None) -> str:
    """Free text to embed after a connector: one line, no final full stop, first letter lowered."""
    body = clean(text).rstrip(".")
    return escape.text(lower_first(body))


def cell(text: Any) -> str:
    """Text safe inside a Markdown table cell."""
    return _cell(str(text)) if text not in (None, "") else "—"


@functools.lru_cache(maxsize=1 << 16)
def _cell(text: str) -> str:
    """``cell`` of a string, remembered: the same names, labels and dates fill every table (at
    10,000 cases, half a million cells)."""
    return escape.text(clean(text))


def paragraphs(*blocks: str) -> str:
    """Join non-empty Markdown blocks with one blank line between them."""
    return "\n\n".join(block.strip("\n") for block in blocks if block and block.strip())


_BLOCK_START = re.compile(r"^\s*([-*+>|#]|\d+[.)]\s|```|~~~|!!!|\?\?\?)|^\s{4}")


def markdown_note(text: str | None) -> str:
    """An intern's Markdown note, trimmed; plain paragraphs unwrapped onto one line each."""
    blocks = re.split(r"\n\s*\n", escape.note((text or "").strip()))
    return "\n\n".join(_unwrap(block) for block in blocks if block.strip())


def _unwrap(block: str) -> str:
    """A plain paragraph on one line (easier to paste); lists, tables, code kept as written."""
    lines = [line.rstrip() for line in block.splitlines()]
    hard_break = any(line.endswith("  ") for line in block.splitlines())
    if hard_break or any(_BLOCK_START.match(line) for line in lines):
        return "\n".join(lines)
    return " ".join(line.strip() for line in lines)


def table(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    """A Markdown table; every cell is escaped."""
    lines = [
        "| " + " | ".join(cell(h) for h in header) + " |",
        "|" + "|".join("---" for _ in header) + "|",
    ]
    lines += ["| " + " | ".join(_raw_or_cell(value) for value in row) + " |" for row in rows]
    return "\n".join(lines)


class Raw(str):
    """Markdown that ``table`` inserts as is (links, emphasis) instead of escaping."""


def _raw_or_cell(value: Any) -> str:
    return value if isinstance(value, Raw) else cell(value)


# ---------------------------------------------------------------- phrases


@functools.lru_cache(maxsize=1)
def phrasebook() -> dict[str, dict[str, Any]]:
    """All phrases, ``key -> {id: text | [variants], en: ...}``."""
    with PHRASES_FILE.open(encoding="utf-8") as stream:
        return yaml.load(stream, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def pick(variants: Any, seed: str, key: str) -> str:
    """One variant, chosen by a stable hash of the seed and the key."""
    if isinstance(variants, str):
        return variants
    return variants[zlib.crc32(f"{seed}/{key}".encode()) % len(variants)]


@dataclass(frozen=True)
class Voice:
    """How a page speaks: language, vocabulary labels and a seed for varied phrasing."""

    lang: str
    taxonomy: Taxonomy
    seed: str = ""
    people: dict[str, str] = field(default_factory=dict, compare=False)

    def say(self, key: str, *, salt: str = "", **params: Any) -> str:
        """The phrase ``key`` in this language, filled with params (salt varies the pick)."""
        return pick(phrasebook()[key][self.lang], self.seed + salt, key).format(**params)

    def say_for(self, key: str, code: str, **params: Any) -> str:
        """The phrase ``key.code`` if there is one in this language, else the generic ``key``."""
        specific = f"{key}.{code}"
        found = phrasebook().get(specific, {})
        return self.say(specific if self.lang in found else key, **params)

    def nth(self, key: str, index: int) -> str:
        """Variants in turn, starting at a seed-chosen one (connectors that do not repeat)."""
        variants = phrasebook()[key][self.lang]
        if isinstance(variants, str):
            return variants
        start = zlib.crc32(f"{self.seed}/{key}".encode())
        return variants[(start + index) % len(variants)]

    def counted(self, key: str, number: int) -> str:
        """A count with its noun: ``dua tujuan``, ``two goals``, ``once``."""
        forms = phrasebook()[key][self.lang]
        if isinstance(forms, dict):
            forms = forms.get({1: "one", 2: "two"}.get(number, "other"), forms["other"])
        return forms.format(n=self.count(number))

    def label(self, vocab: str, code: str) -> str:
        """The taxonomy label of a code, as a heading or cell would show it."""
        return self.taxonomy.label(vocab, code, self.lang)

    def term(self, vocab: str, code: str) -> str:
        """The label for use inside a sentence (first letter lowered unless a name): the entry's
        ``phrase`` when the taxonomy gives one (``Patroli / penjangkauan`` reads as ``patroli
        penjangkauan``), else its label."""
        if self.taxonomy.has(vocab, code):
            phrase = self.taxonomy.entry(vocab, code).get("phrase")
            if phrase and phrase.get(self.lang):
                return phrase[self.lang]
        return lower_first(self.label(vocab, code))

    def terms(self, vocab: str, codes: Iterable[str]) -> str:
        """Several labels joined as a list inside a sentence."""
        return self.join([self.term(vocab, code) for code in codes])

    def date(self, day: dt.date) -> str:
        return format_date(day, self.lang)

    def range(self, start: dt.date, end: dt.date) -> str:
        return format_range(start, end, self.lang)

    def date_short(self, day: dt.date, reference: dt.date) -> str:
        """A range's start: without the year (and month) it shares with ``reference``."""
        if day.year != reference.year:
            return format_date(day, self.lang)
        if day.month != reference.month:
            return f"{day.day} {MONTHS[self.lang][day.month - 1]}"
        return str(day.day)

    def join(self, items: Sequence[str], conjunction: str | None = None) -> str:
        """A list; in Indonesian ``serta`` before the last item when an item holds ``dan``."""
        if conjunction is None and self.lang == "id" and any(" dan " in i for i in items):
            conjunction = "serta"
        return join_list(items, self.lang, conjunction)

    def person(self, person_id: str) -> str:
        """A staff member's name when known, else the id."""
        return self.people.get(person_id, person_id)

    def count(self, number: int) -> str:
        return number_words(number, self.lang)

    def hours(self, hours: float) -> str:
        return format_hours(hours, self.lang)

    def reseeded(self, seed: str) -> Voice:
        return Voice(self.lang, self.taxonomy, seed, self.people)


# ---------------------------------------------------------------- pages and links

CASE_PAGE = "kasus/{}.md"
INTERN_PAGE = "mahasiswa/{}.md"


def case_page_path(case_id: str) -> str:
    return CASE_PAGE.format(case_id)


def intern_page_path(intern_id: str) -> str:
    return INTERN_PAGE.format(intern_id)


@functools.lru_cache(maxsize=1 << 16)
def relative_link(from_page: str, to_page: str) -> str:
    """The link from one docs-relative page to another (``../mahasiswa/x.md``)."""
    return posixpath.relpath(to_page, posixpath.dirname(from_page) or ".")


def md_link(text: str, from_page: str, to_page: str) -> str:
    return f"[{cell(text)}]({relative_link(from_page, to_page)})"


def id_link(text: str, from_page: str, to_page: str) -> str:
    """A link to a record by its id, kept on one line in narrow table columns."""
    return md_link(text, from_page, to_page) + '{ style="white-space: nowrap" }'


def project_relative(path: Path, root: Path) -> Path | None:
    """``path`` relative to the project root, or None when it lies outside the project."""
    try:
        return path.resolve().relative_to(Path(root).resolve())
    except ValueError:
        return None


def people_names(project: Project) -> dict[str, str]:
    """Staff and academic supervisors by id → name (office staff win on a clash).

    Every page asks for it, so it is worked out once per project (a read-only mapping)."""
    cached = getattr(project, "_people_names", None)
    if cached is None:
        cached = MappingProxyType(_collect_people_names(project))
        try:
            project._people_names = cached
        except AttributeError:  # a frozen stand-in in a test: just recompute
            pass
    return cached


def _collect_people_names(project: Project) -> dict[str, str]:
    names: dict[str, str] = {}
    for doc in project.sorted_interns():
        supervisors = doc.intern.supervisors
        for person in [*supervisors.academic, supervisors.head_of_programme]:
            if person is not None:
                names.setdefault(person.id, person.name)
    if project.office:
        names.update({person.id: person.name for person in project.office.staff})
    return names


def page_language(project: Project, lang: str | None) -> str:
    return lang or project.settings.language
