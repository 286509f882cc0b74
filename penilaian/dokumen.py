"""The signed evaluation form (Format C.1.x), issued through core.dokumen (the one mechanism for
every signed document) and verified through the same public page and `verifikasi_pdf` as the SKP.
Registered as a kind of signed document in PenilaianConfig.ready().

A new version is issued for every rating: when the penilai rates, changes the rating, when the
atasan of the penilai rates after the deadline, and when a keberatan is decided. Each version
records the history row of the move it shows, so a double click, a retry or two requests at once
never issue two documents for one rating. Issuing runs after the move commits; a failure only
delays it: the first download issues the document."""

import logging
import re
from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import ImproperlyConfigured
from django.db import IntegrityError, transaction
from django.db.models import Max, QuerySet
from django_tasks import task

from core import dokumen as dokumen_bertanda
from core.pdf import tanggal_indonesia
from organisasi.nip import format_nip, samarkan_nip
from penilaian.cetak import nama_pegawai, render_pdf
from penilaian.kuadran import Predikat
from penilaian.models import (
    DokumenEvaluasi,
    DokumenPenilaian,
    PenilaianPeriodik,
    RiwayatPenilaian,
)

logger = logging.getLogger(__name__)

# The moves that set a rating: each gets its own version of the form.
AKSI_RATING = ("nilai", "nilai_atasan", "putuskan")


class BelumDinilai(ValueError):
    """No rating yet: there is no evaluation form to issue."""


def rating_terakhir(penilaian: PenilaianPeriodik) -> RiwayatPenilaian | None:
    """The history row of the move that set the current rating."""
    return (
        RiwayatPenilaian.objects.filter(penilaian=penilaian, aksi__in=AKSI_RATING)
        .select_related("oleh__pegawai")
        .order_by("-pk")
        .first()
    )


def nama_berkas(penilaian: PenilaianPeriodik, versi: int) -> str:
    """ "<NIP>_<tahun>_<periode>_v<versi>.pdf", e.g. 199001012015031001_2026_triwulan-i_v1.pdf."""
    periode = re.sub(r"[^a-z0-9]+", "-", penilaian.periode.nama.lower()).strip("-")
    return f"{penilaian.pegawai.nip}_{penilaian.periode.tahun}_{periode}_v{versi}.pdf"


def _penilaian() -> QuerySet[PenilaianPeriodik]:
    return PenilaianPeriodik.objects.select_related(
        "pegawai", "periode__instansi", "skp", "penilai", "dinilai_oleh", "diputuskan_oleh"
    )


def cadangkan(
    penilaian_pk: int,
    model: type[DokumenPenilaian | DokumenEvaluasi] = DokumenPenilaian,
    belum: str = "Periode ini belum dinilai: belum ada formulir evaluasi kinerja.",
):
    """The evaluation as it is now and the document row (of `model`: the evaluation form or
    the Dokumen Evaluasi, each versioned per rating) of its current rating: found, or reserved
    now as the next version. Under the evaluation's row lock, so versions follow the order of
    the ratings and the evaluation read is the state of that rating."""
    with transaction.atomic():
        penilaian = _penilaian().select_for_update(of=("self",)).get(pk=penilaian_pk)
        riwayat = rating_terakhir(penilaian) if penilaian.predikat else None
        if riwayat is None:
            raise BelumDinilai(belum)
        dokumen = model.objects.filter(riwayat=riwayat).first()
        if dokumen is None:
            terakhir = model.objects.filter(penilaian=penilaian).aggregate(versi=Max("versi"))[
                "versi"
            ]
            try:
                with transaction.atomic():
                    dokumen = model.objects.create(
                        penilaian=penilaian, riwayat=riwayat, versi=(terakhir or 0) + 1
                    )
            except IntegrityError:  # reserved meanwhile by a request that did not wait
                dokumen = model.objects.get(riwayat=riwayat)
    dokumen.riwayat = riwayat
    return penilaian, dokumen


def terbitkan(penilaian: PenilaianPeriodik) -> DokumenPenilaian:
    """The signed form of the current rating: issued on the first call, the same stored document
    on every later one (BelumDinilai before any rating)."""
    penilaian, dokumen = cadangkan(penilaian.pk)
    if dokumen.terbit:
        return dokumen
    riwayat, periode = dokumen.riwayat, penilaian.periode
    return dokumen_bertanda.terbitkan(
        dokumen,
        render=lambda token: render_pdf(penilaian, riwayat, versi=dokumen.versi, token=token),
        nama_berkas=nama_berkas(penilaian, dokumen.versi),
        lokasi=periode.instansi.lokasi or periode.instansi.nama,
        alasan=f"Evaluasi kinerja {periode.nama} {periode.tahun} versi {dokumen.versi}",
    )


