"""Who sees a pegawai's jurnal and dialogs follows the SKP rule (skp.access.visible_pegawai): the
pegawai, their atasan chain by position as it is now (Plt/Plh included), the admin of their
instansi. After a transfer the new atasan sees at once and the old one no longer does; a Plt of
the atasan's position is the atasan in a dialog."""

from datetime import timedelta

from django.urls import reverse

from monitoring import access
from monitoring.models import DialogKinerja, PihakDialog
from organisasi.models import Pegawai, PenugasanSementara
from skp.access import visible_pegawai
from tests.monitoring.conftest import HARI


def test_aturan_sama_dengan_skp(pemeran, jurnal, superuser):
    semua = list(Pegawai.objects.all())
    for p in [*semua, superuser]:
        user = p if p is superuser else p.user
        assert set(access.pegawai_terlihat(user)) == set(visible_pegawai(user))
    terlihat = {p for p in semua if access.boleh_lihat(pemeran.atasan.user, p)}
    assert pemeran.pegawai in terlihat and pemeran.orang_luar not in terlihat


def test_setelah_mutasi_atasan_baru_melihat_yang_lama_tidak(client, pemeran, jurnal):
    url = reverse("monitoring:pegawai", args=[pemeran.pegawai.pk])
    jabatan = pemeran.pegawai.jabatan
    jabatan.atasan = pemeran.rekan_atasan.jabatan
    jabatan.unit_kerja = pemeran.rekan_atasan.jabatan.unit_kerja
    jabatan.save()
    client.force_login(pemeran.atasan.user)
    assert client.get(url).status_code == 404
    client.force_login(pemeran.rekan_atasan.user)
    assert client.get(url).status_code == 200
    assert access.pihak_dialog(pemeran.rekan_atasan.user, pemeran.pegawai) == PihakDialog.ATASAN
    assert access.pihak_dialog(pemeran.atasan.user, pemeran.pegawai) is None


def test_plt_atasan_mencatat_dialog_sebagai_atasan(client, pemeran, jurnal):
    PenugasanSementara.objects.create(
        jabatan=pemeran.atasan.jabatan, pegawai=pemeran.rekan_atasan,
        mulai=HARI - timedelta(days=1), selesai=HARI + timedelta(days=30),
    )  # fmt: skip
    client.force_login(pemeran.rekan_atasan.user)
    r = client.post(
        reverse("monitoring:dialog_tambah", args=[pemeran.pegawai.pk]),
        {"token": "p", "tanggal": "2026-05-15", "jenis": "mentoring", "topik": "Serah terima",
         "kesepakatan": "Rekap tetap dikirim tiap Jumat"},
    )  # fmt: skip
    assert r.status_code == 302
    assert DialogKinerja.objects.get().atasan == pemeran.rekan_atasan
