"""Permission ladder and behaviour of the Renstra pages."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from organisasi.models import UnitKerja
from perencanaan import impor, selectors, services
from perencanaan.impor import Periode
from perencanaan.models import (
    ImporRenstra,
    IndikatorKinerja,
    Renstra,
    StatusImpor,
    SumberImpor,
    TargetIndikator,
)
from tests.core import berkas as berkas_xlsx
from tests.perencanaan.berkas import (
    KOLOM_RENSTRA,
    PERIODE,
    csv_bytes,
    renja_baik,
    renstra_baik,
    xlsx_bytes,
)
from tests.perencanaan.conftest import muat

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def masuk(client, pegawai):
    client.force_login(pegawai.user)
    return client


def unggah(client, unit, data: bytes, nama="renstra.xlsx", periode="2025-2029"):
    berkas = SimpleUploadedFile(nama, data, content_type=XLSX)
    return client.post(
        reverse("perencanaan:impor"), {"unit": unit.pk, "periode": periode, "berkas": berkas}
    )


def isi(respons) -> str:
    return respons.content.decode()


# ---------------------------------------------------------------- permission ladder


@pytest.mark.parametrize("nama_url", ["perencanaan:renstra_detail", "perencanaan:renstra_unduh"])
def test_tangga_izin_halaman_renstra(client, pemeran, renstra_dinkes, pegawai_bkpsdm, nama_url):
    url = reverse(nama_url, args=[renstra_dinkes.pk])
    anonim = client.get(url)
    assert anonim.status_code == 302 and anonim.url.startswith(reverse("login"))
    assert masuk(client, pegawai_bkpsdm).get(url).status_code == 404  # another OPD
    assert masuk(client, pemeran.pegawai_lain).get(url).status_code == 404  # another instansi
    assert masuk(client, pemeran.admin_lain).get(url).status_code == 404
    assert masuk(client, pemeran.pegawai).get(url).status_code == 200
    assert masuk(client, pemeran.admin).get(url).status_code == 200


@pytest.mark.parametrize("nama_url", ["perencanaan:impor", "perencanaan:templat"])
def test_tangga_izin_halaman_impor(client, pemeran, nama_url):
    url = reverse(nama_url) + "?periode=2025-2029"
    anonim = client.get(url)
    assert anonim.status_code == 302 and anonim.url.startswith(reverse("login"))
    assert masuk(client, pemeran.pegawai).get(url).status_code == 403
    assert masuk(client, pemeran.kepala).get(url).status_code == 403
    assert masuk(client, pemeran.admin).get(url).status_code == 200


def test_tangga_izin_pratinjau_dan_konfirmasi(client, pemeran, opd):
    data = ImporRenstra.objects.create(
        unit=opd, tahun_awal=2025, tahun_akhir=2029, nama_berkas="a.xlsx"
    )
    lihat = reverse("perencanaan:impor_pratinjau", args=[data.pk])
    terapkan = reverse("perencanaan:impor_terapkan", args=[data.pk])
    assert client.get(lihat).status_code == 302
    assert client.post(terapkan).status_code == 302 and not Renstra.objects.exists()
    assert masuk(client, pemeran.pegawai).get(lihat).status_code == 403
    assert client.post(terapkan).status_code == 403
    # Admin of another instansi: the upload's existence is not revealed.
    assert masuk(client, pemeran.admin_lain).get(lihat).status_code == 404
    assert client.post(terapkan).status_code == 404
    assert masuk(client, pemeran.admin).get(lihat).status_code == 200
    assert client.get(terapkan).status_code == 405


def test_daftar_renstra_hanya_opd_sendiri(
    client, pemeran, renstra_dinkes, renstra_lain, pegawai_bkpsdm
):
    url = reverse("perencanaan:renstra_list")
    assert client.get(url).status_code == 302
    halaman = isi(masuk(client, pemeran.pegawai).get(url))
    assert reverse("perencanaan:renstra_detail", args=[renstra_dinkes.pk]) in halaman
    assert reverse("perencanaan:renstra_detail", args=[renstra_lain.pk]) not in halaman
    assert "Impor Renstra dan Renja" not in halaman
    halaman = isi(masuk(client, pegawai_bkpsdm).get(url))
    assert "Belum ada Renstra untuk perangkat daerah Anda" in halaman
    halaman = isi(masuk(client, pemeran.admin).get(url))
    assert "Dinas Kesehatan" in halaman and "Impor Renstra dan Renja" in halaman
    assert reverse("perencanaan:renstra_detail", args=[renstra_lain.pk]) not in halaman


def test_menu_renstra_untuk_semua_impor_untuk_admin(client, pemeran):
    beranda = isi(masuk(client, pemeran.pegawai).get(reverse("beranda")))
    assert reverse("perencanaan:renstra_list") in beranda
    assert reverse("perencanaan:impor") not in beranda
    beranda = isi(masuk(client, pemeran.admin).get(reverse("beranda")))
    assert reverse("perencanaan:impor") in beranda


# ---------------------------------------------------------------- detail page


def test_pohon_renstra_dengan_target_per_tahun_dan_iku(client, pemeran, renstra_dinkes):
    halaman = isi(
        masuk(client, pemeran.pegawai).get(
            reverse("perencanaan:renstra_detail", args=[renstra_dinkes.pk])
        )
    )
    assert "Meningkatnya derajat kesehatan masyarakat" in halaman
    assert "Target 2029" in halaman
    stunting = IndikatorKinerja.objects.get(kode="IK1.1.2")
    baris = halaman.split(f'id="indikator-{stunting.pk}"')[1].split("</tr>")[0]
    assert "Prevalensi balita stunting" in baris and "IKU" not in baris
    assert ">18,7<" in baris and ">15,5<" in baris and ">12,5<" in baris
    aki = IndikatorKinerja.objects.get(kode="IK1.1.1")
    assert "IKU</span>" in halaman.split(f'id="indikator-{aki.pk}"')[1].split("</tr>")[0]
    # The Renja of 2026 (the only year with one) with pagu in rupiah.
    assert "Rencana Kerja (Renja) tahun 2026" in halaman
    assert "1.02.02.2.02.0001" in halaman and "Rp 1.250.000.000" in halaman
    assert "Jumlah pagu tahun 2026" in halaman
    assert "Riwayat unggahan" not in halaman  # history is for the admin


def test_admin_melihat_riwayat_unggahan_di_halaman_renstra(client, pemeran, opd):
    masuk(client, pemeran.admin)
    unggah(client, opd, xlsx_bytes(renstra_baik()), nama="renstra_dinkes.xlsx")
    client.post(reverse("perencanaan:impor_terapkan", args=[ImporRenstra.objects.get().pk]))
    renstra = Renstra.objects.get()
    halaman = isi(client.get(reverse("perencanaan:renstra_detail", args=[renstra.pk])))
    assert "Riwayat unggahan Dinas Kesehatan" in halaman
    assert "renstra_dinkes.xlsx" in halaman and "Diterapkan: " in halaman
    assert pemeran.admin.nama_lengkap in halaman.split('id="riwayat-impor"')[1]  # who uploaded
    perbarui = f"{reverse('perencanaan:impor')}?unit={renstra.unit_id}&amp;periode=2025-2029"
    assert perbarui in halaman
    form = client.get(perbarui.replace("&amp;", "&")).context["form"]
    assert (form["unit"].value(), form["periode"].value()) == (str(renstra.unit_id), "2025-2029")


def test_pilih_tahun_renja_dengan_htmx_mengembalikan_partial(client, pemeran, renstra_dinkes):
    masuk(client, pemeran.pegawai)
    url = reverse("perencanaan:renstra_detail", args=[renstra_dinkes.pk])
    respons = client.get(url, {"tahun": 2027}, HTTP_HX_REQUEST="true")
    teks = isi(respons).lstrip()
    assert teks.startswith('<section id="renja"')
    assert "navbar" not in teks and "pohon-renstra" not in teks
    assert "Rencana Kerja (Renja) tahun 2027" in teks and "Belum ada Renja tahun 2027" in teks
    teks = isi(client.get(url, {"tahun": 2026}, HTTP_HX_REQUEST="true"))
    assert "1.02.02.2.02.0011" in teks
    # Without htmx the same link gives the whole page (works without JavaScript).
    assert "pohon-renstra" in isi(client.get(url, {"tahun": 2027}))
    assert "tahun 2026" in isi(client.get(url, {"tahun": "bukan-tahun"}))


def renstra_besar(unit, n_indikator: int, n_sub: int) -> Renstra:
    renstra = [
        {"kode_tujuan": f"T{i // 20}", "tujuan": f"Tujuan {i // 20}", "kode_sasaran": f"S{i // 5}",
         "sasaran": f"Sasaran {i // 5}", "kode_indikator": f"I{i}", "indikator": f"Indikator {i}",
         "satuan": "%", "baseline": "50", "iku": "Ya" if i % 3 == 0 else "Tidak"}
        | {f"target_{t}": str(60 + t - 2025) for t in range(2025, 2030)}
        for i in range(n_indikator)
    ]  # fmt: skip
    renja = [
        {"tahun": "2026", "kode_sasaran": "S0", "kode_program": f"P{i // 10}", "program": f"Program {i // 10}",
         "kode_kegiatan": f"K{i // 5}", "kegiatan": f"Kegiatan {i // 5}", "kode_subkegiatan": f"SK{i}",
         "subkegiatan": f"Sub {i}", "indikator": "Jumlah", "satuan": "orang", "target": "10", "pagu": "1.000.000"}
        for i in range(n_sub)
    ]  # fmt: skip
    return muat(unit, xlsx_bytes(renstra, renja))


def test_halaman_renstra_jumlah_query_tetap(client, pemeran, opd, django_assert_max_num_queries):
    masuk(client, pemeran.pegawai)
    kecil = renstra_besar(opd, 2, 1)
    url = reverse("perencanaan:renstra_detail", args=[kecil.pk])
    client.get(url)  # warm session/auth caches
    with django_assert_max_num_queries(30) as sedikit:
        assert client.get(url).status_code == 200
    with django_assert_max_num_queries(30) as sedikit_htmx:
        client.get(url, HTTP_HX_REQUEST="true")
    Renstra.objects.all().delete()
    besar = renstra_besar(opd, 60, 40)
    url = reverse("perencanaan:renstra_detail", args=[besar.pk])
    with django_assert_max_num_queries(len(sedikit.captured_queries)):
        respons = client.get(url)
    assert "Indikator 59" in isi(respons) and "Sub 39" in isi(respons)
    assert selectors.tahun_renja(besar) == [2026]  # one year, however many programs
    with django_assert_max_num_queries(len(sedikit_htmx.captured_queries)):
        client.get(url, HTTP_HX_REQUEST="true")


def test_daftar_renstra_jumlah_query_tetap(
    client, pemeran, opd, pegawai_bkpsdm, django_assert_max_num_queries
):
    masuk(client, pemeran.admin)
    url = reverse("perencanaan:renstra_list")
    muat(opd, xlsx_bytes(renstra_baik()))
    client.get(url)
    with django_assert_max_num_queries(20) as sedikit:
        client.get(url)
    muat(pegawai_bkpsdm.jabatan.unit_kerja.induk, xlsx_bytes(renstra_baik()))
    with django_assert_max_num_queries(len(sedikit.captured_queries)):
        assert "BKPSDM" in isi(client.get(url))


def test_unduh_xlsx_renstra(client, pemeran, renstra_dinkes):
    respons = masuk(client, pemeran.pegawai).get(
        reverse("perencanaan:renstra_unduh", args=[renstra_dinkes.pk])
    )
    assert respons["Content-Type"] == XLSX
    assert 'filename="renstra_1.02_2025-2029.xlsx"' in respons["Content-Disposition"]
    assert respons.content.startswith(b"PK")


@pytest.mark.parametrize("kode", ["1.02\n", "1.02\r\nSet-Cookie: a=b", '1/02"x'])
def test_unduh_renstra_kode_unit_apa_pun_jadi_nama_berkas_aman(
    client, pemeran, renstra_dinkes, kode
):
    # Issue 11: a unit code with a line break (saved through the Django admin, say) made the
    # download a 500 (a header cannot hold a line break).
    UnitKerja.objects.filter(pk=renstra_dinkes.unit_id).update(kode=kode)

    respons = masuk(client, pemeran.pegawai).get(
        reverse("perencanaan:renstra_unduh", args=[renstra_dinkes.pk])
    )

    assert respons.status_code == 200
    nama = respons["Content-Disposition"].removeprefix('attachment; filename="')[:-1]
    assert nama.startswith("renstra_1") and nama.endswith("_2025-2029.xlsx")
    assert all(c.isalnum() or c in "._-" for c in nama)


def test_unduh_templat_untuk_periode(client, pemeran, opd):
    masuk(client, pemeran.admin)
    respons = client.get(reverse("perencanaan:templat"), {"periode": "2026-2030", "unit": opd.pk})
    assert 'filename="templat_renstra_1.02_2026-2030.xlsx"' in respons["Content-Disposition"]
    salah = client.get(reverse("perencanaan:templat"), {"periode": "2026"}, follow=True)
    assert "Templat tidak dapat dibuat: Tulis periode sebagai tahun awal dan akhir" in isi(salah)


# ---------------------------------------------------------------- upload -> preview -> confirm


def test_unggah_pratinjau_lalu_konfirmasi(client, pemeran, opd):
    masuk(client, pemeran.admin)
    respons = unggah(
        client, opd, xlsx_bytes(renstra_baik(), renja_baik()), nama="renstra_dinkes.xlsx"
    )
    data = ImporRenstra.objects.get()
    assert respons.url == reverse("perencanaan:impor_pratinjau", args=[data.pk])
    assert not Renstra.objects.exists(), "pratinjau belum menulis apa pun"
    assert (data.diunggah_oleh, data.nama_berkas, data.status) == (
        pemeran.admin.user,
        "renstra_dinkes.xlsx",
        "pratinjau",
    )

    halaman = isi(client.get(respons.url))
    assert "Pratinjau impor: renstra_dinkes.xlsx" in halaman
    assert "Konfirmasi dan terapkan impor" in halaman
    assert (
        '<th scope="row">Indikator kinerja</th><td>4</td><td>0</td><td>0</td><td>0</td>' in halaman
    )

    konfirmasi = client.post(reverse("perencanaan:impor_terapkan", args=[data.pk]), follow=True)
    renstra = Renstra.objects.get()
    assert konfirmasi.redirect_chain[-1][0] == reverse(
        "perencanaan:renstra_detail", args=[renstra.pk]
    )
    assert "Impor diterapkan: 33 data baru, 0 diubah." in isi(konfirmasi)
    assert TargetIndikator.objects.count() == 20
    data.refresh_from_db()
    assert (data.status, data.renstra, data.data) == (StatusImpor.DITERAPKAN, renstra, {})
    assert data.diterapkan_pada is not None


def test_konfirmasi_dua_kali_hanya_menerapkan_sekali(client, pemeran, opd):
    masuk(client, pemeran.admin)
    unggah(client, opd, xlsx_bytes(renstra_baik()))
    url = reverse("perencanaan:impor_terapkan", args=[ImporRenstra.objects.get().pk])
    client.post(url)
    IndikatorKinerja.objects.filter(kode="IK1.1.1").update(nama="diubah di antara dua klik")
    kedua = client.post(url, follow=True)
    assert "sudah diterapkan sebelumnya" in isi(kedua)
    assert IndikatorKinerja.objects.get(kode="IK1.1.1").nama == "diubah di antara dua klik"


def test_pratinjau_usang_tidak_menimpa_impor_yang_lebih_baru(client, pemeran, opd):
    masuk(client, pemeran.admin)
    unggah(client, opd, xlsx_bytes(renstra_baik()))
    lama = ImporRenstra.objects.get()
    baris = renstra_baik()
    baris[0]["indikator"] = "Angka kematian ibu melahirkan"
    unggah(client, opd, xlsx_bytes(baris))
    baru = ImporRenstra.objects.exclude(pk=lama.pk).get()
    client.post(reverse("perencanaan:impor_terapkan", args=[baru.pk]))
    assert IndikatorKinerja.objects.get(kode="IK1.1.1").nama == "Angka kematian ibu melahirkan"

    respons = client.post(reverse("perencanaan:impor_terapkan", args=[lama.pk]), follow=True)

    assert respons.redirect_chain[-1][0] == reverse("perencanaan:impor_pratinjau", args=[lama.pk])
    assert "Pratinjau ini sudah usang: berkas lain sudah diterapkan pada" in isi(respons)
    assert "Unggah ulang berkas untuk melihat pratinjau terbaru." in isi(respons)
    assert IndikatorKinerja.objects.get(kode="IK1.1.1").nama == "Angka kematian ibu melahirkan"
    lama.refresh_from_db()
    assert (lama.status, lama.diterapkan_pada) == (StatusImpor.PRATINJAU, None)


def test_impor_perintah_setelah_pratinjau_juga_membuatnya_usang(client, pemeran, opd):
    masuk(client, pemeran.admin)
    unggah(client, opd, xlsx_bytes(renstra_baik()))
    data = ImporRenstra.objects.get()
    baris = renstra_baik()
    baris[0]["indikator"] = "Angka kematian ibu melahirkan"
    rencana = impor.rencanakan(
        opd,
        impor.baca_berkas_renstra(
            io.BytesIO(xlsx_bytes(baris)), "cli.xlsx", maks_bytes=10**7, periode=PERIODE
        ),
    )
    services.impor_langsung(
        unit=opd, rencana=rencana, nama_berkas="cli.xlsx", sumber=SumberImpor.PERINTAH
    )

    respons = client.post(reverse("perencanaan:impor_terapkan", args=[data.pk]), follow=True)

    assert "Pratinjau ini sudah usang" in isi(respons)
    assert IndikatorKinerja.objects.get(kode="IK1.1.1").nama == "Angka kematian ibu melahirkan"
    data.refresh_from_db()
    assert data.status == StatusImpor.PRATINJAU


def test_impor_periode_lain_tidak_membuat_pratinjau_usang(client, pemeran, opd):
    masuk(client, pemeran.admin)
    unggah(client, opd, xlsx_bytes(renstra_baik()))
    data = ImporRenstra.objects.get()
    ImporRenstra.objects.create(
        unit=opd,
        tahun_awal=2020,
        tahun_akhir=2024,
        nama_berkas="lama.xlsx",
        status=StatusImpor.DITERAPKAN,
        diterapkan_pada=data.dibuat.replace(year=data.dibuat.year + 1),
    )

    client.post(reverse("perencanaan:impor_terapkan", args=[data.pk]))

    data.refresh_from_db()
    assert data.status == StatusImpor.DITERAPKAN


def test_berkas_buruk_menampilkan_semua_masalah_tanpa_tombol_konfirmasi(client, pemeran, opd):
    masuk(client, pemeran.admin)
    baris = renstra_baik()
    baris[0]["baseline"] = "banyak"
    baris[2]["satuan"] = ""
    respons = unggah(client, opd, xlsx_bytes(baris, renja_baik()))
    halaman = isi(client.get(respons.url))
    assert "Berkas tidak dapat diimpor: 2 masalah" in halaman
    assert "sheet Renstra, baris 2, kolom baseline: &#x27;banyak&#x27; bukan angka" in halaman
    assert "sheet Renstra, baris 4, kolom satuan: wajib diisi." in halaman
    assert "Konfirmasi dan terapkan" not in halaman
    data = ImporRenstra.objects.get()
    assert data.status == StatusImpor.DITOLAK
    ditolak = client.post(reverse("perencanaan:impor_terapkan", args=[data.pk]), follow=True)
    assert "bermasalah dan tidak dapat diterapkan" in isi(ditolak)
    assert not Renstra.objects.exists()
    riwayat = isi(client.get(reverse("perencanaan:impor")))
    assert "Ditolak: 2 masalah" in riwayat


def test_unggah_ulang_tanpa_perubahan_mengatakannya(client, pemeran, opd, renstra_dinkes):
    masuk(client, pemeran.admin)
    respons = unggah(client, opd, xlsx_bytes(renstra_baik(), renja_baik()))
    halaman = isi(client.get(respons.url))
    assert "Tidak ada perubahan" in halaman
    assert "Konfirmasi dan terapkan" not in halaman
    assert "Tidak ada perubahan" in isi(client.get(reverse("perencanaan:impor")))


def test_pratinjau_mendaftar_baris_yang_tidak_ada_lagi(client, pemeran, opd, renstra_dinkes):
    masuk(client, pemeran.admin)
    baris = renstra_baik()
    baris[3]["target_2029"] = "90"
    del baris[2]
    respons = unggah(client, opd, xlsx_bytes(baris, renja_baik()[:2]))
    halaman = isi(client.get(respons.url))
    assert (
        "Indikator kinerja yang ada di aplikasi tetapi tidak ada lagi di berkas: 1 (dibiarkan, tidak dihapus)"
        in halaman
    )
    assert "IK1.2.1 Cakupan pengobatan kasus tuberkulosis" in halaman
    assert (
        "1.02.02.2.02.0011 Pengelolaan Pelayanan Kesehatan Orang Terduga Tuberkulosis (tahun 2026)"
        in halaman
    )
    client.post(reverse("perencanaan:impor_terapkan", args=[ImporRenstra.objects.get().pk]))
    assert IndikatorKinerja.objects.filter(kode="IK1.2.1").exists()
    assert TargetIndikator.objects.get(indikator__kode="IK2.1.1", tahun=2029).nilai == 90


def test_konfirmasi_memeriksa_ulang_data_terkini(client, pemeran, opd):
    """The Renstra changed between preview and confirmation: checked again, refused."""
    masuk(client, pemeran.admin)
    unggah(client, opd, xlsx_bytes(renstra_baik()))
    kolom = [k for k in KOLOM_RENSTRA if not k.startswith("target_")] + [
        f"target_{t}" for t in range(2027, 2032)
    ]
    muat(opd, xlsx_bytes(renstra_baik(), kolom_renstra=kolom), periode=Periode(2027, 2031))
    respons = client.post(
        reverse("perencanaan:impor_terapkan", args=[ImporRenstra.objects.get().pk]), follow=True
    )
    assert "Data berubah sejak pratinjau dan kini bermasalah" in isi(respons)
    assert "tumpang tindih" in isi(respons)
    assert not Renstra.objects.filter(tahun_awal=2025).exists()


def test_admin_tidak_bisa_mengunggah_untuk_opd_instansi_lain(client, pemeran):
    masuk(client, pemeran.admin)
    respons = unggah(client, pemeran.admin_lain.jabatan.unit_kerja, xlsx_bytes(renstra_baik()))
    assert respons.status_code == 200
    assert respons.context["form"].errors["unit"]
    assert not ImporRenstra.objects.exists()


def test_form_menolak_periode_berkas_besar_dan_jenis_salah(client, pemeran, opd, settings):
    masuk(client, pemeran.admin)
    respons = unggah(client, opd, xlsx_bytes(renstra_baik()), periode="2029-2025")
    assert "Tahun akhir periode tidak boleh sebelum tahun awal." in isi(respons)
    respons = unggah(client, opd, b"%PDF", nama="renstra.pdf")
    assert "Unggah berkas .xlsx atau .csv." in isi(respons)
    settings.IMPOR_MAKS_BYTES = 100
    respons = unggah(client, opd, xlsx_bytes(renstra_baik()))
    assert "Berkas terlalu besar" in isi(respons)
    assert not ImporRenstra.objects.exists()


def test_pilihan_opd_hanya_unit_teratas_dan_yang_sudah_punya_renstra(client, pemeran, opd):
    masuk(client, pemeran.admin)
    pilihan = list(client.get(reverse("perencanaan:impor")).context["form"].fields["unit"].queryset)
    assert pilihan == [opd]
    bidang = pemeran.atasan_atasan.jabatan.unit_kerja
    muat(bidang, xlsx_bytes(renstra_baik()))
    pilihan = list(client.get(reverse("perencanaan:impor")).context["form"].fields["unit"].queryset)
    assert pilihan == [opd, bidang]


def test_admin_django_hanya_baca_dan_terbatas_instansi(
    client, pemeran, renstra_dinkes, renstra_lain
):
    masuk(client, pemeran.admin)
    halaman = client.get(reverse("admin:perencanaan_indikatorkinerja_changelist"))
    assert halaman.status_code == 200
    assert halaman.context["cl"].result_count == 4
    assert client.get(reverse("admin:perencanaan_renstra_add")).status_code == 403
    assert (
        client.get(reverse("admin:perencanaan_renstra_change", args=[renstra_lain.pk])).status_code
        == 302
    )
    assert (
        client.get(
            reverse("admin:perencanaan_renstra_change", args=[renstra_dinkes.pk])
        ).status_code
        == 200
    )


@pytest.mark.parametrize(
    ("nama", "buat", "pesan"),
    [
        ("dimensi.xlsx", berkas_xlsx.xlsx_dimensi_palsu, "berisi data sampai baris 1.048.576"),
        ("xfd.xlsx", berkas_xlsx.xlsx_kolom_xfd, "berisi data di kolom XFD"),
        ("bom.xlsx", berkas_xlsx.xlsx_bom_xml, "terlalu besar setelah dibuka"),
        (
            "rusak.xlsx",
            lambda: berkas_xlsx.xlsx_mentah(berkas_xlsx.sheet_xml(""), buku=b"<workbook><sheets"),
            "Isi berkas XLSX rusak",
        ),
        (
            "panjang.csv",
            lambda: csv_bytes([{"kode_tujuan": "T1", "tujuan": "x" * 131_073}]),
            "berisi lebih dari 32.767 karakter",
        ),
    ],
)
def test_berkas_bermusuhan_ditolak_dan_dicatat(client, pemeran, opd, nama, buat, pesan):
    # Issue 11: each refused with its reason, in the history as Ditolak, nothing written.
    masuk(client, pemeran.admin)

    respons = unggah(client, opd, buat(), nama=nama)

    data = ImporRenstra.objects.get()
    assert respons.url == reverse("perencanaan:impor_pratinjau", args=[data.pk])
    assert data.status == StatusImpor.DITOLAK and data.nama_berkas == nama
    assert len(data.ringkasan["masalah"]) == 1 and pesan in data.ringkasan["masalah"][0]
    assert pesan in isi(client.get(respons.url))
    assert not Renstra.objects.exists()


@pytest.mark.parametrize(
    ("nama", "data", "pesan"),
    [
        ("kosong.xlsx", b"", "Berkas kosong."),
        ("kosong.csv", b"", "Berkas kosong."),
        (
            "judul_saja.xlsx",
            xlsx_bytes([]),
            "sheet Renstra: Berkas tidak berisi baris data di bawah judul kolom.",
        ),
    ],
)
def test_unggahan_kosong_tercatat_ditolak_seperti_yang_lain(
    client, pemeran, opd, nama, data, pesan
):
    """A 0-byte file used to stop at the form and left no trace in the history."""
    masuk(client, pemeran.admin)
    respons = unggah(client, opd, data, nama=nama)
    data_impor = ImporRenstra.objects.get()
    assert respons.url == reverse("perencanaan:impor_pratinjau", args=[data_impor.pk])
    assert (data_impor.status, data_impor.ringkasan["masalah"]) == (StatusImpor.DITOLAK, [pesan])
    assert pesan in isi(client.get(respons.url))
    riwayat = isi(client.get(reverse("perencanaan:impor"))).split('id="riwayat-impor"')[1]
    assert nama in riwayat and "Ditolak" in riwayat
    assert pemeran.admin.nama_lengkap in riwayat
    assert not Renstra.objects.exists()


def test_templat_diunggah_apa_adanya_tidak_menulis_apa_pun(client, pemeran, renstra_dinkes):
    """Issue 12: the template uploaded unchanged turned an indikator linked by an SKP into the
    template's example. Now it is refused as holding no data, and confirming writes nothing."""
    masuk(client, pemeran.admin)
    templat = client.get(
        reverse("perencanaan:templat"), {"periode": "2025-2029", "unit": renstra_dinkes.unit_id}
    ).content
    sebelum = list(IndikatorKinerja.objects.order_by("kode").values_list("kode", "nama", "satuan"))
    target_sebelum = list(TargetIndikator.objects.order_by("pk").values_list("pk", "nilai"))

    respons = unggah(client, renstra_dinkes.unit, templat, nama="templat.xlsx")
    data = ImporRenstra.objects.get(nama_berkas="templat.xlsx")
    halaman = isi(client.get(respons.url))
    client.post(reverse("perencanaan:impor_terapkan", args=[data.pk]), {"paham_penting": "ya"})

    assert data.status == StatusImpor.DITOLAK
    assert "sheet Renstra: Berkas tidak berisi baris data di bawah judul kolom." in halaman
    assert "Tidak ada data yang diubah." in halaman
    assert (
        list(IndikatorKinerja.objects.order_by("kode").values_list("kode", "nama", "satuan"))
        == sebelum
    )
    assert list(TargetIndikator.objects.order_by("pk").values_list("pk", "nilai")) == target_sebelum


