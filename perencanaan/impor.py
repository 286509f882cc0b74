"""Import of a Renstra (sheet `Renstra`, required) and its annual Renja (sheet `Renja`, optional)
for one Perangkat Daerah and period, from XLSX or CSV (a CSV holds the Renstra sheet only).

Three steps, as in the pegawai import, so the page can show a preview before anything is written:
`baca_berkas_renstra` / `rencana_dari_sheet` (cells -> rows, per-row and across-row checks),
`rencanakan` (checks against the database and what would change), `terapkan` (one transaction of
bulk writes). Any problem means nothing is written. Everything is keyed by codes, so a re-upload
updates in place; rows missing from the file are listed and left alone, never deleted.
"""

import re
from collections.abc import Callable, Hashable
from dataclasses import asdict, dataclass, field, fields
from decimal import ROUND_HALF_UP, Decimal
from typing import IO, Any

from django.db import connection, models, transaction

from core.rincian import DIUBAH, BarisRincian, KelompokRincian, Rincian, tanpa_gc
from core.spreadsheet import (
    BerkasTidakTerbaca,
    Masalah,
    baca_berkas,
    masalah_karakter_kendali,
    masalah_kode_contoh,
    masalah_sel_angka,
    tabel_dari_sel,
)
from core.versi import naikkan
from organisasi.models import UnitKerja
from perencanaan import rincian
from perencanaan.angka import BukanAngka, baca_angka, tulis_angka
from perencanaan.models import (
    PERIODE_MAKS,
    TAHUN_MAKS,
    TAHUN_MIN,
    IndikatorKinerja,
    Kegiatan,
    Program,
    Renstra,
    SasaranStrategis,
    SubKegiatan,
    TargetIndikator,
    Tujuan,
)

SHEET_RENSTRA = "Renstra"
SHEET_RENJA = "Renja"
KOLOM_RENSTRA = [
    "kode_tujuan", "tujuan", "kode_sasaran", "sasaran", "kode_indikator", "indikator", "satuan",
    "baseline", "iku",
]  # fmt: skip
KOLOM_RENJA = [
    "tahun", "kode_sasaran", "kode_program", "program", "kode_kegiatan", "kegiatan",
    "kode_subkegiatan", "subkegiatan", "indikator", "satuan", "target", "pagu",
]  # fmt: skip
KODE_RENSTRA = ("kode_tujuan", "kode_sasaran", "kode_indikator")
KODE_RENJA = ("kode_sasaran", "kode_program", "kode_kegiatan", "kode_subkegiatan")
AWALAN_TARGET = "target_"
JENIS = ["tujuan", "sasaran", "indikator", "target", "program", "kegiatan", "subkegiatan"]
LABEL_JENIS = {
    "tujuan": "Tujuan",
    "sasaran": "Sasaran strategis",
    "indikator": "Indikator kinerja",
    "target": "Target tahunan indikator",
    "program": "Program",
    "kegiatan": "Kegiatan",
    "subkegiatan": "Sub kegiatan",
}
PROGRAM, KEGIATAN, SUBKEGIATAN = "program", "kegiatan", "subkegiatan"
YA = {"ya", "y", "iku", "1", "true", "benar", "v", "✓", "x"}
TIDAK = {"tidak", "t", "bukan", "0", "false", "salah", "-", "n", "no", ""}
BATCH = 1000
HILANG_DITAMPILKAN = 200  # the preview lists this many vanished rows per kind, then a count


def _presisi(model: type[models.Model], nama: str) -> tuple[int, int]:
    field = model._meta.get_field(nama)
    return field.max_digits, field.decimal_places


def _panjang(model: type[models.Model], nama: str) -> int:
    return model._meta.get_field(nama).max_length


# (max_digits, decimal_places) of the model fields the numbers go into, and the length of the
# text fields, read from the models so the preview refuses exactly what the database would.
PRESISI_ANGKA = _presisi(TargetIndikator, "nilai")
PRESISI_RUPIAH = _presisi(Program, "pagu")
PANJANG_RENSTRA = {
    "kode_tujuan": _panjang(Tujuan, "kode"),
    "tujuan": _panjang(Tujuan, "nama"),
    "kode_sasaran": _panjang(SasaranStrategis, "kode"),
    "sasaran": _panjang(SasaranStrategis, "nama"),
    "kode_indikator": _panjang(IndikatorKinerja, "kode"),
    "indikator": _panjang(IndikatorKinerja, "nama"),
    "satuan": _panjang(IndikatorKinerja, "satuan"),
    "baseline": _panjang(IndikatorKinerja, "baseline_teks"),
}
PANJANG_TARGET = _panjang(TargetIndikator, "teks")
PANJANG_RENJA = {
    "kode_sasaran": _panjang(SasaranStrategis, "kode"),
    "kode_program": _panjang(Program, "kode"),
    "kode_kegiatan": _panjang(Kegiatan, "kode"),
    "kode_subkegiatan": _panjang(SubKegiatan, "kode"),
    "program": _panjang(Program, "nama"),
    "kegiatan": _panjang(Kegiatan, "nama"),
    "subkegiatan": _panjang(SubKegiatan, "nama"),
    "indikator": _panjang(Program, "indikator"),
    "satuan": _panjang(Program, "satuan"),
    "target": _panjang(Program, "target_teks"),
}


# ---------------------------------------------------------------- data


@dataclass(frozen=True)
class Periode:
    tahun_awal: int
    tahun_akhir: int

    def __str__(self) -> str:
        return f"{self.tahun_awal}-{self.tahun_akhir}"

    @property
    def daftar_tahun(self) -> list[int]:
        return list(range(self.tahun_awal, self.tahun_akhir + 1))


def baca_periode(teks: str) -> Periode:
    """ "2025-2029" (also "2025 - 2029", "2025–2029", "2025/2029"); ValueError with an
    Indonesian message otherwise."""
    cocok = re.fullmatch(r"\s*(\d{4})\s*[-–/]\s*(\d{4})\s*", teks or "")
    if not cocok:
        raise ValueError("Tulis periode sebagai tahun awal dan akhir, misalnya 2025-2029.")
    awal, akhir = int(cocok[1]), int(cocok[2])
    if not (TAHUN_MIN <= awal <= TAHUN_MAKS and TAHUN_MIN <= akhir <= TAHUN_MAKS):
        raise ValueError(f"Tahun periode harus antara {TAHUN_MIN} dan {TAHUN_MAKS}.")
    if akhir < awal:
        raise ValueError("Tahun akhir periode tidak boleh sebelum tahun awal.")
    if akhir - awal + 1 > PERIODE_MAKS:
        raise ValueError(f"Periode Renstra paling lama {PERIODE_MAKS} tahun (biasanya 5 tahun).")
    return Periode(awal, akhir)


