"""Indonesian search for the generated sites: the lunr language file and the search settings.

Material for MkDocs' search (lunr) has no Indonesian: no stemmer, and its worker loads the file of
a search language from ``assets/javascripts/lunr/min/lunr.<lang>.min.js``. Casebook writes its own
``lunr.id.min.js`` there (a file in the docs tree replaces the theme's file at the same path): the
Snowball Indonesian stemmer and the synonym list of ``search/synonyms.yaml``, applied alike
when the index is built and when a query is read (see the comments in ``search/lunr.id.js``).
Engine-neutral: this module only makes text; ``engine.py`` places it and sets the search options.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

import yaml

HERE = Path(__file__).parent / "search"
SCRIPT_TEMPLATE = HERE / "lunr.id.js"
SYNONYMS_FILE = HERE / "synonyms.yaml"
LUNR_LANGUAGE_FILE = "assets/javascripts/lunr/min/lunr.id.min.js"  # inside docs_dir
# Words split at white space, and at a hyphen only before a letter: "anak-anak" is two words,
# a case id such as "K-YYYY-NNNN" stays one.
SEPARATOR = r"[\s\u200b]+|-+(?![0-9])"
PIPELINE = ["trimmer", "stemmer"]  # the functions of lunr.id that Material keeps
_WORD = re.compile(r"[a-z0-9]+")


@cache
def synonyms() -> dict[str, list[str]]:
    """Each single word a reader may type -> the words it stands for (read from the data file)."""
    data = yaml.safe_load(SYNONYMS_FILE.read_text(encoding="utf-8")) or {}
    table = {}
    for key, value in sorted(data.items()):
        words = str(value).split()
        if not _WORD.fullmatch(key) or not all(_WORD.fullmatch(word) for word in words):
            raise ValueError(f"{SYNONYMS_FILE.name}: {key!r}: lower-case words only")
        table[key] = words
    return table


def lunr_language_script() -> str:
    """The text of lunr.id.min.js: the stemmer with the synonym table written in."""
    template = SCRIPT_TEMPLATE.read_text(encoding="utf-8")
    table = json.dumps(synonyms(), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return template.replace("/*SYNONYMS*/{}", table, 1)


def install_language_file(docs_dir: Path) -> Path | None:
    """Write lunr.id.min.js into docs_dir (only when it changed); return its path if written."""
    target = Path(docs_dir) / LUNR_LANGUAGE_FILE
    text = lunr_language_script()
    if target.is_file() and target.read_text(encoding="utf-8") == text:
        return None
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return target
