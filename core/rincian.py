"""Row by row what an upload would change, for its preview (shared by the pegawai and the Renstra
imports, which know their own rows; this module knows none of them).

Each import describes every row it read as a `BarisRincian`: created, changed (field: old -> new)
or left alone, and, for a change that renames or moves something other records rely on, why it
needs the admin's own acknowledgement (`penting`). The whole description is kept with the upload
as JSON (with a small overview of it, `buat_ikhtisar`, for the page as first opened): the
preview pages filter and page it without reading the file or the database again, and it stays
as the record of what was applied. Its fingerprint (`sidik`) lets the confirmation
refuse to apply anything but what the preview showed.
"""

import gc
import hashlib
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.core.paginator import Page, Paginator

from core.unggahan import ImporDitolak

BARU, DIUBAH, TETAP = "baru", "diubah", "tetap"
LABEL_JENIS = {BARU: "Baru", DIUBAH: "Diubah", TETAP: "Tidak berubah"}

# What the preview lists, by the `tampil` parameter; the default hides rows left alone.
PERUBAHAN, PENTING, SEMUA = "perubahan", "penting", "semua"
TAMPIL = {
    PERUBAHAN: "Semua perubahan",
    PENTING: "Perlu perhatian",
    BARU: "Baru",
    DIUBAH: "Diubah",
    TETAP: "Tidak berubah",
    SEMUA: "Semua baris",
}
PER_KELOMPOK = 25  # rows of each group on the overview; the rest one group at a time
PER_HALAMAN = 100
PENTING_DITAMPILKAN = 100  # in the box at the top; all of them under ?tampil=penting


@contextmanager
def tanpa_gc() -> Iterator[None]:
    """Pauses the cyclic garbage collector while a description of tens of thousands of rows is
    built: its rows (dicts, tuples, strings) hold no reference cycles, yet each batch of new
    objects triggers collections that walk every live object, which made up about half the
    time the description added to a Renstra of 60,000 rows. Reference counting still frees
    everything; collection resumes (and catches up) when the block ends."""
    aktif = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if aktif:
            gc.enable()


@dataclass
class BarisRincian:
    jenis: str  # BARU, DIUBAH or TETAP
    kunci: str  # how the file names the row: a code, a NIP
    nama: str
    medan: list[tuple[str, str, str]] = field(default_factory=list)  # (field, old, new)
    penting: str = ""  # why this change needs its own acknowledgement, or ""
    catatan: list[str] = field(default_factory=list)  # e.g. the SKP that link a changed item

    def ke_json(self) -> dict:
        # Short keys, empty ones left out: a preview of 20,000 pegawai holds about 45,000 rows.
        data = {"j": self.jenis, "k": self.kunci, "n": self.nama}
        if self.medan:
            data["m"] = self.medan  # tuples, written as JSON arrays
        if self.penting:
            data["p"] = self.penting
        if self.catatan:
            data["c"] = self.catatan
        return data


@dataclass
class KelompokRincian:
    kode: str  # "unit", "indikator", ...
    label: str  # "Unit kerja", "Indikator kinerja", ...
    baris: list[BarisRincian] = field(default_factory=list)

    def urutkan(self) -> None:
        """Changes that need attention first, then changed, created and unchanged rows, each in
        file order."""
        peringkat = {DIUBAH: 1, BARU: 2, TETAP: 3}
        self.baris.sort(key=lambda b: 0 if b.penting else peringkat[b.jenis])

    def jumlah(self, jenis: str) -> int:
        return sum(1 for b in self.baris if b.jenis == jenis)


