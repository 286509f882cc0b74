"""Pola distribusi predikat kinerja pegawai per capaian kinerja organisasi (SE MenPANRB 3/2023;
domain.md, the distribution table): the one module that knows the rules, how a percentage of a
small unit is rounded, the allowed count per predikat, and why a pattern does not fit.

Pure (no database): `periksa(capaian, jumlah, hitungan, pembulatan)` -> HasilDistribusi. p x N is
computed with Fraction, never floats. The curve is a consideration for the penilai: a pattern
that does not fit is reported with its reasons, and a unit too small for the rules is explained
(`mustahil`), never enforced here."""

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from math import ceil, floor

from django.db import models

from penilaian.kuadran import Predikat
from skp.target import tampil_angka

MAKS_PEGAWAI = 10_000


class CapaianOrganisasi(models.TextChoices):
    ISTIMEWA = "istimewa", "Istimewa"
    BAIK = "baik", "Baik"
    BUTUH_PERBAIKAN = "butuh_perbaikan", "Butuh Perbaikan"
    KURANG = "kurang", "Kurang"
    SANGAT_KURANG = "sangat_kurang", "Sangat Kurang"


class Pembulatan(models.TextChoices):
    """No official rounding exists for small units (70% of 7 = 4,9): the instansi chooses."""

    BAWAH_ATAS = "bawah-atas", "Bawah-atas: batas paling banyak ke bawah, paling sedikit ke atas"
    BIASA = "biasa", "Biasa: setengah ke atas"


PALING_BANYAK = "paling_banyak"
PALING_SEDIKIT = "paling_sedikit"

# The x-axis of the regulation's curve: the worst predikat left, the best right.
URUTAN_KURVA: tuple[Predikat, ...] = (
    Predikat.SANGAT_KURANG,
    Predikat.KURANG,
    Predikat.BUTUH_PERBAIKAN,
    Predikat.BAIK,
    Predikat.SANGAT_BAIK,
)

# Where each capaian's curve peaks: the predikat "sebagian besar" pegawai have.
PUNCAK: dict[str, Predikat] = {
    CapaianOrganisasi.ISTIMEWA: Predikat.SANGAT_BAIK,
    CapaianOrganisasi.BAIK: Predikat.BAIK,
    CapaianOrganisasi.BUTUH_PERBAIKAN: Predikat.BUTUH_PERBAIKAN,
    CapaianOrganisasi.KURANG: Predikat.KURANG,
    CapaianOrganisasi.SANGAT_KURANG: Predikat.SANGAT_KURANG,
}


@dataclass(frozen=True)
class Aturan:
    """One clause of a table row: the count of `kelompok` together (one predikat, or a group
    such as "Butuh Perbaikan atau Kurang/Misconduct") is at most / at least `persen` of the
    unit, or an absolute `jumlah` ("harus ada" = at least 1, "tidak ada" = at most 0)."""

    kelompok: tuple[Predikat, ...]
    jenis: str  # PALING_BANYAK or PALING_SEDIKIT
    persen: Fraction | None = None
    jumlah: int | None = None

    @property
    def nama_kelompok(self) -> str:
        return " atau ".join(Predikat(p).label for p in self.kelompok)

    @property
    def uraian(self) -> str:
        """The clause as the table says it: "paling banyak 70% Baik"."""
        nama = self.nama_kelompok
        if self.persen is not None:
            kata = "paling banyak" if self.jenis == PALING_BANYAK else "paling sedikit"
            bersama = " (jumlah keduanya)" if len(self.kelompok) > 1 else ""
            return f"{kata} {_persen(self.persen)} {nama}{bersama}"
        if self.jenis == PALING_BANYAK and self.jumlah == 0:
            return f"tidak ada {nama}"
        if self.jenis == PALING_SEDIKIT and self.jumlah == 1:
            return f"harus ada paling sedikit satu pegawai {nama}"
        kata = "paling banyak" if self.jenis == PALING_BANYAK else "paling sedikit"
        return f"{kata} {self.jumlah} pegawai {nama}"


SB, B, BP, K, SK = (
    Predikat.SANGAT_BAIK,
    Predikat.BAIK,
    Predikat.BUTUH_PERBAIKAN,
    Predikat.KURANG,
    Predikat.SANGAT_KURANG,
)
P = Fraction

