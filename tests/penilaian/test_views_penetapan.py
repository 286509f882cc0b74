"""The penetapan predikat pages as a permission ladder (a pegawai never sees colleagues' ratings;
the leader sees the units they lead; the admin their instansi), the confirmation through the
page, the re-opened banner, the download, and flat query counts."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from penilaian.models import DokumenPenetapan, PenetapanPredikat
from penilaian.services import alur
from penilaian.services.capaian import tetapkan_capaian
from tests.penilaian.bawahan import isi_penilaian, tambah_bawahan
from tests.penilaian.test_penetapan import SESUAI_POLA, B, S, nilai_semua, seksi, tetapkan
from tests.penilaian.test_penetapan import unit7 as unit7  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


def url(pemeran, periode, nama="penetapan", *extra):
    return reverse(f"penilaian:{nama}", args=[seksi(pemeran).pk, periode.pk, *extra])


def masuk(client, pegawai):
    client.force_login(pegawai.user)
    return client


def test_tangga_akses_halaman(client, pemeran, tw1, unit7):  # noqa: F811
    u = url(pemeran, tw1)
    r = client.get(u)
    assert r.status_code == 302 and reverse("login") in r["Location"]
    # Another instansi: the unit does not exist for them.
    for orang in (pemeran.admin_lain, pemeran.pegawai_lain):
        assert masuk(client, orang).get(u).status_code == 404
    # Same instansi, not the leader from above: refused (a pegawai never sees the list).
    for orang in (pemeran.pegawai, pemeran.atasan, pemeran.kepala, pemeran.rekan_atasan):
        assert masuk(client, orang).get(u).status_code == 403, orang
    # The leader and the admin of the instansi see it; only the leader may confirm.
    html = masuk(client, pemeran.atasan_atasan).get(u).content.decode()
    assert "Tetapkan predikat" in html and unit7[0].pegawai.nama_lengkap in html
    html = masuk(client, pemeran.admin).get(u).content.decode()
    assert unit7[0].pegawai.nama_lengkap in html and "Tetapkan predikat</button>" not in html
    r = masuk(client, pemeran.atasan_atasan).get(u, **HTMX)
    assert r.status_code == 200 and r.content.decode().lstrip().startswith(
        '<div id="isi-penetapan"'
    )


def test_tangga_akses_tetapkan_dan_unduh(client, pemeran, tw1, unit7):  # noqa: F811
    nilai_semua(pemeran, unit7, SESUAI_POLA)
    u = url(pemeran, tw1, "penetapan_tetapkan")
    assert client.post(u).status_code == 302 and not PenetapanPredikat.objects.exists()
    assert masuk(client, pemeran.admin_lain).post(u).status_code == 404
    for orang in (pemeran.pegawai, pemeran.atasan, pemeran.admin):
        assert masuk(client, orang).post(u).status_code == 403
    assert not PenetapanPredikat.objects.exists()

    r = masuk(client, pemeran.atasan_atasan).post(u, follow=True)
    html = r.content.decode()
    assert "Predikat pegawai Seksi Surveilans Triwulan I 2026 ditetapkan (versi 1)" in html
    assert "Unduh dokumen penetapan versi 1" in html and 'id="sudah-ditetapkan"' in html
    # A second click: refused with a message, no second version.
    r = client.post(u, follow=True)
    assert "sudah ditetapkan" in r.content.decode() and DokumenPenetapan.objects.count() == 1

    unduh = url(pemeran, tw1, "penetapan_unduh", 1)
    r = client.get(unduh)
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    assert r.content == DokumenPenetapan.objects.get().berkas.open("rb").read()
    assert masuk(client, pemeran.admin).get(unduh).status_code == 200
    assert masuk(client, pemeran.pegawai).get(unduh).status_code == 403
    assert masuk(client, pemeran.admin_lain).get(unduh).status_code == 404
    assert (
        masuk(client, pemeran.atasan_atasan)
        .get(url(pemeran, tw1, "penetapan_unduh", 2))
        .status_code
        == 404
    )


def test_belum_dinilai_pesan_di_halaman(client, pemeran, tw1, unit7):  # noqa: F811
    nilai_semua(pemeran, unit7[:6], SESUAI_POLA[:6])
    c = masuk(client, pemeran.atasan_atasan)
    html = c.get(url(pemeran, tw1)).content.decode()
    assert 'id="belum-dapat"' in html and unit7[6].pegawai.nama_lengkap in html
    assert "Tetapkan predikat</button>" not in html
    r = c.post(url(pemeran, tw1, "penetapan_tetapkan"), follow=True)
    assert "1 pegawai belum dinilai" in r.content.decode()
    assert not PenetapanPredikat.objects.exists()


def test_dibuka_kembali_diberitahukan_di_halaman(client, pemeran, tw1, unit7):  # noqa: F811
    daftar = nilai_semua(pemeran, unit7, SESUAI_POLA)
    tetapkan(pemeran, tw1)
    alur.nilai(user=pemeran.atasan.user, penilaian=daftar[0], rating_hasil_kerja=B,
               rating_perilaku=S)  # fmt: skip
    html = masuk(client, pemeran.atasan_atasan).get(url(pemeran, tw1)).content.decode()
    assert 'id="dibuka-kembali"' in html and "Penetapan dibuka kembali" in html
    assert "Tetapkan kembali" in html
    r = client.post(url(pemeran, tw1, "penetapan_tetapkan"), follow=True)
    assert "ditetapkan (versi 2)" in r.content.decode()


def test_tautan_dari_capaian_dan_penilaian_bawahan(client, pemeran, tw1, unit7):  # noqa: F811
    html = (
        masuk(client, pemeran.atasan_atasan)
        .get(reverse("penilaian:capaian") + f"?periode={tw1.pk}")
        .content.decode()
    )
    assert url(pemeran, tw1) in html
    html = client.get(reverse("penilaian:bawahan") + f"?periode={tw1.pk}").content.decode()
    assert reverse("penilaian:penetapan_daftar") in html
    html = client.get(reverse("penilaian:penetapan_daftar") + f"?periode={tw1.pk}").content.decode()
    assert url(pemeran, tw1) in html and "Seksi Surveilans" in html
    # The Kasi leads no unit from above: no link on her Penilaian Bawahan page.
    html = masuk(client, pemeran.atasan).get(reverse("penilaian:bawahan")).content.decode()
    assert 'id="tautan-pimpinan"' not in html
    assert (
        masuk(client, pemeran.pegawai).get(reverse("penilaian:penetapan_daftar")).status_code == 403
    )


@pytest.mark.usefixtures("jawaban_selalu_dihitung")
def test_jumlah_kueri_tetap(client, pemeran, tw1, dalam_jendela_tw1, django_assert_max_num_queries):
    """The page's queries do not grow with the number of pegawai (2, then 8)."""
    tetapkan_capaian(user=pemeran.atasan_atasan.user, unit_kerja=seksi(pemeran), periode=tw1,
                     capaian="baik")  # fmt: skip
    c = masuk(client, pemeran.atasan_atasan)
    for p in tambah_bawahan(pemeran, 2):
        isi_penilaian(p, tw1, pemeran.atasan)
    c.get(url(pemeran, tw1))
    with CaptureQueriesContext(connection) as q:
        assert c.get(url(pemeran, tw1)).status_code == 200
    for p in tambah_bawahan(pemeran, 6, awal=2):
        isi_penilaian(p, tw1, pemeran.atasan)
    with django_assert_max_num_queries(len(q)):
        html = c.get(url(pemeran, tw1)).content.decode()
    assert "Bawahan 08" in html


def test_beranda_menautkan_capaian_dan_penetapan(client, pemeran):
    html = masuk(client, pemeran.atasan_atasan).get(reverse("beranda")).content.decode()
    assert 'id="langkah-pimpinan-unit"' in html and reverse("penilaian:penetapan_daftar") in html
    html = masuk(client, pemeran.atasan).get(reverse("beranda")).content.decode()
    assert 'id="langkah-pimpinan-unit"' not in html  # leads no unit from above
    html = masuk(client, pemeran.admin).get(reverse("beranda")).content.decode()
    assert reverse("penilaian:penetapan_daftar") in html
