"""The only place that decides who may see or do what in the periodic evaluation.

Seeing an evaluation (its realisasi, bukti dukung files, umpan balik, ratings and documents):
whoever may see the SKP it evaluates (skp.access: the owner, the atasan chain, the admin of the
instansi), plus the penilai recorded on it and whoever rated it or decided its keberatan (who
may since have moved), and whoever acts on it now as penilai or atasan of the penilai (found
past vacant positions, further up than the SKP's atasan chain). Everybody else gets a 404.

Doing: the owner fills realisasi and sends it while the window is open, acknowledges or objects;
the penilai of the period rates until the deadline (the pegawai's own, when the admin extended
it for them); after it, the atasan of the penilai rates instead (final); the atasan of the
penilai decides a keberatan. Nobody rates themself, and nobody rates a pegawai in a span of CLTN,
suspension or masa persiapan pensiun."""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import F, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from organisasi.models import AdminInstansi, Pegawai
from organisasi.selectors import adalah_atasan, pegawai_dari_user
from penilaian.models import PenilaianPeriodik
from penilaian.periode import (
    KalenderPegawai,
    batas_keberatan,
    kalender_pegawai,
)
from penilaian.selectors import atasan_penilai, penilai_periode
from penilaian.workflow import STATUS_ISI, TRANSISI, alasan_ditolak
from skp import access as skp_access

Pengguna = AbstractBaseUser | AnonymousUser

AKSI = {"lihat", "isi_realisasi", "umpan_balik", *TRANSISI}


def visible_penilaian(user: Pengguna) -> QuerySet[PenilaianPeriodik]:
    """Every evaluation `user` may read, as one queryset."""
    if not user.is_authenticated or not user.is_active:
        return PenilaianPeriodik.objects.none()
    if user.is_superuser:
        return PenilaianPeriodik.objects.all()
    syarat = Q(skp__in=skp_access.visible_skps(user).values("pk"))
    pegawai = pegawai_dari_user(user)
    if pegawai is not None:
        syarat |= Q(penilai=pegawai) | Q(dinilai_oleh=pegawai) | Q(diputuskan_oleh=pegawai)
    return PenilaianPeriodik.objects.filter(syarat)


def get_penilaian_for_user(user: Pengguna, pk: int) -> PenilaianPeriodik:
    penilaian = (
        PenilaianPeriodik.objects.select_related(
            "pegawai__user", "pegawai__jabatan", "periode", "skp", "penilai"
        )
        .filter(pk=pk)
        .first()
    )
    if penilaian is None or not boleh_lihat(user, penilaian):
        raise Http404("Penilaian tidak ditemukan.")
    return penilaian


def boleh_lihat(user: Pengguna, penilaian: PenilaianPeriodik) -> bool:
    """`visible_penilaian`, and whoever acts on it: the penilai or their atasan found by
    climbing past vacant positions (further than the SKP's atasan chain reaches) may always
    read what they rate or decide."""
    if visible_penilaian(user).filter(pk=penilaian.pk).exists():
        return True
    return adalah_penilai(user, penilaian) or adalah_atasan_penilai(user, penilaian)


def _pemilik(user: Pengguna, penilaian: PenilaianPeriodik) -> bool:
    return user.is_authenticated and penilaian.pegawai.user_id == user.pk


def adalah_penilai(user: Pengguna, penilaian: PenilaianPeriodik) -> bool:
    pegawai = pegawai_dari_user(user)
    if pegawai is None or pegawai.pk == penilaian.pegawai_id:
        return False
    penilai = penilai_periode(penilaian)
    return penilai is not None and penilai.pk == pegawai.pk


def adalah_atasan_penilai(user: Pengguna, penilaian: PenilaianPeriodik) -> bool:
    pegawai = pegawai_dari_user(user)
    if pegawai is None or pegawai.pk == penilaian.pegawai_id:
        return False
    atasan = atasan_penilai(penilaian)
    return atasan is not None and atasan.pk == pegawai.pk


