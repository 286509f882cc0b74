"""The roles of the signed-in person: pegawai (everyone), atasan (derived), admin instansi, superuser."""

from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from django.http import HttpRequest
from django.utils import timezone

from core import versi
from organisasi.models import Instansi, Pegawai
from organisasi.selectors import (
    adalah_atasan,
    instansi_admin,
    jabatan_dipegang,
    pegawai_dari_user,
)

if TYPE_CHECKING:
    from skp.models import Skp


@dataclass(frozen=True)
class Peran:
    pegawai: Pegawai | None
    atasan: bool
    admin_instansi: tuple[Instansi, ...]
    superuser: bool
    user_pk: int | None = None
    # The positions the pegawai acts in today (their own and any Plt/Plh), looked up once.
    jabatan: tuple[int, ...] = ()

    @property
    def admin(self) -> bool:
        return bool(self.admin_instansi) or self.superuser

    # Navbar counts, computed only when a template shows them (cached_property writes to the
    # instance __dict__, which a frozen dataclass allows).
    @cached_property
    def kotak_masuk_id(self) -> tuple[int, ...]:
        """The ids of the SKP waiting for this person's decision, oldest submission first.

        Every page's navbar counts them, and working them out walks three levels of positions
        and the penilai of each candidate: so the answer is kept between requests until an SKP
        row or the organisation changes (core/versi.py), and for today only (a Plt/Plh starts
        or ends with the date, without any write)."""
        if self.pegawai is None:
            return ()
        from skp.selectors import kotak_masuk

        pegawai, jabatan = self.pegawai, self.jabatan
        return versi.ingat(
            ("kotak_masuk", pegawai.pk, jabatan, timezone.localdate()),
            ("skp", "organisasi"),
            lambda: tuple(s.pk for s in kotak_masuk(pegawai, jabatan=jabatan)),
        )

    @cached_property
    def kotak_masuk(self) -> list["Skp"]:
        """The SKP themselves, for the Kotak Masuk page (the navbar only counts them)."""
        if not self.kotak_masuk_id:
            return []
        from skp.models import Skp

        per_id = Skp.objects.in_bulk(self.kotak_masuk_id)
        return [per_id[i] for i in self.kotak_masuk_id if i in per_id]

    @cached_property
    def jumlah_kotak_masuk(self) -> int:
        return len(self.kotak_masuk_id)

    @cached_property
    def jumlah_notifikasi(self) -> int:
        return jumlah_notifikasi_belum_dibaca(self.user_pk)

    def kenal_jumlah_notifikasi(self, jumlah: int) -> None:
        """The count was taken already in this request (`notifikasi_belum_dibaca`): not asked
        again. (A cached_property lives in the instance's __dict__, which the frozen dataclass
        allows.)"""
        self.__dict__["jumlah_notifikasi"] = jumlah

    @property
    def jumlah_menu(self) -> int:
        """What waits behind the folded menu on a phone: the menu button shows this count."""
        return self.jumlah_kotak_masuk + self.jumlah_notifikasi

    @property
    def ringkasan_menu(self) -> str:
        """The menu button's count in words: "1 SKP menunggu keputusan, 3 notifikasi belum
        dibaca" ("" when nothing waits)."""
        bagian = []
        if self.jumlah_kotak_masuk:
            bagian.append(f"{self.jumlah_kotak_masuk} SKP menunggu keputusan")
        if self.jumlah_notifikasi:
            bagian.append(f"{self.jumlah_notifikasi} notifikasi belum dibaca")
        return ", ".join(bagian)


def jumlah_notifikasi_belum_dibaca(user_pk: int | None) -> int:
    if user_pk is None:
        return 0
    from skp.models import Notifikasi

    return Notifikasi.objects.filter(penerima_id=user_pk, dibaca=False).count()


def notifikasi_belum_dibaca(request: HttpRequest) -> int:
    """The unread notifications of the request's login, counted once per request (for the
    navbar) without working out the person's roles, which a kept page does not need."""
    if not hasattr(request, "_notifikasi_belum_dibaca"):
        user = request.user
        if user.is_authenticated:
            # Kept until this person's notifications change (core/versi.py): every page asks.
            request._notifikasi_belum_dibaca = versi.ingat(
                ("notifikasi_belum_dibaca", user.pk),
                versi.milik_orang("notifikasi", user.pk),
                lambda: jumlah_notifikasi_belum_dibaca(user.pk),
            )
        else:
            request._notifikasi_belum_dibaca = 0
    return request._notifikasi_belum_dibaca


def hitung_ulang_notifikasi(request: HttpRequest) -> None:
    """Some were marked read during this request: the navbar counts again."""
    request.__dict__.pop("_notifikasi_belum_dibaca", None)


def peran_dari_request(request: HttpRequest) -> Peran:
    cache = getattr(request, "_peran", None)
    if cache is not None:
        return cache
    user = request.user
    pegawai = pegawai_dari_user(user)
    jabatan = tuple(jabatan_dipegang(pegawai)) if pegawai is not None else ()
    peran = Peran(
        pegawai=pegawai,
        atasan=adalah_atasan(pegawai, jabatan=jabatan),
        admin_instansi=instansi_admin(user),
        superuser=bool(user.is_authenticated and user.is_superuser),
        user_pk=user.pk if user.is_authenticated else None,
        jabatan=jabatan,
    )
    request._peran = peran
    return peran
