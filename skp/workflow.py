"""The approval workflow as data: which action moves an SKP from which states to which state,
and who performs it. services/alur.py is the only writer of `Skp.status`; access.py reads the
same table, so buttons and rules never drift apart."""

from core.alur import Transisi, alasan_dari_tabel
from skp.models import StatusSkp

TRANSISI: dict[str, Transisi] = {
    "ajukan": Transisi(
        frozenset({StatusSkp.DRAF, StatusSkp.DIKEMBALIKAN}),
        StatusSkp.DIAJUKAN,
        "pemilik",
        "Ajukan",
    ),
    "kembalikan": Transisi(
        frozenset({StatusSkp.DIAJUKAN}), StatusSkp.DIKEMBALIKAN, "penilai", "Kembalikan"
    ),
    "setujui": Transisi(frozenset({StatusSkp.DIAJUKAN}), StatusSkp.DISETUJUI, "penilai", "Setujui"),
    # The pegawai takes a submission back (to fix something noticed too late) until the penilai
    # has decided; it is a draft again and goes to the penilai's inbox only when resubmitted.
    "tarik": Transisi(frozenset({StatusSkp.DIAJUKAN}), StatusSkp.DRAF, "pemilik", "Tarik kembali"),
    # Creates a new version (a draft); the approved one stays in force until that is approved.
    "buka_revisi": Transisi(
        frozenset({StatusSkp.DISETUJUI}), StatusSkp.DRAF, "pemilik_atau_penilai", "Buka revisi"
    ),
    # Done by `setujui` of the newer version, in the same transaction.
    "ganti": Transisi(frozenset({StatusSkp.DISETUJUI}), StatusSkp.DIGANTI, "sistem", "Ganti"),
}

# Why an action cannot be done in the SKP's current state, said as the person needs to hear it.
ALASAN_STATUS = {
    StatusSkp.DRAF: "SKP ini masih draf dan belum diajukan.",
    StatusSkp.DIAJUKAN: "SKP ini sudah diajukan dan sedang menunggu keputusan pejabat penilai.",
    StatusSkp.DIKEMBALIKAN: "SKP ini sudah dikembalikan kepada pegawai untuk diperbaiki.",
    StatusSkp.DISETUJUI: "SKP ini sudah disetujui.",
    StatusSkp.DIGANTI: "SKP ini sudah diganti oleh versi yang lebih baru dan hanya dapat dibaca.",
}

# Said when the same action was already done (a double click, a second tab).
SUDAH_DILAKUKAN = {
    "ajukan": "SKP ini sudah diajukan.",
    "kembalikan": "SKP ini sudah dikembalikan.",
    "setujui": "SKP ini sudah disetujui.",
    "tarik": "SKP ini sudah ditarik kembali dan kini berstatus Draf.",
}


alasan_ditolak = alasan_dari_tabel(ALASAN_STATUS, SUDAH_DILAKUKAN, TRANSISI)


def kalimat(teks: str) -> str:
    """`teks` closed by one full stop: a name that already ends with one ("Agus Prasetyo, S.E.")
    does not get a second."""
    teks = teks.rstrip()
    return teks if teks.endswith(".") else f"{teks}."
