"""Target rules of the indicator form (skp.target.periksa_target) against the indicator analyser:
the form must accept every indicator the analyser calls a measurable result, and refuse a satuan
for the Waktu / Biaya aspek exactly when the analyser says it does not fit. No database."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

import pytest

from indikator.analisis import analisis, kesesuaian_aspek
from indikator.selectors import analisis_isian
from skp.target import PESAN_ASPEK, baca_angka, periksa_target, satuan_uang, satuan_waktu

LABEL = Path(__file__).resolve().parent.parent / "indikator" / "label_indikator.jsonl"
SATUAN = Path(__file__).resolve().parent.parent.parent / "indikator" / "data" / "satuan.json"
TAHUN = 2026


def _label() -> list[dict]:
    with LABEL.open(encoding="utf-8") as f:
        return [json.loads(b) for b in f if b.strip()]


def _isian(c: dict) -> dict | None:
    """The form fields a pegawai would fill in for a labelled indicator: "90-100" is a range,
    "Rp 2.000.000" without a satuan is 2000000 with satuan "Rp". None when the target is not a
    number (the form has no text targets such as "WTP")."""
    m = re.fullmatch(
        r"\s*(rp\.?\s*)?([\d.,]+)\s*(?:-\s*([\d.,]+))?\s*(.*)", c.get("target") or "", re.I
    )
    if not m:
        return None
    satuan = c.get("satuan") or ("Rp" if m[1] else m[4])
    return {
        "aspek": c["aspek"].strip().lower(),
        "target_min": baca_angka(m[2]),
        "target_maks": baca_angka(m[3]) if m[3] else None,
        "satuan": satuan or "",
        "target_tanggal": None,
        "uraian": c["indikator"],
    }


def _periksa(isian: dict) -> dict[str, str]:
    return periksa_target(tahun=TAHUN, **isian)


def _analisis_formulir(isian: dict):
    """The live check under the form, on the same fields."""
    return analisis_isian({**isian, "target_min": isian["target_min"]})


def test_every_good_labelled_indicator_with_an_aspek_passes_the_form():
    baik = [c for c in _label() if c["terukur"] and c.get("aspek")]
    assert len(baik) >= 100
    ditolak, tanpa_angka = [], []
    for c in baik:
        isian = _isian(c)
        if isian is None:
            tanpa_angka.append(c["target"])
            continue
        if salah := _periksa(isian):
            ditolak.append(
                f"{c['indikator']!r} {c['target']} {c.get('satuan')} {c['aspek']}: {salah}"
            )
    assert not ditolak, "\n".join(ditolak)
    assert tanpa_angka == ["WTP"]  # a value on a named scale: the form stores numbers only


def test_form_and_analyser_agree_on_the_satuan_for_waktu_and_biaya_in_the_labelled_set():
    dibandingkan, beda = 0, []
    for c in _label():
        if (c.get("aspek") or "").strip().lower() not in ("waktu", "biaya"):
            continue
        isian = _isian(c)
        if isian is None or not isian["satuan"]:
            continue
        dibandingkan += 1
        form = "satuan" in _periksa(isian)
        alat = "aspek_tidak_sesuai" in {t.kode for t in _analisis_formulir(isian).temuan}
        if form != alat:
            beda.append(f"{c['indikator']!r} {isian['satuan']} {isian['aspek']}: form={form}")
    assert dibandingkan >= 50
    assert not beda, "\n".join(beda)


_TEKS = [
    "Persentase pengaduan yang ditindaklanjuti paling lama 2 x 24 jam",
    "Persentase SP2D yang diterbitkan paling lama 1 hari kerja",
    "Persentase laporan yang disampaikan tepat waktu",
    "Persentase paket pengadaan yang selesai sesuai jadwal",
    "Persentase dokumen yang diverifikasi",
    "Jumlah laporan yang disampaikan tepat waktu",
    "Jumlah laporan yang disampaikan paling lambat tanggal 10 setiap bulan",
    "Waktu rata-rata penemuan kembali arsip",
    "Realisasi penyerapan anggaran belanja",
    "Efisiensi biaya pemeliharaan kendaraan dinas terhadap pagu",
    "Penghematan anggaran ATK",
    "Biaya pemeliharaan server",
    "Persentase kehadiran pegawai dalam rapat anggaran",
    "Jumlah pasien yang dilayani",
    "",
]
_SATUAN = ["%", "persen", "menit", "detik", "jam", "hari kalender", "hari kerja", "bulan",
           "dokumen", "laporan", "orang", "kali", "nilai", "rupiah", "Rp", "juta rupiah"]  # fmt: skip


@pytest.mark.parametrize("aspek", ["waktu", "biaya"])
def test_form_and_analyser_agree_on_every_satuan_and_wording(aspek):
    beda = []
    for teks in _TEKS:
        for satuan in _SATUAN:
            isian = {"aspek": aspek, "target_min": Decimal(10), "target_maks": None,
                     "satuan": satuan, "target_tanggal": None, "uraian": teks}  # fmt: skip
            form = "satuan" in _periksa(isian)
            if not teks:  # no text yet: nothing for the live check to analyse
                alat = kesesuaian_aspek(aspek, teks, satuan) is not None
            else:
                kode = {t.kode for t in _analisis_formulir(isian).temuan}
                alat = "aspek_tidak_sesuai" in kode
            if form != alat:
                beda.append(f"{teks!r} {satuan}: form={form} analyser={alat}")
    assert not beda, "\n".join(beda)


@pytest.mark.parametrize(
    ("uraian", "satuan", "aspek"),
    [
        ("Persentase pengaduan ditindaklanjuti paling lama 2 x 24 jam", "%", "waktu"),
        ("Persentase surat masuk yang didisposisikan pada hari yang sama", "%", "waktu"),
        ("Waktu rata-rata penemuan kembali arsip", "menit", "waktu"),
        ("Waktu tanggap insiden keamanan siber", "detik", "waktu"),
        ("Waktu penyelesaian keberatan pajak daerah", "hari kalender", "waktu"),
        ("Jumlah kasus DBD yang diselidiki paling lama 24 jam", "kasus", "waktu"),
        ("Realisasi penyerapan anggaran", "%", "biaya"),
        ("Efisiensi biaya pemeliharaan kendaraan dinas terhadap pagu", "persen", "biaya"),
        ("Biaya penyelenggaraan rapat per kegiatan", "juta rupiah", "biaya"),
    ],
)  # fmt: skip
def test_form_accepts_what_the_analyser_calls_measurable(uraian, satuan, aspek):
    isian = {"aspek": aspek, "target_min": Decimal(95), "target_maks": None, "satuan": satuan,
             "target_tanggal": None, "uraian": uraian}  # fmt: skip
    assert _periksa(isian) == {}
    assert analisis(uraian, target="95", satuan=satuan, aspek=aspek).terukur


@pytest.mark.parametrize(
    ("uraian", "satuan", "aspek", "pesan"),
    [
        ("Jumlah laporan yang disusun", "dokumen", "waktu", PESAN_ASPEK["waktu"]),
        ("Jumlah laporan yang disampaikan tepat waktu", "laporan", "waktu", PESAN_ASPEK["waktu"]),
        ("Persentase dokumen yang diverifikasi", "%", "waktu", PESAN_ASPEK["waktu_persen"]),
        ("Jumlah pasien yang dilayani", "orang", "biaya", PESAN_ASPEK["biaya"]),
        ("Biaya pemeliharaan server", "%", "biaya", PESAN_ASPEK["biaya_persen"]),
        ("Persentase kehadiran pegawai dalam rapat anggaran", "%", "biaya", PESAN_ASPEK["biaya_persen"]),
    ],
)  # fmt: skip
def test_form_refuses_nonsense_with_a_clear_indonesian_message(uraian, satuan, aspek, pesan):
    isian = {"aspek": aspek, "target_min": Decimal(12), "target_maks": None, "satuan": satuan,
             "target_tanggal": None, "uraian": uraian}  # fmt: skip
    assert _periksa(isian) == {"satuan": pesan}
    assert "aspek_tidak_sesuai" in {
        t.kode for t in analisis(uraian, target="12", satuan=satuan, aspek=aspek).temuan
    }


def test_without_the_indicator_text_only_time_and_money_units_fit():
    isian = {"target_min": Decimal(95), "target_maks": None, "target_tanggal": None}
    assert periksa_target(aspek="waktu", satuan="menit", tahun=TAHUN, **isian) == {}
    assert periksa_target(aspek="biaya", satuan="Rp", tahun=TAHUN, **isian) == {}
    assert "satuan" in periksa_target(aspek="waktu", satuan="%", tahun=TAHUN, **isian)
    assert "satuan" in periksa_target(aspek="biaya", satuan="%", tahun=TAHUN, **isian)


def test_time_and_money_units_come_from_the_shared_list():
    data = json.loads(SATUAN.read_text(encoding="utf-8"))
    for satuan in data["waktu"]:
        assert satuan_waktu(satuan) and satuan_waktu(satuan.upper()), satuan
    for satuan in data["uang"]:
        assert satuan_uang(satuan), satuan
    assert satuan_uang("Rp.") and satuan_uang("juta rupiah") and satuan_uang("rupiah/orang")
    assert not satuan_waktu("dokumen") and not satuan_uang("orang") and not satuan_waktu("%")
