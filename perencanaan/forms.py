from django import forms
from django.conf import settings
from django.db.models import QuerySet
from django.template.defaultfilters import filesizeformat

from organisasi.models import UnitKerja
from perencanaan import impor


class PilihanUnit(forms.ModelChoiceField):
    def label_from_instance(self, obj: UnitKerja) -> str:
        return f"{obj.kode} — {obj.nama}"


class PeriodeField(forms.CharField):
    def clean(self, value: str | None) -> impor.Periode | None:  # type: ignore[override]
        teks = super().clean(value)  # as text first, so max_length applies to the text
        if not teks:
            return None
        try:
            return impor.baca_periode(teks)
        except ValueError as e:
            raise forms.ValidationError(str(e)) from e

    def prepare_value(self, value: object) -> object:
        return str(value) if isinstance(value, impor.Periode) else value


class UnggahRenstraForm(forms.Form):
    unit = PilihanUnit(
        queryset=UnitKerja.objects.none(),
        label="Perangkat Daerah (OPD)",
        empty_label="— pilih OPD —",
    )
    periode = PeriodeField(
        label="Periode Renstra",
        help_text="Tahun awal dan akhir, misalnya 2025-2029.",
        max_length=20,
    )
    berkas = forms.FileField(
        label="Berkas XLSX atau CSV",
        help_text="Sheet Renstra (wajib) dan Renja (boleh), dengan kolom seperti pada templat. "
        "Berkas CSV hanya berisi Renstra.",
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
        # An empty file goes on to the import, which refuses it and records it in the history.
        allow_empty_file=True,
    )

    def __init__(self, *args, unit: QuerySet[UnitKerja], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = unit

    def clean_berkas(self):  # noqa: ANN201
        berkas = self.cleaned_data["berkas"]
        # Refused here already so a huge or wrong file is not read at all.
        if berkas.size > settings.IMPOR_MAKS_BYTES:
            raise forms.ValidationError(
                f"Berkas terlalu besar ({filesizeformat(berkas.size)}); batasnya "
                f"{filesizeformat(settings.IMPOR_MAKS_BYTES)}."
            )
        if not berkas.name.lower().endswith((".xlsx", ".csv")):
            raise forms.ValidationError("Unggah berkas .xlsx atau .csv.")
        return berkas


class TemplatForm(forms.Form):
    """The template download takes the period (and optionally the OPD) from the upload form."""

    periode = PeriodeField(max_length=20)
    unit = forms.ModelChoiceField(queryset=UnitKerja.objects.none(), required=False)

    def __init__(self, *args, unit: QuerySet[UnitKerja], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = unit
