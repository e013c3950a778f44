"""Page outlines: a long document shown as one site page keeps a table of contents.

Material shows, in the right-hand contents, only the headings under a page's first h1. A report
has an h1 per chapter (its DOCX and PDF need them), so on the site the first chapter's h1 took
the whole contents and it was empty. On the site page the report gets one h1 (its title) and every
heading of the report moves down one level: chapters are h2, their sections h3.
"""

from __future__ import annotations

import re

_FENCE = re.compile(r"^(```|~~~)")
_HEADING = re.compile(r"^(#{1,5})(\s)")


def demote_headings(markdown: str) -> str:
    """Every ATX heading one level down (h6 stays), fenced code untouched."""
    lines, fenced = [], False
    for line in markdown.splitlines(True):
        if _FENCE.match(line):
            fenced = not fenced
        elif not fenced:
            line = _HEADING.sub(r"#\1\2", line, count=1)
        lines.append(line)
    return "".join(lines)


def titled_page(title: str, markdown: str) -> str:
    """The document under one h1 of its own, its headings one level down."""
    return f"# {title}\n\n{demote_headings(markdown)}"
