"""Demo Renstra 2025-2029 and Renja 2026 of the two demo OPD (Dinas Kesehatan and BKPSDM of the
demo Kabupaten), loaded through the same reading, checks and writes as an uploaded file."""

from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser

from organisasi.models import Instansi, UnitKerja
from perencanaan import impor, services
from perencanaan.ekspor import kolom_renstra
from perencanaan.models import SumberImpor

PERIODE = impor.Periode(2025, 2029)
TAHUN_RENJA = 2026


@dataclass(frozen=True)
class RenstraDemo:
    kode_unit: str
    renstra: list[list[str]]  # rows in the upload's Renstra columns, numbers as Indonesians write
    renja: list[list[str]]


# kode_tujuan, tujuan, kode_sasaran, sasaran, kode_indikator, indikator, satuan, baseline, iku,
# target 2025..2029. Blank tujuan/sasaran cells follow the row above, as merged cells do.
DINKES_RENSTRA = [
    ["T1", "Meningkatnya derajat kesehatan masyarakat", "SS1.1",
     "Meningkatnya status kesehatan ibu, bayi, dan balita", "IK1.1.1", "Angka Kematian Ibu",
     "per 100.000 kelahiran hidup", "98", "Ya", "95", "92", "89", "86", "83"],
    ["", "", "", "", "IK1.1.2", "Angka Kematian Bayi", "per 1.000 kelahiran hidup", "8,5", "Ya",
     "8,2", "7,9", "7,6", "7,3", "7"],
    ["", "", "", "", "IK1.1.3", "Prevalensi balita stunting", "%", "18,7", "Ya", "17", "15,5",
     "14", "12,5", "11"],
    ["", "", "", "", "IK1.1.4", "Persentase balita gizi buruk yang mendapat perawatan", "%",
     "100", "Tidak", "100", "100", "100", "100", "100"],
    ["", "", "SS1.2", "Menurunnya angka kesakitan penyakit menular dan tidak menular", "IK1.2.1",
     "Cakupan penemuan dan pengobatan kasus tuberkulosis (treatment coverage)", "%", "72", "Ya",
     "80", "85", "90", "90", "90"],
    ["", "", "", "", "IK1.2.2", "Persentase desa/kelurahan UCI (Universal Child Immunization)",
     "%", "88", "Tidak", "90", "92", "94", "96", "98"],
    ["", "", "", "", "IK1.2.3",
     "Persentase penderita hipertensi yang mendapat pelayanan kesehatan sesuai standar", "%", "65",
     "Tidak", "70", "75", "80", "85", "90"],
    ["T2", "Meningkatnya akses dan mutu pelayanan kesehatan", "SS2.1",
     "Meningkatnya mutu pelayanan kesehatan dasar dan rujukan", "IK2.1.1",
     "Indeks Kepuasan Masyarakat terhadap pelayanan kesehatan", "indeks", "80,5", "Ya", "81",
     "82", "83", "84", "85"],
    ["", "", "", "", "IK2.1.2", "Persentase puskesmas terakreditasi paripurna", "%", "20",
     "Tidak", "30", "40", "50", "60", "70"],
    ["", "", "SS2.2", "Meningkatnya cakupan jaminan kesehatan masyarakat", "IK2.2.1",
     "Persentase penduduk yang memiliki jaminan kesehatan (Universal Health Coverage)", "%",
     "96,5", "Ya", "97", "97,5", "98", "98,5", "99"],
    ["T3", "Meningkatnya akuntabilitas kinerja Dinas Kesehatan", "SS3.1",
     "Meningkatnya kualitas tata kelola dan akuntabilitas kinerja perangkat daerah", "IK3.1.1",
     "Nilai SAKIP Dinas Kesehatan", "nilai", "70,2", "Ya", "72", "74", "76", "78", "80"],
    ["", "", "", "", "IK3.1.2", "Persentase realisasi anggaran", "%", "91", "Tidak", "93", "94",
     "95", "96", "97"],
]  # fmt: skip

