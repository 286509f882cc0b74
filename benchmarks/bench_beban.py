"""Load benchmark: the main pages under many concurrent signed-in users, served as in production.

    make bench-beban                       # or: .venv/bin/python benchmarks/bench_beban.py
    .venv/bin/python benchmarks/bench_beban.py [--pegawai 20000] [--skp 15000] [--koneksi 32]
        [--durasi 15] [--pekerja 4] [--bangun-ulang] [--hanya healthz skp_detail ...]

Steps:
1. The data of `bench_halaman.py` and `bench_penilaian.py` (pegawai through the real import,
   Renstra, SKP in mixed states, a year of evaluation, a Kepala Seksi with 30 bawahan). With
   DATABASE_URL set (PostgreSQL), it lives in a sibling database `<name>_beban` on the same
   server; without it, in `var/bench_beban.sqlite3`. Built once and reused while its size
   matches (`--bangun-ulang` rebuilds it).
2. `collectstatic`, then gunicorn as production runs it (`config.wsgi`, `--pekerja` sync
   workers, DEBUG off, the same environment as the deployment: CONN_MAX_AGE, CACHE_URL when
   set) on a free local port.
3. For each page, the right person's session cookie (signed in through Django's own login);
   the page must answer 200 to them before it is measured. Then `wrk` (Debian package `wrk`)
   drives it with `--koneksi` connections and no think time for `--durasi` seconds.
4. Per page: req/s, p50, p95, p99, errors (connection errors, timeouts, any answer but 200) and
   req/s as a share of `/healthz`'s, measured again (for a third of `--durasi`) right before
   each page, as this machine's speed drifts within a run; plus the machine it ran on.

Goal (issue "Deadline day on one small server"): p95 under 150 ms and 25% or more of /healthz's
req/s, with no errors.
"""

import argparse
import json
import os
import platform
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

AKAR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(AKAR))

SECRET_KEY = "benchmark-only-" + "x" * 40
MATLAMAT_P95_MS = 150
MATLAMAT_RASIO = 0.25

# wrk's report: percentiles and every kind of error, any status but 200 included (a redirect to
# the login page would otherwise look like a fast success).
SKRIP_WRK = r"""
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) bukan200 = 0 end
function response(status, headers, body)
  if status ~= 200 then bukan200 = bukan200 + 1 end
end
function done(summary, latency, requests)
  local salah = 0
  for _, t in ipairs(threads) do salah = salah + t:get("bukan200") end
  local e = summary.errors
  io.write(string.format(
    'HASIL {"requests": %d, "duration_us": %d, "p50": %d, "p95": %d, "p99": %d, ' ..
    '"connect": %d, "read": %d, "write": %d, "timeout": %d, "bukan200": %d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), e.connect, e.read, e.write, e.timeout, salah))
end
"""


def url_basis_data(argumen: str | None) -> str:
    if argumen:
        return argumen
    utama = os.environ.get("DATABASE_URL")
    if not utama:
        (AKAR / "var").mkdir(exist_ok=True)
        return f"sqlite:///{AKAR / 'var' / 'bench_beban.sqlite3'}"
    bagian = urlsplit(utama)
    nama = bagian.path.lstrip("/") or "skp"
    return urlunsplit(bagian._replace(path=f"/{nama}_beban"))


def pastikan_database_pg(url: str, bangun_ulang: bool) -> None:
    """Creates the PostgreSQL database when missing (dropped first with --bangun-ulang)."""
    import psycopg2

    bagian = urlsplit(url)
    nama = bagian.path.lstrip("/")
    assert nama.endswith("_beban"), "hanya database *_beban yang dibuat atau dihapus di sini"
    admin = psycopg2.connect(urlunsplit(bagian._replace(path="/postgres")))
    admin.autocommit = True
    with admin.cursor() as cur:
        if bangun_ulang:
            cur.execute(f'DROP DATABASE IF EXISTS "{nama}" WITH (FORCE)')
        cur.execute("SELECT 1 FROM pg_database WHERE datname = %s", [nama])
        if cur.fetchone() is None:
            cur.execute(f'CREATE DATABASE "{nama}"')
    admin.close()


