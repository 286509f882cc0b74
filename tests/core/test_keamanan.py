"""Response headers that protect every page: the Content-Security-Policy, and templates that need
nothing it forbids; the health check stays reachable over plain HTTP when HTTPS is enforced."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

TEMPLATES = Path(settings.BASE_DIR) / "templates"

KEBIJAKAN = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "object-src": "'none'",
    "base-uri": "'self'",
    "frame-ancestors": "'none'",
    "form-action": "'self'",
}


def _kebijakan(respons) -> dict[str, str]:
    arahan = [a.strip().split(" ", 1) for a in respons["Content-Security-Policy"].split(";")]
    return {a[0]: a[1] if len(a) > 1 else "" for a in arahan}


@pytest.mark.parametrize(
    "alamat",
    [
        reverse("login"),
        reverse("password_reset"),
        reverse("verifikasi_dokumen", args=["tidak-ada"]),  # the public page, here its 404
        reverse("healthz"),
    ],
)
def test_setiap_respons_membawa_csp(client, db, alamat):
    respons = client.get(alamat)
    assert _kebijakan(respons) == KEBIJAKAN


def test_halaman_masuk_dan_bagian_htmx_membawa_csp(client, pemeran):
    client.force_login(pemeran.pegawai.user)
    for respons in (
        client.get(reverse("beranda")),
        client.get(reverse("skp:daftar"), headers={"HX-Request": "true"}),
    ):
        assert respons.status_code == 200
        assert _kebijakan(respons) == KEBIJAKAN


# What the policy forbids, as it can appear in a template. Templates under skp/cetak/ are
# rendered to PDF by WeasyPrint, never shown by a browser, and keep their print styles inline.
TERLARANG = {
    "<script> tanpa src": re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I),
    "<style>": re.compile(r"<style[\s>]", re.I),
    "atribut style": re.compile(r"\sstyle\s*=", re.I),
    "atribut on...": re.compile(r"\son[a-z]+\s*=", re.I),
    "hx-on": re.compile(r"\b(data-)?hx-on", re.I),
    "hx-vals/hx-vars dengan js:": re.compile(r"hx-va(ls|rs)\s*=\s*['\"]\s*(js|javascript):", re.I),
    "filter [..] di hx-trigger": re.compile(r"hx-trigger\s*=\s*(\"[^\"]*\[|'[^']*\[)", re.I),
    "tautan javascript:": re.compile(r"href\s*=\s*['\"]\s*javascript:", re.I),
}


def _template_halaman() -> list[Path]:
    return [p for p in TEMPLATES.rglob("*.html") if "cetak" not in p.relative_to(TEMPLATES).parts]


# A {# #} comment ends on its own line: Django prints one that runs on as text.
KOMENTAR = re.compile(r"{#[^\n]*?#}|{% comment %}.*?{% endcomment %}", re.S)


def _tanpa_komentar(isi: str) -> str:
    # Template comments never reach the browser; blanked with their line breaks kept.
    return KOMENTAR.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), isi)


def test_template_tidak_memuat_yang_dilarang_csp():
    temuan = [
        f"{p.relative_to(TEMPLATES)}:{isi[: m.start()].count(chr(10)) + 1}: {nama}"
        for p in _template_halaman()
        for isi in [_tanpa_komentar(p.read_text(encoding="utf-8"))]
        for nama, pola in TERLARANG.items()
        for m in pola.finditer(isi)
    ]
    assert temuan == []


def test_komentar_template_satu_baris():
    """Django's {# #} comment cannot span lines: one that does reaches the page as text."""
    temuan = [
        f"{p.relative_to(TEMPLATES)}:{nomor}"
        for p in TEMPLATES.rglob("*.html")
        for nomor, baris in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
        if "{#" in baris and "#}" not in baris[baris.index("{#") :]
    ]
    assert temuan == []


def test_pemeriksaan_template_menemukan_pelanggaran():
    # The scan above must be able to fail: each pattern finds its own example.
    contoh = {
        "<script> tanpa src": "<script>alert(1)</script>",
        "<style>": "<style>p{}</style>",
        "atribut style": '<td style="width: 40%">',
        "atribut on...": '<a onclick="x()">',
        "hx-on": '<input hx-on:keydown="x()">',
        "hx-vals/hx-vars dengan js:": "<div hx-vals='js:{a: 1}'>",
        "filter [..] di hx-trigger": "<input hx-trigger=\"keydown[key=='Enter']\">",
        "tautan javascript:": '<a href="javascript:void(0)">',
    }
    for nama, pola in TERLARANG.items():
        assert pola.search(contoh[nama]), nama
    assert not TERLARANG["<script> tanpa src"].search('<script src="/static/a.js" defer>')


def test_healthz_tanpa_pengalihan_https(client, db, settings):
    # The probe of docker-compose or a load balancer talks plain HTTP to the app itself.
    settings.SECURE_SSL_REDIRECT = True
    assert client.get(reverse("healthz")).status_code == 200
    respons = client.get(reverse("login"))
    assert respons.status_code == 301 and respons.url.startswith("https://")
