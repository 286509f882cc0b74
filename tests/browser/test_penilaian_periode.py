"""In a real browser, the instansi admin on 30 March 2026 (inside triwulan I's window, which
closes on 14 April): opens Kelola -> Periode Penilaian, extends triwulan I's deadline for the
whole instansi with a reason (a blank reason refused first), reopens the window for one pegawai
typing the NIP with spaces, and records a pegawai as not evaluated (masa persiapan pensiun; a
NIP of another instansi refused first). axe-core checks every state of the page; the rows made
are checked in the database as well as on the page.

The clock is set with time_machine, as in test_penilaian_alur.py: the whole process moves, so
the live server's thread too."""

from datetime import date, datetime

import pytest
import time_machine
from playwright.sync_api import Browser, Page, expect

from penilaian.models import (
    JenisMasaTidakDinilai,
    MasaTidakDinilai,
    Periode,
    PerpanjanganPegawai,
    RiwayatPeriode,
)
from penilaian.periode import batas_pegawai, periode_tahun, tidak_dinilai
from tests.browser.axe import periksa_aksesibilitas
from tests.browser.menu import menu_kelola
from tests.conftest import KATA_SANDI
from tests.penilaian.conftest import WIB

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ALASAN_PERPANJANG = "Gangguan jaringan pada pekan terakhir Maret."
ALASAN_BUKA = "Rudi menjalani rawat inap 6-17 April (surat keterangan dokter terlampir)."


@pytest.fixture
def jam_tw1():
    with time_machine.travel(datetime(2026, 3, 30, 9, tzinfo=WIB), tick=True):
        yield


def masuk(browser: Browser, url: str, nip: str) -> Page:
    konteks = browser.new_context(locale="id-ID", timezone_id="Asia/Jakarta",
                                  viewport={"width": 1366, "height": 900})  # fmt: skip
    page = konteks.new_page()
    page.goto(f"{url}/masuk/")
    page.get_by_label("NIP").fill(nip)
    page.get_by_label("Sandi").fill(KATA_SANDI)
    page.get_by_role("button", name="Masuk").click()
    expect(page.get_by_role("navigation", name="Navigasi utama")).to_be_visible()
    return page


def bagian(page: Page, judul: str):
    return page.get_by_role("region", name=judul)


