"""A bundle on each site engine of the project (``engine:`` in casebook.yml).

MkDocs is covered by test_bundle.py and test_browser_bundle.py. ProperDocs (a fork of MkDocs 1.x
with the same Material theme) makes the same bundle: file links, the search index as a script,
every page locked, the audit clean. Zensical cannot (its search fetches its index, which a
browser refuses from file://, and its pages are not Material's), so ``casebook bundle`` refuses
it at the ``engine:`` line of casebook.yml, before asking for a passphrase, and makes nothing.
"""

from __future__ import annotations

import base64
import json
import shutil

import pytest
from click.testing import CliRunner
from conftest import REPO, copy_sample

from generator.build.project import load_project
from generator.bundle import audit, lock
from generator.bundle.make import make_bundle
from generator.bundle.readers import EngineCannotBundle, for_reader
from generator.cli import cli

pytestmark = pytest.mark.slow
PASSPHRASE = "kata-sandi-contoh-2026"


def project_on(engine: str, tmp_path):
    root = copy_sample(tmp_path / "project")
    shutil.copytree(REPO / "content", root / "content")
    settings = root / "casebook.yml"
    settings.write_text(settings.read_text(encoding="utf-8") + f"engine: {engine}\n",
                        encoding="utf-8")
    loaded, problems = load_project(root)
    assert not [p for p in problems if p.is_error]
    assert loaded.settings.engine == engine
    return loaded


@pytest.fixture
def today(monkeypatch):
    monkeypatch.setenv("CASEBOOK_TODAY", "2026-11-22")
    monkeypatch.setenv("CASEBOOK_EXPORTS", "none")


def test_properdocs_makes_the_same_locked_offline_bundle(today, tmp_path):
    pytest.importorskip("properdocs")
    project = project_on("properdocs", tmp_path)
    made = make_bundle(project, "DSN-01", tmp_path / "bundle", passphrase=PASSPHRASE,
                       iterations=1_000)
    folder = made.folder
    mine = for_reader(project, "DSN-01")
    others = audit.Forbidden.outside(project, mine)
    assert made.audit.ok and audit.audit_bundle(folder, others, audit.case_sentences(mine)).ok
    assert made.counts["pages"] > 60
    assert (folder / "search" / "search_index.js").read_text().startswith(
        "window.__casebookLockedIndex = ")
    page = (folder / "kasus" / "K-2025-0001.html").read_text(encoding="utf-8")
    assert "../assets/casebook/unlock.js" in page
    box = json.loads(page.split('id="casebook-locked">', 1)[1].split("</script>", 1)[0])
    sealer = lock.Sealer.from_passphrase(PASSPHRASE, salt=base64.b64decode(box["salt"]),
                                         iterations=box["iterations"])
    opened = sealer.open(box).decode("utf-8")
    assert "Kasus K-2025-0001" in opened
    assert 'href="../telaah/index.html"' in opened or 'href="../kasus/index.html"' in opened
    assert "assets/casebook/offline-worker.js" in opened  # search from file://
    assert "casebook-review-targets" in opened  # the lecturer can answer


def test_zensical_is_refused_where_it_is_chosen(today, tmp_path):
    pytest.importorskip("zensical")
    project = project_on("zensical", tmp_path)
    with pytest.raises(EngineCannotBundle) as refused:
        make_bundle(project, "DSN-01", tmp_path / "bundle")
    line = (project.root / "casebook.yml").read_text().splitlines().index("engine: zensical") + 1
    assert refused.value.message("id").startswith(
        f"casebook.yml:{line}: engine: zensical tidak dapat membuat bundel")
    assert "write `engine: mkdocs` or `engine: properdocs`" in refused.value.message("en")
    assert not (tmp_path / "bundle").exists() and not (tmp_path / "bundle.zip").exists()

    result = CliRunner().invoke(cli, [
        "bundle", "--for", "DSN-01", "--out", str(tmp_path / "b"), "--ask-passphrase",
        "-p", str(project.root), "--lang", "en"], input="")
    assert result.exit_code == 1
    assert f"casebook.yml:{line}: engine: zensical cannot make a bundle" in result.output
    assert "Bundle passphrase" not in result.output  # refused before the prompt
    assert "Traceback" not in result.output and not (tmp_path / "b").exists()
