"""The page Capaian Kinerja Organisasi: the ladder, the units each viewer sets, the form."""

import pytest
from django.urls import reverse

from penilaian.models import CapaianUnit
from penilaian.periode import periode_tahun

pytestmark = pytest.mark.django_db
URL = reverse("penilaian:capaian")
HTMX = {"HTTP_HX_REQUEST": "true"}


def _url_tetapkan(unit, periode):
    return reverse("penilaian:capaian_tetapkan", args=[unit.pk, periode.pk])


def test_anonim_diarahkan_ke_halaman_masuk(client, pemeran, tw1):
    seksi = pemeran.pegawai.jabatan.unit_kerja
    for r in (client.get(URL), client.post(_url_tetapkan(seksi, tw1), {"capaian": "baik"})):
        assert r.status_code == 302 and reverse("login") in r["Location"]
    assert not CapaianUnit.objects.exists()


@pytest.mark.parametrize("siapa", ["pegawai", "atasan"])
def test_tanpa_unit_yang_dipimpin_403(client, pemeran, siapa, dalam_jendela_tw1):
    client.force_login(getattr(pemeran, siapa).user)
    assert client.get(URL).status_code == 403


def test_orang_luar_404_dan_bukan_pimpinan_403(client, pemeran, tw1, dalam_jendela_tw1):
    seksi = pemeran.pegawai.jabatan.unit_kerja
    client.force_login(pemeran.admin_lain.user)
    assert client.post(_url_tetapkan(seksi, tw1), {"capaian": "baik"}).status_code == 404
    client.force_login(pemeran.kepala.user)  # leads the bidang, not the seksi
    assert client.post(_url_tetapkan(seksi, tw1), {"capaian": "baik"}).status_code == 403
    assert not CapaianUnit.objects.exists()


def test_pimpinan_melihat_unitnya_dan_menetapkan(client, pemeran, tw1, dalam_jendela_tw1):
    seksi = pemeran.pegawai.jabatan.unit_kerja
    client.force_login(pemeran.atasan_atasan.user)
    r = client.get(f"{URL}?periode={tw1.pk}")
    teks = r.content.decode()
    assert r.status_code == 200
    assert "Seksi Surveilans" in teks and "Seksi Imunisasi" in teks and "Bidang P2P" not in teks
    assert "belum ditetapkan" in teks and "Triwulan IV-Akhir" in teks
    r = client.post(
        _url_tetapkan(seksi, tw1), {"capaian": "baik", "catatan": "PK 96%"}, follow=True
    )
    assert (
        "Capaian kinerja organisasi Seksi Surveilans Triwulan I 2026: Baik." in r.content.decode()
    )
    assert CapaianUnit.objects.get().catatan == "PK 96%"
    r = client.get(f"{URL}?periode={tw1.pk}", **HTMX)
    assert r.status_code == 200 and "<html" not in r.content.decode()
    assert "Riwayat (1)" in r.content.decode()


def test_admin_melihat_semua_unit_dan_galat_ditampilkan(client, pemeran, tw1, dalam_jendela_tw1):
    client.force_login(pemeran.admin.user)
    teks = client.get(URL).content.decode()
    assert "Dinas Kesehatan" in teks and "Bidang P2P" in teks and "Seksi Surveilans" in teks
    tw2 = periode_tahun(pemeran.instansi, 2026)[1]
    seksi = pemeran.pegawai.jabatan.unit_kerja
    r = client.post(_url_tetapkan(seksi, tw2), {"capaian": "baik"}, follow=True)
    assert "belum tersimpan" in r.content.decode() and "belum dimulai" in r.content.decode()
    client.post(_url_tetapkan(seksi, tw1), {"capaian": "kurang"})
    assert CapaianUnit.objects.get().atas_nama == pemeran.atasan_atasan
    teks = client.get(f"{URL}?periode={tw1.pk}").content.decode()
    assert "atas nama Budi Kabid" in teks


def _tambah_unit(pemeran, jumlah: int, awal: int) -> None:
    """Seksi under the Kabid, each with a head, and a capaian already set for some."""
    from organisasi.models import JenisJabatan
    from tests.factories import JabatanFactory, PegawaiFactory, UnitKerjaFactory

    bidang = pemeran.atasan_atasan.jabatan.unit_kerja
    for n in range(awal, awal + jumlah):
        unit = UnitKerjaFactory(instansi=pemeran.instansi, kode=f"1.02.01.{n + 10}",
                                nama=f"Seksi {n}", induk=bidang)  # fmt: skip
        PegawaiFactory(jabatan=JabatanFactory(unit_kerja=unit, nama=f"Kepala Seksi {n}",
                       jenis=JenisJabatan.PENGAWAS, atasan=pemeran.atasan_atasan.jabatan))  # fmt: skip


@pytest.mark.usefixtures("jawaban_selalu_dihitung")
def test_jumlah_query_tetap_dari_3_sampai_30_unit(
    client, pemeran, tw1, dalam_jendela_tw1, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from penilaian.services.capaian import tetapkan_capaian

    _tambah_unit(pemeran, 3, 0)
    client.force_login(pemeran.admin.user)
    tetapkan_capaian(user=pemeran.admin.user, unit_kerja=pemeran.pegawai.jabatan.unit_kerja,
                     periode=tw1, capaian="baik")  # fmt: skip
    client.get(URL)
    with CaptureQueriesContext(connection) as q:
        assert client.get(URL).status_code == 200
    _tambah_unit(pemeran, 27, 3)
    with django_assert_max_num_queries(len(q)):
        teks = client.get(URL).content.decode()
    assert teks.count('name="capaian"') == 30 + 4


def test_tahunan_tahun_lalu_dipakai_dan_disebut(client, pemeran):
    from datetime import date

    from penilaian.services.capaian import tetapkan_capaian
    from tests.penilaian.conftest import pada

    seksi = pemeran.pegawai.jabatan.unit_kerja
    with pada(date(2026, 1, 10)):
        tetapkan_capaian(user=pemeran.atasan_atasan.user, unit_kerja=seksi,
                         periode=periode_tahun(pemeran.instansi, 2025)[-1], capaian="istimewa")  # fmt: skip
    akhir = periode_tahun(pemeran.instansi, 2026)[-1]
    with pada(date(2027, 2, 1)):
        client.force_login(pemeran.atasan_atasan.user)
        teks = client.get(f"{URL}?periode={akhir.pk}").content.decode()
    assert "Seksi Surveilans: Istimewa (capaian tahunan 2025" in teks
