"""Domain facts: what a case *is*, derived from its record and the taxonomy.

Every stage asks these questions (which stage a case has reached, whether it is a children's or
a sensitive case, its age group, cluster and length of service), so they live with the model.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from generator.model.records import Case

if TYPE_CHECKING:
    from generator.model.taxonomy import Taxonomy

UNKNOWN = "tidak_diketahui"


def stage_order(taxonomy: Taxonomy, stage: str) -> int:
    return int(taxonomy.entry("stage", stage).get("order", 99)) if taxonomy.has("stage", stage) else 99


def current_stage(case: Case, taxonomy: Taxonomy) -> str:
    """The latest stage the case has reached: from its stage dates, else from what it holds."""
    if case.stages:
        return max(case.stages, key=lambda stage: stage_order(taxonomy, stage))
    if case.closure:
        return "termination"
    for stage, present in (
        ("evaluation", case.evaluations),
        ("intervention", case.services),
        ("planning", case.plan),
        ("assessment", case.assessment),
    ):
        if present:
            return stage
    return "engagement_intake"


def is_childrens_case(case: Case, taxonomy: Taxonomy) -> bool:
    """A child client, or a children's category: such cases appear in public only as numbers."""
    code = case.classification.ppks
    minor_category = taxonomy.has("ppks", code) and bool(taxonomy.entry("ppks", code).get("minor"))
    return minor_category or (case.client.age is not None and case.client.age < 18)


def is_sensitive_case(case: Case, taxonomy: Taxonomy) -> bool:
    codes = [case.classification.ppks, *case.classification.secondary]
    return any(taxonomy.has("ppks", c) and taxonomy.entry("ppks", c).get("sensitive") for c in codes)


def cluster_of(case: Case, taxonomy: Taxonomy) -> str:
    """The ATENSI cluster: the case's override, else its main category's cluster."""
    if case.classification.cluster:
        return case.classification.cluster
    code = case.classification.ppks
    return str(taxonomy.entry("ppks", code).get("cluster") or UNKNOWN)


def age_group(age: int | None, taxonomy: Taxonomy, vocabulary: str = "age_group") -> str:
    """The code of the band of ``vocabulary`` holding ``age`` (``tidak_diketahui`` if none)."""
    if age is None:
        return UNKNOWN
    for code in taxonomy.codes(vocabulary):
        entry = taxonomy.entry(vocabulary, code)
        low, high = entry.get("min"), entry.get("max")
        if (low is None or age >= low) and (high is None or age <= high):
            return code
    return UNKNOWN


def duration_bucket(days: int, taxonomy: Taxonomy) -> str:
    """The ``duration_bucket`` code holding a number of days."""
    for code in taxonomy.codes("duration_bucket"):
        entry = taxonomy.entry("duration_bucket", code)
        low, high = entry.get("min_days"), entry.get("max_days")
        if (low is None or days >= low) and (high is None or days <= high):
            return code
    return UNKNOWN


def length_of_service(case: Case) -> int | None:
    """Days from intake to closure (None while open)."""
    return (case.closure.date - case.intake.date).days if case.closure else None


def last_recorded_date(case: Case) -> dt.date:
    """The latest date a case records: intake, stages, services, referrals, evaluations, closure."""
    dates = [case.intake.date, *case.stages.values()]
    dates += [day for service in case.services for day in (service.date, service.end_date) if day]
    dates += [referral.date for referral in case.referrals]
    dates += [evaluation.date for evaluation in case.evaluations]
    dates += [part.date for part in (case.assessment, case.plan, case.closure) if part is not None]
    return max(dates)
