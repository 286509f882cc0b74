"""Bulk import of units, positions and pegawai from one spreadsheet (one row per pegawai).

Three steps, so the web page can show a preview before anything is written:
`baca_berkas_pegawai` (file -> rows, per-row checks), `rencanakan` (checks across rows and against
the database, and what would change), `terapkan` (one transaction of bulk writes). Any problem
means nothing is written.
"""

import functools
from dataclasses import asdict, dataclass, field
from typing import IO

from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Model

from core.rincian import BARU, DIUBAH, TETAP, BarisRincian, KelompokRincian, Rincian, tanpa_gc
from core.spreadsheet import (
    BerkasTidakTerbaca,
    Masalah,
    baca_berkas,
    masalah_karakter_kendali,
    masalah_kode_contoh,
    masalah_sel_angka,
    tabel_dari_sel,
)
from core.versi import naikkan
from organisasi.akun import PESAN_AKUN_LAIN, Kendali, akun_per_nip, catat_ganti_email
from organisasi.models import (
    Instansi,
    Jabatan,
    JenisJabatan,
    Jenjang,
    Pegawai,
    SaluranUbahAkun,
    UnitKerja,
)
from organisasi.nip import format_nip, masalah_nip, masalah_nip_pns, normalisasi_nip
from organisasi.pangkat import adalah_golongan_pns, baca_golongan
from organisasi.pohon import dalam_siklus

KOLOM_WAJIB = [
    "nip",
    "nama",
    "pangkat_golongan",
    "jenis_jabatan",
    "jabatan",
    "kode_unit",
    "nama_unit",
    "nip_atasan",
]
# jenjang: of a jabatan fungsional (angka kredit); an empty cell leaves the recorded one as it is.
KOLOM_OPSIONAL = ["gelar_depan", "gelar_belakang", "kode_unit_induk", "email", "jenjang"]
# Order of the template's columns, as the issue and README list them.
KOLOM_TEMPLAT = [
    "nip", "nama", "gelar_depan", "gelar_belakang", "pangkat_golongan", "jenis_jabatan",
    "jabatan", "kode_unit", "nama_unit", "kode_unit_induk", "nip_atasan", "email", "jenjang",
]  # fmt: skip
BATCH = 1000


@dataclass
class BarisPegawai:
    nomor: int
    nip: str
    nama: str
    gelar_depan: str
    gelar_belakang: str
    golongan: str
    jenis: str
    jabatan: str
    kode_unit: str
    nama_unit: str
    kode_unit_induk: str
    nip_atasan: str
    email: str
    jenjang: str = ""  # a Jenjang value, or "" (not given: the recorded one stays)


@dataclass
class Hitungan:
    baru: int = 0
    diubah: int = 0
    tetap: int = 0


@dataclass
class Rencana:
    baris: list[BarisPegawai] = field(default_factory=list)
    masalah: list[Masalah] = field(default_factory=list)
    unit: Hitungan = field(default_factory=Hitungan)
    jabatan: Hitungan = field(default_factory=Hitungan)
    pegawai: Hitungan = field(default_factory=Hitungan)
    tidak_disebut: int = 0  # pegawai of the instansi missing from the file: left as they are
    rincian: Rincian = field(default_factory=Rincian)  # row by row, once planned

    @property
    def ada_perubahan(self) -> bool:
        return any(h.baru or h.diubah for h in (self.unit, self.jabatan, self.pegawai))

    def ringkasan(self) -> dict:
        return {
            "unit": asdict(self.unit),
            "jabatan": asdict(self.jabatan),
            "pegawai": asdict(self.pegawai),
            "tidak_disebut": self.tidak_disebut,
            "jumlah_baris": len(self.baris),
            "masalah": [str(m) for m in self.masalah],
            "penting": self.rincian.jumlah_penting,
            "sidik": self.rincian.sidik(),
        }


# ---------------------------------------------------------------- reading


