"""References as data, rendered in APA 7 with Indonesian conventions; citations in prose resolved.

Pure functions only. A reference (``references.yaml``) becomes a :class:`Source`; the reference
list and the in-text citations both come from the same sorted, disambiguated sources, so
"Wibowo (2019a)" in the text always matches "Wibowo, A. S. (2019a)" in the Daftar Pustaka.

Conventions (APA 7, with the Indonesian words used by Indonesian APA guides):

* authors: ``Family, G. G.``; "&" before the last author in the list and inside parentheses,
  "dan"/"and" in narrative citations; up to 20 authors listed, beyond that the first 19, "…",
  and the last; three or more authors cite as "Wibowo dkk." (Indonesian) / "Wibowo et al.";
* no date: "(t.t.)" in Indonesian, "(n.d.)" in English; same author and year: 2019a, 2019b;
* a group author (``organisation``) stands in the author position; with neither authors nor
  organisation, the title moves there (regulations: the text before "tentang" is its short title);
* locators: "hlm. 12" / "p. 12", "hlm. 12–14" / "pp. 12–14"; web pages: "Diakses 5 Maret 2025,
  dari URL" / "Retrieved March 5, 2025, from URL"; DOIs as ``https://doi.org/…``; no full stop
  after a DOI or URL.

Citation syntax in the intern's Markdown is Pandoc's: ``[@key]``, ``[@key, p. 12]``,
``[lihat @a; @b]``, ``[-@key]`` (year only) and narrative ``@key`` or ``@key [hlm. 3]``.
Write ``\\@`` for a literal at sign.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from generator import escape
from generator.model.calendar import MONTHS

WORDS = {
    "id": {
        "and": "dan",
        "etal": "dkk.",
        "nodate": "t.t.",
        "page": "hlm.",
        "pages": "hlm.",
        "in": "Dalam",
        "edition": "Edisi ke-{n}",
        "retrieved": "Diakses {date}, dari {url}",
        "thesis": "Karya akhir",
        "number": "No.",
    },
    "en": {
        "and": "and",
        "etal": "et al.",
        "nodate": "n.d.",
        "page": "p.",
        "pages": "pp.",
        "in": "In",
        "edition": "{n} ed.",
        "retrieved": "Retrieved {date}, from {url}",
        "thesis": "Thesis",
        "number": "No.",
    },
}
MAX_LISTED_AUTHORS = 20
KEY = r"[A-Za-z0-9][A-Za-z0-9_-]*"
_BRACKET = re.compile(
    r"(?<![\\!])\[(?P<body>[^\[\]]*?(?<![\w\\])-?@" + KEY + r"[^\[\]]*)\](?![(\[:])"
)
_ITEM = re.compile(
    r"^\s*(?P<prefix>.*?)\s*(?P<suppress>-?)(?<![\w\\])@(?P<key>" + KEY + r")(?P<rest>.*?)\s*$",
    re.DOTALL,
)
_NARRATIVE = re.compile(r"(?<![\w\\@/.\[-])@(?P<key>" + KEY + r")(?:\s\[(?P<locator>[^\[\]@]*)\])?")
_PAGE_TERMS = re.compile(
    r"^(?:p|pp|hlm|hal|h|page|pages|halaman)\.?\s*(?=\d|[ivxlc]+\b)", re.IGNORECASE
)
_ORDINAL_EN = {1: "1st", 2: "2nd", 3: "3rd"}


@dataclass(frozen=True)
class Source:
    """One reference, normalised for formatting (plain data; ``key`` is the citation key)."""

    key: str
    type: str
    title: str
    authors: tuple[tuple[str, str | None], ...] = ()
    organisation: str | None = None
    year: int | None = None
    container: str | None = None
    volume: str | None = None
    issue: str | None = None
    pages: str | None = None
    publisher: str | None = None
    doi: str | None = None
    url: str | None = None
    edition: str | None = None
    accessed: dt.date | None = None
    suffix: str = ""


@dataclass(frozen=True)
class Unresolved:
    """A citation key that no reference has, where it was written (1-based)."""

    key: str
    line: int
    column: int


@dataclass
class Cited:
    """Prose with its citations rendered, the keys it cited, and those that did not resolve."""

    text: str
    cited: list[str] = field(default_factory=list)
    unresolved: list[Unresolved] = field(default_factory=list)


def source_of(reference: Any) -> Source:
    """A ``model.Reference`` (or any object with its fields) as a Source, its text escaped
    for Markdown (a title is data, never markup)."""
    authors = tuple(
        (_text(a.family), _text(a.given)) for a in getattr(reference, "authors", []) or []
    )
    optional = {
        name: _text(getattr(reference, name, None))
        for name in (
            "organisation",
            "year",
            "container",
            "volume",
            "issue",
            "pages",
            "publisher",
            "doi",
            "url",
            "edition",
            "accessed",
        )
    }
    return Source(
        key=reference.id, type=reference.type, title=_text(reference.title), authors=authors,
        **optional,
    )


def _text(value: Any) -> Any:
    return escape.text(value) if isinstance(value, str) else value


# ---------------------------------------------------------------- names and dates


def initials(given: str | None) -> str:
    """``Aryo Seno`` → ``A. S.``; ``Jean-Paul`` → ``J.-P.``; empty for none."""
    if not given:
        return ""
    words = [w for w in re.split(r"\s+", given.strip()) if w]
    return " ".join("-".join(part[0].upper() + "." for part in w.split("-") if part) for w in words)


def listed_name(family: str, given: str | None) -> str:
    """``Wibowo, A. S.`` (a mononym stays as it is)."""
    short = initials(given)
    return f"{family}, {short}" if short else family


def author_list(source: Source) -> str:
    """The author element of a reference-list entry (without the final full stop)."""
    if not source.authors:
        return source.organisation or ""
    names = [listed_name(family, given) for family, given in source.authors]
    if len(names) == 1:
        return names[0]
    if len(names) > MAX_LISTED_AUTHORS:
        return ", ".join(names[: MAX_LISTED_AUTHORS - 1]) + ", … " + names[-1]
    return ", ".join(names[:-1]) + ", & " + names[-1]


def year_label(source: Source, lang: str = "id") -> str:
    """``2019``, ``2019a``, ``t.t.`` or ``t.t.-a`` (``n.d.`` in English)."""
    if source.year is None:
        return WORDS[lang]["nodate"] + (f"-{source.suffix}" if source.suffix else "")
    return f"{source.year}{source.suffix}"


def format_day(day: dt.date, lang: str = "id") -> str:
    """``5 Maret 2025`` / ``March 5, 2025`` (APA's retrieval date)."""
    month = MONTHS[lang][day.month - 1]
    return f"{day.day} {month} {day.year}" if lang == "id" else f"{month} {day.day}, {day.year}"


def short_title(source: Source) -> str:
    """The title as cited when there is no author: regulations up to "tentang"."""
    title = source.title.strip().rstrip(".")
    if source.type == "regulation" and " tentang " in title:
        return title.split(" tentang ", 1)[0]
    return title


def cited_names(source: Source, lang: str = "id", narrative: bool = False) -> str:
    """The author part of an in-text citation: Wibowo; Wibowo & Sari; Wibowo dkk.; a title."""
    families = [family for family, _ in source.authors]
    if not families:
        if source.organisation:
            return source.organisation
        title = short_title(source)
        return f"*{title}*" if _is_standalone(source) else f"“{title}”"
    if len(families) == 1:
        return families[0]
    if len(families) == 2:
        joiner = f" {WORDS[lang]['and']} " if narrative else " & "
        return families[0] + joiner + families[1]
    return f"{families[0]} {WORDS[lang]['etal']}"


def _is_standalone(source: Source) -> bool:
    return source.type not in ("article", "chapter")


# ---------------------------------------------------------------- reference list entries


def format_reference(source: Source, lang: str = "id") -> str:
    """One reference-list entry in APA 7, as Markdown (italics with ``*``)."""
    head = _head(source, lang)
    body = {
        "article": _article_body,
        "chapter": _chapter_body,
        "web": _web_body,
        "thesis": _thesis_body,
    }.get(source.type, _book_body)(source, lang)
    return _join_elements([head, *body, _locator_link(source, lang)])


def _head(source: Source, lang: str) -> str:
    """Author and date; with no author, the title takes the author position."""
    date = f"({year_label(source, lang)})."
    author = author_list(source)
    if author:
        return f"{_end(author)} {date}"
    return f"{_end(_title(source, lang))} {date}"


def _has_author(source: Source) -> bool:
    return bool(source.authors or source.organisation)


def _title(source: Source, lang: str) -> str:
    """The title element: italic for standalone works, with edition or report number."""
    title = source.title.strip().rstrip(".")
    extra = []
    if source.edition:
        extra.append(_edition(source.edition, lang))
    if source.type in ("report", "regulation") and source.issue:
        extra.append(f"{WORDS[lang]['number']} {source.issue}")
    details = f" ({'; '.join(extra)})" if extra else ""
    if source.type == "thesis":
        kind = source.container or WORDS[lang]["thesis"]
        place = f", {source.publisher}" if source.publisher else ""
        details += f" [{kind}{place}]"
    return f"*{title}*{details}" if _is_standalone(source) else f"{title}{details}"


def _edition(edition: str, lang: str) -> str:
    number = edition.strip()
    if lang == "en" and number.isdigit():
        number = _ORDINAL_EN.get(int(number), f"{number}th")
    return WORDS[lang]["edition"].format(n=number)


def _book_body(source: Source, lang: str) -> list[str]:
    title = _title(source, lang) if _has_author(source) else ""
    return [_end(title), _publisher(source)]


def _thesis_body(source: Source, lang: str) -> list[str]:
    return [_end(_title(source, lang)) if _has_author(source) else ""]


def _article_body(source: Source, lang: str) -> list[str]:
    title = _end(_title(source, lang)) if _has_author(source) else ""
    journal = f"*{source.container}*" if source.container else ""
    if source.volume:
        journal += f", *{source.volume}*"
    if source.issue:
        journal += f"({source.issue})"
    if source.pages:
        journal += f", {_dash(source.pages)}"
    return [title, _end(journal)]


def _chapter_body(source: Source, lang: str) -> list[str]:
    title = _end(_title(source, lang)) if _has_author(source) else ""
    pages = f" ({WORDS[lang]['pages']} {_dash(source.pages)})" if source.pages else ""
    book = f"{WORDS[lang]['in']} *{source.container}*{pages}" if source.container else ""
    return [title, _end(book), _publisher(source)]


def _web_body(source: Source, lang: str) -> list[str]:
    title = _end(_title(source, lang)) if _has_author(source) else ""
    site = source.container or source.publisher
    return [title, _end(site) if site and site != author_list(source) else ""]


def _publisher(source: Source) -> str:
    publisher = source.publisher
    if not publisher or publisher == author_list(source):
        return ""  # APA 7: a publisher that is also the author is not repeated
    return _end(publisher)


def _locator_link(source: Source, lang: str) -> str:
    """DOI (as https://doi.org/…) or URL, with the retrieval date for web pages that have one."""
    if source.doi:
        doi = source.doi.strip()
        return doi if doi.startswith("http") else "https://doi.org/" + doi.removeprefix("doi:")
    if not source.url:
        return ""
    if source.accessed:
        return WORDS[lang]["retrieved"].format(
            date=format_day(source.accessed, lang), url=source.url
        )
    return source.url


def _end(text: str | None) -> str:
    """Text closed with a full stop (unless it already ends in punctuation)."""
    text = (text or "").strip()
    if not text:
        return ""
    return text if text.rstrip("*”")[-1:] in (".", "?", "!") else text + "."


def _dash(pages: str) -> str:
    return re.sub(r"(?<=\w)\s*-{1,2}\s*(?=\w)", "–", pages.strip())


def _join_elements(parts: Iterable[str]) -> str:
    return " ".join(part for part in parts if part)


# ---------------------------------------------------------------- the reference list


@functools.lru_cache(maxsize=1 << 14)
def _fold(text: str) -> str:
    """Case- and accent-insensitive sort text (remembered: every report sorts the same
    sources)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def _author_sort(source: Source) -> tuple:
    if source.authors:
        return tuple((_fold(family), _fold(initials(given))) for family, given in source.authors)
    return ((_fold(source.organisation or source.title), ""),)


def sort_key(source: Source) -> tuple:
    """APA order: authors letter by letter, then year (no date first), then title."""
    year = -1 if source.year is None else source.year
    return (_author_sort(source), year, _fold(source.title), source.key)


def prepare_sources(sources: Iterable[Source]) -> list[Source]:
    """Sources in reference-list order, with a/b suffixes for the same authors and year."""
    ordered = sorted(sources, key=sort_key)
    groups: dict[tuple, list[int]] = {}
    for index, source in enumerate(ordered):
        groups.setdefault((_author_sort(source), source.year), []).append(index)
    for members in groups.values():
        if len(members) > 1:
            for letter, index in zip("abcdefghijklmnopqrstuvwxyz", members):
                ordered[index] = replace(ordered[index], suffix=letter)
    return ordered


def reference_list(sources: Iterable[Source], lang: str = "id") -> list[str]:
    """Every entry of the Daftar Pustaka, in order, as Markdown paragraphs."""
    return [format_reference(source, lang) for source in prepare_sources(sources)]


# ---------------------------------------------------------------- in-text citations


@dataclass(frozen=True)
class _Item:
    key: str
    prefix: str = ""
    locator: str = ""
    suppress_author: bool = False


def format_locator(text: str, lang: str = "id") -> str:
    """``p. 12`` → ``hlm. 12``; ``12-14`` → ``hlm. 12–14`` (``pp. 12–14`` in English)."""
    text = text.strip()
    if not text:
        return ""
    bare = _PAGE_TERMS.sub("", text)
    if bare == text and not re.match(r"^\d", text):
        return _dash(text)
    pages = _dash(bare)
    plural = "–" in pages or "," in pages
    return f"{WORDS[lang]['pages' if plural else 'page']} {pages}"


def parenthetical(items: Sequence[_Item], index: dict[str, Source], lang: str = "id") -> str:
    """``(Wibowo, 2019, hlm. 12; Sari & Putra, 2020)`` — works ordered as in the list."""
    known = sorted((i for i in items if i.key in index), key=lambda i: sort_key(index[i.key]))
    parts = _merge_same_authors([_parenthetical_part(i, index[i.key], lang) for i in known])
    parts += [f"**{i.key}?**" for i in items if i.key not in index]
    return "(" + "; ".join(parts) + ")"


def _parenthetical_part(item: _Item, source: Source, lang: str) -> tuple[str, str, str]:
    names = "" if item.suppress_author else cited_names(source, lang)
    tail = year_label(source, lang) + (
        f", {format_locator(item.locator, lang)}" if item.locator else ""
    )
    return (item.prefix, names, tail)


def _merge_same_authors(parts: list[tuple[str, str, str]]) -> list[str]:
    """(Wibowo, 2019, 2021): consecutive works of the same authors share the names."""
    merged: list[tuple[str, str, str]] = []
    for prefix, names, tail in parts:
        if merged and not prefix and names and merged[-1][1] == names and "," not in tail:
            last = merged[-1]
            merged[-1] = (last[0], names, f"{last[2]}, {tail}")
        else:
            merged.append((prefix, names, tail))
    return [" ".join(filter(None, [p, f"{n}, {t}" if n else t])) for p, n, t in merged]


def narrative(item: _Item, source: Source | None, lang: str = "id") -> str:
    """``Wibowo (2019)``, ``Wibowo dan Sari (2019, hlm. 3)``."""
    if source is None:
        return f"**{item.key}?**"
    tail = year_label(source, lang) + (
        f", {format_locator(item.locator, lang)}" if item.locator else ""
    )
    return f"{cited_names(source, lang, narrative=True)} ({tail})"


def _parse_group(body: str) -> list[_Item] | None:
    """The items of a bracketed citation, or None if it is not one."""
    items = []
    for chunk in body.split(";"):
        match = _ITEM.match(chunk)
        if not match:
            return None
        rest = match.group("rest").strip()
        if rest and not rest.startswith(","):
            return None
        items.append(
            _Item(
                match.group("key"),
                match.group("prefix").strip(),
                rest.lstrip(",").strip(),
                bool(match.group("suppress")),
            )
        )
    return items


class _Lines:
    """1-based line and column of an offset in a text."""

    def __init__(self, text: str):
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def at(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.starts, offset)
        return line, offset - self.starts[line - 1] + 1


def resolve_citations(text: str, sources: Iterable[Source], lang: str = "id") -> Cited:
    """Render every citation in Markdown prose; keep what was cited and what did not resolve."""
    index = {source.key: source for source in prepare_sources(sources)}
    lines = _Lines(text)
    result = Cited(text)
    spans: list[tuple[int, int, str]] = []
    for match in _BRACKET.finditer(text):
        items = _parse_group(match.group("body"))
        if items is None:
            continue
        _note(items, match, index, lines, result)
        spans.append((match.start(), match.end(), parenthetical(items, index, lang)))
    for match in _NARRATIVE.finditer(text):
        if any(start <= match.start() < end for start, end, _ in spans):
            continue
        item = _Item(match.group("key"), locator=match.group("locator") or "")
        _note([item], match, index, lines, result)
        spans.append((match.start(), match.end(), narrative(item, index.get(item.key), lang)))
    result.text = _splice(text, spans).replace("\\@", "@")
    return result


def _note(
    items: list[_Item], match: re.Match, index: dict[str, Source], lines: _Lines, result: Cited
) -> None:
    for item in items:
        if item.key in index:
            if item.key not in result.cited:
                result.cited.append(item.key)
            continue
        offset = match.start() + match.group(0).find("@" + item.key)
        result.unresolved.append(Unresolved(item.key, *lines.at(offset)))


def _splice(text: str, spans: list[tuple[int, int, str]]) -> str:
    out, last = [], 0
    for start, end, replacement in sorted(spans):
        out.append(text[last:start])
        out.append(replacement)
        last = end
    out.append(text[last:])
    return "".join(out)
