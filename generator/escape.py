"""Text from YAML files is data, never markup: one place that escapes it for Markdown and HTML.

Every renderer that puts a value an author wrote (a note, a name, a title, a comment) into a
Markdown page goes through this module:

* :func:`text` — a value shown exactly as written: HTML and Markdown syntax escaped, so a
  ``<script>``, a ``[link](javascript:…)`` or a ``{: onclick=… }`` is text on the page;
* :func:`note` — an intern's note that may use Markdown (emphasis, lists): kept as Markdown,
  but raw HTML, autolinks and attribute lists are escaped and a link or image to anything
  but http(s), mailto, a relative path or a fragment loses its target;
* :func:`front_matter` — the YAML front matter of a page: every string value HTML-escaped,
  because themes print ``page.meta.title`` and ``description`` unescaped.

The HTML sanitiser (``generator.sanitise``) still runs on every page afterwards: escaping
keeps the author's words visible, the sanitiser is the net for anything that slips through.
"""

from __future__ import annotations

import html
import re
from typing import Any

import yaml

from generator.sanitise import is_safe_url

_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]{}|])")
_LINE_START = re.compile(r"^(\s*)([#>+=~:-]|\d+[.)])", re.MULTILINE)
_FRONT_MATTER = re.compile(rb"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*\r?\n", re.DOTALL)
# Keys of front matter that are settings, not text shown on the page.
SETTING_KEYS = frozenset({"audience", "hide", "search", "status", "icon", "tags"})
UNSAFE_KEYS = frozenset({"template"})  # a page may not choose another theme template


def html_text(value: Any) -> str:
    """``&``, ``<``, ``>`` and quotes as entities."""
    return html.escape(str(value), quote=True)


def text(value: Any) -> str:
    """A value shown exactly as written: no HTML, no Markdown syntax takes effect."""
    escaped = html.escape(str(value), quote=False)
    escaped = _INLINE_SPECIAL.sub(r"\\\1", escaped)
    return _LINE_START.sub(_escape_line_start, escaped)


def _escape_line_start(match: re.Match[str]) -> str:
    marker = match.group(2)
    if marker[0].isdigit():
        return f"{match.group(1)}{marker[:-1]}\\{marker[-1]}"
    return f"{match.group(1)}\\{marker}" if marker not in "=~:" else match.group(0)


# ---------------------------------------------------------------- an intern's Markdown note

_CODE = re.compile(r"(```.*?```|~~~.*?~~~|`[^`\n]*`)", re.DOTALL)
_INLINE_LINK = re.compile(r"(!?\[[^\]\n]*\])\(\s*<?([^)\s>]*)>?((?:\s+[\"'(][^)]*)?)\)")
_REFERENCE = re.compile(r"^(\s{0,3}\[[^\]\n]+\]:\s*)<?(\S+?)>?(\s.*)?$", re.MULTILINE)
_ATTR_LIST = re.compile(r"\{\s*:?")


def note(value: str | None) -> str:
    """An author's Markdown note: formatting kept, raw HTML and unsafe links made inert."""
    parts = _CODE.split(value or "")
    return "".join(part if index % 2 else _note_prose(part) for index, part in enumerate(parts))


def _note_prose(prose: str) -> str:
    prose = prose.replace("<", "&lt;")
    prose = _ATTR_LIST.sub(lambda m: "\\" + m.group(0), prose)
    prose = _INLINE_LINK.sub(_safe_inline_link, prose)
    return _REFERENCE.sub(_safe_reference, prose)


def _safe_inline_link(match: re.Match[str]) -> str:
    label, target = match.group(1), match.group(2)
    if is_safe_url(target):
        return match.group(0)
    return "\\" + label.lstrip("!")  # the words stay, the target goes


def _safe_reference(match: re.Match[str]) -> str:
    if is_safe_url(match.group(2)):
        return match.group(0)
    return "\\" + match.group(1).lstrip() + "#"


def unsafe_targets(value: str | None) -> list[str]:
    """The link and image targets of a Markdown text that the sanitiser would drop."""
    prose = "".join(p for i, p in enumerate(_CODE.split(value or "")) if i % 2 == 0)
    targets = [m.group(2) for m in _INLINE_LINK.finditer(prose)]
    targets += [m.group(2) for m in _REFERENCE.finditer(prose)]
    return [t for t in targets if not is_safe_url(t)]


# ---------------------------------------------------------------- front matter


def front_matter(page: bytes) -> bytes:
    """The page with every string of its front matter HTML-escaped (settings left alone)."""
    match = _FRONT_MATTER.match(page)
    if not match:
        return page
    try:
        data = yaml.load(match.group(1), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError:
        return page[match.end():]  # unreadable front matter is dropped, not passed on
    if not isinstance(data, dict):
        return page[match.end():]
    safe = {
        str(key): value if key in SETTING_KEYS else _escaped(value)
        for key, value in data.items()
        if key not in UNSAFE_KEYS
    }
    if safe == data:
        return page  # nothing to escape: the author's front matter as written
    dumped = yaml.safe_dump(safe, allow_unicode=True, sort_keys=False, width=1000)
    return b"---\n" + dumped.encode("utf-8") + b"---\n" + page[match.end():]


def _escaped(value: Any) -> Any:
    if isinstance(value, str):
        return html_text(value)
    if isinstance(value, list):
        return [_escaped(item) for item in value]
    if isinstance(value, dict):
        return {key: _escaped(item) for key, item in value.items()}
    return value
