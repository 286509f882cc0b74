"""The SKP document (PermenPANRB No. 6 Tahun 2022): one current version per pegawai per year, its
Rencana Hasil Kerja with their indicators and targets, the BerAKHLAK rows and the lampiran."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from core.models import DokumenBertanda, EksporBerkas, StatusEkspor, token_dokumen  # noqa: F401 (StatusEkspor: kept importable here)
from organisasi.models import Instansi, Pegawai


class StatusSkp(models.TextChoices):
    DRAF = "draf", "Draf"
    DIAJUKAN = "diajukan", "Diajukan"
    DIKEMBALIKAN = "dikembalikan", "Dikembalikan"
    DISETUJUI = "disetujui", "Disetujui"
    DIGANTI = "diganti", "Diganti"


# Only the pegawai's own drafts (new or returned by the atasan) can change.
STATUS_DAPAT_DIUBAH = frozenset({StatusSkp.DRAF, StatusSkp.DIKEMBALIKAN})

# A bawahan SKP in these states keeps the links it was submitted or agreed with: the atasan
# cannot delete an RHK (or a draft SKP) that such an SKP intervenes.
STATUS_TAUTAN_TERKUNCI = frozenset({StatusSkp.DIAJUKAN, StatusSkp.DISETUJUI})

# An approved SKP, or one later replaced by a revision: a signed document that must keep showing
# what was agreed.
STATUS_TERBIT = frozenset({StatusSkp.DISETUJUI, StatusSkp.DIGANTI})


class Pendekatan(models.TextChoices):
    KUANTITATIF = "kuantitatif", "Kuantitatif"
    KUALITATIF = "kualitatif", "Kualitatif"


class JenisFormulir(models.TextChoices):
    JPT = "jpt", "Pejabat Pimpinan Tinggi dan Pimpinan Unit Kerja Mandiri"
    ADMINISTRASI = "administrasi", "Pejabat Administrasi dan Pejabat Fungsional"


class Skp(models.Model):
    """One version of a pegawai's SKP for a year. Identity fields are a snapshot taken when it
    was drafted: a later mutasi or promotion does not rewrite an agreed document."""

    pegawai = models.ForeignKey(Pegawai, on_delete=models.PROTECT, related_name="skp")
    instansi = models.ForeignKey(Instansi, on_delete=models.PROTECT, related_name="skp")
    tahun = models.PositiveSmallIntegerField("tahun penilaian")
    versi = models.PositiveSmallIntegerField(default=1)
    status = models.CharField(max_length=12, choices=StatusSkp.choices, default=StatusSkp.DRAF)
    pendekatan = models.CharField(
        max_length=12, choices=Pendekatan.choices, default=Pendekatan.KUANTITATIF
    )
    jenis_formulir = models.CharField(max_length=12, choices=JenisFormulir.choices)
    # Bumped by every edit: lets a later step refuse a form based on a stale page.
    revisi = models.PositiveIntegerField(default=0)

    pegawai_nama = models.CharField("nama pegawai", max_length=300)
    pegawai_nip = models.CharField("NIP pegawai", max_length=18)
    pegawai_pangkat = models.CharField("pangkat/gol. ruang pegawai", max_length=100)
    pegawai_jabatan = models.CharField("jabatan pegawai", max_length=255)
    pegawai_unit_kerja = models.CharField("unit kerja pegawai", max_length=255)
    instansi_nama = models.CharField("instansi", max_length=200)

    # The pejabat penilai the SKP was drafted with (routes the approval in the next step).
    penilai = models.ForeignKey(
        Pegawai,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="skp_dinilai",
        verbose_name="pejabat penilai kinerja",
    )
    penilai_nama = models.CharField("nama pejabat penilai", max_length=300, blank=True)
    penilai_nip = models.CharField("NIP pejabat penilai", max_length=18, blank=True)
    penilai_pangkat = models.CharField(
        "pangkat/gol. ruang pejabat penilai", max_length=100, blank=True
    )
    penilai_jabatan = models.CharField("jabatan pejabat penilai", max_length=255, blank=True)
    penilai_unit_kerja = models.CharField("unit kerja pejabat penilai", max_length=255, blank=True)
    # Set only by the admin's "Alihkan penilai"; otherwise the penilai is the atasan langsung
    # evaluated now (selectors.penilai_aktif), so a pending SKP follows a change of superior.
    penilai_ditetapkan = models.ForeignKey(
        Pegawai,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="skp_dialihkan",
        verbose_name="pejabat penilai yang ditetapkan admin",
    )
    # When it was last submitted: the inbox is ordered by it and shows the waiting time.
    diajukan_pada = models.DateTimeField(null=True, blank=True)

    # Lampiran: one item per line.
    dukungan_sumber_daya = models.TextField(blank=True)
    skema_pertanggungjawaban = models.TextField(blank=True)
    konsekuensi = models.TextField(blank=True)

    dibuat = models.DateTimeField(auto_now_add=True)
    diubah = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "SKP"
        verbose_name_plural = "SKP"
        ordering = ["-tahun", "-versi"]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=StatusSkp.values), name="skp_status_sah"),
            models.CheckConstraint(
                condition=Q(pendekatan__in=Pendekatan.values), name="skp_pendekatan_sah"
            ),
            models.CheckConstraint(
                condition=Q(jenis_formulir__in=JenisFormulir.values), name="skp_jenis_formulir_sah"
            ),
            models.CheckConstraint(
                condition=Q(tahun__gte=2000, tahun__lte=2100), name="skp_tahun_wajar"
            ),
            models.CheckConstraint(condition=Q(versi__gte=1), name="skp_versi_positif"),
            models.UniqueConstraint(
                fields=["pegawai", "tahun", "versi"], name="skp_versi_unik_per_tahun"
            ),
            # "One SKP per pegawai per year": at most one approved version in force, and at most
            # one version being agreed (a first draft, or a mid-year revision that coexists with
            # the approved one until it is approved). Replaced versions stay as history.
            models.UniqueConstraint(
                fields=["pegawai", "tahun"],
                condition=Q(status=StatusSkp.DISETUJUI),
                name="skp_satu_disetujui_per_tahun",
                violation_error_message="Pegawai ini sudah memiliki SKP disetujui untuk tahun tersebut.",
            ),
            models.UniqueConstraint(
                fields=["pegawai", "tahun"],
                condition=Q(
                    status__in=[StatusSkp.DRAF, StatusSkp.DIAJUKAN, StatusSkp.DIKEMBALIKAN]
                ),
                name="skp_satu_dalam_proses_per_tahun",
                violation_error_message="Pegawai ini sudah memiliki SKP yang sedang disusun untuk tahun tersebut.",
            ),
        ]
        indexes = [
            models.Index(fields=["tahun", "penilai"], name="skp_tahun_penilai_idx"),
            # Kotak Masuk (its count is in every page's navbar): the Diajukan SKP of the pegawai
            # below someone, without reading the other states.
            models.Index(
                fields=["pegawai"],
                condition=Q(status=StatusSkp.DIAJUKAN),
                name="skp_diajukan_pegawai_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"SKP {self.tahun} {self.pegawai_nama}"

    @property
    def jpt(self) -> bool:
        return self.jenis_formulir == JenisFormulir.JPT

    @property
    def kualitatif(self) -> bool:
        return self.pendekatan == Pendekatan.KUALITATIF

    @property
    def pakai_aspek(self) -> bool:
        """Kuantitatif administrasi/fungsional: one indicator row per aspek."""
        return not self.jpt and not self.kualitatif

    @property
    def dapat_diubah(self) -> bool:
        return self.status in STATUS_DAPAT_DIUBAH


class JenisRhk(models.TextChoices):
    UTAMA = "utama", "Utama"
    TAMBAHAN = "tambahan", "Tambahan"


class Perspektif(models.TextChoices):
    PENERIMA_LAYANAN = "penerima_layanan", "Perspektif Penerima Layanan"
    PROSES_BISNIS = "proses_bisnis", "Perspektif Proses Bisnis"
    PENGUATAN_INTERNAL = "penguatan_internal", "Perspektif Penguatan Internal"
    ANGGARAN = "anggaran", "Perspektif Anggaran"


class RencanaHasilKerja(models.Model):
    """A Rencana Hasil Kerja (RHK). Order is contiguous from 1 within (skp, jenis)."""

    skp = models.ForeignKey(Skp, on_delete=models.CASCADE, related_name="rhk")
    jenis = models.CharField(max_length=8, choices=JenisRhk.choices, default=JenisRhk.UTAMA)
    urutan = models.PositiveSmallIntegerField()
    uraian = models.TextField("rencana hasil kerja")
    # Cascade for administrasi/fungsional: the atasan's RHK this one intervenes. Nullable so a
    # bawahan can draft before the atasan has written theirs and link later.
    # RESTRICT, not SET_NULL: a link must never vanish silently. The delete services
    # (services/hapus.py) unlink bawahan drafts themselves (history row, notification) and
    # refuse while a bawahan SKP that is Diajukan or Disetujui intervenes the RHK; this is the
    # database-level net behind them (a link made meanwhile makes the delete fail, not vanish).
    # Not PROTECT: RESTRICT still lets an atasan's and a bawahan's SKP be deleted in one
    # operation (both ends go). The revision flow never deletes an RHK (a replaced version's
    # RHK stay; links move to the new version by update), so it is unaffected.
    rhk_atasan = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.RESTRICT,
        related_name="rhk_intervensi",
        verbose_name="RHK pimpinan yang diintervensi",
    )
    # The text of `rhk_atasan` as agreed, frozen when this SKP is approved (services/alur.py,
    # `setujui`). The atasan's own draft may still change that text afterwards; an approved or
    # replaced SKP must keep showing what was signed, as its stored PDF does. Blank while the
    # SKP is being agreed: drafts and pending SKPs show the live text (`uraian_rhk_atasan`).
    rhk_atasan_uraian = models.TextField("uraian RHK pimpinan saat disetujui", blank=True)
    perspektif = models.CharField(max_length=20, choices=Perspektif.choices, blank=True)
    # In a revision: the RHK of the previous version this one was copied from. When the revision
    # is approved, bawahan RHK that intervene the old one are moved to this one.
    asal = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="salinan"
    )
    # Cascade for a JPT: one item of the Renstra (sasaran or indikator) or of the year's Renja.
    sasaran_renstra = models.ForeignKey(
        "perencanaan.SasaranStrategis",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="rhk_skp",
        verbose_name="sasaran strategis Renstra",
    )
    indikator_renstra = models.ForeignKey(
        "perencanaan.IndikatorKinerja",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="rhk_skp",
        verbose_name="indikator kinerja Renstra",
    )
    subkegiatan_renja = models.ForeignKey(
        "perencanaan.SubKegiatan",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="rhk_skp",
        verbose_name="sub kegiatan Renja",
    )
    # The linked planning item's text as agreed, frozen on approval like `rhk_atasan_uraian`:
    # a later Renstra upload may reword the item (issue 12), and an approved or replaced SKP
    # must keep showing what was signed. Blank while the SKP is being agreed.
    renstra_uraian = models.TextField("uraian butir Renstra/Renja saat disetujui", blank=True)

    class Meta:
        verbose_name = "rencana hasil kerja"
        verbose_name_plural = "rencana hasil kerja"
        ordering = ["skp", "-jenis", "urutan"]  # "utama" sorts after "tambahan": hence -jenis
        constraints = [
            models.CheckConstraint(condition=Q(jenis__in=JenisRhk.values), name="rhk_jenis_sah"),
            models.CheckConstraint(
                condition=Q(perspektif__in=[*Perspektif.values, ""]), name="rhk_perspektif_sah"
            ),
            models.CheckConstraint(
                condition=~Q(rhk_atasan=F("id")), name="rhk_bukan_atasan_sendiri"
            ),
            models.UniqueConstraint(fields=["skp", "jenis", "urutan"], name="rhk_urutan_unik"),
            # A JPT RHK takes its result from one planning item, not several.
            models.CheckConstraint(
                condition=Q(sasaran_renstra__isnull=True, indikator_renstra__isnull=True)
                | Q(sasaran_renstra__isnull=True, subkegiatan_renja__isnull=True)
                | Q(indikator_renstra__isnull=True, subkegiatan_renja__isnull=True),
                name="rhk_satu_tautan_perencanaan",
            ),
        ]

    def __str__(self) -> str:
        return self.uraian

    @property
    def utama(self) -> bool:
        return self.jenis == JenisRhk.UTAMA

    @property
    def ditautkan(self) -> bool:
        """Linked up the cascade: to an atasan's RHK, or (JPT) to a Renstra/Renja item."""
        return bool(
            self.rhk_atasan_id
            or self.sasaran_renstra_id
            or self.indikator_renstra_id
            or self.subkegiatan_renja_id
        )

    @property
    def uraian_rhk_atasan(self) -> str:
        """The intervened atasan RHK's text as this SKP shows it: the text frozen at approval for
        an approved or replaced SKP (even if the link was released since), the live text
        otherwise. Reads `self.skp`: load RHK through their SKP (muat_isi) to keep it free."""
        if self.rhk_atasan_uraian and self.skp.status in STATUS_TERBIT:
            return self.rhk_atasan_uraian
        return self.rhk_atasan.uraian if self.rhk_atasan_id else ""

    @property
    def butir_perencanaan(self) -> object | None:
        """The linked Renstra/Renja item (JPT), if any. Load with select_related (muat_isi)."""
        return self.indikator_renstra or self.sasaran_renstra or self.subkegiatan_renja

    @property
    def label_perencanaan(self) -> str:
        """What kind of planning item this RHK takes its result from, for the SKP page."""
        if self.indikator_renstra_id:
            return "Indikator Renstra"
        if self.sasaran_renstra_id:
            return "Sasaran strategis"
        if self.subkegiatan_renja_id:
            return "Sub kegiatan Renja"
        # Agreed with an item deleted since (SET_NULL): its text is still what was signed.
        return "Butir Renstra/Renja" if self.uraian_perencanaan else ""

    @property
    def uraian_perencanaan(self) -> str:
        """The linked planning item's text as this SKP shows it: frozen at approval for an
        approved or replaced SKP, the live text otherwise (as `uraian_rhk_atasan`)."""
        if self.renstra_uraian and self.skp.status in STATUS_TERBIT:
            return self.renstra_uraian
        butir = self.butir_perencanaan
        return butir.nama if butir else ""

    @property
    def label(self) -> str:
        """ "Utama 2" / "Tambahan 1": how people refer to an RHK within an SKP."""
        return f"{self.get_jenis_display()} {self.urutan}"


