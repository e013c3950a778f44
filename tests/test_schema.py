"""JSON Schema: generated from the models and taxonomy, committed, and agreeing with an independent
validator (check-jsonschema) on the sample and on the broken corpus."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import REPO
from test_check_cli import BROKEN, TABLE

from generator.cli import cli
from generator.model.records import MODELS
from generator.model.schema import DOCUMENTS, all_schemas, document_schema, render
from generator.model.taxonomy import load_taxonomy
from generator.problems import catalog_entry

SCHEMA_DIR = REPO / "schema"


def schema_kind(relative: str) -> str | None:
    """Which schema validates a project file, from its place in the layout."""
    parts = relative.split("/")
    if parts[0] == "cases":
        return "case"
    if parts[0] == "interns" and len(parts) == 3:
        return {"intern.yaml": "intern", "logbook.yaml": "logbook", "references.yaml": "references",
                "review.yaml": "review"}.get(parts[2])
    return {"office.yaml": "office", "casebook.yml": "settings", "rubric.yaml": "rubric",
            "holidays.yaml": "holidays"}.get(relative)


def jsonschema_errors(kind: str, files: list[Path]) -> dict[str, list[str]]:
    """check-jsonschema's verdict: file name -> error messages (parse errors included)."""
    command = [sys.executable, "-m", "check_jsonschema", "--schemafile",
               str(SCHEMA_DIR / f"{kind}.schema.json"), "-o", "json", *map(str, files)]
    result = subprocess.run(command, check=False, capture_output=True, text=True, timeout=300)
    report = json.loads(result.stdout)
    errors: dict[str, list[str]] = {}
    for error in report.get("errors", []) + report.get("parse_errors", []):
        errors.setdefault(error["filename"], []).append(error.get("message", ""))
    return errors


def sample_files() -> dict[str, list[Path]]:
    """The sample project's data files, grouped by schema."""
    groups: dict[str, list[Path]] = {}
    candidates = [*REPO.glob("*.y*ml"), *(REPO / "cases").rglob("*.yaml"), *(REPO / "interns").glob("*/*.yaml")]
    for path in sorted(candidates):
        kind = schema_kind(path.relative_to(REPO).as_posix())
        if kind:
            groups.setdefault(kind, []).append(path)
    return groups


def test_committed_schemas_equal_a_fresh_generation() -> None:
    fresh = {name: render(schema) for name, schema in all_schemas(load_taxonomy(REPO)).items()}
    committed = {p.name: p.read_text(encoding="utf-8") for p in SCHEMA_DIR.glob("*.schema.json")}
    assert committed == fresh, "run `casebook schema` and commit schema/"


def test_every_model_has_an_indonesian_document_title() -> None:
    assert set(DOCUMENTS) == set(MODELS)


