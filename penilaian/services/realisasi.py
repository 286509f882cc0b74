"""The pegawai's realisasi of a period: every value checked against its indicator's kind before
anything is written, on the locked evaluation row, refused for a stale page."""

from collections.abc import Mapping
from decimal import Decimal

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F

from core.alur import Kedaluwarsa, StatusTidakSesuai
from core.versi import naikkan
from penilaian import access
from penilaian.isian import baca_isian, jenis_isian
from penilaian.models import PenilaianPeriodik, Realisasi
from penilaian.services.alur import PESAN_KEDALUWARSA
from skp.models import IndikatorKinerja


def nama_isian(indikator_id: int) -> str:
    """The form field (and error key) of one indicator's realisasi."""
    return f"indikator_{indikator_id}"


def kunci_untuk_isi(user: AbstractBaseUser, penilaian_id: int) -> PenilaianPeriodik:
    """Locks the evaluation row and checks, on the fresh row, that `user` may change its
    realisasi and bukti dukung now: the owner (else 403), in a state and on a day that allow it
    (else the reason)."""
    penilaian = (
        PenilaianPeriodik.objects.select_for_update(of=("self",))
        .select_related("pegawai__user", "periode", "skp")
        .get(pk=penilaian_id)
    )
    if not access.can(user, "isi_realisasi", penilaian):
        if not access.pemilik(user, penilaian):
            raise PermissionDenied(access.PESAN_DITOLAK["isi_realisasi"])
        raise StatusTidakSesuai(access.alasan_tidak_dapat_isi(penilaian))
    return penilaian


@transaction.atomic
def realisasi_simpan(
    *,
    user: AbstractBaseUser,
    penilaian: PenilaianPeriodik,
    isian: Mapping[int, str],
    revisi: int | None = None,
) -> bool:
    """Writes the realisasi typed for the indicators in `isian` (indicator id -> text as typed;
    an empty text clears it). Every value is read first: one of the wrong kind refuses the
    whole save with a message per field (ValidationError keyed by `nama_isian`) and writes
    nothing. A page older than the row's `revisi` is refused when it would change something
    (sending the same values again, e.g. a double click, changes nothing and is not refused).
    Returns whether anything changed; a change bumps `revisi`."""
    penilaian = kunci_untuk_isi(user, penilaian.pk)
    indikator = {i.pk: i for i in IndikatorKinerja.objects.filter(rhk__skp_id=penilaian.skp_id)}
    asing = [pk for pk in isian if pk not in indikator]
    if asing:
        raise ValidationError("Indikator yang dikirim tidak termasuk SKP periode ini.")
    baru: dict[int, tuple[Decimal | None, str]] = {}
    galat: dict[str, str] = {}
    for pk, teks in isian.items():
        try:
            baru[pk] = baca_isian(jenis_isian(penilaian.skp, indikator[pk]), teks)
        except ValidationError as e:
            galat[nama_isian(pk)] = e.messages[0]
    if galat:
        raise ValidationError(galat)

    ada = {r.indikator_id: r for r in Realisasi.objects.filter(penilaian=penilaian)}
    tambah, ubah, hapus = [], [], []
    for pk, (nilai, teks) in baru.items():
        lama = ada.get(pk)
        if nilai is None and not teks:
            if lama is not None:
                hapus.append(lama.pk)
        elif lama is None:
            tambah.append(Realisasi(penilaian=penilaian, indikator_id=pk, nilai=nilai, teks=teks))
        elif (lama.nilai, lama.teks) != (nilai, teks):
            lama.nilai, lama.teks = nilai, teks
            ubah.append(lama)
    if not (tambah or ubah or hapus):
        return False
    if revisi is not None and revisi != penilaian.revisi:
        raise Kedaluwarsa(PESAN_KEDALUWARSA)
    Realisasi.objects.filter(pk__in=hapus).delete()
    Realisasi.objects.bulk_create(tambah)
    for r in ubah:
        r.save(update_fields=["nilai", "teks", "diubah"])
    PenilaianPeriodik.objects.filter(pk=penilaian.pk).update(revisi=F("revisi") + 1)
    naikkan("kinerja")  # bulk writes send no signal (core/versi.py)
    return True
