"""A cache of validated case files, keyed by each file's content.

A case whose bytes, taxonomy, Casebook version and "today" are unchanged is not parsed or
validated again: its model and its own problems come back from ``.casebook/cache/``. A cache
that cannot be read is ignored and rebuilt; it never changes what ``casebook check`` reports.

A long-running process (``casebook serve``) holds its caches in memory with ``held()``: each
reload then reads and writes no pickle, and the caches are written once, when it ends.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from generator import __version__

CACHE_DIR = Path(".casebook") / "cache"

# While ``held()`` is active: cache file → the caches last saved to it, not yet written.
_held: dict[Path, ValidationCache] | None = None


def digest(raw: bytes) -> str:
    return hashlib.blake2b(raw, digest_size=16).hexdigest()


class ValidationCache:
    """Entries ``display name -> (content digest, value)`` valid for one context key, plus a
    side store of the validated models, read only when a model is first asked for (``check``
    needs only the entries, a build needs the models).

    The store keeps each model pickled on its own: a model is unpickled only when asked for,
    and one validated in a worker process arrives as its pickle and is written as it came."""

    def __init__(self, path: Path | None, context: str):
        self.path = path
        self.context = context
        self.entries: dict[str, tuple[str, Any]] = {}
        self.models: dict[str, Any] | None = None  # name → model, or its pickle (bytes)
        self.fresh: dict[str, tuple[str, Any]] = {}
        self.fresh_models: dict[str, Any] = {}  # likewise, for the files validated this run
        self.pickles: dict[str, bytes] = {}  # the pickle each unpickled model came from (held)
        self.changed = False  # held in memory with changes not yet written
        previous = _held.get(path) if _held is not None and path is not None else None
        if previous is not None and previous.context == context:
            self.entries, self.models = previous.entries, previous.models
            self.pickles = previous.pickles
        else:
            self.entries = self._read(path)

    @classmethod
    def for_project(cls, root: Path, *parts: str, name: str = "cases") -> ValidationCache:
        """A cache of a project (``name`` tells which), or a memory-only one when
        CASEBOOK_NO_CACHE is set."""
        context = "|".join((__version__, _code_fingerprint(), *parts))
        enabled = not os.environ.get("CASEBOOK_NO_CACHE")
        return cls(root / CACHE_DIR / f"{name}.pickle" if enabled else None, context)

    def get(self, name: str, key: str) -> Any | None:
        entry = self.entries.get(name)
        if entry and entry[0] == key:
            self.fresh[name] = entry
            return entry[1]
        return None

    def put(self, name: str, key: str, value: Any, model: Any = None) -> None:
        """Record a file validated this run; ``model`` may be the model or its pickle."""
        self.fresh[name] = (key, value)
        if model is not None:
            self.fresh_models[name] = model

    def model(self, name: str) -> Any | None:
        """The model of a file (validated this run, or unchanged and cached), or None."""
        store = self.fresh_models if name in self.fresh_models else self._stored_models()
        model = store.get(name)
        if isinstance(model, bytes):
            if _held is not None:  # kept to be written again without pickling it anew
                self.pickles[name] = model
            model = store[name] = pickle.loads(model)
        return model

    def _stored_models(self) -> dict[str, Any]:
        if self.models is None:
            self.models = self._read(self._models_path()) if self.entries else {}
        return self.models

    def _held_model(self, name: str) -> Any | None:
        """A model as it is held (the model or its pickle), without unpickling it."""
        if name in self.fresh_models:
            return self.fresh_models[name]
        return self._stored_models().get(name)

    def _pickled(self, name: str) -> bytes | None:
        """A model's pickle, made only when it has none yet."""
        model = self._held_model(name)
        if model is None or isinstance(model, bytes):
            return model
        if name not in self.pickles:
            self.pickles[name] = pickle.dumps(model, protocol=pickle.HIGHEST_PROTOCOL)
        return self.pickles[name]

    def save(self) -> None:
        """Write what this run used (entries of deleted files drop out); while held, keep it
        in memory instead."""
        if self.path is None:
            return
        if _held is not None:
            self._keep_in_memory()
        elif self.fresh != self.entries:
            self._write_files()

    def _models_in_use(self) -> dict[str, Any]:
        """The model (or pickle) of every entry this run used; files that had none are left out."""
        models = {name: self._held_model(name) for name in self.fresh}
        return {name: model for name, model in models.items() if model is not None}

    def _keep_in_memory(self) -> None:
        previous = _held.get(self.path)
        changed = self.fresh != self.entries or (previous is not None and previous.changed)
        kept = ValidationCache(None, self.context)
        kept.path, kept.entries, kept.models = self.path, self.fresh, self._models_in_use()
        kept.pickles = {name: self.pickles[name] for name in kept.models if name in self.pickles}
        kept.changed = changed
        _held[self.path] = kept

    def _write_files(self) -> None:
        if self.fresh_models or self.models or self._models_path().is_file():
            pickles = {name: self._pickled(name) for name in self._models_in_use()}
            _write(self._models_path(), (self.context, pickles))
        _write(self.path, (self.context, self.fresh))

    def _models_path(self) -> Path:
        return self.path.with_name(self.path.stem + "-models.pickle")

    def _read(self, path: Path | None) -> dict[str, Any]:
        if path is None or not path.is_file():
            return {}
        try:
            context, entries = pickle.loads(path.read_bytes())
        except Exception:  # noqa: BLE001 - a stale or damaged cache is rebuilt, never trusted
            return {}
        return entries if context == self.context else {}


@contextmanager
def held() -> Iterator[None]:
    """Keep every cache in memory until the block ends, then write the ones that changed."""
    global _held
    outer, _held = _held, {}
    try:
        yield
    finally:
        flush()
        _held = outer


def flush() -> None:
    """Write the held caches that changed since they were last written."""
    for cache in (_held or {}).values():
        if cache.changed:
            cache.fresh = cache.entries
            cache._write_files()
            cache.changed = False


def _write(path: Path, payload: Any) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        data = pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL)
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False) as stream:
            stream.write(data)
        os.replace(stream.name, path)
    except OSError:
        pass  # a read-only project simply runs without a cache


def _code_fingerprint() -> str:
    """Changes whenever the model, rules or messages change, so a cache never outlives them."""
    here = Path(__file__).parents[1]
    names = ("model/records.py", "model/project.py", "model/facts.py", "model/scaffold.py",
             "validate/rules.py", "load/source.py", "load/explain.py", "load/cache.py",
             "messages.yaml", "build/project.py")
    return digest(b"".join((here / name).read_bytes() for name in names))
