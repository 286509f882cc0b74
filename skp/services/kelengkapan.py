"""What still blocks submitting an SKP (the checklist "Sebelum diajukan"), and what in an SKP
goes past the size limits (skp/batas.py)."""

from django.utils.text import Truncator

from skp.batas import MAKS_INDIKATOR, MAKS_INDIKATOR_SKP, MAKS_LAMPIRAN, MAKS_RHK, MAKS_URAIAN
from skp.models import ASPEK_WAJIB, JenisRhk, RencanaHasilKerja, Skp
from skp.selectors import penilai_aktif
from skp.services.ubah import NAMA_LAMPIRAN, pesan_terlalu_panjang


def _nama_rhk(rhk: RencanaHasilKerja) -> str:
    return f"RHK {rhk.label} “{Truncator(rhk.uraian).chars(60)}”"


def melebihi_batas(skp: Skp) -> list[str]:
    """What in the content the pegawai writes (RHK, indicators, lampiran) goes past the limits,
    in Indonesian; empty when none does. The services refuse such content as it is typed, so
    this finds only an SKP written before the limits existed: it cannot be copied into a new
    year, nor submitted until it is trimmed. Uses the prefetched RHK and indicators."""
    masalah: list[str] = []
    semua = sorted(skp.rhk.all(), key=lambda r: (r.jenis != JenisRhk.UTAMA, r.urutan))
    if len(semua) > MAKS_RHK:
        masalah.append(
            f"SKP memuat {len(semua)} RHK, paling banyak {MAKS_RHK} RHK per SKP. Gabungkan RHK "
            "yang sejenis atau hapus RHK yang tidak lagi diperlukan."
        )
    total = sum(len(rhk.indikator.all()) for rhk in semua)
    if total > MAKS_INDIKATOR_SKP:
        masalah.append(
            f"SKP memuat {total} indikator, paling banyak {MAKS_INDIKATOR_SKP} indikator per "
            "SKP. Gabungkan indikator yang sejenis atau hapus yang tidak lagi diperlukan."
        )
    for rhk in semua:
        indikator = list(rhk.indikator.all())
        if len(indikator) > MAKS_INDIKATOR:
            masalah.append(
                f"{_nama_rhk(rhk)} memuat {len(indikator)} indikator, paling banyak "
                f"{MAKS_INDIKATOR} per RHK."
            )
        pesan = [pesan_terlalu_panjang("Teks RHK", rhk.uraian, MAKS_URAIAN)]
        pesan += [pesan_terlalu_panjang("Teks indikator", i.uraian, MAKS_URAIAN) for i in indikator]
        pesan += [
            pesan_terlalu_panjang("Rencana bukti dukung", i.rencana_bukti_dukung, MAKS_URAIAN)
            for i in indikator
        ]
        masalah += [f"{_nama_rhk(rhk)}: {p}" for p in pesan if p]
    for kolom, nama in NAMA_LAMPIRAN.items():
        pesan = pesan_terlalu_panjang(f"{nama} pada lampiran", getattr(skp, kolom), MAKS_LAMPIRAN)
        if pesan:
            masalah.append(pesan)
    return masalah


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
    return masalah + melebihi_batas(skp)
