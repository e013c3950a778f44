"""The synthetic generator (casebook_demo.generate), `casebook demo`, and the shipped sample cohort."""

from __future__ import annotations

import datetime as dt
import random
import re
import statistics
from collections import Counter
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from casebook_demo import data as D
from casebook_demo import generate as demo
from generator.build.project import load_project
from generator.cli import cli
from generator.model.facts import is_childrens_case, is_sensitive_case
from generator.model.records import Case
from generator.model.taxonomy import load_taxonomy

ROOT = Path(__file__).resolve().parents[1]
TODAY = dt.date(2026, 11, 22)
TAXONOMY = load_taxonomy()
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def files_of(folder: Path) -> dict[str, bytes]:
    """Every file the generator wrote (not the loader's .casebook cache)."""
    paths = sorted(p for p in folder.rglob("*") if p.is_file() and ".casebook" not in p.parts)
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in paths}


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("demo") / "project"
    demo.generate_project(out, cases=40, seed=1, today=TODAY)
    return out


@pytest.fixture(scope="module")
def sample():
    project, problems = load_project(ROOT, today=TODAY)
    return project, problems


@pytest.fixture(scope="module")
def many_cases() -> list[dict]:
    """Three hundred cases from one author, for distribution checks."""
    author = demo.Author("a-2025", dt.date(2025, 2, 17), dt.date(2025, 6, 27), "PS-01", "DSN-01")
    return demo.generate_cases(random.Random(11), 300, [author], today=TODAY, year=2025)


# ---------------------------------------------------------------- generated projects


def test_generated_project_checks_clean(generated):
    project, problems = load_project(generated, today=TODAY)
    assert [f"{p.file}:{p.line} {p.path} {p.code}" for p in problems] == []
    assert len(project.cases) == 40
    assert len(project.interns) == 4
    assert project.office is not None and len(project.office.staff) >= 3


def test_generated_project_layout(generated):
    names = set(files_of(generated))
    assert "office.yaml" in names
    for intern in (generated / "interns").iterdir():
        for part in (
            "intern.yaml",
            "logbook.yaml",
            "references.yaml",
            "chapters/pendahuluan.md",
            "chapters/pelaksanaan.md",
            "chapters/penutup.md",
        ):
            assert f"interns/{intern.name}/{part}" in names


def test_same_seed_same_bytes_other_seed_differs(generated, tmp_path):
    again, other = tmp_path / "again", tmp_path / "other"
    demo.generate_project(again, cases=40, seed=1, today=TODAY)
    demo.generate_project(other, cases=40, seed=2, today=TODAY)
    assert files_of(again) == files_of(generated)
    assert files_of(other) != files_of(generated)


def test_every_logbook_links_its_own_cases(generated):
    project, _ = load_project(generated, today=TODAY)
    for doc in project.sorted_interns():
        linked = {case for entry in doc.logbook.entries for case in entry.cases}
        assert linked, doc.intern.id
        for case_id in linked:
            assert doc.intern.id in project.cases[case_id].case.record.authors


def test_chapter_citations_resolve(generated):
    project, _ = load_project(generated, today=TODAY)
    for doc in project.sorted_interns():
        keys = {ref.id for ref in doc.references.references}
        cited = {key for text in doc.chapters.values() for key in re.findall(r"\[@([\w-]+)", text)}
        assert cited and cited <= keys


def test_clients_have_aliases_and_no_person_names(generated):
    """Names (Faker's) appear only in office and intern records, never in case files."""
    people = yaml.load((generated / "office.yaml").read_text("utf-8"), Loader=LOADER)["staff"]
    names = [person["name"] for person in people]
    for path in (generated / "interns").glob("*/intern.yaml"):
        record = yaml.load(path.read_text("utf-8"), Loader=LOADER)
        names += [record["name"], *(p["name"] for p in record["supervisors"]["academic"])]
    words = {w for name in names for w in re.findall(r"[A-Z][a-z]{3,}", name.split(",")[0])}
    assert words
    for path in (generated / "cases").glob("*.yaml"):
        text = path.read_text("utf-8")
        data = yaml.load(text, Loader=LOADER)
        assert re.fullmatch(r"Klien \d+", data["client"]["alias"])
        found = {w for w in words if re.search(rf"\b{w}\b", text)}
        assert not found, (path.name, found)
        assert not re.search(r"\b\d{16}\b", text)


