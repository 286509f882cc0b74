import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from organisasi import impor
from organisasi.impor import KOLOM_TEMPLAT
from organisasi.models import Instansi, Jabatan, Pegawai, UnitKerja
from organisasi.selectors import atasan_langsung
from tests.core import berkas as berkas_xlsx
from tests.organisasi.berkas import KABID, KASI, KEPALA, STAF, baris_baik, csv_bytes, xlsx_bytes

MAKS = 1024 * 1024


def jalankan(instansi, data: bytes, nama="pegawai.csv", dry_run=False) -> impor.Rencana:
    return impor.impor_pegawai(
        instansi=instansi,
        berkas=io.BytesIO(data),
        nama_berkas=nama,
        maks_bytes=MAKS,
        dry_run=dry_run,
    )


def jumlah_data() -> tuple[int, int, int, int]:
    return (
        UnitKerja.objects.count(),
        Jabatan.objects.count(),
        Pegawai.objects.count(),
        get_user_model().objects.count(),
    )


@pytest.fixture
def instansi(db):
    return Instansi.objects.create(nama="Pemerintah Kabupaten Impor")


@pytest.mark.parametrize("format_berkas", ["csv", "xlsx"])
def test_berkas_baik_membuat_unit_jabatan_pegawai_dan_login(instansi, format_berkas):
    data = csv_bytes(baris_baik()) if format_berkas == "csv" else xlsx_bytes(baris_baik())

    rencana = jalankan(instansi, data, nama=f"pegawai.{format_berkas}")

    assert rencana.masalah == []
    assert (rencana.unit.baru, rencana.jabatan.baru, rencana.pegawai.baru) == (3, 4, 4)
    rudi = Pegawai.objects.get(nip=STAF)
    assert rudi.nama_lengkap == "Rudi Hartono, A.Md.Kes."
    assert rudi.golongan == "II/d"
    assert rudi.jabatan.unit_kerja.induk.kode == "1.02.02"
    assert atasan_langsung(rudi).nip == KASI
    assert atasan_langsung(Pegawai.objects.get(nip=KABID)).nip == KEPALA
    assert Pegawai.objects.get(nip=KABID).golongan == "IV/a"  # "Pembina (IV/a)"
    # Logins: username = NIP, no usable password until the person sets one.
    assert rudi.user.username == STAF
    assert not rudi.user.has_usable_password()


def test_csv_dengan_titik_koma_dari_excel_indonesia(instansi):
    rencana = jalankan(instansi, csv_bytes(baris_baik(), pemisah=";"))
    assert rencana.masalah == []
    assert Pegawai.objects.count() == 4


def test_impor_ulang_berkas_sama_tidak_mengubah_apa_pun(instansi):
    jalankan(instansi, csv_bytes(baris_baik()))
    sebelum = list(Pegawai.objects.order_by("pk").values())

    rencana = jalankan(instansi, csv_bytes(baris_baik()))

    assert not rencana.ada_perubahan
    assert (rencana.unit.tetap, rencana.jabatan.tetap, rencana.pegawai.tetap) == (3, 4, 4)
    assert list(Pegawai.objects.order_by("pk").values()) == sebelum


def test_berkas_berubah_memperbarui_di_tempat(instansi):
    jalankan(instansi, csv_bytes(baris_baik()))
    rudi_pk = Pegawai.objects.get(nip=STAF).pk
    baris = baris_baik()
    baris[3]["pangkat_golongan"] = "III/a"
    baris[3]["jabatan"] = "Analis Data Surveilans"
    baris[3]["nip_atasan"] = KABID  # moved directly under the kabid
    baris[2]["nama_unit"] = baris[3]["nama_unit"] = "Seksi Surveilans dan Imunisasi"

    rencana = jalankan(instansi, csv_bytes(baris))

    assert (rencana.pegawai.diubah, rencana.jabatan.diubah, rencana.unit.diubah) == (1, 1, 1)
    rudi = Pegawai.objects.get(nip=STAF)
    assert rudi.pk == rudi_pk
    assert (rudi.golongan, rudi.jabatan.nama) == ("III/a", "Analis Data Surveilans")
    assert atasan_langsung(rudi).nip == KABID
    assert UnitKerja.objects.get(kode="1.02.02.01").nama == "Seksi Surveilans dan Imunisasi"
    assert Pegawai.objects.count() == 4


