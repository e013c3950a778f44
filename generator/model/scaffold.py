"""Skeletons for new files: a case in the intake stage, an intern's folder. Pure text builders.

Each skeleton is valid as written (``casebook check`` passes on it) and commented in Indonesian:
what each field means, which codes it takes, and — for later stages — a commented-out example
the intern uncomments when the stage begins. Values to replace are marked ``GANTI``.
"""

from __future__ import annotations

import datetime as dt
import re
import textwrap
from collections.abc import Iterable
from dataclasses import dataclass

from generator.model.records import SCHEMA_VERSION
from generator.model.taxonomy import Taxonomy

CASE_ID_PATTERN = re.compile(r"^K-(\d{4})-(\d{4,})$")
ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")
SHORT_VOCABULARY = 8
WIDTH = 100
CHAPTERS = ("kata-pengantar", "pendahuluan", "penutup")  # names generator.render.report reads
PLACEHOLDER = "GANTI"  # marks what a skeleton asks to replace: in a text, or as `# GANTI` after a value
# Example codes a case skeleton writes, each on a line marked `# GANTI`: `casebook check` warns
# while a marked line still holds its example value (a changed value, or the mark deleted to
# confirm the example is right, ends the warning).
CASE_EXAMPLE_CODES: dict[tuple[str, ...], str] = {
    ("client", "sex"): "perempuan",
    ("consent", "given_by"): "klien",
    ("intake", "channel"): "street_outreach",
    ("intake", "source"): "urc_patrol",
    ("classification", "ppks"): "gelandangan",
}
INTERN_EXAMPLE_CODES: dict[tuple[str, ...], str] = {("programme", "kind"): "pkl"}
OFFICE_EXAMPLE_VALUES: dict[tuple[str, ...], str] = {("area_code", ): "00.00"}


def next_case_id(existing: Iterable[str], year: int) -> str:
    """The next free ``K-<year>-NNNN`` after the highest number used that year."""
    numbers = [0]
    for case_id in existing:
        match = CASE_ID_PATTERN.match(case_id)
        if match and int(match.group(1)) == year:
            numbers.append(int(match.group(2)))
    return f"K-{year}-{max(numbers) + 1:04d}"


def valid_id(value: str) -> bool:
    """Ids use letters, digits, '-' and '_' (the model's ``Id`` rule), at most 60 characters."""
    return bool(ID_PATTERN.match(value)) and len(value) <= 60


def code_comment(taxonomy: Taxonomy, vocabulary: str, indent: int = 0) -> str:
    """A comment listing a vocabulary's codes: with labels when short, codes only when long."""
    codes = taxonomy.codes(vocabulary)
    if len(codes) <= SHORT_VOCABULARY:
        items = [f"{code} ({taxonomy.label(vocabulary, code)})" for code in codes]
    else:
        items = list(codes)
    text = f"{taxonomy.vocab_label(vocabulary)}: " + ", ".join(items)
    prefix = " " * indent + "# "
    lines = textwrap.wrap(text, WIDTH, initial_indent=prefix, subsequent_indent=prefix + "  ",
                          break_on_hyphens=False, break_long_words=False)
    return "\n".join(lines)


def commented(block: str, active: bool = False) -> str:
    """An example block, commented out (``# `` before each line) unless ``active``."""
    if active:
        return block
    return "\n".join(("# " + line) if line else "#" for line in block.splitlines())


def _with_codes(template: str, taxonomy: Taxonomy) -> str:
    """Replace ``<<c:vocabulary>>`` markers with that vocabulary's codes, comma-separated."""
    return re.sub(r"<<c:(\w+)>>", lambda match: ", ".join(taxonomy.codes(match.group(1))), template)


def fill(template: str, **values: str) -> str:
    """Replace ``<<name>>`` markers; every marker must have a value."""
    for name, value in values.items():
        template = template.replace(f"<<{name}>>", value)
    left = re.findall(r"<<(\w+)>>", template)
    if left:
        raise KeyError(f"no value for {left}")
    return template


# ---------------------------------------------------------------- case


