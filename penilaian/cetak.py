"""The evaluation form as a printed document (domain.md, "Documents": Format C.1.3 administrasi/
fungsional kuantitatif, C.1.2 JPT with Perspektif, C.1.1 kualitatif), rendered from
templates/penilaian/cetak/penilaian.html by core.pdf with the SKP's fonts and print CSS.

A form shows one rating: the history row of the move that set it (`riwayat`: nilai, nilai_atasan
or putuskan). The umpan balik printed is what the penilai and the atasan of the penilai had
written by then, in the words of that moment: feedback written or edited later belongs to a
later version, never silently to this one."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Prefetch

from core.pdf import BlokIdentitas, Identitas, konteks_verifikasi, tanggal_indonesia
from core.pdf import render_pdf as render_dokumen
from organisasi.models import Pegawai
from penilaian.capaian import pola_penilaian
from penilaian.kuadran import Predikat, Rating
from penilaian.models import (
    BuktiDukung,
    PenilaianPeriodik,
    PeranPemberi,
    Periode,
    RiwayatPenilaian,
    RiwayatUmpanBalik,
    UmpanBalik,
)
from penilaian.periode import BULAN
from skp import selectors as skp_selectors
from skp.berakhlak import BERAKHLAK
from skp.services.buat import identitas_penilai
from skp.target import tampil_angka

PEJABAT_PENILAI = "Pejabat Penilai Kinerja"
ATASAN_PEJABAT_PENILAI = "Atasan Pejabat Penilai Kinerja"
DINILAI_ATASAN = (
    "Dinilai oleh atasan pejabat penilai karena batas waktu penilai terlewati; hasil ini final."
)


@dataclass
class Penanda:
    """Who signs this version: the penilai, or the atasan of the penilai who rated or decided."""

    sebutan: str  # "Pejabat Penilai Kinerja" / "Atasan Pejabat Penilai Kinerja"
    nama: str
    nip: str
    elektronik: str  # "Dinilai secara elektronik oleh ... pada ..."


def judul_periode(periode: Periode) -> str:
    """ "TRIWULAN I", "TRIWULAN IV-AKHIR", "BULAN JANUARI" (monthly evaluation)."""
    nama = periode.nama.upper()
    return nama if nama.startswith("TRIWULAN") else f"BULAN {nama}"


def rentang_periode(periode: Periode) -> str:
    """ "1 JANUARI SD 31 MARET 2026"."""
    mulai, selesai = periode.mulai, periode.selesai
    return (
        f"{mulai.day} {BULAN[mulai.month]} SD {selesai.day} {BULAN[selesai.month]} {selesai.year}"
    ).upper()


def nama_pegawai(pegawai: Pegawai | None, riwayat: RiwayatPenilaian | None = None) -> str:
    if pegawai is not None:
        return pegawai.nama_lengkap
    oleh = riwayat.oleh if riwayat is not None else None
    if oleh is None:
        return "-"
    pegawai = getattr(oleh, "pegawai", None)
    return getattr(pegawai, "nama_lengkap", "") or oleh.get_full_name() or oleh.get_username()


def identitas_penilai_periode(penilaian: PenilaianPeriodik) -> Identitas | None:
    """The pejabat penilai of the period: as in the SKP's snapshot when it is the same person
    (the document then agrees with the SKP), else as they are now (a new penilai after a
    mutasi, a Plt)."""
    skp = penilaian.skp
    penilai = penilaian.penilai
    if penilai is None:
        return None
    if penilai.pk != skp.penilai_id or not skp.penilai_nama:
        kini = identitas_penilai(penilai)
        return Identitas(
            kini["penilai_nama"], kini["penilai_nip"], kini["penilai_pangkat"],
            kini["penilai_jabatan"], kini["penilai_unit_kerja"],
        )  # fmt: skip
    return Identitas(
        skp.penilai_nama, skp.penilai_nip, skp.penilai_pangkat, skp.penilai_jabatan,
        skp.penilai_unit_kerja,
    )  # fmt: skip


def identitas_pegawai(penilaian: PenilaianPeriodik) -> Identitas:
    """The pegawai as the SKP in force for the period names them."""
    skp = penilaian.skp
    return Identitas(
        skp.pegawai_nama, skp.pegawai_nip, skp.pegawai_pangkat, skp.pegawai_jabatan,
        skp.pegawai_unit_kerja,
    )  # fmt: skip


def _penilai_jpt(penilaian: PenilaianPeriodik) -> Identitas | None:
    """A JPT's penilai is named with the instansi instead of a unit kerja."""
    penilai = identitas_penilai_periode(penilaian)
    if penilai is None:
        return None
    return Identitas(
        penilai.nama, penilai.nip, penilai.pangkat, penilai.jabatan, penilaian.skp.instansi_nama
    )


