"""``casebook bundle``: one reader's interns only, in every file; locked, no case text in clear."""

from __future__ import annotations

import json
import shutil
import zipfile

import pytest
from click.testing import CliRunner
from conftest import REPO, copy_sample

from generator.build.project import load_project
from generator.bundle import audit, lock
from generator.bundle.make import make_bundle
from generator.bundle.readers import UnknownReader, for_reader, interns_of, known_readers
from generator.cli import cli

pytestmark = pytest.mark.slow
PASSPHRASE = "kata-sandi-contoh-2026"


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory):
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CASEBOOK_TODAY", "2026-11-22")
        root = copy_sample(tmp_path_factory.mktemp("bundle") / "project")
        shutil.copytree(REPO / "content", root / "content")
        loaded, problems = load_project(root)
    assert not [p for p in problems if p.is_error]
    return loaded


@pytest.fixture(scope="module")
def open_bundle(project, tmp_path_factory):
    out = tmp_path_factory.mktemp("open") / "dsn-01"
    return make_bundle(project, "DSN-01", out)


@pytest.fixture(scope="module")
def locked_bundle(project, tmp_path_factory):
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("CASEBOOK_EXPORTS")  # the report's .docx and .pdf too
        out = tmp_path_factory.mktemp("locked") / "dsn-01"
        return make_bundle(project, "DSN-01", out, passphrase=PASSPHRASE)


def test_readers_are_the_ids_and_universities_of_the_intern_files(project):
    assert known_readers(project)[:3] == ["DSN-01", "DSN-02", "DSN-03"]
    assert interns_of(project, "DSN-01") == ["dewi-lestari-2025"]
    assert interns_of(project, "PS-01") == ["dewi-lestari-2025", "intan-kusuma-2025"]
    assert interns_of(project, "universitas bumi cendana") == ["fajar-nugroho-2025"]


def test_the_project_is_narrowed_before_rendering(project):
    mine = for_reader(project, "DSN-01")
    assert list(mine.interns) == ["dewi-lestari-2025"]
    assert {a for doc in mine.cases.values() for a in doc.index.authors} == {"dewi-lestari-2025"}
    assert len(project.interns) == 3  # the loaded project itself is untouched


def test_an_unknown_reader_is_refused_with_the_known_ones(project, tmp_path):
    with pytest.raises(UnknownReader) as raised:
        make_bundle(project, "DSN-99", tmp_path / "x")
    assert raised.value.message("id").startswith("Tidak ada mahasiswa yang dibimbing oleh 'DSN-99'")
    assert "DSN-01, DSN-02, DSN-03" in raised.value.message("en")
    assert not (tmp_path / "x").exists()


def test_one_lecturers_bundle_holds_nothing_of_another_lecturers_interns(project, open_bundle):
    others = audit.Forbidden.outside(project, for_reader(project, "DSN-01"))
    assert "Fajar Nugroho Wicaksono" in others.strings and "K-2025-0040" in others.strings
    assert sum(what.endswith("kalimat") for what in others.strings.values()) > 400
    folder = audit.audit_bundle(open_bundle.folder, others, {})
    assert folder.ok, folder.findings[:5]
    assert folder.files > 100
    archive = audit.audit_archive(open_bundle.archive, others, {})
    assert archive.ok, archive.findings[:5]
    index = (open_bundle.folder / "search" / "search_index.js").read_text(encoding="utf-8")
    assert "dewi-lestari-2025" in index and "fajar-nugroho-2025" not in index


def test_the_audit_finds_what_it_looks_for(project, open_bundle, tmp_path):
    """The audit is not vacuous: a leaked sentence of another intern's case is found, in a
    page and inside a zip member."""
    others = audit.Forbidden.outside(project, for_reader(project, "DSN-01"))
    sentence = next(s for s, what in others.strings.items() if what.endswith("kalimat"))
    copy = tmp_path / "copy"
    shutil.copytree(open_bundle.folder, copy)
    (copy / "kantor.html").write_text(f"<p>{sentence}</p>", encoding="utf-8")
    with zipfile.ZipFile(copy / "x.docx", "w") as docx:
        docx.writestr("word/document.xml", json.dumps(sentence))
    findings = audit.audit_bundle(copy, others, {}).findings
    assert any(f.startswith("kantor.html: kasus lain") for f in findings)
    assert any(f.startswith("x.docx!word/document.xml: kasus lain") for f in findings)


