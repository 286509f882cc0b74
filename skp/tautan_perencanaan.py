"""The RHK that link a Renstra or Renja item, as seen from the planning side: the Renstra
import's preview names the SKP that rely on an item it changes (perencanaan.pemakai, which
cannot import skp, gets this lookup registered in SkpConfig.ready)."""

from perencanaan.pemakai import Pemakai
from skp.models import STATUS_TERBIT, RencanaHasilKerja, StatusSkp

# The RHK field linking each kind of planning item (perencanaan.pemakai's names for them).
KOLOM = {
    "sasaran": "sasaran_renstra",
    "indikator": "indikator_renstra",
    "subkegiatan": "subkegiatan_renja",
}


def skp_penaut(jenis: str, renstra_id: int) -> dict[int, list[Pemakai]]:
    """The SKP whose RHK link each item of `jenis` of one Renstra, each SKP once, by year and
    name. One query."""
    kolom = f"{KOLOM[jenis]}_id"
    baris = (
        RencanaHasilKerja.objects.filter(**{f"{KOLOM[jenis]}__renstra_id": renstra_id})
        .order_by("skp__tahun", "skp__pegawai_nama", "skp__versi")
        .values_list(
            kolom, "skp_id", "skp__pegawai_nama", "skp__tahun", "skp__versi", "skp__status"
        )
    )
    hasil: dict[int, list[Pemakai]] = {}
    dilihat: set[tuple[int, int]] = set()
    for pk, skp_id, nama, tahun, versi, status in baris:
        if (pk, skp_id) in dilihat:
            continue
        dilihat.add((pk, skp_id))
        hasil.setdefault(pk, []).append(
            Pemakai(
                uraian=f"{nama} — SKP {tahun} versi {versi}, {StatusSkp(status).label}",
                beku=status in STATUS_TERBIT,
            )
        )
    return hasil
