"""The unit and position trees (organisasi/pohon.py): one rule refuses a cycle in the Django
admin, in any ModelForm and in the import; the walks of organisasi.selectors stop on a cycle
forced into the database anyway (queryset.update bypasses every check)."""

import io

import pytest
from django.urls import reverse

from organisasi import impor
from organisasi.models import Instansi, Jabatan, Pegawai, UnitKerja
from organisasi.pohon import dalam_siklus
from organisasi.selectors import (
    atasan_langsung,
    pejabat_per_jabatan,
    penilai_per_pegawai,
    rantai_atasan,
)
from tests.batas_waktu import selesai_dalam
from tests.factories import JabatanFactory, PegawaiFactory, UnitKerjaFactory
from tests.organisasi.berkas import KASI, KEPALA, STAF, baris_baik, csv_bytes

PESAN_UNIT = "susunan unit kerja tidak boleh melingkar"
PESAN_JABATAN = "rantai atasan tidak boleh melingkar"


def test_dalam_siklus():
    assert dalam_siklus("a", {"a": "b", "b": "c", "c": "a"})
    assert dalam_siklus("a", {"a": "a"})
    assert not dalam_siklus("a", {"a": "b", "b": None})
    # `a` only leads into a loop further up: not a member, and the climb still ends.
    assert not dalam_siklus("a", {"a": "b", "b": "c", "c": "b"})


def _unit(pemeran) -> tuple[UnitKerja, UnitKerja, UnitKerja]:
    seksi = pemeran.pegawai.jabatan.unit_kerja
    return seksi.induk.induk, seksi.induk, seksi  # OPD, bidang, seksi


def _ubah_unit(client, unit: UnitKerja, induk: UnitKerja | None):
    data = {"instansi": unit.instansi_id, "kode": unit.kode, "nama": unit.nama,
            "induk": induk.pk if induk else ""}  # fmt: skip
    return client.post(reverse("admin:organisasi_unitkerja_change", args=[unit.pk]), data)


def _ubah_jabatan(client, jabatan: Jabatan, atasan: Jabatan | None):
    data = {"instansi": jabatan.instansi_id, "unit_kerja": jabatan.unit_kerja_id,
            "nama": jabatan.nama, "jenis": jabatan.jenis, "atasan": atasan.pk if atasan else ""}  # fmt: skip
    return client.post(reverse("admin:organisasi_jabatan_change", args=[jabatan.pk]), data)


@pytest.mark.parametrize("ke", ["seksi", "bidang", "dirinya"])
def test_admin_menolak_unit_di_bawah_turunannya_sendiri(client, pemeran, ke):
    opd, bidang, seksi = _unit(pemeran)
    client.force_login(pemeran.admin.user)
    induk = {"seksi": seksi, "bidang": bidang, "dirinya": opd}[ke]

    respons = _ubah_unit(client, opd, induk)

    assert respons.status_code == 200
    assert PESAN_UNIT in str(respons.context["adminform"].form.errors["induk"])
    opd.refresh_from_db()
    assert opd.induk_id is None


def test_admin_memindahkan_unit_tanpa_lingkaran_diterima(client, pemeran):
    opd, bidang, seksi = _unit(pemeran)
    client.force_login(pemeran.admin.user)
    assert _ubah_unit(client, seksi, opd).status_code == 302
    seksi.refresh_from_db()
    assert seksi.induk == opd


@pytest.mark.parametrize("siapa", ["pegawai", "atasan", "kepala"])
def test_admin_menolak_jabatan_di_bawah_bawahannya_sendiri(client, pemeran, siapa):
    kepala = pemeran.kepala.jabatan
    client.force_login(pemeran.admin.user)

    respons = _ubah_jabatan(client, kepala, getattr(pemeran, siapa).jabatan)

    assert respons.status_code == 200
    assert PESAN_JABATAN in str(respons.context["adminform"].form.errors["atasan"])
    kepala.refresh_from_db()
    assert kepala.atasan_id is None


def test_lingkaran_lewat_jabatan_lowong_juga_ditolak(client, pemeran):
    """A vacant position has no holder to climb by NIP: the rule climbs positions."""
    lowong = JabatanFactory(unit_kerja=pemeran.pegawai.jabatan.unit_kerja,
                            atasan=pemeran.pegawai.jabatan, nama="Koordinator (lowong)")  # fmt: skip
    client.force_login(pemeran.admin.user)
    respons = _ubah_jabatan(client, pemeran.atasan.jabatan, lowong)
    assert PESAN_JABATAN in str(respons.context["adminform"].form.errors["atasan"])
    # Moving the Kasi under the other Kabid-level position is fine.
    assert _ubah_jabatan(client, pemeran.atasan.jabatan, pemeran.kepala.jabatan).status_code == 302


