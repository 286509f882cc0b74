"""Signing in without email: activation letters printed by the admin (a one-time code, stored
only as a hash), the public activation page (single use, expiry, newer letter wins, throttled
like sign-in), who may issue letters for whom, and the reset page telling nothing about a NIP."""

import io
import re
from datetime import timedelta

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.contrib.auth.hashers import make_password
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from organisasi import aktivasi
from organisasi.aktivasi import (
    ALFABET,
    PANJANG_KODE,
    PESAN_DILINDUNGI,
    PESAN_KODE_SALAH,
    buat_kode,
    hash_kode,
    kode_cocok,
)
from organisasi.models import Pegawai, SuratAktivasi
from organisasi.nip import format_nip
from organisasi.services import jadikan_admin_instansi
from tests.conftest import KATA_SANDI
from tests.factories import JabatanFactory, PegawaiFactory, UserFactory

URL_AKTIVASI = "/aktivasi/"
URL_DAFTAR = "/organisasi/aktivasi/"
URL_CETAK = "/organisasi/aktivasi/cetak/"
SANDI_BARU = "Kopi-Pagi-Sukamaju-7"
BULAN = "Januari Februari Maret April Mei Juni Juli Agustus September Oktober November Desember"
KODE_DI_PDF = re.compile(r"\b([2-9A-HJ-NP-Z]{5})-([2-9A-HJ-NP-Z]{5})\b")


def teks_pdf(data: bytes) -> list[str]:
    return [" ".join((p.extract_text() or "").split()) for p in PdfReader(io.BytesIO(data)).pages]


def tanggal_id(waktu) -> str:
    """ "19 Desember 2026" in the project's time zone, written out here independently."""
    lokal = timezone.localtime(waktu)
    return f"{lokal.day} {BULAN.split()[lokal.month - 1]} {lokal.year}"


def terbitkan(pemeran, *pegawai) -> dict[int, str]:
    """Letters issued by the admin: pegawai id -> code."""
    terbit = aktivasi.terbitkan_surat(oleh=pemeran.admin.user, pegawai_ids=[p.pk for p in pegawai])
    return {t.pegawai.pk: t.kode for t in terbit}


def aktifkan(client, nip, kode, sandi=SANDI_BARU, sandi2=None, **extra):
    return client.post(
        URL_AKTIVASI,
        {"nip": nip, "kode": kode, "kata_sandi1": sandi, "kata_sandi2": sandi2 or sandi},
        **extra,
    )


def masuk(client, orang):
    client.force_login(orang.user)
    return client


@pytest.fixture
def tanpa_sandi(pemeran):
    """Rudi as imported: a login without a usable password and without email."""
    user = pemeran.pegawai.user
    user.password = make_password(None)
    user.save(update_fields=["password"])
    return pemeran.pegawai


# --- the code ------------------------------------------------------------------------------------


def test_kode_panjang_tanpa_huruf_dan_angka_yang_mirip():
    assert not set("0O1I") & set(ALFABET) and len(set(ALFABET)) == 32
    kode = {buat_kode() for _ in range(500)}
    assert len(kode) == 500
    assert all(len(k) == PANJANG_KODE and set(k) <= set(ALFABET) for k in kode)


def test_kode_hanya_disimpan_sebagai_hash(pemeran, tanpa_sandi):
    kode = terbitkan(pemeran, tanpa_sandi)[tanpa_sandi.pk]
    surat = SuratAktivasi.objects.get()
    nilai = [str(v) for v in SuratAktivasi.objects.values().get().values()]
    assert not any(kode in v or kode[:5] in v for v in nilai)
    assert surat.kode_hash == hash_kode(tanpa_sandi.nip, kode) and len(surat.kode_hash) == 64
    # Typed as people type it: lower case, with the dash or a space.
    for ketik in (kode, kode.lower(), f"{kode[:5]}-{kode[5:]}", f" {kode[:5]} {kode[5:]} "):
        assert kode_cocok(surat, ketik)
    assert not kode_cocok(surat, kode[:-1] + ("2" if kode[-1] != "2" else "3"))
    # Bound to the NIP: the same code under another NIP is another hash.
    assert hash_kode(pemeran.atasan.nip, kode) != surat.kode_hash
    assert (surat.dibuat_oleh, surat.nip, surat.instansi) == (
        pemeran.admin.user,
        tanpa_sandi.nip,
        pemeran.instansi,
    )