# ---------------------------------------------------------------- row by row (issue 12)


@pytest.fixture
def skp_tautan_ik112(pemeran, renstra_dinkes):
    """Two JPT SKP of 2026 linking IK1.1.2 "Prevalensi balita stunting": the Kabid's, approved
    by the kepala, and the kepala's own, still a draft."""
    from organisasi.models import JenisJabatan
    from skp import services as skp_services
    from tests.skp.test_services import indikator

    ik = IndikatorKinerja.objects.get(kode="IK1.1.2")
    jpt = pemeran.atasan_atasan
    jpt.jabatan.jenis = JenisJabatan.JPT
    jpt.jabatan.save()
    hasil = {}
    for orang in (jpt, pemeran.kepala):
        skp = skp_services.skp_buat(user=orang.user, tahun=2026)
        rhk = skp_services.rhk_tambah(
            user=orang.user, skp=skp, jenis="utama", uraian="Menurunnya stunting",
            perspektif="penerima_layanan", indikator_renstra=ik,
        )  # fmt: skip
        skp_services.indikator_tambah(user=orang.user, rhk=rhk, **indikator(aspek=""))
        hasil[orang.pk] = skp
    skp_services.ajukan(user=jpt.user, skp=hasil[jpt.pk])
    skp_services.setujui(user=pemeran.kepala.user, skp=hasil[jpt.pk])
    return hasil[jpt.pk], hasil[pemeran.kepala.pk]


