"""An intern's *laporan magang* (report mode) or journal-style article (article mode), as Markdown.

Pure: :func:`build_report` reads a loaded project and returns the Markdown, its title and author,
and the problems found on the way (citations that do not resolve, at the chapter's file:line).
Output follows the Markdown contract of ``generator.export.documents`` (numbers in the headings, ``# BAB``
chapters, ``[TOC]``, the title-page, signatures and references divs), so the same text is a page
of the review site and the source of the DOCX and PDF.

Where the text comes from:

* the intern's own prose, ``interns/<id>/chapters/<name>.md`` (a leading number such as
  ``01-`` is ignored): ``kata-pengantar``, ``pendahuluan`` (BAB I), ``profil-lembaga`` (more of
  BAB II), ``pelaksanaan`` (more of BAB III), ``studi-kasus`` (discussion after the case studies),
  ``penutup`` (BAB V); for the article also ``abstrak`` (with a ``Kata kunci:`` line), ``metode``,
  ``pembahasan`` and ``kesimpulan`` (``penutup`` when absent). Their headings are renumbered
  under the chapter (``## Latar Belakang`` → ``## 1.1 Latar Belakang``);
* generated sections: the title and approval pages, Waktu dan Tempat, the office profile
  (office.yaml), the weekly logbook table, obstacles and solutions from the monthly reflections,
  the case studies (the casework narrative of each case the intern authored, by alias only and
  without district or facility names), the reference list (APA 7) and the appendices.

Cases enter the case studies only with the client's consent to de-identified publication; the
article, which is published, leaves out children's cases as well. All cases count in the caseload
tables of the appendix.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from generator import escape
from generator.errors import CasebookError
from generator.escape import text as esc
from generator.problems import Problem
from generator.render.narrative import narrative_body
from generator.render.text import (
    Raw,
    Voice,
    case_page_path,
    cell,
    clause,
    format_date,
    format_hours,
    format_range,
    join_list,
    paragraphs,
    people_names,
    relative_link,
    sentence,
    table,
)
from generator.stats.completeness import intern_case_docs
from generator.validate.citations import Cited, reference_list, source_of
from generator.validate.review import chapter_citations, chapter_file, report_case_studies

if TYPE_CHECKING:
    from generator.model.project import InternDoc, Project
    from generator.model.records import (
        Case,
        Intern,
        LogEntry,
        Office,
        Placement,
        Programme,
        Reflection,
    )
    from generator.model.taxonomy import Taxonomy

MODES = ("report", "article")
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")
DAY_NAMES = {
    "mon": "Senin",
    "tue": "Selasa",
    "wed": "Rabu",
    "thu": "Kamis",
    "fri": "Jumat",
    "sat": "Sabtu",
    "sun": "Minggu",
}
REPORT_KIND = {"praktikum_peksos": "LAPORAN PRAKTIKUM", "pkl": "LAPORAN PRAKTIK KERJA LAPANGAN"}
NOT_WRITTEN = "*Bagian ini belum ditulis (chapters/{name}.md).*"
_HEADING = re.compile(r"^(#{1,6})[ \t]+(.*?)[ \t]*#*[ \t]*$")
_FENCE = re.compile(r"^\s*(```|~~~)")
_OWN_NUMBER = re.compile(r"^(?:BAB\s+[IVX]+\s+|\d+(?:\.\d+)*\.?\s+)", re.IGNORECASE)
_KEYWORDS = re.compile(
    r"^\s*\**\s*(?:kata\s+kunci|keywords)\s*\**\s*:\s*\**\s*(.*)$", re.IGNORECASE
)


@dataclass(frozen=True)
class Report:
    """A generated report: its Markdown, what the export needs, and the problems found."""

    intern_id: str
    mode: str
    markdown: str
    title: str
    author: str
    problems: tuple[Problem, ...]


class ReportError(CasebookError, ValueError):
    """The report cannot be built (unknown intern or mode)."""


@dataclass
class _Context:
    """What every section of one report reads, plus the chapters it used."""

    project: Project
    doc: InternDoc
    mode: str
    chapters: dict[str, Cited]
    used: list[str]
    page: str | None = None  # a site page: case studies link to the case pages from here

    @property
    def intern(self) -> Intern:
        return self.doc.intern

    @property
    def office(self) -> Office | None:
        return self.project.office

    @property
    def taxonomy(self) -> Taxonomy:
        return self.project.taxonomy


def build_report(
    project: Project, intern_id: str, *, mode: str = "report", page: str | None = None
) -> Report:
    """The report (or article) of one intern of a loaded project.

    ``page``: the report is that page of the review site, where each case study is a link to the
    case's own page (which tells it in full) instead of a second copy of its narrative; the
    DOCX/PDF (no ``page``) keeps every case study in full."""
    if intern_id not in project.interns:
        raise ReportError(f"mahasiswa '{intern_id}' tidak ditemukan / intern not found")
    if mode not in MODES:
        raise ReportError(f"mode '{mode}' tidak dikenal / unknown mode (report, article)")
    doc = project.interns[intern_id]
    context = _Context(project, doc, mode, _resolved_chapters(doc), [], page)
    parts = report_parts(context) if mode == "report" else article_parts(context)
    markdown = "\n\n".join(part.strip("\n") for part in parts if part and part.strip()) + "\n"
    return Report(
        intern_id,
        mode,
        markdown,
        report_title(doc.intern, project.office),
        doc.intern.name,
        tuple(_citation_problems(context)),
    )


def _resolved_chapters(doc: InternDoc) -> dict[str, Cited]:
    """Each chapter, front matter left out, with citations rendered."""
    return chapter_citations(doc)


def chapter_name(stem: str) -> str:
    """``01-pendahuluan`` → ``pendahuluan``."""
    return re.sub(r"^\d+[-_ ]*", "", stem)


def _chapter(context: _Context, *names: str) -> str | None:
    """The rendered prose of the first chapter present under one of the names."""
    for name in names:
        for stem in sorted(context.chapters):
            if chapter_name(stem) == name:
                if stem not in context.used:
                    context.used.append(stem)
                text = context.chapters[stem].text
                return text if text.strip() else None
    return None


def _citation_problems(context: _Context) -> list[Problem]:
    root = context.project.root
    problems = []
    for stem in sorted(context.used):
        for missing in context.chapters[stem].unresolved:
            problems.append(
                Problem.make(
                    chapter_file(context.doc, stem, root),
                    missing.line,
                    missing.column,
                    "",
                    "citation.unresolved",
                    key=missing.key,
                    dym="",
                )
            )
    return problems


# ---------------------------------------------------------------- headings


def renumber(
    prose: str,
    chapter: str | None,
    *,
    level: int = 2,
    first: int = 1,
    default_title: str | None = None,
) -> tuple[str, int]:
    """Shift the headings of an intern's prose under a chapter and number them.

    A leading ``#`` title is dropped; the shallowest heading becomes ``level`` and is numbered
    ``chapter.n`` from ``first`` (no numbers when chapter is None); prose without headings gets
    ``default_title``. Returns the Markdown and the next section number."""
    lines = _drop_title(prose.strip("\n").splitlines())
    headings = _heading_lines(lines)
    if not headings:
        if default_title is None:
            return "\n".join(lines).strip(), first
        lines = [f"{'#' * level} {_numbered(chapter, [first], default_title)}", "", *lines]
        return "\n".join(lines).strip(), first + 1
    top = min(len(_HEADING.match(lines[i]).group(1)) for i in headings)
    counters = [first - 1]
    for index in headings:
        marks, text = _HEADING.match(lines[index]).groups()
        depth = len(marks) - top
        counters = (counters + [0] * depth)[: depth + 1]
        counters[depth] += 1
        lines[index] = f"{'#' * min(level + depth, 6)} {_numbered(chapter, counters, text)}"
    return "\n".join(lines).strip(), counters[0] + 1


def _drop_title(lines: list[str]) -> list[str]:
    body = list(lines)
    while body and not body[0].strip():
        body.pop(0)
    if body and (match := _HEADING.match(body[0])) and len(match.group(1)) == 1:
        body.pop(0)
    return body


def _heading_lines(lines: list[str]) -> list[int]:
    """Indexes of ATX heading lines outside fenced code."""
    found, fenced = [], False
    for index, line in enumerate(lines):
        if _FENCE.match(line):
            fenced = not fenced
        elif not fenced and _HEADING.match(line):
            found.append(index)
    return found


def _numbered(chapter: str | None, counters: list[int], text: str) -> str:
    text = _OWN_NUMBER.sub("", text.strip())
    if chapter is None:
        return text
    return ".".join([chapter, *map(str, counters)]) + " " + text


class _Sections:
    """Numbered ``##`` sections of one chapter, appended in order."""

    def __init__(self, chapter: str):
        self.chapter = chapter
        self.next = 1
        self.blocks: list[str] = []

    def add(self, title: str, body: str) -> None:
        self.blocks.append(f"## {self.chapter}.{self.next} {title}\n\n{body.strip()}")
        self.next += 1

    def add_prose(self, prose: str | None, default_title: str) -> None:
        if prose and prose.strip():
            text, self.next = renumber(
                prose, self.chapter, first=self.next, default_title=default_title
            )
            self.blocks.append(text)

    def markdown(self, heading: str) -> str:
        return paragraphs(heading, *self.blocks)


