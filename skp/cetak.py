"""The SKP as a printed document: the official layout (domain.md, "The SKP document") rendered
to PDF from templates/skp/cetak/skp.html by core.pdf (bundled fonts, nothing from the network)."""

from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone

from core.pdf import BlokIdentitas, Identitas, konteks_verifikasi, tanggal_indonesia
from core.pdf import render_pdf as render_dokumen
from skp import selectors
from skp.berakhlak import BERAKHLAK
from skp.models import STATUS_TERBIT, RiwayatStatus, Skp


@dataclass
class Persetujuan:
    """Who submitted and who approved this version, and when (from its history)."""

    diajukan_oleh: str
    diajukan_pada: datetime | None
    disetujui_oleh: str
    disetujui_pada: datetime | None


def _nama_user(riwayat: RiwayatStatus | None, cadangan: str) -> str:
    if riwayat is None or riwayat.oleh is None:
        return cadangan
    pegawai = getattr(riwayat.oleh, "pegawai", None)
    return getattr(pegawai, "nama_lengkap", "") or riwayat.oleh.get_full_name() or cadangan


def persetujuan(skp: Skp) -> Persetujuan:
    riwayat = list(
        RiwayatStatus.objects.filter(skp=skp, aksi__in=["ajukan", "setujui"])
        .select_related("oleh__pegawai")
        .order_by("waktu", "pk")
    )
    setuju = next((r for r in reversed(riwayat) if r.aksi == "setujui"), None)
    ajuan = next(
        (
            r
            for r in reversed(riwayat)
            if r.aksi == "ajukan" and (not setuju or r.waktu <= setuju.waktu)
        ),
        None,
    )
    return Persetujuan(
        diajukan_oleh=_nama_user(ajuan, skp.pegawai_nama),
        diajukan_pada=ajuan.waktu if ajuan else skp.diajukan_pada,
        disetujui_oleh=_nama_user(setuju, skp.penilai_nama),
        disetujui_pada=setuju.waktu if setuju else None,
    )


def _baris_hasil_kerja(skp: Skp) -> tuple[list, list]:
    utama, tambahan = selectors.rhk_dikelompokkan(skp)
    for rhk in utama + tambahan:
        rhk.daftar_indikator = list(rhk.indikator.all())
    return utama, tambahan


def blok_identitas(skp: Skp) -> list[BlokIdentitas]:
    """The pegawai and the pejabat penilai as the SKP's snapshot names them (a JPT's penilai with
    the instansi instead of a unit kerja)."""
    pegawai = Identitas(
        skp.pegawai_nama, skp.pegawai_nip, skp.pegawai_pangkat, skp.pegawai_jabatan,
        skp.pegawai_unit_kerja,
    )  # fmt: skip
    penilai = Identitas(
        skp.penilai_nama, skp.penilai_nip, skp.penilai_pangkat, skp.penilai_jabatan,
        skp.instansi_nama if skp.jpt else skp.penilai_unit_kerja,
    )  # fmt: skip
    return [
        BlokIdentitas("PEGAWAI YANG DINILAI", pegawai),
        BlokIdentitas("PEJABAT PENILAI KINERJA", penilai, "INSTANSI" if skp.jpt else "UNIT KERJA"),
    ]


def konteks_cetak(skp: Skp, *, token: str | None = None) -> dict:
    """Everything the print template needs; `token` (of the DokumenSkp being issued) adds the QR
    code and the short verification URL."""
    selectors.muat_isi(skp)
    utama, tambahan = _baris_hasil_kerja(skp)
    # An approved or replaced SKP is printed as the signed document; anything else is a draft
    # preview with a watermark.
    terbit = skp.status in STATUS_TERBIT
    info = persetujuan(skp) if terbit else None
    tanggal_ttd = (info.disetujui_pada if info and info.disetujui_pada else None) or timezone.now()
    instansi = skp.instansi
    if skp.jpt:
        varian = "jpt"
    elif skp.kualitatif:
        varian = "kualitatif"
    else:
        varian = "kuantitatif"
    perilaku = list(skp.perilaku.all())
    if not perilaku:  # an SKP always has its seven rows; this keeps the page whole regardless
        perilaku = [
            {"urutan": i, "nilai_inti": n, "daftar_panduan": p, "ekspektasi_khusus": ""}
            for i, (n, p) in enumerate(BERAKHLAK, start=1)
        ]
    konteks = {
        "skp": skp,
        "identitas": blok_identitas(skp),
        "varian": varian,
        "kolom": {"jpt": 5, "kualitatif": 4, "kuantitatif": 6}[varian],
        "rhk_utama": utama,
        "rhk_tambahan": tambahan,
        "perilaku": perilaku,
        "draf": not terbit,
        "persetujuan": info,
        "tempat": instansi.lokasi or instansi.nama,
        "tanggal": tanggal_indonesia(tanggal_ttd),
        "diajukan_pada": tanggal_indonesia(info.diajukan_pada, jam=True)
        if info and info.diajukan_pada
        else "",
        "disetujui_pada": tanggal_indonesia(info.disetujui_pada, jam=True)
        if info and info.disetujui_pada
        else "",
        "lampiran": {
            "DUKUNGAN SUMBER DAYA": _baris(skp.dukungan_sumber_daya),
            "SKEMA PERTANGGUNGJAWABAN": _baris(skp.skema_pertanggungjawaban),
            "KONSEKUENSI": _baris(skp.konsekuensi),
        },
    }
    konteks.update(konteks_verifikasi(token))
    return konteks


def _baris(teks: str) -> list[str]:
    return [b.strip() for b in (teks or "").splitlines() if b.strip()]


def render_pdf(skp: Skp, *, token: str | None = None) -> bytes:
    """The SKP as PDF bytes (unsigned): a draft preview when not approved, otherwise the
    document to be signed (with the QR code when `token` is given). Rows and RHK blocks are kept
    whole on a page unless one is taller than a page (see core.pdf.render_pdf)."""
    return render_dokumen(
        "skp/cetak/skp.html", konteks_cetak(skp, token=token), nama=f"SKP {skp.pk}"
    )
