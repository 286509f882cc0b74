"""In a real browser, on the demo data (issue 12): the import previews show what they will change
row by row; renaming a unit or rewording an indikator linked by an SKP stands out and needs its
own tick; and each downloaded template, uploaded unchanged, writes nothing."""

import io
from pathlib import Path

import pytest
from django.core.management import call_command
from openpyxl import Workbook
from playwright.sync_api import Page, expect

from organisasi import demo
from organisasi.models import Jabatan, Pegawai, UnitKerja
from perencanaan import demo as demo_renstra
from perencanaan.models import IndikatorKinerja, Renstra, TargetIndikator
from skp.models import Skp
from tests.browser.axe import periksa_aksesibilitas
from tests.browser.menu import menu_kelola
from tests.browser.test_masuk_dan_impor import NIP_ADMIN, masuk, tulis_csv
from tests.conftest import KATA_SANDI

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SEKRETARIAT_BARU = "Sekretariat Dinas Kesehatan dan Keluarga Berencana"


@pytest.fixture
def data_demo() -> None:
    call_command("seed_demo", password=KATA_SANDI, stdout=io.StringIO())


@pytest.fixture
def page(page: Page) -> Page:
    page.set_viewport_size({"width": 1280, "height": 900})
    return page


def organisasi() -> tuple:
    return (
        list(UnitKerja.objects.order_by("kode").values_list("kode", "nama", "induk_id")),
        list(
            Jabatan.objects.order_by("pk").values_list("pk", "nama", "unit_kerja_id", "atasan_id")
        ),
        list(Pegawai.objects.order_by("pk").values_list("pk", "nama", "jabatan_id")),
    )


def renstra() -> tuple:
    return (
        list(IndikatorKinerja.objects.order_by("pk").values_list("pk", "kode", "nama", "satuan")),
        list(TargetIndikator.objects.order_by("pk").values_list("pk", "nilai")),
    )


def unggah_pegawai(page: Page, berkas: Path) -> None:
    menu_kelola(page).get_by_role("link", name="Impor Pegawai").click()
    page.get_by_label("Berkas XLSX atau CSV").set_input_files(berkas)
    page.get_by_role("button", name="Unggah dan lihat pratinjau").click()


def unggah_renstra(page: Page, berkas: Path) -> None:
    menu_kelola(page).get_by_role("link", name="Impor Renstra").click()
    page.get_by_label("Perangkat Daerah (OPD)").select_option(label="1.02 — Dinas Kesehatan")
    page.get_by_label("Periode Renstra").fill("2025-2029")
    page.get_by_label("Berkas XLSX atau CSV").set_input_files(berkas)
    page.get_by_role("button", name="Unggah dan lihat pratinjau").click()


def baris_sekretaris(nama_unit: str) -> dict[str, str]:
    """Yuni Astuti's row as the demo loaded it, her unit 1.02.01 under another name."""
    o = next(o for o in demo.ORANG if o.kode_unit == "1.02.01")
    return {
        "nip": o.nip, "nama": o.nama, "gelar_depan": o.gelar_depan,
        "gelar_belakang": o.gelar_belakang, "pangkat_golongan": o.golongan,
        "jenis_jabatan": o.jenis, "jabatan": o.jabatan, "kode_unit": o.kode_unit,
        "nama_unit": nama_unit, "kode_unit_induk": o.kode_unit_induk, "nip_atasan": o.nip_atasan,
        "email": f"{o.nip}@demo.sukamaju.go.id",  # as seed_demo gives every demo pegawai
    }  # fmt: skip


def renstra_dinkes_xlsx(tujuan: Path, ubah: dict[str, str]) -> Path:
    """The demo's Dinas Kesehatan Renstra and Renja as a workbook, with indikator texts changed
    (kode_indikator -> new text)."""
    opd = next(o for o in demo_renstra.DEMO if o.kode_unit == "1.02")
    buku = Workbook()
    buku.remove(buku.active)
    for nama, sel in demo_renstra.sheet_demo(opd).items():
        ws = buku.create_sheet(nama)
        for baris in sel:
            baris = list(baris)
            if nama == "Renstra" and baris[4] in ubah:
                baris[5] = ubah[baris[4]]
            ws.append(baris)
    buku.save(tujuan)
    return tujuan


