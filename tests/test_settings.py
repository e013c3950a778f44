"""casebook.yml: optional project settings, validated like every other file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from conftest import copy_sample

from generator.build.project import load_project
from generator.export.downloads import download_formats

TODAY = dt.date(2026, 11, 22)


def test_the_sample_settings_are_read(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv("CASEBOOK_EXPORTS")
    project, problems = load_project(copy_sample(tmp_path / "p"), today=TODAY)
    assert not [p for p in problems if p.file == "casebook.yml"]
    assert project.settings.statistics.threshold == 10
    assert download_formats(project) == ("docx", "pdf")


def test_the_environment_overrides_the_export_setting(tmp_path: Path, monkeypatch) -> None:
    project, _ = load_project(copy_sample(tmp_path / "p"), today=TODAY)
    monkeypatch.setenv("CASEBOOK_EXPORTS", "none")
    assert download_formats(project) == ()
    monkeypatch.setenv("CASEBOOK_EXPORTS", "pdf")
    assert download_formats(project) == ("pdf",)


def test_a_threshold_below_five_is_refused_at_its_line(tmp_path: Path) -> None:
    root = copy_sample(tmp_path / "p")
    (root / "casebook.yml").write_text("language: id\nstatistics:\n  threshold: 3\n", encoding="utf-8")
    project, problems = load_project(root, today=TODAY)
    found = [(p.code, p.line, p.path) for p in problems if p.file == "casebook.yml"]
    assert found == [("field.range", 3, "statistics.threshold")]
    assert project.settings.statistics.threshold == 10  # the defaults stand in