def test_pratinjau_renstra_menyebut_indikator_yang_diganti_dan_skp_yang_menautkannya(
    client, pemeran, renstra_dinkes, skp_tautan_ik112
):
    disetujui, draf = skp_tautan_ik112
    masuk(client, pemeran.admin)
    baris = renstra_baik()
    baris[1]["indikator"] = "Angka Kematian Bayi"
    respons = unggah(client, renstra_dinkes.unit, xlsx_bytes(baris, renja_baik()))
    data = ImporRenstra.objects.order_by("-pk").first()
    halaman = isi(client.get(respons.url))

    kotak = halaman.split('id="perlu-perhatian"')[1].split("</div>")[0]
    assert "Perlu perhatian: 1 perubahan" in kotak
    assert (
        "Indikator kinerja IK1.1.2 akan diganti rumusannya dari “Prevalensi balita stunting” "
        "menjadi “Angka Kematian Bayi”." in kotak
    )
    assert (
        f"Ditautkan oleh 2 SKP: {disetujui.pegawai_nama} — SKP 2026 versi 1, Disetujui; "
        f"{draf.pegawai_nama} — SKP 2026 versi 1, Draf." in kotak
    )
    assert "1 SKP yang sudah disetujui tetap menampilkan rumusan yang disepakati" in kotak
    assert "1 SKP yang belum disetujui akan menampilkan rumusan baru." in kotak
    assert 'name="paham_penting" value="ya"' in halaman

    ditolak = isi(client.post(reverse("perencanaan:impor_terapkan", args=[data.pk]), follow=True))

    assert "Impor belum diterapkan: 1 perubahan perlu perhatian" in ditolak
    assert IndikatorKinerja.objects.get(kode="IK1.1.2").nama == "Prevalensi balita stunting"
    data.refresh_from_db()
    assert data.status == StatusImpor.PRATINJAU

    client.post(reverse("perencanaan:impor_terapkan", args=[data.pk]), {"paham_penting": "ya"})

    assert IndikatorKinerja.objects.get(kode="IK1.1.2").nama == "Angka Kematian Bayi"
    # What the preview said is what the SKP pages show.
    client.force_login(pemeran.atasan_atasan.user)
    lama = isi(client.get(reverse("skp:detail", args=[disetujui.pk])))
    assert "Indikator Renstra:</span> Prevalensi balita stunting" in lama
    client.force_login(pemeran.kepala.user)
    baru = isi(client.get(reverse("skp:detail", args=[draf.pk])))
    assert "Indikator Renstra:</span> Angka Kematian Bayi" in baru


