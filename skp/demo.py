"""Demo SKP for the demo Pemda (organisasi/demo.py): every demo pegawai but two gets a draft SKP
for the current year, cascaded top-down (each bawahan RHK intervenes a real RHK of the atasan).

Left out on purpose, so the atasan pages have something to show: Rudi Hartono (pelaksana under
Rina Marlina; Rina's third RHK, the one his job would pick up, stays without intervention) and
Yoga Firmansyah (under Hadi Kurniawan, whose second RHK also stays without intervention)."""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from organisasi import demo as organisasi_demo
from organisasi.models import Instansi, Pegawai
from skp import services
from skp.models import Aspek, JenisRhk, Pendekatan, Perspektif, Skp
from skp.selectors import TautanRenstra, renstra_tersedia, skp_tahun

# A target: a number, a range (min, max), or a deadline "tgl:MM-DD" within the year.
Target = str | tuple[str, str]


@dataclass(frozen=True)
class Ind:
    aspek: str
    uraian: str
    target: Target
    satuan: str = ""
    bukti: str = ""


@dataclass(frozen=True)
class Rhk:
    uraian: str
    indikator: tuple[Ind, ...]
    atasan: int | None = None  # 1-based number of the atasan's utama RHK it intervenes
    perspektif: str = ""
    jenis: str = JenisRhk.UTAMA
    renstra: str = ""  # JPT: code of the Renstra sasaran/indikator or Renja sub kegiatan


@dataclass(frozen=True)
class RencanaSkp:
    rhk: tuple[Rhk, ...]
    pendekatan: str = Pendekatan.KUANTITATIF
    ekspektasi: dict[int, str] = field(default_factory=dict)  # BerAKHLAK row -> text by atasan


def kkw(
    kuantitas: tuple[str, Target, str],
    kualitas: tuple[str, Target, str],
    waktu: tuple[str, Target, str],
    bukti: str = "",
) -> tuple[Ind, ...]:
    """The three required aspects of a kuantitatif RHK."""
    return (
        Ind(Aspek.KUANTITAS, *kuantitas, bukti=bukti),
        Ind(Aspek.KUALITAS, *kualitas, bukti=bukti),
        Ind(Aspek.WAKTU, *waktu, bukti=bukti),
    )


def iki(uraian: str, target: Target, satuan: str, bukti: str = "") -> Ind:
    """An indicator of a JPT form (no aspek)."""
    return Ind("", uraian, target, satuan, bukti)


PL, PB, PI, AG = (
    Perspektif.PENERIMA_LAYANAN,
    Perspektif.PROSES_BISNIS,
    Perspektif.PENGUATAN_INTERNAL,
    Perspektif.ANGGARAN,
)

