"""The public site of a large synthetic cohort builds: its published numbers (big enough to be
shown, unlike the sample's) never trip the leak audit."""

from __future__ import annotations

from pathlib import Path

import pytest

from casebook_demo.generate import generate_project
from generator.build.pipeline import build
from generator.privacy.audit import audit_site


@pytest.mark.slow
def test_a_400_case_cohort_builds_a_clean_public_site(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("CASEBOOK_TODAY", "2026-11-22")
    root = tmp_path / "cohort"
    generate_project(root, cases=400, seed=11)
    result = build(root, audiences=("public",), out=tmp_path / "site")
    assert result.ok, result.error
    site = tmp_path / "site" / "public"
    charts = sorted((site / "statistik" / "grafik").glob("*.svg"))
    assert charts, "the public statistics have charts"
    assert any(">1" in chart.read_text(encoding="utf-8") or ">2" in chart.read_text(encoding="utf-8")
               for chart in charts), "some published counts are shown as numbers"
    assert audit_site(site) == []
