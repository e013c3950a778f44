"""Leak audit of a built site folder: every file and folder name, every text stream, fail closed.

What is checked (research privacy.md §6 and PRIV-01/02/14/16):
- every folder and file name (detectors + deny-list), symlinks, and the file type (suffix
  allow-list);
- HTML/SVG/XML: visible text (joined per block, so "Su<b>tar</b>no" is read whole), every attribute
  value (URL-decoded), every comment (any comment is itself a finding, except "<!--!" licence
  comments of icon SVGs, which get the deny-list only), string literals of inline scripts and the
  JSON of ``<script type="application/json">``;
- ``sitemap.xml`` and ``sitemap.xml.gz`` (decompressed; ``<lastmod>`` build dates are skipped);
- JSON (``search/search_index.json`` included): every key and string, HTML inside strings parsed as
  markup;
- CSV cells, plain text, PNG text chunks;
- JavaScript, CSS and source maps (theme bundles): deny-list only, since minified third-party code
  is full of number-like strings.
Each distinct text is scanned once per run (navigation repeats on every page), and each file is read
once. Findings are ``generator.problems.Problem`` values: file (the built file's path), line (0 when
none), field path (the stream: "text", "attribute:alt", "file_name"...) and code (the detector or
audit code): never the matched value.
"""

from __future__ import annotations

import bisect
import csv
import gzip
import html
import io
import json
import os
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

from generator.privacy.denylist import DenyList
from generator.privacy.detectors import DETECTOR_LABELS, Match, scan_text
from generator.privacy.names import Lexicon
from generator.problems import Problem
from generator.words import beside, catalogue

DEFAULT_ALLOWED_SUFFIXES: frozenset[str] = frozenset(
    # What MkDocs + Material writes (pages, search index, sitemap, theme bundles with source maps,
    # favicon, fonts when self-hosted) plus the project's own SVG charts, CSV downloads and
    # robots.txt. No .jpg/.jpeg: photos carry EXIF (GPS, names) and client photos are not allowed;
    # no source formats (.md, .yml, .yaml).
    [
        ".html",
        ".css",
        ".js",
        ".map",
        ".json",
        ".xml",
        ".xml.gz",
        ".svg",
        ".csv",
        ".txt",
        ".png",
        ".ico",
        ".woff",
        ".woff2",
        ".ttf",
    ]
)
MAX_DECOMPRESSED_BYTES = 64 * 1024 * 1024
MAX_STRAY_TEXT_BYTES = 4 * 1024 * 1024

AUDIT_LABELS = catalogue(beside(__file__, "audit.yaml"))  # code → label and hint

_WHERE_LABELS: dict[str, tuple[str, str]] = {
    "text": ("teks", "text"),
    "comment": ("komentar", "comment"),
    "script": ("skrip", "script"),
    "stylesheet": ("gaya CSS", "stylesheet"),
    "search_index": ("indeks pencarian", "search index"),
    "sitemap": ("peta situs", "sitemap"),
    "file_name": ("nama file/folder", "file or folder name"),
    "file_type": ("jenis file", "file type"),
    "json": ("data JSON", "JSON data"),
    "csv": ("sel CSV", "CSV cell"),
    "metadata": ("metadata", "metadata"),
}


def leak(path: str, detector: str, where: str, line: int | None = None) -> Problem:
    """One leak in the built site: file (relative to the site root), line, stream, detector."""
    return Problem(path, line or 0, 0, where, detector)


@dataclass(frozen=True)
class _Hit:
    """A finding in a file before it gets its line: an offset in the decoded text, or a line."""

    detector: str
    where: str
    offset: int | None = None
    line: int | None = None


# --------------------------------------------------------------------------------------------------
# Scanning with caches
# --------------------------------------------------------------------------------------------------

# A URL escape ("%20"): attribute values, sitemaps and search locations are decoded before scanning.
_URL_ESCAPE = re.compile(r"%[0-9A-Fa-f]{2}")