def admin_instansi(user: Pengguna, instansi_id: int) -> bool:
    return user.is_authenticated and (
        user.is_superuser
        or AdminInstansi.objects.filter(user=user, instansi_id=instansi_id).exists()
    )


def boleh_peran(user: Pengguna, aksi: str, penilaian: PenilaianPeriodik) -> bool:
    """The person part of an action, whatever the state (services check it first: 403)."""
    if not user.is_authenticated or not user.is_active:
        return False
    pelaku = TRANSISI[aksi].pelaku if aksi in TRANSISI else "pemilik"
    if pelaku == "pemilik":
        return _pemilik(user, penilaian)
    if pelaku == "penilai":
        return adalah_penilai(user, penilaian)
    if pelaku == "atasan_penilai":
        return adalah_atasan_penilai(user, penilaian)
    return False


def alasan_waktu(
    aksi: str, penilaian: PenilaianPeriodik, kalender: KalenderPegawai | None = None
) -> str:
    """Why the calendar forbids `aksi` now ("" when it allows it), in Indonesian. `kalender`:
    the pegawai's span not evaluated and last day, when the caller has it for many at once."""
    periode = penilaian.periode
    hari_ini = timezone.localdate()
    if aksi not in ("isi_realisasi", "kirim", "nilai", "nilai_atasan", "keberatan"):
        return ""
    if aksi != "keberatan" and kalender is None:
        kalender = kalender_pegawai(periode, penilaian.pegawai)
    if aksi in ("isi_realisasi", "kirim"):
        if kalender.masa:
            return f"Anda tidak dinilai pada periode {periode.nama} {periode.tahun}."
        if hari_ini < periode.buka:
            return f"Pengisian realisasi {periode.nama} dibuka mulai {periode.buka:%d-%m-%Y}."
        if hari_ini > kalender.batas:
            return (
                f"Batas waktu pengisian realisasi {periode.nama} sudah lewat. Minta admin "
                "kepegawaian membuka kembali pengisian untuk Anda."
            )
    if aksi in ("nilai", "nilai_atasan") and kalender.masa:
        return f"{penilaian.pegawai.nama_lengkap} tidak dinilai pada periode {periode.nama}."
    if aksi in ("nilai", "nilai_atasan"):
        # A pegawai whose window the admin reopened may send late: their penilai then has
        # until the same day, and the atasan of the penilai takes over only after it.
        tenggat = kalender.batas
        if aksi == "nilai" and hari_ini < periode.buka:
            return f"Penilaian {periode.nama} baru dapat dilakukan mulai {periode.buka:%d-%m-%Y}."
        if aksi == "nilai" and hari_ini > tenggat:
            return (
                f"Batas waktu penilaian {periode.nama} sudah lewat; kini atasan pejabat penilai "
                "yang menilai."
            )
        if aksi == "nilai_atasan" and hari_ini <= tenggat:
            return (
                "Atasan pejabat penilai baru dapat menilai setelah batas waktu pejabat penilai "
                f"lewat ({tenggat:%d-%m-%Y})."
            )
    if aksi == "keberatan":
        if penilaian.oleh_atasan_penilai:
            return "Penilaian oleh atasan pejabat penilai setelah batas waktu bersifat final."
        batas = batas_keberatan(penilaian)
        if batas is not None:
            if hari_ini > batas:
                return (
                    "Keberatan hanya dapat diajukan paling lambat 14 hari kerja setelah "
                    f"penilaian ({batas:%d-%m-%Y})."
                )
    return ""


def can(user: Pengguna, aksi: str, penilaian: PenilaianPeriodik) -> bool:
    if aksi not in AKSI:
        raise ValueError(f"Aksi tidak dikenal: {aksi}")
    if not user.is_authenticated or not user.is_active:
        return False
    if aksi == "lihat":
        return boleh_lihat(user, penilaian)
    if aksi == "isi_realisasi":
        return (
            _pemilik(user, penilaian)
            and penilaian.status in STATUS_ISI
            and not alasan_waktu(aksi, penilaian)
        )
    if aksi == "umpan_balik":
        return peran_umpan_balik(user, penilaian) is not None
    return (
        boleh_peran(user, aksi, penilaian)
        and penilaian.status in TRANSISI[aksi].dari
        and not alasan_waktu(aksi, penilaian)
    )


