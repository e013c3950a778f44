"""Shared pytest options and fixtures."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SAMPLE_FOLDERS = ("cases", "interns", "schema", "taxonomies")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-goldens", action="store_true", default=False,
        help="rewrite tests/golden/** from the current output instead of comparing",
    )


@pytest.fixture(autouse=True, scope="session")
def no_report_exports() -> Iterator[None]:
    """Builds skip the review site's DOCX/PDF downloads (seconds each) unless a test asks.

    Session-wide, so that module-scoped build fixtures see it too; a test's own monkeypatch
    of CASEBOOK_EXPORTS still wins."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CASEBOOK_EXPORTS", "none")
        yield


@pytest.fixture
def update_goldens(request: pytest.FixtureRequest) -> bool:
    """True when the run was asked to rewrite golden files."""
    return bool(request.config.getoption("--update-goldens"))


def copy_sample(target: Path) -> Path:
    """Copy the sample project's data (top-level YAML files and data folders) into ``target``."""
    target.mkdir(parents=True, exist_ok=True)
    for source in sorted([*REPO.glob("*.yaml"), *REPO.glob("*.yml")]):
        shutil.copy2(source, target / source.name)
    for folder in SAMPLE_FOLDERS:
        if (REPO / folder).is_dir():
            shutil.copytree(REPO / folder, target / folder)
    return target


@pytest.fixture
def sample_copy(tmp_path: Path) -> Path:
    """A private copy of the sample project, safe to add files to."""
    return copy_sample(tmp_path / "project")
