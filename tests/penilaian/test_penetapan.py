"""Penetapan predikat: the leader of a unit from above confirms its pegawai's predikat as a
signed document (a new version each time); refusals leave nothing written; a predikat changed
afterwards (re-rating, keberatan decided) re-opens it and tells the leader."""

import io
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from pypdf import PdfReader

from core.dokumen import baca_dokumen, verifikasi_berkas
from organisasi.nip import format_nip
from penilaian import penetapan as aturan
from penilaian.kuadran import Rating
from penilaian.models import (
    DokumenPenetapan,
    PenetapanPredikat,
    PenilaianPeriodik,
    RiwayatPenetapan,
    StatusPenetapan,
)
from penilaian.periode import periode_tahun
from penilaian.services import alur
from penilaian.services.capaian import catat_alasan_pola, tetapkan_capaian
from penilaian.services.penetapan import tetapkan_predikat
from skp.models import Notifikasi
from tests.penilaian.bawahan import isi_penilaian, tambah_bawahan
from tests.penilaian.conftest import pada

pytestmark = pytest.mark.django_db
A, S, B = Rating.DI_ATAS, Rating.SESUAI, Rating.DI_BAWAH
# 4 Baik, 2 Butuh Perbaikan, 1 Sangat Baik: fits "Baik" for a unit of 7 (at most 4 Baik).
SESUAI_POLA = [(S, S)] * 4 + [(B, S)] * 2 + [(A, A)]


def teks_pdf(data: bytes) -> str:
    return " ".join(
        " ".join((p.extract_text() or "").split()) for p in PdfReader(io.BytesIO(data)).pages
    )


@pytest.fixture
def unit7(pemeran, tw1, dalam_jendela_tw1):
    """Seven pelaksana of the Seksi Surveilans ready to be rated by its Kasi, and the Kabid's
    capaian Baik for the seksi."""
    daftar = [isi_penilaian(p, tw1, pemeran.atasan) for p in tambah_bawahan(pemeran, 7)]
    tetapkan_capaian(user=pemeran.atasan_atasan.user, unit_kerja=seksi(pemeran), periode=tw1,
                     capaian="baik")  # fmt: skip
    return daftar


def seksi(pemeran):
    return pemeran.atasan.jabatan.unit_kerja


def nilai_semua(pemeran, daftar, rating) -> list[PenilaianPeriodik]:
    return [
        alur.nilai(user=pemeran.atasan.user, penilaian=p, rating_hasil_kerja=h, rating_perilaku=r)
        for p, (h, r) in zip(daftar, rating, strict=True)
    ]


def tetapkan(pemeran, periode, siapa="atasan_atasan"):
    return tetapkan_predikat(
        user=getattr(pemeran, siapa).user, unit_kerja=seksi(pemeran), periode=periode
    )


def tidak_ada_yang_tertulis():
    assert not PenetapanPredikat.objects.exists()
    assert not RiwayatPenetapan.objects.exists() and not DokumenPenetapan.objects.exists()


def test_pimpinan_menetapkan_dokumen_bertanda_tangan_dan_riwayat(pemeran, tw1, unit7):
    nilai_semua(pemeran, unit7, SESUAI_POLA)
    dokumen = tetapkan(pemeran, tw1)
    p = PenetapanPredikat.objects.get()
    assert (p.status, p.versi, p.capaian, p.sesuai) == (StatusPenetapan.DITETAPKAN, 1, "baik", True)
    assert p.ditetapkan_oleh == pemeran.atasan_atasan.user
    (r,) = p.riwayat.all()
    assert (r.aksi, r.dari, r.ke, r.oleh) == ("tetapkan", "belum", "ditetapkan", p.ditetapkan_oleh)
    assert dokumen.versi == 1 and dokumen.terbit and dokumen.riwayat == r
    isi = teks_pdf(baca_dokumen(dokumen))
    for bagian in (
        "PENETAPAN PREDIKAT KINERJA PEGAWAI",
        "SEKSI SURVEILANS",
        "CAPAIAN KINERJA ORGANISASI Baik",
        "POLA DISTRIBUSI",
        f"NIP {format_nip(unit7[0].pegawai.nip)}",
        "Pengelola Data 1",
        "Sangat Baik",
        "Butuh Perbaikan",
        "Budi Kabid",
    ):
        assert bagian in isi, bagian
    hasil = verifikasi_berkas(baca_dokumen(dokumen))
    assert hasil.sah and hasil.jenis.kode == "penetapan" and hasil.dokumen == dokumen
    assert "Penetapan predikat kinerja Seksi Surveilans Triwulan I 2026 versi 1" in hasil.pesan
    # Rudi (no approved SKP in this set-up) is neither counted nor blocking.
    assert dokumen.isi["jumlah"] == 7


