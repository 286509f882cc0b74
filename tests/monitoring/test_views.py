"""The monitoring pages: a permission ladder for every view (the file download included), htmx
partials, bad input said in Indonesian with nothing written, a double click saved once, query
counts flat from small to large data, the proposed realisasi on the realisasi form and the
mid-year notice on Penilaian Bawahan."""

import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from monitoring.models import DialogKinerja, JurnalKinerja, RiwayatJurnal, TinjauanTengahTahun
from penilaian.models import Realisasi, RencanaAksi
from skp.models import Notifikasi
from tests import contoh_berkas as contoh
from tests.monitoring.conftest import HARI, HTMX, pada, tulis

JURNAL = reverse("monitoring:jurnal")


def masuk(client, pegawai):
    client.force_login(pegawai.user)
    return client


def ke_login(r) -> bool:
    return r.status_code == 302 and reverse("login") in r["Location"]


def orang_luar(pemeran):
    return [pemeran.orang_luar, pemeran.rekan_atasan, pemeran.admin_lain, pemeran.pegawai_lain]


# --- Jurnal Kinerja (own page) -------------------------------------------------------------------


def test_jurnal_tangga_izin(client, pemeran, superuser, jurnal):
    assert ke_login(client.get(JURNAL))
    client.force_login(superuser)  # no pegawai record: no jurnal of their own
    assert client.get(JURNAL).status_code == 403
    r = masuk(client, pemeran.pegawai).get(JURNAL)
    assert r.status_code == 200
    html = r.content.decode()
    assert "Tulis entri" in html and 'role="progressbar"' in html
    assert f'href="{JURNAL}">Jurnal Kinerja</a>' in html  # in the user menu
    r = client.get(JURNAL, **HTMX)
    assert b'id="isi-jurnal"' in r.content and b"<html" not in r.content


def data_entri(jurnal, **kw) -> dict:
    return {"token": "t-" + str(kw.pop("n", 1)), "tanggal": "2026-05-15", "rhk": jurnal.rhk1.pk,
            "kegiatan": "Merekap 3 laporan desa", "hasil": "3"} | kw  # fmt: skip


def test_jurnal_menulis_entri_dan_klik_ganda(client, pemeran, jurnal):
    c = masuk(client, pemeran.pegawai)
    r = c.post(JURNAL, data_entri(jurnal))
    assert r.status_code == 302
    assert "Entri jurnal 15-05-2026 disimpan" in c.get(r["Location"]).content.decode()
    r = c.post(JURNAL, data_entri(jurnal), follow=True)  # the same form again
    assert "sudah tersimpan (tombol Simpan tertekan dua kali)" in r.content.decode()
    assert JurnalKinerja.objects.count() == 1
    r = c.post(JURNAL, data_entri(jurnal, n=2, rhk=jurnal.rhk2.pk, hasil="1"), **HTMX)
    html = r.content.decode()
    assert r.status_code == 200 and "disimpan" in html and 'id="isi-jurnal"' in html
    assert JurnalKinerja.objects.count() == 2


@pytest.mark.parametrize(
    ("isian", "pesan"),
    [
        ({"tanggal": "2026-05-16"}, "Tanggal tidak boleh melewati hari ini (15-05-2026)"),
        ({"tanggal": "2025-12-31"}, "Tanggal harus dalam tahun SKP-nya (2026)"),
        ({"tanggal": "31-31-2026"}, "tanggal yang valid"),
        ({"jam_mulai": "10:00", "jam_selesai": "09:30"}, "Jam selesai harus setelah jam mulai"),
        ({"hasil": "tiga"}, "bukan angka"),
        ({"kegiatan": ""}, "Tuliskan yang dikerjakan"),
        ({"rhk": "999999"}, "Pilih RHK dari SKP Anda yang berlaku"),
        ({"tautan": "ftp://arsip/x"}, "hanya tautan http"),
    ],
)
def test_jurnal_isian_salah_pesan_indonesia_tanpa_menulis(client, pemeran, jurnal, isian, pesan):
    r = masuk(client, pemeran.pegawai).post(JURNAL, data_entri(jurnal, **isian))
    assert r.status_code == 200
    html = r.content.decode()
    assert pesan in html and "Entri belum disimpan" in html
    assert not JurnalKinerja.objects.exists()


