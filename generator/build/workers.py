"""Pages made in parallel: thousands of case pages are independent of one another.

The makers (``path → function that renders the page``) close over the project, which cannot
be sent to another process cheaply; forked workers inherit it instead, and only page paths
and finished pages cross. A process with other threads (a preview's file watcher) is never
forked: a lock another thread held would stay held in the child.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Mapping, Sequence

from generator.site.engine import can_fork, worker_count

__all__ = ["CHUNK", "can_fork", "make_pages", "worker_count"]

CHUNK = 250  # pages per task: few enough tasks to share out the work, big enough to be worth one

_FORKED: dict[str, Mapping[str, Callable[[], str]]] = {}  # what a forked worker inherits


def make_pages(makers: Mapping[str, Callable[[], str]], paths: Sequence[str], *,
               workers: int = 1) -> dict[str, str]:
    """Each page of ``paths``, in that order, made by its maker: in ``workers`` forked processes
    when there are pages enough for more than one task, else here."""
    if workers < 2 or len(paths) <= CHUNK or not can_fork():
        return {path: makers[path]() for path in paths}
    chunks = [list(paths[start:start + CHUNK]) for start in range(0, len(paths), CHUNK)]
    _FORKED["makers"] = makers
    try:
        with multiprocessing.get_context("fork").Pool(min(workers, len(chunks))) as pool:
            made = pool.map(_make_chunk, chunks, chunksize=1)
    finally:
        _FORKED.clear()
    return {path: page for chunk in made for path, page in chunk}


def _make_chunk(paths: list[str]) -> list[tuple[str, str]]:
    makers = _FORKED["makers"]
    return [(path, makers[path]()) for path in paths]
