"""Progress per RHK read from the data (realisasi of the periods sent, the jurnal's results of the
others, rencana aksi as the trajectory, an earlier SKP version's entries), and the selectors the
dashboards build on, each in a fixed number of queries however much data."""

from datetime import date, timedelta
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext

from monitoring.kemajuan import JenisUkuran, StatusRhk
from monitoring.models import DialogKinerja
from monitoring.selectors import (
    jumlah_jurnal_periode,
    jurnal_terakhir,
    kemajuan_banyak,
    kemajuan_pegawai,
    tindak_lanjut_per_pegawai,
)
from penilaian.models import PenilaianPeriodik, Realisasi, RencanaAksi, StatusPenilaian
from penilaian.periode import periode_tahun
from skp import services as skp_services
from skp.models import IndikatorKinerja, RencanaHasilKerja
from tests.monitoring.conftest import HARI, tulis
from tests.skp.conftest import tambah_kkw

FEB = date(2026, 2, 10)


def rhk_pertama(kemajuan):
    return kemajuan.rhk[0]


def test_hasil_jurnal_menggerakkan_kemajuan(pemeran, jurnal):
    k = rhk_pertama(kemajuan_pegawai(pemeran.pegawai, 2026))
    assert (k.status, k.realisasi, k.kemajuan.seharusnya) == (StatusRhk.TERLAMBAT, 0, 13)
    tulis(pemeran.pegawai, jurnal.rhk1, tanggal=FEB, hasil=Decimal(10))
    tulis(pemeran.pegawai, jurnal.rhk1, hasil=Decimal(5), hambatan="Printer rusak")
    tulis(pemeran.pegawai, jurnal.rhk1, kegiatan="Rapat koordinasi")  # no result: counts nothing
    k = rhk_pertama(kemajuan_pegawai(pemeran.pegawai, 2026))
    assert (k.jenis, k.target, k.satuan) == (JenisUkuran.JUMLAH, 52, "laporan")
    assert (k.status, k.realisasi, k.dari_jurnal, k.kemajuan.persen) == (
        StatusRhk.SESUAI_JADWAL, 15, 15, 28,
    )  # fmt: skip
    assert k.jumlah_entri == 3 and k.hambatan.teks == "Printer rusak"


def test_realisasi_periode_terkirim_menggantikan_jurnal_periode_itu(pemeran, jurnal):
    tw1, tw2 = periode_tahun(pemeran.instansi, 2026)[:2]
    kuantitas = jurnal.rhk1.indikator.get(aspek="kuantitas")
    tulis(pemeran.pegawai, jurnal.rhk1, tanggal=FEB, hasil=Decimal(10))
    tulis(pemeran.pegawai, jurnal.rhk1, hasil=Decimal(5))
    p1 = PenilaianPeriodik.objects.create(pegawai=pemeran.pegawai, periode=tw1, skp=jurnal.skp,
                                          status=StatusPenilaian.DINILAI)  # fmt: skip
    Realisasi.objects.create(penilaian=p1, indikator=kuantitas, nilai=Decimal(13))
    # typed but not sent: not yet the pegawai's word, the jurnal counts
    p2 = PenilaianPeriodik.objects.create(pegawai=pemeran.pegawai, periode=tw2, skp=jurnal.skp)
    Realisasi.objects.create(penilaian=p2, indikator=kuantitas, nilai=Decimal(40))
    k = rhk_pertama(kemajuan_pegawai(pemeran.pegawai, 2026))
    assert (k.realisasi, k.dari_jurnal) == (18, 5)