def baca_berkas_pegawai(berkas: IO[bytes], nama_berkas: str, *, maks_bytes: int) -> Rencana:
    """Rows of the first sheet (or the CSV) with every per-row problem found."""
    try:
        sheets = baca_berkas(berkas, nama_berkas, maks_bytes=maks_bytes)
    except BerkasTidakTerbaca as e:
        return Rencana(masalah=[Masalah(str(e))])
    sel = next(iter(sheets.values()), [])
    tabel, masalah = tabel_dari_sel(sel, wajib=KOLOM_WAJIB, opsional=KOLOM_OPSIONAL)
    if masalah:
        return Rencana(masalah=masalah)
    kode = ("kode_unit", "kode_unit_induk")
    # A template example row copied into the data gets that one message, and no other.
    contoh = {b.nomor: m for b in tabel.baris if (m := masalah_kode_contoh(b.nilai, kode, b.nomor))}
    tabel.baris = [b for b in tabel.baris if b.nomor not in contoh]
    masalah_sel = masalah_sel_angka(
        tabel, kolom_nip=("nip", "nip_atasan"), kolom_kode=kode
    ) + masalah_karakter_kendali(tabel, kode)
    rencana = rencana_dari_nilai([(b.nomor, b.nilai) for b in tabel.baris])
    # A cell Excel turned into a number gets that one clear message, not a second one about
    # the digits it happens to read as.
    sudah = {(m.baris, m.kolom) for m in masalah_sel}
    lain = [m for m in rencana.masalah if (m.baris, m.kolom) not in sudah]
    rencana.masalah = sorted([*contoh.values(), *masalah_sel, *lain], key=lambda m: m.baris or 0)
    return rencana


def rencana_dari_nilai(daftar: list[tuple[int, dict[str, str]]]) -> Rencana:
    """Rows from raw cell text keyed by column name, with every per-row problem. Shared by the
    file upload and `seed_demo`, so demo data passes exactly the checks a real file does."""
    rencana = Rencana()
    pertama_nip: dict[str, int] = {}
    for nomor, mentah in daftar:
        v = {k: str(mentah.get(k) or "") for k in KOLOM_TEMPLAT}
        baris = BarisPegawai(
            nomor=nomor,
            nip=normalisasi_nip(v["nip"]),
            nama=" ".join(v["nama"].split()),
            gelar_depan=v["gelar_depan"].strip(),
            gelar_belakang=v["gelar_belakang"].strip(),
            golongan=baca_golongan(v["pangkat_golongan"]) or "",
            jenis=_baca_jenis(v["jenis_jabatan"]),
            jabatan=" ".join(v["jabatan"].split()),
            kode_unit=v["kode_unit"].strip(),
            nama_unit=" ".join(v["nama_unit"].split()),
            kode_unit_induk=v["kode_unit_induk"].strip(),
            nip_atasan=normalisasi_nip(v["nip_atasan"]),
            email=v["email"].strip().lower(),
            jenjang=Jenjang.baca(v["jenjang"]) or "",
        )
        rencana.masalah += _periksa_baris(baris, v)
        if baris.nip in pertama_nip:
            rencana.masalah.append(
                Masalah(
                    f"NIP {baris.nip} sudah ada di baris {pertama_nip[baris.nip]}.", nomor, "nip"
                )
            )
        elif baris.nip:
            pertama_nip[baris.nip] = nomor
        rencana.baris.append(baris)
    return rencana


def _baca_jenis(teks: str) -> str:
    nilai = teks.strip().lower()
    for jenis in JenisJabatan:
        if nilai in (jenis.value, jenis.label.lower()):
            return jenis.value
    if nilai in ("jabatan pimpinan tinggi", "pimpinan tinggi"):
        return JenisJabatan.JPT
    return ""


