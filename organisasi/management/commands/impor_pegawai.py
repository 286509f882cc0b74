"""python manage.py impor_pegawai FILE --instansi "NAMA INSTANSI" [--dry-run]"""

import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from organisasi import impor
from organisasi.models import Instansi


class Command(BaseCommand):
    help = (
        "Mengimpor unit kerja, jabatan, dan pegawai dari berkas XLSX/CSV (satu baris per pegawai)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("berkas", help="Berkas .xlsx atau .csv")
        parser.add_argument(
            "--instansi", required=True, help="Nama instansi; dibuat bila belum ada."
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Hanya periksa dan tampilkan ringkasan."
        )

    def handle(self, *args, **options) -> None:
        jalur = Path(options["berkas"])
        if not jalur.is_file():
            raise CommandError(f"Berkas tidak ditemukan: {jalur}")
        nama = " ".join(options["instansi"].split())
        mulai = time.perf_counter()
        with jalur.open("rb") as berkas, transaction.atomic():
            instansi = Instansi.objects.filter(nama__iexact=nama).first()
            if instansi is None:
                # A new instansi is created with the import and rolled back with it on a problem.
                # In a dry run it stays unsaved: pk 0 matches nothing, so everything counts as new.
                instansi = (
                    Instansi(pk=0, nama=nama)
                    if options["dry_run"]
                    else Instansi.objects.create(nama=nama)
                )
            rencana = impor.rencanakan(
                instansi,
                impor.baca_berkas_pegawai(berkas, jalur.name, maks_bytes=settings.IMPOR_MAKS_BYTES),
            )
            if rencana.masalah:
                transaction.set_rollback(True)
            elif not options["dry_run"] and rencana.ada_perubahan:
                impor.terapkan(instansi, rencana)
        detik = time.perf_counter() - mulai
        if rencana.masalah:
            for m in rencana.masalah:
                self.stderr.write(str(m))
            raise CommandError(
                f"{len(rencana.masalah)} masalah ditemukan; tidak ada data yang diubah."
            )
        self._cetak(rencana, dry_run=options["dry_run"], detik=detik)

    def _cetak(self, rencana: impor.Rencana, *, dry_run: bool, detik: float) -> None:
        awalan = "[uji coba, tidak ada yang ditulis] " if dry_run else ""
        for label, h in (
            ("Unit kerja", rencana.unit),
            ("Jabatan", rencana.jabatan),
            ("Pegawai", rencana.pegawai),
        ):
            self.stdout.write(
                f"{awalan}{label}: {h.baru} baru, {h.diubah} diubah, {h.tetap} tidak berubah"
            )
        # What the web preview makes the admin tick, said here too (the command asks nothing).
        for label, b in rencana.rincian.penting():
            self.stdout.write(f"{awalan}Perlu perhatian, {label.lower()} {b.kunci}: {b.penting}")
        if rencana.tidak_disebut:
            self.stdout.write(
                f"{rencana.tidak_disebut} pegawai aktif tidak ada dalam berkas (dibiarkan)."
            )
        if not rencana.ada_perubahan:
            self.stdout.write("Tidak ada perubahan: semua data dalam berkas sudah sama.")
        self.stdout.write(f"{len(rencana.baris)} baris diproses dalam {detik:.1f} detik.")
