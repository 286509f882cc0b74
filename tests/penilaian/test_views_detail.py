"""The evaluation page and its actions: a permission ladder for every view (anonymous -> login,
outsider -> 404, wrong role -> 403, right role -> 200/redirect) with its htmx variant, rating,
keberatan and putuskan through the pages, umpan balik through the pages, notifications marked
read, and query counts that stay flat as the SKP grows."""

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from organisasi.models import JenisJabatan
from penilaian.models import (
    BuktiDukung,
    PenilaianPeriodik,
    PeranPemberi,
    Realisasi,
    RiwayatUmpanBalik,
    StatusPenilaian,
    UmpanBalik,
)
from penilaian.services import alur
from penilaian.services import umpan_balik as layanan
from skp.models import IndikatorKinerja, Notifikasi, RencanaHasilKerja
from tests.factories import JabatanFactory, PegawaiFactory, UserFactory
from tests.penilaian.conftest import beri_umpan_balik_lengkap, pada

HTMX = {"HTTP_HX_REQUEST": "true"}
ORANG_LUAR = ["orang_luar", "rekan_atasan", "pegawai_lain", "admin_lain"]
S = "sesuai"


def masuk(client, orang):
    client.force_login(orang.user)
    return client


@dataclass
class Siap:
    penilaian: PenilaianPeriodik
    ub: UmpanBalik  # the penilai's feedback on the RHK

    @property
    def rhk(self):
        return self.penilaian.skp.rhk.get()


@pytest.fixture
def siap(kasus, pemeran) -> Siap:
    beri_umpan_balik_lengkap(kasus.penilaian, pemeran.atasan)
    return Siap(kasus.penilaian, UmpanBalik.objects.filter(jenis="hasil_kerja").get())


def _dinilai(s: Siap, pemeran, hasil=S, perilaku=S) -> PenilaianPeriodik:
    return alur.nilai(user=pemeran.atasan.user, penilaian=s.penilaian, rating_hasil_kerja=hasil,
                      rating_perilaku=perilaku)  # fmt: skip


def _keberatan(s: Siap, pemeran) -> PenilaianPeriodik:
    p = _dinilai(s, pemeran, "di_bawah", S)
    return alur.ajukan_keberatan(user=pemeran.pegawai.user, penilaian=p, alasan="Bukti lengkap.")


def _segar(s: Siap) -> PenilaianPeriodik:
    return PenilaianPeriodik.objects.get(pk=s.penilaian.pk)


RATING = {"rating_hasil_kerja": S, "rating_perilaku": "di_atas", "catatan": "Pertahankan."}
# (url name, args, method, data, state before, right roles, wrong roles (403))
VIEWS = [
    ("penilaian:detail", lambda s: [s.penilaian.pk], "get", None, None,
     ["pegawai", "atasan", "atasan_atasan", "admin"], []),
    ("penilaian:predikat", lambda s: [s.penilaian.pk], "get", {"rating_hasil_kerja": S, "rating_perilaku": S},
     None, ["atasan", "atasan_atasan"], ["pegawai", "admin"]),
    ("penilaian:nilai", lambda s: [s.penilaian.pk], "post", RATING, None, ["atasan"], ["pegawai", "admin"]),
    ("penilaian:terima", lambda s: [s.penilaian.pk], "post", {}, _dinilai, ["pegawai"],
     ["atasan", "atasan_atasan", "admin"]),
    ("penilaian:keberatan", lambda s: [s.penilaian.pk], "post", {"alasan": "Realisasi 100%."}, _dinilai,
     ["pegawai"], ["atasan", "atasan_atasan", "admin"]),
    ("penilaian:putuskan", lambda s: [s.penilaian.pk], "post",
     {"rating_hasil_kerja": S, "rating_perilaku": S, "catatan": "Bukti mendukung."}, _keberatan,
     ["atasan_atasan"], ["pegawai", "atasan", "admin"]),
    ("penilaian:umpan_balik_tulis", lambda s: [s.penilaian.pk], "post",
     {"blok": "umum", "teks": "Kerja rapi."}, None, ["atasan", "atasan_atasan"], ["pegawai", "admin"]),
    ("penilaian:umpan_balik_ubah", lambda s: [s.ub.pk], "post", {"teks": "Diperjelas."}, None,
     ["atasan"], ["pegawai", "atasan_atasan", "admin"]),
    ("penilaian:umpan_balik_balas", lambda s: [s.ub.pk], "post", {"teks": "Terima kasih."}, None,
     ["pegawai", "atasan"], ["atasan_atasan", "admin"]),
]  # fmt: skip
IDS = [v[0] for v in VIEWS]


