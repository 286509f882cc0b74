"""Read queries of the periodic evaluation: who evaluates whom in a period, which SKP is in force
for it, and the evaluation rows with what their pages need."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from organisasi.models import Jabatan, JenisJabatan, Jenjang, Pegawai
from organisasi.selectors import atasan_langsung, jabatan_dipegang, pejabat_per_jabatan
from penilaian.angka_kredit import KOEFISIEN, BarisAngkaKredit, bulan_periode, rincian_tahun
from penilaian.distribusi import HasilDistribusi, Pembulatan, periksa
from penilaian.isian import jenis_isian, persentase
from penilaian.models import (
    BuktiDukung,
    MasaTidakDinilai,
    PengaturanDistribusi,
    PenilaianPeriodik,
    PeranPemberi,
    Periode,
    PerpanjanganPegawai,
    Realisasi,
    RencanaAksi,
    UmpanBalik,
)
from penilaian.periode import periode_tahun
from penilaian.workflow import STATUS_ISI
from skp.models import (
    STATUS_TERBIT,
    IndikatorKinerja,
    PerilakuKerja,
    RencanaHasilKerja,
    RiwayatStatus,
    Skp,
    StatusSkp,
)
from skp.selectors import muat_isi, rhk_dikelompokkan
from skp.target import tampil_angka


def tanggal_acuan(periode: Periode, hari_ini: date | None = None) -> date:
    """The date on which to look up the penilai in force: today, kept inside the window (a
    penilai who moved before the window does not evaluate; one who moves inside it does, and is
    then recorded on the evaluation)."""
    hari_ini = hari_ini or timezone.localdate()
    return min(max(hari_ini, periode.buka), periode.tenggat)


def ingat_peran(penilaian: PenilaianPeriodik) -> PenilaianPeriodik:
    """Lets one request ask `penilai_periode` and `atasan_penilai` of this object many times (a
    page checks every action) and look them up once. Only for an object that lives as long as
    the request: a row kept longer would not see a later change of superiors."""
    penilaian._peran_diingat = {}
    return penilaian


def _diingat(penilaian: PenilaianPeriodik, kunci: str, hitung):
    memo = getattr(penilaian, "_peran_diingat", None)
    if memo is None:
        return hitung()
    if kunci not in memo:
        memo[kunci] = hitung()
    return memo[kunci]


def penilai_periode(penilaian: PenilaianPeriodik) -> Pegawai | None:
    """The pejabat penilai of this evaluation: the one recorded on it, else the one in force
    (Plt/Plh included) for the pegawai's position in the window."""
    return _diingat(penilaian, "penilai", lambda: _penilai_periode(penilaian))


def _penilai_periode(penilaian: PenilaianPeriodik) -> Pegawai | None:
    # The one recorded keeps evaluating after a mutasi inside the window, but not once they are
    # no longer active (retired, left the instansi): then the one in force does.
    if penilaian.penilai_id and penilaian.penilai.aktif:
        return penilaian.penilai
    pegawai = penilaian.pegawai
    if not pegawai.jabatan_id:
        return None
    return atasan_langsung(pegawai, tanggal_acuan(penilaian.periode))


def atasan_penilai(penilaian: PenilaianPeriodik) -> Pegawai | None:
    """The atasan of the pejabat penilai: decides a keberatan, and rates when the penilai missed
    the deadline. Never the pegawai themself.

    Found above the position in which the penilai evaluates this pegawai, not above the
    penilai's own position: a Plt/Plh from another bidang answers, for this pegawai, to the
    superior of the position they act in."""
    return _diingat(penilaian, "atasan", lambda: _atasan_penilai(penilaian))


def _atasan_penilai(penilaian: PenilaianPeriodik) -> Pegawai | None:
    penilai = penilai_periode(penilaian)
    if penilai is None:
        return None
    tanggal = tanggal_acuan(penilaian.periode)
    jabatan = _jabatan_menilai(penilaian.pegawai, penilai, tanggal)
    if jabatan is not None:
        atasan_id = jabatan[1]
        atasan = (
            pejabat_per_jabatan([atasan_id], tanggal, kecuali=penilai.pk)[atasan_id]
            if atasan_id
            else None
        )
    elif penilai.jabatan_id:  # recorded penilai who moved since: above where they are now
        atasan = atasan_langsung(penilai, tanggal)
    else:
        return None
    if atasan is None or atasan.pk == penilaian.pegawai_id:
        return None
    return atasan


