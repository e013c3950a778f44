"""`casebook check` on the broken-file corpus: every mistake at its place, no traceback, goldens."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import REPO, copy_sample

from generator.cli import cli
from generator.problems import catalog_entry

BROKEN = REPO / "tests" / "fixtures" / "broken"
GOLDEN = REPO / "tests" / "golden" / "messages"
TODAY = "2026-11-22"

# (fixture, code, line, column): each broken file yields this problem at this place.
TABLE = [
    # YAML syntax and file-level refusals
    ("cases/syntax-indent.yaml", "yaml.indent", 9, 4),
    ("cases/syntax-tab.yaml", "yaml.tab", 9, 1),
    ("cases/syntax-quote.yaml", "yaml.open_quote", 8, 10),
    ("cases/two-documents.yaml", "yaml.second_document", 2, 1),
    ("cases/duplicate-key.yaml", "yaml.duplicate_key", 11, 3),
    ("cases/merge-key.yaml", "yaml.merge_key", 6, 3),
    ("cases/alias-bomb.yaml", "yaml.too_many_nodes", 3, 57),
    ("cases/alias-recursive.yaml", "yaml.too_deep", 2, 9),
    ("cases/deep-nesting.yaml", "yaml.too_deep", 2, 71),
    ("cases/python-tag.yaml", "yaml.tag", 4, 9),
    ("cases/python-tag-scalar.yaml", "yaml.tag", 3, 10),
    ("cases/binary.yaml", "file.binary", 3, 1),
    ("cases/latin1.yaml", "file.legacy_encoding", 8, 20),
    ("cases/empty.yaml", "file.empty", 1, 1),
    ("cases/comments-only.yaml", "file.empty", 1, 1),
    ("cases/not-mapping.yaml", "file.not_mapping", 1, 1),
    # schema: types, keys, vocabularies, dates, required fields
    ("cases/wrong-type-age.yaml", "field.type", 10, 8),
    ("cases/wrong-type-bool.yaml", "field.type", 13, 13),
    ("cases/wrong-type-list.yaml", "field.type", 5, 12),
    ("cases/wrong-type-mapping.yaml", "field.type", 7, 9),
    ("cases/unknown-key.yaml", "field.unknown", 18, 3),
    ("cases/unknown-key-top.yaml", "field.unknown", 19, 1),
    ("cases/bad-enum.yaml", "field.vocabulary", 9, 8),
    ("cases/bad-enum-typo.yaml", "field.vocabulary", 20, 9),
    ("cases/bad-enum-key.yaml", "field.vocabulary", 22, 3),
    ("cases/bad-date.yaml", "field.date", 15, 9),
    ("cases/bad-date-format.yaml", "field.date", 15, 9),
    ("cases/missing-field.yaml", "field.missing", 14, 1),
    ("cases/missing-section.yaml", "field.missing", 1, 1),
    ("interns/bima-nugroho-2025/logbook.yaml", "field.unknown", 3, 5),
    ("interns/bima-nugroho-2025/logbook.yaml", "field.range", 9, 12),
    # cross-field case rules
    ("cases/future-date.yaml", "date.future", 15, 9),
    ("cases/stage-order.yaml", "date.stage_order", 25, 15),
    ("cases/stage-requires.yaml", "stage.requires", 22, 3),
    ("cases/closed-without-closure.yaml", "closure.missing", 6, 11),
    ("cases/referral-without-consent.yaml", "referral.consent", 23, 5),
    ("cases/public-without-consent.yaml", "publication.no_consent", 26, 13),
    ("cases/public-not-approved.yaml", "publication.not_approved", 26, 13),
    ("cases/public-child.yaml", "publication.protected_case", 27, 13),
    ("cases/age-category.yaml", "age.category", 10, 8),
    ("cases/unknown-goal.yaml", "goal.unknown", 27, 86),
    ("cases/duplicate-ids.yaml", "id.duplicate", 27, 10),
    # cross-file rules
    ("cases/unknown-intern.yaml", "project.unknown_intern", 5, 13),
    ("cases/duplicate-case-id.yaml", "case.duplicate_id", 3, 10),
    ("interns/ayu-pratiwi-2025/logbook.yaml", "logbook.unknown_case", 6, 13),
    ("interns/ayu-pratiwi-2025/logbook.yaml", "logbook.outside_period", 7, 11),
    ("interns/ayu-pratiwi-2025/logbook.yaml", "date.future", 11, 11),
    ("interns/intern-folder-mismatch/intern.yaml", "intern.folder", 2, 5),
]
FIXTURES = sorted({row[0] for row in TABLE})
# Valid files that the fixtures next to them need (an intern record for a broken logbook).
SUPPORT = ["interns/ayu-pratiwi-2025/intern.yaml", "interns/bima-nugroho-2025/intern.yaml"]
_LINE = re.compile(r"^(?P<file>\S+):(?P<line>\d+):(?P<column>\d+)  (?P<path>\S+)  \w+\[(?P<code>[\w.]+)\] ")


def broken_files() -> list[str]:
    """Every file of the corpus, relative to its root."""
    return sorted(p.relative_to(BROKEN).as_posix() for p in BROKEN.rglob("*") if p.is_file())


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample project with the whole broken corpus added to it."""
    root = copy_sample(tmp_path_factory.mktemp("corpus") / "project")
    shutil.copytree(BROKEN, root, dirs_exist_ok=True)
    return root


