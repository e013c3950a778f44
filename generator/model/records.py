"""The files users write, as pydantic models: one model per file type.

Every field has a description (Indonesian, then English), so the JSON Schema that editors use and
the reference docs come from this one source. Codes from controlled vocabularies are checked
against the project's taxonomy, passed in the validation context; their JSON Schema ``enum`` is
filled from the taxonomy by ``generator.model.schema``.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    GetCoreSchemaHandler,
    GetJsonSchemaHandler,
    ValidationInfo,
)
from pydantic_core import PydanticCustomError, core_schema

SCHEMA_VERSION = 1
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class VocabularyCode:
    """Marks a string field whose value must be a code of a taxonomy vocabulary."""

    def __init__(self, vocabulary: str):
        self.vocabulary = vocabulary

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler):
        return core_schema.with_info_after_validator_function(self._check, handler(source))

    def __get_pydantic_json_schema__(self, schema: Any, handler: GetJsonSchemaHandler):
        json_schema = handler(schema)
        json_schema["x-vocabulary"] = self.vocabulary
        return json_schema

    def _check(self, value: str, info: ValidationInfo) -> str:
        taxonomy = (info.context or {}).get("taxonomy")
        if taxonomy is not None and not taxonomy.has(self.vocabulary, value):
            raise PydanticCustomError(
                "vocabulary", "unknown code", {"vocabulary": self.vocabulary, "value": value}
            )
        return value


def Code(vocabulary: str) -> Any:  # named like a type: it reads as one in annotations
    """A string restricted to the codes of one vocabulary."""
    return Annotated[str, VocabularyCode(vocabulary)]


def _iso_date(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and _DATE.match(value):
        return value
    raise PydanticCustomError("date_format", "not an ISO date", {"value": str(value)})


Date = Annotated[dt.date, BeforeValidator(_iso_date)]
Id = Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_-]*$", max_length=60)]
Text = Annotated[str, Field(min_length=1, max_length=20_000)]
ShortText = Annotated[str, Field(min_length=1, max_length=300)]


def described(text_id: str, text_en: str, **kwargs: Any) -> Any:
    """A Field with a bilingual description."""
    return Field(description=f"{text_id} — {text_en}", **kwargs)


class Strict(BaseModel):
    """Base model: unknown keys are errors.

    An unpickled model shares its set of fields given (``model_fields_set``) with every other
    model that was given the same fields: at 10,000 cases these sets alone took some 110 MB.
    A validated model is read, never assigned to (changes go through ``model_copy``, which
    copies the set)."""

    model_config = ConfigDict(extra="forbid", populate_by_name=False)

    def __setstate__(self, state: dict[Any, Any]) -> None:
        """Unpickle as pydantic does, with the set of fields given shared."""
        given = state.get("__pydantic_fields_set__")
        if given is not None:
            state["__pydantic_fields_set__"] = _FIELD_SETS.setdefault(frozenset(given), given)
        super().__setstate__(state)


_FIELD_SETS: dict[frozenset[str], set[str]] = {}  # the shared sets of fields given (Strict)


# ---------------------------------------------------------------- case file


class Review(Strict):
    status: Code("review_status") = described(
        "Status telaah dosen/supervisor", "Review status", default="draft"
    )
    reviewer: Id | None = described("ID penelaah (dosen pembimbing)", "Reviewer id", default=None)
    date: Date | None = described("Tanggal telaah", "Review date", default=None)


class Record(Strict):
    authors: list[Id] = described(
        "ID mahasiswa magang penulis kasus (folder di interns/)",
        "Intern ids of the authors",
        min_length=1,
    )
    field_supervisor: Id | None = described(
        "ID pembimbing lapangan (staf di office.yaml)", "Field supervisor id", default=None
    )
    status: Code("case_status") = described("Status kasus", "Case status", default="open")
    review: Review = described("Telaah", "Review", default_factory=Review)


class Documents(Strict):
    ktp: Code("document_status") | None = described("KTP", "Identity card", default=None)
    kk: Code("document_status") | None = described("Kartu Keluarga", "Family card", default=None)
    bpjs: Code("document_status") | None = described("BPJS/KIS", "Health insurance", default=None)


class Disability(Strict):
    type: Code("disability_type") = described("Jenis disabilitas", "Disability type")
    severity: Code("severity") | None = described("Tingkat", "Severity", default=None)


class Client(Strict):
    alias: Annotated[str, Field(min_length=1, max_length=40)] = described(
        "Alias klien, mis. 'Klien A' — jangan nama atau inisial asli",
        "Client alias, never a real name or initials",
    )
    sex: Code("sex") = described("Jenis kelamin", "Sex")
    age: int | None = described("Usia saat penerimaan (tahun)", "Age at intake", default=None, ge=0, le=120)
    age_estimated: bool = described("Usia perkiraan?", "Is the age estimated?", default=False)
    origin: Code("origin") | None = described("Asal daerah", "Origin", default=None)
    education: Code("education") | None = described("Pendidikan terakhir", "Education", default=None)
    marital_status: Code("marital_status") | None = described(
        "Status perkawinan", "Marital status", default=None
    )
    living_situation: Code("living_situation") | None = described(
        "Tempat tinggal saat penerimaan", "Living situation at intake", default=None
    )
    documents: Documents | None = described("Dokumen kependudukan", "Civil documents", default=None)
    disability: Disability | None = described("Disabilitas", "Disability", default=None)
    health_flags: list[Code("health_flag")] = described(
        "Penanda kesehatan", "Health flags", default_factory=list
    )


class ConsentOverride(Strict):
    by: Id = described("ID yang memutuskan", "Who decided")
    reason: ShortText = described("Alasan", "Reason")


class Consent(Strict):
    given_by: Code("consent_giver") = described("Pemberi persetujuan", "Who gave consent")
    date: Date | None = described("Tanggal persetujuan", "Consent date", default=None)
    form: Code("consent_form") | None = described("Bentuk persetujuan", "Consent form", default=None)
    services: bool = described("Setuju menerima layanan", "Consent to services")
    share_with: list[Code("share_with")] = described(
        "Boleh berbagi informasi dengan", "May share with", default_factory=list
    )
    publication: bool = described(
        "Setuju publikasi tanpa identitas", "Consent to de-identified publication", default=False
    )
    legal_basis: list[Code("legal_basis")] = described(
        "Dasar hukum pemrosesan (UU PDP Pasal 20)", "Legal basis (PDP law)", default_factory=list
    )
    override: ConsentOverride | None = described(
        "Pengecualian persetujuan", "Consent override", default=None
    )


class Intake(Strict):
    date: Date = described("Tanggal penerimaan", "Intake date")
    channel: Code("intake_channel") = described("Cara masuk", "Intake channel")
    source: Code("referral_source") = described("Sumber rujukan", "Referral source")
    modality: Code("modality") | None = described("Modalitas", "Modality", default=None)
    initial_placement: Code("placement") | None = described(
        "Penempatan awal", "First placement", default=None
    )
    district: ShortText | None = described(
        "Kecamatan tempat ditemukan (internal, tidak pernah dipublikasi)",
        "District where met (internal only)",
        default=None,
    )
    presenting_problem: Text = described("Masalah yang tampak", "Presenting problem")
    joint_channels: list[Code("intake_channel")] = described(
        "Jalur lain dalam operasi yang sama (mis. patroli bersama razia)",
        "Other channels of the same operation (e.g. a patrol joined by a raid)",
        default_factory=list,
    )
    left_home: Code("departure") | None = described(
        "Cara klien meninggalkan rumah", "How the client left home", default=None
    )


class Classification(Strict):
    ppks: Code("ppks") = described("Kategori PPKS utama", "Main PPKS category")
    secondary: list[Code("ppks")] = described(
        "Kategori PPKS tambahan", "Other PPKS categories", default_factory=list
    )
    subgroups: list[Code("subgroup")] = described(
        "Kelompok lapangan (gepeng, anjal, ODGJ…)", "Field subgroups", default_factory=list
    )
    cluster: Code("atensi_cluster") | None = described(
        "Klaster ATENSI (bila berbeda dari kategori)", "ATENSI cluster override", default=None
    )
    risk_level: Code("risk_level") | None = described("Tingkat risiko", "Risk level", default=None)
    problem_factors: list[Code("problem_factor")] = described(
        "Faktor masalah", "Problem factors", default_factory=list
    )


class DomainRating(Strict):
    rating: int | None = described(
        "Skor 1 (sangat kurang) – 5 (sangat baik)", "Rating 1-5", default=None, ge=1, le=5
    )
    note: Text | None = described("Catatan", "Note", default=None)


class Need(Strict):
    need: Code("need") = described("Kebutuhan", "Need")
    urgency: Code("urgency") | None = described("Urgensi", "Urgency", default=None)


class Assessment(Strict):
    date: Date = described("Tanggal asesmen", "Assessment date")
    instrument: ShortText | None = described("Instrumen", "Instrument", default=None)
    informants: list[Code("informant")] = described(
        "Sumber informasi", "Informants", default_factory=list
    )
    domains: dict[Code("assessment_domain"), DomainRating] = described(
        "Aspek asesmen", "Assessment domains", default_factory=dict
    )
    strengths: list[ShortText] = described("Kekuatan klien", "Strengths", default_factory=list)
    needs: list[Need] = described("Kebutuhan", "Needs", default_factory=list)
    summary: Text | None = described("Ringkasan asesmen", "Summary", default=None)
    family_support: Code("family_support") | None = described(
        "Dukungan kerabat (mis. tidak ada kerabat lain yang peduli)", "Support from relatives",
        default=None,
    )


class Goal(Strict):
    id: Id = described("ID tujuan, mis. T1", "Goal id")
    type: Code("goal_type") | None = described("Jenis tujuan", "Goal type", default=None)
    text: Text = described("Rumusan tujuan", "Goal")
    indicator: Text | None = described("Indikator keberhasilan", "Indicator", default=None)
    target_date: Date | None = described("Target waktu", "Target date", default=None)
    attainment: Code("goal_attainment") = described(
        "Ketercapaian", "Attainment", default="belum_dinilai"
    )


class PlannedService(Strict):
    form: Code("rehab_form") = described("Bentuk rehabilitasi sosial", "Rehabilitation form")
    atensi: Code("atensi_component") | None = described("Komponen ATENSI", "ATENSI component", default=None)
    goals: list[Id] = described("Tujuan terkait", "Related goals", default_factory=list)


class PlanRevision(Strict):
    date: Date = described("Tanggal revisi", "Revision date")
    change: Text = described("Apa yang diubah", "What changed")
    reason: Text | None = described("Alasan revisi", "Why", default=None)


class Plan(Strict):
    date: Date = described("Tanggal rencana", "Plan date")
    goals: list[Goal] = described("Tujuan", "Goals", min_length=1)
    planned_services: list[PlannedService] = described(
        "Layanan yang direncanakan", "Planned services", default_factory=list
    )
    fallback: Text | None = described("Rencana alternatif", "Fallback plan", default=None)
    rationale: Text | None = described(
        "Alasan pemilihan strategi", "Why this strategy was chosen", default=None
    )
    revisions: list[PlanRevision] = described(
        "Revisi rencana", "Plan revisions", default_factory=list
    )


class Service(Strict):
    id: Id | None = described("ID layanan", "Service id", default=None)
    date: Date = described("Tanggal (mulai)", "Date (start)")
    end_date: Date | None = described("Tanggal selesai", "End date", default=None)
    form: Code("rehab_form") = described("Bentuk rehabilitasi sosial", "Rehabilitation form")
    atensi: Code("atensi_component") | None = described("Komponen ATENSI", "ATENSI component", default=None)
    subtype: ShortText | None = described("Subjenis", "Subtype", default=None)
    activity: Code("service_activity") | None = described(
        "Kegiatan (konseling individu/keluarga, dukungan emosional…)", "Activity", default=None
    )
    setting: Code("setting") | None = described("Setting", "Setting", default=None)
    provider: Code("provider_type") | None = described("Jenis pemberi layanan", "Provider type", default=None)
    status: Code("service_status") = described("Status", "Status", default="implemented")
    goals: list[Id] = described("Tujuan terkait", "Related goals", default_factory=list)
    note: Text | None = described("Catatan", "Note", default=None)


class Referral(Strict):
    id: Id | None = described("ID rujukan", "Referral id", default=None)
    date: Date = described("Tanggal rujukan", "Referral date")
    kind: Code("referral_kind") = described("Jenis", "Kind", default="referral")
    provider: Code("provider_type") = described("Jenis lembaga tujuan", "Receiving provider type")
    facility: ShortText | None = described(
        "Nama lembaga tujuan (internal, tidak dipublikasi)", "Facility name (internal)", default=None
    )
    reason: Text = described("Alasan rujukan", "Reason")
    consent_checked: bool = described(
        "Persetujuan klien sudah diperiksa", "Client consent checked", default=False
    )
    status: Code("referral_status") = described("Status", "Status", default="pending")
    outcome: Text | None = described("Hasil", "Outcome", default=None)


class Evaluation(Strict):
    date: Date = described("Tanggal", "Date")
    type: Code("evaluation_type") = described("Jenis", "Type", default="evaluasi")
    progress: Code("progress") | None = described(
        "Perkembangan (boleh kosong, mis. pada kontak keluarga)", "Progress", default=None
    )
    family_contact: Code("family_contact_result") | None = described(
        "Hasil kontak keluarga", "Family contact result", default=None
    )
    note: Text | None = described("Catatan", "Note", default=None)


class Aftercare(Strict):
    planned: bool = described("Bimbingan lanjut direncanakan", "Aftercare planned")
    provider: Code("provider_type") | None = described("Oleh", "By provider type", default=None)
    until: Date | None = described("Sampai", "Until", default=None)


class Closure(Strict):
    date: Date = described("Tanggal terminasi", "Closure date")
    outcome: Code("outcome") = described("Hasil akhir (tujuan klien)", "Outcome (destination)")
    goal_attainment: Code("goal_attainment") = described("Ketercapaian tujuan", "Goal attainment")
    reason: Text = described("Alasan terminasi", "Reason")
    aftercare: Aftercare | None = described("Bimbingan lanjut", "Aftercare", default=None)


class Publication(Strict):
    audience: Literal["review", "public"] = described(
        "Audiens terluas: review (dosen) atau public (situs publik)",
        "Widest audience",
        default="review",
    )
    title: ShortText | None = described("Judul cerita publik", "Public story title", default=None)
    summary: Text | None = described(
        "Cerita untuk publik, ditulis khusus tanpa identitas", "Public story text", default=None
    )
    approved_by: Id | None = described("Disetujui oleh (ID)", "Approved by", default=None)


NOTE_KEYS = ("reflection",)


class Case(Strict):
    """One client case, one file in cases/."""

    schema_version: Literal[1] = described("Versi skema", "Schema version", default=SCHEMA_VERSION)
    taxonomy_version: ShortText = described("Versi taksonomi", "Taxonomy version")
    case_id: Id = described("Nomor kasus (opak, mis. K-2025-0007)", "Opaque case id")
    record: Record = described("Rekaman", "Record metadata")
    client: Client = described("Klien", "Client")
    consent: Consent = described("Persetujuan", "Consent")
    intake: Intake = described("Penerimaan / pendekatan awal", "Intake")
    classification: Classification = described("Klasifikasi", "Classification")
    assessment: Assessment | None = described("Asesmen", "Assessment", default=None)
    plan: Plan | None = described("Rencana intervensi", "Plan", default=None)
    services: list[Service] = described("Layanan (intervensi)", "Services", default_factory=list)
    referrals: list[Referral] = described("Rujukan", "Referrals", default_factory=list)
    evaluations: list[Evaluation] = described("Monitoring dan evaluasi", "Evaluations", default_factory=list)
    stages: dict[Code("stage"), Date] = described(
        "Tanggal mulai setiap tahap", "Start date of each stage", default_factory=dict
    )
    closure: Closure | None = described("Terminasi", "Closure", default=None)
    notes: dict[Annotated[str, Field(pattern=r"^[a-z_]+$")], Text] = described(
        "Catatan naratif per tahap (Markdown); kunci = kode tahap atau 'reflection'",
        "Narrative notes per stage (Markdown)",
        default_factory=dict,
    )
    publication: Publication = described("Publikasi", "Publication", default_factory=Publication)


# ---------------------------------------------------------------- intern record


class Course(Strict):
    code: ShortText | None = described("Kode mata kuliah", "Course code", default=None)
    name: ShortText = described("Nama mata kuliah", "Course name")
    credits: int = described("SKS", "Credits (SKS)", ge=0, le=40)


class Programme(Strict):
    kind: Code("internship_program") = described("Jenis program", "Programme kind")
    name: ShortText = described("Nama program", "Programme name")
    batch: ShortText | None = described("Angkatan/batch", "Batch", default=None)
    courses: list[Course] = described("Mata kuliah yang dikonversi", "Converted courses", default_factory=list)
    hours_per_credit: int = described("Jam per SKS", "Hours per credit", default=45, ge=1)


class Placement(Strict):
    unit: ShortText = described("Unit/bidang", "Unit")
    role: ShortText = described("Peran", "Role")
    start: Date = described("Mulai", "Start")
    end: Date = described("Selesai", "End")
    hours_per_day: float = described("Jam kerja per hari", "Hours per day", default=8, gt=0, le=24)
    working_days: list[Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]] = described(
        "Hari kerja", "Working days", default_factory=lambda: ["mon", "tue", "wed", "thu", "fri"]
    )


class Person(Strict):
    id: Id = described("ID", "Id")
    name: ShortText = described("Nama", "Name")
    title: ShortText | None = described("Gelar/jabatan", "Title or position", default=None)
    staff_number: ShortText | None = described("NIP/NIDN", "Staff number", default=None)


class Supervisors(Strict):
    academic: list[Person] = described("Dosen pembimbing", "Academic supervisors", min_length=1)
    field: list[Id] = described("Pembimbing lapangan (ID staf di office.yaml)", "Field supervisors", default_factory=list)
    head_of_programme: Person | None = described("Ketua program studi", "Head of programme", default=None)


class Reflection(Strict):
    period: Annotated[str, Field(pattern=r"^\d{4}-\d{2}$")] = described("Bulan (YYYY-MM)", "Month")
    learned: Text = described("Yang dipelajari", "What I learned")
    obstacles: Text | None = described("Hambatan", "Obstacles", default=None)
    solutions: Text | None = described("Solusi", "Solutions", default=None)


class Intern(Strict):
    """One intern, interns/<id>/intern.yaml."""

    schema_version: Literal[1] = described("Versi skema", "Schema version", default=SCHEMA_VERSION)
    id: Id = described("ID mahasiswa (sama dengan nama folder)", "Intern id (= folder name)")
    name: ShortText = described("Nama lengkap", "Full name")
    student_number: ShortText | None = described("NIM (privat)", "Student number (private)", default=None)
    university: ShortText = described("Perguruan tinggi", "University")
    faculty: ShortText | None = described("Fakultas", "Faculty", default=None)
    study_programme: ShortText = described("Program studi", "Study programme")
    programme: Programme = described("Program magang", "Internship programme")
    placement: Placement = described("Penempatan", "Placement")
    supervisors: Supervisors = described("Pembimbing", "Supervisors")
    reflections: list[Reflection] = described("Refleksi bulanan", "Monthly reflections", default_factory=list)
    report_title: ShortText | None = described("Judul laporan", "Report title", default=None)


class Validation(Strict):
    status: Code("logbook_validation") = described("Status validasi", "Validation status", default="draft")
    by: Id | None = described("Divalidasi oleh (ID)", "Validated by", default=None)
    date: Date | None = described("Tanggal validasi", "Validation date", default=None)
    note: Text | None = described("Catatan", "Note", default=None)


class LogEntry(Strict):
    date: Date = described("Tanggal", "Date")
    activity: Code("activity_type") = described("Jenis kegiatan", "Activity type")
    description: Text = described("Uraian kegiatan", "Description")
    hours: float = described("Jam", "Hours", gt=0, le=24)
    location: ShortText | None = described("Tempat (jenis tempat, bukan alamat)", "Place type", default=None)
    output: Text | None = described("Hasil", "Output", default=None)
    cases: list[Id] = described("Kasus terkait (case_id)", "Linked cases", default_factory=list)
    validation: Validation = described("Validasi", "Validation", default_factory=Validation)


class Logbook(Strict):
    """interns/<id>/logbook.yaml"""

    entries: list[LogEntry] = described("Entri logbook", "Logbook entries", default_factory=list)


class Author(Strict):
    family: ShortText = described("Nama keluarga/belakang", "Family name")
    given: ShortText | None = described("Nama depan", "Given name", default=None)


class Reference(Strict):
    id: Id = described("Kunci sitasi, dipakai sebagai [@kunci]", "Citation key")
    type: Literal["book", "article", "chapter", "report", "regulation", "web", "thesis"] = described(
        "Jenis", "Type"
    )
    authors: list[Author] = described("Penulis", "Authors", default_factory=list)
    organisation: ShortText | None = described("Penulis lembaga", "Corporate author", default=None)
    year: int = described("Tahun", "Year", ge=1900, le=2100)
    title: ShortText = described("Judul", "Title")
    container: ShortText | None = described("Jurnal/buku induk", "Journal or book", default=None)
    volume: ShortText | None = described("Volume", "Volume", default=None)
    issue: ShortText | None = described("Nomor", "Issue", default=None)
    pages: ShortText | None = described("Halaman", "Pages", default=None)
    publisher: ShortText | None = described("Penerbit", "Publisher", default=None)
    doi: ShortText | None = described("DOI", "DOI", default=None)
    url: ShortText | None = described("URL", "URL", default=None)


class References(Strict):
    """interns/<id>/references.yaml"""

    references: list[Reference] = described("Daftar pustaka", "References", default_factory=list)


# ---------------------------------------------------------------- office


class Office(Strict):
    """office.yaml: the Dinas Sosial's own profile (public)."""

    schema_version: Literal[1] = described("Versi skema", "Schema version", default=SCHEMA_VERSION)
    name: ShortText = described("Nama instansi", "Office name")
    short_name: ShortText = described("Nama singkat", "Short name")
    city: ShortText = described("Kota/kabupaten", "City or regency")
    province: ShortText = described("Provinsi", "Province")
    area_code: Annotated[str, Field(pattern=r"^\d{2}\.\d{2}$")] = described("Kode wilayah", "Area code")
    division: ShortText = described("Bidang", "Division")
    address: ShortText | None = described("Alamat kantor (publik)", "Office address (public)", default=None)
    phone: ShortText | None = described("Telepon kantor (publik)", "Office phone (public)", default=None)
    about: Text | None = described("Profil singkat (Markdown)", "About (Markdown)", default=None)
    vision: Text | None = described("Visi", "Vision", default=None)
    mission: list[Text] = described("Misi", "Mission", default_factory=list)
    services: list[ShortText] = described("Layanan", "Services", default_factory=list)
    staff: list[Person] = described("Pekerja sosial dan pembimbing lapangan", "Staff", default_factory=list)