# The distribution table of domain.md, one Aturan per clause; `SISANYA` is its last clause
# ("the rest ..."), which only names predikat the other clauses already allow.
ATURAN: dict[str, tuple[Aturan, ...]] = {
    CapaianOrganisasi.ISTIMEWA: (Aturan((SB,), PALING_BANYAK, persen=P(70, 100)),),
    CapaianOrganisasi.BAIK: (
        Aturan((B,), PALING_BANYAK, persen=P(70, 100)),
        Aturan((BP, K), PALING_SEDIKIT, jumlah=1),
    ),
    CapaianOrganisasi.BUTUH_PERBAIKAN: (
        Aturan((BP,), PALING_SEDIKIT, persen=P(60, 100)),
        Aturan((SB,), PALING_BANYAK, persen=P(10, 100)),
    ),
    CapaianOrganisasi.KURANG: (
        Aturan((K,), PALING_SEDIKIT, persen=P(60, 100)),
        Aturan((BP,), PALING_SEDIKIT, persen=P(10, 100)),
        Aturan((SB,), PALING_BANYAK, persen=P(10, 100)),
    ),
    CapaianOrganisasi.SANGAT_KURANG: (
        Aturan((SK,), PALING_SEDIKIT, persen=P(60, 100)),
        Aturan((K, BP), PALING_SEDIKIT, persen=P(10, 100)),
        Aturan((SB,), PALING_BANYAK, jumlah=0),
    ),
}
SISANYA: dict[str, str] = {
    CapaianOrganisasi.ISTIMEWA: "sisanya predikat lain mana pun",
    CapaianOrganisasi.BAIK: "sisanya Sangat Baik atau Sangat Kurang",
    CapaianOrganisasi.BUTUH_PERBAIKAN: "sisanya Baik, Kurang/Misconduct, atau Sangat Kurang",
    CapaianOrganisasi.KURANG: "sisanya Baik atau Sangat Kurang",
    CapaianOrganisasi.SANGAT_KURANG: "sisanya Baik",
}


def _blok(capaian: str) -> list[tuple[Predikat, ...]]:
    """The predikat grouped as the rules count them: each rule's group, then every predikat no
    rule names. The groups of one capaian never overlap, which keeps the exact ranges simple."""
    blok: list[tuple[Predikat, ...]] = []
    for aturan in ATURAN[capaian]:
        if aturan.kelompok not in blok:
            blok.append(aturan.kelompok)
    disebut = {p for kelompok in blok for p in kelompok}
    if len(disebut) != sum(len(k) for k in blok):
        raise AssertionError(f"Kelompok aturan capaian {capaian} tumpang tindih.")
    return blok + [(p,) for p in URUTAN_KURVA if p not in disebut]


# ---------------------------------------------------------------------------- rounding


def bulatkan(nilai: Fraction, jenis: str, pembulatan: str) -> int:
    """p x N as a count. Bawah-atas: "paling banyak" down, "paling sedikit" up, so the
    percentage is never exceeded nor missed; biasa: half up, for both."""
    if pembulatan == Pembulatan.BIASA:
        return floor(nilai + Fraction(1, 2))
    if pembulatan != Pembulatan.BAWAH_ATAS:
        raise ValueError(f"Pembulatan tidak dikenal: {pembulatan!r}")
    return floor(nilai) if jenis == PALING_BANYAK else ceil(nilai)


def kalimat_pembulatan(pembulatan: str) -> str:
    """The rule applied, in one Indonesian sentence, for every screen that applies it."""
    if pembulatan == Pembulatan.BIASA:
        return (
            "Pembulatan biasa: hasil persentase × jumlah pegawai dibulatkan ke bilangan bulat "
            "terdekat (setengah ke atas), untuk batas paling banyak maupun paling sedikit; "
            "contoh: paling banyak 70% dari 7 pegawai = 4,9, menjadi 5 pegawai."
        )
    return (
        "Pembulatan bawah-atas: batas \u201cpaling banyak\u201d dibulatkan ke bawah dan batas "
        "\u201cpaling sedikit\u201d dibulatkan ke atas, sehingga persentasenya tidak pernah "
        "dilampaui; contoh: paling banyak 70% dari 7 pegawai = 4,9, menjadi 4 pegawai."
    )


def _persen(nilai: Fraction) -> str:
    return f"{tampil_angka(_desimal(nilai * 100))}%"


def _desimal(nilai: Fraction) -> Decimal:
    # Every p x N here has a denominator dividing 100: the decimal is exact.
    return Decimal(nilai.numerator) / Decimal(nilai.denominator)