@dataclass(frozen=True)
class CaseSeed:
    """What a new case skeleton is made from."""

    case_id: str
    intern: str
    today: dt.date
    schema_path: str
    field_supervisor: str | None = None
    intake: dt.date | None = None  # the intake date (the case id's year); today when not given


def case_skeleton(seed: CaseSeed, taxonomy: Taxonomy, *, examples: bool = False) -> str:
    """A case file for an open case in the intake stage; ``examples=True`` uncomments the examples."""
    day = seed.today.isoformat()
    codes = {f"codes_{name}": code_comment(taxonomy, name, indent) for name, indent in _CASE_CODES}
    sections = {
        name: f"# --- {header} ---\n" + commented(_with_codes(fill(block, today=day), taxonomy), examples)
        for name, header, block in _CASE_EXAMPLES
    }
    supervisor = seed.field_supervisor or ""
    examples_codes = {"_".join(loc): code for loc, code in CASE_EXAMPLE_CODES.items()}
    text = fill(
        _CASE_TEMPLATE,
        schema=seed.schema_path,
        today=day,
        intake=(seed.intake or seed.today).isoformat(),
        **{f"x_{name}": code for name, code in examples_codes.items()},
        case_id=seed.case_id,
        intern=seed.intern,
        supervisor=supervisor,
        schema_version=str(SCHEMA_VERSION),
        taxonomy_version=taxonomy.version,
        stage_examples=commented(fill(_STAGE_EXAMPLES, today=day), examples),
        **codes,
        **sections,
    )
    return _tidy(text)


def _tidy(text: str) -> str:
    """No trailing blanks; a `# GANTI` mark two spaces after its value."""
    text = re.sub(rf"(\S) +# {PLACEHOLDER}$", rf"\1  # {PLACEHOLDER}", text, flags=re.MULTILINE)
    return "\n".join(line.rstrip() for line in text.splitlines()) + "\n"


_CASE_CODES = (
    ("case_status", 2), ("review_status", 4), ("sex", 2), ("origin", 2), ("living_situation", 2),
    ("consent_giver", 2), ("consent_form", 2), ("legal_basis", 2), ("intake_channel", 2), ("referral_source", 2), ("placement", 2),
    ("ppks", 2), ("subgroup", 2), ("risk_level", 2),
)

