"""Narratives a lecturer would not send back: no sentence said twice, labels without slashes.

Over every case of the sample project, on the review site's case page (the narrative with its
record box): each sentence the intern wrote (stage notes, service and evaluation notes, reasons,
outcomes, the presenting problem, the plan's rationale…) appears once, every sentence of the
generated prose appears once, and no code label reads "patroli / penjangkauan".
"""

from __future__ import annotations

import re
from collections import Counter

import pytest
from conftest import REPO

from generator.build.project import load_project
from generator.model.project import CaseDoc
from generator.model.records import Case
from generator.render.narrative import case_page

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“(])")


@pytest.fixture(scope="module")
def sample():
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CASEBOOK_TODAY", "2026-11-22")
        project, problems = load_project(REPO)
    assert [p for p in problems if p.is_error] == []
    return project


def sentences(text: str) -> list[str]:
    """The sentences of a text, whitespace folded."""
    flat = " ".join(text.split())
    return [part.strip() for part in _SENTENCE_END.split(flat) if len(part.split()) >= 3]


def written_texts(case: Case) -> list[str]:
    """Every free text the intern wrote in a case that its page may show."""
    texts = [case.intake.presenting_problem, *case.notes.values()]
    if case.assessment:
        texts += [case.assessment.summary or "", *case.assessment.strengths]
        texts += [domain.note or "" for domain in case.assessment.domains.values()]
    if case.plan:
        texts += [case.plan.fallback or "", case.plan.rationale or ""]
        texts += [f"{r.change} {r.reason or ''}" for r in case.plan.revisions]
    texts += [s.note or "" for s in case.services]
    texts += [e.note or "" for e in case.evaluations]
    texts += [f"{r.reason} {r.outcome or ''}" for r in case.referrals]
    if case.closure:
        texts.append(case.closure.reason)
    return [text for text in texts if text]


def prose(page: str) -> str:
    """The page without its tables, headings and record box."""
    keep = [line for line in page.splitlines()
            if line.strip() and not line.lstrip().startswith(("|", "#", "!!!", "- **"))]
    return "\n".join(keep)


def flat(text: str) -> str:
    return " ".join(text.split()).casefold().rstrip(".")


def test_no_sentence_of_a_case_notes_appears_twice_on_its_page(sample) -> None:
    repeated = {}
    for case_id, doc in sample.cases.items():
        page = " ".join(case_page(doc, sample).split()).casefold()
        for text in written_texts(doc.case):
            for said in sentences(text):
                needle = flat(said)
                if len(needle) > 12 and page.count(needle) > 1:
                    repeated.setdefault(case_id, []).append(said)
    assert repeated == {}


def test_no_generated_sentence_is_said_twice(sample) -> None:
    repeated = {}
    for case_id, doc in sample.cases.items():
        counts = Counter(flat(s) for s in sentences(prose(case_page(doc, sample))))
        twice = [s for s, n in counts.items() if n > 1]
        if twice:
            repeated[case_id] = twice
    assert repeated == {}


def test_labels_read_as_words_not_slashes(sample) -> None:
    slashed = {case_id: re.findall(r"\w+ / \w+", prose(case_page(doc, sample)))
               for case_id, doc in sample.cases.items()}
    assert {case_id: found for case_id, found in slashed.items() if found} == {}


def test_the_check_can_fail() -> None:
    """The duplicate detector sees a sentence written twice (an honest test can fail)."""
    page = "Klien menolak pulang ke rumah. Lalu hal lain. Klien menolak pulang ke rumah."
    counts = Counter(flat(s) for s in sentences(page))
    assert counts[flat("Klien menolak pulang ke rumah.")] == 2


def test_the_facts_the_student_could_not_record_are_told(sample) -> None:
    page = " ".join(case_page(sample.cases["K-2025-0001"], sample).split())
    for said in (
        "diterima melalui jalur patroli penjangkauan yang digelar bersama razia gabungan",
        "Klien pergi dari rumah atas kemauannya sendiri.",
        ("Dari sisi keluarga besar, tidak ada kerabat lain yang peduli atau bersedia menampung"
        " klien."),
        "Strategi ini dipilih karena klien sendiri ingin pulang",
        "Pada 20 Mei 2025 rencana direvisi: penempatan di UPT provinsi menjadi rencana utama",
        "klien menerima konseling individu dalam layanan bimbingan sosial",
        "konseling keluarga dalam layanan bimbingan sosial",
        "dukungan emosional dalam layanan bimbingan sosial",
        ("Kontak dengan keluarga pada 22 April 2025 menunjukkan bahwa keluarga tidak dapat"
        " dihubungi."),
        "T2 tercapai, sedangkan T1 tidak tercapai.",
    ):
        assert said in page
    assert "kondisi klien belum berubah" not in page  # a family contact needs no progress


def test_goals_sharing_one_attainment_are_counted_as_people_count(sample) -> None:
    doc = sample.cases["K-2025-0001"]
    plan = doc.case.plan.model_copy(update={"goals": [
        goal.model_copy(update={"attainment": "tidak_tercapai"}) for goal in doc.case.plan.goals]})
    case = doc.case.model_copy(update={"plan": plan})
    page = case_page(CaseDoc(doc.index, doc.path, doc.display, doc.loaded, case), sample)
    assert "Kedua tujuan tidak tercapai." in page
    assert "Dari dua tujuan" not in page
