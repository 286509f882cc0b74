"""Penetapan predikat: the only writer of PenetapanPredikat.status (through core.alur with the
table in penilaian/penetapan.py). Confirming locks the unit, checks the leader, the state, the
ratings and the pattern on fresh data, writes the history row and reserves the document of the
new version in one transaction; the PDF is rendered and signed after it (a failure only delays
it: the first download issues it). A predikat that changes afterwards re-opens the penetapan
(`buka_kembali_bila_berubah`, called by the rating and keberatan moves)."""

import logging
from functools import partial

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from core import alur
from core.pdf import tanggal_indonesia
from organisasi.models import UnitKerja
from organisasi.selectors import pegawai_dari_user
from penilaian import access
from penilaian import penetapan as aturan
from penilaian.capaian import pimpinan_unit
from penilaian.kuadran import Predikat
from penilaian.models import (
    DokumenPenetapan,
    PenetapanPredikat,
    PenilaianPeriodik,
    Periode,
    RiwayatPenetapan,
)
from skp.services.notifikasi import kabari_tautan

logger = logging.getLogger(__name__)

PESAN_KEDALUWARSA = (
    "Halaman penetapan ini sudah berubah (predikat diubah atau sudah ditetapkan di tab lain). "
    "Muat ulang halaman untuk melihat keadaan terbaru."
)
PESAN_BUKAN_PIMPINAN = (
    "Hanya pimpinan satu tingkat di atas kepala unit (atau Plt/Plh-nya) yang menetapkan "
    "predikat pegawai unit ini."
)


def tautan(penetapan: PenetapanPredikat) -> str:
    return reverse("penilaian:penetapan", args=[penetapan.unit_kerja_id, penetapan.periode_id])


def _baris_penetapan(unit: UnitKerja, periode: Periode) -> PenetapanPredikat:
    try:
        with transaction.atomic():
            return PenetapanPredikat.objects.get_or_create(unit_kerja=unit, periode=periode)[0]
    except IntegrityError:  # made meanwhile by a request that did not wait on the unit
        return PenetapanPredikat.objects.get(unit_kerja=unit, periode=periode)


@transaction.atomic
def _tetapkan(
    *, user: AbstractBaseUser, unit_kerja: UnitKerja, periode: Periode, revisi: int | None
) -> DokumenPenetapan:
    # One writer per unit at a time (as the capaian): a double click waits, then finds it done.
    UnitKerja.objects.select_for_update().get(pk=unit_kerja.pk)
    if not access.boleh_tetapkan_predikat(user, unit_kerja):
        raise PermissionDenied(PESAN_BUKAN_PIMPINAN)
    penetapan = _baris_penetapan(unit_kerja, periode)
    penetapan = alur.kunci(
        PenetapanPredikat.objects.all(), penetapan.pk, aksi="tetapkan", tabel=aturan.TRANSISI,
        boleh=lambda p: True, pesan_ditolak=PESAN_BUKAN_PIMPINAN,
        alasan_status=aturan.alasan_ditolak, revisi=revisi, pesan_kedaluwarsa=PESAN_KEDALUWARSA,
    )  # fmt: skip
    halaman = aturan.halaman_penetapan(unit_kerja, periode)
    kurang = halaman.alasan_tidak_dapat()
    if kurang:
        raise ValidationError(["Predikat belum dapat ditetapkan.", *kurang])
    pelaku = pegawai_dari_user(user)
    waktu = timezone.now()
    nama = pelaku.nama_lengkap if pelaku else user.get_username()
    isi = aturan.isi_dokumen(halaman, pimpinan=pelaku, nama_pelaku=nama, waktu=waktu)
    versi = penetapan.versi + 1
    riwayat = alur.pindah(
        penetapan, aksi="tetapkan", tabel=aturan.TRANSISI, user=user,
        catatan=f"Versi {versi}: {isi['jumlah']} pegawai, pola "
        + ("sesuai." if isi["sesuai"] else f"tidak sesuai (alasan: {isi['alasan_pola']})."),
        riwayat=partial(RiwayatPenetapan.objects.create, penetapan=penetapan,
                        data={"versi": versi, "predikat": {str(p["penilaian"]): p["predikat"] for p in isi["pegawai"]}}),
        versi=versi, capaian=isi["capaian"], sesuai=isi["sesuai"], alasan_pola=isi["alasan_pola"],
        ditetapkan_oleh=user, ditetapkan_oleh_nama=nama, ditetapkan_pada=waktu,
    )  # fmt: skip
    return DokumenPenetapan.objects.create(
        penetapan=penetapan, versi=versi, riwayat=riwayat, isi=isi
    )


