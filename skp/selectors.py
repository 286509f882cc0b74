"""Read queries for SKP pages, with the joins and prefetches that keep their query count flat."""

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import (
    BooleanField,
    Case,
    Count,
    ExpressionWrapper,
    IntegerField,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
    prefetch_related_objects,
)

from organisasi.models import Jabatan, Pegawai, UnitKerja
from organisasi.selectors import (
    atasan_langsung,
    bawahan_langsung,
    jabatan_dipegang,
    penilai_per_pegawai,
)
from perencanaan.models import (
    IndikatorKinerja as IndikatorRenstra,
)
from perencanaan.models import (
    Renstra,
    SasaranStrategis,
    SubKegiatan,
    TargetIndikator,
)
from perencanaan.selectors import urutan_kode
from skp.models import (
    STATUS_TAUTAN_TERKUNCI,
    URUTAN_ASPEK,
    IndikatorKinerja,
    JenisRhk,
    PerilakuKerja,
    RencanaHasilKerja,
    Skp,
    StatusSkp,
)

_urutan_aspek = Case(
    *(When(aspek=a, then=Value(i)) for a, i in URUTAN_ASPEK.items()),
    default=Value(len(URUTAN_ASPEK)),
    output_field=IntegerField(),
)


def indikator_terurut() -> QuerySet[IndikatorKinerja]:
    """Kuantitas, Kualitas, Waktu, Biaya as on the official form; then in the order entered."""
    return IndikatorKinerja.objects.order_by(_urutan_aspek, "pk")


def rhk_terurut() -> QuerySet[RencanaHasilKerja]:
    return RencanaHasilKerja.objects.order_by("-jenis", "urutan")


# An RHK linked to nothing up the cascade (neither an atasan RHK nor a Renstra/Renja item).
BELUM_DITAUTKAN = {
    "rhk_atasan__isnull": True,
    "sasaran_renstra__isnull": True,
    "indikator_renstra__isnull": True,
    "subkegiatan_renja__isnull": True,
}


def skp_berlaku() -> QuerySet[Skp]:
    """The current version of each SKP (a replaced version is history)."""
    return Skp.objects.exclude(status=StatusSkp.DIGANTI)


def skp_tahun(pegawai: Pegawai, tahun: int) -> Skp | None:
    return skp_berlaku().filter(pegawai=pegawai, tahun=tahun).first()


def muat_isi(skp: Skp) -> Skp:
    """Loads the RHK (with their atasan link and indicators) and the BerAKHLAK rows into `skp`
    in four queries, however many RHK it has."""
    prefetch_related_objects(
        [skp],
        Prefetch(
            "rhk",
            queryset=rhk_terurut()
            .select_related(
                "rhk_atasan__skp", "sasaran_renstra", "indikator_renstra", "subkegiatan_renja"
            )
            .prefetch_related(Prefetch("indikator", queryset=indikator_terurut())),
        ),
        "perilaku",
    )
    return skp


def rhk_dikelompokkan(skp: Skp) -> tuple[list[RencanaHasilKerja], list[RencanaHasilKerja]]:
    semua = list(skp.rhk.all())
    return (
        [r for r in semua if r.jenis == JenisRhk.UTAMA],
        [r for r in semua if r.jenis == JenisRhk.TAMBAHAN],
    )


@dataclass
class RhkAtasan:
    """The atasan whose RHK a bawahan may intervene, their SKP of the year and its RHK."""

    atasan: Pegawai | None
    skp: Skp | None
    rhk: list[RencanaHasilKerja] = field(default_factory=list)


def rhk_atasan_tersedia(skp: Skp, cari: str = "") -> RhkAtasan:
    """RHK of the current SKP, for the same year, of the pegawai's atasan today: the only RHK an
    RHK of `skp` may point at. `cari` filters by words in the RHK text."""
    atasan = atasan_langsung(skp.pegawai) if skp.pegawai.jabatan_id else None
    if atasan is None:
        return RhkAtasan(None, None)
    skp_atasan = skp_tahun(atasan, skp.tahun)
    if skp_atasan is None:
        return RhkAtasan(atasan, None)
    qs = rhk_terurut().filter(skp=skp_atasan).select_related("skp")
    for kata in cari.split()[:8]:
        qs = qs.filter(uraian__icontains=kata)
    return RhkAtasan(atasan, skp_atasan, list(qs))


