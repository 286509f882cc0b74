"""File downloads: a Content-Disposition header that any generated name can go into, and the one
way an uploaded file is served back."""

import re

from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404
from django.utils.http import content_disposition_header

_TIDAK_AMAN = re.compile(r"[^A-Za-z0-9._-]+")


def nama_berkas_aman(nama: str) -> str:
    """Letters, digits, dot, dash and underscore only: names are built from codes that may hold
    anything (a line break typed into a unit code breaks the header, a slash or quote confuses
    browsers)."""
    return _TIDAK_AMAN.sub("_", nama).strip("._") or "unduhan"


def lampiran(nama: str) -> str:
    """The Content-Disposition value of a download saved under (a safe form of) `nama`."""
    return content_disposition_header(as_attachment=True, filename=nama_berkas_aman(nama))


def berkas_unggahan(berkas: FieldFile, *, nama: str, jenis: str) -> FileResponse:
    """An uploaded file (evidence: whatever a pegawai sent) read back as an attachment the
    browser never sniffs, runs or caches; 404 when the storage no longer has it. Call it only
    after the access check."""
    if not berkas:
        raise Http404("Berkas tidak ditemukan.")
    try:
        isi = berkas.open("rb")
    except (OSError, ValueError):
        raise Http404("Berkas tidak ditemukan di penyimpanan.") from None
    respons = FileResponse(
        isi,
        as_attachment=True,
        filename=nama or berkas.name.rsplit("/", 1)[-1],
        content_type=jenis or "application/octet-stream",
    )
    respons["X-Content-Type-Options"] = "nosniff"
    respons["Content-Security-Policy"] = "sandbox; default-src 'none'"
    respons["Cache-Control"] = "private, no-store"
    return respons
