"""Writes the signed PDF of every approved SKP of a year (optionally of a unit and its sub-units,
or of one NIP) into a directory, as `<NIP>_<tahun>_v<versi>.pdf`. Uses the stored documents,
issuing the ones not yet issued. An SKP whose document cannot be made is named (with its NIP) on
stderr and the others are still written. Exit status 1 when nothing matched, when any SKP
failed, or when a document must be signed and no certificate is configured."""

import sys
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError, CommandParser

from organisasi.models import UnitKerja
from skp.ekspor import TIDAK_ADA, GagalCetak, dokumen_satu_per_satu, skp_untuk_dicetak
from skp.verifikasi import nama_berkas


class Command(BaseCommand):
    help = "Mencetak PDF bertanda tangan setiap SKP yang disetujui ke sebuah direktori."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--tahun", type=int, required=True)
        parser.add_argument("--output-dir", required=True, type=Path)
        parser.add_argument("--unit", help="kode unit kerja (termasuk sub-unitnya)")
        parser.add_argument("--nip")

    def handle(self, *args: object, **o: object) -> None:
        unit_ids = None
        if o["unit"]:
            unit_ids = list(UnitKerja.objects.filter(kode=o["unit"]).values_list("pk", flat=True))
            if not unit_ids:
                raise CommandError(f"Unit kerja dengan kode {o['unit']} tidak ditemukan.")
        daftar = list(skp_untuk_dicetak(o["tahun"], unit_ids=unit_ids, nip=o["nip"]))
        if not daftar:
            self.stderr.write(TIDAK_ADA)
            sys.exit(1)
        keluaran: Path = o["output_dir"]
        keluaran.mkdir(parents=True, exist_ok=True)
        ditulis, gagal = 0, 0
        try:
            for skp, data in dokumen_satu_per_satu(daftar):
                if isinstance(data, GagalCetak):
                    gagal += 1
                    self.stderr.write(f"GAGAL: {data}")
                    continue
                (keluaran / nama_berkas(skp)).write_bytes(data)
                ditulis += 1
        except ImproperlyConfigured as e:
            self.stderr.write(f"Dokumen SKP tidak dapat ditandatangani: {e}")
            sys.exit(1)
        self.stdout.write(f"{ditulis} berkas PDF ditulis ke {keluaran}")
        if gagal:
            self.stderr.write(f"{gagal} dari {len(daftar)} SKP gagal dicetak (lihat di atas).")
            sys.exit(1)
