"""Tests for generator.export.documents: the report exported to DOCX and PDF, read back with real readers.

DOCX is read with python-docx (and its XML); PDF with poppler's pdfinfo / pdftotext /
pdffonts / pdfimages. The LibreOffice round trip runs only where ``soffice`` is installed.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

from generator.export import documents as export
from generator.export.documents import (
    ExportError,
    column_fractions,
    docx_to_pdf_libreoffice,
    export_docx,
    export_pdf,
    markdown_to_html,
    prepare_docx_ast,
    strip_front_matter,
    toc_field_openxml,
)

FIXTURE = Path(__file__).parent / "fixtures" / "export" / "sample_report.md"
TITLE = "Laporan Magang: Pendampingan Sosial di Dinas Sosial Kota Tanjung Sari"
AUTHOR = "Lidya Mayasari"
CHAPTERS = [
    "BAB I PENDAHULUAN",
    "BAB II PROFIL LEMBAGA",
    "BAB III PELAKSANAAN KEGIATAN",
    "BAB IV STUDI KASUS",
    "BAB V PENUTUP",
]
LOGBOOK_HEADER = ["Tanggal", "Kegiatan", "Jam", "Status"]
LOGBOOK_DATES = [
    "19-02-2024",
    "20-02-2024",
    "22-02-2024",
    "26-02-2024",
    "28-02-2024",
    "04-03-2024",
    "06-03-2024",
    "11-03-2024",
    "13-03-2024",
    "15-03-2024",
]
REFERENCE_STARTS = [
    "Padmasari, K., & Winarno, R. (2022)",
    "Sihombing, E. H. (2021)",
    "Yolanda, T. R., Simatupang, R., & Prayoga, B. (2023)",
]
A4_POINTS = (595.28, 841.89)


@pytest.fixture(scope="module")
def report_md() -> str:
    return FIXTURE.read_text("utf-8")


@pytest.fixture(scope="module")
def docx_path(report_md: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("docx") / "laporan.docx"
    return export_docx(report_md, out, title=TITLE, author=AUTHOR)


@pytest.fixture(scope="module")
def document(docx_path: Path) -> docx.document.Document:
    return docx.Document(str(docx_path))


@pytest.fixture(scope="module")
def pdf_path(report_md: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("pdf") / "laporan.pdf"
    return export_pdf(report_md, out, title=TITLE, author=AUTHOR)


def run(*command: str | Path) -> str:
    """Run a command-line reader and return its stdout."""
    return subprocess.run(
        [str(c) for c in command], check=True, capture_output=True, text=True
    ).stdout


def pdf_page_text(pdf: Path, page: int) -> str:
    return run("pdftotext", "-layout", "-f", str(page), "-l", str(page), pdf, "-")


def pdf_page_size(pdf: Path) -> tuple[float, float]:
    match = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", run("pdfinfo", pdf))
    assert match, "pdfinfo reports no page size"
    return float(match.group(1)), float(match.group(2))


def pdf_pages(pdf: Path) -> int:
    return int(re.search(r"Pages:\s+(\d+)", run("pdfinfo", pdf)).group(1))


def toc_line_number(text: str, entry: str) -> str | None:
    """The page number printed after a Daftar Isi entry's dot leader, if any."""
    match = re.search(re.escape(entry) + r"\s*\.{3,}\s*([0-9ivxlc]+)\s*$", text, re.MULTILINE)
    return match.group(1) if match else None


# ---------------------------------------------------------------------------------------
# DOCX, read back with python-docx
# ---------------------------------------------------------------------------------------


def test_docx_pages_are_a4_with_thesis_margins(document):
    assert len(document.sections) == 2  # front matter (i, ii, ...) and body (1, 2, ...)
    for section in document.sections:
        assert abs(section.page_width - Mm(210)) <= Mm(1)
        assert abs(section.page_height - Mm(297)) <= Mm(1)
        assert abs(section.left_margin - Cm(4)) <= Mm(0.1)
        for margin in (section.right_margin, section.top_margin, section.bottom_margin):
            assert abs(margin - Cm(3)) <= Mm(0.1)


