"""The downloadable XLSX template for the pegawai import."""

import io

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from core.spreadsheet import AWALAN_CONTOH, format_teks
from organisasi.impor import KOLOM_TEMPLAT, KOLOM_WAJIB

# NIP and unit code columns stay text, so Excel keeps all 18 digits and "1.10" as typed.
KOLOM_TEKS = ("nip", "kode_unit", "kode_unit_induk", "nip_atasan")

# On the Petunjuk sheet, which the import never reads: a template uploaded unchanged must write
# nothing (issue 12: example rows with a real Dinas Kesehatan's codes renamed its unit). The unit
# codes start with CONTOH, which the import refuses, in case the rows are copied to the data.
CONTOH = [
    ["19700101 200003 1 001", "Suryadi", "Dr.", "M.Si.", "IV/c", "JPT", "Kepala Dinas Contoh",
     f"{AWALAN_CONTOH}-1", "Dinas Contoh", "", "", "suryadi@contoh.go.id"],
    ["198203152008012002", "Ratna Sari", "", "S.K.M.", "III/d", "Administrator",
     "Kepala Bidang Contoh", f"{AWALAN_CONTOH}-1.01", "Bidang Contoh", f"{AWALAN_CONTOH}-1",
     "197001012000031001", ""],
]  # fmt: skip

PETUNJUK = [
    "Petunjuk pengisian (satu baris per pegawai di sheet Pegawai, mulai baris 2; jangan ubah judul kolom pada baris 1):",
    "nip, nip_atasan: 18 digit, boleh dengan atau tanpa spasi. Kolom ini sudah berformat teks; jika menyalin dari berkas lain, tempel sebagai nilai (Paste Values) atau awali dengan ' agar Excel tidak membulatkannya.",
    "kode_unit, kode_unit_induk: berformat teks agar Excel tidak mengubah 1.10 menjadi 1.1.",
    "nama, gelar_depan, gelar_belakang: nama tanpa gelar; gelar ditulis di kolomnya sendiri.",
    "pangkat_golongan: III/a, Penata Muda, atau 'Penata Muda (III/a)'; PPPK: I sampai XVII.",
    "jenis_jabatan: JPT, Administrator, Pengawas, Pelaksana, atau Fungsional.",
    "kode_unit, nama_unit: unit kerja pegawai; kode_unit_induk: kode unit di atasnya (kosong untuk OPD).",
    "nip_atasan: NIP atasan langsung (kosong hanya untuk pimpinan tertinggi).",
    "email: dipakai untuk tautan pengaturan kata sandi (boleh kosong).",
    "jenjang: hanya untuk jabatan fungsional: Pemula, Terampil, Mahir, Penyelia, Ahli Pertama, Ahli Muda, Ahli Madya, atau Ahli Utama (menentukan angka kredit); kosong = jenjang yang sudah tercatat tidak diubah.",
    f"Kolom wajib: {', '.join(KOLOM_WAJIB)}.",
    "Sebelum data diubah, Anda melihat pratinjau setiap baris yang akan dibuat atau diubah.",
    "",
    f"Contoh pengisian (hanya contoh, tidak pernah dibaca saat impor; baris berkode {AWALAN_CONTOH}- ditolak bila disalin ke sheet Pegawai):",
]


def templat_pegawai_xlsx() -> bytes:
    buku = Workbook()
    ws = buku.active
    ws.title = "Pegawai"
    ws.append(KOLOM_TEMPLAT)
    for sel in ws[1]:
        sel.font = Font(bold=True)
    format_teks(ws, [get_column_letter(KOLOM_TEMPLAT.index(nama) + 1) for nama in KOLOM_TEKS])
    petunjuk = buku.create_sheet("Petunjuk")
    for teks in PETUNJUK:
        petunjuk.append([teks])
    petunjuk.append(KOLOM_TEMPLAT)
    for sel in petunjuk[petunjuk.max_row]:
        sel.font = Font(bold=True)
    for baris in CONTOH:
        petunjuk.append(baris)
    keluaran = io.BytesIO()
    buku.save(keluaran)
    return keluaran.getvalue()
