"""The privacy view: what of a case may reach the public site, by allow-list and generalisation.

The public build never renders from the raw record. ``public_view`` copies into a ``PublicCase`` only
fields on an allow-list, each generalised (research privacy.md §7.3, domain.md §4.5):

- a fresh opaque page id (a keyed hash of the case id, see ``public_id``), never the case id;
- the office's city (never a district, a village or a street), the public age group (0–17 / 18–59 /
  60+), sex, the PPKS category (its ATENSI cluster when the category is rare), the intake *quarter*,
  the intake channel, services as rehabilitation forms with provider *types* (never facility names),
  the stages completed, the outcome, the goal attainment and a duration bucket;
- the story: ``publication.title`` and ``publication.summary``, the only free text that reaches the
  public, written and approved for it.

Everything else (alias, case id, authors and reviewers, day-level dates, exact age, district,
facility names, notes, reasons, assessments) is simply never copied. Only cases that pass
``is_story`` become stories; every other case appears on the public site only inside the
statistics, which have their own disclosure control.

Page ids. ``public_id`` is HMAC-SHA256(salt, case_id) written with 8 lower-case consonants (no
digits, so an id can never look like a number or a date to the leak audit; no vowels, so it never
spells a name). ``project_salt`` takes the salt from the private file ``private/public-id.key`` when
it exists (stable ids across any edit), else from a hash of private fields of *every* case (alias,
exact dates and age, never published): byte-identical inputs give byte-identical ids, and a reader
who sees only the public site cannot recompute the salt, so cannot test guesses of case ids.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from generator.errors import CasebookError
from generator.model.facts import (
    age_group,
    cluster_of,
    current_stage,
    duration_bucket,
    is_childrens_case,
    is_sensitive_case,
    length_of_service,
)
from generator.model.project import Project
from generator.model.records import Case, Office
from generator.model.taxonomy import Taxonomy
from generator.privacy.wall import PublicCase, PublicOffice, PublicService, PublicView

SALT_FILE = Path("private") / "public-id.key"
ID_ALPHABET = "bcdfghjkmnpqrstvwxz"  # consonants only: no digits, no vowels
ID_LENGTH = 8
DELIVERED_SERVICE = ("implemented",)
REFERRAL_DONE = ("accepted", "completed")


class NotPublishable(CasebookError, ValueError):
    """The case may not become a public story (no consent, not approved, protected...)."""


# ---------------------------------------------------------------- who may become a story


def has_sensitive_subgroup(case: Case, taxonomy: Taxonomy) -> bool:
    """A sensitive field subgroup (ODGJ, pasung...): health data, aggregates only (LEG-3)."""
    return any(
        taxonomy.has("subgroup", code) and taxonomy.entry("subgroup", code).get("sensitive")
        for code in case.classification.subgroups
    )


def refusal(case: Case, taxonomy: Taxonomy) -> str | None:
    """Why a case may not be a public story, or None when it may."""

    publication = case.publication
    checks = (
        (publication.audience != "public", "audience"),
        (not case.consent.publication, "consent"),
        (case.record.review.status != "approved", "review"),
        (not (publication.title and publication.summary), "story"),
        (is_childrens_case(case, taxonomy), "child"),
        (is_sensitive_case(case, taxonomy) or has_sensitive_subgroup(case, taxonomy), "sensitive"),
    )
    return next((reason for failed, reason in checks if failed), None)


def is_story(case: Case, taxonomy: Taxonomy) -> bool:
    """True when the case may appear as a public story (all conditions hold)."""
    return refusal(case, taxonomy) is None


# ---------------------------------------------------------------- opaque ids


def public_id(case_id: str, salt: bytes) -> str:
    """An opaque page id: a keyed hash of the case id, 8 consonants (see module notes)."""
    number = int.from_bytes(hmac.new(salt, case_id.encode("utf-8"), hashlib.sha256).digest(), "big")
    letters = []
    for _ in range(ID_LENGTH):
        number, digit = divmod(number, len(ID_ALPHABET))
        letters.append(ID_ALPHABET[digit])
    return "".join(letters)


def project_salt(project: Project) -> bytes:
    """The id salt: ``private/public-id.key`` when present, else a hash of private case fields."""
    key_file = Path(project.root) / SALT_FILE
    if key_file.is_file() and key_file.read_bytes().strip():
        return hashlib.sha256(b"casebook-public-id\0" + key_file.read_bytes().strip()).digest()
    digest = hashlib.sha256(b"casebook-public-id-fallback\0")
    for doc in project.sorted_cases():
        case = doc.case
        private = (
            case.case_id,
            case.client.alias,
            case.intake.date,
            case.client.age,
            case.consent.date,
        )
        digest.update(repr(private).encode("utf-8") + b"\0")
    return digest.digest()


# ---------------------------------------------------------------- generalisation


def quarter_of(day: dt.date) -> str:
    """``2025-T1`` for a date in January–March 2025."""
    return f"{day.year}-T{(day.month - 1) // 3 + 1}"


def public_category(case: Case, taxonomy: Taxonomy) -> tuple[str, str]:
    """The PPKS category, or its ATENSI cluster when the category is rare: (code, vocabulary)."""

    code = case.classification.ppks
    if taxonomy.has("ppks", code) and taxonomy.entry("ppks", code).get("rare"):
        return cluster_of(case, taxonomy), "atensi_cluster"
    return code, "ppks"


def delivered_services(case: Case) -> tuple[PublicService, ...]:
    """Distinct (form, provider type) of delivered services, in first-delivery order."""
    seen: dict[PublicService, None] = {}
    for service in sorted(case.services, key=lambda s: s.date):
        if service.status in DELIVERED_SERVICE:
            seen.setdefault(PublicService(service.form, service.provider), None)
    return tuple(seen)


def referral_providers(case: Case) -> tuple[str, ...]:
    """Distinct provider types of referrals that were accepted or completed."""
    done = [r for r in sorted(case.referrals, key=lambda r: r.date) if r.status in REFERRAL_DONE]
    return tuple(dict.fromkeys(r.provider for r in done))


def completed_stages(case: Case, taxonomy: Taxonomy) -> tuple[str, ...]:
    """Stages the case went through: all dated stages once closed, else all but the current one."""

    def rank(stage: str) -> int:
        return (
            int(taxonomy.entry("stage", stage).get("order", 99))
            if taxonomy.has("stage", stage)
            else 99
        )

    ordered = sorted(case.stages, key=lambda stage: (rank(stage), stage))
    if case.closure is None:
        current = current_stage(case, taxonomy)
        ordered = [stage for stage in ordered if stage != current]
    return tuple(ordered)


def closure_facts(case: Case, taxonomy: Taxonomy) -> tuple[str | None, str | None, str | None]:
    """(outcome, goal attainment, duration bucket) of a closed case; Nones while open."""

    if case.closure is None:
        return None, None, None
    days = length_of_service(case)
    return case.closure.outcome, case.closure.goal_attainment, duration_bucket(days, taxonomy)


def public_view(doc_or_case: Any, project: Project, *, salt: bytes) -> PublicCase:
    """The public projection of one case; raises NotPublishable unless ``is_story`` holds."""

    case: Case = getattr(doc_or_case, "case", doc_or_case)
    taxonomy = project.taxonomy
    reason = refusal(case, taxonomy)
    if reason is not None:
        raise NotPublishable(reason)
    category, vocabulary = public_category(case, taxonomy)
    outcome, attainment, duration = closure_facts(case, taxonomy)
    return PublicCase(
        public_id=public_id(case.case_id, salt),
        title=case.publication.title.strip(),
        summary=case.publication.summary.strip(),
        city=project.office.city if project.office else "",
        sex=case.client.sex,
        age_group=age_group(case.client.age, taxonomy, "public_age_group"),
        category=category,
        category_vocabulary=vocabulary,
        quarter=quarter_of(case.intake.date),
        channel=case.intake.channel,
        services=delivered_services(case),
        referrals=referral_providers(case),
        stages=completed_stages(case, taxonomy),
        outcome=outcome,
        attainment=attainment,
        duration=duration,
    )


def public_stories(project: Project, *, salt: bytes | None = None) -> list[PublicCase]:
    """Every approved story, newest quarter first, then by page id (never by case id)."""
    salt = project_salt(project) if salt is None else salt
    stories = [
        public_view(doc, project, salt=salt) for doc in _story_docs(project.sorted_cases(), project)
    ]
    ids = [story.public_id for story in stories]
    if len(set(ids)) != len(ids):  # 19^8 ids: a clash is astronomically unlikely, but never silent
        raise ValueError("two public stories got the same page id; add private/public-id.key")
    return sorted(stories, key=lambda s: (-s.year, -s.quarter_number, s.public_id))


def _story_docs(docs: Iterable[Any], project: Project) -> list[Any]:
    return [doc for doc in docs if is_story(doc.case, project.taxonomy)]


# ---------------------------------------------------------------- the view of the public site


def site_view(project: Project, *, lang: str | None, home: bool) -> PublicView:
    """What the public story and home pages may show of ``project`` (``home``: make a home page)."""
    office = project.office
    return PublicView(
        lang=lang or project.settings.language,
        site_name=office.name if office else (project.settings.public_site_name or "Casebook"),
        office=public_office(office) if office else None,
        stories=tuple(public_stories(project)),
        label=project.taxonomy.label,
        home=home,
    )


def public_office(office: Office) -> PublicOffice:
    """The office's own public profile."""
    return PublicOffice(
        name=office.name,
        city=office.city,
        about=office.about,
        vision=office.vision,
        mission=tuple(office.mission),
        services=tuple(office.services),
        address=office.address,
        phone=office.phone,
    )
