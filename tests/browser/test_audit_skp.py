"""In a real browser: the admin draws an audit sample of approved SKPs, opens one SKP, records
"Perlu perbaikan" with a note (htmx), sees it in the sample, and downloads the XLSX. Every page
passes axe-core's WCAG 2.2 AA rules (and the CSP, checked by the browser conftest)."""

import io

import pytest
from openpyxl import load_workbook
from playwright.sync_api import Page, expect

from tests.browser.axe import periksa_aksesibilitas
from tests.browser.menu import menu_kelola
from tests.conftest import KATA_SANDI
from tests.penilaian.bawahan import tambah_bawahan

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_admin_mengaudit_sampel_skp(page: Page, live_server, pemeran):
    tambah_bawahan(pemeran, 5)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/masuk/")
    page.get_by_label("NIP").fill(pemeran.admin.nip)
    page.get_by_label("Sandi").fill(KATA_SANDI)
    page.get_by_role("button", name="Masuk").click()

    menu_kelola(page).get_by_role("link", name="Audit SKP Tahunan").click()
    expect(page.get_by_role("heading", name="Audit SKP Tahunan")).to_be_visible()
    periksa_aksesibilitas(page, "Audit SKP Tahunan")
    page.get_by_label("Tahun SKP").fill("2026")
    page.get_by_label("Jumlah SKP per unit kerja").check()
    page.get_by_label("Jumlah atau persentase").fill("2")
    page.get_by_label("Seed (opsional)").fill("2026")
    page.get_by_role("button", name="Ambil sampel").click()

    expect(page.get_by_role("heading", name="Sampel audit SKP 2026")).to_be_visible()
    expect(page.locator("#seed")).to_have_text("2026")
    expect(page.locator("#ringkasan-audit")).to_contain_text("2 SKP: 0 sesuai, 0 perlu perbaikan")
    periksa_aksesibilitas(page, "sampel audit")

    baris = page.locator("tbody tr").first
    nama = baris.locator("td").nth(1).inner_text().splitlines()[0]
    baris.get_by_role("link", name=f"Periksa SKP {nama}").click()
    expect(page.get_by_role("heading", name=f"Audit SKP 2026: {nama}")).to_be_visible()
    expect(page.locator("#audit-indikator")).to_contain_text("mirip 100% dengan indikator")
    periksa_aksesibilitas(page, "audit satu SKP")
    page.get_by_label("Perlu perbaikan").check()
    page.get_by_label("Catatan").fill("Indikator sama persis dengan rekan satu seksi.")
    page.get_by_role("button", name="Simpan temuan").click()
    expect(page.locator("#temuan-audit [role=status]")).to_have_text(
        "Temuan disimpan: Perlu perbaikan."
    )
    expect(page.locator("#riwayat-temuan")).to_contain_text("Belum diperiksa → Perlu perbaikan")
    periksa_aksesibilitas(page, "temuan tersimpan")

    page.get_by_role("navigation", name="Jejak").get_by_role("link", name="Sampel").click()
    expect(baris.locator(".temuan")).to_have_text("Perlu perbaikan")
    expect(baris).to_contain_text("Indikator sama persis dengan rekan satu seksi.")
    expect(page.locator("#ringkasan-audit")).to_contain_text("0 sesuai, 1 perlu perbaikan")
    periksa_aksesibilitas(page, "sampel setelah temuan")

    with page.expect_download() as unduhan:
        page.get_by_role("link", name="Unduh XLSX").click()
    berkas = unduhan.value
    assert berkas.suggested_filename.startswith("audit_skp_2026_sampel_")
    ws = load_workbook(io.BytesIO(open(berkas.path(), "rb").read()))["Sampel"]
    isi = {r[3]: r for r in ws.iter_rows(min_row=2, values_only=True)}
    assert isi[nama][6:8] == ("Perlu perbaikan", "Indikator sama persis dengan rekan satu seksi.")