@dataclass
class TautanRenstra:
    """The planning items of the OPD of a JPT that an RHK of theirs may take its result from:
    the Renstra covering the year (its sasaran and indikator, each indikator with the year's
    target as `target_tahun`) and that year's Renja sub kegiatan."""

    unit: UnitKerja | None
    renstra: Renstra | None
    sasaran: list[SasaranStrategis] = field(default_factory=list)
    indikator: list[IndikatorRenstra] = field(default_factory=list)
    subkegiatan: list[SubKegiatan] = field(default_factory=list)

    @property
    def kosong(self) -> bool:
        return not (self.sasaran or self.indikator or self.subkegiatan)


def _unit_dan_induk(skp: Skp) -> list[UnitKerja]:
    if not skp.pegawai.jabatan_id:
        return []
    unit = (
        UnitKerja.objects.select_related("induk__induk__induk")
        .filter(jabatan__pk=skp.pegawai.jabatan_id)
        .first()
    )
    rantai: list[UnitKerja] = []
    # Four levels, as loaded; a unit seen already means a cycle in the tree: stop there.
    while unit is not None and len(rantai) < 4 and unit not in rantai:
        rantai.append(unit)
        unit = unit.induk
    return rantai


def renstra_tersedia(skp: Skp, cari: str = "") -> TautanRenstra:
    """Planning items an RHK of a JPT's `skp` may point at: those of the Renstra of the JPT's
    unit (or the nearest unit above it that has one) covering `skp.tahun`. `cari` filters by
    words in the name or code."""
    rantai = _unit_dan_induk(skp)
    renstra = None
    if rantai:
        dekat = {u.pk: i for i, u in enumerate(rantai)}
        semua = Renstra.objects.filter(
            unit__in=rantai, tahun_awal__lte=skp.tahun, tahun_akhir__gte=skp.tahun
        ).select_related("unit")
        renstra = min(semua, key=lambda r: dekat[r.unit_id], default=None)
    if renstra is None:
        return TautanRenstra(rantai[0] if rantai else None, None)
    sasaran = SasaranStrategis.objects.filter(renstra=renstra)
    indikator = IndikatorRenstra.objects.filter(renstra=renstra).prefetch_related(
        Prefetch(
            "target",
            queryset=TargetIndikator.objects.filter(tahun=skp.tahun),
            to_attr="target_tahun",
        )
    )
    sub = SubKegiatan.objects.filter(renstra=renstra, tahun=skp.tahun)
    for kata in cari.split()[:8]:
        syarat = Q(nama__icontains=kata) | Q(kode__icontains=kata)
        sasaran, indikator, sub = (
            sasaran.filter(syarat),
            indikator.filter(syarat),
            sub.filter(syarat),
        )
    return TautanRenstra(
        renstra.unit,
        renstra,
        sorted(sasaran, key=lambda x: urutan_kode(x.kode)),
        sorted(indikator, key=lambda x: urutan_kode(x.kode)),
        sorted(sub, key=lambda x: urutan_kode(x.kode)),
    )


def skp_milik(pegawai: Pegawai) -> QuerySet[Skp]:
    """A pegawai's SKP, newest year first, with RHK counts for the list page."""
    return (
        Skp.objects.filter(pegawai=pegawai)
        .annotate(jumlah_rhk=Count("rhk"))
        .order_by("-tahun", "-versi")
    )


@dataclass
class BarisBawahan:
    pegawai: Pegawai
    skp: Skp | None


def skp_bawahan(
    atasan: Pegawai,
    tahun: int,
    terlihat: QuerySet[Skp] | None = None,
    pegawai_terlihat: QuerySet[Pegawai] | None = None,
) -> list[BarisBawahan]:
    """Each direct bawahan with their current SKP of the year (or None), in two queries.
    `terlihat`: only these SKP are given (another one counts as None). `pegawai_terlihat`:
    each bawahan gets `terlihat` (True when in it), in the same query."""
    qs = bawahan_langsung(atasan)
    if pegawai_terlihat is not None:
        qs = qs.annotate(
            terlihat=ExpressionWrapper(
                Q(pk__in=pegawai_terlihat.values("pk")), output_field=BooleanField()
            )
        )
    bawahan = list(qs)
    skp = skp_berlaku() if terlihat is None else skp_berlaku().filter(pk__in=terlihat.values("pk"))
    skp_per_pegawai = {
        s.pegawai_id: s
        for s in skp.filter(pegawai__in=bawahan, tahun=tahun).annotate(
            jumlah_rhk=Count("rhk", distinct=True),
            rhk_belum_ditautkan=Count(
                "rhk",
                filter=Q(
                    rhk__jenis=JenisRhk.UTAMA,
                    rhk__rhk_atasan__isnull=True,
                    rhk__sasaran_renstra__isnull=True,
                    rhk__indikator_renstra__isnull=True,
                    rhk__subkegiatan_renja__isnull=True,
                ),
                distinct=True,
            ),
        )
    }
    return [BarisBawahan(b, skp_per_pegawai.get(b.pk)) for b in bawahan]


