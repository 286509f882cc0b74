"""The angka kredit of a pejabat fungsional for one predikat over some months, from the command
line: "18,75" (Indonesian decimal comma) or, with --json, the figures behind it. Exit status 2
with an Indonesian message on a bad jenjang, predikat or month count."""

import json
from fractions import Fraction

from django.core.management.base import CommandParser

from core.perintah import PerintahIndonesia
from organisasi.models import Jenjang
from penilaian.angka_kredit import (
    KOEFISIEN,
    PERSENTASE,
    angka_kredit,
    baca_jenjang,
    dibulatkan,
    tampil,
)
from penilaian.distribusi import baca_predikat
from penilaian.kuadran import Predikat

PILIHAN_JENJANG = ", ".join(j.label for j in Jenjang)
PILIHAN_PREDIKAT = ", ".join(p.label for p in Predikat)


class Command(PerintahIndonesia):
    requires_system_checks: list[str] = []  # pure arithmetic: nothing to check
    help = (
        "Mengonversi predikat kinerja pejabat fungsional menjadi angka kredit: persentase "
        "predikat × koefisien jenjang per tahun × bulan ÷ 12."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--jenjang", help=f"jenjang jabatan fungsional: {PILIHAN_JENJANG}")
        parser.add_argument("--predikat", help=f"predikat kinerja: {PILIHAN_PREDIKAT}")
        parser.add_argument(
            "--bulan", default="12", help="jumlah bulan yang dinilai, 1-12 (bawaan 12)"
        )
        parser.add_argument("--json", action="store_true", help="keluaran JSON")

    def handle(self, *args: object, **o: object) -> None:
        jenjang = baca_jenjang(o["jenjang"] or "")
        if jenjang is None:
            self.gagal(
                f"Jenjang '{o['jenjang']}' tidak dikenal; pilih: {PILIHAN_JENJANG}."
                if o["jenjang"]
                else f"--jenjang wajib diisi: {PILIHAN_JENJANG}."
            )
        predikat = baca_predikat(o["predikat"] or "")
        if predikat is None:
            self.gagal(
                f"Predikat '{o['predikat']}' tidak dikenal; pilih: {PILIHAN_PREDIKAT}."
                if o["predikat"]
                else f"--predikat wajib diisi: {PILIHAN_PREDIKAT}."
            )
        teks_bulan = str(o["bulan"]).strip()
        if not teks_bulan.isdigit() or not 1 <= int(teks_bulan) <= 12:
            self.gagal(f"--bulan harus bilangan bulat 1 sampai 12 (bukan '{teks_bulan}').")
        bulan = int(teks_bulan)
        nilai = angka_kredit(jenjang, predikat, bulan)
        if not o["json"]:
            self.stdout.write(tampil(nilai))
            return
        data = {
            "jenjang": jenjang.label,
            "predikat": predikat.label,
            "bulan": bulan,
            "persentase": _angka(PERSENTASE[predikat] * 100),
            "koefisien": _angka(KOEFISIEN[jenjang]),
            # Rounded to two decimals for reading; the exact fraction for summing periods.
            "angka_kredit": float(dibulatkan(nilai)),
            "angka_kredit_tepat": f"{nilai.numerator}/{nilai.denominator}",
            "tampilan": tampil(nilai),
        }
        self.stdout.write(json.dumps(data, ensure_ascii=False))


def _angka(nilai: Fraction) -> int | float:
    return nilai.numerator if nilai.denominator == 1 else float(nilai)