def lingkungan(url: str, tmp: str) -> dict[str, str]:
    """The environment of both this process and gunicorn: production settings on that data."""
    env = dict(os.environ)
    env.update(
        DATABASE_URL=url,
        DJANGO_MEDIA_ROOT=f"{tmp}/media",
        EMAIL_URL="dummymail://",
        DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY=SECRET_KEY,
        DJANGO_SECURE="false",  # plain http on 127.0.0.1, no TLS redirect
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        DJANGO_SETTINGS_MODULE="config.settings",
    )
    return env


def bangun_atau_pakai(args, berkas_meta: Path) -> dict:
    """The actors of the data (pks), building the data when it is not there yet."""
    from django.core.management import call_command

    from organisasi.models import Pegawai

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    if berkas_meta.exists():
        meta = json.loads(berkas_meta.read_text())
        if (meta["ukuran"] == [args.pegawai, args.skp]
                and Pegawai.objects.count() == meta["jumlah_pegawai"]):  # fmt: skip
            print(f"data dipakai ulang ({meta['ringkasan']})")
            return meta
    if Pegawai.objects.exists():
        sys.exit(
            "Database berisi data lain tanpa catatan benchmark: jalankan dengan --bangun-ulang."
        )
    from benchmarks.bench_halaman import isi_data
    from benchmarks.bench_penilaian import isi_penilaian

    mulai = time.perf_counter()
    data = isi_data(args.pegawai, args.skp)
    ringkasan = data.pop("ringkasan")
    data.update(isi_penilaian(data))
    ringkasan = f"{ringkasan}; {data.pop('ringkasan_penilaian')}"
    print(f"data dibuat dalam {time.perf_counter() - mulai:.0f} s: {ringkasan}")
    meta = {
        "ukuran": [args.pegawai, args.skp],
        "jumlah_pegawai": Pegawai.objects.count(),
        "ringkasan": ringkasan,
        "pelaksana": data["pelaksana"].pk,
        "kepala": data["kepala"].pk,
        "sekda": data["sekda"].pk,
        "admin": data["admin"].pk,
        "kasi": data["kasi"].pk,
        "skp_pelaksana": data["skp_pelaksana"].pk,
        "kini": data["kini"].pk,
    }
    berkas_meta.parent.mkdir(exist_ok=True)
    berkas_meta.write_text(json.dumps(meta))
    return meta


def daftar_halaman(meta: dict) -> list[tuple[str, int | None, str]]:
    """(name, pegawai pk of the signed-in person or None, path) of every page measured."""
    from django.urls import NoReverseMatch, reverse

    halaman = [
        ("/healthz", None, "/healthz"),
        # The lightest signed-in page (a short list inside the navbar): what every page pays
        # for the session, the login, the roles and the navbar, so the best any page can do.
        ("Notifikasi (pelaksana): halaman teringan", meta["pelaksana"],
         reverse("skp:notifikasi")),
        ("SKP detail, pelaksana (pemilik)", meta["pelaksana"],
         reverse("skp:detail", args=[meta["skp_pelaksana"]])),
        ("SKP Saya (pelaksana)", meta["pelaksana"], reverse("skp:daftar")),
        ("Beranda (pelaksana)", meta["pelaksana"], reverse("beranda")),
        ("Kotak Masuk (Kepala Dinas)", meta["kepala"], reverse("skp:kotak_masuk")),
        ("Kotak Masuk (Sekda)", meta["sekda"], reverse("skp:kotak_masuk")),
        ("SKP Bawahan (Kepala Dinas)", meta["kepala"], reverse("skp:bawahan")),
        ("Daftar pegawai (admin, halaman 1)", meta["admin"], reverse("organisasi:pegawai_list")),
        ("Penilaian Bawahan (30 bawahan)", meta["kasi"],
         f"{reverse('penilaian:bawahan')}?periode={meta['kini']}"),
    ]  # fmt: skip
    # The monitoring dashboards, where this version of the application has them.
    from organisasi.models import AdminInstansi

    instansi = (
        AdminInstansi.objects.filter(user__pegawai=meta["admin"])
        .values_list("instansi_id", flat=True)
        .first()
    )
    for nama, siapa, nama_url, args in [
        ("Dasbor Kinerja (pelaksana)", "pelaksana", "monitoring:dasbor", []),
        ("Dasbor Tim (Kepala Seksi, 30 bawahan)", "kasi", "monitoring:tim", []),
        ("Monitoring Pengisian (admin)", "admin", "monitoring:pengisian", [instansi]),
        ("Monitoring Kurva (admin)", "admin", "monitoring:kurva", [instansi]),
    ]:
        try:
            jalur = reverse(nama_url, args=args)
        except NoReverseMatch:
            continue
        halaman.append((nama, meta[siapa], f"{jalur}?periode={meta['kini']}"))
    return halaman


