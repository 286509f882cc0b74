"""Snapshots of an SKP's content (RHK, links, indicators, targets, lampiran) as JSON, and the
difference between two of them: what the atasan sees changed since the last submission, and
the side-by-side comparison of two versions."""

from dataclasses import dataclass, field

from skp.models import RencanaHasilKerja, Skp
from skp.selectors import muat_isi
from skp.templatetags.skp_tags import target as tampil_target


def _tautan(rhk) -> str:
    # Both texts as agreed, for an approved or replaced version.
    if rhk.uraian_rhk_atasan:
        return rhk.uraian_rhk_atasan
    butir = rhk.butir_perencanaan
    return f"{butir.kode} {rhk.uraian_perencanaan}" if butir else rhk.uraian_perencanaan


def _leluhur(daftar_rhk: list) -> dict[int, list[int]]:
    """For each RHK, the RHK of earlier versions it was copied from (`asal`), nearest first: a
    revision's RHK points at the approved version's, which may itself be a copy. One query per
    version back."""
    rantai = {r.pk: [r.asal_id] for r in daftar_rhk if r.asal_id}
    ujung = {pk: asal[-1] for pk, asal in rantai.items()}
    while ujung:
        asal = dict(
            RencanaHasilKerja.objects.filter(
                pk__in=set(ujung.values()), asal__isnull=False
            ).values_list("pk", "asal_id")
        )
        # An origin already in the chain would be a cycle (data written around the services):
        # the chain ends there rather than looping.
        ujung = {
            pk: asal[u]
            for pk, u in ujung.items()
            if u in asal and asal[u] != pk and asal[u] not in rantai[pk]
        }
        for pk, u in ujung.items():
            rantai[pk].append(u)
    return rantai


def buat_cuplikan(skp: Skp) -> dict:
    """The content of `skp` as plain data (ids kept to follow an item across edits; `asal`
    lists the RHK of earlier versions an RHK was copied from, to follow it across versions)."""
    if "rhk" not in getattr(skp, "_prefetched_objects_cache", {}):
        muat_isi(skp)
    leluhur = _leluhur(list(skp.rhk.all()))
    return {
        "versi": skp.versi,
        "rhk": [
            {
                "id": r.pk,
                "asal": leluhur.get(r.pk, []),
                "jenis": r.jenis,
                "urutan": r.urutan,
                "label": r.label,
                "uraian": r.uraian,
                "tautan": _tautan(r),
                "perspektif": r.get_perspektif_display() if r.perspektif else "",
                "indikator": [
                    {
                        "id": i.pk,
                        "aspek": i.get_aspek_display() if i.aspek else "",
                        "uraian": i.uraian,
                        "target": tampil_target(i),
                        "bukti": i.rencana_bukti_dukung,
                    }
                    for i in r.indikator.all()
                ],
            }
            for r in skp.rhk.all()
        ],
        "lampiran": {
            "Dukungan sumber daya": skp.dukungan_sumber_daya,
            "Skema pertanggungjawaban": skp.skema_pertanggungjawaban,
            "Konsekuensi": skp.konsekuensi,
        },
    }


KOLOM_RHK = {
    "uraian": "Rencana hasil kerja",
    "tautan": "RHK pimpinan/tautan",
    "perspektif": "Perspektif",
}
KOLOM_INDIKATOR = {
    "aspek": "Aspek",
    "uraian": "Indikator",
    "target": "Target",
    "bukti": "Rencana bukti dukung",
}


@dataclass
class Perubahan:
    kolom: str
    lama: str
    baru: str


@dataclass
class BedaIndikator:
    keadaan: str  # "tambah", "hapus", "ubah", "sama"
    lama: dict | None
    baru: dict | None
    perubahan: list[Perubahan] = field(default_factory=list)

    @property
    def isi(self) -> dict:
        return self.baru or self.lama or {}


@dataclass
class BedaRhk:
    keadaan: str
    lama: dict | None
    baru: dict | None
    perubahan: list[Perubahan] = field(default_factory=list)
    indikator: list[BedaIndikator] = field(default_factory=list)

    @property
    def isi(self) -> dict:
        return self.baru or self.lama or {}

    @property
    def berubah(self) -> bool:
        return self.keadaan != "sama" or any(i.keadaan != "sama" for i in self.indikator)


