"""Index pages (cases by status, category and intern; interns), the office page, the nav.

The navigation lists the home page, sections and index pages only — never one entry per case
or intern: a nav that lists every page makes a Material build quadratic (``ssg-perf.md``).
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from generator.model.facts import current_stage
from generator.render.text import (
    Raw,
    Voice,
    case_page_path,
    cell,
    format_date_short,
    format_hours,
    id_link,
    intern_page_path,
    md_link,
    paragraphs,
    people_names,
    phrasebook,
    table,
)

if TYPE_CHECKING:
    from generator.model.project import CaseDoc, InternDoc, Project
    from generator.model.records import Office


CASES_INDEX = "kasus/index.md"
CASES_BY_CATEGORY = "kasus/kategori.md"
CASES_BY_INTERN = "kasus/mahasiswa.md"
INTERNS_INDEX = "mahasiswa/index.md"
OFFICE_PAGE = "kantor.md"
HOME_PAGE = "index.md"
INDEX_PAGES = (CASES_INDEX, CASES_BY_CATEGORY, CASES_BY_INTERN, INTERNS_INDEX, OFFICE_PAGE)

# Sections of the nav, in this order; other folders follow alphabetically.
SECTION_ORDER = ("kasus", "mahasiswa", "statistik", "laporan", "cerita")
NAV_TITLES = {OFFICE_PAGE: "nav.office"}
SECTION_LIMIT = 10  # more pages than this in a folder with an index.md: only the index is listed


def voice(project: Project, lang: str) -> Voice:
    return Voice(lang, project.taxonomy, "index", people_names(project))


# ---------------------------------------------------------------- case rows


CASE_COLUMNS = ("case", "client", "category", "status", "stage", "intake", "interns", "review")


def case_row(doc: CaseDoc, project: Project, v: Voice, page: str, keys: list[str]) -> list[Any]:
    """One table row about a case, with the columns named by keys."""
    case = doc.case
    values = {
        "case": lambda: Raw(id_link(case.case_id, page, case_page_path(case.case_id))),
        "client": lambda: case.client.alias,
        "category": lambda: v.label("ppks", case.classification.ppks),
        "status": lambda: v.label("case_status", case.record.status),
        "stage": lambda: v.label("stage", current_stage(case, project.taxonomy)),
        "intake": lambda: format_date_short(case.intake.date, v.lang),
        "interns": lambda: Raw(
            v.join([intern_link(a, project, page) for a in case.record.authors])
        ),
        "review": lambda: v.label("review_status", case.record.review.status),
    }
    return [values[key]() for key in keys]


def case_table(docs: list[CaseDoc], project: Project, v: Voice, page: str, skip: Iterable[str] = ()) -> str:
    keys = [key for key in CASE_COLUMNS if key not in skip]
    header = [v.say(f"col.{key}") for key in keys]
    return table(header, [case_row(doc, project, v, page, keys) for doc in docs])


def intern_link(intern_id: str, project: Project, page: str) -> str:
    doc = project.interns.get(intern_id)
    return md_link(doc.intern.name, page, intern_page_path(intern_id)) if doc else cell(intern_id)


# ---------------------------------------------------------------- cases by status, category, intern


def cases_by_status(project: Project, lang: str) -> str:
    v, page = voice(project, lang), CASES_INDEX
    docs = project.sorted_cases()
    by_status = grouped(docs, lambda d: d.case.record.status)
    statuses = [s for s in project.taxonomy.codes("case_status") if s in by_status]
    counts = [f"{len(by_status[s])} {v.term('case_status', s)}" for s in statuses]
    lead = (
        v.say(
            "index.cases_lead",
            total=v.counted("count.case", len(docs)),
            detail=", ".join(counts),
            by_category="kategori.md",
            by_intern="mahasiswa.md",
        )
        if docs
        else v.say("index.cases_none")
    )
    sections = [
        grouped_section(
            v.label("case_status", s),
            by_status[s],
            project,
            v,
            page,
            ("status",),
        )
        for s in statuses
    ]
    return paragraphs(f"# {v.say('index.cases_title')}", lead, *sections) + "\n"


def grouped(docs: list[CaseDoc], key: Callable[[CaseDoc], str]) -> dict[str, list[CaseDoc]]:
    """The cases by ``key``, each group in the order of ``docs``: one pass over them all."""
    groups: dict[str, list[CaseDoc]] = {}
    for doc in docs:
        groups.setdefault(key(doc), []).append(doc)
    return groups


def grouped_section(
    title: str, docs: list[CaseDoc], project: Project, v: Voice, page: str, skip: Iterable[str]
) -> str:
    return paragraphs(f"## {cell(title)} ({len(docs)})", case_table(docs, project, v, page, skip))


def cases_by_category(project: Project, lang: str) -> str:
    v, page = voice(project, lang), CASES_BY_CATEGORY
    docs = project.sorted_cases()
    by_code = grouped(docs, lambda d: d.case.classification.ppks)
    codes = [c for c in project.taxonomy.codes("ppks") if c in by_code]
    sections = [
        grouped_section(
            v.label("ppks", code),
            by_code[code],
            project,
            v,
            page,
            ("category",),
        )
        for code in codes
    ]
    lead = v.say("index.by_category_lead") if docs else v.say("index.cases_none")
    return paragraphs(f"# {v.say('index.by_category_title')}", lead, *sections) + "\n"


def cases_by_intern(project: Project, lang: str) -> str:
    v, page = voice(project, lang), CASES_BY_INTERN
    docs = project.sorted_cases()
    sections = []
    for intern in sorted(project.sorted_interns(), key=lambda d: (d.intern.name, d.intern.id)):
        mine = project.cases_of(intern.intern.id)
        if mine:
            link = md_link(intern.intern.name, page, intern_page_path(intern.intern.id))
            heading = f"## {link} ({len(mine)})"
            sections.append(paragraphs(heading, case_table(mine, project, v, page, ("interns",))))
    lead = v.say("index.by_intern_lead") if docs else v.say("index.cases_none")
    return paragraphs(f"# {v.say('index.by_intern_title')}", lead, *sections) + "\n"


# ---------------------------------------------------------------- interns


def intern_hours(doc: InternDoc) -> float:
    return sum(entry.hours for entry in doc.logbook.entries)


def interns_index(project: Project, lang: str) -> str:
    v, page = voice(project, lang), INTERNS_INDEX
    interns = sorted(project.sorted_interns(), key=lambda d: (d.intern.name, d.intern.id))
    if not interns:
        return paragraphs(f"# {v.say('index.interns_title')}", v.say("index.interns_none")) + "\n"
    rows = [intern_row(doc, project, v, page) for doc in interns]
    header = [
        v.say(f"col.{k}")
        for k in ("name", "university", "programme", "period", "cases", "logbook_hours", "review")
    ]
    office = project.office.name if project.office else ""
    lead = v.say("index.interns_lead", total=len(interns), office=cell(office))
    return paragraphs(f"# {v.say('index.interns_title')}", lead, table(header, rows)) + "\n"


def intern_row(doc: InternDoc, project: Project, v: Voice, page: str) -> list[Any]:
    intern = doc.intern
    cases = len(project.cases_of(intern.id))
    return [
        Raw(md_link(intern.name, page, intern_page_path(intern.id))),
        intern.university,
        v.label("internship_program", intern.programme.kind),
        v.range(intern.placement.start, intern.placement.end),
        cases,
        format_hours(intern_hours(doc), v.lang),
        Raw(md_link(v.say("col.review"), page, f"telaah/{intern.id}.md")),
    ]


# ---------------------------------------------------------------- office


def office_page(project: Project, lang: str) -> str:
    v = voice(project, lang)
    office = project.office
    if office is None:
        return paragraphs(f"# {v.say('office.missing_title')}", v.say("office.missing")) + "\n"
    lead = v.say(
        "office.lead",
        division=cell(office.division),
        city=cell(office.city),
        province=cell(office.province),
    )
    blocks = [f"# {cell(office.name)}", f"**{lead}**", (office.about or "").strip()]
    if office.vision:
        blocks += [f"## {v.say('office.heading.vision')}", cell(office.vision)]
    if office.mission:
        blocks += [
            f"## {v.say('office.heading.mission')}",
            "\n".join(f"{i}. {cell(m)}" for i, m in enumerate(office.mission, 1)),
        ]
    if office.services:
        blocks += [
            f"## {v.say('office.heading.services')}",
            "\n".join(f"- {cell(s)}" for s in office.services),
        ]
    blocks += office_contact(office, v) + office_staff(project, v)
    return paragraphs(*blocks) + "\n"


def office_contact(office: Office, v: Voice) -> list[str]:
    lines = [
        f"- **{v.say(key)}:** {cell(value)}"
        for key, value in (("office.address", office.address), ("office.phone", office.phone))
        if value
    ]
    return [f"## {v.say('office.heading.contact')}", "\n".join(lines)] if lines else []


def office_staff(project: Project, v: Voice) -> list[str]:
    staff = project.office.staff
    if not staff:
        return []
    rows = []
    for person in staff:
        interns = [d for d in project.sorted_interns() if person.id in d.intern.supervisors.field]
        links = v.join(
            [md_link(d.intern.name, OFFICE_PAGE, intern_page_path(d.intern.id)) for d in interns]
        )
        cases = sum(d.case.record.field_supervisor == person.id for d in project.sorted_cases())
        rows.append((person.name, person.title, Raw(links) if links else None, cases))
    header = [v.say(f"col.{k}") for k in ("name", "position", "supervisees", "cases")]
    return [f"## {v.say('office.heading.staff')}", table(header, rows)]


# ---------------------------------------------------------------- home page and navigation


def fallback_home(project: Project, lang: str) -> str:
    """A minimal home page, used only when content/ has no index.md."""
    v = voice(project, lang)
    office = project.office.name if project.office else "Casebook"
    return (
        paragraphs(
            f"# {v.say('home.title')}", v.say("home.lead", office=cell(office)), v.say("home.links")
        )
        + "\n"
    )


def build_nav(pages: Iterable[str], project: Project, lang: str) -> list:
    """Home, then one section per folder (its index first), then other top-level pages.

    Pages named after a case or an intern (``kasus/K-2025-0001.md``, ``laporan/<intern>.md``)
    and pages deeper than one folder stay out of the nav; index pages link to them.
    """
    v = voice(project, lang)
    records = set(project.cases) | set(project.interns)
    listed = sorted(p for p in pages if p.endswith(".md") and not is_record_page(p, records))
    top = [p for p in listed if "/" not in p]
    folders = sorted({p.split("/")[0] for p in listed if p.count("/") == 1}, key=section_key)
    nav: list = [{v.say("nav.home"): HOME_PAGE}] if HOME_PAGE in top else []
    for folder in folders:
        members = sorted((p for p in listed if posixpath.dirname(p) == folder), key=index_first)
        if len(members) > SECTION_LIMIT and members[0] == f"{folder}/index.md":
            members = members[:1]  # a long section shows its index page, which links onward
        nav.append({section_title(folder, v): members})
    nav += [nav_entry(page, v) for page in top if page != HOME_PAGE]
    return nav


def nav_entry(page: str, v: Voice) -> str | dict:
    """A top-level page: titled from the phrasebook when known, else by its own heading."""
    return {v.say(NAV_TITLES[page]): page} if page in NAV_TITLES else page


def is_record_page(page: str, records: set[str]) -> bool:
    stem = posixpath.splitext(posixpath.basename(page))[0]
    return stem in records or page.count("/") > 1


def section_key(folder: str) -> tuple[int, str]:
    return (SECTION_ORDER.index(folder) if folder in SECTION_ORDER else len(SECTION_ORDER), folder)


def index_first(page: str) -> tuple[bool, str]:
    return (posixpath.basename(page) != "index.md", page)


def section_title(folder: str, v: Voice) -> str:
    key = f"nav.{folder}"
    return v.say(key) if key in phrasebook() else folder.replace("-", " ").capitalize()
