"""A state table with one writer, shared by every workflow (the SKP approval, the periodic
evaluation, ...).

Each workflow keeps its moves as data (`Transisi`: from-states, to-state, who acts) and one
service module that is the only writer of its status. That service calls `kunci` to lock the row
and check the person and then the state on the fresh row (a double click or a second tab finds
the state already changed and gets an Indonesian message instead of a second move), and `pindah`
to write the new status with a history row in the same transaction. Notifications are sent by
the caller in `transaction.on_commit`. This module imports no domain app."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TypeVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import F

M = TypeVar("M", bound=models.Model)


@dataclass(frozen=True)
class Transisi:
    dari: frozenset[str]
    ke: str
    pelaku: str  # who performs it, as the workflow's access module names roles
    label: str  # the button / the verb in messages


class StatusTidakSesuai(ValidationError):
    """The action is not possible in the row's current state (said as the person needs it)."""

    def __init__(self, pesan: str) -> None:
        super().__init__(pesan, code="status")


class Kedaluwarsa(ValidationError):
    """The form was rendered from an older `revisi` of the row: refuse rather than overwrite."""

    def __init__(self, pesan: str) -> None:
        super().__init__(pesan, code="kedaluwarsa")


def kunci(
    queryset: models.QuerySet[M],
    pk: int,
    *,
    aksi: str,
    tabel: dict[str, Transisi],
    boleh: Callable[[M], bool],
    pesan_ditolak: str,
    alasan_status: Callable[[str, str], str],
    revisi: int | None = None,
    pesan_kedaluwarsa: str = "",
) -> M:
    """Locks row `pk` (select_for_update), then checks the person (403), the state (an Indonesian
    message from `alasan_status(aksi, status)`) and, when given, the page's `revisi`."""
    obj = queryset.select_for_update(of=("self",)).get(pk=pk)
    if not boleh(obj):
        raise PermissionDenied(pesan_ditolak)
    status = obj.status
    if status not in tabel[aksi].dari:
        raise StatusTidakSesuai(alasan_status(aksi, status))
    if revisi is not None and revisi != obj.revisi:
        raise Kedaluwarsa(pesan_kedaluwarsa)
    return obj


def pindah(
    obj: M,
    *,
    aksi: str,
    tabel: dict[str, Transisi],
    riwayat: Callable[..., models.Model],
    user: object,
    catatan: str = "",
    kolom_ubah: Iterable[str] = (),
    **kolom: object,
) -> models.Model:
    """Writes the new status of a locked row (and `kolom`), bumps its `revisi`, and creates the
    history row through `riwayat(dari=..., ke=..., aksi=..., oleh=..., catatan=...)`."""
    dari, ke = obj.status, tabel[aksi].ke
    obj.status = ke
    for nama, nilai in kolom.items():
        setattr(obj, nama, nilai)
    ubah = {"status", *kolom, *kolom_ubah}
    if any(f.name == "diubah" for f in obj._meta.concrete_fields):
        ubah.add("diubah")
    obj.save(update_fields=sorted(ubah))
    type(obj).objects.filter(pk=obj.pk).update(revisi=F("revisi") + 1)
    obj.refresh_from_db(fields=["revisi"])
    return riwayat(dari=dari, ke=ke, aksi=aksi, oleh=user, catatan=catatan)


def alasan_dari_tabel(
    alasan_status: dict[str, str], sudah_dilakukan: dict[str, str], tabel: dict[str, Transisi]
) -> Callable[[str, str], str]:
    """`alasan_status(aksi, status)` built from two dictionaries: what to say when the same
    action was already done (a double click), else why the current state forbids it."""

    def alasan(aksi: str, status: str) -> str:
        if tabel[aksi].ke == status and aksi in sudah_dilakukan:
            return sudah_dilakukan[aksi]
        return alasan_status.get(status, "Status saat ini tidak memungkinkan tindakan ini.")

    return alasan
