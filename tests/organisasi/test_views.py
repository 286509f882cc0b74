"""Permission ladder and behaviour of the organisation pages."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from organisasi.models import ImporPegawai, Pegawai, StatusImpor
from tests.core import berkas as berkas_xlsx
from tests.factories import JabatanFactory, PegawaiFactory
from tests.organisasi.berkas import KEPALA, baris_baik, csv_bytes


def masuk(client, pegawai):
    client.force_login(pegawai.user)
    return client


def unggah(client, pemeran, baris):
    berkas = SimpleUploadedFile("pegawai.csv", csv_bytes(baris), content_type="text/csv")
    return client.post(
        reverse("organisasi:impor_pegawai"), {"instansi": pemeran.instansi.pk, "berkas": berkas}
    )


def baris_untuk(pemeran):
    """The good file, hung under the cast's kepala so it joins the existing organisation."""
    baris = baris_baik()
    baris[0]["nip_atasan"] = pemeran.kepala.nip
    baris[0]["kode_unit_induk"] = "1.02"
    baris[0]["kode_unit"] = "1.02.09"
    for b in baris[1:]:
        b["kode_unit_induk"] = b["kode_unit_induk"].replace("1.02", "1.02.09", 1)
        b["kode_unit"] = b["kode_unit"].replace("1.02", "1.02.09", 1)
    return baris


@pytest.mark.parametrize(
    "nama_url",
    ["organisasi:impor_pegawai", "organisasi:templat_pegawai", "organisasi:pegawai_list"],
)
def test_tangga_izin_halaman_admin(client, pemeran, nama_url):
    url = reverse(nama_url)
    anonim = client.get(url)
    assert anonim.status_code == 302 and anonim.url.startswith(reverse("login"))
    assert masuk(client, pemeran.pegawai).get(url).status_code == 403
    assert masuk(client, pemeran.atasan).get(url).status_code == 403
    assert masuk(client, pemeran.admin).get(url).status_code == 200


def test_tangga_izin_pratinjau_impor(client, pemeran):
    data = ImporPegawai.objects.create(instansi=pemeran.instansi, nama_berkas="a.csv", ringkasan={})
    url = reverse("organisasi:impor_pratinjau", args=[data.pk])
    assert client.get(url).status_code == 302
    assert masuk(client, pemeran.pegawai).get(url).status_code == 403
    # Admin of another instansi: the import's existence is not revealed.
    assert masuk(client, pemeran.admin_lain).get(url).status_code == 404
    assert masuk(client, pemeran.admin).get(url).status_code == 200


def test_unggah_pratinjau_lalu_konfirmasi(client, pemeran):
    masuk(client, pemeran.admin)
    respons = unggah(client, pemeran, baris_untuk(pemeran))
    data = ImporPegawai.objects.get()
    assert respons.url == reverse("organisasi:impor_pratinjau", args=[data.pk])
    assert not Pegawai.objects.filter(nip=KEPALA).exists(), "pratinjau belum menulis apa pun"

    halaman = client.get(respons.url)
    assert "Konfirmasi dan terapkan impor" in halaman.content.decode()
    assert data.ringkasan["pegawai"]["baru"] == 4

    konfirmasi = client.post(reverse("organisasi:impor_terapkan", args=[data.pk]), follow=True)
    assert "Impor diterapkan: 4 pegawai baru" in konfirmasi.content.decode()
    assert Pegawai.objects.get(nip=KEPALA).jabatan.atasan == pemeran.kepala.jabatan
    data.refresh_from_db()
    assert data.status == StatusImpor.DITERAPKAN


def test_konfirmasi_dua_kali_hanya_menerapkan_sekali(client, pemeran):
    masuk(client, pemeran.admin)
    unggah(client, pemeran, baris_untuk(pemeran))
    data = ImporPegawai.objects.get()
    url = reverse("organisasi:impor_terapkan", args=[data.pk])
    client.post(url)
    jumlah = Pegawai.objects.count()
    kedua = client.post(url, follow=True)
    assert "sudah diterapkan sebelumnya" in kedua.content.decode()
    assert Pegawai.objects.count() == jumlah


def test_berkas_buruk_menampilkan_semua_masalah_dan_tanpa_tombol_konfirmasi(client, pemeran):
    masuk(client, pemeran.admin)
    baris = baris_untuk(pemeran)
    baris[1]["nip"] = "123"
    baris[2]["pangkat_golongan"] = "Z"
    respons = unggah(client, pemeran, baris)
    halaman = client.get(respons.url).content.decode()
    assert "baris 3, kolom nip: NIP 123 tidak sah" in halaman
    assert "baris 4, kolom pangkat_golongan" in halaman
    assert "Konfirmasi dan terapkan" not in halaman
    data = ImporPegawai.objects.get()
    assert client.post(reverse("organisasi:impor_terapkan", args=[data.pk])).status_code == 302
    assert ImporPegawai.objects.get().status == StatusImpor.DITOLAK
    assert not Pegawai.objects.filter(nip=KEPALA).exists()


def test_admin_tidak_bisa_mengimpor_ke_instansi_lain(client, pemeran):
    masuk(client, pemeran.admin)
    berkas = SimpleUploadedFile("pegawai.csv", csv_bytes(baris_baik()), content_type="text/csv")
    respons = client.post(
        reverse("organisasi:impor_pegawai"),
        {"instansi": pemeran.instansi_lain.pk, "berkas": berkas},
    )
    assert respons.status_code == 200  # the form refuses the choice
    assert "Pilih pilihan yang benar" in respons.content.decode() or respons.context["form"].errors
    assert not ImporPegawai.objects.exists()


