"""Domain facts: what a case *is*, derived from its record and the taxonomy.

Every stage asks these questions (which stage a case has reached, whether it is a children's or
a sensitive case, its age group, cluster and length of service), so they live with the model.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
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


# ---------------------------------------------------------------- completeness (one rule book)
# What the lecturer's cohort page flags and what `casebook check` reports come from these
# functions, so the student sees every flag before the lecturer does.

EARLY_EXIT_GROUPS = ("disengaged", "other")
CONSENT_DETAILS = ("date", "form", "legal_basis")


def missing_stages(case: Case, taxonomy: Taxonomy) -> tuple[str, ...]:
    """Mandatory stages before the one reached that have no date in ``stages``.

    A case closed early (the client absconded, refused, died …) is only held to the stages
    before its last dated stage other than termination."""
    reached = stage_order(taxonomy, current_stage(case, taxonomy))
    if case.closure and _early_exit(case, taxonomy):
        dated = [stage_order(taxonomy, s) for s in case.stages if s != "termination"]
        reached = max(dated, default=0) + 1
    mandatory = [
        code for code in taxonomy.codes("stage") if not taxonomy.entry("stage", code).get("optional")
    ]
    return tuple(
        code for code in mandatory if stage_order(taxonomy, code) < reached and code not in case.stages
    )


def _early_exit(case: Case, taxonomy: Taxonomy) -> bool:
    outcome = case.closure.outcome
    return (
        taxonomy.has("outcome", outcome)
        and taxonomy.entry("outcome", outcome).get("group") in EARLY_EXIT_GROUPS
    )


def consent_missing(case: Case) -> tuple[str, ...]:
    """Which of the consent record's date, form and legal basis are empty.

    When consent could not be obtained and the override is recorded, there is no consent to
    date or give a form to: only the legal basis is asked for."""
    consent = case.consent
    details = ("legal_basis",) if consent.override else CONSENT_DETAILS
    return tuple(name for name in details if not getattr(consent, name))


def left_out_of_report(publication: bool, childrens: Callable[[], bool], mode: str = "report"
                       ) -> str | None:
    """Why a case chosen for the report's case studies is not told there (None: it is told).

    ``no_publication_consent``: the client did not consent to de-identified publication;
    ``childrens_case``: an article (``mode="article"``) never tells a children's case
    (``childrens`` is asked only then)."""
    if not publication:
        return "no_publication_consent"
    if mode == "article" and childrens():
        return "childrens_case"
    return None
