"""The roles of the signed-in person: pegawai (everyone), atasan (derived), admin instansi, superuser."""

from dataclasses import dataclass
from functools import cached_property

from django.http import HttpRequest

from organisasi.models import Instansi, Pegawai
from organisasi.selectors import adalah_atasan, instansi_dikelola, pegawai_dari_user


@dataclass(frozen=True)
class Peran:
    pegawai: Pegawai | None
    atasan: bool
    admin_instansi: tuple[Instansi, ...]
    superuser: bool
    user_pk: int | None = None

    @property
    def admin(self) -> bool:
        return bool(self.admin_instansi) or self.superuser

    # Navbar counts, computed only when a template shows them (cached_property writes to the
    # instance __dict__, which a frozen dataclass allows).
    @cached_property
    def jumlah_kotak_masuk(self) -> int:
        if self.pegawai is None:
            return 0
        from skp.selectors import kotak_masuk

        return len(kotak_masuk(self.pegawai))

    @cached_property
    def jumlah_notifikasi(self) -> int:
        if self.user_pk is None:
            return 0
        from skp.models import Notifikasi

        return Notifikasi.objects.filter(penerima_id=self.user_pk, dibaca=False).count()


def peran_dari_request(request: HttpRequest) -> Peran:
    cache = getattr(request, "_peran", None)
    if cache is not None:
        return cache
    user = request.user
    pegawai = pegawai_dari_user(user)
    peran = Peran(
        pegawai=pegawai,
        atasan=adalah_atasan(pegawai),
        admin_instansi=tuple(instansi_dikelola(user)) if user.is_authenticated else (),
        superuser=bool(user.is_authenticated and user.is_superuser),
        user_pk=user.pk if user.is_authenticated else None,
    )
    request._peran = peran
    return peran
