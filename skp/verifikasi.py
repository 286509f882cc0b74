"""Issuing the signed SKP document once, and checking a document later.

An approved version gets one DokumenSkp: its token is reserved first (the QR code and the short
URL in the document point at it), the PDF is rendered and signed outside any transaction, and
only then is it stored under a row lock, so two concurrent requests never store two different
documents. Downloads serve the stored bytes, which are what the fingerprint was taken of.

Each document also records the fingerprint of the certificate it was signed with. A file is
valid when its signature is intact, its signer is a certificate the system used to issue a
document, and it is byte for byte a stored document signed by that very certificate: documents
stay valid after the certificate is renewed, and checking needs no certificate configured."""

import hashlib
import logging
from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import ImproperlyConfigured
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from core.penyimpanan import simpan
from organisasi.nip import format_nip
from skp.cetak import STATUS_TERBIT, persetujuan, render_pdf
from skp.models import DokumenSkp, Skp, StatusSkp
from skp.tanda_tangan import (
    periksa_tanda_tangan,
    sertifikat_dalam_pdf,
    sertifikat_instansi,
    sidik_jari_sertifikat,
    tandatangani,
)

logger = logging.getLogger(__name__)


def sidik_jari(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def nama_berkas(skp: Skp) -> str:
    return f"{skp.pegawai_nip}_{skp.tahun}_v{skp.versi}.pdf"


def terbitkan(skp: Skp) -> DokumenSkp:
    """The stored signed document of an approved (or since replaced) version; generated on the
    first call, the same stored bytes on every later one."""
    skp = Skp.objects.select_related("instansi").get(pk=skp.pk)
    if skp.status not in STATUS_TERBIT:
        raise ValueError(
            "Hanya SKP yang disetujui yang diterbitkan sebagai dokumen bertanda tangan."
        )
    dokumen, _ = DokumenSkp.objects.get_or_create(skp=skp, defaults={"versi": skp.versi})
    if dokumen.terbit:
        return dokumen
    # Slow work (rendering, signing) outside any transaction.
    pdf = tandatangani(
        render_pdf(skp, token=dokumen.token),
        lokasi=skp.instansi.lokasi or skp.instansi.nama,
        alasan=f"Persetujuan SKP {skp.tahun} versi {skp.versi}",
    )
    with transaction.atomic():
        dokumen = DokumenSkp.objects.select_for_update().get(pk=dokumen.pk)
        if dokumen.terbit:  # another request finished first: theirs is the document
            return dokumen
        # Stored before the row names it; a failed store raises (PenyimpananGagal) and the row
        # stays a reserved token, so no row points to a missing file.
        kolom = DokumenSkp._meta.get_field("berkas")
        dokumen.berkas.name = simpan(
            kolom.storage,
            kolom.generate_filename(dokumen, nama_berkas(skp)),
            ContentFile(pdf),
            max_length=kolom.max_length,
        )
        dokumen.sha256 = sidik_jari(pdf)
        dokumen.sertifikat_sha256 = sertifikat_dalam_pdf(pdf)
        dokumen.diterbitkan = timezone.now()
        dokumen.save(update_fields=["berkas", "sha256", "sertifikat_sha256", "diterbitkan"])
    return dokumen


def terbitkan_setelah_disetujui(skp_pk: int) -> None:
    """Run after the approval commits. A failure only delays issuing: the first download (or
    `cetak_skp`) generates the document."""
    try:
        terbitkan(Skp.objects.get(pk=skp_pk))
    except ImproperlyConfigured as e:  # no certificate yet (a fresh checkout): say so briefly
        logger.warning("Dokumen SKP %s belum diterbitkan: %s", skp_pk, e)
    except Exception:
        logger.exception("Dokumen SKP %s belum dapat diterbitkan; dibuat saat diunduh.", skp_pk)


def baca_dokumen(dokumen: DokumenSkp) -> bytes:
    with dokumen.berkas.open("rb") as f:
        return f.read()


@dataclass
class InfoVerifikasi:
    """Exactly what the public verification page shows."""

    nama: str
    nip: str
    tahun: int
    versi: int
    diajukan_pada: datetime | None
    disetujui_pada: datetime | None
    sha256: str
    diganti_versi: int | None = None
    diganti_pada: datetime | None = None


def info_verifikasi(dokumen: DokumenSkp) -> InfoVerifikasi:
    skp = dokumen.skp
    info = persetujuan(skp)
    hasil = InfoVerifikasi(
        nama=skp.pegawai_nama,
        nip=skp.pegawai_nip,
        tahun=skp.tahun,
        versi=skp.versi,
        diajukan_pada=info.diajukan_pada,
        disetujui_pada=info.disetujui_pada,
        sha256=dokumen.sha256,
    )
    if skp.status == StatusSkp.DIGANTI:
        pengganti = (
            Skp.objects.filter(
                pegawai_id=skp.pegawai_id,
                tahun=skp.tahun,
                versi__gt=skp.versi,
                status__in=STATUS_TERBIT,
            )
            .order_by("versi")
            .first()
        )
        ganti = skp.riwayat.filter(aksi="ganti").order_by("-waktu").first()
        hasil.diganti_versi = pengganti.versi if pengganti else None
        hasil.diganti_pada = ganti.waktu if ganti else None
    return hasil


@dataclass
class HasilVerifikasi:
    sah: bool
    pesan: str
    dokumen: DokumenSkp | None = None


def _sertifikat_sekarang() -> str | None:
    """The fingerprint of the configured signing certificate, if one is configured."""
    try:
        return sidik_jari_sertifikat(sertifikat_instansi())
    except ImproperlyConfigured:
        return None


def sertifikat_dikenal() -> set[str]:
    """Every certificate the system signed an issued document with, and the current one."""
    dikenal = set(
        DokumenSkp.objects.exclude(sertifikat_sha256="")
        .values_list("sertifikat_sha256", flat=True)
        .distinct()
    )
    sekarang = _sertifikat_sekarang()
    return dikenal | {sekarang} if sekarang else dikenal


def verifikasi_berkas(data: bytes) -> HasilVerifikasi:
    """The signature is valid, covers the whole file and was made by a certificate the system
    issued documents with; the file is byte for byte a document this system issued; and that
    document was signed by this very certificate."""
    ttd = periksa_tanda_tangan(data, dipercaya=sertifikat_dikenal())
    if not ttd.sah:
        return HasilVerifikasi(False, ttd.alasan)
    dokumen = DokumenSkp.objects.filter(sha256=sidik_jari(data)).select_related("skp").first()
    if dokumen is None:
        return HasilVerifikasi(
            False, "Berkas tidak dikenal: sidik jari tidak cocok dengan dokumen yang diterbitkan"
        )
    # Issued before the certificate was recorded (migration 0004 fills it in from the stored
    # file): the certificate configured now, as before.
    tercatat = dokumen.sertifikat_sha256 or _sertifikat_sekarang()
    if ttd.sertifikat_sha256 != tercatat:
        return HasilVerifikasi(
            False,
            "Tanda tangan tidak dipercaya: bukan sertifikat yang tercatat menandatangani dokumen "
            "ini saat diterbitkan",
        )
    skp = dokumen.skp
    pesan = (
        f"SAH: SKP {skp.tahun} {skp.pegawai_nama} (NIP {format_nip(skp.pegawai_nip)}) versi "
        f"{skp.versi}, "
        f"ditandatangani oleh {ttd.penanda_tangan}, sidik jari SHA-256 {dokumen.sha256}."
    )
    if skp.status == StatusSkp.DIGANTI:
        info = info_verifikasi(dokumen)
        pesan += f" Perhatian: versi ini telah diganti oleh revisi (versi {info.diganti_versi})."
    return HasilVerifikasi(True, pesan, dokumen)
