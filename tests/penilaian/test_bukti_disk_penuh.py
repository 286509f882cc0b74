"""A bukti dukung upload that meets a full disk halfway: refused with the clear message, no row,
and not even the half-written file left behind (Django's storage would leave it)."""

import pytest
from django.core.exceptions import ValidationError

from penilaian.models import BuktiDukung
from tests import contoh_berkas as contoh
from tests.penilaian.test_bukti import tambah, unggahan
from tests.penyimpanan_rusak import berkas_di, disk_penuh


def test_disk_penuh_di_tengah_unggahan_tanpa_baris_tanpa_sisa(kasus, pemeran, settings):
    asli = disk_penuh(settings)
    with pytest.raises(ValidationError, match="penyimpanan berkas sedang bermasalah"):
        tambah(kasus, pemeran, berkas=unggahan("rekap.pdf", contoh.pdf()))
    assert not BuktiDukung.objects.exists()
    assert berkas_di(settings.MEDIA_ROOT) == []
    settings.STORAGES = asli
    bukti = tambah(kasus, pemeran, berkas=unggahan("rekap.pdf", contoh.pdf()))
    assert berkas_di(settings.MEDIA_ROOT) == [bukti.berkas.name]
