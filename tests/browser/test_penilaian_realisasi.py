"""In a real browser: the pegawai opens Penilaian Saya, adds a rencana aksi for triwulan I, opens
the period, fills the realisasi (Indonesian numbers), adds a link and a PDF as bukti dukung
(htmx, no reload), sends it to the penilai, and downloads the PDF back through the checked
view. axe-core checks every page visited for WCAG 2.2 AA.

The window of triwulan I is set around today (the period row's dates, as the admin would set
them) rather than travelling in time: the live server and the browser then agree on the date
without patching the clock of a running browser session."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from penilaian.models import BuktiDukung, PenilaianPeriodik, Periode, StatusPenilaian
from penilaian.periode import periode_tahun
from tests import contoh_berkas as contoh
from tests.browser.axe import periksa_aksesibilitas
from tests.conftest import KATA_SANDI
from tests.penilaian.conftest import skp_disetujui, tahun  # noqa: F401 (fixtures)
from tests.skp.conftest import skp_atasan, skp_pegawai  # noqa: F401 (fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TAUTAN = "https://drive.contoh.go.id/rekap-imunisasi-tw1.pdf"


@pytest.fixture
def tw1_terbuka(pemeran, skp_disetujui) -> Periode:  # noqa: F811
    tw1 = periode_tahun(pemeran.instansi, 2026)[0]
    hari_ini = timezone.localdate()
    Periode.objects.filter(pk=tw1.pk).update(
        buka=hari_ini - timedelta(days=5), tenggat=hari_ini + timedelta(days=10)
    )
    return tw1


def masuk(browser: Browser, url: str, nip: str) -> Page:
    konteks = browser.new_context(locale="id-ID", timezone_id="Asia/Jakarta",
                                  viewport={"width": 1280, "height": 900},
                                  accept_downloads=True)  # fmt: skip
    page = konteks.new_page()
    page.goto(f"{url}/masuk/")
    page.get_by_label("NIP").fill(nip)
    page.get_by_label("Sandi").fill(KATA_SANDI)
    page.get_by_role("button", name="Masuk").click()
    expect(page.get_by_role("navigation", name="Navigasi utama")).to_be_visible()
    return page


def test_pegawai_mengisi_realisasi_dengan_tautan_dan_pdf_lalu_mengirim(
    browser: Browser, live_server, pemeran, tw1_terbuka
):
    assert KATA_SANDI  # the factories' password
    page = masuk(browser, live_server.url, pemeran.pegawai.nip)
    page.get_by_role("navigation", name="Navigasi utama").get_by_role(
        "link", name="Penilaian Saya"
    ).click()
    page.goto(f"{live_server.url}/penilaian/?tahun=2026")
    baris = page.locator("#periode-1")
    expect(baris).to_contain_text("Triwulan I")
    expect(baris).to_contain_text("10 hari lagi")
    periksa_aksesibilitas(page, "Penilaian Saya")

    # rencana aksi of the year's SKP, for triwulan I
    page.get_by_role("link", name="Rencana aksi SKP 2026").click()
    periksa_aksesibilitas(page, "Rencana aksi")
    page.get_by_text("Tambah rencana aksi", exact=True).click()
    page.get_by_role("combobox", name="Periode").select_option(label="Triwulan I")
    page.get_by_role("textbox", name="Rencana aksi").fill("Rekap 12 desa triwulan I tervalidasi")
    page.get_by_role("textbox", name="Target periode ini").fill("13")
    page.get_by_role("textbox", name="Satuan").fill("laporan")
    page.get_by_role("button", name="Tambah rencana aksi RHK").click()
    expect(
        page.get_by_role("cell", name="Rekap 12 desa triwulan I tervalidasi", exact=True)
    ).to_be_visible()
    periksa_aksesibilitas(page, "Rencana aksi sesudah ditambah")

    page.goto(f"{live_server.url}/penilaian/?tahun=2026")
    page.locator("#periode-1").get_by_role("button", name="Isi realisasi").click()
    expect(page.get_by_role("heading", name="Realisasi Triwulan I 2026")).to_be_visible()
    expect(
        page.get_by_text("Rekap 12 desa triwulan I tervalidasi — target 13 laporan")
    ).to_be_visible()
    expect(page.get_by_text("foto rapat", exact=False)).to_be_visible()
    periksa_aksesibilitas(page, "Formulir realisasi")

    page.get_by_label("Realisasi Jumlah laporan surveilans mingguan").fill("13")
    page.get_by_label("Realisasi Kelengkapan laporan puskesmas").fill("95,5")
    page.get_by_label("Realisasi Rekap selesai setelah minggu berakhir").fill("2")
    page.get_by_role("button", name="Simpan realisasi").click()
    expect(page.get_by_text("Realisasi disimpan.")).to_be_visible()
    expect(page.get_by_label("Realisasi Kelengkapan laporan puskesmas")).to_have_value("95,5")
    expect(page.get_by_role("cell", name="25%")).to_be_visible()  # 13 of 52

    # bukti dukung: a link and a PDF, added in place (htmx)
    bukti = page.locator("[id^=bukti-]").first
    bukti.get_by_text("Tambah bukti dukung", exact=True).click()
    bukti.get_by_label("Tautan").fill(TAUTAN)
    bukti.get_by_label("Atau unggah berkas").set_input_files(
        files=[{"name": "Rekap TW I.pdf", "mimeType": "application/pdf", "buffer": contoh.pdf()}]
    )
    bukti.get_by_role("button", name="Tambah bukti").click()
    bukti = page.locator("[id^=bukti-]").first
    expect(bukti.get_by_text("Bukti dukung ditambahkan.")).to_be_visible()
    expect(bukti.get_by_role("link", name="Rekap TW I.pdf")).to_be_visible()
    expect(bukti.get_by_role("link", name="rekap-imunisasi-tw1.pdf", exact=False)).to_be_visible()
    expect(page.get_by_label("Realisasi Jumlah laporan surveilans mingguan")).to_have_value("13")
    periksa_aksesibilitas(page, "Formulir realisasi dengan bukti dukung")

    # a renamed file is refused with its reason, nothing added
    bukti.get_by_text("Tambah bukti dukung", exact=True).click()
    bukti.get_by_label("Atau unggah berkas").set_input_files(
        files=[{"name": "laporan.pdf", "mimeType": "application/pdf", "buffer": contoh.exe()}]
    )
    bukti.get_by_role("button", name="Tambah bukti").click()
    expect(page.get_by_text("bukan PDF yang sah", exact=False)).to_be_visible()
    assert BuktiDukung.objects.count() == 1

    with page.expect_download() as unduhan:
        page.get_by_role("link", name="Rekap TW I.pdf").click()
    assert unduhan.value.suggested_filename == "Rekap TW I.pdf"
    with open(unduhan.value.path(), "rb") as f:
        assert f.read() == contoh.pdf()

    page.get_by_role("button", name="Simpan dan kirim ke penilai").click()
    expect(page.get_by_text("dikirim ke pejabat penilai", exact=False).first).to_be_visible()
    expect(page.locator("#status-penilaian")).to_have_text("Dikirim")
    periksa_aksesibilitas(page, "Formulir realisasi sesudah dikirim")
    p = PenilaianPeriodik.objects.get()
    assert p.status == StatusPenilaian.DIKIRIM and p.penilai == pemeran.atasan

    page.goto(f"{live_server.url}/penilaian/?tahun=2026")
    expect(page.locator("#periode-1")).to_contain_text("Dikirim")
    page.context.close()
