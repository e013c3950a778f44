"""Controlled vocabularies (taxonomies) of Casebook, loaded from YAML data files.

Built-in vocabularies live in ``generator/taxonomies/*.yaml``. A project may override
whole vocabularies in ``<project>/taxonomies/*.yaml``: a vocabulary there replaces the
built-in one of the same name, and the override files' ``version`` becomes the set version.

Every file has the shape::

    version: "2025.1"
    vocabularies:
      <name>:                      # snake_case, e.g. ppks
        label: {id: ..., en: ...}
        source: "..."              # optional: regulation or form the list comes from
        entries:
          - {code: ..., id: ..., en: ..., <extra attributes>...}

Codes are stable identifiers, never renamed. They match ``CODE_PATTERN``: lowercase ASCII
letters and digits in words joined by single ``_`` or ``-``, with an optional trailing
``+`` (so ``anak_jalanan``, ``0-4``, ``60+``, ``1_3m`` and ``"3"`` are valid codes; quote
codes that YAML would read as numbers or booleans).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml

from generator.errors import InputError

__all__ = [
    "CODE_PATTERN",
    "LANGS",
    "Taxonomy",
    "TaxonomyError",
    "Vocabulary",
    "load_taxonomy",
    "parse_taxonomy_file",
]

CODE_PATTERN = re.compile(r"[a-z0-9]+(?:[_-][a-z0-9]+)*\+?")
NAME_PATTERN = re.compile(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)*")
LANGS = ("id", "en")
BUILTIN_DIR = Path(__file__).parent / "taxonomies"

_FILE_KEYS = frozenset({"version", "vocabularies"})
_VOCAB_KEYS = frozenset({"label", "source", "entries"})

# Attributes whose values are codes of another vocabulary: (vocabulary, attribute) -> target.
REFERENCES: Mapping[tuple[str, str], str] = MappingProxyType(
    {
        ("ppks", "cluster"): "atensi_cluster",
        ("subgroup", "ppks"): "ppks",
        ("setting", "approach"): "setting",
        ("outcome", "case_status"): "case_status",
    }
)

_BaseLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class TaxonomyError(InputError):
    """A taxonomy file is malformed; the message names the file, vocabulary and problem."""

    def __init__(self, file: str | Path, message: str, vocabulary: str | None = None):
        self.file = str(file)
        self.vocabulary = vocabulary
        self.problem = message
        where = f"{self.file}: vocabulary '{vocabulary}': " if vocabulary else f"{self.file}: "
        super().__init__(where + message)


class _UniqueKeyLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    """Safe YAML loader (C-accelerated when available) that rejects duplicate mapping keys."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict:
        seen: set[str] = set()
        for key_node, _ in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                if key_node.value in seen:
                    raise yaml.constructor.ConstructorError(
                        None, None, f"duplicate key '{key_node.value}'", key_node.start_mark
                    )
                seen.add(key_node.value)
        return super().construct_mapping(node, deep)


@dataclass(frozen=True)
class Vocabulary:
    """One controlled vocabulary: its name, labels, source and entries keyed by code."""

    name: str
    label: Mapping[str, str]
    source: str | None
    entries: Mapping[str, Mapping[str, Any]]
    file: str


@dataclass(frozen=True)
class Taxonomy:
    """The set of all vocabularies with a version; read-only."""

    version: str
    vocabularies: Mapping[str, Vocabulary]

    def names(self) -> tuple[str, ...]:
        """Names of all vocabularies, sorted."""
        return tuple(sorted(self.vocabularies))

    def vocabulary(self, vocab: str) -> Vocabulary:
        """The vocabulary called ``vocab``; KeyError if there is none."""
        try:
            return self.vocabularies[vocab]
        except KeyError:
            raise KeyError(f"unknown vocabulary '{vocab}'") from None

    def codes(self, vocab: str) -> tuple[str, ...]:
        """Codes of ``vocab`` in file order."""
        return tuple(self.vocabulary(vocab).entries)

    def has(self, vocab: str, code: object) -> bool:
        """True if ``code`` is a code of ``vocab`` (False for unknown vocabularies)."""
        entries = self.vocabularies.get(vocab)
        return entries is not None and isinstance(code, str) and code in entries.entries

    def entry(self, vocab: str, code: str) -> Mapping[str, Any]:
        """All attributes of one entry (code, id, en, extras); KeyError if unknown."""
        try:
            return self.vocabulary(vocab).entries[code]
        except KeyError:
            raise KeyError(f"unknown code '{code}' in vocabulary '{vocab}'") from None

    def label(self, vocab: str, code: str, lang: str = "id") -> str:
        """Label of ``code`` in ``lang`` ("id" or "en"); the code itself if unknown."""
        _check_lang(lang)
        if not self.has(vocab, code):
            return str(code)
        return self.vocabularies[vocab].entries[code][lang]

    def vocab_label(self, vocab: str, lang: str = "id") -> str:
        """Label of the vocabulary itself in ``lang``; the name if unknown."""
        _check_lang(lang)
        found = self.vocabularies.get(vocab)
        return found.label[lang] if found else vocab