# tahun, kode_sasaran, kode_program, program, kode_kegiatan, kegiatan, kode_subkegiatan,
# subkegiatan, indikator, satuan, target, pagu. A program row fills only the program, a
# kegiatan row the kegiatan, a sub kegiatan row the sub kegiatan; blanks follow the row above.
DINKES_RENJA = [
    ["2026", "SS3.1", "1.02.01", "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA", "",
     "", "", "", "Nilai SAKIP Dinas Kesehatan", "nilai", "74", "Rp 39.335.000.000"],
    ["", "", "", "", "1.02.01.2.01", "Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah",
     "", "", "Persentase dokumen perencanaan dan evaluasi yang tepat waktu", "%", "100",
     "Rp 235.000.000"],
    ["", "", "", "", "", "", "1.02.01.2.01.0001", "Penyusunan Dokumen Perencanaan Perangkat Daerah",
     "Jumlah dokumen perencanaan perangkat daerah", "dokumen", "3", "Rp 150.000.000"],
    ["", "", "", "", "", "", "1.02.01.2.01.0006",
     "Koordinasi dan Penyusunan Laporan Capaian Kinerja dan Ikhtisar Realisasi Kinerja SKPD",
     "Jumlah laporan capaian kinerja dan ikhtisar realisasi kinerja SKPD", "laporan", "4",
     "Rp 85.000.000"],
    ["", "", "", "", "1.02.01.2.02", "Administrasi Keuangan Perangkat Daerah", "", "",
     "Persentase realisasi anggaran", "%", "94", "Rp 39.100.000.000"],
    ["", "", "", "", "", "", "1.02.01.2.02.0001", "Penyediaan Gaji dan Tunjangan ASN",
     "Jumlah orang yang menerima gaji dan tunjangan ASN", "orang/bulan", "412",
     "Rp 38.500.000.000"],
    ["", "", "", "", "", "", "1.02.01.2.02.0003", "Pelaksanaan Penatausahaan dan Pengujian/Verifikasi Keuangan SKPD",
     "Jumlah dokumen penatausahaan dan pengujian/verifikasi keuangan SKPD", "dokumen", "12",
     "Rp 600.000.000"],
    ["2026", "SS1.1", "1.02.02",
     "PROGRAM PEMENUHAN UPAYA KESEHATAN PERORANGAN DAN UPAYA KESEHATAN MASYARAKAT", "", "", "", "",
     "Prevalensi balita stunting", "%", "15,5", "Rp 44.810.000.000"],
    ["", "", "", "", "1.02.02.2.02",
     "Penyediaan Layanan Kesehatan untuk UKM dan UKP Rujukan Tingkat Daerah Kabupaten/Kota", "", "",
     "Persentase fasilitas pelayanan kesehatan yang memberikan pelayanan sesuai standar", "%",
     "90", "Rp 40.240.000.000"],
    ["", "", "", "", "", "", "1.02.02.2.02.0001", "Pengelolaan Pelayanan Kesehatan Ibu Hamil",
     "Jumlah ibu hamil yang mendapatkan pelayanan kesehatan sesuai standar", "orang", "6.850",
     "Rp 1.250.000.000"],
    ["", "", "", "", "", "", "1.02.02.2.02.0004", "Pengelolaan Pelayanan Kesehatan Bayi Baru Lahir",
     "Jumlah bayi baru lahir yang mendapatkan pelayanan kesehatan sesuai standar", "bayi",
     "6.500", "Rp 780.000.000"],
    ["", "", "", "", "", "", "1.02.02.2.02.0016", "Pengelolaan Pelayanan Kesehatan Gizi Masyarakat",
     "Jumlah balita gizi buruk yang mendapat perawatan", "orang", "45", "Rp 320.000.000"],
    ["", "SS1.2", "", "", "", "", "1.02.02.2.02.0011",
     "Pengelolaan Pelayanan Kesehatan Orang Terduga Tuberkulosis",
     "Jumlah orang terduga tuberkulosis yang mendapatkan pelayanan sesuai standar", "orang",
     "4.200", "Rp 650.000.000"],
    ["", "", "", "", "", "", "1.02.02.2.02.0020", "Pengelolaan Pelayanan Imunisasi",
     "Jumlah bayi yang mendapat imunisasi dasar lengkap", "bayi", "6.300", "Rp 540.000.000"],
    ["", "SS2.2", "", "", "", "", "1.02.02.2.02.0033", "Pengelolaan Jaminan Kesehatan Masyarakat",
     "Jumlah penduduk yang iuran JKN-nya dibayar pemerintah daerah", "jiwa", "85.000",
     "Rp 36.700.000.000"],
    ["", "SS2.1", "", "", "1.02.02.2.01",
     "Penyediaan Fasilitas Pelayanan Kesehatan untuk UKM dan UKP Kewenangan Daerah Kabupaten/Kota",
     "", "", "Persentase puskesmas dengan sarana, prasarana, dan alat kesehatan sesuai standar",
     "%", "80", "Rp 4.570.000.000"],
    ["", "", "", "", "", "", "1.02.02.2.01.0014",
     "Pengadaan Alat Kesehatan/Alat Penunjang Medik Fasilitas Pelayanan Kesehatan",
     "Jumlah alat kesehatan/alat penunjang medik yang disediakan", "unit", "120",
     "Rp 2.750.000.000"],
    ["", "", "", "", "", "", "1.02.02.2.01.0026", "Pengadaan Obat, Bahan Habis Pakai, Bahan Medis Habis Pakai, Vaksin, Makanan dan Minuman di Fasilitas Kesehatan",
     "Jumlah puskesmas yang menerima obat dan bahan medis habis pakai", "puskesmas", "25",
     "Rp 1.820.000.000"],
]  # fmt: skip

