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

from generator import words
from generator.model.changes import changes_since
from generator.render.changes import cohort_changes, intern_changes, week_label
from generator.render.outline import chapter_title, report_position, titled_page
from generator.render.report import build_report, report_title, week_number, week_span
from generator.render.text import (
    Raw,
    case_page_path,
    cell,
    format_date,
    format_range,
    page_language,
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
PHRASES = words.beside(__file__, "lecturer.yaml")


def say(key: str, lang: str, **params: Any) -> str:
    """A phrase of the lecturer's pages (``lecturer.yaml``) in ``lang``."""
    return words.say(words.catalogue(PHRASES), key, lang, **params)


def lecturer_pages(
    project: Project,
    *,
    lang: str | None = None,
    only: set[str] | None = None,
    formats: tuple[str, ...] = (),
) -> dict[str, str]:
    """Every page of the lecturer's view (review audience), or those in ``only`` (serve);
    ``formats``: the report downloads the review site offers (``export.downloads``)."""
    lang = page_language(project, lang)
    problems = getattr(project, "problems", [])
    figures = [
        intern_figures(project, intern_id, problems) for intern_id in sorted(project.interns)
    ]
    pages = {
        COHORT_PAGE: lambda: cohort_page(project, figures, lang),
        REPORTS_INDEX: lambda: reports_index(project, formats, lang),
    }
    for figure in figures:
        doc = project.interns[figure.intern_id]
        intern_id = doc.intern.id
        pages[REVIEW_PAGE.format(intern_id)] = functools.partial(
            intern_review_page, project, doc, figure, formats, lang)
        pages[REPORT_PAGE.format(intern_id)] = functools.partial(
            report_page, project, intern_id, "report", lang)
        pages[ARTICLE_PAGE.format(intern_id)] = functools.partial(
            report_page, project, intern_id, "article", lang)
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


def number(value: float, lang: str = "id") -> str:
    """``73,75``, ``26`` (Indonesian decimal comma; ``73.75`` in English; two decimals at most)."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") if lang != "en" else text


def percent(part: float, whole: float) -> str:
    return f"{round(100 * part / whole)}%" if whole else "—"


def status_label(project: Project, status: str | None, lang: str = "id") -> str:
    if status is None:
        return say("no_review", lang)
    return project.taxonomy.label("review_status", status, lang)


def score_text(figure: InternFigures, lang: str = "id") -> str:
    scores = figure.scores
    if scores is None or scores.total is None:
        return "—"
    grade = f" ({scores.grade})" if scores.grade else ""
    draft = (say("provisional", lang, scored=scores.scored, aspects=scores.aspects)
             if scores.provisional else "")
    return f"{number(scores.total, lang)}{grade}{draft}"


def anchor_label(comment: Any, doc: Any = None, lang: str = "id") -> str:
    """What a comment is about, named as the pages name it (weeks as ``Minggu ke-N``)."""
    if comment.case:
        return say("anchor.case", lang, case=comment.case)
    if comment.week and doc is not None and iso_week_span(comment.week):
        week = week_label(comment.week, doc.intern.placement.start, lang)
        return say("anchor.logbook", lang, week=week)
    if comment.week:
        return say("anchor.week", lang, week=comment.week)
    if comment.chapter:
        chapters = doc.chapters if doc is not None else {}
        title = chapter_title(comment.chapter, chapters.get(comment.chapter))
        return say("anchor.chapter", lang, title=title)
    return say("anchor.general", lang)


def commenter(project: Project, doc: InternDoc, comment: Any) -> str:
    """The name of who wrote a comment (the reviewing lecturer unless ``by`` says otherwise)."""
    person = comment.by or doc.review.lecturer
    return people_names(project).get(person, person)


def comment_admonition(comment: Any, who: str, lang: str = "id") -> str:
    """A comment as a Material admonition: open ones stand out, resolved ones fold away."""
    kind, opener = ("success", "???") if comment.resolved else ("warning", "!!!")
    when = f" — {format_date(comment.date, lang)}" if comment.date else ""
    state = say("comment.resolved", lang) if comment.resolved else ""
    body = "\n".join("    " + line if line else "" for line in comment.text.strip().splitlines())
    title = say("comment.title", lang, who=who, when=when, state=state).replace('"', "'")
    return f'{opener} {kind} "{title}"\n\n{body}'


def comments_on(review: Any, **anchor: str) -> list[Any]:
    """The comments of a review anchored exactly as given (e.g. case="K-2025-0001")."""
    if review is None:
        return []
    key, value = next(iter(anchor.items()))
    return [c for c in review.comments if getattr(c, key) == value]


def problem_line(problem: Any, lang: str = "id") -> str:
    severity = say("severity.error" if problem.is_error else "severity.warning", lang)
    return f"- `{problem.file}:{problem.line}` {severity}: {cell(problem.message(lang))}"


def header(prefix: str, keys: str, lang: str) -> list[str]:
    """Table column names: ``prefix.key`` for each key in ``keys`` (space-separated)."""
    return [say(f"{prefix}.{key}", lang) for key in keys.split()]


# ---------------------------------------------------------------- the cohort page


def cohort_page(project: Project, figures: list[InternFigures], lang: str = "id") -> str:
    columns = header("cohort", "intern days hours unvalidated complete consent citations "
                     "status score", lang)
    counts = changed_counts(project)
    if counts:
        columns.append(say("cohort.changed", lang))
    rows = [cohort_row(project, figure, lang, counts) for figure in figures]
    legend = say("cohort.legend", lang, date=format_date(project.today, lang), ok=OK, warn=WARN)
    body = table(columns, rows) if rows else say("cohort.none", lang)
    page = paragraphs(f"# {say('cohort.title', lang)}", legend, body,
                      cohort_changes(project, COHORT_PAGE, lang),
                      open_comments(project, figures, lang))
    return WIDE_PAGE + page + "\n"


def changed_counts(project: Project) -> dict[str, int]:
    """Per intern whose review recorded a basis: how many items changed since."""
    counts = {}
    for intern_id, doc in project.interns.items():
        changes = changes_since(doc, project)
        if changes is not None:
            counts[intern_id] = changes.count
    return counts


def cohort_row(project: Project, figure: InternFigures, lang: str = "id",
               counts: dict[str, int] | None = None) -> list[Any]:
    log = figure.logbook
    link = relative_link(COHORT_PAGE, REVIEW_PAGE.format(figure.intern_id))
    complete = sum(case.complete for case in figure.cases)
    consent = sum(case.consent_ok for case in figure.cases)
    row = [
        Raw(f"[{cell(figure.name)}]({link})"),
        f"{mark(log.days_ok)} {log.covered_days}/{log.working_days}",
        f"{mark(log.hours_ok)} {number(log.hours, lang)}/{number(log.hours_required, lang)}",
        f"{mark(log.validation_ok)} {len(log.unvalidated)}",
        f"{mark(figure.cases_ok)} {complete}/{len(figure.cases)}",
        f"{mark(figure.consent_ok)} {consent}/{len(figure.cases)}",
        f"{mark(figure.citations_ok)} {len(figure.unresolved_citations)}",
        status_label(project, figure.review_status, lang),
        score_text(figure, lang),
    ]
    if counts:
        row.append(str(counts[figure.intern_id]) if figure.intern_id in counts else "—")
    return row


def open_comments(project: Project, figures: list[InternFigures], lang: str = "id") -> str:
    """Each intern's unresolved comments, grouped under the intern, labelled with their anchor."""
    blocks = []
    for figure in figures:
        review = project.interns[figure.intern_id].review
        pending = [c for c in review.comments if not c.resolved] if review else []
        if pending:
            link = relative_link(COHORT_PAGE, REVIEW_PAGE.format(figure.intern_id))
            doc = project.interns[figure.intern_id]
            items = "\n".join(f"- **{anchor_label(c, doc, lang)}**: {cell(c.text)}"
                              for c in pending)
            blocks.append(f"### [{cell(figure.name)}]({link})\n\n{items}")
    if not blocks:
        return ""
    return paragraphs(f"## {say('cohort.open_comments', lang)}", *blocks)


# ---------------------------------------------------------------- one intern


def intern_review_page(
    project: Project, doc: InternDoc, figure: InternFigures, formats: Iterable[str] = (),
    lang: str = "id",
) -> str:
    """The whole review page of one intern."""
    page = REVIEW_PAGE.format(doc.intern.id)
    return (
        paragraphs(
            f"# {say('intern.title', lang, name=cell(doc.intern.name))}",
            intern_lead(doc, page, tuple(formats), lang),
            intern_changes(project, doc, page, lang),
            review_section(project, doc, figure, page, lang),
        )
        + "\n"
    )


def intern_lead(doc: InternDoc, page: str, formats: tuple[str, ...], lang: str = "id") -> str:
    intern = doc.intern
    placement = intern.placement
    links = [
        f"[{say('intern.report', lang)}]({relative_link(page, REPORT_PAGE.format(intern.id))})",
        f"[{say('intern.article', lang)}]({relative_link(page, ARTICLE_PAGE.format(intern.id))})",
    ]
    links += [
        f"[{fmt.upper()}]({relative_link(page, DOWNLOAD.format(intern.id, fmt))})"
        for fmt in formats
    ]
    return paragraphs(
        f"{cell(intern.programme.name)} · {cell(placement.unit)} · "
        f"{format_range(placement.start, placement.end, lang)}",
        " · ".join(links),
    )


def review_section(project: Project, doc: InternDoc, figure: InternFigures, page: str,
                   lang: str = "id") -> str:
    """The review view of one intern (figures, logbook, cases, chapters, review record)."""
    return paragraphs(
        f"## {say('section.summary', lang)}",
        summary_table(project, figure, lang),
        f"## {say('section.record', lang)}",
        review_record_text(project, doc, figure, lang),
        f"## {say('section.logbook', lang)}",
        weekly_review(project, doc, figure, lang),
        f"## {say('section.cases', lang)}",
        cases_review(project, doc, figure, page, lang),
        f"## {say('section.chapters', lang)}",
        chapters_review(project, doc, figure, lang),
        other_problems(doc, figure, lang),
    )


def summary_table(project: Project, figure: InternFigures, lang: str = "id") -> str:
    log = figure.logbook
    statuses = ", ".join(
        f"{n} {project.taxonomy.label('logbook_validation', s, lang).lower()}"
        for s, n in log.by_status
        if s != "validated"
    )
    cases = len(figure.cases)
    rows = [
        [
            say("summary.days", lang),
            say("summary.days_text", lang, covered=log.covered_days, working=log.working_days,
                percent=percent(log.covered_days, log.working_days),
                range=format_range(log.start, log.until, lang)),
            mark(log.days_ok),
        ],
        [
            say("summary.hours", lang),
            say("summary.hours_text", lang, hours=number(log.hours, lang),
                required=number(log.hours_required, lang),
                credits=credits_text(doc_programme(project, figure), lang)),
            mark(log.hours_ok),
        ],
        [
            say("summary.unvalidated", lang),
            f"{len(log.unvalidated)}" + (f" ({statuses})" if statuses else ""),
            mark(log.validation_ok),
        ],
        [
            say("summary.complete", lang),
            say("summary.of", lang, part=sum(c.complete for c in figure.cases), whole=cases),
            mark(figure.cases_ok),
        ],
        [
            say("summary.consent", lang),
            say("summary.consent_text", lang, part=sum(c.consent_ok for c in figure.cases),
                whole=cases),
            mark(figure.consent_ok),
        ],
        [
            say("summary.citations", lang),
            str(len(figure.unresolved_citations)),
            mark(figure.citations_ok),
        ],
        [
            say("summary.review_status", lang),
            status_label(project, figure.review_status, lang),
            mark(figure.review_status == "approved"),
        ],
        [
            say("summary.score", lang),
            score_text(figure, lang),
            "—" if figure.scores is None else mark(not figure.scores.provisional),
        ],
    ]
    return table(header("summary", "aspect figure status", lang), rows)


def doc_programme(project: Project, figure: InternFigures) -> Any:
    return project.interns[figure.intern_id].intern.programme


def credits_text(programme: Any, lang: str = "id") -> str:
    """``20 SKS × 45 jam``."""
    credits = sum(course.credits for course in programme.courses)
    return say("summary.credits", lang, credits=credits, hours=programme.hours_per_credit)


def review_record_text(project: Project, doc: InternDoc, figure: InternFigures,
                       lang: str = "id") -> str:
    review = doc.review
    if review is None:
        return say("record.none", lang)
    dates = [
        ("record.submitted", review.submitted),
        ("record.reviewed", review.reviewed),
        ("record.approved", review.approved),
    ]
    shown = ", ".join(say(key, lang, date=format_date(day, lang)) for key, day in dates if day)
    general = [
        comment_admonition(c, commenter(project, doc, c), lang)
        for c in review.comments
        if not (c.case or c.week or c.chapter)
    ]
    lecturer = cell(people_names(project).get(review.lecturer, review.lecturer))
    line = say("record.line", lang, status=status_label(project, review.status, lang),
               lecturer=lecturer)
    return paragraphs(
        line + (f" · {shown}" if shown else ""),
        review.summary or "",
        *general,
        rubric_table(project, review, figure, lang),
    )


def rubric_table(project: Project, review: Any, figure: InternFigures, lang: str = "id") -> str:
    rubric = project.rubric
    if rubric is None:
        return say("rubric.none", lang)
    weight = sum(aspect.weight for aspect in rubric.aspects)
    rows = []
    for aspect in rubric.aspects:
        score = review.scores.get(aspect.id)
        shown = number(score, lang) if score is not None else "—"
        part = number(score * aspect.weight / weight, lang) if score is not None else "—"
        label = (aspect.label.en or aspect.label.id) if lang == "en" else aspect.label.id
        rows.append([label, f"{number(100 * aspect.weight / weight, lang)}%", shown, part])
    rows.append([Raw(say("rubric.final", lang)), "100%", Raw(""),
                 Raw(f"**{cell(score_text(figure, lang))}**")])
    return paragraphs(
        say("rubric.name", lang, name=cell(rubric.name)),
        table(header("rubric", "aspect weight score weighted", lang), rows),
    )


# ---------------------------------------------------------------- logbook weeks


def placement_weeks(placement: Any, until: dt.date) -> list[int]:
    """Every placement week from the start to ``until``."""
    return list(range(1, week_number(placement.start, max(until, placement.start)) + 1))


def weekly_review(project: Project, doc: InternDoc, figure: InternFigures,
                  lang: str = "id") -> str:
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
                format_range(first, last, lang),
                f"{mark(written == len(expected))} {written}/{len(expected)}" if expected else "—",
                number(sum(e.hours for e in done), lang),
                validation_cell(done),
                Raw(notes),
            ]
        )
    columns = header("week", "week iso dates days hours validation comments", lang)
    return paragraphs(table(columns, rows), unvalidated_list(project, doc, figure, lang))