def _periksa_baris(b: BarisPegawai, asli: dict[str, str]) -> list[Masalah]:
    masalah = []
    for kolom in (
        "nip",
        "nama",
        "pangkat_golongan",
        "jenis_jabatan",
        "jabatan",
        "kode_unit",
        "nama_unit",
    ):
        if not asli[kolom].strip():
            masalah.append(Masalah("wajib diisi.", b.nomor, kolom))
    if b.nip and (alasan := masalah_nip(b.nip)):
        masalah.append(Masalah(f"NIP {asli['nip'].strip()} tidak sah: {alasan}", b.nomor, "nip"))
    elif b.nip and adalah_golongan_pns(b.golongan) and (alasan := masalah_nip_pns(b.nip)):
        masalah.append(Masalah(f"NIP {asli['nip'].strip()} tidak sah: {alasan}", b.nomor, "nip"))
    if asli["pangkat_golongan"].strip() and not b.golongan:
        masalah.append(
            Masalah(
                f"pangkat/golongan '{asli['pangkat_golongan'].strip()}' tidak dikenal "
                "(contoh yang benar: III/a, Penata Muda, atau IX untuk PPPK).",
                b.nomor,
                "pangkat_golongan",
            )
        )
    if asli["jenis_jabatan"].strip() and not b.jenis:
        pilihan = ", ".join(j.label for j in JenisJabatan)
        masalah.append(
            Masalah(
                f"jenis jabatan '{asli['jenis_jabatan'].strip()}' tidak dikenal (pilih: {pilihan}).",
                b.nomor,
                "jenis_jabatan",
            )
        )
    if asli["jenjang"].strip():
        if not b.jenjang:
            pilihan = ", ".join(j.label for j in Jenjang)
            masalah.append(
                Masalah(
                    f"jenjang '{asli['jenjang'].strip()}' tidak dikenal (pilih: {pilihan}).",
                    b.nomor,
                    "jenjang",
                )
            )
        elif b.jenis and b.jenis != JenisJabatan.FUNGSIONAL:
            masalah.append(
                Masalah(
                    "jenjang hanya diisi untuk jabatan fungsional (jenis jabatan baris ini: "
                    f"{JenisJabatan(b.jenis).label}); kosongkan kolom jenjang.",
                    b.nomor,
                    "jenjang",
                )
            )
    if b.nip_atasan:
        if alasan := masalah_nip(b.nip_atasan):
            masalah.append(Masalah(f"NIP atasan tidak sah: {alasan}", b.nomor, "nip_atasan"))
        elif b.nip_atasan == b.nip:
            masalah.append(
                Masalah(
                    "pegawai tidak boleh menjadi atasan dirinya sendiri.", b.nomor, "nip_atasan"
                )
            )
    if b.email:
        try:
            validate_email(b.email)
        except ValidationError:
            masalah.append(Masalah(f"alamat email '{b.email}' tidak sah.", b.nomor, "email"))
    if b.kode_unit_induk and b.kode_unit_induk == b.kode_unit:
        masalah.append(
            Masalah("unit tidak boleh menjadi induk dirinya sendiri.", b.nomor, "kode_unit_induk")
        )
    for kolom, batas in panjang_kolom().items():
        if len(getattr(b, kolom)) > batas:
            masalah.append(
                Masalah(f"terlalu panjang (paling banyak {batas} karakter).", b.nomor, kolom)
            )
    return masalah


@functools.cache
def panjang_kolom() -> dict[str, int]:
    """The length limit of every text column, from the model fields its value is written to:
    PostgreSQL refuses a longer value at apply time (SQLite does not check), so the preview
    must. The NIP columns are checked as 18 digits, golongan and jenis against their choices."""
    User = get_user_model()

    def panjang(model: type[Model], nama: str) -> int:
        return model._meta.get_field(nama).max_length

    return {
        "nama": panjang(Pegawai, "nama"),
        "gelar_depan": panjang(Pegawai, "gelar_depan"),
        "gelar_belakang": panjang(Pegawai, "gelar_belakang"),
        "email": min(panjang(Pegawai, "email"), panjang(User, User.get_email_field_name())),
        "jabatan": panjang(Jabatan, "nama"),
        "kode_unit": panjang(UnitKerja, "kode"),
        "kode_unit_induk": panjang(UnitKerja, "kode"),
        "nama_unit": panjang(UnitKerja, "nama"),
    }


# ---------------------------------------------------------------- planning


def rencanakan(instansi: Instansi, rencana: Rencana) -> Rencana:
    """Checks that need all rows and the database, then counts what would change.
    Reads the instansi's whole organisation in a handful of queries, never one per row."""
    if rencana.masalah:
        return rencana
    baris = rencana.baris
    unit_db = {
        u.kode: u for u in UnitKerja.objects.filter(instansi=instansi).select_related("induk")
    }
    nip_file = {b.nip for b in baris}
    nip_dirujuk = {b.nip_atasan for b in baris if b.nip_atasan}
    pegawai_db = {
        p.nip: p
        for p in Pegawai.objects.filter(nip__in=nip_file | nip_dirujuk).select_related(
            "jabatan__unit_kerja", "jabatan__atasan__pemangku", "instansi"
        )
    }
    rencana.masalah += _periksa_unit(baris, unit_db)
    milik_lain = {
        b.nip for b in baris if b.nip in pegawai_db and pegawai_db[b.nip].instansi_id != instansi.pk
    }
    akun = akun_per_nip(
        {b.nip: pegawai_db.get(b.nip) for b in baris if b.nip not in milik_lain},
        instansi_id=instansi.pk,
    )
    for b in baris:
        # Neither message names the instansi or the login: that is not this admin's to know.
        if b.nip in milik_lain:
            rencana.masalah.append(
                Masalah(
                    "NIP ini sudah terdaftar di instansi lain. Hubungi admin aplikasi.",
                    b.nomor,
                    "nip",
                )
            )
        elif akun[b.nip][1] is Kendali.TOLAK:
            rencana.masalah.append(Masalah(PESAN_AKUN_LAIN, b.nomor, "nip"))
        if b.nip_atasan and b.nip_atasan not in nip_file:
            atasan = pegawai_db.get(b.nip_atasan)
            if atasan is None or atasan.instansi_id != instansi.pk:
                rencana.masalah.append(
                    Masalah(
                        f"NIP atasan {b.nip_atasan} tidak ada di berkas maupun di data instansi ini.",
                        b.nomor,
                        "nip_atasan",
                    )
                )
            elif atasan.jabatan_id is None:
                rencana.masalah.append(
                    Masalah(f"atasan {b.nip_atasan} belum memiliki jabatan.", b.nomor, "nip_atasan")
                )
    rencana.masalah += _periksa_siklus_atasan(instansi, baris)
    if rencana.masalah:
        return rencana
    puncak_db = {
        j.pemangku.nip: j.pemangku.nama_lengkap
        for j in Jabatan.objects.filter(
            instansi=instansi, atasan__isnull=True, pemangku__isnull=False
        ).select_related("pemangku")
    }
    _hitung_perubahan(rencana, unit_db, pegawai_db, puncak_db)
    rencana.tidak_disebut = (
        Pegawai.objects.filter(instansi=instansi, aktif=True).exclude(nip__in=nip_file).count()
    )
    return rencana


