"""Penetapan predikat: the leader of a unit (one level above its head, as for the capaian)
confirms the predikat of every pegawai of the unit for a period, with the pattern and its fit,
as a signed document (core.dokumen, kind "penetapan").

Which pegawai belong to a unit: those whose penilai's own position is in it (the unit led by
their penilai, as the chart on Penilaian Bawahan counts them: penilaian.capaian.pola_bawahan).
This module holds the state table and the reads; penilaian/services/penetapan.py writes."""

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime

from django.utils import timezone
from django.utils.dateparse import parse_datetime

from core import dokumen as dokumen_bertanda
from core.alur import Transisi, alasan_dari_tabel
from core.pdf import konteks_verifikasi, tanggal_indonesia
from core.pdf import render_pdf as render_dokumen
from organisasi.models import Pegawai, UnitKerja
from organisasi.nip import format_nip
from penilaian.bawahan import halaman_bawahan
from penilaian.capaian import CapaianBerlaku, capaian_berlaku
from penilaian.cetak import label_rating
from penilaian.distribusi import CapaianOrganisasi, HasilDistribusi, Pembulatan, periksa
from penilaian.kuadran import Predikat
from penilaian.kurva import svg_distribusi
from penilaian.models import (
    AlasanPola,
    DokumenPenetapan,
    PenetapanPredikat,
    PenilaianPeriodik,
    Periode,
)
from penilaian.models import StatusPenetapan as S
from penilaian.selectors import distribusi_instansi
from skp.models import Skp

TRANSISI: dict[str, Transisi] = {
    "tetapkan": Transisi(
        frozenset({S.BELUM, S.DIBUKA_KEMBALI}), S.DITETAPKAN, "pimpinan", "Tetapkan predikat"
    ),
    "buka_kembali": Transisi(frozenset({S.DITETAPKAN}), S.DIBUKA_KEMBALI, "sistem", "Buka kembali"),
}

alasan_ditolak = alasan_dari_tabel(
    {
        S.DITETAPKAN: "Predikat unit ini untuk periode ini sudah ditetapkan.",
        S.DIBUKA_KEMBALI: "Penetapan dibuka kembali karena ada predikat yang berubah.",
        S.BELUM: "Predikat unit ini untuk periode ini belum ditetapkan.",
    },
    {"tetapkan": "Predikat unit ini untuk periode ini sudah ditetapkan."},
    TRANSISI,
)


@dataclass
class BarisPenetapan:
    pegawai: Pegawai
    penilaian: PenilaianPeriodik | None
    skp: Skp | None
    penilai: Pegawai

    @property
    def dinilai(self) -> bool:
        return self.penilaian is not None and bool(self.penilaian.predikat)

    @property
    def jabatan(self) -> str:
        if self.skp is not None and self.skp.pegawai_jabatan:
            return self.skp.pegawai_jabatan
        return self.pegawai.jabatan.nama if self.pegawai.jabatan_id else "-"


@dataclass
class HalamanPenetapan:
    unit: UnitKerja
    periode: Periode
    baris: list[BarisPenetapan]  # those evaluated in the period (an approved SKP)
    tanpa_skp: list[BarisPenetapan]  # no approved SKP: not rated, not counted
    berlaku: CapaianBerlaku
    hasil: HasilDistribusi | None
    alasan: AlasanPola | None
    penetapan: PenetapanPredikat | None
    dokumen: list[DokumenPenetapan] = field(default_factory=list)

    @property
    def belum_dinilai(self) -> list[BarisPenetapan]:
        return [b for b in self.baris if not b.dinilai]

    @property
    def tidak_sesuai(self) -> bool:
        return self.hasil is not None and bool(self.hasil.alasan)

    @property
    def svg(self) -> str:
        return svg_distribusi(self.hasil, id_awalan="kurva-penetapan") if self.hasil else ""

    @property
    def status(self) -> str:
        return self.penetapan.status if self.penetapan else S.BELUM

    @property
    def ditetapkan(self) -> bool:
        return self.status == S.DITETAPKAN

    @property
    def dibuka_kembali(self) -> bool:
        return self.status == S.DIBUKA_KEMBALI

    def alasan_tidak_dapat(self) -> list[str]:
        """Why the predikat cannot be confirmed now ([] when it can)."""
        if self.ditetapkan:
            return [alasan_ditolak("tetapkan", S.DITETAPKAN)]
        kurang = []
        if not self.baris:
            kurang.append(
                f"Belum ada pegawai yang dinilai di {self.unit.nama} pada {self.periode}."
            )
        if self.berlaku.capaian is None:
            kurang.append(self.berlaku.keterangan)
        if self.belum_dinilai:
            nama = ", ".join(b.pegawai.nama_lengkap for b in self.belum_dinilai)
            kurang.append(
                f"{len(self.belum_dinilai)} pegawai belum dinilai: {nama}. Semua pegawai unit "
                "harus dinilai sebelum predikatnya ditetapkan."
            )
        elif self.tidak_sesuai and self.alasan is None:
            kurang.append(
                "Pola predikat tidak sesuai dengan pola distribusi capaian kinerja organisasi "
                "dan pejabat penilai belum mencatat alasannya di halaman Penilaian Bawahan. "
                "Predikat dapat ditetapkan setelah alasannya dicatat."
            )
        return kurang