def tetapkan_predikat(
    *,
    user: AbstractBaseUser,
    unit_kerja: UnitKerja,
    periode: Periode,
    revisi: int | None = None,
) -> DokumenPenetapan:
    """The leader confirms the predikat of the unit's pegawai for the period as a new version.
    Refused (ValidationError, nothing written) before the rating window opens, while a pegawai
    is unrated (named), without the unit's capaian, or with a pattern that does not fit and no
    reason recorded; PermissionDenied for anyone but the leader."""
    if periode.instansi_id != unit_kerja.instansi_id:
        raise ValidationError("Periode ini bukan periode instansi unit kerja tersebut.")
    if timezone.localdate() < periode.buka:
        raise ValidationError(
            f"Penilaian {periode} belum dibuka (mulai {tanggal_indonesia(periode.buka)}): "
            "predikat baru dapat ditetapkan setelah pegawai dinilai."
        )
    dokumen = _tetapkan(user=user, unit_kerja=unit_kerja, periode=periode, revisi=revisi)
    try:
        dokumen = aturan.terbitkan(dokumen)
    except ImproperlyConfigured as e:  # no certificate yet: the first download retries
        logger.warning("Dokumen penetapan %s belum diterbitkan: %s", dokumen.pk, e)
    except Exception:
        logger.exception("Dokumen penetapan %s belum dapat diterbitkan.", dokumen.pk)
    return dokumen


def buka_kembali_bila_berubah(
    *, penilaian: PenilaianPeriodik, predikat_lama: str, user: AbstractBaseUser, sebab: str
) -> PenetapanPredikat | None:
    """Inside the rating's transaction: when the predikat of an evaluation changed after the
    predikat of its unit was confirmed, the penetapan is re-opened (history row) and its leader
    told after the commit. Returns the re-opened penetapan, else None."""
    if predikat_lama == penilaian.predikat or not predikat_lama:
        return None
    unit = aturan.unit_untuk_penilaian(penilaian)
    if unit is None:
        return None
    penetapan = (
        PenetapanPredikat.objects.select_for_update()
        .filter(unit_kerja=unit, periode_id=penilaian.periode_id)
        .first()
    )
    if penetapan is None or penetapan.status != aturan.S.DITETAPKAN:
        return None
    nama = penilaian.pegawai.nama_lengkap
    catatan = (
        f"Predikat {nama} berubah dari {Predikat(predikat_lama).label} menjadi "
        f"{Predikat(penilaian.predikat).label} ({sebab}) setelah predikat unit ditetapkan "
        f"(versi {penetapan.versi}). Tetapkan kembali untuk menerbitkan versi baru."
    )
    alur.pindah(
        penetapan, aksi="buka_kembali", tabel=aturan.TRANSISI, user=user, catatan=catatan,
        riwayat=partial(RiwayatPenetapan.objects.create, penetapan=penetapan,
                        data={"penilaian": penilaian.pk, "sebelum": predikat_lama,
                              "sesudah": penilaian.predikat}),
        dibuka_catatan=catatan, dibuka_pada=timezone.now(),
    )  # fmt: skip
    pimpinan = pimpinan_unit(unit)
    penerima = {
        u.pk: u for u in (penetapan.ditetapkan_oleh, pimpinan.user if pimpinan else None) if u
    }
    kabari_tautan(
        penerima=penerima.values(),
        tautan=tautan(penetapan),
        judul=f"Penetapan predikat {unit.nama} {penilaian.periode} dibuka kembali",
        isi=catatan,
    )
    return penetapan
