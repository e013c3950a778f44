"""Validation: the schema of each file, then the casework rules across fields and files.

``validate_document`` turns pydantic's errors into positioned problems; the ``*_rules`` functions
check what a schema cannot say (dates in order, what each stage requires, consent before referral
or publication). Every function returns a list of problems; nothing raises for a user mistake.
"""

from __future__ import annotations

import datetime as dt
import difflib
import itertools
import re
import types
import typing
from collections.abc import Iterable, Iterator
from typing import Any

from pydantic import BaseModel, ValidationError

from generator.load.explain import flow_comma
from generator.load.source import LoadedFile, Loc
from generator.model.facts import (
    consent_missing,
    current_stage,
    is_childrens_case,
    is_sensitive_case,
    missing_stages,
    stage_order,
)
from generator.model.records import Case, Intern, Logbook, Strict
from generator.model.taxonomy import Taxonomy, load_taxonomy
from generator.problems import Problem

_MODELS_WITH_RULES = (Case, Intern, Logbook)  # files whose cross-field rules wait for a clean schema

_TYPE_NAMES = {  # pydantic error type -> (Indonesian, English) name of the expected type
    "string_type": ("teks", "text"),
    "int_type": ("bilangan bulat", "a whole number"),
    "int_parsing": ("bilangan bulat", "a whole number"),
    "int_from_float": ("bilangan bulat", "a whole number"),
    "float_type": ("angka", "a number"),
    "float_parsing": ("angka", "a number"),
    "bool_type": ("true/false", "true/false"),
    "bool_parsing": ("true/false", "true/false"),
    "list_type": ("daftar", "a list"),
    "dict_type": ("pemetaan", "a mapping"),
    "model_type": ("pemetaan", "a mapping"),
    "model_attributes_type": ("pemetaan", "a mapping"),
}
_RANGE_TYPES = {"greater_than_equal", "less_than_equal", "greater_than", "less_than"}


# ---------------------------------------------------------------- schema errors


def validate_document(
    loaded: LoadedFile, model: type[Strict], display: str, context: dict[str, Any]
) -> tuple[Strict | None, list[Problem]]:
    """Validate parsed data against a model; return the model or every problem found."""
    if not isinstance(loaded.data, dict):
        code = "file.empty" if loaded.data is None else "file.not_mapping"
        position = loaded.position(())
        return None, [Problem.make(display, position.line, position.column, "", code)]
    try:
        return model.model_validate(loaded.data, context=context), []
    except ValidationError as error:
        errors = _without_misspelt_missing(error.errors())
        problems = [_problem_from_error(e, loaded, model, display) for e in errors]
        if model in _MODELS_WITH_RULES:
            position = loaded.position(())
            problems.append(Problem.make(display, position.line, position.column, "", "rules.skipped"))
        return None, problems


def _without_misspelt_missing(errors: list[dict]) -> list[dict]:
    """Drop "missing X" when the same mapping has an unknown key that is a misspelling of X."""
    missing = {tuple(e["loc"]) for e in errors if e["type"] == "missing" and e["loc"]}
    misspelt = set()
    for error in errors:
        loc = tuple(error["loc"])
        if error["type"] == "extra_forbidden" and loc:
            siblings = [str(m[-1]) for m in missing if m[:-1] == loc[:-1]]
            for close in difflib.get_close_matches(str(loc[-1]), siblings, n=1, cutoff=0.6):
                misspelt.add(loc[:-1] + (close,))
    return [e for e in errors if tuple(e["loc"]) not in misspelt or e["type"] != "missing"]


def _problem_from_error(error: dict, loaded: LoadedFile, model: type, display: str) -> Problem:
    loc = tuple(error["loc"])
    is_key = bool(loc) and loc[-1] == "[key]"
    if is_key:
        loc = loc[:-1]
    kind = error["type"]
    code, params, on_key = _code_for(kind, error, loc, model)
    if kind == "missing":  # point at the key of the mapping that lacks the field
        anchor, on_key = loc[:-1], True
    else:
        anchor = loc
    position = loaded.position(anchor, key=on_key or is_key)
    if code == "field.unknown" and error.get("input") is None:
        cut = flow_comma(loaded.line_text(position.line), position.column, str(loc[-1]))
        if cut:
            code, params = "yaml.flow_comma", {"key": loc[-1], "previous": cut[0], "value": cut[1]}
    return Problem.make(display, position.line, position.column, dotted(loc), code, **params)


