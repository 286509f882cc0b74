"""Read queries about the organisation: who is whose atasan, who administers what."""

from datetime import date

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Q, QuerySet
from django.utils import timezone

from organisasi.models import AdminInstansi, Instansi, Jabatan, Pegawai, PenugasanSementara


def pegawai_dari_user(user: AbstractBaseUser | AnonymousUser) -> Pegawai | None:
    if not user.is_authenticated:
        return None
    try:
        return user.pegawai
    except Pegawai.DoesNotExist:
        return None


def instansi_dikelola(user: AbstractBaseUser | AnonymousUser) -> QuerySet[Instansi]:
    """The instansi whose data this user administers (all of them for a superuser)."""
    if not user.is_authenticated or not user.is_active:
        return Instansi.objects.none()
    if user.is_superuser:
        return Instansi.objects.all()
    return Instansi.objects.filter(
        pk__in=AdminInstansi.objects.filter(user=user).values("instansi_id")
    )


def pemegang_jabatan(jabatan: Jabatan, tanggal: date | None = None) -> Pegawai | None:
    """Who acts in a position on a date: the Plt/Plh in force, else the active definitive holder."""
    tanggal = tanggal or timezone.localdate()
    plt = (
        PenugasanSementara.objects.filter(jabatan=jabatan, mulai__lte=tanggal, selesai__gte=tanggal)
        .select_related("pegawai")
        .order_by("-mulai")
        .first()
    )
    if plt and plt.pegawai.aktif:
        return plt.pegawai
    pemangku = Pegawai.objects.filter(jabatan=jabatan, aktif=True).first()
    return pemangku


def atasan_langsung(pegawai: Pegawai, tanggal: date | None = None) -> Pegawai | None:
    """The pejabat penilai: the holder of the superior position (or its Plt/Plh in force).
    When that position is vacant the next position up acts, so nobody is left without one."""
    jabatan = pegawai.jabatan.atasan if pegawai.jabatan_id else None
    dilihat: set[int] = set()
    while jabatan is not None and jabatan.pk not in dilihat:
        dilihat.add(jabatan.pk)
        pemegang = pemegang_jabatan(jabatan, tanggal)
        if pemegang is not None and pemegang.pk != pegawai.pk:
            return pemegang
        jabatan = jabatan.atasan
    return None


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
    tanggal = tanggal or timezone.localdate()
    ids = list(
        PenugasanSementara.objects.filter(
            pegawai=pegawai, mulai__lte=tanggal, selesai__gte=tanggal
        ).values_list("jabatan_id", flat=True)
    )
    if pegawai.jabatan_id:
        ids.append(pegawai.jabatan_id)
    return ids


def bawahan_langsung(pegawai: Pegawai, tanggal: date | None = None) -> QuerySet[Pegawai]:
    """Active pegawai whose position sits directly under a position this person acts in."""
    return (
        Pegawai.objects.filter(
            aktif=True, jabatan__atasan_id__in=jabatan_dipegang(pegawai, tanggal)
        )
        .exclude(pk=pegawai.pk)
        .select_related("jabatan__unit_kerja")
        .order_by("nama")
    )


def adalah_atasan(pegawai: Pegawai | None, tanggal: date | None = None) -> bool:
    return pegawai is not None and bawahan_langsung(pegawai, tanggal).exists()


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
