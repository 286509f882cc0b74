"""The printed SKP: every section and value of each form variant is in the PDF text, long SKP
span pages with numbered pages, drafts carry the watermark, and the download's permissions."""

import io
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from pypdf import PdfReader

from core.pdf import pengambil_url
from organisasi.nip import format_nip
from skp import services
from skp.berakhlak import BERAKHLAK
from skp.cetak import render_pdf
from skp.models import DokumenSkp, Skp
from tests.skp.conftest import setujui_skp, tambah_kkw


def halaman(data: bytes) -> list[str]:
    """The text of each page, whitespace normalised (long cells wrap over several lines)."""
    return [" ".join((p.extract_text() or "").split()) for p in PdfReader(io.BytesIO(data)).pages]


def teks(data: bytes) -> str:
    return " ".join(halaman(data))


def lengkapi(pemeran, skp: Skp) -> Skp:
    services.lampiran_ubah(
        user=pemeran.pegawai.user,
        skp=skp,
        dukungan_sumber_daya="Laptop dan akses SIMPUS\nAnggaran perjalanan dinas",
        skema_pertanggungjawaban="Laporan bulanan kepada Kepala Seksi",
        konsekuensi="Target tidak tercapai dibahas pada evaluasi triwulan",
    )
    perilaku = skp.perilaku.get(urutan=3)
    services.ekspektasi_ubah(
        user=pemeran.atasan.user,
        perilaku=perilaku,
        ekspektasi_khusus="Mengikuti pelatihan analisis data epidemiologi",
    )
    return skp


def periksa_kerangka(isi: str, skp: Skp, tahun: int) -> None:
    for bagian in (
        "SASARAN KINERJA PEGAWAI",
        f"PENDEKATAN HASIL KERJA {skp.get_pendekatan_display().upper()}",
        "PEMERINTAH KABUPATEN CONTOH",
        f"PERIODE PENILAIAN: 1 JANUARI SD 31 DESEMBER TAHUN {tahun}",
        "PEGAWAI YANG DINILAI",
        "PEJABAT PENILAI KINERJA",
        "NAMA",
        "PANGKAT/GOL. RUANG",
        "JABATAN",
        "HASIL KERJA",
        "A. UTAMA",
        "B. TAMBAHAN",
        "PERILAKU KERJA",
        "Ekspektasi Khusus Pimpinan:",
        "LAMPIRAN SASARAN KINERJA PEGAWAI",
        "DUKUNGAN SUMBER DAYA",
        "SKEMA PERTANGGUNGJAWABAN",
        "KONSEKUENSI",
        "Pegawai yang Dinilai",
        skp.pegawai_nama,
        f"NIP {format_nip(skp.pegawai_nip)}",
        skp.pegawai_jabatan,
        skp.pegawai_unit_kerja,
        skp.pegawai_pangkat,
        "Halaman 1 dari",
    ):
        assert bagian in isi, bagian
    for nilai, panduan in BERAKHLAK:
        assert nilai in isi, nilai
        for b in panduan:
            assert b in isi, b


def test_pdf_kuantitatif_memuat_setiap_bagian_dan_nilai(pemeran, skp_pegawai, skp_atasan, tahun):
    skp = lengkapi(pemeran, skp_pegawai)
    isi = teks(render_pdf(Skp.objects.get(pk=skp.pk)))
    periksa_kerangka(isi, skp, tahun)
    for nilai in (
        "BAGI PEJABAT ADMINISTRASI DAN PEJABAT FUNGSIONAL",
        "RENCANA HASIL KERJA PIMPINAN YANG DIINTERVENSI",
        "ASPEK",
        "INDIKATOR KINERJA INDIVIDU",
        "TARGET",
        "Tersedianya data surveilans yang lengkap",  # the atasan's RHK it intervenes
        "Tersedianya rekap data imunisasi per desa",
        "Kuantitas",
        "Kualitas",
        "Waktu",
        "Jumlah laporan surveilans mingguan",
        "52 laporan",
        "Kelengkapan laporan puskesmas",
        "90–100 %",
        "Rekap selesai setelah minggu berakhir",
        "2 hari",
        "Mengikuti pelatihan analisis data epidemiologi",
        "Laptop dan akses SIMPUS",
        "Anggaran perjalanan dinas",
        "Laporan bulanan kepada Kepala Seksi",
        "Target tidak tercapai dibahas pada evaluasi triwulan",
        pemeran.atasan.nama_lengkap,
        f"NIP {format_nip(pemeran.atasan.nip)}",
        "UNIT KERJA",
        "Pejabat Penilai Kinerja",
    ):
        assert nilai in isi, nilai
    # A draft: watermark and notice, no statement of an electronic approval.
    assert "DRAF" in isi
    assert "Bukan dokumen resmi" in isi
    assert "Disetujui secara elektronik" not in isi