def test_pratinjau_pegawai_menyebut_unit_yang_diganti_namanya_dan_perlu_centang(
    page: Page, live_server, data_demo, tmp_path: Path
):
    masuk(page, live_server.url, NIP_ADMIN)
    sebelum = organisasi()

    unggah_pegawai(
        page, tulis_csv(tmp_path / "sekretariat.csv", [baris_sekretaris(SEKRETARIAT_BARU)])
    )

    expect(page.get_by_role("heading", name="Pratinjau impor: sekretariat.csv")).to_be_visible()
    perhatian = page.get_by_role("region", name="Perlu perhatian: 1 perubahan")
    expect(perhatian).to_contain_text(
        f"Unit 1.02.01 akan diganti namanya dari “Sekretariat Dinas Kesehatan” menjadi "
        f"“{SEKRETARIAT_BARU}”"
    )
    unit = page.get_by_role("region", name="Unit kerja: 0 baru, 1 diubah")
    baris = unit.get_by_role("row", name=SEKRETARIAT_BARU)
    expect(baris).to_have_class("table-warning")
    expect(baris).to_contain_text("Perlu perhatian")
    expect(baris).to_contain_text("Nama unit: “Sekretariat Dinas Kesehatan”")
    expect(baris).to_contain_text(f"menjadi “{SEKRETARIAT_BARU}”")
    # Rows left alone are one link away, not on the page.
    expect(
        page.get_by_role("region", name="Pegawai: 0 baru, 0 diubah, 1 tidak berubah")
    ).to_be_visible()
    periksa_aksesibilitas(page, "pratinjau impor pegawai")

    # Without the tick the server refuses, whatever the browser sends.
    page.get_by_role("button", name="Konfirmasi dan terapkan impor").click()

    expect(page.get_by_role("alert")).to_contain_text(
        "Impor belum diterapkan: 1 perubahan perlu perhatian"
    )
    assert organisasi() == sebelum
    periksa_aksesibilitas(page, "pratinjau impor pegawai, ditolak tanpa centang")

    page.get_by_label("Saya memahami bahwa 1 perubahan yang perlu perhatian").check()
    page.get_by_role("button", name="Konfirmasi dan terapkan impor").click()

    expect(page.get_by_role("alert")).to_contain_text("Impor diterapkan")
    expect(page.get_by_role("heading", name="Hasil impor: sekretariat.csv")).to_be_visible()
    assert UnitKerja.objects.get(kode="1.02.01").nama == SEKRETARIAT_BARU
    periksa_aksesibilitas(page, "hasil impor pegawai")

    # The unchanged rows on request, through a plain link.
    page.get_by_role("link", name="Lihat 1 pegawai yang tidak berubah").click()
    expect(page).to_have_url(f"{page.url.split('?')[0]}?tampil=tetap&kelompok=pegawai#rincian")
    expect(page.get_by_role("region", name="Pegawai: 0 baru")).to_contain_text("Yuni Astuti")


