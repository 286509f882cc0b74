"""Read queries about the organisation: who is whose atasan, who administers what."""

from collections.abc import Iterable
from datetime import date

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from core.memo import diingat
from core.versi import diingat_sampai_berubah
from organisasi.models import (
    AdminInstansi,
    Instansi,
    Jabatan,
    Pegawai,
    PenugasanSementara,
    SuratAktivasi,
    UnitKerja,
)


def pegawai_dari_user(user: AbstractBaseUser | AnonymousUser) -> Pegawai | None:
    """The pegawai record of a login (None for an admin-only login). Asked on every page (the
    navbar), so kept between requests until the organisation changes (core/versi.py); the
    login's own `user.pegawai` is then set from it, so later reads of it cost no query."""
    if not user.is_authenticated:
        return None
    if "pegawai" in user._state.fields_cache:  # already read in this request
        return user._state.fields_cache["pegawai"]
    pegawai = _pegawai_login(user.pk)
    if pegawai is None:
        return None
    user.pegawai = pegawai  # also sets pegawai.user to this very login
    return pegawai


@diingat
@diingat_sampai_berubah("organisasi")
def _pegawai_login(user_id: int) -> Pegawai | None:
    # With the position and the instansi, which most pages read (Dasbor Kinerja names the
    # position; the evaluation pages look up the instansi's periods): kept with it.
    return Pegawai.objects.filter(user_id=user_id).select_related("jabatan", "instansi").first()


def instansi_admin(user: AbstractBaseUser | AnonymousUser) -> tuple[Instansi, ...]:
    """`instansi_dikelola` as a tuple, for the navbar of every page: an admin's kept between
    requests until the organisation changes (core/versi.py)."""
    if user.is_authenticated and user.is_active and not user.is_superuser:
        return _instansi_admin(user.pk)
    return tuple(instansi_dikelola(user))


@diingat
@diingat_sampai_berubah("organisasi")
def _instansi_admin(user_id: int) -> tuple[Instansi, ...]:
    return tuple(_instansi_diadministrasi(user_id))


def instansi_dikelola(user: AbstractBaseUser | AnonymousUser) -> QuerySet[Instansi]:
    """The instansi whose data this user administers (all of them for a superuser)."""
    if not user.is_authenticated or not user.is_active:
        return Instansi.objects.none()
    if user.is_superuser:
        return Instansi.objects.all()
    return _instansi_diadministrasi(user.pk)


def _instansi_diadministrasi(user_id: int) -> QuerySet[Instansi]:
    return Instansi.objects.filter(
        pk__in=AdminInstansi.objects.filter(user_id=user_id).values("instansi_id")
    )


def pemegang_per_jabatan(
    jabatan_ids: Iterable[int], tanggal: date | None = None
) -> dict[int, Pegawai | None]:
    """Who acts in each position on a date: the Plt/Plh in force, else the active definitive
    holder (None when vacant). Two queries however many positions, once per GET request for
    the same positions and date (core/memo.py) and then kept until the organisation changes
    (core/versi.py)."""
    return _pemegang_per_jabatan(frozenset(jabatan_ids), tanggal or timezone.localdate())


@diingat
@diingat_sampai_berubah("organisasi")
def _pemegang_per_jabatan(jabatan_ids: frozenset[int], tanggal: date) -> dict[int, Pegawai | None]:
    hasil: dict[int, Pegawai | None] = dict.fromkeys(jabatan_ids)
    if not hasil:
        return hasil
    for p in Pegawai.objects.filter(jabatan_id__in=hasil, aktif=True).select_related("jabatan"):
        hasil[p.jabatan_id] = p
    plt: dict[int, Pegawai] = {}
    # Ascending: when two overlap, the one that started last is kept, as a single lookup would.
    for t in (
        PenugasanSementara.objects.filter(
            jabatan_id__in=hasil, mulai__lte=tanggal, selesai__gte=tanggal
        )
        .select_related("pegawai__jabatan")
        .order_by("mulai", "pk")
    ):
        plt[t.jabatan_id] = t.pegawai
    for jabatan_id, pegawai in plt.items():
        if pegawai.aktif:
            hasil[jabatan_id] = pegawai
    return hasil


def pemegang_jabatan(jabatan: Jabatan, tanggal: date | None = None) -> Pegawai | None:
    """Who acts in a position on a date: the Plt/Plh in force, else the active definitive holder."""
    return pemegang_per_jabatan([jabatan.pk], tanggal)[jabatan.pk]