def _kirim(client, method, url, data, **extra):
    if method == "get":
        return client.get(url, data or {}, **extra)
    return client.post(url, data, **extra)


@pytest.mark.parametrize(
    ("nama", "args", "method", "data", "keadaan", "benar", "salah"), VIEWS, ids=IDS
)
def test_tangga_izin(client, pemeran, siap, nama, args, method, data, keadaan, benar, salah):
    if keadaan:
        keadaan(siap, pemeran)
    url = reverse(nama, args=args(siap))
    anonim = _kirim(client, method, url, data)
    assert anonim.status_code == 302 and anonim.url.startswith(reverse("login"))
    for siapa in ORANG_LUAR:
        assert (
            _kirim(masuk(client, getattr(pemeran, siapa)), method, url, data).status_code == 404
        ), siapa
    for siapa in salah:
        assert (
            _kirim(masuk(client, getattr(pemeran, siapa)), method, url, data).status_code == 403
        ), siapa
    for siapa in benar if method == "get" else benar[:1]:
        r = _kirim(masuk(client, getattr(pemeran, siapa)), method, url, data)
        assert r.status_code == (200 if method == "get" else 302), (siapa, r.content[:500])


@pytest.mark.parametrize(
    ("nama", "args", "method", "data", "keadaan", "benar", "salah"), VIEWS, ids=IDS
)
def test_varian_htmx(client, pemeran, siap, nama, args, method, data, keadaan, benar, salah):
    if keadaan:
        keadaan(siap, pemeran)
    url = reverse(nama, args=args(siap))
    for siapa in ORANG_LUAR[:1]:
        assert (
            _kirim(masuk(client, getattr(pemeran, siapa)), method, url, data, **HTMX).status_code
            == 404
        )
    for siapa in salah[:1]:
        assert (
            _kirim(masuk(client, getattr(pemeran, siapa)), method, url, data, **HTMX).status_code
            == 403
        )
    r = _kirim(masuk(client, getattr(pemeran, benar[0])), method, url, data, **HTMX)
    assert r.status_code == 200
    html = r.content.decode()
    assert "<html" not in html  # a partial, never the whole page
    if nama in ("penilaian:nilai", "penilaian:terima", "penilaian:keberatan", "penilaian:putuskan"):
        assert r["HX-Redirect"] == reverse("penilaian:detail", args=[siap.penilaian.pk])
    elif nama == "penilaian:detail":
        assert html.lstrip().startswith('<div id="aksi-penilaian"')
    elif nama == "penilaian:predikat":
        assert "Baik" in html
    else:
        assert html.lstrip().startswith('<div id="ub-')


# --- rating, keberatan and putuskan through the page -------------------------------------------


