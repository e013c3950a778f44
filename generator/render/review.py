"""The lecturer's pages of the review site: the cohort at a glance, each intern, the reports.

Pure: pages are rendered from a loaded project (its ``problems`` are the warnings the figures
show). :func:`lecturer_pages` is the page producer registered in ``generator.build.pipeline``:

* ``telaah/index.md``: every intern in one table with ✓/⚠ per figure, then the open comments;
* ``telaah/<intern>.md``: the figures, the logbook week by week with the comments on each week in
  its row, the cases with their stages, problems, consent and comments, the chapters with their
  unresolved citations and comments, and the review record (status, rubric scores, total);
* ``laporan/index.md``, ``laporan/<intern>.md`` (report mode) and ``laporan/artikel/<intern>.md``;
  links to ``laporan/unduh/<intern>.docx`` / ``.pdf`` when the build adds those files
  (``formats``, from ``generator.export.downloads.download_formats``).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.render.changes import cohort_changes, intern_changes, week_label
from generator.render.outline import chapter_title, report_position, titled_page
from generator.render.report import build_report, report_title, week_number, week_span
from generator.render.text import (
    Raw,
    case_page_path,
    cell,
    format_date,
    format_range,
    paragraphs,
    people_names,
    project_relative,
    relative_link,
    table,
)
from generator.stats.completeness import CaseFigures, InternFigures, intern_figures
from generator.validate.review import chapter_anchors, chapter_file, iso_week, iso_week_span

if TYPE_CHECKING:
    from generator.model.project import InternDoc, Project

COHORT_PAGE = "telaah/index.md"
REVIEW_PAGE = "telaah/{}.md"
REPORTS_INDEX = "laporan/index.md"
REPORT_PAGE = "laporan/{}.md"
ARTICLE_PAGE = "laporan/artikel/{}.md"
DOWNLOAD = "laporan/unduh/{}.{}"
OK, WARN = "✓", "⚠"
WIDE_PAGE = "---\nhide:\n  - toc\n---\n\n"  # Material: no right-hand toc, room for the table
STATUS_LABEL = {None: "Belum ada telaah"}


def lecturer_pages(
    project: Project,
    *,
    lang: str | None = None,
    only: set[str] | None = None,
    formats: tuple[str, ...] = (),
) -> dict[str, str]:
    """Every page of the lecturer's view (review audience), or those in ``only`` (serve);
    ``formats``: the report downloads the review site offers (``export.downloads``)."""
    problems = getattr(project, "problems", [])
    figures = [
        intern_figures(project, intern_id, problems) for intern_id in sorted(project.interns)
    ]
    pages = {
        COHORT_PAGE: lambda: cohort_page(project, figures),
        REPORTS_INDEX: lambda: reports_index(project, formats),
    }
    for figure in figures:
        doc = project.interns[figure.intern_id]
        intern_id = doc.intern.id
        pages[REVIEW_PAGE.format(intern_id)] = functools.partial(
            intern_review_page, project, doc, figure, formats)
        pages[REPORT_PAGE.format(intern_id)] = functools.partial(
            report_page, project, intern_id, "report")
        pages[ARTICLE_PAGE.format(intern_id)] = functools.partial(
            report_page, project, intern_id, "article")
    return {path: make() for path, make in pages.items() if only is None or path in only}


def affected_lecturer_pages(changed: Iterable[Path], old: Any, new: Any) -> set[str] | None:
    """Lecturer pages to re-render after files changed; None means every page.

    A case file → the cohort pages and the review and report pages of its authors (before and
    after the change); an intern's file → that intern's; content/ → nothing; anything else
    (office, settings, rubric, taxonomies) → everything."""
    interns: set[str] = set()
    for path in map(Path, changed):
        relative = project_relative(path, new.root)
        if relative is None or relative.parts[:1] == ("content",):
            continue
        if relative.parts[0] == "cases":
            interns |= {a for p in (old, new) for d in p.cases.values() if d.path == path
                        for a in d.index.authors}
        elif relative.parts[0] == "interns" and len(relative.parts) > 1:
            interns.add(relative.parts[1])
        else:
            return None
    pages = {COHORT_PAGE, REPORTS_INDEX}
    for intern_id in interns:
        pages |= {REVIEW_PAGE.format(intern_id), REPORT_PAGE.format(intern_id),
                  ARTICLE_PAGE.format(intern_id)}
    return pages


# ---------------------------------------------------------------- small pieces


def mark(ok: bool) -> str:
    return OK if ok else WARN


def number(value: float) -> str:
    """``73,75``, ``26`` (Indonesian decimal comma, at most two decimals)."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