def _periksa_unit(baris: list[BarisPegawai], unit_db: dict[str, UnitKerja]) -> list[Masalah]:
    masalah = []
    unit_file: dict[str, BarisPegawai] = {}
    for b in baris:
        if not b.kode_unit:
            continue
        pertama = unit_file.setdefault(b.kode_unit, b)
        if pertama is not b:
            if pertama.nama_unit != b.nama_unit:
                masalah.append(
                    Masalah(
                        f"unit {b.kode_unit} bernama '{pertama.nama_unit}' di baris {pertama.nomor}; "
                        "satu kode unit harus satu nama.",
                        b.nomor,
                        "nama_unit",
                    )
                )
            if pertama.kode_unit_induk != b.kode_unit_induk:
                masalah.append(
                    Masalah(
                        f"unit {b.kode_unit} berinduk '{pertama.kode_unit_induk or '-'}' di baris "
                        f"{pertama.nomor}; satu unit hanya punya satu induk.",
                        b.nomor,
                        "kode_unit_induk",
                    )
                )
    for b in unit_file.values():
        if (
            b.kode_unit_induk
            and b.kode_unit_induk not in unit_file
            and b.kode_unit_induk not in unit_db
        ):
            masalah.append(
                Masalah(
                    f"kode unit induk {b.kode_unit_induk} tidak dikenal.",
                    b.nomor,
                    "kode_unit_induk",
                )
            )
    induk = {k: u.induk.kode for k, u in unit_db.items() if u.induk} | {
        k: b.kode_unit_induk for k, b in unit_file.items()
    }
    for kode, b in unit_file.items():
        if dalam_siklus(kode, induk):
            masalah.append(
                Masalah(
                    f"susunan unit induk membentuk lingkaran di unit {kode}.",
                    b.nomor,
                    "kode_unit_induk",
                )
            )
    return masalah


def _periksa_siklus_atasan(instansi: Instansi, baris: list[BarisPegawai]) -> list[Masalah]:
    """A cycle in the atasan chain, in the position tree as it would be after the import: a
    position is named by its holder's NIP, a vacant one by its id (a cycle may pass through
    a vacant position the file does not mention)."""
    jabatan = list(
        Jabatan.objects.filter(instansi=instansi).values_list("id", "atasan_id", "pemangku__nip")
    )
    nama = {j: nip or f"jabatan {j}" for j, _, nip in jabatan}
    atasan = {nama[j]: nama.get(a, f"jabatan {a}") for j, a, _ in jabatan if a is not None}
    atasan |= {b.nip: b.nip_atasan for b in baris if b.nip}
    return [
        Masalah(
            f"rantai atasan membentuk lingkaran (NIP {b.nip_atasan} kembali ke pegawai ini).",
            b.nomor,
            "nip_atasan",
        )
        for b in baris
        if b.nip and dalam_siklus(b.nip, atasan)
    ]


