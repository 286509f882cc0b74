"""On a phone (390 x 844), as the demo's Rina Marlina (pengawas: her own SKP is a draft, one
bawahan's SKP waits in her Kotak Masuk): the menu button shows what waits behind the folded
menu; SKP Bawahan's table says it scrolls and its last column can be reached, by keyboard too;
small links are at least 24 x 24 CSS px (WCAG 2.2, 2.5.8); and the drafting page puts the RHK
table first, the identity blocks and the checklist folded into one line each."""

import io
import re

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Browser, Locator, Page, expect

from organisasi.models import Pegawai
from skp.models import Notifikasi, Skp
from skp.selectors import kotak_masuk
from tests.browser.axe import periksa_aksesibilitas
from tests.browser.test_monitoring_jurnal import masuk_ponsel
from tests.conftest import KATA_SANDI

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NIP_RINA = "198709082011012003"
TINGGI_LAYAR = 844
MIN_TARGET = 24


@pytest.fixture
def rina() -> Pegawai:
    call_command("seed_demo", password=KATA_SANDI, stdout=io.StringIO())
    return Pegawai.objects.get(nip=NIP_RINA)


def periksa_target(tautan: Locator, nama: str) -> list[dict]:
    """Every link or button of the locator is at least 24 x 24 CSS px; returns their boxes."""
    kotak = []
    jumlah = tautan.count()
    assert jumlah, f"tidak ada {nama}"
    for i in range(jumlah):
        t = tautan.nth(i)
        t.scroll_into_view_if_needed()
        b = t.bounding_box()
        assert b and b["width"] >= MIN_TARGET and b["height"] >= MIN_TARGET, (nama, i, b)
        kotak.append(b)
    return kotak


def tidak_bertumpuk(a: dict, b: dict) -> bool:
    return (
        a["x"] + a["width"] <= b["x"]
        or b["x"] + b["width"] <= a["x"]
        or a["y"] + a["height"] <= b["y"]
        or b["y"] + b["height"] <= a["y"]
    )


