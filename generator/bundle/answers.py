"""``casebook review import``: merge the review file a lecturer exported from a bundle into
each intern's ``interns/<id>/review.yaml``.

The file is validated like any Casebook file (every problem located, all printed, nothing
written when there is one). The merge adds the comments not already there (the same anchor and
text is the same comment), sets the scores, the review date and the basis (what the bundle
showed), and keeps everything else: importing the same file twice changes nothing. The YAML is
edited as text so that its comments and layout stay; the result is read back and compared with
the intended record, and only if the text edit cannot express it is the file written anew.
"""

from __future__ import annotations

import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import Field

from generator.build.project import InternDoc, Project
from generator.bundle.readers import reader_ids
from generator.load.source import LoadedFile, LoadError, load_yaml
from generator.model.records import (
    Date,
    Id,
    ReviewBasis,
    ReviewComment,
    ReviewRecord,
    ShortText,
    Strict,
)
from generator.problems import Problem
from generator.validate.review import REPORT_PARTS
from generator.validate.rules import validate_document

Score = Annotated[float, Field(ge=0, le=100)]
HEADER = "# yaml-language-server: $schema=../../schema/review.schema.json\n"
ANCHORS = ("case", "week", "chapter")


class AnswerIntern(Strict):
    """One intern's part of a review file."""

    basis: ReviewBasis | None = None
    scores: dict[Id, Score] = Field(default_factory=dict)
    comments: list[ReviewComment] = Field(default_factory=list)


class ReviewAnswer(Strict):
    """The review file a bundle exports (JSON, which is also YAML)."""

    casebook_review: Literal[1]
    reader: ShortText
    exported: Date
    interns: dict[Id, AnswerIntern] = Field(default_factory=dict)


@dataclass
class Merged:
    """What importing did to one intern's review.yaml."""

    intern: str
    target: Path
    comments: int = 0
    kept: int = 0
    scores: int = 0
    changed: bool = False
    rewritten: bool = False  # the text edit could not express it: the file was written anew


@dataclass
class ImportResult:
    problems: list[Problem] = field(default_factory=list)
    merged: list[Merged] = field(default_factory=list)


# ---------------------------------------------------------------- validation


def read_answer(path: Path, display: str) -> tuple[ReviewAnswer | None, LoadedFile | None,
                                                   list[Problem]]:
    """The review file as a model, or every problem in it (located)."""
    try:
        loaded = load_yaml(path, display)
    except LoadError as error:
        return None, None, [error.problem]
    if isinstance(loaded.data, dict) and loaded.data.get("casebook_review") is None:
        return None, loaded, [Problem.make(display, 1, 1, "", "answer.not_review_file")]
    answer, problems = validate_document(loaded, ReviewAnswer, display, {})
    return answer, loaded, problems  # type: ignore[return-value]


def answer_problems(answer: ReviewAnswer, loaded: LoadedFile, display: str,
                    project: Project) -> list[Problem]:
    """What the file says that the project contradicts: unknown interns, aspects, cases,
    chapters; a reader who does not supervise the intern; a comment with two anchors."""
    problems: list[Problem] = []

    def add(loc: tuple, code: str, **params: Any) -> None:
        where = loaded.position(loc)
        problems.append(Problem.make(display, where.line, where.column,
                                     ".".join(str(p) for p in loc), code, **params))

    known_aspects = [a.id for a in project.rubric.aspects] if project.rubric else []
    for intern_id, part in answer.interns.items():
        doc = project.interns.get(intern_id)
        if doc is None:
            add(("interns", intern_id), "answer.unknown_intern", intern=intern_id,
                known=", ".join(sorted(project.interns)))
            continue
        if answer.reader.casefold() not in (r.casefold() for r in reader_ids(doc.intern)):
            add(("interns", intern_id), "answer.not_supervisor", reader=answer.reader,
                intern=intern_id)
        for aspect in part.scores:
            if aspect not in known_aspects:
                add(("interns", intern_id, "scores", aspect), "answer.unknown_aspect",
                    aspect=aspect, known=", ".join(known_aspects))
        cases = {c.index.case_id for c in project.cases_of(intern_id)}
        chapters = [*sorted(doc.chapters), *REPORT_PARTS]
        for index, comment in enumerate(part.comments):
            loc = ("interns", intern_id, "comments", index)
            if sum(getattr(comment, key) is not None for key in ANCHORS) > 1:
                add(loc, "answer.no_anchor")
            if comment.case and comment.case not in cases:
                add((*loc, "case"), "answer.unknown_case", case=comment.case, intern=intern_id)
            if comment.chapter and comment.chapter not in chapters:
                add((*loc, "chapter"), "answer.unknown_chapter", chapter=comment.chapter,
                    intern=intern_id, known=", ".join(chapters))
    return problems