MODELS: dict[str, type[Strict]] = {
    "case": Case,
    "intern": Intern,
    "logbook": Logbook,
    "references": References,
    "office": Office,
}


# ---------------------------------------------------------------- project settings


class StatisticsSettings(Strict):
    threshold: int = described(
        "Angka di bawah ambang ditampilkan '<ambang' di situs publik", "Small-count threshold",
        default=10, ge=5,
    )
    rounding: int = described("Pembulatan angka publik", "Rounding base", default=5, ge=5)


class OpenDataSettings(Strict):
    """The licence of the public open data (shown on its page and in datapackage.json)."""

    license: ShortText = described(
        "Lisensi data terbuka (kode SPDX)", "Open data licence (SPDX id)", default="CC-BY-4.0"
    )
    license_title: ShortText = described(
        "Nama lisensi", "Licence name", default="Creative Commons Attribution 4.0 International"
    )
    license_url: Annotated[str, Field(pattern=r"^https://\S+$", max_length=300)] = described(
        "Alamat teks lisensi", "Licence URL", default="https://creativecommons.org/licenses/by/4.0/"
    )


class InternDefaults(Strict):
    """What `casebook new intern` writes into every new intern.yaml (set by `casebook init`)."""

    programme: ShortText | None = described(
        "Kode program magang (mis. pkl, msib)", "Internship programme code (e.g. pkl, msib)",
        default=None,
    )
    university: ShortText | None = described("Perguruan tinggi", "University", default=None)
    study_programme: ShortText | None = described("Program studi", "Study programme", default=None)


