"""Data for the synthetic generator (``casebook_demo.generate``): client profiles and Indonesian phrase banks.

Everything here is invented. Clients never get names; places are generic ("kawasan pasar"), never
streets or sub-districts. Sentences may use the placeholders ``{tempat}`` (where the client was met),
``{keluarga}`` (the relative involved), ``{penempatan}`` (first placement) and ``{lembaga}`` (the
receiving institution); ``casebook_demo.generate.fill`` substitutes them.
"""

from __future__ import annotations

from typing import Any

# ---------------------------------------------------------------- places and people (generic)

STREET_PLACES = (
    "sebuah persimpangan jalan", "kawasan pasar tradisional", "terminal bus antarkota",
    "emperan pertokoan", "taman kota", "kolong jembatan", "sekitar stasiun kereta",
    "area parkir pusat perbelanjaan", "lampu lalu lintas di pusat kota", "halaman tempat ibadah",
    "trotoar dekat alun-alun", "pangkalan ojek dekat pasar",
)
HOME_PLACES = (
    "rumah keluarga", "rumah kontrakan sempit", "rumah semipermanen di permukiman padat",
    "gubuk di tepi sungai", "rumah kerabat",
)
RELATIVES_ADULT = ("kakaknya", "adiknya", "anaknya", "pamannya", "saudara sepupunya", "istrinya", "suaminya")
RELATIVES_CHILD = ("ibunya", "ayahnya", "neneknya", "bibinya", "pamannya", "kakaknya")
RELATIVES_ELDER = ("anaknya", "keponakannya", "cucunya", "adiknya")

# ---------------------------------------------------------------- client profiles
# Keys: ppks, weight, ages (min, max), male (probability), estimated (probability age is
# estimated), subgroups (options), intakes (channel, source, placement, weight), living, origin,
# education, marital, factors, needs, risk, consent_by, health, disability, goals (goal types in
# order of preference), services (rehab forms beyond the basics), outcomes {code: weight},
# public (may ever be a public story), problems, story, strengths, domains {domain: base rating},
# domain_notes {domain: [notes]}, relatives, places.

_STREET = {
    "places": STREET_PLACES, "living": ("jalanan", "tuna_wisma"),
    "origin": ("dalam_kota", "luar_kota_dalam_provinsi", "luar_kota_dalam_provinsi", "luar_provinsi",
               "tidak_diketahui"),
    "education": ("tidak_sekolah", "sd", "sd", "smp", "tidak_diketahui"),
    "marital": ("belum_kawin", "kawin", "cerai_hidup", "cerai_mati", "tidak_diketahui"),
    "consent_by": ("klien",), "relatives": RELATIVES_ADULT, "health": (), "disability": None,
    "public": True, "estimated": 0.6, "risk": ("rendah", "sedang", "sedang"),
}

_HOME = {
    "places": HOME_PLACES, "living": ("rumah_tangga",),
    "origin": ("dalam_kota", "dalam_kota", "dalam_kota", "luar_kota_dalam_provinsi"),
    "education": ("sd", "smp", "sma", "sd"),
    "marital": ("kawin", "cerai_hidup", "cerai_mati", "belum_kawin"),
    "consent_by": ("klien",), "relatives": RELATIVES_ADULT, "health": (), "disability": None,
    "public": True, "estimated": 0.1, "risk": ("rendah", "sedang"),
}

_CHILD_NOTES = {
    "legal_administrasi": ("Belum memiliki akta kelahiran.", "Tercatat di KK orang tua; belum memiliki jaminan kesehatan.",
                           "Akta kelahiran ada, tetapi tersimpan di rumah kerabat."),
    "ekonomi": ("Keluarga tidak memiliki penghasilan tetap.", "Penghasilan orang tua tidak cukup untuk kebutuhan anak."),
}
_CHILD_SERVICES = {
    "pelayanan_aksesibilitas": ("Pengurusan akta kelahiran bersama Disdukcapil.",
                                "Pendaftaran anak ke dalam KK dan pengajuan jaminan kesehatan."),
    "bimbingan_sosial_konseling_psikososial": ("Konseling anak melalui permainan dan menggambar.",
                                               "Sesi konseling anak didampingi pendamping perempuan.",
                                               "Bimbingan sosial kelompok bersama anak-anak lain di penampungan."),
}

_CHILD = {
    "domain_notes": _CHILD_NOTES, "service_notes": _CHILD_SERVICES,
    "living": ("rumah_tangga", "jalanan"), "origin": ("dalam_kota", "dalam_kota", "luar_kota_dalam_provinsi"),
    "education": ("sd", "sd", "smp", "tidak_sekolah"), "marital": ("belum_kawin",),
    "consent_by": ("keluarga", "wali", "keluarga"), "relatives": RELATIVES_CHILD, "health": (),
    "disability": None, "public": False, "estimated": 0.2, "risk": ("sedang", "tinggi"),
}

