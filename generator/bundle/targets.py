"""Where a lecturer can answer in a bundle: the anchors of each page, given to review-notes.js.

Each page that belongs to one intern gets a JSON data block naming the intern and, per heading,
what a comment on it is about, in the terms of review.yaml: a case page's title and sections
(``case`` + ``section``), an intern page's logbook weeks (``week``: ISO), a report's chapters
(``chapter``: a chapters/ file or bab1–bab5, pustaka, lampiran, + ``section``). The review page
of an intern also carries the rubric and the basis (what the bundle shows, for "changed since").
The block is added before the bundle is locked, so it is encrypted with the page.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from pathlib import Path
from typing import Any

from generator.bundle.words import say
from generator.model.changes import basis_of

_HEADING = re.compile(r'<h([1-3]) id="([^"]+)"[^>]*>(.*?)</h\1>', re.DOTALL)
_WEEK = re.compile(r"^(?:Minggu ke-|Week )(\d+)\b")
_PARTS = {"BAB I": "bab1", "BAB II": "bab2", "BAB III": "bab3", "BAB IV": "bab4", "BAB V": "bab5",
          "DAFTAR PUSTAKA": "pustaka", "LAMPIRAN": "lampiran", "CHAPTER I": "bab1",
          "CHAPTER II": "bab2", "CHAPTER III": "bab3", "CHAPTER IV": "bab4", "CHAPTER V": "bab5",
          "REFERENCES": "pustaka", "APPENDICES": "lampiran"}
SCRIPTS = ("review-notes.js",)
STYLES = ("review-notes.css",)


def headings(page_html: str) -> list[tuple[int, str, str]]:
    """(level, id, text) of every h1–h3, without the permalink sign."""
    found = []
    for level, anchor, inner in _HEADING.findall(page_html):
        text = html.unescape(re.sub(r"<[^>]+>", "", inner)).replace("¶", "").strip()
        found.append((int(level), anchor, text))
    return found


def case_anchors(found: list[tuple[int, str, str]], case_id: str) -> list[dict]:
    anchors = []
    for level, anchor, text in found:
        target: dict[str, str] = {"case": case_id}
        if level > 1:
            target["section"] = text
        anchors.append({"id": anchor, "label": text, "target": target})
    return anchors


def week_anchors(found: list[tuple[int, str, str]], first_monday: dt.date) -> list[dict]:
    anchors = []
    for _level, anchor, text in found:
        match = _WEEK.match(text)
        if match:
            monday = first_monday + dt.timedelta(weeks=int(match.group(1)) - 1)
            year, week, _ = monday.isocalendar()
            anchors.append({"id": anchor, "label": text,
                            "target": {"week": f"{year}-W{week:02d}"}})
    return anchors


def chapter_anchors(found: list[tuple[int, str, str]], stems: list[str]) -> list[dict]:
    """A report's parts and chapters (h2 under the page's h1), and the h3 sections under them."""
    anchors, current = [], None
    for level, anchor, text in found:
        if level == 2:
            current = _part(text, anchor, stems)
            if current:
                anchors.append({"id": anchor, "label": text, "target": {"chapter": current}})
        elif level == 3 and current:
            anchors.append({"id": anchor, "label": text,
                            "target": {"chapter": current, "section": text}})
    return anchors


def _part(text: str, anchor: str, stems: list[str]) -> str | None:
    if anchor in stems:
        return anchor
    upper = text.upper()
    for prefix in sorted(_PARTS, key=len, reverse=True):
        if upper == prefix or upper.startswith(prefix + " "):
            return _PARTS[prefix]
    return None


def page_targets(relative: str, page_html: str, project: Any, reader: str) -> dict | None:
    """The data block of one page, or None for a page that belongs to no single intern."""
    folder, _, name = relative.rpartition("/")
    stem = name.removesuffix(".html")
    found = headings(page_html)
    if folder == "kasus" and stem in project.cases:
        authors = project.cases[stem].index.authors
        return _block(reader, authors[0], relative, case_anchors(found[:1] + found[1:], stem))
    doc = project.interns.get(stem)
    if doc is None:
        return None
    if folder == "mahasiswa":
        start = doc.intern.placement.start
        first = start - dt.timedelta(days=start.weekday())
        return _block(reader, stem, relative, week_anchors(found, first))
    if folder == "laporan":
        return _block(reader, stem, relative, chapter_anchors(found, sorted(doc.chapters)))
    if folder == "telaah":
        block = _block(reader, stem, relative, [])
        block["review"] = review_form(doc, project)
        return block
    return None


def _block(reader: str, intern: str, page: str, anchors: list[dict]) -> dict:
    return {"bundle": reader, "intern": intern, "page": page, "anchors": anchors}


def review_form(doc: Any, project: Any) -> dict:
    """What the scoring form needs: the rubric and the scores so far."""
    rubric = project.rubric
    aspects = [{"id": a.id, "label": a.label.id, "label_en": a.label.en or a.label.id,
                "weight": a.weight} for a in rubric.aspects] if rubric else []
    scores = dict(doc.review.scores) if doc.review else {}
    return {"aspects": aspects, "scores": scores}


NOTE_WORDS = ("add", "save", "cancel", "remove", "label", "bar", "comments", "scores", "exportIt",
              "scoresTitle", "total", "kept", "yours", "invalid", "file")


def note_words(lang: str) -> dict[str, str]:
    """The words of review-notes.js (``notes.*`` in messages.yaml) in the bundle's language."""
    return {key: say(f"notes.{key}", lang) for key in NOTE_WORDS}


def add_review_notes(site_dir: Path, project: Any, reader: str, lang: str = "id") -> int:
    """Give every page of one intern its data block and the notes script; return how many."""
    count, bases, shown = 0, {}, note_words(lang)
    for path in sorted(site_dir.rglob("*.html")):
        relative = path.relative_to(site_dir).as_posix()
        page_html = path.read_text(encoding="utf-8")
        block = page_targets(relative, page_html, project, reader)
        if block is None:
            continue
        intern = block["intern"]
        if intern not in bases:  # once per intern: it reads every case of the intern
            bases[intern] = basis_of(project.interns[intern], project)
        block["basis"] = bases[intern]
        block["words"] = shown
        root = "../" * relative.count("/")
        payload = json.dumps(block, ensure_ascii=False).replace("<", "\\u003c")
        tags = "".join(f'<link rel="stylesheet" href="{root}assets/casebook/{s}">' for s in STYLES)
        page_html = page_html.replace("</head>", tags + "</head>", 1)
        tags = f'<script type="application/json" id="casebook-review-targets">{payload}</script>'
        tags += "".join(f'<script src="{root}assets/casebook/{s}"></script>' for s in SCRIPTS)
        path.write_text(page_html.replace("</body>", tags + "</body>", 1), encoding="utf-8")
        count += 1
    return count
