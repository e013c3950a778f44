"""The privacy view (allow-list projection), the public pages made from it, and the detectors in check.

All values are synthetic. Cases are built from the sample's first case, changed per test.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace

import markdown
import pytest
import yaml
from conftest import REPO

from generator.build.pipeline import content_has_public_home
from generator.load.source import load_yaml_text
from generator.model.records import Case, Office
from generator.model.taxonomy import load_taxonomy
from generator.privacy.check import Rules, case_problems, source_offset
from generator.privacy.view import (
    ID_ALPHABET,
    NotPublishable,
    is_story,
    project_salt,
    public_id,
    public_stories,
    public_view,
    quarter_of,
    refusal,
    site_view,
)
from generator.problems import format_problem
from generator.render.public.stories import (
    plain,
    public_pages,
    quarter_label,
    stories_page,
    story_group,
)

TAXONOMY = load_taxonomy(None)


def view_of(project, lang=None):
    """The privacy view of a project, as the build makes it."""
    return site_view(project, lang=lang, home=not content_has_public_home(project.root))


def pages_of(project, lang=None):
    """The public site's own pages, made from the privacy view as the build makes them."""
    return public_pages(view_of(project, lang))
SAMPLE_CASE = REPO / "cases" / "K-2025-0001.yaml"
OFFICE = Office.model_validate(yaml.safe_load((REPO / "office.yaml").read_text(encoding="utf-8")))
SALT = b"test-salt"


def make_case(change=None) -> Case:
    """The sample's first case (a public story), with ``change(data)`` applied to its raw data."""
    data = yaml.safe_load(SAMPLE_CASE.read_text(encoding="utf-8"))
    if change:
        change(data)
    return Case.model_validate(data, context={"taxonomy": TAXONOMY})


def project_of(*cases: Case, root: Path = Path("/nonexistent")) -> SimpleNamespace:
    docs = [SimpleNamespace(case=c) for c in cases]
    return SimpleNamespace(
        root=root,
        taxonomy=TAXONOMY,
        office=OFFICE,
        settings=SimpleNamespace(public_site_name=None, language="id"),
        sorted_cases=lambda: docs,
    )


# ---------------------------------------------------------------- the projection keeps only the allow-list


PRIVATE_STRINGS = (
    "K-2025-0001",
    "Klien A",
    "dewi-lestari-2025",
    "PS-01",
    "DSN-01",
    "2025-03-03",
    "UPT Pelayanan Sosial Gelandangan",
    "persimpangan",
    "ayahnya",
    "23",
)


def test_public_view_holds_only_generalised_fields():
    story = public_view(make_case(), project_of(make_case()), salt=SALT)
    assert story.city == "Kota Sukamaju"
    assert (story.sex, story.age_group, story.category, story.category_vocabulary) == (
        "laki_laki",
        "dewasa",
        "pengemis",
        "ppks",
    )
    assert story.quarter == "2025-T1" and quarter_label(story.quarter) == "Triwulan I 2025"
    assert quarter_label(story.quarter, "en") == "Q1 2025"
    assert story.channel == "street_outreach"
    assert {s.form for s in story.services} == {
        "perawatan_pengasuhan",
        "bimbingan_sosial_konseling_psikososial",
    }
    assert {s.provider for s in story.services} == {
        "dinsos_kabkota"
    }  # the not-delivered service is left out
    assert story.referrals == ("upt_provinsi",)  # a provider type, never the facility name
    assert story.stages[0] == "engagement_intake" and story.stages[-1] == "termination"
    assert (story.outcome, story.attainment, story.duration) == (
        "penempatan_upt_panti",
        "sebagian",
        "3_6m",
    )
    assert story.title == "Dari jalanan ke layanan lanjutan"
    every_value = repr(dataclasses.astuple(story))
    for private in PRIVATE_STRINGS:
        assert private not in every_value, private