PROFILES: dict[str, dict[str, Any]] = {
    "pengemis": {
        **_STREET, "ppks": "pengemis", "weight": 14, "ages": (19, 72), "male": 0.55,
        "subgroups": (("gepeng",), ("gepeng",), ("gepeng", "pgot")),
        "intakes": (("street_outreach", "urc_patrol", "rumah_singgah", 6),
                    ("raid", "satpol_pp", "rps", 3), ("hotline", "laporan_masyarakat", "rumah_singgah", 2)),
        "factors": ("kemiskinan", "konflik_keluarga", "pengangguran", "ketiadaan_dokumen", "migrasi"),
        "needs": ("tempat_tinggal_aman", "pemulihan_relasi_keluarga", "penelusuran_keluarga",
                  "dokumen_kependudukan", "pekerjaan_usaha", "pemulangan"),
        "goals": ("reunifikasi_keluarga", "akses_adminduk", "kemandirian_ekonomi", "penempatan_aman"),
        "services": ("bimbingan_mental_spiritual", "pelayanan_aksesibilitas",
                     "pelatihan_vokasional_kewirausahaan", "bimbingan_resosialisasi"),
        "outcomes": {"reunifikasi_keluarga": 5, "dipulangkan_daerah_asal": 4, "penempatan_upt_panti": 3,
                     "melarikan_diri": 2, "menolak_layanan": 1, "proses_hukum": 1, "hidup_mandiri": 1,
                     "hilang_kontak": 1, "tidak_memenuhi_kriteria": 1, "dialihkan_dinsos_lain": 1},
        "problems": (
            "Klien mengemis di {tempat} setelah kehilangan pekerjaan dan tidak mampu membayar sewa tempat tinggal.",
            "Klien ditemukan meminta-minta di {tempat}; ia mengaku datang dari luar kota untuk mencari nafkah.",
            "Klien mengemis setiap hari di {tempat} dan tidur di emperan toko pada malam hari.",
            "Klien meminta-minta di {tempat} sejak meninggalkan rumah karena konflik dengan {keluarga}.",
        ),
        "story": (
            "Klien bercerita bahwa penghasilan dari mengemis dipakai untuk makan sehari-hari dan sesekali dikirim ke kampung.",
            "Menurut klien, ia mulai mengemis setelah usaha kecilnya bangkrut dan utangnya menumpuk.",
            "Klien mengaku malu dengan keadaannya dan ingin berhenti mengemis bila ada pekerjaan yang pasti.",
            "Klien sudah beberapa kali terjaring penertiban, tetapi selalu kembali ke jalan karena tidak punya tempat tinggal.",
        ),
        "strengths": ("Masih memiliki keluarga yang dapat ditelusuri", "Sehat secara fisik dan mampu bekerja",
                      "Bersedia mengikuti bimbingan di rumah singgah", "Memiliki pengalaman bekerja sebagai buruh"),
        "domains": {"fisik": 2, "psikologis": 3, "sosial": 2, "ekonomi": 1, "keluarga": 2,
                    "legal_administrasi": 2, "spiritual": 3},
    },
    "gelandangan": {
        **_STREET, "ppks": "gelandangan", "weight": 10, "ages": (20, 75), "male": 0.7,
        "subgroups": (("gepeng",), ("orang_telantar",), ("manusia_gerobak",), ("pgot",)),
        "intakes": (("street_outreach", "urc_patrol", "rumah_singgah", 5), ("raid", "satpol_pp", "rps", 3),
                    ("hotline", "laporan_masyarakat", "rumah_singgah", 2),
                    ("referral_in", "polisi", "rumah_singgah", 1)),
        "factors": ("kemiskinan", "ditelantarkan_keluarga", "pengangguran", "ketiadaan_dokumen", "migrasi"),
        "needs": ("tempat_tinggal_aman", "pangan_sandang", "penelusuran_keluarga", "dokumen_kependudukan",
                  "layanan_kesehatan", "jaminan_kesehatan"),
        "goals": ("reunifikasi_keluarga", "penempatan_aman", "akses_adminduk", "akses_kesehatan"),
        "services": ("bimbingan_fisik", "pelayanan_aksesibilitas", "bimbingan_mental_spiritual",
                     "bimbingan_resosialisasi"),
        "outcomes": {"reunifikasi_keluarga": 3, "dipulangkan_daerah_asal": 3, "penempatan_upt_panti": 4,
                     "penempatan_lks": 2, "melarikan_diri": 2, "rujuk_rumah_sakit": 1, "meninggal_dunia": 1,
                     "hilang_kontak": 1, "dialihkan_dinsos_lain": 1, "menolak_layanan": 1},
        "problems": (
            "Klien tidur di {tempat} tanpa tempat tinggal tetap dan tampak tidak terurus.",
            "Klien hidup berpindah-pindah di sekitar {tempat} dengan membawa barang-barangnya dalam karung.",
            "Klien sudah berhari-hari tinggal di {tempat} tanpa alas tidur dan tanpa bekal.",
            "Klien tinggal di gerobak bersama barang bekas yang dikumpulkannya di sekitar {tempat}.",
        ),
        "story": (
            "Klien tidak lagi berhubungan dengan keluarga sejak bertahun-tahun lalu dan tidak ingat alamat lengkapnya.",
            "Klien datang ke kota untuk bekerja, tetapi kehabisan uang dan tidak mampu pulang.",
            "Klien pernah tinggal bersama {keluarga}, lalu pergi setelah merasa menjadi beban keluarga.",
            "Klien bertahan hidup dari belas kasihan pedagang dan sisa makanan di sekitar tempatnya tidur.",
        ),
        "strengths": ("Masih ingat nama kampung asalnya", "Dapat merawat diri dengan bantuan ringan",
                      "Kooperatif selama di penampungan", "Mau membantu pekerjaan ringan di rumah singgah"),
        "domains": {"fisik": 2, "psikologis": 2, "sosial": 2, "ekonomi": 1, "keluarga": 1,
                    "legal_administrasi": 1, "spiritual": 3},
    },
    "anak_jalanan": {
        **_CHILD, "ppks": "anak_jalanan", "weight": 8, "ages": (8, 17), "male": 0.7,
        "places": STREET_PLACES, "living": ("jalanan", "rumah_tangga"),
        "subgroups": (("anjal",), ("anjal", "pengamen"), ("anjal", "anak_putus_sekolah")),
        "intakes": (("street_outreach", "urc_patrol", "rumah_singgah", 5), ("raid", "satpol_pp", "rumah_singgah", 3),
                    ("hotline", "laporan_masyarakat", "rumah_singgah", 1)),
        "factors": ("kemiskinan", "putus_sekolah", "konflik_keluarga", "eksploitasi"),
        "needs": ("pemulihan_relasi_keluarga", "pendidikan", "dukungan_psikososial", "perlindungan",
                  "tempat_tinggal_aman"),
        "goals": ("reunifikasi_keluarga", "pendidikan", "pemulihan_psikososial"),
        "services": ("bimbingan_mental_spiritual", "bimbingan_fisik", "bimbingan_resosialisasi",
                     "pelayanan_aksesibilitas"),
        "outcomes": {"reunifikasi_keluarga": 6, "penempatan_lks": 2, "penempatan_sentra_kemensos": 1,
                     "melarikan_diri": 2, "dipulangkan_daerah_asal": 1, "dialihkan_dinsos_lain": 1},
        "problems": (
            "Klien mengamen di {tempat} hingga larut malam dan tidak lagi bersekolah.",
            "Klien ditemukan berjualan tisu di {tempat} pada jam sekolah.",
            "Klien sudah beberapa hari tidak pulang dan tidur bersama kelompok anak jalanan di {tempat}.",
        ),
        "story": (
            "Klien berhenti sekolah karena harus membantu mencari uang untuk keluarga.",
            "Klien mengaku sering dimarahi di rumah sehingga lebih senang berkumpul dengan teman-teman di jalan.",
            "Penghasilan klien dari mengamen sebagian diserahkan kepada orang dewasa yang mengoordinasi anak-anak di lokasi itu.",
        ),
        "strengths": ("Masih ingin kembali bersekolah", "Dekat dengan {keluarga}", "Ceria dan mudah bergaul",
                      "Pandai bermain gitar"),
        "domains": {"fisik": 3, "psikologis": 3, "sosial": 2, "ekonomi": 2, "keluarga": 2, "spiritual": 3},
    },
    "odgj": {
        **_STREET, "ppks": "penyandang_disabilitas", "weight": 8, "ages": (20, 60), "male": 0.6,
        "estimated": 0.8, "consent_by": ("keluarga", "tidak_dapat_diperoleh", "klien"),
        "subgroups": (("odgj",), ("odgj",), ("odgj", "pasung")),
        "health": ("odgj",), "disability": ("mental_psikososial", ("sedang", "berat")), "public": False,
        "risk": ("tinggi", "tinggi", "kritis"),
        "intakes": (("street_outreach", "urc_patrol", "rsud", 3), ("hotline", "laporan_masyarakat", "rsj", 3),
                    ("referral_in", "rumah_sakit_puskesmas", "rumah_singgah", 2),
                    ("referral_in", "polisi", "rsud", 1), ("home_visit", "aparat_kelurahan_kecamatan", "tetap_di_keluarga", 2)),
        "factors": ("kesehatan_jiwa", "ditelantarkan_keluarga", "kemiskinan", "ketiadaan_dokumen"),
        "needs": ("layanan_kesehatan_jiwa", "jaminan_kesehatan", "penelusuran_keluarga", "dokumen_kependudukan",
                  "tempat_tinggal_aman"),
        "goals": ("akses_kesehatan", "reunifikasi_keluarga", "akses_adminduk", "penempatan_aman"),
        "services": ("bimbingan_fisik", "pelayanan_aksesibilitas", "rujukan", "bimbingan_resosialisasi"),
        "outcomes": {"rujuk_rsj": 5, "reunifikasi_keluarga": 3, "penempatan_sentra_kemensos": 2,
                     "penempatan_upt_panti": 1, "meninggal_dunia": 1, "melarikan_diri": 1,
                     "dipulangkan_daerah_asal": 1},
        "problems": (
            "Klien berjalan tanpa alas kaki di {tempat}, berbicara sendiri, dan tidak dapat ditanya identitasnya.",
            "Klien tampak gelisah, berteriak-teriak, dan mengganggu pengguna jalan di {tempat}.",
            "Klien dipasung oleh keluarganya di belakang rumah karena dianggap membahayakan orang lain.",
            "Klien ditemukan dalam keadaan bingung dan tidak terawat di {tempat}.",
        ),
        "story": (
            "Menurut keterangan {keluarga}, klien pernah berobat ke rumah sakit jiwa tetapi berhenti minum obat.",
            "Klien belum dapat diwawancarai secara runtut; informasi diperoleh dari petugas dan warga sekitar.",
            "Keluarga kewalahan merawat klien dan tidak mampu membiayai pengobatan rutin.",
        ),
        "strengths": ("Keluarga masih mau dilibatkan", "Tenang setelah mendapat pengobatan",
                      "Dapat makan dan mandi sendiri bila diarahkan"),
        "domains": {"fisik": 2, "psikologis": 1, "sosial": 1, "ekonomi": 1, "keluarga": 2,
                    "legal_administrasi": 1},
        "domain_notes": {"psikologis": (
            "Klien menunjukkan gejala gangguan jiwa berat: bicara kacau dan halusinasi.",
            "Afek datar, kontak mata minim, dan belum mampu mengikuti percakapan.",
            "Klien gelisah pada malam hari dan sulit tidur tanpa pendampingan.")},
    },
    "eks_psikotik": {
        **_HOME, "ppks": "penyandang_disabilitas", "weight": 3, "ages": (22, 58), "male": 0.55,
        "subgroups": (("eks_psikotik",),), "health": ("eks_psikotik",),
        "disability": ("mental_psikososial", ("ringan", "sedang")), "public": False,
        "consent_by": ("klien", "keluarga"), "risk": ("sedang", "tinggi"),
        "intakes": (("referral_in", "rsj", "tetap_di_keluarga", 3), ("home_visit", "aparat_kelurahan_kecamatan", "tetap_di_keluarga", 2),
                    ("referral_in", "rumah_sakit_puskesmas", "rumah_singgah", 1)),
        "factors": ("kesehatan_jiwa", "pengangguran", "konflik_keluarga", "kemiskinan"),
        "needs": ("layanan_kesehatan_jiwa", "dukungan_psikososial", "pelatihan_keterampilan",
                  "pemulihan_relasi_keluarga", "jaminan_kesehatan"),
        "goals": ("pemulihan_psikososial", "akses_kesehatan", "keterampilan_kerja", "reunifikasi_keluarga"),
        "services": ("pelatihan_vokasional_kewirausahaan", "bimbingan_resosialisasi", "bimbingan_lanjut",
                     "pelayanan_aksesibilitas"),
        "outcomes": {"reunifikasi_keluarga": 4, "penempatan_sentra_kemensos": 2, "rujuk_rsj": 2,
                     "hidup_mandiri": 2, "hilang_kontak": 1},
        "problems": (
            "Klien selesai dirawat di rumah sakit jiwa, tetapi keluarga ragu menerimanya kembali.",
            "Klien sudah stabil dengan obat, namun menganggur dan sering menyendiri di rumah.",
            "Klien kambuh setelah putus obat dan keluarga meminta pendampingan dinas.",
        ),
        "story": (
            "Klien menyadari pentingnya minum obat secara teratur, tetapi jarak ke puskesmas cukup jauh.",
            "Keluarga masih memandang klien dengan curiga sejak kejadian kambuh sebelumnya.",
            "Klien ingin kembali bekerja dan pernah punya keterampilan menjahit.",
        ),
        "strengths": ("Sudah stabil dengan pengobatan", "Memiliki keterampilan kerja sebelumnya",
                      "Ada anggota keluarga yang mendukung"),
        "domains": {"fisik": 3, "psikologis": 2, "sosial": 2, "ekonomi": 2, "keluarga": 2,
                    "legal_administrasi": 3},
    },
    "disabilitas_fisik": {
        **_HOME, "ppks": "penyandang_disabilitas", "weight": 4, "ages": (18, 65), "male": 0.55,
        "subgroups": ((),), "health": ("disabilitas",), "disability": ("fisik", ("sedang", "berat")),
        "intakes": (("walk_in", "keluarga", "tetap_di_keluarga", 3), ("home_visit", "aparat_kelurahan_kecamatan", "tetap_di_keluarga", 3),
                    ("referral_in", "lks_lsm", "tetap_di_keluarga", 1)),
        "factors": ("disabilitas", "kemiskinan", "ketiadaan_dokumen", "pengangguran"),
        "needs": ("alat_bantu_disabilitas", "dokumen_kependudukan", "jaminan_kesehatan", "bantuan_sosial",
                  "pelatihan_keterampilan"),
        "goals": ("akses_adminduk", "akses_bantuan_sosial", "keterampilan_kerja", "kemandirian_ekonomi"),
        "services": ("pelayanan_aksesibilitas", "bantuan_asistensi_sosial", "pelatihan_vokasional_kewirausahaan",
                     "bimbingan_fisik"),
        "outcomes": {"hidup_mandiri": 4, "penempatan_sentra_kemensos": 2, "rujuk_instansi_lain": 1, "lainnya": 2},
        "problems": (
            "Klien tidak dapat berjalan sejak kecelakaan kerja dan hanya berdiam di rumah.",
            "Klien dengan disabilitas fisik belum memiliki kursi roda dan dokumen kependudukan.",
            "Klien kehilangan pekerjaan setelah amputasi kaki dan keluarganya kesulitan ekonomi.",
        ),
        "story": (
            "Klien ingin kembali produktif, tetapi mobilitasnya sangat terbatas tanpa alat bantu.",
            "Keluarga merawat klien dengan penuh perhatian, tetapi penghasilan mereka tidak menentu.",
            "Klien belum pernah terdata sebagai penerima bantuan karena tidak memiliki KTP elektronik.",
        ),
        "strengths": ("Semangat untuk mandiri tinggi", "Didukung penuh oleh keluarga", "Memiliki keterampilan memperbaiki elektronik"),
        "domains": {"fisik": 2, "psikologis": 3, "sosial": 3, "ekonomi": 2, "keluarga": 4,
                    "legal_administrasi": 2},
        "domain_notes": {"fisik": ("Mobilitas sangat terbatas tanpa alat bantu.",
                                   "Tidak dapat berjalan dan bergantung pada keluarga untuk berpindah tempat.",
                                   "Ada luka tekan ringan karena lama berbaring.")},
    },
    "lansia": {
        **_STREET, "ppks": "lanjut_usia_telantar", "weight": 7, "ages": (60, 85), "male": 0.45,
        "relatives": RELATIVES_ELDER, "subgroups": (("lansia_tanpa_keluarga",), ("pgot",), ()),
        "risk": ("sedang", "tinggi"), "living": ("tuna_wisma", "rumah_tangga", "jalanan"),
        "marital": ("cerai_mati", "cerai_mati", "kawin", "tidak_diketahui"),
        "intakes": (("hotline", "laporan_masyarakat", "rumah_singgah", 3),
                    ("referral_in", "aparat_kelurahan_kecamatan", "tetap_di_keluarga", 2),
                    ("referral_in", "rumah_sakit_puskesmas", "rsud", 2), ("street_outreach", "urc_patrol", "rumah_singgah", 2)),
        "factors": ("usia_lanjut", "ditelantarkan_keluarga", "kemiskinan", "penyakit_kronis"),
        "needs": ("tempat_tinggal_aman", "layanan_kesehatan", "penelusuran_keluarga", "jaminan_kesehatan",
                  "pangan_sandang"),
        "goals": ("penempatan_aman", "reunifikasi_keluarga", "akses_kesehatan"),
        "services": ("bimbingan_fisik", "bimbingan_mental_spiritual", "pelayanan_aksesibilitas"),
        "outcomes": {"penempatan_upt_panti": 4, "reunifikasi_keluarga": 3, "penempatan_lks": 2,
                     "meninggal_dunia": 2, "rujuk_rumah_sakit": 1, "dipulangkan_daerah_asal": 1},
        "problems": (
            "Seorang lansia hidup sendiri di {tempat} tanpa ada yang merawat dan tampak kurang makan.",
            "Klien lanjut usia ditemukan tertidur di {tempat} dan tidak dapat menyebutkan alamat keluarganya.",
            "Klien lansia ditinggalkan {keluarga} setelah rumahnya dijual dan kini menumpang di rumah tetangga.",
        ),
        "story": (
            "Klien sudah tidak kuat bekerja dan penglihatannya mulai kabur.",
            "Satu-satunya kerabat yang diketahui tinggal di luar kota dan jarang berkabar.",
            "Klien sering lupa dan kadang tidak ingat sudah makan atau belum.",
        ),
        "strengths": ("Ramah dan mudah diajak berbicara", "Masih dapat berjalan sendiri", "Rajin beribadah"),
        "domains": {"fisik": 2, "psikologis": 3, "sosial": 2, "ekonomi": 1, "keluarga": 1, "spiritual": 4},
    },
    "pemulung": {
        **_STREET, "ppks": "pemulung", "weight": 4, "ages": (18, 65), "male": 0.6,
        "subgroups": ((), ("manusia_gerobak",)), "living": ("tuna_wisma", "rumah_tangga", "jalanan"),
        "intakes": (("street_outreach", "urc_patrol", "tidak_ada", 3), ("raid", "satpol_pp", "rumah_singgah", 2),
                    ("home_visit", "aparat_kelurahan_kecamatan", "tetap_di_keluarga", 2)),
        "factors": ("kemiskinan", "pengangguran", "ketiadaan_dokumen", "migrasi"),
        "needs": ("bantuan_sosial", "dokumen_kependudukan", "pekerjaan_usaha", "pendidikan", "jaminan_kesehatan"),
        "goals": ("akses_bantuan_sosial", "akses_adminduk", "kemandirian_ekonomi"),
        "services": ("bantuan_asistensi_sosial", "pelayanan_aksesibilitas", "pelatihan_vokasional_kewirausahaan"),
        "outcomes": {"hidup_mandiri": 4, "lainnya": 1, "reunifikasi_keluarga": 1, "dipulangkan_daerah_asal": 1,
                     "hilang_kontak": 1, "menolak_layanan": 1, "tidak_memenuhi_kriteria": 1},
        "problems": (
            "Klien memulung barang bekas di sekitar {tempat} bersama anak-anaknya.",
            "Klien dan keluarganya tinggal di gerobak dan berpindah-pindah mencari barang bekas.",
            "Klien memulung setiap hari dan tidak memiliki kartu identitas maupun jaminan kesehatan.",
        ),
        "story": (
            "Penghasilan dari menjual barang bekas hanya cukup untuk makan hari itu.",
            "Anak-anak klien sering ikut memulung sehingga jarang masuk sekolah.",
            "Klien tidak pernah menerima bantuan sosial karena tidak terdaftar sebagai warga setempat.",
        ),
        "strengths": ("Pekerja keras", "Memiliki jaringan pengepul barang bekas", "Keluarga tetap utuh"),
        "domains": {"fisik": 2, "psikologis": 3, "sosial": 3, "ekonomi": 1, "keluarga": 3,
                    "legal_administrasi": 1},
    },
    "anak_telantar": {
        **_CHILD, "ppks": "anak_telantar", "weight": 3, "ages": (6, 16), "male": 0.5,
        "places": HOME_PLACES, "subgroups": ((), ("anak_putus_sekolah",)),
        "intakes": (("hotline", "laporan_masyarakat", "rumah_singgah", 2),
                    ("referral_in", "aparat_kelurahan_kecamatan", "tetap_di_keluarga", 2),
                    ("referral_in", "polisi", "rumah_singgah", 1), ("referral_in", "sekolah", "tetap_di_keluarga", 1)),
        "factors": ("ditelantarkan_keluarga", "kemiskinan", "putus_sekolah", "konflik_keluarga"),
        "needs": ("tempat_tinggal_aman", "pendidikan", "penelusuran_keluarga", "pemulihan_relasi_keluarga",
                  "dukungan_psikososial"),
        "goals": ("reunifikasi_keluarga", "pendidikan", "penempatan_aman"),
        "services": ("perawatan_pengasuhan", "bimbingan_mental_spiritual", "pelayanan_aksesibilitas"),
        "outcomes": {"reunifikasi_keluarga": 3, "penempatan_lks": 3, "penempatan_sentra_kemensos": 1,
                     "dialihkan_dinsos_lain": 1},
        "problems": (
            "Klien ditinggal orang tuanya bekerja di luar kota dan dibiarkan tinggal sendiri di {tempat}.",
            "Klien sering tidak masuk sekolah dan tampak kelaparan karena tidak ada orang dewasa yang mengurusnya.",
            "Klien tinggal bersama {keluarga} yang sakit-sakitan dan tidak mampu mengasuhnya.",
        ),
        "story": (
            "Kebutuhan makan klien sering dipenuhi oleh tetangga sekitar.",
            "Klien sudah lama tidak bertemu orang tuanya dan kontak dengan mereka terputus.",
            "Klien tampak pendiam dan menarik diri dari teman sebaya.",
        ),
        "strengths": ("Masih ingin bersekolah", "Tetangga peduli", "Ada kerabat yang bersedia mengasuh"),
        "domains": {"fisik": 2, "psikologis": 2, "sosial": 3, "keluarga": 1},
    },
    "anak_balita_telantar": {
        **_CHILD, "ppks": "anak_balita_telantar", "weight": 1, "ages": (0, 4), "male": 0.5, "estimated": 0.6,
        "places": ("halaman tempat ibadah", "teras sebuah rumah", "ruang tunggu puskesmas"),
        "living": ("tidak_diketahui",), "education": ("tidak_sekolah",), "base_forms": (),
        "service_notes": {**_CHILD_SERVICES, "bimbingan_fisik": ("Pemeriksaan tumbuh kembang dan imunisasi di puskesmas.",
                                                                  "Pemantauan gizi oleh tenaga kesehatan.")},
        "consent_by": ("lembaga", "wali"), "risk": ("tinggi", "kritis"), "subgroups": ((),),
        "intakes": (("referral_in", "rumah_sakit_puskesmas", "rsud", 2), ("referral_in", "polisi", "lks", 2),
                    ("hotline", "laporan_masyarakat", "lks", 1)),
        "factors": ("ditelantarkan_keluarga", "kemiskinan"),
        "needs": ("tempat_tinggal_aman", "layanan_kesehatan", "dokumen_kependudukan", "penelusuran_keluarga"),
        "goals": ("penempatan_aman", "akses_kesehatan", "akses_adminduk"),
        "services": ("perawatan_pengasuhan", "pelayanan_aksesibilitas", "bimbingan_fisik"),
        "outcomes": {"penempatan_lks": 3, "reunifikasi_keluarga": 1, "penempatan_sentra_kemensos": 1,
                     "rujuk_rumah_sakit": 1},
        "problems": (
            "Seorang bayi ditemukan di {tempat} tanpa identitas dan tanpa pendamping.",
            "Balita ditinggalkan di {tempat} dan tidak ada orang dewasa yang mengaku sebagai keluarganya.",
        ),
        "story": (
            "Pemeriksaan kesehatan menunjukkan bayi dalam keadaan cukup sehat namun kurang gizi.",
            "Penelusuran keluarga dilakukan bersama kepolisian, tetapi belum membuahkan hasil.",
        ),
        "strengths": ("Kondisi kesehatan stabil", "Tersedia lembaga pengasuhan yang siap menerima"),
        "domains": {"fisik": 2, "keluarga": 1, "legal_administrasi": 1},
    },
    "anak_korban_kekerasan": {
        **_CHILD, "ppks": "anak_korban_tindak_kekerasan", "weight": 2, "ages": (6, 16), "male": 0.4,
        "places": HOME_PLACES, "subgroups": ((), (), ("anak_korban_kekerasan_seksual",)),
        "risk": ("tinggi", "kritis"),
        "intakes": (("referral_in", "uptd_ppa_dp3a", "rps", 3), ("referral_in", "polisi", "rps", 2),
                    ("referral_in", "sekolah", "tetap_di_keluarga", 1)),
        "factors": ("kekerasan", "konflik_keluarga", "kemiskinan"),
        "needs": ("perlindungan", "dukungan_psikososial", "bantuan_hukum", "pendidikan", "tempat_tinggal_aman"),
        "goals": ("pemulihan_psikososial", "penempatan_aman", "bantuan_hukum", "pendidikan"),
        "services": ("bimbingan_mental_spiritual", "rujukan", "perawatan_pengasuhan"),
        "outcomes": {"rujuk_instansi_lain": 3, "penempatan_lks": 2, "reunifikasi_keluarga": 2, "proses_hukum": 1,
                     "penempatan_sentra_kemensos": 1},
        "problems": (
            "Anak mengalami kekerasan fisik berulang di rumah dan membutuhkan perlindungan.",
            "Anak menunjukkan tanda-tanda kekerasan dan takut pulang ke rumah.",
            "Anak memiliki luka memar dan menunjukkan perubahan perilaku yang mengkhawatirkan.",
        ),
        "story": (
            "Anak masih trauma dan hanya mau berbicara bila didampingi pendamping perempuan.",
            "Pelaku adalah orang dewasa di lingkungan rumah; kasus hukumnya ditangani aparat penegak hukum.",
            "Anggota keluarga yang tidak terlibat menyatakan siap melindungi anak.",
        ),
        "strengths": ("Ada anggota keluarga yang melindungi", "Anak masih bersekolah", "Anak mau bercerita kepada pendamping"),
        "domains": {"fisik": 3, "psikologis": 1, "sosial": 2, "keluarga": 1, "legal_administrasi": 2},
    },
    "anak_disabilitas": {
        **_CHILD, "ppks": "anak_dengan_kedisabilitasan", "weight": 2, "ages": (4, 16), "male": 0.55,
        "places": HOME_PLACES, "living": ("rumah_tangga",), "subgroups": ((),), "risk": ("sedang",),
        "health": ("disabilitas",), "disability": ("intelektual", ("sedang", "berat")),
        "consent_by": ("keluarga",),
        "intakes": (("home_visit", "aparat_kelurahan_kecamatan", "tetap_di_keluarga", 2),
                    ("walk_in", "keluarga", "tetap_di_keluarga", 2), ("referral_in", "sekolah", "tetap_di_keluarga", 1)),
        "factors": ("disabilitas", "kemiskinan", "putus_sekolah"),
        "needs": ("pendidikan", "alat_bantu_disabilitas", "jaminan_kesehatan", "bantuan_sosial"),
        "goals": ("pendidikan", "akses_bantuan_sosial", "akses_kesehatan"),
        "services": ("pelayanan_aksesibilitas", "bantuan_asistensi_sosial", "bimbingan_fisik"),
        "outcomes": {"rujuk_instansi_lain": 2, "penempatan_sentra_kemensos": 2, "lainnya": 2},
        "problems": (
            "Anak dengan disabilitas intelektual belum pernah bersekolah karena keterbatasan biaya.",
            "Anak membutuhkan terapi dan alat bantu yang tidak terjangkau oleh orang tuanya.",
        ),
        "story": (
            "Orang tua bekerja serabutan dan bergantian menjaga anak di rumah.",
            "Anak belum memiliki akta kelahiran sehingga sulit mendaftar sekolah luar biasa.",
        ),
        "strengths": ("Orang tua sangat peduli", "Anak ceria dan mudah diarahkan"),
        "domains": {"fisik": 3, "psikologis": 3, "sosial": 2, "ekonomi": 2, "keluarga": 4,
                    "legal_administrasi": 2},
    },
    "abh": {
        **_CHILD, "ppks": "anak_berhadapan_dengan_hukum", "weight": 1, "ages": (13, 17), "male": 0.85,
        "places": STREET_PLACES, "subgroups": ((),), "risk": ("sedang", "tinggi"),
        "intakes": (("referral_in", "bapas_pengadilan", "tetap_di_keluarga", 2), ("referral_in", "polisi", "rps", 1)),
        "factors": ("konflik_keluarga", "putus_sekolah", "kemiskinan"),
        "needs": ("bantuan_hukum", "dukungan_psikososial", "pendidikan", "pemulihan_relasi_keluarga"),
        "goals": ("bantuan_hukum", "pemulihan_psikososial", "pendidikan", "reunifikasi_keluarga"),
        "services": ("bimbingan_mental_spiritual", "rujukan", "bimbingan_resosialisasi"),
        "outcomes": {"proses_hukum": 2, "rujuk_instansi_lain": 2, "reunifikasi_keluarga": 2, "penempatan_lks": 1},
        "problems": (
            "Anak terlibat perkelahian kelompok dan sedang menjalani proses diversi.",
            "Anak diamankan polisi karena kasus pencurian ringan dan membutuhkan pendampingan sosial.",
        ),
        "story": (
            "Anak menyesali perbuatannya dan ingin melanjutkan sekolah.",
            "Orang tua jarang di rumah sehingga pengawasan terhadap anak sangat kurang.",
        ),
        "strengths": ("Menyesali perbuatan", "Orang tua bersedia terlibat"),
        "domains": {"psikologis": 2, "sosial": 2, "keluarga": 2, "legal_administrasi": 1},
    },
    "ampk": {
        **_CHILD, "ppks": "anak_memerlukan_perlindungan_khusus", "weight": 1, "ages": (8, 17), "male": 0.5,
        "places": STREET_PLACES, "subgroups": ((),), "risk": ("tinggi",),
        "intakes": (("referral_in", "uptd_ppa_dp3a", "rps", 2), ("referral_in", "lks_lsm", "rps", 1)),
        "factors": ("eksploitasi", "kemiskinan", "putus_sekolah"),
        "needs": ("perlindungan", "pendidikan", "dukungan_psikososial", "pemulihan_relasi_keluarga"),
        "goals": ("penempatan_aman", "pemulihan_psikososial", "pendidikan"),
        "services": ("perawatan_pengasuhan", "bimbingan_mental_spiritual", "rujukan"),
        "outcomes": {"reunifikasi_keluarga": 2, "penempatan_lks": 2, "rujuk_instansi_lain": 1},
        "problems": (
            "Anak dipekerjakan hingga larut malam di sebuah warung dan tidak bersekolah.",
            "Anak dieksploitasi secara ekonomi oleh orang dewasa yang bukan keluarganya.",
        ),
        "story": ("Anak dijanjikan upah yang tidak pernah dibayarkan penuh.",
                  "Keluarga anak tidak mengetahui kondisi pekerjaan anak yang sebenarnya."),
        "strengths": ("Anak ingin kembali bersekolah", "Keluarga kooperatif"),
        "domains": {"fisik": 3, "psikologis": 2, "sosial": 2, "keluarga": 2},
    },
    "trafficking": {
        **_STREET, "ppks": "korban_trafficking", "weight": 2, "ages": (18, 35), "male": 0.25,
        "estimated": 0.0, "public": False, "risk": ("tinggi", "kritis"), "subgroups": ((),),
        "living": ("tidak_diketahui", "rumah_tangga"), "education": ("smp", "sma", "sd"),
        "origin": ("luar_provinsi", "luar_kota_dalam_provinsi"),
        "intakes": (("referral_in", "polisi", "rps", 3), ("referral_in", "uptd_ppa_dp3a", "rps", 2),
                    ("referral_in", "lks_lsm", "rps", 1)),
        "factors": ("eksploitasi", "kemiskinan", "migrasi", "kekerasan"),
        "needs": ("perlindungan", "pemulangan", "dukungan_psikososial", "bantuan_hukum", "layanan_kesehatan"),
        "goals": ("reunifikasi_keluarga", "pemulihan_psikososial", "bantuan_hukum"),
        "services": ("bimbingan_mental_spiritual", "rujukan", "bantuan_asistensi_sosial"),
        "outcomes": {"dipulangkan_daerah_asal": 4, "rujuk_instansi_lain": 2, "proses_hukum": 2,
                     "reunifikasi_keluarga": 1, "penempatan_sentra_kemensos": 1},
        "problems": (
            "Klien dijanjikan pekerjaan dengan gaji tinggi, tetapi ditahan dan dipekerjakan tanpa upah.",
            "Klien ditemukan di tempat penampungan calon pekerja yang tidak berizin dan dilarang keluar.",
        ),
        "story": ("Dokumen klien ditahan oleh perekrut sehingga klien tidak dapat pulang sendiri.",
                  "Klien mengalami tekanan psikologis berat dan takut terhadap perekrutnya."),
        "strengths": ("Keluarga di daerah asal masih dapat dihubungi", "Klien bersedia memberi keterangan"),
        "domains": {"fisik": 3, "psikologis": 1, "sosial": 2, "ekonomi": 1, "keluarga": 3,
                    "legal_administrasi": 1},
    },
    "korban_kekerasan": {
        **_HOME, "ppks": "korban_tindak_kekerasan", "weight": 2, "ages": (20, 55), "male": 0.1,
        "public": False, "risk": ("tinggi",), "subgroups": ((),),
        "intakes": (("referral_in", "uptd_ppa_dp3a", "rps", 3), ("referral_in", "polisi", "rps", 1),
                    ("walk_in", "datang_sendiri", "tetap_di_keluarga", 1)),
        "factors": ("kekerasan", "konflik_keluarga", "kemiskinan"),
        "needs": ("perlindungan", "dukungan_psikososial", "bantuan_hukum", "pekerjaan_usaha"),
        "goals": ("pemulihan_psikososial", "penempatan_aman", "bantuan_hukum", "kemandirian_ekonomi"),
        "services": ("rujukan", "bimbingan_mental_spiritual", "pelatihan_vokasional_kewirausahaan"),
        "outcomes": {"rujuk_instansi_lain": 3, "proses_hukum": 2, "penempatan_lks": 1, "hidup_mandiri": 2},
        "problems": ("Klien mengalami kekerasan dalam rumah tangga dan meninggalkan rumah bersama anaknya.",
                     "Klien membutuhkan perlindungan sementara setelah melaporkan kekerasan oleh pasangannya."),
        "story": ("Klien bergantung secara ekonomi pada pelaku sehingga ragu melanjutkan laporan.",
                  "Klien mendapat dukungan dari saudara perempuannya."),
        "strengths": ("Berani melapor", "Memiliki keterampilan memasak untuk usaha"),
        "domains": {"fisik": 3, "psikologis": 1, "sosial": 2, "ekonomi": 2, "keluarga": 1},
    },
    "pmbs": {
        **_STREET, "ppks": "pekerja_migran_bermasalah_sosial", "weight": 3, "ages": (21, 50), "male": 0.45,
        "estimated": 0.0, "subgroups": ((),), "living": ("tidak_diketahui", "tuna_wisma"),
        "origin": ("luar_provinsi", "luar_kota_dalam_provinsi", "dalam_kota"),
        "education": ("sd", "smp", "sma"),
        "intakes": (("referral_in", "dinsos_lain", "rumah_singgah", 2), ("referral_in", "lainnya", "rumah_singgah", 2),
                    ("referral_in", "sentra_kemensos", "rumah_singgah", 1), ("walk_in", "keluarga", "tetap_di_keluarga", 1)),
        "factors": ("migrasi", "eksploitasi", "kemiskinan", "ketiadaan_dokumen"),
        "needs": ("pemulangan", "dukungan_psikososial", "layanan_kesehatan", "pekerjaan_usaha"),
        "goals": ("reunifikasi_keluarga", "pemulihan_psikososial", "kemandirian_ekonomi"),
        "services": ("bantuan_asistensi_sosial", "bimbingan_mental_spiritual", "pelatihan_vokasional_kewirausahaan"),
        "outcomes": {"dipulangkan_daerah_asal": 5, "reunifikasi_keluarga": 3, "rujuk_rumah_sakit": 1, "hidup_mandiri": 1},
        "problems": (
            "Klien dideportasi setelah bekerja di luar negeri tanpa dokumen resmi dan tiba tanpa bekal.",
            "Klien pulang dari luar negeri dalam keadaan sakit dan gajinya tidak dibayar majikan.",
            "Klien transit di kota ini dalam perjalanan pulang dan kehabisan biaya.",
        ),
        "story": ("Klien berangkat melalui calo dan tidak memegang salinan kontrak kerja.",
                  "Keluarga klien di kampung belum mengetahui bahwa klien sudah kembali ke tanah air."),
        "strengths": ("Keluarga di kampung siap menerima", "Memiliki pengalaman kerja rumah tangga"),
        "domains": {"fisik": 2, "psikologis": 2, "sosial": 3, "ekonomi": 1, "keluarga": 3,
                    "legal_administrasi": 2},
    },
    "prse": {
        **_HOME, "ppks": "perempuan_rawan_sosial_ekonomi", "weight": 3, "ages": (25, 58), "male": 0.0,
        "subgroups": ((),), "marital": ("cerai_hidup", "cerai_mati", "kawin"),
        "intakes": (("walk_in", "datang_sendiri", "tetap_di_keluarga", 2),
                    ("home_visit", "aparat_kelurahan_kecamatan", "tetap_di_keluarga", 3)),
        "factors": ("kemiskinan", "pengangguran", "konflik_keluarga"),
        "needs": ("pekerjaan_usaha", "bantuan_sosial", "pelatihan_keterampilan", "jaminan_kesehatan"),
        "goals": ("kemandirian_ekonomi", "keterampilan_kerja", "akses_bantuan_sosial"),
        "services": ("pelatihan_vokasional_kewirausahaan", "bantuan_asistensi_sosial", "pelayanan_aksesibilitas"),
        "outcomes": {"hidup_mandiri": 5, "lainnya": 1, "hilang_kontak": 1, "menolak_layanan": 1},
        "problems": ("Klien menjadi tulang punggung keluarga sejak suaminya meninggal dan penghasilannya tidak menentu.",
                     "Klien ditinggal suami dan menghidupi tiga anak dari berjualan gorengan."),
        "story": ("Klien pernah mengikuti pelatihan menjahit tetapi tidak memiliki mesin jahit.",
                  "Anak sulung klien terancam putus sekolah karena biaya."),
        "strengths": ("Ulet dan bertanggung jawab", "Memiliki keterampilan memasak", "Aktif dalam kelompok pengajian"),
        "domains": {"fisik": 3, "psikologis": 3, "sosial": 3, "ekonomi": 1, "keluarga": 3},
    },
    "fakir_miskin": {
        **_HOME, "ppks": "fakir_miskin", "weight": 4, "ages": (30, 75), "male": 0.5,
        "subgroups": ((),),
        "intakes": (("walk_in", "datang_sendiri", "tetap_di_keluarga", 3),
                    ("home_visit", "aparat_kelurahan_kecamatan", "tetap_di_keluarga", 3),
                    ("hotline", "laporan_masyarakat", "tetap_di_keluarga", 1)),
        "factors": ("kemiskinan", "pengangguran", "penyakit_kronis", "ketiadaan_dokumen"),
        "needs": ("bantuan_sosial", "jaminan_kesehatan", "dokumen_kependudukan", "pekerjaan_usaha"),
        "goals": ("akses_bantuan_sosial", "akses_adminduk", "kemandirian_ekonomi", "akses_kesehatan"),
        "services": ("bantuan_asistensi_sosial", "pelayanan_aksesibilitas", "pelatihan_vokasional_kewirausahaan"),
        "outcomes": {"hidup_mandiri": 3, "rujuk_instansi_lain": 2, "lainnya": 2, "tidak_memenuhi_kriteria": 1,
                     "hilang_kontak": 1},
        "problems": ("Keluarga klien tinggal di {tempat} dan belum menerima bantuan sosial apa pun.",
                     "Klien sakit menahun sehingga tidak dapat bekerja dan keluarga kekurangan makan.",
                     "Klien tidak mampu membiayai pengobatan dan kebutuhan pokok keluarganya."),
        "story": ("Data keluarga klien belum masuk ke data terpadu kesejahteraan sosial.",
                  "Penghasilan keluarga bergantung pada pekerjaan harian yang tidak menentu."),
        "strengths": ("Keluarga rukun", "Tetangga dan ketua RT mendukung", "Mau berusaha kecil-kecilan"),
        "domains": {"fisik": 2, "psikologis": 3, "sosial": 3, "ekonomi": 1, "keluarga": 3,
                    "legal_administrasi": 2},
    },
    "napza": {
        **_STREET, "ppks": "korban_penyalahgunaan_napza", "weight": 2, "ages": (18, 40), "male": 0.85,
        "public": False, "health": ("napza",), "subgroups": ((),), "living": ("rumah_tangga", "jalanan"),
        "consent_by": ("klien", "keluarga"),
        "intakes": (("walk_in", "keluarga", "tetap_di_keluarga", 2), ("referral_in", "polisi", "rumah_singgah", 1),
                    ("referral_in", "rumah_sakit_puskesmas", "tetap_di_keluarga", 1)),
        "factors": ("napza", "konflik_keluarga", "pengangguran"),
        "needs": ("layanan_kesehatan", "dukungan_psikososial", "pemulihan_relasi_keluarga", "pelatihan_keterampilan"),
        "goals": ("pemulihan_psikososial", "akses_kesehatan", "reunifikasi_keluarga"),
        "services": ("rujukan", "bimbingan_mental_spiritual", "bimbingan_resosialisasi"),
        "outcomes": {"penempatan_sentra_kemensos": 3, "rujuk_rumah_sakit": 1, "menolak_layanan": 2,
                     "melarikan_diri": 1, "reunifikasi_keluarga": 2},
        "problems": ("Klien menggunakan zat adiktif dan sering marah di rumah sehingga keluarga kewalahan.",
                     "Klien mengaku ingin berhenti memakai narkoba tetapi tidak tahu harus ke mana."),
        "story": ("Klien mulai memakai sejak bergaul dengan teman kerja di pelabuhan.",
                  "Keluarga sudah lelah dan sempat mengusir klien dari rumah."),
        "strengths": ("Ada motivasi untuk pulih", "Keluarga masih peduli"),
        "domains": {"fisik": 2, "psikologis": 2, "sosial": 2, "ekonomi": 2, "keluarga": 2},
    },
    "odha": {
        **_HOME, "ppks": "orang_dengan_hiv_aids", "weight": 1, "ages": (22, 50), "male": 0.6,
        "public": False, "health": ("hiv",), "subgroups": ((),), "risk": ("tinggi",),
        "intakes": (("referral_in", "rumah_sakit_puskesmas", "tetap_di_keluarga", 2), ("referral_in", "lks_lsm", "lks", 1)),
        "factors": ("penyakit_kronis", "ditelantarkan_keluarga", "kemiskinan"),
        "needs": ("layanan_kesehatan", "jaminan_kesehatan", "dukungan_psikososial", "tempat_tinggal_aman"),
        "goals": ("akses_kesehatan", "pemulihan_psikososial", "akses_bantuan_sosial"),
        "services": ("pelayanan_aksesibilitas", "rujukan", "bantuan_asistensi_sosial"),
        "outcomes": {"rujuk_rumah_sakit": 2, "penempatan_lks": 2, "reunifikasi_keluarga": 1, "hilang_kontak": 1,
                     "meninggal_dunia": 1},
        "problems": ("Klien dikucilkan keluarga setelah status kesehatannya diketahui dan tinggal seorang diri.",
                     "Klien putus pengobatan karena tidak memiliki jaminan kesehatan dan biaya transportasi."),
        "story": ("Klien takut statusnya diketahui tetangga dan menutup diri.",
                  "Pendamping sebaya dari lembaga mitra sudah mengenal klien."),
        "strengths": ("Didampingi pendamping sebaya", "Patuh berobat bila ada jaminan kesehatan"),
        "domains": {"fisik": 2, "psikologis": 2, "sosial": 1, "ekonomi": 2, "keluarga": 1},
    },
    "bwblp": {
        **_HOME, "ppks": "bekas_warga_binaan_lp", "weight": 1, "ages": (20, 55), "male": 0.9,
        "public": False, "subgroups": ((),),
        "intakes": (("referral_in", "bapas_pengadilan", "tetap_di_keluarga", 2), ("walk_in", "datang_sendiri", "rumah_singgah", 1)),
        "factors": ("pengangguran", "konflik_keluarga", "ketiadaan_dokumen"),
        "needs": ("pekerjaan_usaha", "pemulihan_relasi_keluarga", "dokumen_kependudukan", "pelatihan_keterampilan"),
        "goals": ("kemandirian_ekonomi", "reunifikasi_keluarga", "akses_adminduk"),
        "services": ("pelatihan_vokasional_kewirausahaan", "bimbingan_resosialisasi", "pelayanan_aksesibilitas"),
        "outcomes": {"hidup_mandiri": 3, "reunifikasi_keluarga": 2, "hilang_kontak": 1, "dipulangkan_daerah_asal": 1},
        "problems": ("Klien baru bebas dari lembaga pemasyarakatan dan ditolak bekerja di beberapa tempat.",
                     "Klien selesai menjalani masa pidana dan belum diterima kembali oleh keluarganya."),
        "story": ("Klien mengikuti pelatihan pertukangan selama menjalani pidana.",
                  "Stigma lingkungan membuat klien enggan keluar rumah."),
        "strengths": ("Memiliki keterampilan pertukangan", "Menyesali masa lalunya"),
        "domains": {"fisik": 4, "psikologis": 2, "sosial": 2, "ekonomi": 1, "keluarga": 2},
    },
    "keluarga_bermasalah": {
        **_HOME, "ppks": "keluarga_bermasalah_sosial_psikologis", "weight": 1, "ages": (28, 55), "male": 0.4,
        "subgroups": ((),), "marital": ("kawin",),
        "intakes": (("referral_in", "aparat_kelurahan_kecamatan", "tetap_di_keluarga", 2),
                    ("hotline", "laporan_masyarakat", "tetap_di_keluarga", 1)),
        "factors": ("konflik_keluarga", "kemiskinan", "pengangguran"),
        "needs": ("pemulihan_relasi_keluarga", "dukungan_psikososial", "bantuan_sosial"),
        "goals": ("pemulihan_psikososial", "akses_bantuan_sosial", "kemandirian_ekonomi"),
        "services": ("bimbingan_mental_spiritual", "bantuan_asistensi_sosial", "rujukan"),
        "outcomes": {"lainnya": 2, "rujuk_instansi_lain": 2, "hidup_mandiri": 1},
        "problems": ("Keluarga klien sering bertengkar hebat hingga mengganggu tetangga dan anak-anak ketakutan.",
                     "Keluarga terlilit utang dan mengalami konflik berkepanjangan."),
        "story": ("Pertengkaran dipicu masalah ekonomi dan pembagian tanggung jawab rumah tangga.",
                  "Anak-anak dalam keluarga mulai menunjukkan masalah di sekolah."),
        "strengths": ("Suami dan istri sama-sama ingin mempertahankan keluarga", "Tokoh agama setempat bersedia membantu"),
        "domains": {"psikologis": 2, "sosial": 3, "ekonomi": 2, "keluarga": 1},
    },
    "bencana": {
        **_HOME, "ppks": "korban_bencana_alam", "weight": 1, "ages": (25, 70), "male": 0.5,
        "subgroups": ((),),
        "intakes": (("home_visit", "aparat_kelurahan_kecamatan", "tetap_di_keluarga", 2),
                    ("referral_in", "aparat_kelurahan_kecamatan", "tetap_di_keluarga", 1)),
        "factors": ("bencana", "kemiskinan"),
        "needs": ("tempat_tinggal_aman", "pangan_sandang", "bantuan_sosial", "dukungan_psikososial"),
        "goals": ("akses_bantuan_sosial", "pemulihan_psikososial", "kemandirian_ekonomi"),
        "services": ("bantuan_asistensi_sosial", "bimbingan_mental_spiritual"),
        "outcomes": {"hidup_mandiri": 2, "lainnya": 2, "rujuk_instansi_lain": 1},
        "problems": ("Rumah klien rusak berat akibat banjir dan keluarga mengungsi ke rumah kerabat.",
                     "Klien kehilangan tempat usaha akibat tanah longsor di permukimannya."),
        "story": ("Keluarga masih trauma setiap kali hujan deras turun.",
                  "Perabot dan dokumen keluarga ikut hanyut terbawa banjir."),
        "strengths": ("Gotong royong warga kuat", "Keluarga besar saling membantu"),
        "domains": {"fisik": 2, "psikologis": 2, "sosial": 4, "ekonomi": 1, "keluarga": 3},
    },
}

