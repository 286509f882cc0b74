"""Benchmark of rendering one SKP to PDF (not a test).

    .venv/bin/python benchmarks/bench_cetak_skp.py [--ulang 20] [--rhk 8] [--simpan FILE.pdf]

Loads the demo Pemda into a temporary SQLite database, gives Rudi Hartono (who has no demo SKP)
an approved SKP with `--rhk` RHK (three aspects each, long realistic texts, lampiran filled),
then times N renders of:
- render: the HTML template to PDF with WeasyPrint (what a draft preview costs);
- render + tanda tangan: the document as issued on approval (with QR code), PAdES-signed;
and prints the median and the slowest of each.
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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--ulang", type=int, default=20)
    parser.add_argument("--rhk", type=int, default=8)
    parser.add_argument("--simpan", type=Path, help="also write the signed PDF to this file")
    args = parser.parse_args()
    tmp = tempfile.TemporaryDirectory()
    os.environ["DATABASE_URL"] = f"sqlite:///{tmp.name}/bench.sqlite3"
    os.environ["DJANGO_MEDIA_ROOT"] = f"{tmp.name}/media"
    os.environ["SKP_SIGN_P12"] = f"{tmp.name}/bench.p12"
    os.environ["EMAIL_URL"] = "dummymail://"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import io

    import django
    from pypdf import PdfReader

    django.setup()
    from django.core.management import call_command

    from core.tanda_tangan import tandatangani
    from organisasi.models import Pegawai
    from skp import services
    from skp.cetak import render_pdf
    from skp.selectors import skp_tahun

    call_command("migrate", verbosity=0)
    call_command("buat_sertifikat_dev", verbosity=0)
    call_command("seed_demo", "--jika-kosong", stdout=open(os.devnull, "w"))
    pegawai = Pegawai.objects.select_related("user").get(nip="199203142019031005")
    skp = services.skp_buat(user=pegawai.user, tahun=django.utils.timezone.localdate().year)
    atasan = skp_tahun(skp.penilai, skp.tahun)
    rhk_atasan = list(atasan.rhk.all()) if atasan else []
    for i in range(args.rhk):
        rhk = services.rhk_tambah(
            user=pegawai.user,
            skp=skp,
            jenis="utama" if i < args.rhk - 2 else "tambahan",
            uraian=f"Terlaksananya pelayanan imunisasi dasar lengkap dan pencatatan kohort bayi "
            f"di wilayah kerja puskesmas bagian {i + 1} secara tepat waktu",
            rhk_atasan=rhk_atasan[i % len(rhk_atasan)] if rhk_atasan and i < args.rhk - 2 else None,
        )
        for aspek, uraian, target, satuan in (
            ("kuantitas", "Jumlah bayi yang mendapat imunisasi dasar lengkap", 240, "bayi"),
            ("kualitas", "Persentase data kohort yang lengkap dan sesuai register", 95, "%"),
            ("waktu", "Laporan bulanan disampaikan paling lambat tanggal", 5, "hari"),
        ):
            services.indikator_tambah(user=pegawai.user, rhk=rhk, aspek=aspek, uraian=uraian,
                                      target_min=Decimal(target), satuan=satuan)  # fmt: skip
    services.lampiran_ubah(
        user=pegawai.user,
        skp=skp,
        dukungan_sumber_daya="Vaksin dan logistik rantai dingin\nKendaraan puskesmas keliling",
        skema_pertanggungjawaban="Laporan bulanan kepada Kepala Puskesmas",
        konsekuensi="Capaian di bawah target dibahas dalam evaluasi triwulan",
    )
    services.ajukan(user=pegawai.user, skp=skp)
    services.setujui(user=skp.penilai.user, skp=skp)
    skp.refresh_from_db()

    def ukur(nama: str, fungsi) -> None:
        fungsi()  # warm-up: fonts, template cache
        waktu = []
        for _ in range(args.ulang):
            mulai = time.perf_counter()
            fungsi()
            waktu.append(time.perf_counter() - mulai)
        print(f"{nama:<26} median {statistics.median(waktu) * 1000:7.0f} ms   "
              f"terlama {max(waktu) * 1000:7.0f} ms   ({args.ulang}x)")  # fmt: skip

    halaman = len(PdfReader(io.BytesIO(render_pdf(skp))).pages)
    print(f"SKP {args.rhk} RHK, {3 * args.rhk} indikator, disetujui ({halaman} halaman)")
    if args.simpan:
        args.simpan.write_bytes(tandatangani(render_pdf(skp, token="x" * 22)))
    ukur("render", lambda: render_pdf(skp))
    ukur("render + tanda tangan", lambda: tandatangani(render_pdf(skp, token="x" * 22)))


if __name__ == "__main__":
    main()