RENCANA: dict[str, RencanaSkp] = {
    # Sekretaris Daerah (JPT; his penilai, the bupati, is outside the application)
    organisasi_demo.SEKDA: RencanaSkp((
        Rhk("Meningkatnya kualitas tata kelola pemerintahan daerah",
            (iki("Nilai evaluasi SAKIP Pemerintah Kabupaten Sukamaju", "72", "nilai",
                 "Laporan hasil evaluasi SAKIP"),), perspektif=PB),
        Rhk("Meningkatnya kualitas pelayanan publik perangkat daerah",
            (iki("Indeks kepuasan masyarakat terhadap layanan perangkat daerah", "85", "indeks",
                 "Laporan survei kepuasan masyarakat"),), perspektif=PL),
        Rhk("Terwujudnya pengelolaan keuangan daerah yang akuntabel",
            (iki("Persentase rekomendasi BPK yang ditindaklanjuti", ("90", "100"), "%",
                 "Laporan pemantauan tindak lanjut"),), perspektif=AG),
    )),
    # Dinas Kesehatan
    organisasi_demo.KADINKES: RencanaSkp((
        Rhk("Meningkatnya derajat kesehatan ibu dan anak",
            (iki("Cakupan imunisasi dasar lengkap pada bayi", "95", "%", "Laporan imunisasi"),
             iki("Angka kematian bayi", "7.9", "per 1.000 kelahiran hidup", "Profil kesehatan")),
            perspektif=PL, renstra="IK1.1.2"),
        Rhk("Terkendalinya penyakit menular di Kabupaten Sukamaju",
            (iki("Insidensi demam berdarah dengue", "40", "per 100.000 penduduk",
                 "Laporan surveilans DBD"),), perspektif=PL, renstra="SS1.2"),
        Rhk("Meningkatnya mutu fasilitas pelayanan kesehatan",
            (iki("Persentase puskesmas terakreditasi paripurna atau utama", "80", "%",
                 "Sertifikat akreditasi"),), perspektif=PB, renstra="IK2.1.2"),
        Rhk("Terwujudnya tata kelola keuangan dan kinerja dinas yang akuntabel",
            (iki("Persentase realisasi anggaran dinas", "95", "%", "Laporan realisasi anggaran"),
             iki("Nilai evaluasi SAKIP Dinas Kesehatan", "74", "nilai", "Hasil evaluasi SAKIP")),
            perspektif=AG, renstra="IK3.1.1"),
    )),
    "197808152003122004": RencanaSkp((  # Sekretaris Dinas Kesehatan
        Rhk("Tersusunnya dokumen perencanaan dan laporan kinerja dinas yang tepat waktu",
            kkw(("Jumlah dokumen perencanaan dan pelaporan kinerja (Renja, RKA, LKjIP)", "3",
                 "dokumen"),
                ("Persentase dokumen yang diterima Bappeda tanpa revisi substansi", "90", "%"),
                ("LKjIP tahun sebelumnya disampaikan", "tgl:02-28", ""),
                "Dokumen Renja, RKA, dan LKjIP beserta tanda terima"), atasan=4),
        Rhk("Terkelolanya keuangan dan aset dinas secara tertib",
            kkw(("Jumlah laporan keuangan bulanan yang tersusun", "12", "laporan"),
                ("Persentase realisasi anggaran dinas", "95", "%"),
                ("Laporan keuangan tahunan disampaikan ke BPKAD", "tgl:03-31", ""),
                "Laporan keuangan dan berita acara rekonsiliasi"), atasan=4),
    )),
    "198004222005011003": RencanaSkp((  # Kepala Bidang P2P
        Rhk("Meningkatnya cakupan imunisasi dasar lengkap",
            kkw(("Jumlah desa yang mencapai Universal Child Immunization (UCI)", "120", "desa"),
                ("Cakupan imunisasi dasar lengkap", "95", "%"),
                ("Laporan cakupan imunisasi disampaikan setiap bulan", "12", "bulan"),
                "Laporan cakupan imunisasi bulanan"), atasan=1),
        Rhk("Terkendalinya kasus penyakit menular potensial KLB",
            kkw(("Jumlah laporan mingguan SKDR yang dianalisis", "52", "laporan"),
                ("Persentase KLB yang ditanggulangi kurang dari 24 jam", "100", "%"),
                ("Waktu respons penyelidikan epidemiologi sejak sinyal", "1", "hari"),
                "Rekap SKDR dan laporan penanggulangan KLB"), atasan=2),
    ), ekspektasi={1: "Memastikan setiap laporan KLB dari puskesmas dijawab pada hari yang sama."}),
    "198107302006042001": RencanaSkp((  # Kepala Bidang Pelayanan Kesehatan
        Rhk("Meningkatnya jumlah puskesmas yang terakreditasi paripurna atau utama",
            kkw(("Jumlah puskesmas yang didampingi menuju akreditasi", "8", "puskesmas"),
                ("Persentase puskesmas terakreditasi paripurna atau utama", "80", "%"),
                ("Pendampingan selesai dalam", "10", "bulan"),
                "Laporan pendampingan dan sertifikat akreditasi"), atasan=3),
        Rhk("Tertatanya sistem rujukan terintegrasi",
            kkw(("Jumlah fasyankes yang terhubung SISRUTE", "25", "fasyankes"),
                ("Persentase rujukan yang diterima sesuai kriteria", "90", "%"),
                ("Pemantauan rujukan dilakukan setiap bulan", "12", "bulan"),
                "Rekap SISRUTE bulanan"), atasan=3),
    )),
    "198506172010011002": RencanaSkp((  # Kepala Subbagian Keuangan dan Aset
        Rhk("Tersusunnya laporan keuangan dinas yang tepat waktu dan akurat",
            kkw(("Jumlah laporan keuangan bulanan yang tersusun", "12", "laporan"),
                ("Persentase laporan tanpa koreksi BPKAD", "100", "%"),
                ("Laporan bulanan disampaikan setelah akhir bulan", "10", "hari"),
                "Laporan keuangan bulanan dan tanda terima BPKAD"), atasan=2),
        Rhk("Tertibnya penatausahaan barang milik daerah",
            kkw(("Jumlah Kartu Inventaris Barang yang dimutakhirkan", "6", "dokumen"),
                ("Persentase aset yang tercatat sesuai hasil inventarisasi", "98", "%"),
                ("Rekonsiliasi aset diselesaikan setiap", "6", "bulan"),
                "Berita acara rekonsiliasi aset"), atasan=2),
    )),
    "198709082011012003": RencanaSkp((  # Kepala Seksi Surveilans dan Imunisasi
        Rhk("Tersedianya data surveilans penyakit potensial KLB yang lengkap dan tepat waktu",
            kkw(("Jumlah laporan mingguan SKDR yang direkap", "52", "laporan"),
                ("Kelengkapan laporan SKDR puskesmas", "90", "%"),
                ("Rekap mingguan selesai setelah minggu epidemiologi berakhir", "2", "hari"),
                "Rekap SKDR mingguan"), atasan=2),
        Rhk("Terlaksananya penyelidikan epidemiologi pada setiap sinyal KLB",
            kkw(("Persentase sinyal KLB yang diselidiki", "100", "%"),
                ("Persentase laporan penyelidikan epidemiologi yang memenuhi standar", "90", "%"),
                ("Waktu respons sejak sinyal diterima", "1", "hari"),
                "Laporan penyelidikan epidemiologi"), atasan=2),
        Rhk("Tersedianya data cakupan imunisasi rutin per desa yang mutakhir",
            kkw(("Jumlah laporan cakupan imunisasi bulanan per desa", "12", "laporan"),
                ("Persentase data cakupan yang sesuai hasil validasi", "95", "%"),
                ("Laporan disampaikan setelah akhir bulan", "10", "hari"),
                "Laporan cakupan imunisasi dan berita acara validasi"), atasan=1),
    ), ekspektasi={2: "Data cakupan imunisasi yang dilaporkan selalu sudah divalidasi bersama "
                      "puskesmas.", 7: "Aktif berkoordinasi dengan Seksi Kesehatan Keluarga."}),
    "198812252014022001": RencanaSkp((  # Epidemiolog Kesehatan Ahli Muda
        Rhk("Tersusunnya analisis tren penyakit potensial KLB setiap minggu",
            kkw(("Jumlah buletin epidemiologi mingguan yang terbit", "52", "buletin"),
                ("Persentase buletin yang memuat rekomendasi tindak lanjut", "100", "%"),
                ("Buletin terbit setelah minggu epidemiologi berakhir", "3", "hari"),
                "Buletin epidemiologi mingguan"), atasan=1),
        Rhk("Terlaksananya penyelidikan epidemiologi kasus DBD dan campak",
            kkw(("Jumlah laporan penyelidikan epidemiologi yang tersusun", ("20", "30"),
                 "laporan"),
                ("Persentase penyelidikan yang dimulai paling lama 24 jam sejak laporan", "100",
                 "%"),
                ("Laporan penyelidikan selesai", "3", "hari"),
                "Laporan penyelidikan epidemiologi dan foto kegiatan"), atasan=2),
    ), ekspektasi={1: "Menjawab permintaan data dari puskesmas dan rumah sakit paling lambat "
                      "esok hari kerja.", 3: "Membimbing petugas surveilans puskesmas membaca "
                                             "grafik tren."}),
    "199405212020122007": RencanaSkp((  # Sanitarian Ahli Pertama
        Rhk("Terlaksananya inspeksi kesehatan lingkungan di lokasi kasus penyakit menular",
            kkw(("Jumlah lokasi kasus yang diinspeksi", "24", "lokasi"),
                ("Persentase rekomendasi sanitasi yang ditindaklanjuti", "80", "%"),
                ("Inspeksi dilakukan sejak kasus dilaporkan", "2", "hari"),
                "Formulir inspeksi dan foto lokasi"), atasan=2),
        Rhk("Tersusunnya materi edukasi PSN 3M Plus untuk kader",
            kkw(("Jumlah materi edukasi yang tersusun", "4", "materi"),
                ("Persentase materi yang diverifikasi Kepala Seksi", "100", "%"),
                ("Materi selesai dalam", "6", "bulan"),
                "Berkas materi edukasi"), jenis=JenisRhk.TAMBAHAN),
    )),
    "198611042009031004": RencanaSkp((  # Kepala Seksi Pelayanan Kesehatan Rujukan
        Rhk("Terkelolanya layanan rujukan terintegrasi (SISRUTE) di fasyankes",
            kkw(("Jumlah fasyankes yang aktif memakai SISRUTE", "25", "fasyankes"),
                ("Persentase rujukan yang direspons RS tujuan paling lama 1 jam", "90", "%"),
                ("Pemantauan dilakukan setiap bulan selama", "12", "bulan"),
                "Rekap SISRUTE dan notulen evaluasi"), atasan=2),
        Rhk("Terlaksananya pembinaan mutu pelayanan rujukan di RSUD dan puskesmas",
            kkw(("Jumlah kunjungan pembinaan", "16", "kunjungan"),
                ("Persentase rekomendasi pembinaan yang ditindaklanjuti", "75", "%"),
                ("Pembinaan selesai dalam", "11", "bulan"),
                "Laporan kunjungan pembinaan"), atasan=1),
    )),
    "199001192015032002": RencanaSkp((  # Pengadministrasi Pelayanan Rujukan
        Rhk("Tersedianya rekap data rujukan bulanan dari SISRUTE",
            kkw(("Jumlah rekap data rujukan bulanan", "12", "laporan"),
                ("Persentase data rujukan yang tervalidasi", "95", "%"),
                ("Rekap disampaikan setelah akhir bulan", "5", "hari"),
                "Rekap data rujukan bulanan"), atasan=1),
    )),
    "199307072022211012": RencanaSkp((  # Pranata Komputer Ahli Pertama (PPPK), Dinkes
        Rhk("Berfungsinya dasbor layanan rujukan terintegrasi",
            kkw(("Jumlah fasyankes yang datanya tampil di dasbor", "25", "fasyankes"),
                ("Persentase waktu aktif dasbor", "98", "%"),
                ("Dasbor beroperasi penuh", "tgl:06-30", ""),
                "Tautan dasbor dan log waktu aktif"), atasan=1),
        Rhk("Terpeliharanya perangkat komputer dan jaringan Bidang Pelayanan Kesehatan",
            kkw(("Jumlah perangkat yang dipelihara", "30", "unit"),
                ("Persentase gangguan yang selesai pada hari yang sama", "90", "%"),
                ("Pemeliharaan berkala setiap", "3", "bulan"),
                "Log pemeliharaan perangkat"), jenis=JenisRhk.TAMBAHAN),
    )),
    "199111302017012004": RencanaSkp((  # Pengelola Keuangan
        Rhk("Tersusunnya dokumen pertanggungjawaban belanja yang lengkap dan tepat waktu",
            kkw(("Jumlah SPJ yang diverifikasi", "480", "berkas"),
                ("Persentase SPJ tanpa koreksi", "95", "%"),
                ("Verifikasi SPJ sejak berkas diterima", "3", "hari"),
                "Register verifikasi SPJ"), atasan=1),
        Rhk("Terkendalinya realisasi belanja operasional dinas",
            (*kkw(("Jumlah laporan realisasi anggaran bulanan", "12", "laporan"),
                  ("Persentase kesesuaian realisasi dengan anggaran kas", "95", "%"),
                  ("Laporan realisasi disampaikan setelah akhir bulan", "5", "hari"),
                  "Laporan realisasi anggaran"),
             Ind(Aspek.BIAYA, "Anggaran belanja operasional yang dikelola", "1250000000",
                 "rupiah", "DPA dan laporan realisasi")), atasan=1),
    )),
    "199508162021031003": RencanaSkp((  # Pengadministrasi Barang Milik Daerah
        Rhk("Termutakhirnya data barang milik daerah pada aplikasi SIMDA BMD",
            kkw(("Jumlah Kartu Inventaris Barang yang dimutakhirkan", "6", "dokumen"),
                ("Persentase kesesuaian data aset dengan kondisi fisik", "98", "%"),
                ("Pemutakhiran selesai dalam", "6", "bulan"),
                "Cetakan KIB dan berita acara"), atasan=2),
    )),
    # BKPSDM
    organisasi_demo.KABAN_BKPSDM: RencanaSkp((
        Rhk("Meningkatnya kualitas manajemen kinerja ASN",
            (iki("Persentase ASN dengan SKP yang disetujui tepat waktu", "95", "%",
                 "Rekap aplikasi SKP"),), perspektif=PB, renstra="IK1.1.3"),
        Rhk("Meningkatnya kompetensi ASN",
            (iki("Persentase ASN yang memenuhi 20 JP pengembangan kompetensi", "80", "%",
                 "Rekap data pengembangan kompetensi"),), perspektif=PI, renstra="IK1.2.1"),
        Rhk("Meningkatnya penerapan sistem merit",
            (iki("Nilai indeks sistem merit", "295", "nilai", "Hasil penilaian KASN"),),
            perspektif=PI, renstra="IK1.1.1"),
    )),
    "197906092004121003": RencanaSkp((  # Kepala Bidang Penilaian Kinerja Aparatur
        Rhk("Terselenggaranya pengelolaan kinerja ASN berbasis aplikasi di semua perangkat daerah",
            kkw(("Jumlah perangkat daerah yang menerapkan SKP elektronik", "32",
                 "perangkat daerah"),
                ("Persentase SKP yang disetujui sebelum 31 Januari", "90", "%"),
                ("Pemantauan penerapan dilakukan selama", "12", "bulan"),
                "Rekap aplikasi SKP per perangkat daerah"), atasan=1),
        Rhk("Tersusunnya usulan penghargaan ASN berbasis kinerja",
            kkw(("Jumlah dokumen usulan penghargaan", "2", "dokumen"),
                ("Persentase usulan yang memenuhi syarat", "100", "%"),
                ("Usulan Satyalancana Karya Satya disampaikan", "tgl:08-17", ""),
                "Surat usulan penghargaan"), atasan=3),
    )),
    "198303272008012006": RencanaSkp((  # Kepala Bidang Pengembangan Kompetensi
        Rhk("Terpenuhinya hak pengembangan kompetensi 20 JP bagi ASN",
            kkw(("Jumlah ASN yang mengikuti pengembangan kompetensi", "2500", "orang"),
                ("Persentase ASN yang memenuhi 20 JP", "80", "%"),
                ("Pemantauan capaian JP dilakukan selama", "12", "bulan"),
                "Rekap data pengembangan kompetensi"), atasan=2),
        Rhk("Tersusunnya analisis kebutuhan pengembangan kompetensi ASN",
            kkw(("Jumlah dokumen analisis kebutuhan", "1", "dokumen"),
                ("Persentase perangkat daerah yang datanya masuk analisis", "100", "%"),
                ("Analisis kebutuhan ditetapkan", "tgl:03-31", ""),
                "Dokumen analisis kebutuhan pengembangan kompetensi"), atasan=2),
    )),
    "198605052010012009": RencanaSkp((  # Kepala Subbidang Penilaian Kinerja
        Rhk("Terlaksananya pendampingan penyusunan SKP di perangkat daerah",
            kkw(("Jumlah perangkat daerah yang didampingi", "32", "perangkat daerah"),
                ("Persentase SKP hasil pendampingan yang indikatornya terukur", "85", "%"),
                ("Pendampingan selesai", "tgl:02-28", ""),
                "Daftar hadir dan laporan pendampingan"), atasan=1),
        Rhk("Tersedianya rekap capaian kinerja pegawai setiap triwulan",
            kkw(("Jumlah rekap capaian kinerja triwulanan", "4", "laporan"),
                ("Persentase data capaian yang tervalidasi", "95", "%"),
                ("Rekap selesai setelah triwulan berakhir", "15", "hari"),
                "Rekap capaian kinerja triwulanan"), atasan=1),
    ), ekspektasi={6: "Menyiapkan perangkat daerah beralih ke SKP elektronik tanpa menunggu "
                      "arahan tertulis."}),
    "199002022014031002": RencanaSkp((  # Analis SDM Aparatur Ahli Muda (admin instansi)
        Rhk("Tersusunnya bahan pendampingan penyusunan SKP dan MPH per jenis jabatan",
            kkw(("Jumlah modul dan contoh SKP per jenis jabatan", "5", "dokumen"),
                ("Persentase peserta yang menilai bahan mudah dipahami", "80", "%"),
                ("Bahan pendampingan selesai", "tgl:01-31", ""),
                "Modul pendampingan dan hasil survei peserta"), atasan=1),
        Rhk("Terkelolanya data jabatan dan atasan pegawai pada aplikasi SKP",
            kkw(("Jumlah pemutakhiran data jabatan dan atasan", "12", "kali"),
                ("Persentase pegawai dengan data atasan yang benar", "99", "%"),
                ("Permintaan perbaikan data ditindaklanjuti dalam", "3", "hari"),
                "Log impor pegawai dan rekap permintaan"), atasan=2),
    ), ekspektasi={1: "Melayani pertanyaan perangkat daerah tentang aplikasi dengan ramah dan "
                      "tuntas.", 2: "Menjaga kerahasiaan data pegawai."}),
    "199209092019022003": RencanaSkp((  # Asesor SDM Aparatur Ahli Pertama (kualitatif)
        Rhk("Tersedianya profil kompetensi pegawai sebagai bahan penilaian kinerja",
            (Ind("", "Profil kompetensi tersusun untuk pegawai yang dijadwalkan dan disahkan "
                 "Kepala Subbidang", "150", "orang", "Laporan asesmen dan profil kompetensi"),),
            atasan=2),
    ), pendekatan=Pendekatan.KUALITATIF),
    "199410102020121004": RencanaSkp((  # Pengolah Data Kinerja Pegawai
        Rhk("Tersedianya rekap data capaian SKP seluruh pegawai per triwulan",
            kkw(("Jumlah rekap data capaian SKP", "4", "laporan"),
                ("Persentase data yang sesuai dengan aplikasi", "98", "%"),
                ("Rekap selesai setelah triwulan berakhir", "7", "hari"),
                "Berkas rekap dan tangkapan layar aplikasi"), atasan=2),
        # Written as many real drafts are (normative, an activity): the quality check and the
        # Laporan Indikator have something to point at in the demo.
        Rhk("Mendukung kelancaran kegiatan Subbidang Penilaian Kinerja",
            kkw(("Menghadiri rapat koordinasi", "12", "kali"),
                ("Melaksanakan tugas dengan baik", "100", "%"),
                ("Tugas diselesaikan", "12", "bulan"),
                "Daftar hadir rapat"), jenis=JenisRhk.TAMBAHAN),
    )),
    "198903152013022001": RencanaSkp((  # Pengelola Kepegawaian
        Rhk("Terlayaninya permintaan perbaikan data SKP pegawai perangkat daerah",
            kkw(("Jumlah permintaan perbaikan yang diselesaikan", "300", "permintaan"),
                ("Persentase permintaan yang selesai sesuai SOP", "95", "%"),
                ("Permintaan diselesaikan dalam", "2", "hari"),
                "Register layanan permintaan"), atasan=1),
    )),
    "198708172012011005": RencanaSkp((  # Kepala Subbidang Pelatihan Teknis
        Rhk("Terselenggaranya pelatihan teknis bagi ASN",
            kkw(("Jumlah angkatan pelatihan teknis", "12", "angkatan"),
                ("Persentase peserta yang lulus", "95", "%"),
                ("Pelatihan terselenggara dalam", "11", "bulan"),
                "Laporan penyelenggaraan pelatihan"), atasan=1),
        Rhk("Tersedianya evaluasi pascapelatihan",
            kkw(("Jumlah laporan evaluasi pascapelatihan", "12", "laporan"),
                ("Persentase alumni yang menerapkan hasil pelatihan", "70", "%"),
                ("Evaluasi dilakukan setelah pelatihan selesai", "3", "bulan"),
                "Laporan evaluasi pascapelatihan"), atasan=2),
    )),
    "199112122016022002": RencanaSkp((  # Widyaiswara Ahli Pertama
        Rhk("Terlaksananya pengajaran pelatihan teknis sesuai kurikulum",
            kkw(("Jumlah jam pelajaran yang diampu", "400", "JP"),
                ("Rata-rata nilai evaluasi pengajar oleh peserta", "85", "nilai"),
                ("Pengajaran terlaksana dalam", "11", "bulan"),
                "Jadwal mengajar dan rekap evaluasi pengajar"), atasan=1),
    )),
    "199601012022212005": RencanaSkp((  # Pranata Komputer Ahli Pertama (PPPK), BKPSDM
        Rhk("Berfungsinya sistem pembelajaran daring (LMS) untuk pelatihan teknis",
            kkw(("Jumlah kelas daring yang dikelola", "24", "kelas"),
                ("Persentase waktu aktif LMS", "98", "%"),
                ("LMS siap dipakai", "tgl:03-31", ""),
                "Tautan LMS dan log waktu aktif"), atasan=1),
    )),
}  # fmt: skip

