"""One rule book: what the lecturer's cohort page flags, and the date order across a case, are
`casebook check` findings from the same functions (generator/model/facts.py)."""

from __future__ import annotations

import copy
import datetime as dt

import pytest

from generator.model.facts import consent_missing, missing_stages
from generator.model.records import Case
from tests.test_validate import SAMPLE, TAXONOMY, rule_problems


def case_with(**changes) -> dict:
    data = copy.deepcopy(SAMPLE)
    for dotted, value in changes.items():
        target = data
        *parents, last = dotted.split("__")
        for part in parents:
            target = target[int(part)] if part.isdigit() else target[part]
        if value is None:
            target.pop(last, None)
        else:
            target[last] = value
    return data


def test_the_sample_case_is_clean_and_each_slip_gives_its_code() -> None:
    assert rule_problems(SAMPLE) == []


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"consent__form": None}, ("consent.incomplete", "consent")),
        ({"client__alias": "MR"}, ("alias.initials", "client.alias")),
        ({"client__alias": "M.R."}, ("alias.initials", "client.alias")),
        ({"client__alias": "M. R"}, ("alias.initials", "client.alias")),
        ({"case_id": "K-2026-0001"}, ("case.id_year", "case_id")),
    ],
)
def test_a_slip_gives_its_finding(changes: dict, expected: tuple[str, str]) -> None:
    assert expected in rule_problems(case_with(**changes))


def test_a_pseudonym_is_not_initials() -> None:
    assert not [c for c in rule_problems(case_with(client__alias="Klien Pemuda")) if c[0] == "alias.initials"]
    assert not [c for c in rule_problems(case_with(client__alias="Klien A")) if c[0] == "alias.initials"]


def test_plan_dated_before_the_assessment() -> None:
    data = case_with()
    data["plan"]["date"] = data["assessment"]["date"] - dt.timedelta(days=1)
    assert ("date.plan_before_assessment", "plan.date") in rule_problems(data)


def test_closure_before_the_termination_stage_and_before_the_last_referral() -> None:
    data = case_with()
    assert data.get("closure") and data["referrals"], "the sample case is closed with a referral"
    closed = data["closure"]["date"]
    data["stages"]["termination"] = closed + dt.timedelta(days=2)
    data["referrals"][-1]["date"] = closed + dt.timedelta(days=1)
    found = rule_problems(data)
    assert ("date.closure_before_termination", "closure.date") in found
    assert ("date.after_closure", f"referrals[{len(data['referrals']) - 1}].date") in found


def test_a_filled_assessment_needs_its_stage_date() -> None:
    # past the assessment stage: the cohort page's "stage without a date", said once
    found = rule_problems(case_with(stages__assessment=None))
    assert ("stage.no_date", "stages") in found
    assert ("stage.assessment_undated", "stages") not in found
    # still at intake, with the assessment already written
    data = case_with()
    data["stages"] = {"engagement_intake": data["stages"]["engagement_intake"]}
    for later in ("plan", "services", "referrals", "evaluations", "closure"):
        data.pop(later, None)
    data["record"]["status"] = "open"
    data["publication"] = {"audience": "review"}
    found = rule_problems(data)
    assert ("stage.assessment_undated", "stages") in found, found


def test_check_and_the_cohort_page_use_the_same_functions() -> None:
    data = case_with(consent__form=None, consent__date=None)
    case = Case.model_validate(data, context={"taxonomy": TAXONOMY})
    assert consent_missing(case) == ("date", "form")
    assert missing_stages(case, TAXONOMY) == ()
    assert ("consent.incomplete", "consent") in rule_problems(data)