def test_schema_command_check_mode(tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "schema"
    assert runner.invoke(cli, ["schema", "--project", str(REPO), "--out", str(out), "--check"]).exit_code == 1
    written = runner.invoke(cli, ["schema", "--project", str(REPO), "--out", str(out)])
    assert written.exit_code == 0
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{kind}.schema.json" for kind in MODELS)
    assert runner.invoke(cli, ["schema", "--project", str(REPO), "--out", str(out), "--check"]).exit_code == 0


def test_output_is_deterministic() -> None:
    taxonomy = load_taxonomy(REPO)
    first = render(document_schema("case", taxonomy))
    assert first == render(document_schema("case", taxonomy))
    assert first.endswith("}\n") and '  "$defs"' in first


def _find(node, key: str):
    """Every dict in a schema that holds ``key``."""
    if isinstance(node, dict):
        if key in node:
            yield node
        for value in node.values():
            yield from _find(value, key)
    elif isinstance(node, list):
        for value in node:
            yield from _find(value, key)


def test_every_vocabulary_property_lists_the_taxonomy_codes() -> None:
    taxonomy = load_taxonomy(REPO)
    schema = document_schema("case", taxonomy)
    marked = list(_find(schema, "x-vocabulary"))
    assert len(marked) > 30
    for node in marked:
        assert node["enum"] == list(taxonomy.codes(node["x-vocabulary"]))
        assert len(node["enumDescriptions"]) == len(node["enum"])
    sex = schema["$defs"]["Client"]["properties"]["sex"]
    assert sex["enum"] == ["laki_laki", "perempuan"]
    stages = schema["properties"]["stages"]["propertyNames"]
    assert stages["enum"][0] == "engagement_intake"


def test_header_and_indonesian_titles() -> None:
    schema = document_schema("case", load_taxonomy(REPO))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"].endswith("/case.schema.json")
    assert schema["title"] == "Berkas kasus Casebook"
    assert schema["$defs"]["Intake"]["properties"]["date"]["title"] == "Tanggal penerimaan"
    assert schema["$defs"]["Client"]["properties"]["alias"]["title"].startswith("Alias klien")
    assert schema["additionalProperties"] is False


def test_schemas_are_valid_draft_2020_12() -> None:
    from jsonschema import Draft202012Validator

    for schema in all_schemas(load_taxonomy(REPO)).values():
        Draft202012Validator.check_schema(schema)


def test_sample_files_point_at_the_schema() -> None:
    for kind, files in sample_files().items():
        for path in files:
            first = path.read_text(encoding="utf-8").splitlines()[0]
            if kind in ("case", "intern", "logbook", "references", "office"):
                assert first.startswith("# yaml-language-server: $schema="), path
            if first.startswith("# yaml-language-server: $schema="):
                target = (path.parent / first.split("=", 1)[1]).resolve()
                assert target == (SCHEMA_DIR / f"{kind}.schema.json").resolve(), path


def test_check_jsonschema_accepts_the_sample() -> None:
    groups = sample_files()
    assert {"case", "intern", "logbook", "references", "office"} <= set(groups)
    for kind, files in groups.items():
        assert jsonschema_errors(kind, files) == {}, kind


SCHEMA_CODES = {"field.type", "field.unknown", "field.vocabulary", "field.date", "field.missing",
                "field.range", "field.pattern", "field.choice", "field.empty", "field.too_long"}
_NOT_RULES = ("yaml.", "file.", "field.")
RULE_FIXTURES = sorted({f for f, *_ in TABLE}
                       - {f for f, code, *_ in TABLE if code.startswith(_NOT_RULES)})
SCHEMA_FIXTURES = sorted({f for f, code, *_ in TABLE if code in SCHEMA_CODES})


@pytest.fixture(scope="module")
def verdicts() -> dict[str, list[str]]:
    """check-jsonschema on every corpus file that is well-formed YAML, grouped by schema."""
    groups: dict[str, list[Path]] = {}
    for fixture in SCHEMA_FIXTURES + RULE_FIXTURES:
        groups.setdefault(schema_kind(fixture), []).append(BROKEN / fixture)
    found: dict[str, list[str]] = {}
    for kind, files in groups.items():
        for name, messages in jsonschema_errors(kind, files).items():
            found[Path(name).resolve().relative_to(BROKEN).as_posix()] = messages
    return found


@pytest.mark.parametrize("fixture", SCHEMA_FIXTURES)
def test_check_jsonschema_rejects_schema_errors(verdicts, fixture) -> None:
    assert fixture in verdicts


@pytest.mark.parametrize("fixture", RULE_FIXTURES)
def test_check_jsonschema_accepts_rule_only_mistakes(verdicts, fixture) -> None:
    """Cross-field rules are Casebook's own: the schema alone must not reject these files."""
    assert fixture not in verdicts, verdicts.get(fixture)


def test_corpus_has_both_kinds() -> None:
    assert len(RULE_FIXTURES) >= 15 and len(SCHEMA_FIXTURES) >= 12
    assert all(catalog_entry(code) for _, code, *_ in TABLE)


def _case_with(tmp_path: Path, name: str, old: str, new: str) -> Path:
    text = (REPO / "cases" / "K-2025-0001.yaml").read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / name
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def test_dates_agree_between_casebook_and_check_jsonschema(tmp_path: Path) -> None:
    """Both read YAML timestamps as text: plain and quoted dates pass, impossible dates and
    date-times fail in both."""
    from generator.load.source import load_yaml
    from generator.model.records import Case

    files = {
        "quoted.yaml": ("date: 2025-03-03\n", 'date: "2025-03-03"\n', True),
        "impossible.yaml": ("date: 2025-03-03\n", "date: 2025-02-30\n", False),
        "datetime.yaml": ("date: 2025-03-03\n", "date: 2025-03-03 10:00:00\n", False),
    }
    paths = {name: _case_with(tmp_path, name, old, new) for name, (old, new, _) in files.items()}
    rejected = {Path(name).name for name in jsonschema_errors("case", list(paths.values()))}
    for name, (_, _, valid) in files.items():
        data = load_yaml(paths[name]).data
        assert isinstance(data["intake"]["date"], str)
        casebook_ok = True
        try:
            Case.model_validate(data)
        except ValueError:
            casebook_ok = False
        assert casebook_ok is valid, name
        assert (name not in rejected) is valid, name


def test_yaml_1_1_booleans_are_a_known_difference(tmp_path: Path) -> None:
    """libyaml (YAML 1.1) reads `yes` as true; check-jsonschema (ruamel, YAML 1.2) as the text
    'yes'. Casebook accepts it; the schema does not — write true/false, as the skeletons do."""
    from generator.load.source import load_yaml

    path = _case_with(tmp_path, "yes.yaml", "services: true", "services: yes")
    assert load_yaml(path).data["consent"]["services"] is True
    assert "yes.yaml" in {Path(name).name for name in jsonschema_errors("case", [path])}
