"""In a real browser: a demo pelaksana drafts the SKP of this year. Three RHK, each linked to an
RHK of his atasan picked in the page (once through the search box), indicators for the three
aspects, two RHK swapped with "Turun", then a reload shows everything as entered. And a draft
made with the wrong pendekatan is deleted (behind a confirmation) and made again."""

import io
import re
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Locator, Page, expect

from organisasi.models import Pegawai
from skp import services
from skp.models import IndikatorKinerja, Skp
from tests.browser.htmx import tunggu_htmx_tenang
from tests.conftest import KATA_SANDI

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NIP_RUDI = "19920314 201903 1 005"  # Rudi Hartono, Pengelola Data Imunisasi; atasan Rina Marlina
RHK_RINA_SURVEILANS = "Tersedianya data surveilans penyakit potensial KLB"
RHK_RINA_PE = "Terlaksananya penyelidikan epidemiologi pada setiap sinyal KLB"
RHK_RINA_IMUNISASI = "Tersedianya data cakupan imunisasi rutin per desa yang mutakhir"

RHK_A = "Tersedianya rekap cakupan imunisasi bulanan per desa yang tervalidasi"
RHK_B = "Tersedianya data kasus campak dan DBD untuk penyelidikan epidemiologi"
RHK_C = "Terkirimnya laporan mingguan SKDR dari seluruh puskesmas"


@pytest.fixture
def page(page: Page) -> Page:
    page.set_viewport_size({"width": 1280, "height": 800})
    return page


@pytest.fixture
def data_demo() -> None:
    call_command("seed_demo", password=KATA_SANDI, stdout=io.StringIO())
    # The demo leaves Rudi without an SKP; make sure of it whatever the demo becomes.
    Skp.objects.filter(pegawai__nip=NIP_RUDI.replace(" ", "")).delete()


def masuk(page: Page, url: str) -> None:
    page.goto(f"{url}/masuk/")
    page.get_by_label("NIP").fill(NIP_RUDI)
    page.get_by_label("Sandi").fill(KATA_SANDI)
    page.get_by_role("button", name="Masuk").click()


def rhk(page: Page, uraian: str) -> Locator:
    return page.locator("tbody.rhk", has_text=uraian)


def tambah_rhk(page: Page, uraian: str, rhk_atasan: str, cari: str = "") -> None:
    page.get_by_role("link", name="Tambah RHK utama").click()
    form = page.locator("form.form-rhk")
    form.get_by_label("Rencana hasil kerja").fill(uraian)
    # The search box types into htmx: only once the form's swap has settled does it listen.
    tunggu_htmx_tenang(page)
    if cari:
        alamat = page.url
        form.get_by_label("Cari RHK atasan").fill(cari)
        # Filtered as one types: only the matching RHK of the atasan is left.
        expect(form.get_by_label(RHK_RINA_SURVEILANS)).to_have_count(0)
        # Enter in the search box searches, and does not submit the RHK form.
        form.get_by_label("Cari RHK atasan").press("Enter")
        expect(form.get_by_label(RHK_RINA_SURVEILANS)).to_have_count(0)
        expect(form.get_by_label("Rencana hasil kerja")).to_have_value(uraian)
        assert page.url == alamat
        # The search answers replace the choices: let them arrive before one is picked.
        page.wait_for_function("() => !document.querySelector('.htmx-request')")
        # In every browser (not only those that turn Enter in a search box into a "search"
        # event): skp.js cancels the key's default, which would submit the form.
        assert page.evaluate(
            """() => {
              const el = document.createElement("input");
              el.setAttribute("data-cari-enter", "");
              document.body.append(el);
              const e = new KeyboardEvent("keydown", {key: "Enter", bubbles: true, cancelable: true});
              el.dispatchEvent(e);
              el.remove();
              return e.defaultPrevented;
            }"""
        )
    form.get_by_label(rhk_atasan).check()
    form.get_by_role("button", name="Simpan RHK").click()
    expect(page.locator("form.form-rhk")).to_have_count(0)
    expect(rhk(page, uraian)).to_contain_text(rhk_atasan)


def tambah_indikator(
    page: Page, uraian_rhk: str, aspek: str, indikator: str, target: str, satuan: str
) -> None:
    form = page.locator("form.form-indikator")
    if form.count() == 0:
        rhk(page, uraian_rhk).get_by_role("link", name="Tambah indikator").click()
    expect(form).to_be_visible()
    expect(form.get_by_label("Aspek")).to_be_focused()  # the first field, for the keyboard
    form.get_by_label("Aspek").select_option(label=aspek)
    form.get_by_label("Indikator kinerja individu").fill(indikator)
    form.get_by_label("Target", exact=True).fill(target)
    form.get_by_label("Satuan").fill(satuan)
    form.get_by_role("button", name="Simpan indikator").click()
    expect(form).to_have_count(0)
    expect(rhk(page, uraian_rhk).get_by_role("row", name=re.compile(indikator))).to_have_count(1)


