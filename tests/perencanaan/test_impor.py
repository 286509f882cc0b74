"""Import of Renstra and Renja from XLSX/CSV: good files, merged cells, Indonesian numbers, every
bad case with nothing written, re-uploads, and the impor_renstra command."""

import io
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from organisasi.models import Instansi, UnitKerja
from perencanaan import impor
from perencanaan.models import (
    ImporRenstra,
    IndikatorKinerja,
    Kegiatan,
    Program,
    Renstra,
    SasaranStrategis,
    SubKegiatan,
    TargetIndikator,
    Tujuan,
)
from tests.perencanaan.berkas import (
    KOLOM_RENSTRA,
    PERIODE,
    csv_bytes,
    dengan_nilai_rumus,
    renja_baik,
    renstra_baik,
    xlsx_bytes,
)

MAKS = 1024 * 1024
MODEL = [
    Renstra,
    Tujuan,
    SasaranStrategis,
    IndikatorKinerja,
    TargetIndikator,
    Program,
    Kegiatan,
    SubKegiatan,
]


@pytest.fixture
def opd(db) -> UnitKerja:
    instansi = Instansi.objects.create(nama="Pemerintah Kabupaten Impor")
    return UnitKerja.objects.create(instansi=instansi, kode="1.02", nama="Dinas Kesehatan")


def jalankan(unit, data: bytes, nama="renstra.xlsx", periode=PERIODE) -> impor.Rencana:
    rencana = impor.rencanakan(
        unit, impor.baca_berkas_renstra(io.BytesIO(data), nama, maks_bytes=MAKS, periode=periode)
    )
    if not rencana.masalah and rencana.ada_perubahan:
        impor.terapkan(unit, rencana)
    return rencana


def jumlah_data() -> tuple[int, ...]:
    return tuple(m.objects.count() for m in MODEL)


def hitungan(rencana: impor.Rencana, kolom: str = "baru") -> dict[str, int]:
    return {j: getattr(h, kolom) for j, h in rencana.hitungan.items()}


def target(kode: str) -> dict[int, Decimal]:
    return dict(TargetIndikator.objects.filter(indikator__kode=kode).values_list("tahun", "nilai"))


# ---------------------------------------------------------------- good files


def test_berkas_xlsx_baik_membuat_pohon_renstra_dan_renja(opd):
    rencana = jalankan(opd, xlsx_bytes(renstra_baik(), renja_baik()))

    assert rencana.masalah == []
    assert hitungan(rencana) == {
        "tujuan": 2, "sasaran": 3, "indikator": 4, "target": 20,
        "program": 1, "kegiatan": 1, "subkegiatan": 2,
    }  # fmt: skip
    renstra = Renstra.objects.get()
    assert (renstra.unit, renstra.periode) == (opd, "2025-2029")
    stunting = IndikatorKinerja.objects.get(kode="IK1.1.2")
    # Rows with blank tujuan/sasaran cells belong to the tujuan and sasaran above them.
    assert (stunting.sasaran.kode, stunting.sasaran.tujuan.kode) == ("SS1.1", "T1")
    assert SasaranStrategis.objects.get(kode="SS1.2").tujuan.kode == "T1"
    assert (stunting.baseline, stunting.baseline_teks, stunting.iku) == (
        Decimal("18.7"),
        "18,7",
        False,
    )
    assert target("IK1.1.2") == {
        2025: 17,
        2026: Decimal("15.5"),
        2027: 14,
        2028: Decimal("12.5"),
        2029: 11,
    }
    assert TargetIndikator.objects.get(indikator=stunting, tahun=2026).teks == "15,5"
    assert IndikatorKinerja.objects.get(kode="IK1.2.1").iku is True  # "ya"
    assert IndikatorKinerja.objects.filter(iku=True).count() == 3

    program = Program.objects.get()
    assert (program.tahun, program.kode, program.sasaran.kode) == (2026, "1.02.02", "SS1.1")
    assert (program.target, program.pagu) == (Decimal("15.5"), Decimal("4250000000"))
    kegiatan = Kegiatan.objects.get()
    assert (kegiatan.program, kegiatan.kode, kegiatan.pagu) == (
        program,
        "1.02.02.2.02",
        Decimal("1900000000"),
    )
    ibu_hamil, tbc = SubKegiatan.objects.order_by("kode")
    assert ibu_hamil.kegiatan == tbc.kegiatan == kegiatan
    assert (ibu_hamil.target, ibu_hamil.satuan, ibu_hamil.sasaran.kode) == (6850, "orang", "SS1.1")
    assert (tbc.sasaran.kode, tbc.pagu) == ("SS1.2", Decimal("650000000"))


@pytest.mark.parametrize("pemisah", [",", ";"])
def test_berkas_csv_berisi_renstra_saja(opd, pemisah):
    rencana = jalankan(opd, csv_bytes(renstra_baik(), pemisah=pemisah), nama="renstra.csv")

    assert rencana.masalah == []
    assert (
        Tujuan.objects.count(),
        IndikatorKinerja.objects.count(),
        TargetIndikator.objects.count(),
    ) == (2, 4, 20)
    assert not Program.objects.exists()
    assert target("IK1.1.2")[2026] == Decimal("15.5")


def test_sel_gabungan_sungguhan_di_xlsx(opd):
    """Real merged cells: openpyxl reads only the first cell of a merged range."""
    baris = renstra_baik()
    baris[1] |= {
        "kode_tujuan": "T1",
        "tujuan": "isi sel yang tertutup gabungan",
    }  # hidden by the merge
    data = xlsx_bytes(baris, gabung=["A2:A4", "B2:B4", "C2:C3", "D2:D3"])

    rencana = jalankan(opd, data)

    assert rencana.masalah == []
    assert list(Tujuan.objects.values_list("kode", "nama")) == [
        ("T1", "Meningkatnya derajat kesehatan masyarakat"),
        ("T2", "Meningkatnya mutu pelayanan kesehatan"),
    ]
    assert IndikatorKinerja.objects.get(kode="IK1.1.2").sasaran.kode == "SS1.1"
    assert IndikatorKinerja.objects.get(kode="IK1.2.1").sasaran.tujuan.kode == "T1"


