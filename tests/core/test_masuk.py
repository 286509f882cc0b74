"""Sign-in with NIP, throttling of failed logins, password reset for imported accounts."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core import mail
from django.urls import reverse

from tests.conftest import KATA_SANDI

# Reset mails go through the job queue (core/surel.py); here it runs at once.
pytestmark = pytest.mark.usefixtures("pekerja_langsung")


def test_masuk_dengan_nip_berspasi(client, pemeran):
    respons = client.post(
        reverse("login"), {"username": pemeran.pegawai.nip_cetak, "password": KATA_SANDI}
    )
    assert respons.status_code == 302 and respons.url == reverse("beranda")
    beranda = client.get(reverse("beranda")).content.decode()
    assert pemeran.pegawai.nip_cetak in beranda
    assert pemeran.atasan.nama in beranda  # the pejabat penilai is shown


def test_kata_sandi_salah_pesan_indonesia(client, pemeran):
    respons = client.post(reverse("login"), {"username": pemeran.pegawai.nip, "password": "salah"})
    assert respons.status_code == 200
    assert "NIP atau kata sandi salah" in respons.content.decode()


def test_gagal_masuk_berulang_dikunci(client, pemeran, settings):
    settings.AXES_FAILURE_LIMIT = 3
    for _ in range(3):
        client.post(reverse("login"), {"username": pemeran.pegawai.nip, "password": "salah"})
    # Even the right password is refused while locked.
    respons = client.post(
        reverse("login"), {"username": pemeran.pegawai.nip, "password": KATA_SANDI}
    )
    assert respons.status_code == 429
    assert "Terlalu banyak percobaan masuk yang gagal" in respons.content.decode()
    assert "_auth_user_id" not in client.session
    # Another NIP is not locked by someone else's failures.
    lain = client.post(reverse("login"), {"username": pemeran.atasan.nip, "password": KATA_SANDI})
    assert lain.status_code == 302


def test_reset_kata_sandi_untuk_akun_impor_tanpa_kata_sandi(client, pemeran):
    user = pemeran.pegawai.user
    user.password = make_password(None)
    user.email = "rudi@contoh.go.id"
    user.save()

    respons = client.post(reverse("password_reset"), {"email": pemeran.pegawai.nip_cetak})

    assert respons.status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["rudi@contoh.go.id"]
    tautan = next(b for b in mail.outbox[0].body.splitlines() if "/kata-sandi/reset/" in b).strip()
    jalur = tautan.split("testserver", 1)[1]
    halaman = client.get(jalur, follow=True)
    assert "Buat kata sandi baru" in halaman.content.decode()
    client.post(
        halaman.redirect_chain[-1][0],
        {"new_password1": "SandiBaru-2026!", "new_password2": "SandiBaru-2026!"},
    )
    user.refresh_from_db()
    assert user.check_password("SandiBaru-2026!")


def test_reset_nip_tidak_dikenal_tidak_membocorkan(client, db):
    respons = client.post(reverse("password_reset"), {"email": "199901012020121001"})
    assert respons.status_code == 302 and len(mail.outbox) == 0


@pytest.mark.parametrize("nama_url", ["password_change", "beranda"])
def test_halaman_akun_butuh_masuk(client, db, nama_url):
    respons = client.get(reverse(nama_url))
    assert respons.status_code == 302 and respons.url.startswith(reverse("login"))


def test_superuser_masuk_dengan_username_biasa(client, db):
    get_user_model().objects.create_superuser("admin", "a@b.id", KATA_SANDI)
    respons = client.post(reverse("login"), {"username": "admin", "password": KATA_SANDI})
    assert respons.status_code == 302
