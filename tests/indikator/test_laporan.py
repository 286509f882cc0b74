"""The admin's indicator-quality report: who may see it, the numbers on a small instansi,
query count flat as the instansi grows, and the cache following edits."""

import json
import random
import re
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.urls import reverse

from indikator.laporan import (
    LABEL_SARAN,
    LABEL_TEMUAN,
    _analisis_ringkas,
    _jumlah_mirip,
    hitung_laporan,
    label_temuan,
    laporan_indikator,
)
from indikator.selectors import indikator_mirip
from indikator.teks import DATA, kata_kunci
from organisasi.models import JenisJabatan
from organisasi.nip import format_nip
from skp import services
from skp.models import Skp, StatusSkp
from tests.factories import JabatanFactory, PegawaiFactory, UnitKerjaFactory

URL = "/indikator/laporan/"
SAMAR = "Melaksanakan tugas dengan baik"


@pytest.fixture(autouse=True)
def _cache_bersih():
    cache.clear()
    yield
    cache.clear()


def masuk(client, orang):
    client.force_login(orang.user)
    return client


def tambah(user, rhk, uraian, aspek="kuantitas", target=12, satuan="dokumen"):
    return services.indikator_tambah(
        user=user, rhk=rhk, aspek=aspek, uraian=uraian, target_min=Decimal(target), satuan=satuan
    )


@pytest.fixture
def dinas_lain(pemeran):
    """A second Perangkat Daerah with a seksi and one pelaksana under its own head."""
    opd = UnitKerjaFactory(instansi=pemeran.instansi, kode="1.01", nama="Dinas Pendidikan")
    seksi = UnitKerjaFactory(instansi=pemeran.instansi, kode="1.01.01", nama="Seksi", induk=opd)
    kepala = PegawaiFactory(
        nama="Kepala Pendidikan",
        jabatan=JabatanFactory(unit_kerja=opd, jenis=JenisJabatan.JPT, nama="Kepala Dinas"),
    )
    return seksi, kepala


def pegawai_di(seksi, kepala, nama):
    return PegawaiFactory(
        nama=nama, jabatan=JabatanFactory(unit_kerja=seksi, atasan=kepala.jabatan)
    )


def skp_isi(orang, tahun, *indikator):
    skp = services.skp_buat(user=orang.user, tahun=tahun)
    rhk = services.rhk_tambah(user=orang.user, skp=skp, jenis="utama", uraian="Tersedianya data")
    for uraian in indikator:
        tambah(orang.user, rhk, uraian)
    return skp


@pytest.fixture
def data_kecil(pemeran, skp_pegawai, dinas_lain, tahun):
    """Dinas Kesehatan: 3 measurable + 1 vague (75%). Dinas Pendidikan: 1 + 1 (50%)."""
    tambah(pemeran.pegawai.user, skp_pegawai.rhk.get(), SAMAR)
    seksi, kepala = dinas_lain
    guru = pegawai_di(seksi, kepala, "Ani Pendidikan")
    skp_isi(guru, tahun, SAMAR, "Jumlah dokumen kurikulum yang disahkan")
    return skp_pegawai


def test_url_laporan():
    assert reverse("indikator:laporan") == URL


def test_tangga_izin_laporan(client, pemeran, superuser, data_kecil, tahun):
    url = f"{URL}?instansi={pemeran.instansi.pk}&tahun={tahun}"
    respons = client.get(url)
    assert respons.status_code == 302 and "/masuk/" in respons.url
    assert masuk(client, pemeran.pegawai).get(url).status_code == 403
    assert masuk(client, pemeran.atasan).get(url).status_code == 403
    assert masuk(client, pemeran.admin_lain).get(url).status_code == 404
    assert masuk(client, pemeran.admin).get(url).status_code == 200
    client.force_login(superuser)
    assert client.get(url).status_code == 200


def test_admin_lain_melihat_instansinya_sendiri_secara_bawaan(client, pemeran, data_kecil):
    isi = masuk(client, pemeran.admin_lain).get(URL).content.decode()
    assert "Pemerintah Kota Lain" in isi and "Dinas Kesehatan" not in isi