@dataclass
class BarisMph:
    """One RHK of the atasan and the bawahan RHK that intervene it."""

    rhk: RencanaHasilKerja
    intervensi: list[RencanaHasilKerja]  # those the viewer may see
    # Intervened by any current bawahan SKP, seen or not: a yes/no about an RHK the viewer
    # reads anyway, so a column is not marked "nobody picked it up" when someone did.
    diintervensi: bool = False


@dataclass
class SelMph:
    """One cell of the matrix: the RHK of one bawahan SKP that intervene one atasan RHK."""

    rhk_atasan: RencanaHasilKerja
    isi: list[RencanaHasilKerja]
    kolom_kosong: bool  # nobody picked this atasan RHK up: the whole column is highlighted


@dataclass
class BarisMatriks:
    """One row of the matrix: a direct bawahan (with their SKP of the year, or none), or an SKP
    that intervenes this SKP without being a direct bawahan's current one (a revision being
    drafted, someone moved elsewhere since)."""

    nama: str
    jabatan: str
    skp: Skp | None
    sel: list[SelMph]
    belum_ditautkan: list[RencanaHasilKerja]
    keterangan: str = ""


@dataclass
class Mph:
    baris: list[BarisMph]
    bawahan: list[BarisBawahan]
    tanpa_tautan: list[RencanaHasilKerja]  # bawahan RHK not linked to any RHK of this SKP
    matriks: list[BarisMatriks] = field(default_factory=list)
    disaring: bool = False  # some bawahan SKP were left out: the viewer may not see them

    @property
    def belum_diintervensi(self) -> list[RencanaHasilKerja]:
        return [b.rhk for b in self.baris if not b.diintervensi]


def _matriks(
    baris: list[BarisMph], bawahan: list[BarisBawahan], tanpa_tautan: list[RencanaHasilKerja]
) -> list[BarisMatriks]:
    """The MPH as domain.md draws it: atasan RHK across the top, bawahan down the side. Built
    from what `mph` already loaded, so it costs no query."""
    per_skp: dict[int, dict[int, list[RencanaHasilKerja]]] = {}
    skp_lain: dict[int, Skp] = {}
    for b in baris:
        for r in b.intervensi:
            per_skp.setdefault(r.skp_id, {}).setdefault(b.rhk.pk, []).append(r)
            skp_lain.setdefault(r.skp_id, r.skp)
    lepas: dict[int, list[RencanaHasilKerja]] = {}
    for r in tanpa_tautan:
        lepas.setdefault(r.skp_id, []).append(r)

    def sel(skp_id: int | None) -> list[SelMph]:
        isi = per_skp.get(skp_id, {}) if skp_id else {}
        return [SelMph(b.rhk, isi.get(b.rhk.pk, []), not b.diintervensi) for b in baris]

    hasil = []
    for b in bawahan:
        skp_id = b.skp.pk if b.skp else None
        skp_lain.pop(skp_id, None)
        jabatan = b.pegawai.jabatan.nama if b.pegawai.jabatan_id else ""
        hasil.append(
            BarisMatriks(b.pegawai.nama_lengkap, jabatan, b.skp, sel(skp_id), lepas.get(skp_id, []))
        )
    sendiri = {b.pegawai.pk for b in bawahan}
    for s in sorted(skp_lain.values(), key=lambda s: (s.pegawai_nama, s.versi)):
        keterangan = (
            f"SKP versi {s.versi}"  # a revision and the version in force, both current
            if s.pegawai_id in sendiri
            else "bukan bawahan langsung saat ini"
        )
        hasil.append(BarisMatriks(s.pegawai_nama, s.pegawai_jabatan, s, sel(s.pk), [], keterangan))
    return hasil


