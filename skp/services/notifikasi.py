"""Notifications: an in-app row and an email, both after the transaction commits. The email goes
through the job queue (core/surel.py): the request never waits on the mail server, and a server
that is down delays the mail without losing it. Neither undoes the transition it reports."""

import logging
from collections.abc import Iterable

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse

from core import surel
from core.alamat import alamat_situs
from core.versi import naikkan, per_orang
from skp.models import Notifikasi, Skp

log = logging.getLogger(__name__)


def _antre_email(daftar: list[AbstractBaseUser], judul: str, isi: str, tautan: str) -> None:
    try:
        with transaction.atomic():
            for u in daftar:
                surel.antre(
                    kepada=u.email,
                    subjek=f"[SKP] {judul}",
                    isi=f"{isi}\n\nBuka: {alamat_situs()}{tautan}",
                )
    except Exception:  # the queue itself unreachable: the in-app notification is there
        log.exception("Email notifikasi SKP tidak dapat diantrekan: %s", judul)


def kabari(*, penerima: Iterable[AbstractBaseUser | None], skp: Skp, judul: str, isi: str) -> None:
    """Queues the in-app notification and the email about an SKP for after the commit."""
    kabari_tautan(penerima=penerima, tautan=tautan_skp(skp), judul=judul, isi=isi)


def kabari_tautan(
    *, penerima: Iterable[AbstractBaseUser | None], tautan: str, judul: str, isi: str
) -> None:
    """Queues the in-app notification and the email for after the commit; `tautan` is the
    page (a path) the notification opens. Used by every workflow (SKP, penilaian)."""
    daftar = [u for u in penerima if u is not None and u.is_active]

    def kirim() -> None:
        Notifikasi.objects.bulk_create(
            # A long name must not make the title overflow its column (and lose the news).
            Notifikasi(penerima=u, judul=judul[:200], isi=isi, tautan=tautan)
            for u in daftar
        )
        if daftar:  # bulk_create sends no signal: each recipient's navbar counts again
            naikkan(*(per_orang("notifikasi", u.pk) for u in daftar))
        _antre_email(daftar, judul, isi, tautan)

    transaction.on_commit(kirim)


def tautan_skp(skp: Skp) -> str:
    """The page every notification about `skp` opens (`kabari` links there)."""
    return reverse("skp:detail", args=[skp.pk])


def tandai_dibaca_skp(*, user: AbstractBaseUser | None, skp: Skp) -> int:
    """Marks read the unread notifications of `user` about `skp`: once they have acted on it
    (or opened it after a decision) the news is no longer news, and the navbar count agrees
    with what still waits in the Kotak Masuk."""
    return tandai_dibaca_tautan(user=user, tautan=tautan_skp(skp))


def tandai_dibaca_tautan(*, user: AbstractBaseUser | None, tautan: str) -> int:
    """Marks read every unread notification of `user` that opens `tautan` (a path)."""
    if user is None or not user.is_authenticated:
        return 0
    return _tandai(user, Notifikasi.objects.filter(penerima=user, dibaca=False, tautan=tautan))


def tandai_dibaca(*, user: AbstractBaseUser, notifikasi_id: int | None = None) -> int:
    """Marks one (or, without an id, every) notification of `user` read."""
    qs = Notifikasi.objects.filter(penerima=user, dibaca=False)
    if notifikasi_id is not None:
        qs = qs.filter(pk=notifikasi_id)
    return _tandai(user, qs)


def _tandai(user: AbstractBaseUser, belum_dibaca: QuerySet[Notifikasi]) -> int:
    jumlah = belum_dibaca.update(dibaca=True)
    if jumlah:  # update() sends no signal: their kept unread count is worked out again
        naikkan(per_orang("notifikasi", user.pk))
    return jumlah
