"""The intern page: profile, placement, supervisors, cases, logbook by week, reflections."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from itertools import groupby
from typing import TYPE_CHECKING, Any

from generator.render.indexes import case_table, intern_hours
from generator.render.text import (
    Raw,
    Voice,
    case_page_path,
    cell,
    format_day_short,
    format_month,
    id_link,
    intern_page_path,
    markdown_note,
    paragraphs,
    people_names,
    sentence,
    table,
)

if TYPE_CHECKING:
    from generator.model.project import InternDoc, Project


WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def intern_page(doc: InternDoc, project: Project, lang: str = "id") -> str:
    """``mahasiswa/<id>.md`` for one intern."""
    v = Voice(lang, project.taxonomy, doc.intern.id, people_names(project))
    page = intern_page_path(doc.intern.id)
    blocks = [
        f"# {cell(doc.intern.name)}",
        intern_lead(doc, project, v),
        summary_box(doc, project, v),
        *programme_section(doc, v),
        *placement_section(doc, v),
        *supervisors_section(doc, project, v),
        *cases_section(doc, project, v, page),
        *logbook_section(doc, project, v, page),
        *reflections_section(doc, v),
    ]
    return paragraphs(*blocks) + "\n"


def intern_lead(doc: InternDoc, project: Project, v: Voice) -> str:
    intern = doc.intern
    number = (
        v.say("intern.student_number", number=cell(intern.student_number))
        if intern.student_number
        else ""
    )
    faculty = f", {cell(intern.faculty)}" if intern.faculty else ""
    first = v.say(
        "intern.lead",
        programme_of_study=cell(intern.study_programme) + faculty,
        university=cell(intern.university),
        student_number=number,
    )
    office = cell(project.office.name) if project.office else ""
    placement = intern.placement
    second = v.say(
        "intern.placement",
        unit=cell(placement.unit),
        office=office,
        role=cell(placement.role),
        period=v.range(placement.start, placement.end),
    )
    title = (
        v.say("intern.report_title", title=cell(intern.report_title)) if intern.report_title else ""
    )
    return " ".join(filter(None, [first, second, title]))


def authored_cases(doc: InternDoc, project: Project) -> list[Any]:
    return project.cases_of(doc.intern.id)


def summary_box(doc: InternDoc, project: Project, v: Voice) -> str:
    lines = [cases_summary(doc, project, v), logbook_summary(doc, v), credit_hours(doc, v)]
    body = "\n".join(f"    - {line}" for line in lines if line)
    return f'!!! info "{v.say("intern.summary")}"\n\n{body}'


def cases_summary(doc: InternDoc, project: Project, v: Voice) -> str:
    cases = authored_cases(doc, project)
    if not cases:
        return v.say("intern.summary_no_cases")
    detail = count_by(v, "case_status", [c.case.record.status for c in cases])
    return v.say("intern.summary_cases", total=len(cases), detail=detail)


def count_by(v: Voice, vocab: str, codes: list[str]) -> str:
    """``3 divalidasi, 1 diajukan`` in vocabulary order."""
    order = v.taxonomy.codes(vocab)
    return ", ".join(
        f"{codes.count(code)} {v.term(vocab, code)}" for code in order if code in codes
    )


def logbook_summary(doc: InternDoc, v: Voice) -> str:
    entries = doc.logbook.entries
    if not entries:
        return ""
    detail = count_by(v, "logbook_validation", [e.validation.status for e in entries])
    return v.say(
        "intern.summary_logbook",
        entries=len(entries),
        hours=v.hours(intern_hours(doc)),
        detail=detail,
    )


def credit_hours(doc: InternDoc, v: Voice) -> str:
    programme = doc.intern.programme
    credits = sum(course.credits for course in programme.courses)
    if not credits:
        return ""
    return v.say(
        "intern.summary_credit_hours",
        hours=v.hours(intern_hours(doc)),
        target=credits * programme.hours_per_credit,
        credits=credits,
        per_credit=programme.hours_per_credit,
    )


# ---------------------------------------------------------------- programme, placement, supervisors


def programme_section(doc: InternDoc, v: Voice) -> list[str]:
    programme = doc.intern.programme
    blocks = [f"## {v.say('intern.heading.programme')}", programme_sentence(programme, v)]
    if programme.courses:
        credits = sum(course.credits for course in programme.courses)
        rows = [(course.code, course.name, course.credits) for course in programme.courses]
        header = [v.say("col.code"), v.say("col.course"), v.say("col.credits")]
        blocks += [v.say("intern.courses", credits=credits), table(header, rows)]
    return blocks


def programme_sentence(programme: Any, v: Voice) -> str:
    """``Kind: name (angkatan 8).`` without repeating what the name already says."""
    kind, name = v.label("internship_program", programme.kind), cell(programme.name)
    title = (
        name if kind.lower() in name.lower() or name.lower() in kind.lower() else f"{kind}: {name}"
    )
    batch = cell(programme.batch) if programme.batch else ""
    if batch and batch not in name.split():
        return v.say("intern.programme", name=title, batch=v.say("intern.batch", batch=batch))
    return v.say("intern.programme", name=title, batch="")


def working_days(days: list[str], v: Voice) -> str:
    """``Senin–Jumat`` for a run of three or more days, else the days listed."""
    indices = sorted(WEEKDAYS.index(day) for day in set(days))
    names = [v.say(f"weekday.{WEEKDAYS[i]}") for i in indices]
    if len(indices) >= 3 and indices == list(range(indices[0], indices[-1] + 1)):
        return f"{names[0]}–{names[-1]}"
    return v.join(names)


def placement_section(doc: InternDoc, v: Voice) -> list[str]:
    placement = doc.intern.placement
    days = working_days(placement.working_days, v)
    hours = v.say("intern.hours_per_day_value", hours=v.hours(placement.hours_per_day), days=days)
    rows = [
        ("intern.unit", cell(placement.unit)),
        ("intern.role", cell(placement.role)),
        ("intern.period", v.range(placement.start, placement.end)),
        ("intern.hours_per_day", hours),
    ]
    return [
        f"## {v.say('intern.heading.placement')}",
        "\n".join(f"- **{v.say(key)}:** {value}" for key, value in rows),
    ]


def supervisors_section(doc: InternDoc, project: Project, v: Voice) -> list[str]:
    supervisors = doc.intern.supervisors
    lines = [f"- **{v.say('intern.academic')}:** {person_text(p, v)}" for p in supervisors.academic]
    staff = {person.id: person for person in (project.office.staff if project.office else [])}
    field = [person_text(staff[i], v) if i in staff else cell(i) for i in supervisors.field]
    lines.append(f"- **{v.say('intern.field')}:** {v.join(field) or v.say('intern.no_field')}")
    if supervisors.head_of_programme:
        lines.append(
            f"- **{v.say('intern.head')}:** {person_text(supervisors.head_of_programme, v)}"
        )
    return [f"## {v.say('intern.heading.supervisors')}", "\n".join(lines)]


def person_text(person: Any, v: Voice) -> str:
    extras = [cell(person.title)] if person.title else []
    if person.staff_number:
        extras.append(v.say("intern.staff_number", number=cell(person.staff_number)))
    return cell(person.name) + (f" ({', '.join(extras)})" if extras else "")


# ---------------------------------------------------------------- cases


def cases_section(doc: InternDoc, project: Project, v: Voice, page: str) -> list[str]:
    cases = authored_cases(doc, project)
    blocks = [f"## {v.say('intern.heading.cases')}"]
    if cases:
        blocks.append(case_table(cases, project, v, page, ("interns",)))
    else:
        blocks.append(v.say("intern.no_cases"))
    authored = {c.case.case_id for c in cases}
    linked = sorted({cid for e in doc.logbook.entries for cid in e.cases} - authored)
    if linked:
        links = [case_link(cid, project, page) for cid in linked]
        blocks.append(v.say("intern.cases_linked", cases=v.join(links)))
    return blocks


def case_link(case_id: str, project: Project, page: str) -> str:
    return (
        id_link(case_id, page, case_page_path(case_id))
        if case_id in project.cases
        else cell(case_id)
    )


# ---------------------------------------------------------------- logbook


def week_start(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def logbook_section(doc: InternDoc, project: Project, v: Voice, page: str) -> list[str]:
    entries = sorted(doc.logbook.entries, key=lambda e: (e.date, e.activity, e.description))
    heading = f"## {v.say('intern.heading.logbook')}"
    if not entries:
        return [heading, v.say("intern.logbook_empty")]
    weeks = [
        (start, list(group)) for start, group in groupby(entries, key=lambda e: week_start(e.date))
    ]
    intro = v.say(
        "intern.logbook_intro",
        entries=len(entries),
        hours=v.hours(intern_hours(doc)),
        weeks=len(weeks),
    )
    first = week_start(doc.intern.placement.start)
    blocks = [heading, intro]
    for start, group in weeks:
        blocks += week_block(start, group, first, project, v, page)
    return blocks


def week_block(
    start: dt.date, entries: list[Any], first: dt.date, project: Project, v: Voice, page: str
) -> list[str]:
    number = (start - first).days // 7 + 1
    hours = sum(entry.hours for entry in entries)
    title = v.say(
        "intern.week",
        n=number,
        range=v.range(start, start + dt.timedelta(days=6)),
        hours=v.hours(hours),
    )
    header = [
        v.say(f"col.{k}")
        for k in ("date", "activity", "description", "hours", "cases", "validation")
    ]
    rows = [entry_row(entry, project, v, page) for entry in entries]
    return [f"### {title}", table(header, rows)]


def entry_row(entry: Any, project: Project, v: Voice, page: str) -> list[Any]:
    description = " ".join(
        filter(
            None,
            [
                cell(entry.description),
                f"*{v.say('intern.place', place=cell(entry.location))}*" if entry.location else "",
                f"*{v.say('intern.output', output=sentence(entry.output))}*"
                if entry.output
                else "",
            ],
        )
    )
    cases = v.join([case_link(cid, project, page) for cid in entry.cases])
    return [
        format_day_short(entry.date, v.lang),
        v.label("activity_type", entry.activity),
        Raw(description),
        v.hours(entry.hours),
        Raw(cases) if cases else None,
        validation_text(entry.validation, v),
    ]


def validation_text(validation: Any, v: Voice) -> str:
    text = v.label("logbook_validation", validation.status)
    return f"{text}: {validation.note}" if validation.note else text


# ---------------------------------------------------------------- reflections


def reflections_section(doc: InternDoc, v: Voice) -> list[str]:
    reflections = sorted(doc.intern.reflections, key=lambda r: r.period)
    blocks = [f"## {v.say('intern.heading.reflections')}"]
    if not reflections:
        return blocks + [v.say("intern.no_reflections")]
    for reflection in reflections:
        blocks += [
            f"### {format_month(reflection.period, v.lang)}",
            *reflection_parts(reflection, v),
        ]
    return blocks


def reflection_parts(reflection: Any, v: Voice) -> Iterable[str]:
    for key in ("learned", "obstacles", "solutions"):
        text = getattr(reflection, key)
        if text:
            yield f"**{v.say('intern.' + key)}.** {markdown_note(text)}"
