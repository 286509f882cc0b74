"""The pegawai's pages: Penilaian Saya (periods, windows, state, days left, predikat; starting a
period) and the realisasi form (permission ladder, saving, errors per field, stale page, Kirim
and its double click, htmx partials, queries flat in the number of RHK)."""

from datetime import date
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from penilaian.models import (
    BuktiDukung,
    MasaTidakDinilai,
    PengaturanPenilaian,
    PenilaianPeriodik,
    PerpanjanganPegawai,
    Realisasi,
    RencanaAksi,
    StatusPenilaian,
)
from penilaian.services import alur
from skp.models import IndikatorKinerja, RencanaHasilKerja
from tests.penilaian.conftest import beri_umpan_balik_lengkap, pada

HTMX = {"HTTP_HX_REQUEST": "true"}


def url_realisasi(p) -> str:
    return reverse("penilaian:realisasi", args=[p.pk])


def indikator(kasus) -> dict[str, IndikatorKinerja]:
    return {i.aspek: i for i in IndikatorKinerja.objects.filter(rhk__skp=kasus.skp)}


# --- Penilaian Saya ---------------------------------------------------------------------------


def test_saya_tangga_izin(client, pemeran, superuser, kasus):
    url = reverse("penilaian:saya")
    assert client.get(url).url.startswith(reverse("login"))
    client.force_login(superuser)  # no pegawai record: nothing of their own to evaluate
    assert client.get(url).status_code == 403
    client.force_login(pemeran.pegawai.user)
    assert client.get(url).status_code == 200


def test_saya_menampilkan_jendela_status_dan_sisa_hari(client, pemeran, kasus):
    client.force_login(pemeran.pegawai.user)
    html = client.get(reverse("penilaian:saya")).content.decode()
    assert "dibuka 18 Maret 2026, batas 14 April 2026" in html
    assert "15 hari lagi" in html
    assert "Belum diisi" in html
    assert url_realisasi(kasus.penilaian) in html
    assert "dibuka 17 Juni 2026" in html  # triwulan II, not open yet
    assert "Penilaian Saya" in html  # the navbar link


def test_saya_perpanjangan_pegawai_menggeser_batasnya(client, pemeran, kasus):
    PerpanjanganPegawai.objects.create(periode=kasus.periode, pegawai=pemeran.pegawai,
                                       sampai=date(2026, 4, 24), alasan="Sakit")  # fmt: skip
    client.force_login(pemeran.pegawai.user)
    html = client.get(reverse("penilaian:saya")).content.decode()
    assert "dibuka 18 Maret 2026, batas 24 April 2026" in html
    assert "diperpanjang untuk Anda" in html and "25 hari lagi" in html


def test_kueri_penilaian_saya_tetap_dari_4_ke_12_periode(client, pemeran, kasus,
                                                         django_assert_max_num_queries,
                                                         jawaban_selalu_dihitung):  # fmt: skip
    client.force_login(pemeran.pegawai.user)
    url = reverse("penilaian:saya")
    client.get(url)
    with CaptureQueriesContext(connection) as triwulanan:
        client.get(url)
    jumlah = len(triwulanan)  # now: the next request resets the query log
    PengaturanPenilaian.objects.create(
        instansi=pemeran.instansi, tahun=2026, jenis_periode="bulanan"
    )
    client.get(url)  # the twelve monthly periods are made on this first visit
    with django_assert_max_num_queries(jumlah):
        html = client.get(url).content.decode()
    assert "Desember-Akhir" in html


def test_saya_htmx_dan_pilihan_tahun(client, pemeran, kasus):
    client.force_login(pemeran.pegawai.user)
    r = client.get(reverse("penilaian:saya") + "?tahun=2025", **HTMX)
    html = r.content.decode()
    assert 'id="daftar-periode"' in html and "<html" not in html
    assert "tahun 2025" in html
    assert "Belum ada SKP tahun 2025 yang disetujui" in html


def test_saya_menampilkan_predikat(client, pemeran, kasus):
    ind = indikator(kasus)
    Realisasi.objects.create(penilaian=kasus.penilaian, indikator=ind["kuantitas"], nilai=13)
    alur.kirim(user=pemeran.pegawai.user, penilaian=kasus.penilaian)
    beri_umpan_balik_lengkap(kasus.penilaian, pemeran.atasan)
    alur.nilai(user=pemeran.atasan.user, penilaian=kasus.penilaian,
               rating_hasil_kerja="di_atas", rating_perilaku="sesuai")  # fmt: skip
    client.force_login(pemeran.pegawai.user)
    html = client.get(reverse("penilaian:saya")).content.decode()
    assert "Baik" in html and "Dinilai" in html
    assert reverse("penilaian:detail", args=[kasus.penilaian.pk]) in html


