"""Validation: schema errors become positioned problems; the casework rules catch what a schema cannot."""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path

import pytest
import yaml
from conftest import REPO

from generator.load.source import load_yaml_text
from generator.model.records import Case, Intern, Office
from generator.model.taxonomy import load_taxonomy
from generator.problems import Problem, catalog_codes, catalog_entry, format_problem, summary
from generator.validate.rules import (
    Reporter,
    case_rules,
    current_stage,
    dotted,
    intern_rules,
    is_childrens_case,
    validate_document,
)

TAXONOMY = load_taxonomy(REPO)
TODAY = dt.date(2026, 11, 22)
SAMPLE = yaml.safe_load((REPO / "cases" / "K-2025-0001.yaml").read_text(encoding="utf-8"))
# A week-one case: open, intake stage, only what is required.
MINIMAL = {
    "taxonomy_version": TAXONOMY.version,
    "case_id": "K-2026-0001",
    "record": {"authors": ["dewi-lestari-2025"]},
    "client": {"alias": "Klien A", "sex": "perempuan"},
    "consent": {"given_by": "klien", "services": True},
    "intake": {"date": "2026-11-02", "channel": "walk_in", "source": "datang_sendiri",
               "presenting_problem": "Datang meminta bantuan."},
    "classification": {"ppks": "fakir_miskin"},
}


def _text(data: dict) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, default_flow_style=False)


def schema_problems(text: str, model=Case) -> list[Problem]:
    loaded = load_yaml_text(text, Path("c.yaml"), "c.yaml")
    document, problems = validate_document(loaded, model, "c.yaml", {"taxonomy": TAXONOMY})
    assert (document is None) == bool(problems)
    return problems


def rule_problems(data: dict) -> list[tuple[str, str]]:
    """(code, path) of every rule problem of a schema-valid case."""
    text = _text(data)
    loaded = load_yaml_text(text, Path("c.yaml"), "c.yaml")
    case, problems = validate_document(loaded, Case, "c.yaml", {"taxonomy": TAXONOMY})
    assert problems == [], [format_problem(p, "en") for p in problems]
    report = Reporter(loaded, "c.yaml")
    case_rules(case, report, TAXONOMY, TODAY)
    return sorted((p.code, p.path) for p in report.problems)


def codes(problems: list[Problem]) -> list[tuple[str, str, int, int]]:
    return [(p.code, p.path, p.line, p.column) for p in problems if p.code != "rules.skipped"]


def test_week_one_case_and_sample_are_clean() -> None:
    # Only what the schema requires: the lecturer's page would flag the consent details.
    assert rule_problems(MINIMAL) == [("consent.incomplete", "consent")]
    consent = {"date": "2026-11-02", "form": "lisan_dicatat", "legal_basis": ["persetujuan_eksplisit"]}
    assert rule_problems({**MINIMAL, "consent": {**MINIMAL["consent"], **consent}}) == []
    assert rule_problems(SAMPLE) == []


def test_missing_field_points_at_its_mapping_key() -> None:
    text = _text(MINIMAL).replace("  source: datang_sendiri\n", "")
    assert codes(schema_problems(text)) == [("field.missing", "intake.source", 12, 1)]


def test_missing_top_level_section_points_at_the_document() -> None:
    data = {k: v for k, v in MINIMAL.items() if k != "consent"}
    assert codes(schema_problems(_text(data))) == [("field.missing", "consent", 1, 1)]


def test_unknown_key_has_did_you_mean_and_hides_the_missing_twin() -> None:
    text = _text(MINIMAL).replace("  presenting_problem:", "  presentingproblem:")
    problems = schema_problems(text)
    assert codes(problems) == [("field.unknown", "intake.presentingproblem", 16, 3)]
    assert problems[0].message("en") == "unknown key 'presentingproblem' — presenting_problem?"