def test_halaman_menampilkan_formulir_evaluasi(client, pemeran, siap):
    Realisasi.objects.create(penilaian=siap.penilaian, indikator=siap.rhk.indikator.get(aspek="kuantitas"),
                             nilai=Decimal("1500.5"))  # fmt: skip
    BuktiDukung.objects.create(
        penilaian=siap.penilaian, rhk=siap.rhk, tautan="https://drive.example/rekap"
    )
    BuktiDukung.objects.create(penilaian=siap.penilaian, rhk=siap.rhk, tautan="javascript:alert(1)")
    html = masuk(client, pemeran.pegawai).get(reverse("penilaian:detail", args=[siap.penilaian.pk]))
    html = html.content.decode()
    for teks in ("EVALUASI KINERJA PEGAWAI", "PERIODE: TRIWULAN I", "1 JANUARI SD 31 MARET TAHUN 2026",
                 "REALISASI BERDASARKAN BUKTI DUKUNG", "UMPAN BALIK BERKELANJUTAN BERDASARKAN BUKTI DUKUNG",
                 "RATING HASIL KERJA", "RATING PERILAKU KERJA", "PREDIKAT KINERJA PEGAWAI",
                 "Kolaboratif", "Rina Kasi", pemeran.atasan.nip_cetak, "1.500,5</strong> laporan",
                 "Pengiriman realisasi oleh pegawai: <strong>14 April 2026</strong>",
                 "sisa 11 hari kerja", "Pimpinan (Rina Kasi):", "Rekap desa lengkap dan tepat waktu."):  # fmt: skip
        assert teks in html, teks
    assert 'href="https://drive.example/rekap"' in html
    assert 'href="javascript' not in html  # shown as text, never a link
    assert "Simpan penilaian" not in html  # the pegawai does not rate


def test_nilai_tanpa_umpan_balik_ditolak_dengan_tautan_menulisnya(client, pemeran, kasus):
    c = masuk(client, pemeran.atasan)
    url = reverse("penilaian:detail", args=[kasus.penilaian.pk])
    html = c.get(url).content.decode()
    assert 'id="umpan-balik-kurang"' in html and 'href="#judul-perilaku"' in html
    r = c.post(reverse("penilaian:nilai", args=[kasus.penilaian.pk]), {**RATING, "revisi": 0})
    assert r.status_code == 200
    assert "Penilaian belum dapat disimpan." in r.content.decode()
    assert PenilaianPeriodik.objects.get().status == StatusPenilaian.BELUM_DIISI


def test_nilai_lewat_halaman_menghitung_predikat(client, pemeran, siap):
    c = masuk(client, pemeran.atasan)
    r = c.post(reverse("penilaian:nilai", args=[siap.penilaian.pk]), {**RATING, "revisi": 0})
    assert r.status_code == 302
    p = _segar(siap)
    assert (p.status, p.predikat, p.catatan_penilai) == ("dinilai", "baik", "Pertahankan.")
    html = masuk(client, pemeran.pegawai).get(r.url).content.decode()
    assert "<strong>BAIK</strong>" in html and "Terima hasil penilaian" in html
    assert "Batas pengajuan keberatan" not in html or "Pengajuan keberatan oleh pegawai" in html
    assert "Pengajuan keberatan oleh pegawai: <strong>17 April 2026</strong>" in html


@pytest.mark.parametrize(
    ("data", "pesan"),
    [({"rating_perilaku": S}, "Pilih rating hasil kerja."),
     ({"rating_hasil_kerja": "luar_biasa", "rating_perilaku": S}, "dari pilihan yang ada"),
     ({**RATING, "catatan": "x" * 4001}, "Paling panjang 4.000 karakter")],
)  # fmt: skip
def test_nilai_masukan_salah_pesan_di_dalam_form(client, pemeran, siap, data, pesan):
    r = masuk(client, pemeran.atasan).post(
        reverse("penilaian:nilai", args=[siap.penilaian.pk]), data, **HTMX
    )
    assert r.status_code == 200 and pesan in r.content.decode()
    assert _segar(siap).predikat == ""


def test_nilai_dari_halaman_kedaluwarsa_ditolak(client, pemeran, siap):
    revisi_lama = siap.penilaian.revisi
    Realisasi.objects.create(
        penilaian=siap.penilaian, indikator=siap.rhk.indikator.first(), nilai=3
    )
    alur.kirim(user=pemeran.pegawai.user, penilaian=siap.penilaian)  # meanwhile, in another tab
    r = masuk(client, pemeran.atasan).post(reverse("penilaian:nilai", args=[siap.penilaian.pk]),
                                           {**RATING, "revisi": revisi_lama})  # fmt: skip
    assert r.status_code == 200 and "tab atau perangkat lain" in r.content.decode()
    assert _segar(siap).predikat == ""


