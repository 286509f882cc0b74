"""In two real browsers: Rudi (pegawai) submits his SKP; Rina (his atasan) returns it with a
comment on one indicator; Rudi sees the comment, fixes the target, marks it and resubmits; Rina
sees what changed, writes an Ekspektasi Khusus on the same page and approves (the approval is not
taken for a stale page); both see Disetujui. Then a revision is opened, submitted (Rina sees it
compared with the version in force) and approved, and the old version reads "Diganti"."""

import io
import re

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from organisasi.models import Pegawai
from skp import services
from skp.models import Skp
from skp.selectors import skp_tahun
from tests.conftest import KATA_SANDI
from tests.skp.conftest import tambah_kkw

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NIP_RUDI = "19920314 201903 1 005"
NIP_RINA = "19870908 201101 2 003"
RHK_RUDI = "Tersedianya rekap cakupan imunisasi bulanan per desa yang tervalidasi"
KOMENTAR = "Kelengkapan 90% terlalu rendah untuk data imunisasi; naikkan ke 95%."
EKSPEKTASI = "Menindaklanjuti aduan masyarakat tentang imunisasi paling lambat satu hari kerja."


@pytest.fixture
def skp_rudi() -> Skp:
    """The demo, and Rudi's complete draft built through the services (drafting in the browser
    is covered by test_skp_drafting.py)."""
    call_command("seed_demo", password=KATA_SANDI, stdout=io.StringIO())
    rudi = Pegawai.objects.get(nip=NIP_RUDI.replace(" ", ""))
    Skp.objects.filter(pegawai=rudi).delete()
    tahun = timezone.localdate().year
    skp = services.skp_buat(user=rudi.user, tahun=tahun)
    rhk_rina = skp_tahun(skp.penilai, tahun).rhk.filter(jenis="utama").order_by("urutan")
    rhk = services.rhk_tambah(
        user=rudi.user, skp=skp, jenis="utama", uraian=RHK_RUDI, rhk_atasan=rhk_rina.last()
    )
    tambah_kkw(rudi.user, rhk)
    assert services.periksa_kelengkapan(skp) == []
    return skp


def masuk(browser: Browser, url: str, nip: str) -> Page:
    konteks = browser.new_context(locale="id-ID", timezone_id="Asia/Jakarta",
                                  viewport={"width": 1280, "height": 900})  # fmt: skip
    page = konteks.new_page()
    page.goto(f"{url}/masuk/")
    page.get_by_label("NIP").fill(nip)
    page.get_by_label("Sandi").fill(KATA_SANDI)
    page.get_by_role("button", name="Masuk").click()
    expect(page.get_by_role("navigation", name="Navigasi utama")).to_be_visible()
    return page


def status(page: Page):
    return page.locator("p", has_text="Status").locator(".badge").first


def ajukan(page: Page) -> None:
    """Ajukan asks first, saying what follows (a <details>: no JavaScript needed)."""
    page.locator("summary", has_text="Ajukan kepada pejabat penilai").click()
    expect(page.locator("#konfirmasi-ajukan")).to_contain_text("Setelah diajukan")
    page.get_by_role("button", name="Ya, ajukan sekarang").click()


def setujui(page: Page) -> None:
    page.locator("summary", has_text="Setujui SKP").click()
    expect(page.locator("#konfirmasi-setujui")).to_contain_text("Setelah disetujui")
    page.get_by_role("button", name="Ya, setujui SKP ini").click()


def buka_dari_kotak_masuk(rina: Page, url: str) -> None:
    rina.goto(f"{url}/")
    navbar = rina.get_by_role("navigation", name="Navigasi utama")
    kotak = navbar.get_by_role("link", name=re.compile("Kotak Masuk"))
    expect(kotak).to_contain_text("SKP menunggu keputusan")  # the badge
    kotak.click()  # click 1
    baris = rina.locator("tr", has_text="Rudi Hartono")
    expect(baris).to_contain_text("menunggu sejak hari ini")
    baris.get_by_role("link", name=re.compile("Tinjau")).click()  # then Setujui/Kembalikan
    expect(rina.get_by_role("heading", name="Keputusan pejabat penilai")).to_be_visible()


