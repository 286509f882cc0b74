"""The demo year of evaluation, replayed through the real services on the dates it would have
happened (time-machine moves the clock, so every window, deadline and timestamp is the real
one): the Dinas Kesehatan chain agrees its SKP in January, then every period whose window has
closed gets realisasi with bukti dukung, umpan balik and ratings. The stories a demo visitor
meets:

- Agus Prasetyo (pengawas) was rated for the last past period and has not yet accepted: he can
  read the umpan balik and accept the rating or object.
- Maya Kusuma objected to her triwulan II rating; Yuni Astuti (atasan of her penilai) changed it.
- Eko Nugroho missed the deadline of the last past period: his atasan Dewi Lestari rated Sri
  Wahyuni instead (final) and Andi Saputra is still waiting for her.
- His bawahan Maya Kusuma and Dimas Pratama gave him umpan balik as bawahan.
- Every unit has a capaian kinerja organisasi for every past period; one unit's ratings break
  the curve (all Baik under capaian Baik) and its penilai recorded why; the first past period's
  predikat are confirmed by each unit's leader (penetapan predikat, signed).
- Rina Marlina's SKP stays a draft (the drafting story of skp.demo: she still edits it and sees
  what her bawahan pick up), so she and her bawahan have no evaluation.

Running it again adds nothing (an evaluation already made is left alone). Afterwards
(`terbitkan_dokumen_evaluasi`, outside the transaction) the Dokumen Evaluasi Kinerja Pegawai of
every rating is issued and signed."""

from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo

import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from core.hari_kerja import tambah_hari_kerja
from organisasi.models import AdminInstansi, Instansi, Pegawai, UnitKerja
from penilaian.capaian import pimpinan_unit
from penilaian.distribusi import periksa
from penilaian.isian import ANGKA, TANGGAL, TEKS, jenis_isian
from penilaian.kuadran import Rating, predikat
from penilaian.models import JenisUmpanBalik, PenilaianPeriodik, Periode
from penilaian.penetapan import baris_unit, halaman_penetapan, penilai_di_unit
from penilaian.periode import periode_tahun
from penilaian.services import alur, bukti, realisasi, rencana_aksi, umpan_balik
from penilaian.services.capaian import catat_alasan_pola, tetapkan_capaian
from penilaian.services.penetapan import tetapkan_predikat
from skp import services as skp_services
from skp.models import Aspek, RencanaHasilKerja, Skp, StatusSkp
from skp.selectors import muat_isi, penilai_aktif

# Dinas Kesehatan: agreed in January (the others of the demo stay as skp.demo left them).
NIP_DISETUJUI_JANUARI = (
    "197203101998031006",  # Siti Rahmawati, kepala dinas
    "197808152003122004",  # Yuni Astuti
    "198004222005011003",  # Bambang Setiawan
    "198107302006042001",  # Dewi Lestari
    "198506172010011002",  # Agus Prasetyo
    "198611042009031004",  # Eko Nugroho
)
NIP_AGUS = "198506172010011002"
NIP_MAYA = "199111302017012004"
NIP_EKO = "198611042009031004"
NIP_SRI = "199001192015032002"
NIP_DIMAS = "199508162021031003"

# (hasil kerja, perilaku) by pegawai, for variety; everyone else: Sesuai, Sesuai (Baik).
A, S, B = Rating.DI_ATAS, Rating.SESUAI, Rating.DI_BAWAH
RATING = {
    "199307072022211012": (A, A),  # Andi Saputra
    "198004222005011003": (A, S),  # Bambang Setiawan
    NIP_MAYA: (B, S),
    "199508162021031003": (S, A),  # Dimas Pratama
}
WIB = ZoneInfo("Asia/Jakarta")


@contextmanager
def _pada(hari: date, jam: int = 9) -> Iterator[None]:
    with time_machine.travel(datetime(hari.year, hari.month, hari.day, jam, tzinfo=WIB), tick=True):
        yield