def pejabat_per_jabatan(
    jabatan_ids: Iterable[int], tanggal: date | None = None, kecuali: int | None = None
) -> dict[int, Pegawai | None]:
    """For each position, who acts in it, or when it is vacant, in the nearest position above
    it that is not (None at the top). `kecuali` (a pegawai id) never counts as the one acting.
    Given the superior positions of many bawahan, this routes all their SKP at once: two or
    three queries per level climbed, not per position."""
    hasil: dict[int, Pegawai | None] = {}
    kini = {j: j for j in jabatan_ids}  # asked-for position -> position looked at now
    dilihat = {j: {j} for j in kini}
    while kini:
        pemegang = pemegang_per_jabatan(set(kini.values()), tanggal)
        lowong: dict[int, int] = {}
        for awal, j in kini.items():
            p = pemegang[j]
            if p is not None and p.pk != kecuali:
                hasil[awal] = p
            else:
                lowong[awal] = j
        if not lowong:
            break
        atasan = dict(
            Jabatan.objects.filter(pk__in=set(lowong.values())).values_list("id", "atasan_id")
        )
        kini = {}
        for awal, j in lowong.items():
            naik = atasan.get(j)
            if naik is None or naik in dilihat[awal]:
                hasil[awal] = None
            else:
                dilihat[awal].add(naik)
                kini[awal] = naik
    return hasil


def atasan_langsung(pegawai: Pegawai, tanggal: date | None = None) -> Pegawai | None:
    """The pejabat penilai: the holder of the superior position (or its Plt/Plh in force).
    When that position is vacant the next position up acts, so nobody is left without one."""
    atasan_id = pegawai.jabatan.atasan_id if pegawai.jabatan_id else None
    if atasan_id is None:
        return None
    return pejabat_per_jabatan([atasan_id], tanggal, kecuali=pegawai.pk)[atasan_id]


def penilai_per_pegawai(
    atasan_per_pegawai: dict[int, int], tanggal: date | None = None
) -> dict[int, Pegawai]:
    """`atasan_langsung` for many pegawai at once, given each one's superior position (pegawai
    id -> jabatan id): pegawai id -> pejabat penilai, absent when there is none. A few queries
    per level climbed, not per pegawai."""
    pejabat = pejabat_per_jabatan(set(atasan_per_pegawai.values()), tanggal)
    hasil = {}
    for pegawai_id, atasan_id in atasan_per_pegawai.items():
        penilai = pejabat[atasan_id]
        if penilai is not None and penilai.pk == pegawai_id:
            # They act in their own superior position (a Plt): nobody rates themself, so theirs
            # is found further up, for them alone.
            penilai = pejabat_per_jabatan([atasan_id], tanggal, kecuali=pegawai_id)[atasan_id]
        if penilai is not None:
            hasil[pegawai_id] = penilai
    return hasil


def rantai_atasan(pegawai: Pegawai, tanggal: date | None = None, batas: int = 2) -> list[Pegawai]:
    """The atasan, the atasan's atasan, ... up to `batas` levels (domain: atasan and their atasan)."""
    rantai: list[Pegawai] = []
    kini = pegawai
    while len(rantai) < batas:
        atasan = atasan_langsung(kini, tanggal)
        if atasan is None or atasan in rantai or atasan.pk == pegawai.pk:
            break
        rantai.append(atasan)
        kini = atasan
    return rantai


def jabatan_dipegang(pegawai: Pegawai, tanggal: date | None = None) -> list[int]:
    """Ids of the positions this person acts in: their own and any Plt/Plh in force."""
    return _jabatan_dipegang(pegawai.pk, pegawai.jabatan_id, tanggal or timezone.localdate())


@diingat
@diingat_sampai_berubah("organisasi")
def _jabatan_dipegang(pegawai_id: int, jabatan_id: int | None, tanggal: date) -> list[int]:
    ids = list(
        PenugasanSementara.objects.filter(
            pegawai_id=pegawai_id, mulai__lte=tanggal, selesai__gte=tanggal
        ).values_list("jabatan_id", flat=True)
    )
    if jabatan_id:
        ids.append(jabatan_id)
    return ids


def bawahan_langsung(
    pegawai: Pegawai, tanggal: date | None = None, jabatan: Iterable[int] | None = None
) -> QuerySet[Pegawai]:
    """Active pegawai whose position sits directly under a position this person acts in.
    `jabatan`: those positions, when the caller already has them from `jabatan_dipegang`."""
    if jabatan is None:
        jabatan = jabatan_dipegang(pegawai, tanggal)
    return _bawahan(pegawai.pk, jabatan).select_related("jabatan__unit_kerja").order_by("nama")


def _bawahan(pegawai_id: int, jabatan: Iterable[int]) -> QuerySet[Pegawai]:
    """The rule of `bawahan_langsung`, for it and for `adalah_atasan`."""
    return Pegawai.objects.filter(aktif=True, jabatan__atasan_id__in=list(jabatan)).exclude(
        pk=pegawai_id
    )


