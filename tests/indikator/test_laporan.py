"""The admin's indicator-quality report: who may see it, the numbers on a small instansi,
query count flat as the instansi grows, and the cache following edits."""

from decimal import Decimal

import pytest
from django.core.cache import cache
from django.urls import reverse

from indikator.laporan import hitung_laporan, laporan_indikator
from organisasi.models import JenisJabatan
from skp import services
from tests.factories import JabatanFactory, PegawaiFactory, UnitKerjaFactory

URL = "/indikator/laporan/"
SAMAR = "Melaksanakan tugas dengan baik"


@pytest.fixture(autouse=True)
def _cache_bersih():
    cache.clear()
    yield
    cache.clear()


def masuk(client, orang):
    client.force_login(orang.user)
    return client


def tambah(user, rhk, uraian, aspek="kuantitas", target=12, satuan="dokumen"):
    return services.indikator_tambah(
        user=user, rhk=rhk, aspek=aspek, uraian=uraian, target_min=Decimal(target), satuan=satuan
    )


@pytest.fixture
def dinas_lain(pemeran):
    """A second Perangkat Daerah with a seksi and one pelaksana under its own head."""
    opd = UnitKerjaFactory(instansi=pemeran.instansi, kode="1.01", nama="Dinas Pendidikan")
    seksi = UnitKerjaFactory(instansi=pemeran.instansi, kode="1.01.01", nama="Seksi", induk=opd)
    kepala = PegawaiFactory(
        nama="Kepala Pendidikan",
        jabatan=JabatanFactory(unit_kerja=opd, jenis=JenisJabatan.JPT, nama="Kepala Dinas"),
    )
    return seksi, kepala


def pegawai_di(seksi, kepala, nama):
    return PegawaiFactory(
        nama=nama, jabatan=JabatanFactory(unit_kerja=seksi, atasan=kepala.jabatan)
    )


def skp_isi(orang, tahun, *indikator):
    skp = services.skp_buat(user=orang.user, tahun=tahun)
    rhk = services.rhk_tambah(user=orang.user, skp=skp, jenis="utama", uraian="Tersedianya data")
    for uraian in indikator:
        tambah(orang.user, rhk, uraian)
    return skp


@pytest.fixture
def data_kecil(pemeran, skp_pegawai, dinas_lain, tahun):
    """Dinas Kesehatan: 3 measurable + 1 vague (75%). Dinas Pendidikan: 1 + 1 (50%)."""
    tambah(pemeran.pegawai.user, skp_pegawai.rhk.get(), SAMAR)
    seksi, kepala = dinas_lain
    guru = pegawai_di(seksi, kepala, "Ani Pendidikan")
    skp_isi(guru, tahun, SAMAR, "Jumlah dokumen kurikulum yang disahkan")
    return skp_pegawai


def test_url_laporan():
    assert reverse("indikator:laporan") == URL


def test_tangga_izin_laporan(client, pemeran, superuser, data_kecil, tahun):
    url = f"{URL}?instansi={pemeran.instansi.pk}&tahun={tahun}"
    respons = client.get(url)
    assert respons.status_code == 302 and "/masuk/" in respons.url
    assert masuk(client, pemeran.pegawai).get(url).status_code == 403
    assert masuk(client, pemeran.atasan).get(url).status_code == 403
    assert masuk(client, pemeran.admin_lain).get(url).status_code == 404
    assert masuk(client, pemeran.admin).get(url).status_code == 200
    client.force_login(superuser)
    assert client.get(url).status_code == 200


def test_admin_lain_melihat_instansinya_sendiri_secara_bawaan(client, pemeran, data_kecil):
    isi = masuk(client, pemeran.admin_lain).get(URL).content.decode()
    assert "Pemerintah Kota Lain" in isi and "Dinas Kesehatan" not in isi


