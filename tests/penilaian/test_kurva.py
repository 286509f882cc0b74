"""The distribution chart as SVG text: well-formed, its own text alternative, every text escaped,
a warning said in words and drawn differently, usable in a template and in a WeasyPrint PDF."""

import xml.etree.ElementTree as ET

from django.template import Context, Template

from penilaian.distribusi import periksa
from penilaian.kurva import BATANG, SALAH, svg_distribusi

NS = {"s": "http://www.w3.org/2000/svg"}


def pohon(svg: str) -> ET.Element:
    return ET.fromstring(str(svg))


def test_svg_sah_dengan_judul_dan_uraian_yang_dirujuk():
    hasil = periksa("baik", 7, {"baik": 4, "sangat_baik": 1, "butuh_perbaikan": 2})
    akar = pohon(svg_distribusi(hasil, id_awalan="k1"))
    assert akar.get("role") == "img"
    assert akar.get("aria-labelledby") == "k1-judul k1-uraian"
    judul = akar.find("s:title", NS)
    uraian = akar.find("s:desc", NS)
    assert judul.get("id") == "k1-judul" and "capaian organisasi Baik, 7 pegawai" in judul.text
    assert uraian.get("id") == "k1-uraian" and uraian.text == hasil.ringkasan
    assert "Pola sesuai dengan pola distribusi." in uraian.text


def test_batang_per_predikat_dan_rentang_per_kolom():
    hasil = periksa("baik", 7, {"baik": 4, "sangat_baik": 1, "butuh_perbaikan": 2})
    akar = pohon(svg_distribusi(hasil))
    batang = {b.get("data-predikat"): b for b in akar.iter("{http://www.w3.org/2000/svg}rect")
              if b.get("class") == "batang"}  # fmt: skip
    assert set(batang) == {"baik", "sangat_baik", "butuh_perbaikan"}  # no bar for a count of 0
    # the Baik bar (4) is twice as tall as the Butuh Perbaikan bar (2)
    assert float(batang["baik"].get("height")) == 2 * float(batang["butuh_perbaikan"].get("height"))
    assert len([g for g in akar.iter("{http://www.w3.org/2000/svg}g")
                if g.get("class") == "rentang"]) == 5  # fmt: skip
    teks = " ".join(t.text or "" for t in akar.iter("{http://www.w3.org/2000/svg}text"))
    assert "boleh 0–4" in teks and "bersama: boleh 1–7, sekarang 2" in teks


def test_peringatan_dengan_kata_dan_bentuk_bukan_hanya_warna():
    sesuai = str(svg_distribusi(periksa("baik", 7, {"baik": 4, "kurang": 3})))
    tidak = str(svg_distribusi(periksa("baik", 7, {"baik": 7})))
    assert "Pola TIDAK sesuai" in tidak and "Pola TIDAK sesuai" not in sesuai
    assert "\u2713 Pola sesuai" in sesuai
    # the frame turns dashed and the bar out of range hatched and marked with a cross
    assert f'stroke="{SALAH}" stroke-width="3" stroke-dasharray="10 5"' in tidak
    assert 'stroke-dasharray="10 5"' not in sesuai
    assert 'fill="url(#kurva-arsir)"' in tidak and ">7 \u2715<" in tidak
    isi_batang = {
        r.get("data-predikat"): r.get("fill")
        for r in pohon(sesuai).iter("{http://www.w3.org/2000/svg}rect")
        if r.get("class") == "batang"
    }
    assert isi_batang == {"baik": BATANG, "kurang": BATANG}


def test_sebagian_dinilai_masih_mungkin_atau_sudah_tidak():
    masih = str(svg_distribusi(periksa("baik", 7, {"baik": 3})))
    assert "3 dari 7 pegawai dinilai; pola masih dapat dibuat sesuai" in masih
    assert 'stroke-dasharray="10 5"' not in masih
    lewat = str(svg_distribusi(periksa("baik", 7, {"baik": 5})))
    assert "Pola TIDAK sesuai: 2 pegawai yang belum dinilai tidak dapat lagi" in lewat
    assert 'stroke-dasharray="10 5"' in lewat


def test_hanya_rentang_tanpa_batang():
    akar = pohon(svg_distribusi(periksa("kurang", 10)))
    assert not [
        r for r in akar.iter("{http://www.w3.org/2000/svg}rect") if r.get("class") == "batang"
    ]
    assert "Jumlah yang dibolehkan:" in akar.find("s:desc", NS).text


def test_unit_terlalu_kecil_disebut_di_gambar():
    svg = str(svg_distribusi(periksa("baik", 1)))
    assert "Unit ini terlalu kecil untuk aturan capaian ini" in svg


def test_semua_teks_di_escape():
    svg = str(svg_distribusi(periksa("baik", 7), id_awalan='x"><script>alert(1)</script>'))
    akar = pohon(svg)  # still well-formed
    assert "<script" not in svg
    assert not list(akar.iter("{http://www.w3.org/2000/svg}script"))


def test_dua_gambar_satu_halaman_tidak_berbagi_id():
    hasil = periksa("baik", 7, {"baik": 7})
    a, b = (
        str(svg_distribusi(hasil, id_awalan="unit-1")),
        str(svg_distribusi(hasil, id_awalan="unit-2")),
    )
    assert 'id="unit-1-arsir"' in a and 'id="unit-2-arsir"' in b and "unit-1" not in b


def test_skala_untuk_unit_besar():
    akar = pohon(svg_distribusi(periksa("istimewa", 1000, {"sangat_baik": 700, "baik": 300})))
    label_y = [t.text for t in akar.iter("{http://www.w3.org/2000/svg}text")
               if t.get("text-anchor") == "end"]  # fmt: skip
    assert label_y[0] == "0" and label_y[-1] == "1000" and len(label_y) <= 7


def test_filter_templat():
    hasil = periksa("baik", 7)
    html = Template("{% load penilaian_distribusi %}{{ h|kurva_distribusi:'penetapan' }}").render(
        Context({"h": hasil})
    )
    assert html.startswith("<svg") and 'id="penetapan-judul"' in html
    assert (
        Template("{% load penilaian_distribusi %}{{ h|kurva_distribusi }}").render(
            Context({"h": None})
        )
        == ""
    )


def test_dapat_dicetak_weasyprint():
    from weasyprint import HTML

    svg = svg_distribusi(periksa("baik", 7, {"baik": 7}))
    pdf = HTML(string=f"<html><body><h1>POLA DISTRIBUSI</h1>{svg}</body></html>").write_pdf()
    assert pdf.startswith(b"%PDF") and len(pdf) > 5000
