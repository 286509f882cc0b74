"""The Django admin is scoped: an admin instansi sees and edits only its own instansi's data."""

from django.urls import reverse


def test_admin_instansi_hanya_melihat_pegawainya(client, pemeran):
    client.force_login(pemeran.admin.user)
    halaman = client.get(reverse("admin:organisasi_pegawai_changelist"))
    assert halaman.status_code == 200
    isi = halaman.content.decode()
    assert pemeran.pegawai.nip in isi
    assert pemeran.pegawai_lain.nip not in isi


def test_admin_instansi_tidak_bisa_membuka_pegawai_instansi_lain(client, pemeran):
    client.force_login(pemeran.admin.user)
    url = reverse("admin:organisasi_pegawai_change", args=[pemeran.pegawai_lain.pk])
    respons = client.get(url)
    # Django admin answers a row outside the queryset by redirecting to the index with a notice.
    assert respons.status_code == 302
    assert (
        client.get(
            reverse("admin:organisasi_pegawai_change", args=[pemeran.pegawai.pk])
        ).status_code
        == 200
    )


def test_pegawai_biasa_tidak_masuk_admin(client, pemeran):
    client.force_login(pemeran.pegawai.user)
    respons = client.get(reverse("admin:index"))
    assert respons.status_code == 302


def test_pilihan_instansi_di_form_admin_terbatas(client, pemeran):
    client.force_login(pemeran.admin.user)
    isi = client.get(reverse("admin:organisasi_unitkerja_add")).content.decode()
    assert pemeran.instansi.nama in isi
    assert pemeran.instansi_lain.nama not in isi


def test_superuser_melihat_semua(client, pemeran, superuser):
    client.force_login(superuser)
    isi = client.get(reverse("admin:organisasi_pegawai_changelist")).content.decode()
    assert pemeran.pegawai_lain.nip in isi and pemeran.pegawai.nip in isi