def test_klik_ganda_pada_simpan_penilaian(client, pemeran, siap):
    c = masuk(client, pemeran.atasan)
    url = reverse("penilaian:nilai", args=[siap.penilaian.pk])
    data = {**RATING, "revisi": siap.penilaian.revisi}
    assert c.post(url, data).status_code == 302
    assert c.post(url, data).status_code == 302  # the same page sent twice: not refused as stale
    assert _segar(siap).riwayat.filter(aksi="nilai").count() == 1


def test_pratinjau_predikat_dari_kuadran(client, pemeran, siap):
    c = masuk(client, pemeran.atasan)
    url = reverse("penilaian:predikat", args=[siap.penilaian.pk])
    assert (
        "Sangat Baik"
        in c.get(
            url, {"rating_hasil_kerja": "di_atas", "rating_perilaku": "di_atas"}, **HTMX
        ).content.decode()
    )
    assert (
        "Kurang/Misconduct"
        in c.get(
            url, {"rating_hasil_kerja": S, "rating_perilaku": "di_bawah"}, **HTMX
        ).content.decode()
    )
    assert "Pilih kedua rating" in c.get(url, {"rating_hasil_kerja": S}, **HTMX).content.decode()
    assert _segar(siap).predikat == ""  # nothing saved by looking


def test_keberatan_dan_putuskan_lewat_halaman(client, pemeran, siap):
    _dinilai(siap, pemeran, "di_bawah", S)
    peg = masuk(client, pemeran.pegawai)
    html = peg.get(reverse("penilaian:detail", args=[siap.penilaian.pk])).content.decode()
    assert "paling lambat <strong>17 April 2026</strong>" in html
    r = peg.post(reverse("penilaian:keberatan", args=[siap.penilaian.pk]), {"alasan": "  "})
    assert r.status_code == 200 and "Tuliskan alasan keberatan Anda." in r.content.decode()
    assert _segar(siap).status == StatusPenilaian.DINILAI
    r = peg.post(
        reverse("penilaian:keberatan", args=[siap.penilaian.pk]), {"alasan": "Realisasi 100%."}
    )
    assert r.status_code == 302 and _segar(siap).status == StatusPenilaian.KEBERATAN

    aa = masuk(client, pemeran.atasan_atasan)
    html = aa.get(reverse("penilaian:detail", args=[siap.penilaian.pk])).content.decode()
    assert "Putuskan keberatan" in html and "Realisasi 100%." in html
    assert re.search(
        r'value="di_bawah"\s+aria-describedby="putuskan-rating_hasil_kerja-di_bawah-panduan" checked',
        html,
    )
    url = reverse("penilaian:putuskan", args=[siap.penilaian.pk])
    r = aa.post(url, {"rating_hasil_kerja": S, "rating_perilaku": S, "catatan": ""}, **HTMX)
    assert r.status_code == 200 and "Tuliskan dasar keputusan" in r.content.decode()
    r = aa.post(url, {"rating_hasil_kerja": S, "rating_perilaku": S, "catatan": "Bukti lengkap."})
    assert r.status_code == 302
    p = _segar(siap)
    assert (p.status, p.predikat, p.keputusan_catatan) == ("diputuskan", "baik", "Bukti lengkap.")
    r = aa.post(url, {"rating_hasil_kerja": "di_atas", "rating_perilaku": S, "catatan": "Lagi."})
    assert r.status_code == 200 and "Keberatan ini sudah diputuskan." in r.content.decode()
    assert _segar(siap).predikat == "baik"


def test_terima_dua_kali_pesan_jelas(client, pemeran, siap):
    _dinilai(siap, pemeran)
    c = masuk(client, pemeran.pegawai)
    url = reverse("penilaian:terima", args=[siap.penilaian.pk])
    assert c.post(url).status_code == 302
    r = c.post(url)
    assert r.status_code == 200 and "sudah Anda terima" in r.content.decode()
    assert _segar(siap).riwayat.filter(aksi="terima").count() == 1


