"""The request body cap (issue 11, item 11): an oversized upload is refused with 413 before any
part of it is parsed, stored or handed to a view."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.files.uploadhandler import FileUploadHandler
from django.test import Client
from django.urls import reverse

from organisasi.models import ImporPegawai
from tests.organisasi.berkas import baris_baik, csv_bytes

DITERIMA: list[str] = []  # names of the files Django's upload machinery started to receive


class Pencatat(FileUploadHandler):
    """Put before Django's own handlers: records every file the multipart parser starts."""

    def new_file(self, field_name, file_name, *args, **kwargs) -> None:
        DITERIMA.append(file_name)
        super().new_file(field_name, file_name, *args, **kwargs)

    def receive_data_chunk(self, raw_data, start):
        return raw_data

    def file_complete(self, file_size):
        return None


@pytest.fixture(autouse=True)
def pencatat(settings):
    settings.FILE_UPLOAD_HANDLERS = [
        "tests.core.test_batas_unggah.Pencatat",
        *settings.FILE_UPLOAD_HANDLERS,
    ]
    DITERIMA.clear()
    return DITERIMA


def unggah(client, pemeran, isi: bytes, nama="pegawai.csv"):
    return client.post(
        reverse("organisasi:impor_pegawai"),
        {"instansi": pemeran.instansi.pk, "berkas": SimpleUploadedFile(nama, isi)},
    )


def test_unggahan_melebihi_batas_bawaan_ditolak_413_sebelum_dibaca(client, pemeran, settings):
    # The default cap: the import limit (10 MB) plus 1 MB for the form around it.
    assert settings.UNGGAH_MAKS_BYTES == settings.IMPOR_MAKS_BYTES + 1024 * 1024 == 11534336
    client.force_login(pemeran.admin.user)

    respons = unggah(client, pemeran, b"x" * 12 * 1024 * 1024)

    assert respons.status_code == 413
    isi = respons.content.decode()
    assert "Berkas terlalu besar" in isi and "melebihi batas 11,0\xa0MB per unggahan" in isi
    assert "Tidak ada yang diterima atau disimpan." in isi
    assert DITERIMA == []  # the body was never parsed
    assert not ImporPegawai.objects.exists()


def test_batas_berlaku_sebelum_masuk_dan_sebelum_pemeriksaan_csrf(db, settings):
    # Anonymous and without a CSRF token: the CSRF check would parse the body to look for one.
    settings.UNGGAH_MAKS_BYTES = 2000
    klien = Client(enforce_csrf_checks=True)

    respons = klien.post(reverse("login"), {"berkas": SimpleUploadedFile("a.csv", b"x" * 3000)})

    assert respons.status_code == 413
    assert DITERIMA == []


def test_unggahan_di_bawah_batas_sampai_ke_view(client, pemeran, settings):
    settings.UNGGAH_MAKS_BYTES = 5000
    client.force_login(pemeran.admin.user)
    data = csv_bytes(baris_baik())

    respons = unggah(client, pemeran, data)

    assert respons.status_code == 302  # to the preview
    assert DITERIMA == ["pegawai.csv"]
    assert ImporPegawai.objects.count() == 1

    respons = unggah(client, pemeran, data + b"x" * 5000)

    assert respons.status_code == 413
    assert DITERIMA == ["pegawai.csv"]
    assert ImporPegawai.objects.count() == 1


def test_tanpa_content_length_tubuh_tidak_dibaca(client, pemeran):
    # A chunked request has no Content-Length: Django reads no body at all, so the cap on the
    # declared length covers it (the form then says the file is missing).
    client.force_login(pemeran.admin.user)
    berkas = SimpleUploadedFile("pegawai.csv", b"x" * 12 * 1024 * 1024)

    respons = client.post(
        reverse("organisasi:impor_pegawai"),
        {"instansi": pemeran.instansi.pk, "berkas": berkas},
        CONTENT_LENGTH="",
    )

    assert respons.status_code == 200
    assert DITERIMA == []
    assert not ImporPegawai.objects.exists()
