"""PAdES signing and validation of the documents the system issues (the SKP, the evaluation
forms) with pyHanko, using the instance's certificate (a PKCS#12 file named by settings.SKP_SIGN_P12, its passphrase from
settings.SKP_SIGN_P12_PASSPHRASE). `make run` creates a self-signed development certificate
(manage.py buat_sertifikat_dev); production uses the institution's certificate, e.g. from BSrE.

Verification needs no configured certificate: the caller says which signer certificates it
trusts (core.dokumen trusts those recorded on the documents the system issued), so a document
stays valid after the certificate is renewed or has expired. Imports no domain app."""

import asyncio
import hashlib
import io
from collections.abc import Callable, Collection
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

NAMA_FIELD = "TandaTanganSKP"
T = TypeVar("T")


def buat_sertifikat(
    path: Path,
    passphrase: str,
    nama: str = "SKP Development",
    *,
    berlaku_sampai: datetime | None = None,
) -> None:
    """Writes a self-signed RSA certificate and key as PKCS#12 (development and tests only),
    valid for ten years unless `berlaku_sampai` says otherwise."""
    kunci = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    subjek = x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, nama),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Aplikasi SKP"),
            x509.NameAttribute(NameOID.COUNTRY_NAME, "ID"),
        ]
    )
    sekarang = datetime.now(UTC)
    sertifikat = (
        x509.CertificateBuilder()
        .subject_name(subjek)
        .issuer_name(subjek)
        .public_key(kunci.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(min(sekarang, berlaku_sampai or sekarang) - timedelta(days=1))
        .not_valid_after(berlaku_sampai or sekarang + timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .sign(kunci, hashes.SHA256())
    )
    data = pkcs12.serialize_key_and_certificates(
        nama.encode(),
        kunci,
        sertifikat,
        None,
        serialization.BestAvailableEncryption(passphrase.encode())
        if passphrase
        else serialization.NoEncryption(),
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    path.chmod(0o600)


def _konfigurasi() -> tuple[Path, bytes | None]:
    path = Path(settings.SKP_SIGN_P12)
    if not path.is_file():
        raise ImproperlyConfigured(
            f"Sertifikat penanda tangan SKP tidak ditemukan: {path}. Jalankan "
            "`python manage.py buat_sertifikat_dev` (pengembangan) atau atur SKP_SIGN_P12."
        )
    frasa = settings.SKP_SIGN_P12_PASSPHRASE
    return path, frasa.encode() if frasa else None


@lru_cache(maxsize=4)
def _penanda_tangan(path: str, mtime: float, frasa: bytes | None) -> signers.SimpleSigner:
    signer = signers.SimpleSigner.load_pkcs12(path, passphrase=frasa)
    if signer is None:
        raise ImproperlyConfigured(f"Sertifikat {path} tidak dapat dibaca (frasa sandi salah?).")
    return signer


def penanda_tangan() -> signers.SimpleSigner:
    path, frasa = _konfigurasi()
    return _penanda_tangan(str(path), path.stat().st_mtime, frasa)


def sertifikat_instansi() -> asn1_x509.Certificate:
    return penanda_tangan().signing_cert


def sidik_jari_sertifikat(sertifikat: asn1_x509.Certificate) -> str:
    """SHA-256 of the certificate's DER encoding (what a certificate viewer shows)."""
    return hashlib.sha256(sertifikat.dump()).hexdigest()


def sertifikat_dalam_pdf(data: bytes) -> str:
    """The fingerprint of the certificate that made the last signature of a PDF ("" if none)."""
    tanda = PdfFileReader(io.BytesIO(data), strict=False).embedded_signatures
    sertifikat = tanda[-1].signer_cert if tanda else None
    return sidik_jari_sertifikat(sertifikat) if sertifikat is not None else ""


def _di_luar_event_loop(fungsi: Callable[..., T], *args: object) -> T:
    """pyHanko's synchronous API runs its own event loop: from a thread that already runs one
    (ASGI, Playwright in the browser tests) it must run in another thread."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return fungsi(*args)
    with ThreadPoolExecutor(max_workers=1) as pelaksana:
        return pelaksana.submit(fungsi, *args).result()


def tandatangani(pdf: bytes, *, lokasi: str = "", alasan: str = "") -> bytes:
    """A PAdES baseline (B-B) signature over the whole document."""
    return _di_luar_event_loop(_tandatangani, pdf, lokasi, alasan)


def _tandatangani(pdf: bytes, lokasi: str, alasan: str) -> bytes:
    keluaran = io.BytesIO()
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    meta = signers.PdfSignatureMetadata(
        field_name=NAMA_FIELD,
        subfilter=fields.SigSeedSubFilter.PADES,
        md_algorithm="sha256",
        reason=alasan or "Dokumen diterbitkan secara elektronik",
        location=lokasi or None,
    )
    signers.sign_pdf(writer, meta, signer=penanda_tangan(), output=keluaran)
    return keluaran.getvalue()


@dataclass
class HasilTandaTangan:
    sah: bool
    alasan: str
    penanda_tangan: str = ""
    sertifikat_sha256: str = ""


DIUBAH = "Tanda tangan tidak sah: berkas diubah setelah ditandatangani"


TIDAK_DIPERCAYA = (
    "Tanda tangan tidak dipercaya: sertifikat penanda tangan tidak pernah dipakai instansi ini "
    "untuk menerbitkan dokumen"
)


def periksa_tanda_tangan(
    data: bytes, *, dipercaya: Collection[str] | None = None
) -> HasilTandaTangan:
    """`dipercaya`: fingerprints (sidik_jari_sertifikat) of the signer certificates to trust;
    by default only the configured one (ImproperlyConfigured when there is none)."""
    if dipercaya is None:
        dipercaya = {sidik_jari_sertifikat(sertifikat_instansi())}
    return _di_luar_event_loop(_periksa_tanda_tangan, data, dipercaya)


def _periksa_tanda_tangan(data: bytes, dipercaya: Collection[str]) -> HasilTandaTangan:
    """Integrity (the signed digest matches, the signature is cryptographically valid for the
    embedded signer certificate and covers the whole file), then trust: the signer certificate
    must be exactly one of `dipercaya`. Trust is by identity of the certificate, not by a chain
    or validity period: an expired certificate still vouches for what it signed while valid."""
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        tanda = reader.embedded_signatures
    except Exception:
        return HasilTandaTangan(False, "Berkas bukan PDF yang dapat dibaca atau telah rusak")
    if not tanda:
        return HasilTandaTangan(False, "Tidak ada tanda tangan")
    try:
        sertifikat = tanda[-1].signer_cert
        # Trust is decided below; the context only lets pyHanko check the signature itself.
        konteks = ValidationContext(trust_roots=[sertifikat], allow_fetching=False)
        status = validate_pdf_signature(tanda[-1], konteks)
    except Exception:
        return HasilTandaTangan(False, DIUBAH)
    nama = sertifikat.subject.human_friendly
    sidik = sidik_jari_sertifikat(sertifikat)
    if not (status.intact and status.valid):
        return HasilTandaTangan(False, DIUBAH, nama, sidik)
    if status.coverage != SignatureCoverageLevel.ENTIRE_FILE:
        return HasilTandaTangan(
            False,
            "Tanda tangan tidak sah: ada perubahan yang ditambahkan setelah ditandatangani",
            nama,
            sidik,
        )
    if sidik not in dipercaya:
        return HasilTandaTangan(False, TIDAK_DIPERCAYA, nama, sidik)
    return HasilTandaTangan(True, "Tanda tangan sah dan utuh", nama, sidik)