def test_renja_datar_satu_baris_per_sub_kegiatan(opd):
    """Parents written out on every row (no program or kegiatan rows of their own): they are
    created from the codes and names, without indikator, target or pagu."""
    induk = {"tahun": "2026", "kode_sasaran": "SS1.1", "kode_program": "1.02.02", "program": "PROGRAM A",
             "kode_kegiatan": "1.02.02.2.02", "kegiatan": "Kegiatan A"}  # fmt: skip
    renja = [
        induk | {"kode_subkegiatan": "1.02.02.2.02.0001", "subkegiatan": "Sub A", "pagu": "100"},
        induk | {"kode_subkegiatan": "1.02.02.2.02.0002", "subkegiatan": "Sub B", "pagu": "200"},
    ]
    rencana = jalankan(opd, xlsx_bytes(renstra_baik(), renja))
    assert rencana.masalah == []
    program = Program.objects.get()
    assert (program.nama, program.indikator, program.pagu) == ("PROGRAM A", "", None)
    assert Kegiatan.objects.get().program == program
    assert list(SubKegiatan.objects.order_by("kode").values_list("nama", "pagu")) == [
        ("Sub A", Decimal("100")),
        ("Sub B", Decimal("200")),
    ]
    assert not jalankan(opd, xlsx_bytes(renstra_baik(), renja)).ada_perubahan


def test_kode_baru_tanpa_nama_tidak_mewarisi_nama_di_atasnya(opd):
    baris = renstra_baik()
    baris[2]["sasaran"] = ""  # new code SS1.2 with a blank name: not the name of SS1.1
    rencana = jalankan(opd, xlsx_bytes(baris))
    assert [str(m) for m in rencana.masalah] == [
        "sheet Renstra, baris 4, kolom sasaran: wajib diisi."
    ]


def test_angka_cara_indonesia_angka_excel_dan_rumus(opd):
    baris = renstra_baik()
    baris[0] |= {"baseline": 1500, "target_2025": "1.500", "target_2026": 85.5, "target_2027": "90%",
                 "target_2028": "Rp 2.000.000", "target_2029": "=J2*2"}  # fmt: skip
    baris[1] |= {"baseline": "2.000.000,50", "target_2025": "-5", "target_2026": 0.125}
    data = dengan_nilai_rumus(xlsx_bytes(baris), 1, {"N2": "3000000"})

    rencana = jalankan(opd, data)

    assert rencana.masalah == []
    assert IndikatorKinerja.objects.get(kode="IK1.1.1").baseline == 1500
    assert target("IK1.1.1") == {
        2025: 1500,
        2026: Decimal("85.5"),
        2027: 90,
        2028: 2000000,
        2029: 3000000,
    }
    assert IndikatorKinerja.objects.get(kode="IK1.1.2").baseline == Decimal("2000000.50")
    assert target("IK1.1.2")[2025] == -5
    assert target("IK1.1.2")[2026] == Decimal("0.125")


def test_target_kosong_berarti_belum_ada_target_tahun_itu(opd):
    baris = renstra_baik()
    baris[3] |= {"target_2028": "", "target_2029": "-"}
    jalankan(opd, xlsx_bytes(baris))
    assert sorted(target("IK2.1.1")) == [2025, 2026, 2027]


def test_baris_kembar_persis_dihitung_sekali(opd):
    baris = renstra_baik()
    baris.append({**baris[0]})
    rencana = jalankan(opd, xlsx_bytes(baris))
    assert rencana.masalah == []
    assert IndikatorKinerja.objects.count() == 4


def test_nama_sheet_dan_judul_kolom_tidak_peka_huruf_besar(opd):
    rencana = jalankan(opd, xlsx_bytes(renstra_baik(), renja_baik(), sheet_renstra="RENSTRA"))
    assert rencana.masalah == []
    assert Program.objects.count() == 1


def test_templat_diunggah_apa_adanya_tidak_mengubah_apa_pun(opd):
    """Issue 12: the template's example rows were applied to the OPD's Renstra (its IK1.1.2
    became "Prevalensi balita stunting"). Its data sheets now hold only their header."""
    from perencanaan.templat import templat_renstra_xlsx

    jalankan(opd, xlsx_bytes(renstra_baik(), renja_baik()))
    sebelum = jumlah_data()
    nama_sebelum = list(IndikatorKinerja.objects.order_by("kode").values_list("kode", "nama"))

    rencana = jalankan(opd, templat_renstra_xlsx(PERIODE, opd))

    assert [str(m) for m in rencana.masalah] == [
        "sheet Renstra: Berkas tidak berisi baris data di bawah judul kolom."
    ]
    assert jumlah_data() == sebelum
    assert list(IndikatorKinerja.objects.order_by("kode").values_list("kode", "nama")) == (
        nama_sebelum
    )


def _contoh_petunjuk(data: bytes, judul: str) -> list[dict[str, object]]:
    """The example table under `judul` on the template's Petunjuk sheet, as rows by header."""
    from openpyxl import load_workbook

    sel = [[c.value for c in b] for b in load_workbook(io.BytesIO(data))["Petunjuk"].iter_rows()]
    awal = next(i for i, b in enumerate(sel) if b[0] == judul) + 1
    header = [h for h in sel[awal] if h]
    hasil = []
    for b in sel[awal + 1 :]:
        if not any(b):
            break
        hasil.append({h: ("" if v is None else v) for h, v in zip(header, b, strict=False)})
    return hasil


def test_contoh_templat_di_petunjuk_dapat_dibaca_tetapi_kodenya_ditolak(opd):
    """The examples show a filled Renstra and Renja sheet (merged tujuan/sasaran cells too); copied
    into the data sheets, every row is refused for its CONTOH- code and nothing is written."""
    from perencanaan.templat import JUDUL_CONTOH_RENJA, JUDUL_CONTOH_RENSTRA, templat_renstra_xlsx

    data = templat_renstra_xlsx(PERIODE, opd)
    renstra = _contoh_petunjuk(data, JUDUL_CONTOH_RENSTRA)
    renja = _contoh_petunjuk(data, JUDUL_CONTOH_RENJA)
    assert [b["kode_indikator"] for b in renstra] == ["CONTOH-IK1", "CONTOH-IK2"]
    assert renstra[1]["kode_tujuan"] == ""  # shown as a merged cell
    assert [b["kode_subkegiatan"] for b in renja] == ["", "", "CONTOH-1.02.02.2.02.0001"]

    hasil = masalah(opd, xlsx_bytes(renstra, renja))

    # A row under an example's merged tujuan/sasaran cells belongs to the example too.
    pesan = "baris contoh dari templat (kode {}); hapus baris ini dan isi data Anda sendiri."
    assert hasil == [
        "sheet Renstra, baris 2, kolom kode_tujuan: " + pesan.format("CONTOH-T1"),
        "sheet Renstra, baris 3, kolom kode_tujuan: " + pesan.format("CONTOH-T1"),
        "sheet Renja, baris 2, kolom kode_sasaran: " + pesan.format("CONTOH-SS1"),
        "sheet Renja, baris 3, kolom kode_sasaran: " + pesan.format("CONTOH-SS1"),
        "sheet Renja, baris 4, kolom kode_sasaran: " + pesan.format("CONTOH-SS1"),
    ]


