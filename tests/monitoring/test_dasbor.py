"""The dashboards (issue 15, item 4): Dasbor Kinerja, Dasbor Tim, Monitoring Pengisian and
Monitoring Kurva with their XLSX export: a permission ladder for each, htmx partials, what each
shows, the attention order of the team, and query counts flat from small to large data."""

import io
import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from monitoring.dasbor import BarisTim, dasbor_tim, potongan_status
from monitoring.kemajuan import StatusRhk
from monitoring.models import DialogKinerja, JenisDialog, JurnalKinerja, PihakDialog
from organisasi.models import JenisJabatan
from penilaian.kuadran import KUADRAN
from penilaian.models import (
    CapaianUnit,
    DokumenPenilaian,
    JenisUmpanBalik,
    PenilaianPeriodik,
    PeranPemberi,
    RiwayatPenilaian,
    StatusPenilaian,
    UmpanBalik,
)
from penilaian.periode import periode_tahun
from penilaian.services.alur import pastikan_penilaian
from skp.models import Skp
from tests.factories import JabatanFactory, PegawaiFactory
from tests.monitoring.conftest import HTMX, pada, tulis
from tests.penilaian.bawahan import isi_penilaian, tambah_bawahan

DASBOR = reverse("monitoring:dasbor")
TIM = reverse("monitoring:tim")
JUNI = date(2026, 6, 22)  # triwulan II's window is open (from 17 June)


def masuk(client, pegawai):
    client.force_login(pegawai.user)
    return client


def ke_login(r) -> bool:
    return r.status_code == 302 and reverse("login") in r["Location"]


def _hitung(c, url: str) -> int:
    with CaptureQueriesContext(connection) as q:
        assert c.get(url).status_code == 200
    return len(q)


def dialog(pegawai, atasan, tanggal: date, tindak_lanjut: date | None, topik: str = "Rekap"):
    return DialogKinerja.objects.create(
        pegawai=pegawai, atasan=atasan, tanggal=tanggal, jenis=JenisDialog.COACHING, topik=topik,
        kesepakatan="Rekap mingguan dikirim setiap Jumat.", tindak_lanjut=f"Tindak {topik}",
        tanggal_tindak_lanjut=tindak_lanjut, dicatat_oleh=atasan.user,
        dicatat_sebagai=PihakDialog.ATASAN, token=f"t-{topik}-{pegawai.pk}",
    )  # fmt: skip


RATING = {p: k for k, p in reversed(KUADRAN.items())}  # predikat -> one pair of ratings


def dinilai(penilaian: PenilaianPeriodik, predikat: str = "baik") -> None:
    """The rating as the penilai's service leaves it (the reading side is what is tested)."""
    hasil_kerja, perilaku = RATING[predikat]
    # Saved as core/alur.py saves it, so a dashboard kept before shows it at the next request.
    p = PenilaianPeriodik.objects.get(pk=penilaian.pk)
    p.status, p.predikat, p.dinilai_pada = StatusPenilaian.DINILAI, predikat, timezone.now()
    p.rating_hasil_kerja, p.rating_perilaku = hasil_kerja, perilaku
    p.save(update_fields=["status", "rating_hasil_kerja", "rating_perilaku", "predikat",
                          "dinilai_pada"])  # fmt: skip


# --- pure parts --------------------------------------------------------------------------------


def test_potongan_status_berjumlah_seratus():
    from collections import Counter

    p = potongan_status(
        Counter({StatusRhk.TERLAMBAT: 1, StatusRhk.SELESAI: 1, StatusRhk.SESUAI_JADWAL: 1})
    )
    assert sum(x.persen for x in p) == 100
    assert [x.status for x in p] == [
        StatusRhk.TERLAMBAT,
        StatusRhk.SESUAI_JADWAL,
        StatusRhk.SELESAI,
    ]
    assert potongan_status(Counter()) == []


# --- Dasbor Kinerja ----------------------------------------------------------------------------