@dataclass
class BarisRenstra:
    """One indikator row, with merged (blank) tujuan/sasaran cells already filled from above."""

    nomor: int
    kode_tujuan: str
    tujuan: str
    kode_sasaran: str
    sasaran: str
    kode_indikator: str
    indikator: str
    satuan: str
    baseline: Decimal | None
    baseline_teks: str
    iku: bool
    target: dict[int, tuple[Decimal, str]]  # year -> (value, text as written); blank cells absent


@dataclass
class BarisRenja:
    """One row of the Renja sheet; `tingkat` says whether it describes a program, a kegiatan or
    a sub kegiatan (the deepest level written in the row); the levels above it come from the
    row's own cells or, when blank (merged), from the row above."""

    nomor: int
    tahun: int
    tingkat: str
    kode_sasaran: str
    kode_program: str
    program: str
    kode_kegiatan: str
    kegiatan: str
    kode_subkegiatan: str
    subkegiatan: str
    indikator: str
    satuan: str
    target: Decimal | None
    target_teks: str
    pagu: Decimal | None

    @property
    def kode(self) -> str:
        return {
            PROGRAM: self.kode_program,
            KEGIATAN: self.kode_kegiatan,
            SUBKEGIATAN: self.kode_subkegiatan,
        }[self.tingkat]


@dataclass
class Hitungan:
    baru: int = 0
    diubah: int = 0
    tetap: int = 0
    hilang: list[str] = field(default_factory=list)  # the first HILANG_DITAMPILKAN
    jumlah_hilang: int = 0


@dataclass
class Rencana:
    periode: Periode
    renstra: list[BarisRenstra] = field(default_factory=list)
    renja: list[BarisRenja] = field(default_factory=list)
    masalah: list[Masalah] = field(default_factory=list)
    hitungan: dict[str, Hitungan] = field(default_factory=lambda: {j: Hitungan() for j in JENIS})
    rincian: Rincian = field(default_factory=Rincian)  # row by row, once planned

    @property
    def ada_perubahan(self) -> bool:
        return any(h.baru or h.diubah for h in self.hitungan.values())

    @property
    def tahun_renja(self) -> list[int]:
        return sorted({b.tahun for b in self.renja})

    def ringkasan(self) -> dict:
        # A list, not a dict keyed by kind: PostgreSQL's jsonb does not keep key order.
        return {
            "periode": str(self.periode),
            "jumlah_baris": {"renstra": len(self.renstra), "renja": len(self.renja)},
            "tahun_renja": self.tahun_renja,
            "hitungan": [
                {"jenis": j, "label": LABEL_JENIS[j], **asdict(self.hitungan[j])} for j in JENIS
            ],
            "ada_perubahan": self.ada_perubahan,
            "masalah": [str(m) for m in self.masalah],
            "penting": self.rincian.jumlah_penting,
            "sidik": self.rincian.sidik(),
        }

    def ke_json(self) -> dict:
        """The checked rows, to wait in the database between preview and confirmation."""
        return {
            "renstra": [
                {
                    **{f.name: getattr(b, f.name) for f in fields(b)},
                    "baseline": _teks_desimal(b.baseline),
                    "target": {str(t): [str(n), teks] for t, (n, teks) in b.target.items()},
                }
                for b in self.renstra
            ],
            "renja": [
                {
                    **{f.name: getattr(b, f.name) for f in fields(b)},
                    "target": _teks_desimal(b.target),
                    "pagu": _teks_desimal(b.pagu),
                }
                for b in self.renja
            ],
        }

    @classmethod
    def dari_json(cls, periode: Periode, data: dict) -> "Rencana":
        renstra = [
            BarisRenstra(
                **{
                    **b,
                    "baseline": _desimal(b["baseline"]),
                    "target": {int(t): (Decimal(n), teks) for t, (n, teks) in b["target"].items()},
                }
            )
            for b in data.get("renstra", [])
        ]
        renja = [
            BarisRenja(**{**b, "target": _desimal(b["target"]), "pagu": _desimal(b["pagu"])})
            for b in data.get("renja", [])
        ]
        return cls(periode=periode, renstra=renstra, renja=renja)


def _teks_desimal(nilai: Decimal | None) -> str | None:
    return None if nilai is None else str(nilai)


def _desimal(teks: str | None) -> Decimal | None:
    return None if teks is None else Decimal(teks)


# ---------------------------------------------------------------- reading


def baca_berkas_renstra(
    berkas: IO[bytes], nama_berkas: str, *, maks_bytes: int, periode: Periode
) -> Rencana:
    """Rows of the file with every problem that can be found without the database."""
    try:
        sheets = baca_berkas(berkas, nama_berkas, maks_bytes=maks_bytes)
    except BerkasTidakTerbaca as e:
        return Rencana(periode=periode, masalah=[Masalah(str(e))])
    if nama_berkas.lower().endswith(".csv"):
        return rencana_dari_sel(periode, sheets["csv"], None, sheet_renstra=None, sheet_renja=None)
    return rencana_dari_sheet(periode, sheets)


def rencana_dari_sheet(periode: Periode, sheets: dict[str, list[list[str]]]) -> Rencana:
    """From a workbook's sheets (name -> text cells). Shared by the upload and `seed_demo`, so
    demo data passes exactly the checks a real file does. Sheet names are case-insensitive;
    other sheets (such as the template's Petunjuk) are ignored."""
    per_nama = {nama.strip().lower(): nama for nama in sheets}
    renstra = per_nama.get(SHEET_RENSTRA.lower())
    renja = per_nama.get(SHEET_RENJA.lower())
    if renstra is None:
        ada = ", ".join(sheets) or "-"
        return Rencana(
            periode=periode,
            masalah=[
                Masalah(
                    f"Sheet '{SHEET_RENSTRA}' tidak ada di berkas (sheet yang ada: {ada}). "
                    f"Berkas XLSX harus berisi sheet {SHEET_RENSTRA} dan boleh berisi sheet "
                    f"{SHEET_RENJA}; unduh templat untuk contohnya."
                )
            ],
        )
    return rencana_dari_sel(
        periode,
        sheets[renstra],
        sheets[renja] if renja else None,
        sheet_renstra=renstra,
        sheet_renja=renja,
    )


