"""The draft preview without occupying the web workers (skp/pratinjau.py): rendered once per
version and then served from the cache; every change of what the document shows gives a new
preview (never a stale one); a large SKP is rendered by the background worker, once however
often the page is loaded or polled, while a page says so; the same people as before see it."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from skp import pratinjau, services
from skp.batas import PRATINJAU_SINKRON_MAKS_BARIS, PRATINJAU_SINKRON_MAKS_KARAKTER
from skp.models import IndikatorKinerja, RencanaHasilKerja, Skp
from tests.skp.conftest import setujui_skp
from tests.skp.test_cetak import teks

HTMX = {"HTTP_HX_REQUEST": "true"}
PEKERJA_DB = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
LANGSUNG = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def cache_kosong(transactional_db):
    # A transactional test commits into the cache table, and flushing the database after it
    # leaves that table alone (elsewhere the test's rollback empties it).
    caches[pratinjau.CACHE].clear()
    yield
    caches[pratinjau.CACHE].clear()


@pytest.fixture
def render(monkeypatch) -> list[int]:
    """Counts the renders (the SKP id of each), still rendering for real."""
    asli, dipanggil = pratinjau.render_pdf, []

    def hitung(skp, **kwargs):
        dipanggil.append(skp.pk)
        return asli(skp, **kwargs)

    monkeypatch.setattr(pratinjau, "render_pdf", hitung)
    return dipanggil


@pytest.fixture
def besar(monkeypatch) -> None:
    """Any SKP counts as large here, so the small fixture SKP takes the worker's path (the
    thresholds themselves are tested on real sizes below)."""
    monkeypatch.setattr(pratinjau, "PRATINJAU_SINKRON_MAKS_BARIS", 1)


def unduh(client, skp: Skp):
    return client.get(reverse("skp:unduh_pdf", args=[skp.pk]))


# --- the cache ------------------------------------------------------------------------------


def test_pratinjau_kedua_dari_cache_tanpa_render_ulang(client, pemeran, skp_pegawai, render):
    client.force_login(pemeran.pegawai.user)
    pertama = unduh(client, skp_pegawai)
    kedua = unduh(client, skp_pegawai)
    client.force_login(pemeran.atasan.user)
    ketiga = unduh(client, skp_pegawai)
    assert render == [skp_pegawai.pk]
    assert pertama.status_code == kedua.status_code == ketiga.status_code == 200
    assert pertama.content == kedua.content == ketiga.content
    assert pertama["Content-Type"] == "application/pdf"
    assert "DRAF_" in pertama["Content-Disposition"] and "DRAF" in teks(pertama.content)


class Ubah:
    """One change of what the draft document shows, made after a first preview; `ada` must be
    in the next preview and `hilang` must not."""

    def __init__(self, ubah, ada: tuple[str, ...] = (), hilang: tuple[str, ...] = (), siapkan=None):
        self.ubah, self.ada, self.hilang, self.siapkan = ubah, ada, hilang, siapkan


def _indikator(p, s):
    return IndikatorKinerja.objects.get(rhk__skp=s, aspek="kuantitas")


def _tambah_rhk_kedua(p, s):
    services.rhk_tambah(user=p.pegawai.user, skp=s, jenis="utama", uraian="RHK kedua urutan")


def _ubah_jabatan(p, s):
    p.pegawai.jabatan.nama = "Pengelola Data Epidemiologi"
    p.pegawai.jabatan.save()


def _ajukan(p, s):
    services.ajukan(user=p.pegawai.user, skp=s)


def _ganti_lokasi(p, s):
    p.instansi.lokasi = "Kota Pratinjau"
    p.instansi.save()


PERUBAHAN = {
    "rhk_tambah": Ubah(
        lambda p, s, a: services.rhk_tambah(user=p.pegawai.user, skp=s, jenis="tambahan",
                                            uraian="RHK tambahan setelah pratinjau"),
        ada=("RHK tambahan setelah pratinjau",),
    ),
    "rhk_ubah": Ubah(
        lambda p, s, a: services.rhk_ubah(user=p.pegawai.user, rhk=s.rhk.get(), jenis="utama",
                                          uraian="RHK diubah setelah pratinjau",
                                          rhk_atasan=a.rhk1),
        ada=("RHK diubah setelah pratinjau",), hilang=("Tersedianya rekap data imunisasi",),
    ),
    "rhk_pindah": Ubah(
        lambda p, s, a: services.rhk_pindah(user=p.pegawai.user,
                                            rhk=s.rhk.get(uraian="RHK kedua urutan"), arah="naik"),
        siapkan=_tambah_rhk_kedua,
    ),
    "rhk_hapus": Ubah(
        lambda p, s, a: services.rhk_hapus(user=p.pegawai.user, rhk=s.rhk.get()),
        hilang=("Tersedianya rekap data imunisasi",),
    ),
    "indikator_tambah": Ubah(
        lambda p, s, a: services.indikator_tambah(user=p.pegawai.user, rhk=s.rhk.get(),
                                                  aspek="biaya", uraian="Biaya cetak setelah",
                                                  target_min=Decimal(1500000), satuan="rupiah"),
        ada=("Biaya cetak setelah",),
    ),
    "indikator_ubah": Ubah(
        lambda p, s, a: services.indikator_ubah(user=p.pegawai.user, indikator=_indikator(p, s),
                                                aspek="kuantitas", uraian="Jumlah diubah setelah",
                                                target_min=Decimal(60), satuan="laporan"),
        ada=("Jumlah diubah setelah", "60 laporan"), hilang=("52 laporan",),
    ),
    "indikator_hapus": Ubah(
        lambda p, s, a: services.indikator_hapus(user=p.pegawai.user, indikator=_indikator(p, s)),
        hilang=("Jumlah laporan surveilans mingguan",),
    ),
    "lampiran_ubah": Ubah(
        lambda p, s, a: services.lampiran_ubah(user=p.pegawai.user, skp=s,
                                               dukungan_sumber_daya="Laptop setelah pratinjau",
                                               skema_pertanggungjawaban="", konsekuensi=""),
        ada=("Laptop setelah pratinjau",),
    ),
    "ekspektasi_ubah": Ubah(
        lambda p, s, a: services.ekspektasi_ubah(user=p.atasan.user,
                                                 perilaku=s.perilaku.get(urutan=1),
                                                 ekspektasi_khusus="Ekspektasi setelah pratinjau"),
        ada=("Ekspektasi setelah pratinjau",),
    ),
    # Submitting changes the status and takes the identity snapshot again.
    "ajukan": Ubah(
        lambda p, s, a: _ajukan(p, s),
        ada=("berstatus DIAJUKAN", "Pengelola Data Epidemiologi"),
        hilang=("berstatus DRAF",),
        siapkan=_ubah_jabatan,
    ),
    "kembalikan": Ubah(
        lambda p, s, a: services.kembalikan(user=p.atasan.user, skp=s, catatan="Perbaiki"),
        ada=("berstatus DIKEMBALIKAN",),
        siapkan=_ajukan,
    ),
    # A draft prints the live text of the atasan RHK it intervenes.
    "rhk_atasan_diubah": Ubah(
        lambda p, s, a: services.rhk_ubah(user=p.atasan.user, rhk=a.rhk1, jenis="utama",
                                          uraian="RHK atasan diubah setelah pratinjau"),
        ada=("RHK atasan diubah setelah pratinjau",),
        hilang=("Tersedianya data surveilans yang lengkap",),
    ),
    "lokasi_instansi": Ubah(lambda p, s, a: _ganti_lokasi(p, s), ada=("Kota Pratinjau,",)),
}  # fmt: skip


@pytest.mark.parametrize("nama", PERUBAHAN)
def test_pratinjau_berikutnya_menunjukkan_perubahan(
    client, pemeran, skp_pegawai, skp_atasan, render, nama
):
    ubah = PERUBAHAN[nama]
    if ubah.siapkan:
        ubah.siapkan(pemeran, skp_pegawai)
    client.force_login(pemeran.pegawai.user)
    sebelum = unduh(client, skp_pegawai).content
    assert unduh(client, skp_pegawai).content == sebelum and len(render) == 1
    ubah.ubah(pemeran, Skp.objects.get(pk=skp_pegawai.pk), skp_atasan)
    sesudah = unduh(client, skp_pegawai)
    assert sesudah.status_code == 200 and len(render) == 2, "not served from the cache"
    isi = teks(sesudah.content)
    for t in ubah.ada:
        assert t in isi, t
    for t in ubah.hilang:
        assert t not in isi, t
    assert unduh(client, skp_pegawai).content == sesudah.content and len(render) == 2


def test_urutan_rhk_baru_tampil_setelah_dipindah(client, pemeran, skp_pegawai, render):
    _tambah_rhk_kedua(pemeran, skp_pegawai)
    client.force_login(pemeran.pegawai.user)
    isi = teks(unduh(client, skp_pegawai).content)
    assert isi.index("Tersedianya rekap data imunisasi") < isi.index("RHK kedua urutan")
    PERUBAHAN["rhk_pindah"].ubah(pemeran, skp_pegawai, None)
    isi = teks(unduh(client, skp_pegawai).content)
    assert isi.index("RHK kedua urutan") < isi.index("Tersedianya rekap data imunisasi")


def test_pratinjau_hari_berikutnya_dirender_ulang(
    client, pemeran, skp_pegawai, render, monkeypatch
):
    """The draft's signature block prints today's date: yesterday's preview is not served."""
    client.force_login(pemeran.pegawai.user)
    unduh(client, skp_pegawai)
    besok = timezone.localdate() + timedelta(days=1)
    monkeypatch.setattr(pratinjau.timezone, "localdate", lambda *a, **k: besok)
    unduh(client, skp_pegawai)
    assert len(render) == 2


