"""User-facing words as data: each stage keeps its phrases in a YAML file beside its code.

A catalogue maps a stable key to its texts by language (``id``, ``en``; labels of findings add
``hint_id`` and ``hint_en``). ``generator/messages.yaml`` (the checker's messages, read by
``problems``) and ``generator/render/phrases.yaml`` (the narratives, read by ``render.text``) are
catalogues too, with more structure.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml


@cache
def catalogue(path: Path) -> dict[str, dict[str, str]]:
    """The catalogue in ``path`` (read once; treat it as read-only)."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(path.read_text(encoding="utf-8"), Loader=loader)


def beside(module_file: str, name: str) -> Path:
    """The data file ``name`` in the folder of a module (pass ``__file__``)."""
    return Path(module_file).with_name(name)


def say(entries: dict[str, dict[str, str]], key: str, lang: str, **params: Any) -> str:
    """The text of ``key`` in ``lang`` (Indonesian unless ``en``), with ``params`` filled in."""
    return entries[key]["en" if lang == "en" else "id"].format(**params)
