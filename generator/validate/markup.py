"""What the sanitiser would remove from Markdown an author wrote, as problems with a place.

Chapters (``interns/<id>/chapters/*.md``) and hand-written pages (``content/**/*.md``) may hold
raw HTML and links. The build keeps what the allow-list of ``generator.sanitise`` allows and
drops the rest; ``casebook check`` tells the author beforehand, line by line:

* ``markup.html`` — a tag or an attribute outside the allow-list (``<script>``, ``onerror=``,
  ``<iframe>``, ``{: onclick=… }``);
* ``markup.url`` — a link or image to anything but http(s), mailto, a relative path or a
  fragment (``javascript:``, ``vbscript:``, ``data:``, also when spelled with entities).

It also reads the files safely: a file that is a symbolic link leading out of the project is
never read (``file.outside_project``), and a file that is not UTF-8 is a located error.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from pathlib import Path

from generator import escape
from generator.problems import Problem
from generator.sanitise import ATTRIBUTES, GENERIC_ATTRIBUTES, TAGS, URL_ATTRIBUTES, is_safe_url

_FENCE = re.compile(r"^\s*(```|~~~)")
_CODE_SPAN = re.compile(r"`[^`\n]*`")
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]*)((?:\s+[^\s>]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s>]+))?)*)\s*/?>")
_ATTRIBUTE = re.compile(r"([^\s=/>]+)(?:\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s>]+))?")
_AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.-]*:[^\s>]*)>")
_ATTR_LIST = re.compile(r"\{:?\s*([^}\n]*)\}")
_MARKDOWN_ATTRIBUTE = re.compile(r"([A-Za-z_:][\w:.-]*)\s*=")
# Casebook's own markers on raw HTML (md_in_html) are not attributes a browser sees.
MARKDOWN_MARKERS = frozenset({"markdown"})


def markdown_problems(text: str, display: str) -> list[Problem]:
    """Every tag, attribute and URL of ``text`` that the sanitiser would remove."""
    problems: list[Problem] = []
    for number, line in _prose_lines(text):
        problems += _line_problems(line, number, display)
    return problems


def _prose_lines(text: str) -> Iterator[tuple[int, str]]:
    """(line number, line) outside fenced code, with inline code blanked out."""
    fenced = False
    for number, line in enumerate(text.splitlines(), start=1):
        if _FENCE.match(line):
            fenced = not fenced
            continue
        if not fenced:
            yield number, _CODE_SPAN.sub(lambda m: " " * len(m.group(0)), line)


def _line_problems(line: str, number: int, display: str) -> list[Problem]:
    found: list[tuple[int, str, str]] = []  # (column, code, what)
    for match in _AUTOLINK.finditer(line):
        if not is_safe_url(match.group(1)):
            found.append((match.start() + 1, "markup.url", _scheme(match.group(1))))
    autolinks = {m.start() for m in _AUTOLINK.finditer(line)}
    for match in _TAG.finditer(line):
        if match.start() not in autolinks:
            found += _tag_problems(match)
    for target in escape.unsafe_targets(line):
        found.append((line.find(target) + 1, "markup.url", _scheme(target)))
    for match in _ATTR_LIST.finditer(line):
        for name in _MARKDOWN_ATTRIBUTE.findall(match.group(1)):
            if name.lower() not in GENERIC_ATTRIBUTES:
                found.append((match.start() + 1, "markup.html", f"{{: {name}= }}"))
    return [
        Problem.make(display, number, column, "", code, what=what)
        for column, code, what in sorted(set(found))
    ]


def _tag_problems(match: re.Match[str]) -> list[tuple[int, str, str]]:
    column, tag = match.start() + 1, match.group(2).lower()
    if tag not in TAGS:
        return [] if match.group(1) else [(column, "markup.html", f"<{tag}>")]
    allowed = GENERIC_ATTRIBUTES | ATTRIBUTES.get(tag, set()) | MARKDOWN_MARKERS
    found = []
    for name, value in _ATTRIBUTE.findall(match.group(3)):
        name = name.lower()
        if name not in allowed and not name.startswith(("aria-", "data-")):
            found.append((column, "markup.html", f"<{tag} {name}=…>"))
        elif name in URL_ATTRIBUTES and not is_safe_url(value.strip("\"'")):
            found.append((column, "markup.url", _scheme(value.strip("\"'"))))
    return found


def _scheme(url: str) -> str:
    decoded = re.sub(r"[\x00-\x20\x7f]+", "", html.unescape(url))
    return decoded.split(":", 1)[0].lower() + ":" if ":" in decoded else decoded[:20]


# ---------------------------------------------------------------- reading authored files


def inside(path: Path, root: Path) -> bool:
    """True when path, every link followed, lies inside root."""
    try:
        return path.resolve().is_relative_to(root.resolve())
    except (OSError, RuntimeError):
        return False


def read_markdown(path: Path, root: Path, display: str) -> tuple[str | None, list[Problem]]:
    """A Markdown file's text, or None and the problem: outside the project, not UTF-8."""
    if not inside(path, root):
        return None, [Problem.make(display, 1, 1, "", "file.outside_project")]
    try:
        raw = path.read_bytes()
    except OSError as error:
        return None, [Problem.make(display, 1, 1, "", "file.unreadable", reason=error.strerror)]
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return None, [Problem.make(display, line, 1, "", "file.encoding")]


# What content/ may hold: pages and the images, icons and documents they show or offer.
CONTENT_SUFFIXES = frozenset({".md", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".ico",
                              ".pdf"})
_ACTIVE_SVG = re.compile(rb"<script|<foreignobject|\son[a-z]+\s*=|javascript:|<iframe|<embed",
                         re.IGNORECASE)


def content_file_refusal(path: Path, root: Path) -> str | None:
    """Why a file of content/ is not copied into a site (None when it is)."""
    if not inside(path, root / "content"):
        return "file.outside_project"
    if path.suffix.lower() not in CONTENT_SUFFIXES or path.resolve().suffix.lower() not in (
        CONTENT_SUFFIXES
    ):
        return "file.asset_type"
    if path.suffix.lower() == ".svg" and _ACTIVE_SVG.search(path.read_bytes()):
        return "file.active_svg"
    return None


def content_problems(root: Path) -> list[Problem]:
    """Every problem of the hand-written pages of content/ (links out, encoding, markup)."""
    base = root / "content"
    if not base.is_dir():
        return []
    problems: list[Problem] = []
    for path in sorted(base.rglob("*")):
        display = path.relative_to(root).as_posix()
        if any(part.startswith(".") for part in path.relative_to(base).parts):
            continue
        refusal = content_file_refusal(path, root) if path.is_file() or path.is_symlink() else None
        if refusal:
            problems.append(Problem.make(display, 1, 1, "", refusal, suffix=path.suffix))
        elif path.is_file() and path.suffix == ".md":
            text, found = read_markdown(path, root, display)
            problems += found if text is None else markdown_problems(text, display)
    return problems
