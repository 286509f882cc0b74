"""Checks a PDF: its PAdES signature, and that it is byte for byte a document this system issued,
signed by the certificate recorded when it was issued (so documents signed before a certificate
renewal still pass; no certificate needs to be configured to check). Exit status 0 when valid,
1 otherwise, with the reason."""

import sys
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandParser

from core.dokumen import verifikasi_berkas


class Command(BaseCommand):
    help = "Memeriksa tanda tangan elektronik dan sidik jari berkas PDF yang diterbitkan (SKP, evaluasi kinerja)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("berkas", metavar="FILE", help="berkas PDF yang diperiksa")

    def handle(self, *args: object, berkas: str, **options: object) -> None:
        path = Path(berkas)
        if not path.is_file():
            self.stderr.write(f"Berkas tidak ditemukan: {path}")
            sys.exit(1)
        try:
            hasil = verifikasi_berkas(path.read_bytes())
        except ImproperlyConfigured as e:
            self.stderr.write(f"Tidak dapat memeriksa: {e}")
            sys.exit(1)
        if not hasil.sah:
            self.stderr.write(f"TIDAK SAH: {hasil.pesan}")
            sys.exit(1)
        self.stdout.write(hasil.pesan)
