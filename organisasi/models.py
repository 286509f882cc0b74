from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone

from organisasi.nip import format_nip, is_pppk, validate_nip
from organisasi.pangkat import Golongan, nama_pangkat
from organisasi.pohon import induk_melingkar


class Instansi(models.Model):
    """A Pemda or ministry: the boundary of an admin's data."""

    nama = models.CharField("nama instansi", max_length=200, unique=True)
    lokasi = models.CharField(
        "tempat penandatanganan", max_length=100, blank=True, help_text="Misalnya: Sleman"
    )

    class Meta:
        verbose_name = "instansi"
        verbose_name_plural = "instansi"
        ordering = ["nama"]

    def __str__(self) -> str:
        return self.nama


class UnitKerja(models.Model):
    """A node of the unit tree: OPD -> bidang -> subbidang/seksi."""

    instansi = models.ForeignKey(Instansi, on_delete=models.CASCADE, related_name="unit_kerja")
    kode = models.CharField(max_length=50)
    nama = models.CharField(max_length=255)
    induk = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="sub_unit"
    )

    class Meta:
        verbose_name = "unit kerja"
        verbose_name_plural = "unit kerja"
        ordering = ["kode"]
        constraints = [
            models.UniqueConstraint(
                fields=["instansi", "kode"], name="unit_kode_unik_per_instansi"
            ),
            models.CheckConstraint(
                condition=~Q(induk=models.F("id")), name="unit_bukan_induk_sendiri"
            ),
        ]

    def __str__(self) -> str:
        return self.nama

    def clean(self) -> None:
        if induk_melingkar(self, "induk"):
            raise ValidationError(
                {
                    "induk": "Unit induk ini adalah unit ini sendiri atau berada di bawahnya; "
                    "susunan unit kerja tidak boleh melingkar. Pilih unit induk lain."
                }
            )


class JenisJabatan(models.TextChoices):
    JPT = "jpt", "JPT"
    ADMINISTRATOR = "administrator", "Administrator"
    PENGAWAS = "pengawas", "Pengawas"
    PELAKSANA = "pelaksana", "Pelaksana"
    FUNGSIONAL = "fungsional", "Fungsional"


class Jenjang(models.TextChoices):
    """Jenjang of a jabatan fungsional (keterampilan, then keahlian): sets its koefisien of
    angka kredit (penilaian.angka_kredit)."""

    PEMULA = "pemula", "Pemula"
    TERAMPIL = "terampil", "Terampil"
    MAHIR = "mahir", "Mahir"
    PENYELIA = "penyelia", "Penyelia"
    AHLI_PERTAMA = "ahli_pertama", "Ahli Pertama"
    AHLI_MUDA = "ahli_muda", "Ahli Muda"
    AHLI_MADYA = "ahli_madya", "Ahli Madya"
    AHLI_UTAMA = "ahli_utama", "Ahli Utama"

    @classmethod
    def baca(cls, teks: str) -> "Jenjang | None":
        """A jenjang from its value or label, case- and space-insensitive ("ahli pertama")."""
        kunci = " ".join(str(teks).lower().replace("_", " ").split())
        return next((j for j in cls if kunci in (j.value.replace("_", " "), j.label.lower())), None)


