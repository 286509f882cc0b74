"""Writes of the SKP audit (Audit SKP Tahunan): drawing a sample, recording a finding.

A sample is reproducible: the approved SKPs of the instansi and year are grouped by the unit
kerja of the pegawai's position, each group ordered by pk, the groups by unit pk (no unit last),
and drawn with one random.Random(seed) in that order (`tarik`). The same seed over the same data
draws the same SKPs; the seed is recorded (generated when none is given). The form's token makes
a double click draw one sample."""

import math
import random
import secrets
from collections import defaultdict

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from monitoring import access_audit
from monitoring.models import ButirAudit, RiwayatButirAudit, SampelAudit, TemuanAudit
from organisasi.models import Instansi
from skp.models import Skp, StatusSkp

MAKS_UKURAN = 50  # SKPs per unit kerja
MAKS_SEED = 10**15
TANPA_UNIT = "Tanpa unit kerja"
PESAN_BASI = (
    "Temuan SKP ini baru saja diubah oleh pemeriksa lain. Muat ulang halaman, periksa temuan "
    "terakhir, lalu simpan lagi bila perlu."
)


def _nama(user: AbstractBaseUser) -> str:
    pegawai = getattr(user, "pegawai", None)
    return pegawai.nama_lengkap if pegawai is not None else user.get_username()


def seed_baru() -> int:
    return secrets.randbelow(MAKS_SEED)


def tarik(
    populasi: list[tuple[int, int | None, str]],
    seed: int,
    *,
    ukuran: int | None,
    persen: int | None,
) -> list[tuple[int, int | None, str]]:
    """The sample of (skp pk, unit pk, unit name) rows: per unit `ukuran` SKPs (all when the unit
    has fewer) or `persen`% of them rounded up, drawn with random.Random(seed)."""
    per_unit: dict[int | None, list[int]] = defaultdict(list)
    nama: dict[int | None, str] = {}
    for pk, unit_id, unit_nama in populasi:
        per_unit[unit_id].append(pk)
        nama[unit_id] = unit_nama or TANPA_UNIT
    acak = random.Random(seed)
    hasil = []
    for unit_id in sorted(per_unit, key=lambda u: (u is None, u or 0)):
        pks = sorted(per_unit[unit_id])
        k = ukuran if ukuran is not None else math.ceil(len(pks) * persen / 100)
        for pk in sorted(acak.sample(pks, min(max(k, 1), len(pks)))):
            hasil.append((pk, unit_id, nama[unit_id]))
    return hasil


def populasi(instansi: Instansi, tahun: int) -> list[tuple[int, int | None, str]]:
    """The approved SKPs (the version in force) of the instansi and year, with their unit."""
    return list(
        Skp.objects.filter(instansi=instansi, tahun=tahun, status=StatusSkp.DISETUJUI)
        .order_by("pk")
        .values_list("pk", "pegawai__jabatan__unit_kerja_id", "pegawai__jabatan__unit_kerja__nama")
    )


def _periksa_ukuran(ukuran: int | None, persen: int | None) -> None:
    if (ukuran is None) == (persen is None):
        raise ValidationError(
            {"ukuran": "Isi salah satu: jumlah SKP per unit kerja atau persentase per unit kerja."}
        )
    if ukuran is not None and not 1 <= ukuran <= MAKS_UKURAN:
        raise ValidationError(
            {"ukuran": f"Jumlah sampel per unit kerja harus 1 sampai {MAKS_UKURAN} SKP."}
        )
    if persen is not None and not 1 <= persen <= 100:
        raise ValidationError({"persen": "Persentase sampel harus 1 sampai 100."})


def sampel_ambil(
    *,
    user: AbstractBaseUser,
    instansi: Instansi,
    tahun: int,
    token: str,
    ukuran: int | None = None,
    persen: int | None = None,
    seed: int | None = None,
) -> SampelAudit:
    """Draws and records a sample; the same token again returns the sample it drew."""
    access_audit.require_auditor(user, instansi)
    ada = SampelAudit.objects.filter(instansi=instansi, token=token).first()
    if ada is not None:
        return ada
    _periksa_ukuran(ukuran, persen)
    if seed is not None and not 0 <= seed < MAKS_SEED:
        raise ValidationError({"seed": f"Seed harus bilangan bulat 0 sampai {MAKS_SEED - 1}."})
    baris = populasi(instansi, tahun)
    if not baris:
        raise ValidationError(
            {"tahun": f"Belum ada SKP tahun {tahun} yang disetujui di {instansi.nama}: tidak ada "
                      "yang dapat diambil sampelnya."}
        )  # fmt: skip
    seed = seed_baru() if seed is None else seed
    terpilih = tarik(baris, seed, ukuran=ukuran, persen=persen)
    try:
        with transaction.atomic():
            sampel = SampelAudit.objects.create(
                instansi=instansi, tahun=tahun, seed=seed, ukuran=ukuran, persen=persen,
                jumlah_populasi=len(baris), token=token, dibuat_oleh=user,
                dibuat_oleh_nama=_nama(user),
            )  # fmt: skip
            ButirAudit.objects.bulk_create(
                ButirAudit(sampel=sampel, skp_id=pk, unit_id=unit_id, unit_nama=unit_nama, urutan=i)
                for i, (pk, unit_id, unit_nama) in enumerate(terpilih, start=1)
            )
    except IntegrityError:  # the same form, sent twice at once: the other request drew it
        return SampelAudit.objects.get(instansi=instansi, token=token)
    return sampel


@transaction.atomic
def butir_periksa(
    *, user: AbstractBaseUser, butir: ButirAudit, temuan: str, catatan: str, revisi: int | None
) -> ButirAudit:
    """Records the auditor's finding on one sampled SKP, with a history row."""
    butir = ButirAudit.objects.select_for_update().select_related("sampel").get(pk=butir.pk)
    if not access_audit.boleh_audit(user, butir.sampel.instansi):
        raise PermissionDenied(access_audit.PESAN_BUKAN_AUDITOR)
    catatan = catatan.strip()
    if temuan not in (TemuanAudit.SESUAI, TemuanAudit.PERLU_PERBAIKAN):
        raise ValidationError({"temuan": "Pilih temuan: Sesuai atau Perlu perbaikan."})
    if temuan == TemuanAudit.PERLU_PERBAIKAN and not catatan:
        raise ValidationError({"catatan": "Tuliskan apa yang perlu diperbaiki."})
    if butir.temuan == temuan and butir.catatan == catatan:
        return butir  # the same form sent again: nothing changed
    if revisi is not None and revisi != butir.revisi:
        raise ValidationError(PESAN_BASI)
    RiwayatButirAudit.objects.create(
        butir=butir, dari=butir.temuan, ke=temuan, catatan=catatan, oleh=user, oleh_nama=_nama(user)
    )
    butir.temuan = temuan
    butir.catatan = catatan
    butir.diperiksa_oleh = user
    butir.diperiksa_oleh_nama = _nama(user)
    butir.diperiksa_pada = timezone.now()
    butir.revisi += 1
    butir.save()
    return butir
