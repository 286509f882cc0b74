"""Shared object storage works by configuration only: with a bucket named in the environment the
default storage is django-storages' S3 backend (usable with MinIO through an endpoint), built
from the environment without touching the network; without one, the filesystem."""

import environ
from django.utils.module_loading import import_string

from config.penyimpanan import penyimpanan_bawaan


def test_tanpa_bucket_berkas_di_sistem_berkas(monkeypatch):
    monkeypatch.delenv("AWS_STORAGE_BUCKET_NAME", raising=False)
    assert penyimpanan_bawaan(environ.Env()) == {
        "BACKEND": "django.core.files.storage.FileSystemStorage"
    }


def test_bucket_dari_lingkungan_memakai_s3_yang_kompatibel(monkeypatch):
    monkeypatch.setenv("AWS_STORAGE_BUCKET_NAME", "bukti-skp")
    monkeypatch.setenv("AWS_S3_ENDPOINT_URL", "http://127.0.0.1:9000")
    monkeypatch.setenv("AWS_S3_ADDRESSING_STYLE", "path")
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "kunci-uji")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "rahasia-uji")
    konfigurasi = penyimpanan_bawaan(environ.Env())
    assert konfigurasi["BACKEND"] == "storages.backends.s3.S3Storage"
    opsi = konfigurasi["OPTIONS"]
    assert opsi["bucket_name"] == "bukti-skp"
    assert opsi["file_overwrite"] is False
    assert "access_key" not in opsi and "secret_key" not in opsi  # never in settings
    storage = import_string(konfigurasi["BACKEND"])(**opsi)
    assert storage.bucket_name == "bukti-skp"
    assert storage.endpoint_url == "http://127.0.0.1:9000"
    assert storage.access_key == "kunci-uji"  # read from the environment by django-storages
