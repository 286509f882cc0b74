"""Ekspor Hasil Penilaian: the Dokumen Evaluasi of a unit and period as one ZIP built by the
background job (core/ekspor.py, as the SKP export), and the TPP list as XLSX and CSV; who may
do it (the admin of the instansi, the leaders of a unit for their units)."""

import csv
import io
import zipfile
from datetime import date

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from core.dokumen import verifikasi_berkas
from core.models import StatusEkspor
from penilaian import ekspor as modul
from penilaian.distribusi import CapaianOrganisasi
from penilaian.kuadran import Rating
from penilaian.models import CapaianUnit, DokumenEvaluasi, EksporEvaluasi
from penilaian.services import alur
from tests.penilaian.bawahan import isi_penilaian, tambah_bawahan
from tests.penilaian.conftest import pada

S, A = Rating.SESUAI, Rating.DI_ATAS


@pytest.fixture
def dinilai(pemeran, tw1, dalam_jendela_tw1, sertifikat):
    """Three bawahan of the atasan rated in triwulan I (their documents not issued: the
    export issues them), one more not rated, and the capaian of the atasan's seksi."""
    pegawai = tambah_bawahan(pemeran, 4)
    hasil = []
    for i, p in enumerate(pegawai):
        penilaian = isi_penilaian(p, tw1, pemeran.atasan)
        if i < 3:
            penilaian = alur.nilai(user=pemeran.atasan.user, penilaian=penilaian,
                                   rating_hasil_kerja=A if i == 0 else S, rating_perilaku=S)  # fmt: skip
        hasil.append(penilaian)
    CapaianUnit.objects.create(
        unit_kerja=pemeran.atasan.jabatan.unit_kerja, periode=tw1, capaian=CapaianOrganisasi.BAIK,
        oleh=pemeran.atasan_atasan.user, oleh_nama=pemeran.atasan_atasan.nama_lengkap,
    )  # fmt: skip
    return hasil


def seksi(pemeran):
    return pemeran.atasan.jabatan.unit_kerja


# --- the ZIP of Dokumen Evaluasi ----------------------------------------------------------


def test_ekspor_zip_lewat_pekerja(client, pemeran, tw1, dinilai, pekerja_langsung):
    client.force_login(pemeran.admin.user)
    url = reverse("penilaian:ekspor")
    assert client.get(url).status_code == 200
    r = client.post(url, {"periode": tw1.pk, "unit": seksi(pemeran).pk})
    assert r.status_code == 302
    (ekspor,) = EksporEvaluasi.objects.all()
    assert ekspor.status == StatusEkspor.SELESAI, ekspor.pesan
    assert (ekspor.jumlah, ekspor.selesai, ekspor.persen) == (3, 3, 100)
    assert ekspor.berkas.name.endswith(f"evaluasi_2026_triwulan-i_1-02-01-01_{ekspor.pk}.zip")
    r = client.get(reverse("penilaian:ekspor_unduh", args=[ekspor.pk]))
    assert r.status_code == 200
    arsip = zipfile.ZipFile(io.BytesIO(b"".join(r.streaming_content)))
    nama = sorted(arsip.namelist())
    assert nama == sorted(
        f"evaluasi_{p.pegawai.nip}_2026_triwulan-i_v1.pdf" for p in dinilai[:3]
    )  # the pegawai not rated yet has no document
    for n in nama:
        assert verifikasi_berkas(arsip.read(n)).sah
    assert DokumenEvaluasi.objects.exclude(sha256="").count() == 3
    # The page lists it with its download; the htmx refresh renders only the list.
    html = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert html.lstrip().startswith('<section id="daftar-ekspor"')
    assert reverse("penilaian:ekspor_unduh", args=[ekspor.pk]) in html
    # Run again (a retry of the same job) changes nothing.
    assert modul.jalankan_ekspor(ekspor.pk) == 3
    assert DokumenEvaluasi.objects.count() == 3


def test_ekspor_tanpa_pegawai_dinilai(client, pemeran, tw1, pekerja_langsung, sertifikat):
    client.force_login(pemeran.admin.user)
    client.post(reverse("penilaian:ekspor"), {"periode": tw1.pk, "unit": ""})
    (ekspor,) = EksporEvaluasi.objects.all()
    assert ekspor.status == StatusEkspor.SELESAI and ekspor.pesan == modul.TIDAK_ADA
    assert ekspor.unit is None and not ekspor.berkas


