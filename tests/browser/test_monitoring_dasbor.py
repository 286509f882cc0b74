"""In a real browser: the atasan opens Dasbor Tim from the home page and finds the bawahan who is
behind (RHK behind schedule, a follow-up past its date, no journal) first, above two bawahan
whose journal shows their RHK done; opens that bawahan's page from the dashboard, records a
dialog kinerja with a follow-up through the existing dialog form; the pegawai signs in, opens
Dasbor Kinerja from the home page and sees the follow-up among what is due next. The admin
drills Monitoring Pengisian from the instansi to the OPD and a unit (htmx, the address follows)
and opens Monitoring Kurva. axe-core checks every page (WCAG 2.2 AA); the Content-Security-Policy
is watched by tests/browser/conftest.py.

Real time, as the jurnal browser test: the live server and the browser agree on the date."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from monitoring.models import DialogKinerja, JenisDialog, JurnalKinerja, PihakDialog
from penilaian.periode import periode_tahun
from tests.browser.axe import periksa_aksesibilitas
from tests.browser.menu import menu_kelola
from tests.conftest import KATA_SANDI
from tests.monitoring.conftest import tambah_rhk_dokumen
from tests.penilaian.bawahan import tambah_bawahan
from tests.skp.conftest import setujui_skp, skp_atasan, skp_pegawai, tahun  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def tim(pemeran, skp_atasan, skp_pegawai):  # noqa: F811
    """The atasan's team: the pegawai (52 laporan and 12 dokumen a year, nothing reported, a
    follow-up missed yesterday) and two bawahan whose journal already reaches their targets."""
    tambah_rhk_dokumen(pemeran.pegawai.user, skp_pegawai, skp_atasan.rhk2)
    setujui_skp(pemeran, skp_pegawai)
    hari_ini = timezone.localdate()
    bawahan = tambah_bawahan(pemeran, 2, tahun=hari_ini.year)
    for p in bawahan:
        skp = p.skp.get()
        for rhk in skp.rhk.all():
            JurnalKinerja.objects.create(
                pegawai=p, skp=skp, rhk=rhk, tanggal=hari_ini, kegiatan="Rekap data imunisasi",
                hasil=Decimal(13), satuan="laporan", token=f"j-{rhk.pk}",
            )  # fmt: skip
    DialogKinerja.objects.create(
        pegawai=pemeran.pegawai, atasan=pemeran.atasan, tanggal=hari_ini - timedelta(days=8),
        jenis=JenisDialog.MENTORING, topik="Rekap bulanan", kesepakatan="Rekap dikirim tepat waktu",
        tindak_lanjut="Kirim rekap bulan lalu", tanggal_tindak_lanjut=hari_ini - timedelta(days=1),
        dicatat_oleh=pemeran.atasan.user, dicatat_sebagai=PihakDialog.ATASAN, token="lama",
    )  # fmt: skip
    return bawahan


def masuk(browser: Browser, url: str, nip: str) -> Page:
    konteks = browser.new_context(
        locale="id-ID", timezone_id="Asia/Jakarta", viewport={"width": 1280, "height": 900}
    )
    page = konteks.new_page()
    page.goto(f"{url}/masuk/")
    page.get_by_label("NIP").fill(nip)
    page.get_by_label("Sandi").fill(KATA_SANDI)
    page.get_by_role("button", name="Masuk").click()
    expect(page.get_by_role("navigation", name="Navigasi utama")).to_be_visible()
    return page


def test_atasan_melihat_yang_tertinggal_lebih_dulu_lalu_dialog_sampai_ke_pegawai(
    browser: Browser, live_server, pemeran, tim
):
    page = masuk(browser, live_server.url, pemeran.atasan.nip)
    page.get_by_role("main").get_by_role("link", name="Dasbor Tim").click()
    expect(page.get_by_role("heading", name="Dasbor Tim", level=1)).to_be_visible()
    baris = page.locator("#tabel-tim tbody tr")
    expect(baris).to_have_count(3)
    pertama = baris.nth(0)
    expect(pertama).to_have_id(f"tim-{pemeran.pegawai.pk}")
    expect(pertama).to_contain_text("1 tindak lanjut lewat tanggal")
    akhir_tw1 = periode_tahun(pemeran.instansi, timezone.localdate().year)[0].selesai
    if timezone.localdate() > akhir_tw1:  # a period has ended: its share is due
        expect(pertama).to_contain_text("2 RHK terlambat")
    for i in (1, 2):
        expect(baris.nth(i)).to_contain_text("100%")
        expect(baris.nth(i)).to_contain_text("(0 dari 2 terlambat)")
    periksa_aksesibilitas(page, "Dasbor Tim")

    pertama.get_by_role("link", name=pemeran.pegawai.nama_lengkap, exact=True).click()
    expect(
        page.get_by_role("heading", name=f"Kemajuan kinerja {pemeran.pegawai.nama_lengkap}")
    ).to_be_visible()
    periksa_aksesibilitas(page, "Halaman kemajuan pegawai dari dasbor")
    page.get_by_text("Catat dialog kinerja", exact=True).click()
    dialog = page.locator("#dialog")
    dialog.get_by_label("Jenis").select_option(label="Coaching")
    dialog.get_by_label("Topik").fill("Mengejar target laporan")
    dialog.get_by_label("Yang disepakati").fill("Rekap laporan dikerjakan setiap Senin")
    dialog.get_by_label("Tindak lanjut (boleh kosong)").fill("Serahkan rekap 10 laporan")
    tanggal = timezone.localdate() + timedelta(days=7)
    dialog.get_by_label("Tanggal tindak lanjut").fill(tanggal.isoformat())
    dialog.get_by_role("button", name="Simpan dialog").click()
    expect(page.locator("#dialog").get_by_text("Dialog kinerja dicatat")).to_be_visible()
    periksa_aksesibilitas(page, "Dialog tercatat dari dasbor")

    pegawai = masuk(browser, live_server.url, pemeran.pegawai.nip)
    pegawai.get_by_role("main").get_by_role("link", name="Dasbor Kinerja").click()
    expect(pegawai.get_by_role("heading", name="Dasbor Kinerja", level=1)).to_be_visible()
    berikutnya = pegawai.locator("#daftar-berikutnya")
    expect(berikutnya).to_contain_text("Serahkan rekap 10 laporan")
    expect(berikutnya).to_contain_text(f"bersama {pemeran.atasan.nama_lengkap}")
    expect(berikutnya).to_contain_text("Kirim rekap bulan lalu")
    expect(pegawai.locator("#angka-tindak-lanjut")).to_have_text("2")
    expect(pegawai.get_by_role("img", name="Status RHK", exact=False)).to_be_visible()
    periksa_aksesibilitas(pegawai, "Dasbor Kinerja pegawai")


def test_admin_menelusuri_monitoring_pengisian_dan_kurva(
    browser: Browser, live_server, pemeran, tim
):
    page = masuk(browser, live_server.url, pemeran.admin.nip)
    menu_kelola(page).get_by_role("link", name="Monitoring Pengisian dan Kurva").click()
    expect(page.get_by_role("heading", name="Monitoring Pengisian", level=1)).to_be_visible()
    periksa_aksesibilitas(page, "Monitoring Pengisian (instansi)")
    opd = pemeran.kepala.jabatan.unit_kerja
    page.locator(f"#unit-{opd.pk}").get_by_role("link", name=opd.nama).click()
    expect(page).to_have_url(f"{live_server.url}/monitoring/pengisian/{pemeran.instansi.pk}/"
                             f"?periode={page.locator('#pilih-periode').input_value()}&unit={opd.pk}")  # fmt: skip
    bidang = pemeran.atasan_atasan.jabatan.unit_kerja
    page.locator(f"#unit-{bidang.pk}").get_by_role("link", name=bidang.nama).click()
    seksi = pemeran.atasan.jabatan.unit_kerja
    page.locator(f"#unit-{seksi.pk}").get_by_role("link", name=seksi.nama).click()
    tabel = page.locator("#tabel-pegawai")
    expect(tabel).to_contain_text(pemeran.pegawai.nama_lengkap)
    expect(tabel).to_contain_text(tim[0].nama_lengkap)
    periksa_aksesibilitas(page, "Monitoring Pengisian (unit dengan daftar pegawai)")
    page.get_by_role("navigation", name="Jalur unit").get_by_role("link", name=opd.nama).click()
    expect(page.locator(f"#unit-{bidang.pk}")).to_be_visible()
    page.get_by_role("link", name="Monitoring Kurva").click()
    expect(page.get_by_role("heading", name="Monitoring Kurva", level=1)).to_be_visible()
    expect(page.locator("#kurva-kosong")).to_be_visible()  # no capaian set yet
    periksa_aksesibilitas(page, "Monitoring Kurva (belum ada capaian)")
