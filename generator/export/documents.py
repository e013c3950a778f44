"""Export an internship report (*laporan magang*) from Markdown to DOCX and PDF.

Two routes, one Markdown dialect:

* DOCX: Markdown -> Pandoc JSON AST -> :func:`prepare_docx_ast` (pure) -> Pandoc with a
  reference document built by :func:`build_reference_docx` -> :func:`finish_docx`
  (section breaks, core properties) -> :func:`normalize_zip` (fixed zip timestamps).
* PDF: :func:`markdown_to_html` (pure; Python-Markdown) -> WeasyPrint with the print CSS
  in ``report.css`` beside this module and a fetcher that only reads local files.

The Markdown contract (what the report generator emits):

* Chapter and section numbers are part of the heading text: ``# BAB I PENDAHULUAN``,
  ``## 1.1 Latar Belakang``. Neither exporter numbers headings. The same Markdown is shown
  on the MkDocs site, which must show the same numbers, and "BAB I" with Roman numerals is
  not something Word list numbering reproduces reliably in LibreOffice. Front and back
  matter (LEMBAR PERSETUJUAN, KATA PENGANTAR, DAFTAR PUSTAKA) are plain ``#`` headings.
* Everything before the first ``# BAB ...`` heading is front matter (pages i, ii, ...,
  the title page unnumbered); page numbering restarts at 1 at BAB I.
* A paragraph ``[TOC]`` marks where the table of contents (Daftar Isi) goes.
* ``<div class="title-page" markdown="1">`` wraps the title page (centred; in the PDF the
  first two paragraphs, kind of report and title, are 14 pt),
  ``<div class="signatures" markdown="1">`` the signature blocks (borderless table, centred),
  ``<div class="references" markdown="1">`` the reference list (hanging indent, APA 7).
* A paragraph starting "Tabel 3.1" / "Gambar 2.1" is a centred caption; a paragraph holding
  only an image is a centred figure. Images are read only from ``resource_dir``.
* A leading YAML front-matter block is dropped: title and author are arguments.
* Write what both Python-Markdown and Pandoc read the same way: blank line before lists,
  4-space indentation for nested lists, pipe tables, ``[^note]`` footnotes.

:func:`docx_to_pdf_libreoffice` converts the DOCX with headless LibreOffice and updates the
table of contents first (a plain ``--convert-to pdf`` does not).

Page format follows Indonesian thesis guides (reports-and-style.md 1.2): A4, Times New
Roman 12 pt, 1.5 line spacing, chapter titles 14 pt, each chapter on a new page, margins
4 cm left (the binding edge: a bound report loses about 1 cm to the spine) and 3 cm on
the other sides, page numbers bottom centre.
"""

from __future__ import annotations

import copy
import io
import json
import os
import re
import shutil
import subprocess
import tempfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from html import escape
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit
from xml.etree import ElementTree as etree

import markdown
from markdown.extensions import Extension
from markdown.extensions.footnotes import NBSP_PLACEHOLDER as FOOTNOTE_NBSP
from markdown.treeprocessors import Treeprocessor

from generator.errors import OutputError

__all__ = [
    "PAGE",
    "ExportError",
    "build_reference_docx",
    "chapter_parts",
    "check_images",
    "column_fractions",
    "docx_to_pdf_libreoffice",
    "export_docx",
    "export_pdf",
    "finish_docx",
    "markdown_to_html",
    "normalize_zip",
    "prepare_docx_ast",
    "report_css",
    "strip_front_matter",
    "toc_field_openxml",
]


class ExportError(OutputError):
    """A report could not be exported (missing tool, refused resource, tool failure)."""


@dataclass(frozen=True)
class PageSetup:
    """A4 page with Indonesian thesis margins (left 4 cm for binding, 3 cm elsewhere)."""

    width_mm: float = 210.0
    height_mm: float = 297.0
    top_cm: float = 3.0
    right_cm: float = 3.0
    bottom_cm: float = 3.0
    left_cm: float = 4.0


@dataclass(frozen=True)
class Labels:
    """Language-dependent words and tags used in the exported document."""

    toc: str
    toc_placeholder: str
    lang_tag: str


