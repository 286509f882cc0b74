"""The daily reminder digest (`manage.py kirim_pengingat`, run by a cron line or a systemd timer).

One digest per person per day, in-app (skp.Notifikasi) and by email (core/surel.py's queue),
gathering what concerns them that day:
- a pegawai whose realisasi window closes in 7 or in 2 days (the period's deadline, or their
  own extension: `penilaian.periode.kalender_banyak`) and who has not sent it yet;
- a penilai with bawahan whose realisasi waits to be rated;
- both parties of a dialog kinerja whose follow-up is due within 2 days or overdue;
- on Mondays, each admin of an instansi: a summary (SKP not approved, realisasi not sent in the
  open period, realisasi not rated).

Once a day: each digest is written with a PengingatTerkirim(penerima, tanggal) row, unique per
person and day, in the same transaction as its notification and its queued mail, so a second
run the same day sends nothing new. Each person in their own transaction: one that fails is
reported and left for the next run, the others go on. A mail the queue gave up on (GAGAL) is
queued again by the next run, for PENGINGAT_ULANG_HARI days.

One run at a time: a PostgreSQL advisory lock (released with the session if the run dies), or
on other databases a lease on a KunciPengingat row. A second run exits with a message.

Reads are bounded: a few queries per instansi and per period whose deadline falls on a reminder
day, whatever the number of pegawai; then one write transaction per person.
"""

import logging
import os
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.db import IntegrityError, connection, transaction
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from core import surel
from core.alamat import alamat_situs
from core.models import StatusSurel, Surel
from core.pdf import tanggal_indonesia
from monitoring.models import DialogKinerja, KunciPengingat, PengingatTerkirim
from organisasi.models import AdminInstansi, Instansi, Pegawai
from penilaian.models import PenilaianPeriodik, Periode, PerpanjanganPegawai, StatusPenilaian
from penilaian.periode import kalender_banyak, periode_berjalan, periode_tahun
from skp.models import STATUS_TERBIT, Notifikasi, Skp, StatusSkp

log = logging.getLogger(__name__)
User = get_user_model()

HARI_REALISASI = (7, 2)  # days before the realisasi window closes
HARI_TINDAK_LANJUT = 2  # a follow-up due within this many days (or overdue)
HARI_RINGKASAN_ADMIN = 0  # Monday (date.weekday())
NAMA_HARI = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]
ULANG_HARI = 3  # a failed reminder mail is queued again for this many days
KUNCI_BASI = timedelta(hours=2)  # a lease older than this belongs to a run that died
ID_KUNCI_PG = 0x534B5050  # "SKPP": the advisory lock's key
NAMA_KUNCI = "kirim_pengingat"


class SedangBerjalan(Exception):
    """Another run holds the lock."""


@dataclass
class Bagian:
    judul: str
    baris: list[str]
    tautan: str


@dataclass
class Digest:
    user: object
    bagian: list[Bagian] = field(default_factory=list)

    @property
    def judul(self) -> str:
        if len(self.bagian) == 1:
            return f"Pengingat SKP: {self.bagian[0].judul}"
        return f"Pengingat SKP: {len(self.bagian)} hal perlu perhatian Anda"

    @property
    def tautan(self) -> str:
        return self.bagian[0].tautan

    def isi(self, situs: str) -> str:
        teks = []
        for b in self.bagian:
            teks.append(b.judul)
            teks.extend(f"- {baris}" for baris in b.baris)
            teks.append(f"Buka: {situs}{b.tautan}")
            teks.append("")
        return "\n".join(teks).strip()


@dataclass
class Hasil:
    tanggal: date
    penerima: int = 0
    surel: int = 0
    tanpa_surel: int = 0
    sudah: int = 0  # got today's digest in an earlier run
    gagal: list[str] = field(default_factory=list)
    diulang: int = 0  # failed mails of earlier runs queued again
    rincian: list[tuple[str, str, list[Bagian]]] = field(default_factory=list)  # dry run


def _tgl(d: date) -> str:
    return tanggal_indonesia(d)


# --- what each person gets -------------------------------------------------------------------


def _tambah(digest: dict[int, Digest], user, bagian: Bagian) -> None:
    if user is None or not user.is_active:
        return
    digest.setdefault(user.pk, Digest(user)).bagian.append(bagian)


