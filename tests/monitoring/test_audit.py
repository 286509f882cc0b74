"""Audit SKP Tahunan: the reproducible sample per unit kerja, the finding with its history, the
audit page (the analyser's overlap and copy findings, the bukti dukung per period), the XLSX
export, and who may do what (the instansi admin: the app has no inspectorate role)."""

import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from monitoring.models import ButirAudit, RiwayatButirAudit, SampelAudit, TemuanAudit
from monitoring.services.audit import butir_periksa, sampel_ambil, tarik
from organisasi.models import Jabatan
from penilaian.models import BuktiDukung, PenilaianPeriodik, StatusPenilaian
from penilaian.periode import periode_tahun
from skp.models import Skp
from tests.monitoring.conftest import HTMX
from tests.penilaian.bawahan import tambah_bawahan

URL = "/monitoring/audit/"


@pytest.fixture
def populasi(pemeran):
    """12 approved SKPs of 2026 in the Seksi Surveilans and 5 in the Seksi Imunisasi."""
    surveilans = tambah_bawahan(pemeran, 12)
    imunisasi = tambah_bawahan(pemeran, 5, awal=12)
    Jabatan.objects.filter(pk__in=[p.jabatan_id for p in imunisasi]).update(
        unit_kerja=pemeran.rekan_atasan.jabatan.unit_kerja
    )
    return surveilans + imunisasi


def ambil(pemeran, token="t1", **kw) -> SampelAudit:
    isian = {"tahun": 2026, "ukuran": 3} | kw
    return sampel_ambil(user=pemeran.admin.user, instansi=pemeran.instansi, token=token, **isian)


def skp_sampel(sampel: SampelAudit) -> list[int]:
    return list(sampel.butir.order_by("urutan").values_list("skp_id", flat=True))


# --- the draw -------------------------------------------------------------------------------------


def test_tarik_per_unit_dengan_seed():
    data = [(pk, 1 if pk <= 10 else 2, "A" if pk <= 10 else "B") for pk in range(1, 14)]
    satu = tarik(data, 7, ukuran=2, persen=None)
    assert satu == tarik(list(reversed(data)), 7, ukuran=2, persen=None)  # order of rows: no matter
    assert [u for _, u, _ in satu] == [1, 1, 2, 2]
    assert satu != tarik(data, 8, ukuran=2, persen=None)
    # A unit smaller than the size is taken whole; a percentage is rounded up, at least one.
    assert len(tarik(data, 7, ukuran=5, persen=None)) == 5 + 3
    assert [u for _, u, _ in tarik(data, 7, ukuran=None, persen=25)] == [1, 1, 1, 2]


def test_seed_sama_sampel_sama_seed_lain_berbeda(pemeran, populasi):
    a = ambil(pemeran, "a", seed=20260101)
    b = ambil(pemeran, "b", seed=20260101)
    c = ambil(pemeran, "c", seed=20260102)
    assert skp_sampel(a) == skp_sampel(b)
    assert skp_sampel(a) != skp_sampel(c)
    assert len(skp_sampel(a)) == 6  # 3 per unit, two units
    units = list(a.butir.order_by("urutan").values_list("unit_nama", flat=True))
    assert units == ["Seksi Surveilans"] * 3 + ["Seksi Imunisasi"] * 3
    assert a.jumlah_populasi == 17 and a.dibuat_oleh == pemeran.admin.user


def test_seed_dibuat_dan_dicatat_bila_kosong(pemeran, populasi):
    a = ambil(pemeran, "a")
    assert a.seed is not None
    assert skp_sampel(ambil(pemeran, "b", seed=a.seed)) == skp_sampel(a)


def test_kirim_ganda_satu_sampel(pemeran, populasi):
    a = ambil(pemeran, "sama")
    b = ambil(pemeran, "sama", ukuran=5)
    assert a.pk == b.pk
    assert SampelAudit.objects.count() == 1 and ButirAudit.objects.count() == 6


