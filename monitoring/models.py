"""Monitoring through the year (issue 15): the pegawai's jurnal kinerja (daily progress against
the RHK of the SKP in force), the dialog kinerja between pegawai and atasan with its follow-up,
and the mid-year review. Built on `penilaian` (which never imports this app)."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from organisasi.models import Pegawai
from penilaian.models import RencanaAksi
from skp.models import IndikatorKinerja, RencanaHasilKerja, Skp

User = settings.AUTH_USER_MODEL


def _lokasi_berkas(instance: "JurnalKinerja", nama: str) -> str:
    # A random name: the original may be anything (kept in `nama_berkas` for display).
    akhiran = nama.rsplit(".", 1)[-1].lower()[:8] if "." in nama else "bin"
    return f"monitoring/jurnal/{instance.pegawai_id}/{secrets.token_hex(12)}.{akhiran}"


class JurnalKinerja(models.Model):
    """One entry of the jurnal kinerja (progres harian): what the pegawai did on a day for one
    RHK of their SKP in force, its result, the obstacle met and the way forward, with evidence.
    Editable by its owner for JURNAL_HARI_UBAH days after it was written, then kept as it was;
    every edit keeps the earlier values in RiwayatJurnal."""

    pegawai = models.ForeignKey(Pegawai, on_delete=models.PROTECT, related_name="jurnal_kinerja")
    skp = models.ForeignKey(Skp, on_delete=models.PROTECT, related_name="+")
    rhk = models.ForeignKey(RencanaHasilKerja, on_delete=models.PROTECT, related_name="+")
    # The indicator `hasil` counts toward (the RHK's measure of progress, kemajuan.ukuran_rhk),
    # fixed when the entry is saved.
    indikator = models.ForeignKey(
        IndikatorKinerja, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    rencana_aksi = models.ForeignKey(
        RencanaAksi, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    tanggal = models.DateField()
    jam_mulai = models.TimeField(null=True, blank=True)
    jam_selesai = models.TimeField(null=True, blank=True)
    kegiatan = models.TextField("yang dikerjakan", max_length=2000)
    hasil = models.DecimalField(max_digits=18, decimal_places=4, null=True, blank=True)
    satuan = models.CharField(max_length=50, blank=True)
    hambatan = models.TextField(blank=True, max_length=2000)
    solusi = models.TextField("solusi / tindak lanjut", blank=True, max_length=2000)
    tautan = models.URLField(max_length=1000, blank=True)
    berkas = models.FileField(upload_to=_lokasi_berkas, max_length=255, blank=True)
    nama_berkas = models.CharField(max_length=255, blank=True)
    ukuran = models.PositiveBigIntegerField(default=0)
    jenis_berkas = models.CharField("jenis isi (MIME)", max_length=100, blank=True)
    # Sent with the form it was written in: the same form sent twice (a double click) is saved
    # once.
    token = models.CharField(max_length=32)
    revisi = models.PositiveIntegerField(default=0)
    dibuat = models.DateTimeField(default=timezone.now)
    diubah = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "jurnal kinerja"
        verbose_name_plural = "jurnal kinerja"
        ordering = ["-tanggal", "-dibuat", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["pegawai", "token"], name="jurnal_token_unik"),
            models.CheckConstraint(
                condition=Q(jam_mulai__isnull=True) | Q(jam_selesai__isnull=True)
                | Q(jam_selesai__gt=F("jam_mulai")),
                name="jurnal_jam_urut",
            ),
            models.CheckConstraint(
                condition=Q(hasil__isnull=True) | Q(hasil__gte=0), name="jurnal_hasil_tidak_negatif"
            ),
        ]  # fmt: skip
        indexes = [
            models.Index(fields=["pegawai", "tanggal"], name="jurnal_pegawai_tanggal_idx"),
            models.Index(fields=["rhk", "tanggal"], name="jurnal_rhk_tanggal_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.tanggal:%d-%m-%Y} {self.kegiatan[:60]}"


class RiwayatJurnal(models.Model):
    """The values an entry had before one edit (who changed it, when)."""

    jurnal = models.ForeignKey(JurnalKinerja, on_delete=models.CASCADE, related_name="riwayat")
    oleh = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    waktu = models.DateTimeField(default=timezone.now)
    data = models.JSONField()

    class Meta:
        ordering = ["jurnal", "waktu", "pk"]

    def __str__(self) -> str:
        return f"{self.jurnal_id} {self.waktu:%Y-%m-%d %H:%M}"


class JenisDialog(models.TextChoices):
    COACHING = "coaching", "Coaching"
    MENTORING = "mentoring", "Mentoring"
    KONSELING = "konseling", "Konseling"


class PihakDialog(models.TextChoices):
    PEGAWAI = "pegawai", "Pegawai"
    ATASAN = "atasan", "Atasan"


class DialogKinerja(models.Model):
    """A dialog kinerja (PermenPANRB 6/2022: coaching, mentoring or counselling) between a pegawai
    and their atasan, recorded by either of them. Its follow-up stays open on both sides until
    one of them marks it done (who and when are kept)."""

    pegawai = models.ForeignKey(Pegawai, on_delete=models.PROTECT, related_name="dialog_kinerja")
    # The atasan taking part: the pegawai's penilai when it was recorded.
    atasan = models.ForeignKey(
        Pegawai, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    tanggal = models.DateField()
    jenis = models.CharField(max_length=10, choices=JenisDialog.choices)
    topik = models.CharField(max_length=200)
    kesepakatan = models.TextField("yang disepakati", max_length=4000)
    tindak_lanjut = models.TextField("tindak lanjut", blank=True, max_length=2000)
    tanggal_tindak_lanjut = models.DateField(null=True, blank=True)
    dicatat_oleh = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    dicatat_sebagai = models.CharField(max_length=8, choices=PihakDialog.choices)
    dibuat = models.DateTimeField(default=timezone.now)
    token = models.CharField(max_length=32)
    selesai_pada = models.DateTimeField(null=True, blank=True)
    selesai_oleh = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    selesai_oleh_nama = models.CharField(max_length=300, blank=True)

    class Meta:
        verbose_name = "dialog kinerja"
        verbose_name_plural = "dialog kinerja"
        ordering = ["-tanggal", "-dibuat", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["pegawai", "token"], name="dialog_token_unik"),
            models.CheckConstraint(condition=Q(jenis__in=JenisDialog.values), name="dialog_jenis_sah"),
            models.CheckConstraint(
                condition=Q(dicatat_sebagai__in=PihakDialog.values), name="dialog_pihak_sah"
            ),
            models.CheckConstraint(
                condition=Q(tanggal_tindak_lanjut__isnull=True)
                | Q(tanggal_tindak_lanjut__gte=F("tanggal")),
                name="dialog_tindak_lanjut_setelah_dialog",
            ),
            models.CheckConstraint(
                condition=Q(selesai_pada__isnull=False) | Q(selesai_oleh__isnull=True),
                name="dialog_selesai_tercatat",
            ),
        ]  # fmt: skip
        indexes = [
            models.Index(fields=["pegawai", "tanggal"], name="dialog_pegawai_idx"),
            models.Index(
                fields=["pegawai"],
                condition=Q(tanggal_tindak_lanjut__isnull=False, selesai_pada__isnull=True),
                name="dialog_tindak_lanjut_terbuka",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_jenis_display()} {self.tanggal:%d-%m-%Y}: {self.topik}"

    @property
    def tindak_lanjut_terbuka(self) -> bool:
        return self.tanggal_tindak_lanjut is not None and self.selesai_pada is None


class TinjauanTengahTahun(models.Model):
    """The record that pegawai and atasan reviewed the SKP together mid-year (one per pegawai per
    year): each side confirms with a note; the RHK behind schedule at the first confirmation are
    kept as they were then."""

    pegawai = models.ForeignKey(
        Pegawai, on_delete=models.PROTECT, related_name="tinjauan_tengah_tahun"
    )
    tahun = models.PositiveSmallIntegerField()
    skp = models.ForeignKey(Skp, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    rhk_terlambat = models.JSONField(default=list, blank=True)
    catatan_pegawai = models.TextField(blank=True, max_length=4000)
    pegawai_konfirmasi_pada = models.DateTimeField(null=True, blank=True)
    atasan = models.ForeignKey(
        Pegawai, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    catatan_atasan = models.TextField(blank=True, max_length=4000)
    atasan_konfirmasi_pada = models.DateTimeField(null=True, blank=True)
    dibuat = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "tinjauan tengah tahun"
        verbose_name_plural = "tinjauan tengah tahun"
        ordering = ["-tahun", "pegawai"]
        constraints = [
            models.UniqueConstraint(fields=["pegawai", "tahun"], name="tinjauan_satu_per_tahun"),
            models.CheckConstraint(
                condition=Q(atasan_konfirmasi_pada__isnull=True) | Q(atasan__isnull=False),
                name="tinjauan_atasan_tercatat",
            ),
        ]

    def __str__(self) -> str:
        return f"Tinjauan tengah tahun {self.tahun} {self.pegawai_id}"

    @property
    def selesai(self) -> bool:
        """Both sides confirmed."""
        return bool(self.pegawai_konfirmasi_pada and self.atasan_konfirmasi_pada)


# --- reminders (kirim_pengingat) ---------------------------------------------------------------


class PengingatTerkirim(models.Model):
    """The day's reminder digest one person got (in-app and by email): at most one per person
    per day, written in the same transaction as the notification and the queued mail, so a
    second run of the day sends nothing new. `surel` is the queued mail (None without an
    address); a mail that failed for good is queued again by the next run."""

    penerima = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    tanggal = models.DateField()
    judul = models.CharField(max_length=200)
    isi = models.TextField()
    surel = models.ForeignKey(
        "core.Surel", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    dibuat = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "pengingat terkirim"
        verbose_name_plural = "pengingat terkirim"
        ordering = ["-tanggal", "penerima"]
        constraints = [
            models.UniqueConstraint(fields=["penerima", "tanggal"], name="pengingat_satu_per_hari")
        ]

    def __str__(self) -> str:
        return f"{self.tanggal:%d-%m-%Y} {self.judul}"


class KunciPengingat(models.Model):
    """One row that says a reminder run is going on (databases without advisory locks): taken
    by a conditional UPDATE, so of two runs only one gets it; a run that died leaves it stale
    and it is taken again after PENGINGAT_KUNCI_BASI_MENIT."""

    nama = models.CharField(primary_key=True, max_length=30)
    sejak = models.DateTimeField(null=True, blank=True)
    oleh = models.CharField(max_length=200, blank=True)

    class Meta:
        verbose_name = "kunci pengingat"
        verbose_name_plural = "kunci pengingat"

    def __str__(self) -> str:
        return self.nama


# --- audit sample (Audit SKP Tahunan) ----------------------------------------------------------


class SampelAudit(models.Model):
    """A random sample of the approved SKPs of one instansi and year, per unit kerja, drawn by
    an admin of the instansi. Reproducible: the SKPs of each unit are ordered by pk and drawn
    with random.Random(seed), so the same seed over the same data draws the same SKPs; the seed
    is recorded (generated when none is given). `token` comes with the form: the same form sent
    twice (a double click) makes one sample."""

    instansi = models.ForeignKey(
        "organisasi.Instansi", on_delete=models.PROTECT, related_name="sampel_audit"
    )
    tahun = models.PositiveSmallIntegerField()
    seed = models.PositiveBigIntegerField()
    # Per unit kerja: a number of SKPs, or a percentage (rounded up, at least one).
    ukuran = models.PositiveIntegerField(null=True, blank=True)
    persen = models.PositiveSmallIntegerField(null=True, blank=True)
    jumlah_populasi = models.PositiveIntegerField(default=0)  # approved SKPs when drawn
    token = models.CharField(max_length=32)
    dibuat_oleh = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    dibuat_oleh_nama = models.CharField(max_length=300, blank=True)
    dibuat_pada = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "sampel audit SKP"
        verbose_name_plural = "sampel audit SKP"
        ordering = ["-dibuat_pada", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["instansi", "token"], name="sampel_audit_token_unik"),
            models.CheckConstraint(
                condition=Q(ukuran__isnull=False, persen__isnull=True, ukuran__gte=1)
                | Q(ukuran__isnull=True, persen__isnull=False, persen__gte=1, persen__lte=100),
                name="sampel_audit_ukuran_atau_persen",
            ),
        ]  # fmt: skip

    def __str__(self) -> str:
        return f"Sampel audit {self.tahun} #{self.pk}"

    @property
    def keterangan_ukuran(self) -> str:
        if self.persen is not None:
            return f"{self.persen}% per unit kerja"
        return f"{self.ukuran} SKP per unit kerja"


class TemuanAudit(models.TextChoices):
    BELUM = "belum", "Belum diperiksa"
    SESUAI = "sesuai", "Sesuai"
    PERLU_PERBAIKAN = "perlu_perbaikan", "Perlu perbaikan"


class ButirAudit(models.Model):
    """One SKP of a sample and the auditor's finding on it; every change of the finding keeps a
    RiwayatButirAudit row."""

    sampel = models.ForeignKey(SampelAudit, on_delete=models.CASCADE, related_name="butir")
    skp = models.ForeignKey(Skp, on_delete=models.PROTECT, related_name="+")
    # The unit it was drawn in, as it was then (the pegawai may move later).
    unit = models.ForeignKey(
        "organisasi.UnitKerja", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    unit_nama = models.CharField(max_length=255)
    urutan = models.PositiveIntegerField()
    temuan = models.CharField(max_length=16, choices=TemuanAudit.choices, default=TemuanAudit.BELUM)
    catatan = models.TextField(blank=True, max_length=4000)
    diperiksa_oleh = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    diperiksa_oleh_nama = models.CharField(max_length=300, blank=True)
    diperiksa_pada = models.DateTimeField(null=True, blank=True)
    revisi = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "butir audit SKP"
        verbose_name_plural = "butir audit SKP"
        ordering = ["sampel", "urutan"]
        constraints = [
            models.UniqueConstraint(fields=["sampel", "skp"], name="butir_audit_skp_unik"),
            models.CheckConstraint(
                condition=Q(temuan__in=TemuanAudit.values), name="butir_audit_temuan_sah"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.sampel_id}/{self.skp_id}: {self.get_temuan_display()}"


class RiwayatButirAudit(models.Model):
    """One change of a finding: from, to, the note, who and when. Never edited."""

    butir = models.ForeignKey(ButirAudit, on_delete=models.CASCADE, related_name="riwayat")
    dari = models.CharField(max_length=16, choices=TemuanAudit.choices)
    ke = models.CharField(max_length=16, choices=TemuanAudit.choices)
    catatan = models.TextField(blank=True)
    oleh = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    oleh_nama = models.CharField(max_length=300, blank=True)
    waktu = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "riwayat butir audit"
        verbose_name_plural = "riwayat butir audit"
        ordering = ["butir", "waktu", "pk"]

    def __str__(self) -> str:
        return f"{self.butir_id}: {self.dari} -> {self.ke}"