def test_jurnal_berkas_palsu_ditolak(client, pemeran, jurnal):
    berkas = SimpleUploadedFile("laporan.pdf", contoh.exe())
    r = masuk(client, pemeran.pegawai).post(JURNAL, data_entri(jurnal, berkas=berkas))
    assert "bukan PDF yang sah" in r.content.decode()
    assert not JurnalKinerja.objects.exists()


def test_jurnal_tanpa_skp_disetujui(client, pemeran, skp_pegawai, pertengahan_mei):
    c = masuk(client, pemeran.pegawai)
    assert "Belum ada SKP tahun 2026 yang disetujui" in c.get(JURNAL).content.decode()
    r = c.post(JURNAL, {"kegiatan": "x"}, follow=True)
    assert "Belum ada SKP tahun 2026 yang disetujui" in r.content.decode()
    assert not JurnalKinerja.objects.exists()


def _isi_banyak(pemeran, jurnal, n: int) -> None:
    for i in range(n):
        e = tulis(pemeran.pegawai, jurnal.rhk1 if i % 2 else jurnal.rhk2,
                  tanggal=HARI - timedelta(days=i % 40), hasil=Decimal(1),
                  hambatan=f"Hambatan {i}", tautan="https://drive.contoh.go.id/x")  # fmt: skip
        if i % 5 == 0:
            RiwayatJurnal.objects.create(jurnal=e, oleh=pemeran.pegawai.user, data={"tanggal": "x"})
    for rhk in (jurnal.rhk1, jurnal.rhk2):
        for nomor in (1, 2, 3):
            RencanaAksi.objects.create(rhk=rhk, nomor_periode=nomor, uraian=f"Aksi {nomor}",
                                       target=Decimal(4), satuan="laporan")  # fmt: skip
    for i in range(6):
        DialogKinerja.objects.create(
            pegawai=pemeran.pegawai, atasan=pemeran.atasan, tanggal=HARI, jenis="coaching",
            topik=f"Topik {i}", kesepakatan="x", dicatat_sebagai="atasan", token=f"d{i}",
            tanggal_tindak_lanjut=HARI + timedelta(days=i),
        )  # fmt: skip


def _hitung(c, url: str, **kw) -> int:
    connection.queries_log.clear()
    with CaptureQueriesContext(connection) as q:
        assert c.get(url, **kw).status_code == 200
    return len(q)


def test_kueri_halaman_jurnal_tetap(client, pemeran, jurnal, django_assert_max_num_queries):
    c = masuk(client, pemeran.pegawai)
    c.get(JURNAL)  # the year's periods are made on first need
    tulis(pemeran.pegawai, jurnal.rhk1, hasil=Decimal(1))
    kecil = _hitung(c, JURNAL)
    _isi_banyak(pemeran, jurnal, 60)
    with django_assert_max_num_queries(kecil):
        html = c.get(JURNAL).content.decode()
    assert html.count('class="entri-jurnal"') == 25  # the first page of the period


def test_kueri_halaman_pegawai_tetap(client, pemeran, jurnal, django_assert_max_num_queries):
    url = reverse("monitoring:pegawai", args=[pemeran.pegawai.pk])
    c = masuk(client, pemeran.atasan)
    c.get(url)
    tulis(pemeran.pegawai, jurnal.rhk1, hasil=Decimal(1))
    kecil = _hitung(c, url)
    _isi_banyak(pemeran, jurnal, 60)
    with django_assert_max_num_queries(kecil):
        html = c.get(url).content.decode()
    assert html.count('class="dialog-kinerja') == 6


# --- editing an entry, its file --------------------------------------------------------------


def test_ubah_tangga_izin(client, pemeran, jurnal):
    e = tulis(pemeran.pegawai, jurnal.rhk1, hasil=Decimal(3))
    url = reverse("monitoring:jurnal_ubah", args=[e.pk])
    assert ke_login(client.get(url))
    for p in orang_luar(pemeran):
        assert masuk(client, p).get(url).status_code == 404
    for p in (pemeran.atasan, pemeran.admin):  # they see the jurnal, but do not edit it
        assert masuk(client, p).get(url).status_code == 403
        assert masuk(client, p).post(url, data_entri(jurnal, revisi=0)).status_code == 403
    r = masuk(client, pemeran.pegawai).get(url)
    assert r.status_code == 200 and "Simpan perubahan" in r.content.decode()
    r = client.post(url, data_entri(jurnal, revisi=0, kegiatan="Merekap 4 laporan desa", hasil="4"))
    assert r.status_code == 302 and f"#entri-{e.pk}" in r["Location"]
    e.refresh_from_db()
    assert e.hasil == 4 and RiwayatJurnal.objects.count() == 1
    html = client.get(r["Location"]).content.decode()
    assert "Entri jurnal diubah." in html and "diubah 1 kali" in html


