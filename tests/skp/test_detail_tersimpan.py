"""The SKP page is kept rendered between requests, per viewer, until anything it shows changes
(core/bagian.py, issue 17): each step of the SKP's life shows at the next request, each viewer
gets the page as it reads for them, and a form sent from a kept page carries its viewer's own
CSRF token."""

import re
import zlib

import pytest
from django.test import Client
from django.urls import reverse

from organisasi.models import AdminInstansi
from perencanaan.models import SasaranStrategis
from skp import services
from skp import views as skp_views
from tests.factories import JabatanFactory, PegawaiFactory
from tests.perencanaan.berkas import renja_baik, renstra_baik, xlsx_bytes
from tests.perencanaan.conftest import muat
from tests.skp.test_views import kasus, masuk  # noqa: F401 (kasus is a fixture)

AUDIT = "Pemeriksaan tumpang tindih dan salinan"
ALIHKAN = "Alihkan pejabat penilai (admin)"
MPH = "Pembagian peran dan hasil bawahan (MPH)"
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
# Every use of the CSRF token (forms, htmx header) is masked afresh.
TOKEN_MANA_PUN = re.compile(r"[A-Za-z0-9]{64}")


@pytest.fixture
def dihitung(monkeypatch) -> list[int]:
    """The viewers whose page was worked out (not taken from what was kept)."""
    catatan: list[int] = []
    asli = skp_views._konteks

    def hitung(request, skp, sunting=None):
        catatan.append(request.user.pk)
        return asli(request, skp, sunting)

    monkeypatch.setattr(skp_views, "_konteks", hitung)
    return catatan


def url(skp) -> str:
    return reverse("skp:detail", args=[skp.pk])


def test_halaman_skp_disimpan_lalu_mengikuti_setiap_langkah(client, pemeran, kasus, dihitung):  # noqa: F811
    user = pemeran.pegawai.user
    c = masuk(client, pemeran.pegawai)
    pertama = c.get(url(kasus.skp)).content.decode()
    kedua = c.get(url(kasus.skp)).content.decode()
    assert dihitung == [user.pk]  # the second visit is kept
    assert TOKEN_MANA_PUN.sub("", pertama) == TOKEN_MANA_PUN.sub("", kedua)

    # an RHK edited: its new text, not the old one
    services.rhk_ubah(
        user=user, rhk=kasus.rhk, jenis="utama", uraian="Rekap data surveilans",
        rhk_atasan=kasus.rhk.rhk_atasan_id,
    )  # fmt: skip
    html = c.get(url(kasus.skp)).content.decode()
    assert "Rekap data surveilans" in html and kasus.rhk.uraian not in html

    # an indicator added
    services.indikator_tambah(
        user=user, rhk=kasus.rhk, aspek="waktu", uraian="Rekap diserahkan tiap bulan",
        target_min=12, satuan="bulan",
    )  # fmt: skip
    assert "Rekap diserahkan tiap bulan" in c.get(url(kasus.skp)).content.decode()

    # submitted, returned with a comment beside the RHK, submitted again, approved
    skp = services.ajukan(user=user, skp=kasus.skp)
    assert "Diajukan" in c.get(url(skp)).content.decode()
    services.kembalikan(
        user=pemeran.atasan.user, skp=skp, catatan="Target kurang jelas",
        komentar_rhk={kasus.rhk.pk: "Sebutkan desa yang direkap"},
    )  # fmt: skip
    html = c.get(url(skp)).content.decode()
    assert "Target kurang jelas" in html and "Sebutkan desa yang direkap" in html
    skp = services.ajukan(user=user, skp=skp)
    services.setujui(user=pemeran.atasan.user, skp=skp)
    html = c.get(url(skp)).content.decode()
    assert "Disetujui" in html and "Unduh PDF bertanda tangan" in html
    assert 'id="tambah-indikator-' not in html  # an approved SKP offers no edits
    assert len(dihitung) == 6  # once per state seen, never twice for one


