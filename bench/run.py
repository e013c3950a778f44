"""Casebook benchmark: synthetic cohorts of 100, 1,000 and 10,000 cases, measured stage by stage.

    .venv/bin/python bench/run.py                    # 100, 1000, 10000 cases (about 15 minutes)
    .venv/bin/python bench/run.py --sizes 100 1000   # a quicker run

Every measured step runs in a fresh Python process, so that its wall time and its peak memory
(the child's maximum resident set size) are its own. It prints a table, checks the targets of
issue 7, and writes the figures as JSON to bench/results/latest.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
TODAY = "2026-11-22"

# (step, what it measures); each is a function below named step_<name>.
STEPS = (
    ("parse", "CSafeLoader alone parses every YAML file load reads (cases, interns, office)"),
    ("load_cold", "load + validate (schema, casework rules, links), no cache"),
    ("load_warm", "load + validate again, files unchanged"),
    ("check_cold", "casebook check: load + validate + identifier scan of free text, no cache"),
    ("check_warm", "casebook check again, files unchanged"),
    ("render_review", "generate the review Markdown tree (load warm)"),
    ("render_public", "generate the public Markdown tree (load warm)"),
    ("build_review", "casebook build --audience review, total"),
    ("baseline_review", "MkDocs alone on the generated review Markdown"),
    ("build_public", "casebook build --audience public, total (includes the audit)"),
    ("baseline_public", "MkDocs alone on the generated public Markdown"),
    ("audit_public", "leak audit of the built public site"),
)


# ---------------------------------------------------------------- steps (run in a child process)


def step_parse(root: Path) -> dict:
    import yaml

    files = sorted((root / "cases").rglob("*.yaml")) + sorted((root / "interns").rglob("*.yaml"))
    files += [p for p in (root / "office.yaml", root / "casebook.yml") if p.is_file()]
    for path in files:
        yaml.load(path.read_bytes().decode("utf-8"), Loader=yaml.CSafeLoader)
    return {"files": len(files)}


def step_load_cold(root: Path) -> dict:
    shutil.rmtree(root / ".casebook" / "cache", ignore_errors=True)
    return _load(root, privacy=False)


def step_load_warm(root: Path) -> dict:
    return _load(root, privacy=False)


def step_check_cold(root: Path) -> dict:
    shutil.rmtree(root / ".casebook" / "cache", ignore_errors=True)
    return _load(root, privacy=True)


def step_check_warm(root: Path) -> dict:
    return _load(root, privacy=True)


def _load(root: Path, *, privacy: bool) -> dict:
    from generator.build.project import load_project

    project, problems = load_project(root, privacy=privacy)
    errors = sum(p.is_error for p in problems)
    return {"cases": len(project.cases), "errors": errors}


def _render(root: Path, audience: str) -> dict:
    from generator.build.pipeline import docs_folder, tree_files, write_tree
    from generator.build.project import load_project

    project, _ = load_project(root)
    started = time.perf_counter()
    files = tree_files(project, audience)
    write_tree(docs_folder(root, "bench", audience), files)
    pages = sum(name.endswith(".md") for name in files)
    return {"pages": pages, "render_only_s": round(time.perf_counter() - started, 3)}


def step_render_review(root: Path) -> dict:
    return _render(root, "review")


def step_render_public(root: Path) -> dict:
    return _render(root, "public")


def _build(root: Path, audience: str) -> dict:
    from generator.build.pipeline import build

    result = build(root, audiences=(audience,), out=root / "site")
    if not result.ok:
        raise SystemExit(f"build failed: {result.error or 'invalid input'}")
    return {"html_pages": result.pages.get(audience, 0)}


def step_build_review(root: Path) -> dict:
    return _build(root, "review")


def step_build_public(root: Path) -> dict:
    return _build(root, "public")


def _baseline(root: Path, audience: str) -> dict:
    """MkDocs alone, on the Markdown tree the build step generated (same nav, same config)."""
    from generator.build.pipeline import docs_folder, site_spec
    from generator.build.project import load_project
    from generator.site.engine import build_site

    docs = docs_folder(root, "build", audience)
    files = [p.relative_to(docs).as_posix() for p in docs.rglob("*") if p.is_file()]
    project, _ = load_project(root)
    spec = site_spec(project, audience, docs, root / "baseline" / audience, files,
                     strict=False, lang="id")
    started = time.perf_counter()
    build_site(spec)
    return {"mkdocs_only_s": round(time.perf_counter() - started, 3)}


def step_baseline_review(root: Path) -> dict:
    return _baseline(root, "review")


def step_baseline_public(root: Path) -> dict:
    return _baseline(root, "public")


def step_audit_public(root: Path) -> dict:
    from generator.privacy.audit import audit_site

    site = root / "site" / "public"
    findings = audit_site(site)
    files = sum(1 for p in site.rglob("*") if p.is_file())
    return {"files": files, "findings": len(findings)}


def run_step_here(name: str, root: Path) -> None:
    """Child side: run one step, print its figures as JSON. Imports happen before the clock
    starts (a fixed cost of about 0.3 s, not a per-file one)."""

    started = time.perf_counter()
    figures = globals()[f"step_{name}"](root)
    figures["seconds"] = round(time.perf_counter() - started, 3)
    figures["peak_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    print(json.dumps(figures))


# ---------------------------------------------------------------- orchestration


def run_step(name: str, root: Path) -> dict:
    env = {**os.environ, "CASEBOOK_TODAY": TODAY, "PYTHONPATH": str(REPO)}
    env.pop("CASEBOOK_NO_CACHE", None)
    started = time.perf_counter()
    done = subprocess.run([sys.executable, __file__, "--step", name, str(root)], env=env,
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"step {name} failed:\n{done.stdout}\n{done.stderr}")
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    figures["wall_s"] = round(time.perf_counter() - started, 3)
    return figures


def prepare(size: int, work: Path) -> Path:
    """A synthetic project of ``size`` cases (one intern per 40 cases, at least 4)."""
    from casebook_demo.generate import generate_project

    root = work / f"cohort-{size}"
    shutil.rmtree(root, ignore_errors=True)
    os.environ["CASEBOOK_TODAY"] = TODAY
    generate_project(root, cases=size, seed=2026, interns=max(4, size // 40))
    return root


def measure(sizes: list[int], work: Path, say, only: set[str] | None = None) -> dict:
    results: dict[str, dict] = {}
    for size in sizes:
        say(f"\n== {size} cases")
        root = prepare(size, work)
        results[str(size)] = {}
        for name, _ in STEPS:
            if only and name not in only:
                continue
            figures = run_step(name, root)
            results[str(size)][name] = figures
            say(f"  {name:<16} {figures['seconds']:>8.2f} s  {figures['peak_mb']:>7.0f} MB  {figures}")
    return results


def targets(results: dict) -> list[tuple[str, str, bool]]:
    """Issue 7's targets, each as (target, measured, met)."""
    rows: list[tuple[str, str, bool]] = []
    secs = lambda size, step: results[size][step]["seconds"]
    for size, steps in results.items():
        ratio = secs(size, "load_cold") / secs(size, "parse")
        speedup = secs(size, "load_cold") / secs(size, "load_warm")
        rows.append((f"{size}: load+validate cold ≤ 1.5× CSafeLoader", f"{ratio:.2f}×", ratio <= 1.5))
        rows.append((f"{size}: unchanged second run ≥ 5× faster", f"{speedup:.1f}×", speedup >= 5))
        check = secs(size, "check_cold") / secs(size, "check_warm")
        rows.append((f"{size}: (check with identifier scan) second run faster", f"{check:.1f}×",
                     check >= 5))
        peak = max(step["peak_mb"] for step in steps.values())
        rows.append((f"{size}: peak memory of any step < 1 GiB", f"{peak:.0f} MB", peak < 1024))
    if "1000" in results:
        ratio = secs("1000", "build_review") / secs("1000", "baseline_review")
        rows.append(("1000: review build ≤ 1.15× MkDocs alone", f"{ratio:.2f}×", ratio <= 1.15))
    if "1000" in results and "10000" in results:
        growth = secs("10000", "build_review") / secs("1000", "build_review")
        rows.append(("review build 10000 / 1000 ≤ 11×", f"{growth:.1f}×", growth <= 11))
    if "10000" in results:
        public = secs("10000", "build_public")
        rows.append(("10000: public build < 20 s", f"{public:.1f} s", public < 20))
    return rows


