"""Hard faults are errors with a place: a message and exit 1, never a traceback, and no litter.

Covers: a chapter that is not UTF-8 or links out of the project, content/ files that link out
or are not pages and images, ``site/public`` as a symlink, an output folder that cannot be
written, two builds at once (the lock), stale staging folders of a killed build, a publish
killed between the two audiences, ``casebook audit /``, ``casebook check`` on a missing path
and an export to a full disk.
"""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.build.pipeline import build, content_files, lock_folder
from generator.build.project import load_project
from generator.cli import cli
from generator.site import publish

TODAY = {"CASEBOOK_TODAY": "2026-11-22"}
INTERN = "dewi-lestari-2025"


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    monkeypatch.setenv("CASEBOOK_TODAY", TODAY["CASEBOOK_TODAY"])


def run_cli(root: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, **TODAY, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=root,
                          capture_output=True, text=True, env=env, check=False, timeout=300)


def codes(problems, file: str) -> set[str]:
    return {p.code for p in problems if p.file == file}


# ---------------------------------------------------------------- authored files


def test_a_chapter_that_is_not_utf8_is_a_located_error(sample_copy):
    chapter = sample_copy / "interns" / INTERN / "chapters" / "lampiran.md"
    chapter.write_bytes(b"# Lampiran\n\nBaik.\n\xff\xfe rusak\n")
    _, problems = load_project(sample_copy)
    found = [p for p in problems if p.file.endswith("chapters/lampiran.md")]
    assert [(p.code, p.line) for p in found] == [("file.encoding", 4)]


def test_a_chapter_linked_out_of_the_project_is_never_read(sample_copy, tmp_path):
    outside = tmp_path / "rahasia.md"
    outside.write_text("# Rahasia\n\nNIM 1234567890 dan isi berkas sistem.\n", encoding="utf-8")
    (sample_copy / "interns" / INTERN / "chapters" / "lampiran.md").symlink_to(outside)
    project, problems = load_project(sample_copy)
    assert codes(problems, f"interns/{INTERN}/chapters/lampiran.md") == {"file.outside_project"}
    assert "lampiran" not in project.interns[INTERN].chapters


def test_content_links_and_data_never_reach_a_site(sample_copy):
    content = sample_copy / "content"
    content.mkdir()
    (content / "index.md").write_text("# Beranda\n", encoding="utf-8")
    private = sample_copy / "private"
    private.mkdir()
    (private / "denylist.txt").write_text("Sutrisno Wiryadinata\n", encoding="utf-8")
    (content / "daftar.txt").symlink_to(private / "denylist.txt")
    (content / "nama.md").symlink_to(private / "denylist.txt")
    (content / "kasus.md").symlink_to(sample_copy / "cases" / "K-2025-0001.yaml")
    (content / "gambar.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', encoding="utf-8"
    )
    _, problems = load_project(sample_copy)
    assert codes(problems, "content/nama.md") == {"file.outside_project"}
    assert codes(problems, "content/kasus.md") == {"file.outside_project"}
    assert codes(problems, "content/daftar.txt") == {"file.outside_project"}
    assert codes(problems, "content/gambar.svg") == {"file.active_svg"}
    result = build(sample_copy, audiences=("review", "public"))
    assert result.invalid and not (sample_copy / "site").exists()  # an error: nothing built
    for audience in ("review", "public"):  # and even forced, the tree never takes them
        assert sorted(content_files(sample_copy, audience)) == ["index.md"]


# ---------------------------------------------------------------- the output folder


