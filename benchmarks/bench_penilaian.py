"""Benchmark of the evaluation pages at Pemda scale (not a test: it prints timings).

    .venv/bin/python benchmarks/bench_penilaian.py [--pegawai 20000] [--skp 15000] [--ulang 10]
                                                   [--database-url URL]

Default database: a temporary SQLite file. For PostgreSQL pass an EMPTY database's URL (it is
migrated and filled). Builds the Pemda of `bench_halaman.py` (`isi_data`: pegawai through the
real import, Renstra, SKP with RHK and indicators in mixed states), then a year of evaluation in
use, in bulk, as the services would have left it:

- a Kepala Seksi is given 30 bawahan (25 positions moved under theirs), and the 40 Kepala Dinas
  and those 30 get their SKP approved (with the "setujui" history row); the rest keep theirs;
- the period in progress (its window opened around today) and the one before it (deadline
  passed): for every approved SKP an evaluation, Belum diisi / Dikirim / Dinilai in the period
  in progress, mostly rated in the one before, with realisasi for every indicator, one bukti
  dukung per RHK, the penilai's umpan balik and history rows; in the period before, the
  30-bawahan Kepala Seksi rated nobody (their Kepala Bidang now sees the 30 as late).

Then, with Django's test Client signed in as the right person, each page is requested once
(warm-up: the first visit makes the evaluations still missing) and `--ulang` times: Penilaian
Bawahan, then for one bawahan of the 30-bawahan Kepala Seksi (sent, not rated yet) Penilaian
Saya and the realisasi form as that pegawai, the evaluation page as the Kepala Seksi, and the
admin's Periode Penilaian page; and one row is saved through htmx as many times (alternating ratings, so each save writes); each line gives
the median and slowest time and the queries of one request. Run it at two sizes (e.g.
`--pegawai 2000 --skp 1500`) to see whether a query count grows with the data.
"""

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

AKAR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(AKAR))


def siapkan_django(database_url: str | None, tmp: str) -> None:
    """The environment of bench_halaman.py: production-like settings on the given database."""
    os.environ["DATABASE_URL"] = database_url or f"sqlite:///{tmp}/bench.sqlite3"
    os.environ["DJANGO_MEDIA_ROOT"] = f"{tmp}/media"
    os.environ["EMAIL_URL"] = "dummymail://"
    os.environ["DJANGO_DEBUG"] = "false"
    os.environ["DJANGO_SECRET_KEY"] = "benchmark-only-" + "x" * 40
    os.environ["DJANGO_SECURE"] = "false"
    os.environ["DJANGO_ALLOWED_HOSTS"] = "testserver"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import warnings

    import django

    warnings.filterwarnings("ignore", message="No directory at")
    django.setup()
    from django.conf import settings

    from core.tanda_tangan import buat_sertifikat

    # Saving a rating issues the signed evaluation form, as in production: a certificate made
    # for this run (without one the save would only log that issuing failed).
    buat_sertifikat(Path(tmp) / "bench.p12", "bench")
    settings.SKP_SIGN_P12 = Path(tmp) / "bench.p12"
    settings.SKP_SIGN_P12_PASSPHRASE = "bench"

    settings.STORAGES["staticfiles"]["BACKEND"] = (
        "django.contrib.staticfiles.storage.StaticFilesStorage"
    )
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pegawai", type=int, default=20000)
    parser.add_argument("--skp", type=int, default=15000)
    parser.add_argument("--ulang", type=int, default=10)
    parser.add_argument("--database-url")
    args = parser.parse_args()
    tmp = tempfile.TemporaryDirectory()
    siapkan_django(args.database_url, tmp.name)
    from django.db import connection

    from benchmarks.bench_halaman import isi_data

    mulai = time.perf_counter()
    data = isi_data(args.pegawai, args.skp)
    ringkasan = data.pop("ringkasan")
    data.update(isi_penilaian(data))
    print(f"{connection.vendor}: data dibuat dalam {time.perf_counter() - mulai:.0f} s: "
          f"{ringkasan}; {data.pop('ringkasan_penilaian')}")  # fmt: skip
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    ukur(data, args.ulang)


