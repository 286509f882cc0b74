"""Storage errors (disk full, the S3-compatible store unreachable) where the SKP app stores
files: an issued document and an export ZIP. The person gets a clear message, nothing of the
file is left behind, no row points to a missing file, and it works once the storage is back.
(Bukti dukung: tests/penilaian/test_bukti.py and test_bukti_disk_penuh.py.)"""

import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.urls import reverse

from core.dokumen import verifikasi_berkas
from core.penyimpanan import PenyimpananGagal, simpan
from skp.ekspor import jalankan_ekspor
from skp.models import DokumenSkp, EksporSkp, StatusEkspor
from skp.verifikasi import terbitkan
from tests.penyimpanan_rusak import berkas_di, disk_penuh
from tests.skp.conftest import setujui_skp
from tests.skp.test_ekspor import dua_disetujui  # noqa: F401 - fixture


def test_simpan_gagal_tidak_meninggalkan_sisa_berkas(settings):
    disk_penuh(settings)
    with pytest.raises(PenyimpananGagal, match="penyimpanan berkas sedang bermasalah"):
        simpan(default_storage, "skp/dokumen/x.pdf", ContentFile(b"%PDF" + b"x" * 5000))
    # Django's own storage would have left the first bytes on the full disk.
    assert berkas_di(settings.MEDIA_ROOT) == []


def test_dokumen_tidak_dapat_disimpan_pesan_jelas_lalu_terbit_saat_pulih(
    client, pemeran, skp_pegawai, sertifikat, settings, monkeypatch
):
    monkeypatch.setattr("skp.services.alur.terbitkan_setelah_disetujui", lambda pk: None)
    setujui_skp(pemeran, skp_pegawai)
    client.force_login(pemeran.pegawai.user)
    asli = disk_penuh(settings)
    r = client.get(reverse("skp:unduh_pdf", args=[skp_pegawai.pk]))
    assert r.status_code == 503
    assert "penyimpanan berkas sedang bermasalah" in r.content.decode()
    # No row points to a file: the document is only a reserved token; nothing on the disk.
    dokumen = DokumenSkp.objects.get(skp=skp_pegawai)
    assert not dokumen.terbit and not dokumen.berkas and not dokumen.sha256
    assert berkas_di(settings.MEDIA_ROOT) == []
    call_command("periksa_berkas", stdout=io.StringIO())  # exits 1 on any mismatch
    settings.STORAGES = asli
    r = client.get(reverse("skp:unduh_pdf", args=[skp_pegawai.pk]))
    assert r.status_code == 200 and verifikasi_berkas(r.content).sah


def test_berkas_dokumen_hilang_pesan_jelas(client, pemeran, skp_pegawai, sertifikat):
    setujui_skp(pemeran, skp_pegawai)
    dokumen = terbitkan(skp_pegawai)
    default_storage.delete(dokumen.berkas.name)
    client.force_login(pemeran.pegawai.user)
    r = client.get(reverse("skp:unduh_pdf", args=[skp_pegawai.pk]))
    assert r.status_code == 503
    assert "tidak dapat dibaca dari penyimpanan" in r.content.decode()


@pytest.mark.usefixtures("dua_disetujui", "pekerja_langsung")
def test_zip_ekspor_tidak_dapat_disimpan_gagal_dengan_alasan_lalu_coba_lagi(
    client, pemeran, sertifikat, tahun, settings
):
    # The documents exist already; only the ZIP meets the full disk.
    for skp in pemeran.instansi.skp.filter(status="disetujui"):
        terbitkan(skp)
    sebelum = berkas_di(settings.MEDIA_ROOT)
    asli = disk_penuh(settings)
    ekspor = EksporSkp.objects.create(instansi=pemeran.instansi, tahun=tahun)
    with pytest.raises(PenyimpananGagal):
        jalankan_ekspor(ekspor.pk)
    ekspor.refresh_from_db()
    assert ekspor.status == StatusEkspor.GAGAL and not ekspor.berkas
    assert "berkas ZIP tidak dapat disimpan karena penyimpanan berkas sedang bermasalah" in (
        ekspor.pesan
    )
    assert berkas_di(settings.MEDIA_ROOT) == sebelum  # no half-written ZIP
    settings.STORAGES = asli
    client.force_login(pemeran.admin.user)
    client.post(reverse("skp:ekspor_ulangi", args=[ekspor.pk]))
    ekspor.refresh_from_db()
    assert ekspor.status == StatusEkspor.SELESAI and ekspor.berkas