BKPSDM_RENSTRA = [
    ["T1", "Meningkatnya profesionalitas dan kinerja Aparatur Sipil Negara", "SS1.1",
     "Meningkatnya kualitas manajemen ASN berbasis sistem merit", "IK1.1.1", "Indeks Sistem Merit",
     "nilai", "268,5", "Ya", "280", "295", "310", "325", "340"],
    ["", "", "", "", "IK1.1.2", "Indeks Profesionalitas ASN", "indeks", "68,4", "Ya", "70", "72",
     "74", "76", "78"],
    ["", "", "", "", "IK1.1.3", "Persentase ASN yang menyelesaikan SKP dan evaluasi kinerja tepat waktu",
     "%", "85", "Tidak", "90", "93", "95", "97", "100"],
    ["", "", "SS1.2", "Meningkatnya kompetensi ASN", "IK1.2.1",
     "Persentase ASN yang mengikuti pengembangan kompetensi paling sedikit 20 JP per tahun", "%",
     "45", "Ya", "55", "65", "75", "85", "95"],
    ["", "", "", "", "IK1.2.2", "Persentase pejabat yang memenuhi standar kompetensi jabatan", "%",
     "60", "Tidak", "65", "70", "75", "80", "85"],
    ["T2", "Meningkatnya kualitas pelayanan kepegawaian", "SS2.1",
     "Meningkatnya kualitas layanan administrasi kepegawaian", "IK2.1.1",
     "Indeks Kepuasan Masyarakat terhadap layanan kepegawaian", "indeks", "82,1", "Ya", "83",
     "84", "85", "86", "87"],
    ["", "", "", "", "IK2.1.2",
     "Persentase usulan kenaikan pangkat dan pensiun yang diproses tepat waktu", "%", "88",
     "Tidak", "90", "92", "95", "97", "100"],
    ["", "", "", "", "IK2.1.3", "Persentase data ASN yang mutakhir dalam SIASN", "%", "90", "Tidak",
     "95", "97", "98", "99", "100"],
    ["T3", "Meningkatnya akuntabilitas kinerja BKPSDM", "SS3.1",
     "Meningkatnya akuntabilitas kinerja dan keuangan BKPSDM", "IK3.1.1", "Nilai SAKIP BKPSDM",
     "nilai", "71", "Ya", "73", "75", "77", "79", "81"],
]  # fmt: skip