class _Scanner:
    """Runs detectors and the deny-list on texts; remembers results and markup known clean."""

    def __init__(
        self, allow: Sequence[str], denylist: DenyList | None, lexicon: Lexicon | None = None
    ) -> None:
        self.allow = tuple(allow)
        self.denylist = denylist if denylist is not None and not denylist.is_empty else None
        self.lexicon = lexicon or Lexicon()
        self.clean_markup: set[str] = set()
        self._cache: dict[tuple[str, bool, bool], list[Match]] = {}

    def scan(self, text: str, *, detectors: bool = True, names: bool = True) -> list[Match]:
        """Findings for one text (cached); ``detectors=False`` runs the deny-list only, and
        ``names=False`` leaves out the capitalised-name detector (text that is no prose)."""
        key = (text, detectors, names)
        if key not in self._cache:
            self._cache[key] = self._scan_uncached(text, detectors, names)
        return self._cache[key]

    def _scan_uncached(self, text: str, detectors: bool, names: bool) -> list[Match]:
        stripped = text.strip()
        if not stripped:
            return []
        lead = len(text) - len(text.lstrip())
        readable = _readable(stripped)
        lexicon = self.lexicon if names else None
        found = scan_text(readable, allow=self.allow, lexicon=lexicon) if detectors else []
        if self.denylist is not None:
            found = found + self.denylist.find(readable)
        if readable is not stripped:  # positions in a decoded text: point at the start of the text
            return [Match(f.detector, lead, lead) for f in found]
        return [Match(f.detector, f.start + lead, f.end + lead) for f in found]


def _readable(text: str) -> str:
    """Decode entities (also double-encoded ones) and URL escapes."""
    decoded = text
    for _ in range(3):
        if "&" not in decoded:
            break
        decoded = html.unescape(decoded)
    if _URL_ESCAPE.search(decoded):
        decoded = unquote(decoded)
    return text if decoded == text else decoded


# --------------------------------------------------------------------------------------------------
# Markup (HTML, SVG, XML)
# --------------------------------------------------------------------------------------------------

# Parts of a document that are not ordinary text and tags: comments (an unterminated one runs to the
# end), script and style bodies, sitemap dates/priorities. They are blanked (newlines kept) in the
# document that is split into blocks, and scanned on their own.
_SPECIAL = re.compile(
    r"<(?:!--(?P<comment>.*?)(?:-->|\Z)"
    r"|(?P<raw>script|style)\b(?P<attrs>[^>\"']*(?:(?:\"[^\"]*\"|"
    r"'[^']*')[^>\"']*)*)>(?P<body>.*?)(?=</(?P=raw)\s*>|\Z)"
    r"|(?P<skip>lastmod|changefreq|priority)\b[^>]*>(?P<sbody>[^<]*))",
    re.DOTALL | re.IGNORECASE,
)
# Tags that end a run of visible text; inline tags (b, span, a, em...) do not, so "Su<b>tar</b>no"
# joins up.
_BLOCK_TAGS = (
    "address|article|aside|blockquote|body|br|dd|details|dialog|div|dl|dt|fieldset|figcaption|"
    "figure|footer|"
    "form|h[1-6]|head|header|hr|html|li|main|nav|ol|p|pre|section|summary|table|tbody|td|tfoot|th|"
    "thead|title|"
    "tr|ul|option|select|button|textarea|input|img|label|caption|svg|text|desc|g|urlset|url|loc|"
    "sitemap|"
    "sitemapindex"
)
# The rest of a tag up to ">", where quoted attribute values may contain ">" (an unrolled loop, for
# speed).
_QUOTED_TAIL = r"[^>\"']*(?:(?:\"[^\"]*\"|'[^']*')[^>\"']*)*>"
# A block-level start or end tag in lower or upper case (re.I would make this three times slower).
_BLOCK_SPLIT = re.compile(rf"</?(?:{_BLOCK_TAGS}|{_BLOCK_TAGS.upper()})(?![\w-]){_QUOTED_TAIL}")
# Any tag, declaration or processing instruction (removed from text blocks).
_ANY_TAG = re.compile(rf"<[A-Za-z/!?]{_QUOTED_TAIL}")
# A start tag with at least one attribute.
_TAG_WITH_ATTRIBUTES = re.compile(rf"<[A-Za-z][^\s/>]*\s{_QUOTED_TAIL}")
# One attribute: a name, then = and a double-quoted, single-quoted or bare value.
_ATTRIBUTE = re.compile(r"""([^\s=/>"'<]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+))""")
# Attributes holding geometry, hashes or sizes, never prose: only the deny-list runs on them.
_GEOMETRY_ATTRIBUTES = frozenset(
    "d points viewbox transform x y x1 y1 x2 y2 cx cy r rx ry dx dy width height offset path "
    "integrity "
    "stroke-dasharray stroke-width font-size opacity fill stroke gradienttransform "
    "patterntransform".split()
)
# Attributes that carry prose a reader sees or hears: the capitalised-name detector runs on these
# only (style, class, font-family... name no one).
_PROSE_ATTRIBUTES = frozenset(
    "alt title aria-label aria-description aria-roledescription aria-valuetext content "
    "placeholder label summary abbr value".split()
)
# String literals in JavaScript: "...", '...' and `...` with backslash escapes.
_JS_STRING = re.compile(r'"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|`(?:[^`\\]|\\.)*`')
# A JSON script: <script type="application/json"> or "application/ld+json".
_JSON_TYPE = re.compile(r"""type\s*=\s*["']?[^"'\s>]*json""", re.IGNORECASE)