def test_ubah_setelah_terkunci(client, pemeran, jurnal):
    e = tulis(pemeran.pegawai, jurnal.rhk1)
    url = reverse("monitoring:jurnal_ubah", args=[e.pk])
    with pada(HARI + timedelta(days=4)):
        c = masuk(client, pemeran.pegawai)
        html = c.get(url).content.decode()
        assert "sudah terkunci" in html and "Simpan perubahan" not in html
        r = c.post(url, data_entri(jurnal, revisi=0, kegiatan="Terlambat"), follow=True)
        assert "sudah terkunci dan disimpan apa adanya" in r.content.decode()
        r = c.post(reverse("monitoring:jurnal_hapus", args=[e.pk]), follow=True)
        assert "sudah terkunci" in r.content.decode()
    e.refresh_from_db()
    assert e.kegiatan == "Merekap laporan puskesmas"


def test_hapus_tangga_izin(client, pemeran, jurnal):
    e = tulis(pemeran.pegawai, jurnal.rhk1)
    url = reverse("monitoring:jurnal_hapus", args=[e.pk])
    assert ke_login(client.post(url))
    assert masuk(client, pemeran.orang_luar).post(url).status_code == 404
    assert masuk(client, pemeran.atasan).post(url).status_code == 403
    assert masuk(client, pemeran.pegawai).post(url).status_code == 302
    assert not JurnalKinerja.objects.exists()
    assert client.post(url).status_code == 404  # gone


def test_unduh_berkas_tangga_izin(client, pemeran, jurnal):
    e = tulis(pemeran.pegawai, jurnal.rhk1,
              berkas=SimpleUploadedFile("Rekap Mei.pdf", contoh.pdf()))  # fmt: skip
    url = reverse("monitoring:jurnal_berkas", args=[e.pk])
    assert ke_login(client.get(url))
    for p in orang_luar(pemeran):
        assert masuk(client, p).get(url).status_code == 404
    for p in (pemeran.pegawai, pemeran.atasan, pemeran.atasan_atasan, pemeran.admin):
        r = masuk(client, p).get(url)
        assert r.status_code == 200
        assert r["X-Content-Type-Options"] == "nosniff" and "attachment" in r["Content-Disposition"]
        assert b"".join(r.streaming_content).startswith(b"%PDF-")
    tanpa = tulis(pemeran.pegawai, jurnal.rhk1, tautan="https://contoh.go.id/x")
    r = masuk(client, pemeran.pegawai).get(reverse("monitoring:jurnal_berkas", args=[tanpa.pk]))
    assert r.status_code == 404


# --- a pegawai's monitoring page, dialog kinerja --------------------------------------------


def test_halaman_pegawai_tangga_izin(client, pemeran, jurnal):
    tulis(pemeran.pegawai, jurnal.rhk1, hasil=Decimal(2), hambatan="Server lambat")
    url = reverse("monitoring:pegawai", args=[pemeran.pegawai.pk])
    assert ke_login(client.get(url))
    for p in orang_luar(pemeran):
        assert masuk(client, p).get(url).status_code == 404
    for p in (pemeran.pegawai, pemeran.atasan, pemeran.atasan_atasan, pemeran.admin):
        html = masuk(client, p).get(url).content.decode()
        assert "Hambatan terakhir" in html and "Server lambat" in html
        assert ("Catat dialog kinerja" in html) == (p in (pemeran.pegawai, pemeran.atasan))
    r = masuk(client, pemeran.atasan).get(url, **HTMX)
    assert b'id="isi-pegawai"' in r.content and b"<html" not in r.content


def data_dialog(**kw) -> dict:
    return {"token": "dlg-1", "tanggal": "2026-05-14", "jenis": "coaching",
            "topik": "Rekap data desa", "kesepakatan": "Rekap dikirim tiap Jumat",
            "tindak_lanjut": "Periksa rekap 3 desa", "tanggal_tindak_lanjut": "2026-05-22"} | kw  # fmt: skip


