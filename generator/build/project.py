"""A Casebook project on disk: where each kind of file lives, and loading all of them.

Layout (relative to the project root)::

    casebook.yml               project settings (optional)
    office.yaml                the office's own profile
    cases/**/<case_id>.yaml    one file per client case
    interns/<id>/intern.yaml   one folder per intern: intern.yaml, logbook.yaml,
                               references.yaml, review.yaml, chapters/*.md
    content/                   hand-written pages (the MkDocs docs_dir)
    taxonomies/*.yaml          optional overrides of the built-in vocabularies
"""

from __future__ import annotations

import contextlib
import datetime as dt
import difflib
import functools
import os
import pickle
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.build.workers import forked_map, will_fork, worker_count
from generator.load.cache import ValidationCache, digest
from generator.load.source import LoadedFile, LoadError, load_yaml_bytes, read_source
from generator.model import scaffold
from generator.model.project import CaseDoc, CaseIndex, InternDoc, Project
from generator.model.records import (
    Case,
    Holidays,
    Intern,
    Logbook,
    Office,
    References,
    ReviewRecord,
    Rubric,
    Settings,
    Strict,
)
from generator.model.taxonomy import Taxonomy, TaxonomyError, load_taxonomy
from generator.privacy import check as privacy_check
from generator.problems import Problem, sort_problems
from generator.validate import markup as markup_check
from generator.validate import review as review_rules
from generator.validate import rules as validate

ROOT_MARKERS = ("casebook.yml", "office.yaml")
_CASES_PER_TASK = 100  # case files a worker validates at a time, when workers share them out
# What a skeleton from `casebook new` / `casebook init` asks to replace (generator/model/scaffold.py)
SKELETON_EXAMPLES = {Case: scaffold.CASE_EXAMPLE_CODES, Intern: scaffold.INTERN_EXAMPLE_CODES,
                     Office: scaffold.OFFICE_EXAMPLE_VALUES}


