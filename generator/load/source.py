"""Load YAML files safely, keeping the line and column of every key and value.

libyaml's C parser (``CSafeLoader``) composes the node graph; this module builds plain Python data from
it itself, so that it can refuse duplicate keys, non-string keys and alias bombs, and record where
each value stands. Timestamps stay strings: the models parse dates, and report bad ones with a
position, instead of the YAML constructor raising on ``2025-13-45``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.errors import InputError
from generator.load.explain import explain
from generator.problems import Problem

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - libyaml is part of the PyYAML wheels we support
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_NODES = 200_000
MAX_DEPTH = 64
# No Casebook field needs a longer number; Python itself refuses to read an integer of more than
# 4,300 digits (a ValueError), and the limit is Casebook's so that it does not move with Python's.
MAX_NUMBER_CHARACTERS = 40
# libyaml's composer recurses once per nesting level: older releases overflow the C stack (a
# segfault, not an exception) somewhere past 20,000 levels, 0.2.6 refuses 1,000 levels itself.
# Files whose nesting bound (_nesting_bound) is under this are composed directly; the others have
# their depth measured first (_check_depth).
_COMPOSE_SAFE_BOUND = 5_000
_COLLECTION_TAGS = {"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}

Loc = tuple[str | int, ...]

_BOOL_TRUE = {"yes", "true", "on", "y"}
_SCALAR_CONSTRUCTOR = yaml.constructor.SafeConstructor()


@dataclass(frozen=True)
class Position:
    """A 1-based line and column in a source file."""

    line: int
    column: int


@dataclass
class LoadedFile:
    """A parsed YAML file. Positions are found on demand, by composing the text again: keeping
    every node of thousands of files in memory would cost more than the rare error saves."""

    path: Path
    data: Any
    text: str | None = field(default=None, repr=False)
    _root: yaml.Node | None = field(default=None, repr=False)

    def position(self, loc: Loc, *, key: bool = False) -> Position:
        """The position of ``loc`` (its key with ``key=True``), or of its nearest ancestor."""
        node, key_node = self._root_node(), None
        for part in loc:
            child = _child(node, part)
            if child is None:
                break
            key_node, node = child
        else:
            if key and key_node is not None:
                return _position(key_node)
        return _position(node) if node is not None else Position(1, 1)

    def line_text(self, line: int) -> str:
        """The text of a 1-based line ("" past the end)."""
        text = self.text if self.text is not None else _decode(self.path.read_bytes(), "")
        lines = text.splitlines()
        return lines[line - 1] if 0 < line <= len(lines) else ""

    def _root_node(self) -> yaml.Node | None:
        if self._root is None:
            text = self.text if self.text is not None else _decode(self.path.read_bytes(), "")
            loader = _Loader(text)
            try:
                self._root = loader.get_single_node()
            finally:
                loader.dispose()
        return self._root


def _child(node: yaml.Node | None, part: str | int) -> tuple[yaml.Node | None, yaml.Node] | None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if key_node.value == str(part):
                return key_node, value_node
    elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
        return None, node.value[part]
    return None


class LoadError(InputError):
    """A file that cannot be read as YAML; carries the problem to report."""

    def __init__(self, problem: Problem):
        super().__init__(problem.code)
        self.problem = problem


def load_yaml(path: Path, display: str | None = None) -> LoadedFile:
    """Read and parse one YAML file, refusing what is unsafe or unreadable."""
    name = display or str(path)
    return load_yaml_bytes(read_source(path, name), path, name)


def load_yaml_bytes(raw: bytes, path: Path, display: str | None = None) -> LoadedFile:
    """Parse the bytes of a file already read."""
    name = display or str(path)
    if len(raw) > MAX_FILE_BYTES:
        raise LoadError(_problem(name, 1, 1, "yaml.too_large", size=len(raw), limit=MAX_FILE_BYTES))
    loaded = load_yaml_text(_decode(raw, name), path, name)
    loaded.text = None  # a file on disk: positions re-read it when first asked for
    return loaded


def load_yaml_text(text: str, path: Path, display: str | None = None) -> LoadedFile:
    """Parse YAML text already in memory; positions come from that text, not from ``path``."""
    name = display or str(path)
    node = _compose(text, name)
    data = _Builder(name).build(node) if node is not None else None
    return LoadedFile(path=path, data=data, text=text)


def read_source(path: Path, name: str) -> bytes:
    """A file's bytes, refusing one too large to be a Casebook file before reading it."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise LoadError(_problem(name, 1, 1, "yaml.too_large", size=size, limit=MAX_FILE_BYTES))
        return path.read_bytes()
    except OSError as error:
        raise LoadError(_problem(name, 1, 1, "file.unreadable", reason=error.strerror or str(error)))


def _decode(raw: bytes, name: str) -> str:
    if _is_utf16(raw):
        raise LoadError(_problem(name, 1, 1, "file.utf16"))
    if b"\x00" in raw:
        line = raw[: raw.index(b"\x00")].count(b"\n") + 1
        raise LoadError(_problem(name, line, 1, "file.binary"))
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        column = error.start - (before.rfind(b"\n") + 1) + 1
        legacy = _legacy_character(raw, error.start)
        if legacy:
            raise LoadError(_problem(name, line, column, "file.legacy_encoding", char=legacy))
        raise LoadError(_problem(name, line, column, "file.encoding"))


def _is_utf16(raw: bytes) -> bool:
    """A UTF-16 file: its byte-order mark, or ASCII text with a zero byte beside every letter."""
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return True
    sample = raw[:200]
    return len(sample) >= 4 and (sample[1::2].count(0) > len(sample) * 0.4
                                 or sample[0::2].count(0) > len(sample) * 0.4)