def test_angka_laporan_pada_data_kecil(client, pemeran, data_kecil, tahun):
    laporan = hitung_laporan(pemeran.instansi, tahun)
    per_unit = {b.nama: (b.indikator, b.terukur, b.persen_terukur, b.jumlah_pegawai)
                for b in laporan.unit}  # fmt: skip
    assert per_unit == {
        "Dinas Kesehatan": (4, 3, 75.0, 1),
        "Dinas Pendidikan": (2, 1, 50.0, 1),
    }
    assert (laporan.indikator, laporan.terukur, laporan.persen_terukur) == (6, 4, 66.7)
    kode = {k: n for k, _, n in laporan.temuan}
    assert kode["normatif"] == 2 and kode["aktivitas"] == 2
    assert all(label for _, label, _ in laporan.temuan)
    assert laporan.disalin == []

    isi = masuk(client, pemeran.admin).get(f"{URL}?tahun={tahun}").content.decode()
    assert "66,7%" in isi or "66.7%" in isi
    assert "Dinas Pendidikan" in isi and "Ungkapan normatif" in isi


def test_skp_disalin_utuh_dihitung(client, pemeran, tahun):
    user = pemeran.pegawai.user
    lalu = skp_isi(pemeran.pegawai, tahun - 1, "Jumlah dokumen perizinan yang diterbitkan")
    assert lalu.pk
    kini = services.skp_buat(user=user, tahun=tahun, salin=True)
    laporan = hitung_laporan(pemeran.instansi, tahun)
    assert laporan.disalin == [(kini.pk, kini.pegawai_nama)]
    isi = masuk(client, pemeran.admin).get(f"{URL}?tahun={tahun}").content.decode()
    assert 'id="jumlah-disalin">1<' in isi
    assert reverse("skp:detail", args=[kini.pk]) in isi


def test_tahun_dan_instansi_lain_tidak_tercampur(pemeran, data_kecil, tahun):
    skp_isi(pemeran.pegawai_lain, tahun, SAMAR)
    assert hitung_laporan(pemeran.instansi, tahun).indikator == 6
    assert hitung_laporan(pemeran.instansi, tahun - 1).indikator == 0
    assert hitung_laporan(pemeran.instansi_lain, tahun).indikator == 1


def test_htmx_mengembalikan_isi_laporan_saja(client, pemeran, data_kecil, tahun):
    isi = (
        masuk(client, pemeran.admin)
        .get(f"{URL}?tahun={tahun}", headers={"HX-Request": "true"})
        .content.decode()
    )
    assert isi.strip().startswith('<div id="isi-laporan">') and "<html" not in isi


@pytest.mark.usefixtures("jawaban_selalu_dihitung")
def test_jumlah_query_laporan_tetap(
    client,
    pemeran,
    data_kecil,
    dinas_lain,
    tahun,
    django_assert_max_num_queries,
):
    masuk(client, pemeran.admin)
    url = f"{URL}?tahun={tahun}"
    client.get(url)
    cache.clear()
    with django_assert_max_num_queries(20) as sedikit:
        assert client.get(url).status_code == 200
    seksi, kepala = dinas_lain
    for n in range(12):
        skp_isi(pegawai_di(seksi, kepala, f"Guru {n}"), tahun, SAMAR, "Jumlah modul disahkan")
    cache.clear()
    with django_assert_max_num_queries(len(sedikit.captured_queries)):
        isi = client.get(url).content.decode()
    assert "Dinas Pendidikan" in isi
    assert hitung_laporan(pemeran.instansi, tahun).indikator == 6 + 24


def test_cache_diperbarui_setelah_skp_diubah(pemeran, data_kecil, tahun):
    pertama = laporan_indikator(pemeran.instansi, tahun)
    assert laporan_indikator(pemeran.instansi, tahun) is not None
    tambah(pemeran.pegawai.user, data_kecil.rhk.get(), "Jumlah laporan kasus", aspek="kualitas")
    kedua = laporan_indikator(pemeran.instansi, tahun)
    assert (pertama.indikator, kedua.indikator) == (6, 7)


