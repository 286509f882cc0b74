"""Read queries of the three dashboards (issue 15, item 4), each in a fixed number of queries
however many pegawai, RHK, entries and evaluations there are:

- `dasbor_pegawai`: one's own RHK with their status, what is due next (the realisasi window of
  the period being worked on, open follow-ups), feedback received lately, the predikat so far;
- `dasbor_tim`: an atasan's direct bawahan at a glance, the one who needs attention first
  (`BarisTim.skor_perhatian`);
- `pengisian_*` / `kurva_*`: "Monitoring Pengisian" and "Monitoring Kurva" of an instansi for its
  admin, per OPD, unit and pegawai, counted by the database (Count with filters over Exists),
  never row by row.

Progress per RHK comes from `monitoring.selectors.kemajuan_banyak` (status_rhk decides), the
periods and their windows from `penilaian.periode`, the distribution check from
`penilaian.distribusi` and its picture from `penilaian.kurva`."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.safestring import SafeString

from monitoring import selectors
from monitoring.grafik import svg_predikat
from monitoring.kemajuan import StatusRhk
from monitoring.models import DialogKinerja, JurnalKinerja
from monitoring.selectors import KemajuanPegawai
from organisasi.models import Instansi, Pegawai, UnitKerja
from organisasi.selectors import bawahan_langsung
from penilaian.capaian import CapaianBerlaku, capaian_banyak
from penilaian.distribusi import URUTAN_KURVA, HasilDistribusi, periksa
from penilaian.kuadran import Predikat
from penilaian.kurva import svg_distribusi
from penilaian.models import (
    DokumenPenilaian,
    PenilaianPeriodik,
    PeranPemberi,
    Periode,
    StatusPenilaian,
    UmpanBalik,
)
from penilaian.periode import kalender_banyak, periode_berjalan, periode_dari_id, periode_tahun
from penilaian.selectors import BarisPeriode, pembulatan_instansi, penilaian_saya
from skp.models import STATUS_TERBIT, Skp

S = StatusPenilaian
# Realisasi sent: every state after Belum diisi. Rated: every state after the penilai's rating.
STATUS_DIKIRIM = (S.DIKIRIM, S.DINILAI, S.DITERIMA, S.KEBERATAN, S.DIPUTUSKAN)
STATUS_DINILAI = (S.DINILAI, S.DITERIMA, S.KEBERATAN, S.DIPUTUSKAN)
URUTAN_STATUS = (
    StatusRhk.TERLAMBAT,
    StatusRhk.BELUM_MULAI,
    StatusRhk.SESUAI_JADWAL,
    StatusRhk.SELESAI,
)
UMPAN_BALIK_TERBARU = 5


@dataclass(frozen=True)
class PotonganStatus:
    """One segment of a stacked bar of RHK statuses."""

    status: StatusRhk
    jumlah: int
    persen: int  # of all RHK, rounded so the segments add up to 100

    @property
    def label(self) -> str:
        return self.status.label


def potongan_status(hitungan: Counter) -> list[PotonganStatus]:
    """The statuses as segments of one bar (largest remainder: the widths add up to 100)."""
    total = sum(hitungan.values())
    if not total:
        return []
    mentah = [(s, hitungan.get(s, 0) * 100 / total) for s in URUTAN_STATUS]
    bulat = {s: int(p) for s, p in mentah}
    sisa = 100 - sum(bulat.values())
    for s, _ in sorted(mentah, key=lambda x: x[1] - int(x[1]), reverse=True)[:sisa]:
        bulat[s] += 1
    return [
        PotonganStatus(s, hitungan.get(s, 0), bulat[s]) for s in URUTAN_STATUS if hitungan.get(s)
    ]


def _hitung_status(kemajuan: KemajuanPegawai) -> Counter:
    return Counter(r.status for r in kemajuan.rhk)


# --- the pegawai's own dashboard ----------------------------------------------------------------


@dataclass
class DasborPegawai:
    pegawai: Pegawai
    tahun: int
    hari_ini: date
    kemajuan: KemajuanPegawai
    periode: list[BarisPeriode]  # the periods of the year, with evaluation and window
    berjalan: BarisPeriode | None  # the period being worked on (its window open, or today in it)
    tindak_lanjut: list[DialogKinerja]
    umpan_balik: list[UmpanBalik]

    @property
    def potongan(self) -> list[PotonganStatus]:
        return potongan_status(_hitung_status(self.kemajuan))

    @property
    def dinilai(self) -> list[BarisPeriode]:
        return [b for b in self.periode if b.penilaian is not None and b.penilaian.predikat]

    @property
    def grafik_predikat(self) -> SafeString:
        return svg_predikat(
            [(b.periode.nama, b.penilaian.predikat if b.penilaian is not None else "")
             for b in self.periode],
            judul=f"Predikat kinerja per periode {self.tahun}",
        )  # fmt: skip

    @property
    def tindak_lanjut_lewat(self) -> int:
        return sum(1 for d in self.tindak_lanjut if d.tanggal_tindak_lanjut < self.hari_ini)


def _periode_dikerjakan(baris: list[BarisPeriode], hari_ini: date) -> BarisPeriode | None:
    """The earliest period whose window is open for this pegawai, else the one today lies in,
    else the next one to come."""
    for b in baris:
        if b.terbuka and b.masa_tidak_dinilai is None:
            return b
    for b in baris:
        if b.periode.mulai <= hari_ini <= b.periode.selesai:
            return b
    return next((b for b in baris if b.periode.mulai > hari_ini), None)


def dasbor_pegawai(pegawai: Pegawai, hari_ini: date | None = None) -> DasborPegawai:
    hari_ini = hari_ini or timezone.localdate()
    tahun = hari_ini.year
    baris = penilaian_saya(pegawai, tahun, hari_ini)
    calon = baris
    if hari_ini.month == 1:  # last year's last period stays open until the end of January
        calon = penilaian_saya(pegawai, tahun - 1, hari_ini)[-1:] + baris
    umpan_balik = list(
        UmpanBalik.objects.filter(pegawai=pegawai)
        .exclude(peran=PeranPemberi.PEGAWAI)
        .select_related("rhk", "perilaku", "periode")
        .order_by("-dibuat", "-pk")[:UMPAN_BALIK_TERBARU]
    )
    return DasborPegawai(
        pegawai=pegawai,
        tahun=tahun,
        hari_ini=hari_ini,
        kemajuan=selectors.kemajuan_pegawai(pegawai, tahun, hari_ini),
        periode=baris,
        berjalan=_periode_dikerjakan(calon, hari_ini),
        tindak_lanjut=selectors.tindak_lanjut_terbuka(pegawai_ids=[pegawai.pk]),
        umpan_balik=umpan_balik,
    )


# --- the atasan's team dashboard ----------------------------------------------------------------


@dataclass
class BarisTim:
    pegawai: Pegawai
    kemajuan: KemajuanPegawai
    hari_ini: date
    jurnal: JurnalKinerja | None  # the latest entry
    periode: Periode | None  # the period being worked on in the pegawai's instansi
    batas: date | None  # the pegawai's last day to send realisasi of it (extension included)
    penilaian: PenilaianPeriodik | None  # of that period
    umpan_balik_penilai: int  # feedback from a penilai in that period
    tindak_lanjut: list[DialogKinerja] = field(default_factory=list)
    punya_bawahan: bool = False

    @property
    def terlambat(self) -> int:
        return len(self.kemajuan.terlambat)

    @property
    def persen_sesuai(self) -> int | None:
        p = self.kemajuan.porsi_sesuai
        return None if p is None else int(p * 100)

    @property
    def potongan(self) -> list[PotonganStatus]:
        return potongan_status(_hitung_status(self.kemajuan))

    @property
    def hari_sejak_jurnal(self) -> int | None:
        return (self.hari_ini - self.jurnal.tanggal).days if self.jurnal else None

    @property
    def tindak_lanjut_lewat(self) -> int:
        return sum(1 for d in self.tindak_lanjut if d.tanggal_tindak_lanjut < self.hari_ini)

    @property
    def jendela_dibuka(self) -> bool:
        return self.periode is not None and self.hari_ini >= self.periode.buka

    @property
    def realisasi_belum(self) -> bool:
        """Realisasi of the period not sent although its window has opened (and they have an
        approved SKP to report on)."""
        if self.kemajuan.skp is None or not self.jendela_dibuka:
            return False
        return self.penilaian is None or self.penilaian.status == S.BELUM_DIISI

    @property
    def realisasi_lewat(self) -> bool:
        return self.realisasi_belum and self.batas is not None and self.hari_ini > self.batas

    @property
    def umpan_balik_belum(self) -> bool:
        """No feedback from a penilai yet in the period, while there is an SKP to give it on."""
        return self.kemajuan.skp is not None and not self.umpan_balik_penilai

    @property
    def skor_perhatian(self) -> tuple:
        """The attention score: the team is sorted by it, smallest first, so the one who needs
        the atasan most comes first. Compared in this order, each a tie-breaker of the one
        before:
          1. RHK behind schedule (Terlambat), most first;
          2. follow-ups of dialogs past their date and not done, most first;
          3. realisasi of the period not sent after its deadline, then not sent while its
             window is open, before those who sent it;
          4. days since the last jurnal entry, longest first (never written: longest of all);
          5. feedback not yet given in the period, before those who got it;
          6. name, so the order is stable."""
        hari = self.hari_sejak_jurnal
        return (
            -self.terlambat,
            -self.tindak_lanjut_lewat,
            -(2 if self.realisasi_lewat else 1 if self.realisasi_belum else 0),
            -(hari if hari is not None else 10**6),
            -int(self.umpan_balik_belum),
            self.pegawai.nama,
        )

    @property
    def alasan(self) -> list[str]:
        """Why this row needs attention, in words (the score's parts that are not zero)."""
        hasil = []
        if self.terlambat:
            hasil.append(f"{self.terlambat} RHK terlambat")
        if self.tindak_lanjut_lewat:
            hasil.append(f"{self.tindak_lanjut_lewat} tindak lanjut lewat tanggal")
        if self.realisasi_lewat:
            hasil.append("realisasi melewati batas waktu")
        elif self.realisasi_belum:
            hasil.append("realisasi belum dikirim")
        hari = self.hari_sejak_jurnal
        if self.kemajuan.skp is not None and (hari is None or hari > 14):
            hasil.append("jurnal belum diisi" if hari is None else f"jurnal {hari} hari lalu")
        return hasil


@dataclass
class DasborTim:
    atasan: Pegawai
    hari_ini: date
    baris: list[BarisTim]

    @property
    def potongan(self) -> list[PotonganStatus]:
        total: Counter = Counter()
        for b in self.baris:
            total += _hitung_status(b.kemajuan)
        return potongan_status(total)

    @property
    def jumlah_rhk(self) -> int:
        return sum(len(b.kemajuan.rhk) for b in self.baris)

    @property
    def perlu_perhatian(self) -> int:
        return sum(1 for b in self.baris if b.alasan)

    @property
    def realisasi_belum(self) -> int:
        return sum(1 for b in self.baris if b.realisasi_belum)

    @property
    def umpan_balik_belum(self) -> int:
        return sum(1 for b in self.baris if b.umpan_balik_belum)

    @property
    def tindak_lanjut(self) -> int:
        return sum(len(b.tindak_lanjut) for b in self.baris)


def dasbor_tim(atasan: Pegawai, hari_ini: date | None = None) -> DasborTim:
    """The direct bawahan of `atasan` (positions under one they act in, Plt/Plh included), sorted
    by `BarisTim.skor_perhatian`."""
    hari_ini = hari_ini or timezone.localdate()
    bawahan = list(
        bawahan_langsung(atasan)
        .select_related("instansi")
        .annotate(
            punya_bawahan=Exists(
                Pegawai.objects.filter(aktif=True, jabatan__atasan_id=OuterRef("jabatan_id"))
            )
        )
    )
    ids = [b.pk for b in bawahan]
    kemajuan = selectors.kemajuan_banyak(ids, hari_ini.year, hari_ini)
    jurnal = selectors.jurnal_terakhir(ids)
    tindak_lanjut = selectors.tindak_lanjut_per_pegawai(ids)
    # The period being worked on, per instansi (a team almost always has one).
    periode: dict[int, Periode] = {}
    for b in bawahan:
        if b.instansi_id not in periode:
            periode[b.instansi_id] = periode_berjalan(b.instansi, hari_ini)
    penilaian = {
        p.pegawai_id: p
        for p in PenilaianPeriodik.objects.filter(
            pegawai_id__in=ids, periode__in=list(periode.values())
        )
    }
    umpan = dict(
        UmpanBalik.objects.filter(
            pegawai_id__in=ids, periode__in=list(periode.values()),
            peran__in=[PeranPemberi.PENILAI, PeranPemberi.ATASAN_PENILAI],
        )
        .values_list("pegawai_id")
        .annotate(n=Count("pk"))
        .order_by()
    )  # fmt: skip
    batas: dict[int, date] = {}
    for p in periode.values():
        kalender = kalender_banyak(p, [b.pk for b in bawahan if b.instansi_id == p.instansi_id])
        batas |= {i: k.batas for i, k in kalender.items()}
    baris = [
        BarisTim(
            pegawai=b, kemajuan=kemajuan[b.pk], hari_ini=hari_ini, jurnal=jurnal.get(b.pk),
            periode=periode.get(b.instansi_id), batas=batas.get(b.pk),
            penilaian=penilaian.get(b.pk), umpan_balik_penilai=umpan.get(b.pk, 0),
            tindak_lanjut=tindak_lanjut.get(b.pk, []), punya_bawahan=b.punya_bawahan,
        )
        for b in bawahan
    ]  # fmt: skip
    baris.sort(key=lambda b: b.skor_perhatian)
    return DasborTim(atasan, hari_ini, baris)


# --- Monitoring Pengisian (admin of an instansi) -----------------------------------------------


@dataclass
class Angka:
    """How far the pegawai of a unit (or a set of units) are in the period."""

    pegawai: int = 0
    skp: int = 0  # an approved SKP for the year
    realisasi: int = 0  # realisasi of the period sent
    dinilai: int = 0  # rated by the penilai
    dokumen: int = 0  # the signed evaluation document issued

    def __add__(self, lain: "Angka") -> "Angka":
        return Angka(
            self.pegawai + lain.pegawai, self.skp + lain.skp, self.realisasi + lain.realisasi,
            self.dinilai + lain.dinilai, self.dokumen + lain.dokumen,
        )  # fmt: skip

    def _persen(self, n: int) -> int:
        return int(n * 100 / self.pegawai) if self.pegawai else 0

    @property
    def persen_skp(self) -> int:
        return self._persen(self.skp)

    @property
    def persen_realisasi(self) -> int:
        return self._persen(self.realisasi)

    @property
    def persen_dinilai(self) -> int:
        return self._persen(self.dinilai)

    @property
    def persen_dokumen(self) -> int:
        return self._persen(self.dokumen)


def penanda(periode: Periode) -> dict:
    """Per pegawai row (OuterRef pk): approved SKP of the year, realisasi sent, rated, document
    issued in `periode`."""
    penilaian = PenilaianPeriodik.objects.filter(pegawai=OuterRef("pk"), periode=periode)
    return {
        "ada_skp": Exists(
            Skp.objects.filter(
                pegawai=OuterRef("pk"), tahun=periode.tahun, status__in=STATUS_TERBIT
            )
        ),
        "dikirim": Exists(penilaian.filter(status__in=STATUS_DIKIRIM)),
        "sudah_dinilai": Exists(penilaian.filter(status__in=STATUS_DINILAI)),
        "ada_dokumen": Exists(
            DokumenPenilaian.objects.filter(
                penilaian__pegawai=OuterRef("pk"), penilaian__periode=periode,
                diterbitkan__isnull=False,
            )
        ),
    }  # fmt: skip


def pegawai_aktif(instansi: Instansi) -> QuerySet[Pegawai]:
    return Pegawai.objects.filter(instansi=instansi, aktif=True, jabatan__isnull=False)


def angka_per_unit(instansi: Instansi, periode: Periode) -> dict[int, Angka]:
    """Unit id -> the counts of the active pegawai whose position is in it (not below it): one
    query, grouped by the database."""
    hasil = {}
    for baris in (
        pegawai_aktif(instansi)
        .annotate(**penanda(periode))
        .values("jabatan__unit_kerja_id")
        .annotate(
            n=Count("pk"), skp=Count("pk", filter=Q(ada_skp=True)),
            realisasi=Count("pk", filter=Q(dikirim=True)),
            dinilai=Count("pk", filter=Q(sudah_dinilai=True)),
            dokumen=Count("pk", filter=Q(ada_dokumen=True)),
        )
        .order_by()
    ):  # fmt: skip
        hasil[baris["jabatan__unit_kerja_id"]] = Angka(
            baris["n"], baris["skp"], baris["realisasi"], baris["dinilai"], baris["dokumen"]
        )
    return hasil


@dataclass
class BarisUnit:
    unit: UnitKerja
    angka: Angka  # the unit and every unit below it
    sendiri: Angka  # the unit's own positions only
    jumlah_sub_unit: int


@dataclass
class PohonUnit:
    """The units of an instansi as a tree, with their counts rolled up (one query for the units,
    one for the counts)."""

    unit: dict[int, UnitKerja]
    anak: dict[int | None, list[int]]
    sendiri: dict[int, Angka]
    _gulung: dict[int, Angka] = field(default_factory=dict)

    def gulung(self, unit_id: int) -> Angka:
        if unit_id not in self._gulung:
            # Depth first without recursion: a deep tree cannot overflow the stack, and a cycle
            # (which the data should never hold) is visited once.
            urutan, tumpuk, dilihat = [], [unit_id], set()
            while tumpuk:
                u = tumpuk.pop()
                if u in dilihat:
                    continue
                dilihat.add(u)
                urutan.append(u)
                tumpuk.extend(self.anak.get(u, []))
            for u in reversed(urutan):
                if u in self._gulung:
                    continue
                total = self.sendiri.get(u, Angka())
                for a in self.anak.get(u, []):
                    total = total + self._gulung.get(a, Angka())
                self._gulung[u] = total
        return self._gulung[unit_id]

    def baris(self, induk_id: int | None) -> list[BarisUnit]:
        return [
            BarisUnit(self.unit[u], self.gulung(u), self.sendiri.get(u, Angka()),
                      len(self.anak.get(u, [])))
            for u in self.anak.get(induk_id, [])
        ]  # fmt: skip

    def total(self) -> Angka:
        hasil = Angka()
        for a in self.sendiri.values():
            hasil = hasil + a
        return hasil

    def jalur(self, unit_id: int) -> list[UnitKerja]:
        """The unit and the units above it, from the top (breadcrumbs)."""
        hasil, kini, dilihat = [], unit_id, set()
        while kini is not None and kini in self.unit and kini not in dilihat:
            dilihat.add(kini)
            hasil.append(self.unit[kini])
            kini = self.unit[kini].induk_id
        return hasil[::-1]

    def opd(self, unit_id: int) -> UnitKerja | None:
        jalur = self.jalur(unit_id)
        return jalur[0] if jalur else None


def pohon_unit(instansi: Instansi, periode: Periode) -> PohonUnit:
    unit = {u.pk: u for u in UnitKerja.objects.filter(instansi=instansi).order_by("kode")}
    anak: dict[int | None, list[int]] = defaultdict(list)
    for u in unit.values():
        anak[u.induk_id if u.induk_id in unit else None].append(u.pk)
    return PohonUnit(unit, anak, angka_per_unit(instansi, periode))


@dataclass
class BarisPegawaiPengisian:
    pegawai: Pegawai
    batas: date

    @property
    def status(self) -> str:
        return self.pegawai.status_penilaian or ""

    @property
    def status_label(self) -> str:
        return S(self.status).label if self.status else "Belum diisi"

    @property
    def predikat_label(self) -> str:
        p = self.pegawai.predikat_periode
        return Predikat(p).label if p else ""


def pegawai_unit(unit: UnitKerja, periode: Periode) -> list[BarisPegawaiPengisian]:
    """The active pegawai whose position is in `unit`, with their flags, the state and predikat
    of their evaluation of `periode` and their deadline: three queries."""
    penilaian = PenilaianPeriodik.objects.filter(pegawai=OuterRef("pk"), periode=periode)
    daftar = list(
        Pegawai.objects.filter(aktif=True, jabatan__unit_kerja=unit)
        .select_related("jabatan")
        .annotate(
            **penanda(periode),
            status_penilaian=Subquery(penilaian.values("status")[:1]),
            predikat_periode=Subquery(penilaian.values("predikat")[:1]),
        )
        .order_by("nama", "nip")
    )
    kalender = kalender_banyak(periode, [p.pk for p in daftar])
    return [BarisPegawaiPengisian(p, kalender[p.pk].batas) for p in daftar]


def periode_instansi(instansi: Instansi, periode_pk: str | None, hari_ini: date) -> Periode:
    """The period asked for (?periode=<id> of this instansi), else the latest one whose window
    has opened (the one whose filling there is to watch: before the next window opens, the last
    one's figures and deadline), else the one being worked on. LookupError for an id that is
    not one of the instansi's periods."""
    if periode_pk:
        p = periode_dari_id(instansi, int(periode_pk))
        if p is None:
            raise LookupError(periode_pk)
        return p
    calon = periode_tahun(instansi, hari_ini.year - 1) + periode_tahun(instansi, hari_ini.year)
    dibuka = [p for p in calon if p.buka <= hari_ini]
    return dibuka[-1] if dibuka else periode_berjalan(instansi, hari_ini)


# --- Monitoring Kurva ---------------------------------------------------------------------------


@dataclass
class KurvaUnit:
    """The predikat of the pegawai rated by the leaders of one unit, against the unit's capaian.
    The unit that counts for a pegawai is the one their penilai leads: the unit of their
    superior position (domain: "the curve that counts is that of the unit led by the pegawai's
    penilai")."""

    unit: UnitKerja
    jumlah_pegawai: int  # with an approved SKP for the year: they are to be rated
    hitungan: dict[str, int]
    berlaku: CapaianBerlaku | None
    hasil: HasilDistribusi | None  # None while the capaian is not set

    @property
    def dinilai(self) -> int:
        return sum(self.hitungan.values())

    @property
    def tidak_sesuai(self) -> bool:
        """Does not fit, or can no longer be made to fit by those not rated yet."""
        return self.hasil is not None and bool(self.hasil.alasan)

    @property
    def sesuai(self) -> bool | None:
        """Fits with everyone rated; None while the capaian is not set or some are not rated
        yet (and can still be rated so that it fits)."""
        if self.hasil is None or self.tidak_sesuai:
            return None if self.hasil is None else False
        return True if self.hasil.lengkap else None

    @property
    def svg(self) -> SafeString | str:
        if self.hasil is None:
            return ""
        return svg_distribusi(self.hasil, id_awalan=f"kurva-unit-{self.unit.pk}")

    @property
    def batang(self) -> list[tuple[str, str, int, int]]:
        """(predikat, label, count, percent of those rated) from the worst to the best."""
        n = self.dinilai
        return [
            (p.value, p.label, self.hitungan.get(p, 0),
             int(self.hitungan.get(p, 0) * 100 / n) if n else 0)
            for p in URUTAN_KURVA
        ]  # fmt: skip


def kurva_instansi(
    instansi: Instansi, periode: Periode, hari_ini: date | None = None
) -> list[KurvaUnit]:
    """Every unit whose leaders rate someone with an approved SKP this year, with the predikat
    of `periode` counted per predikat and checked against the unit's capaian (in the instansi's
    rounding). A fixed number of queries, whatever the number of units and pegawai."""
    hari_ini = hari_ini or timezone.localdate()
    kunci = "jabatan__atasan__unit_kerja_id"
    jumlah = dict(
        pegawai_aktif(instansi)
        .filter(jabatan__atasan__isnull=False)
        .annotate(ada_skp=penanda(periode)["ada_skp"])
        .filter(ada_skp=True)
        .values_list(kunci)
        .annotate(n=Count("pk"))
        .order_by()
    )
    hitungan: dict[int, dict[str, int]] = defaultdict(dict)
    for unit_id, predikat, n in (
        PenilaianPeriodik.objects.filter(
            periode=periode, pegawai__in=pegawai_aktif(instansi), predikat__gt=""
        )
        .values_list(f"pegawai__{kunci}", "predikat")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        if unit_id is not None:
            hitungan[unit_id][predikat] = n
    unit = list(UnitKerja.objects.filter(pk__in=list(jumlah)).order_by("kode"))
    berlaku = {b.unit.pk: b for b, _ in capaian_banyak(unit, periode, hari_ini)} if unit else {}
    pembulatan = pembulatan_instansi(instansi.pk)
    hasil = []
    for u in unit:
        b = berlaku.get(u.pk)
        n = max(jumlah[u.pk], sum(hitungan[u.pk].values()))
        cek = periksa(b.capaian, n, hitungan[u.pk], pembulatan) if b and b.capaian else None
        hasil.append(KurvaUnit(u, n, dict(hitungan[u.pk]), b, cek))
    return hasil
