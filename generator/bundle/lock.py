"""Encrypt a built bundle at rest, for the browser to decrypt with WebCrypto.

One key per bundle: PBKDF2-HMAC-SHA256 over the passphrase (NFC) with a random 16-byte salt
and ``ITERATIONS`` rounds, 256 bits. Every file is sealed with AES-256-GCM under its own
random 96-bit nonce, its bundle path as associated data (a file cannot be swapped for
another). What stays in clear: the theme's scripts, styles and icons, Casebook's own assets
and robots.txt — no project data.

* A page becomes a small locked page: a passphrase form, the sealed original as a JSON data
  block, and ``assets/casebook/unlock.js``, which derives the key (or takes it from
  sessionStorage), decrypts and writes the page.
* The search index (``search/search_index.js``) sets ``__casebookLockedIndex`` instead of
  ``__index``; unlock.js opens it before writing the page.
* Every other file (a report's .docx or .pdf, a CSV) becomes ``<name>.js`` calling
  ``__casebookLockedFile``; links to it carry ``data-casebook-file`` and locked-files.js
  decrypts it into a download on click. (A page from file:// cannot fetch a sibling file; a
  script tag can load one.)
"""

from __future__ import annotations

import base64
import html
import json
import os
import re
import shutil
import unicodedata
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC

from generator.bundle.words import say

ITERATIONS = 600_000  # OWASP 2023 for PBKDF2-HMAC-SHA256; WebCrypto offers no memory-hard KDF
SALT_BYTES = 16
NONCE_BYTES = 12
KEY_BYTES = 32
FORMAT = 1
CLEAR_PREFIXES = ("assets/javascripts/", "assets/stylesheets/", "assets/images/", "assets/casebook/")
CLEAR_NAMES = ("robots.txt",)
ASSETS = Path(__file__).with_name("assets")  # unlock.js, locked-files.js, review-notes.js, CSS
INDEX = "search/search_index.js"
INDEX_PREFIX = "var __index = "
_HREF = re.compile(r'(<a\b[^>]*?\bhref=")([^"#?]+)(")')

LOCK_WORDS = ("title", "intro", "label", "button", "wrong", "busy", "unsupported")


@dataclass(frozen=True)
class Sealer:
    """The bundle's key and the parameters a reader's browser needs to derive it again."""

    key: bytes
    salt: bytes
    iterations: int = ITERATIONS

    @classmethod
    def from_passphrase(cls, passphrase: str, *, salt: bytes | None = None,
                        iterations: int = ITERATIONS) -> Sealer:
        salt = salt if salt is not None else os.urandom(SALT_BYTES)
        return cls(derive_key(passphrase, salt, iterations), salt, iterations)

    def seal(self, path: str, data: bytes) -> dict:
        """``{"path", "iv", "data"}``: ``data`` sealed under a fresh nonce, bound to ``path``."""
        nonce = os.urandom(NONCE_BYTES)
        sealed = AESGCM(self.key).encrypt(nonce, data, path.encode("utf-8"))
        return {"path": path, "iv": _b64(nonce), "data": _b64(sealed)}

    def open(self, box: dict) -> bytes:
        """The plaintext of a sealed box (InvalidTag on a wrong key or a tampered file)."""
        return AESGCM(self.key).decrypt(
            base64.b64decode(box["iv"]), base64.b64decode(box["data"]), box["path"].encode("utf-8"))

    @property
    def parameters(self) -> dict:
        return {"v": FORMAT, "kdf": "PBKDF2-SHA256", "iterations": self.iterations,
                "salt": _b64(self.salt)}


def derive_key(passphrase: str, salt: bytes, iterations: int = ITERATIONS) -> bytes:
    """PBKDF2-HMAC-SHA256 of the NFC-normalised passphrase: 32 bytes for AES-256-GCM."""
    kdf = PBKDF2HMAC(algorithm=hashes.SHA256(), length=KEY_BYTES, salt=salt, iterations=iterations)
    return kdf.derive(unicodedata.normalize("NFC", passphrase).encode("utf-8"))


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def stays_clear(relative: str) -> bool:
    """Theme and Casebook assets (no project data) and robots.txt stay readable."""
    return relative.startswith(CLEAR_PREFIXES) or relative in CLEAR_NAMES