@dataclass
class Rincian:
    """Complete once planned: its JSON is made once and reused."""

    kelompok: list[KelompokRincian] = field(default_factory=list)
    _json: dict | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def jumlah_penting(self) -> int:
        return sum(1 for k in self.kelompok for b in k.baris if b.penting)

    def penting(self) -> list[tuple[str, BarisRincian]]:
        """The changes that need attention, each with its group's label."""
        return [(k.label, b) for k in self.kelompok for b in k.baris if b.penting]

    @tanpa_gc()
    def ke_json(self) -> dict:
        if self._json is None:
            self._json = {
                "kelompok": [
                    {"kode": k.kode, "label": k.label, "baris": [b.ke_json() for b in k.baris]}
                    for k in self.kelompok
                ]
            }
        return self._json

    @tanpa_gc()
    def sidik(self) -> str:
        """A fingerprint of what would be written (rows left alone do not count, nor the notes
        about who links an item): equal for two plans exactly when they create and change the
        same rows in the same way."""
        perubahan = [
            [k["kode"], b["j"], b["k"], b["n"], b.get("m", ()), b.get("p", "")]
            for k in self.ke_json()["kelompok"]
            for b in k["baris"]
            if b["j"] != TETAP
        ]
        teks = json.dumps(perubahan, ensure_ascii=False)
        return hashlib.sha256(teks.encode()).hexdigest()


# ---------------------------------------------------------------- reading it back for a page


@dataclass
class Ringkas:
    """One row for a template, from its JSON."""

    jenis: str
    kunci: str
    nama: str
    medan: list[list[str]]
    penting: str
    catatan: list[str]

    @classmethod
    def dari_json(cls, data: dict) -> "Ringkas":
        return cls(
            data["j"], data["k"], data["n"], data.get("m", []), data.get("p", ""), data.get("c", [])
        )

    @property
    def label_jenis(self) -> str:
        return LABEL_JENIS[self.jenis]


def _cocok(data: dict, tampil: str) -> bool:
    if tampil == SEMUA:
        return True
    if tampil == PERUBAHAN:
        return data["j"] != TETAP
    if tampil == PENTING:
        return "p" in data
    return data["j"] == tampil


def _url(tampil: str, kelompok: str | None = None, halaman: int | None = None) -> str:
    parameter = {"tampil": tampil}
    if kelompok:
        parameter["kelompok"] = kelompok
    if halaman and halaman > 1:
        parameter["halaman"] = halaman
    return f"?{urlencode(parameter)}#rincian"


@tanpa_gc()
def buat_ikhtisar(rincian: dict) -> dict:
    """What the preview shows when first opened, kept beside the full description: each group's
    counts and first rows of every kind, and the changes that need attention. Reading the full
    description of 20,000 new pegawai (about 9 MB of JSON) takes a good part of a second; this
    stays a few kilobytes whatever the file's size. One pass over the rows."""
    kelompok = []
    penting = []
    jumlah_penting = 0
    for k in rincian.get("kelompok", []):
        hitungan = dict.fromkeys(TAMPIL, 0)
        awal: dict[str, list[dict]] = {t: [] for t in TAMPIL}
        for b in k["baris"]:
            jenis = [SEMUA, b["j"]] + ([PERUBAHAN] if b["j"] != TETAP else [])
            if "p" in b:
                jenis.append(PENTING)
                jumlah_penting += 1
                if len(penting) < PENTING_DITAMPILKAN:
                    penting.append([k["label"], b])
            for t in jenis:
                hitungan[t] += 1
                if len(awal[t]) < PER_KELOMPOK:
                    awal[t].append(b)
        kelompok.append(
            {"kode": k["kode"], "label": k["label"], "hitungan": hitungan, "awal": awal}
        )
    return {"kelompok": kelompok, "penting": penting, "jumlah_penting": jumlah_penting}


