"""Editing a draft SKP. Each edit locks the SKP row, checks permission and state on the fresh
row, validates everything before writing anything, and bumps `revisi`."""

from datetime import date
from decimal import Decimal

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone

from core.versi import naikkan
from skp import access
from skp.batas import (
    MAKS_INDIKATOR,
    MAKS_INDIKATOR_SKP,
    MAKS_LAMPIRAN,
    MAKS_RHK,
    MAKS_SATUAN,
    MAKS_URAIAN,
)
from skp.models import (
    Aspek,
    IndikatorKinerja,
    JenisRhk,
    PerilakuKerja,
    Perspektif,
    RencanaHasilKerja,
    Skp,
)
from skp.selectors import renstra_tersedia, rhk_atasan_tersedia
from skp.target import periksa_target, tampil_angka


def _kunci(
    user: AbstractBaseUser, skp_id: int, aksi: str = "ubah", revisi: int | None = None
) -> Skp:
    """Locks the SKP, checks the person and state, and (when the form sent the `revisi` it was
    rendered with) refuses an edit based on a page that is no longer current."""
    skp = Skp.objects.select_for_update(of=("self",)).select_related("pegawai").get(pk=skp_id)
    access.require(user, aksi, skp)
    if revisi is not None and revisi != skp.revisi:
        from skp.services.alur import SkpKedaluwarsa

        raise SkpKedaluwarsa()
    return skp


def _revisi(skp: Skp) -> None:
    """Every edit of an SKP's content ends here: its `revisi` and the dashboards' version."""
    Skp.objects.filter(pk=skp.pk).update(revisi=F("revisi") + 1, diubah=timezone.now())
    naikkan("kinerja")  # update() sends no signal (core/versi.py)
    skp.refresh_from_db(fields=["revisi", "diubah"])


def pesan_terlalu_panjang(nama: str, teks: str, maks: int) -> str | None:
    """ "Rencana hasil kerja terlalu panjang: 2.150 karakter, paling banyak 2.000." or None."""
    if len(teks) <= maks:
        return None
    return (
        f"{nama} terlalu panjang: {tampil_angka(Decimal(len(teks)))} karakter, paling banyak "
        f"{tampil_angka(Decimal(maks))}. Ringkas teksnya."
    )


def _panjang(salah: dict[str, str], kolom: str, nama: str, teks: str, maks: int) -> None:
    pesan = pesan_terlalu_panjang(nama, teks, maks)
    if pesan:
        salah.setdefault(kolom, pesan)


def _id(obj: object) -> int | None:
    return getattr(obj, "pk", obj)  # a model instance or an id


TAUTAN_JPT = ("sasaran_renstra", "indikator_renstra", "subkegiatan_renja")


def _periksa_rhk(
    skp: Skp,
    *,
    jenis: str,
    uraian: str,
    perspektif: str,
    tautan: dict[str, object],
    lama: RencanaHasilKerja | None = None,
) -> dict[str, object]:
    """Checks an RHK's fields and returns the values to store. Cascade links are never taken
    on trust: each must be one the pegawai may choose now (an unchanged link is kept even when
    the atasan or the Renstra has changed since)."""
    salah: dict[str, str] = {}
    uraian = uraian.strip()
    if not uraian:
        salah["uraian"] = "Tuliskan rencana hasil kerja."
    _panjang(salah, "uraian", "Rencana hasil kerja", uraian, MAKS_URAIAN)
    if jenis not in JenisRhk.values:
        salah["jenis"] = "Pilih jenis RHK: Utama atau Tambahan."
    ids = {f"{k}_id": _id(tautan.get(k)) for k in ("rhk_atasan", *TAUTAN_JPT)}
    berubah = {k: v for k, v in ids.items() if v is not None and v != getattr(lama, k, None)}
    if skp.jpt:
        if perspektif not in Perspektif.values:
            salah["perspektif"] = "Pilih perspektif RHK ini."
        ids["rhk_atasan_id"] = None
        if sum(ids[f"{k}_id"] is not None for k in TAUTAN_JPT) > 1:
            salah["tautan_renstra"] = (
                "Pilih satu saja: sasaran, indikator Renstra, atau sub kegiatan Renja."
            )
        elif any(f"{k}_id" in berubah for k in TAUTAN_JPT):
            tersedia = renstra_tersedia(skp)
            sah = {
                "sasaran_renstra_id": {x.pk for x in tersedia.sasaran},
                "indikator_renstra_id": {x.pk for x in tersedia.indikator},
                "subkegiatan_renja_id": {x.pk for x in tersedia.subkegiatan},
            }
            if any(v not in sah[k] for k, v in berubah.items() if k in sah):
                salah["tautan_renstra"] = (
                    "Pilihan itu bukan sasaran, indikator, atau sub kegiatan Renstra/Renja unit "
                    f"Anda tahun {skp.tahun}. Pilih dari daftar."
                )
    else:
        perspektif = ""
        for k in TAUTAN_JPT:
            ids[f"{k}_id"] = None
        if "rhk_atasan_id" in berubah:
            sah = {r.pk for r in rhk_atasan_tersedia(skp).rhk}
            if berubah["rhk_atasan_id"] not in sah:
                salah["rhk_atasan"] = (
                    f"RHK pimpinan yang dipilih bukan RHK atasan Anda tahun {skp.tahun}. "
                    "Pilih dari daftar RHK atasan."
                )
    if salah:
        raise ValidationError(salah)
    return {"uraian": uraian, "perspektif": perspektif, **ids}