def mph(skp: Skp, *, terlihat: QuerySet[Skp], pegawai_terlihat: QuerySet[Pegawai]) -> Mph:
    """Matriks Pembagian Peran dan Hasil of `skp`: for each of its RHK, the RHK of current bawahan
    SKP (same year) that intervene it; plus the bawahan and their unlinked RHK, and the same as
    a matrix (`matriks`). Six queries, however many bawahan and RHK.

    Shown to someone: only the bawahan SKP in `terlihat` (access.visible_skps of the viewer), and
    a bawahan without such an SKP only when in `pegawai_terlihat` (access.visible_pegawai): the
    MPH never shows an RHK its viewer could not open on the bawahan's own SKP page."""
    intervensi = (
        rhk_terurut()
        .filter(rhk_atasan__skp=skp, skp__in=terlihat.values("pk"))
        .exclude(skp__status=StatusSkp.DIGANTI)
        .select_related("skp")
        .order_by("skp__pegawai_nama", "-jenis", "urutan")
    )
    rhk = list(
        rhk_terurut()
        .filter(skp=skp)
        .annotate(
            jumlah_intervensi=Count(
                "rhk_intervensi", filter=~Q(rhk_intervensi__skp__status=StatusSkp.DIGANTI)
            )
        )
        .prefetch_related(Prefetch("rhk_intervensi", intervensi))
    )
    semua = skp_bawahan(
        skp.pegawai, skp.tahun, terlihat=terlihat, pegawai_terlihat=pegawai_terlihat
    )
    bawahan = [b for b in semua if b.skp is not None or b.pegawai.terlihat]
    skp_ids = [b.skp.pk for b in bawahan if b.skp is not None]
    tanpa_tautan = list(
        rhk_terurut()
        .filter(skp_id__in=skp_ids, **BELUM_DITAUTKAN)
        .select_related("skp")
        .order_by("skp__pegawai_nama", "-jenis", "urutan")
    )
    baris = [BarisMph(r, list(r.rhk_intervensi.all()), r.jumlah_intervensi > 0) for r in rhk]
    return Mph(
        baris=baris,
        bawahan=bawahan,
        tanpa_tautan=tanpa_tautan,
        matriks=_matriks(baris, bawahan, tanpa_tautan),
        disaring=len(bawahan) < len(semua)
        or any(len(b.intervensi) < r.jumlah_intervensi for b, r in zip(baris, rhk, strict=True)),
    )


# --- deleting: what goes, and whose links it touches ------------------------------------------


@dataclass
class Intervensi:
    """RHK of other SKP that intervene some RHK, split by what deleting it would do to them."""

    # In a bawahan SKP still being drafted (Draf, Dikembalikan) or replaced: unlinked.
    dilepas: list[RencanaHasilKerja] = field(default_factory=list)
    # In a bawahan SKP that is Diajukan or Disetujui: the delete is refused.
    menghalangi: list[RencanaHasilKerja] = field(default_factory=list)


def intervensi_bawahan(rhk_ids: list[int], kecuali_skp: int | None = None) -> Intervensi:
    """RHK of other SKP (with their `skp` and `rhk_atasan`) that intervene any of `rhk_ids`, in
    one query. Each `Intervensi` list is ordered by name, version, then RHK order."""
    hasil = Intervensi()
    if not rhk_ids:
        return hasil
    qs = (
        RencanaHasilKerja.objects.filter(rhk_atasan_id__in=rhk_ids)
        .select_related("skp", "rhk_atasan")
        .order_by("skp__pegawai_nama", "skp__versi", "-jenis", "urutan")
    )
    if kecuali_skp is not None:
        qs = qs.exclude(skp_id=kecuali_skp)
    for r in qs:
        (hasil.menghalangi if r.skp.status in STATUS_TAUTAN_TERKUNCI else hasil.dilepas).append(r)
    return hasil


def sebut_intervensi(daftar: list[RencanaHasilKerja]) -> str:
    """Who, in one line, one entry per SKP: "Rudi Hartono, A.Md. (RHK Utama 1, RHK Tambahan 1;
    Diajukan); Sari (RHK Utama 2; Draf)". Names may hold commas (gelar): entries take ";"."""
    per_skp: dict[int, list[RencanaHasilKerja]] = {}
    for r in daftar:
        per_skp.setdefault(r.skp_id, []).append(r)
    return "; ".join(
        f"{d[0].skp.pegawai_nama} ({', '.join(f'RHK {r.label}' for r in d)}; "
        f"{d[0].skp.get_status_display()})"
        for d in per_skp.values()
    )


@dataclass
class IsiSkp:
    """What deleting a draft SKP loses, counted for its confirmation page."""

    rhk_utama: int
    rhk_tambahan: int
    indikator: int
    ekspektasi: int
    lampiran: bool

    @property
    def rhk(self) -> int:
        return self.rhk_utama + self.rhk_tambahan


