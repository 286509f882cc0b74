"""Penilaian Bawahan (/penilaian/bawahan/): who sees which rows, the rating saved from one row
(htmx and plain POST), its refusals inside the row, and a query count that does not grow with
the number of bawahan."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from organisasi.models import PenugasanSementara
from penilaian.kuadran import Rating
from penilaian.models import (
    MasaTidakDinilai,
    PenilaianPeriodik,
    PerpanjanganPegawai,
    RiwayatPenilaian,
    StatusPenilaian,
)
from penilaian.periode import periode_tahun
from penilaian.services import alur
from penilaian.services.capaian import tetapkan_capaian
from tests.penilaian.bawahan import isi_penilaian, tambah_bawahan
from tests.penilaian.conftest import beri_umpan_balik_lengkap, pada

A, S, B = Rating.DI_ATAS, Rating.SESUAI, Rating.DI_BAWAH
URL = reverse("penilaian:bawahan")
HTMX = {"HTTP_HX_REQUEST": "true"}


def masuk(client, pegawai):
    client.force_login(pegawai.user)
    return client


def url_nilai(penilaian) -> str:
    return reverse("penilaian:bawahan_nilai", args=[penilaian.pk])


def data_rating(penilaian, hasil=S, perilaku=S, sebagai="penilai") -> dict:
    return {"rating_hasil_kerja": hasil, "rating_perilaku": perilaku,
            "revisi": penilaian.revisi, "sebagai": sebagai}  # fmt: skip


def segar(penilaian) -> PenilaianPeriodik:
    return PenilaianPeriodik.objects.get(pk=penilaian.pk)


def baris(html: str, penilaian) -> str:
    """The <tr> of one evaluation in a page or an htmx response."""
    awal = html.index(f'<tr id="baris-{penilaian.pk}"')
    ujung = [i for i in (html.find('<tr id="', awal + 1), html.find("</section>", awal)) if i > 0]
    return html[awal : min(ujung, default=len(html))]


@pytest.fixture
def siap(kasus, pemeran):
    """Rudi has sent his realisasi and his penilai has written the umpan balik: ready to rate."""
    p = isi_penilaian(pemeran.pegawai, kasus.periode, pemeran.atasan)
    kasus.penilaian = p
    return kasus


# --- who sees what --------------------------------------------------------------------------


def test_anonim_diarahkan_ke_halaman_masuk(client, kasus):
    r = client.get(URL)
    assert r.status_code == 302 and reverse("login") in r["Location"]
    r = client.post(url_nilai(kasus.penilaian), data_rating(kasus.penilaian))
    assert r.status_code == 302 and reverse("login") in r["Location"]
    assert segar(kasus.penilaian).status == StatusPenilaian.BELUM_DIISI


@pytest.mark.parametrize("siapa", ["pegawai", "admin"])
def test_tanpa_bawahan_ditolak_dengan_pesan(client, kasus, pemeran, siapa):
    # The admin of the instansi is not a penilai: administering is not evaluating.
    r = masuk(client, getattr(pemeran, siapa)).get(URL)
    assert r.status_code == 403
    assert "Halaman Penilaian Bawahan untuk pejabat penilai" in r.content.decode()


def test_superuser_tanpa_data_pegawai_ditolak(client, kasus, superuser):
    client.force_login(superuser)
    assert client.get(URL).status_code == 403


def test_penilai_melihat_bawahannya_sendiri(client, kasus, pemeran):
    tambah_bawahan(pemeran, 2)
    html = masuk(client, pemeran.atasan).get(URL).content.decode()
    for nama in ("Rudi Pelaksana", "Bawahan 01", "Bawahan 02"):
        assert nama in html
    assert "Dina Pelaksana" not in html
    assert 'name="rating_hasil_kerja"' in html and "3 bawahan: 3 Belum diisi" in html


def test_atasan_lain_hanya_melihat_bawahannya(client, kasus, pemeran):
    tambah_bawahan(pemeran, 2)
    html = masuk(client, pemeran.rekan_atasan).get(URL).content.decode()
    assert "Dina Pelaksana" in html
    assert "Rudi Pelaksana" not in html and "Bawahan 01" not in html
    # Dina has no approved SKP: her row says so and has nothing to rate.
    assert "Belum ada SKP disetujui" in html
    assert 'name="rating_hasil_kerja"' not in html


def test_atasan_dari_atasan_tidak_melihat_bawahan_tingkat_dua_sebelum_tenggat(
    client, kasus, pemeran
):
    html = masuk(client, pemeran.atasan_atasan).get(URL).content.decode()
    assert "Rina Kasi" in html and "Rudi Pelaksana" not in html
    assert "Penilai melewati batas waktu" not in html


def test_tautan_navbar_untuk_atasan_saja(client, kasus, pemeran):
    beranda = reverse("beranda")
    assert ">Penilaian Bawahan<" in masuk(client, pemeran.atasan).get(beranda).content.decode()
    assert ">Penilaian Bawahan<" not in masuk(client, pemeran.pegawai).get(beranda).content.decode()


def test_periode_instansi_lain_tidak_ditemukan(client, kasus, pemeran):
    lain = periode_tahun(pemeran.instansi_lain, 2026)[0]
    assert masuk(client, pemeran.atasan).get(URL, {"periode": lain.pk}).status_code == 404


def test_periode_dipilih_dan_bawaan_periode_berjalan(client, kasus, pemeran):
    c = masuk(client, pemeran.atasan)
    assert "<strong>Triwulan I 2026</strong>" in c.get(URL).content.decode()
    tw2 = periode_tahun(pemeran.instansi, 2026)[1]
    html = c.get(URL, {"periode": tw2.pk}).content.decode()
    assert "<strong>Triwulan II 2026</strong>" in html
    assert "<strong>Triwulan I 2026</strong>" in c.get(URL, {"periode": "x"}).content.decode()


def test_htmx_memuat_isi_saja(client, kasus, pemeran):
    r = masuk(client, pemeran.atasan).get(URL, **HTMX)
    html = r.content.decode()
    assert r.status_code == 200 and html.lstrip().startswith('<div id="isi-bawahan">')
    assert "<html" not in html and "Rudi Pelaksana" in html


def test_penilaian_dibuat_untuk_yang_dapat_dinilai_saja(client, kasus, pemeran):
    cltn, tanpa_skp, biasa = tambah_bawahan(pemeran, 3)
    tanpa_skp.skp.all().delete()
    MasaTidakDinilai.objects.create(pegawai=cltn, jenis="cltn", mulai=date(2026, 2, 1))
    html = masuk(client, pemeran.atasan).get(URL).content.decode()
    assert "Tidak dinilai (Cuti di luar tanggungan negara (CLTN))" in html
    assert "Belum ada SKP disetujui" in html
    dibuat = set(PenilaianPeriodik.objects.values_list("pegawai_id", flat=True))
    assert dibuat == {pemeran.pegawai.pk, biasa.pk}
    assert "4 bawahan: 2 Belum diisi, 1 Tidak dinilai, 1 Belum ada SKP disetujui." in html
    assert html.count('name="rating_hasil_kerja"') == 2


def test_pegawai_yang_pindah_tetap_dinilai_penilai_tercatat(client, siap, pemeran):
    # Rudi sent his realisasi to Rina (recorded), then moved under Eko inside the window.
    jabatan = pemeran.pegawai.jabatan
    jabatan.atasan = pemeran.rekan_atasan.jabatan
    jabatan.save()
    assert "Rudi Pelaksana" in masuk(client, pemeran.atasan).get(URL).content.decode()
    assert "Rudi Pelaksana" not in masuk(client, pemeran.rekan_atasan).get(URL).content.decode()


def test_plt_menilai_bawahan_jabatan_yang_dipegangnya(client, kasus, pemeran):
    # Eko is Plt of Rina's position while Rina is away: Eko rates Rudi, Rina does not.
    pemeran.atasan.aktif = False
    pemeran.atasan.save()
    PenugasanSementara.objects.create(
        jabatan=pemeran.atasan.jabatan, pegawai=pemeran.rekan_atasan,
        mulai=date(2026, 3, 1), selesai=date(2026, 6, 30),
    )  # fmt: skip
    html = masuk(client, pemeran.rekan_atasan).get(URL).content.decode()
    assert "Rudi Pelaksana" in html and "Dina Pelaksana" in html


def test_baris_menampilkan_realisasi_umpan_balik_dan_sisa_waktu(client, siap, pemeran):
    PerpanjanganPegawai.objects.create(
        periode=siap.periode, pegawai=pemeran.pegawai, sampai=date(2026, 4, 24), alasan="Sakit"
    )
    html = masuk(client, pemeran.atasan).get(URL).content.decode()
    b = baris(html, siap.penilaian)
    assert "Dikirim" in b and "dikirim 30 Maret 2026" in b
    assert "perpanjangan pengisian s.d. 24 April 2026" in b
    assert "11 hari kerja lagi" in b  # 30 March -> 14 April 2026
    assert "RHK 1: 3/3 indikator terisi, 25–100% · 1 bukti dukung" in b
    assert "<td>85,5 %</td><td>95%</td>" in b
    assert "Hasil kerja: sudah" in b and "Perilaku: sudah" in b
    assert reverse("penilaian:detail", args=[siap.penilaian.pk]) in b


# --- saving one row -------------------------------------------------------------------------


def test_simpan_htmx_mengganti_baris_dengan_predikat(client, siap, pemeran):
    p = siap.penilaian
    r = masuk(client, pemeran.atasan).post(url_nilai(p), data_rating(p, A, S), **HTMX)
    html = r.content.decode()
    assert r.status_code == 200 and html.lstrip().startswith(f'<tr id="baris-{p.pk}"')
    assert "Predikat: <strong>Baik</strong>" in html and "Tersimpan." in html
    assert f'id="simpan-{p.pk}" autofocus' in html  # keyboard focus back in the row
    assert (
        'id="ringkasan" aria-labelledby="judul-ringkasan" class="mb-3" hx-swap-oob="true"' in html
    )
    assert "1 bawahan: 1 Dinilai" in html and "Predikat sejauh ini: 1 Baik" in html
    assert 'hx-swap-oob="innerHTML:#pengumuman"' in html
    p = segar(p)
    assert (p.status, p.rating_hasil_kerja, p.rating_perilaku, p.predikat) == (
        "dinilai", A, S, "baik",
    )  # fmt: skip
    r = p.riwayat.get(aksi="nilai")
    assert r.oleh == pemeran.atasan.user and r.data["sesudah"]["predikat"] == "baik"


def test_simpan_tanpa_javascript_kembali_ke_halaman(client, siap, pemeran):
    p = siap.penilaian
    c = masuk(client, pemeran.atasan)
    r = c.post(url_nilai(p), data_rating(p, S, A))
    assert r.status_code == 302
    assert r["Location"] == f"{URL}?periode={p.periode_id}#baris-{p.pk}"
    html = c.get(r["Location"]).content.decode()
    assert "Penilaian Rudi Pelaksana tersimpan: predikat Baik." in html
    assert "Predikat: <strong>Baik</strong>" in baris(html, p)


def test_catatan_penilai_dari_halaman_detail_tidak_terhapus(client, siap, pemeran):
    p = alur.nilai(user=pemeran.atasan.user, penilaian=siap.penilaian, rating_hasil_kerja=S,
                   rating_perilaku=S, catatan="Pertahankan ketepatan waktu.")  # fmt: skip
    masuk(client, pemeran.atasan).post(url_nilai(p), data_rating(p, A, A), **HTMX)
    p = segar(p)
    assert p.predikat == "sangat_baik" and p.catatan_penilai == "Pertahankan ketepatan waktu."


def test_tanpa_umpan_balik_pesan_di_baris_dan_tidak_berubah(client, kasus, pemeran):
    p = kasus.penilaian
    r = masuk(client, pemeran.atasan).post(url_nilai(p), data_rating(p, A, B), **HTMX)
    html = r.content.decode()
    assert r.status_code == 200 and html.lstrip().startswith(f'<tr id="baris-{p.pk}"')
    assert "Penilaian belum dapat disimpan." in html
    assert "Tulis umpan balik atas hasil kerja (RHK) pegawai pada periode ini." in html
    assert "Tulis umpan balik atas perilaku kerja (nilai BerAKHLAK) pada periode ini." in html
    assert 'role="alert" tabindex="-1" autofocus' in html
    # The choices sent are kept in the row, so nothing has to be picked again.
    assert '<option value="di_atas" selected>' in html.split('name="rating_perilaku"')[0]
    assert '<option value="di_bawah" selected>' in html.split('name="rating_perilaku"')[1]
    assert "Predikat: <strong>belum dinilai</strong>" in html
    p = segar(p)
    assert (p.status, p.predikat, p.revisi) == ("belum_diisi", "", 0)
    assert not RiwayatPenilaian.objects.exists()


def test_tanpa_umpan_balik_tanpa_javascript_pesan_di_halaman(client, kasus, pemeran):
    p = kasus.penilaian
    c = masuk(client, pemeran.atasan)
    r = c.post(url_nilai(p), data_rating(p), follow=True)
    assert "Penilaian Rudi Pelaksana belum tersimpan." in r.content.decode()
    assert segar(p).predikat == ""


def test_rating_tidak_dipilih(client, siap, pemeran):
    p = siap.penilaian
    r = masuk(client, pemeran.atasan).post(url_nilai(p), data_rating(p, "", S), **HTMX)
    assert "Pilih rating hasil kerja." in r.content.decode()
    assert segar(p).predikat == ""


def test_halaman_kedaluwarsa_ditolak(client, siap, pemeran):
    lama = siap.penilaian
    alur.nilai(user=pemeran.atasan.user, penilaian=lama, rating_hasil_kerja=S, rating_perilaku=S)
    r = masuk(client, pemeran.atasan).post(url_nilai(lama), data_rating(lama, B, B), **HTMX)
    html = r.content.decode()
    assert "tab atau perangkat lain" in html
    # The row comes back as it is now (with its new revisi), not with the refused choice.
    p = segar(lama)
    assert f'name="revisi" value="{p.revisi}"' in html
    assert "Predikat: <strong>Baik</strong>" in html
    assert p.predikat == "baik" and p.riwayat.filter(aksi="nilai").count() == 1


def test_klik_ganda_tidak_menyimpan_dua_kali(client, siap, pemeran):
    p = siap.penilaian
    c = masuk(client, pemeran.atasan)
    data = data_rating(p, A, A)  # both requests left the page with the same revisi
    pertama = c.post(url_nilai(p), data, **HTMX).content.decode()
    kedua = c.post(url_nilai(p), data, **HTMX).content.decode()
    for html in (pertama, kedua):
        assert "Predikat: <strong>Sangat Baik</strong>" in html and "Tersimpan." in html
        assert "tab atau perangkat lain" not in html
    assert segar(p).riwayat.filter(aksi="nilai").count() == 1


def test_mengubah_rating_menambah_riwayat(client, siap, pemeran):
    p = siap.penilaian
    c = masuk(client, pemeran.atasan)
    c.post(url_nilai(p), data_rating(p, S, S), **HTMX)
    c.post(url_nilai(p), data_rating(segar(p), A, S), **HTMX)
    assert segar(p).predikat == "baik"
    assert list(
        segar(p)
        .riwayat.filter(aksi="nilai")
        .values_list("data__sesudah__rating_hasil_kerja", flat=True)
    ) == [S, A]


def test_di_luar_jendela_pesan_di_baris(client, siap, pemeran):
    p = siap.penilaian
    with pada(date(2026, 4, 15)):  # the deadline was 14 April
        c = masuk(client, pemeran.atasan)  # (a login of 30 March has expired by then)
        html = c.post(url_nilai(p), data_rating(p), **HTMX).content.decode()
        assert "Batas waktu penilaian Triwulan I sudah lewat" in html
        # The row no longer offers the choice, and says why.
        halaman = c.get(URL, {"periode": p.periode_id}).content.decode()
    assert 'name="rating_hasil_kerja"' not in baris(halaman, p)
    assert "sudah lewat" in baris(halaman, p)
    assert segar(p).predikat == ""


def test_sebelum_jendela_dibuka(client, pemeran, skp_disetujui, tw1):
    with pada(date(2026, 3, 2)):
        p = alur.pastikan_penilaian(pegawai=pemeran.pegawai, periode=tw1)
        beri_umpan_balik_lengkap(p, pemeran.atasan)
        html = masuk(client, pemeran.atasan).post(url_nilai(p), data_rating(p), **HTMX)
    assert "baru dapat dilakukan mulai 18-03-2026" in html.content.decode()
    assert segar(p).predikat == ""


def test_pegawai_menilai_dirinya_sendiri_ditolak(client, siap, pemeran):
    p = siap.penilaian
    r = masuk(client, pemeran.pegawai).post(url_nilai(p), data_rating(p), **HTMX)
    assert r.status_code == 403 and "menilai dirinya sendiri" in r.content.decode()
    assert segar(p).predikat == ""


def test_orang_luar_tidak_menemukan_penilaian(client, siap, pemeran):
    p = siap.penilaian
    for siapa in (pemeran.orang_luar, pemeran.rekan_atasan, pemeran.pegawai_lain):
        assert masuk(client, siapa).post(url_nilai(p), data_rating(p)).status_code == 404
    assert segar(p).predikat == ""


def test_atasan_penilai_bukan_penilai_sebelum_tenggat(client, siap, pemeran):
    p = siap.penilaian
    c = masuk(client, pemeran.atasan_atasan)
    assert c.post(url_nilai(p), data_rating(p)).status_code == 403
    beri_umpan_balik_lengkap(p, pemeran.atasan_atasan)
    r = c.post(url_nilai(p), data_rating(p, sebagai="atasan"), follow=True)
    assert "baru dapat menilai setelah batas waktu pejabat penilai lewat" in r.content.decode()
    assert segar(p).predikat == ""


def test_rating_sama_untuk_semua_diberi_catatan_bukan_diblokir(client, kasus, pemeran):
    c = masuk(client, pemeran.atasan)
    daftar = [siap_dinilai(pemeran, kasus.periode, b) for b in tambah_bawahan(pemeran, 3)]
    for p in daftar[:2]:
        c.post(url_nilai(p), data_rating(p, S, S), **HTMX)
    assert "rating yang sama" not in c.get(URL).content.decode()  # two alike is not a pattern
    html = c.post(url_nilai(daftar[2]), data_rating(daftar[2], S, S), **HTMX).content.decode()
    assert "Semua bawahan mendapat rating yang sama:</strong> 3 bawahan" in html  # out of band
    halaman = c.get(URL).content.decode()
    assert "Semua bawahan mendapat rating yang sama" in halaman
    assert all(segar(p).predikat == "baik" for p in daftar)  # a notice, nothing refused
    c.post(url_nilai(daftar[0]), data_rating(segar(daftar[0]), A, S), **HTMX)
    assert "rating yang sama" not in c.get(URL).content.decode()


def siap_dinilai(pemeran, periode, pegawai) -> PenilaianPeriodik:
    return isi_penilaian(pegawai, periode, pemeran.atasan)


# --- the atasan of a penilai who missed the deadline ----------------------------------------


def test_atasan_penilai_menilai_setelah_tenggat_final(client, siap, pemeran):
    p = siap.penilaian
    beri_umpan_balik_lengkap(p, pemeran.atasan_atasan)
    with pada(date(2026, 4, 16)):
        c = masuk(client, pemeran.atasan_atasan)
        html = c.get(URL, {"periode": p.periode_id}).content.decode()
        judul = html.index("Penilai melewati batas waktu")
        assert f'id="baris-{p.pk}"' in html[judul:]
        assert "Penilai: Rina Kasi" in baris(html, p) and "Simpan (final)" in baris(html, p)
        assert "lewat 2 hari kerja" in baris(html, p)
        r = c.post(url_nilai(p), data_rating(p, S, B, sebagai="atasan"), **HTMX)
        assert "Predikat: <strong>Kurang/Misconduct</strong> <span" in r.content.decode()
        assert "Final" in r.content.decode()
        p = segar(p)
        assert p.oleh_atasan_penilai and p.dinilai_oleh == pemeran.atasan_atasan
        # Still listed for the atasan, no longer changeable; the penilai cannot change it.
        assert "Dinilai oleh atasan pejabat penilai" in baris(
            c.get(URL, {"periode": p.periode_id}).content.decode(), p
        )
        r = masuk(client, pemeran.atasan).post(url_nilai(p), data_rating(p, A, A), **HTMX)
        assert "Batas waktu penilaian Triwulan I sudah lewat" in r.content.decode()
        halaman = masuk(client, pemeran.atasan).get(URL, {"periode": p.periode_id})
        assert "hasilnya final" in baris(halaman.content.decode(), p)
    assert segar(p).predikat == "kurang"


def test_bagian_terlambat_tidak_memuat_yang_sudah_dinilai_penilai(client, siap, pemeran):
    p = alur.nilai(user=pemeran.atasan.user, penilaian=siap.penilaian, rating_hasil_kerja=S,
                   rating_perilaku=S)  # fmt: skip
    with pada(date(2026, 4, 16)):
        html = (
            masuk(client, pemeran.atasan_atasan)
            .get(URL, {"periode": p.periode_id})
            .content.decode()
        )
    assert "Penilai melewati batas waktu" not in html
    assert f'id="baris-{p.pk}"' not in html


# --- a fixed number of queries --------------------------------------------------------------


def _isi_campuran(pemeran, periode, pegawai: list) -> None:
    """Realistic mixed states, each size having all of them: nothing filled yet (so the penilai
    is found from the position), filled and sent with umpan balik, rated."""
    for n, b in enumerate(pegawai):
        if n % 3 == 0:
            continue
        p = isi_penilaian(b, periode, pemeran.atasan)
        if n % 3 == 2:
            alur.nilai(user=pemeran.atasan.user, penilaian=p, rating_hasil_kerja=S,
                       rating_perilaku=A if n % 2 else S)  # fmt: skip


def _bersihkan_log() -> None:
    # Django keeps the last 9,000 queries: past that a count taken by difference is wrong, and
    # building 30 bawahan runs more than that.
    connection.queries_log.clear()


def _hitung(client, *args, **kwargs) -> int:
    _bersihkan_log()
    with CaptureQueriesContext(connection) as q:
        r = client.get(*args, **kwargs) if "data" not in kwargs else client.post(*args, **kwargs)
    assert r.status_code == 200
    return len(q)


@pytest.mark.usefixtures("jawaban_selalu_dihitung")
def test_jumlah_query_tetap_dari_3_sampai_30_bawahan(
    client, kasus, pemeran, django_assert_max_num_queries
):
    c = masuk(client, pemeran.atasan)
    bawahan = tambah_bawahan(pemeran, 2)
    _isi_campuran(pemeran, kasus.periode, bawahan)
    MasaTidakDinilai.objects.create(pegawai=tambah_bawahan(pemeran, 1, awal=90)[0], jenis="mpp",
                                    mulai=date(2026, 1, 1))  # fmt: skip
    # The unit's capaian is set: the page draws the chart of the pattern at both sizes.
    tetapkan_capaian(user=pemeran.atasan_atasan.user, unit_kerja=pemeran.atasan.jabatan.unit_kerja,
                     periode=kasus.periode, capaian="baik")  # fmt: skip
    c.get(URL)  # makes the missing evaluations once
    kecil = _hitung(c, URL)
    assert kecil <= 55  # the capaian, its leader, the rounding and the reason: a fixed few

    _isi_campuran(pemeran, kasus.periode, tambah_bawahan(pemeran, 27, awal=2))
    c.get(URL)
    _bersihkan_log()
    with django_assert_max_num_queries(kecil):
        html = c.get(URL).content.decode()
    assert html.count('id="predikat-') == 30
    assert "<svg" in html and "30 pegawai" in html


@pytest.mark.usefixtures("jawaban_selalu_dihitung")
def test_jumlah_query_tetap_saat_penilaian_dibuat(
    client, kasus, pemeran, django_assert_max_num_queries
):
    c = masuk(client, pemeran.atasan)
    tambah_bawahan(pemeran, 2)
    kecil = _hitung(c, URL)  # the first visit makes the evaluations of all rows
    tambah_bawahan(pemeran, 28, awal=2)
    _bersihkan_log()
    with django_assert_max_num_queries(kecil):
        c.get(URL)
    assert PenilaianPeriodik.objects.count() == 31


@pytest.mark.usefixtures("jawaban_selalu_dihitung")
def test_jumlah_query_simpan_baris_tetap(client, siap, pemeran, django_assert_max_num_queries):
    c = masuk(client, pemeran.atasan)
    _isi_campuran(pemeran, siap.periode, tambah_bawahan(pemeran, 2))
    c.get(URL)
    p = siap.penilaian
    kecil = _hitung(c, url_nilai(p), data=data_rating(p, S, S), **HTMX)
    _isi_campuran(pemeran, siap.periode, tambah_bawahan(pemeran, 27, awal=2))
    c.get(URL)
    _bersihkan_log()
    data = data_rating(segar(p), A, S)
    with django_assert_max_num_queries(kecil):
        c.post(url_nilai(p), data, **HTMX)


@pytest.mark.usefixtures("jawaban_selalu_dihitung")
def test_jumlah_query_bagian_terlambat_tetap(client, kasus, pemeran, django_assert_max_num_queries):
    tw1 = {"periode": kasus.periode.pk}  # a past period: not the default one any more
    tambah_bawahan(pemeran, 2)
    with pada(date(2026, 4, 16)):
        c = masuk(client, pemeran.atasan_atasan)
        c.get(URL, tw1)
        kecil = _hitung(c, URL, tw1)
    tambah_bawahan(pemeran, 28, awal=2)
    with pada(date(2026, 4, 16)):
        c.get(URL, tw1)
        _bersihkan_log()
        with django_assert_max_num_queries(kecil):
            html = c.get(URL, tw1).content.decode()
    judul = html.index("Penilai melewati batas waktu")
    assert html[judul:].count("Simpan (final)") == 31
