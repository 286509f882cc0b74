"""Periods follow dates (no button opens them); the admin's settings are recorded; the page's
permission ladder; objects of another instansi are 404."""

import re
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from core.hari_kerja import selisih_hari_kerja, tambah_hari_kerja
from penilaian.models import HariLibur, JenisPeriode, Periode, RiwayatPeriode
from penilaian.periode import (
    jendela_bawaan,
    jendela_terbuka,
    nama_periode,
    periode_berjalan,
    periode_tahun,
)
from penilaian.services import periode as layanan
from tests.penilaian.conftest import pada


def test_hari_kerja_melewati_akhir_pekan_dan_libur():
    # Friday 31 March 2023 + 10 working days = Friday 14 April 2023.
    assert tambah_hari_kerja(date(2023, 3, 31), 10) == date(2023, 4, 14)
    # With Good Friday 7 April 2023 off: Monday 17 April.
    assert tambah_hari_kerja(date(2023, 3, 31), 10, {date(2023, 4, 7)}) == date(2023, 4, 17)
    assert selisih_hari_kerja(date(2023, 3, 31), date(2023, 4, 14)) == 10
    assert selisih_hari_kerja(date(2023, 4, 14), date(2023, 3, 31)) == -10


def test_jendela_bawaan_triwulan():
    assert jendela_bawaan(JenisPeriode.TRIWULANAN, 2026, 1, set()) == (
        date(2026, 3, 18),
        date(2026, 4, 14),
    )
    # The last quarter carries the annual evaluation: due by the end of January.
    assert jendela_bawaan(JenisPeriode.TRIWULANAN, 2026, 4, set()) == (
        date(2026, 12, 18),
        date(2027, 1, 31),
    )
    assert jendela_bawaan(JenisPeriode.BULANAN, 2026, 2, set())[0] == date(2026, 2, 15)


def test_nama_periode():
    assert nama_periode("triwulanan", 4) == "Triwulan IV-Akhir"
    assert nama_periode("triwulanan", 2) == "Triwulan II"
    assert nama_periode("bulanan", 3) == "Maret"
    assert nama_periode("bulanan", 12) == "Desember-Akhir"


def test_periode_dibuat_sekali_dan_libur_dihitung(pemeran):
    HariLibur.objects.create(tanggal=date(2026, 4, 3), nama="Wafat Yesus Kristus")
    a = periode_tahun(pemeran.instansi, 2026)
    b = periode_tahun(pemeran.instansi, 2026)
    assert [p.pk for p in a] == [p.pk for p in b] and len(a) == 4
    assert a[0].tenggat == date(2026, 4, 15)  # one working day later because of the holiday


def test_jendela_terbuka_menurut_tanggal(pemeran):
    tw1 = periode_tahun(pemeran.instansi, 2026)[0]
    assert not jendela_terbuka(tw1, pemeran.pegawai, date(2026, 3, 17))
    assert jendela_terbuka(tw1, pemeran.pegawai, date(2026, 3, 18))
    assert jendela_terbuka(tw1, pemeran.pegawai, date(2026, 4, 14))
    assert not jendela_terbuka(tw1, pemeran.pegawai, date(2026, 4, 15))


def test_periode_berjalan(pemeran):
    assert periode_berjalan(pemeran.instansi, date(2026, 4, 10)).nomor == 1  # Q1's window
    assert periode_berjalan(pemeran.instansi, date(2026, 5, 10)).nomor == 2
    assert periode_berjalan(pemeran.instansi, date(2027, 1, 20)).tahun == 2026  # annual


def test_ubah_jenis_periode_bulanan(pemeran):
    layanan.atur_jenis_periode(user=pemeran.admin.user, instansi=pemeran.instansi, tahun=2026,
                               jenis=JenisPeriode.BULANAN)  # fmt: skip
    assert len(periode_tahun(pemeran.instansi, 2026)) == 12


def test_ubah_jenis_ditolak_setelah_ada_penilaian(pemeran, kasus):
    with pytest.raises(ValidationError, match="tidak dapat diubah"):
        layanan.atur_jenis_periode(user=pemeran.admin.user, instansi=pemeran.instansi,
                                   tahun=2026, jenis=JenisPeriode.BULANAN)  # fmt: skip


def test_hanya_admin_instansi_sendiri(pemeran):
    tw1 = periode_tahun(pemeran.instansi, 2026)[0]
    for user in (pemeran.pegawai.user, pemeran.admin_lain.user):
        with pytest.raises(PermissionDenied):
            layanan.perpanjang_periode(
                user=user, periode=tw1, tenggat=date(2026, 4, 30), alasan="x"
            )


def test_perpanjang_tercatat_dan_tidak_boleh_mundur(pemeran):
    tw1 = periode_tahun(pemeran.instansi, 2026)[0]
    with pytest.raises(ValidationError, match="setelah batas"):
        layanan.perpanjang_periode(
            user=pemeran.admin.user, periode=tw1, tenggat=date(2026, 4, 1), alasan="x"
        )
    with pytest.raises(ValidationError, match="alasan"):
        layanan.perpanjang_periode(
            user=pemeran.admin.user, periode=tw1, tenggat=date(2026, 4, 30), alasan=" "
        )
    p = layanan.perpanjang_periode(user=pemeran.admin.user, periode=tw1, tenggat=date(2026, 4, 30),
                                   alasan="Gangguan jaringan")  # fmt: skip
    assert p.tenggat == date(2026, 4, 30)
    r = RiwayatPeriode.objects.get()
    assert (r.tenggat_lama, r.tenggat_baru, r.oleh) == (
        date(2026, 4, 14),
        date(2026, 4, 30),
        pemeran.admin.user,
    )