# --- small in the request, large in the background ------------------------------------------


def test_ambang_ukuran_pratinjau_langsung(pemeran, skp_pegawai, tahun):
    assert not pratinjau.besar(Skp.objects.get(pk=skp_pegawai.pk))
    # An ordinary long SKP: 15 RHK of three indicators, 200-character texts, stays in the request.
    biasa = services.skp_buat(user=pemeran.atasan.user, tahun=tahun - 1)
    daftar = RencanaHasilKerja.objects.bulk_create(
        RencanaHasilKerja(skp=biasa, jenis="utama", urutan=i, uraian="r" * 200)
        for i in range(1, 16)
    )
    IndikatorKinerja.objects.bulk_create(
        IndikatorKinerja(rhk=r, aspek="kuantitas", uraian="i" * 200, target_min=1, satuan="x")
        for r in daftar
        for _ in range(3)
    )
    assert pratinjau.ukuran(Skp.objects.get(pk=biasa.pk)) == (60, 12_000)
    assert not pratinjau.besar(Skp.objects.get(pk=biasa.pk))
    # One row more than the threshold goes to the worker ...
    IndikatorKinerja.objects.create(rhk=daftar[0], aspek="waktu", uraian="w", target_min=1,
                                    satuan="hari")  # fmt: skip
    assert pratinjau.ukuran(Skp.objects.get(pk=biasa.pk))[0] == PRATINJAU_SINKRON_MAKS_BARIS + 1
    assert pratinjau.besar(Skp.objects.get(pk=biasa.pk))
    # ... and so does one character more than the threshold, in few rows.
    panjang = services.skp_buat(user=pemeran.pegawai.user, tahun=tahun - 1)
    Skp.objects.filter(pk=panjang.pk).update(
        dukungan_sumber_daya="d" * 5000, skema_pertanggungjawaban="s" * 5000, konsekuensi="k" * 5000
    )
    panjang.perilaku.filter(urutan__lte=2).update(ekspektasi_khusus="e" * 2000)
    panjang.perilaku.filter(urutan=3).update(ekspektasi_khusus="e" * 1000)
    assert pratinjau.ukuran(Skp.objects.get(pk=panjang.pk)) == (0, PRATINJAU_SINKRON_MAKS_KARAKTER)
    assert not pratinjau.besar(Skp.objects.get(pk=panjang.pk))
    panjang.perilaku.filter(urutan=4).update(ekspektasi_khusus="e")
    assert pratinjau.besar(Skp.objects.get(pk=panjang.pk))


