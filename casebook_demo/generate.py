"""Seeded synthetic Casebook projects: the rest of the sample, test fixtures and benchmark cohorts.

``generate_project(out, cases=N, seed=S)`` writes a complete fictional project (office, interns with
logbook, references and chapters, cases) that ``casebook check`` accepts. One ``random.Random(seed)``
drives every choice, so a seed always gives the same bytes; ``Faker("id_ID")``, seeded, names the
interns and staff only. Clients never have names: an alias such as "Klien 13", generic places and
no identifiers. Cases follow the casework stages with dates in order; open cases hold only what
their stage requires. Files are written by a small YAML emitter (``dump_yaml``), faster than
PyYAML's and in the style of the hand-written examples.

The shipped sample (this repository) has hand-written cases K-2025-0001 to K-2025-0013; the rest,
K-2025-0014 to K-2025-0061, come from ``write_sample_cases(Path("."))`` (seed ``SAMPLE_SEED``, authored
by the sample's own interns), and a test keeps the files equal to what it writes.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import re
import textwrap
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from casebook_demo import data as D
from generator.build.project import today_for
from generator.model.taxonomy import Taxonomy, load_taxonomy

SAMPLE_SEED = 2025
SAMPLE_TODAY = dt.date(2026, 11, 22)
OPEN_SHARE = 0.28
OPEN_STAGES = ("engagement_intake", "assessment", "planning", "intervention", "evaluation")
OPEN_STAGE_WEIGHTS = (2, 3, 2, 3, 2)
STAGE_ORDER = (
    "engagement_intake",
    "assessment",
    "planning",
    "intervention",
    "resocialization",
    "evaluation",
    "termination",
    "aftercare",
)
RESIDENTIAL = {
    "rumah_singgah": "rumah_singgah",
    "rps": "rps",
    "lks": "residensial",
    "panti_upt_provinsi": "panti_upt",
    "sentra_kemensos": "residensial",
}
HEADERS = {
    "case": "# yaml-language-server: $schema=../schema/case.schema.json\n# Kasus sintetis (casebook demo).\n",
    "intern": "# yaml-language-server: $schema=../../schema/intern.schema.json\n"
    "# Synthetic intern written by `casebook demo`: every person here is invented.\n",
    "logbook": "# yaml-language-server: $schema=../../schema/logbook.schema.json\n",
    "references": "# yaml-language-server: $schema=../../schema/references.schema.json\n",
    "office": "# yaml-language-server: $schema=schema/office.schema.json\n"
    "# Synthetic office written by `casebook demo`. Kota Sukamaju does not exist.\n",
}


@dataclass(frozen=True)
class Author:
    """An intern who writes cases: id, placement period and the ids of their supervisors."""

    id: str
    start: dt.date
    end: dt.date
    supervisor: str
    reviewer: str
    weight: int = 1


@lru_cache(maxsize=1)
def taxonomy() -> Taxonomy:
    """The built-in taxonomy, for labels and the version stamp."""
    return load_taxonomy()


# ---------------------------------------------------------------- small helpers


def fill(text: str, ctx: dict[str, Any]) -> str:
    """Substitute the {placeholders} of a phrase."""
    return text.format(**ctx) if "{" in text else text


def pick(rng: random.Random, options: Any) -> Any:
    """One option, chosen by ``rng``."""
    return options[rng.randrange(len(options))]


def weighted(rng: random.Random, table: dict[str, int]) -> str:
    """One key of ``table``, with its value as weight (keys sorted for determinism)."""
    keys = sorted(table)
    return rng.choices(keys, weights=[table[k] for k in keys])[0]


def lower_first(text: str) -> str:
    """The text with a lower-case first letter, to use a label mid-sentence."""
    return text[:1].lower() + text[1:]


def label(vocabulary: str, code: str) -> str:
    """The Indonesian label of a code, for use mid-sentence."""
    return lower_first(taxonomy().label(vocabulary, code))


def paragraph(sentences: list[str]) -> str:
    """Sentences joined and wrapped for a literal YAML block (Markdown ignores the line breaks)."""
    return (
        textwrap.fill(" ".join(sentences), width=96, break_long_words=False, break_on_hyphens=False)
        + "\n"
    )


def days(base: dt.date, rng: random.Random, low: int, high: int) -> dt.date:
    """A date ``low`` to ``high`` days after ``base``."""
    return base + dt.timedelta(days=rng.randint(low, high))


def alias(number: int) -> str:
    """An alias that is a number, never letters that could read as initials."""
    return f"Klien {number}"


# ---------------------------------------------------------------- choosing the shape of a case


def profiles_for(outcome: str) -> list[str]:
    """Profiles for which an outcome is plausible."""
    return sorted(key for key, profile in D.PROFILES.items() if outcome in profile["outcomes"])


def choose_shape(
    rng: random.Random, outcome: str | None = None, open_stage: str | None = None
) -> tuple[str, str | None, str]:
    """(profile key, outcome or None when open, last stage planned)."""
    if outcome is not None:
        keys = profiles_for(outcome)
        key = rng.choices(keys, weights=[D.PROFILES[k]["weight"] for k in keys])[0]
        return key, outcome, "termination"
    key = weighted(rng, {k: p["weight"] for k, p in D.PROFILES.items()})
    if open_stage is None and rng.random() >= OPEN_SHARE:
        return key, weighted(rng, D.PROFILES[key]["outcomes"]), "termination"
    stage = open_stage or rng.choices(OPEN_STAGES, weights=OPEN_STAGE_WEIGHTS)[0]
    return key, None, stage


def timeline(
    rng: random.Random, intake: dt.date, outcome: str | None, last: str
) -> dict[str, dt.date]:
    """Start dates of each stage up to ``last``, in casework order."""
    quick = outcome in ("tidak_memenuhi_kriteria", "melarikan_diri", "menolak_layanan")
    stages = {"engagement_intake": intake}
    stages["assessment"] = days(intake, rng, 0, 2 if quick else 4)
    stages["planning"] = days(stages["assessment"], rng, 1, 3 if quick else 8)
    stages["intervention"] = days(stages["planning"], rng, 0, 4)
    before_eval = stages["intervention"]
    if (
        outcome in ("reunifikasi_keluarga", "dipulangkan_daerah_asal", "hidup_mandiri")
        and rng.random() < 0.35
    ):
        stages["resocialization"] = days(before_eval, rng, 10, 25)
        before_eval = stages["resocialization"]
    stages["evaluation"] = (
        days(before_eval, rng, 3, 10) if quick else days(before_eval, rng, 10, 35)
    )
    stages["termination"] = (
        days(stages["evaluation"], rng, 1, 6) if quick else days(stages["evaluation"], rng, 3, 28)
    )
    cut = STAGE_ORDER.index(last)
    return {stage: date for stage, date in stages.items() if STAGE_ORDER.index(stage) <= cut}


def clamp(stages: dict[str, dt.date], today: dt.date) -> dict[str, dt.date]:
    """Only the stages already begun by ``today``."""
    return {stage: date for stage, date in stages.items() if date <= today}


# ---------------------------------------------------------------- case sections


def make_client(rng: random.Random, profile: dict, number: int) -> dict[str, Any]:
    """Alias, sex, age and context fields drawn from the profile."""
    low, high = profile["ages"]
    age = rng.randint(low, high)
    client: dict[str, Any] = {"alias": alias(number)}
    client["sex"] = "laki_laki" if rng.random() < profile["male"] else "perempuan"
    client["age"] = age
    if rng.random() < profile["estimated"]:
        client["age_estimated"] = True
    client["origin"] = pick(rng, profile["origin"])
    client["education"] = "tidak_sekolah" if age < 6 else pick(rng, profile["education"])
    if age >= 18:
        client["marital_status"] = "belum_kawin" if age < 22 else pick(rng, profile["marital"])
    client["living_situation"] = pick(rng, profile["living"])
    if rng.random() < 0.5:
        client["documents"] = documents(rng, client["living_situation"])
    if profile["disability"]:
        kind, severities = profile["disability"]
        client["disability"] = {"type": kind, "severity": pick(rng, severities)}
    if profile["health"]:
        client["health_flags"] = list(profile["health"])
    return client


def documents(rng: random.Random, living: str) -> dict[str, str]:
    """Civil documents: people living on the street seldom carry them."""
    street = living in ("jalanan", "tuna_wisma", "tidak_diketahui")
    options = (
        ("tidak_ada", "tidak_ada", "tidak_diketahui", "ada")
        if street
        else ("ada", "ada", "ada", "tidak_ada")
    )
    return {"ktp": pick(rng, options), "kk": pick(rng, options), "bpjs": pick(rng, options)}


def make_consent(
    rng: random.Random, profile: dict, intake: dt.date, supervisor: str, today: dt.date
) -> dict[str, Any]:
    """Who consented, to what, and on which legal basis."""
    giver = pick(rng, profile["consent_by"])
    consent: dict[str, Any] = {"given_by": giver}
    if giver == "tidak_dapat_diperoleh":
        consent["services"] = True
        consent["share_with"] = ["rumah_sakit", "instansi_pemerintah"]
        consent["publication"] = False
        consent["legal_basis"] = ["kepentingan_vital", "tugas_kepentingan_umum_pelayanan_publik"]
        consent["override"] = {"by": supervisor, "reason": pick(rng, OVERRIDE_REASONS)}
        return consent
    consent["date"] = min(days(intake, rng, 0, 1), today)
    consent["form"] = rng.choices(("tertulis", "lisan_dicatat", "terekam"), weights=(6, 3, 1))[0]
    consent["services"] = True
    consent["share_with"] = sorted(
        rng.sample(("keluarga", "instansi_pemerintah", "rumah_sakit", "lks"), 2),
        key=SHARE_ORDER.index,
    )
    consent["publication"] = rng.random() < (0.85 if profile["public"] else 0.25)
    consent["legal_basis"] = ["persetujuan_eksplisit", "tugas_kepentingan_umum_pelayanan_publik"]
    return consent


OVERRIDE_REASONS = (
    "Klien dalam kondisi krisis kejiwaan dan belum mampu memberi persetujuan; layanan untuk kepentingan vital.",
    "Keluarga belum ditemukan dan klien tidak dapat berkomunikasi; penanganan darurat atas persetujuan pembimbing.",
)
SHARE_ORDER = ("keluarga", "instansi_pemerintah", "rumah_sakit", "lks", "kepolisian", "lainnya")
MODALITY = {"raid": "koersif", "street_outreach": "persuasif", "hotline": "persuasif"}


def make_intake(rng: random.Random, profile: dict, intake: dt.date, ctx: dict) -> dict[str, Any]:
    """Date, channel and source consistent with the profile, first placement, presenting problem."""
    routes = profile["intakes"]
    channel, source, placement, _ = rng.choices(routes, weights=[route[3] for route in routes])[0]
    section: dict[str, Any] = {"date": intake, "channel": channel, "source": source}
    section["modality"] = MODALITY.get(channel, pick(rng, ("persuasif", "motivatif")))
    section["initial_placement"] = placement
    if rng.random() < 0.3:
        section["district"] = pick(rng, D.DISTRICTS)
    section["presenting_problem"] = fill(pick(rng, profile["problems"]), ctx)
    return section


SECONDARY = {
    "pengemis": "gelandangan",
    "gelandangan": "pengemis",
    "odgj": "gelandangan",
    "pemulung": "fakir_miskin",
    "lansia": "fakir_miskin",
    "pmbs": "korban_trafficking",
}


def make_classification(rng: random.Random, key: str, profile: dict) -> dict[str, Any]:
    """PPKS category, field subgroups, risk and problem factors."""
    section: dict[str, Any] = {"ppks": profile["ppks"]}
    if key in SECONDARY and rng.random() < 0.2:
        section["secondary"] = [SECONDARY[key]]
    subgroups = pick(rng, profile["subgroups"])
    if subgroups:
        section["subgroups"] = list(subgroups)
    section["risk_level"] = pick(rng, profile["risk"])
    count = min(len(profile["factors"]), rng.randint(2, 3))
    section["problem_factors"] = [
        profile["factors"][0],
        *rng.sample(profile["factors"][1:], count - 1),
    ]
    return section


def make_assessment(rng: random.Random, profile: dict, date: dt.date, ctx: dict) -> dict[str, Any]:
    """Dated assessment: informants, rated domains with notes, strengths, needs, summary."""
    section: dict[str, Any] = {"date": date}
    if rng.random() < 0.6:
        section["instrument"] = pick(rng, D.INSTRUMENTS)
    informants = ["klien", "petugas"] if profile["ages"][1] >= 5 else ["petugas", "dokumen_medis"]
    if rng.random() < 0.5 and profile["ages"][1] >= 5:
        informants.append(pick(rng, ("keluarga", "tetangga", "teman", "dokumen_medis")))
    section["informants"] = list(dict.fromkeys(informants))
    names = list(profile["domains"])
    chosen = set(rng.sample(names, min(len(names), rng.randint(3, 5))))
    section["domains"] = {
        name: domain_rating(rng, profile, name, base)
        for name, base in profile["domains"].items()
        if name in chosen
    }
    section["strengths"] = [
        fill(s, ctx) for s in rng.sample(profile["strengths"], rng.randint(1, 2))
    ]
    needs = [profile["needs"][0], *rng.sample(profile["needs"][1:], rng.randint(1, 2))]
    section["needs"] = [
        {"need": need, "urgency": "segera" if index == 0 else pick(rng, URGENCY)}
        for index, need in enumerate(needs)
    ]
    ctx["kebutuhan"] = label("need", needs[0])
    if rng.random() < 0.5:
        section["summary"] = fill(pick(rng, D.ASSESSMENT_SUMMARIES), ctx)
    return section


URGENCY = ("segera", "jangka_panjang", "jangka_panjang")


def domain_rating(rng: random.Random, profile: dict, name: str, base: int) -> dict[str, Any]:
    """A rating near the profile's base and a note that matches it."""
    rating = max(1, min(5, base + rng.choice((-1, 0, 0, 0, 1))))
    band = "low" if rating <= 2 else "mid" if rating == 3 else "high"
    special = profile.get("domain_notes", {}).get(name)
    note = pick(rng, special) if special else pick(rng, D.DOMAIN_NOTES[name][band])
    return (
        {"rating": rating, "note": note}
        if band == "low" or rng.random() < 0.3
        else {"rating": rating}
    )