def _masalah(instansi, baris, **kwargs) -> list[str]:
    sebelum = jumlah_data()
    rencana = jalankan(instansi, csv_bytes(baris, **kwargs))
    assert jumlah_data() == sebelum, "tidak boleh ada data yang tertulis"
    return [str(m) for m in rencana.masalah]


def test_nip_tidak_sah_disebut_baris_dan_kolomnya(instansi):
    baris = baris_baik()
    baris[1]["nip"] = "1980042220050110"
    assert _masalah(instansi, baris) == [
        "baris 3, kolom nip: NIP 1980042220050110 tidak sah: NIP harus 18 digit (tertulis 16 digit)."
    ]


def test_semua_masalah_dilaporkan_sekaligus(instansi):
    baris = baris_baik()
    baris[0]["pangkat_golongan"] = "III/f"
    baris[1]["jenis_jabatan"] = "Kepala"
    baris[2]["nama"] = ""
    baris[3]["nip"] = KASI  # NIP twice in the file
    masalah = _masalah(instansi, baris)
    assert any(
        m.startswith("baris 2, kolom pangkat_golongan: pangkat/golongan 'III/f' tidak dikenal")
        for m in masalah
    )
    assert any(
        m.startswith("baris 3, kolom jenis_jabatan: jenis jabatan 'Kepala' tidak dikenal")
        for m in masalah
    )
    assert "baris 4, kolom nama: wajib diisi." in masalah
    assert f"baris 5, kolom nip: NIP {KASI} sudah ada di baris 4." in masalah


def test_nip_atasan_tidak_dikenal(instansi):
    baris = baris_baik()
    baris[3]["nip_atasan"] = "199901012020121001"
    assert _masalah(instansi, baris) == [
        "baris 5, kolom nip_atasan: NIP atasan 199901012020121001 tidak ada di berkas maupun di data instansi ini."
    ]


def test_lingkaran_rantai_atasan_ditolak(instansi):
    baris = baris_baik()
    baris[0]["nip_atasan"] = STAF  # the head reports to the staff, who reports up to the head
    masalah = _masalah(instansi, baris)
    assert len(masalah) == 4
    assert all("rantai atasan membentuk lingkaran" in m for m in masalah)


def test_kolom_salah_menyebut_kolom_yang_diharapkan(instansi):
    kolom = [k for k in impor.KOLOM_TEMPLAT if k != "nip_atasan"] + ["nomor_hp"]
    masalah = _masalah(instansi, baris_baik(), kolom=kolom)
    assert masalah[0].startswith(
        "Kolom wajib tidak ada: nip_atasan. Kolom yang diharapkan: nip, nama,"
    )
    assert masalah[1].startswith("Kolom tidak dikenal: nomor_hp.")


def test_kode_unit_induk_tidak_dikenal_dan_unit_bertentangan(instansi):
    baris = baris_baik()
    baris[1]["kode_unit_induk"] = "9.99"
    baris[3]["nama_unit"] = "Seksi Lain"
    masalah = _masalah(instansi, baris)
    assert "baris 3, kolom kode_unit_induk: kode unit induk 9.99 tidak dikenal." in masalah
    assert any(
        m.startswith("baris 5, kolom nama_unit: unit 1.02.02.01 bernama 'Seksi Surveilans'")
        for m in masalah
    )


@pytest.mark.parametrize(
    ("data", "nama", "pesan"),
    [
        (b"PK\x03\x04bukan zip yang utuh", "pegawai.xlsx", "Berkas bukan XLSX yang dapat dibaca."),
        (
            b"%PDF-1.4 ...",
            "pegawai.pdf",
            "Jenis berkas tidak didukung: unggah berkas .xlsx atau .csv.",
        ),
        (b"", "pegawai.csv", "Berkas kosong."),
        (b"nip,nama\n", "pegawai.csv", "Kolom wajib tidak ada"),
    ],
)
def test_berkas_tidak_terbaca(instansi, data, nama, pesan):
    rencana = jalankan(instansi, data, nama=nama)
    assert str(rencana.masalah[0]).startswith(pesan)
    assert jumlah_data() == (0, 0, 0, 0)