def _angka(nilai: Fraction) -> str:
    return tampil_angka(_desimal(nilai))


# ---------------------------------------------------------------------------- result


@dataclass(frozen=True)
class Rentang:
    minimum: int
    maksimum: int

    def memuat(self, jumlah: int) -> bool:
        return self.minimum <= jumlah <= self.maksimum

    def __str__(self) -> str:
        if self.minimum == self.maksimum:
            return str(self.minimum)
        return f"{self.minimum}\u2013{self.maksimum}"


@dataclass(frozen=True)
class BatasAturan:
    """A rule applied to a unit of N: its count, how it was reached, and (when counts are
    given) the current count and whether the rule holds."""

    aturan: Aturan
    batas: int
    nilai: Fraction | None  # p x N before rounding; None for an absolute count
    penjelasan: str  # "paling banyak 70% Baik: 70% × 7 = 4,9, dibulatkan ke bawah menjadi 4"
    jumlah: int | None = None
    terpenuhi: bool | None = None

    @property
    def kelompok(self) -> tuple[Predikat, ...]:
        return self.aturan.kelompok

    @property
    def jenis(self) -> str:
        return self.aturan.jenis


@dataclass(frozen=True)
class BarisPredikat:
    """One predikat of the chart and the table: allowed range, current count, in range."""

    predikat: Predikat
    rentang: Rentang
    jumlah: int | None

    @property
    def label(self) -> str:
        return self.predikat.label

    @property
    def dalam_rentang(self) -> bool | None:
        return None if self.jumlah is None else self.rentang.memuat(self.jumlah)


@dataclass(frozen=True)
class HasilDistribusi:
    capaian: CapaianOrganisasi
    jumlah_pegawai: int
    pembulatan: Pembulatan
    rentang: dict[Predikat, Rentang]  # per predikat, in URUTAN_KURVA order
    rentang_kelompok: dict[tuple[Predikat, ...], Rentang]  # groups counted together
    batas_aturan: tuple[BatasAturan, ...]
    hitungan: dict[Predikat, int] | None  # the counts checked (None: ranges only)
    alasan: tuple[str, ...]  # why the counts do not (or can no longer) fit
    mustahil: bool  # the rules cannot be applied sensibly to a unit this small
    penjelasan_mustahil: tuple[str, ...] = field(default=())

    @property
    def dinilai(self) -> int:
        return sum(self.hitungan.values()) if self.hitungan is not None else 0

    @property
    def belum_dinilai(self) -> int:
        return self.jumlah_pegawai - self.dinilai if self.hitungan is not None else 0

    @property
    def lengkap(self) -> bool:
        return self.hitungan is not None and self.belum_dinilai == 0

    @property
    def sesuai(self) -> bool | None:
        """True/False for a complete pattern, None when only ranges were asked or some pegawai
        are not rated yet (then `alasan` still lists what can no longer be made to fit)."""
        if not self.lengkap:
            return None
        return not self.alasan

    @property
    def masih_mungkin(self) -> bool:
        """The pegawai not rated yet can still be rated so that the pattern fits."""
        return not self.alasan

    @property
    def kalimat_pembulatan(self) -> str:
        return kalimat_pembulatan(self.pembulatan)

    @property
    def uraian_pola(self) -> str:
        """The table row in words: "paling banyak 70% Baik; harus ada ...; sisanya ..."."""
        bagian = [a.uraian for a in ATURAN[self.capaian]] + [SISANYA[self.capaian]]
        return "; ".join(bagian) + "."

    @property
    def baris(self) -> list[BarisPredikat]:
        return [
            BarisPredikat(p, self.rentang[p], None if self.hitungan is None else self.hitungan[p])
            for p in URUTAN_KURVA
        ]

    @property
    def baris_tabel(self) -> list[BarisPredikat]:
        """The rows in the regulation's order of listing (Sangat Baik first), for tables."""
        return sorted(self.baris, key=lambda b: list(Predikat).index(b.predikat))

    @property
    def baris_kelompok(self) -> list[tuple[str, Rentang, int | None]]:
        """Groups counted together: ("Butuh Perbaikan + Kurang/Misconduct", range, count)."""
        return [
            (
                " + ".join(Predikat(p).label for p in k),
                r,
                None if self.hitungan is None else sum(self.hitungan[p] for p in k),
            )
            for k, r in self.rentang_kelompok.items()
        ]

    def sebagai_dict(self) -> dict:
        """Plain data for JSON (the command's --json, an API)."""
        return {
            "capaian": self.capaian.label,
            "jumlah_pegawai": self.jumlah_pegawai,
            "pembulatan": self.pembulatan.value,
            "aturan_pembulatan": self.kalimat_pembulatan,
            "pola": self.uraian_pola,
            "predikat": [
                {
                    "predikat": b.label,
                    "minimum": b.rentang.minimum,
                    "maksimum": b.rentang.maksimum,
                    "jumlah": b.jumlah,
                    "dalam_rentang": b.dalam_rentang,
                }
                for b in self.baris_tabel
            ],
            "kelompok": [
                {
                    "predikat": [Predikat(p).label for p in k],
                    "minimum": r.minimum,
                    "maksimum": r.maksimum,
                    "jumlah": None if self.hitungan is None else sum(self.hitungan[p] for p in k),
                }
                for k, r in self.rentang_kelompok.items()
            ],
            "aturan": [
                {"uraian": b.aturan.uraian, "batas": b.batas, "penjelasan": b.penjelasan}
                for b in self.batas_aturan
            ],
            "sesuai": self.sesuai,
            "alasan": list(self.alasan),
            "mustahil": self.mustahil,
            "penjelasan_mustahil": list(self.penjelasan_mustahil),
        }

    @property
    def ringkasan(self) -> str:
        """One sentence stating the counts, the ranges and the fit: the chart's text alternative
        and the line under it."""
        awal = (
            f"Capaian kinerja organisasi {self.capaian.label}, unit berisi "
            f"{self.jumlah_pegawai} pegawai."
        )
        if self.hitungan is None:
            isi = "; ".join(f"{b.label} boleh {b.rentang} pegawai" for b in self.baris)
            kalimat = [awal, f"Jumlah yang dibolehkan: {isi}."]
        else:
            isi = "; ".join(
                f"{b.label} {b.jumlah} (boleh {b.rentang})"
                + ("" if b.dalam_rentang else ", di luar batas")
                for b in self.baris
            )
            kalimat = [awal, f"Jumlah predikat sekarang: {isi}."]
            if self.belum_dinilai:
                kalimat.append(f"{self.belum_dinilai} pegawai belum dinilai.")
            if self.sesuai is True:
                kalimat.append("Pola sesuai dengan pola distribusi.")
            elif self.alasan:
                kalimat.append("Pola TIDAK sesuai: " + " ".join(self.alasan))
            else:
                kalimat.append("Pola masih dapat dibuat sesuai.")
        if self.mustahil:
            kalimat.extend(self.penjelasan_mustahil)
        return " ".join(kalimat)


