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


# Where each chapter file and generated part stands in the report (generator.render.report):
# the review page lists chapters in this order, by their titles, not by file name.
REPORT_ORDER = (
    "sampul", "persetujuan", "kata-pengantar", "abstrak", "bab1", "pendahuluan", "bab2",
    "profil-lembaga", "bab3", "pelaksanaan", "bab4", "studi-kasus", "pembahasan", "bab5",
    "penutup", "kesimpulan", "pustaka", "lampiran",
)
PART_TITLES = {
    "sampul": "Sampul", "persetujuan": "Lembar persetujuan", "bab1": "BAB I Pendahuluan",
    "bab2": "BAB II Profil lembaga", "bab3": "BAB III Pelaksanaan kegiatan",
    "bab4": "BAB IV Studi kasus", "bab5": "BAB V Penutup", "pustaka": "Daftar pustaka",
    "lampiran": "Lampiran",
}
_TITLE = re.compile(r"^#\s+(.+?)\s*#*\s*$", re.MULTILINE)
_NUMBER = re.compile(r"^\d+[-_ ]*")


def report_position(anchor: str) -> tuple[int, str]:
    """Sort key: a chapter's place in the report (unknown names last, by name)."""
    name = _NUMBER.sub("", anchor)
    return (REPORT_ORDER.index(name) if name in REPORT_ORDER else len(REPORT_ORDER), anchor)


_FRONT_MATTER = re.compile(r"\A---\s*\n.*?\n---\s*\n", re.DOTALL)


def chapter_title(anchor: str, text: str | None) -> str:
    """A chapter's own first-level title, else the report part's name, else its file name
    as words (``kata-pengantar`` → ``Kata pengantar``)."""
    if text:
        match = _TITLE.search(_FRONT_MATTER.sub("", text, count=1))
        if match:
            return match.group(1)
    if anchor in PART_TITLES:
        return PART_TITLES[anchor]
    return _NUMBER.sub("", anchor).replace("-", " ").replace("_", " ").capitalize()
