"""The signed evaluation form: issued when the penilai rates (after the commit), a new version for
every change of the rating and after a keberatan is decided, never two for one rating; its
content; verification (verifikasi_berkas, `verifikasi_pdf`, the public page); the download."""

import hashlib
import io
import logging
from datetime import date
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse
from pypdf import PdfReader

from core.dokumen import baca_dokumen, jenis_dari_model, verifikasi_berkas
from core.pdf import tanggal_indonesia
from organisasi.nip import format_nip
from penilaian import dokumen as modul_dokumen
from penilaian.cetak import judul_periode, rentang_periode
from penilaian.dokumen import pengesahan, terbitkan, terbitkan_setelah_dinilai
from penilaian.kuadran import Rating
from penilaian.models import (
    BuktiDukung,
    DokumenPenilaian,
    JenisPeriode,
    JenisUmpanBalik,
    PenilaianPeriodik,
    PeranPemberi,
    Periode,
    Realisasi,
    RiwayatUmpanBalik,
    UmpanBalik,
)
from penilaian.services import alur
from skp.models import IndikatorKinerja, JenisFormulir, Pendekatan, Skp
from tests.penilaian.conftest import beri_umpan_balik_lengkap, pada

# The form is issued by a background job after the rating commits: here jobs run at once.
pytestmark = pytest.mark.usefixtures("pekerja_langsung")

A, S, B = Rating.DI_ATAS, Rating.SESUAI, Rating.DI_BAWAH


def halaman(data: bytes) -> list[str]:
    return [" ".join((p.extract_text() or "").split()) for p in PdfReader(io.BytesIO(data)).pages]


def teks(data: bytes) -> str:
    return " ".join(halaman(data))


def isi_dan_kirim(kasus, pemeran) -> PenilaianPeriodik:
    p = kasus.penilaian
    ind = {i.aspek: i for i in IndikatorKinerja.objects.filter(rhk__skp=p.skp)}
    Realisasi.objects.create(penilaian=p, indikator=ind["kuantitas"], nilai=Decimal(13))
    Realisasi.objects.create(penilaian=p, indikator=ind["kualitas"], nilai=Decimal("97.5"))
    BuktiDukung.objects.create(
        penilaian=p, rhk=ind["kuantitas"].rhk, indikator=ind["kuantitas"],
        tautan="https://drive.contoh.go.id/rekap-tw1", keterangan="Rekap surveilans TW I",
    )  # fmt: skip
    return alur.kirim(user=pemeran.pegawai.user, penilaian=p)


def umpan_balik(penilaian, pemberi, teks_ub: str, peran=PeranPemberi.PENILAI, **sasaran):
    return UmpanBalik.objects.create(
        pegawai=penilaian.pegawai, skp=penilaian.skp, periode=penilaian.periode,
        pemberi=pemberi.user, pemberi_nama=pemberi.nama_lengkap, peran=peran,
        teks=teks_ub, **sasaran,
    )  # fmt: skip


def dinilai(kasus, pemeran, capture, hasil=S, perilaku=S, catatan="") -> PenilaianPeriodik:
    p = isi_dan_kirim(kasus, pemeran)
    beri_umpan_balik_lengkap(p, pemeran.atasan)
    with capture(execute=True):
        return alur.nilai(user=pemeran.atasan.user, penilaian=p, rating_hasil_kerja=hasil,
                          rating_perilaku=perilaku, catatan=catatan)  # fmt: skip


def nilai_lagi(pemeran, p, capture, hasil, perilaku, catatan="") -> PenilaianPeriodik:
    with capture(execute=True):
        return alur.nilai(user=pemeran.atasan.user, penilaian=p, rating_hasil_kerja=hasil,
                          rating_perilaku=perilaku, catatan=catatan)  # fmt: skip


def terbit(p) -> list[DokumenPenilaian]:
    return list(DokumenPenilaian.objects.filter(penilaian=p).exclude(sha256="").order_by("versi"))


# --- issuing --------------------------------------------------------------------------------


