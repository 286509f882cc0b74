"""The two commands of issue 14: periksa_distribusi (ranges, fit, exit 0/1/2) and
konversi_angka_kredit ("18,75", --json, exit 2 on bad input), through call_command and, for the
exit statuses argparse itself decides, as a real process."""

import json
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

AKAR = Path(__file__).resolve().parents[2]


def jalankan(perintah: str, *argumen: str) -> tuple[int, str, str]:
    """call_command with the exit status the shell would see (SystemExit -> its code)."""
    keluar, galat = StringIO(), StringIO()
    try:
        call_command(perintah, *argumen, stdout=keluar, stderr=galat)
        kode = 0
    except SystemExit as e:
        kode = e.code
    except CommandError as e:
        kode, galat = e.returncode, StringIO(str(e))
    return kode, keluar.getvalue(), galat.getvalue()


def proses(*argumen: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *argumen], cwd=AKAR, capture_output=True, text=True,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings"}, timeout=120,
    )  # fmt: skip


# --- periksa_distribusi ---------------------------------------------------------------------


def test_rentang_saja_keluar_0():
    kode, keluar, _ = jalankan("periksa_distribusi", "--capaian", "Baik", "--jumlah", "7")
    assert kode == 0
    baris = keluar.splitlines()
    assert baris[0] == "Capaian kinerja organisasi: Baik; unit berisi 7 pegawai."
    assert "Pembulatan bawah-atas:" in keluar
    assert [b.split()[-2:] for b in baris if b.startswith("Baik ")] == [["0", "4"]]
    assert "Butuh Perbaikan + Kurang/Misconduct (dihitung bersama): 1 sampai 7" in keluar
    assert "SESUAI" not in keluar


def test_pola_sesuai_keluar_0():
    kode, keluar, _ = jalankan(
        "periksa_distribusi", "--capaian", "baik", "--jumlah", "7",
        "--predikat", "Sangat Baik=1,Baik=4,Butuh Perbaikan=2",
    )  # fmt: skip
    assert kode == 0 and "SESUAI: pola predikat sesuai dengan pola distribusi." in keluar


def test_pola_tidak_sesuai_keluar_1_dengan_alasan():
    kode, keluar, _ = jalankan(
        "periksa_distribusi", "--capaian", "BAIK", "--jumlah", "7", "--predikat", "baik=7"
    )
    assert kode == 1
    assert "TIDAK SESUAI:" in keluar
    assert "- Baik 7 pegawai, melebihi batas paling banyak 4" in keluar


def test_kurang_dan_kurang_misconduct_sama_dan_pembulatan_biasa():
    argumen = ["--capaian", "Kurang", "--jumlah", "10", "--pembulatan", "biasa", "--json"]
    _, satu, _ = jalankan(
        "periksa_distribusi", *argumen, "--predikat", "Kurang=6,Butuh Perbaikan=4"
    )
    _, dua, _ = jalankan(
        "periksa_distribusi", *argumen, "--predikat", "kurang/misconduct=6,butuh perbaikan=4"
    )
    assert satu == dua
    data = json.loads(satu)
    assert data["pembulatan"] == "biasa" and data["sesuai"] is True
    assert data["predikat"][3] == {"predikat": "Kurang/Misconduct", "minimum": 6, "maksimum": 9,
                                   "jumlah": 6, "dalam_rentang": True}  # fmt: skip


def test_json_tanpa_predikat():
    kode, keluar, _ = jalankan(
        "periksa_distribusi", "--capaian", "Sangat Kurang", "--jumlah", "10", "--json"
    )
    data = json.loads(keluar)
    assert kode == 0 and data["sesuai"] is None and data["capaian"] == "Sangat Kurang"
    assert data["predikat"][0]["maksimum"] == 0  # no Sangat Baik


def test_unit_terlalu_kecil_diperingatkan_bukan_galat():
    kode, keluar, _ = jalankan("periksa_distribusi", "--capaian", "Baik", "--jumlah", "1")
    assert kode == 0 and "PERHATIAN:" in keluar
    assert "tidak menyisakan tempat bagi predikat Baik" in keluar


@pytest.mark.parametrize(
    ("argumen", "pesan"),
    [
        ([], "--capaian wajib diisi dengan salah satu dari: Istimewa, Baik, Butuh Perbaikan"),
        (["--capaian", "Cukup", "--jumlah", "7"], "Capaian 'Cukup' tidak dikenal"),
        (["--capaian", "Baik"], "--jumlah harus bilangan bulat 1 sampai 10.000; belum diisi."),
        (["--capaian", "Baik", "--jumlah", "0"], "--jumlah harus bilangan bulat 1 sampai 10.000 (bukan '0')."),
        (["--capaian", "Baik", "--jumlah", "10001"], "(bukan '10001')"),
        (["--capaian", "Baik", "--jumlah", "-3"], "(bukan '-3')"),
        (["--capaian", "Baik", "--jumlah", "7", "--pembulatan", "atas"], "--pembulatan 'atas' tidak dikenal"),
        (["--capaian", "Baik", "--jumlah", "7", "--predikat", "Luar Biasa=7"], "--predikat: 'Luar Biasa=7' tidak dikenal"),
        (["--capaian", "Baik", "--jumlah", "7", "--predikat", "Baik"], "--predikat: 'Baik' tidak dikenal"),
        (["--capaian", "Baik", "--jumlah", "7", "--predikat", "Baik=-1"], "jumlah Baik harus bilangan bulat 0 atau lebih"),
        (["--capaian", "Baik", "--jumlah", "7", "--predikat", "Baik=4,baik=3"], "Baik disebut lebih dari sekali"),
        (["--capaian", "Baik", "--jumlah", "7", "--predikat", "Baik=5"], "--predikat berjumlah 5 pegawai, tidak sama dengan --jumlah 7."),
        (["--capaian", "Baik", "--jumlah", "7", "--predikat", " , "], "--predikat kosong"),
    ],
)  # fmt: skip
def test_argumen_salah_keluar_2(argumen, pesan):
    kode, keluar, galat = jalankan("periksa_distribusi", *argumen)
    assert kode == 2 and keluar == ""
    assert pesan in galat


