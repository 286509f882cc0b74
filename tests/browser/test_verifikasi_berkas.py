"""A citizen holding an SKP PDF opens its verification page (the QR code's address) and checks
the file by choosing it: the fingerprint is computed in the browser, nothing is uploaded. Also
on a plain-http LAN address, where the browser has no crypto.subtle and the page's own SHA-256
does the work."""

import hashlib
import re
from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import Browser, Page, Request, expect

from core.dokumen import baca_dokumen
from tests.browser.axe import periksa_aksesibilitas

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# What a plain-http address other than localhost lacks (not a secure context).
TANPA_CRYPTO_SUBTLE = """
Object.defineProperty(Crypto.prototype, "subtle", {get() { return undefined; }, configurable: true});
"""


def berkas_uji(tmp_path: Path, dokumen) -> tuple[Path, Path]:
    """The issued PDF as downloaded, and a copy with one byte changed in its middle."""
    data = baca_dokumen(dokumen)
    asli = tmp_path / "SKP_Rudi_Hartono.pdf"
    asli.write_bytes(data)
    ubah = bytearray(data)
    ubah[len(ubah) // 2] ^= 0x01
    diubah = tmp_path / "SKP_Rudi_Hartono_diubah.pdf"
    diubah.write_bytes(bytes(ubah))
    return asli, diubah


def tanpa_kiriman(permintaan: list[Request]) -> None:
    """Nothing carried the file anywhere: no request after the page loaded but the favicon the
    browser asks for by itself, none with a body."""
    dikirim = [(r.method, r.url) for r in permintaan if not r.url.endswith("/favicon.ico")]
    assert dikirim == [], dikirim
    assert all(r.method == "GET" and not r.post_data_buffer for r in permintaan)


def periksa_dua_berkas(page: Page, asli: Path, diubah: Path) -> None:
    hasil = page.locator("#hasil-periksa")
    expect(hasil).to_have_attribute("aria-live", "polite")
    masukan = page.get_by_label("Berkas PDF yang diperiksa")

    masukan.set_input_files(asli)
    expect(hasil).to_contain_text("Berkas cocok dengan dokumen yang diterbitkan.")
    expect(hasil).to_have_class(re.compile(r"\bcocok\b"))
    periksa_aksesibilitas(page, "hasil: cocok")

    masukan.set_input_files(diubah)
    expect(hasil).to_contain_text("Berkas TIDAK cocok dengan dokumen yang diterbitkan.")
    expect(hasil).to_contain_text(hashlib.sha256(diubah.read_bytes()).hexdigest())
    expect(hasil).not_to_contain_text("Berkas cocok")
    periksa_aksesibilitas(page, "hasil: tidak cocok")


def test_warga_memeriksa_berkas_dengan_memilihnya(
    page: Page, live_server, dokumen_terbit, tmp_path
):
    asli, diubah = berkas_uji(tmp_path, dokumen_terbit)
    permintaan: list[Request] = []
    page.goto(live_server.url + reverse("verifikasi_dokumen", args=[dokumen_terbit.token]))
    page.on("request", lambda r: permintaan.append(r))

    expect(page.get_by_role("heading", name="Verifikasi Sasaran Kinerja Pegawai")).to_be_visible()
    # The name, and the NIP with the birth date masked: enough to match a printed copy.
    expect(page.locator("dd").first).to_have_text("Rudi Hartono, A.Md.Kes.")
    expect(page.get_by_text("******** 201903 1 005")).to_be_visible()
    # Who approved it and when.
    expect(page.locator("#pengesahan")).to_contain_text(
        "Disetujui oleh Rina Marlina, S.K.M. (pejabat penilai kinerja) pada "
    )
    isi = page.content()
    for nip in ("19920314", "199203142019031005", "19870908", "198709082011012003"):
        assert nip not in isi, nip
    # localhost is a secure context: the browser's own SHA-256 is used here.
    assert page.evaluate("window.isSecureContext && !!crypto.subtle")
    periksa_aksesibilitas(page)

    periksa_dua_berkas(page, asli, diubah)

    tanpa_kiriman(permintaan)


def test_tanpa_crypto_subtle_sha256_halaman_sendiri(
    browser: Browser, live_server, dokumen_terbit, tmp_path
):
    asli, diubah = berkas_uji(tmp_path, dokumen_terbit)
    konteks = browser.new_context(viewport={"width": 390, "height": 844})
    konteks.add_init_script(TANPA_CRYPTO_SUBTLE)
    page = konteks.new_page()
    permintaan: list[Request] = []
    page.goto(live_server.url + reverse("verifikasi_dokumen", args=[dokumen_terbit.token]))
    page.on("request", lambda r: permintaan.append(r))
    assert page.evaluate("crypto.subtle === undefined")
    periksa_aksesibilitas(page)

    periksa_dua_berkas(page, asli, diubah)
    tanpa_kiriman(permintaan)
    konteks.close()


def test_sha256_halaman_sama_dengan_sha256_standar(page: Page, live_server, dokumen_terbit):
    """The written-out SHA-256 at the lengths where padding changes (55/56/64 bytes), on more
    than one block, and on the whole PDF, against hashlib and the browser's own."""
    page.goto(live_server.url + reverse("verifikasi_dokumen", args=[dokumen_terbit.token]))
    contoh = [b"", b"abc", bytes(range(256)) * 4 + b"x"]
    contoh += [bytes((i * 7 + n) % 256 for i in range(n)) for n in (55, 56, 57, 63, 64, 65, 119)]
    contoh.append(baca_dokumen(dokumen_terbit))
    for data in contoh:
        murni, peramban = page.evaluate(
            """async (bita) => {
                const data = new Uint8Array(bita);
                const buf = await crypto.subtle.digest("SHA-256", data);
                const hex = [...new Uint8Array(buf)].map(b => b.toString(16).padStart(2, "0"));
                return [window.verifikasiBerkas.sha256Murni(data), hex.join("")];
            }""",
            list(data),
        )
        assert murni == peramban == hashlib.sha256(data).hexdigest(), len(data)
    assert (
        hashlib.sha256(b"abc").hexdigest()
        == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    )
