"""SKP Saya (the list of one's SKP and the create form) is kept rendered between requests until
an SKP of that person, its content or the organisation changes (core/bagian.py, issue 17)."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from skp import services
from skp import views as skp_views
from tests.skp.test_views import masuk

URL = reverse("skp:daftar")
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture
def dihitung(monkeypatch) -> list[int]:
    catatan: list[int] = []
    asli = skp_views._konteks_daftar

    def hitung(request, form):
        catatan.append(request.user.pk)
        return asli(request, form)

    monkeypatch.setattr(skp_views, "_konteks_daftar", hitung)
    return catatan


def test_daftar_disimpan_lalu_mengikuti_skp_baru_dan_isinya(client, pemeran, tahun, dihitung):
    c = masuk(client, pemeran.pegawai)
    assert "Anda belum memiliki SKP." in c.get(URL).content.decode()
    c.get(URL)
    assert dihitung == [pemeran.pegawai.user.pk]  # kept

    skp = services.skp_buat(user=pemeran.pegawai.user, tahun=tahun)
    html = c.get(URL).content.decode()
    assert f"Buka SKP {tahun}" in html and "Anda belum memiliki SKP." not in html
    services.rhk_tambah(user=pemeran.pegawai.user, skp=skp, jenis="tambahan", uraian="Rekap")
    assert "<td>1</td>" in c.get(URL).content.decode()  # its RHK count
    assert len(dihitung) == 3


def test_daftar_milik_masing_masing(client, pemeran, tahun, dihitung):
    services.skp_buat(user=pemeran.pegawai.user, tahun=tahun)
    for _ in range(2):
        milik = masuk(client, pemeran.pegawai).get(URL).content.decode()
        lain = masuk(client, pemeran.orang_luar).get(URL).content.decode()
    assert f"Buka SKP {tahun}" in milik
    assert f"Buka SKP {tahun}" not in lain and "Anda belum memiliki SKP." in lain
    assert len(dihitung) == 2


def test_buat_dari_halaman_tersimpan_memakai_token_sendiri(pemeran, tahun, dihitung):
    rudi = Client(enforce_csrf_checks=True)
    rudi.force_login(pemeran.pegawai.user)
    rudi.get(URL)
    kedua = rudi.get(URL).content.decode()
    assert len(dihitung) == 1 and "token-csrf" not in kedua
    data = {"tahun": tahun, "pendekatan": "kuantitatif"}
    r = rudi.post(reverse("skp:buat"), data | {"csrfmiddlewaretoken": TOKEN.search(kedua).group(1)})
    assert r.status_code == 302
    assert pemeran.pegawai.skp.filter(tahun=tahun).exists()


def test_penolakan_buat_tampil_segar_dengan_pesannya(client, pemeran, tahun, dihitung):
    """A refused create is not the kept page: it shows what was wrong."""
    c = masuk(client, pemeran.pegawai)
    c.get(URL)
    r = c.post(reverse("skp:buat"), {"tahun": 1990, "pendekatan": "kuantitatif"})
    assert r.status_code == 200 and "is-invalid" in r.content.decode()