def validation_cell(entries: list[Any]) -> str:
    if not entries:
        return "—"
    pending = sum(e.validation.status != "validated" for e in entries)
    return f"{mark(not pending)} {len(entries) - pending}/{len(entries)}"


def unvalidated_list(project: Project, doc: InternDoc, figure: InternFigures,
                     lang: str = "id") -> str:
    entries = [doc.logbook.entries[i] for i in figure.logbook.unvalidated]
    if not entries:
        return ""
    label = project.taxonomy.label
    rows = [
        [
            format_date(e.date, lang),
            iso_week(e.date),
            label("activity_type", e.activity, lang),
            label("logbook_validation", e.validation.status, lang),
            e.validation.note or "",
        ]
        for e in sorted(entries, key=lambda e: e.date)
    ]
    return paragraphs(
        f"### {say('unvalidated.title', lang)}",
        table(header("unvalidated", "date week activity status note", lang), rows),
    )


# ---------------------------------------------------------------- cases


def cases_review(project: Project, doc: InternDoc, figure: InternFigures, page: str,
                 lang: str = "id") -> str:
    if not figure.cases:
        return say("cases.none", lang)
    rows = [case_row(project, case, doc, page, lang) for case in figure.cases]
    columns = header("cases", "case status stage undated problems consent comments", lang)
    details = [case_details(project, case, doc, lang) for case in figure.cases]
    return paragraphs(table(columns, rows), *details)