@tanpa_gc()
def _hitung_perubahan(
    rencana: Rencana,
    unit_db: dict[str, UnitKerja],
    pegawai_db: dict[str, Pegawai],
    puncak_db: dict[str, str],
) -> None:
    """Every row of the file as created, changed (field: old -> new) or left alone, per level,
    with the counts; renames and moves are marked as needing the admin's acknowledgement."""
    nama_orang = {nip: p.nama_lengkap for nip, p in pegawai_db.items()} | {
        b.nip: _nama_lengkap(b) for b in rencana.baris
    }
    nama_unit = {k: u.nama for k, u in unit_db.items()} | {
        b.kode_unit: b.nama_unit for b in rencana.baris
    }
    puncak_baru = [b for b in rencana.baris if not b.nip_atasan]
    unit = KelompokRincian("unit", "Unit kerja")
    jabatan = KelompokRincian("jabatan", "Jabatan")
    pegawai = KelompokRincian("pegawai", "Pegawai")
    unit_dilihat: set[str] = set()
    for b in rencana.baris:
        if b.kode_unit not in unit_dilihat:
            unit_dilihat.add(b.kode_unit)
            unit.baris.append(_rincian_unit(b, unit_db.get(b.kode_unit), nama_unit))
        p = pegawai_db.get(b.nip)
        pegawai.baris.append(_rincian_pegawai(b, p))
        baris_jabatan = _rincian_jabatan(b, p, nama_orang, nama_unit)
        if not b.nip_atasan and b.nip not in puncak_db:
            # A second head with no atasan has no pejabat penilai (issue 12: the template's
            # example added a second "Kepala Dinas Kesehatan" this way).
            lain = [nama for nip, nama in puncak_db.items() if nip != b.nip]
            lain += [nama_orang[x.nip] for x in puncak_baru if x.nip != b.nip]
            if lain:
                baris_jabatan.penting = _gabung(
                    baris_jabatan.penting,
                    f"{nama_orang[b.nip]} tidak punya atasan (nip_atasan kosong), padahal "
                    f"{', '.join(dict.fromkeys(lain))} sudah menjadi pimpinan tertinggi: ia tidak "
                    "akan punya pejabat penilai. Isi nip_atasan bila ia bukan pimpinan tertinggi.",
                )
        jabatan.baris.append(baris_jabatan)
    for kelompok, hitungan in ((unit, rencana.unit), (jabatan, rencana.jabatan),
                               (pegawai, rencana.pegawai)):  # fmt: skip
        hitungan.baru, hitungan.diubah = kelompok.jumlah(BARU), kelompok.jumlah(DIUBAH)
        hitungan.tetap = kelompok.jumlah(TETAP)
        kelompok.urutkan()
    rencana.rincian = Rincian([unit, jabatan, pegawai])


def _gabung(*kalimat: str) -> str:
    return " ".join(k for k in kalimat if k)


def _nama_lengkap(b: BarisPegawai) -> str:
    nama = f"{b.gelar_depan} {b.nama}".strip()
    return f"{nama}, {b.gelar_belakang}" if b.gelar_belakang else nama


def _label_unit(kode: str, nama_unit: dict[str, str]) -> str:
    return f"{kode} {nama_unit.get(kode, '')}".strip() if kode else ""


def _label_orang(nip: str, nama_orang: dict[str, str]) -> str:
    return f"{nama_orang.get(nip, '')} ({format_nip(nip)})".strip() if nip else ""


def _rincian_unit(b: BarisPegawai, u: UnitKerja | None, nama_unit: dict[str, str]) -> BarisRincian:
    induk_baru = _label_unit(b.kode_unit_induk, nama_unit)
    if u is None:
        medan = [("Unit induk", "", induk_baru)] if b.kode_unit_induk else []
        return BarisRincian(BARU, b.kode_unit, b.nama_unit, medan)
    medan, penting = [], []
    if u.nama != b.nama_unit:
        medan.append(("Nama unit", u.nama, b.nama_unit))
        penting.append(
            f"Unit {b.kode_unit} akan diganti namanya dari “{u.nama}” menjadi “{b.nama_unit}”; "
            "semua jabatan dan pegawainya ikut memakai nama baru."
        )
    kode_induk = u.induk.kode if u.induk else ""
    if kode_induk != b.kode_unit_induk:
        lama = f"{u.induk.kode} {u.induk.nama}" if u.induk else ""
        medan.append(("Unit induk", lama, induk_baru))
        penting.append(
            f"Unit {b.kode_unit} dipindah ke bawah "
            + (f"unit {induk_baru}." if induk_baru else "tanpa unit induk (menjadi OPD).")
        )
    if not medan:
        return BarisRincian(TETAP, b.kode_unit, b.nama_unit)
    penting.append("SKP yang sudah disetujui tetap memuat nama unit saat disetujui.")
    return BarisRincian(DIUBAH, b.kode_unit, b.nama_unit, medan, " ".join(penting))