@pytest.mark.slow
def test_site_public_as_a_symlink_is_refused(sample_copy, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (sample_copy / "site").mkdir()
    (sample_copy / "site" / "public").symlink_to(elsewhere)
    done = run_cli(sample_copy, "build")
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert "site/public: tautan simbolik" in done.stderr
    assert list(elsewhere.iterdir()) == []


def test_an_output_folder_that_cannot_be_written_is_a_message(sample_copy):
    (sample_copy / "keluaran").write_text("bukan folder\n", encoding="utf-8")
    result = build(sample_copy, audiences=("review",), out=sample_copy / "keluaran")
    assert not result.ok
    assert "keluaran: folder keluaran tidak dapat ditulis" in result.error


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_site_folder_is_a_message(sample_copy):
    site = sample_copy / "site"
    site.mkdir()
    site.chmod(0o555)
    try:
        result = build(sample_copy, audiences=("review",))
    finally:
        site.chmod(0o755)
    assert "tidak dapat ditulis" in result.error


def test_a_second_build_waits_then_refuses(sample_copy, monkeypatch):
    monkeypatch.setenv("CASEBOOK_LOCK_WAIT", "0")
    with publish.build_lock(lock_folder(sample_copy)):
        result = build(sample_copy, audiences=("review",))
    assert not result.ok
    assert "build lain sedang berjalan" in result.error
    assert not (sample_copy / "site" / "review").exists()


def test_the_lock_is_free_again_after_a_build(sample_copy, monkeypatch):
    monkeypatch.setenv("CASEBOOK_LOCK_WAIT", "0")
    with publish.build_lock(lock_folder(sample_copy)):
        pass
    acquired = threading.Event()

    def hold():
        with publish.build_lock(lock_folder(sample_copy), wait=0):
            acquired.set()

    thread = threading.Thread(target=hold)
    thread.start()
    thread.join(timeout=10)
    assert acquired.is_set()


@pytest.mark.slow
def test_stale_staging_folders_are_removed_at_the_next_build(sample_copy):
    site = sample_copy / "site"
    for name in (".review.build-abc123", ".public.build-x", ".review.old-zz"):
        (site / name / "assets").mkdir(parents=True)
        (site / name / "index.html").write_text("lama", encoding="utf-8")
    result = build(sample_copy, audiences=("review", "public"))
    assert result.ok, result.error
    assert sorted(p.name for p in site.iterdir() if not p.name.startswith(".casebook")) == [
        "public", "review"
    ]


def test_a_publish_killed_between_audiences_is_finished_by_the_next_build(tmp_path):
    out = tmp_path / "site"
    for audience in ("review", "public"):
        (out / audience).mkdir(parents=True)
        (out / audience / "index.html").write_text("lama", encoding="utf-8")
        staging = out / f".{audience}.build-1"
        staging.mkdir()
        (staging / "index.html").write_text("baru", encoding="utf-8")
    pairs = [[str(out / f".{a}.build-1"), str(out / a)] for a in ("public", "review")]
    (out / publish.JOURNAL_NAME).write_text(json.dumps(pairs), encoding="utf-8")
    publish.swap_into_place(out / ".public.build-1", out / "public")  # then the build was killed
    publish.clean_stale(out)
    assert (out / "review" / "index.html").read_text(encoding="utf-8") == "baru"
    assert (out / "public" / "index.html").read_text(encoding="utf-8") == "baru"
    assert sorted(p.name for p in out.iterdir()) == ["public", "review"]


@pytest.mark.slow
def test_a_failing_audience_publishes_neither(sample_copy, monkeypatch):
    first = build(sample_copy, audiences=("review", "public"))
    assert first.ok, first.error
    before = (sample_copy / "site" / "review" / "index.html").read_bytes()
    case = sample_copy / "cases" / "K-2025-0001.yaml"
    case.write_text(case.read_text(encoding="utf-8").replace("Kota Sukamaju", "Kota Sukamaju "),
                    encoding="utf-8")
    from generator.privacy import check

    monkeypatch.setattr(check.PublicGuard, "check_site", lambda self, site, engine_files=frozenset(): ["ditolak / refused"])
    second = build(sample_copy, audiences=("review", "public"))
    assert not second.ok
    assert (sample_copy / "site" / "review" / "index.html").read_bytes() == before
    assert not [p for p in (sample_copy / "site").iterdir() if ".build-" in p.name]


# ---------------------------------------------------------------- the command line


def test_check_on_a_missing_path_is_an_error(sample_copy):
    done = run_cli(sample_copy, "check", "cases/K-2099-9999.yaml")
    assert done.returncode == 1
    assert "cases/K-2099-9999.yaml:1:1  -  galat[file.not_found]" in done.stdout
    assert "Traceback" not in done.stderr
    english = run_cli(sample_copy, "check", "--lang", "en", "tidak-ada/")
    assert "error[file.not_found] this file or folder does not exist" in english.stdout


def test_audit_of_the_root_folder_is_refused(sample_copy):
    runner = CliRunner()
    result = runner.invoke(cli, ["audit", "/", "--project", str(sample_copy)])
    assert result.exit_code == 1
    assert "bukan folder situs yang dibangun" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


@pytest.mark.slow
def test_an_export_to_a_full_disk_is_a_message(sample_copy, monkeypatch, tmp_path):
    def full(self, data):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(Path, "write_bytes", full)
    runner = CliRunner()
    target = tmp_path / "laporan.pdf"
    result = runner.invoke(
        cli, ["export", "report", INTERN, "--format", "pdf", "--out", str(target),
              "--project", str(sample_copy)]
    )
    assert result.exit_code == 1, result.output
    assert "No space left on device" in result.output
    assert "tidak dapat ditulis" in result.output
    assert not target.exists()


# ---------------------------------------------------------------- taxonomy overrides


def test_a_taxonomy_override_error_names_its_file_and_line(sample_copy):
    folder = sample_copy / "taxonomies"
    folder.mkdir(exist_ok=True)
    (folder / "rusak.yaml").write_text(
        'version: "2025.1"\nvocabularies:\n  ppks_category:\n    label: {id: PPKS, en: PPKS}\n'
        "    entries:\n      - {code: a, id: A}\n",
        encoding="utf-8",
    )
    _, problems = load_project(sample_copy)
    found = [p for p in problems if p.code == "field.invalid" and "rusak" in p.file]
    assert [(p.file, p.line) for p in found] == [("taxonomies/rusak.yaml", 3)]


def test_a_taxonomy_yaml_error_gives_the_line_of_the_mark(sample_copy):
    folder = sample_copy / "taxonomies"
    folder.mkdir(exist_ok=True)
    (folder / "rusak.yaml").write_text('version: "2025.1"\nvocabularies: [\n  x: y\n',
                                       encoding="utf-8")
    _, problems = load_project(sample_copy)
    found = [p for p in problems if p.code == "field.invalid" and "rusak" in p.file]
    assert len(found) == 1 and found[0].file == "taxonomies/rusak.yaml" and found[0].line > 1


def test_a_taxonomy_linked_out_of_the_project_is_not_read(sample_copy, tmp_path):
    folder = sample_copy / "taxonomies"
    folder.mkdir(exist_ok=True)
    outside = tmp_path / "luar.yaml"
    outside.write_text('version: "2025.1"\nvocabularies: {}\n', encoding="utf-8")
    (folder / "luar.yaml").symlink_to(outside)
    _, problems = load_project(sample_copy)
    found = [p for p in problems if p.code == "field.invalid" and "luar" in p.file]
    assert found and "symbolic link" in dict(found[0].params)["detail"]
