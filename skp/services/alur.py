"""The approval workflow: the only writer of `Skp.status`. Each action locks the SKP row, checks
the person and then the current state on the fresh row (skp/workflow.py holds the table), writes
a RiwayatStatus row and notifies after the commit. A double click or a second tab finds the
state already changed and gets an Indonesian message instead of a second transition."""

from functools import partial

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max, Q
from django.utils import timezone

from core import alur
from core.versi import naikkan
from organisasi.models import Pegawai
from organisasi.selectors import pegawai_dari_user
from skp import access
from skp.batas import MAKS_BALASAN, MAKS_URAIAN
from skp.cuplikan import buat_cuplikan
from skp.models import (
    ButirKomentar,
    IndikatorKinerja,
    Komentar,
    KomentarBalasan,
    PerilakuKerja,
    RencanaHasilKerja,
    RiwayatStatus,
    Skp,
    StatusSkp,
)
from skp.selectors import muat_isi, penilai_aktif
from skp.services.buat import identitas_pegawai, identitas_penilai
from skp.services.kelengkapan import periksa_kelengkapan
from skp.services.notifikasi import kabari, tandai_dibaca_skp
from skp.signals import skp_disetujui
from skp.verifikasi import terbitkan_setelah_disetujui
from skp.workflow import TRANSISI, alasan_ditolak, kalimat

PESAN_KEDALUWARSA = (
    "SKP ini sudah diubah di tab atau perangkat lain. Muat ulang halaman untuk melihat versi "
    "terbaru."
)
STATUS_PROSES = (StatusSkp.DRAF, StatusSkp.DIAJUKAN, StatusSkp.DIKEMBALIKAN)


class SkpKedaluwarsa(alur.Kedaluwarsa):
    """The form was rendered from an older `revisi` of the SKP: refuse rather than overwrite."""

    def __init__(self) -> None:
        super().__init__(PESAN_KEDALUWARSA)


StatusTidakSesuai = alur.StatusTidakSesuai


def periksa_revisi(skp: Skp, revisi: int | None) -> None:
    if revisi is not None and revisi != skp.revisi:
        raise SkpKedaluwarsa()


def _kunci(user: AbstractBaseUser, skp_id: int, aksi: str, revisi: int | None) -> Skp:
    skp = alur.kunci(
        Skp.objects.select_related("pegawai__user", "penilai_ditetapkan__user"),
        skp_id,
        aksi=aksi,
        tabel=TRANSISI,
        boleh=lambda s: access.boleh_peran(user, aksi, s),
        pesan_ditolak=access.PESAN_DITOLAK[aksi],
        alasan_status=alasan_ditolak,
    )
    periksa_revisi(skp, revisi)
    return skp


def _pindah(
    skp: Skp,
    *,
    aksi: str,
    user: AbstractBaseUser | None,
    catatan: str = "",
    cuplikan: dict | None = None,
    **kolom: object,
) -> RiwayatStatus:
    """Writes the new status (and `kolom`) of a locked row and its history row."""
    return alur.pindah(
        skp,
        aksi=aksi,
        tabel=TRANSISI,
        riwayat=partial(RiwayatStatus.objects.create, skp=skp, cuplikan=cuplikan),
        user=user,
        catatan=catatan,
        **kolom,
    )


def _user_penilai(skp: Skp) -> AbstractBaseUser | None:
    penilai = penilai_aktif(skp)
    return penilai.user if penilai is not None and penilai.user_id else None


