"""In a real browser, the whole curve story for a unit of seven: the Kabid sets capaian Baik for
the Seksi Surveilans; its Kasi rates all seven Baik and sees the chart turn to a warning, rates
one Butuh Perbaikan (still too many Baik for 7) and two Sangat Baik and sees it fit; the Kabid opens the penetapan page (from the capaian page)
and confirms it; the signed PDF downloads, verifies, and its public page says so. The chart is
looked at as a picture: a screenshot, and the PDF's first page rendered to PNG (pdftoppm)."""

import re
import shutil
import subprocess
from datetime import datetime

import pytest
import time_machine
from django.urls import reverse
from PIL import Image
from playwright.sync_api import Page, expect

from core.dokumen import verifikasi_berkas
from penilaian.kuadran import Rating
from penilaian.models import DokumenPenetapan
from tests.browser.axe import periksa_aksesibilitas
from tests.browser.test_capaian_organisasi import _masuk
from tests.penilaian.bawahan import isi_penilaian, tambah_bawahan
from tests.penilaian.conftest import WIB, tahun, tw1  # noqa: F401, F811 (fixtures reused)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
A, S, B = Rating.DI_ATAS, Rating.SESUAI, Rating.DI_BAWAH


@pytest.fixture
def tujuh(pemeran, tw1, settings):  # noqa: F811
    settings.SESSION_EXPIRE_AT_BROWSER_CLOSE = True
    with time_machine.travel(datetime(2026, 3, 30, 9, tzinfo=WIB), tick=True):
        yield [isi_penilaian(p, tw1, pemeran.atasan) for p in tambah_bawahan(pemeran, 7)]


def _piksel_biru(png) -> int:
    """Pixels of the chart's bars (blue) in the upper part of the page, where POLA DISTRIBUSI is."""
    gambar = Image.open(png).convert("RGB")
    lebar, tinggi = gambar.size
    atas = gambar.crop((0, 0, lebar, int(tinggi * 0.6)))
    return sum(1 for r, g, b in atas.getdata() if b > 100 and b > r + 60 and b > g + 30)