def test_angka_laporan_pada_data_kecil(client, pemeran, data_kecil, tahun):
    laporan = hitung_laporan(pemeran.instansi, tahun)
    per_unit = {b.nama: (b.indikator, b.terukur, b.persen_terukur, b.jumlah_pegawai)
                for b in laporan.unit}  # fmt: skip
    assert per_unit == {
        "Dinas Kesehatan": (4, 3, 75.0, 1),
        "Dinas Pendidikan": (2, 1, 50.0, 1),
    }
    assert (laporan.indikator, laporan.terukur, laporan.persen_terukur) == (6, 4, 66.7)
    kode = {k: n for k, _, n in laporan.temuan}
    assert kode["normatif"] == 2 and kode["aktivitas"] == 2
    assert all(label for _, label, _ in laporan.temuan)
    assert laporan.disalin == []

    isi = masuk(client, pemeran.admin).get(f"{URL}?tahun={tahun}").content.decode()
    assert "66,7%" in isi or "66.7%" in isi
    assert "Dinas Pendidikan" in isi and "Ungkapan normatif" in isi


def test_skp_disalin_utuh_dihitung(client, pemeran, tahun):
    user = pemeran.pegawai.user
    lalu = skp_isi(pemeran.pegawai, tahun - 1, "Jumlah dokumen perizinan yang diterbitkan")
    assert lalu.pk
    kini = services.skp_buat(user=user, tahun=tahun, salin=True)
    laporan = hitung_laporan(pemeran.instansi, tahun)
    assert laporan.disalin == [(kini.pk, kini.pegawai_nama)]
    isi = masuk(client, pemeran.admin).get(f"{URL}?tahun={tahun}").content.decode()
    assert 'id="jumlah-disalin">1<' in isi
    assert reverse("skp:detail", args=[kini.pk]) in isi


def test_tahun_dan_instansi_lain_tidak_tercampur(pemeran, data_kecil, tahun):
    skp_isi(pemeran.pegawai_lain, tahun, SAMAR)
    assert hitung_laporan(pemeran.instansi, tahun).indikator == 6
    assert hitung_laporan(pemeran.instansi, tahun - 1).indikator == 0
    assert hitung_laporan(pemeran.instansi_lain, tahun).indikator == 1


def test_htmx_mengembalikan_isi_laporan_saja(client, pemeran, data_kecil, tahun):
    isi = (
        masuk(client, pemeran.admin)
        .get(f"{URL}?tahun={tahun}", headers={"HX-Request": "true"})
        .content.decode()
    )
    assert isi.strip().startswith('<div id="isi-laporan">') and "<html" not in isi


def test_jumlah_query_laporan_tetap(
    client,
    pemeran,
    data_kecil,
    dinas_lain,
    tahun,
    django_assert_max_num_queries,
):
    masuk(client, pemeran.admin)
    url = f"{URL}?tahun={tahun}"
    client.get(url)
    cache.clear()
    with django_assert_max_num_queries(20) as sedikit:
        assert client.get(url).status_code == 200
    seksi, kepala = dinas_lain
    for n in range(12):
        skp_isi(pegawai_di(seksi, kepala, f"Guru {n}"), tahun, SAMAR, "Jumlah modul disahkan")
    cache.clear()
    with django_assert_max_num_queries(len(sedikit.captured_queries)):
        isi = client.get(url).content.decode()
    assert "Dinas Pendidikan" in isi
    assert hitung_laporan(pemeran.instansi, tahun).indikator == 6 + 24


def test_cache_diperbarui_setelah_skp_diubah(pemeran, data_kecil, tahun):
    pertama = laporan_indikator(pemeran.instansi, tahun)
    assert laporan_indikator(pemeran.instansi, tahun) is not None
    tambah(pemeran.pegawai.user, data_kecil.rhk.get(), "Jumlah laporan kasus", aspek="kualitas")
    kedua = laporan_indikator(pemeran.instansi, tahun)
    assert (pertama.indikator, kedua.indikator) == (6, 7)


def test_tautan_laporan_untuk_admin_saja(client, pemeran):
    isi = masuk(client, pemeran.admin).get(reverse("beranda")).content.decode()
    assert isi.count(f'href="{URL}"') == 2  # navbar and the admin card
    isi = masuk(client, pemeran.pegawai).get(reverse("beranda")).content.decode()
    assert f'href="{URL}"' not in isi
