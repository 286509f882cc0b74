"""Answers to penilaian's questions (penilaian.signals): penilaian never imports this app."""

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString

from monitoring.selectors import jumlah_jurnal_periode, masa_tinjauan, tinjauan_per_pegawai
from organisasi.selectors import bawahan_langsung
from penilaian.signals import Usulan
from skp.target import tampil_angka


def usulan_dari_jurnal(sender, penilaian, **kwargs) -> dict[int, Usulan]:
    """The period's jurnal results added up per measure, proposed beside its realisasi input."""
    tautan = f"{reverse('monitoring:jurnal')}?tahun={penilaian.periode.tahun}&periode={penilaian.periode.pk}"
    return {
        ind_id: Usulan(
            nilai=j.nilai,
            teks=f"{tampil_angka(j.nilai)} {j.indikator.satuan} ({j.entri} entri)".replace(
                "  ", " "
            ),
            tautan=tautan,
        )
        for ind_id, j in jumlah_jurnal_periode(penilaian).items()
    }


def spanduk_tinjauan_atasan(sender, request, pegawai, periode, **kwargs) -> SafeString | str:
    """In June and July, above Penilaian Bawahan: how many direct bawahan still wait for the
    atasan's confirmation of the mid-year review (no query in the other months)."""
    hari_ini = timezone.localdate()
    if not masa_tinjauan(hari_ini):
        return ""
    bawahan = list(bawahan_langsung(pegawai).values_list("pk", flat=True))
    if not bawahan:
        return ""
    tinjauan = tinjauan_per_pegawai(bawahan, hari_ini.year)
    belum = sum(1 for i in bawahan if i not in tinjauan or not tinjauan[i].atasan_konfirmasi_pada)
    return render_to_string(
        "monitoring/_spanduk_tinjauan.html",
        {"tahun": hari_ini.year, "belum": belum, "jumlah": len(bawahan), "atasan": True},
        request,
    )
