"""Benchmark of the admin's indicator-quality report (not a test).

    .venv/bin/python benchmarks/bench_laporan_indikator.py [--pegawai 10000] [--indikator 10]
                                                           [--database-url URL]

Fills a temporary SQLite database (or the EMPTY database given) with one instansi: 40 OPD with
five units each, N pegawai, one SKP each for this year and last year, 3 RHK per SKP and
`--indikator` indicators per SKP (default 10: 100,000 indicators for 10,000 pegawai), then times:

- dingin, teks unik: every indicator text is distinct (worst case: nothing memoised);
- dingin, teks berulang: wording drawn from the 241 labelled indicators with varied targets
  (closer to reality: the same phrases recur across pegawai);
- hangat: the same report again in the same process (each distinct indicator already analysed);
- cache: `laporan_indikator` with the finished report in Django's cache (what the page does
  until an SKP of the instansi changes; every drill-down page per unit reads the same entry).

Each line also gives the time spent finding indicators nearly the same as a colleague's in the
same unit ("mirip", part of the total; 50 pegawai, 500 indicators per unit by default).
"""

import argparse
import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path

AKAR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(AKAR))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pegawai", type=int, default=10000)
    parser.add_argument("--indikator", type=int, default=10)
    parser.add_argument("--database-url")
    args = parser.parse_args()
    tmp = tempfile.TemporaryDirectory()
    os.environ["DATABASE_URL"] = args.database_url or f"sqlite:///{tmp.name}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.core.cache import cache
    from django.core.management import call_command
    from django.utils import timezone

    from indikator import laporan as modul
    from organisasi.models import Instansi, Jabatan, Pegawai, UnitKerja
    from skp.models import IndikatorKinerja, RencanaHasilKerja, Skp

    # Time spent in the overlap check, to show its share of the report.
    hitung_mirip = modul._jumlah_mirip
    waktu_mirip = [0.0]

    def _jumlah_mirip(*a, **k):
        mulai = time.perf_counter()
        try:
            return hitung_mirip(*a, **k)
        finally:
            waktu_mirip[0] += time.perf_counter() - mulai

    modul._jumlah_mirip = _jumlah_mirip

    call_command("migrate", verbosity=0)
    contoh = [
        json.loads(b)
        for b in (AKAR / "tests/indikator/label_indikator.jsonl").read_text().splitlines()
        if b.strip()
    ]
    acak = random.Random(5)
    tahun = timezone.localdate().year

    def isi(unik: bool) -> Instansi:
        instansi = Instansi.objects.create(nama=f"Kabupaten Benchmark {time.time_ns()}")
        opd = UnitKerja.objects.bulk_create(
            UnitKerja(instansi=instansi, kode=f"{i}", nama=f"Dinas {i}") for i in range(40)
        )
        unit = UnitKerja.objects.bulk_create(
            UnitKerja(instansi=instansi, kode=f"{o.kode}.{j}", nama=f"Bidang {o.kode}.{j}", induk=o)
            for o in opd
            for j in range(5)
        )
        awal = Pegawai.objects.count()
        jabatan = Jabatan.objects.bulk_create(
            Jabatan(instansi=instansi, unit_kerja=unit[n % len(unit)], nama=f"Pelaksana {n}",
                    jenis="pelaksana")
            for n in range(args.pegawai)
        )  # fmt: skip
        pegawai = Pegawai.objects.bulk_create(
            Pegawai(instansi=instansi, nip=f"{awal + n:018d}", nama=f"Pegawai {n}", golongan="III/a",
                    jabatan=j)
            for n, j in enumerate(jabatan)
        )  # fmt: skip
        skp = Skp.objects.bulk_create(
            Skp(pegawai=p, instansi=instansi, tahun=t, jenis_formulir="administrasi",
                pegawai_nama=p.nama, pegawai_nip=p.nip, pegawai_pangkat="Penata Muda",
                pegawai_jabatan="Pelaksana", pegawai_unit_kerja="Bidang", instansi_nama="Kab")
            for p in pegawai
            for t in (tahun - 1, tahun)
        )  # fmt: skip
        rhk = RencanaHasilKerja.objects.bulk_create(
            RencanaHasilKerja(skp=s, urutan=u + 1, uraian=f"Tersedianya hasil {u}")
            for s in skp
            for u in range(3)
        )
        per_skp: dict[int, list] = {}
        for r in rhk:
            per_skp.setdefault(r.skp_id, []).append(r)
        baris = []
        for s in skp:
            for k in range(args.indikator):
                c = acak.choice(contoh)
                uraian = c["indikator"] + (f" wilayah {s.pk}-{k}" if unik else "")
                baris.append(IndikatorKinerja(
                    rhk=per_skp[s.pk][k % 3], aspek=(c.get("aspek") or "").lower()
                    if (c.get("aspek") or "").lower() in ("kuantitas", "kualitas", "waktu", "biaya")
                    else "", uraian=uraian, target_min=acak.choice([12, 90, 95, 100, 4, 24]),
                    satuan=c.get("satuan") or "dokumen",
                ))  # fmt: skip
        for i in range(0, len(baris), 5000):
            IndikatorKinerja.objects.bulk_create(baris[i : i + 5000])
        return instansi

    for unik in (True, False):
        mulai = time.perf_counter()
        instansi = isi(unik)
        jumlah = IndikatorKinerja.objects.filter(rhk__skp__instansi=instansi, rhk__skp__tahun=tahun)
        n = jumlah.count()
        print(f"data: {n} indikator tahun {tahun} (+{n} tahun lalu) "
              f"dibuat dalam {time.perf_counter() - mulai:.1f} s")  # fmt: skip
        modul._analisis_ringkas.cache_clear()
        modul._kata_kunci.cache_clear()
        cache.clear()
        jenis = "teks unik" if unik else "teks berulang"
        for nama, fungsi in (
            (f"dingin, {jenis}", modul.hitung_laporan),
            (f"hangat, {jenis}", modul.hitung_laporan),
            ("isi cache", modul.laporan_indikator),
            ("dari cache", modul.laporan_indikator),
        ):
            waktu_mirip[0] = 0.0
            mulai = time.perf_counter()
            hasil = fungsi(instansi, tahun)
            print(f"  {nama:<24} {time.perf_counter() - mulai:6.2f} s  "
                  f"(mirip {waktu_mirip[0]:.2f} s; {hasil.persen_terukur}% terukur, "
                  f"{len(hasil.disalin)} SKP disalin utuh, {hasil.mirip} mirip rekan, "
                  f"{len(hasil.rinci)} unit)")  # fmt: skip
    print(f"basis data: {os.environ['DATABASE_URL'].split(':')[0]}")


if __name__ == "__main__":
    main()
