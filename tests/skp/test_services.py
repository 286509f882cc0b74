"""Creating and editing an SKP: snapshot, copy, the drafting rules with their Indonesian messages
(nothing half-saved when refused), order, cascade links and the completeness checklist."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from organisasi.models import JenisJabatan, PenugasanSementara
from skp import services
from skp.berakhlak import BERAKHLAK
from skp.models import IndikatorKinerja, RencanaHasilKerja, Skp, StatusSkp
from skp.target import baca_angka, tampil_angka
from tests.factories import JabatanFactory, PegawaiFactory
from tests.skp.conftest import tambah_kkw


def pesan(e: pytest.ExceptionInfo) -> dict[str, list[str]]:
    return e.value.message_dict


def test_buat_skp_mengisi_identitas_pegawai_dan_penilai(pemeran, tahun):
    skp = services.skp_buat(user=pemeran.pegawai.user, tahun=tahun)

    p, a = pemeran.pegawai, pemeran.atasan
    assert (skp.pegawai_nama, skp.pegawai_nip, skp.pegawai_pangkat) == (
        p.nama_lengkap,
        p.nip,
        p.pangkat_golongan,
    )
    assert skp.pegawai_jabatan == "Pengelola Data"
    assert skp.pegawai_unit_kerja == "Seksi Surveilans"
    assert skp.instansi_nama == "Pemerintah Kabupaten Contoh"
    assert skp.penilai == a
    assert (skp.penilai_nama, skp.penilai_nip, skp.penilai_jabatan) == (
        a.nama_lengkap,
        a.nip,
        "Kepala Seksi Surveilans",
    )
    assert skp.penilai_unit_kerja == "Seksi Surveilans"
    assert (skp.status, skp.versi, skp.revisi) == (StatusSkp.DRAF, 1, 0)
    assert (skp.jenis_formulir, skp.pendekatan) == ("administrasi", "kuantitatif")
    assert [r.nilai_inti for r in skp.perilaku.all()] == [n for n, _ in BERAKHLAK]
    assert "Ramah, cekatan, solutif" in skp.perilaku.get(urutan=1).panduan


def test_identitas_skp_tetap_walau_pegawai_dimutasi(pemeran, tahun):
    skp = services.skp_buat(user=pemeran.pegawai.user, tahun=tahun)
    pemeran.pegawai.nama = "Nama Baru"
    pemeran.pegawai.save()
    pemeran.pegawai.jabatan.nama = "Jabatan Baru"
    pemeran.pegawai.jabatan.save()

    skp.refresh_from_db()
    assert skp.pegawai_nama == "Rudi Pelaksana"
    assert skp.pegawai_jabatan == "Pengelola Data"


def test_skp_jpt_memakai_formulir_jpt_tanpa_penilai_di_aplikasi(pemeran, tahun):
    skp = services.skp_buat(user=pemeran.kepala.user, tahun=tahun, pendekatan="kualitatif")
    assert skp.jenis_formulir == "jpt" and skp.jpt
    assert skp.pendekatan == "kualitatif"
    assert skp.penilai is None and skp.penilai_nama == ""


def test_penilai_adalah_plt_yang_berlaku(pemeran, tahun):
    plt = PegawaiFactory(
        nama="Plt Kasi", jabatan=JabatanFactory(unit_kerja=pemeran.atasan.jabatan.unit_kerja)
    )
    PenugasanSementara.objects.create(
        jabatan=pemeran.atasan.jabatan,
        pegawai=plt,
        mulai=date(tahun, 1, 1),
        selesai=date(tahun, 12, 31),
    )
    skp = services.skp_buat(user=pemeran.pegawai.user, tahun=tahun)
    assert skp.penilai == plt and skp.penilai_nama == plt.nama_lengkap


def test_satu_skp_berlaku_per_pegawai_per_tahun(pemeran, tahun):
    skp = services.skp_buat(user=pemeran.pegawai.user, tahun=tahun)
    with pytest.raises(ValidationError) as e:
        services.skp_buat(user=pemeran.pegawai.user, tahun=tahun)
    assert pesan(e)["tahun"] == [
        f"SKP tahun {tahun} sudah ada. Buka SKP tersebut untuk melanjutkan."
    ]
    # The database refuses it too, whoever writes.
    with pytest.raises(IntegrityError), transaction.atomic():
        Skp.objects.create(
            pegawai=skp.pegawai, instansi=skp.instansi, tahun=tahun, versi=2,
            jenis_formulir="administrasi",
        )  # fmt: skip
    assert Skp.objects.count() == 1


def test_versi_baru_boleh_setelah_versi_lama_diganti(pemeran, tahun):
    lama = services.skp_buat(user=pemeran.pegawai.user, tahun=tahun)
    Skp.objects.filter(pk=lama.pk).update(status=StatusSkp.DIGANTI)
    baru = services.skp_buat(user=pemeran.pegawai.user, tahun=tahun)
    assert baru.versi == 2


def test_status_tidak_sah_ditolak_basis_data(pemeran, tahun):
    skp = services.skp_buat(user=pemeran.pegawai.user, tahun=tahun)
    with pytest.raises(IntegrityError), transaction.atomic():
        Skp.objects.filter(pk=skp.pk).update(status="dibatalkan")


def test_tahun_di_luar_rentang_ditolak(pemeran, tahun):
    with pytest.raises(ValidationError) as e:
        services.skp_buat(user=pemeran.pegawai.user, tahun=2019)
    assert pesan(e)["tahun"] == [f"Pilih tahun antara 2022 dan {tahun + 1}."]
    assert not Skp.objects.exists()


def test_pengguna_tanpa_data_pegawai_tidak_dapat_membuat_skp(superuser, tahun):
    with pytest.raises(PermissionDenied):
        services.skp_buat(user=superuser, tahun=tahun)


def test_salin_dari_tahun_lalu_menyalin_isi_tanpa_tautan_dan_status(pemeran, skp_atasan, tahun):
    user = pemeran.pegawai.user
    lalu = services.skp_buat(user=user, tahun=tahun - 1)
    # Last year's atasan RHK: an RHK of the atasan's SKP of last year.
    skp_atasan_lalu = services.skp_buat(user=pemeran.atasan.user, tahun=tahun - 1)
    rhk_atasan_lalu = services.rhk_tambah(
        user=pemeran.atasan.user, skp=skp_atasan_lalu, jenis="utama", uraian="RHK atasan lalu"
    )
    r1 = services.rhk_tambah(
        user=user, skp=lalu, jenis="utama", uraian="RHK satu", rhk_atasan=rhk_atasan_lalu
    )
    services.rhk_tambah(user=user, skp=lalu, jenis="tambahan", uraian="RHK tambahan")
    tambah_kkw(user, r1)
    services.indikator_tambah(
        user=user, rhk=r1, aspek="waktu", uraian="Laporan tahunan", target_min=None,
        satuan="", target_tanggal=date(tahun - 1, 12, 31),
    )  # fmt: skip
    services.lampiran_ubah(
        user=user, skp=lalu, dukungan_sumber_daya="Anggaran seksi",
        skema_pertanggungjawaban="Laporan bulanan", konsekuensi="Teguran",
    )  # fmt: skip
    Skp.objects.filter(pk=lalu.pk).update(status=StatusSkp.DISETUJUI)

    baru = services.skp_buat(user=user, tahun=tahun, salin=True)

    assert baru.status == StatusSkp.DRAF and baru.tahun == tahun
    assert [
        (r.jenis, r.urutan, r.uraian, r.rhk_atasan_id) for r in baru.rhk.order_by("-jenis")
    ] == [
        ("utama", 1, "RHK satu", None),
        ("tambahan", 1, "RHK tambahan", None),
    ]
    salinan = baru.rhk.get(jenis="utama").indikator.order_by("pk")
    assert [(i.aspek, i.target_min, i.target_maks, i.satuan) for i in salinan] == [
        ("kuantitas", Decimal(52), None, "laporan"),
        ("kualitas", Decimal(90), Decimal(100), "%"),
        ("waktu", Decimal(2), None, "hari"),
        ("waktu", None, None, ""),
    ]
    assert salinan[0].rencana_bukti_dukung == "Rekap mingguan"
    assert salinan[3].target_tanggal == date(tahun, 12, 31)  # moved into the new year
    assert (baru.dukungan_sumber_daya, baru.konsekuensi) == ("Anggaran seksi", "Teguran")
    assert baru.perilaku.count() == 7
    assert lalu.rhk.count() == 2, "the source is untouched"


def test_salin_tanpa_skp_tahun_lalu_ditolak_tanpa_membuat_apa_pun(pemeran, tahun):
    with pytest.raises(ValidationError) as e:
        services.skp_buat(user=pemeran.pegawai.user, tahun=tahun, salin=True)
    assert pesan(e)["salin"] == [f"Tidak ada SKP tahun {tahun - 1} yang dapat disalin."]
    assert not Skp.objects.exists()


# --- RHK and the cascade -----------------------------------------------------------------


def test_rhk_tanpa_uraian_ditolak(pemeran, tahun):
    skp = services.skp_buat(user=pemeran.pegawai.user, tahun=tahun)
    with pytest.raises(ValidationError) as e:
        services.rhk_tambah(user=pemeran.pegawai.user, skp=skp, jenis="utama", uraian="   ")
    assert pesan(e)["uraian"] == ["Tuliskan rencana hasil kerja."]
    assert not skp.rhk.exists()


def test_tautan_ke_rhk_atasan_sendiri_diterima(pemeran, skp_atasan, skp_pegawai):
    rhk = skp_pegawai.rhk.get()
    assert rhk.rhk_atasan == skp_atasan.rhk1
    assert skp_atasan.rhk1.rhk_intervensi.get() == rhk


@pytest.mark.parametrize("pemilik_rhk", ["rekan_atasan", "atasan_atasan", "pegawai_lain"])
def test_tautan_ke_rhk_yang_bukan_milik_atasan_ditolak(pemeran, skp_pegawai, tahun, pemilik_rhk):
    orang = getattr(pemeran, pemilik_rhk)
    lain = services.skp_buat(user=orang.user, tahun=tahun)
    rhk_lain = services.rhk_tambah(user=orang.user, skp=lain, jenis="utama", uraian="RHK lain")
    revisi = Skp.objects.get(pk=skp_pegawai.pk).revisi

    with pytest.raises(ValidationError) as e:
        services.rhk_tambah(
            user=pemeran.pegawai.user,
            skp=skp_pegawai,
            jenis="utama",
            uraian="RHK kedua",
            rhk_atasan=rhk_lain.pk,
        )
    assert pesan(e)["rhk_atasan"] == [
        f"RHK pimpinan yang dipilih bukan RHK atasan Anda tahun {tahun}. "
        "Pilih dari daftar RHK atasan."
    ]
    assert skp_pegawai.rhk.count() == 1
    assert Skp.objects.get(pk=skp_pegawai.pk).revisi == revisi


def test_tautan_ke_rhk_atasan_tahun_lain_ditolak(pemeran, skp_pegawai, tahun):
    lalu = services.skp_buat(user=pemeran.atasan.user, tahun=tahun - 1)
    rhk_lalu = services.rhk_tambah(user=pemeran.atasan.user, skp=lalu, jenis="utama", uraian="x")
    with pytest.raises(ValidationError) as e:
        services.rhk_ubah(
            user=pemeran.pegawai.user, rhk=skp_pegawai.rhk.get(), jenis="utama",
            uraian="RHK", rhk_atasan=rhk_lalu,
        )  # fmt: skip
    assert "rhk_atasan" in pesan(e)
    assert skp_pegawai.rhk.get().uraian == "Tersedianya rekap data imunisasi per desa"


def test_rhk_boleh_disusun_sebelum_atasan_menyusun_rhk(pemeran, tahun):
    skp = services.skp_buat(user=pemeran.pegawai.user, tahun=tahun)
    rhk = services.rhk_tambah(user=pemeran.pegawai.user, skp=skp, jenis="utama", uraian="RHK awal")
    assert rhk.rhk_atasan is None
    assert any("belum ditautkan ke RHK pimpinan" in m for m in services.periksa_kelengkapan(skp))


def test_tautan_lama_tetap_walau_atasan_berganti(pemeran, skp_atasan, skp_pegawai):
    # The pegawai moves under another atasan: the agreed link may stay while editing the text.
    pemeran.pegawai.jabatan.atasan = pemeran.rekan_atasan.jabatan
    pemeran.pegawai.jabatan.save()
    rhk = services.rhk_ubah(
        user=pemeran.pegawai.user, rhk=skp_pegawai.rhk.get(), jenis="utama",
        uraian="Teks baru", rhk_atasan=skp_atasan.rhk1.pk,
    )  # fmt: skip
    assert rhk.rhk_atasan == skp_atasan.rhk1 and rhk.uraian == "Teks baru"


def test_hanya_pemilik_yang_mengubah(pemeran, skp_pegawai):
    rhk = skp_pegawai.rhk.get()
    for orang in (pemeran.atasan, pemeran.atasan_atasan, pemeran.admin):
        with pytest.raises(PermissionDenied):
            services.rhk_ubah(user=orang.user, rhk=rhk, jenis="utama", uraian="diubah atasan")
        with pytest.raises(PermissionDenied):
            services.lampiran_ubah(
                user=orang.user, skp=skp_pegawai, dukungan_sumber_daya="x",
                skema_pertanggungjawaban="", konsekuensi="",
            )  # fmt: skip
    assert skp_pegawai.rhk.get().uraian == "Tersedianya rekap data imunisasi per desa"


@pytest.mark.parametrize("status", [StatusSkp.DIAJUKAN, StatusSkp.DISETUJUI, StatusSkp.DIGANTI])
def test_skp_yang_bukan_draf_tidak_dapat_diubah(pemeran, skp_pegawai, status):
    Skp.objects.filter(pk=skp_pegawai.pk).update(status=status)
    with pytest.raises(PermissionDenied):
        services.rhk_tambah(user=pemeran.pegawai.user, skp=skp_pegawai, jenis="utama", uraian="x")
    with pytest.raises(PermissionDenied):
        services.indikator_hapus(
            user=pemeran.pegawai.user, indikator=IndikatorKinerja.objects.first()
        )
    assert IndikatorKinerja.objects.count() == 3


def test_skp_dikembalikan_dapat_diubah_lagi(pemeran, skp_pegawai):
    Skp.objects.filter(pk=skp_pegawai.pk).update(status=StatusSkp.DIKEMBALIKAN)
    services.rhk_tambah(user=pemeran.pegawai.user, skp=skp_pegawai, jenis="utama", uraian="x")
    assert skp_pegawai.rhk.count() == 2


# --- order -------------------------------------------------------------------------------


def urutan(skp: Skp, jenis: str = "utama") -> list[tuple[int, str]]:
    return list(skp.rhk.filter(jenis=jenis).order_by("urutan").values_list("urutan", "uraian"))


def test_urutan_tetap_rapat_setelah_pindah_hapus_dan_ganti_jenis(pemeran, tahun):
    user = pemeran.pegawai.user
    skp = services.skp_buat(user=user, tahun=tahun)
    a, b, c, _d = (services.rhk_tambah(user=user, skp=skp, jenis="utama", uraian=x) for x in "ABCD")
    services.rhk_pindah(user=user, rhk=c, arah="naik")
    assert urutan(skp) == [(1, "A"), (2, "C"), (3, "B"), (4, "D")]
    services.rhk_pindah(user=user, rhk=a, arah="turun")
    assert urutan(skp) == [(1, "C"), (2, "A"), (3, "B"), (4, "D")]

    services.rhk_hapus(user=user, rhk=c)
    assert urutan(skp) == [(1, "A"), (2, "B"), (3, "D")]

    services.rhk_ubah(user=user, rhk=b, jenis="tambahan", uraian="B")
    assert urutan(skp) == [(1, "A"), (2, "D")]
    assert urutan(skp, "tambahan") == [(1, "B")]


def test_pindah_di_ujung_tidak_mengubah_apa_pun(pemeran, tahun):
    user = pemeran.pegawai.user
    skp = services.skp_buat(user=user, tahun=tahun)
    a = services.rhk_tambah(user=user, skp=skp, jenis="utama", uraian="A")
    b = services.rhk_tambah(user=user, skp=skp, jenis="utama", uraian="B")
    services.rhk_pindah(user=user, rhk=a, arah="naik")
    services.rhk_pindah(user=user, rhk=b, arah="turun")
    assert urutan(skp) == [(1, "A"), (2, "B")]


def test_revisi_naik_pada_setiap_perubahan(pemeran, skp_pegawai):
    awal = Skp.objects.get(pk=skp_pegawai.pk).revisi
    assert awal == 4  # one RHK and three indicators
    rhk = skp_pegawai.rhk.get()
    services.rhk_ubah(user=pemeran.pegawai.user, rhk=rhk, jenis="utama", uraian="x")
    services.ekspektasi_ubah(
        user=pemeran.atasan.user, perilaku=skp_pegawai.perilaku.first(), ekspektasi_khusus="y"
    )
    assert Skp.objects.get(pk=skp_pegawai.pk).revisi == awal + 2


# --- indicators and targets ---------------------------------------------------------------


def indikator(**ubah) -> dict:
    data = {
        "aspek": "kuantitas",
        "uraian": "Jumlah laporan",
        "target_min": Decimal(12),
        "target_maks": None,
        "satuan": "laporan",
        "target_tanggal": None,
    }
    return {**data, **ubah}


@pytest.mark.parametrize(
    ("ubah", "kolom", "isi"),
    [
        ({"uraian": ""}, "uraian", "Tuliskan indikator kinerja individu."),
        ({"aspek": ""}, "aspek", "Pilih aspek indikator: Kuantitas, Kualitas, Waktu, atau Biaya."),
        ({"target_min": None}, "target_min", "Isi target berupa angka, misalnya 12 atau 99,5."),
        ({"target_min": Decimal(-1)}, "target_min", "Target tidak boleh bernilai negatif."),
        ({"satuan": " "}, "satuan", "Isi satuan target, misalnya dokumen, %, orang, atau hari."),
        (
            {"target_min": Decimal(100), "target_maks": Decimal(80)},
            "target_maks",
            "Batas atas rentang tidak boleh lebih kecil dari batas bawah (100).",
        ),
        (
            {"target_min": None, "target_maks": Decimal(80)},
            "target_min",
            "Isi batas bawah rentang target.",
        ),
        (
            {"aspek": "waktu", "satuan": "dokumen"},
            "satuan",
            "Aspek Waktu memakai satuan waktu (hari, minggu, bulan, triwulan, tahun) atau "
            "tanggal tenggat.",
        ),
        (
            {"aspek": "waktu", "target_min": None, "satuan": ""},
            "target_min",
            "Isi target waktu berupa angka (misalnya 12 bulan) atau tanggal tenggat.",
        ),
        (
            {"aspek": "biaya", "satuan": "dokumen"},
            "satuan",
            "Aspek Biaya memakai satuan uang: rupiah atau Rp.",
        ),
        (
            {"target_tanggal": date(2026, 6, 30)},
            "target_tanggal",
            "Tanggal tenggat hanya dipakai untuk aspek Waktu.",
        ),
        (
            {
                "aspek": "waktu",
                "target_min": None,
                "satuan": "",
                "target_tanggal": date(2020, 1, 1),
            },
            "target_tanggal",
            "Tenggat harus jatuh pada tahun penilaian {tahun} (1 Januari–31 Desember).",
        ),
        (
            {"aspek": "waktu", "satuan": "bulan", "target_tanggal": "akhir"},
            "target_tanggal",
            "Isi salah satu saja: angka dengan satuan waktu, atau tanggal tenggat.",
        ),
    ],
)
def test_aturan_target_dengan_pesan_indonesia(pemeran, skp_pegawai, tahun, ubah, kolom, isi):
    if ubah.get("target_tanggal") == "akhir":
        ubah["target_tanggal"] = date(tahun, 12, 31)
    rhk = skp_pegawai.rhk.get()
    with pytest.raises(ValidationError) as e:
        services.indikator_tambah(user=pemeran.pegawai.user, rhk=rhk, **indikator(**ubah))
    assert pesan(e)[kolom] == [isi.format(tahun=tahun)]
    assert rhk.indikator.count() == 3, "nothing half-saved"


def test_target_rentang_tenggat_dan_biaya_yang_sah(pemeran, skp_pegawai, tahun):
    rhk = skp_pegawai.rhk.get()
    user = pemeran.pegawai.user
    services.indikator_tambah(
        user=user, rhk=rhk, **indikator(aspek="kualitas", target_min=Decimal(80),
                                        target_maks=Decimal(100), satuan="%"),
    )  # fmt: skip
    services.indikator_tambah(
        user=user, rhk=rhk, **indikator(aspek="waktu", target_min=None, satuan="",
                                        target_tanggal=date(tahun, 12, 31)),
    )  # fmt: skip
    services.indikator_tambah(
        user=user, rhk=rhk, **indikator(aspek="biaya", target_min=Decimal(1500000), satuan="Rp")
    )
    assert rhk.indikator.count() == 6


def test_ubah_indikator_menyimpan_dan_menolak_target_salah(pemeran, skp_pegawai):
    ind = IndikatorKinerja.objects.get(aspek="kuantitas")
    services.indikator_ubah(
        user=pemeran.pegawai.user, indikator=ind, **indikator(target_min=Decimal(48))
    )
    with pytest.raises(ValidationError):
        services.indikator_ubah(user=pemeran.pegawai.user, indikator=ind, **indikator(satuan=""))
    ind.refresh_from_db()
    assert (ind.target_min, ind.satuan) == (Decimal(48), "laporan")


def test_skp_kualitatif_satu_ukuran_keberhasilan_tanpa_aspek(pemeran, tahun):
    user = pemeran.pegawai.user
    skp = services.skp_buat(user=user, tahun=tahun, pendekatan="kualitatif")
    rhk = services.rhk_tambah(user=user, skp=skp, jenis="utama", uraian="RHK")
    ind = services.indikator_tambah(user=user, rhk=rhk, **indikator(aspek="kuantitas"))
    assert ind.aspek == ""  # no aspek rows on a kualitatif form
    with pytest.raises(ValidationError) as e:
        services.indikator_tambah(user=user, rhk=rhk, **indikator())
    assert pesan(e)["__all__"] == [
        "SKP kualitatif memuat satu ukuran keberhasilan untuk setiap RHK. Ubah ukuran "
        "keberhasilan yang sudah ada."
    ]
    assert not any("aspek" in m for m in services.periksa_kelengkapan(skp))


# --- completeness ------------------------------------------------------------------------


def test_periksa_kelengkapan_menyebut_yang_belum(pemeran, skp_atasan, tahun):
    user = pemeran.pegawai.user
    skp = services.skp_buat(user=user, tahun=tahun)
    assert services.periksa_kelengkapan(skp) == [
        "Belum ada RHK utama. Tambahkan minimal satu Rencana Hasil Kerja utama."
    ]
    r1 = services.rhk_tambah(user=user, skp=skp, jenis="utama", uraian="Data imunisasi")
    services.indikator_tambah(user=user, rhk=r1, **indikator())
    r2 = services.rhk_tambah(
        user=user, skp=skp, jenis="utama", uraian="Data surveilans", rhk_atasan=skp_atasan.rhk2
    )
    assert services.periksa_kelengkapan(skp) == [
        "RHK Utama 1 “Data imunisasi” belum memiliki indikator aspek Kualitas, Waktu.",
        "RHK Utama 1 “Data imunisasi” belum ditautkan ke RHK pimpinan yang diintervensi.",
        "RHK Utama 2 “Data surveilans” belum memiliki indikator kinerja.",
    ]
    tambah_kkw(user, r2)
    services.rhk_ubah(
        user=user, rhk=r1, jenis="utama", uraian="Data imunisasi", rhk_atasan=skp_atasan.rhk1
    )
    tambah_kkw(user, r1)
    assert services.periksa_kelengkapan(skp) == []
    # An unlinked tambahan RHK does not block submission; one without indicators does.
    services.rhk_tambah(user=user, skp=skp, jenis="tambahan", uraian="Tugas tambahan")
    assert services.periksa_kelengkapan(skp) == [
        "RHK Tambahan 1 “Tugas tambahan” belum memiliki indikator kinerja."
    ]


def test_periksa_kelengkapan_tanpa_penilai(pemeran, tahun):
    pemeran.atasan.jabatan.atasan = None
    pemeran.atasan.jabatan.save()
    pemeran.atasan.aktif = False
    pemeran.atasan.save()
    skp = services.skp_buat(user=pemeran.pegawai.user, tahun=tahun)
    assert skp.penilai is None
    assert "Pejabat penilai kinerja belum tercatat" in " ".join(services.periksa_kelengkapan(skp))


# --- BerAKHLAK and lampiran ---------------------------------------------------------------


def test_ekspektasi_khusus_hanya_diisi_pejabat_penilai(pemeran, skp_pegawai):
    baris = skp_pegawai.perilaku.get(urutan=1)
    for orang in (pemeran.pegawai, pemeran.atasan_atasan, pemeran.admin, pemeran.rekan_atasan):
        with pytest.raises(PermissionDenied):
            services.ekspektasi_ubah(user=orang.user, perilaku=baris, ekspektasi_khusus="x")
    services.ekspektasi_ubah(
        user=pemeran.atasan.user, perilaku=baris, ekspektasi_khusus=" Ramah kepada puskesmas "
    )
    baris.refresh_from_db()
    assert baris.ekspektasi_khusus == "Ramah kepada puskesmas"


def test_ekspektasi_boleh_diisi_saat_diajukan_tetapi_tidak_setelah_disetujui(pemeran, skp_pegawai):
    baris = skp_pegawai.perilaku.get(urutan=2)
    Skp.objects.filter(pk=skp_pegawai.pk).update(status=StatusSkp.DIAJUKAN)
    services.ekspektasi_ubah(user=pemeran.atasan.user, perilaku=baris, ekspektasi_khusus="x")
    Skp.objects.filter(pk=skp_pegawai.pk).update(status=StatusSkp.DISETUJUI)
    with pytest.raises(PermissionDenied):
        services.ekspektasi_ubah(user=pemeran.atasan.user, perilaku=baris, ekspektasi_khusus="y")


def test_lampiran_satu_butir_per_baris(pemeran, skp_pegawai):
    skp = services.lampiran_ubah(
        user=pemeran.pegawai.user,
        skp=skp_pegawai,
        dukungan_sumber_daya="- Anggaran seksi\n\n• Laptop  \n",
        skema_pertanggungjawaban="Laporan bulanan",
        konsekuensi="",
    )
    assert skp.dukungan_sumber_daya == "Anggaran seksi\nLaptop"


# --- JPT: the link to the Renstra/Renja ---------------------------------------------------


def test_rhk_jpt_ditautkan_ke_butir_renstra_unitnya(pemeran, renstra, tahun):
    user = pemeran.kepala.user
    skp = services.skp_buat(user=user, tahun=tahun)
    milik = renstra["milik"]
    r1 = services.rhk_tambah(
        user=user, skp=skp, jenis="utama", uraian="A", perspektif="penerima_layanan",
        indikator_renstra=milik["indikator"],
    )  # fmt: skip
    r2 = services.rhk_tambah(
        user=user, skp=skp, jenis="utama", uraian="B", perspektif="anggaran",
        subkegiatan_renja=milik["sub"].pk,
    )  # fmt: skip
    assert r1.indikator_renstra == milik["indikator"] and r1.ditautkan
    assert r2.subkegiatan_renja == milik["sub"]
    services.indikator_tambah(user=user, rhk=r1, **indikator(aspek="kualitas"))
    services.indikator_tambah(user=user, rhk=r2, **indikator())
    assert services.periksa_kelengkapan(skp) == []
    assert r1.indikator.get().aspek == "", "a JPT form has no aspek column"


def test_rhk_jpt_menolak_butir_renstra_unit_lain_dan_dua_tautan(pemeran, renstra, tahun):
    user = pemeran.kepala.user
    skp = services.skp_buat(user=user, tahun=tahun)
    with pytest.raises(ValidationError) as e:
        services.rhk_tambah(
            user=user, skp=skp, jenis="utama", uraian="A", perspektif="proses_bisnis",
            sasaran_renstra=renstra["lain"]["sasaran"],
        )  # fmt: skip
    assert pesan(e)["tautan_renstra"] == [
        "Pilihan itu bukan sasaran, indikator, atau sub kegiatan Renstra/Renja unit Anda tahun "
        f"{tahun}. Pilih dari daftar."
    ]
    with pytest.raises(ValidationError) as e:
        services.rhk_tambah(
            user=user, skp=skp, jenis="utama", uraian="A", perspektif="proses_bisnis",
            sasaran_renstra=renstra["milik"]["sasaran"], indikator_renstra=renstra["milik"]["indikator"],
        )  # fmt: skip
    assert "Pilih satu saja" in pesan(e)["tautan_renstra"][0]
    with pytest.raises(ValidationError) as e:
        services.rhk_tambah(user=user, skp=skp, jenis="utama", uraian="A")
    assert pesan(e)["perspektif"] == ["Pilih perspektif RHK ini."]
    assert not skp.rhk.exists()


def test_rhk_jpt_tanpa_tautan_menghalangi_pengajuan(pemeran, tahun):
    user = pemeran.kepala.user
    skp = services.skp_buat(user=user, tahun=tahun)
    rhk = services.rhk_tambah(user=user, skp=skp, jenis="utama", uraian="A", perspektif="anggaran")
    services.indikator_tambah(user=user, rhk=rhk, **indikator())
    assert services.periksa_kelengkapan(skp) == [
        "RHK Utama 1 “A” belum ditautkan ke sasaran/indikator Renstra atau sub kegiatan Renja. "
        "Bila Renstra unit Anda belum tersedia, minta admin perencanaan mengunggahnya."
    ]


def test_jenis_jabatan_selain_jpt_memakai_formulir_administrasi(pemeran, tahun):
    for orang in (pemeran.atasan_atasan, pemeran.atasan, pemeran.admin):
        assert orang.jabatan.jenis != JenisJabatan.JPT
        assert services.skp_buat(user=orang.user, tahun=tahun).jenis_formulir == "administrasi"


# --- numbers as Indonesians write them ------------------------------------------------------


@pytest.mark.parametrize(
    ("teks", "angka"),
    [
        ("12", Decimal(12)),
        ("99,5", Decimal("99.5")),
        ("1.500.000", Decimal(1500000)),
        ("1.500.000,50", Decimal("1500000.50")),
        ("Rp 2.000", Decimal(2000)),
        ("12.5", Decimal("12.5")),
        ("dua belas", None),
        ("", None),
    ],
)
def test_baca_angka(teks, angka):
    assert baca_angka(teks) == angka


def test_tampil_angka():
    assert tampil_angka(Decimal("1500000.00")) == "1.500.000"
    assert tampil_angka(Decimal("99.50")) == "99,5"
    assert tampil_angka(Decimal("100")) == "100"


def test_rhk_dihapus_ikut_menghapus_indikator(pemeran, skp_pegawai):
    services.rhk_hapus(user=pemeran.pegawai.user, rhk=skp_pegawai.rhk.get())
    assert not RencanaHasilKerja.objects.filter(skp=skp_pegawai).exists()
    assert not IndikatorKinerja.objects.exists()


def test_persen_untuk_waktu_hanya_bila_uraian_menyebut_batas_waktu(pemeran, skp_pegawai):
    rhk = skp_pegawai.rhk.get()
    user = pemeran.pegawai.user
    services.indikator_tambah(
        user=user, rhk=rhk,
        **indikator(aspek="waktu", uraian="Persentase pengaduan ditindaklanjuti paling lama "
                    "2 x 24 jam", target_min=Decimal(95), satuan="%"),
    )  # fmt: skip
    with pytest.raises(ValidationError) as e:
        services.indikator_tambah(
            user=user, rhk=rhk,
            **indikator(aspek="waktu", uraian="Persentase pengaduan ditindaklanjuti",
                        target_min=Decimal(95), satuan="%"),
        )  # fmt: skip
    assert "satuan" in pesan(e)
    assert rhk.indikator.count() == 4
