"""The jurnal service: an entry on an RHK of the SKP in force; every bad input refused with an
Indonesian message per field and nothing written (dates outside the SKP year or in the future,
times that end before they start, links and files as for bukti dukung, a rencana aksi of another
RHK or period); a double click saved once; edits for JURNAL_HARI_UBAH days with history rows,
then the entry kept as it was."""

from datetime import date, time, timedelta
from decimal import Decimal
from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from core.alur import Kedaluwarsa
from monitoring.forms import token_baru
from monitoring.models import JurnalKinerja, RiwayatJurnal
from monitoring.services.jurnal import (
    PESAN_GANDA,
    IsianJurnal,
    jurnal_hapus,
    jurnal_tambah,
    jurnal_ubah,
)
from penilaian.models import RencanaAksi
from tests import contoh_berkas as contoh
from tests.monitoring.conftest import HARI, pada, tulis


def unggahan(nama: str, isi: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(nama, isi, content_type="application/octet-stream")


def berkas_tersimpan(settings) -> list:
    folder = settings.MEDIA_ROOT / "monitoring" / "jurnal"
    return [p for p in folder.rglob("*") if p.is_file()] if folder.exists() else []


def test_entri_pada_rhk_skp_berlaku(pemeran, jurnal):
    e = tulis(pemeran.pegawai, jurnal.rhk1, hasil=Decimal(3), jam_mulai=time(8),
              jam_selesai=time(10, 30), hambatan="Data 2 desa belum masuk",
              solusi="Menelepon bidan desa", tautan="https://drive.contoh.go.id/rekap")  # fmt: skip
    e.refresh_from_db()
    assert (e.skp, e.rhk, e.tanggal, e.hasil, e.satuan) == (
        jurnal.skp,
        jurnal.rhk1,
        HARI,
        Decimal(3),
        "laporan",
    )
    assert e.indikator.aspek == "kuantitas"  # the measure the result counts toward
    assert (e.hambatan, e.solusi, e.revisi) == (
        "Data 2 desa belum masuk",
        "Menelepon bidan desa",
        0,
    )


def test_klik_ganda_tersimpan_sekali(pemeran, jurnal):
    isian = IsianJurnal(tanggal=HARI, rhk_id=jurnal.rhk1.pk, kegiatan="Rekap", hasil=Decimal(1))
    token = token_baru()
    jurnal_tambah(user=pemeran.pegawai.user, isian=isian, token=token)
    with pytest.raises(ValidationError) as e:
        jurnal_tambah(user=pemeran.pegawai.user, isian=isian, token=token)
    assert e.value.messages == [PESAN_GANDA]
    assert JurnalKinerja.objects.count() == 1


@pytest.mark.parametrize(
    ("isian", "kolom", "pesan"),
    [
        ({"tanggal": HARI + timedelta(days=1)}, "tanggal", "tidak boleh melewati hari ini"),
        ({"tanggal": date(2025, 12, 31)}, "tanggal", "dalam tahun SKP-nya (2026)"),
        ({"tanggal": None}, "tanggal", "Isi tanggal"),
        ({"jam_mulai": time(10), "jam_selesai": time(9)}, "jam_selesai", "setelah jam mulai"),
        ({"jam_mulai": time(10), "jam_selesai": time(10)}, "jam_selesai", "setelah jam mulai"),
        ({"kegiatan": "   "}, "kegiatan", "Tuliskan yang dikerjakan"),
        ({"kegiatan": "x" * 2001}, "kegiatan", "2.000 karakter"),
        ({"hambatan": "x" * 2001}, "hambatan", "2.000 karakter"),
        ({"hasil": Decimal(-1)}, "hasil", "negatif"),
        ({"rhk_id": None}, "rhk", "Pilih RHK"),
        ({"tautan": "javascript:alert(1)"}, "tautan", "hanya tautan http"),
        ({"tautan": "drive.google.com/x"}, "tautan", "harus diawali http"),
    ],
)
def test_isian_salah_ditolak_tanpa_menulis(pemeran, jurnal, isian, kolom, pesan):
    with pytest.raises(ValidationError) as e:
        tulis(pemeran.pegawai, jurnal.rhk1, **isian)
    assert pesan in " ".join(e.value.message_dict[kolom])
    assert not JurnalKinerja.objects.exists()


def test_rhk_skp_orang_lain_atau_draf_ditolak(pemeran, jurnal, skp_atasan):
    with pytest.raises(ValidationError) as e:
        tulis(pemeran.pegawai, skp_atasan.rhk1)  # the atasan's (draft) SKP
    assert "SKP Anda yang berlaku" in e.value.message_dict["rhk"][0]
    with pytest.raises(ValidationError):
        tulis(pemeran.atasan, skp_atasan.rhk1)  # the atasan's own SKP is still a draft
    assert not JurnalKinerja.objects.exists()


def test_hasil_hanya_untuk_rhk_bertarget_jumlah(pemeran, jurnal):
    jurnal.rhk2.indikator.filter(aspek="kuantitas").update(satuan="%")  # a level, not a count
    with pytest.raises(ValidationError) as e:
        tulis(pemeran.pegawai, jurnal.rhk2, hasil=Decimal(5))
    assert "tidak memiliki target berupa jumlah" in e.value.message_dict["hasil"][0]
    e = tulis(pemeran.pegawai, jurnal.rhk2)  # without a number it is fine
    assert e.hasil is None and e.indikator is None


def test_rencana_aksi_harus_dari_rhk_dan_periodenya(pemeran, jurnal):
    tw2 = RencanaAksi.objects.create(rhk=jurnal.rhk1, nomor_periode=2, uraian="Rekap TW II",
                                     target=Decimal(13), satuan="laporan")  # fmt: skip
    tw3 = RencanaAksi.objects.create(rhk=jurnal.rhk1, nomor_periode=3, uraian="Rekap TW III")
    lain = RencanaAksi.objects.create(rhk=jurnal.rhk2, nomor_periode=2, uraian="Laporan KLB")
    with pytest.raises(ValidationError) as e:
        tulis(pemeran.pegawai, jurnal.rhk1, rencana_aksi_id=lain.pk)
    assert "dari RHK yang dipilih" in e.value.message_dict["rencana_aksi"][0]
    with pytest.raises(ValidationError) as e:
        tulis(pemeran.pegawai, jurnal.rhk1, rencana_aksi_id=tw3.pk)
    assert e.value.message_dict["rencana_aksi"] == [
        "Rencana aksi ini untuk Triwulan III, sedangkan tanggal kegiatan pada Triwulan II."
    ]
    assert tulis(pemeran.pegawai, jurnal.rhk1, rencana_aksi_id=tw2.pk).rencana_aksi == tw2


def test_bukan_pegawai_tidak_dapat_menulis(superuser, jurnal):
    with pytest.raises(PermissionDenied):
        jurnal_tambah(user=superuser, isian=IsianJurnal(HARI, jurnal.rhk1.pk, "x"), token="a")


# --- bukti dukung ------------------------------------------------------------------------------


def test_berkas_disimpan_dengan_nama_acak(pemeran, jurnal, settings):
    e = tulis(pemeran.pegawai, jurnal.rhk1, berkas=unggahan("Rekap Mei.pdf", contoh.pdf()))
    assert (e.nama_berkas, e.jenis_berkas) == ("Rekap Mei.pdf", "application/pdf")
    assert e.berkas.name.startswith(f"monitoring/jurnal/{pemeran.pegawai.pk}/")
    assert "Rekap" not in e.berkas.name and len(berkas_tersimpan(settings)) == 1


@pytest.mark.parametrize(
    ("nama", "isi", "pesan"),
    [
        ("laporan.pdf", contoh.exe(), "bukan PDF yang sah"),
        ("gambar.png", contoh.pdf(), "namanya berakhiran .png"),
        ("halaman.html", contoh.html(), "tidak diterima"),
        ("kosong.pdf", b"", "kosong"),
    ],
)
def test_berkas_salah_ditolak_tanpa_menulis(pemeran, jurnal, settings, nama, isi, pesan):
    with pytest.raises(ValidationError) as e:
        tulis(pemeran.pegawai, jurnal.rhk1, berkas=unggahan(nama, isi))
    assert pesan in e.value.message_dict["berkas"][0]
    assert not JurnalKinerja.objects.exists() and not berkas_tersimpan(settings)


def test_berkas_terlalu_besar(pemeran, jurnal, settings):
    settings.BUKTI_MAKS_BYTES = 1000
    with pytest.raises(ValidationError) as e:
        tulis(pemeran.pegawai, jurnal.rhk1, berkas=unggahan("a.pdf", contoh.pdf() + b"0" * 1000))
    assert "terlalu besar" in e.value.message_dict["berkas"][0]
    assert not JurnalKinerja.objects.exists()


def test_penyimpanan_gagal_tidak_meninggalkan_baris(pemeran, jurnal):
    from django.core.files.storage import default_storage

    with (
        mock.patch.object(default_storage, "save", side_effect=OSError("disk penuh")),
        pytest.raises(ValidationError) as e,
    ):
        tulis(pemeran.pegawai, jurnal.rhk1, berkas=unggahan("a.pdf", contoh.pdf()))
    assert "penyimpanan berkas sedang bermasalah" in e.value.message_dict["berkas"][0]
    assert not JurnalKinerja.objects.exists()


# --- editing, the lock, history ----------------------------------------------------------------


def ubah(pemeran, e, revisi=None, **kw):
    isian = {"tanggal": e.tanggal, "rhk_id": e.rhk_id, "kegiatan": e.kegiatan, "hasil": e.hasil,
             "hambatan": e.hambatan} | kw  # fmt: skip
    return jurnal_ubah(user=pemeran.pegawai.user, jurnal=e,
                       isian=IsianJurnal(**isian), revisi=e.revisi if revisi is None else revisi)  # fmt: skip


def test_ubah_menyimpan_isi_lama_di_riwayat(pemeran, jurnal):
    e = tulis(pemeran.pegawai, jurnal.rhk1, hasil=Decimal(3))
    assert ubah(pemeran, e, kegiatan="Merekap 3 laporan desa", hasil=Decimal(4)) is True
    e.refresh_from_db()
    assert (e.kegiatan, e.hasil, e.revisi) == ("Merekap 3 laporan desa", Decimal(4), 1)
    r = RiwayatJurnal.objects.get()
    assert (r.data["kegiatan"], r.data["hasil"], r.oleh) == (
        "Merekap laporan puskesmas",
        "3",
        pemeran.pegawai.user,
    )


def test_isi_sama_dua_kali_tidak_mengubah_apa_pun(pemeran, jurnal):
    e = tulis(pemeran.pegawai, jurnal.rhk1, hasil=Decimal(3))
    ubah(pemeran, e, kegiatan="Baru")
    # the same form sent again from the old page: nothing changes, nothing refused
    assert ubah(pemeran, e, revisi=0, kegiatan="Baru") is False
    assert RiwayatJurnal.objects.count() == 1


def test_halaman_lama_dengan_isi_berbeda_ditolak(pemeran, jurnal):
    e = tulis(pemeran.pegawai, jurnal.rhk1)
    ubah(pemeran, e, kegiatan="Dari tab pertama")
    with pytest.raises(Kedaluwarsa):
        ubah(pemeran, e, revisi=0, kegiatan="Dari tab kedua")
    e.refresh_from_db()
    assert e.kegiatan == "Dari tab pertama"


def test_setelah_batas_hari_entri_terkunci(pemeran, jurnal, settings):
    e = tulis(pemeran.pegawai, jurnal.rhk1, hasil=Decimal(3))
    with pada(HARI + timedelta(days=3), jam=9):  # written at 10.00: still within 3 days
        ubah(pemeran, e, kegiatan="Masih boleh")
    with pada(HARI + timedelta(days=3), jam=11), pytest.raises(ValidationError) as galat:
        ubah(pemeran, e, kegiatan="Sudah terkunci")
    assert "hanya dapat diubah 3 hari setelah ditulis" in galat.value.messages[0]
    with pada(HARI + timedelta(days=4)), pytest.raises(ValidationError):
        jurnal_hapus(user=pemeran.pegawai.user, jurnal=e)
    e.refresh_from_db()
    assert e.kegiatan == "Masih boleh" and RiwayatJurnal.objects.count() == 1


def test_lama_masa_ubah_dari_pengaturan(pemeran, jurnal, settings):
    settings.JURNAL_HARI_UBAH = 1
    e = tulis(pemeran.pegawai, jurnal.rhk1)
    with pada(HARI + timedelta(days=2)), pytest.raises(ValidationError):
        ubah(pemeran, e, kegiatan="x")


def test_hanya_pemilik_yang_mengubah(pemeran, jurnal):
    e = tulis(pemeran.pegawai, jurnal.rhk1)
    with pytest.raises(PermissionDenied):
        jurnal_ubah(user=pemeran.atasan.user, jurnal=e,
                    isian=IsianJurnal(HARI, jurnal.rhk1.pk, "x"), revisi=0)  # fmt: skip
    with pytest.raises(PermissionDenied):
        jurnal_hapus(user=pemeran.atasan.user, jurnal=e)
    assert JurnalKinerja.objects.get().kegiatan == "Merekap laporan puskesmas"


def test_ubah_tetap_pada_skp_entri(pemeran, jurnal, skp_atasan):
    e = tulis(pemeran.pegawai, jurnal.rhk1)
    with pytest.raises(ValidationError) as galat:
        ubah(pemeran, e, rhk_id=skp_atasan.rhk1.pk)
    assert "rhk" in galat.value.message_dict
    ubah(pemeran, e, rhk_id=jurnal.rhk2.pk)
    e.refresh_from_db()
    assert e.rhk == jurnal.rhk2 and e.satuan == "" and e.indikator.satuan == "dokumen"


def test_ganti_dan_hapus_berkas_setelah_commit(pemeran, jurnal, settings,
                                               django_capture_on_commit_callbacks):  # fmt: skip
    e = tulis(pemeran.pegawai, jurnal.rhk1, berkas=unggahan("lama.pdf", contoh.pdf()))
    lama = berkas_tersimpan(settings)
    with django_capture_on_commit_callbacks(execute=True):
        jurnal_ubah(user=pemeran.pegawai.user, jurnal=e, revisi=0,
                    isian=IsianJurnal(HARI, jurnal.rhk1.pk, e.kegiatan),
                    berkas=unggahan("baru.png", contoh.png()))  # fmt: skip
    e.refresh_from_db()
    assert e.nama_berkas == "baru.png" and lama[0] not in berkas_tersimpan(settings)
    assert RiwayatJurnal.objects.get().data["berkas"] == "lama.pdf"
    with django_capture_on_commit_callbacks(execute=True):
        jurnal_ubah(user=pemeran.pegawai.user, jurnal=e, revisi=1,
                    isian=IsianJurnal(HARI, jurnal.rhk1.pk, e.kegiatan), hapus_berkas=True)  # fmt: skip
    e.refresh_from_db()
    assert not e.berkas and not e.nama_berkas and berkas_tersimpan(settings) == []


def test_hapus_dalam_masa_ubah(pemeran, jurnal, settings, django_capture_on_commit_callbacks):
    e = tulis(pemeran.pegawai, jurnal.rhk1, berkas=unggahan("a.pdf", contoh.pdf()))
    with django_capture_on_commit_callbacks(execute=True):
        assert jurnal_hapus(user=pemeran.pegawai.user, jurnal=e) is True
    assert not JurnalKinerja.objects.exists() and berkas_tersimpan(settings) == []
    assert jurnal_hapus(user=pemeran.pegawai.user, jurnal=e) is False  # a double click
