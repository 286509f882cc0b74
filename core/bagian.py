"""A page's expensive part kept rendered between requests while the data it shows is unchanged.

The dashboards (Dasbor Kinerja, Dasbor Tim, Monitoring Pengisian and Kurva) spend most of their
time working out and rendering one partial from data that changes far less often than it is
read. `halaman_tersimpan` keeps that partial's HTML under the versions of the data it reads
(core/versi.py), so the next request after any write to that data renders it afresh.

The partial is rendered without the request: no context processor runs, so nothing of the
viewer (login, messages) can enter the kept HTML and one viewer's page is never served to
another. Its forms get a stand-in for the CSRF token, replaced by the viewer's own token on every
request. The caller checks access first, and `pertanyaan` names everything the part varies by
(the person or instansi shown, the viewer where what they may do shows, the period, the day)."""

import zlib
from collections.abc import Callable, Hashable, Iterable

from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from core import versi

# What the kept HTML holds where a form's CSRF token goes: passed as safe, so it renders raw,
# with its "<" unescaped. Anything a user typed is escaped ("<" becomes "&lt;"), so no user text
# can ever render as it and be replaced by the viewer's token (a name, a comment or a link
# typed as "<token-csrf>" would otherwise show the token, or send it elsewhere on a click).
_PENGGANTI_CSRF = mark_safe("<token-csrf>")


def nomor_halaman(teks: str) -> int:
    """The page number asked for (?hal=, ?halaman=) as a key of a kept part: only a number makes
    one; anything else is the first page, as Paginator.get_page shows it."""
    return int(teks) if teks.isdigit() and len(teks) <= 6 else 1


def html_tersimpan(
    request: HttpRequest,
    templat: str,
    pertanyaan: Hashable,
    tergantung: Iterable[str],
    hitung_konteks: Callable[[], dict],
) -> SafeString:
    """`templat` (a template, or a partial as "file.html#name") rendered from
    `hitung_konteks()` only when not kept, with the viewer's own CSRF token."""

    def hitung() -> bytes:
        konteks = {**hitung_konteks(), "csrf_token": _PENGGANTI_CSRF}
        return zlib.compress(render_to_string(templat, konteks).encode())

    # Kept compressed: an SKP page is about 60 KB of HTML and 9 KB compressed (Penilaian
    # Bawahan 170 KB and 16 KB), so the same memory (redis's maxmemory, docker-compose.yml)
    # keeps six to ten times as many parts; unpacking one costs under a fifth of a
    # millisecond. ("bagian-z2": never what an earlier release kept, still in a shared cache
    # during an upgrade: the plain text under "bagian", the escaped stand-in under "bagian-z".)
    kunci = ("bagian-z2", templat, pertanyaan)
    html = zlib.decompress(versi.ingat(kunci, tergantung, hitung)).decode()
    if _PENGGANTI_CSRF in html:
        html = html.replace(_PENGGANTI_CSRF, get_token(request))
    return mark_safe(html)  # our own template's output, escaped when it was rendered


def halaman_tersimpan(
    request: HttpRequest,
    templat: str,
    bagian: str,
    pertanyaan: Hashable,
    tergantung: Iterable[str],
    hitung_konteks: Callable[[], dict],
    konteks_halaman: Callable[[], dict],
) -> HttpResponse:
    """`templat`, whose partial `bagian` (defined in it, shown where the page prints
    `bagian_tersimpan`) is rendered from `hitung_konteks()` only when not kept. An htmx request
    gets the partial alone; a full page adds `konteks_halaman()`, what the rest of it shows."""
    html = html_tersimpan(request, f"{templat}#{bagian}", pertanyaan, tergantung, hitung_konteks)
    # (htmx restoring a page from history after its cache missed asks for the whole page.)
    if request.htmx and not request.htmx.history_restore_request:
        return HttpResponse(html)
    return render(request, templat, {**konteks_halaman(), "bagian_tersimpan": html})
