"""Bulk export: the admin starts a background job (Django Tasks, database backend) that writes
every approved SKP of a unit (and its sub-units) into a ZIP, with progress; one valid PDF each."""

import io
import zipfile

import pytest
from django.core.management import call_command
from django.urls import reverse

from skp import services
from skp.ekspor import jalankan_ekspor
from skp.models import DokumenSkp, EksporSkp, StatusEkspor
from skp.verifikasi import verifikasi_berkas
from tests.factories import JabatanFactory, PegawaiFactory
from tests.skp.conftest import setujui_skp, tambah_kkw


@pytest.fixture
def dua_disetujui(pemeran, skp_pegawai, skp_atasan, tahun):
    """The pegawai's SKP and a colleague's in the same seksi, both approved; the outsider (in
    another seksi) has a draft."""
    setujui_skp(pemeran, skp_pegawai)
    seksi = pemeran.pegawai.jabatan.unit_kerja
    rekan = PegawaiFactory(
        nama="Sari Rekan",
        jabatan=JabatanFactory(unit_kerja=seksi, jenis="pelaksana", atasan=pemeran.atasan.jabatan),
    )
    skp = services.skp_buat(user=rekan.user, tahun=tahun)
    rhk = services.rhk_tambah(user=rekan.user, skp=skp, jenis="utama",
                              uraian="Terlaksananya verifikasi data kasus", rhk_atasan=skp_atasan.rhk2)  # fmt: skip
    tambah_kkw(rekan.user, rhk)
    setujui_skp(pemeran, skp)
    services.skp_buat(user=pemeran.orang_luar.user, tahun=tahun)
    return [skp_pegawai, skp]


def isi_zip(ekspor: EksporSkp) -> dict[str, bytes]:
    with ekspor.berkas.open("rb") as f, zipfile.ZipFile(io.BytesIO(f.read())) as z:
        return {n: z.read(n) for n in z.namelist()}


# The worker closes database connections between tasks, as it must on a real machine: no
# test-wide transaction around it.
@pytest.mark.django_db(transaction=True)
def test_ekspor_lewat_pekerja_basis_data_zip_berisi_pdf_sah(
    sertifikat, client, pemeran, dua_disetujui, tahun, settings
):
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }
    client.force_login(pemeran.admin.user)
    assert client.get(reverse("skp:ekspor")).status_code == 200
    r = client.post(
        reverse("skp:ekspor"),
        {"instansi": pemeran.instansi.pk, "unit": pemeran.kepala.jabatan.unit_kerja.pk,
         "tahun": tahun},
    )  # fmt: skip
    assert r.status_code == 302
    ekspor = EksporSkp.objects.get()
    assert ekspor.status == StatusEkspor.MENUNGGU and ekspor.task_id
    # Queued in the database; a worker (any machine) picks it up.
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    ekspor.refresh_from_db()
    assert ekspor.status == StatusEkspor.SELESAI, ekspor.pesan
    assert (ekspor.jumlah, ekspor.selesai, ekspor.persen) == (2, 2, 100)
    berkas = isi_zip(ekspor)
    assert sorted(berkas) == sorted(f"{s.pegawai_nip}_{tahun}_v1.pdf" for s in dua_disetujui)
    for data in berkas.values():
        assert verifikasi_berkas(data).sah
    assert DokumenSkp.objects.count() == 2
    # Progress and the download on the page.
    html = client.get(reverse("skp:ekspor"), headers={"HX-Request": "true"}).content.decode()
    assert "Selesai: 2 dari 2 PDF" in html and "Unduh ZIP" in html
    assert 'hx-trigger="every 2s"' not in html
    r = client.get(reverse("skp:ekspor_unduh", args=[ekspor.pk]))
    assert r.status_code == 200
    assert b"".join(r.streaming_content).startswith(b"PK")


def test_ekspor_unit_hanya_sub_unitnya(pemeran, dua_disetujui, sertifikat, tahun):
    seksi_lain = pemeran.orang_luar.jabatan.unit_kerja
    ekspor = EksporSkp.objects.create(instansi=pemeran.instansi, unit=seksi_lain, tahun=tahun)
    assert jalankan_ekspor(ekspor.pk) == 0
    ekspor.refresh_from_db()
    assert ekspor.status == StatusEkspor.SELESAI
    assert ekspor.pesan == "Tidak ada SKP disetujui yang cocok." and not ekspor.berkas
    seksi = pemeran.pegawai.jabatan.unit_kerja
    ekspor = EksporSkp.objects.create(instansi=pemeran.instansi, unit=seksi, tahun=tahun)
    assert jalankan_ekspor(ekspor.pk) == 2


def test_ekspor_gagal_tercatat(pemeran, dua_disetujui, sertifikat, tahun, monkeypatch):
    import skp.ekspor as modul

    def rusak(skp):
        raise RuntimeError("disk penuh")

    monkeypatch.setattr(modul, "terbitkan", rusak)
    ekspor = EksporSkp.objects.create(instansi=pemeran.instansi, tahun=tahun)
    with pytest.raises(RuntimeError):
        jalankan_ekspor(ekspor.pk)
    ekspor.refresh_from_db()
    assert ekspor.status == StatusEkspor.GAGAL and "disk penuh" in ekspor.pesan


def test_ekspor_tangga_izin(client, pemeran, dua_disetujui, sertifikat, tahun, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    url = reverse("skp:ekspor")
    assert client.get(url).status_code == 302
    for siapa in ("pegawai", "atasan", "kepala"):
        client.force_login(getattr(pemeran, siapa).user)
        assert client.get(url).status_code == 403
    client.force_login(pemeran.admin.user)
    client.post(url, {"instansi": pemeran.instansi.pk, "tahun": tahun})
    ekspor = EksporSkp.objects.get()
    assert ekspor.status == StatusEkspor.SELESAI and ekspor.jumlah == 2
    # The admin of another instansi can neither download it nor export this instansi.
    client.force_login(pemeran.admin_lain.user)
    assert client.get(reverse("skp:ekspor_unduh", args=[ekspor.pk])).status_code == 404
    r = client.post(url, {"instansi": pemeran.instansi.pk, "tahun": tahun})
    assert r.status_code == 200 and EksporSkp.objects.count() == 1
    client.force_login(pemeran.admin.user)
    assert client.get(reverse("skp:ekspor_unduh", args=[ekspor.pk])).status_code == 200