def rencana_dari_sel(
    periode: Periode,
    sel_renstra: list[list[str]],
    sel_renja: list[list[str]] | None,
    *,
    sheet_renstra: str | None,
    sheet_renja: str | None,
) -> Rencana:
    rencana = Rencana(periode=periode)
    rencana.renstra, masalah, kode_sasaran = _baca_renstra(sel_renstra, periode, sheet_renstra)
    rencana.masalah += masalah
    # A Renja sheet left with only its header (or nothing) is simply not filled in.
    if sel_renja is not None and sum(1 for baris in sel_renja if any(baris)) > 1:
        # Unknown when the Renstra sheet could not be read at all: then not checked.
        rencana.renja, masalah = _baca_renja(sel_renja, periode, sheet_renja, kode_sasaran or None)
        rencana.masalah += masalah
    return rencana


def _rapi(teks: str) -> str:
    return " ".join(teks.split())


def _angka(
    teks: str, presisi: tuple[int, int], lokasi: tuple[int, str, str | None]
) -> tuple[Decimal | None, Masalah | None]:
    """A cell as a number that fits the database field, or the problem with it."""
    try:
        nilai = baca_angka(teks)
    except BukanAngka as e:
        return None, Masalah(str(e), *lokasi)
    if nilai is None:
        return None, None
    digit, desimal = presisi
    batas = Decimal(10) ** (digit - desimal)
    # Checked before rounding too: quantize cannot even hold 1E+30 to 4 decimals (more digits
    # than Decimal's 28), and after it, as 9999999999999999,99995 rounds up past the limit.
    if abs(nilai) >= batas:
        return None, Masalah(f"angka {teks.strip()} terlalu besar.", *lokasi)
    nilai = nilai.quantize(Decimal(1).scaleb(-desimal), rounding=ROUND_HALF_UP)
    if abs(nilai) >= batas:
        return None, Masalah(f"angka {teks.strip()} terlalu besar.", *lokasi)
    return nilai, None


def _baca_iku(teks: str) -> bool | None:
    nilai = teks.strip().lower()
    if nilai in YA:
        return True
    if nilai in TIDAK:
        return False
    return None


def _periksa_panjang(
    nilai: dict[str, str], batas: dict[str, int], nomor: int, sheet: str | None
) -> list[Masalah]:
    return [
        Masalah(f"terlalu panjang (paling banyak {n} karakter).", nomor, kolom, sheet)
        for kolom, n in batas.items()
        if len(nilai.get(kolom, "")) > n
    ]


def _kolom_target(header: list[str], periode: Periode, sheet: str | None) -> list[Masalah]:
    masalah = []
    diharapkan = ", ".join(f"{AWALAN_TARGET}{t}" for t in periode.daftar_tahun)
    for h in header:
        if not h.startswith(AWALAN_TARGET):
            continue
        tahun = h.removeprefix(AWALAN_TARGET)
        if not re.fullmatch(r"\d{4}", tahun):
            masalah.append(
                Masalah(
                    f"kolom target ditulis {AWALAN_TARGET}<tahun>; kolom yang diharapkan: "
                    f"{diharapkan}.",
                    kolom=h,
                    sheet=sheet,
                )
            )
        elif int(tahun) not in periode.daftar_tahun:
            masalah.append(
                Masalah(
                    f"tahun {tahun} di luar periode Renstra {periode}; kolom target yang "
                    f"diharapkan: {diharapkan}.",
                    kolom=h,
                    sheet=sheet,
                )
            )
    kurang = [
        f"{AWALAN_TARGET}{t}" for t in periode.daftar_tahun if f"{AWALAN_TARGET}{t}" not in header
    ]
    if header and kurang:
        masalah.append(
            Masalah(
                f"Kolom target tidak ada: {', '.join(kurang)}. Setiap tahun periode {periode} "
                f"perlu satu kolom target ({diharapkan}).",
                sheet=sheet,
            )
        )
    return masalah