def test_docx_normal_style_is_times_12pt_one_and_a_half(document):
    normal = document.styles["Normal"]
    assert normal.font.name == "Times New Roman"
    assert normal.font.size == Pt(12)
    assert normal.paragraph_format.line_spacing == 1.5
    body = document.styles["Body Text"]
    assert body.paragraph_format.line_spacing == 1.5
    assert body.font.name == "Times New Roman"


def test_docx_no_style_uses_theme_fonts(document):
    styles_xml = document.styles.element
    themed = [
        f for f in styles_xml.iter(qn("w:rFonts")) if any(key.endswith("Theme") for key in f.attrib)
    ]
    assert themed == []


def test_docx_chapters_are_heading_1_on_new_pages(document):
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert [h for h in headings if h.startswith("BAB ")] == CHAPTERS
    assert headings[:2] == ["LEMBAR PERSETUJUAN", "KATA PENGANTAR"]
    assert headings[-1] == "DAFTAR PUSTAKA"
    heading_1 = document.styles["Heading 1"]
    assert heading_1.paragraph_format.page_break_before is True
    assert heading_1.font.size == Pt(14)
    subsections = [p.text for p in document.paragraphs if p.style.name == "Heading 2"]
    assert "3.2 Logbook Kegiatan" in subsections


def test_docx_has_a_toc_field_after_the_front_matter(document):
    body = document.element.body
    instructions = [t.text for t in body.iter(qn("w:instrText")) if t.text]
    assert any(re.match(r'\s*TOC \\o "1-3"', text) for text in instructions)
    begins = [c for c in body.iter(qn("w:fldChar")) if c.get(qn("w:fldCharType")) == "begin"]
    assert begins[0].get(qn("w:dirty")) == "true"  # Word updates the TOC on open
    order = [el for el in body.iterchildren() if el.tag in (qn("w:p"), qn("w:sdt"))]
    toc_index = next(i for i, el in enumerate(order) if el.tag == qn("w:sdt"))
    texts = ["".join(t.text or "" for t in el.iter(qn("w:t"))) for el in order]
    assert texts.index("KATA PENGANTAR") < toc_index < texts.index(CHAPTERS[0])
    assert "Daftar Isi" in texts[toc_index]


def test_docx_toc_is_prefilled_with_pageref_entries(document):
    sdt = next(document.element.body.iter(qn("w:sdt")))
    entries = ["".join(t.text or "" for t in p.iter(qn("w:t"))) for p in sdt.iter(qn("w:p"))][1:]
    headings = [
        p.text
        for p in document.paragraphs
        if p.style.name in ("Heading 1", "Heading 2", "Heading 3")
    ]
    assert [e.removesuffix("#") for e in entries] == headings
    pagerefs = [t.text for t in sdt.iter(qn("w:instrText")) if "PAGEREF" in t.text]
    assert len(pagerefs) == len(headings)
    bookmarks = {b.get(qn("w:name")) for b in document.element.body.iter(qn("w:bookmarkStart"))}
    assert all(ref.split()[1] in bookmarks for ref in pagerefs)


