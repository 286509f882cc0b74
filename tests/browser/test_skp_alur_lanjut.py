"""Issue 12 in two real browsers, Rudi (pegawai) and Rina (his atasan), on the demo data:
- notifications clear by acting: the navbar badges before and after submitting, returning,
  opening the returned SKP, resubmitting ("diajukan kembali", round 2) and approving;
- comments are written beside the RHK they are about, the pegawai reads them there and
  answers, and the penilai reads the answer; a note typed before Setujui is asked about;
- a submission is withdrawn ("Tarik kembali") and leaves Rina's Kotak Masuk;
- the Plt/Plh page: the admin records a Plt, who then finds the SKP in their Kotak Masuk.
Every page visited is checked with axe-core (WCAG 2.2 AA)."""

import io
import re
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from organisasi.models import Pegawai
from skp import services
from skp.models import KomentarBalasan, Notifikasi, Skp, StatusSkp
from skp.selectors import skp_tahun
from tests.browser.axe import periksa_aksesibilitas
from tests.browser.menu import menu_kelola, navbar
from tests.conftest import KATA_SANDI
from tests.skp.conftest import tambah_kkw

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NIP_RUDI = "19920314 201903 1 005"
NIP_RINA = "19870908 201101 2 003"
NIP_ADMIN = "19900202 201403 1 002"
RHK_RUDI = "Tersedianya rekap cakupan imunisasi bulanan per desa yang tervalidasi"
KOMENTAR_RHK = "Sebutkan desa mana saja yang direkap; hasilnya belum jelas."
JAWABAN = "Semua 14 desa di wilayah Puskesmas Sukamaju; saya tambahkan di uraian."
CATATAN = "Perjelas cakupan RHK utama 1."


@pytest.fixture
def skp_rudi() -> Skp:
    """The demo, and Rudi's complete draft built through the services."""
    call_command("seed_demo", password=KATA_SANDI, stdout=io.StringIO())
    rudi = Pegawai.objects.get(nip=NIP_RUDI.replace(" ", ""))
    Skp.objects.filter(pegawai=rudi).delete()
    # The demo's own news, read: the badges then count only what this test does. (Fitri's SKP
    # from the demo still waits in Rina's Kotak Masuk.)
    Notifikasi.objects.update(dibaca=True)
    tahun = timezone.localdate().year
    skp = services.skp_buat(user=rudi.user, tahun=tahun)
    rhk_rina = skp_tahun(skp.penilai, tahun).rhk.filter(jenis="utama").order_by("urutan")
    rhk = services.rhk_tambah(
        user=rudi.user, skp=skp, jenis="utama", uraian=RHK_RUDI, rhk_atasan=rhk_rina.last()
    )
    tambah_kkw(rudi.user, rhk)
    return skp


def masuk(browser: Browser, url: str, nip: str) -> Page:
    # Reduced motion: Bootstrap then drops its colour transitions, so axe never measures a
    # button halfway out of its hover state after a click.
    konteks = browser.new_context(locale="id-ID", timezone_id="Asia/Jakarta",
                                  viewport={"width": 1280, "height": 900},
                                  reduced_motion="reduce")  # fmt: skip
    page = konteks.new_page()
    page.goto(f"{url}/masuk/")
    page.get_by_label("NIP").fill(nip)
    page.get_by_label("Sandi").fill(KATA_SANDI)
    page.get_by_role("button", name="Masuk").click()
    expect(navbar(page)).to_be_visible()
    return page


def lencana(page: Page) -> tuple[int, int]:
    """(unread notifications, SKP waiting in the Kotak Masuk) as the navbar shows them."""

    def angka(pilih: str) -> int:
        badge = page.locator(f"{pilih} .badge")
        return int(re.match(r"\d+", badge.inner_text()).group(0)) if badge.count() else 0

    return angka("#nav-notifikasi"), angka("#nav-kotak-masuk")


def status(page: Page):
    return page.locator("p", has_text="Status").locator(".badge").first


def ajukan(page: Page) -> None:
    page.locator("summary", has_text="Ajukan kepada pejabat penilai").click()
    konfirmasi = page.locator("#konfirmasi-ajukan")
    expect(konfirmasi).to_contain_text("Setelah diajukan")
    expect(konfirmasi).to_contain_text("Rina Marlina")
    periksa_aksesibilitas(page, "konfirmasi Ajukan")
    page.get_by_role("button", name="Ya, ajukan sekarang").click()
    expect(status(page)).to_have_text("Diajukan")


def tinjau(rina: Page, url: str) -> None:
    rina.goto(f"{url}/skp/kotak-masuk/")
    periksa_aksesibilitas(rina, "Kotak Masuk")
    rina.locator("tr", has_text="Rudi Hartono").get_by_role(
        "link", name=re.compile("Tinjau")
    ).click()
    expect(rina.get_by_role("heading", name="Keputusan pejabat penilai")).to_be_visible()
    # The breadcrumb leads back where she came from.
    jejak = rina.get_by_role("navigation", name="Jejak halaman")
    expect(jejak.get_by_role("link", name="Kotak Masuk")).to_be_visible()