def _jabatan_menilai(pegawai: Pegawai, penilai: Pegawai, tanggal: date) -> tuple[int, int] | None:
    """(id, atasan id) of the position above the pegawai's in which `penilai` acts (their own or
    a Plt/Plh), climbing past vacant ones; None when they act in none of them."""
    if not pegawai.jabatan_id:
        return None
    dipegang = set(jabatan_dipegang(penilai, tanggal))
    kini = pegawai.jabatan.atasan_id
    dilihat: set[int] = set()
    while kini is not None and kini not in dilihat:
        dilihat.add(kini)
        atasan_id = Jabatan.objects.filter(pk=kini).values_list("atasan_id", flat=True).first()
        if kini in dipegang:
            return kini, atasan_id
        kini = atasan_id
    return None


def skp_untuk_periode(pegawai: Pegawai, periode: Periode) -> Skp | None:
    """The approved SKP version in force at the end of the period: the last one approved by
    then; when none was approved by then (a late approval), the version in force now. A pegawai
    who moved has a revision for the new position: the new version is evaluated (no averaging)."""
    return skp_per_pegawai_untuk_periode([pegawai.pk], periode).get(pegawai.pk)


def skp_per_pegawai_untuk_periode(pegawai_ids: Iterable[int], periode: Periode) -> dict[int, Skp]:
    """`skp_untuk_periode` for many pegawai at once (pegawai id -> SKP, absent when none): two
    queries however many pegawai."""
    akhir = timezone.make_aware(datetime.combine(periode.selesai, time.max))
    versi: dict[int, list[Skp]] = {}
    for skp in (
        Skp.objects.filter(
            pegawai_id__in=list(pegawai_ids), tahun=periode.tahun, status__in=STATUS_TERBIT
        )
        .select_related("pegawai")
        .order_by("pegawai_id", "-versi")
    ):
        versi.setdefault(skp.pegawai_id, []).append(skp)
    if not versi:
        return {}
    disetujui = dict(
        RiwayatStatus.objects.filter(
            skp__in=[s for daftar in versi.values() for s in daftar], aksi="setujui"
        ).values_list("skp_id", "waktu")
    )
    hasil = {}
    for pegawai_id, daftar in versi.items():
        berlaku = next(
            (s for s in daftar if (w := disetujui.get(s.pk)) is not None and w <= akhir), None
        )
        hasil[pegawai_id] = berlaku or next(
            (s for s in daftar if s.status == StatusSkp.DISETUJUI), daftar[0]
        )
    return hasil


def penilaian_lengkap() -> QuerySet[PenilaianPeriodik]:
    return PenilaianPeriodik.objects.select_related(
        "pegawai__jabatan__unit_kerja", "periode", "skp", "penilai", "dinilai_oleh"
    )


# --- the pegawai's own pages -----------------------------------------------------------------


@dataclass
class BarisPeriode:
    """One period on "Penilaian Saya": its evaluation (if made yet) and its window for this
    pegawai (with their own extension), in a fixed number of queries whatever the year holds."""

    periode: Periode
    penilaian: PenilaianPeriodik | None
    batas: date  # the last day this pegawai may send realisasi
    masa_tidak_dinilai: MasaTidakDinilai | None
    hari_ini: date

    @property
    def belum_dibuka(self) -> bool:
        return self.hari_ini < self.periode.buka

    @property
    def terbuka(self) -> bool:
        return self.periode.buka <= self.hari_ini <= self.batas

    @property
    def sisa_hari(self) -> int | None:
        return (self.batas - self.hari_ini).days if self.terbuka else None

    @property
    def boleh_isi(self) -> bool:
        """The owner may (still) fill realisasi and bukti dukung of this period."""
        if self.masa_tidak_dinilai is not None or not self.terbuka:
            return False
        return self.penilaian is None or self.penilaian.status in STATUS_ISI


