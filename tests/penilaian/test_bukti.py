"""Bukti dukung: links checked for their form (never fetched), files for size and for their type
read from the content, stored without ever leaving a row that points to a missing file, removed
by the pegawai while they may still fill, and read back only through the access-checked
download (never from a public media URL)."""

from datetime import date
from unittest import mock

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core.alur import StatusTidakSesuai
from penilaian.models import BuktiDukung, Realisasi
from penilaian.services import alur
from penilaian.services.bukti import bukti_hapus, bukti_tambah, periksa_tautan
from skp.models import IndikatorKinerja
from tests import contoh_berkas as contoh
from tests.penilaian.conftest import beri_umpan_balik_lengkap, pada

HTMX = {"HTTP_HX_REQUEST": "true"}


def unggahan(nama: str, isi: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(nama, isi, content_type="application/octet-stream")


def tambah(kasus, pemeran, **kw) -> BuktiDukung:
    rhk = kasus.skp.rhk.get()
    return bukti_tambah(user=pemeran.pegawai.user, penilaian=kasus.penilaian, rhk_id=rhk.pk, **kw)


def berkas_tersimpan() -> list[str]:
    folder = settings.MEDIA_ROOT / "penilaian" / "bukti"
    return [str(p) for p in folder.rglob("*") if p.is_file()] if folder.exists() else []


# --- links --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "tautan",
    ["https://drive.contoh.go.id/laporan.pdf?unduh=1", "http://10.0.0.5:8080/rekap",
     "http://sikda/laporan/2026", "HTTPS://Contoh.go.id/x", "http://[::1]:8000/a"],
)  # fmt: skip
def test_tautan_sah(tautan):
    assert periksa_tautan(tautan) == tautan


@pytest.mark.parametrize(
    ("tautan", "pesan"),
    [
        ("javascript:alert(1)", "hanya tautan http"),
        ("ftp://arsip.contoh.go.id/a", "hanya tautan http"),
        ("file:///etc/passwd", "hanya tautan http"),
        ("data:text/html,<b>x</b>", "hanya tautan http"),
        ("drive.google.com/file/abc", "harus diawali http"),
        ("https://", "Alamat situs"),
        ("https://exa mple.go.id", "spasi"),
        ("https://[::1", "tidak sah"),
        ("http://-salah-.go.id", "Alamat situs"),
        ("http://a..b", "Alamat situs"),
        ("http://contoh.go.id:99999/", "tidak sah"),
        ("https://nama:sandi@contoh.go.id/", "kata sandi"),
        ("https://contoh.go.id/" + "a" * 1000, "1000"),
    ],
)
def test_tautan_rusak_ditolak_dengan_pesan(tautan, pesan):
    with pytest.raises(ValidationError, match=pesan):
        periksa_tautan(tautan)


def test_tautan_tidak_pernah_diambil_dari_jaringan(kasus, pemeran):
    with mock.patch("socket.create_connection", side_effect=AssertionError("jaringan")):
        b = tambah(kasus, pemeran, tautan="https://drive.contoh.go.id/rekap.pdf")
    assert b.tautan == "https://drive.contoh.go.id/rekap.pdf" and not b.berkas


def test_tautan_rusak_tidak_menulis(kasus, pemeran):
    with pytest.raises(ValidationError) as e:
        tambah(kasus, pemeran, tautan="javascript:alert(1)")
    assert "tautan" in e.value.message_dict
    assert not BuktiDukung.objects.exists()


def test_tanpa_tautan_dan_berkas_ditolak(kasus, pemeran):
    with pytest.raises(ValidationError, match="Isi tautan"):
        tambah(kasus, pemeran, keterangan="hanya keterangan")