# Receiving institution per outcome (and per profile where it differs): (provider type, name, reason).
# Names are internal only (referrals[].facility) and invented for the fictional province.
FACILITIES: dict[str, dict[str, tuple[str, str, str | None]]] = {
    "dipulangkan_daerah_asal": {"*": ("dinsos_kabkota", "Dinas Sosial kabupaten asal klien", None)},
    "penempatan_upt_panti": {
        "*": ("upt_provinsi", "UPT Pelayanan Sosial Gelandangan dan Pengemis Provinsi Jawa Nusantara", None),
        "lansia": ("upt_provinsi", "UPT Pelayanan Sosial Lanjut Usia Provinsi Jawa Nusantara", None),
        "odgj": ("upt_provinsi", "UPT Rehabilitasi Sosial Bina Laras Provinsi Jawa Nusantara", None),
    },
    "penempatan_sentra_kemensos": {
        "*": ("sentra_kemensos", "Sentra Kemensos wilayah regional", None),
        "napza": ("sentra_kemensos", "Sentra Kemensos layanan korban NAPZA",
                  "Klien membutuhkan rehabilitasi sosial korban NAPZA secara residensial."),
        "odgj": ("sentra_kemensos", "Sentra Kemensos layanan disabilitas mental", None),
        "eks_psikotik": ("sentra_kemensos", "Sentra Kemensos layanan disabilitas mental", None),
        "disabilitas_fisik": ("sentra_kemensos", "Sentra Kemensos layanan disabilitas fisik",
                              "Klien membutuhkan alat bantu dan pelatihan vokasional yang tersedia di sentra."),
        "anak_disabilitas": ("sentra_kemensos", "Sentra Kemensos layanan disabilitas anak",
                             "Anak membutuhkan terapi dan asesmen lanjutan di sentra."),
    },
    "penempatan_lks": {
        "*": ("lks", "LKS mitra penampungan", None),
        "lansia": ("lks", "Panti wreda swasta mitra", None),
        "korban_kekerasan": ("lks", "Rumah aman lembaga mitra",
                             "Klien membutuhkan tempat tinggal yang aman dan dirahasiakan."),
        "odha": ("lks", "LKS pendamping ODHA", None),
        "anak_jalanan": ("lks", "LKSA mitra", None), "anak_telantar": ("lks", "LKSA mitra", None),
        "anak_balita_telantar": ("lks", "LKSA mitra khusus balita", None),
        "anak_korban_kekerasan": ("lks", "LKSA mitra", None), "abh": ("lks", "LPKS mitra", None),
        "ampk": ("lks", "LKSA mitra", None),
    },
    "rujuk_rumah_sakit": {"*": ("rsud", "RSUD Kota Sukamaju", None)},
    "meninggal_dunia": {"*": ("rsud", "RSUD Kota Sukamaju", None)},
    "rujuk_rsj": {"*": ("rsj", "RSJ Provinsi Jawa Nusantara", None)},
    "rujuk_instansi_lain": {
        "*": ("uptd_ppa", "UPTD PPA Kota Sukamaju", None),
        "abh": ("bapas", "Balai Pemasyarakatan", "Pendampingan proses diversi berada dalam kewenangan Bapas."),
        "disabilitas_fisik": ("lks", "Lembaga mitra penyedia alat bantu disabilitas",
                              "Klien membutuhkan alat bantu yang disediakan lembaga mitra."),
        "anak_disabilitas": ("sekolah", "Sekolah luar biasa negeri", "Anak membutuhkan layanan pendidikan khusus."),
        "fakir_miskin": ("lainnya", "Lembaga amil zakat daerah",
                         "Keluarga membutuhkan bantuan modal usaha yang tidak tersedia di dinas."),
        "keluarga_bermasalah": ("lainnya", "Pusat pembelajaran keluarga",
                                "Keluarga membutuhkan konseling keluarga berkelanjutan."),
        "bencana": ("lainnya", "Badan Penanggulangan Bencana Daerah", "Perbaikan rumah menjadi kewenangan BPBD."),
    },
    "proses_hukum": {
        "*": ("kepolisian", "Unit PPA Polres", None),
        "pengemis": ("satpol_pp", "Satpol PP Kota Sukamaju",
                     "Klien mengemis secara terorganisasi dan melanggar peraturan daerah tentang ketertiban umum."),
    },
    "dialihkan_dinsos_lain": {"*": ("dinsos_kabkota", "Dinas Sosial kabupaten tetangga", None)},
}