def test_pratinjau_renstra_menyebut_indikator_yang_diubah_dan_skp_penautnya(
    page: Page, live_server, data_demo, tmp_path: Path
):
    jpt = Skp.objects.get(pegawai__nip=demo.KADINKES)
    masuk(page, live_server.url, NIP_ADMIN)
    sebelum = renstra()

    unggah_renstra(
        page,
        renstra_dinkes_xlsx(
            tmp_path / "renstra_dinkes.xlsx", {"IK1.1.2": "Prevalensi balita stunting"}
        ),
    )

    expect(page.get_by_role("heading", name="Pratinjau impor: renstra_dinkes.xlsx")).to_be_visible()
    perhatian = page.get_by_role("region", name="Perlu perhatian: 1 perubahan")
    expect(perhatian).to_contain_text(
        "Indikator kinerja IK1.1.2 akan diganti rumusannya dari “Angka Kematian Bayi” menjadi "
        "“Prevalensi balita stunting”."
    )
    expect(perhatian).to_contain_text(
        f"Ditautkan oleh 1 SKP: {jpt.pegawai_nama} — SKP {jpt.tahun} versi {jpt.versi}, "
        f"{jpt.get_status_display()}."
    )
    # The demo's Kepala Dinas agreed her SKP in January: it keeps the agreed wording (a draft
    # would "menampilkan rumusan baru").
    assert jpt.status == "disetujui"
    expect(perhatian).to_contain_text("tetap menampilkan rumusan yang disepakati saat disetujui")
    indikator = page.get_by_role("region", name="Indikator kinerja: 0 baru, 1 diubah")
    expect(indikator.get_by_role("row", name="Prevalensi balita stunting")).to_have_class(
        "table-warning"
    )
    periksa_aksesibilitas(page, "pratinjau impor Renstra")

    page.get_by_role("button", name="Konfirmasi dan terapkan impor").click()

    expect(page.get_by_role("alert")).to_contain_text(
        "Impor belum diterapkan: 1 perubahan perlu perhatian"
    )
    assert renstra() == sebelum

    page.get_by_label("Saya memahami bahwa 1 perubahan yang perlu perhatian").check()
    page.get_by_role("button", name="Konfirmasi dan terapkan impor").click()

    expect(page.get_by_role("alert")).to_contain_text("Impor diterapkan: 0 data baru, 1 diubah.")
    expect(page.get_by_role("heading", name="Renstra Dinas Kesehatan 2025-2029")).to_be_visible()
    ik = IndikatorKinerja.objects.get(kode="IK1.1.2", renstra__unit__kode="1.02")
    assert ik.nama == "Prevalensi balita stunting"


def test_templat_pegawai_dan_renstra_diunggah_apa_adanya_tidak_menulis_apa_pun(
    page: Page, live_server, data_demo, tmp_path: Path
):
    masuk(page, live_server.url, NIP_ADMIN)
    sebelum = (organisasi(), renstra(), Renstra.objects.count())

    menu_kelola(page).get_by_role("link", name="Impor Pegawai").click()
    with page.expect_download() as unduhan:
        page.get_by_role("link", name="Unduh templat XLSX").click()
    templat_pegawai = tmp_path / unduhan.value.suggested_filename
    unduhan.value.save_as(templat_pegawai)
    unggah_pegawai(page, templat_pegawai)

    expect(
        page.get_by_role("heading", name="Berkas tidak dapat diimpor: 1 masalah")
    ).to_be_visible()
    expect(page.get_by_role("alert")).to_contain_text("Tidak ada data yang diubah.")
    expect(page.locator("#daftar-masalah li")).to_have_text(
        ["Berkas tidak berisi baris data di bawah judul kolom."]
    )
    expect(page.get_by_role("button", name="Konfirmasi dan terapkan impor")).to_have_count(0)
    periksa_aksesibilitas(page, "templat pegawai ditolak")

    menu_kelola(page).get_by_role("link", name="Impor Renstra").click()
    page.get_by_label("Periode", exact=True).fill("2025-2029")
    with page.expect_download() as unduhan:
        page.get_by_role("button", name="Unduh templat XLSX").click()
    templat_renstra = tmp_path / unduhan.value.suggested_filename
    unduhan.value.save_as(templat_renstra)
    unggah_renstra(page, templat_renstra)

    expect(
        page.get_by_role("heading", name="Berkas tidak dapat diimpor: 1 masalah")
    ).to_be_visible()
    expect(page.locator("#daftar-masalah li")).to_have_text(
        ["sheet Renstra: Berkas tidak berisi baris data di bawah judul kolom."]
    )
    expect(page.get_by_role("button", name="Konfirmasi dan terapkan impor")).to_have_count(0)
    periksa_aksesibilitas(page, "templat Renstra ditolak")

    assert (organisasi(), renstra(), Renstra.objects.count()) == sebelum
    # Both refusals are in the histories, with who uploaded them.
    menu_kelola(page).get_by_role("link", name="Impor Pegawai").click()
    riwayat = page.locator("#riwayat-impor")
    expect(riwayat.get_by_role("row", name=templat_pegawai.name)).to_contain_text("Ditolak")
    expect(riwayat.get_by_role("row", name=templat_pegawai.name)).to_contain_text("Teguh Santoso")
    periksa_aksesibilitas(page, "riwayat impor pegawai")
