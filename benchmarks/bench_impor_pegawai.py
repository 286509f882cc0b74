"""Benchmark: import N pegawai (default 20,000) from CSV (or XLSX) into an empty database, then
again; with --format xlsx also the time to read the file alone (core.spreadsheet.baca_berkas).
Then the web preview as the admin sees it: the upload checked and kept for confirmation
(`services.impor_pratinjau`) and the preview page served, for an all-new file, the same file
again, and a file renaming one unit in twenty.

Run: .venv/bin/python benchmarks/bench_impor_pegawai.py [--baris 20000] [--format csv|xlsx]
     [--database-url URL]
Default database: a temporary SQLite file. For PostgreSQL pass an EMPTY database's URL
(it is migrated and filled). Not a test: it prints timings.
"""

import argparse
import io
import os
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def nip(n: int) -> str:
    lahir = date(1965, 1, 1) + timedelta(days=n % 12000)
    return f"{lahir:%Y%m%d}{lahir.year + 25}{1 + n // 12000 % 12:02d}{1 + n % 2}{1 + n % 997:03d}"


def buat_baris(jumlah: int) -> list[dict[str, str]]:
    """A Pemda-shaped tree: 1 sekda, 40 OPD heads, then ~5 bawahan per atasan down to pelaksana,
    one dict per spreadsheet row, atasan before their bawahan."""
    baris = [dict(nip=nip(0), nama="Sekretaris Daerah", pangkat_golongan="IV/d", jenis_jabatan="JPT",
                  jabatan="Sekretaris Daerah", kode_unit="0", nama_unit="Setda", kode_unit_induk="", nip_atasan="")]  # fmt: skip
    atasan = [(nip(0), "0")]
    n = 1
    jenis = ["JPT", "Administrator", "Pengawas", "Pelaksana"]
    tingkat = 0
    while n < jumlah:
        tingkat += 1
        berikut = []
        lebar = 40 if tingkat == 1 else 5
        for nip_atasan, unit_atasan in atasan:
            for i in range(lebar):
                if n >= jumlah:
                    break
                kode = f"{unit_atasan}.{i + 1}"
                j = jenis[min(tingkat, 3)]
                baris.append(dict(
                    nip=nip(n), nama=f"Pegawai {n}", pangkat_golongan="III/a", jenis_jabatan=j,
                    jabatan=f"{j} {n}", kode_unit=kode if j != "Pelaksana" else unit_atasan,
                    nama_unit=f"Unit {kode if j != 'Pelaksana' else unit_atasan}",
                    kode_unit_induk=unit_atasan if j != "Pelaksana" else "", nip_atasan=nip_atasan,
                ))  # fmt: skip
                berikut.append((nip(n), kode))
                n += 1
        atasan = berikut
    # Pelaksana share their atasan's unit: give that unit's rows one consistent induk.
    induk = {
        b["kode_unit"]: b["kode_unit_induk"] for b in baris if b["jenis_jabatan"] != "Pelaksana"
    }
    nama = {b["kode_unit"]: b["nama_unit"] for b in baris if b["jenis_jabatan"] != "Pelaksana"}
    for b in baris:
        b["kode_unit_induk"] = induk.get(b["kode_unit"], b["kode_unit_induk"])
        b["nama_unit"] = nama.get(b["kode_unit"], b["nama_unit"])
    return baris