@transaction.atomic
def ajukan(*, user: AbstractBaseUser, skp: Skp, revisi: int | None = None) -> Skp:
    """The pegawai submits the SKP to the pejabat penilai (blocked while anything is missing)."""
    skp = _kunci(user, skp.pk, "ajukan", revisi)
    muat_isi(skp)
    masalah = periksa_kelengkapan(skp)
    penilai = penilai_aktif(skp)
    if penilai is None and skp.jpt:  # for the others the checklist already says so
        masalah.append(
            "Pejabat penilai kinerja belum dapat ditentukan. Minta admin kepegawaian melengkapi "
            "atasan jabatan Anda atau menetapkan pejabat penilai."
        )
    if masalah:
        raise ValidationError(
            [f"SKP belum dapat diajukan. Yang masih perlu dilengkapi ({len(masalah)}):", *masalah],
            code="belum_lengkap",
        )
    putaran = RiwayatStatus.objects.filter(skp=skp, aksi="ajukan").count() + 1
    _pindah(skp, aksi="ajukan", user=user, cuplikan=buat_cuplikan(skp),
            diajukan_pada=timezone.now(), **_identitas_berubah(skp, penilai))  # fmt: skip
    tandai_dibaca_skp(user=user, skp=skp)  # "dikembalikan": acted upon now
    if putaran == 1:
        judul = f"SKP {skp.tahun} {skp.pegawai_nama} menunggu persetujuan Anda"
        isi = f"{skp.pegawai_nama} mengajukan SKP tahun {skp.tahun} (versi {skp.versi})."
    else:
        judul = (
            f"SKP {skp.tahun} {skp.pegawai_nama} diajukan kembali (pengajuan ke-{putaran}) "
            "menunggu persetujuan Anda"
        )
        isi = (
            f"{skp.pegawai_nama} mengajukan kembali SKP tahun {skp.tahun} (versi {skp.versi}, "
            f"pengajuan ke-{putaran}). Perubahan sejak pengajuan sebelumnya tampil di halaman SKP."
        )
    kabari(penerima=[_user_penilai(skp)], skp=skp, judul=judul,
           isi=f"{isi} Tinjau lalu setujui atau kembalikan dengan catatan.")  # fmt: skip
    return skp


@transaction.atomic
def tarik(*, user: AbstractBaseUser, skp: Skp, revisi: int | None = None) -> Skp:
    """The pegawai takes a submission back while the penilai has not decided: the SKP is a draft
    again (editable), leaves the penilai's inbox, and the penilai is told. A double click or a
    decision made meanwhile finds the state changed and gets the reason."""
    skp = _kunci(user, skp.pk, "tarik", revisi)
    penilai = _user_penilai(skp)
    _pindah(skp, aksi="tarik", user=user, catatan="Pengajuan ditarik kembali oleh pegawai.")
    # The penilai's "menunggu persetujuan" no longer waits for anything.
    tandai_dibaca_skp(user=penilai, skp=skp)
    kabari(
        penerima=[penilai],
        skp=skp,
        judul=f"SKP {skp.tahun} {skp.pegawai_nama} ditarik kembali",
        isi=f"{skp.pegawai_nama} menarik kembali pengajuan SKP tahun {skp.tahun} (versi "
        f"{skp.versi}) untuk diperbaiki. SKP ini tidak menunggu keputusan Anda sampai diajukan "
        "kembali.",
    )
    return skp