# ---------------------------------------------------------------- merge


def comment_key(comment: ReviewComment) -> tuple:
    """Two comments are the same when they say the same thing about the same place."""
    return (comment.case, comment.week, comment.chapter, comment.section,
            " ".join(comment.text.split()), comment.by)


def merged_record(existing: ReviewRecord | None, part: AnswerIntern, answer: ReviewAnswer,
                  doc: InternDoc) -> tuple[ReviewRecord, Merged]:
    """The review record after the import, and what changed."""
    academic = [person.id for person in doc.intern.supervisors.academic]
    record = existing or ReviewRecord(lecturer=answer.reader if answer.reader in academic
                                      else academic[0])
    by = None if answer.reader == record.lecturer else answer.reader
    result = Merged(doc.intern.id, doc.folder / "review.yaml")
    seen = {comment_key(c) for c in record.comments}
    comments = list(record.comments)
    for comment in part.comments:
        comment = comment.model_copy(update={"by": comment.by or by})
        if comment_key(comment) in seen:
            result.kept += 1
            continue
        seen.add(comment_key(comment))
        comments.append(comment)
        result.comments += 1
    scores = dict(record.scores)
    for aspect, value in part.scores.items():
        if scores.get(aspect) != value:
            scores[aspect] = value
            result.scores += 1
    update: dict[str, Any] = {"comments": comments, "scores": scores}
    if part.basis is not None:
        update["basis"] = part.basis
    if record.reviewed is None or answer.exported > record.reviewed:
        update["reviewed"] = answer.exported
    merged = record.model_copy(update=update)
    result.changed = existing is None or merged != existing
    return merged, result


# ---------------------------------------------------------------- writing, keeping the text


