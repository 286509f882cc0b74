"""Capaian kinerja organisasi: which unit a leader sets it for, who sets a unit's, and which
capaian counts for a pegawai's evaluation (reads only; penilaian.services.capaian writes).

The unit head is whoever holds the top position of the unit (a position of the unit whose
atasan sits outside it); the capaian is set by the holder of the position one level above
(Plt/Plh included, organisasi.selectors). The annual capaian is the one of the last period of
the year (Triwulan IV-Akhir / Desember)."""

from collections import Counter
from dataclasses import dataclass
from datetime import date

from django.db.models import F
from django.utils import timezone

from core.pdf import tanggal_indonesia
from organisasi.models import Jabatan, Pegawai, UnitKerja
from organisasi.selectors import jabatan_dipegang, pejabat_per_jabatan
from penilaian.distribusi import CapaianOrganisasi, HasilDistribusi
from penilaian.kuadran import Rating
from penilaian.kurva import svg_distribusi
from penilaian.models import AlasanPola, CapaianUnit, PenilaianPeriodik, Periode
from penilaian.selectors import distribusi_instansi, penilai_periode, tanggal_acuan


def _puncak(unit_ids) -> dict[int, int]:  # noqa: ANN001
    """Unit id -> the superior position of its top position (one query)."""
    hasil: dict[int, int] = {}
    for unit_id, atasan_id in (
        Jabatan.objects.filter(unit_kerja_id__in=unit_ids, atasan__isnull=False)
        .exclude(atasan__unit_kerja_id=F("unit_kerja_id"))
        .order_by("pk")
        .values_list("unit_kerja_id", "atasan_id")
    ):
        hasil.setdefault(unit_id, atasan_id)
    return hasil


def pimpinan_unit(unit: UnitKerja, tanggal: date | None = None) -> Pegawai | None:
    """Who sets the unit's capaian: the one acting in the position above the unit head's (when
    it is vacant, the nearest one above it that is not). None for a unit at the top."""
    atasan_id = _puncak([unit.pk]).get(unit.pk)
    if atasan_id is None:
        return None
    return pejabat_per_jabatan([atasan_id], tanggal)[atasan_id]


def unit_dipimpin(pegawai: Pegawai, tanggal: date | None = None) -> list[UnitKerja]:
    """The units whose head is a direct bawahan of a position this person acts in."""
    dipegang = jabatan_dipegang(pegawai, tanggal)
    ids = (
        Jabatan.objects.filter(atasan_id__in=dipegang)
        .exclude(unit_kerja_id=F("atasan__unit_kerja_id"))
        .values("unit_kerja_id")
    )
    return list(UnitKerja.objects.filter(pk__in=ids).order_by("kode"))


def unit_penilaian(penilaian: PenilaianPeriodik) -> tuple[UnitKerja | None, Pegawai | None]:
    """The unit that counts for this evaluation: the unit of the position in which the penilai
    evaluates (their Plt/Plh position when they act in the pegawai's superior position)."""
    penilai = penilai_periode(penilaian)
    if penilai is None:
        return None, None
    atasan = penilaian.pegawai.jabatan.atasan if penilaian.pegawai.jabatan_id else None
    if atasan is not None and atasan.pk in jabatan_dipegang(
        penilai, tanggal_acuan(penilaian.periode)
    ):
        return atasan.unit_kerja, penilai
    return (penilai.jabatan.unit_kerja if penilai.jabatan_id else None), penilai


def batas_tahunan(periode: Periode) -> date:
    """The annual capaian must be set by 31 January of the next year."""
    return date(periode.tahun + 1, 1, 31)


@dataclass
class CapaianBerlaku:
    unit: UnitKerja
    periode: Periode
    baris: CapaianUnit | None  # the capaian that counts (None: not set)
    pimpinan: Pegawai | None  # who sets it
    pengganti: bool = False  # last year's annual capaian, this year's not set by 31 January

    @property
    def capaian(self) -> str | None:
        return self.baris.capaian if self.baris else None

    @property
    def keterangan(self) -> str:
        """What the screens say about it."""
        if self.baris is None:
            oleh = self.pimpinan.nama_lengkap if self.pimpinan else "pimpinan satu tingkat di atas"
            return (
                f"Capaian kinerja organisasi {self.unit.nama} untuk {self.periode} belum "
                f"ditetapkan (ditetapkan oleh {oleh} atau admin instansi atas namanya)."
            )
        teks = f"Capaian kinerja organisasi {self.unit.nama}: {self.baris.get_capaian_display()}"
        if self.pengganti:
            teks += (
                f" (capaian tahunan {self.periode.tahun - 1}, karena capaian tahunan "
                f"{self.periode.tahun} belum ditetapkan sampai 31 Januari {self.periode.tahun + 1})"
            )
        return teks + "."


