"""What every spreadsheet upload (pegawai, Renstra) shares between its service and its view."""

from dataclasses import dataclass

from django.contrib import messages
from django.db.models import Model, QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.formats import date_format

# A page of 50 problems is already more than anyone reads at once; the preview lists them all.
MAKS_PESAN_MASALAH = 50


@dataclass
class ImporDitolak(Exception):
    """A confirmed upload that cannot be applied; `pesan` is shown to the admin as it is,
    followed by the problems that caused it."""

    pesan: str
    masalah: list[str]


def tolak_bila_usang(pratinjau: Model, diterapkan: QuerySet) -> None:
    """A preview shows what its file would change as the data stood when it was made. Once
    another upload for the same target (`diterapkan`: the applied uploads of that instansi or
    Renstra) has been applied since, confirming it would quietly undo that upload, so it is
    refused."""
    lebih_baru = (
        diterapkan.filter(diterapkan_pada__gt=pratinjau.dibuat)
        .exclude(pk=pratinjau.pk)
        .order_by("-diterapkan_pada")
        .values_list("diterapkan_pada", flat=True)
        .first()
    )
    if lebih_baru is None:
        return
    waktu = date_format(timezone.localtime(lebih_baru), "j F Y H:i")
    raise ImporDitolak(
        f"Pratinjau ini sudah usang: berkas lain sudah diterapkan pada {waktu} setelah "
        "pratinjau ini dibuat. Unggah ulang berkas untuk melihat pratinjau terbaru.",
        [],
    )


def tampilkan_penolakan(request: HttpRequest, penolakan: ImporDitolak) -> None:
    messages.error(request, penolakan.pesan)
    for m in penolakan.masalah[:MAKS_PESAN_MASALAH]:
        messages.error(request, m)