def _teks_pada(umpan_balik: UmpanBalik, batas: datetime) -> str:
    """The text as it read at `batas`: an edit keeps the earlier text in its history row, so
    the first edit after `batas` holds the text of that moment."""
    for lama in umpan_balik.riwayat.all():  # ordered by time
        if lama.waktu > batas:
            return lama.teks
    return umpan_balik.teks


def umpan_balik_cetak(penilaian: PenilaianPeriodik, batas: datetime) -> list[UmpanBalik]:
    """The penilai's and the atasan of the penilai's umpan balik of the period written by
    `batas`, each with `teks_cetak` (its words at `batas`) and `pemberi_cetak`."""
    riwayat = Prefetch("riwayat", queryset=RiwayatUmpanBalik.objects.order_by("waktu", "pk"))
    daftar = list(
        UmpanBalik.objects.filter(
            pegawai_id=penilaian.pegawai_id, periode_id=penilaian.periode_id,
            induk__isnull=True, dibuat__lte=batas,
            peran__in=[PeranPemberi.PENILAI, PeranPemberi.ATASAN_PENILAI],
        )
        .select_related("indikator")
        .prefetch_related(riwayat)
        .order_by("dibuat", "pk")
    )  # fmt: skip
    for ub in daftar:
        ub.teks_cetak = _teks_pada(ub, batas)
        ub.pemberi_cetak = f"{ub.get_peran_display()} ({ub.pemberi_nama})"
    return daftar


def tampil_realisasi(realisasi, indikator) -> str:
    """ "13 laporan", "97,5 %", or the text of a kualitatif realisasi ("" when not filled)."""
    if realisasi is None:
        return ""
    bagian = []
    if realisasi.nilai is not None:
        bagian.append(f"{tampil_angka(realisasi.nilai)} {indikator.satuan}".strip())
    if realisasi.teks.strip():
        bagian.append(realisasi.teks.strip())
    return "\n".join(bagian)


def _label_bukti(bukti: BuktiDukung) -> str:
    return bukti.nama_berkas or bukti.keterangan or bukti.tautan