def penilai_di_unit(unit: UnitKerja) -> list[Pegawai]:
    """The active pegawai holding a position of the unit that has bawahan: the penilai whose
    bawahan count for this unit."""
    return list(
        Pegawai.objects.filter(jabatan__unit_kerja=unit, aktif=True, jabatan__bawahan__isnull=False)
        .select_related("jabatan__unit_kerja", "instansi", "user")
        .distinct()
        .order_by("nama", "pk")
    )


def baris_unit(
    unit: UnitKerja, periode: Periode
) -> tuple[list[BarisPenetapan], list[BarisPenetapan]]:
    """(evaluated, without an approved SKP): the rows of every penilai of the unit on their
    Penilaian Bawahan page, without those not evaluated in the period (CLTN, ...). A fixed
    number of queries per penilai of the unit, whatever the number of pegawai."""
    dilihat: set[int] = set()
    dinilai, tanpa = [], []
    for penilai in penilai_di_unit(unit):
        for b in halaman_bawahan(penilai, periode).baris:
            if b.masa is not None or b.pegawai.pk in dilihat:
                continue
            dilihat.add(b.pegawai.pk)
            baris = BarisPenetapan(b.pegawai, b.penilaian, b.skp, penilai)
            (dinilai if b.skp is not None else tanpa).append(baris)
    kunci = lambda b: (b.pegawai.nama, b.pegawai.nip)  # noqa: E731
    return sorted(dinilai, key=kunci), sorted(tanpa, key=kunci)


def alasan_pola_unit(unit: UnitKerja, periode: Periode) -> AlasanPola | None:
    """The latest reason a penilai of the unit gave for a pattern that does not fit."""
    return (
        AlasanPola.objects.filter(unit_kerja=unit, periode=periode)
        .select_related("penilai")
        .order_by("-pk")
        .first()
    )


def halaman_penetapan(unit: UnitKerja, periode: Periode) -> HalamanPenetapan:
    baris, tanpa = baris_unit(unit, periode)
    berlaku = capaian_berlaku(unit, periode)
    hasil = None
    if berlaku.capaian and baris:
        hitungan = Counter(b.penilaian.predikat for b in baris if b.dinilai)
        hasil = distribusi_instansi(unit.instansi_id, berlaku.capaian, len(baris), hitungan)
    penetapan = (
        PenetapanPredikat.objects.filter(unit_kerja=unit, periode=periode)
        .select_related("ditetapkan_oleh")
        .first()
    )
    dokumen = (
        list(penetapan.dokumen.order_by("-versi").select_related("riwayat")) if penetapan else []
    )
    return HalamanPenetapan(
        unit, periode, baris, tanpa, berlaku, hasil, alasan_pola_unit(unit, periode), penetapan,
        dokumen,
    )  # fmt: skip


def penetapan_banyak(unit_ids, periode: Periode) -> dict[int, PenetapanPredikat]:  # noqa: ANN001
    """Unit id -> its penetapan of the period (one query), for the list pages."""
    return {
        p.unit_kerja_id: p
        for p in PenetapanPredikat.objects.filter(unit_kerja_id__in=unit_ids, periode=periode)
    }