def test_klik_ganda_tidak_membuat_versi_kedua(pemeran, tw1, unit7):
    nilai_semua(pemeran, unit7, SESUAI_POLA)
    tetapkan(pemeran, tw1)
    with pytest.raises(ValidationError, match="sudah ditetapkan"):
        tetapkan(pemeran, tw1)
    assert DokumenPenetapan.objects.count() == 1 and RiwayatPenetapan.objects.count() == 1


def test_pegawai_belum_dinilai_ditolak_dan_disebut_namanya(pemeran, tw1, unit7):
    nilai_semua(pemeran, unit7[:6], SESUAI_POLA[:6])
    with pytest.raises(ValidationError) as e:
        tetapkan(pemeran, tw1)
    pesan = " ".join(e.value.messages)
    assert "1 pegawai belum dinilai" in pesan and unit7[6].pegawai.nama_lengkap in pesan
    tidak_ada_yang_tertulis()


def test_pola_tidak_sesuai_memerlukan_alasan_penilai(pemeran, tw1, unit7):
    nilai_semua(pemeran, unit7, [(S, S)] * 7)
    with pytest.raises(ValidationError, match="belum mencatat alasannya"):
        tetapkan(pemeran, tw1)
    tidak_ada_yang_tertulis()
    catat_alasan_pola(user=pemeran.atasan.user, periode=tw1, alasan="Semua melampaui target PK.")
    dokumen = tetapkan(pemeran, tw1)
    assert dokumen.isi["sesuai"] is False
    assert dokumen.isi["alasan_pola"] == "Semua melampaui target PK."
    assert "Alasan pejabat penilai: Semua melampaui target PK." in teks_pdf(baca_dokumen(dokumen))


def test_capaian_belum_ditetapkan_ditolak(pemeran, tw1, dalam_jendela_tw1):
    daftar = [isi_penilaian(p, tw1, pemeran.atasan) for p in tambah_bawahan(pemeran, 2)]
    nilai_semua(pemeran, daftar, [(S, S), (B, S)])
    with pytest.raises(ValidationError, match="belum ditetapkan"):
        tetapkan(pemeran, tw1)
    tidak_ada_yang_tertulis()


@pytest.mark.parametrize(
    "siapa", ["atasan", "pegawai", "kepala", "admin", "rekan_atasan", "admin_lain"]
)
def test_selain_pimpinan_unit_ditolak(pemeran, tw1, unit7, siapa):
    nilai_semua(pemeran, unit7, SESUAI_POLA)
    with pytest.raises(PermissionDenied):
        tetapkan(pemeran, tw1, siapa)
    tidak_ada_yang_tertulis()


def test_periode_yang_belum_dibuka_ditolak(pemeran, tw1, unit7):
    tw2 = periode_tahun(pemeran.instansi, 2026)[1]
    with pytest.raises(ValidationError, match="Triwulan II 2026 belum dibuka"):
        tetapkan(pemeran, tw2)
    tidak_ada_yang_tertulis()


