"""The next step of a pegawai's SKP of a year, as the home page says it: what to do now for the
SKP's actual state (create it; complete and submit it; wait for whom since when; fix what the
penilai commented and where; once approved, record realisasi). A handful of queries whatever
the SKP's size: the SKP, its content only for a draft's checklist, the last decision and its
comments."""

from dataclasses import dataclass, field
from datetime import date, datetime

from django.utils import timezone

from core.hari_kerja import hari_sejak
from core.versi import diingat_sampai_berubah
from organisasi.models import Pegawai
from skp.models import Komentar, RiwayatStatus, Skp, StatusSkp
from skp.selectors import muat_isi, penilai_aktif, skp_tahun
from skp.services.buat import tahun_tersedia
from skp.services.kelengkapan import periksa_kelengkapan


@dataclass
class LangkahSkp:
    tahun: int
    skp: Skp | None = None
    # No SKP yet: may it be created straight away, and is there last year's to copy?
    dapat_dibuat: bool = False
    skp_tahun_lalu: Skp | None = None
    # Draf: what still blocks submitting (empty: ready).
    kelengkapan: list[str] = field(default_factory=list)
    # Diajukan: whom it waits for, since when.
    penilai: Pegawai | None = None
    sejak: datetime | None = None
    # Dikembalikan / Disetujui: the decision's history row.
    keputusan: RiwayatStatus | None = None
    # Dikembalikan: the comments of that return, how many still not marked as fixed, and the
    # first of those (the page opens at it).
    jumlah_komentar: int = 0
    komentar_belum: int = 0
    komentar_pertama: Komentar | None = None

    @property
    def hari_menunggu(self) -> int:
        return hari_sejak(self.sejak)


def langkah_skp(pegawai: Pegawai, tahun: int | None = None) -> LangkahSkp:
    tahun = tahun or timezone.localdate().year
    skp = skp_tahun(pegawai, tahun)
    langkah = LangkahSkp(tahun=tahun, skp=skp)
    if skp is None:
        langkah.dapat_dibuat = (
            pegawai.aktif and pegawai.jabatan_id is not None and tahun in tahun_tersedia()
        )
        langkah.skp_tahun_lalu = skp_tahun(pegawai, tahun - 1) if langkah.dapat_dibuat else None
        return langkah
    if skp.status == StatusSkp.DRAF:
        langkah.kelengkapan = periksa_kelengkapan(muat_isi(skp))
    elif skp.status == StatusSkp.DIAJUKAN:
        langkah.penilai, langkah.sejak = penilai_aktif(skp), skp.diajukan_pada
    elif skp.status in (StatusSkp.DIKEMBALIKAN, StatusSkp.DISETUJUI):
        aksi = "kembalikan" if skp.status == StatusSkp.DIKEMBALIKAN else "setujui"
        langkah.keputusan = (
            RiwayatStatus.objects.filter(skp=skp, aksi=aksi)
            .select_related("oleh__pegawai")
            .order_by("-waktu", "-pk")
            .first()
        )
    if skp.status == StatusSkp.DIKEMBALIKAN and langkah.keputusan is not None:
        # The note on the whole SKP is read at the top of the page; the comments on RHK and
        # indicators are what must be found and fixed.
        komentar = list(
            Komentar.objects.filter(putaran=langkah.keputusan)
            .exclude(butir="skp")
            .order_by("dibuat", "pk")
        )
        belum = [k for k in komentar if not k.ditangani]
        langkah.jumlah_komentar, langkah.komentar_belum = len(komentar), len(belum)
        langkah.komentar_pertama = belum[0] if belum else None
    return langkah


@diingat_sampai_berubah("organisasi", "skp", "kinerja")
def langkah_hari_ini(pegawai: Pegawai, hari_ini: date) -> LangkahSkp:
    """`langkah_skp` of this year, kept between requests (core/versi.py) until the SKP rows,
    their content and history, or the organisation change. The day is part of the key: the
    years an SKP may be made for follow the calendar."""
    return langkah_skp(pegawai, hari_ini.year)
