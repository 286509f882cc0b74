"""In a real browser: the Kabid sets capaian Baik for the Seksi Surveilans; its Kasi rates both
bawahan Baik and sees the chart turn to a warning in place (out-of-band swap, no page load),
rates one Butuh Perbaikan and sees it fit; axe-core finds no WCAG 2.2 AA violation."""

import re
from datetime import datetime

import pytest
import time_machine
from playwright.sync_api import Page, expect

from penilaian.kuadran import Rating
from tests.browser.axe import periksa_aksesibilitas
from tests.conftest import KATA_SANDI
from tests.penilaian.bawahan import isi_penilaian, tambah_bawahan
from tests.penilaian.conftest import (  # noqa: F401 (fixtures reused)
    WIB,
    skp_atasan,
    skp_disetujui,
    skp_pegawai,
    tahun,
    tw1,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
S, B = Rating.SESUAI, Rating.DI_BAWAH


@pytest.fixture
def dua(pemeran, skp_disetujui, tw1, settings):  # noqa: F811
    settings.SESSION_EXPIRE_AT_BROWSER_CLOSE = True
    with time_machine.travel(datetime(2026, 3, 30, 9, tzinfo=WIB), tick=True):
        yield [
            isi_penilaian(p, tw1, pemeran.atasan)
            for p in [*tambah_bawahan(pemeran, 1), pemeran.pegawai]
        ]


def _masuk(page: Page, url: str, pegawai) -> None:
    page.context.clear_cookies()
    page.goto(f"{url}/masuk/")
    page.get_by_label("NIP").fill(pegawai.nip)
    page.get_by_label("Sandi").fill(KATA_SANDI)
    page.get_by_role("button", name="Masuk").click()


def test_capaian_lalu_kurva_di_penilaian_bawahan(page: Page, live_server, pemeran, dua, tmp_path):
    page.set_viewport_size({"width": 1400, "height": 900})
    _masuk(page, live_server.url, pemeran.atasan_atasan)
    page.goto(f"{live_server.url}/penilaian/capaian/")
    expect(page.get_by_role("heading", name="Capaian Kinerja Organisasi")).to_be_visible()
    periksa_aksesibilitas(page, "capaian kinerja organisasi")
    kartu = page.get_by_role("region", name="Seksi Surveilans")
    kartu.get_by_label("Capaian", exact=True).select_option(label="Baik")
    kartu.get_by_role("button", name=re.compile("^Simpan capaian")).click()
    expect(page.locator("body")).to_contain_text("Seksi Surveilans Triwulan I 2026: Baik.")
    periksa_aksesibilitas(page, "capaian tersimpan")

    _masuk(page, live_server.url, pemeran.atasan)
    page.goto(f"{live_server.url}/penilaian/bawahan/")
    pola = page.locator("#pola-distribusi")
    expect(pola).to_contain_text("Capaian kinerja organisasi Seksi Surveilans: Baik.")
    expect(pola.locator("svg")).to_be_visible()
    periksa_aksesibilitas(page, "penilaian bawahan dengan kurva")
    page.evaluate("window.penandaHalaman = 'belum dimuat ulang'")
    for p in dua:
        baris = page.locator(f"#baris-{p.pk}")
        baris.get_by_label("Hasil kerja").select_option(S)
        baris.get_by_label("Perilaku kerja").select_option(S)
        baris.get_by_role("button", name=re.compile("^Simpan")).click()
        expect(page.locator(f"#predikat-{p.pk}")).to_have_text("Predikat: Baik")
    expect(page.locator("#peringatan-pola")).to_be_visible()
    pola.screenshot(path=str(tmp_path / "kurva-tidak-sesuai.png"))
    periksa_aksesibilitas(page, "pola tidak sesuai")

    baris = page.locator(f"#baris-{dua[0].pk}")
    baris.get_by_label("Hasil kerja").select_option(B)
    baris.get_by_role("button", name=re.compile("^Simpan")).click()
    expect(page.locator(f"#predikat-{dua[0].pk}")).to_have_text("Predikat: Butuh Perbaikan")
    expect(page.locator("#peringatan-pola")).to_have_count(0)
    expect(pola).to_contain_text("Penilaian unit ini final.")
    assert page.evaluate("window.penandaHalaman") == "belum dimuat ulang"
    pola.screenshot(path=str(tmp_path / "kurva-sesuai.png"))
    periksa_aksesibilitas(page, "pola sesuai")
