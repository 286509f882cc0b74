"""Database outages: a request that loses the database gets the Indonesian 503 "coba lagi" page
(never a stack trace) and leaves no half-done write; /healthz says so; the application recovers
by itself once the database is back, also with persistent connections (CONN_MAX_AGE > 0, thanks
to CONN_HEALTH_CHECKS). On PostgreSQL the connection is really closed by the server
(pg_terminate_backend) or the server is unreachable."""

import socket
from contextlib import contextmanager

import psycopg2
import pytest
from django.conf import settings as pengaturan
from django.db import OperationalError, close_old_connections, connection
from django.test import Client
from django.urls import path, reverse
from django.utils import timezone

from skp.models import PerilakuKerja, Skp

TIDAK_TERSEDIA = "Layanan sedang tidak tersedia, coba lagi"


def halaman_503(respons) -> str:
    isi = respons.content.decode()
    assert respons.status_code == 503, isi[:500]
    assert TIDAK_TERSEDIA in isi and 'lang="id"' in isi
    assert "Traceback" not in isi and "OperationalError" not in isi
    assert respons["Retry-After"] == "30"
    return isi


def klien() -> Client:
    # The outage must be answered by the app, not re-raised into the test.
    return Client(raise_request_exception=False)


# --- without a database server (any database) ------------------------------------------------


def _urls_rusak(galat: Exception) -> type:
    def view(request):
        raise galat

    return type("Urls", (), {"urlpatterns": [path("rusak/", view)]})


@pytest.mark.parametrize("debug", [False, True])
def test_view_kehilangan_basis_data_mendapat_503(settings, db, debug):
    settings.DEBUG = debug  # with DEBUG on, too: never Django's debug page for an outage
    settings.ROOT_URLCONF = _urls_rusak(OperationalError("server closed the connection"))
    halaman_503(klien().get("/rusak/"))


def test_galat_lain_tetap_500(settings, db):
    settings.DEBUG = False
    settings.ROOT_URLCONF = _urls_rusak(RuntimeError("bukan basis data"))
    respons = klien().get("/rusak/")
    assert respons.status_code == 500
    assert "Terjadi kesalahan pada server" in respons.content.decode()


def test_middleware_kehilangan_basis_data_mendapat_503(settings, client, pemeran, monkeypatch):
    # The session is read by a middleware before any view: the handler500 answers.
    from django.contrib.sessions.backends import db as sesi

    settings.DEBUG = False
    klien_ = klien()
    klien_.force_login(pemeran.pegawai.user)

    def putus(self, *args, **kwargs):
        raise OperationalError("terminating connection due to administrator command")

    monkeypatch.setattr(sesi.SessionStore, "load", putus)
    halaman_503(klien_.get(reverse("skp:daftar")))


def test_koneksi_diperiksa_sebelum_dipakai_ulang():
    # So the performance work can raise CONN_MAX_AGE without a dead connection failing a request.
    assert pengaturan.DATABASES["default"]["CONN_HEALTH_CHECKS"] is True


# --- PostgreSQL: connections really closed, the server really unreachable ----------------------


@pytest.fixture
def postgres(transactional_db):
    if connection.vendor != "postgresql":
        pytest.skip("Butuh PostgreSQL (pg_terminate_backend); jalankan dengan DATABASE_URL=...")


def pid_aplikasi() -> int:
    with connection.cursor() as c:
        c.execute("SELECT pg_backend_pid()")
        return c.fetchone()[0]


def putuskan(pid: int) -> None:
    """Closes the application's connection from the server side, as a restart or an
    administrator does: pg_terminate_backend from another session."""
    d = connection.settings_dict
    lain = psycopg2.connect(
        dbname=d["NAME"], user=d["USER"], password=d.get("PASSWORD") or None,
        host=d["HOST"] or "127.0.0.1", port=d["PORT"] or 5432,
    )  # fmt: skip
    try:
        lain.autocommit = True
        with lain.cursor() as c:
            c.execute("SELECT pg_terminate_backend(%s)", [pid])
            assert c.fetchone()[0] is True
    finally:
        lain.close()