def test_dasbor_kinerja_tangga_izin(client, pemeran, superuser, jurnal):
    assert ke_login(client.get(DASBOR))
    client.force_login(superuser)  # no pegawai record: no dashboard of their own
    assert client.get(DASBOR).status_code == 403
    r = masuk(client, pemeran.pegawai).get(DASBOR)
    assert r.status_code == 200
    html = r.content.decode()
    assert "Dasbor Kinerja 2026" in html and 'role="progressbar"' in html
    assert f'href="{DASBOR}">Dasbor Kinerja</a>' in html  # in the user menu
    r = client.get(DASBOR, **HTMX)
    assert b'id="isi-dasbor"' in r.content and b"<html" not in r.content
    # linked from the home page
    assert f'href="{DASBOR}"' in client.get(reverse("beranda")).content.decode()


def test_dasbor_kinerja_isi(client, pemeran, jurnal):
    p = pemeran.pegawai
    tulis(p, jurnal.rhk1, hasil=Decimal(40), tanggal=date(2026, 5, 4))  # rhk1: 52 a year
    dialog(p, pemeran.atasan, date(2026, 5, 2), date(2026, 5, 10), "Data desa")
    dialog(p, pemeran.atasan, date(2026, 5, 2), None, "Tanpa tindak lanjut")
    tw1 = periode_tahun(pemeran.instansi, 2026)[0]
    with pada(date(2026, 3, 30)):
        penilaian = pastikan_penilaian(pegawai=p, periode=tw1)
    dinilai(penilaian, "sangat_baik")
    UmpanBalik.objects.create(
        pegawai=p, skp=jurnal.skp, periode=tw1, jenis=JenisUmpanBalik.HASIL_KERJA, rhk=jurnal.rhk1,
        pemberi=pemeran.atasan.user, pemberi_nama=pemeran.atasan.nama_lengkap,
        peran=PeranPemberi.PENILAI, teks="Rekap desa sudah rapi, pertahankan.",
    )  # fmt: skip
    with pada(date(2026, 6, 22)):  # triwulan II's window is open
        html = masuk(client, p).get(DASBOR).content.decode()
    # rhk1: 40 of 52 laporan, ahead of triwulan I's 13; rhk2: nothing of 12 dokumen, behind
    assert re.search(rf'id="rhk-{jurnal.rhk1.pk}".*?status-sesuai_jadwal', html, re.S)
    assert re.search(rf'id="rhk-{jurnal.rhk2.pk}".*?status-terlambat', html, re.S)
    assert 'aria-valuenow="76"' in html  # 40 of 52
    assert 'id="angka-terlambat">1<' in html
    assert "Realisasi Triwulan II 2026" in html and "Jendela terbuka sampai" in html
    assert "Tindak Data desa" in html and "Tanpa tindak lanjut" not in html
    assert '<span class="badge text-bg-danger">lewat</span>' in html
    assert "Rekap desa sudah rapi" in html and "Pimpinan" in html
    assert 'data-predikat="sangat_baik"' in html  # the point of triwulan I on the chart
    assert "Triwulan I: Sangat Baik" in html  # the chart's text alternative


def test_dasbor_kinerja_tanpa_skp(client, pemeran, skp_pegawai, pertengahan_mei):
    html = masuk(client, pemeran.pegawai).get(DASBOR).content.decode()
    assert "Belum ada SKP 2026 yang disetujui" in html
    assert "Belum ada umpan balik" in html


@pytest.mark.usefixtures("jawaban_selalu_dihitung")
def test_kueri_dasbor_kinerja_tetap(client, pemeran, jurnal, django_assert_max_num_queries):
    p = pemeran.pegawai
    c = masuk(client, p)
    c.get(DASBOR)
    tulis(p, jurnal.rhk1, hasil=Decimal(1))
    dialog(p, pemeran.atasan, date(2026, 5, 2), date(2026, 5, 20), "satu")
    kecil = _hitung(c, DASBOR)
    tw1 = periode_tahun(pemeran.instansi, 2026)[0]
    for i in range(15):
        tulis(p, jurnal.rhk2 if i % 2 else jurnal.rhk1, hasil=Decimal(1),
              tanggal=date(2026, 4, 1) + timedelta(days=i), hambatan=f"Hambatan {i}")  # fmt: skip
        dialog(p, pemeran.atasan, date(2026, 5, 2), date(2026, 5, 20), f"d{i}")
        UmpanBalik.objects.create(
            pegawai=p, skp=jurnal.skp, periode=tw1, jenis=JenisUmpanBalik.HASIL_KERJA,
            rhk=jurnal.rhk1, pemberi=pemeran.atasan.user, pemberi_nama="Rina Kasi",
            peran=PeranPemberi.PENILAI, teks=f"Umpan balik {i}",
        )  # fmt: skip
    with django_assert_max_num_queries(kecil):
        html = c.get(DASBOR).content.decode()
    assert html.count('class="mb-2 tindak-lanjut-dasbor"') == 16
    assert html.count('class="mb-3 umpan-balik-dasbor"') == 5