# ---------------------------------------------------------------- assessment domains

DOMAIN_NOTES: dict[str, dict[str, tuple[str, ...]]] = {
    "fisik": {
        "low": ("Kebutuhan makan sehari-hari tidak terpenuhi secara layak.",
                "Kondisi fisik lemah, tampak kurus dan kurang tidur.",
                "Kebersihan diri buruk dan ada keluhan kesehatan yang belum diobati."),
        "mid": ("Kondisi fisik cukup, tetapi asupan makan tidak teratur.",
                "Tidak ada keluhan kesehatan berat; perlu pemeriksaan rutin.",
                "Mampu merawat diri, namun tempat tinggal kurang layak."),
        "high": ("Sehat secara fisik dan mampu beraktivitas penuh.",
                 "Kebutuhan dasar terpenuhi dengan baik."),
    },
    "psikologis": {
        "low": ("Tampak cemas, mudah menangis, dan sulit tidur.",
                "Menarik diri dan belum mau bercerita tentang masalahnya.",
                "Mengalami tekanan berat dan merasa tidak berharga."),
        "mid": ("Emosi cukup stabil, meskipun kadang murung saat membicarakan keluarga.",
                "Terbuka saat wawancara setelah beberapa kali bertemu.",
                "Ada kecemasan tentang masa depan, namun masih dapat dikelola."),
        "high": ("Emosi stabil dan optimis terhadap rencana ke depan.",
                 "Percaya diri dan mampu mengambil keputusan sendiri."),
    },
    "sosial": {
        "low": ("Relasi sosial terputus; hampir tidak memiliki teman atau tetangga yang peduli.",
                "Dijauhi lingkungan sekitar dan jarang berinteraksi."),
        "mid": ("Memiliki beberapa teman dekat yang kadang membantu.",
                "Dapat bergaul dengan orang-orang di sekitarnya."),
        "high": ("Relasi dengan tetangga dan tokoh masyarakat baik.",
                 "Aktif dalam kegiatan warga."),
    },
    "ekonomi": {
        "low": ("Tidak memiliki penghasilan tetap dan tidak memiliki aset.",
                "Bergantung sepenuhnya pada belas kasihan orang lain.",
                "Penghasilan harian tidak cukup untuk makan."),
        "mid": ("Penghasilan ada tetapi tidak menentu.",
                "Keluarga bekerja serabutan dengan pendapatan pas-pasan."),
        "high": ("Penghasilan keluarga cukup untuk kebutuhan dasar.",),
    },
    "keluarga": {
        "low": ("Hubungan dengan keluarga terputus dan keberadaan keluarga belum diketahui.",
                "Keluarga menolak atau tidak mampu merawat.",
                "Terjadi konflik berkepanjangan di dalam keluarga."),
        "mid": ("Keluarga diketahui, tetapi relasi renggang.",
                "Keluarga bersedia dihubungi namun belum siap menerima kembali."),
        "high": ("Keluarga mendukung dan terlibat dalam penanganan.",
                 "Relasi keluarga hangat dan saling membantu."),
    },
    "spiritual": {
        "low": ("Jarang menjalankan ibadah dan merasa jauh dari Tuhan.",),
        "mid": ("Menjalankan ibadah sesekali.", "Masih memiliki keyakinan yang menjadi pegangan."),
        "high": ("Rajin beribadah dan keyakinannya menjadi sumber kekuatan.",
                 "Aktif mengikuti kegiatan keagamaan."),
    },
    "legal_administrasi": {
        "low": ("Tidak memiliki KTP, KK, maupun jaminan kesehatan.",
                "Dokumen kependudukan hilang dan belum pernah diurus kembali."),
        "mid": ("Memiliki KK, tetapi KTP elektronik belum direkam.",
                "Dokumen ada di kampung halaman dan perlu dikirim keluarga."),
        "high": ("Dokumen kependudukan lengkap dan terdaftar sebagai peserta jaminan kesehatan.",),
    },
}