def case_row(project: Project, case: CaseFigures, doc: InternDoc, page: str,
             lang: str = "id") -> list[Any]:
    label = project.taxonomy.label
    missing = ", ".join(label("stage", s, lang) for s in case.missing_stages)
    problems = (say("cases.problem_count", lang, errors=case.errors, warnings=case.warnings)
                if case.problems else "—")
    link = relative_link(page, case_page_path(case.case_id))
    return [
        Raw(f"[{case.case_id}]({link}) {cell(case.alias)}"),
        label("case_status", case.status, lang),
        label("stage", case.stage, lang),
        f"{mark(not case.missing_stages)} {missing or '—'}",
        f"{mark(not case.problems)} {problems}",
        f"{mark(case.consent_ok)} {consent_text(case, lang)}",
        str(len(comments_on(doc.review, case=case.case_id))),
    ]


def consent_text(case: CaseFigures, lang: str = "id") -> str:
    parts = [say("consent.publication" if case.publication_consent else "consent.no_publication",
                 lang)]
    if case.consent_missing:
        parts.append(say("consent.missing", lang, fields=", ".join(case.consent_missing)))
    return "; ".join(parts)


def case_details(project: Project, case: CaseFigures, doc: InternDoc, lang: str = "id") -> str:
    """A case's problems and the comments on it, under its own heading (only when there are any)."""
    comments = comments_on(doc.review, case=case.case_id)
    if not case.problems and not comments:
        return ""
    return paragraphs(
        f"### {case.case_id} · {cell(case.alias)}",
        "\n".join(problem_line(p, lang) for p in case.problems),
        *(comment_admonition(c, commenter(project, doc, c), lang) for c in comments),
    )


