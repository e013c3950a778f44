"""Tests of the aggregations (generator/stats.py) on small hand-made cases and a seeded cohort.

``cohort`` (also used by the page and recomputation tests) writes a varied synthetic project: every
client is "Klien <n>", every date invented. It covers what the sample may not: sensitive main and
additional categories, unknown ages, services that were not implemented, cases with two authors,
open cases, stages after closure.
"""

from __future__ import annotations

import datetime as dt
import random
import shutil
from pathlib import Path

import pytest
import yaml

from generator.model.records import Case
from generator.model.taxonomy import load_taxonomy
from generator.privacy import release as privacy_release
from generator.stats import tables as stats
from generator.stats.tables import Period, parse_period

ROOT = Path(__file__).resolve().parents[1]
TODAY = dt.date(2026, 11, 22)
TAX = load_taxonomy(None)


@pytest.fixture(autouse=True)
def _pinned_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CASEBOOK_TODAY", TODAY.isoformat())


# ---------------------------------------------------------------- building cases


def case_data(case_id: str = "K-2025-0001", **changes) -> dict:
    """A minimal valid case as YAML data; ``changes`` replace top-level keys."""
    data = {
        "schema_version": 1,
        "taxonomy_version": TAX.version,
        "case_id": case_id,
        "record": {"authors": ["dewi-lestari-2025"], "status": "open"},
        "client": {"alias": "Klien A", "sex": "perempuan", "age": 30},
        "consent": {"given_by": "klien", "services": True},
        "intake": {"date": dt.date(2025, 3, 3), "channel": "walk_in", "source": "datang_sendiri",
                   "presenting_problem": "Kebutuhan contoh."},
        "classification": {"ppks": "fakir_miskin"},
    }
    data.update(changes)
    return data


def make_case(case_id: str = "K-2025-0001", **changes) -> Case:
    return Case.model_validate(case_data(case_id, **changes), context={"taxonomy": TAX})


def closed(day: dt.date, outcome: str = "reunifikasi_keluarga", attainment: str = "tercapai"):
    return {"date": day, "outcome": outcome, "goal_attainment": attainment, "reason": "Selesai."}


SENSITIVE = [c for c in TAX.codes("ppks") if TAX.entry("ppks", c).get("sensitive")]
ORDINARY = [c for c in TAX.codes("ppks") if not TAX.entry("ppks", c).get("sensitive")]


REQUIRED = ("engagement_intake", "assessment", "planning", "intervention", "evaluation",
            "termination")


def _timeline(rng: random.Random, intake: dt.date) -> dict[str, dt.date]:
    """Stage dates in order, stopping at a random stage and before today."""
    stages, day = {}, intake
    for stage in REQUIRED[: rng.randrange(1, len(REQUIRED) + 1)]:
        if stage == "evaluation" and rng.random() < 0.3:
            stages["resocialization"] = day
            day += dt.timedelta(days=rng.randrange(0, 20))
        if day > TODAY:
            break
        stages[stage] = day
        day += dt.timedelta(days=rng.randrange(0, 40))
    return stages


def _random_case(rng: random.Random, number: int, authors: list[str]) -> dict:
    intake = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(0, 1000))
    main = rng.choice(SENSITIVE if rng.random() < 0.15 else ORDINARY)
    stages = _timeline(rng, intake)
    closing = stages.get("termination")
    if closing and rng.random() < 0.3 and closing + dt.timedelta(days=10) <= TODAY:
        stages["aftercare"] = closing + dt.timedelta(days=rng.randrange(1, 10))
    data = case_data(
        f"K-{intake.year}-{number:04d}",
        record={"authors": rng.sample(authors, 2 if rng.random() < 0.2 else 1),
                "status": ("transferred_out" if rng.random() < 0.1 else "closed") if closing
                else "open"},
        client={"alias": f"Klien {number}", "sex": rng.choice(TAX.codes("sex")),
                "age": None if rng.random() < 0.1 else rng.randrange(0, 90)},
        intake={"date": intake, "channel": rng.choice(TAX.codes("intake_channel")),
                "source": rng.choice(TAX.codes("referral_source")),
                "presenting_problem": "Kebutuhan contoh."},
        classification={"ppks": main,
                        "secondary": [rng.choice(SENSITIVE)] if rng.random() < 0.08 else [],
                        **({"cluster": "lainnya"} if rng.random() < 0.05 else {})},
        stages=stages,
    )
    _add_work(rng, data, stages, closing or TODAY)
    if closing:
        data["closure"] = closed(closing, rng.choice(TAX.codes("outcome")),
                                 rng.choice(TAX.codes("goal_attainment")))
    return data


