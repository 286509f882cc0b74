"""The one function that decides an RHK's status, at its boundaries: exactly on schedule, one unit
behind, on the last day of a period, done early, no target, a Waktu target (less is better), a
deadline; the trajectories it reads; and which indicator measures an RHK."""

from datetime import date
from decimal import Decimal
from types import SimpleNamespace

import pytest

from monitoring.kemajuan import (
    JenisUkuran,
    StatusRhk,
    lintasan_bertahap,
    lintasan_rata,
    status_rhk,
    ukuran_rhk,
)

AKHIR = [date(2026, 3, 31), date(2026, 6, 30), date(2026, 9, 30), date(2026, 12, 31)]
RATA = lintasan_rata(Decimal(52), AKHIR)  # 13, 26, 39, 52


def jumlah(realisasi, hari: date, target=Decimal(52), lintasan=RATA):
    return status_rhk(
        jenis=JenisUkuran.JUMLAH, target=target, lintasan=lintasan,
        realisasi=None if realisasi is None else Decimal(realisasi), hari_ini=hari,
    )  # fmt: skip


def test_lintasan_rata_membagi_target_tahunan_per_periode():
    assert [t.target for t in RATA] == [13, 26, 39, 52]
    bulanan = lintasan_rata(Decimal(10), [date(2026, b, 28) for b in range(1, 13)])
    assert bulanan[0].target == Decimal("0.83") and bulanan[-1].target == 10


def test_lintasan_rencana_aksi_dijumlahkan_per_periode():
    assert [t.target for t in lintasan_bertahap([15, 40, 40, 5], AKHIR)] == [15, 55, 95, 100]


def test_tepat_sesuai_lintasan_adalah_sesuai_jadwal():
    k = jumlah(13, date(2026, 4, 1))  # triwulan I (13) has ended
    assert k.status == StatusRhk.SESUAI_JADWAL
    assert (k.seharusnya, k.kurang, k.persen) == (13, 0, 25)


def test_kurang_satu_dari_lintasan_adalah_terlambat():
    k = jumlah(12, date(2026, 4, 1))
    assert k.status == StatusRhk.TERLAMBAT and k.kurang == 1
    assert jumlah("12.99", date(2026, 4, 1)).status == StatusRhk.TERLAMBAT


def test_target_periode_jatuh_tempo_setelah_hari_terakhirnya():
    # On 31 March, the last day of triwulan I, its 13 are not due yet.
    assert jumlah(0, date(2026, 3, 31)).status == StatusRhk.BELUM_MULAI
    assert jumlah(5, date(2026, 3, 31)).status == StatusRhk.SESUAI_JADWAL
    assert jumlah(0, date(2026, 4, 1)).status == StatusRhk.TERLAMBAT


def test_belum_ada_realisasi_dan_belum_ada_yang_jatuh_tempo_adalah_belum_mulai():
    assert jumlah(None, date(2026, 1, 15)).status == StatusRhk.BELUM_MULAI


def test_selesai_lebih_awal():
    k = jumlah(52, date(2026, 2, 1))
    assert (k.status, k.persen) == (StatusRhk.SELESAI, 100)
    assert jumlah(60, date(2026, 2, 1)).status == StatusRhk.SELESAI
    # ... and after the year, only reaching the target counts
    assert jumlah(51, date(2027, 1, 2)).status == StatusRhk.TERLAMBAT


def test_persen_dibulatkan_ke_bawah_agar_belum_selesai_tidak_tampak_100():
    assert jumlah("51.9", date(2026, 12, 1)).persen == 99


def test_lintasan_rencana_aksi():
    lintasan = lintasan_bertahap([Decimal(15), Decimal(40), Decimal(40), Decimal(5)], AKHIR)
    assert jumlah(55, date(2026, 7, 1), Decimal(100), lintasan).status == StatusRhk.SESUAI_JADWAL
    assert jumlah(54, date(2026, 7, 1), Decimal(100), lintasan).status == StatusRhk.TERLAMBAT
    # a period without rencana aksi asks nothing more
    kosong = lintasan_bertahap([Decimal(10), Decimal(0), Decimal(0), Decimal(0)], AKHIR)
    assert jumlah(10, date(2026, 10, 1), Decimal(12), kosong).status == StatusRhk.SESUAI_JADWAL