# --- files --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("nama", "buat", "mime"),
    [
        ("Rekap TW I.pdf", contoh.pdf, "application/pdf"),
        ("grafik.png", contoh.png, "image/png"),
        ("foto-dokumen.JPG", contoh.jpeg, "image/jpeg"),
        ("berita acara.docx", contoh.docx,
         "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("rekap.xlsx", contoh.xlsx,
         "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("laporan.odt", contoh.odf, "application/vnd.oasis.opendocument.text"),
        ("laporan lama.doc", contoh.ole, "application/msword"),
    ],
)  # fmt: skip
def test_berkas_asli_diterima_dan_disimpan(kasus, pemeran, nama, buat, mime):
    isi = buat()
    b = tambah(kasus, pemeran, berkas=unggahan(nama, isi))
    b.refresh_from_db()
    assert (b.nama_berkas, b.ukuran, b.jenis_berkas) == (nama, len(isi), mime)
    assert b.berkas.name.startswith(f"penilaian/bukti/{kasus.penilaian.pk}/")
    assert nama not in b.berkas.name  # a random stored name, never the uploaded one
    with default_storage.open(b.berkas.name) as f:
        assert f.read() == isi


@pytest.mark.parametrize(
    ("nama", "isi", "pesan"),
    [
        ("laporan.pdf", contoh.exe(), "bukan PDF yang sah"),
        ("laporan.pdf", contoh.html(), "bukan PDF yang sah"),
        ("rekap.docx", contoh.zip_biasa(), "bukan dokumen Word"),
        ("makro.docx", contoh.docm(), "bukan dokumen Word"),
        ("program.exe", contoh.exe(), "tidak diterima"),
        ("halaman.html", contoh.html(), "tidak diterima"),
        ("laporan.docx", contoh.pdf(), "adalah PDF, tetapi namanya berakhiran .docx"),
        ("kosong.pdf", b"", "kosong"),
    ],
)
def test_berkas_yang_tidak_sesuai_isinya_ditolak(kasus, pemeran, nama, isi, pesan):
    with pytest.raises(ValidationError, match=pesan):
        tambah(kasus, pemeran, berkas=unggahan(nama, isi))
    assert not BuktiDukung.objects.exists()
    assert berkas_tersimpan() == []


def test_batas_ukuran_tepat_diterima_lebih_satu_byte_ditolak(kasus, pemeran, settings):
    isi = contoh.pdf()
    settings.BUKTI_MAKS_BYTES = len(isi)
    tambah(kasus, pemeran, berkas=unggahan("pas.pdf", isi))
    settings.BUKTI_MAKS_BYTES = len(isi) - 1
    with pytest.raises(ValidationError, match="terlalu besar"):
        tambah(kasus, pemeran, berkas=unggahan("lebih.pdf", isi))
    assert BuktiDukung.objects.count() == 1


def test_penyimpanan_gagal_pesan_jelas_tanpa_baris(kasus, pemeran):
    with mock.patch.object(default_storage, "save", side_effect=OSError("disk penuh")):
        with pytest.raises(ValidationError, match="penyimpanan berkas sedang bermasalah"):
            tambah(kasus, pemeran, berkas=unggahan("rekap.pdf", contoh.pdf()))
    assert not BuktiDukung.objects.exists()


def test_baris_gagal_ditulis_berkasnya_dihapus(kasus, pemeran):
    with mock.patch.object(BuktiDukung, "save", side_effect=RuntimeError("basis data")):
        with pytest.raises(RuntimeError):
            tambah(kasus, pemeran, berkas=unggahan("rekap.pdf", contoh.pdf()))
    assert berkas_tersimpan() == []


def test_bukti_untuk_indikator_dan_rhk_lain_ditolak(kasus, pemeran, skp_atasan):
    ind = IndikatorKinerja.objects.filter(rhk__skp=kasus.skp).first()
    b = tambah(kasus, pemeran, tautan="https://a.go.id/x", indikator_id=ind.pk)
    assert b.indikator == ind
    with pytest.raises(ValidationError, match="tidak termasuk SKP"):
        bukti_tambah(user=pemeran.pegawai.user, penilaian=kasus.penilaian,
                     rhk_id=skp_atasan.rhk1.pk, tautan="https://a.go.id/x")  # fmt: skip