def _periode_relevan(tanggal: date) -> list[Periode]:
    """Periods whose deadline, or one of whose extensions, falls on a reminder day, under the
    instansi's current choice (monthly or quarterly). The periods of the instansi with approved
    SKPs are made on first need here, as every page does (the dry run rolls that back)."""
    sasaran = [tanggal + timedelta(days=h) for h in HARI_REALISASI]
    tahun = sorted({tanggal.year - 1, tanggal.year, *(s.year for s in sasaran)})
    instansi_ids = (
        Skp.objects.filter(tahun__in=tahun, status__in=STATUS_TERBIT)
        .values_list("instansi_id", flat=True)
        .order_by()
        .distinct()
    )
    jenis: dict[tuple[int, int], str] = {}
    for instansi in Instansi.objects.filter(pk__in=list(instansi_ids)).order_by("pk"):
        for t in tahun:
            berlaku = periode_tahun(instansi, t)
            if berlaku:
                jenis[(instansi.pk, t)] = berlaku[0].jenis
    return [
        p
        for p in Periode.objects.filter(tahun__in=tahun)
        .filter(
            Q(tenggat__in=sasaran)
            | Q(pk__in=PerpanjanganPegawai.objects.filter(sampai__in=sasaran).values("periode_id"))
        )
        .select_related("instansi")
        .order_by("pk")
        # Rows of the other kind stay after the instansi changes its choice: not in force.
        if jenis.get((p.instansi_id, p.tahun)) == p.jenis
    ]


def _realisasi(tanggal: date, digest: dict[int, Digest]) -> None:
    for periode in _periode_relevan(tanggal):
        # Who is evaluated in it: pegawai of the instansi with an SKP of the year in force.
        ids = list(
            Skp.objects.filter(
                instansi_id=periode.instansi_id, tahun=periode.tahun, status__in=STATUS_TERBIT,
                pegawai__aktif=True, pegawai__user__isnull=False,
            ).values_list("pegawai_id", flat=True).order_by().distinct()
        )  # fmt: skip
        if not ids:
            continue
        kalender = kalender_banyak(periode, ids)
        sisa = {
            pid: (k.batas - tanggal).days
            for pid, k in kalender.items()
            if k.masa is None and (k.batas - tanggal).days in HARI_REALISASI
        }
        if not sisa:
            continue
        sudah = set(
            PenilaianPeriodik.objects.filter(periode=periode, pegawai_id__in=list(sisa))
            .exclude(status=StatusPenilaian.BELUM_DIISI)
            .values_list("pegawai_id", flat=True)
        )
        for pegawai in Pegawai.objects.filter(
            pk__in=[p for p in sisa if p not in sudah]
        ).select_related("user"):
            hari = sisa[pegawai.pk]
            batas = tanggal + timedelta(days=hari)
            _tambah(
                digest,
                pegawai.user,
                Bagian(
                    f"Jendela realisasi {periode.nama} {periode.tahun} ditutup {hari} hari lagi",
                    [
                        f"Kirim realisasi dan bukti dukung {periode.nama} {periode.tahun} paling "
                        f"lambat {_tgl(batas)}."
                    ],
                    reverse("penilaian:saya"),
                ),
            )


def _penilai(tanggal: date, digest: dict[int, Digest]) -> None:
    menunggu: dict[int, list[PenilaianPeriodik]] = {}
    penilai: dict[int, Pegawai] = {}
    for p in (
        PenilaianPeriodik.objects.filter(status=StatusPenilaian.DIKIRIM, penilai__isnull=False)
        .select_related("pegawai", "periode", "penilai__user")
        .order_by("periode__tenggat", "pegawai__nama", "pk")
    ):
        menunggu.setdefault(p.penilai_id, []).append(p)
        penilai[p.penilai_id] = p.penilai
    for pid, daftar in menunggu.items():
        baris = []
        for p in daftar:
            lewat = " (batas sudah lewat)" if p.periode.tenggat < tanggal else ""
            baris.append(
                f"{p.pegawai.nama_lengkap}: {p.periode.nama} {p.periode.tahun}, batas "
                f"{_tgl(p.periode.tenggat)}{lewat}"
            )
        _tambah(
            digest,
            penilai[pid].user,
            Bagian(
                f"{len(daftar)} realisasi bawahan menunggu penilaian Anda",
                baris,
                reverse("penilaian:bawahan"),
            ),
        )


