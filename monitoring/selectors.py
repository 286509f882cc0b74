"""Read queries of the monitoring pages, built for many pegawai at once: the progress of every RHK
of a list of pegawai, the last journal entry per pegawai, the open follow-ups per person, the
mid-year reviews, each in a fixed number of queries however many pegawai, RHK and entries (the
dashboards of issue 15 call them for a whole team or unit)."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery, Sum
from django.db.models.functions import ExtractMonth
from django.utils import timezone

from monitoring.kemajuan import (
    JenisUkuran,
    Kemajuan,
    StatusRhk,
    Titik,
    lintasan_bertahap,
    lintasan_rata,
    status_rhk,
    ukuran_rhk,
)
from monitoring.models import DialogKinerja, JurnalKinerja, TinjauanTengahTahun
from organisasi.models import Pegawai
from organisasi.selectors import penilai_per_pegawai
from penilaian.models import Periode, Realisasi, RencanaAksi, StatusPenilaian
from penilaian.periode import jenis_periode, periode_tahun
from skp.models import STATUS_TERBIT, IndikatorKinerja, RencanaHasilKerja, Skp, StatusSkp

# --- the lineage of an RHK across SKP versions ------------------------------------------------


def akar_rhk(baris: Iterable[tuple[int, int | None]]) -> dict[int, int]:
    """RHK id -> the id of the first version it descends from (a revision copies each RHK with
    `asal` pointing at the previous version's). Entries and realisasi written on an earlier
    version then count for the version in force. `baris`: (id, asal id) of the RHK known."""
    asal = dict(baris)
    akar: dict[int, int] = {}
    for mulai in asal:
        kini, dilihat = mulai, {mulai}
        while asal.get(kini) is not None and asal[kini] in asal and asal[kini] not in dilihat:
            kini = asal[kini]
            dilihat.add(kini)
        akar[mulai] = kini
    return akar


def _periode_bulan(daftar: list[Periode]) -> dict[int, Periode]:
    """Month -> the period it lies in (periods are whole months)."""
    hasil = {}
    for p in daftar:
        for bulan in range(p.mulai.month, p.selesai.month + 1):
            hasil[bulan] = p
    return hasil


# --- progress per RHK ------------------------------------------------------------------------


@dataclass
class Hambatan:
    teks: str
    tanggal: date


@dataclass
class KemajuanRhk:
    """One RHK of the SKP in force with how far it has come (`kemajuan`, from status_rhk)."""

    rhk: RencanaHasilKerja
    indikator: IndikatorKinerja | None  # its measure (kemajuan.ukuran_rhk)
    jenis: JenisUkuran
    target: Decimal | None
    satuan: str
    realisasi: Decimal | None  # JUMLAH: the total so far; WAKTU: the latest value
    dari_jurnal: Decimal  # the part of the total taken from the jurnal
    jumlah_entri: int  # jurnal entries of the year for this RHK
    lintasan: list[Titik]
    pakai_rencana_aksi: bool
    kemajuan: Kemajuan
    hambatan: Hambatan | None = None

    @property
    def status(self) -> StatusRhk:
        return self.kemajuan.status


@dataclass
class KemajuanPegawai:
    pegawai_id: int
    skp: Skp | None  # the version in force (None: no approved SKP that year)
    rhk: list[KemajuanRhk] = field(default_factory=list)

    def jumlah(self, status: StatusRhk) -> int:
        return sum(1 for r in self.rhk if r.status == status)

    @property
    def terlambat(self) -> list[KemajuanRhk]:
        return [r for r in self.rhk if r.status == StatusRhk.TERLAMBAT]

    @property
    def porsi_sesuai(self) -> Decimal | None:
        """The share of RHK not behind schedule (Sesuai jadwal, Selesai, or not yet due), 0-1;
        None without RHK."""
        if not self.rhk:
            return None
        return Decimal(len(self.rhk) - len(self.terlambat)) / len(self.rhk)


def kemajuan_pegawai(pegawai: Pegawai, tahun: int, hari_ini: date | None = None) -> KemajuanPegawai:
    return kemajuan_banyak([pegawai.pk], tahun, hari_ini)[pegawai.pk]


def kemajuan_banyak(
    pegawai_ids: Iterable[int], tahun: int, hari_ini: date | None = None
) -> dict[int, KemajuanPegawai]:
    """The progress of every RHK of the SKP in force of each pegawai in `tahun` (pegawai id ->
    KemajuanPegawai, also for those without one): realisasi of the periods already sent or rated
    plus the jurnal's results of the other periods so far, against the trajectory. Six queries
    plus two per instansi, however many pegawai, RHK and entries."""
    hari_ini = hari_ini or timezone.localdate()
    ids = list(dict.fromkeys(pegawai_ids))
    hasil = {i: KemajuanPegawai(i, None) for i in ids}
    if not ids:
        return hasil
    versi = list(
        Skp.objects.filter(pegawai_id__in=ids, tahun=tahun, status__in=STATUS_TERBIT)
        .select_related("instansi")
        .order_by("pegawai_id", "versi")
    )
    if not versi:
        return hasil
    hambatan = JurnalKinerja.objects.filter(rhk=OuterRef("pk")).exclude(hambatan="")
    hambatan = hambatan.order_by("-tanggal", "-dibuat", "-pk")
    semua_rhk = list(
        RencanaHasilKerja.objects.filter(skp__in=versi)
        .annotate(
            hambatan_teks=Subquery(hambatan.values("hambatan")[:1]),
            hambatan_tanggal=Subquery(hambatan.values("tanggal")[:1]),
        )
        .prefetch_related(
            Prefetch("indikator", queryset=IndikatorKinerja.objects.order_by("pk")),
            Prefetch("rencana_aksi", queryset=RencanaAksi.objects.order_by("nomor_periode")),
        )
    )
    akar = akar_rhk((r.pk, r.asal_id) for r in semua_rhk)
    skp_per_id = {s.pk: s for s in versi}
    # The measure of every version's RHK: realisasi of an earlier version count for the version
    # in force through it.
    ukuran_akar: dict[int, int] = {}  # indicator id -> lineage, for measures only
    for r in semua_rhk:
        ind, _ = ukuran_rhk(list(r.indikator.all()), kualitatif=skp_per_id[r.skp_id].kualitatif)
        if ind is not None:
            ukuran_akar[ind.pk] = akar[r.pk]

    periode: dict[int, list[Periode]] = {}
    for s in versi:
        if s.instansi_id not in periode:
            periode[s.instansi_id] = periode_tahun(s.instansi, tahun)
    jenis_dipakai = {p.jenis for daftar in periode.values() for p in daftar}

    # realisasi per (lineage, period number), of the periods sent or rated
    angka: dict[tuple[int, int], Decimal] = {}
    selesai: set[int] = set()  # lineages whose deadline indicator has a completion date
    for ind_id, nomor, nilai, teks in (
        Realisasi.objects.filter(
            penilaian__pegawai_id__in=ids, penilaian__periode__tahun=tahun,
            penilaian__periode__jenis__in=jenis_dipakai, indikator_id__in=list(ukuran_akar),
        )
        .exclude(penilaian__status=StatusPenilaian.BELUM_DIISI)
        .values_list("indikator_id", "penilaian__periode__nomor", "nilai", "teks")
    ):  # fmt: skip
        if nilai is not None:
            angka[(ukuran_akar[ind_id], nomor)] = nilai
        elif teks:
            selesai.add(ukuran_akar[ind_id])

    # jurnal results per (lineage, month), and the number of entries per lineage
    jurnal: dict[tuple[int, int], Decimal] = defaultdict(Decimal)
    entri: dict[int, int] = defaultdict(int)
    for rhk_id, bulan, jumlah, n in (
        JurnalKinerja.objects.filter(pegawai_id__in=ids, tanggal__year=tahun)
        .values_list("rhk_id", ExtractMonth("tanggal"))
        .annotate(jumlah=Sum("hasil"), n=Count("pk"))
        .order_by()
    ):
        a = akar.get(rhk_id, rhk_id)
        entri[a] += n
        if jumlah is not None:
            jurnal[(a, bulan)] += jumlah

    hambatan_akar: dict[int, Hambatan] = {}
    for r in semua_rhk:
        if r.hambatan_teks:
            lama = hambatan_akar.get(akar[r.pk])
            if lama is None or r.hambatan_tanggal > lama.tanggal:
                hambatan_akar[akar[r.pk]] = Hambatan(r.hambatan_teks, r.hambatan_tanggal)

    for s in versi:
        if s.status == StatusSkp.DISETUJUI:
            hasil[s.pegawai_id].skp = s
    for r in sorted(semua_rhk, key=lambda r: (r.jenis != "utama", r.urutan)):
        skp = skp_per_id[r.skp_id]
        if skp.status != StatusSkp.DISETUJUI:
            continue
        r.skp = skp
        hasil[skp.pegawai_id].rhk.append(
            _kemajuan_rhk(
                r, akar[r.pk], periode[skp.instansi_id], hari_ini,
                angka=angka, selesai=selesai, jurnal=jurnal, entri=entri,
                hambatan=hambatan_akar.get(akar[r.pk]),
            )
        )  # fmt: skip
    return hasil


def _kemajuan_rhk(
    rhk: RencanaHasilKerja,
    akar: int,
    daftar: list[Periode],
    hari_ini: date,
    *,
    angka: dict[tuple[int, int], Decimal],
    selesai: set[int],
    jurnal: dict[tuple[int, int], Decimal],
    entri: dict[int, int],
    hambatan: Hambatan | None,
) -> KemajuanRhk:
    ind, jenis = ukuran_rhk(list(rhk.indikator.all()), kualitatif=rhk.skp.kualitatif)
    target = ind.target_min if ind is not None else None
    satuan = ind.satuan if ind is not None else ""
    akhir = [p.selesai for p in daftar]
    rencana = [
        ra for ra in rhk.rencana_aksi.all()
        if ra.target is not None and ra.satuan.strip().casefold() == satuan.strip().casefold()
    ]  # fmt: skip
    if rencana:
        per_nomor: dict[int, Decimal] = defaultdict(Decimal)
        for ra in rencana:
            per_nomor[ra.nomor_periode] += ra.target
        lintasan = lintasan_bertahap([per_nomor[p.nomor] for p in daftar], akhir)
    else:
        lintasan = lintasan_rata(target, akhir) if target else []

    realisasi: Decimal | None = None
    dari_jurnal = Decimal(0)
    if jenis == JenisUkuran.JUMLAH:
        realisasi = Decimal(0)
        for p in daftar:
            if p.mulai > hari_ini:
                break
            nilai = angka.get((akar, p.nomor))
            if nilai is None:
                nilai = sum(
                    (jurnal.get((akar, b), Decimal(0)) for b in range(p.mulai.month, p.selesai.month + 1)),
                    Decimal(0),
                )  # fmt: skip
                dari_jurnal += nilai
            realisasi += nilai
    elif jenis == JenisUkuran.WAKTU:
        terakhir = [angka[(akar, p.nomor)] for p in daftar if (akar, p.nomor) in angka]
        realisasi = terakhir[-1] if terakhir else None
    elif jenis == JenisUkuran.TENGGAT:
        realisasi = Decimal(1) if akar in selesai else None
    kemajuan = status_rhk(
        jenis=jenis, target=target, lintasan=lintasan or [Titik(daftar[-1].selesai, Decimal(0))],
        realisasi=realisasi, hari_ini=hari_ini,
        tenggat=ind.target_tanggal if ind is not None else None, ada_kegiatan=entri[akar] > 0,
    )  # fmt: skip
    return KemajuanRhk(
        rhk=rhk, indikator=ind, jenis=jenis, target=target, satuan=satuan, realisasi=realisasi,
        dari_jurnal=dari_jurnal, jumlah_entri=entri[akar], lintasan=lintasan,
        pakai_rencana_aksi=bool(rencana), kemajuan=kemajuan, hambatan=hambatan,
    )  # fmt: skip


# --- the proposed realisasi of a period --------------------------------------------------------


@dataclass(frozen=True)
class JumlahJurnal:
    indikator: IndikatorKinerja
    nilai: Decimal
    entri: int


def jumlah_jurnal_periode(penilaian) -> dict[int, JumlahJurnal]:
    """The jurnal's results in the period of `penilaian` added up per measure of the SKP it
    evaluates (indicator id -> total and number of entries with a result), entries written on an
    earlier version of the SKP included. Four queries."""
    skp = penilaian.skp
    periode = penilaian.periode
    akar = akar_rhk(
        RencanaHasilKerja.objects.filter(
            skp__pegawai_id=penilaian.pegawai_id, skp__tahun=skp.tahun
        ).values_list("pk", "asal_id")
    )
    ukuran: dict[int, IndikatorKinerja] = {}
    for r in RencanaHasilKerja.objects.filter(skp=skp).prefetch_related(
        Prefetch("indikator", queryset=IndikatorKinerja.objects.order_by("pk"))
    ):
        ind, jenis = ukuran_rhk(list(r.indikator.all()), kualitatif=skp.kualitatif)
        if jenis == JenisUkuran.JUMLAH:
            ukuran[akar.get(r.pk, r.pk)] = ind
    hasil: dict[int, JumlahJurnal] = {}
    for rhk_id, jumlah, n in (
        JurnalKinerja.objects.filter(
            pegawai_id=penilaian.pegawai_id, tanggal__gte=periode.mulai,
            tanggal__lte=periode.selesai, hasil__isnull=False,
        )
        .values_list("rhk_id")
        .annotate(jumlah=Sum("hasil"), n=Count("pk"))
        .order_by()
    ):  # fmt: skip
        ind = ukuran.get(akar.get(rhk_id, rhk_id))
        if ind is None:
            continue
        lama = hasil.get(ind.pk)
        hasil[ind.pk] = JumlahJurnal(
            ind, jumlah + (lama.nilai if lama else 0), n + (lama.entri if lama else 0)
        )
    return hasil


# --- the jurnal itself -------------------------------------------------------------------------


def jurnal_rentang(pegawai: Pegawai, mulai: date, selesai: date) -> QuerySet[JurnalKinerja]:
    """A pegawai's entries between two dates, newest first, with what a list shows of each."""
    return (
        JurnalKinerja.objects.filter(pegawai=pegawai, tanggal__gte=mulai, tanggal__lte=selesai)
        .select_related("rhk", "rencana_aksi")
        .prefetch_related("riwayat")
        .order_by("-tanggal", "-dibuat", "-pk")
    )


def jurnal_terakhir(pegawai_ids: Iterable[int]) -> dict[int, JurnalKinerja]:
    """The latest entry (by date, then by writing) of each pegawai: one query. Absent: none."""
    terbaru = JurnalKinerja.objects.filter(pegawai=OuterRef("pk")).order_by(
        "-tanggal", "-dibuat", "-pk"
    )
    pilih = Pegawai.objects.filter(pk__in=list(pegawai_ids)).values(
        j=Subquery(terbaru.values("pk")[:1])
    )
    return {
        j.pegawai_id: j
        for j in JurnalKinerja.objects.filter(pk__in=Subquery(pilih)).select_related("rhk")
    }


@dataclass
class PilihanRhk:
    """An RHK offered in the jurnal form, with its measure and its rencana aksi."""

    rhk: RencanaHasilKerja
    indikator: IndikatorKinerja | None
    jenis: JenisUkuran
    rencana_aksi: list[RencanaAksi]
    jenis_periode: str  # triwulanan / bulanan: how the rencana aksi's periods are named

    @property
    def satuan(self) -> str:
        return self.indikator.satuan if self.jenis == JenisUkuran.JUMLAH else ""


def pilihan_rhk(skp: Skp) -> list[PilihanRhk]:
    """The RHK of `skp` for the jurnal form: four queries."""
    jenis_periode_skp = jenis_periode(skp.instansi, skp.tahun)
    daftar = []
    for r in (
        RencanaHasilKerja.objects.filter(skp=skp)
        .prefetch_related(
            Prefetch("indikator", queryset=IndikatorKinerja.objects.order_by("pk")),
            Prefetch("rencana_aksi", queryset=RencanaAksi.objects.order_by("nomor_periode", "urutan", "pk")),
        )
        .order_by("-jenis", "urutan")
    ):  # fmt: skip
        ind, jenis = ukuran_rhk(list(r.indikator.all()), kualitatif=skp.kualitatif)
        daftar.append(PilihanRhk(r, ind, jenis, list(r.rencana_aksi.all()), jenis_periode_skp))
    return daftar


# --- dialog kinerja and follow-ups -------------------------------------------------------------


def _dialog() -> QuerySet[DialogKinerja]:
    return DialogKinerja.objects.select_related("pegawai__jabatan", "atasan")


def dialog_pegawai(pegawai: Pegawai, tahun: int | None = None) -> list[DialogKinerja]:
    """A pegawai's dialogs, open follow-ups first, then newest first."""
    qs = _dialog().filter(pegawai=pegawai)
    if tahun is not None:
        qs = qs.filter(tanggal__year=tahun)
    return sorted(qs, key=lambda d: (not d.tindak_lanjut_terbuka, -d.tanggal.toordinal(), -d.pk))


def dialog_sebagai_atasan(atasan: Pegawai) -> list[DialogKinerja]:
    """The dialogs an atasan took part in, newest first."""
    return list(_dialog().filter(atasan=atasan).order_by("-tanggal", "-dibuat", "-pk"))


def penilai_banyak(pegawai: Iterable[Pegawai]) -> dict[int, Pegawai]:
    """The penilai in force of each pegawai (pegawai id -> atasan langsung, absent: none), a few
    queries per level climbed rather than per pegawai (load `jabatan` with the pegawai)."""
    return penilai_per_pegawai(
        {p.pk: p.jabatan.atasan_id for p in pegawai if p.jabatan_id and p.jabatan.atasan_id}
    )


def tindak_lanjut_terbuka(
    *, pegawai_ids: Iterable[int] | None = None, atasan: Pegawai | None = None
) -> list[DialogKinerja]:
    """Follow-ups not marked done, earliest due first: of these pegawai, and/or of the dialogs
    this atasan took part in. One query."""
    syarat = Q()
    if pegawai_ids is not None:
        syarat |= Q(pegawai_id__in=list(pegawai_ids))
    if atasan is not None:
        syarat |= Q(atasan=atasan)
    if pegawai_ids is None and atasan is None:
        return []
    return list(
        _dialog()
        .filter(syarat, tanggal_tindak_lanjut__isnull=False, selesai_pada__isnull=True)
        .order_by("tanggal_tindak_lanjut", "pk")
    )


def tindak_lanjut_per_pegawai(pegawai_ids: Iterable[int]) -> dict[int, list[DialogKinerja]]:
    """Open follow-ups grouped by pegawai (absent: none). One query."""
    hasil: dict[int, list[DialogKinerja]] = {}
    for d in tindak_lanjut_terbuka(pegawai_ids=pegawai_ids):
        hasil.setdefault(d.pegawai_id, []).append(d)
    return hasil


# --- mid-year review ---------------------------------------------------------------------------


def tinjauan_per_pegawai(pegawai_ids: Iterable[int], tahun: int) -> dict[int, TinjauanTengahTahun]:
    return {
        t.pegawai_id: t
        for t in TinjauanTengahTahun.objects.filter(
            pegawai_id__in=list(pegawai_ids), tahun=tahun
        ).select_related("atasan")
    }


def masa_tinjauan(hari_ini: date | None = None) -> bool:
    """June and July: pegawai and atasan are prompted to review the SKP together."""
    return (hari_ini or timezone.localdate()).month in (6, 7)
