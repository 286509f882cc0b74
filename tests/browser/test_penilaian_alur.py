"""In real browsers, triwulan I of 2026: Rudi (pegawai) has sent his realisasi with a link and a
PDF as bukti dukung; Rina (his penilai) opens it from her notification, writes umpan balik on
every RHK and every BerAKHLAK value, rates both (the predikat shown live before saving) and
saves; Rudi sees the predikat, answers a feedback and files a keberatan; Budi (Rina's atasan)
changes the ratings with a note, and Rudi sees the decision. A colleague gives feedback on their
own page, without seeing the SKP, and Rudi answers. axe-core checks every page on the way.

The clock is set to 30 March 2026, inside triwulan I's window, for the server (time_machine
moves the whole process, so the live server's thread too)."""

import re
from datetime import datetime

import pytest
import time_machine
from django.core.files.base import ContentFile
from playwright.sync_api import Browser, Page, expect

from penilaian.models import BuktiDukung, PenilaianPeriodik, Realisasi
from penilaian.services import alur
from tests.browser.axe import periksa_aksesibilitas
from tests.conftest import KATA_SANDI
from tests.penilaian.conftest import (  # noqa: F401 (fixtures)
    WIB,
    rekan_seksi,
    skp_atasan,
    skp_disetujui,
    skp_pegawai,
    tahun,
    tw1,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
NAMA_PDF = "Rekap imunisasi TW I.pdf"
TAUTAN = "https://drive.example.go.id/rekap-imunisasi-tw1"


@pytest.fixture
def jam_tw1():
    with time_machine.travel(datetime(2026, 3, 30, 9, tzinfo=WIB), tick=True):
        yield


@pytest.fixture
def dikirim(pemeran, skp_disetujui, tw1, jam_tw1) -> PenilaianPeriodik:  # noqa: F811
    """Rudi's triwulan I realisasi with a link and a PDF, sent to Rina.

    TODO(realisasi form): once the pegawai's realisasi page (another branch of issue 13) is
    merged, fill the realisasi, add the link, upload the PDF and press "Kirim ke penilai" in
    Rudi's browser instead of making these rows here."""
    p = alur.pastikan_penilaian(pegawai=pemeran.pegawai, periode=tw1)
    rhk = skp_disetujui.rhk.get()
    for ind, nilai in zip(rhk.indikator.order_by("pk"), (13, 95, 2), strict=True):
        Realisasi.objects.create(penilaian=p, indikator=ind, nilai=nilai)
    BuktiDukung.objects.create(
        penilaian=p, rhk=rhk, tautan=TAUTAN, diunggah_oleh=pemeran.pegawai.user
    )
    BuktiDukung.objects.create(
        penilaian=p, rhk=rhk, indikator=rhk.indikator.get(aspek="kuantitas"),
        berkas=ContentFile(PDF, name="rekap.pdf"), nama_berkas=NAMA_PDF, ukuran=len(PDF),
        jenis_berkas="application/pdf", diunggah_oleh=pemeran.pegawai.user,
    )  # fmt: skip
    return alur.kirim(user=pemeran.pegawai.user, penilaian=p)


def masuk(browser: Browser, url: str, nip: str) -> Page:
    konteks = browser.new_context(locale="id-ID", timezone_id="Asia/Jakarta",
                                  viewport={"width": 1366, "height": 900})  # fmt: skip
    page = konteks.new_page()
    page.goto(f"{url}/masuk/")
    page.get_by_label("NIP").fill(nip)
    page.get_by_label("Sandi").fill(KATA_SANDI)
    page.get_by_role("button", name="Masuk").click()
    expect(page.get_by_role("navigation", name="Navigasi utama")).to_be_visible()
    return page


def status(page: Page):
    return page.locator("#ringkasan .status-penilaian")


def tulis_umpan_balik(page: Page, blok_id: str, teks: str) -> None:
    blok = page.locator(f"#ub-{blok_id}")
    blok.locator("summary", has_text="Tulis umpan balik").click()
    blok.get_by_role("textbox").fill(teks)
    blok.get_by_role("button", name=re.compile("Simpan umpan balik")).click()
    expect(page.locator(f"#ub-{blok_id} .teks-umpan-balik", has_text=teks)).to_be_visible()


def test_umpan_balik_nilai_keberatan_lalu_diputuskan(
    browser: Browser, live_server, pemeran, dikirim
):
    url = live_server.url
    halaman = f"{url}/penilaian/{dikirim.pk}/"
    rhk = dikirim.skp.rhk.get()
    rudi = masuk(browser, url, pemeran.pegawai.nip)
    rina = masuk(browser, url, pemeran.atasan.nip)

    # Rudi sees what he sent, with its evidence.
    rudi.goto(halaman)
    expect(status(rudi)).to_have_text("Dikirim")
    expect(rudi.get_by_role("link", name=re.compile("drive.example.go.id"))).to_be_visible()
    expect(rudi.get_by_text(NAMA_PDF)).to_be_visible()
    expect(rudi.locator(f"#rhk-{rhk.pk} .sel-realisasi").first).to_contain_text("13 laporan")
    periksa_aksesibilitas(rudi, "halaman penilaian, pegawai (dikirim)")

    # Rina opens it from her notification and writes feedback on the RHK and every value.
    rina.goto(f"{url}/skp/notifikasi/")
    periksa_aksesibilitas(rina, "notifikasi penilai")
    rina.locator("li", has_text="menunggu penilaian").get_by_role("button", name="Buka").click()
    expect(rina).to_have_url(halaman)
    expect(rina.locator("#umpan-balik-kurang")).to_be_visible()
    periksa_aksesibilitas(rina, "halaman penilaian, penilai (sebelum umpan balik)")
    tulis_umpan_balik(rina, f"rhk-{rhk.pk}", "Rekap per desa lengkap; kirim H+2, bukan H+3.")
    for urutan in range(1, 8):
        tulis_umpan_balik(rina, f"perilaku-{urutan}", f"Umpan balik nilai ke-{urutan}: konsisten.")
    periksa_aksesibilitas(rina, "halaman penilaian, penilai (umpan balik ditulis)")

    # She rates: the predikat is computed by the server as she chooses, before saving.
    rina.reload()
    expect(rina.locator("#umpan-balik-kurang")).to_have_count(0)
    form = rina.locator("#form-penilaian")
    form.get_by_role("group", name="Rating hasil kerja").get_by_label("Sesuai Ekspektasi").check()
    expect(form.locator("#pratinjau-nilai")).to_contain_text("Pilih kedua rating")
    form.get_by_role("group", name="Rating perilaku kerja").get_by_label(
        "Di Bawah Ekspektasi"
    ).check()
    expect(form.locator("#pratinjau-nilai")).to_contain_text("Kurang/Misconduct")
    form.get_by_role("group", name="Rating perilaku kerja").get_by_label(
        "Di Atas Ekspektasi"
    ).check()
    expect(form.locator("#pratinjau-nilai")).to_contain_text("Baik")
    periksa_aksesibilitas(rina, "formulir penilaian")
    form.get_by_label("Catatan/rekomendasi (tidak wajib)").fill("Pertahankan ketepatan waktu.")
    form.get_by_role("button", name="Simpan penilaian").click()
    expect(rina.get_by_text("Penilaian disimpan. Predikat Rudi Pelaksana: Baik.")).to_be_visible()
    expect(status(rina)).to_have_text("Dinilai")

    # Rudi sees the predikat and the feedback with the giver's name, and answers one.
    # (The signed evaluation form PDF is another branch's: its download is not part of this
    # journey yet.)
    rudi.reload()
    expect(status(rudi)).to_have_text("Dinilai")
    expect(rudi.locator("#predikat")).to_have_text("BAIK")
    blok = rudi.locator(f"#ub-rhk-{rhk.pk}")
    expect(blok).to_contain_text("Pimpinan (Rina Kasi):")
    blok.locator("summary", has_text="Balas").click()
    blok.get_by_role("textbox").fill("Data puskesmas B baru masuk tanggal 3.")
    blok.get_by_role("button", name="Kirim balasan").click()
    expect(rudi.locator(f"#ub-rhk-{rhk.pk}")).to_contain_text(
        "Pegawai yang dinilai (Rudi Pelaksana):"
    )
    periksa_aksesibilitas(rudi, "halaman penilaian, pegawai (dinilai)")

    # He objects, within 14 working days (the deadline date is shown).
    rudi.locator("summary", has_text="Ajukan keberatan").click()
    expect(rudi.locator("#batas-keberatan")).to_contain_text("17 April 2026")
    rudi.get_by_role("button", name="Kirim keberatan").click()
    expect(rudi.get_by_text("Tuliskan alasan keberatan Anda.")).to_be_visible()  # empty: refused
    periksa_aksesibilitas(rudi, "keberatan tanpa alasan")
    rudi.get_by_label("Alasan keberatan").fill("Realisasi tiga indikator mencapai target.")
    rudi.get_by_role("button", name="Kirim keberatan").click()
    expect(status(rudi)).to_have_text("Keberatan")

    # Budi, Rina's atasan, changes the ratings with a note.
    budi = masuk(browser, url, pemeran.atasan_atasan.nip)
    budi.goto(f"{url}/skp/notifikasi/")
    budi.locator("li", has_text="Keberatan atas penilaian").get_by_role(
        "button", name="Buka"
    ).click()
    expect(budi).to_have_url(halaman)
    periksa_aksesibilitas(budi, "halaman penilaian, atasan penilai (keberatan)")
    form = budi.locator("#form-putuskan")
    expect(form.locator("#pratinjau-putuskan")).to_contain_text("Baik")  # the current ratings
    form.get_by_role("group", name="Rating hasil kerja").get_by_label("Di Atas Ekspektasi").check()
    expect(form.locator("#pratinjau-putuskan")).to_contain_text("Sangat Baik")
    form.get_by_label("Dasar keputusan (wajib)").fill("Bukti dukung menunjukkan target terlampaui.")
    form.get_by_role("button", name="Simpan keputusan").click()
    expect(budi.get_by_text("Keberatan diputuskan. Predikat: Sangat Baik.")).to_be_visible()
    expect(status(budi)).to_have_text("Diputuskan")
    periksa_aksesibilitas(budi, "halaman penilaian, diputuskan")

    rudi.reload()
    expect(status(rudi)).to_have_text("Diputuskan")
    expect(rudi.locator("#predikat")).to_have_text("SANGAT BAIK")
    expect(rudi.locator("#hasil-penilaian")).to_contain_text(
        "Bukti dukung menunjukkan target terlampaui."
    )
    expect(rudi.get_by_role("region", name="Riwayat")).to_contain_text("Keberatan")


def test_rekan_memberi_umpan_balik_tanpa_melihat_skp(
    browser: Browser,
    live_server,
    pemeran,
    dikirim,
    rekan_seksi,  # noqa: F811
):
    url = live_server.url
    sari = masuk(browser, url, rekan_seksi.nip)
    periksa_aksesibilitas(sari, "beranda")
    sari.get_by_role("main").get_by_role("link", name="Beri umpan balik kepada rekan").click()
    periksa_aksesibilitas(sari, "daftar rekan")
    sari.locator("tr", has_text="Rudi Pelaksana").get_by_role(
        "link", name=re.compile("Beri umpan balik")
    ).click()
    expect(sari.get_by_role("heading", name="Umpan balik untuk Rudi Pelaksana")).to_be_visible()
    expect(sari.get_by_text(dikirim.skp.rhk.get().uraian)).to_have_count(0)
    periksa_aksesibilitas(sari, "halaman umpan balik rekan")
    tulis_umpan_balik(sari, "umum", "Selalu membantu merapikan rekap desa.")
    tulis_umpan_balik(sari, "perilaku-7", "Mengajak seksi lain berbagi data.")
    periksa_aksesibilitas(sari, "halaman umpan balik rekan (terisi)")

    rudi = masuk(browser, url, pemeran.pegawai.nip)
    rudi.goto(f"{url}/penilaian/{dikirim.pk}/")
    blok = rudi.locator("#ub-umum")
    expect(blok).to_contain_text("Rekan kerja (Sari Rekan):")
    blok.locator("summary", has_text="Balas").click()
    blok.get_by_role("textbox").fill("Terima kasih, Sari.")
    blok.get_by_role("button", name="Kirim balasan").click()
    expect(rudi.locator("#ub-umum")).to_contain_text("Terima kasih, Sari.")

    sari.reload()
    expect(sari.locator("#ub-umum")).to_contain_text("Terima kasih, Sari.")
