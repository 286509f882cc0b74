"""Benchmark of the pages people use most, at Pemda scale (not a test: it prints timings).

    .venv/bin/python benchmarks/bench_halaman.py [--pegawai 20000] [--skp 15000] [--ulang 10]
                                                 [--database-url URL]

Default database: a temporary SQLite file. For PostgreSQL pass an EMPTY database's URL (it is
migrated and filled). Builds one instansi:

- `--pegawai` pegawai loaded through the real import (`organisasi.impor`) from the tree of
  `bench_impor_pegawai.py`: 1 Sekda, 40 Kepala Dinas (JPT, one OPD each), then ~5 bawahan per
  atasan: Kepala Bidang, Kepala Seksi, Fungsional, Pelaksana (all of a seksi in its unit);
- a Renstra (2025-2029, 50 indikator) for every OPD, through the real Renstra import;
- `--skp` SKP of this year (bulk_create), with the identity snapshots, 3-5 RHK (linked to the
  atasan's RHK, or for a Kepala Dinas to a sasaran of the OPD's Renstra) and 3 indicators each
  with realistic wording, the seven BerAKHLAK rows, in mixed states (Draf, Diajukan,
  Dikembalikan, Disetujui) with their history rows and the penilai's notifications.
- for the approved SKP, what the dashboards read (`isi_monitoring`): jurnal entries through the
  year, dialogs with follow-ups, the evaluation of the period being worked on (sent by half,
  rated by a third) with umpan balik, and a capaian for a tenth of the units that rate someone.

Then, with Django's test Client signed in as the right person, every page is requested once
(warm-up) and `--ulang` times; each line gives the median and slowest time and the number of
queries of one request. Run it at two sizes (e.g. `--pegawai 2000 --skp 1500`) to see whether
a page's query count grows with the data. DEBUG is off and templates are served by the configured
loaders, as in production; on PostgreSQL the tables are ANALYZEd first, as autovacuum would.
"""

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

AKAR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(AKAR))

NAMA_DEPAN = ["Siti", "Ahmad", "Dewi", "Budi", "Sri", "Agus", "Rina", "Wahyu", "Nur", "Eko",
              "Indah", "Hendra", "Fitri", "Joko", "Ratna", "Yusuf", "Lestari", "Dedi", "Ani", "Rudi"]  # fmt: skip
NAMA_BELAKANG = ["Rahmawati", "Setiawan", "Hartono", "Wijaya", "Lestari", "Saputra", "Marlina",
                 "Santoso", "Pratama", "Kurniawan", "Susanti", "Hidayat", "Nugroho", "Purnomo",
                 "Handayani", "Firmansyah", "Utami", "Gunawan", "Permata", "Sulistyo"]  # fmt: skip
# Per depth of the position tree: jenis jabatan, title, unit (None: the atasan's), golongan.
TINGKAT = [
    ("JPT", "Sekretaris Daerah", "Sekretariat Daerah", "IV/d"),
    ("JPT", "Kepala Dinas", "Dinas", "IV/c"),
    ("Administrator", "Kepala Bidang", "Bidang", "IV/a"),
    ("Pengawas", "Kepala Seksi", "Seksi", "III/d"),
    ("Fungsional", "Pranata Komputer Ahli Muda", None, "III/c"),
    ("Pelaksana", "Pengadministrasi Umum", None, "II/c"),
]