def percent(part: float, whole: float) -> str:
    return f"{round(100 * part / whole)}%" if whole else "—"


def status_label(project: Project, status: str | None) -> str:
    if status is None:
        return STATUS_LABEL[None]
    return project.taxonomy.label("review_status", status)


def score_text(figure: InternFigures) -> str:
    scores = figure.scores
    if scores is None or scores.total is None:
        return "—"
    grade = f" ({scores.grade})" if scores.grade else ""
    draft = f", sementara {scores.scored}/{scores.aspects} aspek" if scores.provisional else ""
    return f"{number(scores.total)}{grade}{draft}"


def anchor_label(comment: Any, doc: Any = None) -> str:
    """What a comment is about, named as the pages name it (weeks as ``Minggu ke-N``)."""
    if comment.case:
        return f"Kasus {comment.case}"
    if comment.week and doc is not None and iso_week_span(comment.week):
        return f"Logbook {week_label(comment.week, doc.intern.placement.start)}"
    if comment.week:
        return f"Minggu {comment.week}"
    if comment.chapter:
        chapters = doc.chapters if doc is not None else {}
        return f"Bab: {chapter_title(comment.chapter, chapters.get(comment.chapter))}"
    return "Umum"


def commenter(project: Project, doc: InternDoc, comment: Any) -> str:
    """The name of who wrote a comment (the reviewing lecturer unless ``by`` says otherwise)."""
    person = comment.by or doc.review.lecturer
    return people_names(project).get(person, person)


def comment_admonition(comment: Any, who: str) -> str:
    """A comment as a Material admonition: open ones stand out, resolved ones fold away."""
    kind, opener = ("success", "???") if comment.resolved else ("warning", "!!!")
    when = f" — {format_date(comment.date)}" if comment.date else ""
    state = " (selesai)" if comment.resolved else ""
    body = "\n".join("    " + line if line else "" for line in comment.text.strip().splitlines())
    title = f"Komentar {who}{when}{state}".replace('"', "'")
    return f'{opener} {kind} "{title}"\n\n{body}'


def comments_on(review: Any, **anchor: str) -> list[Any]:
    """The comments of a review anchored exactly as given (e.g. case="K-2025-0001")."""
    if review is None:
        return []
    key, value = next(iter(anchor.items()))
    return [c for c in review.comments if getattr(c, key) == value]


def problem_line(problem: Any) -> str:
    severity = "galat" if problem.is_error else "peringatan"
    return f"- `{problem.file}:{problem.line}` {severity}: {cell(problem.message('id'))}"


# ---------------------------------------------------------------- the cohort page


def cohort_page(project: Project, figures: list[InternFigures]) -> str:
    header = [
        "Mahasiswa",
        "Hari logbook",
        "Jam",
        "Belum divalidasi",
        "Kasus lengkap",
        "Persetujuan",
        "Sitasi",
        "Status telaah",
        "Nilai",
    ]
    rows = [cohort_row(project, figure) for figure in figures]
    legend = (
        f"Per {format_date(project.today)}. {OK} = lengkap, {WARN} = perlu perhatian. Hari "
        "logbook: hari kerja yang memiliki entri dibanding hari kerja masa penempatan (tanpa "
        "hari libur kantor); jam: jam tercatat dibanding SKS yang dikonversi × jam "
        "per SKS."
    )
    body = table(header, rows) if rows else "*Belum ada mahasiswa.*"
    page = paragraphs("# Telaah kohort", legend, body, cohort_changes(project, COHORT_PAGE),
                      open_comments(project, figures))
    return WIDE_PAGE + page + "\n"


