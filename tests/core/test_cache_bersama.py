"""The production speed settings (issue "Deadline day"): a kept database connection, and with
CACHE_URL a cache and sessions shared by every worker. A session ended in one worker must be
ended in all of them, and one person's session never answers for another."""

import socket
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

AKAR = Path(__file__).resolve().parents[2]
REDIS = "redis://127.0.0.1:6379/9"


def _redis_jalan() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
        return True
    except OSError:
        return False


def _pengaturan(**env: str) -> list[str]:
    kode = (
        "from django.conf import settings as s; "
        "print(s.CACHES['default']['BACKEND']); print(s.SESSION_ENGINE); "
        "print(s.DATABASES['default']['CONN_MAX_AGE']); print(s.CACHES['bersama']['BACKEND'])"
    )
    lingkungan = {"PATH": "/usr/bin:/bin", "DJANGO_SECRET_KEY": "uji-" + "k" * 50, **env}
    hasil = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", kode],
        cwd=AKAR,
        env=lingkungan,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert hasil.returncode == 0, hasil.stderr
    return hasil.stdout.strip().splitlines()[-4:]


def test_tanpa_cache_url_sesi_di_basis_data_dan_cache_per_proses():
    assert _pengaturan(DJANGO_DEBUG="true") == [
        "django.core.cache.backends.locmem.LocMemCache",
        "django.contrib.sessions.backends.db",
        "0",
        # The answers kept between requests (core/versi.py) never in a cache of each process:
        # several gunicorn workers must see one version.
        "django.core.cache.backends.db.DatabaseCache",
    ]


def test_produksi_menyimpan_koneksi_dan_cache_url_dipakai_bersama():
    assert _pengaturan(DJANGO_DEBUG="false", CACHE_URL=REDIS) == [
        "core.cache_redis.RedisCache",  # Django's, one client per pool
        "django.contrib.sessions.backends.cached_db",
        "60",
        "core.cache_redis.RedisCache",
    ]
    assert _pengaturan(DJANGO_DEBUG="false", CONN_MAX_AGE="0")[2] == "0"


@pytest.fixture
def redis_bersama(settings):
    if not _redis_jalan():
        pytest.skip("Redis tidak berjalan di 127.0.0.1:6379")
    settings.CACHES = {
        **settings.CACHES,
        "default": {"BACKEND": "core.cache_redis.RedisCache", "LOCATION": REDIS},
    }
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


def test_sesi_yang_keluar_berakhir_di_semua_pekerja(client, pemeran, redis_bersama):
    from django.test import Client

    client.force_login(pemeran.pegawai.user)
    # A second worker: another client with the same cookie reads the same shared session.
    lain = Client()
    lain.cookies = client.cookies
    assert lain.get(reverse("beranda")).status_code == 200
    assert pemeran.pegawai.nama in lain.get(reverse("beranda")).content.decode()
    client.post(reverse("logout"))
    respons = lain.get(reverse("skp:daftar"))
    assert respons.status_code == 302 and reverse("login") in respons["Location"]


def test_sesi_satu_orang_tidak_menjawab_untuk_orang_lain(client, pemeran, redis_bersama):
    from django.test import Client

    client.force_login(pemeran.pegawai.user)
    atasan = Client()
    atasan.force_login(pemeran.atasan.user)
    assert pemeran.pegawai.nama in client.get(reverse("beranda")).content.decode()
    isi_atasan = atasan.get(reverse("beranda")).content.decode()
    assert pemeran.atasan.nama in isi_atasan
    assert "Bawahan yang Anda nilai (1)" in isi_atasan
    assert "Bawahan yang Anda nilai" not in client.get(reverse("beranda")).content.decode()


@pytest.mark.postgres
def test_postgresql_tanpa_jit(db):
    """JIT compiling cost 490 ms of a 530 ms count over 20,000 pegawai (Monitoring Pengisian);
    the app's connections turn it off."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("hanya PostgreSQL")
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"


def test_satu_klien_redis_per_pool_dan_cache_bekerja(redis_bersama):
    """Every operation through one client (Django makes one per operation), and the cache
    does what Django's does: set, get, add, many, incr, delete, expiry of a version key."""
    from django.core.cache import cache

    klien = cache._cache.get_client()
    assert cache._cache.get_client(write=True) is klien
    cache.set("a", {"x": 1}, timeout=60)
    assert cache.get("a") == {"x": 1}
    assert not cache.add("a", 2) and cache.add("b", 2)
    cache.set_many({"c": 3, "d": (None,)}, timeout=None)
    assert cache.get_many(["b", "c", "d", "e"]) == {"b": 2, "c": 3, "d": (None,)}
    assert cache.incr("c") == 4
    cache.delete_many(["a", "b"])
    assert cache.get("a") is None and cache.get("b", "tidak") == "tidak"
    assert cache._cache.get_client() is klien


def test_jawaban_tersimpan_di_basis_data_tidak_dipangkas_pada_300(settings):
    """Without redis the kept answers live in a database table: Django's default of 300 entries
    would cull them (and the versions) as soon as a few dozen people use the application."""
    from django.core.cache import caches

    if not settings.CACHES["bersama"]["BACKEND"].endswith("DatabaseCache"):
        pytest.skip("CACHE_URL: the kept answers are in redis")
    assert caches["bersama"]._max_entries == 20000