# ---------------------------------------------------------------- chapters and other problems


def chapters_review(project: Project, doc: InternDoc, figure: InternFigures,
                    lang: str = "id") -> str:
    """Each chapter file and report part, with its unresolved citations and comments."""
    anchors = sorted(
        (a for a in chapter_anchors(doc.chapters)
         if a in doc.chapters or comments_on(doc.review, chapter=a)),
        key=report_position,
    )
    if not anchors:
        return say("chapters.none", lang)
    return paragraphs(*(chapter_block(project, doc, figure, anchor, lang) for anchor in anchors))


def chapter_block(project: Project, doc: InternDoc, figure: InternFigures, anchor: str,
                  lang: str = "id") -> str:
    if anchor in doc.chapters:
        file = chapter_file(doc, anchor, project.root)
        citations = [p for p in figure.unresolved_citations if p.file == file]
        found = f"{mark(not citations)} {say('chapters.citations', lang, count=len(citations))}"
        title = cell(chapter_title(anchor, doc.chapters[anchor]))
        head = f"### {title}\n\n`{file}` · {found}"
    else:
        title = cell(chapter_title(anchor, None))
        citations, head = [], f"### {title}\n\n{say('chapters.generated', lang)}"
    return paragraphs(
        head,
        "\n".join(problem_line(p, lang) for p in citations),
        *(
            comment_admonition(c, commenter(project, doc, c), lang)
            for c in comments_on(doc.review, chapter=anchor)
        ),
    )