def run_check(root: Path, *args: str) -> subprocess.CompletedProcess:
    """The real CLI in a child process, so that a crash cannot hide inside pytest."""
    env = {**os.environ, "CASEBOOK_TODAY": TODAY}
    return subprocess.run([sys.executable, "-m", "generator", "check", *args], check=False, cwd=root,
                          env=env, capture_output=True, text=True, timeout=120)


def reported(output: str) -> set[tuple[str, str, int, int]]:
    """(file, code, line, column) of every problem line in the output."""
    found = set()
    for line in output.splitlines():
        match = _LINE.match(line)
        if match:
            found.add((match["file"], match["code"], int(match["line"]), int(match["column"])))
    return found


@pytest.fixture(scope="module")
def corpus_output(corpus: Path) -> dict[str, subprocess.CompletedProcess]:
    """One run over every fixture file, per language."""
    files = FIXTURES + SUPPORT
    return {lang: run_check(corpus, "--lang", lang, *files) for lang in ("id", "en")}


def test_every_corpus_file_is_in_the_table() -> None:
    assert broken_files() == sorted(FIXTURES + SUPPORT)


def test_support_files_are_clean(corpus_output) -> None:
    files = {file for file, *_ in reported(corpus_output["id"].stdout)}
    assert files == set(FIXTURES)


@pytest.mark.parametrize(("fixture", "code", "line", "column"), TABLE)
def test_fixture_reports_code_at_position(corpus_output, fixture, code, line, column) -> None:
    for result in corpus_output.values():
        assert (fixture, code, line, column) in reported(result.stdout)


def test_corpus_run_fails_without_traceback(corpus_output) -> None:
    for result in corpus_output.values():
        assert result.returncode == 1
        assert "Traceback" not in result.stderr + result.stdout
        # the findings are the output; only the summary line goes to standard error
        assert reported(result.stdout) and not reported(result.stderr)
        assert len(result.stderr.splitlines()) == 1


def test_every_problem_line_has_a_hint_in_both_languages(corpus_output) -> None:
    for lang, hint in (("id", "    petunjuk: "), ("en", "    hint: ")):
        lines = corpus_output[lang].stdout.splitlines()
        heads = [i for i, line in enumerate(lines) if _LINE.match(line)]
        assert heads
        assert all(lines[i + 1].startswith(hint) for i in heads)


