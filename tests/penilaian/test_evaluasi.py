"""The Dokumen Evaluasi Kinerja Pegawai (Format D.1.1 / D.1.2 / D.1.3): issued after a rating by
the background job, a version per rating and never two for one, its blocks and signatures,
verification, the first download issuing it, and who may download it (a ladder)."""

import hashlib
import io
import logging
from datetime import date

import pytest
from django.urls import reverse
from pypdf import PdfReader

from core.dokumen import baca_dokumen, verifikasi_berkas
from organisasi.nip import format_nip
from penilaian import evaluasi
from penilaian.distribusi import CapaianOrganisasi
from penilaian.dokumen import BelumDinilai
from penilaian.kuadran import Rating
from penilaian.models import (
    CapaianUnit,
    DokumenEvaluasi,
    DokumenPenilaian,
    JenisUmpanBalik,
    PeranPemberi,
)
from penilaian.services import alur
from tests.penilaian.conftest import beri_umpan_balik_lengkap, pada
from tests.penilaian.test_dokumen import dinilai, isi_dan_kirim, nilai_lagi, umpan_balik

pytestmark = pytest.mark.usefixtures("pekerja_langsung")

A, S, B = Rating.DI_ATAS, Rating.SESUAI, Rating.DI_BAWAH


def teks(data: bytes) -> str:
    return " ".join(
        " ".join((p.extract_text() or "").split()) for p in PdfReader(io.BytesIO(data)).pages
    )


def terbit(p) -> list[DokumenEvaluasi]:
    return list(DokumenEvaluasi.objects.filter(penilaian=p).exclude(sha256="").order_by("versi"))


def capaian_seksi(pemeran, periode, nilai=CapaianOrganisasi.BAIK) -> CapaianUnit:
    """The capaian of the unit led by the pegawai's penilai (Seksi Surveilans), set by its
    leader from above (the Kepala Bidang)."""
    return CapaianUnit.objects.create(
        unit_kerja=pemeran.atasan.jabatan.unit_kerja, periode=periode, capaian=nilai,
        oleh=pemeran.atasan_atasan.user, oleh_nama=pemeran.atasan_atasan.nama_lengkap,
    )  # fmt: skip


def test_d11_diterbitkan_setelah_dinilai_dengan_semua_blok(
    kasus, pemeran, sertifikat, django_capture_on_commit_callbacks
):
    capaian_seksi(pemeran, kasus.periode)
    p = dinilai(kasus, pemeran, django_capture_on_commit_callbacks, A, S,
                catatan="Ikuti pelatihan analisis data.")  # fmt: skip
    (dokumen,) = terbit(p)
    data = baca_dokumen(dokumen)
    assert dokumen.versi == 1 and dokumen.format == "D.1.1"
    assert dokumen.sha256 == hashlib.sha256(data).hexdigest()
    assert dokumen.berkas.name.startswith("penilaian/evaluasi/")
    isi = teks(data)
    urutan = [
        "FORMAT D.1.1",
        "DOKUMEN EVALUASI KINERJA PEGAWAI",
        "PERIODE: TRIWULAN I",
        "PERIODE PENILAIAN: 1 JANUARI SD 31 MARET 2026",
        "1 PEGAWAI YANG DINILAI",
        f"1 NAMA {pemeran.pegawai.nama_lengkap}",
        f"2 NIP {format_nip(pemeran.pegawai.nip)}",
        "2 PEJABAT PENILAI KINERJA",
        f"1 NAMA {pemeran.atasan.nama_lengkap}",
        "3 ATASAN PEJABAT PENILAI KINERJA",
        f"1 NAMA {pemeran.atasan_atasan.nama_lengkap}",
        f"2 NIP {format_nip(pemeran.atasan_atasan.nip)}",
        "4 JABATAN Kepala Bidang P2P",
        "4 EVALUASI KINERJA",
        "1 CAPAIAN KINERJA ORGANISASI Baik (Seksi Surveilans)",
        "2 RATING HASIL KERJA DI ATAS EKSPEKTASI",
        "3 RATING PERILAKU KERJA SESUAI EKSPEKTASI",
        "4 PREDIKAT KINERJA PEGAWAI BAIK",
        "5 CATATAN/REKOMENDASI Ikuti pelatihan analisis data.",
        "Uji, .............................",
        "7. PEGAWAI YANG DINILAI",
        "Uji, 30 Maret 2026",
        "6. PEJABAT PENILAI KINERJA",
        f"Dinilai secara elektronik oleh {pemeran.atasan.nama_lengkap}",
        "format D.1.1, versi 1",
    ]
    for bagian in urutan:
        assert bagian in isi, bagian
    # The blocks come in order: pegawai, penilai, atasan penilai, evaluasi, catatan.
    blok = [isi.index(b) for b in ("1 PEGAWAI YANG", "2 PEJABAT PENILAI", "3 ATASAN PEJABAT",
                                   "4 EVALUASI KINERJA", "5 CATATAN")]  # fmt: skip
    assert blok == sorted(blok)
    # Nothing of a keberatan or of the atasan's fallback.
    assert "KEBERATAN" not in isi and "Dinilai oleh atasan pejabat penilai" not in isi


