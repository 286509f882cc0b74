"""The Dokumen Evaluasi Kinerja Pegawai (domain.md, "Documents"): Format D.1.1 when the pejabat
penilai rated, D.1.2 when the atasan of the penilai rated (after the penilai's deadline), D.1.3
after a keberatan was decided, with its sections. Blocks 1 pegawai, 2 pejabat penilai, 3 atasan
pejabat penilai, 4 evaluasi kinerja (the capaian organisasi of the unit that counts, both
ratings, the predikat), 5 catatan/rekomendasi; signatures 6 pejabat penilai and 7 pegawai.

Issued through core.dokumen like the evaluation form (penilaian.dokumen): a version per rating,
one document per rating whatever the retries, issued after the rating commits by the same
background job, and by the first download if that job has not. It feeds TPP payment and
promotion files, and is exported per unit in bulk (penilaian.ekspor)."""

import re

from django.db.models import QuerySet

from core import dokumen as dokumen_bertanda
from core.pdf import BlokIdentitas, Identitas, konteks_verifikasi, tanggal_indonesia
from core.pdf import render_pdf as render_dokumen
from organisasi.models import Pegawai
from organisasi.nip import format_nip
from penilaian.capaian import CapaianBerlaku, capaian_untuk_penilaian
from penilaian.cetak import (
    DINILAI_ATASAN,
    identitas_pegawai,
    identitas_penilai_periode,
    judul_periode,
    kalimat_keputusan,
    label_rating,
    penanda_dokumen,
    rentang_periode,
)
from penilaian.dokumen import InfoVerifikasi, cadangkan, info_verifikasi, peringatan
from penilaian.kuadran import Predikat
from penilaian.models import (
    DokumenEvaluasi,
    FormatEvaluasi,
    PenilaianPeriodik,
    RiwayatPenilaian,
)
from penilaian.selectors import atasan_penilai
from skp.services.buat import identitas_penilai

BELUM = "Periode ini belum dinilai: belum ada dokumen evaluasi kinerja pegawai."


def format_dari(riwayat: RiwayatPenilaian) -> str:
    return {"nilai_atasan": FormatEvaluasi.D12, "putuskan": FormatEvaluasi.D13}.get(
        riwayat.aksi, FormatEvaluasi.D11
    )


def nama_berkas(penilaian: PenilaianPeriodik, versi: int) -> str:
    """ "evaluasi_<NIP>_<tahun>_<periode>_v<versi>.pdf"."""
    periode = re.sub(r"[^a-z0-9]+", "-", penilaian.periode.nama.lower()).strip("-")
    return f"evaluasi_{penilaian.pegawai.nip}_{penilaian.periode.tahun}_{periode}_v{versi}.pdf"


def _identitas_kini(pegawai: Pegawai | None) -> Identitas | None:
    if pegawai is None:
        return None
    kini = identitas_penilai(pegawai)
    return Identitas(
        kini["penilai_nama"], kini["penilai_nip"], kini["penilai_pangkat"],
        kini["penilai_jabatan"], kini["penilai_unit_kerja"],
    )  # fmt: skip


def _atasan_penilai(penilaian: PenilaianPeriodik, riwayat: RiwayatPenilaian) -> Pegawai | None:
    """The atasan of the penilai this version names: the one who rated (D.1.2) or decided the
    keberatan (D.1.3), else the one in force for the period."""
    if riwayat.aksi == "putuskan" and penilaian.diputuskan_oleh_id:
        return penilaian.diputuskan_oleh
    if riwayat.aksi == "nilai_atasan" and penilaian.dinilai_oleh_id:
        return penilaian.dinilai_oleh
    return atasan_penilai(penilaian)


def kalimat_capaian(berlaku: CapaianBerlaku | None) -> str:
    """ "Baik (Bidang Pencegahan Penyakit)", with the note when last year's annual capaian
    stands in; "Belum ditetapkan" when not set."""
    if berlaku is None or berlaku.baris is None:
        return "Belum ditetapkan"
    teks = f"{berlaku.baris.get_capaian_display()} ({berlaku.unit.nama})"
    if berlaku.pengganti:
        teks += (
            f"; capaian tahunan {berlaku.periode.tahun - 1}, karena capaian tahunan "
            f"{berlaku.periode.tahun} belum ditetapkan sampai 31 Januari {berlaku.periode.tahun + 1}"
        )
    return teks


