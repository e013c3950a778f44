"""The validation cache never changes what Casebook reports, only how fast."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import pytest

from generator.build.project import _check_case as _CHECK_CASE
from generator.build.project import load_project
from generator.load.cache import CACHE_DIR

ROOT = Path(__file__).resolve().parents[1]
TODAY = dt.date(2026, 11, 22)


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    for name in ("office.yaml",):
        shutil.copy(ROOT / name, tmp_path / name)
    for folder in ("interns", "cases"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    for name in ("rubric.yaml", "holidays.yaml", "casebook.yml"):
        if (ROOT / name).is_file():
            shutil.copy(ROOT / name, tmp_path / name)
    return tmp_path


def _break_sex(path: Path) -> None:
    path.write_text(path.read_text(encoding="utf-8").replace("sex: laki_laki", "sex: pria"),
                    encoding="utf-8")


def test_second_run_reports_the_same_and_reuses_the_cache(project: Path) -> None:
    _break_sex(project / "cases" / "K-2025-0001.yaml")
    shutil.copy(ROOT / "cases" / "K-2025-0001.yaml", project / "cases" / "K-2025-9999.yaml")
    first_project, first = load_project(project, today=TODAY)
    assert (project / CACHE_DIR / "cases.pickle").is_file()
    second_project, second = load_project(project, today=TODAY)
    assert first == second and any(p.code == "field.vocabulary" for p in second)
    assert [p.line for p in first] == [p.line for p in second]
    assert sorted(second_project.cases) == sorted(first_project.cases)


def test_cached_case_model_equals_a_fresh_one(project: Path) -> None:
    fresh, _ = load_project(project, today=TODAY)
    cached, _ = load_project(project, today=TODAY)
    assert cached.cases["K-2025-0001"].case == fresh.cases["K-2025-0001"].case


def test_an_edited_file_is_validated_again(project: Path) -> None:
    _, before = load_project(project, today=TODAY)
    assert not any(p.is_error for p in before)
    _break_sex(project / "cases" / "K-2025-0001.yaml")
    _, after = load_project(project, today=TODAY)
    assert [p.code for p in after if p.is_error] == ["field.vocabulary"]


def test_a_new_day_invalidates_date_rules(project: Path) -> None:
    load_project(project, today=TODAY)
    _, problems = load_project(project, today=dt.date(2025, 6, 1))
    assert any(p.code == "date.future" for p in problems)


def test_a_damaged_cache_is_ignored(project: Path) -> None:
    _, expected = load_project(project, today=TODAY)
    for pickle_file in (project / CACHE_DIR).glob("*.pickle"):
        pickle_file.write_bytes(b"not a pickle")
    loaded, problems = load_project(project, today=TODAY)
    assert problems == expected
    assert loaded.cases["K-2025-0001"].case.client.alias == "Klien A"


def test_the_privacy_scan_can_be_left_out_and_never_leaks_into_the_cache(project: Path) -> None:
    case = project / "cases" / "K-2025-0001.yaml"
    case.write_text(case.read_text(encoding="utf-8").replace(
        "Awalnya ia menolak berbicara", "Awalnya ia (HP 0812-0000-9999) menolak berbicara"),
        encoding="utf-8")
    codes = lambda problems: {p.code for p in problems}
    _, scanned = load_project(project, today=TODAY)
    _, unscanned = load_project(project, today=TODAY, privacy=False)
    _, scanned_again = load_project(project, today=TODAY)
    assert any(code.startswith("privacy.") for code in codes(scanned))
    assert not any(code.startswith("privacy.") for code in codes(unscanned))
    assert scanned_again == scanned


def test_intern_files_are_cached_and_revalidated_when_edited(project: Path) -> None:
    logbook = project / "interns" / "dewi-lestari-2025" / "logbook.yaml"
    good = logbook.read_text(encoding="utf-8")
    logbook.write_text(good.replace("hours: 8", "hours: -8", 1), encoding="utf-8")
    _, first = load_project(project, today=TODAY)
    assert (project / CACHE_DIR / "documents.pickle").is_file()
    _, second = load_project(project, today=TODAY)
    assert first == second
    assert [p.code for p in second if p.is_error] == ["field.range"]
    logbook.write_text(good, encoding="utf-8")
    cached, third = load_project(project, today=TODAY)
    assert not [p for p in third if p.is_error]
    assert cached.interns["dewi-lestari-2025"].logbook.entries[0].hours == 8


def test_held_caches_stay_in_memory_until_the_block_ends(project: Path, monkeypatch) -> None:
    from generator.load import cache

    load_project(project, today=TODAY)  # a warm cache on disk
    pickles = sorted((project / CACHE_DIR).glob("*.pickle"))
    on_disk = {path: path.read_bytes() for path in pickles}
    reads: list[Path] = []  # the cache files read
    real_read = cache.ValidationCache._read
    monkeypatch.setattr(cache.ValidationCache, "_read",
                        lambda self, path: (path is not None and path.is_file() and reads.append(path))
                        or real_read(self, path))
    case = project / "cases" / "K-2025-0001.yaml"
    with cache.held():
        load_project(project, today=TODAY)
        first_reads = len(reads)
        _break_sex(case)
        _, problems = load_project(project, today=TODAY)
        assert [p.code for p in problems if p.is_error] == ["field.vocabulary"]
        reloaded, _ = load_project(project, today=TODAY)
        assert reloaded.cases["K-2025-0002"].case.case_id == "K-2025-0002"
        assert len(reads) == first_reads  # later loads, and their models, read no cache file
        assert {path: path.read_bytes() for path in pickles} == on_disk  # nothing written yet
    assert {path: path.read_bytes() for path in pickles} != on_disk  # written at the end
    _, after = load_project(project, today=TODAY)
    assert [p.code for p in after if p.is_error] == ["field.vocabulary"]


def test_flush_writes_held_caches_without_ending_the_hold(project: Path) -> None:
    from generator.load import cache

    with cache.held():
        load_project(project, today=TODAY)
        assert not (project / CACHE_DIR / "cases.pickle").exists()
        cache.flush()
        assert (project / CACHE_DIR / "cases.pickle").is_file()
        assert (project / CACHE_DIR / "cases-models.pickle").is_file()
    fresh, _ = load_project(project, today=TODAY)
    assert fresh.cases["K-2025-0001"].case.client.alias == "Klien A"


def _load_with_workers(project: Path, monkeypatch, workers: int, pids: Path):
    """load_project with case files checked by ``workers`` processes, ten files a task; each
    process that checks a case writes its pid to ``pids``."""
    from generator.build import project as loading

    def check(loader, file, **options):
        with pids.open("a", encoding="utf-8") as out:
            out.write(f"{os.getpid()}\n")
        return _CHECK_CASE(loader, file, **options)

    monkeypatch.setattr(loading, "_CASES_PER_TASK", 10)
    monkeypatch.setattr(loading, "_check_case", check)
    monkeypatch.setattr(loading, "worker_count", lambda cap=None: workers)
    return load_project(project, today=TODAY)


def test_cases_checked_by_workers_load_as_they_do_here(project: Path, tmp_path_factory,
                                                       monkeypatch) -> None:
    _break_sex(project / "cases" / "K-2025-0001.yaml")
    (project / "cases" / "K-2025-0002.yaml").write_text("case_id: [\n", encoding="utf-8")
    serial_copy = tmp_path_factory.mktemp("serial")
    shutil.copytree(project, serial_copy, dirs_exist_ok=True)
    logs = tmp_path_factory.mktemp("pids")
    here, _ = _load_with_workers(serial_copy, monkeypatch, 1, logs / "serial")
    forked, problems = _load_with_workers(project, monkeypatch, 2, logs / "forked")

    checkers = set((logs / "forked").read_text().split())
    assert str(os.getpid()) not in checkers and len(checkers) == 2  # two workers did it all
    assert set((logs / "serial").read_text().split()) == {str(os.getpid())}
    assert problems == here.problems
    errors = {(p.file, p.code) for p in problems if p.is_error}
    assert ("cases/K-2025-0001.yaml", "field.vocabulary") in errors
    assert any(file == "cases/K-2025-0002.yaml" and code.startswith("yaml.") for file, code in errors)
    assert list(forked.cases) == list(here.cases)
    assert [doc.case.model_dump() for doc in forked.cases.values()] == [
        doc.case.model_dump() for doc in here.cases.values()]
    (logs / "forked").unlink()
    warm, again = _load_with_workers(project, monkeypatch, 2, logs / "forked")
    assert again == problems and not (logs / "forked").exists()  # every case from the cache
    assert warm.cases["K-2025-0003"].case == forked.cases["K-2025-0003"].case


def test_cached_models_share_their_sets_of_given_fields(project: Path) -> None:
    """The sets of fields given (some 110 MB at 10,000 cases) are shared, and nothing a model
    says changes: its dump, its equality, a copy with changes."""
    fresh, _ = load_project(project, today=TODAY)
    cached, _ = load_project(project, today=TODAY)
    first, second = (cached.cases[i].case for i in ("K-2025-0001", "K-2025-0002"))
    assert first.record.review.model_fields_set is second.record.review.model_fields_set
    original = fresh.cases["K-2025-0001"].case
    assert first == original and first.model_fields_set == original.model_fields_set
    assert first.model_dump(exclude_unset=True) == original.model_dump(exclude_unset=True)
    changed = first.record.model_copy(update={"field_supervisor": "someone"})
    assert "field_supervisor" in changed.model_fields_set
    assert second.record.model_fields_set == original.record.model_fields_set


def test_a_read_model_keeps_its_pickle_only_while_the_cache_is_held(tmp_path: Path) -> None:
    """A build reads each model once and writes the cache before: the pickle is freed; a
    preview (held) writes it again at the end, as it came."""
    import pickle

    from generator.load.cache import ValidationCache, held

    path = tmp_path / "cases.pickle"
    first = ValidationCache(path, "context")
    first.put("a.yaml", "key", "problems", model=pickle.dumps({"model": 1}))
    first.save()
    read = ValidationCache(path, "context")
    read.get("a.yaml", "key")
    assert read.model("a.yaml") == {"model": 1} and read.pickles == {}
    with held():
        kept = ValidationCache(path, "context")
        kept.get("a.yaml", "key")
        assert kept.model("a.yaml") == {"model": 1}
        assert pickle.loads(kept.pickles["a.yaml"]) == {"model": 1}


def test_an_interns_privacy_findings_are_kept_and_found_again_when_a_file_or_rule_changes(
        project: Path, monkeypatch) -> None:
    from generator.privacy import check

    chapter = project / "interns" / "dewi-lestari-2025" / "chapters" / "pelaksanaan.md"
    clean = chapter.read_text(encoding="utf-8")
    chapter.write_text(clean + "\nKlien dapat dihubungi di 0812-0000-9999.\n", encoding="utf-8")
    found = lambda problems: sorted(p.code for p in problems if p.code.startswith("privacy."))
    scans = []
    real = check.intern_problems
    monkeypatch.setattr(check, "intern_problems", lambda *a, **k: scans.append(1) or real(*a, **k))
    _, first = load_project(project, today=TODAY)
    interns, scanned = len(scans), found(first)
    assert scanned and interns >= 2
    _, second = load_project(project, today=TODAY)
    assert found(second) == scanned and len(scans) == interns  # kept: no folder scanned again
    chapter.write_text(clean, encoding="utf-8")
    _, third = load_project(project, today=TODAY)
    assert found(third) == [] and len(scans) == interns + 1  # only the edited folder
    monkeypatch.setattr(check.Rules, "fingerprint", lambda self: "other rules")
    load_project(project, today=TODAY)
    assert len(scans) == 2 * interns + 1  # new rules: every folder scanned again