# The worker closes database connections between tasks, as on a real machine: no test-wide
# transaction around it (see test_ekspor).
@pytest.mark.django_db(transaction=True)
def test_pratinjau_besar_disiapkan_pekerja_sekali_lalu_ditawarkan(
    client, pemeran, skp_pegawai, render, besar, settings, cache_kosong
):
    settings.TASKS = PEKERJA_DB
    client.force_login(pemeran.pegawai.user)
    r = unduh(client, skp_pegawai)
    url = reverse("skp:pratinjau", args=[skp_pegawai.pk])
    assert r.status_code == 302 and r["Location"] == url
    html = client.get(url).content.decode()
    assert "Pratinjau sedang disiapkan" in html
    assert 'hx-trigger="every 2s"' in html and "Buka pratinjau PDF" not in html
    # Reloads, polls, a second tab and a double click on the download: still one job.
    client.get(url)
    poll = client.get(url, **HTMX)
    assert poll.status_code == 200 and "Pratinjau sedang disiapkan" in poll.content.decode()
    assert "<h1" not in poll.content.decode()  # the partial only
    assert unduh(client, skp_pegawai).status_code == 302
    client.force_login(pemeran.atasan.user)
    client.get(url)
    assert DBTaskResult.objects.count() == 1 and render == []
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    assert render == [skp_pegawai.pk]
    poll = client.get(url, **HTMX).content.decode()
    assert "Pratinjau siap" in poll and "Buka pratinjau PDF" in poll
    assert 'hx-trigger="every 2s"' not in poll
    assert reverse("skp:unduh_pdf", args=[skp_pegawai.pk]) in poll
    r = unduh(client, skp_pegawai)
    assert r.status_code == 200 and r.content.startswith(b"%PDF")
    assert "DRAF" in teks(r.content)
    assert render == [skp_pegawai.pk] and DBTaskResult.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_pekerja_merender_versi_terbaru_bila_skp_diubah_selama_antre(
    client, pemeran, skp_pegawai, render, besar, settings, cache_kosong
):
    settings.TASKS = PEKERJA_DB
    client.force_login(pemeran.pegawai.user)
    url = reverse("skp:pratinjau", args=[skp_pegawai.pk])
    client.get(url)
    services.lampiran_ubah(user=pemeran.pegawai.user, skp=skp_pegawai,
                           dukungan_sumber_daya="Ditulis selagi antre",
                           skema_pertanggungjawaban="", konsekuensi="")  # fmt: skip
    # The job is still queued: the page for the new version waits for it, no second job.
    assert "sedang disiapkan" in client.get(url, **HTMX).content.decode()
    assert DBTaskResult.objects.count() == 1
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    assert "Pratinjau siap" in client.get(url, **HTMX).content.decode()
    isi = teks(unduh(client, skp_pegawai).content)
    assert "Ditulis selagi antre" in isi
    assert len(render) == 1


