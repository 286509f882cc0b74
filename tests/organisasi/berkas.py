"""Builders of pegawai spreadsheets for the import tests."""

import csv
import io

from openpyxl import Workbook

from organisasi.impor import KOLOM_TEMPLAT

KEPALA = "197203101998031006"
KABID = "198004222005011003"
KASI = "198709082011012003"
STAF = "199203142019031005"


def baris_baik() -> list[dict[str, str]]:
    return [
        {"nip": KEPALA, "nama": "Siti Rahmawati", "gelar_depan": "dr.", "gelar_belakang": "M.Kes.",
         "pangkat_golongan": "IV/c", "jenis_jabatan": "JPT", "jabatan": "Kepala Dinas Kesehatan",
         "kode_unit": "1.02", "nama_unit": "Dinas Kesehatan", "kode_unit_induk": "", "nip_atasan": "",
         "email": "siti@contoh.go.id"},
        {"nip": "19800422 200501 1 003", "nama": "Bambang Setiawan", "gelar_depan": "",
         "gelar_belakang": "S.K.M.", "pangkat_golongan": "Pembina (IV/a)",
         "jenis_jabatan": "administrator", "jabatan": "Kepala Bidang P2P", "kode_unit": "1.02.02",
         "nama_unit": "Bidang P2P", "kode_unit_induk": "1.02", "nip_atasan": KEPALA, "email": ""},
        {"nip": KASI, "nama": "Rina Marlina", "gelar_depan": "", "gelar_belakang": "S.K.M.",
         "pangkat_golongan": "III/d", "jenis_jabatan": "Pengawas", "jabatan": "Kepala Seksi Surveilans",
         "kode_unit": "1.02.02.01", "nama_unit": "Seksi Surveilans", "kode_unit_induk": "1.02.02",
         "nip_atasan": KABID, "email": ""},
        {"nip": STAF, "nama": "Rudi Hartono", "gelar_depan": "", "gelar_belakang": "A.Md.Kes.",
         "pangkat_golongan": "II/d", "jenis_jabatan": "Pelaksana", "jabatan": "Pengelola Data",
         "kode_unit": "1.02.02.01", "nama_unit": "Seksi Surveilans", "kode_unit_induk": "1.02.02",
         "nip_atasan": KASI, "email": "rudi@contoh.go.id"},
    ]  # fmt: skip


def csv_bytes(
    baris: list[dict[str, str]], kolom: list[str] = KOLOM_TEMPLAT, pemisah: str = ","
) -> bytes:
    keluaran = io.StringIO()
    penulis = csv.writer(keluaran, delimiter=pemisah)
    penulis.writerow(kolom)
    for b in baris:
        penulis.writerow([b.get(k, "") for k in kolom])
    return keluaran.getvalue().encode("utf-8")


def xlsx_bytes(baris: list[dict[str, str]], kolom: list[str] = KOLOM_TEMPLAT) -> bytes:
    buku = Workbook()
    ws = buku.active
    ws.append([k.upper() for k in kolom])  # header names are case-insensitive
    for b in baris:
        ws.append([b.get(k, "") for k in kolom])
    keluaran = io.BytesIO()
    buku.save(keluaran)
    return keluaran.getvalue()