class ReportSettings(Strict):
    """Where the intern's report prints the student number (NIM)."""

    student_number: list[Literal["cover", "approval"]] = described(
        "Halaman laporan yang memuat NIM (cover = sampul, approval = lembar pengesahan)",
        "Report pages that print the student number (cover, approval)",
        default_factory=lambda: ["cover"],
    )


class RollupSettings(Strict):
    """casebook.yml ``rollup:``: a provincial roll-up of office exports instead of one office."""

    name: ShortText = described("Nama wilayah roll-up (provinsi)", "Name of the roll-up (province)")
    exports: list[ShortText] = described(
        "Ekspor kantor: berkas manifes/Parquet atau folder", "Office exports: files or folders",
        min_length=1,
    )
    min_office_cases: int = described(
        "Kantor dengan klien lebih sedikit hanya dihitung dalam total provinsi",
        "Offices with fewer clients count only inside the provincial totals", default=50, ge=10,
    )


class Settings(Strict):
    """casebook.yml: project settings (all optional)."""

    language: Literal["id", "en"] = described("Bahasa pesan dan situs", "Language", default="id")
    review_site_name: ShortText | None = described("Judul situs telaah", "Review site title", default=None)
    public_site_name: ShortText | None = described("Judul situs publik", "Public site title", default=None)
    denylist: ShortText = described(
        "Berkas daftar nama terlarang (privat, di luar repo)", "Private deny-list file",
        default="private/denylist.txt",
    )
    statistics: StatisticsSettings = described(
        "Kontrol pengungkapan statistik", "Disclosure control", default_factory=StatisticsSettings
    )
    exports: list[Literal["docx", "pdf"]] = described(
        "Laporan mahasiswa yang dapat diunduh dari situs telaah (docx, pdf)",
        "Report files the review site offers for download", default_factory=list,
    )
    engine: Literal["mkdocs", "properdocs", "zensical"] = described(
        "Mesin situs yang membangun halaman (mkdocs, properdocs, zensical)",
        "Site engine that builds the pages (mkdocs, properdocs, zensical)", default="mkdocs",
    )
    open_data: OpenDataSettings = described(
        "Lisensi data terbuka situs publik", "Licence of the public open data",
        default_factory=OpenDataSettings,
    )
    site_url: Annotated[str, Field(pattern=r"^https?://\S+/$", max_length=300)] | None = described(
        "Alamat situs publik, diakhiri '/': peta situs (sitemap.xml) dan robots.txt memakainya",
        "Public site address, ending in '/': used by sitemap.xml and robots.txt", default=None,
    )
    interns: InternDefaults = described(
        "Isian bawaan mahasiswa baru (casebook new intern)", "Defaults for new interns",
        default_factory=InternDefaults,
    )
    report: ReportSettings = described(
        "Laporan magang", "Internship report", default_factory=ReportSettings,
    )
    exports_dir: ShortText = described(
        "Folder hasil `casebook export` (diabaikan git)", "Folder of `casebook export` output (git-ignored)",
        default="exports",
    )
    workers: Annotated[int, Field(ge=1, le=256)] | None = described(
        "Jumlah proses paling banyak untuk membangun halaman (bawaan: semua inti prosesor)",
        "Most processes that render pages at once (default: every processor core)", default=None,
    )
    rollup: RollupSettings | None = described(
        "Roll-up provinsi dari ekspor kantor (casebook init --rollup)",
        "Provincial roll-up of office exports (casebook init --rollup)", default=None,
    )