@pytest.mark.parametrize(
    ("isian", "medan", "pesan"),
    [
        ({"ukuran": 0}, "ukuran", "Jumlah sampel per unit kerja harus 1 sampai 50 SKP."),
        ({"ukuran": 10_000}, "ukuran", "Jumlah sampel per unit kerja harus 1 sampai 50 SKP."),
        ({"ukuran": None, "persen": 0}, "persen", "Persentase sampel harus 1 sampai 100."),
        ({"ukuran": None, "persen": 101}, "persen", "Persentase sampel harus 1 sampai 100."),
        ({"ukuran": None}, "ukuran", "Isi salah satu: jumlah SKP per unit kerja atau persentase"),
        (
            {"tahun": 2025},
            "tahun",
            "Belum ada SKP tahun 2025 yang disetujui di Pemerintah Kabupaten Contoh",
        ),
        ({"seed": -1}, "seed", "Seed harus bilangan bulat 0 sampai"),
    ],
)
def test_isian_salah_pesan_jelas_tanpa_sisa(pemeran, populasi, isian, medan, pesan):
    with pytest.raises(ValidationError) as e:
        ambil(pemeran, **isian)
    assert e.value.message_dict[medan][0].startswith(pesan)
    assert not SampelAudit.objects.exists() and not ButirAudit.objects.exists()


def test_bukan_admin_instansi_ditolak(pemeran, populasi):
    for orang in (pemeran.pegawai, pemeran.atasan, pemeran.admin_lain):
        with pytest.raises(PermissionDenied):
            sampel_ambil(
                user=orang.user, instansi=pemeran.instansi, tahun=2026, ukuran=1, token="x"
            )
    assert not SampelAudit.objects.exists()


# --- the finding ----------------------------------------------------------------------------------


@pytest.fixture
def butir(pemeran, populasi) -> ButirAudit:
    return ambil(pemeran, seed=1).butir.order_by("urutan").first()


def test_temuan_dicatat_dengan_riwayat(pemeran, butir):
    b = butir_periksa(user=pemeran.admin.user, butir=butir, temuan="perlu_perbaikan",
                      catatan=" Indikator sama dengan rekan. ", revisi=0)  # fmt: skip
    assert (b.temuan, b.catatan, b.revisi, b.diperiksa_oleh) == (
        TemuanAudit.PERLU_PERBAIKAN, "Indikator sama dengan rekan.", 1, pemeran.admin.user,
    )  # fmt: skip
    r = RiwayatButirAudit.objects.get()
    assert (r.dari, r.ke, r.catatan, r.oleh_nama) == (
        "belum",
        "perlu_perbaikan",
        "Indikator sama dengan rekan.",
        "Teguh Admin",
    )
    # The same form sent again: nothing new; a stale form after a change: refused.
    butir_periksa(user=pemeran.admin.user, butir=b, temuan="perlu_perbaikan",
                  catatan="Indikator sama dengan rekan.", revisi=0)  # fmt: skip
    assert RiwayatButirAudit.objects.count() == 1
    with pytest.raises(ValidationError, match="baru saja diubah"):
        butir_periksa(user=pemeran.admin.user, butir=b, temuan="sesuai", catatan="", revisi=0)
    butir_periksa(user=pemeran.admin.user, butir=b, temuan="sesuai", catatan="", revisi=1)
    assert list(RiwayatButirAudit.objects.values_list("ke", flat=True)) == [
        "perlu_perbaikan",
        "sesuai",
    ]


def test_temuan_salah(pemeran, butir):
    with pytest.raises(ValidationError) as e:
        butir_periksa(
            user=pemeran.admin.user, butir=butir, temuan="perlu_perbaikan", catatan=" ", revisi=0
        )
    assert e.value.message_dict == {"catatan": ["Tuliskan apa yang perlu diperbaiki."]}
    with pytest.raises(ValidationError):
        butir_periksa(user=pemeran.admin.user, butir=butir, temuan="belum", catatan="", revisi=0)
    with pytest.raises(PermissionDenied):
        butir_periksa(
            user=pemeran.admin_lain.user, butir=butir, temuan="sesuai", catatan="", revisi=0
        )
    assert not RiwayatButirAudit.objects.exists()
    butir.refresh_from_db()
    assert butir.temuan == TemuanAudit.BELUM


# --- pages ----------------------------------------------------------------------------------------


def test_tangga_izin_daftar(client, pemeran, populasi):
    assert client.get(URL).status_code == 302  # to the login
    for orang in (pemeran.pegawai, pemeran.atasan):
        client.force_login(orang.user)
        assert client.get(URL).status_code == 403
    client.force_login(pemeran.admin.user)
    r = client.get(URL)
    assert r.status_code == 200 and "Ambil sampel baru" in r.content.decode()