def _urutan_berikut(skp: Skp, jenis: str) -> int:
    return (skp.rhk.filter(jenis=jenis).aggregate(u=Max("urutan"))["u"] or 0) + 1


def _rapatkan(skp: Skp, jenis: str) -> None:
    """Renumbers 1..n after a removal. One row at a time, ascending, so the unique
    (skp, jenis, urutan) constraint never sees two rows on one number."""
    for nomor, rhk in enumerate(skp.rhk.filter(jenis=jenis).order_by("urutan"), start=1):
        if rhk.urutan != nomor:
            RencanaHasilKerja.objects.filter(pk=rhk.pk).update(urutan=nomor)
    naikkan("kinerja")  # update() sends no signal (core/versi.py)


@transaction.atomic
def rhk_tambah(
    *,
    user: AbstractBaseUser,
    skp: Skp,
    jenis: str,
    uraian: str,
    rhk_atasan: RencanaHasilKerja | int | None = None,
    perspektif: str = "",
    sasaran_renstra: object | None = None,
    indikator_renstra: object | None = None,
    subkegiatan_renja: object | None = None,
    revisi: int | None = None,
) -> RencanaHasilKerja:
    """Adds an RHK at the end of its list (utama or tambahan). Links: `rhk_atasan` for
    administrasi/fungsional; at most one Renstra/Renja item (instance or id) for a JPT.

    `revisi` is accepted but not checked: an addition overwrites nothing, so a form typed out on
    a page that changed meanwhile is saved rather than refused (and its text lost); the state
    and the person are still checked on the locked row."""
    del revisi
    skp = _kunci(user, skp.pk)
    jumlah = skp.rhk.count()
    if jumlah >= MAKS_RHK:
        raise ValidationError(
            {
                NON_FIELD_ERRORS: f"SKP ini sudah memuat {jumlah} RHK, batas paling banyak "
                f"{MAKS_RHK} RHK per SKP. Gabungkan RHK yang sejenis atau hapus RHK yang tidak "
                "lagi diperlukan sebelum menambah RHK baru."
            }
        )
    nilai = _periksa_rhk(
        skp,
        jenis=jenis,
        uraian=uraian,
        perspektif=perspektif,
        tautan={
            "rhk_atasan": rhk_atasan,
            "sasaran_renstra": sasaran_renstra,
            "indikator_renstra": indikator_renstra,
            "subkegiatan_renja": subkegiatan_renja,
        },
    )
    rhk = RencanaHasilKerja.objects.create(
        skp=skp, jenis=jenis, urutan=_urutan_berikut(skp, jenis), **nilai
    )
    _revisi(skp)
    return rhk


