"""An intern's journey, from an empty folder to a report the lecturer accepts (issue 14).

init → new intern → new case → a sequence of typical slips, each giving its exact message and
hint (tests/golden/journey/slips.txt; `pytest --update-goldens` rewrites it) → the fixed case
clean under --strict → build → export, with nothing dropped silently.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import REPO

from generator.cli import cli

TODAY = "2026-12-06"
INTERN = "rani-kusumawati-2026"
CASE = "K-2026-0001"
GOLDEN = REPO / "tests" / "golden" / "journey" / "slips.txt"

# The fixed case: a young man who left home after family conflict, netted begging on the street,
# sheltered, assessed, planned for reunification, counselled, referred, and placed in a provincial
# unit because his family could not be reached. Every detail is invented.
FIXED_CASE = """\
# yaml-language-server: $schema=../schema/case.schema.json
schema_version: 1
taxonomy_version: "2025.1"
case_id: K-2026-0001
record:
  authors: [rani-kusumawati-2026]
  status: closed
  review: {status: draft}
client:
  alias: Klien J
  sex: laki_laki
  age: 22
  age_estimated: true
  origin: luar_kota_dalam_provinsi
  living_situation: jalanan
consent:
  given_by: klien
  date: 2026-09-15
  form: tertulis
  legal_basis: [persetujuan_eksplisit]
  services: true
  share_with: [keluarga, instansi_pemerintah]
  publication: true
intake:
  date: 2026-09-14
  channel: raid
  source: satpol_pp
  initial_placement: rumah_singgah
  presenting_problem: >
    Laki-laki muda terjaring razia saat mengemis di jalan setelah pergi dari rumah karena konflik
    keluarga.
classification:
  ppks: pengemis
  subgroups: [gepeng]
  risk_level: sedang
assessment:
  date: 2026-09-16
  informants: [klien, petugas]
  domains:
    fisik: {rating: 2, note: Kebutuhan makan dan tempat tinggal tidak terpenuhi di jalan.}
    psikologis: {rating: 3, note: Terbebani konflik keluarga namun terbuka saat wawancara.}
    sosial: {rating: 2, note: Relasi dengan keluarga terputus.}
    ekonomi: {rating: 1, note: Tidak berpenghasilan tetap.}
    keluarga: {rating: 1, note: Konflik berkepanjangan dengan orang tua.}
  strengths:
    - Bersedia mengikuti proses penanganan
  needs:
    - {need: tempat_tinggal_aman, urgency: segera}
    - {need: pemulihan_relasi_keluarga, urgency: jangka_panjang}
  summary: Konflik keluarga mendorong klien hidup di jalan.
plan:
  date: 2026-09-21
  goals:
    - id: T1
      type: reunifikasi_keluarga
      text: Klien dapat kembali tinggal bersama keluarga
      indicator: Keluarga menyatakan bersedia menerima klien
      target_date: 2026-10-30
      attainment: tidak_tercapai
    - id: T2
      type: penempatan_aman
      text: Klien memperoleh tempat tinggal yang aman dan layanan lanjutan
      indicator: Klien diterima di UPT provinsi
      target_date: 2026-11-30
      attainment: tercapai
  planned_services:
    - {form: bimbingan_sosial_konseling_psikososial, atensi: terapi, goals: [T1]}
    - {form: rujukan, atensi: dukungan_keluarga, goals: [T2]}
  fallback: Penempatan di UPT pelayanan sosial provinsi.
services:
  - {id: L1, date: 2026-09-14, form: perawatan_pengasuhan, atensi: dukungan_pemenuhan_hidup_layak, setting: rumah_singgah, provider: dinsos_kabkota, goals: [T2], note: Penempatan sementara di rumah singgah.}
  - {id: L2, date: 2026-09-28, form: bimbingan_sosial_konseling_psikososial, atensi: terapi, setting: rumah_singgah, provider: dinsos_kabkota, goals: [T1], note: Konseling individu tentang konflik keluarga.}