def baris_pegawai(jumlah: int) -> tuple[list[dict[str, str]], dict[str, int]]:
    """The rows of `bench_impor_pegawai.buat_baris` given titles, units and names by depth:
    OPD units at the top of the unit tree (the Sekda's position stays their atasan), and
    fungsional and pelaksana placed in the seksi above them. Returns the rows and each NIP's
    depth (0 = Sekda)."""
    from benchmarks.bench_impor_pegawai import buat_baris

    baris = buat_baris(jumlah)
    tingkat: dict[str, int] = {}
    unit: dict[str, tuple[str, str, str]] = {}  # nip -> (kode, nama, kode induk) of their unit
    anak: dict[str, int] = {}  # bawahan seen so far per atasan: numbers the sub-units
    for n, b in enumerate(baris):
        t = tingkat[b["nip"]] = tingkat[b["nip_atasan"]] + 1 if b["nip_atasan"] else 0
        jenis, jabatan, nama_unit, golongan = TINGKAT[min(t, len(TINGKAT) - 1)]
        if nama_unit is None:
            unit[b["nip"]] = unit[b["nip_atasan"]]
        else:
            anak[b["nip_atasan"]] = anak.get(b["nip_atasan"], 0) + 1
            kode = f"{unit[b['nip_atasan']][0]}.{anak[b['nip_atasan']]}" if t else "0"
            induk = unit[b["nip_atasan"]][0] if t >= 2 else ""
            unit[b["nip"]] = (kode, f"{nama_unit} {kode}", induk)
        b["kode_unit"], b["nama_unit"], b["kode_unit_induk"] = unit[b["nip"]]
        b["jenis_jabatan"], b["pangkat_golongan"] = jenis, golongan
        b["jabatan"] = f"{jabatan} {b['nama_unit'].split(' ', 1)[1]}" if nama_unit else jabatan
        b["nama"] = f"{NAMA_DEPAN[n % 20]} {NAMA_BELAKANG[n // 20 % 20]} {n}"
    return baris, tingkat


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pegawai", type=int, default=20000)
    parser.add_argument("--skp", type=int, default=15000)
    parser.add_argument("--ulang", type=int, default=10)
    parser.add_argument("--database-url")
    args = parser.parse_args()
    tmp = tempfile.TemporaryDirectory()
    os.environ["DATABASE_URL"] = args.database_url or f"sqlite:///{tmp.name}/bench.sqlite3"
    os.environ["DJANGO_MEDIA_ROOT"] = f"{tmp.name}/media"
    os.environ["EMAIL_URL"] = "dummymail://"
    os.environ["DJANGO_DEBUG"] = "false"
    os.environ["DJANGO_SECRET_KEY"] = "benchmark-only-" + "x" * 40
    os.environ["DJANGO_SECURE"] = "false"
    os.environ["DJANGO_ALLOWED_HOSTS"] = "testserver"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import warnings

    import django

    # WhiteNoise warns that the (uncollected) STATIC_ROOT is missing: irrelevant here.
    warnings.filterwarnings("ignore", message="No directory at")
    django.setup()
    from django.conf import settings

    # Static files as in development: the benchmark has no collectstatic manifest.
    settings.STORAGES["staticfiles"]["BACKEND"] = (
        "django.contrib.staticfiles.storage.StaticFilesStorage"
    )
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    mulai = time.perf_counter()
    data = isi_data(args.pegawai, args.skp)
    print(f"{os.environ['DATABASE_URL'].split(':')[0]}: data dibuat dalam "
          f"{time.perf_counter() - mulai:.0f} s: {data.pop('ringkasan')}")  # fmt: skip
    from django.db import connection

    if connection.vendor == "postgresql":
        # Planner statistics, as autovacuum keeps them in a database in use.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    ukur_halaman(data, args.ulang)