# --- the signed document -----------------------------------------------------------------


def isi_dokumen(
    halaman: HalamanPenetapan, *, pimpinan: Pegawai | None, nama_pelaku: str, waktu: datetime
) -> dict:
    """What a version shows, fixed when it is confirmed (the JSON kept on DokumenPenetapan)."""
    unit, periode, hasil = halaman.unit, halaman.periode, halaman.hasil
    instansi = unit.instansi
    return {
        "instansi": instansi.nama,
        "tempat": instansi.lokasi or instansi.nama,
        "unit": unit.nama,
        "periode": f"{periode.nama} {periode.tahun}",
        "periode_mulai": periode.mulai.isoformat(),
        "periode_selesai": periode.selesai.isoformat(),
        "akhir": periode.akhir,
        "capaian": halaman.berlaku.capaian,
        "capaian_keterangan": halaman.berlaku.keterangan,
        "pembulatan": hasil.pembulatan.value if hasil else Pembulatan.BAWAH_ATAS.value,
        "hitungan": {p: n for p, n in (hasil.hitungan or {}).items()} if hasil else {},
        "jumlah": len(halaman.baris),
        "sesuai": not halaman.tidak_sesuai,
        "alasan_tidak_sesuai": list(hasil.alasan) if hasil else [],
        "alasan_pola": halaman.alasan.alasan if halaman.tidak_sesuai and halaman.alasan else "",
        "pegawai": [
            {
                "penilaian": b.penilaian.pk,
                "nama": b.skp.pegawai_nama
                if b.skp and b.skp.pegawai_nama
                else b.pegawai.nama_lengkap,
                "nip": b.pegawai.nip,
                "jabatan": b.jabatan,
                "rating_hasil_kerja": b.penilaian.rating_hasil_kerja,
                "rating_perilaku": b.penilaian.rating_perilaku,
                "predikat": b.penilaian.predikat,
                "penilai": b.penilai.nama_lengkap,
            }
            for b in halaman.baris
        ],
        "pimpinan": {
            "nama": pimpinan.nama_lengkap if pimpinan else nama_pelaku,
            "nip": pimpinan.nip if pimpinan else "",
            "jabatan": pimpinan.jabatan.nama if pimpinan and pimpinan.jabatan_id else "",
        },
        "waktu": waktu.isoformat(),
    }


def hasil_dari_isi(isi: dict) -> HasilDistribusi | None:
    if not isi.get("capaian"):
        return None
    return periksa(isi["capaian"], isi["jumlah"], isi["hitungan"], Pembulatan(isi["pembulatan"]))


def konteks_cetak(dokumen: DokumenPenetapan, token: str | None = None) -> dict:
    isi = dokumen.isi
    hasil = hasil_dari_isi(isi)
    waktu = parse_datetime(isi["waktu"])
    return {
        "isi": isi,
        "versi": dokumen.versi,
        "capaian": CapaianOrganisasi(isi["capaian"]).label if isi.get("capaian") else "-",
        "hasil": hasil,
        "svg": svg_distribusi(hasil, id_awalan="kurva-penetapan") if hasil else "",
        "pegawai": [
            {
                **p,
                "nip": format_nip(p["nip"]),
                "rating_hasil_kerja": label_rating(p["rating_hasil_kerja"]),
                "rating_perilaku": label_rating(p["rating_perilaku"]),
                "predikat": Predikat(p["predikat"]).label,
            }
            for p in isi["pegawai"]
        ],
        "tanggal": tanggal_indonesia(timezone.localtime(waktu).date()),
        "periode_rentang": f"{tanggal_indonesia(date.fromisoformat(isi['periode_mulai']))} s.d. "
        f"{tanggal_indonesia(date.fromisoformat(isi['periode_selesai']))}",
        "kalimat_verifikasi": f"Dokumen penetapan predikat ini (versi {dokumen.versi}) "
        "ditandatangani secara elektronik melalui aplikasi SKP.",
        **konteks_verifikasi(token),
    }


