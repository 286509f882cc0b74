"""Audit checks of the seeds: an indicator nearly the same as a colleague's in the same unit and
year, and an SKP copied unchanged from the pegawai's previous year. Shown to the atasan chain
and the admin, not to the owner (it names colleagues' indicators), never to outsiders."""

from decimal import Decimal

import pytest
from django.urls import reverse

from indikator import access
from indikator.selectors import indikator_mirip, skp_disalin_utuh
from skp import services
from skp.models import StatusSkp
from tests.factories import JabatanFactory, PegawaiFactory
from tests.skp.conftest import tambah_kkw

JUDUL = "Pemeriksaan tumpang tindih dan salinan"


def masuk(client, orang):
    client.force_login(orang.user)
    return client


def rekan_di(unit, atasan, nama="Sari Rekan"):
    jabatan = JabatanFactory(unit_kerja=unit, atasan=atasan.jabatan, nama="Pengelola Data Kasus")
    return PegawaiFactory(nama=nama, jabatan=jabatan)


def skp_dengan(orang, tahun, *indikator: str):
    skp = services.skp_buat(user=orang.user, tahun=tahun)
    rhk = services.rhk_tambah(user=orang.user, skp=skp, jenis="utama", uraian="Tersedianya data")
    for i, uraian in enumerate(indikator):
        services.indikator_tambah(
            user=orang.user, rhk=rhk, aspek=("kuantitas", "kualitas", "waktu")[i % 3],
            uraian=uraian, target_min=Decimal(12), satuan="hari" if i % 3 == 2 else "laporan",
        )  # fmt: skip
    return skp


@pytest.fixture
def rekan(pemeran):
    """A colleague in the pegawai's own unit (Seksi Surveilans), under the same atasan."""
    return rekan_di(pemeran.pegawai.jabatan.unit_kerja, pemeran.atasan)


# --- overlap ----------------------------------------------------------------------------------


def test_indikator_hampir_sama_dengan_rekan_satu_unit_ditandai(pemeran, skp_pegawai, rekan, tahun):
    # Same content words in another order and form: "Jumlah laporan surveilans mingguan".
    skp_rekan = skp_dengan(rekan, tahun, "Jumlah laporan mingguan surveilans", "Indeks kepuasan")
    hasil = indikator_mirip(skp_pegawai)
    assert [m.indikator.uraian for m in hasil] == ["Jumlah laporan surveilans mingguan"]
    [r] = hasil[0].rekan
    assert r.pegawai_nama == skp_rekan.pegawai_nama and r.skp_id == skp_rekan.pk
    assert r.persen == 100
    # And the other way round.
    assert [m.indikator.uraian for m in indikator_mirip(skp_rekan)] == [
        "Jumlah laporan mingguan surveilans"
    ]


def test_unit_lain_tahun_lain_atau_versi_diganti_tidak_ditandai(
    pemeran,
    skp_pegawai,
    rekan,
    tahun,
):
    # Dina works in Seksi Imunisasi: another unit.
    skp_dengan(pemeran.orang_luar, tahun, "Jumlah laporan surveilans mingguan")
    # The colleague's SKP of last year.
    lalu = skp_dengan(rekan, tahun - 1, "Jumlah laporan surveilans mingguan")
    assert indikator_mirip(skp_pegawai) == []
    # A replaced version of this year does not count either.
    kini = skp_dengan(rekan, tahun, "Jumlah laporan surveilans mingguan")
    assert len(indikator_mirip(skp_pegawai)) == 1
    kini.status = StatusSkp.DIGANTI
    kini.save(update_fields=["status"])
    assert indikator_mirip(skp_pegawai) == []
    assert lalu.pk


def test_ambang_kemiripan(pemeran, skp_pegawai, rekan, tahun):
    # Shares 3 of 5 content words with "Jumlah laporan surveilans mingguan": 0.6.
    skp_dengan(rekan, tahun, "Jumlah laporan surveilans harian puskesmas")
    assert indikator_mirip(skp_pegawai) == []
    assert len(indikator_mirip(skp_pegawai, ambang=0.5)) == 1


def test_mirip_jumlah_query_tetap(pemeran, skp_pegawai, tahun, django_assert_max_num_queries):
    unit = pemeran.pegawai.jabatan.unit_kerja
    for n in range(2):
        skp_dengan(rekan_di(unit, pemeran.atasan, f"Rekan {n}"), tahun, "Jumlah laporan mingguan")
    with django_assert_max_num_queries(3) as sedikit:
        indikator_mirip(skp_pegawai)
    for n in range(2, 12):
        skp_dengan(rekan_di(unit, pemeran.atasan, f"Rekan {n}"), tahun, "Jumlah laporan mingguan")
    with django_assert_max_num_queries(len(sedikit.captured_queries)):
        indikator_mirip(skp_pegawai)


