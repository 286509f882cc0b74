"""Input checking and conversion for the evaluation pages (the services check again)."""

from django import forms

from penilaian.kuadran import Rating
from penilaian.services.umpan_balik import PANJANG_MAKS, PESAN_KOSONG

PESAN_PANJANG = "Paling panjang 4.000 karakter (sekarang %(show_value)d)."


class UmpanBalikForm(forms.Form):
    """New feedback, an edit, or a reply: the text (and, in an RHK's block, the indicator it is
    about: `sasaran`, checked by the view against the page)."""

    teks = forms.CharField(
        label="Umpan balik",
        max_length=PANJANG_MAKS,
        error_messages={
            "required": PESAN_KOSONG,
            "max_length": "Umpan balik paling panjang 4.000 karakter (sekarang %(show_value)d).",
        },
    )
    sasaran = forms.CharField(required=False, max_length=40)


def _rating(label: str) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=Rating.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": f"Pilih {label.lower()}.",
            "invalid_choice": f"Pilih {label.lower()} dari pilihan yang ada.",
        },
    )


class RatingForm(forms.Form):
    """The penilai's (or, after the deadline, their atasan's) rating. `revisi`: the page's, so a
    rating taken on a page older than the evaluation is refused."""

    rating_hasil_kerja = _rating("Rating hasil kerja")
    rating_perilaku = _rating("Rating perilaku kerja")
    catatan = forms.CharField(
        label="Catatan/rekomendasi (tidak wajib)",
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": PESAN_PANJANG},
    )
    revisi = forms.IntegerField(required=False, widget=forms.HiddenInput)


class KeberatanForm(forms.Form):
    alasan = forms.CharField(
        label="Alasan keberatan",
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Tuliskan alasan keberatan Anda.", "max_length": PESAN_PANJANG},
    )


class PutuskanForm(forms.Form):
    rating_hasil_kerja = _rating("Rating hasil kerja")
    rating_perilaku = _rating("Rating perilaku kerja")
    catatan = forms.CharField(
        label="Dasar keputusan (wajib)",
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": "Tuliskan dasar keputusan atas keberatan ini.",
            "max_length": PESAN_PANJANG,
        },
    )