def test_berkas_terlalu_besar(instansi):
    rencana = impor.impor_pegawai(
        instansi=instansi, berkas=io.BytesIO(b"x" * 2048), nama_berkas="a.csv", maks_bytes=1024
    )
    assert str(rencana.masalah[0]) == "Berkas melebihi batas ukuran 1,0\xa0KB."
    assert Pegawai.objects.count() == 0


def test_nip_terdaftar_di_instansi_lain_ditolak_tanpa_menyebut_instansinya(instansi):
    lain = Instansi.objects.create(nama="Pemerintah Kota Lain")
    jalankan(lain, csv_bytes(baris_baik()))
    masalah = _masalah(instansi, baris_baik())
    assert (
        "baris 2, kolom nip: NIP ini sudah terdaftar di instansi lain. Hubungi admin aplikasi."
        in masalah
    )
    # Which instansi holds the NIP is not the uploading admin's to learn.
    assert not any(lain.nama in m for m in masalah)


def test_perintah_impor_membuat_instansi_dan_mencetak_ringkasan(db, tmp_path):
    berkas = tmp_path / "pegawai.xlsx"
    berkas.write_bytes(xlsx_bytes(baris_baik()))
    out = io.StringIO()

    call_command("impor_pegawai", str(berkas), instansi="Pemerintah Kabupaten Baru", stdout=out)

    assert Instansi.objects.get(nama="Pemerintah Kabupaten Baru").pegawai.count() == 4
    assert "Pegawai: 4 baru, 0 diubah, 0 tidak berubah" in out.getvalue()

    out = io.StringIO()
    call_command("impor_pegawai", str(berkas), instansi="pemerintah kabupaten baru", stdout=out)
    assert "Tidak ada perubahan" in out.getvalue()


def test_perintah_impor_dry_run_tidak_menulis(db, tmp_path):
    berkas = tmp_path / "pegawai.csv"
    berkas.write_bytes(csv_bytes(baris_baik()))
    out = io.StringIO()
    call_command("impor_pegawai", str(berkas), instansi="Kab Coba", dry_run=True, stdout=out)
    assert "[uji coba, tidak ada yang ditulis] Pegawai: 4 baru" in out.getvalue()
    assert jumlah_data() == (0, 0, 0, 0)
    assert not Instansi.objects.exists()


def test_perintah_impor_menyebut_perubahan_yang_perlu_perhatian(instansi, tmp_path):
    jalankan(instansi, csv_bytes(baris_baik()))
    baris = baris_baik()
    baris[1]["nama_unit"] = "Bidang P2P Baru"
    berkas = tmp_path / "pegawai.csv"
    berkas.write_bytes(csv_bytes(baris))
    out = io.StringIO()
    call_command("impor_pegawai", str(berkas), instansi=instansi.nama, dry_run=True, stdout=out)
    assert (
        "[uji coba, tidak ada yang ditulis] Perlu perhatian, unit kerja 1.02.02: Unit 1.02.02 "
        "akan diganti namanya dari “Bidang P2P” menjadi “Bidang P2P Baru”" in out.getvalue()
    )


def test_perintah_impor_berkas_buruk_keluar_status_1_dan_tidak_menulis(db, tmp_path):
    baris = baris_baik()
    baris[2]["nip"] = "123"
    berkas = tmp_path / "pegawai.csv"
    berkas.write_bytes(csv_bytes(baris))
    err = io.StringIO()
    with pytest.raises(CommandError, match="1 masalah ditemukan; tidak ada data yang diubah"):
        call_command("impor_pegawai", str(berkas), instansi="Kab Coba", stderr=err)
    assert "baris 4, kolom nip: NIP 123 tidak sah" in err.getvalue()
    assert not Instansi.objects.exists()


def test_perintah_impor_menolak_berkas_bermusuhan(db, tmp_path):
    # The command reads through the same bounded reader as the upload page (issue 11).
    berkas = tmp_path / "pegawai.xlsx"
    berkas.write_bytes(berkas_xlsx.xlsx_kolom_xfd())
    err = io.StringIO()
    with pytest.raises(CommandError, match="1 masalah ditemukan; tidak ada data yang diubah"):
        call_command("impor_pegawai", str(berkas), instansi="Kab Coba", stderr=err)
    assert "berisi data di kolom XFD (kolom ke-16.384, baris 1)" in err.getvalue()
    assert not Instansi.objects.exists()
    assert jumlah_data() == (0, 0, 0, 0)