def test_berlaku_sampai_akhir_hari_keempat_belas(pemeran, tanpa_sandi, settings):
    settings.AKTIVASI_BERLAKU_HARI = 14
    terbitkan(pemeran, tanpa_sandi)
    surat = SuratAktivasi.objects.get()
    akhir = timezone.localtime(surat.berlaku_sampai)
    assert akhir.date() == timezone.localtime(surat.dibuat).date() + timedelta(days=14)
    assert (akhir.hour, akhir.minute) == (23, 59)


# --- the letter -----------------------------------------------------------------------------------


def test_surat_pdf_memuat_nama_nip_kode_dan_tanggal_berlaku(client, pemeran, tanpa_sandi):
    masuk(client, pemeran.admin)
    respons = client.post(reverse("organisasi:aktivasi_pegawai", args=[tanpa_sandi.pk]))
    assert respons.status_code == 200 and respons["Content-Type"] == "application/pdf"
    assert (
        respons["Content-Disposition"]
        == f'attachment; filename="surat_aktivasi_{tanpa_sandi.nip}.pdf"'
    )
    assert respons["Cache-Control"] == "no-store"
    (halaman,) = teks_pdf(respons.content)
    surat = SuratAktivasi.objects.get()
    assert tanpa_sandi.nama_lengkap in halaman and pemeran.instansi.nama.upper() in halaman
    assert format_nip(tanpa_sandi.nip) in halaman and "Seksi Surveilans" in halaman
    assert f"Berlaku sampai {tanggal_id(surat.berlaku_sampai)} pukul 23.59 WIB" in halaman
    assert f"http://testserver{URL_AKTIVASI}" in halaman and "Aktifkan akun" in halaman
    (kode,) = {"".join(m) for m in KODE_DI_PDF.findall(halaman)}
    assert kode_cocok(surat, kode)


def test_cetak_satu_unit_dengan_sub_unitnya_satu_halaman_per_pegawai(client, pemeran):
    bidang = pemeran.atasan_atasan.jabatan.unit_kerja
    masuk(client, pemeran.admin)
    respons = client.post(URL_CETAK, {"unit": bidang.pk, "cakupan": "semua"})
    assert respons.status_code == 200, respons.content[:500]
    halaman = teks_pdf(respons.content)
    # The bidang's head, both seksi heads and their staff; not the kepala dinas, not the admin.
    di_bidang = [pemeran.atasan_atasan, pemeran.atasan, pemeran.pegawai, pemeran.rekan_atasan,
                 pemeran.orang_luar]  # fmt: skip
    assert len(halaman) == len(di_bidang) == SuratAktivasi.objects.count()
    for orang in di_bidang:
        (teks,) = [h for h in halaman if format_nip(orang.nip) in h]
        kode = "".join(KODE_DI_PDF.search(teks).groups())
        assert kode_cocok(SuratAktivasi.objects.get(pegawai=orang), kode)
    assert not SuratAktivasi.objects.filter(pegawai__in=[pemeran.kepala, pemeran.admin]).exists()


def test_cetak_tanpa_pilihan_ditolak_tanpa_perubahan(client, pemeran):
    masuk(client, pemeran.admin)
    respons = client.post(URL_CETAK, {"cakupan": "pilihan"}, follow=True)
    assert "Pilih sedikitnya satu pegawai" in respons.content.decode()
    assert not SuratAktivasi.objects.exists()


def test_cetak_terlalu_banyak_ditolak(client, pemeran, monkeypatch):
    monkeypatch.setattr("organisasi.views.MAKS_SURAT_SEKALI_CETAK", 2)
    masuk(client, pemeran.admin)
    respons = client.post(URL_CETAK, {"cakupan": "semua"}, follow=True)
    assert "Paling banyak 2 surat sekali cetak" in respons.content.decode()
    assert not SuratAktivasi.objects.exists()


