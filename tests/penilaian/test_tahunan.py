"""The annual evaluation (Triwulan IV-Akhir): the annual capaian counts (last year's after 31
January), a pegawai who moved during the year is evaluated by the new penilai against the SKP
in force at the end of the year, and a unit head's rating hasil kerja is prefilled from the
capaian of the unit they lead (explained, still the penilai's to change)."""

from datetime import date, datetime, timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from penilaian.bawahan import halaman_bawahan, lengkapi
from penilaian.capaian import capaian_untuk_penilaian, rating_kepala_unit
from penilaian.kuadran import Rating
from penilaian.models import PenilaianPeriodik
from penilaian.periode import periode_tahun
from penilaian.selectors import penilai_periode
from penilaian.services import alur
from penilaian.services.capaian import tetapkan_capaian
from penilaian.services.penetapan import tetapkan_predikat
from skp.models import Skp, StatusSkp
from tests.penilaian.bawahan import isi_penilaian, skp_disetujui_untuk
from tests.penilaian.conftest import WIB, beri_umpan_balik_lengkap, pada

pytestmark = pytest.mark.django_db
A, S, B = Rating.DI_ATAS, Rating.SESUAI, Rating.DI_BAWAH


@pytest.fixture
def tw4(pemeran):
    tw = periode_tahun(pemeran.instansi, 2026)[3]
    assert tw.akhir
    return tw


def _dalam_jendela(periode):
    return pada(periode.buka + timedelta(days=1))


# --- a pegawai who moved during the year --------------------------------------------------


def test_pegawai_mutasi_dinilai_tahunan_oleh_penilai_baru_atas_skp_baru(pemeran, tw4):
    rudi, rina, eko = pemeran.pegawai, pemeran.atasan, pemeran.rekan_atasan
    tw2 = periode_tahun(pemeran.instansi, 2026)[1]
    lama = skp_disetujui_untuk(rudi, rina)
    with _dalam_jendela(tw2):  # evaluated in June by Rina, against the first SKP
        p2 = isi_penilaian(rudi, tw2, rina)
    # August: Rudi moves to the Seksi Imunisasi under Eko; a new SKP version is agreed there.
    rudi.jabatan.unit_kerja = eko.jabatan.unit_kerja
    rudi.jabatan.atasan = eko.jabatan
    rudi.jabatan.save()
    Skp.objects.filter(pk=lama.pk).update(status=StatusSkp.DIGANTI)
    baru = skp_disetujui_untuk(rudi, eko, versi=2, disetujui=datetime(2026, 8, 20, 9, tzinfo=WIB))

    with _dalam_jendela(tw4):
        tetapkan_capaian(user=pemeran.atasan_atasan.user, unit_kerja=eko.jabatan.unit_kerja,
                         periode=tw4, capaian="istimewa")  # fmt: skip
        p4 = alur.pastikan_penilaian(pegawai=rudi, periode=tw4)
        # The annual evaluation: the SKP in force at the end of the year (no averaging), the new
        # penilai, and the annual capaian of the new unit.
        assert p4.skp == baru and penilai_periode(p4) == eko
        assert capaian_untuk_penilaian(p4).capaian == "istimewa"
        assert rudi in [b.pegawai for b in halaman_bawahan(eko, tw4).baris]
        assert rudi not in [b.pegawai for b in halaman_bawahan(rina, tw4).baris]
        beri_umpan_balik_lengkap(p4, eko)
        with pytest.raises(PermissionDenied):
            alur.nilai(user=rina.user, penilaian=p4, rating_hasil_kerja=S, rating_perilaku=S)
        alur.nilai(user=eko.user, penilaian=p4, rating_hasil_kerja=A, rating_perilaku=A)
    p4.refresh_from_db()
    assert (p4.predikat, p4.dinilai_oleh, p4.skp) == ("sangat_baik", eko, baru)
    # The earlier period keeps its own SKP and penilai.
    p2.refresh_from_db()
    assert p2.skp == lama and p2.penilai == rina


# --- the annual capaian ---------------------------------------------------------------------