def _xlsx_dengan_nip_angka() -> bytes:
    """The pegawai file as an admin makes it in Excel without formatting the NIP column as text:
    the last digits of every NIP are already gone."""
    from openpyxl import load_workbook

    buku = load_workbook(io.BytesIO(xlsx_bytes(baris_baik())))
    ws = buku.active
    ws["A5"] = float(STAF)  # 199203142019031005 -> 1.99203142019031e17
    keluaran = io.BytesIO()
    buku.save(keluaran)
    return keluaran.getvalue()


def test_nip_yang_disimpan_excel_sebagai_angka_ditolak_dan_tidak_ditulis(instansi):
    rencana = jalankan(instansi, _xlsx_dengan_nip_angka(), nama="pegawai.xlsx")

    pesan = [str(m) for m in rencana.masalah]
    assert len(pesan) == 1, pesan
    assert pesan[0].startswith("baris 5, kolom nip: NIP tersimpan sebagai angka oleh Excel")
    assert jumlah_data() == (0, 0, 0, 0)


def test_bulan_tmt_nip_pns_harus_01_sampai_12_tetapi_pppk_tidak(instansi):
    baris = baris_baik()
    baris[3]["nip"] = "199203142019131005"  # month 13 with a PNS golongan (II/d): a typo
    rencana = jalankan(instansi, csv_bytes(baris))
    assert [str(m) for m in rencana.masalah] == [
        "baris 5, kolom nip: NIP 199203142019131005 tidak sah: digit ke-13 sampai 14 NIP PNS "
        "adalah bulan TMT CPNS dan harus 01-12 (tertulis 13). Jika pegawai ini PPPK, isi "
        "golongan PPPK (I sampai XVII)."
    ]

    baris[3]["nip"] = "199203142022211005"  # a PPPK number: digits 13-14 are not a month
    baris[3]["pangkat_golongan"] = "PPPK VII"
    assert jalankan(instansi, csv_bytes(baris)).masalah == []


def test_email_dan_status_aktif_login_mengikuti_impor_ulang(instansi):
    baris = baris_baik()
    baris[3]["email"] = ""
    jalankan(instansi, csv_bytes(baris))
    user = Pegawai.objects.get(nip=STAF).user
    assert user.email == ""
    user.is_active = False  # e.g. deactivated earlier, now listed again as active
    user.save()

    baris[3]["email"] = "rudi.baru@contoh.go.id"
    jalankan(instansi, csv_bytes(baris))

    user.refresh_from_db()
    # "Lupa kata sandi" sends to the login's email: a pegawai whose email arrives in a later
    # file must be able to set a first password.
    assert (user.email, user.is_active) == ("rudi.baru@contoh.go.id", True)


def test_templat_memformat_seluruh_kolom_nip_dan_kode_sebagai_teks():
    from openpyxl import load_workbook

    from organisasi.templat import templat_pegawai_xlsx

    ws = load_workbook(io.BytesIO(templat_pegawai_xlsx()))["Pegawai"]
    teks = {c for c, d in ws.column_dimensions.items() if d.number_format == "@"}
    # Whole columns, so every row the admin types is text too.
    assert teks == {"A", "H", "J", "K"}


def test_templat_tanpa_baris_data_contohnya_di_petunjuk_dengan_kode_contoh():
    """Issue 12: the example rows (real-looking codes of a Dinas Kesehatan) were applied when the
    template was uploaded unchanged. The data sheet now holds only the header; the example is
    on the Petunjuk sheet, which the import never reads, with unit codes that cannot exist."""
    from openpyxl import load_workbook

    from organisasi.templat import templat_pegawai_xlsx

    buku = load_workbook(io.BytesIO(templat_pegawai_xlsx()))
    assert buku.sheetnames == ["Pegawai", "Petunjuk"]
    assert [[c.value for c in b] for b in buku["Pegawai"].iter_rows()] == [KOLOM_TEMPLAT]
    petunjuk = [[c.value for c in b] for b in buku["Petunjuk"].iter_rows()]
    contoh = petunjuk[petunjuk.index(KOLOM_TEMPLAT) + 1 :]
    assert len(contoh) == 2
    assert {b[KOLOM_TEMPLAT.index("kode_unit")] for b in contoh} == {"CONTOH-1", "CONTOH-1.01"}


