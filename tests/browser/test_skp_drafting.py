"""In a real browser: a demo pelaksana drafts the SKP of this year. Three RHK, each linked to an
RHK of his atasan picked in the page (once through the search box), indicators for the three
aspects, two RHK swapped with "Turun", then a reload shows everything as entered."""

import io
import re

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import Locator, Page, expect

from skp.models import Skp
from tests.conftest import KATA_SANDI

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NIP_RUDI = "19920314 201903 1 005"  # Rudi Hartono, Pengelola Data Imunisasi; atasan Rina Marlina
RHK_RINA_SURVEILANS = "Tersedianya data surveilans penyakit potensial KLB"
RHK_RINA_PE = "Terlaksananya penyelidikan epidemiologi pada setiap sinyal KLB"
RHK_RINA_IMUNISASI = "Tersedianya data cakupan imunisasi rutin per desa yang mutakhir"

RHK_A = "Tersedianya rekap cakupan imunisasi bulanan per desa yang tervalidasi"
RHK_B = "Tersedianya data kasus campak dan DBD untuk penyelidikan epidemiologi"
RHK_C = "Terkirimnya laporan mingguan SKDR dari seluruh puskesmas"


@pytest.fixture
def page(page: Page) -> Page:
    page.set_viewport_size({"width": 1280, "height": 800})
    return page


@pytest.fixture
def data_demo() -> None:
    call_command("seed_demo", password=KATA_SANDI, stdout=io.StringIO())
    # The demo leaves Rudi without an SKP; make sure of it whatever the demo becomes.
    Skp.objects.filter(pegawai__nip=NIP_RUDI.replace(" ", "")).delete()


def masuk(page: Page, url: str) -> None:
    page.goto(f"{url}/masuk/")
    page.get_by_label("NIP").fill(NIP_RUDI)
    page.get_by_label("Sandi").fill(KATA_SANDI)
    page.get_by_role("button", name="Masuk").click()


def rhk(page: Page, uraian: str) -> Locator:
    return page.locator("tbody.rhk", has_text=uraian)


def tambah_rhk(page: Page, uraian: str, rhk_atasan: str, cari: str = "") -> None:
    page.get_by_role("link", name="Tambah RHK utama").click()
    form = page.locator("form.form-rhk")
    form.get_by_label("Rencana hasil kerja").fill(uraian)
    if cari:
        form.get_by_label("Cari RHK atasan").fill(cari)
        # Filtered as one types: only the matching RHK of the atasan is left.
        expect(form.get_by_label(RHK_RINA_SURVEILANS)).to_have_count(0)
    form.get_by_label(rhk_atasan).check()
    form.get_by_role("button", name="Simpan RHK").click()
    expect(page.locator("form.form-rhk")).to_have_count(0)
    expect(rhk(page, uraian)).to_contain_text(rhk_atasan)


def tambah_indikator(
    page: Page, uraian_rhk: str, aspek: str, indikator: str, target: str, satuan: str
) -> None:
    form = page.locator("form.form-indikator")
    if form.count() == 0:
        rhk(page, uraian_rhk).get_by_role("link", name="Tambah indikator").click()
    expect(form).to_be_visible()
    expect(form.get_by_label("Aspek")).to_be_focused()  # the first field, for the keyboard
    form.get_by_label("Aspek").select_option(label=aspek)
    form.get_by_label("Indikator kinerja individu").fill(indikator)
    form.get_by_label("Target", exact=True).fill(target)
    form.get_by_label("Satuan").fill(satuan)
    form.get_by_role("button", name="Simpan indikator").click()
    expect(form).to_have_count(0)
    expect(rhk(page, uraian_rhk).get_by_role("row", name=re.compile(indikator))).to_have_count(1)


def periksa_isi(page: Page) -> None:
    """The table as entered: order after the swap, links, and the three aspects of each RHK."""
    expect(page.locator("tbody.rhk td.sel-rhk")).to_have_text([RHK_B, RHK_A, RHK_C])
    expect(page.locator("tbody.rhk td.sel-rhk-atasan")).to_have_text(
        [RHK_RINA_PE, RHK_RINA_IMUNISASI, re.compile(RHK_RINA_SURVEILANS)]
    )
    expect(page.locator("tbody.rhk td.kolom-no")).to_have_text(["1", "2", "3"])
    for uraian in (RHK_A, RHK_B, RHK_C):
        expect(rhk(page, uraian).locator("td.sel-aspek")).to_have_text(
            ["Kuantitas", "Kualitas", "Waktu"]
        )
    expect(rhk(page, RHK_A).locator("td.sel-target")).to_have_text(
        ["12 laporan", "95,5 %", "10 hari"]
    )
    expect(page.get_by_text("Belum ditautkan", exact=True)).to_have_count(0)
    expect(page.get_by_role("region", name="Sebelum diajukan")).to_contain_text(
        "Semua syarat terpenuhi"
    )


