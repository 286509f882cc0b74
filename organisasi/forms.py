from django import forms
from django.conf import settings
from django.db.models import QuerySet
from django.template.defaultfilters import filesizeformat

from organisasi.akun import PESAN_AKUN_LAIN, Kendali, akun_per_nip
from organisasi.models import Instansi, Jabatan, JenisPenugasan, Pegawai
from organisasi.nip import normalisasi_nip


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


class TanggalInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


class PltForm(forms.Form):
    """Adding a Plt/Plh: the position (among those with a position under them), the person by
    NIP (an instansi has thousands: a list would not do), the kind and the dates. The rules on
    the dates and overlaps are the model's (`PenugasanSementara.clean`), applied by the
    service."""

    jabatan = forms.ModelChoiceField(
        queryset=Jabatan.objects.none(),
        label="Jabatan yang dilaksanakan",
        empty_label="— pilih jabatan —",
        error_messages={
            "required": "Pilih jabatan.",
            "invalid_choice": "Pilih jabatan dari daftar.",
        },
    )
    nip = forms.CharField(
        label="NIP pegawai yang ditugasi",
        max_length=30,
        help_text="Boleh dengan spasi, misalnya 19800422 200501 1 003.",
        error_messages={"required": "Isi NIP pegawai yang ditugasi."},
    )
    jenis = forms.ChoiceField(label="Jenis", choices=JenisPenugasan.choices)
    mulai = forms.DateField(
        label="Mulai", widget=TanggalInput(), error_messages={"required": "Isi tanggal mulai."}
    )
    selesai = forms.DateField(
        label="Selesai", widget=TanggalInput(), error_messages={"required": "Isi tanggal selesai."}
    )
    nomor_sk = forms.CharField(label="Nomor SK (tidak wajib)", max_length=100, required=False)

    def __init__(self, *args, instansi: Instansi, jabatan: QuerySet[Jabatan], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.instansi = instansi
        self.fields["jabatan"].queryset = jabatan
        self.fields["jabatan"].label_from_instance = lambda j: (
            f"{j.unit_kerja.kode} {j.nama} ({j.unit_kerja.nama})"
            + ("" if getattr(j, "pemangku", None) else " · lowong")
        )

    def clean_nip(self) -> Pegawai:
        nip = normalisasi_nip(self.cleaned_data["nip"])
        pegawai = Pegawai.objects.filter(instansi=self.instansi, nip=nip).first()
        if pegawai is None:
            raise forms.ValidationError(f"Tidak ada pegawai dengan NIP {nip} di {self.instansi}.")
        return pegawai


class AkhiriPltForm(forms.Form):
    selesai = forms.DateField(
        label="Hari terakhir",
        widget=TanggalInput(),
        error_messages={
            "required": "Isi hari terakhir Plt/Plh.",
            "invalid": "Isi tanggal yang sah.",
        },
    )