def test_notifikasi_hilang_karena_bertindak_dan_komentar_di_samping_rhk_dijawab(
    browser: Browser, live_server, skp_rudi
):
    url = live_server.url
    rudi = masuk(browser, url, NIP_RUDI)
    rina = masuk(browser, url, NIP_RINA)

    rina.goto(f"{url}/")
    _, lain = lencana(rina)  # the demo's other SKP waiting for her
    rudi.goto(f"{url}/skp/{skp_rudi.pk}/")
    periksa_aksesibilitas(rudi, "SKP Rudi (draf)")
    ajukan(rudi)
    rina.goto(f"{url}/")
    assert lencana(rina) == (1, lain + 1)

    # Rina reviews: the comment is written beside the RHK, in the table.
    tinjau(rina, url)
    periksa_aksesibilitas(rina, "SKP Rudi (ditinjau)")
    expect(rina.locator("#peringatan-ekspektasi")).to_contain_text("belum diisi untuk 7 dari 7")
    blok = rina.locator("tbody.rhk", has_text=RHK_RUDI)
    blok.locator("summary", has_text="Komentari RHK Utama 1").click()
    kolom = blok.get_by_label("Komentar untuk RHK Utama 1")
    expect(kolom).to_be_visible()
    kolom.fill(KOMENTAR_RHK)
    # Setujui with a note typed: asked whether to drop it, nothing decided yet.
    rina.locator("summary", has_text="Setujui SKP").click()
    rina.get_by_role("button", name="Ya, setujui SKP ini").click()
    konfirmasi = rina.locator("#konfirmasi-buang")
    expect(konfirmasi).to_contain_text("Anda menulis 1 catatan atau komentar")
    periksa_aksesibilitas(rina, "pertanyaan membuang catatan")
    expect(status(rina)).to_have_text("Diajukan")
    expect(rina.locator("tbody.rhk", has_text=RHK_RUDI).get_by_label(
        "Komentar untuk RHK Utama 1")).to_have_value(KOMENTAR_RHK)  # fmt: skip
    # She returns it instead, with her note.
    rina.get_by_label("Catatan untuk pegawai").fill(CATATAN)
    konfirmasi.get_by_role("button", name="Kembalikan dengan catatan ini").click()
    expect(rina.get_by_text("dikembalikan dengan catatan Anda")).to_be_visible()
    # Acting cleared her notification, as the SKP left her Kotak Masuk.
    assert lencana(rina) == (0, lain)

    # Rudi: one notification, cleared when he opens the returned SKP.
    rudi.goto(f"{url}/")
    assert lencana(rudi) == (1, 0)
    langkah = rudi.locator("#langkah-skp")
    expect(langkah).to_contain_text("1 dari 1 belum ditandai sudah diperbaiki")
    periksa_aksesibilitas(rudi, "beranda Rudi (dikembalikan)")
    langkah.get_by_role("link", name="Perbaiki: buka komentar pertama").click()
    assert lencana(rudi) == (0, 0)
    komentar = rudi.locator("tbody.rhk", has_text=RHK_RUDI).locator("li.komentar")
    expect(komentar).to_contain_text(KOMENTAR_RHK)
    # He answers the comment (htmx: the comment is replaced in place).
    komentar.locator("summary", has_text="Balas komentar").click()
    komentar.get_by_label("Balasan Anda untuk komentar ini").fill(JAWABAN)
    komentar.get_by_role("button", name="Kirim balasan").click()
    expect(rudi.locator("li.komentar .balasan")).to_contain_text(JAWABAN)
    expect(rudi.locator("li.komentar .balasan")).to_contain_text("Pegawai, Rudi Hartono")
    periksa_aksesibilitas(rudi, "SKP Rudi (komentar dijawab)")
    assert KomentarBalasan.objects.get().teks == JAWABAN
    rudi.locator("li.komentar").get_by_role("button", name="Tandai sudah diperbaiki").click()
    expect(rudi.locator("li.komentar")).to_contain_text("Sudah diperbaiki")
    ajukan(rudi)

    # Rina: told it was submitted again (round 2); she reads the answer beside the RHK.
    rina.goto(f"{url}/skp/notifikasi/")
    periksa_aksesibilitas(rina, "Notifikasi")
    expect(rina.locator("li.list-group-item").first).to_contain_text(
        "diajukan kembali (pengajuan ke-2)"
    )
    assert lencana(rina) == (1, lain + 1)
    tinjau(rina, url)
    expect(rina.locator("tbody.rhk", has_text=RHK_RUDI).locator(".balasan")).to_contain_text(
        JAWABAN
    )
    rina.locator("summary", has_text="Setujui SKP").click()
    expect(rina.locator("#konfirmasi-setujui")).to_contain_text("tidak dapat diubah lagi")
    rina.get_by_role("button", name="Ya, setujui SKP ini").click()
    expect(status(rina)).to_have_text("Disetujui")
    assert lencana(rina) == (0, lain)
    periksa_aksesibilitas(rina, "SKP Rudi (disetujui)")
    rudi.goto(f"{url}/")
    assert lencana(rudi) == (1, 0)
    expect(rudi.locator("#langkah-skp")).to_contain_text("Isi realisasi")
    rudi.locator("#langkah-skp").get_by_role("link", name="Buka SKP").click()
    assert lencana(rudi) == (0, 0)


