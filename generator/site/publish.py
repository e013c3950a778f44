"""Publishing built sites: one build at a time, no litter, every audience together or none.

* :func:`build_lock` — an exclusive lock on ``<out>/.casebook.lock`` (``fcntl.flock``): a
  second ``casebook build`` waits for the first (up to ``CASEBOOK_LOCK_WAIT`` seconds, 600 by
  default) and then refuses with a message. The kernel drops the lock when a build is
  killed, so a stale lock never blocks anyone.
* :func:`clean_stale` — under the lock no other build runs, so every staging folder
  (``.review.build-*``) and every moved-away old site (``.review.old-*``) in ``<out>`` is
  litter of a killed build, and is removed.
* :func:`publish` — swaps every staged audience in. A journal (``<out>/.casebook-publish``)
  lists the swaps first; a build killed halfway is finished by the next one (the staged
  sites were complete and audited), so the review and public sites of one build are never
  mixed with those of another.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from generator.errors import OutputError

LOCK_NAME = ".casebook.lock"
JOURNAL_NAME = ".casebook-publish"
STALE_MARKERS = (".build-", ".old-")
DEFAULT_WAIT = 600.0


class PublishError(OutputError):
    """The output folder cannot be used; the message says why, in Indonesian and English."""


def check_output(out: Path, audiences: list[str]) -> None:
    """Refuse an output folder that is not a real, writable folder (or whose sites are links)."""
    for folder in (out, *(out / audience for audience in audiences)):
        if folder.is_symlink():
            raise PublishError(
                f"{folder}: tautan simbolik, bukan folder; hapus tautannya / "
                "is a symbolic link, not a folder; remove the link"
            )
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise PublishError(_cannot_write(out, error)) from error
    if not os.access(out, os.W_OK | os.X_OK):
        raise PublishError(_cannot_write(out, PermissionError("Permission denied")))


def _cannot_write(folder: Path, error: OSError) -> str:
    reason = error.strerror or str(error)
    return (
        f"{folder}: folder keluaran tidak dapat ditulis ({reason}); periksa izin folder atau "
        f"pilih folder lain dengan --out / the output folder cannot be written ({reason}); "
        "check its permissions or choose another folder with --out"
    )


@contextmanager
def build_lock(out: Path, *, wait: float | None = None) -> Iterator[None]:
    """Hold the output folder's build lock; wait for another build, then refuse."""
    wait = float(os.environ.get("CASEBOOK_LOCK_WAIT", DEFAULT_WAIT)) if wait is None else wait
    try:
        handle = open(out / LOCK_NAME, "a+")  # noqa: SIM115 (held for the whole block)
    except OSError as error:
        raise PublishError(_cannot_write(out, error)) from error
    try:
        _acquire(handle, out, wait)
        yield
    finally:
        handle.close()  # releases the lock


def _acquire(handle, out: Path, wait: float) -> None:
    deadline = time.monotonic() + wait
    while True:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() >= deadline:
                raise PublishError(
                    f"{out}: build lain sedang berjalan di folder ini; tunggu sampai selesai / "
                    "another build is running in this folder; wait until it is done"
                ) from None
            time.sleep(0.2)


def clean_stale(out: Path) -> list[Path]:
    """Finish an interrupted publish, then remove every staging and old folder in out."""
    recover(out)
    removed = []
    for path in sorted(out.iterdir()) if out.is_dir() else []:
        if path.name.startswith(".") and any(m in path.name for m in STALE_MARKERS):
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)
            removed.append(path)
    return removed


def publish(out: Path, staged: dict[Path, Path]) -> None:
    """Swap every staged folder into its site folder, as one journaled step."""
    journal = out / JOURNAL_NAME
    pairs = [[str(staging), str(site)] for site, staging in sorted(staged.items())]
    _write_journal(journal, pairs)
    _apply(pairs)
    journal.unlink(missing_ok=True)


def recover(out: Path) -> None:
    """Complete the swaps of a publish that a killed build left half done."""
    journal = out / JOURNAL_NAME
    if not journal.is_file():
        return
    try:
        pairs = json.loads(journal.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        pairs = []
    _apply([pair for pair in pairs if Path(pair[0]).is_dir()])
    journal.unlink(missing_ok=True)


def _write_journal(journal: Path, pairs: list[list[str]]) -> None:
    temporary = journal.with_name(journal.name + ".tmp")
    with open(temporary, "w", encoding="utf-8") as stream:
        json.dump(pairs, stream)
        stream.flush()
        os.fsync(stream.fileno())
    os.replace(temporary, journal)


def _apply(pairs: list[list[str]]) -> None:
    for staging, site in pairs:
        swap_into_place(Path(staging), Path(site))


def swap_into_place(staging: Path, site_dir: Path) -> None:
    """Rename staging to site_dir, moving any previous site away first and deleting it last."""
    previous = None
    if site_dir.exists():
        previous = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.old-", dir=site_dir.parent))
        os.rename(site_dir, previous)  # onto the empty folder just made
    try:
        os.rename(staging, site_dir)
    except OSError:
        if previous is not None:
            os.rename(previous, site_dir)
        raise
    if previous is not None:
        shutil.rmtree(previous, ignore_errors=True)
