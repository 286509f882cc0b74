"""The jenjang of a jabatan fungsional (for angka kredit): filled by the pegawai import when a
`jenjang` column is present (values case-insensitive, a wrong one a row problem, only for
fungsional), otherwise by the admin in the Django admin; the database refuses it elsewhere."""

import io

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from openpyxl import load_workbook

from organisasi import impor
from organisasi.impor import KOLOM_TEMPLAT
from organisasi.models import Instansi, Jabatan, JenisJabatan, Jenjang, Pegawai
from tests.factories import JabatanFactory
from tests.organisasi.berkas import KASI, baris_baik, csv_bytes

FUNGSIONAL = "199303142019031007"
KOLOM_LAMA = [k for k in KOLOM_TEMPLAT if k != "jenjang"]


def dengan_fungsional(jenjang: str = "ahli pertama", jenis: str = "Fungsional") -> list[dict]:
    baris = baris_baik()
    baris.append({
        "nip": FUNGSIONAL, "nama": "Andi Saputra", "pangkat_golongan": "III/a",
        "jenis_jabatan": jenis, "jabatan": "Epidemiolog Kesehatan Ahli Pertama",
        "kode_unit": "1.02.02.01", "nama_unit": "Seksi Surveilans", "kode_unit_induk": "1.02.02",
        "nip_atasan": KASI, "email": "", "jenjang": jenjang,
    })  # fmt: skip
    return baris


def jalankan(instansi, data: bytes) -> impor.Rencana:
    return impor.impor_pegawai(
        instansi=instansi, berkas=io.BytesIO(data), nama_berkas="pegawai.csv", maks_bytes=2**20
    )


@pytest.fixture
def instansi(db):
    return Instansi.objects.create(nama="Pemerintah Kabupaten Jenjang")


def jenjang_andi() -> str:
    return Pegawai.objects.get(nip=FUNGSIONAL).jabatan.jenjang


@pytest.mark.parametrize(
    "teks", ["Ahli Pertama", "ahli pertama", "AHLI_PERTAMA", " ahli  Pertama "]
)
def test_impor_mengisi_jenjang_tanpa_peduli_huruf(instansi, teks):
    rencana = jalankan(instansi, csv_bytes(dengan_fungsional(teks)))
    assert rencana.masalah == []
    assert jenjang_andi() == Jenjang.AHLI_PERTAMA
    # the other rows (no jenjang, not fungsional) stay empty
    assert set(
        Jabatan.objects.exclude(pemangku__nip=FUNGSIONAL).values_list("jenjang", flat=True)
    ) == {""}


def test_jenjang_tidak_dikenal_jadi_masalah_baris_dan_tidak_ada_yang_ditulis(instansi):
    rencana = jalankan(instansi, csv_bytes(dengan_fungsional("Ahli Super")))
    assert [str(m) for m in rencana.masalah] == [
        "baris 6, kolom jenjang: jenjang 'Ahli Super' tidak dikenal (pilih: Pemula, Terampil, "
        "Mahir, Penyelia, Ahli Pertama, Ahli Muda, Ahli Madya, Ahli Utama)."
    ]
    assert not Pegawai.objects.exists()


def test_jenjang_untuk_jabatan_bukan_fungsional_ditolak(instansi):
    rencana = jalankan(instansi, csv_bytes(dengan_fungsional("Ahli Muda", jenis="Pelaksana")))
    assert [str(m) for m in rencana.masalah] == [
        "baris 6, kolom jenjang: jenjang hanya diisi untuk jabatan fungsional (jenis jabatan "
        "baris ini: Pelaksana); kosongkan kolom jenjang."
    ]
    assert not Pegawai.objects.exists()


