"""``casebook build`` warns, at casebook.yml's ``engine:`` line, that Zensical's own search knows
no Indonesian (no stemmer, synonyms or whole case ids); with MkDocs it says nothing of it."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from conftest import copy_sample

from generator.cli import cli

pytestmark = pytest.mark.slow


def build_output(tmp_path, engine: str | None, *extra: str) -> str:
    root = copy_sample(tmp_path / "project")
    if engine:
        settings = root / "casebook.yml"
        settings.write_text(settings.read_text(encoding="utf-8") + f"engine: {engine}\n",
                            encoding="utf-8")
    result = CliRunner().invoke(cli, ["build", "--audience", "public", "-p", str(root),
                                      "-o", str(tmp_path / "site"), *extra])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "site" / "public" / "index.html").is_file()
    return result.output


def engine_line(tmp_path) -> int:
    lines = (tmp_path / "project" / "casebook.yml").read_text(encoding="utf-8").splitlines()
    return lines.index("engine: zensical") + 1


def test_zensical_search_is_named_for_what_it_lacks(tmp_path, monkeypatch):
    pytest.importorskip("zensical")
    monkeypatch.setenv("CASEBOOK_EXPORTS", "none")
    said = build_output(tmp_path / "id", "zensical")
    line = engine_line(tmp_path / "id")
    assert f"casebook.yml:{line}: peringatan: engine: zensical memakai pencariannya sendiri" in said
    assert '"mengemis" tidak menemukan "pengemis"' in said
    said = build_output(tmp_path / "en", "zensical", "--lang", "en")
    assert f"casebook.yml:{line}: warning: engine: zensical uses its own search" in said


def test_mkdocs_builds_say_nothing_of_it(tmp_path, monkeypatch):
    monkeypatch.setenv("CASEBOOK_EXPORTS", "none")
    said = build_output(tmp_path, None)
    assert "zensical" not in said and "stemmer" not in said