def _blank(text: str) -> str:
    """Spaces instead of every character except newlines (so offsets and lines stay put)."""
    return "\n".join(" " * len(line) for line in text.split("\n"))


@dataclass
class _Markup:
    """A markup document split into a blanked document (text and tags) and its special parts."""

    cleaned: str
    comments: list[tuple[int, str]]
    scripts: list[tuple[int, str, bool]]
    styles: list[tuple[int, str]]


def _separate(doc: str) -> _Markup:
    """Blank comments, script/style bodies and sitemap dates; collect them with their offsets."""
    parts: list[str] = []
    markup = _Markup("", [], [], [])
    pos = 0
    for m in _SPECIAL.finditer(doc):
        group = (
            "comment"
            if m.group("comment") is not None
            else "body"
            if m.group("raw")
            else ("sbody" if m.group("skip") else None)
        )
        start, end = (m.start(group), m.end(group)) if group else m.span()
        if group == "comment":
            start, end = m.span()
            markup.comments.append((m.start("comment"), m.group("comment")))
        elif group == "body" and m.group("raw").lower() == "style":
            markup.styles.append((start, m.group("body")))
        elif group == "body":
            markup.scripts.append(
                (start, m.group("body"), bool(_JSON_TYPE.search(m.group("attrs"))))
            )
        parts += [doc[pos:start], _blank(doc[start:end])]
        pos = end
    parts.append(doc[pos:])
    markup.cleaned = "".join(parts)
    if "<![CDATA[" in markup.cleaned:  # CDATA content is text: blank only the markers
        markup.cleaned = markup.cleaned.replace("<![CDATA[", " " * 9).replace("]]>", " " * 3)
    return markup


def _scan_markup(doc: str, text_where: str, scanner: _Scanner) -> list[_Hit]:
    """Hits in a markup document (offsets in ``doc``); every comment is itself a hit."""
    markup = _separate(doc)
    hits = _scan_comments(markup.comments, scanner)
    hits += [
        _Hit(f.detector, "stylesheet", off + f.start)
        for off, body in markup.styles
        for f in scanner.scan(body, detectors=False)
    ]
    hits += [
        hit
        for off, body, is_json in markup.scripts
        for hit in _scan_script(off, body, is_json, scanner)
    ]
    hits += _scan_tags(markup.cleaned, scanner)
    hits += _scan_blocks(markup.cleaned, text_where, scanner)
    return hits


def _scan_comments(comments: list[tuple[int, str]], scanner: _Scanner) -> list[_Hit]:
    """Every comment is a finding ("html_comment") and is scanned, except licence comments.

    Licence comments start with "!" (``<!--! Font Awesome Free ... by @fontawesome ...-->`` in
    Material's icons): only the deny-list runs on them; their handles and dates are not people's.
    """
    hits = []
    for off, body in comments:
        licence = body.startswith("!")
        if not licence:
            hits.append(_Hit("html_comment", "comment", off))
        hits += [
            _Hit(f.detector, "comment", off + f.start)
            for f in scanner.scan(body, detectors=not licence)
        ]
    return hits


