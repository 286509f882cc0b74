"""Writes from the Penilaian Bawahan page: the evaluations of a period made for all bawahan at
once, and a rating saved from one row (through services.alur.nilai, the only writer of the
status)."""

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from core.alur import Kedaluwarsa
from core.versi import naikkan
from organisasi.selectors import pegawai_dari_user
from penilaian.models import PenilaianPeriodik, Periode, StatusPenilaian
from penilaian.services import alur
from skp.models import Skp


@transaction.atomic
def pastikan_penilaian_banyak(
    *, periode: Periode, skp_per_pegawai: dict[int, Skp]
) -> dict[int, PenilaianPeriodik]:
    """`alur.pastikan_penilaian` for many pegawai at once: the caller has found each one's SKP
    in force for the period and left out those not evaluated in it (penilaian.bawahan does,
    in bulk, by the same rules). Pegawai id -> evaluation (with its SKP), in two queries."""
    baru = [
        PenilaianPeriodik(pegawai_id=pegawai_id, periode=periode, skp=skp)
        for pegawai_id, skp in skp_per_pegawai.items()
        if skp.instansi_id == periode.instansi_id and skp.pegawai_id == pegawai_id
    ]
    if not baru:
        return {}
    # Made meanwhile by another request (the pegawai opening their realisasi): kept as it is.
    PenilaianPeriodik.objects.bulk_create(baru, ignore_conflicts=True)
    naikkan("kinerja")  # bulk writes send no signal (core/versi.py)
    return {
        p.pegawai_id: p
        for p in PenilaianPeriodik.objects.filter(
            periode=periode, pegawai_id__in=[b.pegawai_id for b in baru]
        ).select_related("skp")
    }


def nilai_baris(
    *,
    user: AbstractBaseUser,
    penilaian: PenilaianPeriodik,
    rating_hasil_kerja: str,
    rating_perilaku: str,
    revisi: int | None,
    oleh_atasan: bool = False,
) -> PenilaianPeriodik:
    """Both ratings saved from one row of the page. The row has no note field: the note the
    penilai wrote on the detail page is kept (the row's `revisi` guarantees it is the one
    they saw). The same save arriving twice (a double click before the row came back) finds
    the row already saved as asked and is not refused as stale: nothing is written again."""
    try:
        return alur.nilai(
            user=user, penilaian=penilaian, rating_hasil_kerja=rating_hasil_kerja,
            rating_perilaku=rating_perilaku, catatan=penilaian.catatan_penilai, revisi=revisi,
            oleh_atasan=oleh_atasan,
        )  # fmt: skip
    except Kedaluwarsa:
        segar = PenilaianPeriodik.objects.get(pk=penilaian.pk)
        penilai = pegawai_dari_user(user)
        sama = (
            segar.status == StatusPenilaian.DINILAI
            and (segar.rating_hasil_kerja, segar.rating_perilaku)
            == (rating_hasil_kerja, rating_perilaku)
            and segar.catatan_penilai == penilaian.catatan_penilai
            and segar.oleh_atasan_penilai == oleh_atasan
            and penilai is not None
            and segar.dinilai_oleh_id == penilai.pk
        )
        if sama:
            return segar
        raise
