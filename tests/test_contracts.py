"""The layer contracts of pyproject.toml hold, and they do fail when a layer is crossed.

``lint-imports`` (import-linter) checks four contracts: the pipeline's layers (a stage imports
only earlier stages), only the site engine imports MkDocs, the public renderers see only what
crosses the privacy wall, and the runtime never imports the demo.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PLANTED = {  # module → an import that breaks one contract
    "generator/model/facts.py": "from generator.render import text as _upward\n",
    "generator/render/public/stories.py": "from generator.model.records import Case as _raw\n",
    "generator/render/text.py": "import mkdocs as _engine\n",
    "generator/validate/rules.py": "import casebook_demo as _demo\n",
}


def lint_imports(cwd: Path) -> subprocess.CompletedProcess[str]:
    """``lint-imports`` on the packages found first on the path from ``cwd``."""
    code = "import sys; from importlinter.cli import lint_imports; sys.exit(lint_imports(no_cache=True))"
    env = {**os.environ, "PYTHONPATH": str(cwd)}
    return subprocess.run([sys.executable, "-c", code], cwd=cwd, env=env, capture_output=True,
                          text=True, check=False, timeout=300)


def test_every_layer_contract_is_kept():
    done = lint_imports(ROOT)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Contracts: 4 kept, 0 broken." in done.stdout


def test_a_crossed_layer_breaks_its_contract(tmp_path):
    for name in ("generator", "casebook_demo"):
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy2(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    for path, line in PLANTED.items():
        with (tmp_path / path).open("a", encoding="utf-8") as module:
            module.write(line)
    done = lint_imports(tmp_path)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "Contracts: 0 kept, 4 broken." in done.stdout, done.stdout
    assert "generator.model.facts -> generator.render.text" in done.stdout
    assert "generator.render.public.stories -> generator.model.records" in done.stdout
    assert "generator.render.text -> mkdocs" in done.stdout
    assert "generator.validate.rules -> casebook_demo" in done.stdout


def test_the_public_renderers_take_only_values_of_the_privacy_wall():
    import typing

    from generator.privacy import wall
    from generator.render.public import statistics, stories

    for renderer, value in ((stories.public_pages, wall.PublicView),
                            (statistics.public_statistics, wall.Release)):
        hints = typing.get_type_hints(renderer)
        assert [hints[name] for name in hints if name != "return"] == [value], renderer
