"""What the signed-in person's roles allow, for the navbar and home page."""

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from core.peran import peran_dari_request


def peran(request: HttpRequest) -> dict:
    # Lazy: pages that never show the navbar (healthz, downloads) pay no query for it.
    return {"peran": SimpleLazyObject(lambda: peran_dari_request(request))}