@transaction.atomic
def rhk_ubah(
    *,
    user: AbstractBaseUser,
    rhk: RencanaHasilKerja,
    jenis: str,
    uraian: str,
    rhk_atasan: RencanaHasilKerja | int | None = None,
    perspektif: str = "",
    sasaran_renstra: object | None = None,
    indikator_renstra: object | None = None,
    subkegiatan_renja: object | None = None,
    revisi: int | None = None,
) -> RencanaHasilKerja:
    skp = _kunci(user, rhk.skp_id, revisi=revisi)
    rhk = RencanaHasilKerja.objects.get(pk=rhk.pk, skp=skp)
    nilai = _periksa_rhk(
        skp,
        jenis=jenis,
        uraian=uraian,
        perspektif=perspektif,
        tautan={
            "rhk_atasan": rhk_atasan,
            "sasaran_renstra": sasaran_renstra,
            "indikator_renstra": indikator_renstra,
            "subkegiatan_renja": subkegiatan_renja,
        },
        lama=rhk,
    )
    jenis_lama = rhk.jenis
    if jenis != jenis_lama:
        # Moves to the end of the other list; the old list closes its gap.
        rhk.jenis, rhk.urutan = jenis, _urutan_berikut(skp, jenis)
    for kolom, isi in nilai.items():
        setattr(rhk, kolom, isi)
    rhk.save()
    if jenis != jenis_lama:
        _rapatkan(skp, jenis_lama)
        rhk.refresh_from_db(fields=["urutan"])
    _revisi(skp)
    return rhk


@transaction.atomic
def rhk_pindah(
    *, user: AbstractBaseUser, rhk: RencanaHasilKerja, arah: str, revisi: int | None = None
) -> RencanaHasilKerja:
    """Swaps the RHK with its neighbour above ("naik") or below ("turun") within its jenis.
    At the top or bottom nothing changes."""
    if arah not in ("naik", "turun"):
        raise ValidationError("Arah pemindahan harus naik atau turun.")
    skp = _kunci(user, rhk.skp_id, revisi=revisi)
    rhk = RencanaHasilKerja.objects.get(pk=rhk.pk, skp=skp)
    tetangga_qs = skp.rhk.filter(jenis=rhk.jenis)
    tetangga = (
        tetangga_qs.filter(urutan__lt=rhk.urutan).order_by("-urutan").first()
        if arah == "naik"
        else tetangga_qs.filter(urutan__gt=rhk.urutan).order_by("urutan").first()
    )
    if tetangga is None:
        return rhk
    # Through 0 (never a real position) so the unique order constraint holds at every step.
    a, b = rhk.urutan, tetangga.urutan
    RencanaHasilKerja.objects.filter(pk=rhk.pk).update(urutan=0)
    RencanaHasilKerja.objects.filter(pk=tetangga.pk).update(urutan=a)
    RencanaHasilKerja.objects.filter(pk=rhk.pk).update(urutan=b)
    naikkan("kinerja")  # update() sends no signal (core/versi.py)
    rhk.urutan = b
    _revisi(skp)
    return rhk


def periksa_indikator(
    skp: Skp,
    *,
    aspek: str,
    uraian: str,
    target_min: Decimal | None,
    target_maks: Decimal | None,
    satuan: str,
    target_tanggal: date | None,
    rencana_bukti_dukung: str,
) -> tuple[str, str, str]:
    """The rules an indicator must meet to be saved (the same for adding and editing), without
    writing anything: ValidationError per field, else the cleaned aspek, uraian and satuan. The
    live advice under the form calls it too, so it says exactly what saving will refuse."""
    salah: dict[str, str] = {}
    uraian, satuan = uraian.strip(), satuan.strip()
    nama = "Ukuran keberhasilan" if skp.kualitatif and not skp.jpt else "Indikator"
    _panjang(salah, "uraian", nama, uraian, MAKS_URAIAN)
    _panjang(salah, "satuan", "Satuan", satuan, MAKS_SATUAN)
    _panjang(
        salah,
        "rencana_bukti_dukung",
        "Rencana bukti dukung",
        rencana_bukti_dukung.strip(),
        MAKS_URAIAN,
    )
    if skp.pakai_aspek:
        if aspek not in Aspek.values:
            salah["aspek"] = "Pilih aspek indikator: Kuantitas, Kualitas, Waktu, atau Biaya."
    else:
        aspek = ""
    if not uraian:
        salah["uraian"] = (
            "Tuliskan ukuran keberhasilan RHK ini."
            if skp.kualitatif and not skp.jpt
            else "Tuliskan indikator kinerja individu."
        )
    if (
        target_min is not None
        and target_tanggal is not None
        and aspek == Aspek.WAKTU
        and "target_tanggal" not in salah
    ):
        salah["target_tanggal"] = (
            "Isi salah satu saja: angka dengan satuan waktu, atau tanggal tenggat."
        )
    for kolom, pesan in periksa_target(
        aspek=aspek,
        target_min=target_min,
        target_maks=target_maks,
        satuan=satuan,
        target_tanggal=target_tanggal,
        tahun=skp.tahun,
        uraian=uraian,  # "95 %" fits Waktu only when the text states the time bound
    ).items():
        salah.setdefault(kolom, pesan)
    if salah:
        raise ValidationError(salah)
    return aspek, uraian, satuan


