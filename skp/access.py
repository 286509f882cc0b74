"""The only place that decides who may see or do what with an SKP.

Seeing an SKP (`visible_skps`; everybody else gets a 404: they cannot even tell it exists):
- its owner;
- the pegawai's atasan and the atasan's atasan, by position as it is today: whoever acts
  (holder, or Plt/Plh in force) in the first and in the second filled position above the
  pegawai's position. A vacant position is skipped, as the workflow skips it to find the
  penilai; the search looks at most four positions up (the Kotak Masuk reaches three). Without
  an assignment by the admin, the first of them is the pejabat penilai in force
  (`selectors.penilai_aktif`), the second that penilai's atasan;
- the penilai the admin assigned (`penilai_ditetapkan`, then the penilai in force) and the
  atasan of that person (whoever acts in the superior position of their position);
- the penilai who approved this version (`penilai` of an SKP Disetujui or Diganti): they keep
  reading the document they signed after they move. That gives nothing to their atasan: who that
  was at approval is not recorded, and whoever is above them now has no part in it;
- the admin of the SKP's instansi, and a superuser.
So visibility follows positions, never where a person recorded on an SKP has moved since: after
a transfer the new atasan sees the SKP at once, and the old one keeps only the versions they
approved (not a draft or a submission made to them, nor any later version); the pegawai's
new chain sees their earlier SKP too, as it sees everything the pegawai submits. The chain is a
fixed number of positions up (`pegawai_dalam_rantai`), so a cycle in the position tree cannot
make it loop.
"""

from collections.abc import Iterable
from datetime import date

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from core import versi
from core.memo import diingat
from core.versi import diingat_sampai_berubah
from organisasi.models import AdminInstansi, Jabatan, Pegawai, PenugasanSementara
from organisasi.selectors import adalah_atasan, jabatan_dipegang, pegawai_dari_user
from skp.models import STATUS_DAPAT_DIUBAH, STATUS_TERBIT, RiwayatStatus, Skp, StatusSkp
from skp.selectors import penilai_aktif
from skp.workflow import TRANSISI

Pengguna = AbstractBaseUser | AnonymousUser

# The atasan writes Ekspektasi Khusus Pimpinan while the SKP is being agreed, including while it
# waits for their approval; never on an approved or replaced one.
STATUS_EKSPEKTASI = frozenset({StatusSkp.DRAF, StatusSkp.DIAJUKAN, StatusSkp.DIKEMBALIKAN})

AKSI_SKP = {
    "lihat",
    "ubah",
    "isi_ekspektasi",
    *TRANSISI,
    "alihkan_penilai",
    "tandai_komentar",
    "balas_komentar",
    "hapus_draf",
}
AKSI_UMUM = {"buat_skp", "lihat_bawahan"}


# How many positions above the pegawai's the chain looks for its first two filled ones.
KEDALAMAN_RANTAI = 4


def _dalam_rantai(jabatan: list[int], ke_pegawai: str = "") -> Q:
    """The pegawai (reached from the queried model by `ke_pegawai`, "" for Pegawai itself)
    whose first or second filled position above, within KEDALAMAN_RANTAI, is one of `jabatan`:
    a plain `IN` over `pegawai_dalam_rantai`."""
    ids = pegawai_dalam_rantai(jabatan)
    if not ke_pegawai:
        return Q(pk__in=ids)
    return Q(**{f"{ke_pegawai.removesuffix('__')}_id__in": ids})


def pegawai_dalam_rantai(jabatan: Iterable[int], tanggal: date | None = None) -> frozenset[int]:
    """Ids of the pegawai (active or not) whose first or second filled position above, within
    KEDALAMAN_RANTAI positions, is one of `jabatan`. A position counts as filled for a pegawai
    when someone other than that pegawai acts in it on `tanggal` (today): an active holder, or
    an active Plt/Plh in force; a pegawai never acts as their own atasan.

    Worked out from three plain queries (the positions below with their four superiors, their
    holders, the Plt/Plh in force) instead of one rule of nested EXISTS joins: the rule cost
    more to build and compile on every page than the data it reads. Once per GET request
    (core/memo.py), then kept until the organisation changes (core/versi.py)."""
    return _pegawai_dalam_rantai(frozenset(jabatan), tanggal or timezone.localdate())