INSTRUMENTS = (
    "Form asesmen Dinas Sosial Kota Sukamaju",
    "Form asesmen PPKS dan wawancara mendalam",
    "Wawancara, observasi, dan form asesmen dinas",
    "Form asesmen dinas dan genogram keluarga",
)

ASSESSMENT_SUMMARIES = (
    "Masalah utama klien adalah {masalah}; kebutuhan paling mendesak adalah {kebutuhan}.",
    "Asesmen menunjukkan bahwa {masalah} menjadi akar persoalan, sehingga penanganan diarahkan pada {kebutuhan}.",
    "Klien membutuhkan {kebutuhan}; faktor yang paling berpengaruh adalah {masalah}.",
)

# ---------------------------------------------------------------- goals and services

GOALS: dict[str, tuple[tuple[str, str], ...]] = {
    "reunifikasi_keluarga": (
        ("Klien dapat kembali tinggal bersama keluarga", "Keluarga menyatakan bersedia menerima klien"),
        ("Relasi klien dengan keluarga pulih dan klien kembali ke rumah", "Klien diantar pulang dan diterima keluarga"),
        ("Keluarga klien ditemukan dan dilibatkan dalam penanganan", "Keluarga berhasil dihubungi dan hadir dalam pertemuan"),
    ),
    "penempatan_aman": (
        ("Klien memperoleh tempat tinggal yang aman dan layanan lanjutan", "Klien diterima di lembaga layanan"),
        ("Klien ditempatkan di lembaga yang sesuai kebutuhannya", "Surat penerimaan dari lembaga tujuan terbit"),
    ),
    "pemulihan_psikososial": (
        ("Kondisi psikososial klien membaik", "Klien mampu menceritakan masalahnya dan mengikuti kegiatan harian"),
        ("Klien pulih dari trauma dan merasa aman", "Skor kecemasan menurun dan klien tidur teratur"),
    ),
    "akses_kesehatan": (
        ("Klien memperoleh layanan kesehatan yang dibutuhkan", "Klien diperiksa dan mendapat pengobatan"),
        ("Klien mengakses pengobatan secara rutin", "Klien kontrol sesuai jadwal"),
    ),
    "akses_adminduk": (
        ("Klien memiliki dokumen kependudukan", "KTP elektronik dan KK klien terbit"),
        ("Identitas klien tercatat dan dapat mengakses layanan publik", "NIK klien terverifikasi di Disdukcapil"),
    ),
    "akses_bantuan_sosial": (
        ("Klien terdaftar dan menerima bantuan sosial", "Klien tercatat dalam data terpadu dan menerima bantuan"),
        ("Kebutuhan dasar keluarga klien terbantu", "Bantuan sembako dan jaminan kesehatan diterima"),
    ),
    "keterampilan_kerja": (
        ("Klien memiliki keterampilan kerja", "Klien menyelesaikan pelatihan keterampilan"),
    ),
    "kemandirian_ekonomi": (
        ("Klien memiliki sumber penghasilan sendiri", "Klien menjalankan usaha kecil atau bekerja"),
        ("Klien mampu memenuhi kebutuhan dasarnya secara mandiri", "Penghasilan rutin cukup untuk kebutuhan harian"),
    ),
    "pendidikan": (
        ("Klien kembali bersekolah", "Klien terdaftar dan hadir di sekolah"),
        ("Klien mendapat akses pendidikan yang sesuai", "Klien diterima di sekolah atau program kesetaraan"),
    ),
    "bantuan_hukum": (
        ("Hak hukum klien terlindungi", "Klien didampingi selama proses hukum"),
    ),
}

# form -> (atensi component, subtype, settings, providers, notes)
SERVICES: dict[str, dict[str, Any]] = {
    "perawatan_pengasuhan": {
        "atensi": "dukungan_pemenuhan_hidup_layak", "subtype": None,
        "notes": ("Penempatan sementara dengan makan, pakaian, dan tempat istirahat.",
                  "Pemenuhan kebutuhan dasar selama di penampungan.",
                  "Klien mendapat makan tiga kali sehari, pakaian layak, dan perlengkapan mandi."),
    },
    "motivasi_diagnosis_psikososial": {
        "atensi": "terapi", "subtype": "psikososial",
        "notes": ("Wawancara motivasi untuk membangun kesediaan klien mengikuti layanan.",
                  "Diagnosis psikososial awal bersama pekerja sosial.",
                  "Motivasi agar klien terbuka tentang keluarga dan rencana ke depan."),
    },
    "bimbingan_sosial_konseling_psikososial": {
        "atensi": "terapi", "subtype": "psikososial",
        "notes": ("Konseling individu tentang masalah keluarga dan rencana hidup.",
                  "Bimbingan sosial kelompok bersama klien lain yang sedang didampingi.",
                  "Konseling untuk mengelola emosi dan membangun kepercayaan diri.",
                  "Sesi konseling lanjutan; klien mulai menyusun rencananya sendiri."),
    },
    "bimbingan_mental_spiritual": {
        "atensi": "terapi", "subtype": "mental_spiritual",
        "notes": ("Bimbingan keagamaan bersama pembina rohani.",
                  "Klien mengikuti kegiatan ibadah dan ceramah rutin di penampungan.",
                  "Bimbingan mental spiritual untuk menguatkan harapan klien."),
    },
    "bimbingan_fisik": {
        "atensi": "terapi", "subtype": "fisik",
        "notes": ("Senam pagi dan pemeriksaan kesehatan sederhana.",
                  "Pemeriksaan kesehatan oleh tenaga puskesmas.",
                  "Pendampingan kebersihan diri dan pola makan teratur."),
    },
    "pelatihan_vokasional_kewirausahaan": {
        "atensi": "pelatihan_vokasional_kewirausahaan", "subtype": None,
        "notes": ("Pelatihan keterampilan dasar usaha makanan ringan.",
                  "Klien mengikuti pelatihan menjahit selama dua minggu.",
                  "Pembinaan kewirausahaan dan penyusunan rencana usaha kecil.",
                  "Pelatihan perbengkelan sederhana bersama lembaga mitra."),
    },
    "pelayanan_aksesibilitas": {
        "atensi": "dukungan_aksesibilitas", "subtype": "adminduk",
        "notes": ("Pendampingan perekaman KTP elektronik di Disdukcapil.",
                  "Pengurusan KK dan NIK bersama petugas kependudukan.",
                  "Pengajuan kepesertaan jaminan kesehatan PBI setelah NIK terverifikasi.",
                  "Penerbitan surat keterangan untuk akses layanan kesehatan."),
    },
    "bantuan_asistensi_sosial": {
        "atensi": "bantuan_asistensi_sosial", "subtype": None,
        "notes": ("Pemberian paket sembako dan perlengkapan kebersihan.",
                  "Usulan pendaftaran ke data terpadu kesejahteraan sosial.",
                  "Bantuan modal usaha kecil berupa peralatan.",
                  "Bantuan ongkos pulang dan bekal perjalanan."),
    },
    "bimbingan_resosialisasi": {
        "atensi": "dukungan_keluarga", "subtype": None,
        "notes": ("Persiapan klien dan keluarga sebelum kembali ke lingkungan asal.",
                  "Pertemuan dengan keluarga dan aparat lingkungan untuk menerima klien.",
                  "Bimbingan kesiapan klien hidup kembali di masyarakat."),
    },
    "bimbingan_lanjut": {
        "atensi": "dukungan_keluarga", "subtype": None,
        "notes": ("Kunjungan lanjutan untuk memastikan klien beradaptasi.",
                  "Pemantauan kepatuhan minum obat bersama keluarga."),
    },
    "rujukan": {
        "atensi": "dukungan_keluarga", "subtype": None,
        "notes": ("Penyiapan berkas dan pendampingan rujukan ke lembaga tujuan.",
                  "Koordinasi rujukan dengan lembaga mitra."),
    },
}

FAMILY_SUPPORT_NOTES = (
    "Konseling keluarga untuk menyiapkan penerimaan klien.",
    "Mediasi antara klien dan keluarga di kantor kelurahan.",
    "Kunjungan rumah untuk membicarakan peran keluarga dalam pemulihan klien.",
)

# ---------------------------------------------------------------- outcomes

