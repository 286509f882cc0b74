"""Every move of the periodic evaluation: happy path with its history row, wrong state, wrong
person, and the calendar (window, deadline fallback, 14 working days for a keberatan)."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from penilaian.kuadran import Predikat, Rating
from penilaian.models import MasaTidakDinilai, PenilaianPeriodik, Realisasi, StatusPenilaian
from penilaian.services import alur
from skp.models import IndikatorKinerja
from tests.penilaian.conftest import beri_umpan_balik_lengkap, pada

A, S, B = Rating.DI_ATAS, Rating.SESUAI, Rating.DI_BAWAH


def isi_realisasi(penilaian):
    ind = IndikatorKinerja.objects.filter(rhk__skp=penilaian.skp).first()
    Realisasi.objects.create(penilaian=penilaian, indikator=ind, nilai=Decimal(13))


def dikirim(kasus, pemeran):
    isi_realisasi(kasus.penilaian)
    return alur.kirim(user=pemeran.pegawai.user, penilaian=kasus.penilaian)


def test_penilaian_dibuat_atas_skp_yang_disetujui(kasus):
    assert kasus.penilaian.skp == kasus.skp
    assert kasus.penilaian.status == StatusPenilaian.BELUM_DIISI


def test_tanpa_skp_disetujui_tidak_ada_penilaian(pemeran, skp_pegawai, tw1, dalam_jendela_tw1):
    with pytest.raises(ValidationError, match="SKP tahun 2026 yang disetujui"):
        alur.pastikan_penilaian(pegawai=pemeran.pegawai, periode=tw1)


def test_pegawai_cltn_tidak_dinilai(pemeran, skp_disetujui, tw1, dalam_jendela_tw1):
    MasaTidakDinilai.objects.create(pegawai=pemeran.pegawai, jenis="cltn", mulai=date(2026, 2, 1))
    with pytest.raises(ValidationError, match="tidak dinilai"):
        alur.pastikan_penilaian(pegawai=pemeran.pegawai, periode=tw1)


def test_kirim_mencatat_penilai_dan_riwayat(kasus, pemeran):
    p = dikirim(kasus, pemeran)
    assert p.status == StatusPenilaian.DIKIRIM
    assert p.penilai == pemeran.atasan
    r = p.riwayat.get()
    assert (r.aksi, r.dari, r.ke, r.oleh) == (
        "kirim",
        "belum_diisi",
        "dikirim",
        pemeran.pegawai.user,
    )


def test_kirim_tanpa_realisasi_ditolak(kasus, pemeran):
    with pytest.raises(ValidationError, match="realisasi"):
        alur.kirim(user=pemeran.pegawai.user, penilaian=kasus.penilaian)
    assert PenilaianPeriodik.objects.get().status == StatusPenilaian.BELUM_DIISI


def test_kirim_dua_kali_pesan_jelas(kasus, pemeran):
    dikirim(kasus, pemeran)
    with pytest.raises(ValidationError, match="sudah dikirim"):
        alur.kirim(user=pemeran.pegawai.user, penilaian=kasus.penilaian)
    assert kasus.penilaian.riwayat.count() == 1


def test_kirim_oleh_orang_lain_ditolak(kasus, pemeran):
    isi_realisasi(kasus.penilaian)
    with pytest.raises(PermissionDenied):
        alur.kirim(user=pemeran.atasan.user, penilaian=kasus.penilaian)


def test_kirim_di_luar_jendela_ditolak(pemeran, skp_disetujui, tw1):
    with pada(date(2026, 3, 30)):
        p = alur.pastikan_penilaian(pegawai=pemeran.pegawai, periode=tw1)
        isi_realisasi(p)
    with pada(date(2026, 3, 2)), pytest.raises(ValidationError, match="dibuka mulai"):
        alur.kirim(user=pemeran.pegawai.user, penilaian=p)
    with pada(date(2026, 4, 20)), pytest.raises(ValidationError, match="sudah lewat"):
        alur.kirim(user=pemeran.pegawai.user, penilaian=p)


def test_nilai_butuh_umpan_balik(kasus, pemeran):
    dikirim(kasus, pemeran)
    with pytest.raises(ValidationError, match="umpan balik"):
        alur.nilai(user=pemeran.atasan.user, penilaian=kasus.penilaian,
                   rating_hasil_kerja=S, rating_perilaku=S)  # fmt: skip
    assert PenilaianPeriodik.objects.get().predikat == ""


def test_nilai_menghitung_predikat_dan_riwayat(kasus, pemeran):
    dikirim(kasus, pemeran)
    beri_umpan_balik_lengkap(kasus.penilaian, pemeran.atasan)
    p = alur.nilai(user=pemeran.atasan.user, penilaian=kasus.penilaian,
                   rating_hasil_kerja=A, rating_perilaku=A, catatan="Pertahankan.")  # fmt: skip
    assert (p.status, p.predikat, p.dinilai_oleh) == (
        "dinilai",
        Predikat.SANGAT_BAIK,
        pemeran.atasan,
    )
    r = p.riwayat.last()
    assert r.aksi == "nilai" and r.data["sesudah"]["predikat"] == "sangat_baik"


def test_nilai_diri_sendiri_atau_orang_lain_ditolak(kasus, pemeran):
    dikirim(kasus, pemeran)
    for user in (pemeran.pegawai.user, pemeran.atasan_atasan.user, pemeran.rekan_atasan.user):
        with pytest.raises(PermissionDenied):
            alur.nilai(user=user, penilaian=kasus.penilaian, rating_hasil_kerja=S,
                       rating_perilaku=S)  # fmt: skip


def test_nilai_setelah_tenggat_ditolak_lalu_atasan_penilai_menilai_final(kasus, pemeran):
    dikirim(kasus, pemeran)
    beri_umpan_balik_lengkap(kasus.penilaian, pemeran.atasan)
    beri_umpan_balik_lengkap(kasus.penilaian, pemeran.atasan_atasan)
    with pada(date(2026, 4, 15)):  # the deadline was 14 April
        with pytest.raises(ValidationError, match="sudah lewat"):
            alur.nilai(user=pemeran.atasan.user, penilaian=kasus.penilaian,
                       rating_hasil_kerja=S, rating_perilaku=S)  # fmt: skip
        p = alur.nilai(user=pemeran.atasan_atasan.user, penilaian=kasus.penilaian,
                       rating_hasil_kerja=S, rating_perilaku=B, oleh_atasan=True)  # fmt: skip
        assert p.oleh_atasan_penilai and p.predikat == Predikat.KURANG
        with pytest.raises(ValidationError, match="final"):
            alur.ajukan_keberatan(user=pemeran.pegawai.user, penilaian=p, alasan="Tidak adil")


def test_atasan_penilai_tidak_menilai_sebelum_tenggat(kasus, pemeran):
    dikirim(kasus, pemeran)
    with pytest.raises(ValidationError, match="setelah batas waktu"):
        alur.nilai(user=pemeran.atasan_atasan.user, penilaian=kasus.penilaian,
                   rating_hasil_kerja=S, rating_perilaku=S, oleh_atasan=True)  # fmt: skip


def _dinilai(kasus, pemeran, hasil=S, perilaku=S):
    dikirim(kasus, pemeran)
    beri_umpan_balik_lengkap(kasus.penilaian, pemeran.atasan)
    return alur.nilai(user=pemeran.atasan.user, penilaian=kasus.penilaian,
                      rating_hasil_kerja=hasil, rating_perilaku=perilaku)  # fmt: skip


def test_terima(kasus, pemeran):
    p = alur.terima(user=pemeran.pegawai.user, penilaian=_dinilai(kasus, pemeran))
    assert p.status == StatusPenilaian.DITERIMA
    with pytest.raises(ValidationError, match="sudah Anda terima"):
        alur.terima(user=pemeran.pegawai.user, penilaian=p)
    with pytest.raises(ValidationError, match="diterima pegawai"):
        alur.nilai(user=pemeran.atasan.user, penilaian=p, rating_hasil_kerja=A, rating_perilaku=A)


def test_keberatan_lalu_diputuskan_mengubah_rating(kasus, pemeran):
    p = _dinilai(kasus, pemeran, hasil=B, perilaku=S)
    p = alur.ajukan_keberatan(user=pemeran.pegawai.user, penilaian=p, alasan="Bukti Q1 lengkap.")
    assert p.status == StatusPenilaian.KEBERATAN
    with pytest.raises(PermissionDenied):
        alur.putuskan(user=pemeran.atasan.user, penilaian=p, rating_hasil_kerja=S,
                      rating_perilaku=S, catatan="x")  # fmt: skip
    with pytest.raises(ValidationError, match="dasar keputusan"):
        alur.putuskan(user=pemeran.atasan_atasan.user, penilaian=p, rating_hasil_kerja=S,
                      rating_perilaku=S, catatan=" ")  # fmt: skip
    p = alur.putuskan(user=pemeran.atasan_atasan.user, penilaian=p, rating_hasil_kerja=S,
                      rating_perilaku=S, catatan="Bukti mendukung.")  # fmt: skip
    assert (p.status, p.predikat, p.diputuskan_oleh) == (
        "diputuskan",
        "baik",
        pemeran.atasan_atasan,
    )
    assert [r.aksi for r in p.riwayat.all()] == ["kirim", "nilai", "keberatan", "putuskan"]


def test_keberatan_lewat_14_hari_kerja_ditolak(kasus, pemeran):
    p = _dinilai(kasus, pemeran)  # rated Monday 30 March 2026: 14 working days = 17 April
    with pada(date(2026, 4, 17)):
        alur.ajukan_keberatan(user=pemeran.pegawai.user, penilaian=p, alasan="Masih dalam batas.")
    p2 = PenilaianPeriodik.objects.get(pk=p.pk)
    assert p2.status == StatusPenilaian.KEBERATAN


def test_keberatan_hari_ke_15_ditolak(kasus, pemeran):
    p = _dinilai(kasus, pemeran)
    with pada(date(2026, 4, 20)), pytest.raises(ValidationError, match="14 hari kerja"):
        alur.ajukan_keberatan(user=pemeran.pegawai.user, penilaian=p, alasan="Terlambat.")


def test_database_menolak_predikat_yang_tidak_sesuai_kuadran(kasus):
    with pytest.raises(IntegrityError), transaction.atomic():
        PenilaianPeriodik.objects.filter(pk=kasus.penilaian.pk).update(
            rating_hasil_kerja=S, rating_perilaku=S, predikat=Predikat.SANGAT_BAIK
        )


def test_halaman_kedaluwarsa_ditolak(kasus, pemeran):
    isi_realisasi(kasus.penilaian)
    with pytest.raises(ValidationError, match="tab atau perangkat lain"):
        alur.kirim(user=pemeran.pegawai.user, penilaian=kasus.penilaian, revisi=99)
