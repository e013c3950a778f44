"""Prove what a bundle's files hold: nothing of other readers' interns, and, when locked, no
case sentence in clear.

Each file is read as bytes and searched as text (and, for a zip or a .docx, each of its
members); a match names the file and what was found. The strings looked for come from the
validated project: other interns' names, ids and student numbers, their cases' ids and
sentences; for a locked bundle, every sentence of its own cases too.
"""

from __future__ import annotations

import html
import io
import json
import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from generator.build.project import Project

MIN_SENTENCE = 24  # shorter text (a code, a place type) says nothing on its own
MIN_WORDS = 4  # nor does a vocabulary code (one word with underscores)
_APART = re.compile(r"([\"'()\[\]{}])")
_SPLIT = re.compile(r"(?<=[.!?])\s+|\n+")


@dataclass(frozen=True)
class Forbidden:
    """What must not appear in a bundle: whose it is, and the strings."""

    strings: dict[str, str]  # string → what it is ("intern fajar-nugroho-2025: name")

    @classmethod
    def outside(cls, project: Project, mine: Project) -> Forbidden:
        """Everything of the interns and cases that are not in ``mine``."""
        strings: dict[str, str] = {}
        for intern_id, doc in project.interns.items():
            if intern_id in mine.interns:
                continue
            intern = doc.intern
            for label, value in (("id", intern.id), ("nama", intern.name),
                                 ("NIM", intern.student_number), ("judul", intern.report_title)):
                if value:
                    strings[value] = f"mahasiswa lain {intern_id}: {label}"
        shared = case_sentences(mine)  # the same sentence in one's own case proves nothing
        for case_id, doc in project.cases.items():
            if case_id in mine.cases:
                continue
            strings[case_id] = f"kasus lain {case_id}: id"
            for sentence in sentences_of(doc.case.model_dump(mode="json")):
                if sentence not in shared:
                    strings.setdefault(sentence, f"kasus lain {case_id}: kalimat")
        return cls(strings)


def sentences_of(data: object) -> Iterator[str]:
    """The long-enough sentences of every text value in a case (its free text)."""
    if isinstance(data, dict):
        for value in data.values():
            yield from sentences_of(value)
    elif isinstance(data, list):
        for value in data:
            yield from sentences_of(value)
    elif isinstance(data, str):
        for part in _SPLIT.split(" ".join(data.split())):
            if len(part) >= MIN_SENTENCE and len(part.split()) >= MIN_WORDS:
                yield part


def case_sentences(project: Project) -> dict[str, str]:
    """Every sentence of the project's own cases (must not be readable in a locked bundle)."""
    found: dict[str, str] = {}
    for case_id, doc in project.cases.items():
        for sentence in sentences_of(doc.case.model_dump(mode="json")):
            found.setdefault(sentence, f"kalimat kasus {case_id} terbaca tanpa kata sandi")
    return found


@dataclass
class AuditResult:
    files: int = 0
    strings: int = 0
    findings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.findings


class Matcher:
    """Finds many strings in long texts at once: each string is keyed by its first words, a
    text's word windows are looked up, and only candidates are compared in full."""

    KEY_WORDS = 3

    def __init__(self, strings: dict[str, str]):
        self.keys: dict[tuple[str, ...], list[tuple[str, str]]] = {}
        for string, what in strings.items():
            for form in {_normalised(string), _normalised(json.dumps(string)[1:-1])}:
                words = tuple(form.split()[: self.KEY_WORDS])
                if words:
                    self.keys.setdefault(words, []).append((form, what))
        self.count = len(strings)

    def found(self, text: str) -> list[str]:
        """What each string found in ``text`` is (once each)."""
        words = text.split()
        hits: dict[str, None] = {}
        for size in range(1, self.KEY_WORDS + 1):
            for start in range(len(words) - size + 1):
                for form, what in self.keys.get(tuple(words[start:start + size]), ()):
                    if what not in hits and form in text:
                        hits[what] = None
        return list(hits)


def audit_bundle(folder: Path, others: Forbidden, clear: dict[str, str] | Iterable[str]
                 ) -> AuditResult:
    """Search every file under ``folder`` (and inside every zip member) for the strings."""
    matcher = Matcher({**others.strings, **(clear if isinstance(clear, dict) else {})})
    result = AuditResult(strings=matcher.count)
    for path in sorted(p for p in Path(folder).rglob("*") if p.is_file()):
        result.files += 1
        shown = path.relative_to(folder).as_posix()
        for name, text in readable_texts(shown, path.read_bytes()):
            result.findings.extend(f"{name}: {what}" for what in matcher.found(text))
    return result


def audit_archive(archive: Path, others: Forbidden, clear: dict[str, str]) -> AuditResult:
    """The same audit over a bundle's zip, member by member."""
    matcher = Matcher({**others.strings, **clear})
    result = AuditResult(strings=matcher.count)
    for name, text in readable_texts(archive.name, archive.read_bytes()):
        result.files += 1
        result.findings.extend(f"{name}: {what}" for what in matcher.found(text))
    return result


def archive_differences(archive: Path, folder: Path) -> list[str]:
    """Members of a bundle's zip that are not byte for byte the folder's files (and files
    missing from it): the zip then needs no audit of its own."""
    files = {f"{folder.name}/{p.relative_to(folder).as_posix()}": p
             for p in folder.rglob("*") if p.is_file()}
    differing = []
    with zipfile.ZipFile(archive) as bundle:
        names = set(bundle.namelist())
        for name in sorted(names | set(files)):
            if name not in names or name not in files or bundle.read(name) != files[name].read_bytes():
                differing.append(name)
    return differing


def readable_texts(name: str, data: bytes) -> Iterator[tuple[str, str]]:
    """The text of a file, and of each member when it is a zip (a .docx is one)."""
    yield name, _normalised(data.decode("utf-8", errors="replace"))
    if data[:4] == b"PK\x03\x04":
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for member in archive.namelist():
                yield from readable_texts(f"{name}!{member}", archive.read(member))


def _normalised(text: str) -> str:
    """Tags dropped, entities decoded, quotes and brackets set apart (a sentence may open a
    JSON string), white space collapsed: the same for a file and for what is looked for."""
    text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    return " ".join(_APART.sub(r" \1 ", text).split())
