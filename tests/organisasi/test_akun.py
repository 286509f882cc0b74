"""No instansi's data takes over a login it does not own: the rule (`organisasi.akun`), the two
takeovers the security review reproduced (each through the Django admin and the import, followed
by "Lupa kata sandi" to the end), and the record and notice of every change of a login's email."""

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from core.models import StatusSurel, Surel
from organisasi.akun import PESAN_AKUN_LAIN, Kendali, kendali_akun, muat_akun
from organisasi.models import (
    AdminInstansi,
    ImporPegawai,
    Pegawai,
    RiwayatEmailAkun,
    SaluranUbahAkun,
    StatusImpor,
    UnitKerja,
)
from organisasi.services import jadikan_admin_instansi
from tests.factories import JabatanFactory, PegawaiFactory, UserFactory
from tests.organisasi.test_views import masuk, unggah

# Mails go through the job queue (core/surel.py); here it runs at once.
pytestmark = pytest.mark.usefixtures("pekerja_langsung")

User = get_user_model()

PENYERANG = "penyerang@contoh.go.id"
NIP_SUPER = "198501012010011001"
NIP_ADMIN_B = "198602022011012002"


# ---------------------------------------------------------------- helpers


def pegawai_baru_di(pemeran, user, nip: str) -> Pegawai:
    """A pegawai of the cast's instansi (under Rina Kasi) whose login is `user`."""
    jabatan = JabatanFactory(
        unit_kerja=pemeran.pegawai.jabatan.unit_kerja,
        atasan=pemeran.atasan.jabatan,
        nama="Analis Data",
    )
    return PegawaiFactory(nip=nip, user=user, jabatan=jabatan, nama="Sari Super")


def baris_pegawai(pemeran, pegawai: Pegawai, email: str) -> dict[str, str]:
    """The pegawai as one row of the upload, with `email`."""
    unit = pegawai.jabatan.unit_kerja
    return {
        "nip": pegawai.nip,
        "nama": pegawai.nama,
        "pangkat_golongan": pegawai.golongan,
        "jenis_jabatan": pegawai.jabatan.jenis,
        "jabatan": pegawai.jabatan.nama,
        "kode_unit": unit.kode,
        "nama_unit": unit.nama,
        "kode_unit_induk": unit.induk.kode if unit.induk else "",
        "nip_atasan": pemeran.atasan.nip,
        "email": email,
    }


def ubah_di_admin(client, pegawai: Pegawai, **ubah):
    url = reverse("admin:organisasi_pegawai_change", args=[pegawai.pk])
    formulir = client.get(url).context["adminform"].form
    data = {k: v for k, v in formulir.initial.items() if v is not None}
    data.update(ubah)
    return client.post(url, data, follow=True)


def konfirmasi_impor(client) -> ImporPegawai:
    data = ImporPegawai.objects.order_by("-pk").first()
    client.post(reverse("organisasi:impor_terapkan", args=[data.pk]))
    data.refresh_from_db()
    return data


def minta_reset(client, *isian: str) -> None:
    """ "Lupa kata sandi" as the attacker does it, by NIP and by the planted address."""
    client.logout()
    for nilai in isian:
        respons = client.post(reverse("password_reset"), {"email": nilai})
        assert respons.status_code == 302


def tak_ada_surat_untuk(alamat: str) -> bool:
    return all(alamat not in m.to and alamat not in m.body for m in mail.outbox)


# ---------------------------------------------------------------- the rule


@pytest.fixture
def superuser_pegawai(pemeran):
    """The review's first case: a superuser (username = NIP) linked to a pegawai of instansi A."""
    su = UserFactory(
        username=NIP_SUPER, email="super@contoh.go.id", is_staff=True, is_superuser=True
    )
    return pegawai_baru_di(pemeran, su, NIP_SUPER)


@pytest.fixture
def admin_b_tanpa_pegawai(pemeran):
    """The review's second case: the admin of instansi B signs in with a NIP, no pegawai row."""
    user = UserFactory(username=NIP_ADMIN_B, email="admin.b@kotalain.go.id")
    jadikan_admin_instansi(user=user, instansi=pemeran.instansi_lain)
    return user


