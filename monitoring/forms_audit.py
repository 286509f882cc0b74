"""Input of the SKP audit pages. Conversion only: the rules (sizes, the year having approved
SKPs, a note for "perlu perbaikan") live in monitoring/services/audit.py."""

from django import forms
from django.utils import timezone

from monitoring.models import TemuanAudit
from skp.forms import FormSkp

CARA_UKURAN = [("jumlah", "Jumlah SKP per unit kerja"), ("persen", "Persentase per unit kerja")]


class SampelForm(FormSkp):
    token = forms.CharField(widget=forms.HiddenInput)
    instansi = forms.TypedChoiceField(label="Instansi", coerce=int)
    tahun = forms.IntegerField(
        label="Tahun SKP",
        min_value=2000,
        max_value=2100,
        error_messages={
            "required": "Isi tahun SKP yang diaudit.",
            "invalid": "Tahun harus bilangan bulat, mis. 2026.",
            "min_value": "Tahun harus antara 2000 dan 2100.",
            "max_value": "Tahun harus antara 2000 dan 2100.",
        },
    )
    cara = forms.ChoiceField(
        label="Ukuran sampel", choices=CARA_UKURAN, initial="jumlah", widget=forms.RadioSelect
    )
    nilai = forms.IntegerField(
        label="Jumlah atau persentase",
        help_text="Per unit kerja. Unit dengan SKP lebih sedikit diambil semuanya; persentase "
        "dibulatkan ke atas (paling sedikit satu SKP per unit).",
        error_messages={
            "required": "Isi ukuran sampel.",
            "invalid": "Ukuran sampel harus bilangan bulat.",
        },
    )
    seed = forms.IntegerField(
        label="Seed (opsional)",
        required=False,
        help_text="Kosongkan agar dibuat acak dan dicatat. Seed yang sama atas data yang sama "
        "menghasilkan sampel yang sama.",
        error_messages={"invalid": "Seed harus bilangan bulat."},
    )

    def __init__(self, *args, instansi: list, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["instansi"].choices = [(i.pk, i.nama) for i in instansi]
        if instansi:
            self.fields["instansi"].initial = instansi[0].pk
        if len(instansi) == 1:
            self.fields["instansi"].widget = forms.HiddenInput()
        self.fields["tahun"].initial = timezone.localdate().year

    def isian(self) -> dict:
        d = self.cleaned_data
        jumlah = d["cara"] == "jumlah"
        return {
            "tahun": d["tahun"],
            "ukuran": d["nilai"] if jumlah else None,
            "persen": None if jumlah else d["nilai"],
            "seed": d["seed"],
            "token": d["token"],
        }


class TemuanForm(FormSkp):
    revisi = forms.IntegerField(widget=forms.HiddenInput, required=False)
    temuan = forms.ChoiceField(
        label="Temuan",
        choices=[(TemuanAudit.SESUAI, "Sesuai"), (TemuanAudit.PERLU_PERBAIKAN, "Perlu perbaikan")],
        widget=forms.RadioSelect,
        error_messages={"required": "Pilih temuan: Sesuai atau Perlu perbaikan."},
    )
    catatan = forms.CharField(
        label="Catatan",
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": 4000}),
        help_text="Wajib bila perlu perbaikan: apa yang tidak sesuai dan apa yang harus diperbaiki.",
    )
