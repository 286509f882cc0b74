"""In a real browser: the admin opens Kalkulator Distribusi from the Kelola menu, asks for a unit
of 7 under "Baik", enters all 7 as Baik (the chart turns to a warning, updated in place), moves
one to Butuh Perbaikan and two more (it fits), tries bad input (an Indonesian message), and the
same page works with JavaScript off. axe-core checks every state; screenshots of the chart are
saved under test-results/ to be looked at."""

from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.axe import periksa_aksesibilitas
from tests.browser.menu import menu_kelola
from tests.conftest import KATA_SANDI

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HASIL = Path(__file__).resolve().parents[2] / "test-results"


def masuk(browser: Browser, url: str, nip: str, *, javascript: bool = True) -> Page:
    konteks = browser.new_context(locale="id-ID", timezone_id="Asia/Jakarta",
                                  viewport={"width": 1280, "height": 1000},
                                  java_script_enabled=javascript)  # fmt: skip
    page = konteks.new_page()
    page.goto(f"{url}/masuk/")
    page.get_by_label("NIP").fill(nip)
    page.get_by_label("Sandi").fill(KATA_SANDI)
    page.get_by_role("button", name="Masuk").click()
    expect(page.get_by_role("navigation", name="Navigasi utama")).to_be_visible()
    return page


def foto(page: Page, nama: str) -> None:
    HASIL.mkdir(exist_ok=True)
    # Each typed number asks for the result (htmx): wait until the last answer has been swapped
    # in, or the element photographed may be replaced while it is taken.
    page.wait_for_load_state("networkidle")
    page.locator("#hasil-kalkulator figure").screenshot(path=HASIL / f"kalkulator-{nama}.png")


def test_admin_menghitung_pola_tujuh_pegawai_dengan_kalkulator(
    browser: Browser, live_server, pemeran
):
    page = masuk(browser, live_server.url, pemeran.admin.nip)
    menu_kelola(page).get_by_role("link", name="Kalkulator Distribusi").click()
    expect(page.get_by_role("heading", name="Kalkulator distribusi predikat")).to_be_visible()
    periksa_aksesibilitas(page, "Kalkulator (contoh awal)")

    page.get_by_role("combobox", name="Capaian kinerja organisasi").select_option(label="Baik")
    page.get_by_role("spinbutton", name="Jumlah pegawai di unit").fill("7")
    page.get_by_role("spinbutton", name="Jumlah pegawai di unit").press("Tab")
    gambar = page.get_by_role(
        "img", name="Pola distribusi predikat: capaian organisasi Baik, 7 pegawai"
    )
    expect(gambar).to_be_visible()
    expect(page.locator("#aturan-pembulatan")).to_contain_text("dibulatkan ke bawah")

    # all seven rated Baik: updated in place (htmx), a warning in words
    page.get_by_role("spinbutton", name="Baik", exact=True).fill("7")
    page.get_by_role("spinbutton", name="Baik", exact=True).press("Tab")
    peringatan = page.locator("#hasil-kalkulator").get_by_text(
        "Pola TIDAK sesuai dengan pola distribusi capaian Baik"
    )
    expect(peringatan).to_be_visible()
    expect(page.locator("#hasil-kalkulator")).to_contain_text(
        "Baik 7 pegawai, melebihi batas paling banyak 4"
    )
    assert (
        page.url.endswith("jumlah_baik=7") or "jumlah_baik=7" in page.url
    )  # pushed to the address
    periksa_aksesibilitas(page, "Kalkulator: pola tidak sesuai")
    foto(page, "tidak-sesuai")

    # one Butuh Perbaikan and two Sangat Baik: fits
    page.get_by_role("spinbutton", name="Baik", exact=True).fill("4")
    page.get_by_role("spinbutton", name="Sangat Baik").fill("2")
    page.get_by_role("spinbutton", name="Butuh Perbaikan").fill("1")
    page.get_by_role("spinbutton", name="Butuh Perbaikan").press("Tab")
    expect(page.locator("#hasil-kalkulator .alert-success")).to_contain_text("Pola sesuai")
    expect(
        page.get_by_role("img", name="Pola distribusi predikat: capaian organisasi Baik, 7 pegawai")
    ).to_be_visible()
    periksa_aksesibilitas(page, "Kalkulator: pola sesuai")
    foto(page, "sesuai")

    # bad input: an Indonesian message, no chart
    page.get_by_role("spinbutton", name="Jumlah pegawai di unit").fill("0")
    page.get_by_role("button", name="Hitung").click()
    expect(page.locator("#hasil-kalkulator")).to_contain_text("Jumlah pegawai paling sedikit 1.")
    expect(page.locator("#hasil-kalkulator svg")).to_have_count(0)
    periksa_aksesibilitas(page, "Kalkulator: isian salah")


def test_kalkulator_tanpa_javascript(browser: Browser, live_server, pemeran):
    page = masuk(browser, live_server.url, pemeran.atasan.nip, javascript=False)
    page.get_by_role("navigation", name="Navigasi utama").get_by_role(
        "link", name="Kalkulator Distribusi"
    ).click()
    page.get_by_role("combobox", name="Capaian kinerja organisasi").select_option(label="Kurang")
    page.get_by_role("spinbutton", name="Jumlah pegawai di unit").fill("10")
    page.get_by_role("radio", name="Biasa: setengah ke atas").check()
    page.get_by_role("button", name="Hitung").click()
    expect(page.locator("#aturan-pembulatan")).to_contain_text("Pembulatan biasa")
    baris = page.get_by_role("row", name="Kurang/Misconduct", exact=False).first
    expect(baris).to_contain_text("6")
    expect(
        page.get_by_role(
            "img", name="Pola distribusi predikat: capaian organisasi Kurang, 10 pegawai"
        )
    ).to_be_visible()
    foto(page, "rentang-kurang-10")
    # axe-core needs JavaScript: the same address in a browser with it on
    dengan_js = masuk(browser, live_server.url, pemeran.atasan.nip)
    dengan_js.goto(page.url)
    periksa_aksesibilitas(dengan_js, "Kalkulator: hasil GET tanpa JavaScript")
