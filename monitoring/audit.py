"""Reads of the SKP audit (Audit SKP Tahunan) and its XLSX export. The sample pages read a fixed
number of queries whatever the sample's size; identity comes from the SKP's own snapshot (the
name, NIP and position it was approved with)."""

import io
from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet
from openpyxl import Workbook

from core.pdf import tanggal_indonesia
from core.spreadsheet import format_teks
from monitoring.models import ButirAudit, RiwayatButirAudit, SampelAudit, TemuanAudit
from organisasi.nip import format_nip
from penilaian.models import BuktiDukung, PenilaianPeriodik
from perencanaan.ekspor import judul_tebal, tambah_baris
from skp.models import Skp


def daftar_sampel(qs: QuerySet[SampelAudit]) -> list[SampelAudit]:
    """The samples with their counts (one query)."""
    return list(
        qs.select_related("instansi")
        .annotate(
            jumlah=Count("butir"),
            diperiksa=Count("butir", filter=~Q(butir__temuan=TemuanAudit.BELUM)),
            perlu_perbaikan=Count("butir", filter=Q(butir__temuan=TemuanAudit.PERLU_PERBAIKAN)),
        )
        .order_by("-dibuat_pada", "-pk")
    )


def butir_sampel(sampel: SampelAudit) -> list[ButirAudit]:
    return list(sampel.butir.select_related("skp").order_by("urutan"))


@dataclass(frozen=True)
class Ringkasan:
    jumlah: int
    belum: int
    sesuai: int
    perlu_perbaikan: int


def ringkasan(butir: list[ButirAudit]) -> Ringkasan:
    n = Counter(b.temuan for b in butir)
    return Ringkasan(
        len(butir), n[TemuanAudit.BELUM], n[TemuanAudit.SESUAI], n[TemuanAudit.PERLU_PERBAIKAN]
    )


def per_unit(butir: list[ButirAudit]) -> list[tuple[str, list[ButirAudit]]]:
    """The rows grouped by the unit they were drawn in, in drawing order."""
    kelompok: dict[tuple, list[ButirAudit]] = {}
    for b in butir:
        kelompok.setdefault((b.unit_id, b.unit_nama), []).append(b)
    return [(nama, daftar) for (_, nama), daftar in kelompok.items()]


def tautan_aman(tautan: str) -> str:
    # Only web addresses become links: anything else (javascript:, data:) is shown as text.
    return tautan if tautan.lower().startswith(("http://", "https://")) else ""


def bukti_per_periode(skp: Skp) -> list[PenilaianPeriodik]:
    """The pegawai's evaluations of the SKP's year with the bukti dukung attached to each
    (two queries); `bukti_daftar` on each holds the evidence, each with `tautan_aman`."""
    daftar = list(
        PenilaianPeriodik.objects.filter(pegawai_id=skp.pegawai_id, periode__tahun=skp.tahun)
        .select_related("periode")
        .prefetch_related(
            Prefetch(
                "bukti",
                queryset=BuktiDukung.objects.select_related("rhk", "indikator").order_by(
                    "rhk__urutan", "dibuat", "pk"
                ),
                to_attr="bukti_daftar",
            )
        )
        .order_by("periode__jenis", "periode__nomor")
    )
    for p in daftar:
        for b in p.bukti_daftar:
            b.tautan_aman = tautan_aman(b.tautan)
    return daftar


def riwayat(butir: ButirAudit) -> list[RiwayatButirAudit]:
    return list(butir.riwayat.order_by("-waktu", "-pk"))


KOLOM = [
    "No", "Unit kerja", "NIP", "Nama pegawai", "Jabatan", "Versi SKP", "Temuan", "Catatan",
    "Diperiksa oleh", "Diperiksa pada",
]  # fmt: skip


def sampel_xlsx(sampel: SampelAudit, butir: list[ButirAudit]) -> bytes:
    """The sample and its findings: one row per SKP (NIP as text), and the sample's own data
    (seed included, so anyone can draw it again) on a second sheet."""
    buku = Workbook()
    ws = buku.active
    ws.title = "Sampel"
    judul_tebal(ws, KOLOM)
    for b in butir:
        tambah_baris(
            ws,
            [
                b.urutan, b.unit_nama, b.skp.pegawai_nip, b.skp.pegawai_nama, b.skp.pegawai_jabatan,
                b.skp.versi, b.get_temuan_display(), b.catatan, b.diperiksa_oleh_nama,
                tanggal_indonesia(b.diperiksa_pada, jam=True) if b.diperiksa_pada else "",
            ],
        )  # fmt: skip
    format_teks(ws, ["C"])
    for huruf, lebar in zip("ABCDEFGHIJ", (5, 30, 22, 30, 30, 10, 16, 50, 25, 28), strict=True):
        ws.column_dimensions[huruf].width = lebar
    info = buku.create_sheet("Keterangan")
    for kunci, nilai in (
        ("Instansi", sampel.instansi.nama),
        ("Tahun SKP", sampel.tahun),
        ("Ukuran sampel", sampel.keterangan_ukuran),
        ("Seed", str(sampel.seed)),
        ("SKP disetujui saat diambil", sampel.jumlah_populasi),
        ("Diambil oleh", sampel.dibuat_oleh_nama),
        ("Diambil pada", tanggal_indonesia(sampel.dibuat_pada, jam=True)),
    ):
        tambah_baris(info, [kunci, nilai])
    format_teks(info, ["B"])
    info.column_dimensions["A"].width = 28
    info.column_dimensions["B"].width = 40
    keluaran = io.BytesIO()
    buku.save(keluaran)
    return keluaran.getvalue()


def nip_cetak(nip: str) -> str:
    return format_nip(nip)
