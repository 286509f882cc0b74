"""Many bawahan for the Penilaian Bawahan tests: pelaksana under pemeran.atasan, each with an
approved SKP, and their evaluation of a period filled as a pegawai and a penilai would."""

from datetime import datetime
from decimal import Decimal

from organisasi.models import JenisJabatan, Pegawai
from penilaian.models import BuktiDukung, PenilaianPeriodik, Periode, Realisasi
from penilaian.services import alur
from skp.berakhlak import BERAKHLAK
from skp.models import (
    IndikatorKinerja,
    JenisFormulir,
    PerilakuKerja,
    RencanaHasilKerja,
    RiwayatStatus,
    Skp,
    StatusSkp,
)
from tests.factories import JabatanFactory, PegawaiFactory
from tests.penilaian.conftest import WIB, beri_umpan_balik_lengkap

# (aspek, indikator, target, batas atas, satuan, realisasi)
INDIKATOR = [
    ("kuantitas", "Jumlah laporan surveilans mingguan", 13, None, "laporan", 13),
    ("kualitas", "Kelengkapan laporan puskesmas", 90, 100, "%", Decimal("85.5")),
    ("waktu", "Rekap selesai setelah minggu berakhir", 2, None, "hari", 2),
]


def tambah_bawahan(pemeran, jumlah: int, tahun: int = 2026, awal: int = 0) -> list[Pegawai]:
    """`jumlah` pelaksana in the atasan's seksi, each with an SKP of `tahun` approved on 15
    January as the approval leaves it (identity snapshots, two RHK linked to nothing with the
    three aspects, the seven BerAKHLAK rows, the "setujui" history row). Made directly: the
    approval service per pegawai would make the query-count tests slow, not more real."""
    atasan = pemeran.atasan
    seksi = atasan.jabatan.unit_kerja
    hasil = []
    for n in range(awal, awal + jumlah):
        jabatan = JabatanFactory(
            unit_kerja=seksi, nama=f"Pengelola Data {n + 1}", jenis=JenisJabatan.PELAKSANA,
            atasan=atasan.jabatan,
        )  # fmt: skip
        pegawai = PegawaiFactory(nama=f"Bawahan {n + 1:02d}", jabatan=jabatan)
        skp_disetujui_untuk(pegawai, atasan, tahun)
        hasil.append(pegawai)
    return hasil


def skp_disetujui_untuk(
    pegawai: Pegawai, penilai: Pegawai, tahun: int = 2026, versi: int = 1,
    disetujui: datetime | None = None,
) -> Skp:  # fmt: skip
    """An SKP of `pegawai` for their current position, approved by `penilai` (on 15 January
    unless `disetujui`), as the approval leaves it."""
    jabatan = pegawai.jabatan
    skp = Skp.objects.create(
        pegawai=pegawai, instansi=pegawai.instansi, tahun=tahun, versi=versi,
        status=StatusSkp.DISETUJUI,
        jenis_formulir=JenisFormulir.ADMINISTRASI, penilai=penilai,
        pegawai_nama=pegawai.nama_lengkap, pegawai_nip=pegawai.nip,
        pegawai_pangkat=pegawai.pangkat_golongan, pegawai_jabatan=jabatan.nama,
        pegawai_unit_kerja=jabatan.unit_kerja.nama, instansi_nama=pegawai.instansi.nama,
        penilai_nama=penilai.nama_lengkap, penilai_nip=penilai.nip,
        penilai_pangkat=penilai.pangkat_golongan, penilai_jabatan=penilai.jabatan.nama,
        penilai_unit_kerja=penilai.jabatan.unit_kerja.nama,
    )  # fmt: skip
    PerilakuKerja.objects.bulk_create(
        PerilakuKerja(skp=skp, urutan=i, nilai_inti=nilai, panduan="\n".join(panduan))
        for i, (nilai, panduan) in enumerate(BERAKHLAK, start=1)
    )
    for urutan in (1, 2):
        rhk = RencanaHasilKerja.objects.create(
            skp=skp, jenis="utama", urutan=urutan,
            uraian=f"Tersedianya rekap data imunisasi desa bagian {urutan}",
        )  # fmt: skip
        IndikatorKinerja.objects.bulk_create(
            IndikatorKinerja(rhk=rhk, aspek=a, uraian=u, target_min=t, target_maks=m, satuan=s)
            for a, u, t, m, s, _ in INDIKATOR
        )
    RiwayatStatus.objects.create(
        skp=skp, aksi="setujui", dari=StatusSkp.DIAJUKAN, ke=StatusSkp.DISETUJUI,
        oleh=penilai.user, waktu=disetujui or datetime(tahun, 1, 15, 9, tzinfo=WIB),
    )  # fmt: skip
    return skp


def isi_penilaian(pegawai: Pegawai, periode: Periode, penilai: Pegawai) -> PenilaianPeriodik:
    """The pegawai fills every indicator and links one bukti dukung per RHK, sends it, and the
    penilai writes umpan balik on the hasil kerja and the perilaku: ready to be rated."""
    p = alur.pastikan_penilaian(pegawai=pegawai, periode=periode)
    for rhk in p.skp.rhk.all():
        for ind, (*_, realisasi) in zip(rhk.indikator.order_by("pk"), INDIKATOR, strict=True):
            Realisasi.objects.create(penilaian=p, indikator=ind, nilai=Decimal(realisasi))
        BuktiDukung.objects.create(
            penilaian=p, rhk=rhk, tautan=f"https://drive.example.go.id/rekap/{p.pk}/{rhk.pk}"
        )
    p = alur.kirim(user=pegawai.user, penilaian=p)
    beri_umpan_balik_lengkap(p, penilai)
    return PenilaianPeriodik.objects.get(pk=p.pk)
