"""python manage.py impor_renstra FILE --unit KODE_UNIT --periode 2025-2029 [--instansi NAMA] [--dry-run]"""

import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from organisasi.models import UnitKerja
from perencanaan import impor, services
from perencanaan.models import SumberImpor


class Command(BaseCommand):
    help = (
        "Mengimpor Renstra (tujuan, sasaran, indikator, target) dan Renja (program, kegiatan, "
        "sub kegiatan) satu perangkat daerah dari berkas XLSX/CSV."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("berkas", help="Berkas .xlsx (sheet Renstra dan Renja) atau .csv")
        parser.add_argument("--unit", required=True, help="Kode unit kerja (OPD), misalnya 1.02.")
        parser.add_argument("--periode", required=True, help="Periode Renstra, misalnya 2025-2029.")
        parser.add_argument(
            "--instansi", help="Nama instansi, bila kode unit yang sama ada di beberapa instansi."
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Hanya periksa dan tampilkan ringkasan."
        )

    def _unit(self, kode: str, instansi: str | None) -> UnitKerja:
        qs = UnitKerja.objects.filter(kode=kode.strip()).select_related("instansi")
        if instansi:
            qs = qs.filter(instansi__nama__iexact=" ".join(instansi.split()))
        unit = list(qs[:10])
        if not unit:
            di = f" di instansi '{instansi}'" if instansi else ""
            raise CommandError(f"Unit kerja dengan kode {kode} tidak ditemukan{di}.")
        if len(unit) > 1:
            nama = "; ".join(u.instansi.nama for u in unit)
            raise CommandError(
                f"Kode unit {kode} ada di beberapa instansi ({nama}); sebutkan --instansi."
            )
        return unit[0]

    def handle(self, *args, **options) -> None:
        jalur = Path(options["berkas"])
        if not jalur.is_file():
            raise CommandError(f"Berkas tidak ditemukan: {jalur}")
        try:
            periode = impor.baca_periode(options["periode"])
        except ValueError as e:
            raise CommandError(f"--periode tidak sah: {e}") from e
        unit = self._unit(options["unit"], options["instansi"])
        mulai = time.perf_counter()
        with jalur.open("rb") as berkas, transaction.atomic():
            rencana = impor.rencanakan(
                unit,
                impor.baca_berkas_renstra(
                    berkas, jalur.name, maks_bytes=settings.IMPOR_MAKS_BYTES, periode=periode
                ),
            )
            if not rencana.masalah and not options["dry_run"]:
                services.impor_langsung(
                    unit=unit, rencana=rencana, nama_berkas=jalur.name, sumber=SumberImpor.PERINTAH
                )
        detik = time.perf_counter() - mulai
        if rencana.masalah:
            for m in rencana.masalah:
                self.stderr.write(str(m))
            raise CommandError(
                f"{len(rencana.masalah)} masalah ditemukan; tidak ada data yang diubah."
            )
        self._cetak(unit, rencana, dry_run=options["dry_run"], detik=detik)

    def _cetak(
        self, unit: UnitKerja, rencana: impor.Rencana, *, dry_run: bool, detik: float
    ) -> None:
        awalan = "[uji coba, tidak ada yang ditulis] " if dry_run else ""
        self.stdout.write(f"{awalan}Renstra {unit.kode} {unit.nama} {rencana.periode}")
        for jenis in impor.JENIS:
            h = rencana.hitungan[jenis]
            baris = f"{awalan}{impor.LABEL_JENIS[jenis]}: {h.baru} baru, {h.diubah} diubah, {h.tetap} tidak berubah"
            if h.jumlah_hilang:
                baris += f", {h.jumlah_hilang} tidak ada lagi di berkas (dibiarkan)"
            self.stdout.write(baris)
            for label in h.hilang[:20]:
                self.stdout.write(f"  tidak ada lagi di berkas: {label}")
        # What the web preview makes the admin tick, said here too (the command asks nothing).
        for label, b in rencana.rincian.penting():
            self.stdout.write(f"{awalan}Perlu perhatian, {label.lower()} {b.kunci}: {b.penting}")
            for catatan in b.catatan:
                self.stdout.write(f"  {catatan}")
        if not rencana.ada_perubahan:
            self.stdout.write("Tidak ada perubahan: semua data dalam berkas sudah sama.")
        self.stdout.write(
            f"{len(rencana.renstra)} baris Renstra dan {len(rencana.renja)} baris Renja "
            f"diproses dalam {detik:.1f} detik."
        )
