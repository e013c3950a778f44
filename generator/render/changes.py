"""What changed since the last review: the section of an intern's review page and the cohort
count. The comparison itself is ``generator.model.changes``."""

from __future__ import annotations

import datetime as dt
from typing import Any

from generator.model.changes import Changes, changes_since
from generator.render.text import cell, format_date, paragraphs, relative_link

REVIEW_PAGE = "telaah/{}.md"
CASE_PAGE = "kasus/{}.md"
TITLE = "## Berubah sejak telaah terakhir"


def week_label(week: str, placement_start: dt.date) -> str:
    """``2025-W12`` as the placement's own name for it: ``Minggu ke-5 (17–23 Mar 2025)``."""
    year, number = week.split("-W")
    monday = dt.date.fromisocalendar(int(year), int(number), 1)
    first = placement_start - dt.timedelta(days=placement_start.weekday())
    return f"Minggu ke-{(monday - first).days // 7 + 1} ({format_date(monday)})"


def intern_changes(project: Any, doc: Any, page: str) -> str:
    """The section listing the chapters, logbook weeks and cases changed since the review's
    basis; empty when the review recorded none."""
    changes = changes_since(doc, project)
    if changes is None:
        return ""
    made = doc.review.basis.made
    since = f"bundel telaah {format_date(made)}" if made else "telaah terakhir"
    if not changes.count:
        return paragraphs(TITLE, f"Tidak ada yang berubah sejak {since}.")
    lines = [f"Dibanding {since}: {count_text(changes)}."]
    lines += [f"- Bab `{cell(stem)}`" for stem in changes.chapters]
    start = doc.intern.placement.start
    lines += [f"- Logbook {week_label(week, start)}" for week in changes.weeks]
    lines += [
        f"- Kasus [{case_id}]({relative_link(page, CASE_PAGE.format(case_id))})"
        for case_id in changes.cases
    ]
    return paragraphs(TITLE, "\n".join(lines[:1]), "\n".join(lines[1:]))


def count_text(changes: Changes) -> str:
    parts = [(len(changes.chapters), "bab"), (len(changes.weeks), "minggu logbook"),
             (len(changes.cases), "kasus")]
    return ", ".join(f"{n} {what}" for n, what in parts if n) + " berubah"


def cohort_changes(project: Any, page: str) -> str:
    """Per intern with a recorded basis, how much changed since (a line each)."""
    lines = []
    for doc in project.sorted_interns():
        changes = changes_since(doc, project)
        if changes is None:
            continue
        link = relative_link(page, REVIEW_PAGE.format(doc.intern.id))
        text = count_text(changes) if changes.count else "tidak ada yang berubah"
        lines.append(f"- [{cell(doc.intern.name)}]({link}): {text}")
    if not lines:
        return ""
    return paragraphs(TITLE, "\n".join(lines))