def isi_penilaian(data: dict) -> dict:
    from django.db.models import Count
    from django.utils import timezone

    from organisasi.models import Jabatan, JenisJabatan, Pegawai
    from penilaian.kuadran import KUADRAN
    from penilaian.models import (
        BuktiDukung,
        JenisUmpanBalik,
        PenilaianPeriodik,
        PeranPemberi,
        Realisasi,
        RiwayatPenilaian,
        StatusPenilaian,
        UmpanBalik,
    )
    from penilaian.periode import periode_berjalan, periode_tahun
    from skp.models import IndikatorKinerja, PerilakuKerja, RiwayatStatus, Skp, StatusSkp

    acak = random.Random(13)
    instansi, sekda = data["instansi"], data["sekda"]
    hari_ini = timezone.localdate()
    sekarang = timezone.now()

    # The period in progress, its window open today (as the admin would extend it), and the one
    # before it, whose deadline has passed.
    kini = periode_berjalan(instansi)
    kini.buka = min(kini.buka, hari_ini - timedelta(days=7))
    kini.tenggat = max(kini.tenggat, hari_ini + timedelta(days=14))
    kini.save()
    semua = periode_tahun(instansi, kini.tahun - 1) + periode_tahun(instansi, kini.tahun)
    lalu = semua[semua.index(kini) - 1]
    assert lalu.tenggat < hari_ini, lalu

    # A Kepala Seksi with 30 bawahan: 25 fungsional positions of other seksi moved under theirs.
    kasi_jabatan = (
        Jabatan.objects.filter(instansi=instansi, jenis=JenisJabatan.PENGAWAS)
        .annotate(n=Count("bawahan"))
        .filter(n__gte=5, pemangku__isnull=False)
        .order_by("pk")
        .first()
    )
    pindah = list(
        Jabatan.objects.filter(instansi=instansi, jenis=JenisJabatan.FUNGSIONAL, pemangku__isnull=False)
        .exclude(atasan=kasi_jabatan)
        .order_by("pk")[:25]
    )  # fmt: skip
    Jabatan.objects.filter(pk__in=[j.pk for j in pindah]).update(atasan=kasi_jabatan)
    kasi = Pegawai.objects.get(jabatan=kasi_jabatan)
    kabid = Pegawai.objects.get(jabatan=kasi_jabatan.atasan)
    kasi_kecil = Pegawai.objects.filter(
        jabatan__in=Jabatan.objects.filter(instansi=instansi, jenis=JenisJabatan.PENGAWAS)
        .exclude(pk=kasi_jabatan.pk)
        .annotate(n=Count("bawahan"))
        .filter(n__gte=5)
    ).first()

    # Their SKP (and the Kepala Dinas') approved, with the history row the approval writes.
    disetujui_paksa = list(
        Skp.objects.filter(
            pegawai__jabatan__atasan__in=[kasi_jabatan, sekda.jabatan], tahun=kini.tahun
        ).exclude(status=StatusSkp.DISETUJUI)
    )
    Skp.objects.filter(pk__in=[s.pk for s in disetujui_paksa]).update(status=StatusSkp.DISETUJUI)
    RiwayatStatus.objects.bulk_create(
        RiwayatStatus(
            skp=s,
            aksi="setujui",
            dari=StatusSkp.DIAJUKAN,
            ke=StatusSkp.DISETUJUI,
            waktu=sekarang - timedelta(days=120),
        )  # fmt: skip
        for s in disetujui_paksa
    )

    skp = list(
        Skp.objects.filter(
            instansi=instansi, tahun=kini.tahun, status=StatusSkp.DISETUJUI
        ).select_related("pegawai__jabatan", "pegawai__user")
    )
    pemegang = {
        p.jabatan_id: p
        for p in Pegawai.objects.filter(instansi=instansi).select_related("user")
        if p.jabatan_id
    }
    penilai = {s.pegawai_id: pemegang.get(s.pegawai.jabatan.atasan_id) for s in skp}
    bawahan_kasi = {s.pegawai_id for s in skp if s.pegawai.jabatan.atasan_id == kasi_jabatan.pk}
    indikator: dict[int, list] = {}
    for i in IndikatorKinerja.objects.filter(rhk__skp__in=skp).select_related("rhk"):
        indikator.setdefault(i.rhk.skp_id, []).append(i)
    perilaku = {p.skp_id: p for p in PerilakuKerja.objects.filter(skp__in=skp, urutan=1)}

    def keadaan(periode, pegawai_id: int) -> str:
        if periode == lalu:
            if pegawai_id in bawahan_kasi:
                return StatusPenilaian.DIKIRIM  # their Kepala Seksi missed the deadline
            return acak.choices(
                [StatusPenilaian.DITERIMA, StatusPenilaian.DINILAI, StatusPenilaian.DIKIRIM],
                weights=[70, 20, 10],
            )[0]
        return acak.choices(
            [StatusPenilaian.BELUM_DIISI, StatusPenilaian.DIKIRIM, StatusPenilaian.DINILAI],
            weights=[40, 40, 20],
        )[0]

    pasangan = list(KUADRAN.items())
    baru = []
    for periode in (lalu, kini):
        for s in skp:
            st = keadaan(periode, s.pegawai_id)
            pn = penilai[s.pegawai_id]
            rating = {}
            if st in (StatusPenilaian.DINILAI, StatusPenilaian.DITERIMA) and pn is not None:
                (hasil, prl), pred = acak.choice(pasangan)
                rating = {"rating_hasil_kerja": hasil, "rating_perilaku": prl, "predikat": pred,
                          "dinilai_oleh": pn, "dinilai_pada": sekarang}  # fmt: skip
            elif st != StatusPenilaian.BELUM_DIISI or pn is None:
                st = StatusPenilaian.DIKIRIM if pn is not None else StatusPenilaian.BELUM_DIISI
            baru.append(PenilaianPeriodik(
                pegawai_id=s.pegawai_id, periode=periode, skp=s, status=st, revisi=2,
                penilai=pn if st != StatusPenilaian.BELUM_DIISI else None,
                dikirim_pada=sekarang if st != StatusPenilaian.BELUM_DIISI else None, **rating,
            ))  # fmt: skip
    # bench_halaman's monitoring sample already rated part of the current period: this fuller
    # evaluation of both periods takes its place (one evaluation per pegawai and period).
    PenilaianPeriodik.objects.filter(
        periode__in=[lalu, kini], pegawai_id__in=[s.pegawai_id for s in skp]
    ).delete()
    baru = PenilaianPeriodik.objects.bulk_create(baru, batch_size=2000)
    if baru[0].pk is None:  # a backend that does not return primary keys
        baru = list(PenilaianPeriodik.objects.filter(periode__in=[lalu, kini]))
    skp_per_id = {s.pk: s for s in skp}

    realisasi, bukti, umpan, riwayat = [], [], [], []
    for p in baru:
        if p.status == StatusPenilaian.BELUM_DIISI:
            continue
        s = skp_per_id[p.skp_id]
        rhk_ids = set()
        for i in indikator.get(s.pk, []):
            rhk_ids.add(i.rhk_id)
            bagian = acak.choice(
                [Decimal("0.15"), Decimal("0.22"), Decimal("0.25"), Decimal("0.3")]
            )
            nilai = ((i.target_min or Decimal(1)) * bagian).quantize(Decimal("0.01"))
            realisasi.append(Realisasi(penilaian=p, indikator=i, nilai=nilai))
        for rhk_id in rhk_ids:
            bukti.append(BuktiDukung(penilaian=p, rhk_id=rhk_id,
                                     tautan=f"https://arsip.example.go.id/{p.pk}/{rhk_id}"))  # fmt: skip
        pn = penilai[p.pegawai_id]
        riwayat.append(RiwayatPenilaian(penilaian=p, aksi="kirim", dari=StatusPenilaian.BELUM_DIISI,
                                        ke=StatusPenilaian.DIKIRIM, oleh=s.pegawai.user))  # fmt: skip
        if pn is not None and (p.predikat or acak.random() < 0.5):
            umum = {"pegawai_id": p.pegawai_id, "skp": s, "periode_id": p.periode_id,
                    "pemberi": pn.user, "pemberi_nama": pn.nama_lengkap, "peran": PeranPemberi.PENILAI}  # fmt: skip
            umpan.append(UmpanBalik(**umum, jenis=JenisUmpanBalik.HASIL_KERJA,
                                    rhk_id=min(rhk_ids) if rhk_ids else None,
                                    teks="Rekap lengkap; bukti menunjukkan hasil."))  # fmt: skip
            umpan.append(UmpanBalik(**umum, jenis=JenisUmpanBalik.PERILAKU,
                                    perilaku=perilaku.get(s.pk), teks="Cekatan dan ramah."))  # fmt: skip
        if p.predikat:
            riwayat.append(RiwayatPenilaian(penilaian=p, aksi="nilai", dari=StatusPenilaian.DIKIRIM,
                                            ke=StatusPenilaian.DINILAI, oleh=pn.user))  # fmt: skip
    Realisasi.objects.bulk_create(realisasi, batch_size=5000)
    BuktiDukung.objects.bulk_create(bukti, batch_size=5000)
    UmpanBalik.objects.bulk_create(umpan, batch_size=5000)
    RiwayatPenilaian.objects.bulk_create(riwayat, batch_size=5000)

    # The row saved in the measurement: a bawahan of the 30-bawahan Kepala Seksi in the period
    # in progress, sent, with their Kepala Seksi's umpan balik.
    disimpan = next(
        p for p in baru
        if p.periode_id == kini.pk and p.pegawai_id in bawahan_kasi
        and p.status == StatusPenilaian.DIKIRIM
    )  # fmt: skip
    s = skp_per_id[disimpan.skp_id]
    umum = {"pegawai_id": disimpan.pegawai_id, "skp": s, "periode": kini, "pemberi": kasi.user,
            "pemberi_nama": kasi.nama_lengkap, "peran": PeranPemberi.PENILAI}  # fmt: skip
    UmpanBalik.objects.create(**umum, jenis=JenisUmpanBalik.HASIL_KERJA, teks="Tepat waktu.")
    UmpanBalik.objects.create(**umum, jenis=JenisUmpanBalik.PERILAKU, perilaku=perilaku[s.pk],
                              teks="Ramah.")  # fmt: skip
    return {
        "ringkasan_penilaian": (
            f"{len(baru)} penilaian ({lalu} dan {kini}), {len(realisasi)} realisasi, "
            f"{len(bukti)} bukti dukung, {len(umpan)} umpan balik"
        ),
        "kini": kini,
        "lalu": lalu,
        "kasi": kasi,
        "kasi_kecil": kasi_kecil,
        "kabid": kabid,
        "disimpan": disimpan,
    }