def test_penetapan_tahunan_memakai_capaian_tahun_lalu_setelah_31_januari(pemeran, tw4):
    """Triwulan IV-Akhir closes the year: without this year's annual capaian by 31 January,
    last year's annual capaian sets the pattern (and the document says so)."""
    seksi = pemeran.atasan.jabatan.unit_kerja
    tw4_lalu = periode_tahun(pemeran.instansi, 2025)[3]
    with pada(tw4_lalu.buka + timedelta(days=1)):
        tetapkan_capaian(user=pemeran.atasan_atasan.user, unit_kerja=seksi, periode=tw4_lalu,
                         capaian="butuh_perbaikan")  # fmt: skip
    pegawai = pemeran.pegawai
    skp_disetujui_untuk(pegawai, pemeran.atasan)
    with _dalam_jendela(tw4):
        p = isi_penilaian(pegawai, tw4, pemeran.atasan)
        alur.nilai(user=pemeran.atasan.user, penilaian=p, rating_hasil_kerja=B, rating_perilaku=S)
    with pada(date(2027, 2, 1)):
        dokumen = tetapkan_predikat(user=pemeran.atasan_atasan.user, unit_kerja=seksi, periode=tw4)
    assert dokumen.isi["capaian"] == "butuh_perbaikan" and dokumen.isi["akhir"]
    assert "capaian tahunan 2025" in dokumen.isi["capaian_keterangan"]


# --- a unit head's rating hasil kerja -----------------------------------------------------


@pytest.fixture
def kasi_siap(pemeran, tw1, dalam_jendela_tw1):
    """Rina (Kasi, head of the Seksi Surveilans) sent her realisasi to Budi (Kabid)."""
    skp_disetujui_untuk(pemeran.atasan, pemeran.atasan_atasan)
    return isi_penilaian(pemeran.atasan, tw1, pemeran.atasan_atasan)


@pytest.mark.parametrize(
    ("capaian", "rating"),
    [("istimewa", A), ("baik", S), ("butuh_perbaikan", B), ("kurang", B), ("sangat_kurang", B)],
)
def test_rating_kepala_unit_dari_capaian_unit_yang_dipimpin(
    pemeran, tw1, kasi_siap, capaian, rating
):
    tetapkan_capaian(user=pemeran.atasan_atasan.user, unit_kerja=pemeran.atasan.jabatan.unit_kerja,
                     periode=tw1, capaian=capaian)  # fmt: skip
    r = rating_kepala_unit(kasi_siap)
    assert r.rating == rating and r.berlaku.unit == pemeran.atasan.jabatan.unit_kerja


def test_bukan_kepala_unit_atau_capaian_belum_ada_tanpa_isian(pemeran, tw1, kasi_siap):
    assert rating_kepala_unit(kasi_siap) is None  # capaian not set yet
    skp_disetujui_untuk(pemeran.pegawai, pemeran.atasan)
    p = isi_penilaian(pemeran.pegawai, tw1, pemeran.atasan)
    tetapkan_capaian(user=pemeran.atasan_atasan.user, unit_kerja=pemeran.atasan.jabatan.unit_kerja,
                     periode=tw1, capaian="baik")  # fmt: skip
    assert rating_kepala_unit(p) is None  # Rudi heads no unit


def test_formulir_rating_kepala_unit_diisi_dan_dijelaskan(client, pemeran, tw1, kasi_siap):
    tetapkan_capaian(user=pemeran.atasan_atasan.user, unit_kerja=pemeran.atasan.jabatan.unit_kerja,
                     periode=tw1, capaian="istimewa")  # fmt: skip
    client.force_login(pemeran.atasan_atasan.user)
    html = client.get(reverse("penilaian:detail", args=[kasi_siap.pk])).content.decode()
    assert (
        "Rating hasil kerja diisi dari capaian kinerja organisasi unit yang dipimpin (Seksi "
        "Surveilans): Istimewa, ditetapkan oleh Budi Kabid pada 30 Maret 2026, sehingga rating "
        "hasil kerja Di Atas Ekspektasi."
    ) in html
    assert (
        'id="nilai-rating_hasil_kerja-di_atas" value="di_atas"\n         aria-describedby="nilai-rating_hasil_kerja-di_atas-panduan" checked'
        in html
    )
    # The same on Penilaian Bawahan: Rina's row offers Di Atas Ekspektasi.
    h = halaman_bawahan(pemeran.atasan_atasan, tw1)
    lengkapi(h, pemeran.atasan_atasan.user.pk)
    (baris,) = [b for b in h.baris if b.pegawai == pemeran.atasan]
    assert baris.pilihan_hasil_kerja == A and "Istimewa" in baris.rating_unit.keterangan
    html = client.get(reverse("penilaian:bawahan") + f"?periode={tw1.pk}").content.decode()
    assert f'id="rating-unit-{kasi_siap.pk}"' in html
    # The penilai may still decide otherwise.
    client.post(reverse("penilaian:nilai", args=[kasi_siap.pk]), {
        "rating_hasil_kerja": S, "rating_perilaku": S, "catatan": "Capaian unit belum tercermin.",
        "revisi": PenilaianPeriodik.objects.get(pk=kasi_siap.pk).revisi,
    })  # fmt: skip
    p = PenilaianPeriodik.objects.get(pk=kasi_siap.pk)
    assert (p.rating_hasil_kerja, p.predikat) == (S, "baik")
    # Once rated, the form shows the saved rating, not the capaian's.
    html = client.get(reverse("penilaian:detail", args=[kasi_siap.pk])).content.decode()
    assert (
        'value="sesuai"\n         aria-describedby="nilai-rating_hasil_kerja-sesuai-panduan" checked'
        in html
    )


