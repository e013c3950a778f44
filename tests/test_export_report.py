"""``casebook export report``: DOCX and PDF of a sample report, read back by real readers."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from generator.build.project import load_project
from generator.cli import cli
from generator.render.report import build_report

SAMPLE = Path(__file__).resolve().parents[1]
INTERN = "dewi-lestari-2025"
TODAY = "2026-11-22"


@pytest.fixture(autouse=True)
def pinned_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CASEBOOK_TODAY", TODAY)
    monkeypatch.setenv("CASEBOOK_EXPORTS", "none")  # casebook.yml may ask for exports


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The sample report exported once as DOCX and PDF through the command line."""
    folder = tmp_path_factory.mktemp("export")
    files = {}
    for fmt in ("docx", "pdf"):
        target = folder / f"{INTERN}.{fmt}"
        run = subprocess.run(
            [
                sys.executable,
                "-m",
                "generator",
                "export",
                "report",
                INTERN,
                "--format",
                fmt,
                "--out",
                str(target),
                "--project",
                str(SAMPLE),
            ],
            capture_output=True,
            text=True,
            check=False,
            env={**_env(), "CASEBOOK_TODAY": TODAY},
        )
        assert run.returncode == 0, run.stderr
        assert run.stdout.strip() == str(target)
        files[fmt] = target
    return files


def _env() -> dict[str, str]:
    import os

    return {k: v for k, v in os.environ.items() if k != "CASEBOOK_EXPORTS"}


def logbook_entries() -> list[dict]:
    return yaml.safe_load((SAMPLE / "interns" / INTERN / "logbook.yaml").read_text("utf-8"))[
        "entries"
    ]


# ---------------------------------------------------------------- DOCX read back by python-docx


def test_docx_has_headings_toc_logbook_and_references(exported):
    import docx
    from docx.shared import Mm

    document = docx.Document(str(exported["docx"]))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    for wanted in (
        "LEMBAR PERSETUJUAN",
        "BAB I PENDAHULUAN",
        "BAB II PROFIL LEMBAGA",
        "BAB III PELAKSANAAN KEGIATAN",
        "BAB IV STUDI KASUS",
        "BAB V PENUTUP",
        "DAFTAR PUSTAKA",
        "LAMPIRAN",
    ):
        assert wanted in headings
    assert headings.index("BAB I PENDAHULUAN") < headings.index("DAFTAR PUSTAKA")
    instructions = " ".join(
        node.text or ""
        for node in document.element.body.iter(
            "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}instrText"
        )
    )
    assert "TOC \\o" in instructions
    section = document.sections[0]
    assert abs(section.page_width - Mm(210)) < Mm(1) and abs(section.page_height - Mm(297)) < Mm(1)
    table = next(
        t
        for t in document.tables
        if [c.text for c in t.rows[0].cells][:3] == ["No", "Tanggal", "Kegiatan"]
    )
    assert [c.text for c in table.rows[0].cells] == [
        "No",
        "Tanggal",
        "Kegiatan",
        "Uraian",
        "Jam",
        "Kasus",
        "Status validasi",
    ]
    entries = logbook_entries()
    assert len(table.rows) == len(entries) + 1
    assert entries[0]["description"].rstrip(".") in table.rows[1].cells[3].text
    texts = [p.text for p in document.paragraphs]
    assert any(
        t.startswith("Wibowo, A. S. (2019). Manajemen kasus dalam praktik pekerjaan sosial.")
        for t in texts
    )
    assert document.core_properties.author == "Dewi Lestari Anggraini"


