"""Signing in without email: the admin prints an activation letter with a one-time code, and the
pegawai sets a password with their NIP and that code (the public page /aktivasi/).

- A code is 10 characters from an alphabet without 0/O and 1/I (50 bits), printed as
  ABCDE-FGHJK, valid until the end of the day `AKTIVASI_BERLAKU_HARI` days after issue, used
  once. Only an HMAC of it (keyed with SECRET_KEY, bound to the NIP) is stored: a random code of
  that length needs no slow password hash to resist guessing, a copy of the database alone
  cannot test guesses, and a unit's letters are issued in one request. (Rotating SECRET_KEY
  voids the codes not yet used: print new letters.)
- A new letter for a pegawai closes their previous code. "Reset access" is exactly that: a new
  code; the current password keeps working until the code is used, so a letter printed for the
  wrong person, or lost on the way, never locks the owner out. Using it sets the new password,
  which ends the pegawai's other sessions and any password-reset link already sent.
- Only the instansi's own ordinary pegawai: a login with rights of its own (superuser, staff,
  admin of an instansi) is never given a code (`organisasi.akun.kendali_akun`), not even by a
  superuser here (its password is set in the Django admin).
- Every letter is a `SuratAktivasi` row (who issued it, when, for whom; never the code), and its
  use is recorded on it (when, from which address).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.formats import date_format

from organisasi.akun import Kendali, akun_per_nip, kendali_akun, muat_akun, selaraskan_akun
from organisasi.models import Pegawai, SuratAktivasi
from organisasi.nip import normalisasi_nip
from organisasi.selectors import instansi_dikelola

ALFABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O, no 1/I: read off paper without doubt
PANJANG_KODE = 10
PESAN_KODE_SALAH = (
    "NIP atau kode aktivasi salah. Periksa kembali surat aktivasi Anda (huruf dan angka "
    "seperti tercetak), lalu coba lagi."
)
PESAN_DILINDUNGI = (
    "Akun ini memiliki hak khusus (admin atau staf): kata sandinya tidak diatur dengan surat "
    "aktivasi instansi. Hubungi admin aplikasi."
)


def buat_kode() -> str:
    return "".join(secrets.choice(ALFABET) for _ in range(PANJANG_KODE))


def kode_cetak(kode: str) -> str:
    """ "ABCDEFGHJK" -> "ABCDE-FGHJK": two groups are easier to copy from paper."""
    tengah = len(kode) // 2
    return f"{kode[:tengah]}-{kode[tengah:]}"


def normalisasi_kode(teks: str) -> str:
    """What was typed, as stored: upper case, without spaces or dashes."""
    return "".join(c for c in teks.upper() if c not in " -\t")


def hash_kode(nip: str, kode: str) -> str:
    return salted_hmac(
        "organisasi.aktivasi.kode", f"{nip}:{normalisasi_kode(kode)}", algorithm="sha256"
    ).hexdigest()


def kode_cocok(surat: SuratAktivasi, kode: str) -> bool:
    return constant_time_compare(surat.kode_hash, hash_kode(surat.nip, kode))


def waktu_teks(waktu: datetime, *, jam: bool = False) -> str:
    """ "14 Juni 2026" (with jam: "14 Juni 2026 pukul 09.30"), in the project's time zone."""
    with translation.override("id"):
        return date_format(
            timezone.localtime(waktu), "j F Y \\p\\u\\k\\u\\l H.i" if jam else "j F Y"
        )


def akhir_berlaku(sekarang: datetime) -> datetime:
    """The end (23.59.59 local time) of the day AKTIVASI_BERLAKU_HARI days on: the printed date
    is the last whole day the code works."""
    hari = timezone.localtime(sekarang).date() + timedelta(days=settings.AKTIVASI_BERLAKU_HARI)
    return timezone.make_aware(datetime.combine(hari, time(23, 59, 59)))


@dataclass(frozen=True)
class SuratTerbit:
    """A letter just issued, with its code in clear: exists only until the PDF is rendered."""

    pegawai: Pegawai
    kode: str
    surat: SuratAktivasi

    @property
    def kode_cetak(self) -> str:
        return kode_cetak(self.kode)


def alasan_tidak_bisa(pegawai: Pegawai, kendali: Kendali) -> str | None:
    """Why no letter can be issued for this pegawai (None: it can)."""
    if not pegawai.aktif or (pegawai.user_id and not pegawai.user.is_active):
        return "pegawai atau akunnya nonaktif"
    if kendali is Kendali.LINDUNGI:
        return "akun dengan hak khusus (admin atau staf), diatur oleh admin aplikasi"
    if kendali is Kendali.TOLAK:
        return "NIP ini dipakai akun lain di aplikasi"
    return None


