"""The periodic evaluation as data: which action moves a PenilaianPeriodik from which states to
which, and who performs it. penilaian/services/alur.py is the only writer of the status (through
core.alur); access.py reads the same table, so buttons and rules never drift apart.

    Belum diisi -> Dikirim (pegawai sends the realisasi) -> Dinilai (penilai rates)
      -> Diterima (pegawai acknowledges) or Keberatan (within 14 working days)
      -> Diputuskan (atasan of the penilai confirms or changes the ratings, within 7).
    After the penilai's deadline the atasan of the penilai may rate instead: final."""

from core.alur import Transisi, alasan_dari_tabel
from penilaian.models import StatusPenilaian as S

TRANSISI: dict[str, Transisi] = {
    "kirim": Transisi(frozenset({S.BELUM_DIISI}), S.DIKIRIM, "pemilik", "Kirim ke penilai"),
    # The penilai may rate without realisasi (nothing was sent) and may change their rating
    # until the pegawai has acknowledged or objected.
    "nilai": Transisi(
        frozenset({S.BELUM_DIISI, S.DIKIRIM, S.DINILAI}), S.DINILAI, "penilai", "Simpan penilaian"
    ),
    "nilai_atasan": Transisi(
        frozenset({S.BELUM_DIISI, S.DIKIRIM}), S.DINILAI, "atasan_penilai", "Nilai sebagai atasan"
    ),
    "terima": Transisi(frozenset({S.DINILAI}), S.DITERIMA, "pemilik", "Terima hasil penilaian"),
    "keberatan": Transisi(frozenset({S.DINILAI}), S.KEBERATAN, "pemilik", "Ajukan keberatan"),
    "putuskan": Transisi(
        frozenset({S.KEBERATAN}), S.DIPUTUSKAN, "atasan_penilai", "Putuskan keberatan"
    ),
}

ALASAN_STATUS = {
    S.BELUM_DIISI: "Realisasi periode ini belum dikirim.",
    S.DIKIRIM: "Realisasi sudah dikirim dan menunggu penilaian pejabat penilai.",
    S.DINILAI: "Periode ini sudah dinilai oleh pejabat penilai.",
    S.DITERIMA: "Hasil penilaian periode ini sudah diterima pegawai dan tidak dapat diubah lagi.",
    S.KEBERATAN: "Pegawai mengajukan keberatan; menunggu keputusan atasan pejabat penilai.",
    S.DIPUTUSKAN: "Keberatan sudah diputuskan; hasil penilaian periode ini final.",
}

SUDAH_DILAKUKAN = {
    "kirim": "Realisasi periode ini sudah dikirim ke pejabat penilai.",
    "terima": "Hasil penilaian ini sudah Anda terima.",
    "keberatan": "Keberatan atas penilaian ini sudah diajukan.",
    "putuskan": "Keberatan ini sudah diputuskan.",
}

alasan_ditolak = alasan_dari_tabel(ALASAN_STATUS, SUDAH_DILAKUKAN, TRANSISI)

# The pegawai may add realisasi and bukti dukung until the penilai has rated.
STATUS_ISI = frozenset({S.BELUM_DIISI, S.DIKIRIM})
# Working days (domain: "Deadlines after a period").
HARI_KERJA_KEBERATAN = 14
HARI_KERJA_KEPUTUSAN = 7
