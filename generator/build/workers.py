"""Work done in parallel: thousands of case files and case pages are independent of one another.

The work (a file to validate, a page to make) closes over the project or the loader, which
cannot be sent to another process cheaply; forked workers inherit it instead, and only the
items and their results cross. A process with other threads (a preview's file watcher) is never
forked: a lock another thread held would stay held in the child.
"""

from __future__ import annotations

import gc
import multiprocessing
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any, TypeVar

from generator.site.engine import can_fork, frozen_heap, worker_count

__all__ = ["CHUNK", "can_fork", "collector_paused", "forked_map", "make_pages", "will_fork",
           "worker_count"]

CHUNK = 250  # items per task: few enough tasks to share out the work, big enough to be worth one

Item = TypeVar("Item")
Result = TypeVar("Result")

_FORKED: dict[str, Callable[[Any], Any]] = {}  # what a forked worker inherits


def forked_map(work: Callable[[Item], Result], items: Sequence[Item], *, workers: int = 1,
               chunk: int = CHUNK) -> list[Result]:
    """``work(item)`` for each item, in the items' order: in ``workers`` forked processes when
    there are items enough for more than one task (``will_fork``), else here."""
    if not will_fork(len(items), workers=workers, chunk=chunk):
        return [work(item) for item in items]
    chunks = [list(items[start:start + chunk]) for start in range(0, len(items), chunk)]
    _FORKED["work"] = work
    try:
        processes = min(workers, len(chunks))
        with frozen_heap(), multiprocessing.get_context("fork").Pool(processes) as pool:
            done = pool.map(_work_chunk, chunks, chunksize=1)
    finally:
        _FORKED.clear()
    return [result for results in done for result in results]


def will_fork(count: int, *, workers: int, chunk: int = CHUNK) -> bool:
    """Whether ``forked_map`` shares ``count`` items out to forked workers."""
    return workers > 1 and count > chunk and can_fork()


def _work_chunk(items: list[Any]) -> list[Any]:
    work = _FORKED["work"]
    return [work(item) for item in items]


def make_pages(makers: Mapping[str, Callable[[], str]], paths: Sequence[str], *,
               workers: int = 1) -> dict[str, str]:
    """Each page of ``paths``, in that order, made by its maker (``forked_map``)."""
    pages = forked_map(lambda path: makers[path](), paths, workers=workers)
    return dict(zip(paths, pages, strict=True))


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cycle collector off while a block makes many objects that all stay alive (every
    case's model, unpickled): each of its passes would walk every object made so far, and find
    no garbage. At 10,000 cases the collector took 60% of the time the models took to unpickle."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
