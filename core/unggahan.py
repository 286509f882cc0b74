"""What every spreadsheet upload (pegawai, Renstra) shares between its service and its view."""

from dataclasses import dataclass

from django.contrib import messages
from django.http import HttpRequest

# A page of 50 problems is already more than anyone reads at once; the preview lists them all.
MAKS_PESAN_MASALAH = 50


@dataclass
class ImporDitolak(Exception):
    """A confirmed upload that cannot be applied; `pesan` is shown to the admin as it is,
    followed by the problems that caused it."""

    pesan: str
    masalah: list[str]


def tampilkan_penolakan(request: HttpRequest, penolakan: ImporDitolak) -> None:
    messages.error(request, penolakan.pesan)
    for m in penolakan.masalah[:MAKS_PESAN_MASALAH]:
        messages.error(request, m)
