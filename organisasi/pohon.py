"""The two trees of the organisation, units (`UnitKerja.induk`) and positions (`Jabatan.atasan`):
the one rule against a cycle in them, used by the import (on the organisation as it would be
after the file) and by every edit of a unit or a position (model `clean`, so the Django admin and
any ModelForm refuse it with an Indonesian message).

A cycle can still reach the database around these checks (a bulk update, a raw query, data
restored from elsewhere), so every walk up or down a tree also stops on one: with a set of the
nodes seen, or a fixed depth. A cycle must never make a request or the export worker loop.
"""

from collections.abc import Hashable, Mapping
from typing import Protocol, TypeVar

from django.db.models import Model

K = TypeVar("K", bound=Hashable)


class PetaInduk(Protocol[K]):
    """Anything that gives a node's parent: a dict, or `IndukDariBasisData`."""

    def get(self, kunci: K, /) -> K | None: ...


def dalam_siklus(awal: K, induk: PetaInduk[K] | Mapping[K, K]) -> bool:
    """Does climbing from `awal` through its parents come back to `awal`? Stops at a root and
    at a cycle further up that `awal` only leads into (that one is reported at its members)."""
    dilihat = {awal}
    kini = induk.get(awal)
    while kini:
        if kini == awal:
            return True
        if kini in dilihat:
            return False
        dilihat.add(kini)
        kini = induk.get(kini)
    return False


class IndukDariBasisData:
    """The parent map of a tree as stored, one row read per step climbed, with some parents
    replaced by what a form is about to save."""

    def __init__(self, model: type[Model], kolom: str, ganti: dict[int, int | None]) -> None:
        self.model, self.kolom, self.ganti = model, f"{kolom}_id", ganti

    def get(self, pk: int) -> int | None:
        if pk in self.ganti:
            return self.ganti[pk]
        return self.model._default_manager.filter(pk=pk).values_list(self.kolom, flat=True).first()


def induk_melingkar(obj: Model, kolom: str) -> bool:
    """Would saving `obj` with its parent `kolom` (as set on it now) close a cycle? A new row
    cannot: nothing points at it yet."""
    if obj.pk is None:
        return False
    induk_id = getattr(obj, f"{kolom}_id")
    return dalam_siklus(obj.pk, IndukDariBasisData(type(obj), kolom, {obj.pk: induk_id}))
