"""In two real browsers: the admin prints an activation letter for a pegawai who has no email and
no password (as imported), the code is read from the downloaded PDF, and the pegawai activates
the account with NIP and code, chooses a password and is signed in; a wrong code first gets a
clear message. Every page passes axe-core's WCAG 2.2 AA rules."""

import io
import re
from pathlib import Path

import pytest
from django.contrib.auth.hashers import make_password
from django.core.management import call_command
from playwright.sync_api import Browser, Page, expect
from pypdf import PdfReader

from organisasi.models import Pegawai, SuratAktivasi
from tests.browser.axe import periksa_aksesibilitas
from tests.browser.menu import menu_kelola
from tests.conftest import KATA_SANDI

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NIP_RUDI = "19920314 201903 1 005"
NIP_ADMIN = "19900202 201403 1 002"
NAMA_RUDI = "Rudi Hartono, A.Md.Kes."
SANDI_BARU = "Imunisasi-Desa-2026"
KODE = re.compile(r"\b[2-9A-HJ-NP-Z]{5}-[2-9A-HJ-NP-Z]{5}\b")


@pytest.fixture
def rudi_tanpa_sandi() -> Pegawai:
    """The demo, with Rudi as an import leaves him: no password, no email."""
    call_command("seed_demo", password=KATA_SANDI, stdout=io.StringIO())
    rudi = Pegawai.objects.select_related("user").get(nip=NIP_RUDI.replace(" ", ""))
    rudi.user.password = make_password(None)
    rudi.user.email = ""
    rudi.user.save(update_fields=["password", "email"])
    return rudi


def konteks_baru(browser: Browser) -> Page:
    konteks = browser.new_context(locale="id-ID", timezone_id="Asia/Jakarta",
                                  viewport={"width": 1280, "height": 900})  # fmt: skip
    return konteks.new_page()


def test_admin_mencetak_surat_pegawai_mengaktifkan_akun(
    browser: Browser, live_server, rudi_tanpa_sandi
):
    url = live_server.url

    # The admin finds Rudi on Aktivasi Akun and prints a new letter for him.
    admin = konteks_baru(browser)
    admin.goto(f"{url}/masuk/")
    admin.get_by_label("NIP").fill(NIP_ADMIN)
    admin.get_by_label("Sandi").fill(KATA_SANDI)
    admin.get_by_role("button", name="Masuk").click()
    menu_kelola(admin).get_by_role("link", name="Aktivasi Akun").click()
    expect(admin.get_by_role("heading", name="Aktivasi akun")).to_be_visible()
    admin.get_by_label("NIP atau nama").fill("Rudi")
    admin.get_by_label("Hanya yang belum pernah masuk").check()
    admin.get_by_role("button", name="Tampilkan", exact=True).click()
    baris = admin.locator(f'tr[data-pegawai="{rudi_tanpa_sandi.pk}"]')
    expect(baris).to_contain_text("Belum pernah masuk")
    expect(baris).to_contain_text("Belum ada")
    periksa_aksesibilitas(admin, "daftar Aktivasi Akun")

    baris.get_by_role("link", name=f"Rincian akses {NAMA_RUDI}").click()
    expect(admin.get_by_role("heading", name=f"Akses akun {NAMA_RUDI}")).to_be_visible()
    periksa_aksesibilitas(admin, "akses satu pegawai")
    with admin.expect_download() as unduhan:
        admin.get_by_role("button", name="Buat surat aktivasi baru").click()
    berkas = unduhan.value
    assert berkas.suggested_filename == f"surat_aktivasi_{rudi_tanpa_sandi.nip}.pdf"
    (halaman,) = PdfReader(io.BytesIO(Path(berkas.path()).read_bytes())).pages
    teks = " ".join(halaman.extract_text().split())
    assert NAMA_RUDI in teks and NIP_RUDI in teks and f"{url}/aktivasi/" in teks
    kode = KODE.search(teks).group()
    assert SuratAktivasi.objects.get(pegawai=rudi_tanpa_sandi).dipakai is None

    # The page shows the letter in its history once reloaded.
    admin.reload()
    expect(admin.locator("#riwayat-aktivasi")).to_contain_text("Belum dipakai")

    # Rudi, on his own device, follows the letter: a typo first, then the right code.
    rudi = konteks_baru(browser)
    rudi.goto(f"{url}/masuk/")
    rudi.get_by_role("link", name="Punya surat aktivasi dari admin? Aktifkan akun Anda").click()
    expect(rudi.get_by_role("heading", name="Aktivasi akun")).to_be_visible()
    periksa_aksesibilitas(rudi, "halaman aktivasi")
    salah = ("2" if kode[0] != "2" else "3") + kode[1:]
    rudi.get_by_label("NIP").fill(NIP_RUDI)
    rudi.get_by_label("Kode aktivasi").fill(salah)
    rudi.get_by_label("Kata sandi baru").first.fill(SANDI_BARU)
    rudi.get_by_label("Ulangi kata sandi baru").fill(SANDI_BARU)
    rudi.get_by_role("button", name="Aktifkan akun").click()
    expect(rudi.get_by_text("NIP atau kode aktivasi salah")).to_be_visible()
    periksa_aksesibilitas(rudi, "halaman aktivasi dengan galat")

    rudi.get_by_label("Kode aktivasi").fill(kode.lower())
    rudi.get_by_label("Kata sandi baru").first.fill(SANDI_BARU)
    rudi.get_by_label("Ulangi kata sandi baru").fill(SANDI_BARU)
    rudi.get_by_role("button", name="Aktifkan akun").click()
    expect(rudi.get_by_role("heading", name=f"Selamat datang, {NAMA_RUDI}")).to_be_visible()
    expect(rudi.get_by_text("Akun Anda aktif dan Anda sudah masuk")).to_be_visible()
    periksa_aksesibilitas(rudi, "beranda setelah aktivasi")

    # From now on he signs in with the password he chose.
    rudi.context.clear_cookies()
    rudi.goto(f"{url}/masuk/")
    rudi.get_by_label("NIP").fill(NIP_RUDI)
    rudi.get_by_label("Sandi").fill(SANDI_BARU)
    rudi.get_by_role("button", name="Masuk").click()
    expect(rudi.get_by_role("heading", name=f"Selamat datang, {NAMA_RUDI}")).to_be_visible()

    # The admin's list now says the letter was used.
    admin.goto(f"{url}/organisasi/aktivasi/?q=Rudi")
    expect(admin.locator(f'tr[data-pegawai="{rudi_tanpa_sandi.pk}"]')).to_contain_text(
        "Sudah diaktifkan"
    )