def test_setiap_penglihat_mendapat_halamannya_sendiri(client, pemeran, kasus, dihitung):  # noqa: F811
    skp = services.ajukan(user=pemeran.pegawai.user, skp=kasus.skp)
    halaman = {}
    for _ in range(2):  # the second round is kept: still each viewer's own
        for nama in ("pegawai", "atasan", "atasan_atasan", "admin"):
            r = masuk(client, getattr(pemeran, nama)).get(url(skp))
            assert r.status_code == 200, nama
            halaman[nama] = r.content.decode()
        # someone outside the chain, and the other instansi's admin, after all the above: 404
        for nama in ("orang_luar", "rekan_atasan", "admin_lain", "pegawai_lain"):
            assert masuk(client, getattr(pemeran, nama)).get(url(skp)).status_code == 404, nama
    assert len(dihitung) == 4

    # the owner: waiting, may withdraw; no decision, no audit panel
    assert "tombol-setujui" not in halaman["pegawai"] and AUDIT not in halaman["pegawai"]
    assert "Tarik kembali pengajuan" in halaman["pegawai"]
    # the penilai decides and sees the audit panel
    assert "tombol-setujui" in halaman["atasan"] and AUDIT in halaman["atasan"]
    assert "Tarik kembali pengajuan" not in halaman["atasan"]
    # the penilai's atasan reads (audit panel) but does not decide
    assert AUDIT in halaman["atasan_atasan"] and "tombol-setujui" not in halaman["atasan_atasan"]
    # the admin may move the SKP to another penilai; nobody else sees that form
    assert ALIHKAN in halaman["admin"]
    assert all(ALIHKAN not in h for n, h in halaman.items() if n != "admin")


def test_perubahan_organisasi_tampil_berikutnya(client, pemeran, kasus, dihitung):  # noqa: F811
    """Who may do what, and whether the pegawai leads anyone, come from the organisation: a
    new admin and a new bawahan show at the next request."""
    skp = services.ajukan(user=pemeran.pegawai.user, skp=kasus.skp)
    c = masuk(client, pemeran.atasan_atasan)
    assert ALIHKAN not in c.get(url(skp)).content.decode()
    AdminInstansi.objects.create(user=pemeran.atasan_atasan.user, instansi=pemeran.instansi)
    assert ALIHKAN in c.get(url(skp)).content.decode()

    assert MPH not in c.get(url(skp)).content.decode()
    PegawaiFactory(
        nama="Bawahan Baru",
        jabatan=JabatanFactory(
            unit_kerja=pemeran.pegawai.jabatan.unit_kerja, atasan=pemeran.pegawai.jabatan
        ),
    )
    assert MPH in c.get(url(skp)).content.decode()


def test_asal_halaman_bagian_dari_kunci(client, pemeran, kasus, dihitung):  # noqa: F811
    """The decision form carries ?dari= back: the page opened from the inbox is not the one
    opened from SKP Bawahan."""
    skp = services.ajukan(user=pemeran.pegawai.user, skp=kasus.skp)
    c = masuk(client, pemeran.atasan)
    dari_kotak = c.get(url(skp), {"dari": "kotak-masuk"}).content.decode()
    dari_bawahan = c.get(url(skp), {"dari": "bawahan"}).content.decode()
    langsung = c.get(url(skp)).content.decode()
    assert '<input type="hidden" name="dari" value="kotak-masuk">' in dari_kotak
    assert '<input type="hidden" name="dari" value="bawahan">' in dari_bawahan
    assert 'name="dari"' not in langsung
    c.get(url(skp), {"dari": "tidak-dikenal"})  # not whitelisted: the plain page, kept
    assert len(dihitung) == 3


def test_token_csrf_milik_yang_melihat(pemeran, kasus, dihitung):  # noqa: F811
    """With CSRF checks on, an edit sent from a kept page carries its sender's token and is
    accepted; the stand-in never reaches a page; another session's token is refused."""
    rudi = Client(enforce_csrf_checks=True)
    rudi.force_login(pemeran.pegawai.user)
    pertama = rudi.get(url(kasus.skp)).content.decode()
    kedua = rudi.get(url(kasus.skp)).content.decode()
    assert dihitung == [pemeran.pegawai.user.pk]
    assert "token-csrf" not in kedua
    tambah = reverse("skp:rhk_tambah", args=[kasus.skp.pk, "utama"])
    data = {"jenis": "utama", "uraian": "Laporan kewaspadaan dini", "revisi": kasus.skp.revisi}
    r = rudi.post(tambah, data | {"csrfmiddlewaretoken": TOKEN.search(kedua).group(1)})
    assert r.status_code == 302
    assert kasus.skp.rhk.filter(uraian="Laporan kewaspadaan dini").exists()
    lain = Client(enforce_csrf_checks=True)
    lain.force_login(pemeran.pegawai.user)
    r = lain.post(tambah, data | {"csrfmiddlewaretoken": TOKEN.search(pertama).group(1)})
    assert r.status_code == 403