def _baca_renstra(
    sel: list[list[str]], periode: Periode, sheet: str | None
) -> tuple[list[BarisRenstra], list[Masalah], set[str]]:
    """The indikator rows, the problems, and every kode_sasaran named (also in rows with
    problems, so the Renja sheet is not blamed for them)."""
    kolom_target = [f"{AWALAN_TARGET}{t}" for t in periode.daftar_tahun]
    tabel, masalah = tabel_dari_sel(
        sel,
        wajib=KOLOM_RENSTRA,
        opsional=kolom_target,
        sheet=sheet,
        kolom_pola=(AWALAN_TARGET,),
    )
    masalah += _kolom_target(tabel.header, periode, sheet)
    masalah += masalah_sel_angka(tabel, kolom_kode=KODE_RENSTRA)
    masalah += masalah_karakter_kendali(tabel, KODE_RENSTRA)
    if not tabel.baris:
        return [], masalah, set()
    kolom_target = [k for k in kolom_target if k in tabel.header]
    hasil: list[BarisRenstra] = []
    atas = {"kode_tujuan": "", "tujuan": "", "kode_sasaran": "", "sasaran": ""}
    tujuan: dict[str, tuple[str, int]] = {}  # kode -> (nama, first row)
    sasaran: dict[str, tuple[str, str, int]] = {}  # kode -> (nama, kode_tujuan, first row)
    indikator: dict[str, tuple[tuple, int]] = {}  # kode -> (content, first row)
    for b in tabel.baris:
        n = b.nomor
        v = {k: _rapi(b.nilai.get(k, "")) for k in KOLOM_RENSTRA + kolom_target}
        m: list[Masalah] = []
        # Merged cells reach us as blanks under the first cell: a blank takes the value above,
        # but a name only when its code is the one above (a new code needs its own name).
        kt = v["kode_tujuan"] or atas["kode_tujuan"]
        nt = v["tujuan"] or (
            atas["tujuan"] if kt == atas["kode_tujuan"] else tujuan.get(kt, ("", 0))[0]
        )
        ks = v["kode_sasaran"] or (atas["kode_sasaran"] if kt == atas["kode_tujuan"] else "")
        ns = v["sasaran"] or (
            atas["sasaran"] if ks == atas["kode_sasaran"] else sasaran.get(ks, ("", "", 0))[0]
        )
        atas = {"kode_tujuan": kt, "tujuan": nt, "kode_sasaran": ks, "sasaran": ns}
        wajib = {**v, **atas}
        if contoh := masalah_kode_contoh(wajib, KODE_RENSTRA, n, sheet):
            masalah.append(contoh)
            continue
        for kolom in ("kode_tujuan", "tujuan", "kode_sasaran", "sasaran", "kode_indikator"):
            if not wajib[kolom]:
                m.append(Masalah("wajib diisi.", n, kolom, sheet))
        for kolom in ("indikator", "satuan"):
            if not v[kolom]:
                m.append(Masalah("wajib diisi.", n, kolom, sheet))
        m += _periksa_panjang(
            wajib, PANJANG_RENSTRA | dict.fromkeys(kolom_target, PANJANG_TARGET), n, sheet
        )
        baseline, salah = _angka(v["baseline"], PRESISI_ANGKA, (n, "baseline", sheet))
        m += [salah] if salah else []
        iku = _baca_iku(v["iku"])
        if iku is None:
            m.append(Masalah(f"isi Ya atau Tidak (tertulis '{v['iku']}').", n, "iku", sheet))
        target: dict[int, tuple[Decimal, str]] = {}
        for kolom in kolom_target:
            nilai, salah = _angka(v[kolom], PRESISI_ANGKA, (n, kolom, sheet))
            if salah:
                m.append(salah)
            elif nilai is not None:
                target[int(kolom.removeprefix(AWALAN_TARGET))] = (nilai, v[kolom])
        if kt and nt:
            nama_lama, baris_lama = tujuan.setdefault(kt, (nt, n))
            if nama_lama != nt:
                m.append(
                    Masalah(
                        f"kode_tujuan {kt} sudah bernama '{nama_lama}' di baris {baris_lama}; "
                        "satu kode tujuan harus satu nama.",
                        n,
                        "tujuan",
                        sheet,
                    )
                )
        if ks and ns:
            nama_lama, tujuan_lama, baris_lama = sasaran.setdefault(ks, (ns, kt, n))
            if nama_lama != ns:
                m.append(
                    Masalah(
                        f"kode_sasaran {ks} sudah bernama '{nama_lama}' di baris {baris_lama}; "
                        "satu kode sasaran harus satu nama.",
                        n,
                        "sasaran",
                        sheet,
                    )
                )
            if tujuan_lama != kt:
                m.append(
                    Masalah(
                        f"sasaran {ks} berada di bawah tujuan {tujuan_lama} di baris {baris_lama}; "
                        "satu sasaran hanya di bawah satu tujuan.",
                        n,
                        "kode_tujuan",
                        sheet,
                    )
                )
        masalah += m
        # Compared also when the row has problems of its own, so a duplicate is told in the same
        # pass as they are: a number that does not read is compared as written.
        isi = (
            kt, nt, ks, ns, v["indikator"], v["satuan"], _banding(v["baseline"], baseline),
            v["iku"].lower() if iku is None else iku,
            tuple(_banding(v[k], target.get(int(k.removeprefix(AWALAN_TARGET)), (None,))[0])
                  for k in kolom_target),
        )  # fmt: skip
        pertama = (
            indikator.setdefault(v["kode_indikator"], (isi, n)) if v["kode_indikator"] else None
        )
        if pertama and pertama[1] != n and pertama[0] != isi:
            masalah.append(
                Masalah(
                    f"kode_indikator {v['kode_indikator']} sudah dipakai di baris {pertama[1]} "
                    "dengan isi berbeda; satu kode indikator hanya boleh satu baris.",
                    n,
                    "kode_indikator",
                    sheet,
                )
            )
        # An identical repeated row (copied twice) is harmless and counted once.
        if m or (pertama and pertama[1] != n):
            continue
        hasil.append(
            BarisRenstra(
                nomor=n,
                kode_tujuan=kt,
                tujuan=nt,
                kode_sasaran=ks,
                sasaran=ns,
                kode_indikator=v["kode_indikator"],
                indikator=v["indikator"],
                satuan=v["satuan"],
                baseline=baseline,
                baseline_teks=v["baseline"],
                iku=iku,
                target=target,
            )  # fmt: skip
        )
    return hasil, masalah, set(sasaran)


def _banding(teks: str, nilai: Decimal | None) -> object:
    """A number cell as compared between two rows of one code: its value when it reads (so
    "1.500" and "1500" agree), its text when it does not."""
    return nilai if nilai is not None or not teks else ("teks", teks)


def _tingkat(v: dict[str, str]) -> str | None:
    if v["kode_subkegiatan"] or v["subkegiatan"]:
        return SUBKEGIATAN
    if v["kode_kegiatan"] or v["kegiatan"]:
        return KEGIATAN
    if v["kode_program"] or v["program"]:
        return PROGRAM
    return None