def test_pdf_kualitatif(pemeran, skp_atasan, tahun):
    user = pemeran.pegawai.user
    skp = services.skp_buat(user=user, tahun=tahun, pendekatan="kualitatif")
    rhk = services.rhk_tambah(
        user=user, skp=skp, jenis="utama", uraian="Tersusunnya profil kesehatan desa",
        rhk_atasan=skp_atasan.rhk2,
    )  # fmt: skip
    services.indikator_tambah(
        user=user, rhk=rhk, uraian="Profil disahkan Kepala Seksi tanpa revisi mayor",
        target_min=Decimal(12), satuan="profil desa",
    )  # fmt: skip
    tambahan = services.rhk_tambah(
        user=user, skp=skp, jenis="tambahan", uraian="Menjadi narasumber kelas ibu hamil"
    )
    services.indikator_tambah(
        user=user, rhk=tambahan, uraian="Kelas terlaksana sesuai jadwal",
        target_min=Decimal(4), satuan="kelas",
    )  # fmt: skip
    lengkapi(pemeran, skp)
    isi = teks(render_pdf(Skp.objects.get(pk=skp.pk)))
    periksa_kerangka(isi, skp, tahun)
    for nilai in (
        "PENDEKATAN HASIL KERJA KUALITATIF",
        "UKURAN KEBERHASILAN / INDIKATOR KINERJA INDIVIDU, DAN TARGET",
        "Terlaksananya penyelidikan epidemiologi",
        "Tersusunnya profil kesehatan desa",
        "Profil disahkan Kepala Seksi tanpa revisi mayor",
        "Target: 12 profil desa",
        "Menjadi narasumber kelas ibu hamil",
        "Target: 4 kelas",
    ):
        assert nilai in isi, nilai
    assert "ASPEK" not in isi


def test_pdf_jpt_dengan_perspektif_dan_instansi(pemeran, tahun):
    user = pemeran.kepala.user
    skp = services.skp_buat(user=user, tahun=tahun)
    assert skp.jpt
    rhk = services.rhk_tambah(
        user=user, skp=skp, jenis="utama", uraian="Meningkatnya derajat kesehatan masyarakat",
        perspektif="penerima_layanan",
    )  # fmt: skip
    services.indikator_tambah(
        user=user, rhk=rhk, uraian="Angka kematian bayi", target_min=Decimal("7.5"),
        satuan="per 1.000 kelahiran hidup",
    )  # fmt: skip
    isi = teks(render_pdf(Skp.objects.get(pk=skp.pk)))
    for nilai in (
        "BAGI PEJABAT PIMPINAN TINGGI DAN PIMPINAN UNIT KERJA MANDIRI",
        "PERSPEKTIF",
        "Perspektif Penerima Layanan",
        "Meningkatnya derajat kesehatan masyarakat",
        "Angka kematian bayi",
        "per 1.000 kelahiran hidup",
        "INSTANSI",
        skp.pegawai_nama,
    ):
        assert nilai in isi, nilai
    assert "PIMPINAN YANG DIINTERVENSI" not in isi


def test_pdf_15_rhk_melintasi_halaman_dengan_kepala_tabel_berulang(pemeran, skp_atasan, tahun):
    user = pemeran.pegawai.user
    skp = services.skp_buat(user=user, tahun=tahun)
    for i in range(1, 16):
        rhk = services.rhk_tambah(
            user=user, skp=skp, jenis="utama",
            uraian=f"RHK nomor {i}: tersedianya dokumen hasil kerja yang panjang uraiannya agar "
            "sel tabel terbungkus ke beberapa baris tanpa terpotong di tepi halaman",
            rhk_atasan=skp_atasan.rhk1,
        )  # fmt: skip
        tambah_kkw(user, rhk)
    data = render_pdf(Skp.objects.get(pk=skp.pk))
    per_halaman = halaman(data)
    n = len(per_halaman)
    assert n >= 4
    isi = " ".join(per_halaman)
    for i in range(1, 16):
        assert f"RHK nomor {i}: tersedianya dokumen" in isi
    assert isi.count("terbungkus ke beberapa baris tanpa terpotong di tepi halaman") == 15
    for k in range(1, n + 1):
        assert f"Halaman {k} dari {n}" in per_halaman[k - 1]
    # The HASIL KERJA header is repeated on the page the table continues on.
    assert "RENCANA HASIL KERJA PIMPINAN YANG DIINTERVENSI" in per_halaman[1]
    assert "RHK nomor 15" in isi and "PERILAKU KERJA" in isi


