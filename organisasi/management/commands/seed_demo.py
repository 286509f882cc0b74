"""Builds (idempotently) the demo Pemda and prints its logins."""

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.test.utils import override_settings

from core.versi import VERSI, naikkan
from organisasi import demo, impor, services
from organisasi.models import Instansi, Pegawai

KATA_SANDI_DEMO = "demo12345"


class Command(BaseCommand):
    help = "Membuat data demo (Pemerintah Kabupaten Sukamaju) dan mencetak daftar login demo."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--password", default=KATA_SANDI_DEMO, help="Kata sandi semua akun demo."
        )
        parser.add_argument(
            "--jika-kosong",
            action="store_true",
            help="Hanya memuat data bila basis data belum berisi pegawai (dipakai oleh 'make run').",
        )

    def handle(self, *args, **options) -> None:
        ada_demo = Instansi.objects.filter(nama=demo.NAMA_INSTANSI).exists()
        if options["jika_kosong"] and Pegawai.objects.exists():
            if ada_demo:
                self.stdout.write("Data demo sudah ada; tidak dimuat ulang.")
                self._cetak_login(kata_sandi=None)
            else:
                self.stdout.write("Basis data sudah berisi pegawai; data demo tidak dimuat.")
            return
        # The demo workflow sends the usual notification emails; demo people have no mailbox, and
        # on the console backend of `make run` they would bury the login table in mail.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
            self._muat(options["password"])
        self._cetak_login(kata_sandi=options["password"])

    @transaction.atomic
    def _muat(self, kata_sandi: str) -> None:
        instansi, _ = Instansi.objects.get_or_create(
            nama=demo.NAMA_INSTANSI, defaults={"lokasi": demo.LOKASI}
        )
        rencana = impor.rencana_dari_nilai(
            [
                (
                    nomor,
                    {
                        "nip": o.nip,
                        "nama": o.nama,
                        "gelar_depan": o.gelar_depan,
                        "gelar_belakang": o.gelar_belakang,
                        "pangkat_golongan": o.golongan,
                        "jenis_jabatan": o.jenis,
                        "jabatan": o.jabatan,
                        "kode_unit": o.kode_unit,
                        "nama_unit": o.nama_unit,
                        "kode_unit_induk": o.kode_unit_induk,
                        "nip_atasan": o.nip_atasan,
                        "email": f"{o.nip}@demo.sukamaju.go.id",
                    },
                )  # fmt: skip
                for nomor, o in enumerate(demo.ORANG, start=1)
            ]
        )
        rencana = impor.rencanakan(instansi, rencana)
        if rencana.masalah:
            raise CommandError(
                "Data demo tidak sah:\n" + "\n".join(str(m) for m in rencana.masalah)
            )
        if rencana.ada_perubahan:
            impor.terapkan(instansi, rencana)
        User = get_user_model()
        # One hash for every demo account: hashing 27 passwords one by one takes many seconds.
        User.objects.filter(username__in=[o.nip for o in demo.ORANG]).update(
            password=make_password(kata_sandi)
        )
        admin_user = User.objects.get(username=demo.NIP_ADMIN)
        services.jadikan_admin_instansi(user=admin_user, instansi=instansi)
        superuser, _ = User.objects.get_or_create(
            username="admin", defaults={"email": "admin@demo.sukamaju.go.id"}
        )
        superuser.is_staff = superuser.is_superuser = True
        superuser.password = make_password(kata_sandi)
        superuser.save()
        from perencanaan.demo import muat_demo  # here: organisasi must not import it at load

        self.stdout.write(muat_demo(instansi))
        from skp.demo import muat_demo as muat_demo_skp  # after the Renstra its JPT RHK link to

        self.stdout.write(muat_demo_skp(instansi))
        from penilaian.demo import muat_demo as muat_demo_penilaian  # after the SKP it evaluates

        self.stdout.write(muat_demo_penilaian(instansi))
        from penilaian.demo import terbitkan_dokumen_evaluasi  # signed, after the ratings commit

        self.stdout.write(terbitkan_dokumen_evaluasi(instansi))
        from monitoring.demo import muat_demo as muat_demo_monitoring  # needs approved SKP

        self.stdout.write(muat_demo_monitoring(instansi))
        # The demo backdates rows with update(), which sends no signal: every answer kept
        # between requests (core/versi.py) is worked out afresh after the seed commits.
        naikkan(*sorted(VERSI))

    def _cetak_login(self, *, kata_sandi: str | None) -> None:
        pegawai = {p.nip: p for p in Pegawai.objects.filter(nip__in=[o.nip for o in demo.ORANG])}
        sandi = kata_sandi or "(kata sandi yang dipakai saat data demo dibuat; bawaan: demo12345)"
        self.stdout.write("")
        self.stdout.write(
            self.style.SUCCESS(f"Login demo {demo.NAMA_INSTANSI} — kata sandi: {sandi}")
        )
        self.stdout.write(f"{'NIP (login)':<24}{'Nama':<28}{'Peran'}")
        self.stdout.write("-" * 90)
        for o in demo.ORANG:
            if o.peran and o.nip in pegawai:
                self.stdout.write(f"{pegawai[o.nip].nip_cetak:<24}{o.nama:<28}{o.peran}")
        self.stdout.write(f"{'admin':<24}{'(superuser)':<28}Superuser, Django admin di /admin/")
        self.stdout.write(
            "Semua pegawai demo lain memakai NIP masing-masing dengan kata sandi yang sama."
        )