class Aspek(models.TextChoices):
    KUANTITAS = "kuantitas", "Kuantitas"
    KUALITAS = "kualitas", "Kualitas"
    WAKTU = "waktu", "Waktu"
    BIAYA = "biaya", "Biaya"


ASPEK_WAJIB = (Aspek.KUANTITAS, Aspek.KUALITAS, Aspek.WAKTU)
URUTAN_ASPEK = {a: i for i, a in enumerate(Aspek.values)}


class IndikatorKinerja(models.Model):
    """An Indikator Kinerja Individu with its target. Aspek is set only on kuantitatif
    administrasi/fungsional SKP; a kualitatif RHK has one "ukuran keberhasilan"."""

    rhk = models.ForeignKey(RencanaHasilKerja, on_delete=models.CASCADE, related_name="indikator")
    aspek = models.CharField(max_length=10, choices=Aspek.choices, blank=True)
    uraian = models.TextField("indikator kinerja individu")
    target_min = models.DecimalField(
        "target", max_digits=16, decimal_places=2, null=True, blank=True
    )
    target_maks = models.DecimalField(
        "batas atas target", max_digits=16, decimal_places=2, null=True, blank=True
    )
    satuan = models.CharField(max_length=50, blank=True)
    target_tanggal = models.DateField("tenggat", null=True, blank=True)
    rencana_bukti_dukung = models.TextField(blank=True)

    class Meta:
        verbose_name = "indikator kinerja individu"
        verbose_name_plural = "indikator kinerja individu"
        ordering = ["rhk", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(aspek__in=[*Aspek.values, ""]), name="indikator_aspek_sah"
            ),
            models.CheckConstraint(
                condition=Q(target_min__isnull=False) | Q(target_tanggal__isnull=False),
                name="indikator_target_ada",
            ),
            models.CheckConstraint(
                condition=Q(target_min__isnull=True) | Q(target_min__gte=0),
                name="indikator_target_tidak_negatif",
            ),
            models.CheckConstraint(
                condition=Q(target_maks__isnull=True)
                | Q(target_min__isnull=False, target_maks__gte=F("target_min")),
                name="indikator_rentang_sah",
            ),
        ]

    def __str__(self) -> str:
        return self.uraian


