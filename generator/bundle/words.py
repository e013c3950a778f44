"""The bundle's messages for people (``messages.yaml`` beside this file), by key and language."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

_CATALOG = Path(__file__).with_name("messages.yaml")


@lru_cache(maxsize=1)
def _catalog() -> dict[str, dict[str, str]]:
    return yaml.safe_load(_CATALOG.read_text(encoding="utf-8"))


def say(key: str, lang: str = "id", **params: Any) -> str:
    """The message ``key`` in ``lang`` with its parameters filled in."""
    return _catalog()[key][lang].format(**params)