def _code_for(kind: str, error: dict, loc: Loc, model: type) -> tuple[str, dict, bool]:
    ctx = error.get("ctx") or {}
    value = error.get("input")
    if kind == "missing":
        return "field.missing", {"field": loc[-1]}, False
    if kind == "extra_forbidden":
        return "field.unknown", _did_you_mean(str(loc[-1]), _field_names(model, loc[:-1])), True
    if kind == "vocabulary":
        return "field.vocabulary", _vocabulary_params(ctx), False
    if kind == "date_format" or kind.startswith("date_"):
        return "field.date", {"value": _show(value)}, False
    if kind == "literal_error":
        return "field.choice", {"value": _show(value), "expected": ctx.get("expected", "")}, False
    if kind in _TYPE_NAMES:
        expected_id, expected_en = _TYPE_NAMES[kind]
        return "field.type", {"value": _show(value), "expected_id": expected_id,
                              "expected_en": expected_en}, False
    if kind == "string_pattern_mismatch":
        return "field.pattern", {"value": _show(value)}, False
    if kind in ("too_short", "string_too_short"):
        return "field.empty", {}, False
    if kind in ("too_long", "string_too_long"):
        return "field.too_long", {"limit": ctx.get("max_length", "")}, False
    if kind in _RANGE_TYPES:
        bound = _number(next(iter(ctx.values()), ""))
        return "field.range", {"value": _show(value), "bound": f"{_RANGE_SIGN[kind]} {bound}"}, False
    return "field.invalid", {"detail": error.get("msg", kind)}, False


_RANGE_SIGN = {
    "greater_than_equal": "≥",
    "less_than_equal": "≤",
    "greater_than": ">",
    "less_than": "<",
}


def _number(value: Any) -> Any:
    """``24.0`` → ``24``: bounds of float fields read as people write them."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


def _vocabulary_params(ctx: dict) -> dict[str, Any]:
    vocabulary, value = ctx["vocabulary"], str(ctx["value"])
    taxonomy = load_taxonomy()  # the built-in set, for suggestions only
    codes = list(taxonomy.codes(vocabulary))
    by_label = _code_by_label(taxonomy, vocabulary, value)
    params = _did_you_mean(value, codes) if by_label is None else _did_you_mean(by_label, [by_label])
    return {**params, "vocabulary": vocabulary, "value": value, "allowed": ", ".join(codes),
            "label_id": taxonomy.vocab_label(vocabulary, "id"),
            "label_en": taxonomy.vocab_label(vocabulary, "en")}


def _code_by_label(taxonomy: Taxonomy, vocabulary: str, value: str) -> str | None:
    """The code whose English or Indonesian label is ``value`` (``Beggar`` → ``pengemis``), or
    whose label is closest to it."""
    labels: dict[str, str] = {}
    for code in taxonomy.codes(vocabulary):
        for lang in ("en", "id"):
            labels.setdefault(_plain(taxonomy.label(vocabulary, code, lang)), code)
    wanted = _plain(value)
    if wanted in labels:
        return labels[wanted]
    close = difflib.get_close_matches(wanted, list(labels), n=1, cutoff=0.8)
    return labels[close[0]] if close else None


def _plain(text: str) -> str:
    return " ".join(text.replace("_", " ").replace("-", " ").casefold().split())


def _did_you_mean(word: str, candidates: list[str]) -> dict[str, str]:
    close = difflib.get_close_matches(word, candidates, n=1, cutoff=0.6)
    return {"key": word, "suggestion": close[0] if close else "", "dym": _dym(close)}


def _dym(close: list[str]) -> str:
    return f" — {close[0]}?" if close else ""


def _show(value: Any) -> str:
    text = repr(value) if not isinstance(value, str) else value
    return text if len(text) <= 40 else text[:37] + "…"


def dotted(loc: Loc) -> str:
    """``('services', 2, 'form')`` → ``services[2].form``."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _field_names(model: type, loc: Loc) -> list[str]:
    target = _model_at(model, loc)
    return list(target.model_fields) if target else []


def _model_at(model: Any, loc: Loc) -> type[BaseModel] | None:
    """The model class that validates the mapping at ``loc``, if any."""
    current = model
    for part in loc:
        if isinstance(part, int):
            current = _item_type(current)
        elif isinstance(current, type) and issubclass(current, BaseModel):
            field = current.model_fields.get(part)
            current = _unwrap(field.annotation) if field else None
        else:
            current = _item_type(current)
        if current is None:
            return None
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _unwrap(annotation: Any) -> Any:
    """Strip Optional from an annotation."""
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        members = [a for a in typing.get_args(annotation) if a is not type(None)]
        return members[0] if len(members) == 1 else None
    return annotation