def test_perubahan_target_menyebut_skp_tetapi_isinya_tidak_berubah(
    client, pemeran, renstra_dinkes, skp_tautan_ik112
):
    masuk(client, pemeran.admin)
    baris = renstra_baik()
    baris[1]["target_2026"] = "15"
    respons = unggah(client, renstra_dinkes.unit, xlsx_bytes(baris, renja_baik()))
    data = ImporRenstra.objects.order_by("-pk").first()
    assert data.ringkasan["penting"] == 0
    target = bagian_rincian(isi(client.get(respons.url)), "target")
    assert "IK1.1.2 · 2026" in target and "Target: “15,5”" in target
    assert "Ditautkan oleh 2 SKP" in target
    assert "SKP hanya menampilkan rumusannya, jadi isi SKP itu tidak berubah." in target
    client.post(reverse("perencanaan:impor_terapkan", args=[data.pk]))  # no tick needed
    assert TargetIndikator.objects.get(indikator__kode="IK1.1.2", tahun=2026).nilai == 15


def bagian_rincian(halaman: str, kode: str) -> str:
    return halaman.split(f'id="rincian-{kode}"')[1].split("</section>")[0]


def test_pratinjau_renstra_baru_dibatasi_per_kelompok_dan_dapat_disaring(client, pemeran, opd):
    masuk(client, pemeran.admin)
    respons = unggah(client, opd, xlsx_bytes(renstra_baik(), renja_baik()))
    halaman = isi(client.get(respons.url))
    target = bagian_rincian(halaman, "target")
    assert "Target tahunan indikator: 20 baru, 0 diubah, 0 tidak berubah" in target
    assert target.count("<tr") == 1 + 20
    assert 'aria-current="page">Semua perubahan (33)' in halaman
    satu = isi(client.get(respons.url, {"tampil": "baru", "kelompok": "indikator"}))
    assert 'id="rincian-target"' not in satu
    assert bagian_rincian(satu, "indikator").count("<tr") == 1 + 4
