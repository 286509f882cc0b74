"""Benchmark of the indicator analyser (not a test).

    .venv/bin/python benchmarks/bench_indikator.py [--ulang N] [--nyata]

Analyses every indicator of the labelled set (with --nyata also the real-world set,
tests/indikator/data_nyata/indikator_nyata.jsonl) N times and prints the median and p95 time
per indicator. The budget is 5 ms, so the analysis can run on every keystroke pause.

Two figures are reported:
- warm: the process has seen these words before (stems are cached), the normal case in a
  running server;
- cold: the stem cache is cleared before each indicator, so every word goes through the
  stemmer again (worst case: a text with only new words). Loading the word lists and the
  stemmer dictionary happens once per process and is reported separately.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

AKAR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(AKAR))

from indikator import teks  # noqa: E402
from indikator.analisis import analisis, muat_data  # noqa: E402

LABEL = AKAR / "tests" / "indikator" / "label_indikator.jsonl"
NYATA = AKAR / "tests" / "indikator" / "data_nyata" / "indikator_nyata.jsonl"


def _contoh(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(b) for b in f if b.strip()]


def _sekali(c: dict) -> float:
    """Time of one analysis, in milliseconds."""
    mulai = time.perf_counter_ns()
    analisis(
        c["indikator"],
        target=c.get("target"),
        satuan=c.get("satuan"),
        aspek=c.get("aspek"),
        baseline=c.get("baseline"),
    )
    return (time.perf_counter_ns() - mulai) / 1e6


def _ringkas(nama: str, waktu: list[float]) -> None:
    waktu = sorted(waktu)
    p95 = waktu[min(len(waktu) - 1, int(0.95 * len(waktu)))]
    print(
        f"{nama:<6} n={len(waktu):>6}  median={statistics.median(waktu):.3f} ms  "
        f"p95={p95:.3f} ms  maks={waktu[-1]:.3f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ulang", type=int, default=200, help="putaran atas seluruh set label")
    parser.add_argument("--nyata", action="store_true", help="sertakan set indikator nyata")
    args = parser.parse_args()

    berkas = [LABEL, NYATA] if args.nyata else [LABEL]
    contoh = [c for path in berkas for c in _contoh(path)]
    mulai = time.perf_counter()
    muat_data()
    print(f"Memuat daftar kata dan kamus stemmer: {(time.perf_counter() - mulai) * 1000:.0f} ms")
    print(f"{len(contoh)} indikator dari " + ", ".join(str(p.relative_to(AKAR)) for p in berkas))

    dingin = []
    for c in contoh:
        teks.kosongkan_cache()
        dingin.append(_sekali(c))

    for c in contoh:  # warm-up
        _sekali(c)
    hangat = [_sekali(c) for _ in range(args.ulang) for c in contoh]

    _ringkas("hangat", hangat)
    _ringkas("dingin", dingin)
    batas = 5.0
    p95 = sorted(hangat)[int(0.95 * len(hangat))]
    print(f"Anggaran {batas:.0f} ms per indikator: {'terpenuhi' if p95 < batas else 'TERLAMPAUI'}")


if __name__ == "__main__":
    main()