def terakhir(unit_id: int, periode_id: int) -> CapaianUnit | None:
    return (
        CapaianUnit.objects.filter(unit_kerja_id=unit_id, periode_id=periode_id)
        .select_related("oleh", "atas_nama")
        .order_by("-pk")
        .first()
    )


def capaian_berlaku(
    unit: UnitKerja, periode: Periode, hari_ini: date | None = None
) -> CapaianBerlaku:
    hari_ini = hari_ini or timezone.localdate()
    baris = terakhir(unit.pk, periode.pk)
    pengganti = False
    if baris is None and periode.akhir and hari_ini > batas_tahunan(periode):
        lalu = Periode.objects.filter(
            instansi_id=periode.instansi_id,
            tahun=periode.tahun - 1,
            jenis=periode.jenis,
            nomor=periode.nomor,
        ).first()
        baris = terakhir(unit.pk, lalu.pk) if lalu else None
        pengganti = baris is not None
    return CapaianBerlaku(unit, periode, baris, pimpinan_unit(unit), pengganti)


def capaian_banyak(
    unit: list[UnitKerja], periode: Periode, hari_ini: date | None = None
) -> list[tuple[CapaianBerlaku, list[CapaianUnit]]]:
    """`capaian_berlaku` and the history of many units at once (the page lists every unit of an
    instansi to its admin): a fixed number of queries, whatever the number of units."""
    hari_ini = hari_ini or timezone.localdate()
    ids = [u.pk for u in unit]
    lama = riwayat(ids, periode.pk)
    lalu: dict[int, list[CapaianUnit]] = {}
    if periode.akhir and hari_ini > batas_tahunan(periode) and len(lama) < len(ids):
        sebelum = Periode.objects.filter(
            instansi_id=periode.instansi_id, tahun=periode.tahun - 1, jenis=periode.jenis,
            nomor=periode.nomor,
        ).first()  # fmt: skip
        lalu = riwayat(ids, sebelum.pk) if sebelum else {}
    puncak = _puncak(ids)
    pejabat = pejabat_per_jabatan(set(puncak.values()), hari_ini) if puncak else {}
    hasil = []
    for u in unit:
        baris = lama.get(u.pk) or lalu.get(u.pk) or [None]
        pimpinan = pejabat.get(puncak.get(u.pk))
        pengganti = not lama.get(u.pk) and baris[0] is not None
        hasil.append(
            (CapaianBerlaku(u, periode, baris[0], pimpinan, pengganti), lama.get(u.pk, []))
        )
    return hasil


def capaian_untuk_penilaian(penilaian: PenilaianPeriodik) -> CapaianBerlaku | None:
    """The capaian of the unit led by the pegawai's penilai, for the period (None when the
    evaluation has no penilai or the penilai no unit)."""
    unit, _ = unit_penilaian(penilaian)
    if unit is None:
        return None
    return capaian_berlaku(unit, penilaian.periode)


def riwayat(unit_ids, periode_id: int) -> dict[int, list[CapaianUnit]]:  # noqa: ANN001
    """Unit id -> its capaian rows for the period, newest first (one query)."""
    hasil: dict[int, list[CapaianUnit]] = {}
    for c in (
        CapaianUnit.objects.filter(unit_kerja_id__in=unit_ids, periode_id=periode_id)
        .select_related("atas_nama")
        .order_by("-pk")
    ):
        hasil.setdefault(c.unit_kerja_id, []).append(c)
    return hasil


@dataclass
class PolaUnit:
    """The unit's capaian and its distribution check for the rows a penilai rates, with the
    penilai's reason when the pattern does not fit (the warning acknowledged)."""

    berlaku: CapaianBerlaku
    hasil: HasilDistribusi | None  # None while the capaian is not set
    alasan: AlasanPola | None

    @property
    def svg(self) -> str:
        return svg_distribusi(self.hasil, id_awalan="kurva-bawahan") if self.hasil else ""

    @property
    def tidak_sesuai(self) -> bool:
        """Does not fit, or can no longer be made to fit by the rows not rated yet."""
        return self.hasil is not None and bool(self.hasil.alasan)

    @property
    def final(self) -> bool:
        """Every row rated and the pattern fits, or its misfit acknowledged with a reason."""
        if self.hasil is None or not self.hasil.lengkap:
            return False
        return not self.tidak_sesuai or self.alasan is not None


def unit_dinilai(penilai: Pegawai) -> UnitKerja | None:
    """The unit a penilai leads on Penilaian Bawahan: the unit of their own position."""
    return penilai.jabatan.unit_kerja if penilai.jabatan_id else None


def alasan_terakhir(penilai_id: int, unit_id: int, periode_id: int) -> AlasanPola | None:
    return (
        AlasanPola.objects.filter(
            penilai_id=penilai_id, unit_kerja_id=unit_id, periode_id=periode_id
        )
        .order_by("-pk")
        .first()
    )


