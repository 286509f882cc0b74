"""The Kalkulator Distribusi form: capaian, unit size, rounding and (optionally) the current
count per predikat. Validation only; the rules live in penilaian.distribusi."""

from django import forms

from penilaian.distribusi import MAKS_PEGAWAI, CapaianOrganisasi, Pembulatan
from penilaian.kuadran import Predikat

PESAN_BULAT = "Isi dengan bilangan bulat, misalnya 7."


def nama_isian(predikat: str) -> str:
    return f"jumlah_{predikat}"


class KalkulatorForm(forms.Form):
    capaian = forms.ChoiceField(
        label="Capaian kinerja organisasi", choices=CapaianOrganisasi.choices,
        error_messages={"required": "Pilih capaian kinerja organisasi.",
                        "invalid_choice": "Capaian kinerja organisasi tidak dikenal."},
    )  # fmt: skip
    jumlah = forms.IntegerField(
        label="Jumlah pegawai di unit",
        error_messages={"required": "Isi jumlah pegawai di unit.", "invalid": PESAN_BULAT},
    )
    pembulatan = forms.ChoiceField(
        label="Pembulatan", choices=Pembulatan.choices, widget=forms.RadioSelect,
        error_messages={"required": "Pilih aturan pembulatan.",
                        "invalid_choice": "Aturan pembulatan tidak dikenal."},
    )  # fmt: skip

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        for p in Predikat:
            self.fields[nama_isian(p)] = forms.IntegerField(
                label=p.label, required=False, error_messages={"invalid": PESAN_BULAT}
            )

    def isian_predikat(self) -> list[forms.BoundField]:
        return [self[nama_isian(p)] for p in Predikat]

    def clean_jumlah(self) -> int:
        n = self.cleaned_data["jumlah"]
        if n < 1:
            raise forms.ValidationError("Jumlah pegawai paling sedikit 1.")
        if n > MAKS_PEGAWAI:
            raise forms.ValidationError(
                f"Jumlah pegawai paling banyak {MAKS_PEGAWAI:,} dalam satu unit.".replace(",", ".")
            )
        return n

    def clean(self) -> dict:
        data = super().clean()
        for p in Predikat:
            nilai = data.get(nama_isian(p))
            if nilai is not None and nilai < 0:
                self.add_error(nama_isian(p), f"Jumlah {p.label} tidak boleh negatif.")
        n = data.get("jumlah")
        hitungan = self.hitungan()
        if n is not None and hitungan is not None and not self.errors:
            total = sum(hitungan.values())
            if total != n:
                raise forms.ValidationError(
                    f"Jumlah predikat yang diisi ({total}) tidak sama dengan jumlah pegawai "
                    f"di unit ({n}). Lengkapi semua predikat, atau kosongkan semua isian "
                    "jumlah predikat untuk melihat rentangnya saja."
                )
        return data

    def hitungan(self) -> dict[str, int] | None:
        """The counts typed in (blank = 0), or None when every count was left blank."""
        data = getattr(self, "cleaned_data", {})
        nilai = {p.value: data.get(nama_isian(p)) for p in Predikat}
        if all(v is None for v in nilai.values()):
            return None
        return {k: v or 0 for k, v in nilai.items()}