def periksa_isi(page: Page) -> None:
    """The table as entered: order after the swap, links, and the three aspects of each RHK."""
    expect(page.locator("tbody.rhk td.sel-rhk")).to_have_text([RHK_B, RHK_A, RHK_C])
    expect(page.locator("tbody.rhk td.sel-rhk-atasan")).to_have_text(
        [RHK_RINA_PE, RHK_RINA_IMUNISASI, re.compile(RHK_RINA_SURVEILANS)]
    )
    expect(page.locator("tbody.rhk td.kolom-no")).to_have_text(["1", "2", "3"])
    for uraian in (RHK_A, RHK_B, RHK_C):
        expect(rhk(page, uraian).locator("td.sel-aspek")).to_have_text(
            ["Kuantitas", "Kualitas", "Waktu"]
        )
    expect(rhk(page, RHK_A).locator("td.sel-target")).to_have_text(
        ["12 laporan", "95,5 %", "10 hari"]
    )
    expect(page.get_by_text("Belum ditautkan", exact=True)).to_have_count(0)
    expect(page.get_by_role("region", name="Sebelum diajukan")).to_contain_text(
        "Semua syarat terpenuhi"
    )


def test_pelaksana_menyusun_skp_tiga_rhk_bertaut_lalu_mengubah_urutan(
    page: Page, live_server, data_demo
):
    tahun = timezone.localdate().year
    masuk(page, live_server.url)
    page.get_by_role("navigation", name="Navigasi utama").get_by_role(
        "link", name="SKP Saya"
    ).click()
    expect(page.get_by_role("heading", name="SKP Saya")).to_be_visible()
    page.get_by_role("button", name="Buat SKP", exact=True).click()

    expect(page.get_by_role("heading", name="SASARAN KINERJA PEGAWAI", exact=True)).to_be_visible()
    expect(page.get_by_text(f"SKP tahun {tahun} dibuat.")).to_be_visible()
    identitas = page.get_by_role("region", name="Identitas pegawai dan pejabat penilai")
    expect(identitas).to_contain_text(NIP_RUDI)
    expect(identitas).to_contain_text("Rina Marlina, S.K.M.")
    kelengkapan = page.get_by_role("region", name="Sebelum diajukan")
    expect(kelengkapan).to_contain_text("Belum ada RHK utama.")

    tambah_rhk(page, RHK_A, RHK_RINA_IMUNISASI)
    # Keyboard: focus went back to the new RHK's "Tambah indikator"; Enter opens the form.
    expect(rhk(page, RHK_A).get_by_role("link", name="Tambah indikator")).to_be_focused()
    page.keyboard.press("Enter")
    # Wait for that form: clicking the link again while it loads would race its swap.
    expect(page.locator("form.form-indikator")).to_be_visible()
    tambah_indikator(page, RHK_A, "Kuantitas", "Jumlah rekap cakupan bulanan", "12", "laporan")
    tambah_indikator(page, RHK_A, "Kualitas", "Data sesuai hasil validasi", "95,5", "%")
    tambah_indikator(page, RHK_A, "Waktu", "Rekap terkirim setelah akhir bulan", "10", "hari")
    expect(kelengkapan).not_to_contain_text("RHK Utama 1")

    tambah_rhk(page, RHK_B, RHK_RINA_PE, cari="penyelidikan")
    tambah_rhk(page, RHK_C, RHK_RINA_SURVEILANS)
    expect(kelengkapan).to_contain_text("RHK Utama 2")
    for uraian in (RHK_B, RHK_C):
        tambah_indikator(page, uraian, "Kuantitas", f"Jumlah data {uraian[-12:]}", "52", "berkas")
        tambah_indikator(page, uraian, "Kualitas", f"Kelengkapan {uraian[-12:]}", "90", "%")
        tambah_indikator(page, uraian, "Waktu", f"Ketepatan {uraian[-12:]}", "2", "hari")

    rhk(page, RHK_A).get_by_role("button", name="Turun").click()
    expect(page.locator("tbody.rhk td.sel-rhk").first).to_have_text(RHK_B)
    expect(rhk(page, RHK_A).get_by_role("button", name="Turun")).to_be_focused()

    periksa_isi(page)
    page.reload()
    periksa_isi(page)

    skp = Skp.objects.get(pegawai__nip=NIP_RUDI.replace(" ", ""), tahun=tahun)
    assert [(r.urutan, r.uraian, r.rhk_atasan.skp.pegawai_nama) for r in skp.rhk.all()] == [
        (1, RHK_B, "Rina Marlina, S.K.M."),
        (2, RHK_A, "Rina Marlina, S.K.M."),
        (3, RHK_C, "Rina Marlina, S.K.M."),
    ]

    # A session that expires while the page is open leads to the sign-in page, not into the table.
    page.context.clear_cookies()
    page.get_by_role("link", name="Tambah RHK utama").click()
    expect(page.get_by_role("heading", name="Masuk ke Aplikasi SKP")).to_be_visible()
    expect(page.locator("tbody.rhk")).to_have_count(0)


