"""In real browsers, triwulan I of 2026: Rudi (pegawai) fills his realisasi through the
realisasi form, adds a link and a PDF as bukti dukung and sends it to Rina (his penilai); Rina
opens it from her notification, writes umpan balik on every RHK and every BerAKHLAK value, rates
both (the predikat shown live before saving) and saves; Rudi sees the predikat, downloads the
signed evaluation form and verifies it, answers a feedback and files a keberatan; Budi (Rina's
atasan) changes the ratings with a note, Rudi sees the decision and a second version of the form
(the first marked as replaced). A colleague gives feedback on their own page, without seeing the
SKP, and Rudi answers. axe-core checks every page on the way.

The clock is set to 30 March 2026, inside triwulan I's window, for the server (time_machine
moves the whole process, so the live server's thread too)."""

import re
from datetime import datetime

import pytest
import time_machine
from django.core.files.base import ContentFile
from playwright.sync_api import Browser, Locator, Page, expect

from core.dokumen import HasilVerifikasi, verifikasi_berkas
from penilaian.models import (
    BuktiDukung,
    DokumenPenilaian,
    PenilaianPeriodik,
    Realisasi,
    StatusPenilaian,
)
from penilaian.services import alur
from tests import contoh_berkas as contoh
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

NAMA_PDF = "Rekap imunisasi TW I.pdf"
TAUTAN = "https://drive.example.go.id/rekap-imunisasi-tw1"


@pytest.fixture
def jam_tw1():
    with time_machine.travel(datetime(2026, 3, 30, 9, tzinfo=WIB), tick=True):
        yield