@transaction.atomic
def kembalikan(
    *,
    user: AbstractBaseUser,
    skp: Skp,
    catatan: str,
    komentar_rhk: dict[int, str] | None = None,
    komentar_indikator: dict[int, str] | None = None,
    revisi: int | None = None,
) -> Skp:
    """The penilai returns the SKP with a note, optionally commenting on RHK and indicators."""
    skp = _kunci(user, skp.pk, "kembalikan", revisi)
    catatan = catatan.strip()
    if not catatan:
        raise ValidationError(
            {"catatan": "Tuliskan catatan untuk pegawai: apa yang perlu diperbaiki."}
        )
    rhk = {r.pk: r for r in RencanaHasilKerja.objects.filter(skp=skp)}
    indikator = {
        i.pk: i for i in IndikatorKinerja.objects.filter(rhk__skp=skp).select_related("rhk")
    }
    komentar_rhk = {k: v.strip() for k, v in (komentar_rhk or {}).items() if v.strip()}
    komentar_indikator = {k: v.strip() for k, v in (komentar_indikator or {}).items() if v.strip()}
    if any(k not in rhk for k in komentar_rhk) or any(
        k not in indikator for k in komentar_indikator
    ):
        raise ValidationError("Komentar merujuk RHK atau indikator yang bukan bagian SKP ini.")
    putaran = _pindah(skp, aksi="kembalikan", user=user, catatan=catatan)
    baru = [Komentar(skp=skp, putaran=putaran, sasaran="SKP secara keseluruhan", teks=catatan,
                     oleh=user, butir=ButirKomentar.SKP)]  # fmt: skip
    for pk, teks in komentar_rhk.items():
        baru.append(Komentar(skp=skp, putaran=putaran, rhk=rhk[pk], teks=teks, oleh=user,
                             butir=ButirKomentar.RHK,
                             sasaran=f"RHK {rhk[pk].label}: {rhk[pk].uraian}"[:300]))  # fmt: skip
    for pk, teks in komentar_indikator.items():
        i = indikator[pk]
        baru.append(Komentar(skp=skp, putaran=putaran, rhk=i.rhk, indikator=i, teks=teks,
                             oleh=user, butir=ButirKomentar.INDIKATOR,
                             sasaran=f"Indikator RHK {i.rhk.label}: {i.uraian}"[:300]))  # fmt: skip
    Komentar.objects.bulk_create(baru)
    naikkan("kinerja")  # bulk writes send no signal (core/versi.py)
    tandai_dibaca_skp(user=user, skp=skp)
    kabari(
        penerima=[skp.pegawai.user],
        skp=skp,
        judul=f"SKP {skp.tahun} Anda dikembalikan untuk diperbaiki",
        isi=f"Catatan pejabat penilai: {catatan}",
    )
    return skp


def _salin_penilai(skp: Skp, penilai: Pegawai | None) -> dict[str, object]:
    """The penilai identity fields as of now (the signed document shows who approved)."""
    return identitas_penilai(penilai) if penilai is not None else {}


def _identitas_berubah(skp: Skp, penilai: Pegawai) -> dict[str, object]:
    """The identity columns whose snapshot no longer matches the pegawai and the penilai the SKP
    is being submitted to. The snapshot of creation may predate the atasan being recorded, or a
    mutasi, Plt or promotion since; submitting brings it up to date (the SKP is agreed with the
    penilai it is submitted to) and approval freezes it."""
    kini = identitas_penilai(penilai)
    if skp.pegawai.jabatan_id:  # without a position now, the snapshot is the best there is
        kini.update(identitas_pegawai(skp.pegawai))
    berubah = {k: v for k, v in kini.items() if k != "penilai" and getattr(skp, k) != v}
    if skp.penilai_id != penilai.pk:
        berubah["penilai"] = kini["penilai"]
    return berubah


@transaction.atomic
def setujui(
    *, user: AbstractBaseUser, skp: Skp, catatan: str = "", revisi: int | None = None
) -> Skp:
    """The penilai approves. When this is a revision, the version in force becomes Diganti in the
    same transaction (with its own history row) and stays readable."""
    skp = _kunci(user, skp.pk, "setujui", revisi)
    lama = list(
        Skp.objects.select_for_update(of=("self",))
        .filter(pegawai_id=skp.pegawai_id, tahun=skp.tahun, status=StatusSkp.DISETUJUI)
        .exclude(pk=skp.pk)
    )
    for versi_lama in lama:
        _pindah(versi_lama, aksi="ganti", user=user,
                catatan=f"Diganti oleh versi {skp.versi} yang disetujui.")  # fmt: skip
        _ikutkan_tautan_bawahan(skp, versi_lama)
    _pindah(skp, aksi="setujui", user=user, catatan=catatan.strip(),
            **_salin_penilai(skp, pegawai_dari_user(user)))  # fmt: skip
    _bekukan_rhk_atasan(skp)
    _bekukan_butir_perencanaan(skp)
    tandai_dibaca_skp(user=user, skp=skp)
    skp_disetujui.send(sender=Skp, skp=skp, diganti=lama)
    kabari(
        penerima=[skp.pegawai.user],
        skp=skp,
        judul=f"SKP {skp.tahun} Anda disetujui",
        isi=f"SKP tahun {skp.tahun} versi {skp.versi} disetujui oleh {kalimat(skp.penilai_nama)}"
        + (
            f" Versi {', '.join(str(x.versi) for x in lama)} kini berstatus Diganti."
            if lama
            else ""
        ),
    )
    # The signed PDF is rendered once, after the commit and outside the transaction.
    transaction.on_commit(partial(terbitkan_setelah_disetujui, skp.pk))
    return skp


