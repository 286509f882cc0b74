"""Monitoring Pengisian as a spreadsheet for the admin of an instansi: the OPD, every unit, every
active pegawai (NIP as a text cell, so Excel keeps all 18 digits) and the distribution per unit
against its capaian, for one period. A fixed number of queries, whatever the size of the
instansi; text that a spreadsheet would run as a formula is written as text
(perencanaan.ekspor.tambah_baris)."""

import io

from django.db.models import OuterRef, Subquery
from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.utils import get_column_letter

from core.spreadsheet import format_teks
from monitoring.dasbor import Angka, kurva_instansi, pegawai_aktif, penanda, pohon_unit
from organisasi.models import Instansi
from penilaian.distribusi import URUTAN_KURVA
from penilaian.kuadran import Predikat
from penilaian.models import PenilaianPeriodik, Periode, StatusPenilaian
from penilaian.periode import kalender_banyak
from perencanaan.ekspor import judul_tebal, tambah_baris

KOLOM_ANGKA = ["Jumlah pegawai", "SKP disetujui", "Realisasi dikirim", "Dinilai", "Dokumen terbit"]


def _angka(a: Angka) -> list[int]:
    return [a.pegawai, a.skp, a.realisasi, a.dinilai, a.dokumen]


def _tanggal(ws, nilai) -> Cell:  # noqa: ANN001
    # The cell made with its format: looking the row up afterwards (ws.max_row) scans every cell
    # written so far, once per row.
    sel = Cell(ws, value=nilai)
    sel.number_format = "DD-MM-YYYY"
    return sel


def _ya(nilai: bool) -> str:
    return "Ya" if nilai else "Tidak"


def pengisian_xlsx(instansi: Instansi, periode: Periode) -> bytes:
    buku = Workbook()
    pohon = pohon_unit(instansi, periode)

    ws = buku.active
    ws.title = "OPD"
    tambah_baris(ws, [f"Monitoring Pengisian {instansi.nama}, {periode}"])
    tambah_baris(
        ws, [f"Jendela realisasi {periode.buka:%d-%m-%Y} sampai {periode.tenggat:%d-%m-%Y}"]
    )
    judul_tebal(ws, ["Kode", "OPD", *KOLOM_ANGKA])
    for b in pohon.baris(None):
        tambah_baris(ws, [b.unit.kode, b.unit.nama, *_angka(b.angka)])
    tambah_baris(ws, ["", "Jumlah", *_angka(pohon.total())])
    format_teks(ws, ["A"])

    ws = buku.create_sheet("Unit")
    judul_tebal(ws, ["Kode", "Unit kerja", "OPD", "Pegawai di unit ini", *KOLOM_ANGKA[1:],
                     "Termasuk sub-unit: pegawai"])  # fmt: skip
    for u in pohon.unit.values():
        s = pohon.sendiri.get(u.pk, Angka())
        opd = pohon.opd(u.pk)
        tambah_baris(ws, [u.kode, u.nama, opd.nama if opd else "", *_angka(s),
                          pohon.gulung(u.pk).pegawai])  # fmt: skip
    format_teks(ws, ["A"])

    ws = buku.create_sheet("Pegawai")
    judul_tebal(ws, ["NIP", "Nama", "Jabatan", "Kode unit", "Unit kerja", "OPD", "SKP disetujui",
                     "Status realisasi", "Predikat", "Dokumen terbit", "Batas kirim"])  # fmt: skip
    penilaian = PenilaianPeriodik.objects.filter(pegawai=OuterRef("pk"), periode=periode)
    daftar = list(
        pegawai_aktif(instansi)
        .select_related("jabatan")
        .annotate(
            **penanda(periode),
            status_penilaian=Subquery(penilaian.values("status")[:1]),
            predikat_periode=Subquery(penilaian.values("predikat")[:1]),
        )
        .order_by("jabatan__unit_kerja__kode", "nama", "nip")
    )
    kalender = kalender_banyak(periode, [p.pk for p in daftar])
    for p in daftar:
        unit = pohon.unit.get(p.jabatan.unit_kerja_id)
        opd = pohon.opd(unit.pk) if unit else None
        tambah_baris(ws, [
            p.nip, p.nama_lengkap, p.jabatan.nama, unit.kode if unit else "",
            unit.nama if unit else "", opd.nama if opd else "", _ya(p.ada_skp),
            StatusPenilaian(p.status_penilaian).label if p.status_penilaian else "Belum diisi",
            Predikat(p.predikat_periode).label if p.predikat_periode else "",
            _ya(p.ada_dokumen), _tanggal(ws, kalender[p.pk].batas),
        ])  # fmt: skip
    format_teks(ws, ["A", "D"])

    ws = buku.create_sheet("Kurva")
    judul_tebal(ws, ["Kode", "Unit kerja (dipimpin penilai)", "Capaian organisasi",
                     "Pegawai", "Dinilai", *[Predikat(p).label for p in URUTAN_KURVA],
                     "Sesuai pola distribusi"])  # fmt: skip
    for k in kurva_instansi(instansi, periode):
        sesuai = (
            ""
            if k.hasil is None
            else "Tidak"
            if k.tidak_sesuai
            else "Ya"
            if k.sesuai
            else "Belum semua dinilai"
        )
        tambah_baris(ws, [
            k.unit.kode, k.unit.nama,
            k.berlaku.baris.get_capaian_display() if k.berlaku and k.berlaku.baris else "Belum ditetapkan",
            k.jumlah_pegawai, k.dinilai, *[k.hitungan.get(p, 0) for p in URUTAN_KURVA], sesuai,
        ])  # fmt: skip
    format_teks(ws, ["A"])

    for lembar in buku.worksheets:
        for i, lebar in enumerate((22, 40, 30, 14, 30, 30, 14, 18, 16, 14, 14), start=1):
            lembar.column_dimensions[get_column_letter(i)].width = lebar
    keluaran = io.BytesIO()
    buku.save(keluaran)
    return keluaran.getvalue()