class PerilakuKerja(models.Model):
    """One BerAKHLAK row: the core value and its standard behaviours (copied in when the SKP is
    created) and the atasan's Ekspektasi Khusus Pimpinan."""

    skp = models.ForeignKey(Skp, on_delete=models.CASCADE, related_name="perilaku")
    urutan = models.PositiveSmallIntegerField()
    nilai_inti = models.CharField("nilai dasar", max_length=50)
    panduan = models.TextField("panduan perilaku")  # one behaviour per line
    ekspektasi_khusus = models.TextField("ekspektasi khusus pimpinan", blank=True)

    class Meta:
        verbose_name = "perilaku kerja"
        verbose_name_plural = "perilaku kerja"
        ordering = ["skp", "urutan"]
        constraints = [
            models.UniqueConstraint(fields=["skp", "urutan"], name="perilaku_urutan_unik"),
        ]

    def __str__(self) -> str:
        return self.nilai_inti

    @property
    def daftar_panduan(self) -> list[str]:
        return [b for b in self.panduan.splitlines() if b.strip()]


class RiwayatStatus(models.Model):
    """One row per status change (and per reassignment of the penilai), never edited. At each
    submission `cuplikan` keeps the content as submitted: the atasan's diff and the comparison of
    versions read it."""

    skp = models.ForeignKey(Skp, on_delete=models.CASCADE, related_name="riwayat")
    aksi = models.CharField(max_length=20)
    dari = models.CharField(max_length=12, choices=StatusSkp.choices, blank=True)
    ke = models.CharField(max_length=12, choices=StatusSkp.choices)
    oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    waktu = models.DateTimeField(default=timezone.now)
    catatan = models.TextField(blank=True)
    cuplikan = models.JSONField(null=True, blank=True)

    class Meta:
        verbose_name = "riwayat status SKP"
        verbose_name_plural = "riwayat status SKP"
        ordering = ["skp", "waktu", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(ke__in=StatusSkp.values), name="riwayat_ke_sah"),
            models.CheckConstraint(
                condition=Q(dari__in=[*StatusSkp.values, ""]), name="riwayat_dari_sah"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.skp_id}: {self.dari or '-'} -> {self.ke}"