def find_root(start: Path) -> Path:
    """The nearest folder at or above ``start`` holding a Casebook marker file."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if any((folder / marker).is_file() for marker in ROOT_MARKERS):
            return folder
    return start


def today_for(settings_today: dt.date | None = None) -> dt.date:
    """Today, unless CASEBOOK_TODAY (YYYY-MM-DD) pins it, as the tests do."""
    pinned = os.environ.get("CASEBOOK_TODAY")
    if pinned:
        return dt.date.fromisoformat(pinned)
    return settings_today or dt.date.today()


def case_files(root: Path) -> list[Path]:
    return sorted((root / "cases").rglob("*.yaml")) + sorted((root / "cases").rglob("*.yml"))


def intern_folders(root: Path) -> list[Path]:
    base = root / "interns"
    return sorted(p for p in base.iterdir() if p.is_dir()) if base.is_dir() else []


class _Loader:
    """Loads and validates the files of one project, collecting problems."""

    def __init__(self, root: Path, today: dt.date | None):
        self.root = root
        self.problems: list[Problem] = []
        self.files = 0
        self.privacy = privacy_check.Rules()  # allow-list and deny-list for the free-text checks
        self.scan_privacy = True
        self.privacy_key: str | None = None  # the privacy rules' fingerprint, for the caches
        self.context: dict[str, Any] = {}  # settings hold no vocabulary codes
        self.documents: ValidationCache | None = None  # set once the cache's context is known
        self.settings = self._settings()
        self.taxonomy = self._taxonomy()
        self.today = today or today_for()
        self.context = {"taxonomy": self.taxonomy}

    def display(self, path: Path) -> str:
        return display_name(path, self.root)

    def document(self, path: Path, model: type[Strict], raw: bytes | None = None
                 ) -> tuple[Any, LoadedFile | None]:
        """Load and schema-validate one file; None when it has errors.

        Files other than cases (which keep their own cache) come from ``self.documents`` when
        their bytes are unchanged."""
        self.files += 1
        display = self.display(path)
        try:
            source = read_source(path, display) if raw is None else raw
        except LoadError as error:
            self.problems.append(error.problem)
            return None, None
        cache = self.documents if raw is None else None
        key = digest(source) if cache is not None else ""
        cached = cache.get(display, key) if cache is not None else None
        if cached is not None:
            document, problems = cached
            self.problems.extend(problems)
            return document, LoadedFile(path, None)
        document, loaded, problems = self._validate(path, display, model, source)
        self.problems.extend(problems)
        if cache is not None:
            cache.put(display, key, (document, problems))
        return document, loaded

    def _validate(self, path: Path, display: str, model: type[Strict], source: bytes
                  ) -> tuple[Any, LoadedFile | None, list[Problem]]:
        try:
            loaded = load_yaml_bytes(source, path, display)
        except LoadError as error:
            return None, None, [error.problem]
        document, problems = validate.validate_document(loaded, model, display, self.context)
        if scaffold.PLACEHOLDER.encode() in source:
            examples = SKELETON_EXAMPLES.get(model)
            text = source.decode("utf-8", errors="replace") if examples else ""
            problems = problems + validate.placeholder_problems(loaded, display, scaffold.PLACEHOLDER,
                                                                examples, text)
        return document, loaded, problems

    def _settings(self) -> Settings:
        path = self.root / "casebook.yml"
        if not path.is_file():
            return Settings()
        settings, _ = self.document(path, Settings)
        return settings or Settings()

    def _taxonomy(self) -> Taxonomy:
        try:
            return load_taxonomy(self.root)
        except TaxonomyError as error:
            self.problems.append(taxonomy_problem(error, self.root))
            return load_taxonomy(None)


def taxonomy_problem(error: TaxonomyError, root: Path) -> Problem:
    """A broken taxonomy override at its file and line (the YAML mark, else the vocabulary's)."""
    path = Path(error.file)
    try:
        display = path.resolve().relative_to(root.resolve()).as_posix()
    except (OSError, ValueError):
        display = path.as_posix()
    mark = getattr(error.__cause__, "problem_mark", None) or getattr(error.__cause__, "context_mark",
                                                                     None)
    line = mark.line + 1 if mark is not None else _line_of(path, error.vocabulary)
    return Problem.make(display, line, 1, error.vocabulary or "", "field.invalid",
                        detail=str(error))


def _line_of(path: Path, key: str | None) -> int:
    """The line where ``key:`` is written in a YAML file (1 when unknown)."""
    if not key or not path.is_file():
        return 1
    with contextlib.suppress(OSError, UnicodeDecodeError):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if line.strip().startswith(f"{key}:"):
                return number
    return 1


def load_project(root: Path, *, today: dt.date | None = None, privacy: bool = True
                 ) -> tuple[Project, list[Problem]]:
    """Load, validate and cross-check a whole project; return it with every problem found.

    ``privacy=False`` skips the identifier scan of free text (the privacy stage), which check
    and build always run; the benchmark uses it to time loading and validation alone."""
    loader = _Loader(root, today)
    loader.scan_privacy = privacy
    loader.documents = ValidationCache.for_project(root, *_cache_context(loader), name="documents")
    project = Project(root, loader.taxonomy, loader.settings, loader.today)
    project.office = _load_office(loader)
    loader.privacy = privacy_check.Rules.for_project(loader.root, loader.settings, project.office)
    loader.privacy_key = loader.privacy.fingerprint() if privacy else None
    loader.problems.extend(privacy_check.allowlist_problems(loader.privacy, loader.display))
    project.rubric = _load_root_file(loader, "rubric.yaml", Rubric)
    project.holidays = _load_root_file(loader, "holidays.yaml", Holidays)
    project.cases = _load_cases(loader, project)
    project.interns = _load_interns(loader, project)
    loader.problems.extend(cross_file_problems(project))
    loader.problems.extend(review_rules.review_problems(project))
    loader.problems.extend(markup_check.content_problems(loader.root))
    loader.documents.save()
    project.files_checked = loader.files
    project.problems = sort_problems(loader.problems)
    return project, list(project.problems)


def _load_office(loader: _Loader) -> Office | None:
    path = loader.root / "office.yaml"
    if not path.is_file():
        loader.problems.append(Problem.make("office.yaml", 1, 1, "", "project.no_office"))
        return None
    office, _ = loader.document(path, Office)
    return office


def _load_root_file(loader: _Loader, name: str, model: type[Strict]) -> Any:
    """An optional project-level file (rubric.yaml, holidays.yaml); None when absent or invalid."""
    path = loader.root / name
    if not path.is_file():
        return None
    document, loaded = loader.document(path, model)
    if isinstance(document, Rubric):
        loader.problems.extend(review_rules.rubric_problems(document, loaded, name))
    return document


def _load_cases(loader: _Loader, project: Project) -> dict[str, CaseDoc]:
    cases: dict[str, CaseDoc] = {}
    privacy = loader.privacy.fingerprint() if loader.scan_privacy else "no-privacy"
    cache = ValidationCache.for_project(loader.root, *_cache_context(loader), privacy)
    for doc in _case_docs(loader, case_files(loader.root), cache):
        if isinstance(doc, str):
            project.invalid_case_ids.add(doc)
            continue
        if doc is None:
            continue
        report = validate.Reporter(doc.loaded, doc.display)
        _check_case_identity(doc, cases, report)
        loader.problems.extend(report.problems)
        cases.setdefault(doc.index.case_id, doc)
    cache.save()
    return cases


@dataclass(frozen=True)
class _CaseFile:
    """One case file as read: its bytes (None when unreadable) and their digest."""

    path: Path
    display: str
    raw: bytes | None
    key: str


@dataclass(frozen=True)
class _CheckedCase:
    """What validating one case file gives: its index (or the case_id an invalid file claims),
    its own problems and, when valid, its model, or the model's pickle when it was validated in
    a worker (unpickling every model would cost the main process a third of the work saved)."""

    index: CaseIndex | str | None
    problems: list[Problem]
    case: Case | bytes | None


def _case_docs(loader: _Loader, paths: list[Path], cache: ValidationCache
               ) -> list[CaseDoc | str | None]:
    """Every case file, in order: unchanged ones from the cache, the others validated, by as
    many forked workers as the project's ``workers`` setting allows when there are many.

    An invalid file gives the case_id it claims, when it has one (links to it are not reported
    twice), and an unreadable one None."""
    files = [_read_case(loader, path) for path in paths]
    entries = {file.path: entry for file in files
               if file.raw is not None and (entry := cache.get(file.display, file.key)) is not None}
    cached = {file.path: _cached_case(loader, file, entries[file.path], cache) for file in files
              if file.path in entries}
    fresh = [file for file in files if file.path not in cached]
    workers = worker_count(loader.settings.workers)
    pickled = will_fork(len(fresh), workers=workers, chunk=_CASES_PER_TASK)
    checked = forked_map(functools.partial(_check_case, loader, pickled=pickled), fresh,
                         workers=workers, chunk=_CASES_PER_TASK)
    results = dict(zip((file.path for file in fresh), checked, strict=True))
    return [cached[file.path] if file.path in cached
            else _fresh_case(loader, file, results[file.path], cache) for file in files]


def _read_case(loader: _Loader, path: Path) -> _CaseFile:
    try:
        raw: bytes | None = path.read_bytes()
    except OSError:
        raw = None
    return _CaseFile(path, loader.display(path), raw, digest(raw) if raw is not None else "")


def _cached_case(loader: _Loader, file: _CaseFile, entry: tuple[Any, list[Problem]],
                 cache: ValidationCache) -> CaseDoc | str | None:
    """An unchanged case, from its cache entry: its model is read only when first asked for."""
    loader.files += 1
    index, problems = entry
    loader.problems.extend(problems)
    if isinstance(index, str) or index is None:
        return index
    fetch = lambda: cache.model(file.display) or _revalidate(loader, file.path)
    return CaseDoc(index, file.path, file.display, LoadedFile(file.path, None), fetch=fetch,
                   digest=file.key)


def _check_case(loader: _Loader, file: _CaseFile, *, pickled: bool = False) -> _CheckedCase:
    """Validate one case file with its own rules, its model pickled with ``pickled``; leaves the
    loader as it was (this may run in a forked worker, whose loader is a copy)."""
    before, files = len(loader.problems), loader.files
    case, loaded = loader.document(file.path, Case, file.raw)
    if case is not None:
        report = validate.Reporter(loaded, file.display)
        validate.case_rules(case, report, loader.taxonomy, loader.today)
        if loader.scan_privacy:
            report.problems.extend(
                privacy_check.case_problems(case, loaded, file.display, loader.privacy))
        loader.problems.extend(report.problems)
    problems = loader.problems[before:]
    del loader.problems[before:]
    loader.files = files
    if case is None:
        return _CheckedCase(_claimed_id(loaded), problems, None)
    model = pickle.dumps(case, protocol=pickle.HIGHEST_PROTOCOL) if pickled else case
    return _CheckedCase(CaseIndex.of(case), problems, model)


def _fresh_case(loader: _Loader, file: _CaseFile, checked: _CheckedCase, cache: ValidationCache
                ) -> CaseDoc | str | None:
    """A case just validated: its problems reported and, when the file was read, cached."""
    loader.files += 1
    loader.problems.extend(checked.problems)
    if file.raw is not None:
        cache.put(file.display, file.key, (checked.index, checked.problems), checked.case)
    # Positions are found again from the file if ever needed: the parsed data is not kept.
    if checked.case is None:
        return checked.index if isinstance(checked.index, str) else None
    loaded = LoadedFile(file.path, None)
    if isinstance(checked.case, bytes):  # from a worker: the cache unpickles it when first used
        return CaseDoc(checked.index, file.path, file.display, loaded,
                       fetch=lambda: cache.model(file.display), digest=file.key)
    return CaseDoc(checked.index, file.path, file.display, loaded, checked.case, digest=file.key)


def _claimed_id(loaded: LoadedFile | None) -> str | None:
    data = loaded.data if loaded else None
    claimed = data.get("case_id") if isinstance(data, dict) else None
    return claimed if isinstance(claimed, str) else None


def _revalidate(loader: _Loader, path: Path) -> Case:
    """Parse a cached file again when its model is missing from the model store."""
    case, _ = loader.document(path, Case)
    return case


def _cache_context(loader: _Loader) -> tuple[str, ...]:
    """What every cached result depends on besides the file and the code."""
    return (loader.taxonomy.version, loader.today.isoformat(), _taxonomy_fingerprint(loader.root))


def _taxonomy_fingerprint(root: Path) -> str:
    overrides = sorted((root / "taxonomies").glob("*.yaml")) if (root / "taxonomies").is_dir() else []
    return digest(b"".join(p.read_bytes() for p in overrides))


def _check_case_identity(doc: CaseDoc, seen: dict[str, CaseDoc], report: validate.Reporter) -> None:
    case_id = doc.index.case_id
    if case_id in seen:
        report.add(("case_id",), "case.duplicate_id", case=case_id, other=seen[case_id].display)
    if doc.path.stem != case_id:
        report.add(("case_id",), "case.file_name", case=case_id)


def _load_interns(loader: _Loader, project: Project) -> dict[str, InternDoc]:
    interns: dict[str, InternDoc] = {}
    for folder in intern_folders(loader.root):
        doc = _load_intern(loader, folder)
        if doc is not None:
            interns[doc.intern.id] = doc
    return interns


def _load_intern(loader: _Loader, folder: Path) -> InternDoc | None:
    record_path = folder / "intern.yaml"
    if not record_path.is_file():
        display = loader.display(record_path)
        loader.problems.append(Problem.make(display, 1, 1, "", "project.intern_missing_file"))
        return None
    intern, loaded = loader.document(record_path, Intern)
    if intern is not None:
        report = validate.Reporter(loaded, loader.display(record_path))
        validate.intern_rules(intern, folder.name, report, loader.today)
        loader.problems.extend(report.problems)
    sources = {"intern": loaded}
    logbook = _optional(loader, folder / "logbook.yaml", Logbook, intern, sources)
    references = _optional(loader, folder / "references.yaml", References, intern, sources)
    review = _optional(loader, folder / "review.yaml", ReviewRecord, intern, sources)
    if intern is None:
        return None
    doc = InternDoc(intern, folder, logbook or Logbook(), references or References(),
                    _chapters(folder, loader), sources, review)
    if loader.scan_privacy:
        loader.problems.extend(_intern_privacy_problems(loader, doc))
    return doc


def _intern_privacy_problems(loader: _Loader, doc: InternDoc) -> list[Problem]:
    """The identifier scan of an intern's folder, kept in the documents cache under a key of
    every file in the folder and the privacy rules (allow-list, deny-list, detectors)."""
    folder = Path(doc.folder)
    if loader.documents is None or loader.privacy_key is None:
        return privacy_check.intern_problems(doc, loader.display, loader.privacy)
    parts = [loader.privacy_key.encode()]
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        parts += [path.relative_to(folder).as_posix().encode(), path.read_bytes()]
    key, name = digest(b"\0".join(parts)), f"{loader.display(folder)}#privacy"
    cached = loader.documents.get(name, key)
    if isinstance(cached, list):
        return cached
    problems = privacy_check.intern_problems(doc, loader.display, loader.privacy)
    loader.documents.put(name, key, problems)
    return problems


def _optional(loader: _Loader, path: Path, model: type[Strict], intern: Intern | None,
              sources: dict[str, LoadedFile]) -> Any:
    if not path.is_file():
        return None
    document, loaded = loader.document(path, model)
    if loaded is not None:
        sources[path.stem] = loaded
    if isinstance(document, Logbook):
        report = validate.Reporter(loaded, loader.display(path))
        validate.logbook_rules(document, intern, report, loader.today)
        loader.problems.extend(report.problems)
    return document


def _chapters(folder: Path, loader: _Loader | None = None) -> dict[str, str]:
    chapters = folder / "chapters"
    if not chapters.is_dir():
        return {}
    texts: dict[str, str] = {}
    for path in sorted(chapters.glob("*.md")):
        display = path.as_posix() if loader is None else loader.display(path)
        root = loader.root if loader is not None else folder.parent.parent
        text, problems = markup_check.read_markdown(path, root, display)
        if loader is not None:
            loader.problems.extend(problems)
        if text is None:
            continue
        texts[path.stem] = text
        if loader is not None:
            loader.problems.extend(validate.placeholder_lines(text, display, scaffold.PLACEHOLDER))
            loader.problems.extend(markup_check.markdown_problems(text, display))
    return texts


# ---------------------------------------------------------------- cross-file rules


def cross_file_problems(project: Project) -> list[Problem]:
    """References between files: authors, supervisors, linked cases."""
    problems: list[Problem] = []
    staff = [person.id for person in project.office.staff] if project.office else []
    for doc in project.sorted_cases():
        report = validate.Reporter(doc.loaded, doc.display)
        _check_authors(doc.index, project, report)
        supervisor = doc.index.field_supervisor
        if supervisor and project.office and supervisor not in staff:
            report.add(("record", "field_supervisor"), "project.unknown_staff", staff=supervisor,
                       **_suggest(supervisor, staff))
        interns = {author: project.interns[author].intern for author in doc.index.authors
                   if author in project.interns}
        validate.case_period_rules(doc.index.intake, doc.index.authors, interns, report)
        problems.extend(report.problems)
    for intern in project.sorted_interns():
        problems.extend(_check_logbook_cases(intern, project))
    return problems


def _check_logbook_cases(doc: InternDoc, project: Project) -> list[Problem]:
    loaded = doc.sources.get("logbook")
    if loaded is None:
        return []
    report = validate.Reporter(loaded, display_name(loaded.path, project.root))
    for index, entry in enumerate(doc.logbook.entries):
        for position, case_id in enumerate(entry.cases):
            if case_id not in project.cases and case_id not in project.invalid_case_ids:
                report.add(("entries", index, "cases", position), "logbook.unknown_case", case=case_id)
    return report.problems


def display_name(path: Path, root: Path) -> str:
    """How problems name a file: relative to the project root when it lies inside it."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


def _check_authors(case: CaseIndex, project: Project, report: validate.Reporter) -> None:
    known = sorted(project.interns)
    for index, author in enumerate(case.authors):
        if author not in project.interns:
            report.add(("record", "authors", index), "project.unknown_intern", intern=author,
                       **_suggest(author, known))


def _suggest(word: str, candidates: list[str]) -> dict[str, str]:
    close = difflib.get_close_matches(word, candidates, n=1, cutoff=0.6)
    return {"dym": f" — {close[0]}?" if close else ""}


SETTINGS_FILE = "casebook.yml"


def setting_line(root: Path, key: str) -> int:
    """The line of casebook.yml where a top-level setting is written (1 when it is not)."""
    path = Path(root) / SETTINGS_FILE
    lines = path.read_text(encoding="utf-8").splitlines() if path.is_file() else []
    return next((n for n, text in enumerate(lines, 1) if text.startswith(f"{key}:")), 1)


def load_settings_only(root: Path) -> tuple[Settings | None, list[Problem]]:
    """casebook.yml alone (a roll-up project has no cases), with its problems."""
    loader = _Loader(Path(root), None)
    return loader.settings, loader.problems