# ---------------------------------------------------------------------------- the check


def baca_capaian(teks: str) -> CapaianOrganisasi | None:
    """A capaian from its value or label, case- and space-insensitive ("baik", "Butuh
    perbaikan", "butuh_perbaikan")."""
    kunci = _kunci(teks)
    for c in CapaianOrganisasi:
        if kunci in (_kunci(c.value), _kunci(c.label)):
            return c
    return None


def baca_predikat(teks: str) -> Predikat | None:
    """A predikat from its value or label, case-insensitive; "Kurang" and "Kurang/Misconduct"
    (and "Misconduct") both mean Kurang/Misconduct."""
    kunci = _kunci(teks)
    for p in Predikat:
        if kunci in (_kunci(p.value), _kunci(p.label)):
            return p
    if kunci in ("misconduct", "kurang misconduct"):
        return Predikat.KURANG
    return None


def _kunci(teks: str) -> str:
    return " ".join(str(teks).lower().replace("_", " ").replace("/", " ").split())


def periksa(
    capaian: str,
    jumlah_pegawai: int,
    hitungan: Mapping[str, int] | None = None,
    pembulatan: str = Pembulatan.BAWAH_ATAS,
) -> HasilDistribusi:
    """The allowed count per predikat for a unit of `jumlah_pegawai` under `capaian` and, when
    `hitungan` (predikat -> count, missing = 0) is given, whether it fits and why not. Counts
    summing to less than the unit are rated so far: the reasons then say what the pegawai not
    rated yet can no longer repair. A ValueError (Indonesian) for input that makes no sense."""
    if capaian not in CapaianOrganisasi.values:
        raise ValueError(f"Capaian kinerja organisasi tidak dikenal: {capaian}.")
    if pembulatan not in Pembulatan.values:
        raise ValueError(f"Aturan pembulatan tidak dikenal: {pembulatan}.")
    capaian, pembulatan = CapaianOrganisasi(capaian), Pembulatan(pembulatan)
    n = jumlah_pegawai
    if isinstance(n, bool) or not isinstance(n, int) or not 1 <= n <= MAKS_PEGAWAI:
        raise ValueError(
            f"Jumlah pegawai harus bilangan bulat 1 sampai {MAKS_PEGAWAI:,}".replace(",", ".") + "."
        )
    jumlah = _normalkan_hitungan(hitungan, n)

    batas = tuple(_terapkan(a, n, pembulatan) for a in ATURAN[capaian])
    blok = _blok(capaian)
    bawah = {k: 0 for k in blok}
    atas = {k: n for k in blok}
    for b in batas:
        if b.jenis == PALING_SEDIKIT:
            bawah[b.kelompok] = max(bawah[b.kelompok], b.batas)
        else:
            atas[b.kelompok] = min(atas[b.kelompok], b.batas)
    bisa = all(bawah[k] <= atas[k] for k in blok) and sum(bawah.values()) <= n <= sum(atas.values())
    rentang_blok = {}
    for k in blok:
        if bisa:
            lain_bawah = sum(bawah[j] for j in blok if j != k)
            lain_atas = sum(atas[j] for j in blok if j != k)
            rentang_blok[k] = Rentang(max(bawah[k], n - lain_atas), min(atas[k], n - lain_bawah))
        else:  # no pattern fits: each group's own rule, explained by `mustahil`
            rentang_blok[k] = Rentang(bawah[k], atas[k])
    rentang: dict[Predikat, Rentang] = {}
    for k in blok:
        for p in k:
            # A member of a group counted together may hold none of the group's count.
            r = rentang_blok[k]
            rentang[p] = r if len(k) == 1 else Rentang(0, r.maksimum)
    rentang = {p: rentang[p] for p in URUTAN_KURVA}
    kelompok = {k: rentang_blok[k] for k in blok if len(k) > 1}

    penjelasan = _penjelasan_mustahil(capaian, n, batas, bawah, bisa, rentang)
    alasan: tuple[str, ...] = ()
    if jumlah is not None:
        batas = tuple(_nilai_batas(b, jumlah) for b in batas)
        alasan = _alasan(batas, blok, bawah, atas, jumlah, n)
    return HasilDistribusi(
        capaian=capaian,
        jumlah_pegawai=n,
        pembulatan=pembulatan,
        rentang=rentang,
        rentang_kelompok=kelompok,
        batas_aturan=batas,
        hitungan=jumlah,
        alasan=alasan,
        mustahil=bool(penjelasan),
        penjelasan_mustahil=penjelasan,
    )


