"""The jurnal kinerja: entries written, edited and deleted only here. Every value is checked
before anything is written (a refusal names each field and writes nothing); the pegawai's row
is locked so a double click waits and then finds its entry saved; an edit keeps the earlier
values in RiwayatJurnal; after JURNAL_HARI_UBAH days an entry is kept as it was. Files and links
get the same checks and storage as the bukti dukung of a period (penilaian.services.bukti)."""

from dataclasses import dataclass
from datetime import date, time
from decimal import Decimal

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from core.alur import Kedaluwarsa
from monitoring import access
from monitoring.kemajuan import JenisUkuran, ukuran_rhk
from monitoring.models import JurnalKinerja, RiwayatJurnal
from organisasi.models import Pegawai
from organisasi.selectors import pegawai_dari_user
from penilaian.models import RencanaAksi
from penilaian.periode import nama_periode, periode_pada
from penilaian.services.bukti import (
    hapus_berkas_setelah_commit,
    periksa_lampiran,
    simpan_dengan_berkas,
)
from skp.models import RencanaHasilKerja, StatusSkp
from skp.target import MAKS_TARGET, tampil_angka

MAKS_TEKS = 2000

PESAN_GANDA = (
    "Entri ini sudah tersimpan (tombol Simpan tertekan dua kali); tidak ada entri ganda yang "
    "dibuat."
)
PESAN_KEDALUWARSA = (
    "Entri ini sudah diubah di tab atau perangkat lain. Perubahan Anda belum disimpan: muat "
    "ulang halaman lalu ulangi."
)


@dataclass(frozen=True)
class IsianJurnal:
    """What the pegawai typed, converted (the form's job); the rules are checked here."""

    tanggal: date | None
    rhk_id: int | None
    kegiatan: str
    jam_mulai: time | None = None
    jam_selesai: time | None = None
    rencana_aksi_id: int | None = None
    hasil: Decimal | None = None
    hambatan: str = ""
    solusi: str = ""
    tautan: str = ""


def _pegawai_terkunci(user: AbstractBaseUser) -> Pegawai:
    pegawai = pegawai_dari_user(user)
    if pegawai is None or not user.is_active:
        raise PermissionDenied(access.PESAN_BUKAN_PEMILIK)
    # Serialises one pegawai's writes: a double click waits here, then finds its token used.
    return (
        Pegawai.objects.select_for_update(of=("self",))
        .select_related("instansi")
        .get(pk=pegawai.pk)
    )


