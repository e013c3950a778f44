"""`casebook init`: an empty project for a real office, from options or answers at the prompt."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from generator.build.project import load_project
from generator.cli import cli

OPTIONS = ["--office", "Dinas Sosial Kabupaten Contoh", "--city", "Kabupaten Contoh",
           "--province", "Provinsi Contoh", "--area-code", "99.08", "--programme", "msib",
           "--university", 'Universitas "Contoh"', "--study-programme", "Ilmu Kesejahteraan Sosial"]


@pytest.fixture(autouse=True)
def today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CASEBOOK_TODAY", "2026-12-06")


def run(*args: str, input: str | None = None):
    result = CliRunner().invoke(cli, list(args), input=input)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def test_init_with_options_writes_a_clean_project_for_that_office(tmp_path: Path) -> None:
    folder = tmp_path / "p"
    result = run("init", str(folder), *OPTIONS)
    assert result.exit_code == 0, result.output
    office = yaml.safe_load((folder / "office.yaml").read_text(encoding="utf-8"))
    assert (office["name"], office["short_name"], office["city"], office["area_code"]) == (
        "Dinas Sosial Kabupaten Contoh", "Dinsos Kabupaten Contoh", "Kabupaten Contoh", "99.08")
    settings = yaml.safe_load((folder / "casebook.yml").read_text(encoding="utf-8"))
    assert settings["interns"] == {"programme": "msib", "university": 'Universitas "Contoh"',
                                   "study_programme": "Ilmu Kesejahteraan Sosial"}
    assert settings["report"] == {"student_number": ["cover"]}
    mkdocs = yaml.safe_load((folder / "mkdocs.yml").read_text(encoding="utf-8"))
    assert mkdocs["site_name"] == "Casebook — Dinas Sosial Kabupaten Contoh"
    project, problems = load_project(folder)
    assert problems == [] and project.cases == {} and project.interns == {}
    intern = run("new", "intern", "ana-2026", "--project", str(folder))
    assert intern.exit_code == 0
    text = (folder / "interns" / "ana-2026" / "intern.yaml").read_text(encoding="utf-8")
    assert "  kind: msib\n" in text and 'university: "Universitas \\"Contoh\\""' in text


def test_what_was_left_empty_is_a_placeholder_check_points_at(tmp_path: Path) -> None:
    folder = tmp_path / "p"
    answers = "Dinas Sosial Kota Contoh\nKota Contoh\n\n\n\n\n\n"
    result = run("init", str(folder), input=answers)
    assert result.exit_code == 0, result.output
    _, problems = load_project(folder)
    assert sorted((p.file, p.path, p.code) for p in problems) == [
        ("office.yaml", "area_code", "placeholder.default"),
        ("office.yaml", "province", "placeholder.left"),
    ]


def test_a_wrong_programme_code_is_asked_again(tmp_path: Path) -> None:
    folder = tmp_path / "p"
    answers = "Dinas Sosial Kota Contoh\nKota Contoh\nProvinsi Contoh\n99.71\nmagang\npkl\n\n\n"
    result = run("init", str(folder), input=answers)
    assert result.exit_code == 0, result.output
    assert "'magang' bukan kode program magang" in result.output
    assert "programme: pkl" in (folder / "casebook.yml").read_text(encoding="utf-8")


def test_init_refuses_a_bad_area_code_and_writes_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "p"
    args = [*OPTIONS]
    args[args.index("99.08")] = "3273"
    result = run("init", str(folder), *args)
    assert result.exit_code == 1 and "kode wilayah '3273' tidak sah" in result.output
    assert not folder.exists()


def test_init_never_overwrites(tmp_path: Path) -> None:
    folder = tmp_path / "p"
    folder.mkdir()
    (folder / "office.yaml").write_text("# mine\n", encoding="utf-8")
    result = run("init", str(folder), *OPTIONS)
    assert result.exit_code == 1 and "sudah ada" in result.output
    assert (folder / "office.yaml").read_text(encoding="utf-8") == "# mine\n"
    assert not (folder / "casebook.yml").exists()
