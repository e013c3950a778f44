"""While previewing, a saved case re-renders only its authors' lecturer pages, and those pages
are exactly what a full render gives."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from conftest import copy_sample

from generator.build.project import load_project
from generator.render.review import affected_lecturer_pages, lecturer_pages

TODAY = dt.date(2026, 11, 22)


def test_a_saved_case_re_renders_only_its_authors_pages(tmp_path: Path) -> None:
    root = copy_sample(tmp_path / "p")
    old, _ = load_project(root, today=TODAY)
    case = root / "cases" / "K-2025-0001.yaml"
    case.write_text(case.read_text(encoding="utf-8").replace(
        "goal_attainment: sebagian", "goal_attainment: tercapai").replace(
        "alias: Klien A", "alias: Klien Z"), encoding="utf-8")  # the report names the alias
    new, _ = load_project(root, today=TODAY)
    affected = affected_lecturer_pages([case], old, new)
    assert affected == {"telaah/index.md", "laporan/index.md", "telaah/dewi-lestari-2025.md",
                        "laporan/dewi-lestari-2025.md", "laporan/artikel/dewi-lestari-2025.md"}
    full = lecturer_pages(new)
    partial = lecturer_pages(new, only=affected)
    assert partial == {path: full[path] for path in affected}
    report = "laporan/dewi-lestari-2025.md"
    assert "Klien Z" in partial[report] and "Klien Z" not in lecturer_pages(old)[report]


def test_a_change_to_the_office_re_renders_everything(tmp_path: Path) -> None:
    root = copy_sample(tmp_path / "p")
    project, _ = load_project(root, today=TODAY)
    assert affected_lecturer_pages([root / "office.yaml"], project, project) is None
    assert affected_lecturer_pages([root / "content" / "index.md"], project, project) == {
        "telaah/index.md", "laporan/index.md"}
