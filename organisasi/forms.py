from django import forms
from django.db.models import QuerySet

from organisasi.models import Instansi


class UnggahPegawaiForm(forms.Form):
    instansi = forms.ModelChoiceField(queryset=Instansi.objects.none(), label="Instansi")
    berkas = forms.FileField(
        label="Berkas XLSX atau CSV",
        help_text="Satu baris per pegawai, memakai kolom seperti pada templat.",
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )

    def __init__(self, *args, instansi: QuerySet[Instansi], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["instansi"].queryset = instansi
        if instansi.count() == 1:
            self.fields["instansi"].initial = instansi.first()
            self.fields["instansi"].widget = forms.HiddenInput()
