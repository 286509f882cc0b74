"""The periodic and annual evaluation of an approved SKP (PermenPANRB 6/2022 Lampiran III-V):
periods and their windows, rencana aksi, realisasi with bukti dukung, umpan balik, the two
ratings and the predikat, and the states of each pegawai's evaluation per period."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from core.models import DokumenBertanda, EksporBerkas, StatusEkspor, token_dokumen
from organisasi.models import Instansi, Pegawai, UnitKerja
from penilaian.distribusi import CapaianOrganisasi, Pembulatan
from penilaian.kuadran import KUADRAN, Predikat, Rating
from skp.models import IndikatorKinerja, PerilakuKerja, RencanaHasilKerja, Skp

User = settings.AUTH_USER_MODEL


class JenisPeriode(models.TextChoices):
    TRIWULANAN = "triwulanan", "Triwulanan"
    BULANAN = "bulanan", "Bulanan"


class PengaturanPenilaian(models.Model):
    """How an instansi evaluates in a year. Without a row the year is quarterly (the default)."""

    instansi = models.ForeignKey(Instansi, on_delete=models.CASCADE, related_name="+")
    tahun = models.PositiveSmallIntegerField()
    jenis_periode = models.CharField(
        "periode penilaian", max_length=10, choices=JenisPeriode.choices,
        default=JenisPeriode.TRIWULANAN,
    )  # fmt: skip
    diubah_oleh = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    diubah = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "pengaturan penilaian"
        verbose_name_plural = "pengaturan penilaian"
        constraints = [
            models.UniqueConstraint(fields=["instansi", "tahun"], name="pengaturan_unik"),
            models.CheckConstraint(
                condition=Q(jenis_periode__in=JenisPeriode.values), name="pengaturan_jenis_sah"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.instansi_id} {self.tahun}: {self.get_jenis_periode_display()}"


class PengaturanDistribusi(models.Model):
    """How an instansi rounds the percentages of the distribution curve for a small unit
    (penilaian.distribusi.Pembulatan), for every year. Without a row: bawah-atas."""

    instansi = models.OneToOneField(Instansi, on_delete=models.CASCADE, related_name="+")
    pembulatan = models.CharField(
        "pembulatan pola distribusi", max_length=10, choices=Pembulatan.choices,
        default=Pembulatan.BAWAH_ATAS,
    )  # fmt: skip
    diubah_oleh = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    diubah = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "pengaturan pola distribusi"
        verbose_name_plural = "pengaturan pola distribusi"
        constraints = [
            models.CheckConstraint(
                condition=Q(pembulatan__in=Pembulatan.values), name="distribusi_pembulatan_sah"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.instansi}: pembulatan {self.pembulatan}"


class Periode(models.Model):
    """One evaluation period of an instansi: its dates and its window. Pegawai fill realisasi
    from `buka`; the penilai rates until `tenggat` (realisasi may still be sent until then).
    Windows open and close by date; the admin moves `tenggat` to extend one (recorded)."""

    instansi = models.ForeignKey(Instansi, on_delete=models.CASCADE, related_name="+")
    tahun = models.PositiveSmallIntegerField()
    jenis = models.CharField(max_length=10, choices=JenisPeriode.choices)
    nomor = models.PositiveSmallIntegerField()  # 1-4 or 1-12
    mulai = models.DateField()
    selesai = models.DateField()
    buka = models.DateField("jendela dibuka")
    tenggat = models.DateField("batas waktu penilai")
    revisi = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "periode penilaian"
        verbose_name_plural = "periode penilaian"
        ordering = ["instansi", "tahun", "jenis", "nomor"]
        constraints = [
            models.UniqueConstraint(
                fields=["instansi", "tahun", "jenis", "nomor"], name="periode_unik"
            ),
            models.CheckConstraint(condition=Q(jenis__in=JenisPeriode.values), name="periode_jenis_sah"),
            models.CheckConstraint(condition=Q(selesai__gte=models.F("mulai")), name="periode_rentang_sah"),
            models.CheckConstraint(condition=Q(tenggat__gte=models.F("buka")), name="periode_jendela_sah"),
        ]  # fmt: skip

    def __str__(self) -> str:
        return f"{self.nama} {self.tahun}"

    @property
    def akhir(self) -> bool:
        """The last period of the year, which closes with the annual evaluation."""
        return self.nomor == (4 if self.jenis == JenisPeriode.TRIWULANAN else 12)

    @property
    def nama(self) -> str:
        from penilaian.periode import nama_periode

        return nama_periode(self.jenis, self.nomor)


class RiwayatPeriode(models.Model):
    """A change of a period's window by the admin (extension for the whole instansi)."""

    periode = models.ForeignKey(Periode, on_delete=models.CASCADE, related_name="riwayat")
    oleh = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    waktu = models.DateTimeField(default=timezone.now)
    tenggat_lama = models.DateField()
    tenggat_baru = models.DateField()
    alasan = models.TextField()

    class Meta:
        ordering = ["periode", "waktu", "pk"]

    def __str__(self) -> str:
        return f"{self.periode_id}: {self.tenggat_lama} -> {self.tenggat_baru}"