_CASE_TEMPLATE = """\
# yaml-language-server: $schema=<<schema>>
# Berkas kasus Casebook, dibuat oleh `casebook new case` pada <<today>>.
#
# Cara mengisi:
# - Pada minggu pertama cukup isian yang tidak diawali '#'. Ganti setiap nilai bertanda GANTI;
#   bila nilai contoh pada baris bertanda `# GANTI` memang benar, hapus komentar `# GANTI` itu.
# - Isian kosong (mis. `age:`) boleh dibiarkan kosong sampai datanya diketahui.
# - Bagian tahap berikutnya (asesmen, rencana, layanan, rujukan, evaluasi, terminasi) sudah
#   disiapkan sebagai contoh di bawah: hapus '# ' di awal barisnya ketika tahap itu dimulai.
# - Kode (mis. perempuan, urc_patrol) diambil dari daftar di komentar; editor dengan ekstensi
#   YAML melengkapinya otomatis dari folder schema/.
# - JANGAN menulis nama asli, inisial, NIK, nomor telepon, atau alamat klien maupun keluarganya.
# - Periksa berkas ini dengan `casebook check`.

# Versi format berkas dan versi daftar kode: jangan diubah.
schema_version: <<schema_version>>
taxonomy_version: "<<taxonomy_version>>"
# Nomor kasus opak, sama dengan nama berkas.
case_id: <<case_id>>

record:
  # ID mahasiswa penulis (nama folder di interns/).
  authors: [<<intern>>]
  # ID pembimbing lapangan (staf di office.yaml); boleh kosong.
  field_supervisor: <<supervisor>>
<<codes_case_status>>
  status: open
  review:
<<codes_review_status>>
    status: draft

client:
  alias: Klien A                # alias saja, bukan nama atau inisial asli
<<codes_sex>>
  sex: <<x_client_sex>>                # GANTI
  age:                          # usia saat penerimaan (tahun), mis. 34
  age_estimated: false          # true bila usia hanya perkiraan
<<codes_origin>>
  origin:
<<codes_living_situation>>
  living_situation:

consent:
<<codes_consent_giver>>
  given_by: <<x_consent_given_by>>               # GANTI
  date:                         # tanggal persetujuan (TTTT-BB-HH)
<<codes_consent_form>>
  form:
<<codes_legal_basis>>
  legal_basis: []               # mis. [persetujuan_eksplisit]
  services: false               # ubah menjadi true setelah klien/wali setuju menerima layanan
  # Setuju ceritanya dipublikasikan tanpa identitas? Tanpa persetujuan ini kasus tidak diuraikan
  # di BAB IV laporan magang (hanya dihitung di lampiran).
  publication: false

intake:
  date: <<intake>>              # tanggal penerimaan / pertemuan pertama: tahunnya ada di case_id
<<codes_intake_channel>>
  channel: <<x_intake_channel>>      # GANTI
<<codes_referral_source>>
  source: <<x_intake_source>>            # GANTI
<<codes_placement>>
  initial_placement:
  presenting_problem: >
    GANTI: uraikan singkat masalah yang tampak saat pertama bertemu, tanpa nama, alamat, atau
    ciri yang dapat mengenali klien.

classification:
<<codes_ppks>>
  # Kategori PPKS utama (Permensos 08/2012):
  ppks: <<x_classification_ppks>>             # GANTI
<<codes_subgroup>>
  subgroups: []                 # mis. [gepeng]
<<codes_risk_level>>
  risk_level:

<<assessment>>

<<plan>>

<<services>>

<<referrals>>

<<evaluations>>

# Tanggal mulai setiap tahap. Tambahkan baris tahap berikutnya ketika tahap itu dimulai.
stages:
  engagement_intake: <<intake>>
<<stage_examples>>

<<closure>>

<<notes>>

# Publikasi: review = hanya dosen/penelaah (bawaan). public hanya dengan persetujuan klien,
# telaah yang disetujui, dan bukan kasus anak atau kategori sensitif.
publication:
  audience: review
"""

_STAGE_EXAMPLES = """\
  assessment: <<today>>
  planning: <<today>>
  intervention: <<today>>
  evaluation: <<today>>"""

_CASE_EXAMPLES = (
    ("assessment", "Asesmen (tahap 2): hapus '# ' di awal baris saat asesmen dimulai", """\
assessment:
  date: <<today>>
  informants: [klien]           # <<c:informant>>
  domains:                      # nilai 1 (sangat kurang) sampai 5 (sangat baik)
    fisik: {rating: 3, note: Kondisi fisik secara umum.}
    psikologis: {rating: 3, note: Keadaan emosi dan pikiran.}
    sosial: {rating: 3, note: Relasi dengan orang di sekitar.}
    ekonomi: {rating: 3, note: Penghasilan dan kebutuhan dasar.}
    keluarga: {rating: 3, note: Hubungan dan dukungan keluarga.}
  strengths:
    - Kekuatan klien, mis. bersedia mengikuti proses penanganan
  needs:
    - {need: tempat_tinggal_aman, urgency: segera}   # urgency: <<c:urgency>>
  summary: Ringkasan hasil asesmen."""),
    ("plan", "Rencana intervensi (tahap 3)", """\
plan:
  date: <<today>>
  goals:
    - id: T1
      type: reunifikasi_keluarga
      text: Rumusan tujuan, mis. klien dapat kembali tinggal bersama keluarga
      indicator: Tanda keberhasilan yang dapat diamati
      target_date: <<today>>       # target boleh di masa depan
  planned_services:
    - {form: bimbingan_sosial_konseling_psikososial, atensi: terapi, goals: [T1]}
  fallback: Rencana alternatif bila tujuan utama tidak tercapai."""),
    ("services", "Layanan yang diberikan (tahap 4): satu butir per layanan", """\
services:
  - id: L1
    date: <<today>>
    form: bimbingan_sosial_konseling_psikososial   # 11 bentuk rehabilitasi sosial
    atensi: terapi                                 # 7 komponen ATENSI
    setting: rumah_singgah
    provider: dinsos_kabkota
    status: implemented          # <<c:service_status>>
    goals: [T1]
    note: Apa yang dilakukan dan bagaimana tanggapan klien."""),
    ("referrals", "Rujukan: hanya setelah persetujuan klien diperiksa (consent_checked: true)", """\
referrals:
  - id: R1
    date: <<today>>
    kind: referral               # <<c:referral_kind>>
    provider: rsj
    reason: Alasan rujukan.
    consent_checked: true
    status: pending              # <<c:referral_status>>"""),
    ("evaluations", "Monitoring dan evaluasi (tahap 6)", """\
evaluations:
  - date: <<today>>
    type: evaluasi               # <<c:evaluation_type>>
    progress: membaik            # <<c:progress>>
    note: Perkembangan klien."""),
    ("closure", "Terminasi (tahap 7): isi juga stages.termination, ubah record.status: closed", """\
closure:
  date: <<today>>
  outcome: reunifikasi_keluarga  # ke mana klien pergi (hasil akhir)
  goal_attainment: tercapai      # <<c:goal_attainment>>
  reason: Alasan terminasi.
  aftercare: {planned: false}"""),
    ("notes", "Catatan naratif per tahap (Markdown), kunci = kode tahap atau reflection", """\
notes:
  engagement_intake: |
    Bagaimana klien ditemui dan bagaimana kepercayaan dibangun.
  reflection: |
    Apa yang saya pelajari dari kasus ini."""),
)


