"""Issuing once (on approval, after the commit; on first download when that failed; never two
documents), the public verification page, and `cetak_skp`."""

import hashlib
import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from pypdf import PdfReader

from core.dokumen import baca_dokumen
from core.pdf import tanggal_indonesia
from organisasi.nip import format_nip
from skp import services, verifikasi
from skp.models import DokumenSkp, RiwayatStatus, Skp, StatusSkp
from skp.verifikasi import terbitkan
from tests.factories import JabatanFactory, PegawaiFactory
from tests.skp.conftest import setujui_skp, tambah_kkw


def teks(data: bytes) -> str:
    return " ".join(
        " ".join((p.extract_text() or "").split()) for p in PdfReader(io.BytesIO(data)).pages
    )


def setujui_dan_terbitkan(pemeran, skp, django_capture_on_commit_callbacks) -> DokumenSkp:
    services.ajukan(user=skp.pegawai.user, skp=skp)
    with django_capture_on_commit_callbacks(execute=True):
        services.setujui(user=pemeran.atasan.user, skp=skp)
    return DokumenSkp.objects.get(skp=skp)


def test_persetujuan_menerbitkan_dokumen_sekali(
    pemeran, skp_pegawai, sertifikat, django_capture_on_commit_callbacks, settings
):
    dokumen = setujui_dan_terbitkan(pemeran, skp_pegawai, django_capture_on_commit_callbacks)
    data = baca_dokumen(dokumen)
    assert dokumen.sha256 == hashlib.sha256(data).hexdigest()
    assert dokumen.versi == 1 and dokumen.diterbitkan is not None
    assert dokumen.berkas.name.startswith("skp/dokumen/")
    assert len(dokumen.token) >= 20
    isi = teks(data)
    # The short URL of the verification page is printed in the document (under the QR code).
    assert f"{settings.SITE_URL}/v/{dokumen.token}/" in isi
    setuju = RiwayatStatus.objects.get(skp=skp_pegawai, aksi="setujui")
    assert f"{pemeran.instansi.lokasi}, {tanggal_indonesia(setuju.waktu)}" in isi
    # Later calls serve the stored document.
    lagi = terbitkan(skp_pegawai)
    assert lagi.pk == dokumen.pk and baca_dokumen(lagi) == data
    assert DokumenSkp.objects.count() == 1


def test_gagal_saat_disetujui_diterbitkan_saat_unduhan_pertama(
    client, pemeran, skp_pegawai, sertifikat, django_capture_on_commit_callbacks, monkeypatch
):
    def rusak(*a, **k):
        raise RuntimeError("crash")

    monkeypatch.setattr(verifikasi, "render_pdf", rusak)
    services.ajukan(user=skp_pegawai.pegawai.user, skp=skp_pegawai)
    with django_capture_on_commit_callbacks(execute=True):
        services.setujui(user=pemeran.atasan.user, skp=skp_pegawai)
    skp_pegawai.refresh_from_db()
    assert skp_pegawai.status == StatusSkp.DISETUJUI  # the approval itself stands
    assert not DokumenSkp.objects.filter(skp=skp_pegawai).exclude(sha256="").exists()
    monkeypatch.undo()
    client.force_login(pemeran.pegawai.user)
    r = client.get(reverse("skp:unduh_pdf", args=[skp_pegawai.pk]))
    assert r.status_code == 200
    dokumen = DokumenSkp.objects.get(skp=skp_pegawai)
    assert dokumen.sha256 == hashlib.sha256(r.content).hexdigest()


def test_dua_permintaan_bersamaan_satu_dokumen(pemeran, skp_pegawai, sertifikat, monkeypatch):
    """The second request finishes rendering after the first has stored its document: it gets
    the stored one, and its own rendering is discarded."""
    from core import dokumen as dokumen_bertanda

    setujui_skp(pemeran, skp_pegawai)
    asli = dokumen_bertanda.tandatangani
    hasil_dalam = {}

    def tandatangani_lalu_disela(pdf, **k):
        ditandatangani = asli(pdf, **k)
        if not hasil_dalam:
            monkeypatch.setattr(dokumen_bertanda, "tandatangani", asli)
            hasil_dalam["dokumen"] = terbitkan(skp_pegawai)  # the "other request" wins
        return ditandatangani

    monkeypatch.setattr(dokumen_bertanda, "tandatangani", tandatangani_lalu_disela)
    dokumen = terbitkan(skp_pegawai)
    assert dokumen.pk == hasil_dalam["dokumen"].pk
    assert dokumen.sha256 == hasil_dalam["dokumen"].sha256
    assert baca_dokumen(dokumen) == baca_dokumen(hasil_dalam["dokumen"])
    assert DokumenSkp.objects.count() == 1


def test_draf_tidak_diterbitkan(pemeran, skp_pegawai, sertifikat):
    with pytest.raises(ValueError):
        terbitkan(skp_pegawai)


# --- public verification page ---------------------------------------------------------------


