"""Read queries for the planning pages, each a fixed number of queries whatever the size."""

import re
from decimal import Decimal

from django.db.models import Count, Prefetch, Q, QuerySet

from perencanaan.models import (
    ImporRenstra,
    IndikatorKinerja,
    Kegiatan,
    Program,
    Renstra,
    SasaranStrategis,
    SubKegiatan,
    TargetIndikator,
    Tujuan,
)


def urutan_kode(kode: str) -> tuple:
    """Natural order of codes: "1.2" before "1.10", "T2" before "T10"."""
    return tuple(
        (0, int(bagian), "") if bagian.isdigit() else (1, 0, bagian)
        for bagian in re.split(r"(\d+)", kode)
        if bagian
    )


def daftar_renstra(qs: QuerySet[Renstra]) -> QuerySet[Renstra]:
    return (
        qs.select_related("unit__instansi")
        .annotate(
            jumlah_indikator=Count("indikator", distinct=True),
            jumlah_iku=Count("indikator", filter=Q(indikator__iku=True), distinct=True),
        )
        .order_by("unit__instansi__nama", "unit__kode", "-tahun_awal")
    )


def pohon_renstra(renstra: Renstra) -> list[Tujuan]:
    """Tujuan -> sasaran (`daftar_sasaran`) -> indikator (`daftar_indikator`), each indikator
    with `target_per_tahun` aligned to the years of the period (None where there is none)."""
    target = Prefetch("target", queryset=TargetIndikator.objects.order_by("tahun"))
    indikator = Prefetch(
        "indikator",
        queryset=IndikatorKinerja.objects.prefetch_related(target),
    )
    sasaran = Prefetch("sasaran", queryset=SasaranStrategis.objects.prefetch_related(indikator))
    tujuan = sorted(
        Tujuan.objects.filter(renstra=renstra).prefetch_related(sasaran),
        key=lambda t: urutan_kode(t.kode),
    )
    tahun = renstra.daftar_tahun
    for t in tujuan:
        t.daftar_sasaran = sorted(t.sasaran.all(), key=lambda s: urutan_kode(s.kode))
        for s in t.daftar_sasaran:
            s.daftar_indikator = sorted(s.indikator.all(), key=lambda i: urutan_kode(i.kode))
            for i in s.daftar_indikator:
                per_tahun = {x.tahun: x for x in i.target.all()}
                i.target_per_tahun = [per_tahun.get(th) for th in tahun]
    return tujuan


def tahun_renja(renstra: Renstra) -> list[int]:
    return sorted(
        Program.objects.filter(renstra=renstra)
        .order_by("tahun")
        .values_list("tahun", flat=True)
        .distinct()
    )


def renja(renstra: Renstra, tahun: int) -> tuple[list[Program], Decimal]:
    """Programs of a year with `daftar_kegiatan` -> `daftar_subkegiatan`, and the year's total
    pagu (of the sub kegiatan, where the money is spent; of the program where none has any)."""
    sub = Prefetch("subkegiatan", queryset=SubKegiatan.objects.select_related("sasaran"))
    kegiatan = Prefetch(
        "kegiatan", queryset=Kegiatan.objects.select_related("sasaran").prefetch_related(sub)
    )
    program = sorted(
        Program.objects.filter(renstra=renstra, tahun=tahun)
        .select_related("sasaran")
        .prefetch_related(kegiatan),
        key=lambda p: urutan_kode(p.kode),
    )
    total = Decimal(0)
    for p in program:
        p.daftar_kegiatan = sorted(p.kegiatan.all(), key=lambda k: urutan_kode(k.kode))
        pagu_sub = Decimal(0)
        ada_sub = False
        for k in p.daftar_kegiatan:
            k.daftar_subkegiatan = sorted(k.subkegiatan.all(), key=lambda s: urutan_kode(s.kode))
            for s in k.daftar_subkegiatan:
                if s.pagu is not None:
                    pagu_sub += s.pagu
                    ada_sub = True
        total += pagu_sub if ada_sub else (p.pagu or Decimal(0))
    return program, total


def riwayat_impor(qs: QuerySet[ImporRenstra]) -> QuerySet[ImporRenstra]:
    # The rows an upload holds (up to 60,000 for a large Renstra) are not shown in a history.
    return (
        qs.select_related("unit", "diunggah_oleh__pegawai")
        .defer("data", "rincian", "rincian_ikhtisar")
        .order_by("-dibuat", "-pk")
    )
