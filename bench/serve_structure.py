"""How long adding, deleting and renaming a case takes to show in `casebook serve`.

    .venv/bin/python bench/serve_structure.py         # a 1,000-case synthetic project, 3 rounds

It starts the real `casebook serve` on a synthetic project and waits for the first build. Each
round then adds a case (a new file), deletes it, and renames another (a new file name and case
id, the old file gone), polling the served pages over HTTP until the reader sees the change: the
new case's page, a 404 for the deleted one, the renamed case under its new id and a 404 under its
old one ("shown"). Then it waits until the case list (kasus/) has followed too ("settled": the
index, statistics, lecturer pages and reports come in a second pass) before the next change, so
each change starts from a quiet preview. It prints each delay and the median of each kind, and
writes them to bench/results/serve_structure.json. (Before, each of these changes made a full MkDocs build:
about 35 s at 1,000 cases.)
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

from serve_reload import fetch, free_port, fresh_demo_project, wait_for

HERE = Path(__file__).resolve().parent
REPO = HERE.parent


def status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return 0


def seconds_until(check: Callable[[], bool], limit: float) -> float | None:
    started = time.perf_counter()
    while time.perf_counter() - started < limit:
        if check():
            return time.perf_counter() - started
        time.sleep(0.05)
    return None


def shows(url: str, needle: str) -> bool:
    page = fetch(url)
    return page is not None and needle in page


def listed(index: str | None, present: tuple[str, ...], absent: tuple[str, ...]) -> bool:
    return index is not None and all(c in index for c in present) and not any(
        c in index for c in absent)


def renamed_text(text: str, old_id: str, new_id: str) -> str:
    return text.replace(old_id, new_id)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--pause", type=float, default=1.0)
    parser.add_argument("--work", type=Path, default=Path("/tmp/casebook-bench/serve-structure"))
    parser.add_argument("--out", type=Path, default=HERE / "results" / "serve_structure.json")
    args = parser.parse_args()
    fresh_demo_project(args.work, args.cases)
    cases, spare = args.work / "cases", args.work / "spare"
    spare.mkdir()  # outside the watched folders: a renamed file is written here, then moved in
    mentioned = "\n".join(p.read_text(encoding="utf-8") for p in
                          (args.work / "interns").rglob("*") if p.is_file())
    unreferenced = [p.stem for p in sorted(cases.glob("*.yaml"))[100:] if p.stem not in mentioned]
    # ^ a case no logbook or chapter names: renaming it needs no other file changed
    port = free_port()
    base = f"http://127.0.0.1:{port}/kasus/"
    server = subprocess.Popen(
        [sys.executable, "-m", "generator", "serve", "--project", str(args.work), "--audience",
         "review", "--port", str(port)],
        env={**os.environ, "PYTHONPATH": str(REPO)}, stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    delays: dict[str, list[float]] = {"add": [], "delete": [], "rename": []}
    settled: dict[str, list[float]] = {"add": [], "delete": [], "rename": []}

    def record(kind: str, what: str, appear: tuple[str, ...], vanish: tuple[str, ...]) -> None:
        """Time until the pages of ``appear`` are served and those of ``vanish`` are 404, then
        until the case list names the first and not the second."""
        started = time.perf_counter()
        delay = seconds_until(lambda: all(shows(f"{base}{c}/", c) for c in appear)
                              and all(status(f"{base}{c}/") == 404 for c in vanish), 120)
        seconds_until(lambda: listed(fetch(base), appear, vanish), 300)
        done = time.perf_counter() - started
        print(f"{kind:6} {what}: " + (f"shown after {delay:.2f} s" if delay else "not shown")
              + f", case list settled after {done:.1f} s")
        if delay is not None:
            delays[kind].append(delay)
        settled[kind].append(done)
        time.sleep(args.pause)

    try:
        started = time.perf_counter()
        if wait_for(f"{base}K-2025-0001/", "K-2025-0001", 900) is None:
            raise SystemExit("serve did not come up")
        print(f"first build served after {time.perf_counter() - started:.1f} s")
        for number in range(1, args.rounds + 1):
            source_id, added_id = f"K-2025-{number * 89:04d}", f"K-2025-{9000 + number:04d}"
            text = (cases / f"{source_id}.yaml").read_text(encoding="utf-8")
            (cases / f"{added_id}.yaml").write_text(renamed_text(text, source_id, added_id),
                                                    encoding="utf-8")
            record("add", added_id, (added_id,), ())

            (cases / f"{added_id}.yaml").unlink()
            record("delete", added_id, (), (added_id,))

            old_id, new_id = unreferenced[number - 1], f"K-2025-{9500 + number:04d}"
            old_file = cases / f"{old_id}.yaml"
            moved = spare / f"{new_id}.yaml"
            moved.write_text(renamed_text(old_file.read_text(encoding="utf-8"), old_id, new_id),
                             encoding="utf-8")
            os.replace(moved, cases / moved.name)
            old_file.unlink()
            record("rename", f"{old_id} → {new_id}", (new_id,), (old_id,))
    finally:
        server.terminate()
        server.wait(timeout=30)
    medians = {kind: round(statistics.median(found), 3) if found else None
               for kind, found in delays.items()}
    for kind, median in medians.items():
        print(f"{kind}: shown after a median of {median:.2f} s over {len(delays[kind])}, "
              f"settled after {statistics.median(settled[kind]):.1f} s" if median else
              f"{kind}: never shown")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({
        "cases": args.cases,
        "delays_s": {kind: [round(d, 3) for d in found] for kind, found in delays.items()},
        "median_s": medians,
        "settled_s": {kind: [round(d, 2) for d in found] for kind, found in settled.items()},
    }, indent=2) + "\n")


if __name__ == "__main__":
    main()