def _baca_renja(
    sel: list[list[str]], periode: Periode, sheet: str | None, kode_sasaran: set[str] | None
) -> tuple[list[BarisRenja], list[Masalah]]:
    tabel, masalah = tabel_dari_sel(sel, wajib=KOLOM_RENJA, sheet=sheet)
    masalah += masalah_sel_angka(tabel, kolom_kode=KODE_RENJA)
    masalah += masalah_karakter_kendali(tabel, KODE_RENJA)
    if not tabel.baris:
        return [], masalah
    hasil: list[BarisRenja] = []
    atas = dict.fromkeys(
        ["tahun", "kode_sasaran", "kode_program", "program", "kode_kegiatan", "kegiatan"], ""
    )
    nama: dict[tuple[str, int, str], tuple[str, int]] = {}  # (level, year, code) -> (name, row)
    induk: dict[tuple[str, int, str], tuple[str, int]] = {}  # -> (parent code, row)
    per_kode: dict[tuple[str, int, str], tuple[tuple, int]] = {}  # -> (content, first row)
    for b in tabel.baris:
        n = b.nomor
        v = {k: _rapi(b.nilai.get(k, "")) for k in KOLOM_RENJA}
        tingkat = _tingkat(v)
        if tingkat is None:
            masalah.append(
                Masalah(
                    "baris ini tidak menyebut program, kegiatan, maupun sub kegiatan; isi "
                    "kode_program, kode_kegiatan, atau kode_subkegiatan.",
                    n,
                    "kode_program",
                    sheet,
                )
            )
            continue
        m: list[Masalah] = []
        teks_tahun = v["tahun"] or atas["tahun"]
        tahun = int(teks_tahun) if re.fullmatch(r"\d{4}", teks_tahun) else 0
        ks = v["kode_sasaran"] or atas["kode_sasaran"]
        # Levels above the row's own inherit blank (merged) cells from the row above.
        kp = v["kode_program"] or ("" if tingkat == PROGRAM else atas["kode_program"])
        np = v["program"] or (
            atas["program"]
            if kp == atas["kode_program"]
            else nama.get((PROGRAM, tahun, kp), ("", 0))[0]
        )
        kk = kg = ""
        if tingkat != PROGRAM:
            sama_program = kp == atas["kode_program"]
            kk = v["kode_kegiatan"] or (
                atas["kode_kegiatan"] if tingkat == SUBKEGIATAN and sama_program else ""
            )
            kg = v["kegiatan"] or (
                atas["kegiatan"]
                if kk == atas["kode_kegiatan"] and sama_program
                else nama.get((KEGIATAN, tahun, kk), ("", 0))[0]
            )
        atas = {"tahun": teks_tahun, "kode_sasaran": ks, "kode_program": kp, "program": np,
                "kode_kegiatan": kk, "kegiatan": kg}  # fmt: skip
        terisi = {**v, **atas}
        if contoh := masalah_kode_contoh(terisi, KODE_RENJA, n, sheet):
            masalah.append(contoh)
            continue
        wajib = ["tahun", "kode_sasaran", "kode_program", "program"]
        wajib += {PROGRAM: [], KEGIATAN: ["kode_kegiatan", "kegiatan"],
                  SUBKEGIATAN: ["kode_kegiatan", "kegiatan", "kode_subkegiatan", "subkegiatan"]}[tingkat]  # fmt: skip
        m += [Masalah("wajib diisi.", n, k, sheet) for k in wajib if not terisi[k]]
        if teks_tahun and not tahun:
            m.append(Masalah(f"tahun '{teks_tahun}' tidak sah (tulis 4 angka).", n, "tahun", sheet))
        elif tahun and tahun not in periode.daftar_tahun:
            m.append(
                Masalah(f"tahun {tahun} di luar periode Renstra {periode}.", n, "tahun", sheet)
            )
        if ks and kode_sasaran is not None and ks not in kode_sasaran:
            m.append(
                Masalah(
                    f"kode_sasaran {ks} tidak ada di sheet {SHEET_RENSTRA}.",
                    n,
                    "kode_sasaran",
                    sheet,
                )
            )
        m += _periksa_panjang(terisi, PANJANG_RENJA, n, sheet)
        target, salah = _angka(v["target"], PRESISI_ANGKA, (n, "target", sheet))
        m += [salah] if salah else []
        pagu, salah = _angka(v["pagu"], PRESISI_RUPIAH, (n, "pagu", sheet))
        m += [salah] if salah else []
        if pagu is not None and pagu < 0:
            m.append(Masalah("pagu tidak boleh negatif.", n, "pagu", sheet))
        baris = BarisRenja(
            nomor=n, tahun=tahun, tingkat=tingkat, kode_sasaran=ks, kode_program=kp, program=np,
            kode_kegiatan=kk, kegiatan=kg,
            kode_subkegiatan=v["kode_subkegiatan"] if tingkat == SUBKEGIATAN else "",
            subkegiatan=v["subkegiatan"] if tingkat == SUBKEGIATAN else "",
            indikator=v["indikator"], satuan=v["satuan"], target=target, target_teks=v["target"],
            pagu=pagu,
        )  # fmt: skip
        # A code named two ways or under two parents is told once, by this check, not again as
        # a duplicate with different content.
        konflik = _periksa_konsisten(baris, nama, induk, sheet) if not m else []
        m += konflik
        masalah += m
        # As in the Renstra sheet: a duplicate is told with the row's other problems.
        isi = (
            ks, np, kg, baris.subkegiatan, baris.indikator, baris.satuan,
            _banding(v["target"], target), _banding(v["pagu"], pagu),
        )  # fmt: skip
        kunci = (tingkat, tahun, baris.kode)
        pertama = per_kode.setdefault(kunci, (isi, n)) if tahun and baris.kode else None
        if pertama and pertama[1] != n and pertama[0] != isi and not konflik:
            masalah.append(
                Masalah(
                    f"{LABEL_JENIS[tingkat].lower()} {baris.kode} tahun {tahun} sudah ada di baris "
                    f"{pertama[1]} dengan isi berbeda; satu {LABEL_JENIS[tingkat].lower()} hanya "
                    "boleh satu baris.",
                    n,
                    f"kode_{tingkat}",
                    sheet,
                )
            )
        if not m and pertama and pertama[1] == n:
            hasil.append(baris)
    return hasil, masalah


def _periksa_konsisten(
    b: BarisRenja,
    nama: dict[tuple[str, int, str], tuple[str, int]],
    induk: dict[tuple[str, int, str], tuple[str, int]],
    sheet: str | None,
) -> list[Masalah]:
    """One code, one name; one kegiatan under one program, one sub kegiatan under one kegiatan."""
    masalah = []
    tingkat_ada = [(PROGRAM, b.kode_program, b.program, "")]
    if b.tingkat != PROGRAM:
        tingkat_ada.append((KEGIATAN, b.kode_kegiatan, b.kegiatan, b.kode_program))
    if b.tingkat == SUBKEGIATAN:
        tingkat_ada.append((SUBKEGIATAN, b.kode_subkegiatan, b.subkegiatan, b.kode_kegiatan))
    for tingkat, kode, teks, kode_induk in tingkat_ada:
        kunci = (tingkat, b.tahun, kode)
        nama_lama, baris_lama = nama.setdefault(kunci, (teks, b.nomor))
        if nama_lama != teks:
            masalah.append(
                Masalah(
                    f"kode_{tingkat} {kode} sudah bernama '{nama_lama}' di baris {baris_lama}; "
                    "satu kode harus satu nama.",
                    b.nomor,
                    tingkat,
                    sheet,
                )
            )
        if kode_induk:
            induk_lama, baris_lama = induk.setdefault(kunci, (kode_induk, b.nomor))
            if induk_lama != kode_induk:
                atasnya = "program" if tingkat == KEGIATAN else "kegiatan"
                masalah.append(
                    Masalah(
                        f"{LABEL_JENIS[tingkat].lower()} {kode} berada di bawah {atasnya} "
                        f"{induk_lama} di baris {baris_lama}; tidak boleh di bawah dua {atasnya}.",
                        b.nomor,
                        f"kode_{atasnya}",
                        sheet,
                    )
                )
    return masalah


