"""The signed SKP document: issued once per approved version through core.dokumen (the one
mechanism for every signed document), and what the public verification page and
`verifikasi_pdf` say about it. Registered as a kind of signed document in SkpConfig.ready()."""

import logging
from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import ImproperlyConfigured

from core import dokumen as dokumen_bertanda
from organisasi.nip import format_nip, samarkan_nip
from skp.cetak import STATUS_TERBIT, persetujuan, render_pdf
from skp.models import DokumenSkp, Skp, StatusSkp

logger = logging.getLogger(__name__)


def nama_berkas(skp: Skp) -> str:
    return f"{skp.pegawai_nip}_{skp.tahun}_v{skp.versi}.pdf"


def terbitkan(skp: Skp) -> DokumenSkp:
    """The stored signed document of an approved (or since replaced) version; generated on the
    first call, the same stored bytes on every later one."""
    skp = Skp.objects.select_related("instansi").get(pk=skp.pk)
    if skp.status not in STATUS_TERBIT:
        raise ValueError(
            "Hanya SKP yang disetujui yang diterbitkan sebagai dokumen bertanda tangan."
        )
    dokumen, _ = DokumenSkp.objects.get_or_create(skp=skp, defaults={"versi": skp.versi})
    return dokumen_bertanda.terbitkan(
        dokumen,
        render=lambda token: render_pdf(skp, token=token),
        nama_berkas=nama_berkas(skp),
        lokasi=skp.instansi.lokasi or skp.instansi.nama,
        alasan=f"Persetujuan SKP {skp.tahun} versi {skp.versi}",
    )


def terbitkan_setelah_disetujui(skp_pk: int) -> None:
    """Run after the approval commits. A failure only delays issuing: the first download (or
    `cetak_skp`) generates the document."""
    try:
        terbitkan(Skp.objects.get(pk=skp_pk))
    except ImproperlyConfigured as e:  # no certificate yet (a fresh checkout): say so briefly
        logger.warning("Dokumen SKP %s belum diterbitkan: %s", skp_pk, e)
    except Exception:
        logger.exception("Dokumen SKP %s belum dapat diterbitkan; dibuat saat diunduh.", skp_pk)


@dataclass
class InfoVerifikasi:
    """Exactly what the public verification page shows: the NIP with its birth date masked."""

    nama: str
    nip_samar: str  # "******** 201903 1 005"
    tahun: int
    versi: int
    diajukan_pada: datetime | None
    disetujui_pada: datetime | None
    sha256: str
    diganti_versi: int | None = None
    diganti_pada: datetime | None = None


def info_verifikasi(dokumen: DokumenSkp) -> InfoVerifikasi:
    skp = dokumen.skp
    info = persetujuan(skp)
    hasil = InfoVerifikasi(
        nama=skp.pegawai_nama,
        nip_samar=samarkan_nip(skp.pegawai_nip),
        tahun=skp.tahun,
        versi=skp.versi,
        diajukan_pada=info.diajukan_pada,
        disetujui_pada=info.disetujui_pada,
        sha256=dokumen.sha256,
    )
    if skp.status == StatusSkp.DIGANTI:
        pengganti = (
            Skp.objects.filter(
                pegawai_id=skp.pegawai_id,
                tahun=skp.tahun,
                versi__gt=skp.versi,
                status__in=STATUS_TERBIT,
            )
            .order_by("versi")
            .first()
        )
        ganti = skp.riwayat.filter(aksi="ganti").order_by("-waktu").first()
        hasil.diganti_versi = pengganti.versi if pengganti else None
        hasil.diganti_pada = ganti.waktu if ganti else None
    return hasil


def pengesahan(dokumen: DokumenSkp) -> dokumen_bertanda.Pengesahan:
    """The penilai who approved this version (their name as the history records it, else the
    name recorded in the SKP), and when."""
    info = persetujuan(dokumen.skp)
    return dokumen_bertanda.Pengesahan(
        tindakan="Disetujui",
        oleh=info.disetujui_oleh or "-",
        peran="pejabat penilai kinerja",
        pada=info.disetujui_pada,
    )


def uraian(dokumen: DokumenSkp) -> str:
    skp = dokumen.skp
    return (
        f"SKP {skp.tahun} {skp.pegawai_nama} (NIP {format_nip(skp.pegawai_nip)}) versi {skp.versi}"
    )


def peringatan(dokumen: DokumenSkp) -> str:
    if dokumen.skp.status != StatusSkp.DIGANTI:
        return ""
    info = info_verifikasi(dokumen)
    return f"Perhatian: versi ini telah diganti oleh revisi (versi {info.diganti_versi})."


JENIS = dokumen_bertanda.JenisDokumen(
    kode="skp",
    label="Sasaran Kinerja Pegawai",
    model=DokumenSkp,
    info=info_verifikasi,
    template_info="skp/_verifikasi_info.html",
    uraian=uraian,
    peringatan=peringatan,
    pengesahan=pengesahan,
    select_related=("skp",),
)
