"""Quality analyser for SKP performance indicators (indikator kinerja individu).

Plain Python, no Django: ``analisis("...", target="95", satuan="%", aspek="kualitas")``
returns whether the indicator is a measurable result (``terukur``), a score 0-100 and
findings (``Temuan``) with an Indonesian message and a concrete rewrite suggestion.

The rules follow the guidance in the project's seed articles (SMART; output/outcome rather
than activity; a number, percentage, time, cost or defined quality scale; realistic targets).
Every word list, message and threshold lives in ``indikator/data/``; this module only holds
the rules that combine them.

A finding is *berat* (heavy) when it alone means the indicator is not a measurable result;
light findings lower the score but leave ``terukur`` true.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from .teks import DATA, Daftar, Kata, angka, format_angka, gabung, normalisasi, token

ASPEK = ("kuantitas", "kualitas", "waktu", "biaya")


@dataclass(frozen=True, slots=True)
class Temuan:
    """One finding: a stable code, a message and a suggestion, both in Indonesian."""

    kode: str
    pesan: str
    saran: str
    berat: bool = False


@dataclass(frozen=True, slots=True)
class HasilAnalisis:
    terukur: bool
    skor: int
    temuan: list[Temuan] = field(default_factory=list)

    def ke_dict(self) -> dict[str, Any]:
        """JSON-ready form, as written by ``manage.py periksa_indikator``."""
        return {
            "terukur": self.terukur,
            "skor": self.skor,
            "temuan": [{"kode": t.kode, "pesan": t.pesan, "saran": t.saran} for t in self.temuan],
        }


# --- Data ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Data:
    henti: Daftar
    ukuran: dict[str, Daftar]  # golongan ukuran -> daftar: persen, jumlah, waktu, ...
    normatif: Daftar
    kabur: Daftar
    abstrak: Daftar
    partisipasi: Daftar
    kehadiran: Daftar
    proses: Daftar
    objek_umum: Daftar
    waktu_kabur: Daftar
    penanda_waktu: Daftar
    kriteria_waktu: Daftar
    kriteria_mutu: Daftar
    anggaran: Daftar
    realisasi_anggaran: Daftar  # with a budget word: a percentage fits Biaya
    realisasi_cukup: Daftar  # "penyerapan": a budget measure on its own
    perbandingan: Daftar
    satuan_ambigu: Daftar  # "kunjungan": an activity unit only after a process verb
    nominal_peristiwa: Daftar  # "terbitnya", "selesainya": a result named by stem + -nya
    ter_bukan_predikat: Daftar  # "terkait", "tertentu": ter- forms that are not a result
    arah: Daftar  # "peningkatan", "berkurangnya": a direction before a measure
    proses_abstrak: frozenset[str]  # "pembinaan", "pengelolaan": no done state to count
    abstrak_persen: Daftar  # "partisipasi", "peran serta"
    pasif_proses: dict[str, str]  # irregular passives for suggestions: pemberdayaan -> ...
    hasil_proses: dict[str, str]  # result for suggestions: pembinaan -> dibina dan naik kelas
    jejak_kepala: Daftar  # "laporan", "dokumen" counted by "Jumlah ..."
    jejak_kegiatan: Daftar  # "koordinasi", "penyelenggaraan rapat": reports that are traces
    satuan_jejak: Daftar  # "dokumentasi", "foto"
    kegiatan_produk: Daftar  # "audit", "survei": activities whose output is a report
    naskah: Daftar  # "surat", "berkas": papers worked on, not reports about them
    peran: Daftar  # "narasumber", "peserta": "Menjadi ..." is taking part
    bukan_normatif: Daftar  # "hukuman disiplin": technical terms with a normative word
    mutu_terdefinisi: Daftar  # "berkualitas" followed by "sesuai ..." is defined
    rujukan_umum: Daftar  # "sesuai peraturan yang berlaku"
    satuan_kurung: frozenset[str]  # units written in parentheses: "(ha)", "(jenis)"
    # For suggestions.
    nomina_proses: Daftar  # "penyusunan laporan" -> "laporan yang disusun"
    pasif_kan: frozenset[str]  # stems whose passive takes -kan: "dilaksanakan"
    pasif_i: frozenset[str]  # stems whose passive takes -i: "ditangani"
    objek_rapat: Daftar
    objek_kegiatan: Daftar
    keluaran_terhitung: Daftar
    objek_orang: Daftar
    objek_realisasi: Daftar
    konjungsi: frozenset[str]
    bukan_ukuran: frozenset[str]
    satuan: dict[str, frozenset[str]]  # golongan satuan -> kata (huruf kecil)
    label_skala: frozenset[str]
    pesan: dict[str, Any]
    skor: dict[str, int]
    ambang: dict[str, float]


def _baca(nama: str) -> dict[str, Any]:
    return json.loads((DATA / nama).read_text(encoding="utf-8"))


@cache
def _data() -> _Data:
    """Load and pre-stem all lists once per process."""
    kamus, satuan, temuan = _baca("kamus.json"), _baca("satuan.json"), _baca("temuan.json")

    def daftar(nama: str) -> Daftar:
        isi = kamus[nama]
        return Daftar(isi.get("kata") or isi.get("frasa") or [])

    ukuran = {g: Daftar(k) for g, k in kamus["ukuran"].items() if g != "keterangan"}
    golongan_satuan = {g: frozenset(k) for g, k in satuan.items() if not g.startswith("_")}
    label_skala = golongan_satuan.pop("label_skala")  # target values, not units
    return _Data(
        henti=daftar("kata_henti"),
        ukuran=ukuran,
        normatif=daftar("frasa_normatif"),
        kabur=daftar("kata_kabur"),
        abstrak=daftar("nomina_abstrak"),
        partisipasi=daftar("kata_kerja_partisipasi"),
        kehadiran=daftar("kata_kehadiran"),
        proses=daftar("kata_kerja_proses"),
        objek_umum=daftar("objek_umum"),
        waktu_kabur=daftar("kata_waktu_kabur"),
        penanda_waktu=daftar("penanda_batas_waktu"),
        kriteria_waktu=daftar("kriteria_waktu"),
        kriteria_mutu=daftar("kriteria_mutu"),
        anggaran=daftar("kata_anggaran"),
        realisasi_anggaran=daftar("kata_realisasi_anggaran"),
        realisasi_cukup=Daftar(kamus["kata_realisasi_anggaran"]["cukup_sendiri"]),
        perbandingan=daftar("kata_perbandingan"),
        satuan_ambigu=daftar("satuan_aktivitas_ambigu"),
        nominal_peristiwa=daftar("nominalisasi_peristiwa"),
        ter_bukan_predikat=daftar("ter_bukan_predikat"),
        arah=daftar("arah_perubahan"),
        # As written: "pelestari" (a person) and "layanan" (a request) share the stems of
        # "pelestarian" and "pelayanan" but are countable.
        proses_abstrak=frozenset(kamus["nomina_proses_abstrak"]["kata"]),
        abstrak_persen=Daftar(kamus["nomina_proses_abstrak"]["abstrak"]),
        pasif_proses=kamus["nomina_proses_abstrak"]["pasif"],
        hasil_proses=kamus["nomina_proses_abstrak"]["hasil"],
        jejak_kepala=Daftar(kamus["dokumen_jejak"]["kepala"]),
        jejak_kegiatan=Daftar(kamus["dokumen_jejak"]["kegiatan"]),
        satuan_jejak=daftar("satuan_jejak"),
        kegiatan_produk=daftar("kegiatan_produk"),
        naskah=daftar("naskah"),
        peran=daftar("peran_partisipasi"),
        bukan_normatif=daftar("frasa_bukan_normatif"),
        mutu_terdefinisi=daftar("kata_mutu_terdefinisi"),
        rujukan_umum=daftar("rujukan_umum"),
        satuan_kurung=frozenset(kamus["satuan_dalam_kurung"]["kata"])
        | {k for g in ("waktu", "uang", "persen", "skala") for k in golongan_satuan[g]},
        nomina_proses=daftar("nomina_proses_keluaran"),
        pasif_kan=frozenset(kamus["akhiran_pasif"]["kan"]),
        pasif_i=frozenset(kamus["akhiran_pasif"]["i"]),
        objek_rapat=daftar("objek_rapat"),
        objek_kegiatan=daftar("objek_kegiatan"),
        keluaran_terhitung=daftar("keluaran_terhitung"),
        objek_orang=daftar("objek_orang"),
        objek_realisasi=daftar("objek_realisasi"),
        konjungsi=frozenset(kamus["konjungsi"]["kata"]),
        bukan_ukuran=frozenset(kamus["sebelum_angka_bukan_ukuran"]["kata"]),
        satuan=golongan_satuan,
        label_skala=label_skala,
        pesan=temuan["temuan"],
        skor={k: v for k, v in temuan["skor"].items() if not k.startswith("_")},
        ambang={k: v for k, v in temuan["ambang"].items() if not k.startswith("_")},
    )


def muat_data() -> None:
    """Load word lists and the stemmer now (e.g. at startup) instead of on first use."""
    _data()


# --- Reading targets and units -------------------------------------------------------------


@dataclass(frozen=True)
class _Isian:
    """A target or satuan field, read into numbers and unit groups."""

    teks: str
    angka: tuple[float, ...]
    golongan: tuple[str, ...]  # unit groups found, in order: waktu, uang, persen, ...
    label_skala: bool  # "WTP", "Baik", "A": a value on a named quality scale
    waktu: bool  # mentions a time unit, month or date
    rentang: tuple[float, float] | None = None  # "90 - 100", "90 s/d 100"

    @property
    def kosong(self) -> bool:
        return not self.teks


def _golongan_kata(kata: Sequence[Kata], i: int, d: _Data) -> tuple[str | None, int]:
    """Unit group of the word at i (two-word units first, e.g. "hari kerja")."""
    if kata[i].kecil == "%":
        return "persen", 1
    for panjang in (2, 1):
        frasa = " ".join(k.kecil for k in kata[i : i + panjang])
        if len(kata[i : i + panjang]) < panjang:
            continue
        for golongan, isi in d.satuan.items():
            if frasa in isi:
                bulan = golongan in ("nama_bulan", "singkatan_bulan")
                return ("waktu" if bulan else golongan), panjang
    return None, 1


# "90 - 100", "90 s/d 100", "90 sampai 100"; not a date such as "31-12-2025".
_RENTANG = re.compile(
    r"(?<![\d.,])(\d+(?:[.,]\d+)*)\s*(?:-|s\.?\s*/?\s*d\.?|sampai(?:\s+dengan)?|hingga)\s*"
    r"(?:rp\.?\s*)?(\d+(?:[.,]\d+)*)(?![\d.,]*\s*-\s*\d)",
    re.IGNORECASE,
)


def _rentang(teks: str) -> tuple[float, float] | None:
    cocok = _RENTANG.search(normalisasi(teks))
    if not cocok:
        return None
    bawah, atas = angka(cocok[1]), angka(cocok[2])
    return None if bawah is None or atas is None else (bawah, atas)


def _baca_isian(teks: str | None, d: _Data, *, satuan: bool = False) -> _Isian | None:
    if teks is None:
        return None
    kata = token(teks)
    nilai: list[float] = []
    golongan: list[str] = []
    waktu = False
    i = 0
    while i < len(kata):
        k = kata[i]
        if k.kelas == "angka":
            n = angka(k.kecil)
            # A year after a date word ("Desember 2025", "tahun 2025") is part of a deadline,
            # not the target value.
            tahun = n is not None and 1900 <= n <= 2100 and "." not in k.kecil and i > 0
            if n is not None and not (tahun and waktu):
                nilai.append(n)
            i += 1
            continue
        g, panjang = _golongan_kata(kata, i, d)
        if g:
            golongan.append(g)
            waktu = waktu or g == "waktu"
        elif (
            k.adalah_kata and k.kecil not in ("x", "per", "sd", "s", "d") and not d.henti.memuat(k)
        ):
            golongan.append("keluaran")  # any other noun: laporan, dokumen, orang, ...
        i += panjang
    polos = " ".join(teks.lower().split())
    label = polos in d.label_skala or any(
        k.kecil in d.label_skala for k in kata if len(k.kecil) > 2
    )
    if not satuan and not nilai:
        # Words in a target without a number ("optimal", "WTP") are not units.
        golongan = [g for g in golongan if g != "keluaran"]
    return _Isian(
        " ".join(teks.split()),
        tuple(nilai),
        tuple(dict.fromkeys(golongan)),
        label,
        waktu,
        _rentang(teks) if len(nilai) >= 2 else None,
    )


# --- Context: everything the checks need, computed once -----------------------------------


@dataclass
class _Konteks:
    d: _Data
    kata: list[Kata]  # all tokens
    isi: list[Kata]  # word tokens only (no numbers or punctuation)
    target: _Isian | None
    satuan: _Isian | None
    aspek: str  # lower case, "" if not given
    baseline: float | None

    # Derived below.
    verba_pembuka: bool = False  # starts with me-/ber-/ter-/di- verb
    ukuran: str | None = None  # measure group of the indicator head: persen, jumlah, ...
    ujung_kepala: int = 0  # index in `kata` after the opening verb and measure words
    angka_teks: tuple[float, ...] = ()  # numbers in the text that are measures
    waktu_teks: bool = False  # any time unit, date or time criterion in the text
    jumlah_waktu_teks: bool = False  # a time quantity ("3 hari", "tanggal 10", "Maret")
    satuan_teks: tuple[str, ...] = ()  # unit groups written after numbers in the text
    janji_waktu: bool = False  # a time bound announced or vague: "paling lama", "segera"
    realisasi_anggaran: bool = False  # budget realisation, absorption or efficiency
    satuan_kurung: bool = False  # a unit in parentheses: "Luas ruang terbuka hijau (ha)"

    @property
    def ukuran_teks(self) -> bool:
        return self.ukuran is not None or bool(self.angka_teks) or self.satuan_kurung

    @property
    def golongan(self) -> str | None:
        """Unit group of the target: from satuan if given, else from the target text."""
        for isian in (self.satuan, self.target):
            if isian and isian.golongan:
                return isian.golongan[0]
        return None

    @property
    def ukuran_target(self) -> bool:
        """The target carries a measure: a number, a deadline, or a value on a named scale."""
        t = self.target
        if not t or t.kosong:
            return False
        if t.angka or t.waktu:  # "12", "Desember 2025"
            return True
        skala = self.ukuran == "skala" or self.aspek == "kualitas" or self.golongan == "skala"
        return t.label_skala and skala

    @property
    def waktu_di_target(self) -> bool:
        return self.golongan == "waktu" or any(i and i.waktu for i in (self.target, self.satuan))


def _konteks(
    indikator: str,
    target: str | None,
    satuan: str | None,
    aspek: str | None,
    baseline: float | None,
) -> _Konteks:
    d = _data()
    kata = token(indikator)
    k = _Konteks(
        d=d,
        kata=kata,
        isi=[w for w in kata if w.adalah_kata],
        target=_baca_isian(target, d),
        satuan=_baca_isian(satuan, d, satuan=True),
        aspek=(aspek or "").strip().lower(),
        baseline=baseline,
    )
    if not k.isi:
        return k

    # Head of the indicator: an optional opening verb, then a chain of measure words
    # ("Waktu rata-rata ...", "Persentase realisasi ...", "Menurunkan waktu ...").
    i = 0
    if kata[0].kelas == "verba":
        k.verba_pembuka = True
        i = 1
    elif d.arah.memuat(kata[0]) and len(kata) > 1 and _golongan_ukuran(kata, 1, d):
        i = 1  # "Peningkatan luas kawasan ...": the measure follows the direction
    golongan_rantai: list[str] = []
    while i < len(kata):
        g = _golongan_ukuran(kata, i, d)
        if not g:
            break
        golongan_rantai.append(g)
        i += 1
    k.ujung_kepala = i
    if golongan_rantai:
        utama = [g for g in golongan_rantai if g != "pengubah"]
        k.ukuran = utama[0] if utama else "lain"

    # Numbers that measure something (not "PP Nomor 12", "kelas 9", "tahun 2025").
    nilai = []
    for j, w in enumerate(kata):
        if w.kelas != "angka":
            continue
        sebelum = kata[j - 1].kecil if j else ""
        n = angka(w.kecil)
        tahun = n is not None and 1900 <= n <= 2100 and "." not in w.kecil
        if n is None or sebelum in d.bukan_ukuran or (tahun and not _satuan_setelah(kata, j, d)):
            continue
        nilai.append(n)
    k.angka_teks = tuple(nilai)

    k.satuan_kurung = any(
        kata[j - 1].kecil == "(" and kata[j + 1].kecil == ")" and w.kecil in d.satuan_kurung
        for j, w in enumerate(kata[1:-1], start=1)
    )
    k.jumlah_waktu_teks = _ada_jumlah_waktu(kata, 0, len(kata), d)
    k.waktu_teks = (
        k.jumlah_waktu_teks
        or any(w.kecil in d.satuan["waktu"] or d.ukuran["waktu"].memuat(w) for w in kata)
        or bool(d.kriteria_waktu.cari(kata))
    )
    k.janji_waktu = bool(d.penanda_waktu.cari(kata) or d.waktu_kabur.cari(kata))
    k.realisasi_anggaran = bool(d.realisasi_cukup.cari(kata)) or bool(
        d.realisasi_anggaran.cari(kata) and d.anggaran.cari(kata)
    )
    # Activity units written in the text itself: "Melaksanakan 4 kali sosialisasi".
    k.satuan_teks = tuple(
        g
        for j, w in enumerate(kata[:-1])
        if w.kelas == "angka" and (g := _golongan_kata(kata, j + 1, d)[0])
    )
    return k


def _golongan_ukuran(kata: Sequence[Kata], i: int, d: _Data) -> str | None:
    for golongan, daftar in d.ukuran.items():
        if daftar.memuat(kata[i]):
            return golongan
    return None


def _satuan_setelah(kata: Sequence[Kata], j: int, d: _Data) -> bool:
    nxt = kata[j + 1].kecil if j + 1 < len(kata) else ""
    return nxt == "%" or any(nxt in isi for isi in d.satuan.values())


def _ada_jumlah_waktu(kata: Sequence[Kata], awal: int, akhir: int, d: _Data) -> bool:
    """A time quantity in kata[awal:akhir]: "3 hari", "2 x 24 jam", "tanggal 10", "Maret"."""
    for j in range(awal, min(akhir, len(kata))):
        w = kata[j]
        if w.kecil in d.satuan["nama_bulan"]:
            return True
        if w.kecil in d.satuan["singkatan_bulan"] and any(
            x.kelas == "angka" for x in kata[max(j - 1, 0) : j + 2]
        ):
            return True
        if w.kecil == "tanggal" and j + 1 < len(kata) and kata[j + 1].kelas == "angka":
            return True
        if w.kelas == "angka":
            for nxt in kata[j + 1 : j + 3]:
                if nxt.kecil in d.satuan["waktu"]:
                    return True
                if nxt.kecil != "x" and nxt.kelas != "angka":
                    break
    return False


# --- Building findings ---------------------------------------------------------------------


def _awal_objek(k: _Konteks) -> int:
    """Where the object starts: after the head, and after a second verb sharing the object
    ("Mengirim dan mengarsipkan surat masuk" -> "surat masuk")."""
    kata, i = k.kata, k.ujung_kepala
    while (
        k.verba_pembuka
        and i + 1 < len(kata)
        and kata[i].kecil in k.d.konjungsi
        and kata[i + 1].kelas == "verba"
    ):
        i += 2
    return i


def _objek(k: _Konteks, buang_abstrak: bool = True, awal: int | None = None) -> list[Kata]:
    """The thing produced or counted, for suggestions: "Menyusun laporan keuangan yang ..."
    -> "laporan keuangan". It ends before a function word, a number or a verb ("Kegiatan
    sosialisasi terlaksana" -> "Kegiatan sosialisasi"). Leading abstract nouns are dropped
    ("kualitas pelayanan" -> "pelayanan") so that suggestions name something countable."""
    d = k.d
    hasil: list[Kata] = []
    setelah_angka = False
    for w in k.kata[_awal_objek(k) if awal is None else awal :]:
        # Skip a leading count and its unit: "Menyusun 12 laporan", "4 kali sosialisasi".
        if not hasil and (
            w.kelas == "angka" or (setelah_angka and w.kecil in d.satuan["aktivitas"])
        ):
            setelah_angka = w.kelas == "angka"
            continue
        if w.kelas in ("angka", "tanda") or w.kecil in d.konjungsi or d.henti.memuat(w):
            break
        if d.normatif.memuat(w) or d.penanda_waktu.memuat(w) or w.kecil == "paling":
            break
        if hasil and w.kelas == "verba":  # "kepala seksi menyiapkan ...", "... terlaksana"
            break
        hasil.append(w)
        if len(hasil) == 6:
            break
    if buang_abstrak:
        inti = list(hasil)
        while inti and (d.abstrak.memuat(inti[0]) or d.kabur.memuat(inti[0])):
            inti.pop(0)
        if inti:
            return inti
    return hasil


def _teks_objek(objek: Sequence[Kata]) -> str:
    if not objek:
        return "dokumen hasil kerja"
    pertama = objek[0]
    # Lower-case an ordinary first word, keep acronyms such as "SPM".
    if not pertama.teks.isupper():
        pertama = Kata(pertama.teks.lower(), pertama.kecil, pertama.dasar, pertama.kelas)
    return gabung([pertama, *objek[1:]])


def _pasif_verba(w: Kata) -> str | None:
    """The passive (or stative) form that follows "yang" in a suggestion, from a verb:
    "menerbitkan" -> "diterbitkan", "Terlaksananya" -> "terlaksana" (ter- is already a
    result; "dilaksana" is not a word), "Diterbitkannya" -> "diterbitkan". None when there is
    none: "Meningkatnya" (intransitive), "Bekerja"."""
    if w.kelas != "verba":
        return None
    bentuk = w.kecil.removesuffix("nya")
    if w.awalan in ("ter", "di"):
        return bentuk
    if w.awalan != "me":
        return None
    akhiran = _akhiran_verba(w)
    if w.kecil.endswith("nya") and not akhiran:
        return None
    awal = "diper" if bentuk.startswith("memper") else "di"
    return f"{awal}{w.dasar}{akhiran}"


def _pasif_nomina(w: Kata, d: _Data) -> str:
    """Passive of a process noun: "penyusunan" -> "disusun", "pelaksanaan" ->
    "dilaksanakan", "penanganan" -> "ditangani" (the suffix is not visible, so it is looked
    up)."""
    akhiran = "kan" if w.dasar in d.pasif_kan else "i" if w.dasar in d.pasif_i else ""
    return f"di{w.dasar}{akhiran}"


def _pasif(k: _Konteks) -> str:
    """Passive form for suggestions: from the opening verb (and a second one sharing its
    object: "dikirim dan diarsipkan"), else the indicator's own "yang di-..." verb ("Jumlah SPJ
    yang diverifikasi"), else "diselesaikan"."""
    if k.verba_pembuka and (bentuk := _pasif_verba(k.kata[0])):
        kedua = _pasif_verba(k.kata[2]) if _awal_objek(k) > k.ujung_kepala else None
        return f"{bentuk} dan {kedua}" if kedua else bentuk
    for sebelum, w in zip(k.kata, k.kata[1:], strict=False):
        if (
            sebelum.kecil == "yang"
            and w.kelas == "verba"
            and w.awalan == "di"
            and not w.kecil.endswith("nya")
            and not k.d.kehadiran.memuat(w)
        ):
            return w.kecil
    return "diselesaikan"


def _jenis_kegiatan(k: _Konteks, objek: Sequence[Kata] | None = None) -> str | None:
    """Whether the object is a meeting ("rapat"), an activity with a report as its output
    ("kegiatan": sosialisasi, pelatihan, pengawasan), or a generic object ("umum": tugas,
    apel)."""
    objek = _objek(k) if objek is None else objek
    if not objek:
        return None
    d, kepala = k.d, objek[0]
    if d.objek_rapat.memuat(kepala):
        return "rapat"
    if d.objek_kegiatan.memuat(kepala):
        return "kegiatan"
    if d.objek_umum.memuat(kepala):
        return "umum"
    return None


def _isian_saran(k: _Konteks) -> dict[str, str]:
    """What suggestions name: the output (objek), its passive verb, its count unit (kepala),
    and the kind of object, which picks a variant of the suggestion:

    - a meeting or an activity is replaced by its output ("notula rapat koordinasi",
      "laporan hasil sosialisasi perizinan"); attending, helping and generic objects ("tugas")
      by a generic output, so no rewrite counts attendance ("Jumlah rapat yang diikuti");
    - "Penyusunan laporan bulanan" becomes "laporan bulanan" that is "disusun";
    - jenis "abstrak" ("kualitas pelayanan"), "realisasi" (pendapatan, anggaran) and
      "tak_terhitung" (no natural count unit: "jaringan komputer") get suggestions without
      "12 jaringan"; "terhitung" objects are counted by name ("12 laporan") or in "orang".
    """
    d = k.d
    mentah = _objek(k, buang_abstrak=False)
    objek = list(mentah)
    abstrak = ""
    while objek and (d.abstrak.memuat(objek[0]) or d.kabur.memuat(objek[0])):
        w = objek.pop(0)
        if not abstrak and d.abstrak.memuat(w) and not d.kabur.memuat(w):
            abstrak = w.kecil
    hanya_abstrak = not objek and bool(mentah)  # "Menjaga kebersihan", "Kinerja"
    if hanya_abstrak:
        objek = mentah
    asli = _teks_objek(objek) if objek else "kegiatan"
    pasif = _pasif(k)
    jenis_kegiatan = _jenis_kegiatan(k, objek)
    if (
        jenis_kegiatan is None
        and not k.verba_pembuka
        and len(objek) > 1
        and d.nomina_proses.memuat(objek[0])
    ):
        pasif, objek = _pasif_nomina(objek[0], d), objek[1:]
        jenis_kegiatan = _jenis_kegiatan(k, objek)
    kegiatan = _teks_objek(objek) if objek else "kegiatan"
    jenis, penuh = "terhitung", ""
    if jenis_kegiatan == "rapat":
        teks, pasif, kepala, jenis = f"notula {kegiatan}", "disampaikan", "notula", "pengganti"
    elif jenis_kegiatan == "kegiatan":
        teks, pasif, kepala = f"laporan hasil {kegiatan}", "disampaikan", "laporan"
        jenis = "pengganti"
    elif jenis_kegiatan == "umum" or _hadir(k) is not None or not objek:
        teks, pasif, kepala = "dokumen hasil kerja", "diselesaikan", "dokumen"
        kegiatan = "kegiatan" if jenis_kegiatan == "umum" or not objek else kegiatan
        jenis = "pengganti"
    elif hanya_abstrak:
        # Checked against a standard: "Persentase hasil pemeriksaan yang memenuhi standar
        # kebersihan"; "Indeks kepuasan pengguna terhadap kebersihan".
        teks, kepala, jenis, penuh = "hasil pemeriksaan", "dokumen", "abstrak", kegiatan
        abstrak = objek[0].kecil
    else:
        teks = kegiatan
        pertama = objek[0]
        kepala = pertama.teks if pertama.teks.isupper() else pertama.kecil
        if (
            pertama.kelas == "nomina"
            and pertama.awalan == "ke"
            and not d.abstrak.memuat(pertama)
            and not d.keluaran_terhitung.memuat(pertama)
        ):
            # "keuangan", "kepegawaian": a field of work, counted in its documents.
            teks, kepala = f"dokumen {kegiatan}", "dokumen"
        elif d.objek_realisasi.memuat(pertama):
            jenis = "realisasi"
        elif abstrak:
            jenis, penuh = "abstrak", f"{abstrak} {kegiatan}"
        elif d.objek_orang.cocok_di(objek, 0):
            kepala = "orang"
        elif not (d.keluaran_terhitung.memuat(pertama) or k.ukuran == "jumlah"):
            jenis = "tak_terhitung"
        if jenis != "terhitung" and not d.keluaran_terhitung.memuat(pertama):
            kepala = "dokumen"
        # "Mewujudkan ASN yang profesional": a passive of a direction verb ("yang
        # diwujudkan") says nothing, so suggestions check the object against a standard.
        if jenis in ("terhitung", "tak_terhitung") and k.d.kabur.memuat(k.isi[0]):
            jenis = "kabur"
    return {
        "objek": teks,
        "objek_asli": asli,
        "kegiatan": kegiatan,
        "pasif": pasif,
        "kepala": kepala,
        "abstrak": abstrak,
        "objek_penuh": penuh or teks,
        "jenis": jenis,
    }


def _isian_dasar(k: _Konteks) -> dict[str, str]:
    saran = _isian_saran(k)
    ukuran = k.ukuran
    if ukuran == "persen":
        contoh, satuan_saran = "95 %", "%"
    elif ukuran == "waktu":
        contoh, satuan_saran = "3 hari kerja", "hari kerja"
    elif ukuran == "uang":
        contoh, satuan_saran = "Rp 2.000.000", "rupiah"
    elif ukuran == "skala":
        contoh, satuan_saran = "85", "nilai"
    else:
        contoh, satuan_saran = f"12 {saran['kepala']}", saran["kepala"]
    t = k.target
    return {
        **saran,
        "target": t.teks if t else "",
        "satuan": (k.satuan.teks if k.satuan and not k.satuan.kosong else "")
        or (t.teks if t else ""),
        "aspek": k.aspek,
        "angka": format_angka((t.angka if t and t.angka else k.angka_teks or (12,))[0]),
        "contoh_target": contoh,
        "satuan_saran": satuan_saran,
        "golongan": k.golongan or "",
    }


class _Pencatat:
    """Collects findings and fills their messages from temuan.json."""

    def __init__(self, k: _Konteks) -> None:
        self.k = k
        self._isian: dict[str, str] | None = None
        self.temuan: dict[str, Temuan] = {}

    def catat(self, kode: str, varian: str = "default", *, berat: bool, **isian: str) -> None:
        if self._isian is None:  # built lazily: good indicators never need it
            self._isian = _isian_dasar(self.k)
        pesan = self.k.d.pesan[kode]
        # A variant for the aspek ("default/waktu": the rewrite states a time bound), else
        # for the kind of object ("default/tak_terhitung"), when there is one.
        teks = (
            pesan.get(f"{varian}/{self.k.aspek}")
            or pesan.get(f"{varian}/{self._isian['jenis']}")
            or pesan[varian]
        )
        nilai = {**self._isian, **isian}
        baru = Temuan(kode, teks["pesan"].format(**nilai), teks["saran"].format(**nilai), berat)
        lama = self.temuan.get(kode)
        if lama is None or (berat and not lama.berat):
            self.temuan[kode] = baru


# --- Checks --------------------------------------------------------------------------------


def _periksa_normatif(k: _Konteks, c: _Pencatat) -> None:
    """Normative wording ("dengan baik", "secara optimal", "untuk kelancaran tugas"): never
    verifiable, so heavy. Not in a technical term ("hukuman disiplin"), nor a quality word
    followed by its reference ("yang berkualitas sesuai sistem AKIP"). A blanket reference to
    the rules ("sesuai peraturan yang berlaku") is normative when it is the only criterion."""
    d, kata = k.d, k.kata
    teknis = d.bukan_normatif.cari(kata)
    cocok = [
        (a, b)
        for a, b in d.normatif.cari(kata)
        if not any(a < tb and ta < b for ta, tb in teknis) and not _mutu_terdefinisi(k, a, b)
    ]
    if cocok:
        frasa = "', '".join(dict.fromkeys(gabung(kata[a:b]) for a, b in cocok))
        c.catat("normatif", berat=True, frasa=frasa)
    rujukan = d.rujukan_umum.cari(kata)
    if rujukan and not _ada_kriteria(k, selain=rujukan):
        a, b = rujukan[0]
        c.catat("normatif", "rujukan", berat=True, frasa=gabung(kata[a:b]))


def _mutu_terdefinisi(k: _Konteks, a: int, b: int) -> bool:
    """ "berkualitas sesuai sistem AKIP": the quality word is defined by what follows."""
    kata = k.kata
    return (
        any(k.d.mutu_terdefinisi.memuat(w) for w in kata[a:b])
        and b + 1 < len(kata)
        and kata[b].kecil == "sesuai"
        and kata[b + 1].adalah_kata
    )


def _ada_kriteria(k: _Konteks, selain: Sequence[tuple[int, int]] = ()) -> bool:
    """A checkable criterion in the text: a standard ("sesuai SOP", "tanpa revisi"), a time
    criterion ("tepat waktu") or a time quantity ("paling lama 3 hari kerja"). Matches inside
    the spans `selain` do not count."""
    d = k.d
    mutu = [
        (a, b)
        for a, b in d.kriteria_mutu.cari(k.kata)
        if not any(a < sb and sa < b for sa, sb in selain)
    ]
    return bool(mutu or d.kriteria_waktu.cari(k.kata) or k.jumlah_waktu_teks)


def _periksa_kabur(k: _Konteks, c: _Pencatat) -> None:
    """A direction without a measure: "Meningkatkan kualitas pelayanan", "Optimalisasi PAD".

    Only the opening word counts ("Jumlah program yang mendukung ..." is fine), and only when
    the text names no measure: "Meningkatkan indeks kepuasan" or "Menurunkan waktu layanan
    dari 3 hari menjadi 1 hari" are measurable.
    """
    if k.ukuran_teks:
        return
    pertama = k.isi[0]
    if k.d.kabur.memuat(pertama):
        c.catat("kabur", berat=True, frasa=pertama.teks)
    # "Kualitas pelayanan" is vague; "Kualitas laporan sesuai standar" defines its measure.
    elif k.d.abstrak.memuat(pertama) and not k.d.kriteria_mutu.cari(k.kata):
        c.catat("kabur", berat=True, frasa=pertama.teks)


def _hadir(k: _Konteks) -> Kata | None:
    """The word that makes the indicator about attending or helping: an opening "Menghadiri",
    "Membantu", or a passive attend verb anywhere ("Jumlah rapat yang dihadiri")."""
    if not k.isi:
        return None
    d, pertama = k.d, k.isi[0]
    if d.partisipasi.memuat(pertama):
        # "Menjadi narasumber" is taking part; "Menjadi instansi yang memperoleh predikat
        # WBBM" states a result.
        if pertama.dasar != "jadi" or (len(k.isi) > 1 and d.peran.memuat(k.isi[1])):
            return pertama
    return next((w for w in k.isi if w.awalan == "di" and d.kehadiran.memuat(w)), None)


def _periksa_aktivitas(k: _Konteks, c: _Pencatat) -> None:
    """Activity instead of a result."""
    d, pertama = k.d, k.isi[0]
    # Attending or helping is never the pegawai's own result, whatever the target.
    hadir = _hadir(k)
    if hadir is not None:
        frasa = gabung(k.kata[: min(len(k.kata), 3)]) if hadir is pertama else hadir.teks
        jenis = _jenis_kegiatan(k)
        varian = f"partisipasi_{jenis}" if jenis in ("rapat", "kegiatan") else "partisipasi"
        c.catat("aktivitas", varian, berat=True, frasa=frasa)
        return
    objek = _objek(k, buang_abstrak=False)
    umum = bool(objek) and d.objek_umum.memuat(objek[0])
    # "Jumlah kegiatan yang dilaksanakan", "Frekuensi rapat": counting activities held.
    if k.ukuran == "jumlah" and umum:
        c.catat("aktivitas", "objek_umum", berat=True, frasa=gabung(k.kata[: k.ujung_kepala + 1]))
        return
    if _jejak_laporan(k, c, objek):
        return
    # "Berkurangnya jumlah keluhan" in "kali": what is counted is complaints, not activities.
    hitung_objek = k.ukuran == "jumlah" and bool(objek) and not _kegiatan(objek[0], d)
    proses_pembuka = k.verba_pembuka or d.proses.memuat(pertama)
    if not proses_pembuka:
        # "Sosialisasi perizinan kepada pelaku usaha" with target "4 kegiatan": an activity
        # named by a noun is still counted in activities. ("10.000 kunjungan wisatawan" may
        # count a result, so an ambiguous unit needs the process verb.)
        # With a checkable result criterion ("rekonsiliasi ... yang selisihnya nihil", "... sesuai
        # standar") each time counted is a result that met it: only a hint to name the output.
        if k.golongan == "aktivitas" and not _satuan_ambigu(k) and not hitung_objek:
            berat = not (k.d.kriteria_mutu.cari(k.kata) or k.d.kriteria_waktu.cari(k.kata))
            c.catat("aktivitas", "satuan_kegiatan", berat=berat, satuan=_teks_satuan(k))
        else:
            _jejak_target(k, c, objek, proses_pembuka=False)
        return
    # "Melaksanakan tugas", "Menyelesaikan pekerjaan": a generic object names no output.
    if umum:
        c.catat("aktivitas", "objek_umum", berat=True, frasa=gabung([k.kata[0], objek[0]]))
        return
    # "Melakukan pengawasan lapangan" with target "24 kegiatan" (or "Melaksanakan 4 kali
    # sosialisasi") counts how often something was done, not what it produced.
    if (k.golongan == "aktivitas" or "aktivitas" in k.satuan_teks) and not hitung_objek:
        c.catat("aktivitas", "satuan_kegiatan", berat=True, satuan=_teks_satuan(k))
        return
    if _jejak_target(k, c, objek, proses_pembuka=True):
        return
    # A process verb whose result is only implied by the target: a light hint.
    if d.proses.memuat(pertama) and not k.ukuran_teks and k.ukuran_target:
        c.catat("aktivitas", "proses", berat=False, frasa=pertama.teks)


def _kegiatan(w: Kata, d: _Data) -> bool:
    """Whether a counted noun is an activity ("rapat", "sosialisasi", "pelaksanaan"); nouns in
    -si name one too ("rekonsiliasi", "verifikasi"), unlike "keluhan" or "kasus"."""
    return w.kecil.endswith("si") or any(
        daftar.memuat(w)
        for daftar in (
            d.objek_umum,
            d.objek_kegiatan,
            d.objek_rapat,
            d.proses,
            d.satuan_ambigu,
            d.nomina_proses,
        )
    )


def _jejak_laporan(k: _Konteks, c: _Pencatat, objek: Sequence[Kata]) -> bool:
    """ "Jumlah Laporan Penyelenggaraan Rapat Koordinasi": reports of a routine activity
    count that it was held, not what it produced, unless the text gives the report a
    checkable criterion ("... yang disampaikan paling lambat 5 hari kerja")."""
    d = k.d
    if k.ukuran != "jumlah" or len(objek) < 2 or not d.jejak_kepala.memuat(objek[0]):
        return False
    j = 2 if objek[1].kecil == "hasil" else 1
    if j >= len(objek) or not d.jejak_kegiatan.cocok_di(objek, j) or _ada_kriteria(k):
        return False
    frasa = gabung([*k.kata[: k.ujung_kepala], *objek[:j]])
    c.catat("aktivitas", "jejak", berat=True, frasa=frasa, kegiatan=_teks_objek(objek[j:]))
    return True


def _kata_satuan(k: _Konteks) -> Kata | None:
    """The first word of the satuan as typed, else of the target ("12 laporan")."""
    for isian in (k.satuan, k.target):
        if isian and not isian.kosong:
            kata = next((w for w in token(isian.teks) if w.adalah_kata), None)
            if kata is not None:
                return kata
    return None


def _jejak_target(
    k: _Konteks, c: _Pencatat, objek: Sequence[Kata], *, proses_pembuka: bool
) -> bool:
    """A target in documents that are only the trace of the work:
    - "Deteksi dan perbaikan aplikasi" in "dokumentasi" (photos prove it was done);
    - "Mengirim dan mengarsipkan surat masuk" in "laporan" (the letters are the work);
    - "Melakukan pengelolaan arsip" in "laporan" (an ongoing process has no product; unlike
      "Melaksanakan audit", whose report is the audit's product).
    A checkable criterion in the text ("tepat waktu", "sesuai SOP") keeps it a result."""
    d = k.d
    w = _kata_satuan(k)
    if w is None or _ada_kriteria(k):
        return False
    if d.satuan_jejak.memuat(w) and k.ukuran is None and not k.angka_teks:
        isian: dict[str, str] = {}
        sisa = _objek(k, buang_abstrak=False, awal=_lewati_proses(k.kata, 1, d))
        if not k.verba_pembuka and sisa:
            # "Deteksi dan perbaikan aplikasi": the suggestion names the application.
            kepala = sisa[0].kecil if d.keluaran_terhitung.memuat(sisa[0]) else "dokumen"
            isian = {"objek": _teks_objek(sisa), "kepala": kepala}
        c.catat("aktivitas", "jejak_satuan", berat=True, frasa=gabung(k.kata[:6]), **isian)
        return True
    if not proses_pembuka or not d.jejak_kepala.memuat(w) or not objek:
        return False
    pertama, kepala = k.isi[0], objek[0]
    if w.kecil == "laporan" and k.verba_pembuka and d.naskah.memuat(kepala):
        c.catat("aktivitas", "jejak_naskah", berat=True)
        return True
    dokumen = d.naskah.memuat(kepala) or d.keluaran_terhitung.memuat(kepala)
    produk = d.kegiatan_produk.memuat(pertama) or d.kegiatan_produk.memuat(kepala)
    if d.proses.memuat(pertama) and not dokumen and not produk:
        isian: dict[str, str] = {}
        if len(objek) > 1 and kepala.kelas == "nomina" and kepala.awalan == "pe":
            # "Melakukan pengelolaan arsip dinamis": the suggestion names the archive.
            sisa = objek[1:]
            isian = {
                "objek": _teks_objek(sisa),
                "pasif": d.pasif_proses.get(kepala.kecil) or _pasif_nomina(kepala, d),
                "kepala": sisa[0].kecil if d.keluaran_terhitung.memuat(sisa[0]) else "dokumen",
            }
        c.catat("aktivitas", "jejak_proses", berat=True, frasa=gabung([pertama, *objek]), **isian)
        return True
    return False


def _teks_satuan(k: _Konteks) -> str:
    """The activity unit as typed: satuan, else the target, else "kali" (from the text)."""
    return (k.satuan.teks if k.satuan and not k.satuan.kosong else "") or (
        k.target.teks if k.target and k.golongan == "aktivitas" else "kali"
    )


def _satuan_ambigu(k: _Konteks) -> bool:
    for isian in (k.satuan, k.target):
        if isian and not isian.kosong:
            return any(k.d.satuan_ambigu.memuat(w) for w in token(isian.teks))
    return False


def _periksa_ukuran(k: _Konteks, c: _Pencatat) -> None:
    """Measure present in the text or the target; target and satuan filled in."""
    # After "kabur" (which already says no measure is named) this would only repeat it.
    if not k.ukuran_teks and not k.ukuran_target and "kabur" not in c.temuan:
        c.catat("tanpa_ukuran", berat=True)
    t = k.target
    if t is not None:
        if t.kosong:
            c.catat("target_kosong", berat=False)
        elif not k.ukuran_target:
            c.catat("target_tidak_terukur", berat=True)
        elif (
            k.satuan is not None and k.satuan.kosong and t.angka and not t.golongan
        ):  # "4" what? hours, reports?
            c.catat("satuan_kosong", berat=False)


def _periksa_satuan(k: _Konteks, c: _Pencatat) -> None:
    """The target's unit must fit the measure named by the indicator."""
    g, u = k.golongan, k.ukuran
    if not g or not u:
        return
    salah = {
        "persen": {"waktu", "uang", "keluaran", "aktivitas"},
        "jumlah": {"persen"},
        "waktu": {"persen", "uang", "keluaran", "aktivitas"},
        # "Biaya pemeliharaan server" in %: a percentage of what? Only realisation, absorption
        # or efficiency of a budget is a percentage.
        "uang": {"waktu", "keluaran", "aktivitas"}
        | (set() if k.realisasi_anggaran else {"persen"}),
    }
    if g in salah.get(u, set()):
        c.catat("satuan_tidak_sesuai", u, berat=True)


def _salah_aspek(k: _Konteks) -> str | None:
    """Whether the target's unit fits the aspek; None when it does, else why not.

    The single rule behind both the analyser's finding and the SKP form's refusal
    (``kesesuaian_aspek``):

    - Waktu: a time unit or a deadline; a percentage (or a score) when the indicator states or
      announces a time bound ("paling lama 3 hari kerja", "tepat waktu", "sesuai jadwal"); a
      count of outputs only when the indicator gives a time quantity ("paling lambat tanggal
      10", "paling lama 24 jam"), not a bare "tepat waktu".
    - Biaya: money; a percentage only for budget realisation, absorption or efficiency.
    - Kuantitas: not a time unit. Kualitas: neither a time nor a money unit.
    """
    a, g = k.aspek, k.golongan
    if a == "waktu":
        if k.waktu_di_target:
            return None
        if g is None:
            return None if k.waktu_teks or k.janji_waktu or k.ukuran == "waktu" else "tanpa_waktu"
        if g in ("persen", "skala"):
            return None if k.waktu_teks or k.janji_waktu else "waktu_persen"
        if g in ("keluaran", "aktivitas") and k.jumlah_waktu_teks and k.ukuran != "waktu":
            return None
        return "waktu"
    if a == "biaya":
        uang = any(i and "uang" in i.golongan for i in (k.target, k.satuan))
        if uang or (g is None and k.ukuran == "uang"):
            return None
        if g in (None, "persen") and k.realisasi_anggaran:
            return None
        return "biaya_persen" if g == "persen" else "biaya"
    if a == "kuantitas" and g == "waktu":
        return "kuantitas"
    if a == "kualitas" and g in ("waktu", "uang"):
        return "kualitas"
    return None


def _periksa_aspek(k: _Konteks, c: _Pencatat) -> None:
    """Kuantitas / Kualitas / Waktu / Biaya must match the kind of target."""
    if not k.aspek:
        return
    if k.aspek not in ASPEK:
        c.catat("aspek_tidak_dikenal", berat=False)
        return
    alasan = _salah_aspek(k)
    if alasan == "tanpa_waktu":
        if "tanpa_batas_waktu" not in c.temuan:
            c.catat("tanpa_batas_waktu", "aspek_waktu", berat=True)
    elif alasan:
        c.catat("aspek_tidak_sesuai", alasan, berat=True)


def _periksa_batas_waktu(k: _Konteks, c: _Pencatat) -> None:
    """A time bound that is announced or implied but not given."""
    d = k.d
    for awal, akhir in d.penanda_waktu.cari(k.kata):
        # "paling lama" must be followed by a time: "paling lama 3 hari kerja".
        if not _ada_jumlah_waktu(k.kata, akhir, akhir + 6, d) and not k.waktu_di_target:
            c.catat("tanpa_batas_waktu", "penanda", berat=True, frasa=gabung(k.kata[awal:akhir]))
            return
    cepat = d.waktu_kabur.cari(k.kata)
    if cepat and not k.jumlah_waktu_teks and not k.waktu_di_target:
        awal, akhir = cepat[0]
        c.catat("tanpa_batas_waktu", "kabur", berat=True, frasa=gabung(k.kata[awal:akhir]))
        return
    # "Waktu rata-rata penanganan gangguan" with target "2" and an empty satuan.
    t, s = k.target, k.satuan
    if k.ukuran == "waktu" and t and t.angka and not t.golongan and s is not None and s.kosong:
        c.catat("tanpa_batas_waktu", "ukuran_waktu", berat=True)


def _akhiran_verba(w: Kata) -> str:
    """The -kan / -i suffix of a verb, read off its spelling (the stem may be hidden by the
    prefix, as in "meningkatkan"); "" when it has none."""
    bentuk = w.kecil.removesuffix("nya")
    if bentuk.endswith("kan") and not w.dasar.endswith("kan"):
        return "kan"
    if bentuk.endswith("i") and not w.dasar.endswith("i"):
        return "i"
    return ""


def _nominalisasi(w: Kata, d: _Data) -> bool:
    """A result named by a verb with -nya: "tersedianya", "terlatihnya", "menurunnya",
    "diterbitkannya", "terbitnya". Not a verb with an object pronoun: "menyampaikannya"."""
    if not w.kecil.endswith("nya"):
        return False
    if w.kelas == "verba":
        if w.awalan in ("ter", "ber", "di"):
            return True
        # me- + -kan/-i + -nya is "me...kan it" ("menggunakannya"); without the suffix the
        # -nya nominalises an intransitive verb ("meningkatnya", "menurunnya").
        return w.awalan == "me" and not _akhiran_verba(w)
    return d.nominal_peristiwa.memuat(w)


def _predikat(w: Kata, d: _Data) -> bool:
    """A passive or stative verb that states a result: "tersusun", "disahkan"."""
    return (
        w.kelas == "verba"
        and w.awalan in ("ter", "di")
        and not w.kecil.endswith("nya")
        and not d.ter_bukan_predikat.memuat(w)
    )


def _klausa_baru(kata: Sequence[Kata], i: int, d: _Data) -> bool:
    """ "Dokumen RKA tersusun dan DPA tersahkan": a subject and its own verb on both sides of
    the conjunction at i. "Persentase surat yang diterima dan didisposisikan" (one subject,
    two verbs) and "surat masuk dan keluar yang diarsipkan" (no verb before) are one result."""
    if i < 2 or not _predikat(kata[i - 1], d):
        return False
    subjek = 0
    for w in kata[i + 1 : i + 6]:
        if _predikat(w, d):
            return subjek > 0
        if not w.adalah_kata or w.kecil == "yang" or w.kelas == "verba" or w.kecil in d.konjungsi:
            return False
        if w.kecil.endswith("nya"):  # "... diuji dan hasilnya dilaporkan": the same thing
            return False
        subjek += 1
    return False


def _periksa_ganda(k: _Konteks, c: _Pencatat) -> None:
    """Two results in one indicator.

    After "dan", "serta" or a comma, a second result starts with:
    - a new measure: "Jumlah laporan dan persentase anggaran terserap";
    - a result named with -nya: "Tersedianya aplikasi dan terlatihnya pegawai", "Meningkatnya
      jumlah izin yang terbit dan menurunnya pengaduan";
    - a new subject with its own verb: "Dokumen RKA tersusun dan DPA tersahkan";
    - in an indicator that opens with a verb and its object, a second active verb: "Menyusun
      laporan dan melaksanakan rekonsiliasi".
    Conditions of one measure ("tepat waktu dan sesuai standar", "yang diterima dan
    didisposisikan"), two verbs sharing one object ("Menyusun dan memutakhirkan data") and a
    verb with an object pronoun ("... dan menyampaikannya") stay one result.
    """
    d, kata = k.d, k.kata
    ada_yang = False
    for i, w in enumerate(kata[:-1]):
        if w.kecil == "yang":
            ada_yang = True
        if i == 0 or w.kecil not in d.konjungsi:
            continue
        nxt = kata[i + 1]
        g = _golongan_ukuran(kata, i + 1, d)
        ukuran_baru = g in ("persen", "jumlah", "skala", "lain", "pengubah")
        verba_baru = (
            nxt.kelas == "verba"
            and nxt.awalan in ("me", "ber")
            and not nxt.kecil.endswith("nya")  # "... dan menyampaikannya": same result
            and not d.perbandingan.memuat(nxt)
            and k.verba_pembuka
            and not ada_yang
            and i >= 2  # the first verb has its own object
        )
        if ukuran_baru and i == k.ujung_kepala and k.ukuran and not k.verba_pembuka:
            # "Panjang dan jumlah tanggul yang direhabilitasi": two measures of one product.
            akhir = i + 1
            while akhir < len(kata) and _golongan_ukuran(kata, akhir, d):
                akhir += 1
            ukuran2 = gabung(kata[i + 1 : akhir])
            c.catat(
                "dua_ukuran",
                berat=False,
                ukuran1=gabung(kata[:i]),
                ukuran2=ukuran2,
                bagian1=gabung([*kata[:i], *kata[akhir:]]),
                bagian2=ukuran2[:1].upper() + gabung(kata[i + 1 :])[1:],
            )
            return
        if ukuran_baru or verba_baru or _nominalisasi(nxt, d) or _klausa_baru(kata, i, d):
            bagian1 = gabung(kata[:i])
            bagian2 = gabung(kata[i + 1 :])
            c.catat("ganda", berat=True, bagian1=bagian1, bagian2=bagian2[:1].upper() + bagian2[1:])
            return


def _periksa_persentase(k: _Konteks, c: _Pencatat) -> None:
    """A percentage of a process or an abstract state: "Persentase pembinaan UMKM",
    "Persentase peningkatan pelestarian hutan kota", "% pengelolaan arsip dinamis",
    "Persentase tertib administrasi kependudukan". A percentage is a measure only when it
    says of what, out of what: the object with its own clause ("Persentase fasilitasi lembaga
    pendidikan yang mendapatkan bantuan") or a checkable criterion ("Persentase kualitas udara
    dengan kategori baik") says so; a process with a done state (penanganan, penyelesaian)
    is not in the list."""
    d, kata = k.d, k.kata
    # "Cakupan pelayanan air limbah" measures who is served: only a plain percentage counts
    # the word after it.
    if k.ukuran != "persen" or not any(w.kecil in _KEPALA_PERSEN for w in kata[: k.ujung_kepala]):
        return
    j = k.ujung_kepala
    while j < len(kata) and d.arah.memuat(kata[j]):  # "Persentase peningkatan ..."
        j += 1
    if j >= len(kata):
        return
    varian = "default"
    n = 1 if kata[j].kecil in d.proses_abstrak else 0
    if not n:
        varian = "abstrak"
        n = d.abstrak_persen.cocok_di(kata, j) or d.abstrak.cocok_di(kata, j)
    if not n or _ada_klausa(kata[j + n :]) or _ada_kriteria(k):
        return
    objek = _objek(k, buang_abstrak=False, awal=_lewati_proses(kata, j + n, d))
    teks_objek = _teks_objek(objek) if objek else "sasaran"
    proses = kata[j]
    if varian == "default":
        pasif = d.pasif_proses.get(proses.kecil) or _pasif_nomina(proses, d)
        hasil = d.hasil_proses.get(proses.kecil) or f"{pasif} dan memenuhi standar"
    else:
        hasil = d.hasil_proses.get(proses.kecil) or (
            f"memenuhi kriteria {gabung(kata[j : j + n]).lower()} yang ditetapkan"
        )
    c.catat(
        "persentase_kabur",
        varian,
        berat=True,
        frasa=gabung(kata[: j + n]),
        objek=teks_objek,
        hasil=hasil,
    )


def _lewati_proses(kata: Sequence[Kata], i: int, d: _Data) -> int:
    """Where the object starts after a process noun at i - 1: past more process nouns joined
    to it ("pembinaan dan pengawasan desa", "Deteksi dan perbaikan aplikasi") and a
    preposition ("pengawasan terhadap pelabuhan")."""
    while (
        i + 1 < len(kata)
        and kata[i].kecil in d.konjungsi
        and kata[i + 1].kelas == "nomina"
        and kata[i + 1].awalan == "pe"
    ):
        i += 2
    if i < len(kata) and kata[i].kecil in ("terhadap", "atas", "bagi", "pada", "untuk"):
        i += 1
    return i


_KEPALA_PERSEN = frozenset(("persentase", "presentase", "prosentase", "persen", "%"))


def _ada_klausa(kata: Sequence[Kata]) -> bool:
    """An object followed by its own "yang ..." clause: "lembaga pendidikan yang mendapatkan
    bantuan"."""
    for i, w in enumerate(kata):
        if w.kecil == "yang":
            return i > 0 and i + 1 < len(kata)
    return False


def _periksa_rentang(k: _Konteks, c: _Pencatat) -> None:
    """A target range written upside down: "10 - 5"."""
    t = k.target
    if t and t.rentang and t.rentang[1] < t.rentang[0]:
        bawah, atas = t.rentang
        c.catat(
            "rentang_terbalik",
            berat=True,
            target=t.teks,
            rentang_benar=f"{format_angka(atas)} - {format_angka(bawah)}",
        )


def _periksa_baseline(k: _Konteks, c: _Pencatat) -> None:
    """Targets far from the previous achievement, and percentages above 100."""
    t = k.target
    if not t or not t.angka:
        return
    nilai = t.angka[0]
    persen = k.golongan == "persen" or (k.golongan is None and k.ukuran == "persen")
    if persen and nilai > 100:
        c.catat("target_tidak_realistis", "lebih_100", berat=False, target=t.teks)
        return
    b = k.baseline
    if b is None or b <= 0:
        return
    a = k.d.ambang
    poin = nilai - b
    if nilai / b > a["rasio_naik_maks"] or (persen and poin > a["selisih_poin_persen_maks"]):
        usul = min(b + a["usul_poin_persen"], 100) if persen else b * a["usul_rasio_naik"]
        varian = "naik"
    elif nilai / b < a["rasio_turun_min"] or (persen and -poin > a["selisih_poin_persen_maks"]):
        usul = max(b - a["usul_poin_persen"], 0) if persen else b * a["usul_rasio_turun"]
        varian = "turun"
    else:
        return
    c.catat(
        "target_tidak_realistis",
        varian,
        berat=False,
        target=t.teks,
        baseline=format_angka(b),
        usul=format_angka(round(usul, 1)),
    )


_PEMERIKSA = (
    _periksa_normatif,
    _periksa_kabur,
    _periksa_aktivitas,
    _periksa_ukuran,
    _periksa_satuan,
    _periksa_batas_waktu,
    _periksa_aspek,
    _periksa_persentase,
    _periksa_ganda,
    _periksa_rentang,
    _periksa_baseline,
)


def _skor(temuan: Sequence[Temuan], terukur: bool, d: _Data) -> int:
    s = d.skor
    skor = 100 - sum(
        max(s["penalti_berat"], d.pesan[t.kode]["penalti"])
        if t.berat
        else d.pesan[t.kode]["penalti"]
        for t in temuan
    )
    if terukur:
        return max(skor, s["skor_min_terukur"])
    return max(0, min(skor, s["skor_maks_tidak_terukur"]))


def analisis(
    indikator: str,
    *,
    target: str | None = None,
    satuan: str | None = None,
    aspek: str | None = None,
    baseline: float | None = None,
) -> HasilAnalisis:
    """Analyse one indicator.

    ``target``, ``satuan`` and ``aspek`` are optional: None means "not known" (no finding
    about it), an empty string means "left empty" (a finding). ``baseline`` is the previous
    achievement in the target's unit, when known.
    """
    k = _konteks(indikator or "", target, satuan, aspek, baseline)
    c = _Pencatat(k)
    if not k.isi:
        c.catat("kosong", berat=True)
    else:
        for periksa in _PEMERIKSA:
            periksa(k, c)
    # Heavy findings first: they are what must be fixed.
    temuan = sorted(c.temuan.values(), key=lambda t: not t.berat)
    terukur = not any(t.berat for t in temuan)
    return HasilAnalisis(terukur, _skor(temuan, terukur, k.d), temuan)


# --- Shared with the SKP form ------------------------------------------------------------


def jenis_satuan(satuan: str) -> str | None:
    """Kind of a satuan as typed in a form, from the shared list in ``data/satuan.json``:
    "waktu" (menit, jam, hari kerja, ...), "uang" (rupiah, Rp, juta), "persen", "aktivitas"
    (kali, kegiatan), "skala" (nilai, indeks), "keluaran" (any other noun: dokumen, orang),
    or None when it names nothing."""
    isian = _baca_isian(satuan, _data(), satuan=True)
    return isian.golongan[0] if isian and isian.golongan else None


def kesesuaian_aspek(aspek: str, indikator: str, satuan: str) -> str | None:
    """Whether a numeric target in ``satuan`` fits ``aspek`` for this indicator text: None
    when it does, otherwise why not ("waktu", "waktu_persen", "tanpa_waktu", "biaya",
    "biaya_persen", "kuantitas", "kualitas"). The same rule gives the analyser's
    ``aspek_tidak_sesuai`` finding, so the form refuses exactly what the analyser flags:
    % fits Waktu when the text states a time bound ("paling lama 2 x 24 jam", "tepat waktu")
    and Biaya for budget realisation or efficiency ("Realisasi penyerapan anggaran")."""
    k = _konteks(indikator or "", "1", satuan, aspek, None)
    return _salah_aspek(k) if k.aspek in ASPEK else None