def _rincian_jabatan(
    b: BarisPegawai, p: Pegawai | None, nama_orang: dict[str, str], nama_unit: dict[str, str]
) -> BarisRincian:
    kunci, nama = format_nip(b.nip), f"{b.jabatan} — {nama_orang[b.nip]}"
    atasan_baru = _label_orang(b.nip_atasan, nama_orang) or "(tanpa atasan)"
    if p is None or p.jabatan is None:
        medan = [
            ("Jenis jabatan", "", JenisJabatan(b.jenis).label),
            ("Unit kerja", "", _label_unit(b.kode_unit, nama_unit)),
            ("Atasan", "", atasan_baru),
        ]
        return BarisRincian(BARU, kunci, nama, medan)
    j = p.jabatan
    pemangku_atasan = j.atasan.pemangku if j.atasan and hasattr(j.atasan, "pemangku") else None
    atasan_lama = pemangku_atasan.nip if pemangku_atasan else ""
    medan = []
    if j.nama != b.jabatan:
        medan.append(("Nama jabatan", j.nama, b.jabatan))
    if j.jenis != b.jenis:
        medan.append(("Jenis jabatan", j.get_jenis_display(), JenisJabatan(b.jenis).label))
    if j.unit_kerja.kode != b.kode_unit:
        lama = f"{j.unit_kerja.kode} {j.unit_kerja.nama}"
        medan.append(("Unit kerja", lama, _label_unit(b.kode_unit, nama_unit)))
    jenjang_baru = _jenjang_baru(j.jenjang, b)
    if j.jenjang != jenjang_baru:
        medan.append(("Jenjang", Jenjang(j.jenjang).label if j.jenjang else "",
                      Jenjang(jenjang_baru).label if jenjang_baru else ""))  # fmt: skip
    if atasan_lama != b.nip_atasan:
        # The old atasan by the name the database holds: they need not be in the file.
        lama = (
            _label_orang(atasan_lama, {atasan_lama: pemangku_atasan.nama_lengkap})
            if pemangku_atasan
            else "(tanpa atasan atau lowong)"
        )
        medan.append(("Atasan", lama, atasan_baru))
    if not medan:
        return BarisRincian(TETAP, kunci, nama)
    pindah = [m[0].lower() for m in medan if m[0] not in ("Jenis jabatan", "Jenjang")]
    penting = (
        f"{nama_orang[b.nip]} pindah posisi ({', '.join(pindah)} berubah). SKP yang sudah "
        "disetujui tetap memuat jabatan, unit, dan pejabat penilai saat disetujui."
        if pindah
        else ""
    )
    return BarisRincian(DIUBAH, kunci, nama, medan, penting)


def _rincian_pegawai(b: BarisPegawai, p: Pegawai | None) -> BarisRincian:
    kunci, nama = format_nip(b.nip), _nama_lengkap(b)
    if p is None:
        medan = [("Pangkat/golongan", "", b.golongan)]
        medan += [("Email", "", b.email)] if b.email else []
        return BarisRincian(BARU, kunci, nama, medan)
    medan = [
        (label, lama, baru)
        for label, lama, baru in (
            ("Nama", p.nama, b.nama),
            ("Gelar depan", p.gelar_depan, b.gelar_depan),
            ("Gelar belakang", p.gelar_belakang, b.gelar_belakang),
            ("Pangkat/golongan", p.golongan, b.golongan),
            ("Email", p.email, b.email),
            ("Status", "Aktif" if p.aktif else "Nonaktif", "Aktif"),
        )
        if lama != baru
    ]
    if not medan:
        return BarisRincian(TETAP, kunci, nama)
    penting = (
        f"NIP {kunci} tercatat atas nama “{p.nama}”, berkas menyebut “{b.nama}”: pastikan NIP "
        "benar, karena data pegawai yang tercatat itulah yang akan diubah."
        if p.nama != b.nama
        else ""
    )
    return BarisRincian(DIUBAH, kunci, nama, medan, penting)


def _pegawai_berubah(p: Pegawai, b: BarisPegawai) -> bool:
    return (p.nama, p.gelar_depan, p.gelar_belakang, p.golongan, p.email, p.aktif) != (
        b.nama, b.gelar_depan, b.gelar_belakang, b.golongan, b.email, True
    )  # fmt: skip


def _jenjang_baru(lama: str, b: BarisPegawai) -> str:
    """The file's jenjang; an empty cell keeps the recorded one, unless the position is no longer
    fungsional (only a fungsional position has a jenjang)."""
    if b.jenis != JenisJabatan.FUNGSIONAL:
        return ""
    return b.jenjang or lama