def test_every_field_of_public_case_is_reviewed_here():
    # A new field on PublicCase must be added to this list deliberately (and to the allow-list docs).
    assert [
        f.name for f in dataclasses.fields(public_view(make_case(), project_of(), salt=SALT))
    ] == [
        "public_id",
        "title",
        "summary",
        "city",
        "sex",
        "age_group",
        "category",
        "category_vocabulary",
        "quarter",
        "channel",
        "services",
        "referrals",
        "stages",
        "outcome",
        "attainment",
        "duration",
    ]


@pytest.mark.parametrize(
    "change, reason",
    [
        (lambda d: d["publication"].update(audience="review"), "audience"),
        (lambda d: d["consent"].update(publication=False), "consent"),
        (lambda d: d["record"]["review"].update(status="submitted"), "review"),
        (lambda d: d["publication"].pop("summary"), "story"),
        (lambda d: d["client"].update(age=16), "child"),
        (lambda d: d["classification"].update(ppks="anak_jalanan"), "child"),
        (lambda d: d["classification"].update(ppks="korban_trafficking"), "sensitive"),
        (lambda d: d["classification"].update(secondary=["orang_dengan_hiv_aids"]), "sensitive"),
        (lambda d: d["classification"].update(subgroups=["odgj"]), "sensitive"),
    ],
)
def test_only_consented_approved_unprotected_cases_become_stories(change, reason):
    case = make_case(change)
    assert refusal(case, TAXONOMY) == reason and not is_story(case, TAXONOMY)
    with pytest.raises(NotPublishable):
        public_view(case, project_of(case), salt=SALT)


def test_rare_category_is_shown_as_its_atensi_cluster():
    case = make_case(lambda d: d["classification"].update(ppks="kelompok_minoritas", subgroups=[]))
    story = public_view(case, project_of(case), salt=SALT)
    assert (story.category, story.category_vocabulary) == ("lainnya", "atensi_cluster")


def test_open_case_shows_no_outcome_and_only_finished_stages():
    def reopen(d):
        d.pop("closure")
        d["stages"].pop("termination")
        d["record"]["status"] = "open"

    story = public_view(make_case(reopen), project_of(), salt=SALT)
    assert (story.outcome, story.attainment, story.duration) == (None, None, None)
    assert "evaluation" not in story.stages and story.stages[-1] == "intervention"


def test_quarters():
    assert [quarter_of(dt.date(2025, m, 1)) for m in (1, 3, 4, 7, 12)] == [
        "2025-T1",
        "2025-T1",
        "2025-T2",
        "2025-T3",
        "2025-T4",
    ]


# ---------------------------------------------------------------- opaque page ids


def test_public_id_is_opaque_deterministic_and_keyed():
    first = public_id("K-2025-0001", SALT)
    assert first == public_id("K-2025-0001", SALT)
    assert re.fullmatch(
        f"[{ID_ALPHABET}]{{8}}", first
    )  # no digit, no vowel: never a number or a name
    assert first != public_id("K-2025-0002", SALT) and first != public_id("K-2025-0001", b"other")
    ids = {public_id(f"K-2025-{n:04d}", SALT) for n in range(2000)}
    assert len(ids) == 2000


def test_salt_comes_from_the_private_key_file_else_from_private_case_fields(tmp_path):
    case = make_case()
    fallback = project_salt(project_of(case, root=tmp_path))
    edited_note = make_case(lambda d: d["notes"].update(assessment="Catatan lain."))
    assert project_salt(project_of(edited_note, root=tmp_path)) == fallback  # notes do not move ids
    renamed = make_case(lambda d: d["client"].update(alias="Klien Z"))
    assert project_salt(project_of(renamed, root=tmp_path)) != fallback  # a private field does
    (tmp_path / "private").mkdir()
    (tmp_path / "private" / "public-id.key").write_text("rahasia-uji-99\n", encoding="utf-8")
    keyed = project_salt(project_of(case, root=tmp_path))
    assert keyed != fallback and keyed == project_salt(project_of(renamed, root=tmp_path))


