"""Writes the files of a backup tar (made by cadangkan_berkas) into the storage, each under its
own name, and checks each against the archive's SHA-256 list (deploy/pulihkan.sh)."""

import sys

from django.core.management.base import BaseCommand, CommandError, CommandParser

from core.cadangan import ArsipRusak, pulihkan


class Command(BaseCommand):
    help = "Memulihkan berkas dari arsip tar cadangan (ARSIP, atau - untuk stdin)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("arsip", metavar="ARSIP", help="arsip tar, atau - (stdin)")

    def handle(self, *args: object, arsip: str, **options: object) -> None:
        try:
            if arsip == "-":
                ringkasan = pulihkan(sys.stdin.buffer)
            else:
                with open(arsip, "rb") as sumber:
                    ringkasan = pulihkan(sumber)
        except ArsipRusak as e:
            raise CommandError(f"Pemulihan berkas gagal: {e}") from None
        self.stdout.write(
            f"{ringkasan.jumlah} berkas ({ringkasan.byte / 1e6:.1f} MB) dipulihkan dan cocok "
            "dengan daftar SHA-256 arsip."
        )