def peran_umpan_balik(user: Pengguna, penilaian: PenilaianPeriodik) -> str | None:
    """As whom `user` may give umpan balik to the pegawai (None: they may not). The owner only
    answers. Peers in the same unit and bawahan give feedback too (without seeing the SKP: they
    comment on the hasil kerja as a whole and on the BerAKHLAK values)."""
    from penilaian.models import PeranPemberi

    pegawai = pegawai_dari_user(user)
    if pegawai is None or not user.is_active:
        return None
    if pegawai.pk == penilaian.pegawai_id:
        return PeranPemberi.PEGAWAI
    if adalah_penilai(user, penilaian):
        return PeranPemberi.PENILAI
    if adalah_atasan_penilai(user, penilaian):
        return PeranPemberi.ATASAN_PENILAI
    return peran_sejawat(pegawai, penilaian.pegawai)


def peran_sejawat(pemberi: Pegawai, pegawai: Pegawai) -> str | None:
    """Rekan kerja (active, same unit kerja) or bawahan (whose superior position is the
    pegawai's), else None."""
    from penilaian.models import PeranPemberi

    if not pemberi.aktif or not pemberi.jabatan_id or not pegawai.jabatan_id:
        return None
    if pemberi.jabatan.atasan_id == pegawai.jabatan_id:
        return PeranPemberi.BAWAHAN
    if pemberi.jabatan.unit_kerja_id == pegawai.jabatan.unit_kerja_id:
        return PeranPemberi.REKAN
    return None


PESAN_DITOLAK = {
    "kirim": "Hanya pegawai yang dinilai yang dapat mengirim realisasinya.",
    "isi_realisasi": "Hanya pegawai yang dinilai yang mengisi realisasi dan bukti dukungnya.",
    "nilai": "Hanya pejabat penilai kinerja periode ini yang dapat menilai. Tidak ada yang dapat "
    "menilai dirinya sendiri.",
    "nilai_atasan": "Hanya atasan pejabat penilai yang dapat menilai setelah batas waktu lewat.",
    "terima": "Hanya pegawai yang dinilai yang dapat menerima hasil penilaiannya.",
    "keberatan": "Hanya pegawai yang dinilai yang dapat mengajukan keberatan.",
    "putuskan": "Hanya atasan pejabat penilai yang dapat memutuskan keberatan.",
    "umpan_balik": "Anda tidak dapat memberi umpan balik kepada pegawai ini.",
}


def require(user: Pengguna, aksi: str, penilaian: PenilaianPeriodik) -> None:
    if not can(user, aksi, penilaian):
        raise PermissionDenied(PESAN_DITOLAK.get(aksi, "Anda tidak berwenang melakukan ini."))


def boleh_lihat_pegawai(user: Pengguna, pegawai: Pegawai) -> bool:
    """May `user` open the evaluation pages of `pegawai` (any period)? The same rule as seeing
    their SKP: the owner, the atasan chain, the admin of the instansi."""
    return _sama(user, pegawai) or skp_access.visible_skps(user).filter(pegawai=pegawai).exists()


def _sama(user: Pengguna, pegawai: Pegawai) -> bool:
    return user.is_authenticated and pegawai.user_id == user.pk


# --- realisasi, bukti dukung and rencana aksi (the pegawai's side) ---------------------------


def pemilik(user: Pengguna, penilaian: PenilaianPeriodik) -> bool:
    """The pegawai being evaluated: the only one who fills realisasi and bukti dukung."""
    return _pemilik(user, penilaian)


