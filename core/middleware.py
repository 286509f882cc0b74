"""Limits that must hold before anything reads the request body."""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


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