def test_tautan_laporan_untuk_admin_saja(client, pemeran):
    isi = masuk(client, pemeran.admin).get(reverse("beranda")).content.decode()
    assert isi.count(f'href="{URL}"') == 2  # navbar and the admin card
    isi = masuk(client, pemeran.pegawai).get(reverse("beranda")).content.decode()
    assert f'href="{URL}"' not in isi


# --- drill-down per unit kerja ------------------------------------------------------------------


def unit(pemeran):
    """Dinas Kesehatan -> Bidang P2P -> Seksi Surveilans / Seksi Imunisasi (the cast's tree)."""
    seksi = pemeran.pegawai.jabatan.unit_kerja
    bidang = seksi.induk
    return bidang.induk, bidang, seksi, pemeran.orang_luar.jabatan.unit_kerja


@pytest.fixture
def data_bertingkat(pemeran, data_kecil, tahun):
    """On top of data_kecil: Dina (Seksi Imunisasi) 1 measurable + 1 vague, the admin (a
    fungsional on the OPD itself) 1 activity. Dinas Kesehatan: 7 indicators, 3 pegawai."""
    skp_isi(pemeran.orang_luar, tahun, "Jumlah dokumen vaksin yang diverifikasi", SAMAR)
    skp_isi(pemeran.admin, tahun, "Melaksanakan rapat koordinasi")
    return data_kecil


def test_rincian_unit_menjumlahkan_sub_unit(pemeran, data_bertingkat, tahun):
    opd, bidang, surveilans, imunisasi = unit(pemeran)
    laporan = hitung_laporan(pemeran.instansi, tahun)
    angka = {b.nama: (b.jumlah_pegawai, b.indikator, b.terukur) for b in laporan.unit}
    assert angka["Dinas Kesehatan"] == (3, 7, 4)

    rincian = laporan.rincian(opd.pk)
    assert rincian.jalur == [] and rincian.baris.indikator == 7
    assert [(b.nama, b.jumlah_pegawai, b.indikator) for b in rincian.sub_unit] == [
        ("Bidang P2P", 2, 6)
    ]
    assert (rincian.langsung.jumlah_pegawai, rincian.langsung.indikator) == (1, 1)

    rincian = laporan.rincian(bidang.pk)
    assert rincian.jalur == [(opd.pk, "Dinas Kesehatan")]
    assert rincian.langsung is None  # nobody on the bidang itself has indicators
    per_seksi = {b.nama: (b.jumlah_pegawai, b.indikator, b.terukur, b.persen_terukur)
                 for b in rincian.sub_unit}  # fmt: skip
    assert per_seksi == {
        "Seksi Surveilans": (1, 4, 3, 75.0),
        "Seksi Imunisasi": (1, 2, 1, 50.0),
    }
    assert [b.nama for b in rincian.sub_unit] == ["Seksi Surveilans", "Seksi Imunisasi"]  # kode

    rincian = laporan.rincian(imunisasi.pk)
    assert rincian.jalur == [(opd.pk, "Dinas Kesehatan"), (bidang.pk, "Bidang P2P")]
    assert rincian.sub_unit == [] and rincian.langsung.indikator == 2
    kode, label, jumlah = rincian.baris.temuan_utama
    assert jumlah == 1 and label == LABEL_TEMUAN[kode]


def test_rincian_unit_tanpa_indikator_dan_unit_instansi_lain(pemeran, data_kecil, tahun):
    laporan = hitung_laporan(pemeran.instansi, tahun)
    _, _, _, imunisasi = unit(pemeran)
    kosong = laporan.rincian(imunisasi.pk)
    assert kosong.baris.indikator == 0 and kosong.sub_unit == [] and kosong.langsung is None
    assert kosong.baris.temuan_utama is None
    assert laporan.rincian(pemeran.admin_lain.jabatan.unit_kerja_id) is None


