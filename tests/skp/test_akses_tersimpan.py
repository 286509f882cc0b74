"""Who may see whose SKP is worked out from the organisation (positions, holders, Plt/Plh),
and those lookups are kept between requests until the organisation changes (core/versi.py,
organisasi/selectors.py, skp/access.py). The next request after a change must follow it: a Plt
appointed or ended, a mutasi, a holder made inactive. Each step is a fresh GET, as a person
would see it."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from organisasi.models import PenugasanSementara
from tests.factories import JabatanFactory, PegawaiFactory

pytestmark = pytest.mark.django_db


def buka(client, pegawai, skp) -> int:
    client.force_login(pegawai.user)
    return client.get(reverse("skp:detail", args=[skp.pk])).status_code


def di_skp_bawahan(client, pegawai, skp) -> bool:
    client.force_login(pegawai.user)
    r = client.get(reverse("skp:bawahan"))
    if r.status_code == 403:  # nobody left under them: the page is not theirs
        return False
    assert r.status_code == 200
    return reverse("skp:detail", args=[skp.pk]) in r.content.decode()


def test_plt_diangkat_lalu_berakhir(client, pemeran, skp_pegawai):
    plt = PegawaiFactory(jabatan=JabatanFactory(unit_kerja=pemeran.atasan.jabatan.unit_kerja))
    assert buka(client, plt, skp_pegawai) == 404  # kept: plt sees nothing of it
    hari_ini = timezone.localdate()
    penugasan = PenugasanSementara.objects.create(
        jabatan=pemeran.atasan.jabatan, pegawai=plt, mulai=hari_ini - timedelta(days=1),
        selesai=hari_ini + timedelta(days=30),
    )  # fmt: skip
    assert buka(client, plt, skp_pegawai) == 200
    assert di_skp_bawahan(client, plt, skp_pegawai)
    penugasan.delete()
    assert buka(client, plt, skp_pegawai) == 404
    assert not di_skp_bawahan(client, plt, skp_pegawai)


def test_mutasi_pegawai_ke_atasan_lain(client, pemeran, skp_pegawai):
    assert buka(client, pemeran.atasan, skp_pegawai) == 200
    assert buka(client, pemeran.rekan_atasan, skp_pegawai) == 404
    assert di_skp_bawahan(client, pemeran.atasan, skp_pegawai)
    pemeran.pegawai.jabatan = JabatanFactory(
        unit_kerja=pemeran.rekan_atasan.jabatan.unit_kerja, atasan=pemeran.rekan_atasan.jabatan
    )
    pemeran.pegawai.save()
    # The draft follows its pegawai: the new atasan sees it, the former one no longer does.
    assert buka(client, pemeran.rekan_atasan, skp_pegawai) == 200
    assert buka(client, pemeran.atasan, skp_pegawai) == 404
    assert not di_skp_bawahan(client, pemeran.atasan, skp_pegawai)


def test_atasan_dinonaktifkan_atasannya_yang_naik(client, pemeran, skp_pegawai):
    """The atasan leaves (inactive): the position is vacant, so the pegawai's chain now reaches
    the Kepala Dinas (first and second filled positions above are the Kabid and the Kepala)."""
    assert buka(client, pemeran.kepala, skp_pegawai) == 404
    pemeran.atasan.aktif = False
    pemeran.atasan.save()
    assert buka(client, pemeran.kepala, skp_pegawai) == 200