def goal_types(rng: random.Random, profile: dict, outcome: str | None) -> list[str]:
    """The plan's goal types: the one the outcome fulfils (or the profile's first) and one or two more."""
    main = (D.OUTCOMES[outcome]["goal"] if outcome else None) or profile["goals"][0]
    types = [main]
    if (
        outcome
        and taxonomy().entry("outcome", outcome).get("group") == "placement"
        and "reunifikasi_keluarga" in profile["goals"]
        and rng.random() < 0.5
    ):
        types = ["reunifikasi_keluarga", main]
    others = [g for g in profile["goals"] if g not in types]
    extra = rng.sample(others, min(len(others), rng.choice((0, 1, 1)) if len(types) == 1 else 0))
    return types + extra


def attainment(
    rng: random.Random, goal_type: str, index: int, types: list[str], outcome: str | None
) -> str:
    """How far a goal was reached, given where the client went."""
    if outcome is None:
        return "belum_dinilai"
    fulfilled = D.OUTCOMES[outcome]["goal"]
    if goal_type == "reunifikasi_keluarga" and fulfilled == "penempatan_aman" and len(types) > 1:
        return "tidak_tercapai"
    if goal_type == fulfilled:
        return pick(rng, ("tercapai", "tercapai", "sebagian"))
    if D.OUTCOMES[outcome]["goal"] is None and index == 0:
        return pick(rng, D.OUTCOMES[outcome]["attainment"])
    return pick(rng, ("tercapai", "sebagian", "sebagian", "tidak_tercapai"))


