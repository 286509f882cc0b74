from datetime import date, timedelta

import pytest
from django.utils import timezone

from organisasi.models import PenugasanSementara
from organisasi.selectors import (
    adalah_atasan,
    atasan_langsung,
    bawahan_langsung,
    pejabat_per_jabatan,
    rantai_atasan,
)
from tests.factories import JabatanFactory, PegawaiFactory


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


def test_pejabat_per_jabatan_sama_dengan_atasan_langsung(pemeran):
    """The batch routing agrees with atasan_langsung: holder, Plt in force, vacancy climbs up."""
    hari_ini = timezone.localdate()
    PenugasanSementara.objects.create(
        jabatan=pemeran.atasan_atasan.jabatan,
        pegawai=pemeran.rekan_atasan,
        mulai=hari_ini - timedelta(days=1),
        selesai=hari_ini + timedelta(days=1),
    )
    pemeran.atasan.aktif = False  # the seksi head's position is vacant: the Plt above acts
    pemeran.atasan.save()
    kasi, kabid, kadis = (
        p.jabatan_id for p in (pemeran.atasan, pemeran.atasan_atasan, pemeran.kepala)
    )
    assert pejabat_per_jabatan([kasi, kabid, kadis]) == {
        kasi: pemeran.rekan_atasan,
        kabid: pemeran.rekan_atasan,
        kadis: pemeran.kepala,
    }
    assert atasan_langsung(pemeran.pegawai) == pemeran.rekan_atasan
    # Nobody is their own atasan: the Plt's own bawahan go one level further up.
    assert pejabat_per_jabatan([kasi], kecuali=pemeran.rekan_atasan.pk) == {kasi: pemeran.kepala}
    assert pejabat_per_jabatan([kadis], kecuali=pemeran.kepala.pk) == {kadis: None}


@pytest.mark.usefixtures("jawaban_selalu_dihitung")
def test_pejabat_per_jabatan_jumlah_query_tetap(pemeran, django_assert_max_num_queries):
    """Routing the SKP of many bawahan (the inbox, its navbar count) costs the same few
    queries for 3 superior positions as for 30, vacant ones included."""

    def posisi(jumlah: int) -> list[int]:
        ids = []
        for i in range(jumlah):
            j = JabatanFactory(
                unit_kerja=pemeran.atasan.jabatan.unit_kerja, atasan=pemeran.atasan.jabatan
            )
            if i % 3:  # every third position vacant: its holders' atasan is one level up
                PegawaiFactory(jabatan=j)
            ids.append(j.pk)
        return ids

    sedikit, banyak = posisi(3), posisi(30)
    with django_assert_max_num_queries(6) as awal:
        hasil = pejabat_per_jabatan(sedikit)
    assert hasil[sedikit[0]] == pemeran.atasan
    with django_assert_max_num_queries(len(awal.captured_queries)):
        hasil = pejabat_per_jabatan(banyak)
    assert sum(1 for p in hasil.values() if p == pemeran.atasan) == 10
