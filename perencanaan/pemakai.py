"""Who relies on a planning item: the SKP whose RHK link a Renstra sasaran or indikator or a Renja
sub kegiatan, named in the import preview when the item changes.

perencanaan sits below skp (skp imports perencanaan, never the reverse), so it cannot ask skp
itself: skp registers its lookup here when the app starts (`SkpConfig.ready`).
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Pemakai:
    uraian: str  # "Siti Rahmawati — SKP 2026 versi 1, Disetujui"
    beku: bool  # approved (or replaced): shows the item's text as it was agreed


# jenis ("sasaran", "indikator", "subkegiatan"), renstra id -> item id -> the SKP that link it
Pencari = Callable[[str, int], dict[int, list[Pemakai]]]
_pencari: list[Pencari] = []


def daftarkan(pencari: Pencari) -> None:
    if pencari not in _pencari:
        _pencari.append(pencari)


def pemakai(jenis: str, renstra_id: int, ids: set[int]) -> dict[int, list[Pemakai]]:
    """The SKP linking each of the items `ids` of one Renstra. Asked per Renstra, not with the
    ids: a few JPT link a Renstra, while a file may change 40,000 of its items (more than
    SQLite takes as query parameters)."""
    hasil: dict[int, list[Pemakai]] = {}
    if not ids:
        return hasil
    for cari in _pencari:
        for pk, daftar in cari(jenis, renstra_id).items():
            if pk in ids:
                hasil.setdefault(pk, []).extend(daftar)
    return hasil