@pytest.mark.parametrize("fixture", FIXTURES)
def test_each_fixture_alone_exits_by_severity(corpus, fixture, monkeypatch) -> None:
    monkeypatch.setenv("CASEBOOK_TODAY", TODAY)
    codes = {row[1] for row in TABLE if row[0] == fixture}
    has_error = any(catalog_entry(code)["severity"] == "error" for code in codes)
    runner = CliRunner()
    for strict, expected in ((False, 1 if has_error else 0), (True, 1)):
        args = ["check", "--project", str(corpus), str(corpus / fixture)] + (["--strict"] if strict else [])
        result = runner.invoke(cli, args)
        assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
        assert "Traceback" not in result.output
        assert result.exit_code == expected, result.output
        assert (fixture,) == tuple({f for f, *_ in reported(result.output)})


@pytest.mark.parametrize("lang", ["id", "en"])
def test_messages_match_goldens(corpus_output, lang, update_goldens) -> None:
    golden = GOLDEN / f"{lang}.txt"
    text = corpus_output[lang].stdout + corpus_output[lang].stderr
    if update_goldens:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")


def test_thirty_megabyte_file_is_refused_quickly(sample_copy) -> None:
    huge = sample_copy / "cases" / "huge.yaml"
    line = "  - Catatan kunjungan yang sangat panjang dan berulang-ulang.\n"
    with huge.open("w", encoding="utf-8") as stream:
        stream.write("notes:\n")
        stream.write(line * (30 * 1024 * 1024 // len(line)))
    assert huge.stat().st_size > 29 * 1024 * 1024
    result = run_check(sample_copy, "cases/huge.yaml")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert ("cases/huge.yaml", "yaml.too_large", 1, 1) in reported(result.stdout)


def test_sample_is_clean_even_when_strict() -> None:
    result = run_check(REPO, "--strict")
    assert result.returncode == 0, result.stderr
    assert "0 galat, 0 peringatan" in result.stderr


def test_sample_summary_in_english() -> None:
    result = run_check(REPO, "--lang", "en")
    assert result.returncode == 0, result.stderr
    assert re.search(r"\d+ file\(s\) checked: 0 error\(s\), 0 warning\(s\)\.", result.stderr)


def test_strict_fails_on_a_warning_only(sample_copy) -> None:
    shutil.copy(BROKEN / "cases" / "age-category.yaml", sample_copy / "cases")
    assert run_check(sample_copy).returncode == 0
    strict = run_check(sample_copy, "--strict")
    assert strict.returncode == 1
    assert ("cases/age-category.yaml", "age.category", 10, 8) in reported(strict.stdout)


def test_schema_errors_say_the_rules_wait(corpus_output) -> None:
    text = corpus_output["en"].stdout
    assert "cases/wrong-type-age.yaml:1:1  -  note[rules.skipped]" in text
    assert "cases/future-date.yaml:1:1  -  note[rules.skipped]" not in text


def test_the_rules_skipped_note_follows_the_errors_it_is_about(corpus_output) -> None:
    heads = [line for line in corpus_output["en"].stdout.splitlines() if _LINE.match(line)]
    mine = [line for line in heads if line.startswith("cases/wrong-type-age.yaml:")]
    assert "field.type" in mine[0] and "rules.skipped" in mine[-1]


def test_findings_come_in_file_line_column_order(corpus_output) -> None:
    rows = [(m["file"], int(m["line"]), int(m["column"])) for m in map(
        _LINE.match, corpus_output["id"].stdout.splitlines()) if m and "rules.skipped" not in m[0]]
    assert rows == sorted(rows)


def test_misspelt_key_is_not_also_reported_missing(corpus_output) -> None:
    found = reported(corpus_output["id"].stdout)
    assert not any(f == "cases/unknown-key-top.yaml" and c == "field.missing" for f, c, *_ in found)
    assert "— classification?" in corpus_output["en"].stdout
