"""Indonesian search: the stemmer of lunr.id (JavaScript, run in Node) gives the same stems as the
reference Snowball Indonesian stemmer (Python's snowballstemmer) for every word of the sample, and
the synonym list is data that reaches the script whole."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest
from conftest import REPO

from generator.site import search_lang

snowballstemmer = pytest.importorskip("snowballstemmer")

NODE_STUB = """
const self = {lunr: {Pipeline: {registerFunction() {}}, Index: function () {},
  Query: {presence: {}, wildcard: {}}, tokenizer: {separator: /\\s+/}}};
globalThis.self = self;
"""
NODE_RUN = """
const words = JSON.parse(require('fs').readFileSync(0, 'utf8'));
const lunr = self.lunr;
process.stdout.write(JSON.stringify({
  stems: words.map(w => lunr.id.stem(w)),
  query: Object.fromEntries(words.map(w => [w, lunr.id.queryForms(w)])),
  index: Object.fromEntries(words.map(w => [w, lunr.id.indexForms(w)])),
}));
"""


def sample_words() -> list[str]:
    """Every distinct lower-case word of the sample's cases, interns, pages and taxonomies."""
    sources = [*REPO.glob("cases/**/*.yaml"), *REPO.glob("interns/**/*.yaml"),
               *REPO.glob("content/**/*.md"), *REPO.glob("generator/model/taxonomies/*.yaml")]
    words = set()
    for path in sources:
        words.update(re.findall(r"[a-z]+", path.read_text(encoding="utf-8").lower()))
    words.update("mengemis pengemis dirujuk rujukan menyapu penyuluhan memukul pemukul pelajaran "
                 "belajar bekerja bertemu ditempatkan perlindungan kemiskinan pendampingan "
                 "menanyakan dimakannya bukukah".split())
    roots = "ajar ambil antar baca beri cari damping ikut kerja lapor lindung pukul rujuk sapu " \
        "singgah tanya tempat tolong ubah urus".split()
    prefixes = "di ke me mem men meng meny pe pem pen peng peny per ber be bel ter pel memper " \
        "diper keber".split()
    suffixes = ["", "kan", "an", "i", "nya", "ku", "mu", "lah", "kah", "pun", "kannya", "inya"]
    words.update(p + r + x for p in ["", *prefixes] for r in roots for x in suffixes)
    return sorted(words)


def run_script(words: list[str]) -> dict:
    node = shutil.which("node") or shutil.which("nodejs")
    if node is None:
        pytest.skip("node is not installed (scripts/bootstrap --test installs npm and node)")
    program = NODE_STUB + search_lang.lunr_language_script() + NODE_RUN
    result = subprocess.run([node, "-e", program], input=json.dumps(words), capture_output=True,
                            text=True, check=True, timeout=60)
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def script_output() -> tuple[list[str], dict]:
    words = sample_words()
    return words, run_script(words)


def test_the_stemmer_is_snowball_indonesian_word_for_word(script_output):
    words, output = script_output
    reference = snowballstemmer.stemmer("indonesian")
    assert len(words) > 1000
    differ = [(w, js, reference.stemWord(w)) for w, js in zip(words, output["stems"])
              if js != reference.stemWord(w)]
    assert differ == []


def test_affixed_forms_share_a_stem(script_output):
    _, output = script_output
    stems = dict(zip(script_output[0], output["stems"]))
    assert stems["mengemis"] == stems["pengemis"] == "emis"
    assert stems["pendampingan"] == "damping"
    assert stems["dirujuk"] == "rujuk" and "rujukan" in output["index"]["rujukan"]


def test_synonyms_expand_alike_in_the_index_and_in_a_query(script_output):
    output = run_script(["lansia", "anjal", "gepeng", "pmks", "odgj", "k-2025-0007"])
    assert output["query"]["lansia"] == ["lanjut", "usia"]
    assert output["query"]["anjal"] == ["anak", "jalan"]
    assert output["query"]["gepeng"] == ["gelandang", "emis"]
    assert output["query"]["pmks"] == ["ppks"]
    assert output["query"]["k-2025-0007"] == ["k-2025-0007"]
    assert output["index"]["k-2025-0007"] == ["k-2025-0007", "k", "2025", "0007"]
    for word, forms in output["query"].items():
        assert set(forms) <= set(output["index"][word]), word


def test_synonym_list_is_data_that_reaches_the_script():
    table = search_lang.synonyms()
    assert table["lansia"] == ["lanjut", "usia"] and table["pmks"] == ["ppks"]
    script = search_lang.lunr_language_script()
    assert "/*SYNONYMS*/" not in script
    assert json.dumps(table, ensure_ascii=False, sort_keys=True, separators=(",", ":")) in script


def test_separator_keeps_a_case_id_whole():
    separator = re.compile(search_lang.SEPARATOR)
    assert [w for w in separator.split("Kasus K-2025-0007 anak-anak") if w] == [
        "Kasus", "K-2025-0007", "anak", "anak"]