def test_docx_logbook_table_has_header_rows_and_borders(document):
    logbook = next(
        t for t in document.tables if [c.text for c in t.rows[0].cells] == LOGBOOK_HEADER
    )
    assert len(logbook.rows) == 1 + len(LOGBOOK_DATES)
    assert [row.cells[0].text for row in logbook.rows[1:]] == LOGBOOK_DATES
    assert logbook.rows[7].cells[3].text == "Perlu revisi"
    assert logbook.style.name == "Table"
    borders = logbook.style.element.find(f"{qn('w:tblPr')}/{qn('w:tblBorders')}")
    sides = {child.tag.split("}")[1]: child.get(qn("w:val")) for child in borders}
    assert sides == dict.fromkeys(
        ["top", "left", "bottom", "right", "insideH", "insideV"], "single"
    )
    widths = [int(col.get(qn("w:w"))) for col in logbook._tbl.tblGrid.iter(qn("w:gridCol"))]
    assert widths[1] == max(widths)  # the Kegiatan column gets the room
    assert {p.style.name for c in logbook._cells for p in c.paragraphs} == {"Table Text"}
    header_format = logbook.style.element.find(f"{qn('w:tblStylePr')}/{qn('w:rPr')}/{qn('w:b')}")
    assert header_format is not None  # bold header row, from the table style ...
    assert document.styles["Table Text"].font.bold is None  # ... not overridden by the cells


def test_docx_signature_table_is_borderless(document):
    signatures = next(t for t in document.tables if t.rows[0].cells[0].text == "Dosen Pembimbing")
    assert signatures.style.name == "Signature Table"
    borders = signatures.style.element.find(f"{qn('w:tblPr')}/{qn('w:tblBorders')}")
    assert {child.get(qn("w:val")) for child in borders} == {"nil"}


def test_docx_references_use_hanging_indent(document):
    references = [p for p in document.paragraphs if p.style.name == "Bibliography"]
    assert len(references) == 3
    for paragraph, start in zip(references, REFERENCE_STARTS):
        assert paragraph.text.startswith(start)
    fmt = document.styles["Bibliography"].paragraph_format
    assert fmt.first_line_indent == -fmt.left_indent != 0


def test_docx_page_numbers_roman_then_arabic(document):
    front, body = document.sections
    for section in (front, body):
        footer_xml = section.footer._element
        assert any(
            "PAGE" in (f.get(qn("w:instr")) or "") for f in footer_xml.iter(qn("w:fldSimple"))
        )
    numbering = [s._sectPr.find(qn("w:pgNumType")) for s in (front, body)]
    assert [n.get(qn("w:fmt")) for n in numbering] == ["lowerRoman", "decimal"]
    assert numbering[1].get(qn("w:start")) == "1"
    assert front.different_first_page_header_footer  # no number on the title page
    first_of_body = next(p for p in document.paragraphs if p.text == CHAPTERS[0])
    previous = first_of_body._p.getprevious()
    assert previous.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None


def test_docx_metadata_is_explicit_and_has_no_time_or_path(document, docx_path):
    props = document.core_properties
    assert (props.title, props.author, props.language) == (TITLE, AUTHOR, "id-ID")
    assert props.created is None and props.modified is None
    with zipfile.ZipFile(docx_path) as archive:
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        everything = b"".join(archive.read(name) for name in archive.namelist())
    assert str(docx_path.parent).encode() not in everything
    assert b"/tmp" not in everything and str(Path.cwd()).encode() not in everything


def test_docx_export_is_byte_identical(report_md, docx_path, tmp_path):
    again = export_docx(report_md, tmp_path / "again.docx", title=TITLE, author=AUTHOR)
    assert again.read_bytes() == docx_path.read_bytes()


def test_docx_refuses_remote_and_outside_images(tmp_path):
    for source in ("https://example.invalid/foto.png", "/etc/hostname", "../foto.png"):
        markdown_text = f"# BAB I X\n\n![foto]({source})\n"
        with pytest.raises(ExportError, match="image refused"):
            export_docx(
                markdown_text, tmp_path / "x.docx", title="t", author="a", resource_dir=tmp_path
            )
    with pytest.raises(ExportError, match="image refused"):  # no resource folder: no files
        export_docx("![foto](foto.png)\n", tmp_path / "x.docx", title="t", author="a")
    assert not (tmp_path / "x.docx").exists()