def alasan_tidak_dapat_isi(penilaian: PenilaianPeriodik) -> str:
    """Why the owner may not change realisasi or bukti dukung now ("" when they may): the state
    (the penilai has rated) or the calendar (window not open yet, or closed)."""
    from penilaian.workflow import ALASAN_STATUS

    if penilaian.status not in STATUS_ISI:
        return (
            f"{ALASAN_STATUS[penilaian.status]} Realisasi dan bukti dukung tidak dapat diubah lagi."
        )
    return alasan_waktu("isi_realisasi", penilaian)


def get_bukti_for_user(user: Pengguna, pk: int):
    """A bukti dukung of an evaluation `user` may see (its file included), else 404: seeing
    and downloading evidence is the same right as seeing the evaluation ("lihat")."""
    from penilaian.models import BuktiDukung

    bukti = (
        BuktiDukung.objects.filter(pk=pk, penilaian__in=visible_penilaian(user).values("pk"))
        .select_related("penilaian")
        .first()
    )
    if bukti is None:
        raise Http404("Bukti dukung tidak ditemukan.")
    return bukti


def can_ubah_rencana_aksi(user: Pengguna, skp) -> bool:
    """Rencana aksi are the owner's, on an SKP in force (approved): a draft is still being
    agreed, and a replaced version is a record."""
    from skp.models import StatusSkp

    return (
        user.is_authenticated
        and user.is_active
        and skp.pegawai.user_id == user.pk
        and skp.status == StatusSkp.DISETUJUI
    )


def boleh_buka_penilaian_bawahan(user: Pengguna) -> bool:
    """The Penilaian Bawahan page: for a pegawai who has bawahan now (an atasan, Plt/Plh
    included) or who is recorded as the penilai of an evaluation (and may since have moved)."""
    pegawai = pegawai_dari_user(user)
    if pegawai is None or not user.is_active:
        return False
    return adalah_atasan(pegawai) or PenilaianPeriodik.objects.filter(penilai=pegawai).exists()


def require_penilaian_bawahan(user: Pengguna) -> None:
    if not boleh_buka_penilaian_bawahan(user):
        raise PermissionDenied(
            "Halaman Penilaian Bawahan untuk pejabat penilai: Anda tidak memiliki bawahan yang "
            "Anda nilai."
        )


def alasan_tidak_dapat_dinilai(
    aksi: str, penilaian: PenilaianPeriodik, kalender: KalenderPegawai | None = None
) -> str:
    """Why `aksi` ("nilai", or "nilai_atasan" for the atasan of a late penilai) cannot be done
    on `penilaian` now, once the person is known to be the right one (the Penilaian Bawahan
    page finds the penilai of all its rows at once): the state, then the calendar. "" when it
    can; the service checks everything again on the locked row."""
    if penilaian.oleh_atasan_penilai:
        return "Dinilai oleh atasan pejabat penilai setelah batas waktu: hasilnya final."
    if penilaian.status not in TRANSISI[aksi].dari:
        return alasan_ditolak(aksi, penilaian.status)
    return alasan_waktu(aksi, penilaian, kalender)


# --- umpan balik -----------------------------------------------------------------------------


def penilaian_final(penilaian: PenilaianPeriodik | None) -> bool:
    """The evaluation's result stands: acknowledged, a keberatan decided, or rated by the atasan
    of the penilai after the deadline."""
    from penilaian.models import StatusPenilaian

    if penilaian is None:
        return False
    return penilaian.status in (StatusPenilaian.DITERIMA, StatusPenilaian.DIPUTUSKAN) or (
        penilaian.status == StatusPenilaian.DINILAI and penilaian.oleh_atasan_penilai
    )


def boleh_ubah_umpan_balik(user: Pengguna, umpan_balik, final: bool) -> bool:
    """Only the giver edits their own umpan balik (or reply), and not once the evaluation of its
    period is final (the rating rests on it)."""
    return user.is_authenticated and umpan_balik.pemberi_id == user.pk and not final


def boleh_balas_umpan_balik(user: Pengguna, akar, pegawai: Pegawai) -> bool:
    """A thread is between the pegawai and whoever opened it."""
    return user.is_authenticated and user.pk in (pegawai.user_id, akar.pemberi_id)


