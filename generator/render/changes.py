"""What changed since the last review: the section of an intern's review page, the cohort
count, and the marks on the changed parts' own pages. The comparison itself is
``generator.model.changes``; the words are in ``lecturer.yaml``."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from generator import words
from generator.model.changes import Changes, changes_since
from generator.render.outline import chapter_title
from generator.render.text import cell, format_date, page_language, paragraphs, relative_link

REVIEW_PAGE = "telaah/{}.md"
CASE_PAGE = "kasus/{}.md"
INTERN_PAGE = "mahasiswa/{}.md"
REPORT_PAGE = "laporan/{}.md"
PHRASES = words.beside(__file__, "lecturer.yaml")
MARK_CLASS = "casebook-changed"
# Where the report (generator.render.report) puts each chapter file, by its name without the
# number: the heading of that part on the report's site page (an h2 there).
REPORT_PART = {
    "kata-pengantar": "KATA PENGANTAR", "pendahuluan": "BAB I ", "profil-lembaga": "BAB II ",
    "pelaksanaan": "BAB III ", "studi-kasus": "BAB IV ", "penutup": "BAB V ",
}
_NUMBER = re.compile(r"^\d+[-_ ]*")


def say(key: str, lang: str, **params: Any) -> str:
    return words.say(words.catalogue(PHRASES), key, lang, **params)


def week_label(week: str, placement_start: dt.date, lang: str = "id") -> str:
    """``2025-W12`` as the placement's own name for it: ``Minggu ke-5 (17 Maret 2025)``."""
    return say("week.label", lang, n=placement_week(week, placement_start),
               date=format_date(iso_monday(week), lang))


def iso_monday(week: str) -> dt.date:
    year, number = week.split("-W")
    return dt.date.fromisocalendar(int(year), int(number), 1)


def placement_week(week: str, placement_start: dt.date) -> int:
    """The placement's number of an ISO week (week 1 holds the first day)."""
    first = placement_start - dt.timedelta(days=placement_start.weekday())
    return (iso_monday(week) - first).days // 7 + 1


def intern_changes(project: Any, doc: Any, page: str, lang: str = "id") -> str:
    """The section listing the chapters, logbook weeks and cases changed since the review's
    basis; empty when the review recorded none."""
    changes = changes_since(doc, project)
    if changes is None:
        return ""
    made = doc.review.basis.made
    since = (say("changes.since_bundle", lang, date=format_date(made, lang)) if made
             else say("changes.since_review", lang))
    title = f"## {say('changes.title', lang)}"
    if not changes.count:
        return paragraphs(title, say("changes.nothing", lang, since=since))
    lines = [say("changes.compared", lang, since=since, count=count_text(changes, lang))]
    lines += [f"- {say('changes.chapter', lang, title=cell(chapter_title(stem, doc.chapters.get(stem))))}"
              for stem in changes.chapters]
    start = doc.intern.placement.start
    lines += [f"- {say('changes.week', lang, week=week_label(week, start, lang))}"
              for week in changes.weeks]
    lines += [
        f"- {say('changes.case', lang, link=f'[{case_id}]({relative_link(page, CASE_PAGE.format(case_id))})')}"
        for case_id in changes.cases
    ]
    return paragraphs(title, "\n".join(lines[:1]), "\n".join(lines[1:]))


def count_text(changes: Changes, lang: str = "id") -> str:
    parts = [("changes.chapters", len(changes.chapters)), ("changes.weeks", len(changes.weeks)),
             ("changes.cases", len(changes.cases))]
    shown = ", ".join(say(key, lang, n=n) for key, n in parts if n)
    return say("changes.changed", lang, parts=shown)


def cohort_changes(project: Any, page: str, lang: str = "id") -> str:
    """Per intern with a recorded basis, how much changed since (a line each)."""
    lines = []
    for doc in project.sorted_interns():
        changes = changes_since(doc, project)
        if changes is None:
            continue
        link = relative_link(page, REVIEW_PAGE.format(doc.intern.id))
        text = count_text(changes, lang) if changes.count else say("changes.none", lang)
        lines.append(f"- [{cell(doc.intern.name)}]({link}): {text}")
    if not lines:
        return ""
    return paragraphs(f"## {say('changes.title', lang)}", "\n".join(lines))


# ---------------------------------------------------------------- marks on the pages


def change_mark(lang: str) -> str:
    """The visible marker under a changed part's heading (text, so every reader gets it)."""
    return f"**{say('changes.badge', lang)}**\n{{: .{MARK_CLASS} data-search-exclude }}"


def mark_changes(project: Any, pages: dict[str, str], lang: str | None = None) -> dict[str, str]:
    """``pages`` with a mark under the heading of every case, logbook week and report chapter
    changed since its intern's last review (pages not given are left alone)."""
    lang = page_language(project, lang)
    marked = dict(pages)
    for intern_id, doc in project.interns.items():
        changes = changes_since(doc, project)
        if not changes or not changes.count:
            continue
        for case_id in changes.cases:
            _mark(marked, CASE_PAGE.format(case_id), _title_line, lang)
        start = doc.intern.placement.start
        weeks = {placement_week(week, start) for week in changes.weeks}
        _mark(marked, INTERN_PAGE.format(intern_id), _week_lines(weeks), lang)
        parts = {REPORT_PART.get(_NUMBER.sub("", stem)) for stem in changes.chapters}
        _mark(marked, REPORT_PAGE.format(intern_id), _part_lines(parts - {None}), lang)
        titles = {f"### {cell(chapter_title(s, doc.chapters.get(s)))}" for s in changes.chapters}
        _mark(marked, REVIEW_PAGE.format(intern_id), titles.__contains__, lang)
    return marked


def _mark(pages: dict[str, str], path: str, heading: Any, lang: str) -> None:
    """Put the mark under every line of ``pages[path]`` for which ``heading(line)`` holds."""
    if path not in pages:
        return
    lines = pages[path].split("\n")
    out, done = [], False
    for line in lines:
        out.append(line)
        if not done and heading(line):
            out += ["", change_mark(lang), ""]
            done = heading is _title_line
    pages[path] = "\n".join(out)


def _title_line(line: str) -> bool:
    return line.startswith("# ")


def _week_lines(weeks: set[int]) -> Any:
    pattern = re.compile(r"^### (?:Minggu ke-|Week )(\d+):")

    def matches(line: str) -> bool:
        found = pattern.match(line)
        return bool(found) and int(found.group(1)) in weeks
    return matches


def _part_lines(parts: set[str]) -> Any:
    return lambda line: line.startswith("## ") and any(
        line[3:].startswith(part) or line[3:] == part.strip() for part in parts)