def _scan_script(offset: int, body: str, is_json: bool, scanner: _Scanner) -> list[_Hit]:
    """Strings of an inline script: all JSON strings, or the string literals of JavaScript."""
    if body in scanner.clean_markup:
        return []
    hits: list[_Hit] = []
    if is_json:
        try:
            hits = [
                _Hit(h.detector, h.where, offset)
                for h in _scan_json_value(json.loads(body), "script", scanner)
            ]
        except ValueError:
            is_json = False
    if not is_json:
        for m in _JS_STRING.finditer(body):
            hits += [
                _Hit(f.detector, "script", offset + m.start() + 1 + f.start)
                for f in scanner.scan(m.group()[1:-1])
            ]
    if not hits:
        scanner.clean_markup.add(body)
    return hits


def _scan_tags(cleaned: str, scanner: _Scanner) -> list[_Hit]:
    """Every attribute value of every distinct tag not already known clean."""
    hits = []
    for tag in sorted(set(_TAG_WITH_ATTRIBUTES.findall(cleaned)) - scanner.clean_markup):
        tag_hits = []
        for m in _ATTRIBUTE.finditer(tag, tag.find(" ") if " " in tag else 1):
            name, value = m.group(1).lower(), m.group(2) or m.group(3) or m.group(4) or ""
            detectors, prose = name not in _GEOMETRY_ATTRIBUTES, name in _PROSE_ATTRIBUTES
            tag_hits += [
                (f.detector, f"attribute:{name}")
                for f in scanner.scan(value, detectors=detectors, names=prose)
            ]
        if not tag_hits:
            scanner.clean_markup.add(tag)
            continue
        offset = cleaned.find(tag)
        hits += [_Hit(detector, where, offset) for detector, where in tag_hits]
    return hits


def _scan_blocks(cleaned: str, where: str, scanner: _Scanner) -> list[_Hit]:
    """Visible text, one block at a time (inline tags removed), skipping blocks known clean."""
    hits = []
    for segment in sorted(set(_BLOCK_SPLIT.split(cleaned)) - scanner.clean_markup):
        text = _ANY_TAG.sub("", segment) if "<" in segment else segment
        found = scanner.scan(text) if text.strip() else []
        if not found:
            scanner.clean_markup.add(segment)
            continue
        offset = cleaned.find(segment)
        hits += [
            _Hit(f.detector, where, offset + _segment_offset(segment, text, f.start)) for f in found
        ]
    return hits


def _segment_offset(segment: str, text: str, position: int) -> int:
    """Where a text position lies in the raw segment: exact without tags, else the same line."""
    if segment is text:
        return position
    newlines = text.count("\n", 0, position)
    offset = 0
    for _ in range(newlines):
        offset = segment.find("\n", offset) + 1
    return offset


# --------------------------------------------------------------------------------------------------
# JSON, CSV, PNG
# --------------------------------------------------------------------------------------------------


def _json_strings(value: object) -> Iterator[str]:
    """Every key, string and integer in a decoded JSON value."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            for key, sub in item.items():
                yield str(key)
                stack.append(sub)
        elif isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, str):
            yield item
        elif isinstance(item, int) and not isinstance(item, bool):
            yield str(item)


def _scan_json_value(value: object, where: str, scanner: _Scanner) -> list[_Hit]:
    """Hits (no offsets) for every string of a JSON value; markup in strings parsed as markup."""
    hits: list[_Hit] = []
    for s in _json_strings(value):
        if "<" in s and ">" in s:
            hits += [_Hit(h.detector, h.where) for h in _scan_markup(s, where, scanner)]
        else:
            hits += [_Hit(f.detector, where) for f in scanner.scan(s)]
    return hits


def _scan_csv(text: str, scanner: _Scanner) -> list[_Hit]:
    """Every CSV cell, with its row's line."""
    reader = csv.reader(io.StringIO(text))
    hits = []
    for row in reader:
        hits += [
            _Hit(f.detector, "csv", line=reader.line_num)
            for cell in row
            for f in scanner.scan(cell)
        ]
    return hits


