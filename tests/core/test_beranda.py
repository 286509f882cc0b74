from django.urls import reverse


def test_beranda_pegawai(client, pemeran):
    client.force_login(pemeran.pegawai.user)
    isi = client.get(reverse("beranda")).content.decode()
    assert "Data Anda sebagai pegawai yang dinilai" in isi
    assert "Bawahan yang Anda nilai" not in isi
    assert "Impor Pegawai" not in isi


def test_beranda_atasan_menampilkan_bawahan(client, pemeran):
    client.force_login(pemeran.atasan.user)
    isi = client.get(reverse("beranda")).content.decode()
    assert "Bawahan yang Anda nilai (1)" in isi
    assert pemeran.pegawai.nama in isi


def test_beranda_admin(client, pemeran):
    client.force_login(pemeran.admin.user)
    isi = client.get(reverse("beranda")).content.decode()
    assert "Admin instansi" in isi and pemeran.instansi.nama in isi
    assert reverse("organisasi:impor_pegawai") in isi


def test_seed_demo_idempoten_dan_mencetak_login(db):
    import io

    from django.core.management import call_command

    from organisasi.models import AdminInstansi, Pegawai

    out = io.StringIO()
    call_command("seed_demo", password="demo-uji", stdout=out)
    call_command("seed_demo", password="demo-uji", stdout=io.StringIO())
    assert Pegawai.objects.count() >= 25
    assert AdminInstansi.objects.count() == 1
    teks = out.getvalue()
    assert "19920314 201903 1 005" in teks and "Admin instansi" in teks
    out = io.StringIO()
    call_command("seed_demo", jika_kosong=True, stdout=out)
    assert "Data demo sudah ada" in out.getvalue()
