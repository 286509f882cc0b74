"""Daftar pegawai keeps its table rendered between requests until the organisation changes
(core/bagian.py, issue 17): the next request shows a renamed pegawai and a new pejabat penilai,
and each admin sees their own instansi."""

import pytest
from django.urls import reverse
from django.utils import timezone

from organisasi import views
from organisasi.models import PenugasanSementara
from tests.factories import JabatanFactory, PegawaiFactory

URL = reverse("organisasi:pegawai_list")


def masuk(client, pegawai):
    client.force_login(pegawai.user)
    return client


@pytest.fixture
def dihitung(monkeypatch) -> list[int]:
    """Each table worked out (not taken from what was kept)."""
    catatan: list[int] = []
    asli = views.daftar_pegawai

    def hitung(*args):
        catatan.append(1)
        return asli(*args)

    monkeypatch.setattr(views, "daftar_pegawai", hitung)
    return catatan


def _baris(html: str, pegawai) -> str:
    return next(b for b in html.split("<tr") if pegawai.nip_cetak in b)


def test_nama_dan_pejabat_penilai_baru_tampil_berikutnya(client, pemeran, dihitung):
    c = masuk(client, pemeran.admin)
    html = c.get(URL).content.decode()
    c.get(URL)
    assert dihitung == [1]  # kept
    assert pemeran.atasan.nama_lengkap in _baris(html, pemeran.pegawai)

    pemeran.pegawai.nama = "Rudi Pelaksana Baru"
    pemeran.pegawai.save()
    assert "Rudi Pelaksana Baru" in c.get(URL).content.decode()

    # the superior position left without an active holder: the next position up acts
    pemeran.atasan.aktif = False
    pemeran.atasan.save()
    baris = _baris(c.get(URL).content.decode(), pemeran.pegawai)
    assert pemeran.atasan_atasan.nama_lengkap in baris and pemeran.atasan.nama_lengkap not in baris
    assert dihitung == [1] * 3


def test_tiap_admin_instansinya_sendiri_juga_pencarian(client, pemeran, dihitung):
    for _ in range(2):
        milik = masuk(client, pemeran.admin).get(URL).content.decode()
        lain = masuk(client, pemeran.admin_lain).get(URL).content.decode()
        cari = masuk(client, pemeran.admin).get(URL, {"q": pemeran.kepala.nama}).content.decode()
    assert pemeran.pegawai.nama in milik and pemeran.pegawai_lain.nama not in milik
    assert pemeran.pegawai_lain.nama in lain and pemeran.pegawai.nama not in lain
    assert pemeran.kepala.nama in cari and pemeran.pegawai.nama not in cari
    assert dihitung == [1] * 3


def test_plt_pada_jabatan_atasan_yang_kosong_tampil_berikutnya(client, pemeran, dihitung):
    """The atasan's position left without an active holder, then a Plt appointed to it: each
    shows at the next request (and the Plt is named with their own position)."""
    pemeran.atasan.aktif = False
    pemeran.atasan.save()
    c = masuk(client, pemeran.admin)
    assert pemeran.atasan_atasan.nama_lengkap in _baris(
        c.get(URL).content.decode(), pemeran.pegawai
    )
    plt = PegawaiFactory(
        nama="Sari Plt", jabatan=JabatanFactory(unit_kerja=pemeran.atasan.jabatan.unit_kerja)
    )
    hari_ini = timezone.localdate()
    PenugasanSementara.objects.create(
        jabatan=pemeran.atasan.jabatan, pegawai=plt, mulai=hari_ini.replace(month=1, day=1),
        selesai=hari_ini.replace(month=12, day=31),
    )  # fmt: skip
    baris = _baris(c.get(URL).content.decode(), pemeran.pegawai)
    assert plt.nama_lengkap in baris and pemeran.atasan_atasan.nama_lengkap not in baris