class ButirKomentar(models.TextChoices):
    SKP = "skp", "SKP secara keseluruhan"
    RHK = "rhk", "RHK"
    INDIKATOR = "indikator", "Indikator"


class Komentar(models.Model):
    """A comment of the penilai when returning an SKP: on the whole SKP, an RHK or an indicator.
    `putaran` is the return it belongs to. The pegawai marks it addressed while revising."""

    skp = models.ForeignKey(Skp, on_delete=models.CASCADE, related_name="komentar")
    # What kind of item it was made on: kept when the RHK or indicator is deleted later (the
    # links below then become null), so the comment is still shown as one on a deleted item.
    butir = models.CharField(
        max_length=10, choices=ButirKomentar.choices, default=ButirKomentar.SKP
    )
    putaran = models.ForeignKey(RiwayatStatus, on_delete=models.CASCADE, related_name="komentar")
    rhk = models.ForeignKey(
        RencanaHasilKerja, null=True, blank=True, on_delete=models.SET_NULL, related_name="komentar"
    )
    indikator = models.ForeignKey(
        IndikatorKinerja, null=True, blank=True, on_delete=models.SET_NULL, related_name="komentar"
    )
    # What it was about, kept readable when the item is later deleted.
    sasaran = models.CharField(max_length=300, blank=True)
    teks = models.TextField()
    oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    dibuat = models.DateTimeField(default=timezone.now)
    ditangani = models.BooleanField(default=False)
    ditangani_pada = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "komentar"
        verbose_name_plural = "komentar"
        ordering = ["skp", "dibuat", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(butir__in=ButirKomentar.values), name="komentar_butir_sah"
            ),
        ]

    def __str__(self) -> str:
        return self.teks[:60]

    @property
    def butir_dihapus(self) -> bool:
        """Made on an RHK or indicator that has since been deleted."""
        if self.butir == ButirKomentar.INDIKATOR:
            return self.indikator_id is None
        return self.butir == ButirKomentar.RHK and self.rhk_id is None


