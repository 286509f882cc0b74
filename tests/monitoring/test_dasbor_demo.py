"""seed_demo gives every dashboard something real on first sign-in with the demo logins: Andi
Saputra's Dasbor Kinerja (RHK with progress, an open follow-up, umpan balik, predikat), Siti
Rahmawati's Dasbor Tim (three bawahan with approved SKP), Teguh Santoso's Monitoring Pengisian
(the Dinas Kesehatan's figures) and Monitoring Kurva (units with a capaian, fitting or not)."""

import io
from datetime import date

from django.core.management import call_command
from django.urls import reverse

from monitoring.models import DialogKinerja
from organisasi.models import AdminInstansi, Pegawai
from penilaian.models import CapaianUnit
from tests.monitoring.conftest import pada
from tests.monitoring.test_demo import NIP_ANDI, demo  # noqa: F401 (fixture)

NIP_SITI = "197203101998031006"
NIP_TEGUH = "199002022014031002"


def _html(client, nip: str, url: str) -> str:
    client.force_login(Pegawai.objects.get(nip=nip).user)
    r = client.get(url)
    assert r.status_code == 200, url
    return r.content.decode()


def test_demo_mengisi_setiap_dasbor(client, demo):  # noqa: F811
    with pada(date(2026, 8, 20)):
        html = _html(client, NIP_ANDI, reverse("monitoring:dasbor"))
        assert html.count('class="rhk-ringkas"') == 2 and 'role="progressbar"' in html
        assert 'class="mb-2 tindak-lanjut-dasbor"' in html
        assert 'class="mb-3 umpan-balik-dasbor"' in html and 'class="titik-predikat"' in html

        html = _html(client, NIP_SITI, reverse("monitoring:tim"))
        assert html.count('class="baris-tim') == 3 and "Belum ada SKP disetujui" not in html

        teguh = Pegawai.objects.get(nip=NIP_TEGUH)
        instansi = AdminInstansi.objects.get(user=teguh.user).instansi
        html = _html(client, NIP_TEGUH, reverse("monitoring:pengisian", args=[instansi.pk]))
        assert "Dinas Kesehatan" in html and 'aria-valuetext="10 dari' in html

        # a capaian for each period ended (triwulan I and II by 20 August: penilaian.demo)
        assert CapaianUnit.objects.values("periode").distinct().count() == 2
        html = _html(client, NIP_TEGUH, reverse("monitoring:kurva", args=[instansi.pk])
                     + f"?periode={CapaianUnit.objects.first().periode_id}")  # fmt: skip
        assert 'id="kurva-kosong"' not in html and 'class="kurva-distribusi"' in html
        assert "TIDAK sesuai" in html and "Sesuai pola" in html
    assert DialogKinerja.objects.exists()


def test_capaian_demo_tidak_bertambah_saat_diulang(demo):  # noqa: F811
    jumlah = CapaianUnit.objects.count()
    assert jumlah
    with pada(date(2026, 8, 21)):
        call_command("seed_demo", password="demo-uji", stdout=io.StringIO())
    assert CapaianUnit.objects.count() == jumlah
