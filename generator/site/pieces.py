"""A big page's Markdown cut into pieces that convert apart, and their HTML put back together.

The case lists of 10,000 cases are 2 MB pages of tables; after one case is edited, only the
piece holding its row has to be converted again. A page is cut before a second-level heading
(``## ``) that follows a blank line, and between the rows of a long table; nothing else. A page
holding anything whose conversion reaches across such a cut (fenced code, footnotes, reference
links, abbreviations, raw HTML, a ``[TOC]`` marker) is not cut at all. The engine checks what it
cannot see here (``join_html``: each piece's HTML has the shape expected; the anchors of the
pieces are all distinct) and converts the page whole when a check fails, so that the HTML of a
page in pieces is always the HTML of the page converted whole (tests/test_pieces.py).

This module knows Python-Markdown's output, not MkDocs: the engine renders the pieces.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MIN_BYTES = 256 * 1024  # a smaller page is converted whole
TABLE_ROWS = 250  # rows of a long table per piece

HEADING = "heading"  # a piece that starts a new section: its HTML follows the last one's
ROWS = "rows"  # a piece that goes on with the table the last piece ended with

_UNSAFE = re.compile(
    r"```|~~~|\[\^|\[TOC\]|^ {0,3}\[[^\]\n]+\]:|^\*\[|^ {0,3}<", re.MULTILINE)
_DELIMITER = re.compile(r"^\|? *:?-+:? *(\| *:?-+:? *)*\|? *$")
_TABLE_HEAD = re.compile(r"<table>\n<thead>\n.*?\n</thead>\n<tbody>\n", re.DOTALL)
_TABLE_END = "\n</tbody>\n</table>"


class PiecesDiffer(ValueError):
    """The pieces' HTML is not shaped as a cut page's would be: convert the page whole."""


@dataclass(frozen=True)
class Piece:
    markdown: str
    joint: str = HEADING  # how its HTML attaches to the previous piece's (HEADING or ROWS)


def cut(markdown: str, *, min_bytes: int | None = None, rows: int | None = None
        ) -> list[Piece] | None:
    """The page in pieces (a long table's ``rows`` at a time); None when it is smaller than
    ``min_bytes``, or holds something a cut could split."""
    min_bytes = MIN_BYTES if min_bytes is None else min_bytes
    rows = TABLE_ROWS if rows is None else rows
    if len(markdown) < min_bytes or _UNSAFE.search(markdown):
        return None
    lines = markdown.split("\n")
    pieces: list[Piece] = []
    current: list[str] = []
    joint = HEADING

    def close(next_joint: str) -> None:
        nonlocal joint
        pieces.append(Piece("\n".join(current), joint))
        current.clear()
        joint = next_joint

    number = 0
    while number < len(lines):
        line = lines[number]
        after_blank = number == 0 or not lines[number - 1].strip()
        if line.startswith("## ") and after_blank and "".join(current).strip():
            close(HEADING)
        if after_blank and _is_table_start(lines, number):
            end = _block_end(lines, number)
            head, body = lines[number:number + 2], lines[number + 2:end]
            for first in range(0, max(len(body), 1), rows):
                if first:
                    close(ROWS)
                current.extend(head + body[first:first + rows])
            number = end
            continue
        current.append(line)
        number += 1
    close(HEADING)
    return pieces if len(pieces) > 1 else None


def _is_table_start(lines: list[str], number: int) -> bool:
    """A table's header row, then its delimiter row."""
    return (number + 1 < len(lines) and "|" in lines[number] and lines[number][:1] != " "
            and bool(_DELIMITER.match(lines[number + 1])))


def _block_end(lines: list[str], number: int) -> int:
    """The line number of the blank line (or the end) that ends the block starting here."""
    while number < len(lines) and lines[number].strip():
        number += 1
    return number


def groups(pieces: list[Piece]) -> list[list[int]]:
    """The pieces' numbers in runs, each starting a section: a heading and its table's rows."""
    runs: list[list[int]] = []
    for number, piece in enumerate(pieces):
        if piece.joint == ROWS and runs:
            runs[-1].append(number)
        else:
            runs.append([number])
    return runs


def join_html(pieces: list[Piece], html: list[str]) -> str:
    """The pieces' HTML as the page's: pieces are separated by a line break as Python-Markdown
    separates blocks; a piece going on with a table loses its table's opening (up to its body)
    and the previous piece its table's closing."""
    joined = html[0]
    for piece, part in zip(pieces[1:], html[1:], strict=True):
        if piece.joint == ROWS:
            head = _TABLE_HEAD.match(part)
            if head is None or not joined.endswith(_TABLE_END):
                raise PiecesDiffer("a table's rows were cut where its HTML cannot be joined")
            joined = joined[:-len(_TABLE_END)] + "\n" + part[head.end():]
        else:
            joined += "\n" + part
    return joined


def flat_toc(items, found: list[dict] | None = None) -> list[dict]:
    """A table of contents (MkDocs' AnchorLinks, nested) as Python-Markdown's flat toc tokens,
    in the order of the page."""
    found = [] if found is None else found
    for item in items:
        found.append({"level": item.level, "id": item.id, "name": item.title})
        flat_toc(item.children, found)
    return found
