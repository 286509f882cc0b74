"""PAdES signature of issued documents and `verifikasi_pdf`: a valid file passes, a one-byte
change, an unsigned file, a file signed by another certificate and an unknown file fail."""

import importlib
import io
from datetime import UTC, datetime

import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.serialization import pkcs12
from django.core.management import call_command
from pypdf import PdfReader

from core.dokumen import baca_dokumen
from core.tanda_tangan import buat_sertifikat, periksa_tanda_tangan, tandatangani
from organisasi.nip import format_nip
from skp import services
from skp.cetak import render_pdf
from skp.models import DokumenSkp, Skp
from skp.verifikasi import terbitkan
from tests.skp.conftest import setujui_skp


def verifikasi(path, capsys) -> tuple[int, str]:
    try:
        call_command("verifikasi_pdf", str(path))
        kode = 0
    except SystemExit as e:
        kode = e.code
    keluaran = capsys.readouterr()
    return kode, keluaran.out + keluaran.err


@pytest.fixture
def dokumen_sah(pemeran, skp_pegawai, sertifikat, tmp_path):
    setujui_skp(pemeran, skp_pegawai)
    dokumen = terbitkan(skp_pegawai)
    path = tmp_path / "sah.pdf"
    path.write_bytes(baca_dokumen(dokumen))
    return dokumen, path


def test_dokumen_bertanda_tangan_pades_sah(dokumen_sah):
    dokumen, path = dokumen_sah
    data = path.read_bytes()
    hasil = periksa_tanda_tangan(data)
    assert hasil.sah, hasil.alasan
    assert "SKP Development" in hasil.penanda_tangan or "Aplikasi SKP" in hasil.penanda_tangan
    ttd = PdfReader(io.BytesIO(data)).trailer["/Root"]["/AcroForm"]["/Fields"][0].get_object()
    assert ttd["/V"]["/SubFilter"] == "/ETSI.CAdES.detached"


def test_verifikasi_pdf_sah(dokumen_sah, capsys):
    dokumen, path = dokumen_sah
    kode, keluaran = verifikasi(path, capsys)
    assert kode == 0, keluaran
    assert keluaran.startswith("SAH:")
    assert dokumen.sha256 in keluaran
    # The pegawai's NIP as printed (grouped), whatever the factory's sequence made of it.
    assert format_nip(dokumen.skp.pegawai.nip) in keluaran and "Rudi Pelaksana" in keluaran


