"""The stored files in a backup (deploy/cadangkan.sh and deploy/pulihkan.sh): every file of the
default storage (signed documents, bukti dukung, export ZIPs) into one tar and back, through
Django's storage API, so the same commands work on the filesystem and on an S3-compatible store.

The tar holds each file under its storage name, then `DAFTAR` with the SHA-256 of each. A
restore writes each file under exactly its name (a file already there is kept when identical
and refused when not: a restore never overwrites) and checks every file against the list.

Files are written once under a fresh name and never changed, so a backup that dumps the
database first and copies the files after holds every file the dump names (and maybe a few
newer ones, which `periksa_berkas` lists as unreferenced after a restore). The one exception is a
bukti dukung its pegawai removes during those minutes: its row is in the dump, its file gone."""

import hashlib
import io
import tarfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

from django.core.files import File
from django.core.files.storage import Storage, default_storage

from core.penyimpanan import semua_berkas

DAFTAR = "_daftar_berkas.sha256"
POTONGAN = 1024 * 1024


class ArsipRusak(Exception):
    """The archive cannot be restored as it is (the reason is the message)."""


class _BacaHitung(io.RawIOBase):
    """Reads a file through, keeping the SHA-256 and the count of what was read."""

    def __init__(self, sumber: BinaryIO) -> None:
        self.sumber = sumber
        self.sha = hashlib.sha256()
        self.jumlah = 0

    def readable(self) -> bool:
        return True

    def readinto(self, b) -> int:  # noqa: ANN001
        data = self.sumber.read(len(b))
        self.sha.update(data)
        self.jumlah += len(data)
        b[: len(data)] = data
        return len(data)


@dataclass
class Ringkasan:
    jumlah: int
    byte: int


def cadangkan(tujuan: BinaryIO, storage: Storage = default_storage) -> Ringkasan:
    """Writes every file of `storage` into a tar stream on `tujuan`."""
    daftar, total = [], 0
    with tarfile.open(fileobj=tujuan, mode="w|") as tar:
        for nama in sorted(semua_berkas(storage)):
            info = tarfile.TarInfo(nama)
            info.size = storage.size(nama)
            info.mtime = int(storage.get_modified_time(nama).timestamp())
            with storage.open(nama, "rb") as f:
                baca = _BacaHitung(f)
                tar.addfile(info, io.BufferedReader(baca, POTONGAN))
            if baca.jumlah != info.size:
                raise ArsipRusak(f"{nama} berubah ukuran selama dicadangkan.")
            daftar.append(f"{baca.sha.hexdigest()}  {nama}\n")
            total += info.size
        isi = "".join(daftar).encode()
        info = tarfile.TarInfo(DAFTAR)
        info.size = len(isi)
        tar.addfile(info, io.BytesIO(isi))
    return Ringkasan(len(daftar), total)


def _nama_aman(nama: str) -> str:
    bagian = nama.split("/")
    if nama.startswith("/") or any(b in ("", ".", "..") for b in bagian) or "\\" in nama:
        raise ArsipRusak(f"Nama berkas tidak sah di arsip: {nama!r}")
    return nama


def _sha_tersimpan(storage: Storage, nama: str) -> str:
    sha = hashlib.sha256()
    with storage.open(nama, "rb") as f:
        for potongan in iter(lambda: f.read(POTONGAN), b""):
            sha.update(potongan)
    return sha.hexdigest()


def _anggota(tar: tarfile.TarFile) -> Iterator[tuple[tarfile.TarInfo, BinaryIO | None]]:
    for info in tar:
        if info.isdir():
            continue
        if not info.isfile():
            raise ArsipRusak(f"Anggota arsip bukan berkas biasa: {info.name!r}")
        yield info, tar.extractfile(info)


def pulihkan(sumber: BinaryIO, storage: Storage = default_storage) -> Ringkasan:
    """Writes every file of a tar made by `cadangkan` into `storage` under its own name and
    checks them all against the archive's list; raises ArsipRusak on any mismatch."""
    tertulis: dict[str, str] = {}
    daftar = None
    total = 0
    with tarfile.open(fileobj=sumber, mode="r|") as tar:
        for info, f in _anggota(tar):
            if info.name == DAFTAR:
                daftar = f.read().decode()
                continue
            nama = _nama_aman(info.name)
            baca = _BacaHitung(f)
            if storage.exists(nama):
                while baca.read(POTONGAN):
                    pass
                if _sha_tersimpan(storage, nama) != baca.sha.hexdigest():
                    raise ArsipRusak(
                        f"{nama} sudah ada di penyimpanan dengan isi lain; tidak ditimpa."
                    )
            else:
                isi = File(io.BufferedReader(baca, POTONGAN), name=nama)
                isi.size = info.size  # a stream cannot tell its size; the tar header does
                disimpan = storage.save(nama, isi)
                if disimpan != nama:
                    raise ArsipRusak(f"{nama} tersimpan sebagai {disimpan}.")
            tertulis[nama] = baca.sha.hexdigest()
            total += info.size
    if daftar is None:
        raise ArsipRusak(f"Arsip tidak lengkap: {DAFTAR} tidak ada (terpotong?).")
    harapan = {}
    for baris in daftar.splitlines():
        sha, _, nama = baris.partition("  ")
        harapan[nama] = sha
    if harapan != tertulis:
        salah = sorted(set(harapan.items()) ^ set(tertulis.items()))
        raise ArsipRusak(f"Isi arsip tidak cocok dengan daftarnya: {salah[:5]}")
    return Ringkasan(len(tertulis), total)
