"""The admin's indicator-quality report: who may see it, the numbers on a small instansi,
query count flat as the instansi grows, and the cache following edits."""

import json
import random
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.urls import reverse

from indikator.laporan import LABEL_TEMUAN, _jumlah_mirip, hitung_laporan, laporan_indikator
from indikator.selectors import indikator_mirip
from indikator.teks import DATA, kata_kunci
from organisasi.models import JenisJabatan
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
    assert "Seksi Imunisasi" in tabel and "Temuan tersering" in tabel
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
