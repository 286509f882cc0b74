"""factory_boy factories for the organisation. NIPs are generated valid and unique."""

from datetime import date, timedelta

import factory
from django.contrib.auth import get_user_model

from organisasi.models import Instansi, Jabatan, JenisJabatan, Pegawai, UnitKerja


def nip_sah(n: int) -> str:
    """A valid, unique PNS NIP for sequence number n (birth date varies, so no two collide)."""
    lahir = date(1970, 1, 1) + timedelta(days=n)
    return f"{lahir:%Y%m%d}{lahir.year + 25}0{1 + n % 9}{1 + n % 2}{1 + n % 999:03d}"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"pengguna{n}")
    password = factory.django.Password("rahasia-uji-123")


class InstansiFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Instansi

    nama = factory.Sequence(lambda n: f"Pemerintah Kabupaten Uji {n}")
    lokasi = "Uji"


class UnitKerjaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = UnitKerja

    instansi = factory.SubFactory(InstansiFactory)
    kode = factory.Sequence(lambda n: f"9.{n:02d}")
    nama = factory.Sequence(lambda n: f"Unit Uji {n}")


class JabatanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Jabatan

    unit_kerja = factory.SubFactory(UnitKerjaFactory)
    instansi = factory.SelfAttribute("unit_kerja.instansi")
    nama = factory.Sequence(lambda n: f"Jabatan Uji {n}")
    jenis = JenisJabatan.PELAKSANA
    atasan = None


class PegawaiFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Pegawai

    nip = factory.Sequence(nip_sah)
    user = factory.SubFactory(UserFactory, username=factory.SelfAttribute("..nip"))
    jabatan = factory.SubFactory(JabatanFactory)
    instansi = factory.SelfAttribute("jabatan.instansi")
    nama = factory.Faker("name", locale="id_ID")
    golongan = "III/a"