def test_sel_kosong_atau_berkas_tanpa_kolom_jenjang_tidak_mengubah_jenjang(instansi):
    jalankan(instansi, csv_bytes(dengan_fungsional("Ahli Muda")))
    assert jenjang_andi() == Jenjang.AHLI_MUDA
    sama = jalankan(instansi, csv_bytes(dengan_fungsional("")))
    assert not sama.ada_perubahan and jenjang_andi() == Jenjang.AHLI_MUDA
    lama = jalankan(instansi, csv_bytes(dengan_fungsional(""), kolom=KOLOM_LAMA))
    assert lama.masalah == [] and not lama.ada_perubahan and jenjang_andi() == Jenjang.AHLI_MUDA


def test_jenjang_berubah_dihitung_dan_diperbarui(instansi):
    jalankan(instansi, csv_bytes(dengan_fungsional("Ahli Pertama")))
    rencana = jalankan(instansi, csv_bytes(dengan_fungsional("Ahli Muda")))
    assert rencana.jabatan.diubah == 1 and rencana.pegawai.diubah == 0
    assert jenjang_andi() == Jenjang.AHLI_MUDA


def test_jabatan_yang_tidak_lagi_fungsional_kehilangan_jenjangnya(instansi):
    jalankan(instansi, csv_bytes(dengan_fungsional("Ahli Pertama")))
    rencana = jalankan(instansi, csv_bytes(dengan_fungsional("", jenis="Pelaksana")))
    assert rencana.masalah == [] and rencana.jabatan.diubah == 1
    assert Pegawai.objects.get(nip=FUNGSIONAL).jabatan.jenis == JenisJabatan.PELAKSANA
    assert jenjang_andi() == ""


def test_templat_memuat_kolom_dan_petunjuk_jenjang():
    from organisasi.templat import templat_pegawai_xlsx

    buku = load_workbook(io.BytesIO(templat_pegawai_xlsx()))
    judul = [c.value for c in buku["Pegawai"][1]]
    assert judul[-1] == "jenjang"
    petunjuk = " ".join(str(c.value) for c in buku["Petunjuk"]["A"])
    assert "jenjang: hanya untuk jabatan fungsional" in petunjuk


def test_database_menolak_jenjang_pada_jabatan_bukan_fungsional(db):
    with pytest.raises(IntegrityError), transaction.atomic():
        JabatanFactory(jenis=JenisJabatan.PELAKSANA, jenjang=Jenjang.MAHIR)
    assert JabatanFactory(jenis=JenisJabatan.FUNGSIONAL, jenjang=Jenjang.MAHIR).jenjang == "mahir"


def test_admin_instansi_mengisi_jenjang_di_django_admin(client, pemeran):
    jabatan = pemeran.admin.jabatan  # the cast's admin holds a fungsional position
    assert jabatan.jenis == JenisJabatan.FUNGSIONAL
    client.force_login(pemeran.admin.user)
    url = reverse("admin:organisasi_jabatan_change", args=[jabatan.pk])
    data = {"instansi": jabatan.instansi_id, "unit_kerja": jabatan.unit_kerja_id,
            "nama": jabatan.nama, "jenis": jabatan.jenis,
            "atasan": jabatan.atasan_id or "", "jenjang": "ahli_muda"}  # fmt: skip
    assert client.post(url, data).status_code == 302
    jabatan.refresh_from_db()
    assert jabatan.jenjang == Jenjang.AHLI_MUDA
    # on a position that is not fungsional the form explains instead of saving
    lain = pemeran.pegawai.jabatan
    data = {"instansi": lain.instansi_id, "unit_kerja": lain.unit_kerja_id, "nama": lain.nama,
            "jenis": lain.jenis, "atasan": lain.atasan_id, "jenjang": "ahli_muda"}  # fmt: skip
    respons = client.post(reverse("admin:organisasi_jabatan_change", args=[lain.pk]), data)
    assert respons.status_code == 200
    assert "Jenjang hanya diisi untuk jabatan fungsional" in respons.content.decode()
    lain.refresh_from_db()
    assert lain.jenjang == ""