def penilaian_saya(
    pegawai: Pegawai, tahun: int, hari_ini: date | None = None
) -> list[BarisPeriode]:
    hari_ini = hari_ini or timezone.localdate()
    daftar = periode_tahun(pegawai.instansi, tahun)
    penilaian = {
        p.periode_id: p
        for p in PenilaianPeriodik.objects.filter(pegawai=pegawai, periode__in=daftar)
    }
    perpanjangan: dict[int, date] = {}
    for periode_id, sampai in PerpanjanganPegawai.objects.filter(
        pegawai=pegawai, periode__in=daftar
    ).values_list("periode_id", "sampai"):
        perpanjangan[periode_id] = max(sampai, perpanjangan.get(periode_id, sampai))
    masa = list(MasaTidakDinilai.objects.filter(pegawai=pegawai))
    baris = []
    for p in daftar:
        tumpang = next(
            (
                m
                for m in masa
                if m.mulai <= p.selesai and (m.selesai is None or m.selesai >= p.mulai)
            ),
            None,
        )
        baris.append(
            BarisPeriode(
                periode=p,
                penilaian=penilaian.get(p.pk),
                batas=max(p.tenggat, perpanjangan.get(p.pk, p.tenggat)),
                masa_tidak_dinilai=tumpang,
                hari_ini=hari_ini,
            )
        )
    return baris


def ada_skp_disetujui(pegawai: Pegawai, tahun: int) -> bool:
    return Skp.objects.filter(pegawai=pegawai, tahun=tahun, status__in=STATUS_TERBIT).exists()


@dataclass
class BarisIndikator:
    indikator: IndikatorKinerja
    jenis: str
    realisasi: Realisasi | None
    persentase: Decimal | None


@dataclass
class BarisRhk:
    rhk: RencanaHasilKerja
    indikator: list[BarisIndikator]
    rencana_aksi: list[RencanaAksi]
    bukti: list[BuktiDukung]


def isi_realisasi(penilaian: PenilaianPeriodik) -> list[BarisRhk]:
    """The SKP in force for the period with, per RHK, its indicators and their realisasi, the
    period's rencana aksi and the bukti dukung: five queries, whatever the number of RHK."""
    skp = penilaian.skp
    realisasi = {r.indikator_id: r for r in Realisasi.objects.filter(penilaian=penilaian)}
    bukti: dict[int, list[BuktiDukung]] = {}
    for b in BuktiDukung.objects.filter(penilaian=penilaian).select_related("indikator"):
        bukti.setdefault(b.rhk_id, []).append(b)
    daftar_rhk = RencanaHasilKerja.objects.filter(skp=skp).prefetch_related(
        Prefetch("indikator", queryset=IndikatorKinerja.objects.order_by("pk")),
        Prefetch(
            "rencana_aksi",
            queryset=RencanaAksi.objects.filter(nomor_periode=penilaian.periode.nomor),
        ),
    )
    hasil = []
    for rhk in daftar_rhk:
        baris = []
        for ind in rhk.indikator.all():
            r = realisasi.get(ind.pk)
            baris.append(
                BarisIndikator(
                    indikator=ind,
                    jenis=jenis_isian(skp, ind),
                    realisasi=r,
                    persentase=persentase(ind, r.nilai) if r else None,
                )
            )
        hasil.append(BarisRhk(rhk, baris, list(rhk.rencana_aksi.all()), bukti.get(rhk.pk, [])))
    return hasil


def skp_disetujui_tahun(pegawai: Pegawai, tahun: int) -> Skp | None:
    """The SKP version in force now for the year (where rencana aksi are written)."""
    return Skp.objects.filter(pegawai=pegawai, tahun=tahun, status=StatusSkp.DISETUJUI).first()


