"""Dialog kinerja: recorded by the pegawai or their atasan, told to the other party after the
commit; its follow-up marked done by either party (who and when are kept). A double click
records once and marks once."""

from datetime import date

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from monitoring import access
from monitoring.models import DialogKinerja, JenisDialog, PihakDialog
from organisasi.models import Pegawai
from organisasi.selectors import pegawai_dari_user
from skp.services.notifikasi import kabari_tautan

MAKS_TOPIK = 200
MAKS_KESEPAKATAN = 4000
MAKS_TINDAK_LANJUT = 2000

PESAN_GANDA = (
    "Dialog ini sudah tercatat (tombol Simpan tertekan dua kali); tidak ada catatan ganda yang "
    "dibuat."
)


def _nama(user: AbstractBaseUser) -> str:
    pegawai = pegawai_dari_user(user)
    return pegawai.nama_lengkap if pegawai is not None else user.get_username()


def tautan_dialog(pegawai: Pegawai) -> str:
    return reverse("monitoring:pegawai", args=[pegawai.pk]) + "#dialog"


@transaction.atomic
def dialog_catat(
    *,
    user: AbstractBaseUser,
    pegawai: Pegawai,
    token: str,
    tanggal: date | None,
    jenis: str,
    topik: str,
    kesepakatan: str,
    tindak_lanjut: str = "",
    tanggal_tindak_lanjut: date | None = None,
) -> DialogKinerja:
    """Records a dialog between `pegawai` and their atasan, by either of them (403 otherwise)."""
    pegawai = (
        Pegawai.objects.select_for_update(of=("self",)).select_related("user").get(pk=pegawai.pk)
    )
    atasan = access.penilai(pegawai)
    pihak = access.pihak_dialog(user, pegawai, atasan)
    if pihak is None:
        raise PermissionDenied(access.PESAN_DIALOG)
    token = (token or "").strip()[:32]
    if not token:
        raise ValidationError("Formulir tidak lengkap: muat ulang halaman lalu ulangi.")
    if DialogKinerja.objects.filter(pegawai=pegawai, token=token).exists():
        raise ValidationError(PESAN_GANDA, code="ganda")
    galat: dict[str, str] = {}
    hari_ini = timezone.localdate()
    if tanggal is None:
        galat["tanggal"] = "Isi tanggal dialog."
    elif tanggal > hari_ini:
        galat["tanggal"] = (
            f"Tanggal dialog tidak boleh melewati hari ini ({hari_ini:%d-%m-%Y}): catat dialog "
            "yang sudah berlangsung."
        )
    elif tanggal.year < hari_ini.year - 1:
        galat["tanggal"] = f"Tanggal dialog paling awal 1 Januari {hari_ini.year - 1}."
    if jenis not in JenisDialog.values:
        galat["jenis"] = "Pilih jenis dialog: coaching, mentoring, atau konseling."
    topik, kesepakatan = (topik or "").strip(), (kesepakatan or "").strip()
    tindak_lanjut = (tindak_lanjut or "").strip()
    if not topik:
        galat["topik"] = "Tuliskan topik dialog."
    elif len(topik) > MAKS_TOPIK:
        galat["topik"] = f"Topik paling panjang {MAKS_TOPIK} karakter."
    if not kesepakatan:
        galat["kesepakatan"] = "Tuliskan yang disepakati."
    elif len(kesepakatan) > MAKS_KESEPAKATAN:
        galat["kesepakatan"] = f"Paling panjang {MAKS_KESEPAKATAN} karakter."
    if len(tindak_lanjut) > MAKS_TINDAK_LANJUT:
        galat["tindak_lanjut"] = f"Paling panjang {MAKS_TINDAK_LANJUT} karakter."
    if (
        tanggal_tindak_lanjut is not None
        and tanggal is not None
        and tanggal_tindak_lanjut < tanggal
    ):
        galat["tanggal_tindak_lanjut"] = "Tanggal tindak lanjut tidak boleh sebelum tanggal dialog."
    elif tindak_lanjut and tanggal_tindak_lanjut is None:
        galat["tanggal_tindak_lanjut"] = (
            "Isi tanggal tindak lanjut, agar tindak lanjutnya dipantau sampai ditandai selesai."
        )
    if galat:
        raise ValidationError(galat)
    if pihak == PihakDialog.ATASAN:
        atasan = pegawai_dari_user(user)
    dialog = DialogKinerja.objects.create(
        pegawai=pegawai, atasan=atasan, tanggal=tanggal, jenis=jenis, topik=topik,
        kesepakatan=kesepakatan, tindak_lanjut=tindak_lanjut,
        tanggal_tindak_lanjut=tanggal_tindak_lanjut, dicatat_oleh=user, dicatat_sebagai=pihak,
        token=token,
    )  # fmt: skip
    lawan = atasan.user if pihak == PihakDialog.PEGAWAI and atasan else pegawai.user
    batas = f" Tindak lanjut: {tanggal_tindak_lanjut:%d-%m-%Y}." if tanggal_tindak_lanjut else ""
    kabari_tautan(
        penerima=[lawan],
        tautan=tautan_dialog(pegawai),
        judul=f"Dialog kinerja ({dialog.get_jenis_display()}) dicatat",
        isi=f"{_nama(user)} mencatat dialog kinerja {tanggal:%d-%m-%Y}: {topik}.{batas}",
    )
    return dialog


@transaction.atomic
def tindak_lanjut_selesai(*, user: AbstractBaseUser, dialog: DialogKinerja) -> DialogKinerja:
    """Marks the follow-up of a dialog done, by either party (403 otherwise); once only."""
    dialog = (
        DialogKinerja.objects.select_for_update(of=("self",))
        .select_related("pegawai__user", "pegawai__jabatan", "atasan__user")
        .get(pk=dialog.pk)
    )
    if dialog.selesai_pada is not None:
        waktu = timezone.localtime(dialog.selesai_pada)
        raise ValidationError(
            f"Tindak lanjut ini sudah ditandai selesai oleh {dialog.selesai_oleh_nama} pada "
            f"{waktu:%d-%m-%Y %H.%M}.",
            code="ganda",
        )
    if dialog.tanggal_tindak_lanjut is None:
        raise ValidationError("Dialog ini tidak memiliki tindak lanjut yang dipantau.")
    if not access.boleh_selesaikan(user, dialog):
        raise PermissionDenied(access.PESAN_SELESAI)
    dialog.selesai_pada = timezone.now()
    dialog.selesai_oleh = user
    dialog.selesai_oleh_nama = _nama(user)[:300]
    dialog.save(update_fields=["selesai_pada", "selesai_oleh", "selesai_oleh_nama"])
    pihak = [dialog.pegawai.user, dialog.atasan.user if dialog.atasan else None]
    kabari_tautan(
        penerima=[u for u in pihak if u is not None and u.pk != user.pk],
        tautan=tautan_dialog(dialog.pegawai),
        judul="Tindak lanjut dialog kinerja selesai",
        isi=f"{dialog.selesai_oleh_nama} menandai tindak lanjut “{dialog.topik}” selesai.",
    )
    return dialog
