"""Issue 12, the workflow's rough edges: notifications that clear when the SKP is acted upon,
the resubmission round, withdrawing a submission, confirmations before submitting and
approving, the Ekspektasi reminder, comments written beside the RHK (never dropped silently by
Setujui), answers to comments, and the breadcrumb following where the person came from."""

import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from core.peran import peran_dari_request
from skp import services
from skp.access import can
from skp.batas import MAKS_BALASAN
from skp.models import (
    Komentar,
    KomentarBalasan,
    Notifikasi,
    PerilakuKerja,
    RiwayatStatus,
    Skp,
    StatusSkp,
)
from skp.selectors import kotak_masuk

HTMX = {"HTTP_HX_REQUEST": "true"}


def url(nama: str, skp: Skp, *args) -> str:
    return reverse(f"skp:{nama}", args=[skp.pk, *args])


def masuk(client, orang):
    client.force_login(orang.user)
    return client


@pytest.fixture
def kabar(django_capture_on_commit_callbacks):
    """Runs a service call with its after-commit notifications sent."""

    def jalankan(fungsi, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return fungsi(**kwargs)

    return jalankan


def belum_dibaca(orang) -> list[str]:
    return list(
        Notifikasi.objects.filter(penerima=orang.user, dibaca=False).values_list("judul", flat=True)
    )


def jumlah_di_navbar(client, orang) -> tuple[int, int]:
    """(unread notifications, SKP in the Kotak Masuk) as the navbar counts them."""
    r = masuk(client, orang).get(reverse("skp:kotak_masuk"))
    peran = peran_dari_request(r.wsgi_request)
    return peran.jumlah_notifikasi, peran.jumlah_kotak_masuk


# --- notifications cleared by acting --------------------------------------------------------


@pytest.mark.parametrize("keputusan", ["setujui", "kembalikan"])
def test_keputusan_menandai_notifikasi_penilai_tentang_skp_itu_dibaca(
    client, pemeran, skp_pegawai, kabar, keputusan
):
    kabar(services.ajukan, user=pemeran.pegawai.user, skp=skp_pegawai)
    lain = Notifikasi.objects.create(penerima=pemeran.atasan.user, judul="Lain", tautan="/skp/9/")
    assert jumlah_di_navbar(client, pemeran.atasan) == (2, 1)
    kwargs = {"catatan": "Perbaiki."} if keputusan == "kembalikan" else {}
    kabar(getattr(services, keputusan), user=pemeran.atasan.user, skp=skp_pegawai, **kwargs)
    # The badge now agrees with the Kotak Masuk: nothing about this SKP is left waiting.
    assert belum_dibaca(pemeran.atasan) == [lain.judul]
    assert jumlah_di_navbar(client, pemeran.atasan) == (1, 0)


def test_membuka_skp_setelah_keputusan_menandai_dibaca_yang_menunggu_keputusan_tetap(
    client, pemeran, skp_pegawai, kabar
):
    kabar(services.ajukan, user=pemeran.pegawai.user, skp=skp_pegawai)
    # The penilai opens it without deciding: the request for a decision stays news.
    masuk(client, pemeran.atasan).get(url("detail", skp_pegawai))
    assert len(belum_dibaca(pemeran.atasan)) == 1
    kabar(services.kembalikan, user=pemeran.atasan.user, skp=skp_pegawai, catatan="Perbaiki.")
    assert belum_dibaca(pemeran.pegawai) == [f"SKP {skp_pegawai.tahun} Anda dikembalikan untuk "
                                             "diperbaiki"]  # fmt: skip
    milik_lain = Notifikasi.objects.create(
        penerima=pemeran.pegawai.user, judul="Penilaian", tautan="/penilaian/3/"
    )
    # The pegawai opens the SKP after the decision: read.
    masuk(client, pemeran.pegawai).get(url("detail", skp_pegawai))
    assert belum_dibaca(pemeran.pegawai) == [milik_lain.judul]
    # An htmx partial (a "Batal" button) is not opening the page.
    kabar(services.ajukan, user=pemeran.pegawai.user, skp=skp_pegawai)
    kabar(services.setujui, user=pemeran.atasan.user, skp=skp_pegawai)
    client.get(url("detail", skp_pegawai) + "?bagian=hasil-kerja", **HTMX)
    assert len(belum_dibaca(pemeran.pegawai)) == 2
    client.get(url("detail", skp_pegawai))
    assert belum_dibaca(pemeran.pegawai) == [milik_lain.judul]


def test_mengajukan_kembali_menandai_kabar_dikembalikan_dibaca(pemeran, skp_pegawai, kabar):
    kabar(services.ajukan, user=pemeran.pegawai.user, skp=skp_pegawai)
    kabar(services.kembalikan, user=pemeran.atasan.user, skp=skp_pegawai, catatan="Perbaiki.")
    assert len(belum_dibaca(pemeran.pegawai)) == 1
    kabar(services.ajukan, user=pemeran.pegawai.user, skp=skp_pegawai)
    assert belum_dibaca(pemeran.pegawai) == []


def test_pengajuan_ulang_disebut_diajukan_kembali_dengan_putarannya(pemeran, skp_pegawai, kabar):
    pegawai, atasan = pemeran.pegawai.user, pemeran.atasan.user
    for _ in range(3):
        kabar(services.ajukan, user=pegawai, skp=skp_pegawai)
        kabar(services.kembalikan, user=atasan, skp=skp_pegawai, catatan="Perbaiki.")
    judul = list(
        Notifikasi.objects.filter(penerima=atasan).order_by("pk").values_list("judul", flat=True)
    )
    assert "kembali" not in judul[0] and "menunggu persetujuan Anda" in judul[0]
    assert "diajukan kembali (pengajuan ke-2)" in judul[1]
    assert "diajukan kembali (pengajuan ke-3)" in judul[2]
    isi = Notifikasi.objects.filter(penerima=atasan).order_by("pk").last().isi
    assert "mengajukan kembali" in isi and "pengajuan ke-3" in isi


def test_judul_notifikasi_nama_panjang_tidak_melebihi_kolom(pemeran, skp_pegawai, kabar):
    # Submitting takes the name again from the pegawai data: 200 characters and a long gelar.
    type(pemeran.pegawai).objects.filter(pk=pemeran.pegawai.pk).update(
        nama="N" * 200, gelar_belakang="S" * 60
    )
    kabar(services.ajukan, user=pemeran.pegawai.user, skp=skp_pegawai)
    assert len(Notifikasi.objects.get(penerima=pemeran.atasan.user).judul) == 200


def test_alihkan_penilai_menandai_kabar_penilai_lama_dibaca(pemeran, skp_pegawai, kabar):
    kabar(services.ajukan, user=pemeran.pegawai.user, skp=skp_pegawai)
    kabar(services.alihkan_penilai, user=pemeran.admin.user, skp=skp_pegawai,
          penilai=pemeran.atasan_atasan)  # fmt: skip
    assert belum_dibaca(pemeran.atasan) == []
    assert len(belum_dibaca(pemeran.atasan_atasan)) == 1


# --- withdrawing a submission ---------------------------------------------------------------


def test_tarik_kembali_menjadi_draf_dengan_riwayat_dan_kabar_penilai(pemeran, skp_pegawai, kabar):
    kabar(services.ajukan, user=pemeran.pegawai.user, skp=skp_pegawai)
    skp_pegawai.refresh_from_db()
    kabar(services.tarik, user=pemeran.pegawai.user, skp=skp_pegawai, revisi=skp_pegawai.revisi)
    skp_pegawai.refresh_from_db()
    assert skp_pegawai.status == StatusSkp.DRAF
    r = RiwayatStatus.objects.filter(skp=skp_pegawai).last()
    assert (r.aksi, r.dari, r.ke, r.oleh) == ("tarik", "diajukan", "draf", pemeran.pegawai.user)
    assert kotak_masuk(pemeran.atasan) == []
    # The penilai's "menunggu persetujuan" is read; the news of the withdrawal is not.
    assert belum_dibaca(pemeran.atasan) == [
        f"SKP {skp_pegawai.tahun} {skp_pegawai.pegawai_nama} ditarik kembali"
    ]
    assert can(pemeran.pegawai.user, "ubah", skp_pegawai)
    # It can be submitted again, and is then a resubmission.
    kabar(services.ajukan, user=pemeran.pegawai.user, skp=skp_pegawai)
    assert "pengajuan ke-2" in Notifikasi.objects.filter(penerima=pemeran.atasan.user).first().judul


@pytest.mark.parametrize("siapa", ["atasan", "atasan_atasan", "admin"])
def test_tarik_hanya_oleh_pemilik(pemeran, skp_pegawai, siapa):
    services.ajukan(user=pemeran.pegawai.user, skp=skp_pegawai)
    with pytest.raises(PermissionDenied):
        services.tarik(user=getattr(pemeran, siapa).user, skp=skp_pegawai)
    skp_pegawai.refresh_from_db()
    assert skp_pegawai.status == StatusSkp.DIAJUKAN


@pytest.mark.parametrize(
    ("sebelumnya", "pesan"),
    [
        ("setujui", "SKP ini sudah disetujui."),
        ("kembalikan", "SKP ini sudah dikembalikan kepada pegawai"),
        ("tarik", "SKP ini sudah ditarik kembali"),
    ],
)
def test_tarik_setelah_penilai_bertindak_atau_dua_kali_ditolak(
    pemeran, skp_pegawai, sebelumnya, pesan
):
    services.ajukan(user=pemeran.pegawai.user, skp=skp_pegawai)
    if sebelumnya == "tarik":
        services.tarik(user=pemeran.pegawai.user, skp=skp_pegawai)
    elif sebelumnya == "kembalikan":
        services.kembalikan(user=pemeran.atasan.user, skp=skp_pegawai, catatan="x")
    else:
        services.setujui(user=pemeran.atasan.user, skp=skp_pegawai)
    jumlah = RiwayatStatus.objects.filter(skp=skp_pegawai).count()
    with pytest.raises(ValidationError, match=pesan):
        services.tarik(user=pemeran.pegawai.user, skp=skp_pegawai)
    assert RiwayatStatus.objects.filter(skp=skp_pegawai).count() == jumlah


def test_tarik_dari_halaman_lama_ditolak(pemeran, skp_pegawai):
    services.ajukan(user=pemeran.pegawai.user, skp=skp_pegawai)
    skp_pegawai.refresh_from_db()
    lama = skp_pegawai.revisi
    services.ekspektasi_ubah(user=pemeran.atasan.user, perilaku=skp_pegawai.perilaku.first(),
                             ekspektasi_khusus="Ramah")  # fmt: skip
    with pytest.raises(services.SkpKedaluwarsa):
        services.tarik(user=pemeran.pegawai.user, skp=skp_pegawai, revisi=lama)
    skp_pegawai.refresh_from_db()
    assert skp_pegawai.status == StatusSkp.DIAJUKAN


def test_tangga_izin_tarik_dan_tombolnya(client, pemeran, skp_pegawai):
    alamat = url("tarik", skp_pegawai)
    r = client.post(alamat)
    assert r.status_code == 302 and "/masuk/" in r.url
    services.ajukan(user=pemeran.pegawai.user, skp=skp_pegawai)
    assert masuk(client, pemeran.orang_luar).post(alamat).status_code == 404
    assert "Tarik kembali" not in client.get(url("detail", skp_pegawai)).content.decode()
    masuk(client, pemeran.atasan)
    assert "Tarik kembali pengajuan" not in client.get(url("detail", skp_pegawai)).content.decode()
    assert client.post(alamat).status_code == 403
    masuk(client, pemeran.pegawai)
    halaman = client.get(url("detail", skp_pegawai)).content.decode()
    assert "Tarik kembali pengajuan" in halaman and "Ya, tarik kembali" in halaman
    skp_pegawai.refresh_from_db()
    r = client.post(alamat, {"revisi": skp_pegawai.revisi}, follow=True)
    assert "Pengajuan ditarik kembali" in r.content.decode()
    skp_pegawai.refresh_from_db()
    assert skp_pegawai.status == StatusSkp.DRAF
    # A double click: told why, nothing more happens.
    r = client.post(alamat, {"revisi": skp_pegawai.revisi}, follow=True)
    assert "SKP ini sudah ditarik kembali" in r.content.decode()
    assert RiwayatStatus.objects.filter(skp=skp_pegawai, aksi="tarik").count() == 1
    assert "Pengajuan ditarik kembali" in client.get(url("detail", skp_pegawai)).content.decode()


# --- confirmations --------------------------------------------------------------------------


def test_ajukan_meminta_konfirmasi_yang_menyebut_penilai_dan_akibatnya(
    client, pemeran, skp_pegawai
):
    halaman = masuk(client, pemeran.pegawai).get(url("detail", skp_pegawai)).content.decode()
    konfirmasi = re.search(r'<details class="mt-3" id="konfirmasi-ajukan">.*?</details>', halaman,
                           re.S)  # fmt: skip
    assert konfirmasi, "Ajukan tanpa langkah konfirmasi"
    teks = konfirmasi.group(0)
    assert "<summary" in teks and "Ajukan kepada pejabat penilai" in teks
    assert pemeran.atasan.nama_lengkap in teks and "menariknya kembali" in teks
    assert 'action="/skp/' in teks and "Ya, ajukan sekarang" in teks


def test_ajukan_belum_lengkap_tombol_nonaktif_tanpa_konfirmasi(client, pemeran, skp_atasan):
    halaman = masuk(client, pemeran.atasan).get(url("detail", skp_atasan.skp)).content.decode()
    assert "konfirmasi-ajukan" not in halaman
    assert re.search(r"<button[^>]*disabled[^>]*>Ajukan kepada pejabat penilai", halaman)


def test_setujui_meminta_konfirmasi_yang_menyebut_akibatnya(client, pemeran, skp_pegawai):
    services.ajukan(user=pemeran.pegawai.user, skp=skp_pegawai)
    halaman = masuk(client, pemeran.atasan).get(url("detail", skp_pegawai)).content.decode()
    konfirmasi = re.search(r'<details id="konfirmasi-setujui">.*?</details>', halaman, re.S)
    assert konfirmasi, "Setujui tanpa langkah konfirmasi"
    assert "tidak dapat diubah lagi" in konfirmasi.group(0)
    assert "PDF bertanda tangan" in konfirmasi.group(0)
    assert 'formaction="/skp/' in konfirmasi.group(0)


# --- Ekspektasi Khusus Pimpinan reminder ----------------------------------------------------


def test_penilai_diingatkan_ekspektasi_kosong_dengan_tautan_langsung(client, pemeran, skp_pegawai):
    services.ajukan(user=pemeran.pegawai.user, skp=skp_pegawai)
    masuk(client, pemeran.atasan)
    halaman = client.get(url("detail", skp_pegawai)).content.decode()
    peringatan = re.search(r'<div [^>]*id="peringatan-ekspektasi">.*?</div>', halaman, re.S)
    assert peringatan and "belum diisi untuk 7 dari 7" in peringatan.group(0)
    assert f'href="{url("ekspektasi_ubah", skp_pegawai, 1)}"' in peringatan.group(0)
    # The link opens the first row's form (also without JavaScript).
    r = client.get(url("ekspektasi_ubah", skp_pegawai, 1))
    assert r.status_code == 200 and 'name="ekspektasi_khusus"' in r.content.decode()
    for p in skp_pegawai.perilaku.all()[:6]:
        services.ekspektasi_ubah(user=pemeran.atasan.user, perilaku=p, ekspektasi_khusus="Ramah")
    halaman = client.get(url("detail", skp_pegawai)).content.decode()
    terakhir = PerilakuKerja.objects.get(skp=skp_pegawai, urutan=7)
    assert "belum diisi untuk 1 dari 7" in halaman and terakhir.nilai_inti in halaman
    services.ekspektasi_ubah(user=pemeran.atasan.user, perilaku=terakhir, ekspektasi_khusus="Ok")
    assert "peringatan-ekspektasi" not in client.get(url("detail", skp_pegawai)).content.decode()


def test_peringatan_ekspektasi_hanya_untuk_penilai_dan_tidak_menghalangi(
    client, pemeran, skp_pegawai
):
    services.ajukan(user=pemeran.pegawai.user, skp=skp_pegawai)
    for orang in (pemeran.pegawai, pemeran.atasan_atasan):
        isi = masuk(client, orang).get(url("detail", skp_pegawai)).content.decode()
        assert "peringatan-ekspektasi" not in isi
    skp_pegawai.refresh_from_db()
    r = masuk(client, pemeran.atasan).post(url("setujui", skp_pegawai),
                                           {"revisi": skp_pegawai.revisi})  # fmt: skip
    assert r.status_code == 302
    skp_pegawai.refresh_from_db()
    assert skp_pegawai.status == StatusSkp.DISETUJUI


# --- comments written beside the RHK --------------------------------------------------------


def _blok_rhk(halaman: str, rhk_pk: int) -> str:
    blok = re.search(rf'<tbody id="rhk-{rhk_pk}".*?</tbody>', halaman, re.S)
    assert blok
    return blok.group(0)


def test_kolom_komentar_di_samping_rhk_dan_indikator_saat_meninjau(client, pemeran, skp_pegawai):
    services.ajukan(user=pemeran.pegawai.user, skp=skp_pegawai)
    rhk = skp_pegawai.rhk.get()
    halaman = masuk(client, pemeran.atasan).get(url("detail", skp_pegawai)).content.decode()
    blok = _blok_rhk(halaman, rhk.pk)
    assert f'name="komentar_rhk_{rhk.pk}" form="form-tinjauan"' in blok
    for ind in rhk.indikator.all():
        assert f'name="komentar_indikator_{ind.pk}" form="form-tinjauan"' in blok
    # ...and no longer in a separate list away from the table.
    tinjauan = re.search(r'<section id="tinjauan".*?</section>', halaman, re.S).group(0)
    assert "komentar_rhk_" not in tinjauan
    for orang in (pemeran.pegawai, pemeran.atasan_atasan, pemeran.admin):
        isi = masuk(client, orang).get(url("detail", skp_pegawai)).content.decode()
        assert "komentar_rhk_" not in isi and 'id="form-tinjauan"' not in isi


def test_komentar_dari_tabel_tersimpan_saat_dikembalikan(client, pemeran, skp_pegawai):
    services.ajukan(user=pemeran.pegawai.user, skp=skp_pegawai)
    skp_pegawai.refresh_from_db()
    rhk = skp_pegawai.rhk.get()
    ind = rhk.indikator.get(aspek="waktu")
    r = masuk(client, pemeran.atasan).post(url("kembalikan", skp_pegawai), {
        "revisi": skp_pegawai.revisi, "catatan": "Perbaiki.",
        f"komentar_rhk_{rhk.pk}": "Hasilnya kurang jelas.",
        f"komentar_indikator_{ind.pk}": "Dua hari terlalu lama.",
    })  # fmt: skip
    assert r.status_code == 302
    assert set(Komentar.objects.values_list("butir", "teks")) == {
        ("skp", "Perbaiki."),
        ("rhk", "Hasilnya kurang jelas."),
        ("indikator", "Dua hari terlalu lama."),
    }


def test_kembalikan_tanpa_catatan_halaman_kembali_dengan_isian_utuh(client, pemeran, skp_pegawai):
    services.ajukan(user=pemeran.pegawai.user, skp=skp_pegawai)
    skp_pegawai.refresh_from_db()
    rhk = skp_pegawai.rhk.get()
    r = masuk(client, pemeran.atasan).post(url("kembalikan", skp_pegawai), {
        "revisi": skp_pegawai.revisi, "catatan": "  ",
        f"komentar_rhk_{rhk.pk}": "Hasilnya kurang jelas.",
    })  # fmt: skip
    halaman = r.content.decode()
    assert r.status_code == 200 and "Tuliskan catatan untuk pegawai" in halaman
    assert re.search(r'<details class="komentari mt-2" open>', _blok_rhk(halaman, rhk.pk))
    assert ">Hasilnya kurang jelas.</textarea>" in halaman
    skp_pegawai.refresh_from_db()
    assert skp_pegawai.status == StatusSkp.DIAJUKAN and not Komentar.objects.exists()


def test_setujui_dengan_catatan_tertulis_ditanyakan_dahulu(client, pemeran, skp_pegawai):
    services.ajukan(user=pemeran.pegawai.user, skp=skp_pegawai)
    skp_pegawai.refresh_from_db()
    ind = skp_pegawai.rhk.get().indikator.get(aspek="kualitas")
    data = {"revisi": skp_pegawai.revisi, "catatan": "",
            f"komentar_indikator_{ind.pk}": "Naikkan ke 95%."}  # fmt: skip
    r = masuk(client, pemeran.atasan).post(url("setujui", skp_pegawai), data)
    halaman = r.content.decode()
    assert r.status_code == 200
    konfirmasi = re.search(r'<div [^>]*id="konfirmasi-buang".*?</div>\s*</div>', halaman, re.S)
    assert konfirmasi and "Anda menulis 1 catatan atau komentar" in konfirmasi.group(0)
    assert "Setujui dan buang catatan" in konfirmasi.group(0)
    assert ">Naikkan ke 95%.</textarea>" in halaman  # still there to be sent back
    skp_pegawai.refresh_from_db()
    assert skp_pegawai.status == StatusSkp.DIAJUKAN
    # Confirmed: approved, and the note goes nowhere.
    r = client.post(url("setujui", skp_pegawai), {**data, "buang_catatan": "1"})
    assert r.status_code == 302
    skp_pegawai.refresh_from_db()
    assert skp_pegawai.status == StatusSkp.DISETUJUI
    assert not Komentar.objects.exists()
    assert RiwayatStatus.objects.filter(skp=skp_pegawai, aksi="setujui").get().catatan == ""


def test_setujui_tanpa_catatan_langsung_disetujui(client, pemeran, skp_pegawai):
    services.ajukan(user=pemeran.pegawai.user, skp=skp_pegawai)
    skp_pegawai.refresh_from_db()
    rhk = skp_pegawai.rhk.get()
    r = masuk(client, pemeran.atasan).post(url("setujui", skp_pegawai), {
        "revisi": skp_pegawai.revisi, "catatan": " ", f"komentar_rhk_{rhk.pk}": "",
        "dari": "kotak-masuk",
    })  # fmt: skip
    assert r.status_code == 302 and r.url == url("detail", skp_pegawai) + "?dari=kotak-masuk"
    skp_pegawai.refresh_from_db()
    assert skp_pegawai.status == StatusSkp.DISETUJUI


# --- answers to comments --------------------------------------------------------------------


@pytest.fixture
def dikembalikan(pemeran, skp_pegawai) -> Komentar:
    services.ajukan(user=pemeran.pegawai.user, skp=skp_pegawai)
    ind = skp_pegawai.rhk.get().indikator.get(aspek="kualitas")
    services.kembalikan(user=pemeran.atasan.user, skp=skp_pegawai, catatan="Perbaiki.",
                        komentar_indikator={ind.pk: "Naikkan ke 95%."})  # fmt: skip
    return Komentar.objects.get(butir="indikator")


def test_pegawai_menjawab_komentar_dan_penilai_melihat_serta_membalas(
    client, pemeran, skp_pegawai, dikembalikan
):
    alamat = url("komentar_balas", skp_pegawai, dikembalikan.pk)
    masuk(client, pemeran.pegawai)
    assert "Balas komentar" in client.get(url("detail", skp_pegawai)).content.decode()
    r = client.post(alamat, {"teks": "95% tidak tercapai: dua puskesmas tanpa jaringan."})
    assert r.status_code == 302 and r.url.endswith(f"#komentar-{dikembalikan.pk}")
    services.ajukan(user=pemeran.pegawai.user, skp=skp_pegawai)
    # The penilai reviewing the resubmission reads the answer under the comment, and answers.
    halaman = masuk(client, pemeran.atasan).get(url("detail", skp_pegawai)).content.decode()
    assert "dua puskesmas tanpa jaringan" in halaman
    assert f"Pegawai, {pemeran.pegawai.nama_lengkap}" in halaman
    r = client.post(alamat, {"teks": "Baik, 92% cukup."}, **HTMX)
    isi = r.content.decode()
    assert r.status_code == 200 and isi.strip().startswith(f'<li id="komentar-{dikembalikan.pk}"')
    assert f"Pejabat penilai, {pemeran.atasan.nama_lengkap}" in isi and "Baik, 92% cukup." in isi
    assert list(dikembalikan.balasan.values_list("oleh", flat=True)) == [
        pemeran.pegawai.user.pk,
        pemeran.atasan.user.pk,
    ]


def test_balasan_kosong_atau_terlalu_banyak_ditolak(client, pemeran, skp_pegawai, dikembalikan):
    alamat = url("komentar_balas", skp_pegawai, dikembalikan.pk)
    masuk(client, pemeran.pegawai)
    r = client.post(alamat, {"teks": "   "}, **HTMX)
    assert r.status_code == 200 and "Tulis balasan Anda." in r.content.decode()
    r = client.post(alamat, {"teks": "x" * 2001}, **HTMX)
    assert "paling banyak 2.000 karakter" in r.content.decode()
    assert "x" * 2001 in r.content.decode()  # what was typed stays
    r = client.post(alamat, {"teks": ""}, follow=True)
    assert "Tulis balasan Anda." in r.content.decode()
    assert not KomentarBalasan.objects.exists()
    KomentarBalasan.objects.bulk_create(
        KomentarBalasan(komentar=dikembalikan, teks="ok") for _ in range(MAKS_BALASAN)
    )
    with pytest.raises(ValidationError, match=f"sudah memiliki {MAKS_BALASAN} balasan"):
        services.komentar_balas(user=pemeran.pegawai.user, komentar=dikembalikan, teks="lagi")


def test_tangga_izin_balas_komentar(client, pemeran, skp_pegawai, dikembalikan):
    alamat = url("komentar_balas", skp_pegawai, dikembalikan.pk)
    r = client.post(alamat, {"teks": "x"})
    assert r.status_code == 302 and "/masuk/" in r.url
    assert masuk(client, pemeran.orang_luar).post(alamat, {"teks": "x"}).status_code == 404
    for orang in (pemeran.atasan_atasan, pemeran.admin):
        assert masuk(client, orang).post(alamat, {"teks": "x"}).status_code == 403
        assert "Balas komentar" not in client.get(url("detail", skp_pegawai)).content.decode()
    # A comment of another SKP through this SKP's address: not found.
    assert (
        masuk(client, pemeran.pegawai)
        .post(url("komentar_balas", skp_pegawai, dikembalikan.pk + 999), {"teks": "x"})
        .status_code
        == 404
    )
    services.ajukan(user=pemeran.pegawai.user, skp=skp_pegawai)
    services.setujui(user=pemeran.atasan.user, skp=skp_pegawai)
    for orang in (pemeran.pegawai, pemeran.atasan):
        assert masuk(client, orang).post(alamat, {"teks": "x"}).status_code == 403
    assert not KomentarBalasan.objects.exists()


# --- breadcrumb -----------------------------------------------------------------------------


def _jejak(halaman: str) -> str:
    return re.search(r'<ol class="breadcrumb small">.*?</ol>', halaman, re.S).group(0)


@pytest.mark.parametrize(
    ("dari", "tautan", "label"),
    [
        ("kotak-masuk", "/skp/kotak-masuk/", "Kotak Masuk"),
        ("bawahan", "/skp/bawahan/?tahun=", "SKP Bawahan"),
        ("https://jahat.example", "/skp/bawahan/?tahun=", "SKP Bawahan"),  # not whitelisted
        ("", "/skp/bawahan/?tahun=", "SKP Bawahan"),
    ],
)
def test_jejak_halaman_mengikuti_asal(client, pemeran, skp_pegawai, dari, tautan, label):
    services.ajukan(user=pemeran.pegawai.user, skp=skp_pegawai)
    masuk(client, pemeran.atasan)
    jejak = _jejak(client.get(url("detail", skp_pegawai), {"dari": dari}).content.decode())
    assert f'<a href="{tautan}' in jejak and f">{label}</a>" in jejak
    assert "jahat" not in jejak


def test_tautan_kotak_masuk_dan_skp_bawahan_membawa_asal(client, pemeran, skp_pegawai, tahun):
    services.ajukan(user=pemeran.pegawai.user, skp=skp_pegawai)
    masuk(client, pemeran.atasan)
    detail = url("detail", skp_pegawai)
    assert f"{detail}?dari=kotak-masuk" in client.get(reverse("skp:kotak_masuk")).content.decode()
    assert f"{detail}?dari=bawahan" in client.get(reverse("skp:bawahan")).content.decode()
    # The decision form carries it back, so the page after approving keeps the breadcrumb.
    halaman = client.get(detail, {"dari": "kotak-masuk"}).content.decode()
    assert '<input type="hidden" name="dari" value="kotak-masuk">' in halaman