@diingat
@diingat_sampai_berubah("organisasi")
def _pegawai_dalam_rantai(jabatan: frozenset[int], tanggal: date) -> frozenset[int]:
    if not jabatan:
        return frozenset()
    naik_kolom = ["atasan_id"] + [
        "atasan__" * k + "atasan__atasan_id" for k in range(KEDALAMAN_RANTAI - 1)
    ]
    syarat = Q(pk__in=[])
    for kolom in naik_kolom:
        syarat |= Q(**{f"{kolom}__in": jabatan})
    # Each position below (up to four levels) with its superiors: naik[0] its atasan, ...
    naik = {pk: atas for pk, *atas in Jabatan.objects.filter(syarat).values_list("pk", *naik_kolom)}
    if not naik:
        return frozenset()
    pemegang: dict[int, list[tuple[int, bool]]] = {}
    for pk, jabatan_id, aktif in Pegawai.objects.filter(jabatan_id__in=naik).values_list(
        "pk", "jabatan_id", "aktif"
    ):
        pemegang.setdefault(jabatan_id, []).append((pk, aktif))
    plt: dict[int, set[int]] = {}
    for jabatan_id, pegawai_id in PenugasanSementara.objects.filter(
        jabatan_id__in=naik, mulai__lte=tanggal, selesai__gte=tanggal, pegawai__aktif=True
    ).values_list("jabatan_id", "pegawai_id"):
        plt.setdefault(jabatan_id, set()).add(pegawai_id)

    def terisi(posisi: int | None, pemilik: int) -> bool:
        if posisi is None:
            return False
        return any(pk != pemilik and aktif for pk, aktif in pemegang.get(posisi, ())) or any(
            pk != pemilik for pk in plt.get(posisi, ())
        )

    hasil = set()
    for posisi, atas in naik.items():
        for pemilik, _aktif in pemegang.get(posisi, ()):
            for k, posisi_atas in enumerate(atas):
                # Acting k positions up counts while at most one of the positions below is
                # filled (the first and second filled positions above are the chain).
                if posisi_atas in jabatan and sum(terisi(p, pemilik) for p in atas[:k]) <= 1:
                    hasil.add(pemilik)
                    break
    return frozenset(hasil)


def visible_skps(user: Pengguna, jabatan: Iterable[int] | None = None) -> QuerySet[Skp]:
    """Every SKP `user` may read (the rule is in the module docstring), as one queryset: no
    per-row checks. `jabatan`: the positions the user acts in, when the caller already has them
    (`jabatan_dipegang`, `Peran.jabatan`); else one query finds them."""
    if not user.is_authenticated or not user.is_active:
        return Skp.objects.none()
    if user.is_superuser:
        return Skp.objects.all()
    syarat = Q(instansi__in=AdminInstansi.objects.filter(user=user).values("instansi_id"))
    pegawai = pegawai_dari_user(user)
    if pegawai is not None:
        jabatan = list(jabatan_dipegang(pegawai) if jabatan is None else jabatan)
        syarat |= (
            Q(pegawai=pegawai)
            | _dalam_rantai(jabatan, "pegawai__")
            | Q(penilai_ditetapkan=pegawai)
            | Q(penilai_ditetapkan__jabatan__atasan_id__in=jabatan)
            | Q(penilai=pegawai, status__in=STATUS_TERBIT)
        )
    return Skp.objects.filter(syarat)


def visible_pegawai(user: Pengguna, jabatan: Iterable[int] | None = None) -> QuerySet[Pegawai]:
    """The pegawai all of whose SKP `user` may read by the rule of `visible_skps`, whatever the
    SKP: themselves, those whose chain the user's positions are in, everyone of an instansi
    they administer. (One SKP of someone else may still be visible through its assigned or
    approving penilai: `visible_skps` decides for an SKP.) `jabatan` as for `visible_skps`."""
    if not user.is_authenticated or not user.is_active:
        return Pegawai.objects.none()
    if user.is_superuser:
        return Pegawai.objects.all()
    syarat = Q(instansi__in=AdminInstansi.objects.filter(user=user).values("instansi_id"))
    pegawai = pegawai_dari_user(user)
    if pegawai is not None:
        jabatan = list(jabatan_dipegang(pegawai) if jabatan is None else jabatan)
        syarat |= Q(pk=pegawai.pk) | _dalam_rantai(jabatan)
    return Pegawai.objects.filter(syarat)