def test_verifikasi_pdf_satu_byte_diubah_gagal(dokumen_sah, tmp_path, capsys):
    _, path = dokumen_sah
    data = bytearray(path.read_bytes())
    # A byte inside the signed range: in the page content stream near the middle of the file.
    awal = data.index(b"stream", len(data) // 3) + 20
    data[awal] ^= 0x01
    ubah = tmp_path / "ubah.pdf"
    ubah.write_bytes(bytes(data))
    kode, keluaran = verifikasi(ubah, capsys)
    assert kode == 1
    assert "Tanda tangan tidak sah: berkas diubah setelah ditandatangani" in keluaran


def test_verifikasi_pdf_tambahan_setelah_ditandatangani_gagal(dokumen_sah, tmp_path, capsys):
    _, path = dokumen_sah
    ubah = tmp_path / "tambah.pdf"
    ubah.write_bytes(path.read_bytes() + b"\n% tambahan\n")
    kode, keluaran = verifikasi(ubah, capsys)
    assert kode == 1
    assert "tidak sah" in keluaran.lower()


def test_verifikasi_pdf_tanpa_tanda_tangan(pemeran, skp_pegawai, sertifikat, tmp_path, capsys):
    path = tmp_path / "draf.pdf"
    path.write_bytes(render_pdf(Skp.objects.get(pk=skp_pegawai.pk)))
    kode, keluaran = verifikasi(path, capsys)
    assert kode == 1
    assert "Tidak ada tanda tangan" in keluaran


def test_verifikasi_pdf_berkas_tidak_dikenal(pemeran, skp_pegawai, sertifikat, tmp_path, capsys):
    # Signed with the right certificate, but never issued by the system.
    path = tmp_path / "asing.pdf"
    path.write_bytes(tandatangani(render_pdf(Skp.objects.get(pk=skp_pegawai.pk))))
    kode, keluaran = verifikasi(path, capsys)
    assert kode == 1
    assert (
        "Berkas tidak dikenal: sidik jari tidak cocok dengan dokumen yang diterbitkan" in keluaran
    )


def test_verifikasi_pdf_sertifikat_lain_tidak_dipercaya(
    pemeran, skp_pegawai, sertifikat, settings, tmp_path, capsys
):
    lain = tmp_path / "lain.p12"
    buat_sertifikat(lain, "lain", nama="Penanda Tangan Lain")
    settings.SKP_SIGN_P12, settings.SKP_SIGN_P12_PASSPHRASE = lain, "lain"
    data = tandatangani(render_pdf(Skp.objects.get(pk=skp_pegawai.pk)))
    settings.SKP_SIGN_P12, settings.SKP_SIGN_P12_PASSPHRASE = sertifikat, "frasa-uji"
    path = tmp_path / "lain.pdf"
    path.write_bytes(data)
    kode, keluaran = verifikasi(path, capsys)
    assert kode == 1
    assert "tidak dipercaya" in keluaran


def sidik_sertifikat(path, frasa: str) -> str:
    """SHA-256 of the DER certificate in a PKCS#12 file (as a certificate viewer shows it)."""
    _, cert, _ = pkcs12.load_key_and_certificates(path.read_bytes(), frasa.encode())
    return cert.fingerprint(hashes.SHA256()).hex()


def test_dokumen_mencatat_sertifikat_penanda_tangan(dokumen_sah, sertifikat):
    dokumen, _ = dokumen_sah
    dokumen.refresh_from_db()
    assert dokumen.sertifikat_sha256 == sidik_sertifikat(sertifikat, "frasa-uji")


def test_dokumen_lama_tetap_sah_setelah_sertifikat_diperbarui(
    pemeran, skp_pegawai, settings, tmp_path, capsys
):
    """The certificate a document was issued with has expired and was replaced: that document
    and the ones issued with the new certificate pass; a certificate never used does not."""
    lama, baru, asing = tmp_path / "lama.p12", tmp_path / "baru.p12", tmp_path / "asing.p12"
    buat_sertifikat(lama, "lama", nama="Instansi 2025", berlaku_sampai=datetime.now(UTC))
    buat_sertifikat(baru, "baru", nama="Instansi 2026")
    buat_sertifikat(asing, "asing", nama="Instansi 2026")  # same name, another key
    settings.SKP_SIGN_P12, settings.SKP_SIGN_P12_PASSPHRASE = lama, "lama"
    setujui_skp(pemeran, skp_pegawai)
    path_lama = tmp_path / "v1.pdf"
    path_lama.write_bytes(baca_dokumen(terbitkan(skp_pegawai)))

    settings.SKP_SIGN_P12, settings.SKP_SIGN_P12_PASSPHRASE = baru, "baru"
    revisi = services.buka_revisi(user=pemeran.pegawai.user, skp=skp_pegawai)
    setujui_skp(pemeran, revisi)
    path_baru = tmp_path / "v2.pdf"
    path_baru.write_bytes(baca_dokumen(terbitkan(revisi)))
    assert DokumenSkp.objects.get(skp=skp_pegawai).sertifikat_sha256 == sidik_sertifikat(
        lama, "lama"
    )
    assert DokumenSkp.objects.get(skp=revisi).sertifikat_sha256 == sidik_sertifikat(baru, "baru")

    for path, versi in ((path_lama, 1), (path_baru, 2)):
        kode, keluaran = verifikasi(path, capsys)
        assert kode == 0, keluaran
        assert keluaran.startswith("SAH:") and f"versi {versi}" in keluaran
    assert "Instansi 2025" in verifikasi(path_lama, capsys)[1]

    settings.SKP_SIGN_P12, settings.SKP_SIGN_P12_PASSPHRASE = asing, "asing"
    palsu = tmp_path / "palsu.pdf"
    palsu.write_bytes(tandatangani(render_pdf(Skp.objects.get(pk=revisi.pk))))
    settings.SKP_SIGN_P12, settings.SKP_SIGN_P12_PASSPHRASE = baru, "baru"
    kode, keluaran = verifikasi(palsu, capsys)
    assert kode == 1
    assert "tidak dipercaya" in keluaran and "tidak pernah dipakai" in keluaran


def test_sertifikat_dokumen_harus_yang_tercatat_untuknya(dokumen_sah, capsys):
    """A stored document whose recorded certificate is not the one in the file is refused."""
    dokumen, path = dokumen_sah
    DokumenSkp.objects.filter(pk=dokumen.pk).update(sertifikat_sha256="0" * 64)
    kode, keluaran = verifikasi(path, capsys)
    assert kode == 1
    assert "bukan sertifikat yang tercatat menandatangani dokumen ini" in keluaran


def test_dokumen_sebelum_pencatatan_sertifikat_diisi_migrasi(dokumen_sah, sertifikat, capsys):
    from django.apps import apps

    migrasi = importlib.import_module("skp.migrations.0004_dokumenskp_sertifikat_sha256")
    dokumen, path = dokumen_sah
    DokumenSkp.objects.filter(pk=dokumen.pk).update(sertifikat_sha256="")
    assert verifikasi(path, capsys)[0] == 0  # not yet filled in: the configured certificate
    migrasi.isi_sertifikat(apps, None)
    dokumen.refresh_from_db()
    assert dokumen.sertifikat_sha256 == sidik_sertifikat(sertifikat, "frasa-uji")


def test_verifikasi_pdf_tanpa_sertifikat_terpasang(dokumen_sah, settings, tmp_path, capsys):
    """Checking needs no signing certificate (nor its private key) on the machine: a document
    issued earlier passes, anything else fails with the reason, never a traceback."""
    _, path = dokumen_sah
    asing = tmp_path / "asing.pdf"
    asing.write_bytes(tandatangani(render_pdf(Skp.objects.get(pk=dokumen_sah[0].skp_id))))
    settings.SKP_SIGN_P12 = tmp_path / "tidak-ada.p12"
    kode, keluaran = verifikasi(path, capsys)
    assert kode == 0 and keluaran.startswith("SAH:"), keluaran
    kode, keluaran = verifikasi(asing, capsys)
    assert kode == 1
    assert "TIDAK SAH: Berkas tidak dikenal" in keluaran


def test_verifikasi_pdf_bukan_pdf(sertifikat, tmp_path, capsys, db):
    path = tmp_path / "bukan.pdf"
    path.write_bytes(b"bukan pdf")
    kode, keluaran = verifikasi(path, capsys)
    assert kode == 1
    kode, keluaran = verifikasi(tmp_path / "tidak-ada.pdf", capsys)
    assert kode == 1 and "tidak ditemukan" in keluaran


def test_buat_sertifikat_dev_hanya_bila_belum_ada(settings, tmp_path, capsys):
    settings.SKP_SIGN_P12 = tmp_path / "var" / "dev-cert.p12"
    call_command("buat_sertifikat_dev")
    isi = settings.SKP_SIGN_P12.read_bytes()
    assert "dibuat" in capsys.readouterr().out
    call_command("buat_sertifikat_dev")
    assert "sudah ada" in capsys.readouterr().out
    assert settings.SKP_SIGN_P12.read_bytes() == isi


def test_menandatangani_dari_dalam_event_loop(pemeran, skp_pegawai, sertifikat):
    """As under ASGI or in the browser tests (Playwright runs a loop in the test thread)."""
    import asyncio

    skp = Skp.objects.get(pk=skp_pegawai.pk)
    pdf = render_pdf(skp)

    async def tandatangani_di_loop() -> bytes:
        return tandatangani(pdf)

    data = asyncio.run(tandatangani_di_loop())
    assert periksa_tanda_tangan(data).sah
