"""The bundle's messages for people (``messages.yaml`` beside this file), by key and language."""

from __future__ import annotations

from typing import Any

from generator import words

_CATALOGUE = words.beside(__file__, "messages.yaml")


def say(key: str, lang: str = "id", **params: Any) -> str:
    """The message ``key`` in ``lang`` with its parameters filled in."""
    return words.say(words.catalogue(_CATALOGUE), key, lang, **params)
