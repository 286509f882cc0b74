"""The periodic evaluation's workflow: the only writer of `PenilaianPeriodik.status`. Each action
locks the row, checks the person, the state and the calendar on the fresh row (core.alur with
penilaian/workflow.py's table), writes a RiwayatPenilaian row and notifies after the commit, as
the SKP approval does."""

import logging
from functools import partial

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from core import alur
from organisasi.models import Pegawai
from organisasi.selectors import pegawai_dari_user
from penilaian import access
from penilaian.kuadran import Predikat, Rating, predikat
from penilaian.models import (
    JenisUmpanBalik,
    PenilaianPeriodik,
    Periode,
    RiwayatPenilaian,
    StatusPenilaian,
    UmpanBalik,
)
from penilaian.periode import tidak_dinilai
from penilaian.selectors import (
    atasan_penilai,
    penilai_periode,
    skp_untuk_periode,
    umpan_balik_penilai,
)
from penilaian.services.penetapan import buka_kembali_bila_berubah
from penilaian.workflow import TRANSISI, alasan_ditolak
from skp.services.notifikasi import kabari_tautan
from skp.workflow import kalimat

logger = logging.getLogger(__name__)

PESAN_KEDALUWARSA = (
    "Penilaian ini sudah diubah di tab atau perangkat lain. Muat ulang halaman untuk melihat "
    "versi terbaru."
)


def tautan(penilaian: PenilaianPeriodik) -> str:
    return reverse("penilaian:detail", args=[penilaian.pk])


@transaction.atomic
def pastikan_penilaian(*, pegawai: Pegawai, periode: Periode) -> PenilaianPeriodik:
    """The evaluation of `pegawai` in `periode`, created on first need against the SKP in force.
    Refused (ValidationError) without an approved SKP, or in a span where the pegawai is not
    evaluated (CLTN, suspended, MPP)."""
    ada = PenilaianPeriodik.objects.filter(pegawai=pegawai, periode=periode).first()
    if ada is not None:
        return ikuti_skp_berlaku(ada)
    if periode.instansi_id != pegawai.instansi_id:
        raise ValidationError("Periode ini bukan milik instansi pegawai.")
    masa = tidak_dinilai(pegawai, periode)
    if masa is not None:
        raise ValidationError(
            f"{pegawai.nama_lengkap} tidak dinilai pada {periode.nama} {periode.tahun} "
            f"({masa.get_jenis_display()})."
        )
    skp = skp_untuk_periode(pegawai, periode)
    if skp is None:
        raise ValidationError(
            f"Belum ada SKP tahun {periode.tahun} yang disetujui untuk {pegawai.nama_lengkap}: "
            "penilaian dilakukan atas SKP yang sudah disetujui."
        )
    try:
        with transaction.atomic():
            return PenilaianPeriodik.objects.create(pegawai=pegawai, periode=periode, skp=skp)
    except IntegrityError:  # made meanwhile by a second request
        return PenilaianPeriodik.objects.get(pegawai=pegawai, periode=periode)


def ikuti_skp_berlaku(penilaian: PenilaianPeriodik) -> PenilaianPeriodik:
    """An evaluation nobody has worked on yet (no realisasi, bukti dukung or umpan balik, no
    penilai recorded) follows the SKP in force for its period: a pegawai who moved after it was
    made (a page opened early in the period) is evaluated on the new position's SKP, by its
    penilai, with no averaging of the two (domain: mutasi). Recorded in its history."""
    if penilaian.status != StatusPenilaian.BELUM_DIISI or penilaian.penilai_id:
        return penilaian
    skp = skp_untuk_periode(penilaian.pegawai, penilaian.periode)
    if skp is None or skp.pk == penilaian.skp_id:
        return penilaian
    if (
        penilaian.realisasi.exists()
        or penilaian.bukti.exists()
        or UmpanBalik.objects.filter(
            pegawai_id=penilaian.pegawai_id, periode_id=penilaian.periode_id
        ).exists()
    ):
        return penilaian
    with transaction.atomic():
        kini = PenilaianPeriodik.objects.select_for_update().get(pk=penilaian.pk)
        if kini.status != StatusPenilaian.BELUM_DIISI or kini.skp_id != penilaian.skp_id:
            return kini
        lama = kini.skp
        kini.skp = skp
        kini.revisi += 1
        kini.save(update_fields=["skp", "revisi", "diubah"])
        RiwayatPenilaian.objects.create(
            penilaian=kini, aksi="ikuti_skp", dari=kini.status, ke=kini.status,
            catatan=f"Dinilai atas SKP versi {skp.versi} ({skp.pegawai_jabatan}) yang berlaku "
            f"pada akhir periode, menggantikan versi {lama.versi} ({lama.pegawai_jabatan}).",
            data={"skp_lama": lama.pk, "skp_baru": skp.pk},
        )  # fmt: skip
    return kini