def test_pekerja_langsung_menampilkan_siap(client, pemeran, skp_pegawai, render, besar, settings):
    settings.TASKS = LANGSUNG
    client.force_login(pemeran.pegawai.user)
    html = client.get(reverse("skp:pratinjau", args=[skp_pegawai.pk])).content.decode()
    assert "Pratinjau siap" in html and 'hx-trigger="every 2s"' not in html
    assert unduh(client, skp_pegawai).content.startswith(b"%PDF")
    assert render == [skp_pegawai.pk]


def test_pratinjau_gagal_diberitahukan_dan_dapat_dicoba_lagi(
    client, pemeran, skp_pegawai, besar, settings, monkeypatch
):
    settings.TASKS = LANGSUNG
    asli, dipanggil = pratinjau.render_pdf, []

    def rusak(skp, **kwargs):
        dipanggil.append(skp.pk)
        raise AssertionError("WeasyPrint rusak")

    monkeypatch.setattr(pratinjau, "render_pdf", rusak)
    client.force_login(pemeran.pegawai.user)
    url = reverse("skp:pratinjau", args=[skp_pegawai.pk])
    html = client.get(url).content.decode()
    assert "Pratinjau gagal disiapkan" in html and "Coba lagi" in html
    assert 'hx-trigger="every 2s"' not in html
    # Polling does not start it again; the download link leads back to the page.
    assert "Pratinjau gagal disiapkan" in client.get(url, **HTMX).content.decode()
    assert unduh(client, skp_pegawai).status_code == 302
    assert len(dipanggil) == 1
    # "Coba lagi" (the page loaded anew) does.
    monkeypatch.setattr(pratinjau, "render_pdf", asli)
    assert "Pratinjau siap" in client.get(url).content.decode()
    assert unduh(client, skp_pegawai).content.startswith(b"%PDF")
    assert not caches[pratinjau.CACHE].get(pratinjau._kunci_tugas(skp_pegawai.pk))


def test_satu_tugas_per_skp_sampai_tugas_itu_selesai(pemeran, skp_pegawai, besar, settings):
    settings.TASKS = PEKERJA_DB
    skp = Skp.objects.get(pk=skp_pegawai.pk)
    assert pratinjau.siapkan(skp) == pratinjau.Keadaan()
    assert pratinjau.siapkan(skp) == pratinjau.Keadaan()
    assert DBTaskResult.objects.count() == 1
    # The job runs (here directly); afterwards a new version may queue again.
    pratinjau.siapkan_pratinjau.call(skp.pk)
    assert pratinjau.siapkan(Skp.objects.get(pk=skp.pk)) == pratinjau.Keadaan(siap=True)
    services.lampiran_ubah(user=pemeran.pegawai.user, skp=skp, dukungan_sumber_daya="Baru",
                           skema_pertanggungjawaban="", konsekuensi="")  # fmt: skip
    assert pratinjau.siapkan(Skp.objects.get(pk=skp.pk)) == pratinjau.Keadaan()
    assert DBTaskResult.objects.count() == 2


