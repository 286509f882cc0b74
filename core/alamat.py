"""The address people open the app at, for links that leave the browser: in emails, under the QR
code of a signed SKP, on an activation letter.

`SITE_URL` when it is set (production should set it). Otherwise the address of the request
being served, so a server started on another host or port (`make run PORT=8100`, a LAN address)
prints links that work. Work done for a request but outside the view's own code (mail and PDFs
sent after the commit) finds that request through `AlamatPermintaanMiddleware`. Work with no
request at all (the background worker) falls back to the configured hosts: the first https
origin of CSRF_TRUSTED_ORIGINS, else its first origin, else the first host of ALLOWED_HOSTS that
is not a wildcard.
"""

from collections.abc import Callable
from contextvars import ContextVar

from django.conf import settings
from django.http import HttpRequest, HttpResponse

_permintaan: ContextVar[HttpRequest | None] = ContextVar("permintaan_berjalan", default=None)


def alamat_situs(request: HttpRequest | None = None) -> str:
    """Scheme, host and port, without a trailing slash: "https://skp.contoh.go.id"."""
    if settings.SITE_URL:
        return settings.SITE_URL.rstrip("/")
    request = request or _permintaan.get()
    if request is not None:
        # get_host() only answers with a host ALLOWED_HOSTS accepts (400 otherwise), so a
        # forged Host header cannot put another site's address into a link.
        return f"{request.scheme}://{request.get_host()}"
    return alamat_dari_pengaturan()


def alamat_dari_pengaturan() -> str:
    asal = [a.rstrip("/") for a in settings.CSRF_TRUSTED_ORIGINS if "*" not in a]
    https = [a for a in asal if a.startswith("https://")]
    if https or asal:
        return (https or asal)[0]
    host = next(
        (h for h in settings.ALLOWED_HOSTS if h and "*" not in h and not h.startswith(".")),
        "localhost",
    )
    skema = "https" if getattr(settings, "SECURE_SSL_REDIRECT", False) else "http"
    return f"{skema}://{host}"


class AlamatPermintaanMiddleware:
    """Keeps the request being served where `alamat_situs()` finds it, for as long as it is
    served (a ContextVar: each thread or task sees only its own)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _permintaan.set(request)
        try:
            return self.get_response(request)
        finally:
            _permintaan.reset(token)
