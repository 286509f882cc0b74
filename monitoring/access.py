"""Who may see or do what in the monitoring pages: the only place deciding it.

Seeing a pegawai's jurnal kinerja (its files included), dialog kinerja and mid-year review: the
SKP rule, not a new one (`skp.access.visible_pegawai`): the pegawai, their atasan chain by
position (Plt/Plh included) and the admin of their instansi (and a superuser). Everybody else
gets a 404.

Doing: only the pegawai writes their jurnal, on an SKP of theirs in force (approved), and edits
an entry for JURNAL_HARI_UBAH days after writing it. A dialog is recorded by the pegawai or by
their atasan langsung (the penilai in force, Plt/Plh included); its follow-up is marked done by
either party (the pegawai, the atasan recorded on it, or the penilai in force now). The mid-year
review is confirmed by the pegawai and by their penilai in force."""

from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from monitoring.models import DialogKinerja, JurnalKinerja
from organisasi.models import Pegawai
from organisasi.selectors import atasan_langsung, pegawai_dari_user
from skp.access import visible_pegawai
from skp.models import Skp, StatusSkp

Pengguna = AbstractBaseUser | AnonymousUser


def pegawai_terlihat(user: Pengguna) -> QuerySet[Pegawai]:
    """The pegawai whose jurnal, dialogs and review `user` may read, as one queryset."""
    return visible_pegawai(user)


def boleh_lihat(user: Pengguna, pegawai: Pegawai) -> bool:
    if _sendiri(user, pegawai):
        return True
    return pegawai_terlihat(user).filter(pk=pegawai.pk).exists()


def get_pegawai_for_user(user: Pengguna, pk: int) -> Pegawai:
    pegawai = (
        pegawai_terlihat(user).select_related("user", "jabatan__unit_kerja", "instansi")
        .filter(pk=pk)
        .first()
    )  # fmt: skip
    if pegawai is None:
        raise Http404("Pegawai tidak ditemukan.")
    return pegawai


def get_jurnal_for_user(user: Pengguna, pk: int) -> JurnalKinerja:
    jurnal = (
        JurnalKinerja.objects.filter(pk=pk, pegawai__in=pegawai_terlihat(user))
        .select_related("pegawai__user", "skp", "rhk", "indikator", "rencana_aksi")
        .first()
    )
    if jurnal is None:
        raise Http404("Entri jurnal tidak ditemukan.")
    return jurnal


def get_dialog_for_user(user: Pengguna, pk: int) -> DialogKinerja:
    dialog = (
        DialogKinerja.objects.filter(pk=pk, pegawai__in=pegawai_terlihat(user))
        .select_related("pegawai__user", "pegawai__jabatan", "atasan")
        .first()
    )
    if dialog is None:
        raise Http404("Dialog kinerja tidak ditemukan.")
    return dialog


def _sendiri(user: Pengguna, pegawai: Pegawai) -> bool:
    return user.is_authenticated and user.is_active and pegawai.user_id == user.pk


# --- jurnal ------------------------------------------------------------------------------------


def hari_ubah() -> int:
    return settings.JURNAL_HARI_UBAH


def terkunci_sejak(jurnal: JurnalKinerja) -> datetime:
    """When an entry stops being editable: JURNAL_HARI_UBAH days after it was written."""
    return jurnal.dibuat + timedelta(days=hari_ubah())


def alasan_tidak_dapat_ubah(jurnal: JurnalKinerja) -> str:
    """Why the owner may no longer change or delete the entry ("" while they may)."""
    if timezone.now() > terkunci_sejak(jurnal):
        batas = timezone.localtime(terkunci_sejak(jurnal))
        return (
            f"Entri jurnal hanya dapat diubah {hari_ubah()} hari setelah ditulis (sampai "
            f"{batas:%d-%m-%Y %H.%M}). Entri ini sudah terkunci dan disimpan apa adanya."
        )
    return ""


def boleh_ubah_jurnal(user: Pengguna, jurnal: JurnalKinerja) -> bool:
    return _sendiri(user, jurnal.pegawai) and not alasan_tidak_dapat_ubah(jurnal)


PESAN_BUKAN_PEMILIK = "Hanya pegawai pemilik jurnal yang dapat menulis dan mengubah jurnalnya."


def require_pemilik_jurnal(user: Pengguna, jurnal: JurnalKinerja) -> None:
    """403 for anyone but the owner (who may see it but not change it); the lock is a message."""
    if not _sendiri(user, jurnal.pegawai):
        raise PermissionDenied(PESAN_BUKAN_PEMILIK)


def skp_jurnal(pegawai: Pegawai, tahun: int) -> Skp | None:
    """The SKP a new entry of `tahun` is written on: the pegawai's version in force (approved)."""
    return (
        Skp.objects.filter(pegawai=pegawai, tahun=tahun, status=StatusSkp.DISETUJUI)
        .select_related("instansi", "pegawai")
        .first()
    )