# --- activating -----------------------------------------------------------------------------------


def test_aktivasi_lalu_masuk_dengan_kata_sandi_baru(client, pemeran, tanpa_sandi):
    kode = terbitkan(pemeran, tanpa_sandi)[tanpa_sandi.pk]
    assert client.get(URL_AKTIVASI).status_code == 200
    respons = aktifkan(client, format_nip(tanpa_sandi.nip), f"{kode[:5].lower()}-{kode[5:]}")
    assert respons.status_code == 302 and respons.url == reverse("beranda")
    assert int(client.session["_auth_user_id"]) == tanpa_sandi.user.pk
    assert "Akun Anda aktif" in client.get(respons.url).content.decode()
    surat = SuratAktivasi.objects.get()
    assert surat.dipakai is not None and surat.dipakai_dari == "127.0.0.1"

    client.logout()
    respons = client.post(reverse("login"), {"username": tanpa_sandi.nip, "password": SANDI_BARU})
    assert respons.status_code == 302 and respons.url == reverse("beranda")


def test_kode_salah_dan_nip_tak_dikenal_dijawab_sama(client, pemeran, tanpa_sandi):
    kode = terbitkan(pemeran, tanpa_sandi)[tanpa_sandi.pk]
    salah = ("2" if kode[0] != "2" else "3") + kode[1:]
    for nip, k in ((tanpa_sandi.nip, salah), ("199901012020011001", kode)):
        respons = aktifkan(client, nip, k)
        assert respons.status_code == 200
        assert PESAN_KODE_SALAH in respons.content.decode()
    tanpa_sandi.user.refresh_from_db()
    assert not tanpa_sandi.user.has_usable_password()
    assert SuratAktivasi.objects.get().dipakai is None and "_auth_user_id" not in client.session


def test_kode_kedaluwarsa_ditolak_dengan_pesan_jelas(client, pemeran, tanpa_sandi):
    kode = terbitkan(pemeran, tanpa_sandi)[tanpa_sandi.pk]
    lalu = timezone.now() - timedelta(minutes=1)
    SuratAktivasi.objects.update(berlaku_sampai=lalu)
    isi = aktifkan(client, tanpa_sandi.nip, kode).content.decode()
    assert "sudah kedaluwarsa" in isi and tanggal_id(lalu) in isi
    assert "Minta surat aktivasi baru" in isi
    tanpa_sandi.user.refresh_from_db()
    assert (
        not tanpa_sandi.user.has_usable_password() and SuratAktivasi.objects.get().dipakai is None
    )


def test_kode_hanya_sekali_pakai(client, pemeran, tanpa_sandi):
    kode = terbitkan(pemeran, tanpa_sandi)[tanpa_sandi.pk]
    assert aktifkan(client, tanpa_sandi.nip, kode).status_code == 302
    client.logout()
    isi = aktifkan(client, tanpa_sandi.nip, kode, sandi="Sandi-Lain-Sekali-9").content.decode()
    assert "sudah dipakai pada" in isi
    tanpa_sandi.user.refresh_from_db()
    assert tanpa_sandi.user.check_password(SANDI_BARU)
    assert "_auth_user_id" not in client.session


def test_surat_baru_membatalkan_kode_lama(client, pemeran, tanpa_sandi):
    lama = terbitkan(pemeran, tanpa_sandi)[tanpa_sandi.pk]
    baru = terbitkan(pemeran, tanpa_sandi)[tanpa_sandi.pk]
    assert SuratAktivasi.objects.filter(diganti__isnull=False).count() == 1
    isi = aktifkan(client, tanpa_sandi.nip, lama).content.decode()
    assert "surat aktivasi yang lebih baru" in isi
    assert aktifkan(client, tanpa_sandi.nip, baru).status_code == 302


