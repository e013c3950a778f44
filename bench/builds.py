"""Issue 17's figures: cold and warm review builds, cores, the MkDocs floor, load vs CSafeLoader.

    .venv/bin/python bench/builds.py                     # 1,000 and 10,000 cases (over an hour)
    .venv/bin/python bench/builds.py --sizes 1000        # one size (about 5 minutes)

For each size it generates a synthetic project (`casebook demo`), then measures, each step in a
fresh Python process (wall time, and the peak resident memory of the step's process and of its
largest worker process):

- `casebook build --audience review` cold (no render cache), with every core;
- the same build again after one case was edited (the render cache re-renders only the pages
  that depend on it), ``--rounds`` times, a different case each time (the median is compared
  with the cold build; the output after the last is compared with a cold build's);
- the cold build with one worker (`workers: 1` in casebook.yml): the speed-up from one core to all;
- plain MkDocs (`python -m mkdocs build -f`) on the tree's own mkdocs.yml: Casebook against MkDocs;
- load + validate (no cache) against CSafeLoader parsing the same files, interleaved over
  ``--rounds`` rounds (the medians are compared).

It prints every figure and the targets of issue 17, and writes bench/results/builds.json.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from run import TODAY, prepare, step_load_cold, step_parse

HERE = Path(__file__).resolve().parent
REPO = HERE.parent


# ---------------------------------------------------------------- steps (run in a child process)


def step_build(root: Path) -> dict:
    from generator.build.pipeline import build

    result = build(root, audiences=("review",), out=root / "site")
    if not result.ok:
        raise SystemExit(f"build failed: {result.error or 'invalid input'}")
    return {"html_pages": result.pages.get("review", 0)}


def step_plain_mkdocs(root: Path) -> dict:
    tree = root / ".casebook" / "build" / "review" / "mkdocs.yml"
    out = root / "plain-mkdocs"
    shutil.rmtree(out, ignore_errors=True)
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(tree), "-d",
                    str(out)], check=True, cwd=tree.parent)
    return {}


STEPS = {"build": step_build, "plain_mkdocs": step_plain_mkdocs, "parse": step_parse,
         "load_cold": step_load_cold}


def run_step_here(name: str, root: Path) -> None:
    started = time.perf_counter()
    figures = STEPS[name](root)
    figures["seconds"] = round(time.perf_counter() - started, 3)
    figures["peak_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    figures["child_peak_mb"] = round(
        resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1)
    print(json.dumps(figures))


def run_step(name: str, root: Path) -> dict:
    env = {**os.environ, "CASEBOOK_TODAY": TODAY, "PYTHONPATH": str(REPO),
           "CASEBOOK_EXPORTS": "none"}
    done = subprocess.run([sys.executable, __file__, "--step", name, str(root)], env=env,
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"step {name} failed:\n{done.stdout}\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


# ---------------------------------------------------------------- orchestration


def site_digest(site: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        digest.update(path.relative_to(site).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def cold(root: Path) -> None:
    shutil.rmtree(root / ".casebook" / "cache" / "pages", ignore_errors=True)


def set_workers(root: Path, workers: int | None) -> None:
    settings = root / "casebook.yml"
    lines = [line for line in settings.read_text(encoding="utf-8").splitlines()
             if not line.startswith("workers:")] if settings.is_file() else []
    if workers is not None:
        lines.append(f"workers: {workers}")
    if any(line.strip() and not line.lstrip().startswith("#") for line in lines):
        settings.write_text("\n".join(lines) + "\n", encoding="utf-8")
    else:
        settings.unlink(missing_ok=True)  # an empty casebook.yml is an error


def edit_one_case(root: Path, number: int = 0) -> str:
    """Edit a case's alias: the middle case, or the ``number``-th after it."""
    cases = sorted((root / "cases").glob("*.yaml"))
    path = cases[(len(cases) // 2 + number) % len(cases)]
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("alias: ", "alias: Ubah ", 1), encoding="utf-8")
    return path.stem


def measure_size(size: int, work: Path, rounds: int, say, *, quick: bool = False) -> dict:
    root = prepare(size, work)
    figures: dict[str, dict] = {}

    def step(label: str, name: str) -> dict:
        figures[label] = run_step(name, root)
        say(f"  {label:<22} {figures[label]['seconds']:>8.2f} s  peak "
            f"{figures[label]['peak_mb']:>6.0f} MB (largest child "
            f"{figures[label]['child_peak_mb']:.0f} MB)")
        return figures[label]

    say(f"\n== {size} cases")
    set_workers(root, None)
    cold(root)
    step("build_cold_all_cores", "build")
    edits = []
    for number in range(rounds):
        edited = edit_one_case(root, number)
        edits.append(step("build_after_one_edit", "build"))
    middle = sorted(edits, key=lambda figure: figure["seconds"])[len(edits) // 2]
    figures["build_after_one_edit"] = {  # the median time; the highest peaks (memory target)
        **middle, "rounds": [edit["seconds"] for edit in edits],
        **{peak: max(edit[peak] for edit in edits) for peak in ("peak_mb", "child_peak_mb")}}
    if quick:
        return figures
    warm_digest = site_digest(root / "site" / "review")
    cold(root)
    step("build_cold_after_edit", "build")
    figures["edit_identical_to_cold"] = {"value": warm_digest == site_digest(root / "site" / "review"),
                                         "case": edited}
    set_workers(root, 1)
    cold(root)
    step("build_cold_one_core", "build")
    set_workers(root, None)
    step("plain_mkdocs", "plain_mkdocs")
    parse, load = [], []
    for _ in range(rounds):
        parse.append(run_step("parse", root)["seconds"])
        load.append(run_step("load_cold", root)["seconds"])
    figures["parse_s"], figures["load_cold_s"] = {"rounds": parse}, {"rounds": load}
    say(f"  CSafeLoader floor        {statistics.median(parse):.2f} s, load + validate "
        f"{statistics.median(load):.2f} s (medians of {rounds} interleaved rounds)")
    return figures


def rounds_of(figures: dict) -> str:
    """The one-edit builds' times, as the summary shows them."""
    return ", ".join(f"{seconds:.1f}" for seconds in figures["build_after_one_edit"]["rounds"]) + " s"


def summary(results: dict) -> list[str]:
    lines = []
    for size, f in results.items():
        if "plain_mkdocs" not in f:  # --quick: the cold build and the one-edit build only
            cold_s, edit = (f["build_cold_all_cores"]["seconds"],
                            f["build_after_one_edit"]["seconds"])
            lines.append(f"{size} cases: review build cold {cold_s:.1f} s (all cores, peak "
                         f"{f['build_cold_all_cores']['peak_mb']:.0f} MB, largest worker "
                         f"{f['build_cold_all_cores']['child_peak_mb']:.0f} MB); after one edit "
                         f"{edit:.1f} s = {100 * edit / cold_s:.1f}% of cold (median; peak "
                         f"{f['build_after_one_edit']['peak_mb']:.0f} MB)")
            continue
        cold_s = f["build_cold_all_cores"]["seconds"]
        one_core, plain = f["build_cold_one_core"]["seconds"], f["plain_mkdocs"]["seconds"]
        edit = f["build_after_one_edit"]["seconds"]
        load = statistics.median(f["load_cold_s"]["rounds"])
        parse = statistics.median(f["parse_s"]["rounds"])
        peaks = ", ".join(f"{label} {f[label]['peak_mb']:.0f}/{f[label]['child_peak_mb']:.0f} MB"
                          for label in ("build_cold_all_cores", "build_after_one_edit",
                                        "build_cold_one_core", "plain_mkdocs"))
        identical = f["edit_identical_to_cold"]["value"]
        lines += [
            (f"{size} cases: review build cold {cold_s:.1f} s (all cores), {one_core:.1f} s on "
             f"one core (speed-up {one_core / cold_s:.2f}×)"),
            (f"{size} cases: after one edit {edit:.1f} s = {100 * edit / cold_s:.1f}% of cold "
             f"(median of {rounds_of(f)}); output identical to a cold build: {identical}"),
            (f"{size} cases: plain MkDocs {plain:.1f} s; Casebook / MkDocs = "
             f"{cold_s / plain:.2f}× (one core: {one_core / plain:.2f}×)"),
            f"{size} cases: load + validate / CSafeLoader = {load / parse:.2f}×",
            f"{size} cases: peak memory (a step's own process / its largest child): {peaks}",
        ]
    if "1000" in results and "10000" in results:
        ratio = (results["10000"]["build_cold_all_cores"]["seconds"]
                 / results["1000"]["build_cold_all_cores"]["seconds"])
        lines.append(f"10,000 / 1,000 cases review build = {ratio:.1f}× (target ≤ 10.5)")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--quick", action="store_true",
                        help="only the cold build and the build after one edit")
    parser.add_argument("--work", type=Path, default=Path("/tmp/casebook-bench/builds"))
    parser.add_argument("--out", type=Path, default=HERE / "results" / "builds.json")
    parser.add_argument("--step", help=argparse.SUPPRESS)
    args, rest = parser.parse_known_args()
    if args.step:
        run_step_here(args.step, Path(rest[0]))
        return
    sys.path.insert(0, str(REPO))
    results = {str(size): measure_size(size, args.work, args.rounds, print, quick=args.quick)
               for size in args.sizes}
    lines = summary(results)
    print("\n" + "\n".join(lines))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    report = {"machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                          "load_average_at_end": os.getloadavg()},
              "date": time.strftime("%Y-%m-%d %H:%M"), "results": results, "summary": lines}
    args.out.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"\nwritten: {args.out}")


if __name__ == "__main__":
    main()
