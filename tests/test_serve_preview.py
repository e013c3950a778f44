"""A real `casebook serve`: a saved file's errors are shown on the open page until fixed, the
terminal says when the files are clean again, and an added or deleted case is shown."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.test_site import free_port

REPO = Path(__file__).resolve().parent.parent
FIXTURE = REPO / "tests" / "fixtures" / "narratives"


def page(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, ""
    except OSError:
        return 0, ""


def poll(url: str, check: Callable[[int, str], bool], timeout: float = 60.0) -> str:
    """The body of url once check(status, body) holds (fail after timeout seconds)."""
    deadline = time.monotonic() + timeout
    status, body = 0, ""
    while time.monotonic() < deadline:
        status, body = page(url)
        if check(status, body):
            return body
        time.sleep(0.2)
    raise AssertionError(f"{url} never matched (last status {status})")


def text_until(path: Path, needle: str, timeout: float = 30.0) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        text = path.read_text(encoding="utf-8", errors="replace")
        if needle in text:
            return text
        time.sleep(0.2)
    raise AssertionError(f"{needle!r} never appeared in {path}")


@pytest.mark.slow
def test_serve_shows_problems_until_fixed_and_shows_added_and_deleted_cases(tmp_path):
    project = Path(shutil.copytree(FIXTURE, tmp_path / "project"))
    port, log = free_port(), tmp_path / "serve.log"
    env = {**os.environ, "PYTHONPATH": str(REPO), "CASEBOOK_TODAY": "2026-11-22"}
    with log.open("wb") as stderr:
        server = subprocess.Popen(
            [sys.executable, "-m", "generator", "serve", "--project", str(project),
             "--port", str(port)],
            env=env, stdout=subprocess.DEVNULL, stderr=stderr,
        )
    base = f"http://127.0.0.1:{port}/"
    case_url = base + "kasus/K-2025-0101/"
    try:
        first = poll(case_url, lambda status, body: "K-2025-0101" in body, timeout=180)
        assert "casebook-problems" not in first

        case_file = project / "cases" / "K-2025-0102.yaml"
        good = case_file.read_text(encoding="utf-8")
        case_file.write_text(good.replace("sex: perempuan", 'sex: "<b>wanita</b>"'),
                             encoding="utf-8")
        shown = poll(case_url, lambda status, body: "casebook-problems" in body)
        assert "cases/K-2025-0102.yaml:12" in shown
        assert "bukan kode Jenis kelamin" in shown  # the message, in the site's language
        assert "laki_laki, perempuan" in shown  # and its hint
        assert "&lt;b&gt;wanita&lt;/b&gt;" in shown and "<b>wanita</b>" not in shown
        assert "K-2025-0101" in shown  # the last valid page stays readable below the banner
        text_until(log, "client.sex")

        case_file.write_text(good, encoding="utf-8")
        fixed = poll(case_url, lambda status, body: body and "casebook-problems" not in body)
        assert "K-2025-0101" in fixed
        assert text_until(log, "bersih lagi").rstrip().splitlines()[-1].startswith(
            "Semua berkas bersih lagi")

        added = project / "cases" / "K-2025-0199.yaml"
        added.write_text(good.replace("K-2025-0102", "K-2025-0199"), encoding="utf-8")
        poll(base + "kasus/K-2025-0199/", lambda status, body: "K-2025-0199" in body)
        poll(base + "kasus/", lambda status, body: "K-2025-0199" in body)

        added.unlink()
        poll(base + "kasus/K-2025-0199/", lambda status, body: status == 404)
        poll(base + "kasus/", lambda status, body: body and "K-2025-0199" not in body)
    finally:
        server.terminate()
        server.wait(timeout=30)