def _pdf_rekap(judul: str) -> SimpleUploadedFile:
    """A small real PDF (evidence of a result: a recap, not a photo of a meeting)."""
    from weasyprint import HTML

    data = HTML(string=f"<h1>{judul}</h1><p>Rekapitulasi hasil kerja.</p>").write_pdf()
    return SimpleUploadedFile("rekap.pdf", data, content_type="application/pdf")


def _setujui_januari(instansi: Instansi, tahun: int) -> int:
    jumlah = 0
    for nip in NIP_DISETUJUI_JANUARI:
        skp = Skp.objects.filter(
            pegawai__instansi=instansi, pegawai__nip=nip, tahun=tahun, status=StatusSkp.DRAF
        ).first()
        if skp is None:
            continue
        penilai = penilai_aktif(skp)
        if penilai is None or penilai.user is None:
            continue
        skp_services.ajukan(user=skp.pegawai.user, skp=skp)
        skp_services.setujui(user=penilai.user, skp=skp)
        jumlah += 1
    return jumlah


def _isian(skp: Skp, periode: Periode, bagian: Decimal) -> dict[int, str]:
    """What the pegawai types: a share of each count target for the period, the percentage or
    duration target itself, a completion date inside the period, a sentence for kualitatif."""
    isian = {}
    for rhk in skp.rhk.all():
        for ind in rhk.indikator.all():
            jenis = jenis_isian(skp, ind)
            if jenis == TEKS:
                isian[ind.pk] = "Tercapai sesuai ukuran keberhasilan; rekap terlampir."
            elif jenis == TANGGAL:
                isian[ind.pk] = (periode.selesai - timedelta(days=5)).strftime("%d-%m-%Y")
            elif jenis == ANGKA and ind.target_min is not None:
                if "%" in ind.satuan or ind.aspek == Aspek.WAKTU:
                    nilai = ind.target_min
                else:
                    nilai = (ind.target_min * bagian).quantize(Decimal(1), ROUND_HALF_UP)
                isian[ind.pk] = f"{nilai.normalize():f}".replace(".", ",")
    return isian


def _umpan_balik(penilai: Pegawai, p: PenilaianPeriodik) -> None:
    skp = p.skp
    for nomor, rhk in enumerate(skp.rhk.all(), start=1):
        umpan_balik.beri(
            user=penilai.user, penilaian=p, jenis=JenisUmpanBalik.HASIL_KERJA, rhk=rhk,
            teks=f"RHK {nomor}: hasil {p.periode.nama.lower()} sesuai rencana aksi; bukti dukung "
            "sudah menunjukkan hasil, bukan sekadar kegiatan.",
        )  # fmt: skip
    perilaku = list(skp.perilaku.order_by("urutan"))
    umpan_balik.beri(
        user=penilai.user, penilaian=p, jenis=JenisUmpanBalik.PERILAKU, perilaku=perilaku[0],
        teks="Cepat menanggapi permintaan data dari puskesmas dan masyarakat.",
    )  # fmt: skip
    umpan_balik.beri(
        user=penilai.user, penilaian=p, jenis=JenisUmpanBalik.PERILAKU, perilaku=perilaku[6],
        teks="Aktif berbagi data dengan seksi lain; pertahankan.",
    )  # fmt: skip


def _realisasi(p: PenilaianPeriodik, bagian: Decimal, dengan_berkas: bool) -> None:
    user = p.pegawai.user
    skp = muat_isi(Skp.objects.get(pk=p.skp_id))
    realisasi.realisasi_simpan(user=user, penilaian=p, isian=_isian(skp, p.periode, bagian))
    nip = p.pegawai.nip
    for nomor, rhk in enumerate(skp.rhk.all(), start=1):
        bukti.bukti_tambah(
            user=user, penilaian=p, rhk_id=rhk.pk,
            tautan=f"https://arsip.sukamaju.go.id/bukti/{nip}/{p.periode.tahun}-{p.periode.nomor}-rhk{nomor}",
            keterangan="Rekap hasil pada arsip elektronik dinas",
        )  # fmt: skip
        if dengan_berkas and nomor == 1:
            bukti.bukti_tambah(user=user, penilaian=p, rhk_id=rhk.pk,
                               berkas=_pdf_rekap(f"Rekap {p.periode.nama} {p.pegawai.nama}"),
                               keterangan="Rekap bertanda tangan kepala seksi")  # fmt: skip
    alur.kirim(user=user, penilaian=PenilaianPeriodik.objects.get(pk=p.pk))


