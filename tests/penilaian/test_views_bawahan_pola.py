"""Penilaian Bawahan with the unit's capaian: the chart above the table, redrawn out of band
after each row save, the warning of a pattern that does not fit and its reason."""

import pytest
from django.urls import reverse

from penilaian.models import AlasanPola
from penilaian.services.capaian import catat_alasan_pola, tetapkan_capaian
from tests.penilaian.bawahan import isi_penilaian, tambah_bawahan
from tests.penilaian.test_views_bawahan import (  # noqa: F401 (siap: a fixture)
    HTMX,
    URL,
    S,
    data_rating,
    masuk,
    siap,
    url_nilai,
)

pytestmark = pytest.mark.django_db


def _capaian(pemeran, periode, capaian="baik"):
    tetapkan_capaian(user=pemeran.atasan_atasan.user, unit_kerja=pemeran.atasan.jabatan.unit_kerja,
                     periode=periode, capaian=capaian)  # fmt: skip


def test_capaian_belum_ditetapkan_disebut_siapa_yang_menetapkan(client, kasus, pemeran):
    html = masuk(client, pemeran.atasan).get(URL).content.decode()
    assert 'id="pola-distribusi"' in html and "belum ditetapkan" in html
    assert "ditetapkan oleh Budi Kabid" in html and "<svg" not in html


def test_grafik_diperbarui_oob_dan_peringatan_lalu_alasan(client, siap, pemeran):  # noqa: F811
    _capaian(pemeran, siap.periode)
    kedua = isi_penilaian(tambah_bawahan(pemeran, 1)[0], siap.periode, pemeran.atasan)
    c = masuk(client, pemeran.atasan)
    html = c.get(URL).content.decode()
    assert "<svg" in html and "Capaian kinerja organisasi Seksi Surveilans: Baik." in html
    assert 'id="peringatan-pola"' not in html

    r = c.post(url_nilai(siap.penilaian), data_rating(siap.penilaian, S, S), **HTMX)
    teks = r.content.decode()
    assert (
        'id="pola-distribusi" aria-labelledby="judul-pola" class="mb-3" hx-swap-oob="true"' in teks
    )
    assert "Baik 1" in teks and 'id="peringatan-pola"' not in teks

    # Both Baik in a unit of 2 under capaian Baik: at most 1 Baik, one must be lower.
    r = c.post(url_nilai(kedua), data_rating(kedua, S, S), **HTMX)
    teks = r.content.decode()
    assert 'id="peringatan-pola"' in teks and "Pola tidak sesuai: alasan" in teks
    assert "Penilaian unit ini final" not in teks

    url = reverse("penilaian:bawahan_alasan_pola", args=[siap.periode.pk])
    r = c.post(url, {"alasan": "  "}, follow=True)
    assert "Tuliskan alasan" in r.content.decode() and not AlasanPola.objects.exists()
    r = c.post(url, {"alasan": "Keduanya melampaui target PK."}, follow=True)
    html = r.content.decode()
    assert "Alasan tercatat" in html and "Keduanya melampaui target PK." in html
    assert "Penilaian unit ini final" in html
    a = AlasanPola.objects.get()
    assert a.penilai == pemeran.atasan and a.oleh == pemeran.atasan.user


def test_alasan_pola_tangga_akses(client, kasus, pemeran):
    url = reverse("penilaian:bawahan_alasan_pola", args=[kasus.periode.pk])
    r = client.post(url, {"alasan": "x"})
    assert r.status_code == 302 and reverse("login") in r["Location"]
    assert masuk(client, pemeran.pegawai).post(url, {"alasan": "x"}).status_code == 403
    assert masuk(client, pemeran.admin_lain).post(url, {"alasan": "x"}).status_code == 403
    assert not AlasanPola.objects.exists()


def test_catat_alasan_riwayat_dan_klik_ganda(kasus, pemeran):
    a = catat_alasan_pola(user=pemeran.atasan.user, periode=kasus.periode, alasan="Satu")
    assert catat_alasan_pola(user=pemeran.atasan.user, periode=kasus.periode, alasan="Satu") == a
    catat_alasan_pola(user=pemeran.atasan.user, periode=kasus.periode, alasan="Dua")
    assert AlasanPola.objects.count() == 2