def test_rencana_aksi_menjadi_lintasan_bila_satuannya_sama(pemeran, jurnal):
    tulis(pemeran.pegawai, jurnal.rhk1, tanggal=FEB, hasil=Decimal(15))
    RencanaAksi.objects.create(rhk=jurnal.rhk1, nomor_periode=1, uraian="Rekap awal",
                               target=Decimal(20), satuan="Laporan")  # fmt: skip
    k = rhk_pertama(kemajuan_pegawai(pemeran.pegawai, 2026))
    assert k.pakai_rencana_aksi and (k.status, k.kemajuan.seharusnya) == (StatusRhk.TERLAMBAT, 20)
    RencanaAksi.objects.update(satuan="desa")  # another measure: the even spread stands
    k = rhk_pertama(kemajuan_pegawai(pemeran.pegawai, 2026))
    assert not k.pakai_rencana_aksi and (k.status, k.kemajuan.seharusnya) == (
        StatusRhk.SESUAI_JADWAL, 13,
    )  # fmt: skip


def test_entri_dan_realisasi_versi_lama_terhitung_setelah_revisi(pemeran, jurnal):
    tulis(pemeran.pegawai, jurnal.rhk1, tanggal=FEB, hasil=Decimal(6))
    tw1 = periode_tahun(pemeran.instansi, 2026)[0]
    p1 = PenilaianPeriodik.objects.create(pegawai=pemeran.pegawai, periode=tw1, skp=jurnal.skp,
                                          status=StatusPenilaian.DIKIRIM)  # fmt: skip
    Realisasi.objects.create(penilaian=p1, indikator=jurnal.rhk1.indikator.get(aspek="kuantitas"),
                             nilai=Decimal(13))  # fmt: skip
    v2 = skp_services.buka_revisi(user=pemeran.pegawai.user, skp=jurnal.skp)
    skp_services.ajukan(user=pemeran.pegawai.user, skp=v2)
    skp_services.setujui(user=pemeran.atasan.user, skp=v2)
    tulis(pemeran.pegawai, v2.rhk.order_by("urutan").first(), hasil=Decimal(2))
    kemajuan = kemajuan_pegawai(pemeran.pegawai, 2026)
    assert kemajuan.skp == v2 and len(kemajuan.rhk) == 2
    k = rhk_pertama(kemajuan)
    assert k.rhk.skp_id == v2.pk and (k.realisasi, k.jumlah_entri) == (15, 2)


def test_tanpa_skp_disetujui(pemeran, jurnal):
    k = kemajuan_banyak([pemeran.atasan.pk, pemeran.pegawai.pk], 2026)
    assert k[pemeran.atasan.pk].skp is None and k[pemeran.atasan.pk].rhk == []
    assert k[pemeran.pegawai.pk].porsi_sesuai == 0  # both RHK behind on 15 May


def _setujui_skp_rekan(pemeran, rekan, skp_atasan):
    user = rekan.user
    skp = skp_services.skp_buat(user=user, tahun=2026)
    for i in range(3):
        rhk = skp_services.rhk_tambah(user=user, skp=skp, jenis="utama", uraian=f"RHK rekan {i}",
                                      rhk_atasan=skp_atasan.rhk1)  # fmt: skip
        tambah_kkw(user, rhk)
    skp_services.ajukan(user=user, skp=skp)
    return skp_services.setujui(user=pemeran.atasan.user, skp=skp)


def test_kueri_kemajuan_banyak_tetap(pemeran, jurnal, rekan_seksi, skp_atasan):
    tulis(pemeran.pegawai, jurnal.rhk1, hasil=Decimal(1))
    kemajuan_banyak([pemeran.pegawai.pk], 2026)  # the year's periods are made on first need
    with CaptureQueriesContext(connection) as kecil:
        kemajuan_banyak([pemeran.pegawai.pk], 2026)
    skp_rekan = _setujui_skp_rekan(pemeran, rekan_seksi, skp_atasan)
    for i in range(30):
        tulis(rekan_seksi, skp_rekan.rhk.all()[i % 3], tanggal=HARI - timedelta(days=i * 3),
              hasil=Decimal(1), hambatan=f"Hambatan {i}")  # fmt: skip
        tulis(pemeran.pegawai, jurnal.rhk2, tanggal=HARI - timedelta(days=i), hasil=Decimal(1))
    for rhk in RencanaHasilKerja.objects.filter(skp__in=[jurnal.skp, skp_rekan]):
        RencanaAksi.objects.create(rhk=rhk, nomor_periode=2, uraian="x", target=Decimal(3),
                                   satuan="laporan")  # fmt: skip
    with CaptureQueriesContext(connection) as besar:
        hasil = kemajuan_banyak([pemeran.pegawai.pk, rekan_seksi.pk, pemeran.atasan.pk], 2026)
    assert len(hasil[rekan_seksi.pk].rhk) == 3 and hasil[pemeran.pegawai.pk].rhk[1].realisasi == 30
    assert len(besar) == len(kecil), "\n".join(q["sql"][:200] for q in besar)


