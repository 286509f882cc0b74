"""`skp.access.pegawai_dalam_rantai` (the chain of atasan worked out in Python) against the rule
it replaced, written as one SQL condition of nested EXISTS joins (kept here as the oracle), on
random position trees with vacancies, inactive holders, people without a position, Plt/Plh in
force, expired and future, and people acting in their own superior position."""

import random
from datetime import timedelta
from itertools import combinations

import pytest
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from organisasi.models import Jabatan, Pegawai, PenugasanSementara
from organisasi.selectors import jabatan_dipegang
from skp.access import KEDALAMAN_RANTAI, pegawai_dalam_rantai
from tests.factories import InstansiFactory, JabatanFactory, PegawaiFactory, UnitKerjaFactory


def _terisi_sql(jalur: str) -> Q:
    hari_ini = timezone.localdate()
    pemegang = Pegawai.objects.filter(jabatan_id=OuterRef(jalur), aktif=True)
    plt = PenugasanSementara.objects.filter(
        jabatan_id=OuterRef(jalur), mulai__lte=hari_ini, selesai__gte=hari_ini, pegawai__aktif=True
    )
    return Q(Exists(pemegang.exclude(pk=OuterRef("pk")))) | Q(
        Exists(plt.exclude(pegawai_id=OuterRef("pk")))
    )


def _rantai_sql(jabatan: list[int]) -> set[int]:
    """The former rule: first or second filled position above, within four, is in `jabatan`."""
    if not jabatan:
        return set()
    naik = ["jabatan__" + "atasan__" * k + "atasan_id" for k in range(KEDALAMAN_RANTAI)]
    terisi = [_terisi_sql(j) for j in naik]
    syarat = Q(pk__in=[])
    for k, jalur in enumerate(naik):
        di_sini = Q(**{f"{jalur}__in": jabatan})
        for a, b in combinations(range(k), 2):
            di_sini &= ~(terisi[a] & terisi[b])
        syarat |= di_sini
    return set(Pegawai.objects.filter(syarat).values_list("pk", flat=True))


def _pohon_acak(rng: random.Random, ukuran: int) -> list[Pegawai]:
    instansi = InstansiFactory()
    unit = UnitKerjaFactory(instansi=instansi)
    jabatan: list[Jabatan] = []
    for n in range(ukuran):
        atasan = rng.choice(jabatan[: max(1, n)]) if jabatan else None
        jabatan.append(JabatanFactory(unit_kerja=unit, atasan=atasan))
    pegawai = []
    for j in jabatan:
        if rng.random() < 0.25:  # vacant
            continue
        p = PegawaiFactory(jabatan=j, instansi=instansi)
        if rng.random() < 0.1:
            Pegawai.objects.filter(pk=p.pk).update(aktif=False)
        pegawai.append(p)
    for p in rng.sample(pegawai, len(pegawai) // 10):  # moved out of any position
        Pegawai.objects.filter(pk=p.pk).update(jabatan=None)
    hari_ini = timezone.localdate()
    for _ in range(ukuran // 3):
        j, p = rng.choice(jabatan), rng.choice(pegawai)
        mulai = hari_ini + timedelta(days=rng.choice([-30, -1, 0, 5]))
        selesai = mulai + timedelta(days=rng.choice([0, 2, 60]))
        PenugasanSementara.objects.bulk_create(
            [PenugasanSementara(jabatan=j, pegawai=p, jenis="plt", mulai=mulai, selesai=selesai)]
        )
    for p in rng.sample(pegawai, len(pegawai) // 8):  # Plt of their own superior position
        p.refresh_from_db()
        if p.jabatan_id and p.jabatan.atasan_id:
            PenugasanSementara.objects.bulk_create(
                [
                    PenugasanSementara(
                        jabatan_id=p.jabatan.atasan_id,
                        pegawai=p,
                        jenis="plh",
                        mulai=hari_ini,
                        selesai=hari_ini + timedelta(days=7),
                    )
                ]
            )
    return list(Pegawai.objects.all())


@pytest.mark.parametrize("benih", range(6))
def test_rantai_sama_dengan_aturan_sql_lama(db, benih):
    rng = random.Random(benih)
    orang = _pohon_acak(rng, ukuran=40)
    for p in orang:
        jabatan = jabatan_dipegang(p)
        assert set(pegawai_dalam_rantai(jabatan)) == _rantai_sql(jabatan), (benih, p.pk)
