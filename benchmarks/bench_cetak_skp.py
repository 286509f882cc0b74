"""Benchmark of rendering one SKP to PDF (not a test).

    .venv/bin/python benchmarks/bench_cetak_skp.py [--ulang 20] [--rhk 8] [--indikator 3]
        [--panjang N] [--simpan FILE.pdf]
    .venv/bin/python benchmarks/bench_cetak_skp.py --batas [--ulang 3]

Loads the demo Pemda into a temporary SQLite database, gives Rudi Hartono (who has no demo SKP)
an SKP with `--rhk` RHK of `--indikator` indicators each (long realistic texts, or texts of
exactly `--panjang` characters; lampiran filled), then times N renders of:
- pratinjau draf: the draft preview with its watermark (what "Pratinjau PDF (draf)" costs when
  it is not cached);
- render: the approved document, HTML template to PDF with WeasyPrint;
- render + tanda tangan: the document as issued on approval (with QR code), PAdES-signed;
and prints the median and the slowest of each.

`--batas` builds the largest SKP the limits allow (skp/batas.py: MAKS_RHK RHK of MAKS_INDIKATOR
indicators, every RHK, indicator, intervened atasan RHK and ekspektasi of MAKS_URAIAN
characters, each lampiran of MAKS_LAMPIRAN) and times only its draft preview, which the
background worker renders.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

AKAR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(AKAR))

ASPEK = (
    ("kuantitas", "Jumlah bayi yang mendapat imunisasi dasar lengkap", 240, "bayi"),
    ("kualitas", "Persentase data kohort yang lengkap dan sesuai register", 95, "%"),
    ("waktu", "Laporan bulanan disampaikan paling lambat tanggal", 5, "hari"),
)


def teks(awal: str, panjang: int | None) -> str:
    """`awal`, or (with `panjang`) words repeated to exactly `panjang` characters."""
    if not panjang:
        return awal
    hasil = awal
    while len(hasil) < panjang:
        hasil += " data kohort imunisasi dasar lengkap per desa"
    return hasil[:panjang].rstrip() + "." * (panjang - len(hasil[:panjang].rstrip()))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--ulang", type=int, default=20)
    parser.add_argument("--rhk", type=int, default=8)
    parser.add_argument("--indikator", type=int, default=3, help="indicators per RHK")
    parser.add_argument("--panjang", type=int, help="characters of every RHK and indicator text")
    parser.add_argument("--batas", action="store_true", help="the largest SKP the limits allow")
    parser.add_argument("--simpan", type=Path, help="also write the signed PDF to this file")
    args = parser.parse_args()
    tmp = tempfile.TemporaryDirectory()
    os.environ["DATABASE_URL"] = f"sqlite:///{tmp.name}/bench.sqlite3"
    os.environ["DJANGO_MEDIA_ROOT"] = f"{tmp.name}/media"
    os.environ["SKP_SIGN_P12"] = f"{tmp.name}/bench.p12"
    os.environ["EMAIL_URL"] = "dummymail://"
    os.environ.setdefault("DJANGO_LOG_LEVEL", "WARNING")  # not one line per re-render
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import io

    import django
    from pypdf import PdfReader

    django.setup()
    from django.core.management import call_command

    from core.tanda_tangan import tandatangani
    from organisasi.models import Pegawai
    from skp import batas, services
    from skp.cetak import render_pdf
    from skp.models import PerilakuKerja, RencanaHasilKerja
    from skp.selectors import skp_tahun

    per_rhk = [args.indikator] * args.rhk
    if args.batas:
        args.rhk, args.panjang, total = batas.MAKS_RHK, batas.MAKS_URAIAN, batas.MAKS_INDIKATOR_SKP
        per_rhk = [total // args.rhk + (i < total % args.rhk) for i in range(args.rhk)]
    call_command("migrate", verbosity=0)
    call_command("buat_sertifikat_dev", verbosity=0)
    call_command("seed_demo", "--jika-kosong", stdout=open(os.devnull, "w"))
    pegawai = Pegawai.objects.select_related("user").get(nip="199203142019031005")
    skp = services.skp_buat(user=pegawai.user, tahun=django.utils.timezone.localdate().year)
    atasan = skp_tahun(skp.penilai, skp.tahun)
    rhk_atasan = list(atasan.rhk.all()) if atasan else []
    if args.batas and rhk_atasan:  # the intervened atasan RHK are printed too, at full length
        RencanaHasilKerja.objects.filter(pk__in=[r.pk for r in rhk_atasan]).update(
            uraian=teks("RHK pimpinan", batas.MAKS_URAIAN)
        )
    utama = max(args.rhk - 2, 1)
    for i in range(args.rhk):
        rhk = services.rhk_tambah(
            user=pegawai.user,
            skp=skp,
            jenis="utama" if i < utama else "tambahan",
            uraian=teks(
                f"Terlaksananya pelayanan imunisasi dasar lengkap dan pencatatan kohort "
                f"bayi di wilayah kerja puskesmas bagian {i + 1} secara tepat waktu",
                args.panjang,
            ),  # fmt: skip
            rhk_atasan=rhk_atasan[i % len(rhk_atasan)] if rhk_atasan and i < utama else None,
        )
        for j in range(per_rhk[i]):
            aspek, uraian, target, satuan = ASPEK[j % len(ASPEK)]
            services.indikator_tambah(user=pegawai.user, rhk=rhk, aspek=aspek,
                                      uraian=teks(uraian, args.panjang),
                                      target_min=Decimal(target), satuan=satuan)  # fmt: skip
    panjang_lampiran = batas.MAKS_LAMPIRAN if args.batas else None
    services.lampiran_ubah(
        user=pegawai.user,
        skp=skp,
        dukungan_sumber_daya=teks(
            "Vaksin dan logistik rantai dingin\nKendaraan puskesmas keliling", panjang_lampiran
        ),  # fmt: skip
        skema_pertanggungjawaban=teks("Laporan bulanan kepada Kepala Puskesmas", panjang_lampiran),
        konsekuensi=teks(
            "Capaian di bawah target dibahas dalam evaluasi triwulan", panjang_lampiran
        ),
    )
    if args.batas:
        PerilakuKerja.objects.filter(skp=skp).update(
            ekspektasi_khusus=teks("Ekspektasi khusus pimpinan", batas.MAKS_URAIAN)
        )
    skp.refresh_from_db()

    def ukur(nama: str, fungsi) -> None:
        fungsi()  # warm-up: fonts, template cache
        waktu, cpu = [], []
        for _ in range(args.ulang):
            mulai, mulai_cpu = time.perf_counter(), time.process_time()
            fungsi()
            waktu.append(time.perf_counter() - mulai)
            cpu.append(time.process_time() - mulai_cpu)
        # CPU time too: on a shared machine the wall time also counts the neighbours' work.
        print(f"{nama:<26} median {statistics.median(waktu) * 1000:7.0f} ms   "
              f"terlama {max(waktu) * 1000:7.0f} ms   "
              f"CPU median {statistics.median(cpu) * 1000:7.0f} ms   ({args.ulang}x)")  # fmt: skip

    draf = render_pdf(skp)
    halaman = len(PdfReader(io.BytesIO(draf)).pages)
    print(f"SKP {args.rhk} RHK, {sum(per_rhk)} indikator"
          + (f", teks {args.panjang} karakter" if args.panjang else "")
          + f" (pratinjau draf: {halaman} halaman, {len(draf) // 1024} KB)")  # fmt: skip
    ukur("pratinjau draf", lambda: render_pdf(skp))
    if args.batas:
        return
    services.ajukan(user=pegawai.user, skp=skp)
    services.setujui(user=skp.penilai.user, skp=skp)
    skp.refresh_from_db()
    if args.simpan:
        args.simpan.write_bytes(tandatangani(render_pdf(skp, token="x" * 22)))
    ukur("render", lambda: render_pdf(skp))
    ukur("render + tanda tangan", lambda: tandatangani(render_pdf(skp, token="x" * 22)))


if __name__ == "__main__":
    main()
