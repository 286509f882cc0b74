"""The umpan balik blocks of a page: one per RHK, per BerAKHLAK value and for the hasil kerja as
a whole, each with its threads and what the viewer may do in them. Shared by the evaluation page
and the colleagues' page (templates/penilaian/_umpan_balik.html#blok renders one)."""

from dataclasses import dataclass, field

from django.contrib.auth.models import AbstractBaseUser
from django.http import Http404

from organisasi.models import Pegawai
from penilaian import access
from penilaian.forms import UmpanBalikForm
from penilaian.models import JenisUmpanBalik, UmpanBalik
from penilaian.services.umpan_balik import label_pemberi
from skp.models import IndikatorKinerja, PerilakuKerja, RencanaHasilKerja

UMUM = "umum"


@dataclass
class Galat:
    """A form sent with errors, to show again in its place with what was typed."""

    jenis: str  # baru, ubah, balas
    form: UmpanBalikForm
    blok: str = ""
    umpan_balik_id: int | None = None


@dataclass
class Blok:
    id: str
    judul: str  # said to screen readers after "Tulis umpan balik": "RHK Utama 1", "Akuntabel"
    jenis: str
    url_tulis: str = ""
    rhk: RencanaHasilKerja | None = None
    perilaku: PerilakuKerja | None = None
    daftar: list[UmpanBalik] = field(default_factory=list)
    # Indicators the feedback may be about instead of the whole RHK: ("indikator-12", "...").
    pilihan: list[tuple[str, str]] = field(default_factory=list)
    form: UmpanBalikForm | None = None
    # Why an edit or reply sent from this block was refused when its form is no longer shown.
    galat: list[str] = field(default_factory=list)

    @property
    def boleh_tulis(self) -> bool:
        return bool(self.url_tulis)

    @property
    def id_baru(self) -> str:
        return f"baru-{self.id}"


def id_blok_rhk(rhk_id: int) -> str:
    return f"rhk-{rhk_id}"


def id_blok_perilaku(urutan: int) -> str:
    return f"perilaku-{urutan}"


def id_blok(ub: UmpanBalik, blok: dict[str, Blok]) -> str:
    """The block a thread belongs to on this page (an RHK not on it: the hasil kerja block)."""
    if ub.jenis == JenisUmpanBalik.PERILAKU:
        return id_blok_perilaku(ub.perilaku.urutan)
    kunci = id_blok_rhk(ub.rhk_id) if ub.rhk_id else UMUM
    return kunci if kunci in blok else UMUM


def blok_hasil_kerja(rhk_list: list[RencanaHasilKerja], url_tulis: str) -> list[Blok]:
    daftar = []
    for rhk in rhk_list:
        pilihan = [
            (f"indikator-{ind.pk}", f"{ind.get_aspek_display() or 'Indikator'}: {ind.uraian}")
            for ind in rhk.indikator.all()
        ]
        daftar.append(
            Blok(
                id_blok_rhk(rhk.pk),
                f"RHK {rhk.label}",
                JenisUmpanBalik.HASIL_KERJA,
                url_tulis,
                rhk=rhk,
                pilihan=pilihan,
            )  # fmt: skip
        )
    return daftar


def blok_perilaku(perilaku: list[PerilakuKerja], url_tulis: str) -> list[Blok]:
    return [
        Blok(
            id_blok_perilaku(p.urutan),
            p.nilai_inti,
            JenisUmpanBalik.PERILAKU,
            url_tulis,
            perilaku=p,
        )  # fmt: skip
        for p in perilaku
    ]


def isi_blok(
    user: AbstractBaseUser,
    pegawai: Pegawai,
    blok: list[Blok],
    daftar: list[UmpanBalik],
    *,
    final: bool,
    galat: Galat | None = None,
) -> dict[str, Blok]:
    """Puts each thread in its block and says on each message what `user` may do with it:
    `boleh_ubah`, `boleh_balas`, and the form sent with errors (`form_ubah`, `form_balas`)."""
    hasil = {b.id: b for b in blok}
    tempat: dict[int, str] = {}  # message -> its block, for a refusal without a form to show in
    for ub in daftar:
        _siapkan(user, ub, final, galat)
        ub.sasaran_label = (
            f"{ub.indikator.get_aspek_display() or 'Indikator'}: {ub.indikator.uraian}"
            if ub.indikator_id
            else ""
        )
        ub.balasan_list = list(ub.balasan.all())
        # The giver is offered "Balas" once the pegawai has answered (it is a dialogue).
        ub.boleh_balas = access.boleh_balas_umpan_balik(user, ub, pegawai) and (
            user.pk == pegawai.user_id or bool(ub.balasan_list)
        )
        ub.form_balas = _form_galat(galat, "balas", ub.pk)
        for b in ub.balasan_list:
            _siapkan(user, b, final, galat)
        kunci = id_blok(ub, hasil)
        if kunci in hasil:
            hasil[kunci].daftar.append(ub)
            tempat.update(dict.fromkeys([ub.pk, *(b.pk for b in ub.balasan_list)], kunci))
    if galat is not None and galat.jenis == "baru" and galat.blok in hasil:
        hasil[galat.blok].form = galat.form
    elif galat is not None and galat.umpan_balik_id in tempat:
        b = hasil[tempat[galat.umpan_balik_id]]
        pesan = next(
            u for a in b.daftar for u in (a, *a.balasan_list) if u.pk == galat.umpan_balik_id
        )
        if not (pesan.boleh_ubah if galat.jenis == "ubah" else pesan.boleh_balas):
            b.galat = [m for daftar in galat.form.errors.values() for m in daftar]
    return hasil


def _siapkan(user: AbstractBaseUser, ub: UmpanBalik, final: bool, galat: Galat | None) -> None:
    ub.label = label_pemberi(ub)
    ub.boleh_ubah = access.boleh_ubah_umpan_balik(user, ub, final)
    ub.form_ubah = _form_galat(galat, "ubah", ub.pk)
    ub.id_ubah, ub.id_balas = f"ubah-{ub.pk}", f"balas-{ub.pk}"


def _form_galat(galat: Galat | None, jenis: str, pk: int) -> UmpanBalikForm | None:
    if galat is not None and galat.jenis == jenis and galat.umpan_balik_id == pk:
        return galat.form
    return None


@dataclass
class Sasaran:
    jenis: str
    rhk: RencanaHasilKerja | None = None
    indikator: IndikatorKinerja | None = None
    perilaku: PerilakuKerja | None = None


def sasaran_dari(blok: dict[str, Blok], blok_id: str, pilihan: str) -> Sasaran:
    """What a new feedback sent from block `blok_id` is about (404 for a block or indicator
    that is not on the page: a tampered form)."""
    b = blok.get(blok_id)
    if b is None:
        raise Http404("Bagian umpan balik tidak dikenal.")
    if b.perilaku is not None:
        return Sasaran(JenisUmpanBalik.PERILAKU, perilaku=b.perilaku)
    if b.rhk is None:
        return Sasaran(JenisUmpanBalik.HASIL_KERJA)
    if pilihan:
        for ind in b.rhk.indikator.all():
            if pilihan == f"indikator-{ind.pk}":
                return Sasaran(JenisUmpanBalik.HASIL_KERJA, rhk=b.rhk, indikator=ind)
        raise Http404("Indikator tidak dikenal.")
    return Sasaran(JenisUmpanBalik.HASIL_KERJA, rhk=b.rhk)