def test_pohon_unit_melingkar_tidak_menggantung(pemeran, tahun):
    a = UnitKerjaFactory(instansi=pemeran.instansi, kode="7.01", nama="Unit A")
    b = UnitKerjaFactory(instansi=pemeran.instansi, kode="7.02", nama="Unit B", induk=a)
    a.induk = b
    a.save(update_fields=["induk"])
    orang = PegawaiFactory(nama="Orang Lingkar", jabatan=JabatanFactory(unit_kerja=a))
    skp_isi(orang, tahun, SAMAR)
    laporan = hitung_laporan(pemeran.instansi, tahun)
    assert sum(r.indikator for r in laporan.unit) == 1
    for u in (a, b):
        rincian = laporan.rincian(u.pk)
        assert rincian.baris.indikator == 1 and len(rincian.jalur) <= 1


def test_halaman_rincian_unit_dengan_jejak_tanpa_javascript(
    client, pemeran, data_bertingkat, tahun
):
    opd, bidang, surveilans, _ = unit(pemeran)
    dasar = f"{URL}?instansi={pemeran.instansi.pk}&amp;tahun={tahun}"
    isi = masuk(client, pemeran.admin).get(f"{URL}?tahun={tahun}").content.decode()
    assert f'href="{dasar}&amp;unit={opd.pk}"' in isi  # the OPD row leads down

    respons = client.get(f"{URL}?instansi={pemeran.instansi.pk}&tahun={tahun}&unit={bidang.pk}")
    assert respons.status_code == 200
    isi = respons.content.decode()
    jejak = isi[isi.index('id="jejak-unit"') : isi.index("</ol>")]
    assert f'href="{dasar}"' in jejak and "Semua perangkat daerah" in jejak
    assert f'href="{dasar}&amp;unit={opd.pk}"' in jejak and "Dinas Kesehatan" in jejak
    assert 'aria-current="page">Bidang P2P<' in jejak
    tabel = isi[
        isi.index('id="tabel-sub-unit"') : isi.index("</table>", isi.index("tabel-sub-unit"))
    ]
    assert "<caption>" in tabel and 'scope="col"' in tabel and 'scope="row"' in tabel
    assert f'href="{dasar}&amp;unit={surveilans.pk}"' in tabel
    assert "Seksi Imunisasi" in tabel and "Penyebab tidak terukur tersering" in tabel
    assert 'id="persen-unit">66.7%<' in isi or 'id="persen-unit">66,7%<' in isi
    assert "Dinas Pendidikan" not in isi  # only this unit's branch

    isi = client.get(f"{URL}?tahun={tahun}&unit={opd.pk}").content.decode()
    assert "Jabatan langsung di Dinas Kesehatan" in isi  # the admin's own indicator


def test_htmx_rincian_unit_mengembalikan_isi_laporan_saja(client, pemeran, data_kecil, tahun):
    _, bidang, _, _ = unit(pemeran)
    url = f"{URL}?tahun={tahun}&unit={bidang.pk}"
    isi = masuk(client, pemeran.admin).get(url, headers={"HX-Request": "true"}).content.decode()
    assert isi.strip().startswith('<div id="isi-laporan">') and "<html" not in isi
    assert 'id="tabel-sub-unit"' in isi and 'hx-target="#isi-laporan"' in isi
    # Going back in the browser after a swap asks for the whole page.
    kembali = {"HX-Request": "true", "HX-History-Restore-Request": "true"}
    assert "<html" in client.get(url, headers=kembali).content.decode()


