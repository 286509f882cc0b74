"""The signed-document plumbing in core (core.pdf, core.tanda_tangan, core.dokumen) imports no
domain app: each kind registers itself from its own AppConfig.ready()."""

import ast
from pathlib import Path

import pytest

from core import dokumen

DOMAIN = {"organisasi", "perencanaan", "skp", "penilaian", "indikator"}
INTI = Path(__file__).resolve().parents[2] / "core"


@pytest.mark.parametrize("modul", ["pdf.py", "tanda_tangan.py", "dokumen.py"])
def test_modul_inti_tidak_mengimpor_aplikasi_domain(modul):
    pohon = ast.parse((INTI / modul).read_text())
    diimpor = set()
    for simpul in ast.walk(pohon):
        if isinstance(simpul, ast.Import):
            diimpor |= {a.name.split(".")[0] for a in simpul.names}
        elif isinstance(simpul, ast.ImportFrom) and simpul.module:
            diimpor.add(simpul.module.split(".")[0])
    assert not diimpor & DOMAIN, diimpor & DOMAIN


def test_setiap_jenis_terdaftar_dari_aplikasinya():
    from penilaian.models import DokumenPenilaian
    from skp.models import DokumenSkp

    jenis = {j.kode: j for j in dokumen.daftar_jenis()}
    assert jenis["skp"].model is DokumenSkp
    assert jenis["penilaian"].model is DokumenPenilaian
    assert dokumen.jenis_dari_model(DokumenPenilaian).label == "Evaluasi Kinerja Pegawai"