def test_docx_embeds_a_local_image_from_the_resource_dir(tmp_path):
    from PIL import Image

    Image.new("RGB", (40, 30), "navy").save(tmp_path / "foto.png")
    markdown_text = "# BAB I X\n\n![Kegiatan asesmen](foto.png)\n\nGambar 1.1 Kegiatan asesmen\n"
    out = export_docx(
        markdown_text, tmp_path / "x.docx", title="t", author="a", resource_dir=tmp_path
    )
    with zipfile.ZipFile(out) as archive:
        media = [name for name in archive.namelist() if name.startswith("word/media/")]
        assert len(media) == 1
        assert archive.read(media[0]) == (tmp_path / "foto.png").read_bytes()
    styles = [
        p.style.name
        for p in docx.Document(str(out)).paragraphs
        if p.text or p._p.xpath(".//w:drawing")
    ]
    assert styles[-2:] == ["Figure", "Image Caption"]  # centred picture, caption below


@pytest.mark.skipif(
    shutil.which("soffice") is None,
    reason="LibreOffice (soffice) not installed: apt-get install "
    "libreoffice-writer-nogui to run the DOCX -> PDF round trip",
)
def test_docx_converts_with_libreoffice_and_toc_gets_page_numbers(docx_path, tmp_path):
    pdf = docx_to_pdf_libreoffice(docx_path, tmp_path / "via-libreoffice.pdf")
    width, height = pdf_page_size(pdf)
    assert abs(width - A4_POINTS[0]) < 0.5 and abs(height - A4_POINTS[1]) < 0.5
    assert pdf_pages(pdf) > 5
    text = run("pdftotext", "-layout", pdf, "-")
    assert toc_line_number(text, "LEMBAR PERSETUJUAN") == "ii"
    assert toc_line_number(text, CHAPTERS[0]) == "1"
    assert toc_line_number(text, "DAFTAR PUSTAKA") not in (None, "#")
    assert "Dosen Pembimbing" in text and "15-03-2024" in text


# ---------------------------------------------------------------------------------------
# PDF, read back with poppler
# ---------------------------------------------------------------------------------------


def test_pdf_is_a4_with_several_pages(pdf_path):
    width, height = pdf_page_size(pdf_path)
    assert abs(width - A4_POINTS[0]) < 0.5 and abs(height - A4_POINTS[1]) < 0.5
    assert pdf_pages(pdf_path) > 1
    info = run("pdfinfo", pdf_path)
    assert f"Title:           {TITLE}" in info and f"Author:          {AUTHOR}" in info
    assert "CreationDate" not in info and "ModDate" not in info


def test_pdf_export_is_byte_identical_and_has_no_path(report_md, pdf_path, tmp_path):
    again = export_pdf(report_md, tmp_path / "again.pdf", title=TITLE, author=AUTHOR)
    assert again.read_bytes() == pdf_path.read_bytes()
    assert str(pdf_path.parent).encode() not in pdf_path.read_bytes()
    assert str(Path.cwd()).encode() not in pdf_path.read_bytes()


def test_pdf_text_has_chapters_toc_logbook_and_references(pdf_path):
    text = run("pdftotext", "-layout", pdf_path, "-")
    flat = " ".join(text.split())
    for chapter in CHAPTERS:  # printed as "BAB I" over "PENDAHULUAN"
        label, title = export.chapter_parts(chapter)
        assert re.search(rf"^\s*{label}\s*$\n\s*{title}\s*$", text, re.MULTILINE), chapter
    assert re.search(r"^\s*DAFTAR ISI\s*$", text, re.MULTILINE)
    assert toc_line_number(text, "LEMBAR PERSETUJUAN") == "ii"
    assert toc_line_number(text, "KATA PENGANTAR") == "iii"
    for chapter in CHAPTERS:
        assert (toc_line_number(text, chapter) or "").isdigit(), chapter
    assert toc_line_number(text, CHAPTERS[0]) == "1"
    assert all(date in text for date in LOGBOOK_DATES)
    assert "Pengurusan rujukan alat bantu dengar untuk klien AR" in flat
    for start in REFERENCE_STARTS:
        assert start in flat


