"""Lighthouse accessibility score of the sample's public site (issue 16 target: at least 98).

    npm install --prefix /tmp/lighthouse lighthouse@12          # once; not a test dependency
    .venv/bin/python bench/lighthouse_a11y.py --lighthouse /tmp/lighthouse/node_modules/.bin/lighthouse

Builds the sample's public site into a temporary folder, serves it on 127.0.0.1 and runs
Lighthouse (accessibility category only) with Debian's Chromium on the home page and a story page,
in the light and the dark scheme. Prints one line per page and scheme; exits 1 below the target.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO / "tests"))

PAGES = ("", "cerita/2025-pengemis/")
TARGET = 98
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu"


def build_public(folder: Path) -> Path:
    from conftest import copy_sample

    from generator.build.pipeline import build

    os.environ.setdefault("CASEBOOK_TODAY", "2026-11-22")
    root = copy_sample(folder / "project")
    shutil.copytree(REPO / "content", root / "content")
    (root / "private").mkdir()
    shutil.copy(REPO / "tests/fixtures/privacy/denylist.synthetic.txt", root / "private/denylist.txt")
    result = build(root, audiences=("public",), out=root / "site", strict=True)
    if not result.ok:
        raise SystemExit(result.error)
    return root / "site" / "public"


def score(lighthouse: str, url: str, scheme: str, report: Path) -> tuple[int, list[str]]:
    """The accessibility score (0-100) and the ids of the audits that failed."""
    preferred = 1 if scheme == "light" else 0  # Blink's PreferredColorScheme: 0 dark, 1 light
    flags = f"{CHROME_FLAGS} --blink-settings=preferredColorScheme={preferred}"
    command = [
        lighthouse, url, "--only-categories=accessibility", "--output=json", "--quiet",
        f"--output-path={report}", f"--chrome-flags={flags}",
    ]
    subprocess.run(command, check=True, env={**os.environ, "CHROME_PATH": "/usr/bin/chromium"})
    data = json.loads(report.read_text(encoding="utf-8"))
    audits = data["categories"]["accessibility"]["auditRefs"]
    failed = [a["id"] for a in audits
              if a["weight"] and data["audits"][a["id"]]["score"] not in (None, 1)]
    return round(data["categories"]["accessibility"]["score"] * 100), failed


def main() -> int:
    import browser

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lighthouse", default=shutil.which("lighthouse") or "lighthouse")
    args = parser.parse_args()
    worst = 100
    with tempfile.TemporaryDirectory() as tmp:
        site = build_public(Path(tmp))
        with browser.static_server(site) as base:
            for path in PAGES:
                for scheme in ("light", "dark"):
                    value, failed = score(args.lighthouse, base + path, scheme, Path(tmp) / "r.json")
                    worst = min(worst, value)
                    print(f"/{path:<24} {scheme:<5} accessibility {value:>3}  failed: {failed}")
    return 0 if worst >= TARGET else 1


if __name__ == "__main__":
    raise SystemExit(main())