def test_generated_names_avoid_research_names():
    fake = __import__("faker").Faker("id_ID")
    fake.seed_instance(3)
    rng = random.Random(3)
    for _ in range(300):
        assert not D.AVOIDED_NAME_PARTS.intersection(demo.person_name(fake, rng).split())


def test_dates_never_after_today(tmp_path):
    today = dt.date(2025, 4, 1)
    demo.generate_project(tmp_path / "p", cases=60, seed=5, today=today)
    project, problems = load_project(tmp_path / "p", today=today)
    assert problems == []
    assert any(doc.case.record.status == "open" for doc in project.cases.values())


def test_start_after_today_is_refused(tmp_path):
    with pytest.raises(ValueError):
        demo.generate_project(tmp_path / "p", cases=1, seed=1, today=dt.date(2024, 1, 1))


# ---------------------------------------------------------------- case shape


def test_cases_are_valid_models_with_ordered_stages(many_cases):
    order = [entry for entry in TAXONOMY.codes("stage")]
    for data in many_cases:
        case = Case.model_validate(data, context={"taxonomy": TAXONOMY})
        dates = [case.stages[s] for s in order if s in case.stages]
        assert dates == sorted(dates), case.case_id
        assert max(dates) <= TODAY
        if case.record.status == "open":
            assert case.closure is None
        else:
            assert case.closure and case.plan and case.services and case.evaluations


def test_every_outcome_and_many_categories(many_cases):
    outcomes = {c["closure"]["outcome"] for c in many_cases if "closure" in c}
    assert outcomes == set(TAXONOMY.codes("outcome"))
    assert len({c["classification"]["ppks"] for c in many_cases}) >= 15
    statuses = Counter(c["record"]["status"] for c in many_cases)
    assert 0.15 < statuses["open"] / len(many_cases) < 0.4
    open_stages = {
        max(c["stages"], key=order_of) for c in many_cases if c["record"]["status"] == "open"
    }
    assert {
        "engagement_intake",
        "assessment",
        "planning",
        "intervention",
        "evaluation",
    } <= open_stages


def order_of(stage: str) -> int:
    return int(TAXONOMY.entry("stage", stage)["order"])


def test_open_cases_hold_only_what_their_stage_requires(many_cases):
    sections = {
        "assessment": "assessment",
        "planning": "plan",
        "intervention": "services",
        "evaluation": "evaluations",
    }
    for case in many_cases:
        if case["record"]["status"] != "open":
            continue
        reached = order_of(max(case["stages"], key=order_of))
        for stage, field in sections.items():
            assert (field in case) == (order_of(stage) <= reached), (case["case_id"], field)


def test_intake_routes_and_ages_fit_the_category(many_cases):
    routes = {(p["ppks"], ch, src) for p in D.PROFILES.values() for ch, src, _, _ in p["intakes"]}
    for case in many_cases:
        ppks, intake = case["classification"]["ppks"], case["intake"]
        assert (ppks, intake["channel"], intake["source"]) in routes
        limits = TAXONOMY.entry("ppks", ppks).get("age") or {}
        assert limits.get("min", 0) <= case["client"]["age"] <= limits.get("max", 120)
    street = [c for c in many_cases if c["classification"]["ppks"] in ("anak_jalanan", "pengemis")]
    assert Counter(c["intake"]["source"] for c in street).most_common(1)[0][0] == "urc_patrol"


def test_public_stories_only_for_allowed_cases(many_cases):
    public = [c for c in many_cases if c["publication"]["audience"] == "public"]
    assert 0.12 < len(public) / len(many_cases) < 0.32
    for data in public:
        case = Case.model_validate(data, context={"taxonomy": TAXONOMY})
        assert case.consent.publication and case.record.review.status == "approved"
        assert case.publication.title and case.publication.summary
        assert not is_childrens_case(case, TAXONOMY) and not is_sensitive_case(case, TAXONOMY)