def test_dialog_tangga_izin_dan_kedua_pihak_melihat(client, pemeran, jurnal,
                                                    django_capture_on_commit_callbacks):  # fmt: skip
    url = reverse("monitoring:dialog_tambah", args=[pemeran.pegawai.pk])
    assert ke_login(client.post(url, data_dialog()))
    assert masuk(client, pemeran.orang_luar).post(url, data_dialog()).status_code == 404
    for p in (pemeran.admin, pemeran.atasan_atasan):  # they read it, they are not a party
        assert masuk(client, p).post(url, data_dialog()).status_code == 403
    assert not DialogKinerja.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        r = masuk(client, pemeran.atasan).post(url, data_dialog())
    assert r.status_code == 302
    d = DialogKinerja.objects.get()
    assert (d.atasan, d.dicatat_sebagai, d.tindak_lanjut_terbuka) == (
        pemeran.atasan,
        "atasan",
        True,
    )
    kabar = Notifikasi.objects.get()
    assert kabar.penerima == pemeran.pegawai.user and kabar.tautan.endswith("#dialog")
    # the pegawai sees it and its open follow-up on their jurnal and their page
    c = masuk(client, pemeran.pegawai)
    assert "Periksa rekap 3 desa" in c.get(JURNAL).content.decode()
    html = c.get(reverse("monitoring:pegawai", args=[pemeran.pegawai.pk])).content.decode()
    assert "Rekap dikirim tiap Jumat" in html and "Belum selesai" in html
    assert "Rekap data desa" in c.get(reverse("monitoring:dialog")).content.decode()
    # ... and so does the atasan, on the list of their dialogs
    html = masuk(client, pemeran.atasan).get(reverse("monitoring:dialog")).content.decode()
    assert "Rekap data desa" in html and "Tandai selesai" in html


def test_dialog_klik_ganda_dan_isian_salah(client, pemeran, jurnal):
    url = reverse("monitoring:dialog_tambah", args=[pemeran.pegawai.pk])
    c = masuk(client, pemeran.pegawai)
    assert c.post(url, data_dialog()).status_code == 302
    r = c.post(url, data_dialog(), follow=True)
    assert "sudah tercatat (tombol Simpan tertekan dua kali)" in r.content.decode()
    for isian, pesan in [
        ({"tanggal": "2026-05-16"}, "tidak boleh melewati hari ini"),
        ({"tanggal_tindak_lanjut": "2026-05-01"}, "tidak boleh sebelum tanggal dialog"),
        ({"tanggal_tindak_lanjut": ""}, "Isi tanggal tindak lanjut"),
        ({"topik": ""}, "Tuliskan topik dialog"),
        ({"jenis": "ceramah"}, "Pilih jenis dialog"),
    ]:
        r = c.post(url, data_dialog(token=f"x{pesan}", **isian))
        assert r.status_code == 200 and pesan in r.content.decode(), pesan
    r = c.post(url, data_dialog(token="y", topik=""), **HTMX)
    assert b'id="dialog"' in r.content and b"<html" not in r.content
    assert DialogKinerja.objects.count() == 1
    d = DialogKinerja.objects.get()
    assert (d.dicatat_sebagai, d.atasan) == ("pegawai", pemeran.atasan)


def test_tindak_lanjut_selesai_oleh_salah_satu_pihak(client, pemeran, jurnal):
    masuk(client, pemeran.pegawai).post(
        reverse("monitoring:dialog_tambah", args=[pemeran.pegawai.pk]), data_dialog()
    )
    d = DialogKinerja.objects.get()
    url = reverse("monitoring:dialog_selesai", args=[d.pk])
    assert ke_login(masuk(client, pemeran.pegawai).logout() or client.post(url))
    assert masuk(client, pemeran.orang_luar).post(url).status_code == 404
    assert masuk(client, pemeran.admin).post(url).status_code == 403
    r = masuk(client, pemeran.atasan).post(url, **HTMX)
    assert r.status_code == 200 and b'id="dialog"' in r.content and b"Selesai" in r.content
    # the open follow-ups above the dialogs are replaced too (out of band), now empty
    oob = r.content.decode().split('<div id="tindak-lanjut" hx-swap-oob="true">')[1]
    assert "Periksa rekap 3 desa" not in oob.split("</div>")[0]
    d.refresh_from_db()
    assert (d.selesai_oleh, d.selesai_oleh_nama) == (
        pemeran.atasan.user,
        pemeran.atasan.nama_lengkap,
    )
    r = masuk(client, pemeran.pegawai).post(url, follow=True)  # the other party, later
    assert "sudah ditandai selesai oleh Rina Kasi" in r.content.decode()
    assert "Periksa rekap 3 desa" not in client.get(JURNAL).content.decode()


