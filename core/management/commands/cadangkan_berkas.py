"""Writes every stored file (signed documents, bukti dukung, export ZIPs) into one tar, with the
SHA-256 of each, for the backup (deploy/cadangkan.sh; core/cadangan.py)."""

import sys

from django.core.management.base import BaseCommand, CommandParser

from core.cadangan import cadangkan


class Command(BaseCommand):
    help = "Mencadangkan semua berkas tersimpan ke satu arsip tar (ARSIP, atau - untuk stdout)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("arsip", metavar="ARSIP", help="berkas tar tujuan, atau - (stdout)")

    def handle(self, *args: object, arsip: str, **options: object) -> None:
        if arsip == "-":
            ringkasan = cadangkan(sys.stdout.buffer)
            sys.stdout.buffer.flush()
        else:
            with open(arsip, "xb") as tujuan:  # never over an earlier backup
                ringkasan = cadangkan(tujuan)
        # On stderr: stdout may be the archive itself.
        self.stderr.write(f"{ringkasan.jumlah} berkas ({ringkasan.byte / 1e6:.1f} MB) dicadangkan.")