def test_aturan_kendali_akun(pemeran, superuser_pegawai, admin_b_tanpa_pegawai):
    a = pemeran.instansi.pk

    def kendali(user, pegawai):
        akun = muat_akun(User.objects.filter(pk=user.pk))[0] if user else None
        return kendali_akun(akun, pegawai_id=pegawai.pk if pegawai else None, instansi_id=a)

    rudi = pemeran.pegawai
    assert kendali(None, None) is Kendali.KELOLA  # a new login for a new pegawai
    assert kendali(rudi.user, rudi) is Kendali.KELOLA
    # The pegawai's own login, but with rights of its own: left alone.
    assert kendali(superuser_pegawai.user, superuser_pegawai) is Kendali.LINDUNGI
    assert kendali(pemeran.admin.user, pemeran.admin) is Kendali.LINDUNGI  # admin instansi
    staf = pemeran.atasan.user
    staf.is_staff = True
    staf.save()
    assert kendali(staf, pemeran.atasan) is Kendali.LINDUNGI
    # Admin of some instansi without staff status (made by hand): still protected.
    AdminInstansi.objects.create(user=pemeran.kepala.user, instansi=pemeran.instansi_lain)
    assert kendali(pemeran.kepala.user, pemeran.kepala) is Kendali.LINDUNGI
    # Someone else's login: never taken.
    assert kendali(admin_b_tanpa_pegawai, None) is Kendali.TOLAK  # no pegawai row
    assert kendali(UserFactory(username="199001012015011001"), None) is Kendali.TOLAK
    assert kendali(rudi.user, None) is Kendali.TOLAK  # a new pegawai taking Rudi's login
    assert kendali(rudi.user, pemeran.orang_luar) is Kendali.TOLAK  # another pegawai's
    assert kendali(pemeran.pegawai_lain.user, pemeran.pegawai_lain) is Kendali.TOLAK  # instansi B


# ---------------------------------------------------------------- takeover 1: a superuser


def test_admin_instansi_tidak_bisa_mengubah_email_login_superuser_lewat_admin(
    client, pemeran, superuser_pegawai
):
    masuk(client, pemeran.admin)

    respons = ubah_di_admin(client, superuser_pegawai, email=PENYERANG)

    su = User.objects.get(pk=superuser_pegawai.user_id)
    assert (su.username, su.email, su.is_superuser) == (NIP_SUPER, "super@contoh.go.id", True)
    assert not RiwayatEmailAkun.objects.exists()
    # The pegawai row is saved; the admin is told its login was left alone.
    assert respons.status_code == 200
    assert "email dan status aktif loginnya tidak diubah" in respons.content.decode()

    minta_reset(client, NIP_SUPER, PENYERANG)

    # The only reset mail goes to the superuser's own address; the attacker receives nothing.
    assert [m.to for m in mail.outbox] == [["super@contoh.go.id"]]
    assert tak_ada_surat_untuk(PENYERANG)


def test_menonaktifkan_pegawai_tidak_menutup_login_superuser(client, pemeran, superuser_pegawai):
    masuk(client, pemeran.admin)
    ubah_di_admin(client, superuser_pegawai, aktif="")
    assert User.objects.get(pk=superuser_pegawai.user_id).is_active


def test_login_superuser_bernama_lain_tidak_diganti_nip(client, pemeran):
    """With a username that is not the NIP, the old code renamed the superuser to the NIP, so
    "Lupa kata sandi" for that NIP reached it."""
    su = UserFactory(username="root", email="root@contoh.go.id", is_staff=True, is_superuser=True)
    p = pegawai_baru_di(pemeran, su, NIP_SUPER)
    masuk(client, pemeran.admin)

    ubah_di_admin(client, p, email=PENYERANG)

    su.refresh_from_db()
    assert (su.username, su.email) == ("root", "root@contoh.go.id")
    minta_reset(client, NIP_SUPER, PENYERANG)
    assert mail.outbox == []


