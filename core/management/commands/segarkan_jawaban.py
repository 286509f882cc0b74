"""Forgets every answer kept between requests (core/versi.py) by giving all data new versions.
Run it after the database was changed behind the application's back (a restore with
pg_restore, a hand-made SQL fix): such changes send no signal, and a shared cache (redis) would
otherwise go on answering from the old data for up to an hour. deploy/pulihkan.sh runs it."""

from django.core.management.base import BaseCommand

from core.versi import VERSI, naikkan


class Command(BaseCommand):
    help = "Melupakan semua jawaban tersimpan (setelah basis data diubah di luar aplikasi)."

    def handle(self, *args: object, **options: object) -> None:
        naikkan(*sorted(VERSI))
        self.stdout.write(f"Versi data diperbarui: {', '.join(sorted(VERSI))}.")