# ---------------------------------------------------------------- report mode


def report_parts(context: _Context) -> list[str]:
    """Front matter, BAB I–V, Daftar Pustaka and Lampiran."""
    return [
        title_page(context),
        approval_page(context),
        foreword(context),
        "[TOC]",
        chapter_introduction(context),
        chapter_office(context),
        chapter_activities(context),
        chapter_cases(context),
        chapter_closing(context),
        bibliography(context),
        appendices(context),
    ]


def report_title(intern: Intern, office: Office | None) -> str:
    """The intern's title, or one naming the unit and the office."""
    if intern.report_title:
        return intern.report_title
    place = f" {office.name}" if office else ""
    return f"Pelaksanaan Magang di {intern.placement.unit}{place}"


def title_page(context: _Context) -> str:
    intern = context.intern
    lines = [
        f"**{REPORT_KIND.get(intern.programme.kind, 'LAPORAN MAGANG')}**",
        f"**{esc(report_title(intern, context.office).upper())}**",
        f"Disusun untuk memenuhi sebagian persyaratan {courses_phrase(intern.programme)}",
        "Oleh:",
        f"**{esc(intern.name)}**",
        f"NIM {esc(intern.student_number)}" if _shows_nim(context, "cover") else "",
        f"PROGRAM STUDI {esc(intern.study_programme.upper())}",
        esc(_faculty(intern).upper()),
        esc(intern.university.upper()),
        str(intern.placement.end.year),
    ]
    body = "\n\n".join(line for line in lines if line)
    return f'<div class="title-page" markdown="1">\n\n{body}\n\n</div>'