class Jabatan(models.Model):
    """A position. `atasan` is the superior position; the atasan of a person is derived from it."""

    instansi = models.ForeignKey(Instansi, on_delete=models.CASCADE, related_name="jabatan")
    unit_kerja = models.ForeignKey(UnitKerja, on_delete=models.PROTECT, related_name="jabatan")
    nama = models.CharField("nama jabatan", max_length=255)
    jenis = models.CharField("jenis jabatan", max_length=20, choices=JenisJabatan.choices)
    atasan = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="bawahan",
        verbose_name="jabatan atasan",
    )
    jenjang = models.CharField(
        "jenjang jabatan fungsional", max_length=20, choices=Jenjang.choices, blank=True,
        help_text="Hanya untuk jabatan fungsional; menentukan koefisien angka kredit.",
    )  # fmt: skip

    class Meta:
        verbose_name = "jabatan"
        verbose_name_plural = "jabatan"
        ordering = ["unit_kerja__kode", "nama"]
        constraints = [
            models.CheckConstraint(
                condition=Q(jenis__in=JenisJabatan.values), name="jabatan_jenis_sah"
            ),
            models.CheckConstraint(
                condition=~Q(atasan=models.F("id")), name="jabatan_bukan_atasan_sendiri"
            ),
            models.CheckConstraint(
                condition=Q(jenjang="")
                | Q(jenjang__in=Jenjang.values, jenis=JenisJabatan.FUNGSIONAL),
                name="jabatan_jenjang_hanya_fungsional",
            ),
        ]

    def __str__(self) -> str:
        return self.nama

    def clean(self) -> None:
        if self.jenjang and self.jenis != JenisJabatan.FUNGSIONAL:
            raise ValidationError(
                {"jenjang": "Jenjang hanya diisi untuk jabatan fungsional; kosongkan jenjang "
                 "atau ubah jenis jabatan menjadi Fungsional."}
            )  # fmt: skip
        if induk_melingkar(self, "atasan"):
            raise ValidationError(
                {
                    "atasan": "Jabatan atasan ini adalah jabatan ini sendiri atau berada di "
                    "bawahnya; rantai atasan tidak boleh melingkar. Pilih jabatan atasan lain."
                }
            )


