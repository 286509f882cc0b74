"""The approval workflow: every move's happy path (with its history row), the wrong state and
the wrong person; routing to the penilai in force; revisions; comments; the pages."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from organisasi.models import PenugasanSementara
from skp import services
from skp.models import Komentar, Notifikasi, RiwayatStatus, Skp, StatusSkp
from skp.selectors import kotak_masuk, penilai_aktif
from skp.workflow import TRANSISI
from tests.skp.conftest import menunggu_di, setujui_skp_atasan_tertaut, tambah_kkw


def ajukan(pemeran, skp: Skp) -> Skp:
    return services.ajukan(user=pemeran.pegawai.user, skp=skp)


def disetujui(pemeran, skp: Skp) -> Skp:
    ajukan(pemeran, skp)
    return services.setujui(user=pemeran.atasan.user, skp=skp)


def riwayat(skp: Skp) -> list[tuple[str, str, str]]:
    return list(RiwayatStatus.objects.filter(skp=skp).values_list("aksi", "dari", "ke"))


# --- ajukan ---------------------------------------------------------------------------------


def test_ajukan_menjadi_diajukan_dengan_riwayat_dan_cuplikan(pemeran, skp_pegawai):
    skp = ajukan(pemeran, skp_pegawai)
    skp.refresh_from_db()
    assert skp.status == StatusSkp.DIAJUKAN
    assert skp.diajukan_pada is not None
    r = RiwayatStatus.objects.get(skp=skp)
    assert (r.aksi, r.dari, r.ke, r.oleh) == ("ajukan", "draf", "diajukan", pemeran.pegawai.user)
    assert r.cuplikan["rhk"][0]["uraian"] == "Tersedianya rekap data imunisasi per desa"
    assert len(r.cuplikan["rhk"][0]["indikator"]) == 3


def test_ajukan_dua_kali_ditolak_tanpa_riwayat_kedua(pemeran, skp_pegawai):
    ajukan(pemeran, skp_pegawai)
    with pytest.raises(ValidationError, match="SKP ini sudah diajukan."):
        ajukan(pemeran, skp_pegawai)
    assert RiwayatStatus.objects.filter(skp=skp_pegawai).count() == 1


@pytest.mark.parametrize("siapa", ["atasan", "rekan_atasan", "admin"])
def test_ajukan_hanya_oleh_pemilik(pemeran, skp_pegawai, siapa):
    with pytest.raises(PermissionDenied):
        services.ajukan(user=getattr(pemeran, siapa).user, skp=skp_pegawai)
    assert not RiwayatStatus.objects.exists()


def test_ajukan_ditolak_bila_belum_lengkap(pemeran, skp_atasan):
    # The atasan's fixture SKP has RHK without indicators.
    with pytest.raises(ValidationError) as e:
        services.ajukan(user=pemeran.atasan.user, skp=skp_atasan.skp)
    pesan = " ".join(e.value.messages)
    assert "SKP belum dapat diajukan" in pesan
    assert "belum memiliki indikator kinerja" in pesan
    skp_atasan.skp.refresh_from_db()
    assert skp_atasan.skp.status == StatusSkp.DRAF


def test_ajukan_dari_halaman_lama_ditolak(pemeran, skp_pegawai):
    revisi_lama = skp_pegawai.revisi
    services.lampiran_ubah(user=pemeran.pegawai.user, skp=skp_pegawai,
                           dukungan_sumber_daya="Laptop", skema_pertanggungjawaban="",
                           konsekuensi="")  # fmt: skip
    with pytest.raises(services.SkpKedaluwarsa, match="diubah di tab atau perangkat lain"):
        services.ajukan(user=pemeran.pegawai.user, skp=skp_pegawai, revisi=revisi_lama)


def test_skp_dibuat_sebelum_atasan_tercatat_dapat_diajukan_setelah_dilengkapi(
    pemeran, skp_atasan, tahun
):
    # Created while the atasan's record was not usable (inactive, nobody above): no penilai.
    pemeran.atasan.jabatan.atasan = None
    pemeran.atasan.jabatan.save()
    pemeran.atasan.aktif = False
    pemeran.atasan.save()
    user = pemeran.pegawai.user
    skp = services.skp_buat(user=user, tahun=tahun)
    assert skp.penilai is None and skp.penilai_nama == ""
    # The admin fixes the record; the pegawai completes the SKP.
    pemeran.atasan.aktif = True
    pemeran.atasan.save()
    rhk = services.rhk_tambah(
        user=user, skp=skp, jenis="utama", uraian="Rekap imunisasi", rhk_atasan=skp_atasan.rhk1
    )
    tambah_kkw(user, rhk)
    assert services.periksa_kelengkapan(skp) == []
    skp = ajukan(pemeran, skp)
    skp.refresh_from_db()
    assert skp.status == StatusSkp.DIAJUKAN
    assert (skp.penilai, skp.penilai_nama, skp.penilai_nip, skp.penilai_jabatan) == (
        pemeran.atasan,
        pemeran.atasan.nama_lengkap,
        pemeran.atasan.nip,
        "Kepala Seksi Surveilans",
    )
    assert skp.penilai_unit_kerja == "Seksi Surveilans"


def test_ajukan_memperbarui_identitas_yang_berubah_sejak_dibuat(pemeran, skp_pegawai):
    # Since creation the pegawai moved under another Kasi and got a degree.
    pegawai = pemeran.pegawai
    pegawai.jabatan.atasan = pemeran.rekan_atasan.jabatan
    pegawai.jabatan.save()
    pegawai.gelar_belakang = "S.Kom."
    pegawai.save()
    skp = ajukan(pemeran, skp_pegawai)
    skp.refresh_from_db()
    assert skp.penilai == pemeran.rekan_atasan
    assert skp.penilai_nama == pemeran.rekan_atasan.nama_lengkap
    assert skp.penilai_jabatan == "Kepala Seksi Imunisasi"
    assert skp.pegawai_nama == "Rudi Pelaksana, S.Kom."
    # Frozen at approval: later changes of either person do not reach the approved SKP.
    services.setujui(user=pemeran.rekan_atasan.user, skp=skp)
    pemeran.rekan_atasan.gelar_belakang = "M.Kes."
    pemeran.rekan_atasan.save()
    pegawai.jabatan.atasan = pemeran.atasan.jabatan
    pegawai.jabatan.save()
    skp.refresh_from_db()
    assert (skp.penilai, skp.penilai_nama) == (pemeran.rekan_atasan, "Eko Kasi")
    assert skp.pegawai_nama == "Rudi Pelaksana, S.Kom."


# --- kembalikan -----------------------------------------------------------------------------


def test_kembalikan_dengan_catatan_dan_komentar_per_butir(pemeran, skp_pegawai):
    ajukan(pemeran, skp_pegawai)
    rhk = skp_pegawai.rhk.get()
    ind = rhk.indikator.get(aspek="kualitas")
    services.kembalikan(
        user=pemeran.atasan.user,
        skp=skp_pegawai,
        catatan="Target kualitas terlalu rendah.",
        komentar_rhk={rhk.pk: "Perjelas hasilnya."},
        komentar_indikator={ind.pk: "Naikkan ke 95%."},
    )
    skp_pegawai.refresh_from_db()
    assert skp_pegawai.status == StatusSkp.DIKEMBALIKAN
    r = RiwayatStatus.objects.get(skp=skp_pegawai, aksi="kembalikan")
    assert (r.dari, r.ke, r.oleh, r.catatan) == (
        "diajukan", "dikembalikan", pemeran.atasan.user, "Target kualitas terlalu rendah."
    )  # fmt: skip
    komentar = {(k.rhk_id, k.indikator_id): k.teks for k in Komentar.objects.filter(putaran=r)}
    assert komentar == {
        (None, None): "Target kualitas terlalu rendah.",
        (rhk.pk, None): "Perjelas hasilnya.",
        (rhk.pk, ind.pk): "Naikkan ke 95%.",
    }


def test_kembalikan_tanpa_catatan_ditolak(pemeran, skp_pegawai):
    ajukan(pemeran, skp_pegawai)
    with pytest.raises(ValidationError, match="Tuliskan catatan"):
        services.kembalikan(user=pemeran.atasan.user, skp=skp_pegawai, catatan="  ")
    skp_pegawai.refresh_from_db()
    assert skp_pegawai.status == StatusSkp.DIAJUKAN


def test_kembalikan_draf_ditolak_dengan_alasan(pemeran, skp_pegawai):
    with pytest.raises(ValidationError, match="masih draf dan belum diajukan"):
        services.kembalikan(user=pemeran.atasan.user, skp=skp_pegawai, catatan="x")


@pytest.mark.parametrize("siapa", ["pegawai", "atasan_atasan", "rekan_atasan", "admin"])
def test_kembalikan_hanya_oleh_penilai(pemeran, skp_pegawai, siapa):
    ajukan(pemeran, skp_pegawai)
    with pytest.raises(PermissionDenied):
        services.kembalikan(user=getattr(pemeran, siapa).user, skp=skp_pegawai, catatan="x")
    assert RiwayatStatus.objects.filter(skp=skp_pegawai).count() == 1


def test_komentar_ditandai_sudah_diperbaiki_oleh_pemilik(pemeran, skp_pegawai):
    ajukan(pemeran, skp_pegawai)
    services.kembalikan(user=pemeran.atasan.user, skp=skp_pegawai, catatan="Perbaiki.")
    k = Komentar.objects.get()
    with pytest.raises(PermissionDenied):
        services.komentar_tandai(user=pemeran.atasan.user, komentar=k, ditangani=True)
    k = services.komentar_tandai(user=pemeran.pegawai.user, komentar=k, ditangani=True)
    assert k.ditangani and k.ditangani_pada is not None


# --- setujui --------------------------------------------------------------------------------


def test_setujui_mencatat_riwayat_dan_penilai_yang_menyetujui(pemeran, skp_pegawai):
    skp = disetujui(pemeran, skp_pegawai)
    skp.refresh_from_db()
    assert skp.status == StatusSkp.DISETUJUI
    assert riwayat(skp) == [("ajukan", "draf", "diajukan"), ("setujui", "diajukan", "disetujui")]
    assert skp.penilai == pemeran.atasan
    assert skp.penilai_nama == pemeran.atasan.nama_lengkap


def test_setujui_dua_kali_ditolak(pemeran, skp_pegawai):
    disetujui(pemeran, skp_pegawai)
    with pytest.raises(ValidationError, match="SKP ini sudah disetujui."):
        services.setujui(user=pemeran.atasan.user, skp=skp_pegawai)
    assert RiwayatStatus.objects.filter(skp=skp_pegawai, aksi="setujui").count() == 1


def test_setujui_draf_ditolak(pemeran, skp_pegawai):
    with pytest.raises(ValidationError, match="masih draf"):
        services.setujui(user=pemeran.atasan.user, skp=skp_pegawai)


@pytest.mark.parametrize("siapa", ["pegawai", "atasan_atasan", "rekan_atasan", "admin"])
def test_setujui_hanya_oleh_penilai(pemeran, skp_pegawai, siapa):
    ajukan(pemeran, skp_pegawai)
    with pytest.raises(PermissionDenied):
        services.setujui(user=getattr(pemeran, siapa).user, skp=skp_pegawai)


def test_skp_disetujui_tidak_dapat_diubah_siapa_pun(pemeran, skp_pegawai):
    disetujui(pemeran, skp_pegawai)
    for user in (pemeran.pegawai.user, pemeran.atasan.user):
        with pytest.raises(PermissionDenied):
            services.rhk_tambah(user=user, skp=skp_pegawai, jenis="utama", uraian="Baru")
    with pytest.raises(PermissionDenied):
        services.ekspektasi_ubah(user=pemeran.atasan.user,
                                 perilaku=skp_pegawai.perilaku.first(), ekspektasi_khusus="x")  # fmt: skip


def test_dikembalikan_lalu_diajukan_lagi(pemeran, skp_pegawai):
    ajukan(pemeran, skp_pegawai)
    services.kembalikan(user=pemeran.atasan.user, skp=skp_pegawai, catatan="Perbaiki.")
    ind = skp_pegawai.rhk.get().indikator.get(aspek="kualitas")
    services.indikator_ubah(user=pemeran.pegawai.user, indikator=ind, aspek="kualitas",
                            uraian=ind.uraian, target_min=Decimal(95), satuan="%")  # fmt: skip
    ajukan(pemeran, skp_pegawai)
    services.setujui(user=pemeran.atasan.user, skp=skp_pegawai)
    assert [a for a, _, _ in riwayat(skp_pegawai)] == ["ajukan", "kembalikan", "ajukan", "setujui"]


# --- routing --------------------------------------------------------------------------------


def test_plt_atasan_menjadi_penilai_dan_skp_pindah_kotak_masuk(pemeran, skp_pegawai):
    ajukan(pemeran, skp_pegawai)
    assert kotak_masuk(pemeran.atasan) == [skp_pegawai]
    hari_ini = timezone.localdate()
    PenugasanSementara.objects.create(
        jabatan=pemeran.atasan.jabatan, pegawai=pemeran.rekan_atasan,
        mulai=hari_ini - timedelta(days=1), selesai=hari_ini + timedelta(days=30),
    )  # fmt: skip
    assert penilai_aktif(skp_pegawai) == pemeran.rekan_atasan
    assert kotak_masuk(pemeran.atasan) == []
    assert [s.pk for s in kotak_masuk(pemeran.rekan_atasan)] == [skp_pegawai.pk]
    with pytest.raises(PermissionDenied):
        services.setujui(user=pemeran.atasan.user, skp=skp_pegawai)
    skp = services.setujui(user=pemeran.rekan_atasan.user, skp=skp_pegawai)
    assert skp.penilai_nama == pemeran.rekan_atasan.nama_lengkap


def test_admin_mengalihkan_penilai(pemeran, skp_pegawai):
    ajukan(pemeran, skp_pegawai)
    with pytest.raises(PermissionDenied):
        services.alihkan_penilai(user=pemeran.atasan.user, skp=skp_pegawai,
                                 penilai=pemeran.atasan_atasan)  # fmt: skip
    with pytest.raises(PermissionDenied):
        services.alihkan_penilai(user=pemeran.admin_lain.user, skp=skp_pegawai,
                                 penilai=pemeran.atasan_atasan)  # fmt: skip
    services.alihkan_penilai(user=pemeran.admin.user, skp=skp_pegawai,
                             penilai=pemeran.atasan_atasan, catatan="Kasi cuti panjang")  # fmt: skip
    assert RiwayatStatus.objects.filter(skp=skp_pegawai, aksi="alihkan_penilai").count() == 1
    assert kotak_masuk(pemeran.atasan) == []
    assert [s.pk for s in kotak_masuk(pemeran.atasan_atasan)] == [skp_pegawai.pk]
    with pytest.raises(PermissionDenied):
        services.setujui(user=pemeran.atasan.user, skp=skp_pegawai)
    services.setujui(user=pemeran.atasan_atasan.user, skp=skp_pegawai)


def test_tidak_ada_yang_menyetujui_skp_sendiri(pemeran, skp_pegawai):
    with pytest.raises(ValidationError, match="sendiri"):
        services.alihkan_penilai(user=pemeran.admin.user, skp=skp_pegawai,
                                 penilai=pemeran.pegawai)  # fmt: skip
    # Even when the pegawai is Plt of their own superior's position.
    hari_ini = timezone.localdate()
    PenugasanSementara.objects.create(
        jabatan=pemeran.atasan.jabatan, pegawai=pemeran.pegawai,
        mulai=hari_ini, selesai=hari_ini + timedelta(days=5),
    )  # fmt: skip
    assert penilai_aktif(skp_pegawai) != pemeran.pegawai


# --- revisi ---------------------------------------------------------------------------------


@pytest.mark.parametrize("siapa", ["pegawai", "atasan"])
def test_buka_revisi_membuat_versi_baru_dan_yang_lama_tetap_berlaku(pemeran, skp_pegawai, siapa):
    disetujui(pemeran, skp_pegawai)
    baru = services.buka_revisi(user=getattr(pemeran, siapa).user, skp=skp_pegawai,
                                catatan="Mutasi tugas")  # fmt: skip
    skp_pegawai.refresh_from_db()
    assert skp_pegawai.status == StatusSkp.DISETUJUI
    assert (baru.versi, baru.status) == (2, StatusSkp.DRAF)
    rhk_lama, rhk_baru = skp_pegawai.rhk.get(), baru.rhk.get()
    assert rhk_baru.pk != rhk_lama.pk
    assert rhk_baru.rhk_atasan_id == rhk_lama.rhk_atasan_id  # cascade link copied
    assert rhk_baru.indikator.count() == 3
    assert baru.perilaku.count() == 7
    assert riwayat(baru) == [("buka_revisi", "", "draf")]


def test_revisi_disetujui_mengganti_versi_lama(pemeran, skp_pegawai):
    disetujui(pemeran, skp_pegawai)
    baru = services.buka_revisi(user=pemeran.pegawai.user, skp=skp_pegawai)
    ajukan(pemeran, baru)
    services.setujui(user=pemeran.atasan.user, skp=baru)
    skp_pegawai.refresh_from_db()
    baru.refresh_from_db()
    assert (skp_pegawai.status, baru.status) == (StatusSkp.DIGANTI, StatusSkp.DISETUJUI)
    assert riwayat(skp_pegawai)[-1] == ("ganti", "disetujui", "diganti")


def test_buka_revisi_kedua_ditolak(pemeran, skp_pegawai):
    disetujui(pemeran, skp_pegawai)
    services.buka_revisi(user=pemeran.pegawai.user, skp=skp_pegawai)
    with pytest.raises(ValidationError, match="sudah dibuka"):
        services.buka_revisi(user=pemeran.pegawai.user, skp=skp_pegawai)


def test_buka_revisi_dari_draf_ditolak(pemeran, skp_pegawai):
    with pytest.raises(ValidationError, match="masih draf"):
        services.buka_revisi(user=pemeran.pegawai.user, skp=skp_pegawai)


@pytest.mark.parametrize("siapa", ["rekan_atasan", "admin", "atasan_atasan"])
def test_buka_revisi_orang_lain_ditolak(pemeran, skp_pegawai, siapa):
    disetujui(pemeran, skp_pegawai)
    with pytest.raises(PermissionDenied):
        services.buka_revisi(user=getattr(pemeran, siapa).user, skp=skp_pegawai)


# --- pages ----------------------------------------------------------------------------------


def url(nama: str, skp: Skp) -> str:
    return reverse(f"skp:{nama}", args=[skp.pk])


def test_tangga_izin_ajukan(client, pemeran, skp_pegawai):
    r = client.post(url("ajukan", skp_pegawai))
    assert r.status_code == 302 and "/masuk/" in r.url
    client.force_login(pemeran.pegawai_lain.user)
    assert client.post(url("ajukan", skp_pegawai)).status_code == 404
    client.force_login(pemeran.atasan.user)
    assert client.post(url("ajukan", skp_pegawai)).status_code == 403
    client.force_login(pemeran.pegawai.user)
    skp_pegawai.refresh_from_db()
    r = client.post(url("ajukan", skp_pegawai), {"revisi": skp_pegawai.revisi})
    assert r.status_code == 302 and r.url == url("detail", skp_pegawai)
    skp_pegawai.refresh_from_db()
    assert skp_pegawai.status == StatusSkp.DIAJUKAN
    # A double click: the second post is told why, and nothing else happens.
    r = client.post(url("ajukan", skp_pegawai), {"revisi": skp_pegawai.revisi - 1}, follow=True)
    assert "SKP ini sudah diajukan." in r.content.decode()
    assert RiwayatStatus.objects.filter(skp=skp_pegawai).count() == 1


def test_tangga_izin_setujui_dan_tombol_sesuai_can(client, pemeran, skp_pegawai):
    ajukan(pemeran, skp_pegawai)
    client.force_login(pemeran.orang_luar.user)
    assert client.post(url("setujui", skp_pegawai)).status_code == 404
    client.force_login(pemeran.pegawai.user)
    assert "Setujui SKP" not in client.get(url("detail", skp_pegawai)).content.decode()
    assert client.post(url("setujui", skp_pegawai)).status_code == 403
    client.force_login(pemeran.atasan_atasan.user)
    assert "Setujui SKP" not in client.get(url("detail", skp_pegawai)).content.decode()
    assert client.post(url("setujui", skp_pegawai)).status_code == 403
    client.force_login(pemeran.atasan.user)
    assert "Setujui SKP" in client.get(url("detail", skp_pegawai)).content.decode()
    assert client.post(url("setujui", skp_pegawai)).status_code == 302
    skp_pegawai.refresh_from_db()
    assert skp_pegawai.status == StatusSkp.DISETUJUI


def test_halaman_kembalikan_dengan_komentar_indikator(client, pemeran, skp_pegawai):
    ajukan(pemeran, skp_pegawai)
    ind = skp_pegawai.rhk.get().indikator.get(aspek="waktu")
    client.force_login(pemeran.atasan.user)
    r = client.post(url("kembalikan", skp_pegawai), {
        "catatan": "Perbaiki waktu.", f"komentar_indikator_{ind.pk}": "Dua hari terlalu lama.",
    })  # fmt: skip
    assert r.status_code == 302
    client.force_login(pemeran.pegawai.user)
    halaman = client.get(url("detail", skp_pegawai)).content.decode()
    assert "Dua hari terlalu lama." in halaman
    assert "Perbaiki waktu." in halaman
    assert "Tandai sudah diperbaiki" in halaman


def test_tandai_komentar_htmx_dan_biasa(client, pemeran, skp_pegawai):
    ajukan(pemeran, skp_pegawai)
    services.kembalikan(user=pemeran.atasan.user, skp=skp_pegawai, catatan="Perbaiki.")
    k = Komentar.objects.get()
    alamat = reverse("skp:komentar_tandai", args=[skp_pegawai.pk, k.pk])
    client.force_login(pemeran.atasan.user)
    assert client.post(alamat, {"ditangani": "1"}).status_code == 403
    client.force_login(pemeran.pegawai.user)
    r = client.post(alamat, {"ditangani": "1"}, headers={"HX-Request": "true"})
    assert r.status_code == 200 and f'id="komentar-{k.pk}"' in r.content.decode()
    assert "Sudah diperbaiki" in r.content.decode()
    r = client.post(alamat, {"ditangani": "0"})
    assert r.status_code == 302
    k.refresh_from_db()
    assert not k.ditangani


def test_atasan_melihat_perubahan_sejak_pengajuan_sebelumnya(client, pemeran, skp_pegawai):
    ajukan(pemeran, skp_pegawai)
    services.kembalikan(user=pemeran.atasan.user, skp=skp_pegawai, catatan="Perbaiki.")
    ind = skp_pegawai.rhk.get().indikator.get(aspek="kualitas")
    services.indikator_ubah(user=pemeran.pegawai.user, indikator=ind, aspek="kualitas",
                            uraian=ind.uraian, target_min=Decimal(95), satuan="%")  # fmt: skip
    ajukan(pemeran, skp_pegawai)
    client.force_login(pemeran.atasan.user)
    halaman = client.get(url("detail", skp_pegawai)).content.decode()
    assert "Perubahan sejak pengajuan sebelumnya" in halaman
    assert "90–100 %" in halaman and "95 %" in halaman


def test_edit_dari_halaman_lama_409_untuk_htmx(client, pemeran, skp_pegawai):
    rhk = skp_pegawai.rhk.get()
    client.force_login(pemeran.pegawai.user)
    data = {"jenis": "utama", "uraian": "Baru", "rhk_atasan": rhk.rhk_atasan_id,
            "revisi": skp_pegawai.revisi - 1}  # fmt: skip
    alamat = reverse("skp:rhk_ubah", args=[skp_pegawai.pk, rhk.pk])
    r = client.post(alamat, data, headers={"HX-Request": "true"})
    assert r.status_code == 409
    assert "sudah diubah di tab atau perangkat lain" in r.content.decode()
    r = client.post(alamat, data, follow=True)
    assert "sudah diubah di tab atau perangkat lain" in r.content.decode()
    rhk.refresh_from_db()
    assert rhk.uraian != "Baru"


def test_kotak_masuk_dan_lencana_navbar(client, pemeran, skp_pegawai):
    client.force_login(pemeran.atasan.user)
    r = client.get(reverse("skp:kotak_masuk"))
    assert "Tidak ada SKP yang menunggu" in r.content.decode()
    assert "Belum mengajukan SKP tahun" in r.content.decode()
    ajukan(pemeran, skp_pegawai)
    r = client.get(reverse("skp:kotak_masuk"))
    halaman = r.content.decode()
    assert skp_pegawai.pegawai_nama in halaman and "menunggu sejak hari ini" in halaman
    assert "SKP menunggu keputusan" in halaman  # the navbar badge
    client.force_login(pemeran.rekan_atasan.user)
    assert skp_pegawai.pegawai_nama not in client.get(reverse("skp:kotak_masuk")).content.decode()


def test_kotak_masuk_terlama_di_atas(pemeran, skp_pegawai):
    ajukan(pemeran, skp_pegawai)
    Skp.objects.filter(pk=skp_pegawai.pk).update(diajukan_pada=timezone.now() - timedelta(days=3))
    s = kotak_masuk(pemeran.atasan)[0]
    assert s.pk == skp_pegawai.pk


def test_bandingkan_versi(client, pemeran, skp_pegawai):
    disetujui(pemeran, skp_pegawai)
    baru = services.buka_revisi(user=pemeran.pegawai.user, skp=skp_pegawai)
    services.rhk_tambah(user=pemeran.pegawai.user, skp=baru, jenis="tambahan",
                        uraian="Terlaksananya pelatihan kader")  # fmt: skip
    client.force_login(pemeran.atasan.user)
    r = client.get(reverse("skp:bandingkan", args=[skp_pegawai.pk, baru.pk]))
    assert r.status_code == 200
    assert "RHK baru" in r.content.decode()
    client.force_login(pemeran.pegawai_lain.user)
    assert client.get(reverse("skp:bandingkan", args=[skp_pegawai.pk, baru.pk])).status_code == 404


def test_halaman_notifikasi_tandai_dibaca(
    client, pemeran, skp_pegawai, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        ajukan(pemeran, skp_pegawai)
    client.force_login(pemeran.atasan.user)
    r = client.get(reverse("skp:notifikasi"))
    assert "menunggu persetujuan Anda" in r.content.decode()
    n = Notifikasi.objects.get(penerima=pemeran.atasan.user)
    r = client.post(reverse("skp:notifikasi"), {"notifikasi": n.pk, "lanjut": n.tautan})
    assert r.status_code == 302 and r.url == url("detail", skp_pegawai)
    n.refresh_from_db()
    assert n.dibaca


def _skp_diajukan(pemeran, tahun: int, n: int) -> None:
    """`n` more bawahan of the atasan, each with an SKP waiting (written directly: only the
    inbox query is under test here)."""
    from tests.factories import JabatanFactory, PegawaiFactory

    for i in range(n):
        p = PegawaiFactory(
            jabatan=JabatanFactory(
                unit_kerja=pemeran.atasan.jabatan.unit_kerja, atasan=pemeran.atasan.jabatan
            )
        )
        Skp.objects.create(
            pegawai=p, instansi=p.instansi, tahun=tahun, status=StatusSkp.DIAJUKAN,
            jenis_formulir="administrasi", pegawai_nama=p.nama, pegawai_nip=p.nip,
            diajukan_pada=timezone.now() - timedelta(days=i),
        )  # fmt: skip


@pytest.mark.usefixtures("jawaban_selalu_dihitung")
@pytest.mark.parametrize("jumlah", [2, 12])
def test_kotak_masuk_jumlah_kueri_tetap(
    client, pemeran, tahun, jumlah, django_assert_max_num_queries
):
    _skp_diajukan(pemeran, tahun, jumlah)
    client.force_login(pemeran.atasan.user)
    with django_assert_max_num_queries(22):
        r = client.get(reverse("skp:kotak_masuk"))
    menunggu = menunggu_di(r.content.decode())
    assert len(menunggu) == jumlah
    # Oldest submission first.
    diajukan = Skp.objects.in_bulk(menunggu)
    waktu = [diajukan[pk].diajukan_pada for pk in menunggu]
    assert waktu == sorted(waktu)


def test_revisi_atasan_disetujui_memindahkan_tautan_bawahan(
    pemeran, skp_pegawai, skp_atasan, tahun
):
    from tests.skp.conftest import tambah_kkw

    atasan, aa = pemeran.atasan.user, pemeran.atasan_atasan.user
    skp_aa = services.skp_buat(user=aa, tahun=tahun)
    rhk_aa = services.rhk_tambah(user=aa, skp=skp_aa, jenis="utama", uraian="Terkendalinya KLB")
    skp_a = skp_atasan.skp
    for r in (skp_atasan.rhk1, skp_atasan.rhk2):
        tambah_kkw(atasan, r)
        services.rhk_ubah(user=atasan, rhk=r, jenis="utama", uraian=r.uraian, rhk_atasan=rhk_aa)
    services.ajukan(user=atasan, skp=skp_a)
    services.setujui(user=aa, skp=skp_a)
    baru = services.buka_revisi(user=atasan, skp=skp_a)
    services.ajukan(user=atasan, skp=baru)
    # While the revision is pending, the bawahan keeps the link to the version in force.
    assert skp_pegawai.rhk.get().rhk_atasan_id == skp_atasan.rhk1.pk
    services.setujui(user=aa, skp=baru)
    rhk_bawahan = skp_pegawai.rhk.get()
    assert rhk_bawahan.rhk_atasan.skp_id == baru.pk
    assert rhk_bawahan.rhk_atasan.asal_id == skp_atasan.rhk1.pk


def test_tangga_izin_alihkan_penilai(client, pemeran, skp_pegawai):
    ajukan(pemeran, skp_pegawai)
    alamat = url("alihkan_penilai", skp_pegawai)
    data = {"penilai": pemeran.atasan_atasan.pk, "catatan": "Kasi cuti"}
    assert "/masuk/" in client.post(alamat, data).url
    client.force_login(pemeran.admin_lain.user)
    assert client.post(alamat, data).status_code == 404
    client.force_login(pemeran.atasan.user)
    assert "Alihkan pejabat penilai" not in client.get(url("detail", skp_pegawai)).content.decode()
    assert client.post(alamat, data).status_code == 403
    client.force_login(pemeran.admin.user)
    assert "Alihkan pejabat penilai" in client.get(url("detail", skp_pegawai)).content.decode()
    assert client.post(alamat, data).status_code == 302
    skp_pegawai.refresh_from_db()
    assert skp_pegawai.penilai_ditetapkan == pemeran.atasan_atasan
    # Once approved it can no longer be reassigned.
    services.setujui(user=pemeran.atasan_atasan.user, skp=skp_pegawai)
    assert client.post(alamat, data).status_code == 403


def test_status_salah_dijelaskan_dalam_bahasa_indonesia(client, pemeran, skp_pegawai):
    client.force_login(pemeran.atasan.user)
    ajukan(pemeran, skp_pegawai)
    services.setujui(user=pemeran.atasan.user, skp=skp_pegawai)
    r = client.post(url("kembalikan", skp_pegawai), {"catatan": "x"}, follow=True)
    assert "SKP ini sudah disetujui." in r.content.decode()
    assert RiwayatStatus.objects.filter(skp=skp_pegawai, aksi="kembalikan").count() == 0


# --- stale decisions ------------------------------------------------------------------------


def _dikembalikan_lalu_diajukan_lagi(pemeran, skp: Skp) -> None:
    """Tab B: the atasan returns it; the pegawai raises a target and resubmits."""
    services.kembalikan(user=pemeran.atasan.user, skp=skp, catatan="Naikkan target kualitas.")
    ind = skp.rhk.get().indikator.get(aspek="kualitas")
    services.indikator_ubah(user=pemeran.pegawai.user, indikator=ind, aspek="kualitas",
                            uraian=ind.uraian, target_min=Decimal(95), satuan="%")  # fmt: skip
    ajukan(pemeran, skp)


@pytest.mark.parametrize("aksi", ["setujui", "kembalikan"])
def test_keputusan_dari_halaman_lama_ditolak(pemeran, skp_pegawai, aksi):
    ajukan(pemeran, skp_pegawai)
    skp_pegawai.refresh_from_db()
    revisi_tab_a = skp_pegawai.revisi  # tab A opened the SKP as first submitted
    _dikembalikan_lalu_diajukan_lagi(pemeran, skp_pegawai)
    jumlah = RiwayatStatus.objects.filter(skp=skp_pegawai).count()
    kwargs = {"catatan": "Perbaiki."} if aksi == "kembalikan" else {}
    with pytest.raises(services.SkpKedaluwarsa, match="diubah di tab atau perangkat lain"):
        getattr(services, aksi)(
            user=pemeran.atasan.user, skp=skp_pegawai, revisi=revisi_tab_a, **kwargs
        )
    skp_pegawai.refresh_from_db()
    assert skp_pegawai.status == StatusSkp.DIAJUKAN
    assert RiwayatStatus.objects.filter(skp=skp_pegawai).count() == jumlah
    assert Komentar.objects.filter(skp=skp_pegawai).count() == 1  # tab B's note only


def _revisi_di_form(halaman: str, aksi: str) -> int:
    """The hidden `revisi` of the decision form (one form, #form-tinjauan, for both decisions:
    Kembalikan is its action, Setujui a button's formaction) that posts to skp:<aksi> (named
    "revisi": the name skp.js keeps current after the penilai's own edits on the page)."""
    import re

    form = re.search(r'<form [^>]*id="form-tinjauan".*?</form>', halaman, re.S)
    assert form, "form keputusan tidak ada"
    assert re.search(
        rf'(action|formaction)="/skp/\d+/{aksi}/"[^>]*(id="form-tinjauan"|form="form-tinjauan")'
        rf'|form="form-tinjauan"[^>]*formaction="/skp/\d+/{aksi}/"',
        halaman,
    ), f"tombol {aksi} tidak ada"
    m = re.search(r'<input type="hidden" name="revisi" value="(\d+)">', form.group(0))
    assert m, f"form {aksi} tanpa revisi"
    return int(m.group(1))


@pytest.mark.parametrize("aksi", ["setujui", "kembalikan"])
def test_halaman_keputusan_dari_tab_lama_ditolak_tanpa_perubahan(
    client, pemeran, skp_pegawai, aksi
):
    ajukan(pemeran, skp_pegawai)
    client.force_login(pemeran.atasan.user)
    tab_a = client.get(url("detail", skp_pegawai)).content.decode()
    revisi_tab_a = _revisi_di_form(tab_a, aksi)
    _dikembalikan_lalu_diajukan_lagi(pemeran, skp_pegawai)
    catatan = {"catatan": "x"} if aksi == "kembalikan" else {}  # a note on Setujui is asked about
    r = client.post(url(aksi, skp_pegawai), {"revisi": revisi_tab_a, **catatan}, follow=True)
    assert "SKP ini sudah diubah di tab atau perangkat lain" in r.content.decode()
    skp_pegawai.refresh_from_db()
    assert skp_pegawai.status == StatusSkp.DIAJUKAN
    assert [a for a, _, _ in riwayat(skp_pegawai)] == ["ajukan", "kembalikan", "ajukan"]
    # The page as it is now decides.
    revisi = _revisi_di_form(client.get(url("detail", skp_pegawai)).content.decode(), aksi)
    assert client.post(url(aksi, skp_pegawai), {"revisi": revisi, **catatan}).status_code == 302
    skp_pegawai.refresh_from_db()
    assert skp_pegawai.status == TRANSISI[aksi].ke


def test_setujui_setelah_mengisi_ekspektasi_di_halaman_yang_sama(client, pemeran, skp_pegawai):
    import json

    ajukan(pemeran, skp_pegawai)
    client.force_login(pemeran.atasan.user)
    revisi_halaman = _revisi_di_form(client.get(url("detail", skp_pegawai)).content.decode(),
                                     "setujui")  # fmt: skip
    respons = client.post(
        reverse("skp:ekspektasi_ubah", args=[skp_pegawai.pk, 1]),
        {
            "ekspektasi_khusus": "Membalas aduan warga dalam satu hari kerja",
            "revisi": revisi_halaman,
        },
        headers={"HX-Request": "true"},
    )
    assert respons.status_code == 200
    # skp.js sets every input[name="revisi"] on the page, the decision forms' included, to this.
    revisi_baru = json.loads(respons["HX-Trigger"])["skp:revisi"]["revisi"]
    assert revisi_baru == revisi_halaman + 1
    r = client.post(url("setujui", skp_pegawai), {"revisi": revisi_baru}, follow=True)
    assert "sudah diubah di tab atau perangkat lain" not in r.content.decode()
    skp_pegawai.refresh_from_db()
    assert skp_pegawai.status == StatusSkp.DISETUJUI


# --- the cascade when an atasan's revision is approved --------------------------------------


def _bawahan_lain(pemeran):
    from tests.factories import JabatanFactory, PegawaiFactory

    return PegawaiFactory(
        nama="Sari Pelaksana",
        jabatan=JabatanFactory(unit_kerja=pemeran.atasan.jabatan.unit_kerja,
                               atasan=pemeran.atasan.jabatan, nama="Pengolah Data"),
    )  # fmt: skip


def test_revisi_atasan_disetujui_hanya_memindahkan_tautan_skp_yang_masih_disusun(
    pemeran, skp_pegawai, skp_atasan, tahun, django_capture_on_commit_callbacks, monkeypatch
):
    monkeypatch.setattr("skp.services.alur.terbitkan_setelah_disetujui", lambda pk: None)
    atasan, aa = pemeran.atasan.user, pemeran.atasan_atasan.user
    setujui_skp_atasan_tertaut(pemeran, skp_atasan, tahun)
    # Rudi: v1 approved, then revised and v2 approved (v1 Diganti); both intervene rhk1.
    v1 = disetujui(pemeran, skp_pegawai)
    v2 = disetujui(pemeran, services.buka_revisi(user=pemeran.pegawai.user, skp=v1))
    # Sari: a draft that intervenes rhk1.
    sari = _bawahan_lain(pemeran)
    skp_sari = services.skp_buat(user=sari.user, tahun=tahun)
    rhk_sari = services.rhk_tambah(user=sari.user, skp=skp_sari, jenis="utama",
                                   uraian="Tersedianya data kasus", rhk_atasan=skp_atasan.rhk1)  # fmt: skip
    skp_sari.refresh_from_db()
    revisi_sari = skp_sari.revisi
    baru = services.buka_revisi(user=atasan, skp=skp_atasan.skp)
    services.ajukan(user=atasan, skp=baru)
    Notifikasi.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        services.setujui(user=aa, skp=baru)
    rhk1_baru = baru.rhk.get(asal=skp_atasan.rhk1)
    # Approved and replaced documents are not rewritten.
    for v in (v1, v2):
        v.refresh_from_db()
        assert v.rhk.get().rhk_atasan_id == skp_atasan.rhk1.pk
        assert not RiwayatStatus.objects.filter(skp=v, aksi="tautan_atasan").exists()
    assert (v1.status, v2.status) == (StatusSkp.DIGANTI, StatusSkp.DISETUJUI)
    # The draft follows the version in force, with its revisi bumped, a history row and a notice.
    rhk_sari.refresh_from_db()
    skp_sari.refresh_from_db()
    assert rhk_sari.rhk_atasan_id == rhk1_baru.pk
    assert skp_sari.revisi == revisi_sari + 1
    r = RiwayatStatus.objects.get(skp=skp_sari, aksi="tautan_atasan")
    assert (r.dari, r.ke) == ("draf", "draf") and "RHK Utama 1" in r.catatan
    n = Notifikasi.objects.get(penerima=sari.user)
    assert "Tautan RHK pimpinan" in n.judul and "versi 2" in n.isi
    assert n.tautan == url("detail", skp_sari)
    assert not Notifikasi.objects.filter(penerima=pemeran.pegawai.user).exists()
    # A form Sari opened before the move cannot write the old link back.
    with pytest.raises(services.SkpKedaluwarsa):
        services.rhk_ubah(user=sari.user, rhk=rhk_sari, jenis="utama", uraian="Data kasus",
                          rhk_atasan=skp_atasan.rhk1, revisi=revisi_sari)  # fmt: skip


# --- identity of a revision -----------------------------------------------------------------


def test_buka_revisi_memotret_ulang_identitas_pegawai_dan_penilai(pemeran, skp_pegawai):
    from tests.factories import JabatanFactory

    v1 = disetujui(pemeran, skp_pegawai)
    v1.refresh_from_db()
    lama = (v1.pegawai_jabatan, v1.pegawai_unit_kerja, v1.pegawai_pangkat, v1.penilai_nama)
    # Mutasi to Seksi Imunisasi (under Eko Kasi) with a promotion, then a revision.
    pegawai = pemeran.pegawai
    pegawai.jabatan = JabatanFactory(
        unit_kerja=pemeran.rekan_atasan.jabatan.unit_kerja, atasan=pemeran.rekan_atasan.jabatan,
        nama="Pengelola Data Imunisasi",
    )  # fmt: skip
    pegawai.golongan = "III/b"
    pegawai.gelar_belakang = "S.Kom."
    pegawai.save()
    baru = services.buka_revisi(user=pegawai.user, skp=v1)
    baru.refresh_from_db()
    assert (baru.pegawai_nama, baru.pegawai_jabatan, baru.pegawai_unit_kerja) == (
        "Rudi Pelaksana, S.Kom.", "Pengelola Data Imunisasi", "Seksi Imunisasi"
    )  # fmt: skip
    assert baru.pegawai_pangkat == pegawai.pangkat_golongan and "III/b" in baru.pegawai_pangkat
    assert baru.pegawai_nip == pegawai.nip
    assert (baru.penilai, baru.penilai_nama, baru.penilai_jabatan, baru.penilai_unit_kerja) == (
        pemeran.rekan_atasan, "Eko Kasi", "Kepala Seksi Imunisasi", "Seksi Imunisasi"
    )  # fmt: skip
    # The approved version keeps what was agreed.
    v1.refresh_from_db()
    assert (v1.pegawai_jabatan, v1.pegawai_unit_kerja, v1.pegawai_pangkat, v1.penilai_nama) == lama


# --- diffs between versions -----------------------------------------------------------------


def test_pengajuan_pertama_revisi_menunjukkan_perubahan_dibanding_versi_berlaku(
    client, pemeran, skp_pegawai
):
    v1 = disetujui(pemeran, skp_pegawai)
    baru = services.buka_revisi(user=pemeran.pegawai.user, skp=v1)
    ind = baru.rhk.get().indikator.get(aspek="kualitas")
    services.indikator_ubah(user=pemeran.pegawai.user, indikator=ind, aspek="kualitas",
                            uraian=ind.uraian, target_min=Decimal(95), satuan="%")  # fmt: skip
    ajukan(pemeran, baru)
    client.force_login(pemeran.atasan.user)
    halaman = client.get(url("detail", baru)).content.decode()
    assert "Perubahan dibanding versi 1 yang berlaku" in halaman
    assert "Perubahan sejak pengajuan sebelumnya" not in halaman
    perubahan = halaman.split('id="perubahan"')[1].split("</section>")[0]
    assert "90–100 %" in perubahan and "95 %" in perubahan
    # A first submission that is not a revision has nothing to compare with.
    services.setujui(user=pemeran.atasan.user, skp=baru)
    sari = _bawahan_lain(pemeran)
    skp_sari = services.skp_buat(user=sari.user, tahun=baru.tahun)
    rhk = services.rhk_tambah(user=sari.user, skp=skp_sari, jenis="utama", uraian="Data kasus",
                              rhk_atasan=pemeran.atasan.skp.get().rhk.first())  # fmt: skip
    tambah_kkw(sari.user, rhk)
    services.ajukan(user=sari.user, skp=skp_sari)
    halaman = client.get(url("detail", skp_sari)).content.decode()
    assert 'id="perubahan"' not in halaman


def _rhk_kedua(pemeran, skp: Skp, rhk_atasan) -> None:
    rhk = services.rhk_tambah(user=pemeran.pegawai.user, skp=skp, jenis="utama",
                              uraian="Terlaksananya validasi data imunisasi", rhk_atasan=rhk_atasan)  # fmt: skip
    tambah_kkw(pemeran.pegawai.user, rhk)


def test_bandingkan_versi_memasangkan_rhk_menurut_asalnya(client, pemeran, skp_pegawai, skp_atasan):
    from skp.cuplikan import bandingkan, buat_cuplikan

    pegawai = pemeran.pegawai.user
    _rhk_kedua(pemeran, skp_pegawai, skp_atasan.rhk2)
    v1 = disetujui(pemeran, skp_pegawai)
    v2 = services.buka_revisi(user=pegawai, skp=v1)
    # One RHK inserted at the top: the two that were there move down to Utama 2 and 3.
    sisip = services.rhk_tambah(user=pegawai, skp=v2, jenis="utama",
                                uraian="Terlaksananya sweeping imunisasi", rhk_atasan=skp_atasan.rhk1)  # fmt: skip
    tambah_kkw(pegawai, sisip)
    services.rhk_pindah(user=pegawai, rhk=sisip, arah="naik")
    services.rhk_pindah(user=pegawai, rhk=sisip, arah="naik")
    assert [r.uraian for r in v2.rhk.order_by("urutan")][0] == "Terlaksananya sweeping imunisasi"

    def keadaan(lama: Skp, baru: Skp) -> list[tuple[str, str]]:
        beda = bandingkan(buat_cuplikan(lama), buat_cuplikan(baru), antar_versi=True)
        return [(r.keadaan, r.isi["uraian"]) for r in beda.rhk if r.berubah or r.keadaan == "sama"]

    assert keadaan(v1, v2) == [
        ("tambah", "Terlaksananya sweeping imunisasi"),
        ("sama", "Tersedianya rekap data imunisasi per desa"),
        ("sama", "Terlaksananya validasi data imunisasi"),
    ]
    client.force_login(pemeran.atasan.user)
    halaman = client.get(reverse("skp:bandingkan", args=[v1.pk, v2.pk])).content.decode()
    assert halaman.count("RHK baru") == 1 and "RHK diubah" not in halaman
    # Across two revisions (v1 with v3) the RHK are still followed through v2.
    disetujui(pemeran, v2)
    v3 = services.buka_revisi(user=pegawai, skp=v2)
    assert [k for k, _ in keadaan(v1, v3)] == ["tambah", "sama", "sama"]


def test_bandingkan_cuplikan_tanpa_asal_memakai_posisi():
    from skp.cuplikan import bandingkan

    def rhk(i: int, urutan: int, uraian: str) -> dict:
        return {"id": i, "jenis": "utama", "urutan": urutan, "label": f"Utama {urutan}",
                "uraian": uraian, "tautan": "", "perspektif": "", "indikator": []}  # fmt: skip

    beda = bandingkan({"rhk": [rhk(1, 1, "A")]}, {"rhk": [rhk(7, 1, "A"), rhk(8, 2, "B")]},
                      antar_versi=True)  # fmt: skip
    assert [r.keadaan for r in beda.rhk] == ["sama", "tambah"]


# --- names ending with a full stop ----------------------------------------------------------


def test_nama_bergelar_tidak_diikuti_titik_ganda(
    client, pemeran, skp_pegawai, django_capture_on_commit_callbacks, monkeypatch
):
    monkeypatch.setattr("skp.services.alur.terbitkan_setelah_disetujui", lambda pk: None)
    for p in (pemeran.atasan, pemeran.atasan_atasan):
        p.gelar_belakang = "S.E."
        p.save()
    client.force_login(pemeran.pegawai.user)
    skp_pegawai.refresh_from_db()
    r = client.post(url("ajukan", skp_pegawai), {"revisi": skp_pegawai.revisi}, follow=True)
    halaman = r.content.decode()
    assert "SKP diajukan kepada Rina Kasi, S.E. Anda akan" in halaman
    assert "<strong>Rina Kasi, S.E.</strong></p>" in halaman
    assert "S.E.." not in halaman and "S.E.</strong>." not in halaman
    client.force_login(pemeran.admin.user)
    r = client.post(url("alihkan_penilai", skp_pegawai),
                    {"penilai": pemeran.atasan_atasan.pk}, follow=True)  # fmt: skip
    assert "dialihkan kepada Budi Kabid, S.E." in r.content.decode()
    assert "S.E.." not in r.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        services.setujui(user=pemeran.atasan_atasan.user, skp=skp_pegawai)
    n = Notifikasi.objects.get(penerima=pemeran.pegawai.user)
    assert n.isi == f"SKP tahun {skp_pegawai.tahun} versi 1 disetujui oleh Budi Kabid, S.E."
    catatan = RiwayatStatus.objects.get(skp=skp_pegawai, aksi="alihkan_penilai").catatan
    assert catatan == "Pejabat penilai dialihkan kepada Budi Kabid, S.E."


# --- comments on deleted items --------------------------------------------------------------


def test_komentar_pada_butir_yang_dihapus_tetap_tampil_dan_dapat_ditandai(
    client, pemeran, skp_pegawai, skp_atasan
):
    pegawai = pemeran.pegawai.user
    _rhk_kedua(pemeran, skp_pegawai, skp_atasan.rhk2)
    ajukan(pemeran, skp_pegawai)
    rhk1, rhk2 = skp_pegawai.rhk.order_by("urutan")
    ind = rhk1.indikator.get(aspek="waktu")
    services.kembalikan(
        user=pemeran.atasan.user, skp=skp_pegawai, catatan="Perbaiki.",
        komentar_rhk={rhk2.pk: "RHK ini tumpang tindih dengan Utama 1."},
        komentar_indikator={ind.pk: "Dua hari terlalu lama."},
    )  # fmt: skip
    services.indikator_hapus(user=pegawai, indikator=ind)
    services.rhk_hapus(user=pegawai, rhk=rhk2)
    client.force_login(pemeran.pegawai.user)
    halaman = client.get(url("detail", skp_pegawai)).content.decode()
    assert "Komentar pada butir yang sudah dihapus" in halaman
    bagian = halaman.split('id="komentar-dihapus"')[1].split("</section>")[0]
    assert "RHK ini tumpang tindih dengan Utama 1." in bagian
    assert "RHK yang sudah dihapus, semula: “RHK Utama 2: Terlaksananya validasi data" in bagian
    assert "Dua hari terlalu lama." in bagian
    assert "Indikator yang sudah dihapus, semula: “Indikator RHK Utama 1: Rekap selesai" in bagian
    assert "Komentar pada RHK ini" not in halaman
    assert bagian.count("Tandai sudah diperbaiki") == 2
    k = Komentar.objects.get(teks="Dua hari terlalu lama.")
    r = client.post(reverse("skp:komentar_tandai", args=[skp_pegawai.pk, k.pk]),
                    {"ditangani": "1"}, headers={"HX-Request": "true"})  # fmt: skip
    assert r.status_code == 200 and "Sudah diperbaiki" in r.content.decode()
    assert "Indikator yang sudah dihapus" in r.content.decode()
    # The note on the whole SKP is not an item comment.
    assert "SKP secara keseluruhan" not in bagian
    # The htmx swap after a deletion brings the list along.
    client.force_login(pemeran.pegawai.user)
    r = client.post(reverse("skp:rhk_hapus", args=[skp_pegawai.pk, rhk1.pk]),
                    headers={"HX-Request": "true"})  # fmt: skip
    assert 'id="komentar-dihapus"' in r.content.decode()


def test_migrasi_mengisi_butir_komentar_lama(pemeran, skp_pegawai):
    import importlib

    from django.apps import apps

    migrasi = importlib.import_module("skp.migrations.0006_komentar_butir")
    ajukan(pemeran, skp_pegawai)
    rhk = skp_pegawai.rhk.get()
    ind = rhk.indikator.first()
    services.kembalikan(user=pemeran.atasan.user, skp=skp_pegawai, catatan="Perbaiki.",
                        komentar_rhk={rhk.pk: "a"}, komentar_indikator={ind.pk: "b"})  # fmt: skip
    putaran = RiwayatStatus.objects.get(aksi="kembalikan")
    Komentar.objects.create(skp=skp_pegawai, putaran=putaran, teks="c",
                            sasaran="RHK Utama 2: yang dihapus")  # fmt: skip
    Komentar.objects.create(skp=skp_pegawai, putaran=putaran, teks="d",
                            sasaran="Indikator RHK Utama 2: yang dihapus")  # fmt: skip
    Komentar.objects.update(butir="skp")  # as before the field existed
    migrasi.isi_butir(apps, None)
    assert dict(Komentar.objects.values_list("teks", "butir")) == {
        "Perbaiki.": "skp", "a": "rhk", "b": "indikator", "c": "rhk", "d": "indikator"
    }  # fmt: skip


def test_perubahan_rencana_bukti_dukung_terlihat_oleh_penilai(pemeran, skp_pegawai):
    """Asked in a comment to add the evidence, the pegawai adds it: the penilai must see that."""
    from skp.cuplikan import bandingkan, buat_cuplikan

    ind = skp_pegawai.rhk.get().indikator.get(aspek="kualitas")
    lama = buat_cuplikan(Skp.objects.get(pk=skp_pegawai.pk))
    services.indikator_ubah(user=pemeran.pegawai.user, indikator=ind, aspek="kualitas",
                            uraian=ind.uraian, target_min=ind.target_min,
                            target_maks=ind.target_maks, satuan=ind.satuan,
                            rencana_bukti_dukung="Berita acara verifikasi data")  # fmt: skip
    baru = buat_cuplikan(Skp.objects.get(pk=skp_pegawai.pk))

    perubahan = [p for r in bandingkan(lama, baru).rhk for i in r.indikator for p in i.perubahan]
    assert [(p.kolom, p.baru) for p in perubahan] == [
        ("Rencana bukti dukung", "Berita acara verifikasi data")
    ]
    # A snapshot stored before the field was recorded reports no change for it.
    for r in lama["rhk"]:
        for i in r["indikator"]:
            del i["bukti"]
    assert not [p for r in bandingkan(lama, baru).rhk for i in r.indikator for p in i.perubahan]