def _periksa(
    pegawai: Pegawai,
    isian: IsianJurnal,
    *,
    skp_id: int | None,
    berkas: UploadedFile | None,
) -> tuple[dict, str]:
    """The values to write and the kode of the file's type, or ValidationError naming every
    field that is wrong. `skp_id`: the SKP an edited entry stays on (a new one goes on the SKP
    in force of the chosen RHK)."""
    galat: dict[str, str] = {}
    hari_ini = timezone.localdate()
    rhk = None
    if isian.rhk_id is None:
        galat["rhk"] = "Pilih RHK yang dikerjakan."
    else:
        qs = RencanaHasilKerja.objects.filter(pk=isian.rhk_id, skp__pegawai=pegawai)
        qs = qs.filter(skp_id=skp_id) if skp_id else qs.filter(skp__status=StatusSkp.DISETUJUI)
        rhk = qs.select_related("skp").first()
        if rhk is None:
            galat["rhk"] = "Pilih RHK dari SKP Anda yang berlaku."
    tanggal = isian.tanggal
    if tanggal is None:
        galat["tanggal"] = "Isi tanggal kegiatan."
    elif tanggal > hari_ini:
        galat["tanggal"] = (
            f"Tanggal tidak boleh melewati hari ini ({hari_ini:%d-%m-%Y}): jurnal mencatat yang "
            "sudah dikerjakan."
        )
    elif rhk is not None and tanggal.year != rhk.skp.tahun:
        galat["tanggal"] = (
            f"Tanggal harus dalam tahun SKP-nya ({rhk.skp.tahun}): 1 Januari sampai 31 Desember "
            f"{rhk.skp.tahun}."
        )
    if isian.jam_mulai and isian.jam_selesai and isian.jam_selesai <= isian.jam_mulai:
        galat["jam_selesai"] = "Jam selesai harus setelah jam mulai."
    kegiatan = (isian.kegiatan or "").strip()
    if not kegiatan:
        galat["kegiatan"] = "Tuliskan yang dikerjakan."
    for nama, teks in (("kegiatan", kegiatan), ("hambatan", isian.hambatan),
                       ("solusi", isian.solusi)):  # fmt: skip
        if len((teks or "").strip()) > MAKS_TEKS and nama not in galat:
            galat[nama] = f"Paling panjang {tampil_angka(Decimal(MAKS_TEKS))} karakter."

    indikator, satuan = None, ""
    if rhk is not None:
        ind, jenis = ukuran_rhk(list(rhk.indikator.order_by("pk")), kualitatif=rhk.skp.kualitatif)
        if jenis == JenisUkuran.JUMLAH:
            indikator, satuan = ind, ind.satuan
        if isian.hasil is not None:
            if jenis != JenisUkuran.JUMLAH:
                galat["hasil"] = (
                    "RHK ini tidak memiliki target berupa jumlah, jadi hasilnya tidak dijumlahkan: "
                    "kosongkan angka hasil dan tuliskan hasilnya pada kolom Yang dikerjakan."
                )
            elif isian.hasil < 0:
                galat["hasil"] = "Hasil tidak boleh bernilai negatif."
            elif isian.hasil > MAKS_TARGET:
                galat["hasil"] = "Angka hasil terlalu besar."
    rencana_aksi = None
    if isian.rencana_aksi_id is not None and rhk is not None:
        rencana_aksi = RencanaAksi.objects.filter(pk=isian.rencana_aksi_id, rhk=rhk).first()
        if rencana_aksi is None:
            galat["rencana_aksi"] = "Pilih rencana aksi dari RHK yang dipilih, atau kosongkan."
        elif tanggal is not None and "tanggal" not in galat:
            periode = periode_pada(pegawai.instansi, tanggal)
            if periode.nomor != rencana_aksi.nomor_periode:
                galat["rencana_aksi"] = (
                    "Rencana aksi ini untuk "
                    f"{nama_periode(periode.jenis, rencana_aksi.nomor_periode)}, sedangkan "
                    f"tanggal kegiatan pada {periode.nama}."
                )
    tautan, kode, galat_lampiran = periksa_lampiran(isian.tautan, berkas)
    galat.update(galat_lampiran)
    if galat:
        raise ValidationError(galat)
    nilai = {
        "skp_id": rhk.skp_id, "rhk": rhk, "indikator": indikator, "rencana_aksi": rencana_aksi,
        "tanggal": tanggal, "jam_mulai": isian.jam_mulai, "jam_selesai": isian.jam_selesai,
        "kegiatan": kegiatan, "hasil": isian.hasil if indikator is not None else None,
        "satuan": satuan if isian.hasil is not None else "",
        "hambatan": (isian.hambatan or "").strip(), "solusi": (isian.solusi or "").strip(),
        "tautan": tautan,
    }  # fmt: skip
    return nilai, kode


@transaction.atomic
def jurnal_tambah(
    *,
    user: AbstractBaseUser,
    isian: IsianJurnal,
    token: str,
    berkas: UploadedFile | None = None,
) -> JurnalKinerja:
    """Writes one entry on an RHK of the pegawai's SKP in force. `token`: the form's, so the same
    form sent twice is saved once (the second gets PESAN_GANDA)."""
    pegawai = _pegawai_terkunci(user)
    token = (token or "").strip()[:32]
    if not token:
        raise ValidationError("Formulir tidak lengkap: muat ulang halaman lalu ulangi.")
    if JurnalKinerja.objects.filter(pegawai=pegawai, token=token).exists():
        raise ValidationError(PESAN_GANDA, code="ganda")
    nilai, kode = _periksa(pegawai, isian, skp_id=None, berkas=berkas)
    jurnal = JurnalKinerja(pegawai=pegawai, token=token, **nilai)
    if berkas is None:
        jurnal.save()
    else:
        simpan_dengan_berkas(jurnal, berkas, kode)
    return jurnal


