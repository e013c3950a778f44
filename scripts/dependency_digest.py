"""Print the sha256 of pyproject.toml's dependency declarations (the lock records it)."""

import hashlib
import json
import sys
import tomllib
from pathlib import Path


def dependency_digest(pyproject: Path) -> str:
    """Digest of [build-system] requires, [project] dependencies and optional dependencies."""
    data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    declared = {
        "build-system": data.get("build-system", {}).get("requires", []),
        "dependencies": data["project"].get("dependencies", []),
        "optional-dependencies": data["project"].get("optional-dependencies", {}),
        "requires-python": data["project"].get("requires-python", ""),
    }
    return hashlib.sha256(json.dumps(declared, sort_keys=True).encode()).hexdigest()


if __name__ == "__main__":
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent
    print(dependency_digest(root / "pyproject.toml"))