def test_halaman_verifikasi_publik_hanya_data_yang_perlu(
    client, pemeran, skp_pegawai, sertifikat, django_capture_on_commit_callbacks
):
    dokumen = setujui_dan_terbitkan(pemeran, skp_pegawai, django_capture_on_commit_callbacks)
    r = client.get(f"/v/{dokumen.token}/")  # anonymous
    assert r.status_code == 200
    html = r.content.decode()
    setuju = RiwayatStatus.objects.get(skp=skp_pegawai, aksi="setujui")
    for nilai in (
        skp_pegawai.pegawai_nama,
        str(skp_pegawai.tahun),
        dokumen.sha256,
        "Diajukan",
        # Who approved it and when, by name, with the date in words.
        f"Disetujui oleh {pemeran.atasan.nama_lengkap}</strong> (pejabat penilai kinerja) "
        f"pada {tanggal_indonesia(setuju.waktu)}.",
        f"diterbitkan pada {tanggal_indonesia(dokumen.diterbitkan)}",
        # Enough of the NIP to match a printed copy: the birth date masked.
        "******** " + format_nip(skp_pegawai.pegawai_nip)[9:],
        # The chosen file is checked in the browser against this document's fingerprint.
        f'data-sha256="{dokumen.sha256}"',
        'type="file"',
        "/static/js/verifikasi.js",
        "sha256sum",
    ):
        assert nilai in html, nilai
    # No one's full NIP, in any form, and no birth date.
    for orang in (skp_pegawai.pegawai_nip, skp_pegawai.penilai_nip, pemeran.atasan.nip):
        assert orang not in html and format_nip(orang) not in html and orang[:8] not in html
    for rahasia in (
        skp_pegawai.pegawai_jabatan,
        skp_pegawai.pegawai_unit_kerja,
        "Tersedianya rekap data imunisasi per desa",
        "Jumlah laporan surveilans mingguan",
    ):
        assert rahasia not in html, rahasia
    assert "telah diganti" not in html and "data-diganti" not in html
    assert r["X-Robots-Tag"] == "noindex, nofollow"
    # The file is never sent: no form on the page.
    assert "<form" not in html
    # One public page for every kind of signed document (core.dokumen): it says which kind.
    assert "Verifikasi Sasaran Kinerja Pegawai" in html
    assert "Evaluasi Kinerja" not in html


def test_halaman_verifikasi_nama_penyetuju_berupa_nip_disamarkan(
    client, pemeran, skp_pegawai, sertifikat, django_capture_on_commit_callbacks
):
    """A name that falls back to a login name (the NIP) is never printed in full."""
    dokumen = setujui_dan_terbitkan(pemeran, skp_pegawai, django_capture_on_commit_callbacks)
    nip = pemeran.atasan.nip
    RiwayatStatus.objects.filter(skp=skp_pegawai, aksi="setujui").update(oleh=None)
    Skp.objects.filter(pk=skp_pegawai.pk).update(penilai_nama=format_nip(nip))
    html = client.get(f"/v/{dokumen.token}/").content.decode()
    assert f"Disetujui oleh ******** {format_nip(nip)[9:]}</strong>" in html
    assert nip not in html and format_nip(nip) not in html


def test_halaman_verifikasi_token_tidak_dikenal_404(client, db):
    assert client.get("/v/tidak-ada-token-seperti-ini/").status_code == 404


def test_halaman_verifikasi_menyebut_versi_diganti_setelah_revisi(
    client, pemeran, skp_pegawai, sertifikat, django_capture_on_commit_callbacks
):
    lama = setujui_dan_terbitkan(pemeran, skp_pegawai, django_capture_on_commit_callbacks)
    baru = services.buka_revisi(user=pemeran.pegawai.user, skp=skp_pegawai)
    dokumen_baru = setujui_dan_terbitkan(pemeran, baru, django_capture_on_commit_callbacks)
    html = client.get(f"/v/{lama.token}/").content.decode()
    ganti = RiwayatStatus.objects.get(skp=skp_pegawai, aksi="ganti")
    assert (
        f"Versi ini telah diganti oleh revisi (versi 2) pada {tanggal_indonesia(ganti.waktu)}"
        in html
    )
    assert 'data-diganti="1"' in html  # a matching file is still told it no longer applies
    html_baru = client.get(f"/v/{dokumen_baru.token}/").content.decode()
    assert "telah diganti" not in html_baru
    assert dokumen_baru.token != lama.token and dokumen_baru.sha256 != lama.sha256


# --- cetak_skp ------------------------------------------------------------------------------


def jalankan(capsys, *args: str) -> tuple[int, str]:
    try:
        call_command("cetak_skp", *args)
        kode = 0
    except SystemExit as e:
        kode = e.code
    keluaran = capsys.readouterr()
    return kode, keluaran.out + keluaran.err


def test_cetak_skp_menulis_satu_pdf_per_skp_disetujui(
    pemeran, skp_pegawai, skp_atasan, sertifikat, tmp_path, capsys, tahun
):
    setujui_skp(pemeran, skp_pegawai)
    keluar = tmp_path / "keluar"
    kode, keluaran = jalankan(capsys, "--tahun", str(tahun), "--output-dir", str(keluar))
    assert kode == 0, keluaran
    nama = f"{skp_pegawai.pegawai_nip}_{tahun}_v1.pdf"
    assert [p.name for p in keluar.iterdir()] == [nama]  # the atasan's draft is not printed
    assert f"1 berkas PDF ditulis ke {keluar}" in keluaran
    dokumen = DokumenSkp.objects.get(skp=skp_pegawai)
    assert (keluar / nama).read_bytes() == baca_dokumen(dokumen)
    call_command("verifikasi_pdf", str(keluar / nama))