def _kunci(
    user: AbstractBaseUser, penilaian_id: int, aksi: str, revisi: int | None
) -> PenilaianPeriodik:
    penilaian = alur.kunci(
        PenilaianPeriodik.objects.select_related("pegawai__user", "pegawai__jabatan", "periode", "penilai"),
        penilaian_id,
        aksi=aksi, tabel=TRANSISI,
        boleh=lambda p: access.boleh_peran(user, aksi, p),
        pesan_ditolak=access.PESAN_DITOLAK[aksi],
        alasan_status=alasan_ditolak, revisi=revisi, pesan_kedaluwarsa=PESAN_KEDALUWARSA,
    )  # fmt: skip
    alasan = access.alasan_waktu(aksi, penilaian)
    if alasan:
        raise alur.StatusTidakSesuai(alasan)
    return penilaian


def _pindah(
    penilaian: PenilaianPeriodik,
    *,
    aksi: str,
    user: AbstractBaseUser,
    catatan: str = "",
    data: dict | None = None,
    **kolom: object,
) -> RiwayatPenilaian:
    return alur.pindah(
        penilaian, aksi=aksi, tabel=TRANSISI, user=user, catatan=catatan,
        riwayat=partial(RiwayatPenilaian.objects.create, penilaian=penilaian, data=data),
        **kolom,
    )  # fmt: skip


def _user(pegawai: Pegawai | None) -> AbstractBaseUser | None:
    return pegawai.user if pegawai is not None and pegawai.user_id else None


def _judul(penilaian: PenilaianPeriodik) -> str:
    return f"{penilaian.periode.nama} {penilaian.periode.tahun}"


@transaction.atomic
def kirim(*, user: AbstractBaseUser, penilaian: PenilaianPeriodik, revisi: int | None = None):
    """The pegawai sends the period's realisasi to the penilai (who is recorded now)."""
    penilaian = _kunci(user, penilaian.pk, "kirim", revisi)
    penilai = penilai_periode(penilaian)
    if penilai is None:
        raise ValidationError(
            "Pejabat penilai Anda belum dapat ditentukan. Minta admin kepegawaian melengkapi "
            "atasan jabatan Anda."
        )
    if not penilaian.realisasi.exists():
        raise ValidationError("Isi realisasi paling sedikit satu indikator sebelum mengirim.")
    _pindah(penilaian, aksi="kirim", user=user, penilai=penilai, dikirim_pada=timezone.now())
    kabari_tautan(
        penerima=[_user(penilai)],
        tautan=tautan(penilaian),
        judul=f"Realisasi {_judul(penilaian)} {penilaian.pegawai.nama_lengkap} menunggu penilaian",
        isi=f"{kalimat(penilaian.pegawai.nama_lengkap)} mengirim realisasi dan bukti dukung "
        f"{_judul(penilaian)}. Beri umpan balik lalu nilai hasil kerja dan perilaku kerjanya "
        f"paling lambat {penilaian.periode.tenggat:%d-%m-%Y}.",
    )
    return penilaian


def umpan_balik_kurang(penilaian: PenilaianPeriodik, pemberi_ids: list[int]) -> list[str]:
    """What is missing before a rating: umpan balik from the rater's side on the hasil kerja and
    on the perilaku kerja in this period (domain: the penilai gives it at least at the period's
    evaluation)."""
    jenis = umpan_balik_penilai(penilaian.periode_id, [penilaian.pegawai_id], pemberi_ids).get(
        penilaian.pegawai_id, set()
    )
    kurang = []
    if JenisUmpanBalik.HASIL_KERJA not in jenis:
        kurang.append("Tulis umpan balik atas hasil kerja (RHK) pegawai pada periode ini.")
    if JenisUmpanBalik.PERILAKU not in jenis:
        kurang.append("Tulis umpan balik atas perilaku kerja (nilai BerAKHLAK) pada periode ini.")
    return kurang