def konteks_rincian(
    ikhtisar: dict,
    muat_rincian: Callable[[], dict],
    *,
    tampil: str | None,
    kelompok: str | None,
    halaman: str | None,
) -> dict:
    """What the `core/_rincian_impor.html` partial shows for the request's filter: on the
    overview (from `ikhtisar` alone), each group's counts and its first PER_KELOMPOK rows of the
    chosen kind; with `kelompok`, that group alone, PER_HALAMAN rows a page (from the full
    description, `muat_rincian()`). Every other view is one link away, so the page works
    without JavaScript and never renders thousands of rows."""
    tampil = tampil if tampil in TAMPIL else PERUBAHAN
    daftar = ikhtisar.get("kelompok", [])
    dipilih = next((k for k in daftar if k["kode"] == kelompok), None)
    grup = []
    for k in [dipilih] if dipilih else daftar:
        hitungan = k["hitungan"]
        halaman_ini: Page | None = None
        if dipilih:
            penuh = next(x for x in muat_rincian()["kelompok"] if x["kode"] == k["kode"])
            cocok = [b for b in penuh["baris"] if _cocok(b, tampil)]
            halaman_ini = Paginator(cocok, PER_HALAMAN).get_page(halaman)
            baris = halaman_ini.object_list
        else:
            baris = k["awal"][tampil]
        sebelum = halaman_ini is not None and halaman_ini.has_previous()
        berikut = halaman_ini is not None and halaman_ini.has_next()
        grup.append(
            {
                "kode": k["kode"],
                "label": k["label"],
                "hitungan": hitungan,
                "baris": [Ringkas.dari_json(b) for b in baris],
                "halaman": halaman_ini,
                "url_sebelum": _url(tampil, k["kode"], halaman_ini.number - 1) if sebelum else "",
                "url_berikut": _url(tampil, k["kode"], halaman_ini.number + 1) if berikut else "",
                "sisa": 0 if dipilih else hitungan[tampil] - len(baris),
                "url_semua": _url(tampil, k["kode"]),
                "url_tetap": _url(TETAP, k["kode"]),
                "filter": [
                    {"kode": t, "label": label, "jumlah": hitungan[t], "url": _url(t, k["kode"])}
                    for t, label in TAMPIL.items()
                ],
            }
        )
    return {
        "ada_rincian": bool(daftar),
        "tampil": tampil,
        "label_tampil": TAMPIL[tampil],
        "kelompok_dipilih": dipilih["kode"] if dipilih else None,
        "grup": grup,
        "filter": [
            {
                "kode": t,
                "label": label,
                "jumlah": sum(k["hitungan"][t] for k in daftar),
                "url": _url(t),
            }
            for t, label in TAMPIL.items()
        ],
        "penting": [(label, Ringkas.dari_json(b)) for label, b in ikhtisar.get("penting", [])],
        "jumlah_penting": ikhtisar.get("jumlah_penting", 0),
        "url_penting": _url(PENTING),
        "url_ikhtisar": _url(tampil),
    }


# ---------------------------------------------------------------- confirming


def tolak_bila_tidak_sesuai(ringkasan: dict, *, paham_penting: bool) -> None:
    """Before anything is recomputed: a preview made before rows were described cannot show
    what it would change, and one with changes that need attention needs its tick."""
    if "sidik" not in ringkasan:
        raise ImporDitolak(
            "Pratinjau ini dibuat sebelum aplikasi menampilkan rincian perubahan per baris. "
            "Unggah ulang berkasnya untuk melihat rinciannya sebelum menerapkan.",
            [],
        )
    if ringkasan.get("penting") and not paham_penting:
        raise ImporDitolak(
            f"Impor belum diterapkan: {ringkasan['penting']} perubahan perlu perhatian (nama yang "
            "diganti atau data yang dipindah). Baca daftar “Perlu perhatian”, centang pernyataan "
            "“Saya memahami …”, lalu konfirmasi lagi. Tidak ada data yang diubah.",
            [],
        )


def tolak_bila_berbeda(ringkasan: dict, rincian: Rincian) -> None:
    """After recomputing against the data as it is now: apply only what the preview showed."""
    if rincian.sidik() != ringkasan["sidik"]:
        raise ImporDitolak(
            "Data di aplikasi berubah sejak pratinjau ini dibuat, sehingga yang akan diterapkan "
            "tidak lagi sama dengan yang ditampilkan. Unggah ulang berkasnya untuk melihat "
            "pratinjau terbaru. Tidak ada data yang diubah.",
            [],
        )