def test_impor_tidak_mengubah_email_login_superuser(client, pemeran, superuser_pegawai):
    masuk(client, pemeran.admin)

    unggah(client, pemeran, [baris_pegawai(pemeran, superuser_pegawai, PENYERANG)])
    data = konfirmasi_impor(client)

    assert data.status == StatusImpor.DITERAPKAN
    superuser_pegawai.refresh_from_db()
    assert superuser_pegawai.email == PENYERANG  # the pegawai's own data is the instansi's
    su = User.objects.get(pk=superuser_pegawai.user_id)
    assert (su.email, su.is_superuser) == ("super@contoh.go.id", True)
    assert not RiwayatEmailAkun.objects.exists()

    minta_reset(client, NIP_SUPER, PENYERANG)

    assert [m.to for m in mail.outbox] == [["super@contoh.go.id"]]
    assert tak_ada_surat_untuk(PENYERANG)


def test_impor_tidak_mengaktifkan_kembali_login_admin_instansi(client, pemeran):
    teguh = pemeran.admin
    teguh.user.is_active = False  # closed by the superuser
    teguh.user.save()
    masuk(client, pemeran.kepala)  # any admin of the instansi; here a second one
    jadikan_admin_instansi(user=pemeran.kepala.user, instansi=pemeran.instansi)
    baris = baris_pegawai(pemeran, teguh, "teguh@contoh.go.id")
    baris["nip_atasan"] = pemeran.kepala.nip

    unggah(client, pemeran, [baris])
    assert konfirmasi_impor(client).status == StatusImpor.DITERAPKAN

    teguh.user.refresh_from_db()
    assert (teguh.user.is_active, teguh.user.email) == (False, "")


# ---------------------------------------------------------------- takeover 2: a login with no pegawai


@pytest.mark.parametrize("siapa", ["admin_b", "login_biasa"])
def test_login_tanpa_pegawai_tidak_diambil_alih_oleh_impor(
    client, pemeran, admin_b_tanpa_pegawai, siapa
):
    target = admin_b_tanpa_pegawai
    if siapa == "login_biasa":
        AdminInstansi.objects.filter(user=target).delete()
        target.is_staff = False
        target.save()
    masuk(client, pemeran.admin)
    unit_sebelum = UnitKerja.objects.count()
    baris = {
        "nip": NIP_ADMIN_B,
        "nama": "Admin Palsu",
        "pangkat_golongan": "III/a",
        "jenis_jabatan": "Pelaksana",
        "jabatan": "Pengadministrasi",
        "kode_unit": "1.99",
        "nama_unit": "Unit Baru",
        "kode_unit_induk": "",
        "nip_atasan": "",
        "email": PENYERANG,
    }

    respons = unggah(client, pemeran, [baris])

    data = ImporPegawai.objects.get()
    assert data.status == StatusImpor.DITOLAK
    assert data.ringkasan["masalah"] == [f"baris 2, kolom nip: {PESAN_AKUN_LAIN}"]
    halaman = client.get(respons.url).content.decode()
    assert "NIP ini sudah dipakai akun lain di aplikasi. Hubungi admin aplikasi." in halaman
    assert pemeran.instansi_lain.nama not in halaman
    assert "Konfirmasi dan terapkan" not in halaman
    # Confirming anyway writes nothing.
    client.post(reverse("organisasi:impor_terapkan", args=[data.pk]))
    assert not Pegawai.objects.filter(nip=NIP_ADMIN_B).exists()
    assert UnitKerja.objects.count() == unit_sebelum
    target.refresh_from_db()
    assert target.email == "admin.b@kotalain.go.id"

    minta_reset(client, NIP_ADMIN_B, PENYERANG)

    assert [m.to for m in mail.outbox] == [["admin.b@kotalain.go.id"]]
    assert tak_ada_surat_untuk(PENYERANG)


def test_perintah_impor_juga_menolak_login_tanpa_pegawai(pemeran, admin_b_tanpa_pegawai):
    import io

    from organisasi import impor
    from tests.organisasi.berkas import csv_bytes

    baris = {
        "nip": NIP_ADMIN_B, "nama": "Admin Palsu", "pangkat_golongan": "III/a",
        "jenis_jabatan": "Pelaksana", "jabatan": "Pengadministrasi", "kode_unit": "1.99",
        "nama_unit": "Unit Baru", "email": PENYERANG,
    }  # fmt: skip
    rencana = impor.impor_pegawai(
        instansi=pemeran.instansi,
        berkas=io.BytesIO(csv_bytes([baris])),
        nama_berkas="a.csv",
        maks_bytes=10**6,
    )
    assert [str(m) for m in rencana.masalah] == [f"baris 2, kolom nip: {PESAN_AKUN_LAIN}"]
    assert not Pegawai.objects.filter(nip=NIP_ADMIN_B).exists()


