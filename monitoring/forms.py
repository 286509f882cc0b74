"""Input of the monitoring pages. Conversion only: the rules live in the services, whose errors
the views attach back onto these forms."""

import secrets

from django import forms
from django.utils import timezone

from monitoring.models import JenisDialog
from monitoring.selectors import PilihanRhk
from monitoring.services.jurnal import IsianJurnal
from penilaian.periode import nama_periode
from skp.forms import AngkaField, FormSkp


def token_baru() -> str:
    return secrets.token_hex(16)


def _tanggal(**attrs) -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date", **attrs}, format="%Y-%m-%d")


def _jam() -> forms.TimeInput:
    return forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


def _teks(baris: int, maks: int, **attrs) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": baris, "maxlength": maks, **attrs})


class JurnalForm(FormSkp):
    """One jurnal entry: what a pegawai types on a phone in a minute. The first four fields are
    the entry; the rest (time, rencana aksi, obstacle, evidence) sit under "Rincian lain"."""

    token = forms.CharField(widget=forms.HiddenInput, required=False)
    revisi = forms.IntegerField(widget=forms.HiddenInput, required=False)
    tanggal = forms.DateField(
        label="Tanggal", widget=_tanggal(), error_messages={"required": "Isi tanggal kegiatan."}
    )
    rhk = forms.TypedChoiceField(
        label="RHK", coerce=int, error_messages={"required": "Pilih RHK yang dikerjakan."}
    )
    kegiatan = forms.CharField(
        label="Yang dikerjakan",
        max_length=2000,
        widget=_teks(3, 2000),
        error_messages={"required": "Tuliskan yang dikerjakan."},
    )
    hasil = AngkaField(
        label="Hasil (angka, boleh kosong)",
        required=False,
        help_text="Jumlah hasil dalam satuan target RHK (tertulis di pilihan RHK), misalnya 3. "
        "Dijumlahkan menjadi usulan realisasi periode.",
    )
    jam_mulai = forms.TimeField(label="Jam mulai", required=False, widget=_jam())
    jam_selesai = forms.TimeField(label="Jam selesai", required=False, widget=_jam())
    rencana_aksi = forms.TypedChoiceField(
        label="Rencana aksi (boleh kosong)", coerce=int, required=False, empty_value=None
    )
    hambatan = forms.CharField(label="Hambatan", required=False, widget=_teks(2, 2000))
    solusi = forms.CharField(label="Solusi / tindak lanjut", required=False, widget=_teks(2, 2000))
    tautan = forms.CharField(
        label="Tautan bukti dukung",
        required=False,
        max_length=1000,
        widget=forms.URLInput(attrs={"placeholder": "https://", "autocomplete": "off"}),
    )
    berkas = forms.FileField(label="Atau unggah berkas bukti", required=False)
    hapus_berkas = forms.BooleanField(label="Hapus berkas yang ada", required=False)

    UTAMA = ("tanggal", "rhk", "kegiatan", "hasil")

    def __init__(
        self, *args, pilihan: list[PilihanRhk], ada_berkas: bool = False, id_form: str = "jurnal",
        **kwargs,
    ) -> None:  # fmt: skip
        kwargs.setdefault("initial", {})
        kwargs["initial"].setdefault("token", token_baru())
        kwargs["initial"].setdefault("tanggal", timezone.localdate())
        super().__init__(*args, id_form=id_form, **kwargs)
        self.fields["rhk"].choices = [("", "Pilih RHK…")] + [
            (p.rhk.pk, _label_rhk(p)) for p in pilihan
        ]
        self.fields["rhk"].error_messages["invalid_choice"] = (
            "Pilih RHK dari SKP Anda yang berlaku."
        )
        grup = []
        for p in pilihan:
            if p.rencana_aksi:
                grup.append(
                    (
                        f"{p.rhk.label}",
                        [(ra.pk, _label_aksi(ra, p)) for ra in p.rencana_aksi],
                    )
                )
        self.fields["rencana_aksi"].choices = [("", "Tanpa rencana aksi")] + grup
        self.fields["rencana_aksi"].error_messages["invalid_choice"] = (
            "Pilih rencana aksi dari daftar, atau kosongkan."
        )
        if not ada_berkas:
            del self.fields["hapus_berkas"]

    def isian(self) -> IsianJurnal:
        d = self.cleaned_data
        return IsianJurnal(
            tanggal=d.get("tanggal"), rhk_id=d.get("rhk"), kegiatan=d.get("kegiatan", ""),
            jam_mulai=d.get("jam_mulai"), jam_selesai=d.get("jam_selesai"),
            rencana_aksi_id=d.get("rencana_aksi"), hasil=d.get("hasil"),
            hambatan=d.get("hambatan", ""), solusi=d.get("solusi", ""), tautan=d.get("tautan", ""),
        )  # fmt: skip

    @property
    def galat_rincian(self) -> bool:
        """An error below "Rincian lain": that part opens when the form comes back."""
        return any(nama not in self.UTAMA for nama in self.errors)


def _label_rhk(p: PilihanRhk) -> str:
    uraian = p.rhk.uraian if len(p.rhk.uraian) <= 70 else p.rhk.uraian[:69] + "…"
    return f"{p.rhk.label}: {uraian}" + (f" (hasil dalam {p.satuan})" if p.satuan else "")


def _label_aksi(ra, p: PilihanRhk) -> str:
    uraian = ra.uraian if len(ra.uraian) <= 60 else ra.uraian[:59] + "…"
    return f"{nama_periode(p.jenis_periode, ra.nomor_periode)}: {uraian}"


class DialogForm(FormSkp):
    token = forms.CharField(widget=forms.HiddenInput, required=False)
    tanggal = forms.DateField(
        label="Tanggal dialog",
        widget=_tanggal(),
        error_messages={"required": "Isi tanggal dialog."},
    )
    jenis = forms.ChoiceField(
        label="Jenis",
        choices=JenisDialog.choices,
        error_messages={
            "invalid_choice": "Pilih jenis dialog: coaching, mentoring, atau konseling."
        },
    )
    topik = forms.CharField(
        label="Topik", max_length=200, error_messages={"required": "Tuliskan topik dialog."}
    )
    kesepakatan = forms.CharField(
        label="Yang disepakati",
        max_length=4000,
        widget=_teks(3, 4000),
        error_messages={"required": "Tuliskan yang disepakati."},
    )
    tindak_lanjut = forms.CharField(
        label="Tindak lanjut (boleh kosong)", required=False, max_length=2000, widget=_teks(2, 2000)
    )
    tanggal_tindak_lanjut = forms.DateField(
        label="Tanggal tindak lanjut",
        required=False,
        widget=_tanggal(),
        help_text="Tindak lanjut tampil pada halaman pegawai dan atasan sampai ditandai selesai.",
    )

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("initial", {})
        kwargs["initial"].setdefault("token", token_baru())
        kwargs["initial"].setdefault("tanggal", timezone.localdate())
        super().__init__(*args, id_form="dialog", **kwargs)


class TinjauanForm(FormSkp):
    catatan = forms.CharField(
        label="Catatan tinjauan",
        required=False,
        max_length=4000,
        widget=_teks(3, 4000),
        help_text="Misalnya RHK yang perlu direvisi, rencana aksi yang disusun ulang, atau "
        "dukungan yang disepakati.",
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, id_form="tinjauan", **kwargs)
