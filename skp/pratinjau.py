"""The draft preview ("Pratinjau PDF (draf)") without letting one person occupy the web workers.

A rendered preview is kept in the "pratinjau" cache (settings.CACHES) under a key that changes
with everything the document shows (`kunci`): the SKP's `revisi`, which every edit of its
content, identity snapshot or status bumps; the `revisi` of the atasan SKPs whose RHK it
intervenes (a draft prints their live text); the instansi's name and place; and today's date,
printed by the signature. Asking again for an unchanged SKP serves the stored bytes.

A preview that is not stored yet is rendered in the request when the SKP is small (most are:
up to the sizes in skp/batas.py, about 1 s of CPU at most). A larger one is rendered by the
background worker (`manage.py db_worker`, the same queue as the bulk export) while a page says
"Pratinjau sedang disiapkan" and polls. At most one render per SKP, in a request or in a job, is queued or
running at any time (a marker in the same cache, taken atomically with `add`; a request that
finds it taken goes to the waiting page), so neither a double click nor a reload loop makes two
renders of the same version, and one person can keep at most one process busy.

The key is computed before the content is read, so a preview stored under a key never shows
an older state than that key names."""

import hashlib
import logging
from dataclasses import dataclass

from django.core.cache import caches
from django.utils import timezone
from django_tasks import task

from organisasi.models import Instansi
from skp.batas import PRATINJAU_SINKRON_MAKS_BARIS, PRATINJAU_SINKRON_MAKS_KARAKTER
from skp.cetak import render_pdf
from skp.models import STATUS_TERBIT, RencanaHasilKerja, Skp
from skp.selectors import muat_isi

logger = logging.getLogger(__name__)

CACHE = "pratinjau"
# How long the marker of a render keeps others from starting one for the same SKP: a queued job
# (it may wait behind others) or a render in a request (about 1 s). The render clears it when
# done; this only matters when a process died holding it (the next request starts again).
TUGAS_DETIK = 15 * 60
LANGSUNG_DETIK = 60
# How long a failed render is reported before the page tries again by itself.
GAGAL_DETIK = 5 * 60


def _cache():
    return caches[CACHE]


def kunci(skp: Skp) -> str:
    """The cache key of the preview of `skp` as it is now (two small queries)."""
    atasan = sorted(
        set(
            RencanaHasilKerja.objects.filter(skp=skp, rhk_atasan__isnull=False).values_list(
                "rhk_atasan__skp_id", "rhk_atasan__skp__revisi"
            )
        )
    )
    instansi = Instansi.objects.filter(pk=skp.instansi_id).values_list("nama", "lokasi").first()
    # `diubah` too: should the database be restored from a backup while the cache (e.g. Redis)
    # is kept, the same revisi may then name other content.
    sidik = repr((skp.diubah, skp.status, instansi, atasan, timezone.localdate()))
    return f"skp{skp.pk}:r{skp.revisi}:{hashlib.sha256(sidik.encode()).hexdigest()[:20]}"


def _kunci_pdf(k: str) -> str:
    return f"pdf:{k}"


def _kunci_gagal(k: str) -> str:
    return f"gagal:{k}"


def _kunci_tugas(skp_id: int) -> str:
    return f"tugas:skp{skp_id}"


def ukuran(skp: Skp) -> tuple[int, int]:
    """(rows, characters) of what the preview prints: RHK and indicators, and the text of the
    RHK, indicators, intervened atasan RHK, ekspektasi and lampiran. Loads the content."""
    muat_isi(skp)
    baris = karakter = 0
    for rhk in skp.rhk.all():
        baris += 1
        karakter += len(rhk.uraian) + len(rhk.uraian_rhk_atasan)
        for ind in rhk.indikator.all():
            baris += 1
            karakter += len(ind.uraian)
    karakter += sum(len(p.ekspektasi_khusus) for p in skp.perilaku.all())
    karakter += len(skp.dukungan_sumber_daya + skp.skema_pertanggungjawaban + skp.konsekuensi)
    return baris, karakter