def test_admin_memperpanjang_membuka_untuk_pegawai_dan_mencatat_mpp(
    browser: Browser, live_server, pemeran, jam_tw1
):
    tw1 = periode_tahun(pemeran.instansi, 2026)[0]
    assert tw1.tenggat == date(2026, 4, 14)
    admin = masuk(browser, live_server.url, pemeran.admin.nip)
    menu_kelola(admin).get_by_role("link", name="Periode Penilaian").click()
    expect(admin.get_by_role("heading", name="Periode penilaian kinerja 2026")).to_be_visible()
    baris = admin.locator(f"#periode-{tw1.pk}")
    expect(baris).to_contain_text("Triwulan I")
    expect(baris).to_contain_text("14 April 2026")
    expect(baris).to_contain_text("Terbuka")
    periksa_aksesibilitas(admin, "Periode Penilaian")

    # Extend triwulan I for the whole instansi: without a reason it is refused, nothing changes.
    baris.locator("summary", has_text="Perpanjang batas waktu").click()
    baris.get_by_label("Batas waktu baru").fill("2026-04-24")
    baris.get_by_label("Alasan").fill("   ")  # passes the browser's `required`, not the server
    baris.get_by_role("button", name="Simpan perpanjangan").click()
    baris = admin.locator(f"#periode-{tw1.pk}")
    expect(baris.get_by_text("Bidang ini tidak boleh kosong.")).to_be_visible()
    periksa_aksesibilitas(admin, "perpanjangan tanpa alasan")
    tw1.refresh_from_db()
    assert tw1.tenggat == date(2026, 4, 14) and not RiwayatPeriode.objects.exists()

    baris.get_by_label("Alasan").fill(ALASAN_PERPANJANG)
    baris.get_by_role("button", name="Simpan perpanjangan").click()
    expect(
        admin.get_by_text(
            "Batas waktu Triwulan I 2026 diperpanjang sampai 24-04-2026 untuk seluruh instansi."
        )
    ).to_be_visible()
    baris = admin.locator(f"#periode-{tw1.pk}")
    expect(baris).to_contain_text("24 April 2026")
    riwayat = bagian(admin, "Periode dan jendela waktu")
    expect(riwayat).to_contain_text("Triwulan I: 14 April 2026 → 24 April 2026 oleh Teguh Admin")
    expect(riwayat).to_contain_text(f"Alasan: {ALASAN_PERPANJANG}")
    periksa_aksesibilitas(admin, "sesudah perpanjangan")
    tw1.refresh_from_db()
    assert tw1.tenggat == date(2026, 4, 24)

    # Reopen triwulan I for Rudi alone, his NIP typed as printed (with spaces).
    buka = bagian(admin, "Buka kembali pengisian untuk satu pegawai")
    buka.get_by_label("Periode").select_option(label="Triwulan I 2026")
    nip_berspasi = f"  {pemeran.pegawai.nip_cetak} "
    assert " " in pemeran.pegawai.nip_cetak
    buka.get_by_label("NIP pegawai").fill(nip_berspasi)
    buka.get_by_label("Dibuka sampai").fill("2026-05-08")
    buka.get_by_label("Alasan").fill(ALASAN_BUKA)
    buka.get_by_role("button", name="Buka kembali").click()
    expect(
        admin.get_by_text(
            "Pengisian Triwulan I 2026 dibuka kembali untuk Rudi Pelaksana sampai 08-05-2026."
        )
    ).to_be_visible()
    buka = bagian(admin, "Buka kembali pengisian untuk satu pegawai")
    expect(buka.get_by_role("listitem")).to_have_text(
        f"Rudi Pelaksana ({pemeran.pegawai.nip_cetak}), Triwulan I: sampai 8 Mei 2026. "
        f"Alasan: {ALASAN_BUKA}"
    )
    periksa_aksesibilitas(admin, "sesudah membuka untuk satu pegawai")
    x = PerpanjanganPegawai.objects.get()
    assert (x.pegawai, x.periode, x.sampai) == (pemeran.pegawai, tw1, date(2026, 5, 8))
    assert batas_pegawai(Periode.objects.get(pk=tw1.pk), pemeran.pegawai) == date(2026, 5, 8)

    # Record Dina as not evaluated (MPP): a NIP of another instansi is refused first.
    masa = bagian(admin, "Pegawai yang tidak dinilai")
    masa.get_by_label("NIP pegawai").fill(pemeran.pegawai_lain.nip)
    masa.get_by_label("Keadaan").select_option(label="Masa persiapan pensiun")
    masa.get_by_label("Mulai").fill("2026-04-01")
    masa.get_by_role("button", name="Catat").click()
    masa = bagian(admin, "Pegawai yang tidak dinilai")
    expect(
        masa.get_by_text("NIP tersebut tidak terdaftar sebagai pegawai instansi ini.")
    ).to_be_visible()
    periksa_aksesibilitas(admin, "NIP instansi lain ditolak")
    assert not MasaTidakDinilai.objects.exists()

    masa.get_by_label("NIP pegawai").fill(pemeran.orang_luar.nip_cetak)
    masa.get_by_label("Keadaan").select_option(label="Masa persiapan pensiun")
    masa.get_by_label("Mulai").fill("2026-04-01")
    masa.get_by_label("Catatan (mis. nomor SK)").fill("SK Bupati 800/123/2026")
    masa.get_by_role("button", name="Catat").click()
    expect(
        admin.get_by_text(
            "Dina Pelaksana dicatat tidak dinilai (Masa persiapan pensiun) mulai 01-04-2026."
        )
    ).to_be_visible()
    baris_masa = bagian(admin, "Pegawai yang tidak dinilai").locator("tbody tr")
    expect(baris_masa).to_have_count(1)
    expect(baris_masa).to_contain_text("Dina Pelaksana")
    expect(baris_masa).to_contain_text(pemeran.orang_luar.nip_cetak)
    expect(baris_masa).to_contain_text("Masa persiapan pensiun")
    expect(baris_masa).to_contain_text("1 April 2026")
    expect(baris_masa).to_contain_text("belum berakhir")
    periksa_aksesibilitas(admin, "sesudah mencatat MPP")
    m = MasaTidakDinilai.objects.get()
    assert (m.pegawai, m.jenis, m.mulai, m.selesai) == (
        pemeran.orang_luar,
        JenisMasaTidakDinilai.MPP,
        date(2026, 4, 1),
        None,
    )
    tw2 = periode_tahun(pemeran.instansi, 2026)[1]
    assert tidak_dinilai(pemeran.orang_luar, tw2) is not None
    assert tidak_dinilai(pemeran.pegawai, tw2) is None
    admin.context.close()