def _hasil_kerja(penilaian: PenilaianPeriodik, umpan_balik: list[UmpanBalik], varian: str):
    """The SKP's RHK (A. UTAMA, B. TAMBAHAN), each indicator with `realisasi_cetak` and
    `bukti_cetak`, each RHK with `umpan_balik_cetak` and `bukti_rhk`."""
    skp = penilaian.skp
    skp_selectors.muat_isi(skp)
    utama, tambahan = skp_selectors.rhk_dikelompokkan(skp)
    realisasi = {r.indikator_id: r for r in penilaian.realisasi.all()}
    bukti = list(penilaian.bukti.all())
    per_rhk: dict[int, list[UmpanBalik]] = {}
    for ub in umpan_balik:
        if ub.jenis == "hasil_kerja" and ub.rhk_id:
            per_rhk.setdefault(ub.rhk_id, []).append(ub)
    for rhk in utama + tambahan:
        rhk.daftar_indikator = list(rhk.indikator.all())
        nomor = {ind.pk: i for i, ind in enumerate(rhk.daftar_indikator, start=1)}
        for ind in rhk.daftar_indikator:
            ind.realisasi_cetak = tampil_realisasi(realisasi.get(ind.pk), ind)
            ind.bukti_cetak = [_label_bukti(b) for b in bukti if b.indikator_id == ind.pk]
        rhk.bukti_rhk = [
            _label_bukti(b) for b in bukti if b.rhk_id == rhk.pk and b.indikator_id is None
        ]
        rhk.umpan_balik_cetak = per_rhk.get(rhk.pk, [])
        for ub in rhk.umpan_balik_cetak:
            ind = ub.indikator
            if ind is None or ind.pk not in nomor:
                ub.sasaran_cetak = ""
            elif varian == "kuantitatif" and ind.aspek:
                ub.sasaran_cetak = ind.get_aspek_display()
            else:
                ub.sasaran_cetak = f"Indikator {nomor[ind.pk]}"
    return utama, tambahan


def _perilaku(penilaian: PenilaianPeriodik, umpan_balik: list[UmpanBalik]) -> list:
    perilaku = list(penilaian.skp.perilaku.all())
    if not perilaku:  # an SKP always has its seven rows; this keeps the page whole regardless
        return [
            {"nilai_inti": n, "daftar_panduan": p, "ekspektasi_khusus": "", "umpan_balik_cetak": []}
            for n, p in BERAKHLAK
        ]
    for baris in perilaku:
        baris.umpan_balik_cetak = [
            ub for ub in umpan_balik if ub.jenis == "perilaku" and ub.perilaku_id == baris.pk
        ]
    return perilaku


def penanda_dokumen(penilaian: PenilaianPeriodik, riwayat: RiwayatPenilaian) -> Penanda:
    if riwayat.aksi == "putuskan":
        pegawai, sebutan, kata = penilaian.diputuskan_oleh, ATASAN_PEJABAT_PENILAI, "Diputuskan"
    elif riwayat.aksi == "nilai_atasan":
        pegawai, sebutan, kata = penilaian.dinilai_oleh, ATASAN_PEJABAT_PENILAI, "Dinilai"
    else:
        pegawai, sebutan, kata = penilaian.dinilai_oleh, PEJABAT_PENILAI, "Dinilai"
    nama = nama_pegawai(pegawai, riwayat)
    return Penanda(
        sebutan=sebutan,
        nama=nama,
        nip=pegawai.nip if pegawai is not None else "",
        elektronik=f"{kata} secara elektronik oleh {nama} pada "
        f"{tanggal_indonesia(riwayat.waktu, jam=True)}",
    )


def label_rating(nilai: str) -> str:
    return Rating(nilai).label if nilai in Rating.values else "-"


def kalimat_keputusan(penilaian: PenilaianPeriodik, riwayat: RiwayatPenilaian) -> str:
    """The decision on a keberatan, as the document states it ("" for a plain rating)."""
    if riwayat.aksi != "putuskan":
        return ""
    data = riwayat.data or {}
    sebelum, sesudah = data.get("sebelum", {}), data.get("sesudah", {})
    ubah = [
        f"{judul} {label_rating(sebelum.get(kunci, ''))} menjadi "
        f"{label_rating(sesudah.get(kunci, ''))}"
        for kunci, judul in (
            ("rating_hasil_kerja", "rating hasil kerja"),
            ("rating_perilaku", "rating perilaku kerja"),
        )
        if sebelum.get(kunci) != sesudah.get(kunci)
    ]
    diajukan = (
        f" yang diajukan pada {tanggal_indonesia(penilaian.keberatan_pada)}"
        if penilaian.keberatan_pada
        else ""
    )
    hasil = ("mengubah " + " dan ".join(ubah)) if ubah else "menetapkan rating tanpa perubahan"
    return (
        f"Keberatan pegawai{diajukan} telah diputuskan oleh atasan pejabat penilai, "
        f"{nama_pegawai(penilaian.diputuskan_oleh, riwayat)}, pada "
        f"{tanggal_indonesia(riwayat.waktu)}: {hasil}. Catatan keputusan: {riwayat.catatan}"
    )


