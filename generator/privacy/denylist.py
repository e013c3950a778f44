"""The private deny-list of real names, and the text normalisation that defeats simple evasions.

The real list lives outside the docs folder in a git-ignored file (``private/denylist.txt`` by
convention), one person per line, ``#`` starts a comment. The repository ships only a synthetic
fixture for tests. A line is the person's full name; after ``|`` come the parts of the name and
the nicknames people use, separated by commas, each of which then matches on its own::

    Sutarno Wiryadinata | Sutarno, Wiryadinata, Tarno, Pak Tris

A line without ``|`` matches the full name only ("Dirja" alone is not "Dirja Wacana"). A part
that is also an ordinary word the public text needs ("Wacana") is released by the office's
allow-list (``allowlist.txt`` beside the deny-list, see ``generator.privacy.allowlist``): each
entry names the staff member who approved it and the day, and a full name is never released.

Matching works on three normalised views of the text (research §7.2):
- *spaced*: casefolded, diacritics stripped, entities decoded, tags dropped, every run of other
  characters turned into one space: "Dirja-Wacana" -> "dirja wacana";
- *glued*: like spaced, but punctuation between two letters is dropped and runs of single letters
  are joined: "Su-tarno" -> "sutarno", "S u t a r n o" -> "sutarno";
- *compact*: every non-alphanumeric character removed: "DirjaWacana" -> "dirjawacana".
A name matches as a whole-word phrase in the spaced or glued view, as one glued word, or (for names
of at least ``COMPACT_MIN_LENGTH`` letters) anywhere in the compact view.

Positions in the returned findings are approximate: the name is located again in the original text
by a tolerant pattern (case, diacritics, punctuation, tags and entities between letters); when that
fails (for example a letter written as a numeric entity), the finding spans the whole text. Findings
never carry the name.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import unquote

from generator.privacy.detectors import Match

COMPACT_MIN_LENGTH = 8
MIN_NAME_LENGTH = 3

# Markup tags, removed without a space so that "Su<b>tar</b>no" reads "Sutarno".
_TAG = re.compile(r"<[^<>]*>")
# Invisible format characters (soft hyphen, zero-width, bidi controls, BOM): removed outright.
_INVISIBLE = re.compile("[\u00ad\u034f\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")
# Any run of characters that are not letters or digits.
_NON_ALNUM = re.compile(r"[\W_]+")
# Punctuation (not whitespace) squeezed between two letters or digits: "su-tarno", "su.tarno",
# "su_tarno".
_INNER_PUNCT = re.compile(r"(?<=[^\W_])[^\w\s]+(?=[^\W_])|(?<=[^\W_])_+(?=[^\W_])")
# Three or more single letters separated by spaces: "s u t a r n o".
_SPACED_LETTERS = re.compile(r"(?<!\S)(?:[^\W_] ){2,}[^\W_](?!\S)")


def _decode(text: str) -> str:
    """Decode entities (repeatedly) and URL escapes; drop tags and invisible characters."""
    for _ in range(4):
        decoded = html.unescape(text)
        if decoded == text:
            break
        text = decoded
    if "%" in text:
        text = unquote(text)
    return _INVISIBLE.sub("", _TAG.sub("", text))


# Cyrillic and Greek letters that look like Latin ones ("Dirjа" with a Cyrillic "а"), read as Latin.
_CONFUSABLES = str.maketrans(
    "аеорсухіјѕԁӏАВЕКМНОРСТХІЈЅԌαβεικνορτυχΑΒΕΖΗΙΚΜΝΟΡΤΥΧ",
    "aeopcyxijsdlABEKMHOPCTXIJSGabeiknoptuxABEZHIKMNOPTYX",
)


def _fold(text: str) -> str:
    """Compatibility-decompose, drop combining marks, read look-alike letters as Latin, casefold."""
    decomposed = unicodedata.normalize("NFKD", text).translate(_CONFUSABLES)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def normalise(text: str) -> str:
    """The spaced view: decoded, folded, each run of punctuation/whitespace made one space."""
    return _NON_ALNUM.sub(" ", _fold(_decode(text))).strip()


def _glued(folded: str) -> str:
    """The glued view: inner punctuation dropped, single-letter runs joined, spaces collapsed."""
    joined = _INNER_PUNCT.sub("", folded)
    spaced = _NON_ALNUM.sub(" ", joined).strip()
    return _SPACED_LETTERS.sub(lambda m: m.group().replace(" ", ""), spaced)


def compact(text: str) -> str:
    """The compact view: only letters and digits."""
    return normalise(text).replace(" ", "")


def _tolerant_pattern(name: str) -> re.Pattern[str]:
    """A pattern finding a name in folded original text despite punctuation, tags or entities."""
    gap = r"(?:[^\w]|_|&#?\w+;|<[^<>]*>)*?"
    return re.compile(gap.join(re.escape(c) for c in compact(name)))


def _length_preserving_fold(text: str) -> str:
    """Fold each character to one character, so positions stay those of the original text."""
    return "".join((_fold(c) or c)[0] if c.isalnum() else c for c in text)


class DenyList:
    """Real names that must never appear in public output. ``repr`` never shows a name."""

    def __init__(self, names: Iterable[str] = (), *, source_missing: bool = False,
                 allowed: Iterable[str] = ()) -> None:
        entries = [entry_forms(n) for n in names]
        self._count = sum(
            any(len(n.replace(" ", "")) >= MIN_NAME_LENGTH for n in whole) for whole, _ in entries
        )
        released = {normalise(word) for word in allowed}
        forms = {form for whole, _ in entries for form in whole}
        forms |= {part for _, parts in entries for part in parts if part not in released}
        self._names = tuple(sorted(n for n in forms if len(n.replace(" ", "")) >= MIN_NAME_LENGTH))
        self.source_missing = source_missing
        self._phrase_rx = _alternation(self._names + tuple(n.replace(" ", "") for n in self._names))
        long_compact = tuple(
            c for c in (n.replace(" ", "") for n in self._names) if len(c) >= COMPACT_MIN_LENGTH
        )
        self._compact_rx = (
            re.compile("|".join(map(re.escape, long_compact))) if long_compact else None
        )

    @classmethod
    def from_file(cls, path: Path | str, *, allowed: Iterable[str] = ()) -> DenyList:
        """One person per line, '#' starts a comment; a missing file gives an empty, flagged list.

        ``allowed``: the approved words of the office's allow-list, which release parts that are
        ordinary words (``generator.privacy.allowlist``)."""
        path = Path(path)
        if not path.is_file():
            return cls((), source_missing=True)
        lines = path.read_text(encoding="utf-8").splitlines()
        return cls(
            (line.split("#", 1)[0].strip() for line in lines if line.split("#", 1)[0].strip()),
            allowed=allowed,
        )

    @property
    def is_empty(self) -> bool:
        """True when there is no name to check (missing or empty file)."""
        return not self._names

    def __len__(self) -> int:
        return self._count

    def __repr__(self) -> str:
        state = ", source missing" if self.source_missing else ""
        return f"DenyList({self._count} names{state})"

    def matching_names(self, text: str) -> set[str]:
        """The normalised names found in ``text`` (internal: callers must never print them)."""
        if not self._names:
            return set()
        folded = _fold(_decode(text))
        spaced = _NON_ALNUM.sub(" ", folded).strip()
        found = _hits(self._phrase_rx, spaced) | _hits(self._phrase_rx, _glued(folded))
        if self._compact_rx is not None:
            found |= _hits(self._compact_rx, spaced.replace(" ", ""))
        compact_to_name = {n.replace(" ", ""): n for n in self._names}
        return {compact_to_name.get(f, f) for f in found}

    def find(self, text: str) -> list[Match]:
        """Findings ("denylist") for every deny-listed name in ``text``; positions approximate."""
        names = self.matching_names(text)
        if not names:
            return []
        folded = _length_preserving_fold(text)
        spans = {m.span() for n in sorted(names) for m in _tolerant_pattern(n).finditer(folded)}
        if not spans:
            spans = {(0, len(text))}
        return [Match("denylist", s, e) for s, e in sorted(spans)]


def entry_forms(entry: str) -> tuple[set[str], set[str]]:
    """(the full name, the parts and nicknames listed after ``|``) of one line, normalised."""
    name, _, aliases = entry.partition("|")
    full = {normalise(name)} - {""}
    return full, {normalise(alias) for alias in aliases.split(",")} - {""} - full


def _alternation(forms: tuple[str, ...]) -> re.Pattern[str] | None:
    """One whole-word pattern for many phrases, longest first."""
    if not forms:
        return None
    ordered = sorted(set(forms), key=lambda f: (-len(f), f))
    return re.compile(r"(?<![^\W_])(?:" + "|".join(map(re.escape, ordered)) + r")(?![^\W_])")


def _hits(rx: re.Pattern[str] | None, view: str) -> set[str]:
    """The distinct matched strings of ``rx`` in ``view``."""
    return {m.group() for m in rx.finditer(view)} if rx is not None else set()