def test_tangga_izin_sampel_butir_ekspor(client, pemeran, butir):
    halaman = [
        f"{URL}{butir.sampel_id}/",
        f"{URL}butir/{butir.pk}/",
        f"{URL}{butir.sampel_id}/ekspor/",
    ]
    for url in halaman:
        client.logout()
        assert client.get(url).status_code == 302, url
        for orang in (pemeran.pegawai, butir.skp.pegawai, pemeran.admin_lain):
            client.force_login(orang.user)
            assert client.get(url).status_code == 404, (url, orang)
        client.force_login(pemeran.admin.user)
        assert client.get(url).status_code == 200, url
    # Recording a finding: the same ladder.
    client.force_login(pemeran.admin_lain.user)
    assert client.post(halaman[1], {"temuan": "sesuai", "revisi": 0}).status_code == 404
    assert not RiwayatButirAudit.objects.exists()


def test_ambil_sampel_lewat_halaman(client, pemeran, populasi):
    client.force_login(pemeran.admin.user)
    # One instansi: chosen already (a hidden field), so the form as shown can be sent.
    html = client.get(URL).content.decode()
    assert f'type="hidden" name="instansi" value="{pemeran.instansi.pk}"' in html
    data = {
        "token": "abc",
        "instansi": pemeran.instansi.pk,
        "tahun": 2026,
        "cara": "jumlah",
        "nilai": 2,
        "seed": 99,
    }
    r = client.post(URL, data)
    sampel = SampelAudit.objects.get()
    assert r.status_code == 302 and r["Location"] == f"{URL}{sampel.pk}/"
    assert (sampel.seed, sampel.ukuran, sampel.persen) == (99, 2, None)
    assert client.post(URL, data).status_code == 302  # a double click: the same sample
    assert SampelAudit.objects.count() == 1
    r = client.post(URL, data | {"token": "def", "cara": "persen", "nilai": 0})
    assert r.status_code == 200 and "Persentase sampel harus 1 sampai 100." in r.content.decode()
    r = client.post(URL, data | {"token": "ghi", "tahun": 2024})
    assert "Belum ada SKP tahun 2024 yang disetujui" in r.content.decode()
    r = client.post(URL, data | {"token": "jkl", "nilai": "banyak"})
    assert "Ukuran sampel harus bilangan bulat." in r.content.decode()
    # Another instansi's id is not a choice.
    r = client.post(URL, data | {"token": "mno", "instansi": pemeran.instansi_lain.pk})
    assert r.status_code == 200 and SampelAudit.objects.count() == 1


def _salin_ke_tahun_lalu(skp: Skp) -> None:
    lalu = Skp.objects.get(pk=skp.pk)
    lalu.pk, lalu.tahun = None, skp.tahun - 1
    lalu.save()
    for rhk in skp.rhk.all():
        indikator = list(rhk.indikator.all())
        rhk.pk, rhk.skp = None, lalu
        rhk.save()
        for ind in indikator:
            ind.pk, ind.rhk = None, rhk
            ind.save()


def test_halaman_butir_temuan_analyser_dan_bukti(client, pemeran, butir, tahun):
    skp = butir.skp
    _salin_ke_tahun_lalu(skp)
    tw1 = periode_tahun(pemeran.instansi, tahun)[0]
    p = PenilaianPeriodik.objects.create(
        pegawai=skp.pegawai, periode=tw1, skp=skp, status=StatusPenilaian.DIKIRIM
    )
    rhk = skp.rhk.order_by("urutan").first()
    tautan = BuktiDukung.objects.create(
        penilaian=p, rhk=rhk, tautan="https://drive.example.go.id/rekap"
    )
    berkas = BuktiDukung.objects.create(
        penilaian=p, rhk=rhk, berkas=SimpleUploadedFile("rekap.pdf", b"%PDF-1.4 uji"),
        nama_berkas="rekap-desa.pdf", ukuran=12, jenis_berkas="application/pdf",
    )  # fmt: skip
    BuktiDukung.objects.create(penilaian=p, rhk=rhk, tautan="javascript:alert(1)")
    client.force_login(pemeran.admin.user)
    html = client.get(f"{URL}butir/{butir.pk}/").content.decode()
    assert "SKP ini sama persis dengan SKP tahun lalu (2025)" in html
    assert "mirip 100% dengan indikator Bawahan" in html  # colleagues with the same wording
    assert "Triwulan I 2026" in html
    assert f'href="{tautan.tautan}"' in html
    assert f'href="/penilaian/bukti/{berkas.pk}/unduh/">rekap-desa.pdf' in html
    assert 'href="javascript' not in html
    assert client.get(f"/penilaian/bukti/{berkas.pk}/unduh/").status_code == 200  # access-checked


