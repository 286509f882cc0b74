"""In a real browser: the Content-Security-Policy blocks what it should, the check every browser
test runs (tests/browser/conftest.py) sees it, htmx is kept from eval, and the public
verification page keeps its look with its stylesheet moved out of the page."""

import pytest
from django.urls import reverse
from playwright.sync_api import Page, Route, expect

from tests.conftest import KATA_SANDI

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _tunggu_laporan(page: Page, pelanggaran: list) -> None:
    for _ in range(20):
        if pelanggaran:
            return
        page.wait_for_timeout(50)


def test_skrip_inline_diblokir_dan_dilaporkan(page: Page, live_server, pelanggaran_csp):
    # The real sign-in page, with the app's own headers, and a script injected into it.
    def suntik(route: Route) -> None:
        asli = route.fetch()
        assert "script-src 'self'" in asli.headers["content-security-policy"]
        isi = asli.text().replace("</body>", "<script>document.title = 'disuntik'</script></body>")
        route.fulfill(response=asli, body=isi)

    page.route("**/masuk/", suntik)
    page.goto(f"{live_server.url}/masuk/")

    expect(page.get_by_role("heading", name="Masuk ke Aplikasi SKP")).to_be_visible()
    _tunggu_laporan(page, pelanggaran_csp)
    assert page.title() != "disuntik"
    assert any("script-src" in p for p in pelanggaran_csp), pelanggaran_csp
    pelanggaran_csp.clear()  # seen; the check at the end of the test must not fail for it


def test_htmx_tidak_mengevaluasi_kode(page: Page, live_server, pelanggaran_csp):
    page.goto(f"{live_server.url}/masuk/")
    # No indicator <style> injected by htmx (the CSP would block it; the check would report it).
    expect(page.locator("head style")).to_have_count(0)
    # A trigger filter needs eval: htmx refuses it (allowEval off) instead of the CSP blocking.
    page.evaluate(
        """() => {
          const b = document.createElement("button");
          b.setAttribute("hx-get", "/masuk/");
          b.setAttribute("hx-trigger", "click[true]");
          document.body.append(b);
          htmx.process(b);
        }"""
    )
    _tunggu_laporan(page, pelanggaran_csp)
    assert [p for p in pelanggaran_csp if p.startswith("htmx:evalDisallowedError")], pelanggaran_csp
    pelanggaran_csp.clear()


def test_halaman_verifikasi_publik_dengan_gaya_dari_berkas_statis(
    page: Page, live_server, dokumen_terbit
):
    page.goto(live_server.url + reverse("verifikasi_dokumen", args=[dokumen_terbit.token]))

    expect(page.get_by_role("heading", name="Verifikasi Sasaran Kinerja Pegawai")).to_be_visible()
    expect(page.locator("dd").first).to_have_text("Rudi Hartono, A.Md.Kes.")
    # The stylesheet applies (the green bar of a valid document), though no inline style may.
    expect(page.locator("p.sah")).to_have_css("border-left-color", "rgb(25, 135, 84)")


def test_django_admin_memenuhi_csp(page: Page, live_server, pemeran, superuser):
    # Plt/Plh and corrections are recorded in the Django admin: its pages and widgets (date
    # calendar, related-object popups, filters) run under the same policy.
    superuser.set_password(KATA_SANDI)
    superuser.save()
    page.goto(f"{live_server.url}/masuk/")
    page.get_by_label("NIP").fill("super")
    page.get_by_label("Sandi").fill(KATA_SANDI)
    page.get_by_role("button", name="Masuk").click()
    for alamat in (
        reverse("admin:index"),
        reverse("admin:organisasi_pegawai_changelist"),
        reverse("admin:organisasi_pegawai_change", args=[pemeran.pegawai.pk]),
        reverse("admin:auth_user_change", args=[pemeran.pegawai.user.pk]),
    ):
        page.goto(live_server.url + alamat)
        expect(page.locator("#content")).to_be_visible()
    page.goto(live_server.url + reverse("admin:organisasi_penugasansementara_add"))
    page.get_by_role("link", name="Hari ini").first.click()  # the date widget's shortcut
    expect(page.locator("input[name=mulai]")).not_to_have_value("")
