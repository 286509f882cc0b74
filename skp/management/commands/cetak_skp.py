"""Writes the signed PDF of every approved SKP of a year (optionally of a unit and its sub-units,
or of one NIP) into a directory, as `<NIP>_<tahun>_v<versi>.pdf`. Uses the stored documents,
issuing the ones not yet issued. Exit status 1 when nothing matched."""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from organisasi.models import UnitKerja
from skp.ekspor import TIDAK_ADA, skp_untuk_dicetak
from skp.verifikasi import baca_dokumen, nama_berkas, terbitkan


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
        for skp in daftar:
            (keluaran / nama_berkas(skp)).write_bytes(baca_dokumen(terbitkan(skp)))
        self.stdout.write(f"{len(daftar)} berkas PDF ditulis ke {keluaran}")