def cohort_row(project: Project, figure: InternFigures) -> list[Any]:
    log = figure.logbook
    link = relative_link(COHORT_PAGE, REVIEW_PAGE.format(figure.intern_id))
    complete = sum(case.complete for case in figure.cases)
    consent = sum(case.consent_ok for case in figure.cases)
    return [
        Raw(f"[{cell(figure.name)}]({link})"),
        f"{mark(log.days_ok)} {log.covered_days}/{log.working_days}",
        f"{mark(log.hours_ok)} {number(log.hours)}/{number(log.hours_required)}",
        f"{mark(log.validation_ok)} {len(log.unvalidated)}",
        f"{mark(figure.cases_ok)} {complete}/{len(figure.cases)}",
        f"{mark(figure.consent_ok)} {consent}/{len(figure.cases)}",
        f"{mark(figure.citations_ok)} {len(figure.unresolved_citations)}",
        status_label(project, figure.review_status),
        score_text(figure),
    ]


def open_comments(project: Project, figures: list[InternFigures]) -> str:
    """Each intern's unresolved comments, grouped under the intern, labelled with their anchor."""
    blocks = []
    for figure in figures:
        review = project.interns[figure.intern_id].review
        pending = [c for c in review.comments if not c.resolved] if review else []
        if pending:
            link = relative_link(COHORT_PAGE, REVIEW_PAGE.format(figure.intern_id))
            doc = project.interns[figure.intern_id]
            items = "\n".join(f"- **{anchor_label(c, doc)}**: {cell(c.text)}" for c in pending)
            blocks.append(f"### [{cell(figure.name)}]({link})\n\n{items}")
    if not blocks:
        return ""
    return paragraphs("## Komentar terbuka", *blocks)


# ---------------------------------------------------------------- one intern


def intern_review_page(
    project: Project, doc: InternDoc, figure: InternFigures, formats: Iterable[str] = ()
) -> str:
    """The whole review page of one intern."""
    page = REVIEW_PAGE.format(doc.intern.id)
    return (
        paragraphs(
            f"# Telaah: {cell(doc.intern.name)}",
            intern_lead(doc, page, tuple(formats)),
            intern_changes(project, doc, page),
            review_section(project, doc, figure, page),
        )
        + "\n"
    )


def intern_lead(doc: InternDoc, page: str, formats: tuple[str, ...]) -> str:
    intern = doc.intern
    placement = intern.placement
    links = [
        f"[Laporan]({relative_link(page, REPORT_PAGE.format(intern.id))})",
        f"[Artikel]({relative_link(page, ARTICLE_PAGE.format(intern.id))})",
    ]
    links += [
        f"[{fmt.upper()}]({relative_link(page, DOWNLOAD.format(intern.id, fmt))})"
        for fmt in formats
    ]
    return paragraphs(
        f"{cell(intern.programme.name)} · {cell(placement.unit)} · "
        f"{format_range(placement.start, placement.end)}",
        " · ".join(links),
    )


def review_section(project: Project, doc: InternDoc, figure: InternFigures, page: str) -> str:
    """The review view of one intern (figures, logbook, cases, chapters, review record)."""
    return paragraphs(
        "## Ringkasan",
        summary_table(project, figure),
        "## Telaah dosen",
        review_record_text(project, doc, figure),
        "## Logbook per minggu",
        weekly_review(project, doc, figure),
        "## Kasus",
        cases_review(project, doc, figure, page),
        "## Bab laporan",
        chapters_review(project, doc, figure),
        other_problems(doc, figure),
    )