def test_kata_sandi_lama_berlaku_sampai_kode_dipakai(client, pemeran, rf):
    pegawai = pemeran.pegawai  # has a password already (KATA_SANDI)
    kode = terbitkan(pemeran, pegawai)[pegawai.pk]

    def bisa_masuk(sandi):
        return authenticate(rf.post("/masuk/"), username=pegawai.nip, password=sandi) is not None

    assert bisa_masuk(KATA_SANDI)
    assert aktifkan(client, pegawai.nip, kode).status_code == 302
    assert not bisa_masuk(KATA_SANDI) and bisa_masuk(SANDI_BARU)


@pytest.mark.parametrize(
    ("sandi", "sandi2", "pesan"),
    [
        ("12345678", None, "seluruhnya terdiri dari angka"),
        ("pendek", None, "terlalu pendek"),
        ("Sandi-Yang-Panjang-1", "Sandi-Lain-Panjang-2", "Kedua kata sandi tidak sama"),
    ],
)
def test_kata_sandi_lemah_ditolak_kode_tetap_berlaku(
    client, pemeran, tanpa_sandi, sandi, sandi2, pesan
):
    kode = terbitkan(pemeran, tanpa_sandi)[tanpa_sandi.pk]
    respons = aktifkan(client, tanpa_sandi.nip, kode, sandi=sandi, sandi2=sandi2)
    assert respons.status_code == 200 and pesan in respons.content.decode()
    assert SuratAktivasi.objects.get().dipakai is None
    assert aktifkan(client, tanpa_sandi.nip, kode).status_code == 302


def test_kata_sandi_mirip_akun_ditolak_setelah_kode_cocok(pemeran, tanpa_sandi):
    # The service checks the validators against the account itself (its email too).
    user = tanpa_sandi.user
    user.email = "kopipagisukamaju@contoh.go.id"
    user.save(update_fields=["email"])
    kode = terbitkan(pemeran, tanpa_sandi)[tanpa_sandi.pk]
    with pytest.raises(aktivasi.ValidationError) as galat:
        aktivasi.aktifkan(
            nip=tanpa_sandi.nip, kode=kode, kata_sandi="kopipagisukamaju", alamat=None
        )
    assert "kata_sandi1" in galat.value.message_dict
    assert SuratAktivasi.objects.get().dipakai is None


def test_percobaan_dibatasi_per_nip_dan_per_alamat(client, pemeran, tanpa_sandi, settings):
    settings.AXES_FAILURE_LIMIT = 3
    settings.LOGIN_GAGAL_MAKS_PER_ALAMAT = 5
    kode = terbitkan(pemeran, tanpa_sandi)[tanpa_sandi.pk]
    salah = ("2" if kode[0] != "2" else "3") + kode[1:]
    for _ in range(3):
        assert aktifkan(client, tanpa_sandi.nip, salah).status_code == 200
    # Locked for this NIP: even the right code is not tried.
    respons = aktifkan(client, tanpa_sandi.nip, kode)
    assert respons.status_code == 429
    assert "Terlalu banyak percobaan aktivasi" in respons.content.decode()
    assert SuratAktivasi.objects.get().dipakai is None
    # Counted per address across NIPs too (also for NIPs that do not exist).
    for nip in ("199901012020011001", "199901022020011001"):
        assert aktifkan(client, nip, salah).status_code == 200
    lain = aktifkan(client, pemeran.atasan.nip, salah)
    assert lain.status_code == 429
    # Another address is not locked by these.
    bersih = aktifkan(client, pemeran.atasan.nip, salah, REMOTE_ADDR="10.1.2.3")
    assert bersih.status_code == 200


def test_aktivasi_berhasil_tidak_menghabiskan_jatah_alamat(client, pemeran, settings):
    # A whole office behind one address activating in turn is never locked out.
    settings.LOGIN_GAGAL_MAKS_PER_ALAMAT = 2
    orang = [pemeran.pegawai, pemeran.atasan, pemeran.rekan_atasan, pemeran.orang_luar]
    kode = terbitkan(pemeran, *orang)
    for p in orang:
        client.logout()
        assert aktifkan(client, p.nip, kode[p.pk]).status_code == 302


# --- who may issue letters for whom ------------------------------------------------------------


