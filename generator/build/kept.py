"""Case and intern pages kept between builds, by the inputs they are made from.

A case page is made from its own file, the case ids before and after it, and what every page
shares: the project's other files (office, settings, taxonomies, every intern's folder), the
interns' and staff's names, the language, "today" and Casebook's own code. An intern's page is
made from what every page shares, the files of the cases the intern wrote, and which case ids
exist (its logbook links to them). A page's key digests all of these, so ``casebook build`` after
editing one case makes that case's page (and its neighbours', when the order changed) and its
interns' pages again and takes the other pages as they were made last time, byte for byte. A case
whose model did not come from its own file unchanged (a lecturer's copy narrows it) has no
content digest: its page is always made, and so is every intern's page.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path

from generator import __version__
from generator.model.project import Project
from generator.render.text import case_page_path, intern_page_path, people_names

MakePages = Callable[[Mapping[str, Callable[[], str]], Sequence[str]], dict[str, str]]

_FORMAT = "casebook-kept-pages-1"
_SHARED_FILES = ("casebook.yml", "office.yaml", "rubric.yaml", "holidays.yaml")
_SHARED_FOLDERS = ("interns", "taxonomies")


def page_keys(project: Project, lang: str) -> dict[str, str]:
    """The key of every case and intern page that has one (``case_page_keys``,
    ``intern_page_keys``)."""
    shared = shared_inputs(project, lang)
    return {**case_page_keys(project, shared), **intern_page_keys(project, shared)}


def case_page_keys(project: Project, shared: bytes) -> dict[str, str]:
    """Each case page's key, for the cases whose model is their file's (the others have none)."""
    keys: dict[str, str] = {}
    for doc in project.sorted_cases():
        if not doc.digest:
            continue
        before, after = project.case_neighbours(doc.index.case_id)
        digest = hashlib.sha256(shared)
        for part in (doc.display, doc.digest, before or "", after or ""):
            digest.update(part.encode("utf-8", "surrogatepass") + b"\0")
        keys[case_page_path(doc.index.case_id)] = digest.hexdigest()
    return keys


def intern_page_keys(project: Project, shared: bytes) -> dict[str, str]:
    """Each intern page's key, when every case has its file's model (a narrowed copy, whose
    cases do not, keeps no page)."""
    if not all(doc.digest for doc in project.cases.values()):
        return {}
    case_ids = "\0".join(sorted(project.cases)).encode("utf-8", "surrogatepass")
    every_case = shared + hashlib.sha256(case_ids).digest()  # the logbooks link to case ids
    keys: dict[str, str] = {}
    for doc in project.sorted_interns():
        digest = hashlib.sha256(every_case)
        for case in project.cases_of(doc.intern.id):
            for part in (case.display, case.digest):
                digest.update(part.encode("utf-8", "surrogatepass") + b"\0")
        keys[intern_page_path(doc.intern.id)] = digest.hexdigest()
    return keys


def shared_inputs(project: Project, lang: str) -> bytes:
    """What every kept page depends on besides its own cases (and a case page's neighbours)."""
    digest = hashlib.sha256(f"{_FORMAT}\0{__version__}\0{lang}\0{project.today}\0".encode())
    digest.update(_code_digest())
    for path in _shared_files(project.root):
        digest.update(path.relative_to(project.root).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    names = sorted((doc.intern.id, doc.intern.name) for doc in project.interns.values())
    digest.update(repr((names, sorted(people_names(project).items()))).encode())
    digest.update(project.settings.model_dump_json().encode())
    return digest.digest()


def _shared_files(root: Path) -> list[Path]:
    files = [root / name for name in _SHARED_FILES if (root / name).is_file()]
    for folder in _SHARED_FOLDERS:
        files += sorted(path for path in (root / folder).rglob("*") if path.is_file())
    return files


def _code_digest() -> bytes:
    """Casebook's own code and words: a page made by other code is made again."""
    here = Path(__file__).resolve().parents[1]
    digest = hashlib.sha256()
    for path in sorted(here.rglob("*")):
        if path.suffix in (".py", ".yaml") and "__pycache__" not in path.parts:
            digest.update(path.relative_to(here).as_posix().encode() + b"\0")
            digest.update(path.read_bytes())
    return digest.digest()


class KeptPages:
    """The pages of one build kept for the next: ``path → (key, page)`` in one file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.pages: dict[str, tuple[str, str]] = self._read()

    def page(self, path: str, key: str) -> str | None:
        """The page kept under ``key``, or None."""
        kept = self.pages.get(path)
        return kept[1] if kept is not None and kept[0] == key else None

    def save(self, keys: Mapping[str, str], pages: Mapping[str, str]) -> None:
        """Keep the keyed pages of this build (and no others) for the next."""
        kept = {path: (key, pages[path]) for path, key in keys.items() if path in pages}
        if not kept or kept == self.pages:  # no keyed pages (a narrowed copy): keep the last
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(dir=self.path.parent, delete=False) as stream:
                stream.write(pickle.dumps((_FORMAT, kept), protocol=pickle.HIGHEST_PROTOCOL))
            os.replace(stream.name, self.path)
        except OSError:
            pass  # a read-only project: every page is made again next time

    def _read(self) -> dict[str, tuple[str, str]]:
        try:
            form, pages = pickle.loads(self.path.read_bytes())
        except Exception:  # noqa: BLE001 - a missing, stale or damaged file is rebuilt, never trusted
            return {}
        return pages if form == _FORMAT and isinstance(pages, dict) else {}


def make_keeping(kept: KeptPages, keys: Mapping[str, str], make: MakePages,
                 makers: Mapping[str, Callable[[], str]], paths: Iterable[str]) -> dict[str, str]:
    """The pages of ``paths``, in that order: those kept under their key as they are, the
    others made by ``make``; then the keyed ones are kept for the next build."""
    paths = list(paths)
    reused = {path: page for path in paths if path in keys
              and (page := kept.page(path, keys[path])) is not None}
    made = make(makers, [path for path in paths if path not in reused])
    pages = {path: reused[path] if path in reused else made[path] for path in paths}
    kept.save(keys, pages)
    return pages