def test_penilaian_menerbitkan_formulir_bertanda_tangan(
    kasus, pemeran, sertifikat, django_capture_on_commit_callbacks, settings
):
    p = isi_dan_kirim(kasus, pemeran)
    beri_umpan_balik_lengkap(p, pemeran.atasan)
    ind_waktu = IndikatorKinerja.objects.get(rhk__skp=p.skp, aspek="waktu")
    umpan_balik(p, pemeran.atasan, "Rekap mingguan selalu terkirim hari Senin.",
                jenis=JenisUmpanBalik.HASIL_KERJA, rhk=ind_waktu.rhk, indikator=ind_waktu)  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        alur.nilai(user=pemeran.atasan.user, penilaian=p, rating_hasil_kerja=S,
                   rating_perilaku=A, catatan="Lanjutkan analisis tren kasus.")  # fmt: skip
    (dokumen,) = terbit(p)
    data = baca_dokumen(dokumen)
    assert dokumen.versi == 1 and dokumen.sha256 == hashlib.sha256(data).hexdigest()
    assert dokumen.riwayat.aksi == "nilai"
    assert dokumen.berkas.name.startswith("penilaian/dokumen/")
    isi = teks(data)
    for bagian in (
        "EVALUASI KINERJA PEGAWAI",
        "PENDEKATAN HASIL KERJA KUANTITATIF",
        "BAGI PEJABAT ADMINISTRASI DAN PEJABAT FUNGSIONAL",
        "PERIODE: TRIWULAN I",
        "PERIODE PENILAIAN: 1 JANUARI SD 31 MARET 2026",
        "PEMERINTAH KABUPATEN CONTOH",
        "PEGAWAI YANG DINILAI",
        "PEJABAT PENILAI KINERJA",
        "PANGKAT/GOL. RUANG",
        pemeran.pegawai.nama_lengkap,
        format_nip(pemeran.pegawai.nip),
        pemeran.atasan.nama_lengkap,
        format_nip(pemeran.atasan.nip),
        "Kepala Seksi Surveilans",
        "CAPAIAN KINERJA ORGANISASI",
        "Belum ditetapkan",
        "POLA DISTRIBUSI",
        "HASIL KERJA",
        "RENCANA HASIL KERJA PIMPINAN YANG DIINTERVENSI",
        "REALISASI BERDASARKAN BUKTI DUKUNG",
        "UMPAN BALIK BERKELANJUTAN BERDASARKAN BUKTI DUKUNG",
        "Tersedianya rekap data imunisasi per desa",
        "Jumlah laporan surveilans mingguan",
        "52 laporan",
        "13 laporan",  # realisasi in Indonesian notation with its satuan
        "97,5 %",
        "Belum diisi",  # the waktu indicator has no realisasi
        "Rekap surveilans TW I",  # the bukti dukung
        "Pimpinan (Rina Kasi): Rekap desa lengkap dan tepat waktu.",
        "Waktu: Rekap mingguan selalu terkirim hari Senin.",
        "RATING HASIL KERJA SESUAI EKSPEKTASI",
        "PERILAKU KERJA",
        "Berorientasi Pelayanan",
        "Ekspektasi Khusus Pimpinan:",
        "Cekatan melayani permintaan data.",
        "RATING PERILAKU KERJA DI ATAS EKSPEKTASI",
        "PREDIKAT KINERJA PEGAWAI BAIK",
        "CATATAN/REKOMENDASI",
        "Lanjutkan analisis tren kasus.",
        f"{pemeran.instansi.lokasi}, {tanggal_indonesia(dokumen.riwayat.waktu)}",
        "Pejabat Penilai Kinerja",
        f"Dinilai secara elektronik oleh {pemeran.atasan.nama_lengkap} pada",
        f"NIP {format_nip(pemeran.atasan.nip)}",
        f"{settings.SITE_URL}/v/{dokumen.token}/",
        "(versi 1)",
        "Halaman 1 dari",
    ):
        assert bagian in isi, bagian
    # Only the penilai signs; nothing of a keberatan or of the atasan's fallback.
    assert "Pegawai yang Dinilai" not in isi
    assert "Keberatan" not in isi and "batas waktu penilai terlewati" not in isi


def test_klik_ganda_dan_panggilan_ulang_tidak_menerbitkan_dua(
    kasus, pemeran, sertifikat, django_capture_on_commit_callbacks
):
    p = dinilai(kasus, pemeran, django_capture_on_commit_callbacks)
    nilai_lagi(pemeran, p, django_capture_on_commit_callbacks, S, S)  # the same rating again
    terbitkan_setelah_dinilai(p.pk)  # a retry of the callback
    assert terbitkan(p).versi == 1
    assert DokumenPenilaian.objects.count() == 1


