"""The roles of the signed-in person: pegawai (everyone), atasan (derived), admin instansi, superuser."""

from dataclasses import dataclass

from django.http import HttpRequest

from organisasi.models import Instansi, Pegawai
from organisasi.selectors import adalah_atasan, instansi_dikelola, pegawai_dari_user


@dataclass(frozen=True)
class Peran:
    pegawai: Pegawai | None
    atasan: bool
    admin_instansi: tuple[Instansi, ...]
    superuser: bool

    @property
    def admin(self) -> bool:
        return bool(self.admin_instansi) or self.superuser


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
    )
    request._peran = peran
    return peran
