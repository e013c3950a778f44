"""How long a saved change to one case takes to show in `casebook serve`, as a reader sees it.

    .venv/bin/python bench/serve_reload.py            # a 1,000-case synthetic project, 5 edits

It starts the real `casebook serve` on a synthetic project, waits for the first build, then edits
one case file at a time (a new sentence in its presenting problem) and polls the served case page
over HTTP until the sentence appears. It prints each delay and the median, and writes them to
bench/results/serve.json.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
TODAY = "2026-11-22"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def wait_for(url: str, needle: str, limit: float) -> float | None:
    """Seconds until the page at ``url`` holds ``needle`` (None after ``limit`` seconds)."""
    started = time.perf_counter()
    while time.perf_counter() - started < limit:
        page = fetch(url)
        if page and needle in page:
            return time.perf_counter() - started
        time.sleep(0.05)
    return None


def edit_case(path: Path, token: str) -> None:
    text = path.read_text(encoding="utf-8")
    marker = "presenting_problem:"
    head, tail = text.split(marker, 1)
    first_line, rest = tail.split("\n", 1)
    if first_line.strip() in (">", "|", ">-", "|-"):
        indent = rest[: len(rest) - len(rest.lstrip(" "))]
        rest = f"{indent}{token}.\n{rest}"
    else:
        first_line = f"{first_line.rstrip()} {token}."
    path.write_text(head + marker + first_line + "\n" + rest, encoding="utf-8")


def fresh_demo_project(work: Path, cases: int) -> None:
    """The demo project of ``cases`` cases, made anew in ``work`` (same seed every run)."""
    os.environ["CASEBOOK_TODAY"] = TODAY
    sys.path.insert(0, str(REPO))
    from casebook_demo.generate import generate_project

    shutil.rmtree(work, ignore_errors=True)
    generate_project(work, cases=cases, seed=2026, interns=max(4, cases // 40))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", type=int, default=1000)
    parser.add_argument("--edits", type=int, default=5)
    parser.add_argument("--pause", type=float, default=1.0,
                        help="seconds between a change being shown and the next save")
    parser.add_argument("--work", type=Path, default=Path("/tmp/casebook-bench/serve"))
    parser.add_argument("--out", type=Path, default=HERE / "results" / "serve.json")
    args = parser.parse_args()
    fresh_demo_project(args.work, args.cases)
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "generator", "serve", "--project", str(args.work), "--audience",
         "review", "--port", str(port)],
        env={**os.environ, "PYTHONPATH": str(REPO)}, stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    delays: list[float] = []
    try:
        started = time.perf_counter()
        first = wait_for(f"http://127.0.0.1:{port}/kasus/K-2025-0001/", "K-2025-0001", 900)
        if first is None:
            raise SystemExit("serve did not come up")
        print(f"first build served after {time.perf_counter() - started:.1f} s")
        for number in range(1, args.edits + 1):
            case_id = f"K-2025-{number * 97:04d}"
            token = f"Penanda-uji-{number}-{int(time.time())}"
            edit_case(args.work / "cases" / f"{case_id}.yaml", token)
            delay = wait_for(f"http://127.0.0.1:{port}/kasus/{case_id}/", token, 120)
            print(f"edit {number}: {case_id} shown after {delay:.2f} s" if delay else f"edit {number}: not shown")
            if delay is not None:
                delays.append(delay)
            time.sleep(args.pause)
    finally:
        server.terminate()
        server.wait(timeout=30)
    median = statistics.median(delays) if delays else None
    print(f"median {median:.2f} s over {len(delays)} edits" if median else "no edit was shown")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"cases": args.cases, "delays_s": [round(d, 3) for d in delays],
                                    "median_s": round(median, 3) if median else None}, indent=2) + "\n")


if __name__ == "__main__":
    main()
