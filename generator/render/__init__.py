"""Rendering: project data to Markdown pages (pure functions, no I/O, no site engine).

Every page producer returns ``dict[str, str]``: docs-relative path → Markdown. This package
produces the review site's own pages (``review_pages``): one narrative per case, one page per
intern, the index pages and the office page.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.render import indexes
from generator.render.casenav import case_nav, neighbours, with_case_nav
from generator.render.intern import intern_page
from generator.render.narrative import case_page, render_narrative
from generator.render.text import (
    case_page_path,
    intern_page_path,
    page_language,
    project_relative,
)

if TYPE_CHECKING:
    from generator.model.project import CaseDoc, Project

__all__ = ["affected_review_pages", "render_narrative", "review_page_makers", "review_pages"]


def review_page_makers(project: Project, lang: str | None = None) -> dict[str, Callable[[], str]]:
    """Every review page as path → a function that renders it (nothing is rendered yet)."""
    lang = page_language(project, lang)
    makers: dict[str, Callable[[], str]] = {
        indexes.CASES_INDEX: lambda: indexes.cases_by_status(project, lang),
        indexes.CASES_BY_CATEGORY: lambda: indexes.cases_by_category(project, lang),
        indexes.CASES_BY_INTERN: lambda: indexes.cases_by_intern(project, lang),
        indexes.INTERNS_INDEX: lambda: indexes.interns_index(project, lang),
        indexes.OFFICE_PAGE: lambda: indexes.office_page(project, lang),
    }
    for doc in project.sorted_cases():
        makers[case_page_path(doc.case.case_id)] = _bind(_navigable_case_page, doc, project, lang)
    for doc in project.sorted_interns():
        makers[intern_page_path(doc.intern.id)] = _bind(intern_page, doc, project, lang)
    return makers


def _navigable_case_page(doc: CaseDoc, project: Project, lang: str) -> str:
    return with_case_nav(case_page(doc, project, lang), case_nav(project, doc, lang))


def _bind(function: Callable[..., str], *args: Any) -> Callable[[], str]:
    return lambda: function(*args)


# Runs page makers: (path → maker, the paths wanted in order) → path → page.
MakePages = Callable[[Mapping[str, Callable[[], str]], Sequence[str]], dict[str, str]]


def review_pages(
    project: Project,
    *,
    lang: str | None = None,
    only: Collection[str] | None = None,
    without: Collection[str] = (),
    make: MakePages | None = None,
) -> dict[str, str]:
    """The review site's pages; with ``only``, just those of the given paths that exist;
    never those in ``without``. ``make`` runs the pages' makers (by default, one by one)."""
    makers = review_page_makers(project, lang)
    wanted = set(makers) if only is None else set(only) & set(makers)
    paths = sorted(wanted - set(without))
    if make is not None:
        return make(makers, paths)
    return {path: makers[path]() for path in paths}



# ---------------------------------------------------------------- what a change affects (serve)


def affected_review_pages(changed: Iterable[Path], old: Any, new: Any) -> set[str] | None:
    """Review pages to re-render after files changed; None means every page.

    A case file → its page (old and new id), the index pages and its authors' pages (old and
    new). An intern's file → the intern's page, the index pages and the pages of their cases.
    office.yaml, settings or taxonomies → everything. Other files (content/) → nothing here.
    """
    pages: set[str] = set()
    for path in changed:
        found = _affected_by(Path(path), old, new)
        if found is None:
            return None
        pages |= found
    return pages


def _affected_by(path: Path, old: Any, new: Any) -> set[str] | None:
    relative = project_relative(path, new.root)
    if relative is None or relative.parts[:1] == ("content",):
        return set()
    if relative.parts[0] == "cases":
        return _case_pages(path, old, new)
    if relative.parts[0] == "interns" and len(relative.parts) > 1:
        return _intern_pages(relative.parts[1], old, new)
    return None if relative.suffix in (".yaml", ".yml") else set()


def _case_pages(path: Path, old: Any, new: Any) -> set[str]:
    pages = set(indexes.INDEX_PAGES)
    target = path.resolve()
    for project in (old, new):
        for doc in project.cases.values():
            if doc.path.name == path.name and doc.path.resolve() == target:
                pages.add(case_page_path(doc.case.case_id))
                pages |= {intern_page_path(a) for a in doc.case.record.authors}
    pages.add(case_page_path(path.stem))  # a deleted or renamed file
    around = [neighbours(project, path.stem) for project in (old, new)]
    if around[0] != around[1] or path.stem not in old.cases or path.stem not in new.cases:
        pages |= {case_page_path(n) for pair in around for n in pair if n}  # previous/next links
    return pages


def _intern_pages(intern_id: str, old: Any, new: Any) -> set[str]:
    pages = set(indexes.INDEX_PAGES) | {intern_page_path(intern_id)}
    for project in (old, new):
        pages |= {
            case_page_path(doc.case.case_id)
            for doc in project.cases.values()
            if intern_id in doc.case.record.authors
        }
    return pages
