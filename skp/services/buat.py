"""Creating an SKP: the identity snapshot, the BerAKHLAK rows, and the copy of last year's."""

from datetime import date

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from core.versi import naikkan
from organisasi.models import JenisJabatan, Pegawai
from organisasi.selectors import atasan_langsung, pegawai_dari_user
from skp import access
from skp.berakhlak import BERAKHLAK
from skp.models import (
    Aspek,
    IndikatorKinerja,
    JenisFormulir,
    Pendekatan,
    PerilakuKerja,
    RencanaHasilKerja,
    Skp,
)
from skp.selectors import muat_isi, skp_tahun
from skp.services.kelengkapan import melebihi_batas

TAHUN_PERTAMA = 2022  # PermenPANRB No. 6 Tahun 2022


def identitas_pegawai(pegawai: Pegawai) -> dict[str, str]:
    """The pegawai half of the identity snapshot, as the pegawai is now (needs a jabatan)."""
    jabatan = pegawai.jabatan
    return {
        "pegawai_nama": pegawai.nama_lengkap,
        "pegawai_nip": pegawai.nip,
        "pegawai_pangkat": pegawai.pangkat_golongan,
        "pegawai_jabatan": jabatan.nama,
        "pegawai_unit_kerja": jabatan.unit_kerja.nama,
    }


def identitas_penilai(penilai: Pegawai | None) -> dict[str, object]:
    """The pejabat penilai half of the identity snapshot, as `penilai` is now (blank when there
    is none yet)."""
    if penilai is not None:
        penilai = Pegawai.objects.select_related("jabatan__unit_kerja").get(pk=penilai.pk)
    jabatan = penilai.jabatan if penilai is not None and penilai.jabatan_id else None
    return {
        "penilai": penilai,
        "penilai_nama": penilai.nama_lengkap if penilai else "",
        "penilai_nip": penilai.nip if penilai else "",
        "penilai_pangkat": penilai.pangkat_golongan if penilai else "",
        "penilai_jabatan": jabatan.nama if jabatan else "",
        "penilai_unit_kerja": jabatan.unit_kerja.nama if jabatan else "",
    }


def tahun_tersedia() -> range:
    """Years an SKP may be drafted for: from 2022 up to next year (drafted in December)."""
    return range(TAHUN_PERTAMA, timezone.localdate().year + 2)


@transaction.atomic
def skp_buat(
    *,
    user: AbstractBaseUser,
    tahun: int,
    pendekatan: str = Pendekatan.KUANTITATIF,
    salin: bool = False,
) -> Skp:
    """Creates the user's SKP for `tahun` with the identity of the pegawai and of the pejabat
    penilai as they are today, and the seven BerAKHLAK rows. With `salin`, the RHK, indicators,
    targets and lampiran of the previous year's SKP are copied (not its cascade links, which
    point at last year's atasan RHK, and not its status)."""
    access.require(user, "buat_skp")
    pegawai = (
        Pegawai.objects.select_for_update(of=("self",))
        .select_related("instansi", "jabatan__unit_kerja", "jabatan__atasan")
        .get(pk=pegawai_dari_user(user).pk)
    )
    if tahun not in tahun_tersedia():
        raise ValidationError(
            {"tahun": f"Pilih tahun antara {TAHUN_PERTAMA} dan {tahun_tersedia()[-1]}."}
        )
    if pendekatan not in Pendekatan.values:
        raise ValidationError({"pendekatan": "Pilih pendekatan Kuantitatif atau Kualitatif."})
    if skp_tahun(pegawai, tahun) is not None:
        raise ValidationError(
            {"tahun": f"SKP tahun {tahun} sudah ada. Buka SKP tersebut untuk melanjutkan."}
        )
    sumber = skp_tahun(pegawai, tahun - 1) if salin else None
    if salin and sumber is None:
        raise ValidationError({"salin": f"Tidak ada SKP tahun {tahun - 1} yang dapat disalin."})
    if sumber is not None:
        _periksa_batas_salinan(muat_isi(sumber))

    jpt = pegawai.jabatan.jenis == JenisJabatan.JPT
    versi = (
        Skp.objects.filter(pegawai=pegawai, tahun=tahun).aggregate(v=Max("versi"))["v"] or 0
    ) + 1
    skp = Skp.objects.create(
        pegawai=pegawai,
        instansi=pegawai.instansi,
        tahun=tahun,
        versi=versi,
        pendekatan=sumber.pendekatan if sumber else pendekatan,
        jenis_formulir=JenisFormulir.JPT if jpt else JenisFormulir.ADMINISTRASI,
        instansi_nama=pegawai.instansi.nama,
        **identitas_pegawai(pegawai),
        **identitas_penilai(atasan_langsung(pegawai)),
    )
    PerilakuKerja.objects.bulk_create(
        PerilakuKerja(skp=skp, urutan=i, nilai_inti=nilai, panduan="\n".join(panduan))
        for i, (nilai, panduan) in enumerate(BERAKHLAK, start=1)
    )
    naikkan("kinerja")  # bulk writes send no signal (core/versi.py)
    if sumber is not None:
        _salin_isi(sumber, skp)
    return skp


