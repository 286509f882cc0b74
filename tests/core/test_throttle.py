"""Throttling of sign-in (per NIP and address, and per address across NIPs), of password-reset
requests, and the client address behind a configured number of trusted proxies."""

from datetime import timedelta

import pytest
import time_machine
from axes.models import AccessAttempt
from django.core import mail
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from core.throttle import client_ip, durasi_teks, hitung, kembalikan
from tests.conftest import KATA_SANDI
from tests.factories import UserFactory, nip_sah

# Reset mails go through the job queue (core/surel.py); here it runs at once.
pytestmark = pytest.mark.usefixtures("pekerja_langsung")

ALAMAT = "198.51.100.10"
ALAMAT_LAIN = "198.51.100.11"
PROXY = "10.0.0.1"


@pytest.fixture(autouse=True)
def _tanpa_proxy(settings):
    # The documented default, whatever a developer's environment says.
    settings.TRUSTED_PROXIES = 0


def _akun(jumlah: int) -> list[str]:
    return [UserFactory(username=nip_sah(9000 + i)).username for i in range(jumlah)]


def _masuk(client, nip: str, kata_sandi: str = "salah", **meta):
    meta.setdefault("REMOTE_ADDR", ALAMAT)
    return client.post(reverse("login"), {"username": nip, "password": kata_sandi}, **meta)


# --- sign-in ---------------------------------------------------------------------------------


def test_penyemprotan_kata_sandi_enam_nip_dari_satu_alamat_dikunci(client, db):
    """The review's attack: 4 guesses at each of 6 NIPs (24), under the per-NIP limit of 5."""
    *sasaran, nip_lain = _akun(7)

    status = [_masuk(client, nip).status_code for nip in sasaran for _ in range(4)]

    # The 20th failure from the address locks it; every later attempt is refused unchecked.
    assert status[:19] == [200] * 19
    assert status[19:] == [429] * 5
    # Even the right password of a NIP never tried is refused from that address ...
    respons = _masuk(client, nip_lain, KATA_SANDI)
    assert respons.status_code == 429
    isi = respons.content.decode()
    assert "Terlalu banyak percobaan masuk yang gagal" in isi
    assert "Coba lagi setelah 15 menit" in isi
    assert "_auth_user_id" not in client.session
    # ... but not from another address,
    assert _masuk(client, nip_lain, KATA_SANDI, REMOTE_ADDR=ALAMAT_LAIN).status_code == 302
    client.logout()
    # and the address may sign in again once the cool-off time has passed.
    with time_machine.travel(timezone.now() + timedelta(minutes=16)):
        assert _masuk(client, nip_lain, KATA_SANDI).status_code == 302


def test_kegagalan_di_bawah_batas_alamat_tidak_mengunci_kantor(client, db):
    # One office behind a NAT address: 19 typos spread over its people lock nobody out.
    *rekan, nip_lain = _akun(6)
    urutan = [nip for _ in range(4) for nip in rekan][:19]  # at most 4 for each NIP
    assert [_masuk(client, nip).status_code for nip in urutan] == [200] * 19
    assert _masuk(client, nip_lain, KATA_SANDI).status_code == 302


def test_batas_per_alamat_dapat_diatur(client, db, settings):
    settings.LOGIN_GAGAL_MAKS_PER_ALAMAT = 3
    a, b, c, d = _akun(4)
    assert [_masuk(client, nip).status_code for nip in (a, b, c)] == [200, 200, 429]
    assert _masuk(client, d, KATA_SANDI).status_code == 429


def test_x_forwarded_for_diabaikan_tanpa_proxy_terpercaya(client, db):
    (nip,) = _akun(1)
    # Without a configured proxy the header is the client's own words: a new "address" on
    # every attempt must not escape the per-NIP limit.
    status = [
        _masuk(client, nip, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=f"203.0.113.{i}").status_code
        for i in range(5)
    ]
    assert status == [200] * 4 + [429]
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {PROXY}