def isi_data(jumlah_pegawai: int, jumlah_skp: int) -> dict:
    import io

    from django.utils import timezone

    from benchmarks.bench_impor_renstra import buat_berkas
    from organisasi import impor
    from organisasi.models import Instansi, Pegawai
    from organisasi.services import jadikan_admin_instansi
    from perencanaan import impor as impor_renstra
    from perencanaan import services as services_renstra
    from perencanaan.models import SasaranStrategis, SumberImpor
    from skp.berakhlak import BERAKHLAK
    from skp.models import (
        IndikatorKinerja,
        JenisFormulir,
        JenisRhk,
        Notifikasi,
        PerilakuKerja,
        Perspektif,
        RencanaHasilKerja,
        RiwayatStatus,
        Skp,
        StatusSkp,
    )
    from tests.organisasi.berkas import csv_bytes

    acak = random.Random(11)
    tahun = timezone.localdate().year
    sekarang = timezone.now()

    # Pegawai, through the real import.
    baris, tingkat_nip = baris_pegawai(jumlah_pegawai)
    berkas = csv_bytes(baris)
    instansi = Instansi.objects.create(nama=f"Kabupaten Benchmark {time.time_ns()}")
    rencana = impor.impor_pegawai(
        instansi=instansi, berkas=io.BytesIO(berkas), nama_berkas="bench.csv",
        maks_bytes=len(berkas) + 1,
    )  # fmt: skip
    assert not rencana.masalah, rencana.masalah[:5]
    pegawai = list(
        Pegawai.objects.filter(instansi=instansi).select_related("jabatan__unit_kerja", "user")
    )
    pemangku = {p.jabatan_id: p for p in pegawai}
    atasan = {p.pk: pemangku.get(p.jabatan.atasan_id) for p in pegawai}
    tingkat = {p.pk: tingkat_nip[p.nip] for p in pegawai}

    # A Renstra for every OPD, through the real Renstra import.
    periode = impor_renstra.Periode(2025, 2029)
    isi_renstra = buat_berkas(50, 0, "csv")
    opd = {p.jabatan.unit_kerja_id: p.jabatan.unit_kerja for p in pegawai if tingkat[p.pk] == 1}
    for unit in opd.values():
        r = impor_renstra.baca_berkas_renstra(
            io.BytesIO(isi_renstra), "renstra.csv", maks_bytes=len(isi_renstra) + 1, periode=periode
        )
        r = impor_renstra.rencanakan(unit, r)
        assert not r.masalah, r.masalah[:5]
        services_renstra.impor_langsung(
            unit=unit, rencana=r, nama_berkas="renstra.csv", sumber=SumberImpor.PERINTAH
        )
    sasaran_opd: dict[int, list] = {}
    for s in SasaranStrategis.objects.filter(renstra__unit__in=opd.values()).select_related(
        "renstra"
    ):
        sasaran_opd.setdefault(s.renstra.unit_id, []).append(s)

    # The people the pages are requested as.
    sekda = next(p for p in pegawai if tingkat[p.pk] == 0)
    kepala = next(p for p in pegawai if tingkat[p.pk] == 1)
    dalam = max(tingkat.values())  # pelaksana at full size; smaller runs stop higher up
    pelaksana = next(
        p for p in pegawai if tingkat[p.pk] == dalam and baris_atas(p, atasan, dalam - 1) == kepala
    )
    admin = next(p for p in reversed(pegawai) if tingkat[p.pk] == dalam)
    jadikan_admin_instansi(user=admin.user, instansi=instansi)

    # Who has an SKP this year: the people above, and a random share of everyone else.
    wajib = {sekda.pk, kepala.pk, pelaksana.pk, admin.pk}
    lain = [p for p in pegawai if p.pk not in wajib]
    dengan_skp = [p for p in pegawai if p.pk in wajib] + acak.sample(
        lain, min(len(lain), jumlah_skp - len(wajib))
    )
    dengan_skp.sort(key=lambda p: tingkat[p.pk])  # atasan first: bawahan RHK link to theirs
    bawahan_kepala = [p for p in pegawai if atasan[p.pk] == kepala]

    def status(p) -> str:
        if p.pk == pelaksana.pk:
            return StatusSkp.DRAF
        if p in bawahan_kepala[:2]:
            return StatusSkp.DIAJUKAN  # something in the Kepala Dinas's inbox
        return acak.choices(
            [StatusSkp.DRAF, StatusSkp.DIAJUKAN, StatusSkp.DIKEMBALIKAN, StatusSkp.DISETUJUI],
            weights=[35, 25, 10, 30],
        )[0]

    def identitas(p, awalan: str) -> dict:
        return {
            f"{awalan}_nama": p.nama_lengkap,
            f"{awalan}_nip": p.nip,
            f"{awalan}_pangkat": p.pangkat_golongan,
            f"{awalan}_jabatan": p.jabatan.nama,
            f"{awalan}_unit_kerja": p.jabatan.unit_kerja.nama,
        }

    daftar_skp = []
    for p in dengan_skp:
        s = status(p)
        penilai = atasan[p.pk]
        daftar_skp.append(Skp(
            pegawai=p, instansi=instansi, tahun=tahun, status=s, instansi_nama=instansi.nama,
            jenis_formulir=JenisFormulir.JPT if tingkat[p.pk] <= 1 else JenisFormulir.ADMINISTRASI,
            diajukan_pada=None if s == StatusSkp.DRAF
            else sekarang - timedelta(days=acak.randint(1, 60), hours=acak.randint(0, 23)),
            penilai=penilai, **identitas(p, "pegawai"),
            **(identitas(penilai, "penilai") if penilai else {}),
        ))  # fmt: skip
    daftar_skp = Skp.objects.bulk_create(daftar_skp, batch_size=2000)
    skp_pegawai = {s.pegawai_id: s for s in daftar_skp}
    PerilakuKerja.objects.bulk_create(
        (
            PerilakuKerja(skp=s, urutan=i, nilai_inti=nilai, panduan="\n".join(panduan))
            for s in daftar_skp
            for i, (nilai, panduan) in enumerate(BERAKHLAK, start=1)
        ),
        batch_size=5000,
    )

    # RHK depth by depth, so a bawahan's RHK can point at their atasan's (already saved) RHK.
    contoh = [
        json.loads(b)
        for b in (AKAR / "tests/indikator/label_indikator.jsonl").read_text().splitlines()
        if b.strip()
    ]
    rhk_skp: dict[int, list] = {}
    for t in sorted(set(tingkat.values())):
        baru = []
        for s in (s for s in daftar_skp if tingkat[s.pegawai_id] == t):
            jumlah = 5 if s.pegawai_id == pelaksana.pk else acak.randint(3, 5)
            atas = skp_pegawai.get(atasan[s.pegawai_id].pk) if atasan[s.pegawai_id] else None
            pilihan_atasan = rhk_skp.get(atas.pk, []) if atas else []
            sasaran = sasaran_opd.get(s.pegawai.jabatan.unit_kerja_id, [])
            n_utama = max(3, jumlah - 1)  # 3-4 utama, then at most one tambahan
            for u in range(jumlah):
                utama = u < n_utama
                tautan = {}
                if utama and acak.random() < 0.9:  # some RHK not linked yet
                    if s.jenis_formulir == JenisFormulir.JPT and sasaran:
                        tautan["sasaran_renstra"] = sasaran[u % len(sasaran)]
                    elif pilihan_atasan:
                        tautan["rhk_atasan"] = pilihan_atasan[u % len(pilihan_atasan)]
                baru.append(RencanaHasilKerja(
                    skp=s, jenis=JenisRhk.UTAMA if utama else JenisRhk.TAMBAHAN,
                    urutan=u + 1 if utama else u + 1 - n_utama,
                    uraian=f"Terwujudnya layanan {acak.choice(contoh)['bidang']} yang tepat "
                    f"waktu dan akuntabel bagian {u + 1}",
                    perspektif=list(Perspektif)[u % 4] if s.jenis_formulir == JenisFormulir.JPT
                    else "", **tautan,
                ))  # fmt: skip
        for r in RencanaHasilKerja.objects.bulk_create(baru, batch_size=2000):
            rhk_skp.setdefault(r.skp_id, []).append(r)
    indikator = []
    for s in daftar_skp:
        for r in rhk_skp[s.pk]:
            for aspek in ("kuantitas", "kualitas", "waktu"):
                c = acak.choice(contoh)
                indikator.append(IndikatorKinerja(
                    rhk=r, aspek=aspek if s.jenis_formulir == JenisFormulir.ADMINISTRASI else "",
                    uraian=c["indikator"], target_min=acak.choice([4, 12, 24, 90, 95, 100]),
                    satuan=c.get("satuan") or "dokumen",
                ))  # fmt: skip
    IndikatorKinerja.objects.bulk_create(indikator, batch_size=5000)

    # History rows and the penilai's notifications, as the workflow would have left them.
    riwayat, notifikasi = [], []
    for s in daftar_skp:
        if s.status == StatusSkp.DRAF:
            continue
        oleh_pegawai, oleh_penilai = s.pegawai.user, s.penilai.user if s.penilai else None
        riwayat.append(RiwayatStatus(skp=s, aksi="ajukan", dari=StatusSkp.DRAF,
                                     ke=StatusSkp.DIAJUKAN, oleh=oleh_pegawai, waktu=s.diajukan_pada))  # fmt: skip
        if s.status in (StatusSkp.DIKEMBALIKAN, StatusSkp.DISETUJUI):
            riwayat.append(RiwayatStatus(
                skp=s, aksi="kembalikan" if s.status == StatusSkp.DIKEMBALIKAN else "setujui",
                dari=StatusSkp.DIAJUKAN, ke=s.status, oleh=oleh_penilai,
                waktu=s.diajukan_pada + timedelta(hours=5),
                catatan="Perbaiki indikator kualitas." if s.status == StatusSkp.DIKEMBALIKAN else "",
            ))  # fmt: skip
        if oleh_penilai is not None:
            notifikasi.append(Notifikasi(
                penerima=oleh_penilai, judul=f"SKP {s.pegawai_nama} diajukan",
                tautan=f"/skp/{s.pk}/", dibaca=s.status != StatusSkp.DIAJUKAN,
            ))  # fmt: skip
    RiwayatStatus.objects.bulk_create(riwayat, batch_size=5000)
    Notifikasi.objects.bulk_create(notifikasi, batch_size=5000)

    monitoring = isi_monitoring(acak, instansi, daftar_skp, rhk_skp, atasan, kepala)

    ringkasan = (
        f"{len(pegawai)} pegawai, {len(opd)} OPD, {len(daftar_skp)} SKP, "
        f"{sum(len(v) for v in rhk_skp.values())} RHK, {len(indikator)} indikator, "
        f"{len(riwayat)} riwayat, {monitoring}"
    )
    return {
        "ringkasan": ringkasan,
        "instansi": instansi,
        "sekda": sekda,
        "kepala": kepala,
        "pelaksana": pelaksana,
        "admin": admin,
        "skp_pelaksana": skp_pegawai[pelaksana.pk],
        "bawahan_kepala": next(
            (
                p
                for p in bawahan_kepala
                if skp_pegawai.get(p.pk) and skp_pegawai[p.pk].status == StatusSkp.DISETUJUI
            ),
            bawahan_kepala[0],
        ),
    }


