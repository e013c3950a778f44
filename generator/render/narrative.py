"""The casework narrative: one case told stage by stage, as in a practicum case study.

``render_narrative(case, taxonomy, lang)`` is what ``casebook render`` prints: a title and one
section per stage (identity, engagement and intake, assessment, plan, intervention, referrals,
monitoring, termination or next steps, reflection), in prose generated from the structured
fields and woven with the intern's own stage notes. It has no links, so an intern can paste it
into a report; the review site's case page adds its metadata around the same sections.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from generator.model.facts import current_stage, is_childrens_case, is_sensitive_case
from generator.model.records import Case, Evaluation, PlanRevision, Referral, Service
from generator.render.text import (
    Raw,
    Voice,
    case_page_path,
    cell,
    clause,
    intern_page_path,
    lower_first,
    markdown_note,
    md_link,
    paragraphs,
    people_names,
    sentence,
    table,
    upper_first,
)

if TYPE_CHECKING:
    from generator.model.project import CaseDoc, Project
    from generator.model.taxonomy import Taxonomy

# Which narrative section each stage note belongs to.
NOTE_SECTION = {
    "engagement_intake": "engagement",
    "assessment": "assessment",
    "planning": "planning",
    "intervention": "intervention",
    "resocialization": "intervention",
    "evaluation": "evaluation",
    "termination": "termination",
    "aftercare": "termination",
}
SKIPPED_SOURCES = ("datang_sendiri", "lainnya")
UNKNOWN = "tidak_diketahui"
NOTES_AT_END = {"planning": True, "evaluation": True}


def render_narrative(
    case: Case, taxonomy: Taxonomy, lang: str = "id", people: Mapping[str, str] | None = None
) -> str:
    """The whole narrative of one case as Markdown (title and sections).

    ``people`` maps staff ids (e.g. who overrode consent) to names; ids are shown otherwise.
    """
    voice = Voice(lang, taxonomy, case.case_id, dict(people or {}))
    return f"# {narrative_title(case, voice)}\n\n{narrative_body(case, voice)}\n"


def narrative_title(case: Case, v: Voice) -> str:
    return v.say("title.case", case_id=case.case_id, alias=clean_alias(case))


def clean_alias(case: Case) -> str:
    return cell(case.client.alias)


def narrative_body(case: Case, v: Voice) -> str:
    """Every section that has something to say, as ``## heading`` blocks."""
    blocks: list[str] = []
    for name, make in SECTIONS:
        generated = make(case, v)
        said = folded(" ".join([*blocks, generated]))
        notes = [not_said_again(note, said) for note in section_notes(case, name)]
        body = weave(generated, [n for n in notes if n], NOTES_AT_END.get(name, False))
        if name == "reflection" or body:
            blocks.append(f"## {v.say('heading.' + name)}\n\n{body or reflection_missing(v)}")
    return "\n\n".join(blocks)


_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“(])")


def folded(text: str) -> str:
    return " ".join(text.split()).casefold()


def not_said_again(note: str, said: str) -> str:
    """A stage note without the sentences the narrative already says (the placement the
    structured fields record, written again in the note): no fact is told twice. Notes with
    Markdown structure (lists, paragraphs) are kept whole."""
    if "\n" in note.strip():
        return note
    kept = [part for part in _SENTENCE_BREAK.split(note.strip())
            if folded(part).rstrip(".") not in said]
    return " ".join(kept)


def weave(generated: str, notes: list[str], at_end: bool) -> str:
    """The intern's notes after the section's first paragraph (or at its end)."""
    blocks = [block for block in generated.split("\n\n") if block.strip()]
    cut = len(blocks) if at_end else min(1, len(blocks))
    return paragraphs(*blocks[:cut], *notes, *blocks[cut:])


def section_notes(case: Case, section: str) -> list[str]:
    """The intern's notes that belong in a section, in stage order."""
    return [
        markdown_note(text)
        for stage, text in case.notes.items()
        if NOTE_SECTION.get(stage) == section and stage != "resocialization"
    ]


