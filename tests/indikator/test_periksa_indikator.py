"""manage.py periksa_indikator: JSON Lines in, one JSON line per input line out (output line N
answers input line N, and says so in "baris"). No database."""

from __future__ import annotations

import io
import json

from django.core.management import call_command


def _jalankan(*baris: str) -> list[dict]:
    keluar = io.StringIO()
    call_command("periksa_indikator", stdin=io.StringIO("\n".join(baris) + "\n"), stdout=keluar)
    return [json.loads(b) for b in keluar.getvalue().splitlines()]


def test_writes_one_result_line_per_input_line():
    hasil = _jalankan(
        json.dumps({"indikator": "Menyusun laporan"}),
        json.dumps(
            {
                "indikator": "Persentase arsip inaktif yang ditata sesuai klasifikasi",
                "target": "100",
                "satuan": "%",
                "aspek": "Kualitas",
            }
        ),
    )
    assert len(hasil) == 2
    buruk, baik = hasil
    assert buruk["terukur"] is False and buruk["temuan"]
    assert set(buruk) == {"baris", "terukur", "skor", "temuan"}
    assert {"kode", "pesan"} <= set(buruk["temuan"][0])
    assert baik == {"baris": 2, "terukur": True, "skor": 100, "temuan": []}


def test_not_measurable_answer_always_has_a_finding():
    baris = [json.dumps({"indikator": t}) for t in ("", "Mendukung kelancaran kegiatan", "Rapat")]
    for hasil in _jalankan(*baris):
        assert hasil["terukur"] is False and len(hasil["temuan"]) >= 1
        assert 0 <= hasil["skor"] <= 100


def test_malformed_lines_get_an_error_line_and_the_run_continues():
    hasil = _jalankan(
        "bukan json",
        "[1, 2]",
        json.dumps({"target": "12"}),
        json.dumps({"indikator": "Jumlah laporan", "target": ["12"]}),
        json.dumps({"indikator": "Jumlah laporan keuangan", "target": 12, "satuan": "laporan"}),
    )
    assert [h.get("baris") for h in hasil[:4]] == [1, 2, 3, 4]
    assert all("galat" in h for h in hasil[:4])
    assert hasil[0]["galat"].startswith("Baris bukan JSON yang sah")
    assert "indikator" in hasil[2]["galat"]
    assert hasil[4]["terukur"] is True  # numeric target accepted


def test_blank_lines_get_an_error_line_so_output_line_n_answers_input_line_n():
    hasil = _jalankan(
        "",
        json.dumps({"indikator": "Menyusun laporan"}),
        "   ",
        "{rusak",
        json.dumps({"indikator": "Jumlah laporan keuangan", "target": "12", "satuan": "laporan"}),
    )
    assert len(hasil) == 5
    assert [h["baris"] for h in hasil] == [1, 2, 3, 4, 5]
    assert hasil[0]["galat"].startswith("Baris kosong") and hasil[2]["galat"] == hasil[0]["galat"]
    assert hasil[1]["terukur"] is False and hasil[4]["terukur"] is True
    assert "galat" in hasil[3] and "terukur" not in hasil[3]


def test_optional_baseline_enables_the_realism_check():
    (hasil,) = _jalankan(
        json.dumps(
            {
                "indikator": "Jumlah wajib pajak baru yang terdaftar",
                "target": "900",
                "satuan": "orang",
                "baseline": 300,
            }
        )
    )
    assert [t["kode"] for t in hasil["temuan"]] == ["target_tidak_realistis"]
    assert hasil["baris"] == 1


def test_output_keeps_indonesian_characters_readable():
    keluar = io.StringIO()
    masukan = io.StringIO(json.dumps({"indikator": "Melaksanakan tugas dengan baik"}) + "\n")
    call_command("periksa_indikator", stdin=masukan, stdout=keluar)
    assert "\\u" not in keluar.getvalue()
    assert "normatif" in keluar.getvalue()