class Pegawai(models.Model):
    """An ASN (PNS or PPPK). Signs in with the NIP as username."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="pegawai",
    )
    instansi = models.ForeignKey(Instansi, on_delete=models.PROTECT, related_name="pegawai")
    nip = models.CharField("NIP", max_length=18, unique=True, validators=[validate_nip])
    nama = models.CharField(max_length=200)
    gelar_depan = models.CharField(max_length=50, blank=True)
    gelar_belakang = models.CharField(max_length=100, blank=True)
    golongan = models.CharField("pangkat/golongan", max_length=5, choices=Golongan.choices)
    jabatan = models.OneToOneField(
        Jabatan, null=True, blank=True, on_delete=models.SET_NULL, related_name="pemangku"
    )
    email = models.EmailField(blank=True)
    aktif = models.BooleanField(default=True)

    class Meta:
        verbose_name = "pegawai"
        verbose_name_plural = "pegawai"
        ordering = ["nama"]
        constraints = [
            models.CheckConstraint(
                condition=Q(golongan__in=Golongan.values), name="pegawai_golongan_sah"
            ),
        ]
        indexes = [
            models.Index(fields=["instansi", "nama"]),
            # The admin's Daftar pegawai (ordered by name, then NIP, 50 a page): read in index
            # order and stop at 50, instead of joining and sorting every pegawai (27 ms -> 1 ms
            # at 20,000 pegawai).
            models.Index(fields=["nama", "nip"], name="pegawai_nama_nip"),
        ]

    def __str__(self) -> str:
        return f"{self.nama_lengkap} ({self.nip_cetak})"

    @property
    def nama_lengkap(self) -> str:
        """Name with gelar as printed on documents: "Dr. Budi Santoso, S.E., M.M."."""
        nama = f"{self.gelar_depan} {self.nama}".strip()
        return f"{nama}, {self.gelar_belakang}" if self.gelar_belakang else nama

    @property
    def nip_cetak(self) -> str:
        return format_nip(self.nip)

    @property
    def pppk(self) -> bool:
        return is_pppk(self.nip)

    @property
    def pangkat_golongan(self) -> str:
        """ "Penata Muda, III/a" for PNS, "Golongan IX" for PPPK."""
        pangkat = nama_pangkat(self.golongan)
        return f"{pangkat}, {self.golongan}" if pangkat else f"Golongan {self.golongan}"


class JenisPenugasan(models.TextChoices):
    PLT = "plt", "Pelaksana Tugas (Plt)"
    PLH = "plh", "Pelaksana Harian (Plh)"


class PenugasanSementara(models.Model):
    """A Plt/Plh: someone holds a (superior) position for a date range and acts as its holder."""

    jabatan = models.ForeignKey(
        Jabatan, on_delete=models.CASCADE, related_name="penugasan_sementara"
    )
    pegawai = models.ForeignKey(
        Pegawai, on_delete=models.CASCADE, related_name="penugasan_sementara"
    )
    jenis = models.CharField(
        max_length=3, choices=JenisPenugasan.choices, default=JenisPenugasan.PLT
    )
    mulai = models.DateField()
    selesai = models.DateField()
    nomor_sk = models.CharField("nomor SK", max_length=100, blank=True)

    class Meta:
        verbose_name = "Plt/Plh"
        verbose_name_plural = "Plt/Plh"
        ordering = ["-mulai"]
        constraints = [
            models.CheckConstraint(
                condition=Q(selesai__gte=models.F("mulai")),
                name="penugasan_rentang_sah",
                violation_error_message="Tanggal selesai tidak boleh sebelum tanggal mulai.",
            ),
            models.CheckConstraint(
                condition=Q(jenis__in=JenisPenugasan.values), name="penugasan_jenis_sah"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_jenis_display()} {self.jabatan} — {self.pegawai.nama_lengkap}"

    def clean(self) -> None:
        if (
            self.jabatan_id
            and self.pegawai_id
            and self.pegawai.instansi_id != self.jabatan.instansi_id
        ):
            raise ValidationError({"pegawai": "Plt/Plh harus pegawai dari instansi yang sama."})
        if self.jabatan_id and self.mulai and self.selesai:
            # Two acting holders of one position on the same day would make the atasan ambiguous.
            bentrok = PenugasanSementara.objects.filter(
                jabatan_id=self.jabatan_id, mulai__lte=self.selesai, selesai__gte=self.mulai
            ).exclude(pk=self.pk)
            if bentrok.exists():
                raise ValidationError(
                    "Sudah ada Plt/Plh lain untuk jabatan ini pada rentang tanggal tersebut."
                )


class AdminInstansi(models.Model):
    """A user who administers one instansi (kepegawaian/perencanaan); sees only its data."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="admin_instansi"
    )
    instansi = models.ForeignKey(Instansi, on_delete=models.CASCADE, related_name="admin")

    class Meta:
        verbose_name = "admin instansi"
        verbose_name_plural = "admin instansi"
        constraints = [
            models.UniqueConstraint(fields=["user", "instansi"], name="admin_instansi_unik"),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.instansi}"


class StatusImpor(models.TextChoices):
    PRATINJAU = "pratinjau", "Pratinjau"
    DITERAPKAN = "diterapkan", "Diterapkan"
    DIBATALKAN = "dibatalkan", "Dibatalkan"
    DITOLAK = "ditolak", "Ditolak (berkas bermasalah)"


class ImporPegawai(models.Model):
    """One upload of the pegawai spreadsheet: its parsed rows wait here between preview and
    confirmation, and the record stays as the history of who loaded what."""

    instansi = models.ForeignKey(Instansi, on_delete=models.CASCADE, related_name="impor_pegawai")
    diunggah_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    nama_berkas = models.CharField(max_length=255)
    dibuat = models.DateTimeField(auto_now_add=True)
    status = models.CharField(
        max_length=12, choices=StatusImpor.choices, default=StatusImpor.PRATINJAU
    )
    baris = models.JSONField(default=list)
    ringkasan = models.JSONField(default=dict)
    # Row by row what the file creates or changes (core.rincian): the preview shows it, and it
    # stays as the record of what was applied; the overview is what the page shows first.
    rincian = models.JSONField(default=dict, blank=True)
    rincian_ikhtisar = models.JSONField(default=dict, blank=True)
    diterapkan_pada = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "impor pegawai"
        verbose_name_plural = "impor pegawai"
        ordering = ["-dibuat"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=StatusImpor.values), name="impor_status_sah"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.nama_berkas} ({self.get_status_display()})"


