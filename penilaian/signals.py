"""Extension points of the evaluation pages for apps built on top of `penilaian` (monitoring),
which penilaian must not import: it asks, they answer. With no receiver the pages are as before."""

from dataclasses import dataclass
from decimal import Decimal

from django.dispatch import Signal
from django.utils.safestring import SafeString

# Sent by the realisasi page with `penilaian`; a receiver returns {indikator id: Usulan} for the
# indicators it can propose a realisasi for (the journal's results of the period).
usulan_realisasi = Signal()

# Sent by the Penilaian Bawahan page with `request`, `pegawai` (the viewer) and `periode`; a
# receiver returns a rendered notice to show above the table (SafeString), or "".
spanduk_penilaian_bawahan = Signal()


@dataclass(frozen=True)
class Usulan:
    """A proposed realisasi, shown beside the input and never written into it: the pegawai copies
    it in (a button) or types their own."""

    nilai: Decimal
    teks: str  # e.g. "14 dokumen (5 entri)"
    tautan: str = ""  # where the entries it adds up are listed


def usulan_untuk(penilaian) -> dict[int, Usulan]:
    usulan: dict[int, Usulan] = {}
    for _, jawaban in usulan_realisasi.send(sender=type(penilaian), penilaian=penilaian):
        usulan.update(jawaban or {})
    return usulan


def spanduk_untuk(request, pegawai, periode) -> list[SafeString]:
    return [
        jawaban
        for _, jawaban in spanduk_penilaian_bawahan.send(
            sender=type(pegawai), request=request, pegawai=pegawai, periode=periode
        )
        if jawaban
    ]
