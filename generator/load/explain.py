"""Explain a YAML syntax error the way a teacher would: at the line of the slip, with the fix.

libyaml reports where its parser gave up, in English, which is often a line after the slip
("mapping values are not allowed" on the line after a key that lost its indentation). These
functions read the lines around that place and name the slip itself: a key out of line with its
neighbours, a value holding ": ", a tab, a quote or bracket left open, a missing colon. What they
cannot name stays ``yaml.syntax``, worded without libyaml's English in Indonesian.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

_KEY_LINE = re.compile(r"^(?P<indent> *)(?:- +)?(?P<key>[^\s:#][^:#]*?):(?:\s|$)")


@dataclass(frozen=True)
class Explanation:
    """Where the slip is (1-based) and the message code and parameters that explain it."""

    line: int
    column: int
    code: str
    params: dict[str, object] = field(default_factory=dict)


def explain(error: yaml.MarkedYAMLError, text: str) -> Explanation:
    """The slip behind a libyaml error, or a plain ``yaml.syntax`` at libyaml's place."""
    lines = text.splitlines()
    mark = error.problem_mark or error.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem, context = error.problem or "", error.context or ""
    for explainer in (_second_document, _tab, _open_quote, _quote_left_open, _open_bracket, _colon_slips, _misaligned_key):
        found = explainer(lines, line, column, problem, context, error)
        if found:
            return found
    return Explanation(line, column, "yaml.syntax",
                       {"detail": " ".join(filter(None, [context, problem]))})


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip(" "))


def _previous_content_line(lines: list[str], line: int) -> int | None:
    """The 1-based number of the nearest line above ``line`` that is not blank or a comment."""
    for number in range(line - 1, 0, -1):
        stripped = lines[number - 1].strip()
        if stripped and not stripped.startswith("#"):
            return number
    return None


def _next_content_line(lines: list[str], line: int) -> int | None:
    for number in range(line + 1, len(lines) + 1):
        stripped = lines[number - 1].strip()
        if stripped and not stripped.startswith("#"):
            return number
    return None


def _key(lines: list[str], number: int | None) -> str | None:
    if number is None or number > len(lines):
        return None
    match = _KEY_LINE.match(lines[number - 1])
    return match["key"].strip() if match else None


def _second_document(lines, line, column, problem, context, error) -> Explanation | None:
    if "single document" not in context + problem:
        return None
    return Explanation(line, column, "yaml.second_document")


def _tab(lines, line, column, problem, context, error) -> Explanation | None:
    if "tab" not in problem and "cannot start any token" not in problem:
        return None
    text = lines[line - 1] if line <= len(lines) else ""
    if "\t" not in text:
        return None
    return Explanation(line, text.index("\t") + 1, "yaml.tab")


def _open_quote(lines, line, column, problem, context, error) -> Explanation | None:
    if "quoted scalar" not in context or error.context_mark is None:
        return None
    start = error.context_mark
    quote = lines[start.line][start.column] if start.line < len(lines) else '"'
    return Explanation(start.line + 1, start.column + 1, "yaml.open_quote", {"quote": quote})


def _quote_left_open(lines, line, column, problem, context, error) -> Explanation | None:
    """A value whose opening quote has no partner on its line: libyaml reads on to the next
    quote, lines later, and gives up there."""
    for number in range(1, min(line, len(lines)) + 1):
        match = _KEY_LINE.match(lines[number - 1])
        value = lines[number - 1][match.end():].strip() if match else ""
        for quote in ('"', "'"):
            if value.startswith(quote) and value.replace("\\" + quote, "").count(quote) % 2:
                if number == line:
                    return None
                return Explanation(number, lines[number - 1].index(quote) + 1, "yaml.open_quote",
                                   {"quote": quote})
    return None


def _open_bracket(lines, line, column, problem, context, error) -> Explanation | None:
    if "flow" not in context or error.context_mark is None:
        return None
    start = error.context_mark
    bracket = "{" if "mapping" in context else "["
    closing = "}" if bracket == "{" else "]"
    return Explanation(start.line + 1, start.column + 1, "yaml.open_bracket",
                       {"bracket": bracket, "closing": closing})