def test_satu_dokumen_gagal_tidak_menghentikan_lainnya_lalu_coba_lagi(
    client, pemeran, tw1, dinilai, pekerja_langsung, monkeypatch
):
    asli = modul.evaluasi.terbitkan
    gagal_nip = dinilai[1].pegawai.nip

    def sebagian(penilaian):
        if penilaian.pegawai.nip == gagal_nip:
            raise RuntimeError("render rusak")
        return asli(penilaian)

    monkeypatch.setattr(modul.evaluasi, "terbitkan", sebagian)
    client.force_login(pemeran.admin.user)
    client.post(reverse("penilaian:ekspor"), {"periode": tw1.pk, "unit": seksi(pemeran).pk})
    (ekspor,) = EksporEvaluasi.objects.all()
    assert ekspor.status == StatusEkspor.SELESAI and ekspor.berkas
    assert (
        "1 dari 3 dokumen evaluasi gagal dicetak" in ekspor.pesan and "render rusak" in ekspor.pesan
    )
    with ekspor.berkas.open("rb") as f:
        arsip = zipfile.ZipFile(io.BytesIO(f.read()))
    assert len(arsip.namelist()) == 3 and "DAFTAR_GAGAL.txt" in arsip.namelist()

    # Every one failing: the export fails and may be started again.
    monkeypatch.setattr(modul.evaluasi, "terbitkan", lambda p: (_ for _ in ()).throw(OSError("x")))
    client.post(reverse("penilaian:ekspor"), {"periode": tw1.pk, "unit": seksi(pemeran).pk})
    gagal = EksporEvaluasi.objects.order_by("-pk").first()
    assert gagal.status == StatusEkspor.GAGAL
    monkeypatch.setattr(modul.evaluasi, "terbitkan", asli)
    url_ulangi = reverse("penilaian:ekspor_ulangi", args=[gagal.pk])
    assert client.post(url_ulangi).status_code == 302
    gagal.refresh_from_db()
    assert gagal.status == StatusEkspor.SELESAI and not gagal.pesan
    # A second click: already done, nothing runs again.
    r = client.post(url_ulangi, follow=True)
    assert "sudah berjalan lagi atau sudah selesai" in r.content.decode()


def test_tangga_izin_halaman_ekspor(client, pemeran, tw1, dinilai, pekerja_langsung):
    url = reverse("penilaian:ekspor")
    r = client.get(url)
    assert r.status_code == 302 and reverse("login") in r["Location"]
    client.force_login(pemeran.pegawai.user)  # no unit to export
    assert client.get(url).status_code == 403
    client.force_login(pemeran.admin.user)
    client.post(url, {"periode": tw1.pk, "unit": seksi(pemeran).pk})
    ekspor = EksporEvaluasi.objects.get()
    unduh = reverse("penilaian:ekspor_unduh", args=[ekspor.pk])
    # The admin of another instansi: their page, but not this export or this period.
    client.force_login(pemeran.admin_lain.user)
    assert client.get(url).status_code == 200
    assert client.get(unduh).status_code == 404
    assert client.post(reverse("penilaian:ekspor_ulangi", args=[ekspor.pk])).status_code == 404
    r = client.post(url, {"periode": tw1.pk, "unit": ""})
    assert r.status_code == 200 and "bukan salah satu dari pilihan" in r.content.decode()
    assert EksporEvaluasi.objects.count() == 1
    # The head of the seksi exports their seksi, not another unit, not the whole instansi.
    client.force_login(pemeran.atasan.user)
    assert client.get(url).status_code == 200
    assert client.get(unduh).status_code == 200
    r = client.post(url, {"periode": tw1.pk, "unit": ""})
    assert "seluruh instansi hanya untuk admin instansi" in r.content.decode()
    lain = pemeran.rekan_atasan.jabatan.unit_kerja
    r = client.post(url, {"periode": tw1.pk, "unit": lain.pk})
    assert r.status_code == 200 and "bukan salah satu dari pilihan" in r.content.decode()
    assert EksporEvaluasi.objects.count() == 1
    # The Kepala Bidang leads the seksi from above (and their own bidang with its seksi).
    client.force_login(pemeran.atasan_atasan.user)
    assert client.post(url, {"periode": tw1.pk, "unit": lain.pk}).status_code == 302
    # The other seksi's head does not see the first export.
    client.force_login(pemeran.rekan_atasan.user)
    assert client.get(unduh).status_code == 404


# --- the TPP list -------------------------------------------------------------------------


def tpp(client, periode, unit="", format_="xlsx"):
    return client.get(
        reverse("penilaian:ekspor_tpp"), {"periode": periode.pk, "unit": unit, "format": format_}
    )