LAMPIRAN_DUKUNGAN = "Anggaran {unit} tahun {tahun}\nAplikasi dan perangkat kerja kantor"
LAMPIRAN_SKEMA = "Laporan bulanan kepada {atasan}\nEvaluasi kinerja setiap triwulan"
LAMPIRAN_KONSEKUENSI = (
    "Target yang tidak tercapai dijelaskan beserta rencana perbaikannya pada evaluasi "
    "triwulan\nCapaian menjadi dasar penilaian kinerja tahunan"
)


def _target(target: Target, tahun: int) -> dict:
    if isinstance(target, tuple):
        return {"target_min": Decimal(target[0]), "target_maks": Decimal(target[1])}
    if target.startswith("tgl:"):
        bulan, hari = (int(x) for x in target[4:].split("-"))
        return {"target_min": None, "target_tanggal": date(tahun, bulan, hari)}
    return {"target_min": Decimal(target)}


def _tautan_renstra(perencanaan: TautanRenstra, kode: str) -> dict:
    """The planning item with this code in the OPD's Renstra/Renja (none when the planning
    demo data is not loaded)."""
    for kolom, daftar in (
        ("indikator_renstra", perencanaan.indikator),
        ("sasaran_renstra", perencanaan.sasaran),
        ("subkegiatan_renja", perencanaan.subkegiatan),
    ):
        for item in daftar:
            if kode and item.kode == kode:
                return {kolom: item}
    return {}