def _bekukan_rhk_atasan(skp: Skp) -> None:
    """Freezes the text of each intervened atasan RHK on the RHK of `skp` being approved: the
    atasan's draft may still change it, but the signed document (issued after this commit from
    the same rows) and the approved page must keep what was agreed. One query to read, one to
    write, however many RHK."""
    daftar = list(
        RencanaHasilKerja.objects.filter(skp=skp, rhk_atasan__isnull=False).select_related(
            "rhk_atasan"
        )
    )
    for r in daftar:
        r.rhk_atasan_uraian = r.rhk_atasan.uraian
    RencanaHasilKerja.objects.bulk_update(daftar, ["rhk_atasan_uraian"])
    naikkan("kinerja")  # bulk writes send no signal (core/versi.py)


def _bekukan_butir_perencanaan(skp: Skp) -> None:
    """As `_bekukan_rhk_atasan`, for a JPT's link to a Renstra/Renja item: a later Renstra upload
    may reword the item, and the approved SKP keeps the text that was agreed (the import's
    preview says so to the admin who makes the change)."""
    daftar = list(
        RencanaHasilKerja.objects.filter(skp=skp)
        .filter(
            Q(indikator_renstra__isnull=False)
            | Q(sasaran_renstra__isnull=False)
            | Q(subkegiatan_renja__isnull=False)
        )
        .select_related("indikator_renstra", "sasaran_renstra", "subkegiatan_renja")
    )
    for r in daftar:
        r.renstra_uraian = r.butir_perencanaan.nama
    RencanaHasilKerja.objects.bulk_update(daftar, ["renstra_uraian"])
    naikkan("kinerja")  # bulk writes send no signal (core/versi.py)


def _ikutkan_tautan_bawahan(skp: Skp, versi_lama: Skp) -> None:
    """The cascade follows the version in force: bawahan RHK that intervened an RHK of the
    replaced version now point at its copy in `skp`, but only in bawahan SKPs still being agreed
    (Draf, Diajukan, Dikembalikan). An approved or replaced bawahan SKP is a signed document and
    keeps pointing at the old RHK, which stays readable in the replaced version; so does an RHK
    removed in the revision, which the bawahan sees and relinks. Each bawahan SKP moved gets its
    `revisi` bumped (its open forms would otherwise write the old link back), a history row and
    a notification."""
    salinan = dict(
        RencanaHasilKerja.objects.filter(skp=skp, asal__skp=versi_lama).values_list("asal_id", "pk")
    )
    if not salinan:
        return
    bawahan = list(
        Skp.objects.select_for_update(of=("self",))
        .select_related("pegawai__user")
        .filter(
            status__in=STATUS_PROSES,
            pk__in=RencanaHasilKerja.objects.filter(rhk_atasan_id__in=salinan).values("skp_id"),
        )
        .exclude(pk=skp.pk)
        .order_by("pk")
    )
    for b in bawahan:
        rhk_bawahan = list(
            RencanaHasilKerja.objects.filter(skp=b, rhk_atasan_id__in=salinan).order_by(
                "-jenis", "urutan"
            )
        )
        for r in rhk_bawahan:
            r.rhk_atasan_id = salinan[r.rhk_atasan_id]
        RencanaHasilKerja.objects.bulk_update(rhk_bawahan, ["rhk_atasan"])
        Skp.objects.filter(pk=b.pk).update(revisi=F("revisi") + 1, diubah=timezone.now())
        naikkan("kinerja")  # bulk writes send no signal (core/versi.py)
        label = ", ".join(r.label for r in rhk_bawahan)
        RiwayatStatus.objects.create(
            skp=b, aksi="tautan_atasan", dari=b.status, ke=b.status, oleh=None,
            catatan=f"RHK {label} kini mengintervensi RHK pimpinan pada SKP {skp.pegawai_nama} "
            f"versi {skp.versi}, yang disetujui menggantikan versi {versi_lama.versi}.",
        )  # fmt: skip
        kabari(
            penerima=[b.pegawai.user],
            skp=b,
            judul=f"Tautan RHK pimpinan pada SKP {b.tahun} Anda diperbarui",
            isi=f"Revisi SKP {skp.tahun} {skp.pegawai_nama} (versi {skp.versi}) telah disetujui. "
            f"RHK {label} pada SKP Anda kini menautkan RHK pimpinan versi {skp.versi} yang "
            "berlaku. Periksa apakah tautan tersebut masih sesuai.",
        )