def test_capaian_belum_ditetapkan_dinyatakan(
    kasus, pemeran, sertifikat, django_capture_on_commit_callbacks
):
    p = dinilai(kasus, pemeran, django_capture_on_commit_callbacks)
    isi = teks(baca_dokumen(terbit(p)[0]))
    assert "1 CAPAIAN KINERJA ORGANISASI Belum ditetapkan" in isi
    assert "5 CATATAN/REKOMENDASI -" in isi


def test_klik_ganda_satu_dokumen_dan_versi_baru_saat_rating_berubah(
    kasus, pemeran, sertifikat, django_capture_on_commit_callbacks
):
    p = dinilai(kasus, pemeran, django_capture_on_commit_callbacks, S, S)
    pertama = evaluasi.terbitkan(p)
    assert evaluasi.terbitkan(p).pk == pertama.pk  # a retry, a second download
    p = nilai_lagi(pemeran, p, django_capture_on_commit_callbacks, S, S)  # a double click
    assert [d.versi for d in terbit(p)] == [1]
    p = nilai_lagi(pemeran, p, django_capture_on_commit_callbacks, A, A)
    lama, baru = terbit(p)
    assert baru.versi == 2 and baru.riwayat.aksi == "nilai"
    assert "PREDIKAT KINERJA PEGAWAI SANGAT BAIK" in teks(baca_dokumen(baru))
    assert "PREDIKAT KINERJA PEGAWAI BAIK" in teks(baca_dokumen(lama))
    # The old version still verifies, and says it was replaced (by a Dokumen Evaluasi, not by
    # the evaluation form's own version 2).
    hasil = verifikasi_berkas(baca_dokumen(lama))
    assert hasil.sah and "Perhatian: versi ini telah diganti oleh versi 2." in hasil.pesan
    assert "diganti" not in verifikasi_berkas(baca_dokumen(baru)).pesan
    # Each rating also has its evaluation form: the two kinds are versioned side by side.
    assert DokumenPenilaian.objects.filter(penilaian=p).count() == 2


def test_d12_dinilai_atasan_penilai(kasus, pemeran, sertifikat, django_capture_on_commit_callbacks):
    p = isi_dan_kirim(kasus, pemeran)
    beri_umpan_balik_lengkap(p, pemeran.atasan_atasan)
    with pada(date(2026, 4, 15)), django_capture_on_commit_callbacks(execute=True):
        alur.nilai(user=pemeran.atasan_atasan.user, penilaian=p, rating_hasil_kerja=S,
                   rating_perilaku=S, oleh_atasan=True)  # fmt: skip
    (dokumen,) = terbit(p)
    assert dokumen.format == "D.1.2"
    isi = teks(baca_dokumen(dokumen))
    for bagian in (
        "FORMAT D.1.2",
        "Dinilai oleh atasan pejabat penilai karena batas waktu penilai terlewati; hasil ini "
        "final.",
        "6. ATASAN PEJABAT PENILAI KINERJA",
        f"Dinilai secara elektronik oleh {pemeran.atasan_atasan.nama_lengkap}",
        "Uji, 15 April 2026",
    ):
        assert bagian in isi, bagian
    # Block 2 still names the pejabat penilai of the period, block 3 the atasan who rated.
    assert isi.index(pemeran.atasan.nama_lengkap) < isi.index("3 ATASAN PEJABAT")
    assert isi.index(pemeran.atasan_atasan.nama_lengkap) > isi.index("3 ATASAN PEJABAT")