# ---------------------------------------------------------------- bad files: nothing written


def masalah(opd, data: bytes, nama="renstra.xlsx", periode=PERIODE) -> list[str]:
    jalankan(opd, xlsx_bytes(renstra_baik(), renja_baik()))
    sebelum = jumlah_data()
    rencana = jalankan(opd, data, nama=nama, periode=periode)
    assert rencana.masalah, "berkas ini seharusnya ditolak"
    assert jumlah_data() == sebelum, "tidak boleh ada data yang tertulis"
    return [str(m) for m in rencana.masalah]


def test_kolom_kurang_dan_asing_menyebut_kolom_yang_diharapkan(opd):
    kolom = [k for k in KOLOM_RENSTRA if k != "satuan"] + ["keterangan"]
    hasil = masalah(opd, xlsx_bytes(renstra_baik(), kolom_renstra=kolom))
    assert hasil[0].startswith(
        "sheet Renstra: Kolom wajib tidak ada: satuan. Kolom yang diharapkan: kode_tujuan, tujuan, "
        "kode_sasaran, sasaran, kode_indikator, indikator, satuan, baseline, iku, target_2025, "
    )
    assert hasil[1].startswith("sheet Renstra: Kolom tidak dikenal: keterangan.")


def test_kolom_target_di_luar_periode_dan_yang_kurang(opd):
    kolom = [k for k in KOLOM_RENSTRA if k != "target_2029"] + ["target_2030", "target_akhir"]
    hasil = masalah(opd, xlsx_bytes(renstra_baik(), kolom_renstra=kolom))
    assert hasil == [
        "sheet Renstra, kolom target_2030: tahun 2030 di luar periode Renstra 2025-2029; kolom target "
        "yang diharapkan: target_2025, target_2026, target_2027, target_2028, target_2029.",
        "sheet Renstra, kolom target_akhir: kolom target ditulis target_<tahun>; kolom yang diharapkan: "
        "target_2025, target_2026, target_2027, target_2028, target_2029.",
        "sheet Renstra: Kolom target tidak ada: target_2029. Setiap tahun periode 2025-2029 perlu satu "
        "kolom target (target_2025, target_2026, target_2027, target_2028, target_2029).",
    ]


def test_berkas_periode_lain_ditolak(opd):
    """A file made for 2025-2029 uploaded as 2026-2030."""
    hasil = masalah(opd, xlsx_bytes(renstra_baik()), periode=impor.Periode(2026, 2030))
    assert any(
        "kolom target_2025: tahun 2025 di luar periode Renstra 2026-2030" in m for m in hasil
    )
    assert any("Kolom target tidak ada: target_2030." in m for m in hasil)


def test_angka_yang_bukan_angka(opd):
    baris = renstra_baik()
    baris[0]["baseline"] = "banyak"
    baris[2]["target_2027"] = "WTP"
    renja = renja_baik()
    renja[3]["pagu"] = "dua juta"
    renja[2]["target"] = "1.50.000"
    hasil = masalah(opd, xlsx_bytes(baris, renja))
    assert hasil == [
        "sheet Renstra, baris 2, kolom baseline: 'banyak' bukan angka (contoh yang benar: 1.500, 85,5, 90%).",
        "sheet Renstra, baris 4, kolom target_2027: 'WTP' bukan angka (contoh yang benar: 1.500, 85,5, 90%).",
        "sheet Renja, baris 4, kolom target: '1.50.000' bukan angka (contoh yang benar: 1.500, 85,5, 90%).",
        "sheet Renja, baris 5, kolom pagu: 'dua juta' bukan angka (contoh yang benar: 1.500, 85,5, 90%).",
    ]


def test_kode_indikator_ganda_dengan_isi_berbeda(opd):
    baris = renstra_baik()
    baris.append({**baris[0], "indikator": "Angka kematian ibu melahirkan"})
    hasil = masalah(opd, xlsx_bytes(baris))
    assert hasil == [
        "sheet Renstra, baris 6, kolom kode_indikator: kode_indikator IK1.1.1 sudah dipakai di baris 2 "
        "dengan isi berbeda; satu kode indikator hanya boleh satu baris."
    ]


def test_kode_indikator_ganda_dilaporkan_bersama_masalah_lain_dalam_satu_kali_unggah(opd):
    """Every problem at once, as the pegawai import does: a duplicate is reported even when one of
    its rows has a problem of its own (before, it surfaced only after that was fixed)."""
    baris = renstra_baik()
    baris[0]["baseline"] = "banyak"  # the first IK1.1.1 has a problem of its own
    baris.append({**renstra_baik()[0], "indikator": "Angka kematian ibu melahirkan"})
    baris.append({**baris[1], "indikator": "Prevalensi wasting", "target_2027": "WTP"})
    hasil = masalah(opd, xlsx_bytes(baris))
    assert hasil == [
        "sheet Renstra, baris 2, kolom baseline: 'banyak' bukan angka (contoh yang benar: 1.500, "
        "85,5, 90%).",
        "sheet Renstra, baris 6, kolom kode_indikator: kode_indikator IK1.1.1 sudah dipakai di "
        "baris 2 dengan isi berbeda; satu kode indikator hanya boleh satu baris.",
        "sheet Renstra, baris 7, kolom target_2027: 'WTP' bukan angka (contoh yang benar: 1.500, "
        "85,5, 90%).",
        "sheet Renstra, baris 7, kolom kode_indikator: kode_indikator IK1.1.2 sudah dipakai di "
        "baris 3 dengan isi berbeda; satu kode indikator hanya boleh satu baris.",
    ]


def test_baris_ganda_yang_sama_persis_termasuk_masalahnya_tidak_dilaporkan_ganda(opd):
    baris = renstra_baik()
    baris[1]["target_2026"] = "naik"
    # Copied twice (with the tujuan and sasaran its merged cells stand for): the same problem,
    # and no "different content".
    baris.append({**baris[0], **baris[1]})
    hasil = masalah(opd, xlsx_bytes(baris))
    assert [m for m in hasil if "sudah dipakai" in m] == []
    assert len(hasil) == 2 and all("kolom target_2026: 'naik' bukan angka" in m for m in hasil)