def test_setelah_tenggat_penilai_diberi_tahu_dan_atasannya_menilai_final(client, pemeran, siap):
    beri_umpan_balik_lengkap(siap.penilaian, pemeran.atasan_atasan)
    url = reverse("penilaian:detail", args=[siap.penilaian.pk])
    with pada(date(2026, 4, 15)):
        html = masuk(client, pemeran.atasan).get(url).content.decode()
        assert "sudah lewat; kini atasan pejabat penilai yang menilai" in html
        assert "Simpan penilaian" not in html
        aa = masuk(client, pemeran.atasan_atasan)
        html = aa.get(url).content.decode()
        assert "Simpan penilaian (final)" in html
        r = aa.post(
            reverse("penilaian:nilai", args=[siap.penilaian.pk]),
            {**RATING, "revisi": siap.penilaian.revisi},
        )
        assert r.status_code == 302
    p = _segar(siap)
    assert p.oleh_atasan_penilai and p.dinilai_oleh == pemeran.atasan_atasan


def test_notifikasi_halaman_ini_ditandai_dibaca_saat_dibuka(client, pemeran, siap):
    url = reverse("penilaian:detail", args=[siap.penilaian.pk])
    ini = Notifikasi.objects.create(penerima=pemeran.pegawai.user, judul="Dinilai", tautan=url)
    lain = Notifikasi.objects.create(penerima=pemeran.pegawai.user, judul="SKP", tautan="/skp/1/")
    milik_lain = Notifikasi.objects.create(
        penerima=pemeran.atasan.user, judul="Dikirim", tautan=url
    )
    masuk(client, pemeran.pegawai).get(url)
    ini.refresh_from_db(), lain.refresh_from_db(), milik_lain.refresh_from_db()
    assert (ini.dibaca, lain.dibaca, milik_lain.dibaca) == (True, False, False)


def test_tombol_buka_di_halaman_notifikasi_membuka_halaman_penilaian(client, pemeran, siap):
    url = reverse("penilaian:detail", args=[siap.penilaian.pk])
    n = Notifikasi.objects.create(penerima=pemeran.pegawai.user, judul="Dinilai", tautan=url)
    r = masuk(client, pemeran.pegawai).post(
        reverse("skp:notifikasi"), {"notifikasi": n.pk, "lanjut": url}
    )
    assert r.status_code == 302 and r.url == url
    r = client.post(reverse("skp:notifikasi"), {"notifikasi": n.pk, "lanjut": "//contoh.com/x"})
    assert r.url == reverse("skp:notifikasi")


# --- umpan balik through the pages ----------------------------------------------------------


def test_pegawai_melihat_umpan_balik_dengan_nama_dan_peran_lalu_membalas(
    client, pemeran, siap, rekan_seksi
):
    layanan.beri_rekan(user=rekan_seksi.user, pegawai=pemeran.pegawai, jenis="hasil_kerja",
                       teks="Sigap membantu.")  # fmt: skip
    c = masuk(client, pemeran.pegawai)
    url = reverse("penilaian:detail", args=[siap.penilaian.pk])
    html = c.get(url).content.decode()
    assert "Pimpinan (Rina Kasi):" in html and "Rekan kerja (Sari Rekan):" in html
    assert "Tulis umpan balik" not in html  # the pegawai answers, never writes their own
    r = c.post(
        reverse("penilaian:umpan_balik_balas", args=[siap.ub.pk]), {"teks": "Siap, Bu."}, **HTMX
    )
    assert r.status_code == 200 and "Pegawai yang dinilai (Rudi Pelaksana):" in r.content.decode()
    assert siap.ub.balasan.get().peran == PeranPemberi.PEGAWAI


def test_tulis_umpan_balik_per_indikator_dan_ubah_dengan_riwayat(client, pemeran, siap):
    c = masuk(client, pemeran.atasan)
    ind = siap.rhk.indikator.get(aspek="waktu")
    r = c.post(reverse("penilaian:umpan_balik_tulis", args=[siap.penilaian.pk]),
               {"blok": f"rhk-{siap.rhk.pk}", "sasaran": f"indikator-{ind.pk}", "teks": "Rekap H+3."}, **HTMX)  # fmt: skip
    assert r.status_code == 200 and "Rekap H+3." in r.content.decode()
    ub = UmpanBalik.objects.get(teks="Rekap H+3.")
    assert (ub.rhk, ub.indikator) == (siap.rhk, ind)
    r = c.post(reverse("penilaian:umpan_balik_ubah", args=[ub.pk]), {"teks": "Rekap H+2."})
    assert r.status_code == 302 and r.url.endswith(f"#ub-rhk-{siap.rhk.pk}")
    html = (
        masuk(client, pemeran.pegawai)
        .get(reverse("penilaian:detail", args=[siap.penilaian.pk]))
        .content.decode()
    )
    assert "Rekap H+2." in html and "(diubah)" in html and "“Rekap H+3.”" in html


