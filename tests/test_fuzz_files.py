"""Fuzzing every kind of file a user writes: whatever is in it, loading never gives a traceback.

Each example takes a small copy of the sample (office, settings, one case, one intern) and
replaces one file with fuzzed content: random bytes, random text, random YAML, or the real
file with one value swapped for a value of another shape (a huge integer, a deep list, a
date, a mapping, text with control characters, …). ``load_project`` must return problems,
never raise; a chapter must come back as text or as a located problem.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
import yaml
from conftest import REPO
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.build.project import load_project

INTERN = "dewi-lestari-2025"
FILES = [
    "cases/K-2025-0001.yaml",
    f"interns/{INTERN}/intern.yaml",
    f"interns/{INTERN}/logbook.yaml",
    f"interns/{INTERN}/references.yaml",
    f"interns/{INTERN}/review.yaml",
    "office.yaml",
    "casebook.yml",
    f"interns/{INTERN}/chapters/pendahuluan.md",
]
# An integer of 4,400 digits (Python refuses to parse more than 4,300): put into the YAML text
# after dumping, because Hypothesis itself cannot print such a number.
HUGE = "<<huge-integer>>"
FUZZ = settings(max_examples=12, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    monkeypatch.setenv("CASEBOOK_TODAY", "2026-11-22")


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("fuzz") / "project"
    root.mkdir()
    for name in ("office.yaml", "casebook.yml", "rubric.yaml"):
        shutil.copy2(REPO / name, root / name)
    (root / "cases").mkdir()
    shutil.copy2(REPO / "cases" / "K-2025-0001.yaml", root / "cases")
    (root / "interns").mkdir()
    shutil.copytree(REPO / "interns" / INTERN, root / "interns" / INTERN)
    return root


scalars = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-(10**6), max_value=10**6),
    st.floats(allow_nan=True),
    st.text(max_size=40), st.dates(), st.just("\x00\x1b[31m\u202e"),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4),
                            st.dictionaries(st.text(max_size=8), inner, max_size=4)),
    max_leaves=12,
)


def leaves(data, path=()):
    if isinstance(data, dict):
        for key, value in data.items():
            yield from leaves(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from leaves(value, (*path, index))
    yield path


def replaced(data, path, value):
    if not path:
        return value
    node = data
    for step in path[:-1]:
        node = node[step]
    node[path[-1]] = value
    return data


def dumped(value) -> bytes:
    text = yaml.safe_dump(value, allow_unicode=True, width=10000)
    return text.replace(f"'{HUGE}'", "9" * 4400).replace(HUGE, "9" * 4400).encode("utf-8")


def mutated_yaml(source: str, choice: int, value) -> bytes:
    data = yaml.safe_load(source)
    paths = list(leaves(data))
    data = replaced(data, paths[choice % len(paths)], value)
    try:
        return dumped(data)
    except (yaml.YAMLError, ValueError):
        return source.encode("utf-8")


contents = st.one_of(
    st.binary(max_size=400),
    st.text(max_size=400).map(lambda text: text.encode("utf-8", "surrogatepass")),
    values.map(dumped),
)


def load_with(template: Path, file: str, data: bytes | None = None, choice: int = 0,
              value=None) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "project"
        shutil.copytree(template, root)
        target = root / file
        if data is None:
            data = mutated_yaml(target.read_text(encoding="utf-8"), choice, value)
        target.write_bytes(data)
        _project, problems = load_project(root)  # must not raise
        assert all(p.file and p.line >= 0 for p in problems)


@pytest.mark.parametrize("file", FILES)
@FUZZ
@given(data=contents)
def test_any_content_gives_problems_not_a_traceback(template, file, data):
    load_with(template, file, data)


@pytest.mark.parametrize("file", [f for f in FILES if f.endswith((".yaml", ".yml"))])
@FUZZ
@given(choice=st.integers(min_value=0, max_value=10_000), value=values)
def test_one_value_of_another_shape_gives_problems_not_a_traceback(template, file, choice, value):
    load_with(template, file, choice=choice, value=value)


@pytest.mark.parametrize("file", [f for f in FILES if f.endswith((".yaml", ".yml"))])
def test_an_integer_of_4400_digits_gives_a_problem_not_a_traceback(template, file):
    load_with(template, file, choice=3, value=HUGE)