def _colon_slips(lines, line, column, problem, context, error) -> Explanation | None:
    """"mapping values are not allowed": a value with ": ", a key indented too far or too little
    (libyaml read it as the rest of the value above), or a key line that lost its colon."""
    if "mapping values are not allowed" not in problem or line > len(lines):
        return None
    here = lines[line - 1]
    before = here[: column - 1]
    if ":" in before.split("#")[0] and _key(lines, line):
        key = _key(lines, line)
        value = here[here.index(":") + 1:].strip()
        return Explanation(line, here.index(value) + 1 if value else column, "yaml.colon_in_value",
                           {"key": key, "value": value.replace('"', '\\"')})
    above = _previous_content_line(lines, line)
    if above is None:
        return None
    key_here = before.strip()
    if _key(lines, above) is None:  # the line above is no key: it lost its colon
        text = lines[above - 1].strip()
        return Explanation(above, _indent(lines[above - 1]) + 1, "yaml.missing_colon",
                           {"text": text})
    below = _next_content_line(lines, line)
    if below is not None and _indent(lines[below - 1]) == _indent(here) and _key(lines, below):
        # the lines below agree with this one: it is the key above that moved
        return _align(above, lines, _indent(here), _key(lines, above), key_here)
    return _align(line, lines, _indent(lines[above - 1]), key_here, _key(lines, above))


def _align(line: int, lines: list[str], spaces: int, key: str | None, neighbour: str | None
           ) -> Explanation:
    return Explanation(line, _indent(lines[line - 1]) + 1, "yaml.indent",
                       {"key": key or "", "neighbour": neighbour or "", "spaces": spaces,
                        "have": _indent(lines[line - 1])})


def _misaligned_key(lines, line, column, problem, context, error) -> Explanation | None:
    """"did not find expected key": a key between two indentation levels."""
    if "expected key" not in problem and "expected '-'" not in problem:
        return None
    if line > len(lines) or not lines[line - 1].strip():
        return None
    here = _indent(lines[line - 1])
    levels = _open_levels(lines, line)
    if not levels or here in levels:
        return None
    spaces = min(levels, key=lambda level: (abs(level - here), -level))
    neighbour = next((_key(lines, n) for n in range(line - 1, 0, -1)
                      if _key(lines, n) and _indent(lines[n - 1]) == spaces), None)
    key = _key(lines, line) or lines[line - 1].strip()
    return _align(line, lines, spaces, key, neighbour)


def _open_levels(lines: list[str], line: int) -> list[int]:
    """Indentations of the mappings still open above ``line``: each shallower than the last."""
    levels: list[int] = []
    for number in range(line - 1, 0, -1):
        text = lines[number - 1]
        if not text.strip() or text.strip().startswith("#") or not _KEY_LINE.match(text):
            continue
        indent = _indent(text)
        if not levels or indent < levels[-1]:
            levels.append(indent)
        if indent == 0:
            break
    return levels


_FLOW_ENTRY = re.compile(r"(?P<key>[^\s{},:][^{},:]*?):\s+(?P<value>[^{},]*)$")


def flow_comma(line: str, column: int, key: str) -> tuple[str, str] | None:
    """``{note: Baik, lanjutkan}``: the key before the comma and the value the comma cut, when
    the unknown ``key`` at ``column`` (1-based) is the rest of a value inside a flow mapping."""
    before = line[: column - 1].rstrip()
    if not before.endswith(",") or "{" not in before:
        return None
    rest = line[column - 1:]
    if not rest.startswith(key) or rest[len(key):].lstrip().startswith(":"):
        return None
    pieces = before[:-1].split("{")[-1].split(",")
    cut = [key]
    for piece in rest[len(key):].split("}")[0].split(",")[1:]:  # later pieces of the value
        if ":" in piece:
            break
        cut.append(piece.strip())
    while pieces:  # earlier pieces of the same value, cut at their own commas
        entry = _FLOW_ENTRY.search(pieces[-1])
        if entry:
            return entry["key"].strip(), ", ".join([entry["value"].strip(), *cut])
        cut.insert(0, pieces.pop().strip())
    return None