def test_pengambil_url_menolak_jaringan():
    fetcher = pengambil_url()
    with pytest.raises(ValueError, match="disallowed protocol"):
        fetcher("http://example.com/gaya.css")
    with pytest.raises(ValueError, match="disallowed protocol"):
        fetcher("https://example.com/font.ttf")


# --- the download ---------------------------------------------------------------------------


def test_unduh_pdf_tangga_izin(client, pemeran, skp_pegawai):
    url = reverse("skp:unduh_pdf", args=[skp_pegawai.pk])
    r = client.get(url)
    assert r.status_code == 302 and r["Location"].startswith(reverse("login"))
    client.force_login(pemeran.orang_luar.user)
    assert client.get(url).status_code == 404
    client.force_login(pemeran.admin_lain.user)
    assert client.get(url).status_code == 404
    for siapa in ("pegawai", "atasan", "atasan_atasan", "admin"):
        client.force_login(getattr(pemeran, siapa).user)
        r = client.get(url)
        assert r.status_code == 200, siapa
        assert r["Content-Type"] == "application/pdf"
        assert r.content.startswith(b"%PDF")
    assert "DRAF_" in r["Content-Disposition"]
    assert "DRAF" in teks(r.content)
    assert not DokumenSkp.objects.exists()


def test_detail_menampilkan_tombol_pdf(client, pemeran, skp_pegawai):
    client.force_login(pemeran.pegawai.user)
    r = client.get(reverse("skp:detail", args=[skp_pegawai.pk]))
    assert "Pratinjau PDF (draf)" in r.content.decode()
    assert reverse("skp:unduh_pdf", args=[skp_pegawai.pk]) in r.content.decode()


def test_unduhan_skp_disetujui_adalah_dokumen_tersimpan(client, pemeran, skp_pegawai, sertifikat):
    setujui_skp(pemeran, skp_pegawai)
    client.force_login(pemeran.pegawai.user)
    url = reverse("skp:unduh_pdf", args=[skp_pegawai.pk])
    pertama = client.get(url)
    kedua = client.get(url)
    client.force_login(pemeran.admin.user)
    ketiga = client.get(url)
    assert pertama.content == kedua.content == ketiga.content
    dokumen = DokumenSkp.objects.get(skp=skp_pegawai)
    with dokumen.berkas.open("rb") as f:
        assert f.read() == pertama.content
    isi = teks(pertama.content)
    assert "DRAF" not in isi
    assert f"Diajukan secara elektronik oleh {pemeran.pegawai.nama_lengkap} pada" in isi
    assert f"Disetujui secara elektronik oleh {pemeran.atasan.nama_lengkap} pada" in isi
    assert f"{pemeran.instansi.lokasi}, " in isi  # the signing place, then the date
    client.force_login(pemeran.orang_luar.user)
    assert client.get(url).status_code == 404


def test_unduhan_tanpa_sertifikat_503_bukan_500(client, pemeran, skp_pegawai, settings, tmp_path):
    settings.SKP_SIGN_P12 = tmp_path / "tidak-ada.p12"
    settings.MEDIA_ROOT = tmp_path / "media"
    setujui_skp(pemeran, skp_pegawai)
    client.force_login(pemeran.pegawai.user)
    r = client.get(reverse("skp:unduh_pdf", args=[skp_pegawai.pk]))
    assert r.status_code == 503
    assert "sertifikat penanda tangan" in r.content.decode()
    assert not DokumenSkp.objects.exclude(sha256="").exists()


# --- text as long as the forms allow ---------------------------------------------------------


def teks_panjang(kode: str, panjang: int = 2000) -> str:
    """Exactly `panjang` characters of words: "Awal <kode>", numbered tokens <kode>000,
    <kode>001, ... (each must come out of the PDF), and "akhir <kode>." at the end."""
    akhir = f" akhir {kode}."
    bagian = [f"Awal {kode}:"]
    i = 0
    while len(" ".join(bagian)) + len(akhir) < panjang - 40:
        bagian.append(f"{kode}{i:03d} dokumen perencanaan kinerja")
        i += 1
    teks = " ".join(bagian)
    return teks + " " + "x" * (panjang - len(teks) - len(akhir) - 1) + akhir


def periksa_utuh(isi: str, asli: str, kode: str) -> None:
    """The start, the end and every numbered token of `asli` are in the PDF text `isi`."""
    rapat = "".join(isi.split())
    assert "".join(asli[:60].split()) in rapat, f"awal {kode}"
    assert "".join(asli[-60:].split()) in rapat, f"akhir {kode}"
    harapan = set(re.findall(rf"{kode}\d{{3}}", asli))
    assert len(harapan) > 40
    assert harapan <= set(re.findall(rf"{kode}\d{{3}}", isi)), f"token {kode} hilang"