# ---------------------------------------------------------------- intern


@dataclass(frozen=True)
class InternSeed:
    """What a new intern folder is made from."""

    intern_id: str
    today: dt.date
    schema_folder: str
    name: str | None = None
    unit: str | None = None
    staff: tuple[str, ...] = ()
    programme: str | None = None  # the interns' programme code (casebook.yml `interns:`)
    university: str | None = None
    study_programme: str | None = None


def intern_files(seed: InternSeed, taxonomy: Taxonomy) -> dict[str, str]:
    """Every file of a new intern folder, by path relative to the folder."""
    files = {
        "intern.yaml": intern_skeleton(seed, taxonomy),
        "logbook.yaml": fill(_with_codes(_LOGBOOK_TEMPLATE, taxonomy), schema=seed.schema_folder + "logbook.schema.json",
                             today=seed.today.isoformat(),
                             codes_activity=code_comment(taxonomy, "activity_type", 4)),
        "references.yaml": fill(_REFERENCES_TEMPLATE,
                                schema=seed.schema_folder + "references.schema.json"),
    }
    for chapter in CHAPTERS:
        files[f"chapters/{chapter}.md"] = _CHAPTERS[chapter]
    return files


def intern_skeleton(seed: InternSeed, taxonomy: Taxonomy) -> str:
    """interns/<id>/intern.yaml with placeholders for what only the intern knows."""
    start = seed.today
    end = start + dt.timedelta(days=16 * 7)
    staff = ", ".join(seed.staff) if seed.staff else "lihat staff di office.yaml"
    return _tidy(fill(
        _INTERN_TEMPLATE,
        schema=seed.schema_folder + "intern.schema.json",
        today=start.isoformat(),
        intern_id=seed.intern_id,
        name=_yaml_text(seed.name or "GANTI Nama Lengkap Mahasiswa"),
        unit=_yaml_text(seed.unit or "GANTI Bidang Rehabilitasi Sosial"),
        start=start.isoformat(),
        end=end.isoformat(),
        staff=staff,
        codes_programme=code_comment(taxonomy, "internship_program", 2),
        programme_kind=seed.programme or INTERN_EXAMPLE_CODES[("programme", "kind")],
        programme_mark="" if seed.programme else f"# {PLACEHOLDER}",
        university=_yaml_text(seed.university or "GANTI Nama Perguruan Tinggi"),
        study_programme=_yaml_text(seed.study_programme or "GANTI Program Studi"),
    ))


def _yaml_text(value: str) -> str:
    """A double-quoted YAML string (safe for any text the user passes)."""
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


