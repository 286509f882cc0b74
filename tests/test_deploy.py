"""Deployment: the compose file is valid and refuses to start without its secrets, production
settings (those of .env.example, filled in as it says) pass Django's deploy checks, the proxy's
headers are trusted only when a proxy is configured, the app refuses to start without a secret
key, and /healthz tells the truth about the database."""

import os
import re
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
    "DJANGO_TRUSTED_PROXIES",
    "DJANGO_PROXY_SSL_HEADER",
    "POSTGRES_PASSWORD",
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


def _compose_config(
    env: dict[str, str], *opsi: str, diam: bool = True
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [_docker_compose(), "-f", "docker-compose.yml", *opsi, "config", *(["-q"] if diam else [])],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def _rahasia() -> dict[str, str]:
    return {"DJANGO_SECRET_KEY": _kunci_acak(), "POSTGRES_PASSWORD": _kunci_acak()}


def test_docker_compose_yml_sah():
    hasil = _compose_config(_env(**_rahasia()))
    assert hasil.returncode == 0, hasil.stderr


@pytest.mark.parametrize("rahasia", ["DJANGO_SECRET_KEY", "POSTGRES_PASSWORD"])
def test_docker_compose_menolak_jalan_tanpa_rahasia(rahasia):
    # An empty value shadows one a local .env might hold; compose's ":?" refuses both.
    hasil = _compose_config(_env(**{**_rahasia(), rahasia: ""}))
    assert hasil.returncode != 0
    assert rahasia in hasil.stderr


def test_docker_compose_aman_secara_bawaan(tmp_path):
    # The compose file's own defaults: an empty env file instead of a local .env.
    (tmp_path / ".env").write_text("", encoding="utf-8")
    env = _env(**_rahasia(), DJANGO_TRUSTED_PROXIES=None, SKP_BIND_ADDRESS=None)
    hasil = _compose_config(env, "--env-file", str(tmp_path / ".env"), diam=False)
    assert hasil.returncode == 0, hasil.stderr
    # HTTPS-only for the app and the worker; no known database password; the port reachable
    # only from this host (the proxy), so nobody bypasses the proxy with a forged
    # X-Forwarded-For; and that header not trusted unless configured.
    assert len(re.findall(r"DJANGO_SECURE: ['\"]?true", hasil.stdout)) == 2, hasil.stdout
    assert "DJANGO_SECURE: 'false'" not in hasil.stdout
    assert "postgres://skp:skp@" not in hasil.stdout
    assert "POSTGRES_PASSWORD: skp\n" not in hasil.stdout
    assert re.search(r"127\.0\.0\.1:8000:8000", hasil.stdout), hasil.stdout
    assert re.search(r"DJANGO_TRUSTED_PROXIES: ['\"]?0['\"]?\n", hasil.stdout), hasil.stdout


def _env_example_diisi() -> dict[str, str]:
    """The settings of .env.example, with the two secrets it says to generate generated."""
    nilai = {}
    for baris in (BASE_DIR / ".env.example").read_text(encoding="utf-8").splitlines():
        if baris.strip() and not baris.lstrip().startswith("#"):
            nama, _, isi = baris.partition("=")
            nilai[nama.strip()] = isi.strip()
    kosong = {nama for nama, isi in nilai.items() if not isi}
    assert kosong == {"DJANGO_SECRET_KEY", "POSTGRES_PASSWORD"}, kosong
    return {**nilai, **_rahasia()}


def test_env_example_diisi_lolos_docker_compose(tmp_path):
    berkas = tmp_path / ".env"
    isi = _env_example_diisi()
    berkas.write_text("".join(f"{k}={v}\n" for k, v in isi.items()), encoding="utf-8")
    # Only the file speaks: none of its variables comes from this process's environment.
    env = {k: v for k, v in _env().items() if k not in isi}
    hasil = _compose_config(env, "--env-file", str(berkas), diam=False)
    assert hasil.returncode == 0, hasil.stderr
    assert f"postgres://skp:{isi['POSTGRES_PASSWORD']}@db:5432/skp" in hasil.stdout


def test_env_example_diisi_lolos_check_deploy():
    hasil = _manage(
        "check", "--deploy", "--fail-level", "WARNING", env=_env(**_env_example_diisi())
    )
    keluaran = hasil.stdout + hasil.stderr
    assert hasil.returncode == 0, keluaran
    assert "System check identified no issues" in hasil.stdout, keluaran


@pytest.mark.parametrize(
    ("pengaturan", "dipercaya"),
    [
        ({}, False),
        ({"DJANGO_TRUSTED_PROXIES": "0"}, False),
        ({"DJANGO_TRUSTED_PROXIES": "1"}, True),
        ({"DJANGO_PROXY_SSL_HEADER": "true"}, True),
        ({"DJANGO_TRUSTED_PROXIES": "1", "DJANGO_PROXY_SSL_HEADER": "false"}, False),
    ],
)
def test_x_forwarded_proto_dipercaya_hanya_bila_ada_proxy(pengaturan, dipercaya):
    # Without a proxy that sets it, the header is the client's: trusting it would let plain
    # HTTP pass as HTTPS (no redirect; secure cookies sent over HTTP).
    hasil = _manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.SECURE_PROXY_SSL_HEADER)",
        env=_env(DJANGO_DEBUG="false", DJANGO_SECRET_KEY=_kunci_acak(), **pengaturan),
    )
    assert hasil.returncode == 0, hasil.stderr
    harapan = "('HTTP_X_FORWARDED_PROTO', 'https')" if dipercaya else "None"
    assert hasil.stdout.strip().splitlines()[-1] == harapan


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


def test_docker_compose_memulai_ulang_web_dan_pekerja():
    hasil = _compose_config(_env(**_rahasia()), diam=False)
    assert hasil.returncode == 0, hasil.stderr
    # The services are the two-space-indented keys of the top-level "services:" block.
    layanan = hasil.stdout.split("services:\n", 1)[1].split("\nvolumes:\n", 1)[0]
    blok = {b.split(":", 1)[0]: b for b in re.split(r"^  (?=\w+:$)", layanan, flags=re.M) if b}
    for nama in ("db", "web", "worker"):
        assert "restart: unless-stopped" in blok[nama], blok[nama]
    # Two workers; no fixed worker id (each process its own lease); no autoreload.
    assert "scale: 2" in blok["worker"] and "--worker-id" not in blok["worker"]
    assert "- db_worker\n    - --no-reload" in blok["worker"]
    assert "stop_grace_period" in blok["worker"]


@pytest.mark.parametrize("unit", ["skp-web.service", "skp-worker@.service"])
def test_unit_systemd_dimulai_ulang_dan_memakai_perintah_yang_ada(unit):
    isi = (BASE_DIR / "deploy" / "systemd" / unit).read_text(encoding="utf-8")
    bagian = dict(re.findall(r"^(\w+)=(.*)$", isi, flags=re.MULTILINE))
    assert bagian["Restart"] == "always" and bagian["User"] == "skp"
    assert bagian["EnvironmentFile"] == "/etc/skp/skp.env"
    perintah = bagian["ExecStart"].split()
    assert perintah[0].startswith("/opt/skp/.venv/bin/")
    if unit.startswith("skp-worker"):
        # Each process a random id, hence its own lease; never the code reloader.
        assert perintah[1:] == ["manage.py", "db_worker", "--no-reload"]
        assert "--worker-id" not in isi.split("[Service]")[1].replace("No --worker-id", "")
    else:
        assert perintah[1] == "config.wsgi:application"
