"""The SKP as a printed document: the official layout (domain.md, "The SKP document") rendered
to PDF with WeasyPrint from templates/skp/cetak/skp.html. Nothing is loaded from the network:
only file: (the project's own fonts and CSS) and data: (the QR code) URLs are fetched."""

import logging
from dataclasses import dataclass
from datetime import datetime

import segno
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.dateformat import format as format_tanggal
from weasyprint import HTML
from weasyprint.urls import URLFetcher

from core.alamat import alamat_situs
from skp import selectors
from skp.berakhlak import BERAKHLAK
from skp.models import STATUS_TERBIT, RiwayatStatus, Skp

logger = logging.getLogger(__name__)


def tanggal_indonesia(waktu: datetime, jam: bool = False) -> str:
    """ "31 Desember 2026" (or "31 Desember 2026 pukul 14.05 WIB"), in the project's timezone."""
    if isinstance(waktu, datetime):
        waktu = timezone.localtime(waktu)
    with translation.override("id"):
        teks = format_tanggal(waktu, "j F Y")
        if jam:
            teks += f" pukul {format_tanggal(waktu, 'H.i')} {timezone.localtime(waktu).tzname()}"
    return teks


@dataclass
class Persetujuan:
    """Who submitted and who approved this version, and when (from its history)."""

    diajukan_oleh: str
    diajukan_pada: datetime | None
    disetujui_oleh: str
    disetujui_pada: datetime | None


def _nama_user(riwayat: RiwayatStatus | None, cadangan: str) -> str:
    if riwayat is None or riwayat.oleh is None:
        return cadangan
    pegawai = getattr(riwayat.oleh, "pegawai", None)
    return getattr(pegawai, "nama_lengkap", "") or riwayat.oleh.get_full_name() or cadangan


def persetujuan(skp: Skp) -> Persetujuan:
    riwayat = list(
        RiwayatStatus.objects.filter(skp=skp, aksi__in=["ajukan", "setujui"])
        .select_related("oleh__pegawai")
        .order_by("waktu", "pk")
    )
    setuju = next((r for r in reversed(riwayat) if r.aksi == "setujui"), None)
    ajuan = next(
        (
            r
            for r in reversed(riwayat)
            if r.aksi == "ajukan" and (not setuju or r.waktu <= setuju.waktu)
        ),
        None,
    )
    return Persetujuan(
        diajukan_oleh=_nama_user(ajuan, skp.pegawai_nama),
        diajukan_pada=ajuan.waktu if ajuan else skp.diajukan_pada,
        disetujui_oleh=_nama_user(setuju, skp.penilai_nama),
        disetujui_pada=setuju.waktu if setuju else None,
    )


def url_verifikasi(token: str) -> str:
    return alamat_situs() + reverse("verifikasi_dokumen", args=[token])


def qr_data_uri(teks: str) -> str:
    return segno.make(teks, error="m").svg_data_uri(scale=4, border=2)


def _baris_hasil_kerja(skp: Skp) -> tuple[list, list]:
    utama, tambahan = selectors.rhk_dikelompokkan(skp)
    for rhk in utama + tambahan:
        rhk.daftar_indikator = list(rhk.indikator.all())
    return utama, tambahan


def konteks_cetak(skp: Skp, *, token: str | None = None) -> dict:
    """Everything the print template needs; `token` (of the DokumenSkp being issued) adds the QR
    code and the short verification URL."""
    selectors.muat_isi(skp)
    utama, tambahan = _baris_hasil_kerja(skp)
    # An approved or replaced SKP is printed as the signed document; anything else is a draft
    # preview with a watermark.
    terbit = skp.status in STATUS_TERBIT
    info = persetujuan(skp) if terbit else None
    tanggal_ttd = (info.disetujui_pada if info and info.disetujui_pada else None) or timezone.now()
    instansi = skp.instansi
    if skp.jpt:
        varian = "jpt"
    elif skp.kualitatif:
        varian = "kualitatif"
    else:
        varian = "kuantitatif"
    perilaku = list(skp.perilaku.all())
    if not perilaku:  # an SKP always has its seven rows; this keeps the page whole regardless
        perilaku = [
            {"urutan": i, "nilai_inti": n, "daftar_panduan": p, "ekspektasi_khusus": ""}
            for i, (n, p) in enumerate(BERAKHLAK, start=1)
        ]
    konteks = {
        "skp": skp,
        "varian": varian,
        "kolom": {"jpt": 5, "kualitatif": 4, "kuantitatif": 6}[varian],
        "rhk_utama": utama,
        "rhk_tambahan": tambahan,
        "perilaku": perilaku,
        "draf": not terbit,
        "persetujuan": info,
        "tempat": instansi.lokasi or instansi.nama,
        "tanggal": tanggal_indonesia(tanggal_ttd),
        "diajukan_pada": tanggal_indonesia(info.diajukan_pada, jam=True)
        if info and info.diajukan_pada
        else "",
        "disetujui_pada": tanggal_indonesia(info.disetujui_pada, jam=True)
        if info and info.disetujui_pada
        else "",
        "lampiran": {
            "DUKUNGAN SUMBER DAYA": _baris(skp.dukungan_sumber_daya),
            "SKEMA PERTANGGUNGJAWABAN": _baris(skp.skema_pertanggungjawaban),
            "KONSEKUENSI": _baris(skp.konsekuensi),
        },
    }
    if token:
        url = url_verifikasi(token)
        konteks.update({"url_verifikasi": url, "qr": qr_data_uri(url)})
    return konteks


def _baris(teks: str) -> list[str]:
    return [b.strip() for b in (teks or "").splitlines() if b.strip()]


def _fetcher() -> URLFetcher:
    # Offline government LAN: a stray http(s) URL in a template must fail, not hang.
    return URLFetcher(allowed_protocols={"file", "data"}, timeout=1)


def render_pdf(skp: Skp, *, token: str | None = None) -> bytes:
    """The SKP as PDF bytes (unsigned): a draft preview when not approved, otherwise the
    document to be signed (with the QR code when `token` is given).

    Rows and RHK blocks are kept whole on a page (break-inside: avoid). A block taller than a
    page (the forms allow 2000 characters per RHK or indicator) has nowhere to go and WeasyPrint
    then fails an internal assertion instead of splitting it; only then is the document rendered
    again with page breaks allowed inside rows, so the long text wraps onto the next pages."""
    konteks = konteks_cetak(skp, token=token)
    try:
        return _tulis_pdf(konteks)
    except AssertionError:
        logger.info("SKP %s: ada baris setinggi lebih dari satu halaman; dicetak ulang.", skp.pk)
        return _tulis_pdf({**konteks, "boleh_pecah": True})


def _tulis_pdf(konteks: dict) -> bytes:
    with translation.override("id"):
        html = render_to_string("skp/cetak/skp.html", konteks)
    return HTML(string=html, base_url=str(settings.BASE_DIR), url_fetcher=_fetcher()).write_pdf()