def _periksa_rating(rating_hasil_kerja: str, rating_perilaku: str) -> str:
    galat = {}
    if rating_hasil_kerja not in Rating.values:
        galat["rating_hasil_kerja"] = "Pilih rating hasil kerja."
    if rating_perilaku not in Rating.values:
        galat["rating_perilaku"] = "Pilih rating perilaku kerja."
    if galat:
        raise ValidationError(galat)
    return predikat(rating_hasil_kerja, rating_perilaku)


def _data_rating(penilaian: PenilaianPeriodik, hasil: str, perilaku: str, pred: str) -> dict:
    return {
        "sebelum": {
            "rating_hasil_kerja": penilaian.rating_hasil_kerja,
            "rating_perilaku": penilaian.rating_perilaku,
            "predikat": penilaian.predikat,
        },
        "sesudah": {"rating_hasil_kerja": hasil, "rating_perilaku": perilaku, "predikat": pred},
    }


def _setelah_dinilai(penilaian_pk: int) -> None:
    """After the commit: the signed evaluation form is issued by the background worker. Should
    the queue be unreachable, nothing is lost: the first download issues it."""
    from penilaian import dokumen

    try:
        dokumen.terbitkan_di_latar.enqueue(penilaian_pk)
    except Exception:
        logger.exception("Penerbitan dokumen penilaian %s tidak dapat diantrekan.", penilaian_pk)


@transaction.atomic
def nilai(
    *,
    user: AbstractBaseUser,
    penilaian: PenilaianPeriodik,
    rating_hasil_kerja: str,
    rating_perilaku: str,
    catatan: str = "",
    revisi: int | None = None,
    oleh_atasan: bool = False,
) -> PenilaianPeriodik:
    """The penilai rates (or changes their rating until the pegawai acts); with `oleh_atasan`
    the atasan of the penilai rates after the penilai's deadline, and that result is final."""
    aksi = "nilai_atasan" if oleh_atasan else "nilai"
    penilaian = _kunci(user, penilaian.pk, aksi, None)
    pred = _periksa_rating(rating_hasil_kerja, rating_perilaku)
    if penilaian.status == StatusPenilaian.DINILAI and (
        penilaian.rating_hasil_kerja,
        penilaian.rating_perilaku,
        penilaian.catatan_penilai,
    ) == (rating_hasil_kerja, rating_perilaku, catatan.strip()):
        # A double click: nothing changed, no second history row or document. Checked before
        # the page's revisi, which the first click's save has already moved on.
        return penilaian
    if revisi is not None and revisi != penilaian.revisi:
        raise alur.Kedaluwarsa(PESAN_KEDALUWARSA)
    kurang = umpan_balik_kurang(penilaian, [user.pk])
    if kurang:
        raise ValidationError(["Penilaian belum dapat disimpan.", *kurang], code="umpan_balik")
    penilai = pegawai_dari_user(user)
    data = _data_rating(penilaian, rating_hasil_kerja, rating_perilaku, pred)
    predikat_lama = penilaian.predikat
    _pindah(
        penilaian, aksi=aksi, user=user, data=data,
        catatan=f"Predikat: {Predikat(pred).label}.",
        rating_hasil_kerja=rating_hasil_kerja, rating_perilaku=rating_perilaku, predikat=pred,
        catatan_penilai=catatan.strip(), dinilai_oleh=penilai, dinilai_pada=timezone.now(),
        oleh_atasan_penilai=oleh_atasan,
        **({} if penilaian.penilai_id else {"penilai": penilai_periode(penilaian)}),
    )  # fmt: skip
    buka_kembali_bila_berubah(
        penilaian=penilaian, predikat_lama=predikat_lama, user=user, sebab="penilaian diubah"
    )
    kabari_tautan(
        penerima=[penilaian.pegawai.user],
        tautan=tautan(penilaian),
        judul=f"Hasil penilaian {_judul(penilaian)} Anda: {Predikat(pred).label}",
        isi=f"{kalimat(penilai.nama_lengkap)} menilai kinerja {_judul(penilaian)} Anda"
        + (" sebagai atasan pejabat penilai (final)." if oleh_atasan else ".")
        + " Baca umpan baliknya, lalu terima hasilnya atau ajukan keberatan dalam 14 hari kerja."
        * (not oleh_atasan),
    )
    transaction.on_commit(partial(_setelah_dinilai, penilaian.pk))
    return penilaian


