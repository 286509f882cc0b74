"""The pegawai upload's preview as a record: a rejected file is recorded as rejected, and a
preview made before another upload was applied can no longer be confirmed."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from organisasi import services
from organisasi.models import ImporPegawai, Jabatan, Pegawai, StatusImpor, UnitKerja
from tests.organisasi.berkas import KABID, KEPALA, csv_bytes
from tests.organisasi.test_views import baris_untuk, masuk, unggah


def test_berkas_bermasalah_tercatat_ditolak(client, pemeran):
    masuk(client, pemeran.admin)
    baris = baris_untuk(pemeran)
    baris[1]["nip"] = "123"
    unggah(client, pemeran, baris)
    data = ImporPegawai.objects.get()
    assert data.status == StatusImpor.DITOLAK
    assert data.baris == []

    ditolak = client.post(reverse("organisasi:impor_terapkan", args=[data.pk]), follow=True)

    assert "bermasalah" in ditolak.content.decode()
    assert ImporPegawai.objects.get().status == StatusImpor.DITOLAK
    assert not Pegawai.objects.filter(nip=KEPALA).exists()
    riwayat = client.get(reverse("organisasi:impor_pegawai")).content.decode()
    assert "Ditolak" in riwayat


def test_pratinjau_lama_tidak_menimpa_impor_yang_lebih_baru(client, pemeran):
    masuk(client, pemeran.admin)
    unggah(client, pemeran, baris_untuk(pemeran))
    lama = ImporPegawai.objects.get()
    baru_baris = baris_untuk(pemeran)
    baru_baris[1]["nama"] = "Bambang Setiawan Baru"
    unggah(client, pemeran, baru_baris)
    baru = ImporPegawai.objects.exclude(pk=lama.pk).get()
    # A new name for a NIP needs the tick (it may be a mistyped NIP).
    client.post(reverse("organisasi:impor_terapkan", args=[baru.pk]), {"paham_penting": "ya"})
    baru.refresh_from_db()
    assert baru.status == StatusImpor.DITERAPKAN

    respons = client.post(reverse("organisasi:impor_terapkan", args=[lama.pk]), follow=True)

    isi = respons.content.decode()
    assert "Pratinjau ini sudah usang: berkas lain sudah diterapkan pada" in isi
    assert "Unggah ulang berkas untuk melihat pratinjau terbaru." in isi
    assert Pegawai.objects.get(nip=KABID).nama == "Bambang Setiawan Baru"
    lama.refresh_from_db()
    assert (lama.status, lama.diterapkan_pada) == (StatusImpor.PRATINJAU, None)

    # A fresh upload of the same old file is a new preview, made after that import: it applies.
    unggah(client, pemeran, baris_untuk(pemeran))
    ulang = ImporPegawai.objects.order_by("-pk").first()
    services.impor_terapkan(user=pemeran.admin.user, impor_id=ulang.pk, paham_penting=True)
    assert Pegawai.objects.get(nip=KABID).nama == "Bambang Setiawan"


def test_impor_instansi_lain_tidak_membuat_pratinjau_usang(client, pemeran):
    masuk(client, pemeran.admin)
    unggah(client, pemeran, baris_untuk(pemeran))
    data = ImporPegawai.objects.get()
    ImporPegawai.objects.create(
        instansi=pemeran.instansi_lain,
        nama_berkas="lain.csv",
        status=StatusImpor.DITERAPKAN,
        diterapkan_pada=data.dibuat.replace(year=data.dibuat.year + 1),
        ringkasan={},
    )

    services.impor_terapkan(user=pemeran.admin.user, impor_id=data.pk)

    data.refresh_from_db()
    assert data.status == StatusImpor.DITERAPKAN


@pytest.mark.parametrize(
    ("nama", "isi", "pesan"),
    [
        ("kosong.csv", b"", "Berkas kosong."),
        ("kosong.xlsx", b"", "Berkas kosong."),
        ("judul_saja.csv", csv_bytes([]), "Berkas tidak berisi baris data di bawah judul kolom."),
    ],
)
def test_unggahan_kosong_tercatat_ditolak_seperti_yang_lain(client, pemeran, nama, isi, pesan):
    """A 0-byte file used to stop at the form ("Berkas yang dikirimkan kosong.") and left no
    trace in the history; now it is refused like any other bad file, with its reason."""
    masuk(client, pemeran.admin)
    jumlah = Pegawai.objects.count()

    respons = client.post(
        reverse("organisasi:impor_pegawai"),
        {"instansi": pemeran.instansi.pk, "berkas": SimpleUploadedFile(nama, isi)},
    )

    data = ImporPegawai.objects.get()
    assert respons.url == reverse("organisasi:impor_pratinjau", args=[data.pk])
    assert (data.status, data.nama_berkas, data.ringkasan["masalah"]) == (
        StatusImpor.DITOLAK,
        nama,
        [pesan],
    )
    assert pesan in client.get(respons.url).content.decode()
    riwayat = client.get(reverse("organisasi:impor_pegawai")).content.decode()
    assert nama in riwayat and "Ditolak" in riwayat
    assert Pegawai.objects.count() == jumlah


def test_riwayat_menyebut_nama_pengunggah(client, pemeran, superuser):
    """ "Oleh" names the person (the pegawai's name with gelar), not the login (their NIP); a
    login without a pegawai (a superuser) by its username."""
    masuk(client, pemeran.admin)
    unggah(client, pemeran, baris_untuk(pemeran))
    client.force_login(superuser)
    client.post(
        reverse("organisasi:impor_pegawai"),
        {"instansi": pemeran.instansi.pk, "berkas": SimpleUploadedFile("b.csv", b"")},
    )

    halaman = client.get(reverse("organisasi:impor_pegawai")).content.decode()
    riwayat = halaman.split('id="riwayat-impor"')[1]
    assert pemeran.admin.nama_lengkap in riwayat
    assert f">{pemeran.admin.user.username}<" not in riwayat
    assert ">super<" in riwayat
    pratinjau = ImporPegawai.objects.get(diunggah_oleh=pemeran.admin.user)
    isi = client.get(reverse("organisasi:impor_pratinjau", args=[pratinjau.pk])).content.decode()
    assert f"oleh {pemeran.admin.nama_lengkap}" in isi


def test_templat_diunggah_apa_adanya_tidak_menulis_apa_pun(client, pemeran):
    """Issue 12: the template uploaded unchanged renamed unit 1.02.01 and added a second head of
    the Dinas. Now it is refused as holding no data, and confirming writes nothing."""
    masuk(client, pemeran.admin)
    templat = client.get(reverse("organisasi:templat_pegawai")).content
    sebelum = list(UnitKerja.objects.order_by("kode").values_list("kode", "nama"))
    jumlah = (Pegawai.objects.count(), Jabatan.objects.count())

    respons = client.post(
        reverse("organisasi:impor_pegawai"),
        {"instansi": pemeran.instansi.pk, "berkas": SimpleUploadedFile("templat.xlsx", templat)},
    )
    data = ImporPegawai.objects.get()
    halaman = client.get(respons.url).content.decode()
    client.post(reverse("organisasi:impor_terapkan", args=[data.pk]), {"paham_penting": "ya"})

    assert data.status == StatusImpor.DITOLAK
    assert "Berkas tidak berisi baris data di bawah judul kolom." in halaman
    assert "Tidak ada data yang diubah." in halaman
    assert list(UnitKerja.objects.order_by("kode").values_list("kode", "nama")) == sebelum
    assert (Pegawai.objects.count(), Jabatan.objects.count()) == jumlah


# ---------------------------------------------------------------- row by row (issue 12)

BARU_NIP = "199508202019032002"


def terapkan_awal(client, pemeran) -> None:
    """The cast's organisation plus the good file under its kepala, applied."""
    masuk(client, pemeran.admin)
    unggah(client, pemeran, baris_untuk(pemeran))
    client.post(reverse("organisasi:impor_terapkan", args=[ImporPegawai.objects.get().pk]))


def berkas_berubah(pemeran) -> list[dict[str, str]]:
    """Unit 1.02.09.02 renamed, Rudi (STAF) moved under the Kabid, Rina's email changed, a new
    pegawai added; the Kepala's row and unit 1.02.09 unchanged."""
    baris = baris_untuk(pemeran)
    for b in baris:
        if b["kode_unit"] == "1.02.09.02":
            b["nama_unit"] = "Bidang Pencegahan Penyakit"
    baris[2]["email"] = "rina@contoh.go.id"
    baris[3] |= {"nip_atasan": KABID, "kode_unit": "1.02.09.02",
                 "nama_unit": "Bidang Pencegahan Penyakit", "kode_unit_induk": "1.02.09"}  # fmt: skip
    baris.append({**baris[3], "nip": BARU_NIP, "nama": "Dewi Lestari", "email": ""})
    return baris


def pratinjau_berubah(client, pemeran) -> ImporPegawai:
    terapkan_awal(client, pemeran)
    unggah(client, pemeran, berkas_berubah(pemeran))
    return ImporPegawai.objects.order_by("-pk").first()


def buka_pratinjau(client, data: ImporPegawai, **parameter) -> str:
    url = reverse("organisasi:impor_pratinjau", args=[data.pk])
    return client.get(url, parameter).content.decode()


def bagian(isi: str, id_: str) -> str:
    """The element with that id, up to the next section of the same kind."""
    return isi.split(f'id="{id_}"')[1].split("</section>")[0]


def test_pratinjau_menyebut_setiap_baris_yang_dibuat_atau_diubah_dengan_nilai_lama_dan_baru(
    client, pemeran
):
    data = pratinjau_berubah(client, pemeran)

    isi = buka_pratinjau(client, data)

    unit = bagian(isi, "rincian-unit")
    assert "Unit kerja: 0 baru, 1 diubah, 2 tidak berubah, 1 perlu perhatian" in unit
    assert "1.02.09.02" in unit and '“Bidang P2P” <span aria-hidden="true">→</span>' in unit
    assert "“Bidang Pencegahan Penyakit”" in unit
    jabatan = bagian(isi, "rincian-jabatan")
    assert "Jabatan: 1 baru, 1 diubah, 3 tidak berubah, 1 perlu perhatian" in jabatan
    assert "Unit kerja: “1.02.09.02.01 Seksi Surveilans”" in jabatan
    assert "Atasan: “Rina Marlina, S.K.M. (19870908 201101 2 003)”" in jabatan
    pegawai = bagian(isi, "rincian-pegawai")
    assert "Pegawai: 1 baru, 1 diubah, 3 tidak berubah" in pegawai
    assert "Email: “(kosong)”" in pegawai and "“rina@contoh.go.id”" in pegawai
    assert "Dewi Lestari" in pegawai and "Baru" in pegawai
    # Rows left alone are counted, not listed, until asked for.
    assert "Siti Rahmawati" not in pegawai
    assert "Lihat 3 pegawai yang tidak berubah" in pegawai
    tetap = bagian(
        buka_pratinjau(client, data, tampil="tetap", kelompok="pegawai"), "rincian-pegawai"
    )
    assert "Siti Rahmawati" in tetap and "Dewi Lestari" not in tetap
    assert Pegawai.objects.filter(nip=BARU_NIP).exists() is False, "pratinjau tidak menulis"


def test_ganti_nama_unit_dan_pindah_pegawai_menonjol_di_atas_dan_perlu_centang(client, pemeran):
    data = pratinjau_berubah(client, pemeran)
    isi = buka_pratinjau(client, data)

    kotak = isi.split('id="perlu-perhatian"')[1].split("</div>")[0]
    assert "Perlu perhatian: 2 perubahan" in kotak
    assert (
        "Unit 1.02.09.02 akan diganti namanya dari “Bidang P2P” menjadi “Bidang Pencegahan "
        "Penyakit”" in kotak
    )
    assert "Rudi Hartono, A.Md.Kes. pindah posisi (unit kerja, atasan berubah)" in kotak
    # Listed first in their group, highlighted.
    jabatan = bagian(isi, "rincian-jabatan").split("<tbody>")[1]
    assert jabatan.index("Rudi Hartono") < jabatan.index("Dewi Lestari")
    assert jabatan.split("<tr")[1].startswith(' class="table-warning"')
    assert 'name="paham_penting" value="ya"' in isi
    assert "Saya memahami bahwa 2 perubahan yang perlu perhatian di atas akan diterapkan" in isi

    tanpa_centang = client.post(
        reverse("organisasi:impor_terapkan", args=[data.pk]), follow=True
    ).content.decode()

    assert "Impor belum diterapkan: 2 perubahan perlu perhatian" in tanpa_centang
    assert "centang pernyataan “Saya memahami …”" in tanpa_centang
    data.refresh_from_db()
    assert data.status == StatusImpor.PRATINJAU
    assert UnitKerja.objects.get(kode="1.02.09.02").nama == "Bidang P2P"
    assert not Pegawai.objects.filter(nip=BARU_NIP).exists()

    client.post(reverse("organisasi:impor_terapkan", args=[data.pk]), {"paham_penting": "ya"})

    data.refresh_from_db()
    assert data.status == StatusImpor.DITERAPKAN
    assert UnitKerja.objects.get(kode="1.02.09.02").nama == "Bidang Pencegahan Penyakit"
    assert Pegawai.objects.get(nip=BARU_NIP).jabatan.unit_kerja.kode == "1.02.09.02"
    # The record keeps what was applied.
    assert "Bidang Pencegahan Penyakit" in buka_pratinjau(client, data)


def test_impor_tanpa_perubahan_penting_tidak_perlu_centang(client, pemeran):
    terapkan_awal(client, pemeran)
    baris = baris_untuk(pemeran)
    baris[2]["email"] = "rina@contoh.go.id"
    unggah(client, pemeran, baris)
    data = ImporPegawai.objects.order_by("-pk").first()
    assert data.ringkasan["penting"] == 0
    assert 'name="paham_penting"' not in buka_pratinjau(client, data)

    client.post(reverse("organisasi:impor_terapkan", args=[data.pk]))

    assert Pegawai.objects.get(nip="198709082011012003").email == "rina@contoh.go.id"


def test_konfirmasi_ditolak_bila_data_berubah_sejak_pratinjau(client, pemeran):
    """The confirmation applies exactly what the preview showed: a change made meanwhile (here in
    the Django admin) that alters the plan makes it refuse rather than apply something unseen."""
    data = pratinjau_berubah(client, pemeran)
    UnitKerja.objects.filter(kode="1.02.09").update(nama="Dinas Kesehatan (diubah di admin)")

    respons = client.post(
        reverse("organisasi:impor_terapkan", args=[data.pk]), {"paham_penting": "ya"}, follow=True
    )

    assert "Data di aplikasi berubah sejak pratinjau ini dibuat" in respons.content.decode()
    data.refresh_from_db()
    assert data.status == StatusImpor.PRATINJAU
    assert UnitKerja.objects.get(kode="1.02.09.02").nama == "Bidang P2P"


def test_pratinjau_lama_tanpa_rincian_tidak_dapat_diterapkan(client, pemeran):
    masuk(client, pemeran.admin)
    unggah(client, pemeran, baris_untuk(pemeran))
    data = ImporPegawai.objects.get()
    ringkasan = {k: v for k, v in data.ringkasan.items() if k not in ("sidik", "penting")}
    ImporPegawai.objects.filter(pk=data.pk).update(ringkasan=ringkasan, rincian={})

    respons = client.post(reverse("organisasi:impor_terapkan", args=[data.pk]), follow=True)

    assert "Unggah ulang berkasnya untuk melihat rinciannya" in respons.content.decode()
    assert not Pegawai.objects.filter(nip=KEPALA).exists()


def test_pimpinan_kedua_tanpa_atasan_perlu_perhatian(client, pemeran):
    """Issue 12: the template's example added a second "Kepala Dinas Kesehatan" with no atasan,
    who then had no pejabat penilai."""
    masuk(client, pemeran.admin)
    baris = baris_untuk(pemeran)
    baris[0]["nip_atasan"] = ""
    unggah(client, pemeran, baris)
    isi = buka_pratinjau(client, ImporPegawai.objects.get())

    kotak = isi.split('id="perlu-perhatian"')[1].split("</div>")[0]
    assert (
        "Siti Rahmawati, M.Kes. tidak punya atasan (nip_atasan kosong), padahal "
        f"{pemeran.kepala.nama_lengkap} sudah menjadi pimpinan tertinggi"
        in kotak.replace("dr. ", "")
    )


def test_saring_dan_halaman_untuk_ribuan_baris(client, pemeran, monkeypatch):
    """The overview shows a few rows per group and says how many more; a group opens on its
    own, page by page, and every filter is a plain link."""
    from core import rincian

    monkeypatch.setattr(rincian, "PER_KELOMPOK", 3)
    monkeypatch.setattr(rincian, "PER_HALAMAN", 4)
    masuk(client, pemeran.admin)
    baris = baris_untuk(pemeran)
    baris += [
        {**baris[3], "nip": f"1995082020190320{n:02d}", "nama": f"Staf {n}", "email": ""}
        for n in range(10, 16)
    ]
    unggah(client, pemeran, baris)
    data = ImporPegawai.objects.get()

    ikhtisar = bagian(buka_pratinjau(client, data), "rincian-pegawai")
    assert ikhtisar.count("<tr") == 1 + 3
    assert "Lihat 7 baris pegawai lainnya" in ikhtisar
    assert 'href="?tampil=perubahan&amp;kelompok=pegawai#rincian"' in ikhtisar

    satu = buka_pratinjau(client, data, tampil="baru", kelompok="pegawai", halaman=2)
    assert 'id="rincian-unit"' not in satu
    pegawai = bagian(satu, "rincian-pegawai")
    assert pegawai.count("<tr") == 1 + 4
    assert "Halaman 2 dari 3 (baris 5–8 dari 10)" in pegawai
    assert 'href="?tampil=baru&amp;kelompok=pegawai&amp;halaman=3#rincian"' in pegawai
    assert 'aria-current="page">Baru (10)' in pegawai


def test_halaman_pratinjau_jumlah_query_tetap(client, pemeran, django_assert_max_num_queries):
    masuk(client, pemeran.admin)
    unggah(client, pemeran, baris_untuk(pemeran))
    kecil = ImporPegawai.objects.get()
    url = reverse("organisasi:impor_pratinjau", args=[kecil.pk])
    client.get(url)
    with django_assert_max_num_queries(20) as sedikit:
        client.get(url)
    jumlah = len(sedikit.captured_queries)  # read now: the next request resets the log
    baris = baris_untuk(pemeran) + [
        {**baris_untuk(pemeran)[3], "nip": f"19950820201903{n:04d}", "nama": f"Staf {n}"}
        for n in range(2001, 2061)
    ]
    unggah(client, pemeran, baris)
    besar = ImporPegawai.objects.order_by("-pk").first()
    with django_assert_max_num_queries(jumlah):
        client.get(reverse("organisasi:impor_pratinjau", args=[besar.pk]))