def other_problems(doc: InternDoc, figure: InternFigures, lang: str = "id") -> str:
    """Problems in the intern's own files (intern.yaml, logbook.yaml, review.yaml …)."""
    shown = [p for p in figure.file_problems if p.code != "citation.unresolved"]
    if not shown:
        return ""
    return paragraphs(f"## {say('section.file_problems', lang)}",
                      "\n".join(problem_line(p, lang) for p in shown))


# ---------------------------------------------------------------- reports


def report_page(project: Project, intern_id: str, mode: str, lang: str = "id") -> str:
    """The report (or article) as a review-site page, titled in its front matter."""
    page = (REPORT_PAGE if mode == "report" else ARTICLE_PAGE).format(intern_id)
    report = build_report(project, intern_id, mode=mode, page=page)
    kind = say("report.report" if mode == "report" else "report.article", lang)
    title = say("report.page_title", lang, kind=kind, author=report.author).replace('"', "'")
    return f'---\ntitle: "{title}"\n---\n\n{titled_page(cell(title), report.markdown)}'


def reports_index(project: Project, formats: Iterable[str], lang: str = "id") -> str:
    formats = tuple(formats)
    rows = []
    for doc in project.sorted_interns():
        intern = doc.intern
        links = [
            link(say("reports.report_link", lang), REPORT_PAGE.format(intern.id)),
            link(say("reports.article_link", lang), ARTICLE_PAGE.format(intern.id)),
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
                Raw(f"[{say('reports.review_link', lang)}]({review})"),
            ]
        )
    body = (
        table(header("reports", "intern heading files review", lang), rows)
        if rows
        else say("cohort.none", lang)
    )
    hint = say("reports.hint", lang) if not formats else ""
    return paragraphs(f"# {say('reports.title', lang)}", body, hint) + "\n"


def link(text: str, target: str) -> str:
    """A Markdown link from the reports list to ``target``."""
    return f"[{text}]({relative_link(REPORTS_INDEX, target)})"


def build_report_title(project: Project, intern: Any) -> str:
    return report_title(intern, project.office)
