"""An approved JPT SKP shows the Renstra/Renja item it links as agreed (frozen at approval, as
the RHK pimpinan text is), even when a later Renstra upload rewords the item; drafts follow it
(issue 12: the Renstra template turned a linked indikator into another one)."""

import importlib

import pytest
from django.urls import reverse

from organisasi.models import JenisJabatan
from perencanaan.models import IndikatorKinerja as IndikatorRenstra
from skp import services
from skp.cuplikan import buat_cuplikan
from skp.models import RencanaHasilKerja, Skp, StatusSkp
from tests.skp.test_services import indikator

LAMA = "Dinkes indikator"  # renstra["milik"]["indikator"], as in the fixture
BARU = "Prevalensi balita stunting"


@pytest.fixture
def skp_jpt(pemeran, renstra, tahun) -> Skp:
    """A JPT under the kepala (who approves it), with one RHK linking the Renstra indikator."""
    jpt = pemeran.atasan_atasan
    jpt.jabatan.jenis = JenisJabatan.JPT
    jpt.jabatan.save()
    skp = services.skp_buat(user=jpt.user, tahun=tahun)
    rhk = services.rhk_tambah(
        user=jpt.user, skp=skp, jenis="utama", uraian="Menurunnya kematian ibu",
        perspektif="penerima_layanan", indikator_renstra=renstra["milik"]["indikator"],
    )  # fmt: skip
    services.indikator_tambah(user=jpt.user, rhk=rhk, **indikator(aspek=""))
    return skp


def setujui(pemeran, skp: Skp) -> Skp:
    services.ajukan(user=skp.pegawai.user, skp=skp)
    return services.setujui(user=pemeran.kepala.user, skp=skp)


def ganti_nama(renstra) -> None:
    IndikatorRenstra.objects.filter(pk=renstra["milik"]["indikator"].pk).update(nama=BARU)


def halaman(client, orang, skp: Skp) -> str:
    client.force_login(orang.user)
    respons = client.get(reverse("skp:detail", args=[skp.pk]))
    assert respons.status_code == 200
    return respons.content.decode()


def test_setujui_membekukan_uraian_butir_renstra(pemeran, skp_jpt):
    assert skp_jpt.rhk.get().renstra_uraian == ""  # a draft follows the live text
    setujui(pemeran, skp_jpt)
    assert skp_jpt.rhk.get().renstra_uraian == LAMA


def test_skp_disetujui_tetap_menampilkan_butir_renstra_yang_disepakati(
    client, pemeran, renstra, skp_jpt
):
    setujui(pemeran, skp_jpt)
    ganti_nama(renstra)

    isi = halaman(client, pemeran.atasan_atasan, skp_jpt)

    assert f"Indikator Renstra:</span> {LAMA}" in isi and BARU not in isi
    assert buat_cuplikan(Skp.objects.get(pk=skp_jpt.pk))["rhk"][0]["tautan"] == f"IK1 {LAMA}"


def test_draf_menampilkan_rumusan_renstra_terkini(client, pemeran, renstra, skp_jpt):
    ganti_nama(renstra)
    isi = halaman(client, pemeran.atasan_atasan, skp_jpt)
    assert f"Indikator Renstra:</span> {BARU}" in isi and LAMA not in isi


def test_revisi_mengikuti_rumusan_terkini_dan_versi_diganti_tetap(
    client, pemeran, renstra, skp_jpt
):
    v1 = setujui(pemeran, skp_jpt)
    ganti_nama(renstra)
    v2 = services.buka_revisi(user=pemeran.atasan_atasan.user, skp=v1)
    assert v2.rhk.get().renstra_uraian == ""
    assert BARU in halaman(client, pemeran.atasan_atasan, v2)

    setujui(pemeran, v2)
    v1.refresh_from_db()
    assert v1.status == StatusSkp.DIGANTI
    isi = halaman(client, pemeran.atasan_atasan, v1)
    assert f"Indikator Renstra:</span> {LAMA}" in isi
    assert v2.rhk.get().renstra_uraian == BARU


def test_butir_yang_dihapus_setelah_disetujui_tetap_tertulis(client, pemeran, renstra, skp_jpt):
    setujui(pemeran, skp_jpt)
    RencanaHasilKerja.objects.filter(skp=skp_jpt).update(indikator_renstra=None)  # SET_NULL
    isi = halaman(client, pemeran.atasan_atasan, skp_jpt)
    assert f"Butir Renstra/Renja:</span> {LAMA}" in isi


def test_migrasi_mengisi_uraian_butir_skp_yang_sudah_disetujui(pemeran, renstra, skp_jpt, tahun):
    from django.apps import apps

    migrasi = importlib.import_module("skp.migrations.0011_renstra_uraian_beku")
    setujui(pemeran, skp_jpt)
    RencanaHasilKerja.objects.update(renstra_uraian="")  # as before the field existed
    kepala = pemeran.kepala.user
    draf = services.skp_buat(user=kepala, tahun=tahun)
    services.rhk_tambah(
        user=kepala, skp=draf, jenis="utama", uraian="RHK draf", perspektif="anggaran",
        subkegiatan_renja=renstra["milik"]["sub"].pk,
    )  # fmt: skip

    migrasi.isi_renstra_uraian(apps, None)

    assert skp_jpt.rhk.get().renstra_uraian == LAMA
    assert RencanaHasilKerja.objects.get(skp=draf).renstra_uraian == ""  # drafts stay live