def _kunci_jurnal(user: AbstractBaseUser, pk: int) -> JurnalKinerja | None:
    jurnal = (
        JurnalKinerja.objects.select_for_update(of=("self",))
        .select_related("pegawai__instansi", "rhk", "rencana_aksi")
        .filter(pk=pk)
        .first()
    )
    if jurnal is None:
        return None
    access.require_pemilik_jurnal(user, jurnal)
    alasan = access.alasan_tidak_dapat_ubah(jurnal)
    if alasan:
        raise ValidationError(alasan, code="terkunci")
    return jurnal


def cuplikan(jurnal: JurnalKinerja) -> dict:
    """The entry's values as text, for a history row (what it read before an edit)."""
    return {
        "tanggal": jurnal.tanggal.isoformat(),
        "jam_mulai": jurnal.jam_mulai.strftime("%H:%M") if jurnal.jam_mulai else "",
        "jam_selesai": jurnal.jam_selesai.strftime("%H:%M") if jurnal.jam_selesai else "",
        "rhk": f"{jurnal.rhk.label}: {jurnal.rhk.uraian}",
        "rencana_aksi": jurnal.rencana_aksi.uraian if jurnal.rencana_aksi else "",
        "kegiatan": jurnal.kegiatan,
        "hasil": tampil_angka(jurnal.hasil) if jurnal.hasil is not None else "",
        "satuan": jurnal.satuan,
        "hambatan": jurnal.hambatan,
        "solusi": jurnal.solusi,
        "tautan": jurnal.tautan,
        "berkas": jurnal.nama_berkas,
    }


@transaction.atomic
def jurnal_ubah(
    *,
    user: AbstractBaseUser,
    jurnal: JurnalKinerja,
    isian: IsianJurnal,
    revisi: int | None,
    berkas: UploadedFile | None = None,
    hapus_berkas: bool = False,
) -> bool:
    """Changes an entry while it may still be changed (403 for anyone but its owner; the lock
    and a page older than the entry refused with the reason). The values it had are kept in a
    history row. Sending the same values again (a double click) changes nothing. Returns whether
    anything changed."""
    terkunci = _kunci_jurnal(user, jurnal.pk)
    if terkunci is None:
        raise ValidationError("Entri jurnal ini sudah dihapus.")
    jurnal = terkunci
    nilai, kode = _periksa(jurnal.pegawai, isian, skp_id=jurnal.skp_id, berkas=berkas)
    nilai.pop("skp_id")
    berubah = [k for k, v in nilai.items() if getattr(jurnal, k) != v]
    ganti_berkas = berkas is not None or (hapus_berkas and bool(jurnal.berkas))
    if not berubah and not ganti_berkas:
        return False
    if revisi is not None and revisi != jurnal.revisi:
        raise Kedaluwarsa(PESAN_KEDALUWARSA)
    RiwayatJurnal.objects.create(jurnal=jurnal, oleh=user, data=cuplikan(jurnal))
    lama = jurnal.berkas.name if ganti_berkas else ""
    storage = jurnal.berkas.storage
    for k, v in nilai.items():
        setattr(jurnal, k, v)
    jurnal.revisi = F("revisi") + 1
    jurnal.diubah = timezone.now()
    if ganti_berkas:
        jurnal.berkas, jurnal.nama_berkas, jurnal.ukuran, jurnal.jenis_berkas = "", "", 0, ""
    if berkas is not None:
        simpan_dengan_berkas(jurnal, berkas, kode)
    else:
        jurnal.save()
    if lama:
        hapus_berkas_setelah_commit(storage, lama)
    jurnal.refresh_from_db(fields=["revisi"])
    return True


@transaction.atomic
def jurnal_hapus(*, user: AbstractBaseUser, jurnal: JurnalKinerja) -> bool:
    """Deletes an entry while it may still be changed; its file goes after the commit. Returns
    False when it was already gone (a double click)."""
    jurnal = _kunci_jurnal(user, jurnal.pk)
    if jurnal is None:
        return False
    nama, storage = jurnal.berkas.name, jurnal.berkas.storage
    jurnal.delete()
    if nama:
        hapus_berkas_setelah_commit(storage, nama)
    return True