def umpan_balik_penilai(
    periode_id: int, pegawai_ids: Iterable[int], pemberi_ids: Iterable[int]
) -> dict[int, set[str]]:
    """Which kinds of umpan balik (JenisUmpanBalik: hasil kerja, perilaku) `pemberi_ids` gave
    each pegawai in the period as their penilai or its atasan, not counting replies: what a
    rating requires. Pegawai id -> kinds (absent: none). One query however many pegawai."""
    hasil: dict[int, set[str]] = {}
    for pegawai_id, jenis in (
        UmpanBalik.objects.filter(
            pegawai_id__in=list(pegawai_ids), periode_id=periode_id,
            pemberi_id__in=list(pemberi_ids), induk__isnull=True,
            peran__in=[PeranPemberi.PENILAI, PeranPemberi.ATASAN_PENILAI],
        )
        .values_list("pegawai_id", "jenis")
        .order_by()  # the model's ordering would make DISTINCT see every row
        .distinct()
    ):  # fmt: skip
        hasil.setdefault(pegawai_id, set()).add(jenis)
    return hasil


# --- the evaluation page ---------------------------------------------------------------------


@dataclass
class IsiPenilaian:
    """What the evaluation page shows under the header, loaded in a fixed number of queries
    however many RHK the SKP has. Each RHK carries `indikator_list` (each indicator with its
    `realisasi_periode` and `bukti_list`) and `bukti_list` (evidence for the RHK as a whole)."""

    rhk_utama: list[RencanaHasilKerja]
    rhk_tambahan: list[RencanaHasilKerja]
    perilaku: list[PerilakuKerja]
    umpan_balik: list[UmpanBalik]


def _tautan_aman(tautan: str) -> str:
    # Only web addresses become links: anything else (javascript:, data:) is shown as text.
    return tautan if tautan.lower().startswith(("http://", "https://")) else ""


def isi_penilaian(penilaian: PenilaianPeriodik) -> IsiPenilaian:
    skp = muat_isi(penilaian.skp)
    utama, tambahan = rhk_dikelompokkan(skp)
    realisasi = {r.indikator_id: r for r in penilaian.realisasi.all()}
    bukti_rhk: dict[int, list[BuktiDukung]] = {}
    bukti_indikator: dict[int, list[BuktiDukung]] = {}
    for b in penilaian.bukti.all():
        b.tautan_aman = _tautan_aman(b.tautan)
        if b.indikator_id:
            bukti_indikator.setdefault(b.indikator_id, []).append(b)
        else:
            bukti_rhk.setdefault(b.rhk_id, []).append(b)
    for rhk in utama + tambahan:
        rhk.bukti_list = bukti_rhk.get(rhk.pk, [])
        rhk.indikator_list = list(rhk.indikator.all())
        for ind in rhk.indikator_list:
            ind.realisasi_periode = realisasi.get(ind.pk)
            ind.bukti_list = bukti_indikator.get(ind.pk, [])
    return IsiPenilaian(
        utama,
        tambahan,
        list(skp.perilaku.all()),
        umpan_balik_periode(pegawai_id=penilaian.pegawai_id, periode_id=penilaian.periode_id),
    )


def umpan_balik_periode(
    *, pegawai_id: int, periode_id: int | None = None, tahun: int | None = None,
    pemberi_id: int | None = None,
) -> list[UmpanBalik]:  # fmt: skip
    """The threads of umpan balik to a pegawai in a period (or a whole year), oldest first, each
    with its replies and the earlier texts of edited ones: four queries. `pemberi_id`: only the
    threads that person opened (a colleague sees no one else's)."""
    qs = UmpanBalik.objects.filter(pegawai_id=pegawai_id, induk__isnull=True)
    if periode_id is not None:
        qs = qs.filter(periode_id=periode_id)
    if tahun is not None:
        qs = qs.filter(periode__tahun=tahun)
    if pemberi_id is not None:
        qs = qs.filter(pemberi_id=pemberi_id)
    balasan = UmpanBalik.objects.order_by("dibuat", "pk").prefetch_related("riwayat")
    return list(
        qs.select_related("perilaku", "indikator", "periode")
        .prefetch_related(Prefetch("balasan", queryset=balasan), "riwayat")
        .order_by("dibuat", "pk")
    )


# --- colleagues who may give umpan balik --------------------------------------------------------


@dataclass
class Rekan:
    pegawai: Pegawai
    peran: str  # PeranPemberi.REKAN or BAWAHAN (the list shows the giver's own atasan so)
    jumlah: int = 0  # threads the giver opened for them in the period