# ---------------------------------------------------------------- identity


def identity(case: Case, v: Voice) -> str:
    return paragraphs(
        " ".join(
            filter(
                None,
                [
                    person_sentence(case, v),
                    background_sentence(case, v),
                    living_sentence(case, v),
                    documents_sentence(case, v),
                    health_sentence(case, v),
                ],
            )
        ),
        classification_text(case, v),
    )


def is_child(case: Case, v: Voice) -> bool:
    client = case.client
    if client.age is not None:
        return client.age < 18
    code = case.classification.ppks
    return v.taxonomy.has("ppks", code) and bool(v.taxonomy.entry("ppks", code).get("minor"))


def age_band(case: Case, v: Voice) -> str:
    age = case.client.age
    if is_child(case, v):
        return "child"
    return "elder" if age is not None and age >= 60 else "adult"


def person_sentence(case: Case, v: Voice) -> str:
    client = case.client
    noun = v.say(f"noun.{client.sex}.{age_band(case, v)}")
    age = ""
    if client.age is not None:
        age = v.say(
            "identity.age_estimated" if client.age_estimated else "identity.age", age=client.age
        )
    origin = ""
    if client.origin and client.origin != UNKNOWN:
        origin = v.say_for("identity.origin", client.origin, origin=v.term("origin", client.origin))
    return v.say("identity.person", alias=clean_alias(case), noun=noun, age=age, origin=origin)


def background_sentence(case: Case, v: Voice) -> str:
    client = case.client
    parts = []
    if client.education and client.education != UNKNOWN:
        parts.append(
            v.say_for(
                "identity.education", client.education, value=v.term("education", client.education)
            )
        )
    if client.marital_status and client.marital_status != UNKNOWN and not is_child(case, v):
        parts.append(
            v.say_for(
                "identity.marital",
                client.marital_status,
                value=v.term("marital_status", client.marital_status),
            )
        )
    return upper_first(v.join(parts)) + "." if parts else ""


def living_sentence(case: Case, v: Voice) -> str:
    situation = case.client.living_situation
    if not situation or situation == UNKNOWN:
        return ""
    return v.say_for("identity.living", situation, value=v.term("living_situation", situation))


def documents_sentence(case: Case, v: Voice) -> str:
    documents = case.client.documents
    if documents is None:
        return ""
    groups: dict[str, list[str]] = {"ada": [], "tidak_ada": [], UNKNOWN: []}
    for key in ("ktp", "kk", "bpjs"):
        status = getattr(documents, key)
        if status:
            groups[status].append(v.say(f"document.{key}"))
    held = [
        v.say(f"documents.{status}", docs=v.join(groups[status]))
        for status in ("ada", "tidak_ada")
        if groups[status]
    ]
    unknown = v.join(groups[UNKNOWN])
    if not held:
        return v.say("documents.only_unknown", docs=unknown) if unknown else ""
    text = v.say("documents.intro", held=v.join(held, v.say("word.but")))
    return text + (v.say("documents.unknown", docs=unknown) if unknown else "") + "."


def health_sentence(case: Case, v: Voice) -> str:
    client = case.client
    parts = []
    if client.disability:
        severity = client.disability.severity
        parts.append(
            v.say(
                "identity.disability",
                type=v.term("disability_type", client.disability.type),
                severity=v.say("identity.severity", value=v.term("severity", severity))
                if severity
                else "",
            )
        )
    if client.health_flags:
        parts.append(v.say("identity.health", flags=v.terms("health_flag", client.health_flags)))
    return " ".join(parts)


def classification_text(case: Case, v: Voice) -> str:
    cls = case.classification
    subgroups = (
        v.say("identity.subgroups", groups=v.terms("subgroup", cls.subgroups))
        if cls.subgroups
        else ""
    )
    parts = [v.say("identity.category", category=v.label("ppks", cls.ppks), subgroups=subgroups)]
    if cls.secondary:
        parts.append(
            v.say(
                "identity.secondary", categories=v.join([v.label("ppks", c) for c in cls.secondary])
            )
        )
    if cls.risk_level:
        parts.append(v.say("identity.risk", risk=v.term("risk_level", cls.risk_level)))
    if cls.problem_factors:
        parts.append(
            v.say("identity.factors", factors=v.terms("problem_factor", cls.problem_factors))
        )
    return " ".join(parts)


