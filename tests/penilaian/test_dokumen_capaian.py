"""The evaluation form prints the capaian of the unit led by the penilai and the pattern chart
as it stood when the form was issued."""

import pytest

from penilaian.dokumen import terbitkan
from penilaian.services.capaian import tetapkan_capaian
from tests.penilaian.test_dokumen import baca_dokumen, dinilai, teks

pytestmark = pytest.mark.django_db


def test_formulir_mencetak_capaian_dan_pola(
    kasus, pemeran, sertifikat, django_capture_on_commit_callbacks
):
    tetapkan_capaian(user=pemeran.atasan_atasan.user, unit_kerja=pemeran.atasan.jabatan.unit_kerja,
                     periode=kasus.periode, capaian="butuh_perbaikan")  # fmt: skip
    p = dinilai(kasus, pemeran, django_capture_on_commit_callbacks)
    isi = teks(baca_dokumen(terbitkan(p)))
    assert "CAPAIAN KINERJA ORGANISASI Butuh Perbaikan" in isi
    assert "Belum ditetapkan" not in isi
    # The pattern of the penilai's one bawahan, rated Baik, under Butuh Perbaikan.
    assert "Capaian kinerja organisasi Butuh Perbaikan, unit berisi 1 pegawai" in isi
    assert "Pola TIDAK sesuai" in isi


def test_formulir_tanpa_capaian_menyebut_belum_ditetapkan(
    kasus, pemeran, sertifikat, django_capture_on_commit_callbacks
):
    p = dinilai(kasus, pemeran, django_capture_on_commit_callbacks)
    isi = teks(baca_dokumen(terbitkan(p)))
    assert "CAPAIAN KINERJA ORGANISASI Belum ditetapkan" in isi
    assert "setelah capaian kinerja organisasi periode ini ditetapkan" in isi