def test_notes_vary(many_cases):
    """Phrase banks, not one template: whole narratives are (nearly) all different."""
    notes = [c["notes"]["assessment"] for c in many_cases if "assessment" in c["notes"]]
    assert len(set(notes)) > 0.6 * len(notes)
    stories = ["".join(c["notes"].values()) for c in many_cases if c["record"]["status"] != "open"]
    assert len(set(stories)) == len(stories)
    first_sentences = Counter(note.split(".")[0] for note in notes)
    assert first_sentences.most_common(1)[0][1] < 0.35 * len(notes)


def test_case_files_are_about_three_kilobytes(many_cases):
    sizes = [len(demo.dump_yaml(c, demo.HEADERS["case"]).encode()) for c in many_cases]
    assert 2_500 < statistics.mean(sizes) < 5_500


def test_demo_data_codes_exist_in_the_taxonomy():
    has = TAXONOMY.has
    for key, p in D.PROFILES.items():
        assert has("ppks", p["ppks"]), key
        assert all(has("subgroup", s) for group in p["subgroups"] for s in group), key
        for channel, source, placement, _ in p["intakes"]:
            assert has("intake_channel", channel) and has("referral_source", source)
            assert has("placement", placement), key
        checks = [
            ("problem_factor", p["factors"]),
            ("need", p["needs"]),
            ("goal_type", p["goals"]),
            ("rehab_form", p["services"]),
            ("outcome", p["outcomes"]),
            ("risk_level", p["risk"]),
            ("consent_giver", p["consent_by"]),
            ("health_flag", p["health"]),
            ("living_situation", p["living"]),
            ("origin", p["origin"]),
            ("education", p["education"]),
            ("marital_status", p["marital"]),
            ("assessment_domain", p["domains"]),
        ]
        for vocabulary, codes in checks:
            assert all(has(vocabulary, code) for code in codes), (key, vocabulary)
    for form, spec in D.SERVICES.items():
        assert has("rehab_form", form) and has("atensi_component", spec["atensi"])
    for outcome, table in D.FACILITIES.items():
        assert has("outcome", outcome) and all(has("provider_type", v[0]) for v in table.values())
    assert set(D.OUTCOMES) == set(TAXONOMY.codes("outcome"))
    assert set(D.ENGAGEMENT) <= set(TAXONOMY.codes("referral_source"))


# ---------------------------------------------------------------- the YAML emitter


@settings(max_examples=300, deadline=None)
@given(
    st.dictionaries(
        st.text(min_size=1, max_size=12),
        st.one_of(
            st.text(),
            st.integers(),
            st.booleans(),
            st.none(),
            st.dates(),
            st.lists(st.text(max_size=20), max_size=4),
            st.dictionaries(st.text(min_size=1, max_size=6), st.text(max_size=30), max_size=3),
        ),
        max_size=6,
    )
)
def test_emitter_round_trips(data):
    assert yaml.load(demo.dump_yaml(data), Loader=LOADER) == data


@pytest.mark.parametrize(
    "text",
    [
        "yes",
        "No",
        "null",
        "~",
        "",
        "2025-01-01",
        "1e3",
        "0x1F",
        "1:20",
        "- item",
        "? key",
        "a: b",
        "a #b",
        "#x",
        "[x]",
        "{x}",
        "x, y",
        "@x",
        "`x`",
        "!tag",
        "&a",
        "*a",
        "|",
        ">",
        "%x",
        "<<",
        " lead",
        "trail ",
        "two\nlines\n",
        "no final newline\nhere",
        "tab\there",
        "nel\x85x",
        "line\u2028sep",
        "kata " * 40,
    ],
)
def test_emitter_tricky_strings(text):
    data = {"k": text, "l": [text], "m": {"n": text}}
    assert yaml.load(demo.dump_yaml(data), Loader=LOADER) == data


def test_emitter_matches_the_hand_written_style():
    text = demo.dump_yaml(
        {
            "record": {"authors": ["a-2025"], "review": {"status": "draft"}},
            "goals": [{"id": "T1", "text": "Teks"}],
            "note": "satu\ndua\n",
        }
    )
    assert text == (
        "record:\n  authors: [a-2025]\n  review: {status: draft}\n"
        "goals:\n  - {id: T1, text: Teks}\nnote: |\n  satu\n  dua\n"
    )


# ---------------------------------------------------------------- the command