# ---------------------------------------------------------------- engagement and intake


def engagement(case: Case, v: Voice) -> str:
    intake = case.intake
    return paragraphs(
        " ".join(
            filter(
                None,
                [
                    intake_sentence(case, v),
                    district_sentence(case, v),
                    modality_sentence(case, v),
                    placement_sentence(case, v),
                ],
            )
        ),
        " ".join(filter(None, [v.say("intake.problem", problem=sentence(intake.presenting_problem)),
                               left_home_sentence(case, v)])),
        consent_text(case, v),
    )


def intake_sentence(case: Case, v: Voice) -> str:
    intake = case.intake
    source = ""
    if intake.source not in SKIPPED_SOURCES:
        key = "intake.source_from" if intake.channel == "referral_in" else "intake.source"
        source = v.say_for(key, intake.source, source=v.term("referral_source", intake.source))
    return v.say(
        "intake.met",
        date=v.date(intake.date),
        alias=clean_alias(case),
        channel=v.term("intake_channel", intake.channel) + joint_channels(case, v),
        source=source,
    )


def joint_channels(case: Case, v: Voice) -> str:
    """`` yang digelar bersama razia gabungan``: the other channels of one operation."""
    others = [code for code in case.intake.joint_channels if code != case.intake.channel]
    return v.say("intake.joint", others=v.terms("intake_channel", others)) if others else ""


def left_home_sentence(case: Case, v: Voice) -> str:
    departure = case.intake.left_home
    if not departure:
        return ""
    return v.say("intake.left_home", departure=v.term("departure", departure))


def district_sentence(case: Case, v: Voice) -> str:
    district = cell(case.intake.district) if case.intake.district else ""
    if not district:
        return ""
    key = "intake.district_named" if district.lower().startswith("kec") else "intake.district"
    return v.say(key, district=district)


def modality_sentence(case: Case, v: Voice) -> str:
    modality = case.intake.modality
    return v.say("intake.modality", modality=v.term("modality", modality)) if modality else ""


def placement_sentence(case: Case, v: Voice) -> str:
    placement = case.intake.initial_placement
    if not placement:
        return ""
    return v.say_for("intake.placement", placement, place=v.term("placement", placement))


def consent_text(case: Case, v: Voice) -> str:
    consent = case.consent
    parts = [consent_given_sentence(case, v)]
    if consent.override:
        parts.append(
            v.say(
                "consent.override",
                by=v.person(consent.override.by),
                reason=clause(consent.override.reason),
            )
        )
    shared = [code for code in consent.share_with if code != "lainnya"]
    if shared:
        parts.append(v.say("consent.share", parties=v.terms("share_with", shared)))
    if consent.publication:
        parts.append(v.say("consent.publication"))
    return " ".join(parts)


def consent_given_sentence(case: Case, v: Voice) -> str:
    consent = case.consent
    if consent.given_by == "tidak_dapat_diperoleh":
        return v.say("consent.not_obtained")
    if not consent.services:
        return v.say("consent.refused")
    giver = v.say_for(
        "consent.giver", consent.given_by, value=v.term("consent_giver", consent.given_by)
    )
    form = v.say("consent.form", form=v.term("consent_form", consent.form)) if consent.form else ""
    date = v.say("consent.date", date=v.date(consent.date)) if consent.date else ""
    return v.say("consent.given", giver=giver, form=form, date=date)


# ---------------------------------------------------------------- assessment


def assessment(case: Case, v: Voice) -> str:
    found = case.assessment
    if found is None:
        return ""
    return paragraphs(
        " ".join(filter(None, [assessment_intro(case, v), assessment_summary(case, v)])),
        domain_prose(case, v),
        domain_table(case, v),
        " ".join(filter(None, [strengths_sentence(case, v), needs_sentence(case, v),
                               family_support_sentence(case, v)])),
    )


