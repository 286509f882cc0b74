"""Answers kept between requests (core/versi.py): kept until the data they come from changes.
The inbox that uses them: tests/skp/test_kotak_masuk_tersimpan.py; the store every process
shares, in each configuration: tests/core/test_cache_bersama.py."""

import io
from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core import versi
from organisasi.impor import Rencana, terapkan
from tests.core.test_memo import _jalankan

pytestmark = pytest.mark.django_db


def test_jawaban_disimpan_sampai_datanya_berubah():
    hitungan = []

    def hitung():
        hitungan.append(1)
        return len(hitungan)

    assert versi.ingat(("uji", 1), ["skp"], hitung) == 1
    assert versi.ingat(("uji", 1), ["skp"], hitung) == 1  # kept
    assert versi.ingat(("uji", 2), ["skp"], hitung) == 2  # another question
    versi.naikkan("organisasi")
    assert versi.ingat(("uji", 1), ["skp"], hitung) == 1  # other data changed: still valid
    versi.naikkan("skp")
    assert versi.ingat(("uji", 1), ["skp"], hitung) == 3  # its data changed: worked out again


def test_jawaban_none_pun_disimpan():
    hitungan = []
    for _ in range(3):
        assert versi.ingat(("kosong",), ["skp"], lambda: hitungan.append(1)) is None
    assert len(hitungan) == 1


def test_versi_dinaikkan_lagi_saat_commit(django_capture_on_commit_callbacks):
    """Once at once, and once more when the transaction commits: a request that ran between
    the two may have stored the old rows under the first new version."""
    awal = versi.versi("skp")
    with django_capture_on_commit_callbacks(execute=True):
        versi.naikkan("skp")
        sebelum_commit = versi.versi("skp")
        assert sebelum_commit != awal
    assert versi.versi("skp") not in (awal, sebelum_commit)


def test_impor_pegawai_massal_menaikkan_versi_organisasi(pemeran, monkeypatch):
    """The import writes in bulk, which sends no signal: it bumps the version itself."""
    dinaikkan = []
    monkeypatch.setattr("organisasi.impor.naikkan", lambda *n: dinaikkan.append(n))
    terapkan(pemeran.instansi, Rencana())
    assert dinaikkan == [("organisasi",)]


def test_fungsi_diingat_per_argumen_sampai_organisasi_berubah():
    dipanggil = []

    @versi.diingat_sampai_berubah("organisasi")
    def bawahan_dari(jabatan: frozenset[int], tanggal) -> list[int]:
        dipanggil.append((jabatan, tanggal))
        return sorted(jabatan)

    hari = date(2026, 12, 5)
    assert bawahan_dari(frozenset({3, 1}), hari) == [1, 3]
    assert bawahan_dari(frozenset({1, 3}), hari) == [1, 3]  # the same set: kept
    assert len(dipanggil) == 1
    bawahan_dari(frozenset({1, 3}), hari + timedelta(days=1))  # another day: another answer
    bawahan_dari(frozenset({1}), hari)
    assert len(dipanggil) == 3
    versi.naikkan("skp")
    bawahan_dari(frozenset({1, 3}), hari)
    assert len(dipanggil) == 3  # not its data
    versi.naikkan("organisasi")
    bawahan_dari(frozenset({1, 3}), hari)
    assert len(dipanggil) == 4


def test_segarkan_jawaban_setelah_basis_data_dipulihkan():
    """A restore (pg_restore) sends no signal: the command gives every piece of data a new
    version, so nothing kept from before is answered again."""
    hitungan = []
    versi.ingat(("uji",), ["skp", "organisasi"], lambda: hitungan.append(1))
    call_command("segarkan_jawaban", stdout=io.StringIO())
    versi.ingat(("uji",), ["skp", "organisasi"], lambda: hitungan.append(1))
    assert len(hitungan) == 2


def test_versi_dibaca_sekali_per_permintaan_dan_tulisannya_sendiri_terlihat():
    def isi():
        with CaptureQueriesContext(connection) as q:
            a = versi.versi("skp")
            b = versi.versi("skp")
        versi.naikkan("skp")  # a GET that writes
        return a, b, len(q), versi.versi("skp")

    versi.versi("skp")  # exists already, as it does after the first request
    a, b, kueri, sesudah = _jalankan("GET", isi)["nilai"]
    assert a == b and sesudah != a
    assert kueri <= 1  # the database cache read once (redis: no query at all)
    assert versi.versi("skp") == sesudah  # and the next request reads what it wrote


def test_versi_lain_ikut_terbaca_dalam_satu_perjalanan():
    """A page asks for one version after another (the navbar "skp" and "organisasi", its own
    part "kinerja" too): the first read of a GET fetches all of them in one round trip."""
    versi.versi(*versi.VERSI)  # they exist, as they do after the first request

    def isi():
        with CaptureQueriesContext(connection) as q:
            pertama = versi.versi("skp")
        with CaptureQueriesContext(connection) as q2:
            lainnya = versi.versi("organisasi", "kinerja")
        return pertama, lainnya, len(q), len(q2)

    pertama, lainnya, kueri_pertama, kueri_lainnya = _jalankan("GET", isi)["nilai"]
    assert kueri_pertama <= 1 and kueri_lainnya == 0
    assert (pertama + lainnya) == versi.versi("skp", "organisasi", "kinerja")


@pytest.fixture
def bumps(monkeypatch) -> list[tuple[str, ...]]:
    """Each write of new versions to the store, by the names it bumps."""
    catatan: list[tuple[str, ...]] = []
    asli = versi._ganti

    def ganti(nama):
        catatan.append(tuple(sorted(nama)))
        asli(nama)

    monkeypatch.setattr(versi, "_ganti", ganti)
    return catatan