def test_galat_argparse_dalam_bahasa_indonesia_lewat_call_command():
    kode, _, galat = jalankan("periksa_distribusi", "--capaian", "Baik", "--tidak-ada")
    assert kode == 2 and "argumen tidak dikenal: --tidak-ada" in galat


@pytest.mark.parametrize(
    ("argumen", "kode", "keluar", "galat"),
    [
        (["--capaian", "Baik", "--jumlah", "7", "--predikat", "Sangat Baik=1,Baik=4,Butuh Perbaikan=2"], 0, "SESUAI", ""),
        (["--capaian", "Baik", "--jumlah", "7", "--predikat", "Baik=7"], 1, "TIDAK SESUAI", ""),
        (["--capaian", "Baik", "--jumlah", "nol"], 2, "", "--jumlah harus bilangan bulat"),
        (["--capaian", "Baik", "--jumlah"], 2, "", "galat: argumen --jumlah memerlukan satu nilai"),
        (["--capaian", "Baik", "--jumlah", "7", "--lain"], 2, "", "galat: argumen tidak dikenal: --lain"),
    ],
)  # fmt: skip
def test_status_keluar_proses_sungguhan(argumen, kode, keluar, galat):
    hasil = proses("periksa_distribusi", *argumen)
    assert hasil.returncode == kode, hasil.stderr
    assert keluar in hasil.stdout and galat in hasil.stderr
    if kode == 2 and "galat:" in galat:
        assert hasil.stderr.startswith("penggunaan: manage.py periksa_distribusi")


# --- konversi_angka_kredit ------------------------------------------------------------------


def test_konversi_contoh_domain():
    kode, keluar, _ = jalankan(
        "konversi_angka_kredit", "--jenjang", "Ahli Pertama", "--predikat", "Sangat Baik",
        "--bulan", "12",
    )  # fmt: skip
    assert (kode, keluar.strip()) == (0, "18,75")
    _, dua_bulan, _ = jalankan("konversi_angka_kredit", "--jenjang", "ahli pertama",
                               "--predikat", "baik", "--bulan", "2")  # fmt: skip
    assert dua_bulan.strip() == "2,08"


def test_konversi_json():
    _, keluar, _ = jalankan(
        "konversi_angka_kredit", "--jenjang", "Ahli Pertama", "--predikat", "Sangat Baik",
        "--bulan", "12", "--json",
    )  # fmt: skip
    assert json.loads(keluar) == {
        "jenjang": "Ahli Pertama", "predikat": "Sangat Baik", "bulan": 12, "persentase": 150,
        "koefisien": 12.5, "angka_kredit": 18.75, "angka_kredit_tepat": "75/4",
        "tampilan": "18,75",
    }  # fmt: skip
    _, keluar, _ = jalankan("konversi_angka_kredit", "--jenjang", "Ahli Pertama",
                            "--predikat", "Baik", "--bulan", "2", "--json")  # fmt: skip
    data = json.loads(keluar)
    assert data["angka_kredit"] == 2.08 and data["angka_kredit_tepat"] == "25/12"


def test_konversi_bulan_bawaan_12_dan_kurang_misconduct():
    _, keluar, _ = jalankan(
        "konversi_angka_kredit", "--jenjang", "Ahli Utama", "--predikat", "Kurang"
    )
    assert keluar.strip() == "25,00"  # 50% x 50


@pytest.mark.parametrize(
    ("argumen", "pesan"),
    [
        (["--predikat", "Baik"], "--jenjang wajib diisi: Pemula, Terampil"),
        (["--jenjang", "Ahli Super", "--predikat", "Baik"], "Jenjang 'Ahli Super' tidak dikenal"),
        (["--jenjang", "Mahir"], "--predikat wajib diisi"),
        (["--jenjang", "Mahir", "--predikat", "Istimewa"], "Predikat 'Istimewa' tidak dikenal"),
        (["--jenjang", "Mahir", "--predikat", "Baik", "--bulan", "0"], "--bulan harus bilangan bulat 1 sampai 12 (bukan '0')."),
        (["--jenjang", "Mahir", "--predikat", "Baik", "--bulan", "13"], "(bukan '13')"),
        (["--jenjang", "Mahir", "--predikat", "Baik", "--bulan", "dua"], "(bukan 'dua')"),
    ],
)  # fmt: skip
def test_konversi_argumen_salah_keluar_2(argumen, pesan):
    kode, keluar, galat = jalankan("konversi_angka_kredit", *argumen)
    assert kode == 2 and keluar == "" and pesan in galat


def test_konversi_status_keluar_proses_sungguhan():
    baik = proses("konversi_angka_kredit", "--jenjang", "Ahli Pertama", "--predikat", "Sangat Baik",
                  "--bulan", "12")  # fmt: skip
    assert (baik.returncode, baik.stdout.strip()) == (0, "18,75")
    salah = proses("konversi_angka_kredit", "--jenjang", "Ahli Pertama", "--predikat", "Baik",
                   "--bulan", "14")  # fmt: skip
    assert salah.returncode == 2 and "--bulan harus bilangan bulat 1 sampai 12" in salah.stderr