def skp_rudi_satu_rhk() -> tuple[Skp, IndikatorKinerja]:
    """Rudi's SKP of this year with RHK_A and its Kuantitas indicator (made directly)."""
    user = Pegawai.objects.get(nip=NIP_RUDI.replace(" ", "")).user
    skp = services.skp_buat(user=user, tahun=timezone.localdate().year)
    r = services.rhk_tambah(user=user, skp=skp, jenis="utama", uraian=RHK_A)
    ind = services.indikator_tambah(
        user=user, rhk=r, aspek="kuantitas", uraian="Jumlah rekap cakupan bulanan",
        target_min=Decimal(12), satuan="laporan",
    )  # fmt: skip
    return skp, ind


def test_form_terbuka_tetap_utuh_setelah_menyimpan_yang_lain_di_tab_yang_sama(
    page: Page, live_server, data_demo
):
    skp, ind = skp_rudi_satu_rhk()
    galat_konsol: list[str] = []
    page.on(
        "console", lambda m: galat_konsol.append(m.text) if m.type in ("error", "warning") else None
    )
    masuk(page, live_server.url)
    page.goto(live_server.url + reverse("skp:detail", args=[skp.pk]))

    # Two forms opened and typed into, not saved: the lampiran, and a new RHK.
    # (Each form is used once it has its focus: htmx has then set it up.)
    page.get_by_role("link", name="Ubah lampiran").click()
    lampiran = page.locator("#lampiran form")
    expect(lampiran.get_by_label("Dukungan sumber daya")).to_be_focused()
    lampiran.get_by_label("Dukungan sumber daya").fill("Laptop pengolah data")
    page.get_by_role("link", name="Tambah RHK utama").click()
    form_rhk = page.locator("form.form-rhk")
    expect(form_rhk.get_by_label("Rencana hasil kerja")).to_be_focused()
    form_rhk.get_by_label("Rencana hasil kerja").fill(RHK_B)

    # Meanwhile an indicator elsewhere is edited and saved (the whole table comes back).
    page.locator(f"#ubah-indikator-{ind.pk}").click()
    form_ind = page.locator("form.form-indikator")
    expect(form_ind.get_by_label("Aspek")).to_be_focused()
    with page.expect_response(lambda r: "/indikator/periksa/" in r.url):  # the live check
        form_ind.get_by_label("Target", exact=True).fill("24")
    form_ind.get_by_role("button", name="Simpan indikator").click()
    expect(form_ind).to_have_count(0)
    expect(rhk(page, RHK_A).locator("td.sel-target")).to_have_text(["24 laporan"])

    # The half-typed RHK is still there, as typed.
    expect(form_rhk.get_by_label("Rencana hasil kerja")).to_have_value(RHK_B)
    # The lampiran form of this same tab is not taken for a stale one.
    lampiran.get_by_role("button", name="Simpan lampiran").click()
    expect(page.locator("#lampiran form")).to_have_count(0)
    expect(page.locator("#lampiran")).to_contain_text("Laptop pengolah data")
    expect(page.get_by_text("sudah diubah di tab atau perangkat lain")).to_have_count(0)
    # Nor is the RHK form, saved last.
    form_rhk.get_by_role("button", name="Simpan RHK").click()
    expect(page.locator("form.form-rhk")).to_have_count(0)
    expect(rhk(page, RHK_B)).to_have_count(1)
    expect(page.get_by_text("sudah diubah di tab atau perangkat lain")).to_have_count(0)

    skp.refresh_from_db()
    assert skp.dukungan_sumber_daya == "Laptop pengolah data"
    assert [r.uraian for r in skp.rhk.order_by("urutan")] == [RHK_A, RHK_B]
    # The live check inside the indicator form does not inherit the form's hx-disabled-elt.
    assert not [m for m in galat_konsol if "hx-disabled-elt" in m], galat_konsol


