"""Links written after an approval use the address the app is reached at when SITE_URL is
unset: the request's (mail and the signed PDF made on commit, inside the request), or for the
background worker the configured hosts."""

import pytest
from django.core import mail
from django.urls import reverse

from skp import services
from skp.models import DokumenSkp
from skp.verifikasi import terbitkan
from tests.skp.conftest import setujui_skp
from tests.skp.test_verifikasi import teks


def isi_pdf(dokumen: DokumenSkp) -> str:
    with dokumen.berkas.open("rb") as f:
        return teks(f.read())


@pytest.fixture
def tanpa_site_url(settings):
    settings.SITE_URL = ""
    settings.ALLOWED_HOSTS = ["127.0.0.1", "skp.lan", "testserver"]
    settings.CSRF_TRUSTED_ORIGINS = []


@pytest.mark.django_db(transaction=True)
def test_persetujuan_lewat_permintaan_memakai_alamat_permintaan(
    client, pemeran, skp_pegawai, sertifikat, tanpa_site_url, pekerja_langsung
):
    # transaction=True: the commit (and so the mail and the PDF) happens inside the request.
    pemeran.pegawai.user.email = "rudi@contoh.go.id"
    pemeran.pegawai.user.save(update_fields=["email"])
    services.ajukan(user=pemeran.pegawai.user, skp=skp_pegawai)
    client.force_login(pemeran.atasan.user)
    respons = client.post(reverse("skp:setujui", args=[skp_pegawai.pk]), HTTP_HOST="skp.lan:8100")
    assert respons.status_code == 302

    dokumen = DokumenSkp.objects.get(skp=skp_pegawai)
    assert f"http://skp.lan:8100/v/{dokumen.token}/" in isi_pdf(dokumen)
    surat = next(m for m in mail.outbox if m.to == ["rudi@contoh.go.id"])
    assert f"Buka: http://skp.lan:8100/skp/{skp_pegawai.pk}/" in surat.body


def test_pekerja_tanpa_permintaan_memakai_origin_https(
    pemeran, skp_pegawai, sertifikat, tanpa_site_url, settings
):
    # As the export worker issues a document: no request, so the configured origin is used.
    settings.CSRF_TRUSTED_ORIGINS = ["https://skp.pemda.go.id"]
    setujui_skp(pemeran, skp_pegawai)
    dokumen = terbitkan(skp_pegawai)
    assert f"https://skp.pemda.go.id/v/{dokumen.token}/" in isi_pdf(dokumen)
