"""Signed documents: one mechanism for every kind the system issues (the SKP, the evaluation
forms, ...), issued the same way, verified through the same public page and command.

Issuing (`terbitkan`): the caller reserves a row first (its `token` is printed in the document as
a QR code and a short URL), the PDF is rendered and signed outside any transaction, and only then
is it stored under a row lock, so two concurrent requests never store two different documents for
one row. Downloads serve the stored bytes, which are what the fingerprint was taken of.

Each document also records the fingerprint of the certificate it was signed with. A file is
valid when its signature is intact, its signer is a certificate the system used to issue a
document (of any kind), and it is byte for byte a stored document signed by that very
certificate: documents stay valid after the certificate is renewed, and checking needs no
certificate configured.

Each kind registers itself in its app's AppConfig.ready() with `daftarkan(JenisDokumen(...))`.
Its model has the fields `token`, `berkas`, `sha256`, `sertifikat_sha256`, `diterbitkan` and the
property `terbit`. This module imports no domain app."""

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

from django.core.exceptions import ImproperlyConfigured
from django.core.files.base import ContentFile
from django.db import models, transaction
from django.utils import timezone

from core.penyimpanan import simpan
from core.tanda_tangan import (
    periksa_tanda_tangan,
    sertifikat_dalam_pdf,
    sertifikat_instansi,
    sidik_jari_sertifikat,
    tandatangani,
)

D = TypeVar("D", bound=models.Model)


@dataclass(frozen=True)
class Pengesahan:
    """Who approved or signed what a document records, and when, as the public page says it:
    "Disetujui oleh <nama> (pejabat penilai kinerja) pada 31 Januari 2026". A name and a role,
    never a NIP: the page is public."""

    tindakan: str  # "Disetujui", "Dinilai", "Keberatan diputuskan"
    oleh: str
    peran: str
    pada: datetime | None


@dataclass(frozen=True)
class JenisDokumen:
    """One kind of signed document."""

    kode: str  # "skp", "penilaian"
    label: str  # "Sasaran Kinerja Pegawai": the public page's title says what is verified
    model: type[models.Model]
    # What the public page shows (only what is needed to check a document) and the template
    # that shows it (given `info`).
    info: Callable[[Any], object]
    template_info: str
    # One line naming the document for `verifikasi_pdf`: "SKP 2026 Nama (NIP ...) versi 1".
    uraian: Callable[[Any], str]
    # Said after a valid result, e.g. that a later version replaced this one ("" when nothing).
    peringatan: Callable[[Any], str] = lambda dokumen: ""
    # Who approved or signed what the document records, and when (the public page says it above
    # the details); None when the kind records no one.
    pengesahan: Callable[[Any], Pengesahan | None] = lambda dokumen: None
    select_related: tuple[str, ...] = ()

    def terbit(self) -> models.QuerySet:
        """The issued documents of this kind (a row without `sha256` is a reserved token)."""
        return (
            self.model.objects.exclude(sha256="")
            .exclude(berkas="")
            .select_related(*self.select_related)
        )


_JENIS: dict[str, JenisDokumen] = {}


def daftarkan(jenis: JenisDokumen) -> None:
    """Registers a kind (called from AppConfig.ready(); registering again replaces it)."""
    _JENIS[jenis.kode] = jenis


def daftar_jenis() -> list[JenisDokumen]:
    return list(_JENIS.values())


def jenis_dari_model(model: type[models.Model]) -> JenisDokumen:
    return next(j for j in _JENIS.values() if j.model is model)


def cari_token(token: str) -> tuple[JenisDokumen, models.Model] | None:
    """The issued document (of any kind) with this public token."""
    for jenis in _JENIS.values():
        dokumen = jenis.terbit().filter(token=token).first()
        if dokumen is not None:
            return jenis, dokumen
    return None