def test_admin_tidak_bisa_menambah_pegawai_dengan_nip_login_yang_sudah_ada(
    client, pemeran, admin_b_tanpa_pegawai
):
    masuk(client, pemeran.admin)

    respons = client.post(
        reverse("admin:organisasi_pegawai_add"),
        {
            "instansi": pemeran.instansi.pk,
            "nip": NIP_ADMIN_B,
            "nama": "Admin Palsu",
            "golongan": "III/a",
            "email": PENYERANG,
            "aktif": "on",
        },
    )

    assert respons.status_code == 200
    assert respons.context["adminform"].form.errors["nip"] == [PESAN_AKUN_LAIN]
    assert pemeran.instansi_lain.nama not in str(respons.context["adminform"].form.errors)
    assert not Pegawai.objects.filter(nip=NIP_ADMIN_B).exists()
    admin_b_tanpa_pegawai.refresh_from_db()
    assert admin_b_tanpa_pegawai.email == "admin.b@kotalain.go.id"
    minta_reset(client, NIP_ADMIN_B, PENYERANG)
    assert tak_ada_surat_untuk(PENYERANG)


def test_admin_tidak_bisa_mengganti_nip_ke_nama_login_lain(client, pemeran, admin_b_tanpa_pegawai):
    rudi = pemeran.pegawai
    nip_lama = rudi.nip
    masuk(client, pemeran.admin)

    respons = ubah_di_admin(client, rudi, nip=NIP_ADMIN_B)

    assert respons.context["adminform"].form.errors["nip"] == [PESAN_AKUN_LAIN]
    rudi.refresh_from_db()
    assert (rudi.nip, rudi.user.username) == (nip_lama, nip_lama)


# ---------------------------------------------------------------- every email change recorded


@pytest.fixture
def rudi_beremail(pemeran):
    user = pemeran.pegawai.user
    user.email = "rudi.lama@contoh.go.id"
    user.save()
    return pemeran.pegawai


def test_ganti_email_lewat_admin_tercatat_dan_alamat_lama_dikabari_setelah_commit(
    client, pemeran, rudi_beremail, django_capture_on_commit_callbacks
):
    masuk(client, pemeran.admin)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        ubah_di_admin(client, rudi_beremail, email="rudi.baru@contoh.go.id")

    r = RiwayatEmailAkun.objects.get()
    assert (r.user, r.username, r.email_lama, r.email_baru, r.oleh, r.melalui) == (
        rudi_beremail.user,
        rudi_beremail.nip,
        "rudi.lama@contoh.go.id",
        "rudi.baru@contoh.go.id",
        pemeran.admin.user,
        SaluranUbahAkun.ADMIN,
    )
    assert r.dibuat is not None
    assert mail.outbox == []  # nothing before the commit
    for cb in callbacks:
        cb()
    assert [m.to for m in mail.outbox] == [["rudi.lama@contoh.go.id"]]
    assert "diubah dari rudi.lama@contoh.go.id menjadi rudi.baru@contoh.go.id" in (
        mail.outbox[0].body
    )


def test_ganti_email_lewat_impor_tercatat_dan_alamat_lama_dikabari(
    client, pemeran, rudi_beremail, django_capture_on_commit_callbacks
):
    masuk(client, pemeran.admin)
    unggah(client, pemeran, [baris_pegawai(pemeran, rudi_beremail, "rudi.baru@contoh.go.id")])
    with django_capture_on_commit_callbacks(execute=True):
        assert konfirmasi_impor(client).status == StatusImpor.DITERAPKAN

    r = RiwayatEmailAkun.objects.get()
    assert (r.user, r.email_lama, r.email_baru, r.oleh, r.melalui) == (
        rudi_beremail.user,
        "rudi.lama@contoh.go.id",
        "rudi.baru@contoh.go.id",
        pemeran.admin.user,
        SaluranUbahAkun.IMPOR,
    )
    assert [m.to for m in mail.outbox] == [["rudi.lama@contoh.go.id"]]
    assert "melalui impor pegawai" in mail.outbox[0].body