def test_sub_kegiatan_ganda_dilaporkan_bersama_masalah_barisnya(opd):
    renja = renja_baik()
    renja.append({**renja[3], "subkegiatan": "Nama lain", "pagu": "dua juta"})
    hasil = masalah(opd, xlsx_bytes(renstra_baik(), renja))
    assert hasil == [
        "sheet Renja, baris 6, kolom pagu: 'dua juta' bukan angka (contoh yang benar: 1.500, "
        "85,5, 90%).",
        "sheet Renja, baris 6, kolom kode_subkegiatan: sub kegiatan 1.02.02.2.02.0011 tahun 2026 "
        "sudah ada di baris 5 dengan isi berbeda; satu sub kegiatan hanya boleh satu baris.",
    ]


def test_periode_tumpang_tindih_dilaporkan_bersama_masalah_berkas(opd):
    jalankan(opd, xlsx_bytes(renstra_baik()))
    kolom = impor.KOLOM_RENSTRA + [f"target_{t}" for t in range(2027, 2032)]
    baris = renstra_baik()
    baris[0]["satuan"] = ""
    hasil = masalah(opd, xlsx_bytes(baris, kolom_renstra=kolom), periode=impor.Periode(2027, 2031))
    assert hasil == [
        "sheet Renstra, baris 2, kolom satuan: wajib diisi.",
        "Dinas Kesehatan sudah memiliki Renstra 2025-2029 yang tumpang tindih dengan periode "
        "2027-2031. Pilih periode 2025-2029 untuk memperbarui Renstra itu.",
    ]


def test_satu_kode_satu_nama_dan_satu_induk(opd):
    baris = renstra_baik()
    baris[3] |= {"kode_sasaran": "SS1.2", "sasaran": "Menurunnya angka kesakitan penyakit menular"}
    baris[2] |= {"tujuan": "Tujuan yang lain", "kode_tujuan": "T1"}
    hasil = masalah(opd, xlsx_bytes(baris))
    assert (
        "sheet Renstra, baris 4, kolom tujuan: kode_tujuan T1 sudah bernama 'Meningkatnya derajat kesehatan masyarakat' di baris 2; satu kode tujuan harus satu nama."
        in hasil
    )
    assert (
        "sheet Renstra, baris 5, kolom kode_tujuan: sasaran SS1.2 berada di bawah tujuan T1 di baris 4; satu sasaran hanya di bawah satu tujuan."
        in hasil
    )


def test_renja_dengan_kode_sasaran_yang_tidak_ada_di_renstra(opd):
    renja = renja_baik()
    renja[3]["kode_sasaran"] = "SS9.9"
    hasil = masalah(opd, xlsx_bytes(renstra_baik(), renja))
    assert hasil == [
        "sheet Renja, baris 5, kolom kode_sasaran: kode_sasaran SS9.9 tidak ada di sheet Renstra."
    ]


def test_renja_tahun_di_luar_periode_dan_baris_tanpa_program(opd):
    renja = renja_baik()
    renja[0]["tahun"] = "2031"
    renja.append({"indikator": "indikator tanpa program", "target": "5"})
    renja.append(
        {
            "tahun": "dua ribu",
            "kode_sasaran": "SS1.1",
            "kode_program": "1.02.03",
            "program": "PROGRAM LAIN",
        }
    )
    hasil = masalah(opd, xlsx_bytes(renstra_baik(), renja))
    assert (
        "sheet Renja, baris 2, kolom tahun: tahun 2031 di luar periode Renstra 2025-2029." in hasil
    )
    assert any(
        m.startswith("sheet Renja, baris 6, kolom kode_program: baris ini tidak menyebut program")
        for m in hasil
    )
    assert "sheet Renja, baris 7, kolom tahun: tahun 'dua ribu' tidak sah (tulis 4 angka)." in hasil


def test_renja_kegiatan_di_bawah_dua_program(opd):
    renja = renja_baik()
    renja.append({"tahun": "2026", "kode_sasaran": "SS1.1", "kode_program": "1.02.03", "program": "PROGRAM LAIN",
                  "kode_kegiatan": "1.02.02.2.02", "kegiatan": renja[1]["kegiatan"]})  # fmt: skip
    hasil = masalah(opd, xlsx_bytes(renstra_baik(), renja))
    assert hasil == [
        "sheet Renja, baris 6, kolom kode_program: kegiatan 1.02.02.2.02 berada di bawah program 1.02.02 "
        "di baris 3; tidak boleh di bawah dua program."
    ]


def test_wajib_diisi_dan_iku_tidak_dikenal_sekaligus(opd):
    baris = renstra_baik()
    baris[0]["kode_tujuan"] = ""  # the first row has nothing above to take it from
    baris[1]["satuan"] = ""
    baris[2]["iku"] = "mungkin"
    hasil = masalah(opd, xlsx_bytes(baris))
    assert "sheet Renstra, baris 2, kolom kode_tujuan: wajib diisi." in hasil
    assert "sheet Renstra, baris 3, kolom satuan: wajib diisi." in hasil
    assert "sheet Renstra, baris 4, kolom iku: isi Ya atau Tidak (tertulis 'mungkin')." in hasil


def test_angka_terlalu_besar(opd):
    baris = renstra_baik()
    baris[0]["baseline"] = "1" + "0" * 17
    hasil = masalah(opd, xlsx_bytes(baris))
    assert hasil == [f"sheet Renstra, baris 2, kolom baseline: angka 1{'0' * 17} terlalu besar."]


@pytest.mark.parametrize(
    ("teks", "pesan"),
    [
        ("1E+30", "angka 1E+30 terlalu besar."),
        ("1" * 30, f"angka {'1' * 30} terlalu besar."),
        ("9999999999999999,99995", "angka 9999999999999999,99995 terlalu besar."),  # rounds up
        ("1E+99999999999999999999", "angka 1E+99999999999999999999 terlalu besar."),
        ("-1E+30", "angka -1E+30 terlalu besar."),
    ],
)
def test_target_dan_pagu_raksasa_ditolak_bukan_galat(opd, teks, pesan):
    # Issue 11: these made Decimal.quantize (or Decimal itself) raise, a 500 on the upload page.
    baris = renstra_baik()
    baris[0]["target_2026"] = teks
    renja = renja_baik()
    renja[0]["pagu"] = teks

    hasil = masalah(opd, xlsx_bytes(baris, renja))

    assert hasil == [
        f"sheet Renstra, baris 2, kolom target_2026: {pesan}",
        f"sheet Renja, baris 2, kolom pagu: {pesan}",
    ]  # and nothing written (checked by masalah)