def _between(rng: random.Random, first: dt.date, last: dt.date) -> dt.date:
    return first + dt.timedelta(days=rng.randrange(0, max((last - first).days, 0) + 1))


def _add_work(rng: random.Random, data: dict, stages: dict, last: dt.date) -> None:
    """Assessment, plan, services, evaluations and referrals as far as the stages reach."""
    if "assessment" in stages:
        data["assessment"] = {"date": stages["assessment"]}
    if "planning" in stages:
        goals = [{"id": f"T{i}", "text": "Tujuan contoh.",
                  **({"type": rng.choice(TAX.codes("goal_type"))} if rng.random() < 0.9 else {}),
                  "attainment": rng.choice(TAX.codes("goal_attainment"))}
                 for i in range(1, rng.randrange(1, 4) + 1)]
        data["plan"] = {"date": stages["planning"], "goals": goals}
    if "intervention" in stages:
        data["services"] = [_service(rng, _between(rng, stages["intervention"], last))
                            for _ in range(rng.randrange(1, 5))]
    if "evaluation" in stages:
        data["evaluations"] = [{"date": stages["evaluation"], "progress": "membaik"}]
    data["referrals"] = [
        {"date": _between(rng, data["intake"]["date"], last),
         "provider": rng.choice(TAX.codes("provider_type")), "reason": "Rujukan contoh.",
         "consent_checked": True, "status": rng.choice(TAX.codes("referral_status"))}
        for _ in range(rng.randrange(0, 3))
    ]


def _service(rng: random.Random, day: dt.date) -> dict:
    return {"date": day, "form": rng.choice(TAX.codes("rehab_form")),
            **({"atensi": rng.choice(TAX.codes("atensi_component"))} if rng.random() < 0.8 else {}),
            **({"setting": rng.choice(TAX.codes("setting"))} if rng.random() < 0.8 else {}),
            "status": rng.choice(["implemented", "implemented", "implemented", "planned",
                                  "not_implemented", "cancelled"])}


