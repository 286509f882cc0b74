"""Every browser test also checks the Content-Security-Policy: a page that breaks it (an inline
script or style, an eval by htmx) fails the test that opened it, whatever that test is about.
It watches every browser context, the `page` fixture's and those a test opens itself."""

import io
from collections.abc import Iterator

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import Browser, BrowserContext, ConsoleMessage

from organisasi.models import Pegawai
from skp import services
from skp.models import Skp
from skp.selectors import skp_tahun
from skp.verifikasi import terbitkan
from tests.conftest import KATA_SANDI
from tests.skp.conftest import tambah_kkw

# Runs in every page and frame before its own scripts. The browser fires the event on the
# document for each blocked script, style or eval; htmx fires its own when it was asked to eval
# (allowEval is off, so that never reaches the CSP) or met a trigger it could not parse.
_PENGAWAS = """
(() => {
  const lapor = (jenis, rincian) => window.__laporPelanggaranCsp(jenis, location.href, rincian);
  document.addEventListener("securitypolicyviolation", (e) =>
    lapor("csp", `${e.effectiveDirective} diblokir: ${e.blockedURI || "inline"}` +
      ` (${e.sourceFile || "?"}:${e.lineNumber}) ${e.sample || ""}`));
  for (const nama of ["htmx:evalDisallowedError", "htmx:syntax:error"]) {
    document.addEventListener(nama, (e) =>
      lapor(nama, String((e.detail && (e.detail.source || e.detail.error)) || "")));
  }
})();
"""


class PelanggaranCsp(list):
    """What the pages of one test reported, one line each."""

    def catat(self, jenis: str, alamat: str, rincian: str) -> None:
        self.append(f"{jenis} di {alamat}: {rincian}")


@pytest.fixture
def pelanggaran_csp() -> PelanggaranCsp:
    return PelanggaranCsp()


def _tunggu_laporan(konteks: BrowserContext) -> None:
    # Violations are reported asynchronously: let those of the pages still open arrive.
    for halaman in konteks.pages:
        if not halaman.is_closed():
            halaman.wait_for_timeout(100)
            return


def _awasi(konteks: BrowserContext, pelanggaran: PelanggaranCsp) -> None:
    konteks.expose_function("__laporPelanggaranCsp", pelanggaran.catat)
    konteks.add_init_script(_PENGAWAS)

    def konsol(pesan: ConsoleMessage) -> None:
        # Chromium also logs each violation: this catches one whose page was left before the
        # event reached the script above.
        if pesan.type == "error" and "Content Security Policy" in pesan.text:
            pelanggaran.catat("konsol", pesan.page.url if pesan.page else "?", pesan.text)

    konteks.on("console", konsol)
    tutup = konteks.close

    def tutup_setelah_laporan(*args, **kwargs) -> None:
        _tunggu_laporan(konteks)
        tutup(*args, **kwargs)

    konteks.close = tutup_setelah_laporan


@pytest.fixture(autouse=True)
def _pengawas_csp(
    browser: Browser, monkeypatch: pytest.MonkeyPatch, pelanggaran_csp: PelanggaranCsp
) -> Iterator[None]:
    dibuat: list[BrowserContext] = []
    buat = browser.new_context

    def new_context(*args, **kwargs) -> BrowserContext:
        konteks = buat(*args, **kwargs)
        _awasi(konteks, pelanggaran_csp)
        dibuat.append(konteks)
        return konteks

    monkeypatch.setattr(browser, "new_context", new_context)
    yield
    for konteks in dibuat:  # those a test opened itself are still open
        try:
            _tunggu_laporan(konteks)
        except Exception:  # closed meanwhile: nothing more can arrive
            pass
    if pelanggaran_csp:
        pytest.fail(
            "Content-Security-Policy dilanggar:\n" + "\n".join(dict.fromkeys(pelanggaran_csp)),
            pytrace=False,
        )


@pytest.fixture
def dokumen_terbit():
    """Rudi's SKP of the demo, approved by Rina and issued as a signed PDF (DokumenSkp)."""
    call_command("seed_demo", password=KATA_SANDI, stdout=io.StringIO())
    rudi = Pegawai.objects.get(nip="199203142019031005")
    Skp.objects.filter(pegawai=rudi).delete()
    tahun = timezone.localdate().year
    skp = services.skp_buat(user=rudi.user, tahun=tahun)
    rhk_atasan = skp_tahun(skp.penilai, tahun).rhk.filter(jenis="utama").first()
    rhk = services.rhk_tambah(
        user=rudi.user, skp=skp, jenis="utama", uraian="Rekap imunisasi", rhk_atasan=rhk_atasan
    )
    tambah_kkw(rudi.user, rhk)
    services.ajukan(user=rudi.user, skp=skp)
    services.setujui(user=skp.penilai.user, skp=skp)
    return terbitkan(skp)