class PerpanjanganPegawai(models.Model):
    """The admin reopens one pegawai's window for a period until `sampai`, with a reason."""

    periode = models.ForeignKey(Periode, on_delete=models.CASCADE, related_name="perpanjangan")
    pegawai = models.ForeignKey(Pegawai, on_delete=models.CASCADE, related_name="+")
    sampai = models.DateField()
    alasan = models.TextField()
    oleh = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    dibuat = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["periode", "pegawai", "-dibuat"]

    def __str__(self) -> str:
        return f"{self.periode_id} {self.pegawai_id} s.d. {self.sampai}"


class HariLibur(models.Model):
    """National holidays and cuti bersama: not counted as working days in deadlines."""

    tanggal = models.DateField(unique=True)
    nama = models.CharField(max_length=200)

    class Meta:
        verbose_name = "hari libur"
        verbose_name_plural = "hari libur"
        ordering = ["tanggal"]

    def __str__(self) -> str:
        return f"{self.tanggal:%Y-%m-%d} {self.nama}"


class JenisMasaTidakDinilai(models.TextChoices):
    CLTN = "cltn", "Cuti di luar tanggungan negara (CLTN)"
    DIBERHENTIKAN_SEMENTARA = "diberhentikan_sementara", "Diberhentikan sementara"
    MPP = "mpp", "Masa persiapan pensiun"


class MasaTidakDinilai(models.Model):
    """A span in which a pegawai is not evaluated (CLTN, suspended, masa persiapan pensiun): a
    period overlapping it has no evaluation for them."""

    pegawai = models.ForeignKey(
        Pegawai, on_delete=models.CASCADE, related_name="masa_tidak_dinilai"
    )
    jenis = models.CharField(max_length=30, choices=JenisMasaTidakDinilai.choices)
    mulai = models.DateField()
    selesai = models.DateField(null=True, blank=True, help_text="Kosong bila belum berakhir.")
    catatan = models.TextField(blank=True)
    dicatat_oleh = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    dibuat = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "masa tidak dinilai"
        verbose_name_plural = "masa tidak dinilai"
        ordering = ["pegawai", "-mulai"]
        constraints = [
            models.CheckConstraint(condition=Q(jenis__in=JenisMasaTidakDinilai.values), name="masa_jenis_sah"),
            models.CheckConstraint(
                condition=Q(selesai__isnull=True) | Q(selesai__gte=models.F("mulai")),
                name="masa_rentang_sah",
            ),
        ]  # fmt: skip

    def __str__(self) -> str:
        return f"{self.get_jenis_display()} {self.pegawai_id} {self.mulai}"


class RencanaAksi(models.Model):
    """An optional step of an RHK with its target in one period (the trajectory of the yearly
    target, e.g. 15/40/40/5 over the quarters). Agreed with the atasan, seen by the penilai."""

    rhk = models.ForeignKey(
        RencanaHasilKerja, on_delete=models.CASCADE, related_name="rencana_aksi"
    )
    nomor_periode = models.PositiveSmallIntegerField()
    uraian = models.TextField("rencana aksi", max_length=1000)
    target = models.DecimalField(max_digits=18, decimal_places=4, null=True, blank=True)
    satuan = models.CharField(max_length=50, blank=True)
    urutan = models.PositiveSmallIntegerField(default=0)
    dibuat = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "rencana aksi"
        verbose_name_plural = "rencana aksi"
        ordering = ["rhk", "nomor_periode", "urutan", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(nomor_periode__gte=1, nomor_periode__lte=12), name="rencana_aksi_periode_sah"),
        ]  # fmt: skip

    def __str__(self) -> str:
        return self.uraian[:80]