def test_saya_tanpa_skp_disetujui_memberi_tahu(client, pemeran, skp_pegawai, dalam_jendela_tw1):
    client.force_login(pemeran.pegawai.user)
    html = client.get(reverse("penilaian:saya")).content.decode()
    assert "Belum ada SKP tahun 2026 yang disetujui" in html
    assert "penilaian/periode/" not in html  # no "Isi realisasi" button


def test_mulai_membuat_penilaian_lalu_membuka_formulir(client, pemeran, skp_disetujui, tw1,
                                                       dalam_jendela_tw1):  # fmt: skip
    client.force_login(pemeran.pegawai.user)
    html = client.get(reverse("penilaian:saya")).content.decode()
    url = reverse("penilaian:mulai", args=[tw1.pk])
    assert url in html
    r = client.post(url)
    p = PenilaianPeriodik.objects.get()
    assert r.url == url_realisasi(p)
    assert client.post(url).url == url_realisasi(p)  # again: the same one
    assert client.get(url).status_code == 405


def test_mulai_ditolak_dengan_alasan(client, pemeran, skp_pegawai, tw1, dalam_jendela_tw1):
    client.force_login(pemeran.pegawai.user)
    r = client.post(reverse("penilaian:mulai", args=[tw1.pk]), follow=True)
    assert "SKP tahun 2026 yang disetujui" in r.content.decode()
    assert not PenilaianPeriodik.objects.exists()


def test_mulai_saat_cltn_ditolak(client, pemeran, skp_disetujui, tw1, dalam_jendela_tw1):
    MasaTidakDinilai.objects.create(pegawai=pemeran.pegawai, jenis="cltn", mulai=date(2026, 2, 1))
    client.force_login(pemeran.pegawai.user)
    html = client.get(reverse("penilaian:saya")).content.decode()
    assert "Tidak dinilai" in html
    r = client.post(reverse("penilaian:mulai", args=[tw1.pk]), follow=True)
    assert "tidak dinilai" in r.content.decode()
    assert not PenilaianPeriodik.objects.exists()


def test_mulai_periode_instansi_lain_404(client, pemeran, tw1, dalam_jendela_tw1):
    client.force_login(pemeran.pegawai_lain.user)
    assert client.post(reverse("penilaian:mulai", args=[tw1.pk])).status_code == 404


# --- the realisasi form -----------------------------------------------------------------------


def test_realisasi_tangga_izin(client, pemeran, kasus):
    url = url_realisasi(kasus.penilaian)
    assert client.get(url).url.startswith(reverse("login"))
    for orang in (pemeran.orang_luar, pemeran.pegawai_lain, pemeran.admin_lain):
        client.force_login(orang.user)
        assert client.get(url).status_code == 404
    for orang in (pemeran.atasan, pemeran.atasan_atasan, pemeran.admin):
        client.force_login(orang.user)
        assert client.get(url).status_code == 403  # they read it on the detail page
    client.force_login(pemeran.pegawai.user)
    r = client.get(url)
    assert r.status_code == 200
    html = r.content.decode()
    assert "52 laporan" in html and "90–100 %" in html  # targets as the SKP page prints them
    assert "foto rapat" in html  # the reminder: evidence shows a result, not an activity
    assert "Simpan dan kirim ke penilai" in html
    assert "batas 14 April 2026 (15 hari lagi)" in html
    r = client.get(url, **HTMX)
    assert 'id="realisasi"' in r.content.decode() and "<html" not in r.content.decode()


def data_form(kasus, **nilai) -> dict:
    ind = indikator(kasus)
    data = {f"indikator_{ind[a].pk}": "" for a in ind}
    data.update({f"indikator_{ind[a].pk}": v for a, v in nilai.items()})
    data["revisi"] = PenilaianPeriodik.objects.get(pk=kasus.penilaian.pk).revisi
    return data


def test_simpan_lalu_tampil_dengan_persentase(client, pemeran, kasus):
    client.force_login(pemeran.pegawai.user)
    url = url_realisasi(kasus.penilaian)
    r = client.post(url, data_form(kasus, kuantitas="13", kualitas="99,5"))
    assert r.status_code == 302 and r.url == url
    html = client.get(url).content.decode()
    assert "Realisasi disimpan." in html
    assert 'value="13"' in html and 'value="99,5"' in html
    assert "25%" in html  # 13 of 52
    assert "110,6%" in html  # 99,5 of the range's lower bound 90
    assert "Persentase = realisasi ÷ target × 100" in html


def test_nilai_salah_kembali_dengan_galat_per_isian(client, pemeran, kasus):
    client.force_login(pemeran.pegawai.user)
    r = client.post(
        url_realisasi(kasus.penilaian), data_form(kasus, kuantitas="13", kualitas="banyak")
    )
    assert r.status_code == 200
    html = r.content.decode()
    assert "“banyak” bukan angka" in html
    assert 'value="banyak"' in html  # what was typed stays
    assert not Realisasi.objects.exists()