@dataclass
class Beda:
    rhk: list[BedaRhk]
    lampiran: list[Perubahan]

    @property
    def ada(self) -> bool:
        return bool(self.lampiran) or any(r.berubah for r in self.rhk)


def _perubahan(lama: dict, baru: dict, kolom: dict[str, str]) -> list[Perubahan]:
    # A key missing on one side comes from a snapshot stored before that field was recorded:
    # unknown, so not reported as a change.
    return [
        Perubahan(nama, lama[k], baru[k])
        for k, nama in kolom.items()
        if k in lama and k in baru and lama[k] != baru[k]
    ]


def _pasangkan(lama: list[dict], baru: list[dict], kunci) -> list[tuple[dict | None, dict | None]]:
    """Pairs items by `kunci`, in the new order, removed ones after."""
    sisa = {kunci(x): x for x in lama}
    pasangan = []
    for b in baru:
        pasangan.append((sisa.pop(kunci(b), None), b))
    pasangan.extend((lama_item, None) for lama_item in sisa.values())
    return pasangan


def _keadaan(lama, baru, perubahan) -> str:
    if lama is None:
        return "tambah"
    if baru is None:
        return "hapus"
    return "ubah" if perubahan else "sama"


def _dengan_kunci_antar_versi(lama: list[dict], baru: list[dict]) -> tuple[list, list]:
    """The RHK of two versions with the key that pairs them (`_k`). By origin: an RHK of the
    newer version goes with the RHK of the older one it was copied from (through any revisions
    between), so inserting, deleting or moving one RHK leaves the others paired with
    themselves; an RHK added since has no partner. Only when a snapshot does not record origins
    (one made before they were kept), by position: jenis and number."""
    if any("asal" not in r for r in lama + baru):
        posisi = lambda r: dict(r, _k=(r["jenis"], r["urutan"]))  # noqa: E731
        return [posisi(r) for r in lama], [posisi(r) for r in baru]
    id_lama = {r["id"] for r in lama}
    return (
        [dict(r, _k=("asal", r["id"])) for r in lama],
        [
            dict(r, _k=next((("asal", a) for a in r["asal"] if a in id_lama), ("baru", r["id"])))
            for r in baru
        ],
    )


def bandingkan(lama: dict, baru: dict, *, antar_versi: bool = False) -> Beda:
    """What changed from snapshot `lama` to `baru`. Within one SKP items are followed by id;
    between versions (copies with new ids) RHK by the RHK they were copied from (by position
    when that is unknown), indicators by aspek (or order)."""
    rhk_lama, rhk_baru = lama.get("rhk", []), baru.get("rhk", [])
    if antar_versi:
        rhk_lama, rhk_baru = _dengan_kunci_antar_versi(rhk_lama, rhk_baru)
        kunci_rhk = lambda r: r["_k"]  # noqa: E731
    else:
        kunci_rhk = lambda r: r["id"]  # noqa: E731
    hasil = []
    for r_lama, r_baru in _pasangkan(rhk_lama, rhk_baru, kunci_rhk):
        perubahan = _perubahan(r_lama, r_baru, KOLOM_RHK) if r_lama and r_baru else []
        indikator = []
        ind_lama = r_lama["indikator"] if r_lama else []
        ind_baru = r_baru["indikator"] if r_baru else []
        if antar_versi:
            ind_lama = [dict(i, _k=(i["aspek"] or n)) for n, i in enumerate(ind_lama)]
            ind_baru = [dict(i, _k=(i["aspek"] or n)) for n, i in enumerate(ind_baru)]
            kunci_i = lambda i: i["_k"]  # noqa: E731
        else:
            kunci_i = lambda i: i["id"]  # noqa: E731
        for i_lama, i_baru in _pasangkan(ind_lama, ind_baru, kunci_i):
            p = _perubahan(i_lama, i_baru, KOLOM_INDIKATOR) if i_lama and i_baru else []
            indikator.append(BedaIndikator(_keadaan(i_lama, i_baru, p), i_lama, i_baru, p))
        hasil.append(
            BedaRhk(_keadaan(r_lama, r_baru, perubahan), r_lama, r_baru, perubahan, indikator)
        )
    lampiran = [
        Perubahan(k, v, baru.get("lampiran", {}).get(k, ""))
        for k, v in lama.get("lampiran", {}).items()
        if v != baru.get("lampiran", {}).get(k, "")
    ]
    return Beda(hasil, lampiran)
