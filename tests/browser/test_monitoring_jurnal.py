"""In a real browser on a phone-sized screen (390x844): a pegawai writes three jurnal entries
against two RHK, sees the progress bars move after each one (htmx, no reload), then opens the
realisasi form of the period and finds the journal's results proposed beside the inputs, copied
in only when asked. Then the atasan records a dialog kinerja with a follow-up on the pegawai's
page and marks it done in place, and the pegawai edits an entry (history kept). axe-core checks
every page state for WCAG 2.2 AA; the Content-Security-Policy is watched by
tests/browser/conftest.py (no inline script, style or handler).

The SKP is of the current year and the window of the period today falls in is set around today
(as the admin would), so the live server and the browser agree on the date without moving the
clock."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from penilaian.models import Periode
from penilaian.periode import periode_pada
from tests.browser.axe import periksa_aksesibilitas
from tests.conftest import KATA_SANDI
from tests.monitoring.conftest import tambah_rhk_dokumen
from tests.skp.conftest import setujui_skp, skp_atasan, skp_pegawai, tahun  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def skp_dua_rhk(pemeran, skp_atasan, skp_pegawai):  # noqa: F811
    tambah_rhk_dokumen(pemeran.pegawai.user, skp_pegawai, skp_atasan.rhk2)
    skp = setujui_skp(pemeran, skp_pegawai)
    hari_ini = timezone.localdate()
    periode = periode_pada(pemeran.instansi, hari_ini)
    Periode.objects.filter(pk=periode.pk).update(
        buka=hari_ini - timedelta(days=5), tenggat=hari_ini + timedelta(days=10)
    )
    return skp


def masuk_ponsel(browser: Browser, url: str, nip: str) -> Page:
    konteks = browser.new_context(
        locale="id-ID", timezone_id="Asia/Jakarta", viewport={"width": 390, "height": 844},
        is_mobile=True, has_touch=True, device_scale_factor=2,
    )  # fmt: skip
    page = konteks.new_page()
    page.goto(f"{url}/masuk/")
    page.get_by_label("NIP").fill(nip)
    page.get_by_label("Sandi").fill(KATA_SANDI)
    page.get_by_role("button", name="Masuk").click()
    expect(page.get_by_role("navigation", name="Navigasi utama")).to_be_visible()
    return page


def batang(page: Page, label: str):
    return page.get_by_role("progressbar", name=f"Kemajuan {label}")


def tulis_entri(page: Page, rhk: str, kegiatan: str, hasil: str, hambatan: str = "") -> None:
    form = page.locator("#form-jurnal")
    form.get_by_label("RHK").select_option(label=rhk)
    form.get_by_label("Yang dikerjakan").fill(kegiatan)
    form.get_by_label("Hasil (angka, boleh kosong)").fill(hasil)
    if hambatan:
        form.get_by_text("Jam, rencana aksi, hambatan, dan bukti dukung").click()
        form.get_by_label("Hambatan").fill(hambatan)
        form.get_by_label("Solusi / tindak lanjut").fill("Meminta bantuan pengelola server dinas")
    form.get_by_role("button", name="Simpan entri").click()
    expect(page.locator("#isi-jurnal").get_by_text("disimpan", exact=False)).to_be_visible()


def test_pegawai_menulis_tiga_entri_di_ponsel_lalu_melihat_usulan_realisasi(
    browser: Browser, live_server, pemeran, skp_dua_rhk
):
    page = masuk_ponsel(browser, live_server.url, pemeran.pegawai.nip)
    page.get_by_role("main").get_by_role("link", name="Jurnal Kinerja").click()
    expect(page.get_by_role("heading", name="Jurnal Kinerja", level=1)).to_be_visible()
    expect(batang(page, "Utama 1")).to_have_attribute("aria-valuenow", "0")
    expect(batang(page, "Utama 2")).to_have_attribute("aria-valuenow", "0")
    periksa_aksesibilitas(page, "Jurnal Kinerja (kosong, ponsel)")

    label1 = "Utama 1: Tersedianya rekap data imunisasi per desa (hasil dalam laporan)"
    label2 = "Utama 2: Tersusunnya laporan KLB (hasil dalam dokumen)"
    tulis_entri(page, label1, "Merekap laporan imunisasi 3 desa", "3")
    expect(batang(page, "Utama 1")).to_have_attribute("aria-valuenow", "5")  # 3 of 52
    expect(page.locator("#angka-" + str(skp_dua_rhk.rhk.get(urutan=1).pk))).to_contain_text(
        "3 dari 52 laporan"
    )
    periksa_aksesibilitas(page, "Jurnal Kinerja sesudah entri pertama")

    tulis_entri(page, label2, "Menyusun laporan KLB campak", "2")
    expect(batang(page, "Utama 2")).to_have_attribute("aria-valuenow", "16")  # 2 of 12
    expect(batang(page, "Utama 1")).to_have_attribute("aria-valuenow", "5")

    tulis_entri(page, label1, "Merekap laporan 4 desa lagi", "4", hambatan="Server SIMPUS lambat")
    expect(batang(page, "Utama 1")).to_have_attribute("aria-valuenow", "13")  # 7 of 52
    expect(page.get_by_text("Hambatan terakhir", exact=False)).to_contain_text(
        "Server SIMPUS lambat"
    )
    expect(page.locator("article.entri-jurnal")).to_have_count(3)
    periksa_aksesibilitas(page, "Jurnal Kinerja dengan tiga entri")

    # the realisasi form of the period: the journal's results proposed, never filled in
    page.goto(f"{live_server.url}/penilaian/")
    periode = periode_pada(pemeran.instansi, timezone.localdate())
    page.locator(f"#periode-{periode.nomor}").get_by_role("button", name="Isi realisasi").click()
    expect(page.get_by_role("heading", name=f"Realisasi {periode.nama}")).to_be_visible()
    expect(page.get_by_text("Usulan dari jurnal: 7 laporan (2 entri)")).to_be_visible()
    expect(page.get_by_text("Usulan dari jurnal: 2 dokumen (1 entri)")).to_be_visible()
    isian = page.get_by_label("Realisasi Jumlah laporan surveilans mingguan")
    expect(isian).to_have_value("")
    periksa_aksesibilitas(page, "Formulir realisasi dengan usulan dari jurnal")
    page.get_by_role("button", name="Pakai usulan untuk Jumlah laporan surveilans mingguan").click()
    expect(isian).to_have_value("7")
    expect(isian).to_be_focused()
    page.get_by_role("button", name="Simpan realisasi").click()
    expect(page.get_by_text("Realisasi disimpan.")).to_be_visible()
    expect(page.get_by_label("Realisasi Jumlah laporan surveilans mingguan")).to_have_value("7")
    periksa_aksesibilitas(page, "Formulir realisasi sesudah disimpan")


def test_atasan_mencatat_dialog_dan_menandai_tindak_lanjut_selesai(
    browser: Browser, live_server, pemeran, skp_dua_rhk
):

    from monitoring.forms import token_baru
    from monitoring.services.jurnal import IsianJurnal, jurnal_tambah

    rhk = skp_dua_rhk.rhk.get(urutan=1, jenis="utama")
    entri = jurnal_tambah(
        user=pemeran.pegawai.user, token=token_baru(),
        isian=IsianJurnal(tanggal=timezone.localdate(), rhk_id=rhk.pk, kegiatan="Merekap data",
                          hasil=None, hambatan="Data desa belum lengkap"),
    )  # fmt: skip
    page = masuk_ponsel(browser, live_server.url, pemeran.atasan.nip)
    page.get_by_role("main").get_by_role("link", name="Kemajuan dan tinjauan bawahan").click()
    expect(
        page.get_by_role("heading", name="Kemajuan dan tinjauan bawahan", exact=False)
    ).to_be_visible()
    periksa_aksesibilitas(page, "Kemajuan dan tinjauan bawahan")
    page.get_by_role("link", name=pemeran.pegawai.nama_lengkap, exact=True).click()
    expect(page.get_by_text("Data desa belum lengkap")).to_have_count(2)  # last hambatan, entry
    periksa_aksesibilitas(page, "Halaman kemajuan pegawai")

    page.get_by_text("Catat dialog kinerja", exact=True).click()
    dialog = page.locator("#dialog")
    dialog.get_by_label("Jenis").select_option(label="Coaching")
    dialog.get_by_label("Topik").fill("Kelengkapan data desa")
    dialog.get_by_label("Yang disepakati").fill("Data desa dilengkapi lewat bidan desa")
    dialog.get_by_label("Tindak lanjut (boleh kosong)").fill("Periksa data 5 desa")
    besok = timezone.localdate() + timedelta(days=7)
    dialog.get_by_label("Tanggal tindak lanjut").fill(besok.isoformat())
    dialog.get_by_role("button", name="Simpan dialog").click()
    expect(page.locator("#dialog").get_by_text("Dialog kinerja dicatat")).to_be_visible()
    expect(page.locator("#tindak-lanjut")).to_contain_text("Periksa data 5 desa")
    periksa_aksesibilitas(page, "Dialog tercatat")
    page.get_by_role("button", name="Tandai tindak lanjut selesai (Kelengkapan data desa)").click()
    expect(page.locator("#dialog").get_by_role("status")).to_contain_text("ditandai selesai")
    expect(page.locator("#tindak-lanjut")).not_to_contain_text("Periksa data 5 desa")
    page.goto(f"{live_server.url}/monitoring/dialog/")
    periksa_aksesibilitas(page, "Daftar dialog kinerja")
    page.goto(f"{live_server.url}/monitoring/tinjauan/{pemeran.pegawai.pk}/")
    periksa_aksesibilitas(page, "Tinjauan tengah tahun")

    pegawai = masuk_ponsel(browser, live_server.url, pemeran.pegawai.nip)
    pegawai.goto(f"{live_server.url}/monitoring/jurnal/{entri.pk}/ubah/")
    pegawai.get_by_label("Hasil (angka, boleh kosong)").fill("2")
    periksa_aksesibilitas(pegawai, "Ubah entri jurnal")
    pegawai.get_by_role("button", name="Simpan perubahan").click()
    expect(pegawai.get_by_text("Entri jurnal diubah.")).to_be_visible()
    expect(pegawai.get_by_text("diubah 1 kali")).to_be_visible()