def test_pegawai_instansi_lain_404(client, pemeran, tanpa_sandi):
    masuk(client, pemeran.admin_lain)
    url = reverse("organisasi:aktivasi_pegawai", args=[tanpa_sandi.pk])
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    assert client.post(URL_CETAK, {"pegawai": [tanpa_sandi.pk]}).status_code == 404
    assert (
        client.post(URL_CETAK, {"pegawai": [tanpa_sandi.pk, pemeran.pegawai_lain.pk]}).status_code
        == 404
    )
    assert not SuratAktivasi.objects.exists()
    with pytest.raises(aktivasi.PermissionDenied):
        aktivasi.terbitkan_surat(oleh=pemeran.admin_lain.user, pegawai_ids=[tanpa_sandi.pk])


def test_akun_admin_staf_dan_superuser_tidak_diberi_surat(client, pemeran, superuser):
    # The admin is a pegawai of the instansi but an admin login; another pegawai is staff.
    staf = PegawaiFactory(jabatan=JabatanFactory(unit_kerja=pemeran.pegawai.jabatan.unit_kerja))
    staf.user.is_staff = True
    staf.user.save(update_fields=["is_staff"])
    su_pegawai = PegawaiFactory(
        user=UserFactory(username="rootpegawai", is_superuser=True),
        jabatan=JabatanFactory(unit_kerja=pemeran.pegawai.jabatan.unit_kerja),
    )
    for pemberi in (pemeran.admin.user, superuser):
        client.force_login(pemberi)
        for orang in (pemeran.admin, staf, su_pegawai):
            url = reverse("organisasi:aktivasi_pegawai", args=[orang.pk])
            isi = client.get(url).content.decode()
            assert "tidak dapat diberi surat aktivasi: akun dengan hak khusus" in isi
            assert "Buat surat aktivasi baru</button>" not in isi
            isi = client.post(url, follow=True).content.decode()
            assert "Surat aktivasi tidak diterbitkan; tidak ada yang diubah" in isi
            assert orang.nama_lengkap in isi
        # Refused as part of a selection too: nobody in it gets a letter.
        respons = client.post(
            URL_CETAK, {"pegawai": [pemeran.pegawai.pk, staf.pk], "cakupan": "pilihan"}, follow=True
        )
        assert "tidak ada yang diubah" in respons.content.decode()
        # The list offers no box to tick for them.
        isi = client.get(URL_DAFTAR).content.decode()
        assert f'value="{pemeran.admin.pk}" id="pilih-' not in isi
        assert f'value="{pemeran.pegawai.pk}" id="pilih-' in isi
    assert not SuratAktivasi.objects.exists()


def test_akun_yang_kemudian_menjadi_admin_tidak_dapat_diaktifkan(client, pemeran, tanpa_sandi):
    kode = terbitkan(pemeran, tanpa_sandi)[tanpa_sandi.pk]
    jadikan_admin_instansi(user=tanpa_sandi.user, instansi=pemeran.instansi)
    assert PESAN_DILINDUNGI in aktifkan(client, tanpa_sandi.nip, kode).content.decode()
    tanpa_sandi.user.refresh_from_db()
    assert not tanpa_sandi.user.has_usable_password()


def test_pegawai_nonaktif_tidak_diberi_surat_dan_tidak_dapat_aktivasi(client, pemeran, tanpa_sandi):
    kode = terbitkan(pemeran, tanpa_sandi)[tanpa_sandi.pk]
    Pegawai.objects.filter(pk=tanpa_sandi.pk).update(aktif=False)
    assert "Akun ini tidak aktif" in aktifkan(client, tanpa_sandi.nip, kode).content.decode()
    with pytest.raises(aktivasi.ValidationError, match="nonaktif"):
        terbitkan(pemeran, tanpa_sandi)


def test_pegawai_tanpa_login_dibuatkan_login(client, pemeran):
    orang = PegawaiFactory(
        user=None, jabatan=JabatanFactory(unit_kerja=pemeran.pegawai.jabatan.unit_kerja)
    )
    kode = terbitkan(pemeran, orang)[orang.pk]
    orang.refresh_from_db()
    assert orang.user.username == orang.nip and not orang.user.has_usable_password()
    assert aktifkan(client, orang.nip, kode).status_code == 302