def test_umpan_balik_kosong_ditolak_di_dalam_bloknya(client, pemeran, siap):
    c = masuk(client, pemeran.atasan)
    url = reverse("penilaian:umpan_balik_tulis", args=[siap.penilaian.pk])
    r = c.post(url, {"blok": "perilaku-3", "teks": " "}, **HTMX)
    html = r.content.decode()
    assert r.status_code == 200 and html.lstrip().startswith('<div id="ub-perilaku-3"')
    assert "Tulis isi umpan balik." in html and '<details class="tulis-umpan-balik" open>' in html
    r = c.post(url, {"blok": "perilaku-3", "teks": "y" * 4001})  # no JavaScript: the page again
    assert r.status_code == 200 and "paling panjang 4.000 karakter" in r.content.decode()
    assert UmpanBalik.objects.count() == 2  # only the fixture's two


def test_ubah_setelah_final_ditolak_di_dalam_form(client, pemeran, siap):
    alur.terima(user=pemeran.pegawai.user, penilaian=_dinilai(siap, pemeran))
    r = masuk(client, pemeran.atasan).post(reverse("penilaian:umpan_balik_ubah", args=[siap.ub.pk]),
                                           {"teks": "Diubah."}, **HTMX)  # fmt: skip
    assert r.status_code == 200 and "sudah final" in r.content.decode()
    assert not RiwayatUmpanBalik.objects.exists()
    html = (
        masuk(client, pemeran.atasan)
        .get(reverse("penilaian:detail", args=[siap.penilaian.pk]))
        .content.decode()
    )
    assert "Simpan perubahan" not in html  # no edit form once final


@pytest.mark.parametrize("salah", ["blok", "indikator"])
def test_blok_atau_indikator_yang_tidak_ada_di_halaman_404(client, pemeran, siap, salah):
    data = {"blok": f"rhk-{siap.rhk.pk}", "sasaran": "indikator-999999", "teks": "x"}
    if salah == "blok":
        data = {"blok": "rhk-999999", "teks": "x"}
    url = reverse("penilaian:umpan_balik_tulis", args=[siap.penilaian.pk])
    assert masuk(client, pemeran.atasan).post(url, data).status_code == 404
    assert UmpanBalik.objects.count() == 2


# --- the colleagues' pages -------------------------------------------------------------------


def test_tangga_izin_halaman_rekan(client, pemeran, kasus, rekan_seksi):
    url = reverse("penilaian:umpan_balik_rekan", args=[pemeran.pegawai.pk])
    data = {"blok": "umum", "teks": "Membantu rekap."}
    for method in ("get", "post"):
        client.logout()
        anonim = _kirim(client, method, url, data)
        assert anonim.status_code == 302 and anonim.url.startswith(reverse("login"))
        for siapa in ("pegawai_lain", "admin_lain"):
            assert (
                _kirim(masuk(client, getattr(pemeran, siapa)), method, url, data).status_code == 404
            )
        for siapa in ("pegawai", "atasan", "orang_luar", "admin"):
            r = _kirim(masuk(client, getattr(pemeran, siapa)), method, url, data)
            assert r.status_code == 403, siapa
    c = masuk(client, rekan_seksi)
    r = c.get(url)
    assert r.status_code == 200
    assert ">Beri umpan balik kepada rekan</a>" in r.content.decode()  # navbar knows the pegawai
    r = c.post(url, data)
    assert r.status_code == 302 and r.url.endswith("#ub-umum")
    r = c.get(url, **HTMX)
    assert r.status_code == 200 and r.content.decode().lstrip().startswith('<div id="isi-rekan"')
    r = c.post(url, {"blok": "perilaku-4", "teks": "Ramah."}, **HTMX)
    assert r.status_code == 200 and r.content.decode().lstrip().startswith(
        '<div id="ub-perilaku-4"'
    )
    r = c.post(url, {"blok": "perilaku-4", "teks": ""}, **HTMX)
    assert r.status_code == 200 and "Tulis isi umpan balik." in r.content.decode()
    assert c.post(url, {"blok": f"rhk-{kasus.skp.rhk.get().pk}", "teks": "x"}).status_code == 404
    assert list(UmpanBalik.objects.values_list("peran", flat=True)) == ["rekan", "rekan"]