def test_ponsel_lencana_menu_tabel_geser_target_dan_rhk_di_atas(
    browser: Browser, live_server, rina
):
    menunggu = len(kotak_masuk(rina))
    belum_dibaca = Notifikasi.objects.filter(penerima=rina.user, dibaca=False).count()
    assert menunggu >= 1  # the demo's submitted SKP of Fitri Handayani
    page = masuk_ponsel(browser, live_server.url, NIP_RINA)

    # 1. The folded menu's button carries the count, said in words.
    label = (
        f"Buka menu, {menunggu + belum_dibaca} belum ditangani ({menunggu} SKP menunggu keputusan"
    )
    label += f", {belum_dibaca} notifikasi belum dibaca)" if belum_dibaca else ")"
    tombol = page.get_by_role("button", name=label, exact=True)
    expect(tombol).to_be_visible()
    lencana = tombol.locator(".lencana-menu")
    expect(lencana).to_have_text(str(menunggu + belum_dibaca))
    expect(lencana).to_be_in_viewport()
    expect(page.get_by_role("link", name=re.compile("^Kotak Masuk"))).to_be_hidden()
    periksa_aksesibilitas(page, "beranda (ponsel)")

    # 2. SKP Bawahan, through the menu: the table says it scrolls; its last column is reached.
    tombol.click()
    page.get_by_role("navigation", name="Navigasi utama").get_by_role(
        "link", name="SKP Bawahan"
    ).click()
    expect(page.get_by_role("heading", name=re.compile("SKP Bawahan tahun"))).to_be_visible()
    tabel = page.get_by_role("region", name="Tabel bawahan langsung (dapat digeser ke samping)")
    expect(page.get_by_text("Geser tabel →").first).to_be_visible()
    lebar, terlihat = tabel.evaluate("e => [e.scrollWidth, e.clientWidth]")
    assert lebar > terlihat, (lebar, terlihat)
    kolom_akhir = tabel.get_by_role("columnheader", name="Belum ditautkan")
    expect(kolom_akhir).not_to_be_in_viewport()
    # By keyboard: the region takes focus, the arrow keys scroll it.
    tabel.focus()
    expect(tabel).to_be_focused()
    for _ in range(40):
        page.keyboard.press("ArrowRight")
        if tabel.evaluate("e => e.scrollLeft + e.clientWidth >= e.scrollWidth - 1"):
            break
    expect(kolom_akhir).to_be_in_viewport()
    b = kolom_akhir.bounding_box()
    assert b["x"] >= 0 and b["x"] + b["width"] <= 390 + 1, b
    expect(tabel).not_to_have_class(re.compile(r"\bada-kanan\b"))  # nothing more to the right
    expect(tabel).to_have_class(re.compile(r"\bada-kiri\b"))
    periksa_target(tabel.locator("a.tautan-status"), "tautan Lihat SKP")
    periksa_aksesibilitas(page, "SKP Bawahan (ponsel)")

    # 3. Kotak Masuk: the status links of those who have not submitted.
    page.goto(live_server.url + reverse("skp:kotak_masuk"))
    periksa_target(page.locator("a.tautan-status"), "tautan status di Kotak Masuk")
    periksa_aksesibilitas(page, "Kotak Masuk (ponsel)")

    # 4. Her own draft: the RHK table first, identity and checklist folded into one line each.
    skp = Skp.objects.get(pegawai=rina, tahun=timezone.localdate().year)
    page.goto(live_server.url + reverse("skp:detail", args=[skp.pk]))
    tabel_rhk = page.locator("table.tabel-skp")
    expect(tabel_rhk).to_be_visible()
    atas = tabel_rhk.bounding_box()["y"] + page.evaluate("window.scrollY")
    assert atas <= 1.5 * TINGGI_LAYAR, atas
    identitas = page.get_by_role("region", name="Identitas pegawai dan pejabat penilai")
    expect(identitas.locator("details")).not_to_have_attribute("open", re.compile(".*"))
    expect(identitas.get_by_text("PEGAWAI YANG DINILAI")).to_be_hidden()
    kelengkapan = page.get_by_role("region", name="Sebelum diajukan")
    expect(kelengkapan.locator("#ringkasan-kelengkapan")).to_have_text("Semua syarat terpenuhi")
    expect(kelengkapan.get_by_text("Ajukan kepada pejabat penilai", exact=True)).to_be_visible()
    periksa_aksesibilitas(page, "SKP (ponsel, terlipat)")

    # Small links: the breadcrumb, and "Ubah · Hapus" of every indicator, apart from each other.
    periksa_target(
        page.get_by_role("navigation", name="Jejak halaman").get_by_role("link"), "jejak"
    )
    aksi = page.locator(".aksi-indikator")
    assert aksi.count() >= 3
    for i in range(aksi.count()):
        ubah, hapus = periksa_target(aksi.nth(i).locator(".btn-link"), f"Ubah/Hapus {i}")
        assert tidak_bertumpuk(ubah, hapus), (ubah, hapus)

    # The folded blocks open with a tap and show everything.
    identitas.get_by_text("Identitas pegawai dan pejabat penilai").click()
    expect(identitas.get_by_text("19870908 201101 2 003")).to_be_visible()
    periksa_aksesibilitas(page, "SKP (ponsel, identitas terbuka)")
    page.context.close()


def test_layar_lebar_identitas_dan_syarat_terbuka(page: Page, live_server, rina):
    """On a laptop nothing is folded: the same blocks open by themselves."""
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{live_server.url}/masuk/")
    page.get_by_label("NIP").fill(NIP_RINA)
    page.get_by_label("Sandi").fill(KATA_SANDI)
    page.get_by_role("button", name="Masuk").click()
    skp = Skp.objects.get(pegawai=rina, tahun=timezone.localdate().year)
    page.goto(live_server.url + reverse("skp:detail", args=[skp.pk]))
    expect(page.get_by_text("PEGAWAI YANG DINILAI")).to_be_visible()
    expect(page.locator("#rincian-kelengkapan")).to_have_attribute("open", "")
    expect(page.get_by_text("Semua syarat terpenuhi: SKP ini siap diajukan")).to_be_visible()
    # The menu is not folded: no count on a button that is not shown.
    expect(page.locator("#tombol-menu")).to_be_hidden()
    page.goto(live_server.url + reverse("skp:bawahan"))
    expect(page.locator(".petunjuk-geser")).to_have_count(0)  # the table fits: no hint
    periksa_aksesibilitas(page, "SKP Bawahan (layar lebar)")