def ukur(data: dict, ulang: int) -> None:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from penilaian.kuadran import Rating
    from penilaian.models import PenilaianPeriodik

    klien: dict[int, Client] = {}

    def sebagai(pegawai) -> Client:
        if pegawai.pk not in klien:
            klien[pegawai.pk] = Client()
            klien[pegawai.pk].force_login(pegawai.user)
        return klien[pegawai.pk]

    def cetak(nama: str, waktu: list[float], queries: int) -> None:
        print(f"  {nama:<58} median {statistics.median(waktu) * 1000:7.0f} ms   "
              f"terlama {max(waktu) * 1000:7.0f} ms   {queries:4d} query   ({len(waktu)}x)")  # fmt: skip

    def halaman(nama: str, siapa, periode, url: str = "") -> None:
        c = sebagai(siapa)
        pembanding = bool(url)
        url = url or f"{reverse('penilaian:bawahan')}?periode={periode.pk}"
        waktu, queries = [], 0
        for i in range(ulang + 1):  # the first run warms up (and makes missing evaluations)
            connection.queries_log.clear()
            with CaptureQueriesContext(connection) as q:
                mulai = time.perf_counter()
                respons = c.get(url)
                detik = time.perf_counter() - mulai
            assert respons.status_code == 200, (url, respons.status_code)
            if i:
                waktu.append(detik)
                queries = len(q)
        html = respons.content.decode()
        baris = html.count('<tr id="baris-') + html.count('<tr id="pegawai-')
        cetak(nama if pembanding else f"{nama} ({baris} baris)", waktu, queries)

    kini, lalu, kasi = data["kini"], data["lalu"], data["kasi"]
    print(f"Penilaian Bawahan ({ulang}x setelah pemanasan; {kini} dan {lalu}):")
    # For comparison on the same machine at the same moment: the SKP page of the same people.
    halaman("(pembanding) SKP Bawahan, Kepala Seksi dengan 30 bawahan", kasi, kini,
            reverse("skp:bawahan"))  # fmt: skip
    halaman("Kepala Seksi, periode berjalan", data["kasi_kecil"], kini)
    halaman("Kepala Seksi dengan 30 bawahan, periode berjalan", kasi, kini)
    halaman("Sekda (Kepala Dinas), periode berjalan", data["sekda"], kini)
    halaman("Kepala Bidang, periode lalu (penilai terlambat)", data["kabid"], lalu)

    # The other pages of the evaluation, for the evaluation saved below while it is still
    # Dikirim (the pegawai may add evidence) and before its rating is saved.
    p = data["disimpan"]
    pegawai = p.pegawai
    print("Halaman penilaian lain:")
    halaman("Penilaian Saya (pegawai)", pegawai, kini,
            f"{reverse('penilaian:saya')}?tahun={kini.tahun}")  # fmt: skip
    halaman("Formulir realisasi (pegawai, dikirim)", pegawai, kini,
            reverse("penilaian:realisasi", args=[p.pk]))  # fmt: skip
    halaman("Halaman penilaian (penilai melihat)", kasi, kini,
            reverse("penilaian:detail", args=[p.pk]))  # fmt: skip
    halaman("Periode Penilaian (admin)", data["admin"], kini,
            f"{reverse('penilaian:periode')}?tahun={kini.tahun}")  # fmt: skip

    # One row saved through htmx, alternating the rating so that every save writes.
    c = sebagai(kasi)
    url = reverse("penilaian:bawahan_nilai", args=[p.pk])
    waktu, queries = [], 0
    for i in range(ulang + 1):
        revisi = PenilaianPeriodik.objects.get(pk=p.pk).revisi
        isi = {"rating_hasil_kerja": Rating.SESUAI if i % 2 else Rating.DI_ATAS,
               "rating_perilaku": Rating.SESUAI, "revisi": revisi, "sebagai": "penilai"}  # fmt: skip
        connection.queries_log.clear()
        with CaptureQueriesContext(connection) as q:
            mulai = time.perf_counter()
            respons = c.post(url, isi, HTTP_HX_REQUEST="true")
            detik = time.perf_counter() - mulai
        assert respons.status_code == 200 and b"Tersimpan." in respons.content, respons.content
        if i:
            waktu.append(detik)
            queries = len(q)
    cetak("Simpan satu baris (htmx), Kepala Seksi dengan 30 bawahan", waktu, queries)


if __name__ == "__main__":
    main()
