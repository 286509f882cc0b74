"""Umpan balik: who writes as whom, replies, edits with their history, nobody edits someone
else's, edits refused once the evaluation is final, bad text, and the colleagues' page that shows
none of the pegawai's SKP."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from organisasi.models import JenisJabatan
from penilaian import access
from penilaian.models import PenilaianPeriodik, PeranPemberi, RiwayatUmpanBalik, UmpanBalik
from penilaian.services import alur
from penilaian.services import umpan_balik as layanan
from skp.models import Notifikasi
from tests.factories import JabatanFactory, PegawaiFactory
from tests.penilaian.conftest import beri_umpan_balik_lengkap

HK, PK = "hasil_kerja", "perilaku"


@pytest.fixture
def bawahan(pemeran):
    """Someone whose atasan is the pegawai (a bawahan gives feedback to their atasan)."""
    j = JabatanFactory(unit_kerja=pemeran.pegawai.jabatan.unit_kerja, nama="Pengadministrasi",
                       atasan=pemeran.pegawai.jabatan, jenis=JenisJabatan.PELAKSANA)  # fmt: skip
    return PegawaiFactory(nama="Tono Bawahan", jabatan=j)


def _rhk(kasus):
    return kasus.skp.rhk.get()


def _beri(user, kasus, teks="Rekap desa lengkap.", **sasaran):
    sasaran = sasaran or {"jenis": HK, "rhk": _rhk(kasus)}
    return layanan.beri(user=user, penilaian=kasus.penilaian, teks=teks, **sasaran)


def test_penilai_memberi_per_rhk_indikator_dan_nilai_berakhlak(
    kasus, pemeran, django_capture_on_commit_callbacks
):
    rina = pemeran.atasan.user
    rhk = _rhk(kasus)
    ind = rhk.indikator.get(aspek="kualitas")
    perilaku = kasus.skp.perilaku.get(urutan=2)
    with django_capture_on_commit_callbacks(execute=True):  # three requests, one after another
        a = _beri(rina, kasus)
    with django_capture_on_commit_callbacks(execute=True):
        b = _beri(rina, kasus, "Kelengkapan 92%, naikkan.", jenis=HK, indikator=ind)
    with django_capture_on_commit_callbacks(execute=True):
        c = _beri(rina, kasus, "Jujur melaporkan data.", jenis=PK, perilaku=perilaku)
    assert (a.peran, a.periode, a.skp, a.rhk) == (
        PeranPemberi.PENILAI,
        kasus.periode,
        kasus.skp,
        rhk,
    )
    assert (b.rhk, b.indikator) == (rhk, ind)  # an indicator's feedback sits on its RHK row
    assert (c.jenis, c.perilaku, c.rhk) == (PK, perilaku, None)
    assert layanan.label_pemberi(a) == "Pimpinan (Rina Kasi)"
    # Three feedbacks in a row: one unread notice for the pegawai, opening the page.
    notif = Notifikasi.objects.get(penerima=pemeran.pegawai.user)
    assert notif.tautan == reverse("penilaian:detail", args=[kasus.penilaian.pk])
    assert "Pimpinan (Rina Kasi)" in notif.judul


def test_atasan_penilai_memberi_sebagai_atasan_pimpinan(kasus, pemeran):
    ub = _beri(pemeran.atasan_atasan.user, kasus)
    assert ub.peran == PeranPemberi.ATASAN_PENILAI
    assert layanan.label_pemberi(ub) == "Atasan pimpinan (Budi Kabid)"


def test_pegawai_tidak_memberi_umpan_balik_untuk_diri_sendiri(kasus, pemeran):
    with pytest.raises(PermissionDenied, match="balas"):
        _beri(pemeran.pegawai.user, kasus)
    assert not UmpanBalik.objects.exists()


@pytest.mark.parametrize("siapa", ["rekan_atasan", "orang_luar", "pegawai_lain", "admin_lain"])
def test_orang_di_luar_unit_dan_instansi_ditolak(kasus, pemeran, siapa):
    with pytest.raises(PermissionDenied):
        _beri(getattr(pemeran, siapa).user, kasus)
    with pytest.raises(PermissionDenied):
        layanan.beri_rekan(user=getattr(pemeran, siapa).user, pegawai=pemeran.pegawai, jenis=HK,
                           teks="Bagus.")  # fmt: skip
    assert not UmpanBalik.objects.exists()


def test_rekan_dan_bawahan_memberi_lewat_halaman_rekan(pemeran, rekan_seksi, bawahan, kasus):
    perilaku = kasus.skp.perilaku.get(urutan=7)
    a = layanan.beri_rekan(user=rekan_seksi.user, pegawai=pemeran.pegawai, jenis=HK,
                           teks="Selalu siap membantu rekap.")  # fmt: skip
    b = layanan.beri_rekan(user=bawahan.user, pegawai=pemeran.pegawai, jenis=PK,
                           perilaku=perilaku, teks="Membagi tugas dengan adil.")  # fmt: skip
    assert (a.peran, a.rhk, a.periode) == (PeranPemberi.REKAN, None, kasus.periode)
    assert layanan.label_pemberi(a) == "Rekan kerja (Sari Rekan)"
    assert (b.peran, b.perilaku) == (PeranPemberi.BAWAHAN, perilaku)
    assert layanan.label_pemberi(b) == "Bawahan (Tono Bawahan)"


def test_rekan_tidak_memberi_per_rhk(kasus, rekan_seksi):
    with pytest.raises(PermissionDenied, match="tidak per RHK"):
        _beri(rekan_seksi.user, kasus)


def test_umpan_balik_rekan_membuat_penilaian_periode_bila_belum_ada(
    pemeran, rekan_seksi, skp_disetujui, dalam_jendela_tw1
):
    assert not PenilaianPeriodik.objects.exists()
    ub = layanan.beri_rekan(user=rekan_seksi.user, pegawai=pemeran.pegawai, jenis=HK,
                            teks="Tepat waktu.")  # fmt: skip
    p = PenilaianPeriodik.objects.get()  # so the pegawai reads it on their evaluation page
    assert (p.pegawai, p.periode, p.skp) == (pemeran.pegawai, ub.periode, skp_disetujui)


def test_atasan_menulis_di_halaman_penilaian_bukan_halaman_rekan(kasus, pemeran, rekan_seksi):
    assert access.peran_rekan(pemeran.atasan.user, pemeran.pegawai) is None  # same seksi
    assert access.peran_rekan(pemeran.pegawai.user, pemeran.pegawai) is None
    assert access.peran_rekan(rekan_seksi.user, pemeran.pegawai) == PeranPemberi.REKAN
    with pytest.raises(PermissionDenied):
        layanan.beri_rekan(user=pemeran.atasan.user, pegawai=pemeran.pegawai, jenis=HK, teks="x")


def test_ubah_menyimpan_teks_sebelumnya(kasus, pemeran):
    ub = _beri(pemeran.atasan.user, kasus, "Versi pertama.")
    ub = layanan.ubah(user=pemeran.atasan.user, umpan_balik=ub, teks="Versi kedua.")
    ub = layanan.ubah(user=pemeran.atasan.user, umpan_balik=ub, teks="Versi kedua.")  # unchanged
    ub.refresh_from_db()
    assert ub.teks == "Versi kedua." and ub.diubah is not None
    assert list(RiwayatUmpanBalik.objects.values_list("teks", flat=True)) == ["Versi pertama."]


@pytest.mark.parametrize("siapa", ["pegawai", "atasan_atasan", "admin"])
def test_umpan_balik_orang_lain_tidak_dapat_diubah(kasus, pemeran, siapa):
    ub = _beri(pemeran.atasan.user, kasus, "Asli.")
    with pytest.raises(PermissionDenied, match="orang lain"):
        layanan.ubah(user=getattr(pemeran, siapa).user, umpan_balik=ub, teks="Dipalsukan.")
    ub.refresh_from_db()
    assert ub.teks == "Asli." and not RiwayatUmpanBalik.objects.exists()


def test_balasan_pegawai_dan_pemberi_dalam_satu_utas(
    kasus, pemeran, rekan_seksi, django_capture_on_commit_callbacks
):
    akar = _beri(pemeran.atasan.user, kasus, "Rekap Maret terlambat dua hari.")
    with django_capture_on_commit_callbacks(execute=True):
        b1 = layanan.balas(user=pemeran.pegawai.user, umpan_balik=akar,
                           teks="Data puskesmas B baru masuk tanggal 3.")  # fmt: skip
    b2 = layanan.balas(user=pemeran.atasan.user, umpan_balik=b1, teks="Baik, dicatat.")
    assert (b1.induk, b1.peran, b1.rhk) == (akar, PeranPemberi.PEGAWAI, akar.rhk)
    assert (b2.induk, b2.peran) == (akar, PeranPemberi.PENILAI)  # attached to the thread's root
    assert Notifikasi.objects.filter(
        penerima=pemeran.atasan.user, judul__contains="membalas"
    ).exists()
    for orang in (rekan_seksi, pemeran.atasan_atasan, pemeran.admin):
        with pytest.raises(PermissionDenied, match="membalas"):
            layanan.balas(user=orang.user, umpan_balik=akar, teks="Ikut menjawab.")
    assert akar.balasan.count() == 2


def test_balasan_atas_umpan_balik_rekan_diberitahukan_ke_halaman_rekan(
    kasus, pemeran, rekan_seksi, django_capture_on_commit_callbacks
):
    akar = layanan.beri_rekan(user=rekan_seksi.user, pegawai=pemeran.pegawai, jenis=HK,
                              teks="Membantu saya memahami format rekap.")  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        layanan.balas(user=pemeran.pegawai.user, umpan_balik=akar, teks="Terima kasih.")
    notif = Notifikasi.objects.get(penerima=rekan_seksi.user)
    assert notif.tautan == reverse("penilaian:umpan_balik_rekan", args=[pemeran.pegawai.pk])


@pytest.mark.parametrize(
    ("teks", "pesan"),
    [("", "Tulis isi umpan balik."), ("   \n ", "Tulis isi umpan balik."),
     ("x" * 4001, "paling panjang 4.000 karakter (sekarang 4.001)")],
)  # fmt: skip
def test_teks_kosong_atau_terlalu_panjang_ditolak(kasus, pemeran, teks, pesan):
    with pytest.raises(ValidationError, match=pesan.replace("(", r"\(").replace(")", r"\)")):
        _beri(pemeran.atasan.user, kasus, teks)
    ub = _beri(pemeran.atasan.user, kasus, "Asli.")
    with pytest.raises(ValidationError):
        layanan.ubah(user=pemeran.atasan.user, umpan_balik=ub, teks=teks)
    with pytest.raises(ValidationError):
        layanan.balas(user=pemeran.pegawai.user, umpan_balik=ub, teks=teks)
    assert UmpanBalik.objects.count() == 1 and UmpanBalik.objects.get().teks == "Asli."


def test_sasaran_dari_skp_lain_ditolak(kasus, pemeran, skp_atasan):
    perilaku_lain = skp_atasan.skp.perilaku.first()
    with pytest.raises(ValidationError, match="BerAKHLAK"):
        _beri(pemeran.atasan.user, kasus, jenis=PK, perilaku=perilaku_lain)
    with pytest.raises(ValidationError, match="bukan bagian SKP"):
        _beri(pemeran.atasan.user, kasus, jenis=HK, rhk=skp_atasan.rhk1)
    assert not UmpanBalik.objects.exists()


def test_setelah_final_tidak_dapat_diubah_tetapi_umpan_balik_baru_boleh(kasus, pemeran):
    beri_umpan_balik_lengkap(kasus.penilaian, pemeran.atasan)
    ub = UmpanBalik.objects.first()
    p = alur.nilai(user=pemeran.atasan.user, penilaian=kasus.penilaian,
                   rating_hasil_kerja="sesuai", rating_perilaku="sesuai")  # fmt: skip
    # Rated but not final yet: the penilai may still correct their text.
    layanan.ubah(user=pemeran.atasan.user, umpan_balik=ub, teks="Diperjelas sebelum final.")
    alur.terima(user=pemeran.pegawai.user, penilaian=p)
    with pytest.raises(ValidationError, match="sudah final"):
        layanan.ubah(user=pemeran.atasan.user, umpan_balik=ub, teks="Diubah setelah final.")
    ub.refresh_from_db()
    assert ub.teks == "Diperjelas sebelum final."
    baru = _beri(pemeran.atasan.user, kasus, "Catatan lanjutan setelah diterima.")
    assert baru.periode == kasus.periode
    layanan.balas(user=pemeran.pegawai.user, umpan_balik=ub, teks="Siap.")


def test_halaman_rekan_tidak_menampilkan_isi_skp_maupun_umpan_balik_orang_lain(
    client, kasus, pemeran, rekan_seksi
):
    ekspektasi = kasus.skp.perilaku.get(urutan=1)
    ekspektasi.ekspektasi_khusus = "Menjawab aduan dalam sehari."
    ekspektasi.save()
    _beri(pemeran.atasan.user, kasus, "Catatan pimpinan yang rahasia bagi rekan.")
    layanan.beri_rekan(user=rekan_seksi.user, pegawai=pemeran.pegawai, jenis=HK,
                       teks="Umpan balik saya sendiri.")  # fmt: skip
    client.force_login(rekan_seksi.user)
    html = client.get(reverse("penilaian:umpan_balik_rekan", args=[pemeran.pegawai.pk])).content
    html = html.decode()
    assert "Umpan balik saya sendiri." in html
    assert "Berorientasi Pelayanan" in html  # the standard BerAKHLAK texts are not SKP content
    rhk = _rhk(kasus)
    rahasia = [
        rhk.uraian, rhk.indikator.first().uraian, "Menjawab aduan dalam sehari.",
        "Catatan pimpinan yang rahasia", "Rating", "Predikat", "Ekspektasi",
    ]  # fmt: skip
    for teks in rahasia:
        assert teks not in html, teks
    # and the evaluation page itself stays out of reach
    url = reverse("penilaian:detail", args=[kasus.penilaian.pk])
    assert client.get(url).status_code == 404