def _shows_nim(context: _Context, page: str) -> bool:
    """The student number is printed only on the pages casebook.yml `report.student_number` names."""
    return bool(context.intern.student_number) and page in context.project.settings.report.student_number


def _faculty(intern: Intern) -> str:
    faculty = intern.faculty or ""
    return (
        faculty if not faculty or faculty.lower().startswith("fakultas") else f"Fakultas {faculty}"
    )


def courses_phrase(programme: Programme) -> str:
    """``mata kuliah A, B, dan C (20 SKS)``, or the programme's name."""
    if not programme.courses:
        return f"program {esc(programme.name)}"
    names = join_list([esc(course.name) for course in programme.courses])
    credits = sum(course.credits for course in programme.courses)
    return f"mata kuliah {names} ({credits} SKS)"


def staff_label(number: str | None, default: str) -> str:
    """``NIP 1985…`` (18 digits), ``NIDN 0012…`` (10 digits), a dotted line when unknown."""
    if not number:
        return f"{default} " + "." * 24
    digits = re.sub(r"\D", "", number)
    kind = {18: "NIP", 10: "NIDN"}.get(len(digits), default)
    return f"{kind} {esc(number)}"


def signatories(context: _Context) -> list[tuple[str, str, str]]:
    """(role, name, staff number line) of each supervisor who signs the approval page."""
    academic = context.intern.supervisors.academic
    people = [
        (
            _ordinal_role("Dosen Pembimbing", i, len(academic)),
            esc(p.name),
            staff_label(p.staff_number, "NIDN"),
        )
        for i, p in enumerate(academic)
    ]
    staff = {person.id: person for person in context.office.staff} if context.office else {}
    field = context.intern.supervisors.field
    for i, person_id in enumerate(field):
        person = staff.get(person_id)
        name = esc(person.name if person else person_id)
        people.append(
            (
                _ordinal_role("Pembimbing Lapangan", i, len(field)),
                name,
                staff_label(person.staff_number if person else None, "NIP"),
            )
        )
    return people


