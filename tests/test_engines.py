"""The generated tree builds with every supported engine, and without Casebook's own plugins.

MkDocs 1.x has ended and Material reaches end of life in May 2027: the sample's review and
public trees are built here with MkDocs (in process, Casebook's default), with MkDocs from the
command line on the tree's own mkdocs.yml (no Casebook plugin), with ProperDocs and with
Zensical; the public site built by each engine passes the leak audit (slow)."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO, copy_sample
from test_public_site import ALLOW

from generator.build.pipeline import build, docs_folder
from generator.privacy.audit import audit_site
from generator.privacy.denylist import DenyList
from generator.site import engine as site

pytestmark = pytest.mark.slow

DENYLIST_FILE = REPO / "tests" / "fixtures" / "privacy" / "denylist.synthetic.txt"
AUDIENCES = ("review", "public")


def sample_project(target: Path, engine: str | None = None) -> Path:
    """A copy of the sample with its content/, the synthetic deny-list and the chosen engine."""
    root = copy_sample(target)
    shutil.copytree(REPO / "content", root / "content")
    (root / "private").mkdir()
    shutil.copy(DENYLIST_FILE, root / "private" / "denylist.txt")
    if engine:
        with (root / "casebook.yml").open("a", encoding="utf-8") as settings:
            settings.write(f"engine: {engine}\n")
    return root


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under folder → its SHA-256."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def build_sample(root: Path) -> Path:
    result = build(root, audiences=AUDIENCES, out=root / "site", strict=True)
    assert result.ok, result.error or [p.code for p in result.problems]
    return root / "site"


@pytest.fixture(scope="module")
def with_mkdocs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CASEBOOK_TODAY", "2026-11-22")
        root = sample_project(tmp_path_factory.mktemp("mkdocs") / "project")
        build_sample(root)
    return root


@pytest.mark.parametrize("audience", AUDIENCES)
def test_the_tree_builds_with_plain_mkdocs_as_casebook_builds_it(with_mkdocs, audience):
    """Casebook's plugins only save memory: MkDocs alone, on the tree's own mkdocs.yml, writes
    the same bytes (after Casebook's post-build pass)."""
    tree_config = docs_folder(with_mkdocs, "build", audience).parent / site.TREE_CONFIG
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--quiet", "-f", tree_config.name],
        cwd=tree_config.parent,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    plain = tree_config.parent / site.TREE_SITE
    site.finish_output(plain, audience)
    assert snapshot(plain) == snapshot(with_mkdocs / "site" / audience)


@pytest.mark.parametrize("engine", ["properdocs", "zensical"])
def test_another_engine_builds_both_sites_and_the_public_one_passes_the_audit(
    engine, tmp_path, monkeypatch
):
    monkeypatch.setenv("CASEBOOK_TODAY", "2026-11-22")
    out = build_sample(sample_project(tmp_path / "project", engine))
    review, public = out / "review", out / "public"
    assert (review / "kasus" / "K-2025-0001" / "index.html").is_file()
    story_groups = [p for p in (public / "cerita").iterdir() if p.is_dir()]
    assert story_groups and all((p / "index.html").is_file() for p in story_groups)
    assert "K-2025-0001" not in "".join(p.read_text() for p in public.rglob("*.html"))
    shipped = site.engine_files(public, engine)
    assert all(not path.endswith(".html") for path in shipped)
    denylist = DenyList.from_file(DENYLIST_FILE)
    assert audit_site(public, denylist=denylist, allow=ALLOW, engine_files=shipped) == []
    assert not list(out.glob(".*.build-*"))  # no staging folder left behind


def test_only_a_byte_identical_copy_of_a_theme_file_is_the_engines(tmp_path):
    theme = site.theme_folder("zensical")
    licence = "assets/javascripts/LICENSE"
    (tmp_path / "assets" / "javascripts").mkdir(parents=True)
    (tmp_path / licence).write_bytes((theme / licence).read_bytes())
    assert site.engine_files(tmp_path, "zensical") == {licence}
    (tmp_path / licence).write_bytes((theme / licence).read_bytes() + b"Estiono Usamah\n")
    assert site.engine_files(tmp_path, "zensical") == frozenset()


@pytest.mark.parametrize("engine", ["properdocs", "zensical"])
def test_the_leak_audit_stops_a_leak_in_another_engines_output(engine, tmp_path, monkeypatch):
    """The audit runs on what the engine wrote: a deny-listed name in a public page stops the
    build, and the previous public site stays."""
    monkeypatch.setenv("CASEBOOK_TODAY", "2026-11-22")
    root = sample_project(tmp_path / "project", engine)
    name = "Estiono Usamah"  # on the synthetic deny-list
    # The footer comes from mkdocs.yml, not from the generated tree: only the audit sees it.
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(
        config.replace("data kasus dianonimkan", f"bersama {name}"), encoding="utf-8"
    )
    result = build(root, audiences=("public",), out=root / "site")
    assert not result.ok and "denylist" in (result.error or "")
    assert not (root / "site" / "public").exists()