def test_angka_excel_raksasa_ditolak(opd):
    # A number cell of 1E+30 reads as its 31 digits.
    baris = renstra_baik()
    baris[0]["target_2026"] = 1e30

    hasil = masalah(opd, xlsx_bytes(baris))

    assert hasil == [
        "sheet Renstra, baris 2, kolom target_2026: angka 1000000000000000019884624838656 "
        "terlalu besar."
    ]


def test_kode_dengan_baris_baru_ditolak(opd):
    baris = renstra_baik()
    baris[0]["kode_indikator"] = "IK1.1\n.1"
    renja = renja_baik()
    renja[1]["kode_kegiatan"] = "1.02.02.2\r\n.02"

    hasil = masalah(opd, xlsx_bytes(baris, renja))

    pesan = "kode tidak boleh berisi baris baru atau karakter kendali lain"
    assert [m for m in hasil if pesan in m] == [
        f"sheet Renstra, baris 2, kolom kode_indikator: {pesan}; ketik ulang kode dalam satu baris.",
        f"sheet Renja, baris 3, kolom kode_kegiatan: {pesan}; ketik ulang kode dalam satu baris.",
    ]


@pytest.mark.parametrize(
    ("data", "nama", "pesan"),
    [
        (b"", "renstra.csv", "Berkas kosong."),
        (b"   \n", "renstra.xlsx", "Berkas kosong."),
        (b"PK\x03\x04bukan zip yang utuh", "renstra.xlsx", "Berkas bukan XLSX yang dapat dibaca."),
        (
            b"%PDF-1.4 ...",
            "renstra.pdf",
            "Jenis berkas tidak didukung: unggah berkas .xlsx atau .csv.",
        ),
        (csv_bytes([]), "renstra.csv", "Berkas tidak berisi baris data di bawah judul kolom."),
        (
            xlsx_bytes([]),
            "renstra.xlsx",
            "sheet Renstra: Berkas tidak berisi baris data di bawah judul kolom.",
        ),
    ],
)
def test_berkas_kosong_atau_tidak_terbaca(opd, data, nama, pesan):
    assert masalah(opd, data, nama=nama) == [pesan]


def test_xlsx_tanpa_sheet_renstra(opd):
    hasil = masalah(opd, xlsx_bytes(renstra_baik(), sheet_renstra="Sheet1"))
    assert hasil == [
        "Sheet 'Renstra' tidak ada di berkas (sheet yang ada: Sheet1, Petunjuk). Berkas XLSX harus "
        "berisi sheet Renstra dan boleh berisi sheet Renja; unduh templat untuk contohnya."
    ]


def test_berkas_melebihi_batas_ukuran(opd):
    rencana = impor.baca_berkas_renstra(
        io.BytesIO(b"x" * 2048), "renstra.csv", maks_bytes=1024, periode=PERIODE
    )
    assert [str(m) for m in rencana.masalah] == ["Berkas melebihi batas ukuran 1,0\xa0KB."]


def test_periode_tumpang_tindih_dengan_renstra_lain(opd):
    jalankan(opd, xlsx_bytes(renstra_baik()))
    kolom = impor.KOLOM_RENSTRA + [f"target_{t}" for t in range(2027, 2032)]
    hasil = masalah(
        opd, xlsx_bytes(renstra_baik(), kolom_renstra=kolom), periode=impor.Periode(2027, 2031)
    )
    assert hasil == [
        "Dinas Kesehatan sudah memiliki Renstra 2025-2029 yang tumpang tindih dengan periode 2027-2031. "
        "Pilih periode 2025-2029 untuk memperbarui Renstra itu."
    ]


@pytest.mark.parametrize(
    ("teks", "pesan"),
    [("2025", "misalnya 2025-2029"), ("2029-2025", "tidak boleh sebelum"), ("2025-2040", "paling lama 10 tahun"),
     ("1990-1994", "antara 2000 dan 2100")],
)  # fmt: skip
def test_periode_tidak_sah(teks, pesan):
    with pytest.raises(ValueError, match=pesan):
        impor.baca_periode(teks)
    assert impor.baca_periode(" 2025 – 2029 ") == impor.Periode(2025, 2029)


# ---------------------------------------------------------------- re-upload


def test_unggah_ulang_berkas_sama_tidak_mengubah_apa_pun(opd):
    data = xlsx_bytes(renstra_baik(), renja_baik())
    jalankan(opd, data)
    sebelum = {m: list(m.objects.order_by("pk").values()) for m in MODEL if m is not Renstra}

    rencana = jalankan(opd, data)

    assert not rencana.ada_perubahan
    assert hitungan(rencana, "tetap") == {
        "tujuan": 2, "sasaran": 3, "indikator": 4, "target": 20,
        "program": 1, "kegiatan": 1, "subkegiatan": 2,
    }  # fmt: skip
    assert {m: list(m.objects.order_by("pk").values()) for m in sebelum} == sebelum


