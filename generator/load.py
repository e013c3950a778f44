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

from generator.problems import Problem

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - libyaml is part of the PyYAML wheels we support
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_NODES = 200_000

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
    """A parsed YAML file: its data and the positions of its keys and values."""

    path: Path
    data: Any
    values: dict[Loc, Position] = field(default_factory=dict)
    keys: dict[Loc, Position] = field(default_factory=dict)

    def position(self, loc: Loc, *, key: bool = False) -> Position:
        """The position of ``loc``, or of its nearest ancestor that has one."""
        table = self.keys if key else self.values
        for end in range(len(loc), -1, -1):
            found = table.get(loc[:end]) or self.values.get(loc[:end])
            if found:
                return found
        return Position(1, 1)


class LoadError(Exception):
    """A file that cannot be read as YAML; carries the problem to report."""

    def __init__(self, problem: Problem):
        super().__init__(problem.code)
        self.problem = problem


def load_yaml(path: Path, display: str | None = None) -> LoadedFile:
    """Read and parse one YAML file, refusing what is unsafe or unreadable."""
    name = display or str(path)
    raw = _read_bytes(path, name)
    text = _decode(raw, name)
    return load_yaml_text(text, path, name)


def load_yaml_text(text: str, path: Path, display: str | None = None) -> LoadedFile:
    """Parse YAML text already in memory."""
    name = display or str(path)
    node = _compose(text, name)
    loaded = LoadedFile(path=path, data=None)
    if node is not None:
        builder = _Builder(loaded, name)
        loaded.data = builder.build(node, ())
    return loaded


def _read_bytes(path: Path, name: str) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise LoadError(_problem(name, 1, 1, "yaml.too_large", size=size, limit=MAX_FILE_BYTES))
        return path.read_bytes()
    except OSError as error:
        raise LoadError(_problem(name, 1, 1, "file.unreadable", reason=error.strerror or str(error)))


def _decode(raw: bytes, name: str) -> str:
    if b"\x00" in raw:
        line = raw[: raw.index(b"\x00")].count(b"\n") + 1
        raise LoadError(_problem(name, line, 1, "file.binary"))
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        column = error.start - (before.rfind(b"\n") + 1) + 1
        raise LoadError(_problem(name, line, column, "file.encoding"))


def _compose(text: str, name: str) -> yaml.Node | None:
    loader = _Loader(text)
    try:
        return loader.get_single_node()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        detail = " ".join(filter(None, [error.context, error.problem]))
        raise LoadError(_problem(name, line, column, "yaml.syntax", detail=detail))
    except yaml.YAMLError as error:
        raise LoadError(_problem(name, 1, 1, "yaml.syntax", detail=str(error).splitlines()[0]))
    finally:
        loader.dispose()


class _Builder:
    """Turns a composed node graph into plain data, recording positions."""

    def __init__(self, loaded: LoadedFile, name: str):
        self.loaded = loaded
        self.name = name
        self.budget = MAX_NODES

    def build(self, node: yaml.Node, loc: Loc) -> Any:
        self.budget -= 1
        if self.budget < 0:
            raise LoadError(self._at(node, "yaml.too_many_nodes", limit=MAX_NODES))
        self.loaded.values[loc] = _position(node)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, loc)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, loc + (i,)) for i, item in enumerate(node.value)]
        return self._scalar(node)

    def _mapping(self, node: yaml.MappingNode, loc: Loc) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise LoadError(self._at(key_node, "yaml.merge_key"))
            key = self._key(key_node)
            if key in result:
                first = self.loaded.keys[loc + (key,)]
                raise LoadError(self._at(key_node, "yaml.duplicate_key", key=key, first=first.line))
            self.loaded.keys[loc + (key,)] = _position(key_node)
            result[key] = self.build(value_node, loc + (key,))
        return result

    def _key(self, node: yaml.Node) -> str:
        if not isinstance(node, yaml.ScalarNode):
            raise LoadError(self._at(node, "yaml.complex_key"))
        value = self._scalar(node)
        if isinstance(value, bool) or value is None or isinstance(value, float):
            raise LoadError(self._at(node, "yaml.key_type", key=node.value))
        return str(value)

    def _scalar(self, node: yaml.ScalarNode) -> Any:
        tag = node.tag
        if tag == "tag:yaml.org,2002:str" or tag == "tag:yaml.org,2002:timestamp":
            return node.value
        if tag == "tag:yaml.org,2002:null":
            return None
        if tag == "tag:yaml.org,2002:bool":
            return node.value.lower() in _BOOL_TRUE
        if tag in ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float"):
            return _SCALAR_CONSTRUCTOR.construct_object(node)
        raise LoadError(self._at(node, "yaml.tag", tag=tag))

    def _at(self, node: yaml.Node, code: str, **params: Any) -> Problem:
        position = _position(node)
        return _problem(self.name, position.line, position.column, code, **params)


def _position(node: yaml.Node) -> Position:
    return Position(node.start_mark.line + 1, node.start_mark.column + 1)


def _problem(name: str, line: int, column: int, code: str, **params: Any) -> Problem:
    return Problem.make(name, line, column, "", code, **params)