def test_kurva_lalu_penetapan_predikat_bertanda_tangan(
    page: Page,
    live_server,
    pemeran,
    tujuh,
    tw1,  # noqa: F811
    tmp_path,  # noqa: F811
):
    page.set_viewport_size({"width": 1400, "height": 900})
    url = live_server.url
    _masuk(page, url, pemeran.atasan_atasan)
    page.goto(f"{url}/penilaian/capaian/")
    kartu = page.get_by_role("region", name="Seksi Surveilans")
    kartu.get_by_label("Capaian", exact=True).select_option(label="Baik")
    kartu.get_by_role("button", name=re.compile("^Simpan capaian")).click()
    expect(page.locator("body")).to_contain_text("Seksi Surveilans Triwulan I 2026: Baik.")
    periksa_aksesibilitas(page, "capaian tersimpan")

    _masuk(page, url, pemeran.atasan)
    page.goto(f"{url}/penilaian/bawahan/")
    pola = page.locator("#pola-distribusi")
    expect(pola).to_contain_text("Capaian kinerja organisasi Seksi Surveilans: Baik.")
    periksa_aksesibilitas(page, "penilaian bawahan unit tujuh")
    for p in tujuh:
        baris = page.locator(f"#baris-{p.pk}")
        baris.get_by_label("Hasil kerja").select_option(S)
        baris.get_by_label("Perilaku kerja").select_option(S)
        baris.get_by_role("button", name=re.compile("^Simpan")).click()
        expect(page.locator(f"#predikat-{p.pk}")).to_have_text("Predikat: Baik")
    expect(page.locator("#peringatan-pola")).to_be_visible()
    pola.screenshot(path=str(tmp_path / "kurva-tujuh-baik.png"))
    periksa_aksesibilitas(page, "tujuh baik: peringatan")
    baris = page.locator(f"#baris-{tujuh[0].pk}")
    baris.get_by_label("Hasil kerja").select_option(B)
    baris.get_by_role("button", name=re.compile("^Simpan")).click()
    expect(page.locator(f"#predikat-{tujuh[0].pk}")).to_have_text("Predikat: Butuh Perbaikan")
    # Under capaian Baik a unit of 7 has at most 4 Baik (70% x 7 = 4,9, rounded down): one
    # Butuh Perbaikan is not enough while 6 are Baik. Two who exceed expectations on both
    # counts are Sangat Baik, and the pattern fits.
    expect(page.locator("#peringatan-pola")).to_be_visible()
    for p in tujuh[1:3]:
        baris = page.locator(f"#baris-{p.pk}")
        baris.get_by_label("Hasil kerja").select_option(A)
        baris.get_by_label("Perilaku kerja").select_option(A)
        baris.get_by_role("button", name=re.compile("^Simpan")).click()
        expect(page.locator(f"#predikat-{p.pk}")).to_have_text("Predikat: Sangat Baik")
    expect(page.locator("#peringatan-pola")).to_have_count(0)
    expect(pola).to_contain_text("Penilaian unit ini final.")
    pola.screenshot(path=str(tmp_path / "kurva-sesuai.png"))
    periksa_aksesibilitas(page, "pola sesuai")

    # The Kabid finds the penetapan from the capaian page and confirms it.
    _masuk(page, url, pemeran.atasan_atasan)
    page.goto(f"{url}/penilaian/capaian/")
    page.get_by_role("link", name=re.compile("^Penetapan predikat Seksi Surveilans")).click()
    expect(page.get_by_role("heading", name="Penetapan Predikat Seksi Surveilans")).to_be_visible()
    tabel = page.locator("#tabel-penetapan tbody tr")
    expect(tabel).to_have_count(7)
    expect(page.locator("#tabel-penetapan")).to_contain_text("Butuh Perbaikan")
    expect(page.locator("#tabel-penetapan")).to_contain_text("Sangat Baik")
    expect(page.locator("#pola-penetapan svg")).to_be_visible()
    page.locator("#pola-penetapan").screenshot(path=str(tmp_path / "kurva-penetapan.png"))
    periksa_aksesibilitas(page, "penetapan predikat sebelum ditetapkan")
    page.get_by_role("button", name="Tetapkan predikat").click()
    expect(page.locator("body")).to_contain_text(
        "Predikat pegawai Seksi Surveilans Triwulan I 2026 ditetapkan (versi 1)."
    )
    expect(page.locator("#sudah-ditetapkan")).to_be_visible()
    periksa_aksesibilitas(page, "penetapan predikat ditetapkan")

    tautan = page.get_by_role("link", name="Unduh dokumen penetapan versi 1 (PDF)")
    with page.expect_download() as unduhan:
        tautan.click(modifiers=["Alt"])
    pdf = tmp_path / unduhan.value.suggested_filename
    unduhan.value.save_as(pdf)
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF")
    hasil = verifikasi_berkas(data)
    assert hasil.sah, hasil.pesan
    assert hasil.jenis.kode == "penetapan" and hasil.dokumen.versi == 1

    # The public verification page (the QR code's address) names the document as valid.
    dokumen = DokumenPenetapan.objects.get()
    page.context.clear_cookies()
    page.goto(url + reverse("verifikasi_dokumen", args=[dokumen.token]))
    expect(
        page.get_by_role("heading", name="Verifikasi Penetapan Predikat Kinerja Pegawai")
    ).to_be_visible()
    expect(page.locator("body")).to_contain_text("Dokumen ini diterbitkan oleh aplikasi SKP")
    expect(page.locator("body")).to_contain_text(dokumen.sha256)
    expect(page.locator("body")).to_contain_text("Seksi Surveilans")
    periksa_aksesibilitas(page, "verifikasi penetapan")

    # The PDF's first page as a picture: the chart's bars are on it.
    pdftoppm = shutil.which("pdftoppm")
    assert pdftoppm, "pdftoppm (poppler-utils) diperlukan untuk merender PDF ke PNG"
    subprocess.run(
        [pdftoppm, "-png", "-r", "60", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "penetapan")],
        check=True,
    )
    (png,) = tmp_path.glob("penetapan*.png")
    assert _piksel_biru(png) > 200, "bagan pola distribusi tidak tampak pada halaman pertama PDF"
