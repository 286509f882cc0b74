"""Input of the pegawai's pages (realisasi, bukti dukung, rencana aksi). Conversion only: the
rules live in the services, whose errors the views attach back onto these forms."""

from django import forms

from penilaian.isian import ANGKA, TANGGAL, TEKS
from penilaian.selectors import BarisRhk
from penilaian.services.realisasi import nama_isian
from skp.forms import AngkaField, FormSkp
from skp.target import tampil_angka

ID_FORM = "form-realisasi"


class RealisasiForm(forms.Form):
    """One field per indicator of the SKP in force, named `indikator_<id>`, kept as typed (the
    service reads each by its indicator's kind)."""

    revisi = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, baris: list[BarisRhk], revisi: int, boleh_isi: bool, **kwargs):
        super().__init__(*args, initial={"revisi": revisi}, **kwargs)
        for b in baris:
            for bi in b.indikator:
                ind = bi.indikator
                # The inputs sit beside each RHK's own bukti form, outside the realisasi <form>
                # (forms cannot nest): the `form` attribute joins them to it.
                attrs = {"aria-describedby": f"target-{ind.pk}", "form": ID_FORM}
                if bi.jenis == TEKS:
                    widget = forms.Textarea(
                        attrs={**attrs, "rows": 2, "maxlength": 2000, "class": "form-control"}
                    )
                elif bi.jenis == TANGGAL:
                    widget = forms.DateInput(
                        attrs={**attrs, "type": "date", "class": "form-control"}
                    )
                else:
                    widget = forms.TextInput(
                        attrs={**attrs, "inputmode": "decimal", "autocomplete": "off",
                               "class": "form-control"}
                    )  # fmt: skip
                if not boleh_isi:
                    widget.attrs["disabled"] = True
                nama = nama_isian(ind.pk)
                self.fields[nama] = forms.CharField(
                    label=f"Realisasi: {ind.uraian}", required=False, widget=widget,
                    strip=False, max_length=2000,
                )  # fmt: skip
                self.initial[nama] = _awal(bi.jenis, bi.realisasi)

    def isian(self) -> dict[int, str]:
        """indicator id -> text as typed, for the service."""
        return {
            int(nama.removeprefix("indikator_")): self.data.get(nama, "")
            for nama in self.fields
            if nama.startswith("indikator_")
        }

    def revisi_halaman(self) -> int | None:
        try:
            return int(self.data.get("revisi", ""))
        except ValueError:
            return None


def _awal(jenis: str, realisasi) -> str:
    if realisasi is None:
        return ""
    if jenis == ANGKA:
        return tampil_angka(realisasi.nilai)
    return realisasi.teks


class BuktiForm(FormSkp):
    indikator = forms.TypedChoiceField(
        label="Untuk indikator", required=False, coerce=int, empty_value=None
    )
    tautan = forms.CharField(
        label="Tautan",
        required=False,
        max_length=1000,
        widget=forms.URLInput(attrs={"placeholder": "https://", "autocomplete": "off"}),
        help_text="Alamat dokumen hasil kerja di penyimpanan dinas atau aplikasi.",
    )
    berkas = forms.FileField(label="Atau unggah berkas", required=False)
    keterangan = forms.CharField(
        label="Keterangan (boleh kosong)",
        required=False,
        max_length=500,
        help_text="Hasil apa yang ditunjukkan bukti ini, misalnya “Rekap imunisasi 12 desa, "
        "ditandatangani Kepala Puskesmas”.",
    )

    def __init__(self, *args, baris: BarisRhk, **kwargs) -> None:
        super().__init__(*args, id_form=f"bukti-{baris.rhk.pk}", **kwargs)
        self.fields["indikator"].choices = [("", "Seluruh RHK")] + [
            (bi.indikator.pk, bi.indikator.uraian[:80]) for bi in baris.indikator
        ]
        self.fields["indikator"].error_messages["invalid_choice"] = "Pilih indikator dari RHK ini."


class RencanaAksiForm(FormSkp):
    nomor_periode = forms.TypedChoiceField(label="Periode", coerce=int)
    uraian = forms.CharField(
        label="Rencana aksi",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Tuliskan rencana aksinya."},
        help_text="Langkah menuju hasil RHK pada periode itu, misalnya “Rekap data imunisasi "
        "12 desa triwulan I tervalidasi”.",
    )
    target = AngkaField(label="Target periode ini (boleh kosong)", required=False)
    satuan = forms.CharField(
        label="Satuan", required=False, max_length=50,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )  # fmt: skip

    def __init__(self, *args, periode: list[tuple[int, str]], rhk_pk: int, **kwargs) -> None:
        super().__init__(*args, id_form=f"ra-{rhk_pk}", **kwargs)
        self.fields["nomor_periode"].choices = periode
        self.fields["nomor_periode"].error_messages["invalid_choice"] = "Pilih periode dari daftar."