# ---------------------------------------------------------------- planning

Kunci = Hashable
Isi = dict[str, Any]


def _isi_berkas(rencana: Rencana) -> dict[str, dict[Kunci, tuple[Isi, Isi]]]:
    """What the file wants, per kind: key -> (fields compared to decide "changed", fields
    written along but not compared, such as the text a number was read from). Parents are named
    by their key; they become ids only when written."""
    mau: dict[str, dict[Kunci, tuple[Isi, Isi]]] = {j: {} for j in JENIS}
    for b in rencana.renstra:
        mau["tujuan"].setdefault(b.kode_tujuan, ({"nama": b.tujuan}, {}))
        mau["sasaran"].setdefault(
            b.kode_sasaran, ({"nama": b.sasaran, "tujuan": b.kode_tujuan}, {})
        )
        mau["indikator"][b.kode_indikator] = (
            {"nama": b.indikator, "satuan": b.satuan, "baseline": b.baseline, "iku": b.iku,
             "sasaran": b.kode_sasaran},
            {"baseline_teks": b.baseline_teks},
        )  # fmt: skip
        for tahun, (nilai, teks) in b.target.items():
            mau["target"][(b.kode_indikator, tahun)] = ({"nilai": nilai}, {"teks": teks})
    # A program (or kegiatan) takes its indikator, target and pagu from its own row; one that
    # only appears as the parent of lower rows says nothing about them: it is created with them
    # empty, and an existing one keeps its own (see `_induk_saja`).
    tersirat: dict[str, dict[Kunci, tuple[Isi, Isi]]] = {PROGRAM: {}, KEGIATAN: {}}
    for b in rencana.renja:
        tersirat[PROGRAM].setdefault(
            (b.tahun, b.kode_program), ({"nama": b.program, "sasaran": b.kode_sasaran}, {})
        )
        if b.tingkat != PROGRAM:
            tersirat[KEGIATAN].setdefault(
                (b.tahun, b.kode_kegiatan),
                (
                    {"nama": b.kegiatan, "sasaran": b.kode_sasaran,
                     "program": (b.tahun, b.kode_program)},
                    {},
                ),
            )  # fmt: skip
        nama_sendiri = {PROGRAM: b.program, KEGIATAN: b.kegiatan, SUBKEGIATAN: b.subkegiatan}
        induk = {
            PROGRAM: {},
            KEGIATAN: {"program": (b.tahun, b.kode_program)},
            SUBKEGIATAN: {"kegiatan": (b.tahun, b.kode_kegiatan)},
        }
        mau[b.tingkat][(b.tahun, b.kode)] = _unsur(
            nama_sendiri[b.tingkat], b.kode_sasaran, induk[b.tingkat], b
        )
    for tingkat, isi in tersirat.items():
        mau[tingkat] = isi | mau[tingkat]
    return mau


def _unsur(nama: str, kode_sasaran: str, induk: Isi, b: BarisRenja) -> tuple[Isi, Isi]:
    banding = {
        "nama": nama,
        "sasaran": kode_sasaran,
        "indikator": b.indikator,
        "satuan": b.satuan,
        "target": b.target,
        "pagu": b.pagu,
        **induk,
    }
    return banding, {"target_teks": b.target_teks}


UNSUR_RENJA = ["nama", "sasaran_id", "indikator", "satuan", "target", "pagu"]
ISI_BARIS_SENDIRI = ("indikator", "satuan", "target", "pagu")


def _induk_saja(jenis: str, banding: Isi) -> bool:
    """A program or kegiatan known only as the parent of lower rows (no row of its own)."""
    return jenis in (PROGRAM, KEGIATAN) and "indikator" not in banding


def _sama(lama: Isi, banding: Isi) -> bool:
    """Compares only what the file speaks of: a parent known only through its children is
    compared (and written) on its name, sasaran and parent, not on what its own row held."""
    return all(lama[k] == v for k, v in banding.items())


def _isi_db(renstra: Renstra | None) -> dict[str, dict[Kunci, tuple[int, Isi]]]:
    """What the database holds, in the same terms: key -> (id, compared fields, and the text a
    number was read from, which the preview shows). One query per kind, as plain tuples: 50,000
    targets as model instances would cost seconds."""
    ada: dict[str, dict[Kunci, tuple[int, Isi]]] = {j: {} for j in JENIS}
    if renstra is None:
        return ada
    kode: dict[str, dict[int, Kunci]] = {}
    for pk, k, nama in Tujuan.objects.filter(renstra=renstra).values_list("id", "kode", "nama"):
        ada["tujuan"][k] = (pk, {"nama": nama})
    kode["tujuan"] = {pk: k for k, (pk, _) in ada["tujuan"].items()}
    for pk, k, nama, tujuan_id in SasaranStrategis.objects.filter(renstra=renstra).values_list(
        "id", "kode", "nama", "tujuan_id"
    ):
        ada["sasaran"][k] = (pk, {"nama": nama, "tujuan": kode["tujuan"][tujuan_id]})
    kode["sasaran"] = {pk: k for k, (pk, _) in ada["sasaran"].items()}
    for pk, k, nama, satuan, baseline, teks, iku, sasaran_id in IndikatorKinerja.objects.filter(
        renstra=renstra
    ).values_list("id", "kode", "nama", "satuan", "baseline", "baseline_teks", "iku", "sasaran_id"):
        ada["indikator"][k] = (
            pk,
            {"nama": nama, "satuan": satuan, "baseline": baseline, "iku": iku,
             "sasaran": kode["sasaran"][sasaran_id], "baseline_teks": teks},
        )  # fmt: skip
    kode["indikator"] = {pk: k for k, (pk, _) in ada["indikator"].items()}
    for pk, indikator_id, tahun, nilai, teks in TargetIndikator.objects.filter(
        indikator__renstra=renstra
    ).values_list("id", "indikator_id", "tahun", "nilai", "teks"):
        ada["target"][(kode["indikator"][indikator_id], tahun)] = (
            pk,
            {"nilai": nilai, "teks": teks},
        )
    for model, jenis, induk in (
        (Program, PROGRAM, None),
        (Kegiatan, KEGIATAN, "program"),
        (SubKegiatan, SUBKEGIATAN, "kegiatan"),
    ):
        kolom = ["id", "tahun", "kode", *UNSUR_RENJA, "target_teks"]
        kolom += [f"{induk}_id"] if induk else []
        for baris in model.objects.filter(renstra=renstra).values_list(*kolom):
            pk, tahun, k, nama, sasaran_id, indikator, satuan, target, pagu, teks, *id_induk = baris
            isi = {"nama": nama, "sasaran": kode["sasaran"][sasaran_id], "indikator": indikator,
                   "satuan": satuan, "target": target, "pagu": pagu, "target_teks": teks}  # fmt: skip
            if induk:
                isi[induk] = kode[induk][id_induk[0]]
            ada[jenis][(tahun, k)] = (pk, isi)
        kode[jenis] = {pk: k for k, (pk, _) in ada[jenis].items()}
    return ada


