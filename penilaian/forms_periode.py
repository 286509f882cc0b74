"""Input validation and conversion for the admin's Periode Penilaian page."""

from django import forms

from organisasi.models import Instansi, Pegawai
from organisasi.nip import normalisasi_nip
from penilaian.models import JenisMasaTidakDinilai, JenisPeriode, Periode

TANGGAL = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PegawaiNipField(forms.CharField):
    """A NIP typed with or without spaces, resolved to a pegawai of one instansi."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("label", "NIP pegawai")
        kwargs.setdefault("max_length", 40)
        super().__init__(*args, **kwargs)
        self.instansi: Instansi | None = None

    def clean(self, value: str) -> Pegawai:
        nip = normalisasi_nip(super().clean(value))
        pegawai = Pegawai.objects.filter(nip=nip, instansi=self.instansi).first()
        if pegawai is None:
            raise forms.ValidationError(
                "NIP tersebut tidak terdaftar sebagai pegawai instansi ini."
            )
        return pegawai


class JenisPeriodeForm(forms.Form):
    jenis = forms.ChoiceField(label="Periode penilaian", choices=JenisPeriode.choices)


class PerpanjangForm(forms.Form):
    tenggat = forms.DateField(label="Batas waktu baru", widget=TANGGAL)
    alasan = forms.CharField(
        label="Alasan", max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )


class BukaPegawaiForm(forms.Form):
    periode = forms.ModelChoiceField(queryset=Periode.objects.none(), label="Periode")
    pegawai = PegawaiNipField()
    sampai = forms.DateField(label="Dibuka sampai", widget=TANGGAL)
    alasan = forms.CharField(
        label="Alasan", max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, instansi: Instansi, periode: list[Periode], **kwargs) -> None:
        # Its own element ids: the page holds this form beside MasaTidakDinilaiForm, whose
        # `pegawai` field would otherwise share the id its label points to.
        kwargs.setdefault("auto_id", "buka_%s")
        super().__init__(*args, **kwargs)
        self.fields["periode"].queryset = Periode.objects.filter(pk__in=[p.pk for p in periode])
        self.fields["periode"].label_from_instance = lambda p: f"{p.nama} {p.tahun}"
        self.fields["pegawai"].instansi = instansi


class MasaTidakDinilaiForm(forms.Form):
    pegawai = PegawaiNipField()
    jenis = forms.ChoiceField(label="Keadaan", choices=JenisMasaTidakDinilai.choices)
    mulai = forms.DateField(label="Mulai", widget=TANGGAL)
    selesai = forms.DateField(
        label="Selesai", required=False, widget=TANGGAL, help_text="Kosongkan bila belum berakhir."
    )
    catatan = forms.CharField(label="Catatan (mis. nomor SK)", max_length=1000, required=False)

    def __init__(self, *args, instansi: Instansi, **kwargs) -> None:
        # Its own element ids (`pegawai` and `jenis` are also fields of the page's other forms).
        kwargs.setdefault("auto_id", "masa_%s")
        super().__init__(*args, **kwargs)
        self.fields["pegawai"].instansi = instansi


class AkhiriMasaForm(forms.Form):
    selesai = forms.DateField(label="Tanggal selesai", widget=TANGGAL)