# ---------------------------------------------------------------- PDF read by pdfinfo / pdftotext


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils not installed")
def test_pdf_is_a4_with_headings_toc_logbook_and_references(exported):
    info = subprocess.run(
        ["pdfinfo", str(exported["pdf"])], capture_output=True, text=True, check=True
    )
    assert "Page size:       595.276 x 841.89 pts (A4)" in info.stdout
    text = subprocess.run(
        ["pdftotext", "-layout", str(exported["pdf"]), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    flat = " ".join(text.split())
    for wanted in (
        "LEMBAR PERSETUJUAN",
        "DAFTAR ISI",
        "BAB I",
        "PENDAHULUAN",
        "BAB IV",
        "STUDI KASUS",
        "DAFTAR PUSTAKA",
        "LAMPIRAN",
        "Lampiran 1 Logbook Kegiatan",
    ):
        assert wanted in flat, wanted
    assert flat.index("DAFTAR ISI") < flat.index("PENDAHULUAN")
    first = logbook_entries()[0]
    assert first["date"].strftime("%d-%m-%Y") in flat and "Orientasi Bidang" in flat
    assert "Wibowo, A. S. (2019)." in flat


# ---------------------------------------------------------------- the command


def test_markdown_export_is_the_generated_report(tmp_path):
    target = tmp_path / "laporan.md"
    result = CliRunner().invoke(
        cli,
        [
            "export",
            "report",
            INTERN,
            "-f",
            "md",
            "-m",
            "article",
            "-o",
            str(target),
            "-p",
            str(SAMPLE),
        ],
    )
    assert result.exit_code == 0, result.output
    project, _ = load_project(SAMPLE)
    assert target.read_text("utf-8") == build_report(project, INTERN, mode="article").markdown


def test_unknown_intern_fails(tmp_path):
    result = CliRunner().invoke(
        cli, ["export", "report", "tidak-ada", "-f", "md", "-p", str(SAMPLE)]
    )
    assert result.exit_code == 1
    assert "tidak ditemukan" in result.output


def test_errors_in_the_interns_files_stop_the_export(sample_copy, tmp_path):
    review = sample_copy / "interns" / INTERN / "review.yaml"
    review.write_text(
        review.read_text("utf-8").replace("case: K-2025-0001", "case: K-2099-0001"), "utf-8"
    )
    target = tmp_path / "x.md"
    result = CliRunner().invoke(
        cli, ["export", "report", INTERN, "-f", "md", "-o", str(target), "-p", str(sample_copy)]
    )
    assert result.exit_code == 1
    assert "review_record.anchor_case" in result.output and not target.exists()


# ---------------------------------------------------------------- downloads on the review site


def test_site_downloads_are_opt_in_and_cached(sample_copy, monkeypatch):
    from generator.export import downloads as command

    calls: list[tuple[str, Path]] = []

    def fake_export(markdown_text, fmt, target, *, title, author, resource_dir=None):
        calls.append((fmt, target))
        target.write_bytes(f"{fmt}:{len(markdown_text)}".encode())
        return target

    monkeypatch.setattr(command, "export_markdown", fake_export)
    project, _ = load_project(sample_copy)
    assert command.site_downloads(project) == {}
    monkeypatch.setenv("CASEBOOK_EXPORTS", "docx,pdf")
    first = command.site_downloads(project)
    interns = sorted(project.interns)
    assert sorted(first) == sorted(
        f"laporan/unduh/{i}.{f}" for i in interns for f in ("docx", "pdf")
    )
    assert len(calls) == 2 * len(interns)
    assert command.site_downloads(project) == first and len(calls) == 2 * len(interns)
    chapter = sample_copy / "interns" / INTERN / "chapters" / "penutup.md"
    chapter.write_text(chapter.read_text("utf-8") + "\nTambahan.\n", "utf-8")
    changed, _ = load_project(sample_copy)
    command.site_downloads(changed)
    assert len(calls) == 2 * len(interns) + 2
    cache = sample_copy / ".casebook" / "exports"
    assert len(list(cache.glob(f"{INTERN}.*.docx"))) == 1


@pytest.mark.slow
def test_review_site_links_the_interns_files(sample_copy, monkeypatch, tmp_path):
    from generator.build.pipeline import build
    from generator.export import downloads as command

    monkeypatch.setattr(
        command,
        "export_markdown",
        lambda text, fmt, target, **_: target.write_bytes(b"%" + fmt.encode()) and target,
    )
    monkeypatch.setenv("CASEBOOK_EXPORTS", "docx,pdf")
    result = build(sample_copy, audiences=("review",), out=tmp_path / "site")
    assert result.ok, result.error or [p for p in result.problems if p.is_error]
    site = tmp_path / "site" / "review"
    assert (site / "laporan" / "unduh" / f"{INTERN}.docx").read_bytes() == b"%docx"
    page = (site / "telaah" / INTERN / "index.html").read_text("utf-8")
    assert f'href="../../laporan/unduh/{INTERN}.pdf"' in page
    assert f'href="../../laporan/{INTERN}/"' in page
    cohort = (site / "telaah" / "index.html").read_text("utf-8")
    assert "Telaah kohort" in cohort and f'href="{INTERN}/"' in cohort