@transaction.atomic
def indikator_tambah(
    *,
    user: AbstractBaseUser,
    rhk: RencanaHasilKerja,
    uraian: str,
    target_min: Decimal | None,
    satuan: str,
    aspek: str = "",
    target_maks: Decimal | None = None,
    target_tanggal: date | None = None,
    rencana_bukti_dukung: str = "",
    revisi: int | None = None,
) -> IndikatorKinerja:
    # Not checked, as for rhk_tambah: adding overwrites nothing. The RHK may have been deleted
    # in another tab meanwhile: that is said plainly.
    del revisi
    skp = _kunci(user, rhk.skp_id)
    rhk = RencanaHasilKerja.objects.filter(pk=rhk.pk, skp=skp).first()
    if rhk is None:
        raise ValidationError(
            "RHK ini sudah dihapus di tab atau perangkat lain, sehingga indikator tidak dapat "
            "ditambahkan. Salin teks Anda bila perlu, lalu muat ulang halaman."
        )
    jumlah = rhk.indikator.count()
    if jumlah >= MAKS_INDIKATOR:
        raise ValidationError(
            {
                NON_FIELD_ERRORS: f"RHK {rhk.label} sudah memuat {jumlah} indikator, batas "
                f"paling banyak {MAKS_INDIKATOR} indikator per RHK. Ubah atau gabungkan "
                "indikator yang ada."
            }
        )
    jumlah = IndikatorKinerja.objects.filter(rhk__skp=skp).count()
    if jumlah >= MAKS_INDIKATOR_SKP:
        raise ValidationError(
            {
                NON_FIELD_ERRORS: f"SKP ini sudah memuat {jumlah} indikator, batas paling banyak "
                f"{MAKS_INDIKATOR_SKP} indikator per SKP. Ubah atau gabungkan indikator yang ada."
            }
        )
    aspek, uraian, satuan = periksa_indikator(
        skp,
        aspek=aspek,
        uraian=uraian,
        target_min=target_min,
        target_maks=target_maks,
        satuan=satuan,
        target_tanggal=target_tanggal,
        rencana_bukti_dukung=rencana_bukti_dukung,
    )
    if skp.kualitatif and not skp.jpt and rhk.indikator.exists():
        raise ValidationError(
            {
                NON_FIELD_ERRORS: "SKP kualitatif memuat satu ukuran keberhasilan untuk setiap "
                "RHK. Ubah ukuran keberhasilan yang sudah ada."
            }
        )
    indikator = IndikatorKinerja.objects.create(
        rhk=rhk,
        aspek=aspek,
        uraian=uraian,
        target_min=target_min,
        target_maks=target_maks,
        satuan=satuan,
        target_tanggal=target_tanggal if aspek == "waktu" else None,
        rencana_bukti_dukung=rencana_bukti_dukung.strip(),
    )
    _revisi(skp)
    return indikator


