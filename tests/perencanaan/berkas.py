"""Builders of Renstra/Renja spreadsheets for the import tests."""

import csv
import io
import re
import zipfile

from openpyxl import Workbook

from perencanaan.ekspor import kolom_renstra
from perencanaan.impor import KOLOM_RENJA, Periode

PERIODE = Periode(2025, 2029)
KOLOM_RENSTRA = kolom_renstra(PERIODE)


def renstra_baik() -> list[dict[str, object]]:
    """Two tujuan, three sasaran, four indikator; rows 3-4 leave tujuan/sasaran blank as merged
    cells do."""
    return [
        {"kode_tujuan": "T1", "tujuan": "Meningkatnya derajat kesehatan masyarakat",
         "kode_sasaran": "SS1.1", "sasaran": "Meningkatnya kesehatan ibu dan anak",
         "kode_indikator": "IK1.1.1", "indikator": "Angka kematian ibu",
         "satuan": "per 100.000 kelahiran hidup", "baseline": "98", "iku": "Ya",
         "target_2025": "95", "target_2026": "92", "target_2027": "89", "target_2028": "86",
         "target_2029": "83"},
        {"kode_indikator": "IK1.1.2", "indikator": "Prevalensi balita stunting", "satuan": "%",
         "baseline": "18,7", "iku": "Tidak", "target_2025": "17", "target_2026": "15,5",
         "target_2027": "14", "target_2028": "12,5", "target_2029": "11"},
        {"kode_sasaran": "SS1.2", "sasaran": "Menurunnya angka kesakitan penyakit menular",
         "kode_indikator": "IK1.2.1", "indikator": "Cakupan pengobatan kasus tuberkulosis",
         "satuan": "%", "baseline": "72", "iku": "ya", "target_2025": "80", "target_2026": "85",
         "target_2027": "90", "target_2028": "90", "target_2029": "90"},
        {"kode_tujuan": "T2", "tujuan": "Meningkatnya mutu pelayanan kesehatan",
         "kode_sasaran": "SS2.1", "sasaran": "Meningkatnya kepuasan masyarakat",
         "kode_indikator": "IK2.1.1", "indikator": "Indeks Kepuasan Masyarakat",
         "satuan": "indeks", "baseline": "80,5", "iku": "YA", "target_2025": "81",
         "target_2026": "82", "target_2027": "83", "target_2028": "84", "target_2029": "85"},
    ]  # fmt: skip


def renja_baik() -> list[dict[str, object]]:
    """A program row, a kegiatan row and two sub kegiatan rows of 2026 (merged cells blank)."""
    return [
        {"tahun": "2026", "kode_sasaran": "SS1.1", "kode_program": "1.02.02",
         "program": "PROGRAM PEMENUHAN UPAYA KESEHATAN PERORANGAN DAN UPAYA KESEHATAN MASYARAKAT",
         "indikator": "Prevalensi balita stunting", "satuan": "%", "target": "15,5",
         "pagu": "Rp 4.250.000.000"},
        {"kode_kegiatan": "1.02.02.2.02",
         "kegiatan": "Penyediaan Layanan Kesehatan untuk UKM dan UKP Rujukan Tingkat Daerah",
         "indikator": "Persentase fasilitas kesehatan sesuai standar", "satuan": "%",
         "target": "90", "pagu": "Rp 1.900.000.000"},
        {"kode_subkegiatan": "1.02.02.2.02.0001",
         "subkegiatan": "Pengelolaan Pelayanan Kesehatan Ibu Hamil",
         "indikator": "Jumlah ibu hamil yang mendapat pelayanan sesuai standar",
         "satuan": "orang", "target": "6.850", "pagu": "Rp 1.250.000.000"},
        {"kode_sasaran": "SS1.2", "kode_subkegiatan": "1.02.02.2.02.0011",
         "subkegiatan": "Pengelolaan Pelayanan Kesehatan Orang Terduga Tuberkulosis",
         "indikator": "Jumlah orang terduga tuberkulosis yang dilayani", "satuan": "orang",
         "target": "4.200", "pagu": "650.000.000"},
    ]  # fmt: skip


def csv_bytes(
    baris: list[dict[str, object]], kolom: list[str] = KOLOM_RENSTRA, pemisah: str = ","
) -> bytes:
    keluaran = io.StringIO()
    penulis = csv.writer(keluaran, delimiter=pemisah)
    penulis.writerow(kolom)
    for b in baris:
        penulis.writerow([b.get(k, "") for k in kolom])
    return keluaran.getvalue().encode("utf-8")


def xlsx_bytes(
    renstra: list[dict[str, object]],
    renja: list[dict[str, object]] | None = None,
    *,
    kolom_renstra: list[str] = KOLOM_RENSTRA,
    kolom_renja: list[str] = KOLOM_RENJA,
    sheet_renstra: str = "Renstra",
    gabung: list[str] = (),
) -> bytes:
    """A workbook with a Renstra sheet (header in upper case: names are case-insensitive), an
    optional Renja sheet, and a Petunjuk sheet that the import ignores. `gabung` merges ranges
    of the Renstra sheet, as real files do."""
    buku = Workbook()
    ws = buku.active
    ws.title = sheet_renstra
    ws.append([k.upper() for k in kolom_renstra])
    for b in renstra:
        ws.append([b.get(k, "") for k in kolom_renstra])
    for rentang in gabung:
        ws.merge_cells(rentang)
    if renja is not None:
        ws_renja = buku.create_sheet("Renja")
        ws_renja.append(kolom_renja)
        for b in renja:
            ws_renja.append([b.get(k, "") for k in kolom_renja])
    buku.create_sheet("Petunjuk").append(["Catatan bebas, tidak dibaca."])
    keluaran = io.BytesIO()
    buku.save(keluaran)
    return keluaran.getvalue()


def dengan_nilai_rumus(data: bytes, sheet_ke: int, nilai_cache: dict[str, str]) -> bytes:
    """Gives formula cells the cached value Excel would have saved (openpyxl writes formulas
    without one): cell reference -> value."""
    masuk = zipfile.ZipFile(io.BytesIO(data))
    keluar_buf = io.BytesIO()
    nama_sheet = f"xl/worksheets/sheet{sheet_ke}.xml"
    with zipfile.ZipFile(keluar_buf, "w", zipfile.ZIP_DEFLATED) as keluar:
        for item in masuk.infolist():
            isi = masuk.read(item.filename)
            if item.filename == nama_sheet:
                teks = isi.decode()
                for ref, nilai in nilai_cache.items():
                    teks, n = re.subn(
                        rf'(<c r="{ref}"[^>]*>)<f>([^<]*)</f><v\s*/?>(</v>)?',
                        rf"\1<f>\2</f><v>{nilai}</v>",
                        teks,
                    )
                    assert n == 1, f"sel rumus {ref} tidak ditemukan"
                isi = teks.encode()
            keluar.writestr(item, isi)
    return keluar_buf.getvalue()