def test_perubahan_rating_menerbitkan_versi_baru(
    kasus, pemeran, sertifikat, django_capture_on_commit_callbacks
):
    p = dinilai(kasus, pemeran, django_capture_on_commit_callbacks, S, S)
    p = nilai_lagi(pemeran, p, django_capture_on_commit_callbacks, A, S)
    lama, baru = terbit(p)
    assert (lama.versi, baru.versi) == (1, 2)
    assert "RATING HASIL KERJA SESUAI EKSPEKTASI" in teks(baca_dokumen(lama))
    assert "RATING HASIL KERJA DI ATAS EKSPEKTASI" in teks(baca_dokumen(baru))
    # A note alone changed: what the penilai signed changed, so a new version too.
    p = nilai_lagi(pemeran, p, django_capture_on_commit_callbacks, A, S, catatan="Pertahankan.")
    assert [d.versi for d in terbit(p)] == [1, 2, 3]
    assert terbitkan(p).versi == 3  # the download serves the latest


def test_terima_tidak_menerbitkan_versi_baru(
    kasus, pemeran, sertifikat, django_capture_on_commit_callbacks
):
    p = dinilai(kasus, pemeran, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        p = alur.terima(user=pemeran.pegawai.user, penilaian=p)
    assert terbitkan(p).versi == 1
    assert DokumenPenilaian.objects.count() == 1


def test_keputusan_keberatan_menerbitkan_versi_baru_yang_menyatakannya(
    kasus, pemeran, sertifikat, django_capture_on_commit_callbacks
):
    p = dinilai(kasus, pemeran, django_capture_on_commit_callbacks, B, S)
    with pada(date(2026, 4, 2)):
        p = alur.ajukan_keberatan(user=pemeran.pegawai.user, penilaian=p, alasan="Bukti lengkap.")
        assert len(terbit(p)) == 1  # filing a keberatan issues nothing
        umpan_balik(p, pemeran.atasan_atasan, "Bukti rekap TW I sudah memadai.",
                    PeranPemberi.ATASAN_PENILAI, jenis=JenisUmpanBalik.HASIL_KERJA,
                    rhk=p.skp.rhk.first())  # fmt: skip
        with django_capture_on_commit_callbacks(execute=True):
            p = alur.putuskan(user=pemeran.atasan_atasan.user, penilaian=p, rating_hasil_kerja=S,
                              rating_perilaku=S, catatan="Bukti dukung TW I memadai.")  # fmt: skip
    lama, baru = terbit(p)
    assert baru.riwayat.aksi == "putuskan"
    isi = teks(baca_dokumen(baru))
    for bagian in (
        "Keberatan pegawai yang diajukan pada 2 April 2026 telah diputuskan oleh atasan pejabat "
        f"penilai, {pemeran.atasan_atasan.nama_lengkap}, pada 2 April 2026: mengubah rating "
        "hasil kerja Di Bawah Ekspektasi menjadi Sesuai Ekspektasi. Catatan keputusan: Bukti "
        "dukung TW I memadai.",
        "RATING HASIL KERJA SESUAI EKSPEKTASI",
        "PREDIKAT KINERJA PEGAWAI BAIK",
        "Atasan Pejabat Penilai Kinerja",
        f"Diputuskan secara elektronik oleh {pemeran.atasan_atasan.nama_lengkap} pada",
        f"NIP {format_nip(pemeran.atasan_atasan.nip)}",
    ):
        assert bagian in isi, bagian
    # The atasan's umpan balik (given for the decision) is printed with its role.
    assert (
        f"Atasan pimpinan ({pemeran.atasan_atasan.nama_lengkap}): Bukti rekap TW I sudah memadai."
        in isi
    )
    lama_isi = teks(baca_dokumen(lama))
    assert "PREDIKAT KINERJA PEGAWAI BUTUH PERBAIKAN" in lama_isi
    assert "Keberatan" not in lama_isi
    # The public page says who decided, in their role, and when.
    sah = pengesahan(baru)
    assert (sah.tindakan, sah.oleh, sah.peran) == (
        "Keberatan diputuskan",
        pemeran.atasan_atasan.nama_lengkap,
        "atasan pejabat penilai kinerja",
    )
    assert jenis_dari_model(DokumenPenilaian).pengesahan is pengesahan
    assert pengesahan(lama).tindakan == "Dinilai"


def test_dinilai_atasan_penilai_setelah_tenggat_dinyatakan_final(
    kasus, pemeran, sertifikat, django_capture_on_commit_callbacks
):
    p = isi_dan_kirim(kasus, pemeran)
    beri_umpan_balik_lengkap(p, pemeran.atasan_atasan)
    with pada(date(2026, 4, 15)), django_capture_on_commit_callbacks(execute=True):
        alur.nilai(user=pemeran.atasan_atasan.user, penilaian=p, rating_hasil_kerja=S,
                   rating_perilaku=S, oleh_atasan=True)  # fmt: skip
    (dokumen,) = terbit(p)
    isi = teks(baca_dokumen(dokumen))
    assert (
        "Dinilai oleh atasan pejabat penilai karena batas waktu penilai terlewati; hasil ini "
        "final." in isi
    )
    assert "Atasan Pejabat Penilai Kinerja" in isi
    assert f"Dinilai secara elektronik oleh {pemeran.atasan_atasan.nama_lengkap}" in isi
    # The identity column still names the pejabat penilai of the period.
    assert pemeran.atasan.nama_lengkap in isi


def test_umpan_balik_setelah_penilaian_tidak_masuk_versi_itu(
    kasus, pemeran, sertifikat, django_capture_on_commit_callbacks
):
    """A version prints the feedback as it read when the rating was given: feedback written or
    edited afterwards does not change what was signed (not even when it is issued late)."""
    p = isi_dan_kirim(kasus, pemeran)
    beri_umpan_balik_lengkap(p, pemeran.atasan)
    ub = UmpanBalik.objects.get(jenis=JenisUmpanBalik.PERILAKU)
    with pada(date(2026, 3, 31)):
        alur.nilai(user=pemeran.atasan.user, penilaian=p, rating_hasil_kerja=S,
                   rating_perilaku=S)  # fmt: skip
    with pada(date(2026, 4, 1)):
        umpan_balik(p, pemeran.atasan, "Ditulis sesudah penilaian.",
                    jenis=JenisUmpanBalik.HASIL_KERJA, rhk=p.skp.rhk.first())  # fmt: skip
        RiwayatUmpanBalik.objects.create(umpan_balik=ub, teks=ub.teks)
        UmpanBalik.objects.filter(pk=ub.pk).update(teks="Teks yang diubah kemudian.")
        isi = teks(baca_dokumen(terbitkan(p)))
    assert "Cekatan melayani permintaan data." in isi
    assert "Ditulis sesudah penilaian." not in isi
    assert "Teks yang diubah kemudian." not in isi


def test_gagal_saat_dinilai_diterbitkan_saat_unduhan_pertama(
    client, kasus, pemeran, sertifikat, django_capture_on_commit_callbacks, monkeypatch, caplog
):
    def rusak(*a, **k):
        raise RuntimeError("crash")

    monkeypatch.setattr(modul_dokumen, "render_pdf", rusak)
    with caplog.at_level(logging.ERROR, logger="penilaian.dokumen"):
        p = dinilai(kasus, pemeran, django_capture_on_commit_callbacks)
    assert p.predikat == "baik"  # the rating itself stands
    assert not terbit(p)
    assert "dibuat saat diunduh" in caplog.text
    monkeypatch.undo()
    client.force_login(pemeran.pegawai.user)
    r = client.get(reverse("penilaian:dokumen_unduh", args=[p.pk]))
    assert r.status_code == 200
    (dokumen,) = terbit(p)
    assert dokumen.versi == 1 and dokumen.sha256 == hashlib.sha256(r.content).hexdigest()


def test_dua_permintaan_bersamaan_satu_dokumen(
    kasus, pemeran, sertifikat, django_capture_on_commit_callbacks, monkeypatch
):
    """The second request finishes rendering after the first stored its document: it gets the
    stored one, and its own rendering is discarded."""
    from core import dokumen as dokumen_bertanda

    monkeypatch.setattr(modul_dokumen, "terbitkan_setelah_dinilai", lambda pk: None)
    p = dinilai(kasus, pemeran, django_capture_on_commit_callbacks)
    assert not terbit(p)
    asli, hasil_dalam = dokumen_bertanda.tandatangani, {}

    def tandatangani_lalu_disela(pdf, **k):
        ditandatangani = asli(pdf, **k)
        if not hasil_dalam:
            monkeypatch.setattr(dokumen_bertanda, "tandatangani", asli)
            hasil_dalam["dokumen"] = terbitkan(p)  # the "other request" wins
        return ditandatangani

    monkeypatch.setattr(dokumen_bertanda, "tandatangani", tandatangani_lalu_disela)
    dokumen = terbitkan(p)
    assert dokumen.pk == hasil_dalam["dokumen"].pk
    assert baca_dokumen(dokumen) == baca_dokumen(hasil_dalam["dokumen"])
    assert DokumenPenilaian.objects.count() == 1


def test_belum_dinilai_tidak_ada_dokumen(kasus, sertifikat):
    with pytest.raises(modul_dokumen.BelumDinilai):
        terbitkan(kasus.penilaian)
    assert not DokumenPenilaian.objects.exists()


# --- verification ---------------------------------------------------------------------------


def verifikasi_pdf(path, capsys) -> tuple[int, str]:
    try:
        call_command("verifikasi_pdf", str(path))
        kode = 0
    except SystemExit as e:
        kode = e.code
    keluaran = capsys.readouterr()
    return kode, keluaran.out + keluaran.err


def test_verifikasi_berkas_dan_perintah_verifikasi_pdf(
    kasus, pemeran, sertifikat, django_capture_on_commit_callbacks, tmp_path, capsys
):
    p = dinilai(kasus, pemeran, django_capture_on_commit_callbacks, S, S)
    nilai_lagi(pemeran, p, django_capture_on_commit_callbacks, A, A)
    lama, baru = terbit(p)
    hasil = verifikasi_berkas(baca_dokumen(baru))
    assert hasil.sah and hasil.dokumen == baru and hasil.jenis.kode == "penilaian"
    path_baru, path_lama = tmp_path / "v2.pdf", tmp_path / "v1.pdf"
    path_baru.write_bytes(baca_dokumen(baru))
    path_lama.write_bytes(baca_dokumen(lama))
    kode, keluaran = verifikasi_pdf(path_baru, capsys)
    assert kode == 0, keluaran
    assert keluaran.startswith(
        f"SAH: Evaluasi kinerja Triwulan I 2026 {pemeran.pegawai.nama_lengkap} "
        f"(NIP {format_nip(pemeran.pegawai.nip)}) versi 2, ditandatangani oleh"
    )
    assert baru.sha256 in keluaran and "diganti" not in keluaran
    kode, keluaran = verifikasi_pdf(path_lama, capsys)
    assert kode == 0 and "Perhatian: versi ini telah diganti oleh versi 2." in keluaran
    # One byte changed: refused.
    data = bytearray(baca_dokumen(baru))
    awal = data.index(b"stream", len(data) // 3) + 20
    data[awal] ^= 0x01
    ubah = tmp_path / "ubah.pdf"
    ubah.write_bytes(bytes(data))
    kode, keluaran = verifikasi_pdf(ubah, capsys)
    assert kode == 1 and "Tanda tangan tidak sah" in keluaran


def test_sertifikat_yang_hanya_menandatangani_formulir_evaluasi_tetap_dikenal(
    kasus, pemeran, settings, tmp_path, django_capture_on_commit_callbacks
):
    """The certificates the system signed with are looked up across every kind: a form signed
    before a renewal verifies although no SKP document was ever signed with that certificate."""
    from core.tanda_tangan import buat_sertifikat

    lama, baru = tmp_path / "lama.p12", tmp_path / "baru.p12"
    buat_sertifikat(lama, "lama", nama="Instansi 2025")
    buat_sertifikat(baru, "baru", nama="Instansi 2026")
    settings.SKP_SIGN_P12, settings.SKP_SIGN_P12_PASSPHRASE = lama, "lama"
    p = dinilai(kasus, pemeran, django_capture_on_commit_callbacks)
    (dokumen,) = terbit(p)
    settings.SKP_SIGN_P12, settings.SKP_SIGN_P12_PASSPHRASE = baru, "baru"
    hasil = verifikasi_berkas(baca_dokumen(dokumen))
    assert hasil.sah, hasil.pesan
    assert "Instansi 2025" in hasil.pesan


def test_halaman_verifikasi_publik_formulir_evaluasi(
    client, kasus, pemeran, sertifikat, django_capture_on_commit_callbacks
):
    p = dinilai(kasus, pemeran, django_capture_on_commit_callbacks, S, S)
    (lama,) = terbit(p)
    html = client.get(f"/v/{lama.token}/").content.decode()  # anonymous
    for nilai in (
        "Verifikasi Evaluasi Kinerja Pegawai",
        pemeran.pegawai.nama_lengkap,
        "******** " + format_nip(pemeran.pegawai.nip)[9:],
        "Triwulan I 2026 (1 Januari 2026 - 31 Maret 2026)",
        "Baik",
        # Who signed what the form records (the rating), and when, in words.
        f"Dinilai oleh {pemeran.atasan.nama_lengkap}</strong> (pejabat penilai kinerja) pada "
        f"{tanggal_indonesia(lama.riwayat.waktu)}.",
        f"diterbitkan pada {tanggal_indonesia(lama.diterbitkan)}",
        f'data-sha256="{lama.sha256}"',
        lama.sha256,
    ):
        assert nilai in html, nilai
    for orang in (pemeran.pegawai.nip, pemeran.atasan.nip):
        assert orang not in html and format_nip(orang) not in html and orang[:8] not in html
    assert "telah diganti" not in html
    for rahasia in ("Rekap desa lengkap", "Tersedianya rekap data imunisasi", "Pengelola Data"):
        assert rahasia not in html
    p = nilai_lagi(pemeran, p, django_capture_on_commit_callbacks, A, A)
    _, baru = terbit(p)
    respons = client.get(f"/v/{lama.token}/")
    assert respons["X-Robots-Tag"] == "noindex, nofollow"
    html = respons.content.decode()
    assert "Versi ini telah diganti oleh versi 2 yang diterbitkan pada" in html
    assert "Baik" in html and "Sangat Baik" not in html  # what version 1 said
    html_baru = client.get(f"/v/{baru.token}/").content.decode()
    assert "telah diganti" not in html_baru and "Sangat Baik" in html_baru


def test_halaman_verifikasi_token_cadangan_404(kasus, pemeran, sertifikat, client, monkeypatch,
                                               django_capture_on_commit_callbacks):  # fmt: skip
    """A reserved row whose rendering failed is no document."""
    monkeypatch.setattr(modul_dokumen, "render_pdf", lambda *a, **k: 1 / 0)
    p = dinilai(kasus, pemeran, django_capture_on_commit_callbacks)
    cadangan = DokumenPenilaian.objects.get(penilaian=p)
    assert client.get(f"/v/{cadangan.token}/").status_code == 404


# --- the download ---------------------------------------------------------------------------


def test_unduh_tangga_izin_dan_nama_berkas(
    client, kasus, pemeran, sertifikat, django_capture_on_commit_callbacks
):
    p = dinilai(kasus, pemeran, django_capture_on_commit_callbacks)
    url = reverse("penilaian:dokumen_unduh", args=[p.pk])
    assert url == f"/penilaian/{p.pk}/dokumen/"
    r = client.get(url)
    assert r.status_code == 302 and r["Location"].startswith(reverse("login"))
    for luar in ("orang_luar", "rekan_atasan", "admin_lain", "pegawai_lain"):
        client.force_login(getattr(pemeran, luar).user)
        assert client.get(url).status_code == 404, luar
    (dokumen,) = terbit(p)
    for siapa in ("pegawai", "atasan", "atasan_atasan", "admin"):
        client.force_login(getattr(pemeran, siapa).user)
        r = client.get(url)
        assert r.status_code == 200, siapa
        assert r["Content-Type"] == "application/pdf"
        assert r.content == baca_dokumen(dokumen)
        assert r["Cache-Control"] == "private, no-store"
        nama = f"{pemeran.pegawai.nip}_2026_triwulan-i_v1.pdf"
        assert f'filename="{nama}"' in r["Content-Disposition"]


def test_unduh_versi_lama(client, kasus, pemeran, sertifikat, django_capture_on_commit_callbacks):
    p = dinilai(kasus, pemeran, django_capture_on_commit_callbacks, S, S)
    nilai_lagi(pemeran, p, django_capture_on_commit_callbacks, A, S)
    lama, baru = terbit(p)
    client.force_login(pemeran.pegawai.user)
    r = client.get(reverse("penilaian:dokumen_unduh_versi", args=[p.pk, 1]))
    assert r.status_code == 200 and r.content == baca_dokumen(lama)
    assert "_triwulan-i_v1.pdf" in r["Content-Disposition"]
    r = client.get(reverse("penilaian:dokumen_unduh", args=[p.pk]))
    assert r.content == baca_dokumen(baru)
    assert client.get(reverse("penilaian:dokumen_unduh_versi", args=[p.pk, 9])).status_code == 404
    client.force_login(pemeran.orang_luar.user)
    assert client.get(reverse("penilaian:dokumen_unduh_versi", args=[p.pk, 1])).status_code == 404


def test_unduh_sebelum_dinilai_404_dengan_alasan(client, kasus, pemeran):
    client.force_login(pemeran.pegawai.user)
    r = client.get(reverse("penilaian:dokumen_unduh", args=[kasus.penilaian.pk]))
    assert r.status_code == 404
    assert not DokumenPenilaian.objects.exists()


def test_unduh_tanpa_sertifikat_503(client, kasus, pemeran, settings, tmp_path,
                                    django_capture_on_commit_callbacks):  # fmt: skip
    settings.SKP_SIGN_P12 = tmp_path / "tidak-ada.p12"
    p = dinilai(kasus, pemeran, django_capture_on_commit_callbacks)
    client.force_login(pemeran.pegawai.user)
    r = client.get(reverse("penilaian:dokumen_unduh", args=[p.pk]))
    assert r.status_code == 503 and "sertifikat penanda tangan" in r.content.decode()
    assert not terbit(p)


def test_daftar_versi_di_halaman_detail(
    client, kasus, pemeran, sertifikat, django_capture_on_commit_callbacks
):
    client.force_login(pemeran.pegawai.user)
    detail = reverse("penilaian:detail", args=[kasus.penilaian.pk])
    html = client.get(detail).content.decode()
    assert "Formulir evaluasi kinerja bertanda tangan terbit setelah" in html
    assert reverse("penilaian:dokumen_unduh", args=[kasus.penilaian.pk]) not in html
    p = dinilai(kasus, pemeran, django_capture_on_commit_callbacks, S, S)
    nilai_lagi(pemeran, p, django_capture_on_commit_callbacks, A, S)
    html = client.get(detail).content.decode()
    assert reverse("penilaian:dokumen_unduh", args=[p.pk]) in html
    assert reverse("penilaian:dokumen_unduh_versi", args=[p.pk, 1]) in html
    assert reverse("penilaian:dokumen_unduh_versi", args=[p.pk, 2]) in html
    assert "Versi 1" in html and "diganti oleh versi 2" in html


# --- layout variants ------------------------------------------------------------------------


def test_pdf_memakai_huruf_yang_dibawa_aplikasi(
    kasus, pemeran, sertifikat, django_capture_on_commit_callbacks
):
    p = dinilai(kasus, pemeran, django_capture_on_commit_callbacks)
    pdf = PdfReader(io.BytesIO(baca_dokumen(terbit(p)[0])))
    huruf = {
        str(f["/BaseFont"]).split("+", 1)[-1]
        for hal in pdf.pages
        for f in hal["/Resources"]["/Font"].values()
        if "/BaseFont" in f.get_object()
    }
    assert {"SKP-Sans", "SKP-Sans-Bold"} <= huruf, huruf
    # Landscape A4: the hasil kerja table gains two columns.
    kotak = pdf.pages[0].mediabox
    assert float(kotak.width) > float(kotak.height)


def test_formulir_kualitatif_dengan_realisasi_teks(
    kasus, pemeran, sertifikat, django_capture_on_commit_callbacks
):
    Skp.objects.filter(pk=kasus.skp.pk).update(pendekatan=Pendekatan.KUALITATIF)
    p = isi_dan_kirim(kasus, pemeran)
    Realisasi.objects.filter(penilaian=p, nilai=13).update(
        nilai=None, teks="Rekap 13 minggu tersusun dan disahkan Kepala Seksi."
    )
    beri_umpan_balik_lengkap(p, pemeran.atasan)
    nilai_lagi(pemeran, p, django_capture_on_commit_callbacks, S, S)
    isi = teks(baca_dokumen(terbit(p)[0]))
    for bagian in (
        "PENDEKATAN HASIL KERJA KUALITATIF",
        "UKURAN KEBERHASILAN / INDIKATOR KINERJA INDIVIDU, DAN TARGET",
        "Target: 52 laporan",
        "Rekap 13 minggu tersusun dan disahkan Kepala Seksi.",
    ):
        assert bagian in isi, bagian
    assert "ASPEK" not in isi


def test_formulir_jpt_dengan_perspektif(
    kasus, pemeran, sertifikat, django_capture_on_commit_callbacks
):
    Skp.objects.filter(pk=kasus.skp.pk).update(jenis_formulir=JenisFormulir.JPT)
    kasus.skp.rhk.update(perspektif="penerima_layanan")
    p = dinilai(kasus, pemeran, django_capture_on_commit_callbacks)
    isi = teks(baca_dokumen(terbit(p)[0]))
    for bagian in (
        "BAGI PEJABAT PIMPINAN TINGGI DAN PIMPINAN UNIT KERJA MANDIRI",
        "PERSPEKTIF",
        "Perspektif Penerima Layanan",
        "INSTANSI",
        "13 laporan",
    ):
        assert bagian in isi, bagian
    assert "PIMPINAN YANG DIINTERVENSI" not in isi


def test_teks_sepanjang_formulir_terbungkus_ke_halaman_berikut(
    kasus, pemeran, sertifikat, django_capture_on_commit_callbacks
):
    """Umpan balik of 4000 characters (the form's limit), several on one RHK: the row is taller
    than a page and continues on the next pages; every word is printed."""
    p = isi_dan_kirim(kasus, pemeran)
    beri_umpan_balik_lengkap(p, pemeran.atasan)
    rhk = p.skp.rhk.first()
    panjang = {}
    for kode in ("uba", "ubb", "ubc"):
        kata = [f"{kode}{i:03d} catatan" for i in range(400)]
        panjang[kode] = " ".join(kata)[:4000]
        umpan_balik(p, pemeran.atasan, panjang[kode], jenis=JenisUmpanBalik.HASIL_KERJA, rhk=rhk)
    nilai_lagi(pemeran, p, django_capture_on_commit_callbacks, S, S)
    per_halaman = halaman(baca_dokumen(terbit(p)[0]))
    isi = " ".join(per_halaman)
    n = len(per_halaman)
    assert n >= 3
    for k in range(1, n + 1):
        assert f"Halaman {k} dari {n}" in per_halaman[k - 1]
    for kode, asli in panjang.items():
        tanda = {t for t in asli.split() if t.startswith(kode)}
        assert tanda <= set(isi.split()), kode
    assert "PREDIKAT KINERJA PEGAWAI BAIK" in isi


def test_judul_periode_bulanan_dan_rentang(pemeran):
    bulan = Periode(instansi=pemeran.instansi, tahun=2026, jenis=JenisPeriode.BULANAN, nomor=2,
                    mulai=date(2026, 2, 1), selesai=date(2026, 2, 28),
                    buka=date(2026, 2, 15), tenggat=date(2026, 3, 13))  # fmt: skip
    assert judul_periode(bulan) == "BULAN FEBRUARI"
    assert rentang_periode(bulan) == "1 FEBRUARI SD 28 FEBRUARI 2026"
    akhir = Periode(instansi=pemeran.instansi, tahun=2026, jenis=JenisPeriode.TRIWULANAN,
                    nomor=4, mulai=date(2026, 10, 1), selesai=date(2026, 12, 31),
                    buka=date(2026, 12, 18), tenggat=date(2027, 1, 31))  # fmt: skip
    assert judul_periode(akhir) == "TRIWULAN IV-AKHIR"
    assert rentang_periode(akhir) == "1 OKTOBER SD 31 DESEMBER 2026"


def test_penilaian_tidak_menunggu_penerbitan_dokumen(
    kasus, pemeran, sertifikat, settings, django_capture_on_commit_callbacks
):
    """With the real queue (and no worker in the test), saving a rating only queues the form:
    the penilai does not wait for rendering and signing; the job issues it later."""
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }
    p = dinilai(kasus, pemeran, django_capture_on_commit_callbacks)
    assert terbit(p) == []
    antre = DBTaskResult.objects.filter(task_path__endswith="terbitkan_di_latar")
    assert antre.count() == 1
    from penilaian.dokumen import terbitkan_di_latar

    terbitkan_di_latar.call(p.pk)  # what the worker runs
    assert [d.versi for d in terbit(p)] == [1]
