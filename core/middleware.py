"""Limits that must hold before anything reads the request body, and the answer while the
database is unreachable."""

import logging
from collections.abc import Callable

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template import loader

logger = logging.getLogger(__name__)


class BatasUnggahMiddleware:
    """Refuses a request whose body is larger than UNGGAH_MAKS_BYTES with 413 and an Indonesian
    page, before the CSRF check or a view parses it: otherwise Django streams every uploaded
    file to memory or a temporary file first, and a form's size check comes only afterwards
    (a 200 MB upload reached the disk). Django reads exactly Content-Length bytes (none
    without one, as with a chunked body), so checking the declared length bounds what is read.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            panjang = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            panjang = 0  # Django then reads no body at all
        if panjang > settings.UNGGAH_MAKS_BYTES:
            return render(
                request,
                "413.html",
                {"ukuran": panjang, "batas": settings.UNGGAH_MAKS_BYTES},
                status=413,
            )
        return self.get_response(request)


BASIS_DATA_PUTUS = (OperationalError, InterfaceError)


def basis_data_tidak_tersedia() -> HttpResponse:
    """The 503 page while the database cannot be reached (restarting, connections closed by the
    server, a deadlock or lock timeout): rendered without a request context, since the context
    processors would ask the database again. The transaction of the request was rolled back."""
    respons = HttpResponse(loader.render_to_string("503.html"), status=503)
    respons["Retry-After"] = "30"
    respons["Cache-Control"] = "no-store"
    return respons


class BasisDataPutusMiddleware:
    """A view that loses the database gets the 503 page instead of a 500 (also with DEBUG on,
    where Django would show its debug page). A failure in a middleware (the session, the
    login) is answered the same by `core.views.galat_server`, the handler500."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, BASIS_DATA_PUTUS):
            logger.warning("Basis data tidak tersedia (%s): %s", request.path, exception)
            return basis_data_tidak_tersedia()
        return None