@transaction.atomic
def buka_revisi(*, user: AbstractBaseUser, skp: Skp, catatan: str = "") -> Skp:
    """Opens a mid-year revision of an approved SKP: a new version, as a draft, with the whole
    content copied (cascade links included). The approved version stays in force until the new
    one is approved."""
    skp = _kunci(user, skp.pk, "buka_revisi", None)
    terbuka = Skp.objects.filter(
        pegawai_id=skp.pegawai_id, tahun=skp.tahun, status__in=STATUS_PROSES
    ).first()
    if terbuka is not None:
        raise StatusTidakSesuai(
            f"Revisi SKP tahun {skp.tahun} sudah dibuka (versi {terbuka.versi}, "
            f"{terbuka.get_status_display().lower()}). Lanjutkan revisi tersebut."
        )
    versi = Skp.objects.filter(pegawai_id=skp.pegawai_id, tahun=skp.tahun).aggregate(
        v=Max("versi")
    )["v"]
    sumber_pk = skp.pk
    baru = Skp.objects.get(pk=sumber_pk)
    baru.pk = None
    baru._state.adding = True
    baru.versi = versi + 1
    baru.status = StatusSkp.DRAF
    baru.revisi = 0
    baru.diajukan_pada = None
    baru.penilai_ditetapkan = None
    # A revision often follows a mutasi or promotion: it starts from who the pegawai and the
    # penilai in force are now, not from the approved version's snapshot.
    if skp.pegawai.jabatan_id:  # without a position now, the old snapshot is the best there is
        for kolom, nilai in identitas_pegawai(skp.pegawai).items():
            setattr(baru, kolom, nilai)
    for kolom, nilai in identitas_penilai(penilai_aktif(baru)).items():
        setattr(baru, kolom, nilai)
    baru.save()
    _salin_isi_lengkap(sumber_pk, baru)
    catatan = catatan.strip()
    RiwayatStatus.objects.create(
        skp=baru,
        aksi="buka_revisi",
        dari="",
        ke=StatusSkp.DRAF,
        oleh=user,
        catatan=f"Revisi dari versi {skp.versi}." + (f" {catatan}" if catatan else ""),
    )
    pemilik = skp.pegawai.user_id == user.pk
    kabari(
        penerima=[_user_penilai(baru) if pemilik else skp.pegawai.user],
        skp=baru,
        judul=f"Revisi SKP {skp.tahun} {skp.pegawai_nama} dibuka (versi {baru.versi})",
        isi="SKP yang disetujui tetap berlaku sampai revisi ini disetujui."
        + (f" Alasan: {catatan}" if catatan else ""),
    )
    return baru


def _salin_isi_lengkap(sumber_pk: int, tujuan: Skp) -> None:
    for p in PerilakuKerja.objects.filter(skp_id=sumber_pk).order_by("urutan"):
        p.pk, p.skp = None, tujuan
        p._state.adding = True
        p.save()
    indikator: list[IndikatorKinerja] = []
    for rhk in RencanaHasilKerja.objects.filter(skp_id=sumber_pk).prefetch_related("indikator"):
        daftar = list(rhk.indikator.all())
        rhk.asal_id = rhk.pk
        rhk.pk, rhk.skp = None, tujuan
        rhk.rhk_atasan_uraian = ""  # a draft follows the live link; frozen again on approval
        rhk.renstra_uraian = ""
        rhk._state.adding = True
        rhk.save()
        for ind in daftar:
            ind.pk, ind.rhk = None, rhk
            ind._state.adding = True
            indikator.append(ind)
    IndikatorKinerja.objects.bulk_create(indikator)
    naikkan("kinerja")  # bulk writes send no signal (core/versi.py)


