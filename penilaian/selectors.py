"""Read queries of the periodic evaluation: who evaluates whom in a period, which SKP is in force
for it, and the evaluation rows with what their pages need."""

from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from organisasi.models import JenisJabatan, Jenjang, Pegawai
from organisasi.selectors import atasan_langsung
from penilaian.angka_kredit import KOEFISIEN, BarisAngkaKredit, bulan_periode, rincian_tahun
from penilaian.distribusi import HasilDistribusi, Pembulatan, periksa
from penilaian.isian import jenis_isian, persentase
from penilaian.models import (
    BuktiDukung,
    MasaTidakDinilai,
    PengaturanDistribusi,
    PenilaianPeriodik,
    Periode,
    PerpanjanganPegawai,
    Realisasi,
    RencanaAksi,
)
from penilaian.periode import periode_tahun
from penilaian.workflow import STATUS_ISI
from skp.models import (
    STATUS_TERBIT,
    IndikatorKinerja,
    RencanaHasilKerja,
    RiwayatStatus,
    Skp,
    StatusSkp,
)
from skp.target import tampil_angka


def tanggal_acuan(periode: Periode, hari_ini: date | None = None) -> date:
    """The date on which to look up the penilai in force: today, kept inside the window (a
    penilai who moved before the window does not evaluate; one who moves inside it does, and is
    then recorded on the evaluation)."""
    hari_ini = hari_ini or timezone.localdate()
    return min(max(hari_ini, periode.buka), periode.tenggat)


def penilai_periode(penilaian: PenilaianPeriodik) -> Pegawai | None:
    """The pejabat penilai of this evaluation: the one recorded on it, else the one in force
    (Plt/Plh included) for the pegawai's position in the window."""
    if penilaian.penilai_id:
        return penilaian.penilai
    pegawai = penilaian.pegawai
    if not pegawai.jabatan_id:
        return None
    return atasan_langsung(pegawai, tanggal_acuan(penilaian.periode))


def atasan_penilai(penilaian: PenilaianPeriodik) -> Pegawai | None:
    """The atasan of the pejabat penilai: decides a keberatan, and rates when the penilai missed
    the deadline. Never the pegawai themself."""
    penilai = penilai_periode(penilaian)
    if penilai is None or not penilai.jabatan_id:
        return None
    atasan = atasan_langsung(penilai, tanggal_acuan(penilaian.periode))
    if atasan is None or atasan.pk == penilaian.pegawai_id:
        return None
    return atasan


def skp_untuk_periode(pegawai: Pegawai, periode: Periode) -> Skp | None:
    """The approved SKP version in force at the end of the period: the last one approved by
    then; when none was approved by then (a late approval), the version in force now. A pegawai
    who moved has a revision for the new position: the new version is evaluated (no averaging)."""
    akhir = timezone.make_aware(datetime.combine(periode.selesai, time.max))
    versi = list(
        Skp.objects.filter(pegawai=pegawai, tahun=periode.tahun, status__in=STATUS_TERBIT)
        .select_related("pegawai")
        .order_by("-versi")
    )
    if not versi:
        return None
    disetujui = dict(
        RiwayatStatus.objects.filter(skp__in=versi, aksi="setujui").values_list("skp_id", "waktu")
    )
    for skp in versi:
        waktu = disetujui.get(skp.pk)
        if waktu is not None and waktu <= akhir:
            return skp
    return next((s for s in versi if s.status == StatusSkp.DISETUJUI), versi[0])


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