def test_tangga_izin_rincian_unit(client, pemeran, superuser, data_kecil, tahun):
    _, bidang, _, _ = unit(pemeran)
    url = f"{URL}?instansi={pemeran.instansi.pk}&tahun={tahun}&unit={bidang.pk}"
    respons = client.get(url)
    assert respons.status_code == 302 and "/masuk/" in respons.url
    assert masuk(client, pemeran.pegawai).get(url).status_code == 403
    assert masuk(client, pemeran.atasan).get(url).status_code == 403
    # Another instansi's admin: neither with this instansi named nor with only the unit (their
    # own instansi is then chosen, and the unit is not in it).
    masuk(client, pemeran.admin_lain)
    assert client.get(url).status_code == 404
    respons = client.get(f"{URL}?tahun={tahun}&unit={bidang.pk}")
    assert respons.status_code == 404 and "Bidang P2P" not in respons.content.decode()
    assert masuk(client, pemeran.admin).get(url).status_code == 200
    client.force_login(superuser)
    assert client.get(url).status_code == 200


@pytest.mark.parametrize("nilai", ["lain", "-1", "0", "9" * 40, "１２"])
def test_unit_instansi_lain_atau_tidak_sah_404(client, pemeran, data_kecil, tahun, nilai):
    masuk(client, pemeran.admin)
    unit_lain = pemeran.admin_lain.jabatan.unit_kerja_id
    assert client.get(f"{URL}?tahun={tahun}&unit={unit_lain}").status_code == 404
    assert client.get(f"{URL}?tahun={tahun}&unit={nilai}").status_code == 404


@pytest.mark.usefixtures("jawaban_selalu_dihitung")
def test_jumlah_query_rincian_unit_tetap(
    client, pemeran, data_kecil, dinas_lain, tahun, django_assert_max_num_queries
):
    seksi, kepala = dinas_lain
    masuk(client, pemeran.admin)
    url = f"{URL}?tahun={tahun}&unit={seksi.induk_id}"
    client.get(url)
    cache.clear()
    with django_assert_max_num_queries(20) as sedikit:
        assert client.get(url).status_code == 200
    for n in range(12):
        sub = UnitKerjaFactory(instansi=pemeran.instansi, kode=f"1.01.01.{n}", induk=seksi)
        orang = PegawaiFactory(
            nama=f"Guru {n}", jabatan=JabatanFactory(unit_kerja=sub, atasan=kepala.jabatan)
        )
        skp_isi(orang, tahun, SAMAR, "Jumlah modul disahkan")
    cache.clear()
    with django_assert_max_num_queries(len(sedikit.captured_queries)):
        isi = client.get(url).content.decode()
    assert "Seksi" in isi and ">26<" in isi  # 2 + 24 indicators under the OPD


def test_rincian_unit_dibaca_dari_laporan_yang_sama_di_cache(
    client, pemeran, data_kecil, tahun, monkeypatch
):
    _, bidang, _, _ = unit(pemeran)
    masuk(client, pemeran.admin)
    assert client.get(f"{URL}?tahun={tahun}").status_code == 200

    def tidak_boleh(*args, **kwargs):
        raise AssertionError("dihitung ulang")

    monkeypatch.setattr("indikator.laporan.hitung_laporan", tidak_boleh)
    assert client.get(f"{URL}?tahun={tahun}&unit={bidang.pk}").status_code == 200


# --- what "terukur" counts, labels, and the indicators behind each finding ----------------------

# Measurable with a light "aktivitas" finding: an activity counted in "kali", each time a result
# that met a criterion ("selisihnya nihil"). The case of the issue: 100% terukur beside
# "Kegiatan, bukan hasil kerja".
TERUKUR_DENGAN_SARAN = "Rekonsiliasi data kepegawaian yang selisihnya nihil"


def teks_tampak(html: str) -> str:
    """The page's visible text: tags (and the URLs in them) removed."""
    return re.sub(r"<[^>]+>", " ", html)


def test_kode_temuan_tanpa_label_tidak_pernah_tampil():
    # (That every code of temuan.json has a label is checked on main's side of this file.)
    assert label_temuan("kode_baru_tanpa_label") == "Temuan lain"
    assert label_temuan("aktivitas") == LABEL_TEMUAN["aktivitas"]
    assert label_temuan("aktivitas", berat=False) == LABEL_SARAN["aktivitas"]