def test_daftar_pegawai_hanya_instansi_sendiri(client, pemeran):
    halaman = masuk(client, pemeran.admin).get(reverse("organisasi:pegawai_list")).content.decode()
    assert pemeran.pegawai.nama in halaman
    assert pemeran.pegawai.nip_cetak in halaman  # NIP printed grouped
    assert pemeran.pegawai_lain.nama not in halaman


def test_daftar_pegawai_htmx_mengembalikan_partial_tabel(client, pemeran):
    masuk(client, pemeran.admin)
    respons = client.get(reverse("organisasi:pegawai_list"), {"q": "Rudi"}, HTTP_HX_REQUEST="true")
    isi = respons.content.decode()
    assert isi.lstrip().startswith('<div id="tabel-pegawai">')
    assert "<nav" not in isi.split('id="tabel-pegawai"')[0]
    assert "1 pegawai" in isi
    assert pemeran.pegawai.nama in isi and pemeran.kepala.nama not in isi


@pytest.mark.usefixtures("jawaban_selalu_dihitung")
def test_daftar_pegawai_jumlah_query_tetap(client, pemeran, django_assert_max_num_queries):
    masuk(client, pemeran.admin)
    url = reverse("organisasi:pegawai_list")
    client.get(url)  # warm session/auth caches
    # 12 for the page, 2 to find who acts in the superior positions of the page's rows.
    with django_assert_max_num_queries(14) as sedikit:
        client.get(url)
    for _ in range(40):
        PegawaiFactory(
            jabatan=JabatanFactory(
                unit_kerja=pemeran.pegawai.jabatan.unit_kerja, atasan=pemeran.atasan.jabatan
            )
        )
    with django_assert_max_num_queries(len(sedikit.captured_queries)):
        client.get(url)


def test_unggah_terlalu_besar_ditolak_di_form(client, pemeran, settings):
    settings.IMPOR_MAKS_BYTES = 100
    masuk(client, pemeran.admin)
    respons = unggah(client, pemeran, baris_untuk(pemeran))
    assert respons.status_code == 200
    assert "Berkas terlalu besar" in respons.content.decode()
    assert not ImporPegawai.objects.exists()


def test_unggah_jenis_berkas_salah_ditolak_di_form(client, pemeran):
    masuk(client, pemeran.admin)
    berkas = SimpleUploadedFile("pegawai.pdf", b"%PDF-1.4", content_type="application/pdf")
    respons = client.post(
        reverse("organisasi:impor_pegawai"), {"instansi": pemeran.instansi.pk, "berkas": berkas}
    )
    assert "Unggah berkas .xlsx atau .csv." in respons.content.decode()
    assert not ImporPegawai.objects.exists()


def test_bahasa_tetap_indonesia_untuk_peramban_berbahasa_inggris(client, pemeran):
    masuk(client, pemeran.admin)
    respons = client.post(reverse("organisasi:impor_pegawai"), {}, HTTP_ACCEPT_LANGUAGE="en-US,en")
    assert "Bidang ini tidak boleh kosong" in respons.content.decode()


def test_daftar_pegawai_menampilkan_pejabat_penilai_yang_berlaku(client, pemeran):
    """Not just the definitive holder of the superior position: when it is vacant, the next
    position up acts (and is named with its own jabatan), as in the workflow."""
    atasan = pemeran.atasan
    atasan.aktif = False
    atasan.save()
    masuk(client, pemeran.admin)

    isi = client.get(reverse("organisasi:pegawai_list"), {"q": pemeran.pegawai.nama}).content
    baris = next(b for b in isi.decode().split("<tr") if pemeran.pegawai.nip_cetak in b)

    assert pemeran.atasan_atasan.nama_lengkap in baris
    assert f"({pemeran.atasan_atasan.jabatan})" in baris
    assert "(lowong)" not in baris


# Hostile or broken files (issue 11): each is refused with its reason, recorded in the history as
# Ditolak, and nothing is written.
BERKAS_BERMASALAH = [
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
        lambda: csv_bytes([{"nip": KEPALA, "nama": "x" * 131_073}]),
        "berisi lebih dari 32.767 karakter",
    ),
]


@pytest.mark.parametrize(("nama", "buat", "pesan"), BERKAS_BERMASALAH)
def test_berkas_bermusuhan_ditolak_dan_dicatat(client, pemeran, nama, buat, pesan):
    masuk(client, pemeran.admin)
    jumlah_pegawai = Pegawai.objects.count()

    respons = client.post(
        reverse("organisasi:impor_pegawai"),
        {"instansi": pemeran.instansi.pk, "berkas": SimpleUploadedFile(nama, buat())},
    )

    data = ImporPegawai.objects.get()
    assert respons.url == reverse("organisasi:impor_pratinjau", args=[data.pk])
    assert data.status == StatusImpor.DITOLAK and data.nama_berkas == nama
    assert len(data.ringkasan["masalah"]) == 1 and pesan in data.ringkasan["masalah"][0]
    assert pesan in client.get(respons.url).content.decode()
    assert Pegawai.objects.count() == jumlah_pegawai
