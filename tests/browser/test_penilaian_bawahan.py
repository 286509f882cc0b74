"""In a real browser: the penilai rates ten bawahan on the Penilaian Bawahan page, nine with the
mouse and the last with the keyboard only, each row saved in place (no page load: a marker set
on the window before is still there after), each row showing its predikat, the summary counting
them, and axe-core finding no WCAG 2.2 AA violation before and after."""

import re
from datetime import datetime

import pytest
import time_machine
from playwright.sync_api import Page, expect

from penilaian.kuadran import Rating
from penilaian.models import PenilaianPeriodik
from tests.browser.axe import periksa_aksesibilitas
from tests.browser.menu import navbar
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

A, S, B = Rating.DI_ATAS, Rating.SESUAI, Rating.DI_BAWAH
# Bawahan 01 .. 09 with the mouse (rows are in name order), then Rudi by keyboard.
RATING = [
    (A, A, "Sangat Baik"),
    (A, S, "Baik"),
    (S, S, "Baik"),
    (S, A, "Baik"),
    (B, S, "Butuh Perbaikan"),
    (S, B, "Kurang/Misconduct"),
    (B, B, "Sangat Kurang"),
    (S, S, "Baik"),
    (A, S, "Baik"),
]


@pytest.fixture
def sepuluh(pemeran, skp_disetujui, tw1, settings) -> list[PenilaianPeriodik]:  # noqa: F811
    """Rudi and nine more pelaksana under Rina, each having sent the realisasi of triwulan I,
    with Rina's umpan balik written; the clock on 30 March 2026 (inside the window), running."""
    # The server's clock is in March 2026, the browser's is not: a session cookie without an
    # expiry date is kept by the browser whatever its own date.
    settings.SESSION_EXPIRE_AT_BROWSER_CLOSE = True
    with time_machine.travel(datetime(2026, 3, 30, 9, tzinfo=WIB), tick=True):
        daftar = [
            isi_penilaian(p, tw1, pemeran.atasan)
            for p in [*tambah_bawahan(pemeran, 9), pemeran.pegawai]
        ]
        yield daftar


def test_penilai_menilai_sepuluh_bawahan_di_tempat(page: Page, live_server, pemeran, sepuluh):
    page.set_viewport_size({"width": 1400, "height": 900})
    page.goto(f"{live_server.url}/masuk/")
    page.get_by_label("NIP").fill(pemeran.atasan.nip)
    page.get_by_label("Sandi").fill(KATA_SANDI)
    page.get_by_role("button", name="Masuk").click()
    navbar(page).get_by_role("link", name="Penilaian Bawahan").click()
    expect(page.get_by_role("heading", name="Penilaian Bawahan")).to_be_visible()
    expect(page.locator("#ringkasan")).to_contain_text("10 bawahan: 10 Dikirim.")
    periksa_aksesibilitas(page)
    page.evaluate("window.penandaHalaman = 'belum dimuat ulang'")

    for p, (hasil, perilaku, predikat) in zip(sepuluh, RATING, strict=False):
        baris = page.locator(f"#baris-{p.pk}")
        baris.get_by_label("Hasil kerja").select_option(hasil)
        baris.get_by_label("Perilaku kerja").select_option(perilaku)
        baris.get_by_role("button", name=re.compile("^Simpan")).click()
        expect(page.locator(f"#predikat-{p.pk}")).to_have_text(f"Predikat: {predikat}")
        expect(baris).to_contain_text("Tersimpan.")

    # The last row by keyboard only: focus came back to the Simpan of the row just saved, and
    # Tab goes on through the next row in reading order.
    terakhir, rudi = sepuluh[8], sepuluh[9]
    expect(page.locator(f"#simpan-{terakhir.pk}")).to_be_focused()
    baris = page.locator(f"#baris-{rudi.pk}")
    page.keyboard.press("Tab")  # the saved row's Dokumen Evaluasi link, then the next row
    expect(
        page.locator(f"#baris-{terakhir.pk}").get_by_role(
            "link", name=re.compile("Dokumen evaluasi")
        )
    ).to_be_focused()
    page.keyboard.press("Tab")
    expect(baris.locator("summary")).to_be_focused()
    page.keyboard.press("Tab")
    expect(baris.get_by_role("link", name=re.compile("Buka penilaian"))).to_be_focused()
    page.keyboard.press("Tab")
    hasil_kerja = baris.get_by_label("Hasil kerja")
    expect(hasil_kerja).to_be_focused()
    assert hasil_kerja.evaluate("el => getComputedStyle(el).outlineStyle") == "solid"
    page.keyboard.press("ArrowDown")  # Di Atas Ekspektasi
    page.keyboard.press("ArrowDown")  # Sesuai Ekspektasi
    expect(hasil_kerja).to_have_value(S)
    page.keyboard.press("Tab")
    expect(baris.get_by_label("Perilaku kerja")).to_be_focused()
    page.keyboard.press("ArrowDown")  # Di Atas Ekspektasi
    page.keyboard.press("Tab")
    expect(baris.get_by_role("button", name=re.compile("^Simpan"))).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator(f"#predikat-{rudi.pk}")).to_have_text("Predikat: Baik")
    expect(page.locator(f"#simpan-{rudi.pk}")).to_be_focused()

    # Never a page load: the window is the same one.
    assert page.evaluate("window.penandaHalaman") == "belum dimuat ulang"
    ringkasan = page.locator("#ringkasan")
    expect(ringkasan).to_contain_text("10 bawahan: 10 Dinilai.")
    expect(ringkasan).to_contain_text(
        "Predikat sejauh ini: 1 Sangat Baik, 6 Baik, 1 Butuh Perbaikan, 1 Kurang/Misconduct, "
        "1 Sangat Kurang."
    )
    expect(page.locator("#peringatan-seragam")).to_have_count(0)
    expect(page.locator("#pengumuman")).to_have_text(
        "Penilaian Rudi Pelaksana tersimpan: predikat Baik."
    )
    periksa_aksesibilitas(page)

    tersimpan = dict(
        PenilaianPeriodik.objects.filter(pk__in=[p.pk for p in sepuluh]).values_list(
            "pk", "predikat"
        )
    )
    harapan = ["sangat_baik", "baik", "baik", "baik", "butuh_perbaikan", "kurang",
               "sangat_kurang", "baik", "baik", "baik"]  # fmt: skip
    assert [tersimpan[p.pk] for p in sepuluh] == harapan
