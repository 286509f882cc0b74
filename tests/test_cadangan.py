"""Backup and restore, as README's Deployment section says to do them: the demo with its signed
documents, bukti dukung files and an export is backed up with deploy/cadangkan.sh (pg_dump and
the files), restored with deploy/pulihkan.sh into a NEW database and a NEW media folder (the old
folder is removed first), and on the restored copy the pages render, people sign in with their
passwords, every signed PDF still verifies, and every evidence file and the export download with
exactly their bytes.

The scripts run pg_dump, pg_restore and psql against the test database: PostgreSQL only, with
the PostgreSQL client installed (.ci/run installs it)."""

import io
import os
import shutil
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import psycopg2
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from core.dokumen import verifikasi_berkas
from organisasi import demo as organisasi_demo
from organisasi.models import Instansi, Pegawai
from penilaian.models import BuktiDukung
from penilaian.periode import periode_tahun
from penilaian.services.alur import pastikan_penilaian
from penilaian.services.bukti import bukti_tambah
from skp.demo import NIP_DIAJUKAN, NIP_DISETUJUI
from skp.ekspor import jalankan_ekspor
from skp.models import DokumenSkp, EksporSkp, Skp, StatusEkspor
from tests import contoh_berkas as contoh
from tests.penilaian.conftest import pada

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

BASE_DIR = Path(__file__).resolve().parent.parent
WAJIB_DI_CI = os.environ.get("CI") == "true" or os.environ.get("REQUIRE_BROWSER") == "1"
SANDI = "demo-uji-cadangan"
NIP_RINA = "198709082011012003"


@pytest.fixture(autouse=True)
def _syarat():
    if connection.vendor != "postgresql":
        pytest.skip(
            "Cadangan memakai pg_dump/pg_restore: jalankan dengan DATABASE_URL=postgres://..."
        )
    kurang = [p for p in ("pg_dump", "pg_restore", "psql") if shutil.which(p) is None]
    if kurang:
        pesan = f"{', '.join(kurang)} tidak ada (apt-get install -y postgresql-client)"
        if WAJIB_DI_CI:
            pytest.fail(f"{pesan}; di CI uji cadangan wajib dijalankan.")
        pytest.skip(pesan)


def _url(nama_db: str) -> str:
    d = connection.settings_dict
    sandi = f":{d['PASSWORD']}" if d.get("PASSWORD") else ""
    return f"postgres://{d['USER']}{sandi}@{d['HOST'] or '127.0.0.1'}:{d['PORT'] or 5432}/{nama_db}"


def _admin_pg(sql: str) -> None:
    d = connection.settings_dict
    k = psycopg2.connect(
        dbname="postgres", user=d["USER"], password=d.get("PASSWORD") or None,
        host=d["HOST"] or "127.0.0.1", port=d["PORT"] or 5432,
    )  # fmt: skip
    try:
        k.autocommit = True
        with k.cursor() as c:
            c.execute(sql)
    finally:
        k.close()