def _normalkan_hitungan(hitungan: Mapping[str, int] | None, n: int) -> dict[Predikat, int] | None:
    if hitungan is None:
        return None
    jumlah = {p: 0 for p in URUTAN_KURVA}
    for kunci, nilai in hitungan.items():
        p = kunci if isinstance(kunci, Predikat) else baca_predikat(kunci)
        if p is None:
            raise ValueError(f"Predikat tidak dikenal: {kunci}.")
        if isinstance(nilai, bool) or not isinstance(nilai, int) or nilai < 0:
            raise ValueError(f"Jumlah {p.label} harus bilangan bulat 0 atau lebih.")
        jumlah[p] += nilai
    total = sum(jumlah.values())
    if total > n:
        raise ValueError(f"Jumlah predikat ({total}) melebihi jumlah pegawai unit ({n}).")
    return jumlah


def _terapkan(aturan: Aturan, n: int, pembulatan: str) -> BatasAturan:
    if aturan.persen is None:
        return BatasAturan(aturan, aturan.jumlah, None, _kapital(aturan.uraian) + ".")
    nilai = aturan.persen * n
    batas = bulatkan(nilai, aturan.jenis, pembulatan)
    hitung = f"{_persen(aturan.persen)} × {n} = {_angka(nilai)}"
    if nilai.denominator == 1:
        cara = f"{hitung} pegawai"
    else:
        arah = "ke atas" if batas > nilai else "ke bawah"
        cara = f"{hitung}, dibulatkan {arah} menjadi {batas} pegawai"
    return BatasAturan(aturan, batas, nilai, f"{_kapital(aturan.uraian)}: {cara}.")


