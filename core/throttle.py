"""Throttling of sign-in, password reset and account activation, and the client address they
count by.

Sign-in failures are counted by django-axes (settings.AXES_*), with `LoginHandler` adding a
limit per address across NIPs; password-reset requests and activation attempts are counted here
(`hitung`; an activation that succeeds gives its count back with `kembalikan`)."""

import hashlib
import ipaddress
import logging
import math
from datetime import timedelta

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.db import transaction
from django.db.models import F, Sum
from django.http import HttpRequest
from django.utils import timezone

from core.models import ThrottleCounter

log = logging.getLogger(__name__)


def client_ip(request: HttpRequest) -> str | None:
    """The address of the person making the request.

    Without a trusted proxy (DJANGO_TRUSTED_PROXIES=0, the default) it is REMOTE_ADDR: any
    X-Forwarded-For is written by the client and ignored, or one person could pose as a new
    address on every attempt. With N trusted proxies in front, each appends the address it
    received the request from, so the N-th entry from the right is the one the outermost proxy
    saw: the client. Entries left of it were sent by the client and are never used."""
    remote = request.META.get("REMOTE_ADDR")
    jumlah_proxy = settings.TRUSTED_PROXIES
    if jumlah_proxy <= 0:
        return remote
    daftar = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    daftar = [a for a in daftar if a]
    if len(daftar) < jumlah_proxy:
        # Not through all the proxies (e.g. the container's own health check): the peer is
        # the client.
        return remote
    calon = daftar[-jumlah_proxy]
    try:
        return str(ipaddress.ip_address(calon))
    except ValueError:
        log.warning(
            "X-Forwarded-For %r: entry %r from the trusted proxy is not an IP address; "
            "check DJANGO_TRUSTED_PROXIES and the proxy configuration.",
            request.META.get("HTTP_X_FORWARDED_FOR"),
            calon,
        )
        return remote


class LoginHandler(AxesDatabaseHandler):
    """django-axes' database handler with a second limit. AXES_LOCKOUT_PARAMETERS counts per NIP
    and address (AXES_FAILURE_LIMIT), so one office behind a NAT address is not locked out by
    one person's typos; but NIPs are not secret, and a few guesses at each of many NIPs stayed
    under that limit. So failures from one address across all NIPs are counted too, and reaching
    LOGIN_GAGAL_MAKS_PER_ALAMAT within the cool-off time locks the address like reaching the
    per-NIP limit does (same lockout page, same cool-off)."""

    def get_failures(self, request, credentials: dict | None = None) -> int:
        per_nip = super().get_failures(request, credentials)
        percobaan = AccessAttempt.objects.filter(ip_address=request.axes_ip_address)
        if settings.AXES_COOLOFF_TIME is not None:
            percobaan = percobaan.filter(attempt_time__gte=get_cool_off_threshold(request))
        per_alamat = percobaan.aggregate(n=Sum("failures_since_start"))["n"] or 0
        if per_alamat >= settings.LOGIN_GAGAL_MAKS_PER_ALAMAT:
            return max(per_nip, get_failure_limit(request, credentials))
        return per_nip


def _hash(kunci: str) -> str:
    return hashlib.sha256(kunci.encode()).hexdigest()


def hitung(*, batas: dict[str, int], jendela: timedelta) -> timedelta | None:
    """Counts one request under every key of `batas` (key -> most requests per window). When a
    key has already reached its limit, nothing is counted and the time until that key's window
    ends is returned (the longest, if several); None means the request may go ahead."""
    sekarang = timezone.now()
    maks = {_hash(kunci): nilai for kunci, nilai in batas.items()}
    with transaction.atomic():
        ThrottleCounter.objects.filter(mulai__lte=sekarang - jendela).delete()
        ThrottleCounter.objects.bulk_create(
            [ThrottleCounter(kunci=k, jumlah=0, mulai=sekarang) for k in maks],
            ignore_conflicts=True,
        )
        # Locked in one order, so two requests sharing keys never wait on each other in a cycle.
        baris = list(
            ThrottleCounter.objects.select_for_update().filter(kunci__in=maks).order_by("kunci")
        )
        penuh = [b for b in baris if b.jumlah >= maks[b.kunci]]
        if penuh:
            return max(b.mulai + jendela for b in penuh) - sekarang
        ThrottleCounter.objects.filter(pk__in=[b.pk for b in baris]).update(jumlah=F("jumlah") + 1)
    return None


def kembalikan(kunci: list[str]) -> None:
    """Takes back one request `hitung` counted under each key: for an attempt that succeeded,
    so that only failures use up the allowance (as for sign-in, where only failures count).
    Counted first and given back after, so parallel attempts can never slip past the limit."""
    ThrottleCounter.objects.filter(kunci__in=[_hash(k) for k in kunci], jumlah__gt=0).update(
        jumlah=F("jumlah") - 1
    )


def durasi_teks(durasi: timedelta) -> str:
    """A wait as people say it: "15 menit", "1 jam 5 menit" (rounded up to the minute, so the
    wait is never shorter than said)."""
    menit = max(1, math.ceil(durasi.total_seconds() / 60))
    jam, menit = divmod(menit, 60)
    bagian = [f"{jam} jam"] if jam else []
    if menit:
        bagian.append(f"{menit} menit")
    return " ".join(bagian)