def _label_hilang(jenis: str, kunci: Kunci, isi: Isi) -> str:
    if jenis == "target":
        kode, tahun = kunci
        return f"target {kode} tahun {tahun} ({tulis_angka(isi['nilai']) or 'kosong'})"
    if jenis in (PROGRAM, KEGIATAN, SUBKEGIATAN):
        tahun, kode = kunci
        return f"{kode} {isi['nama']} (tahun {tahun})"
    return f"{kunci} {isi['nama']}"


def _label_induk_saja(jenis: str, kunci: Kunci, isi: Isi) -> str:
    tahun, kode = kunci
    return (
        f"baris {LABEL_JENIS[jenis].lower()} {kode} {isi['nama']} (tahun {tahun}) tidak ada lagi "
        "di berkas; indikator, target dan pagunya dibiarkan"
    )


@tanpa_gc()
def _hitung(
    rencana: Rencana,
    mau: dict[str, dict[Kunci, tuple[Isi, Isi]]],
    ada: dict[str, dict[Kunci, tuple[int, Isi]]],
    *,
    rinci: bool = True,
    renstra: Renstra | None = None,
) -> None:
    """Counts per kind and, with `rinci`, every item row by row (`rencana.rincian`), naming the
    SKP that link a changed item of `renstra` (the one the database holds)."""
    tahun_renja = set(rencana.tahun_renja)
    kelompok = []
    terkait: dict[str, dict[int, list[tuple[BarisRincian, bool]]]] = {}
    for jenis in JENIS:
        h = Hitungan()
        k = KelompokRincian(jenis, LABEL_JENIS[jenis])
        for kunci, (banding, tambahan) in mau[jenis].items():
            lama = ada[jenis].get(kunci)
            if rinci:
                b = rincian.baris(
                    jenis,
                    LABEL_JENIS[jenis],
                    kunci,
                    mau["indikator"][kunci[0]][0]["nama"] if jenis == "target" else banding["nama"],
                    banding,
                    lama[1] if lama else None,
                    tambahan,
                )
                k.baris.append(b)
                if b.jenis == DIUBAH and jenis in rincian.DITAUTKAN_SKP:
                    terkait.setdefault(jenis, {}).setdefault(lama[0], []).append(
                        (b, lama[1]["nama"] != banding["nama"])
                    )
                elif b.jenis == DIUBAH and jenis == "target":
                    id_indikator = ada["indikator"][kunci[0]][0]
                    terkait.setdefault("indikator", {}).setdefault(id_indikator, []).append(
                        (b, False)
                    )
            if lama is None:
                h.baru += 1
                continue
            if not _sama(lama[1], banding):
                h.diubah += 1
            else:
                h.tetap += 1
            # Its own row was in an earlier file and is gone from this one: told, like any row
            # no longer in the file, and what it held is kept.
            if _induk_saja(jenis, banding) and any(
                lama[1][k] not in ("", None) for k in ISI_BARIS_SENDIRI
            ):
                h.jumlah_hilang += 1
                if len(h.hilang) < HILANG_DITAMPILKAN:
                    h.hilang.append(_label_induk_saja(jenis, kunci, lama[1]))
        for kunci, (_, isi) in ada[jenis].items():
            if kunci in mau[jenis]:
                continue
            # A target whose indikator vanished is told with its indikator; a Renja year the
            # file does not cover at all is not "missing", just not part of this upload.
            if jenis == "target" and kunci[0] not in mau["indikator"]:
                continue
            if jenis in (PROGRAM, KEGIATAN, SUBKEGIATAN) and kunci[0] not in tahun_renja:
                continue
            h.jumlah_hilang += 1
            if len(h.hilang) < HILANG_DITAMPILKAN:
                h.hilang.append(_label_hilang(jenis, kunci, isi))
        rencana.hitungan[jenis] = h
        k.urutkan()
        kelompok.append(k)
    if rinci:
        if renstra is not None:
            rincian.catatan_skp(renstra.pk, terkait)
        rencana.rincian = Rincian(kelompok)


def renstra_yang_ada(unit: UnitKerja, periode: Periode, *, kunci: bool = False) -> Renstra | None:
    qs = Renstra.objects.filter(
        unit=unit, tahun_awal=periode.tahun_awal, tahun_akhir=periode.tahun_akhir
    )
    return (qs.select_for_update() if kunci else qs).first()


def rencanakan(unit: UnitKerja, rencana: Rencana) -> Rencana:
    """Checks against the database and counts what would change, in a handful of queries. The
    period is checked even when the file has problems, so every problem is told at once."""
    p = rencana.periode
    tumpang = (
        Renstra.objects.filter(
            unit=unit, tahun_awal__lte=p.tahun_akhir, tahun_akhir__gte=p.tahun_awal
        )
        .exclude(tahun_awal=p.tahun_awal, tahun_akhir=p.tahun_akhir)
        .first()
    )
    if tumpang:
        rencana.masalah.append(
            Masalah(
                f"{unit} sudah memiliki Renstra {tumpang.periode} yang tumpang tindih dengan "
                f"periode {p}. Pilih periode {tumpang.periode} untuk memperbarui Renstra itu."
            )
        )
    if rencana.masalah:
        return rencana
    renstra = renstra_yang_ada(unit, p)
    _hitung(rencana, _isi_berkas(rencana), _isi_db(renstra), renstra=renstra)
    return rencana


