"""Kotak Masuk routing and its cost: the same SKP reach the same inbox as the rule says
(`penilai_aktif`, within three levels below), and the inbox, SKP Bawahan and Beranda (all with
the navbar count) make as many queries for 30 bawahan as for 3."""

from datetime import timedelta

import pytest
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from organisasi.models import JenisJabatan, Pegawai, PenugasanSementara
from organisasi.selectors import jabatan_dipegang
from skp.models import Skp, StatusSkp
from skp.selectors import kotak_masuk, penilai_aktif
from tests.factories import JabatanFactory, PegawaiFactory
from tests.skp.conftest import menunggu_di

# The queries of working the inbox out, every time: the answer kept between requests is tested
# in test_kotak_masuk_tersimpan.py.
pytestmark = pytest.mark.usefixtures("jawaban_selalu_dihitung")


def menurut_aturan(pegawai: Pegawai) -> list[int]:
    """The rule as it stood before batching: SKP assigned to `pegawai`, or of a pegawai up to
    three levels below a position they act in, each routed on its own with `penilai_aktif`."""
    jabatan = jabatan_dipegang(pegawai)
    kandidat = (
        Skp.objects.filter(status=StatusSkp.DIAJUKAN)
        .filter(
            Q(penilai_ditetapkan=pegawai)
            | Q(penilai_ditetapkan__isnull=True)
            & (
                Q(pegawai__jabatan__atasan_id__in=jabatan)
                | Q(pegawai__jabatan__atasan__atasan_id__in=jabatan)
                | Q(pegawai__jabatan__atasan__atasan__atasan_id__in=jabatan)
            )
        )
        .exclude(pegawai=pegawai)
        .order_by("diajukan_pada", "pk")
    )
    return [s.pk for s in kandidat if penilai_aktif(s) == pegawai]


_urutan = iter(range(10_000))


def ajukan(pegawai: Pegawai, penilai_ditetapkan: Pegawai | None = None, **kolom) -> Skp:
    """A submitted SKP, written directly (only routing is under test); each one submitted a
    minute after the previous, so the inbox order is known."""
    return Skp.objects.create(
        pegawai=pegawai, instansi=pegawai.instansi, tahun=timezone.localdate().year,
        status=kolom.pop("status", StatusSkp.DIAJUKAN), jenis_formulir="administrasi",
        pegawai_nama=pegawai.nama, pegawai_nip=pegawai.nip, penilai_ditetapkan=penilai_ditetapkan,
        diajukan_pada=timezone.now() - timedelta(days=1) + timedelta(minutes=next(_urutan)),
        **kolom,
    )  # fmt: skip


def jabatan_di_bawah(atasan, **kolom):
    return JabatanFactory(unit_kerja=atasan.unit_kerja, atasan=atasan, **kolom)


def pegawai_di_bawah(atasan, nama: str, **kolom) -> Pegawai:
    return PegawaiFactory(nama=nama, jabatan=jabatan_di_bawah(atasan), **kolom)


def plt(jabatan, pegawai: Pegawai, hari_lalu: int = 1, hari_lagi: int = 30) -> None:
    hari_ini = timezone.localdate()
    PenugasanSementara.objects.create(
        jabatan=jabatan, pegawai=pegawai,
        mulai=hari_ini - timedelta(days=hari_lalu), selesai=hari_ini + timedelta(days=hari_lagi),
    )  # fmt: skip


