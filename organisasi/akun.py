"""The login that goes with a pegawai, and the one rule saying which logins an instansi's data
may touch.

A pegawai's login has username = NIP; its email (where "Lupa kata sandi" sends the link) and its
active flag follow the pegawai. Whoever sets a login's email can take it over, so an instansi's
data (its admin's edits, its spreadsheet) may only ever manage the logins of its own ordinary
pegawai: `kendali_akun` is that rule, used by the import preview, the import apply, the Django
admin and the deletion of a pegawai alike. Every change of a login's email is recorded and told
to the old address.
"""

import logging
from dataclasses import dataclass
from enum import Enum

from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.db.models import QuerySet
from django.db.models.signals import pre_delete
from django.dispatch import receiver
from django.utils import timezone
from django.utils.formats import date_format

from core import surel
from organisasi.models import AdminInstansi, Pegawai, RiwayatEmailAkun, SaluranUbahAkun

log = logging.getLogger(__name__)

# Says neither whose login it is nor in which instansi: an admin learns only that the NIP is taken.
PESAN_AKUN_LAIN = "NIP ini sudah dipakai akun lain di aplikasi. Hubungi admin aplikasi."


class Kendali(Enum):
    """What an instansi may do with a login."""

    KELOLA = "kelola"  # its own pegawai's ordinary login (or none yet): it follows the pegawai
    LINDUNGI = "lindungi"  # its pegawai's own login, but with rights of its own: left as it is
    TOLAK = "tolak"  # someone else's login: never attached, changed or re-activated


@dataclass(frozen=True)
class Akun:
    """A login as the rule sees it: plain values, so the import can weigh twenty thousand of them
    without building a model instance for each."""

    pk: int
    username: str
    email: str
    is_active: bool
    berhak_sendiri: bool  # superuser, staff, or admin of some instansi
    pegawai_id: int | None
    instansi_id: int | None  # of its pegawai row


def muat_akun(users: QuerySet) -> list[Akun]:
    """The given logins as `Akun`, in two queries (the admin instansi are a handful of rows)."""
    admin = set(AdminInstansi.objects.values_list("user_id", flat=True))
    baris = users.values_list(
        "pk", "username", "email", "is_active", "is_superuser", "is_staff",
        "pegawai__id", "pegawai__instansi_id",
    )  # fmt: skip
    return [
        Akun(pk, nama, email, aktif, su or staf or pk in admin, pegawai_id, instansi_id)
        for pk, nama, email, aktif, su, staf, pegawai_id, instansi_id in baris
    ]


def kendali_akun(akun: Akun | None, *, pegawai_id: int | None, instansi_id: int | None) -> Kendali:
    """May instansi `instansi_id` manage `akun` as the login of its pegawai `pegawai_id` (None: a
    pegawai not saved yet)?

    Only a login that is already that very pegawai's: a login with no pegawai row is never
    adopted (nobody can tell whose it is), nor one of another pegawai or instansi. Even the
    pegawai's own login is left alone when it is a superuser, a staff user or an admin of any
    instansi: those rights are not the instansi's to hand over."""
    if akun is None:
        return Kendali.KELOLA
    if pegawai_id is None or (akun.pegawai_id, akun.instansi_id) != (pegawai_id, instansi_id):
        return Kendali.TOLAK
    return Kendali.LINDUNGI if akun.berhak_sendiri else Kendali.KELOLA


def akun_per_nip(
    pegawai: dict[str, Pegawai | None], *, instansi_id: int | None
) -> dict[str, tuple[Akun | None, Kendali]]:
    """For each NIP, with the pegawai row it belongs to (None: a new pegawai), the login that goes
    with it (the pegawai's linked login, else the one named by the NIP) and what the instansi may
    do with it. One or two queries, for one pegawai or twenty thousand."""
    User = get_user_model()
    per_nama = {a.username: a for a in muat_akun(User.objects.filter(username__in=list(pegawai)))}
    per_pk = {a.pk: a for a in per_nama.values()}
    kurang = {p.user_id for p in pegawai.values() if p and p.user_id and p.user_id not in per_pk}
    if kurang:
        per_pk |= {a.pk: a for a in muat_akun(User.objects.filter(pk__in=kurang))}
    hasil = {}
    for nip, p in pegawai.items():
        akun = (per_pk.get(p.user_id) if p and p.user_id else None) or per_nama.get(nip)
        kendali = kendali_akun(akun, pegawai_id=p.pk if p else None, instansi_id=instansi_id)
        nama_dipakai = per_nama.get(nip)
        if kendali is Kendali.KELOLA and nama_dipakai is not None and nama_dipakai != akun:
            # A managed login is renamed to the NIP, and that name is another login's.
            kendali = Kendali.TOLAK
        hasil[nip] = (akun, kendali)
    return hasil


