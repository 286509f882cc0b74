"""Every write to an SKP, and the completeness check the submission will use.

buat: creating (snapshot, BerAKHLAK rows, copy of last year's); ubah: editing a draft (each edit
locks the SKP row, checks permission and state on the fresh row, validates everything before
writing anything, and bumps `revisi`); hapus: deleting an RHK or a first draft without losing
bawahan links silently; kelengkapan: what still blocks submission."""

from skp.services.alur import (
    SkpKedaluwarsa,
    StatusTidakSesuai,
    ajukan,
    alihkan_penilai,
    buka_revisi,
    kembalikan,
    komentar_balas,
    komentar_tandai,
    setujui,
    tarik,
)
from skp.services.buat import TAHUN_PERTAMA, skp_buat, tahun_tersedia
from skp.services.hapus import rhk_hapus, skp_hapus
from skp.services.kelengkapan import periksa_kelengkapan
from skp.services.ubah import (
    ekspektasi_ubah,
    indikator_hapus,
    indikator_tambah,
    indikator_ubah,
    lampiran_ubah,
    periksa_indikator,
    rhk_pindah,
    rhk_tambah,
    rhk_ubah,
)

__all__ = [
    "SkpKedaluwarsa",
    "StatusTidakSesuai",
    "ajukan",
    "alihkan_penilai",
    "buka_revisi",
    "kembalikan",
    "komentar_balas",
    "komentar_tandai",
    "setujui",
    "tarik",
    "TAHUN_PERTAMA",
    "ekspektasi_ubah",
    "indikator_hapus",
    "indikator_tambah",
    "indikator_ubah",
    "lampiran_ubah",
    "periksa_indikator",
    "periksa_kelengkapan",
    "rhk_hapus",
    "rhk_pindah",
    "rhk_tambah",
    "rhk_ubah",
    "skp_buat",
    "skp_hapus",
    "tahun_tersedia",
]
