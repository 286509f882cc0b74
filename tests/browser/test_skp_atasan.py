"""In a real browser, as Rina Marlina (an atasan in the demo): deleting an RHK her bawahan
intervene (the confirmation names them; one held by a submitted SKP cannot be deleted), and the
MPH as a matrix on a wide screen (first column kept while scrolling sideways) and as a list on
a phone."""

import io
import re

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from organisasi.models import Pegawai
from skp import services
from skp.models import Notifikasi, RencanaHasilKerja, Skp
from skp.selectors import skp_tahun
from tests.browser.menu import navbar
from tests.conftest import KATA_SANDI

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NIP_RINA = "19870908 201101 2 003"
NIP_RUDI = "199203142019031005"
RHK_RINA_SURVEILANS = "Tersedianya data surveilans penyakit potensial KLB"
RHK_RINA_IMUNISASI = "Tersedianya data cakupan imunisasi rutin per desa yang mutakhir"
RHK_RUDI = "Tersedianya rekap cakupan imunisasi bulanan per desa yang tervalidasi"


@pytest.fixture
def skp_rina() -> Skp:
    """The demo: Rina's draft, Fitri's SKP (Diajukan) and Nur Aini's (Dikembalikan) intervening
    her first two RHK; Rudi without an SKP."""
    call_command("seed_demo", password=KATA_SANDI, stdout=io.StringIO())
    Skp.objects.filter(pegawai__nip=NIP_RUDI).delete()
    rina = Pegawai.objects.get(nip=NIP_RINA.replace(" ", ""))
    return skp_tahun(rina, timezone.localdate().year)


def masuk(page: Page, url: str) -> None:
    page.goto(f"{url}/masuk/")
    page.get_by_label("NIP").fill(NIP_RINA)
    page.get_by_label("Sandi").fill(KATA_SANDI)
    page.get_by_role("button", name="Masuk").click()
    expect(navbar(page)).to_be_visible()


def test_atasan_menghapus_rhk_yang_diintervensi_draf_bawahan(page: Page, live_server, skp_rina):
    rudi = Pegawai.objects.get(nip=NIP_RUDI)
    skp_rudi = services.skp_buat(user=rudi.user, tahun=skp_rina.tahun)
    imunisasi = skp_rina.rhk.get(uraian__startswith=RHK_RINA_IMUNISASI)
    services.rhk_tambah(user=rudi.user, skp=skp_rudi, jenis="utama", uraian=RHK_RUDI,
                        rhk_atasan=imunisasi)  # fmt: skip
    page.set_viewport_size({"width": 1280, "height": 900})
    masuk(page, live_server.url)
    page.goto(live_server.url + reverse("skp:detail", args=[skp_rina.pk]))

    # Fitri's SKP is submitted: the RHK she intervenes cannot be deleted, and the page says why.
    surveilans = page.locator("tbody.rhk", has_text=RHK_RINA_SURVEILANS)
    expect(surveilans.get_by_role("button", name="Hapus RHK")).to_be_disabled()
    expect(surveilans).to_contain_text("Tidak dapat dihapus")
    expect(surveilans).to_contain_text("Fitri Handayani")

    # Rudi's draft intervenes the third: the confirmation says so, then the link is released.
    pesan: list[str] = []
    page.once("dialog", lambda d: (pesan.append(d.message), d.accept()))
    blok = page.locator("tbody.rhk", has_text=RHK_RINA_IMUNISASI)
    blok.get_by_role("button", name="Hapus RHK").click()
    expect(page.locator("tbody.rhk", has_text=RHK_RINA_IMUNISASI)).to_have_count(0)
    assert pesan and "1 RHK bawahan mengintervensi RHK ini: Rudi Hartono" in pesan[0], pesan
    assert "Tautannya akan dilepas" in pesan[0]
    expect(page.locator("#pengumuman")).to_contain_text("Tautan 1 RHK bawahan")
    rhk_rudi = RencanaHasilKerja.objects.get(skp=skp_rudi)
    assert rhk_rudi.rhk_atasan_id is None
    assert Notifikasi.objects.filter(penerima=rudi.user, judul__contains="dilepas").exists()


def test_mph_sebagai_matriks_di_layar_lebar_dan_daftar_di_ponsel(page: Page, live_server, skp_rina):
    page.set_viewport_size({"width": 800, "height": 900})
    masuk(page, live_server.url)
    page.goto(live_server.url + reverse("skp:bawahan"))
    tabel = page.get_by_role("table", name=re.compile("Matriks pembagian peran dan hasil"))
    expect(tabel).to_be_visible()
    kolom = tabel.get_by_role("columnheader")
    expect(kolom).to_have_count(5)  # Bawahan, Rina's three RHK, Belum ditautkan
    expect(kolom.nth(1)).to_contain_text(RHK_RINA_SURVEILANS)
    expect(kolom.nth(3)).to_contain_text("Belum diintervensi")  # nobody picked it up
    fitri = tabel.get_by_role("row", name=re.compile("Fitri Handayani"))
    expect(fitri.get_by_role("rowheader")).to_contain_text("Diajukan")
    expect(fitri.get_by_role("cell").nth(0)).to_contain_text("analisis tren penyakit")
    rudi = tabel.get_by_role("row", name=re.compile("Rudi Hartono"))
    expect(rudi.get_by_role("rowheader")).to_contain_text("belum membuat SKP")
    expect(page.locator("table.tabel-mph")).to_be_hidden()

    # Wider than the screen: scrolling sideways keeps the bawahan column in place.
    bungkus = page.locator(".matriks-mph-bungkus")
    awal = fitri.get_by_role("rowheader").bounding_box()
    bungkus.evaluate("el => { el.scrollLeft = el.scrollWidth; }")
    assert bungkus.evaluate("el => el.scrollLeft") > 0
    expect(kolom.nth(4)).to_be_in_viewport()
    assert abs(fitri.get_by_role("rowheader").bounding_box()["x"] - awal["x"]) < 1

    # On a phone: the list per RHK instead.
    page.set_viewport_size({"width": 390, "height": 800})
    expect(tabel).to_be_hidden()
    daftar = page.locator("table.tabel-mph")
    expect(daftar).to_be_visible()
    expect(daftar.locator("tr", has_text=RHK_RINA_IMUNISASI)).to_contain_text(
        "Belum diintervensi bawahan"
    )
