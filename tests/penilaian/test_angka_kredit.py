"""Angka kredit (penilaian.angka_kredit): the worked example of domain.md (18,75; 2,08; 20,83),
every jenjang and predikat, exact sums, and the section on "Penilaian Saya" for a fungsional
pegawai with a jenjang (per rated period, months, running total; queries flat)."""

from datetime import date
from fractions import Fraction

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from organisasi.models import Jabatan, JenisJabatan, Jenjang
from penilaian.angka_kredit import (
    KOEFISIEN,
    PERSENTASE,
    angka_kredit,
    baca_jenjang,
    bulan_periode,
    dibulatkan,
    jumlah,
    rincian_tahun,
    tampil,
)
from penilaian.kuadran import Predikat
from penilaian.models import PengaturanPenilaian, PenilaianPeriodik, StatusPenilaian
from penilaian.periode import periode_tahun

# domain.md: koefisien per year, and the percentage of each predikat
KOEFISIEN_DOMAIN = {"pemula": "3.75", "terampil": "5", "mahir": "12.5", "penyelia": "25",
                    "ahli_pertama": "12.5", "ahli_muda": "25", "ahli_madya": "37.5", "ahli_utama": "50"}  # fmt: skip
PERSEN_DOMAIN = {"sangat_baik": 150, "baik": 100, "butuh_perbaikan": 75, "kurang": 50,
                 "sangat_kurang": 25}  # fmt: skip


def test_contoh_domain_18_75_ditambah_2_08_menjadi_20_83():
    setahun = angka_kredit(Jenjang.AHLI_PERTAMA, Predikat.SANGAT_BAIK, 12)
    dua_bulan = angka_kredit(Jenjang.AHLI_PERTAMA, Predikat.BAIK, 2)
    assert setahun == Fraction("18.75") and tampil(setahun) == "18,75"
    assert dua_bulan == Fraction(25, 12) and tampil(dua_bulan) == "2,08"
    total = jumlah([setahun, dua_bulan])
    assert total == Fraction(125, 6)  # 20,8333... kept exact
    assert tampil(total) == "20,83"


@pytest.mark.parametrize("jenjang", list(Jenjang))
@pytest.mark.parametrize("predikat", list(Predikat))
def test_setiap_jenjang_dan_predikat_setahun(jenjang, predikat):
    harapan = Fraction(PERSEN_DOMAIN[predikat], 100) * Fraction(KOEFISIEN_DOMAIN[jenjang])
    assert angka_kredit(jenjang, predikat, 12) == harapan
    # prorated: twelve months, four quarters or one year give exactly the same
    assert jumlah(angka_kredit(jenjang, predikat, 1) for _ in range(12)) == harapan
    assert jumlah(angka_kredit(jenjang, predikat, 3) for _ in range(4)) == harapan


def test_tabel_koefisien_dan_persentase_lengkap():
    assert {j.value: v for j, v in KOEFISIEN.items()} == {
        k: Fraction(v) for k, v in KOEFISIEN_DOMAIN.items()
    }
    assert {p.value: v * 100 for p, v in PERSENTASE.items()} == PERSEN_DOMAIN
    assert [j.label for j in Jenjang] == ["Pemula", "Terampil", "Mahir", "Penyelia",
                                          "Ahli Pertama", "Ahli Muda", "Ahli Madya", "Ahli Utama"]  # fmt: skip


def test_contoh_tampilan_lain():
    assert tampil(angka_kredit(Jenjang.AHLI_UTAMA, Predikat.SANGAT_BAIK, 12)) == "75,00"
    assert tampil(angka_kredit(Jenjang.PEMULA, Predikat.KURANG, 3)) == "0,47"  # 0,46875 half up
    assert dibulatkan(Fraction(1, 200)) == dibulatkan(Fraction(1, 100))  # 0,005 -> 0,01
    assert tampil(Fraction(123450, 100)) == "1.234,50"


@pytest.mark.parametrize(
    ("argumen", "pesan"),
    [
        (("ahli_pertama", "baik", 0), "Jumlah bulan harus 1 sampai 12."),
        (("ahli_pertama", "baik", 13), "Jumlah bulan harus 1 sampai 12."),
        (("ahli_pertama", "baik", True), "Jumlah bulan harus 1 sampai 12."),
        (("ahli_super", "baik", 3), "Jenjang atau predikat tidak dikenal"),
        (("ahli_pertama", "istimewa", 3), "Jenjang atau predikat tidak dikenal"),
    ],
)
def test_masukan_salah(argumen, pesan):
    with pytest.raises(ValueError, match=pesan):
        angka_kredit(*argumen)


def test_baca_jenjang_dan_bulan_periode():
    assert baca_jenjang("AHLI madya") == Jenjang.AHLI_MADYA == baca_jenjang("ahli_madya")
    assert baca_jenjang("Ahli") is None
    assert bulan_periode(date(2026, 1, 1), date(2026, 3, 31)) == 3
    assert bulan_periode(date(2026, 2, 1), date(2026, 2, 28)) == 1
    assert bulan_periode(date(2026, 1, 1), date(2026, 12, 31)) == 12


