"""Who evaluates (issue 13 item 7): the penilai in force on the period, Plt/Plh included, the
mutasi rules, pegawai not evaluated, and that whoever acts on an evaluation may read it."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from organisasi.models import JenisJabatan, PenugasanSementara
from penilaian import access
from penilaian.models import MasaTidakDinilai, PerpanjanganPegawai, Realisasi
from penilaian.selectors import atasan_penilai, penilai_periode
from penilaian.services import alur
from skp.models import IndikatorKinerja
from tests.factories import JabatanFactory, PegawaiFactory, UnitKerjaFactory
from tests.penilaian.conftest import beri_umpan_balik_lengkap, pada


def _kirim(kasus, pemeran):
    ind = IndikatorKinerja.objects.filter(rhk__skp=kasus.skp).first()
    Realisasi.objects.create(penilaian=kasus.penilaian, indikator=ind, nilai=Decimal(3))
    return alur.kirim(user=pemeran.pegawai.user, penilaian=kasus.penilaian)


def _segar(kasus):
    return access.get_penilaian_for_user(kasus.penilaian.pegawai.user, kasus.penilaian.pk)


def test_plt_dari_bidang_lain_atasannya_atasan_jabatan_yang_dijabat(kasus, pemeran):
    """Rina's position is vacant and a Kasi of another bidang acts in it (Plt): she rates, and
    her atasan for this pegawai is the Kabid above Rina's position, not her own Kabid."""
    bidang_lain = UnitKerjaFactory(instansi=pemeran.instansi, kode="1.02.02", nama="Bidang Yankes",
                                   induk=pemeran.kepala.jabatan.unit_kerja)  # fmt: skip
    kabid_lain = PegawaiFactory(nama="Kabid Yankes", jabatan=JabatanFactory(
        unit_kerja=bidang_lain, jenis=JenisJabatan.ADMINISTRATOR, atasan=pemeran.kepala.jabatan))  # fmt: skip
    plt = PegawaiFactory(nama="Kasi Rujukan", jabatan=JabatanFactory(
        unit_kerja=bidang_lain, jenis=JenisJabatan.PENGAWAS, atasan=kabid_lain.jabatan))  # fmt: skip
    pemeran.atasan.aktif = False
    pemeran.atasan.save()
    PenugasanSementara.objects.create(jabatan=pemeran.atasan.jabatan, pegawai=plt,
                                      mulai=date(2026, 3, 1), selesai=date(2026, 6, 30))  # fmt: skip
    p = _segar(kasus)
    assert penilai_periode(p) == plt
    assert atasan_penilai(p) == pemeran.atasan_atasan
    assert access.adalah_atasan_penilai(pemeran.atasan_atasan.user, p)
    assert not access.adalah_atasan_penilai(kabid_lain.user, p)


def test_penilai_yang_pindah_sebelum_jendela_tidak_menilai(kasus, pemeran):
    rina = pemeran.atasan
    jabatan_kasi = rina.jabatan
    rina.jabatan = JabatanFactory(unit_kerja=pemeran.rekan_atasan.jabatan.unit_kerja,
                                  jenis=JenisJabatan.FUNGSIONAL, atasan=pemeran.atasan_atasan.jabatan)  # fmt: skip
    rina.save()
    pengganti = PegawaiFactory(nama="Kasi Baru", jabatan=jabatan_kasi)
    p = _segar(kasus)
    assert access.adalah_penilai(pengganti.user, p)
    assert not access.adalah_penilai(rina.user, p)


