from django.db import models


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