@transaction.atomic
def terbitkan_surat(*, oleh: AbstractBaseUser, pegawai_ids: list[int]) -> list[SuratTerbit]:
    """Issues a new one-time code for each pegawai, closing their previous one: all or none.
    Refused (ValidationError naming them, nothing written) when any of them cannot be given a
    letter; PermissionDenied for a pegawai of an instansi `oleh` does not administer."""
    daftar = list(
        Pegawai.objects.select_for_update(of=("self",))
        .filter(pk__in=pegawai_ids)
        .select_related("instansi", "jabatan__unit_kerja", "user")
        .order_by("nama", "nip")
    )
    if not daftar or len(daftar) != len(set(pegawai_ids)):
        raise ValidationError("Pilih sedikitnya satu pegawai yang ada.")
    dikelola = set(instansi_dikelola(oleh).values_list("pk", flat=True))
    if any(p.instansi_id not in dikelola for p in daftar):
        raise PermissionDenied("Anda tidak berwenang menerbitkan surat aktivasi untuk pegawai ini.")
    ditolak = []
    for instansi_id in {p.instansi_id for p in daftar}:
        milik = {p.nip: p for p in daftar if p.instansi_id == instansi_id}
        for nip, (_, kendali) in akun_per_nip(milik, instansi_id=instansi_id).items():
            alasan = alasan_tidak_bisa(milik[nip], kendali)
            if alasan:
                ditolak.append(f"{milik[nip].nama_lengkap} ({alasan})")
    if ditolak:
        raise ValidationError(
            "Surat aktivasi tidak diterbitkan; tidak ada yang diubah. Tidak dapat diberi surat: "
            + "; ".join(sorted(ditolak))
            + "."
        )
    for p in daftar:
        if p.user_id is None:  # never had a login (none was made at import): made now
            selaraskan_akun(p, oleh=oleh)
    sekarang = timezone.now()
    SuratAktivasi.objects.filter(
        pegawai__in=daftar, dipakai__isnull=True, diganti__isnull=True
    ).update(diganti=sekarang)
    berlaku = akhir_berlaku(sekarang)
    kode = {p.pk: buat_kode() for p in daftar}
    surat = SuratAktivasi.objects.bulk_create(
        SuratAktivasi(
            pegawai=p,
            instansi_id=p.instansi_id,
            nip=p.nip,
            kode_hash=hash_kode(p.nip, kode[p.pk]),
            dibuat=sekarang,
            dibuat_oleh=oleh,
            berlaku_sampai=berlaku,
        )
        for p in daftar
    )
    return [SuratTerbit(p, kode[p.pk], s) for p, s in zip(daftar, surat, strict=True)]


class KodeDitolak(ValidationError):
    """The NIP and code do not open an account (wrong, used, replaced or expired)."""


@transaction.atomic
def aktifkan(*, nip: str, kode: str, kata_sandi: str, alamat: str | None) -> AbstractBaseUser:
    """Sets the password of the pegawai whose letter carries `kode`, once. KodeDitolak for a
    wrong NIP or code (one message, whether or not the NIP exists), and for a code used,
    replaced or expired (said only to whoever holds the right code); ValidationError on
    `kata_sandi` from the password validators, the code then still unused."""
    nip = normalisasi_nip(nip)
    surat = next(
        (
            s
            for s in SuratAktivasi.objects.select_for_update().filter(nip=nip).order_by("-dibuat")
            if kode_cocok(s, kode)
        ),
        None,
    )
    if surat is None:
        raise KodeDitolak(PESAN_KODE_SALAH)
    if surat.dipakai:
        raise KodeDitolak(
            f"Kode aktivasi ini sudah dipakai pada {waktu_teks(surat.dipakai, jam=True)}. Masuk dengan NIP dan kata sandi "
            "yang dibuat saat itu; bila bukan Anda yang memakainya, segera hubungi admin "
            "kepegawaian instansi Anda."
        )
    if surat.diganti:
        raise KodeDitolak(
            "Kode aktivasi ini sudah tidak berlaku karena admin menerbitkan surat aktivasi yang "
            "lebih baru untuk Anda. Pakai kode pada surat yang terbaru."
        )
    if surat.berlaku_sampai <= timezone.now():
        raise KodeDitolak(
            f"Kode aktivasi ini sudah kedaluwarsa: berlaku sampai {waktu_teks(surat.berlaku_sampai)}"
            ". Minta surat aktivasi baru kepada admin kepegawaian instansi Anda."
        )
    pegawai = surat.pegawai
    User = get_user_model()
    akun = None
    if pegawai is not None and pegawai.user_id:
        akun = next(iter(muat_akun(User.objects.filter(pk=pegawai.user_id))), None)
    if akun is None or not pegawai.aktif or not akun.is_active:
        raise KodeDitolak("Akun ini tidak aktif. Hubungi admin kepegawaian instansi Anda.")
    kendali = kendali_akun(akun, pegawai_id=pegawai.pk, instansi_id=pegawai.instansi_id)
    if kendali is not Kendali.KELOLA:  # became an admin's or staff login after the letter
        raise KodeDitolak(PESAN_DILINDUNGI)
    user = User.objects.select_for_update().get(pk=akun.pk)
    try:
        password_validation.validate_password(kata_sandi, user)
    except ValidationError as e:
        raise ValidationError({"kata_sandi1": e.messages}) from e
    user.set_password(kata_sandi)
    user.save(update_fields=["password"])
    surat.dipakai = timezone.now()
    surat.dipakai_dari = alamat
    surat.save(update_fields=["dipakai", "dipakai_dari"])
    return user