def test_penilai_yang_pindah_di_dalam_jendela_tetap_menilai(kasus, pemeran):
    _kirim(kasus, pemeran)  # the penilai is recorded when the realisasi is sent
    rina = pemeran.atasan
    jabatan_kasi = rina.jabatan
    rina.jabatan = JabatanFactory(unit_kerja=pemeran.rekan_atasan.jabatan.unit_kerja,
                                  jenis=JenisJabatan.FUNGSIONAL, atasan=pemeran.atasan_atasan.jabatan)  # fmt: skip
    rina.save()
    pengganti = PegawaiFactory(nama="Kasi Baru", jabatan=jabatan_kasi)
    p = _segar(kasus)
    assert access.adalah_penilai(rina.user, p)
    assert not access.adalah_penilai(pengganti.user, p)
    assert access.can(rina.user, "lihat", p)


def test_penilai_tercatat_yang_tidak_aktif_lagi_diganti_yang_berwenang(kasus, pemeran):
    _kirim(kasus, pemeran)
    pemeran.atasan.aktif = False  # retired after the realisasi was sent
    pemeran.atasan.save()
    p = _segar(kasus)
    assert penilai_periode(p) == pemeran.atasan_atasan  # the vacant position is climbed past
    assert access.adalah_penilai(pemeran.atasan_atasan.user, p)
    beri_umpan_balik_lengkap(p, pemeran.atasan_atasan)
    p = alur.nilai(user=pemeran.atasan_atasan.user, penilaian=p, rating_hasil_kerja="sesuai",
                   rating_perilaku="sesuai")  # fmt: skip
    assert p.dinilai_oleh == pemeran.atasan_atasan


def test_penilai_jauh_di_atas_jabatan_lowong_dapat_membuka_penilaian(kasus, pemeran):
    """Two vacant positions above the pegawai: the kepala rates, beyond the atasan chain the
    SKP's visibility reaches, and so may open the evaluation."""
    for orang in (pemeran.atasan, pemeran.atasan_atasan):
        orang.aktif = False
        orang.save()
    p = kasus.penilaian
    assert penilai_periode(p) == pemeran.kepala
    assert access.get_penilaian_for_user(pemeran.kepala.user, p.pk) == p
    assert access.can(pemeran.kepala.user, "nilai", p)
    with pytest.raises(Http404):
        access.get_penilaian_for_user(pemeran.rekan_atasan.user, p.pk)


def test_perpanjangan_pegawai_memperpanjang_batas_penilai(kasus, pemeran):
    _kirim(kasus, pemeran)
    PerpanjanganPegawai.objects.create(periode=kasus.periode, pegawai=pemeran.pegawai,
                                       sampai=date(2026, 4, 24), alasan="Sakit")  # fmt: skip
    beri_umpan_balik_lengkap(kasus.penilaian, pemeran.atasan)
    with pada(date(2026, 4, 20)):  # after the period's deadline (14 April), inside the extension
        p = _segar(kasus)
        assert access.can(pemeran.atasan.user, "nilai", p)
        assert not access.can(pemeran.atasan_atasan.user, "nilai_atasan", p)
        assert "24-04-2026" in access.alasan_waktu("nilai_atasan", p)
        p = alur.nilai(user=pemeran.atasan.user, penilaian=p, rating_hasil_kerja="sesuai",
                       rating_perilaku="di_atas")  # fmt: skip
        assert p.predikat == "baik"
    with pada(date(2026, 4, 27)):
        p = _segar(kasus)
        assert "sudah lewat" in access.alasan_waktu("nilai", p)


def test_pegawai_yang_kemudian_cltn_tidak_dinilai(kasus, pemeran):
    _kirim(kasus, pemeran)
    beri_umpan_balik_lengkap(kasus.penilaian, pemeran.atasan)
    MasaTidakDinilai.objects.create(pegawai=pemeran.pegawai, jenis="cltn", mulai=date(2026, 3, 1))
    p = _segar(kasus)
    assert not access.can(pemeran.atasan.user, "nilai", p)
    with pytest.raises(ValidationError, match="tidak dinilai"):
        alur.nilai(user=pemeran.atasan.user, penilaian=p, rating_hasil_kerja="sesuai",
                   rating_perilaku="sesuai")  # fmt: skip
    p.refresh_from_db()
    assert p.predikat == ""