def summary_table(project: Project, figure: InternFigures) -> str:
    log = figure.logbook
    statuses = ", ".join(
        f"{n} {project.taxonomy.label('logbook_validation', s).lower()}"
        for s, n in log.by_status
        if s != "validated"
    )
    rows = [
        [
            "Hari logbook",
            (
                f"{log.covered_days} dari {log.working_days} hari kerja "
                f"({percent(log.covered_days, log.working_days)}), "
                f"{format_range(log.start, log.until)}"
            ),
            mark(log.days_ok),
        ],
        [
            "Jam kegiatan",
            (
                f"{number(log.hours)} dari {number(log.hours_required)} jam "
                f"({credits_text(doc_programme(project, figure))})"
            ),
            mark(log.hours_ok),
        ],
        [
            "Entri belum divalidasi",
            f"{len(log.unvalidated)}" + (f" ({statuses})" if statuses else ""),
            mark(log.validation_ok),
        ],
        [
            "Kasus lengkap",
            f"{sum(c.complete for c in figure.cases)} dari {len(figure.cases)}",
            mark(figure.cases_ok),
        ],
        [
            "Persetujuan klien",
            f"{sum(c.consent_ok for c in figure.cases)} dari {len(figure.cases)} lengkap",
            mark(figure.consent_ok),
        ],
        [
            "Sitasi tidak ditemukan",
            str(len(figure.unresolved_citations)),
            mark(figure.citations_ok),
        ],
        [
            "Status telaah",
            status_label(project, figure.review_status),
            mark(figure.review_status == "approved"),
        ],
        [
            "Nilai",
            score_text(figure),
            "—" if figure.scores is None else mark(not figure.scores.provisional),
        ],
    ]
    return table(["Aspek", "Angka", "Status"], rows)


def doc_programme(project: Project, figure: InternFigures) -> Any:
    return project.interns[figure.intern_id].intern.programme


def credits_text(programme: Any) -> str:
    """``20 SKS × 45 jam``."""
    credits = sum(course.credits for course in programme.courses)
    return f"{credits} SKS × {programme.hours_per_credit} jam"


def review_record_text(project: Project, doc: InternDoc, figure: InternFigures) -> str:
    review = doc.review
    if review is None:
        return "*Belum ada telaah (review.yaml).*"
    dates = [
        ("diajukan", review.submitted),
        ("ditelaah", review.reviewed),
        ("disetujui", review.approved),
    ]
    shown = ", ".join(f"{label} {format_date(day)}" for label, day in dates if day)
    general = [
        comment_admonition(c, commenter(project, doc, c))
        for c in review.comments
        if not (c.case or c.week or c.chapter)
    ]
    return paragraphs(
        f"**Status:** {status_label(project, review.status)} · **Dosen:** {cell(people_names(project).get(review.lecturer, review.lecturer))}"
        + (f" · {shown}" if shown else ""),
        review.summary or "",
        *general,
        rubric_table(project, review, figure),
    )


def rubric_table(project: Project, review: Any, figure: InternFigures) -> str:
    rubric = project.rubric
    if rubric is None:
        return "*Proyek belum memiliki rubrik (rubric.yaml).*"
    weight = sum(aspect.weight for aspect in rubric.aspects)
    rows = []
    for aspect in rubric.aspects:
        score = review.scores.get(aspect.id)
        shown = number(score) if score is not None else "—"
        part = number(score * aspect.weight / weight) if score is not None else "—"
        rows.append([aspect.label.id, f"{number(100 * aspect.weight / weight)}%", shown, part])
    rows.append([Raw("**Nilai akhir**"), "100%", Raw(""), Raw(f"**{cell(score_text(figure))}**")])
    return paragraphs(
        f"Rubrik: {cell(rubric.name)}", table(["Aspek", "Bobot", "Nilai", "Nilai × bobot"], rows)
    )


# ---------------------------------------------------------------- logbook weeks


def placement_weeks(placement: Any, until: dt.date) -> list[int]:
    """Every placement week from the start to ``until``."""
    return list(range(1, week_number(placement.start, max(until, placement.start)) + 1))


