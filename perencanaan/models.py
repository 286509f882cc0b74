"""The planning chain of a Perangkat Daerah: Renstra (Tujuan -> Sasaran Strategis -> Indikator
Kinerja with a target per year) and the annual Renja (Program -> Kegiatan -> Sub Kegiatan).

Every row is keyed by its code within its Renstra (and year, for the Renja), so a re-upload
updates in place. Rows are never deleted by an upload: SKP items will point at TargetIndikator.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from organisasi.models import UnitKerja

TAHUN_MIN, TAHUN_MAKS = 2000, 2100
PERIODE_MAKS = 10  # years; a Renstra is normally 5
ANGKA = {"max_digits": 20, "decimal_places": 4, "null": True, "blank": True}
RUPIAH = {"max_digits": 18, "decimal_places": 2, "null": True, "blank": True}
PANJANG_NAMA = 1000  # tujuan and indikator statements can be long sentences


class Renstra(models.Model):
    unit = models.ForeignKey(
        UnitKerja,
        on_delete=models.PROTECT,
        related_name="renstra",
        verbose_name="perangkat daerah",
    )
    tahun_awal = models.PositiveSmallIntegerField()
    tahun_akhir = models.PositiveSmallIntegerField()
    dibuat = models.DateTimeField(auto_now_add=True)
    diubah = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "Renstra"
        verbose_name_plural = "Renstra"
        ordering = ["unit__kode", "-tahun_awal"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "tahun_awal", "tahun_akhir"], name="renstra_unik_per_periode"
            ),
            models.CheckConstraint(
                condition=Q(tahun_akhir__gte=F("tahun_awal"))
                & Q(tahun_akhir__lte=F("tahun_awal") + PERIODE_MAKS - 1),
                name="renstra_periode_sah",
            ),
            models.CheckConstraint(
                condition=Q(tahun_awal__gte=TAHUN_MIN, tahun_akhir__lte=TAHUN_MAKS),
                name="renstra_tahun_wajar",
            ),
        ]

    def __str__(self) -> str:
        return f"Renstra {self.unit} {self.periode}"

    @property
    def periode(self) -> str:
        return f"{self.tahun_awal}-{self.tahun_akhir}"

    @property
    def daftar_tahun(self) -> list[int]:
        return list(range(self.tahun_awal, self.tahun_akhir + 1))


class Tujuan(models.Model):
    renstra = models.ForeignKey(Renstra, on_delete=models.CASCADE, related_name="tujuan")
    kode = models.CharField(max_length=50)
    nama = models.CharField("tujuan", max_length=PANJANG_NAMA)

    class Meta:
        verbose_name = "tujuan"
        verbose_name_plural = "tujuan"
        ordering = ["renstra_id", "kode"]
        constraints = [
            models.UniqueConstraint(fields=["renstra", "kode"], name="tujuan_kode_unik"),
        ]

    def __str__(self) -> str:
        return f"{self.kode} {self.nama}"


class SasaranStrategis(models.Model):
    renstra = models.ForeignKey(Renstra, on_delete=models.CASCADE, related_name="sasaran")
    tujuan = models.ForeignKey(Tujuan, on_delete=models.CASCADE, related_name="sasaran")
    kode = models.CharField(max_length=50)
    nama = models.CharField("sasaran strategis", max_length=PANJANG_NAMA)

    class Meta:
        verbose_name = "sasaran strategis"
        verbose_name_plural = "sasaran strategis"
        ordering = ["renstra_id", "kode"]
        constraints = [
            models.UniqueConstraint(fields=["renstra", "kode"], name="sasaran_kode_unik"),
        ]

    def __str__(self) -> str:
        return f"{self.kode} {self.nama}"


class IndikatorKinerja(models.Model):
    """An indikator of a Sasaran Strategis; `iku` marks the Indikator Kinerja Utama."""

    renstra = models.ForeignKey(Renstra, on_delete=models.CASCADE, related_name="indikator")
    sasaran = models.ForeignKey(
        SasaranStrategis, on_delete=models.CASCADE, related_name="indikator"
    )
    kode = models.CharField(max_length=50)
    nama = models.CharField("indikator kinerja", max_length=PANJANG_NAMA)
    satuan = models.CharField(max_length=100)
    baseline = models.DecimalField(**ANGKA)
    baseline_teks = models.CharField("baseline (teks asli)", max_length=100, blank=True)
    iku = models.BooleanField("IKU", default=False)

    class Meta:
        verbose_name = "indikator kinerja"
        verbose_name_plural = "indikator kinerja"
        ordering = ["renstra_id", "kode"]
        constraints = [
            models.UniqueConstraint(fields=["renstra", "kode"], name="indikator_kode_unik"),
        ]

    def __str__(self) -> str:
        return f"{self.kode} {self.nama}"


class TargetIndikator(models.Model):
    """The target of an indikator for one year of the Renstra period. `teks` keeps the cell as
    it was written (e.g. "85,5%") next to the number read from it."""

    indikator = models.ForeignKey(IndikatorKinerja, on_delete=models.CASCADE, related_name="target")
    tahun = models.PositiveSmallIntegerField()
    nilai = models.DecimalField(**ANGKA)
    teks = models.CharField("target (teks asli)", max_length=100, blank=True)

    class Meta:
        verbose_name = "target indikator"
        verbose_name_plural = "target indikator"
        ordering = ["indikator_id", "tahun"]
        constraints = [
            models.UniqueConstraint(fields=["indikator", "tahun"], name="target_unik_per_tahun"),
            models.CheckConstraint(
                condition=Q(tahun__gte=TAHUN_MIN, tahun__lte=TAHUN_MAKS),
                name="target_tahun_wajar",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indikator.kode} {self.tahun}: {self.teks or self.nilai}"


class UnsurRenja(models.Model):
    """What Program, Kegiatan and Sub Kegiatan share: a code within (Renstra, year), the Sasaran
    Strategis served, and one indikator with its satuan, target and pagu."""

    renstra = models.ForeignKey(Renstra, on_delete=models.CASCADE, related_name="%(class)s")
    tahun = models.PositiveSmallIntegerField()
    sasaran = models.ForeignKey(
        SasaranStrategis, on_delete=models.CASCADE, related_name="%(class)s"
    )
    kode = models.CharField(max_length=50)
    nama = models.CharField(max_length=PANJANG_NAMA)
    indikator = models.CharField(max_length=PANJANG_NAMA, blank=True)
    satuan = models.CharField(max_length=100, blank=True)
    target = models.DecimalField(**ANGKA)
    target_teks = models.CharField("target (teks asli)", max_length=100, blank=True)
    pagu = models.DecimalField("pagu (Rp)", **RUPIAH)

    class Meta:
        abstract = True
        ordering = ["renstra_id", "tahun", "kode"]

    def __str__(self) -> str:
        return f"{self.kode} {self.nama}"


class Program(UnsurRenja):
    class Meta(UnsurRenja.Meta):
        verbose_name = "program"
        verbose_name_plural = "program"
        constraints = [
            models.UniqueConstraint(fields=["renstra", "tahun", "kode"], name="program_kode_unik"),
        ]


class Kegiatan(UnsurRenja):
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="kegiatan")

    class Meta(UnsurRenja.Meta):
        verbose_name = "kegiatan"
        verbose_name_plural = "kegiatan"
        constraints = [
            models.UniqueConstraint(fields=["renstra", "tahun", "kode"], name="kegiatan_kode_unik"),
        ]


class SubKegiatan(UnsurRenja):
    kegiatan = models.ForeignKey(Kegiatan, on_delete=models.CASCADE, related_name="subkegiatan")

    class Meta(UnsurRenja.Meta):
        verbose_name = "sub kegiatan"
        verbose_name_plural = "sub kegiatan"
        constraints = [
            models.UniqueConstraint(
                fields=["renstra", "tahun", "kode"], name="subkegiatan_kode_unik"
            ),
        ]


class StatusImpor(models.TextChoices):
    PRATINJAU = "pratinjau", "Menunggu konfirmasi"
    DITERAPKAN = "diterapkan", "Diterapkan"
    DITOLAK = "ditolak", "Ditolak (berkas bermasalah)"


class SumberImpor(models.TextChoices):
    WEB = "web", "Unggahan"
    PERINTAH = "perintah", "Perintah impor_renstra"
    DEMO = "demo", "Data demo"


class ImporRenstra(models.Model):
    """One upload of a Renstra/Renja file: the checked rows wait here between preview and
    confirmation, and the record stays as the history of who loaded what, when, with what result."""

    unit = models.ForeignKey(
        UnitKerja,
        on_delete=models.CASCADE,
        related_name="impor_renstra",
        verbose_name="perangkat daerah",
    )
    tahun_awal = models.PositiveSmallIntegerField()
    tahun_akhir = models.PositiveSmallIntegerField()
    renstra = models.ForeignKey(
        Renstra, null=True, blank=True, on_delete=models.SET_NULL, related_name="impor"
    )
    diunggah_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    nama_berkas = models.CharField(max_length=255)
    sumber = models.CharField(max_length=10, choices=SumberImpor.choices, default=SumberImpor.WEB)
    dibuat = models.DateTimeField(auto_now_add=True)
    status = models.CharField(
        max_length=12, choices=StatusImpor.choices, default=StatusImpor.PRATINJAU
    )
    data = models.JSONField(default=dict, blank=True)
    ringkasan = models.JSONField(default=dict, blank=True)
    # Row by row what the file creates or changes (core.rincian): the preview shows it, and it
    # stays as the record of what was applied; the overview is what the page shows first.
    rincian = models.JSONField(default=dict, blank=True)
    rincian_ikhtisar = models.JSONField(default=dict, blank=True)
    diterapkan_pada = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "impor Renstra"
        verbose_name_plural = "impor Renstra"
        ordering = ["-dibuat", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=StatusImpor.values), name="impor_renstra_status_sah"
            ),
            models.CheckConstraint(
                condition=Q(sumber__in=SumberImpor.values), name="impor_renstra_sumber_sah"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.nama_berkas} ({self.get_status_display()})"

    @property
    def periode(self) -> str:
        return f"{self.tahun_awal}-{self.tahun_akhir}"

    @property
    def hasil(self) -> str:
        """One line for the history table."""
        r = self.ringkasan or {}
        if self.status == StatusImpor.DITOLAK:
            return f"Ditolak: {len(r.get('masalah', []))} masalah"
        if not r.get("ada_perubahan"):
            return "Tidak ada perubahan"
        baru = sum(h["baru"] for h in r.get("hitungan", []))
        diubah = sum(h["diubah"] for h in r.get("hitungan", []))
        awalan = "Diterapkan" if self.status == StatusImpor.DITERAPKAN else "Menunggu konfirmasi"
        return f"{awalan}: {baru} baru, {diubah} diubah"