def family_support_sentence(case: Case, v: Voice) -> str:
    support = case.assessment.family_support
    if not support:
        return ""
    return v.say("assessment.family_support", support=v.term("family_support", support))


def assessment_intro(case: Case, v: Voice) -> str:
    found = case.assessment
    instrument = (
        v.say("assessment.instrument", instrument=clause(found.instrument))
        if found.instrument
        else ""
    )
    text = v.say("assessment.intro", date=v.date(found.date), instrument=instrument)
    if found.informants:
        text += " " + v.say(
            "assessment.informants", informants=v.terms("informant", found.informants)
        )
    return text


def assessment_summary(case: Case, v: Voice) -> str:
    summary = case.assessment.summary
    return v.say("assessment.summary", summary=clause(summary)) if summary else ""


def rated_domains(case: Case, v: Voice) -> list[tuple[str, int]]:
    """(domain code, rating) in taxonomy order, rated domains only."""
    order = {code: i for i, code in enumerate(v.taxonomy.codes("assessment_domain"))}
    domains = case.assessment.domains
    return sorted(
        ((code, d.rating) for code, d in domains.items() if d.rating is not None),
        key=lambda item: order.get(item[0], len(order)),
    )


def domain_prose(case: Case, v: Voice) -> str:
    rated = rated_domains(case, v)
    if not rated:
        return ""
    low, high = min(r for _, r in rated), max(r for _, r in rated)

    def named(value: int) -> str:
        return v.terms("assessment_domain", [code for code, r in rated if r == value])

    def score(value: int) -> str:
        return v.say("assessment.score", score=value, label=v.term("rating", str(value)))

    if len(rated) == 1:
        return v.say("assessment.domains_single", domain=named(low), score=score(low))
    if low == high:
        return v.say("assessment.domains_even", n=v.count(len(rated)), score=score(low))
    return v.say(
        "assessment.domains",
        n=v.count(len(rated)),
        weak=named(low),
        weak_score=score(low),
        strong=named(high),
        strong_score=score(high),
    )


def domain_table(case: Case, v: Voice) -> str:
    domains = case.assessment.domains
    if not domains:
        return ""
    order = {code: i for i, code in enumerate(v.taxonomy.codes("assessment_domain"))}
    rows = []
    for code in sorted(domains, key=lambda c: order.get(c, len(order))):
        rating = domains[code].rating
        shown = f"{rating} — {v.label('rating', str(rating))}" if rating is not None else None
        rows.append((v.label("assessment_domain", code), shown, domains[code].note))
    return table([v.say("col.domain"), v.say("col.score"), v.say("col.note")], rows)


def strengths_sentence(case: Case, v: Voice) -> str:
    strengths = [clause(s) for s in case.assessment.strengths]
    return v.say("assessment.strengths", strengths=v.join(strengths)) if strengths else ""


def needs_sentence(case: Case, v: Voice) -> str:
    groups: dict[str, list[str]] = {}
    for need in case.assessment.needs:
        groups.setdefault(need.urgency or "other", []).append(v.term("need", need.need))
    parts = [
        v.say(f"needs.{urgency}", needs=v.join(groups[urgency]))
        for urgency in ("segera", "jangka_panjang", "other")
        if urgency in groups
    ]
    return upper_first("; ".join(parts)) + "." if parts else ""


# ---------------------------------------------------------------- planning


def planning(case: Case, v: Voice) -> str:
    plan = case.plan
    if plan is None:
        return ""
    intro = v.say(
        "plan.intro", date=v.date(plan.date), goals=v.counted("count.goal", len(plan.goals))
    )
    return paragraphs(
        " ".join(filter(None, [intro, rationale_sentence(case, v)])),
        goal_table(case, v),
        " ".join(filter(None, [planned_services_sentence(case, v), fallback_sentence(case, v)])),
        " ".join(revision_sentence(revision, v) for revision in case.plan.revisions),
    )


