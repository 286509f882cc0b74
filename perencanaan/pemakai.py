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


# jenis ("sasaran", "indikator", "subkegiatan"), ids -> id -> the SKP that link it
Pencari = Callable[[str, set[int]], dict[int, list[Pemakai]]]
_pencari: list[Pencari] = []


def daftarkan(pencari: Pencari) -> None:
    if pencari not in _pencari:
        _pencari.append(pencari)


def pemakai(jenis: str, ids: set[int]) -> dict[int, list[Pemakai]]:
    hasil: dict[int, list[Pemakai]] = {}
    if not ids:
        return hasil
    for cari in _pencari:
        for pk, daftar in cari(jenis, ids).items():
            hasil.setdefault(pk, []).extend(daftar)
    return hasil