def _ordinal_role(role: str, index: int, count: int) -> str:
    return f"{role} {ROMAN[index]}" if count > 1 else role


def approval_page(context: _Context) -> str:
    intern = context.intern
    kind = "laporan praktikum" if intern.programme.kind == "praktikum_peksos" else "laporan magang"
    nim = f" (NIM {esc(intern.student_number)})" if _shows_nim(context, "approval") else ""
    intro = (
        f"{kind.capitalize()} dengan judul *{esc(report_title(intern, context.office))}* yang "
        f"disusun oleh {esc(intern.name)}{nim} telah diperiksa dan disetujui untuk diajukan dalam seminar "
        f"hasil {kind.split()[1]}."
    )
    people = signatories(context)
    rows = [
        ["&nbsp;"] * len(people),
        ["&nbsp;"] * len(people),
        [name for _, name, _ in people],
        [number for _, _, number in people],
    ]
    grid = _plain_table([role for role, _, _ in people], rows)
    return paragraphs(
        "# LEMBAR PERSETUJUAN",
        intro,
        f'<div class="signatures" markdown="1">\n\n{grid}\n\n{_head_block(context)}\n\n</div>',
    )


def _head_block(context: _Context) -> str:
    head = context.intern.supervisors.head_of_programme
    if head is None:
        return ""
    return "\n\n".join(
        [
            "Mengetahui,",
            f"Ketua Program Studi {esc(context.intern.study_programme)}",
            "&nbsp;",
            "&nbsp;",
            esc(head.name),
            staff_label(head.staff_number, "NIDN"),
        ]
    )


def _plain_table(header: list[str], rows: list[list[str]]) -> str:
    """A table whose cells are already Markdown (signature blocks)."""
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    return "\n".join(lines + ["| " + " | ".join(row) + " |" for row in rows])


def foreword(context: _Context) -> str:
    prose = _chapter(context, "kata-pengantar")
    if not prose:
        return ""
    text, _ = renumber(prose, None)
    place = esc(context.office.city) if context.office else ""
    signed = f"{place}, {_month_year(context.intern.placement.end)}".strip(", ")
    return paragraphs("# KATA PENGANTAR", text, signed, "Penulis")


def _month_year(day: dt.date) -> str:
    return format_date(day).split(" ", 1)[1]


def chapter_introduction(context: _Context) -> str:
    sections = _Sections("1")
    prose = _chapter(context, "pendahuluan")
    sections.add_prose(prose, "Latar Belakang")
    if not prose:
        sections.add("Latar Belakang", NOT_WRITTEN.format(name="pendahuluan"))
    sections.add("Waktu dan Tempat", time_and_place(context))
    sections.add("Sistematika Laporan", report_outline())
    return sections.markdown("# BAB I PENDAHULUAN")


def time_and_place(context: _Context) -> str:
    intern, office = context.intern, context.office
    placement = intern.placement
    where = esc(f"{placement.unit} {office.name}" if office else placement.unit)
    address = f", {esc(office.address)}" if office and office.address else ""
    return paragraphs(
        f"Magang dilaksanakan dalam program {esc(intern.programme.name)} pada "
        f"{format_range(placement.start, placement.end)} di {where}{address}.",
        f"Kegiatan berlangsung pada hari kerja ({working_days_phrase(placement.working_days)}) "
        f"dengan {format_hours(placement.hours_per_day)} jam kerja per hari.",
    )


def working_days_phrase(days: Iterable[str]) -> str:
    """``Senin sampai Jumat`` for a run of days, else a list."""
    order = list(DAY_NAMES)
    chosen = sorted(days, key=order.index)
    indexes = [order.index(day) for day in chosen]
    if len(chosen) > 2 and indexes == list(range(indexes[0], indexes[-1] + 1)):
        return f"{DAY_NAMES[chosen[0]]} sampai {DAY_NAMES[chosen[-1]]}"
    return join_list([DAY_NAMES[day] for day in chosen])


REPORT_OUTLINE = (
    "Laporan ini terdiri atas lima bab:\n\n"
    "1. BAB I Pendahuluan: latar belakang, tujuan, serta waktu dan tempat magang.\n"
    "2. BAB II Profil Lembaga: gambaran umum, visi dan misi, serta layanan lembaga.\n"
    "3. BAB III Pelaksanaan Kegiatan: peran, kegiatan mingguan, kendala dan solusi.\n"
    "4. BAB IV Studi Kasus: penanganan kasus menurut tahapan pertolongan pekerjaan sosial.\n"
    "5. BAB V Penutup: kesimpulan dan saran."
)