# goal: the plan goal type this outcome fulfils (None: the profile's first goal, planned but not met).
# referral: (kind, reasons, outcome text) or None; the receiving institution comes from FACILITIES.
# aftercare: (provider type, probability) or None. progress/contact: the last evaluation.
OUTCOMES: dict[str, dict[str, Any]] = {
    "reunifikasi_keluarga": {
        "goal": "reunifikasi_keluarga", "attainment": ("tercapai", "tercapai", "sebagian"),
        "referral": None, "aftercare": ("dinsos_kabkota", 0.6), "progress": "membaik", "contact": "berhasil",
        "reasons": ("Keluarga bersedia menerima klien dan klien telah diantar pulang.",
                    "Klien kembali tinggal bersama keluarga setelah mediasi berhasil.",
                    "Relasi dengan keluarga pulih; klien diserahkan kepada keluarga dengan berita acara."),
        "termination": ("Klien diantar pulang oleh petugas dan disambut keluarganya.",
                        "Terminasi dilakukan setelah keluarga menandatangani berita acara serah terima.",
                        "Klien dan keluarga sepakat melanjutkan hidup bersama; pekerja sosial akan memantau melalui kunjungan rumah."),
    },
    "dipulangkan_daerah_asal": {
        "goal": "reunifikasi_keluarga", "attainment": ("tercapai", "sebagian"),
        "referral": ("transfer", ("Klien berasal dari luar kota dan perlu dipulangkan serta dipantau di daerah asal.",),
                     "Dinas sosial daerah asal menerima klien dan menghubungi keluarga."),
        "aftercare": ("dinsos_kabkota", 0.3), "progress": "membaik", "contact": "berhasil",
        "reasons": ("Klien dipulangkan ke daerah asal dan diterima oleh keluarga.",
                    "Klien dipulangkan dengan bekal perjalanan setelah keluarga di kampung dapat dihubungi."),
        "termination": ("Klien berangkat pulang dengan didampingi petugas hingga terminal tujuan.",
                        "Pemulangan berjalan lancar; dinas sosial daerah asal mengonfirmasi klien telah tiba."),
    },
    "penempatan_upt_panti": {
        "goal": "penempatan_aman", "attainment": ("tercapai", "sebagian"),
        "referral": ("transfer", ("Klien membutuhkan rehabilitasi sosial dalam panti karena tidak ada keluarga yang dapat merawat.",
                      "Keluarga tidak dapat dihubungi dan klien membutuhkan pengasuhan jangka panjang."),
                     "Klien diterima untuk rehabilitasi sosial di dalam panti."),
        "aftercare": ("upt_provinsi", 0.5), "progress": "membaik", "contact": "tidak_dapat_dihubungi",
        "reasons": ("Reunifikasi tidak memungkinkan; klien ditempatkan di UPT provinsi.",
                    "Klien membutuhkan perawatan jangka panjang di panti provinsi."),
        "termination": ("Klien diantar ke UPT provinsi bersama berkas asesmen dan rencana layanan.",
                        "Serah terima klien kepada petugas panti berjalan baik; klien tampak menerima keputusan ini."),
    },
    "penempatan_sentra_kemensos": {
        "goal": "penempatan_aman", "attainment": ("tercapai",),
        "referral": ("transfer", ("Klien membutuhkan rehabilitasi sosial lanjut yang tersedia di sentra Kemensos.",),
                     "Sentra menerima klien untuk layanan ATENSI residensial."),
        "aftercare": ("sentra_kemensos", 0.5), "progress": "membaik", "contact": "berhasil",
        "reasons": ("Klien dirujuk ke sentra Kemensos untuk rehabilitasi sosial lanjut.",),
        "termination": ("Klien berangkat ke sentra Kemensos didampingi pekerja sosial.",
                        "Berkas rujukan diterima sentra; pekerja sosial sentra akan melanjutkan penanganan."),
    },
    "penempatan_lks": {
        "goal": "penempatan_aman", "attainment": ("tercapai", "sebagian"),
        "referral": ("transfer", ("Klien membutuhkan pengasuhan dan tempat tinggal yang aman yang tersedia di LKS mitra.",),
                     "LKS menerima klien dan menyusun rencana pengasuhan."),
        "aftercare": ("lks", 0.5), "progress": "membaik", "contact": "menolak",
        "reasons": ("Klien diserahkan kepada LKS mitra yang sanggup mengasuhnya.",
                    "Keluarga tidak mampu mengasuh; klien ditempatkan di LKS."),
        "termination": ("Klien diserahkan kepada pengurus LKS dengan berita acara.",
                        "Pekerja sosial memperkenalkan klien kepada pengasuh di LKS sebelum serah terima."),
    },
    "rujuk_rumah_sakit": {
        "goal": "akses_kesehatan", "attainment": ("tercapai", "sebagian"),
        "referral": ("referral", ("Klien membutuhkan perawatan medis lanjutan.",
                      "Kondisi kesehatan klien menurun dan memerlukan rawat inap."),
                     "Klien dirawat inap di rumah sakit."),
        "aftercare": ("rsud", 0.2), "progress": "memburuk", "contact": "tidak_dicoba",
        "reasons": ("Klien dirujuk untuk perawatan medis lanjutan; layanan sosial dinas ditutup.",
                    "Penanganan dilanjutkan oleh rumah sakit karena kebutuhan utama klien adalah perawatan medis."),
        "termination": ("Klien diserahkan kepada pihak rumah sakit dengan jaminan kesehatan yang sudah aktif.",),
    },
    "rujuk_rsj": {
        "goal": "akses_kesehatan", "attainment": ("tercapai",),
        "referral": ("referral", ("Klien menunjukkan gejala gangguan jiwa berat dan membutuhkan perawatan psikiatri.",
                      "Klien perlu stabilisasi kondisi kejiwaan sebelum layanan sosial dilanjutkan."),
                     "Klien dirawat di RSJ."),
        "aftercare": ("rsj", 0.4), "progress": "tetap", "contact": "tidak_dapat_dihubungi",
        "reasons": ("Klien dirujuk ke RSJ untuk perawatan psikiatri.",
                    "Penanganan dilanjutkan oleh RSJ; dinas akan menelusuri keluarga setelah klien stabil."),
        "termination": ("Klien diantar ke RSJ bersama petugas URC dan tenaga kesehatan.",
                        "Klien diterima di bangsal perawatan RSJ setelah pemeriksaan di instalasi gawat darurat."),
    },
    "rujuk_instansi_lain": {
        "goal": None, "attainment": ("tercapai", "sebagian"),
        "referral": ("referral", ("Penanganan lanjutan berada dalam kewenangan lembaga lain.",
                      "Klien membutuhkan layanan perlindungan dan pendampingan hukum."),
                     "Lembaga tujuan menerima rujukan dan menunjuk pendamping."),
        "aftercare": ("uptd_ppa", 0.4), "progress": "membaik", "contact": "berhasil",
        "reasons": ("Kasus dirujuk ke lembaga yang berwenang menangani kebutuhan utama klien.",),
        "termination": ("Pekerja sosial menyerahkan laporan asesmen kepada lembaga tujuan.",
                        "Rujukan diterima; dinas tetap berkoordinasi bila dibutuhkan."),
    },
    "hidup_mandiri": {
        "goal": "kemandirian_ekonomi", "attainment": ("tercapai", "sebagian"),
        "referral": None, "aftercare": ("dinsos_kabkota", 0.5), "progress": "membaik", "contact": "tidak_dicoba",
        "reasons": ("Klien sudah memiliki penghasilan sendiri dan dapat memenuhi kebutuhan dasarnya.",
                    "Tujuan rencana tercapai; klien mampu memenuhi kebutuhan dasarnya."),
        "termination": ("Terminasi dilakukan setelah klien menjalankan usahanya selama beberapa minggu.",
                        "Klien menyatakan siap mandiri dan berterima kasih atas pendampingan."),
    },
    "dialihkan_dinsos_lain": {
        "goal": None, "attainment": ("belum_dinilai", "sebagian"),
        "referral": ("transfer", ("Klien berdomisili di wilayah dinas sosial lain yang berwenang melanjutkan penanganan.",),
                     "Dinas sosial tujuan menerima pengalihan kasus."),
        "aftercare": None, "progress": "tetap", "contact": "berhasil",
        "reasons": ("Kasus dialihkan ke dinas sosial daerah domisili klien.",),
        "termination": ("Berkas kasus diserahkan kepada dinas sosial tujuan melalui surat pengalihan.",),
    },
    "proses_hukum": {
        "goal": "bantuan_hukum", "attainment": ("sebagian", "tercapai"),
        "referral": ("referral", ("Terdapat dugaan tindak pidana yang perlu diproses oleh penegak hukum.",),
                     "Laporan diterima dan diproses oleh kepolisian."),
        "aftercare": None, "progress": "tetap", "contact": "berhasil",
        "reasons": ("Kasus diserahkan untuk proses hukum; dinas memberikan laporan sosial.",),
        "termination": ("Pekerja sosial menyusun laporan sosial untuk kepentingan proses hukum.",),
    },
    "melarikan_diri": {
        "goal": None, "attainment": ("tidak_tercapai",),
        "referral": None, "aftercare": None, "progress": "memburuk", "contact": "tidak_dapat_dihubungi",
        "reasons": ("Klien meninggalkan penampungan tanpa pamit dan tidak ditemukan saat dicari.",
                    "Klien kabur saat kegiatan di luar penampungan; pencarian bersama URC tidak berhasil."),
        "termination": ("Petugas menyisir lokasi klien biasa berada selama beberapa hari, tetapi klien tidak ditemukan.",
                        "Kasus ditutup dengan catatan agar URC menghubungi dinas bila klien ditemukan kembali."),
    },
    "menolak_layanan": {
        "goal": None, "attainment": ("tidak_tercapai",),
        "referral": None, "aftercare": None, "progress": "tetap", "contact": "tidak_dicoba",
        "reasons": ("Klien menolak melanjutkan layanan setelah diberi penjelasan tentang pilihan yang ada.",
                    "Klien memilih tidak mengikuti rencana layanan; keputusan klien dihormati."),
        "termination": ("Klien menandatangani pernyataan menolak layanan dan diberi informasi cara menghubungi dinas.",),
    },
    "hilang_kontak": {
        "goal": None, "attainment": ("sebagian", "tidak_tercapai"),
        "referral": None, "aftercare": None, "progress": "tidak_diketahui", "contact": "tidak_dapat_dihubungi",
        "reasons": ("Klien tidak dapat dihubungi lagi setelah pindah tempat tinggal.",
                    "Kunjungan lanjutan tidak menemukan klien di alamat yang diketahui."),
        "termination": ("Setelah tiga kali kunjungan tanpa hasil, kasus ditutup sebagai hilang kontak.",),
    },
    "meninggal_dunia": {
        "goal": None, "attainment": ("tidak_tercapai",),
        "referral": ("referral", ("Kondisi kesehatan klien kritis dan memerlukan perawatan rumah sakit.",),
                     "Klien dirawat, namun meninggal dunia dalam perawatan."),
        "aftercare": None, "progress": "memburuk", "contact": "berhasil",
        "reasons": ("Klien meninggal dunia dalam perawatan rumah sakit.",),
        "termination": ("Dinas membantu pemulasaraan jenazah dan memberi kabar kepada keluarga.",
                        "Kasus ditutup setelah pemakaman difasilitasi bersama aparat kelurahan."),
    },
    "tidak_memenuhi_kriteria": {
        "goal": None, "attainment": ("belum_dinilai",),
        "referral": None, "aftercare": None, "progress": "tetap", "contact": "berhasil",
        "reasons": ("Asesmen menunjukkan klien memiliki tempat tinggal dan penghasilan sehingga tidak termasuk PPKS.",
                    "Klien tidak memenuhi kriteria PPKS; diberi pembinaan dan diserahkan kepada keluarga."),
        "termination": ("Klien dipulangkan setelah keluarga datang menjemput dan menandatangani surat pernyataan.",),
    },
    "lainnya": {
        "goal": None, "attainment": ("sebagian", "tercapai"),
        "referral": None, "aftercare": ("dinsos_kabkota", 0.3), "progress": "membaik", "contact": "berhasil",
        "reasons": ("Layanan selesai; klien tetap tinggal bersama keluarga dengan dukungan bantuan sosial.",
                    "Kebutuhan utama terpenuhi dan pemantauan diserahkan kepada pendamping di kelurahan."),
        "termination": ("Terminasi dilakukan bersama keluarga dan pendamping sosial kelurahan.",),
    },
}

# ---------------------------------------------------------------- stage notes

ENGAGEMENT = {
    "urc_patrol": ("Klien kami temui saat patroli URC di {tempat}.",
                   "Tim URC menjangkau klien di {tempat} setelah beberapa kali melihatnya di lokasi yang sama.",
                   "Saat patroli malam, petugas URC mendekati klien di {tempat}."),
    "satpol_pp": ("Klien terjaring penertiban gabungan bersama Satpol PP di {tempat}.",
                  "Satpol PP menyerahkan klien kepada dinas setelah penertiban di {tempat}."),
    "laporan_masyarakat": ("Warga melapor melalui layanan pengaduan tentang kondisi klien di {tempat}.",
                           "Laporan masyarakat masuk melalui telepon pengaduan; petugas segera meninjau lokasi."),
    "polisi": ("Kepolisian menyerahkan klien kepada dinas untuk penanganan sosial.",
               "Klien diantar petugas kepolisian ke kantor dinas bersama surat pengantar."),
    "uptd_ppa_dp3a": ("UPTD PPA merujuk klien untuk layanan rehabilitasi sosial.",
                      "Rujukan dari UPTD PPA diterima bersama ringkasan kronologi."),
    "rumah_sakit_puskesmas": ("Pekerja sosial rumah sakit menghubungi dinas tentang klien yang tidak didampingi keluarga.",
                              "Puskesmas merujuk klien karena membutuhkan dukungan sosial di luar layanan medis."),
    "rsj": ("RSJ menghubungi dinas menjelang kepulangan klien.",
            "Dinas menerima pemberitahuan dari RSJ bahwa klien sudah boleh pulang."),
    "aparat_kelurahan_kecamatan": ("Aparat kelurahan menyampaikan kondisi klien dan meminta kunjungan rumah.",
                                   "Kunjungan rumah dilakukan bersama aparat kelurahan setelah ada laporan tentang klien."),
    "keluarga": ("Keluarga datang ke kantor dinas meminta bantuan untuk klien.",
                 "{keluarga_cap} klien menghubungi dinas dan meminta pendampingan."),
    "datang_sendiri": ("Klien datang sendiri ke kantor dinas dan menyampaikan kebutuhannya.",
                       "Klien datang ke layanan pengaduan dinas dengan membawa surat pengantar kelurahan."),
    "dinsos_lain": ("Dinas sosial daerah lain meminta bantuan penanganan sementara klien.",),
    "sentra_kemensos": ("Sentra Kemensos meminta dinas melanjutkan pendampingan klien di daerah.",),
    "lks_lsm": ("Lembaga mitra merujuk klien untuk mendapatkan layanan dinas.",),
    "bapas_pengadilan": ("Balai Pemasyarakatan meminta pendampingan sosial bagi klien.",),
    "sekolah": ("Pihak sekolah melaporkan kondisi klien kepada dinas.",),
    "lainnya": ("Klien dirujuk oleh instansi terkait di pelabuhan kedatangan.",
                "Petugas posko kepulangan pekerja migran menyerahkan klien kepada dinas."),
}

