"""Answers kept between requests (core/versi.py): kept until the data they come from changes,
in a store every process shares. The inbox that uses them: tests/skp/test_kotak_masuk_tersimpan.py."""

import subprocess
import sys
from pathlib import Path

import pytest

from core import versi
from organisasi.impor import Rencana, terapkan

AKAR = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.django_db


def test_jawaban_disimpan_sampai_datanya_berubah():
    hitungan = []

    def hitung():
        hitungan.append(1)
        return len(hitungan)

    assert versi.ingat(("uji", 1), ["skp"], hitung) == 1
    assert versi.ingat(("uji", 1), ["skp"], hitung) == 1  # kept
    assert versi.ingat(("uji", 2), ["skp"], hitung) == 2  # another question
    versi.naikkan("organisasi")
    assert versi.ingat(("uji", 1), ["skp"], hitung) == 1  # other data changed: still valid
    versi.naikkan("skp")
    assert versi.ingat(("uji", 1), ["skp"], hitung) == 3  # its data changed: worked out again


def test_jawaban_none_pun_disimpan():
    hitungan = []
    for _ in range(3):
        assert versi.ingat(("kosong",), ["skp"], lambda: hitungan.append(1)) is None
    assert len(hitungan) == 1


def test_versi_dinaikkan_lagi_saat_commit(django_capture_on_commit_callbacks):
    """Once at once, and once more when the transaction commits: a request that ran between
    the two may have stored the old rows under the first new version."""
    awal = versi.versi("skp")
    with django_capture_on_commit_callbacks(execute=True):
        versi.naikkan("skp")
        sebelum_commit = versi.versi("skp")
        assert sebelum_commit != awal
    assert versi.versi("skp") not in (awal, sebelum_commit)


def test_tanpa_cache_url_jawaban_di_basis_data_yang_dipakai_semua_proses():
    """Several gunicorn workers must see one version: never a cache of each process."""
    kode = "from django.conf import settings as s; print(s.CACHES['bersama']['BACKEND'])"
    for env, backend in [
        ({}, "django.core.cache.backends.db.DatabaseCache"),
        ({"CACHE_URL": "redis://127.0.0.1:6379/9"}, "django.core.cache.backends.redis.RedisCache"),
    ]:
        hasil = subprocess.run(
            [sys.executable, "manage.py", "shell", "-c", kode],
            cwd=AKAR,
            env={"PATH": "/usr/bin:/bin", "DJANGO_SECRET_KEY": "uji-" + "k" * 50, **env},
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert hasil.returncode == 0, hasil.stderr
        assert hasil.stdout.strip().splitlines()[-1] == backend


def test_impor_pegawai_massal_menaikkan_versi_organisasi(pemeran, monkeypatch):
    """The import writes in bulk, which sends no signal: it bumps the version itself."""
    dinaikkan = []
    monkeypatch.setattr("organisasi.impor.naikkan", lambda *n: dinaikkan.append(n))
    terapkan(pemeran.instansi, Rencana())
    assert dinaikkan == [("organisasi",)]