def rationale_sentence(case: Case, v: Voice) -> str:
    rationale = case.plan.rationale
    return v.say("plan.rationale", rationale=clause(rationale)) if rationale else ""


def revision_sentence(revision: PlanRevision, v: Voice) -> str:
    reason = v.say("plan.revision_reason", reason=clause(revision.reason)) if revision.reason else ""
    return v.say("plan.revision", date=v.date(revision.date), change=clause(revision.change),
                 reason=reason)


def goal_table(case: Case, v: Voice) -> str:
    rows = []
    for goal in case.plan.goals:
        kind = f" ({v.term('goal_type', goal.type)})" if goal.type else ""
        rows.append(
            (
                Raw(f"**{cell(goal.id)}** {cell(goal.text)}{kind}"),
                goal.indicator,
                v.date(goal.target_date) if goal.target_date else None,
                v.label("goal_attainment", goal.attainment),
            )
        )
    header = [
        v.say("col.goal"),
        v.say("col.indicator"),
        v.say("col.target"),
        v.say("col.attainment"),
    ]
    return table(header, rows)


def planned_services_sentence(case: Case, v: Voice) -> str:
    items = []
    for planned in case.plan.planned_services:
        goals = v.say("plan.for_goals", goals=v.join(planned.goals)) if planned.goals else ""
        items.append(v.term("rehab_form", planned.form) + goals)
    if not items:
        return ""
    return v.say("plan.services", services=v.join(items, v.say("word.and_also")))


def fallback_sentence(case: Case, v: Voice) -> str:
    fallback = case.plan.fallback
    return v.say("plan.fallback", fallback=clause(fallback)) if fallback else ""


# ---------------------------------------------------------------- intervention


def intervention(case: Case, v: Voice) -> str:
    services = sorted(case.services, key=lambda s: (s.date, s.end_date or s.date))
    prose = [service_sentence(s, i, len(services), v) for i, s in enumerate(services)]
    start = case.stages.get("intervention")
    opens = start and services and services[0].date >= start
    intro = v.say("intervention.start", date=v.date(start)) if opens else ""
    return paragraphs(
        " ".join(filter(None, [intro, *prose])),
        timeline_table(services, v) if services else "",
        resocialization(case, v),
    )


def when(service: Service, v: Voice) -> str:
    if service.end_date and service.end_date != service.date:
        start = v.date_short(service.date, service.end_date)
        return v.say("when.range", start=start, end=v.date(service.end_date))
    return v.say("when.day", date=v.date(service.date))


def connector(index: int, total: int, v: Voice) -> str:
    if index == 0:
        return ""
    if index == total - 1 and total > 2:
        return v.say("connector.last")
    return v.nth("connector.next", index - 1)


def service_sentence(service: Service, index: int, total: int, v: Voice) -> str:
    setting = ""
    if service.setting:
        approach = v.taxonomy.entry("setting", service.setting).get("approach")
        key = "service.setting_approach" if approach == service.setting else "service.setting_place"
        setting = v.say(key, setting=v.term("setting", service.setting))
    provider = ""
    if service.provider and service.provider != "dinsos_kabkota":
        provider = v.say("service.provider", provider=v.term("provider_type", service.provider))
    subtype = f" ({cell(service.subtype)})" if shows_subtype(service, v) else ""
    text = v.say(
        f"service.{service.status}",
        salt=str(index),
        conn=connector(index, total, v),
        when=when(service, v),
        form=service_noun(service, v) + subtype,
        setting=setting,
        provider=provider,
    )
    text = upper_first(text)
    if service.note and is_fragment(service.note):  # "Penempatan sementara di …": no verb
        return f"{text[:-1]}: {clause(service.note)}."
    return " ".join(filter(None, [text, sentence(service.note)]))


_VERB = re.compile(r"^(?:me|ber|di|ter)[a-z]{3,}$")
_SUBJECTS = {"klien", "ia", "mereka", "keluarga", "anak", "ibu", "ayah", "the", "client"}