def _check_lang(lang: str) -> None:
    """Raise ValueError unless ``lang`` is a supported label language."""
    if lang not in LANGS:
        raise ValueError(f"unknown language '{lang}', expected one of {LANGS}")


def _freeze(value: Any) -> Any:
    """Deep read-only copy: dicts become MappingProxyType, lists become tuples."""
    if isinstance(value, dict):
        return MappingProxyType({key: _freeze(item) for key, item in value.items()})
    if isinstance(value, list):
        return tuple(_freeze(item) for item in value)
    return value


def _labels(raw: Any, file: str, vocab: str, where: str) -> dict[str, str]:
    """Check that ``raw`` has non-empty string labels for every language."""
    if not isinstance(raw, dict):
        raise TaxonomyError(file, f"{where}: expected a mapping with keys {LANGS}", vocab)
    for lang in LANGS:
        text = raw.get(lang)
        if not isinstance(text, str) or not text.strip():
            raise TaxonomyError(file, f"{where}: missing or empty '{lang}' label", vocab)
    return {lang: raw[lang] for lang in LANGS}


def _parse_entry(raw: Any, index: int, file: str, vocab: str) -> dict[str, Any]:
    """Validate one entry mapping and return it as a plain dict."""
    where = f"entry {index + 1}"
    if not isinstance(raw, dict):
        raise TaxonomyError(file, f"{where}: expected a mapping with code, id and en", vocab)
    code = raw.get("code")
    if code is None:
        raise TaxonomyError(file, f"{where}: missing 'code'", vocab)
    if not isinstance(code, str):
        raise TaxonomyError(file, f"{where}: code {code!r} must be a string (quote it)", vocab)
    if not CODE_PATTERN.fullmatch(code):
        raise TaxonomyError(
            file,
            f"{where}: code '{code}' is not snake_case (pattern {CODE_PATTERN.pattern})",
            vocab,
        )
    _labels(raw, file, vocab, f"{where} ('{code}')")
    empty = sorted(str(key) for key, value in raw.items() if value is None)
    if empty:
        # Usually an unquoted label with commas in a {flow: mapping}, split into stray keys.
        raise TaxonomyError(file, f"{where} ('{code}'): attributes without a value {empty} "
                                  "(quote labels that contain commas)", vocab)
    return dict(raw)


def _parse_vocabulary(name: Any, raw: Any, file: str) -> Vocabulary:
    """Validate one vocabulary block and build a frozen Vocabulary."""
    if not isinstance(name, str) or not NAME_PATTERN.fullmatch(name):
        raise TaxonomyError(file, f"vocabulary name {name!r} is not snake_case")
    if not isinstance(raw, dict):
        raise TaxonomyError(file, "expected a mapping with label and entries", name)
    unknown = sorted(set(map(str, raw)) - _VOCAB_KEYS)
    if unknown:
        raise TaxonomyError(file, f"unknown keys {unknown}, allowed {sorted(_VOCAB_KEYS)}", name)
    label = _labels(raw.get("label"), file, name, "label")
    source = raw.get("source")
    if source is not None and not isinstance(source, str):
        raise TaxonomyError(file, "'source' must be a string", name)
    raw_entries = raw.get("entries")
    if not isinstance(raw_entries, list) or not raw_entries:
        raise TaxonomyError(file, "'entries' must be a non-empty list", name)
    entries: dict[str, dict[str, Any]] = {}
    for index, raw_entry in enumerate(raw_entries):
        entry = _parse_entry(raw_entry, index, file, name)
        if entry["code"] in entries:
            raise TaxonomyError(file, f"duplicate code '{entry['code']}'", name)
        entries[entry["code"]] = entry
    return Vocabulary(name, _freeze(label), source, _freeze(entries), file)