def _item_type(annotation: Any) -> Any:
    """The element type of a list or the value type of a dict annotation."""
    args = typing.get_args(annotation)
    if typing.get_origin(annotation) is list and args:
        return _unwrap(args[0])
    if typing.get_origin(annotation) is dict and len(args) == 2:
        return _unwrap(args[1])
    return None


# ---------------------------------------------------------------- case rules


class Reporter:
    """Collects problems for one file, placing each at the position of its field."""

    def __init__(self, loaded: LoadedFile, display: str):
        self.loaded = loaded
        self.display = display
        self.problems: list[Problem] = []

    def add(self, loc: Loc, code: str, **params: Any) -> None:
        position = self.loaded.position(loc)
        self.problems.append(
            Problem.make(self.display, position.line, position.column, dotted(loc), code, **params)
        )


def case_rules(case: Case, report: Reporter, taxonomy: Taxonomy, today: dt.date) -> None:
    """Every cross-field rule of one case file."""
    _check_dates_not_future(case, report, today)
    _check_dates_in_order(case, report, taxonomy)
    _check_stage_requirements(case, report, taxonomy)
    _check_closure(case, report)
    _check_goal_references(case, report)
    _check_unique_ids(case, report)
    _check_age_consistency(case, report, taxonomy)
    _check_referral_consent(case, report)
    _check_publication(case, report, taxonomy)
    _check_notes(case, report, taxonomy)
    _check_taxonomy_version(case, report, taxonomy)
    _check_review(case, report)
    _check_completeness(case, report, taxonomy)
    _check_alias(case, report)
    _check_id_year(case, report)


# What the cohort page flags is a finding here first (facts.missing_stages, facts.consent_missing).
def _check_completeness(case: Case, report: Reporter, taxonomy: Taxonomy) -> None:
    for stage in missing_stages(case, taxonomy):
        report.add(("stages",), "stage.no_date", stage=stage,
                   label_id=taxonomy.label("stage", stage, "id"),
                   label_en=taxonomy.label("stage", stage, "en"))
    missing = consent_missing(case)
    if missing:
        report.add(("consent",), "consent.incomplete", fields=", ".join(missing))


_INITIALS = re.compile(r"^\s*(?:[A-Z]\.?\s?){1,4}\s*$")


def _check_alias(case: Case, report: Reporter) -> None:
    """An alias made only of capital letters (``MR``, ``M.R.``) reads as the client's initials."""
    alias = case.client.alias
    if _INITIALS.match(alias):
        report.add(("client", "alias"), "alias.initials", alias=alias)


def _check_id_year(case: Case, report: Reporter) -> None:
    """A case id ``K-YYYY-NNNN`` carries the year of its intake date."""
    match = re.match(r"^K-(\d{4})-\d+$", case.case_id)
    if match and int(match.group(1)) != case.intake.date.year:
        report.add(("case_id",), "case.id_year", case=case.case_id, year=match.group(1),
                   intake=case.intake.date.isoformat(), intake_year=case.intake.date.year)


def _dated_fields(case: Case) -> Iterator[tuple[Loc, dt.date]]:
    """Every date that records something that happened (not a target)."""
    yield ("intake", "date"), case.intake.date
    if case.consent.date:
        yield ("consent", "date"), case.consent.date
    if case.assessment:
        yield ("assessment", "date"), case.assessment.date
    if case.plan:
        yield ("plan", "date"), case.plan.date
    for kind in ("services", "referrals", "evaluations"):
        for index, item in enumerate(getattr(case, kind)):
            yield (kind, index, "date"), item.date
    for stage, start in case.stages.items():
        yield ("stages", stage), start
    if case.closure:
        yield ("closure", "date"), case.closure.date
    if case.record.review.date:
        yield ("record", "review", "date"), case.record.review.date


def _check_dates_not_future(case: Case, report: Reporter, today: dt.date) -> None:
    for loc, day in _dated_fields(case):
        if day > today:
            report.add(loc, "date.future", date=day.isoformat(), today=today.isoformat())


def _check_dates_in_order(case: Case, report: Reporter, taxonomy: Taxonomy) -> None:
    intake = case.intake.date
    for loc, day in _dated_fields(case):
        if loc[0] not in ("intake", "consent", "record") and day < intake:
            report.add(loc, "date.before_intake", date=day.isoformat(), intake=intake.isoformat())
    ordered = sorted(case.stages.items(), key=lambda item: stage_order(taxonomy, item[0]))
    for (earlier, first), (later, second) in itertools.pairwise(ordered):
        if second < first:
            report.add(("stages", later), "date.stage_order", stage=later, previous=earlier)
    if case.closure:
        _check_closure_is_last(case, report)
    _check_plan_after_assessment(case, report)
    if (case.assessment and case.stages and "assessment" not in case.stages
            and "assessment" not in missing_stages(case, taxonomy)):  # else stage.no_date says it
        report.add(("stages",), "stage.assessment_undated",
                   date=case.assessment.date.isoformat())