ENGAGEMENT_FOLLOW = (
    "Petugas memperkenalkan diri dan menjelaskan tujuan pendampingan dengan bahasa yang sederhana.",
    "Setelah diberi penjelasan, klien setuju mengikuti proses penanganan.",
    "Kontrak layanan disampaikan secara lisan lalu dicatat dalam form persetujuan.",
    "Pendekatan awal dilakukan dengan mendengarkan cerita klien tanpa menghakimi.",
)
ENGAGEMENT_FOLLOW_STREET = (
    "Awalnya klien menolak berbicara, tetapi bersedia ikut setelah ditawari makan dan tempat beristirahat.",
    "Klien tampak lelah dan curiga, sehingga pendekatan dilakukan perlahan.",
    "Petugas memperkenalkan diri dan menjelaskan bahwa penampungan bukan tempat tahanan.",
)
ENGAGEMENT_PLACEMENT = {
    "rumah_singgah": "Klien ditempatkan sementara di rumah singgah.",
    "rps": "Klien ditempatkan sementara di Rumah Perlindungan Sosial.",
    "tetap_di_keluarga": "Klien tetap tinggal bersama keluarga selama penanganan.",
    "rsud": "Klien dibawa ke rumah sakit umum daerah untuk pemeriksaan awal.",
    "rsj": "Klien langsung dibawa ke RSJ untuk pemeriksaan kejiwaan.",
    "lks": "Klien dititipkan sementara di LKS mitra.",
    "tidak_ada": "Klien tidak membutuhkan penempatan dan didampingi di lokasi.",
    "panti_upt_provinsi": "Klien dititipkan sementara di UPT provinsi.",
    "sentra_kemensos": "Klien dititipkan sementara di sentra Kemensos.",
}

ASSESSMENT_OPEN = (
    "Asesmen dilakukan dalam {n} kali pertemuan dengan wawancara dan observasi.",
    "Asesmen menggunakan form dinas, dilengkapi keterangan dari petugas yang pertama menangani klien.",
    "Kami menggali riwayat hidup klien, kondisi keluarga, dan kebutuhannya saat ini.",
    "Asesmen awal dilakukan bersama pembimbing lapangan, lalu dilanjutkan sendiri oleh mahasiswa.",
)
ASSESSMENT_CLOSE = (
    "Hasil asesmen dibahas dalam rapat kasus bersama pembimbing lapangan.",
    "Informasi dari klien dicocokkan dengan keterangan petugas dan keluarga.",
    "Beberapa hal masih perlu digali pada pertemuan berikutnya.",
    "Klien tampak lebih terbuka pada pertemuan kedua.",
)
PLANNING = (
    "Rencana intervensi disusun bersama klien dan disetujui pembimbing lapangan.",
    "Tujuan disusun agar dapat diukur, dengan target waktu yang realistis.",
    "Rencana utama adalah {tujuan}; rencana alternatif disiapkan bila rencana utama tidak berhasil.",
    "Klien dilibatkan dalam menentukan prioritas layanan.",
    "Rapat kasus menyepakati pembagian tugas antara pekerja sosial dan mahasiswa magang.",
)
INTERVENTION = (
    "Intervensi dimulai dengan {layanan}.",
    "Selama intervensi, pekerja sosial memberikan {layanan} sesuai rencana.",
    "Layanan utama pada tahap ini adalah {layanan}.",
)
INTERVENTION_FOLLOW = (
    "Klien mengikuti kegiatan dengan cukup aktif.",
    "Beberapa kegiatan tertunda karena menunggu jadwal lembaga mitra.",
    "Pekerja sosial mencatat perkembangan klien setiap minggu.",
    "Klien mulai menunjukkan inisiatif dalam kegiatan harian.",
    "Pendampingan dilakukan bergantian oleh pekerja sosial dan mahasiswa magang.",
)
RESOCIALIZATION = (
    "Klien dipersiapkan untuk kembali ke lingkungannya melalui pertemuan dengan keluarga dan tetangga.",
    "Resosialisasi dilakukan secara bertahap: kunjungan singkat ke rumah sebelum klien benar-benar pulang.",
    "Aparat lingkungan dilibatkan agar klien diterima kembali tanpa stigma.",
)
EVALUATION = {
    "membaik": ("Evaluasi menunjukkan perkembangan yang baik: klien lebih tenang dan kooperatif.",
                "Kondisi klien membaik dan sebagian tujuan sudah tercapai.",
                "Klien menunjukkan kemajuan yang nyata dibandingkan saat asesmen."),
    "tetap": ("Evaluasi belum menunjukkan perubahan berarti; rencana perlu disesuaikan.",
              "Kondisi klien relatif tetap dan beberapa layanan belum terlaksana."),
    "memburuk": ("Kondisi klien menurun sehingga rencana layanan harus ditinjau ulang.",
                 "Evaluasi mencatat kemunduran; pekerja sosial berkonsultasi dengan pembimbing."),
    "tidak_diketahui": ("Perkembangan klien tidak dapat dinilai karena klien jarang dapat ditemui.",),
}
EVALUATION_NOTES = {
    "evaluasi": ("Evaluasi bersama pembimbing lapangan tentang capaian tujuan.",
                 "Peninjauan rencana intervensi dan capaian tiap tujuan.",
                 "Rapat evaluasi kasus bersama tim rehabilitasi sosial."),
    "kontak_keluarga": ("Upaya menghubungi keluarga melalui aparat kelurahan asal.",
                        "Penelusuran keluarga melalui telepon dan surat ke kelurahan.",
                        "Pertemuan dengan keluarga untuk membicarakan rencana kepulangan."),
    "kunjungan_lanjut": ("Kunjungan lanjutan ke tempat tinggal klien.",
                         "Pemantauan kondisi klien setelah layanan diberikan."),
    "kontak_lembaga": ("Koordinasi dengan lembaga mitra tentang perkembangan klien.",
                       "Konfirmasi jadwal penerimaan dari lembaga tujuan."),
}
AFTERCARE = (
    "Bimbingan lanjut dilakukan melalui kunjungan rumah dan komunikasi dengan keluarga.",
    "Pemantauan lanjutan dilakukan bersama pendamping di kelurahan.",
)
REFLECTIONS = (
    "Saya belajar bahwa rencana alternatif perlu disusun sejak awal, bukan setelah rencana utama gagal.",
    "Kasus ini mengajarkan saya pentingnya membangun kepercayaan sebelum menggali informasi pribadi.",
    "Saya menyadari bahwa keputusan klien harus dihormati walaupun berbeda dengan harapan pekerja sosial.",
    "Koordinasi dengan lembaga lain ternyata memakan waktu; berkas rujukan sebaiknya disiapkan lebih awal.",
    "Keterlibatan keluarga menjadi kunci keberhasilan; tanpa keluarga, pilihan layanan sangat terbatas.",
    "Saya belajar mencatat setiap kontak dengan klien secara rinci agar perkembangan kasus dapat dievaluasi.",
    "Menghadapi klien dalam krisis membuat saya memahami batas peran mahasiswa dan pentingnya supervisi.",
)

# ---------------------------------------------------------------- public stories

STORY_TITLES = {
    "reunifikasi_keluarga": ("Kembali ke rumah", "Pulang ke pelukan keluarga", "Jalan pulang yang panjang"),
    "dipulangkan_daerah_asal": ("Pulang ke kampung halaman", "Bekal untuk pulang"),
    "penempatan_upt_panti": ("Tempat yang aman untuk melanjutkan hidup", "Dari jalanan ke layanan lanjutan"),
    "penempatan_sentra_kemensos": ("Langkah baru di sentra rehabilitasi",),
    "penempatan_lks": ("Pengasuhan yang lebih baik",),
    "hidup_mandiri": ("Berdiri di atas kaki sendiri", "Usaha kecil, harapan besar", "Mandiri setelah pendampingan"),
    "lainnya": ("Dukungan untuk bertahan", "Bantuan yang tepat waktu"),
    "rujuk_rumah_sakit": ("Mendapat perawatan yang dibutuhkan",),
    "rujuk_instansi_lain": ("Bersama lembaga mitra",),
}
STORY_OPEN = {
    "pengemis": ("Seorang warga yang hidup dari meminta-minta di jalan ditemui tim penjangkauan dinas.",
                 "Seorang pengemis yang kehilangan pekerjaan mendapat pendampingan dari dinas sosial."),
    "gelandangan": ("Seorang warga tanpa tempat tinggal ditemukan dalam kondisi tidak terurus dan dibawa ke rumah singgah.",),
    "disabilitas_fisik": ("Seorang penyandang disabilitas fisik yang lama berdiam di rumah meminta bantuan dinas.",),
    "lansia": ("Seorang lanjut usia yang hidup sendiri tanpa perawatan dilaporkan oleh warga.",),
    "pemulung": ("Sebuah keluarga pemulung yang belum tersentuh bantuan didampingi dinas sosial.",),
    "pmbs": ("Seorang pekerja migran yang pulang tanpa bekal mendapat pertolongan di kota ini.",),
    "prse": ("Seorang ibu yang menjadi tulang punggung keluarga mendapat pendampingan ekonomi.",),
    "fakir_miskin": ("Sebuah keluarga miskin yang belum terdaftar sebagai penerima bantuan didampingi dinas.",),
    "bencana": ("Sebuah keluarga yang rumahnya rusak akibat bencana mendapat pendampingan.",),
    "keluarga_bermasalah": ("Sebuah keluarga yang dilanda konflik berkepanjangan didampingi pekerja sosial.",),
}
STORY_MIDDLE = (
    "Melalui asesmen, pekerja sosial dan mahasiswa magang memetakan kebutuhannya dan menyusun rencana bersama.",
    "Pendampingan berlangsung beberapa minggu dengan konseling, bimbingan, dan bantuan sesuai kebutuhan.",
    "Tim rehabilitasi sosial bekerja sama dengan keluarga dan lembaga mitra.",
)
STORY_END = {
    "reunifikasi_keluarga": "Kini ia kembali tinggal bersama keluarganya.",
    "dipulangkan_daerah_asal": "Ia akhirnya dipulangkan ke daerah asal dan diterima keluarganya.",
    "penempatan_upt_panti": "Ia kini mendapat perawatan dan pembinaan di panti sosial provinsi.",
    "penempatan_sentra_kemensos": "Ia melanjutkan rehabilitasi sosial di sentra Kemensos.",
    "penempatan_lks": "Ia kini diasuh oleh lembaga kesejahteraan sosial mitra.",
    "hidup_mandiri": "Kini ia memiliki penghasilan sendiri dan hidup mandiri.",
    "lainnya": "Kebutuhan dasarnya kini terbantu dan ia tetap didampingi di lingkungannya.",
    "rujuk_rumah_sakit": "Ia kini mendapat perawatan medis dengan jaminan kesehatan yang aktif.",
    "rujuk_instansi_lain": "Penanganannya dilanjutkan bersama lembaga mitra yang berwenang.",
}

# ---------------------------------------------------------------- interns, logbooks, references

UNIVERSITIES = (
    ("Universitas Nusantara Raya", "Fakultas Ilmu Sosial dan Ilmu Politik", "Ilmu Kesejahteraan Sosial"),
    ("Universitas Bumi Cendana", "Fakultas Ilmu Sosial dan Ilmu Politik", "Sosiologi"),
    ("Sekolah Tinggi Kesejahteraan Sosial Tunas Bangsa", "Program Sarjana Terapan", "Pekerjaan Sosial"),
    ("Universitas Teluk Harapan", "Fakultas Dakwah dan Komunikasi", "Pengembangan Masyarakat Islam"),
)

# kind, programme name, weeks of placement, courses
PROGRAMMES = (
    ("msib", "Magang dan Studi Independen Bersertifikat (MSIB)", 19,
     (("Praktik Pekerjaan Sosial Mikro", 4), ("Manajemen Kasus", 3), ("Praktik Kerja Lapangan", 13))),
    ("kmms", "Kegiatan Magang Mahasiswa Sosiologi (KMMS)", 9, (("Magang Sosiologi", 4),)),
    ("praktikum_peksos", "Praktikum Institusi Pekerjaan Sosial", 12,
     (("Praktikum Pekerjaan Sosial Institusi", 6), ("Supervisi Pekerjaan Sosial", 2))),
    ("pkl", "Praktik Kerja Lapangan (PKL)", 8, (("Praktik Kerja Lapangan", 4),)),
)