def test_d13_setelah_keputusan_keberatan(
    kasus, pemeran, sertifikat, django_capture_on_commit_callbacks
):
    p = dinilai(kasus, pemeran, django_capture_on_commit_callbacks, B, S)
    with pada(date(2026, 4, 2)):
        p = alur.ajukan_keberatan(user=pemeran.pegawai.user, penilaian=p,
                                  alasan="Rekap TW I lengkap di drive.")  # fmt: skip
        assert len(terbit(p)) == 1  # filing a keberatan issues nothing
        umpan_balik(p, pemeran.atasan_atasan, "Bukti rekap memadai.", PeranPemberi.ATASAN_PENILAI,
                    jenis=JenisUmpanBalik.HASIL_KERJA, rhk=p.skp.rhk.first())  # fmt: skip
        with django_capture_on_commit_callbacks(execute=True):
            p = alur.putuskan(user=pemeran.atasan_atasan.user, penilaian=p, rating_hasil_kerja=S,
                              rating_perilaku=S, catatan="Bukti dukung TW I memadai.")  # fmt: skip
    lama, baru = terbit(p)
    assert (lama.format, baru.format) == ("D.1.1", "D.1.3")
    isi = teks(baca_dokumen(baru))
    for bagian in (
        "FORMAT D.1.3",
        "KEBERATAN DAN KEPUTUSAN ATASAN PEJABAT PENILAI KINERJA",
        "1 KEBERATAN DIAJUKAN PADA 2 April 2026",
        "2 ALASAN KEBERATAN Rekap TW I lengkap di drive.",
        "3 HASIL SEBELUM KEBERATAN Rating hasil kerja Di Bawah Ekspektasi; rating perilaku kerja "
        "Sesuai Ekspektasi; predikat Butuh Perbaikan",
        "mengubah rating hasil kerja Di Bawah Ekspektasi menjadi Sesuai Ekspektasi. Catatan "
        "keputusan: Bukti dukung TW I memadai.",
        "4 PREDIKAT KINERJA PEGAWAI BAIK",
        f"Diputuskan secara elektronik oleh {pemeran.atasan_atasan.nama_lengkap}",
    ):
        assert bagian in isi, bagian
    assert "KEBERATAN" not in teks(baca_dokumen(lama))


