"""Where a page's time goes: each page of the load benchmark requested in this process by the
person who sees it, under cProfile, with the settings of production (DEBUG off).

Run after `make bench-beban` has built its data (same DATABASE_URL as that run):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/skp .venv/bin/python \
        benchmarks/profil_halaman.py --hanya "SKP detail" --kali 20

It prints, per page, the milliseconds per request and the functions that took the most time
(own time and with callees), so that a lever is chosen from what the profile shows."""

import argparse
import cProfile
import io
import json
import os
import pstats
import sys
import tempfile
import time
from pathlib import Path

AKAR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(AKAR))

from benchmarks.bench_beban import daftar_halaman, lingkungan, url_basis_data  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url")
    parser.add_argument("--hanya", nargs="*", help="hanya halaman yang namanya memuat ini")
    parser.add_argument("--kali", type=int, default=20, help="permintaan per halaman")
    parser.add_argument("--baris", type=int, default=25, help="fungsi yang dicetak")
    args = parser.parse_args()

    url_db = url_basis_data(args.database_url)
    os.environ.update(lingkungan(url_db, tempfile.mkdtemp(prefix="profil_")))
    import django

    django.setup()
    from django.db import connection
    from django.test import Client

    from organisasi.models import Pegawai

    nama_db = connection.settings_dict["NAME"].rsplit("/", 1)[-1].removesuffix(".sqlite3")
    meta = json.loads((AKAR / "var" / f"bench_beban_{nama_db}.json").read_text())
    for nama, pegawai_pk, jalur in daftar_halaman(meta):
        if args.hanya and not any(h.lower() in nama.lower() for h in args.hanya):
            continue
        klien = Client()
        if pegawai_pk is not None:
            klien.force_login(Pegawai.objects.select_related("user").get(pk=pegawai_pk).user)
        jawaban = klien.get(jalur)  # warm: templates compiled, connection open
        assert jawaban.status_code == 200, (nama, jawaban.status_code)
        profil = cProfile.Profile()
        mulai = time.perf_counter()
        profil.enable()
        for _ in range(args.kali):
            klien.get(jalur)
        profil.disable()
        ms = (time.perf_counter() - mulai) * 1000 / args.kali
        print(f"\n=== {nama}: {ms:.1f} ms per permintaan, {len(jawaban.content) // 1024} KB")
        for urutan in ("tottime", "cumulative"):
            keluaran = io.StringIO()
            pstats.Stats(profil, stream=keluaran).sort_stats(urutan).print_stats(args.baris)
            teks = keluaran.getvalue()
            print(teks[teks.index("   ncalls") :])


if __name__ == "__main__":
    main()