LOG_ACTIVITIES = {
    "patroli_urc": ("Mengikuti patroli Unit Reaksi Cepat dan pendataan PPKS di ruang publik.",
                    "Patroli URC malam hari bersama petugas; penjangkauan PPKS jalanan.",
                    "Penjangkauan di kawasan pasar dan terminal bersama tim URC.",
                    "Menindaklanjuti laporan warga bersama URC dan mencatat hasil penjangkauan."),
    "asesmen": ("Asesmen klien baru dengan form asesmen dinas.", "Asesmen lanjutan dan wawancara informan.",
                "Melengkapi aspek asesmen yang belum terisi dan menyusun ringkasan masalah.",
                "Wawancara dengan keluarga klien untuk melengkapi asesmen."),
    "pendampingan": ("Mendampingi klien mengurus layanan di instansi terkait.",
                     "Pendampingan klien selama pemeriksaan kesehatan.",
                     "Mendampingi klien ke kantor kependudukan untuk pengurusan dokumen.",
                     "Mendampingi klien mengikuti kegiatan di lembaga mitra."),
    "kunjungan_rumah": ("Kunjungan rumah untuk menelusuri keluarga klien.", "Kunjungan rumah bersama aparat kelurahan.",
                        "Kunjungan lanjutan untuk memantau kondisi klien setelah layanan.",
                        "Kunjungan rumah untuk membicarakan rencana kepulangan dengan keluarga."),
    "rujukan": ("Menyiapkan berkas rujukan dan berkoordinasi dengan lembaga tujuan.",
                "Mengantar klien ke lembaga rujukan.",
                "Menghubungi lembaga tujuan untuk memastikan jadwal penerimaan klien."),
    "konseling": ("Konseling individu dengan klien di rumah singgah.", "Sesi konseling keluarga.",
                  "Konseling lanjutan tentang rencana hidup klien setelah layanan selesai."),
    "rapat": ("Rapat koordinasi kasus bersama tim rehabilitasi sosial.",
              "Rapat evaluasi mingguan dengan pembimbing lapangan.",
              "Supervisi individual dengan pembimbing lapangan tentang kasus yang ditangani.",
              "Rapat koordinasi dengan lembaga mitra tentang rujukan bulan ini."),
    "administrasi": ("Merapikan berkas kasus dan input data layanan.", "Menyusun laporan kegiatan mingguan.",
                     "Membantu rekap data PPKS bulanan bidang rehabilitasi sosial.",
                     "Menyiapkan surat-menyurat dan arsip layanan."),
    "pelatihan": ("Mengikuti pembekalan tentang etika pekerjaan sosial dan perlindungan data klien.",
                  "Pelatihan penggunaan aplikasi pendataan kesejahteraan sosial.",
                  "Mengikuti sosialisasi program rehabilitasi sosial dari dinas provinsi."),
    "dokumentasi": ("Menulis catatan kasus dan memperbarui berkas YAML kasus.", "Dokumentasi kegiatan layanan.",
                    "Memperbarui catatan perkembangan klien setelah kunjungan.",
                    "Menyusun refleksi mingguan dan memperbarui logbook."),
}
LOG_PLACES = {
    "patroli_urc": "Ruang publik pusat kota", "asesmen": "Rumah singgah", "pendampingan": "Kantor instansi mitra",
    "kunjungan_rumah": "Rumah keluarga klien", "rujukan": "Lembaga rujukan", "konseling": "Rumah singgah",
    "rapat": "Kantor dinas", "administrasi": "Kantor dinas", "pelatihan": "Aula dinas", "dokumentasi": "Kantor dinas",
}
LOG_OUTPUTS = {
    "asesmen": "Form asesmen terisi", "kunjungan_rumah": "Catatan kunjungan rumah", "rujukan": "Surat rujukan",
    "rapat": "Notulen rapat kasus", "administrasi": "Berkas kasus lengkap", "konseling": "Catatan konseling",
    "patroli_urc": "Data hasil penjangkauan", "dokumentasi": "Catatan kasus diperbarui",
}

REFERENCES: tuple[dict[str, Any], ...] = (
    {"id": "uu11_2009", "type": "regulation", "organisation": "Republik Indonesia", "year": 2009,
     "title": "Undang-Undang Nomor 11 Tahun 2009 tentang Kesejahteraan Sosial"},
    {"id": "pp39_2012", "type": "regulation", "organisation": "Republik Indonesia", "year": 2012,
     "title": "Peraturan Pemerintah Nomor 39 Tahun 2012 tentang Penyelenggaraan Kesejahteraan Sosial"},
    {"id": "permensos8_2012", "type": "regulation", "organisation": "Kementerian Sosial Republik Indonesia",
     "year": 2012,
     "title": "Peraturan Menteri Sosial Nomor 08 Tahun 2012 tentang Pedoman Pendataan dan Pengelolaan Data PMKS dan PSKS"},
    {"id": "permensos7_2022", "type": "regulation", "organisation": "Kementerian Sosial Republik Indonesia",
     "year": 2022, "title": "Peraturan Menteri Sosial Nomor 7 Tahun 2022 tentang Asistensi Rehabilitasi Sosial"},
    {"id": "uu27_2022", "type": "regulation", "organisation": "Republik Indonesia", "year": 2022,
     "title": "Undang-Undang Nomor 27 Tahun 2022 tentang Pelindungan Data Pribadi"},
    {"id": "pratama2020asesmen", "type": "book", "authors": [{"family": "Pratama", "given": "Galih Surya"}],
     "year": 2020, "title": "Asesmen dalam praktik pekerjaan sosial: Panduan untuk pemula",
     "publisher": "Penerbit Lentera Kesos"},
    {"id": "handayani2021gepeng", "type": "article",
     "authors": [{"family": "Handayani", "given": "Rini Puspa"}, {"family": "Saragi", "given": "Tumpal"}],
     "year": 2021, "title": "Pola penanganan gelandangan dan pengemis di rumah singgah perkotaan",
     "container": "Jurnal Ilmu Kesejahteraan Sosial Nusantara", "volume": "7", "issue": "2", "pages": "101-118"},
    {"id": "wirawan2022reunifikasi", "type": "article", "authors": [{"family": "Wirawan", "given": "Bayu Adi"}],
     "year": 2022, "title": "Reunifikasi keluarga sebagai tujuan rehabilitasi sosial anak jalanan",
     "container": "Jurnal Pekerjaan Sosial Cendana", "volume": "4", "issue": "1", "pages": "23-39"},
    {"id": "kusumawardani2023odgj", "type": "article",
     "authors": [{"family": "Kusumawardani", "given": "Laras"}, {"family": "Maharani", "given": "Putri Anjani"}],
     "year": 2023, "title": "Peran pekerja sosial dalam rujukan orang dengan gangguan jiwa telantar",
     "container": "Jurnal Kesehatan Jiwa dan Masyarakat", "volume": "11", "issue": "3", "pages": "210-226"},
    {"id": "setiabudi2019manajemen", "type": "book", "authors": [{"family": "Setiabudi", "given": "Wahyu"}],
     "year": 2019, "title": "Manajemen kasus dalam pelayanan sosial", "publisher": "Cakrawala Pustaka Sosial"},
    {"id": "nurjanah2024magang", "type": "article", "authors": [{"family": "Nurjanah", "given": "Siti Aulia"}],
     "year": 2024, "title": "Pengalaman mahasiswa magang di dinas sosial: Sebuah refleksi praktik",
     "container": "Jurnal Pendidikan Pekerjaan Sosial", "volume": "2", "issue": "1", "pages": "1-15"},
)

FALLBACKS = {
    "reunifikasi_keluarga": ("Penempatan di UPT provinsi bila keluarga tidak dapat dihubungi atau menolak.",
                             "Bila keluarga belum siap, klien dititipkan di LKS mitra sambil mediasi dilanjutkan."),
    "penempatan_aman": ("Bila lembaga tujuan penuh, klien tetap di penampungan dinas sambil menunggu antrean.",),
    "akses_kesehatan": ("Bila rujukan tertunda, klien dipantau oleh puskesmas terdekat.",),
    "pemulihan_psikososial": ("Bila konseling individu belum efektif, klien dirujuk ke psikolog lembaga mitra.",),
    "kemandirian_ekonomi": ("Bila usaha belum berjalan, klien diusulkan sebagai penerima bantuan sosial reguler.",),
    "akses_bantuan_sosial": ("Bila usulan bantuan belum disetujui, keluarga dibantu melalui bantuan darurat dinas.",),
    "akses_adminduk": ("Bila data kependudukan tidak ditemukan, diajukan penerbitan NIK baru melalui Disdukcapil.",),
    "pendidikan": ("Bila sekolah formal belum memungkinkan, klien diarahkan ke program kesetaraan.",),
    "bantuan_hukum": ("Bila pendampingan hukum belum tersedia, dinas meminta bantuan lembaga bantuan hukum mitra.",),
    "keterampilan_kerja": ("Bila pelatihan penuh, klien diikutkan pada gelombang berikutnya.",),
}

INTERN_REFLECTIONS = (
    ("Asesmen yang baik dimulai dari membangun kepercayaan; klien baru terbuka setelah beberapa kali bertemu.",
     "Keluarga klien sulit dihubungi karena kontak yang tercatat sudah tidak aktif.",
     "Berkoordinasi dengan aparat kelurahan asal untuk penelusuran keluarga."),
    ("Rencana intervensi perlu rencana alternatif sejak awal, karena reunifikasi tidak selalu berhasil.",
     "Antrean rujukan ke UPT provinsi cukup panjang.",
     "Menyiapkan berkas rujukan lebih awal bersama pembimbing lapangan."),
    ("Saya memahami alur layanan rehabilitasi sosial dasar di luar panti dan peran tiap bidang.",
     "Pada minggu pertama saya belum memahami istilah dan formulir yang dipakai dinas.",
     "Membaca pedoman layanan dan bertanya kepada pekerja sosial setiap selesai kegiatan."),
    ("Pencatatan kasus yang rapi memudahkan evaluasi dan serah terima antarpetugas.",
     "Waktu untuk menulis catatan kasus sering tersita oleh kegiatan lapangan.",
     "Menyisihkan satu jam setiap sore untuk dokumentasi."),
    ("Kerja sama dengan lembaga lain menentukan keberhasilan rujukan.",
     "Beberapa lembaga meminta persyaratan administrasi yang berbeda-beda.",
     "Membuat daftar periksa persyaratan rujukan untuk tiap lembaga mitra."),
    ("Menghormati keputusan klien adalah bagian dari etika pekerjaan sosial.",
     "Ada klien yang menolak layanan walaupun kondisinya membutuhkan bantuan.",
     "Berdiskusi dengan pembimbing lapangan tentang batas intervensi dan hak klien."),
)

REPORT_TITLES = {
    "msib": "Penanganan PPKS melalui Manajemen Kasus di {office}",
    "kmms": "Peran Dinas Sosial dalam Rehabilitasi Sosial PPKS: Pengalaman Magang di {office}",
    "praktikum_peksos": "Praktik Pekerjaan Sosial dengan PPKS Jalanan di {office}",
    "pkl": "Pelaksanaan Layanan Rehabilitasi Sosial Dasar di {office}",
}

CHAPTERS = {
    "pendahuluan": (
        "# Pendahuluan\n\n"
        "## Latar belakang\n\n"
        "Rehabilitasi sosial adalah upaya memulihkan keberfungsian sosial seseorang agar dapat menjalankan "
        "peran sosialnya secara wajar [@uu11_2009]. Di tingkat kabupaten/kota, layanan ini diberikan di luar "
        "panti kepada Pemerlu Pelayanan Kesejahteraan Sosial (PPKS) yang ditemui di jalan, di rumah, atau "
        "dirujuk oleh instansi lain. Pendekatan yang dipakai adalah manajemen kasus sebagaimana diatur dalam "
        "program Asistensi Rehabilitasi Sosial [@permensos7_2022].\n\n"
        "Kegiatan {program} memberi kesempatan kepada mahasiswa {prodi} {kampus} untuk mempraktikkan "
        "pengetahuan di kelas secara langsung. Penulis ditempatkan di {unit} {office} pada {periode}.\n\n"
        "## Tujuan\n\n"
        "1. Memahami alur layanan rehabilitasi sosial bagi PPKS di {office}.\n"
        "2. Mempraktikkan tahapan pekerjaan sosial: pendekatan awal, asesmen, rencana, intervensi, evaluasi, "
        "dan terminasi [@setiabudi2019manajemen].\n"
        "3. Menyusun catatan kasus yang tertib dan menjaga kerahasiaan klien.\n"
    ),
    "pelaksanaan": (
        "# Pelaksanaan kegiatan\n\n"
        "Selama penempatan, penulis terlibat dalam {jumlah_kasus} kasus, antara lain {kategori}. Kegiatan "
        "harian meliputi patroli Unit Reaksi Cepat, asesmen di rumah singgah, kunjungan rumah, penyiapan "
        "rujukan, serta dokumentasi kasus. Asesmen dilakukan dengan wawancara dan observasi, mengikuti "
        "panduan asesmen yang menekankan kekuatan klien selain masalahnya [@pratama2020asesmen].\n\n"
        "Setiap kasus dibahas dalam rapat mingguan bersama pembimbing lapangan. Pembimbing memeriksa "
        "rencana intervensi dan memvalidasi logbook penulis. Catatan kasus hanya memuat alias klien; nama, "
        "nomor identitas, dan alamat tidak pernah dicatat dalam laporan ini.\n\n"
        "Hambatan utama adalah sulitnya menghubungi keluarga klien dan panjangnya antrean rujukan. Hambatan "
        "ini diatasi dengan berkoordinasi lebih awal dengan aparat kelurahan dan lembaga tujuan.\n"
    ),
    "penutup": (
        "# Penutup\n\n"
        "## Kesimpulan\n\n"
        "Manajemen kasus membantu pekerja sosial menangani PPKS secara terarah: setiap tahap memiliki tujuan, "
        "catatan, dan tanggal yang jelas. Keterlibatan keluarga dan jejaring rujukan menentukan hasil akhir "
        "penanganan.\n\n"
        "## Saran\n\n"
        "1. Bagi dinas: memperbarui daftar kontak lembaga rujukan secara berkala.\n"
        "2. Bagi program studi: membekali mahasiswa dengan latihan asesmen sebelum penempatan.\n"
        "3. Bagi mahasiswa berikutnya: menulis catatan kasus pada hari yang sama dengan kegiatan.\n"
    ),
}

MONTHS_ID = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
             "Oktober", "November", "Desember")

DISTRICTS = ("Sukamaju Kota", "Sukamaju Utara", "Sukamaju Selatan", "Sukamaju Timur", "Sukamaju Barat")

# Words of the person names that appear in the research notes behind this project (examples of
# names to detect, marga lists, cited authors): generated names never use them.
AVOIDED_NAME_PARTS = frozenset({
    "Ani", "Budi", "Santoso", "Rahmat", "Uji", "Sinaga", "Ucok", "Simanjuntak", "Siregar", "Thamrin",
    "Hasibuan", "Ginting", "Nasution", "Lubis", "Harahap", "Saskia", "Berliana", "Yanuar", "Febby",
    "Jannah", "Kanya", "Santi", "Juli", "Vega", "Mitra", "Tarigan", "Sembiring", "Melati", "Sunggal",
})

STAFF_TITLES = ("Pekerja Sosial Ahli Muda", "Pekerja Sosial Ahli Pertama", "Pendamping Rehabilitasi Sosial",
                "Pekerja Sosial Penyelia")
STAFF_DEGREES = ("S.Tr.Sos.", "S.Sos.", "S.ST.", "M.Kesos.")