def table(results: dict) -> str:
    sizes = list(results)
    lines = ["| step | " + " | ".join(f"{s} cases" for s in sizes) + " |",
             "|---|" + "---:|" * len(sizes)]
    for name, meaning in STEPS:
        cells = [f"{results[s][name]['seconds']:.2f} s / {results[s][name]['peak_mb']:.0f} MB"
                 for s in sizes]
        lines.append(f"| {name} — {meaning} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    parser.add_argument("--work", type=Path, default=Path("/tmp/casebook-bench"))
    parser.add_argument("--out", type=Path, default=HERE / "results" / "latest.json")
    parser.add_argument("--only", nargs="+", choices=[name for name, _ in STEPS],
                        help="measure only these steps (the targets need all of them)")
    parser.add_argument("--step", help=argparse.SUPPRESS)
    args, rest = parser.parse_known_args()
    if args.step:
        run_step_here(args.step, Path(rest[0]))
        return
    sys.path.insert(0, str(REPO))
    results = measure(args.sizes, args.work, print, set(args.only or ()))
    if args.only:
        return
    checks = targets(results)
    print("\n" + table(results) + "\n")
    for target, measured, met in checks:
        print(f"{'✓' if met else '✗'} {target}: {measured}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    report = {"machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                          "platform": platform.platform()},
              "date": time.strftime("%Y-%m-%d"), "results": results,
              "targets": [{"target": t, "measured": m, "met": ok} for t, m, ok in checks]}
    args.out.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"\nwritten: {args.out}")


if __name__ == "__main__":
    main()