# --- copied from last year --------------------------------------------------------------------


@pytest.fixture
def skp_lalu(pemeran, tahun):
    user = pemeran.pegawai.user
    skp = services.skp_buat(user=user, tahun=tahun - 1)
    rhk = services.rhk_tambah(
        user=user, skp=skp, jenis="utama", uraian="Tersedianya rekap imunisasi bulanan"
    )
    tambah_kkw(user, rhk)
    return skp


def test_skp_disalin_utuh_dari_tahun_lalu_ditandai(pemeran, skp_lalu, tahun):
    kini = services.skp_buat(user=pemeran.pegawai.user, tahun=tahun, salin=True)
    salinan = skp_disalin_utuh(kini)
    assert salinan is not None and salinan.utuh
    assert salinan.skp_lalu == skp_lalu and salinan.sama == salinan.jumlah == 3


def test_skp_sebagian_sama_dengan_tahun_lalu(pemeran, skp_lalu, tahun):
    kini = services.skp_buat(user=pemeran.pegawai.user, tahun=tahun, salin=True)
    ind = kini.rhk.get().indikator.get(aspek="kuantitas")
    services.indikator_ubah(
        user=pemeran.pegawai.user, indikator=ind, aspek="kuantitas", uraian=ind.uraian,
        target_min=Decimal(60), target_maks=None, satuan="laporan", target_tanggal=None,
        rencana_bukti_dukung="",
    )  # fmt: skip
    salinan = skp_disalin_utuh(kini)
    assert salinan is not None and not salinan.utuh
    assert (salinan.sama, salinan.jumlah) == (2, 3)


def test_skp_baru_tanpa_kesamaan_tidak_ditandai(pemeran, skp_lalu, skp_pegawai):
    # skp_pegawai has another RHK text: nothing is the same as last year.
    assert skp_disalin_utuh(skp_pegawai) is None


def test_tanpa_skp_tahun_lalu_tidak_ditandai(skp_pegawai):
    assert skp_disalin_utuh(skp_pegawai) is None


# --- who sees it ------------------------------------------------------------------------------


@pytest.fixture
def kasus_audit(pemeran, skp_lalu, rekan, tahun):
    kini = services.skp_buat(user=pemeran.pegawai.user, tahun=tahun, salin=True)
    skp_dengan(rekan, tahun, "Jumlah laporan mingguan surveilans")
    return kini


@pytest.mark.parametrize("siapa", ["atasan", "atasan_atasan", "admin"])
def test_atasan_dan_admin_melihat_tumpang_tindih_dan_salinan(client, pemeran, kasus_audit, siapa):
    isi = (
        masuk(client, getattr(pemeran, siapa))
        .get(reverse("skp:detail", args=[kasus_audit.pk]))
        .content.decode()
    )
    assert JUDUL in isi
    assert "SKP ini sama persis dengan SKP tahun lalu" in isi
    assert "Sari Rekan" in isi and "Jumlah laporan mingguan surveilans" in isi


def test_superuser_melihat_audit(client, superuser, kasus_audit):
    client.force_login(superuser)
    isi = client.get(reverse("skp:detail", args=[kasus_audit.pk])).content.decode()
    assert JUDUL in isi


def test_pemilik_tidak_melihat_audit_rekan(client, pemeran, kasus_audit):
    isi = (
        masuk(client, pemeran.pegawai)
        .get(reverse("skp:detail", args=[kasus_audit.pk]))
        .content.decode()
    )
    assert JUDUL not in isi and "Sari Rekan" not in isi


@pytest.mark.parametrize("siapa", ["orang_luar", "rekan_atasan", "admin_lain"])
def test_orang_luar_tidak_melihat_skp_sama_sekali(client, pemeran, kasus_audit, siapa):
    respons = masuk(client, getattr(pemeran, siapa)).get(
        reverse("skp:detail", args=[kasus_audit.pk])
    )
    assert respons.status_code == 404
    assert not access.can(getattr(pemeran, siapa).user, "lihat_audit", kasus_audit)


def test_audit_tanpa_temuan_berkata_bersih(client, pemeran, skp_pegawai):
    isi = (
        masuk(client, pemeran.atasan)
        .get(reverse("skp:detail", args=[skp_pegawai.pk]))
        .content.decode()
    )
    assert "Tidak ada indikator yang tumpang tindih" in isi
