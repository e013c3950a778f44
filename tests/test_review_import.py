"""``casebook review import``: a lecturer's review file merged into review.yaml, once."""

from __future__ import annotations

import json

import yaml
from click.testing import CliRunner

from generator.cli import cli

ANSWER = {
    "casebook_review": 1,
    "reader": "DSN-01",
    "exported": "2026-12-04",
    "interns": {
        "dewi-lestari-2025": {
            "scores": {"analisis": 81, "presentasi": 77},
            "comments": [
                {"case": "K-2025-0001", "section": "Asesmen", "date": "2026-12-04",
                 "text": "Asesmen keluarga perlu informan kedua."},
                {"week": "2025-W08", "date": "2026-12-04",
                 "text": "Minggu pertama: validasi belum lengkap."},
                {"case": "K-2025-0001", "date": "2025-07-03",  # already in review.yaml
                 "text": "Jelaskan mengapa konseling keluarga (L3) tidak dapat dilaksanakan "
                         "dan apa rencana penggantinya."},
            ],
        }
    },
}


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def write(path, data) -> str:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    return str(path)


def test_a_review_file_is_merged_once_keeping_the_yaml_comments(sample_copy, tmp_path):
    target = sample_copy / "interns" / "dewi-lestari-2025" / "review.yaml"
    before = target.read_text(encoding="utf-8")
    answer = write(tmp_path / "telaah.json", ANSWER)
    result = run("review", "import", answer, "-p", str(sample_copy))
    assert result.exit_code == 0, result.output
    assert "2 komentar baru, 2 nilai diubah, 1 komentar sudah ada" in result.output
    after = target.read_text(encoding="utf-8")
    assert after.startswith(before.split("schema_version")[0])  # the header comments stay
    data = yaml.safe_load(after)
    assert data["scores"] == {"sistematika": 80, "bahasa": 78, "data": 70, "analisis": 81,
                              "presentasi": 77}
    assert len(data["comments"]) == 6
    assert data["comments"][4] == {"case": "K-2025-0001", "section": "Asesmen",
                                   "date": __import__("datetime").date(2026, 12, 4),
                                   "text": "Asesmen keluarga perlu informan kedua."}
    again = run("review", "import", answer, "-p", str(sample_copy), "--lang", "en")
    assert again.exit_code == 0 and "nothing changed" in again.output
    assert target.read_text(encoding="utf-8") == after
    assert run("check", "-p", str(sample_copy)).exit_code == 0


def test_a_first_review_is_written_as_a_new_file(sample_copy, tmp_path):
    answer = {"casebook_review": 1, "reader": "PS-02", "exported": "2026-12-04", "interns": {
        "fajar-nugroho-2025": {"scores": {"data": 75}, "comments": [
            {"chapter": "bab3", "section": "3.2 Kegiatan Mingguan", "text": "Lengkapi tabel."}]}}}
    result = run("review", "import", write(tmp_path / "a.json", answer), "-p", str(sample_copy))
    assert result.exit_code == 0, result.output
    data = yaml.safe_load((sample_copy / "interns/fajar-nugroho-2025/review.yaml").read_text())
    assert data["lecturer"] == "DSN-02" and data["status"] == "draft"
    assert data["comments"][0]["by"] == "PS-02"  # a field supervisor's comment says so
    assert run("check", "-p", str(sample_copy)).exit_code == 0


def test_a_bad_review_file_is_refused_with_located_errors(sample_copy, tmp_path):
    target = sample_copy / "interns" / "dewi-lestari-2025" / "review.yaml"
    before = target.read_text(encoding="utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "casebook_review: 1\nreader: DSN-01\nexported: 2026-12-04\ninterns:\n"
        "  dewi-lestari-2025:\n    scores: {analisis: 120}\n", encoding="utf-8")
    result = run("review", "import", str(bad), "-p", str(sample_copy))
    assert result.exit_code == 1
    assert "bad.yaml:6:24  interns.dewi-lestari-2025.scores.analisis  galat[field.range]" in result.output
    other = dict(ANSWER, reader="DSN-02")
    result = run("review", "import", write(tmp_path / "o.json", other), "-p", str(sample_copy))
    assert result.exit_code == 1 and "galat[answer.not_supervisor]" in result.output
    wrong = json.loads(json.dumps(ANSWER))
    wrong["interns"]["dewi-lestari-2025"]["comments"][0]["case"] = "K-2025-0040"
    wrong["interns"]["dewi-lestari-2025"]["scores"] = {"gaya": 50}
    result = run("review", "import", write(tmp_path / "w.json", wrong), "-p", str(sample_copy))
    assert "galat[answer.unknown_case]" in result.output
    assert "galat[answer.unknown_aspect]" in result.output
    (tmp_path / "x.yaml").write_text("a: [\n", encoding="utf-8")
    result = run("review", "import", str(tmp_path / "x.yaml"), "-p", str(sample_copy))
    assert result.exit_code == 1 and "galat[yaml.open_bracket]" in result.output
    assert "Traceback" not in result.output
    assert target.read_text(encoding="utf-8") == before