def report_outline() -> str:
    return REPORT_OUTLINE


def chapter_office(context: _Context) -> str:
    office, sections = context.office, _Sections("2")
    if office is None:
        sections.add("Gambaran Umum", "*Profil lembaga belum tersedia (office.yaml).*")
        return sections.markdown("# BAB II PROFIL LEMBAGA")
    sections.add(
        "Gambaran Umum",
        escape.note(office.about)
        or esc(f"{office.name} berkedudukan di {office.city}, {office.province}."),
    )
    if office.vision or office.mission:
        sections.add("Visi dan Misi", vision_mission(office))
    if office.services:
        sections.add("Layanan", "\n".join(f"- {sentence(service)}" for service in office.services))
    sections.add("Unit Penempatan", unit_text(context))
    sections.add_prose(_chapter(context, "profil-lembaga"), "Profil Tambahan")
    return sections.markdown("# BAB II PROFIL LEMBAGA")


def vision_mission(office: Office) -> str:
    vision = f"**Visi.** {sentence(office.vision)}" if office.vision else ""
    missions = "\n".join(f"{i}. {sentence(m)}" for i, m in enumerate(office.mission, start=1))
    return paragraphs(vision, "**Misi.**" if missions else "", missions)


def unit_text(context: _Context) -> str:
    office, placement = context.office, context.intern.placement
    contact = [
        f"alamat {esc(office.address)}" if office.address else "",
        f"telepon {esc(office.phone)}" if office.phone else "",
    ]
    contact_text = join_list([c for c in contact if c])
    tail = f" Kantor dapat dihubungi di {contact_text}." if contact_text else ""
    division = f" ({esc(office.division)})" if office.division != placement.unit else ""
    return f"Penulis ditempatkan di {esc(placement.unit)}{division} {esc(office.name)}.{tail}"


# ---------------------------------------------------------------- BAB III


def chapter_activities(context: _Context) -> str:
    sections = _Sections("3")
    sections.add("Peran Mahasiswa", role_text(context))
    sections.add(
        "Kegiatan Mingguan",
        paragraphs("Tabel 3.1 Ringkasan kegiatan mingguan dari *logbook*", weekly_table(context)),
    )
    sections.add("Kendala dan Solusi", reflections_text(context))
    sections.add_prose(_chapter(context, "pelaksanaan"), "Uraian Kegiatan")
    return sections.markdown("# BAB III PELAKSANAAN KEGIATAN")


def role_text(context: _Context) -> str:
    intern, entries = context.intern, context.doc.logbook.entries
    field = [
        name for role, name, _ in signatories(context) if role.startswith("Pembimbing Lapangan")
    ]
    academic = [esc(p.name) for p in intern.supervisors.academic]
    guided = f" di bawah bimbingan {join_list(field)} sebagai pembimbing lapangan" if field else ""
    validated = sum(e.validation.status == "validated" for e in entries)
    return paragraphs(
        f"Selama magang, penulis berperan sebagai {clause(intern.placement.role)} di "
        f"{esc(intern.placement.unit)}{guided}, dengan {join_list(academic)} sebagai dosen pembimbing.",
        f"Kegiatan harian dicatat dalam *logbook*: {len(entries)} entri dengan total "
        f"{format_hours(sum(e.hours for e in entries))} jam, {validated} di antaranya telah "
        f"divalidasi pembimbing lapangan.",
    )


def week_number(start: dt.date, day: dt.date) -> int:
    """The placement week of a day: week 1 is the (Monday-based) week the placement starts in."""
    first_monday = start - dt.timedelta(days=start.weekday())
    return (day - first_monday).days // 7 + 1


def weeks(entries: Iterable[LogEntry], start: dt.date) -> list[tuple[int, list[LogEntry]]]:
    """Logbook entries grouped by placement week, in order."""
    grouped: dict[int, list[LogEntry]] = {}
    for entry in sorted(entries, key=lambda e: e.date):
        grouped.setdefault(week_number(start, entry.date), []).append(entry)
    return sorted(grouped.items())