def test_email_pertama_tercatat_tanpa_surat(client, pemeran, django_capture_on_commit_callbacks):
    masuk(client, pemeran.admin)
    with django_capture_on_commit_callbacks(execute=True):
        ubah_di_admin(client, pemeran.pegawai, email="rudi@contoh.go.id")
    r = RiwayatEmailAkun.objects.get()
    assert (r.email_lama, r.email_baru) == ("", "rudi@contoh.go.id")
    assert mail.outbox == []  # there is no old address to tell


def test_surat_gagal_tidak_membatalkan_perubahan(
    client, pemeran, rudi_beremail, django_capture_on_commit_callbacks, monkeypatch, caplog
):
    def gagal(self, *args, **kwargs):
        raise ConnectionRefusedError("server email mati")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", gagal)
    masuk(client, pemeran.admin)
    with django_capture_on_commit_callbacks(execute=True):
        respons = ubah_di_admin(client, rudi_beremail, email="rudi.baru@contoh.go.id")

    assert respons.status_code == 200
    rudi_beremail.user.refresh_from_db()
    assert rudi_beremail.user.email == "rudi.baru@contoh.go.id"
    assert RiwayatEmailAkun.objects.count() == 1
    # Queued, tried (here at once, up to the limit) and recorded as failed: never an error page.
    surel = Surel.objects.get(kepada="rudi.lama@contoh.go.id")
    assert surel.status == StatusSurel.GAGAL and "server email mati" in surel.galat
    assert f"Email {surel.pk} ke rudi.lama@contoh.go.id gagal" in caplog.text


def test_ganti_email_di_admin_pengguna_juga_tercatat(
    client, pemeran, superuser, rudi_beremail, django_capture_on_commit_callbacks
):
    client.force_login(superuser)
    user = rudi_beremail.user
    url = reverse("admin:auth_user_change", args=[user.pk])
    formulir = client.get(url).context["adminform"].form
    data = {}
    for nama in formulir.fields:
        nilai = formulir[nama].value()
        if nilai is None or nama == "password":
            continue
        if isinstance(nilai, list):
            data[nama] = nilai
        elif nama in ("date_joined", "last_login"):
            data[f"{nama}_0"], data[f"{nama}_1"] = str(nilai.date()), nilai.strftime("%H:%M:%S")
        else:
            data[nama] = nilai
    data["email"] = "rudi.baru@contoh.go.id"

    with django_capture_on_commit_callbacks(execute=True):
        respons = client.post(url, data)

    assert respons.status_code == 302, respons.context["adminform"].form.errors
    r = RiwayatEmailAkun.objects.get()
    assert (r.email_lama, r.email_baru, r.oleh, r.melalui) == (
        "rudi.lama@contoh.go.id",
        "rudi.baru@contoh.go.id",
        superuser,
        SaluranUbahAkun.ADMIN,
    )
    assert [m.to for m in mail.outbox] == [["rudi.lama@contoh.go.id"]]


def test_reset_ke_alamat_baru_yang_sah_tetap_berjalan(client, pemeran, rudi_beremail):
    """The rule does not get in the way of the normal case: Rudi's admin sets his new address,
    and Rudi sets his password through the link sent there."""
    masuk(client, pemeran.admin)
    ubah_di_admin(client, rudi_beremail, email="rudi.baru@contoh.go.id")
    minta_reset(client, rudi_beremail.nip)
    assert [m.to for m in mail.outbox] == [["rudi.baru@contoh.go.id"]]
    tautan = next(b for b in mail.outbox[0].body.splitlines() if "/kata-sandi/reset/" in b)
    halaman = client.get(tautan.strip().split("testserver", 1)[1], follow=True)
    client.post(
        halaman.redirect_chain[-1][0],
        {"new_password1": "SandiBaru-2026!", "new_password2": "SandiBaru-2026!"},
    )
    masuk_lagi = client.post(
        reverse("login"), {"username": rudi_beremail.nip, "password": "SandiBaru-2026!"}
    )
    assert masuk_lagi.status_code == 302