def test_catat_temuan_lewat_halaman_dan_htmx(client, pemeran, butir):
    client.force_login(pemeran.admin.user)
    url = f"{URL}butir/{butir.pk}/"
    r = client.post(url, {"temuan": "perlu_perbaikan", "catatan": "", "revisi": 0}, **HTMX)
    assert r.status_code == 200 and "Tuliskan apa yang perlu diperbaiki." in r.content.decode()
    assert "<html" not in r.content.decode()
    r = client.post(
        url, {"temuan": "perlu_perbaikan", "catatan": "Target tanpa dasar.", "revisi": 0}, **HTMX
    )
    html = r.content.decode()
    assert (
        html.lstrip().startswith('<section aria-labelledby="judul-temuan"')
        and "Temuan disimpan" in html
    )
    r = client.post(url, {"temuan": "sesuai", "catatan": "", "revisi": 1})
    assert r.status_code == 302 and r["Location"] == url
    butir.refresh_from_db()
    assert butir.temuan == TemuanAudit.SESUAI and RiwayatButirAudit.objects.count() == 2


def test_ekspor_xlsx_nip_teks(client, pemeran, butir):
    butir_periksa(
        user=pemeran.admin.user, butir=butir, temuan="perlu_perbaikan", catatan="=SUM(A1)", revisi=0
    )
    client.force_login(pemeran.admin.user)
    r = client.get(f"{URL}{butir.sampel_id}/ekspor/")
    assert r["Content-Type"].startswith("application/vnd.openxmlformats")
    buku = load_workbook(io.BytesIO(r.content))
    ws = buku["Sampel"]
    assert [c.value for c in ws[1]][:3] == ["No", "Unit kerja", "NIP"]
    baris = [c for c in ws[2]]
    assert baris[2].value == butir.skp.pegawai_nip and baris[2].data_type == "s"
    assert baris[2].number_format == "@"
    assert (baris[6].value, baris[7].value, baris[7].data_type) == (
        "Perlu perbaikan",
        "=SUM(A1)",
        "s",
    )
    assert ws.max_row == 1 + 6
    info = {r[0].value: r[1].value for r in buku["Keterangan"].iter_rows()}
    assert info["Seed"] == "1" and info["Ukuran sampel"] == "3 SKP per unit kerja"


@pytest.mark.usefixtures("jawaban_selalu_dihitung")
def test_kueri_halaman_sampel_datar(client, pemeran, populasi, django_assert_max_num_queries):
    client.force_login(pemeran.admin.user)
    kecil = ambil(pemeran, "k", ukuran=1)
    with django_assert_max_num_queries(25) as q:
        assert client.get(f"{URL}{kecil.pk}/").status_code == 200
    besar = ambil(pemeran, "b", ukuran=10)
    assert besar.butir.count() == 15
    with django_assert_max_num_queries(len(q.captured_queries)):
        assert client.get(f"{URL}{besar.pk}/").status_code == 200
    with django_assert_max_num_queries(25) as q:
        client.get(URL)
    ambil(pemeran, "c", ukuran=5)
    with django_assert_max_num_queries(len(q.captured_queries)):
        client.get(URL)


def test_menu_admin_menautkan_audit(client, pemeran):
    client.force_login(pemeran.admin.user)
    assert 'href="/monitoring/audit/">Audit SKP Tahunan' in client.get("/").content.decode()
    client.force_login(pemeran.pegawai.user)
    assert "/monitoring/audit/" not in client.get("/").content.decode()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_ambil_sampel_serentak_dua_kali_satu_sampel(pemeran, populasi):
    from django.db import connection

    from tests.skp.test_konkurensi import serentak

    if connection.vendor != "postgresql":
        pytest.skip("Uji konkurensi butuh PostgreSQL; jalankan dengan DATABASE_URL=postgres://...")
    hasil = serentak(lambda: ambil(pemeran, "sama").pk, lambda: ambil(pemeran, "sama").pk)
    assert hasil[0] == hasil[1] and isinstance(hasil[0], int), hasil
    assert SampelAudit.objects.count() == 1 and ButirAudit.objects.count() == 6