def varian_formulir(penilaian: PenilaianPeriodik) -> str:
    skp = penilaian.skp
    if skp.jpt:
        return "jpt"
    return "kualitatif" if skp.kualitatif else "kuantitatif"


def konteks_cetak(
    penilaian: PenilaianPeriodik,
    riwayat: RiwayatPenilaian,
    *,
    versi: int,
    token: str | None = None,
) -> dict:
    """Everything the form's template needs for the rating of `riwayat` (the evaluation's
    current state: a document is issued for the latest rating only); `token` adds the QR code
    and the short verification URL."""
    skp = penilaian.skp
    varian = varian_formulir(penilaian)
    umpan_balik = umpan_balik_cetak(penilaian, riwayat.waktu)
    utama, tambahan = _hasil_kerja(penilaian, umpan_balik, varian)
    instansi = penilaian.periode.instansi
    konteks = {
        "penilaian": penilaian,
        "skp": skp,
        "periode": penilaian.periode,
        "judul_periode": judul_periode(penilaian.periode),
        "rentang_periode": rentang_periode(penilaian.periode),
        "varian": varian,
        "kolom": {"jpt": 7, "kualitatif": 6, "kuantitatif": 8}[varian],
        "pegawai": identitas_pegawai(penilaian),
        "penilai": identitas_penilai_periode(penilaian),
        "identitas": [
            BlokIdentitas("PEGAWAI YANG DINILAI", identitas_pegawai(penilaian)),
            BlokIdentitas(
                "PEJABAT PENILAI KINERJA",
                _penilai_jpt(penilaian)
                if varian == "jpt"
                else identitas_penilai_periode(penilaian),
                "INSTANSI" if varian == "jpt" else "UNIT KERJA",
            ),
        ],
        "rhk_utama": utama,
        "rhk_tambahan": tambahan,
        "umpan_balik_hasil_kerja": [
            ub for ub in umpan_balik if ub.jenis == "hasil_kerja" and not ub.rhk_id
        ],
        "umpan_balik_perilaku": [
            ub for ub in umpan_balik if ub.jenis == "perilaku" and not ub.perilaku_id
        ],
        "perilaku": _perilaku(penilaian, umpan_balik),
        "rating_hasil_kerja": label_rating(penilaian.rating_hasil_kerja),
        "rating_perilaku": label_rating(penilaian.rating_perilaku),
        "predikat": Predikat(penilaian.predikat).label if penilaian.predikat else "-",
        "catatan": penilaian.catatan_penilai,
        "dinilai_atasan": DINILAI_ATASAN if penilaian.oleh_atasan_penilai else "",
        "keputusan": kalimat_keputusan(penilaian, riwayat),
        "penanda": penanda_dokumen(penilaian, riwayat),
        "tempat": instansi.lokasi or instansi.nama,
        "tanggal": tanggal_indonesia(riwayat.waktu),
        "versi": versi,
        "kalimat_verifikasi": f"Dokumen evaluasi kinerja ini (versi {versi}) ditandatangani "
        "secara elektronik melalui aplikasi SKP.",
    }
    konteks["capaian"], konteks["pola"] = pola_penilaian(penilaian)
    konteks.update(konteks_verifikasi(token))
    return konteks


def render_pdf(
    penilaian: PenilaianPeriodik,
    riwayat: RiwayatPenilaian,
    *,
    versi: int,
    token: str | None = None,
) -> bytes:
    return render_dokumen(
        "penilaian/cetak/penilaian.html",
        konteks_cetak(penilaian, riwayat, versi=versi, token=token),
        nama=f"Penilaian {penilaian.pk}",
    )
