"""Site engines side by side: the same generated tree built by each engine Casebook supports.

    .venv/bin/python bench/engines.py                 # the sample and a 1,000-case demo
    .venv/bin/python bench/engines.py --sizes 0       # the sample only (0 = the sample)

For each project and audience, Casebook first generates the Markdown tree once (a normal
``casebook build``); then each engine builds that same tree in a fresh process, timed from
the outside, its peak memory read as the maximum resident set of the process tree:
- ``mkdocs`` — what ``casebook build`` runs: MkDocs in process, with Casebook's memory plugins;
- ``mkdocs-plain`` — ``mkdocs build -f <tree>/mkdocs.yml``: MkDocs alone, no Casebook plugin;
- ``properdocs`` and ``zensical`` — the same tree config, built by their own commands.
Figures go to bench/results/engines.json and are printed as a table.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
TODAY = "2026-11-22"
AUDIENCES = ("review", "public")
ENGINES = ("mkdocs", "mkdocs-plain", "properdocs", "zensical")

# Runs one command and prints its time and the peak memory of the whole process tree.
_TIMED = """
import json, resource, subprocess, sys, time
started = time.perf_counter()
done = subprocess.run(sys.argv[2:], cwd=sys.argv[1], capture_output=True, text=True)
seconds = time.perf_counter() - started
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(json.dumps({"ok": done.returncode == 0, "seconds": round(seconds, 2),
                  "peak_mb": round(peak, 1), "tail": done.stderr[-400:]}))
"""

# Casebook's own engine call (generator.site.build_site) on a tree already generated.
_CASEBOOK = """
import sys
from pathlib import Path
from generator.build.pipeline import docs_folder, site_spec
from generator.build.project import load_project
from generator.site.engine import build_site
root, audience, out = Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3])
docs = docs_folder(root, "build", audience)
files = [p.relative_to(docs).as_posix() for p in docs.rglob("*") if p.is_file()]
project, _ = load_project(root)
build_site(site_spec(project, audience, docs, out, files, strict=False, lang="id"))
"""


def timed(command: list[str], cwd: Path) -> dict:
    env = {**os.environ, "CASEBOOK_TODAY": TODAY, "PYTHONPATH": str(REPO)}
    done = subprocess.run([sys.executable, "-c", _TIMED, str(cwd), *command], env=env,
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def engine_command(engine: str, root: Path, audience: str, out: Path) -> tuple[list[str], Path]:
    """The command that builds one audience's tree with one engine, and where it runs."""
    tree = root / ".casebook" / "build" / audience
    if engine == "mkdocs":
        return [sys.executable, "-c", _CASEBOOK, str(root), audience, str(out)], root
    module = "mkdocs" if engine == "mkdocs-plain" else engine
    return [sys.executable, "-m", module, "build", "-f", "mkdocs.yml"], tree


def built_files(root: Path, engine: str, audience: str, out: Path) -> dict:
    """What the engine wrote: page count and its search index."""
    site = out if engine == "mkdocs" else root / ".casebook" / "build" / audience / "site"
    search = [p for p in ("search/search_index.json", "search.json") if (site / p).is_file()]
    return {
        "html_pages": sum(1 for _ in site.rglob("*.html")),
        "search_index": search[0] if search else None,
        "search_kb": round((site / search[0]).stat().st_size / 1024) if search else 0,
    }


def prepare(size: int, work: Path) -> Path:
    """The sample (size 0) or a demo project of ``size`` cases, generated trees included."""
    root = work / ("sample" if size == 0 else f"demo-{size}")
    shutil.rmtree(root, ignore_errors=True)
    if size == 0:
        shutil.copytree(REPO, root, ignore=shutil.ignore_patterns(
            ".git", ".venv", "site", ".casebook", "bench", "tests", "generator", "casebook_demo",
            "*.egg-info"))
    else:
        from casebook_demo.generate import generate_project

        os.environ["CASEBOOK_TODAY"] = TODAY
        generate_project(root, cases=size, seed=2026, interns=max(4, size // 40))
    env = {**os.environ, "CASEBOOK_TODAY": TODAY, "CASEBOOK_EXPORTS": "none",
           "PYTHONPATH": str(REPO)}
    subprocess.run([sys.executable, "-m", "generator", "build", "--audience", "all"], cwd=root,
                   env=env, check=True, capture_output=True)
    return root


def measure(sizes: list[int], work: Path) -> dict:
    results: dict = {}
    for size in sizes:
        root = prepare(size, work)
        label = "sample" if size == 0 else f"{size} cases"
        for audience in AUDIENCES:
            for engine in ENGINES:
                out = work / "out" / engine / audience
                shutil.rmtree(out, ignore_errors=True)
                command, cwd = engine_command(engine, root, audience, out)
                figures = timed(command, cwd)
                if figures["ok"]:
                    figures.update(built_files(root, engine, audience, out))
                results.setdefault(label, {}).setdefault(audience, {})[engine] = figures
                print(f"{label:>12} {audience:<7} {engine:<13} {figures['seconds']:>7.2f} s "
                      f"{figures['peak_mb']:>7.0f} MB  {figures.get('html_pages', '-')} pages",
                      flush=True)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[0, 1000])
    parser.add_argument("--work", type=Path, default=Path("/tmp/casebook-bench-engines"))
    args = parser.parse_args()
    sys.path.insert(0, str(REPO))
    results = measure(args.sizes, args.work)
    record = {"machine": f"{platform.machine()}, {os.cpu_count()} cores",
              "python": platform.python_version(), "results": results}
    target = HERE / "results" / "engines.json"
    target.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {target.relative_to(REPO)}")


if __name__ == "__main__":
    main()