def test_stories_are_ordered_newest_quarter_first_never_by_case_id():
    later = make_case(
        lambda d: d.update(case_id="K-2025-0002") or d["intake"].update(date="2025-04-02")
    )
    stories = public_stories(project_of(make_case(), later), salt=SALT)
    assert [s.quarter for s in stories] == ["2025-T2", "2025-T1"]


# ---------------------------------------------------------------- pages


PLANTS_IN_SUMMARY = (
    '<!-- komentar tersembunyi -->\n\n<span style="display:none">rahasia</span>\n\n'
    '![Foto](x.png "judul gambar")\n\n## Judul sisipan\n\nTeks[^1] dengan *[AB]: singkatan.\n\n'
    '[^1]: catatan kaki\n\n[tautan](https://example.org/?q=uji "judul tautan")\n\n1. daftar\n- butir'
)


def test_story_text_is_shown_as_plain_text_never_as_markup():
    case = make_case(
        lambda d: d["publication"].update(summary=PLANTS_IN_SUMMARY, title="Judul <b>tebal</b> #1")
    )
    story = public_view(case, project_of(case), salt=SALT)
    html = markdown.markdown(
        stories_page([story], view_of(project_of(case)), "id"),
        extensions=["def_list", "admonition", "footnotes", "abbr", "tables", "attr_list"],
    )
    for markup in (
        "<!--",
        "<span",
        "<img",
        "<h2>Judul sisipan",
        "<sup",
        "<abbr",
        '<a href="https://',
        "<b>",
        "<ol>",
        "<ul>",
    ):
        assert markup not in html, markup
    assert "&lt;!-- komentar tersembunyi --&gt;" in html  # shown, harmlessly, as text
    assert "Judul &lt;b&gt;tebal&lt;/b&gt; #1" in html


def test_plain_escapes_markdown_and_html():
    assert plain("a *b* [c](d) <e> & #f") == r"a \*b\* \[c\]\(d\) &lt;e&gt; &amp; \#f"


def test_public_pages_list_stories_and_make_a_home(tmp_path):
    case = make_case()
    pages = pages_of(project_of(case, root=tmp_path))
    sid = public_view(
        case, project_of(case, root=tmp_path), salt=project_salt(project_of(case, root=tmp_path))
    ).public_id
    story = public_view(case, project_of(case, root=tmp_path), salt=SALT)
    group = story_group(story)
    assert group == f"{story.year}-{story.category.replace('_', '-')}"
    assert sorted(pages) == sorted(["cerita/index.md", f"cerita/{group}.md", "index.md"])
    assert f"]({group}.md) | {story.year} | 1 |" in pages["cerita/index.md"]
    assert f"{{#{sid}}}" in pages[f"cerita/{group}.md"]  # the story's anchor is its opaque id
    home = pages["index.md"]
    assert "Jl. Merdeka Raya No. 45, Kota Sukamaju" in home and "cerita/index.md" in home
    assert "statistik/index.md" in home and "Perlindungan data klien" in home
    assert "## Contact" in pages_of(project_of(case, root=tmp_path), lang="en")["index.md"]
    everything = "\n".join(pages.values())
    for private in PRIVATE_STRINGS[:-1]:
        assert private not in everything, private


def test_stories_share_a_page_per_category_and_year_in_quarter_order():
    from dataclasses import replace

    from generator.render.public.stories import story_groups

    story = public_view(make_case(), project_of(make_case()), salt=SALT)
    later = replace(story, public_id="bbbbbbbb", quarter="2025-T4")
    earlier = replace(story, public_id="zzzzzzzz", quarter="2025-T1")
    next_year = replace(story, public_id="cccccccc", quarter="2026-T1")
    cluster = replace(story, public_id="dddddddd", category="disabilitas",
                      category_vocabulary="atensi_cluster")
    groups = story_groups([later, next_year, earlier, cluster])
    assert {name: [s.public_id for s in members] for name, members in groups.items()} == {
        f"2025-{story.category.replace('_', '-')}": ["zzzzzzzz", "bbbbbbbb"],
        f"2026-{story.category.replace('_', '-')}": ["cccccccc"],
        f"{story.year}-klaster-disabilitas": ["dddddddd"],
    }


