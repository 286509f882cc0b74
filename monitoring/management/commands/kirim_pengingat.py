"""The daily reminder digest (monitoring/services/pengingat.py), for a cron line or a systemd
timer (deploy/systemd/skp-pengingat.timer). Exit status: 0 when done, or when another run holds
the lock (it says so and sends nothing); 1 when some digests could not be written (they are
tried again by the next run); 2 on bad arguments."""

import sys
from datetime import date

from django.core.management.base import CommandParser
from django.utils import timezone

from core.pdf import tanggal_indonesia
from core.perintah import PerintahIndonesia
from monitoring.services.pengingat import SedangBerjalan, kirim_pengingat, satu_jalan


class Command(PerintahIndonesia):
    help = (
        "Mengirim pengingat harian (notifikasi dan email, satu ringkasan per orang per hari): "
        "jendela realisasi yang akan ditutup, realisasi bawahan yang menunggu penilaian, tindak "
        "lanjut dialog kinerja, dan ringkasan mingguan untuk admin (hari Senin)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--tanggal", help="hari pengingat, YYYY-MM-DD (bawaan: hari ini)")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="hanya menampilkan siapa akan menerima apa; tidak menulis dan tidak mengirim",
        )

    def handle(self, *args: object, **o: object) -> None:
        teks = (o["tanggal"] or "").strip()
        if teks:
            try:
                tanggal = date.fromisoformat(teks)
            except ValueError:
                self.gagal(
                    f"--tanggal '{teks}' tidak sah: tulis sebagai YYYY-MM-DD, mis. 2026-04-07."
                )
        else:
            tanggal = timezone.localdate()
        if o["dry_run"]:  # reads only (rolled back): no lock needed, nothing to guard
            hasil = kirim_pengingat(tanggal=tanggal, dry_run=True)
            self._uji_coba(tanggal, hasil)
            return
        try:
            with satu_jalan():
                hasil = kirim_pengingat(tanggal=tanggal)
        except SedangBerjalan:
            self.stdout.write(
                "Pengiriman pengingat lain sedang berjalan; perintah ini berhenti tanpa "
                "mengirim apa pun."
            )
            return
        hari = tanggal_indonesia(tanggal)
        self.stdout.write(
            f"Pengingat {hari}: {hasil.penerima} orang diberi notifikasi, {hasil.surel} email "
            f"diantrekan, {hasil.tanpa_surel} tanpa alamat email, {hasil.sudah} sudah menerima "
            f"pengingat hari ini, {hasil.diulang} email gagal diantrekan ulang."
        )
        if hasil.gagal:
            self.stderr.write(
                f"{len(hasil.gagal)} pengingat gagal dan akan dicoba lagi pada jalan berikutnya:"
            )
            for g in hasil.gagal:
                self.stderr.write(f"  {g}")
            sys.exit(1)

    def _uji_coba(self, tanggal: date, hasil) -> None:
        hari = tanggal_indonesia(tanggal)
        self.stdout.write(f"Uji coba (tidak ada yang ditulis atau dikirim) untuk {hari}:")
        for nama, email, bagian in hasil.rincian:
            self.stdout.write(f"* {nama} <{email or 'tanpa email: hanya notifikasi'}>")
            for b in bagian:
                self.stdout.write(f"    {b.judul}")
                for baris in b.baris:
                    self.stdout.write(f"      - {baris}")
        self.stdout.write(
            f"{hasil.penerima} orang akan menerima pengingat; {hasil.sudah} sudah menerima "
            "pengingat hari ini."
        )