def _plain(value: Any) -> Any:
    """Model data as YAML-ready plain data: dates as dates, whole numbers as ints."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items() if v is not None and v is not False
                and v != [] and v != {}}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _dump(data: Any, indent: int = 0) -> str:
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100,
                          default_flow_style=False)
    pad = " " * indent
    return "".join(pad + line if line.strip() else line for line in text.splitlines(True))


def _block(lines: list[str], key: str) -> tuple[int, int] | None:
    """(first, end) line numbers of a top-level key's block (its line and what is indented
    under it, trailing blank or comment lines excluded)."""
    start = next((i for i, line in enumerate(lines) if re.match(rf"^{key}\s*:", line)), None)
    if start is None:
        return None
    end = start + 1
    last = start + 1
    while end < len(lines) and (not lines[end].strip() or lines[end][0] in " #-"):
        if lines[end].strip() and not lines[end].lstrip().startswith("#"):
            last = end + 1
        end += 1
    return start, last


def edited_text(text: str, before: ReviewRecord, after: ReviewRecord) -> str:
    """``text`` with the new comments appended, scores set, reviewed and basis replaced."""
    lines = text.splitlines(True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    new = [c for c in after.comments[len(before.comments):]]
    if new:
        lines = _append_items(lines, "comments", [_plain(c.model_dump()) for c in new])
    for aspect, value in after.scores.items():
        if before.scores.get(aspect) != value:
            lines = _set_entry(lines, "scores", aspect, _plain(value))
    if after.reviewed != before.reviewed:
        lines = _set_top(lines, "reviewed", after.reviewed)
    if after.basis != before.basis and after.basis is not None:
        lines = _replace_block(lines, "basis", _plain(after.basis.model_dump()))
    return "".join(lines)


def _append_items(lines: list[str], key: str, items: list[dict]) -> list[str]:
    span = _block(lines, key)
    if span is None or re.match(rf"^{key}\s*:\s*\[\s*\]\s*$", lines[span[0]]):
        return _replace_block(lines, key, items)
    start, end = span
    item_lines = [line for line in lines[start + 1:end] if line.lstrip().startswith("- ")]
    indent = len(item_lines[0]) - len(item_lines[0].lstrip()) if item_lines else 2
    return lines[:end] + [_dump(items, indent)] + lines[end:]


def _set_entry(lines: list[str], key: str, entry: str, value: Any) -> list[str]:
    span = _block(lines, key)
    if span is None or re.match(rf"^{key}\s*:\s*\{{\s*\}}\s*$", lines[span[0]]):
        return _replace_block(lines, key, {entry: value})
    start, end = span
    for number in range(start + 1, end):
        match = re.match(rf"^(\s+){re.escape(entry)}\s*:\s*([^#\n]*?)(\s*#.*)?$", lines[number])
        if match:
            lines[number] = f"{match.group(1)}{entry}: {value}{match.group(3) or ''}\n"
            return lines
    return lines[:end] + [f"  {entry}: {value}\n"] + lines[end:]


def _set_top(lines: list[str], key: str, value: Any) -> list[str]:
    for number, line in enumerate(lines):
        match = re.match(rf"^{key}\s*:\s*[^#\n]*?(\s*#.*)?$", line)
        if match:
            lines[number] = f"{key}: {value}{match.group(1) or ''}\n"
            return lines
    return lines + [f"{key}: {value}\n"]


def _replace_block(lines: list[str], key: str, value: Any) -> list[str]:
    block = _dump({key: value})
    span = _block(lines, key)
    if span is None:
        return lines + [block]
    return lines[:span[0]] + [block] + lines[span[1]:]


def new_text(record: ReviewRecord) -> str:
    data = _plain(record.model_dump())
    data.pop("schema_version", None)
    return HEADER + _dump({"schema_version": 1, **data})


def write_record(path: Path, before: ReviewRecord | None, after: ReviewRecord) -> bool:
    """Write the merged record, keeping the file's text where possible; True when the file had
    to be written anew."""
    rewritten = before is None
    text = new_text(after)
    if before is not None:
        edited = edited_text(path.read_text(encoding="utf-8"), before, after)
        if _reads_as(edited, after):
            text = edited
        else:
            rewritten = True
    _write_atomically(path, text)
    return rewritten and before is not None


def _reads_as(text: str, record: ReviewRecord) -> bool:
    try:
        return ReviewRecord.model_validate(yaml.safe_load(text)) == record
    except Exception:  # noqa: BLE001 - any failure means: the text edit did not work
        return False


def _write_atomically(path: Path, text: str) -> None:
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    with os.fdopen(handle, "w", encoding="utf-8") as stream:
        stream.write(text)
    os.replace(temporary, path)


# ---------------------------------------------------------------- the whole import


def import_answer(path: Path, project: Project, display: str | None = None) -> ImportResult:
    """Validate the review file; when it is sound, merge it into each intern's review.yaml."""
    display = display or str(path)
    answer, loaded, problems = read_answer(path, display)
    if answer is None or loaded is None:
        return ImportResult(problems)
    problems = answer_problems(answer, loaded, display, project)
    if problems:
        return ImportResult(problems)
    result = ImportResult()
    for intern_id, part in sorted(answer.interns.items()):
        doc = project.interns[intern_id]
        merged, what = merged_record(doc.review, part, answer, doc)
        if what.changed:
            what.rewritten = write_record(what.target, doc.review, merged)
        result.merged.append(what)
    return result
