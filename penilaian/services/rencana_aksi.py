"""Rencana aksi: the optional steps of an RHK with a target per period (the trajectory of the
yearly target). Written by the owner of an approved SKP; carried to a mid-year revision's RHK
when the revision is approved (skp.signals.skp_disetujui)."""

from decimal import Decimal

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max

from core.versi import naikkan
from penilaian import access
from penilaian.models import JenisPeriode, RencanaAksi
from penilaian.periode import jenis_periode, nama_periode
from skp.models import RencanaHasilKerja, Skp
from skp.target import MAKS_TARGET

MAKS_URAIAN = 1000

PESAN_DITOLAK = (
    "Hanya pegawai pemilik SKP yang menyusun rencana aksinya, dan hanya pada SKP yang sedang "
    "berlaku (sudah disetujui)."
)


def pilihan_periode(skp: Skp) -> list[tuple[int, str]]:
    """The periods of the SKP's year under the instansi's choice: (nomor, "Triwulan I") ..."""
    jenis = jenis_periode(skp.instansi, skp.tahun)
    jumlah = 4 if jenis == JenisPeriode.TRIWULANAN else 12
    return [(n, nama_periode(jenis, n)) for n in range(1, jumlah + 1)]


def _kunci_skp(user: AbstractBaseUser, skp_id: int) -> Skp:
    skp = (
        Skp.objects.select_for_update(of=("self",))
        .select_related("pegawai", "instansi")
        .get(pk=skp_id)
    )
    if not access.can_ubah_rencana_aksi(user, skp):
        raise PermissionDenied(PESAN_DITOLAK)
    return skp


@transaction.atomic
def rencana_aksi_tambah(
    *,
    user: AbstractBaseUser,
    rhk: RencanaHasilKerja,
    nomor_periode: int | None,
    uraian: str,
    target: Decimal | None = None,
    satuan: str = "",
) -> RencanaAksi:
    skp = _kunci_skp(user, rhk.skp_id)
    rhk = RencanaHasilKerja.objects.get(pk=rhk.pk, skp=skp)
    galat: dict[str, str] = {}
    if nomor_periode not in dict(pilihan_periode(skp)):
        galat["nomor_periode"] = "Pilih periode dari daftar."
    uraian = (uraian or "").strip()
    satuan = (satuan or "").strip()
    if not uraian:
        galat["uraian"] = "Tuliskan rencana aksinya."
    elif len(uraian) > MAKS_URAIAN:
        galat["uraian"] = f"Rencana aksi paling panjang {MAKS_URAIAN} karakter."
    if target is not None:
        if target < 0:
            galat["target"] = "Target tidak boleh bernilai negatif."
        elif target > MAKS_TARGET:
            galat["target"] = "Angka target terlalu besar."
        elif not satuan:
            galat["satuan"] = "Isi satuan target, misalnya dokumen, laporan, atau %."
    if len(satuan) > 50:
        galat["satuan"] = "Satuan paling panjang 50 karakter."
    if galat:
        raise ValidationError(galat)
    urutan = (
        RencanaAksi.objects.filter(rhk=rhk, nomor_periode=nomor_periode).aggregate(u=Max("urutan"))[
            "u"
        ]
        or 0
    ) + 1
    return RencanaAksi.objects.create(
        rhk=rhk, nomor_periode=nomor_periode, uraian=uraian, target=target,
        satuan=satuan if target is not None else "", urutan=urutan,
    )  # fmt: skip


@transaction.atomic
def rencana_aksi_hapus(*, user: AbstractBaseUser, rencana_aksi: RencanaAksi) -> None:
    skp = _kunci_skp(user, rencana_aksi.rhk.skp_id)
    RencanaAksi.objects.filter(pk=rencana_aksi.pk, rhk__skp=skp).delete()


def salin_ke_revisi(*, skp: Skp, diganti: list[Skp]) -> int:
    """Copies the rencana aksi of the replaced versions' RHK to the RHK of `skp` copied from
    them (RencanaHasilKerja.asal), where the RHK continues: an RHK removed in the revision
    takes none, a new one starts empty, and one that already has rencana aksi keeps its own.
    Returns how many rows were copied."""
    if not diganti:
        return 0
    daftar_rhk = list(
        RencanaHasilKerja.objects.filter(skp=skp, asal__skp__in=diganti, rencana_aksi__isnull=True)
    )
    asal_ke_baru = {r.asal_id: r.pk for r in daftar_rhk}
    baru = [
        RencanaAksi(
            rhk_id=asal_ke_baru[ra.rhk_id],
            nomor_periode=ra.nomor_periode,
            uraian=ra.uraian,
            target=ra.target,
            satuan=ra.satuan,
            urutan=ra.urutan,
        )  # fmt: skip
        for ra in RencanaAksi.objects.filter(rhk_id__in=asal_ke_baru).order_by("pk")
    ]
    RencanaAksi.objects.bulk_create(baru)
    naikkan("kinerja")  # bulk writes send no signal (core/versi.py)
    return len(baru)


def saat_skp_disetujui(sender, *, skp: Skp, diganti: list[Skp], **kwargs) -> None:
    """Receiver of skp.signals.skp_disetujui (connected in PenilaianConfig.ready)."""
    salin_ke_revisi(skp=skp, diganti=diganti)