def make_plan(
    rng: random.Random, profile: dict, date: dt.date, outcome: str | None, ctx: dict
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Measurable goals with target dates, a fallback, and the services planned for them.

    Half the plans list ``planned_services``; the services are returned either way, since the
    intervention delivers them.
    """
    types = goal_types(rng, profile, outcome)
    goals = []
    for index, goal_type in enumerate(types):
        text, indicator = pick(rng, D.GOALS[goal_type])
        goal = {
            "id": f"T{index + 1}",
            "type": goal_type,
            "text": text,
            "indicator": indicator,
            "target_date": days(date, rng, 30, 90),
        }
        reached = attainment(rng, goal_type, index, types, outcome)
        if reached != "belum_dinilai":
            goal["attainment"] = reached
        goals.append(goal)
    ctx["tujuan"] = lower_first(goals[0]["text"])
    forms = planned_forms(rng, profile)
    planned = [
        {"form": form, "atensi": D.SERVICES[form]["atensi"], "goals": [pick(rng, goals)["id"]]}
        for form in forms
    ]
    plan: dict[str, Any] = {"date": date, "goals": goals}
    if rng.random() < 0.5:
        plan["planned_services"] = planned
    fallback = D.FALLBACKS.get(types[0])
    if fallback and rng.random() < 0.6:
        plan["fallback"] = pick(rng, fallback)
    return plan, planned


def planned_forms(rng: random.Random, profile: dict) -> list[str]:
    """Counselling (for all but infants) plus one or two of the profile's characteristic forms."""
    extra = rng.sample(profile["services"], min(len(profile["services"]), rng.choice((1, 1, 2))))
    base = profile.get("base_forms", ("bimbingan_sosial_konseling_psikososial",))
    return list(dict.fromkeys([*base, *extra]))


def service_entry(
    rng: random.Random,
    number: int,
    date: dt.date,
    form: str,
    setting: str,
    goals: list[str],
    status: str = "implemented",
    profile: dict | None = None,
) -> dict[str, Any]:
    """One delivered service with its ATENSI component and a note (the profile's own, if any)."""
    spec = D.SERVICES[form]
    notes = (profile or {}).get("service_notes", {}).get(form, spec["notes"])
    entry: dict[str, Any] = {
        "id": f"L{number}",
        "date": date,
        "form": form,
        "atensi": spec["atensi"],
    }
    if spec["subtype"]:
        entry["subtype"] = spec["subtype"]
    entry["setting"] = setting
    provider = PROVIDERS.get(form, "dinsos_kabkota") if rng.random() < 0.5 else "dinsos_kabkota"
    if provider != "dinsos_kabkota" or rng.random() < 0.5:
        entry["provider"] = provider
    if status != "implemented":
        entry["status"] = status
    if goals:
        entry["goals"] = goals
    if rng.random() < 0.6:
        entry["note"] = pick(rng, notes)
    return entry


PROVIDERS = {
    "pelayanan_aksesibilitas": "disdukcapil",
    "bimbingan_fisik": "puskesmas",
    "pelatihan_vokasional_kewirausahaan": "lks",
    "bimbingan_mental_spiritual": "lks",
}


def make_services(
    rng: random.Random,
    profile: dict,
    plan: dict,
    planned: list[dict],
    placement: str,
    start: dt.date,
    intake: dt.date,
    end: dt.date,
    outcome: str | None,
) -> list[dict[str, Any]]:
    """Services from the first placement to the end of the intervention window, in date order."""
    services: list[dict[str, Any]] = []
    residential = RESIDENTIAL.get(placement)
    if residential:
        services.append(service_entry(rng, 1, intake, "perawatan_pengasuhan", residential, []))
    setting = residential or pick(rng, ("keluarga", "komunitas"))
    disengaged = outcome in ("melarikan_diri", "menolak_layanan", "hilang_kontak")
    span = max(0, (end - start).days)
    items = [item for item in planned if item["form"] != "rujukan"]
    dates = sorted(start + dt.timedelta(days=rng.randint(0, span)) for _ in items)
    for index, (item, date) in enumerate(zip(items, dates)):
        status = "not_implemented" if disengaged and index == len(items) - 1 else "implemented"
        services.append(
            service_entry(
                rng, len(services) + 1, date, item["form"], setting, item["goals"], status, profile
            )
        )
    if outcome in ("reunifikasi_keluarga", "dipulangkan_daerah_asal") and rng.random() < 0.6:
        family = service_entry(
            rng,
            len(services) + 1,
            end,
            "bimbingan_sosial_konseling_psikososial",
            "keluarga",
            [plan["goals"][0]["id"]],
        )
        family["atensi"] = "dukungan_keluarga"
        family.pop("subtype", None)
        family["note"] = pick(rng, D.FAMILY_SUPPORT_NOTES)
        services.append(family)
    return services


def facility(outcome: str, key: str) -> tuple[str, str, str | None]:
    """(provider type, name, reason) of the institution receiving a client for an outcome."""
    table = D.FACILITIES[outcome]
    return table.get(key, table["*"])


def make_referral(rng: random.Random, key: str, outcome: str, date: dt.date) -> dict[str, Any]:
    """The referral or transfer that carries the client to where the outcome says."""
    kind, reasons, result = D.OUTCOMES[outcome]["referral"]
    provider, name, reason = facility(outcome, key)
    return {
        "id": "R1",
        "date": date,
        "kind": kind,
        "provider": provider,
        "facility": name,
        "reason": reason or pick(rng, reasons),
        "consent_checked": True,
        "status": pick(rng, ("accepted", "completed")),
        "outcome": result,
    }


def pending_referral(rng: random.Random, key: str, date: dt.date) -> dict[str, Any]:
    """An open case waiting for an answer from the receiving institution."""
    outcome = weighted(
        rng,
        {o: w for o, w in D.PROFILES[key]["outcomes"].items() if D.OUTCOMES[o]["referral"]}
        or {"rujuk_rumah_sakit": 1},
    )
    referral = make_referral(rng, key, outcome, date)
    referral["status"] = "pending"
    del referral["outcome"]
    return referral


def make_evaluations(
    rng: random.Random,
    start: dt.date,
    end: dt.date,
    outcome: str | None,
    ctx: dict,
    referred: bool = False,
) -> list[dict[str, Any]]:
    """One to three follow-ups between the start of evaluation and the closure (or today)."""
    count = rng.choice((1, 1, 1, 2, 2, 3))
    span = max(0, (end - start).days)
    dates = sorted({start + dt.timedelta(days=rng.randint(0, span)) for _ in range(count)})
    evaluations = []
    for index, date in enumerate(dates):
        last = index == len(dates) - 1
        kind = pick(rng, EVALUATION_KINDS[: 4 if referred else 3])
        progress = (
            D.OUTCOMES[outcome]["progress"]
            if outcome and last
            else pick(rng, ("membaik", "membaik", "tetap"))
        )
        entry: dict[str, Any] = {"date": date, "type": kind, "progress": progress}
        if kind == "kontak_keluarga":
            entry["family_contact"] = (
                D.OUTCOMES[outcome]["contact"]
                if outcome and last
                else pick(rng, ("berhasil", "tidak_dapat_dihubungi"))
            )
        if rng.random() < 0.7:
            entry["note"] = pick(rng, D.EVALUATION_NOTES[kind])
        if entry["type"] == "evaluasi":
            del entry["type"]
        evaluations.append(entry)
    ctx["progress"] = evaluations[-1]["progress"]
    return evaluations


EVALUATION_KINDS = ("evaluasi", "kontak_keluarga", "kunjungan_lanjut", "kontak_lembaga")


def make_closure(
    rng: random.Random, outcome: str, date: dt.date, goals: list[dict]
) -> dict[str, Any]:
    """Outcome, overall attainment, reason and aftercare."""
    reached = [goal.get("attainment", "belum_dinilai") for goal in goals]
    if all(r == "tercapai" for r in reached):
        overall = "tercapai"
    elif all(r in ("tidak_tercapai", "belum_dinilai") for r in reached):
        overall = pick(rng, D.OUTCOMES[outcome]["attainment"])
    else:
        overall = "sebagian"
    closure: dict[str, Any] = {
        "date": date,
        "outcome": outcome,
        "goal_attainment": overall,
        "reason": pick(rng, D.OUTCOMES[outcome]["reasons"]),
    }
    aftercare = D.OUTCOMES[outcome]["aftercare"]
    if aftercare and rng.random() < aftercare[1]:
        closure["aftercare"] = {
            "planned": True,
            "provider": aftercare[0],
            "until": days(date, rng, 60, 120),
        }
    elif aftercare:
        closure["aftercare"] = {"planned": False}
    return closure


# ---------------------------------------------------------------- notes, review, publication


def make_notes(rng: random.Random, key: str, case: dict, ctx: dict) -> dict[str, str]:
    """A short narrative for each stage reached, built from varied phrases."""
    profile, stages = D.PROFILES[key], case["stages"]
    intake = case["intake"]
    street = intake["initial_placement"] in RESIDENTIAL or intake["channel"] in (
        "street_outreach",
        "raid",
    )
    follow = D.ENGAGEMENT_FOLLOW + (D.ENGAGEMENT_FOLLOW_STREET if street else ())
    writers = {
        "engagement_intake": lambda: [
            pick(rng, D.ENGAGEMENT[intake["source"]]),
            *rng.sample(follow, int(rng.random() < 0.3)),
            D.ENGAGEMENT_PLACEMENT[intake["initial_placement"]],
        ],
        "assessment": lambda: [
            pick(rng, D.ASSESSMENT_OPEN),
            pick(rng, profile["story"]),
            *rng.sample(D.ASSESSMENT_CLOSE, int(rng.random() < 0.3)),
        ],
        "planning": lambda: rng.sample(D.PLANNING, 1),
        "intervention": lambda: [pick(rng, D.INTERVENTION), pick(rng, D.INTERVENTION_FOLLOW)],
        "resocialization": lambda: [pick(rng, D.RESOCIALIZATION)],
        "evaluation": lambda: [pick(rng, D.EVALUATION[ctx.get("progress", "tetap")])],
        "termination": lambda: [pick(rng, D.OUTCOMES[case["closure"]["outcome"]]["termination"])],
        "aftercare": lambda: [pick(rng, D.AFTERCARE)],
    }
    notes = {}
    for stage in stages:
        if (
            stage in ("planning", "intervention", "evaluation", "resocialization")
            and rng.random() < 0.6
        ):
            continue
        notes[stage] = paragraph([fill(sentence, ctx) for sentence in writers[stage]()])
    if rng.random() < 0.25:
        notes["reflection"] = paragraph([pick(rng, D.REFLECTIONS)])
    return notes


def make_review(
    rng: random.Random, author: Author, status: str, last: dt.date, today: dt.date
) -> dict[str, Any]:
    """Review status: closed cases are mostly approved, open ones mostly drafts."""
    if status == "open":
        state = rng.choices(("draft", "submitted", "changes_requested"), weights=(6, 3, 1))[0]
    else:
        state = rng.choices(("approved", "submitted", "changes_requested"), weights=(17, 2, 1))[0]
    review: dict[str, Any] = {"status": state}
    if state in ("approved", "changes_requested"):
        review["reviewer"] = author.reviewer
        review["date"] = min(days(last, rng, 2, 30), today)
    return review


def may_be_public(key: str, case: dict) -> bool:
    """Adult, non-sensitive, consented, approved, closed, and a story shape exists for it."""
    closure = case.get("closure")
    return (
        D.PROFILES[key]["public"]
        and key in D.STORY_OPEN
        and closure is not None
        and closure["outcome"] in D.STORY_END
        and case["consent"].get("publication", False)
        and case["record"]["review"]["status"] == "approved"
        and case["client"]["age"] >= 18
        and _not_sensitive(case)
    )


def _not_sensitive(case: dict) -> bool:
    codes = [case["classification"]["ppks"], *case["classification"].get("secondary", [])]
    return not any(taxonomy().entry("ppks", code).get("sensitive") for code in codes)


def make_publication(rng: random.Random, key: str, case: dict, author: Author) -> dict[str, Any]:
    """A de-identified public story when allowed, else review only."""
    if not may_be_public(key, case) or rng.random() < 0.05:
        return {"audience": "review"}
    outcome = case["closure"]["outcome"]
    summary = [pick(rng, D.STORY_OPEN[key]), pick(rng, D.STORY_MIDDLE), D.STORY_END[outcome]]
    return {
        "audience": "public",
        "title": pick(rng, D.STORY_TITLES[outcome]),
        "summary": paragraph(summary),
        "approved_by": author.reviewer,
    }


# ---------------------------------------------------------------- one case


def generate_case(
    rng: random.Random,
    case_id: str,
    *,
    author: Author,
    number: int,
    intake: dt.date,
    today: dt.date,
    outcome: str | None = None,
    open_stage: str | None = None,
) -> dict[str, Any]:
    """One casework-plausible case as plain data, ready for ``dump_yaml``.

    ``outcome`` forces a closed case with that outcome; ``open_stage`` forces an open case at that
    stage; otherwise the profile, the status and the outcome are drawn from ``rng``.
    """
    key, outcome, last = choose_shape(rng, outcome, open_stage)
    profile = D.PROFILES[key]
    stages = clamp(timeline(rng, intake, outcome, last), today)
    outcome = outcome if "termination" in stages else None
    ctx = context(rng, profile)
    case: dict[str, Any] = {
        "schema_version": 1,
        "taxonomy_version": taxonomy().version,
        "case_id": case_id,
    }
    case["record"] = {
        "authors": [author.id],
        "field_supervisor": author.supervisor,
        "status": status_of(outcome),
    }
    case["client"] = make_client(rng, profile, number)
    case["consent"] = make_consent(rng, profile, intake, author.supervisor, today)
    case["intake"] = make_intake(rng, profile, intake, ctx)
    case["classification"] = make_classification(rng, key, profile)
    ctx["masalah"] = label("problem_factor", case["classification"]["problem_factors"][0])
    if "assessment" in stages:
        case["assessment"] = make_assessment(rng, profile, stages["assessment"], ctx)
    planned: list[dict[str, Any]] = []
    if "planning" in stages:
        case["plan"], planned = make_plan(rng, profile, stages["planning"], outcome, ctx)
        ctx["layanan"] = label("rehab_form", planned[-1]["form"])
    add_work(rng, key, case, planned, stages, outcome, today, ctx)
    case["stages"] = stages
    if outcome:
        case["closure"] = make_closure(rng, outcome, stages["termination"], case["plan"]["goals"])
        add_aftercare_stage(rng, case, today)
    last_date = max(stages.values())
    case["record"]["review"] = make_review(rng, author, case["record"]["status"], last_date, today)
    case["notes"] = make_notes(rng, key, case, ctx)
    case["publication"] = make_publication(rng, key, case, author)
    return case


def status_of(outcome: str | None) -> str:
    """The case status an outcome implies (open without one)."""
    if outcome is None:
        return "open"
    return taxonomy().entry("outcome", outcome).get("case_status", "closed")


def context(rng: random.Random, profile: dict) -> dict[str, Any]:
    """Values for the placeholders of the phrase banks."""
    relative = pick(rng, profile["relatives"])
    return {
        "tempat": pick(rng, profile["places"]),
        "keluarga": relative,
        "keluarga_cap": relative[:1].upper() + relative[1:],
        "n": pick(rng, ("dua", "tiga", "beberapa")),
        "tujuan": "pemulihan keberfungsian sosial klien",
        "layanan": "bimbingan sosial dan konseling",
        "masalah": "kemiskinan",
        "kebutuhan": "tempat tinggal yang aman",
    }


def add_work(
    rng: random.Random,
    key: str,
    case: dict,
    planned: list[dict],
    stages: dict[str, dt.date],
    outcome: str | None,
    today: dt.date,
    ctx: dict,
) -> None:
    """Services, referrals and evaluations for the stages reached."""
    if "intervention" not in stages:
        return
    closed = stages.get("termination")
    start = stages["intervention"]
    end = closed or min(today, stages.get("evaluation", start) + dt.timedelta(days=21))
    services = make_services(
        rng,
        D.PROFILES[key],
        case["plan"],
        planned,
        case["intake"]["initial_placement"],
        start,
        case["intake"]["date"],
        end,
        outcome,
    )
    referrals = make_referrals(rng, key, outcome, start, end, closed)
    if referrals:
        setting = services[-1]["setting"] if services else "komunitas"
        services.append(
            service_entry(
                rng, 0, referrals[0]["date"], "rujukan", setting, [case["plan"]["goals"][0]["id"]]
            )
        )
    services.sort(key=lambda item: item["date"])
    for index, item in enumerate(services):
        item["id"] = f"L{index + 1}"
    case["services"] = services
    if referrals:
        case["referrals"] = referrals
    if "evaluation" in stages:
        eval_end = closed or min(today, stages["evaluation"] + dt.timedelta(days=20))
        case["evaluations"] = make_evaluations(
            rng, stages["evaluation"], eval_end, outcome, ctx, bool(referrals)
        )


def make_referrals(
    rng: random.Random,
    key: str,
    outcome: str | None,
    start: dt.date,
    end: dt.date,
    closed: dt.date | None,
) -> list[dict[str, Any]]:
    """The referral the outcome needs, shortly before closure; some open cases await an answer."""
    if outcome and D.OUTCOMES[outcome]["referral"]:
        date = max(start, closed - dt.timedelta(days=rng.randint(0, 7)))
        return [make_referral(rng, key, outcome, date)]
    if outcome is None and rng.random() < 0.25:
        return [pending_referral(rng, key, min(end, days(start, rng, 0, 10)))]
    return []


def add_aftercare_stage(rng: random.Random, case: dict, today: dt.date) -> None:
    """Half the planned aftercare has already begun."""
    aftercare = case["closure"].get("aftercare") or {}
    begins = days(case["closure"]["date"], rng, 14, 40)
    if aftercare.get("planned") and rng.random() < 0.5 and begins <= today:
        case["stages"]["aftercare"] = begins


# ---------------------------------------------------------------- many cases


def generate_cases(
    rng: random.Random,
    count: int,
    authors: list[Author],
    *,
    today: dt.date,
    year: int,
    first: int = 1,
) -> list[dict[str, Any]]:
    """``count`` cases numbered from ``first`` in intake order; every outcome appears once there are enough."""
    draws = []
    for _ in range(count):
        author = rng.choices(authors, weights=[a.weight for a in authors])[0]
        draws.append((intake_date(rng, author, today), authors.index(author)))
    draws.sort()
    forced = list(taxonomy().codes("outcome"))
    rng.shuffle(forced)
    cases = []
    for index, (intake, author_index) in enumerate(draws):
        number = first + index
        shape: dict[str, str] = {}
        if forced and rng.random() < OPEN_SHARE:
            shape["open_stage"] = rng.choices(OPEN_STAGES, weights=OPEN_STAGE_WEIGHTS)[0]
        elif forced:
            shape["outcome"] = forced.pop()
        cases.append(
            generate_case(
                rng,
                f"K-{year}-{number:04d}",
                author=authors[author_index],
                number=number,
                intake=intake,
                today=today,
                **shape,
            )
        )
    return cases


def intake_date(rng: random.Random, author: Author, today: dt.date) -> dt.date:
    """A working day inside the author's placement, not after today."""
    last = min(author.end, today)
    date = author.start + dt.timedelta(days=rng.randint(0, max(0, (last - author.start).days)))
    while date.weekday() >= 5 and date > author.start:
        date -= dt.timedelta(days=1)
    return date


# ---------------------------------------------------------------- YAML emitter

_RESERVED = {"yes", "no", "true", "false", "on", "off", "null", "y", "n", "~", ""}
_INDICATORS = set("-?:,[]{}#&*!|>'\"%@`=.+<0123456789 ")
_FLOW_UNSAFE = re.compile(r"[,\[\]{}:]")  # libyaml refuses some ":" inside [ ] (e.g. "a:?")
# Characters YAML will not hold raw, or reads as line breaks: always escaped inside double quotes.
_UNPRINTABLE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff\ufffe\uffff]"
)
WIDTH = 100