def terbitkan_setelah_dinilai(penilaian_pk: int) -> None:
    """Run after a rating (or a keberatan decision) commits: the evaluation form, then the
    Dokumen Evaluasi Kinerja Pegawai (penilaian.evaluasi). A failure of either only delays it:
    the first download generates the document."""
    from penilaian import evaluasi

    for fungsi, nama in (
        (terbitkan, "Dokumen penilaian"),
        (evaluasi.terbitkan, "Dokumen evaluasi"),
    ):
        try:
            fungsi(PenilaianPeriodik.objects.get(pk=penilaian_pk))
        except ImproperlyConfigured as e:  # no certificate yet (a fresh checkout): say so briefly
            logger.warning("%s %s belum diterbitkan: %s", nama, penilaian_pk, e)
        except Exception:
            logger.exception(
                "%s %s belum dapat diterbitkan; dibuat saat diunduh.", nama, penilaian_pk
            )


@task()
def terbitkan_di_latar(penilaian_pk: int) -> None:
    """The background job after a rating: rendering and signing take a second or more, and a
    penilai saving thirty rows on Penilaian Bawahan should not wait for them. Safe to run twice
    (one document per rating); if it never runs, the first download issues the document."""
    terbitkan_setelah_dinilai(penilaian_pk)


def dokumen_terbit(penilaian: PenilaianPeriodik) -> list[DokumenPenilaian]:
    """The issued versions, newest first."""
    return list(
        DokumenPenilaian.objects.filter(penilaian=penilaian)
        .exclude(sha256="")
        .exclude(berkas="")
        .order_by("-versi")
    )


# --- what the public page and verifikasi_pdf say --------------------------------------------


@dataclass
class InfoVerifikasi:
    """Exactly what the public verification page shows of an evaluation form."""

    nama: str
    nip_samar: str  # the birth date masked: "******** 201903 1 005"
    periode: str  # "Triwulan I 2026 (1 Januari - 31 Maret 2026)"
    versi: int
    predikat: str
    sha256: str
    diganti_versi: int | None = None
    diganti_pada: datetime | None = None
    format: str = ""  # of a Dokumen Evaluasi: "D.1.1", "D.1.2", "D.1.3"


def _pengganti(dokumen: DokumenPenilaian) -> DokumenPenilaian | None:
    """The next issued version of the same kind (evaluation form or Dokumen Evaluasi)."""
    return (
        type(dokumen)
        .objects.filter(penilaian_id=dokumen.penilaian_id, versi__gt=dokumen.versi)
        .exclude(sha256="")
        .order_by("versi")
        .first()
    )


def _peran_penilai(riwayat: RiwayatPenilaian) -> str:
    return (
        "pejabat penilai kinerja" if riwayat.aksi == "nilai" else "atasan pejabat penilai kinerja"
    )


def info_verifikasi(dokumen: DokumenPenilaian) -> InfoVerifikasi:
    """From the version's own rating (its history row), so an old version says what it said."""
    penilaian, riwayat = dokumen.penilaian, dokumen.riwayat
    periode = penilaian.periode
    sesudah = (riwayat.data or {}).get("sesudah", {})
    predikat = sesudah.get("predikat") or penilaian.predikat
    pengganti = _pengganti(dokumen)
    return InfoVerifikasi(
        nama=penilaian.skp.pegawai_nama,
        nip_samar=samarkan_nip(penilaian.pegawai.nip),
        periode=f"{periode.nama} {periode.tahun} ({tanggal_indonesia(periode.mulai)} - "
        f"{tanggal_indonesia(periode.selesai)})",
        versi=dokumen.versi,
        predikat=Predikat(predikat).label if predikat in Predikat.values else "-",
        sha256=dokumen.sha256,
        diganti_versi=pengganti.versi if pengganti else None,
        diganti_pada=pengganti.diterbitkan if pengganti else None,
    )


def pengesahan(dokumen: DokumenPenilaian) -> dokumen_bertanda.Pengesahan:
    """Who set this version's rating (or decided the keberatan), and when: the signer the form
    names."""
    riwayat = dokumen.riwayat
    return dokumen_bertanda.Pengesahan(
        tindakan="Keberatan diputuskan" if riwayat.aksi == "putuskan" else "Dinilai",
        oleh=nama_pegawai(None, riwayat),
        peran=_peran_penilai(riwayat),
        pada=riwayat.waktu,
    )


def uraian(dokumen: DokumenPenilaian) -> str:
    penilaian = dokumen.penilaian
    return (
        f"Evaluasi kinerja {penilaian.periode.nama} {penilaian.periode.tahun} "
        f"{penilaian.skp.pegawai_nama} (NIP {format_nip(penilaian.pegawai.nip)}) versi "
        f"{dokumen.versi}"
    )


def peringatan(dokumen: DokumenPenilaian) -> str:
    pengganti = _pengganti(dokumen)
    if pengganti is None:
        return ""
    return f"Perhatian: versi ini telah diganti oleh versi {pengganti.versi}."


JENIS = dokumen_bertanda.JenisDokumen(
    kode="penilaian",
    label="Evaluasi Kinerja Pegawai",
    model=DokumenPenilaian,
    info=info_verifikasi,
    template_info="penilaian/_verifikasi_info.html",
    uraian=uraian,
    peringatan=peringatan,
    pengesahan=pengesahan,
    select_related=(
        "penilaian__pegawai",
        "penilaian__periode",
        "penilaian__skp",
        "riwayat__oleh__pegawai",
    ),
)