def lock_site(site_dir: Path, sealer: Sealer, lang: str = "id") -> dict[str, int]:
    """Encrypt every file of a built bundle in place; return counts by kind."""
    files = sorted(
        p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*") if p.is_file())
    sealed = {f for f in files if not stays_clear(f) and not f.endswith(".html") and f != INDEX}
    counts = {"pages": 0, "index": 0, "files": 0}
    for relative in sealed:
        lock_file(site_dir, relative, sealer)
        counts["files"] += 1
    search = {}
    if INDEX in files:
        search = lock_index(site_dir, sealer)
        counts["index"] = 1
    for relative in (f for f in files if f.endswith(".html") and not stays_clear(f)):
        lock_page(site_dir, relative, sealer, sealed, lang, search)
        counts["pages"] += 1
    return counts


def install_assets(site_dir: Path) -> None:
    """The bundle's scripts and styles (unlocking, downloads, the lecturer's notes) in
    ``assets/casebook/``."""
    target = site_dir / "assets" / "casebook"
    target.mkdir(parents=True, exist_ok=True)
    for source in sorted(ASSETS.iterdir()):
        shutil.copyfile(source, target / source.name)


def lock_file(site_dir: Path, relative: str, sealer: Sealer) -> None:
    """``x.docx`` → ``x.docx.js``: a script that hands the sealed bytes to locked-files.js."""
    path = site_dir / relative
    box = sealer.seal(relative, path.read_bytes())
    script = f"__casebookLockedFile({json.dumps(box)});\n"
    (site_dir / (relative + ".js")).write_text(script, encoding="ascii")
    path.unlink()


def lock_index(site_dir: Path, sealer: Sealer) -> dict:
    """The search index as ``__casebookLockedIndex`` (the JSON after ``var __index = ``);
    returns its ``config`` (language, separator, fields: no project data), which the locked
    pages carry in clear so that search starts before the index is decrypted."""
    path = site_dir / INDEX
    text = path.read_text(encoding="utf-8").removeprefix(INDEX_PREFIX)
    box = sealer.seal(INDEX, text.encode("utf-8"))
    path.write_text(f"window.__casebookLockedIndex = {json.dumps(box)};\n", encoding="ascii")
    return json.loads(text).get("config", {})


def lock_page(site_dir: Path, relative: str, sealer: Sealer, sealed: set[str], lang: str,
              search: dict | None = None) -> None:
    """Replace a page by its locked form (the original, with links to sealed files marked)."""
    path = site_dir / relative
    html = mark_locked_links(path.read_text(encoding="utf-8"), relative, sealed)
    html = html.replace("</body>", _script_tag(relative, "locked-files.js") + "</body>", 1)
    box = {**sealer.seal(relative, html.encode("utf-8")), **sealer.parameters,
           "search": search or {}}
    path.write_text(locked_page(relative, box, lang), encoding="utf-8")


def mark_locked_links(html: str, page: str, sealed: set[str]) -> str:
    """Give every link to a sealed file ``data-casebook-file`` (the script to load)."""
    folder = PurePosixPath(page).parent

    def mark(match: re.Match) -> str:
        href = match.group(2)
        if "://" in href or href.startswith(("/", "mailto:", "data:")):
            return match.group(0)
        target = os.path.normpath((folder / href).as_posix()).replace(os.sep, "/")
        if target not in sealed:
            return match.group(0)
        return f'{match.group(1)}{href}" data-casebook-file="{href}.js'
    return _HREF.sub(mark, html)


def _relative_root(relative: str) -> str:
    depth = relative.count("/")
    return "../" * depth


def _script_tag(relative: str, name: str) -> str:
    return f'<script src="{_relative_root(relative)}assets/casebook/{name}"></script>'


def locked_page(relative: str, box: dict, lang: str) -> str:
    """The page a reader sees before the passphrase: a form, the sealed page, unlock.js."""
    words = {key: html.escape(say(f"lock.{key}", lang)) for key in LOCK_WORDS}
    root = _relative_root(relative)
    payload = json.dumps(box).replace("<", "\\u003c")
    return f"""<!doctype html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="robots" content="noindex, nofollow">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>{words["title"]}</title>
<link rel="stylesheet" href="{root}assets/casebook/unlock.css">
</head>
<body>
<main class="casebook-lock" data-wrong="{words["wrong"]}" data-busy="{words["busy"]}" data-unsupported="{words["unsupported"]}">
<h1>{words["title"]}</h1>
<p>{words["intro"]}</p>
<form id="casebook-unlock">
<label for="casebook-passphrase">{words["label"]}</label>
<input id="casebook-passphrase" name="passphrase" type="password" autocomplete="current-password" required autofocus>
<button type="submit">{words["button"]}</button>
<p id="casebook-unlock-message" role="alert" aria-live="assertive"></p>
</form>
</main>
<script type="application/json" id="casebook-locked">{payload}</script>
<script src="{root}assets/casebook/unlock.js"></script>
</body>
</html>
"""