def nama_berkas(dokumen: DokumenPenetapan) -> str:
    """ "penetapan-predikat_<kode unit>_<tahun>_<jenis>-<nomor>_v<versi>.pdf"."""
    p = dokumen.penetapan
    unit = re.sub(r"[^A-Za-z0-9.]+", "-", p.unit_kerja.kode or str(p.unit_kerja_id))
    periode = f"{p.periode.tahun}_{p.periode.jenis}-{p.periode.nomor}"
    return f"penetapan-predikat_{unit}_{periode}_v{dokumen.versi}.pdf"


def render_pdf(dokumen: DokumenPenetapan, token: str | None = None) -> bytes:
    return render_dokumen(
        "penilaian/cetak/penetapan.html",
        konteks_cetak(dokumen, token),
        nama=f"Penetapan predikat {dokumen.penetapan_id} v{dokumen.versi}",
    )


def terbitkan(dokumen: DokumenPenetapan) -> DokumenPenetapan:
    """The signed document of this version: issued on the first call, the stored one after."""
    if dokumen.terbit:
        return dokumen
    periode = dokumen.penetapan.periode
    instansi = dokumen.penetapan.unit_kerja.instansi
    return dokumen_bertanda.terbitkan(
        dokumen,
        render=lambda token: render_pdf(dokumen, token),
        nama_berkas=nama_berkas(dokumen),
        lokasi=instansi.lokasi or instansi.nama,
        alasan=f"Penetapan predikat kinerja {dokumen.penetapan.unit_kerja.nama} {periode.nama} "
        f"{periode.tahun} versi {dokumen.versi}",
    )


# --- what the public page and verifikasi_pdf say --------------------------------------------


@dataclass
class InfoVerifikasi:
    unit: str
    periode: str
    versi: int
    capaian: str
    jumlah: int
    ditetapkan_oleh: str
    ditetapkan_pada: datetime
    sha256: str
    diganti_versi: int | None = None


def _pengganti(dokumen: DokumenPenetapan) -> DokumenPenetapan | None:
    return (
        DokumenPenetapan.objects.filter(penetapan_id=dokumen.penetapan_id, versi__gt=dokumen.versi)
        .exclude(sha256="")
        .order_by("versi")
        .first()
    )


def info_verifikasi(dokumen: DokumenPenetapan) -> InfoVerifikasi:
    isi = dokumen.isi
    pengganti = _pengganti(dokumen)
    return InfoVerifikasi(
        unit=isi["unit"],
        periode=isi["periode"],
        versi=dokumen.versi,
        capaian=CapaianOrganisasi(isi["capaian"]).label if isi.get("capaian") else "-",
        jumlah=isi["jumlah"],
        ditetapkan_oleh=isi["pimpinan"]["nama"],
        ditetapkan_pada=parse_datetime(isi["waktu"]),
        sha256=dokumen.sha256,
        diganti_versi=pengganti.versi if pengganti else None,
    )


def uraian(dokumen: DokumenPenetapan) -> str:
    isi = dokumen.isi
    return f"Penetapan predikat kinerja {isi['unit']} {isi['periode']} versi {dokumen.versi}"


def peringatan(dokumen: DokumenPenetapan) -> str:
    pengganti = _pengganti(dokumen)
    if pengganti is None:
        return ""
    return f"Perhatian: versi ini telah diganti oleh versi {pengganti.versi}."


JENIS = dokumen_bertanda.JenisDokumen(
    kode="penetapan",
    label="Penetapan Predikat Kinerja Pegawai",
    model=DokumenPenetapan,
    info=info_verifikasi,
    template_info="penilaian/_verifikasi_penetapan.html",
    uraian=uraian,
    peringatan=peringatan,
    select_related=("penetapan__unit_kerja", "penetapan__periode"),
)


def unit_untuk_penilaian(penilaian: PenilaianPeriodik) -> UnitKerja | None:
    """The unit whose penetapan this evaluation belongs to: the unit of the penilai's own
    position (penilaian.capaian.unit_dinilai), found for the period's window."""
    from penilaian.capaian import unit_dinilai
    from penilaian.selectors import penilai_periode

    penilai = penilai_periode(penilaian)
    return unit_dinilai(penilai) if penilai is not None else None