referrals:
  - id: R1
    date: 2026-11-16
    kind: transfer
    provider: upt_provinsi
    reason: Keluarga tidak dapat dihubungi dan tidak ada kerabat yang bersedia menampung.
    consent_checked: true
    status: accepted
evaluations:
  - date: 2026-10-26
    type: kontak_keluarga
    progress: tetap
    family_contact: tidak_dapat_dihubungi
    note: Tiga kali upaya menghubungi keluarga melalui kelurahan asal tidak berhasil.
stages:
  engagement_intake: 2026-09-14
  assessment: 2026-09-16
  planning: 2026-09-21
  intervention: 2026-09-28
  evaluation: 2026-10-26
  termination: 2026-11-18
closure:
  date: 2026-11-18
  outcome: penempatan_upt_panti
  goal_attainment: sebagian
  reason: Reunifikasi tidak memungkinkan; klien ditempatkan di UPT provinsi.
  aftercare: {planned: true, provider: upt_provinsi}
notes:
  engagement_intake: |
    Klien kami temui di rumah singgah sehari setelah razia gabungan.
  reflection: |
    Saya belajar bahwa rencana alternatif perlu disusun sejak awal.
publication:
  audience: review
"""

# Typical slips, each a change to the fixed case: (name, old text, new text).
SLIPS = [
    ("alias made of initials", "alias: Klien J", "alias: M.R."),
    ("skeleton's sex left with its mark", "sex: laki_laki", "sex: perempuan  # GANTI"),
    ("consent form and legal basis not filled in",
     "  form: tertulis\n  legal_basis: [persetujuan_eksplisit]\n", ""),
    ("plan dated before the assessment", "  date: 2026-09-21\n  goals:", "  date: 2026-09-15\n  goals:"),
    ("closure before the termination stage", "  date: 2026-11-18\n  outcome:",
     "  date: 2026-11-17\n  outcome:"),
    ("closure before the last referral", "    date: 2026-11-16\n    kind: transfer",
     "    date: 2026-11-20\n    kind: transfer"),
    ("assessment filled in, its stage not dated", "  assessment: 2026-09-16\n", ""),
    ("intake before the placement began", "  date: 2026-09-14\n  channel:", "  date: 2026-07-14\n  channel:"),
    ("no consent to publication: the report would leave the case out",
     "publication: true", "publication: false"),
]


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CASEBOOK_TODAY", TODAY)
    monkeypatch.chdir(tmp_path)
    return tmp_path / "dinsos-kota-contoh"


def run(*args: str, input: str | None = None):
    result = CliRunner().invoke(cli, list(args), input=input)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    return result


def start_project(project: Path) -> None:
    """init (asked at the prompt, as a student would answer), new intern, new case."""
    answers = ("Dinas Sosial Kota Contoh\nKota Contoh\nProvinsi Contoh Raya\n99.71\npkl\n"
               "Universitas Contoh Nusantara\nKesejahteraan Sosial\n")
    result = run("init", str(project), input=answers)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in project.iterdir()) == [
        ".gitignore", "casebook.yml", "cases", "content", "interns", "mkdocs.yml", "office.yaml",
        "schema"]
    assert "/exports/" in (project / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert not list((project / "cases").glob("*.yaml"))  # empty of sample cases
    empty = run("check", "--project", str(project), "--strict")
    assert empty.exit_code == 0, empty.output
    result = run("new", "intern", INTERN, "--name", "Rani Kusumawati", "--project", str(project))
    assert result.exit_code == 0, result.output
    finish_intern(project / "interns" / INTERN)
    result = run("new", "case", "--intake-date", "2026-09-14", "--project", str(project))
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == f"cases/{CASE}.yaml"


def finish_intern(folder: Path) -> None:
    """What the student fills in: the remaining GANTI values and the chapters."""
    path = folder / "intern.yaml"
    text = path.read_text(encoding="utf-8")
    assert 'university: "Universitas Contoh Nusantara"' in text and "kind: pkl\n" in text
    text = re.sub(r"start: \S+", "start: 2026-08-03", text)
    text = re.sub(r"end: \S+ +# GANTI.*", "end: 2026-12-18", text)
    text = text.replace('student_number:                 # NIM', 'student_number: "2310611077"  # NIM')
    text = text.replace("name: GANTI Nama program magang, mis. Praktik Kerja Lapangan",
                        "name: Praktik Kerja Lapangan")
    text = text.replace("name: GANTI Nama Dosen Pembimbing", "name: Dr. Sekar Ayuningtyas")
    assert not [line for line in text.splitlines() if "GANTI" in line and not line.startswith("#")]
    path.write_text(text, encoding="utf-8")
    for chapter in (folder / "chapters").glob("*.md"):
        chapter.write_text(f"## {chapter.stem.title()}\n\nDitulis oleh mahasiswa.\n", encoding="utf-8")


def check_case(project: Path, text: str) -> tuple[int, str]:
    (project / "cases" / f"{CASE}.yaml").write_text(text, encoding="utf-8")
    result = run("check", "--project", str(project), str(project / "cases" / f"{CASE}.yaml"))
    return result.exit_code, result.output


def test_the_journey(project: Path, update_goldens: bool) -> None:
    start_project(project)
    skeleton = (project / "cases" / f"{CASE}.yaml").read_text(encoding="utf-8")
    sections = []
    code, output = check_case(project, skeleton)
    sections.append(f"## the skeleton as written (exit {code})\n{output}")
    code, output = check_case(project, FIXED_CASE)
    assert code == 0 and "0 galat, 0 peringatan" in output, output
    for name, old, new in SLIPS:
        assert old in FIXED_CASE, name
        code, output = check_case(project, FIXED_CASE.replace(old, new, 1))
        assert "galat[" in output or "peringatan[" in output, (name, output)
        sections.append(f"## {name} (exit {code})\n{output}")
    golden = "\n".join(sections)
    if update_goldens:
        GOLDEN.write_text(golden, encoding="utf-8")
    assert golden == GOLDEN.read_text(encoding="utf-8")

    # The fixed case is clean, the whole project too, even under --strict.
    check_case(project, FIXED_CASE)
    strict = run("check", "--project", str(project), "--strict")
    assert strict.exit_code == 0, strict.output

    # build
    built = run("build", "--project", str(project))
    assert built.exit_code == 0, built.output
    assert (project / "site" / "review" / "kasus" / CASE / "index.html").is_file()

    # export: into exports/, the case told, the student number on the cover page only
    exported = run("export", "report", INTERN, "--format", "md", "--project", str(project))
    assert exported.exit_code == 0, exported.output
    report = (project / "exports" / f"{INTERN}.md").read_text(encoding="utf-8")
    assert f"({CASE})" in report
    assert report.count("2310611077") == 1
    assert "1 kasus diuraikan, 0 tidak diuraikan" in exported.output

    # nothing dropped silently: without publication consent, check and export both say so
    check_case(project, FIXED_CASE.replace("publication: true", "publication: false"))
    warned = run("check", "--project", str(project))
    assert f"peringatan[report.left_out.no_publication_consent] kasus {CASE}" in warned.output
    exported = run("export", "report", INTERN, "--format", "md", "--project", str(project))
    assert exported.exit_code == 0
    assert f"peringatan[report.left_out.no_publication_consent] kasus {CASE}" in exported.output
    assert f"0 kasus diuraikan, 1 tidak diuraikan ({CASE})" in exported.output
    report = (project / "exports" / f"{INTERN}.md").read_text(encoding="utf-8")
    assert f"({CASE})" not in report.split("# BAB IV")[1].split("# BAB V")[0]


def test_init_refuses_an_existing_project_and_offers_the_sample(tmp_path: Path) -> None:
    result = run("init", str(REPO))
    assert result.exit_code == 1 and "sudah ada" in result.output
    sample = tmp_path / "contoh"
    result = run("init", str(sample), "--sample")
    assert result.exit_code == 0, result.output
    assert len(list((sample / "cases").glob("*.yaml"))) == len(list((REPO / "cases").glob("*.yaml")))
    assert "/exports/" in (sample / ".gitignore").read_text(encoding="utf-8")