def week_span(number: int, placement: Placement) -> tuple[dt.date, dt.date]:
    """The working days of a placement week, clipped to the placement."""
    monday = (
        placement.start
        - dt.timedelta(days=placement.start.weekday())
        + dt.timedelta(weeks=number - 1)
    )
    offsets = sorted(list(DAY_NAMES).index(day) for day in placement.working_days) or [0, 4]
    first = max(monday + dt.timedelta(days=offsets[0]), placement.start)
    last = min(monday + dt.timedelta(days=offsets[-1]), placement.end)
    return first, max(first, last)


def main_activities(entries: list[LogEntry], taxonomy: Taxonomy, limit: int = 3) -> str:
    """The week's activity types with the most hours, e.g. ``Asesmen, Patroli URC``."""
    hours: Counter[str] = Counter()
    for entry in entries:
        hours[entry.activity] += entry.hours
    labels = sorted(hours, key=lambda code: (-hours[code], taxonomy.label("activity_type", code)))
    return ", ".join(taxonomy.label("activity_type", code) for code in labels[:limit])


def validation_summary(entries: list[LogEntry], taxonomy: Taxonomy) -> str:
    """``Divalidasi`` when all are, else counts such as ``2 divalidasi, 1 diajukan``."""
    counts = Counter(entry.validation.status for entry in entries)
    if set(counts) == {"validated"}:
        return taxonomy.label("logbook_validation", "validated")
    order = list(taxonomy.codes("logbook_validation"))
    return ", ".join(
        f"{counts[code]} {taxonomy.label('logbook_validation', code).lower()}"
        for code in sorted(counts, key=order.index)
    )


def weekly_table(context: _Context) -> str:
    placement, taxonomy = context.intern.placement, context.taxonomy
    rows = []
    for number, entries in weeks(context.doc.logbook.entries, placement.start):
        first, last = week_span(number, placement)
        rows.append(
            [
                str(number),
                format_range(first, last),
                main_activities(entries, taxonomy),
                format_hours(sum(e.hours for e in entries)),
                validation_summary(entries, taxonomy),
            ]
        )
    if not rows:
        return "*Logbook belum berisi entri.*"
    return table(["Minggu", "Tanggal", "Kegiatan utama", "Jam", "Status validasi"], rows)


def reflections_text(context: _Context) -> str:
    reflections = sorted(context.intern.reflections, key=lambda r: r.period)
    if not reflections:
        return "*Belum ada refleksi bulanan (reflections di intern.yaml).*"
    return paragraphs(*(reflection_paragraph(r) for r in reflections))


def reflection_paragraph(reflection: Reflection) -> str:
    month = format_date(dt.date.fromisoformat(reflection.period + "-01")).split(" ", 1)[1]
    parts = [f"**{month}.** {sentence(reflection.learned)}"]
    if reflection.obstacles:
        parts.append(f"Kendala: {clause(reflection.obstacles)}.")
    if reflection.solutions:
        parts.append(f"Solusi: {clause(reflection.solutions)}.")
    return " ".join(parts)


# ---------------------------------------------------------------- BAB IV and case studies


def study_cases(context: _Context) -> tuple[list[Case], list[Case]]:
    """(cases told as case studies, cases left out): see ``validate.review.report_case_studies``."""
    told, left = report_case_studies(context.project, context.doc, context.mode)
    return [doc.case for doc in told], [doc.case for doc, _ in left]


def anonymised(case: Case) -> Case:
    """The case without the internal-only place names (district, receiving facility)."""
    referrals = [r.model_copy(update={"facility": None}) for r in case.referrals]
    intake = case.intake.model_copy(update={"district": None})
    return case.model_copy(update={"intake": intake, "referrals": referrals})


def case_study(case: Case, context: _Context, chapter: str | None, level: int) -> str:
    """The casework narrative of one case, headings shifted under the report's numbering (on a
    site page: a link to the case's own page)."""
    if context.page is not None:
        link = relative_link(context.page, case_page_path(case.case_id))
        return (f"Uraian lengkap kasus ini, tahap demi tahap, ada di [halaman kasus "
                f"{esc(case.case_id)}]({link}); berkas DOCX/PDF laporan memuatnya utuh.")
    voice = Voice("id", context.taxonomy, case.case_id, people_names(context.project))
    body = narrative_body(anonymised(case), voice)
    text, _ = renumber(body, chapter, level=level)
    return text


