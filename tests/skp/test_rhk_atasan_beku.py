"""An approved SKP shows the intervened atasan RHK's text as agreed (frozen at approval, as in its
signed PDF), even when the atasan's own draft changes that text afterwards; drafts follow it."""

import importlib
import io

from django.urls import reverse
from pypdf import PdfReader

from skp import services
from skp.cetak import render_pdf
from skp.cuplikan import buat_cuplikan
from skp.models import RencanaHasilKerja, Skp, StatusSkp
from tests.skp.conftest import setujui_skp

LAMA = "Tersedianya data surveilans yang lengkap"  # skp_atasan.rhk1, as in the fixture
BARU = "Terpantaunya cakupan imunisasi desa"


def teks_pdf(skp: Skp) -> str:
    data = render_pdf(Skp.objects.get(pk=skp.pk))
    return " ".join(
        " ".join((p.extract_text() or "").split()) for p in PdfReader(io.BytesIO(data)).pages
    )


def ubah_rhk_atasan(pemeran, rhk: RencanaHasilKerja) -> None:
    services.rhk_ubah(user=pemeran.atasan.user, rhk=rhk, jenis="utama", uraian=BARU)


def halaman_detail(client, orang, skp: Skp) -> str:
    client.force_login(orang.user)
    respons = client.get(reverse("skp:detail", args=[skp.pk]))
    assert respons.status_code == 200
    return respons.content.decode()


def test_setujui_membekukan_uraian_rhk_atasan(pemeran, skp_pegawai, skp_atasan):
    setujui_skp(pemeran, skp_pegawai)
    assert skp_pegawai.rhk.get().rhk_atasan_uraian == LAMA
    assert skp_atasan.skp.status == StatusSkp.DRAF


def test_skp_disetujui_tetap_menampilkan_rhk_atasan_yang_disepakati(
    client, pemeran, skp_pegawai, skp_atasan
):
    setujui_skp(pemeran, skp_pegawai)
    ubah_rhk_atasan(pemeran, skp_atasan.rhk1)  # the atasan's SKP is still a draft

    isi = halaman_detail(client, pemeran.pegawai, skp_pegawai)
    assert LAMA in isi and BARU not in isi
    pdf = teks_pdf(skp_pegawai)
    assert LAMA in pdf and BARU not in pdf
    cuplikan = buat_cuplikan(Skp.objects.get(pk=skp_pegawai.pk))
    assert cuplikan["rhk"][0]["tautan"] == LAMA


def test_draf_bawahan_menampilkan_uraian_rhk_atasan_terkini(
    client, pemeran, skp_pegawai, skp_atasan
):
    ubah_rhk_atasan(pemeran, skp_atasan.rhk1)
    isi = halaman_detail(client, pemeran.pegawai, skp_pegawai)
    assert BARU in isi and LAMA not in isi


def test_revisi_mengikuti_teks_terkini_dan_versi_diganti_tetap_yang_disepakati(
    client, pemeran, skp_pegawai, skp_atasan
):
    v1 = setujui_skp(pemeran, skp_pegawai)
    ubah_rhk_atasan(pemeran, skp_atasan.rhk1)
    v2 = services.buka_revisi(user=pemeran.pegawai.user, skp=v1)
    rhk_v2 = v2.rhk.get()
    assert rhk_v2.rhk_atasan_id == skp_atasan.rhk1.pk and rhk_v2.rhk_atasan_uraian == ""
    isi = halaman_detail(client, pemeran.pegawai, v2)
    assert BARU in isi and LAMA not in isi

    setujui_skp(pemeran, v2)
    v1.refresh_from_db()
    assert v1.status == StatusSkp.DIGANTI
    isi = halaman_detail(client, pemeran.pegawai, v1)
    assert LAMA in isi and BARU not in isi
    assert v2.rhk.get().rhk_atasan_uraian == BARU


def test_migrasi_mengisi_uraian_rhk_atasan_skp_yang_sudah_disetujui(
    pemeran, skp_pegawai, skp_atasan, tahun
):
    from django.apps import apps

    migrasi = importlib.import_module("skp.migrations.0009_rhk_atasan_uraian")
    setujui_skp(pemeran, skp_pegawai)
    RencanaHasilKerja.objects.update(rhk_atasan_uraian="")  # as before the field existed
    rekan = pemeran.rekan_atasan.user
    draf = services.skp_buat(user=rekan, tahun=tahun)
    services.rhk_tambah(user=rekan, skp=draf, jenis="utama", uraian="RHK draf")
    RencanaHasilKerja.objects.filter(skp=draf).update(rhk_atasan=skp_atasan.rhk2)

    migrasi.isi_rhk_atasan_uraian(apps, None)

    assert skp_pegawai.rhk.get().rhk_atasan_uraian == LAMA
    assert RencanaHasilKerja.objects.get(skp=draf).rhk_atasan_uraian == ""  # drafts stay live
    assert set(
        RencanaHasilKerja.objects.filter(skp=skp_atasan.skp).values_list(
            "rhk_atasan_uraian", flat=True
        )
    ) == {""}  # not linked up: nothing to fill