@transaction.atomic
def alihkan_penilai(
    *, user: AbstractBaseUser, skp: Skp, penilai: Pegawai, catatan: str = ""
) -> Skp:
    """The instansi admin sets who approves a pending SKP (takes precedence over the atasan)."""
    skp = Skp.objects.select_for_update(of=("self",)).select_related("pegawai").get(pk=skp.pk)
    access.require(user, "alihkan_penilai", skp)
    if penilai.pk == skp.pegawai_id:
        raise ValidationError({"penilai": "Pegawai tidak dapat menilai SKP-nya sendiri."})
    if not penilai.aktif or penilai.instansi_id != skp.instansi_id or penilai.user_id is None:
        raise ValidationError(
            {"penilai": "Pilih pegawai aktif dari instansi yang sama yang memiliki akun."}
        )
    lama = _user_penilai(skp)
    skp.penilai_ditetapkan = penilai
    skp.save(update_fields=["penilai_ditetapkan", "diubah"])
    if lama is not None and lama.pk != penilai.user_id:
        # It left the old penilai's inbox: their "menunggu persetujuan" goes with it.
        tandai_dibaca_skp(user=lama, skp=skp)
    RiwayatStatus.objects.create(
        skp=skp,
        aksi="alihkan_penilai",
        dari=skp.status,
        ke=skp.status,
        oleh=user,
        catatan=f"Pejabat penilai dialihkan kepada {kalimat(penilai.nama_lengkap)}"
        + (f" {catatan.strip()}" if catatan.strip() else ""),
    )
    if skp.status == StatusSkp.DIAJUKAN:
        kabari(
            penerima=[penilai.user],
            skp=skp,
            judul=f"SKP {skp.tahun} {skp.pegawai_nama} dialihkan kepada Anda",
            isi="Admin instansi menetapkan Anda sebagai pejabat penilai SKP ini.",
        )
    return skp


@transaction.atomic
def komentar_tandai(*, user: AbstractBaseUser, komentar: Komentar, ditangani: bool) -> Komentar:
    """The pegawai marks a comment addressed (or not) while revising."""
    skp = (
        Skp.objects.select_for_update(of=("self",))
        .select_related("pegawai")
        .get(pk=komentar.skp_id)
    )
    access.require(user, "tandai_komentar", skp)
    komentar = Komentar.objects.get(pk=komentar.pk, skp=skp)
    komentar.ditangani = ditangani
    komentar.ditangani_pada = timezone.now() if ditangani else None
    komentar.save(update_fields=["ditangani", "ditangani_pada"])
    return komentar


@transaction.atomic
def komentar_balas(*, user: AbstractBaseUser, komentar: Komentar, teks: str) -> KomentarBalasan:
    """An answer in a comment's thread, by the pegawai (or the penilai answering back) while
    the SKP is being agreed. It changes nothing of the SKP itself, so no `revisi` is bumped."""
    skp = (
        Skp.objects.select_for_update(of=("self",))
        .select_related("pegawai", "penilai_ditetapkan")
        .get(pk=komentar.skp_id)
    )
    access.require(user, "balas_komentar", skp)
    teks = teks.strip()
    if not teks:
        raise ValidationError({"teks": "Tulis balasan Anda."})
    if len(teks) > MAKS_URAIAN:
        raise ValidationError(
            {"teks": f"Balasan paling banyak {MAKS_URAIAN:,} karakter.".replace(",", ".")}
        )
    if KomentarBalasan.objects.filter(komentar_id=komentar.pk).count() >= MAKS_BALASAN:
        raise ValidationError(
            {
                "teks": f"Komentar ini sudah memiliki {MAKS_BALASAN} balasan, batasnya. "
                "Bicarakan langsung dengan pejabat penilai atau pegawai."
            }
        )
    return KomentarBalasan.objects.create(komentar_id=komentar.pk, teks=teks, oleh=user)
