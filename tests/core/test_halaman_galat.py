"""Error pages are Indonesian, inside the app's layout (never Django's bare English pages)."""

import pytest
from django.test import Client
from django.urls import reverse


@pytest.fixture
def tanpa_debug(settings):
    settings.DEBUG = False


def test_403_menampilkan_alasan_dalam_bahasa_indonesia(client, pemeran, tanpa_debug):
    client.force_login(pemeran.pegawai.user)
    respons = client.get(reverse("organisasi:impor_pegawai"))
    isi = respons.content.decode()
    assert respons.status_code == 403
    assert "Akses ditolak" in isi and "Forbidden" not in isi
    assert 'lang="id"' in isi and "Kembali ke Beranda" in isi


def test_404_dalam_bahasa_indonesia(client, pemeran, tanpa_debug):
    client.force_login(pemeran.pegawai.user)
    respons = client.get("/tidak-ada-halaman-ini/")
    isi = respons.content.decode()
    assert respons.status_code == 404
    assert "Halaman tidak ditemukan" in isi and "Not Found" not in isi


def test_500_dalam_bahasa_indonesia(tanpa_debug, settings, db):
    from django.urls import path

    def rusak(request):
        raise RuntimeError("uji")

    settings.ROOT_URLCONF = type("Urls", (), {"urlpatterns": [path("rusak/", rusak)]})
    respons = Client(raise_request_exception=False).get("/rusak/")
    assert respons.status_code == 500
    assert "Terjadi kesalahan pada server" in respons.content.decode()


def test_csrf_kedaluwarsa_dalam_bahasa_indonesia(pemeran, tanpa_debug):
    klien = Client(enforce_csrf_checks=True)
    klien.force_login(pemeran.pegawai.user)
    respons = klien.post(reverse("logout"))
    assert respons.status_code == 403
    assert "Formulir tidak dapat diproses" in respons.content.decode()