def _tindak_lanjut(tanggal: date, digest: dict[int, Digest]) -> None:
    per_user: dict[int, tuple[object, list[DialogKinerja], bool]] = {}
    for d in (
        DialogKinerja.objects.filter(
            selesai_pada__isnull=True,
            tanggal_tindak_lanjut__lte=tanggal + timedelta(days=HARI_TINDAK_LANJUT),
        )
        .select_related("pegawai__user", "atasan__user")
        .order_by("tanggal_tindak_lanjut", "pk")
    ):
        for orang, sebagai_atasan in ((d.pegawai, False), (d.atasan, True)):
            if orang is None or orang.user is None:
                continue
            ada = per_user.setdefault(orang.user.pk, (orang.user, [], sebagai_atasan))
            ada[1].append(d)
    for user, daftar, sebagai_atasan in per_user.values():
        baris = []
        for d in daftar:
            hari = (d.tanggal_tindak_lanjut - tanggal).days
            kapan = (
                "jatuh tempo hari ini" if hari == 0
                else f"terlambat {-hari} hari" if hari < 0
                else f"jatuh tempo {hari} hari lagi"
            )  # fmt: skip
            siapa = f" ({d.pegawai.nama_lengkap})" if d.pegawai.user_id != user.pk else ""
            baris.append(
                f"{d.topik}{siapa}: {d.tindak_lanjut or 'tindak lanjut'}, "
                f"{_tgl(d.tanggal_tindak_lanjut)} ({kapan})"
            )
        tautan = (
            reverse("monitoring:pegawai", args=[daftar[0].pegawai_id])
            if sebagai_atasan and daftar[0].pegawai.user_id != user.pk
            else reverse("monitoring:dialog")
        )
        _tambah(
            digest,
            user,
            Bagian(f"{len(daftar)} tindak lanjut dialog kinerja perlu diselesaikan", baris, tautan),
        )


def ringkasan_instansi(instansi: Instansi, tanggal: date) -> list[str]:
    """The admin's weekly figures for one instansi (a handful of queries)."""
    tahun = tanggal.year
    pegawai = Pegawai.objects.filter(instansi=instansi, aktif=True)
    jumlah = pegawai.count()
    terbit = Skp.objects.filter(instansi=instansi, tahun=tahun, status__in=STATUS_TERBIT).values(
        "pegawai_id"
    )
    diajukan = (
        Skp.objects.filter(instansi=instansi, tahun=tahun, status=StatusSkp.DIAJUKAN)
        .exclude(pegawai_id__in=terbit)
        .values("pegawai_id")
        .order_by()
        .distinct()
        .count()
    )
    belum_disetujui = pegawai.exclude(pk__in=terbit).count()
    baris = [
        f"SKP {tahun} belum disetujui: {belum_disetujui} dari {jumlah} pegawai "
        f"({diajukan} menunggu persetujuan atasan)."
    ]
    periode = periode_berjalan(instansi, tanggal)
    if periode.buka <= tanggal <= periode.tenggat:
        status = dict(
            PenilaianPeriodik.objects.filter(periode=periode)
            .values_list("status")
            .annotate(n=Count("pk"))
        )
        dinilai = Skp.objects.filter(
            instansi=instansi, tahun=periode.tahun, status__in=STATUS_TERBIT, pegawai__aktif=True
        ).values("pegawai_id").order_by().distinct().count()  # fmt: skip
        terkirim = sum(n for s, n in status.items() if s != StatusPenilaian.BELUM_DIISI)
        baris.append(
            f"Realisasi {periode.nama} {periode.tahun} belum dikirim: "
            f"{max(dinilai - terkirim, 0)} pegawai (jendela ditutup {_tgl(periode.tenggat)})."
        )
    belum_dinilai = PenilaianPeriodik.objects.filter(
        periode__instansi=instansi, status=StatusPenilaian.DIKIRIM
    ).count()
    baris.append(f"Realisasi terkirim yang belum dinilai: {belum_dinilai}.")
    return baris


def _admin(tanggal: date, digest: dict[int, Digest]) -> None:
    if tanggal.weekday() != HARI_RINGKASAN_ADMIN:
        return
    admin = list(
        AdminInstansi.objects.filter(user__is_active=True)
        .select_related("user__pegawai", "instansi")
        .order_by("instansi__nama", "user_id")
    )
    ringkasan: dict[int, list[str]] = {}
    for a in admin:
        if a.instansi_id not in ringkasan:
            ringkasan[a.instansi_id] = ringkasan_instansi(a.instansi, tanggal)
        _tambah(
            digest,
            a.user,
            Bagian(
                f"Ringkasan mingguan {a.instansi.nama}",
                ringkasan[a.instansi_id],
                reverse("monitoring:pengisian", args=[a.instansi_id]),
            ),
        )


def kumpulkan(tanggal: date) -> dict[int, Digest]:
    """Every digest of the day, by user id."""
    digest: dict[int, Digest] = {}
    _realisasi(tanggal, digest)
    _penilai(tanggal, digest)
    _tindak_lanjut(tanggal, digest)
    _admin(tanggal, digest)
    return digest


# --- sending ------------------------------------------------------------------------------------


