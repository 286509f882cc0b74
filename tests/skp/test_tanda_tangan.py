"""PAdES signature of issued documents and `verifikasi_pdf`: a valid file passes, a one-byte
change, an unsigned file, a file signed by another certificate and an unknown file fail."""

import io

import pytest
from django.core.management import call_command
from pypdf import PdfReader

from skp.cetak import render_pdf
from skp.models import Skp
from skp.tanda_tangan import buat_sertifikat, periksa_tanda_tangan, tandatangani
from skp.verifikasi import baca_dokumen, terbitkan
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
    assert "19" in keluaran and "Rudi Pelaksana" in keluaran


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