def test_pdf_teks_2000_karakter_terbungkus_tanpa_terpotong(pemeran, tahun):
    """RHK, the atasan's RHK and indicators of 2000 characters each (the forms' limit): a cell
    taller than a page continues on the next pages instead of crashing WeasyPrint."""
    atasan = pemeran.atasan.user
    skp_atasan = services.skp_buat(user=atasan, tahun=tahun)
    uraian_atasan = teks_panjang("ats")
    rhk_atasan = services.rhk_tambah(
        user=atasan, skp=skp_atasan, jenis="utama", uraian=uraian_atasan
    )
    user = pemeran.pegawai.user
    skp = services.skp_buat(user=user, tahun=tahun)
    uraian = teks_panjang("rhk")
    rhk = services.rhk_tambah(
        user=user, skp=skp, jenis="utama", uraian=uraian, rhk_atasan=rhk_atasan
    )
    indikator = {
        aspek: teks_panjang(kode)
        for aspek, kode in (("kuantitas", "ikn"), ("kualitas", "ikl"), ("waktu", "iwk"))
    }
    for aspek, teks_indikator in indikator.items():
        services.indikator_tambah(
            user=user, rhk=rhk, aspek=aspek, uraian=teks_indikator, target_min=Decimal(1),
            satuan="hari" if aspek == "waktu" else "dokumen",
        )  # fmt: skip
    assert len(uraian) == len(uraian_atasan) == 2000
    isi = teks(render_pdf(Skp.objects.get(pk=skp.pk)))
    periksa_utuh(isi, uraian_atasan, "ats")
    periksa_utuh(isi, uraian, "rhk")
    for teks_indikator, kode in zip(indikator.values(), ("ikn", "ikl", "iwk"), strict=True):
        periksa_utuh(isi, teks_indikator, kode)
    assert "PERILAKU KERJA" in isi and "LAMPIRAN SASARAN KINERJA PEGAWAI" in isi


def test_pratinjau_draf_kualitatif_teks_2000_karakter(client, pemeran, skp_atasan, tahun):
    user = pemeran.pegawai.user
    skp = services.skp_buat(user=user, tahun=tahun, pendekatan="kualitatif")
    uraian, ukuran = teks_panjang("rhk"), teks_panjang("ukr")
    rhk = services.rhk_tambah(
        user=user, skp=skp, jenis="utama", uraian=uraian, rhk_atasan=skp_atasan.rhk1
    )
    services.indikator_tambah(
        user=user, rhk=rhk, uraian=ukuran, target_min=Decimal(12), satuan="profil desa"
    )
    client.force_login(user)
    r = client.get(reverse("skp:unduh_pdf", args=[skp.pk]))
    assert r.status_code == 200
    isi = teks(r.content)
    periksa_utuh(isi, uraian, "rhk")
    periksa_utuh(isi, ukuran, "ukr")
    assert "Target: 12 profil desa" in isi


def test_skp_biasa_dirender_sekali_dengan_baris_utuh(pemeran, skp_pegawai, monkeypatch):
    """Only a block taller than a page makes the second rendering (breaks inside rows)."""
    from core import pdf

    asli, panggilan = pdf.tulis_pdf, []

    def catat(template: str, konteks: dict) -> bytes:
        panggilan.append(konteks.get("boleh_pecah", False))
        return asli(template, konteks)

    monkeypatch.setattr(pdf, "tulis_pdf", catat)
    render_pdf(Skp.objects.get(pk=skp_pegawai.pk))
    assert panggilan == [False]


def test_pdf_memakai_huruf_yang_dibawa_aplikasi(pemeran, skp_pegawai, monkeypatch):
    """The fonts come with the installation (core/fonts), not from whatever the server has: the
    renderer loads them and the PDF embeds them."""
    from core import pdf as cetak

    diambil = []
    asli = cetak.pengambil_url

    def pengambil():
        f = asli()

        def ambil(url: str, *args, **kwargs):
            diambil.append(url)
            return f(url, *args, **kwargs)

        return ambil

    monkeypatch.setattr(cetak, "pengambil_url", pengambil)
    pdf = PdfReader(io.BytesIO(render_pdf(Skp.objects.get(pk=skp_pegawai.pk))))

    dimuat = {u.rsplit("/", 1)[-1] for u in diambil if "/core/fonts/" in u}
    assert {"DejaVuSans.ttf", "DejaVuSans-Bold.ttf"} <= dimuat
    huruf = {
        str(f["/BaseFont"])
        for halaman in pdf.pages
        for f in halaman["/Resources"]["/Font"].values()
        if "/BaseFont" in f.get_object()
    }
    # Named after the @font-face family: only the bundled files carry that name.
    assert {"SKP-Sans", "SKP-Sans-Bold"} <= {h.split("+", 1)[-1] for h in huruf}, huruf