def test_baris_contoh_yang_disalin_ke_sheet_data_ditolak(instansi):
    from openpyxl import load_workbook

    from organisasi.templat import templat_pegawai_xlsx

    petunjuk = [
        [c.value or "" for c in b]
        for b in load_workbook(io.BytesIO(templat_pegawai_xlsx()))["Petunjuk"].iter_rows()
    ]
    contoh = petunjuk[petunjuk.index(KOLOM_TEMPLAT) + 1 :]
    baris = [dict(zip(KOLOM_TEMPLAT, b, strict=True)) for b in contoh] + baris_baik()

    rencana = jalankan(instansi, xlsx_bytes(baris), nama="pegawai.xlsx")

    assert [str(m) for m in rencana.masalah] == [
        f"baris {n}, kolom kode_unit: baris contoh dari templat (kode {kode}); hapus baris ini "
        "dan isi data Anda sendiri."
        for n, kode in ((2, "CONTOH-1"), (3, "CONTOH-1.01"))
    ]
    assert not Pegawai.objects.exists()


def _teks_sepanjang(kolom: str, n: int) -> str:
    if kolom == "email":  # a valid address of n characters (domain labels of at most 63)
        return f"{'a' * 64}@{'b' * 63}.{'c' * 63}.{'d' * (n - 196)}.id"
    return "x" * n


# The text columns and the model fields their values are written to (issue 11: on PostgreSQL a
# gelar_depan of 51 characters passed the preview and failed at apply).
FIELD_KOLOM = {
    "nama": (Pegawai, "nama"),
    "gelar_depan": (Pegawai, "gelar_depan"),
    "gelar_belakang": (Pegawai, "gelar_belakang"),
    "email": (Pegawai, "email"),
    "jabatan": (Jabatan, "nama"),
    "kode_unit": (UnitKerja, "kode"),
    "nama_unit": (UnitKerja, "nama"),
}


def _baris_sepanjang(tambah: int, hanya: str | None = None) -> list[dict[str, str]]:
    baris = baris_baik()[:1]
    for kolom, (model, nama) in FIELD_KOLOM.items():
        if hanya in (None, kolom):
            baris[0][kolom] = _teks_sepanjang(
                kolom, model._meta.get_field(nama).max_length + tambah
            )
    return baris


def test_teks_sepanjang_batas_basis_data_diterapkan(instansi):
    # On PostgreSQL (CI) the database itself enforces every max_length here.
    rencana = jalankan(instansi, csv_bytes(_baris_sepanjang(0)))

    assert rencana.masalah == []
    p = Pegawai.objects.get()
    assert len(p.gelar_depan) == 50 and len(p.user.email) == len(p.email) == 254
    assert len(p.jabatan.unit_kerja.kode) == 50


@pytest.mark.parametrize("kolom", FIELD_KOLOM)
def test_teks_melebihi_batas_basis_data_ditolak_di_pratinjau(instansi, kolom):
    rencana = jalankan(instansi, csv_bytes(_baris_sepanjang(1, hanya=kolom)))

    model, nama = FIELD_KOLOM[kolom]
    batas = model._meta.get_field(nama).max_length
    assert [str(m) for m in rencana.masalah] == [
        f"baris 2, kolom {kolom}: terlalu panjang (paling banyak {batas} karakter)."
    ]
    assert jumlah_data() == (0, 0, 0, 0)


def test_kode_unit_dengan_baris_baru_ditolak(instansi):
    baris = baris_baik()
    baris[1]["kode_unit"] = "1.02\n.02"  # Alt+Enter in the cell
    baris[2]["kode_unit_induk"] = "1.02\t02"

    rencana = jalankan(instansi, xlsx_bytes(baris), nama="pegawai.xlsx")

    pesan = "kode tidak boleh berisi baris baru atau karakter kendali lain"
    assert [(m.baris, m.kolom) for m in rencana.masalah if pesan in m.pesan] == [
        (3, "kode_unit"),
        (4, "kode_unit_induk"),
    ]
    assert jumlah_data() == (0, 0, 0, 0)