def _rencana_aksi(instansi: Instansi, tahun: int) -> None:
    """Agus Prasetyo's first RHK with a trajectory over the quarters (15/40/40/5)."""
    rhk = (
        RencanaHasilKerja.objects.filter(
            skp__pegawai__nip=NIP_AGUS, skp__tahun=tahun, skp__status=StatusSkp.DISETUJUI
        )
        .order_by("-jenis", "urutan")
        .first()
    )
    if rhk is None or rhk.rencana_aksi.exists():
        return
    for nomor, (uraian, persen) in enumerate(
        [("Pemutakhiran daftar aset per unit", 15), ("Rekonsiliasi aset semester I", 40),
         ("Rekonsiliasi aset triwulan III", 40), ("Validasi laporan aset akhir tahun", 5)],
        start=1,
    ):  # fmt: skip
        rencana_aksi.rencana_aksi_tambah(user=rhk.skp.pegawai.user, rhk=rhk, nomor_periode=nomor,
                                         uraian=uraian, target=Decimal(persen), satuan="%")  # fmt: skip


def _periode_lampau(instansi: Instansi, tahun: int, hari_ini: date) -> list[Periode]:
    return [p for p in periode_tahun(instansi, tahun) if p.tenggat < hari_ini]


@transaction.atomic
def muat_demo(instansi: Instansi, tahun: int | None = None) -> str:
    hari_ini = timezone.localdate()
    tahun = tahun or hari_ini.year
    if PenilaianPeriodik.objects.filter(periode__instansi=instansi, periode__tahun=tahun).exists():
        return f"Penilaian demo {tahun} sudah ada; tidak ada yang ditambahkan."
    with _pada(date(tahun, 1, 20)):
        disetujui = _setujui_januari(instansi, tahun)
        _rencana_aksi(instansi, tahun)
    lampau = _periode_lampau(instansi, tahun, hari_ini)
    pegawai = list(
        Pegawai.objects.filter(
            instansi=instansi, skp__tahun=tahun, skp__status=StatusSkp.DISETUJUI, user__isnull=False
        ).select_related("user", "jabatan")
    )
    terakhir = lampau[-1] if lampau else None
    dinilai = 0
    for periode in lampau:
        bagian = Decimal(1) / (4 if periode.jenis == "triwulanan" else 12)
        with _pada(periode.selesai - timedelta(days=3)):
            rows = {}
            for pg in pegawai:
                try:
                    p = alur.pastikan_penilaian(pegawai=pg, periode=periode)
                except Exception:  # no SKP in force for this period: not evaluated
                    continue
                _realisasi(p, bagian, dengan_berkas=pg.nip == NIP_AGUS)
                rows[pg.nip] = PenilaianPeriodik.objects.select_related("penilai__user").get(
                    pk=p.pk
                )
            if periode == terakhir and NIP_AGUS in rows:  # his bawahan's view, before the rating
                for nip, teks in ((NIP_MAYA, "Selalu menyempatkan membimbing kami menyusun rekap aset."),
                                  (NIP_DIMAS, "Rapat koordinasi subbagian ringkas dan jelas tindak lanjutnya.")):  # fmt: skip
                    pemberi = Pegawai.objects.get(nip=nip)
                    perilaku = rows[NIP_AGUS].skp.perilaku.order_by("urutan")[2]
                    umpan_balik.beri_rekan(user=pemberi.user, pegawai=rows[NIP_AGUS].pegawai,
                                           jenis=JenisUmpanBalik.PERILAKU, perilaku=perilaku, teks=teks)  # fmt: skip
        penilaian_hari = tambah_hari_kerja(periode.selesai, 4)
        for nip, p in rows.items():
            penilai = p.penilai
            if penilai is None or penilai.user is None:
                continue
            if periode == terakhir and penilai.nip == NIP_EKO:
                continue  # Eko misses this deadline (below)
            hasil, perilaku = RATING.get(nip, (S, S))
            with _pada(penilaian_hari):
                _umpan_balik(penilai, p)
                p = alur.nilai(user=penilai.user, penilaian=p, rating_hasil_kerja=hasil,
                               rating_perilaku=perilaku,
                               catatan="Pertahankan capaian dan lengkapi bukti setiap bulan.")  # fmt: skip
                dinilai += 1
            if periode == terakhir and nip == NIP_AGUS:
                continue  # Agus still has to accept or object
            with _pada(penilaian_hari + timedelta(days=3)):
                if nip == NIP_MAYA and periode.nomor == 2:
                    p = alur.ajukan_keberatan(
                        user=p.pegawai.user, penilaian=p,
                        alasan="Rekap aset triwulan II selesai tepat waktu; bukti dukung terlampir "
                        "pada RHK 1 belum dipertimbangkan.",
                    )  # fmt: skip
                    atasan = Pegawai.objects.get(nip="197808152003122004")  # Yuni Astuti
                    with _pada(penilaian_hari + timedelta(days=6)):
                        alur.putuskan(user=atasan.user, penilaian=p, rating_hasil_kerja=S,
                                      rating_perilaku=S, catatan="Bukti dukung RHK 1 mendukung: "
                                      "hasil kerja sesuai ekspektasi.")  # fmt: skip
                else:
                    alur.terima(user=p.pegawai.user, penilaian=p)
        if periode == terakhir and NIP_SRI in rows:
            dewi = Pegawai.objects.get(nip="198107302006042001")
            with _pada(tambah_hari_kerja(periode.tenggat, 2)):
                _umpan_balik(dewi, rows[NIP_SRI])
                alur.nilai(user=dewi.user, penilaian=rows[NIP_SRI], rating_hasil_kerja=S,
                           rating_perilaku=S, oleh_atasan=True,
                           catatan="Dinilai atasan pejabat penilai karena batas waktu terlewati.")  # fmt: skip
                dinilai += 1
    if not lampau:
        return f"Penilaian demo {tahun}: {disetujui} SKP disetujui; belum ada periode yang lewat."
    capaian, penetapan = _kurva(instansi, lampau)
    return (
        f"Penilaian demo {tahun}: {disetujui} SKP Dinas Kesehatan disetujui Januari; "
        f"{len(lampau)} periode lampau berisi realisasi, bukti dukung, umpan balik, dan "
        f"{dinilai} penilaian (1 keberatan diputuskan, 1 penilai melewati batas waktu); "
        f"{capaian} capaian kinerja organisasi, {penetapan} penetapan predikat bertanda tangan."
    )


