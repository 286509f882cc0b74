"""File downloads: a Content-Disposition header that any generated name can go into."""

import re

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
