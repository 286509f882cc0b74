"""Printed documents (the SKP, the evaluation forms) rendered to PDF with WeasyPrint from a
template. The fonts ship with the application (core/fonts, loaded by @font-face in
templates/core/cetak/dokumen.css), so every server prints the same document; nothing is loaded
from the network: only file: (the project's own fonts) and data: (the QR code) URLs are fetched.
Imports no domain app."""

import logging
from dataclasses import dataclass
from datetime import date, datetime

import segno
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.dateformat import format as format_tanggal
from weasyprint import HTML
from weasyprint.urls import URLFetcher

from core.alamat import alamat_situs

logger = logging.getLogger(__name__)


@dataclass
class Identitas:
    """A person as a printed document names them (templates/core/cetak/_identitas.html)."""

    nama: str
    nip: str
    pangkat: str
    jabatan: str
    unit_kerja: str


@dataclass
class BlokIdentitas:
    """One block of the identity table: its title ("PEGAWAI YANG DINILAI") and who (None: the
    block is printed with dashes). `label_unit`: the fifth row's label (a JPT's penilai is
    named with the INSTANSI instead of a unit kerja)."""

    judul: str
    identitas: Identitas | None
    label_unit: str = "UNIT KERJA"


def tanggal_indonesia(waktu: datetime | date, jam: bool = False) -> str:
    """ "31 Desember 2026" (or "31 Desember 2026 pukul 14.05 WIB"), in the project's timezone."""
    if isinstance(waktu, datetime):
        waktu = timezone.localtime(waktu)
    with translation.override("id"):
        teks = format_tanggal(waktu, "j F Y")
        if jam:
            teks += f" pukul {format_tanggal(waktu, 'H.i')} {timezone.localtime(waktu).tzname()}"
    return teks


def url_verifikasi(token: str) -> str:
    """The short public URL printed under the QR code of an issued document."""
    return alamat_situs() + reverse("verifikasi_dokumen", args=[token])


def qr_data_uri(teks: str) -> str:
    return segno.make(teks, error="m").svg_data_uri(scale=4, border=2)


def konteks_verifikasi(token: str | None) -> dict:
    """The QR code and the short URL for a document being issued (nothing for a preview)."""
    if not token:
        return {}
    url = url_verifikasi(token)
    return {"url_verifikasi": url, "qr": qr_data_uri(url)}


def pengambil_url() -> URLFetcher:
    # Offline government LAN: a stray http(s) URL in a template must fail, not hang.
    return URLFetcher(allowed_protocols={"file", "data"}, timeout=1)


def tulis_pdf(template: str, konteks: dict) -> bytes:
    with translation.override("id"):
        html = render_to_string(template, konteks)
    return HTML(
        string=html, base_url=str(settings.BASE_DIR), url_fetcher=pengambil_url()
    ).write_pdf()


def render_pdf(template: str, konteks: dict, *, nama: str = "dokumen") -> bytes:
    """The document as PDF bytes (unsigned).

    Rows and blocks are kept whole on a page (break-inside: avoid). A block taller than a page
    (the forms allow thousands of characters per cell) has nowhere to go and WeasyPrint then
    fails an internal assertion instead of splitting it; only then is the document rendered
    again with `boleh_pecah` (page breaks allowed inside rows), so the long text wraps onto the
    next pages. `nama` names the document in the log."""
    try:
        return tulis_pdf(template, konteks)
    except AssertionError:
        logger.info("%s: ada baris setinggi lebih dari satu halaman; dicetak ulang.", nama)
        return tulis_pdf(template, {**konteks, "boleh_pecah": True})