def test_daftar_dialog_tangga_izin(client, pemeran, superuser, jurnal):
    url = reverse("monitoring:dialog")
    assert ke_login(client.get(url))
    client.force_login(superuser)
    assert client.get(url).status_code == 403
    assert masuk(client, pemeran.pegawai).get(url).status_code == 200


# --- mid-year review -------------------------------------------------------------------------


def test_tinjauan_tangga_izin_dan_konfirmasi_kedua_pihak(client, pemeran, jurnal):
    url = reverse("monitoring:tinjauan_pegawai", args=[pemeran.pegawai.pk])
    assert ke_login(client.get(url))
    for p in orang_luar(pemeran):
        assert masuk(client, p).get(url).status_code == 404
    with pada(date(2026, 6, 10)):
        html = masuk(client, pemeran.admin).get(url).content.decode()
        assert "Utama 1" in html and "Konfirmasi tinjauan" not in html
        assert masuk(client, pemeran.admin).post(url, {"catatan": "x"}).status_code == 403
        c = masuk(client, pemeran.pegawai)
        html = c.get(url).content.decode()
        assert "RHK yang terlambat" in html and "Buka revisi SKP" in html
        assert c.post(url, {"catatan": "Target laporan KLB direvisi"}).status_code == 302
        r = c.post(url, {"catatan": "lagi"}, follow=True)  # a double click
        assert "Anda sudah mengonfirmasi tinjauan ini" in r.content.decode()
        masuk(client, pemeran.atasan).post(url, {"catatan": "Setuju, revisi dibuka"})
    t = TinjauanTengahTahun.objects.get()
    assert (
        t.selesai
        and t.atasan == pemeran.atasan
        and t.catatan_pegawai == "Target laporan KLB direvisi"
    )
    assert [r["rhk"].split(":")[0] for r in t.rhk_terlambat] == ["Utama 1", "Utama 2"]


def test_tinjauan_sebelum_juni_ditolak(client, pemeran, jurnal):
    url = reverse("monitoring:tinjauan_pegawai", args=[pemeran.pegawai.pk])
    c = masuk(client, pemeran.pegawai)
    assert "dapat dicatat mulai 1 Juni 2026" in c.get(url).content.decode()
    r = c.post(url, {"catatan": "x"}, follow=True)
    assert "dapat dicatat mulai 1 Juni 2026" in r.content.decode()
    assert not TinjauanTengahTahun.objects.exists()


def test_tinjauan_membuka_revisi_lewat_alur_revisi_skp(client, pemeran, jurnal):
    url = reverse("monitoring:tinjauan_pegawai", args=[pemeran.pegawai.pk])
    with pada(date(2026, 6, 10)):
        c = masuk(client, pemeran.atasan)
        html = c.get(url).content.decode()
        assert reverse("skp:buka_revisi", args=[jurnal.skp.pk]) in html
        r = c.post(reverse("skp:buka_revisi", args=[jurnal.skp.pk]),
                   {"catatan": "Tinjauan tengah tahun: RHK terlambat Utama 1, Utama 2."})  # fmt: skip
        assert r.status_code == 302
        html = c.get(url).content.decode()
    assert "Revisi SKP sudah dibuka (versi 2, draf)" in html and "Buka revisi SKP" not in html


def test_daftar_tinjauan_atasan(client, pemeran, jurnal):
    url = reverse("monitoring:tinjauan")
    assert ke_login(client.get(url))
    r = masuk(client, pemeran.pegawai).get(url)  # no bawahan: their own review
    assert r["Location"] == reverse("monitoring:tinjauan_pegawai", args=[pemeran.pegawai.pk])
    tulis(pemeran.pegawai, jurnal.rhk2, tanggal=date(2026, 5, 4))
    html = masuk(client, pemeran.atasan).get(url).content.decode()
    assert pemeran.pegawai.nama_lengkap in html and "2 dari 2 RHK" in html
    assert "Belum ditinjau" in html and "4 Mei 2026" in html