_INTERN_TEMPLATE = """\
# yaml-language-server: $schema=<<schema>>
# Data mahasiswa magang, dibuat oleh `casebook new intern` pada <<today>>.
# Ganti setiap nilai bertanda GANTI. NIM dan nomor induk dosen bersifat privat: hanya tampil di
# situs telaah (dosen), tidak pernah di situs publik. Periksa dengan `casebook check`.

schema_version: 1
id: <<intern_id>>              # sama dengan nama folder; jangan diubah
name: <<name>>
student_number:                 # NIM, mis. "2110611042" (pakai tanda kutip)
university: <<university>>
faculty:                        # fakultas, boleh kosong
study_programme: <<study_programme>>

programme:
<<codes_programme>>
  kind: <<programme_kind>>  <<programme_mark>>
  name: GANTI Nama program magang, mis. Praktik Kerja Lapangan
  batch:                        # angkatan, mis. "8" (pakai tanda kutip)
  courses: []                   # mata kuliah yang dikonversi, lihat contoh di bawah
  #  - {code: KS4101, name: Praktik Pekerjaan Sosial Mikro, credits: 4}
  hours_per_credit: 45

placement:
  unit: <<unit>>
  role: Pekerja Sosial (magang)
  start: <<start>>             # tanggal mulai magang
  end: <<end>>               # GANTI: tanggal selesai magang
  hours_per_day: 8
  working_days: [mon, tue, wed, thu, fri]

supervisors:
  academic:                     # dosen pembimbing
    - {id: dosen-1, name: GANTI Nama Dosen Pembimbing}
  field: []                     # ID pembimbing lapangan dari office.yaml: <<staff>>

report_title:                   # judul laporan magang, boleh diisi nanti

# Refleksi bulanan: satu butir per bulan.
reflections: []
#  - period: "2025-03"
#    learned: Yang saya pelajari bulan ini.
#    obstacles: Hambatan.
#    solutions: Cara mengatasinya.
"""

_LOGBOOK_TEMPLATE = """\
# yaml-language-server: $schema=<<schema>>
# Logbook kegiatan harian. Satu butir per kegiatan; pembimbing lapangan memvalidasi.
# Jangan menulis nama atau alamat klien: rujuk kasus dengan case_id saja.

entries: []
# Contoh (hapus '# ' dan ganti isinya; hapus juga `[]` di atas):
#  - date: <<today>>
<<codes_activity>>
#    activity: administrasi
#    description: Orientasi unit kerja dan pengenalan alur layanan.
#    hours: 8
#    location: Kantor dinas       # jenis tempat, bukan alamat
#    cases: []                    # case_id terkait, mis. [K-2025-0001]
#    validation: {status: draft}  # <<c:logbook_validation>>
"""

_REFERENCES_TEMPLATE = """\
# yaml-language-server: $schema=<<schema>>
# Daftar pustaka. Kutip di bab laporan dengan [@id], mis. [@kemensos2022atensi].

references: []
# Contoh (hapus '# ' dan ganti isinya; hapus juga `[]` di atas):
#  - id: kemensos2022atensi
#    type: regulation             # book, article, chapter, report, regulation, web, thesis
#    organisation: Kementerian Sosial Republik Indonesia
#    year: 2022
#    title: Peraturan Menteri Sosial Nomor 7 Tahun 2022 tentang Asistensi Rehabilitasi Sosial
#  - id: penulis2020judul
#    type: book
#    authors: [{family: Penulis, given: Nama Depan}]
#    year: 2020
#    title: Judul buku
#    publisher: Nama Penerbit
"""

_CHAPTERS = {
    "kata-pengantar": """\
GANTI: tulis kata pengantar di sini — ucapan terima kasih kepada dosen pembimbing, pembimbing
lapangan, dan instansi. Jangan menyebut nama klien.
""",
    "pendahuluan": """\
## Latar Belakang

GANTI: tulis latar belakang magang di sini. Waktu dan tempat magang diambil otomatis dari
intern.yaml; kutip pustaka dengan id sumber dari references.yaml, diawali @ di dalam kurung siku.

## Tujuan dan Manfaat

GANTI: tulis tujuan dan manfaat magang di sini.
""",
    "penutup": """\
## Kesimpulan

GANTI: tulis kesimpulan di sini.

## Saran

GANTI: tulis saran untuk instansi, program studi, dan mahasiswa magang berikutnya.
""",
}
