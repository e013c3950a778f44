"""Each page's meta description, from its own summary: the first paragraph under its title.

Written as ``description`` in the page's YAML front matter, which Material for MkDocs (and the
engines that read its templates) turn into ``<meta name="description">``. A page that already has
a description keeps it. Only the page's own published text is used, so nothing new is disclosed.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator

LIMIT = 160  # characters: what search engines show
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*\n", re.DOTALL)
_NOT_PROSE = re.compile(r"^\s*(#|!!!|\?\?\?|\||[-*+] |\d+\. |<|>|```|~~~|\{|\[TOC\]|:::|---)")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MARKUP = re.compile(r"[*_`]+|\{:[^}]*\}|\{[#.][^}]*\}|<[^>]+>")
_OUT_OF_SEARCH = re.compile(r"^\s*\{:[^}]*\bdata-search-exclude\b", re.MULTILINE)
_GAP = re.compile(r"\n\s*\n")
_BACKSLASH_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!<>|~&])")


SHORTEST = 40  # a shorter paragraph (a cover line such as "LAPORAN MAGANG") is no summary


def summary(markdown: str) -> str:
    """The first paragraph of prose, as plain text, cut at a word near LIMIT characters (the
    first one of at least SHORTEST characters, if there is one)."""
    first = ""
    for block in _blocks(markdown):  # read no further than the summary: pages can be megabytes
        text = _prose(block)
        if len(text) >= SHORTEST:
            return _shorten(text)
        first = first or text
    return _shorten(first)


def _blocks(markdown: str) -> Iterator[str]:
    """The page's blocks (separated by blank lines), one at a time."""
    start = 0
    for gap in _GAP.finditer(markdown):
        yield markdown[start:gap.start()]
        start = gap.end()
    yield markdown[start:]


def _prose(block: str) -> str:
    """A block as plain text, or "" when it is a heading, list, table, admonition or code, or
    kept out of search (a case page's line of links to its neighbours is no summary)."""
    lines = [line for line in block.strip().splitlines() if line.strip()]
    if (not lines or _NOT_PROSE.match(lines[0]) or block.startswith(("    ", "\t"))
            or _OUT_OF_SEARCH.search(block)):
        return ""
    text = " ".join(_MARKUP.sub("", _LINK.sub(r"\1", _plain(line))).strip() for line in lines)
    return re.sub(r"\s+", " ", text).strip()


def _plain(line: str) -> str:
    """Markdown escapes and HTML entities undone, so that escaped markup is seen (and dropped)
    as markup and the description is escaped once, where it enters the page."""
    return html.unescape(_BACKSLASH_ESCAPE.sub(r"\1", line))


def _shorten(text: str) -> str:
    if len(text) <= LIMIT:
        return text
    cut = text[: LIMIT - 1].rsplit(" ", 1)[0].rstrip(" ,;:—-")
    return cut + "…"


def with_description(markdown: str) -> str:
    """The page with ``description`` in its front matter (unchanged if it has one or no prose)."""
    match = _FRONT_MATTER.match(markdown)
    head = match.group(1) or "" if match else ""
    if re.search(r"^description\s*:", head, re.MULTILINE):
        return markdown
    body = markdown[match.end():] if match else markdown
    text = summary(body)
    if not text:
        return markdown
    line = f"description: {json.dumps(text, ensure_ascii=False)}\n"  # a JSON string is YAML
    return f"---\n{head}{line}---\n{body}"
