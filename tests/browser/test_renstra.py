"""In a real browser: the admin uploads a Renstra/Renja workbook, checks the preview, confirms,
and sees the tree with its targets; a pegawai of the OPD browses it and switches the Renja year."""

from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect

from perencanaan.models import ImporRenstra, Renstra, TargetIndikator
from tests.browser.menu import menu_kelola, navbar
from tests.conftest import KATA_SANDI
from tests.perencanaan.berkas import renja_baik, renstra_baik, xlsx_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def page(page: Page) -> Page:
    page.set_viewport_size({"width": 1280, "height": 900})
    return page


def masuk(page: Page, url: str, nip: str) -> None:
    page.goto(f"{url}/masuk/")
    page.get_by_label("NIP").fill(nip)
    page.get_by_label("Sandi").fill(KATA_SANDI)
    page.get_by_role("button", name="Masuk").click()


def sel_baris(tabel: Locator, nama: str) -> Locator:
    return tabel.get_by_role("row", name=nama).get_by_role("cell")


def test_admin_mengunggah_renstra_melihat_pratinjau_lalu_menerapkan(
    page: Page, live_server, pemeran, tmp_path: Path
):
    berkas = tmp_path / "renstra_dinkes_2025-2029.xlsx"
    berkas.write_bytes(xlsx_bytes(renstra_baik(), renja_baik()))
    masuk(page, live_server.url, pemeran.admin.nip)

    menu_kelola(page).get_by_role("link", name="Impor Renstra").click()
    expect(page.get_by_role("heading", name="Impor Renstra dan Renja")).to_be_visible()
    page.get_by_label("Perangkat Daerah (OPD)").select_option(label="1.02 — Dinas Kesehatan")
    page.get_by_label("Periode Renstra").fill("2025-2029")
    page.get_by_label("Berkas XLSX atau CSV").set_input_files(berkas)
    page.get_by_role("button", name="Unggah dan lihat pratinjau").click()

    expect(page.get_by_role("heading", name=f"Pratinjau impor: {berkas.name}")).to_be_visible()
    ringkasan = page.locator("#ringkasan-impor")
    # Columns: Baru, Diubah, Tidak berubah, Tidak ada lagi di berkas.
    expect(sel_baris(ringkasan, "Indikator kinerja")).to_have_text(["4", "0", "0", "0"])
    expect(sel_baris(ringkasan, "Target tahunan indikator")).to_have_text(["20", "0", "0", "0"])
    expect(sel_baris(ringkasan, "Sub kegiatan")).to_have_text(["2", "0", "0", "0"])
    assert not Renstra.objects.exists(), "pratinjau tidak boleh menulis apa pun"

    page.get_by_role("button", name="Konfirmasi dan terapkan impor").click()

    expect(page.get_by_role("alert")).to_contain_text("Impor diterapkan: 33 data baru, 0 diubah.")
    expect(page.get_by_role("heading", name="Renstra Dinas Kesehatan 2025-2029")).to_be_visible()
    pohon = page.locator("#pohon-renstra")
    expect(pohon).to_contain_text("Meningkatnya derajat kesehatan masyarakat")
    # Kode, then (as the row header) the indikator, satuan, baseline, targets 2025-2029.
    expect(sel_baris(pohon, "Prevalensi balita stunting")).to_have_text(
        ["IK1.1.2", "%", "18,7", "17", "15,5", "14", "12,5", "11"]
    )
    expect(pohon.get_by_role("row", name="Angka kematian ibu").get_by_text("IKU")).to_be_visible()
    expect(page.locator("#tabel-renja")).to_contain_text("Rp 1.250.000.000")
    assert TargetIndikator.objects.count() == 20
    assert ImporRenstra.objects.get().status == "diterapkan"
    expect(page.locator("#riwayat-impor")).to_contain_text(berkas.name)

    # The same file again: the preview says nothing would change and offers no confirmation.
    menu_kelola(page).get_by_role("link", name="Impor Renstra").click()
    page.get_by_label("Perangkat Daerah (OPD)").select_option(label="1.02 — Dinas Kesehatan")
    page.get_by_label("Periode Renstra").fill("2025-2029")
    page.get_by_label("Berkas XLSX atau CSV").set_input_files(berkas)
    page.get_by_role("button", name="Unggah dan lihat pratinjau").click()
    expect(page.get_by_role("status")).to_contain_text("Tidak ada perubahan")
    expect(page.get_by_role("button", name="Konfirmasi dan terapkan impor")).to_have_count(0)


def test_berkas_buruk_menampilkan_semua_masalah(page: Page, live_server, pemeran, tmp_path: Path):
    baris = renstra_baik()
    baris[0]["baseline"] = "banyak"
    baris[1]["satuan"] = ""
    berkas = tmp_path / "renstra_salah.xlsx"
    berkas.write_bytes(xlsx_bytes(baris, renja_baik()))
    masuk(page, live_server.url, pemeran.admin.nip)

    page.goto(f"{live_server.url}/perencanaan/impor/")
    page.get_by_label("Perangkat Daerah (OPD)").select_option(label="1.02 — Dinas Kesehatan")
    page.get_by_label("Periode Renstra").fill("2025-2029")
    page.get_by_label("Berkas XLSX atau CSV").set_input_files(berkas)
    page.get_by_role("button", name="Unggah dan lihat pratinjau").click()

    expect(
        page.get_by_role("heading", name="Berkas tidak dapat diimpor: 2 masalah")
    ).to_be_visible()
    expect(page.locator("#daftar-masalah li")).to_have_text(
        [
            "sheet Renstra, baris 2, kolom baseline: 'banyak' bukan angka (contoh yang benar: 1.500, 85,5, 90%).",
            "sheet Renstra, baris 3, kolom satuan: wajib diisi.",
        ]
    )
    expect(page.get_by_role("button", name="Konfirmasi dan terapkan impor")).to_have_count(0)
    assert not Renstra.objects.exists()


def test_pegawai_opd_melihat_renstra_dan_berganti_tahun_renja(page: Page, live_server, pemeran):
    from tests.perencanaan.conftest import muat

    muat(pemeran.admin.jabatan.unit_kerja, xlsx_bytes(renstra_baik(), renja_baik()))
    masuk(page, live_server.url, pemeran.pegawai.nip)

    navbar(page).get_by_role("link", name="Renstra", exact=True).click()
    expect(navbar(page).get_by_role("link", name="Impor Renstra")).to_have_count(0)
    page.get_by_role("link", name="1.02 Dinas Kesehatan").click()

    expect(page.get_by_role("heading", name="Renstra Dinas Kesehatan 2025-2029")).to_be_visible()
    renja = page.locator("#renja")
    expect(renja.get_by_role("heading")).to_have_text("Rencana Kerja (Renja) tahun 2026")
    expect(renja).to_contain_text("Pengelolaan Pelayanan Kesehatan Ibu Hamil")

    renja.get_by_role("link", name="2027").click()  # swapped in place by htmx
    expect(page.locator("#renja").get_by_role("heading")).to_have_text(
        "Rencana Kerja (Renja) tahun 2027"
    )
    expect(page.locator("#renja")).to_contain_text("Belum ada Renja tahun 2027")
    expect(page).to_have_url(
        f"{live_server.url}/perencanaan/renstra/{Renstra.objects.get().pk}/?tahun=2027"
    )
    expect(page.locator("#pohon-renstra")).to_be_visible()  # the rest of the page stays
