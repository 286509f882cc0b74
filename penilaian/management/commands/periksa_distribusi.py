"""The distribution rules from the command line, for admins who check a unit's pattern outside
the app: the allowed minimum and maximum per predikat for a capaian and a unit size and, with
--predikat, whether the pattern fits and why not. Exit status 0 when it fits (or only the ranges
were asked), 1 when it does not, 2 on bad arguments."""

import json

from django.core.management.base import CommandParser

from core.perintah import PerintahIndonesia
from penilaian.distribusi import (
    MAKS_PEGAWAI,
    CapaianOrganisasi,
    HasilDistribusi,
    Pembulatan,
    baca_capaian,
    baca_predikat,
    periksa,
)
from penilaian.kuadran import Predikat

PILIHAN_CAPAIAN = ", ".join(c.label for c in CapaianOrganisasi)
PILIHAN_PREDIKAT = ", ".join(p.label for p in Predikat)


class Command(PerintahIndonesia):
    requires_system_checks: list[str] = []  # pure arithmetic: nothing to check
    help = (
        "Menghitung rentang jumlah pegawai per predikat menurut capaian kinerja organisasi dan "
        "memeriksa apakah pola predikat sesuai (SE MenPANRB 3/2023)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--capaian", help=f"capaian kinerja organisasi: {PILIHAN_CAPAIAN}")
        parser.add_argument("--jumlah", help="jumlah pegawai di unit (1 sampai 10.000)")
        parser.add_argument(
            "--predikat",
            help='jumlah per predikat, mis. "Sangat Baik=1,Baik=4,Butuh Perbaikan=2" '
            "(predikat yang tidak disebut = 0; jumlahnya harus sama dengan --jumlah)",
        )
        parser.add_argument(
            "--pembulatan",
            default=Pembulatan.BAWAH_ATAS.value,
            help="bawah-atas (bawaan: paling banyak ke bawah, paling sedikit ke atas) atau biasa",
        )
        parser.add_argument("--json", action="store_true", help="keluaran JSON")

    def handle(self, *args: object, **o: object) -> None:
        capaian = baca_capaian(o["capaian"] or "")
        if capaian is None:
            self.gagal(
                f"--capaian wajib diisi dengan salah satu dari: {PILIHAN_CAPAIAN}."
                if not o["capaian"]
                else f"Capaian '{o['capaian']}' tidak dikenal; pilih: {PILIHAN_CAPAIAN}."
            )
        teks_jumlah = (o["jumlah"] or "").strip()
        if not teks_jumlah.isdigit() or not 1 <= int(teks_jumlah) <= MAKS_PEGAWAI:
            self.gagal(
                f"--jumlah harus bilangan bulat 1 sampai {MAKS_PEGAWAI:,}".replace(",", ".")
                + (f" (bukan '{teks_jumlah}')." if teks_jumlah else "; belum diisi.")
            )
        n = int(teks_jumlah)
        pembulatan = (o["pembulatan"] or "").strip().lower()
        if pembulatan not in Pembulatan.values:
            self.gagal(
                f"--pembulatan '{o['pembulatan']}' tidak dikenal; pilih bawah-atas atau biasa."
            )
        hitungan = None if o["predikat"] is None else self._baca_predikat(o["predikat"], n)
        hasil = periksa(capaian, n, hitungan, pembulatan)
        if o["json"]:
            self.stdout.write(json.dumps(hasil.sebagai_dict(), ensure_ascii=False, indent=2))
        else:
            self.stdout.write(teks(hasil))
        if hasil.sesuai is False:
            raise SystemExit(1)

    def _baca_predikat(self, teks: str, n: int) -> dict[str, int]:
        hitungan: dict[str, int] = {}
        for bagian in filter(None, (b.strip() for b in teks.split(","))):
            nama, sama, angka = bagian.partition("=")
            predikat = baca_predikat(nama)
            if not sama or predikat is None:
                self.gagal(
                    f"--predikat: '{bagian}' tidak dikenal; tulis NAMA=JUMLAH dengan nama "
                    f"{PILIHAN_PREDIKAT} (Kurang juga diterima)."
                )
            if predikat in hitungan:
                self.gagal(f"--predikat: {predikat.label} disebut lebih dari sekali.")
            if not angka.strip().isdigit():
                self.gagal(
                    f"--predikat: jumlah {predikat.label} harus bilangan bulat 0 atau lebih "
                    f"(bukan '{angka.strip()}')."
                )
            hitungan[predikat] = int(angka)
        if not hitungan:
            self.gagal('--predikat kosong; tulis misalnya "Baik=5,Butuh Perbaikan=2".')
        total = sum(hitungan.values())
        if total != n:
            self.gagal(f"--predikat berjumlah {total} pegawai, tidak sama dengan --jumlah {n}.")
        return hitungan


def teks(hasil: HasilDistribusi) -> str:
    baris = [
        f"Capaian kinerja organisasi: {hasil.capaian.label}; unit berisi "
        f"{hasil.jumlah_pegawai} pegawai.",
        f"Pola: {hasil.uraian_pola}",
        hasil.kalimat_pembulatan,
        "",
        f"{'Predikat':<20}{'Paling sedikit':>16}{'Paling banyak':>15}"
        + (f"{'Jumlah':>9}" if hasil.hitungan is not None else ""),
    ]
    for b in hasil.baris_tabel:
        baris.append(
            f"{b.label:<20}{b.rentang.minimum:>16}{b.rentang.maksimum:>15}"
            + (
                f"{b.jumlah:>9}{'' if b.dalam_rentang else '  di luar rentang'}"
                if b.jumlah is not None
                else ""
            )
        )
    for nama, r, jumlah in hasil.baris_kelompok:
        sekarang = "" if jumlah is None else f"; sekarang {jumlah}"
        baris.append(f"{nama} (dihitung bersama): {r.minimum} sampai {r.maksimum}{sekarang}")
    baris += ["", "Perhitungan:"] + [f"- {b.penjelasan}" for b in hasil.batas_aturan]
    if hasil.mustahil:
        baris += ["", "PERHATIAN:"] + [f"- {p}" for p in hasil.penjelasan_mustahil]
    if hasil.sesuai is True:
        baris += ["", "SESUAI: pola predikat sesuai dengan pola distribusi."]
    elif hasil.sesuai is False:
        baris += ["", "TIDAK SESUAI:"] + [f"- {a}" for a in hasil.alasan]
    return "\n".join(baris)