def test_unknown_key_without_a_twin_keeps_the_missing_field() -> None:
    text = _text(MINIMAL).replace("  presenting_problem:", "  catatan:")
    assert {p.code for p in schema_problems(text)} == {"field.unknown", "field.missing", "rules.skipped"}


def test_unknown_key_inside_a_list_item_and_a_dict_value() -> None:
    data = copy.deepcopy(SAMPLE)
    data["services"][1]["fom"] = data["services"][1].pop("form")
    data["assessment"]["domains"]["fisik"]["ratng"] = 2
    found = {(p.code, p.path, p.params) for p in schema_problems(_text(data))}
    assert ("field.unknown", "services[1].fom", (("dym", " — form?"), ("key", "fom"), ("suggestion", "form"))) in found
    assert any(code == "field.unknown" and path == "assessment.domains.fisik.ratng" for code, path, _ in found)


@pytest.mark.parametrize(("section", "key", "value", "code"), [
    ("client", "sex", "wanita", "field.vocabulary"),
    ("client", "age", "tiga", "field.type"),
    ("client", "age", 130, "field.range"),
    ("client", "alias", "K" * 41, "field.too_long"),
    ("intake", "date", "2026-02-30", "field.date"),
    ("intake", "date", "30-01-2026", "field.date"),
    ("intake", "presenting_problem", "", "field.empty"),
    ("record", "authors", [], "field.empty"),
    ("record", "authors", ["dewi lestari"], "field.pattern"),
    ("consent", "services", "mungkin", "field.type"),
    ("classification", "subgroups", "gepeng", "field.type"),
])
def test_schema_error_codes(section: str, key: str, value, code: str) -> None:
    data = copy.deepcopy(MINIMAL)
    data[section][key] = value
    found = [p for p in schema_problems(_text(data)) if p.code != "rules.skipped"]
    assert [p.code for p in found] == [code]
    assert found[0].path.startswith(f"{section}.{key}")
    assert found[0].message("id") and found[0].message("en") and found[0].hint("en")


def test_literal_choice_and_vocabulary_key() -> None:
    data = copy.deepcopy(MINIMAL)
    data["publication"] = {"audience": "semua"}
    data["stages"] = {"asesmen": "2026-11-03"}
    found = {(p.code, p.path) for p in schema_problems(_text(data))}
    assert found == {("field.choice", "publication.audience"), ("field.vocabulary", "stages.asesmen"),
                     ("rules.skipped", "")}


def test_type_names_follow_the_language() -> None:
    data = copy.deepcopy(MINIMAL)
    data["client"]["age"] = "tiga"
    problem = next(p for p in schema_problems(_text(data)) if p.code == "field.type")
    assert problem.message("id") == "'tiga' bukan bilangan bulat"
    assert problem.message("en") == "'tiga' is not a whole number"


def test_rules_note_only_for_files_with_rules() -> None:
    text = _text(MINIMAL).replace("sex: perempuan", "sex: x")
    assert "rules.skipped" in {p.code for p in schema_problems(text)}
    office = (REPO / "office.yaml").read_text(encoding="utf-8").replace("city:", "kota:")
    assert "rules.skipped" not in {p.code for p in schema_problems(office, Office)}


def test_empty_and_non_mapping_documents() -> None:
    assert codes(schema_problems("")) == [("file.empty", "", 1, 1)]
    assert codes(schema_problems("- a\n- b\n")) == [("file.not_mapping", "", 1, 1)]


def _with(**changes) -> dict:
    data = copy.deepcopy(SAMPLE)
    for dotted_path, value in changes.items():
        *parents, last = dotted_path.split("__")
        target = data
        for part in parents:
            target = target[int(part)] if part.isdigit() else target[part]
        if value is _DELETE:
            del target[last]
        else:
            target[last] = value
    return data


_DELETE = object()