def weekly_review(project: Project, doc: InternDoc, figure: InternFigures) -> str:
    """Every week of the placement: days written, hours, validation, comments in the row."""
    placement, log = doc.intern.placement, figure.logbook
    rows = []
    for week in placement_weeks(placement, log.until):
        first, last = week_span(week, placement)
        expected = [d for d in log.days if week_number(placement.start, d) == week]
        done = [e for e in doc.logbook.entries if week_number(placement.start, e.date) == week]
        written = sum(d in {e.date for e in done} for d in expected)
        notes = "<br>".join(
            f"{'✓' if c.resolved else '⚑'} {cell(c.text)}"
            for c in comments_on(doc.review, week=iso_week(first))
        )
        rows.append(
            [
                str(week),
                iso_week(first),
                format_range(first, last),
                f"{mark(written == len(expected))} {written}/{len(expected)}" if expected else "—",
                number(sum(e.hours for e in done)),
                validation_cell(done),
                Raw(notes),
            ]
        )
    header = ["Minggu", "ISO", "Tanggal", "Hari", "Jam", "Validasi", "Komentar"]
    return paragraphs(table(header, rows), unvalidated_list(project, doc, figure))


def validation_cell(entries: list[Any]) -> str:
    if not entries:
        return "—"
    pending = sum(e.validation.status != "validated" for e in entries)
    return f"{mark(not pending)} {len(entries) - pending}/{len(entries)}"


def unvalidated_list(project: Project, doc: InternDoc, figure: InternFigures) -> str:
    entries = [doc.logbook.entries[i] for i in figure.logbook.unvalidated]
    if not entries:
        return ""
    rows = [
        [
            format_date(e.date),
            iso_week(e.date),
            project.taxonomy.label("activity_type", e.activity),
            project.taxonomy.label("logbook_validation", e.validation.status),
            e.validation.note or "",
        ]
        for e in sorted(entries, key=lambda e: e.date)
    ]
    return paragraphs(
        "### Entri belum divalidasi",
        table(["Tanggal", "Minggu", "Kegiatan", "Status", "Catatan"], rows),
    )


# ---------------------------------------------------------------- cases


def cases_review(project: Project, doc: InternDoc, figure: InternFigures, page: str) -> str:
    if not figure.cases:
        return "*Belum ada kasus yang ditulis mahasiswa ini.*"
    rows = [case_row(project, case, doc, page) for case in figure.cases]
    header = [
        "Kasus",
        "Status",
        "Tahap",
        "Tahap tanpa tanggal",
        "Masalah",
        "Persetujuan",
        "Komentar",
    ]
    details = [case_details(project, case, doc) for case in figure.cases]
    return paragraphs(table(header, rows), *details)


def case_row(project: Project, case: CaseFigures, doc: InternDoc, page: str) -> list[Any]:
    taxonomy = project.taxonomy
    missing = ", ".join(taxonomy.label("stage", s) for s in case.missing_stages)
    problems = f"{case.errors} galat, {case.warnings} peringatan" if case.problems else "—"
    link = relative_link(page, case_page_path(case.case_id))
    return [
        Raw(f"[{case.case_id}]({link}) {cell(case.alias)}"),
        taxonomy.label("case_status", case.status),
        taxonomy.label("stage", case.stage),
        f"{mark(not case.missing_stages)} {missing or '—'}",
        f"{mark(not case.problems)} {problems}",
        f"{mark(case.consent_ok)} {consent_text(case)}",
        str(len(comments_on(doc.review, case=case.case_id))),
    ]


def consent_text(case: CaseFigures) -> str:
    parts = ["publikasi" if case.publication_consent else "tanpa persetujuan publikasi"]
    if case.consent_missing:
        parts.append("belum diisi: " + ", ".join(case.consent_missing))
    return "; ".join(parts)


def case_details(project: Project, case: CaseFigures, doc: InternDoc) -> str:
    """A case's problems and the comments on it, under its own heading (only when there are any)."""
    comments = comments_on(doc.review, case=case.case_id)
    if not case.problems and not comments:
        return ""
    return paragraphs(
        f"### {case.case_id} · {cell(case.alias)}",
        "\n".join(problem_line(p) for p in case.problems),
        *(comment_admonition(c, commenter(project, doc, c)) for c in comments),
    )


