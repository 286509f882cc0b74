"""The activation letters as one PDF, a page per pegawai (templates/organisasi/cetak/
surat_aktivasi.html), rendered with WeasyPrint like the printed SKP: the bundled fonts, nothing
loaded from the network."""

from django.contrib.auth.base_user import AbstractBaseUser
from django.urls import reverse
from django.utils import timezone

from core.pdf import tulis_pdf
from organisasi.aktivasi import SuratTerbit, waktu_teks


def nama_pengguna(user: AbstractBaseUser | None) -> str:
    pegawai = getattr(user, "pegawai", None)
    return getattr(pegawai, "nama_lengkap", "") or (user.get_username() if user else "")


def render_surat(daftar: list[SuratTerbit], *, alamat: str, oleh: AbstractBaseUser) -> bytes:
    """`alamat`: the app's address printed on each letter (core.alamat.alamat_situs)."""
    pertama = daftar[0].surat  # one issue: the same date and validity on every letter
    konteks = {
        "daftar": daftar,
        "alamat": alamat,
        "url_aktivasi": reverse("aktivasi_akun"),
        "url_masuk": reverse("login"),
        "berlaku_sampai": waktu_teks(pertama.berlaku_sampai),
        "zona": timezone.localtime(pertama.berlaku_sampai).tzname(),
        "diterbitkan": waktu_teks(pertama.dibuat, jam=True),
        "oleh": nama_pengguna(oleh),
    }
    # The PDF plumbing every document uses (bundled fonts, nothing fetched from the network).
    return tulis_pdf("organisasi/cetak/surat_aktivasi.html", konteks)