MODELS["settings"] = Settings


# ---------------------------------------------------------------- lecturer's review of an intern

IsoWeek = Annotated[str, Field(pattern=r"^\d{4}-W\d{2}$")]
Score = Annotated[float, Field(ge=0, le=100)]


class ReviewComment(Strict):
    case: Id | None = described("Kasus yang dikomentari (case_id)", "Case the comment is about", default=None)
    week: IsoWeek | None = described(
        "Minggu logbook yang dikomentari (ISO, mis. 2025-W11)", "Logbook week (ISO, e.g. 2025-W11)",
        default=None,
    )
    chapter: Id | None = described(
        "Bab laporan: nama berkas di chapters/ tanpa .md, atau bab1–bab5, pustaka, lampiran",
        "Report chapter: a chapters/ file stem, or bab1-bab5, pustaka, lampiran",
        default=None,
    )
    section: ShortText | None = described(
        "Bagian halaman yang dikomentari (judulnya), mis. 'Asesmen' atau '1.1 Latar Belakang'",
        "Section of the page the comment is about (its heading)", default=None,
    )
    date: Date | None = described("Tanggal komentar", "Comment date", default=None)
    by: Id | None = described("Penulis komentar (bawaan: dosen penelaah)", "Author (default: lecturer)",
                              default=None)
    text: Text = described("Isi komentar (Markdown)", "Comment (Markdown)")
    resolved: bool = described("Sudah ditindaklanjuti", "Resolved", default=False)