def test_the_open_bundle_works_offline_and_asks_not_to_be_indexed(open_bundle):
    folder = open_bundle.folder
    assert (folder / "robots.txt").read_text() == "User-agent: *\nDisallow: /\n"
    assert (folder / "search" / "search_index.js").read_text().startswith("var __index = ")
    assert not (folder / "search" / "search_index.json").exists()
    assert not (folder / "sitemap.xml").exists()
    home = (folder / "index.html").read_text(encoding="utf-8")
    assert '<meta name="robots" content="noindex, nofollow">' in home
    assert 'href="kasus/index.html"' in home  # file links, not folders
    assert "assets/casebook/offline-worker.js" in home
    assert "https://unpkg.com" not in home


def test_no_file_of_a_locked_bundle_holds_a_case_sentence_in_clear(project, locked_bundle):
    mine = for_reader(project, "DSN-01")
    own = audit.case_sentences(mine)
    assert len(own) > 250
    others = audit.Forbidden.outside(project, mine)
    assert locked_bundle.audit.ok and locked_bundle.audit.strings == len(others.strings) + len(own)
    assert audit.audit_bundle(locked_bundle.folder, others, own).ok
    assert audit.audit_archive(locked_bundle.archive, others, own).ok
    assert locked_bundle.counts["pages"] > 60 and locked_bundle.counts["files"] == 2
    names = {p.relative_to(locked_bundle.folder).as_posix() for p in locked_bundle.folder.rglob("*")}
    assert "laporan/unduh/dewi-lestari-2025.docx.js" in names
    assert "laporan/unduh/dewi-lestari-2025.docx" not in names


def test_a_locked_page_opens_with_the_passphrase_and_only_with_it(locked_bundle):
    page = (locked_bundle.folder / "kasus" / "K-2025-0001.html").read_text(encoding="utf-8")
    assert '<meta name="robots" content="noindex, nofollow">' in page
    assert "Berkas telaah terkunci" in page and "../assets/casebook/unlock.js" in page
    box = json.loads(page.split('id="casebook-locked">', 1)[1].split("</script>", 1)[0])
    assert box["iterations"] == lock.ITERATIONS >= 600_000 and box["kdf"] == "PBKDF2-SHA256"
    import base64

    sealer = lock.Sealer.from_passphrase(PASSPHRASE, salt=base64.b64decode(box["salt"]))
    html = sealer.open(box).decode("utf-8")
    assert "Kasus K-2025-0001" in html and "assets/casebook/locked-files.js" in html
    wrong = lock.Sealer.from_passphrase("bukan-kata-sandinya", salt=sealer.salt)
    with pytest.raises(Exception, match="InvalidTag|^$"):
        wrong.open(box)
    moved = {**box, "path": "kasus/K-2025-0002.html"}  # a sealed page cannot be swapped
    with pytest.raises(Exception, match="InvalidTag|^$"):
        sealer.open(moved)


def test_the_command_says_what_it_made_and_refuses_a_short_passphrase(project, tmp_path):
    runner = CliRunner()
    short = tmp_path / "short.txt"
    short.write_text("pendek\n")
    result = runner.invoke(cli, ["bundle", "--for", "DSN-02", "--out", str(tmp_path / "b"),
                                 "--passphrase-file", str(short), "-p", str(project.root)])
    assert result.exit_code == 1
    assert "Kata sandi terlalu pendek (6 karakter)" in result.output
    result = runner.invoke(cli, ["bundle", "--for", "nobody", "--out", str(tmp_path / "b"),
                                 "-p", str(project.root), "--lang", "en"])
    assert result.exit_code == 1 and "Known readers: DSN-01" in result.output
