"""Storing files so that no row ever points to a file that is not there.

Every place that stores a file (an issued document, an export ZIP, a bukti dukung) stores it
first and only then saves the row naming it, and uses `simpan`: a store that fails (disk full,
the S3-compatible store unreachable) raises `PenyimpananGagal` and leaves nothing behind, not
even the part of the file written before the disk filled up (Django's FileSystemStorage leaves
it). The caller's row is then not saved, or its transaction rolls back. What can still be left
is a file without a row (the row's save failed after the file was stored): harmless, and listed
by `manage.py periksa_berkas` (core/management/commands/periksa_berkas.py)."""

import logging
from collections.abc import Iterator

from django.core.files import File
from django.core.files.storage import Storage

logger = logging.getLogger(__name__)

PESAN = (
    "penyimpanan berkas sedang bermasalah (misalnya disk penuh atau layanan penyimpanan tidak "
    "terjangkau)"
)


class PenyimpananGagal(Exception):
    """A file could not be stored; nothing of it is left in the storage."""

    def __init__(self, nama: str, sebab: BaseException) -> None:
        super().__init__(f"Berkas {nama} tidak dapat disimpan: {PESAN} ({type(sebab).__name__}).")
        self.nama = nama


def simpan(storage: Storage, nama: str, isi: File, *, max_length: int | None = None) -> str:
    """Stores `isi` under `nama` (or the free name the storage picks) and returns the stored
    name; on failure removes what was written and raises PenyimpananGagal."""
    tujuan = None
    try:
        # The name the storage will use (it does the same inside save), so a half-written
        # file can be found and removed. Files get fresh names (random, or a row's pk, or
        # written under that row's lock): no other process writes this name meanwhile.
        tujuan = storage.get_available_name(nama, max_length=max_length)
        return storage.save(tujuan, isi, max_length=max_length)
    except Exception as e:
        logger.exception("Berkas %s tidak dapat disimpan", tujuan or nama)
        if tujuan is not None:
            _buang(storage, tujuan)
        raise PenyimpananGagal(nama, e) from e


def _buang(storage: Storage, nama: str) -> None:
    try:
        if storage.exists(nama):
            storage.delete(nama)
    except Exception:  # the store is still down: periksa_berkas will list the leftover
        logger.exception("Sisa berkas %s tidak dapat dihapus", nama)


def semua_berkas(storage: Storage, folder: str = "") -> Iterator[str]:
    """Every file name in `storage` (walked with listdir, which FileSystemStorage and the S3
    backend both implement). A storage folder that does not exist yet holds nothing."""
    try:
        folders, berkas = storage.listdir(folder)
    except FileNotFoundError:
        return
    for nama in berkas:
        yield f"{folder}{nama}"
    for sub in folders:
        yield from semua_berkas(storage, f"{folder}{sub}/")
