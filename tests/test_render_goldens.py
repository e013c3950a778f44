"""Golden files for every renderer: the sample project in, each renderer's pages out.

``tests/golden/render/<renderer>/`` holds what each renderer makes of the sample project (the
repository itself), one file per page. The public renderers' input, the privacy view or the
statistics release, is written beside their pages (``_input.json``), so a change of what crosses
the privacy wall shows up as well as a change of wording. ``--update-goldens`` rewrites them.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import REPO, copy_sample

from generator.build.project import load_project
from generator.model.project import Project
from generator.privacy.release import public_release
from generator.privacy.view import site_view
from generator.render import review_pages
from generator.render.public.statistics import public_statistics
from generator.render.public.stories import public_pages
from generator.render.review import lecturer_pages
from generator.render.statistics import review_statistics

GOLDEN = REPO / "tests" / "golden" / "render"
TODAY = "2026-11-22"


def _public_stories(project: Project) -> tuple[object, dict[str, str]]:
    view = site_view(project, lang="id", home=True)
    return dataclasses.replace(view, label=None), public_pages(view)


def _public_statistics(project: Project) -> tuple[object, dict[str, str]]:
    release = public_release(project)
    return release, public_statistics(release)


RENDERERS: dict[str, Callable[[Project], tuple[object, dict[str, str]]]] = {
    "public-stories": _public_stories,
    "public-statistics": _public_statistics,
    "review-pages": lambda project: (None, review_pages(project)),
    "review-pages-en": lambda project: (None, review_pages(project, lang="en")),
    "lecturer-pages": lambda project: (None, lecturer_pages(project)),
    "review-statistics": lambda project: (None, review_statistics(project)),
    "review-statistics-en": lambda project: (None, review_statistics(project, lang="en")),
}


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Project:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CASEBOOK_TODAY", TODAY)
        loaded, problems = load_project(copy_sample(tmp_path_factory.mktemp("render") / "p"))
    assert not [p for p in problems if p.is_error]
    return loaded


def as_json(value: object) -> str:
    """A frozen input value as sorted, indented JSON."""
    data = dataclasses.asdict(value) if dataclasses.is_dataclass(value) else value
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True, default=str) + "\n"


def stored(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8")
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.mark.parametrize("name", sorted(RENDERERS))
def test_renderer_matches_its_golden_files(project, name, update_goldens):
    given, pages = RENDERERS[name](project)
    made = {path: text if isinstance(text, str) else text.decode("utf-8")
            for path, text in pages.items()}
    if given is not None:
        made["_input.json"] = as_json(given)
    folder = GOLDEN / name
    if update_goldens or not folder.exists():
        for old in folder.rglob("*") if folder.exists() else ():
            if old.is_file():
                old.unlink()
        for path, text in made.items():
            (folder / path).parent.mkdir(parents=True, exist_ok=True)
            (folder / path).write_text(text, encoding="utf-8", newline="\n")
    expected = stored(folder)
    assert sorted(made) == sorted(expected)
    for path in sorted(made):
        assert made[path] == expected[path], f"{name}/{path}"