def test_buka_untuk_satu_pegawai(pemeran):
    tw1 = periode_tahun(pemeran.instansi, 2026)[0]
    with pada(date(2026, 4, 20)):
        assert not jendela_terbuka(tw1, pemeran.pegawai)
        layanan.buka_untuk_pegawai(user=pemeran.admin.user, periode=tw1, pegawai=pemeran.pegawai,
                                   sampai=date(2026, 4, 24), alasan="Sakit")  # fmt: skip
        assert jendela_terbuka(tw1, pemeran.pegawai)
        assert not jendela_terbuka(tw1, pemeran.orang_luar)
        with pytest.raises(ValidationError, match="bukan pegawai instansi"):
            layanan.buka_untuk_pegawai(user=pemeran.admin.user, periode=tw1, pegawai=pemeran.pegawai_lain,
                                       sampai=date(2026, 4, 24), alasan="x")  # fmt: skip


def test_masa_tidak_dinilai_beririsan_ditolak(pemeran):
    layanan.catat_masa_tidak_dinilai(user=pemeran.admin.user, pegawai=pemeran.pegawai, jenis="cltn",
                                     mulai=date(2026, 2, 1), selesai=None)  # fmt: skip
    with pytest.raises(ValidationError, match="beririsan"):
        layanan.catat_masa_tidak_dinilai(user=pemeran.admin.user, pegawai=pemeran.pegawai,
                                         jenis="mpp", mulai=date(2026, 6, 1), selesai=None)  # fmt: skip


# --- the page ---------------------------------------------------------------------------------


def test_halaman_tangga_izin(client, pemeran):
    url = "/penilaian/periode/"
    assert client.get(url).status_code == 302
    client.force_login(pemeran.pegawai.user)
    assert client.get(url).status_code == 403
    client.force_login(pemeran.admin.user)
    r = client.get(url + "?tahun=2026")
    assert r.status_code == 200
    assert "Triwulan IV-Akhir" in r.content.decode()
    assert "31 Januari 2027" in r.content.decode()


def test_halaman_tanpa_id_kembar_setiap_label_menunjuk_isiannya(client, pemeran):
    # The page holds several forms with fields of the same name (pegawai, jenis): each label
    # must point at its own form's field, or a click on it (and a screen reader) lands in
    # another form.
    client.force_login(pemeran.admin.user)
    html = client.get("/penilaian/periode/?tahun=2026").content.decode()
    semua_id = re.findall(r'\sid="([^"]+)"', html)
    kembar = sorted({i for i in semua_id if semua_id.count(i) > 1})
    assert not kembar, kembar
    for tujuan in re.findall(r'<label[^>]*\sfor="([^"]+)"', html):
        assert tujuan in semua_id, tujuan


def test_perpanjang_lewat_halaman_dan_instansi_lain_404(client, pemeran):
    tw1 = periode_tahun(pemeran.instansi, 2026)[0]
    client.force_login(pemeran.admin_lain.user)
    r = client.post(
        f"/penilaian/periode/{tw1.pk}/perpanjang/",
        {f"p{tw1.pk}-tenggat": "2026-04-30", f"p{tw1.pk}-alasan": "x"},
    )
    assert r.status_code == 404
    client.force_login(pemeran.admin.user)
    r = client.post(
        f"/penilaian/periode/{tw1.pk}/perpanjang/",
        {f"p{tw1.pk}-tenggat": "2026-04-01", f"p{tw1.pk}-alasan": "x"},
    )
    assert r.status_code == 200 and "harus setelah batas" in r.content.decode()
    assert Periode.objects.get(pk=tw1.pk).tenggat == date(2026, 4, 14)
    r = client.post(
        f"/penilaian/periode/{tw1.pk}/perpanjang/",
        {f"p{tw1.pk}-tenggat": "2026-04-30", f"p{tw1.pk}-alasan": "Server mati"},
    )
    assert r.status_code == 302
    assert Periode.objects.get(pk=tw1.pk).tenggat == date(2026, 4, 30)


def test_masa_tidak_dinilai_lewat_halaman_nip_berspasi(client, pemeran):
    client.force_login(pemeran.admin.user)
    nip = pemeran.pegawai.nip_cetak
    r = client.post("/penilaian/periode/tidak-dinilai/", {"instansi": pemeran.instansi.pk, "tahun": 2026,
                    "pegawai": nip, "jenis": "mpp", "mulai": "2026-05-01"})  # fmt: skip
    assert r.status_code == 302
    assert pemeran.pegawai.masa_tidak_dinilai.get().jenis == "mpp"
    r = client.post("/penilaian/periode/tidak-dinilai/", {"instansi": pemeran.instansi.pk, "tahun": 2026,
                    "pegawai": pemeran.pegawai_lain.nip, "jenis": "mpp", "mulai": "2026-05-01"})  # fmt: skip
    assert "tidak terdaftar" in r.content.decode()
