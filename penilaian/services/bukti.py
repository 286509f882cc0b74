"""Bukti dukung: links and files that show a result of an RHK in a period. Added and removed by the
pegawai while they may still fill the period (until the penilai rates). A link is checked for
its form only (never fetched); a file for its size and for its type read from the content; files
go through Django's storage API and are read back only through the access-checked view."""

import ipaddress
import logging
import re
from decimal import ROUND_HALF_UP, Decimal
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import models, transaction

from core.jenis_berkas import DAFTAR_DIIZINKAN, JENIS, kenali
from core.penyimpanan import simpan
from penilaian.models import BuktiDukung, PenilaianPeriodik
from penilaian.services.realisasi import kunci_untuk_isi
from skp.models import IndikatorKinerja, RencanaHasilKerja
from skp.target import tampil_angka

log = logging.getLogger(__name__)

MAKS_TAUTAN = 1000
MAKS_KETERANGAN = 500
# A host name of dot-separated labels (intranet single labels included) or an IPv4 address.
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_HOST = re.compile(rf"^{_LABEL}(?:\.{_LABEL})*\.?$")

PESAN_SIMPAN_GAGAL = (
    "Berkas belum dapat disimpan karena penyimpanan berkas sedang bermasalah. Tidak ada yang "
    "tersimpan; coba lagi beberapa saat lagi atau hubungi admin aplikasi."
)


def periksa_tautan(teks: str) -> str:
    """The link as stored, or ValidationError saying what is wrong with it. Only its form is
    checked: http(s), a host, no spaces, no embedded password. The address is never fetched."""
    tautan = (teks or "").strip()
    if not tautan:
        return ""
    if len(tautan) > MAKS_TAUTAN:
        raise ValidationError(f"Tautan paling panjang {MAKS_TAUTAN} karakter.")
    contoh = " Contoh: https://drive.contoh.go.id/laporan-triwulan-1.pdf"
    if any(c.isspace() or ord(c) < 32 for c in tautan):
        raise ValidationError("Tautan tidak boleh mengandung spasi." + contoh)
    try:
        bagian = urlsplit(tautan)
        port = bagian.port  # a malformed port raises here
    except ValueError:
        raise ValidationError("Tautan tidak sah: periksa kembali alamatnya." + contoh) from None
    skema = bagian.scheme.lower()
    if skema not in ("http", "https"):
        if not skema or "." in skema or not bagian.netloc and "." in bagian.path.split("/")[0]:
            raise ValidationError("Tautan harus diawali http:// atau https://." + contoh)
        raise ValidationError(
            f"Tautan “{skema}:” tidak diterima: hanya tautan http:// atau https:// yang dapat "
            "dibuka oleh pejabat penilai." + contoh
        )
    if bagian.username is not None or bagian.password is not None:
        raise ValidationError(
            "Jangan cantumkan nama pengguna atau kata sandi di dalam tautan." + contoh
        )
    if not _host_sah(bagian.hostname or "") or port == 0:
        raise ValidationError("Alamat situs pada tautan tidak sah." + contoh)
    return tautan


def _host_sah(host: str) -> bool:
    if ":" in host:  # an IPv6 address (urlsplit drops its brackets)
        try:
            ipaddress.IPv6Address(host)
        except ValueError:
            return False
        return True
    return bool(_HOST.match(host))