def test_rekan_mengubah_dan_melihat_balasan_atas_umpan_baliknya(
    client, pemeran, kasus, rekan_seksi
):
    ub = layanan.beri_rekan(
        user=rekan_seksi.user, pegawai=pemeran.pegawai, jenis="hasil_kerja", teks="Awal."
    )
    layanan.balas(user=pemeran.pegawai.user, umpan_balik=ub, teks="Balasan pegawai.")
    c = masuk(client, rekan_seksi)
    r = c.post(reverse("penilaian:umpan_balik_ubah", args=[ub.pk]), {"teks": "Diubah."}, **HTMX)
    assert (
        r.status_code == 200
        and "Diubah." in r.content.decode()
        and "Balasan pegawai." in r.content.decode()
    )
    r = c.post(reverse("penilaian:umpan_balik_balas", args=[ub.pk]), {"teks": "Sama-sama."})
    assert r.status_code == 302 and "/pegawai/" in r.url
    # someone else's thread stays out of the colleague's reach
    lain = layanan.beri(
        user=pemeran.atasan.user, penilaian=kasus.penilaian, jenis="hasil_kerja", teks="Rahasia."
    )
    assert (
        c.post(reverse("penilaian:umpan_balik_balas", args=[lain.pk]), {"teks": "x"}).status_code
        == 404
    )


def test_daftar_rekan(client, pemeran, kasus, rekan_seksi):
    anonim = client.get(reverse("penilaian:rekan"))
    assert anonim.status_code == 302
    client.force_login(UserFactory(username="tanpa-pegawai"))
    assert client.get(reverse("penilaian:rekan")).status_code == 403
    html = masuk(client, rekan_seksi).get(reverse("penilaian:rekan")).content.decode()
    assert "Rudi Pelaksana" in html and "Rina Kasi" in html and "bawahan (atasan Anda)" in html
    assert reverse("penilaian:umpan_balik_rekan", args=[pemeran.pegawai.pk]) in html
    html = masuk(client, pemeran.atasan).get(reverse("penilaian:rekan")).content.decode()
    assert "Rudi Pelaksana" not in html  # her bawahan: she writes on the evaluation page
    assert "Budi Kabid" in html  # her own atasan


# --- query counts --------------------------------------------------------------------------


def _tambah_rhk(s: Siap, pemeran, jumlah: int) -> None:
    """`jumlah` more RHK, each with three indicators, a realisasi, bukti, feedback and a reply."""
    skp = s.penilaian.skp
    for _ in range(jumlah):
        i = skp.rhk.count() + 1
        rhk = RencanaHasilKerja.objects.create(skp=skp, jenis="utama", urutan=i, uraian=f"RHK {i}")
        for aspek in ("kuantitas", "kualitas", "waktu"):
            ind = IndikatorKinerja.objects.create(rhk=rhk, aspek=aspek, uraian=f"{aspek} {i}",
                                                  target_min=Decimal(5), satuan="dokumen")  # fmt: skip
            Realisasi.objects.create(penilaian=s.penilaian, indikator=ind, nilai=Decimal(4))
            BuktiDukung.objects.create(penilaian=s.penilaian, rhk=rhk, indikator=ind,
                                       tautan="https://drive.example/x")  # fmt: skip
        ub = layanan.beri(
            user=pemeran.atasan.user,
            penilaian=s.penilaian,
            jenis="hasil_kerja",
            rhk=rhk,
            teks="Baik.",
        )
        layanan.ubah(user=pemeran.atasan.user, umpan_balik=ub, teks="Baik sekali.")
        layanan.balas(user=pemeran.pegawai.user, umpan_balik=ub, teks="Terima kasih.")