def _kirim_satu(d: Digest, tanggal: date, situs: str) -> Surel | None:
    """One person's digest: the record, the notification and the queued mail, together."""
    isi = d.isi(situs)
    with transaction.atomic():
        catatan = PengingatTerkirim.objects.create(
            penerima=d.user, tanggal=tanggal, judul=d.judul[:200], isi=isi
        )
        Notifikasi.objects.create(penerima=d.user, judul=d.judul[:200], isi=isi, tautan=d.tautan)
        email = surel.antre(kepada=d.user.email, subjek=f"[SKP] {d.judul}", isi=isi)
        if email is not None:
            catatan.surel = email
            catatan.save(update_fields=["surel"])
    return email


def ulang_surel_gagal(tanggal: date) -> int:
    """Queues again the reminder mails the queue gave up on, of the last ULANG_HARI days."""
    n = 0
    ids = list(
        PengingatTerkirim.objects.filter(
            tanggal__gt=tanggal - timedelta(days=ULANG_HARI),
            tanggal__lte=tanggal,
            surel__status=StatusSurel.GAGAL,
        ).values_list("surel_id", flat=True)
    )
    for surel_id in ids:
        try:
            with transaction.atomic():
                diubah = Surel.objects.filter(pk=surel_id, status=StatusSurel.GAGAL).update(
                    status=StatusSurel.MENUNGGU, percobaan=0
                )
                if diubah:
                    surel.kirim_surel.enqueue(surel_id)
                    n += 1
        except Exception:
            log.exception("Email pengingat %s tidak dapat diantrekan ulang", surel_id)
    return n


def kirim_pengingat(*, tanggal: date, dry_run: bool = False) -> Hasil:
    """Sends the day's digests (see the module's docstring); the dry run writes nothing."""
    hasil = Hasil(tanggal)
    if dry_run:
        with transaction.atomic():
            digest = kumpulkan(tanggal)
            sudah = set(
                PengingatTerkirim.objects.filter(
                    tanggal=tanggal, penerima_id__in=list(digest)
                ).values_list("penerima_id", flat=True)
            )
            for uid, d in digest.items():
                if uid in sudah:
                    hasil.sudah += 1
                    continue
                hasil.penerima += 1
                hasil.rincian.append((_nama(d.user), d.user.email, d.bagian))
            transaction.set_rollback(True)  # the periods made on first need, too
        return hasil

    hasil.diulang = ulang_surel_gagal(tanggal)
    digest = kumpulkan(tanggal)
    sudah = set(
        PengingatTerkirim.objects.filter(tanggal=tanggal, penerima_id__in=list(digest)).values_list(
            "penerima_id", flat=True
        )
    )
    situs = alamat_situs()
    for uid, d in digest.items():
        if uid in sudah:
            hasil.sudah += 1
            continue
        try:
            email = _kirim_satu(d, tanggal, situs)
        except IntegrityError:  # written meanwhile (a run that did not hold the lock)
            hasil.sudah += 1
            continue
        except Exception as e:  # the next run tries again; the others go on
            log.exception("Pengingat untuk %s gagal", _nama(d.user))
            hasil.gagal.append(f"{_nama(d.user)}: {type(e).__name__}: {e}")
            continue
        hasil.penerima += 1
        if email is not None:
            hasil.surel += 1
        else:
            hasil.tanpa_surel += 1
    return hasil


def _nama(user) -> str:
    pegawai = getattr(user, "pegawai", None)
    return pegawai.nama_lengkap if pegawai is not None else user.get_username()


# --- one run at a time ----------------------------------------------------------------------------


@contextmanager
def satu_jalan() -> Iterator[None]:
    """Holds the reminder lock for the block, or raises SedangBerjalan."""
    if connection.vendor == "postgresql":
        with connection.cursor() as c:
            c.execute("SELECT pg_try_advisory_lock(%s)", [ID_KUNCI_PG])
            if not c.fetchone()[0]:
                raise SedangBerjalan
        try:
            yield
        finally:
            with connection.cursor() as c:
                c.execute("SELECT pg_advisory_unlock(%s)", [ID_KUNCI_PG])
        return
    KunciPengingat.objects.get_or_create(nama=NAMA_KUNCI)
    sekarang = timezone.now()
    oleh = f"{socket.gethostname()}:{os.getpid()}"[:200]
    dapat = (
        KunciPengingat.objects.filter(nama=NAMA_KUNCI)
        .filter(Q(sejak__isnull=True) | Q(sejak__lt=sekarang - KUNCI_BASI))
        .update(sejak=sekarang, oleh=oleh)
    )
    if not dapat:
        raise SedangBerjalan
    try:
        yield
    finally:
        KunciPengingat.objects.filter(nama=NAMA_KUNCI, oleh=oleh).update(sejak=None, oleh="")