def test_gagal_simpan_dikatakan_di_form_yang_dikirim(page: Page, live_server, data_demo):
    skp, _ = skp_rudi_satu_rhk()
    masuk(page, live_server.url)
    page.set_viewport_size({"width": 390, "height": 740})  # a phone: the form is far below
    page.goto(live_server.url + reverse("skp:detail", args=[skp.pk]))
    page.get_by_role("link", name="Ubah lampiran").click()
    lampiran = page.locator("#lampiran form")
    expect(lampiran.get_by_label("Dukungan sumber daya")).to_be_focused()
    lampiran.get_by_label("Dukungan sumber daya").fill("Mobil operasional")

    # Another tab (or device) saves the lampiran first: this page is now really out of date.
    services.lampiran_ubah(
        user=skp.pegawai.user, skp=skp, dukungan_sumber_daya="Laptop",
        skema_pertanggungjawaban="", konsekuensi="",
    )  # fmt: skip
    lampiran.get_by_role("button", name="Simpan lampiran").click()
    galat = lampiran.get_by_role("alert")
    expect(galat).to_contain_text("sudah diubah di tab atau perangkat lain")
    expect(galat).to_be_focused()
    expect(galat).to_be_in_viewport()
    expect(page.locator("#pesan-galat")).to_be_hidden()
    expect(lampiran.get_by_label("Dukungan sumber daya")).to_have_value("Mobil operasional")
    skp.refresh_from_db()
    assert skp.dukungan_sumber_daya == "Laptop"


def test_pelaksana_menghapus_draf_yang_salah_pendekatan_lalu_membuat_lagi(
    page: Page, live_server, data_demo
):
    """Rudi creates his SKP as kualitatif by mistake and starts drafting; he deletes the draft
    (after a confirmation saying what goes, which he first cancels) and creates it again as
    kuantitatif."""
    tahun = timezone.localdate().year
    masuk(page, live_server.url)
    expect(page.get_by_role("navigation", name="Navigasi utama")).to_be_visible()
    page.goto(live_server.url + reverse("skp:daftar"))
    page.get_by_label("Kualitatif").check()
    page.get_by_role("button", name="Buat SKP", exact=True).click()
    expect(page.get_by_text("PENDEKATAN HASIL KERJA KUALITATIF")).to_be_visible()
    skp = Skp.objects.get(pegawai__nip=NIP_RUDI.replace(" ", ""), tahun=tahun)
    r = services.rhk_tambah(user=skp.pegawai.user, skp=skp, jenis="utama", uraian=RHK_A)
    services.indikator_tambah(user=skp.pegawai.user, rhk=r, uraian="Rekap tervalidasi",
                              target_min=Decimal(12), satuan="laporan")  # fmt: skip
    page.reload()

    page.get_by_role("link", name="Hapus draf SKP").click()
    konfirmasi = page.get_by_role("region", name=f"Hapus draf SKP tahun {tahun}?")
    expect(konfirmasi.get_by_role("heading")).to_be_focused()  # the keyboard follows
    expect(konfirmasi).to_contain_text("Draf SKP kualitatif tahun")
    expect(konfirmasi).to_contain_text("1 RHK (1 utama, 0 tambahan) dengan 1 indikator")
    expect(konfirmasi).to_contain_text("Penghapusan tidak dapat dibatalkan.")
    konfirmasi.get_by_role("link", name="Batal").click()
    expect(page.get_by_role("link", name="Hapus draf SKP")).to_be_focused()
    assert Skp.objects.filter(pk=skp.pk).exists()

    page.get_by_role("link", name="Hapus draf SKP").click()
    page.get_by_role("button", name="Ya, hapus draf SKP").click()
    expect(page.get_by_role("heading", name="SKP Saya")).to_be_visible()
    expect(page.get_by_text(f"Draf SKP tahun {tahun} dihapus.")).to_be_visible()
    assert not Skp.objects.filter(pk=skp.pk).exists()

    expect(page.get_by_label("Tahun penilaian")).to_have_value(str(tahun))
    page.get_by_label("Kuantitatif").check()
    page.get_by_role("button", name="Buat SKP", exact=True).click()
    expect(page.get_by_text("PENDEKATAN HASIL KERJA KUANTITATIF")).to_be_visible()
    baru = Skp.objects.get(pegawai__nip=NIP_RUDI.replace(" ", ""), tahun=tahun)
    assert (baru.versi, baru.pendekatan, baru.rhk.count()) == (1, "kuantitatif", 0)
    # Only a draft never submitted can go: the button is not offered once it is submitted.
    baru.status = "diajukan"  # saved as the workflow saves it: the kept page follows
    baru.save(update_fields=["status"])
    page.reload()
    expect(page.get_by_role("link", name="Hapus draf SKP")).to_have_count(0)