class KomentarBalasan(models.Model):
    """One message in a comment's short thread: the pegawai answers the penilai's comment
    (explains, or asks back) and the penilai may answer in turn; both read it beside the RHK."""

    komentar = models.ForeignKey(Komentar, on_delete=models.CASCADE, related_name="balasan")
    teks = models.TextField()
    oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    dibuat = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "balasan komentar"
        verbose_name_plural = "balasan komentar"
        ordering = ["komentar", "dibuat", "pk"]

    def __str__(self) -> str:
        return self.teks[:60]


class Notifikasi(models.Model):
    """An in-app notification (the same news also goes out by email)."""

    penerima = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifikasi_skp"
    )
    judul = models.CharField(max_length=200)
    isi = models.TextField(blank=True)
    tautan = models.CharField(max_length=300, blank=True)
    dibaca = models.BooleanField(default=False)
    dibuat = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "notifikasi"
        verbose_name_plural = "notifikasi"
        ordering = ["-dibuat", "-pk"]
        indexes = [models.Index(fields=["penerima", "dibaca"], name="notifikasi_penerima_idx")]

    def __str__(self) -> str:
        return self.judul


# Named in the migrations that created the documents' token field.
_token_dokumen = token_dokumen


class DokumenSkp(DokumenBertanda):
    """The signed PDF of one approved SKP version, issued once and served as stored. `token`
    keys the public verification page (printed as a QR code and a short URL in the document);
    `sha256` is the fingerprint of the final signed bytes. A row without `sha256` is a token
    reserved for a document still being rendered."""

    skp = models.OneToOneField(Skp, on_delete=models.PROTECT, related_name="dokumen")
    versi = models.PositiveSmallIntegerField()
    berkas = models.FileField(upload_to="skp/dokumen/", blank=True)

    class Meta:
        verbose_name = "dokumen SKP"
        verbose_name_plural = "dokumen SKP"

    def __str__(self) -> str:
        return f"Dokumen SKP {self.skp_id} v{self.versi}"


class EksporSkp(EksporBerkas):
    """A bulk export asked for by an admin: every approved SKP of a year (of a unit and its
    sub-units, or of the whole instansi) as one ZIP, built by a background worker."""

    instansi = models.ForeignKey(Instansi, on_delete=models.CASCADE, related_name="ekspor_skp")
    unit = models.ForeignKey(
        "organisasi.UnitKerja", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    tahun = models.PositiveSmallIntegerField()
    berkas = models.FileField(upload_to="skp/ekspor/", blank=True)

    class Meta:
        verbose_name = "ekspor SKP"
        verbose_name_plural = "ekspor SKP"
        ordering = ["-dibuat", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=StatusEkspor.values), name="ekspor_status_sah"
            ),
        ]

    def __str__(self) -> str:
        return f"Ekspor SKP {self.tahun} ({self.get_status_display()})"