def test_alur_ajukan_kembalikan_perbaiki_setujui_lalu_revisi(
    browser: Browser, live_server, skp_rudi
):
    url = live_server.url
    rudi = masuk(browser, url, NIP_RUDI)
    rina = masuk(browser, url, NIP_RINA)

    # Rudi submits.
    rudi.goto(f"{url}/skp/{skp_rudi.pk}/")
    ajukan(rudi)
    expect(rudi.get_by_text("SKP diajukan kepada Rina Marlina")).to_be_visible()
    expect(status(rudi)).to_have_text("Diajukan")
    expect(rudi.get_by_role("link", name=re.compile("Ubah RHK"))).to_have_count(0)

    # Rina returns it with a comment on the Kualitas indicator.
    buka_dari_kotak_masuk(rina, url)
    # The comment is written beside the indicator, in the RHK table.
    rina.locator("tbody.rhk", has_text=RHK_RUDI).locator(
        "summary", has_text="Komentari indikator Kualitas"
    ).click()
    rina.get_by_label("Komentar untuk indikator Kelengkapan laporan puskesmas").fill(KOMENTAR)
    rina.get_by_label("Catatan untuk pegawai").fill("Perbaiki target kualitas.")
    rina.get_by_role("button", name="Kembalikan kepada pegawai").click()
    expect(rina.get_by_text("dikembalikan dengan catatan Anda")).to_be_visible()

    # Rudi sees the comment next to the RHK, fixes the target, marks it and resubmits.
    rudi.reload()
    expect(status(rudi)).to_have_text("Dikembalikan")
    expect(rudi.locator("#catatan-penilai")).to_contain_text("Perbaiki target kualitas.")
    rhk = rudi.locator("tbody.rhk", has_text=RHK_RUDI)
    komentar = rhk.locator("li.komentar", has_text=KOMENTAR)
    expect(komentar).to_contain_text("Kelengkapan laporan puskesmas")
    rhk.get_by_role("link", name="Ubah indikator Kualitas RHK Utama 1").click()
    form = rudi.locator("form.form-indikator")
    form.get_by_label("Target", exact=True).fill("95")
    form.get_by_role("button", name="Simpan indikator").click()
    expect(form).to_have_count(0)
    expect(rhk.locator("td.sel-target").nth(1)).to_have_text("95–100 %")
    komentar = rudi.locator("tbody.rhk li.komentar", has_text=KOMENTAR)
    komentar.get_by_role("button", name="Tandai sudah diperbaiki").click()
    expect(rudi.locator("tbody.rhk li.komentar", has_text=KOMENTAR)).to_contain_text(
        "Sudah diperbaiki"
    )
    ajukan(rudi)
    expect(status(rudi)).to_have_text("Diajukan")

    # Rina sees the change since the last submission, and approves.
    buka_dari_kotak_masuk(rina, url)
    perubahan = rina.get_by_role("region", name="Perubahan sejak pengajuan sebelumnya")
    expect(perubahan).to_contain_text("90–100 %")
    expect(perubahan).to_contain_text("95–100 %")
    # Her own edit on this page bumps the SKP's revisi; skp.js gives the decision forms the new
    # one, so the approval that follows is not refused as coming from a stale page.
    revisi_awal = rina.locator('#tinjauan input[name="revisi"]').first.input_value()
    rina.locator("#perilaku-1").get_by_role("link", name=re.compile("Isi ekspektasi")).click()
    rina.locator("#perilaku-1").get_by_label("Ekspektasi khusus pimpinan").fill(EKSPEKTASI)
    rina.get_by_role("button", name="Simpan ekspektasi").click()
    expect(rina.locator("#perilaku-1")).to_contain_text(EKSPEKTASI)
    keputusan = rina.locator('#tinjauan input[name="revisi"]')  # one form for both decisions
    expect(keputusan).to_have_count(1)
    expect(keputusan).to_have_value(str(int(revisi_awal) + 1))
    setujui(rina)
    expect(rina.get_by_text("disetujui.", exact=False).first).to_be_visible()
    expect(rina.get_by_text("sudah diubah di tab atau perangkat lain")).to_have_count(0)
    expect(status(rina)).to_have_text("Disetujui")
    rudi.reload()
    expect(status(rudi)).to_have_text("Disetujui")
    expect(rudi.get_by_role("region", name="Riwayat")).to_contain_text("Dikembalikan")

    # A mid-year revision: opened by Rudi, submitted, approved by Rina; v1 reads "Diganti".
    rudi.locator("summary", has_text="Buka revisi SKP").click()
    rudi.get_by_label("Alasan revisi").fill("Tambahan tugas vaksinasi HPV.")
    rudi.get_by_role("button", name="Buka revisi", exact=True).click()
    expect(rudi.get_by_text("Revisi dibuka sebagai versi 2")).to_be_visible()
    expect(status(rudi)).to_have_text("Draf")
    ajukan(rudi)
    expect(status(rudi)).to_have_text("Diajukan")
    buka_dari_kotak_masuk(rina, url)
    expect(
        rina.get_by_role("region", name="Perubahan dibanding versi 1 yang berlaku")
    ).to_contain_text("Tidak ada perubahan")
    setujui(rina)
    expect(status(rina)).to_have_text("Disetujui")

    rudi.goto(f"{url}/skp/{skp_rudi.pk}/")
    expect(status(rudi)).to_have_text("Diganti")
    expect(rudi.get_by_text("sudah Diganti oleh versi yang lebih baru")).to_be_visible()
    rudi.get_by_role("link", name="bandingkan dengan versi ini").click()
    expect(rudi.get_by_role("heading", name=re.compile("Versi 1 dan versi 2"))).to_be_visible()
