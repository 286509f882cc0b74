"""In a real browser: demo pegawai and admin sign in with their NIP, and the admin imports
pegawai from a CSV (preview, confirm) and sees every problem of a broken file."""

import csv
import io
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from playwright.sync_api import Page, expect

from organisasi import demo
from organisasi.impor import KOLOM_TEMPLAT
from organisasi.models import Jabatan, Pegawai, UnitKerja
from organisasi.selectors import atasan_langsung
from tests.browser.axe import periksa_aksesibilitas
from tests.browser.menu import menu_kelola, navbar
from tests.conftest import KATA_SANDI

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NIP_RUDI = "19920314 201903 1 005"  # as printed on his ID card, spaces included
NIP_ADMIN = "199002022014031002"
NIP_KABID_P2P = "198004222005011003"  # Bambang Setiawan, S.K.M.
NIP_KASI_SURVEILANS = "198709082011012003"  # Rina Marlina, S.K.M.
NIP_KASI_BARU = "198906152015031001"
NIP_STAF_BARU = "199508202019032002"


@pytest.fixture
def data_demo() -> None:
    call_command("seed_demo", password=KATA_SANDI, stdout=io.StringIO())


@pytest.fixture
def page(page: Page) -> Page:
    # Desktop width: the navbar is expanded (navbar-expand-lg), as on an office PC.
    page.set_viewport_size({"width": 1280, "height": 800})
    return page


def masuk(page: Page, url: str, nip: str, kata_sandi: str = KATA_SANDI) -> None:
    page.goto(f"{url}/masuk/")
    periksa_aksesibilitas(page)
    page.get_by_label("NIP").fill(nip)
    # Substring match: Django's Indonesian label is "Sandi"; "Kata sandi" would match as well.
    page.get_by_label("Sandi").fill(kata_sandi)
    page.get_by_role("button", name="Masuk").click()


def test_pegawai_demo_masuk_dengan_nip_berspasi_lalu_keluar(page: Page, live_server, data_demo):
    masuk(page, live_server.url, NIP_RUDI)

    expect(
        page.get_by_role("heading", name="Selamat datang, Rudi Hartono, A.Md.Kes.")
    ).to_be_visible()
    identitas = page.get_by_role("region", name="Data Anda sebagai pegawai yang dinilai")
    expect(identitas).to_contain_text(NIP_RUDI)
    expect(identitas).to_contain_text("Rina Marlina, S.K.M.")
    expect(identitas).to_contain_text("19870908 201101 2 003")
    periksa_aksesibilitas(page)

    navbar(page).get_by_role("button", name="Rudi Hartono, A.Md.Kes.").click()
    navbar(page).get_by_role("button", name="Keluar").click()

    expect(page.get_by_role("heading", name="Masuk ke Aplikasi SKP")).to_be_visible()
    page.goto(f"{live_server.url}/")
    expect(page).to_have_url(f"{live_server.url}/masuk/?next=/")


def test_admin_melihat_menu_admin_pegawai_biasa_tidak(page: Page, live_server, data_demo):
    masuk(page, live_server.url, NIP_ADMIN)

    expect(page.get_by_role("heading", name="Selamat datang, Teguh Santoso, S.E.")).to_be_visible()
    expect(page.get_by_role("heading", name="Admin instansi")).to_be_visible()
    expect(page.get_by_text(demo.NAMA_INSTANSI)).to_be_visible()
    expect(menu_kelola(page).get_by_role("link", name="Pegawai", exact=True)).to_be_visible()
    expect(navbar(page).get_by_role("link", name="Impor Pegawai")).to_be_visible()
    page.keyboard.press("Escape")

    navbar(page).get_by_role("button", name="Teguh Santoso, S.E.").click()
    navbar(page).get_by_role("button", name="Keluar").click()
    masuk(page, live_server.url, NIP_RUDI)

    expect(page.get_by_role("heading", name="Selamat datang, Rudi Hartono")).to_be_visible()
    expect(navbar(page).get_by_role("button", name="Kelola")).to_have_count(0)
    expect(navbar(page).get_by_role("link", name="Impor Pegawai")).to_have_count(0)
    expect(navbar(page).get_by_role("link", name="Pegawai", exact=True)).to_have_count(0)
    expect(page.get_by_role("heading", name="Admin instansi")).to_have_count(0)


def test_kata_sandi_salah_ditolak_dengan_pesan_indonesia(page: Page, live_server, data_demo):
    masuk(page, live_server.url, NIP_RUDI, kata_sandi="bukan-sandinya")

    expect(page.get_by_text("NIP atau kata sandi salah")).to_be_visible()
    expect(page.get_by_role("heading", name="Masuk ke Aplikasi SKP")).to_be_visible()
    expect(page.get_by_label("NIP")).to_have_value(NIP_RUDI)  # no retyping the NIP


def tulis_csv(tujuan: Path, baris: list[dict[str, str]]) -> Path:
    with tujuan.open("w", newline="", encoding="utf-8") as f:
        penulis = csv.DictWriter(f, fieldnames=KOLOM_TEMPLAT)
        penulis.writeheader()
        penulis.writerows({k: b.get(k, "") for k in KOLOM_TEMPLAT} for b in baris)
    return tujuan