def test_tpp_xlsx_nip_teks_dan_isi(client, pemeran, tw1, dinilai):
    client.force_login(pemeran.admin.user)
    r = tpp(client, tw1)
    assert r.status_code == 200
    assert r["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert (
        'filename="tpp_pemerintah-kabupaten-contoh_2026_triwulan-i.xlsx"'
        in (r["Content-Disposition"])
    )
    ws = load_workbook(io.BytesIO(r.content)).active
    baris = list(ws.iter_rows(values_only=True))
    assert list(baris[0]) == modul.KOLOM_TPP
    data = {b[0]: b for b in baris[1:]}
    assert len(data) == 4  # the pegawai not rated yet is listed with empty ratings
    pertama = dinilai[0].pegawai
    assert data[pertama.nip] == (
        pertama.nip, pertama.nama_lengkap, "Seksi Surveilans", pertama.jabatan.nama,
        "Di Atas Ekspektasi", "Sesuai Ekspektasi", "Baik", "Baik",
    )  # fmt: skip
    belum = dinilai[3].pegawai
    assert data[belum.nip][4:7] == (None, None, None)  # empty cells
    for sel in ws["A"][1:]:
        assert sel.data_type == "s" and sel.number_format == "@"
        assert isinstance(sel.value, str) and len(sel.value) == 18


def test_tpp_nip_berawalan_nol_dan_sel_rumus(client, pemeran, tw1, dinilai):
    """A PPPK-style number with a leading zero keeps it; a name that a spreadsheet would run as
    a formula is text in the XLSX and gets an apostrophe in the CSV."""
    p = dinilai[0].pegawai
    p.nip = "012345678901234567"
    p.nama = '=HYPERLINK("http://jahat")'
    p.save(update_fields=["nip", "nama"])
    client.force_login(pemeran.admin.user)
    ws = load_workbook(io.BytesIO(tpp(client, tw1, seksi(pemeran).pk).content)).active
    (baris,) = [r for r in ws.iter_rows(min_row=2) if r[0].value == "012345678901234567"]
    assert baris[0].data_type == "s"
    assert baris[1].data_type == "s" and baris[1].value.startswith("=HYPERLINK")
    assert baris[1].quotePrefix

    r = tpp(client, tw1, seksi(pemeran).pk, "csv")
    assert r["Content-Type"] == "text/csv; charset=utf-8"
    assert r["Content-Disposition"].endswith('_2026_triwulan-i_1-02-01-01.csv"')
    assert r.content.startswith("\ufeff".encode())
    baris_csv = list(csv.reader(io.StringIO(r.content.decode("utf-8-sig"))))
    assert baris_csv[0] == modul.KOLOM_TPP
    (jahat,) = [b for b in baris_csv if b[0] == "012345678901234567"]
    assert jahat[1] == '\'=HYPERLINK("http://jahat")'
    for awal in ("=", "+", "-", "@"):
        assert modul.aman_csv(f"{awal}1") == f"'{awal}1"
    assert modul.aman_csv("199001012015031001") == "199001012015031001"


def test_tpp_jumlah_kueri_datar(client, pemeran, tw1, dalam_jendela_tw1, sertifikat,
                                django_assert_max_num_queries, jawaban_selalu_dihitung):  # fmt: skip
    def ukur(jumlah: int, awal: int) -> int:
        for pegawai in tambah_bawahan(pemeran, jumlah, awal=awal):
            p = isi_penilaian(pegawai, tw1, pemeran.atasan)
            alur.nilai(user=pemeran.atasan.user, penilaian=p, rating_hasil_kerja=S,
                       rating_perilaku=S)  # fmt: skip
        client.force_login(pemeran.admin.user)
        tpp(client, tw1)  # the first visit makes last year's periods (once, on first need)
        with django_assert_max_num_queries(40) as tangkap:
            r = tpp(client, tw1)
        assert r.status_code == 200
        return len(tangkap.captured_queries)

    sedikit = ukur(2, 0)
    banyak = ukur(10, 2)
    assert banyak == sedikit