def _isi(skp: Skp, pegawai: Pegawai, rencana: RencanaSkp, tahun: int) -> None:
    user = pegawai.user
    skp_atasan = skp_tahun(skp.penilai, tahun) if skp.penilai else None
    atasan_rhk = (
        list(skp_atasan.rhk.filter(jenis=JenisRhk.UTAMA).order_by("urutan")) if skp_atasan else []
    )
    perencanaan = renstra_tersedia(skp) if skp.jpt else None
    for r in rencana.rhk:
        tautan = atasan_rhk[r.atasan - 1] if r.atasan and r.atasan <= len(atasan_rhk) else None
        rhk = services.rhk_tambah(
            user=user,
            skp=skp,
            jenis=r.jenis,
            uraian=r.uraian,
            rhk_atasan=tautan if not skp.jpt else None,
            perspektif=r.perspektif,
            **(_tautan_renstra(perencanaan, r.renstra) if perencanaan else {}),
        )
        for ind in r.indikator:
            services.indikator_tambah(
                user=user,
                rhk=rhk,
                aspek=ind.aspek,
                uraian=ind.uraian,
                satuan=ind.satuan,
                rencana_bukti_dukung=ind.bukti,
                **_target(ind.target, tahun),
            )
    services.lampiran_ubah(
        user=user,
        skp=skp,
        dukungan_sumber_daya=LAMPIRAN_DUKUNGAN.format(unit=skp.pegawai_unit_kerja, tahun=tahun),
        skema_pertanggungjawaban=LAMPIRAN_SKEMA.format(atasan=skp.penilai_jabatan or "pimpinan"),
        konsekuensi=LAMPIRAN_KONSEKUENSI,
    )