# --- Dasbor Tim --------------------------------------------------------------------------------


def test_dasbor_tim_tangga_izin(client, pemeran, jurnal):
    assert ke_login(client.get(TIM))
    assert masuk(client, pemeran.pegawai).get(TIM).status_code == 403  # no bawahan
    r = masuk(client, pemeran.atasan).get(TIM)
    assert r.status_code == 200 and f'id="tim-{pemeran.pegawai.pk}"' in r.content.decode()
    r = client.get(TIM, **HTMX)
    assert b'id="isi-tim"' in r.content and b"<html" not in r.content
    assert f'href="{TIM}"' in client.get(reverse("beranda")).content.decode()

    # the team of someone lower in one's chain, or of one's instansi for its admin
    url = reverse("monitoring:tim_pegawai", args=[pemeran.atasan.pk])
    for orang in (pemeran.orang_luar, pemeran.rekan_atasan, pemeran.admin_lain,
                  pemeran.pegawai_lain, pemeran.pegawai):  # fmt: skip
        assert masuk(client, orang).get(url).status_code == 404, orang
    for orang in (pemeran.atasan, pemeran.atasan_atasan, pemeran.kepala, pemeran.admin):
        r = masuk(client, orang).get(url)
        assert r.status_code == 200 and f'id="tim-{pemeran.pegawai.pk}"' in r.content.decode()
    assert b'id="isi-tim"' in client.get(url, **HTMX).content
    # someone without bawahan: an empty team, said in words
    kosong = reverse("monitoring:tim_pegawai", args=[pemeran.pegawai.pk])
    assert (
        "Tidak ada bawahan langsung." in masuk(client, pemeran.atasan).get(kosong).content.decode()
    )
    # the Kepala Bidang's team links down to the Kepala Seksi's
    html = masuk(client, pemeran.atasan_atasan).get(TIM).content.decode()
    assert f'href="{url}"' in html


def test_dasbor_tim_yang_perlu_perhatian_lebih_dulu(client, pemeran, jurnal):
    """Score order: RHK behind, then overdue follow-ups, then realisasi not sent, then days
    since the last journal entry."""
    a, b, c, d = tambah_bawahan(pemeran, 4)  # approved SKP, two RHK of 13 laporan each
    tw2 = periode_tahun(pemeran.instansi, 2026)[1]
    with pada(JUNI):
        # d: everything in order (realisasi sent, recent journal) -> last
        isi_penilaian(d, tw2, pemeran.atasan)
        penilaian_c = pastikan_penilaian(pegawai=c, periode=tw2)  # opened, nothing sent yet
        # c: realisasi of triwulan II not sent; b: that, and an overdue follow-up
        dialog(b, pemeran.atasan, date(2026, 6, 1), date(2026, 6, 10), "lewat")
        # a: the same as b, and a journal never written: ties with b broken by the journal
        dialog(a, pemeran.atasan, date(2026, 6, 1), date(2026, 6, 10), "lewat")
        for p in (b, c, d):
            jurnal_langsung(p, date(2026, 6, 20))
        tim = dasbor_tim(pemeran.atasan)
        urutan = [x.pegawai.pk for x in tim.baris if x.pegawai.pk in {a.pk, b.pk, c.pk, d.pk}]
        assert urutan == [a.pk, b.pk, c.pk, d.pk]
        baris = {x.pegawai.pk: x for x in tim.baris}
        # a, b, c: nothing reported of triwulan I's share of 13 laporan: both RHK behind; d sent
        # 13 in triwulan II: done
        assert baris[a.pk].alasan == [
            "2 RHK terlambat",
            "1 tindak lanjut lewat tanggal",
            "realisasi belum dikirim",
            "jurnal belum diisi",
        ]
        assert baris[d.pk].alasan == [] and baris[d.pk].terlambat == 0
        assert not baris[d.pk].realisasi_belum and baris[d.pk].umpan_balik_penilai == 2
        assert baris[c.pk].umpan_balik_belum
        html = masuk(client, pemeran.atasan).get(TIM).content.decode()
    assert html.index(f'id="tim-{a.pk}"') < html.index(f'id="tim-{d.pk}"')
    assert "Belum dikirim" in html and "Belum diberikan" in html
    # the way to give it, where the evaluation of the period exists
    assert f'href="{reverse("penilaian:detail", args=[penilaian_c.pk])}">Beri umpan balik' in html