def isi_monitoring(acak, instansi, daftar_skp, rhk_skp, atasan, kepala) -> str:
    """What the dashboards read, for every approved SKP: jurnal entries through the year so far,
    a dialog with a follow-up for one in four, the evaluation of the period Monitoring Pengisian
    opens on (the latest whose window has opened; sent by half, rated by a third with a predikat
    from the quadrant) with its umpan balik, and a capaian for a tenth of the units that rate
    someone."""
    from datetime import date

    from django.utils import timezone

    from monitoring.dasbor import periode_instansi
    from monitoring.models import DialogKinerja, JenisDialog, JurnalKinerja, PihakDialog
    from penilaian.kuadran import KUADRAN
    from penilaian.models import (
        CapaianUnit,
        JenisUmpanBalik,
        PenilaianPeriodik,
        PeranPemberi,
        StatusPenilaian,
        UmpanBalik,
    )
    from skp.models import StatusSkp

    hari_ini = timezone.localdate()
    sekarang = timezone.now()
    periode = periode_instansi(instansi, None, hari_ini)  # the one Monitoring Pengisian opens
    disetujui = [s for s in daftar_skp if s.status == StatusSkp.DISETUJUI]
    jurnal, dialog, penilaian, umpan = [], [], [], []
    hari_tahun = (hari_ini - date(hari_ini.year, 1, 1)).days
    for n, s in enumerate(disetujui):
        for i in range(acak.randint(0, 12)):
            rhk = acak.choice(rhk_skp[s.pk])
            jurnal.append(JurnalKinerja(
                pegawai_id=s.pegawai_id, skp=s, rhk=rhk,
                tanggal=hari_ini - timedelta(days=acak.randint(0, hari_tahun)),
                kegiatan="Merekap data layanan", hasil=acak.choice([None, 1, 2, 3]),
                hambatan=acak.choice(["", "", "Data belum lengkap"]), token=f"b{s.pk}-{i}",
            ))  # fmt: skip
        penilai = atasan.get(s.pegawai_id)
        if penilai is not None and n % 4 == 0:
            dialog.append(DialogKinerja(
                pegawai_id=s.pegawai_id, atasan=penilai, tanggal=hari_ini - timedelta(days=20),
                jenis=JenisDialog.COACHING, topik="Kemajuan RHK", kesepakatan="Dikejar bulan ini",
                tindak_lanjut="Laporkan kemajuan",
                tanggal_tindak_lanjut=hari_ini + timedelta(days=acak.randint(-10, 10)),
                dicatat_sebagai=PihakDialog.ATASAN, token=f"d{s.pk}",
            ))  # fmt: skip
        if n % 2 == 0 and s.pegawai_id != kepala.pk:
            dinilai = n % 3 == 0
            rating = acak.choice(list(KUADRAN)) if dinilai else ("", "")
            penilaian.append(PenilaianPeriodik(
                pegawai_id=s.pegawai_id, periode=periode, skp=s, penilai=penilai,
                status=StatusPenilaian.DINILAI if dinilai else StatusPenilaian.DIKIRIM,
                rating_hasil_kerja=rating[0], rating_perilaku=rating[1],
                predikat=KUADRAN[rating] if dinilai else "", dikirim_pada=sekarang,
                dinilai_pada=sekarang if dinilai else None,
            ))  # fmt: skip
            if penilai is not None:
                umpan.append(UmpanBalik(
                    pegawai_id=s.pegawai_id, skp=s, periode=periode,
                    jenis=JenisUmpanBalik.HASIL_KERJA, rhk=rhk_skp[s.pk][0],
                    pemberi=penilai.user, pemberi_nama=penilai.nama_lengkap,
                    peran=PeranPemberi.PENILAI, teks="Hasil sudah sesuai rencana aksi.",
                ))  # fmt: skip
    JurnalKinerja.objects.bulk_create(jurnal, batch_size=5000)
    DialogKinerja.objects.bulk_create(dialog, batch_size=5000)
    PenilaianPeriodik.objects.bulk_create(penilaian, batch_size=5000)
    UmpanBalik.objects.bulk_create(umpan, batch_size=5000)
    unit_penilai = sorted({atasan[s.pegawai_id].jabatan.unit_kerja_id for s in disetujui
                           if atasan.get(s.pegawai_id)})  # fmt: skip
    admin_user = kepala.user
    CapaianUnit.objects.bulk_create(
        CapaianUnit(unit_kerja_id=u, periode=periode, capaian="baik", oleh=admin_user,
                    oleh_nama=kepala.nama_lengkap)
        for u in unit_penilai[::10]
    )  # fmt: skip
    return (
        f"{len(jurnal)} jurnal, {len(dialog)} dialog, {len(penilaian)} penilaian {periode}, "
        f"{len(unit_penilai[::10])} capaian unit"
    )