def _unit_berpimpinan(instansi: Instansi) -> list[tuple[UnitKerja, Pegawai | None]]:
    """Every unit whose capaian someone sets (all but the top one), with its leader."""
    return [
        (u, p)
        for u in UnitKerja.objects.filter(instansi=instansi).order_by("kode")
        for p in [pimpinan_unit(u)]
        if p is not None
    ]


def _predikat_rencana(baris) -> Counter:  # noqa: ANN001
    return Counter(predikat(*RATING.get(b.pegawai.nip, (S, S))) for b in baris)


def _kurva(instansi: Instansi, lampau: list[Periode]) -> tuple[int, int]:
    """The curve stories: every unit gets a capaian for every past period (set by its leader
    before the ratings, on the last days of the period; by the admin on their behalf when the
    leader has no account). Capaian Baik where the ratings fit its pattern, else Istimewa, but
    one unit (the largest whose ratings do not fit Baik) keeps Baik: its ratings break the
    curve and its penilai records why. The first past period's predikat are confirmed
    (penetapan, signed) for every unit whose pegawai are all rated."""
    admin = AdminInstansi.objects.filter(instansi=instansi).select_related("user").first()
    unit = _unit_berpimpinan(instansi)
    melanggar: UnitKerja | None = None
    jumlah_capaian = jumlah_penetapan = 0
    for periode in lampau:
        with _pada(periode.selesai - timedelta(days=2)):
            baris = {u.pk: baris_unit(u, periode)[0] for u, _ in unit}
            if melanggar is None:
                calon = [
                    u for u, _ in unit
                    if len(baris[u.pk]) >= 2
                    and not periksa("baik", len(baris[u.pk]), _predikat_rencana(baris[u.pk])).sesuai
                ]  # fmt: skip
                melanggar = max(calon, key=lambda u: len(baris[u.pk]), default=None)
            for u, pimpinan in unit:
                n = len(baris[u.pk])
                pilihan = "baik"
                if (
                    n
                    and u != melanggar
                    and not periksa("baik", n, _predikat_rencana(baris[u.pk])).sesuai
                ):
                    pilihan = "istimewa"
                user = pimpinan.user if pimpinan.user_id else (admin.user if admin else None)
                if user is None:
                    continue
                tetapkan_capaian(
                    user=user, unit_kerja=u, periode=periode, capaian=pilihan,
                    catatan=f"Capaian target Perjanjian Kinerja {periode.nama}: "
                    + ("melampaui target." if pilihan == "istimewa" else "sesuai target."),
                )  # fmt: skip
                jumlah_capaian += 1
        if melanggar is not None:
            penilai = next(iter(penilai_di_unit(melanggar)), None)
            if penilai is not None and penilai.user_id:
                with _pada(tambah_hari_kerja(periode.selesai, 5)):
                    catat_alasan_pola(
                        user=penilai.user, periode=periode,
                        alasan="Seluruh pegawai seksi mencapai target RHK dengan bukti dukung "
                        "lengkap; belum ada yang di bawah ekspektasi walau capaian unit Baik.",
                    )  # fmt: skip
    pertama = lampau[0]
    with _pada(tambah_hari_kerja(pertama.selesai, 10)):
        for u, pimpinan in unit:
            if not pimpinan.user_id:
                continue
            halaman = halaman_penetapan(u, pertama)
            if not halaman.baris or halaman.alasan_tidak_dapat():
                continue
            tetapkan_predikat(user=pimpinan.user, unit_kerja=u, periode=pertama)
            jumlah_penetapan += 1
    return jumlah_capaian, jumlah_penetapan


def terbitkan_dokumen_evaluasi(instansi: Instansi, tahun: int | None = None) -> str:
    """The Dokumen Evaluasi Kinerja Pegawai of every rated demo evaluation of the year, issued
    now (outside the demo's transaction: rendering and signing are slow), so that the demo
    visitor downloads signed documents at once and the bulk export has something to pack. The
    background jobs queued by the ratings find them issued. Running it again issues nothing."""
    from django.core.exceptions import ImproperlyConfigured

    from penilaian import evaluasi

    tahun = tahun or timezone.localdate().year
    daftar = (
        PenilaianPeriodik.objects.filter(periode__instansi=instansi, periode__tahun=tahun)
        .exclude(predikat="")
        .order_by("periode__nomor", "pegawai__nip")
    )
    jumlah = 0
    for p in daftar:
        try:
            evaluasi.terbitkan(p)
        except ImproperlyConfigured as e:  # no signing certificate yet (`buat_sertifikat_dev`)
            return f"Dokumen evaluasi demo belum diterbitkan: {e}"
        jumlah += 1
    return f"Dokumen evaluasi kinerja pegawai demo {tahun}: {jumlah} diterbitkan."
