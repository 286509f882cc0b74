"""`manage.py periksa_berkas`: every FileField of every model against the storage; rows whose
file is missing and files no row points to are listed, exit status 1 when anything is wrong,
--json for monitoring."""

import io
import json

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.utils import timezone

from core.management.commands.periksa_berkas import kolom_berkas
from skp.models import EksporSkp


def jalankan(*opsi: str) -> tuple[int, str]:
    keluaran = io.StringIO()
    try:
        call_command("periksa_berkas", *opsi, stdout=keluaran)
    except SystemExit as e:
        return e.code, keluaran.getvalue()
    return 0, keluaran.getvalue()


def ekspor_berberkas(pemeran, nama: str) -> EksporSkp:
    e = EksporSkp.objects.create(instansi=pemeran.instansi, tahun=timezone.localdate().year)
    e.berkas.save(nama, ContentFile(b"PK zip"), save=True)
    return e


def test_setiap_kolom_berkas_diperiksa():
    kolom = {f"{m._meta.label}.{f.name}" for m, f in kolom_berkas()}
    assert {
        "skp.DokumenSkp.berkas",
        "skp.EksporSkp.berkas",
        "penilaian.BuktiDukung.berkas",
        "penilaian.DokumenPenilaian.berkas",
    } <= kolom


def test_semua_cocok_status_0(pemeran):
    ekspor_berberkas(pemeran, "a.zip")
    EksporSkp.objects.create(instansi=pemeran.instansi, tahun=2025)  # no file: nothing to check
    kode, teks = jalankan()
    assert kode == 0
    assert "Semua berkas cocok: 1 baris berberkas, 1 berkas tersimpan." in teks


def test_media_kosong_tanpa_folder_pun_cocok(db):
    assert jalankan() == (0, "Semua berkas cocok: 0 baris berberkas, 0 berkas tersimpan.\n")


def test_berkas_hilang_dan_berkas_yatim_dilaporkan_status_1(pemeran):
    hilang = ekspor_berberkas(pemeran, "hilang.zip")
    ekspor_berberkas(pemeran, "ada.zip")
    default_storage.delete(hilang.berkas.name)
    yatim = default_storage.save("penilaian/bukti/2026/sisa.pdf", ContentFile(b"%PDF"))
    kode, teks = jalankan()
    assert kode == 1
    assert "Berkas hilang (baris menunjuk berkas yang tidak ada): 1" in teks
    assert f"skp.EksporSkp #{hilang.pk} berkas: {hilang.berkas.name}" in teks
    assert "Berkas yatim (tidak dirujuk baris mana pun): 1" in teks
    assert f"  {yatim}\n" in teks

    kode, teks = jalankan("--json")
    assert kode == 1
    data = json.loads(teks)
    assert data["beres"] is False
    assert data["hilang"] == [
        {"model": "skp.EksporSkp", "pk": str(hilang.pk), "kolom": "berkas",
         "nama": hilang.berkas.name},
    ]  # fmt: skip
    assert data["yatim"] == [yatim]
    assert (data["jumlah_baris"], data["jumlah_berkas"]) == (2, 2)


@pytest.mark.parametrize("opsi", [(), ("--json",)])
def test_keluaran_json_saat_beres(pemeran, opsi):
    ekspor_berberkas(pemeran, "a.zip")
    kode, teks = jalankan(*opsi)
    assert kode == 0
    if opsi:
        assert json.loads(teks)["beres"] is True