def get_skp_for_user(user: Pengguna, pk: int) -> Skp:
    if not user.is_authenticated or not user.is_active:
        raise Http404("SKP tidak ditemukan.")
    # The owner reading their own SKP is most page views: the first condition of the rule,
    # answered by a plain lookup instead of the whole rule's query (which costs more to build
    # than to run). Everyone else goes through `visible_skps`.
    # (get() rather than first(): no ORDER BY to build and plan for a single row.)
    try:
        return Skp.objects.select_related("pegawai", "penilai").get(pk=pk, pegawai__user_id=user.pk)
    except Skp.DoesNotExist:
        skp = visible_skps(user).select_related("pegawai", "penilai").filter(pk=pk).first()
    if skp is None:
        raise Http404("SKP tidak ditemukan.")
    return skp


def get_skp_untuk_dibaca(user: Pengguna, pk: int) -> Skp:
    """`get_skp_for_user` for the SKP page as read (its kept page, not a write): the row is
    kept until the SKP, its content or the organisation changes (an RHK edit bumps the row's
    `revisi` under "kinerja"). Per viewer with their superuser flag, and per day, as a Plt's
    sight of their bawahan's SKP ends at midnight without any write. A 404 is never kept (its
    Http404 passes through `ingat`): someone trying id after id fills no cache."""
    if not user.is_authenticated or not user.is_active:
        raise Http404("SKP tidak ditemukan.")
    return versi.ingat(
        ("skp_dibaca", pk, user.pk, user.is_superuser, timezone.localdate()),
        ("skp", "kinerja", "organisasi"),
        lambda: get_skp_for_user(user, pk),
    )


def _pemilik(user: Pengguna, skp: Skp) -> bool:
    return user.is_authenticated and skp.pegawai.user_id == user.pk


def can(user: Pengguna, aksi: str, skp: Skp | None = None) -> bool:
    """May `user` do `aksi` (on `skp` for the SKP actions)?"""
    if aksi in AKSI_UMUM:
        pegawai = pegawai_dari_user(user)
        if pegawai is None or not user.is_active:
            return False
        if aksi == "buat_skp":
            return pegawai.aktif and pegawai.jabatan_id is not None
        return adalah_atasan(pegawai)
    if aksi not in AKSI_SKP:
        raise ValueError(f"Aksi tidak dikenal: {aksi}")
    if skp is None or not user.is_authenticated or not user.is_active:
        return False
    if aksi == "ubah":
        return _pemilik(user, skp) and skp.status in STATUS_DAPAT_DIUBAH
    if aksi in TRANSISI:
        # The state first: it is on the row, while finding the penilai takes queries.
        return skp.status in TRANSISI[aksi].dari and boleh_peran(user, aksi, skp)
    if aksi == "alihkan_penilai":
        return skp.status in STATUS_MENUNGGU and (
            user.is_superuser
            or AdminInstansi.objects.filter(user=user, instansi_id=skp.instansi_id).exists()
        )
    if aksi == "tandai_komentar":
        return _pemilik(user, skp) and skp.status in STATUS_DAPAT_DIUBAH
    if aksi == "balas_komentar":
        # A comment's thread is between the pegawai and the penilai in force, while the SKP is
        # being agreed (the comments are shown only then).
        return skp.status in STATUS_MENUNGGU and (_pemilik(user, skp) or adalah_penilai(user, skp))
    if aksi == "hapus_draf":
        return _pemilik(user, skp) and alasan_tidak_dapat_dihapus(skp) == ""
    if aksi == "isi_ekspektasi":
        # The same person who approves (a Plt, a new atasan, the one the admin assigned), not
        # the penilai recorded when the SKP was created.
        return skp.status in STATUS_EKSPEKTASI and adalah_penilai(user, skp)
    return _pemilik(user, skp) or visible_skps(user).filter(pk=skp.pk).exists()


# A pending SKP (not yet approved) may be given another penilai by the admin.
STATUS_MENUNGGU = frozenset({StatusSkp.DRAF, StatusSkp.DIAJUKAN, StatusSkp.DIKEMBALIKAN})


def adalah_penilai(user: Pengguna, skp: Skp) -> bool:
    """Is `user` the pejabat penilai of `skp` now? Never the SKP's own pegawai."""
    pegawai = pegawai_dari_user(user)
    if pegawai is None or pegawai.pk == skp.pegawai_id:
        return False
    penilai = penilai_aktif(skp)
    return penilai is not None and penilai.pk == pegawai.pk