def test_content_home_for_the_public_replaces_the_generated_one(tmp_path):
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "index.md").write_text(
        "---\naudience: review\n---\n# Telaah\n", encoding="utf-8"
    )
    assert "index.md" in pages_of(project_of(make_case(), root=tmp_path))
    (tmp_path / "content" / "index.md").write_text("# Beranda publik\n", encoding="utf-8")
    assert "index.md" not in pages_of(project_of(make_case(), root=tmp_path))


def test_no_story_page_without_stories(tmp_path):
    pages = pages_of(
        project_of(make_case(lambda d: d["publication"].update(audience="review")), root=tmp_path)
    )
    assert sorted(pages) == ["cerita/index.md", "index.md"]
    assert "Belum ada cerita" in pages["cerita/index.md"]


# ---------------------------------------------------------------- detectors in check


def loaded_case(text: str):
    loaded = load_yaml_text(text, Path("cases/K-2025-0001.yaml"), "cases/K-2025-0001.yaml")
    return Case.model_validate(loaded.data, context={"taxonomy": TAXONOMY}), loaded


def planted(old: str, new: str) -> str:
    text = SAMPLE_CASE.read_text(encoding="utf-8")
    assert old in text
    return text.replace(old, new, 1)


PHONE = "0812-9999-0001"


def test_finding_in_an_internal_field_is_a_warning_at_its_exact_position():
    text = planted("bersedia ikut setelah ditawari", f"bersedia ikut setelah ditawari (hp {PHONE})")
    problems = case_problems(*loaded_case(text), "cases/K-2025-0001.yaml")
    assert [(p.code, p.severity, p.path) for p in problems] == [
        ("privacy.identifier", "warning", "notes.engagement_intake")
    ]
    line_no = next(i for i, line in enumerate(text.splitlines(), 1) if PHONE in line)
    assert (problems[0].line, problems[0].column) == (
        line_no,
        text.splitlines()[line_no - 1].index(PHONE) + 1,
    )
    shown = format_problem(problems[0], "id") + format_problem(problems[0], "en")
    assert PHONE not in shown and "0812" not in shown and "nomor telepon/HP" in shown


def test_finding_in_the_public_story_is_an_error_in_a_review_story_a_warning():
    text = planted(
        "kembali dengan keluarga tidak berhasil", f"kembali dengan keluarga {PHONE} tidak berhasil"
    )
    problems = case_problems(*loaded_case(text), "c")
    assert [(p.code, p.severity, p.path) for p in problems] == [
        ("privacy.public_identifier", "error", "publication.summary")
    ]
    review = text.replace("  audience: public\n", "  audience: review\n")
    assert [p.severity for p in case_problems(*loaded_case(review), "c")] == ["warning"]


def test_alias_with_initials_or_a_number_is_an_error():
    for alias in ("Klien berinisial RS", "Klien 0812-9999-0001"):
        problems = case_problems(*loaded_case(planted("alias: Klien A", f"alias: {alias}")), "c")
        assert [(p.code, p.severity) for p in problems] == [("privacy.alias", "error")], alias


def test_office_address_and_phone_are_allowed():
    office_phone = (
        "(061) 899-9991"  # synthetic; the sample's fictional area code is no valid number
    )
    text = planted(
        "bersedia ikut setelah ditawari",
        f"ikut ke kantor di {OFFICE.address}, telepon {office_phone}",
    )
    assert case_problems(*loaded_case(text), "c", Rules(allow=(OFFICE.address, office_phone))) == []
    found = {dict(p.params)["detector"] for p in case_problems(*loaded_case(text), "c")}
    assert found == {"street_address", "phone"}  # removing the allow-list entries makes them fail


