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


def test_filter_instansi_di_admin_tidak_menyebut_instansi_lain(client, pemeran):
    client.force_login(pemeran.admin.user)
    for model in ("pegawai", "unitkerja", "jabatan"):
        isi = client.get(reverse(f"admin:organisasi_{model}_changelist")).content.decode()
        assert pemeran.instansi_lain.nama not in isi, model


def test_menonaktifkan_pegawai_di_admin_menutup_loginnya(client, pemeran):
    from tests.conftest import KATA_SANDI

    rudi = pemeran.pegawai
    client.force_login(pemeran.admin.user)
    url = reverse("admin:organisasi_pegawai_change", args=[rudi.pk])
    formulir = client.get(url).context["adminform"].form
    data = {k: v for k, v in formulir.initial.items() if v is not None}
    data.update(aktif="", email="rudi.pindah@contoh.go.id", jabatan=rudi.jabatan_id)

    respons = client.post(url, data)

    assert respons.status_code == 302, respons.context["adminform"].form.errors
    rudi.user.refresh_from_db()
    assert (rudi.user.is_active, rudi.user.email) == (False, "rudi.pindah@contoh.go.id")
    client.logout()
    masuk = client.post(reverse("login"), {"username": rudi.nip, "password": KATA_SANDI})
    assert masuk.status_code == 200 and "_auth_user_id" not in client.session


def test_pegawai_baru_di_admin_mendapat_login_tanpa_kata_sandi(client, pemeran):
    from organisasi.models import Pegawai

    client.force_login(pemeran.admin.user)
    respons = client.post(
        reverse("admin:organisasi_pegawai_add"),
        {
            "instansi": pemeran.instansi.pk,
            "nip": "199501012020121001",
            "nama": "Pegawai Baru",
            "golongan": "III/a",
            "email": "baru@contoh.go.id",
            "aktif": "on",
        },
    )

    assert respons.status_code == 302
    baru = Pegawai.objects.get(nip="199501012020121001")
    assert baru.user.username == baru.nip and baru.user.email == "baru@contoh.go.id"
    assert not baru.user.has_usable_password()
