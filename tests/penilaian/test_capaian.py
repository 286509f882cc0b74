"""Capaian kinerja organisasi: who sets a unit's, refusals, history, and the capaian that
counts for an evaluation (incl. last year's annual one after 31 January)."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from organisasi.models import PenugasanSementara
from penilaian.capaian import capaian_untuk_penilaian, pimpinan_unit, unit_dipimpin
from penilaian.models import CapaianUnit
from penilaian.periode import periode_tahun
from penilaian.services.capaian import tetapkan_capaian
from tests.penilaian.conftest import pada

pytestmark = pytest.mark.django_db


def _seksi(pemeran):
    return pemeran.pegawai.jabatan.unit_kerja


def test_pemimpin_unit_satu_tingkat_di_atas_kepala_unit(pemeran):
    seksi = _seksi(pemeran)
    assert pimpinan_unit(seksi) == pemeran.atasan_atasan
    assert pimpinan_unit(pemeran.atasan_atasan.jabatan.unit_kerja) == pemeran.kepala
    assert pimpinan_unit(pemeran.kepala.jabatan.unit_kerja) is None
    assert {u.nama for u in unit_dipimpin(pemeran.atasan_atasan)} == {
        "Seksi Surveilans",
        "Seksi Imunisasi",
    }
    assert unit_dipimpin(pemeran.atasan) == []


def test_pimpinan_menetapkan_dan_riwayat_disimpan(pemeran, tw1, dalam_jendela_tw1):
    seksi = _seksi(pemeran)
    a = tetapkan_capaian(user=pemeran.atasan_atasan.user, unit_kerja=seksi, periode=tw1, capaian="baik",
                         catatan="Target PK tercapai 95%.")  # fmt: skip
    assert a.atas_nama is None and a.oleh == pemeran.atasan_atasan.user
    # A double click records nothing more.
    assert tetapkan_capaian(user=pemeran.atasan_atasan.user, unit_kerja=seksi, periode=tw1, capaian="baik",
                            catatan="Target PK tercapai 95%.") == a  # fmt: skip
    b = tetapkan_capaian(
        user=pemeran.atasan_atasan.user, unit_kerja=seksi, periode=tw1, capaian="istimewa"
    )
    assert list(CapaianUnit.objects.filter(unit_kerja=seksi).order_by("pk")) == [a, b]


def test_admin_menetapkan_atas_nama_pimpinan(pemeran, tw1, dalam_jendela_tw1):
    c = tetapkan_capaian(user=pemeran.admin.user, unit_kerja=_seksi(pemeran), periode=tw1,
                         capaian="kurang")  # fmt: skip
    assert c.oleh == pemeran.admin.user and c.atas_nama == pemeran.atasan_atasan


def test_plt_pimpinan_boleh_menetapkan(pemeran, tw1, dalam_jendela_tw1):
    pemeran.atasan_atasan.aktif = False
    pemeran.atasan_atasan.save()
    PenugasanSementara.objects.create(pegawai=pemeran.rekan_atasan, jabatan=pemeran.atasan_atasan.jabatan,
                                      jenis="plt", mulai=date(2026, 1, 1), selesai=date(2026, 12, 31))  # fmt: skip
    c = tetapkan_capaian(user=pemeran.rekan_atasan.user, unit_kerja=_seksi(pemeran), periode=tw1,
                         capaian="baik")  # fmt: skip
    assert c.atas_nama is None


@pytest.mark.parametrize("siapa", ["atasan", "pegawai", "kepala", "admin_lain", "rekan_atasan"])
def test_bukan_pimpinan_ditolak(pemeran, tw1, dalam_jendela_tw1, siapa):
    with pytest.raises(ValidationError, match="tidak memimpin Seksi Surveilans"):
        tetapkan_capaian(user=getattr(pemeran, siapa).user, unit_kerja=_seksi(pemeran),
                         periode=tw1, capaian="baik")  # fmt: skip
    assert not CapaianUnit.objects.exists()


def test_periode_belum_dimulai_dan_capaian_salah_ditolak(pemeran, tw1, dalam_jendela_tw1):
    tw2 = periode_tahun(pemeran.instansi, 2026)[1]
    with pytest.raises(ValidationError, match="Triwulan II 2026 belum dimulai"):
        tetapkan_capaian(
            user=pemeran.atasan_atasan.user, unit_kerja=_seksi(pemeran), periode=tw2, capaian="baik"
        )
    with pytest.raises(ValidationError, match="Pilih capaian kinerja organisasi"):
        tetapkan_capaian(
            user=pemeran.atasan_atasan.user,
            unit_kerja=_seksi(pemeran),
            periode=tw1,
            capaian="hebat",
        )
    assert not CapaianUnit.objects.exists()


def test_capaian_untuk_penilaian_unit_penilai(kasus, pemeran):
    berlaku = capaian_untuk_penilaian(kasus.penilaian)
    assert berlaku.unit == _seksi(pemeran) and berlaku.baris is None
    assert "belum ditetapkan" in berlaku.keterangan and "Budi Kabid" in berlaku.keterangan
    tetapkan_capaian(user=pemeran.atasan_atasan.user, unit_kerja=_seksi(pemeran), periode=kasus.periode,
                     capaian="butuh_perbaikan")  # fmt: skip
    berlaku = capaian_untuk_penilaian(kasus.penilaian)
    assert berlaku.capaian == "butuh_perbaikan" and not berlaku.pengganti


def test_tahunan_belum_ditetapkan_31_januari_pakai_tahun_lalu(pemeran):
    seksi = _seksi(pemeran)
    akhir_2025 = periode_tahun(pemeran.instansi, 2025)[-1]
    akhir_2026 = periode_tahun(pemeran.instansi, 2026)[-1]
    with pada(date(2026, 1, 10)):
        tetapkan_capaian(
            user=pemeran.atasan_atasan.user,
            unit_kerja=seksi,
            periode=akhir_2025,
            capaian="istimewa",
        )
    from penilaian.capaian import capaian_berlaku

    assert capaian_berlaku(seksi, akhir_2026, date(2027, 1, 31)).baris is None
    lalu = capaian_berlaku(seksi, akhir_2026, date(2027, 2, 1))
    assert lalu.capaian == "istimewa" and lalu.pengganti
    assert "capaian tahunan 2025" in lalu.keterangan
    # A non-annual period never falls back.
    assert (
        capaian_berlaku(seksi, periode_tahun(pemeran.instansi, 2026)[0], date(2027, 2, 1)).baris
        is None
    )