def chapter_cases(context: _Context) -> str:
    told, left = study_cases(context)
    blocks = [
        cases_intro(told, left, "Bab ini", " jumlahnya tercantum pada Lampiran 2."),
        others_note(context, told, left),
    ]
    for number, case in enumerate(told, start=1):
        title = f"## 4.{number} {cell(case.client.alias)} ({case.case_id})"
        blocks.append(paragraphs(title, case_study(case, context, f"4.{number}", 3)))
    discussion = _chapter(context, "studi-kasus")
    if discussion:
        text, _ = renumber(discussion, "4", first=len(told) + 1, default_title="Pembahasan")
        blocks.append(text)
    return paragraphs("# BAB IV STUDI KASUS", *blocks)


def cases_intro(told: list[Case], left: list[Case], subject: str, where: str = "") -> str:
    """How many cases are told, and how many are left out for want of consent."""
    if not told and not left:
        return "*Belum ada kasus yang ditangani penulis.*"
    intro = (
        f"{subject} menguraikan {len(told)} kasus yang ditangani penulis menurut tahapan "
        "pertolongan pekerjaan sosial. Identitas klien disamarkan dengan alias."
    )
    if left:
        intro += (
            f" {len(left)} kasus lain tidak diuraikan karena tidak ada persetujuan publikasi "
            f"tanpa identitas{';' + where if where else '.'}"
        )
    return intro


def others_note(context: _Context, told: list[Case], left: list[Case]) -> str:
    """When the intern chose their case studies: how many other cases the appendix counts."""
    total = len(intern_case_docs(context.project, context.intern.id))
    others = total - len(told) - len(left)
    if others <= 0:
        return ""
    return (
        f"Selain itu penulis menangani {others} kasus lain yang tidak dipilih sebagai studi "
        "kasus; jumlahnya tercantum pada Lampiran 2."
    )


# ---------------------------------------------------------------- BAB V, references, appendices


def chapter_closing(context: _Context) -> str:
    sections = _Sections("5")
    prose = _chapter(context, "penutup")
    sections.add_prose(prose, "Kesimpulan")
    if not prose:
        sections.add("Kesimpulan dan Saran", NOT_WRITTEN.format(name="penutup"))
    return sections.markdown("# BAB V PENUTUP")


def reference_entries(context: _Context) -> str:
    entries = reference_list(source_of(r) for r in context.doc.references.references)
    if not entries:
        return "*Belum ada sumber (references.yaml).*"
    return '<div class="references" markdown="1">\n\n' + "\n\n".join(entries) + "\n\n</div>"


def bibliography(context: _Context) -> str:
    return paragraphs("# DAFTAR PUSTAKA", reference_entries(context))


def appendices(context: _Context) -> str:
    return paragraphs(
        "# LAMPIRAN",
        "## Lampiran 1 Logbook Kegiatan",
        logbook_table(context),
        "## Lampiran 2 Rekapitulasi Kasus",
        caseload_tables(context),
    )


def logbook_table(context: _Context) -> str:
    taxonomy = context.taxonomy
    entries = sorted(context.doc.logbook.entries, key=lambda e: e.date)
    if not entries:
        return "*Logbook belum berisi entri.*"
    rows = [
        [
            str(i),
            e.date.strftime("%d-%m-%Y"),
            taxonomy.label("activity_type", e.activity),
            e.description,
            format_hours(e.hours),
            ", ".join(e.cases),
            taxonomy.label("logbook_validation", e.validation.status),
        ]
        for i, e in enumerate(entries, start=1)
    ]
    return table(["No", "Tanggal", "Kegiatan", "Uraian", "Jam", "Kasus", "Status validasi"], rows)


def caseload_tables(context: _Context) -> str:
    cases = [doc.case for doc in intern_case_docs(context.project, context.intern.id)]
    if not cases:
        return "*Belum ada kasus.*"
    taxonomy = context.taxonomy
    by_category = Counter(taxonomy.label("ppks", c.classification.ppks) for c in cases)
    by_outcome = Counter(
        taxonomy.label("outcome", c.closure.outcome) if c.closure else "Masih berjalan"
        for c in cases
    )
    return paragraphs(
        f"Penulis menangani {len(cases)} kasus selama magang.",
        "Tabel L.1 Kasus menurut kategori PPKS",
        _count_table("Kategori PPKS", by_category),
        "Tabel L.2 Kasus menurut hasil akhir penanganan",
        _count_table("Hasil akhir", by_outcome),
    )