def sidik_jari(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def baca_dokumen(dokumen: models.Model) -> bytes:
    with dokumen.berkas.open("rb") as f:
        return f.read()


def terbitkan(
    dokumen: D,
    *,
    render: Callable[[str], bytes],
    nama_berkas: str,
    lokasi: str,
    alasan: str,
) -> D:
    """The stored signed document of a reserved row: rendered by `render(token)`, signed and
    stored on the first call, the same stored row on every later one. Slow work (rendering,
    signing) happens outside any transaction; storing happens under the row's lock, and when
    another request stored first, theirs is the document and this rendering is discarded."""
    if dokumen.terbit:
        return dokumen
    pdf = tandatangani(render(dokumen.token), lokasi=lokasi, alasan=alasan)
    with transaction.atomic():
        dokumen = type(dokumen).objects.select_for_update().get(pk=dokumen.pk)
        if dokumen.terbit:
            return dokumen
        # Stored before the row names it; a failed store raises (PenyimpananGagal) and the row
        # stays a reserved token, so no row points to a missing file.
        kolom = type(dokumen)._meta.get_field("berkas")
        dokumen.berkas.name = simpan(
            kolom.storage,
            kolom.generate_filename(dokumen, nama_berkas),
            ContentFile(pdf),
            max_length=kolom.max_length,
        )
        dokumen.sha256 = sidik_jari(pdf)
        dokumen.sertifikat_sha256 = sertifikat_dalam_pdf(pdf)
        dokumen.diterbitkan = timezone.now()
        dokumen.save(update_fields=["berkas", "sha256", "sertifikat_sha256", "diterbitkan"])
    return dokumen


# --- verification ---------------------------------------------------------------------------


@dataclass
class HasilVerifikasi:
    sah: bool
    pesan: str
    dokumen: models.Model | None = None
    jenis: JenisDokumen | None = None


def _sertifikat_sekarang() -> str | None:
    """The fingerprint of the configured signing certificate, if one is configured."""
    try:
        return sidik_jari_sertifikat(sertifikat_instansi())
    except ImproperlyConfigured:
        return None


def sertifikat_dikenal() -> set[str]:
    """Every certificate the system signed an issued document (of any kind) with, and the
    current one."""
    dikenal: set[str] = set()
    for jenis in _JENIS.values():
        dikenal.update(
            jenis.model.objects.exclude(sertifikat_sha256="")
            .values_list("sertifikat_sha256", flat=True)
            .distinct()
        )
    sekarang = _sertifikat_sekarang()
    return dikenal | {sekarang} if sekarang else dikenal


def _cari_sidik_jari(sha256: str) -> tuple[JenisDokumen, models.Model] | None:
    for jenis in _JENIS.values():
        dokumen = jenis.terbit().filter(sha256=sha256).first()
        if dokumen is not None:
            return jenis, dokumen
    return None


def verifikasi_berkas(data: bytes) -> HasilVerifikasi:
    """The signature is valid, covers the whole file and was made by a certificate the system
    issued documents with; the file is byte for byte a document this system issued (of any
    kind); and that document was signed by this very certificate."""
    ttd = periksa_tanda_tangan(data, dipercaya=sertifikat_dikenal())
    if not ttd.sah:
        return HasilVerifikasi(False, ttd.alasan)
    ditemukan = _cari_sidik_jari(sidik_jari(data))
    if ditemukan is None:
        return HasilVerifikasi(
            False, "Berkas tidak dikenal: sidik jari tidak cocok dengan dokumen yang diterbitkan"
        )
    jenis, dokumen = ditemukan
    # Issued before the certificate was recorded (skp migration 0004 fills it in from the
    # stored file): the certificate configured now, as before.
    tercatat = dokumen.sertifikat_sha256 or _sertifikat_sekarang()
    if ttd.sertifikat_sha256 != tercatat:
        return HasilVerifikasi(
            False,
            "Tanda tangan tidak dipercaya: bukan sertifikat yang tercatat menandatangani dokumen "
            "ini saat diterbitkan",
        )
    pesan = (
        f"SAH: {jenis.uraian(dokumen)}, ditandatangani oleh {ttd.penanda_tangan}, sidik jari "
        f"SHA-256 {dokumen.sha256}."
    )
    peringatan = jenis.peringatan(dokumen)
    if peringatan:
        pesan += f" {peringatan}"
    return HasilVerifikasi(True, pesan, dokumen, jenis)