def jurnal_langsung(pegawai, tanggal):
    """A journal entry on the pegawai's approved SKP, written directly (fast, for many)."""
    skp = Skp.objects.get(pegawai=pegawai)
    return JurnalKinerja.objects.create(
        pegawai=pegawai, skp=skp, rhk=skp.rhk.first(), tanggal=tanggal, kegiatan="Rekap",
        token=f"j-{pegawai.pk}-{tanggal}",
    )  # fmt: skip


def test_skor_perhatian_terlambat_di_atas_segalanya(pemeran, jurnal):
    from monitoring.selectors import KemajuanPegawai

    def baris(terlambat: int) -> BarisTim:
        k = KemajuanPegawai(pemeran.pegawai.pk, jurnal.skp)
        k.rhk = [type("R", (), {"status": StatusRhk.TERLAMBAT})()] * terlambat
        return BarisTim(
            pegawai=pemeran.pegawai, kemajuan=k, hari_ini=date(2026, 5, 15), jurnal=None,
            periode=None, batas=None, penilaian=None, umpan_balik_penilai=1,
        )  # fmt: skip

    assert baris(2).skor_perhatian < baris(1).skor_perhatian < baris(0).skor_perhatian
    assert baris(1).alasan[0] == "1 RHK terlambat"


@pytest.mark.usefixtures("jawaban_selalu_dihitung")
def test_kueri_dasbor_tim_tetap(client, pemeran, jurnal, django_assert_max_num_queries):
    with pada(JUNI):
        c = masuk(client, pemeran.atasan)  # signed in on the day: sessions expire
        tambah_bawahan(pemeran, 2)
        c.get(TIM)
        kecil = _hitung(c, TIM)
        baru = tambah_bawahan(pemeran, 12, awal=2)
        tw2 = periode_tahun(pemeran.instansi, 2026)[1]
        for i, p in enumerate(baru):
            jurnal_langsung(p, date(2026, 6, 1 + i))
            dialog(p, pemeran.atasan, date(2026, 6, 1), date(2026, 6, 10), f"x{i}")
            if i % 3 == 0:
                isi_penilaian(p, tw2, pemeran.atasan)
        with django_assert_max_num_queries(kecil):
            html = c.get(TIM).content.decode()
    assert html.count('class="baris-tim') == 15


# --- Monitoring Pengisian and Kurva --------------------------------------------------------------


def _url(nama: str, pemeran, **kw) -> str:
    return reverse(f"monitoring:{nama}", args=[pemeran.instansi.pk])


@pytest.mark.parametrize("nama", ["pengisian", "kurva", "pengisian_ekspor"])
def test_pengisian_tangga_izin(client, pemeran, superuser, jurnal, nama):
    url = _url(nama, pemeran)
    assert ke_login(client.get(url))
    for orang in (pemeran.admin_lain, pemeran.pegawai, pemeran.kepala):
        assert masuk(client, orang).get(url).status_code == 404, orang
    assert masuk(client, pemeran.admin).get(url).status_code == 200
    client.force_login(superuser)
    assert client.get(url).status_code == 200
    if nama != "pengisian_ekspor":
        r = masuk(client, pemeran.admin).get(url, **HTMX)
        partial = "isi-pengisian" if nama == "pengisian" else "isi-kurva"
        assert f'id="{partial}"'.encode() in r.content and b"<html" not in r.content


def test_pengisian_awal(client, pemeran, superuser):
    url = reverse("monitoring:pengisian_awal")
    assert ke_login(client.get(url))
    assert masuk(client, pemeran.pegawai).get(url).status_code == 403
    r = masuk(client, pemeran.admin).get(url)
    assert r["Location"] == reverse("monitoring:pengisian", args=[pemeran.instansi.pk])
    client.force_login(superuser)  # every instansi: a list
    html = client.get(url).content.decode()
    assert pemeran.instansi.nama in html and pemeran.instansi_lain.nama in html
    assert url in masuk(client, pemeran.admin).get(reverse("beranda")).content.decode()


