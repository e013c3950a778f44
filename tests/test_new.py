"""`casebook new case|intern`: valid, commented skeletons with fresh ids; never overwrite."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import REPO

from generator.cli import cli
from generator.load.source import load_yaml_text
from generator.model.records import Case
from generator.model.scaffold import CaseSeed, case_skeleton, code_comment, next_case_id
from generator.model.taxonomy import load_taxonomy
from generator.validate.rules import validate_document

TODAY = "2026-11-22"


@pytest.fixture
def project(sample_copy: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CASEBOOK_TODAY", TODAY)
    return sample_copy


def run(*args: str):
    """The CLI in-process; a crash shows up as an exception, not an exit code."""
    result = CliRunner().invoke(cli, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    return result


def new(project: Path, kind: str, *args: str):
    return run("new", kind, "--project", str(project), *args)


def new_case(project: Path, *args: str):
    """A new case by the sample's first intern (the sample has several, so one must be named)."""
    return new(project, "case", "--intern", "dewi-lestari-2025", *args)


# What a fresh skeleton is still told under --strict: the GANTI placeholders and example codes
# left for the intern to replace, the consent details the lecturer's page would flag, and (in the
# sample, whose interns' placements ended in 2025) an intake outside the placement.
SKELETON_REMARKS = {"placeholder.left", "placeholder.default", "consent.incomplete",
                    "date.outside_placement", "report.left_out.no_publication_consent"}


def check(project: Path):
    """A skeleton passes `check` (no error); under --strict its only remarks are SKELETON_REMARKS."""
    strict = run("check", "--project", str(project), "--strict")
    found = set(re.findall(r"(?:galat|peringatan|catatan)\[([a-z_.]+)\]", strict.output))
    assert found <= SKELETON_REMARKS, strict.output
    return run("check", "--project", str(project))


def test_next_case_id() -> None:
    assert next_case_id([], 2026) == "K-2026-0001"
    assert next_case_id(["K-2026-0009", "K-2026-0002", "K-2025-0040", "other"], 2026) == "K-2026-0010"
    assert next_case_id(["K-2025-0040"], 2025) == "K-2025-0041"
    assert next_case_id(["K-2026-9999"], 2026) == "K-2026-10000"


def test_new_case_is_valid_and_fresh(project: Path) -> None:
    existing = [p.stem for p in (project / "cases").rglob("*.yaml")]
    expected = next_case_id(existing, 2026)
    first = new_case(project)
    assert first.exit_code == 0, first.output
    assert first.stdout.strip() == f"cases/{expected}.yaml"
    second = new_case(project)
    assert second.stdout.strip() == f"cases/{next_case_id([*existing, expected], 2026)}.yaml"
    result = check(project)
    assert result.exit_code == 0, result.output
    text = (project / "cases" / f"{expected}.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../schema/case.schema.json\n")
    assert f"case_id: {expected}\n" in text
    assert "authors: [dewi-lestari-2025]" in text
    assert "field_supervisor: PS-01" in text  # the intern's field supervisor
    assert "date: 2026-11-22" in text
    assert "# Jenis kelamin: laki_laki (Laki-laki), perempuan (Perempuan)" in text


def test_new_case_takes_its_id_year_from_the_intake_date(project: Path) -> None:
    existing = [p.stem for p in (project / "cases").rglob("*.yaml")]
    result = new_case(project, "--intake-date", "2025-03-04")
    assert result.exit_code == 0, result.output
    expected = next_case_id(existing, 2025)
    assert expected.startswith("K-2025-")
    assert result.stdout.strip() == f"cases/{expected}.yaml"
    text = (project / "cases" / f"{expected}.yaml").read_text(encoding="utf-8")
    assert "  date: 2025-03-04 " in text and "  engagement_intake: 2025-03-04\n" in text
    assert "case.id_year" not in run("check", "--project", str(project)).output
    assert check(project).exit_code == 0


def test_new_case_refuses_a_future_intake_date(project: Path) -> None:
    result = new_case(project, "--intake-date", "2026-12-01")
    assert result.exit_code == 1
    assert "masa depan" in result.stderr