def parse_taxonomy_file(data: Any, file: str | Path) -> tuple[str, dict[str, Vocabulary]]:
    """Validate the parsed YAML of one taxonomy file; return (version, vocabularies)."""
    file = str(file)
    if not isinstance(data, dict):
        raise TaxonomyError(file, "expected a mapping with keys 'version' and 'vocabularies'")
    unknown = sorted(set(map(str, data)) - _FILE_KEYS)
    if unknown:
        raise TaxonomyError(file, f"unknown top-level keys {unknown}, allowed {sorted(_FILE_KEYS)}")
    version = data.get("version")
    if not isinstance(version, str) or not version.strip():
        raise TaxonomyError(file, "'version' must be a non-empty quoted string, e.g. \"2025.1\"")
    raw_vocabs = data.get("vocabularies")
    if not isinstance(raw_vocabs, dict) or not raw_vocabs:
        raise TaxonomyError(file, "'vocabularies' must be a non-empty mapping")
    vocabs = {name: _parse_vocabulary(name, raw, file) for name, raw in raw_vocabs.items()}
    return version, vocabs


def _read_file(path: Path) -> tuple[str, dict[str, Vocabulary]]:
    """Read and validate one taxonomy YAML file."""
    try:
        text = path.read_text(encoding="utf-8")
        data = yaml.load(text, Loader=_UniqueKeyLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise TaxonomyError(path, f"cannot read YAML: {error}") from error
    return parse_taxonomy_file(data, path)


def _read_folder(folder: Path) -> tuple[str | None, dict[str, Vocabulary]]:
    """Read every *.yaml in ``folder`` (sorted); versions must agree, names be unique."""
    version: str | None = None
    vocabs: dict[str, Vocabulary] = {}
    for path in sorted(folder.glob("*.yaml")):
        file_version, file_vocabs = _read_file(path)
        if version is not None and file_version != version:
            raise TaxonomyError(path, f"version '{file_version}' differs from '{version}'")
        version = file_version
        for name, vocab in file_vocabs.items():
            if name in vocabs:
                raise TaxonomyError(path, f"also defined in {vocabs[name].file}", name)
            vocabs[name] = vocab
    return version, vocabs


def _check_references(vocabs: Mapping[str, Vocabulary]) -> None:
    """Raise TaxonomyError if an attribute in REFERENCES names an unknown code."""
    for (name, attribute), target in REFERENCES.items():
        if name not in vocabs or target not in vocabs:
            continue
        for code, entry in vocabs[name].entries.items():
            value = entry.get(attribute)
            values = value if isinstance(value, tuple) else () if value is None else (value,)
            missing = [item for item in values if item not in vocabs[target].entries]
            if missing:
                raise TaxonomyError(
                    vocabs[name].file,
                    f"entry '{code}': {attribute} {missing} not in vocabulary '{target}'",
                    name,
                )


@functools.lru_cache(maxsize=1)
def _builtin() -> Taxonomy:
    """The built-in taxonomy (read once per process)."""
    version, vocabs = _read_folder(BUILTIN_DIR)
    if version is None:
        raise TaxonomyError(BUILTIN_DIR, "no built-in taxonomy files found")
    _check_references(vocabs)
    return Taxonomy(version, MappingProxyType(vocabs))


def load_taxonomy(project_dir: Path | None = None) -> Taxonomy:
    """Built-in vocabularies, with whole vocabularies replaced from <project_dir>/taxonomies/."""
    builtin = _builtin()
    folder = Path(project_dir) / "taxonomies" if project_dir is not None else None
    if folder is None or not folder.is_dir():
        return builtin
    version, overrides = _read_folder(folder)
    if version is None:
        return builtin
    for name, vocab in overrides.items():
        if name not in builtin.vocabularies:
            raise TaxonomyError(vocab.file, "not a built-in vocabulary (check the name)", name)
    merged = {**builtin.vocabularies, **overrides}
    _check_references(merged)
    return Taxonomy(version, MappingProxyType(merged))