def test_unggah_ulang_dengan_perubahan_memperbarui_di_tempat(opd):
    jalankan(opd, xlsx_bytes(renstra_baik(), renja_baik()))
    pk_indikator = IndikatorKinerja.objects.get(kode="IK1.1.2").pk
    pk_target = TargetIndikator.objects.get(indikator_id=pk_indikator, tahun=2027).pk
    pk_sub = SubKegiatan.objects.get(kode="1.02.02.2.02.0001").pk
    baris, renja = renstra_baik(), renja_baik()
    baris[1] |= {"indikator": "Prevalensi stunting pada balita", "target_2027": "13,5", "iku": "Ya"}
    baris[3] |= {
        "kode_sasaran": "SS1.2",
        "kode_tujuan": "",
        "tujuan": "",
        "sasaran": "",
    }  # moved under SS1.2
    baris[3]["baseline"] = ""  # emptied: written as NULL
    renja[2]["pagu"] = "Rp 1.300.000.000"

    rencana = jalankan(opd, xlsx_bytes(baris, renja))

    assert rencana.masalah == []
    assert hitungan(rencana, "diubah") == {
        "tujuan": 0, "sasaran": 0, "indikator": 2, "target": 1,
        "program": 0, "kegiatan": 0, "subkegiatan": 1,
    }  # fmt: skip
    stunting = IndikatorKinerja.objects.get(kode="IK1.1.2")
    assert (stunting.pk, stunting.nama, stunting.iku) == (
        pk_indikator,
        "Prevalensi stunting pada balita",
        True,
    )
    t = TargetIndikator.objects.get(indikator=stunting, tahun=2027)
    assert (t.pk, t.nilai, t.teks) == (pk_target, Decimal("13.5"), "13,5")
    ikm = IndikatorKinerja.objects.get(kode="IK2.1.1")
    assert (ikm.sasaran.kode, ikm.baseline, ikm.baseline_teks) == ("SS1.2", None, "")
    sub = SubKegiatan.objects.get(kode="1.02.02.2.02.0001")
    assert (sub.pk, sub.pagu) == (pk_sub, Decimal("1300000000"))
    assert TargetIndikator.objects.count() == 20
    # T2 and SS2.1 are now empty in the file: kept, and listed as missing.
    assert rencana.hitungan["tujuan"].hilang == ["T2 Meningkatnya mutu pelayanan kesehatan"]
    assert Tujuan.objects.filter(kode="T2").exists()


def test_baris_yang_hilang_didaftar_dan_dibiarkan(opd):
    jalankan(opd, xlsx_bytes(renstra_baik(), renja_baik()))
    baris, renja = renstra_baik(), renja_baik()
    del baris[2]  # IK1.2.1 and with it sasaran SS1.2 disappear ...
    baris[0]["target_2029"] = ""  # ... and one target cell is emptied
    renja[3]["kode_sasaran"] = "SS1.1"
    del renja[2]  # a sub kegiatan disappears
    sebelum = jumlah_data()

    rencana = jalankan(opd, xlsx_bytes(baris, renja))

    assert rencana.masalah == []
    h = rencana.hitungan
    assert h["indikator"].hilang == ["IK1.2.1 Cakupan pengobatan kasus tuberkulosis"]
    assert h["sasaran"].hilang == ["SS1.2 Menurunnya angka kesakitan penyakit menular"]
    assert h["target"].hilang == ["target IK1.1.1 tahun 2029 (83)"]
    assert h["subkegiatan"].hilang == [
        "1.02.02.2.02.0001 Pengelolaan Pelayanan Kesehatan Ibu Hamil (tahun 2026)"
    ]
    assert h["target"].jumlah_hilang == 1  # the targets of IK1.2.1 are told with their indikator
    assert jumlah_data() == sebelum, "tidak ada yang dihapus"
    assert target("IK1.1.1")[2029] == 83
    assert rencana.ringkasan()["hitungan"][2]["hilang"] == h["indikator"].hilang


def test_baris_program_dan_kegiatan_yang_hilang_tidak_mengosongkan_isinya(opd):
    """The program's and the kegiatan's own rows are gone; the sub kegiatan rows still name
    them. Their indikator, satuan, target and pagu stay, and the preview lists them."""
    jalankan(opd, xlsx_bytes(renstra_baik(), renja_baik()))
    lama = {
        m: m.objects.values("pk", "indikator", "satuan", "target", "target_teks", "pagu").get()
        for m in (Program, Kegiatan)
    }
    renja = renja_baik()
    sub = renja[2] | {
        "tahun": "2026", "kode_sasaran": "SS1.1", "kode_program": renja[0]["kode_program"],
        "program": renja[0]["program"], "kode_kegiatan": renja[1]["kode_kegiatan"],
        "kegiatan": renja[1]["kegiatan"],
    }  # fmt: skip

    rencana = jalankan(opd, xlsx_bytes(renstra_baik(), [sub, renja[3]]))

    assert rencana.masalah == []
    assert (rencana.hitungan["program"].diubah, rencana.hitungan["program"].tetap) == (0, 1)
    assert rencana.hitungan["program"].hilang == [
        "baris program 1.02.02 PROGRAM PEMENUHAN UPAYA KESEHATAN PERORANGAN DAN UPAYA KESEHATAN "
        "MASYARAKAT (tahun 2026) tidak ada lagi di berkas; indikator, target dan pagunya dibiarkan"
    ]
    assert rencana.hitungan["kegiatan"].hilang == [
        "baris kegiatan 1.02.02.2.02 Penyediaan Layanan Kesehatan untuk UKM dan UKP Rujukan "
        "Tingkat Daerah (tahun 2026) tidak ada lagi di berkas; indikator, target dan pagunya "
        "dibiarkan"
    ]
    assert not rencana.ada_perubahan
    for model, isi in lama.items():
        assert model.objects.values(*isi).get() == isi
    assert lama[Program]["pagu"] == Decimal("4250000000")


def test_induk_tersirat_hanya_mengubah_nama_sasaran_dan_induknya(opd):
    """One changed program only named by its kegiatan, another changed by its own row: both are
    updated in the same write, each with its own fields."""
    renja = renja_baik()
    program_b = {"tahun": "2026", "kode_sasaran": "SS1.2", "kode_program": "1.02.03",
                 "program": "PROGRAM B", "indikator": "Indikator B", "satuan": "%",
                 "target": "50", "pagu": "300"}  # fmt: skip
    jalankan(opd, xlsx_bytes(renstra_baik(), [*renja, program_b]))
    kegiatan = renja[1] | {
        "tahun": "2026", "kode_sasaran": "SS1.2", "kode_program": "1.02.02",
        "program": "PROGRAM A BARU",
    }  # fmt: skip
    program_b |= {"pagu": "400"}

    rencana = jalankan(opd, xlsx_bytes(renstra_baik(), [kegiatan, *renja[2:], program_b]))

    assert rencana.masalah == []
    assert rencana.hitungan["program"].diubah == 2
    a = Program.objects.get(kode="1.02.02")
    assert (a.nama, a.sasaran.kode, a.indikator, a.satuan, a.target, a.pagu) == (
        "PROGRAM A BARU", "SS1.2", "Prevalensi balita stunting", "%", Decimal("15.5"),
        Decimal("4250000000"),
    )  # fmt: skip
    assert a.target_teks == "15,5"
    b = Program.objects.get(kode="1.02.03")
    assert (b.nama, b.indikator, b.pagu) == ("PROGRAM B", "Indikator B", Decimal("400"))
    assert not jalankan(
        opd, xlsx_bytes(renstra_baik(), [kegiatan, *renja[2:], program_b])
    ).ada_perubahan


