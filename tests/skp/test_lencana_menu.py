"""The menu button (folded on a phone) carries the count of what waits behind it: SKP in the
Kotak Masuk and unread notifications, said in words for a screen reader."""

from django.urls import reverse

from skp import services
from skp.models import Notifikasi


def lencana(client) -> str:
    isi = client.get(reverse("beranda")).content.decode()
    awal = isi.index('id="tombol-menu"')
    return isi[awal : isi.index("</button>", awal)]


def test_tanpa_yang_menunggu_tombol_menu_tanpa_angka(client, pemeran, skp_pegawai):
    Notifikasi.objects.filter(penerima=pemeran.pegawai.user).update(dibaca=True)
    client.force_login(pemeran.pegawai.user)
    tombol = lencana(client)
    assert 'aria-label="Buka menu"' in tombol and "lencana-menu" not in tombol


def test_lencana_menjumlah_kotak_masuk_dan_notifikasi(
    client, pemeran, skp_pegawai, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.ajukan(user=pemeran.pegawai.user, skp=skp_pegawai)
    atasan = pemeran.atasan.user
    belum = Notifikasi.objects.filter(penerima=atasan, dibaca=False).count()
    assert belum >= 1  # the submission told the penilai
    client.force_login(atasan)
    tombol = lencana(client)
    assert f'<span class="badge rounded-pill text-bg-warning lencana-menu">{1 + belum}</span>' in (
        tombol
    )
    assert f"belum ditangani (1 SKP menunggu keputusan, {belum} notifikasi belum dibaca)" in tombol
    assert "aria-label" not in tombol  # the visible number is part of the name (axe)
    # Read notifications are no longer counted; the waiting SKP still is.
    services.notifikasi.tandai_dibaca(user=atasan)
    tombol = lencana(client)
    assert 'lencana-menu">1</span>' in tombol
    assert "belum ditangani (1 SKP menunggu keputusan)" in tombol