def _kapital(teks: str) -> str:
    return teks[:1].upper() + teks[1:]


def _nilai_batas(b: BatasAturan, jumlah: dict[Predikat, int]) -> BatasAturan:
    g = sum(jumlah[p] for p in b.kelompok)
    ok = g <= b.batas if b.jenis == PALING_BANYAK else g >= b.batas
    return BatasAturan(b.aturan, b.batas, b.nilai, b.penjelasan, g, ok)


def _alasan(
    batas: tuple[BatasAturan, ...],
    blok: list[tuple[Predikat, ...]],
    bawah: dict,
    atas: dict,
    jumlah: dict[Predikat, int],
    n: int,
) -> tuple[str, ...]:
    sisa = n - sum(jumlah.values())
    alasan = []
    for b in batas:
        nama = b.aturan.nama_kelompok
        dasar = b.penjelasan[:1].lower() + b.penjelasan[1:].rstrip(".")
        if b.jenis == PALING_BANYAK and b.jumlah > b.batas:
            alasan.append(
                f"{nama} {b.jumlah} pegawai, melebihi batas paling banyak {b.batas} ({dasar})."
            )
        elif b.jenis == PALING_SEDIKIT and b.jumlah + sisa < b.batas:
            kurang = f"kurang dari batas paling sedikit {b.batas} ({dasar})"
            if sisa:
                kurang += f", dan {sisa} pegawai yang belum dinilai tidak cukup menutupinya"
            alasan.append(f"{nama} {b.jumlah} pegawai, {kurang}.")
    if not alasan and sisa:
        # Each minimum alone can still be met; together they may need more than remain.
        perlu = sum(max(0, bawah[k] - sum(jumlah[p] for p in k)) for k in blok)
        if perlu > sisa:
            alasan.append(
                f"Batas paling sedikit yang belum terpenuhi memerlukan {perlu} pegawai lagi, "
                f"lebih dari {sisa} pegawai yang belum dinilai."
            )
        ruang = sum(max(0, atas[k] - sum(jumlah[p] for p in k)) for k in blok)
        if ruang < sisa:
            alasan.append(
                f"Batas paling banyak hanya menyisakan tempat untuk {ruang} pegawai lagi, "
                f"kurang dari {sisa} pegawai yang belum dinilai."
            )
    return tuple(alasan)


def _penjelasan_mustahil(
    capaian: CapaianOrganisasi,
    n: int,
    batas: tuple[BatasAturan, ...],
    bawah: dict,
    bisa: bool,
    rentang: dict[Predikat, Rentang],
) -> tuple[str, ...]:
    """Why the rules cannot be applied sensibly to a unit of n: no pattern fits at all, or the
    capaian's own predikat (the one "sebagian besar" should have) is left no place."""
    unit = f"unit berisi {n} pegawai"
    tidak_dipaksakan = (
        "Pola distribusi adalah pertimbangan bagi pejabat penilai: aplikasi menjelaskannya "
        "dan tidak memaksakannya."
    )
    if not bisa:
        minimum = [b for b in batas if b.jenis == PALING_SEDIKIT and b.batas > 0]
        rincian = ", ".join(f"{b.batas} {b.aturan.nama_kelompok}" for b in minimum)
        total = sum(bawah.values())
        return (
            f"Untuk {unit}, tidak ada pola yang dapat memenuhi semua aturan capaian "
            f"{capaian.label}: batas paling sedikit ({rincian}) berjumlah {total} pegawai, "
            f"lebih dari {n}.",
            tidak_dipaksakan,
        )
    puncak = PUNCAK[capaian]
    if rentang[puncak].maksimum > 0:
        return ()
    sendiri = next((b for b in batas if b.kelompok == (puncak,) and b.jenis == PALING_BANYAK), None)
    if sendiri is not None and sendiri.batas == 0:
        sebab = sendiri.penjelasan[:1].lower() + sendiri.penjelasan[1:].rstrip(".")
    else:
        lain = [b for b in batas if b.jenis == PALING_SEDIKIT and b.batas > 0]
        sebab = "; ".join(b.aturan.uraian for b in lain) + f", sehingga {n} pegawai habis"
    return (
        f"Untuk {unit}, aturan capaian {capaian.label} tidak menyisakan tempat bagi predikat "
        f"{puncak.label} sama sekali ({sebab}), padahal sebagian besar pegawai semestinya "
        f"berpredikat {puncak.label}.",
        tidak_dipaksakan,
    )