@pytest.mark.parametrize("target", [None, Decimal(0)])
def test_tanpa_target_hanya_ada_tidaknya_kegiatan(target):
    def s(**kw):
        return status_rhk(jenis=JenisUkuran.JUMLAH, target=target, lintasan=RATA,
                          hari_ini=date(2026, 11, 1), **kw).status  # fmt: skip

    assert s(realisasi=None) == StatusRhk.BELUM_MULAI
    assert s(realisasi=None, ada_kegiatan=True) == StatusRhk.SESUAI_JADWAL
    assert s(realisasi=Decimal(3)) == StatusRhk.SESUAI_JADWAL
    k = status_rhk(jenis=JenisUkuran.TANPA, target=None, lintasan=RATA, realisasi=None,
                   hari_ini=date(2027, 3, 1))  # fmt: skip
    assert k.status == StatusRhk.BELUM_MULAI and k.persen is None


def waktu(realisasi, hari: date):
    return status_rhk(
        jenis=JenisUkuran.WAKTU, target=Decimal(2), lintasan=RATA,
        realisasi=None if realisasi is None else Decimal(realisasi), hari_ini=hari,
    )  # fmt: skip


def test_waktu_makin_kecil_makin_baik_dan_tidak_dijumlahkan():
    assert waktu(None, date(2026, 5, 1)).status == StatusRhk.BELUM_MULAI
    assert waktu(2, date(2026, 5, 1)).status == StatusRhk.SESUAI_JADWAL  # exactly the target
    assert waktu("1.5", date(2026, 5, 1)).status == StatusRhk.SESUAI_JADWAL
    k = waktu(3, date(2026, 5, 1))  # one unit slower than the target
    assert k.status == StatusRhk.TERLAMBAT and k.kurang == 1 and k.persen is None
    assert waktu(2, date(2027, 1, 1)).status == StatusRhk.SELESAI
    assert waktu(None, date(2027, 1, 1)).status == StatusRhk.TERLAMBAT


def test_tenggat():
    def s(realisasi, hari, **kw):
        return status_rhk(jenis=JenisUkuran.TENGGAT, target=None, lintasan=RATA,
                          realisasi=realisasi, hari_ini=hari, tenggat=date(2026, 6, 30), **kw).status  # fmt: skip

    assert s(None, date(2026, 6, 30)) == StatusRhk.BELUM_MULAI  # the deadline day is still on time
    assert s(None, date(2026, 6, 30), ada_kegiatan=True) == StatusRhk.SESUAI_JADWAL
    assert s(None, date(2026, 7, 1)) == StatusRhk.TERLAMBAT
    assert s(Decimal(1), date(2026, 7, 1)) == StatusRhk.SELESAI


def ind(aspek="", target=None, satuan="", tanggal=None):
    return SimpleNamespace(aspek=aspek, target_min=target, satuan=satuan, target_tanggal=tanggal)


def test_ukuran_rhk():
    kuantitas = ind("kuantitas", Decimal(52), "laporan")
    kkw = [ind("kualitas", Decimal(90), "%"), kuantitas, ind("waktu", Decimal(2), "hari")]
    assert ukuran_rhk(kkw) == (kuantitas, JenisUkuran.JUMLAH)
    persen = ind("kuantitas", Decimal(95), "%")
    assert ukuran_rhk([persen])[1] == JenisUkuran.TANPA  # a level does not add up
    jpt = ind("", Decimal(30), "unit")
    assert ukuran_rhk([ind("", Decimal(80), "persen"), jpt]) == (jpt, JenisUkuran.JUMLAH)
    hanya_waktu = ind("waktu", Decimal(3), "hari")
    assert ukuran_rhk([ind("kualitas", Decimal(90), "%"), hanya_waktu]) == (
        hanya_waktu, JenisUkuran.WAKTU,
    )  # fmt: skip
    tenggat = ind("kuantitas", None, "", date(2026, 6, 30))
    assert ukuran_rhk([tenggat]) == (tenggat, JenisUkuran.TENGGAT)
    assert ukuran_rhk(kkw, kualitatif=True) == (None, JenisUkuran.TANPA)
    assert ukuran_rhk([]) == (None, JenisUkuran.TANPA)