def _png_metadata(data: bytes) -> tuple[list[str], bool]:
    """Texts of PNG tEXt/iTXt chunks, and whether any tEXt/iTXt/zTXt/eXIf chunk exists."""
    texts: list[str] = []
    has_metadata = False
    pos = 8
    while pos + 8 <= len(data):
        length = int.from_bytes(data[pos : pos + 4], "big")
        kind = data[pos + 4 : pos + 8]
        if kind in (b"tEXt", b"iTXt", b"zTXt", b"eXIf"):
            has_metadata = True
            if kind in (b"tEXt", b"iTXt"):
                texts.append(
                    data[pos + 8 : pos + 8 + length].replace(b"\0", b" ").decode("latin-1")
                )
        pos += 12 + length
    return texts, has_metadata


# --------------------------------------------------------------------------------------------------
# Files and folders
# --------------------------------------------------------------------------------------------------


def _walk(root: Path) -> Iterator[tuple[str, os.DirEntry[str]]]:
    """Every entry under ``root`` (relative POSIX path, entry), sorted, symlinks not followed."""
    stack = [root]
    while stack:
        folder = stack.pop()
        with os.scandir(folder) as it:
            entries = sorted(it, key=lambda e: e.name)
        for entry in entries:
            yield Path(entry.path).relative_to(root).as_posix(), entry
        stack.extend(Path(e.path) for e in reversed(entries) if e.is_dir(follow_symlinks=False))


def _suffix_allowed(name: str, allowed: frozenset[str]) -> bool:
    """True when the name ends with an allowed suffix (".xml.gz" needs both); no dotfiles."""
    lower = name.lower()
    if lower.startswith(".") or "." not in lower:
        return False
    if lower.endswith(".gz"):
        return any(lower.endswith(s) for s in allowed if s.endswith(".gz"))
    return os.path.splitext(lower)[1] in allowed


def _decode(name: str, data: bytes) -> tuple[str, str]:
    """Inner file name and decoded text (gzip unpacked, size capped); raises when unreadable."""
    if name.endswith(".gz"):
        data = gzip.GzipFile(fileobj=io.BytesIO(data)).read(MAX_DECOMPRESSED_BYTES + 1)
        if len(data) > MAX_DECOMPRESSED_BYTES:
            raise ValueError("decompressed file too large")
        name = name[:-3]
    return name, data.decode("utf-8")


def _scan_content(name: str, text: str, scanner: _Scanner) -> list[_Hit]:
    """Hits in a decoded text file, by its type."""
    if name.endswith((".html", ".htm", ".svg", ".xml")):
        where = "sitemap" if name.startswith("sitemap") and name.endswith(".xml") else "text"
        return _scan_markup(text, where, scanner)
    if name.endswith(".json"):
        return _scan_json_value(
            json.loads(text), "search_index" if name == "search_index.json" else "json", scanner
        )
    if name.endswith(".csv"):
        return _scan_csv(text, scanner)
    if name.endswith((".js", ".map", ".css")):
        where = "stylesheet" if name.endswith(".css") else "script"
        return [_Hit(f.detector, where, f.start) for f in scanner.scan(text, detectors=False)]
    return [_Hit(f.detector, "text", f.start) for f in scanner.scan(text)]


# Files whose content is not read: fonts and icons, and binary types that are never allowed anyway.
_BINARY_SUFFIXES = (
    ".ico",
    ".woff",
    ".woff2",
    ".ttf",
    ".jpg",
    ".jpeg",
    ".gif",
    ".webp",
    ".pdf",
    ".docx",
    ".xlsx",
    ".zip",
)


def _file_hits(name: str, data: bytes, scanner: _Scanner) -> tuple[list[_Hit], str]:
    """Hits inside one file and its decoded text (for line numbers)."""
    if name.endswith(".png"):
        texts, has_metadata = _png_metadata(data)
        hits = [_Hit(f.detector, "metadata") for t in texts for f in scanner.scan(t)]
        return hits + ([_Hit("image_metadata", "metadata")] if has_metadata else []), ""
    inner, text = _decode(name, data)
    return _scan_content(inner, text, scanner), text


