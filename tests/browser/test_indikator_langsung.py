"""In a real browser: a demo pelaksana types a vague indicator, sees the finding and its
suggestion appear under the field as he types, rewrites it into a measurable one with target
and satuan, sees the finding go away, and saves; the RHK's quality summary follows."""

import io

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import Page, expect

from organisasi.models import Pegawai
from skp import services
from skp.models import Skp
from tests.conftest import KATA_SANDI

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NIP_RUDI = "199203142019031005"  # Rudi Hartono, Pengelola Data Imunisasi (demo)
RHK = "Tersedianya rekap cakupan imunisasi bulanan per desa yang tervalidasi"
SAMAR = "Melaksanakan tugas dengan baik"
TERUKUR = "Persentase rekap cakupan imunisasi desa yang divalidasi paling lama 5 hari kerja"


@pytest.fixture
def page(page: Page) -> Page:
    page.set_viewport_size({"width": 1280, "height": 800})
    return page


@pytest.fixture
def skp_rudi() -> Skp:
    call_command("seed_demo", password=KATA_SANDI, stdout=io.StringIO())
    Skp.objects.filter(pegawai__nip=NIP_RUDI).delete()
    user = Pegawai.objects.get(nip=NIP_RUDI).user
    skp = services.skp_buat(user=user, tahun=timezone.localdate().year)
    services.rhk_tambah(user=user, skp=skp, jenis="utama", uraian=RHK)
    return skp


def test_temuan_muncul_saat_mengetik_dan_hilang_setelah_diperbaiki(
    page: Page, live_server, skp_rudi
):
    page.goto(f"{live_server.url}/masuk/")
    page.get_by_label("NIP").fill(NIP_RUDI)
    page.get_by_label("Sandi").fill(KATA_SANDI)
    page.get_by_role("button", name="Masuk").click()
    page.goto(f"{live_server.url}/skp/{skp_rudi.pk}/")

    baris_rhk = page.locator("tbody.rhk", has_text=RHK)
    baris_rhk.get_by_role("link", name="Tambah indikator").click()
    form = page.locator("form.form-indikator")
    expect(form).to_be_visible()
    temuan = form.locator(".temuan-indikator")
    expect(temuan).to_be_empty()  # nothing to say before anything is typed

    form.get_by_label("Aspek").select_option(label="Kualitas")
    form.get_by_label("Indikator kinerja individu").press_sequentially(SAMAR, delay=20)
    expect(temuan).to_contain_text("Indikator belum terukur")
    expect(temuan).to_contain_text("'dengan baik' bersifat normatif")
    expect(temuan.locator(".saran").first).to_contain_text("Saran: Hapus 'dengan baik'")

    form.get_by_label("Indikator kinerja individu").fill(TERUKUR)
    form.get_by_label("Target", exact=True).fill("95")
    form.get_by_label("Satuan").fill("%")
    expect(temuan).to_contain_text("Indikator terukur")
    expect(temuan).not_to_contain_text("Saran")
    expect(temuan.locator("li.temuan")).to_have_count(0)

    form.get_by_role("button", name="Simpan indikator").click()
    expect(form).to_have_count(0)
    expect(baris_rhk.locator("tr.kualitas-rhk")).to_have_text(
        "Kualitas indikator: 1 dari 1 terukur"
    )
