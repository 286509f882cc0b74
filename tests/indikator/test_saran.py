"""Rewrite suggestions (the "saran" of each finding): every rewritten indicator the analyser
proposes must itself be judged measurable, and read as Indonesian (no "dilaksana", no
"12 jaringan", no counting of meetings attended)."""

from __future__ import annotations

import re

import pytest

from indikator.analisis import analisis
from tests.indikator.test_analisis import _analisis, _label
from tests.indikator.test_data_nyata import _nyata

# A quoted rewrite and, when given, its target: "'Jumlah laporan ...' dengan target 12 laporan".
_SARAN = re.compile(
    r"'(?P<teks>[^']+)'(?:\s+dengan target (?:nilai )?(?P<target>[\d.,]+)\s*"
    r"(?P<satuan>[^,.;)]*?)(?=,|\.|;| atau |$))?"
)


def _tulisan_ulang(saran: str) -> list[tuple[str, str | None, str | None]]:
    """The full rewritten indicators in a suggestion, with their target and satuan. Not the
    quoted words or fragments ('hari kerja', 'paling lama 3 hari kerja ...', 'Jumlah laporan
    ...'): a full rewrite starts with a capital and has at least three words."""
    hasil = []
    for m in _SARAN.finditer(saran):
        teks = m["teks"]
        if not teks[:1].isupper() or len(teks.split()) < 3 or "..." in teks:
            continue
        satuan = (m["satuan"] or "").strip() if m["target"] else None
        hasil.append((teks, m["target"], satuan))
    return hasil


def _semua_saran() -> list[tuple[dict, str, str]]:
    """(labelled indicator, finding code, suggestion) for every finding on the labelled set
    and on the real-world set. "ganda" quotes the indicator's own two halves, which are not
    rewrites."""
    return [
        (c, t.kode, t.saran)
        for c in [*_label(), *_nyata()]
        for t in _analisis(c).temuan
        if t.kode != "ganda"
    ]


def test_every_rewrite_suggested_for_the_labelled_set_is_itself_measurable():
    dicoba, gagal = set(), []
    for c, kode, saran in _semua_saran():
        for teks, target, satuan in _tulisan_ulang(saran):
            # Without an aspek, and with the indicator's own aspek: a suggestion made for a
            # Waktu indicator must still fit Waktu.
            for aspek in {None, c.get("aspek")}:
                kunci = (teks, target, satuan, aspek)
                if kunci in dicoba:
                    continue
                dicoba.add(kunci)
                hasil = analisis(teks, target=target, satuan=satuan, aspek=aspek)
                if not hasil.terukur:
                    temuan = sorted(t.kode for t in hasil.temuan)
                    gagal.append(f"{teks!r} ({target} {satuan}, {aspek}) <- {kode}: {temuan}")
    assert len({k[:3] for k in dicoba}) >= 100, "too few rewrites found: is the pattern stale?"
    assert not gagal, "\n".join(gagal)


# Passive forms that are not Indonesian words, and count units that are not units.
_SALAH = re.compile(
    r"\b(dilaksana|diselenggara|disedia|diwujud|dicapa|ditingkat|dikumpul|disalur|dilestari"
    r"|difasilitas|didaya|dirumus|dibubuh|dimonitoring)\b"
    r"|target \d+ (keuangan|jaringan|kepegawaian|masyarakat|pelaksanaan|penyusunan|pengelolaan"
    r"|kebersihan|aktif)\b"
    r"|yang (diikuti|dihadiri) (tepat|sesuai)"
)


def test_no_suggestion_has_broken_morphology_or_a_nonsense_count_unit():
    salah = [(c["indikator"], s) for c, _, s in _semua_saran() if _SALAH.search(s)]
    assert not salah, "\n".join(f"{i!r}: {s}" for i, s in salah)


@pytest.mark.parametrize(
    ("indikator", "harap", "bukan"),
    [
        # ter-...-nya: the stative ter- form, not a broken di- form.
        ("Terlaksananya kegiatan bimbingan teknis", "laporan hasil kegiatan bimbingan teknis", "dilaksana "),
        ("Tersedianya sarana kerja pegawai", "sarana kerja pegawai yang tersedia", "disedia"),
        ("Terwujudnya tata kelola keuangan yang baik", "tata kelola keuangan", "diwujud "),
        # A process noun gives its object and the right passive.
        ("Penyusunan laporan bulanan", "'Jumlah laporan bulanan yang disusun tepat waktu'", "Jumlah penyusunan"),
        ("Pelaksanaan inspeksi sarana pangan", "laporan hasil inspeksi sarana pangan", "Jumlah pelaksanaan"),
        ("Pengelolaan keuangan desa", "dokumen keuangan desa", "12 keuangan"),
        # No natural count unit: no "12 jaringan".
        ("Mengelola jaringan komputer kantor", "Persentase jaringan komputer kantor yang dikelola", "12 jaringan"),
    ],
)  # fmt: skip
def test_suggestion_wording(indikator, harap, bukan):
    saran = " ".join(t.saran for t in analisis(indikator).temuan)
    assert harap in saran and bukan not in saran, saran


@pytest.mark.parametrize(
    ("indikator", "harap"),
    [
        ("Mengikuti rapat evaluasi kinerja", "'Jumlah notula rapat evaluasi kinerja"),
        ("Jumlah rapat koordinasi yang dihadiri", "'Jumlah notula rapat koordinasi"),
        ("Mengikuti bimbingan teknis penyusunan SKP", "'Jumlah laporan hasil bimbingan teknis"),
        # Nothing to build on: the generic "name your own output" suggestion.
        ("Menghadiri apel pagi setiap hari kerja", "Sebutkan keluaran tugas jabatan Anda"),
        ("Membantu atasan dalam pelaksanaan tugas kantor", "Sebutkan keluaran tugas jabatan Anda"),
    ],
)
def test_attendance_gets_a_name_the_output_suggestion_not_a_count_of_meetings(indikator, harap):
    hasil = analisis(indikator, target="12", satuan="kali")
    saran = " ".join(t.saran for t in hasil.temuan)
    assert harap in saran, saran
    for teks, _, _ in _tulisan_ulang(saran):
        assert not re.search(r"\b(diikuti|dihadiri|dibantu)\b", teks), teks