def dump_yaml(data: dict[str, Any], header: str = "") -> str:
    """Block-style YAML of plain data (dicts, lists, str, int, float, bool, date, None)."""
    if not data:
        return header + "{}\n"
    lines: list[str] = []
    _mapping(data, 0, lines)
    return header + "\n".join(lines) + "\n"


@lru_cache(maxsize=65536)
def _string(text: str, flow: bool) -> str:
    """A plain scalar when YAML reads it back as the same string, else a double-quoted one."""
    plain = (
        bool(text)
        and text[0] not in _INDICATORS
        and text.lower() not in _RESERVED
        and text == text.strip()
        and ": " not in text
        and " #" not in text
        and not text.endswith(":")
        and "\n" not in text
        and "\t" not in text
        and not (flow and _FLOW_UNSAFE.search(text))
        and not _UNPRINTABLE.search(text)
    )
    return text if plain else _quoted(text)


def _quoted(text: str) -> str:
    """A double-quoted scalar: JSON string syntax, which YAML reads, with unprintables escaped."""
    return _UNPRINTABLE.sub(
        lambda m: f"\\u{ord(m.group()):04x}", json.dumps(text, ensure_ascii=False)
    )


def _scalar(value: Any, flow: bool = False) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return _string(str(value), flow) if value else '""'


