"""What still blocks submitting an SKP (the checklist "Sebelum diajukan")."""

from django.utils.text import Truncator

from skp.models import ASPEK_WAJIB, JenisRhk, RencanaHasilKerja, Skp
from skp.selectors import penilai_aktif


def _nama_rhk(rhk: RencanaHasilKerja) -> str:
    return f"RHK {rhk.label} “{Truncator(rhk.uraian).chars(60)}”"


def periksa_kelengkapan(skp: Skp) -> list[str]:
    """What still blocks submitting `skp`, in Indonesian; empty when it is complete.
    Uses the prefetched RHK and indicators when present (see selectors.muat_isi)."""
    masalah: list[str] = []
    semua = sorted(skp.rhk.all(), key=lambda r: (r.jenis != JenisRhk.UTAMA, r.urutan))
    if not any(r.jenis == JenisRhk.UTAMA for r in semua):
        masalah.append("Belum ada RHK utama. Tambahkan minimal satu Rencana Hasil Kerja utama.")
    # Who would receive it now (as the workflow routes it), not the penilai recorded when the
    # SKP was created: the admin may have completed the position tree since.
    if not skp.jpt and penilai_aktif(skp) is None:
        masalah.append(
            "Pejabat penilai kinerja belum tercatat. Minta admin kepegawaian melengkapi atasan "
            "jabatan Anda."
        )
    for rhk in semua:
        indikator = list(rhk.indikator.all())
        if not indikator:
            masalah.append(f"{_nama_rhk(rhk)} belum memiliki indikator kinerja.")
        elif skp.pakai_aspek:
            ada = {i.aspek for i in indikator}
            kurang = [a.label for a in ASPEK_WAJIB if a not in ada]
            if kurang:
                masalah.append(
                    f"{_nama_rhk(rhk)} belum memiliki indikator aspek {', '.join(kurang)}."
                )
        if skp.jpt and not rhk.perspektif:
            masalah.append(f"{_nama_rhk(rhk)} belum diberi perspektif.")
        if rhk.jenis == JenisRhk.UTAMA and not rhk.ditautkan:
            masalah.append(
                f"{_nama_rhk(rhk)} belum ditautkan ke sasaran/indikator Renstra atau sub "
                "kegiatan Renja. Bila Renstra unit Anda belum tersedia, minta admin "
                "perencanaan mengunggahnya."
                if skp.jpt
                else f"{_nama_rhk(rhk)} belum ditautkan ke RHK pimpinan yang diintervensi."
            )
    return masalah