@pytest.fixture
def terkirim(pemeran, skp_disetujui, tw1, jam_tw1) -> PenilaianPeriodik:  # noqa: F811
    """Rudi's triwulan I realisasi with a link and a PDF, sent to Rina, made through the
    services: for the colleague's test, which is not about the realisasi (the journey above
    fills and sends it in Rudi's browser)."""
    p = alur.pastikan_penilaian(pegawai=pemeran.pegawai, periode=tw1)
    rhk = skp_disetujui.rhk.get()
    for ind, nilai in zip(rhk.indikator.order_by("pk"), (13, 95, 2), strict=True):
        Realisasi.objects.create(penilaian=p, indikator=ind, nilai=nilai)
    BuktiDukung.objects.create(
        penilaian=p, rhk=rhk, tautan=TAUTAN, diunggah_oleh=pemeran.pegawai.user
    )
    pdf = contoh.pdf()
    BuktiDukung.objects.create(
        penilaian=p, rhk=rhk, indikator=rhk.indikator.get(aspek="kuantitas"),
        berkas=ContentFile(pdf, name="rekap.pdf"), nama_berkas=NAMA_PDF, ukuran=len(pdf),
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


def isi_realisasi_dan_kirim(page: Page, url: str) -> None:
    """Rudi, in his browser: Penilaian Saya -> the realisasi form of triwulan I, three values
    in Indonesian notation, a link and a PDF as bukti dukung (added in place), then "Simpan dan
    kirim ke penilai"."""
    page.get_by_role("navigation", name="Navigasi utama").get_by_role(
        "link", name="Penilaian Saya"
    ).click()
    baris = page.locator("#periode-1")
    expect(baris).to_contain_text("Triwulan I")
    expect(baris).to_contain_text("Belum diisi")
    periksa_aksesibilitas(page, "Penilaian Saya (belum diisi)")
    baris.get_by_role("button", name="Isi realisasi").click()
    expect(page.get_by_role("heading", name="Realisasi Triwulan I 2026")).to_be_visible()
    periksa_aksesibilitas(page, "formulir realisasi (kosong)")

    page.get_by_label("Realisasi Jumlah laporan surveilans mingguan").fill("13")
    page.get_by_label("Realisasi Kelengkapan laporan puskesmas").fill("95,5")
    page.get_by_label("Realisasi Rekap selesai setelah minggu berakhir").fill("2")
    page.get_by_role("button", name="Simpan realisasi").click()
    expect(page.get_by_text("Realisasi disimpan.")).to_be_visible()
    expect(page.get_by_label("Realisasi Kelengkapan laporan puskesmas")).to_have_value("95,5")
    periksa_aksesibilitas(page, "formulir realisasi (tersimpan)")

    bukti = page.locator("[id^=bukti-]").first
    bukti.get_by_text("Tambah bukti dukung", exact=True).click()
    bukti.get_by_label("Tautan").fill(TAUTAN)
    bukti.get_by_label("Atau unggah berkas").set_input_files(
        files=[{"name": NAMA_PDF, "mimeType": "application/pdf", "buffer": contoh.pdf()}]
    )
    bukti.get_by_role("button", name="Tambah bukti").click()
    bukti = page.locator("[id^=bukti-]").first
    expect(bukti.get_by_text("Bukti dukung ditambahkan.")).to_be_visible()
    expect(bukti.get_by_role("link", name=NAMA_PDF)).to_be_visible()
    periksa_aksesibilitas(page, "formulir realisasi (dengan bukti dukung)")

    page.get_by_role("button", name="Simpan dan kirim ke penilai").click()
    expect(page.locator("#status-penilaian")).to_have_text("Dikirim")
    periksa_aksesibilitas(page, "formulir realisasi (dikirim)")

    page.goto(f"{url}/penilaian/?tahun=2026")
    expect(page.locator("#periode-1")).to_contain_text("Dikirim")
    periksa_aksesibilitas(page, "Penilaian Saya (dikirim)")
    # Evidence may still be added until the penilai rates; the evaluation page is one link on.
    page.locator("#periode-1").get_by_role("link", name="Tambah bukti dukung").click()
    page.get_by_role("link", name="Lihat halaman penilaian").click()


def unduh(tautan: Locator) -> bytes:
    """What the browser saves from the link. The form is served inline (opened in the
    browser's PDF viewer, as the SKP PDF is); Alt+click is the browser's own "download this
    link"."""
    with tautan.page.expect_download() as unduhan:
        tautan.click(modifiers=["Alt"])
    assert unduhan.value.suggested_filename.endswith(".pdf")
    with open(unduhan.value.path(), "rb") as f:
        return f.read()


def unduh_formulir(page: Page) -> HasilVerifikasi:
    """Downloads the signed evaluation form from the evaluation page and verifies its bytes as
    the public verification page would."""
    data = unduh(page.get_by_role("link", name="Unduh formulir evaluasi (PDF bertanda tangan)"))
    assert data.startswith(b"%PDF")
    return verifikasi_berkas(data)


def test_realisasi_umpan_balik_nilai_formulir_keberatan_lalu_diputuskan(
    browser: Browser,
    live_server,
    pemeran,
    skp_disetujui,  # noqa: F811
    tw1,  # noqa: F811
    jam_tw1,
    pekerja_langsung,  # the forms are issued by background jobs: here they run at once
):
    url = live_server.url
    rhk_semua = list(skp_disetujui.rhk.order_by("pk"))
    rudi = masuk(browser, url, pemeran.pegawai.nip)
    rina = masuk(browser, url, pemeran.atasan.nip)

    isi_realisasi_dan_kirim(rudi, url)
    p = PenilaianPeriodik.objects.get(pegawai=pemeran.pegawai, periode=tw1)
    assert p.status == StatusPenilaian.DIKIRIM and p.penilai == pemeran.atasan
    assert p.bukti.filter(tautan=TAUTAN).exists()
    halaman = f"{url}/penilaian/{p.pk}/"
    rhk = rhk_semua[0]

    # Rudi sees what he sent, with its evidence.
    expect(rudi).to_have_url(halaman)
    expect(status(rudi)).to_have_text("Dikirim")
    expect(rudi.get_by_role("link", name=re.compile("drive.example.go.id"))).to_be_visible()
    expect(rudi.get_by_text(NAMA_PDF)).to_be_visible()
    expect(rudi.locator(f"#rhk-{rhk.pk} .sel-realisasi").first).to_contain_text("13 laporan")
    expect(rudi.locator("#dokumen-penilaian")).to_contain_text("terbit setelah pejabat penilai")
    periksa_aksesibilitas(rudi, "halaman penilaian, pegawai (dikirim)")

    # Rina opens it from her notification and writes feedback on the RHK and every value.
    rina.goto(f"{url}/skp/notifikasi/")
    periksa_aksesibilitas(rina, "notifikasi penilai")
    rina.locator("li", has_text="menunggu penilaian").get_by_role("button", name="Buka").click()
    expect(rina).to_have_url(halaman)
    expect(rina.locator("#umpan-balik-kurang")).to_be_visible()
    periksa_aksesibilitas(rina, "halaman penilaian, penilai (sebelum umpan balik)")
    for r in rhk_semua:
        tulis_umpan_balik(rina, f"rhk-{r.pk}", "Rekap per desa lengkap; kirim H+2, bukan H+3.")
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

    # Rudi sees the predikat, downloads the signed evaluation form (version 1) and checks it
    # as the verification page would; he sees the feedback with the giver's name, answers one.
    rudi.reload()
    expect(status(rudi)).to_have_text("Dinilai")
    expect(rudi.locator("#predikat")).to_have_text("BAIK")
    hasil = unduh_formulir(rudi)
    assert hasil.sah, hasil.pesan
    assert hasil.dokumen.penilaian_id == p.pk and hasil.dokumen.versi == 1
    rudi.reload()
    expect(rudi.locator("#dokumen-penilaian li")).to_have_text(
        re.compile(r"Versi 1, .*\(berlaku\)")
    )
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

    # The decision issued a new version of the form; the first is marked as replaced.
    versi = rudi.locator("#dokumen-penilaian li")
    expect(versi).to_have_count(2)
    expect(versi.nth(0)).to_have_text(re.compile(r"Versi 2, .*\(berlaku\)"))
    expect(versi.nth(1)).to_have_text(re.compile(r"Versi 1, .*\(diganti oleh versi 2\)"))
    periksa_aksesibilitas(rudi, "halaman penilaian, pegawai (diputuskan)")
    hasil = unduh_formulir(rudi)
    assert hasil.sah, hasil.pesan
    assert hasil.dokumen.versi == 2 and "diganti" not in hasil.pesan
    assert DokumenPenilaian.objects.filter(penilaian=p).count() == 2
    hasil = verifikasi_berkas(unduh(versi.nth(1).get_by_role("link", name="Versi 1")))
    assert hasil.sah and hasil.dokumen.versi == 1
    assert "telah diganti oleh versi 2" in hasil.pesan


def test_rekan_memberi_umpan_balik_tanpa_melihat_skp(
    browser: Browser,
    live_server,
    pemeran,
    terkirim,
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
    expect(sari.get_by_text(terkirim.skp.rhk.get().uraian)).to_have_count(0)
    periksa_aksesibilitas(sari, "halaman umpan balik rekan")
    tulis_umpan_balik(sari, "umum", "Selalu membantu merapikan rekap desa.")
    tulis_umpan_balik(sari, "perilaku-7", "Mengajak seksi lain berbagi data.")
    periksa_aksesibilitas(sari, "halaman umpan balik rekan (terisi)")

    rudi = masuk(browser, url, pemeran.pegawai.nip)
    rudi.goto(f"{url}/penilaian/{terkirim.pk}/")
    blok = rudi.locator("#ub-umum")
    expect(blok).to_contain_text("Rekan kerja (Sari Rekan):")
    blok.locator("summary", has_text="Balas").click()
    blok.get_by_role("textbox").fill("Terima kasih, Sari.")
    blok.get_by_role("button", name="Kirim balasan").click()
    expect(rudi.locator("#ub-umum")).to_contain_text("Terima kasih, Sari.")

    sari.reload()
    expect(sari.locator("#ub-umum")).to_contain_text("Terima kasih, Sari.")