def test_pengisian_unit_dan_periode_lain_404(client, pemeran, jurnal):
    url = _url("pengisian", pemeran)
    c = masuk(client, pemeran.admin)
    unit_lain = pemeran.pegawai_lain.jabatan.unit_kerja
    assert c.get(f"{url}?unit={unit_lain.pk}").status_code == 404
    periode_lain = periode_tahun(pemeran.instansi_lain, 2026)[0]
    assert c.get(f"{url}?periode={periode_lain.pk}").status_code == 404


def test_pengisian_drill_opd_unit_pegawai(client, pemeran, jurnal):
    bawahan = tambah_bawahan(pemeran, 3)
    tw2 = periode_tahun(pemeran.instansi, 2026)[1]
    with pada(JUNI):
        p = isi_penilaian(bawahan[0], tw2, pemeran.atasan)
        dinilai(p)
        riwayat = RiwayatPenilaian.objects.create(
            penilaian=p, aksi="nilai", dari=StatusPenilaian.DIKIRIM, ke=StatusPenilaian.DINILAI
        )
        DokumenPenilaian.objects.create(penilaian=p, versi=1, riwayat=riwayat)  # not issued yet
        isi_penilaian(bawahan[1], tw2, pemeran.atasan)
        c = masuk(client, pemeran.admin)
        url = _url("pengisian", pemeran)
        html = c.get(url).content.decode()
        opd = pemeran.kepala.jabatan.unit_kerja
        assert f'id="unit-{opd.pk}"' in html  # the OPD row, everything below it rolled up
        assert "Triwulan II 2026" in html and "17 Juni 2026" in html
        # the OPD: the cast's 7 of this instansi + 3 bawahan; SKP approved: the pegawai + 3;
        # realisasi of triwulan II sent by two, rated one
        assert (
            'aria-label="SKP disetujui" aria-valuemin="0" aria-valuemax="100" aria-valuenow="40" aria-valuetext="4 dari 10 (40%)"'
            in html
        )
        assert (
            'aria-valuetext="2 dari 10 (20%)"' in html
            and 'aria-valuetext="1 dari 10 (10%)"' in html
        )
        dokumen = 'aria-label="Dokumen terbit" aria-valuemin="0" aria-valuemax="100" aria-valuenow='
        assert dokumen + '"0"' in html
        # Issued as core/dokumen.py issues it (save): the page kept since shows it at once.
        terbit = DokumenPenilaian.objects.get(penilaian=p)
        terbit.diterbitkan = timezone.now()
        terbit.save(update_fields=["diterbitkan"])
        assert dokumen + '"10"' in c.get(url).content.decode()
        seksi = pemeran.atasan.jabatan.unit_kerja
        html = c.get(f"{url}?unit={seksi.pk}").content.decode()
        assert f'id="pegawai-{bawahan[0].pk}"' in html and "Baik" in html
        assert f'id="pegawai-{bawahan[2].pk}"' in html
        assert "Bidang P2P" in html  # the breadcrumb up to the OPD
        r = c.get(f"{url}?unit={seksi.pk}", **HTMX)
        assert b'id="tabel-pegawai"' in r.content and b"<html" not in r.content


def test_ekspor_xlsx_nip_teks(client, pemeran, jurnal):
    bawahan = tambah_bawahan(pemeran, 2)
    r = masuk(client, pemeran.admin).get(_url("pengisian_ekspor", pemeran))
    assert r["Content-Type"].startswith("application/vnd.openxmlformats")
    buku = load_workbook(io.BytesIO(r.content))
    assert buku.sheetnames == ["OPD", "Unit", "Pegawai", "Kurva"]
    ws = buku["Pegawai"]
    nip = {ws.cell(i, 1).value: i for i in range(2, ws.max_row + 1)}
    baris = nip[bawahan[0].nip]
    assert isinstance(ws.cell(baris, 1).value, str) and ws.cell(baris, 1).number_format == "@"
    assert ws.cell(baris, 7).value == "Ya" and ws.cell(baris, 8).value == "Belum diisi"
    assert pemeran.pegawai_lain.nip not in nip  # another instansi's


