"""Input conversion for the SKP pages. The rules themselves live in the services (one place), which
the views call with cleaned values; their errors are attached back onto these forms."""

from decimal import Decimal

from crispy_forms.helper import FormHelper
from django import forms

from skp.batas import (
    MAKS_INDIKATOR,
    MAKS_INDIKATOR_SKP,
    MAKS_LAMPIRAN,
    MAKS_RHK,
    MAKS_SATUAN,
    MAKS_URAIAN,
)
from skp.models import Aspek, JenisRhk, Pendekatan, Perspektif, Skp
from skp.target import MAKS_TARGET, baca_angka, tampil_angka


def _karakter(maks: int) -> str:
    return f"{tampil_angka(Decimal(maks))} karakter"


class FormSkp(forms.Form):
    """Field ids get a per-form prefix so several open forms on one page never share an id;
    the posted names stay plain."""

    def __init__(self, *args, id_form: str = "", **kwargs) -> None:
        if id_form:
            kwargs.setdefault("auto_id", f"id_{id_form}_%s")
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True

    def fokus_awal(self) -> None:
        """Keyboard focus lands in the first text field when the form opens."""
        for field in self.fields.values():
            if not isinstance(field.widget, forms.HiddenInput | forms.RadioSelect):
                field.widget.attrs["autofocus"] = True
                return

    def fokus_galat(self) -> None:
        """...and on the first field to fix when it comes back with errors."""
        for nama in self.errors:
            field = self.fields.get(nama)
            if field is not None and not isinstance(field.widget, forms.HiddenInput):
                field.widget.attrs["autofocus"] = True
                return


class AngkaField(forms.CharField):
    """A number as Indonesians type it: 99,5 or 1.500.000 (or 12.5)."""

    widget = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})

    def to_python(self, value: str | None) -> Decimal | None:  # type: ignore[override]
        teks = super().to_python(value)
        if not teks:
            return None
        angka = baca_angka(teks)
        if angka is None:
            raise forms.ValidationError(
                "“%(teks)s” bukan angka. Tulis angka saja, misalnya 12 atau 99,5; "
                "satuannya diisi di kolom Satuan.",
                params={"teks": teks[:30]},
            )
        # Before quantize, which cannot even hold 1E+30 to two decimals (InvalidOperation).
        if abs(angka) > MAKS_TARGET:
            raise forms.ValidationError(
                "Angka terlalu besar; paling besar %(maks)s.",
                params={"maks": tampil_angka(MAKS_TARGET)},
            )
        if angka != angka.quantize(Decimal("0.01")):
            raise forms.ValidationError("Gunakan paling banyak dua angka di belakang koma.")
        return angka

    def prepare_value(self, value: object) -> object:
        return tampil_angka(value) if isinstance(value, Decimal) else value