@pytest.fixture
def unit_terukur_dengan_saran(pemeran, tahun):
    """Seksi Imunisasi: two more indicators of Dina's, both measurable, one with light advice
    (with data_kecil they are her only ones)."""
    terukur, berat, ringan = _analisis_ringkas(
        TERUKUR_DENGAN_SARAN, Decimal(12), None, None, "kali", "kuantitas"
    )
    assert terukur and not berat and "aktivitas" in ringan  # the analyser's verdict used here
    user = pemeran.orang_luar.user
    skp = Skp.objects.filter(pegawai=pemeran.orang_luar, tahun=tahun).first()
    skp = skp or services.skp_buat(user=user, tahun=tahun)
    rhk = services.rhk_tambah(user=user, skp=skp, jenis="utama", uraian="Rekonsiliasi data")
    tambah(user, rhk, TERUKUR_DENGAN_SARAN, satuan="kali")
    tambah(user, rhk, "Jumlah dokumen kepegawaian yang diverifikasi")
    return pemeran.orang_luar.jabatan.unit_kerja


def test_terukur_dan_temuan_saling_sesuai(
    client, pemeran, data_kecil, unit_terukur_dengan_saran, tahun
):
    laporan = hitung_laporan(pemeran.instansi, tahun)
    imunisasi = laporan.rinci[unit_terukur_dengan_saran.pk]
    assert (imunisasi.indikator, imunisasi.terukur, imunisasi.persen_terukur) == (2, 2, 100.0)
    # A measurable unit has no reason to be unmeasurable; its advice is counted apart.
    assert imunisasi.temuan_utama is None and imunisasi.temuan_teratas == []
    assert imunisasi.saran_teratas == [("aktivitas", LABEL_SARAN["aktivitas"], 1)]
    # Everywhere: every heavy finding belongs to an indicator that is not measurable, and
    # every indicator that is not measurable has one.
    for b in [*laporan.rinci.values(), *laporan.unit]:
        assert all(n <= b.tidak_terukur for n in b.temuan.values())
        assert bool(b.temuan) == bool(b.tidak_terukur)
    assert dict((k, n) for k, _, n in laporan.saran)["aktivitas"] == 1
    assert dict((k, n) for k, _, n in laporan.temuan)["aktivitas"] == 2  # the heavy ones

    masuk(client, pemeran.admin)
    isi = client.get(f"{URL}?tahun={tahun}&unit={unit_terukur_dengan_saran.pk}").content.decode()
    assert 'id="persen-unit">100.0%<' in isi or 'id="persen-unit">100,0%<' in isi
    tabel = isi[isi.index('id="tabel-temuan"') : isi.index('id="tabel-saran"')]
    assert "Tidak ada: semua indikator terukur." in tabel
    assert LABEL_SARAN["aktivitas"] in isi[isi.index('id="tabel-saran"') :]
    assert "Terukur</strong> berarti" in isi and "saran</strong>" in isi
    # No internal code is shown, on the unit page or the instansi's.
    for halaman in (isi, client.get(f"{URL}?tahun={tahun}").content.decode()):
        tampak = teks_tampak(halaman)
        # (Codes that are also plain words, "normatif", "kabur", may appear in sentences.)
        kode = [k for k in LABEL_TEMUAN if "_" in k or k == "aktivitas"]
        assert not any(re.search(rf"\b{k}\b", tampak) for k in kode)
        assert "<code>" not in halaman


def url_temuan(kode, pemeran, tahun, **lain):
    kueri = "&".join(f"{k}={v}" for k, v in {"instansi": pemeran.instansi.pk, "tahun": tahun,
                                               **lain}.items())  # fmt: skip
    return f"{reverse('indikator:laporan_temuan', args=[kode])}?{kueri}"


