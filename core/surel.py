"""Email through the job queue: nothing a person does waits on the mail server, and nothing is
lost while it is down.

`antre` records the mail (`Surel`, status MENUNGGU) and queues `kirim_surel` in the same
transaction, so there is never a mail without its job nor a job without its mail. The job sends
it under a row lock and marks it TERKIRIM; a job that finds it TERKIRIM already (a second copy,
a job run again after its worker died) does nothing, so a mail goes out once. While the server
refuses, the job records the error and queues itself again after SUREL_JEDA_AWAL_DETIK, doubled
at each attempt (at most SUREL_JEDA_MAKS_DETIK), up to SUREL_MAKS_PERCOBAAN attempts; then the
mail is GAGAL with the last error (the Django admin lists them).

Once only up to the mail server's acceptance: a worker killed after the server accepted a mail
but before its row was marked sends it again when the job is run again (at least once, never
lost)."""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from core.models import StatusSurel, Surel

logger = logging.getLogger(__name__)

# The backend that sends nothing: mail is switched off (seed_demo's workflow uses it).
MATI = "django.core.mail.backends.dummy.EmailBackend"


def antre(*, kepada: str, subjek: str, isi: str) -> Surel | None:
    """Records the mail to `kepada` and queues its sending; None when there is no address or
    mail is switched off. Call it once the change it reports has committed."""
    if not kepada or settings.EMAIL_BACKEND == MATI:
        return None
    with transaction.atomic():
        surel = Surel.objects.create(kepada=kepada, subjek=subjek[:255], isi=isi)
        kirim_surel.enqueue(surel.pk)
    return surel


def jeda(percobaan: int) -> timedelta:
    """How long to wait after the `percobaan`-th failed attempt."""
    detik = settings.SUREL_JEDA_AWAL_DETIK * 2 ** max(percobaan - 1, 0)
    return timedelta(seconds=min(detik, settings.SUREL_JEDA_MAKS_DETIK))


def _antre_ulang(surel: Surel) -> None:
    tugas = kirim_surel
    if tugas.get_backend().supports_defer:
        tugas = tugas.using(run_after=timezone.now() + jeda(surel.percobaan))
    tugas.enqueue(surel.pk)


@task()
def kirim_surel(surel_id: int) -> str:
    """Sends one queued mail (or nothing, when it went out already); returns its status."""
    with transaction.atomic():
        surel = Surel.objects.select_for_update().filter(pk=surel_id).first()
        if surel is None or surel.status != StatusSurel.MENUNGGU:
            return surel.status if surel else "hilang"
        surel.percobaan += 1
        try:
            EmailMessage(
                subject=surel.subjek,
                body=surel.isi,
                from_email=settings.DEFAULT_FROM_EMAIL,
                to=[surel.kepada],
            ).send()
        except Exception as e:  # refused, unreachable, timed out: try again later
            surel.galat = (f"{type(e).__name__}: {e}" if str(e) else type(e).__name__)[:2000]
            if surel.percobaan >= settings.SUREL_MAKS_PERCOBAAN:
                surel.status = StatusSurel.GAGAL
                logger.error("Email %s ke %s gagal: %s", surel.pk, surel.kepada, surel.galat)
            else:
                logger.warning(
                    "Email %s ke %s belum terkirim (percobaan %d): %s",
                    surel.pk, surel.kepada, surel.percobaan, surel.galat,
                )  # fmt: skip
        else:
            surel.status = StatusSurel.TERKIRIM
            surel.terkirim = timezone.now()
            surel.galat = ""
        surel.save(update_fields=["status", "percobaan", "galat", "terkirim"])
        if surel.status == StatusSurel.MENUNGGU:
            # In the same transaction: the attempt is counted only with its follow-up job.
            _antre_ulang(surel)
    return surel.status
