from django import forms
from django.conf import settings
from django.db.models import QuerySet
from django.template.defaultfilters import filesizeformat

from organisasi.akun import PESAN_AKUN_LAIN, Kendali, akun_per_nip
from organisasi.models import Instansi, Pegawai


class UnggahPegawaiForm(forms.Form):
    instansi = forms.ModelChoiceField(queryset=Instansi.objects.none(), label="Instansi")
    berkas = forms.FileField(
        label="Berkas XLSX atau CSV",
        help_text="Satu baris per pegawai, memakai kolom seperti pada templat.",
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
        # An empty file goes on to the import, which refuses it and records it in the history.
        allow_empty_file=True,
    )

    def __init__(self, *args, instansi: QuerySet[Instansi], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["instansi"].queryset = instansi
        if instansi.count() == 1:
            self.fields["instansi"].initial = instansi.first()
            self.fields["instansi"].widget = forms.HiddenInput()

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


class PegawaiAdminForm(forms.ModelForm):
    """The Django admin's pegawai form: refuses a NIP whose login the instansi may not take
    (`organisasi.akun.kendali_akun`), before anything is saved."""

    class Meta:
        model = Pegawai
        fields = [
            "instansi", "nip", "nama", "gelar_depan", "gelar_belakang", "golongan", "jabatan",
            "email", "aktif",
        ]  # fmt: skip

    def clean(self) -> dict:
        data = super().clean()
        nip = data.get("nip")
        if nip:
            # The instance still holds the stored row here: its login and instansi as they are.
            tersimpan = self.instance if self.instance.pk else None
            _, kendali = akun_per_nip({nip: tersimpan}, instansi_id=self.instance.instansi_id)[nip]
            if kendali is Kendali.TOLAK:
                self.add_error("nip", PESAN_AKUN_LAIN)
        return data
