"""Notifications: in-app and email on submit, return, approve and revision, only after the
commit; a failing mail server never loses the transition."""

import pytest
from django.core import mail

from skp import services
from skp.models import Notifikasi, RiwayatStatus, StatusSkp


@pytest.fixture
def dengan_email(pemeran):
    for p in (pemeran.pegawai, pemeran.atasan):
        p.user.email = f"{p.nip}@contoh.go.id"
        p.user.save(update_fields=["email"])


def test_ajukan_mengabari_penilai_setelah_commit(
    pemeran, skp_pegawai, dengan_email, django_capture_on_commit_callbacks, settings
):
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
    pemeran, skp_pegawai, dengan_email, django_capture_on_commit_callbacks
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
    pemeran, skp_pegawai, dengan_email, django_capture_on_commit_callbacks, settings, caplog
):
    settings.EMAIL_BACKEND = "tests.skp.test_notifikasi.BackendRusak"
    with django_capture_on_commit_callbacks(execute=True):
        services.ajukan(user=pemeran.pegawai.user, skp=skp_pegawai)
    skp_pegawai.refresh_from_db()
    assert skp_pegawai.status == StatusSkp.DIAJUKAN
    assert RiwayatStatus.objects.filter(skp=skp_pegawai).count() == 1
    assert Notifikasi.objects.filter(penerima=pemeran.atasan.user).count() == 1
    assert "Email notifikasi SKP gagal" in caplog.text


class BackendRusak:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("SMTP mati")