def alasan_tidak_dapat_dihapus(skp: Skp) -> str:
    """Why the owner may not delete `skp` ("" when they may). Only a first version still Draf
    that was never submitted goes: anything submitted is part of the record, and a revision
    is a new version of an agreed SKP, which stays in force meanwhile. (Bawahan who intervene
    its RHK may still block it: the service checks that on the locked rows.)"""
    if skp.status not in STATUS_DAPAT_DIUBAH:
        return (
            f"SKP berstatus {skp.get_status_display()} tidak dapat dihapus. Hanya draf SKP "
            "yang belum pernah diajukan yang dapat dihapus."
        )
    if skp.versi > 1:
        return (
            f"Draf ini adalah revisi (versi {skp.versi}) dari SKP yang sudah disetujui dan tidak "
            f"dapat dihapus. Lanjutkan revisi ini lalu ajukan; versi {skp.versi - 1} tetap "
            "berlaku sampai revisi disetujui."
        )
    if (
        skp.status == StatusSkp.DIKEMBALIKAN
        or RiwayatStatus.objects.filter(skp=skp, aksi="ajukan").exists()
    ):
        return (
            "SKP ini sudah pernah diajukan kepada pejabat penilai sehingga tercatat dalam riwayat "
            "dan tidak dapat dihapus. Perbaiki isinya lalu ajukan kembali."
        )
    return ""


# Who performs the actions the services check person-first: the workflow's table, and deleting
# a first draft (no transition: the SKP is gone).
PELAKU = {aksi: t.pelaku for aksi, t in TRANSISI.items()} | {"hapus_draf": "pemilik"}


def boleh_peran(user: Pengguna, aksi: str, skp: Skp) -> bool:
    """The person part of a workflow action, whatever the SKP's state: the services check the
    person first (403) and then the state (an Indonesian message saying why)."""
    if not user.is_authenticated or not user.is_active:
        return False
    pelaku = PELAKU[aksi]
    if pelaku == "pemilik":
        return _pemilik(user, skp)
    if pelaku == "penilai":
        return adalah_penilai(user, skp)
    if pelaku == "pemilik_atau_penilai":
        return _pemilik(user, skp) or adalah_penilai(user, skp)
    return False


PESAN_DITOLAK = {
    "ajukan": "Hanya pegawai pemilik SKP yang dapat mengajukannya.",
    "kembalikan": "Hanya pejabat penilai kinerja SKP ini yang dapat mengembalikannya.",
    "setujui": "Hanya pejabat penilai kinerja SKP ini yang dapat menyetujuinya. Tidak ada yang "
    "dapat menyetujui SKP-nya sendiri.",
    "tarik": "Hanya pegawai pemilik SKP yang dapat menarik kembali pengajuannya.",
    "buka_revisi": "Revisi hanya dapat dibuka oleh pegawai pemilik SKP atau pejabat penilainya.",
    "alihkan_penilai": "Hanya admin instansi yang dapat mengalihkan pejabat penilai, dan hanya "
    "untuk SKP yang belum disetujui.",
    "tandai_komentar": "Hanya pemilik SKP yang menandai komentar, selama SKP dapat diubah.",
    "balas_komentar": "Hanya pegawai pemilik SKP dan pejabat penilainya yang dapat membalas "
    "komentar, selama SKP belum disetujui.",
    "hapus_draf": "Hanya pegawai pemilik SKP yang dapat menghapus drafnya.",
    "ubah": "Hanya pemilik SKP yang dapat mengubahnya, dan hanya selama berstatus Draf atau "
    "Dikembalikan.",
    "isi_ekspektasi": "Ekspektasi khusus hanya diisi oleh pejabat penilai kinerja SKP ini.",
    "buat_skp": "Akun Anda belum terhubung dengan data pegawai yang memiliki jabatan. Hubungi "
    "admin kepegawaian instansi Anda.",
    "lihat_bawahan": "Halaman ini untuk pejabat yang memiliki bawahan.",
}


def require(user: Pengguna, aksi: str, skp: Skp | None = None) -> None:
    if not can(user, aksi, skp):
        raise PermissionDenied(PESAN_DITOLAK.get(aksi, "Anda tidak berwenang melakukan ini."))
