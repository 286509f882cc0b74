"""Umpan balik berkelanjutan: the only writer of UmpanBalik and RiwayatUmpanBalik.

Who gives it (penilaian/access.py decides): on the evaluation page the penilai and the atasan of
the penilai, per RHK, per indicator, on the hasil kerja as a whole and per BerAKHLAK value; on
the colleagues' page rekan kerja of the same unit and bawahan, on the hasil kerja as a whole and
per value only (they never see the SKP). The pegawai answers: a reply (`induk`) makes a short
thread between the pegawai and whoever opened it. Nobody edits someone else's; an edit keeps the
earlier text in RiwayatUmpanBalik.

When (the choice made here): feedback is continuous, so new feedback and replies are accepted at
any time, also after the period's evaluation is final. Editing is refused once the evaluation of
the feedback's period is final (Diterima, Diputuskan, or rated by the atasan of the penilai after
the deadline): the rating rests on what was written then and the signed form shows it; a
correction is written as new feedback or as a reply instead.

Notifications (after commit, in-app and mail): the pegawai on new feedback, the other side of a
thread on a reply; at most one unread notice per person and page, so ten feedbacks written in a
row do not make ten."""

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from organisasi.models import Pegawai
from organisasi.selectors import pegawai_dari_user
from penilaian import access
from penilaian.models import (
    JenisUmpanBalik,
    PenilaianPeriodik,
    PeranPemberi,
    RiwayatUmpanBalik,
    UmpanBalik,
)
from penilaian.periode import periode_berjalan
from penilaian.services import alur
from skp.models import IndikatorKinerja, Notifikasi, PerilakuKerja, RencanaHasilKerja
from skp.services.notifikasi import kabari_tautan

PANJANG_MAKS = 4000
PESAN_KOSONG = "Tulis isi umpan balik."
PESAN_ORANG_LAIN = "Umpan balik orang lain tidak dapat diubah."
PERAN_SEJAWAT = (PeranPemberi.REKAN, PeranPemberi.BAWAHAN)


def periksa_teks(teks: str | None) -> str:
    teks = (teks or "").strip()
    if not teks:
        raise ValidationError({"teks": PESAN_KOSONG})
    if len(teks) > PANJANG_MAKS:
        panjang = f"{len(teks):,}".replace(",", ".")
        raise ValidationError(
            {"teks": f"Umpan balik paling panjang 4.000 karakter (sekarang {panjang})."}
        )
    return teks


def label_pemberi(umpan_balik: UmpanBalik) -> str:
    """ "Pimpinan (Rina Marlina)", "Rekan kerja (Eko Saputra)": the giver's role and name."""
    return f"{umpan_balik.get_peran_display()} ({umpan_balik.pemberi_nama})"


def _sasaran(
    penilaian: PenilaianPeriodik,
    jenis: str,
    rhk: RencanaHasilKerja | None,
    indikator: IndikatorKinerja | None,
    perilaku: PerilakuKerja | None,
) -> dict:
    """What the feedback is about, checked against the SKP evaluated in the period."""
    skp_id = penilaian.skp_id
    if jenis == JenisUmpanBalik.HASIL_KERJA:
        if indikator is not None:
            rhk = indikator.rhk
        if rhk is not None and rhk.skp_id != skp_id:
            raise ValidationError("RHK ini bukan bagian SKP yang dinilai pada periode ini.")
        return {"jenis": jenis, "rhk": rhk, "indikator": indikator}
    if jenis == JenisUmpanBalik.PERILAKU:
        if perilaku is None or perilaku.skp_id != skp_id:
            raise ValidationError("Pilih nilai BerAKHLAK dari SKP yang dinilai pada periode ini.")
        return {"jenis": jenis, "perilaku": perilaku}
    raise ValidationError("Pilih umpan balik atas hasil kerja atau atas perilaku kerja.")


def _nama(user: AbstractBaseUser) -> str:
    pegawai = pegawai_dari_user(user)
    return pegawai.nama_lengkap if pegawai is not None else user.get_username()


def tautan_pegawai(penilaian: PenilaianPeriodik) -> str:
    return reverse("penilaian:detail", args=[penilaian.pk])


def tautan_rekan(pegawai: Pegawai) -> str:
    return reverse("penilaian:umpan_balik_rekan", args=[pegawai.pk])


def _kabari_sekali(penerima: list[AbstractBaseUser | None], tautan: str, judul: str, isi: str):
    daftar = [u for u in penerima if u is not None]
    sudah = set(
        Notifikasi.objects.filter(penerima__in=daftar, tautan=tautan, dibaca=False).values_list(
            "penerima_id", flat=True
        )
    )
    kabari_tautan(
        penerima=[u for u in daftar if u.pk not in sudah], tautan=tautan, judul=judul, isi=isi
    )


def _buat(
    *, user: AbstractBaseUser, penilaian: PenilaianPeriodik, peran: str, teks: str, **sasaran
) -> UmpanBalik:
    ub = UmpanBalik.objects.create(
        pegawai=penilaian.pegawai, skp=penilaian.skp, periode=penilaian.periode,
        pemberi=user, pemberi_nama=_nama(user), peran=peran, teks=teks, **sasaran,
    )  # fmt: skip
    _kabari_sekali(
        [penilaian.pegawai.user],
        tautan_pegawai(penilaian),
        judul=f"Umpan balik baru dari {label_pemberi(ub)}",
        isi=f"{label_pemberi(ub)} memberi umpan balik {penilaian.periode.nama} "
        f"{penilaian.periode.tahun}: {teks[:300]} Anda dapat membalasnya.",
    )
    return ub