def write_project(target: Path, cases: list[dict]) -> Path:
    """A project folder with the sample's office, its interns' records and the given cases."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "office.yaml", target / "office.yaml")
    for record in sorted((ROOT / "interns").glob("*/intern.yaml")):  # no logbooks: they name cases
        (target / "interns" / record.parent.name).mkdir(parents=True)
        shutil.copy(record, target / "interns" / record.parent.name / "intern.yaml")
    _add_interns(target)
    (target / "cases").mkdir()
    shutil.copy(ROOT / "cases" / "K-2025-0001.yaml", target / "cases" / "K-2025-0001.yaml")
    for data in cases:
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
        (target / "cases" / f"{data['case_id']}.yaml").write_text(text, encoding="utf-8")
    return target


EXTRA_INTERNS = {"bayu-pratama-2025": "pkl", "sari-utami-2025": "praktikum_peksos"}


def _add_interns(target: Path) -> None:
    source = yaml.safe_load((ROOT / "interns" / "dewi-lestari-2025" / "intern.yaml").read_text())
    for intern_id, kind in EXTRA_INTERNS.items():
        data = {**source, "id": intern_id, "name": f"Mahasiswa Contoh {intern_id[:4].title()}",
                "programme": {**source["programme"], "kind": kind}}
        folder = target / "interns" / intern_id
        folder.mkdir(parents=True)
        (folder / "intern.yaml").write_text(yaml.safe_dump(data, allow_unicode=True),
                                            encoding="utf-8")


def cohort(target: Path, count: int = 150, seed: int = 3) -> Path:
    """A seeded synthetic project of ``count`` varied cases (the sample's case among them)."""
    rng = random.Random(seed)
    authors = ["dewi-lestari-2025", *EXTRA_INTERNS]
    cases = [_random_case(rng, n, authors) for n in range(100, 100 + count - 1)]
    return write_project(target, cases)


def load(root: Path):
    from generator.build.project import load_project

    project, problems = load_project(root, today=TODAY)
    return project, problems


# ---------------------------------------------------------------- periods


@pytest.mark.parametrize(("text", "start", "end", "label"), [
    (None, dt.date(1900, 1, 1), TODAY, "semua"),
    ("2025", dt.date(2025, 1, 1), dt.date(2025, 12, 31), "2025"),
    ("2025-Q1", dt.date(2025, 1, 1), dt.date(2025, 3, 31), "2025-Q1"),
    ("2024-q4", dt.date(2024, 10, 1), dt.date(2024, 12, 31), "2024-Q4"),
    ("2024-02", dt.date(2024, 2, 1), dt.date(2024, 2, 29), "2024-02"),
    ("2025-12", dt.date(2025, 12, 1), dt.date(2025, 12, 31), "2025-12"),
])
def test_periods_parse_to_inclusive_date_ranges(text, start, end, label) -> None:
    assert parse_period(text, TODAY) == Period(start, end, label)


@pytest.mark.parametrize("text", ["2025-Q5", "2025-13", "25", "2025/03", "tahun lalu"])
def test_unknown_periods_are_refused(text) -> None:
    with pytest.raises(ValueError, match="2025-Q1"):
        parse_period(text, TODAY)


def test_period_titles_name_months_and_quarters_in_both_languages() -> None:
    assert parse_period("2025-03", TODAY).title("id") == "Maret 2025"
    assert parse_period("2025-Q2", TODAY).title("en") == "Quarter 2 2025"
    assert parse_period(None, TODAY).title("id") == "seluruh periode s.d. November 2026"


# ---------------------------------------------------------------- who counts when


def test_active_cases_span_intake_to_closure_inclusive() -> None:
    case = make_case(closure=closed(dt.date(2025, 6, 5)), record={"authors": ["a"],
                                                                  "status": "closed"})
    assert stats.is_active(case, parse_period("2025-03", TODAY))  # intake month
    assert stats.is_active(case, parse_period("2025-06", TODAY))  # closure month
    assert not stats.is_active(case, parse_period("2025-07", TODAY))
    assert not stats.is_active(case, parse_period("2025-02", TODAY))
    assert stats.is_active(make_case(), parse_period("2026", TODAY))  # still open
    first_day = make_case(closure=closed(dt.date(2025, 6, 1)),
                          record={"authors": ["a"], "status": "closed"})
    assert stats.is_active(first_day, parse_period("2025-06", TODAY))
    assert stats.closed_in(first_day, parse_period("2025-06", TODAY))
    assert not stats.is_active(make_case(), parse_period("2025-02", TODAY))  # intake on 3 March


def test_status_at_the_end_of_a_period_follows_the_closure_date() -> None:
    case = make_case(closure=closed(dt.date(2025, 6, 5)),
                     record={"authors": ["a"], "status": "transferred_out"})
    assert stats.status_at_end(case, parse_period("2025-Q1", TODAY)) == "open"
    assert stats.status_at_end(case, parse_period("2025-Q2", TODAY)) == "transferred_out"
    assert stats.closed_in(case, parse_period("2025-06", TODAY))
    assert not stats.closed_in(case, parse_period("2025-05", TODAY))


@pytest.mark.parametrize(("age", "band", "public"), [
    (0, "0-4", "anak"), (4, "0-4", "anak"), (5, "5-11", "anak"), (17, "12-17", "anak"),
    (18, "18-24", "dewasa"), (59, "45-59", "dewasa"), (60, "60+", "lansia"), (120, "60+", "lansia"),
    (None, "tidak_diketahui", "tidak_diketahui"),
])
def test_ages_fall_into_the_taxonomy_bands(age, band, public) -> None:
    assert stats.age_group(age, TAX) == band
    assert stats.age_group(age, TAX, "public_age_group") == public


@pytest.mark.parametrize(("days", "bucket"), [
    (0, "le_2w"), (14, "le_2w"), (15, "le_1m"), (30, "le_1m"), (31, "1_3m"), (91, "1_3m"),
    (92, "3_6m"), (182, "3_6m"), (183, "gt_6m"), (2000, "gt_6m"),
])
def test_lengths_of_service_fall_into_duration_buckets(days, bucket) -> None:
    assert stats.duration_bucket(days, TAX) == bucket


def test_stage_spans_end_at_the_next_stage_or_the_closure() -> None:
    day = dt.date(2025, 3, 3)
    stages = {"planning": day.replace(day=10), "engagement_intake": day,
              "assessment": day.replace(day=5), "termination": day.replace(day=20)}
    done = make_case(stages=stages, closure=closed(day.replace(day=25)),
                     record={"authors": ["a"], "status": "closed"})
    assert stats.stage_spans(done, TAX) == [
        ("engagement_intake", day, day.replace(day=5)),
        ("assessment", day.replace(day=5), day.replace(day=10)),
        ("planning", day.replace(day=10), day.replace(day=20)),
        ("termination", day.replace(day=20), day.replace(day=25)),
    ]
    running = make_case(stages={"engagement_intake": day, "assessment": day.replace(day=9)})
    assert stats.stage_spans(running, TAX) == [("engagement_intake", day, day.replace(day=9))]


def test_summaries_give_median_quartiles_and_range() -> None:
    summary = stats.summarise([(d, f"K-{d}") for d in (1, 2, 3, 4, 10)])
    assert (summary.n, summary.median, summary.q1, summary.q3) == (5, 3.0, 2.0, 4.0)
    assert (summary.minimum, summary.maximum) == (1, 10)
    assert stats.summarise([(7, "K-1")]).q1 == 7.0
    assert stats.summarise([]) is None


# ---------------------------------------------------------------- tables


def test_tally_counts_distinct_clients_and_refuses_unknown_codes() -> None:
    rows = stats.Dimension(("a", "b"), ({"id": "A", "en": "A"}, {"id": "B", "en": "B"}))
    table = stats.single_column("t", {"id": "T", "en": "T"}, rows,
                                [("K-1", "a"), ("K-1", "a"), ("K-2", "a"), ("K-2", "b")])
    assert table.counts == ((2,), (1,))
    assert table.case_ids[0][0] == ("K-1", "K-2")
    with pytest.raises(ValueError, match="no place"):
        stats.single_column("t", {"id": "T", "en": "T"}, rows, [("K-1", "c")])


def test_a_table_becomes_a_count_table_with_labels_of_one_language() -> None:
    table = stats.compute([make_case()], TAX, parse_period(None, TODAY)).table("jenis_kelamin")
    english = privacy_release.to_count_table(table, "en")
    assert english.rows == ("Male", "Female") and english.counts == ((0,), (1,))
    assert privacy_release.to_count_table(table).rows == ("Laki-laki", "Perempuan")


def two_author_cases() -> list[Case]:
    both = {"authors": ["dewi-lestari-2025", "bayu-pratama-2025"], "status": "open"}
    return [make_case("K-1", record=both),
            make_case("K-2", record={"authors": ["bayu-pratama-2025"], "status": "open"})]


def test_a_case_with_two_authors_counts_for_each_intern_and_once_per_programme() -> None:
    from generator.model.records import Intern

    source = yaml.safe_load((ROOT / "interns" / "dewi-lestari-2025" / "intern.yaml").read_text())
    interns = {"dewi-lestari-2025": Intern.model_validate(source),
               "bayu-pratama-2025": Intern.model_validate({**source, "id": "bayu-pratama-2025"})}
    result = stats.compute(two_author_cases(), TAX, parse_period(None, TODAY), interns=interns)
    per_intern = result.table("per_mahasiswa")
    assert per_intern.rows == ("bayu-pratama-2025", "dewi-lestari-2025")
    assert [len(per_intern.row_ids(r)) for r in range(2)] == [2, 1]
    assert len(per_intern.total_ids()) == 2  # distinct cases, not 3
    per_programme = result.table("per_program")
    msib = per_programme.rows.index("msib")
    assert per_programme.counts[msib][per_programme.cols.index("open")] == 2


def test_services_count_clients_with_an_implemented_service_in_the_period() -> None:
    services = [
        {"date": dt.date(2025, 3, 4), "form": "rujukan", "status": "implemented"},
        {"date": dt.date(2025, 3, 9), "form": "rujukan", "status": "implemented"},
        {"date": dt.date(2025, 4, 2), "form": "bimbingan_fisik", "status": "not_implemented"},
        {"date": dt.date(2025, 5, 2), "form": "bimbingan_fisik", "status": "implemented"},
    ]
    case = make_case(services=services)
    forms = stats.compute([case], TAX, parse_period("2025-03", TODAY)).table("bentuk_rehabilitasi")
    assert dict(zip(forms.rows, (n for (n,) in forms.counts)))["rujukan"] == 1
    assert dict(zip(forms.rows, (n for (n,) in forms.counts)))["bimbingan_fisik"] == 0
    setting = stats.compute([case], TAX, parse_period("2025", TODAY)).table("setting_layanan")
    assert setting.counts[setting.rows.index("tidak_dicatat")] == (1,)


def test_public_tables_leave_out_sensitive_clients_who_appear_only_as_city_year_totals() -> None:
    cases = [
        make_case("K-1"),
        make_case("K-2", classification={"ppks": "korban_trafficking"}),
        make_case("K-3", classification={"ppks": "pengemis", "secondary": ["tuna_susila"]},
                  intake={"date": dt.date(2024, 12, 30), "channel": "raid",
                          "source": "satpol_pp", "presenting_problem": "Contoh."}),
    ]
    everyone = parse_period(None, TODAY)
    public = stats.compute(cases, TAX, everyone, audience="public", city="Kota Contoh")
    assert public.table("jenis_kelamin").total_ids() == ("K-1",)
    assert "korban_trafficking" not in public.table("kategori_ppks").rows
    review = stats.compute(cases, TAX, everyone, audience="review")
    assert len(review.table("jenis_kelamin").total_ids()) == 3
    sensitive = public.sensitive
    assert sensitive.cols == ("2024", "2025", "2026")
    cell = {(r, c): ids for r, row in zip(sensitive.rows, sensitive.case_ids)
            for c, ids in zip(sensitive.cols, row)}
    assert cell[("tuna_susila", "2024")] == ("K-3",) and cell[("tuna_susila", "2026")] == ("K-3",)
    assert cell[("korban_trafficking", "2024")] == ()
    assert cell[("korban_trafficking", "2025")] == ("K-2",)
    assert "Kota Contoh" in sensitive.title["id"]


def test_public_trend_is_by_quarter_only_when_every_quarter_reaches_the_threshold() -> None:
    def intakes(days):
        return [make_case(f"K-{i}", intake={"date": d, "channel": "walk_in",
                                             "source": "datang_sendiri",
                                             "presenting_problem": "Contoh."})
                for i, d in enumerate(days)]

    full = intakes([dt.date(2025, m, 1) for m in (1, 4) for _ in range(10)])
    quarterly = stats.compute(full, TAX, parse_period("2025", TODAY), audience="public")
    assert quarterly.tables[-1].key == "tren_triwulan"
    assert quarterly.tables[-1].rows == ("2025-Q1", "2025-Q2")
    sparse = intakes([dt.date(2025, 1, 1)] * 10 + [dt.date(2025, 7, 1)] * 12)
    yearly = stats.compute(sparse, TAX, parse_period("2025", TODAY), audience="public")
    assert yearly.tables[-1].key == "tren_tahun"  # Q2 has no intake at all
    assert yearly.tables[-1].counts == ((22,),)


def test_review_trend_lists_every_month_between_the_first_and_last_intake() -> None:
    cases = [make_case("K-1", intake={"date": dt.date(2024, 11, 5), "channel": "walk_in",
                                      "source": "keluarga", "presenting_problem": "Contoh."}),
             make_case("K-2")]
    trend = stats.compute(cases, TAX, parse_period(None, TODAY)).table("tren_bulan")
    assert trend.rows == ("2024-11", "2024-12", "2025-01", "2025-02", "2025-03")
    assert [n for (n,) in trend.counts] == [1, 0, 0, 0, 1]
    assert trend.row_labels[0] == {"id": "November 2024", "en": "November 2024"}


def test_goal_table_counts_goals_not_clients() -> None:
    plan = {"date": dt.date(2025, 3, 4), "goals": [
        {"id": "T1", "type": "akses_adminduk", "text": "a", "attainment": "tercapai"},
        {"id": "T2", "type": "akses_adminduk", "text": "b", "attainment": "tercapai"},
        {"id": "T3", "text": "c", "attainment": "sebagian"}]}
    case = make_case(plan=plan, closure=closed(dt.date(2025, 4, 1)),
                     record={"authors": ["a"], "status": "closed"})
    goals = stats.compute([case], TAX, parse_period(None, TODAY)).table("tujuan_intervensi")
    r, c = goals.rows.index("akses_adminduk"), goals.cols.index("tercapai")
    assert goals.counts[r][c] == 2 and goals.case_ids[r][c] == ("K-2025-0001", "K-2025-0001")
    assert goals.counts[goals.rows.index("tidak_dicatat")][goals.cols.index("sebagian")] == 1
    assert goals.unit["en"] == "intervention goals"


def test_results_do_not_depend_on_the_order_of_the_cases(tmp_path: Path) -> None:
    project, problems = load(cohort(tmp_path, count=60, seed=11))
    assert not [p for p in problems if p.is_error]
    cases = [doc.case for doc in project.sorted_cases()]
    period = parse_period(None, TODAY)
    forward = stats.compute(cases, TAX, period)
    backward = stats.compute(list(reversed(cases)), TAX, period)
    assert forward == backward
    assert stats.project_statistics(project) == stats.project_statistics(project)


def test_every_table_of_a_cohort_has_one_id_list_per_cell(tmp_path: Path) -> None:
    project, _ = load(cohort(tmp_path, count=80, seed=5))
    result = stats.project_statistics(project, parse_period("2025", TODAY))
    for table in (*result.tables, result.sensitive):
        assert len(table.case_ids) == len(table.rows) == len(table.row_labels)
        assert all(len(row) == len(table.cols) for row in table.case_ids)
        if table.additive and table.unit == stats.CLIENTS:
            assert len(set(table.total_ids())) == len(table.total_ids()), table.key
    assert result.table("ringkasan").counts[0][0] == len(result.table("jenis_kelamin").total_ids())