# Where each demo SKP ends in the approval workflow (the rest stay Draf). Done through the real
# services, only for SKP created in this run, so running seed_demo again changes nothing.
NIP_DIAJUKAN = "198812252014022001"  # Fitri Handayani: waiting in Rina Marlina's inbox
NIP_DIKEMBALIKAN = "199405212020122007"  # Nur Aini: returned by Rina with comments
NIP_DISETUJUI = ("199001192015032002", "199307072022211012", "199111302017012004")
NIP_DIREVISI = "199508162021031003"  # Dimas Pratama: v1 Diganti, v2 Disetujui


def _jalankan_alur(dibuat: list[Skp]) -> None:
    per_nip = {s.pegawai.nip: s for s in dibuat}

    def ajukan_dan(nip: str) -> tuple[Skp, object] | None:
        skp = per_nip.get(nip)
        if skp is None or skp.penilai is None or skp.penilai.user is None:
            return None
        services.ajukan(user=skp.pegawai.user, skp=skp)
        return skp, skp.penilai.user

    ajukan_dan(NIP_DIAJUKAN)
    hasil = ajukan_dan(NIP_DIKEMBALIKAN)
    if hasil:
        skp, penilai = hasil
        rhk = skp.rhk.filter(jenis=JenisRhk.UTAMA).order_by("urutan").first()
        waktu = rhk.indikator.filter(aspek=Aspek.WAKTU).first()
        services.kembalikan(
            user=penilai,
            skp=skp,
            catatan="Secara umum sudah baik. Perbaiki target waktu inspeksi dan perjelas RHK "
            "tambahan sebelum diajukan kembali.",
            komentar_rhk={rhk.pk: "Sebutkan lokasi kasus yang menjadi sasaran inspeksi."},
            komentar_indikator={
                waktu.pk: "Dua hari terlalu longgar untuk kasus DBD; usulkan paling lama 1 hari."
            },
        )
    for nip in NIP_DISETUJUI:
        hasil = ajukan_dan(nip)
        if hasil:
            services.setujui(user=hasil[1], skp=hasil[0])
    hasil = ajukan_dan(NIP_DIREVISI)
    if hasil:
        skp, penilai = hasil
        services.setujui(user=penilai, skp=skp)
        baru = services.buka_revisi(
            user=skp.pegawai.user,
            skp=skp,
            catatan="Tambahan tugas inventarisasi aset puskesmas mulai Juli.",
        )
        rhk = baru.rhk.filter(jenis=JenisRhk.UTAMA).order_by("urutan").first()
        ind = rhk.indikator.filter(aspek=Aspek.KUANTITAS).first()
        services.indikator_ubah(
            user=baru.pegawai.user,
            indikator=ind,
            aspek=ind.aspek,
            uraian=ind.uraian,
            target_min=(ind.target_min or 0) + 10,
            target_maks=None,
            satuan=ind.satuan,
            rencana_bukti_dukung=ind.rencana_bukti_dukung,
        )
        services.ajukan(user=baru.pegawai.user, skp=baru)
        services.setujui(user=penilai, skp=baru)