Digest = Annotated[str, Field(pattern=r"^[0-9a-f]{16,64}$")]


class ReviewBasis(Strict):
    """What a review saw, part by part, so that the next build can mark what changed since."""

    made: Date | None = described("Tanggal bundel dibuat", "Date the bundle was made", default=None)
    cases: dict[Id, Digest] = described("Sidik tiap kasus", "Digest of each case", default_factory=dict)
    chapters: dict[Id, Digest] = described("Sidik tiap bab", "Digest of each chapter", default_factory=dict)
    weeks: dict[IsoWeek, Digest] = described(
        "Sidik entri logbook tiap minggu", "Digest of each logbook week", default_factory=dict)


class ReviewRecord(Strict):
    """interns/<id>/review.yaml: the lecturer's review of one intern's logbook, cases and report."""

    schema_version: Literal[1] = described("Versi skema", "Schema version", default=SCHEMA_VERSION)
    status: Code("review_status") = described("Status telaah", "Review status", default="draft")
    lecturer: Id = described("ID dosen penelaah (dosen pembimbing di intern.yaml)", "Reviewing lecturer id")
    submitted: Date | None = described("Tanggal laporan diajukan", "Date submitted", default=None)
    reviewed: Date | None = described("Tanggal telaah terakhir", "Date last reviewed", default=None)
    approved: Date | None = described("Tanggal disetujui", "Date approved", default=None)
    summary: Text | None = described("Catatan umum dosen (Markdown)", "General note (Markdown)", default=None)
    comments: list[ReviewComment] = described("Komentar", "Comments", default_factory=list)
    scores: dict[Id, Score] = described(
        "Nilai per aspek rubrik (0–100); kunci = id aspek di rubric.yaml",
        "Score per rubric aspect (0-100); keys are aspect ids in rubric.yaml",
        default_factory=dict,
    )
    basis: ReviewBasis | None = described(
        "Yang ditelaah: sidik berkas mahasiswa saat bundel dibuat (ditulis `casebook review import`)",
        "What was reviewed: digests of the intern's files when the bundle was made", default=None,
    )