@contextmanager
def koneksi(**ubah):
    asli = {k: connection.settings_dict[k] for k in ubah}
    connection.close()
    connection.settings_dict.update(ubah)
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict.update(asli)


@pytest.mark.postgres
def test_koneksi_diputus_di_tengah_penulisan_tanpa_setengah_jadi(postgres, pemeran):
    k = klien()
    k.force_login(pemeran.pegawai.user)
    tahun = timezone.localdate().year
    dihentikan = []

    def hentikan_di_tengah(execute, sql, params, many, context):
        # After the SKP row is inserted, before its seven BerAKHLAK rows: the server closes
        # the connection, as a PostgreSQL restart in the middle of the write would.
        if 'INSERT INTO "skp_perilakukerja"' in sql and not dihentikan:
            dihentikan.append(True)
            putuskan(pid_aplikasi())
        return execute(sql, params, many, context)

    with connection.execute_wrapper(hentikan_di_tengah):
        respons = k.post(reverse("skp:buat"), {"tahun": tahun, "pendekatan": "kuantitatif"})
    assert dihentikan
    halaman_503(respons)
    # The SKP row inserted before the cut was rolled back with it.
    assert not Skp.objects.filter(pegawai=pemeran.pegawai).exists()
    assert not PerilakuKerja.objects.exists()
    # The next request works, on a new connection, and the form sent again is saved whole.
    respons = k.post(reverse("skp:buat"), {"tahun": tahun, "pendekatan": "kuantitatif"})
    assert respons.status_code == 302
    skp = Skp.objects.get(pegawai=pemeran.pegawai)
    assert skp.perilaku.count() == 7


def minta(k: Client, url: str):
    """A GET as a WSGI server (gunicorn) serves it: Django's request_started and
    request_finished signals check the connection before and after (its test client leaves
    that out, so that tests keep their transaction)."""
    close_old_connections()
    try:
        return k.get(url)
    finally:
        close_old_connections()


@pytest.mark.postgres
@pytest.mark.parametrize("pemeriksaan", [True, False])
def test_koneksi_tetap_diputus_server_permintaan_berikutnya(postgres, pemeran, pemeriksaan):
    k = klien()
    k.force_login(pemeran.pegawai.user)
    url = reverse("skp:daftar")
    with koneksi(CONN_MAX_AGE=600, CONN_HEALTH_CHECKS=pemeriksaan):
        assert minta(k, url).status_code == 200
        pid = pid_aplikasi()
        assert minta(k, url).status_code == 200
        assert pid_aplikasi() == pid  # the connection is kept between requests
        putuskan(pid)
        respons = minta(k, url)
        if pemeriksaan:
            # Checked before reuse: the dead connection is replaced, nobody notices.
            assert respons.status_code == 200
            assert pid_aplikasi() != pid
        else:
            # Without the check the first request after the cut fails (with the 503 page,
            # not a stack trace), and the broken connection is dropped after it.
            halaman_503(respons)
            assert minta(k, url).status_code == 200


@pytest.mark.postgres
def test_server_tidak_terjangkau_lalu_pulih_sendiri(postgres, pemeran):
    k = klien()
    k.force_login(pemeran.pegawai.user)
    with socket.socket() as s:  # a port where nothing listens: PostgreSQL is down
        s.bind(("127.0.0.1", 0))
        port_mati = s.getsockname()[1]
    with koneksi(PORT=port_mati):
        halaman_503(k.get(reverse("skp:daftar")))
        halaman_503(k.get(reverse("login")))
        sehat = k.get(reverse("healthz"))
        assert sehat.status_code == 503 and sehat.json()["database"] == "tidak terhubung"
    # The server is back: no restart of the application is needed.
    assert k.get(reverse("healthz")).status_code == 200
    assert k.get(reverse("skp:daftar")).status_code == 200
