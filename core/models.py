import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone


class ThrottleCounter(models.Model):
    """Requests counted under one key (e.g. password resets for one NIP) in a fixed window that
    starts with the first of them. Rows in the database, not Django's cache: the default cache is
    per process, and gunicorn runs several, each of which would allow the full limit."""

    # sha256 of the key: the key holds what was typed (a NIP or an email), not stored in clear.
    kunci = models.CharField(max_length=64, unique=True)
    jumlah = models.PositiveIntegerField(default=0)
    mulai = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"{self.kunci[:12]}…: {self.jumlah} sejak {self.mulai:%Y-%m-%d %H:%M}"


class PekerjaLatar(models.Model):
    """The lease of one running background worker process (`manage.py db_worker`): renewed by
    the worker every PEKERJA_DETAK_DETIK seconds; older than PEKERJA_LEASE_DETIK means the
    worker is dead and its jobs go back to the queue (core/pekerja.py)."""

    worker_id = models.CharField(max_length=64, primary_key=True)
    host = models.CharField(max_length=255)
    pid = models.PositiveIntegerField()
    mulai = models.DateTimeField()
    detak = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = "pekerja latar belakang"
        verbose_name_plural = "pekerja latar belakang"

    def __str__(self) -> str:
        return f"{self.host}:{self.pid} ({self.worker_id[:8]})"


class StatusSurel(models.TextChoices):
    MENUNGGU = "menunggu", "Menunggu"
    TERKIRIM = "terkirim", "Terkirim"
    GAGAL = "gagal", "Gagal"


class Surel(models.Model):
    """One email to one address, sent by a background job (core/surel.py) and retried with
    backoff while the mail server refuses. The row is what makes it go out once: a job finds
    it TERKIRIM and does nothing."""

    kepada = models.EmailField(max_length=254)
    subjek = models.CharField(max_length=255)
    isi = models.TextField()
    status = models.CharField(
        max_length=10, choices=StatusSurel.choices, default=StatusSurel.MENUNGGU
    )
    percobaan = models.PositiveSmallIntegerField(default=0)
    galat = models.TextField("galat terakhir", blank=True)
    dibuat = models.DateTimeField(default=timezone.now)
    terkirim = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "email"
        verbose_name_plural = "email"
        ordering = ["-dibuat", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=StatusSurel.values), name="surel_status_sah"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.subjek} → {self.kepada} ({self.get_status_display()})"


class StatusEkspor(models.TextChoices):
    MENUNGGU = "menunggu", "Menunggu"
    BERJALAN = "berjalan", "Berjalan"
    SELESAI = "selesai", "Selesai"
    GAGAL = "gagal", "Gagal"


class EksporBerkas(models.Model):
    """A bulk export of signed documents asked for by a user, packed into one ZIP by a background
    worker (core/ekspor.py runs it). Each kind (SKP, Dokumen Evaluasi, ...) is a concrete model
    adding what it selects by (instansi, unit, year or period) and its own `berkas` field."""

    diminta_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    dibuat = models.DateTimeField(default=timezone.now)
    status = models.CharField(
        max_length=10, choices=StatusEkspor.choices, default=StatusEkspor.MENUNGGU
    )
    jumlah = models.PositiveIntegerField(default=0)
    selesai = models.PositiveIntegerField(default=0)
    pesan = models.TextField(blank=True)
    task_id = models.CharField(max_length=64, blank=True)

    class Meta:
        abstract = True

    @property
    def persen(self) -> int:
        return round(100 * self.selesai / self.jumlah) if self.jumlah else 0

    @property
    def berjalan(self) -> bool:
        return self.status in (StatusEkspor.MENUNGGU, StatusEkspor.BERJALAN)


def token_dokumen() -> str:
    return secrets.token_urlsafe(16)


class DokumenBertanda(models.Model):
    """What every signed document stores (the SKP, the evaluation form, the Dokumen Evaluasi,
    the penetapan predikat): `token` keys the public verification page (printed as a QR code
    and a short URL); `sha256` is the fingerprint of the final signed bytes; a row without it
    is a token reserved for a document still being rendered (core.dokumen issues them all).
    Each kind adds its own `berkas` (its folder) and what the document is of."""

    token = models.CharField(max_length=32, unique=True, default=token_dokumen)
    sha256 = models.CharField("sidik jari SHA-256", max_length=64, blank=True, db_index=True)
    # SHA-256 of the signer certificate (DER) it was signed with: verification trusts the
    # certificate recorded here, so documents stay valid after the certificate is renewed.
    sertifikat_sha256 = models.CharField(
        "sidik jari SHA-256 sertifikat penanda tangan", max_length=64, blank=True, db_index=True
    )
    diterbitkan = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def terbit(self) -> bool:
        return bool(self.sha256 and self.berkas)