def test_rincian_tahun_dengan_jumlah_berjalan():
    baris = rincian_tahun(
        "ahli_pertama", [("Triwulan I", "sangat_baik", 3), ("Triwulan II", "baik", 3)]
    )
    assert [(b.nama_periode, b.nilai_tampil, b.total_tampil) for b in baris] == [
        ("Triwulan I", "4,69", "4,69"),  # 150% x 12,5 x 3/12 = 4,6875
        ("Triwulan II", "3,13", "7,81"),  # 3,125; the exact total 7,8125, not 4,69 + 3,13
    ]


# --- on "Penilaian Saya" ----------------------------------------------------------------------


def jadikan_fungsional(pegawai, jenjang: str = "ahli_pertama") -> None:
    Jabatan.objects.filter(pk=pegawai.jabatan_id).update(
        jenis=JenisJabatan.FUNGSIONAL, jenjang=jenjang
    )


def dinilai(kasus, periode, predikat: str) -> None:
    rating = {"sangat_baik": ("di_atas", "di_atas"), "baik": ("sesuai", "sesuai"),
              "butuh_perbaikan": ("di_bawah", "sesuai")}[predikat]  # fmt: skip
    PenilaianPeriodik.objects.update_or_create(
        pegawai=kasus.penilaian.pegawai, periode=periode,
        defaults={"skp": kasus.skp, "status": StatusPenilaian.DINILAI,
                  "rating_hasil_kerja": rating[0], "rating_perilaku": rating[1],
                  "predikat": predikat},
    )  # fmt: skip


def test_pegawai_fungsional_melihat_angka_kredit_per_periode(client, pemeran, kasus):
    jadikan_fungsional(pemeran.pegawai)
    tw = periode_tahun(pemeran.instansi, 2026)
    dinilai(kasus, tw[0], "sangat_baik")
    dinilai(kasus, tw[1], "baik")
    client.force_login(pemeran.pegawai.user)
    respons = client.get(reverse("penilaian:saya"))
    html = respons.content.decode()
    assert "Angka kredit 2026 · jenjang Ahli Pertama" in html
    assert "Koefisien jenjang Ahli Pertama: 12,5 per tahun." in html
    assert "persentase predikat (Sangat Baik 150%" in html
    rincian = respons.context["angka_kredit"].baris
    assert [(b.nama_periode, b.bulan, b.nilai_tampil, b.total_tampil) for b in rincian] == [
        ("Triwulan I", 3, "4,69", "4,69"),
        ("Triwulan II", 3, "3,13", "7,81"),
    ]
    assert ">7,81</td>" in html


def test_bulanan_contoh_domain_januari_februari_baik(client, pemeran, kasus):
    jadikan_fungsional(pemeran.pegawai)
    PengaturanPenilaian.objects.create(
        instansi=pemeran.instansi, tahun=2026, jenis_periode="bulanan"
    )
    bulan = periode_tahun(pemeran.instansi, 2026)
    dinilai(kasus, bulan[0], "baik")
    dinilai(kasus, bulan[1], "baik")
    client.force_login(pemeran.pegawai.user)
    rincian = client.get(reverse("penilaian:saya")).context["angka_kredit"].baris
    assert [b.bulan for b in rincian] == [1, 1]
    assert rincian[-1].total == Fraction(25, 12) and rincian[-1].total_tampil == "2,08"


def test_tanpa_periode_dinilai_rumus_tetap_dijelaskan(client, pemeran, kasus):
    jadikan_fungsional(pemeran.pegawai, "mahir")
    client.force_login(pemeran.pegawai.user)
    html = client.get(reverse("penilaian:saya")).content.decode()
    assert "jenjang Mahir" in html and "Belum ada periode tahun 2026 yang dinilai" in html


@pytest.mark.parametrize("ubah", ["pelaksana", "fungsional_tanpa_jenjang"])
def test_bukan_fungsional_berjenjang_tidak_melihat_angka_kredit(client, pemeran, kasus, ubah):
    if ubah == "fungsional_tanpa_jenjang":
        Jabatan.objects.filter(pk=pemeran.pegawai.jabatan_id).update(jenis=JenisJabatan.FUNGSIONAL)
    dinilai(kasus, kasus.periode, "baik")
    client.force_login(pemeran.pegawai.user)
    respons = client.get(reverse("penilaian:saya"))
    assert respons.context["angka_kredit"] is None
    assert 'id="angka-kredit"' not in respons.content.decode()


def test_kueri_angka_kredit_tetap_dari_4_ke_12_periode(client, pemeran, kasus,
                                                      django_assert_max_num_queries):  # fmt: skip
    jadikan_fungsional(pemeran.pegawai)
    for p in periode_tahun(pemeran.instansi, 2026)[:2]:
        dinilai(kasus, p, "baik")
    client.force_login(pemeran.pegawai.user)
    url = reverse("penilaian:saya")
    client.get(url)
    with CaptureQueriesContext(connection) as triwulanan:
        client.get(url)
    jumlah_kueri = len(triwulanan)  # now: the next request resets the query log
    PengaturanPenilaian.objects.create(
        instansi=pemeran.instansi, tahun=2026, jenis_periode="bulanan"
    )
    bulan = periode_tahun(pemeran.instansi, 2026)
    for p in bulan[:6]:
        dinilai(kasus, p, "sangat_baik")
    client.get(url)
    with django_assert_max_num_queries(jumlah_kueri):
        respons = client.get(url)
    assert len(respons.context["angka_kredit"].baris) == 6
