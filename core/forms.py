from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.template import loader

from core import surel
from organisasi.nip import normalisasi_nip


class MasukForm(AuthenticationForm):
    """Sign-in with NIP (spaces allowed, as it is printed) and password."""

    username = forms.CharField(
        label="NIP",
        max_length=40,
        widget=forms.TextInput(
            attrs={"autofocus": True, "autocomplete": "username", "inputmode": "numeric"}
        ),
    )

    password = forms.CharField(
        label="Kata sandi",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    error_messages = {
        "invalid_login": "NIP atau kata sandi salah. Periksa kembali, lalu coba lagi.",
        "inactive": "Akun ini tidak aktif. Hubungi admin kepegawaian instansi Anda.",
    }

    def clean_username(self) -> str:
        nilai = self.cleaned_data["username"]
        nip = normalisasi_nip(nilai)
        # Superusers and other non-NIP accounts keep their username as typed.
        return nip if nip.isdigit() else nilai.strip()


class ResetKataSandiForm(PasswordResetForm):
    """Reset by NIP or email. Unlike Django's form, it also reaches accounts that never had a
    password: imported pegawai set their first password through this link."""

    email = forms.CharField(label="NIP atau email", max_length=254)

    def get_users(self, email: str):  # noqa: ANN201 - Django's signature
        nilai = email.strip()
        nip = normalisasi_nip(nilai)
        User = get_user_model()
        if nip.isdigit():
            users = User.objects.filter(username=nip)
        else:
            users = User.objects.filter(email__iexact=nilai)
        return (u for u in users.filter(is_active=True) if u.email)

    def send_mail(  # noqa: PLR0913 - Django's signature
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict,
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,
    ) -> None:
        """Through the job queue (core/surel.py): Django's form sends at once and, with the
        mail server down, only logs it, and the link is lost; queued, it goes out when the
        server is back (the link stays valid for PASSWORD_RESET_TIMEOUT)."""
        subjek = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        surel.antre(
            kepada=to_email,
            subjek=subjek,
            isi=loader.render_to_string(email_template_name, context),
        )

    def identitas(self) -> str:
        """What the requests are counted by: the NIP without spaces, or the email in lower case,
        whether or not an account has it (the count must not tell)."""
        nilai = self.cleaned_data["email"].strip()
        nip = normalisasi_nip(nilai)
        return nip if nip.isdigit() else nilai.lower()