def test_nama_butir_renstra_diimpor_ulang_tampil_berikutnya(client, pemeran, tahun, dihitung):
    """The plan is written in bulk by the Renstra import (no signals): a sasaran renamed in a
    new upload shows at the next request on the JPT's SKP that links it."""
    opd = pemeran.kepala.jabatan.unit_kerja
    muat(opd, xlsx_bytes(renstra_baik(), renja_baik()))
    user = pemeran.kepala.user
    skp = services.skp_buat(user=user, tahun=tahun)
    services.rhk_tambah(
        user=user, skp=skp, jenis="utama", uraian="Kesehatan ibu terjaga",
        perspektif="penerima_layanan", sasaran_renstra=SasaranStrategis.objects.get(kode="SS1.1"),
    )  # fmt: skip
    c = masuk(client, pemeran.kepala)
    assert "Meningkatnya kesehatan ibu dan anak" in c.get(url(skp)).content.decode()
    baris = renstra_baik()
    baris[0]["sasaran"] = "Meningkatnya kesehatan ibu, bayi, dan balita"
    muat(opd, xlsx_bytes(baris, renja_baik()))
    html = c.get(url(skp)).content.decode()
    assert "Meningkatnya kesehatan ibu, bayi, dan balita" in html
    assert "Meningkatnya kesehatan ibu dan anak" not in html
    assert len(dihitung) == 2


def test_membuka_skp_menandai_kabarnya_dibaca_dan_lencana_menghitung_ulang(
    client,
    pemeran,
    kasus,  # noqa: F811
    dihitung,
):
    """News about this SKP is marked read on opening it, and the navbar of that same page
    counts what is still unread; with nothing unread, opening it writes nothing."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from skp.models import Notifikasi

    c = masuk(client, pemeran.pegawai)
    c.get(url(kasus.skp))
    with CaptureQueriesContext(connection) as kueri:
        c.get(url(kasus.skp))
    assert not [q for q in kueri.captured_queries if q["sql"].startswith("UPDATE")]

    user = pemeran.pegawai.user
    Notifikasi.objects.create(penerima=user, judul="SKP dikembalikan", tautan=url(kasus.skp))
    Notifikasi.objects.create(penerima=user, judul="Penilaian", tautan="/penilaian/3/")
    r = c.get(url(kasus.skp))
    assert r.context["peran"].jumlah_notifikasi == 1
    assert "1 notifikasi belum dibaca" in r.content.decode()
    assert list(Notifikasi.objects.filter(dibaca=False).values_list("judul", flat=True)) == [
        "Penilaian"
    ]


def test_bagian_disimpan_terkompresi(client, pemeran, kasus, monkeypatch):  # noqa: F811
    """What is kept is the compressed HTML (a few times smaller), and it unpacks to the page."""
    from core import versi

    disimpan = []
    asli = versi.ingat

    def ingat(pertanyaan, tergantung, hitung):
        nilai = asli(pertanyaan, tergantung, hitung)
        if pertanyaan[0] == "bagian-z2" and pertanyaan[1].startswith("skp/"):  # not the navbar
            disimpan.append(nilai)
        return nilai

    monkeypatch.setattr(versi, "ingat", ingat)
    html = masuk(client, pemeran.pegawai).get(url(kasus.skp)).content.decode()
    (nilai,) = disimpan
    assert isinstance(nilai, bytes) and len(nilai) * 3 < len(html)
    assert zlib.decompress(nilai).decode()[:200] in html


def test_baris_skp_disimpan_dan_hak_melihat_mengikuti_perubahan(client, pemeran, kasus, dihitung):  # noqa: F811
    """The SKP row the page is found by is kept too (a second view asks nothing of the SKP
    table), and who may see it follows the organisation at the next request: an admin granted
    sees it, revoked gets a 404 again; an outsider always a 404."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    alamat = url(kasus.skp)
    pemilik = Client()
    pemilik.force_login(pemeran.pegawai.user)
    assert pemilik.get(alamat).status_code == 200
    with CaptureQueriesContext(connection) as kueri:
        assert pemilik.get(alamat).status_code == 200
    assert not [q for q in kueri.captured_queries if '"skp_skp"' in q["sql"]]

    luar = Client()
    luar.force_login(pemeran.orang_luar.user)
    assert luar.get(alamat).status_code == 404
    # A 404 is not kept: someone trying id after id fills no cache (the lookup runs again).
    with CaptureQueriesContext(connection) as kueri:
        assert luar.get(alamat).status_code == 404
    assert [q for q in kueri.captured_queries if '"skp_skp"' in q["sql"]]
    hak = AdminInstansi.objects.create(user=pemeran.orang_luar.user, instansi=pemeran.instansi)
    assert luar.get(alamat).status_code == 200
    hak.delete()
    assert luar.get(alamat).status_code == 404
    lain = Client()
    lain.force_login(pemeran.admin_lain.user)
    assert lain.get(alamat).status_code == 404