def buat_berkas(jumlah: int, format_: str) -> bytes:
    from tests.organisasi.berkas import csv_bytes, xlsx_bytes

    return (xlsx_bytes if format_ == "xlsx" else csv_bytes)(buat_baris(jumlah))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--baris", type=int, default=20000)
    parser.add_argument("--format", choices=["csv", "xlsx"], default="csv")
    parser.add_argument("--database-url")
    args = parser.parse_args()
    tmp = tempfile.TemporaryDirectory()
    os.environ["DATABASE_URL"] = args.database_url or f"sqlite:///{tmp.name}/bench.sqlite3"
    os.environ["DJANGO_ALLOWED_HOSTS"] = "testserver"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.core.management import call_command

    from core.spreadsheet import baca_berkas
    from organisasi import impor
    from organisasi.models import Instansi, Pegawai

    call_command("migrate", verbosity=0)
    data = buat_berkas(args.baris, args.format)
    nama_berkas = f"bench.{args.format}"
    if args.format == "xlsx":
        mulai = time.perf_counter()
        baca_berkas(io.BytesIO(data), nama_berkas, maks_bytes=len(data) + 1)
        print(f"membaca XLSX {len(data) / 1e6:.1f} MB: {time.perf_counter() - mulai:.2f} s")
    instansi = Instansi.objects.create(nama=f"Kabupaten Benchmark {time.time_ns()}")
    ukur_pratinjau("semua baru", instansi, data, nama_berkas)
    for putaran in ("pertama (semua baru)", "kedua (tanpa perubahan)"):
        mulai = time.perf_counter()
        rencana = impor.impor_pegawai(
            instansi=instansi,
            berkas=io.BytesIO(data),
            nama_berkas=nama_berkas,
            maks_bytes=len(data) + 1,
        )
        detik = time.perf_counter() - mulai
        assert not rencana.masalah, rencana.masalah[:5]
        print(f"{os.environ['DATABASE_URL'].split(':')[0]}: impor {putaran}: {len(rencana.baris)} baris "
              f"dalam {detik:.1f} s (pegawai baru {rencana.pegawai.baru}, tetap {rencana.pegawai.tetap})")  # fmt: skip
    print(f"pegawai di basis data: {Pegawai.objects.filter(instansi=instansi).count()}")
    baris = buat_baris(args.baris)
    # One code, one name: every row of a renamed unit carries the new name.
    ganti = set(sorted({b["kode_unit"] for b in baris})[::20])
    for b in baris:
        if b["kode_unit"] in ganti:
            b["nama_unit"] += " (baru)"
    ukur_pratinjau("tanpa perubahan", instansi, data, nama_berkas)
    ukur_pratinjau(
        "1 dari 20 unit berganti nama", instansi, buat_berkas_dari(baris, args.format), nama_berkas
    )


def ukur_pratinjau(judul: str, instansi, data: bytes, nama_berkas: str) -> None:
    """The web preview: the upload read, checked, compared with the database and kept; then
    the preview page (as first opened) rendered by the test client."""
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.urls import reverse

    from organisasi import services

    admin = get_user_model().objects.filter(is_superuser=True).first()
    if admin is None:
        admin = get_user_model().objects.create_superuser("bench", password="x")
    klien = Client()
    klien.force_login(admin)
    # CPU time as well: on a shared machine the wall clock mostly measures the neighbours.
    mulai, cpu = time.perf_counter(), time.process_time()
    rekaman = services.impor_pratinjau(
        user=admin, instansi=instansi, berkas=io.BytesIO(data), nama_berkas=nama_berkas
    )
    detik, cpu = time.perf_counter() - mulai, time.process_time() - cpu
    assert not rekaman.ringkasan["masalah"], rekaman.ringkasan["masalah"][:5]
    url = reverse("organisasi:impor_pratinjau", args=[rekaman.pk])
    klien.get(url)  # warm the template cache
    mulai, cpu_halaman = time.perf_counter(), time.process_time()
    respons = klien.get(url)
    halaman, cpu_halaman = time.perf_counter() - mulai, time.process_time() - cpu_halaman
    assert respons.status_code == 200
    print(f"pratinjau web {judul}: diperiksa dan disimpan dalam {detik:.1f} s (CPU {cpu:.1f} s); "
          f"halaman {halaman * 1000:.0f} ms (CPU {cpu_halaman * 1000:.0f} ms, "
          f"{len(respons.content) / 1000:.0f} kB)")  # fmt: skip


def buat_berkas_dari(baris: list[dict[str, str]], format_: str) -> bytes:
    from tests.organisasi.berkas import csv_bytes, xlsx_bytes

    return (xlsx_bytes if format_ == "xlsx" else csv_bytes)(baris)


if __name__ == "__main__":
    main()
