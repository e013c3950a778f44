"""Pages shared out to worker processes: made (generator/build/workers.py) and converted
(work_chunks in generator/site/engine.py)."""

from __future__ import annotations

import os
import threading

import pytest

from generator.build import workers
from generator.build.workers import CHUNK, make_pages
from generator.site.engine import _CHUNK, _CHUNK_BYTES, work_chunks


def _makers(count: int) -> dict[str, object]:
    return {f"kasus/K-{n:04d}.md": (lambda n=n: f"# {n} {os.getpid()}\n") for n in range(count)}


def test_workers_make_the_same_pages_in_the_same_order():
    makers = _makers(CHUNK * 3 + 7)
    paths = sorted(makers, reverse=True)
    made = make_pages(makers, paths, workers=2)
    assert list(made) == paths
    assert [page.split()[1] for page in made.values()] == [path[-7:-3].lstrip("0") or "0"
                                                          for path in paths]
    assert {page.split()[2] for page in made.values()} - {str(os.getpid())}  # others made them


def test_a_few_pages_or_one_worker_are_made_here():
    here = str(os.getpid())
    for count, count_workers in ((CHUNK, 2), (CHUNK * 3, 1)):
        made = make_pages(_makers(count), sorted(_makers(count)), workers=count_workers)
        assert {page.split()[2] for page in made.values()} == {here}


def test_a_process_with_other_threads_is_not_forked():
    stop = threading.Event()
    watcher = threading.Thread(target=stop.wait)
    watcher.start()
    try:
        assert not workers.can_fork()
        made = make_pages(_makers(CHUNK * 3), sorted(_makers(CHUNK * 3)), workers=2)
        assert {page.split()[2] for page in made.values()} == {str(os.getpid())}
    finally:
        stop.set()
        watcher.join()


class _Files:
    """What work_chunks asks of MkDocs' Files: a page's source path."""

    def __init__(self, folder):
        self.folder = folder

    def get_file_from_path(self, uri):
        return type("File", (), {"abs_src_path": str(self.folder / uri)})()


def test_work_chunks_hand_out_the_biggest_pages_first_and_each_page_once(tmp_path):
    sizes = {f"kasus/K-{n:04d}.md": 3000 + n for n in range(40)}
    sizes |= {"statistik/ringkasan.md": 2_000_000, "kasus/index.md": 900_000,
              "statistik/hasil_akhir.md": 200_000}
    for uri, size in sizes.items():
        (tmp_path / uri).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / uri).write_bytes(b"x" * size)
    chunks = work_chunks(sorted(sizes), _Files(tmp_path))
    assert sorted(uri for chunk in chunks for uri in chunk) == sorted(sizes)
    assert chunks[:2] == [["statistik/ringkasan.md"], ["kasus/index.md"]]  # each a task alone
    order = [sizes[uri] for chunk in chunks for uri in chunk]
    assert order == sorted(order, reverse=True)
    for chunk in chunks:
        assert len(chunk) <= _CHUNK
        assert len(chunk) == 1 or sum(sizes[uri] for uri in chunk) <= _CHUNK_BYTES


def test_the_collector_is_paused_only_inside_the_block_and_given_back_as_it_was():
    import gc

    assert gc.isenabled()
    with workers.collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with workers.collector_paused():
            pass
        assert not gc.isenabled()  # a caller that had paused it keeps it paused
    finally:
        gc.enable()
    with pytest.raises(KeyError), workers.collector_paused():
        raise KeyError
    assert gc.isenabled()


def test_the_models_are_fetched_with_the_collector_paused():
    import gc

    from generator.build import pipeline

    seen = []

    class Doc:
        @property
        def case(self):
            seen.append(gc.isenabled())

    class Project:
        def sorted_cases(self):
            return [Doc(), Doc()]

    pipeline._fetch_models(Project())
    assert seen == [False, False]
    assert gc.isenabled()