@pytest.mark.usefixtures("jawaban_selalu_dihitung")
def test_kueri_daftar_bawahan_tetap(client, pemeran, jurnal, django_assert_max_num_queries):
    from tests.factories import JabatanFactory, PegawaiFactory

    url = reverse("monitoring:tinjauan")
    c = masuk(client, pemeran.atasan)
    tulis(pemeran.pegawai, jurnal.rhk1, hasil=Decimal(1))
    c.get(url)
    kecil = _hitung(c, url)
    for i in range(12):
        j = JabatanFactory(unit_kerja=pemeran.atasan.jabatan.unit_kerja, nama=f"Pelaksana {i}",
                           atasan=pemeran.atasan.jabatan)  # fmt: skip
        PegawaiFactory(nama=f"Bawahan {i:02}", jabatan=j)
    _isi_banyak(pemeran, jurnal, 20)
    with django_assert_max_num_queries(kecil):
        html = c.get(url).content.decode()
    assert html.count('id="bawahan-') == 13


def test_spanduk_tinjauan_juni_juli(client, pemeran, jurnal):
    c = masuk(client, pemeran.pegawai)
    assert "Tinjauan tengah tahun SKP 2026" not in c.get(JURNAL).content.decode()  # May
    bawahan = reverse("penilaian:bawahan")
    assert (
        "Tinjauan tengah tahun" not in masuk(client, pemeran.atasan).get(bawahan).content.decode()
    )
    with pada(date(2026, 7, 31)):
        html = masuk(client, pemeran.pegawai).get(JURNAL).content.decode()
        assert "Tinjauan tengah tahun SKP 2026" in html and "2 RHK terlambat" in html
        html = masuk(client, pemeran.atasan).get(bawahan).content.decode()
        assert "1 dari 1 bawahan belum Anda konfirmasi" in html
    with pada(date(2026, 8, 1)):
        assert (
            "Tinjauan tengah tahun"
            not in masuk(client, pemeran.atasan).get(bawahan).content.decode()
        )


# --- the proposed realisasi on the realisasi form ----------------------------------------------


def test_usulan_realisasi_dari_jurnal_tidak_menimpa_isian(client, pemeran, kasus):
    for hari, n in ((2, 3), (9, 4), (16, 2), (23, 3), (30, 2)):
        tulis(pemeran.pegawai, kasus.skp.rhk.get(), tanggal=date(2026, 3, hari), hasil=Decimal(n))
    url = reverse("penilaian:realisasi", args=[kasus.penilaian.pk])
    c = masuk(client, pemeran.pegawai)
    html = c.get(url).content.decode()
    assert "Usulan dari jurnal: <strong>14 laporan (5 entri)</strong>" in html
    assert "Pakai usulan" in html and 'src="/static/js/usulan.js"' in html
    kuantitas = kasus.skp.rhk.get().indikator.get(aspek="kuantitas")
    isian = re.search(rf'<input[^>]*name="indikator_{kuantitas.pk}"[^>]*>', html).group(0)
    assert "value=" not in isian  # shown beside the input, never filled into it
    Realisasi.objects.create(penilaian=kasus.penilaian, indikator=kuantitas, nilai=Decimal(10))
    html = c.get(url).content.decode()
    isian = re.search(rf'<input[^>]*name="indikator_{kuantitas.pk}"[^>]*>', html).group(0)
    assert 'value="10"' in isian and "14 laporan (5 entri)" in html
    assert Realisasi.objects.get().nilai == 10  # nothing written by the proposal


def test_kueri_realisasi_tetap_dengan_banyak_entri(client, pemeran, kasus,
                                                   django_assert_max_num_queries):  # fmt: skip
    url = reverse("penilaian:realisasi", args=[kasus.penilaian.pk])
    c = masuk(client, pemeran.pegawai)
    tulis(pemeran.pegawai, kasus.skp.rhk.get(), tanggal=date(2026, 3, 2), hasil=Decimal(1))
    kecil = _hitung(c, url)
    for i in range(40):
        tulis(pemeran.pegawai, kasus.skp.rhk.get(), tanggal=date(2026, 1 + i % 3, 1 + i % 28),
              hasil=Decimal(1))  # fmt: skip
    with django_assert_max_num_queries(kecil):
        c.get(url)