def _is_scalar(value: Any) -> bool:
    return not isinstance(value, (dict, list)) and not (isinstance(value, str) and "\n" in value)


def _flow_text(value: Any, budget: int = WIDTH) -> str | None:
    """The flow form of a list or mapping of scalars (and such lists) within ``budget`` characters."""
    if isinstance(value, list):
        if not all(map(_is_scalar, value)):
            return None
        text = "[" + ", ".join(_scalar(item, True) for item in value) + "]"
        return text if len(text) <= budget else None
    parts, used = [], 2
    for key, item in value.items():
        text = (
            _flow_text(item, budget - used)
            if isinstance(item, list)
            else _scalar(item, True)
            if _is_scalar(item)
            else None
        )
        if text is None:
            return None
        parts.append(f"{_string(str(key), True)}: {text}")
        used += len(parts[-1]) + 2
        if used > budget:
            return None
    return "{" + ", ".join(parts) + "}"


def _flow(value: Any, column: int) -> str | None:
    """The one-line flow form of a small mapping or list, if it has one and it fits the width."""
    return _flow_text(value, WIDTH - column)


def _block_scalar(value: Any, indent: int, column: int) -> str:
    """A scalar after ``key: ``: literal block for multi-line text, folded block for long text."""
    if isinstance(value, str) and "\n" in value and _literal_ok(value):
        chomp = "" if value.endswith("\n") else "-"
        pad = " " * (indent + 2)
        body = "\n".join(pad + line if line else "" for line in value.rstrip("\n").split("\n"))
        return f"|{chomp}\n{body}"
    if isinstance(value, str) and column + len(value) > WIDTH and _folded_ok(value):
        pad = " " * (indent + 2)
        lines = textwrap.wrap(
            value, width=WIDTH - indent - 2, break_long_words=False, break_on_hyphens=False
        )
        return ">-\n" + "\n".join(pad + line for line in lines)
    return _scalar(value)