def baris_atas(p, atasan: dict, langkah: int):
    for _ in range(langkah):
        p = atasan[p.pk] if p is not None else None
    return p


def ukur_halaman(data: dict, ulang: int) -> None:
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from indikator import laporan

    def kosongkan_cache() -> None:
        cache.clear()
        laporan._analisis_ringkas.cache_clear()
        laporan._kata_kunci.cache_clear()

    klien: dict[str, Client] = {}

    def sebagai(pegawai) -> Client:
        if pegawai.pk not in klien:
            klien[pegawai.pk] = Client()
            klien[pegawai.pk].force_login(pegawai.user)
        return klien[pegawai.pk]

    def ukur(nama: str, siapa, url: str, sebelum: Callable[[], None] | None = None) -> None:
        c = sebagai(siapa)
        n = 1 if sebelum else ulang
        waktu, queries = [], 0
        for i in range(n + (0 if sebelum else 1)):  # the first run without `sebelum` warms up
            if sebelum:
                sebelum()
            connection.queries_log.clear()  # it keeps 9,000: counts past that would be wrong
            with CaptureQueriesContext(connection) as q:
                mulai = time.perf_counter()
                respons = c.get(url)
                detik = time.perf_counter() - mulai
            assert respons.status_code == 200, (url, respons.status_code)
            if i or sebelum:
                waktu.append(detik)
                queries = len(q)
        print(f"  {nama:<44} median {statistics.median(waktu) * 1000:7.0f} ms   "
              f"terlama {max(waktu) * 1000:7.0f} ms   {queries:4d} query   ({len(waktu)}x)")  # fmt: skip

    pelaksana, kepala, sekda, admin = (data[k] for k in ("pelaksana", "kepala", "sekda", "admin"))
    nip_awal = pelaksana.nip[:6]
    nama_dicari = pelaksana.nama.split()[1]  # a surname shared by about one in twenty
    print(f"halaman ({ulang}x setelah pemanasan; Kepala Dinas dengan "
          f"{kepala.jabatan.bawahan.count()} bawahan langsung, Sekda dengan "
          f"{sekda.jabatan.bawahan.count()}):")  # fmt: skip
    ukur("SKP Saya (pelaksana)", pelaksana, reverse("skp:daftar"))
    ukur("SKP detail, pelaksana 5 RHK (pemilik)", pelaksana,
         reverse("skp:detail", args=[data["skp_pelaksana"].pk]))  # fmt: skip
    ukur("Kotak Masuk (Kepala Dinas)", kepala, reverse("skp:kotak_masuk"))
    ukur("Kotak Masuk (Sekda)", sekda, reverse("skp:kotak_masuk"))
    ukur("SKP Bawahan (Kepala Dinas)", kepala, reverse("skp:bawahan"))
    ukur("SKP Bawahan (Sekda)", sekda, reverse("skp:bawahan"))
    daftar = reverse("organisasi:pegawai_list")
    ukur("Daftar pegawai, halaman 1 (admin)", admin, daftar)
    ukur("Daftar pegawai, halaman 100 (admin)", admin, f"{daftar}?halaman=100")
    ukur(f"Daftar pegawai, cari nama '{nama_dicari}'", admin, f"{daftar}?q={nama_dicari}")
    ukur(f"Daftar pegawai, cari NIP '{nip_awal}'", admin, f"{daftar}?q={nip_awal}")
    ukur("Renstra (admin, semua OPD)", admin, reverse("perencanaan:renstra_list"))
    ukur("Renstra (pelaksana)", pelaksana, reverse("perencanaan:renstra_list"))
    laporan_url = reverse("indikator:laporan")
    ukur("Laporan Indikator, muat pertama", admin, laporan_url, sebelum=kosongkan_cache)
    ukur("Laporan Indikator, dari cache", admin, laporan_url)
    ukur("Ekspor PDF (admin)", admin, reverse("skp:ekspor"))
    ukur("Beranda (admin)", admin, reverse("beranda"))
    ukur("Beranda (pelaksana)", pelaksana, reverse("beranda"))
    ukur("Beranda (Kepala Dinas)", kepala, reverse("beranda"))
    ukur("Beranda (Sekda)", sekda, reverse("beranda"))
    instansi = data["instansi"]
    ukur("Dasbor Kinerja (pelaksana)", pelaksana, reverse("monitoring:dasbor"))
    ukur("Dasbor Kinerja (bawahan Kepala Dinas)", data["bawahan_kepala"],
         reverse("monitoring:dasbor"))  # fmt: skip
    ukur("Dasbor Tim (Kepala Dinas)", kepala, reverse("monitoring:tim"))
    ukur("Dasbor Tim (Sekda)", sekda, reverse("monitoring:tim"))
    pengisian = reverse("monitoring:pengisian", args=[instansi.pk])
    ukur("Monitoring Pengisian, per OPD (admin)", admin, pengisian)
    ukur("Monitoring Pengisian, OPD Kepala Dinas", admin,
         f"{pengisian}?unit={kepala.jabatan.unit_kerja_id}")  # fmt: skip
    ukur("Monitoring Pengisian, unit pelaksana", admin,
         f"{pengisian}?unit={pelaksana.jabatan.unit_kerja_id}")  # fmt: skip
    ukur("Monitoring Kurva (admin)", admin, reverse("monitoring:kurva", args=[instansi.pk]))
    ukur("Monitoring Pengisian, ekspor XLSX", admin,
         reverse("monitoring:pengisian_ekspor", args=[instansi.pk]))  # fmt: skip


if __name__ == "__main__":
    main()
