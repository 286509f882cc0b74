"""Limits on the size of an SKP (skp/batas.py): the limit itself is accepted, one more is
refused with an Indonesian message and nothing written, in every service that adds content, in
the copy of last year's SKP, in the submission of an SKP written before the limits, and on the
page (stated in the forms, the "Tambah" buttons give way at the limit)."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from core.versi import naikkan
from skp import services
from skp.batas import (
    MAKS_INDIKATOR,
    MAKS_INDIKATOR_SKP,
    MAKS_LAMPIRAN,
    MAKS_RHK,
    MAKS_SATUAN,
    MAKS_URAIAN,
)
from skp.models import IndikatorKinerja, RencanaHasilKerja, Skp, StatusSkp

HTMX = {"HTTP_HX_REQUEST": "true"}


def pesan(e: pytest.ExceptionInfo) -> dict[str, list[str]]:
    return e.value.message_dict


def isi_rhk(skp: Skp, jumlah: int, jenis: str = "utama") -> list[RencanaHasilKerja]:
    """`jumlah` RHK appended to `skp` directly in the database (setup, not the rule under test)."""
    awal = skp.rhk.filter(jenis=jenis).count()
    return RencanaHasilKerja.objects.bulk_create(
        RencanaHasilKerja(skp=skp, jenis=jenis, urutan=awal + i, uraian=f"RHK isian {i}")
        for i in range(1, jumlah + 1)
    )


def isi_indikator(rhk: RencanaHasilKerja, jumlah: int) -> None:
    IndikatorKinerja.objects.bulk_create(
        IndikatorKinerja(
            rhk=rhk,
            aspek="kuantitas",
            uraian=f"Indikator isian {i}",
            target_min=Decimal(1),
            satuan="dokumen",
        )  # fmt: skip
        for i in range(jumlah)
    )
    naikkan("kinerja")  # as every bulk write in production does (core/versi.py)


def indikator(user, rhk, **ubah) -> IndikatorKinerja:
    data = {"aspek": "kuantitas", "uraian": "Jumlah laporan", "target_min": Decimal(12),
            "satuan": "laporan", **ubah}  # fmt: skip
    return services.indikator_tambah(user=user, rhk=rhk, **data)


def keadaan(skp: Skp) -> tuple:
    """Everything the refused writes could have touched."""
    skp = Skp.objects.get(pk=skp.pk)
    return (
        skp.revisi,
        list(skp.rhk.order_by("pk").values_list("jenis", "urutan", "uraian")),
        list(
            IndikatorKinerja.objects.filter(rhk__skp=skp)
            .order_by("pk")
            .values_list("uraian", "satuan", "rencana_bukti_dukung")
        ),
        (skp.dukungan_sumber_daya, skp.skema_pertanggungjawaban, skp.konsekuensi),
        list(skp.perilaku.values_list("ekspektasi_khusus", flat=True)),
    )


def test_batas_bukan_angka_yang_dicapai_skp_nyata():
    # Real SKPs: 3-15 RHK with 3-4 indicators each; the forms always allowed 2,000 characters.
    assert MAKS_RHK >= 2 * 15 and MAKS_INDIKATOR >= 2 * 4 and MAKS_INDIKATOR_SKP >= 15 * 4
    assert MAKS_URAIAN == 2000 and MAKS_LAMPIRAN == 5000 and MAKS_SATUAN == 50


# --- RHK per SKP ------------------------------------------------------------------------------


def test_rhk_ke_batas_diterima_satu_lagi_ditolak(pemeran, tahun):
    user = pemeran.pegawai.user
    skp = services.skp_buat(user=user, tahun=tahun)
    isi_rhk(skp, MAKS_RHK - 2)
    isi_rhk(skp, 1, jenis="tambahan")
    rhk = services.rhk_tambah(user=user, skp=skp, jenis="tambahan", uraian="RHK ke-30")
    assert skp.rhk.count() == MAKS_RHK and rhk.urutan == 2
    sebelum = keadaan(skp)
    for jenis in ("utama", "tambahan"):
        with pytest.raises(ValidationError) as e:
            services.rhk_tambah(user=user, skp=skp, jenis=jenis, uraian="RHK ke-31")
        assert pesan(e)["__all__"] == [
            f"SKP ini sudah memuat {MAKS_RHK} RHK, batas paling banyak {MAKS_RHK} RHK per SKP. "
            "Gabungkan RHK yang sejenis atau hapus RHK yang tidak lagi diperlukan sebelum "
            "menambah RHK baru."
        ]
    assert keadaan(skp) == sebelum
    # Moving an RHK to the other list keeps the count: still allowed at the limit.
    services.rhk_ubah(user=user, rhk=rhk, jenis="utama", uraian="RHK ke-30")
    # After a deletion there is room again.
    services.rhk_hapus(user=user, rhk=rhk)
    services.rhk_tambah(user=user, skp=skp, jenis="utama", uraian="RHK pengganti")


# --- indicators per RHK and per SKP ---------------------------------------------------------


def test_indikator_ke_batas_per_rhk_diterima_satu_lagi_ditolak(pemeran, skp_pegawai):
    user = pemeran.pegawai.user
    rhk = skp_pegawai.rhk.get()
    isi_indikator(rhk, MAKS_INDIKATOR - 1 - rhk.indikator.count())
    indikator(user, rhk, uraian="Indikator ke-10")
    assert rhk.indikator.count() == MAKS_INDIKATOR
    sebelum = keadaan(skp_pegawai)
    with pytest.raises(ValidationError) as e:
        indikator(user, rhk, uraian="Indikator ke-11")
    assert pesan(e)["__all__"] == [
        f"RHK {rhk.label} sudah memuat {MAKS_INDIKATOR} indikator, batas paling banyak "
        f"{MAKS_INDIKATOR} indikator per RHK. Ubah atau gabungkan indikator yang ada."
    ]
    assert keadaan(skp_pegawai) == sebelum


def test_indikator_ke_batas_per_skp_diterima_satu_lagi_ditolak(pemeran, tahun):
    user = pemeran.pegawai.user
    skp = services.skp_buat(user=user, tahun=tahun)
    daftar = isi_rhk(skp, MAKS_INDIKATOR_SKP // MAKS_INDIKATOR + 1)
    for rhk in daftar[:-2]:
        isi_indikator(rhk, MAKS_INDIKATOR)
    isi_indikator(daftar[-2], MAKS_INDIKATOR - 1)
    indikator(user, daftar[-2], uraian="Indikator ke-100")
    assert IndikatorKinerja.objects.filter(rhk__skp=skp).count() == MAKS_INDIKATOR_SKP
    sebelum = keadaan(skp)
    with pytest.raises(ValidationError) as e:
        indikator(user, daftar[-1], uraian="Indikator ke-101")  # its RHK has none yet
    assert pesan(e)["__all__"] == [
        f"SKP ini sudah memuat {MAKS_INDIKATOR_SKP} indikator, batas paling banyak "
        f"{MAKS_INDIKATOR_SKP} indikator per SKP. Ubah atau gabungkan indikator yang ada."
    ]
    assert keadaan(skp) == sebelum


# --- text length ----------------------------------------------------------------------------


def test_teks_rhk_2000_karakter_diterima_2001_ditolak(pemeran, skp_pegawai):
    user = pemeran.pegawai.user
    rhk = services.rhk_tambah(user=user, skp=skp_pegawai, jenis="utama", uraian="x" * 2000)
    # Surrounding spaces are stripped before counting, as before saving.
    services.rhk_ubah(user=user, rhk=rhk, jenis="utama", uraian=f"  {'y' * 2000}  ")
    sebelum = keadaan(skp_pegawai)
    harapan = ["Rencana hasil kerja terlalu panjang: 2.001 karakter, paling banyak 2.000. "
               "Ringkas teksnya."]  # fmt: skip
    with pytest.raises(ValidationError) as e:
        services.rhk_tambah(user=user, skp=skp_pegawai, jenis="utama", uraian="x" * 2001)
    assert pesan(e)["uraian"] == harapan
    with pytest.raises(ValidationError) as e:
        services.rhk_ubah(user=user, rhk=rhk, jenis="utama", uraian="x" * 2001)
    assert pesan(e)["uraian"] == harapan
    assert keadaan(skp_pegawai) == sebelum


@pytest.mark.parametrize(
    ("kolom", "maks", "harapan"),
    [
        ("uraian", MAKS_URAIAN, "Indikator terlalu panjang: 2.001 karakter, paling banyak 2.000."),
        ("rencana_bukti_dukung", MAKS_URAIAN,
         "Rencana bukti dukung terlalu panjang: 2.001 karakter, paling banyak 2.000."),
        ("satuan", MAKS_SATUAN, "Satuan terlalu panjang: 51 karakter, paling banyak 50."),
    ],
)  # fmt: skip
def test_teks_indikator_di_atas_batas_ditolak(pemeran, skp_pegawai, kolom, maks, harapan):
    user = pemeran.pegawai.user
    rhk = skp_pegawai.rhk.get()
    ind = indikator(user, rhk, **{kolom: "x" * maks})
    sebelum = keadaan(skp_pegawai)
    with pytest.raises(ValidationError) as e:
        indikator(user, rhk, **{kolom: "x" * (maks + 1)})
    assert pesan(e)[kolom] == [f"{harapan} Ringkas teksnya."]
    data = {"aspek": "kuantitas", "uraian": "Jumlah", "target_min": Decimal(1), "satuan": "x",
            kolom: "x" * (maks + 1)}  # fmt: skip
    with pytest.raises(ValidationError) as e:
        services.indikator_ubah(user=user, indikator=ind, **data)
    assert pesan(e)[kolom] == [f"{harapan} Ringkas teksnya."]
    assert keadaan(skp_pegawai) == sebelum


def test_ukuran_keberhasilan_kualitatif_disebut_dengan_namanya(pemeran, skp_atasan, tahun):
    user = pemeran.pegawai.user
    skp = services.skp_buat(user=user, tahun=tahun, pendekatan="kualitatif")
    rhk = services.rhk_tambah(user=user, skp=skp, jenis="utama", uraian="RHK")
    with pytest.raises(ValidationError) as e:
        services.indikator_tambah(user=user, rhk=rhk, uraian="x" * 2001,
                                  target_min=Decimal(1), satuan="dokumen")  # fmt: skip
    assert pesan(e)["uraian"][0].startswith("Ukuran keberhasilan terlalu panjang: 2.001")


def test_lampiran_5000_karakter_diterima_5001_ditolak(pemeran, skp_pegawai):
    user = pemeran.pegawai.user
    penuh = "\n".join(["a" * 999] * 5)  # 5 lines of 999 and 4 line breaks: 4,999 characters
    services.lampiran_ubah(user=user, skp=skp_pegawai, dukungan_sumber_daya=penuh + "b",
                           skema_pertanggungjawaban="", konsekuensi="")  # fmt: skip
    sebelum = keadaan(skp_pegawai)
    with pytest.raises(ValidationError) as e:
        services.lampiran_ubah(user=user, skp=skp_pegawai, dukungan_sumber_daya="Anggaran",
                               skema_pertanggungjawaban="Laporan", konsekuensi="k" * 5001)  # fmt: skip
    assert pesan(e) == {
        "konsekuensi": [
            "Konsekuensi terlalu panjang: 5.001 karakter, paling banyak 5.000. Ringkas teksnya."
        ]
    }
    assert keadaan(skp_pegawai) == sebelum


def test_ekspektasi_2000_karakter_diterima_2001_ditolak(pemeran, skp_pegawai):
    perilaku = skp_pegawai.perilaku.get(urutan=2)
    services.ekspektasi_ubah(user=pemeran.atasan.user, perilaku=perilaku,
                             ekspektasi_khusus="e" * 2000)  # fmt: skip
    sebelum = keadaan(skp_pegawai)
    with pytest.raises(ValidationError) as e:
        services.ekspektasi_ubah(user=pemeran.atasan.user, perilaku=perilaku,
                                 ekspektasi_khusus="e" * 2001)  # fmt: skip
    assert pesan(e)["ekspektasi_khusus"][0].startswith(
        "Ekspektasi khusus pimpinan terlalu panjang: 2.001 karakter"
    )
    assert keadaan(skp_pegawai) == sebelum


# --- SKP written before the limits: copy and submission --------------------------------------


@pytest.fixture
def skp_lalu_besar(pemeran, tahun) -> Skp:
    """Last year's SKP written before the limits: 31 RHK, one with 11 indicators and a text of
    2,001 characters (approved, so its owner cannot trim it)."""
    user = pemeran.pegawai.user
    lalu = services.skp_buat(user=user, tahun=tahun - 1)
    daftar = isi_rhk(lalu, MAKS_RHK + 1)
    isi_indikator(daftar[0], MAKS_INDIKATOR + 1)
    IndikatorKinerja.objects.filter(pk=daftar[0].indikator.first().pk).update(uraian="i" * 2001)
    Skp.objects.filter(pk=lalu.pk).update(status=StatusSkp.DISETUJUI)
    return lalu


def test_salin_skp_di_atas_batas_ditolak_tanpa_membuat_apa_pun(pemeran, skp_lalu_besar, tahun):
    with pytest.raises(ValidationError) as e:
        services.skp_buat(user=pemeran.pegawai.user, tahun=tahun, salin=True)
    assert pesan(e)["salin"] == [
        f"SKP tahun {tahun - 1} tidak dapat disalin karena melebihi batas ukuran SKP. Buat SKP "
        "tanpa menyalin, lalu tambahkan RHK yang masih berlaku.",
        "SKP memuat 31 RHK, paling banyak 30 RHK per SKP. Gabungkan RHK yang sejenis atau hapus "
        "RHK yang tidak lagi diperlukan.",
        "RHK Utama 1 “RHK isian 1” memuat 11 indikator, paling banyak 10 per RHK.",
        "RHK Utama 1 “RHK isian 1”: Teks indikator terlalu panjang: 2.001 karakter, paling "
        "banyak 2.000. Ringkas teksnya.",
    ]
    assert not Skp.objects.filter(tahun=tahun).exists()
    # Without copying, the new SKP is made.
    assert services.skp_buat(user=pemeran.pegawai.user, tahun=tahun).rhk.count() == 0


def test_salin_skp_tepat_di_batas_diterima(pemeran, tahun):
    user = pemeran.pegawai.user
    lalu = services.skp_buat(user=user, tahun=tahun - 1)
    daftar = isi_rhk(lalu, MAKS_RHK)
    isi_indikator(daftar[0], MAKS_INDIKATOR)
    RencanaHasilKerja.objects.filter(pk=daftar[1].pk).update(uraian="r" * 2000)
    Skp.objects.filter(pk=lalu.pk).update(status=StatusSkp.DISETUJUI, konsekuensi="k" * 5000)
    baru = services.skp_buat(user=user, tahun=tahun, salin=True)
    assert baru.rhk.count() == MAKS_RHK
    assert IndikatorKinerja.objects.filter(rhk__skp=baru).count() == MAKS_INDIKATOR


def test_salin_di_atas_batas_lewat_halaman_memberi_pesan(client, pemeran, skp_lalu_besar, tahun):
    client.force_login(pemeran.pegawai.user)
    r = client.post(reverse("skp:buat"), {"tahun": tahun, "pendekatan": "kuantitatif",
                                          "salin": "on"})  # fmt: skip
    assert r.status_code == 200
    assert "tidak dapat disalin karena melebihi batas ukuran SKP" in r.content.decode()
    assert not Skp.objects.filter(tahun=tahun).exists()


def test_draf_lama_di_atas_batas_tidak_dapat_diajukan(pemeran, skp_pegawai):
    """A draft written before the limits: listed in "Sebelum diajukan" until trimmed."""
    user = pemeran.pegawai.user
    rhk = skp_pegawai.rhk.get()
    isi_indikator(rhk, MAKS_INDIKATOR + 1 - rhk.indikator.count())
    Skp.objects.filter(pk=skp_pegawai.pk).update(dukungan_sumber_daya="d" * 5001)
    skp = Skp.objects.get(pk=skp_pegawai.pk)
    with pytest.raises(ValidationError) as e:
        services.ajukan(user=user, skp=skp)
    assert e.value.messages[1:] == [
        f"RHK Utama 1 “{rhk.uraian}” memuat 11 indikator, paling banyak 10 per RHK.",
        "Dukungan sumber daya pada lampiran terlalu panjang: 5.001 karakter, paling banyak "
        "5.000. Ringkas teksnya.",
    ]
    assert Skp.objects.get(pk=skp.pk).status == StatusSkp.DRAF
    # Trimmed back within the limits, it goes.
    services.indikator_hapus(user=user, indikator=rhk.indikator.last())
    services.lampiran_ubah(user=user, skp=skp, dukungan_sumber_daya="Anggaran",
                           skema_pertanggungjawaban="", konsekuensi="")  # fmt: skip
    services.ajukan(user=user, skp=skp)


# --- on the page ----------------------------------------------------------------------------


def test_form_menyebut_batas(client, pemeran, skp_pegawai):
    client.force_login(pemeran.pegawai.user)
    rhk = skp_pegawai.rhk.get()
    html = client.get(reverse("skp:rhk_tambah", args=[skp_pegawai.pk, "utama"]), **HTMX)
    html = html.content.decode()
    assert "Paling banyak 2.000 karakter; satu SKP memuat paling banyak 30 RHK." in html
    assert 'maxlength="2000"' in html
    html = client.get(reverse("skp:indikator_tambah", args=[skp_pegawai.pk, rhk.pk]), **HTMX)
    html = html.content.decode()
    assert (
        "Paling banyak 2.000 karakter; satu RHK memuat paling banyak 10 indikator, satu SKP "
        "paling banyak 100." in html
    )
    html = client.get(reverse("skp:lampiran_ubah", args=[skp_pegawai.pk]), **HTMX)
    assert "Paling banyak 5.000 karakter." in html.content.decode()


def test_rhk_ke_31_lewat_halaman_ditolak_dengan_pesan(client, pemeran, skp_pegawai):
    isi_rhk(skp_pegawai, MAKS_RHK - 1)
    client.force_login(pemeran.pegawai.user)
    url = reverse("skp:detail", args=[skp_pegawai.pk])
    html = client.get(url).content.decode()
    # At the limit the "Tambah RHK" buttons give way to a note.
    assert 'id="tambah-rhk-utama"' not in html and 'id="tambah-rhk-tambahan"' not in html
    assert "SKP ini sudah memuat 30 RHK, batas paling banyak per SKP." in html
    sebelum = keadaan(skp_pegawai)
    r = client.post(
        reverse("skp:rhk_tambah", args=[skp_pegawai.pk, "utama"]),
        {"jenis": "utama", "uraian": "RHK ke-31", "revisi": skp_pegawai.revisi},
        **HTMX,
    )
    assert r.status_code == 200
    assert "batas paling banyak 30 RHK per SKP" in r.content.decode()
    assert "RHK ke-31" in r.content.decode()  # what was typed comes back
    assert keadaan(skp_pegawai) == sebelum


def test_tombol_tambah_indikator_hilang_di_batas(client, pemeran, skp_pegawai):
    rhk = skp_pegawai.rhk.get()
    client.force_login(pemeran.pegawai.user)
    url = reverse("skp:detail", args=[skp_pegawai.pk])
    assert f'id="tambah-indikator-{rhk.pk}"' in client.get(url).content.decode()
    isi_indikator(rhk, MAKS_INDIKATOR - rhk.indikator.count())
    html = client.get(url).content.decode()
    assert f'id="tambah-indikator-{rhk.pk}"' not in html
    assert "Sudah 10 indikator, batas per RHK." in html


def test_penolakan_layanan_lampiran_dan_ekspektasi_kembali_ke_form(
    client, pemeran, skp_pegawai, monkeypatch
):
    """Should a service refuse what the form let through (a limit changed in one place only),
    the form comes back with the message instead of a server error."""
    import skp.services.ubah as ubah

    monkeypatch.setattr(ubah, "MAKS_LAMPIRAN", 5)
    monkeypatch.setattr(ubah, "MAKS_URAIAN", 5)
    sebelum = keadaan(skp_pegawai)
    client.force_login(pemeran.pegawai.user)
    r = client.post(
        reverse("skp:lampiran_ubah", args=[skp_pegawai.pk]),
        {"dukungan_sumber_daya": "Anggaran", "skema_pertanggungjawaban": "",
         "konsekuensi": ""},
        **HTMX,
    )  # fmt: skip
    assert r.status_code == 200
    assert "Dukungan sumber daya terlalu panjang: 8 karakter" in r.content.decode()
    client.force_login(pemeran.atasan.user)
    r = client.post(reverse("skp:ekspektasi_ubah", args=[skp_pegawai.pk, 1]),
                    {"ekspektasi_khusus": "Ramah sekali"}, **HTMX)  # fmt: skip
    assert r.status_code == 200
    assert "Ekspektasi khusus pimpinan terlalu panjang: 12 karakter" in r.content.decode()
    assert keadaan(skp_pegawai) == sebelum
