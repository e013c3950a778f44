"""Tests for the built-in taxonomies and the taxonomy loader."""

from itertools import pairwise
from pathlib import Path

import pytest
import yaml

from generator.model.taxonomy import (
    BUILTIN_DIR,
    CODE_PATTERN,
    Taxonomy,
    TaxonomyError,
    load_taxonomy,
)

REQUIRED_VOCABULARIES = {
    "ppks",
    "atensi_cluster",
    "subgroup",
    "rehab_form",
    "atensi_component",
    "stage",
    "case_status",
    "review_status",
    "intake_channel",
    "referral_source",
    "modality",
    "placement",
    "setting",
    "provider_type",
    "outcome",
    "goal_type",
    "goal_attainment",
    "service_status",
    "referral_kind",
    "referral_status",
    "evaluation_type",
    "progress",
    "family_contact_result",
    "risk_level",
    "problem_factor",
    "need",
    "urgency",
    "assessment_domain",
    "rating",
    "informant",
    "sex",
    "age_group",
    "public_age_group",
    "education",
    "marital_status",
    "living_situation",
    "origin",
    "document_status",
    "disability_type",
    "severity",
    "health_flag",
    "consent_giver",
    "consent_form",
    "legal_basis",
    "share_with",
    "worker_role",
    "internship_program",
    "activity_type",
    "logbook_validation",
    "duration_bucket",
}

SENSITIVE_PPKS = {
    "anak_berhadapan_dengan_hukum",
    "anak_korban_tindak_kekerasan",
    "tuna_susila",
    "bekas_warga_binaan_lp",
    "orang_dengan_hiv_aids",
    "korban_penyalahgunaan_napza",
    "korban_trafficking",
    "korban_tindak_kekerasan",
}


@pytest.fixture(scope="module")
def tax() -> Taxonomy:
    return load_taxonomy()


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


GOOD_SEX = """\
version: "2099.9"
vocabularies:
  sex:
    label: {id: Jenis kelamin, en: Sex}
    entries:
      - {code: perempuan, id: Perempuan, en: Female}
      - {code: laki_laki, id: Laki-laki, en: Male}
      - {code: tidak_diketahui, id: Tidak diketahui, en: Unknown}
"""


# --- built-in content -------------------------------------------------------------------------


def test_all_required_vocabularies_exist(tax):
    assert REQUIRED_VOCABULARIES <= set(tax.names())


def test_ppks_has_26_categories_numbered_1_to_26(tax):
    codes = tax.codes("ppks")
    assert len(codes) == 26
    numbers = [tax.entry("ppks", code)["number"] for code in codes]
    assert numbers == list(range(1, 27))


def test_ppks_minor_flags_are_categories_1_to_7(tax):
    minors = {
        tax.entry("ppks", c)["number"] for c in tax.codes("ppks") if tax.entry("ppks", c)["minor"]
    }
    assert minors == set(range(1, 8))


def test_ppks_sensitive_flags(tax):
    sensitive = {c for c in tax.codes("ppks") if tax.entry("ppks", c)["sensitive"] is True}
    assert sensitive == SENSITIVE_PPKS


def test_every_ppks_cluster_is_an_atensi_cluster(tax):
    for code in tax.codes("ppks"):
        assert tax.has("atensi_cluster", tax.entry("ppks", code)["cluster"]), code


def test_ppks_age_hints_are_consistent(tax):
    for code in tax.codes("ppks"):
        age = tax.entry("ppks", code).get("age", {})
        assert set(age) <= {"min", "max"}, code
        if "min" in age and "max" in age:
            assert age["min"] <= age["max"], code
        if tax.entry("ppks", code)["minor"]:
            assert age.get("max") == 17 or code == "anak_balita_telantar", code


def test_atensi_clusters(tax):
    assert tax.codes("atensi_cluster") == (
        "anak",
        "disabilitas",
        "ts_kpo",
        "napza",
        "lanjut_usia",
        "bencana",
        "lainnya",
    )


def test_subgroup_ppks_mappings_resolve(tax):
    assert {"gepeng", "anjal", "pgot", "odgj", "eks_psikotik", "pasung"} <= set(
        tax.codes("subgroup")
    )
    assert tax.entry("subgroup", "gepeng")["ppks"] == ("gelandangan", "pengemis")
    for code in tax.codes("subgroup"):
        for ppks in tax.entry("subgroup", code).get("ppks", ()):
            assert tax.has("ppks", ppks), (code, ppks)