def rekan_untuk(pemberi: Pegawai, periode: Periode | None = None) -> list[Rekan]:
    """Whom `pemberi` may give umpan balik on the colleagues' page: the active pegawai of their
    unit kerja and the holder of their superior position, each kept only where
    `access.peran_rekan_dari` allows it (so the list and the page never disagree), with how
    many threads `pemberi` opened for them in `periode`. A fixed number of queries."""
    from penilaian.access import peran_rekan_dari

    if not pemberi.jabatan_id:
        return []
    syarat = Q(jabatan__unit_kerja_id=pemberi.jabatan.unit_kerja_id)
    if pemberi.jabatan.atasan_id:
        syarat |= Q(jabatan_id=pemberi.jabatan.atasan_id)
    calon = (
        Pegawai.objects.filter(syarat, aktif=True, instansi_id=pemberi.instansi_id)
        .exclude(pk=pemberi.pk)
        .select_related("jabatan__atasan", "jabatan__unit_kerja")
        .order_by("nama")
    )
    dipegang = set(jabatan_dipegang(pemberi))
    daftar = []
    for p in calon:
        peran = peran_rekan_dari(pemberi, p, dipegang)
        if peran is not None:
            daftar.append(Rekan(p, peran))
    if periode is not None and daftar and pemberi.user_id:
        jumlah = dict(
            UmpanBalik.objects.filter(
                pemberi_id=pemberi.user_id, periode=periode, induk__isnull=True,
                pegawai_id__in=[r.pegawai.pk for r in daftar],
            ).values("pegawai_id").annotate(n=Count("pk")).values_list("pegawai_id", "n")
        )  # fmt: skip
        for r in daftar:
            r.jumlah = jumlah.get(r.pegawai.pk, 0)
    return daftar


# --- the distribution curve ------------------------------------------------------------------


def pembulatan_instansi(instansi_id: int | None) -> Pembulatan:
    """The rounding an instansi chose for the distribution curve: bawah-atas unless it set
    PengaturanDistribusi to biasa."""
    if instansi_id is None:
        return Pembulatan.BAWAH_ATAS
    nilai = (
        PengaturanDistribusi.objects.filter(instansi_id=instansi_id)
        .values_list("pembulatan", flat=True)
        .first()
    )
    return Pembulatan(nilai or Pembulatan.BAWAH_ATAS)


def distribusi_instansi(
    instansi_id: int, capaian: str, jumlah_pegawai: int, hitungan: dict[str, int] | None = None
) -> HasilDistribusi:
    """The distribution check of a unit of this instansi, with the instansi's own rounding."""
    return periksa(capaian, jumlah_pegawai, hitungan, pembulatan_instansi(instansi_id))


# --- angka kredit on "Penilaian Saya" --------------------------------------------------------


@dataclass
class AngkaKreditTahun:
    jenjang: Jenjang
    koefisien: Decimal
    baris: list[BarisAngkaKredit]

    @property
    def total_tampil(self) -> str:
        return self.baris[-1].total_tampil if self.baris else "0,00"

    @property
    def koefisien_tampil(self) -> str:
        return tampil_angka(self.koefisien)


def angka_kredit_saya(pegawai: Pegawai, baris: list[BarisPeriode]) -> AngkaKreditTahun | None:
    """The angka kredit of each rated period of the year for a fungsional pegawai with a jenjang
    (None for anyone else): from the rows "Penilaian Saya" already holds, so it costs at most the
    one query for the pegawai's position, whatever the number of periods."""
    jabatan = pegawai.jabatan
    if jabatan is None or jabatan.jenis != JenisJabatan.FUNGSIONAL or not jabatan.jenjang:
        return None
    jenjang = Jenjang(jabatan.jenjang)
    dinilai = [
        (b.periode.nama, b.penilaian.predikat, bulan_periode(b.periode.mulai, b.periode.selesai))
        for b in baris
        if b.penilaian is not None and b.penilaian.predikat
    ]
    koefisien = KOEFISIEN[jenjang]
    return AngkaKreditTahun(
        jenjang=jenjang,
        koefisien=Decimal(koefisien.numerator) / Decimal(koefisien.denominator),
        baris=rincian_tahun(jenjang, dinilai),
    )
