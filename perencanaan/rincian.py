"""The Renstra/Renja preview row by row (core.rincian): what each item of the file creates or
changes, which changes rename or move an item other records rely on, and which SKP link a
changed item (and what those SKP will show afterwards)."""

from decimal import Decimal

from core.rincian import BARU, DIUBAH, TETAP, BarisRincian
from perencanaan.angka import tulis_angka, tulis_rupiah
from perencanaan.pemakai import Pemakai, pemakai

RENJA = ("program", "kegiatan", "subkegiatan")
MEDAN = {
    "nama": "Rumusan",
    "tujuan": "Tujuan",
    "sasaran": "Sasaran",
    "program": "Program",
    "kegiatan": "Kegiatan",
    "satuan": "Satuan",
    "baseline": "Baseline",
    "iku": "IKU",
    "nilai": "Target",
    "indikator": "Indikator",
    "target": "Target",
    "pagu": "Pagu",
}
INDUK = ("tujuan", "sasaran", "program", "kegiatan")
DITAUTKAN_SKP = ("sasaran", "indikator", "subkegiatan")  # what an RHK of a JPT can link
SKP_DISEBUT = 10


def _tampil(medan: str, nilai: object) -> str:
    if nilai is None or nilai == "":
        return ""
    if isinstance(nilai, bool):
        return "Ya" if nilai else "Tidak"
    if medan == "pagu":
        return tulis_rupiah(nilai)
    if isinstance(nilai, Decimal):
        # Most targets are whole numbers: printed directly, as tulis_angka would (1.500), which
        # for 50,000 new targets saves most of a second.
        if nilai == nilai.to_integral_value():
            return f"{int(nilai):,}".replace(",", ".")
        return tulis_angka(nilai)
    if isinstance(nilai, tuple):  # a Renja parent, keyed (year, code)
        return str(nilai[1])
    return str(nilai)


def kunci_tampil(jenis: str, kunci: object) -> str:
    if jenis == "target" or jenis in RENJA:
        a, b = kunci
        return f"{a} · {b}" if jenis == "target" else f"{b} · {a}"
    return str(kunci)


def _label_medan(jenis: str, medan: str) -> str:
    return "Nama" if medan == "nama" and jenis in RENJA else MEDAN[medan]


# A number field and the field holding its text as the file wrote it.
TERTULIS = {"nilai": "teks", "baseline": "baseline_teks", "target": "target_teks"}


def baris(
    jenis: str,
    label: str,
    kunci: object,
    nama: str,
    banding: dict,
    lama: dict | None,
    tertulis: dict | None = None,
) -> BarisRincian:
    """One item of the file against what the database holds (`lama`, None when new). Only the
    fields the file speaks of are compared (see impor._sama). Numbers are shown as written, in
    the file (`tertulis`) and in the upload that stored them (`lama`'s texts): formatting
    50,000 targets again would cost about a second."""
    teks_kunci = kunci_tampil(jenis, kunci)
    if lama is None:
        tertulis = tertulis or {}
        medan = [
            (_label_medan(jenis, k), "", teks)
            for k, v in banding.items()
            if k != "nama" and (teks := tertulis.get(TERTULIS.get(k, "")) or _tampil(k, v))
        ]
        return BarisRincian(BARU, teks_kunci, nama, medan)
    berubah = [k for k, v in banding.items() if lama[k] != v]
    if not berubah:
        return BarisRincian(TETAP, teks_kunci, nama)
    tertulis = tertulis or {}
    medan = [
        (
            _label_medan(jenis, k),
            lama.get(TERTULIS.get(k, "")) or _tampil(k, lama[k]),
            tertulis.get(TERTULIS.get(k, "")) or _tampil(k, banding[k]),
        )
        for k in berubah
    ]
    penting = []
    if "nama" in berubah:
        kata = "namanya" if jenis in RENJA else "rumusannya"
        penting.append(
            f"{label} {teks_kunci} akan diganti {kata} dari “{lama['nama']}” menjadi "
            f"“{banding['nama']}”."
        )
    if jenis == "indikator" and "satuan" in berubah:
        penting.append(
            f"Satuan indikator {teks_kunci} berubah dari “{lama['satuan']}” menjadi "
            f"“{banding['satuan']}”: target yang sudah ada akan dibaca dengan satuan baru."
        )
    for k in INDUK:
        if k in berubah:
            penting.append(
                f"{label} {teks_kunci} dipindah dari {MEDAN[k].lower()} "
                f"{_tampil(k, lama[k])} ke {_tampil(k, banding[k])}."
            )
    return BarisRincian(DIUBAH, teks_kunci, nama, medan, " ".join(penting))


def catatan_skp(
    renstra_id: int, terkait: dict[str, dict[int, list[tuple[BarisRincian, bool]]]]
) -> None:
    """Adds to each changed row the SKP that link its item (`terkait`: kind -> item id -> the
    rows about it, each with whether it changes the item's text: the item's own row, and for
    an indikator the rows of its targets), one query per kind. What those SKP show afterwards is said as it is: an approved SKP keeps the text it was
    agreed with (frozen on approval); others show the new text; an SKP shows only the item's
    text, so a change of target, satuan or baseline does not change what it shows."""
    for jenis in DITAUTKAN_SKP:
        ids = set(terkait.get(jenis, {}))
        for pk, daftar in pemakai(jenis, renstra_id, ids).items():
            for b, teks_berubah in terkait[jenis][pk]:
                b.catatan = _catatan(daftar, teks_berubah)


def _catatan(daftar: list[Pemakai], teks_berubah: bool) -> list[str]:
    disebut = "; ".join(p.uraian for p in daftar[:SKP_DISEBUT])
    if len(daftar) > SKP_DISEBUT:
        disebut += f"; dan {len(daftar) - SKP_DISEBUT} SKP lain"
    hasil = [f"Ditautkan oleh {len(daftar)} SKP: {disebut}."]
    if not teks_berubah:
        hasil.append("SKP hanya menampilkan rumusannya, jadi isi SKP itu tidak berubah.")
        return hasil
    beku = sum(1 for p in daftar if p.beku)
    if beku:
        hasil.append(
            f"{beku} SKP yang sudah disetujui tetap menampilkan rumusan yang disepakati saat "
            "disetujui."
        )
    if beku < len(daftar):
        hasil.append(
            f"{len(daftar) - beku} SKP yang belum disetujui akan menampilkan rumusan baru."
        )
    return hasil