def test_kotak_masuk_sama_dengan_aturan_penilai_aktif(pemeran):
    kepala, kabid, kasi = pemeran.kepala, pemeran.atasan_atasan, pemeran.atasan
    # Someone whose computed penilai is themself: X acts (Plt) in the position of their own
    # superior, the Kasi. X's SKP goes further up (the Kabid); the Kasi's other bawahan go to X.
    # X submitted first: the superior position must not be resolved once for all its bawahan.
    x = pegawai_di_bawah(kasi.jabatan, "X Plt Kasi")
    plt(kasi.jabatan, x)
    skp_x = ajukan(x)
    skp_y = ajukan(pegawai_di_bawah(kasi.jabatan, "Y Seksi"))
    skp_z = ajukan(pegawai_di_bawah(kasi.jabatan, "Z Seksi"))
    # The admin reassigned the cast pegawai's SKP (also under the Kasi) to the Kepala.
    skp_dialihkan = ajukan(pemeran.pegawai, penilai_ditetapkan=kepala)
    # A vacant Kasi position with a Plt (the other Kasi, Eko): its bawahan go to the Plt.
    seksi_plt = jabatan_di_bawah(kabid.jabatan, jenis=JenisJabatan.PENGAWAS)
    plt(seksi_plt, pemeran.rekan_atasan)
    skp_s1 = ajukan(pegawai_di_bawah(seksi_plt, "S1"))
    skp_s2 = ajukan(pegawai_di_bawah(seksi_plt, "S2"))
    # A vacant Kasi position whose Plt ended yesterday, with a vacant position under it: both
    # bawahan climb to the Kabid (one and two vacant levels). Four levels down is out of reach.
    kosong = jabatan_di_bawah(kabid.jabatan, jenis=JenisJabatan.PENGAWAS)
    plt(kosong, pemeran.orang_luar, hari_lalu=10, hari_lagi=-1)
    kosong2 = jabatan_di_bawah(kosong)
    kosong3 = jabatan_di_bawah(kosong2)
    skp_v1 = ajukan(pegawai_di_bawah(kosong, "V1"))
    skp_v3 = ajukan(pegawai_di_bawah(kosong2, "V3"))
    skp_terlalu_dalam = ajukan(pegawai_di_bawah(kosong3, "V5"))
    # A position held by an inactive pegawai: its bawahan climb to the Kepala.
    nonaktif = pegawai_di_bawah(kepala.jabatan, "Pensiun", aktif=False)
    skp_d1 = ajukan(pegawai_di_bawah(nonaktif.jabatan, "D1"))
    # Without a position: only an admin's assignment routes it.
    skp_tanpa_jabatan = ajukan(PegawaiFactory(nama="N", jabatan=None, instansi=pemeran.instansi))
    skp_tanpa_jabatan_dialihkan = ajukan(
        PegawaiFactory(nama="M", jabatan=None, instansi=pemeran.instansi),
        penilai_ditetapkan=kabid,
    )
    # The Kabid's own SKP goes to the Kepala; a draft goes nowhere.
    skp_kabid = ajukan(kabid)
    ajukan(pegawai_di_bawah(kabid.jabatan, "Draf"), status=StatusSkp.DRAF)

    harapan = {
        kepala: [skp_dialihkan, skp_d1, skp_kabid],
        kabid: [skp_x, skp_v1, skp_v3, skp_tanpa_jabatan_dialihkan],
        kasi: [],
        x: [skp_y, skp_z],
        pemeran.rekan_atasan: [skp_s1, skp_s2],
    }
    semua = list(Pegawai.objects.all())
    assert len(semua) > 20
    for p in semua:
        aturan = menurut_aturan(p)
        assert [s.pk for s in kotak_masuk(p)] == aturan, p.nama
        if p in harapan:
            assert aturan == [s.pk for s in harapan[p]], p.nama
    tidak_ke_mana_pun = {skp_terlalu_dalam.pk, skp_tanpa_jabatan.pk}
    assert not tidak_ke_mana_pun & {s.pk for p in semua for s in kotak_masuk(p)}
    # Nobody sees their own SKP as something to approve.
    assert all(s.pegawai_id != p.pk for p in semua for s in kotak_masuk(p))


def test_kotak_masuk_pelaksana_tanpa_bawahan_tiga_kueri(pemeran, django_assert_num_queries):
    # Their positions (with any Plt), the positions below (none), SKP assigned to them.
    with django_assert_num_queries(3):
        assert kotak_masuk(pemeran.pegawai) == []


def tambah_tim(pemeran, jumlah: int, mulai: int) -> int:
    """`jumlah` more people under the Kabid, a third each: a direct bawahan, a bawahan of a
    vacant position in between (both wait for the Kabid), and a bawahan of a vacant position
    whose Plt is a direct bawahan (waits for the Plt). Returns how many wait for the Kabid."""
    kabid = pemeran.atasan_atasan.jabatan
    menunggu = 0
    for i in range(mulai, mulai + jumlah):
        if i % 3 == 0:
            ajukan(pegawai_di_bawah(kabid, f"Langsung {i:02d}"))
            menunggu += 1
        elif i % 3 == 1:
            ajukan(pegawai_di_bawah(jabatan_di_bawah(kabid), f"Lewat lowong {i:02d}"))
            menunggu += 1
        else:
            lowong = jabatan_di_bawah(kabid)
            plt(lowong, pegawai_di_bawah(kabid, f"Plt {i:02d}"))
            ajukan(pegawai_di_bawah(lowong, f"Di bawah Plt {i:02d}"))
    return menunggu


@pytest.mark.parametrize("halaman", ["skp:kotak_masuk", "skp:bawahan", "beranda"])
def test_halaman_atasan_jumlah_kueri_tetap_3_dan_30_bawahan(
    client, pemeran, django_assert_max_num_queries, halaman
):
    client.force_login(pemeran.atasan_atasan.user)
    url = reverse(halaman)
    menunggu = tambah_tim(pemeran, 3, 0)
    client.get(url)  # warm the session
    with django_assert_max_num_queries(25) as sedikit:
        r = client.get(url)
    assert f'{menunggu}<span class="visually-hidden"> SKP menunggu' in r.content.decode()
    menunggu += tambah_tim(pemeran, 27, 3)
    with django_assert_max_num_queries(len(sedikit.captured_queries)):
        r = client.get(url)
    assert menunggu == 20
    assert f'{menunggu}<span class="visually-hidden"> SKP menunggu' in r.content.decode()
    if halaman == "skp:kotak_masuk":
        assert len(menunggu_di(r.content.decode())) == menunggu


def test_kotak_masuk_dihitung_sekali_per_permintaan(
    client, pemeran, django_assert_max_num_queries, jawaban_selalu_dihitung
):
    tambah_tim(pemeran, 6, 0)
    client.force_login(pemeran.atasan_atasan.user)
    client.get(reverse("skp:kotak_masuk"))
    with django_assert_max_num_queries(25) as kueri:
        r = client.get(reverse("skp:kotak_masuk"))
    assert len(menunggu_di(r.content.decode())) == 4
    # The list and the navbar badge come from one routing: one lookup of the positions below.
    cari_bawahan = [q for q in kueri.captured_queries if " UNION " in q["sql"]]
    assert len(cari_bawahan) == 1