def is_fragment(note: str) -> bool:
    """A note written as a noun phrase ("Pengajian mingguan bersama pembina rohani.") rather
    than a sentence ("Klien mendapat makan…", "Anak diantar ke rumah nenek."): its second word
    is no verb and its first no subject. A fragment is told as the end of the service's own
    sentence, after a colon, so that the narrative reads in sentences."""
    words = [w.strip(".,;:").casefold() for w in note.split()]
    if len(words) < 2 or words[0] in _SUBJECTS:
        return False
    return not _VERB.match(words[1])


def service_noun(service: Service, v: Voice) -> str:
    """``layanan bimbingan sosial …``; no doubled noun for ``pelayanan aksesibilitas``; with an
    activity, what was done first (``konseling individu dalam layanan bimbingan sosial …``)."""
    noun = v.say_for("service.noun", service.form, form=v.term("rehab_form", service.form))
    if service.activity:
        return v.say("service.activity", activity=v.term("service_activity", service.activity),
                     noun=noun)
    return noun


def shows_subtype(service: Service, v: Voice) -> bool:
    """A subtype that says more than the form's own label (not ``psikososial`` after
    ``… konseling psikososial``)."""
    subtype = clean_text(service.subtype or "").casefold()
    labels = [v.taxonomy.label("rehab_form", service.form, lang).casefold() for lang in ("id", "en")]
    return bool(subtype) and not any(subtype in label for label in labels)


def timeline_table(services: list[Service], v: Voice) -> str:
    rows = []
    for s in services:
        date = v.range(s.date, s.end_date) if s.end_date else v.date(s.date)
        form = v.label("rehab_form", s.form) + (
            f" ({clean_text(s.subtype)})" if shows_subtype(s, v) else "")
        if s.activity:
            form = f"{v.label('service_activity', s.activity)} ({lower_first(form)})"
        rows.append(
            (
                date,
                form,
                v.label("atensi_component", s.atensi) if s.atensi else None,
                v.label("setting", s.setting) if s.setting else None,
                v.label("service_status", s.status),
            )
        )
    header = [
        v.say("col.date"),
        v.say("col.service"),
        v.say("col.atensi"),
        v.say("col.setting"),
        v.say("col.status"),
    ]
    return table(header, rows)


def clean_text(text: str) -> str:
    return " ".join(text.split())


def resocialization(case: Case, v: Voice) -> str:
    start = case.stages.get("resocialization")
    note = markdown_note(case.notes.get("resocialization"))
    if not start and not note:
        return ""
    lead = f"**{v.say('heading.resocialization')}.**"
    opening = v.say("resocialization.start", date=v.date(start)) if start else ""
    if "\n" in note:
        return paragraphs(" ".join(filter(None, [lead, opening])), note)
    return " ".join(filter(None, [lead, opening, note]))


# ---------------------------------------------------------------- referrals


def referrals(case: Case, v: Voice) -> str:
    ordered = sorted(case.referrals, key=lambda r: r.date)
    all_checked = len(ordered) > 1 and all(r.consent_checked for r in ordered)
    blocks = [referral_paragraph(r, i, v, said_consent=all_checked,
                                 status_before=r.status in {o.status for o in ordered[:i]})
              for i, r in enumerate(ordered)]
    if all_checked:
        blocks.append(v.say("referral.consent_checked_all"))
    return paragraphs(*blocks)


def referral_paragraph(referral: Referral, index: int, v: Voice, *, said_consent: bool = False,
                       status_before: bool = False) -> str:
    provider, facility = v.term("provider_type", referral.provider), ""
    if referral.facility:
        named = lower_first(cell(referral.facility))
        # "UPT Pelayanan Sosial … Provinsi" already says it is a UPT: no "UPT … (UPT …)"
        same_kind = named.split()[0].casefold() == provider.split()[0].casefold()
        provider, facility = (named, "") if same_kind else (provider, f" ({named})")
    head = v.say(
        f"referral.{referral.kind}",
        salt=str(index),
        date=v.date(referral.date),
        provider=provider,
        facility=facility,
        reason=clause(referral.reason),
    )
    consent = "" if said_consent else v.say(
        "referral.consent_checked" if referral.consent_checked else "referral.consent_missing"
    )
    status = (v.say("referral.status_again", state=v.say(f"referral.state.{referral.status}"))
              if status_before else v.say(f"referral.status.{referral.status}"))
    return " ".join(filter(None, [head, consent, status, sentence(referral.outcome)]))


