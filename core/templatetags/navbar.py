"""The signed-in navbar, kept rendered between requests (core/bagian.py).

Every page shows it, and working it out costs each request the person's roles (four cached
lookups), the Kotak Masuk count and a dozen URL reversals: more than the rest of the lightest
page. What it shows varies only by the login (its name, superuser flag), the day (a Plt/Plh
starts or ends with the date), the organisation and the SKP rows (roles, Kotak Masuk) and the
unread notifications, which are counted on every request and are part of the key."""

from django import template
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString

from core.bagian import html_tersimpan
from core.peran import notifikasi_belum_dibaca, peran_dari_request

register = template.Library()

TEMPLAT = "_navbar.html"


@register.simple_tag(takes_context=True)
def navbar(context: template.Context) -> SafeString:
    request = context.get("request")
    if request is None:  # rendered without a request (no key to keep it under): as it is
        return render_to_string(TEMPLAT, {"user": context["user"], "peran": context["peran"]})
    user = request.user
    # After the view: a page that marked notifications read shows the new count.
    jumlah_notifikasi = notifikasi_belum_dibaca(request)

    def hitung_konteks() -> dict:
        peran = peran_dari_request(request)
        peran.kenal_jumlah_notifikasi(jumlah_notifikasi)
        return {"user": user, "peran": peran}

    pertanyaan = (
        "navbar",
        user.pk,
        user.get_username(),
        user.is_superuser,
        timezone.localdate(),
        jumlah_notifikasi,
    )
    return html_tersimpan(request, TEMPLAT, pertanyaan, ("skp", "organisasi"), hitung_konteks)