def test_pdf_page_numbers_roman_then_arabic(pdf_path):
    def footer(page: int) -> str:
        return pdf_page_text(pdf_path, page).strip().splitlines()[-1].strip()

    assert footer(1) == "2024"  # the title page carries no number
    assert footer(2) == "ii"
    first_chapter = next(
        p
        for p in range(1, pdf_pages(pdf_path) + 1)
        if re.search(r"^\s*BAB I\s*$", pdf_page_text(pdf_path, p), re.MULTILINE)
    )
    assert footer(first_chapter) == "1"
    assert footer(first_chapter + 1) == "2"


def test_pdf_footnote_sits_at_the_foot_of_its_page(pdf_path):
    page = next(
        p
        for p in range(1, pdf_pages(pdf_path) + 1)
        if "Selama magang, penulis berperan" in pdf_page_text(pdf_path, p)
    )
    lines = [line for line in pdf_page_text(pdf_path, page).splitlines() if line.strip()]
    assert lines[-1].strip() == "3"  # page number
    assert lines[-2].strip().startswith("1. Validasi dilakukan oleh pembimbing lapangan")


def test_pdf_embeds_a_serif_font(pdf_path):
    fonts = run("pdffonts", pdf_path)
    assert re.search(r"Times|Liberation-?Serif|Tinos|DejaVu-?Serif", fonts), fonts
    assert "Sans" not in fonts


def test_pdf_refuses_remote_and_outside_files(tmp_path):
    for source in ("https://example.invalid/foto.png", "/etc/hostname"):
        markdown_text = f"# BAB I X\n\n![foto]({source})\n"
        with pytest.raises(ExportError, match="refused"):
            export_pdf(
                markdown_text, tmp_path / "x.pdf", title="t", author="a", resource_dir=tmp_path
            )
    assert not (tmp_path / "x.pdf").exists()


def test_pdf_embeds_a_local_image_from_the_resource_dir(tmp_path):
    from PIL import Image

    Image.new("RGB", (40, 30), "navy").save(tmp_path / "foto.png")
    markdown_text = "# BAB I X\n\n![Kegiatan asesmen](foto.png)\n\nGambar 1.1 Kegiatan asesmen\n"
    assert '<p class="figure"><img alt="Kegiatan asesmen" src="foto.png"></p>' in (
        markdown_to_html(markdown_text, title="t", author="a", css="")
    )
    pdf = export_pdf(
        markdown_text, tmp_path / "x.pdf", title="t", author="a", resource_dir=tmp_path
    )
    images = run("pdfimages", "-list", pdf).splitlines()[2:]
    assert len(images) == 1 and " 40 " in images[0] and " 30 " in images[0]


# ---------------------------------------------------------------------------------------
# Pure parts
# ---------------------------------------------------------------------------------------


def test_html_splits_front_and_body_matter(report_md):
    html = markdown_to_html(report_md, title=TITLE, author=AUTHOR)
    assert html.startswith('<!DOCTYPE html>\n<html lang="id">')
    assert f'<meta name="author" content="{AUTHOR}">' in html
    front, body = html.split('<section class="body-matter">')
    assert '<section class="front-matter">' in front and "LEMBAR PERSETUJUAN" in front
    assert '<span class="chapter-label">BAB I</span>' in body.split("</h1>")[0]
    assert '<h1 class="toc-title" id="daftar-isi">Daftar Isi</h1>' in front
    assert 'class="front" href="#lembar-persetujuan"' in front
    assert 'href="#bab-i-pendahuluan"' in front and 'class="front" href="#bab-i' not in front


def test_html_inlines_footnotes_and_marks_captions(report_md):
    html = markdown_to_html(report_md, title=TITLE, author=AUTHOR)
    assert (
        'pekan.<span class="footnote"><span>Validasi dilakukan oleh pembimbing '
        "lapangan pada hari Jumat setiap pekan.</span></span>"
    ) in html
    assert 'class="footnote-backref"' not in html and "fnref" not in html
    assert '<p class="caption">Tabel 3.1 Ringkasan' in html