def _literal_ok(text: str) -> bool:
    lines = text.rstrip("\n").split("\n")
    return (
        not text.endswith("\n\n")
        and bool(lines[0])
        and not lines[0][0].isspace()
        and "\t" not in text
        and "\r" not in text
        and not _UNPRINTABLE.search(text)
        and not any(line.isspace() for line in lines)
    )


def _folded_ok(text: str) -> bool:
    return (
        text == text.strip()
        and "  " not in text
        and not re.search("[\t\n\r\x0b\x0c]", text)
        and not _UNPRINTABLE.search(text)
    )


def _mapping(data: dict[str, Any], indent: int, lines: list[str]) -> None:
    pad = " " * indent
    for key, value in data.items():
        name = _string(str(key), False)
        if isinstance(value, (dict, list)) and value:
            flow = _flow(value, indent + len(name) + 2)
            if flow is not None:
                lines.append(f"{pad}{name}: {flow}")
                continue
            lines.append(f"{pad}{name}:")
            (_mapping if isinstance(value, dict) else _sequence)(value, indent + 2, lines)
        elif isinstance(value, (dict, list)):
            lines.append(f"{pad}{name}: {'{}' if isinstance(value, dict) else '[]'}")
        else:
            lines.append(f"{pad}{name}: {_block_scalar(value, indent, indent + len(name) + 2)}")


def _sequence(items: list[Any], indent: int, lines: list[str]) -> None:
    pad = " " * indent
    for item in items:
        if isinstance(item, dict) and item:
            flow = _flow(item, indent + 2)
            if flow is not None:
                lines.append(f"{pad}- {flow}")
                continue
            nested: list[str] = []
            _mapping(item, indent + 2, nested)
            nested[0] = f"{pad}- {nested[0][indent + 2 :]}"
            lines.extend(nested)
        elif isinstance(item, list):
            lines.append(f"{pad}- {_flow(item, 0) or '[]'}")
        else:
            lines.append(f"{pad}- {_block_scalar(item, indent, indent + 2)}")


# ---------------------------------------------------------------- office, interns, logbooks


def person_name(fake: Any, rng: random.Random) -> str:
    """An invented Indonesian name from Faker, first and last names of one gender; never a client's.

    Names sharing a word with a person named in the project's research notes are drawn again.
    """
    while True:
        gender = pick(rng, ("male", "female"))
        parts = [getattr(fake, f"first_name_{gender}")(), getattr(fake, f"last_name_{gender}")()]
        if rng.random() < 0.4:
            parts.insert(1, getattr(fake, f"first_name_{gender}")())
        if not D.AVOIDED_NAME_PARTS.intersection(parts):
            return " ".join(dict.fromkeys(parts))