def _check_plan_after_assessment(case: Case, report: Reporter) -> None:
    if case.plan and case.assessment and case.plan.date < case.assessment.date:
        report.add(("plan", "date"), "date.plan_before_assessment", date=case.plan.date.isoformat(),
                   assessment=case.assessment.date.isoformat())


def _check_closure_is_last(case: Case, report: Reporter) -> None:
    closed = case.closure.date
    for loc, day in _dated_fields(case):
        if loc[0] in ("services", "evaluations", "referrals") and day > closed:
            report.add(loc, "date.after_closure", date=day.isoformat(), closure=closed.isoformat())
    termination = case.stages.get("termination")
    if termination and closed < termination:
        report.add(("closure", "date"), "date.closure_before_termination",
                   date=closed.isoformat(), termination=termination.isoformat())


_REQUIRED_BY_STAGE = (
    ("assessment", "assessment", lambda case: case.assessment),
    ("planning", "plan", lambda case: case.plan),
    ("intervention", "services", lambda case: case.services),
    ("evaluation", "evaluations", lambda case: case.evaluations),
    ("termination", "closure", lambda case: case.closure),
)


def _check_stage_requirements(case: Case, report: Reporter, taxonomy: Taxonomy) -> None:
    reached = stage_order(taxonomy, current_stage(case, taxonomy))
    for stage, field, present in _REQUIRED_BY_STAGE:
        if reached >= stage_order(taxonomy, stage) and not present(case):
            report.add(("stages",), "stage.requires", stage=stage, field=field)


def _check_closure(case: Case, report: Reporter) -> None:
    status = case.record.status
    if status in ("closed", "transferred_out") and case.closure is None:
        report.add(("record", "status"), "closure.missing", status=status)
    if status == "open" and case.closure is not None:
        report.add(("record", "status"), "closure.status_open")
    if case.closure and "termination" not in case.stages and case.stages:
        report.add(("stages",), "closure.no_termination_stage")


def _check_goal_references(case: Case, report: Reporter) -> None:
    goals = {goal.id for goal in case.plan.goals} if case.plan else set()
    groups = [("services", case.services)]
    if case.plan:
        groups.append((("plan", "planned_services"), case.plan.planned_services))
    for prefix, items in groups:
        base = prefix if isinstance(prefix, tuple) else (prefix,)
        for index, item in enumerate(items):
            for position, ref in enumerate(item.goals):
                if ref not in goals:
                    report.add(base + (index, "goals", position), "goal.unknown", goal=ref)


def _check_unique_ids(case: Case, report: Reporter) -> None:
    groups = [("services", case.services), ("referrals", case.referrals)]
    if case.plan:
        groups.append((("plan", "goals"), case.plan.goals))
    for prefix, items in groups:
        base = prefix if isinstance(prefix, tuple) else (prefix,)
        seen: set[str] = set()
        for index, item in enumerate(items):
            if item.id and item.id in seen:
                report.add(base + (index, "id"), "id.duplicate", id=item.id)
            seen.add(item.id or "")


def _check_age_consistency(case: Case, report: Reporter, taxonomy: Taxonomy) -> None:
    age = case.client.age
    code = case.classification.ppks
    if age is None or not taxonomy.has("ppks", code):
        return
    limits = taxonomy.entry("ppks", code).get("age") or {}
    low, high = limits.get("min"), limits.get("max")
    if (low is not None and age < low) or (high is not None and age > high):
        report.add(("client", "age"), "age.category", age=age, category=taxonomy.label("ppks", code),
                   category_en=taxonomy.label("ppks", code, "en"), range=_range(low, high))


def _range(low: int | None, high: int | None) -> str:
    if low is not None and high is not None:
        return f"{low}–{high}"
    return f"≥ {low}" if low is not None else f"≤ {high}"


def _check_referral_consent(case: Case, report: Reporter) -> None:
    if case.consent.override:
        return
    for index, referral in enumerate(case.referrals):
        if not referral.consent_checked:
            report.add(("referrals", index, "consent_checked"), "referral.consent")
        elif not case.consent.services:
            report.add(("referrals", index), "referral.no_service_consent")


