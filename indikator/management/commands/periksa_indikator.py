"""Batch check of indicators: JSON Lines in, one JSON line of results out per input line.

    $ echo '{"indikator": "Menyusun laporan"}' | python manage.py periksa_indikator
    {"baris": 1, "terukur": false, "skor": 40, "temuan": [{"kode": "tanpa_ukuran", ...}]}

Each input line is an object with "indikator" (required) and optionally "target", "satuan",
"aspek" and "baseline". Output line N always answers input line N, and carries its number as
"baris". A line that cannot be read, including a blank one, gives {"baris": N, "galat": "..."}
and the run continues.
"""

from __future__ import annotations

import json
import sys
from typing import Any, TextIO

from django.core.management.base import BaseCommand

from indikator.analisis import analisis, muat_data
from indikator.teks import angka


class BarisTidakSah(ValueError):
    """An input line that is valid JSON but not a usable indicator record."""


def _teks_opsional(data: dict[str, Any], kolom: str) -> str | None:
    nilai = data.get(kolom)
    if nilai is None:
        return None
    if isinstance(nilai, bool) or not isinstance(nilai, str | int | float):
        raise BarisTidakSah(f"Kolom '{kolom}' harus berupa teks atau angka.")
    return str(nilai)


def _baseline(data: dict[str, Any]) -> float | None:
    nilai = data.get("baseline")
    if nilai is None or nilai == "":
        return None
    if isinstance(nilai, int | float) and not isinstance(nilai, bool):
        return float(nilai)
    if isinstance(nilai, str) and (hasil := angka(nilai)) is not None:
        return hasil
    raise BarisTidakSah("Kolom 'baseline' harus berupa angka.")


def periksa_baris(baris: str) -> dict[str, Any]:
    """Analyse one JSON line; raises ValueError (with an Indonesian message) if unusable."""
    if not baris.strip().lstrip("\ufeff"):
        raise BarisTidakSah(
            'Baris kosong: tulis satu objek JSON per baris, misalnya {"indikator": "..."}.'
        )
    try:
        data = json.loads(
            baris.strip().lstrip("\ufeff")
        )  # files saved on Windows may start with a BOM
    except json.JSONDecodeError as e:
        raise BarisTidakSah(f"Baris bukan JSON yang sah: kesalahan pada kolom {e.colno}.") from e
    if not isinstance(data, dict):
        raise BarisTidakSah('Baris harus berupa objek JSON, misalnya {"indikator": "..."}.')
    indikator = data.get("indikator")
    if not isinstance(indikator, str):
        raise BarisTidakSah("Kolom 'indikator' wajib ada dan berupa teks.")
    hasil = analisis(
        indikator,
        target=_teks_opsional(data, "target"),
        satuan=_teks_opsional(data, "satuan"),
        aspek=_teks_opsional(data, "aspek"),
        baseline=_baseline(data),
    )
    return hasil.ke_dict()


class Command(BaseCommand):
    help = (
        "Memeriksa kualitas indikator kinerja dari JSON Lines di standar masukan: setiap baris "
        '{"indikator": "...", "target": "...", "satuan": "...", "aspek": "..."} menghasilkan '
        'satu baris {"baris": N, "terukur": ..., "skor": ..., "temuan": [...]}; baris N '
        "keluaran selalu menjawab baris N masukan, termasuk baris kosong atau rusak "
        '({"baris": N, "galat": "..."}).'
    )
    # Pure text processing: no database, so no system or migration checks are needed.
    requires_system_checks: list[str] = []
    # call_command(..., stdin=io.StringIO(...)) in tests and when called from code.
    stealth_options = ("stdin",)

    def handle(self, *args: Any, **options: Any) -> None:
        masukan: TextIO = options.get("stdin") or sys.stdin
        muat_data()
        for nomor, baris in enumerate(masukan, start=1):
            # Never skip a line: output line N must answer input line N.
            try:
                keluaran = {"baris": nomor, **periksa_baris(baris)}
            except BarisTidakSah as e:
                keluaran = {"baris": nomor, "galat": str(e)}
            self.stdout.write(json.dumps(keluaran, ensure_ascii=False))