def test_pelaksana_menyusun_skp_tiga_rhk_bertaut_lalu_mengubah_urutan(
    page: Page, live_server, data_demo
):
    tahun = timezone.localdate().year
    masuk(page, live_server.url)
    page.get_by_role("navigation", name="Navigasi utama").get_by_role(
        "link", name="SKP Saya"
    ).click()
    expect(page.get_by_role("heading", name="SKP Saya")).to_be_visible()
    page.get_by_role("button", name="Buat SKP", exact=True).click()

    expect(page.get_by_role("heading", name="SASARAN KINERJA PEGAWAI", exact=True)).to_be_visible()
    expect(page.get_by_text(f"SKP tahun {tahun} dibuat.")).to_be_visible()
    identitas = page.get_by_role("region", name="Identitas pegawai dan pejabat penilai")
    expect(identitas).to_contain_text(NIP_RUDI)
    expect(identitas).to_contain_text("Rina Marlina, S.K.M.")
    kelengkapan = page.get_by_role("region", name="Sebelum diajukan")
    expect(kelengkapan).to_contain_text("Belum ada RHK utama.")

    tambah_rhk(page, RHK_A, RHK_RINA_IMUNISASI)
    # Keyboard: focus went back to the new RHK's "Tambah indikator"; Enter opens the form.
    expect(rhk(page, RHK_A).get_by_role("link", name="Tambah indikator")).to_be_focused()
    page.keyboard.press("Enter")
    tambah_indikator(page, RHK_A, "Kuantitas", "Jumlah rekap cakupan bulanan", "12", "laporan")
    tambah_indikator(page, RHK_A, "Kualitas", "Data sesuai hasil validasi", "95,5", "%")
    tambah_indikator(page, RHK_A, "Waktu", "Rekap terkirim setelah akhir bulan", "10", "hari")
    expect(kelengkapan).not_to_contain_text("RHK Utama 1")

    tambah_rhk(page, RHK_B, RHK_RINA_PE, cari="penyelidikan")
    tambah_rhk(page, RHK_C, RHK_RINA_SURVEILANS)
    expect(kelengkapan).to_contain_text("RHK Utama 2")
    for uraian in (RHK_B, RHK_C):
        tambah_indikator(page, uraian, "Kuantitas", f"Jumlah data {uraian[-12:]}", "52", "berkas")
        tambah_indikator(page, uraian, "Kualitas", f"Kelengkapan {uraian[-12:]}", "90", "%")
        tambah_indikator(page, uraian, "Waktu", f"Ketepatan {uraian[-12:]}", "2", "hari")

    rhk(page, RHK_A).get_by_role("button", name="Turun").click()
    expect(page.locator("tbody.rhk td.sel-rhk").first).to_have_text(RHK_B)
    expect(rhk(page, RHK_A).get_by_role("button", name="Turun")).to_be_focused()

    periksa_isi(page)
    page.reload()
    periksa_isi(page)

    skp = Skp.objects.get(pegawai__nip=NIP_RUDI.replace(" ", ""), tahun=tahun)
    assert [(r.urutan, r.uraian, r.rhk_atasan.skp.pegawai_nama) for r in skp.rhk.all()] == [
        (1, RHK_B, "Rina Marlina, S.K.M."),
        (2, RHK_A, "Rina Marlina, S.K.M."),
        (3, RHK_C, "Rina Marlina, S.K.M."),
    ]

    # A session that expires while the page is open leads to the sign-in page, not into the table.
    page.context.clear_cookies()
    page.get_by_role("link", name="Tambah RHK utama").click()
    expect(page.get_by_role("heading", name="Masuk ke Aplikasi SKP")).to_be_visible()
    expect(page.locator("tbody.rhk")).to_have_count(0)