def test_tpp_tangga_izin(client, pemeran, tw1, dinilai):
    url = reverse("penilaian:ekspor_tpp")
    r = client.get(url, {"periode": tw1.pk})
    assert r.status_code == 302 and reverse("login") in r["Location"]
    client.force_login(pemeran.pegawai.user)
    assert tpp(client, tw1).status_code == 403
    client.force_login(pemeran.admin_lain.user)  # another instansi's period: not offered
    r = tpp(client, tw1)
    assert r.status_code == 400 and "bukan salah satu dari pilihan" in r.content.decode()
    client.force_login(pemeran.atasan.user)  # the seksi head: their seksi, not the instansi
    assert tpp(client, tw1, seksi(pemeran).pk).status_code == 200
    r = tpp(client, tw1)
    assert r.status_code == 400
    assert "seluruh instansi hanya untuk admin instansi" in r.content.decode()
    r = tpp(client, tw1, "bukan-angka")
    assert r.status_code == 400


def test_tpp_capaian_tahun_lalu_bila_tahunan_belum_ditetapkan(client, pemeran, tw1, dinilai):
    """The annual capaian not set by 31 January: last year's counts (as every other screen)."""
    from penilaian.periode import periode_tahun

    akhir_2025 = periode_tahun(pemeran.instansi, 2025)[-1]
    akhir_2026 = periode_tahun(pemeran.instansi, 2026)[-1]
    CapaianUnit.objects.create(
        unit_kerja=seksi(pemeran), periode=akhir_2025, capaian=CapaianOrganisasi.ISTIMEWA,
        oleh=pemeran.atasan_atasan.user, oleh_nama="x",
    )  # fmt: skip
    for p in dinilai:
        type(p).objects.filter(pk=p.pk).update(periode=akhir_2026)
    with pada(date(2027, 2, 3)):
        client.force_login(pemeran.admin.user)
        r = tpp(client, akhir_2026)
        assert r.status_code == 200, r.content.decode()[-3000:]
        ws = load_workbook(io.BytesIO(r.content)).active
    assert {r[7] for r in ws.iter_rows(min_row=2, values_only=True)} == {"Istimewa"}


def test_tautan_ekspor_di_penilaian_bawahan_untuk_pimpinan_unit(client, pemeran, tw1, dinilai):
    client.force_login(pemeran.atasan.user)
    html = client.get(reverse("penilaian:bawahan")).content.decode()
    assert reverse("penilaian:ekspor") in html


def test_pekerja_mati_di_tengah_ekspor_tercatat(pemeran, tw1, db):
    """core/ekspor.py reports a dead worker on the export row of any registered kind: put back
    in the queue, then failed for good with the reason."""
    from types import SimpleNamespace

    from django_tasks import TaskResultStatus

    from core import ekspor as inti
    from core.pekerja import tugas_diulang

    ekspor = EksporEvaluasi.objects.create(
        instansi=pemeran.instansi, periode=tw1, status=StatusEkspor.BERJALAN, jumlah=5, selesai=2
    )
    tugas = SimpleNamespace(
        task=SimpleNamespace(module_path="penilaian.ekspor.buat_zip"), args=[ekspor.pk],
        status=TaskResultStatus.FAILED,
        errors=[SimpleNamespace(exception_class_path="core.pekerja.PekerjaBerhenti",
                                traceback="core.pekerja.PekerjaBerhenti: Pekerja berhenti 3 kali")],
    )  # fmt: skip
    tugas_diulang.send(sender=None, task_result=tugas, percobaan=1, maks=3)
    ekspor.refresh_from_db()
    assert ekspor.status == StatusEkspor.MENUNGGU and "percobaan 2 dari 3" in ekspor.pesan
    EksporEvaluasi.objects.filter(pk=ekspor.pk).update(status=StatusEkspor.BERJALAN)
    inti.saat_selesai(sender=None, task_result=tugas)
    ekspor.refresh_from_db()
    assert ekspor.status == StatusEkspor.GAGAL
    assert ekspor.pesan == "Ekspor gagal: Pekerja berhenti 3 kali"


def test_klik_ganda_satu_ekspor(client, pemeran, tw1, dinilai):
    """Without a worker the first export waits in the queue: a second click (or tab) for the
    same period and unit starts nothing more and says so; another unit is another export."""
    client.force_login(pemeran.admin.user)
    url = reverse("penilaian:ekspor")
    data = {"periode": tw1.pk, "unit": seksi(pemeran).pk}
    assert client.post(url, data).status_code == 302
    r = client.post(url, data, follow=True)
    assert "sedang menunggu atau berjalan" in r.content.decode()
    (ekspor,) = EksporEvaluasi.objects.all()
    assert ekspor.status == StatusEkspor.MENUNGGU and ekspor.task_id
    html = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert 'hx-trigger="every 2s"' in html and "Menunggu: 0 dari 0 PDF" in html
    client.post(url, {"periode": tw1.pk, "unit": ""})
    assert EksporEvaluasi.objects.count() == 2