def besar(skp: Skp) -> bool:
    """Rendered by the background worker rather than in the request."""
    baris, karakter = ukuran(skp)
    return baris > PRATINJAU_SINKRON_MAKS_BARIS or karakter > PRATINJAU_SINKRON_MAKS_KARAKTER


def _render_simpan(skp: Skp, k: str) -> bytes:
    data = render_pdf(skp)
    _cache().set(_kunci_pdf(k), data)
    return data


def pdf_langsung(skp: Skp) -> bytes | None:
    """The preview of a draft when it is stored or small enough to render now (then it is
    stored); None when it is large and not stored (the background worker renders it), or while
    this SKP is being rendered elsewhere (a double click, a second tab): the caller sends the
    person to the page that waits for it."""
    k = kunci(skp)
    c = _cache()
    data = c.get(_kunci_pdf(k))
    if data is not None:
        return data
    if besar(skp) or not c.add(_kunci_tugas(skp.pk), k, timeout=LANGSUNG_DETIK):
        return None
    try:
        return _render_simpan(skp, k)
    finally:
        c.delete(_kunci_tugas(skp.pk))


@dataclass(frozen=True)
class Keadaan:
    siap: bool = False
    gagal: bool = False


def siapkan(skp: Skp, *, ulangi: bool = False) -> Keadaan:
    """Where the preview of `skp` stands, queueing its job when none is queued or running for
    this SKP. Ready also means "small enough to render on request, and nobody is rendering it
    now". `ulangi` forgets a recent failure and queues again (the person asked anew)."""
    k = kunci(skp)
    c = _cache()
    if c.get(_kunci_pdf(k)) is not None:
        return Keadaan(siap=True)
    if not besar(skp):
        return Keadaan(siap=c.get(_kunci_tugas(skp.pk)) is None)
    if ulangi:
        c.delete(_kunci_gagal(k))
    elif c.get(_kunci_gagal(k)):
        return Keadaan(gagal=True)
    if c.add(_kunci_tugas(skp.pk), k, timeout=TUGAS_DETIK):
        try:
            siapkan_pratinjau.enqueue(skp.pk)
        except Exception:
            c.delete(_kunci_tugas(skp.pk))
            raise
        # A backend that runs the job at once (ImmediateBackend) has finished it here.
        if c.get(_kunci_pdf(k)) is not None:
            return Keadaan(siap=True)
        if c.get(_kunci_gagal(k)):
            return Keadaan(gagal=True)
    return Keadaan()


@task(priority=10)  # before queued bulk exports: a person is waiting on the page
def siapkan_pratinjau(skp_id: int) -> None:
    """Renders and stores the preview of the SKP as it is when the job runs (it may have been
    edited since it was queued; the page asks for that version)."""
    c = _cache()
    try:
        skp = Skp.objects.filter(pk=skp_id).first()
        if skp is None or skp.status in STATUS_TERBIT:
            return  # deleted, or approved meanwhile: the signed document replaces the preview
        k = kunci(skp)
        if c.get(_kunci_pdf(k)) is None:
            try:
                _render_simpan(skp, k)
            except Exception:
                logger.exception("Pratinjau SKP %s gagal dirender", skp_id)
                c.set(_kunci_gagal(k), True, timeout=GAGAL_DETIK)
                raise
    finally:
        c.delete(_kunci_tugas(skp_id))


def tandai_gagal(skp_id: int) -> None:
    """The preview job of this SKP failed for good outside its own error handling (its worker
    died too often, core/pekerja.py): the page says so and offers to try again, instead of
    waiting for the marker of the lost render to expire."""
    skp = Skp.objects.filter(pk=skp_id).first()
    c = _cache()
    if skp is not None and skp.status not in STATUS_TERBIT:
        c.set(_kunci_gagal(kunci(skp)), True, timeout=GAGAL_DETIK)
    c.delete(_kunci_tugas(skp_id))