def _check_publication(case: Case, report: Reporter, taxonomy: Taxonomy) -> None:
    publication = case.publication
    if publication.audience != "public":
        return
    where = ("publication", "audience")
    if not case.consent.publication:
        report.add(where, "publication.no_consent")
    if case.record.review.status != "approved":
        report.add(where, "publication.not_approved", status=case.record.review.status)
    if not publication.summary or not publication.title:
        report.add(("publication",), "publication.no_story")
    if is_childrens_case(case, taxonomy) or is_sensitive_case(case, taxonomy):
        report.add(where, "publication.protected_case")


def _check_notes(case: Case, report: Reporter, taxonomy: Taxonomy) -> None:
    for key in case.notes:
        if key != "reflection" and not taxonomy.has("stage", key):
            allowed = ", ".join([*taxonomy.codes("stage"), "reflection"])
            report.add(("notes", key), "notes.key", key=key, allowed=allowed)


def _check_taxonomy_version(case: Case, report: Reporter, taxonomy: Taxonomy) -> None:
    if case.taxonomy_version != taxonomy.version:
        report.add(("taxonomy_version",), "taxonomy.version", found=case.taxonomy_version,
                   expected=taxonomy.version)


def _check_review(case: Case, report: Reporter) -> None:
    review = case.record.review
    if review.status == "approved" and not review.reviewer:
        report.add(("record", "review", "reviewer"), "review.no_reviewer")


def case_period_rules(intake: dt.date | None, authors: Iterable[str], interns: dict[str, Intern],
                      report: Reporter) -> None:
    """A case's intake falls inside the placement period of each intern who wrote it."""
    for author in authors:
        intern = interns.get(author)
        if intake and intern and not intern.placement.start <= intake <= intern.placement.end:
            report.add(("intake", "date"), "date.outside_placement", date=intake.isoformat(),
                       intern=author, start=intern.placement.start.isoformat(),
                       end=intern.placement.end.isoformat())


# ---------------------------------------------------------------- intern rules


def intern_rules(intern: Intern, folder: str, report: Reporter, today: dt.date) -> None:
    placement = intern.placement
    if intern.id != folder:
        report.add(("id",), "intern.folder", id=intern.id, folder=folder)
    if placement.end < placement.start:
        report.add(("placement", "end"), "date.end_before_start")
    if placement.start > today:
        report.add(("placement", "start"), "date.future", date=placement.start.isoformat(),
                   today=today.isoformat())


def logbook_rules(logbook: Logbook, intern: Intern | None, report: Reporter, today: dt.date) -> None:
    for index, entry in enumerate(logbook.entries):
        loc = ("entries", index, "date")
        if entry.date > today:
            report.add(loc, "date.future", date=entry.date.isoformat(), today=today.isoformat())
        elif intern and not intern.placement.start <= entry.date <= intern.placement.end:
            report.add(loc, "logbook.outside_period", date=entry.date.isoformat())


# ---------------------------------------------------------------- skeleton placeholders


def placeholder_problems(loaded: LoadedFile, display: str, word: str,
                         examples: dict[Loc, str] | None = None, text: str = "") -> list[Problem]:
    """A warning for every text value still holding the skeleton's placeholder word, and for
    every example code still on a line the skeleton marked ``# <word>`` (``examples``: the
    example value of each marked field; ``text``: the file's text)."""
    report = Reporter(loaded, display)
    for loc, value in _strings(loaded.data, ()):
        if word in value:
            report.add(loc, "placeholder.left", word=word)
    lines = text.splitlines()
    for loc, example in (examples or {}).items():
        if _value_at(loaded.data, loc) != example:
            continue
        line = loaded.position(loc).line
        if 0 < line <= len(lines) and f"# {word}" in lines[line - 1]:
            report.add(loc, "placeholder.default", value=example, word=word)
    return report.problems


def _value_at(data: Any, loc: Loc) -> Any:
    for part in loc:
        if not isinstance(data, dict):
            return None
        data = data.get(part)
    return data


def placeholder_lines(text: str, display: str, word: str) -> list[Problem]:
    """The same warning for a Markdown chapter, by line."""
    return [Problem.make(display, number, line.index(word) + 1, "", "placeholder.left", word=word)
            for number, line in enumerate(text.splitlines(), start=1) if word in line]


def _strings(data: Any, loc: Loc) -> Iterator[tuple[Loc, str]]:
    if isinstance(data, str):
        yield loc, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from _strings(value, loc + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _strings(value, loc + (index,))
