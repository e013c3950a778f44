"""Real builds of the sample project with MkDocs + Material (slow)."""

from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import REPO, copy_sample

from generator.build.pipeline import build
from generator.build.project import load_project
from generator.cli import cli

pytestmark = pytest.mark.slow

RAW_YAML = re.compile(
    r"\b(schema_version|taxonomy_version|case_id|presenting_problem|field_supervisor)\s*:"
)


def sample_project(target: Path) -> Path:
    """A private copy of the sample: data, mkdocs.yml and the hand-written content/."""
    root = copy_sample(target)
    if (REPO / "content").is_dir():
        shutil.copytree(REPO / "content", root / "content")
    return root


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under folder → its SHA-256."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory):
    """The sample built once (strict), with its project and output folder."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CASEBOOK_TODAY", "2026-11-22")
        root = sample_project(tmp_path_factory.mktemp("sample") / "project")
        out = root / "site"
        result = build(root, audiences=("review",), out=out, strict=True)
        project, _ = load_project(root)
    assert result.ok, result.error or [p.code for p in result.problems]
    return root, out / "review", project


def test_a_page_for_every_case_and_intern(built):
    _, site, project = built
    assert project.cases and project.interns
    for case_id in project.cases:
        page = site / "kasus" / case_id / "index.html"
        assert page.is_file(), case_id
        assert f"Kasus {case_id}" in page.read_text(encoding="utf-8")
    for intern_id, doc in project.interns.items():
        page = site / "mahasiswa" / intern_id / "index.html"
        assert page.is_file(), intern_id
        assert doc.intern.name in page.read_text(encoding="utf-8")
    for index in (
        "index.html",
        "kasus/index.html",
        "kasus/kategori/index.html",
        "kasus/mahasiswa/index.html",
        "mahasiswa/index.html",
        "kantor/index.html",
        "panduan/index.html",
    ):
        assert (site / index).is_file(), index


def test_no_yaml_file_and_no_raw_yaml_text_in_the_site(built):
    _, site, _ = built
    files = [p for p in site.rglob("*") if p.is_file()]
    assert not [p for p in files if p.suffix in (".yaml", ".yml")]
    for path in files:
        if path.suffix in (".html", ".json", ".xml", ".txt", ".md"):
            found = RAW_YAML.search(path.read_text(encoding="utf-8", errors="replace"))
            assert found is None, f"{path.relative_to(site)}: {found.group(0)}"


def test_the_nav_never_lists_the_case_pages(built):
    _, site, project = built
    office = (site / "kantor" / "index.html").read_text(encoding="utf-8")
    nav = office.split('class="md-sidebar md-sidebar--primary"', 1)[1].split("</nav>", 1)[0]
    assert "Kasus" in nav and "kasus/kategori/" in nav
    assert not any(case_id in nav for case_id in project.cases)
    assert not any(f"mahasiswa/{intern_id}/" in nav for intern_id in project.interns)


def test_search_index_holds_the_narratives(built):
    _, site, project = built
    index = (site / "search" / "search_index.json").read_text(encoding="utf-8")
    for case_id in project.cases:
        assert f'"location":"kasus/{case_id}/"' in index


def test_two_builds_are_byte_identical_and_the_cli_builds_the_same(built, tmp_path, monkeypatch):
    root, site, _ = built
    monkeypatch.setenv("CASEBOOK_TODAY", "2026-11-22")
    again = tmp_path / "again"
    result = CliRunner().invoke(
        cli,
        ["build", "--project", str(root), "--audience", "review", "--strict", "--out", str(again)],
    )
    assert result.exit_code == 0, result.output
    assert "Situs review selesai" in result.stderr
    assert snapshot(again / "review") == snapshot(site)


def test_an_invalid_case_leaves_the_previous_site_and_is_reported_with_its_position(
    built, tmp_path, monkeypatch
):
    monkeypatch.setenv("CASEBOOK_TODAY", "2026-11-22")
    root = sample_project(tmp_path / "project")
    out = tmp_path / "out"
    assert build(root, audiences=("review",), out=out).ok
    before = snapshot(out / "review")
    source = (root / "cases" / "K-2025-0001.yaml").read_text(encoding="utf-8")
    broken = source.replace("case_id: K-2025-0001", "case_id: K-2025-0999")
    broken = broken.replace("  sex: laki_laki", "  sex: lelaki")
    (root / "cases" / "K-2025-0999.yaml").write_text(broken, encoding="utf-8")
    line = broken.splitlines().index("  sex: lelaki") + 1
    result = CliRunner().invoke(
        cli, ["build", "--project", str(root), "--audience", "review", "--out", str(out)]
    )
    assert result.exit_code == 1
    assert f"cases/K-2025-0999.yaml:{line}:8" in result.stderr
    assert "lelaki" in result.stderr
    assert snapshot(out / "review") == before


def test_the_engine_runs_with_the_project_freed(tmp_path, monkeypatch):
    """The engine reads the written trees: the project, with its models and pages (hundreds of
    MB at 10,000 cases), is freed before it runs."""
    import gc

    from generator.build import pipeline
    from generator.model.project import Project

    monkeypatch.setenv("CASEBOOK_TODAY", "2026-11-22")
    root = sample_project(tmp_path / "project")
    alive = []
    stage_engine = pipeline.stage_engine

    def counting(ready, project_root, **kwargs):
        alive.append(sum(isinstance(o, Project) and o.root.resolve() == root.resolve()
                         for o in gc.get_objects()))
        return stage_engine(ready, project_root, **kwargs)

    monkeypatch.setattr(pipeline, "stage_engine", counting)
    assert build(root, audiences=("review",), out=tmp_path / "site").ok
    assert alive == [0]