@transaction.atomic
def muat_demo(instansi: Instansi, tahun: int | None = None) -> str:
    """Gives every demo pegawai in `RENCANA` an SKP for `tahun` (default: this year), top-down so
    each bawahan can link to the RHK of an atasan already loaded. Pegawai who already have an SKP
    for the year are left alone, so running it again adds nothing. Returns one line for
    seed_demo to print."""
    tahun = tahun or timezone.localdate().year
    pegawai = {
        p.nip: p
        for p in Pegawai.objects.filter(instansi=instansi, nip__in=RENCANA).select_related(
            "user", "jabatan"
        )
    }
    dibuat: list[Skp] = []
    for orang in organisasi_demo.ORANG:  # listed with every atasan before their bawahan
        p = pegawai.get(orang.nip)
        if p is None or p.user is None or orang.nip not in RENCANA:
            continue
        if skp_tahun(p, tahun) is not None:
            continue
        rencana = RENCANA[orang.nip]
        skp = services.skp_buat(user=p.user, tahun=tahun, pendekatan=rencana.pendekatan)
        _isi(skp, p, rencana, tahun)
        dibuat.append(skp)
    for skp in dibuat:
        rencana = RENCANA[skp.pegawai.nip]
        if not rencana.ekspektasi or skp.penilai is None or skp.penilai.user is None:
            continue
        for perilaku in skp.perilaku.filter(urutan__in=rencana.ekspektasi):
            services.ekspektasi_ubah(
                user=skp.penilai.user,
                perilaku=perilaku,
                ekspektasi_khusus=rencana.ekspektasi[perilaku.urutan],
            )
    _jalankan_alur(dibuat)
    if not dibuat:
        return f"SKP demo {tahun} sudah ada; tidak ada yang ditambahkan."
    return (
        f"SKP demo {tahun}: {len(dibuat)} dibuat; Rudi Hartono dan Yoga Firmansyah sengaja "
        "belum membuat SKP. Alur persetujuan: 1 diajukan (kotak masuk Rina Marlina), "
        "1 dikembalikan dengan komentar, 3 disetujui, 1 direvisi (versi 1 diganti)."
    )
