"""In a real browser, on the demo: the admin reads Laporan Indikator (a unit 100% terukur shows
no cause of unmeasurable indicators, and its advice apart), opens the indicators behind a
finding and goes on to one pegawai's SKP. Every page passes axe-core's WCAG 2.2 AA rules."""

import io

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from tests.browser.axe import periksa_aksesibilitas
from tests.browser.menu import menu_kelola
from tests.conftest import KATA_SANDI

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NIP_ADMIN = "19900202 201403 1 002"


def test_admin_membuka_indikator_di_balik_temuan(page: Page, live_server):
    call_command("seed_demo", password=KATA_SANDI, stdout=io.StringIO())
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/masuk/")
    page.get_by_label("NIP").fill(NIP_ADMIN)
    page.get_by_label("Sandi").fill(KATA_SANDI)
    page.get_by_role("button", name="Masuk").click()
    menu_kelola(page).get_by_role("link", name="Laporan Indikator").click()
    expect(page.get_by_role("heading", name="Laporan kualitas indikator")).to_be_visible()
    periksa_aksesibilitas(page, "Laporan Indikator")
    expect(page.locator("#isi-laporan")).not_to_contain_text("aktivitas")

    tabel = page.locator("#tabel-temuan")
    tautan = tabel.get_by_role("link").first
    nama_temuan = tautan.inner_text()
    jumlah = int(tabel.locator("tbody tr").first.locator("td").last.inner_text())
    tautan.click()
    expect(page.get_by_role("heading", name=nama_temuan)).to_be_visible()
    expect(page.locator("#jumlah-temuan strong")).to_have_text(str(jumlah))
    expect(page.locator("#tabel-indikator-temuan tbody tr")).to_have_count(min(jumlah, 25))
    periksa_aksesibilitas(page, "indikator di balik temuan")

    baris = page.locator("#tabel-indikator-temuan tbody tr").first
    nama = baris.locator("th").inner_text().splitlines()[0].strip()
    baris.get_by_role("link", name="Buka SKP").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.locator("main")).to_contain_text(nama)