def _legacy_character(raw: bytes, start: int) -> str | None:
    """The character a Windows-1252 (Latin-1) file meant by the byte that is not UTF-8."""
    try:
        raw.decode("cp1252")
    except UnicodeDecodeError:
        return None
    return raw[start:start + 1].decode("cp1252")


def _compose(text: str, name: str) -> yaml.Node | None:
    if _nesting_bound(text) > _COMPOSE_SAFE_BOUND:
        _check_depth(text, name)
    loader = _Loader(text)
    try:
        return loader.get_single_node()
    except yaml.MarkedYAMLError as error:
        _check_depth(text, name)  # a library's own nesting limit is reported as Casebook's
        slip = explain(error, text)
        raise LoadError(_problem(name, slip.line, slip.column, slip.code, **slip.params))
    except yaml.reader.ReaderError as error:
        line, column = _line_column(text, error.position)
        raise LoadError(_problem(name, line, column, "yaml.syntax", detail=error.reason))
    except yaml.YAMLError as error:
        raise LoadError(_problem(name, 1, 1, "yaml.syntax", detail=str(error).splitlines()[0]))
    finally:
        loader.dispose()


def _nesting_bound(text: str) -> int:
    """An upper bound of the file's nesting depth: block collections nest at strictly increasing
    columns, flow collections at each bracket."""
    return max(map(len, text.splitlines()), default=0) + text.count("[") + text.count("{")


def _check_depth(text: str, name: str) -> None:
    """Refuse nesting deeper than MAX_DEPTH, at the collection that goes one level too deep.

    Casebook decides this itself, whatever libyaml's version: libyaml 0.2.6 stops at 1,000 levels
    with its own message, older releases overflow the C stack. PyYAML's pure-Python parser reads
    the events lazily and without recursion, so it reaches level 65 of any file safely; a file it
    cannot parse is left for the composer to report."""
    depth = 0
    try:
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    mark = event.start_mark
                    raise LoadError(_problem(name, mark.line + 1, mark.column + 1, "yaml.too_deep",
                                             limit=MAX_DEPTH))
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError:
        return


def _line_column(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a character offset."""
    before = text[:offset]
    return before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1


_PLAIN_TAGS = {
    "tag:yaml.org,2002:str": str,
    "tag:yaml.org,2002:timestamp": str,
}


class _Builder:
    """Turns a composed node graph into plain data, refusing what a case file never needs."""

    def __init__(self, name: str):
        self.name = name
        self.budget = MAX_NODES

    def build(self, node: yaml.Node, depth: int = 0) -> Any:
        self.budget -= 1
        if self.budget < 0:
            raise LoadError(self._at(node, "yaml.too_many_nodes", limit=MAX_NODES))
        if node.tag in _PLAIN_TAGS:
            return node.value
        if isinstance(node, yaml.CollectionNode):
            if node.tag not in _COLLECTION_TAGS:
                raise LoadError(self._at(node, "yaml.tag", tag=_short_tag(node.tag)))
            if depth >= MAX_DEPTH:  # also stops an alias that contains itself
                raise LoadError(self._at(node, "yaml.too_deep", limit=MAX_DEPTH))
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, depth + 1)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, depth + 1) for item in node.value]
        return self._scalar(node)

    def _mapping(self, node: yaml.MappingNode, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = key_node.value if key_node.tag == "tag:yaml.org,2002:str" else self._key(key_node)
            if key in result:
                first = _first_line(node, key)
                raise LoadError(self._at(key_node, "yaml.duplicate_key", key=key, first=first))
            result[key] = self.build(value_node, depth)
        return result

    def _key(self, node: yaml.Node) -> str:
        if node.tag == "tag:yaml.org,2002:merge":
            raise LoadError(self._at(node, "yaml.merge_key"))
        if not isinstance(node, yaml.ScalarNode):
            raise LoadError(self._at(node, "yaml.complex_key"))
        value = self._scalar(node)
        if isinstance(value, bool) or value is None or isinstance(value, float):
            raise LoadError(self._at(node, "yaml.key_type", key=node.value))
        return str(value)

    def _scalar(self, node: yaml.ScalarNode) -> Any:
        tag = node.tag
        if tag == "tag:yaml.org,2002:null":
            return None
        if tag == "tag:yaml.org,2002:bool":
            return node.value.lower() in _BOOL_TRUE
        if tag in ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float"):
            if len(node.value) > MAX_NUMBER_CHARACTERS:
                raise LoadError(self._at(node, "yaml.number_too_long", size=len(node.value),
                                         limit=MAX_NUMBER_CHARACTERS))
            return _SCALAR_CONSTRUCTOR.construct_object(node)
        raise LoadError(self._at(node, "yaml.tag", tag=_short_tag(tag)))

    def _at(self, node: yaml.Node, code: str, **params: Any) -> Problem:
        position = _position(node)
        return _problem(self.name, position.line, position.column, code, **params)


def _short_tag(tag: str) -> str:
    """``tag:yaml.org,2002:python/object`` → ``!!python/object``, as the user wrote it."""
    prefix = "tag:yaml.org,2002:"
    return "!!" + tag[len(prefix):] if tag.startswith(prefix) else tag


def _first_line(node: yaml.MappingNode, key: str) -> int:
    first = next(k for k, _ in node.value if k.value == key)
    return first.start_mark.line + 1


def _position(node: yaml.Node) -> Position:
    return Position(node.start_mark.line + 1, node.start_mark.column + 1)


def _problem(name: str, line: int, column: int, code: str, **params: Any) -> Problem:
    return Problem.make(name, line, column, "", code, **params)