def test_penilaian_ulang_mengubah_predikat_membuka_kembali(
    pemeran, tw1, unit7, django_capture_on_commit_callbacks
):
    daftar = nilai_semua(pemeran, unit7, SESUAI_POLA)
    v1 = tetapkan(pemeran, tw1)
    # The same predikat from other ratings (Sesuai/Di Atas is still Baik): nothing re-opens.
    alur.nilai(user=pemeran.atasan.user, penilaian=daftar[0], rating_hasil_kerja=S,
               rating_perilaku=A)  # fmt: skip
    assert PenetapanPredikat.objects.get().status == StatusPenetapan.DITETAPKAN
    with django_capture_on_commit_callbacks(execute=True):
        alur.nilai(user=pemeran.atasan.user, penilaian=daftar[0], rating_hasil_kerja=B,
                   rating_perilaku=S)  # fmt: skip
    p = PenetapanPredikat.objects.get()
    assert p.status == StatusPenetapan.DIBUKA_KEMBALI
    r = p.riwayat.last()
    assert (r.aksi, r.dari, r.ke) == ("buka_kembali", "ditetapkan", "dibuka_kembali")
    nama = daftar[0].pegawai.nama_lengkap
    assert f"Predikat {nama} berubah dari Baik menjadi Butuh Perbaikan" in p.dibuka_catatan
    n = Notifikasi.objects.get(penerima=pemeran.atasan_atasan.user)
    assert "dibuka kembali" in n.judul and nama in n.isi
    # 3 Baik, 3 Butuh Perbaikan, 1 Sangat Baik still fits: confirmed again as version 2.
    v2 = tetapkan(pemeran, tw1)
    assert v2.versi == 2 and PenetapanPredikat.objects.get().versi == 2
    hasil = verifikasi_berkas(baca_dokumen(v1))
    assert hasil.sah and "telah diganti oleh versi 2" in hasil.pesan


def test_keputusan_keberatan_yang_mengubah_predikat_membuka_kembali(pemeran, tw1, unit7):
    daftar = nilai_semua(pemeran, unit7, SESUAI_POLA)
    tetapkan(pemeran, tw1)
    p = daftar[4]  # Butuh Perbaikan
    with pada(date(2026, 4, 2)):
        p = alur.ajukan_keberatan(user=p.pegawai.user, penilaian=p, alasan="Bukti lengkap.")
        assert PenetapanPredikat.objects.get().status == StatusPenetapan.DITETAPKAN
        alur.putuskan(user=pemeran.atasan_atasan.user, penilaian=p, rating_hasil_kerja=S,
                      rating_perilaku=S, catatan="Bukti dukung memadai.")  # fmt: skip
    penetapan = PenetapanPredikat.objects.get()
    assert penetapan.status == StatusPenetapan.DIBUKA_KEMBALI
    assert "keberatan diputuskan" in penetapan.dibuka_catatan


def test_baris_unit_hanya_pegawai_yang_dinilai_pejabat_di_unit(pemeran, tw1, unit7):
    """The unit that counts for a pegawai is the unit led by their penilai: the Kasi of Seksi
    Surveilans is rated by the Kabid (Bidang P2P), so she is not in her own seksi's list."""
    baris, tanpa = aturan.baris_unit(seksi(pemeran), tw1)
    assert {b.pegawai.pk for b in baris} == {p.pegawai_id for p in unit7}
    assert [b.pegawai for b in tanpa] == [pemeran.pegawai]
    bidang, _ = aturan.baris_unit(pemeran.atasan_atasan.jabatan.unit_kerja, tw1)
    assert pemeran.atasan in [b.pegawai for b in bidang] + [b.pegawai for b in _]


def test_verifikasi_pdf_dan_halaman_publik(client, pemeran, tw1, unit7, tmp_path, capsys):
    from django.core.management import call_command

    nilai_semua(pemeran, unit7, SESUAI_POLA)
    dokumen = tetapkan(pemeran, tw1)
    path = tmp_path / "penetapan.pdf"
    path.write_bytes(baca_dokumen(dokumen))
    call_command("verifikasi_pdf", str(path))
    keluaran = capsys.readouterr().out
    assert keluaran.startswith(
        "SAH: Penetapan predikat kinerja Seksi Surveilans Triwulan I 2026 versi 1, ditandatangani"
    )
    html = client.get(f"/v/{dokumen.token}/").content.decode()  # anonymous
    for bagian in (
        "Verifikasi Penetapan Predikat Kinerja Pegawai",
        "Seksi Surveilans",
        "Triwulan I 2026",
        "Budi Kabid",
        dokumen.sha256,
    ):
        assert bagian in html, bagian
    assert unit7[0].pegawai.nama_lengkap not in html  # the public page lists no ratings