# ---------------------------------------------------------------- chapters and other problems


def chapters_review(project: Project, doc: InternDoc, figure: InternFigures) -> str:
    """Each chapter file and report part, with its unresolved citations and comments."""
    anchors = sorted(
        (a for a in chapter_anchors(doc.chapters)
         if a in doc.chapters or comments_on(doc.review, chapter=a)),
        key=report_position,
    )
    if not anchors:
        return "*Belum ada bab yang ditulis (chapters/).*"
    return paragraphs(*(chapter_block(project, doc, figure, anchor) for anchor in anchors))


def chapter_block(project: Project, doc: InternDoc, figure: InternFigures, anchor: str) -> str:
    if anchor in doc.chapters:
        file = chapter_file(doc, anchor, project.root)
        citations = [p for p in figure.unresolved_citations if p.file == file]
        found = f"{mark(not citations)} {len(citations)} sitasi tidak ditemukan"
        title = cell(chapter_title(anchor, doc.chapters[anchor]))
        head = f"### {title}\n\n`{file}` · {found}"
    else:
        title = cell(chapter_title(anchor, None))
        citations, head = [], f"### {title}\n\nBagian laporan yang dibuat otomatis."
    return paragraphs(
        head,
        "\n".join(problem_line(p) for p in citations),
        *(
            comment_admonition(c, commenter(project, doc, c))
            for c in comments_on(doc.review, chapter=anchor)
        ),
    )


def other_problems(doc: InternDoc, figure: InternFigures) -> str:
    """Problems in the intern's own files (intern.yaml, logbook.yaml, review.yaml …)."""
    shown = [p for p in figure.file_problems if p.code != "citation.unresolved"]
    if not shown:
        return ""
    return paragraphs("## Masalah pada berkas mahasiswa", "\n".join(problem_line(p) for p in shown))


# ---------------------------------------------------------------- reports


def report_page(project: Project, intern_id: str, mode: str) -> str:
    """The report (or article) as a review-site page, titled in its front matter."""
    page = (REPORT_PAGE if mode == "report" else ARTICLE_PAGE).format(intern_id)
    report = build_report(project, intern_id, mode=mode, page=page)
    kind = "Laporan" if mode == "report" else "Artikel"
    title = f"{kind}: {report.author}".replace('"', "'")
    return f'---\ntitle: "{title}"\n---\n\n{titled_page(cell(title), report.markdown)}'


def reports_index(project: Project, formats: Iterable[str]) -> str:
    formats = tuple(formats)
    rows = []
    for doc in project.sorted_interns():
        intern = doc.intern
        links = [
            f"[laporan]({relative_link(REPORTS_INDEX, REPORT_PAGE.format(intern.id))})",
            f"[artikel]({relative_link(REPORTS_INDEX, ARTICLE_PAGE.format(intern.id))})",
        ]
        links += [
            f"[{f.upper()}]({relative_link(REPORTS_INDEX, DOWNLOAD.format(intern.id, f))})"
            for f in formats
        ]
        review = relative_link(REPORTS_INDEX, REVIEW_PAGE.format(intern.id))
        rows.append(
            [
                cell(intern.name),
                build_report_title(project, intern),
                Raw(" · ".join(links)),
                Raw(f"[telaah]({review})"),
            ]
        )
    body = (
        table(["Mahasiswa", "Judul", "Berkas", "Telaah"], rows)
        if rows
        else "*Belum ada mahasiswa.*"
    )
    hint = (
        (
            "Berkas DOCX/PDF: `casebook export report <id> --format docx`, atau tulis "
            "`exports: [docx, pdf]` di casebook.yml agar situs telaah menyediakannya."
        )
        if not formats
        else ""
    )
    return paragraphs("# Laporan magang", body, hint) + "\n"


def build_report_title(project: Project, intern: Any) -> str:
    return report_title(intern, project.office)