def test_demo_command_writes_and_refuses_non_empty(tmp_path):
    out = tmp_path / "proj"
    runner = CliRunner()
    first = runner.invoke(cli, ["demo", "--cases", "6", "--seed", "4", "--out", str(out)])
    assert first.exit_code == 0, first.output
    assert len(list((out / "cases").glob("*.yaml"))) == 6
    again = runner.invoke(cli, ["demo", "--cases", "6", "--seed", "4", "--out", str(out)])
    assert again.exit_code == 2 and "--force" in again.output
    forced = runner.invoke(
        cli, ["demo", "--cases", "6", "--seed", "4", "--out", str(out), "--force"]
    )
    assert forced.exit_code == 0
    check = runner.invoke(
        cli, ["check", "--project", str(out)], env={"CASEBOOK_TODAY": "2026-11-22"}
    )
    assert check.exit_code == 0, check.output


# ---------------------------------------------------------------- the shipped sample


def test_sample_checks_clean(sample):
    _, problems = sample
    assert [f"{p.file}:{p.line} {p.path} {p.code}" for p in problems] == []


def test_sample_coverage(sample):
    project, _ = sample
    cases = [doc.case for doc in project.sorted_cases()]
    assert len(cases) >= 60
    assert len({c.classification.ppks for c in cases}) >= 10
    assert {c.closure.outcome for c in cases if c.closure} == set(TAXONOMY.codes("outcome"))
    assert {c.record.status for c in cases} >= {"open", "closed", "transferred_out"}
    children = [c for c in cases if is_childrens_case(c, TAXONOMY)]
    assert len(children) >= 5
    assert all(c.publication.audience == "review" for c in children)
    assert any(c.consent.publication for c in children)
    assert sum(c.publication.audience == "public" for c in cases) >= 4
    assert any(c.consent.publication for c in cases) and any(
        not c.consent.publication for c in cases
    )
    assert len(project.interns) >= 3
    assert len({d.intern.programme.kind for d in project.interns.values()}) >= 2
    assert len({d.intern.university for d in project.interns.values()}) >= 2


def test_sample_interns_link_their_cases_and_vary_validation(sample):
    project, _ = sample
    for doc in project.sorted_interns():
        linked = {case for entry in doc.logbook.entries for case in entry.cases}
        own = {cid for cid, c in project.cases.items() if doc.intern.id in c.case.record.authors}
        assert linked & own and linked <= own, doc.intern.id
        states = {entry.validation.status for entry in doc.logbook.entries}
        assert {"validated"} < states, doc.intern.id
        assert {"pendahuluan", "pelaksanaan", "penutup"} <= set(doc.chapters)
        assert doc.references.references


def test_sample_hand_written_cases_are_rich(sample):
    project, _ = sample
    for number in range(1, 14):
        doc = project.cases[f"K-2025-{number:04d}"]
        assert re.fullmatch(r"Klien [A-Z]", doc.case.client.alias)
        assert len(doc.path.read_bytes()) > 4_000 or doc.case.record.status == "open"


def test_sample_generated_cases_match_the_generator():
    """cases/K-2025-0014.yaml onwards are exactly what write_sample_cases writes."""
    cases = demo.sample_cases(ROOT)
    assert [c["case_id"] for c in cases] == [f"K-2025-{n:04d}" for n in range(14, 62)]
    for case in cases:
        path = ROOT / "cases" / f"{case['case_id']}.yaml"
        assert path.read_text("utf-8") == demo.dump_yaml(case, demo.HEADERS["case"]), path.name


@pytest.mark.slow
def test_ten_thousand_cases_are_fast(tmp_path):
    import time

    began = time.perf_counter()
    demo.generate_project(tmp_path / "big", cases=10_000, seed=9, today=TODAY)
    assert time.perf_counter() - began < 60
    assert len(list((tmp_path / "big" / "cases").iterdir())) == 10_000


def test_without_the_demo_extra_the_command_says_how_to_install_it(tmp_path, monkeypatch):
    from generator.cli import demo as command

    real = command.find_spec
    monkeypatch.setattr(command, "find_spec", lambda name: None if name == "faker" else real(name))
    result = CliRunner().invoke(cli, ["demo", "--out", str(tmp_path / "demo")])
    assert result.exit_code == 1
    assert "pip install 'casebook[demo]'" in result.output
    assert not (tmp_path / "demo").exists()