def peran_rekan(user: Pengguna, pegawai: Pegawai) -> str | None:
    """As whom `user` gives umpan balik to `pegawai` on the colleagues' page, which shows none of
    the pegawai's SKP: rekan kerja or bawahan (`peran_sejawat`). None for the pegawai themself,
    for another instansi, and for their atasan and the atasan's atasan (by position, Plt/Plh
    included), who share the unit but write as pimpinan on the evaluation page."""
    from organisasi.selectors import jabatan_dipegang

    pemberi = pegawai_dari_user(user)
    if pemberi is None or not user.is_active:
        return None
    return peran_rekan_dari(pemberi, pegawai, set(jabatan_dipegang(pemberi)))


def peran_rekan_dari(pemberi: Pegawai, pegawai: Pegawai, dipegang: set[int]) -> str | None:
    """`peran_rekan` given the positions the giver acts in (for a whole list at once: load
    `jabatan__atasan` of the pegawai)."""
    if pemberi.pk == pegawai.pk or pemberi.instansi_id != pegawai.instansi_id:
        return None
    peran = peran_sejawat(pemberi, pegawai)
    if peran is None:
        return None
    atasan = pegawai.jabatan.atasan
    if atasan is not None and (atasan.pk in dipegang or atasan.atasan_id in dipegang):
        return None
    return peran


def halaman_umpan_balik(user: Pengguna, umpan_balik) -> PenilaianPeriodik | None:
    """Where `user` reads this umpan balik: the evaluation page of its pegawai and period (the
    PenilaianPeriodik) when they may see it, else None for the colleague who opened its thread
    (their own page). Anyone else gets a 404: peers see only their own threads."""
    penilaian = (
        PenilaianPeriodik.objects.select_related(
            "pegawai__user", "pegawai__jabatan", "periode", "skp", "penilai"
        )
        .filter(pegawai_id=umpan_balik.pegawai_id, periode_id=umpan_balik.periode_id)
        .first()
    )
    if penilaian is not None and boleh_lihat(user, penilaian):
        return penilaian
    akar = umpan_balik.induk or umpan_balik
    if user.is_authenticated and akar.pemberi_id == user.pk:
        return None
    raise Http404("Umpan balik tidak ditemukan.")


# --- capaian kinerja organisasi --------------------------------------------------------------


def memimpin_unit(user: Pengguna, unit) -> bool:  # noqa: ANN001
    """The user acts in the position one level above the unit head's."""
    from penilaian.capaian import pimpinan_unit

    pegawai = pegawai_dari_user(user)
    if pegawai is None or pegawai.instansi_id != unit.instansi_id:
        return False
    pimpinan = pimpinan_unit(unit)
    return pimpinan is not None and pimpinan.pk == pegawai.pk


def boleh_tetapkan_capaian(user: Pengguna, unit) -> bool:  # noqa: ANN001
    """The leader of the unit from above, or the admin of its instansi on their behalf."""
    if not user.is_authenticated or not user.is_active:
        return False
    return memimpin_unit(user, unit) or admin_instansi(user, unit.instansi_id)


def boleh_buka_capaian(user: Pengguna) -> bool:
    """The page "Capaian Kinerja Organisasi": for those who lead a unit from above and admins."""
    from penilaian.capaian import unit_dipimpin

    if not user.is_authenticated or not user.is_active:
        return False
    if AdminInstansi.objects.filter(user=user).exists():
        return True
    pegawai = pegawai_dari_user(user)
    return pegawai is not None and bool(unit_dipimpin(pegawai))


def require_buka_capaian(user: Pengguna) -> None:
    if not boleh_buka_capaian(user):
        raise PermissionDenied(
            "Halaman Capaian Kinerja Organisasi untuk pimpinan satu tingkat di atas kepala unit "
            "dan admin instansi."
        )


# --- penetapan predikat ----------------------------------------------------------------------


def boleh_tetapkan_predikat(user: Pengguna, unit) -> bool:  # noqa: ANN001
    """Only the leader of the unit from above (Plt/Plh included) confirms its predikat: the
    admin may enter a capaian on their behalf, but the confirmation is the leader's own."""
    return user.is_authenticated and user.is_active and memimpin_unit(user, unit)