# ---------------------------------------------------------------- writing


@transaction.atomic
def terapkan(instansi: Instansi, rencana: Rencana, *, oleh: AbstractBaseUser | None = None) -> None:
    """Writes the plan in bulk. Call only with a plan from `rencanakan` that has no problems.

    New units and positions are created level by level, parents first, so each row is inserted
    with its parent already known: a bulk_update of 20,000 parent links afterwards costs far more.
    """
    if rencana.masalah:
        raise ValueError("Rencana impor yang bermasalah tidak boleh diterapkan.")
    baris = rencana.baris
    unit = _tulis_unit(instansi, baris)
    pegawai = {
        p.nip: p
        for p in Pegawai.objects.filter(
            nip__in={b.nip for b in baris} | {b.nip_atasan for b in baris if b.nip_atasan}
        ).select_related("jabatan")
    }
    user = _tulis_user(instansi, baris, pegawai, oleh)
    jabatan = _tulis_jabatan(instansi, baris, unit, pegawai)
    _tulis_pegawai(instansi, baris, pegawai, jabatan, user)
    # Bulk writes send no signals: answers kept from the old organisation go (core/versi.py).
    naikkan("organisasi")


def _per_tingkat(kunci: dict[str, str]) -> list[list[str]]:
    """Keys grouped by depth in a parent map (key -> parent key; a parent not in the map is a root)."""
    kedalaman: dict[str, int] = {}

    for awal in kunci:
        jalur, k = [], awal
        while k in kunci and k not in kedalaman:
            jalur.append(k)
            k = kunci[k]
        d = kedalaman.get(k, -1)  # -1: k is a root outside the map
        for x in reversed(jalur):
            d += 1
            kedalaman[x] = d
    tingkat: list[list[str]] = [[] for _ in range(max(kedalaman.values(), default=-1) + 1)]
    for k, d in kedalaman.items():
        tingkat[d].append(k)
    return tingkat


def _tulis_unit(instansi: Instansi, baris: list[BarisPegawai]) -> dict[str, UnitKerja]:
    unit = {u.kode: u for u in UnitKerja.objects.filter(instansi=instansi)}
    per_kode = {b.kode_unit: b for b in baris}
    induk_baru = {k: b.kode_unit_induk for k, b in per_kode.items() if k not in unit}
    for tingkat in _per_tingkat(induk_baru):
        baru = [
            UnitKerja(
                instansi=instansi,
                kode=k,
                nama=per_kode[k].nama_unit,
                induk=unit[per_kode[k].kode_unit_induk] if per_kode[k].kode_unit_induk else None,
            )
            for k in tingkat
        ]
        unit |= {u.kode: u for u in UnitKerja.objects.bulk_create(baru, batch_size=BATCH)}
    diubah = []
    for kode, b in per_kode.items():
        u = unit[kode]
        induk_id = unit[b.kode_unit_induk].pk if b.kode_unit_induk else None
        if (u.nama, u.induk_id) != (b.nama_unit, induk_id):
            u.nama, u.induk_id = b.nama_unit, induk_id
            diubah.append(u)
    UnitKerja.objects.bulk_update(diubah, ["nama", "induk"], batch_size=BATCH)
    return unit


def _tulis_user(
    instansi: Instansi,
    baris: list[BarisPegawai],
    pegawai: dict[str, Pegawai],
    oleh: AbstractBaseUser | None,
) -> dict[str, int]:
    """The login (its id) of each row's pegawai, under the rule of `organisasi.akun.kendali_akun`:
    logins the instansi manages take the file's email and become active again (the pegawai is
    active once listed), as `selaraskan_akun` does for one pegawai; a login with rights of its
    own is left as it is; pegawai without one get a new login (username = NIP) with no usable
    password until they set one."""
    User = get_user_model()
    akun = akun_per_nip({b.nip: pegawai.get(b.nip) for b in baris}, instansi_id=instansi.pk)
    hasil: dict[str, int] = {}
    diubah, email_lama = [], []
    for b in baris:
        a, kendali = akun[b.nip]
        if kendali is Kendali.TOLAK:  # `rencanakan` refuses these rows first
            raise ValueError(f"NIP {b.nip}: {PESAN_AKUN_LAIN}")
        if a is None:
            continue
        hasil[b.nip] = a.pk
        if kendali is Kendali.KELOLA and (a.email, a.is_active) != (b.email, True):
            u = User(pk=a.pk, username=a.username, email=b.email, is_active=True)
            diubah.append(u)
            email_lama.append((u, a.email))
    User.objects.bulk_update(diubah, ["email", "is_active"], batch_size=BATCH)
    catat_ganti_email(email_lama, oleh=oleh, melalui=SaluranUbahAkun.IMPOR)
    tanpa_sandi = make_password(None)  # an unusable marker; one value serves every new login
    baru = [
        User(username=b.nip, email=b.email, password=tanpa_sandi)
        for b in baris
        if b.nip not in hasil
    ]
    hasil |= {u.username: u.pk for u in User.objects.bulk_create(baru, batch_size=BATCH)}
    return hasil