def test_rincian_temuan_menampilkan_indikator_dan_pegawai_di_baliknya(
    client, pemeran, data_bertingkat, unit_terukur_dengan_saran, tahun
):
    opd, bidang, surveilans, imunisasi = unit(pemeran)
    laporan = hitung_laporan(pemeran.instansi, tahun)
    masuk(client, pemeran.admin)
    # The report links each finding to its list, with the unit when one is open.
    isi = client.get(f"{URL}?tahun={tahun}&unit={bidang.pk}").content.decode()
    assert url_temuan("normatif", pemeran, tahun, unit=bidang.pk).replace("&", "&amp;") in isi

    respons = client.get(url_temuan("normatif", pemeran, tahun, unit=bidang.pk))
    assert respons.status_code == 200
    isi = respons.content.decode()
    baris = isi[isi.index('id="tabel-indikator-temuan"') : isi.index("</table>")]
    # As many rows as the report counts for the bidang: Rudi's and Dina's vague indicators.
    assert baris.count("<tr>") - 1 == laporan.rinci[bidang.pk].temuan["normatif"] == 2
    assert f"<strong>{laporan.rinci[bidang.pk].temuan['normatif']}</strong>" in isi
    for orang in (pemeran.pegawai, pemeran.orang_luar):
        assert orang.nama in baris and format_nip(orang.nip) in baris
        skp = Skp.objects.get(pegawai=orang, tahun=tahun)
        assert reverse("skp:detail", args=[skp.pk]) in baris
    assert SAMAR in baris and "Tersedianya data" in baris  # indicator and RHK
    assert "Ani Pendidikan" not in baris  # another OPD
    assert "Ungkapan normatif" in isi and 'aria-current="page"' in isi
    # The whole instansi: every vague indicator, the other OPD's too.
    isi = client.get(url_temuan("normatif", pemeran, tahun)).content.decode()
    assert "Ani Pendidikan" in isi and "<strong>3</strong>" in isi
    # A light finding opens its own list: the measurable indicator with advice.
    isi = client.get(url_temuan("aktivitas", pemeran, tahun, jenis="saran")).content.decode()
    baris = isi[isi.index('id="tabel-indikator-temuan"') : isi.index("</table>")]
    assert TERUKUR_DENGAN_SARAN in baris and baris.count("<tr>") - 1 == 1
    assert LABEL_SARAN["aktivitas"] in isi
    isi = client.get(url_temuan("aktivitas", pemeran, tahun)).content.decode()
    assert TERUKUR_DENGAN_SARAN not in isi and "Melaksanakan rapat koordinasi" in isi


def test_tangga_izin_rincian_temuan(client, pemeran, superuser, data_kecil, tahun):
    _, bidang, _, _ = unit(pemeran)
    url = url_temuan("normatif", pemeran, tahun, unit=bidang.pk)
    respons = client.get(url)
    assert respons.status_code == 302 and "/masuk/" in respons.url
    assert masuk(client, pemeran.pegawai).get(url).status_code == 403
    assert masuk(client, pemeran.atasan).get(url).status_code == 403
    masuk(client, pemeran.admin_lain)
    assert client.get(url).status_code == 404
    respons = client.get(
        f"{reverse('indikator:laporan_temuan', args=['normatif'])}?unit={bidang.pk}"
    )
    assert respons.status_code == 404 and "Bidang P2P" not in respons.content.decode()
    assert masuk(client, pemeran.admin).get(url).status_code == 200
    client.force_login(superuser)
    assert client.get(url).status_code == 200


def test_rincian_temuan_kode_tidak_sah(client, pemeran, data_kecil, tahun):
    masuk(client, pemeran.admin)
    assert client.get(url_temuan("Bukan-Kode", pemeran, tahun)).status_code == 404
    isi = client.get(url_temuan("tidak_ada_kode_ini", pemeran, tahun)).content.decode()
    assert "Tidak ada indikator dengan temuan ini" in isi and "Temuan lain" in isi