def test_banyak_tulisan_satu_transaksi_sekali_naik(bumps, django_capture_on_commit_callbacks):
    """A transaction writing many rows bumps each version once at once and once at commit."""
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        for _ in range(20):
            versi.naikkan("kinerja")
        versi.naikkan("skp", "kinerja")
    assert bumps == [("kinerja",), ("skp",), ("kinerja", "skp")]
    assert len(callbacks) == 1


def test_tulisan_sesudah_dibaca_naik_lagi(bumps):
    """Write, read (an answer kept under the new version), write again: the second write must
    bump at once, or the answer kept from the first state would be served."""
    hitungan = []
    versi.naikkan("skp")
    versi.ingat(("uji",), ["skp"], lambda: hitungan.append(1))
    versi.naikkan("skp")
    versi.ingat(("uji",), ["skp"], lambda: hitungan.append(1))
    assert len(hitungan) == 2 and bumps == [("skp",), ("skp",)]


def test_savepoint_dibatalkan_membawa_kenaikannya(bumps):
    """With the database store, a savepoint rolled back takes its bump with it: the next write
    bumps again, and nothing kept before the first write is served after the second."""
    from django.db import transaction

    hitungan = []
    versi.naikkan("skp")  # this transaction's first write: its commit bump is registered here
    versi.ingat(("uji",), ["skp"], lambda: hitungan.append(1))
    with pytest.raises(RuntimeError), transaction.atomic():
        versi.naikkan("skp")  # bumped inside the savepoint...
        raise RuntimeError  # ...and undone with it (database store)
    versi.naikkan("skp")
    versi.ingat(("uji",), ["skp"], lambda: hitungan.append(1))
    assert len(hitungan) == 2 and bumps == [("skp",)] * 3


@pytest.mark.django_db(transaction=True)
def test_di_luar_transaksi_sekali_naik(bumps):
    """In autocommit the write is committed already: one bump serves as both."""
    awal = versi.versi("skp")
    versi.naikkan("skp")
    assert bumps == [("skp",)] and versi.versi("skp") != awal


def test_di_dalam_transaksi_jawaban_dihitung_tanpa_disimpan(pemeran, settings):
    """An answer worked out inside a transaction of the application's own may hold rows that
    are yet to be rolled back, and the cache is not rolled back with them: it is neither kept
    nor read there. The at-once bump of the rolled back write stays current after the
    rollback, so an answer kept under it would have been served until the next write."""
    from django.db import transaction

    from organisasi.models import UnitKerja

    settings.CACHES = {
        **settings.CACHES,
        "bersama": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "t"},
    }
    hitung = lambda: sorted(UnitKerja.objects.values_list("nama", flat=True))  # noqa: E731
    sebelum = versi.ingat(("unit",), ["organisasi"], hitung)
    with pytest.raises(RuntimeError), transaction.atomic():
        unit = UnitKerja.objects.order_by("pk").first()
        UnitKerja.objects.filter(pk=unit.pk).update(nama="Dibatalkan")
        versi.naikkan("organisasi")
        assert "Dibatalkan" in versi.ingat(("unit",), ["organisasi"], hitung)  # its own write
        raise RuntimeError
    assert versi.ingat(("unit",), ["organisasi"], hitung) == sebelum


def test_jawaban_juga_disimpan_di_proses_ini_tanpa_bertanya_ke_penyimpan_bersama(monkeypatch):
    """A kept answer asked again in the same process costs no round trip to the shared store
    (only its versions are read there), each caller gets its own objects, and a write still
    makes it be worked out again."""
    from django.core.cache import caches

    hitungan = []

    def hitung():
        hitungan.append(1)
        return {"daftar": [len(hitungan)]}

    pertama = versi.ingat(("dekat", 1), ["skp"], hitung)
    dibaca = []
    bersama = caches["bersama"]
    asli = bersama.get
    monkeypatch.setattr(bersama, "get", lambda *a, **k: dibaca.append(a) or asli(*a, **k))
    kedua = versi.ingat(("dekat", 1), ["skp"], hitung)
    assert kedua == pertama == {"daftar": [1]} and hitungan == [1]
    assert dibaca == []  # served here
    kedua["daftar"].append("diubah pemanggil")
    assert versi.ingat(("dekat", 1), ["skp"], hitung) == {"daftar": [1]}  # its own copy
    versi.naikkan("skp")
    assert versi.ingat(("dekat", 1), ["skp"], hitung) == {"daftar": [2]}


def test_jawaban_yang_melebihi_batas_proses_tetap_dari_penyimpan_bersama(settings, monkeypatch):
    """An answer larger than this process's bound is not copied here (nor does it push the
    others out): it is read from the shared store, still worked out once."""
    monkeypatch.setattr(versi, "_dekat", None)
    settings.JAWABAN_DEKAT_MB = 1
    hitungan = []

    def hitung():
        hitungan.append(1)
        return "x" * (2 * 1024 * 1024)

    for _ in range(3):
        assert len(versi.ingat(("besar",), ["skp"], hitung)) == 2 * 1024 * 1024
    assert hitungan == [1]
    assert len(versi._penyimpan_dekat()) == 0


def test_batas_proses_menghitung_beban_tiap_entri(settings, monkeypatch):
    """Tiny answers (a None) cost their key and the LRU's bookkeeping, several times their
    pickled bytes: the bound counts that too, so many of them cannot outgrow it."""
    monkeypatch.setattr(versi, "_dekat", None)
    settings.JAWABAN_DEKAT_MB = 1
    for i in range(5000):
        versi.ingat(("kecil", i), ["skp"], lambda: None)
    penyimpan = versi._penyimpan_dekat()
    assert len(penyimpan) <= 1024 * 1024 // versi._BEBAN_ENTRI
    assert penyimpan.currsize <= penyimpan.maxsize
