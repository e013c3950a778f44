"""Problems found in a project, as data, with their messages in Indonesian and English.

A problem is ``(file, line, column, field path, code, severity, params)``. The code is stable and
English; the message and the hint are looked up in ``messages.yaml`` by code and language, so the
checker collects every problem first and prints them all at the end.

It is the one finding type of Casebook: loading, validation and the privacy checks of
``casebook check`` report problems, and so does the leak audit of a built site
(``generator.privacy.audit``: file = the built file, line 0 when none, path = the stream, code = the
detector; its words come from the detector and audit catalogues, see ``audit.format_finding``).
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

LANGUAGES = ("id", "en")
_CATALOG = Path(__file__).with_name("messages.yaml")


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong (or worth a look) in one file."""

    file: str
    line: int
    column: int
    path: str
    code: str
    severity: str = field(default="error", compare=False)
    params: tuple[tuple[str, str], ...] = field(default=(), compare=False)

    @classmethod
    def make(cls, file: str, line: int, column: int, path: str, code: str, **params: Any) -> Problem:
        """Build a problem whose severity comes from the catalog."""
        severity = params.pop("severity", None) or catalog_entry(code)["severity"]
        frozen = tuple(sorted((key, _text(value)) for key, value in params.items()))
        return cls(file, line, column, path, code, severity, frozen)

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def message(self, lang: str = "id") -> str:
        return _fill(catalog_entry(self.code)[lang], self.params)

    def hint(self, lang: str = "id") -> str:
        return _fill(catalog_entry(self.code).get(f"hint_{lang}", ""), self.params)


@lru_cache(maxsize=1)
def _catalog() -> dict[str, dict[str, str]]:
    with _CATALOG.open(encoding="utf-8") as stream:
        return yaml.load(stream, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def catalog_entry(code: str) -> dict[str, str]:
    """The catalog entry of a code; an unknown code is a programming error."""
    return _catalog()[code]


def catalog_codes() -> tuple[str, ...]:
    return tuple(sorted(_catalog()))


def _text(value: Any) -> str:
    if isinstance(value, (list, tuple)):
        return ", ".join(str(item) for item in value)
    return str(value)


def _fill(template: str, params: tuple[tuple[str, str], ...]) -> str:
    return template.format_map(dict(params)) if template else ""


_SEVERITY_WORD = {
    "id": {"error": "galat", "warning": "peringatan", "note": "catatan"},
    "en": {"error": "error", "warning": "warning", "note": "note"},
}
_HINT_WORD = {"id": "petunjuk", "en": "hint"}


def format_problem(problem: Problem, lang: str = "id") -> str:
    """``file:line:column  field.path  severity[code] message`` and an indented hint line."""
    where = f"{problem.file}:{problem.line}:{problem.column}"
    severity = _SEVERITY_WORD[lang][problem.severity]
    head = f"{where}  {problem.path or '-'}  {severity}[{problem.code}] {problem.message(lang)}"
    hint = problem.hint(lang)
    return f"{head}\n{_wrapped_hint(hint, lang)}" if hint else head


def _wrapped_hint(hint: str, lang: str) -> str:
    """The hint, indented under its problem and wrapped at 100 columns, its lines aligned."""
    lead = f"    {_HINT_WORD[lang]}: "
    return textwrap.fill(hint, width=100, initial_indent=lead, subsequent_indent=" " * len(lead),
                         break_long_words=False, break_on_hyphens=False)


def summary(problems: Iterable[Problem], files: int, lang: str = "id") -> str:
    """A closing line that counts files, errors and warnings."""
    problems = list(problems)
    errors = sum(p.is_error for p in problems)
    warnings = sum(p.severity == "warning" for p in problems)
    if lang == "en":
        return f"{files} file(s) checked: {errors} error(s), {warnings} warning(s)."
    return f"{files} berkas diperiksa: {errors} galat, {warnings} peringatan."


# Notes about the other problems of their file (rules not yet checked) come after them.
_AFTER_THE_FILE = {"rules.skipped"}


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    """Problems by file, then line, column, field and code; duplicates dropped. A note about
    the file's other problems (``rules.skipped``) comes after them."""
    return sorted(set(problems), key=lambda p: (p.file, p.code in _AFTER_THE_FILE, p))