def adalah_atasan(
    pegawai: Pegawai | None, tanggal: date | None = None, jabatan: Iterable[int] | None = None
) -> bool:
    if pegawai is None:
        return False
    if jabatan is None:
        jabatan = jabatan_dipegang(pegawai, tanggal)
    return _ada_bawahan(pegawai.pk, frozenset(jabatan))


@diingat
@diingat_sampai_berubah("organisasi")
def _ada_bawahan(pegawai_id: int, jabatan: frozenset[int]) -> bool:
    return _bawahan(pegawai_id, jabatan).exists()


def daftar_pegawai(instansi_qs: QuerySet[Instansi], cari: str = "") -> QuerySet[Pegawai]:
    """Pegawai of the given instansi for the admin's list, searchable by NIP or name."""
    qs = Pegawai.objects.filter(instansi__in=instansi_qs).select_related(
        "instansi", "jabatan__unit_kerja", "jabatan__atasan__pemangku"
    )
    cari = cari.strip()
    if cari:
        nip = cari.replace(" ", "")
        qs = qs.filter(
            Q(nama__icontains=cari) | Q(nip__startswith=nip)
            if nip.isdigit()
            else Q(nama__icontains=cari)
        )
    return qs.order_by("nama", "nip")


def unit_dan_turunan(unit_ids: list[int]) -> list[int]:
    """The given units and every unit below them, each once. A unit already collected is not
    descended again, so a cycle in the unit tree ends the walk instead of looping forever."""
    hasil = dict.fromkeys(unit_ids)
    lapis = list(hasil)
    while lapis:
        bawah = UnitKerja.objects.filter(induk_id__in=lapis).values_list("pk", flat=True)
        lapis = [u for u in bawah if u not in hasil]
        hasil |= dict.fromkeys(lapis)
    return list(hasil)


def daftar_aktivasi(
    instansi_qs: QuerySet[Instansi],
    *,
    unit_id: int | None = None,
    cari: str = "",
    belum_masuk: bool = False,
) -> QuerySet[Pegawai]:
    """Pegawai for the admin's *Aktivasi Akun* page, with their login: of the given instansi,
    in a unit with its sub-units, by NIP or name, or only those who never signed in."""
    qs = daftar_pegawai(instansi_qs, cari).select_related("user")
    if unit_id is not None:
        qs = qs.filter(jabatan__unit_kerja_id__in=unit_dan_turunan([unit_id]))
    if belum_masuk:
        qs = qs.filter(Q(user__isnull=True) | Q(user__last_login__isnull=True))
    return qs


def boleh_diberi_surat(qs: QuerySet[Pegawai]) -> QuerySet[Pegawai]:
    """Those of `qs` an instansi may give an activation letter: active, and not a login with
    rights of its own (the same rule as `organisasi.akun.kendali_akun`, as a filter)."""
    return (
        qs.filter(aktif=True)
        .exclude(user__is_active=False)
        .exclude(user__is_superuser=True)
        .exclude(user__is_staff=True)
        .exclude(user__admin_instansi__isnull=False)
    )


def surat_terakhir(pegawai_ids: Iterable[int]) -> dict[int, SuratAktivasi]:
    """Each pegawai's latest activation letter, in one query."""
    hasil: dict[int, SuratAktivasi] = {}
    for s in SuratAktivasi.objects.filter(pegawai_id__in=list(pegawai_ids)).order_by(
        "pegawai_id", "-dibuat", "-pk"
    ):
        hasil.setdefault(s.pegawai_id, s)
    return hasil


def daftar_plt(instansi: Instansi) -> QuerySet[PenugasanSementara]:
    """Every Plt/Plh recorded for `instansi`'s positions, the latest start first, with what the
    list shows (position and unit, the person and their own position) in one query."""
    return (
        PenugasanSementara.objects.filter(jabatan__instansi=instansi)
        .select_related("jabatan__unit_kerja", "jabatan__pemangku", "pegawai__jabatan")
        .order_by("-mulai", "-pk")
    )


def jabatan_atasan(instansi: Instansi, cari: str = "") -> QuerySet[Jabatan]:
    """The positions of `instansi` with a position under them: those a Plt/Plh stands in for as
    atasan. `cari` narrows them by the position's or its unit's name or the unit's code."""
    qs = Jabatan.objects.filter(
        Exists(Jabatan.objects.filter(atasan_id=OuterRef("pk"))), instansi=instansi
    )
    cari = cari.strip()
    if cari:
        qs = qs.filter(
            Q(nama__icontains=cari)
            | Q(unit_kerja__nama__icontains=cari)
            | Q(unit_kerja__kode__startswith=cari)
        )
    return qs.select_related("unit_kerja", "pemangku").order_by("unit_kerja__kode", "nama")
