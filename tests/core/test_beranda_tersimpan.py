"""The home page is kept rendered per login and day (core/views.beranda, core/bagian.py). The
first request after any change to what it shows must show the change: the SKP's next step
(submit, return, approve), the person's own data, their atasan, their bawahan, the admin role;
and each person sees only their own page. "Menunggu ... hari" counts calendar days
(core/hari_kerja.hari_sejak), so a page kept for the day never says a wrong number."""

import re
from datetime import datetime, time, timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from core.hari_kerja import hari_sejak
from organisasi.models import AdminInstansi
from organisasi.services import jadikan_admin_instansi
from skp import services
from skp.models import Skp
from tests.factories import JabatanFactory, PegawaiFactory
from tests.skp.conftest import skp_atasan, skp_pegawai, tahun  # noqa: F401

pytestmark = pytest.mark.django_db


def beranda(orang) -> str:
    klien = Client()
    klien.force_login(orang.user)
    respons = klien.get(reverse("beranda"))
    assert respons.status_code == 200
    isi = respons.content.decode()
    return isi[isi.index('<main id="konten"') : isi.index("</main>")]


def langkah(orang) -> str:
    return re.search(r'<div id="langkah-skp".*?</div>\n', beranda(orang), re.S).group(0)


def test_tiap_orang_berandanya_sendiri(pemeran):
    for _ in range(2):  # the second round is served kept
        milik_pegawai, milik_atasan = beranda(pemeran.pegawai), beranda(pemeran.atasan)
        assert "Selamat datang, Rudi Pelaksana" in milik_pegawai
        assert "Bawahan yang Anda nilai" not in milik_pegawai
        assert "Selamat datang, Rina Kasi" in milik_atasan
        assert "Bawahan yang Anda nilai (1)" in milik_atasan


def test_langkah_mengikuti_alur(pemeran, skp_pegawai):  # noqa: F811
    assert "siap diajukan" in langkah(pemeran.pegawai)
    services.ajukan(user=pemeran.pegawai.user, skp=skp_pegawai)
    assert "menunggu keputusan" in langkah(pemeran.pegawai)
    assert "Tinjau 1 SKP di Kotak Masuk" in beranda(pemeran.atasan)
    services.kembalikan(user=pemeran.atasan.user, skp=skp_pegawai, catatan="Lengkapi target.")
    assert "Dikembalikan" in langkah(pemeran.pegawai)
    assert "Kotak Masuk</a>" not in beranda(pemeran.atasan)
    services.ajukan(user=pemeran.pegawai.user, skp=skp_pegawai)
    services.setujui(user=pemeran.atasan.user, skp=skp_pegawai)
    assert "Disetujui" in langkah(pemeran.pegawai)


def test_data_diri_atasan_dan_bawahan_berubah(pemeran):
    assert "Rina Kasi" in beranda(pemeran.pegawai)  # the atasan, as pejabat penilai
    pemeran.atasan.nama = "Rina Kasih"
    pemeran.atasan.save()
    assert "Rina Kasih" in beranda(pemeran.pegawai)
    pemeran.pegawai.golongan = "III/c"
    pemeran.pegawai.save()
    assert "Penata, III/c" in beranda(pemeran.pegawai)
    baru = PegawaiFactory(
        nama="Sari Baru",
        jabatan=JabatanFactory(
            unit_kerja=pemeran.pegawai.jabatan.unit_kerja, atasan=pemeran.atasan.jabatan
        ),
    )
    isi = beranda(pemeran.atasan)
    assert "Bawahan yang Anda nilai (2)" in isi and baru.nama in isi


def test_peran_admin_diangkat_dan_dicabut(pemeran):
    assert "Admin instansi" not in beranda(pemeran.pegawai)
    jadikan_admin_instansi(user=pemeran.pegawai.user, instansi=pemeran.instansi)
    assert "Admin instansi" in beranda(pemeran.pegawai)
    AdminInstansi.objects.filter(user=pemeran.pegawai.user).delete()
    assert "Admin instansi" not in beranda(pemeran.pegawai)


def test_formulir_membawa_token_penonton(pemeran, tahun):  # noqa: F811
    klien = Client(enforce_csrf_checks=True)
    klien.force_login(pemeran.pegawai.user)
    for _ in range(2):
        isi = klien.get(reverse("beranda")).content.decode()
    assert "token-csrf" not in isi
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', isi).group(1)
    r = klien.post(
        reverse("skp:buat"),
        {"csrfmiddlewaretoken": token, "tahun": tahun, "pendekatan": "kuantitatif"},
    )
    assert r.status_code == 302 and Skp.objects.filter(pegawai=pemeran.pegawai).exists()


def test_hari_menunggu_dihitung_per_tanggal():
    hari_ini = timezone.localdate()
    kemarin_sore = timezone.make_aware(datetime.combine(hari_ini - timedelta(days=1), time(16)))
    pagi_ini = timezone.make_aware(datetime.combine(hari_ini, time(0, 1)))
    assert hari_sejak(kemarin_sore, hari_ini) == 1  # 24-hour periods said 0 until 16:00
    assert hari_sejak(pagi_ini, hari_ini) == 0
    assert hari_sejak(None) == 0
