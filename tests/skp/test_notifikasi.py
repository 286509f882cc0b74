"""Notifications: in-app and email on submit, return, approve and revision, only after the
commit; the email goes through the job queue, so a failing mail server never loses the
transition nor the mail (tests/core/test_surel.py: the outage itself)."""

import pytest
from django.core import mail
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from core.models import StatusSurel, Surel
from skp import services
from skp.models import Notifikasi, RiwayatStatus, StatusSkp


@pytest.fixture
def dengan_email(pemeran):
    for p in (pemeran.pegawai, pemeran.atasan):
        p.user.email = f"{p.nip}@contoh.go.id"
        p.user.save(update_fields=["email"])


def test_ajukan_mengabari_penilai_setelah_commit(
    pemeran, skp_pegawai, dengan_email, django_capture_on_commit_callbacks, settings,
    pekerja_langsung,
):  # fmt: skip
    settings.SITE_URL = "https://skp.contoh.go.id"
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.ajukan(user=pemeran.pegawai.user, skp=skp_pegawai)
    # Nothing goes out before the commit.
    assert not Notifikasi.objects.exists() and not mail.outbox
    for cb in callbacks:
        cb()
    n = Notifikasi.objects.get()
    assert n.penerima == pemeran.atasan.user
    assert "menunggu persetujuan Anda" in n.judul
    assert mail.outbox[0].to == [pemeran.atasan.user.email]
    # The link in the mail opens the SKP from a mail client, so it is absolute.
    assert f"Buka: https://skp.contoh.go.id/skp/{skp_pegawai.pk}/" in mail.outbox[0].body


def test_kembalikan_setujui_dan_revisi_mengabari(
    pemeran, skp_pegawai, dengan_email, django_capture_on_commit_callbacks, pekerja_langsung
):
    pegawai, atasan = pemeran.pegawai.user, pemeran.atasan.user
    with django_capture_on_commit_callbacks(execute=True):
        services.ajukan(user=pegawai, skp=skp_pegawai)
    with django_capture_on_commit_callbacks(execute=True):
        services.kembalikan(user=atasan, skp=skp_pegawai, catatan="Perbaiki target.")
    with django_capture_on_commit_callbacks(execute=True):
        services.ajukan(user=pegawai, skp=skp_pegawai)
    with django_capture_on_commit_callbacks(execute=True):
        services.setujui(user=atasan, skp=skp_pegawai)
    with django_capture_on_commit_callbacks(execute=True):
        services.buka_revisi(user=pegawai, skp=skp_pegawai)
    judul = list(Notifikasi.objects.order_by("pk").values_list("penerima", "judul"))
    assert [p for p, _ in judul] == [atasan.pk, pegawai.pk, atasan.pk, pegawai.pk, atasan.pk]
    assert "dikembalikan" in judul[1][1] and "disetujui" in judul[3][1]
    assert "Revisi" in judul[4][1]
    assert len(mail.outbox) == 5
    assert "Perbaiki target." in mail.outbox[1].body


def test_email_gagal_tidak_menghilangkan_transisi(
    pemeran, skp_pegawai, dengan_email, django_capture_on_commit_callbacks, settings
):
    # The queue in the database, as in production: the request only records the mail.
    settings.EMAIL_BACKEND = "tests.skp.test_notifikasi.BackendRusak"
    with django_capture_on_commit_callbacks(execute=True):
        services.ajukan(user=pemeran.pegawai.user, skp=skp_pegawai)
    skp_pegawai.refresh_from_db()
    assert skp_pegawai.status == StatusSkp.DIAJUKAN
    assert RiwayatStatus.objects.filter(skp=skp_pegawai).count() == 1
    assert Notifikasi.objects.filter(penerima=pemeran.atasan.user).count() == 1
    surel = Surel.objects.get()
    assert surel.kepada == pemeran.atasan.user.email and surel.status == StatusSurel.MENUNGGU
    tugas = DBTaskResult.objects.get(task_path="core.surel.kirim_surel")
    assert tugas.status == TaskResultStatus.READY and tugas.args_kwargs["args"] == [surel.pk]
    assert not mail.outbox


def test_antrean_email_tidak_terjangkau_notifikasi_tetap_tercatat(
    pemeran, skp_pegawai, dengan_email, django_capture_on_commit_callbacks, monkeypatch, caplog
):
    class TugasRusak:
        def enqueue(self, *args):
            raise RuntimeError("antrean rusak")

    monkeypatch.setattr("core.surel.kirim_surel", TugasRusak())
    with django_capture_on_commit_callbacks(execute=True):
        services.ajukan(user=pemeran.pegawai.user, skp=skp_pegawai)
    assert Notifikasi.objects.filter(penerima=pemeran.atasan.user).count() == 1
    assert not Surel.objects.exists()  # no mail without its job
    assert "Email notifikasi SKP tidak dapat diantrekan" in caplog.text


class BackendRusak:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("SMTP mati")
