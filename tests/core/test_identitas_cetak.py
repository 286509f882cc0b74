"""One identity table for every printed document (templates/core/cetak/_identitas.html): the
SKP, the evaluation form and the Dokumen Evaluasi include it, and no template carries a copy."""

from pathlib import Path

from django.template.loader import render_to_string

from core.pdf import BlokIdentitas, Identitas

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


def test_tiga_dokumen_memakai_satu_tabel_identitas():
    pemakai = {
        str(p.relative_to(TEMPLATES))
        for p in TEMPLATES.rglob("*.html")
        if "core/cetak/_identitas.html" in p.read_text(encoding="utf-8")
    }
    assert pemakai == {
        "skp/cetak/skp.html",
        "penilaian/cetak/penilaian.html",
        "penilaian/cetak/evaluasi.html",
    }
    salinan = [  # among the printed documents' templates
        str(p.relative_to(TEMPLATES))
        for p in TEMPLATES.glob("*/cetak/*.html")
        if "PANGKAT/GOL. RUANG" in p.read_text(encoding="utf-8")
    ]
    assert salinan == ["core/cetak/_identitas.html"]


def test_tabel_identitas_berdampingan_dan_bertumpuk():
    pegawai = Identitas(
        "Rudi", "199001012015031001", "Penata Muda, III/a", "Pengelola Data", "Seksi A"
    )
    blok = [
        BlokIdentitas("PEGAWAI YANG DINILAI", pegawai),
        BlokIdentitas("PEJABAT PENILAI KINERJA", None, "INSTANSI"),
    ]
    html = render_to_string("core/cetak/_identitas.html", {"blok": blok})
    assert html.count('<th colspan="2">') == 2 and "19900101 201503 1 001" in html
    assert "<td>INSTANSI</td><td>-</td>" in html  # a block with nobody is printed with dashes
    html = render_to_string("core/cetak/_identitas.html", {"blok": blok, "bertumpuk": True})
    assert "identitas-bertumpuk" in html
    assert '<th class="no">1</th><th colspan="3">PEGAWAI YANG DINILAI</th>' in html
    assert '<th class="no">2</th><th colspan="3">PEJABAT PENILAI KINERJA</th>' in html