class BuatSkpForm(FormSkp):
    tahun = forms.TypedChoiceField(label="Tahun penilaian", coerce=int)
    pendekatan = forms.ChoiceField(
        label="Pendekatan hasil kerja",
        choices=Pendekatan.choices,
        initial=Pendekatan.KUANTITATIF,
        widget=forms.RadioSelect,
        help_text="Kuantitatif: target per aspek (kuantitas, kualitas, waktu). Kualitatif: satu "
        "ukuran keberhasilan per RHK. Bila ragu, pilih Kuantitatif.",
    )
    salin = forms.BooleanField(label="Salin dari SKP tahun sebelumnya", required=False)

    def __init__(self, *args, tahun_pilihan: list[int], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["tahun"].choices = [(t, str(t)) for t in tahun_pilihan]
        self.fields["tahun"].error_messages["invalid_choice"] = (
            "Pilih tahun yang tersedia pada daftar."
        )


KOLOM_TAUTAN = {
    "sasaran": "sasaran_renstra",
    "indikator": "indikator_renstra",
    "subkegiatan": "subkegiatan_renja",
}


class RhkForm(FormSkp):
    jenis = forms.ChoiceField(label="Jenis RHK", choices=JenisRhk.choices, widget=forms.RadioSelect)
    uraian = forms.CharField(
        label="Rencana hasil kerja",
        max_length=MAKS_URAIAN,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Hasil yang akan diwujudkan, bukan kegiatannya. Contoh: Tersedianya data "
        "cakupan imunisasi dasar lengkap yang mutakhir setiap bulan. Paling banyak "
        f"{_karakter(MAKS_URAIAN)}; satu SKP memuat paling banyak {MAKS_RHK} RHK.",
        error_messages={"required": "Tuliskan rencana hasil kerja."},
    )
    rhk_atasan = forms.IntegerField(required=False, widget=forms.HiddenInput)
    perspektif = forms.ChoiceField(
        label="Perspektif",
        choices=[("", "— pilih perspektif —"), *Perspektif.choices],
        required=False,
    )

    # JPT: "sasaran:<id>", "indikator:<id>" or "subkegiatan:<id>" (radio buttons in the page).
    tautan_renstra = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, skp: Skp, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if skp.jpt:
            del self.fields["rhk_atasan"]
            self.fields["perspektif"].required = True
            self.fields["perspektif"].error_messages["required"] = "Pilih perspektif RHK ini."
        else:
            del self.fields["perspektif"]
            del self.fields["tautan_renstra"]

    def clean_tautan_renstra(self) -> dict[str, int]:
        """ "indikator:5" -> {"indikator_renstra": 5}; the service checks it is allowed."""
        nilai = self.cleaned_data.get("tautan_renstra") or ""
        if not nilai:
            return {}
        jenis, _, pk = nilai.partition(":")
        kolom = KOLOM_TAUTAN.get(jenis)
        if kolom is None or not pk.isdigit():
            raise forms.ValidationError("Pilih sasaran, indikator, atau sub kegiatan dari daftar.")
        return {kolom: int(pk)}


class IndikatorForm(FormSkp):
    aspek = forms.ChoiceField(
        label="Aspek",
        choices=[("", "— pilih aspek —"), *Aspek.choices],
        error_messages={"required": "Pilih aspek indikator."},
    )
    uraian = forms.CharField(
        label="Indikator kinerja individu",
        max_length=MAKS_URAIAN,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=f"Paling banyak {_karakter(MAKS_URAIAN)}; satu RHK memuat paling banyak "
        f"{MAKS_INDIKATOR} indikator, satu SKP paling banyak {MAKS_INDIKATOR_SKP}.",
        error_messages={"required": "Tuliskan indikator kinerja individu."},
    )
    target_min = AngkaField(label="Target", required=False, help_text="Angka, misalnya 12 atau 95.")
    target_maks = AngkaField(
        label="Sampai (bila rentang)",
        required=False,
        help_text="Isi bila target berupa rentang, misalnya 90 sampai 100.",
    )
    satuan = forms.CharField(
        label="Satuan",
        max_length=MAKS_SATUAN,
        required=False,
        widget=forms.TextInput(attrs={"list": "saran-satuan", "autocomplete": "off"}),
        help_text="Misalnya dokumen, %, orang; untuk Waktu: hari, bulan; untuk Biaya: rupiah.",
    )
    target_tanggal = forms.DateField(
        label="Atau tenggat (tanggal)",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text="Khusus aspek Waktu: isi tanggal ini atau angka dengan satuan waktu.",
        error_messages={"invalid": "Tulis tanggal yang sah, misalnya 31-12-2026."},
    )
    rencana_bukti_dukung = forms.CharField(
        label="Rencana bukti dukung",
        required=False,
        max_length=MAKS_URAIAN,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Bukti yang akan Anda tunjukkan, misalnya laporan bulanan dan tangkapan layar "
        f"aplikasi. Paling banyak {_karakter(MAKS_URAIAN)}.",
    )

    def __init__(self, *args, skp: Skp, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if not skp.pakai_aspek:
            del self.fields["aspek"]
            del self.fields["target_tanggal"]
            if skp.kualitatif and not skp.jpt:
                self.fields["uraian"].label = "Ukuran keberhasilan / indikator kinerja individu"
                self.fields["uraian"].error_messages["required"] = (
                    "Tuliskan ukuran keberhasilan RHK ini."
                )


class LampiranForm(FormSkp):
    dukungan_sumber_daya = forms.CharField(
        label="Dukungan sumber daya",
        required=False,
        max_length=MAKS_LAMPIRAN,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Satu butir per baris, misalnya: Anggaran sub kegiatan surveilans Rp 150 juta. "
        f"Paling banyak {_karakter(MAKS_LAMPIRAN)}.",
    )
    skema_pertanggungjawaban = forms.CharField(
        label="Skema pertanggungjawaban",
        required=False,
        max_length=MAKS_LAMPIRAN,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Satu butir per baris, misalnya: Laporan bulanan kepada Kepala Seksi. "
        f"Paling banyak {_karakter(MAKS_LAMPIRAN)}.",
    )
    konsekuensi = forms.CharField(
        label="Konsekuensi",
        required=False,
        max_length=MAKS_LAMPIRAN,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Satu butir per baris, misalnya: Target tidak tercapai memengaruhi capaian "
        "kinerja seksi. "
        f"Paling banyak {_karakter(MAKS_LAMPIRAN)}.",
    )


class EkspektasiForm(FormSkp):
    ekspektasi_khusus = forms.CharField(
        label="Ekspektasi khusus pimpinan",
        required=False,
        max_length=MAKS_URAIAN,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Perilaku yang Anda harapkan secara khusus dari pegawai ini. Boleh dikosongkan. "
        f"Paling banyak {_karakter(MAKS_URAIAN)}.",
    )