# --- pages ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("halaman", ["daftar", "pegawai"])
def test_tangga_izin_halaman_admin(client, pemeran, superuser, halaman):
    url = (
        URL_DAFTAR
        if halaman == "daftar"
        else reverse("organisasi:aktivasi_pegawai", args=[pemeran.pegawai.pk])
    )
    respons = client.get(url)
    assert respons.status_code == 302 and "/masuk/" in respons.url
    assert masuk(client, pemeran.pegawai).get(url).status_code == 403
    assert masuk(client, pemeran.atasan).get(url).status_code == 403
    assert masuk(client, pemeran.admin_lain).get(url).status_code == (
        200 if halaman == "daftar" else 404
    )
    assert masuk(client, pemeran.admin).get(url).status_code == 200
    client.force_login(superuser)
    assert client.get(url).status_code == 200


def test_tangga_izin_cetak(client, pemeran, superuser):
    data = {"pegawai": [pemeran.pegawai.pk], "cakupan": "pilihan"}
    respons = client.post(URL_CETAK, data)
    assert respons.status_code == 302 and "/masuk/" in respons.url
    assert masuk(client, pemeran.pegawai).post(URL_CETAK, data).status_code == 403
    assert masuk(client, pemeran.admin_lain).post(URL_CETAK, data).status_code == 404
    assert not SuratAktivasi.objects.exists()
    assert masuk(client, pemeran.admin).get(URL_CETAK).status_code == 405
    assert client.post(URL_CETAK, data)["Content-Type"] == "application/pdf"
    client.force_login(superuser)
    assert client.post(URL_CETAK, data)["Content-Type"] == "application/pdf"
    assert (
        SuratAktivasi.objects.count() == 2
        and SuratAktivasi.objects.filter(diganti__isnull=True).count() == 1
    )


def test_halaman_aktivasi_publik_tanpa_login(client, db):
    isi = client.get(URL_AKTIVASI).content.decode()
    assert (
        "Kode aktivasi" in isi and "Aktifkan akun" in isi and 'autocomplete="new-password"' in isi
    )


def test_daftar_menampilkan_keadaan_akses_dan_menyaring(client, pemeran, tanpa_sandi, rf):
    dipakai, berlaku, kedaluwarsa = pemeran.atasan, tanpa_sandi, pemeran.orang_luar
    kode = terbitkan(pemeran, dipakai, berlaku, kedaluwarsa)
    aktifkan(client, dipakai.nip, kode[dipakai.pk])
    SuratAktivasi.objects.filter(pegawai=kedaluwarsa).update(
        berlaku_sampai=timezone.now() - timedelta(days=1)
    )
    get_user_model().objects.filter(pk=pemeran.kepala.user_id).update(last_login=timezone.now())

    masuk(client, pemeran.admin)
    isi = client.get(URL_DAFTAR).content.decode()

    def baris(orang):
        awal = isi.index(f'data-pegawai="{orang.pk}"')
        return isi[awal : isi.index("</tr>", awal)]

    assert "Sudah diaktifkan" in baris(dipakai)
    assert "belum dipakai; berlaku sampai" in baris(berlaku) and "Belum pernah masuk" in baris(
        berlaku
    )
    assert "Kedaluwarsa" in baris(kedaluwarsa)
    assert "Belum ada" in baris(pemeran.kepala) and "Belum pernah masuk" not in baris(
        pemeran.kepala
    )
    assert pemeran.pegawai_lain.nama not in isi  # another instansi

    # A unit with its sub-units, and only those who never signed in.
    seksi = pemeran.rekan_atasan.jabatan.unit_kerja
    isi = client.get(URL_DAFTAR, {"unit": seksi.induk_id, "belum_masuk": "on"}).content.decode()
    assert f'data-pegawai="{berlaku.pk}"' in isi and f'data-pegawai="{kedaluwarsa.pk}"' in isi
    assert (
        f'data-pegawai="{dipakai.pk}"' not in isi
        and f'data-pegawai="{pemeran.kepala.pk}"' not in isi
    )
    assert f'name="unit" value="{seksi.induk_id}"' in isi  # the print keeps the filter
    isi = client.get(
        URL_DAFTAR, {"unit": pemeran.admin_lain.jabatan.unit_kerja_id}
    ).content.decode()
    assert "tidak ada di instansi yang Anda kelola" in isi