def _line_numbers(text: str, hits: list[_Hit]) -> list[int | None]:
    """The 1-based line of each hit (fixed line, or computed from its offset)."""
    newlines = [m.start() for m in re.finditer("\n", text)] if any(h.offset for h in hits) else []
    return [
        h.line
        if h.line is not None
        else (None if h.offset is None else bisect.bisect_left(newlines, h.offset) + 1)
        for h in hits
    ]


def _audit_file(rel: str, path: Path, scanner: _Scanner, stray: bool) -> list[Problem]:
    """Findings inside one file; an unreadable allowed file is itself a finding (fail closed)."""
    name = rel.rsplit("/", 1)[-1].lower()
    if name.endswith(_BINARY_SUFFIXES):
        return []
    data = path.read_bytes()
    if stray and (len(data) > MAX_STRAY_TEXT_BYTES or b"\0" in data[:4096]):
        return []
    try:
        hits, text = _file_hits(name, data, scanner)
    except (UnicodeDecodeError, ValueError, OSError, EOFError):
        return [] if stray else [leak(rel, "unreadable_file", "file_type")]
    lines = _line_numbers(text, hits)
    return [leak(rel, h.detector, h.where, line) for h, line in zip(hits, lines)]


def _audit_entry(
    rel: str, entry: os.DirEntry[str], scanner: _Scanner, allowed: frozenset[str]
) -> list[Problem]:
    """Findings for one folder or file: its name, its type and its content."""
    found = [leak(rel, f.detector, "file_name") for f in scanner.scan(entry.name)]
    if entry.is_symlink():
        return found + [leak(rel, "symlink", "file_type")]
    if entry.is_dir():
        return found
    stray = not _suffix_allowed(entry.name, allowed)
    if stray:
        found.append(leak(rel, "disallowed_file_type", "file_type"))
    return found + _audit_file(rel, Path(entry.path), scanner, stray)


def audit_site(
    site_dir: Path,
    *,
    denylist: DenyList | None = None,
    allow: Sequence[str] = (),
    allowed_suffixes: frozenset[str] = DEFAULT_ALLOWED_SUFFIXES,
    engine_files: frozenset[str] = frozenset(),
    lexicon: Lexicon | None = None,
) -> list[Problem]:
    """Every leak found in a built site folder, sorted by path, line, stream and detector.

    ``engine_files`` are files the site engine copied verbatim from its own theme (the site
    module checks them byte for byte): they hold nothing of the project. ``lexicon``: the words
    that are no name (``generator.privacy.names``; default: Casebook's own words only)."""
    scanner = _Scanner(allow, denylist, lexicon)
    found: set[Problem] = set()
    for rel, entry in _walk(Path(site_dir)):
        if rel not in engine_files:
            found.update(_audit_entry(rel, entry, scanner, allowed_suffixes))
    return sorted(found)  # by file, line, stream and detector


def _labels(detector: str) -> dict[str, str]:
    return (
        DETECTOR_LABELS.get(detector)
        or AUDIT_LABELS.get(detector)
        or {"id": detector, "en": detector, "hint_id": "", "hint_en": ""}
    )


def _where_label(where: str, lang: str) -> str:
    """A readable name of the stream, e.g. "atribut alt" / "attribute alt"."""
    index = 0 if lang == "id" else 1
    if where.startswith("attribute:"):
        return ("atribut " if index == 0 else "attribute ") + where.split(":", 1)[1]
    return _WHERE_LABELS.get(where, (where, where))[index]


def format_finding(f: Problem, lang: str = "id") -> str:
    """One line: ``path:line  detector  message (stream). hint``; never the matched value."""
    lang = "id" if lang == "id" else "en"
    labels = _labels(f.code)
    location = f.file if not f.line else f"{f.file}:{f.line}"
    hint = labels.get(f"hint_{lang}", "")
    message = f"{labels[lang]} ({_where_label(f.path, lang)})"
    return f"{location}  {f.code}  {message}." + (f" {hint}" if hint else "")


def summarise(findings: Iterable[Problem]) -> dict[str, int]:
    """How many findings each detector produced, sorted by detector code."""
    counts: dict[str, int] = {}
    for f in findings:
        counts[f.code] = counts.get(f.code, 0) + 1
    return dict(sorted(counts.items()))
