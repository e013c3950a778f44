"""Case and intern pages kept between builds (generator/build/kept.py): after an edit, only the pages
whose inputs changed are made again, and every page is the one a build without kept pages
makes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import copy_sample

from generator.build import pipeline
from generator.build.project import load_project
from generator.render.text import intern_page_path

STORE = Path(".casebook/cache/pages/generated-review-id.pickle")


@pytest.fixture
def made(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """The paths each generation of the review pages made (not taken as kept)."""
    calls: list[list[str]] = []
    real = pipeline._make_in_workers

    def recording(project, makers, paths):
        calls.append(list(paths))
        return real(project, makers, paths)

    monkeypatch.setattr(pipeline, "_make_in_workers", recording)
    monkeypatch.setenv("CASEBOOK_TODAY", "2026-11-22")
    return calls


def pages(root: Path) -> dict[str, str]:
    project, problems = load_project(root)
    assert not [p for p in problems if p.is_error]
    return pipeline.generated_pages(project, "review")


def made_afresh(root: Path) -> dict[str, str]:
    """The pages of a generation with nothing kept (the kept file is put back afterwards)."""
    store = root / STORE
    saved = store.read_bytes() if store.is_file() else None
    store.unlink(missing_ok=True)
    try:
        return pages(root)
    finally:
        if saved is not None:
            store.write_bytes(saved)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def case_pages(paths: list[str]) -> list[str]:
    return sorted(path for path in paths if path.startswith("kasus/K-"))


def test_an_edited_case_makes_its_own_page_again_and_the_rest_are_kept(tmp_path, made):
    root = copy_sample(tmp_path / "project")
    first = pages(root)
    assert len(case_pages(made[-1])) > 50 and (root / STORE).is_file()
    assert pages(root) == first and made[-1] == []  # nothing changed: every page is kept
    edit(root / "cases" / "K-2025-0003.yaml", "alias: ", "alias: Baru ")
    edited = pages(root)
    authors = load_project(root)[0].cases["K-2025-0003"].index.authors
    assert authors
    assert sorted(made[-1]) == sorted(["kasus/K-2025-0003.md",
                                       *(intern_page_path(a) for a in authors)])
    assert edited["kasus/K-2025-0003.md"] != first["kasus/K-2025-0003.md"]
    for author in authors:  # the intern's list of cases shows the new alias
        assert edited[intern_page_path(author)] != first[intern_page_path(author)]
    assert edited == made_afresh(root)


def test_a_new_case_makes_its_neighbours_pages_again(tmp_path, made):
    root = copy_sample(tmp_path / "project")
    first = pages(root)
    shutil.copy(root / "cases" / "K-2025-0003.yaml", root / "cases" / "K-2025-0003A.yaml")
    edit(root / "cases" / "K-2025-0003A.yaml", "K-2025-0003", "K-2025-0003A")
    added = pages(root)
    assert case_pages(made[-1]) == ["kasus/K-2025-0003.md", "kasus/K-2025-0003A.md",
                                    "kasus/K-2025-0004.md"]
    assert added["kasus/K-2025-0004.md"] != first["kasus/K-2025-0004.md"]  # its previous case
    assert added == made_afresh(root)


def test_an_interns_new_name_makes_every_case_page_again(tmp_path, made):
    root = copy_sample(tmp_path / "project")
    first = pages(root)
    edit(root / "interns" / "dewi-lestari-2025" / "intern.yaml", "name: Dewi Lestari Anggraini",
         "name: Dewi Lestari Putri")
    renamed = pages(root)
    assert case_pages(made[-1]) == case_pages(list(first))
    assert "Dewi Lestari Putri" in renamed["kasus/K-2025-0001.md"]
    assert renamed == made_afresh(root)


def test_a_narrowed_copy_keeps_nothing_and_leaves_the_kept_pages_alone(tmp_path, made):
    root = copy_sample(tmp_path / "project")
    pages(root)
    kept = (root / STORE).read_bytes()
    project, _ = load_project(root)
    for doc in project.cases.values():
        doc.digest = ""  # as a lecturer's narrowed copy makes them
    pipeline.generated_pages(project, "review")
    assert len(case_pages(made[-1])) > 50  # every case page made
    assert (root / STORE).read_bytes() == kept