def test_a_case_id_from_another_year_is_a_finding(project: Path) -> None:
    path = project / "cases" / "K-2025-0001.yaml"
    text = path.read_text(encoding="utf-8").replace("K-2025-0001", "K-2026-0001")
    path.unlink()
    (project / "cases" / "K-2026-0001.yaml").write_text(text, encoding="utf-8")
    output = run("check", "--project", str(project)).output
    assert "peringatan[case.id_year] nomor kasus K-2026-0001 memuat tahun 2026" in output
    assert "--intake-date 2025-" in output


def test_skeleton_example_codes_are_findings_until_changed_or_confirmed(project: Path) -> None:
    result = new_case(project, "--intake-date", "2025-03-04")
    path = project / result.stdout.strip()
    output = run("check", "--project", str(project), str(path)).output
    assert "client.sex  peringatan[placeholder.default] 'perempuan'" in output
    text = path.read_text(encoding="utf-8")
    changed = text.replace("sex: perempuan  # GANTI", "sex: laki_laki  # GANTI")
    confirmed = changed.replace("channel: street_outreach  # GANTI", "channel: street_outreach")
    path.write_text(confirmed, encoding="utf-8")
    output = run("check", "--project", str(project), str(path)).output
    assert "client.sex" not in output and "intake.channel" not in output
    assert "intake.source  peringatan[placeholder.default] 'urc_patrol'" in output


def test_new_case_id_counts_case_ids_inside_files(project: Path) -> None:
    text = (project / "cases" / "K-2025-0001.yaml").read_text(encoding="utf-8")
    (project / "cases" / "misnamed.yaml").write_text(text.replace("K-2025-0001", "K-2026-0907"), encoding="utf-8")
    assert new_case(project).stdout.strip() == "cases/K-2026-0908.yaml"


def test_new_case_with_options(project: Path) -> None:
    result = new(project, "case", "--id", "K-2026-0100", "--intern", "dewi-lestari-2025",
                      "--out", str(project / "cases" / "2026"))
    assert result.exit_code == 0, result.output
    path = project / "cases" / "2026" / "K-2026-0100.yaml"
    assert path.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=../../schema/case.schema.json")
    assert check(project).exit_code == 0


@pytest.mark.parametrize(("args", "message"), [
    (["--id", "K-2025-0001"], "sudah dipakai"),
    (["--id", "K 2026/1"], "bukan ID yang sah"),
    (["--intern", "dewi-lestari-2052"], "dewi-lestari-2025?"),
])
def test_new_case_refuses_bad_input(project: Path, args: list[str], message: str) -> None:
    before = sorted((project / "cases").rglob("*"))
    result = new(project, "case", "--intern", "dewi-lestari-2025", *args)
    assert result.exit_code == 1
    assert message in result.stderr
    assert sorted((project / "cases").rglob("*")) == before


def test_new_case_needs_a_choice_of_intern_when_several(project: Path) -> None:
    assert new(project, "intern", "rani-kusumawati-2026").exit_code == 0
    assert len([p for p in (project / "interns").iterdir() if (p / "intern.yaml").is_file()]) > 1
    result = new(project, "case")
    assert result.exit_code == 1
    assert "--intern" in result.stderr and "rani-kusumawati-2026" in result.stderr
    assert new(project, "case", "--intern", "rani-kusumawati-2026").exit_code == 0
    assert check(project).exit_code == 0


def test_new_case_refuses_to_overwrite(project: Path) -> None:
    drafts = project / "drafts"
    drafts.mkdir()
    mine = drafts / f"{next_case_id([p.stem for p in (project / 'cases').rglob('*.yaml')], 2026)}.yaml"
    mine.write_bytes(b"# an intern's own work\n")
    result = new_case(project, "--out", str(drafts))
    assert result.exit_code == 1
    assert "tidak ditimpa" in result.stderr and mine.name in result.stderr
    assert mine.read_bytes() == b"# an intern's own work\n"