def pola_bawahan(penilai: Pegawai, periode: Periode, predikat: list[str]) -> PolaUnit | None:
    """`predikat`: one entry per bawahan who counts (their predikat, "" when not rated yet).
    A fixed number of queries, whatever the number of bawahan."""
    unit = unit_dinilai(penilai)
    if unit is None or not predikat:
        return None
    berlaku = capaian_berlaku(unit, periode)
    hasil = None
    if berlaku.capaian:
        hitungan = Counter(p for p in predikat if p)
        hasil = distribusi_instansi(periode.instansi_id, berlaku.capaian, len(predikat), hitungan)
    return PolaUnit(berlaku, hasil, alasan_terakhir(penilai.pk, unit.pk, periode.pk))


def pola_penilaian(penilaian: PenilaianPeriodik) -> tuple[CapaianBerlaku | None, PolaUnit | None]:
    """For the evaluation form: the capaian of the unit led by the penilai and the pattern of
    the penilai's bawahan as it stands now (the form is rendered once, when issued, and kept)."""
    from penilaian.bawahan import halaman_bawahan

    berlaku = capaian_untuk_penilaian(penilaian)
    penilai = penilai_periode(penilaian)
    if penilai is None:
        return berlaku, None
    halaman = halaman_bawahan(penilai, penilaian.periode)
    predikat = [b.penilaian.predikat or "" for b in halaman.baris if b.penilaian is not None]
    return berlaku, pola_bawahan(penilai, penilaian.periode, predikat)


# --- a unit head's rating hasil kerja (domain: "a unit head's own rating hasil kerja equals the
# capaian of the unit they lead") -----------------------------------------------------------

RATING_DARI_CAPAIAN = {
    CapaianOrganisasi.ISTIMEWA: Rating.DI_ATAS,
    CapaianOrganisasi.BAIK: Rating.SESUAI,
    CapaianOrganisasi.BUTUH_PERBAIKAN: Rating.DI_BAWAH,
    CapaianOrganisasi.KURANG: Rating.DI_BAWAH,
    CapaianOrganisasi.SANGAT_KURANG: Rating.DI_BAWAH,
}


@dataclass
class RatingKepalaUnit:
    """The rating hasil kerja a unit head gets from the capaian of the unit they lead."""

    berlaku: CapaianBerlaku

    @property
    def rating(self) -> str:
        return RATING_DARI_CAPAIAN[self.berlaku.capaian]

    @property
    def keterangan(self) -> str:
        baris = self.berlaku.baris
        oleh = baris.oleh_nama + (
            f" atas nama {baris.atas_nama.nama_lengkap}" if baris.atas_nama_id else ""
        )
        teks = (
            "Rating hasil kerja diisi dari capaian kinerja organisasi unit yang dipimpin "
            f"({self.berlaku.unit.nama}): {baris.get_capaian_display()}, ditetapkan oleh {oleh} "
            f"pada {tanggal_indonesia(timezone.localtime(baris.dibuat).date())}, sehingga rating "
            f"hasil kerja {Rating(self.rating).label}."
        )
        if self.berlaku.pengganti:
            teks += (
                f" (Capaian tahunan {self.berlaku.periode.tahun - 1}: capaian tahunan "
                f"{self.berlaku.periode.tahun} belum ditetapkan sampai 31 Januari.)"
            )
        return teks


def unit_dikepalai_banyak(pegawai: list[Pegawai]) -> dict[int, int]:
    """Pegawai id -> the unit they head: their position is the top one of its unit (its
    superior position sits in another unit). One query."""
    atasan_ids = {p.jabatan.atasan_id for p in pegawai if p.jabatan_id and p.jabatan.atasan_id}
    unit_atasan = dict(
        Jabatan.objects.filter(pk__in=atasan_ids).values_list("pk", "unit_kerja_id")
    ) if atasan_ids else {}  # fmt: skip
    hasil = {}
    for p in pegawai:
        j = p.jabatan if p.jabatan_id else None
        if j is not None and j.atasan_id and unit_atasan.get(j.atasan_id) != j.unit_kerja_id:
            hasil[p.pk] = j.unit_kerja_id
    return hasil


def rating_kepala_unit_banyak(
    pegawai: list[Pegawai], periode: Periode
) -> dict[int, RatingKepalaUnit]:
    """Pegawai id -> the rating from the capaian of the unit they head, for those who head a
    unit whose capaian of the period is set. A fixed number of queries."""
    kepala = unit_dikepalai_banyak(pegawai)
    if not kepala:
        return {}
    unit = list(UnitKerja.objects.filter(pk__in=set(kepala.values())))
    berlaku = {b.unit.pk: b for b, _ in capaian_banyak(unit, periode)}
    return {
        pid: RatingKepalaUnit(berlaku[uid])
        for pid, uid in kepala.items()
        if uid in berlaku and berlaku[uid].capaian
    }


def rating_kepala_unit(penilaian: PenilaianPeriodik) -> RatingKepalaUnit | None:
    return rating_kepala_unit_banyak([penilaian.pegawai], penilaian.periode).get(
        penilaian.pegawai_id
    )
