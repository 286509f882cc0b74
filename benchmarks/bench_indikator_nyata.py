"""Agreement of the indicator analyser with hand labels (not a test).

    .venv/bin/python benchmarks/bench_indikator_nyata.py [--semua]

Prints the share of indicators on which the analyser's verdict (terukur or not) agrees with the
label, for three sets:
- the real-world set (tests/indikator/data_nyata/indikator_nyata.jsonl, indicators taken
  verbatim from public SKP, Renstra, IKU and Perjanjian Kinerja documents), split by a hash of
  the text into a tuning part and a held-out part ("uji") that rules are never tuned on;
- the labelled set written for the analyser (tests/indikator/label_indikator.jsonl).
Then every disagreement of the held-out part (with --semua also of the tuning part), with the
label, its reason and the analyser's finding codes.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

AKAR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(AKAR))

from indikator.analisis import HasilAnalisis, analisis  # noqa: E402

NYATA = AKAR / "tests" / "indikator" / "data_nyata" / "indikator_nyata.jsonl"
LABEL = AKAR / "tests" / "indikator" / "label_indikator.jsonl"


def muat(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(b) for b in f if b.strip()]


def periksa(c: dict) -> HasilAnalisis:
    return analisis(
        c["indikator"],
        target=c.get("target"),
        satuan=c.get("satuan"),
        aspek=c.get("aspek"),
        baseline=c.get("baseline"),
    )


def tidak_sepakat(contoh: list[dict]) -> list[tuple[dict, HasilAnalisis]]:
    hasil = [(c, periksa(c)) for c in contoh]
    return [(c, h) for c, h in hasil if h.terukur != c["terukur"]]


def _baris(nama: str, contoh: list[dict], salah: list) -> str:
    cocok = len(contoh) - len(salah)
    return f"{nama:<28} {cocok:>3}/{len(contoh):<3} = {cocok / len(contoh):6.1%}"


def _cetak_salah(salah: list[tuple[dict, HasilAnalisis]]) -> None:
    for c, h in salah:
        label = "terukur" if c["terukur"] else "tidak terukur"
        isian = ", ".join(f"{k}={c[k]!r}" for k in ("target", "satuan", "aspek") if k in c)
        kode = ", ".join(t.kode for t in h.temuan) or "tanpa temuan"
        print(f"  - {c['indikator']!r}" + (f" ({isian})" if isian else ""))
        print(f"    label {label}: {c['alasan']}; analisis: {kode}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--semua", action="store_true", help="cetak juga selisih bagian tuning")
    args = parser.parse_args()

    nyata = muat(NYATA)
    tuning = [c for c in nyata if c["bagian"] == "tuning"]
    uji = [c for c in nyata if c["bagian"] == "uji"]
    label = muat(LABEL)
    salah_tuning, salah_uji, salah_label = map(tidak_sepakat, (tuning, uji, label))

    print("Kesepakatan analisis dengan label")
    print(_baris("data nyata, bagian tuning", tuning, salah_tuning))
    print(_baris("data nyata, bagian uji", uji, salah_uji))
    print(_baris("set label buatan", label, salah_label))
    print(f"\nTidak sepakat pada bagian uji ({len(salah_uji)}):")
    _cetak_salah(salah_uji)
    if args.semua:
        print(f"\nTidak sepakat pada bagian tuning ({len(salah_tuning)}):")
        _cetak_salah(salah_tuning)
    if salah_label:
        print(f"\nTidak sepakat pada set label buatan ({len(salah_label)}):")
        _cetak_salah([(c, h) for c, h in salah_label if "alasan" in c])
        for c, _ in salah_label:
            if "alasan" not in c:
                print(f"  - {c['indikator']!r} (label terukur={c['terukur']})")


if __name__ == "__main__":
    main()