# ---------------------------------------------------------------- monitoring and evaluation


def evaluation(case: Case, v: Voice) -> str:
    ordered = sorted(case.evaluations, key=lambda e: e.date)
    if not ordered:
        return ""
    intro = v.say("evaluation.intro", times=v.counted("count.times", len(ordered)))
    return paragraphs(intro, *(evaluation_sentence(e, i, v) for i, e in enumerate(ordered)))


def evaluation_sentence(found: Evaluation, index: int, v: Voice) -> str:
    findings = []
    if found.family_contact:
        findings.append(v.say(f"family_contact.{found.family_contact}"))
    if found.progress:
        findings.append(v.say(f"progress.{found.progress}"))
    text = v.say(
        "evaluation.item" if findings else "evaluation.item_bare",
        salt=str(index),
        date=v.date(found.date),
        type=v.term("evaluation_type", found.type),
        type_label=v.label("evaluation_type", found.type),
        findings=v.join(findings),
    )
    return " ".join(filter(None, [text, sentence(found.note)]))


# ---------------------------------------------------------------- termination, next steps


def termination(case: Case, v: Voice) -> str:
    closure = case.closure
    if closure is None:
        return ""
    outcome = v.say_for(
        "closure.outcome",
        closure.outcome,
        alias=clean_alias(case),
        outcome=v.term("outcome", closure.outcome),
    )
    first = [
        v.say("closure.date", date=v.date(closure.date)),
        outcome,
        v.say("closure.attainment", attainment=v.term("goal_attainment", closure.goal_attainment)),
        goal_tally(case, v),
        v.say("closure.reason", reason=clause(closure.reason)),
    ]
    return paragraphs(" ".join(filter(None, first)), aftercare_sentence(case, v))


def goal_tally(case: Case, v: Voice) -> str:
    """How the goals ended, counted as people count: ``Kedua tujuan tidak tercapai.`` when they
    share one attainment, ``T2 tercapai, sedangkan T1 tidak tercapai.`` when they differ."""
    if case.plan is None or len(case.plan.goals) < 2:
        return ""
    groups: dict[str, list[str]] = {}
    for goal in case.plan.goals:
        groups.setdefault(goal.attainment, []).append(goal.id)
    if len(groups) == 1:
        (code,) = groups
        every = v.say_for("closure.tally_every", str(len(case.plan.goals)),
                          n=v.count(len(case.plan.goals)))
        return v.say("closure.tally_all", every=upper_first(every),
                     attainment=v.term("goal_attainment", code))
    order = v.taxonomy.codes("goal_attainment")
    items = [
        v.say("closure.tally_item", attainment=v.term("goal_attainment", code),
              goals=v.join(groups[code]), be=v.say("word.was" if len(groups[code]) == 1
                                                   else "word.were"))
        for code in order
        if code in groups
    ]
    joined = f"{items[0]}{v.say('word.whereas')} {items[1]}" if len(items) == 2 else "; ".join(items)
    return upper_first(joined) + "."


def aftercare_sentence(case: Case, v: Voice) -> str:
    aftercare = case.closure.aftercare
    if aftercare is None:
        return ""
    if not aftercare.planned:
        return v.say("aftercare.none")
    provider = (
        v.say("aftercare.provider", provider=v.term("provider_type", aftercare.provider))
        if aftercare.provider
        else ""
    )
    until = v.say("aftercare.until", date=v.date(aftercare.until)) if aftercare.until else ""
    return v.say("aftercare.planned", provider=provider, until=until)


def next_steps(case: Case, v: Voice) -> str:
    if case.closure is not None:
        return ""
    stage = current_stage(case, v.taxonomy)
    start = case.stages.get(stage)
    since = v.say("next.since", date=v.date(start)) if start else ""
    return " ".join(
        [
            v.say("next.open", stage=v.term("stage", stage), since=since),
            v.say_for("next.after", stage),
        ]
    )