def selaraskan_akun(
    pegawai: Pegawai,
    *,
    oleh: AbstractBaseUser | None,
    melalui: SaluranUbahAkun = SaluranUbahAkun.ADMIN,
) -> Kendali:
    """After a pegawai was saved: creates its login when missing (no usable password: the person
    sets one via "Lupa kata sandi") and brings its username, email and active flag in line, as
    far as `kendali_akun` allows. Callers check first (the admin form does); a login that is not
    the instansi's to manage is refused here too, rolling back the caller's transaction."""
    akun, kendali = akun_per_nip({pegawai.nip: pegawai}, instansi_id=pegawai.instansi_id)[
        pegawai.nip
    ]
    if kendali is Kendali.TOLAK:
        raise ValueError(PESAN_AKUN_LAIN)
    if kendali is Kendali.LINDUNGI:
        return kendali
    User = get_user_model()
    if akun is None:
        user = User(username=pegawai.nip, password=make_password(None))
    else:
        user = User.objects.get(pk=akun.pk)
    email_lama = user.email
    nilai = {"username": pegawai.nip, "email": pegawai.email, "is_active": pegawai.aktif}
    baru = user.pk is None
    if baru or any(getattr(user, k) != v for k, v in nilai.items()):
        for k, v in nilai.items():
            setattr(user, k, v)
        user.save()
    if not baru:
        catat_ganti_email([(user, email_lama)], oleh=oleh, melalui=melalui)
    if pegawai.user_id != user.pk:
        pegawai.user = user
        pegawai.save(update_fields=["user"])
    return kendali


def catat_ganti_email(
    perubahan: list[tuple[AbstractBaseUser, str]],
    *,
    oleh: AbstractBaseUser | None,
    melalui: SaluranUbahAkun,
) -> None:
    """Records every (login, its email before) whose email now differs and, once the transaction
    commits, tells each old address. A mail that fails is logged and undoes nothing."""
    riwayat = RiwayatEmailAkun.objects.bulk_create(
        [
            RiwayatEmailAkun(
                user=u,
                username=u.get_username(),
                email_lama=lama,
                email_baru=u.email,
                oleh=oleh,
                melalui=melalui,
            )
            for u, lama in perubahan
            if (lama or "") != (u.email or "")
        ],
        batch_size=1000,
    )
    dikabari = [r for r in riwayat if r.email_lama]
    if dikabari:
        transaction.on_commit(lambda: _kabari_alamat_lama(dikabari))


def _kabari_alamat_lama(riwayat: list[RiwayatEmailAkun]) -> None:
    """One mail per old address, through the job queue (core/surel.py)."""
    for r in riwayat:
        waktu = date_format(timezone.localtime(r.dibuat), "j F Y H:i")
        try:
            surel.antre(
                kepada=r.email_lama,
                subjek="[SKP] Alamat email akun Anda diubah",
                isi=(
                    f"Alamat email akun {r.username} di aplikasi SKP diubah dari {r.email_lama} "
                    f"menjadi {r.email_baru or '(kosong)'} pada {waktu} melalui "
                    f"{r.get_melalui_display().lower()}.\n\n"
                    "Tautan atur ulang kata sandi kini dikirim ke alamat yang baru. Jika Anda "
                    "tidak mengetahui perubahan ini, segera hubungi admin kepegawaian instansi "
                    "Anda atau admin aplikasi."
                ),
            )
        except Exception:  # the queue unreachable must not turn a saved change into an error
            log.exception("Pemberitahuan ganti email ke %s tidak dapat diantrekan", r.email_lama)


@receiver(pre_delete, sender=Pegawai, dispatch_uid="organisasi.akun.nonaktifkan_login")
def _nonaktifkan_login(sender: type[Pegawai], instance: Pegawai, **kwargs) -> None:  # noqa: ANN003
    """A deleted pegawai's login would still sign in, with no pegawai behind it: it is closed.
    A signal, because every way of deleting (the admin's delete page and bulk action, a
    queryset's delete) sends it, inside the delete's own transaction. Before the delete, since
    only then is the login still recognisably this pegawai's."""
    if instance.user_id is None:
        return
    User = get_user_model()
    akun = next(iter(muat_akun(User.objects.filter(pk=instance.user_id))), None)
    if (
        akun is not None
        and akun.is_active
        and kendali_akun(akun, pegawai_id=instance.pk, instansi_id=instance.instansi_id)
        is Kendali.KELOLA
    ):
        User.objects.filter(pk=akun.pk).update(is_active=False)