def slug(text: str) -> str:
    """ASCII, lower case, words joined by hyphens."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def make_office(rng: random.Random, fake: Any, staff_count: int) -> dict[str, Any]:
    """The fictional office of Kota Sukamaju with Faker-named social workers."""
    staff = [
        {
            "id": f"PS-{index + 1:02d}",
            "name": f"{person_name(fake, rng)}, {pick(rng, D.STAFF_DEGREES)}",
            "title": D.STAFF_TITLES[index % len(D.STAFF_TITLES)],
        }
        for index in range(staff_count)
    ]
    return {**OFFICE, "staff": staff}


OFFICE: dict[str, Any] = {
    "schema_version": 1,
    "name": "Dinas Sosial Kota Sukamaju",
    "short_name": "Dinsos Kota Sukamaju",
    "city": "Kota Sukamaju",
    "province": "Provinsi Jawa Nusantara",
    "area_code": "39.71",
    "division": "Bidang Rehabilitasi Sosial",
    "about": "Bidang Rehabilitasi Sosial melayani Pemerlu Pelayanan Kesejahteraan Sosial (PPKS) di luar\n"
    "panti: penjangkauan oleh Unit Reaksi Cepat, rumah singgah, asesmen, rujukan, dan reunifikasi.\n",
    "vision": "Terwujudnya kesejahteraan sosial warga Kota Sukamaju yang inklusif dan bermartabat.",
    "mission": [
        "Memberikan rehabilitasi sosial dasar di luar panti yang cepat, tepat, dan manusiawi.",
        "Memperkuat jejaring rujukan dengan rumah sakit, UPT provinsi, dan lembaga kesejahteraan sosial.",
    ],
    "services": [
        "Penjangkauan dan respons kasus oleh Unit Reaksi Cepat",
        "Rumah singgah sementara",
        "Asesmen dan manajemen kasus",
        "Pemulangan ke daerah asal dan reunifikasi keluarga",
    ],
}


def make_intern(
    rng: random.Random,
    fake: Any,
    index: int,
    start: dt.date,
    staff: list[str],
    today: dt.date,
    taken: set[str],
) -> dict[str, Any]:
    """An intern record: programme, placement, supervisors and monthly reflections."""
    name = person_name(fake, rng)
    intern_id = unique(f"{slug(' '.join(name.split()[:2]))}-{start.year}", taken)
    kind, programme, weeks, courses = D.PROGRAMMES[index % len(D.PROGRAMMES)]
    university, faculty, study = D.UNIVERSITIES[index % len(D.UNIVERSITIES)]
    begin = start + dt.timedelta(weeks=2 * (index % 3))
    end = begin + dt.timedelta(weeks=weeks, days=-3)
    record: dict[str, Any] = {
        "schema_version": 1,
        "id": intern_id,
        "name": name,
        "student_number": f"{start.year % 100 - 3:02d}{rng.randint(10, 99)}{rng.randint(100000, 999999)}",
        "university": university,
        "faculty": faculty,
        "study_programme": study,
        "programme": {
            "kind": kind,
            "name": programme,
            "batch": str(rng.randint(5, 8)),
            "courses": [
                {"code": f"KS{4100 + n + 1}", "name": title, "credits": credits}
                for n, (title, credits) in enumerate(courses)
            ],
        },
        "placement": {
            "unit": "Bidang Rehabilitasi Sosial",
            "role": "Pekerja Sosial (magang)",
            "start": begin,
            "end": end,
            "hours_per_day": 8,
        },
        "supervisors": {
            "academic": [{"id": f"DSN-{index + 1:02d}", "name": academic_name(fake, rng)}],
            "field": [staff[index % len(staff)]],
        },
        "reflections": reflections(rng, begin, min(end, today)),
        "report_title": D.REPORT_TITLES[kind].format(office="Dinas Sosial Kota Sukamaju"),
    }
    return record


def academic_name(fake: Any, rng: random.Random) -> str:
    """An invented lecturer's name with degrees."""
    return f"{pick(rng, ('Dr. ', ''))}{person_name(fake, rng)}, {pick(rng, ('M.Kesos.', 'M.Si.', 'M.Sos.'))}"


def unique(base: str, taken: set[str]) -> str:
    """``base``, or ``base-2``, ``base-3`` … if taken; records it as taken."""
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    taken.add(candidate)
    return candidate


def reflections(rng: random.Random, begin: dt.date, last: dt.date) -> list[dict[str, str]]:
    """One reflection per month of the placement already lived."""
    months = sorted(
        {
            (d.year, d.month)
            for d in (begin + dt.timedelta(days=n) for n in range((last - begin).days + 1))
        }
    )
    chosen = rng.sample(D.INTERN_REFLECTIONS, min(len(months), len(D.INTERN_REFLECTIONS)))
    return [
        {
            "period": f"{year}-{month:02d}",
            "learned": learned,
            "obstacles": obstacles,
            "solutions": solutions,
        }
        for (year, month), (learned, obstacles, solutions) in zip(months, chosen)
    ]


