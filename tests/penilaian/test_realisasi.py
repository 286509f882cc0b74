"""Saving realisasi: each value read by its indicator's kind (Indonesian numbers, a completion
date, text for a kualitatif SKP), every error per field with nothing written, the stale page,
the owner and the window only, and the percentage rule."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from core.alur import Kedaluwarsa, StatusTidakSesuai
from penilaian.isian import ANGKA, TANGGAL, TEKS, baca_isian, jenis_isian, persentase
from penilaian.models import PenilaianPeriodik, Realisasi
from penilaian.services import alur
from penilaian.services.realisasi import nama_isian, realisasi_simpan
from skp import services as skp_services
from skp.models import IndikatorKinerja
from tests.penilaian.conftest import beri_umpan_balik_lengkap, pada


def indikator(kasus) -> dict[str, IndikatorKinerja]:
    return {i.aspek: i for i in IndikatorKinerja.objects.filter(rhk__skp=kasus.skp)}


def simpan(kasus, user, isian, revisi=None):
    return realisasi_simpan(user=user, penilaian=kasus.penilaian, isian=isian, revisi=revisi)


@pytest.mark.parametrize(
    ("teks", "nilai"),
    [("1.500", Decimal(1500)), ("99,5", Decimal("99.5")), ("13", Decimal(13)),
     ("1.500.000,25", Decimal("1500000.25")), (" 7 ", Decimal(7)), ("", None)],
)  # fmt: skip
def test_angka_dibaca_seperti_target_skp(teks, nilai):
    assert baca_isian(ANGKA, teks) == (nilai, "")


@pytest.mark.parametrize(
    ("teks", "pesan"),
    [
        ("tiga belas", "bukan angka"),
        ("13 laporan", "bukan angka"),
        ("-2", "negatif"),
        ("1,255", "dua angka di belakang koma"),
        ("1" * 20, "terlalu besar"),
    ],
)
def test_angka_salah_jenis_ditolak_dengan_pesan(teks, pesan):
    with pytest.raises(ValidationError, match=pesan):
        baca_isian(ANGKA, teks)


def test_tanggal_dan_teks():
    assert baca_isian(TANGGAL, "2026-03-20") == (None, "2026-03-20")
    assert baca_isian(TANGGAL, "20-03-2026") == (None, "2026-03-20")
    with pytest.raises(ValidationError, match="bukan tanggal"):
        baca_isian(TANGGAL, "minggu depan")
    assert baca_isian(TEKS, "  Data 12 desa tervalidasi ") == (None, "Data 12 desa tervalidasi")
    with pytest.raises(ValidationError, match="2000"):
        baca_isian(TEKS, "x" * 2001)


def test_jenis_isian_per_indikator(kasus):
    ind = indikator(kasus)
    assert jenis_isian(kasus.skp, ind["kuantitas"]) == ANGKA
    ind["waktu"].target_min, ind["waktu"].target_tanggal = None, date(2026, 12, 31)
    assert jenis_isian(kasus.skp, ind["waktu"]) == TANGGAL
    kasus.skp.pendekatan = "kualitatif"
    assert jenis_isian(kasus.skp, ind["kuantitas"]) == TEKS


def test_persentase_terhadap_target_tahunan_batas_bawah_dan_bukan_waktu(kasus):
    ind = indikator(kasus)
    assert persentase(ind["kuantitas"], Decimal(13)) == Decimal("25.0")  # 13 of 52
    assert persentase(ind["kualitas"], Decimal(99)) == Decimal("110.0")  # range 90-100: of 90
    assert persentase(ind["waktu"], Decimal(1)) is None  # aspek Waktu: not computed
    assert persentase(ind["kuantitas"], None) is None
    ind["kuantitas"].target_min = Decimal(0)
    assert persentase(ind["kuantitas"], Decimal(5)) is None


def test_simpan_menulis_semua_nilai_dan_menaikkan_revisi(kasus, pemeran):
    ind = indikator(kasus)
    revisi = kasus.penilaian.revisi
    berubah = simpan(
        kasus, pemeran.pegawai.user,
        {ind["kuantitas"].pk: "1.500", ind["kualitas"].pk: "99,5", ind["waktu"].pk: ""},
        revisi=revisi,
    )  # fmt: skip
    assert berubah
    nilai = dict(Realisasi.objects.values_list("indikator_id", "nilai"))
    assert nilai == {ind["kuantitas"].pk: Decimal(1500), ind["kualitas"].pk: Decimal("99.5")}
    assert PenilaianPeriodik.objects.get().revisi == revisi + 1


def test_satu_nilai_salah_tidak_menulis_apa_pun(kasus, pemeran):
    ind = indikator(kasus)
    simpan(kasus, pemeran.pegawai.user, {ind["kuantitas"].pk: "10"})
    revisi = PenilaianPeriodik.objects.get().revisi
    with pytest.raises(ValidationError) as e:
        simpan(
            kasus, pemeran.pegawai.user,
            {ind["kuantitas"].pk: "13", ind["kualitas"].pk: "sembilan puluh", ind["waktu"].pk: "-1"},
        )  # fmt: skip
    galat = e.value.message_dict
    assert set(galat) == {nama_isian(ind["kualitas"].pk), nama_isian(ind["waktu"].pk)}
    assert "bukan angka" in galat[nama_isian(ind["kualitas"].pk)][0]
    assert list(Realisasi.objects.values_list("nilai", flat=True)) == [Decimal(10)]
    assert PenilaianPeriodik.objects.get().revisi == revisi


def test_mengosongkan_menghapus_realisasi(kasus, pemeran):
    ind = indikator(kasus)
    simpan(kasus, pemeran.pegawai.user, {ind["kuantitas"].pk: "10"})
    simpan(kasus, pemeran.pegawai.user, {ind["kuantitas"].pk: ""})
    assert not Realisasi.objects.exists()


def test_skp_kualitatif_menyimpan_teks(pemeran, skp_atasan, tw1, dalam_jendela_tw1):
    user = pemeran.pegawai.user
    skp = skp_services.skp_buat(user=user, tahun=2026, pendekatan="kualitatif")
    rhk = skp_services.rhk_tambah(
        user=user, skp=skp, jenis="utama", uraian="Tersedianya rekap data imunisasi",
        rhk_atasan=skp_atasan.rhk1,
    )  # fmt: skip
    skp_services.indikator_tambah(
        user=user, rhk=rhk, uraian="Rekap seluruh desa tervalidasi", target_min=Decimal(100),
        satuan="%",
    )  # fmt: skip
    skp_services.ajukan(user=user, skp=skp)
    skp_services.setujui(user=pemeran.atasan.user, skp=skp)
    p = alur.pastikan_penilaian(pegawai=pemeran.pegawai, periode=tw1)
    ind = rhk.indikator.get()
    realisasi_simpan(user=user, penilaian=p, isian={ind.pk: "Rekap 12 desa tervalidasi"})
    r = Realisasi.objects.get()
    assert (r.nilai, r.teks) == (None, "Rekap 12 desa tervalidasi")


def test_halaman_usang_ditolak_tetapi_nilai_sama_bukan_kesalahan(kasus, pemeran):
    ind = indikator(kasus)
    revisi = kasus.penilaian.revisi
    simpan(kasus, pemeran.pegawai.user, {ind["kuantitas"].pk: "10"}, revisi=revisi)
    # the same form sent again (a double click): nothing changes, nothing refused
    assert simpan(kasus, pemeran.pegawai.user, {ind["kuantitas"].pk: "10"}, revisi=revisi) is False
    # another tab still showing the old page would overwrite: refused
    with pytest.raises(Kedaluwarsa, match="diubah di tab atau perangkat lain"):
        simpan(kasus, pemeran.pegawai.user, {ind["kuantitas"].pk: "12"}, revisi=revisi)
    assert Realisasi.objects.get().nilai == Decimal(10)


def test_hanya_pemilik_yang_mengisi(kasus, pemeran):
    ind = indikator(kasus)
    for user in (pemeran.atasan.user, pemeran.admin.user, pemeran.orang_luar.user):
        with pytest.raises(PermissionDenied):
            simpan(kasus, user, {ind["kuantitas"].pk: "10"})
    assert not Realisasi.objects.exists()


def test_indikator_skp_lain_ditolak(kasus, pemeran, skp_atasan):
    lain = IndikatorKinerja.objects.create(
        rhk=skp_atasan.rhk1, uraian="Indikator atasan", target_min=1, satuan="dokumen"
    )
    with pytest.raises(ValidationError, match="tidak termasuk SKP"):
        simpan(kasus, pemeran.pegawai.user, {lain.pk: "1"})


def test_di_luar_jendela_ditolak_dengan_alasan(pemeran, skp_disetujui, tw1):
    with pada(date(2026, 3, 30)):
        p = alur.pastikan_penilaian(pegawai=pemeran.pegawai, periode=tw1)
    ind = IndikatorKinerja.objects.filter(rhk__skp=skp_disetujui).first()
    with pada(date(2026, 3, 2)), pytest.raises(StatusTidakSesuai, match="dibuka mulai"):
        realisasi_simpan(user=pemeran.pegawai.user, penilaian=p, isian={ind.pk: "1"})
    with pada(date(2026, 4, 20)), pytest.raises(StatusTidakSesuai, match="sudah lewat"):
        realisasi_simpan(user=pemeran.pegawai.user, penilaian=p, isian={ind.pk: "1"})
    assert not Realisasi.objects.exists()


def test_setelah_dinilai_tidak_dapat_diubah(kasus, pemeran):
    ind = indikator(kasus)
    simpan(kasus, pemeran.pegawai.user, {ind["kuantitas"].pk: "10"})
    alur.kirim(user=pemeran.pegawai.user, penilaian=kasus.penilaian)
    # after sending, the pegawai may still correct it until the penilai rates
    simpan(kasus, pemeran.pegawai.user, {ind["kuantitas"].pk: "11"})
    beri_umpan_balik_lengkap(kasus.penilaian, pemeran.atasan)
    alur.nilai(user=pemeran.atasan.user, penilaian=kasus.penilaian,
               rating_hasil_kerja="sesuai", rating_perilaku="sesuai")  # fmt: skip
    with pytest.raises(StatusTidakSesuai, match="sudah dinilai"):
        simpan(kasus, pemeran.pegawai.user, {ind["kuantitas"].pk: "12"})
    assert Realisasi.objects.get().nilai == Decimal(11)