def _skrip(nama: str, folder: Path, *, database_url: str, media: Path, settings):
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_MEDIA_ROOT": str(media),
        "SKP_SIGN_P12": str(settings.SKP_SIGN_P12),
        "SKP_SIGN_P12_PASSPHRASE": settings.SKP_SIGN_P12_PASSPHRASE,
        "PYTHON": sys.executable,
    }
    hasil = subprocess.run(
        ["bash", f"deploy/{nama}", str(folder)], cwd=BASE_DIR, env=env,
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert hasil.returncode == 0, hasil.stdout + hasil.stderr
    return hasil


@contextmanager
def memakai(nama_db: str, media: Path, settings):
    """This process served by the restored database and media folder, as the new machine."""
    asli = connection.settings_dict["NAME"]
    media_asli = settings.MEDIA_ROOT
    connection.close()
    connection.settings_dict["NAME"] = nama_db
    settings.MEDIA_ROOT = media
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict["NAME"] = asli
        settings.MEDIA_ROOT = media_asli


def _demo_lengkap(settings) -> dict:
    """seed_demo (signed documents issued on approval), bukti dukung files for one approved SKP,
    and an export ZIP. Returns what the restore must give back."""
    call_command("seed_demo", password=SANDI, stdout=io.StringIO())
    instansi = Instansi.objects.get(nama=organisasi_demo.NAMA_INSTANSI)
    maya = Pegawai.objects.get(nip=NIP_DISETUJUI[2])
    skp = Skp.objects.get(pegawai=maya, status="disetujui")
    # The last period: the demo has already rated and closed the earlier ones.
    periode = periode_tahun(instansi, skp.tahun)[-1]
    rhk = skp.rhk.order_by("urutan").first()
    with pada(periode.buka):
        penilaian = pastikan_penilaian(pegawai=maya, periode=periode)
        for nama, isi in (("rekap.pdf", contoh.pdf()), ("foto.png", contoh.png()),
                          ("tabel.xlsx", contoh.xlsx())):  # fmt: skip
            bukti_tambah(user=maya.user, penilaian=penilaian, rhk_id=rhk.pk,
                         berkas=SimpleUploadedFile(nama, isi))  # fmt: skip
    ekspor = EksporSkp.objects.create(instansi=instansi, tahun=skp.tahun)
    assert jalankan_ekspor(ekspor.pk) >= 4
    dokumen = {d.pk: d.berkas.read() for d in DokumenSkp.objects.exclude(sha256="")}
    assert len(dokumen) >= 4, "seed_demo menerbitkan dokumen bertanda tangan"
    bukti = {b.pk: (b.berkas.read(), b.penilaian.pegawai.user.username)
             for b in BuktiDukung.objects.exclude(berkas="")}  # fmt: skip
    assert len(bukti) >= 3  # the demo's own evidence files, and these three
    ekspor.refresh_from_db()
    assert ekspor.status == StatusEkspor.SELESAI
    return {"dokumen": dokumen, "bukti": bukti, "ekspor": (ekspor.pk, ekspor.berkas.read()),
            "skp": Skp.objects.count(), "pegawai": Pegawai.objects.count()}  # fmt: skip


def test_cadangan_dipulihkan_ke_basis_data_dan_folder_baru(settings, tmp_path, client):
    asal = _demo_lengkap(settings)
    cadangan = tmp_path / "cadangan"
    _skrip("cadangkan.sh", cadangan, database_url=_url(connection.settings_dict["NAME"]),
           media=settings.MEDIA_ROOT, settings=settings)  # fmt: skip
    assert sorted(p.name for p in cadangan.iterdir()) == [
        "SHA256SUMS", "basisdata.dump", "berkas.tar",
    ]  # fmt: skip

    # A fresh machine: an empty database, an empty media folder; the old one is gone.
    db_baru = f"{connection.settings_dict['NAME']}_pulih"
    media_baru = tmp_path / "media-baru"
    _admin_pg(f'DROP DATABASE IF EXISTS "{db_baru}"')
    _admin_pg(f'CREATE DATABASE "{db_baru}"')
    shutil.rmtree(settings.MEDIA_ROOT)
    try:
        hasil = _skrip("pulihkan.sh", cadangan, database_url=_url(db_baru), media=media_baru,
                       settings=settings)  # fmt: skip
        assert "Semua berkas cocok" in hasil.stdout
        # Restoring again over the restored database is refused: never over live data.
        ulang = subprocess.run(
            ["bash", "deploy/pulihkan.sh", str(cadangan)], cwd=BASE_DIR,
            env={**os.environ, "DATABASE_URL": _url(db_baru), "PYTHON": sys.executable,
                 "DJANGO_MEDIA_ROOT": str(media_baru)},
            capture_output=True, text=True, timeout=120,
        )  # fmt: skip
        assert ulang.returncode == 1 and "pemulihan dibatalkan" in ulang.stderr

        with memakai(db_baru, media_baru, settings):
            _periksa_pemulihan(client, asal)
    finally:
        _admin_pg(f'DROP DATABASE IF EXISTS "{db_baru}" WITH (FORCE)')


def _masuk(client, nip: str) -> None:
    client.logout()
    r = client.post(reverse("login"), {"username": nip, "password": SANDI})
    assert r.status_code == 302, "kata sandi demo ikut dipulihkan"


def _periksa_pemulihan(client, asal: dict) -> None:
    assert Skp.objects.count() == asal["skp"] and Pegawai.objects.count() == asal["pegawai"]
    call_command("periksa_berkas", stdout=io.StringIO())  # exit status 1 on any mismatch

    # Pages render, for each role.
    _masuk(client, NIP_RINA)
    for url in (reverse("beranda"), reverse("skp:daftar"), reverse("skp:kotak_masuk"),
                reverse("skp:bawahan"), reverse("penilaian:saya")):  # fmt: skip
        assert client.get(url).status_code == 200, url
    diajukan = Skp.objects.get(pegawai__nip=NIP_DIAJUKAN)
    assert client.get(reverse("skp:detail", args=[diajukan.pk])).status_code == 200

    # Every signed PDF: downloaded by its owner, the very bytes issued, still valid.
    for dokumen in DokumenSkp.objects.exclude(sha256="").select_related("skp__pegawai__user"):
        _masuk(client, dokumen.skp.pegawai.user.username)
        r = client.get(reverse("skp:unduh_pdf", args=[dokumen.skp_id]))
        assert r.status_code == 200
        assert r.content == asal["dokumen"][dokumen.pk]
        assert verifikasi_berkas(r.content).sah
        assert client.get(reverse("verifikasi_dokumen", args=[dokumen.token])).status_code == 200
    assert DokumenSkp.objects.exclude(sha256="").count() == len(asal["dokumen"])
    # The command line check too, on a restored file.
    dokumen = DokumenSkp.objects.exclude(sha256="").first()
    keluaran = io.StringIO()
    call_command("verifikasi_pdf", dokumen.berkas.path, stdout=keluaran)
    assert "SAH" in keluaran.getvalue()

    # Every evidence file downloads, byte for byte; the evaluation page shows them.
    for pk, (isi, pemilik) in asal["bukti"].items():
        _masuk(client, pemilik)
        r = client.get(reverse("penilaian:bukti_unduh", args=[pk]))
        assert r.status_code == 200
        assert b"".join(r.streaming_content if r.streaming else [r.content]) == isi
    pk_bukti, (_, pemilik) = next(iter(asal["bukti"].items()))
    _masuk(client, pemilik)  # the realisasi page is its owner's
    penilaian = BuktiDukung.objects.get(pk=pk_bukti).penilaian_id
    assert client.get(reverse("penilaian:realisasi", args=[penilaian])).status_code == 200

    # The export: listed on the admin's page, its ZIP downloads.
    _masuk(client, organisasi_demo.NIP_ADMIN)
    assert client.get(reverse("skp:ekspor")).status_code == 200
    pk, isi = asal["ekspor"]
    r = client.get(reverse("skp:ekspor_unduh", args=[pk]))
    assert r.status_code == 200 and b"".join(r.streaming_content) == isi