def _pindah_ke_imunisasi(pemeran):
    rudi, eko = pemeran.pegawai, pemeran.rekan_atasan
    rudi.jabatan.unit_kerja = eko.jabatan.unit_kerja
    rudi.jabatan.atasan = eko.jabatan
    rudi.jabatan.save()


@pytest.mark.parametrize("lewat", ["halaman_bawahan", "halaman_pegawai"])
def test_penilaian_tahunan_yang_dibuat_sebelum_mutasi_mengikuti_skp_baru(
    client, pemeran, tw4, lewat
):
    """Rina opened Penilaian Bawahan on Triwulan IV in October (its rows were made against the
    SKP then in force); Rudi moved in November. Untouched, his annual evaluation follows the
    new SKP and its penilai, recorded in its history."""
    rudi, rina, eko = pemeran.pegawai, pemeran.atasan, pemeran.rekan_atasan
    lama = skp_disetujui_untuk(rudi, rina)
    skp_disetujui_untuk(eko, pemeran.atasan_atasan)
    with pada(date(2026, 10, 20)):
        client.force_login(rina.user)
        assert client.get(reverse("penilaian:bawahan") + f"?periode={tw4.pk}").status_code == 200
    p = PenilaianPeriodik.objects.get(pegawai=rudi, periode=tw4)
    assert p.skp == lama
    _pindah_ke_imunisasi(pemeran)
    Skp.objects.filter(pk=lama.pk).update(status=StatusSkp.DIGANTI)
    baru = skp_disetujui_untuk(rudi, eko, versi=2, disetujui=datetime(2026, 11, 10, 9, tzinfo=WIB))
    with _dalam_jendela(tw4):
        if lewat == "halaman_bawahan":
            client.force_login(eko.user)
            html = client.get(reverse("penilaian:bawahan") + f"?periode={tw4.pk}").content.decode()
            assert rudi.nama_lengkap in html
        else:
            alur.pastikan_penilaian(pegawai=rudi, periode=tw4)
    p.refresh_from_db()
    assert p.skp == baru and penilai_periode(p) == eko
    r = p.riwayat.get(aksi="ikuti_skp")
    assert "versi 2" in r.catatan and r.data == {"skp_lama": lama.pk, "skp_baru": baru.pk}


def test_penilaian_yang_sudah_diisi_tetap_pada_skp_lama(pemeran, tw4):
    from decimal import Decimal

    from penilaian.models import Realisasi

    rudi, rina, eko = pemeran.pegawai, pemeran.atasan, pemeran.rekan_atasan
    lama = skp_disetujui_untuk(rudi, rina)
    with _dalam_jendela(tw4):
        p = alur.pastikan_penilaian(pegawai=rudi, periode=tw4)
        ind = lama.rhk.first().indikator.first()
        Realisasi.objects.create(penilaian=p, indikator=ind, nilai=Decimal(3))
    _pindah_ke_imunisasi(pemeran)
    Skp.objects.filter(pk=lama.pk).update(status=StatusSkp.DIGANTI)
    skp_disetujui_untuk(rudi, eko, versi=2, disetujui=datetime(2026, 12, 16, 9, tzinfo=WIB))
    with _dalam_jendela(tw4):
        assert alur.pastikan_penilaian(pegawai=rudi, periode=tw4).skp == lama
    assert not p.riwayat.filter(aksi="ikuti_skp").exists()


def test_halaman_bawahan_menyebut_penilaian_tahunan(client, pemeran, tw1, tw4):
    client.force_login(pemeran.atasan.user)
    with _dalam_jendela(tw4):
        html = client.get(reverse("penilaian:bawahan") + f"?periode={tw4.pk}").content.decode()
        assert 'id="penilaian-tahunan"' in html and "penilaian <strong>tahunan</strong>" in html
        html = client.get(reverse("penilaian:bawahan") + f"?periode={tw1.pk}").content.decode()
        assert 'id="penilaian-tahunan"' not in html
