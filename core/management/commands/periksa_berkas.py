"""Checks that the stored files and the rows naming them agree: every FileField of every model
is read, every storage those fields use is listed once, and the command reports the rows whose
file is missing (a lost document or evidence file: restore it from the backup) and the files no
row points to (left by a failed save, or by a restore of the files newer than the database;
harmless, may be removed). Exit status 0 when both lists are empty, 1 otherwise; --json for
monitoring. Run it periodically (e.g. daily) and after every restore."""

import json
import sys
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import asdict, dataclass

from django.apps import apps
from django.core.files.storage import Storage
from django.core.management.base import BaseCommand, CommandParser
from django.db import models

from core.penyimpanan import semua_berkas


@dataclass(frozen=True)
class BerkasHilang:
    model: str
    pk: str
    kolom: str
    nama: str

    def __str__(self) -> str:
        return f"{self.model} #{self.pk} {self.kolom}: {self.nama}"


def kolom_berkas() -> Iterator[tuple[type[models.Model], models.FileField]]:
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, models.FileField):
                yield model, field


@dataclass
class Hasil:
    hilang: list[BerkasHilang]
    yatim: list[str]
    jumlah_baris: int
    jumlah_berkas: int

    @property
    def beres(self) -> bool:
        return not self.hilang and not self.yatim


def periksa() -> Hasil:
    per_storage: dict[int, tuple[Storage, list]] = {}
    for model, field in kolom_berkas():
        per_storage.setdefault(id(field.storage), (field.storage, []))[1].append((model, field))
    hilang, yatim, jumlah_baris, jumlah_berkas = [], [], 0, 0
    for storage, kolom in per_storage.values():
        ada = set(semua_berkas(storage))
        jumlah_berkas += len(ada)
        dirujuk: dict[str, int] = defaultdict(int)
        for model, field in kolom:
            baris = model._default_manager.exclude(**{field.attname: ""}).exclude(
                **{f"{field.attname}__isnull": True}
            )
            for pk, nama in baris.values_list("pk", field.attname).iterator():
                jumlah_baris += 1
                dirujuk[nama] += 1
                if nama not in ada:
                    hilang.append(BerkasHilang(model._meta.label, str(pk), field.name, nama))
        yatim += sorted(ada - dirujuk.keys())
    return Hasil(hilang, yatim, jumlah_baris, jumlah_berkas)


class Command(BaseCommand):
    help = (
        "Memeriksa berkas tersimpan: baris yang berkasnya hilang dan berkas yang tidak dirujuk "
        "baris mana pun. Status keluar 1 bila ada yang salah."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--json", action="store_true", help="keluaran JSON")

    def handle(self, *args: object, json: bool = False, **options: object) -> None:  # noqa: A002
        hasil = periksa()
        if json:
            self.stdout.write(_json(hasil))
        else:
            self._tulis(hasil)
        if not hasil.beres:
            sys.exit(1)

    def _tulis(self, hasil: Hasil) -> None:
        if hasil.hilang:
            self.stdout.write(f"Berkas hilang (baris menunjuk berkas yang tidak ada): "
                              f"{len(hasil.hilang)}")  # fmt: skip
            for h in hasil.hilang:
                self.stdout.write(f"  {h}")
        if hasil.yatim:
            self.stdout.write(f"Berkas yatim (tidak dirujuk baris mana pun): {len(hasil.yatim)}")
            for nama in hasil.yatim:
                self.stdout.write(f"  {nama}")
        ringkas = f"{hasil.jumlah_baris} baris berberkas, {hasil.jumlah_berkas} berkas tersimpan"
        if hasil.beres:
            self.stdout.write(f"Semua berkas cocok: {ringkas}.")
        else:
            self.stdout.write(f"Ditemukan masalah: {ringkas}.")


def _json(hasil: Hasil) -> str:
    return json.dumps(
        {
            "beres": hasil.beres,
            "hilang": [asdict(h) for h in hasil.hilang],
            "yatim": hasil.yatim,
            "jumlah_baris": hasil.jumlah_baris,
            "jumlah_berkas": hasil.jumlah_berkas,
        },
        ensure_ascii=False,
        indent=2,
    )
