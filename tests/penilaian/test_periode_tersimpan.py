"""The periods of a year are kept between requests (penilaian/periode.periode_tahun): every
evaluation page and dashboard asks for two years of them. They must follow the admin's choice
of monthly periods and a moved deadline at once, and a transaction that made them and was
rolled back must leave nothing kept."""

from datetime import date

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from penilaian.models import Periode
from penilaian.periode import periode_tahun
from penilaian.services import periode as layanan

pytestmark = pytest.mark.django_db


def test_dibaca_sekali_lalu_disimpan(pemeran):
    periode_tahun(pemeran.instansi, 2026)  # made on first need (which bumps "kinerja")
    pertama = periode_tahun(pemeran.instansi, 2026)
    with CaptureQueriesContext(connection) as kueri:
        kedua = periode_tahun(pemeran.instansi, 2026)
    assert [p.pk for p in kedua] == [p.pk for p in pertama] and len(kedua) == 4
    assert not [q for q in kueri.captured_queries if "penilaian_periode" in q["sql"]]


def test_mengikuti_jenis_bulanan_dan_tenggat_diperpanjang(pemeran):
    admin = pemeran.admin.user
    assert len(periode_tahun(pemeran.instansi, 2027)) == 4
    layanan.atur_jenis_periode(user=admin, instansi=pemeran.instansi, tahun=2027, jenis="bulanan")
    bulanan = periode_tahun(pemeran.instansi, 2027)
    assert len(bulanan) == 12 and bulanan[0].jenis == "bulanan"
    januari = bulanan[0]
    layanan.perpanjang_periode(
        user=admin, periode=januari, tenggat=date(2027, 3, 1), alasan="Gangguan jaringan"
    )
    assert periode_tahun(pemeran.instansi, 2027)[0].tenggat == date(2027, 3, 1)


def test_transaksi_dibatalkan_tidak_meninggalkan_periode_tersimpan(pemeran, settings, monkeypatch):
    """Periods made inside a transaction that is then rolled back are never kept. In redis the
    kept answers are not rolled back with the database, and a request that read the version
    before the transaction's bump would look them up under it: the bump is held back here to
    stand for that request."""
    settings.CACHES = {
        **settings.CACHES,
        "bersama": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "p"},
    }
    from core import versi

    with pytest.raises(RuntimeError), transaction.atomic():
        monkeypatch.setattr(versi, "_ganti", lambda nama: None)
        dibuat = periode_tahun(pemeran.instansi, 2028)  # made inside, then rolled back
        assert len(dibuat) == 4
        raise RuntimeError
    monkeypatch.undo()
    assert not Periode.objects.filter(instansi=pemeran.instansi, tahun=2028).exists()
    sesudah = periode_tahun(pemeran.instansi, 2028)
    assert len(sesudah) == 4
    assert Periode.objects.filter(pk__in=[p.pk for p in sesudah]).count() == 4


def test_periode_dari_id_dari_yang_tersimpan_dan_hanya_milik_instansinya(pemeran):
    """A page's ?periode=<id> is found among the kept periods of this year and last year with
    no query; an older one is read; another instansi's, or an id that is no period, is None."""
    from django.utils import timezone

    from penilaian.periode import periode_dari_id

    instansi_lain = pemeran.instansi_lain
    tahun = timezone.localdate().year
    ini = periode_tahun(pemeran.instansi, tahun)[2]
    lalu = periode_tahun(pemeran.instansi, tahun - 1)[0]
    lama = periode_tahun(pemeran.instansi, tahun - 3)[1]
    milik_lain = periode_tahun(instansi_lain, tahun)[2]
    periode_dari_id(pemeran.instansi, ini.pk)  # made and kept (making them bumps "kinerja")
    with CaptureQueriesContext(connection) as kueri:
        assert periode_dari_id(pemeran.instansi, ini.pk) == ini
        assert periode_dari_id(pemeran.instansi, lalu.pk) == lalu
    assert not [q for q in kueri.captured_queries if "penilaian_periode" in q["sql"]]
    assert periode_dari_id(pemeran.instansi, lama.pk) == lama
    assert periode_dari_id(pemeran.instansi, milik_lain.pk) is None
    assert periode_dari_id(instansi_lain, ini.pk) is None
    assert periode_dari_id(pemeran.instansi, 987654321) is None