def test_jurnal_terakhir_per_pegawai_satu_kueri(pemeran, jurnal, django_assert_num_queries):
    tulis(pemeran.pegawai, jurnal.rhk1, tanggal=FEB, kegiatan="Lama")
    baru = tulis(pemeran.pegawai, jurnal.rhk2, kegiatan="Terbaru")
    tulis(
        pemeran.pegawai, jurnal.rhk1, tanggal=FEB + timedelta(days=1), kegiatan="Ditulis kemudian"
    )
    with django_assert_num_queries(1):
        hasil = jurnal_terakhir([pemeran.pegawai.pk, pemeran.atasan.pk])
        assert hasil[pemeran.pegawai.pk].rhk == jurnal.rhk2
    assert hasil == {pemeran.pegawai.pk: baru}


def test_tindak_lanjut_terbuka_per_pegawai_satu_kueri(pemeran, jurnal, django_assert_num_queries):
    umum = {"atasan": pemeran.atasan, "jenis": "coaching", "topik": "Rekap", "kesepakatan": "x",
            "dicatat_sebagai": "atasan", "tanggal": HARI}  # fmt: skip
    buka = DialogKinerja.objects.create(pegawai=pemeran.pegawai, token="a", **umum,
                                        tanggal_tindak_lanjut=HARI + timedelta(days=7))  # fmt: skip
    DialogKinerja.objects.create(pegawai=pemeran.pegawai, token="b", **umum)  # no follow-up
    DialogKinerja.objects.create(pegawai=pemeran.pegawai, token="c", **umum,
                                 tanggal_tindak_lanjut=HARI, selesai_pada=HARI_WAKTU())  # fmt: skip
    with django_assert_num_queries(1):
        hasil = tindak_lanjut_per_pegawai([pemeran.pegawai.pk, pemeran.atasan.pk])
        assert hasil[pemeran.pegawai.pk][0].atasan == pemeran.atasan
    assert hasil == {pemeran.pegawai.pk: [buka]}


def HARI_WAKTU():  # noqa: N802
    from django.utils import timezone

    return timezone.now()


def test_jumlah_jurnal_periode_untuk_usulan(pemeran, jurnal):
    tw2 = periode_tahun(pemeran.instansi, 2026)[1]
    tulis(pemeran.pegawai, jurnal.rhk1, tanggal=FEB, hasil=Decimal(9))  # triwulan I: not counted
    for n in (3, 4, 2):
        tulis(pemeran.pegawai, jurnal.rhk1, hasil=Decimal(n))
    tulis(pemeran.pegawai, jurnal.rhk1, kegiatan="Tanpa hasil")
    p = PenilaianPeriodik.objects.create(pegawai=pemeran.pegawai, periode=tw2, skp=jurnal.skp)
    hasil = jumlah_jurnal_periode(p)
    kuantitas = IndikatorKinerja.objects.get(rhk=jurnal.rhk1, aspek="kuantitas")
    assert list(hasil) == [kuantitas.pk]
    assert (hasil[kuantitas.pk].nilai, hasil[kuantitas.pk].entri) == (9, 3)