def cookie_sesi(pegawai_pk: int) -> str:
    """A signed-in session of that pegawai's login, made by Django's own login()."""
    from django.test import Client

    from organisasi.models import Pegawai

    klien = Client()
    klien.force_login(Pegawai.objects.select_related("user").get(pk=pegawai_pk).user)
    from django.conf import settings

    return f"{settings.SESSION_COOKIE_NAME}={klien.cookies[settings.SESSION_COOKIE_NAME].value}"


def port_bebas() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def ambil(url: str, cookie: str | None) -> tuple[int, bytes]:
    permintaan = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    opener = urllib.request.build_opener(_TanpaAlihkan)
    try:
        with opener.open(permintaan, timeout=60) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


class _TanpaAlihkan(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # a redirect is an answer to report, not follow
        return None


def jalankan_wrk(url: str, cookie: str | None, koneksi: int, durasi: int, skrip: Path) -> dict:
    perintah = ["wrk", f"-t{min(4, os.cpu_count() or 2)}", f"-c{koneksi}", f"-d{durasi}s",
                "--timeout", "10s", "-s", str(skrip), url]  # fmt: skip
    if cookie:
        perintah[1:1] = ["-H", f"Cookie: {cookie}"]
    keluaran = subprocess.run(perintah, capture_output=True, text=True, check=True).stdout
    baris = next(b for b in keluaran.splitlines() if b.startswith("HASIL "))
    hasil = json.loads(baris.removeprefix("HASIL "))
    hasil["rps"] = hasil["requests"] / (hasil["duration_us"] / 1e6)
    hasil["galat"] = sum(hasil[k] for k in ("connect", "read", "write", "timeout", "bukan200"))
    return hasil


def mesin(pekerja: int) -> str:
    from django.db import connection

    cpu = platform.processor() or platform.machine()
    try:
        for baris in Path("/proc/cpuinfo").read_text().splitlines():
            if baris.startswith("model name"):
                cpu = baris.split(":", 1)[1].strip()
                break
        kb = next(int(b.split()[1]) for b in Path("/proc/meminfo").read_text().splitlines()
                  if b.startswith("MemTotal"))  # fmt: skip
        memori = f"{kb / 1024 / 1024:.0f} GiB"
    except (OSError, StopIteration):
        memori = "?"
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            cur.execute("SHOW server_version")
            db = f"PostgreSQL {cur.fetchone()[0]} (mesin yang sama)"
        else:
            db = "SQLite"
    cache = os.environ.get("CACHE_URL", "cache bawaan (tanpa CACHE_URL)")
    return (
        f"{os.cpu_count()} core {cpu}, {memori} RAM, {platform.platform()}, Python "
        f"{platform.python_version()}, {db}, gunicorn {pekerja} pekerja sync, "
        f"CONN_MAX_AGE={os.environ.get('CONN_MAX_AGE', 'bawaan')}, {cache}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pegawai", type=int, default=20000)
    parser.add_argument("--skp", type=int, default=15000)
    parser.add_argument("--koneksi", type=int, default=32)
    parser.add_argument("--durasi", type=int, default=15)
    parser.add_argument("--pekerja", type=int, default=4)
    parser.add_argument("--database-url")
    parser.add_argument("--bangun-ulang", action="store_true")
    parser.add_argument("--hanya", nargs="*", help="ukur hanya halaman yang namanya memuat ini")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("wrk tidak ada: pasang dengan `apt-get install -y wrk`.")

    url_db = url_basis_data(args.database_url)
    if url_db.startswith("postgres"):
        pastikan_database_pg(url_db, args.bangun_ulang)
    elif args.bangun_ulang:
        Path(url_db.removeprefix("sqlite:///")).unlink(missing_ok=True)
    tmp = tempfile.mkdtemp(prefix="bench_beban_")
    env = lingkungan(url_db, tmp)
    os.environ.update(env)
    import warnings

    import django

    warnings.filterwarnings("ignore", message="No directory at")
    django.setup()
    from django.core.management import call_command

    nama_db = urlsplit(url_db).path.strip("/").replace("/", "_")[-40:]
    meta = bangun_atau_pakai(args, AKAR / "var" / f"bench_beban_{nama_db}.json")
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            cur.execute("ANALYZE")  # planner statistics, as autovacuum keeps them
    call_command("collectstatic", interactive=False, verbosity=0)
    # The data may have been built (bulk writes send no signal) after a shared cache kept
    # answers from an earlier build: every page starts from its data.
    call_command("segarkan_jawaban", verbosity=0)

    halaman = daftar_halaman(meta)
    if args.hanya:
        halaman = [h for h in halaman if h[0] == "/healthz" or any(k in h[0] for k in args.hanya)]
    cookie = {pk: cookie_sesi(pk) for _, pk, _ in halaman if pk}
    connection.close()

    port = port_bebas()
    gunicorn = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "config.wsgi:application", "--bind",
         f"127.0.0.1:{port}", "--workers", str(args.pekerja), "--worker-class", "sync",
         "--log-level", "warning"],  # fmt: skip
        cwd=AKAR, env=env, start_new_session=True,
    )  # fmt: skip
    try:
        dasar = f"http://127.0.0.1:{port}"
        for _ in range(200):
            try:
                if ambil(f"{dasar}/healthz", None)[0] == 200:
                    break
            except OSError:
                time.sleep(0.1)
        else:
            sys.exit("gunicorn tidak menjawab /healthz")
        skrip = Path(tmp) / "laporan.lua"
        skrip.write_text(SKRIP_WRK)
        print(f"mesin: {mesin(args.pekerja)}")
        print(f"{args.koneksi} koneksi serentak tanpa jeda, {args.durasi} s per halaman, "
              f"data: {meta['ringkasan']}")  # fmt: skip
        print()
        print("| halaman | req/s | p50 | p95 | p99 | galat | /healthz tepat sebelumnya | "
              "rasio ke /healthz | sasaran |")  # fmt: skip
        print("|---|---|---|---|---|---|---|---|---|")
        for nama, pk, jalur in halaman:
            c = cookie.get(pk) if pk else None
            # Warm-up, and proof that this person sees the page: a redirect to the login page
            # or a 404 would be measured as a fast page.
            for _ in range(3):
                status, _isi = ambil(f"{dasar}{jalur}", c)
            if status != 200:
                print(f"| {nama} | - | - | - | - | status {status} | - | GAGAL |")
                continue
            # /healthz again right before each page: this machine's speed drifts within a run
            # (other tenants), so a page is compared with /healthz at the same moment rather
            # than with the first measurement, minutes earlier.
            rps_healthz = jalankan_wrk(f"{dasar}/healthz", None, args.koneksi,
                                       max(3, args.durasi // 3), skrip)["rps"]  # fmt: skip
            h = jalankan_wrk(f"{dasar}{jalur}", c, args.koneksi, args.durasi, skrip)
            rasio = h["rps"] / rps_healthz
            memenuhi = (h["p95"] / 1000 < MATLAMAT_P95_MS and rasio >= MATLAMAT_RASIO
                        and h["galat"] == 0)  # fmt: skip
            print(f"| {nama} | {h['rps']:.0f} | {h['p50'] / 1000:,.0f} ms | "
                  f"{h['p95'] / 1000:,.0f} ms | {h['p99'] / 1000:,.0f} ms | {h['galat']} | "
                  f"{rps_healthz:.0f} | {rasio:.2f} | {'ya' if memenuhi else 'TIDAK'} |",
                  flush=True)  # fmt: skip
    finally:
        os.killpg(gunicorn.pid, signal.SIGTERM)
        gunicorn.wait(timeout=30)
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
