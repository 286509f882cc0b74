"""Bulk export: the admin starts a background job (Django Tasks, database backend) that writes
every approved SKP of a unit (and its sub-units) into a ZIP, with progress; one valid PDF each."""

import io
import zipfile

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.urls import reverse

from core.dokumen import verifikasi_berkas
from organisasi.nip import format_nip
from skp import services
from skp.ekspor import DAFTAR_GAGAL, jalankan_ekspor
from skp.models import DokumenSkp, EksporSkp, StatusEkspor
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
    import core.ekspor as modul  # the ZIP is written by the shared mechanism

    def rusak():
        raise OSError("disk penuh")

    monkeypatch.setattr(modul.tempfile, "TemporaryFile", rusak)
    ekspor = EksporSkp.objects.create(instansi=pemeran.instansi, tahun=tahun)
    with pytest.raises(OSError):
        jalankan_ekspor(ekspor.pk)
    ekspor.refresh_from_db()
    assert ekspor.status == StatusEkspor.GAGAL and "disk penuh" in ekspor.pesan


def gagal_untuk(monkeypatch, *nip: str) -> None:
    """Issuing the document of these NIPs fails as a render crash would."""
    import skp.ekspor as modul

    asli = modul.terbitkan

    def terbitkan(skp):
        if skp.pegawai_nip in nip:
            raise AssertionError("render rusak")
        return asli(skp)

    monkeypatch.setattr(modul, "terbitkan", terbitkan)


def test_ekspor_satu_skp_gagal_yang_lain_tetap_di_zip_dan_dilaporkan(
    client, pemeran, dua_disetujui, sertifikat, tahun, monkeypatch
):
    rusak, baik = dua_disetujui
    gagal_untuk(monkeypatch, rusak.pegawai_nip)
    ekspor = EksporSkp.objects.create(instansi=pemeran.instansi, tahun=tahun)
    assert jalankan_ekspor(ekspor.pk) == 1
    ekspor.refresh_from_db()
    assert ekspor.status == StatusEkspor.SELESAI
    assert (ekspor.jumlah, ekspor.selesai) == (2, 2)
    nip = format_nip(rusak.pegawai_nip)
    assert "1 dari 2 SKP gagal dicetak" in ekspor.pesan
    assert f"NIP {nip} ({rusak.pegawai_nama}): AssertionError: render rusak" in ekspor.pesan
    berkas = isi_zip(ekspor)
    assert sorted(berkas) == sorted([f"{baik.pegawai_nip}_{tahun}_v1.pdf", DAFTAR_GAGAL])
    assert verifikasi_berkas(berkas[f"{baik.pegawai_nip}_{tahun}_v1.pdf"]).sah
    assert f"NIP {nip}" in berkas[DAFTAR_GAGAL].decode()
    client.force_login(pemeran.admin.user)
    html = client.get(reverse("skp:ekspor")).content.decode()
    assert f"NIP {nip}" in html and "Unduh ZIP" in html and "kemajuan-peringatan" in html


def test_ekspor_semua_skp_gagal(pemeran, dua_disetujui, sertifikat, tahun, monkeypatch):
    gagal_untuk(monkeypatch, *(s.pegawai_nip for s in dua_disetujui))
    ekspor = EksporSkp.objects.create(instansi=pemeran.instansi, tahun=tahun)
    assert jalankan_ekspor(ekspor.pk) == 0
    ekspor.refresh_from_db()
    assert ekspor.status == StatusEkspor.GAGAL and not ekspor.berkas
    assert "2 dari 2 SKP gagal dicetak" in ekspor.pesan
    for skp in dua_disetujui:
        assert f"NIP {format_nip(skp.pegawai_nip)}" in ekspor.pesan


def test_ekspor_tanpa_sertifikat_gagal_dengan_alasan(
    pemeran, dua_disetujui, tahun, settings, tmp_path
):
    settings.SKP_SIGN_P12 = tmp_path / "tidak-ada.p12"
    ekspor = EksporSkp.objects.create(instansi=pemeran.instansi, tahun=tahun)
    with pytest.raises(ImproperlyConfigured):
        jalankan_ekspor(ekspor.pk)
    ekspor.refresh_from_db()
    assert ekspor.status == StatusEkspor.GAGAL
    assert "Sertifikat penanda tangan SKP tidak ditemukan" in ekspor.pesan


def test_daftar_ekspor_berjalan_memantau_sekali(client, pemeran, db, tahun):
    client.force_login(pemeran.admin.user)
    url = reverse("skp:ekspor")
    EksporSkp.objects.create(instansi=pemeran.instansi, tahun=tahun, status=StatusEkspor.SELESAI)
    html = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "hx-trigger" not in html
    for status in (StatusEkspor.MENUNGGU, StatusEkspor.BERJALAN, StatusEkspor.BERJALAN):
        EksporSkp.objects.create(instansi=pemeran.instansi, tahun=tahun, status=status)
    for headers in ({"HX-Request": "true"}, {}):
        html = client.get(url, headers=headers).content.decode()
        assert html.count('hx-trigger="every 2s"') == 1
        assert html.count(f'hx-get="{url}"') == 1


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