def test_verifikasi_berkas_dan_halaman_publik(
    client, kasus, pemeran, sertifikat, django_capture_on_commit_callbacks
):
    p = dinilai(kasus, pemeran, django_capture_on_commit_callbacks)
    (dokumen,) = terbit(p)
    hasil = verifikasi_berkas(baca_dokumen(dokumen))
    assert hasil.sah and hasil.jenis.kode == "evaluasi"
    assert "Dokumen evaluasi kinerja pegawai (format D.1.1) Triwulan I 2026" in hasil.pesan
    html = client.get(f"/v/{dokumen.token}/").content.decode()
    for nilai in (
        "Verifikasi Dokumen Evaluasi Kinerja Pegawai",
        "Dokumen Evaluasi Kinerja Pegawai, format D.1.1",
        pemeran.pegawai.nama_lengkap,
        dokumen.sha256,
    ):
        assert nilai in html, nilai
    ubah = bytearray(baca_dokumen(dokumen))
    ubah[len(ubah) // 2] ^= 1
    assert not verifikasi_berkas(bytes(ubah)).sah


def test_gagal_saat_dinilai_diterbitkan_saat_unduhan_pertama(
    client, kasus, pemeran, sertifikat, django_capture_on_commit_callbacks, monkeypatch, caplog
):
    def rusak(*a, **k):
        raise RuntimeError("crash")

    monkeypatch.setattr(evaluasi, "render_pdf", rusak)
    with caplog.at_level(logging.ERROR, logger="penilaian.dokumen"):
        p = dinilai(kasus, pemeran, django_capture_on_commit_callbacks)
    assert not terbit(p) and "Dokumen evaluasi" in caplog.text
    assert DokumenPenilaian.objects.filter(penilaian=p).exclude(sha256="").count() == 1
    monkeypatch.undo()
    client.force_login(pemeran.pegawai.user)
    r = client.get(reverse("penilaian:evaluasi_unduh", args=[p.pk]))
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    (dokumen,) = terbit(p)
    assert dokumen.sha256 == hashlib.sha256(r.content).hexdigest()
    assert (
        f'filename="evaluasi_{pemeran.pegawai.nip}_2026_triwulan-i_v1.pdf"'
        in (r["Content-Disposition"])
    )
    # The same document on the next download and by its version URL.
    assert client.get(reverse("penilaian:evaluasi_unduh", args=[p.pk])).content == r.content
    url_versi = reverse("penilaian:evaluasi_unduh_versi", args=[p.pk, 1])
    assert client.get(url_versi).content == r.content
    assert client.get(reverse("penilaian:evaluasi_unduh_versi", args=[p.pk, 2])).status_code == 404


def test_belum_dinilai_tidak_ada_dokumen(client, kasus, pemeran, sertifikat):
    with pytest.raises(BelumDinilai):
        evaluasi.terbitkan(kasus.penilaian)
    client.force_login(pemeran.pegawai.user)
    r = client.get(reverse("penilaian:evaluasi_unduh", args=[kasus.penilaian.pk]))
    assert r.status_code == 404
    assert not DokumenEvaluasi.objects.exists()


def test_unduh_tangga_izin(client, kasus, pemeran, sertifikat, django_capture_on_commit_callbacks):
    p = dinilai(kasus, pemeran, django_capture_on_commit_callbacks)
    url = reverse("penilaian:evaluasi_unduh", args=[p.pk])
    r = client.get(url)
    assert r.status_code == 302 and reverse("login") in r["Location"]
    # A colleague, another seksi's head, another instansi, and the leader above the penilai
    # chain (the chain is the penilai and the atasan of the penilai, as for the evaluation).
    for luar in (pemeran.orang_luar, pemeran.rekan_atasan, pemeran.admin_lain, pemeran.pegawai_lain,
                 pemeran.kepala):  # fmt: skip
        client.force_login(luar.user)
        assert client.get(url).status_code == 404, luar.nama
    for boleh in (pemeran.pegawai, pemeran.atasan, pemeran.atasan_atasan, pemeran.admin):
        client.force_login(boleh.user)
        r = client.get(url)
        assert r.status_code == 200 and r.content.startswith(b"%PDF"), boleh.nama
    assert len(terbit(p)) == 1
    client.force_login(pemeran.pegawai.user)
    assert client.post(url).status_code == 405


def test_tautan_unduh_di_halaman_periode_dan_penilaian_bawahan(
    client, kasus, pemeran, sertifikat, django_capture_on_commit_callbacks
):
    p = dinilai(kasus, pemeran, django_capture_on_commit_callbacks)
    url = reverse("penilaian:evaluasi_unduh", args=[p.pk])
    client.force_login(pemeran.pegawai.user)
    html = client.get(reverse("penilaian:detail", args=[p.pk])).content.decode()
    assert url in html and "(format D.1.1)" in html
    client.force_login(pemeran.atasan.user)
    html = client.get(reverse("penilaian:bawahan") + f"?periode={kasus.periode.pk}").content
    assert url in html.decode()


def test_versi_dihitung_per_jenis_dokumen(
    kasus, pemeran, sertifikat, django_capture_on_commit_callbacks, monkeypatch
):
    """The Dokumen Evaluasi counts its own versions: when its first rating's document was never
    issued, the next rating's is its version 1, not replaced by the form's version 2."""
    asli = evaluasi.render_pdf
    monkeypatch.setattr(evaluasi, "render_pdf", lambda *a, **k: (_ for _ in ()).throw(OSError()))
    p = dinilai(kasus, pemeran, django_capture_on_commit_callbacks, S, S)
    monkeypatch.setattr(evaluasi, "render_pdf", asli)
    DokumenEvaluasi.objects.filter(penilaian=p).delete()  # the reserved row of the failed try
    p = nilai_lagi(pemeran, p, django_capture_on_commit_callbacks, A, A)
    (dokumen,) = terbit(p)
    assert dokumen.versi == 1
    assert DokumenPenilaian.objects.filter(penilaian=p).exclude(sha256="").count() == 2
    hasil = verifikasi_berkas(baca_dokumen(dokumen))
    assert hasil.sah and "diganti" not in hasil.pesan
