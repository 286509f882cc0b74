from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model, password_validation
from django.db.models import QuerySet
from django.template.defaultfilters import filesizeformat

from organisasi.aktivasi import PANJANG_KODE, normalisasi_kode
from organisasi.akun import PESAN_AKUN_LAIN, Kendali, akun_per_nip
from organisasi.models import Instansi, Jabatan, JenisPenugasan, Pegawai, UnitKerja
from organisasi.nip import normalisasi_nip


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


class AktivasiForm(forms.Form):
    """The public activation page: NIP, the code from the letter, and a new password twice.
    The password rules that need no account are checked here, before any attempt is counted;
    the service checks them again against the account."""

    nip = forms.CharField(
        label="NIP",
        max_length=40,
        widget=forms.TextInput(attrs={"autocomplete": "username", "inputmode": "numeric"}),
    )
    kode = forms.CharField(
        label="Kode aktivasi",
        max_length=40,
        help_text="Seperti tercetak pada surat aktivasi, misalnya ABCDE-FGHJK.",
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autocapitalize": "characters"}
        ),
    )
    kata_sandi1 = forms.CharField(
        label="Kata sandi baru",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    kata_sandi2 = forms.CharField(
        label="Ulangi kata sandi baru",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean_nip(self) -> str:
        nip = normalisasi_nip(self.cleaned_data["nip"])
        if not (nip.isdigit() and len(nip) == 18):
            raise forms.ValidationError("NIP terdiri atas 18 angka (spasi boleh).")
        return nip

    def clean_kode(self) -> str:
        kode = normalisasi_kode(self.cleaned_data["kode"])
        if len(kode) != PANJANG_KODE:
            raise forms.ValidationError(
                f"Kode aktivasi terdiri atas {PANJANG_KODE} huruf dan angka, seperti tercetak "
                "pada surat."
            )
        return kode

    def clean(self) -> dict:
        data = super().clean()
        satu, dua = data.get("kata_sandi1"), data.get("kata_sandi2")
        if satu and dua and satu != dua:
            self.add_error("kata_sandi2", "Kedua kata sandi tidak sama. Ketik ulang keduanya.")
        elif satu:
            # Compared with the NIP as typed, without looking up any account.
            calon = get_user_model()(username=data.get("nip", ""))
            try:
                password_validation.validate_password(satu, calon)
            except forms.ValidationError as e:
                self.add_error("kata_sandi1", e)
        return data


class SaringAktivasiForm(forms.Form):
    """The filter of the *Aktivasi Akun* page (GET), sent again with a print (POST) so that
    "every pegawai shown" means the same list."""

    unit = forms.ModelChoiceField(
        queryset=UnitKerja.objects.none(),
        required=False,
        empty_label="Semua unit kerja",
        label="Unit kerja (termasuk sub-unitnya)",
    )
    q = forms.CharField(label="NIP atau nama", required=False, max_length=100)
    belum_masuk = forms.BooleanField(label="Hanya yang belum pernah masuk", required=False)

    def __init__(self, *args, instansi: QuerySet[Instansi], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = UnitKerja.objects.filter(instansi__in=instansi).order_by(
            "instansi__nama", "kode"
        )
        self.fields["unit"].label_from_instance = lambda u: f"{u.kode} {u.nama}"
        self.fields["unit"].widget.attrs["class"] = "form-select"
        self.fields["unit"].error_messages["invalid_choice"] = (
            "Unit kerja itu tidak ada di instansi yang Anda kelola. Pilih dari daftar."
        )

    def kriteria(self) -> dict:
        """Keyword arguments of `organisasi.selectors.daftar_aktivasi`."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        unit = data.get("unit")
        return {
            "unit_id": unit.pk if unit else None,
            "cari": data.get("q", ""),
            "belum_masuk": bool(data.get("belum_masuk")),
        }


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