def test_rehab_forms_and_atensi_components(tax):
    assert len(tax.codes("rehab_form")) == 11
    assert [tax.entry("rehab_form", c)["number"] for c in tax.codes("rehab_form")] == list(
        range(1, 12)
    )
    assert len(tax.codes("atensi_component")) == 7
    assert tax.entry("atensi_component", "terapi")["subtypes"] == (
        "fisik",
        "psikososial",
        "mental_spiritual",
    )


def test_stages_are_ordered_with_two_optional(tax):
    orders = [tax.entry("stage", c)["order"] for c in tax.codes("stage")]
    assert orders == list(range(1, 9))
    optional = {c for c in tax.codes("stage") if tax.entry("stage", c)["optional"]}
    assert optional == {"resocialization", "aftercare"}


def test_outcomes_have_17_codes_with_valid_groups(tax):
    groups = {"placement", "family", "health", "other_agency", "independent", "disengaged", "other"}
    assert len(tax.codes("outcome")) == 17
    assert {tax.entry("outcome", c)["group"] for c in tax.codes("outcome")} == groups


def test_age_groups_cover_all_ages_without_gaps(tax):
    for vocab in ("age_group", "public_age_group"):
        entries = [tax.entry(vocab, c) for c in tax.codes(vocab)]
        assert entries[0]["min"] == 0 and "max" not in entries[-1], vocab
        for before, after in pairwise(entries):
            assert after["min"] == before["max"] + 1, vocab


def test_duration_buckets_cover_all_days_without_gaps(tax):
    entries = [tax.entry("duration_bucket", c) for c in tax.codes("duration_bucket")]
    assert entries[0]["min_days"] == 0 and "max_days" not in entries[-1]
    for before, after in pairwise(entries):
        assert after["min_days"] == before["max_days"] + 1


def test_rating_codes_are_strings_1_to_5(tax):
    assert tax.codes("rating") == ("1", "2", "3", "4", "5")
    assert tax.label("rating", "1") == "Sangat kurang"
    assert tax.label("rating", "5", "en") == "Very good"


def test_every_entry_has_id_and_en_labels_and_a_valid_code(tax):
    for vocab in tax.names():
        for lang in ("id", "en"):
            assert tax.vocab_label(vocab, lang).strip(), vocab
        for code in tax.codes(vocab):
            assert CODE_PATTERN.fullmatch(code), (vocab, code)
            entry = tax.entry(vocab, code)
            assert entry["id"].strip() and entry["en"].strip(), (vocab, code)


def test_builtin_files_share_one_version():
    versions = {
        yaml.safe_load(p.read_text(encoding="utf-8"))["version"] for p in BUILTIN_DIR.glob("*.yaml")
    }
    assert versions == {load_taxonomy().version}


# --- Taxonomy API ---------------------------------------------------------------------------


def test_label_lookup_and_fallbacks(tax):
    assert tax.label("ppks", "anak_jalanan") == "Anak Jalanan"
    assert tax.label("ppks", "anak_jalanan", "en") == "Street child"
    assert tax.label("ppks", "no_such_code") == "no_such_code"
    assert tax.label("no_such_vocab", "x") == "x"
    assert tax.vocab_label("ppks", "en") == "PPKS category"
    with pytest.raises(ValueError):
        tax.label("ppks", "anak_jalanan", "fr")


def test_has_and_entry(tax):
    assert tax.has("sex", "perempuan")
    assert not tax.has("sex", "Perempuan")
    assert not tax.has("nope", "perempuan")
    assert not tax.has("rating", 3)
    with pytest.raises(KeyError, match="no_such"):
        tax.entry("ppks", "no_such")
    with pytest.raises(KeyError, match="unknown vocabulary"):
        tax.codes("no_such_vocab")


def test_entries_are_read_only(tax):
    entry = tax.entry("ppks", "anak_jalanan")
    with pytest.raises(TypeError):
        entry["cluster"] = "lainnya"  # type: ignore[index]
    with pytest.raises(TypeError):
        entry["age"]["min"] = 0  # type: ignore[index]


def test_builtin_is_cached():
    assert load_taxonomy() is load_taxonomy(None)


# --- project overrides ------------------------------------------------------------------------


def test_override_replaces_one_vocabulary_and_sets_version(tmp_path, tax):
    write(tmp_path / "taxonomies", "sex.yaml", GOOD_SEX)
    custom = load_taxonomy(tmp_path)
    assert custom.version == "2099.9"
    assert custom.codes("sex") == ("perempuan", "laki_laki", "tidak_diketahui")
    assert custom.codes("ppks") == tax.codes("ppks")
    assert load_taxonomy().codes("sex") == ("laki_laki", "perempuan")  # built-in untouched