@transaction.atomic
def indikator_ubah(
    *,
    user: AbstractBaseUser,
    indikator: IndikatorKinerja,
    uraian: str,
    target_min: Decimal | None,
    satuan: str,
    aspek: str = "",
    target_maks: Decimal | None = None,
    target_tanggal: date | None = None,
    rencana_bukti_dukung: str = "",
    revisi: int | None = None,
) -> IndikatorKinerja:
    skp = _kunci(user, indikator.rhk.skp_id, revisi=revisi)
    indikator = IndikatorKinerja.objects.get(pk=indikator.pk, rhk__skp=skp)
    aspek, uraian, satuan = periksa_indikator(
        skp,
        aspek=aspek,
        uraian=uraian,
        target_min=target_min,
        target_maks=target_maks,
        satuan=satuan,
        target_tanggal=target_tanggal,
        rencana_bukti_dukung=rencana_bukti_dukung,
    )
    indikator.aspek, indikator.uraian, indikator.satuan = aspek, uraian, satuan
    indikator.target_min, indikator.target_maks = target_min, target_maks
    indikator.target_tanggal = target_tanggal if aspek == "waktu" else None
    indikator.rencana_bukti_dukung = rencana_bukti_dukung.strip()
    indikator.save()
    _revisi(skp)
    return indikator


@transaction.atomic
def indikator_hapus(
    *, user: AbstractBaseUser, indikator: IndikatorKinerja, revisi: int | None = None
) -> None:
    skp = _kunci(user, indikator.rhk.skp_id, revisi=revisi)
    IndikatorKinerja.objects.filter(pk=indikator.pk, rhk__skp=skp).delete()
    _revisi(skp)


NAMA_LAMPIRAN = {
    "dukungan_sumber_daya": "Dukungan sumber daya",
    "skema_pertanggungjawaban": "Skema pertanggungjawaban",
    "konsekuensi": "Konsekuensi",
}


def _rapikan_daftar(teks: str) -> str:
    """One item per line, without empty lines or typed bullets."""
    baris = (b.strip().lstrip("-•*").strip() for b in teks.splitlines())
    return "\n".join(b for b in baris if b)


@transaction.atomic
def lampiran_ubah(
    *,
    user: AbstractBaseUser,
    skp: Skp,
    dukungan_sumber_daya: str,
    skema_pertanggungjawaban: str,
    konsekuensi: str,
    revisi: int | None = None,
) -> Skp:
    skp = _kunci(user, skp.pk, revisi=revisi)
    nilai = {
        "dukungan_sumber_daya": _rapikan_daftar(dukungan_sumber_daya),
        "skema_pertanggungjawaban": _rapikan_daftar(skema_pertanggungjawaban),
        "konsekuensi": _rapikan_daftar(konsekuensi),
    }
    salah: dict[str, str] = {}
    for kolom, teks in nilai.items():
        _panjang(salah, kolom, NAMA_LAMPIRAN[kolom], teks, MAKS_LAMPIRAN)
    if salah:
        raise ValidationError(salah)
    for kolom, teks in nilai.items():
        setattr(skp, kolom, teks)
    skp.save(update_fields=["dukungan_sumber_daya", "skema_pertanggungjawaban", "konsekuensi"])
    _revisi(skp)
    return skp


@transaction.atomic
def ekspektasi_ubah(
    *,
    user: AbstractBaseUser,
    perilaku: PerilakuKerja,
    ekspektasi_khusus: str,
    revisi: int | None = None,
) -> PerilakuKerja:
    """The pejabat penilai writes the Ekspektasi Khusus Pimpinan of one BerAKHLAK row."""
    skp = _kunci(user, perilaku.skp_id, "isi_ekspektasi", revisi=revisi)
    perilaku = PerilakuKerja.objects.get(pk=perilaku.pk, skp=skp)
    pesan = pesan_terlalu_panjang(
        "Ekspektasi khusus pimpinan", ekspektasi_khusus.strip(), MAKS_URAIAN
    )
    if pesan:
        raise ValidationError({"ekspektasi_khusus": pesan})
    perilaku.ekspektasi_khusus = ekspektasi_khusus.strip()
    perilaku.save(update_fields=["ekspektasi_khusus"])
    _revisi(skp)
    return perilaku