def test_hanya_pemilik_dan_sampai_dinilai(kasus, pemeran):
    with pytest.raises(PermissionDenied):
        bukti_tambah(user=pemeran.atasan.user, penilaian=kasus.penilaian,
                     rhk_id=kasus.skp.rhk.get().pk, tautan="https://a.go.id/x")  # fmt: skip
    Realisasi.objects.create(penilaian=kasus.penilaian,
                             indikator=IndikatorKinerja.objects.first(), nilai=1)  # fmt: skip
    alur.kirim(user=pemeran.pegawai.user, penilaian=kasus.penilaian)
    b = tambah(kasus, pemeran, tautan="https://a.go.id/setelah-dikirim")  # still allowed
    beri_umpan_balik_lengkap(kasus.penilaian, pemeran.atasan)
    alur.nilai(user=pemeran.atasan.user, penilaian=kasus.penilaian,
               rating_hasil_kerja="sesuai", rating_perilaku="sesuai")  # fmt: skip
    with pytest.raises(StatusTidakSesuai, match="sudah dinilai"):
        tambah(kasus, pemeran, tautan="https://a.go.id/terlambat")
    with pytest.raises(StatusTidakSesuai, match="sudah dinilai"):
        bukti_hapus(user=pemeran.pegawai.user, bukti=b)
    assert BuktiDukung.objects.count() == 1


def test_hapus_menghapus_baris_dan_berkas_setelah_commit(kasus, pemeran,
                                                        django_capture_on_commit_callbacks):  # fmt: skip
    b = tambah(kasus, pemeran, berkas=unggahan("rekap.pdf", contoh.pdf()))
    assert len(berkas_tersimpan()) == 1
    with django_capture_on_commit_callbacks(execute=True):
        bukti_hapus(user=pemeran.pegawai.user, bukti=b)
    assert not BuktiDukung.objects.exists()
    assert berkas_tersimpan() == []


def test_di_luar_jendela_tidak_dapat_menambah(pemeran, skp_disetujui, tw1):
    with pada(date(2026, 3, 30)):
        p = alur.pastikan_penilaian(pegawai=pemeran.pegawai, periode=tw1)
    with pada(date(2026, 4, 20)), pytest.raises(StatusTidakSesuai, match="sudah lewat"):
        bukti_tambah(user=pemeran.pegawai.user, penilaian=p,
                     rhk_id=skp_disetujui.rhk.get().pk, tautan="https://a.go.id/x")  # fmt: skip


# --- views --------------------------------------------------------------------------------------


def url_tambah(kasus) -> str:
    return reverse("penilaian:bukti_tambah", args=[kasus.penilaian.pk, kasus.skp.rhk.get().pk])


def test_tambah_lewat_halaman_tangga_izin(client, pemeran, kasus):
    url = url_tambah(kasus)
    data = {"tautan": "https://drive.contoh.go.id/rekap.pdf"}
    assert client.post(url, data).url.startswith(reverse("login"))
    client.force_login(pemeran.orang_luar.user)
    assert client.post(url, data).status_code == 404
    client.force_login(pemeran.atasan.user)
    assert client.post(url, data).status_code == 403
    client.force_login(pemeran.pegawai.user)
    r = client.post(url, {"berkas": unggahan("rekap.pdf", contoh.pdf()), **data})
    assert r.status_code == 302 and r.url.endswith(f"#bukti-{kasus.skp.rhk.get().pk}")
    b = BuktiDukung.objects.get()
    assert b.tautan and b.berkas
    html = client.get(r.url).content.decode()
    assert reverse("penilaian:bukti_unduh", args=[b.pk]) in html and "rekap.pdf" in html