def test_project_without_taxonomies_folder_uses_builtin(tmp_path, tax):
    assert load_taxonomy(tmp_path) is tax


def test_override_with_unknown_vocabulary_name_fails(tmp_path):
    path = write(tmp_path / "taxonomies", "x.yaml", GOOD_SEX.replace("  sex:", "  sexx:"))
    with pytest.raises(TaxonomyError, match="sexx") as info:
        load_taxonomy(tmp_path)
    assert info.value.file == str(path)


def test_override_breaking_a_reference_fails(tmp_path):
    text = """\
version: "2099.9"
vocabularies:
  atensi_cluster:
    label: {id: Klaster, en: Cluster}
    entries:
      - {code: anak, id: Anak, en: Children}
"""
    write(tmp_path / "taxonomies", "c.yaml", text)
    with pytest.raises(TaxonomyError, match="atensi_cluster"):
        load_taxonomy(tmp_path)


def test_override_files_with_different_versions_fail(tmp_path):
    write(tmp_path / "taxonomies", "a.yaml", GOOD_SEX)
    other = GOOD_SEX.replace("2099.9", "2099.8").replace("  sex:", "  urgency:")
    write(tmp_path / "taxonomies", "b.yaml", other)
    with pytest.raises(TaxonomyError, match="b.yaml"):
        load_taxonomy(tmp_path)


MALFORMED = {
    "missing_code": ("- {code: laki_laki,", "- {"),
    "missing_en": (", en: Male}", "}"),
    "empty_id": ("id: Laki-laki", "id: ''"),
    "duplicate_code": ("code: tidak_diketahui", "code: perempuan"),
    "not_snake_case": ("code: laki_laki", "code: Laki Laki"),
    "code_not_string": ("code: laki_laki", "code: 12"),
    "unquoted_version": ('"2099.9"', "2099.9"),
    "unknown_top_key": ("vocabularies:", "extra: 1\nvocabularies:"),
    "unknown_vocab_key": ("    entries:", "    colour: red\n    entries:"),
    "missing_vocab_label": ("    label: {id: Jenis kelamin, en: Sex}\n", ""),
    "empty_entries": (GOOD_SEX[GOOD_SEX.index("    entries:") :], "    entries: []\n"),
    "duplicate_yaml_key": ("  sex:", "  sex: {}\n  sex:"),
    "bad_yaml": ("entries:", "entries: ["),
}


@pytest.mark.parametrize("case", sorted(MALFORMED))
def test_malformed_file_raises_error_naming_the_file(tmp_path, case):
    old, new = MALFORMED[case]
    assert old in GOOD_SEX
    path = write(tmp_path / "taxonomies", "broken.yaml", GOOD_SEX.replace(old, new, 1))
    with pytest.raises(TaxonomyError) as info:
        load_taxonomy(tmp_path)
    assert info.value.file == str(path)
    assert str(path) in str(info.value)


def test_error_message_names_vocabulary_and_code(tmp_path):
    write(
        tmp_path / "taxonomies",
        "s.yaml",
        GOOD_SEX.replace("code: tidak_diketahui", "code: perempuan"),
    )
    with pytest.raises(TaxonomyError, match=r"vocabulary 'sex': duplicate code 'perempuan'"):
        load_taxonomy(tmp_path)


@pytest.mark.parametrize("code", ["anak_jalanan", "0-4", "60+", "1_3m", "3", "le_2w"])
def test_code_pattern_accepts(code):
    assert CODE_PATTERN.fullmatch(code)


@pytest.mark.parametrize(
    "code", ["Anak", "anak jalanan", "_x", "x_", "a__b", "+60", "a+b", "é", ""]
)
def test_code_pattern_rejects(code):
    assert not CODE_PATTERN.fullmatch(code)


def test_an_unquoted_label_split_at_its_commas_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "taxonomies"
    folder.mkdir()
    (folder / "sex.yaml").write_text(
        'version: "x"\nvocabularies:\n  sex:\n    label: {id: Jenis kelamin, en: Sex}\n'
        "    entries:\n      - {code: laki_laki, id: Laki-laki (pria, dewasa), en: Male}\n"
        "      - {code: perempuan, id: Perempuan, en: Female}\n",
        encoding="utf-8",
    )
    with pytest.raises(TaxonomyError, match="quote labels"):
        load_taxonomy(tmp_path)
