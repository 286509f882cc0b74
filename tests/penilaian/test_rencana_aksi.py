"""Rencana aksi: written by the owner of an approved SKP with a target per period, read by everyone
who may see the SKP, shown on the realisasi form of the period, and carried to a mid-year
revision where the RHK continues (skp.signals.skp_disetujui, received by penilaian)."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from penilaian.models import RencanaAksi
from penilaian.services.rencana_aksi import (
    pilihan_periode,
    rencana_aksi_hapus,
    rencana_aksi_tambah,
)
from skp import services as skp_services
from skp.models import RencanaHasilKerja
from tests.skp.conftest import tambah_kkw

HTMX = {"HTTP_HX_REQUEST": "true"}


def tambah(pemeran, skp, **kw) -> RencanaAksi:
    isi = {"nomor_periode": 1, "uraian": "Rekap 12 desa tervalidasi", "target": Decimal(13),
           "satuan": "laporan"} | kw  # fmt: skip
    return rencana_aksi_tambah(user=pemeran.pegawai.user, rhk=skp.rhk.first(), **isi)


def test_periode_mengikuti_pilihan_instansi(pemeran, skp_disetujui):
    assert pilihan_periode(skp_disetujui)[0] == (1, "Triwulan I")
    assert pilihan_periode(skp_disetujui)[-1] == (4, "Triwulan IV-Akhir")


def test_tambah_dan_hapus_oleh_pemilik(pemeran, skp_disetujui):
    ra = tambah(pemeran, skp_disetujui)
    assert (ra.nomor_periode, ra.target, ra.satuan, ra.urutan) == (1, Decimal(13), "laporan", 1)
    assert tambah(pemeran, skp_disetujui, uraian="Langkah kedua").urutan == 2
    rencana_aksi_hapus(user=pemeran.pegawai.user, rencana_aksi=ra)
    assert list(RencanaAksi.objects.values_list("uraian", flat=True)) == ["Langkah kedua"]


@pytest.mark.parametrize(
    ("isian", "kolom"),
    [
        ({"nomor_periode": 5}, "nomor_periode"),
        ({"nomor_periode": None}, "nomor_periode"),
        ({"uraian": "  "}, "uraian"),
        ({"uraian": "x" * 1001}, "uraian"),
        ({"target": Decimal(-1)}, "target"),
        ({"satuan": ""}, "satuan"),
    ],
)
def test_isian_salah_ditolak_tanpa_menulis(pemeran, skp_disetujui, isian, kolom):
    with pytest.raises(ValidationError) as e:
        tambah(pemeran, skp_disetujui, **isian)
    assert kolom in e.value.message_dict
    assert not RencanaAksi.objects.exists()


def test_hanya_pemilik_skp_yang_disetujui(pemeran, skp_pegawai, skp_disetujui):
    with pytest.raises(PermissionDenied):
        rencana_aksi_tambah(user=pemeran.atasan.user, rhk=skp_disetujui.rhk.first(),
                            nomor_periode=1, uraian="x")  # fmt: skip


def test_draf_belum_dapat_diberi_rencana_aksi(pemeran, skp_pegawai):
    with pytest.raises(PermissionDenied):
        tambah(pemeran, skp_pegawai)


# --- carried to a revision ---------------------------------------------------------------------


def test_revisi_yang_disetujui_membawa_rencana_aksi_rhk_yang_berlanjut(pemeran, skp_disetujui,
                                                                     skp_atasan):  # fmt: skip
    user = pemeran.pegawai.user
    rhk_lama = skp_disetujui.rhk.get()
    kedua = skp_services.rhk_tambah(user=user, skp=skp_services.buka_revisi(user=user,
                                    skp=skp_disetujui), jenis="utama", uraian="RHK baru",
                                    rhk_atasan=skp_atasan.rhk1)  # fmt: skip
    tambah_kkw(user, kedua)
    revisi = kedua.skp
    tambah(pemeran, skp_disetujui, nomor_periode=1, target=Decimal(13))
    tambah(pemeran, skp_disetujui, nomor_periode=2, uraian="Langkah II", target=None, satuan="")
    skp_services.ajukan(user=user, skp=revisi)
    skp_services.setujui(user=pemeran.atasan.user, skp=revisi)

    lanjut = RencanaHasilKerja.objects.get(skp=revisi, asal=rhk_lama)
    salinan = list(lanjut.rencana_aksi.order_by("nomor_periode").values_list(
        "nomor_periode", "uraian", "target", "satuan"))  # fmt: skip
    assert salinan == [(1, "Rekap 12 desa tervalidasi", Decimal(13), "laporan"),
                       (2, "Langkah II", None, "")]  # fmt: skip
    assert not kedua.rencana_aksi.exists()  # a new RHK starts empty
    assert rhk_lama.rencana_aksi.count() == 2  # the replaced version keeps its own


def test_rhk_yang_dihapus_pada_revisi_tidak_membawa(pemeran, skp_disetujui, skp_atasan):
    user = pemeran.pegawai.user
    tambah(pemeran, skp_disetujui)
    revisi = skp_services.buka_revisi(user=user, skp=skp_disetujui)
    baru = skp_services.rhk_tambah(user=user, skp=revisi, jenis="utama", uraian="Pengganti",
                                   rhk_atasan=skp_atasan.rhk1)  # fmt: skip
    tambah_kkw(user, baru)
    skp_services.rhk_hapus(user=user, rhk=revisi.rhk.get(asal__isnull=False))
    skp_services.ajukan(user=user, skp=revisi)
    skp_services.setujui(user=pemeran.atasan.user, skp=revisi)
    assert RencanaAksi.objects.count() == 1
    assert RencanaAksi.objects.get().rhk.skp == skp_disetujui


def test_penerima_sinyal_gagal_membatalkan_persetujuan(pemeran, skp_disetujui, monkeypatch):
    from penilaian.services import rencana_aksi

    revisi = skp_services.buka_revisi(user=pemeran.pegawai.user, skp=skp_disetujui)
    skp_services.ajukan(user=pemeran.pegawai.user, skp=revisi)

    def gagal(**kw):
        raise RuntimeError("salin gagal")

    monkeypatch.setattr(rencana_aksi, "salin_ke_revisi", gagal)
    with pytest.raises(RuntimeError):
        skp_services.setujui(user=pemeran.atasan.user, skp=revisi)
    revisi.refresh_from_db()
    assert revisi.status == "diajukan"  # nothing copied means nothing approved either


# --- the page ---------------------------------------------------------------------------------


def test_halaman_tangga_izin(client, pemeran, skp_disetujui):
    ra = tambah(pemeran, skp_disetujui)
    url = reverse("penilaian:rencana_aksi", args=[skp_disetujui.pk])
    data = {"rhk": skp_disetujui.rhk.first().pk, "nomor_periode": 2, "uraian": "Langkah II",
            "target": "1.500", "satuan": "dokumen"}  # fmt: skip
    assert client.get(url).url.startswith(reverse("login"))
    for orang in (pemeran.orang_luar, pemeran.pegawai_lain, pemeran.admin_lain):
        client.force_login(orang.user)
        assert client.get(url).status_code == 404
    for orang in (pemeran.atasan, pemeran.atasan_atasan, pemeran.admin):
        client.force_login(orang.user)
        r = client.get(url)
        assert r.status_code == 200 and ra.uraian in r.content.decode()
        assert "Tambah rencana aksi" not in r.content.decode()  # read-only
        assert client.post(url, data).status_code == 403
    client.force_login(pemeran.pegawai.user)
    assert "Tambah rencana aksi" in client.get(url).content.decode()
    r = client.post(url, data)
    assert r.status_code == 302
    assert RencanaAksi.objects.get(nomor_periode=2).target == Decimal(1500)
    r = client.get(url, **HTMX)
    assert 'id="daftar-rencana-aksi"' in r.content.decode() and "<html" not in r.content.decode()


def test_halaman_galat_dan_htmx(client, pemeran, skp_disetujui):
    client.force_login(pemeran.pegawai.user)
    url = reverse("penilaian:rencana_aksi", args=[skp_disetujui.pk])
    rhk = skp_disetujui.rhk.first()
    r = client.post(url, {"rhk": rhk.pk, "nomor_periode": 1, "uraian": "x", "target": "13",
                          "satuan": ""}, **HTMX)  # fmt: skip
    html = r.content.decode()
    assert r.status_code == 200 and f'id="rhk-{rhk.pk}"' in html and "<html" not in html
    assert "Isi satuan target" in html
    r = client.post(url, {"rhk": rhk.pk, "nomor_periode": 1, "uraian": "x", "target": "banyak"})
    assert "bukan angka" in r.content.decode()
    assert not RencanaAksi.objects.exists()
    ra = tambah(pemeran, skp_disetujui)
    hapus = reverse("penilaian:rencana_aksi_hapus", args=[skp_disetujui.pk, ra.pk])
    assert "dihapus" in client.post(hapus, **HTMX).content.decode()
    assert not RencanaAksi.objects.exists()


def test_hapus_oleh_penilai_ditolak(client, pemeran, skp_disetujui):
    ra = tambah(pemeran, skp_disetujui)
    client.force_login(pemeran.atasan.user)
    hapus = reverse("penilaian:rencana_aksi_hapus", args=[skp_disetujui.pk, ra.pk])
    assert client.post(hapus).status_code == 403
    assert RencanaAksi.objects.exists()


def test_formulir_realisasi_menampilkan_rencana_aksi_periodenya(client, pemeran, kasus):
    tambah(pemeran, kasus.skp, nomor_periode=1, uraian="Rekap TW I 12 desa", target=Decimal(13))
    tambah(pemeran, kasus.skp, nomor_periode=2, uraian="Rekap TW II", target=Decimal(26))
    client.force_login(pemeran.pegawai.user)
    html = client.get(reverse("penilaian:realisasi", args=[kasus.penilaian.pk])).content.decode()
    assert "Rekap TW I 12 desa — target 13 laporan" in html
    assert "Rekap TW II" not in html
