"""Benchmark: import a Renstra of N indikator rows (default 10,000, five yearly targets each) and
a Renja, from XLSX (or CSV), into an empty database; then the same file again, then a file where
every target changed; then the same first import through the web path (preview + confirm).

Run: .venv/bin/python benchmarks/bench_impor_renstra.py [--indikator 10000] [--renja 1000]
        [--format xlsx|csv] [--database-url URL]
Default database: a temporary SQLite file. For PostgreSQL pass an EMPTY database's URL (it is
migrated and filled). Not a test: it prints timings.
"""

import argparse
import io
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

TAHUN = range(2025, 2030)


def buat_baris(jumlah: int, geser: int = 0) -> list[list[object]]:
    """100 indikator per tujuan, 10 per sasaran; tujuan/sasaran cells blank below their first
    row, as merged cells are. `geser` shifts every target (a file where all targets changed)."""
    baris = []
    for i in range(jumlah):
        t, s = i // 100, i // 10
        awal_tujuan, awal_sasaran = i % 100 == 0, i % 10 == 0
        baris.append(
            [f"T{t}" if awal_tujuan else "", f"Tujuan strategis nomor {t}" if awal_tujuan else "",
             f"SS{s}" if awal_sasaran else "", f"Sasaran strategis nomor {s}" if awal_sasaran else "",
             f"IK{i}", f"Persentase capaian indikator kinerja nomor {i}", "%", f"{50 + i % 40},5",
             "Ya" if i % 7 == 0 else "Tidak"]
            + [f"{60 + k * 5 + geser},{i % 10}" for k, _ in enumerate(TAHUN)]
        )  # fmt: skip
    return baris


def buat_renja(jumlah: int, n_indikator: int) -> list[list[object]]:
    """One program per 50 sub kegiatan, one kegiatan per 10, written as full rows."""
    baris = []
    for i in range(jumlah):
        p, k = i // 50, i // 10
        baris.append(
            [2026, f"SS{(i // 50) % max(1, n_indikator // 10)}", f"9.{p:02d}", f"PROGRAM {p}",
             f"9.{p:02d}.2.{k:03d}", f"Kegiatan {k}", f"9.{p:02d}.2.{k:03d}.{i:04d}",
             f"Sub kegiatan {i}", f"Jumlah keluaran sub kegiatan {i}", "dokumen", str(1 + i % 12),
             f"Rp {(i % 90 + 10) * 1_000_000:,}".replace(",", ".")]
        )  # fmt: skip
    return baris


def buat_berkas(n_indikator: int, n_renja: int, format_berkas: str, geser: int = 0) -> bytes:
    from perencanaan.ekspor import kolom_renstra
    from perencanaan.impor import KOLOM_RENJA, Periode

    renstra = [kolom_renstra(Periode(2025, 2029)), *buat_baris(n_indikator, geser)]
    if format_berkas == "csv":
        import csv

        keluaran = io.StringIO()
        csv.writer(keluaran).writerows(renstra)
        return keluaran.getvalue().encode()
    from openpyxl import Workbook

    buku = Workbook(write_only=True)
    ws = buku.create_sheet("Renstra")
    for b in renstra:
        ws.append(b)
    ws = buku.create_sheet("Renja")
    for b in [KOLOM_RENJA, *buat_renja(n_renja, n_indikator)]:
        ws.append(b)
    keluaran = io.BytesIO()
    buku.save(keluaran)
    return keluaran.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--indikator", type=int, default=10000)
    parser.add_argument("--renja", type=int, default=1000)
    parser.add_argument("--format", choices=["xlsx", "csv"], default="xlsx")
    parser.add_argument("--database-url")
    args = parser.parse_args()
    tmp = tempfile.TemporaryDirectory()
    os.environ["DATABASE_URL"] = args.database_url or f"sqlite:///{tmp.name}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from organisasi.models import Instansi, UnitKerja
    from perencanaan import impor, services
    from perencanaan.models import IndikatorKinerja, SumberImpor, TargetIndikator

    call_command("migrate", verbosity=0)
    periode = impor.Periode(2025, 2029)
    instansi = Instansi.objects.create(nama=f"Kabupaten Benchmark {time.time_ns()}")
    unit = UnitKerja.objects.create(instansi=instansi, kode="9", nama="Dinas Benchmark")
    pertama = buat_berkas(args.indikator, args.renja, args.format)
    berubah = buat_berkas(args.indikator, args.renja, args.format, geser=1)
    nama = f"bench.{args.format}"
    db = os.environ["DATABASE_URL"].split(":")[0]
    print(f"{db}: berkas {args.format} {len(pertama) / 1e6:.1f} MB, {args.indikator} baris indikator, "
          f"{args.renja if args.format == 'xlsx' else 0} baris Renja")  # fmt: skip

    for putaran, data in (
        ("pertama (semua baru)", pertama),
        ("kedua (berkas sama, tanpa perubahan)", pertama),
        ("ketiga (semua target berubah)", berubah),
    ):
        mulai = time.perf_counter()
        rencana = impor.baca_berkas_renstra(
            io.BytesIO(data), nama, maks_bytes=len(data) + 1, periode=periode
        )
        baca = time.perf_counter() - mulai
        rencana = impor.rencanakan(unit, rencana)
        assert not rencana.masalah, rencana.masalah[:5]
        rencana_detik = time.perf_counter() - mulai - baca
        services.impor_langsung(
            unit=unit, rencana=rencana, nama_berkas=nama, sumber=SumberImpor.PERINTAH
        )
        total = time.perf_counter() - mulai
        h = rencana.hitungan
        print(f"{db}: impor {putaran}: {total:.1f} s (baca {baca:.1f} s, periksa {rencana_detik:.1f} s, "
              f"tulis {total - baca - rencana_detik:.1f} s); indikator baru {h['indikator'].baru}, "
              f"target baru {h['target'].baru}, diubah {h['target'].diubah}, tetap {h['target'].tetap}")  # fmt: skip

    # The web path: preview (read, check, keep the rows as JSON), then confirm (re-check, write).
    unit_web = UnitKerja.objects.create(instansi=instansi, kode="8", nama="Dinas Benchmark Web")
    admin = get_user_model().objects.create(username=f"bench{time.time_ns()}", is_superuser=True)
    mulai = time.perf_counter()
    data = services.impor_pratinjau(
        user=admin, unit=unit_web, periode=periode, berkas=io.BytesIO(pertama), nama_berkas=nama
    )
    pratinjau = time.perf_counter() - mulai
    services.impor_terapkan(user=admin, impor_id=data.pk)
    konfirmasi = time.perf_counter() - mulai - pratinjau
    print(f"{db}: lewat halaman web: pratinjau {pratinjau:.1f} s, konfirmasi {konfirmasi:.1f} s")
    print(f"indikator di basis data: {IndikatorKinerja.objects.count()}, "
          f"target: {TargetIndikator.objects.count()}")  # fmt: skip


if __name__ == "__main__":
    main()
