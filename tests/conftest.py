"""Shared fixtures: the standard cast, fast password hashing, and system Chromium for browser tests."""

import os
from dataclasses import dataclass
from pathlib import Path

import pytest

from organisasi.models import AdminInstansi, Instansi, JenisJabatan, Pegawai
from organisasi.services import jadikan_admin_instansi
from tests.factories import (
    InstansiFactory,
    JabatanFactory,
    PegawaiFactory,
    UnitKerjaFactory,
    UserFactory,
)

# Playwright drives the browser from an event loop in the test thread; Django's ORM calls made
# there by fixtures are safe because the live server runs in its own thread.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path("/usr/bin/chromium")
KATA_SANDI = "rahasia-uji-123"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if CHROMIUM.exists():
        return
    if os.environ.get("REQUIRE_BROWSER") == "1":
        raise pytest.UsageError(
            f"REQUIRE_BROWSER=1 tetapi Chromium tidak ada di {CHROMIUM} (apt-get install -y chromium)."
        )
    lewati = pytest.mark.skip(
        reason=f"Chromium tidak ada di {CHROMIUM}: uji peramban dilewati "
        "(apt-get install -y chromium; REQUIRE_BROWSER=1 menjadikannya kegagalan)."
    )
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(lewati)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    return {
        **browser_type_launch_args,
        "executable_path": str(CHROMIUM),
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict) -> dict:
    return {**browser_context_args, "locale": "id-ID", "timezone_id": "Asia/Jakarta"}


@pytest.fixture(scope="session")
def _p12_uji(tmp_path_factory) -> Path:
    from core.tanda_tangan import buat_sertifikat

    path = tmp_path_factory.mktemp("sertifikat") / "uji.p12"
    buat_sertifikat(path, "frasa-uji")
    return path


@pytest.fixture(autouse=True)
def _berkas_uji(settings, _p12_uji, tmp_path) -> None:
    # Signed SKP PDFs (issued on approval, also in the browser tests) go to a tmp media dir and
    # are signed with a certificate made for the session, never the machine's var/dev-cert.p12.
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.SKP_SIGN_P12 = _p12_uji
    settings.SKP_SIGN_P12_PASSPHRASE = "frasa-uji"


@pytest.fixture
def pekerja_langsung(settings) -> None:
    """Background jobs (mail included) run at once, in the test, instead of waiting in the
    database queue for a `db_worker` (the default here as in production)."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def _hash_cepat(settings) -> None:
    # PBKDF2 with a million rounds would dominate the suite's run time.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@dataclass
class Pemeran:
    """The standard cast of an instansi: a chain kepala -> atasan's atasan -> atasan -> pegawai,
    a colleague of the pegawai's atasan's unit with another atasan (outsider), an admin, and a
    second instansi with its own admin and pegawai."""

    instansi: Instansi
    kepala: Pegawai
    atasan_atasan: Pegawai
    atasan: Pegawai
    pegawai: Pegawai
    rekan_atasan: Pegawai
    orang_luar: Pegawai
    admin: Pegawai
    instansi_lain: Instansi
    admin_lain: Pegawai
    pegawai_lain: Pegawai


@pytest.fixture
def pemeran(db) -> Pemeran:
    instansi = InstansiFactory(nama="Pemerintah Kabupaten Contoh")
    opd = UnitKerjaFactory(instansi=instansi, kode="1.02", nama="Dinas Kesehatan")
    bidang = UnitKerjaFactory(instansi=instansi, kode="1.02.01", nama="Bidang P2P", induk=opd)
    seksi = UnitKerjaFactory(
        instansi=instansi, kode="1.02.01.01", nama="Seksi Surveilans", induk=bidang
    )
    seksi_lain = UnitKerjaFactory(
        instansi=instansi, kode="1.02.01.02", nama="Seksi Imunisasi", induk=bidang
    )

    def orang(nama: str, unit, jenis: str, atasan: Pegawai | None, jabatan: str) -> Pegawai:
        j = JabatanFactory(
            unit_kerja=unit, nama=jabatan, jenis=jenis, atasan=atasan.jabatan if atasan else None
        )
        return PegawaiFactory(nama=nama, jabatan=j)

    kepala = orang("Siti Kepala", opd, JenisJabatan.JPT, None, "Kepala Dinas Kesehatan")
    aa = orang("Budi Kabid", bidang, JenisJabatan.ADMINISTRATOR, kepala, "Kepala Bidang P2P")
    atasan = orang("Rina Kasi", seksi, JenisJabatan.PENGAWAS, aa, "Kepala Seksi Surveilans")
    pegawai = orang("Rudi Pelaksana", seksi, JenisJabatan.PELAKSANA, atasan, "Pengelola Data")
    rekan = orang("Eko Kasi", seksi_lain, JenisJabatan.PENGAWAS, aa, "Kepala Seksi Imunisasi")
    luar = orang(
        "Dina Pelaksana", seksi_lain, JenisJabatan.PELAKSANA, rekan, "Pengadministrasi Umum"
    )
    admin = orang("Teguh Admin", opd, JenisJabatan.FUNGSIONAL, kepala, "Analis SDM Aparatur")
    jadikan_admin_instansi(user=admin.user, instansi=instansi)

    lain = InstansiFactory(nama="Pemerintah Kota Lain")
    unit_lain = UnitKerjaFactory(instansi=lain, kode="2.01", nama="Dinas Lain")
    admin_lain = PegawaiFactory(nama="Admin Lain", jabatan=JabatanFactory(unit_kerja=unit_lain))
    jadikan_admin_instansi(user=admin_lain.user, instansi=lain)
    pegawai_lain = PegawaiFactory(nama="Pegawai Lain", jabatan=JabatanFactory(unit_kerja=unit_lain))
    assert AdminInstansi.objects.count() == 2
    return Pemeran(
        instansi, kepala, aa, atasan, pegawai, rekan, luar, admin, lain, admin_lain, pegawai_lain
    )


@pytest.fixture
def superuser(db):
    return UserFactory(username="super", is_staff=True, is_superuser=True)


@pytest.fixture(autouse=True)
def _jawaban_tersimpan_per_uji(request) -> None:
    """Each test that uses the database starts with nothing kept between requests
    (core/versi.py). The store is a cache table the flush after a committing test
    (transactional_db, live_server) does not empty, so rows a committing test left would
    otherwise still be there for the tests after it."""
    penanda = request.node.get_closest_marker("django_db")
    nama = set(request.fixturenames)
    if nama & {"transactional_db", "live_server"} or (
        penanda and penanda.kwargs.get("transaction")
    ):
        request.getfixturevalue("transactional_db")
    elif "db" in nama or penanda:
        request.getfixturevalue("db")
    else:
        return
    from django.core.cache import caches

    caches["bersama"].clear()


@pytest.fixture
def jawaban_selalu_dihitung(monkeypatch) -> None:
    """For the tests that assert a page's query count stays flat as data grows: every request
    works out what core/versi.py would otherwise keep (adding the data bumps the versions, so
    without this one measurement would be of a kept answer and the other of a fresh one). The
    kept answers themselves are tested in tests/core/test_versi.py and
    tests/skp/test_kotak_masuk_tersimpan.py."""
    # (Every user calls it as core.versi.ingat, so that this one patch reaches them all.)
    monkeypatch.setattr("core.versi.ingat", lambda _pertanyaan, _tergantung, hitung: hitung())