# --- dialog kinerja ----------------------------------------------------------------------------


def penilai(pegawai: Pegawai) -> Pegawai | None:
    """The pegawai's atasan langsung now (penilai in force, Plt/Plh included)."""
    if not pegawai.jabatan_id:
        return None
    return atasan_langsung(pegawai)


# "Not looked up yet", as opposed to None ("the pegawai has no penilai").
CARI = object()


def pihak_dialog(user: Pengguna, pegawai: Pegawai, atasan=CARI) -> str | None:
    """As which party `user` records a dialog with `pegawai` ("pegawai" / "atasan"), or None.
    `atasan`: the pegawai's penilai (or None) when the caller has it already."""
    from monitoring.models import PihakDialog

    if not user.is_authenticated or not user.is_active:
        return None
    if _sendiri(user, pegawai):
        return PihakDialog.PEGAWAI
    saya = pegawai_dari_user(user)
    if saya is None:
        return None
    if atasan is CARI:
        atasan = penilai(pegawai)
    return PihakDialog.ATASAN if atasan is not None and atasan.pk == saya.pk else None


def boleh_selesaikan(user: Pengguna, dialog: DialogKinerja, atasan=CARI) -> bool:
    """Either party marks a follow-up done: the pegawai, the atasan recorded on the dialog, or
    the pegawai's penilai now (who took over from them)."""
    if not user.is_authenticated or not user.is_active or not dialog.tindak_lanjut_terbuka:
        return False
    if _sendiri(user, dialog.pegawai):
        return True
    saya = pegawai_dari_user(user)
    if saya is None:
        return False
    if dialog.atasan_id == saya.pk:
        return True
    return pihak_dialog(user, dialog.pegawai, atasan) is not None


PESAN_DIALOG = (
    "Dialog kinerja dicatat oleh pegawai yang bersangkutan atau oleh atasan langsungnya "
    "(pejabat penilai)."
)
PESAN_SELESAI = (
    "Tindak lanjut hanya dapat ditandai selesai oleh pegawai atau atasannya dalam dialog ini."
)


# --- mid-year review ---------------------------------------------------------------------------


def pihak_tinjauan(user: Pengguna, pegawai: Pegawai, atasan=CARI) -> str | None:
    """The same two parties as a dialog: the pegawai and their penilai in force."""
    return pihak_dialog(user, pegawai, atasan)


PESAN_TINJAUAN = (
    "Tinjauan tengah tahun dikonfirmasi oleh pegawai yang bersangkutan dan atasan langsungnya "
    "(pejabat penilai)."
)


# --- dashboards --------------------------------------------------------------------------------
# Dasbor Kinerja: one's own (a pegawai record needed). Dasbor Tim: one's own direct bawahan (an
# atasan, Plt/Plh included), or the team of someone one may see by the SKP rule (a bawahan lower
# in one's chain, anyone of an instansi one administers); 404 for the others. Monitoring
# Pengisian and Kurva: the admin of the instansi (and a superuser); 404 for another instansi.

PESAN_TIM = "Dasbor Tim untuk atasan yang memiliki bawahan langsung."
PESAN_PENGISIAN = "Monitoring Pengisian untuk admin instansi."


def require_tim(user: Pengguna, saya: Pegawai) -> None:
    from organisasi.selectors import adalah_atasan

    if not adalah_atasan(saya):
        raise PermissionDenied(PESAN_TIM)


def get_tim_for_user(user: Pengguna, pk: int) -> Pegawai:
    """The atasan whose team `user` may look at: themself, anyone of their chain below them,
    anyone of an instansi they administer."""
    return get_pegawai_for_user(user, pk)


def instansi_pengisian(user: Pengguna):  # noqa: ANN201 (a QuerySet[Instansi])
    from organisasi.selectors import instansi_dikelola

    return instansi_dikelola(user).order_by("nama")


def require_pengisian(user: Pengguna) -> None:
    if not instansi_pengisian(user).exists():
        raise PermissionDenied(PESAN_PENGISIAN)


def get_instansi_for_admin(user: Pengguna, pk: int):  # noqa: ANN201 (an Instansi)
    from organisasi.selectors import instansi_admin

    if user.is_superuser:  # every instansi: the one asked for, not all of them
        instansi = instansi_pengisian(user).filter(pk=pk).first()
    else:
        # The instansi this login administers are kept between requests (every page's navbar
        # asks for them): no query for the Monitoring pages' own check.
        instansi = next((i for i in instansi_admin(user) if i.pk == pk), None)
    if instansi is None:
        raise Http404("Instansi tidak ditemukan.")
    return instansi


def get_unit_pengisian(instansi, pk: int):  # noqa: ANN001, ANN201 (a UnitKerja of it)
    from organisasi.models import UnitKerja

    unit = UnitKerja.objects.filter(pk=pk, instansi=instansi).first()
    if unit is None:
        raise Http404("Unit kerja tidak ditemukan.")
    return unit