def test_new_intern_writes_a_valid_folder(project: Path) -> None:
    result = new(project, "intern", "rani-kusumawati-2026", "--name", 'Rani "Kusumawati"')
    assert result.exit_code == 0, result.output
    folder = project / "interns" / "rani-kusumawati-2026"
    names = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())
    assert names == ["chapters/kata-pengantar.md", "chapters/pendahuluan.md", "chapters/penutup.md",
                     "intern.yaml", "logbook.yaml", "references.yaml"]
    intern = (folder / "intern.yaml").read_text(encoding="utf-8")
    assert intern.startswith("# yaml-language-server: $schema=../../schema/intern.schema.json")
    assert 'name: "Rani \\"Kusumawati\\""' in intern
    assert "unit: \"Bidang Rehabilitasi Sosial\"" in intern  # from office.yaml
    assert "PS-01, PS-02, PS-03" in intern  # staff ids listed for the field supervisor
    result = check(project)
    assert result.exit_code == 0, result.output
    # The GANTI markers left in the skeleton's chapters are pointed out, chapter by chapter.
    remarks = run("check", "--project", str(project), "--strict").output
    for chapter in ("kata-pengantar", "pendahuluan", "penutup"):
        assert f"interns/rani-kusumawati-2026/chapters/{chapter}.md:" in remarks, chapter


def test_new_intern_refuses_to_overwrite_any_file(project: Path) -> None:
    folder = project / "interns" / "dewi-lestari-2025"
    before = {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    result = new(project, "intern", "dewi-lestari-2025")
    assert result.exit_code == 1
    assert "tidak ditimpa" in result.stderr
    assert {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()} == before


def test_new_intern_refuses_a_bad_id(project: Path) -> None:
    result = new(project, "intern", "../outside")
    assert result.exit_code == 1
    assert not (project / "outside").exists()


def test_new_case_without_any_intern(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CASEBOOK_TODAY", TODAY)
    (tmp_path / "office.yaml").write_text((REPO / "office.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    result = new(tmp_path, "case")
    assert result.exit_code == 1
    assert "casebook new intern" in result.stderr


def test_examples_are_valid_when_uncommented() -> None:
    """Every commented-out example section, uncommented, still fits the schema."""
    taxonomy = load_taxonomy(REPO)
    seed = CaseSeed("K-2026-0001", "dewi-lestari-2025", dt.date(2026, 11, 22), "../schema/case.schema.json")
    full = case_skeleton(seed, taxonomy, examples=True)
    loaded = load_yaml_text(full, Path("full.yaml"))
    case, problems = validate_document(loaded, Case, "full.yaml", {"taxonomy": taxonomy})
    assert problems == []
    assert case.assessment and case.plan and case.services and case.referrals and case.evaluations
    assert case.closure and case.notes and set(case.stages) >= {"assessment", "evaluation"}
    assert full.count("\n") == case_skeleton(seed, taxonomy).count("\n")


def test_code_comment_lists_short_vocabularies_with_labels() -> None:
    taxonomy = load_taxonomy(REPO)
    assert code_comment(taxonomy, "sex", 2) == "  # Jenis kelamin: laki_laki (Laki-laki), perempuan (Perempuan)"
    long = code_comment(taxonomy, "ppks", 2)
    assert all(len(line) <= 100 for line in long.splitlines())
    assert all(code in long for code in taxonomy.codes("ppks"))
    assert "(" not in long  # long lists: codes only


def test_new_skeletons_pass_check_jsonschema(project: Path) -> None:
    written = project / new_case(project).stdout.strip()
    assert new(project, "intern", "rani-kusumawati-2026").exit_code == 0
    pairs = [("case", written)] + [
        (kind, project / "interns" / "rani-kusumawati-2026" / f"{kind}.yaml")
        for kind in ("intern", "logbook", "references")
    ]
    for kind, path in pairs:
        command = [sys.executable, "-m", "check_jsonschema", "--schemafile",
                   str(REPO / "schema" / f"{kind}.schema.json"), "-o", "json", str(path)]
        result = subprocess.run(command, check=False, capture_output=True, text=True, timeout=120)
        assert json.loads(result.stdout)["status"] == "ok", (kind, result.stdout)