class StatusPenilaian(models.TextChoices):
    BELUM_DIISI = "belum_diisi", "Belum diisi"
    DIKIRIM = "dikirim", "Dikirim"
    DINILAI = "dinilai", "Dinilai"
    DITERIMA = "diterima", "Diterima"
    KEBERATAN = "keberatan", "Keberatan"
    DIPUTUSKAN = "diputuskan", "Diputuskan"


def _syarat_predikat() -> Q:
    """The database's own guard that the predikat is the quadrant's, never typed: either no
    rating at all, or one of the nine combinations with its predikat."""
    syarat = Q(rating_hasil_kerja="", rating_perilaku="", predikat="")
    for (hasil, perilaku), pred in KUADRAN.items():
        syarat |= Q(rating_hasil_kerja=hasil, rating_perilaku=perilaku, predikat=pred)
    return syarat


class PenilaianPeriodik(models.Model):
    """One pegawai's evaluation in one period, against the SKP in force for it. Its `status` is
    written only by penilaian/services/alur.py."""

    pegawai = models.ForeignKey(Pegawai, on_delete=models.PROTECT, related_name="penilaian")
    periode = models.ForeignKey(Periode, on_delete=models.PROTECT, related_name="penilaian")
    skp = models.ForeignKey(Skp, on_delete=models.PROTECT, related_name="penilaian")
    status = models.CharField(
        max_length=12, choices=StatusPenilaian.choices, default=StatusPenilaian.BELUM_DIISI
    )
    # Bumped by every move and every change of realisasi: a stale page is refused.
    revisi = models.PositiveIntegerField(default=0)
    # The penilai of this period, recorded when the pegawai sends the realisasi (or when it is
    # rated): one who moves away inside the window still evaluates (domain: mutasi rules).
    penilai = models.ForeignKey(
        Pegawai, null=True, blank=True, on_delete=models.PROTECT, related_name="penilaian_dinilai"
    )

    rating_hasil_kerja = models.CharField(max_length=10, choices=Rating.choices, blank=True)
    rating_perilaku = models.CharField(max_length=10, choices=Rating.choices, blank=True)
    predikat = models.CharField(max_length=16, choices=Predikat.choices, blank=True)
    catatan_penilai = models.TextField("catatan/rekomendasi", blank=True, max_length=4000)
    dinilai_oleh = models.ForeignKey(
        Pegawai, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    dinilai_pada = models.DateTimeField(null=True, blank=True)
    # Rated by the atasan of the penilai after the penilai's deadline passed: final.
    oleh_atasan_penilai = models.BooleanField(default=False)

    dikirim_pada = models.DateTimeField(null=True, blank=True)
    diterima_pada = models.DateTimeField(null=True, blank=True)
    keberatan_alasan = models.TextField(blank=True, max_length=4000)
    keberatan_pada = models.DateTimeField(null=True, blank=True)
    keputusan_catatan = models.TextField(blank=True, max_length=4000)
    diputuskan_oleh = models.ForeignKey(
        Pegawai, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    diputuskan_pada = models.DateTimeField(null=True, blank=True)

    dibuat = models.DateTimeField(default=timezone.now)
    diubah = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "penilaian periodik"
        verbose_name_plural = "penilaian periodik"
        ordering = ["periode", "pegawai__nama"]
        constraints = [
            models.UniqueConstraint(fields=["pegawai", "periode"], name="penilaian_unik_per_periode"),
            models.CheckConstraint(condition=Q(status__in=StatusPenilaian.values), name="penilaian_status_sah"),
            models.CheckConstraint(condition=_syarat_predikat(), name="penilaian_predikat_dari_kuadran"),
        ]  # fmt: skip
        indexes = [models.Index(fields=["periode", "status"], name="penilaian_periode_status_idx")]

    def __str__(self) -> str:
        return f"Penilaian {self.periode} {self.pegawai.nama}"


class RiwayatPenilaian(models.Model):
    """One row per move of a PenilaianPeriodik (and per rating change), never edited."""

    penilaian = models.ForeignKey(
        PenilaianPeriodik, on_delete=models.CASCADE, related_name="riwayat"
    )
    aksi = models.CharField(max_length=30)
    dari = models.CharField(max_length=12, choices=StatusPenilaian.choices, blank=True)
    ke = models.CharField(max_length=12, choices=StatusPenilaian.choices)
    oleh = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    waktu = models.DateTimeField(default=timezone.now)
    catatan = models.TextField(blank=True)
    data = models.JSONField(null=True, blank=True)  # e.g. the ratings before and after

    class Meta:
        verbose_name = "riwayat penilaian"
        verbose_name_plural = "riwayat penilaian"
        ordering = ["penilaian", "waktu", "pk"]

    def __str__(self) -> str:
        return f"{self.penilaian_id}: {self.dari or '-'} -> {self.ke}"


class Realisasi(models.Model):
    """The pegawai's realisasi of one indicator in one period: a number (kuantitatif/JPT) or
    text (kualitatif)."""

    penilaian = models.ForeignKey(
        PenilaianPeriodik, on_delete=models.CASCADE, related_name="realisasi"
    )
    indikator = models.ForeignKey(
        IndikatorKinerja, on_delete=models.PROTECT, related_name="realisasi"
    )
    nilai = models.DecimalField(max_digits=18, decimal_places=4, null=True, blank=True)
    teks = models.TextField(blank=True, max_length=2000)
    diubah = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "realisasi"
        verbose_name_plural = "realisasi"
        constraints = [
            models.UniqueConstraint(fields=["penilaian", "indikator"], name="realisasi_unik"),
        ]

    def __str__(self) -> str:
        return f"{self.penilaian_id}/{self.indikator_id}"


def _lokasi_bukti(instance: "BuktiDukung", nama: str) -> str:
    # A random name: the original may be anything (and is kept in `nama_berkas` for display).
    akhiran = nama.rsplit(".", 1)[-1].lower()[:8] if "." in nama else "bin"
    return f"penilaian/bukti/{instance.penilaian_id}/{secrets.token_hex(12)}.{akhiran}"


class BuktiDukung(models.Model):
    """Evidence of a result for one RHK (optionally one indicator) in one period: a link or a
    file, stored through Django's storage API and served only through an access-checked view."""

    penilaian = models.ForeignKey(PenilaianPeriodik, on_delete=models.CASCADE, related_name="bukti")
    rhk = models.ForeignKey(RencanaHasilKerja, on_delete=models.PROTECT, related_name="+")
    indikator = models.ForeignKey(
        IndikatorKinerja, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    tautan = models.URLField(max_length=1000, blank=True)
    berkas = models.FileField(upload_to=_lokasi_bukti, max_length=255, blank=True)
    nama_berkas = models.CharField(max_length=255, blank=True)
    ukuran = models.PositiveBigIntegerField(default=0)
    jenis_berkas = models.CharField("jenis isi (MIME)", max_length=100, blank=True)
    keterangan = models.CharField(max_length=500, blank=True)
    diunggah_oleh = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    dibuat = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "bukti dukung"
        verbose_name_plural = "bukti dukung"
        ordering = ["penilaian", "rhk", "dibuat", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(tautan="") | ~Q(berkas=""), name="bukti_tautan_atau_berkas"
            ),
        ]

    def __str__(self) -> str:
        return self.nama_berkas or self.tautan


class JenisUmpanBalik(models.TextChoices):
    HASIL_KERJA = "hasil_kerja", "Hasil kerja"
    PERILAKU = "perilaku", "Perilaku kerja"


class PeranPemberi(models.TextChoices):
    PENILAI = "penilai", "Pimpinan"
    ATASAN_PENILAI = "atasan_penilai", "Atasan pimpinan"
    REKAN = "rekan", "Rekan kerja"
    BAWAHAN = "bawahan", "Bawahan"
    PEGAWAI = "pegawai", "Pegawai yang dinilai"


class UmpanBalik(models.Model):
    """Feedback to a pegawai on an RHK (or one of its indicators), on a BerAKHLAK value, or on
    the hasil kerja as a whole; given at any time of the year, counted in `periode`. A reply
    (`induk`) makes a short thread: the regulation asks for a two-way dialogue. Nobody edits
    someone else's; an edit keeps the earlier text in RiwayatUmpanBalik."""

    pegawai = models.ForeignKey(Pegawai, on_delete=models.PROTECT, related_name="umpan_balik")
    skp = models.ForeignKey(Skp, on_delete=models.PROTECT, related_name="umpan_balik")
    periode = models.ForeignKey(Periode, on_delete=models.PROTECT, related_name="umpan_balik")
    jenis = models.CharField(max_length=12, choices=JenisUmpanBalik.choices)
    rhk = models.ForeignKey(
        RencanaHasilKerja, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    indikator = models.ForeignKey(
        IndikatorKinerja, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    perilaku = models.ForeignKey(
        PerilakuKerja, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    induk = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="balasan"
    )
    pemberi = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    pemberi_nama = models.CharField(max_length=300)
    peran = models.CharField(max_length=16, choices=PeranPemberi.choices)
    teks = models.TextField(max_length=4000)
    dibuat = models.DateTimeField(default=timezone.now)
    diubah = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "umpan balik"
        verbose_name_plural = "umpan balik"
        ordering = ["dibuat", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(jenis__in=JenisUmpanBalik.values), name="umpan_balik_jenis_sah"),
            models.CheckConstraint(condition=Q(peran__in=PeranPemberi.values), name="umpan_balik_peran_sah"),
            models.CheckConstraint(
                condition=Q(jenis=JenisUmpanBalik.HASIL_KERJA, perilaku__isnull=True)
                | Q(jenis=JenisUmpanBalik.PERILAKU, rhk__isnull=True, indikator__isnull=True),
                name="umpan_balik_sasaran_sesuai_jenis",
            ),
        ]  # fmt: skip
        indexes = [models.Index(fields=["pegawai", "periode"], name="umpan_balik_pegawai_idx")]

    def __str__(self) -> str:
        return f"{self.pemberi_nama}: {self.teks[:60]}"


class RiwayatUmpanBalik(models.Model):
    """The text an umpan balik had before an edit."""

    umpan_balik = models.ForeignKey(UmpanBalik, on_delete=models.CASCADE, related_name="riwayat")
    teks = models.TextField()
    waktu = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["umpan_balik", "waktu", "pk"]

    def __str__(self) -> str:
        return f"{self.umpan_balik_id} {self.waktu:%Y-%m-%d %H:%M}"


# Named in the migrations that created the documents' token field.
_token_dokumen = token_dokumen


class DokumenPenilaian(DokumenBertanda):
    """A signed evaluation form (Format C.1.x) of one PenilaianPeriodik, issued when the penilai
    rates and issued again as a new version after each change of the rating and after a
    keberatan is decided. Verified through the same public page (`/v/<token>/`) as the SKP
    documents (core.dokumen)."""

    penilaian = models.ForeignKey(
        PenilaianPeriodik, on_delete=models.PROTECT, related_name="dokumen"
    )
    versi = models.PositiveSmallIntegerField()
    # The rating this version shows: the history row of the move that set it (nilai,
    # nilai_atasan or putuskan). One document per rating, never two (a double click, a retry).
    riwayat = models.OneToOneField(
        RiwayatPenilaian, on_delete=models.PROTECT, related_name="dokumen"
    )
    berkas = models.FileField(upload_to="penilaian/dokumen/", blank=True)

    class Meta:
        verbose_name = "dokumen penilaian"
        verbose_name_plural = "dokumen penilaian"
        ordering = ["penilaian", "-versi"]
        constraints = [
            models.UniqueConstraint(fields=["penilaian", "versi"], name="dokumen_penilaian_versi_unik"),
        ]  # fmt: skip

    def __str__(self) -> str:
        return f"Dokumen penilaian {self.penilaian_id} v{self.versi}"


class FormatEvaluasi(models.TextChoices):
    """The Dokumen Evaluasi Kinerja Pegawai's format, from the move that set its rating."""

    D11 = "D.1.1", "Format D.1.1 (dinilai pejabat penilai kinerja)"
    D12 = "D.1.2", "Format D.1.2 (dinilai atasan pejabat penilai kinerja)"
    D13 = "D.1.3", "Format D.1.3 (setelah keputusan keberatan)"


class DokumenEvaluasi(DokumenBertanda):
    """A signed Dokumen Evaluasi Kinerja Pegawai (Format D.1.1, D.1.2 or D.1.3) of one
    PenilaianPeriodik: the identity of the pegawai, the penilai and the atasan of the penilai,
    the capaian organisasi and the predikat, the catatan/rekomendasi, signed by the penilai and
    countersigned by the pegawai. It feeds TPP payment and promotion files. A version per
    rating, like the evaluation form (DokumenPenilaian)."""

    penilaian = models.ForeignKey(
        PenilaianPeriodik, on_delete=models.PROTECT, related_name="dokumen_evaluasi"
    )
    versi = models.PositiveSmallIntegerField()
    riwayat = models.OneToOneField(
        RiwayatPenilaian, on_delete=models.PROTECT, related_name="dokumen_evaluasi"
    )
    berkas = models.FileField(upload_to="penilaian/evaluasi/", blank=True)

    class Meta:
        verbose_name = "dokumen evaluasi kinerja pegawai"
        verbose_name_plural = "dokumen evaluasi kinerja pegawai"
        ordering = ["penilaian", "-versi"]
        constraints = [
            models.UniqueConstraint(fields=["penilaian", "versi"], name="dokumen_evaluasi_versi_unik"),
        ]  # fmt: skip

    def __str__(self) -> str:
        return f"Dokumen evaluasi {self.penilaian_id} v{self.versi}"

    @property
    def format(self) -> str:
        return {"nilai_atasan": FormatEvaluasi.D12, "putuskan": FormatEvaluasi.D13}.get(
            self.riwayat.aksi, FormatEvaluasi.D11
        )


class EksporEvaluasi(EksporBerkas):
    """A bulk export of the Dokumen Evaluasi Kinerja Pegawai of every rated pegawai of a unit
    (and its sub-units, or the whole instansi) for one period, as one ZIP built by a background
    worker (core/ekspor.py)."""

    instansi = models.ForeignKey(Instansi, on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey(
        UnitKerja, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    periode = models.ForeignKey("Periode", on_delete=models.CASCADE, related_name="+")
    berkas = models.FileField(upload_to="penilaian/ekspor/", blank=True)

    class Meta:
        verbose_name = "ekspor dokumen evaluasi"
        verbose_name_plural = "ekspor dokumen evaluasi"
        ordering = ["-dibuat", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=StatusEkspor.values), name="ekspor_evaluasi_status_sah"
            ),
        ]

    def __str__(self) -> str:
        return f"Ekspor dokumen evaluasi {self.periode_id} ({self.get_status_display()})"


class CapaianUnit(models.Model):
    """The capaian kinerja organisasi of a unit kerja for a period, set by the leader one level
    above the unit head (or by the admin of the instansi on their behalf: `atas_nama`). Never
    updated: each change is a new row, the latest one counts, the older ones are the history.
    The annual capaian is the one of the last period of the year (Triwulan IV-Akhir)."""

    unit_kerja = models.ForeignKey(UnitKerja, on_delete=models.CASCADE, related_name="+")
    periode = models.ForeignKey(Periode, on_delete=models.CASCADE, related_name="+")
    capaian = models.CharField(max_length=20, choices=CapaianOrganisasi.choices)
    catatan = models.TextField(blank=True)
    oleh = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    # The leader in whose name the admin entered it; None when the leader entered it.
    atas_nama = models.ForeignKey(
        Pegawai, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    oleh_nama = models.CharField(max_length=200)
    dibuat = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "capaian kinerja organisasi"
        verbose_name_plural = "capaian kinerja organisasi"
        ordering = ["unit_kerja", "periode", "-pk"]
        indexes = [models.Index(fields=["unit_kerja", "periode"])]

    def __str__(self) -> str:
        return f"{self.unit_kerja} {self.periode}: {self.get_capaian_display()}"


class AlasanPola(models.Model):
    """The penilai's reason for ratings of a unit whose pattern does not fit the distribution
    of its capaian: the warning acknowledged, per (penilai, unit, periode); the latest counts."""

    penilai = models.ForeignKey(Pegawai, on_delete=models.CASCADE, related_name="+")
    unit_kerja = models.ForeignKey(UnitKerja, on_delete=models.CASCADE, related_name="+")
    periode = models.ForeignKey(Periode, on_delete=models.CASCADE, related_name="+")
    alasan = models.TextField()
    oleh = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    dibuat = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "alasan pola distribusi"
        verbose_name_plural = "alasan pola distribusi"
        ordering = ["penilai", "unit_kerja", "periode", "-pk"]
        indexes = [models.Index(fields=["penilai", "unit_kerja", "periode"])]

    def __str__(self) -> str:
        return f"Alasan pola {self.unit_kerja} {self.periode}"


class StatusPenetapan(models.TextChoices):
    BELUM = "belum", "Belum ditetapkan"
    DITETAPKAN = "ditetapkan", "Ditetapkan"
    DIBUKA_KEMBALI = "dibuka_kembali", "Dibuka kembali"


class PenetapanPredikat(models.Model):
    """The leader of a unit (one level above its head) confirms the predikat of every pegawai
    of the unit for a period, with the pattern and its fit, as a signed document. A predikat
    changed afterwards (a re-rating, a keberatan decided) re-opens it; confirming again issues a
    new version. Its `status` is written only by penilaian/services/penetapan.py."""

    unit_kerja = models.ForeignKey(UnitKerja, on_delete=models.PROTECT, related_name="+")
    periode = models.ForeignKey(Periode, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(
        max_length=16, choices=StatusPenetapan.choices, default=StatusPenetapan.BELUM
    )
    revisi = models.PositiveIntegerField(default=0)
    versi = models.PositiveSmallIntegerField(default=0)  # the version last confirmed
    # What was confirmed last (the document of that version holds the full list).
    capaian = models.CharField(max_length=20, choices=CapaianOrganisasi.choices, blank=True)
    sesuai = models.BooleanField(null=True)
    alasan_pola = models.TextField(blank=True)
    ditetapkan_oleh = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    ditetapkan_oleh_nama = models.CharField(max_length=300, blank=True)
    ditetapkan_pada = models.DateTimeField(null=True, blank=True)
    dibuka_catatan = models.TextField(blank=True)
    dibuka_pada = models.DateTimeField(null=True, blank=True)
    dibuat = models.DateTimeField(default=timezone.now)
    diubah = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "penetapan predikat"
        verbose_name_plural = "penetapan predikat"
        ordering = ["periode", "unit_kerja"]
        constraints = [
            models.UniqueConstraint(fields=["unit_kerja", "periode"], name="penetapan_unik"),
            models.CheckConstraint(condition=Q(status__in=StatusPenetapan.values), name="penetapan_status_sah"),
        ]  # fmt: skip

    def __str__(self) -> str:
        return f"Penetapan predikat {self.unit_kerja_id} {self.periode_id}"


class RiwayatPenetapan(models.Model):
    """One row per move of a PenetapanPredikat (ditetapkan, dibuka kembali), never edited."""

    penetapan = models.ForeignKey(
        PenetapanPredikat, on_delete=models.CASCADE, related_name="riwayat"
    )
    aksi = models.CharField(max_length=30)
    dari = models.CharField(max_length=16, choices=StatusPenetapan.choices, blank=True)
    ke = models.CharField(max_length=16, choices=StatusPenetapan.choices)
    oleh = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    waktu = models.DateTimeField(default=timezone.now)
    catatan = models.TextField(blank=True)
    data = models.JSONField(null=True, blank=True)

    class Meta:
        verbose_name = "riwayat penetapan predikat"
        verbose_name_plural = "riwayat penetapan predikat"
        ordering = ["penetapan", "waktu", "pk"]

    def __str__(self) -> str:
        return f"{self.penetapan_id}: {self.dari or '-'} -> {self.ke}"


class DokumenPenetapan(DokumenBertanda):
    """The signed document of one confirmation (a version): the list of pegawai with both
    ratings and the predikat, the capaian and the chart, as they stood when confirmed (`isi`).
    Verified through the same public page (`/v/<token>/`) as every signed document."""

    penetapan = models.ForeignKey(
        PenetapanPredikat, on_delete=models.PROTECT, related_name="dokumen"
    )
    versi = models.PositiveSmallIntegerField()
    riwayat = models.OneToOneField(
        RiwayatPenetapan, on_delete=models.PROTECT, related_name="dokumen"
    )
    isi = models.JSONField()
    berkas = models.FileField(upload_to="penilaian/penetapan/", blank=True)

    class Meta:
        verbose_name = "dokumen penetapan predikat"
        verbose_name_plural = "dokumen penetapan predikat"
        ordering = ["penetapan", "-versi"]
        constraints = [
            models.UniqueConstraint(fields=["penetapan", "versi"], name="dokumen_penetapan_versi_unik"),
        ]  # fmt: skip

    def __str__(self) -> str:
        return f"Dokumen penetapan {self.penetapan_id} v{self.versi}"
