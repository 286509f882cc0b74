"""Demo data of the monitoring pages (`seed_demo`): jurnal entries through the demo year, dialog
kinerja with open and finished follow-ups, and (from July) mid-year reviews, for the demo pegawai
whose SKP is approved (skp.demo.NIP_DISETUJUI, NIP_DIREVISI; a jurnal needs an SKP in force).
Everything goes through the services, then the timestamps are moved back to the day it describes
(an entry written in March is locked now, as it would be). Running it again adds nothing."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from monitoring.forms import token_baru
from monitoring.models import DialogKinerja, JurnalKinerja, TinjauanTengahTahun
from monitoring.selectors import pilihan_rhk
from monitoring.services.dialog import dialog_catat, tindak_lanjut_selesai
from monitoring.services.jurnal import IsianJurnal, jurnal_tambah
from monitoring.services.tinjauan import tinjauan_konfirmasi
from organisasi.models import Instansi, Pegawai
from organisasi.selectors import atasan_langsung
from penilaian.periode import BULAN
from skp.demo import NIP_DIREVISI, NIP_DISETUJUI
from skp.models import Skp, StatusSkp


@dataclass(frozen=True)
class Pola:
    """How a demo pegawai works on one RHK: a result on the 8th and on the 22nd of each month
    (0: an entry without a number), every `setiap` months, with a few obstacles."""

    hasil: tuple[int, int]
    kegiatan: tuple[str, str]
    setiap: int = 1
    hambatan: tuple[tuple[int, str, str], ...] = ()  # (month, hambatan, solusi)


POLA: dict[str, tuple[Pola, ...]] = {
    "199001192015032002": (  # Sri Wahyuni: the monthly referral recap, on schedule
        Pola(
            (0, 1),
            (
                "Menarik data rujukan bulan {bulan} dari SISRUTE",
                "Memvalidasi dan mengirim rekap rujukan bulan {bulan}",
            ),
            hambatan=(
                (
                    4,
                    "Dua rumah sakit terlambat memperbarui data SISRUTE",
                    "Mengingatkan petugas rumah sakit melalui grup koordinasi",
                ),
            ),
        ),
    ),  # fmt: skip
    "199307072022211012": (  # Andi Saputra: the dashboard falls behind, maintenance is done
        Pola(
            (1, 0),
            (
                "Mengintegrasikan data fasyankes ke dasbor layanan rujukan",
                "Menguji tampilan dasbor untuk fasyankes yang baru terhubung",
            ),
            hambatan=(
                (
                    3,
                    "Server dinas sering tidak dapat diakses pada sore hari",
                    "Menjadwalkan sinkronisasi data pada pagi hari",
                ),
                (
                    9,
                    "Dua puskesmas belum memiliki jaringan internet yang stabil",
                    "Berkoordinasi dengan Diskominfo untuk jaringan puskesmas",
                ),
            ),
        ),
        Pola(
            (2, 1),
            (
                "Memelihara perangkat komputer Bidang Pelayanan Kesehatan",
                "Memperbaiki gangguan jaringan di ruang layanan rujukan",
            ),
        ),
    ),  # fmt: skip
    "199111302017012004": (  # Maya Kusuma: SPJ verified steadily
        Pola(
            (20, 20),
            (
                "Memverifikasi SPJ belanja bulan {bulan}",
                "Mencatat hasil verifikasi SPJ pada register",
            ),
        ),
        Pola(
            (0, 1),
            (
                "Mengumpulkan data realisasi belanja bulan {bulan}",
                "Menyusun laporan realisasi anggaran bulan {bulan}",
            ),
        ),
    ),  # fmt: skip
    NIP_DIREVISI: (  # Dimas Pratama: the KIB update lags behind the revised target
        Pola(
            (1, 0),
            (
                "Memutakhirkan Kartu Inventaris Barang di SIMDA BMD",
                "Mencocokkan data aset dengan kondisi fisik di puskesmas",
            ),
            setiap=2,
            hambatan=(
                (
                    5,
                    "Banyak aset puskesmas tanpa label register",
                    "Menyusun jadwal pelabelan bersama pengurus barang puskesmas",
                ),
            ),
        ),
    ),  # fmt: skip
}


def _hari_kerja(d: date) -> date:
    while d.weekday() >= 5:  # a demo pegawai writes on working days
        d -= timedelta(days=1)
    return d


def _pada(hari: date, jam: int = 16) -> datetime:
    return timezone.make_aware(datetime.combine(hari, time(jam)))


def _hari_pola(pola: Pola, tahun: int, hari_ini: date):
    """(date, result, kegiatan, first of its month) of each entry of a pattern up to today."""
    for bulan in range(1, 13):
        if (bulan - 1) % pola.setiap:
            continue
        for urutan, (hari, hasil, kegiatan) in enumerate(
            zip((8, 22), pola.hasil, pola.kegiatan, strict=True)
        ):
            tanggal = _hari_kerja(date(tahun, bulan, hari))
            if tanggal > hari_ini:
                return
            yield tanggal, hasil, kegiatan.format(bulan=BULAN[bulan]), urutan == 0


def _jurnal(pegawai: Pegawai, skp: Skp, tahun: int, hari_ini: date) -> int:
    jumlah = 0
    for pola, p in zip(POLA.get(pegawai.nip, ()), pilihan_rhk(skp), strict=False):
        for tanggal, hasil, kegiatan, pertama in _hari_pola(pola, tahun, hari_ini):
            hambatan, solusi = next(
                ((h, s) for m, h, s in pola.hambatan if m == tanggal.month and pertama), ("", "")
            )
            entri = jurnal_tambah(
                user=pegawai.user,
                token=token_baru(),
                isian=IsianJurnal(
                    tanggal=tanggal,
                    rhk_id=p.rhk.pk,
                    kegiatan=kegiatan,
                    jam_mulai=time(8, 0),
                    jam_selesai=time(11, 30),
                    hasil=Decimal(hasil) if hasil and p.satuan else None,
                    hambatan=hambatan,
                    solusi=solusi,
                ),  # fmt: skip
            )
            JurnalKinerja.objects.filter(pk=entri.pk).update(dibuat=_pada(tanggal))
            jumlah += 1
    return jumlah


def _dialog(pegawai: Pegawai, tahun: int, hari_ini: date) -> int:
    atasan = atasan_langsung(pegawai)
    if atasan is None or atasan.user is None:
        return 0
    awal = date(tahun, 1, 2)

    def catat(oleh, mundur: int, jenis: str, topik: str, sepakat: str, tindak: str = "",
              tindak_hari: int | None = None, selesai: bool = False) -> None:  # fmt: skip
        tanggal = max(awal, hari_ini - timedelta(days=mundur))
        batas = tanggal + timedelta(days=tindak_hari) if tindak_hari is not None else None
        d = dialog_catat(
            user=oleh.user, pegawai=pegawai, token=token_baru(), tanggal=tanggal, jenis=jenis,
            topik=topik, kesepakatan=sepakat, tindak_lanjut=tindak, tanggal_tindak_lanjut=batas,
        )  # fmt: skip
        DialogKinerja.objects.filter(pk=d.pk).update(dibuat=_pada(tanggal, 14))
        if selesai and batas is not None and batas <= hari_ini:
            tindak_lanjut_selesai(user=pegawai.user, dialog=d)
            DialogKinerja.objects.filter(pk=d.pk).update(selesai_pada=_pada(batas, 15))

    nip = pegawai.nip
    if nip == "199001192015032002":
        catat(atasan, 70, "coaching", "Validasi data rujukan SISRUTE",
              "Rekap divalidasi bersama petugas rumah sakit sebelum dikirim.",
              "Tunjukkan rekap yang sudah divalidasi", 14, selesai=True)  # fmt: skip
        catat(atasan, 10, "mentoring", "Analisis waktu tunggu rujukan",
              "Rekap bulanan ditambah grafik waktu tunggu per rumah sakit.",
              "Bahas contoh grafik waktu tunggu", 17)  # fmt: skip
    elif nip == "199307072022211012":
        catat(atasan, 20, "konseling", "Keterlambatan integrasi dasbor rujukan",
              "Integrasi diprioritaskan untuk 10 fasyankes dengan rujukan terbanyak.",
              "Laporkan fasyankes yang sudah terhubung", 17)  # fmt: skip
    elif nip == "199111302017012004":
        catat(pegawai, 40, "mentoring", "Verifikasi SPJ perjalanan dinas",
              "Daftar periksa SPJ perjalanan dinas dipakai mulai bulan ini.")  # fmt: skip
    elif nip == NIP_DIREVISI:
        catat(atasan, 12, "coaching", "Percepatan pemutakhiran KIB",
              "Pemutakhiran dikerjakan per puskesmas, dua puskesmas setiap bulan.",
              "Periksa KIB dua puskesmas pertama", 21)  # fmt: skip
    return DialogKinerja.objects.filter(pegawai=pegawai).count()


def _tinjauan(pegawai: Pegawai, tahun: int, hari_ini: date, kedua_pihak: bool) -> None:
    if hari_ini.month < 7:
        return
    atasan = atasan_langsung(pegawai)
    tinjauan_konfirmasi(user=pegawai.user, pegawai=pegawai,
                        catatan="Target dibahas bersama atasan; rencana aksi semester II disusun ulang.")  # fmt: skip
    if kedua_pihak and atasan is not None and atasan.user is not None:
        tinjauan_konfirmasi(user=atasan.user, pegawai=pegawai,
                            catatan="Sepakat, tidak perlu revisi SKP.")  # fmt: skip
    TinjauanTengahTahun.objects.filter(pegawai=pegawai, tahun=tahun).update(
        pegawai_konfirmasi_pada=_pada(date(tahun, 7, 8), 10),
        atasan_konfirmasi_pada=_pada(date(tahun, 7, 9), 10) if kedua_pihak else None,
        dibuat=_pada(date(tahun, 7, 8), 10),
    )


@transaction.atomic
def muat_demo(instansi: Instansi, tahun: int | None = None) -> str:
    """Returns one line for seed_demo to print."""
    hari_ini = timezone.localdate()
    tahun = tahun or hari_ini.year
    nip = [*NIP_DISETUJUI, NIP_DIREVISI]
    skp = {
        s.pegawai.nip: s
        for s in Skp.objects.filter(
            instansi=instansi, tahun=tahun, status=StatusSkp.DISETUJUI, pegawai__nip__in=nip
        ).select_related("pegawai__user", "pegawai__jabatan", "instansi")
    }
    if not skp:
        return f"Jurnal kinerja demo {tahun}: tidak ada SKP demo yang disetujui."
    if JurnalKinerja.objects.filter(pegawai__in=[s.pegawai for s in skp.values()]).exists():
        return f"Jurnal kinerja demo {tahun} sudah ada; tidak ada yang ditambahkan."
    entri = dialog = 0
    for n in nip:
        s = skp.get(n)
        if s is None or s.pegawai.user is None:
            continue
        entri += _jurnal(s.pegawai, s, tahun, hari_ini)
        dialog += _dialog(s.pegawai, tahun, hari_ini)
    for n, kedua_pihak in (("199001192015032002", True), (NIP_DIREVISI, False)):
        if n in skp:
            _tinjauan(skp[n].pegawai, tahun, hari_ini, kedua_pihak)
    return (
        f"Jurnal kinerja demo {tahun}: {entri} entri dan {dialog} dialog kinerja untuk "
        f"{len(skp)} pegawai dengan SKP disetujui (masuk sebagai Andi Saputra, menu Jurnal "
        f"Kinerja)."
    )
