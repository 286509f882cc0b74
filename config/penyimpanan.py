"""Where uploaded and issued files live (Django's STORAGES "default"): the filesystem under
MEDIA_ROOT, or, when AWS_STORAGE_BUCKET_NAME is set, an S3-compatible object store (AWS S3,
MinIO, Ceph, ...) through django-storages, so several app servers share one store. Credentials
are read by django-storages from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY in the environment
and never written into settings. Files are never served from a public URL either way: every
download goes through a view that checks access."""

import environ


def penyimpanan_bawaan(env: environ.Env) -> dict:
    bucket = env.str("AWS_STORAGE_BUCKET_NAME", default="")
    if not bucket:
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": bucket,
            # MinIO and other S3-compatible stores: their address (e.g. http://minio:9000).
            "endpoint_url": env.str("AWS_S3_ENDPOINT_URL", default="") or None,
            "region_name": env.str("AWS_S3_REGION_NAME", default="") or None,
            # "path" for most self-hosted stores, which have no per-bucket host names.
            "addressing_style": env.str("AWS_S3_ADDRESSING_STYLE", default="") or None,
            "location": env.str("AWS_LOCATION", default=""),
            # Random names are made by the app; never replace an object that exists.
            "file_overwrite": False,
            # Objects stay private (the bucket's policy); downloads are streamed by the app.
            "default_acl": None,
            "querystring_auth": True,
        },
    }