def test_html_without_chapters_is_all_body_and_english_labels():
    html = markdown_to_html(
        "[TOC]\n\n# Introduction\n\nText.\n", title="T", author="A", lang="en", css=""
    )
    assert '<section class="front-matter">' not in html
    assert '<h1 class="toc-title" id="daftar-isi">Table of Contents</h1>' in html


def test_yaml_front_matter_is_dropped(tmp_path):
    text = "---\ntitle: Judul Rahasia\nauthor: X\n---\n# BAB I PENDAHULUAN\n\nIsi.\n"
    assert strip_front_matter(text) == "# BAB I PENDAHULUAN\n\nIsi.\n"
    assert strip_front_matter("# A\n\n---\n\nB\n") == "# A\n\n---\n\nB\n"
    assert "Judul Rahasia" not in markdown_to_html(text, title="t", author="a", css="")
    out = export_docx(text, tmp_path / "x.docx", title="t", author="a")
    assert [p.text for p in docx.Document(str(out)).paragraphs if p.text] == [
        "BAB I PENDAHULUAN",
        "Isi.",
    ]


def test_unknown_language_is_refused():
    with pytest.raises(ExportError, match="unsupported language"):
        markdown_to_html("x", title="t", author="a", lang="fr")


def test_column_fractions_favour_long_text_and_keep_words_whole():
    columns = [
        ["Tanggal", "19-02-2024"],
        ["Kegiatan", "Orientasi lembaga " * 5],
        ["Jam", "8"],
        ["Status", "Tervalidasi"],
    ]
    fractions = column_fractions(columns, budget=64)
    assert abs(sum(fractions) - 1) < 1e-9
    assert fractions[1] == max(fractions)
    assert fractions[2] * 64 >= len("Jam") + 2 - 1e-9
    assert column_fractions([["a"], ["b"]]) == [0.5, 0.5]


def test_prepare_docx_ast_maps_markers_and_divs():
    ast = {
        "pandoc-api-version": [1, 23],
        "meta": {},
        "blocks": [
            {"t": "Para", "c": [{"t": "Str", "c": "[TOC]"}]},
            {"t": "Div", "c": [["", ["title-page"], [["markdown", "1"]]], []]},
            {
                "t": "Para",
                "c": [{"t": "Str", "c": "Tabel"}, {"t": "Space"}, {"t": "Str", "c": "3.1"}],
            },
        ],
    }
    toc, title_page, caption = prepare_docx_ast(ast, lang="id")["blocks"]
    assert toc == {"t": "RawBlock", "c": ["openxml", toc_field_openxml(export.LABELS["id"])]}
    assert title_page["c"][0] == ["", ["title-page"], [["custom-style", "Title Page"]]]
    assert caption["c"][0][2] == [["custom-style", "Table Caption"]]
    assert prepare_docx_ast(ast)["meta"]["lang"]["c"] == "id-ID"
    assert ast["blocks"][0]["t"] == "Para"  # the input is not modified


def test_missing_pandoc_names_what_to_install(monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "pypandoc", None)
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(ExportError, match="pip install pypandoc_binary"):
        export_docx("# BAB I X\n", tmp_path / "x.docx", title="t", author="a")


def test_missing_weasyprint_names_what_to_install(monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "weasyprint", None)
    with pytest.raises(ExportError, match="pip install weasyprint.*libpango-1.0-0"):
        export_pdf("# BAB I X\n", tmp_path / "x.pdf", title="t", author="a")


def test_missing_libreoffice_names_what_to_install(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(ExportError, match="libreoffice-writer-nogui"):
        docx_to_pdf_libreoffice(tmp_path / "x.docx", tmp_path / "x.pdf")