def _hitung(client, url) -> int:
    with CaptureQueriesContext(connection) as q:
        assert client.get(url).status_code == 200
    return len(q)


@pytest.mark.usefixtures("jawaban_selalu_dihitung")
@pytest.mark.parametrize("siapa", ["pegawai", "atasan"])
def test_jumlah_query_halaman_tetap_dari_2_ke_10_rhk(client, pemeran, siap, siapa):
    url = reverse("penilaian:detail", args=[siap.penilaian.pk])
    c = masuk(client, getattr(pemeran, siapa))
    _tambah_rhk(siap, pemeran, 1)  # 2 RHK
    sedikit = _hitung(c, url)
    _tambah_rhk(siap, pemeran, 8)  # 10 RHK
    assert _hitung(c, url) == sedikit


@pytest.mark.usefixtures("jawaban_selalu_dihitung")
def test_jumlah_query_daftar_rekan_dan_halaman_rekan_tetap(client, pemeran, kasus, rekan_seksi):
    def rekan_baru(n):  # colleagues of the unit, each with a feedback from rekan_seksi
        for i in range(n):
            j = JabatanFactory(unit_kerja=pemeran.pegawai.jabatan.unit_kerja, atasan=pemeran.atasan.jabatan,
                               jenis=JenisJabatan.PELAKSANA)  # fmt: skip
            p = PegawaiFactory(jabatan=j)
            UmpanBalik.objects.create(pegawai=p, skp=kasus.skp, periode=kasus.periode, jenis="hasil_kerja",
                                      pemberi=rekan_seksi.user, pemberi_nama="Sari", peran="rekan",
                                      teks=f"Catatan {i}")  # fmt: skip

    c = masuk(client, rekan_seksi)
    c.get(reverse("penilaian:rekan"))  # the first visit makes last year's periods (once)
    rekan_baru(1)
    daftar_sedikit = _hitung(c, reverse("penilaian:rekan"))
    halaman = reverse("penilaian:umpan_balik_rekan", args=[pemeran.pegawai.pk])
    ub = layanan.beri_rekan(
        user=rekan_seksi.user, pegawai=pemeran.pegawai, jenis="hasil_kerja", teks="Satu."
    )
    layanan.balas(user=pemeran.pegawai.user, umpan_balik=ub, teks="Ok.")
    halaman_sedikit = _hitung(c, halaman)
    rekan_baru(9)
    for i in range(9):
        ub = layanan.beri_rekan(
            user=rekan_seksi.user, pegawai=pemeran.pegawai, jenis="hasil_kerja", teks=f"T{i}"
        )
        layanan.balas(user=pemeran.pegawai.user, umpan_balik=ub, teks="Ok.")
    assert _hitung(c, reverse("penilaian:rekan")) == daftar_sedikit
    assert _hitung(c, halaman) == halaman_sedikit


def test_halaman_rekan_tanpa_formulir_ubah_setelah_penilaian_final(
    client, pemeran, siap, rekan_seksi
):
    layanan.beri_rekan(
        user=rekan_seksi.user, pegawai=pemeran.pegawai, jenis="hasil_kerja", teks="Rapi."
    )
    url = reverse("penilaian:umpan_balik_rekan", args=[pemeran.pegawai.pk])
    c = masuk(client, rekan_seksi)
    assert "Simpan perubahan" in c.get(url).content.decode()
    alur.terima(user=pemeran.pegawai.user, penilaian=_dinilai(siap, pemeran))
    html = c.get(url).content.decode()
    assert "Rapi." in html and "Simpan perubahan" not in html


def test_jalan_masuk_ke_daftar_rekan_dari_beranda(client, pemeran):
    html = masuk(client, pemeran.pegawai).get(reverse("beranda")).content.decode()
    assert html.count(f'href="{reverse("penilaian:rekan")}"') == 2  # home page and user menu
