"""The only place that decides who may see or do what with Renstra and Renja.

- Everyone working in a Perangkat Daerah (their position's unit is the OPD or any unit below
  it, including a Plt/Plh position held today) may browse that OPD's Renstra and Renja.
- An admin of the instansi may browse all of its OPD, upload, and see the upload history.
"""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from organisasi.models import Jabatan, UnitKerja
from organisasi.selectors import instansi_dikelola, jabatan_dipegang, pegawai_dari_user
from perencanaan.models import ImporRenstra, Renstra

User = AbstractBaseUser | AnonymousUser
AKSI = {"lihat_renstra", "impor_renstra", "lihat_riwayat"}


def unit_tempat_bekerja(user: User) -> set[int]:
    """Ids of the units whose Renstra this user works under: the units of the positions they
    hold and every unit above them. Three queries whatever the depth of the tree."""
    pegawai = pegawai_dari_user(user)
    if pegawai is None or not pegawai.aktif:
        return set()
    awal = set(
        Jabatan.objects.filter(pk__in=jabatan_dipegang(pegawai)).values_list(
            "unit_kerja_id", flat=True
        )
    )
    if not awal:
        return set()
    induk = dict(
        UnitKerja.objects.filter(instansi_id=pegawai.instansi_id).values_list("id", "induk_id")
    )
    hasil: set[int] = set()
    for unit_id in awal:
        while unit_id is not None and unit_id not in hasil:
            hasil.add(unit_id)
            unit_id = induk.get(unit_id)
    return hasil


def visible_renstra(user: User) -> QuerySet[Renstra]:
    if not user.is_authenticated or not user.is_active:
        return Renstra.objects.none()
    syarat = Q(unit__instansi__in=instansi_dikelola(user))
    unit = unit_tempat_bekerja(user)
    if unit:
        syarat |= Q(unit_id__in=unit)
    return Renstra.objects.filter(syarat)


def get_renstra_for_user(user: User, pk: int) -> Renstra:
    """404 for a Renstra the user may not see: its existence is not told."""
    return get_object_or_404(visible_renstra(user).select_related("unit__instansi"), pk=pk)


def unit_untuk_impor(user: User) -> QuerySet[UnitKerja]:
    """Units this user may upload a Renstra for: every unit of the instansi they administer."""
    return UnitKerja.objects.filter(instansi__in=instansi_dikelola(user))


def visible_impor(user: User) -> QuerySet[ImporRenstra]:
    return ImporRenstra.objects.filter(unit__instansi__in=instansi_dikelola(user))


def can(user: User, aksi: str, obj: Renstra | UnitKerja | None = None) -> bool:
    """May `user` do `aksi` on `obj` (a Renstra, or the unit of an upload), or on at least one
    when `obj` is None?"""
    if aksi not in AKSI:
        raise ValueError(f"Aksi tidak dikenal: {aksi}")
    if aksi == "lihat_renstra":
        qs = visible_renstra(user)
        return qs.filter(pk=obj.pk).exists() if obj is not None else qs.exists()
    # impor_renstra, lihat_riwayat: the admin of the unit's instansi
    dikelola = instansi_dikelola(user)
    if obj is None:
        return dikelola.exists()
    unit = obj.unit if isinstance(obj, Renstra) else obj
    return dikelola.filter(pk=unit.instansi_id).exists()


def require(user: User, aksi: str, obj: Renstra | UnitKerja | None = None) -> None:
    if not can(user, aksi, obj):
        raise PermissionDenied("Anda tidak berwenang melakukan tindakan ini.")