def test_lingkaran_yang_sudah_ada_di_atas_tidak_membuat_pemeriksaan_berputar(pemeran):
    """A cycle already in the data above the new parent (not through the edited row) ends the
    check, which does not refuse the edit for it."""
    a = UnitKerjaFactory(instansi=pemeran.instansi, kode="8.01")
    b = UnitKerjaFactory(instansi=pemeran.instansi, kode="8.02", induk=a)
    UnitKerja.objects.filter(pk=a.pk).update(induk=b)
    c = UnitKerjaFactory(instansi=pemeran.instansi, kode="8.03")
    c.induk = a
    with selesai_dalam():
        c.full_clean()


def test_impor_menolak_lingkaran_lewat_jabatan_lowong(db):
    """The import's own check: the Kepala put under a pegawai (not in the file) who sits under
    a vacant position under the staff. By NIP alone the chain stopped at the vacant position."""
    instansi = Instansi.objects.create(nama="Pemerintah Kabupaten Pohon")

    def jalankan(baris) -> impor.Rencana:
        return impor.impor_pegawai(instansi=instansi, berkas=io.BytesIO(csv_bytes(baris)),
                                   nama_berkas="pegawai.csv", maks_bytes=1024 * 1024)  # fmt: skip

    assert jalankan(baris_baik()).masalah == []
    staf = Pegawai.objects.get(nip=STAF)
    lowong = JabatanFactory(unit_kerja=staf.jabatan.unit_kerja, atasan=staf.jabatan)
    luar = PegawaiFactory(jabatan=JabatanFactory(unit_kerja=staf.jabatan.unit_kerja, atasan=lowong))
    baris = baris_baik()
    baris[0]["nip_atasan"] = luar.nip

    masalah = [str(m) for m in jalankan(baris).masalah]

    assert any("baris 2" in m and "rantai atasan membentuk lingkaran" in m for m in masalah)
    assert Pegawai.objects.get(nip=KEPALA).jabatan.atasan_id is None


# --- walks that stop on a cycle forced into the database -----------------------------------


def _jabatan_melingkar(pemeran) -> None:
    """The kepala's position under the pegawai's: every position of the chain in one cycle."""
    Jabatan.objects.filter(pk=pemeran.kepala.jabatan_id).update(atasan=pemeran.pegawai.jabatan)


def test_rantai_atasan_berhenti_pada_lingkaran(pemeran):
    _jabatan_melingkar(pemeran)
    with selesai_dalam():
        assert rantai_atasan(pemeran.pegawai, batas=10) == [
            pemeran.atasan, pemeran.atasan_atasan, pemeran.kepala]  # fmt: skip
        assert atasan_langsung(Pegawai.objects.get(pk=pemeran.kepala.pk)) == pemeran.pegawai


def test_jabatan_lowong_melingkar_tidak_membuat_pencarian_penilai_berputar(pemeran):
    """A cycle of vacant positions: climbing for a holder goes round once and gives none."""
    _jabatan_melingkar(pemeran)
    for orang in (pemeran.atasan, pemeran.atasan_atasan, pemeran.kepala):
        orang.aktif = False
        orang.save()
    kasi = pemeran.atasan.jabatan_id
    with selesai_dalam():
        assert atasan_langsung(pemeran.pegawai) is None
        assert pejabat_per_jabatan([kasi], kecuali=pemeran.pegawai.pk) == {kasi: None}
        assert penilai_per_pegawai({pemeran.pegawai.pk: kasi}) == {}
        # From the Kasi, round the vacant ones to the one filled position of the cycle.
        assert atasan_langsung(Pegawai.objects.get(pk=pemeran.atasan.pk)) == pemeran.pegawai


def test_impor_berhenti_pada_lingkaran_di_basis_data(pemeran):
    """An import into an instansi whose stored trees already hold a cycle ends, and names it
    when the file's rows are part of it."""
    opd, _, seksi = _unit(pemeran)
    UnitKerja.objects.filter(pk=opd.pk).update(induk=seksi)
    _jabatan_melingkar(pemeran)
    baris = [{"nip": KASI, "nama": "Baru", "pangkat_golongan": "III/d", "jenis_jabatan": "Pengawas",
              "jabatan": "Kepala Seksi", "kode_unit": seksi.kode, "nama_unit": seksi.nama,
              "kode_unit_induk": seksi.induk.kode, "nip_atasan": pemeran.pegawai.nip}]  # fmt: skip
    with selesai_dalam():
        rencana = impor.rencanakan(
            pemeran.instansi,
            impor.baca_berkas_pegawai(io.BytesIO(csv_bytes(baris)), "p.csv", maks_bytes=10**6),
        )
    assert any("lingkaran" in str(m) for m in rencana.masalah)
