"""The demo Pemda: a believable Kabupaten with two OPD, loaded through the real import code."""

from dataclasses import dataclass

NAMA_INSTANSI = "Pemerintah Kabupaten Sukamaju"
LOKASI = "Sukamaju"


@dataclass(frozen=True)
class OrangDemo:
    nip: str
    nama: str
    gelar_depan: str
    gelar_belakang: str
    golongan: str
    jenis: str
    jabatan: str
    kode_unit: str
    nama_unit: str
    kode_unit_induk: str
    nip_atasan: str
    peran: str = ""  # printed in the login table


SEKDA = "196805121994031003"
KADINKES = "197203101998031006"
KABAN_BKPSDM = "197511202000122002"

# Unit codes follow the Permendagri 90 style used by Pemda (urusan.bidang.unit).
ORANG = [
    OrangDemo(SEKDA, "Hendra Wijaya", "Drs.", "M.Si.", "IV/d", "JPT", "Sekretaris Daerah",
              "4.01", "Sekretariat Daerah", "", "", "JPT, atasan para kepala OPD"),
    # Dinas Kesehatan
    OrangDemo(KADINKES, "Siti Rahmawati", "dr.", "M.Kes.", "IV/c", "JPT", "Kepala Dinas Kesehatan",
              "1.02", "Dinas Kesehatan", "", SEKDA, "JPT (kepala OPD)"),
    OrangDemo("197808152003122004", "Yuni Astuti", "", "S.K.M., M.P.H.", "IV/a", "Administrator",
              "Sekretaris Dinas Kesehatan", "1.02.01", "Sekretariat Dinas Kesehatan", "1.02", KADINKES),
    OrangDemo("198004222005011003", "Bambang Setiawan", "", "S.K.M.", "IV/a", "Administrator",
              "Kepala Bidang Pencegahan dan Pengendalian Penyakit", "1.02.02",
              "Bidang Pencegahan dan Pengendalian Penyakit", "1.02", KADINKES, "Administrator"),
    OrangDemo("198107302006042001", "Dewi Lestari", "", "S.Kep., Ners", "IV/a", "Administrator",
              "Kepala Bidang Pelayanan Kesehatan", "1.02.03", "Bidang Pelayanan Kesehatan", "1.02",
              KADINKES),
    OrangDemo("198506172010011002", "Agus Prasetyo", "", "S.E.", "III/d", "Pengawas",
              "Kepala Subbagian Keuangan dan Aset", "1.02.01.01", "Subbagian Keuangan dan Aset",
              "1.02.01", "197808152003122004"),
    OrangDemo("198709082011012003", "Rina Marlina", "", "S.K.M.", "III/d", "Pengawas",
              "Kepala Seksi Surveilans dan Imunisasi", "1.02.02.01", "Seksi Surveilans dan Imunisasi",
              "1.02.02", "198004222005011003", "Pengawas, atasan pelaksana"),
    OrangDemo("198812252014022001", "Fitri Handayani", "", "S.K.M.", "III/c", "Fungsional",
              "Epidemiolog Kesehatan Ahli Muda", "1.02.02.01", "Seksi Surveilans dan Imunisasi",
              "1.02.02", "198709082011012003"),
    OrangDemo("199203142019031005", "Rudi Hartono", "", "A.Md.Kes.", "II/d", "Pelaksana",
              "Pengelola Data Imunisasi", "1.02.02.01", "Seksi Surveilans dan Imunisasi", "1.02.02",
              "198709082011012003", "Pelaksana"),
    OrangDemo("199405212020122007", "Nur Aini", "", "S.Tr.Kes.", "III/a", "Fungsional",
              "Sanitarian Ahli Pertama", "1.02.02.01", "Seksi Surveilans dan Imunisasi", "1.02.02",
              "198709082011012003"),
    OrangDemo("198611042009031004", "Eko Nugroho", "", "S.Kom.", "III/c", "Pengawas",
              "Kepala Seksi Pelayanan Kesehatan Rujukan", "1.02.03.01",
              "Seksi Pelayanan Kesehatan Rujukan", "1.02.03", "198107302006042001"),
    OrangDemo("199001192015032002", "Sri Wahyuni", "", "A.Md.", "II/d", "Pelaksana",
              "Pengadministrasi Pelayanan Rujukan", "1.02.03.01", "Seksi Pelayanan Kesehatan Rujukan",
              "1.02.03", "198611042009031004"),
    OrangDemo("199307072022211012", "Andi Saputra", "", "S.Kom.", "IX", "Fungsional",
              "Pranata Komputer Ahli Pertama", "1.02.03.01", "Seksi Pelayanan Kesehatan Rujukan",
              "1.02.03", "198611042009031004", "Fungsional PPPK"),
    OrangDemo("199111302017012004", "Maya Kusuma", "", "S.Ak.", "III/b", "Pelaksana",
              "Pengelola Keuangan", "1.02.01.01", "Subbagian Keuangan dan Aset", "1.02.01",
              "198506172010011002"),
    OrangDemo("199508162021031003", "Dimas Pratama", "", "", "II/c", "Pelaksana",
              "Pengadministrasi Barang Milik Daerah", "1.02.01.01", "Subbagian Keuangan dan Aset",
              "1.02.01", "198506172010011002"),
    # BKPSDM
    OrangDemo(KABAN_BKPSDM, "Wulan Sari", "", "S.H., M.M.", "IV/c", "JPT",
              "Kepala Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", "5.03",
              "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", "", SEKDA),
    OrangDemo("197906092004121003", "Joko Susanto", "", "S.Sos., M.Si.", "IV/a", "Administrator",
              "Kepala Bidang Penilaian Kinerja Aparatur dan Penghargaan", "5.03.02",
              "Bidang Penilaian Kinerja Aparatur dan Penghargaan", "5.03", KABAN_BKPSDM),
    OrangDemo("198303272008012006", "Lina Marlina", "", "S.Psi.", "III/d", "Administrator",
              "Kepala Bidang Pengembangan Kompetensi Aparatur", "5.03.03",
              "Bidang Pengembangan Kompetensi Aparatur", "5.03", KABAN_BKPSDM),
    OrangDemo("198605052010012009", "Ika Permatasari", "", "S.I.P.", "III/d", "Pengawas",
              "Kepala Subbidang Penilaian Kinerja", "5.03.02.01", "Subbidang Penilaian Kinerja",
              "5.03.02", "197906092004121003"),
    OrangDemo("199002022014031002", "Teguh Santoso", "", "S.E.", "III/c", "Fungsional",
              "Analis Sumber Daya Manusia Aparatur Ahli Muda", "5.03.02.01",
              "Subbidang Penilaian Kinerja", "5.03.02", "198605052010012009", "Admin instansi"),
    OrangDemo("199209092019022003", "Putri Anggraini", "", "S.Psi.", "III/a", "Fungsional",
              "Asesor Sumber Daya Manusia Aparatur Ahli Pertama", "5.03.02.01",
              "Subbidang Penilaian Kinerja", "5.03.02", "198605052010012009"),
    OrangDemo("199410102020121004", "Fajar Ramadhan", "", "A.Md.", "II/c", "Pelaksana",
              "Pengolah Data Kinerja Pegawai", "5.03.02.01", "Subbidang Penilaian Kinerja",
              "5.03.02", "198605052010012009"),
    OrangDemo("198708172012011005", "Hadi Kurniawan", "", "S.Pd.", "III/c", "Pengawas",
              "Kepala Subbidang Pelatihan Teknis", "5.03.03.01", "Subbidang Pelatihan Teknis",
              "5.03.03", "198303272008012006"),
    OrangDemo("199112122016022002", "Ratih Puspita", "", "S.Pd.", "III/b", "Fungsional",
              "Widyaiswara Ahli Pertama", "5.03.03.01", "Subbidang Pelatihan Teknis", "5.03.03",
              "198708172012011005"),
    OrangDemo("199601012022212005", "Salsabila Putri", "", "S.Kom.", "IX", "Fungsional",
              "Pranata Komputer Ahli Pertama", "5.03.03.01", "Subbidang Pelatihan Teknis", "5.03.03",
              "198708172012011005"),
    OrangDemo("199303032018011001", "Yoga Firmansyah", "", "", "II/b", "Pelaksana",
              "Pengadministrasi Diklat", "5.03.03.01", "Subbidang Pelatihan Teknis", "5.03.03",
              "198708172012011005"),
    OrangDemo("198903152013022001", "Nia Kurniasih", "", "S.A.P.", "III/c", "Pelaksana",
              "Pengelola Kepegawaian", "5.03.02.01", "Subbidang Penilaian Kinerja", "5.03.02",
              "198605052010012009"),
]  # fmt: skip

NIP_ADMIN = "199002022014031002"
