"""Deleting: an RHK from a draft, and a whole first draft SKP that was never submitted.

Bawahan RHK that intervene what goes never lose their link silently. While a bawahan SKP that
intervenes it is Diajukan or Disetujui, the delete is refused and names them (the atasan
returns that SKP, or a revision relinks it, first). Otherwise each bawahan SKP touched gets its
RHK unlinked ("Belum ditautkan"), its `revisi` bumped (its open forms would otherwise send the
old link back), a history row, and, while its owner can still relink, a notification after the
commit. A replaced (Diganti) bawahan version is unlinked with its history row only: its signed
PDF and the snapshot of its submission keep the text of the link, and refusing would leave the
atasan no way forward."""

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, RestrictedError
from django.utils import timezone

from core.versi import naikkan
from skp import access
from skp.models import STATUS_DAPAT_DIUBAH, RencanaHasilKerja, RiwayatStatus, Skp
from skp.selectors import intervensi_bawahan, sebut_intervensi
from skp.services.alur import StatusTidakSesuai, periksa_revisi
from skp.services.notifikasi import kabari
from skp.services.ubah import _kunci, _rapatkan, _revisi

PESAN_BARU_DITAUTKAN = (
    "Sementara Anda menghapus, ada RHK bawahan yang baru ditautkan ke RHK ini. Muat ulang "
    "halaman lalu coba lagi."
)


def _lepas_intervensi(
    *, user: AbstractBaseUser, skp: Skp, rhk_ids: list[int], menolak: str, sebab: str
) -> int:
    """Unlinks the bawahan RHK that intervene `rhk_ids` (RHK of the locked `skp`), or raises
    `StatusTidakSesuai`: `menolak` ("... tidak dapat dihapus. RHK bawahan berikut
    mengintervensinya") followed by who blocks it. `sebab` completes "RHK pimpinan yang
    diintervensi ..." in their history row and notification. Returns how many bawahan RHK
    were unlinked."""
    if not rhk_ids:
        return 0
    # Lock the bawahan SKP (in pk order) before reading their RHK and statuses: a bawahan
    # submitting meanwhile either waits for this delete or is seen here as Diajukan.
    list(
        Skp.objects.select_for_update(of=("self",))
        .filter(pk__in=RencanaHasilKerja.objects.filter(rhk_atasan_id__in=rhk_ids).values("skp_id"))
        .exclude(pk=skp.pk)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    intervensi = intervensi_bawahan(rhk_ids, kecuali_skp=skp.pk)
    if intervensi.menghalangi:
        raise StatusTidakSesuai(
            f"{menolak} dan SKP-nya sudah diajukan atau disetujui: "
            f"{sebut_intervensi(intervensi.menghalangi)}. Kembalikan SKP yang diajukan, atau "
            "minta bawahan merevisi SKP yang disetujui dan mengganti tautannya, sebelum menghapus."
        )
    per_skp: dict[int, list[RencanaHasilKerja]] = {}
    for r in intervensi.dilepas:
        per_skp.setdefault(r.skp_id, []).append(r)
    for daftar in per_skp.values():
        b = daftar[0].skp
        for r in daftar:
            r.rhk_atasan_id = None
        RencanaHasilKerja.objects.bulk_update(daftar, ["rhk_atasan"])
        Skp.objects.filter(pk=b.pk).update(revisi=F("revisi") + 1, diubah=timezone.now())
        naikkan("kinerja")  # bulk writes send no signal (core/versi.py)
        label = ", ".join(f"RHK {r.label}" for r in daftar)
        RiwayatStatus.objects.create(
            skp=b, aksi="tautan_atasan", dari=b.status, ke=b.status, oleh=user,
            catatan=f"{label} kini belum ditautkan: RHK pimpinan yang diintervensi {sebab}.",
        )  # fmt: skip
        if b.status in STATUS_DAPAT_DIUBAH:
            kabari(
                penerima=[b.pegawai.user],
                skp=b,
                judul=f"Tautan RHK pada SKP {b.tahun} Anda dilepas",
                isi=f"RHK pimpinan yang diintervensi {label} pada SKP Anda {sebab}. RHK "
                "tersebut kini berstatus Belum ditautkan: pilih kembali RHK pimpinan yang "
                "diintervensinya sebelum mengajukan SKP.",
            )
    return len(intervensi.dilepas)


def _hapus(obj: Skp | RencanaHasilKerja) -> None:
    """Deletes; a bawahan link made after `_lepas_intervensi` looked (the database refuses to
    lose it, see RencanaHasilKerja.rhk_atasan) is said as such instead of a server error."""
    try:
        obj.delete()
    except RestrictedError:
        raise ValidationError(PESAN_BARU_DITAUTKAN, code="baru_ditautkan") from None


@transaction.atomic
def rhk_hapus(*, user: AbstractBaseUser, rhk: RencanaHasilKerja, revisi: int | None = None) -> int:
    """Deletes an RHK of a draft with its indicators. Returns how many bawahan RHK that
    intervened it were unlinked (see the module docstring)."""
    skp = _kunci(user, rhk.skp_id, revisi=revisi)
    rhk = RencanaHasilKerja.objects.get(pk=rhk.pk, skp=skp)
    nama = skp.pegawai_nama
    dilepas = _lepas_intervensi(
        user=user,
        skp=skp,
        rhk_ids=[rhk.pk],
        menolak=f"RHK {rhk.label} tidak dapat dihapus. RHK bawahan berikut mengintervensinya",
        sebab=f"(RHK {rhk.label} SKP {skp.tahun} {nama}: “{rhk.uraian[:120]}”) telah dihapus "
        f"oleh {nama}",
    )
    jenis = rhk.jenis
    _hapus(rhk)
    _rapatkan(skp, jenis)
    _revisi(skp)
    return dilepas


@transaction.atomic
def skp_hapus(*, user: AbstractBaseUser, skp: Skp, revisi: int | None = None) -> int:
    """The owner deletes a first draft that was never submitted (e.g. made with the wrong
    pendekatan or year), with everything in it, so it can be made again. Returns how many
    bawahan RHK that intervened its RHK were unlinked."""
    skp = Skp.objects.select_for_update(of=("self",)).select_related("pegawai").get(pk=skp.pk)
    if not access.boleh_peran(user, "hapus_draf", skp):
        raise PermissionDenied(access.PESAN_DITOLAK["hapus_draf"])
    alasan = access.alasan_tidak_dapat_dihapus(skp)
    if alasan:
        raise StatusTidakSesuai(alasan)
    periksa_revisi(skp, revisi)
    dilepas = _lepas_intervensi(
        user=user,
        skp=skp,
        rhk_ids=list(skp.rhk.values_list("pk", flat=True)),
        menolak=f"Draf SKP tahun {skp.tahun} tidak dapat dihapus. RHK bawahan berikut "
        "mengintervensi RHK-nya",
        sebab=f"(pada draf SKP {skp.tahun} {skp.pegawai_nama}) telah dihapus bersama draf SKP "
        "tersebut",
    )
    _hapus(skp)
    return dilepas
