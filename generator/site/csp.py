"""A Content-Security-Policy on every page of a built site, as a ``<meta http-equiv>``.

The policy allows scripts only from the site itself, plus each inline script the theme put
outside the page's content, by its SHA-256 hash. An inline handler (``onerror=``), a
``javascript:`` URL or a ``<script>`` inside the content never runs, even if one got past
the sanitiser. Styles may be inline (the theme and the tables use ``style=``), images come
from the site or ``data:``, nothing may be framed, embedded or submitted anywhere.

The pass runs on the finished build, before the site is swapped in, for every engine: it
reads and writes plain HTML files.
"""

from __future__ import annotations

import base64
import hashlib
import logging
import re
from collections.abc import Iterable
from pathlib import Path

log = logging.getLogger(__name__)

POLICY = (
    "default-src 'self'; script-src 'self'{hashes}; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; worker-src 'self'; "
    "object-src 'none'; frame-src 'none'; base-uri 'none'; form-action 'none'"
)
_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.DOTALL | re.IGNORECASE)
_CONTENT = re.compile(r"<article\b.*?</article\s*>", re.DOTALL | re.IGNORECASE)
_CHARSET = re.compile(r"<meta\s+charset=[\"']?utf-8[\"']?\s*/?>", re.IGNORECASE)
_HEAD = re.compile(r"<head\b[^>]*>", re.IGNORECASE)
_EXISTING = re.compile(r"<meta\s+http-equiv=\"Content-Security-Policy\"[^>]*>\s*", re.IGNORECASE)
_NOT_SCRIPT_TYPES = re.compile(
    r"\btype=[\"']?(application/(ld\+)?json|text/template)", re.IGNORECASE
)


def script_hash(body: str) -> str:
    """The CSP source expression of one inline script's exact text."""
    digest = hashlib.sha256(body.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def theme_scripts(page: str) -> list[str]:
    """The text of each inline, executable script outside the page's content (<article>)."""
    outside = _CONTENT.sub("", page)
    return [
        body
        for attributes, body in _SCRIPT.findall(outside)
        if "src=" not in attributes.lower() and not _NOT_SCRIPT_TYPES.search(attributes)
    ]


def policy_for(page: str) -> str:
    """The page's policy: its theme scripts' hashes, sorted, each once."""
    hashes = sorted({script_hash(body) for body in theme_scripts(page)})
    return POLICY.format(hashes="".join(" " + h for h in hashes))


def with_policy(page: str) -> str:
    """The page with its policy as the first element of <head> after the charset."""
    page = _EXISTING.sub("", page)
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy_for(page)}">'
    charset = _CHARSET.search(page)
    if charset:
        return page[: charset.end()] + "\n    " + meta + page[charset.end():]
    head = _HEAD.search(page)
    if head:
        return page[: head.end()] + meta + page[head.end():]
    return meta + page


def apply_policy(site_dir: Path, pages: Iterable[Path] | None = None) -> int:
    """Put a policy into every HTML file under site_dir (or into ``pages`` only); return how
    many were written."""
    count = 0
    for path in sorted(Path(site_dir).rglob("*.html") if pages is None else pages):
        if path.is_symlink():
            continue
        page = path.read_text(encoding="utf-8")
        path.write_text(with_policy(page), encoding="utf-8")
        count += 1
    log.debug("Content-Security-Policy written into %d pages", count)
    return count
