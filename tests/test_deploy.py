"""Deployment: the compose file is valid, production settings pass Django's deploy checks, the
app refuses to start without a secret key, and /healthz tells the truth about the database."""

import os
import secrets
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import OperationalError
from django.urls import reverse

from core import views

BASE_DIR = Path(__file__).resolve().parent.parent
WAJIB_DI_CI = os.environ.get("CI") == "true" or os.environ.get("REQUIRE_BROWSER") == "1"


# Set by this process (tests/conftest.py sets DJANGO_ALLOW_ASYNC_UNSAFE for Playwright) or by
# a developer's shell; a subprocess gets only what its test sets.
TIDAK_DITERUSKAN = {
    "DJANGO_DEBUG",
    "DJANGO_SECRET_KEY",
    "DJANGO_SECURE",
    "DJANGO_HSTS_SECONDS",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
}


def _env(**ubah: str | None) -> dict[str, str]:
    """A copy of this process's environment with `ubah` applied; None removes a variable."""
    env = {k: v for k, v in os.environ.items() if k not in TIDAK_DITERUSKAN}
    for nama, nilai in ubah.items():
        if nilai is None:
            env.pop(nama, None)
        else:
            env[nama] = nilai
    return env


def _manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _docker_compose() -> str:
    program = shutil.which("docker-compose")
    if program is None:
        pesan = "docker-compose tidak terpasang (apt-get install -y docker-compose)"
        if WAJIB_DI_CI:
            pytest.fail(f"{pesan}; di CI pemeriksaan docker-compose.yml wajib dijalankan.")
        pytest.skip(f"{pesan}: pemeriksaan docker-compose.yml dilewati.")
    return program


def _kunci_acak() -> str:
    return secrets.token_urlsafe(50)  # about 67 characters, as check --deploy asks (>= 50)


def _compose_config(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [_docker_compose(), "-f", "docker-compose.yml", "config", "-q"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_docker_compose_yml_sah():
    hasil = _compose_config(_env(DJANGO_SECRET_KEY=_kunci_acak()))
    assert hasil.returncode == 0, hasil.stderr


def test_docker_compose_menolak_jalan_tanpa_secret_key():
    # An empty value shadows one a local .env might hold; compose's ":?" refuses both.
    hasil = _compose_config(_env(DJANGO_SECRET_KEY=""))
    assert hasil.returncode != 0
    assert "DJANGO_SECRET_KEY" in hasil.stderr


def test_pengaturan_produksi_lolos_check_deploy():
    hasil = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env=_env(
            DJANGO_DEBUG="false",
            DJANGO_SECRET_KEY=_kunci_acak(),
            DJANGO_ALLOWED_HOSTS="skp.example.go.id",
            # Production is behind TLS; set explicitly because a developer's .env may say false.
            DJANGO_SECURE="true",
        ),
    )
    keluaran = hasil.stdout + hasil.stderr
    assert hasil.returncode == 0, keluaran
    assert "System check identified no issues" in hasil.stdout, keluaran
    assert "WARNINGS" not in keluaran


def _env_lokal_punya_secret_key() -> bool:
    berkas = BASE_DIR / ".env"
    if not berkas.exists():
        return False
    for baris in berkas.read_text(encoding="utf-8").splitlines():
        nama, _, nilai = baris.partition("=")
        if nama.strip() == "DJANGO_SECRET_KEY" and nilai.strip().strip("'\""):
            return True
    return False


@pytest.mark.parametrize("secret_key", [None, ""], ids=["tidak-ada", "kosong"])
def test_tanpa_secret_key_aplikasi_menolak_jalan_bila_debug_mati(secret_key):
    if secret_key is None and _env_lokal_punya_secret_key():
        pytest.skip(".env lokal mengisi DJANGO_SECRET_KEY; kasus 'kosong' tetap diuji.")
    hasil = _manage("check", env=_env(DJANGO_DEBUG="false", DJANGO_SECRET_KEY=secret_key))
    assert hasil.returncode != 0
    assert "DJANGO_SECRET_KEY" in hasil.stderr


def test_healthz_200_bila_basis_data_menjawab(client, db):
    response = client.get(reverse("healthz"))

    assert response.status_code == 200
    assert response.json()["status"] == "ok"
    assert "no-cache" in response["Cache-Control"]  # a cached "ok" would hide an outage


class _KoneksiPutus:
    """Stands in for django.db.connection when the database server is gone."""

    def cursor(self):
        raise OperationalError("could not connect to server: Connection refused")


def test_healthz_503_bila_basis_data_gagal(client, db, monkeypatch):
    monkeypatch.setattr(views, "connection", _KoneksiPutus())

    response = client.get(reverse("healthz"))

    assert response.status_code == 503
    assert response.json()["status"] != "ok"