def _periksa_batas_salinan(sumber: Skp) -> None:
    """A copy must fit the limits a new SKP is held to (an SKP written before they existed may
    not): refused as a whole, with what goes past them, rather than cut silently."""
    masalah = melebihi_batas(sumber)
    if not masalah:
        return
    lain = f" (dan {len(masalah) - 5} hal lain)" if len(masalah) > 5 else ""
    raise ValidationError(
        {
            "salin": [
                f"SKP tahun {sumber.tahun} tidak dapat disalin karena melebihi batas ukuran SKP"
                f"{lain}. Buat SKP tanpa menyalin, lalu tambahkan RHK yang masih berlaku.",
                *masalah[:5],
            ]
        }
    )


def _geser_tahun(tanggal: date | None, tahun: int) -> date | None:
    if tanggal is None:
        return None
    try:
        return tanggal.replace(year=tahun)
    except ValueError:  # 29 February
        return tanggal.replace(year=tahun, day=28)


def _salin_isi(sumber: Skp, tujuan: Skp) -> None:
    tujuan.dukungan_sumber_daya = sumber.dukungan_sumber_daya
    tujuan.skema_pertanggungjawaban = sumber.skema_pertanggungjawaban
    tujuan.konsekuensi = sumber.konsekuensi
    tujuan.save(update_fields=["dukungan_sumber_daya", "skema_pertanggungjawaban", "konsekuensi"])
    indikator: list[IndikatorKinerja] = []
    for rhk in sumber.rhk.order_by("-jenis", "urutan").prefetch_related("indikator"):
        baru = RencanaHasilKerja.objects.create(
            skp=tujuan,
            jenis=rhk.jenis,
            urutan=rhk.urutan,
            uraian=rhk.uraian,
            perspektif=rhk.perspektif if tujuan.jpt else "",
        )
        for ind in rhk.indikator.order_by("pk"):
            aspek = ind.aspek if tujuan.pakai_aspek else ""
            indikator.append(
                IndikatorKinerja(
                    rhk=baru,
                    aspek=aspek,
                    uraian=ind.uraian,
                    target_min=ind.target_min,
                    target_maks=ind.target_maks,
                    satuan=ind.satuan,
                    target_tanggal=(
                        _geser_tahun(ind.target_tanggal, tujuan.tahun)
                        if aspek == Aspek.WAKTU
                        else None
                    ),
                    rencana_bukti_dukung=ind.rencana_bukti_dukung,
                )
            )
    IndikatorKinerja.objects.bulk_create(
        # A date-only target lost with its aspek (e.g. copied into a JPT form) becomes empty:
        # keep the text, the pegawai sets a number.
        i
        for i in indikator
        if i.target_min is not None or i.target_tanggal is not None
    )
    naikkan("kinerja")  # bulk writes send no signal (core/versi.py)