def test_tugas_untuk_skp_yang_sudah_disetujui_atau_dihapus_tidak_merender(
    pemeran, skp_pegawai, render
):
    setujui_skp(pemeran, skp_pegawai)
    pratinjau.siapkan_pratinjau.call(skp_pegawai.pk)
    pratinjau.siapkan_pratinjau.call(987654)
    assert render == []


# --- who sees it ----------------------------------------------------------------------------


@pytest.mark.parametrize("besar_", [False, True], ids=["kecil", "besar"])
def test_halaman_pratinjau_tangga_izin(client, pemeran, skp_pegawai, settings, monkeypatch, besar_):
    settings.TASKS = LANGSUNG
    if besar_:
        monkeypatch.setattr(pratinjau, "PRATINJAU_SINKRON_MAKS_BARIS", 1)
    url = reverse("skp:pratinjau", args=[skp_pegawai.pk])
    r = client.get(url)
    assert r.status_code == 302 and r["Location"].startswith(reverse("login"))
    for siapa in ("orang_luar", "rekan_atasan", "pegawai_lain", "admin_lain", "kepala"):
        client.force_login(getattr(pemeran, siapa).user)
        assert client.get(url).status_code == 404, siapa
        assert client.get(url, **HTMX).status_code == 404, siapa
        assert unduh(client, skp_pegawai).status_code == 404, siapa
    for siapa in ("pegawai", "atasan", "atasan_atasan", "admin"):
        client.force_login(getattr(pemeran, siapa).user)
        r = client.get(url)
        assert r.status_code == 200 and "Pratinjau siap" in r.content.decode(), siapa
        assert unduh(client, skp_pegawai).content.startswith(b"%PDF"), siapa


def test_halaman_pratinjau_skp_disetujui_menuju_dokumen_bertanda_tangan(
    client, pemeran, skp_pegawai, sertifikat, render
):
    setujui_skp(pemeran, skp_pegawai)
    client.force_login(pemeran.pegawai.user)
    r = client.get(reverse("skp:pratinjau", args=[skp_pegawai.pk]))
    assert r.status_code == 302 and r["Location"] == reverse("skp:unduh_pdf", args=[skp_pegawai.pk])
    assert render == []


def test_pratinjau_kecil_yang_sedang_dirender_tidak_dirender_dua_kali(
    client, pemeran, skp_pegawai, render
):
    """A double click or a second tab while the same SKP renders elsewhere: sent to the page
    that waits for it, not a second render."""
    client.force_login(pemeran.pegawai.user)
    penanda = pratinjau._kunci_tugas(skp_pegawai.pk)
    assert caches[pratinjau.CACHE].add(penanda, "render lain", timeout=60)  # the other request
    url = reverse("skp:pratinjau", args=[skp_pegawai.pk])
    r = unduh(client, skp_pegawai)
    assert r.status_code == 302 and r["Location"] == url
    html = client.get(url).content.decode()
    assert "Pratinjau sedang disiapkan" in html and 'hx-trigger="every 2s"' in html
    assert render == [] and DBTaskResult.objects.count() == 0  # small: no job either
    caches[pratinjau.CACHE].delete(penanda)  # the other render is done
    assert "Pratinjau siap" in client.get(url, **HTMX).content.decode()
    assert unduh(client, skp_pegawai).content.startswith(b"%PDF")
    assert render == [skp_pegawai.pk]
    assert caches[pratinjau.CACHE].get(penanda) is None  # released after rendering


def test_penanda_dilepas_bila_render_langsung_gagal(client, pemeran, skp_pegawai, monkeypatch):
    def rusak(skp, **kwargs):
        raise AssertionError("WeasyPrint rusak")

    monkeypatch.setattr(pratinjau, "render_pdf", rusak)
    client.raise_request_exception = False
    client.force_login(pemeran.pegawai.user)
    assert unduh(client, skp_pegawai).status_code == 500
    assert caches[pratinjau.CACHE].get(pratinjau._kunci_tugas(skp_pegawai.pk)) is None