@transaction.atomic
def beri(
    *,
    user: AbstractBaseUser,
    penilaian: PenilaianPeriodik,
    jenis: str,
    teks: str,
    rhk: RencanaHasilKerja | None = None,
    indikator: IndikatorKinerja | None = None,
    perilaku: PerilakuKerja | None = None,
) -> UmpanBalik:
    """Feedback written on the evaluation page, counted in that evaluation's period."""
    penilaian = PenilaianPeriodik.objects.select_related(
        "pegawai__user", "pegawai__jabatan", "periode", "skp", "penilai"
    ).get(pk=penilaian.pk)
    peran = access.peran_umpan_balik(user, penilaian)
    if peran is None:
        raise PermissionDenied(access.PESAN_DITOLAK["umpan_balik"])
    if peran == PeranPemberi.PEGAWAI:
        raise PermissionDenied(
            "Anda tidak memberi umpan balik kepada diri sendiri; balas umpan balik yang Anda "
            "terima."
        )
    if peran in PERAN_SEJAWAT and (rhk is not None or indikator is not None):
        raise PermissionDenied(
            "Rekan kerja dan bawahan memberi umpan balik atas hasil kerja secara umum dan atas "
            "nilai BerAKHLAK, tidak per RHK."
        )
    teks = periksa_teks(teks)
    sasaran = _sasaran(penilaian, jenis, rhk, indikator, perilaku)
    return _buat(user=user, penilaian=penilaian, peran=peran, teks=teks, **sasaran)


@transaction.atomic
def beri_rekan(
    *,
    user: AbstractBaseUser,
    pegawai: Pegawai,
    jenis: str,
    teks: str,
    perilaku: PerilakuKerja | None = None,
) -> UmpanBalik:
    """Feedback from a rekan kerja or bawahan on the colleagues' page: on the hasil kerja as a
    whole or on one BerAKHLAK value, counted in the period people work on now. The pegawai's
    evaluation of that period is made if it did not exist yet, so they can read it there."""
    peran = access.peran_rekan(user, pegawai)
    if peran is None:
        raise PermissionDenied(access.PESAN_DITOLAK["umpan_balik"])
    teks = periksa_teks(teks)
    penilaian = alur.pastikan_penilaian(pegawai=pegawai, periode=periode_berjalan(pegawai.instansi))
    sasaran = _sasaran(penilaian, jenis, None, None, perilaku)
    return _buat(user=user, penilaian=penilaian, peran=peran, teks=teks, **sasaran)


@transaction.atomic
def balas(*, user: AbstractBaseUser, umpan_balik: UmpanBalik, teks: str) -> UmpanBalik:
    """A reply in the thread of `umpan_balik` (attached to the thread's first message), by the
    pegawai or by whoever opened the thread; the other side is told."""
    akar = UmpanBalik.objects.select_related("pegawai__user", "periode", "pemberi").get(
        pk=umpan_balik.induk_id or umpan_balik.pk
    )
    pegawai = akar.pegawai
    if not access.boleh_balas_umpan_balik(user, akar, pegawai):
        raise PermissionDenied(
            "Hanya pegawai yang menerima umpan balik ini dan pemberinya yang dapat membalas."
        )
    teks = periksa_teks(teks)
    dari_pegawai = user.pk == pegawai.user_id
    balasan = UmpanBalik.objects.create(
        pegawai=pegawai, skp_id=akar.skp_id, periode=akar.periode, jenis=akar.jenis,
        rhk_id=akar.rhk_id, indikator_id=akar.indikator_id, perilaku_id=akar.perilaku_id,
        induk=akar, pemberi=user, pemberi_nama=_nama(user),
        peran=PeranPemberi.PEGAWAI if dari_pegawai else akar.peran, teks=teks,
    )  # fmt: skip
    penilaian = PenilaianPeriodik.objects.filter(pegawai=pegawai, periode=akar.periode).first()
    if dari_pegawai:
        penerima = akar.pemberi
        tautan = (
            tautan_rekan(pegawai)
            if akar.peran in PERAN_SEJAWAT or penilaian is None
            else tautan_pegawai(penilaian)
        )
    else:
        penerima = pegawai.user
        tautan = tautan_pegawai(penilaian) if penilaian is not None else ""
    if penerima is not None and tautan:
        _kabari_sekali(
            [penerima],
            tautan,
            judul=f"{balasan.pemberi_nama} membalas umpan balik",
            isi=f"{balasan.pemberi_nama}: {teks[:300]}",
        )
    return balasan


@transaction.atomic
def ubah(*, user: AbstractBaseUser, umpan_balik: UmpanBalik, teks: str) -> UmpanBalik:
    """The giver changes their own text; the earlier one is kept in RiwayatUmpanBalik."""
    ub = UmpanBalik.objects.select_for_update().get(pk=umpan_balik.pk)
    if not (user.is_authenticated and ub.pemberi_id == user.pk):
        raise PermissionDenied(PESAN_ORANG_LAIN)
    penilaian = PenilaianPeriodik.objects.filter(
        pegawai_id=ub.pegawai_id, periode_id=ub.periode_id
    ).first()
    if access.penilaian_final(penilaian):
        raise ValidationError(
            f"Penilaian {penilaian.periode.nama} {penilaian.periode.tahun} sudah final "
            f"({penilaian.get_status_display()}), sehingga umpan balik periode itu tidak dapat "
            "diubah lagi. Tulis umpan balik baru atau balasan bila perlu."
        )
    teks = periksa_teks(teks)
    if teks == ub.teks:
        return ub  # nothing changed (or a double click): no history row
    RiwayatUmpanBalik.objects.create(umpan_balik=ub, teks=ub.teks)
    ub.teks = teks
    ub.diubah = timezone.now()
    ub.save(update_fields=["teks", "diubah"])
    return ub
