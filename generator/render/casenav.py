"""The way around a case page: back to the list, the previous and next case, the intern.

Case pages are kept out of the site's navigation (there may be thousands), so Material gives
them no previous/next; this line, under the page's title, does.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from generator import words
from generator.render import indexes
from generator.render.text import case_page_path, intern_page_path, md_link

if TYPE_CHECKING:
    from generator.model.project import CaseDoc, Project

WORDS = words.catalogue(words.beside(__file__, "casenav.yaml"))


def neighbours(project: Project, case_id: str) -> tuple[str | None, str | None]:
    """The case ids before and after ``case_id`` in the project's case order."""
    return project.case_neighbours(case_id)


def case_nav(project: Project, doc: CaseDoc, lang: str) -> str:
    """``← Daftar kasus · ‹ K-… sebelumnya · K-… berikutnya › · Intern``."""
    case_id = doc.index.case_id
    page = case_page_path(case_id)
    before, after = neighbours(project, case_id)
    back, previous, following = (words.say(WORDS, key, lang) for key in ("back", "previous", "next"))
    parts = [f"← {md_link(back, page, indexes.CASES_INDEX)}"]
    if before:
        parts.append(f"‹ {md_link(before, page, case_page_path(before))} {previous}")
    if after:
        parts.append(f"{md_link(after, page, case_page_path(after))} {following} ›")
    for author in doc.index.authors:
        if author in project.interns:
            name = project.interns[author].intern.name
            parts.append(md_link(name, page, intern_page_path(author)))
    # Out of the search index: a query for a case id finds that case, not its neighbours.
    return " · ".join(parts) + "\n{: data-search-exclude }"


def with_case_nav(markdown: str, nav: str) -> str:
    """The page with the navigation line under its title (or first, if it has none)."""
    head, _, rest = markdown.partition("\n")
    if head.startswith("# "):
        return f"{head}\n\n{nav}\n\n{rest.lstrip(chr(10))}"
    return f"{nav}\n\n{markdown}"