def test_renja_tahun_lain_tidak_dianggap_hilang(opd):
    jalankan(opd, xlsx_bytes(renstra_baik(), renja_baik()))
    renja_2027 = [dict(b, tahun="2027") if b.get("tahun") else b for b in renja_baik()]
    rencana = jalankan(opd, xlsx_bytes(renstra_baik(), renja_2027))
    assert rencana.hitungan["program"].baru == 1
    assert rencana.hitungan["program"].jumlah_hilang == 0
    assert sorted(Program.objects.values_list("tahun", flat=True)) == [2026, 2027]


def test_rencana_disimpan_sebagai_json_lalu_dibaca_kembali_sama(opd):
    rencana = impor.baca_berkas_renstra(
        io.BytesIO(xlsx_bytes(renstra_baik(), renja_baik())),
        "r.xlsx",
        maks_bytes=MAKS,
        periode=PERIODE,
    )
    import json

    kembali = impor.Rencana.dari_json(PERIODE, json.loads(json.dumps(rencana.ke_json())))
    assert kembali.renstra == rencana.renstra
    assert kembali.renja == rencana.renja


def test_ekspor_xlsx_dapat_diunggah_kembali_tanpa_perubahan(opd):
    from perencanaan.ekspor import renstra_xlsx

    baris = renstra_baik()
    baris[0]["baseline"] = "72,345"  # the dot-ambiguous shape survives the round trip
    jalankan(opd, xlsx_bytes(baris, renja_baik()))
    # Formula-like text (as a CSV upload can bring in) goes out as text and comes back the same.
    IndikatorKinerja.objects.filter(kode="IK1.1.2").update(nama='=HYPERLINK("http://contoh")')
    data = renstra_xlsx(Renstra.objects.get())

    rencana = jalankan(opd, data)

    assert rencana.masalah == []
    assert not rencana.ada_perubahan, rencana.ringkasan()
    assert IndikatorKinerja.objects.get(kode="IK1.1.1").baseline == Decimal("72.345")


# ---------------------------------------------------------------- command


def test_perintah_impor_mencetak_ringkasan_dan_mencatat_riwayat(opd, tmp_path):
    berkas = tmp_path / "renstra_dinkes.xlsx"
    berkas.write_bytes(xlsx_bytes(renstra_baik(), renja_baik()))
    out = io.StringIO()

    call_command("impor_renstra", str(berkas), unit="1.02", periode="2025-2029", stdout=out)

    assert "Indikator kinerja: 4 baru, 0 diubah, 0 tidak berubah" in out.getvalue()
    assert "Sub kegiatan: 2 baru" in out.getvalue()
    assert IndikatorKinerja.objects.count() == 4
    riwayat = ImporRenstra.objects.get()
    assert (riwayat.nama_berkas, riwayat.sumber, riwayat.status) == (
        "renstra_dinkes.xlsx",
        "perintah",
        "diterapkan",
    )

    out = io.StringIO()
    call_command("impor_renstra", str(berkas), unit="1.02", periode="2025-2029", stdout=out)
    assert "Tidak ada perubahan" in out.getvalue()


def test_perintah_dry_run_tidak_menulis(opd, tmp_path):
    berkas = tmp_path / "renstra.csv"
    berkas.write_bytes(csv_bytes(renstra_baik()))
    out = io.StringIO()
    call_command(
        "impor_renstra", str(berkas), unit="1.02", periode="2025-2029", dry_run=True, stdout=out
    )
    assert "[uji coba, tidak ada yang ditulis] Indikator kinerja: 4 baru" in out.getvalue()
    assert jumlah_data() == (0,) * len(MODEL)
    assert not ImporRenstra.objects.exists()


def test_perintah_menyebut_perubahan_yang_perlu_perhatian(opd, tmp_path):
    jalankan(opd, xlsx_bytes(renstra_baik()))
    baris = renstra_baik()
    baris[1]["indikator"] = "Angka kematian bayi"
    berkas = tmp_path / "renstra.xlsx"
    berkas.write_bytes(xlsx_bytes(baris))
    out = io.StringIO()
    call_command(
        "impor_renstra", str(berkas), unit="1.02", periode="2025-2029", dry_run=True, stdout=out
    )
    assert (
        "[uji coba, tidak ada yang ditulis] Perlu perhatian, indikator kinerja IK1.1.2: "
        "Indikator kinerja IK1.1.2 akan diganti rumusannya dari “Prevalensi balita stunting” "
        "menjadi “Angka kematian bayi”." in out.getvalue()
    )


def test_perintah_berkas_buruk_keluar_status_1_dan_tidak_menulis(opd, tmp_path):
    baris = renstra_baik()
    baris[1]["baseline"] = "delapan belas"
    baris[2]["satuan"] = ""
    berkas = tmp_path / "renstra.xlsx"
    berkas.write_bytes(xlsx_bytes(baris))
    err = io.StringIO()
    with pytest.raises(CommandError, match="2 masalah ditemukan; tidak ada data yang diubah"):
        call_command("impor_renstra", str(berkas), unit="1.02", periode="2025-2029", stderr=err)
    assert "sheet Renstra, baris 3, kolom baseline: 'delapan belas' bukan angka" in err.getvalue()
    assert "sheet Renstra, baris 4, kolom satuan: wajib diisi." in err.getvalue()
    assert jumlah_data() == (0,) * len(MODEL)
    assert not ImporRenstra.objects.exists()


def test_perintah_keluar_dengan_status_1_dari_baris_perintah(opd, tmp_path):
    """CommandError becomes exit status 1 when run as `manage.py impor_renstra`."""
    from django.core.management import ManagementUtility

    berkas = tmp_path / "kosong.csv"
    berkas.write_bytes(b"")
    with pytest.raises(SystemExit) as keluar:
        ManagementUtility(
            ["manage.py", "impor_renstra", str(berkas), "--unit", "1.02", "--periode", "2025-2029"]
        ).execute()
    assert keluar.value.code == 1