def _count_table(label: str, counts: Counter) -> str:
    rows = [[name, str(counts[name])] for name in sorted(counts, key=lambda n: (-counts[n], n))]
    return table([label, "Jumlah"], rows + [[Raw("**Jumlah**"), str(sum(counts.values()))]])


# ---------------------------------------------------------------- article mode


def article_parts(context: _Context) -> list[str]:
    """Title, abstract and keywords, Pendahuluan, Metode, Hasil dan Pembahasan, Kesimpulan."""
    return [
        article_head(context),
        article_section(context, "Pendahuluan", ("pendahuluan",)),
        article_method(context),
        article_results(context),
        article_section(context, "Kesimpulan", ("kesimpulan", "penutup")),
        paragraphs("## Daftar Pustaka", reference_entries(context)),
    ]


def article_head(context: _Context) -> str:
    intern = context.intern
    affiliation = ", ".join(
        filter(
            None, [f"Program Studi {intern.study_programme}", _faculty(intern), intern.university]
        )
    )
    abstract, keywords = split_keywords(_chapter(context, "abstrak") or "")
    keywords = keywords or default_keywords(context)
    return paragraphs(
        f"# {report_title(intern, context.office)}",
        f"**{intern.name}**  \n{affiliation}",
        "**Abstrak**",
        abstract or NOT_WRITTEN.format(name="abstrak"),
        f"**Kata kunci:** {'; '.join(keywords)}",
    )


def split_keywords(text: str) -> tuple[str, list[str]]:
    """The abstract without its ``Kata kunci:`` line, and the keywords of that line."""
    kept, keywords = [], []
    for line in text.strip().splitlines():
        match = _KEYWORDS.match(line)
        if match:
            keywords = [k.strip(" .*") for k in re.split(r"[;,]", match.group(1)) if k.strip(" .*")]
        else:
            kept.append(line)
    abstract, _ = renumber("\n".join(kept), None)
    return abstract, keywords


def default_keywords(context: _Context) -> list[str]:
    told, _ = study_cases(context)
    categories = sorted(
        {context.taxonomy.label("ppks", c.classification.ppks).lower() for c in told}
    )
    return ["magang", "pekerjaan sosial", "manajemen kasus", *categories]


def article_section(
    context: _Context, title: str, names: tuple[str, ...], fallback: Callable[[], str] | None = None
) -> str:
    prose = _chapter(context, *names)
    if not prose:
        body = fallback() if fallback else NOT_WRITTEN.format(name=names[0])
        return paragraphs(f"## {title}", body)
    text, _ = renumber(prose, None, level=3)
    return paragraphs(f"## {title}", text)


def article_method(context: _Context) -> str:
    return article_section(context, "Metode", ("metode",), lambda: method_text(context))


def method_text(context: _Context) -> str:
    intern, office = context.intern, context.office
    entries = context.doc.logbook.entries
    place = f"{intern.placement.unit} {office.name}" if office else intern.placement.unit
    stages = [
        context.taxonomy.label("stage", code).lower()
        for code in context.taxonomy.codes("stage")
        if not context.taxonomy.entry("stage", code).get("optional")
    ]
    return paragraphs(
        f"Tulisan ini merupakan studi kasus dari kegiatan {intern.programme.name} di {place} pada "
        f"{format_range(intern.placement.start, intern.placement.end)}.",
        f"Data diperoleh dari catatan kasus yang dianonimkan, *logbook* kegiatan ({len(entries)} "
        f"entri, {format_hours(sum(e.hours for e in entries))} jam), dan refleksi bulanan penulis. "
        f"Penanganan kasus mengikuti tahapan pertolongan pekerjaan sosial: {join_list(stages)}.",
    )


def article_results(context: _Context) -> str:
    told, left = study_cases(context)
    blocks = [cases_intro(told, left, "Bagian ini")]
    for case in told:
        blocks.append(
            paragraphs(f"### {cell(case.client.alias)}", case_study(case, context, None, 4))
        )
    discussion = _chapter(context, "pembahasan", "studi-kasus")
    if discussion:
        text, _ = renumber(discussion, None, level=3, default_title="Pembahasan")
        blocks.append(text)
    return paragraphs("## Hasil dan Pembahasan", *blocks)