def test_halaman_usang_ditolak_dengan_pesan(client, pemeran, kasus):
    client.force_login(pemeran.pegawai.user)
    url = url_realisasi(kasus.penilaian)
    lama = data_form(kasus, kuantitas="13")
    client.post(url, data_form(kasus, kuantitas="10"))
    r = client.post(url, lama, follow=True)
    assert "diubah di tab atau perangkat lain" in r.content.decode()
    assert Realisasi.objects.get().nilai == Decimal(10)


def test_kirim_dan_klik_ganda(client, pemeran, kasus):
    client.force_login(pemeran.pegawai.user)
    url = url_realisasi(kasus.penilaian)
    data = {**data_form(kasus, kuantitas="13"), "aksi": "kirim"}
    r = client.post(url, data, follow=True)
    assert "dikirim ke pejabat penilai" in r.content.decode()
    p = PenilaianPeriodik.objects.get()
    assert p.status == StatusPenilaian.DIKIRIM and p.penilai == pemeran.atasan
    r = client.post(url, data, follow=True)  # the second click of a double click
    assert "Realisasi periode ini sudah dikirim ke pejabat penilai." in r.content.decode()
    assert p.riwayat.filter(aksi="kirim").count() == 1


def test_kirim_tanpa_realisasi_memberi_alasan(client, pemeran, kasus):
    client.force_login(pemeran.pegawai.user)
    r = client.post(
        url_realisasi(kasus.penilaian), {**data_form(kasus), "aksi": "kirim"}, follow=True
    )
    assert "Isi realisasi paling sedikit satu indikator" in r.content.decode()
    assert PenilaianPeriodik.objects.get().status == StatusPenilaian.BELUM_DIISI


def test_simpan_htmx_mengembalikan_bagian(client, pemeran, kasus):
    client.force_login(pemeran.pegawai.user)
    r = client.post(url_realisasi(kasus.penilaian), data_form(kasus, kuantitas="13"), **HTMX)
    html = r.content.decode()
    assert r.status_code == 200 and 'id="realisasi"' in html and "<html" not in html
    assert "Realisasi disimpan." in html


def test_di_luar_jendela_halaman_hanya_baca(client, pemeran, kasus):
    Realisasi.objects.create(penilaian=kasus.penilaian, indikator=indikator(kasus)["kuantitas"],
                             nilai=Decimal(1500))  # fmt: skip
    with pada(date(2026, 4, 20)):
        client.force_login(pemeran.pegawai.user)
        r = client.get(url_realisasi(kasus.penilaian))
        html = r.content.decode()
        assert "sudah lewat" in html
        assert "1.500" in html
        assert "Simpan realisasi" not in html
        r = client.post(
            url_realisasi(kasus.penilaian), data_form(kasus, kuantitas="1"), follow=True
        )
        assert "sudah lewat" in r.content.decode()
    assert Realisasi.objects.get().nilai == Decimal(1500)


def _tambah_rhk(kasus, jumlah: int) -> None:
    """RHK with three indicators each, a realisasi, a bukti and a rencana aksi of the period."""
    skp = kasus.skp
    ada = RencanaHasilKerja.objects.filter(skp=skp).count()
    for n in range(jumlah):
        rhk = RencanaHasilKerja.objects.create(
            skp=skp, jenis="utama", urutan=ada + n + 1, uraian=f"Hasil kerja {n}"
        )
        for aspek in ("kuantitas", "kualitas", "waktu"):
            ind = IndikatorKinerja.objects.create(
                rhk=rhk, aspek=aspek, uraian=f"{aspek} {n}", target_min=10, satuan="dokumen"
            )
            Realisasi.objects.create(penilaian=kasus.penilaian, indikator=ind, nilai=3)
        BuktiDukung.objects.create(penilaian=kasus.penilaian, rhk=rhk, tautan="https://a.go.id/x")
        RencanaAksi.objects.create(rhk=rhk, nomor_periode=1, uraian="Langkah", target=3,
                                   satuan="dokumen")  # fmt: skip


def test_kueri_halaman_realisasi_tetap_dari_2_ke_10_rhk(client, pemeran, kasus,
                                                       django_assert_max_num_queries):  # fmt: skip
    client.force_login(pemeran.pegawai.user)
    url = url_realisasi(kasus.penilaian)
    _tambah_rhk(kasus, 1)  # 2 RHK
    client.get(url)  # warm caches (session, periods)
    with CaptureQueriesContext(connection) as sedikit:
        assert client.get(url).status_code == 200
    jumlah = len(sedikit)
    _tambah_rhk(kasus, 8)  # 10 RHK
    with django_assert_max_num_queries(jumlah):
        r = client.get(url)
    assert r.content.decode().count("Bukti dukung RHK") == 10
