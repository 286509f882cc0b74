"""The mid-year review: pegawai and atasan each confirm, with a note, that they reviewed the SKP
together. One record per pegawai per year; the RHK behind schedule when it was first confirmed
are kept in it as they were. A double click confirms once."""

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from monitoring import access
from monitoring.kemajuan import StatusRhk
from monitoring.models import PihakDialog, TinjauanTengahTahun
from monitoring.selectors import kemajuan_pegawai
from organisasi.models import Pegawai
from organisasi.selectors import pegawai_dari_user
from skp.services.notifikasi import kabari_tautan
from skp.target import tampil_angka

MAKS_CATATAN = 4000
BULAN_MULAI = 6  # from June: the middle of the year


def tautan_tinjauan(pegawai: Pegawai) -> str:
    return reverse("monitoring:tinjauan_pegawai", args=[pegawai.pk])


def _ringkas_terlambat(pegawai: Pegawai, tahun: int) -> list[dict]:
    kemajuan = kemajuan_pegawai(pegawai, tahun)
    return [
        {
            "rhk": f"{k.rhk.label}: {k.rhk.uraian}",
            "realisasi": tampil_angka(k.realisasi) if k.realisasi is not None else "",
            "seharusnya": tampil_angka(k.kemajuan.seharusnya)
            if k.kemajuan.seharusnya is not None
            else "",
            "target": tampil_angka(k.target) if k.target is not None else "",
            "satuan": k.satuan,
        }
        for k in kemajuan.rhk
        if k.status == StatusRhk.TERLAMBAT
    ]


@transaction.atomic
def tinjauan_konfirmasi(
    *, user: AbstractBaseUser, pegawai: Pegawai, catatan: str = ""
) -> TinjauanTengahTahun:
    """Records that `user` (the pegawai or their penilai in force; 403 otherwise) reviewed this
    year's SKP with the other party, with a note. Refused before June, without an approved SKP,
    and when the same party already confirmed."""
    pegawai = (
        Pegawai.objects.select_for_update(of=("self",)).select_related("user").get(pk=pegawai.pk)
    )
    atasan = access.penilai(pegawai)
    pihak = access.pihak_tinjauan(user, pegawai, atasan)
    if pihak is None:
        raise PermissionDenied(access.PESAN_TINJAUAN)
    hari_ini = timezone.localdate()
    tahun = hari_ini.year
    catatan = (catatan or "").strip()
    if len(catatan) > MAKS_CATATAN:
        raise ValidationError({"catatan": f"Catatan paling panjang {MAKS_CATATAN} karakter."})
    if hari_ini.month < BULAN_MULAI:
        raise ValidationError(f"Tinjauan tengah tahun dapat dicatat mulai 1 Juni {tahun}.")
    skp = access.skp_jurnal(pegawai, tahun)
    tinjauan = TinjauanTengahTahun.objects.filter(pegawai=pegawai, tahun=tahun).first()
    if tinjauan is None:
        if skp is None:
            raise ValidationError(
                f"Belum ada SKP tahun {tahun} yang disetujui: tidak ada yang dapat ditinjau."
            )
        tinjauan = TinjauanTengahTahun(
            pegawai=pegawai, tahun=tahun, skp=skp,
            rhk_terlambat=_ringkas_terlambat(pegawai, tahun),
        )  # fmt: skip
    sekarang = timezone.now()
    if pihak == PihakDialog.PEGAWAI:
        if tinjauan.pegawai_konfirmasi_pada is not None:
            raise ValidationError(_sudah(tinjauan.pegawai_konfirmasi_pada), code="ganda")
        tinjauan.catatan_pegawai, tinjauan.pegawai_konfirmasi_pada = catatan, sekarang
        lawan = atasan.user if atasan else None
    else:
        if tinjauan.atasan_konfirmasi_pada is not None:
            raise ValidationError(_sudah(tinjauan.atasan_konfirmasi_pada), code="ganda")
        tinjauan.catatan_atasan, tinjauan.atasan_konfirmasi_pada = catatan, sekarang
        tinjauan.atasan = pegawai_dari_user(user)
        lawan = pegawai.user
    tinjauan.save()
    saya = pegawai_dari_user(user)
    kabari_tautan(
        penerima=[lawan],
        tautan=tautan_tinjauan(pegawai),
        judul=f"Tinjauan tengah tahun SKP {tahun} dikonfirmasi",
        isi=f"{saya.nama_lengkap} mengonfirmasi tinjauan tengah tahun SKP {tahun}"
        + ("; kini tercatat oleh kedua pihak." if tinjauan.selesai else "; mohon konfirmasi Anda."),
    )
    return tinjauan


def _sudah(waktu) -> str:
    return f"Anda sudah mengonfirmasi tinjauan ini pada {timezone.localtime(waktu):%d-%m-%Y %H.%M}."