def test_tambah_htmx_dan_galat_dalam_bagian(client, pemeran, kasus):
    client.force_login(pemeran.pegawai.user)
    rhk = kasus.skp.rhk.get()
    r = client.post(url_tambah(kasus), {"berkas": unggahan("laporan.pdf", contoh.exe())}, **HTMX)
    html = r.content.decode()
    assert r.status_code == 200 and f'id="bukti-{rhk.pk}"' in html and "<html" not in html
    assert "bukan PDF yang sah" in html
    r = client.post(url_tambah(kasus), {"tautan": "https://a.go.id/x"}, **HTMX)
    assert "Bukti dukung ditambahkan." in r.content.decode()
    assert BuktiDukung.objects.count() == 1


def test_tambah_tanpa_js_galat_di_halaman(client, pemeran, kasus):
    client.force_login(pemeran.pegawai.user)
    r = client.post(url_tambah(kasus), {"tautan": "ftp://arsip/x"})
    assert r.status_code == 200 and "hanya tautan http" in r.content.decode()


def test_hapus_lewat_halaman(client, pemeran, kasus):
    b = tambah(kasus, pemeran, tautan="https://a.go.id/x")
    url = reverse("penilaian:bukti_hapus", args=[kasus.penilaian.pk, b.pk])
    client.force_login(pemeran.atasan.user)
    assert client.post(url).status_code == 403
    client.force_login(pemeran.pegawai_lain.user)
    assert client.post(url).status_code == 404
    client.force_login(pemeran.pegawai.user)
    assert client.get(url).status_code == 405
    r = client.post(url, **HTMX)
    assert r.status_code == 200 and "dihapus" in r.content.decode()
    assert not BuktiDukung.objects.exists()


def test_unduh_tangga_akses(client, pemeran, kasus, superuser):
    isi = contoh.pdf()
    b = tambah(kasus, pemeran, berkas=unggahan("Rekap TW I.pdf", isi))
    url = reverse("penilaian:bukti_unduh", args=[b.pk])
    assert client.get(url).url.startswith(reverse("login"))
    for orang in (pemeran.pegawai, pemeran.atasan, pemeran.atasan_atasan, pemeran.admin):
        client.force_login(orang.user)
        r = client.get(url)
        assert r.status_code == 200, orang
        assert b"".join(r.streaming_content) == isi
        assert r["Content-Disposition"].startswith("attachment;")
        assert "Rekap TW I.pdf" in r["Content-Disposition"]
        assert r["Content-Type"] == "application/pdf"
        assert r["X-Content-Type-Options"] == "nosniff"
    client.force_login(superuser)
    assert client.get(url).status_code == 200
    for orang in (pemeran.pegawai_lain, pemeran.orang_luar, pemeran.admin_lain,
                  pemeran.rekan_atasan):  # fmt: skip
        client.force_login(orang.user)
        assert client.get(url).status_code == 404, orang


def test_unduh_tautan_atau_berkas_hilang_404(client, pemeran, kasus):
    tautan = tambah(kasus, pemeran, tautan="https://a.go.id/x")
    hilang = tambah(kasus, pemeran, berkas=unggahan("rekap.pdf", contoh.pdf()))
    default_storage.delete(hilang.berkas.name)
    client.force_login(pemeran.pegawai.user)
    assert client.get(reverse("penilaian:bukti_unduh", args=[tautan.pk])).status_code == 404
    assert client.get(reverse("penilaian:bukti_unduh", args=[hilang.pk])).status_code == 404


def test_berkas_tidak_dilayani_dari_url_media(client, pemeran, kasus):
    from config import urls

    b = tambah(kasus, pemeran, berkas=unggahan("rekap.pdf", contoh.pdf()))
    client.force_login(pemeran.pegawai.user)
    assert client.get(f"/{settings.MEDIA_URL}{b.berkas.name}").status_code == 404
    assert client.get(f"/{b.berkas.name}").status_code == 404
    # no route serves MEDIA_ROOT (django.views.static.serve), not even in DEBUG
    assert not any(
        getattr(getattr(p, "callback", None), "__name__", "") == "serve" for p in urls.urlpatterns
    )