# ---------------------------------------------------------------- writing


@transaction.atomic
def terapkan(unit: UnitKerja, rencana: Rencana) -> Renstra:
    """Writes the plan in bulk, parents first, and refreshes its counts to what was written.
    Call only with a plan from `rencanakan` that has no problems. Nothing is ever deleted."""
    if rencana.masalah:
        raise ValueError("Rencana impor yang bermasalah tidak boleh diterapkan.")
    p = rencana.periode
    Renstra.objects.get_or_create(unit=unit, tahun_awal=p.tahun_awal, tahun_akhir=p.tahun_akhir)
    # Locked, so two confirmations for the same Renstra run one after the other, the second
    # seeing the rows of the first.
    renstra = renstra_yang_ada(unit, p, kunci=True)
    mau, ada = _isi_berkas(rencana), _isi_db(renstra)
    _hitung(rencana, mau, ada, rinci=False)  # counts of what is written now; rows as previewed
    di_renstra = {"renstra_id": renstra.pk}
    id_tujuan = _tulis(Tujuan, mau["tujuan"], ada["tujuan"], lambda k: {**di_renstra, "kode": k})
    id_sasaran = _tulis(
        SasaranStrategis,
        mau["sasaran"],
        ada["sasaran"],
        lambda k: {**di_renstra, "kode": k},
        tujuan=id_tujuan,
    )
    id_indikator = _tulis(
        IndikatorKinerja,
        mau["indikator"],
        ada["indikator"],
        lambda k: {**di_renstra, "kode": k},
        sasaran=id_sasaran,
    )
    _tulis(
        TargetIndikator,
        mau["target"],
        ada["target"],
        lambda k: {"indikator_id": id_indikator[k[0]], "tahun": k[1]},
    )

    def per_tahun(k: tuple[int, str]) -> dict:
        return {**di_renstra, "tahun": k[0], "kode": k[1]}

    id_program = _tulis(Program, mau[PROGRAM], ada[PROGRAM], per_tahun, sasaran=id_sasaran)
    id_kegiatan = _tulis(
        Kegiatan, mau[KEGIATAN], ada[KEGIATAN], per_tahun, sasaran=id_sasaran, program=id_program
    )
    _tulis(
        SubKegiatan,
        mau[SUBKEGIATAN],
        ada[SUBKEGIATAN],
        per_tahun,
        sasaran=id_sasaran,
        kegiatan=id_kegiatan,
    )
    renstra.save(update_fields=["diubah"])
    # The rows above were written in bulk, without signals: what was kept from the plan before
    # (the SKP pages naming a linked item) is worked out again (core/versi.py).
    naikkan("kinerja")
    return renstra


def _tulis(
    model: type[models.Model],
    mau: dict[Kunci, tuple[Isi, Isi]],
    ada: dict[Kunci, tuple[int, Isi]],
    buat: Callable[[Kunci], dict],
    **induk: dict[Kunci, int],
) -> dict[Kunci, int]:
    """New rows in one bulk insert, changed rows in one bulk update; returns key -> id.
    `induk` maps a foreign key field to the ids of its parents by key."""
    baru: list[models.Model] = []
    kunci_baru: list[Kunci] = []
    # Grouped by the fields written: a parent known only through its children writes fewer
    # fields than a row of its own, and must not have the others overwritten with blanks.
    diubah: dict[tuple[str, ...], list[models.Model]] = {}
    for kunci, (banding, tambahan) in mau.items():
        lama = ada.get(kunci)
        if lama is not None and _sama(lama[1], banding):
            continue
        nilai = {**banding, **tambahan}
        for nama, peta in induk.items():
            nilai[f"{nama}_id"] = peta[nilai.pop(nama)]
        if lama is None:
            baru.append(model(**buat(kunci), **nilai))
            kunci_baru.append(kunci)
        else:
            medan = tuple(k.removesuffix("_id") for k in nilai)
            diubah.setdefault(medan, []).append(model(pk=lama[0], **nilai))
    model.objects.bulk_create(baru, batch_size=BATCH)
    for medan, objek in diubah.items():
        _perbarui_massal(model, objek, list(medan))
    return {k: pk for k, (pk, _) in ada.items()} | {
        k: obj.pk for k, obj in zip(kunci_baru, baru, strict=True)
    }


def _perbarui_massal(
    model: type[models.Model], objek: list[models.Model], medan: list[str]
) -> None:
    """What bulk_update does, as one plain `UPDATE ... SET f = CASE id WHEN .. THEN .. END` per
    batch. bulk_update builds and resolves a Django expression for every row and field: 50,000
    changed targets took 16 s of Python on this machine, this takes well under one."""
    if not objek:
        return
    qn = connection.ops.quote_name
    meta = model._meta
    kolom = [meta.get_field(m) for m in medan]
    pk = qn(meta.pk.column)
    batas_param = connection.features.max_query_params or 10_000
    per_batch = max(1, min(BATCH, batas_param // (2 * len(kolom) + 1)))
    with connection.cursor() as cursor:
        for awal in range(0, len(objek), per_batch):
            potong = objek[awal : awal + per_batch]
            kasus = " ".join(["WHEN %s THEN %s"] * len(potong))
            set_sql, param = [], []
            for field in kolom:
                # The CAST gives PostgreSQL the column's type when every value is NULL or text.
                set_sql.append(
                    f"{qn(field.column)} = CAST(CASE {pk} {kasus} END AS {field.db_type(connection)})"
                )
                for o in potong:
                    param += [o.pk, field.get_db_prep_save(getattr(o, field.attname), connection)]
            param += [o.pk for o in potong]
            cursor.execute(
                f"UPDATE {qn(meta.db_table)} SET {', '.join(set_sql)} "
                f"WHERE {pk} IN ({', '.join(['%s'] * len(potong))})",
                param,
            )