def konteks_cetak(
    penilaian: PenilaianPeriodik,
    riwayat: RiwayatPenilaian,
    *,
    versi: int,
    token: str | None = None,
) -> dict:
    """Everything templates/penilaian/cetak/evaluasi.html needs for the rating of `riwayat`."""
    instansi = penilaian.periode.instansi
    format_ = format_dari(riwayat)
    data = riwayat.data or {}
    sebelum = data.get("sebelum", {})
    konteks = {
        "penilaian": penilaian,
        "skp": penilaian.skp,
        "periode": penilaian.periode,
        "format": format_,
        "judul_periode": judul_periode(penilaian.periode),
        "rentang_periode": rentang_periode(penilaian.periode),
        "identitas": [
            BlokIdentitas("PEGAWAI YANG DINILAI", identitas_pegawai(penilaian)),
            BlokIdentitas("PEJABAT PENILAI KINERJA", identitas_penilai_periode(penilaian)),
            BlokIdentitas(
                "ATASAN PEJABAT PENILAI KINERJA",
                _identitas_kini(_atasan_penilai(penilaian, riwayat)),
            ),
        ],
        "capaian": kalimat_capaian(capaian_untuk_penilaian(penilaian)),
        "rating_hasil_kerja": label_rating(penilaian.rating_hasil_kerja),
        "rating_perilaku": label_rating(penilaian.rating_perilaku),
        "predikat": Predikat(penilaian.predikat).label if penilaian.predikat else "-",
        "catatan": penilaian.catatan_penilai,
        "dinilai_atasan": DINILAI_ATASAN if format_ == FormatEvaluasi.D12 else "",
        # Format D.1.3: the keberatan and its decision.
        "keberatan": format_ == FormatEvaluasi.D13,
        "keberatan_pada": tanggal_indonesia(penilaian.keberatan_pada)
        if penilaian.keberatan_pada
        else "-",
        "keberatan_alasan": penilaian.keberatan_alasan,
        "keputusan": kalimat_keputusan(penilaian, riwayat),
        "keputusan_catatan": penilaian.keputusan_catatan or riwayat.catatan,
        "sebelum_hasil_kerja": label_rating(sebelum.get("rating_hasil_kerja", "")),
        "sebelum_perilaku": label_rating(sebelum.get("rating_perilaku", "")),
        "sebelum_predikat": Predikat(sebelum["predikat"]).label
        if sebelum.get("predikat") in Predikat.values
        else "-",
        "penanda": penanda_dokumen(penilaian, riwayat),
        "pegawai_ttd": identitas_pegawai(penilaian),
        # Issued when rated: the pegawai's acknowledgement comes later (a version issued
        # afterwards, e.g. by the first download, shows it).
        "diterima": tanggal_indonesia(penilaian.diterima_pada, jam=True)
        if penilaian.diterima_pada
        else "",
        "diterima_tanggal": tanggal_indonesia(penilaian.diterima_pada)
        if penilaian.diterima_pada
        else "",
        "tempat": instansi.lokasi or instansi.nama,
        "tanggal": tanggal_indonesia(riwayat.waktu),
        "versi": versi,
        "kalimat_verifikasi": f"Dokumen evaluasi kinerja pegawai ini (format {format_}, versi "
        f"{versi}) ditandatangani secara elektronik melalui aplikasi SKP.",
    }
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
        "penilaian/cetak/evaluasi.html",
        konteks_cetak(penilaian, riwayat, versi=versi, token=token),
        nama=f"Dokumen evaluasi {penilaian.pk}",
    )


def terbitkan(penilaian: PenilaianPeriodik) -> DokumenEvaluasi:
    """The signed Dokumen Evaluasi of the current rating: issued on the first call, the same
    stored document on every later one (BelumDinilai before any rating)."""
    penilaian, dokumen = cadangkan(penilaian.pk, DokumenEvaluasi, BELUM)
    if dokumen.terbit:
        return dokumen
    riwayat, periode = dokumen.riwayat, penilaian.periode
    return dokumen_bertanda.terbitkan(
        dokumen,
        render=lambda token: render_pdf(penilaian, riwayat, versi=dokumen.versi, token=token),
        nama_berkas=nama_berkas(penilaian, dokumen.versi),
        lokasi=periode.instansi.lokasi or periode.instansi.nama,
        alasan=f"Dokumen evaluasi kinerja {periode.nama} {periode.tahun} versi {dokumen.versi}",
    )


def dokumen_terbit(penilaian: PenilaianPeriodik) -> QuerySet[DokumenEvaluasi]:
    """The issued versions, newest first."""
    return (
        DokumenEvaluasi.objects.filter(penilaian=penilaian)
        .exclude(sha256="")
        .exclude(berkas="")
        .select_related("riwayat")
        .order_by("-versi")
    )


# --- what the public page and verifikasi_pdf say --------------------------------------------


def info(dokumen: DokumenEvaluasi) -> InfoVerifikasi:
    hasil = info_verifikasi(dokumen)
    hasil.format = format_dari(dokumen.riwayat)
    return hasil


def uraian(dokumen: DokumenEvaluasi) -> str:
    penilaian = dokumen.penilaian
    return (
        f"Dokumen evaluasi kinerja pegawai (format {format_dari(dokumen.riwayat)}) "
        f"{penilaian.periode.nama} {penilaian.periode.tahun} {penilaian.skp.pegawai_nama} "
        f"(NIP {format_nip(penilaian.pegawai.nip)}) versi {dokumen.versi}"
    )


JENIS = dokumen_bertanda.JenisDokumen(
    kode="evaluasi",
    label="Dokumen Evaluasi Kinerja Pegawai",
    model=DokumenEvaluasi,
    info=info,
    template_info="penilaian/_verifikasi_info.html",
    uraian=uraian,
    peringatan=peringatan,
    select_related=(
        "penilaian__pegawai",
        "penilaian__periode",
        "penilaian__skp",
        "riwayat__oleh__pegawai",
    ),
)