def test_pegawai_menarik_kembali_pengajuan(browser: Browser, live_server, skp_rudi):
    url = live_server.url
    rudi = masuk(browser, url, NIP_RUDI)
    rudi.goto(f"{url}/skp/{skp_rudi.pk}/")
    ajukan(rudi)
    rudi.locator("summary", has_text="Tarik kembali pengajuan").click()
    expect(rudi.locator("#konfirmasi-tarik")).to_contain_text("kembali berstatus Draf")
    periksa_aksesibilitas(rudi, "konfirmasi Tarik kembali")
    rudi.get_by_role("button", name="Ya, tarik kembali").click()
    expect(
        rudi.get_by_text("Pengajuan ditarik kembali. SKP kembali berstatus Draf")
    ).to_be_visible()
    expect(status(rudi)).to_have_text("Draf")
    expect(rudi.get_by_role("region", name="Riwayat")).to_contain_text("Pengajuan ditarik kembali")
    expect(rudi.get_by_role("link", name=re.compile("Ubah RHK"))).to_have_count(1)
    periksa_aksesibilitas(rudi, "SKP Rudi (ditarik)")
    skp_rudi.refresh_from_db()
    assert skp_rudi.status == StatusSkp.DRAF

    rina = masuk(browser, url, NIP_RINA)
    assert lencana(rina)[0] == 1  # the news of the withdrawal (nothing about Rudi to decide)
    rina.goto(f"{url}/skp/kotak-masuk/")
    expect(rina.locator("tr", has_text="Rudi Hartono")).to_have_count(0)
    rina.goto(f"{url}/skp/notifikasi/")
    expect(rina.locator("li.list-group-item").first).to_contain_text("ditarik kembali")


def test_admin_mencatat_plt_yang_lalu_menerima_skp(browser: Browser, live_server, skp_rudi):
    url = live_server.url
    services.ajukan(user=skp_rudi.pegawai.user, skp=skp_rudi)
    admin = masuk(browser, url, NIP_ADMIN)
    menu_kelola(admin).get_by_role("link", name="Plt/Plh").click()
    expect(admin.get_by_role("heading", name="Plt dan Plh")).to_be_visible()
    periksa_aksesibilitas(admin, "Plt/Plh")
    admin.get_by_label("Cari jabatan").fill("Imunisasi")
    admin.get_by_role("button", name="Cari").click()
    jabatan_rina = Pegawai.objects.get(nip=NIP_RINA.replace(" ", "")).jabatan
    admin.get_by_label("Jabatan yang dilaksanakan").select_option(str(jabatan_rina.pk))
    admin.get_by_label("NIP pegawai yang ditugasi").fill("19800422 200501 1 003")  # Bambang
    hari_ini = timezone.localdate()
    admin.get_by_label("Mulai").fill(hari_ini.isoformat())
    admin.get_by_label("Selesai").fill((hari_ini + timedelta(days=30)).isoformat())
    admin.get_by_role("button", name="Catat Plt/Plh").click()
    expect(
        admin.get_by_text("Pelaksana Tugas (Plt) " + jabatan_rina.nama + " dicatat")
    ).to_be_visible()
    baris = admin.locator("#tabel-plt tbody tr").first
    expect(baris).to_contain_text("Bambang Setiawan")
    expect(baris).to_contain_text("Berlaku")
    periksa_aksesibilitas(admin, "Plt/Plh (tercatat)")

    # Bambang, as Plt, now finds Rudi's SKP in his Kotak Masuk.
    bambang = masuk(browser, url, "19800422 200501 1 003")
    bambang.goto(f"{url}/skp/kotak-masuk/")
    expect(bambang.locator("tr", has_text="Rudi Hartono")).to_have_count(1)

    # Ended early: today becomes its last day.
    baris.get_by_role("button", name=re.compile("Akhiri")).click()
    expect(admin.get_by_text("diakhiri; hari terakhirnya")).to_be_visible()
    periksa_aksesibilitas(admin, "Plt/Plh (diakhiri)")