class SaluranUbahAkun(models.TextChoices):
    IMPOR = "impor", "Impor pegawai"
    ADMIN = "admin", "Admin Django"


class RiwayatEmailAkun(models.Model):
    """One change of a login's email, kept for good: the email is where "Lupa kata sandi" sends
    the link, so changing it hands over the account. Append-only; the old address is told."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="riwayat_email",
        verbose_name="akun",
    )
    # Kept apart from `user` so the row still says whose login it was after the login is gone.
    username = models.CharField("nama pengguna", max_length=150)
    email_lama = models.EmailField("email lama", blank=True)
    email_baru = models.EmailField("email baru", blank=True)
    oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="diubah oleh",
    )
    melalui = models.CharField(max_length=5, choices=SaluranUbahAkun.choices)
    dibuat = models.DateTimeField("waktu", auto_now_add=True)

    class Meta:
        verbose_name = "riwayat email akun"
        verbose_name_plural = "riwayat email akun"
        ordering = ["-dibuat", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(melalui__in=SaluranUbahAkun.values), name="riwayat_email_melalui_sah"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.username}: {self.email_lama or '-'} → {self.email_baru or '-'}"


class SuratAktivasi(models.Model):
    """One activation letter: a one-time code with which a pegawai without email sets a
    password (`organisasi.aktivasi`). The code is never stored, only a keyed hash of it. A row
    is the record of who issued which letter for whom and when, and of its use; it is never
    deleted, and a newer letter for the same pegawai marks it `diganti`."""

    pegawai = models.ForeignKey(
        Pegawai, null=True, on_delete=models.SET_NULL, related_name="surat_aktivasi"
    )
    instansi = models.ForeignKey(Instansi, on_delete=models.CASCADE, related_name="+")
    # Kept apart from `pegawai`: the record still says for whom after the pegawai is deleted,
    # and the activation page finds the letters by the NIP typed.
    nip = models.CharField("NIP", max_length=18, db_index=True)
    kode_hash = models.CharField(max_length=64)
    dibuat = models.DateTimeField("diterbitkan", default=timezone.now)
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="diterbitkan oleh",
    )
    berlaku_sampai = models.DateTimeField("berlaku sampai")
    dipakai = models.DateTimeField("dipakai pada", null=True, blank=True)
    dipakai_dari = models.GenericIPAddressField("dipakai dari alamat", null=True, blank=True)
    diganti = models.DateTimeField("diganti surat baru pada", null=True, blank=True)

    class Meta:
        verbose_name = "surat aktivasi"
        verbose_name_plural = "surat aktivasi"
        ordering = ["-dibuat", "-pk"]
        constraints = [
            # One code at a time: issuing a letter closes the previous one in the same write.
            models.UniqueConstraint(
                fields=["pegawai"],
                condition=Q(dipakai__isnull=True, diganti__isnull=True),
                name="aktivasi_satu_kode_terbuka",
            ),
            models.CheckConstraint(
                condition=Q(dipakai__isnull=True) | Q(diganti__isnull=True),
                name="aktivasi_dipakai_atau_diganti",
            ),
        ]

    def __str__(self) -> str:
        return f"Surat aktivasi {self.nip} ({self.dibuat:%Y-%m-%d})"

    @property
    def keadaan(self) -> str:
        """dipakai, diganti, kedaluwarsa or berlaku."""
        if self.dipakai:
            return "dipakai"
        if self.diganti:
            return "diganti"
        return "kedaluwarsa" if self.berlaku_sampai <= timezone.now() else "berlaku"