@pytest.mark.usefixtures("jawaban_selalu_dihitung")
def test_jumlah_query_daftar_tetap(client, pemeran, django_assert_max_num_queries):
    masuk(client, pemeran.admin)
    client.get(URL_DAFTAR)
    with django_assert_max_num_queries(30) as sedikit:
        assert client.get(URL_DAFTAR).status_code == 200
    unit = pemeran.pegawai.jabatan.unit_kerja
    orang = [PegawaiFactory(jabatan=JabatanFactory(unit_kerja=unit)) for _ in range(15)]
    terbitkan(pemeran, *orang)
    with django_assert_max_num_queries(len(sedikit.captured_queries)):
        isi = client.get(URL_DAFTAR).content.decode()
    assert isi.count("belum dipakai; berlaku sampai") == 15


def test_riwayat_surat_per_pegawai(client, pemeran, tanpa_sandi):
    kode = terbitkan(pemeran, tanpa_sandi)[tanpa_sandi.pk]
    terbitkan(pemeran, tanpa_sandi)
    masuk(client, pemeran.admin)
    url = reverse("organisasi:aktivasi_pegawai", args=[tanpa_sandi.pk])
    isi = client.get(url).content.decode()
    riwayat = isi[isi.index('id="riwayat-aktivasi"') :]
    assert riwayat.count("Teguh Admin") == 2 and "Diganti surat baru" in riwayat
    assert "Belum dipakai" in riwayat and kode not in isi
    assert "Buat surat aktivasi baru</button>" in isi
    assert "Kata sandi yang sekarang tetap berlaku sampai kode baru dipakai" in isi


def test_menu_kelola_memuat_aktivasi_akun(client, pemeran):
    assert f'href="{URL_DAFTAR}"' in masuk(client, pemeran.admin).get("/").content.decode()
    assert f'href="{URL_DAFTAR}"' not in masuk(client, pemeran.pegawai).get("/").content.decode()
    client.logout()
    assert f'href="{URL_AKTIVASI}"' in client.get(reverse("login")).content.decode()


# --- the reset page tells nothing about a NIP -----------------------------------------------------


def test_atur_ulang_menjawab_sama_untuk_setiap_nip(client, pemeran, pekerja_langsung):
    dengan_email = pemeran.atasan
    dengan_email.user.email = "rina@contoh.go.id"
    dengan_email.user.save(update_fields=["email"])
    jawaban = []
    for nip in ("199901012020011001", pemeran.pegawai.nip, dengan_email.nip):
        respons = client.post(reverse("password_reset"), {"email": nip})
        halaman = client.get(respons.url)
        # The CSRF token is masked afresh on every page: the only part allowed to differ.
        isi = re.sub(r'"X-CSRFToken": "\w+"', "", halaman.content.decode())
        jawaban.append((respons.status_code, respons.url, halaman.status_code, isi))
    assert jawaban[0] == jawaban[1] == jawaban[2]
    isi = jawaban[0][3]
    assert "Periksa email Anda" not in isi and "Permintaan diterima" in isi
    assert "surat aktivasi" in isi and f'href="{URL_AKTIVASI}"' in isi
    # Only the NIP with an email got a mail; its link uses the address the request came to.
    assert [m.to for m in mail.outbox] == [["rina@contoh.go.id"]]
    assert "http://testserver/kata-sandi/reset/" in mail.outbox[0].body
    isi = client.get(reverse("password_reset")).content.decode()
    assert "Tidak punya email terdaftar?" in isi and f'href="{URL_AKTIVASI}"' in isi
