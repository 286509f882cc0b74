"""A disk that fills up in the middle of a write, for the storage-failure tests: Django's real
FileSystemStorage whose write stops with ENOSPC after the file was created and its first bytes
written, as a full disk leaves it (the half-written file stays unless the app removes it)."""

import errno
import os

from django.core.files.storage import FileSystemStorage


class DiskPenuh(FileSystemStorage):
    def _save(self, name, content):
        path = self.path(name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "xb") as f:
            for potongan in content.chunks():
                f.write(potongan[:512])
                break
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), path)


def disk_penuh(settings) -> dict:
    """From now on every file the app stores hits the full disk (under MEDIA_ROOT as set).
    Returns the storage settings to put back when the disk has room again."""
    asli = settings.STORAGES
    settings.STORAGES = {**asli, "default": {"BACKEND": "tests.penyimpanan_rusak.DiskPenuh"}}
    return asli


def berkas_di(root) -> list[str]:
    """Every file under `root` (MEDIA_ROOT), relative, sorted."""
    if not root.exists():
        return []
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())