class BilingualLabel(Strict):
    id: ShortText = described("Label bahasa Indonesia", "Indonesian label")
    en: ShortText | None = described("Label bahasa Inggris", "English label", default=None)


class RubricAspect(Strict):
    id: Id = described("ID aspek", "Aspect id")
    label: BilingualLabel = described("Nama aspek", "Aspect name")
    weight: float = described("Bobot (relatif; dinormalkan ke jumlah bobot)", "Weight (relative)", gt=0)
    description: Text | None = described("Uraian/indikator", "Description", default=None)


class GradeBand(Strict):
    min: Score = described("Nilai terendah untuk huruf ini", "Lowest total for this grade")
    grade: ShortText = described("Nilai huruf, mis. A, B+", "Letter grade")


class Rubric(Strict):
    """rubric.yaml: the aspects the lecturer scores, their weights and the grade bands."""

    schema_version: Literal[1] = described("Versi skema", "Schema version", default=SCHEMA_VERSION)
    name: ShortText = described("Nama rubrik", "Rubric name")
    aspects: list[RubricAspect] = described("Aspek penilaian", "Aspects", min_length=1)
    grades: list[GradeBand] = described("Rentang nilai huruf", "Grade bands", default_factory=list)


class Holiday(Strict):
    date: Date = described("Tanggal", "Date")
    name: ShortText = described("Nama hari libur", "Holiday name")
    kind: Literal["libur_nasional", "cuti_bersama", "libur_daerah"] = described(
        "Jenis", "Kind", default="libur_nasional"
    )


class Holidays(Strict):
    """holidays.yaml: days the office is closed, not counted as working days of a placement."""

    holidays: list[Holiday] = described("Hari libur", "Holidays", default_factory=list)


MODELS["review"] = ReviewRecord
MODELS["rubric"] = Rubric
MODELS["holidays"] = Holidays