BKPSDM_RENJA = [
    ["2026", "SS3.1", "5.03.01", "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA", "",
     "", "", "", "Nilai SAKIP BKPSDM", "nilai", "75", "Rp 8.650.000.000"],
    ["", "", "", "", "5.03.01.2.02", "Administrasi Keuangan Perangkat Daerah", "", "",
     "Persentase realisasi anggaran", "%", "95", "Rp 8.650.000.000"],
    ["", "", "", "", "", "", "5.03.01.2.02.0001", "Penyediaan Gaji dan Tunjangan ASN",
     "Jumlah orang yang menerima gaji dan tunjangan ASN", "orang/bulan", "64", "Rp 8.650.000.000"],
    ["2026", "SS1.1", "5.03.02", "PROGRAM KEPEGAWAIAN DAERAH", "", "", "", "",
     "Indeks Sistem Merit", "nilai", "295", "Rp 3.885.000.000"],
    ["", "", "", "", "5.03.02.2.01", "Pengadaan, Pemberhentian dan Informasi Kepegawaian ASN", "",
     "", "Persentase data ASN yang mutakhir dalam SIASN", "%", "97", "Rp 640.000.000"],
    ["", "SS2.1", "", "", "", "", "5.03.02.2.01.0004", "Pengelolaan Data Base ASN",
     "Jumlah data ASN yang dimutakhirkan", "orang", "6.480", "Rp 410.000.000"],
    ["", "", "", "", "", "", "5.03.02.2.01.0003", "Pemberhentian dan Pensiun ASN",
     "Jumlah usulan pensiun ASN yang diproses tepat waktu", "usulan", "210", "Rp 230.000.000"],
    ["", "SS1.1", "", "", "5.03.02.2.03", "Penilaian Kinerja Aparatur dan Penghargaan", "", "",
     "Persentase ASN dengan SKP dan evaluasi kinerja tepat waktu", "%", "93", "Rp 845.000.000"],
    ["", "", "", "", "", "", "5.03.02.2.03.0001", "Pengelolaan Penilaian Kinerja Pegawai",
     "Jumlah ASN yang SKP dan evaluasi kinerjanya terkelola dalam aplikasi", "orang", "6.480",
     "Rp 520.000.000"],
    ["", "", "", "", "", "", "5.03.02.2.03.0002", "Pemberian Penghargaan bagi PNS",
     "Jumlah PNS yang diusulkan menerima penghargaan Satyalancana Karya Satya", "orang", "350",
     "Rp 325.000.000"],
    ["", "SS1.2", "", "", "5.03.02.2.04", "Pengembangan Kompetensi Aparatur", "", "",
     "Persentase ASN yang mengikuti pengembangan kompetensi paling sedikit 20 JP", "%", "65",
     "Rp 2.400.000.000"],
    ["", "", "", "", "", "", "5.03.02.2.04.0001",
     "Sertifikasi, Kelembagaan, Pengembangan Kompetensi Manajerial dan Fungsional",
     "Jumlah ASN yang mengikuti pelatihan kepemimpinan dan fungsional", "orang", "180",
     "Rp 1.650.000.000"],
    ["", "", "", "", "", "", "5.03.02.2.04.0002", "Pengembangan Kompetensi Teknis",
     "Jumlah ASN yang mengikuti pelatihan teknis", "orang", "1.200", "Rp 750.000.000"],
]  # fmt: skip

DEMO = [
    RenstraDemo("1.02", DINKES_RENSTRA, DINKES_RENJA),
    RenstraDemo("5.03", BKPSDM_RENSTRA, BKPSDM_RENJA),
]


def sheet_demo(opd: RenstraDemo) -> dict[str, list[list[str]]]:
    """The demo rows as the text cells of a workbook, header row included."""
    return {
        impor.SHEET_RENSTRA: [kolom_renstra(PERIODE), *opd.renstra],
        impor.SHEET_RENJA: [impor.KOLOM_RENJA, *opd.renja],
    }


def muat_demo(instansi: Instansi, user: AbstractBaseUser | None = None) -> str:
    """Loads (idempotently) the demo Renstra and Renja; returns one line for seed_demo to print."""
    laporan = []
    for opd in DEMO:
        unit = UnitKerja.objects.get(instansi=instansi, kode=opd.kode_unit)
        rencana = impor.rencanakan(unit, impor.rencana_dari_sheet(PERIODE, sheet_demo(opd)))
        if rencana.masalah:
            raise ValueError(
                f"Data demo Renstra {opd.kode_unit} tidak sah:\n"
                + "\n".join(str(m) for m in rencana.masalah)
            )
        h = rencana.hitungan
        if rencana.ada_perubahan:
            services.impor_langsung(
                unit=unit,
                rencana=rencana,
                nama_berkas=f"data demo {opd.kode_unit}",
                sumber=SumberImpor.DEMO,
                user=user,
            )
            keadaan = f"{h['indikator'].baru} indikator baru, {h['indikator'].diubah} diubah"
        else:
            keadaan = "tidak berubah"
        laporan.append(
            f"{unit.nama} ({len(rencana.renstra)} indikator, Renja {TAHUN_RENJA}: "
            f"{len(rencana.renja)} baris; {keadaan})"
        )
    return f"Renstra demo {PERIODE}: " + "; ".join(laporan) + "."