def test_cetak_skp_unit_termasuk_sub_unit_dan_nip(
    pemeran, skp_pegawai, sertifikat, tmp_path, capsys, tahun
):
    setujui_skp(pemeran, skp_pegawai)
    # The pegawai sits in Seksi Surveilans (1.02.01.01), under Bidang P2P (1.02.01).
    for unit in ("1.02", "1.02.01", "1.02.01.01"):
        kode, _ = jalankan(capsys, "--tahun", str(tahun), "--output-dir", str(tmp_path / unit),
                           "--unit", unit)  # fmt: skip
        assert kode == 0
        assert len(list((tmp_path / unit).iterdir())) == 1
    kode, keluaran = jalankan(capsys, "--tahun", str(tahun), "--output-dir", str(tmp_path / "x"),
                              "--unit", "1.02.01.02")  # fmt: skip
    assert kode == 1 and "Tidak ada SKP disetujui yang cocok." in keluaran
    kode, _ = jalankan(capsys, "--tahun", str(tahun), "--output-dir", str(tmp_path / "n"),
                       "--nip", skp_pegawai.pegawai_nip)  # fmt: skip
    assert kode == 0
    kode, keluaran = jalankan(capsys, "--tahun", str(tahun - 1), "--output-dir",
                              str(tmp_path / "y"))  # fmt: skip
    assert kode == 1 and "Tidak ada SKP disetujui yang cocok." in keluaran


def test_cetak_skp_hanya_versi_berlaku(
    pemeran, skp_pegawai, sertifikat, tmp_path, capsys, tahun, django_capture_on_commit_callbacks
):
    setujui_skp(pemeran, skp_pegawai)
    baru = services.buka_revisi(user=pemeran.pegawai.user, skp=skp_pegawai)
    setujui_skp(pemeran, baru)
    assert Skp.objects.get(pk=skp_pegawai.pk).status == StatusSkp.DIGANTI
    kode, _ = jalankan(capsys, "--tahun", str(tahun), "--output-dir", str(tmp_path))
    assert kode == 0
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".pdf"] == [
        f"{skp_pegawai.pegawai_nip}_{tahun}_v2.pdf"
    ]


def test_cetak_skp_satu_gagal_yang_lain_ditulis_dan_dilaporkan(
    pemeran, skp_pegawai, skp_atasan, sertifikat, tmp_path, capsys, tahun, monkeypatch
):
    import skp.ekspor as modul

    setujui_skp(pemeran, skp_pegawai)
    rekan = PegawaiFactory(
        nama="Sari Rekan",
        jabatan=JabatanFactory(
            unit_kerja=pemeran.pegawai.jabatan.unit_kerja,
            jenis="pelaksana",
            atasan=pemeran.atasan.jabatan,
        ),
    )
    skp_rekan = services.skp_buat(user=rekan.user, tahun=tahun)
    rhk = services.rhk_tambah(
        user=rekan.user, skp=skp_rekan, jenis="utama", uraian="Terlaksananya verifikasi kasus",
        rhk_atasan=skp_atasan.rhk2,
    )  # fmt: skip
    tambah_kkw(rekan.user, rhk)
    setujui_skp(pemeran, skp_rekan)
    asli = modul.terbitkan

    def terbitkan_rusak(skp):
        if skp.pk == skp_pegawai.pk:
            raise AssertionError
        return asli(skp)

    monkeypatch.setattr(modul, "terbitkan", terbitkan_rusak)
    keluar = tmp_path / "keluar"
    kode, keluaran = jalankan(capsys, "--tahun", str(tahun), "--output-dir", str(keluar))
    assert kode == 1
    assert [p.name for p in keluar.iterdir()] == [f"{rekan.nip}_{tahun}_v1.pdf"]
    assert "1 berkas PDF ditulis" in keluaran
    nip = format_nip(skp_pegawai.pegawai_nip)
    assert f"GAGAL: NIP {nip} ({skp_pegawai.pegawai_nama}): AssertionError" in keluaran
    assert "1 dari 2 SKP gagal dicetak" in keluaran


def test_cetak_skp_tanpa_sertifikat_alasan_bukan_traceback(
    pemeran, skp_pegawai, tmp_path, capsys, tahun, settings
):
    settings.SKP_SIGN_P12 = tmp_path / "tidak-ada.p12"
    setujui_skp(pemeran, skp_pegawai)
    kode, keluaran = jalankan(capsys, "--tahun", str(tahun), "--output-dir", str(tmp_path / "k"))
    assert kode == 1
    assert "Dokumen SKP tidak dapat ditandatangani" in keluaran
    assert "Sertifikat penanda tangan SKP tidak ditemukan" in keluaran
    assert not list((tmp_path / "k").iterdir())