def author_of(record: dict[str, Any]) -> Author:
    """The case author described by an intern record (weight: weeks of placement)."""
    placement, supervisors = record["placement"], record["supervisors"]
    return Author(
        record["id"],
        placement["start"],
        placement["end"],
        supervisors["field"][0],
        supervisors["academic"][0]["id"],
        max(1, (placement["end"] - placement["start"]).days // 7),
    )


def make_logbook(
    rng: random.Random, author: Author, cases: list[dict], today: dt.date
) -> dict[str, Any]:
    """Most working days of the placement; days with casework link the cases worked on."""
    events = case_events(cases)
    entries = []
    day, last = author.start, min(author.end, today)
    while day <= last:
        if day.weekday() < 5 and (day in events or rng.random() < 0.8):
            entries.append(log_entry(rng, author, day, events.get(day, []), today))
        day += dt.timedelta(days=1)
    return {"entries": entries}


SERVICE_ACTIVITY = {
    "bimbingan_sosial_konseling_psikososial": "konseling",
    "rujukan": "rujukan",
    "pelayanan_aksesibilitas": "pendampingan",
    "bimbingan_fisik": "pendampingan",
}
EVALUATION_ACTIVITY = {
    "kunjungan_lanjut": "kunjungan_rumah",
    "kontak_keluarga": "kunjungan_rumah",
    "kontak_lembaga": "rujukan",
}


def case_events(cases: list[dict]) -> dict[dt.date, list[tuple[str, str]]]:
    """(activity, case id) for each day something happened in a case, in case order."""
    events: dict[dt.date, list[tuple[str, str]]] = {}
    for case in cases:
        case_id, intake = case["case_id"], case["intake"]
        found = [
            (intake["date"], "patroli_urc" if intake["channel"] == "street_outreach" else "asesmen")
        ]
        if "assessment" in case:
            found.append((case["assessment"]["date"], "asesmen"))
        found += [
            (item["date"], SERVICE_ACTIVITY.get(item["form"], "pendampingan"))
            for item in case.get("services", [])
        ]
        found += [(item["date"], "rujukan") for item in case.get("referrals", [])]
        found += [
            (item["date"], EVALUATION_ACTIVITY.get(item.get("type", "evaluasi"), "rapat"))
            for item in case.get("evaluations", [])
        ]
        for day, activity in dict.fromkeys(found):
            events.setdefault(day, []).append((activity, case_id))
    return events


GENERIC_ACTIVITIES = (
    "rapat",
    "administrasi",
    "administrasi",
    "dokumentasi",
    "dokumentasi",
    "patroli_urc",
    "patroli_urc",
    "kunjungan_rumah",
    "pelatihan",
)


def log_entry(
    rng: random.Random, author: Author, day: dt.date, events: list[tuple[str, str]], today: dt.date
) -> dict[str, Any]:
    """One day's activity: the day's casework with up to three linked cases, or office work."""
    activity = events[0][0] if events else pick(rng, GENERIC_ACTIVITIES)
    entry: dict[str, Any] = {
        "date": day,
        "activity": activity,
        "description": pick(rng, D.LOG_ACTIVITIES[activity]),
        "hours": pick(rng, (6, 7, 7.5, 8, 8)),
        "location": D.LOG_PLACES[activity],
    }
    if activity in D.LOG_OUTPUTS:
        entry["output"] = D.LOG_OUTPUTS[activity]
    linked = list(dict.fromkeys(case_id for kind, case_id in events if kind == activity))
    if linked:
        entry["cases"] = linked[:3]
    entry["validation"] = validation(rng, author, day, today)
    return entry


def validation(rng: random.Random, author: Author, day: dt.date, today: dt.date) -> dict[str, Any]:
    """Older entries are mostly validated by the field supervisor; the latest are drafts."""
    age = (min(author.end, today) - day).days
    if age < 7:
        return {"status": pick(rng, ("draft", "submitted"))}
    state = rng.choices(("validated", "submitted", "needs_revision"), weights=(17, 2, 1))[0]
    if state == "submitted":
        return {"status": state}
    result: dict[str, Any] = {
        "status": state,
        "by": author.supervisor,
        "date": min(days(day, rng, 1, 6), today),
    }
    if state == "needs_revision":
        result["note"] = pick(
            rng,
            ("Lengkapi hasil kegiatan.", "Uraian kegiatan terlalu umum; sebutkan tahap kasusnya."),
        )
    return result


def make_references(rng: random.Random) -> dict[str, Any]:
    """The regulations and texts the chapters cite, plus a few more."""
    cited = {"uu11_2009", "permensos7_2022", "setiabudi2019manajemen", "pratama2020asesmen"}
    others = [ref for ref in D.REFERENCES if ref["id"] not in cited]
    chosen = {ref["id"] for ref in rng.sample(others, rng.randint(2, 4))} | cited
    return {"references": [dict(ref) for ref in D.REFERENCES if ref["id"] in chosen]}


def make_chapters(record: dict[str, Any], cases: list[dict]) -> dict[str, str]:
    """Pendahuluan, pelaksanaan and penutup, filled with the intern's own figures."""
    placement = record["placement"]
    categories = sorted(
        {taxonomy().label("ppks", case["classification"]["ppks"]).lower() for case in cases}
    )
    values = {
        "program": record["programme"]["name"],
        "prodi": record["study_programme"],
        "kampus": record["university"],
        "unit": placement["unit"],
        "office": "Dinas Sosial Kota Sukamaju",
        "periode": month_span(placement["start"], placement["end"]),
        "jumlah_kasus": len(cases),
        "kategori": ", ".join(categories[:4]) or "PPKS jalanan",
    }
    chapters = {name: text.format(**values) for name, text in D.CHAPTERS.items()}
    chapters["studi-kasus"] = case_study_chapter(cases)
    return chapters


def case_study_chapter(cases: list[dict]) -> str:
    """The cases chapter IV tells: up to three with consent to publication, so that no case is
    left out of the report unannounced (``casebook check`` warns about every one that would be)."""
    told = sorted((c for c in cases if c["consent"].get("publication")),
                  key=lambda c: (c["intake"]["date"], c["case_id"]))[:3]
    ids = ", ".join(c["case_id"] for c in told)
    return (
        "---\n# Kasus yang diuraikan di BAB IV (hanya kasus dengan persetujuan publikasi klien).\n"
        f"kasus: [{ids}]\n---\n\n## Pembahasan\n\n"
        "Kasus-kasus ini memperlihatkan pentingnya asesmen yang cermat dan koordinasi rujukan.\n"
    )


def month_span(start: dt.date, end: dt.date) -> str:
    """'Februari sampai Juni 2025': months, never full dates (a full date can identify a client)."""
    first = D.MONTHS_ID[start.month - 1] + ("" if start.year == end.year else f" {start.year}")
    return f"{first} sampai {D.MONTHS_ID[end.month - 1]} {end.year}"


# ---------------------------------------------------------------- whole projects


def generate_project(
    out: Path,
    *,
    cases: int,
    seed: int,
    interns: int = 4,
    start: dt.date = dt.date(2025, 2, 17),
    today: dt.date | None = None,
) -> None:
    """Write a complete fictional project into ``out``: office, interns and ``cases`` case files."""
    from faker import Faker  # the demo extra; imported here so `import` alone never needs it

    today = today or today_for()
    if start > today:
        raise ValueError(f"start {start} is after today {today}")
    if interns < 1 or cases < 0:
        raise ValueError("need at least one intern and a non-negative number of cases")
    rng = random.Random(seed)
    fake = Faker("id_ID")
    fake.seed_instance(seed)
    office = make_office(rng, fake, staff_count=max(3, min(6, interns)))
    staff = [person["id"] for person in office["staff"]]
    taken: set[str] = set()
    records = [
        make_intern(rng, fake, index, start, staff, today, taken) for index in range(interns)
    ]
    authors = [author_of(record) for record in records]
    case_list = generate_cases(rng, cases, authors, today=today, year=start.year)
    write_project(Path(out), rng, office, records, case_list, today)


def write_project(
    out: Path,
    rng: random.Random,
    office: dict,
    records: list[dict],
    cases: list[dict],
    today: dt.date,
) -> None:
    """Write every file of a generated project."""
    (out / "cases").mkdir(parents=True, exist_ok=True)
    write(out / "office.yaml", dump_yaml(office, HEADERS["office"]))
    write(out / "content" / "index.md", INDEX_PAGE)
    for case in cases:
        write(out / "cases" / f"{case['case_id']}.yaml", dump_yaml(case, HEADERS["case"]))
    for record in records:
        own = [case for case in cases if case["record"]["authors"][0] == record["id"]]
        write_intern(out / "interns" / record["id"], rng, record, own, today)


INDEX_PAGE = (
    "# Dinas Sosial Kota Sukamaju\n\n"
    "Proyek contoh sintetis yang ditulis oleh `casebook demo`. Semua klien, mahasiswa, dan tempat\n"
    "dalam proyek ini rekaan.\n"
)


def write_intern(
    folder: Path, rng: random.Random, record: dict, cases: list[dict], today: dt.date
) -> None:
    """intern.yaml, logbook.yaml, references.yaml and chapters/*.md of one intern."""
    author = author_of(record)
    write(folder / "intern.yaml", dump_yaml(record, HEADERS["intern"]))
    write(
        folder / "logbook.yaml",
        dump_yaml(make_logbook(rng, author, cases, today), HEADERS["logbook"]),
    )
    write(folder / "references.yaml", dump_yaml(make_references(rng), HEADERS["references"]))
    for name, text in make_chapters(record, cases).items():
        write(folder / "chapters" / f"{name}.md", text)


def write(path: Path, text: str) -> None:
    """Write UTF-8 text, creating folders."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


# ---------------------------------------------------------------- the shipped sample


def sample_authors(root: Path) -> list[Author]:
    """The interns of an existing project, as case authors."""
    import yaml

    authors = []
    for path in sorted((root / "interns").glob("*/intern.yaml")):
        record = yaml.load(
            path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        )
        authors.append(author_of(record))
    return authors


def sample_cases(
    root: Path,
    *,
    first: int = 14,
    count: int = 48,
    seed: int = SAMPLE_SEED,
    today: dt.date = SAMPLE_TODAY,
) -> list[dict[str, Any]]:
    """The generated part of the shipped sample, authored by the project's own interns."""
    return generate_cases(
        random.Random(seed), count, sample_authors(root), today=today, year=2025, first=first
    )


def write_sample_cases(root: Path, **options: Any) -> list[Path]:
    """(Re)write cases/K-2025-0013.yaml onwards of the shipped sample."""
    paths = []
    for case in sample_cases(root, **options):
        path = root / "cases" / f"{case['case_id']}.yaml"
        write(path, dump_yaml(case, HEADERS["case"]))
        paths.append(path)
    return paths