def test_perintah_unit_tidak_dikenal_atau_ganda(opd, tmp_path):
    berkas = tmp_path / "renstra.csv"
    berkas.write_bytes(csv_bytes(renstra_baik()))
    with pytest.raises(CommandError, match=r"Unit kerja dengan kode 9\.99 tidak ditemukan\."):
        call_command("impor_renstra", str(berkas), unit="9.99", periode="2025-2029")
    lain = Instansi.objects.create(nama="Pemerintah Kota Lain")
    UnitKerja.objects.create(instansi=lain, kode="1.02", nama="Dinas Kesehatan Kota")
    with pytest.raises(CommandError, match="ada di beberapa instansi.*sebutkan --instansi"):
        call_command("impor_renstra", str(berkas), unit="1.02", periode="2025-2029")
    call_command("impor_renstra", str(berkas), unit="1.02", periode="2025-2029",
                 instansi="pemerintah kota lain", stdout=io.StringIO())  # fmt: skip
    assert Renstra.objects.get().unit.instansi == lain
    with pytest.raises(CommandError, match="--periode tidak sah"):
        call_command("impor_renstra", str(berkas), unit="1.02", periode="2025")
    with pytest.raises(CommandError, match="Berkas tidak ditemukan"):
        call_command(
            "impor_renstra", str(tmp_path / "tidak_ada.xlsx"), unit="1.02", periode="2025-2029"
        )


def test_sel_persen_excel_dan_kode_tersimpan_sebagai_angka(opd):
    from openpyxl import load_workbook

    baris = renstra_baik()
    baris[0]["target_2027"] = 0.9  # typed as 90% in Excel: stored 0.9, shown 90%
    buku = load_workbook(io.BytesIO(xlsx_bytes(baris)))
    kolom = [k.lower() for k in KOLOM_RENSTRA]
    ws = buku["Renstra"]
    ws.cell(row=2, column=kolom.index("target_2027") + 1).number_format = "0%"
    data = io.BytesIO()
    buku.save(data)
    assert jalankan(opd, data.getvalue()).masalah == []
    assert target("IK1.1.1")[2027] == 90

    ws.cell(row=3, column=kolom.index("kode_indikator") + 1).value = 1.1  # "1.10" typed in General
    data = io.BytesIO()
    buku.save(data)
    pesan = [str(m) for m in jalankan(opd, data.getvalue()).masalah]
    assert len(pesan) == 1 and pesan[0].startswith(
        "sheet Renstra, baris 3, kolom kode_indikator: kode tersimpan sebagai angka oleh Excel"
    )


# ---------------------------------------------------------------- row by row (issue 12)


def rencana_tanpa_terapkan(opd, data: bytes) -> impor.Rencana:
    return impor.rencanakan(
        opd, impor.baca_berkas_renstra(io.BytesIO(data), "r.xlsx", maks_bytes=MAKS, periode=PERIODE)
    )


def test_rincian_menyebut_setiap_butir_dengan_nilai_lama_dan_baru(opd):
    jalankan(opd, xlsx_bytes(renstra_baik(), renja_baik()))
    baris = renstra_baik()
    baris[1] |= {"indikator": "Angka kematian bayi", "target_2026": "15"}
    baris[3]["satuan"] = "poin"
    renja = renja_baik()
    renja[2]["subkegiatan"] = "Pelayanan Ibu Hamil"
    renja[3]["pagu"] = "700.000.000"

    rencana = rencana_tanpa_terapkan(opd, xlsx_bytes(baris, renja))

    kelompok = {k.kode: k for k in rencana.rincian.kelompok}
    assert [k.kode for k in rencana.rincian.kelompok] == impor.JENIS
    indikator = kelompok["indikator"].baris
    # Renames and a new satuan first (they need the tick), then the rows left alone.
    assert [(b.kunci, b.jenis, bool(b.penting)) for b in indikator] == [
        ("IK1.1.2", "diubah", True), ("IK2.1.1", "diubah", True),
        ("IK1.1.1", "tetap", False), ("IK1.2.1", "tetap", False),
    ]  # fmt: skip
    assert indikator[0].medan == [("Rumusan", "Prevalensi balita stunting", "Angka kematian bayi")]
    assert indikator[0].penting == (
        "Indikator kinerja IK1.1.2 akan diganti rumusannya dari “Prevalensi balita stunting” "
        "menjadi “Angka kematian bayi”."
    )
    assert indikator[1].medan == [("Satuan", "indeks", "poin")]
    assert "Satuan indikator IK2.1.1 berubah dari “indeks” menjadi “poin”" in indikator[1].penting
    target = [b for b in kelompok["target"].baris if b.jenis == "diubah"]
    assert [(b.kunci, b.nama, b.medan, b.penting) for b in target] == [
        ("IK1.1.2 · 2026", "Angka kematian bayi", [("Target", "15,5", "15")], "")
    ]
    sub = kelompok["subkegiatan"].baris
    assert sub[0].kunci == "1.02.02.2.02.0001 · 2026" and sub[0].penting.startswith(
        "Sub kegiatan 1.02.02.2.02.0001 · 2026 akan diganti namanya dari “Pengelolaan Pelayanan "
        "Kesehatan Ibu Hamil” menjadi “Pelayanan Ibu Hamil”."
    )
    assert sub[1].medan == [("Pagu", "Rp 650.000.000", "Rp 700.000.000")] and not sub[1].penting
    assert rencana.ringkasan()["penting"] == 3
    assert hitungan(rencana, "tetap")["tujuan"] == 2


def test_rincian_butir_baru_dengan_isinya(opd):
    rencana = rencana_tanpa_terapkan(opd, xlsx_bytes(renstra_baik(), renja_baik()))
    indikator = {b.kunci: b for b in rencana.rincian.kelompok[2].baris}
    assert indikator["IK1.1.2"].jenis == "baru" and not indikator["IK1.1.2"].penting
    assert indikator["IK1.1.2"].medan == [
        ("Satuan", "", "%"), ("Baseline", "", "18,7"), ("IKU", "", "Tidak"), ("Sasaran", "", "SS1.1")
    ]  # fmt: skip
    assert rencana.ringkasan()["penting"] == 0


def test_sasaran_dipindah_ke_tujuan_lain_perlu_perhatian(opd):
    jalankan(opd, xlsx_bytes(renstra_baik()))
    baris = renstra_baik()
    baris[2] |= {"kode_tujuan": "T2", "tujuan": "Meningkatnya mutu pelayanan kesehatan"}
    rencana = rencana_tanpa_terapkan(opd, xlsx_bytes(baris))
    sasaran = rencana.rincian.kelompok[1].baris[0]
    assert (sasaran.kunci, sasaran.medan) == ("SS1.2", [("Tujuan", "T1", "T2")])
    assert sasaran.penting == "Sasaran strategis SS1.2 dipindah dari tujuan T1 ke T2."