def isi_skp(skp: Skp) -> IsiSkp:
    jumlah = skp.rhk.aggregate(
        utama=Count("pk", filter=Q(jenis=JenisRhk.UTAMA)),
        tambahan=Count("pk", filter=Q(jenis=JenisRhk.TAMBAHAN)),
    )
    return IsiSkp(
        rhk_utama=jumlah["utama"],
        rhk_tambahan=jumlah["tambahan"],
        indikator=IndikatorKinerja.objects.filter(rhk__skp=skp).count(),
        ekspektasi=PerilakuKerja.objects.filter(skp=skp).exclude(ekspektasi_khusus="").count(),
        lampiran=bool(skp.dukungan_sumber_daya or skp.skema_pertanggungjawaban or skp.konsekuensi),
    )


# --- approval routing -----------------------------------------------------------------------


def penilai_aktif(skp: Skp) -> Pegawai | None:
    """Who acts as pejabat penilai of `skp` now: the one the admin assigned, else the holder of
    the superior position today (or its Plt/Plh in force). Evaluated now, so a pending SKP moves
    to the new superior's inbox when the superior changes."""
    if skp.penilai_ditetapkan_id:
        return skp.penilai_ditetapkan
    if not skp.pegawai.jabatan_id:
        return None
    return atasan_langsung(skp.pegawai)


# How far below a position an SKP may sit and still reach its holder's inbox: the direct
# bawahan, and two vacant positions in between.
KEDALAMAN_KOTAK_MASUK = 3


def pemangku_di_bawah(
    jabatan: Iterable[int], kedalaman: int = KEDALAMAN_KOTAK_MASUK
) -> dict[int, int]:
    """The pegawai (active or not) holding a position up to `kedalaman` levels below any of
    `jabatan`, each with the superior position of theirs (pegawai id -> jabatan atasan id).
    One query: each level a lookup on the atasan_id index of the level above."""
    jabatan = list(jabatan)
    if not jabatan:
        return {}
    tingkat = Jabatan.objects.filter(atasan_id__in=jabatan).order_by()
    bagian = []
    for _ in range(kedalaman):
        bagian.append(tingkat.filter(pemangku__isnull=False).values_list("pemangku", "atasan_id"))
        tingkat = Jabatan.objects.filter(atasan_id__in=tingkat.values("pk")).order_by()
    return dict(bagian[0].union(*bagian[1:]))


def kotak_masuk(pegawai: Pegawai, jabatan: Iterable[int] | None = None) -> list[Skp]:
    """SKP waiting for `pegawai`'s decision, oldest submission first: those the admin assigned
    to them, and those of pegawai up to three levels below a position they act in (which
    covers vacant positions in between) whose penilai in force (`penilai_aktif`) is them.
    `jabatan`: the positions `pegawai` acts in, when the caller already has them
    (`jabatan_dipegang`).

    A handful of queries however many SKP wait: the positions below in one, the candidates in
    one on the partial index of Diajukan SKP (no join: every pegawai, even a pelaksana, pays
    for it on every page), and the penilai of all their superior positions at once."""
    if jabatan is None:
        jabatan = jabatan_dipegang(pegawai)
    bawahan = pemangku_di_bawah(jabatan)
    syarat = Q(penilai_ditetapkan=pegawai)
    if bawahan:
        syarat |= Q(penilai_ditetapkan__isnull=True, pegawai_id__in=bawahan)
    kandidat = list(
        Skp.objects.filter(syarat, status=StatusSkp.DIAJUKAN)
        .exclude(pegawai=pegawai)
        .order_by("diajukan_pada", "pk")
    )
    # = `penilai_aktif` of every candidate, at once.
    penilai = penilai_per_pegawai(
        {s.pegawai_id: bawahan[s.pegawai_id] for s in kandidat if not s.penilai_ditetapkan_id}
    )
    hasil = []
    for skp in kandidat:
        if skp.penilai_ditetapkan_id:
            if skp.penilai_ditetapkan_id == pegawai.pk:
                hasil.append(skp)
            continue
        p = penilai.get(skp.pegawai_id)
        if p is not None and p.pk == pegawai.pk:
            hasil.append(skp)
    return hasil


def belum_mengajukan(atasan: Pegawai, tahun: int) -> list[BarisBawahan]:
    """Direct bawahan who have not submitted their SKP of `tahun` (none, a draft, or returned)."""
    return [
        b
        for b in skp_bawahan(atasan, tahun)
        if b.skp is None or b.skp.status in (StatusSkp.DRAF, StatusSkp.DIKEMBALIKAN)
    ]
