"""Who the signed-in person is (their pegawai record) and which instansi they administer are
asked by every page's navbar, and kept between requests until the organisation changes
(organisasi/selectors.py, core/versi.py). The next request after a change shows it."""

import pytest
from django.urls import reverse

from organisasi.models import AdminInstansi
from organisasi.services import jadikan_admin_instansi

pytestmark = pytest.mark.django_db


def peran(client, user):
    client.force_login(user)
    r = client.get(reverse("beranda"))
    assert r.status_code == 200
    return r.context["peran"], r.content.decode()


def test_diangkat_lalu_dicabut_sebagai_admin(client, pemeran):
    user = pemeran.pegawai.user
    assert peran(client, user)[0].admin_instansi == ()  # kept: not an admin
    jadikan_admin_instansi(user=user, instansi=pemeran.instansi)
    assert peran(client, user)[0].admin_instansi == (pemeran.instansi,)
    AdminInstansi.objects.filter(user=user).delete()
    assert peran(client, user)[0].admin_instansi == ()


def test_nama_pegawai_diubah_terlihat_di_permintaan_berikutnya(client, pemeran):
    user = pemeran.pegawai.user
    assert "Rudi Pelaksana" in peran(client, user)[1]
    pemeran.pegawai.nama = "Rudi Hartono"
    pemeran.pegawai.save()
    data, html = peran(client, user)
    assert data.pegawai.nama == "Rudi Hartono"
    assert "Rudi Hartono" in html and "Rudi Pelaksana" not in html


def test_tiap_login_pegawainya_sendiri(client, pemeran):
    for orang in (pemeran.pegawai, pemeran.atasan, pemeran.admin, pemeran.pegawai_lain):
        assert peran(client, orang.user)[0].pegawai == orang
    assert peran(client, pemeran.admin.user)[0].admin_instansi == (pemeran.instansi,)
    assert peran(client, pemeran.admin_lain.user)[0].admin_instansi == (pemeran.instansi_lain,)


def test_login_tanpa_pegawai(client, superuser):
    data, _ = peran(client, superuser)
    assert data.pegawai is None and data.superuser