@pytest.mark.usefixtures("jawaban_selalu_dihitung")
def test_rincian_temuan_berhalaman_dengan_jumlah_query_tetap(
    client, pemeran, data_kecil, dinas_lain, tahun, django_assert_max_num_queries
):
    seksi, kepala = dinas_lain
    masuk(client, pemeran.admin)
    url = url_temuan("normatif", pemeran, tahun, unit=seksi.induk_id)
    client.get(url)
    cache.clear()
    with django_assert_max_num_queries(20) as sedikit:
        assert client.get(url).status_code == 200
    for n in range(14):
        skp_isi(pegawai_di(seksi, kepala, f"Guru {n:02d}"), tahun, SAMAR, SAMAR + " sekali")
    cache.clear()
    with django_assert_max_num_queries(len(sedikit.captured_queries)):
        isi = client.get(url).content.decode()
    assert "<strong>29</strong>" in isi and "Halaman 1 dari 2" in isi
    assert isi.count('<th scope="row"') == 25
    isi = client.get(url + "&halaman=2").content.decode()
    assert "Halaman 2 dari 2" in isi and isi.count('<th scope="row"') == 4
    assert "Guru 13" in isi and "Ani Pendidikan" not in isi  # ordered by name


# --- indicators nearly the same as a colleague's -----------------------------------------------


def test_mirip_rekan_dihitung_per_unit_seperti_di_halaman_skp(client, pemeran, skp_pegawai, tahun):
    opd, bidang, surveilans, imunisasi = unit(pemeran)
    rekan = pegawai_di(surveilans, pemeran.atasan, "Sari Rekan")
    # Same content words as the pegawai's "Jumlah laporan surveilans mingguan" (1.0), and one
    # that shares 4 of 5 (0.8, the threshold): both of Sari's and the pegawai's are flagged.
    skp_isi(rekan, tahun, "Jumlah laporan mingguan surveilans", "Indeks kepuasan pelanggan")
    skp_isi(pegawai_di(surveilans, pemeran.atasan, "Tono"), tahun,
            "Jumlah laporan surveilans mingguan puskesmas")  # fmt: skip
    # Another unit, and one pegawai repeating himself: not flagged.
    skp_isi(pemeran.orang_luar, tahun, "Jumlah laporan surveilans mingguan")
    skp_isi(pemeran.admin, tahun, "Jumlah rapat staf", "Jumlah rapat staf")

    laporan = hitung_laporan(pemeran.instansi, tahun)
    skp_tahun = Skp.objects.filter(tahun=tahun).exclude(status=StatusSkp.DIGANTI)
    assert laporan.mirip == sum(len(indikator_mirip(s)) for s in skp_tahun) == 3
    assert [b.mirip for b in laporan.unit] == [3]
    assert laporan.rinci[surveilans.pk].mirip == 3 and laporan.rinci[bidang.pk].mirip == 3
    assert imunisasi.pk not in laporan.rinci or laporan.rinci[imunisasi.pk].mirip == 0

    isi = masuk(client, pemeran.admin).get(f"{URL}?tahun={tahun}").content.decode()
    assert 'id="mirip-instansi">3<' in isi and "Mirip rekan" in isi


def test_pencarian_mirip_sama_dengan_membandingkan_semua_pasangan():
    """The prefix-filtered join flags exactly what comparing every pair flags."""
    acak = random.Random(7)
    kata = ("laporan surveilans mingguan dokumen vaksin rekap desa puskesmas data kasus "
            "anggaran kegiatan pelayanan izin arsip").split()  # fmt: skip
    for _ in range(30):
        butir = [
            (acak.randrange(6), " ".join(acak.sample(kata, acak.randint(1, 7))))
            for _ in range(acak.randint(2, 40))
        ]
        kunci = [(p, frozenset(kata_kunci(t))) for p, t in butir]
        harapan = sum(
            1
            for p, k in kunci
            if k and any(q != p and j and len(k & j) / len(k | j) >= 0.8 for q, j in kunci)
        )
        assert _jumlah_mirip(butir) == harapan


def test_every_finding_code_has_an_indonesian_label():
    """The report names findings by label: no internal code may reach a page on its own."""
    temuan = json.loads((DATA / "temuan.json").read_text(encoding="utf-8"))["temuan"]
    assert set(temuan) <= set(LABEL_TEMUAN)