def test_dengan_satu_proxy_terpercaya_alamat_klien_yang_dipakai(client, db, settings):
    settings.TRUSTED_PROXIES = 1
    (nip,) = _akun(1)
    # The client puts a made-up address first; the proxy appends the one it really saw.
    status = [
        _masuk(
            client, nip, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=f"192.0.2.{i}, 203.0.113.7"
        ).status_code
        for i in range(5)
    ]
    assert status == [200] * 4 + [429]
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.7"}
    # Another person behind the same proxy is not locked out by it.
    respons = _masuk(client, nip, KATA_SANDI, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.8")
    assert respons.status_code == 302


@pytest.mark.parametrize(
    ("proxy", "remote", "xff", "harapan"),
    [
        (0, "10.0.0.1", "203.0.113.7", "10.0.0.1"),
        (1, "10.0.0.1", "203.0.113.7", "203.0.113.7"),
        (1, "10.0.0.1", "192.0.2.1,203.0.113.7", "203.0.113.7"),
        (2, "10.0.0.2", "192.0.2.1, 203.0.113.7, 10.0.0.1", "203.0.113.7"),
        (1, "10.0.0.1", "2001:db8::7", "2001:db8::7"),
        # Fewer entries than proxies (not through all of them) or none: the peer is the client.
        (2, "10.0.0.2", "203.0.113.7", "10.0.0.2"),
        (1, "10.0.0.1", None, "10.0.0.1"),
        # A trusted entry that is not an address: a broken proxy, never taken as the client.
        (1, "10.0.0.1", "192.0.2.1, bukan-alamat", "10.0.0.1"),
    ],
)
def test_client_ip(settings, proxy, remote, xff, harapan):
    settings.TRUSTED_PROXIES = proxy
    meta = {"REMOTE_ADDR": remote}
    if xff is not None:
        meta["HTTP_X_FORWARDED_FOR"] = xff
    assert client_ip(RequestFactory().get("/", **meta)) == harapan


# --- password reset --------------------------------------------------------------------------


def _reset(client, identitas: str, alamat: str = ALAMAT, **meta):
    return client.post(reverse("password_reset"), {"email": identitas}, REMOTE_ADDR=alamat, **meta)


def _akun_dengan_email(jumlah: int) -> list[str]:
    return [
        UserFactory(username=nip_sah(9100 + i), email=f"pegawai{i}@contoh.go.id").username
        for i in range(jumlah)
    ]


PESAN_RESET = "Terlalu banyak permintaan atur ulang kata sandi"


def test_reset_dibatasi_per_nip(client, db):
    nip, nip_lain = _akun_dengan_email(2)
    nip_berspasi = f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}"

    status = [_reset(client, n).status_code for n in [nip] * 3 + [nip_berspasi] * 2]
    assert status == [302] * 5 and len(mail.outbox) == 5

    # The 6th within the hour, typed either way, from anywhere: refused, no mail.
    for n, alamat in [(nip, ALAMAT), (nip_berspasi, ALAMAT_LAIN)]:
        respons = _reset(client, n, alamat)
        assert respons.status_code == 429
        assert f"{PESAN_RESET} untuk NIP/email ini" in respons.content.decode()
        assert "Coba lagi dalam 1 jam." in respons.content.decode()
    assert len(mail.outbox) == 5
    # Another NIP from the same address is not affected.
    assert _reset(client, nip_lain).status_code == 302 and len(mail.outbox) == 6
    # The window ends an hour after its first request.
    with time_machine.travel(timezone.now() + timedelta(minutes=61)):
        assert _reset(client, nip).status_code == 302
    assert len(mail.outbox) == 7


def test_reset_nip_tanpa_akun_dibatasi_dengan_pesan_yang_sama(client, db):
    (nip,) = _akun_dengan_email(1)
    tanpa_akun = nip_sah(9999)
    pesan = {}
    for n in (nip, tanpa_akun):
        for _ in range(5):
            assert _reset(client, n).status_code == 302
        respons = _reset(client, n)
        assert respons.status_code == 429
        isi = respons.content.decode()
        pesan[n] = isi[isi.index(PESAN_RESET) :].split("<", 1)[0]
    # Nothing tells whether the NIP has an account.
    assert pesan[nip] == pesan[tanpa_akun]
    assert len(mail.outbox) == 5


def test_reset_dibatasi_per_alamat(client, db, settings):
    settings.RESET_SANDI_MAKS_PER_ALAMAT = 3
    settings.RESET_SANDI_MAKS_PER_AKUN = 3
    *nip, korban = _akun_dengan_email(4)
    assert [_reset(client, n).status_code for n in nip] == [302] * 3

    respons = _reset(client, korban)
    assert respons.status_code == 429
    assert "Coba lagi dalam 1 jam." in respons.content.decode()
    assert len(mail.outbox) == 3
    # The refused request did not count against that NIP: its owner, elsewhere, gets the mail.
    for _ in range(3):
        assert _reset(client, korban, ALAMAT_LAIN).status_code == 302
    assert len(mail.outbox) == 6


def test_reset_per_alamat_memakai_alamat_klien_di_balik_proxy(client, db, settings):
    settings.TRUSTED_PROXIES = 1
    settings.RESET_SANDI_MAKS_PER_ALAMAT = 2
    a, b, c = _akun_dengan_email(3)
    lewat_proxy = {"alamat": PROXY, "HTTP_X_FORWARDED_FOR": "203.0.113.7"}
    assert [_reset(client, n, **lewat_proxy).status_code for n in (a, b, c)] == [302, 302, 429]
    # Another person behind the same proxy has a count of their own.
    assert _reset(client, c, PROXY, HTTP_X_FORWARDED_FOR="203.0.113.8").status_code == 302


@pytest.mark.parametrize(
    ("durasi", "teks"),
    [
        (timedelta(minutes=15), "15 menit"),
        (timedelta(seconds=1), "1 menit"),
        (timedelta(minutes=14, seconds=1), "15 menit"),
        (timedelta(minutes=60), "1 jam"),
        (timedelta(minutes=90), "1 jam 30 menit"),
    ],
)
def test_durasi_teks(durasi, teks):
    assert durasi_teks(durasi) == teks


# --- giving back a counted request (an activation that succeeded) ------------------------------


def test_kembalikan_mengurangi_hitungan_tanpa_di_bawah_nol(db):
    batas = {"uji:a": 2, "uji:b": 5}
    jendela = timedelta(minutes=15)
    assert hitung(batas=batas, jendela=jendela) is None
    assert hitung(batas=batas, jendela=jendela) is None
    assert hitung(batas=batas, jendela=jendela) is not None  # "uji:a" is full
    kembalikan(list(batas))
    assert hitung(batas=batas, jendela=jendela) is None  # one given back, one more allowed
    kembalikan(["uji:c"])  # a key never counted: nothing to give back, nothing created
    for _ in range(5):
        kembalikan(["uji:a"])
    assert hitung(batas={"uji:a": 2}, jendela=jendela) is None
    assert hitung(batas={"uji:a": 2}, jendela=jendela) is None
    assert hitung(batas={"uji:a": 2}, jendela=jendela) is not None