@pytest.mark.parametrize(("changes", "expected"), [
    ({"services__0__date": "2025-03-01"}, ("date.before_intake", "services[0].date")),
    ({"evaluations__1__date": "2025-06-10"}, ("date.after_closure", "evaluations[1].date")),
    ({"record__status": "open"}, ("closure.status_open", "record.status")),
    ({"stages__termination": _DELETE}, ("closure.no_termination_stage", "stages")),
    ({"consent__services": False}, ("referral.no_service_consent", "referrals[0]")),
    ({"publication__summary": _DELETE}, ("publication.no_story", "publication")),
    ({"notes__penutupan": "Catatan."}, ("notes.key", "notes.penutupan")),
    ({"taxonomy_version": "2024.1"}, ("taxonomy.version", "taxonomy_version")),
    ({"record__review": {"status": "approved"}}, ("review.no_reviewer", "record.review.reviewer")),
    ({"plan__goals__1__id": "T1"}, ("id.duplicate", "plan.goals[1].id")),
    ({"plan__planned_services__0__goals": ["T9"]}, ("goal.unknown", "plan.planned_services[0].goals[0]")),
    ({"classification__ppks": "anak_jalanan", "client__age": 23},
     ("age.category", "client.age")),
])
def test_case_rules(changes: dict, expected: tuple[str, str]) -> None:
    assert expected in rule_problems(_with(**changes))


def test_consent_override_allows_a_referral_without_checked_consent() -> None:
    data = _with(referrals__0__consent_checked=False)
    assert ("referral.consent", "referrals[0].consent_checked") in rule_problems(data)
    data["consent"]["override"] = {"by": "PS-01", "reason": "Klien tidak sadar; rujukan darurat ke RS."}
    assert not any(code.startswith("referral.") for code, _ in rule_problems(data))


def test_children_and_stages() -> None:
    loaded = load_yaml_text(_text(MINIMAL), Path("c"), "c")
    case, _ = validate_document(loaded, Case, "c", {"taxonomy": TAXONOMY})
    assert current_stage(case, TAXONOMY) == "engagement_intake"
    assert not is_childrens_case(case, TAXONOMY)
    child = case.model_copy(update={"client": case.client.model_copy(update={"age": 15})})
    assert is_childrens_case(child, TAXONOMY)
    sample, _ = validate_document(load_yaml_text(_text(SAMPLE), Path("s"), "s"), Case, "s",
                                  {"taxonomy": TAXONOMY})
    assert current_stage(sample, TAXONOMY) == "termination"


def test_intern_rules() -> None:
    text = (REPO / "interns" / "dewi-lestari-2025" / "intern.yaml").read_text(encoding="utf-8")
    text = text.replace("end: 2025-06-27", "end: 2025-01-10")
    loaded = load_yaml_text(text, Path("i"), "i")
    intern, problems = validate_document(loaded, Intern, "i", {"taxonomy": TAXONOMY})
    assert problems == []
    report = Reporter(loaded, "i")
    intern_rules(intern, "another-folder", report, dt.date(2025, 1, 1))
    assert sorted(p.code for p in report.problems) == ["date.end_before_start", "date.future", "intern.folder"]


def test_dotted_paths() -> None:
    assert dotted(("services", 2, "form")) == "services[2].form"
    assert dotted(()) == ""


def test_every_catalog_entry_is_complete() -> None:
    for code in catalog_codes():
        entry = catalog_entry(code)
        assert entry["severity"] in ("error", "warning", "note"), code
        assert entry["id"] and entry["en"], code
        assert ("hint_id" in entry) == ("hint_en" in entry), code


def test_summary_counts_errors_and_warnings_not_notes() -> None:
    problems = [
        Problem.make("a", 1, 1, "", "field.empty"),
        Problem.make("a", 1, 1, "", "rules.skipped"),
        Problem.make("a", 2, 1, "", "age.category", age=1, category="x", category_en="x", range="1"),
    ]
    assert summary(problems, 1, "en") == "1 file(s) checked: 1 error(s), 1 warning(s)."
    assert "catatan[rules.skipped]" in format_problem(problems[1], "id")