def reflection(case: Case, v: Voice) -> str:
    return markdown_note(case.notes.get("reflection"))


def reflection_missing(v: Voice) -> str:
    return v.say("reflection.missing")


SECTIONS: tuple[tuple[str, Callable[[Case, Voice], str]], ...] = (
    ("identity", identity),
    ("engagement", engagement),
    ("assessment", assessment),
    ("planning", planning),
    ("intervention", intervention),
    ("referrals", referrals),
    ("evaluation", evaluation),
    ("termination", termination),
    ("next", next_steps),
    ("reflection", reflection),
)


# ---------------------------------------------------------------- the case page of the review site


def case_page(doc: CaseDoc, project: Project, lang: str = "id") -> str:
    """``kasus/<id>.md``: the narrative with the review metadata and protection notices."""
    case = doc.case
    v = Voice(lang, project.taxonomy, case.case_id, people_names(project))
    page = case_page_path(case.case_id)
    blocks = [
        f"# {narrative_title(case, v)}",
        record_box(doc, project, v, page),
        *protection_notices(case, v),
        narrative_body(case, v),
    ]
    return paragraphs(*blocks) + "\n"


def record_box(doc: CaseDoc, project: Project, v: Voice, page: str) -> str:
    """An admonition with status, period, interns, supervisor, review and publication."""
    case = doc.case
    record = case.record
    status = (
        v.label("case_status", record.status)
        + ", "
        + v.say("case.stage", stage=v.term("stage", current_stage(case, v.taxonomy)))
    )
    rows = [
        ("case.status", status),
        ("case.period", case_period(case, v)),
        ("case.authors", v.join([author_link(a, project, page) for a in record.authors])),
    ]
    if record.field_supervisor:
        rows.append(("case.field_supervisor", cell(v.person(record.field_supervisor))))
    rows += [
        ("case.review", review_text(case, v)),
        ("case.publication", publication_text(case, v)),
        ("case.source", f"`{doc.display}`"),
    ]
    lines = [f'!!! info "{v.say("case.record")}"', ""]
    lines += [f"    - **{v.say(key)}:** {value}" for key, value in rows]
    return "\n".join(lines)


def case_period(case: Case, v: Voice) -> str:
    if case.closure:
        return v.range(case.intake.date, case.closure.date)
    return v.say("case.period_open", date=v.date(case.intake.date))


def author_link(intern_id: str, project: Project, page: str) -> str:
    doc = project.interns.get(intern_id)
    if doc is None:
        return cell(intern_id)
    return md_link(doc.intern.name, page, intern_page_path(intern_id))


def review_text(case: Case, v: Voice) -> str:
    review = case.record.review
    parts = [v.label("review_status", review.status)]
    if review.reviewer:
        parts.append(v.say("case.review_by", reviewer=cell(v.person(review.reviewer))))
    text = " ".join(parts)
    return f"{text}, {v.date(review.date)}" if review.date else text


def publication_text(case: Case, v: Voice) -> str:
    publication = case.publication
    if publication.audience == "public" and publication.title:
        return v.say("case.publication_public", title=cell(publication.title))
    return v.say("case.publication_review")


def protection_notices(case: Case, v: Voice) -> list[str]:
    notices = []
    if is_childrens_case(case, v.taxonomy):
        notices.append(admonition("warning", v.say("case.child_title"), v.say("case.child_text")))
    sensitive_health = any(
        v.taxonomy.entry("health_flag", f).get("sensitive")
        for f in case.client.health_flags
        if v.taxonomy.has("health_flag", f)
    )
    if is_sensitive_case(case, v.taxonomy) or sensitive_health:
        notices.append(
            admonition("warning", v.say("case.sensitive_title"), v.say("case.sensitive_text"))
        )
    return notices


def admonition(kind: str, title: str, text: str) -> str:
    return f'!!! {kind} "{title}"\n\n    {text}'