def _tulis_jabatan(
    instansi: Instansi,
    baris: list[BarisPegawai],
    unit: dict[str, UnitKerja],
    pegawai: dict[str, Pegawai],
) -> dict[str, Jabatan]:
    """The position of each row's pegawai (by NIP): existing ones updated, new ones created."""
    jabatan = {nip: p.jabatan for nip, p in pegawai.items() if p.jabatan is not None}
    per_nip = {b.nip: b for b in baris}
    atasan_baru = {b.nip: b.nip_atasan for b in baris if b.nip not in jabatan}
    for tingkat in _per_tingkat(atasan_baru):
        baru = []
        for nip in tingkat:
            b = per_nip[nip]
            baru.append(
                Jabatan(
                    instansi=instansi,
                    unit_kerja=unit[b.kode_unit],
                    nama=b.jabatan,
                    jenis=b.jenis,
                    atasan=jabatan[b.nip_atasan] if b.nip_atasan else None,
                    jenjang=_jenjang_baru("", b),
                )
            )
        Jabatan.objects.bulk_create(baru, batch_size=BATCH)
        jabatan |= dict(zip(tingkat, baru, strict=True))
    diubah = []
    for b in baris:
        j = jabatan[b.nip]
        nilai = (
            b.jabatan,
            b.jenis,
            unit[b.kode_unit].pk,
            jabatan[b.nip_atasan].pk if b.nip_atasan else None,
            _jenjang_baru(j.jenjang, b),
        )
        if (j.nama, j.jenis, j.unit_kerja_id, j.atasan_id, j.jenjang) != nilai:
            j.nama, j.jenis, j.unit_kerja_id, j.atasan_id, j.jenjang = nilai
            diubah.append(j)
    Jabatan.objects.bulk_update(
        diubah, ["nama", "jenis", "unit_kerja", "atasan", "jenjang"], batch_size=BATCH
    )
    return jabatan


def _tulis_pegawai(
    instansi: Instansi,
    baris: list[BarisPegawai],
    pegawai: dict[str, Pegawai],
    jabatan: dict[str, Jabatan],
    user: dict[str, int],
) -> None:
    baru, diubah = [], []
    for b in baris:
        p = pegawai.get(b.nip)
        if p is None:
            baru.append(
                Pegawai(
                    instansi=instansi,
                    nip=b.nip,
                    nama=b.nama,
                    gelar_depan=b.gelar_depan,
                    gelar_belakang=b.gelar_belakang,
                    golongan=b.golongan,
                    email=b.email,
                    user_id=user[b.nip],
                    jabatan=jabatan[b.nip],
                    aktif=True,
                )  # fmt: skip
            )
        elif _pegawai_berubah(p, b) or p.user_id is None or p.jabatan_id != jabatan[b.nip].pk:
            p.nama, p.gelar_depan, p.gelar_belakang = b.nama, b.gelar_depan, b.gelar_belakang
            p.golongan, p.email, p.aktif = b.golongan, b.email, True
            p.user_id = p.user_id or user[b.nip]
            p.jabatan_id = jabatan[b.nip].pk
            diubah.append(p)
    Pegawai.objects.bulk_create(baru, batch_size=BATCH)
    Pegawai.objects.bulk_update(
        diubah,
        ["nama", "gelar_depan", "gelar_belakang", "golongan", "email", "aktif", "user", "jabatan"],
        batch_size=BATCH,
    )


def impor_pegawai(
    *,
    instansi: Instansi,
    berkas: IO[bytes],
    nama_berkas: str,
    maks_bytes: int,
    dry_run: bool = False,
) -> Rencana:
    """Read, check and (unless dry_run or there are problems) write, for the command line."""
    rencana = rencanakan(instansi, baca_berkas_pegawai(berkas, nama_berkas, maks_bytes=maks_bytes))
    if not rencana.masalah and not dry_run and rencana.ada_perubahan:
        terapkan(instansi, rencana)
    return rencana
