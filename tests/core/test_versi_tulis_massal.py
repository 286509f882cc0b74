"""Writes that send no signal bump the versions themselves (core/versi.py).

Answers kept between requests are forgotten when a tracked model is saved or deleted (signals,
registered in each app's apps.py). `QuerySet.update()`, `bulk_create` and `bulk_update` send no
signal, so a function that writes a tracked model that way must call `naikkan` itself; without
it, a dashboard or an inbox would go on showing the data from before the write. This reads the
source of the apps whose models are tracked and names every such write without a bump.

It recognises a queryset by how it is reached (`Model.objects...`, `skp.rhk.filter(...)`, ...);
a queryset held in a variable first (`qs.update(...)`) is not seen."""

import ast
from pathlib import Path

import pytest

AKAR = Path(__file__).resolve().parents[2]
APLIKASI = ("skp", "penilaian", "monitoring", "organisasi", "perencanaan")
TULIS_MASSAL = {"update", "bulk_create", "bulk_update"}
METODE_QUERYSET = {"filter", "exclude", "all", "select_for_update", "select_related", "order_by"}
# Functions whose caller bumps once for the whole job.
DIBUMP_PEMANGGIL = {
    # organisasi.impor.terapkan bumps "organisasi" after all its steps
    ("organisasi/impor.py", "_tulis_unit"),
    ("organisasi/impor.py", "_tulis_jabatan"),
    ("organisasi/impor.py", "_tulis_pegawai"),
    # perencanaan.impor.terapkan bumps "kinerja" after writing the whole plan
    ("perencanaan/impor.py", "_tulis"),
}


def _akar(simpul: ast.AST) -> tuple[str | None, bool]:
    """(the name the call chain starts from, whether the chain is a queryset)."""
    queryset = False
    while True:
        if isinstance(simpul, ast.Call):
            if isinstance(simpul.func, ast.Attribute) and simpul.func.attr in METODE_QUERYSET:
                queryset = True
            simpul = simpul.func
        elif isinstance(simpul, ast.Attribute):
            queryset |= simpul.attr == "objects"
            simpul = simpul.value
        elif isinstance(simpul, ast.Name):
            return simpul.id, queryset
        else:
            return None, queryset


def _tulis_tanpa_naikkan() -> list[str]:
    from django.apps import apps

    from core.versi import DIIKUTI

    # A chain from a model no version follows is fine; from anything else (a followed model,
    # or a related manager such as `skp.rhk.filter(...)`) it needs the bump.
    tidak_diikuti = {m.__name__ for m in apps.get_models()} - {m.__name__ for m in DIIKUTI}
    temuan = []
    for app in APLIKASI:
        for berkas in sorted((AKAR / app).rglob("*.py")):
            relatif = berkas.relative_to(AKAR).as_posix()
            if "/migrations/" in relatif or relatif.endswith("/demo.py"):
                continue  # the demo data is bumped once by seed_demo
            pohon = ast.parse(berkas.read_text(), relatif)
            for fungsi in ast.walk(pohon):
                if not isinstance(fungsi, ast.FunctionDef | ast.AsyncFunctionDef):
                    continue
                panggilan = [n for n in ast.walk(fungsi) if isinstance(n, ast.Call)]
                naik = any(
                    (isinstance(c.func, ast.Name) and c.func.id == "naikkan")
                    or (isinstance(c.func, ast.Attribute) and c.func.attr == "naikkan")
                    for c in panggilan
                )
                if naik or (relatif, fungsi.name) in DIBUMP_PEMANGGIL:
                    continue
                for c in panggilan:
                    if not (isinstance(c.func, ast.Attribute) and c.func.attr in TULIS_MASSAL):
                        continue
                    nama, queryset = _akar(c.func.value)
                    if queryset and nama not in tidak_diikuti:
                        temuan.append(f"{relatif}:{c.lineno} {fungsi.name}: {nama}...{c.func.attr}")
    return temuan


def test_tulis_massal_model_diikuti_selalu_menaikkan_versi():
    assert _tulis_tanpa_naikkan() == []


def test_pemeriksaan_menemukan_tulis_tanpa_naikkan(tmp_path, monkeypatch):
    """The check can fail: a module writing a tracked model with update() and no bump."""
    app = tmp_path / "penilaian"
    app.mkdir()
    (app / "contoh.py").write_text(
        "def setel(pk):\n"
        "    Periode.objects.filter(pk=pk).update(tenggat=None)\n"
        "def setel_dan_naikkan(pk):\n"
        "    Periode.objects.filter(pk=pk).update(tenggat=None)\n"
        "    naikkan('kinerja')\n"
        "def baca(pk, d):\n"
        "    d.update(x=1)\n"
        "    PengingatTerkirim.objects.filter(pk=pk).update(dikirim=None)\n"
    )
    monkeypatch.setattr(f"{__name__}.AKAR", tmp_path)
    monkeypatch.setattr(f"{__name__}.APLIKASI", ("penilaian",))
    assert _tulis_tanpa_naikkan() == ["penilaian/contoh.py:2 setel: Periode...update"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("app", "model", "diikuti"),
    [
        ("skp", "RencanaHasilKerja", True),
        ("skp", "Komentar", True),
        ("penilaian", "Realisasi", True),
        ("penilaian", "CapaianUnit", True),
        ("monitoring", "JurnalKinerja", True),
        ("perencanaan", "SasaranStrategis", True),  # named on the SKP page
        ("perencanaan", "ImporRenstra", False),  # the import log
        ("monitoring", "PengingatTerkirim", False),
    ],
)
def test_model_yang_dibaca_dasbor_diikuti_versi_kinerja(app, model, diikuti):
    from django.apps import apps
    from django.db.models.signals import post_save

    from core.versi import versi

    sebelum = versi("kinerja")
    post_save.send(sender=apps.get_model(app, model), instance=None, created=False)
    assert (versi("kinerja") != sebelum) is diikuti


@pytest.mark.django_db
def test_notifikasi_menaikkan_versi_penerimanya_saja(pemeran):
    """A notification is followed per person (the navbar's unread count): saving one bumps its
    recipient's own version, neither another person's nor "kinerja" (it is marked read by
    merely opening a page, which must not make every dashboard be worked out again)."""
    from core.versi import per_orang, versi
    from skp.models import Notifikasi

    penerima, lain = pemeran.pegawai.user, pemeran.atasan.user
    nama = ("kinerja", per_orang("notifikasi", penerima.pk), per_orang("notifikasi", lain.pk))
    kinerja, milik_penerima, milik_lain = versi(*nama)
    Notifikasi.objects.create(penerima=penerima, judul="SKP disetujui", isi="-")
    sesudah = versi(*nama)
    assert sesudah[0] == kinerja and sesudah[2] == milik_lain
    assert sesudah[1] != milik_penerima
