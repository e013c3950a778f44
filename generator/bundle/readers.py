"""Who reads a bundle, and the part of the project they may see.

A reader is named as in the intern files: an academic supervisor's id (``DSN-01``), a field
supervisor's id (``PS-01``), a head of programme's id, or a university's name. The bundle
holds only the interns that reader supervises and the cases those interns wrote; the project
is narrowed before any page is rendered, so nothing else can reach a page, the search index
or a download.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from generator.build.project import (
    SETTINGS_FILE,
    CaseDoc,
    CaseIndex,
    InternDoc,
    Project,
    setting_line,
)
from generator.bundle.words import say
from generator.errors import InputError
from generator.model.records import Intern


class UnknownReader(InputError):
    """The reader id names no supervisor or university of any intern."""

    def __init__(self, reader: str, known: list[str]):
        super().__init__(reader)
        self.reader, self.known = reader, known

    def message(self, lang: str = "id") -> str:
        listed = ", ".join(self.known)
        if lang == "en":
            return f"No intern is supervised by {self.reader!r}. Known readers: {listed}."
        return f"Tidak ada mahasiswa yang dibimbing oleh {self.reader!r}. Pembaca yang dikenal: {listed}."


BUNDLE_ENGINES = ("mkdocs", "properdocs")  # Material's search and pages, which offline + lock need
ENGINE_NAMES = {"zensical": "Zensical"}


class EngineCannotBundle(InputError):
    """The project's site engine cannot make an offline, locked bundle (Zensical: its search
    fetches its index, which a browser refuses from file://, and its pages are not Material's)."""

    def __init__(self, engine: str, file: str, line: int):
        super().__init__(engine)
        self.engine, self.file, self.line = engine, file, line

    def message(self, lang: str = "id") -> str:
        return say("bundle.engine", lang, file=self.file, line=self.line, engine=self.engine,
                   name=ENGINE_NAMES.get(self.engine, self.engine))


def check_engine(project: Project) -> None:
    """Refuse, at the ``engine:`` line of casebook.yml, an engine that cannot make a bundle."""
    engine = project.settings.engine
    if engine in BUNDLE_ENGINES:
        return
    raise EngineCannotBundle(engine, SETTINGS_FILE, setting_line(project.root, "engine"))


def reader_ids(intern: Intern) -> list[str]:
    """Every name under which a reader may ask for this intern."""
    supervisors = intern.supervisors
    ids = [person.id for person in supervisors.academic] + list(supervisors.field)
    if supervisors.head_of_programme is not None:
        ids.append(supervisors.head_of_programme.id)
    return [*ids, intern.university]


def known_readers(project: Project) -> list[str]:
    """Every reader id of the project, sorted (ids first, then universities)."""
    found = {reader for doc in project.interns.values() for reader in reader_ids(doc.intern)}
    return sorted(found, key=lambda reader: (" " in reader, reader.casefold()))


def interns_of(project: Project, reader: str) -> list[str]:
    """The ids of the interns ``reader`` supervises (ids exact, universities in any case)."""
    wanted = reader.strip().casefold()
    return sorted(
        intern_id for intern_id, doc in project.interns.items()
        if wanted in (name.casefold() for name in reader_ids(doc.intern))
    )


def for_reader(project: Project, reader: str) -> Project:
    """The project narrowed to one reader's interns and their cases; UnknownReader if none."""
    chosen = interns_of(project, reader)
    if not chosen:
        raise UnknownReader(reader, known_readers(project))
    return narrowed(project, chosen)


def narrowed(project: Project, intern_ids: Iterable[str]) -> Project:
    """A copy of the project holding only these interns, their cases and their problems."""
    keep = set(intern_ids)
    interns: dict[str, InternDoc] = {key: project.interns[key] for key in sorted(keep)}
    cases = {
        case_id: _own_authors(doc, keep)
        for case_id, doc in project.cases.items() if keep & set(doc.index.authors)
    }
    files = {str(doc.display) for doc in cases.values()}
    folders = tuple(f"interns/{intern_id}/" for intern_id in keep)
    problems = [p for p in project.problems if p.file in files or p.file.startswith(folders)]
    return dataclasses.replace(
        project, interns=interns, cases=cases, problems=problems,
        invalid_case_ids=set(), files_checked=len(files) + len(interns),
    )


def _own_authors(doc: CaseDoc, keep: set[str]) -> CaseDoc:
    """The case as it is, or, when it was co-written with interns outside the bundle, a copy
    that names only the bundle's own interns."""
    authors = tuple(author for author in doc.index.authors if author in keep)
    if authors == doc.index.authors:
        return doc
    case = doc.case
    record = case.record.model_copy(update={"authors": list(authors)})
    narrowed_case = case.model_copy(update={"record": record})
    index = CaseIndex(doc.index.case_id, authors, doc.index.field_supervisor)
    return CaseDoc(index, doc.path, doc.display, doc.loaded, case=narrowed_case)
