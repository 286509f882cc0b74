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


# ---------------------------------------------------------------- deleting a pegawai closes its login


def _bisa_masuk(client, pegawai) -> bool:
    from tests.conftest import KATA_SANDI

    client.logout()
    client.post(reverse("login"), {"username": pegawai.nip, "password": KATA_SANDI})
    return "_auth_user_id" in client.session


def test_hapus_pegawai_di_admin_menonaktifkan_loginnya(client, pemeran):
    rudi = pemeran.pegawai
    assert _bisa_masuk(client, rudi)
    client.force_login(pemeran.admin.user)

    respons = client.post(
        reverse("admin:organisasi_pegawai_delete", args=[rudi.pk]), {"post": "yes"}
    )

    assert respons.status_code == 302
    rudi.user.refresh_from_db()
    assert not rudi.user.is_active
    assert not _bisa_masuk(client, rudi)


def test_hapus_massal_pegawai_di_admin_menonaktifkan_login_mereka(client, pemeran):
    from django.contrib.admin import helpers

    dihapus = [pemeran.pegawai, pemeran.orang_luar]
    client.force_login(pemeran.admin.user)

    respons = client.post(
        reverse("admin:organisasi_pegawai_changelist"),
        {
            "action": "delete_selected",
            helpers.ACTION_CHECKBOX_NAME: [p.pk for p in dihapus],
            "post": "yes",
        },
    )

    assert respons.status_code == 302
    for p in dihapus:
        p.user.refresh_from_db()
        assert not p.user.is_active, p
    pemeran.atasan.user.refresh_from_db()
    assert pemeran.atasan.user.is_active


def test_hapus_pegawai_lewat_queryset_menonaktifkan_loginnya(pemeran):
    from organisasi.models import Pegawai

    Pegawai.objects.filter(pk=pemeran.pegawai.pk).delete()

    pemeran.pegawai.user.refresh_from_db()
    assert not pemeran.pegawai.user.is_active


def test_hapus_pegawai_tidak_menutup_login_yang_punya_hak_sendiri(client, pemeran, superuser):
    """The login of an admin instansi (or a superuser) is not the instansi's to close."""
    client.force_login(superuser)
    client.post(
        reverse("admin:organisasi_pegawai_delete", args=[pemeran.admin.pk]), {"post": "yes"}
    )
    pemeran.admin.user.refresh_from_db()
    assert pemeran.admin.user.is_active


# ---------------------------------------------------------------- history is append-only


def test_riwayat_impor_pegawai_tidak_bisa_dihapus_admin_instansi(client, pemeran, superuser):
    from django.contrib.admin import helpers

    from organisasi.models import ImporPegawai

    data = ImporPegawai.objects.create(instansi=pemeran.instansi, nama_berkas="a.csv", ringkasan={})
    client.force_login(pemeran.admin.user)
    url_hapus = reverse("admin:organisasi_imporpegawai_delete", args=[data.pk])

    assert client.get(url_hapus).status_code == 403
    assert client.post(url_hapus, {"post": "yes"}).status_code == 403
    daftar = client.get(reverse("admin:organisasi_imporpegawai_changelist"))
    assert "a.csv" in daftar.content.decode()
    assert "delete_selected" not in daftar.content.decode()
    client.post(
        reverse("admin:organisasi_imporpegawai_changelist"),
        {"action": "delete_selected", helpers.ACTION_CHECKBOX_NAME: [data.pk], "post": "yes"},
    )
    assert ImporPegawai.objects.filter(pk=data.pk).exists()
    # As with the Renstra uploads, only a superuser may clear a wrong record.
    client.force_login(superuser)
    assert client.get(url_hapus).status_code == 200


def test_riwayat_email_akun_hanya_bisa_dilihat(client, pemeran, superuser):
    from organisasi.models import RiwayatEmailAkun, SaluranUbahAkun

    r = RiwayatEmailAkun.objects.create(
        user=pemeran.pegawai.user,
        username=pemeran.pegawai.nip,
        email_lama="a@contoh.go.id",
        email_baru="b@contoh.go.id",
        melalui=SaluranUbahAkun.ADMIN,
    )
    RiwayatEmailAkun.objects.create(
        user=pemeran.pegawai_lain.user,
        username=pemeran.pegawai_lain.nip,
        email_baru="lain@kotalain.go.id",
        melalui=SaluranUbahAkun.IMPOR,
    )
    for user in (pemeran.admin.user, superuser):
        client.force_login(user)
        assert client.get(reverse("admin:organisasi_riwayatemailakun_add")).status_code == 403
        ubah = reverse("admin:organisasi_riwayatemailakun_change", args=[r.pk])
        assert client.get(ubah).status_code == 200  # view only
        assert client.post(ubah, {"email_baru": "c@contoh.go.id"}).status_code == 403
        hapus = reverse("admin:organisasi_riwayatemailakun_delete", args=[r.pk])
        assert client.post(hapus, {"post": "yes"}).status_code == 403
    r.refresh_from_db()
    assert r.email_baru == "b@contoh.go.id"
    # Scoped like the rest: an admin instansi sees only its own pegawai's logins.
    client.force_login(pemeran.admin.user)
    daftar = client.get(reverse("admin:organisasi_riwayatemailakun_changelist")).content.decode()
    assert "b@contoh.go.id" in daftar and "lain@kotalain.go.id" not in daftar
