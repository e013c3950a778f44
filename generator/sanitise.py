"""Untrusted HTML made safe: one allow-list of tags, attributes and URL schemes (nh3/ammonia).

Every page of every site is rendered from Markdown that holds text people wrote: interns'
notes and chapters, hand-written ``content/`` pages. Whatever raw HTML or link that text
carries goes through :func:`clean_html` as the last step of the Markdown conversion, so a
``<script>``, an ``onerror=`` handler or a ``javascript:`` link can never reach a page.

The step is a Python-Markdown extension (``generator.sanitise``) that Casebook lists in the
generated engine configuration: every engine that renders with Python-Markdown (MkDocs,
ProperDocs, Zensical) runs it on every page, generated or hand-written. The allow-list covers
what Casebook's own pages and the Markdown extensions of ``mkdocs.yml`` emit, and nothing
that runs script, submits a form, embeds another document or changes the page's base.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

import nh3
from markdown import Extension, Markdown
from markdown.postprocessors import Postprocessor

SANITISER = "generator.sanitise"  # its name in markdown_extensions
# Casebook's own charts are inline SVG (shapes and text, no script, no links, no <use>).
SVG_SHAPES = ("rect", "path", "circle", "line")
SVG_PAINT = {"fill", "stroke", "stroke-width", "stroke-dasharray"}
SVG_ATTRIBUTES: dict[str, set[str]] = {
    "svg": {"xmlns", "width", "height", "viewBox", "font-family", "font-size"},
    "g": set(),
    "title": set(),
    "desc": set(),
    "text": {"x", "y", "fill", "text-anchor"},
    "rect": {"x", "y", "width", "height"} | SVG_PAINT,
    "path": {"d"} | SVG_PAINT,
    "circle": {"cx", "cy", "r"} | SVG_PAINT,
    "line": {"x1", "x2", "y1", "y2"} | SVG_PAINT,
}
TAGS = frozenset(nh3.ALLOWED_TAGS) | {"input", "label", "section", "main"} | set(SVG_ATTRIBUTES)
# Attributes every allowed tag may carry (plus aria-* and data-* below).
GENERIC_ATTRIBUTES = frozenset({"id", "class", "title", "lang", "dir", "role", "tabindex", "style"})
ATTRIBUTES: dict[str, set[str]] = {
    "*": set(GENERIC_ATTRIBUTES),
    "a": {"href", "name", "hreflang", "download"},
    "img": {"src", "alt", "width", "height", "loading"},
    "td": {"align", "colspan", "rowspan", "style"},
    "th": {"align", "colspan", "rowspan", "scope", "style"},
    "col": {"span"},
    "colgroup": {"span"},
    "ol": {"start", "type", "reversed"},
    "li": {"value"},
    "details": {"open"},
    "abbr": {"title"},
    "time": {"datetime"},
    "data": {"value"},
    "q": {"cite"},
    "blockquote": {"cite"},
    # pymdownx.tabbed (alternate style) and task lists: radio buttons and disabled checkboxes
    "input": {"type", "name", "checked", "disabled"},
    "label": {"for"},
    **SVG_ATTRIBUTES,
}
# The only things an input may be: never a text field, a button or a file picker.
INPUT_TYPES = frozenset({"radio", "checkbox"})
URL_SCHEMES = frozenset({"http", "https", "mailto"})
# The only CSS a style= keeps: alignment, and the charts' theme colours and size (a url() in
# them could only reach the site itself: the pages' CSP allows nothing else).
STYLE_PROPERTIES = frozenset(
    {"text-align", "white-space", "fill", "stroke", "font-family", "max-width", "height"}
)
ATTRIBUTE_PREFIXES = frozenset({"aria-", "data-"})
_INPUT = re.compile(r"<input\b[^>]*>", re.IGNORECASE)
_INPUT_TYPE = re.compile(r'\btype="([^"]*)"', re.IGNORECASE)


def clean_html(fragment: str) -> str:
    """The fragment with everything outside the allow-list removed (text is kept as text)."""
    cleaned = nh3.clean(
        fragment,
        tags=set(TAGS),
        attributes={tag: set(names) for tag, names in ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        generic_attribute_prefixes=set(ATTRIBUTE_PREFIXES),
        filter_style_properties=set(STYLE_PROPERTIES),
        link_rel=None,
        strip_comments=False,
        attribute_filter=_safe_attribute,
    )
    return _INPUT.sub(_allowed_input, cleaned)


URL_ATTRIBUTES = frozenset({"href", "src", "cite"})


def _safe_attribute(_tag: str, name: str, value: str) -> str | None:
    """A URL attribute survives only with an allowed scheme (tabs and entities decoded)."""
    return value if name not in URL_ATTRIBUTES or is_safe_url(value) else None


def _allowed_input(match: re.Match[str]) -> str:
    found = _INPUT_TYPE.search(match.group(0))
    return match.group(0) if found and found.group(1).lower() in INPUT_TYPES else ""


def is_safe_url(url: str) -> bool:
    """True for http(s), mailto, relative and fragment URLs (entities and controls decoded)."""
    decoded = re.sub(r"[\x00-\x20\x7f]+", "", html.unescape(url))
    scheme = re.match(r"([A-Za-z][A-Za-z0-9+.-]*):", decoded)
    return scheme is None or scheme.group(1).lower() in URL_SCHEMES


# ---------------------------------------------------------------- the Markdown extension


class SanitisePostprocessor(Postprocessor):
    """Runs last on the HTML of every page: after raw HTML is put back and entities restored."""

    def run(self, text: str) -> str:
        return clean_html(text)


class SanitiseExtension(Extension):
    """``markdown_extensions: [generator.sanitise]``: every page's HTML through ``clean_html``."""

    def extendMarkdown(self, md: Markdown) -> None:
        md.postprocessors.register(SanitisePostprocessor(md), "casebook-sanitise", -1000)


def makeExtension(**kwargs) -> SanitiseExtension:
    return SanitiseExtension(**kwargs)


@dataclass(frozen=True)
class Removal:
    """What the sanitiser would take out of an author's text, and where."""

    line: int
    what: str
