"""The app's address for links that leave the browser (`core.alamat.alamat_situs`): SITE_URL,
else the request being served, else the configured hosts (the background worker); `make run
PORT=`; the public verification page's Indonesian 404 also in development."""

import shutil
import subprocess
from pathlib import Path

import pytest
from django.test import RequestFactory

from core.alamat import alamat_situs

AKAR = Path(__file__).resolve().parents[2]


@pytest.fixture
def tanpa_site_url(settings):
    settings.SITE_URL = ""
    settings.ALLOWED_HOSTS = ["skp.lan", "testserver"]
    settings.CSRF_TRUSTED_ORIGINS = []


def test_site_url_menang_bila_diisi(settings):
    settings.SITE_URL = "https://skp.contoh.go.id/"
    permintaan = RequestFactory().get("/", HTTP_HOST="testserver")
    assert alamat_situs(permintaan) == "https://skp.contoh.go.id"
    assert alamat_situs() == "https://skp.contoh.go.id"


def test_tanpa_site_url_alamat_dari_permintaan(tanpa_site_url):
    permintaan = RequestFactory().get("/", HTTP_HOST="skp.lan:8100")
    assert alamat_situs(permintaan) == "http://skp.lan:8100"
    aman = RequestFactory().get("/", HTTP_HOST="skp.lan", secure=True)
    assert alamat_situs(aman) == "https://skp.lan"


@pytest.mark.parametrize(
    ("asal", "host", "aman", "harapan"),
    [
        # The first https origin, even when an http one comes first; wildcards never.
        (["https://*.pemda.go.id", "http://lan", "https://skp.pemda.go.id"], ["x"], False,
         "https://skp.pemda.go.id"),
        (["http://127.0.0.1:8100"], ["127.0.0.1"], False, "http://127.0.0.1:8100"),
        # No origin: the first host that is not a wildcard, https when the site redirects to it.
        ([], ["*", ".pemda.go.id", "skp.pemda.go.id"], True, "https://skp.pemda.go.id"),
        ([], ["127.0.0.1", "localhost"], False, "http://127.0.0.1"),
    ],
)  # fmt: skip
def test_tanpa_permintaan_alamat_dari_pengaturan(settings, asal, host, aman, harapan):
    settings.SITE_URL = ""
    settings.CSRF_TRUSTED_ORIGINS = asal
    settings.ALLOWED_HOSTS = host
    settings.SECURE_SSL_REDIRECT = aman
    assert alamat_situs() == harapan


def test_permintaan_hanya_berlaku_selama_dilayani(client, tanpa_site_url, db):
    # During a request the middleware makes it the address; afterwards the settings are used.
    client.get("/masuk/", HTTP_HOST="skp.lan:8100")
    assert alamat_situs() == "http://skp.lan"


@pytest.mark.django_db
def test_token_salah_halaman_404_indonesia_juga_saat_pengembangan(client, settings):
    settings.DEBUG = True
    respons = client.get("/v/bukan-token-yang-ada/")
    isi = respons.content.decode()
    assert respons.status_code == 404
    assert "Halaman tidak ditemukan" in isi and 'lang="id"' in isi
    # Not Django's technical page, which lists the URL patterns in English.
    assert "URLconf" not in isi and "Page not found" not in isi
    assert respons["X-Robots-Tag"] == "noindex, nofollow"


@pytest.mark.skipif(shutil.which("make") is None, reason="make tidak terpasang")
@pytest.mark.parametrize(("argumen", "port"), [([], "8000"), (["PORT=8100"], "8100")])
def test_make_run_menerima_port(argumen, port):
    # -n prints the commands without running them (nothing is installed or started).
    hasil = subprocess.run(
        ["make", "-n", "-B", "run", *argumen], cwd=AKAR, capture_output=True, text=True, check=True
    )
    assert f"runserver 127.0.0.1:{port}" in hasil.stdout
    assert f"Aplikasi berjalan di http://127.0.0.1:{port}/" in hasil.stdout
    # The worker serves no request: it is told the same address for the links it writes.
    assert f"SITE_URL=${{SITE_URL:-http://127.0.0.1:{port}}}" in hasil.stdout