def baris_baru() -> list[dict[str, str]]:
    """A new seksi under the demo's Bidang P2P, its new kasi, and a new staff of an existing
    seksi; both report to pegawai already in the demo data."""
    return [
        {"nip": "19890615 201503 1 001", "nama": "Arif Hidayat", "gelar_belakang": "S.K.M.",
         "pangkat_golongan": "III/c", "jenis_jabatan": "Pengawas",
         "jabatan": "Kepala Seksi Kesehatan Lingkungan", "kode_unit": "1.02.02.02",
         "nama_unit": "Seksi Kesehatan Lingkungan", "kode_unit_induk": "1.02.02",
         "nip_atasan": NIP_KABID_P2P},
        {"nip": NIP_STAF_BARU, "nama": "Lestari Wulandari", "gelar_belakang": "A.Md.Kes.",
         "pangkat_golongan": "II/c", "jenis_jabatan": "Pelaksana",
         "jabatan": "Pengolah Data Surveilans", "kode_unit": "1.02.02.01",
         "nama_unit": "Seksi Surveilans dan Imunisasi", "kode_unit_induk": "1.02.02",
         "nip_atasan": NIP_KASI_SURVEILANS},
    ]  # fmt: skip


def jumlah_data() -> tuple[int, int, int, int]:
    return (
        UnitKerja.objects.count(),
        Jabatan.objects.count(),
        Pegawai.objects.count(),
        get_user_model().objects.count(),
    )


def unggah(page: Page, berkas: Path) -> None:
    menu_kelola(page).get_by_role("link", name="Impor Pegawai").click()
    expect(page.get_by_role("heading", name="Impor unit, jabatan, dan pegawai")).to_be_visible()
    page.get_by_label("Berkas XLSX atau CSV").set_input_files(berkas)
    page.get_by_role("button", name="Unggah dan lihat pratinjau").click()


def test_admin_mengimpor_pegawai_dengan_pratinjau_lalu_berkas_rusak_ditolak(
    page: Page, live_server, data_demo, tmp_path: Path
):
    masuk(page, live_server.url, NIP_ADMIN)
    sebelum = jumlah_data()

    unggah(page, tulis_csv(tmp_path / "pegawai_baru.csv", baris_baru()))

    expect(page.get_by_role("heading", name="Pratinjau impor: pegawai_baru.csv")).to_be_visible()
    ringkasan = page.locator("#ringkasan-impor")
    # Columns: Baru, Diubah, Tidak berubah.
    expect(ringkasan.get_by_role("row", name="Unit kerja").get_by_role("cell")).to_have_text(
        ["1", "0", "1"]
    )
    expect(ringkasan.get_by_role("row", name="Pegawai").get_by_role("cell")).to_have_text(
        ["2", "0", "0"]
    )
    assert jumlah_data() == sebelum, "pratinjau tidak boleh mengubah data"

    page.get_by_role("button", name="Konfirmasi dan terapkan impor").click()

    expect(page.get_by_role("alert")).to_contain_text(
        "Impor diterapkan: 2 pegawai baru, 0 diubah, 0 tidak berubah."
    )
    expect(page.get_by_role("heading", name="Hasil impor: pegawai_baru.csv")).to_be_visible()
    expect(page.get_by_role("button", name="Konfirmasi dan terapkan impor")).to_have_count(0)
    kasi = Pegawai.objects.get(nip=NIP_KASI_BARU)
    staf = Pegawai.objects.get(nip=NIP_STAF_BARU)
    assert kasi.jabatan.unit_kerja.nama == "Seksi Kesehatan Lingkungan"
    assert kasi.jabatan.unit_kerja.induk.kode == "1.02.02"
    assert atasan_langsung(kasi).nip == NIP_KABID_P2P
    assert atasan_langsung(staf).nip == NIP_KASI_SURVEILANS
    assert staf.user.username == NIP_STAF_BARU

    rusak = baris_baru()
    rusak[0]["nip"] = "1989061520150310"  # two digits short
    rusak[1]["pangkat_golongan"] = "V/z"
    setelah_impor = jumlah_data()

    unggah(page, tulis_csv(tmp_path / "pegawai_rusak.csv", rusak))

    peringatan = page.get_by_role("alert")
    expect(peringatan.get_by_role("heading")).to_have_text("Berkas tidak dapat diimpor: 2 masalah")
    expect(peringatan.get_by_role("listitem")).to_have_text(
        [
            "baris 2, kolom nip: NIP 1989061520150310 tidak sah: "
            "NIP harus 18 digit (tertulis 16 digit).",
            "baris 3, kolom pangkat_golongan: pangkat/golongan 'V/z' tidak dikenal "
            "(contoh yang benar: III/a, Penata Muda, atau IX untuk PPPK).",
        ]
    )
    expect(page.get_by_role("button", name="Konfirmasi dan terapkan impor")).to_have_count(0)
    assert jumlah_data() == setelah_impor
