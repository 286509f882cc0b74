"""Mail through the job queue (core/surel.py) against a real SMTP server on 127.0.0.1: while the
server is down or refuses, the notification is in the app, the mail waits in the queue and is
tried again with a growing pause, at most SUREL_MAKS_PERCOBAAN times; once the server accepts,
it goes out exactly once."""

import socket
from datetime import timedelta

import pytest
from aiosmtpd.controller import Controller
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from core import surel
from core.models import StatusSurel, Surel
from skp.models import Notifikasi
from skp.services.notifikasi import kabari_tautan

pytestmark = pytest.mark.django_db(transaction=True)  # the worker commits and reconnects


class ServerSmtp:
    """Refuses every message with a temporary error until `terima` is set, then keeps them."""

    def __init__(self) -> None:
        self.terima = False
        self.diterima: list = []
        self.ditolak = 0

    async def handle_DATA(self, server, session, envelope) -> str:  # noqa: N802 - aiosmtpd's hook
        if not self.terima:
            self.ditolak += 1
            return "451 4.3.0 Server sedang sibuk, coba lagi nanti"
        self.diterima.append(envelope)
        return "250 OK"


@pytest.fixture
def port_smtp(settings) -> int:
    """A free port on 127.0.0.1, with the app's mail pointed at it (nothing listens yet)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 5
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }
    settings.SUREL_JEDA_AWAL_DETIK = 60
    settings.SUREL_JEDA_MAKS_DETIK = 3600
    return port


@pytest.fixture
def server(port_smtp):
    handler = ServerSmtp()
    controller = Controller(handler, hostname="127.0.0.1", port=port_smtp)
    yield controller, handler
    if getattr(controller, "_thread", None) is not None:
        controller.stop()


def pekerja() -> None:
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)


def antrean() -> list[DBTaskResult]:
    return list(DBTaskResult.objects.filter(status=TaskResultStatus.READY))


def waktu_berlalu() -> None:
    """The pause before the next attempt has passed."""
    DBTaskResult.objects.filter(status=TaskResultStatus.READY).update(run_after=timezone.now())


@pytest.fixture
def diajukan(pemeran):
    """A workflow tells the penilai (who has an email address) something, as every SKP and
    penilaian transition does through kabari_tautan, after its commit."""
    pemeran.atasan.user.email = "rina@contoh.go.id"
    pemeran.atasan.user.save(update_fields=["email"])
    with transaction.atomic():
        kabari_tautan(
            penerima=[pemeran.atasan.user], tautan="/skp/1/", judul="SKP menunggu persetujuan",
            isi="Rudi mengajukan SKP.",
        )  # fmt: skip
        assert not Notifikasi.objects.exists()  # nothing before the commit


def test_server_mati_lalu_menolak_lalu_menerima_email_terkirim_sekali(server, diajukan, pemeran):
    controller, smtp = server
    # The request only recorded it: the notification is there, the mail waits, untried.
    assert Notifikasi.objects.filter(penerima=pemeran.atasan.user).count() == 1
    email = Surel.objects.get()
    assert (email.kepada, email.status, email.percobaan) == (
        "rina@contoh.go.id", StatusSurel.MENUNGGU, 0,
    )  # fmt: skip
    assert len(antrean()) == 1

    # 1. Nothing listens on the port: refused, tried again in a minute.
    sebelum = timezone.now()
    pekerja()
    email.refresh_from_db()
    assert (email.status, email.percobaan) == (StatusSurel.MENUNGGU, 1)
    assert "ConnectionRefusedError" in email.galat
    (berikut,) = antrean()
    assert berikut.run_after >= sebelum + timedelta(seconds=59)
    pekerja()  # not due yet: nothing happens
    email.refresh_from_db()
    assert email.percobaan == 1

    # 2. The server is up but refuses (451): tried again after twice the pause.
    controller.start()
    waktu_berlalu()
    sebelum = timezone.now()
    pekerja()
    email.refresh_from_db()
    assert (email.status, email.percobaan, smtp.ditolak) == (StatusSurel.MENUNGGU, 2, 1)
    assert "451" in email.galat
    (berikut,) = antrean()
    assert berikut.run_after >= sebelum + timedelta(seconds=119)

    # 3. The server accepts: sent, once.
    smtp.terima = True
    waktu_berlalu()
    pekerja()
    email.refresh_from_db()
    assert (email.status, email.percobaan, email.galat) == (StatusSurel.TERKIRIM, 3, "")
    assert email.terkirim is not None and not antrean()
    assert len(smtp.diterima) == 1
    pesan = smtp.diterima[0]
    assert pesan.rcpt_tos == ["rina@contoh.go.id"]
    assert b"Subject: [SKP]" in pesan.original_content

    # A second copy of the job (run again after its worker died) sends nothing more.
    surel.kirim_surel.enqueue(email.pk)
    pekerja()
    assert len(smtp.diterima) == 1
    email.refresh_from_db()
    assert email.status == StatusSurel.TERKIRIM


def test_percobaan_terbatas_lalu_gagal_dengan_alasan(port_smtp, diajukan, settings):
    settings.SUREL_MAKS_PERCOBAAN = 3
    for _ in range(3):
        waktu_berlalu()
        pekerja()
    email = Surel.objects.get()
    assert (email.status, email.percobaan) == (StatusSurel.GAGAL, 3)
    assert "ConnectionRefusedError" in email.galat
    assert not antrean()  # no further attempt


def test_jeda_berlipat_dan_dibatasi(settings):
    settings.SUREL_JEDA_AWAL_DETIK = 60
    settings.SUREL_JEDA_MAKS_DETIK = 3600
    assert [surel.jeda(n).total_seconds() for n in (1, 2, 3, 6, 7, 20)] == [
        60, 120, 240, 1920, 3600, 3600,
    ]  # fmt: skip


def test_tanpa_alamat_atau_email_dimatikan_tidak_diantrekan(settings):
    assert surel.antre(kepada="", subjek="x", isi="y") is None
    settings.EMAIL_BACKEND = surel.MATI  # seed_demo: the demo people have no mailbox
    assert surel.antre(kepada="a@contoh.go.id", subjek="x", isi="y") is None
    assert not Surel.objects.exists() and not antrean()


def test_antrean_email_terlihat_hanya_oleh_superuser(client, superuser, pemeran):
    Surel.objects.create(kepada="rina@contoh.go.id", subjek="[SKP] Uji", isi="x",
                         galat="ConnectionRefusedError")  # fmt: skip
    client.force_login(superuser)
    html = client.get("/admin/core/surel/").content.decode()
    assert "rina@contoh.go.id" in html and "Menunggu" in html
    pemeran.admin.user.is_staff = True
    pemeran.admin.user.save(update_fields=["is_staff"])
    client.force_login(pemeran.admin.user)
    assert client.get("/admin/core/surel/").status_code == 403