def ukuran_mb(ukuran: int) -> str:
    mb = (Decimal(ukuran) / (1024 * 1024)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return f"{tampil_angka(mb)} MB"


def periksa_berkas(berkas: UploadedFile) -> str:
    """The kode of the allowed type `berkas` holds (core.jenis_berkas), or ValidationError: too
    large, empty, a type not allowed, or content that is not what the name says."""
    maks = settings.BUKTI_MAKS_BYTES
    nama = berkas.name or "berkas"
    if berkas.size > maks:
        raise ValidationError(
            f"Berkas “{nama}” terlalu besar ({ukuran_mb(berkas.size)}); paling besar "
            f"{ukuran_mb(maks)}. Perkecil atau pisahkan berkasnya, atau simpan di penyimpanan "
            "dinas lalu tambahkan tautannya."
        )
    if berkas.size == 0:
        raise ValidationError(f"Berkas “{nama}” kosong.")
    jenis = kenali(berkas.file if hasattr(berkas, "file") else berkas)
    akhiran = ("." + nama.rsplit(".", 1)[-1].lower()) if "." in nama else ""
    diaku = next((j for j in JENIS.values() if akhiran in j.akhiran), None)
    if jenis is None:
        if diaku is not None:
            raise ValidationError(
                f"Isi berkas “{nama}” bukan {diaku.label} yang sah, walaupun namanya berakhiran "
                f"{akhiran}. Jenis berkas diperiksa dari isinya, bukan dari namanya."
            )
        raise ValidationError(f"Jenis berkas “{nama}” tidak diterima. Unggah {DAFTAR_DIIZINKAN}.")
    if akhiran not in jenis.akhiran:
        raise ValidationError(
            f"Isi berkas “{nama}” adalah {jenis.label}, tetapi namanya berakhiran "
            f"{akhiran or '(tanpa akhiran)'}. Beri nama berakhiran {jenis.akhiran_utama} lalu "
            "unggah kembali."
        )
    return jenis.kode


def _rhk_dan_indikator(
    penilaian: PenilaianPeriodik, rhk_id: int, indikator_id: int | None
) -> tuple[RencanaHasilKerja, IndikatorKinerja | None]:
    rhk = RencanaHasilKerja.objects.filter(pk=rhk_id, skp_id=penilaian.skp_id).first()
    if rhk is None:
        raise ValidationError("RHK ini tidak termasuk SKP periode ini.")
    indikator = None
    if indikator_id is not None:
        indikator = IndikatorKinerja.objects.filter(pk=indikator_id, rhk=rhk).first()
        if indikator is None:
            raise ValidationError({"indikator": "Pilih indikator dari RHK ini."})
    return rhk, indikator


def periksa_lampiran(tautan: str, berkas: UploadedFile | None) -> tuple[str, str, dict[str, str]]:
    """The checks every bukti dukung gets, wherever it is attached (a period's RHK here, a journal
    entry in `monitoring`): (the link as stored, the kode of the file's type, the errors by field
    name "tautan" / "berkas")."""
    galat: dict[str, str] = {}
    try:
        tautan = periksa_tautan(tautan)
    except ValidationError as e:
        galat["tautan"] = e.messages[0]
    kode = ""
    if berkas is not None:
        try:
            kode = periksa_berkas(berkas)
        except ValidationError as e:
            galat["berkas"] = e.messages[0]
    return tautan, kode, galat


def simpan_dengan_berkas(obj: models.Model, berkas: UploadedFile, kode: str) -> None:
    """Stores `berkas` (checked by `periksa_berkas`, of type `kode`) through the storage of
    `obj`'s `berkas` field, under the field's random name with the extension of the content's
    type, then saves `obj` (which has `nama_berkas`, `ukuran` and `jenis_berkas` beside it).
    The file is stored first and the row written after it; when the row cannot be written the
    file is removed again, so no row ever points to a missing file. A storage failure raises
    ValidationError on "berkas" and writes nothing."""
    jenis = JENIS[kode]
    field = obj._meta.get_field("berkas")
    try:
        # core.penyimpanan.simpan removes whatever a failing store half wrote.
        disimpan = simpan(
            field.storage,
            field.generate_filename(obj, f"bukti{jenis.akhiran_utama}"),
            berkas,
            max_length=field.max_length,
        )
    except Exception:  # any storage backend's failure (disk full, S3 down, ...): nothing saved
        log.exception("Berkas bukti dukung %s tidak dapat disimpan", obj._meta.label)
        raise ValidationError({"berkas": PESAN_SIMPAN_GAGAL}) from None
    obj.berkas.name = disimpan
    obj.nama_berkas = (berkas.name or "")[-255:]
    obj.ukuran = berkas.size
    obj.jenis_berkas = jenis.mime
    try:
        with transaction.atomic():
            obj.save()
    except Exception:
        field.storage.delete(disimpan)
        raise
    # A rollback after this point (the caller's transaction) would leave the file without its
    # row; callers run nothing that can fail after it, so only a failed commit could.


@transaction.atomic
def bukti_tambah(
    *,
    user: AbstractBaseUser,
    penilaian: PenilaianPeriodik,
    rhk_id: int,
    indikator_id: int | None = None,
    tautan: str = "",
    berkas: UploadedFile | None = None,
    keterangan: str = "",
) -> BuktiDukung:
    """Adds one bukti dukung (a link, a file, or both) to an RHK (optionally one indicator)."""
    penilaian = kunci_untuk_isi(user, penilaian.pk)
    rhk, indikator = _rhk_dan_indikator(penilaian, rhk_id, indikator_id)
    tautan, kode, galat = periksa_lampiran(tautan, berkas)
    keterangan = (keterangan or "").strip()
    if len(keterangan) > MAKS_KETERANGAN:
        galat["keterangan"] = f"Keterangan paling panjang {MAKS_KETERANGAN} karakter."
    if not galat and not tautan and berkas is None:
        galat["tautan"] = "Isi tautan bukti dukung atau pilih berkas untuk diunggah."
    if galat:
        raise ValidationError(galat)

    bukti = BuktiDukung(
        penilaian=penilaian, rhk=rhk, indikator=indikator, tautan=tautan,
        keterangan=keterangan, diunggah_oleh=user,
    )  # fmt: skip
    if berkas is None:
        bukti.save()
    else:
        simpan_dengan_berkas(bukti, berkas, kode)
    return bukti


@transaction.atomic
def bukti_hapus(*, user: AbstractBaseUser, bukti: BuktiDukung) -> None:
    """Removes a bukti dukung while the pegawai may still fill the period; its file is deleted
    from the storage after the commit (a rollback keeps both)."""
    kunci_untuk_isi(user, bukti.penilaian_id)
    bukti = BuktiDukung.objects.filter(pk=bukti.pk, penilaian_id=bukti.penilaian_id).first()
    if bukti is None:
        return  # removed meanwhile (a double click): nothing left to do
    nama = bukti.berkas.name
    storage = bukti.berkas.storage
    bukti.delete()
    if nama:
        hapus_berkas_setelah_commit(storage, nama)


def hapus_berkas_setelah_commit(storage, nama: str) -> None:
    """Deletes a stored file once the transaction that dropped (or replaced) its row commits; a
    rollback keeps both."""
    transaction.on_commit(lambda: _hapus_berkas(storage, nama))


def _hapus_berkas(storage, nama: str) -> None:
    try:
        storage.delete(nama)
    except Exception:  # the row is gone; an orphan file is only wasted space
        log.exception("Berkas bukti dukung %s tidak dapat dihapus dari penyimpanan", nama)