PAGE = PageSetup()
BODY_FONT = "Times New Roman"
TOC_LEVELS = 3
TOC_MARKER = "[TOC]"
FRONT_MATTER_RE = re.compile(r"\A---[ \t]*\n.*?\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
CAPTION_RE = re.compile(r"^(Tabel|Gambar|Table|Figure)\s+\d+(\.\d+)*\b")
CHAPTER_RE = re.compile(r"^(BAB\s+[IVXLCDM]+)\b[\s.:\-–]*(.*)$")
TITLE_PAGE_CLASS = "title-page"
SIGNATURES_CLASS = "signatures"
REFERENCES_CLASS = "references"
LABELS = {
    "id": Labels(
        toc="Daftar Isi",
        toc_placeholder="Daftar isi belum diperbarui: klik kanan di sini lalu pilih "
        "Perbarui Bidang (Update Field).",
        lang_tag="id-ID",
    ),
    "en": Labels(
        toc="Table of Contents",
        toc_placeholder="Table of contents not updated yet: right-click here and choose "
        "Update Field.",
        lang_tag="en-US",
    ),
}
INSTALL_PANDOC = (
    "Pandoc tidak ditemukan / Pandoc not found: pip install pypandoc_binary "
    "(membawa Pandoc 3 / ships Pandoc 3)"
)
INSTALL_DOCX = "python-docx tidak terpasang / not installed: pip install python-docx"
INSTALL_WEASYPRINT = (
    "WeasyPrint tidak dapat dimuat / cannot be loaded: pip install weasyprint; "
    "apt-get install libpango-1.0-0 libpangoft2-1.0-0 fonts-liberation ({error})"
)
INSTALL_LIBREOFFICE = (
    "LibreOffice tidak ditemukan / not found: apt-get install libreoffice-writer-nogui"
)
MIN_PANDOC = (3, 1)
# Captions are explicit "Gambar 2.1 ..." paragraphs, as in the HTML route: no implicit figures.
MARKDOWN_FORMAT = "markdown-implicit_figures"
FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def labels_for(lang: str) -> Labels:
    """Labels for a language code ("id" or "en")."""
    try:
        return LABELS[lang]
    except KeyError:
        raise ExportError(f"Bahasa tidak didukung / unsupported language: {lang!r}") from None


def chapter_parts(heading: str) -> tuple[str, str] | None:
    """Split "BAB I PENDAHULUAN" into ("BAB I", "PENDAHULUAN"); None if not a chapter."""
    match = CHAPTER_RE.match(heading.strip())
    return (match.group(1), match.group(2)) if match else None


def strip_front_matter(markdown_text: str) -> str:
    """Drop a leading YAML front-matter block (title and author are passed explicitly)."""
    match = FRONT_MATTER_RE.match(markdown_text)
    return markdown_text[match.end() :] if match else markdown_text


# --------------------------------------------------------------------------------------
# PDF: Markdown -> HTML (pure) -> WeasyPrint (edge)
# --------------------------------------------------------------------------------------


def report_css() -> str:
    """The print stylesheet shipped in generator/export/report.css."""
    return resources.files("generator.export").joinpath("report.css").read_text("utf-8")


def markdown_to_html(
    markdown_text: str, *, title: str, author: str, lang: str = "id", css: str | None = None
) -> str:
    """A complete, self-contained HTML document for the report, ready for WeasyPrint."""
    labels = labels_for(lang)
    converter = markdown.Markdown(
        extensions=["tables", "toc", "attr_list", "footnotes", "md_in_html", _ReportExtension()],
        extension_configs={"toc": {"title": labels.toc, "toc_depth": f"1-{TOC_LEVELS}"}},
        output_format="html",
    )
    body = converter.convert(strip_front_matter(markdown_text))
    style = report_css() if css is None else css
    return (
        f'<!DOCTYPE html>\n<html lang="{escape(lang)}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(title)}</title>\n"
        f'<meta name="author" content="{escape(author)}">\n'
        f'<meta name="generator" content="Casebook">\n'
        f"<style>\n{style}</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n"
    )


class _ReportExtension(Extension):
    """Python-Markdown extension that shapes the tree for print (runs after toc, footnotes)."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.treeprocessors.register(_ReportTreeprocessor(md), "casebook-report", 1)


class _ReportTreeprocessor(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        mark_chapter_headings(root)
        mark_captions(root)
        promote_toc_title(root)
        inline_footnotes(root)
        split_front_matter(root)
        mark_front_matter_toc_links(root)


def mark_chapter_headings(root: etree.Element) -> None:
    """Give "BAB I ..." h1 elements class chapter and two spans (label, title) for print."""
    for heading in root.iter("h1"):
        parts = chapter_parts("".join(heading.itertext()))
        if parts is None or len(heading):
            continue
        heading.set("class", _add_class(heading.get("class"), "chapter"))
        heading.text = None
        label = etree.SubElement(heading, "span", {"class": "chapter-label"})
        label.text, label.tail = parts[0], " "
        etree.SubElement(heading, "span", {"class": "chapter-title"}).text = parts[1]


def mark_captions(root: etree.Element) -> None:
    """Class caption for "Tabel 3.1" / "Gambar 2.1" paragraphs, figure for image-only ones."""
    for paragraph in root.iter("p"):
        if CAPTION_RE.match(paragraph.text or ""):
            paragraph.set("class", _add_class(paragraph.get("class"), "caption"))
        elif [child.tag for child in paragraph] == ["img"] and not (paragraph.text or "").strip():
            paragraph.set("class", _add_class(paragraph.get("class"), "figure"))


def promote_toc_title(root: etree.Element) -> None:
    """Turn the toc extension's <span class="toctitle"> into an h1 (outline, page break)."""
    for toc in _elements_with_class(root, "div", "toc"):
        for span in _elements_with_class(toc, "span", "toctitle"):
            span.tag = "h1"
            span.set("class", "toc-title")
            span.set("id", "daftar-isi")


def inline_footnotes(root: etree.Element) -> None:
    """Move Python-Markdown endnotes to their call sites as <span class="footnote">."""
    for block in list(_elements_with_class(root, "div", "footnote")):
        notes = {item.get("id"): item for item in block.iter("li")}
        for parent in list(root.iter()):
            for index, child in enumerate(list(parent)):
                note = notes.get(_footnote_target(child))
                if note is not None:
                    parent.remove(child)
                    parent.insert(index, _footnote_span(note, child.tail))
        _remove(root, block)


def _footnote_target(element: etree.Element) -> str | None:
    if element.tag != "sup" or len(element) != 1 or element[0].tag != "a":
        return None
    return element[0].get("href", "").lstrip("#") or None


def _footnote_span(note: etree.Element, tail: str | None) -> etree.Element:
    span = etree.Element("span", {"class": "footnote"})
    for paragraph in note:
        for backref in _elements_with_class(paragraph, "a", "footnote-backref"):
            _remove(paragraph, backref)
        if len(span) or span.text:
            etree.SubElement(span, "br")
        span.append(_as_span(paragraph))
    span.tail = tail
    return span


def _as_span(paragraph: etree.Element) -> etree.Element:
    """A footnote paragraph as a span, without the space kept for the removed back-link."""
    span = copy.deepcopy(paragraph)
    span.tag, span.tail = "span", None
    last = span[-1] if len(span) else None
    if last is not None and last.tail:
        last.tail = _strip_backlink_space(last.tail)
    elif last is None and span.text:
        span.text = _strip_backlink_space(span.text)
    return span


def _strip_backlink_space(text: str) -> str:
    return text.replace(FOOTNOTE_NBSP, "").rstrip("\xa0 ")


def split_front_matter(root: etree.Element) -> None:
    """Wrap top-level blocks in <section class="front-matter"> / <section class="body-matter">."""
    children = list(root)
    start = next((i for i, el in enumerate(children) if _is_chapter(el)), 0)
    for child in children:
        root.remove(child)
    for name, blocks in (("front-matter", children[:start]), ("body-matter", children[start:])):
        if blocks:
            section = etree.SubElement(root, "section", {"class": name})
            section.extend(blocks)


def mark_front_matter_toc_links(root: etree.Element) -> None:
    """Add class front to toc links that point into the front matter (Roman page numbers)."""
    front_ids = {
        el.get("id")
        for section in _elements_with_class(root, "section", "front-matter")
        for el in section.iter()
        if el.get("id")
    }
    for link in root.iter("a"):
        if link.get("href", "").lstrip("#") in front_ids and _inside_toc(root, link):
            link.set("class", _add_class(link.get("class"), "front"))


def _inside_toc(root: etree.Element, link: etree.Element) -> bool:
    return any(link in toc.iter("a") for toc in _elements_with_class(root, "div", "toc"))


def _is_chapter(element: etree.Element) -> bool:
    return element.tag == "h1" and "chapter" in (element.get("class") or "").split()


def _elements_with_class(root: etree.Element, tag: str, cls: str) -> list[etree.Element]:
    return [el for el in root.iter(tag) if cls in (el.get("class") or "").split()]


def _add_class(existing: str | None, cls: str) -> str:
    return " ".join(dict.fromkeys([*(existing or "").split(), cls]))


def _remove(root: etree.Element, target: etree.Element) -> None:
    for parent in root.iter():
        if target in list(parent):
            parent.remove(target)
            return


def export_pdf(
    markdown_text: str,
    out_path: Path,
    *,
    title: str,
    author: str,
    lang: str = "id",
    resource_dir: Path | None = None,
) -> Path:
    """Write the report as an A4 PDF; images may only come from resource_dir."""
    weasyprint = _import_weasyprint()
    html = markdown_to_html(markdown_text, title=title, author=author, lang=lang)
    base = Path(resource_dir or Path.cwd()).resolve()
    fetcher = _local_fetcher_class(weasyprint)(base if resource_dir else None)
    try:
        document = weasyprint.HTML(string=html, base_url=str(base) + "/", url_fetcher=fetcher)
        pdf = document.write_pdf()
    except weasyprint.urls.FatalURLFetchingError as error:
        raise ExportError(f"Sumber ditolak / resource refused: {error.__cause__}") from error
    out_path = Path(out_path)
    out_path.write_bytes(pdf)
    return out_path


def _import_weasyprint() -> Any:
    try:
        import weasyprint
        import weasyprint.urls
    except (ImportError, OSError) as error:
        raise ExportError(INSTALL_WEASYPRINT.format(error=error)) from error
    return weasyprint


def _local_fetcher_class(weasyprint: Any) -> type:
    """A URLFetcher subclass that reads only data: URLs and files under one folder."""

    class LocalOnlyFetcher(weasyprint.urls.URLFetcher):
        def __init__(self, root: Path | None) -> None:
            super().__init__(allowed_protocols={"file", "data"}, fail_on_errors=True)
            self._root = root

        def fetch(self, url: str, headers: Any = None) -> Any:
            if urlsplit(url).scheme.lower() == "file":
                path = Path(unquote(urlsplit(url).path)).resolve()
                if self._root is None or not path.is_relative_to(self._root):
                    raise ValueError(f"outside the resource folder: {url}")
            return super().fetch(url, headers)

    return LocalOnlyFetcher


# --------------------------------------------------------------------------------------
# DOCX: Markdown -> Pandoc AST -> prepare (pure) -> Pandoc + reference.docx -> finish
# --------------------------------------------------------------------------------------

DIV_STYLES = {
    TITLE_PAGE_CLASS: "Title Page",
    SIGNATURES_CLASS: "Signature",
    REFERENCES_CLASS: "Bibliography",
}
SIGNATURE_TABLE_STYLE = "Signature Table"


def toc_field_openxml(labels: Labels, levels: int = TOC_LEVELS) -> str:
    """A Word table-of-contents block: heading plus a TOC field marked dirty (update on open)."""
    run = '<w:r><w:fldChar w:fldCharType="{}"{}/></w:r>'
    return (
        '<w:sdt><w:sdtPr><w:docPartObj><w:docPartGallery w:val="Table of Contents"/>'
        "<w:docPartUnique/></w:docPartObj></w:sdtPr><w:sdtContent>"
        '<w:p><w:pPr><w:pStyle w:val="TOCHeading"/></w:pPr>'
        f'<w:r><w:t xml:space="preserve">{escape(labels.toc)}</w:t></w:r></w:p><w:p>'
        + run.format("begin", ' w:dirty="true"')
        + f'<w:r><w:instrText xml:space="preserve"> TOC \\o "1-{levels}" \\h \\z \\u '
        "</w:instrText></w:r>"
        + run.format("separate", "")
        + f"<w:r><w:t>{escape(labels.toc_placeholder)}</w:t></w:r>"
        + run.format("end", "")
        + "</w:p></w:sdtContent></w:sdt>"
    )


def prepare_docx_ast(ast: dict[str, Any], *, lang: str = "id") -> dict[str, Any]:
    """Rewrite a Pandoc JSON AST for Word: TOC field, div and table styles, language."""
    labels = labels_for(lang)
    meta = {"lang": {"t": "MetaString", "c": labels.lang_tag}}  # no title block in the body
    return {**ast, "meta": meta, "blocks": [_docx_block(b, labels) for b in ast["blocks"]]}


def _docx_block(block: dict[str, Any], labels: Labels) -> dict[str, Any]:
    if block["t"] == "Para" and block["c"] == [{"t": "Str", "c": TOC_MARKER}]:
        return {"t": "RawBlock", "c": ["openxml", toc_field_openxml(labels)]}
    if block["t"] == "Para" and CAPTION_RE.match(_plain_text(block["c"])):
        style = "Table Caption" if _plain_text(block["c"]).startswith("Tab") else "Image Caption"
        return {"t": "Div", "c": [["", [], [["custom-style", style]]], [block]]}
    if block["t"] == "Para" and [i["t"] for i in block["c"]] == ["Image"]:
        return {"t": "Div", "c": [["", [], [["custom-style", "Figure"]]], [block]]}
    if block["t"] == "Table":
        return _with_column_widths(block)
    return _docx_div(block, labels) if block["t"] == "Div" else block


def _docx_div(block: dict[str, Any], labels: Labels) -> dict[str, Any]:
    """Map the report's div classes to Word paragraph (and table) styles."""
    (ident, classes, attrs), children = block["c"]
    attrs = [kv for kv in attrs if kv[0] != "markdown"]
    style = next((DIV_STYLES[c] for c in classes if c in DIV_STYLES), None)
    if style:
        attrs.append(["custom-style", style])
    children = [_docx_block(b, labels) for b in children]
    if SIGNATURES_CLASS in classes:
        children = [styled for b in children for styled in _signature_block(b)]
    return {"t": "Div", "c": [[ident, classes, attrs], children]}


def _signature_block(block: dict[str, Any]) -> list[dict[str, Any]]:
    """A signature table gets its borderless style and a blank line after it."""
    if block["t"] != "Table":
        return [block]
    return [
        _with_table_style(block, SIGNATURE_TABLE_STYLE),
        {"t": "Para", "c": [{"t": "Str", "c": "\u00a0"}]},
    ]


def _with_table_style(block: dict[str, Any], style: str) -> dict[str, Any]:
    """Give a table a Word table style and equal column widths (signature blocks)."""
    if block["t"] != "Table":
        return block
    (ident, classes, attrs), caption, colspecs, *rest = block["c"]
    equal = [[align, {"t": "ColWidth", "c": 1 / len(colspecs)}] for align, _ in colspecs]
    attrs = [*attrs, ["custom-style", style]]
    return {"t": "Table", "c": [[ident, classes, attrs], caption, equal, *rest]}


def _with_column_widths(block: dict[str, Any]) -> dict[str, Any]:
    """Set relative column widths from the cell text (Word/LibreOffice do not autofit well)."""
    attr, caption, colspecs, head, bodies, foot = block["c"]
    rows = [*head[1], *(row for body in bodies for row in [*body[2], *body[3]])]
    columns = [
        [_stringify(row[1][i][4]) for row in rows if i < len(row[1])] for i in range(len(colspecs))
    ]
    widths = [
        [align, {"t": "ColWidth", "c": fraction}]
        for (align, _), fraction in zip(colspecs, column_fractions(columns))
    ]
    return {"t": "Table", "c": [attr, caption, widths, head, bodies, foot]}


def column_fractions(columns: list[list[str]], budget: int = 64) -> list[float]:
    """Share of the text width per column, from cell text lengths in characters.

    Each column gets at least its longest word (plus padding); if the natural widths do
    not fit in ``budget`` characters, the remaining room goes to the columns with the
    longest text, in proportion to how much they would wrap.
    """
    minimum = [
        max((len(w) for text in col for w in text.split()), default=1) + 2 for col in columns
    ]
    natural = [max([len(text) + 2 for text in col] + [low]) for col, low in zip(columns, minimum)]
    if sum(natural) <= budget:
        weights = [float(n) for n in natural]
    else:
        spare = max(budget - sum(minimum), 0)
        extra = [n - m for n, m in zip(natural, minimum)]
        weights = [m + spare * e / (sum(extra) or 1) for m, e in zip(minimum, extra)]
    total = sum(weights) or 1.0
    return [w / total for w in weights]


def _stringify(value: Any) -> str:
    """Plain text of Pandoc AST blocks or inlines (Str and spaces only)."""
    words: list[str] = []
    for node in _iter_nodes(value):
        if node.get("t") == "Str":
            words.append(node["c"])
        elif node.get("t") in ("Space", "SoftBreak", "LineBreak"):
            words.append(" ")
    return "".join(words).strip()


def _plain_text(inlines: list[dict[str, Any]]) -> str:
    """The text of the leading Str/Space inlines of a paragraph (enough for caption labels)."""
    words = []
    for inline in inlines:
        if inline["t"] not in ("Str", "Space"):
            break
        words.append(inline["c"] if inline["t"] == "Str" else " ")
    return "".join(words)


def check_images(ast: dict[str, Any], resource_dir: Path | None) -> None:
    """Refuse images that are remote or outside resource_dir (data: URLs are fine)."""
    root = Path(resource_dir).resolve() if resource_dir else None
    for node in _iter_nodes(ast["blocks"]):
        if node.get("t") != "Image":
            continue
        url = node["c"][2][0]
        scheme = urlsplit(url).scheme.lower()
        if scheme == "data":
            continue
        path = Path(unquote(urlsplit(url).path)) if scheme in ("", "file") else None
        if path is None or root is None or not (root / path).resolve().is_relative_to(root):
            raise ExportError(f"Gambar ditolak / image refused (remote or outside {root}): {url}")


def _iter_nodes(value: Any) -> Iterator[dict[str, Any]]:
    if isinstance(value, dict):
        yield value
        yield from _iter_nodes(value.get("c"))
    elif isinstance(value, list):
        for item in value:
            yield from _iter_nodes(item)


def export_docx(
    markdown_text: str,
    out_path: Path,
    *,
    title: str,
    author: str,
    lang: str = "id",
    resource_dir: Path | None = None,
) -> Path:
    """Write the report as a DOCX (A4, TNR 12, 1.5 spacing, TOC field, page numbers)."""
    pandoc = _pandoc_path()
    _import_docx()
    reference = build_reference_docx(
        _pandoc_bytes(pandoc, ["--print-default-data-file", "reference.docx"]), lang=lang
    )
    ast = json.loads(
        _pandoc_bytes(
            pandoc,
            ["-f", MARKDOWN_FORMAT, "-t", "json"],
            strip_front_matter(markdown_text).encode("utf-8"),
        )
    )
    check_images(ast, resource_dir)
    raw = _pandoc_docx(pandoc, prepare_docx_ast(ast, lang=lang), reference, resource_dir)
    out_path = Path(out_path)
    out_path.write_bytes(normalize_zip(finish_docx(raw, title=title, author=author, lang=lang)))
    return out_path


def _pandoc_docx(
    pandoc: str, ast: dict[str, Any], reference: bytes, resource_dir: Path | None
) -> bytes:
    """Pandoc JSON AST -> DOCX bytes with the given reference document."""
    with tempfile.TemporaryDirectory(prefix="casebook-export-") as tmp:
        reference_path = Path(tmp, "reference.docx")
        reference_path.write_bytes(reference)
        resources_path = Path(resource_dir).resolve() if resource_dir else Path(tmp)
        args = ["-f", "json", "-t", "docx", "-o", "-", f"--reference-doc={reference_path}"]
        args.append(f"--resource-path={resources_path}")
        return _pandoc_bytes(pandoc, args, json.dumps(ast).encode("utf-8"))


def _pandoc_path() -> str:
    """Path of the Pandoc binary (pypandoc_binary's bundled one first), version-checked."""
    try:
        import pypandoc

        path = pypandoc.get_pandoc_path()
    except (ImportError, OSError):
        path = shutil.which("pandoc")
    if not path:
        raise ExportError(INSTALL_PANDOC)
    version = _pandoc_version(path)
    if version < MIN_PANDOC:
        raise ExportError(f"{INSTALL_PANDOC}; found Pandoc {'.'.join(map(str, version))}")
    return path


def _pandoc_version(path: str) -> tuple[int, ...]:
    first_line = _pandoc_bytes(path, ["--version"]).decode("utf-8", "replace").splitlines()[0]
    return tuple(int(part) for part in re.findall(r"\d+", first_line)[:2])


def _pandoc_bytes(pandoc: str, args: list[str], stdin: bytes = b"") -> bytes:
    """Run Pandoc with fixed SOURCE_DATE_EPOCH (no current time in the output)."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": "315532800"}
    result = subprocess.run([pandoc, *args], input=stdin, capture_output=True, env=env, check=False)
    if result.returncode != 0:
        message = result.stderr.decode("utf-8", "replace").strip()
        raise ExportError(f"Pandoc gagal / failed ({result.returncode}): {message}")
    return result.stdout


def _import_docx() -> Any:
    try:
        import docx
    except ImportError as error:
        raise ExportError(INSTALL_DOCX) from error
    return docx


def normalize_zip(data: bytes) -> bytes:
    """Rewrite a zip (DOCX) with fixed timestamps and permissions, keeping member order."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=FIXED_ZIP_TIME)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o644 << 16
            dst.writestr(member, src.read(info))
    return out.getvalue()


# --------------------------------------------------------------------------------------
# DOCX styling with python-docx: the reference document and the finishing pass
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ParagraphStyle:
    """Formatting of one Word paragraph style (None = inherit from the base style)."""

    name: str
    based_on: str | None = "Normal"
    size_pt: float = 12
    bold: bool = False
    italic: bool = False
    align: str | None = None
    line_spacing: float = 1.5
    before_pt: float = 0
    after_pt: float = 0
    left_cm: float = 0
    first_line_cm: float = 0
    page_break_before: bool = False
    keep_with_next: bool = False
    toc_tab: bool = False
    caps: bool = False


TEXT_WIDTH_CM = PAGE.width_mm / 10 - PAGE.left_cm - PAGE.right_cm
CHAPTER_STYLE: dict[str, Any] = {
    "size_pt": 14,
    "bold": True,
    "align": "CENTER",
    "after_pt": 24,
    "page_break_before": True,
    "keep_with_next": True,
}
PARAGRAPH_STYLES = (
    ParagraphStyle("Normal", based_on=None),
    ParagraphStyle("Body Text", align="JUSTIFY", first_line_cm=1.25),
    ParagraphStyle("First Paragraph", based_on="Body Text", align="JUSTIFY", first_line_cm=1.25),
    ParagraphStyle("Compact", align="LEFT"),
    ParagraphStyle("Heading 1", **CHAPTER_STYLE),
    ParagraphStyle("TOC Heading", caps=True, **CHAPTER_STYLE),
    ParagraphStyle("Heading 2", bold=True, before_pt=12, after_pt=6, keep_with_next=True),
    ParagraphStyle(
        "Heading 3", bold=True, italic=True, before_pt=12, after_pt=6, keep_with_next=True
    ),
    ParagraphStyle("Title Page", align="CENTER", after_pt=24),
    ParagraphStyle("Signature", align="CENTER", line_spacing=1.0),
    ParagraphStyle("Table Text", size_pt=11, line_spacing=1.0),
    ParagraphStyle("Bibliography", align="LEFT", left_cm=1.27, first_line_cm=-1.27),
    ParagraphStyle("Footnote Text", size_pt=10, line_spacing=1.0),
    ParagraphStyle("Table Caption", align="CENTER", before_pt=6, after_pt=6),
    ParagraphStyle("Figure", align="CENTER", before_pt=6, after_pt=6, line_spacing=1.0),
    ParagraphStyle("Image Caption", align="CENTER", before_pt=6, after_pt=6),
    ParagraphStyle("toc 1", toc_tab=True),
    ParagraphStyle("toc 2", left_cm=0.75, toc_tab=True),
    ParagraphStyle("toc 3", left_cm=1.5, toc_tab=True),
)
TOC_BOOKMARK_BASE = 100000
SECTPR_AFTER_PGNUMTYPE = (
    "w:cols",
    "w:formProt",
    "w:vAlign",
    "w:noEndnote",
    "w:titlePg",
    "w:textDirection",
    "w:bidi",
    "w:rtlGutter",
    "w:docGrid",
    "w:printerSettings",
    "w:sectPrChange",
)
SETTINGS_AFTER_UPDATE_FIELDS = (
    "w:hdrShapeDefaults",
    "w:footnotePr",
    "w:endnotePr",
    "w:compat",
    "w:docVars",
    "w:rsids",
    "m:mathPr",
    "w:attachedSchema",
    "w:themeFontLang",
    "w:clrSchemeMapping",
    "w:doNotIncludeSubdocsInStats",
    "w:doNotAutoCompressPictures",
    "w:forceUpgrade",
    "w:captions",
    "w:readModeInkLockDown",
    "w:smartTagType",
    "sl:schemaLibrary",
    "w:shapeDefaults",
    "w:doNotEmbedSmartTags",
    "w:decimalSymbol",
    "w:listSeparator",
)


def build_reference_docx(base: bytes, *, lang: str = "id") -> bytes:
    """Pandoc's default reference.docx restyled: A4, margins, TNR 12, 1.5, borders, footer."""
    docx = _import_docx()
    document = docx.Document(io.BytesIO(base))
    _apply_page_setup(document.sections[0])
    _apply_doc_defaults(document, labels_for(lang).lang_tag)
    for spec in PARAGRAPH_STYLES:
        _apply_paragraph_style(document, spec)
    _apply_table_styles(document)
    _add_page_number_footer(document.sections[0])
    return _docx_bytes(document)


def _apply_page_setup(section: Any) -> None:
    from docx.enum.section import WD_ORIENT
    from docx.shared import Cm, Mm

    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(PAGE.width_mm), Mm(PAGE.height_mm)
    section.top_margin, section.bottom_margin = Cm(PAGE.top_cm), Cm(PAGE.bottom_cm)
    section.left_margin, section.right_margin = Cm(PAGE.left_cm), Cm(PAGE.right_cm)
    section.header_distance = section.footer_distance = Cm(1.5)


def _apply_doc_defaults(document: Any, lang_tag: str) -> None:
    from docx.oxml.ns import qn

    styles = document.styles.element
    for fonts in styles.iter(qn("w:rFonts")):
        if any(key.endswith("Theme") for key in fonts.attrib):
            _set_fonts(fonts, BODY_FONT)
    for lang in styles.iter(qn("w:lang")):
        lang.set(qn("w:val"), lang_tag)
    for spacing in styles.findall(f"{qn('w:docDefaults')}//{qn('w:spacing')}"):
        spacing.set(qn("w:after"), "0")


def _set_fonts(fonts: Any, family: str) -> None:
    from docx.oxml.ns import qn

    fonts.attrib.clear()
    for key in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{key}"), family)


def _apply_paragraph_style(document: Any, spec: ParagraphStyle) -> None:
    from docx.enum.style import WD_STYLE_TYPE
    from docx.shared import Pt, RGBColor

    try:
        style = document.styles[spec.name]
    except KeyError:
        style = document.styles.add_style(spec.name, WD_STYLE_TYPE.PARAGRAPH)
    if spec.based_on:
        style.base_style = document.styles[spec.based_on]
    style.font.name, style.font.size = BODY_FONT, Pt(spec.size_pt)
    _set_fonts(style.element.get_or_add_rPr().get_or_add_rFonts(), BODY_FONT)
    style.font.bold, style.font.italic = spec.bold or None, spec.italic or None  # None: inherit
    style.font.all_caps = spec.caps or None
    style.font.color.rgb = RGBColor(0, 0, 0)
    _apply_paragraph_format(style.paragraph_format, spec)


def _apply_paragraph_format(fmt: Any, spec: ParagraphStyle) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT, WD_TAB_LEADER
    from docx.shared import Cm, Pt

    fmt.alignment = getattr(WD_ALIGN_PARAGRAPH, spec.align) if spec.align else None
    fmt.line_spacing = spec.line_spacing
    fmt.space_before, fmt.space_after = Pt(spec.before_pt), Pt(spec.after_pt)
    fmt.left_indent, fmt.first_line_indent = Cm(spec.left_cm), Cm(spec.first_line_cm)
    fmt.page_break_before = spec.page_break_before or None
    fmt.keep_with_next = spec.keep_with_next or None
    if spec.toc_tab:
        fmt.tab_stops.add_tab_stop(Cm(TEXT_WIDTH_CM), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)


def _apply_table_styles(document: Any) -> None:
    from docx.enum.style import WD_STYLE_TYPE

    _set_table_style_xml(document.styles["Table"], borders="single", header_bold=True)
    signature = document.styles.add_style(SIGNATURE_TABLE_STYLE, WD_STYLE_TYPE.TABLE)
    signature.element.set(_qn("w:styleId"), SIGNATURE_TABLE_STYLE.replace(" ", ""))
    _set_table_style_xml(signature, borders="nil", header_bold=False)


def _set_table_style_xml(style: Any, *, borders: str, header_bold: bool) -> None:
    """Replace a table style's tblPr and header-row formatting."""
    element = style.element
    for old in element.findall(_qn("w:tblPr")) + element.findall(_qn("w:tblStylePr")):
        element.remove(old)
    sides = "".join(
        f'<w:{side} w:val="{borders}" w:sz="4" w:space="0" w:color="000000"/>'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    bold = "<w:rPr><w:b/><w:bCs/></w:rPr>" if header_bold else ""
    element.append(
        _parse_xml(
            f'<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblBorders>{sides}</w:tblBorders>'
            '<w:tblCellMar><w:top w:w="57" w:type="dxa"/><w:left w:w="85" w:type="dxa"/>'
            '<w:bottom w:w="57" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar>'
            "</w:tblPr>"
        )
    )
    element.append(
        _parse_xml(
            f'<w:tblStylePr w:type="firstRow"><w:pPr><w:jc w:val="center"/></w:pPr>{bold}'
            '<w:tcPr><w:vAlign w:val="center"/></w:tcPr></w:tblStylePr>'
        )
    )


def _add_page_number_footer(section: Any) -> None:
    """Footer with a centred PAGE field (Word and LibreOffice fill in the number)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    section.footer.is_linked_to_previous = False
    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph._p.append(
        _parse_xml('<w:fldSimple w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>')
    )


def finish_docx(data: bytes, *, title: str, author: str, lang: str = "id") -> bytes:
    """Post-process Pandoc's DOCX: table text styles, page numbering, field update, metadata."""
    docx = _import_docx()
    document = docx.Document(io.BytesIO(data))
    _style_table_cells(document)
    _number_front_matter_in_roman(document)
    _fill_toc_field(document)
    _request_field_update(document)
    _set_core_properties(document, title=title, author=author, lang=labels_for(lang).lang_tag)
    return _docx_bytes(document)


def _style_table_cells(document: Any) -> None:
    """Single-spaced cell text: "Signature" in signature tables, "Table Text" elsewhere."""
    for table in document.tables:
        style_ref = table._tbl.tblPr.find(_qn("w:tblStyle"))
        style_id = style_ref.get(_qn("w:val")) if style_ref is not None else ""
        name = "Signature" if style_id.replace(" ", "") == "SignatureTable" else "Table Text"
        if style_ref is not None and name == "Signature":
            style_ref.set(_qn("w:val"), "SignatureTable")
        for cell_paragraph in table._tbl.iter(_qn("w:p")):
            _set_paragraph_style(document, cell_paragraph, name)


def _set_paragraph_style(document: Any, paragraph: Any, name: str) -> None:
    from docx.text.paragraph import Paragraph

    Paragraph(paragraph, document.part).style = document.styles[name]


def _number_front_matter_in_roman(document: Any) -> None:
    """End the front matter with a section break: pages i, ii, ... then 1, 2, ... from BAB I."""
    from docx.oxml import OxmlElement

    first = next(
        (p for p in document.paragraphs if p.style.name == "Heading 1" and chapter_parts(p.text)),
        None,
    )
    body_sect = document.element.body.sectPr
    if first is None or body_sect is None:
        return
    for restart in body_sect.findall(_qn("w:footnotePr")):
        body_sect.remove(restart)  # LibreOffice numbers restarted footnotes from 0
    front_sect = copy.deepcopy(body_sect)
    _set_page_numbering(front_sect, "lowerRoman")
    front_sect.get_or_add_titlePg()
    _set_page_numbering(body_sect, "decimal")
    breaker, properties = OxmlElement("w:p"), OxmlElement("w:pPr")
    properties.append(front_sect)
    breaker.append(properties)
    first._p.addprevious(breaker)


def _set_page_numbering(sect_pr: Any, fmt: str) -> None:
    for old in sect_pr.findall(_qn("w:pgNumType")):
        sect_pr.remove(old)
    number = _parse_xml(f'<w:pgNumType w:fmt="{fmt}" w:start="1"/>')
    sect_pr.insert_element_before(number, *SECTPR_AFTER_PGNUMTYPE)


def _fill_toc_field(document: Any) -> None:
    """Pre-fill the TOC field with one entry per heading, page numbers as PAGEREF fields.

    Word rebuilds the field on open (it is marked dirty); LibreOffice keeps the entries and
    computes each PAGEREF when it lays out the pages, so a headless conversion shows a
    complete Daftar Isi with page numbers.
    """
    field = _toc_field_paragraph(document)
    headings = _bookmark_headings(document)
    if field is None or not headings:
        return
    begin = _field_runs(field)[:3]
    entries = [_toc_entry_xml(document, level, text, mark) for level, text, mark in headings]
    paragraphs = [_parse_xml(xml) for xml in entries]
    for run in reversed(begin):
        paragraphs[0].insert(1, run)
    paragraphs[-1].append(_parse_xml('<w:r><w:fldChar w:fldCharType="end"/></w:r>'))
    for paragraph in paragraphs:
        field.addprevious(paragraph)
    field.getparent().remove(field)


def _toc_field_paragraph(document: Any) -> Any:
    for instr in document.element.body.iter(_qn("w:instrText")):
        if instr.text and instr.text.strip().startswith("TOC "):
            return next(instr.iterancestors(_qn("w:p")))
    return None


def _field_runs(paragraph: Any) -> list[Any]:
    return [
        run
        for run in paragraph.findall(_qn("w:r"))
        if run.find(_qn("w:fldChar")) is not None or run.find(_qn("w:instrText")) is not None
    ]


def _bookmark_headings(document: Any) -> list[tuple[int, str, str]]:
    """(level, text, bookmark) for Heading 1-3 paragraphs, each wrapped in a _Toc bookmark."""
    headings = []
    for paragraph in document.paragraphs:
        match = re.fullmatch(r"Heading ([1-9])", paragraph.style.name)
        if match and int(match.group(1)) <= TOC_LEVELS and paragraph.text.strip():
            mark = f"_Toc{len(headings) + 1:06d}"
            _wrap_in_bookmark(paragraph._p, mark, TOC_BOOKMARK_BASE + len(headings))
            headings.append((int(match.group(1)), paragraph.text.strip(), mark))
    return headings


def _wrap_in_bookmark(paragraph: Any, name: str, ident: int) -> None:
    properties = paragraph.find(_qn("w:pPr"))
    start = _parse_xml(f'<w:bookmarkStart w:id="{ident}" w:name="{name}"/>')
    if properties is None:
        paragraph.insert(0, start)
    else:
        properties.addnext(start)
    paragraph.append(_parse_xml(f'<w:bookmarkEnd w:id="{ident}"/>'))


def _toc_entry_xml(document: Any, level: int, text: str, mark: str) -> str:
    style_id = document.styles[f"toc {level}"].style_id
    field = '<w:r><w:fldChar w:fldCharType="{}"/></w:r>'
    return (
        f'<w:p><w:pPr><w:pStyle w:val="{style_id}"/></w:pPr>'
        f'<w:hyperlink w:anchor="{mark}" w:history="1">'
        f'<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r><w:r><w:tab/></w:r>'
        + field.format("begin")
        + f'<w:r><w:instrText xml:space="preserve"> PAGEREF {mark} \\h </w:instrText></w:r>'
        + field.format("separate")
        + "<w:r><w:t>#</w:t></w:r>"
        + field.format("end")
        + "</w:hyperlink></w:p>"
    )


def _request_field_update(document: Any) -> None:
    """Ask Word to update fields (the TOC) when the file is opened."""
    settings = document.settings.element
    if settings.find(_qn("w:updateFields")) is None:
        settings.insert_element_before(
            _parse_xml('<w:updateFields w:val="true"/>'), *SETTINGS_AFTER_UPDATE_FIELDS
        )


def _set_core_properties(document: Any, *, title: str, author: str, lang: str) -> None:
    """Explicit metadata; no creation/modification time, no machine path."""
    props = document.core_properties
    props.title, props.author, props.last_modified_by = title, author, author
    props.language, props.revision = lang, 1
    props.subject = props.keywords = props.comments = props.category = ""
    element = props._element
    for tag in ("dcterms:created", "dcterms:modified", "cp:lastPrinted"):
        for old in element.findall(_qn(tag)):
            element.remove(old)


def _docx_bytes(document: Any) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _qn(tag: str) -> str:
    from docx.oxml.ns import qn

    return qn(tag)


def _parse_xml(xml: str) -> Any:
    """Parse a WordprocessingML fragment that uses the w: prefix."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    return parse_xml(re.sub(r"^<([\w:]+)", lambda m: f"<{m.group(1)} {nsdecls('w')}", xml, count=1))


# --------------------------------------------------------------------------------------
# Optional: DOCX -> PDF with headless LibreOffice, table of contents updated first
# --------------------------------------------------------------------------------------

LIBREOFFICE_MACRO = """Sub ToPdf(sIn As String, sOut As String)
  Dim aLoad(0) As New com.sun.star.beans.PropertyValue
  aLoad(0).Name = "Hidden"
  aLoad(0).Value = True
  oDoc = StarDesktop.loadComponentFromURL(sIn, "_blank", 0, aLoad())
  oIndexes = oDoc.getDocumentIndexes()
  For i = 0 To oIndexes.getCount() - 1
    oIndexes.getByIndex(i).update()
  Next i
  oDoc.getTextFields().refresh()
  Dim aStore(0) As New com.sun.star.beans.PropertyValue
  aStore(0).Name = "FilterName"
  aStore(0).Value = "writer_pdf_Export"
  oDoc.storeToURL(sOut, aStore())
  oDoc.close(True)
End Sub
"""
LIBREOFFICE_MODULE = "Casebook"


def docx_to_pdf_libreoffice(docx_path: Path, pdf_path: Path, *, timeout: float = 180) -> Path:
    """Convert a DOCX to PDF with headless LibreOffice, updating the Daftar Isi first.

    A plain ``soffice --convert-to pdf`` prints the TOC field's cached entries without
    updating them; this runs a small Basic macro (in a throw-away profile) that updates
    every index, then exports.
    """
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        raise ExportError(INSTALL_LIBREOFFICE)
    source = Path(docx_path).resolve()
    with tempfile.TemporaryDirectory(prefix="casebook-lo-") as tmp:
        profile, target = Path(tmp, "profile"), Path(tmp, "out.pdf")
        _run_soffice(soffice, profile, ["--terminate_after_init"], timeout)
        _install_macro(profile)
        call = (
            f'macro:///Standard.{LIBREOFFICE_MODULE}.ToPdf("{source.as_uri()}","{target.as_uri()}")'
        )
        _run_soffice(soffice, profile, [call], timeout)
        if not target.is_file():
            raise ExportError(f"LibreOffice tidak menghasilkan PDF / produced no PDF: {source}")
        shutil.copyfile(target, pdf_path)
    return Path(pdf_path)


def _install_macro(profile: Path) -> None:
    """Add the ToPdf module to the profile's Standard Basic library."""
    library = profile / "user" / "basic" / "Standard"
    if not (library / "script.xlb").is_file():
        raise ExportError(f"LibreOffice membuat profil tak lengkap / incomplete profile: {profile}")
    module = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<script:module xmlns:script='
        f'"http://openoffice.org/2000/script" script:name="{LIBREOFFICE_MODULE}" '
        f'script:language="StarBasic">{escape(LIBREOFFICE_MACRO)}</script:module>\n'
    )
    (library / f"{LIBREOFFICE_MODULE}.xba").write_text(module, "utf-8")
    index = (library / "script.xlb").read_text("utf-8")
    entry = f'<library:element library:name="{LIBREOFFICE_MODULE}"/>'
    if entry not in index:
        index = index.replace("</library:library>", f" {entry}\n</library:library>")
        (library / "script.xlb").write_text(index, "utf-8")


def _run_soffice(soffice: str, profile: Path, args: list[str], timeout: float) -> None:
    """Run soffice headless in its own process group; kill the group on timeout."""
    command = [
        soffice,
        "--headless",
        "--invisible",
        "--norestore",
        "--nologo",
        "--nolockcheck",
        f"-env:UserInstallation={profile.as_uri()}",
        *args,
    ]
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True
    )
    try:
        process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, 9)
        process.communicate()
        raise ExportError(f"LibreOffice melewati batas waktu / timed out after {timeout} s")