def test_kurva_kosong_lalu_dengan_capaian(client, pemeran, jurnal):
    bawahan = tambah_bawahan(pemeran, 4)
    tw1 = periode_tahun(pemeran.instansi, 2026)[0]
    url = _url("kurva", pemeran) + f"?periode={tw1.pk}"
    c = masuk(client, pemeran.admin)
    html = c.get(url).content.decode()
    assert 'id="kurva-kosong"' in html
    with pada(date(2026, 3, 30)):
        for p in bawahan:
            dinilai(pastikan_penilaian(pegawai=p, periode=tw1), "baik")
    seksi = pemeran.atasan.jabatan.unit_kerja
    CapaianUnit.objects.create(
        unit_kerja=seksi, periode=tw1, capaian="baik", oleh=pemeran.admin.user,
        oleh_nama=pemeran.admin.nama_lengkap,
    )  # fmt: skip
    html = c.get(url).content.decode()
    assert 'id="kurva-kosong"' not in html and f'id="kurva-{seksi.pk}"' in html
    # 4 Baik of 5 (the pegawai not rated yet): "Baik" needs one Butuh Perbaikan or Kurang
    assert "TIDAK sesuai" in html and 'class="kurva-distribusi"' in html
    assert 'id="angka-tidak-sesuai">1<' in html


@pytest.mark.usefixtures("jawaban_selalu_dihitung")
def test_kueri_pengisian_dan_kurva_tetap(client, pemeran, jurnal, django_assert_max_num_queries):
    tw1 = periode_tahun(pemeran.instansi, 2026)[0]
    seksi = pemeran.atasan.jabatan.unit_kerja
    CapaianUnit.objects.create(unit_kerja=seksi, periode=tw1, capaian="baik",
                               oleh=pemeran.admin.user, oleh_nama="Admin")  # fmt: skip
    c = masuk(client, pemeran.admin)
    base = _url("pengisian", pemeran)
    urls = [f"{base}?periode={tw1.pk}", f"{base}?periode={tw1.pk}&unit={seksi.pk}",
            _url("kurva", pemeran) + f"?periode={tw1.pk}",
            _url("pengisian_ekspor", pemeran) + f"?periode={tw1.pk}"]  # fmt: skip
    tambah_bawahan(pemeran, 2)
    kecil = {u: _hitung(c, u) for u in urls}
    bawahan = tambah_bawahan(pemeran, 15, awal=2)
    bidang = pemeran.atasan_atasan.jabatan.unit_kerja
    from tests.factories import UnitKerjaFactory

    for i in range(6):  # more units with people and a capaian each
        u = UnitKerjaFactory(instansi=pemeran.instansi, kode=f"1.02.01.9{i}", nama=f"Seksi {i}",
                             induk=bidang)  # fmt: skip
        j = JabatanFactory(unit_kerja=u, nama=f"Kasi {i}", jenis=JenisJabatan.PENGAWAS,
                           atasan=pemeran.atasan_atasan.jabatan)  # fmt: skip
        PegawaiFactory(nama=f"Kasi {i}", jabatan=j)
        CapaianUnit.objects.create(unit_kerja=u, periode=tw1, capaian="baik",
                                   oleh=pemeran.admin.user, oleh_nama="Admin")  # fmt: skip
    with pada(date(2026, 3, 30)):
        for p in bawahan[:8]:
            dinilai(pastikan_penilaian(pegawai=p, periode=tw1))
    for u in urls:
        with django_assert_max_num_queries(kecil[u]):
            assert c.get(u).status_code == 200


def test_kurva_unit_tiga_keadaan(pemeran):
    from monitoring.dasbor import KurvaUnit
    from penilaian.distribusi import periksa

    unit = pemeran.atasan.jabatan.unit_kerja

    def kurva(hitungan: dict) -> KurvaUnit:
        return KurvaUnit(unit, 5, hitungan, None, periksa("baik", 5, hitungan, "bawah-atas"))

    sesuai = kurva({"baik": 3, "butuh_perbaikan": 1, "sangat_baik": 1})
    assert sesuai.sesuai is True and not sesuai.tidak_sesuai
    belum = kurva({"baik": 1})  # four still to rate: can still fit
    assert belum.sesuai is None and not belum.tidak_sesuai
    lewat = kurva({"baik": 4})  # one Butuh Perbaikan still possible, but 4 Baik is over 3
    assert lewat.sesuai is False and lewat.tidak_sesuai
    assert KurvaUnit(unit, 5, {}, None, None).sesuai is None
