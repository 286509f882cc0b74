from datetime import date, timedelta

from django.utils import timezone

from organisasi.models import PenugasanSementara
from organisasi.selectors import adalah_atasan, atasan_langsung, bawahan_langsung, rantai_atasan


def test_atasan_diturunkan_dari_pohon_jabatan(pemeran):
    assert atasan_langsung(pemeran.pegawai) == pemeran.atasan
    assert rantai_atasan(pemeran.pegawai) == [pemeran.atasan, pemeran.atasan_atasan]
    assert atasan_langsung(pemeran.kepala) is None
    assert list(bawahan_langsung(pemeran.atasan)) == [pemeran.pegawai]
    assert adalah_atasan(pemeran.atasan) and not adalah_atasan(pemeran.pegawai)


def test_plt_berlaku_menjadi_atasan_dalam_rentangnya(pemeran):
    hari_ini = timezone.localdate()
    PenugasanSementara.objects.create(
        jabatan=pemeran.atasan.jabatan,
        pegawai=pemeran.rekan_atasan,
        mulai=hari_ini - timedelta(days=3),
        selesai=hari_ini + timedelta(days=30),
    )
    assert atasan_langsung(pemeran.pegawai) == pemeran.rekan_atasan
    assert pemeran.pegawai in bawahan_langsung(pemeran.rekan_atasan)
    # Outside the range the definitive holder is the atasan again.
    assert atasan_langsung(pemeran.pegawai, hari_ini + timedelta(days=31)) == pemeran.atasan
    assert atasan_langsung(pemeran.pegawai, date(2000, 1, 1)) == pemeran.atasan


def test_jabatan_atasan_lowong_naik_ke_atasnya(pemeran):
    pemeran.atasan.aktif = False
    pemeran.atasan.save()
    assert atasan_langsung(pemeran.pegawai) == pemeran.atasan_atasan


def test_plt_bentrok_atau_instansi_lain_ditolak(pemeran):
    import pytest
    from django.core.exceptions import ValidationError

    hari_ini = timezone.localdate()
    PenugasanSementara.objects.create(
        jabatan=pemeran.atasan.jabatan,
        pegawai=pemeran.rekan_atasan,
        mulai=hari_ini,
        selesai=hari_ini,
    )
    bentrok = PenugasanSementara(
        jabatan=pemeran.atasan.jabatan,
        pegawai=pemeran.atasan_atasan,
        mulai=hari_ini - timedelta(days=5),
        selesai=hari_ini + timedelta(days=5),
    )
    with pytest.raises(ValidationError, match="Sudah ada Plt/Plh lain"):
        bentrok.full_clean()
    luar = PenugasanSementara(
        jabatan=pemeran.atasan.jabatan,
        pegawai=pemeran.pegawai_lain,
        mulai=hari_ini + timedelta(days=10),
        selesai=hari_ini + timedelta(days=20),
    )
    with pytest.raises(ValidationError, match="instansi yang sama"):
        luar.full_clean()
    terbalik = PenugasanSementara(
        jabatan=pemeran.atasan.jabatan,
        pegawai=pemeran.rekan_atasan,
        mulai=hari_ini + timedelta(days=10),
        selesai=hari_ini + timedelta(days=9),
    )
    with pytest.raises(ValidationError, match="Tanggal selesai tidak boleh sebelum tanggal mulai"):
        terbalik.full_clean()
