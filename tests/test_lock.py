"""The dependency locks agree with pyproject.toml, and this environment was installed from them."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from importlib import metadata
from pathlib import Path

import pytest
from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

REPO = Path(__file__).resolve().parent.parent
LOCKS = {name: REPO / "requirements" / f"{name}.lock" for name in ("runtime", "test")}
_PIN = re.compile(r"^(?P<name>[A-Za-z0-9._-]+)==(?P<version>[^\s;\\]+)\s*(?:;(?P<marker>[^\\]+))?")
REFRESH = "refresh the locks with: bash scripts/lock"


def locked(lock: Path) -> dict[str, str]:
    """Package → version for every pin of a lock that applies to this interpreter."""
    pins = {}
    for line in lock.read_text(encoding="utf-8").splitlines():
        match = _PIN.match(line)
        if match and (not match["marker"] or Marker(match["marker"].strip()).evaluate()):
            pins[canonicalize_name(match["name"])] = match["version"]
    return pins


def declared() -> dict[str, list[Requirement]]:
    """pyproject.toml's requirements: build-system, runtime and each extra."""
    data = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    groups = {
        "build-system": data["build-system"]["requires"],
        "runtime": data["project"]["dependencies"],
        **data["project"]["optional-dependencies"],
    }
    own = canonicalize_name(data["project"]["name"])
    return {
        group: [r for r in map(Requirement, lines) if canonicalize_name(r.name) != own]
        for group, lines in groups.items()
    }


def recorded_digest(lock: Path) -> str:
    match = re.search(r"^# pyproject-dependencies-sha256: (\w+)$", lock.read_text(), re.MULTILINE)
    assert match, f"{lock.name} has no pyproject digest: {REFRESH}"
    return match.group(1)


@pytest.mark.parametrize("name", LOCKS)
def test_each_lock_was_made_from_the_current_pyproject(name: str) -> None:
    script = REPO / "scripts" / "dependency_digest.py"
    current = subprocess.run(
        [sys.executable, str(script), str(REPO)], check=True, capture_output=True, text=True
    ).stdout.strip()
    assert recorded_digest(LOCKS[name]) == current, f"pyproject.toml changed: {REFRESH}"


def test_every_declared_requirement_is_locked_within_its_range() -> None:
    pins = locked(LOCKS["test"])
    wrong = [
        f"{group}: {requirement} locked at {pins.get(canonicalize_name(requirement.name))}"
        for group, requirements in declared().items()
        for requirement in requirements
        if pins.get(canonicalize_name(requirement.name)) is None
        or not requirement.specifier.contains(
            pins[canonicalize_name(requirement.name)], prereleases=True
        )
    ]
    assert not wrong, f"{REFRESH}\n" + "\n".join(wrong)


def test_the_runtime_lock_is_the_test_lock_without_the_test_tools() -> None:
    runtime, test = locked(LOCKS["runtime"]), locked(LOCKS["test"])
    assert {name: test.get(name) for name in runtime} == runtime
    for requirement in declared()["runtime"]:
        assert canonicalize_name(requirement.name) in runtime
    assert "pytest" not in runtime


def test_this_environment_holds_the_locked_versions() -> None:
    """scripts/bootstrap installed exactly the test lock (no package floated)."""
    drift = {}
    for name, version in locked(LOCKS["test"]).items():
        try:
            installed = metadata.version(name)
        except metadata.PackageNotFoundError:
            installed = None
        if installed != version:
            drift[name] = (version, installed)
    assert not drift, f"locked vs installed: {drift}; run: bash scripts/bootstrap --test"