@transaction.atomic
def terima(*, user: AbstractBaseUser, penilaian: PenilaianPeriodik) -> PenilaianPeriodik:
    penilaian = _kunci(user, penilaian.pk, "terima", None)
    _pindah(penilaian, aksi="terima", user=user, diterima_pada=timezone.now())
    return penilaian


@transaction.atomic
def ajukan_keberatan(
    *, user: AbstractBaseUser, penilaian: PenilaianPeriodik, alasan: str
) -> PenilaianPeriodik:
    """The pegawai objects to the rating, with a reason, within 14 working days: the atasan of
    the penilai decides within 7."""
    penilaian = _kunci(user, penilaian.pk, "keberatan", None)
    alasan = alasan.strip()
    if not alasan:
        raise ValidationError({"alasan": "Tuliskan alasan keberatan Anda."})
    atasan = atasan_penilai(penilaian)
    if atasan is None:
        raise ValidationError(
            "Atasan pejabat penilai Anda belum dapat ditentukan, sehingga keberatan belum dapat "
            "diajukan. Hubungi admin kepegawaian."
        )
    _pindah(penilaian, aksi="keberatan", user=user, catatan=alasan,
            keberatan_alasan=alasan, keberatan_pada=timezone.now())  # fmt: skip
    kabari_tautan(
        penerima=[_user(atasan), _user(penilai_periode(penilaian))],
        tautan=tautan(penilaian),
        judul=f"Keberatan atas penilaian {_judul(penilaian)} {penilaian.pegawai.nama_lengkap}",
        isi=f"Alasan: {alasan} Atasan pejabat penilai memutuskan dalam 7 hari kerja: "
        "menetapkan atau mengubah rating.",
    )
    return penilaian


@transaction.atomic
def putuskan(
    *,
    user: AbstractBaseUser,
    penilaian: PenilaianPeriodik,
    rating_hasil_kerja: str,
    rating_perilaku: str,
    catatan: str,
) -> PenilaianPeriodik:
    """The atasan of the penilai confirms or changes the ratings, with a note; the evaluation
    form is issued again as a new version."""
    penilaian = _kunci(user, penilaian.pk, "putuskan", None)
    pred = _periksa_rating(rating_hasil_kerja, rating_perilaku)
    catatan = catatan.strip()
    if not catatan:
        raise ValidationError({"catatan": "Tuliskan dasar keputusan atas keberatan ini."})
    berubah = (rating_hasil_kerja, rating_perilaku) != (
        penilaian.rating_hasil_kerja,
        penilaian.rating_perilaku,
    )
    data = _data_rating(penilaian, rating_hasil_kerja, rating_perilaku, pred)
    predikat_lama = penilaian.predikat
    _pindah(
        penilaian, aksi="putuskan", user=user, data=data, catatan=catatan,
        rating_hasil_kerja=rating_hasil_kerja, rating_perilaku=rating_perilaku, predikat=pred,
        keputusan_catatan=catatan, diputuskan_oleh=pegawai_dari_user(user),
        diputuskan_pada=timezone.now(),
    )  # fmt: skip
    buka_kembali_bila_berubah(
        penilaian=penilaian, predikat_lama=predikat_lama, user=user, sebab="keberatan diputuskan"
    )
    kabari_tautan(
        penerima=[penilaian.pegawai.user, _user(penilai_periode(penilaian))],
        tautan=tautan(penilaian),
        judul=f"Keberatan {_judul(penilaian)} diputuskan: {Predikat(pred).label}",
        isi=("Rating diubah. " if berubah else "Rating ditetapkan tanpa perubahan. ")
        + f"Catatan: {catatan}",
    )
    transaction.on_commit(partial(_setelah_dinilai, penilaian.pk))
    return penilaian


def wajib_pegawai(user: AbstractBaseUser) -> Pegawai:
    pegawai = pegawai_dari_user(user)
    if pegawai is None:
        raise PermissionDenied("Akun Anda belum terhubung dengan data pegawai.")
    return pegawai
