"""The casework narrative: golden files for hand-written cases, wording helpers, edge cases."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator.build.project import load_project
from generator.model.records import Case
from generator.model.taxonomy import load_taxonomy
from generator.render import render_narrative
from generator.render.text import (
    Voice,
    clause,
    format_date,
    format_hours,
    format_range,
    join_list,
    lower_first,
    markdown_note,
    people_names,
    sentence,
)

TESTS = Path(__file__).resolve().parent
FIXTURE = TESTS / "fixtures" / "narratives"
SAMPLE = TESTS.parent
GOLDEN = TESTS / "golden" / "narratives"

# (golden name, project folder, case id, language)
GOLDENS = [
    ("K-2025-0101-open-intake", FIXTURE, "K-2025-0101", "id"),
    ("K-2025-0102-closed-reunified", FIXTURE, "K-2025-0102", "id"),
    ("K-2025-0103-referred-rsj", FIXTURE, "K-2025-0103", "id"),
    ("K-2025-0104-child-open", FIXTURE, "K-2025-0104", "id"),
    ("K-2025-0104-child-open.en", FIXTURE, "K-2025-0104", "en"),
    ("sample-K-2025-0001-transferred-upt", SAMPLE, "K-2025-0001", "id"),
]


@pytest.fixture(autouse=True)
def pinned_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CASEBOOK_TODAY", "2026-11-22")


@pytest.fixture(scope="module")
def fixture_project():
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CASEBOOK_TODAY", "2026-11-22")
        project, problems = load_project(FIXTURE)
    assert [p for p in problems if p.is_error] == []
    return project


def narrative_of(root: Path, case_id: str, lang: str) -> str:
    project, problems = load_project(root)
    doc = project.cases[case_id]
    assert [p for p in problems if p.is_error and p.file == doc.display] == []
    return render_narrative(doc.case, project.taxonomy, lang, people_names(project))


@pytest.mark.parametrize(("name", "root", "case_id", "lang"), GOLDENS, ids=[g[0] for g in GOLDENS])
def test_narrative_matches_golden(name, root, case_id, lang, update_goldens):
    rendered = narrative_of(root, case_id, lang)
    golden = GOLDEN / f"{name}.md"
    if update_goldens:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(rendered, encoding="utf-8")
    assert golden.is_file(), f"missing golden {golden.name}: run pytest --update-goldens"
    assert rendered == golden.read_text(encoding="utf-8")


# ---------------------------------------------------------------- what a narrative must say


def sections(markdown: str) -> list[str]:
    return [line[3:] for line in markdown.splitlines() if line.startswith("## ")]


def section_text(markdown: str, heading: str) -> str:
    return markdown.split(f"## {heading}\n", 1)[1].split("\n## ", 1)[0]


def test_open_case_at_intake_is_short_but_complete(fixture_project):
    text = render_narrative(fixture_project.cases["K-2025-0101"].case, fixture_project.taxonomy)
    assert sections(text) == [
        "Identitas kasus",
        "Pendekatan awal dan penerimaan",
        "Tahap selanjutnya",
        "Refleksi",
    ]
    assert "Langkah berikutnya adalah asesmen" in section_text(text, "Tahap selanjutnya")
    assert "10 November 2025" in text
    assert "belum menuliskan refleksi" in section_text(text, "Refleksi")


def test_closed_case_tells_every_stage_in_order(fixture_project):
    text = render_narrative(fixture_project.cases["K-2025-0102"].case, fixture_project.taxonomy)
    assert sections(text) == [
        "Identitas kasus",
        "Pendekatan awal dan penerimaan",
        "Asesmen",
        "Rencana intervensi",
        "Intervensi",
        "Monitoring dan evaluasi",
        "Terminasi",
        "Refleksi",
    ]
    assert "| Aspek | Skor | Catatan |" in section_text(text, "Asesmen")
    assert "| Tanggal | Layanan | Komponen ATENSI | Setting | Status |" in section_text(
        text, "Intervensi"
    )
    assert "kembali ke keluarga" in section_text(text, "Terminasi")
    assert "hingga 31 Januari 2026" in section_text(text, "Terminasi")


def test_stage_notes_are_woven_into_their_sections(fixture_project):
    case = fixture_project.cases["K-2025-0103"].case
    text = render_narrative(case, fixture_project.taxonomy)
    assert "Klien dibawa ke RSUD" in section_text(text, "Pendekatan awal dan penerimaan")
    assert "bangsal rehabilitasi RSJ" in section_text(text, "Terminasi")
    child = render_narrative(fixture_project.cases["K-2025-0104"].case, fixture_project.taxonomy)
    assert "**Resosialisasi.**" in section_text(child, "Intervensi")
    assert "kelas lima" in section_text(child, "Intervensi")


def test_markdown_of_notes_survives(fixture_project):
    text = render_narrative(fixture_project.cases["K-2025-0102"].case, fixture_project.taxonomy)
    reflection = section_text(text, "Refleksi")
    assert "**mediasi keluarga**" in reflection
    assert "- pertemuan pertama hanya untuk mendengar;" in reflection


def test_referral_and_consent_override_are_told(fixture_project):
    text = render_narrative(
        fixture_project.cases["K-2025-0103"].case,
        fixture_project.taxonomy,
        people=people_names(fixture_project),
    )
    referral = section_text(text, "Rujukan")
    assert "dirujuk ke rumah sakit jiwa (RSJ Daerah Provinsi Jawa Nusantara)" in referral
    assert "telah selesai dilaksanakan" in referral
    assert "atas keputusan Lestiana Marbun, S.Tr.Sos." in text


def test_labels_come_from_the_taxonomy_in_both_languages(fixture_project):
    case = fixture_project.cases["K-2025-0104"].case
    indonesian = render_narrative(case, fixture_project.taxonomy, "id")
    english = render_narrative(case, fixture_project.taxonomy, "en")
    assert "PPKS Anak Jalanan" in indonesian and "Street child" in english
    assert sections(english)[0] == "Case identity"
    assert "Perawatan sosial dan/atau pengasuhan anak" in indonesian


def test_rendering_is_deterministic(fixture_project):
    case = fixture_project.cases["K-2025-0102"].case
    first = render_narrative(case, fixture_project.taxonomy)
    assert all(render_narrative(case, fixture_project.taxonomy) == first for _ in range(3))


def test_cases_vary_their_phrasing(fixture_project):
    openings = {
        render_narrative(doc.case, fixture_project.taxonomy).split(
            "## Pendekatan awal dan penerimaan\n\n"
        )[1][:20]
        for doc in fixture_project.sorted_cases()
    }
    assert len(openings) > 1


MINIMAL_CASE = {
    "taxonomy_version": "2025.1",
    "case_id": "K-2025-0900",
    "record": {"authors": ["someone"]},
    "client": {"alias": "Klien Z", "sex": "perempuan"},
    "consent": {"given_by": "klien", "services": True},
    "intake": {
        "date": "2025-05-02",
        "channel": "hotline",
        "source": "lainnya",
        "presenting_problem": "Butuh bantuan.",
    },
    "classification": {"ppks": "fakir_miskin"},
}


def test_a_case_with_only_required_fields_reads_cleanly():
    taxonomy = load_taxonomy()
    case = Case.model_validate(MINIMAL_CASE, context={"taxonomy": taxonomy})
    text = render_narrative(case, taxonomy)
    assert "adalah seorang perempuan." in text
    assert "Tahap terakhir yang tercatat adalah pendekatan awal dan penerimaan." in text
    assert "PPKS Fakir Miskin" in text
    assert "atas rujukan" not in text  # source "lainnya" says nothing useful
    for leftover in ("None", "{", "}", "  ", " .", ".."):
        assert leftover not in text, leftover


def test_no_placeholder_or_python_repr_leaks(fixture_project):
    for doc in fixture_project.sorted_cases():
        for lang in ("id", "en"):
            text = render_narrative(doc.case, fixture_project.taxonomy, lang)
            for leftover in ("none", "{", "}", " .", "..", "datetime", "_", "layanan layanan"):
                assert leftover not in text.lower(), (doc.case.case_id, lang, leftover)


# ---------------------------------------------------------------- wording helpers


def test_dates_in_indonesian_and_english():
    assert format_date(dt.date(2025, 3, 5)) == "5 Maret 2025"
    assert format_date(dt.date(2025, 3, 5), "en") == "5 March 2025"
    assert format_range(dt.date(2025, 2, 17), dt.date(2025, 2, 23)) == "17–23 Februari 2025"
    assert format_range(dt.date(2025, 2, 24), dt.date(2025, 3, 2)) == "24 Februari – 2 Maret 2025"
    assert (
        format_range(dt.date(2025, 12, 29), dt.date(2026, 1, 4))
        == "29 Desember 2025 – 4 Januari 2026"
    )


def test_lists_in_indonesian_and_english():
    assert join_list(["a"]) == "a"
    assert join_list(["a", "b"]) == "a dan b"
    assert join_list(["a", "b", "c"]) == "a, b, dan c"
    assert join_list(["a", "b", "c"], "en") == "a, b and c"
    voice = Voice("id", load_taxonomy())
    assert (
        voice.join(["makanan dan pakaian", "layanan kesehatan"])
        == "makanan dan pakaian serta layanan kesehatan"
    )


def test_lower_first_keeps_names_and_acronyms():
    assert lower_first("Rumah singgah") == "rumah singgah"
    assert lower_first("Rumah Perlindungan Sosial") == "Rumah Perlindungan Sosial"
    assert lower_first("Satpol PP") == "Satpol PP"
    assert lower_first("SMP/sederajat") == "SMP/sederajat"
    assert lower_first("ODGJ (orang dengan gangguan jiwa)") == "ODGJ (orang dengan gangguan jiwa)"
    assert (
        lower_first("Kepolisian (termasuk Bhabinkamtibmas)")
        == "kepolisian (termasuk Bhabinkamtibmas)"
    )


def test_free_text_becomes_sentences_and_clauses():
    assert sentence("  klien  tenang\n") == "Klien tenang."
    assert sentence("Sudah selesai!") == "Sudah selesai!"
    assert clause("Penempatan di UPT provinsi.") == "penempatan di UPT provinsi"
    assert (
        format_hours(7.5) == "7,5" and format_hours(7.5, "en") == "7.5" and format_hours(8) == "8"
    )


def test_notes_are_unwrapped_but_lists_kept():
    note = "Baris satu\nbaris dua.\n\n- butir\n- butir dua\n"
    assert markdown_note(note) == "Baris satu baris dua.\n\n- butir\n- butir dua"