def test_denylisted_name_anywhere_is_an_error():
    from generator.privacy.denylist import DenyList

    text = planted(
        "bersedia ikut setelah ditawari", "bersedia ikut Estiono Usamah setelah ditawari"
    )
    problems = case_problems(*loaded_case(text), "c", Rules(denylist=DenyList(["Estiono Usamah"])))
    assert [(p.code, p.severity, p.path) for p in problems] == [
        ("privacy.denylist", "error", "notes.engagement_intake")
    ]
    assert "Estiono" not in format_problem(problems[0])


def test_sensitive_subgroup_story_is_an_error():
    text = planted("subgroups: [gepeng]", "subgroups: [gepeng, odgj]")
    assert [p.code for p in case_problems(*loaded_case(text), "c")] == [
        "privacy.sensitive_subgroup"
    ]


@pytest.mark.parametrize(
    "raw, value",
    [
        ("note: |\n    baris satu\n    baris dua X\n", "baris satu\nbaris dua X\n"),
        ("note: >-\n    baris satu\n    baris dua X\n", "baris satu baris dua X"),
        ('note: "kutip X"\n', "kutip X"),
        ("{note: datar X}", "datar X"),
    ],
)
def test_source_offset_finds_the_character_in_any_scalar_style(raw, value):
    node_raw = raw.split("note:", 1)[1].lstrip(" ").rstrip("}")
    assert node_raw[source_offset(node_raw, value, value.index("X"))] == "X"


def test_sample_checks_clean_with_detectors_on():
    result = subprocess.run(
        [sys.executable, "-m", "generator", "check", "--strict"],
        cwd=REPO,
        capture_output=True,
        text=True,
        env={**_env(), "CASEBOOK_NO_CACHE": "1"},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "0 galat, 0 peringatan" in result.stderr


def _env() -> dict:
    import os

    return {**os.environ, "CASEBOOK_TODAY": "2026-11-22"}


@pytest.mark.slow
def test_thousand_case_demo_checks_quickly_with_detectors(tmp_path):
    from casebook_demo.generate import generate_project

    generate_project(tmp_path / "demo", cases=1000, seed=7, today=dt.date(2026, 11, 22))
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "generator", "check"],
        cwd=tmp_path / "demo",
        capture_output=True,
        text=True,
        env={**_env(), "CASEBOOK_NO_CACHE": "1"},
        check=False,
    )
    elapsed = time.perf_counter() - started
    assert "0 galat" in result.stderr, result.stderr[-2000:]
    assert elapsed < 60  # about 5 s on one free core; generous for a shared CI machine


def test_sentence_ending_kinship_word_is_not_a_name():
    # "kakak." / "nenek." end a sentence; the next capitalised word is not a name (sample false positive).
    from generator.privacy.detectors import scan_text

    assert scan_text("Tinggal bersama ibunya dan seorang kakak. Ayah tiri kerap memarahinya.") == []
    assert scan_text("Anak pindah ke rumah nenek. Kunjungan rumah memastikan semuanya aman.") == []
    assert [f.detector for f in scan_text("Ia bertemu Sdri. Wulan di kantor.")] == [
        "honorific_name"
    ]
    assert [f.detector for f in scan_text("Ia bertemu bu Wulan di kantor.")] == ["honorific_name"]


def test_private_files_are_git_ignored_and_no_real_denylist_is_tracked():
    for path in ("private/denylist.txt", "private/public-id.key"):
        assert (
            subprocess.run(["git", "check-ignore", "-q", path], cwd=REPO, check=False).returncode
            == 0
        ), path
    tracked = subprocess.run(
        ["git", "ls-files"], cwd=REPO, capture_output=True, text=True, check=True
    ).stdout
    assert [
        f for f in tracked.splitlines() if "denylist" in f.rsplit("/", 1)[-1] and f.endswith(".txt")
    ] == ["tests/fixtures/privacy/denylist.synthetic.txt"]