def boleh_lihat_penetapan(user: Pengguna, unit) -> bool:  # noqa: ANN001
    """The leader of the unit from above and the admin of its instansi. Nobody else: the page
    lists every pegawai's ratings (a pegawai sees only their own, on Penilaian Saya)."""
    if not user.is_authenticated or not user.is_active:
        return False
    return memimpin_unit(user, unit) or admin_instansi(user, unit.instansi_id)


def get_unit_penetapan_for_user(user: Pengguna, unit_pk: int):  # noqa: ANN201
    """The unit of a penetapan page: 404 outside the user's instansi, 403 inside it for whoever
    neither leads it from above nor administers the instansi."""
    from organisasi.models import UnitKerja

    unit = UnitKerja.objects.select_related("instansi").filter(pk=unit_pk).first()
    if unit is None:
        raise Http404("Unit kerja tidak ditemukan.")
    pegawai = pegawai_dari_user(user)
    sendiri = pegawai is not None and pegawai.instansi_id == unit.instansi_id
    if not (sendiri or admin_instansi(user, unit.instansi_id)):
        raise Http404("Unit kerja tidak ditemukan.")
    if not boleh_lihat_penetapan(user, unit):
        raise PermissionDenied(
            f"Penetapan predikat {unit.nama} hanya untuk pimpinan satu tingkat di atas kepala "
            "unitnya dan admin instansi."
        )
    return unit


# --- Dokumen Evaluasi Kinerja Pegawai, its bulk export and the TPP export --------------------


def get_dokumen_evaluasi_for_user(user: Pengguna, pk: int) -> PenilaianPeriodik:
    """The evaluation whose Dokumen Evaluasi `user` may download: the pegawai, their penilai
    chain (the penilai, the atasan of the penilai, the atasan above them) and the admin of the
    instansi: the same people who may see the evaluation. Anyone else gets a 404."""
    return get_penilaian_for_user(user, pk)


def unit_ekspor(user: Pengguna):  # noqa: ANN201 - QuerySet[UnitKerja]
    """The units whose Dokumen Evaluasi and TPP list `user` may export for a period: every unit
    of the instansi they administer, and the units they lead (as unit head, Plt/Plh included,
    or as the leader one level above the unit head who sets its capaian)."""
    from organisasi.models import UnitKerja
    from organisasi.selectors import jabatan_dipegang
    from penilaian.capaian import unit_dipimpin

    if not user.is_authenticated or not user.is_active:
        return UnitKerja.objects.none()
    if user.is_superuser:
        return UnitKerja.objects.all()
    syarat = Q(instansi__in=AdminInstansi.objects.filter(user=user).values("instansi"))
    pegawai = pegawai_dari_user(user)
    if pegawai is not None:
        from organisasi.models import Jabatan

        dipegang = jabatan_dipegang(pegawai)
        # The unit head: a position of the unit whose superior sits outside it (or none).
        dipimpin = (
            Jabatan.objects.filter(pk__in=dipegang)
            .filter(Q(atasan__isnull=True) | ~Q(atasan__unit_kerja_id=F("unit_kerja_id")))
            .values("unit_kerja_id")
        )
        syarat |= Q(pk__in=dipimpin) | Q(pk__in=[u.pk for u in unit_dipimpin(pegawai)])
    return UnitKerja.objects.filter(syarat)


def boleh_ekspor_instansi(user: Pengguna, instansi_id: int) -> bool:
    """The whole instansi at once (no unit chosen): its admin only."""
    return admin_instansi(user, instansi_id)


def boleh_buka_ekspor(user: Pengguna) -> bool:
    return unit_ekspor(user).exists()


def require_buka_ekspor(user: Pengguna) -> None:
    if not boleh_buka_ekspor(user):
        raise PermissionDenied(
            "Ekspor dokumen evaluasi dan data TPP untuk admin instansi dan pimpinan unit kerja."
        )
