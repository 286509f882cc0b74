"""The distribution rules (penilaian.distribusi): the worked numbers of domain.md, every capaian
for unit sizes 1 to 40 under both roundings, and a brute-force check against the table written
out independently below."""

import random
from fractions import Fraction

import pytest

from penilaian.distribusi import (
    ATURAN,
    PALING_BANYAK,
    PALING_SEDIKIT,
    PUNCAK,
    URUTAN_KURVA,
    CapaianOrganisasi,
    Pembulatan,
    baca_capaian,
    baca_predikat,
    bulatkan,
    kalimat_pembulatan,
    periksa,
)
from penilaian.kuadran import Predikat

SB, B, BP, K, SK = (Predikat.SANGAT_BAIK, Predikat.BAIK, Predikat.BUTUH_PERBAIKAN,
                    Predikat.KURANG, Predikat.SANGAT_KURANG)  # fmt: skip
C = CapaianOrganisasi
BAWAH_ATAS, BIASA = Pembulatan.BAWAH_ATAS, Pembulatan.BIASA
UKURAN = range(1, 41)


# --- the table, written out again without the module: the oracle -----------------------------


def _paling_banyak(persen: int, n: int, pembulatan: str) -> int:
    if pembulatan == BIASA:
        return (2 * persen * n + 100) // 200  # half up, integers only
    return persen * n // 100


def _paling_sedikit(persen: int, n: int, pembulatan: str) -> int:
    if pembulatan == BIASA:
        return (2 * persen * n + 100) // 200
    return -(-persen * n // 100)


def cocok_menurut_tabel(capaian: str, n: int, c: dict, pembulatan: str) -> bool:
    banyak = lambda p: _paling_banyak(p, n, pembulatan)  # noqa: E731
    sedikit = lambda p: _paling_sedikit(p, n, pembulatan)  # noqa: E731
    if capaian == C.ISTIMEWA:
        return c[SB] <= banyak(70)
    if capaian == C.BAIK:
        return c[B] <= banyak(70) and c[BP] + c[K] >= 1
    if capaian == C.BUTUH_PERBAIKAN:
        return c[BP] >= sedikit(60) and c[SB] <= banyak(10)
    if capaian == C.KURANG:
        return c[K] >= sedikit(60) and c[BP] >= sedikit(10) and c[SB] <= banyak(10)
    return c[SK] >= sedikit(60) and c[K] + c[BP] >= sedikit(10) and c[SB] == 0


def komposisi(n: int, bagian: int = 5):
    """Every way to split n pegawai over the five predikat."""
    if bagian == 1:
        yield (n,)
        return
    for pertama in range(n + 1):
        for sisa in komposisi(n - pertama, bagian - 1):
            yield (pertama, *sisa)


def pola(angka: tuple[int, ...]) -> dict:
    return dict(zip(URUTAN_KURVA, angka, strict=True))


# --- worked numbers ----------------------------------------------------------------------------


def test_tujuh_puluh_persen_dari_tujuh_menjadi_4_bawah_atas_dan_5_biasa():
    assert periksa(C.BAIK, 7).rentang[B].maksimum == 4
    assert periksa(C.BAIK, 7, pembulatan=BIASA).rentang[B].maksimum == 5
    batas = periksa(C.BAIK, 7).batas_aturan[0]
    assert batas.nilai == Fraction(49, 10) and batas.batas == 4
    assert batas.penjelasan == (
        "Paling banyak 70% Baik: 70% × 7 = 4,9, dibulatkan ke bawah menjadi 4 pegawai."
    )
    assert (
        periksa(C.BAIK, 7, pembulatan=BIASA)
        .batas_aturan[0]
        .penjelasan.endswith("dibulatkan ke atas menjadi 5 pegawai.")
    )


def test_baik_tujuh_perlu_paling_sedikit_satu_butuh_perbaikan_atau_kurang():
    hasil = periksa(C.BAIK, 7)
    assert {k: (r.minimum, r.maksimum) for k, r in hasil.rentang_kelompok.items()} == {
        (BP, K): (1, 7)
    }
    # each of the two alone may be 0: the other can carry the rule
    assert (hasil.rentang[BP].minimum, hasil.rentang[K].minimum) == (0, 0)
    assert hasil.rentang[SB].maksimum == 6 and hasil.rentang[SK].maksimum == 6


def test_pola_contoh_isu_sesuai_dan_tujuh_baik_tidak():
    sesuai = periksa(C.BAIK, 7, {"sangat_baik": 1, "baik": 4, "butuh_perbaikan": 2})
    assert sesuai.sesuai is True and sesuai.alasan == ()
    semua_baik = periksa(C.BAIK, 7, {"baik": 7})
    assert semua_baik.sesuai is False
    assert semua_baik.alasan == (
        "Baik 7 pegawai, melebihi batas paling banyak 4 (paling banyak 70% Baik: 70% × 7 = "
        "4,9, dibulatkan ke bawah menjadi 4 pegawai).",
        "Butuh Perbaikan atau Kurang/Misconduct 0 pegawai, kurang dari batas paling sedikit 1 "
        "(harus ada paling sedikit satu pegawai Butuh Perbaikan atau Kurang/Misconduct).",
    )
    # one changed to Butuh Perbaikan is still one Baik too many under bawah-atas...
    enam = periksa(C.BAIK, 7, {"baik": 6, "butuh_perbaikan": 1})
    assert enam.sesuai is False and len(enam.alasan) == 1
    # ... and fits with ordinary rounding only at 5
    assert periksa(C.BAIK, 7, {"baik": 5, "kurang": 2}, BIASA).sesuai is True
    assert periksa(C.BAIK, 7, {"baik": 5, "kurang": 2}).sesuai is False


def test_rentang_tiap_capaian_untuk_sepuluh_pegawai():
    def rentang(capaian):
        return {p.label: str(r) for p, r in periksa(capaian, 10).rentang.items()}

    assert rentang(C.ISTIMEWA) == {"Sangat Kurang": "0–10", "Kurang/Misconduct": "0–10",
                                   "Butuh Perbaikan": "0–10", "Baik": "0–10", "Sangat Baik": "0–7"}  # fmt: skip
    assert rentang(C.BUTUH_PERBAIKAN) == {"Sangat Kurang": "0–4", "Kurang/Misconduct": "0–4",
                                          "Butuh Perbaikan": "6–10", "Baik": "0–4", "Sangat Baik": "0–1"}  # fmt: skip
    assert rentang(C.KURANG) == {"Sangat Kurang": "0–3", "Kurang/Misconduct": "6–9",
                                 "Butuh Perbaikan": "1–4", "Baik": "0–3", "Sangat Baik": "0–1"}  # fmt: skip
    assert rentang(C.SANGAT_KURANG) == {"Sangat Kurang": "6–9", "Kurang/Misconduct": "0–4",
                                        "Butuh Perbaikan": "0–4", "Baik": "0–3", "Sangat Baik": "0"}  # fmt: skip


def test_sangat_kurang_tidak_membolehkan_sangat_baik_sama_sekali():
    hasil = periksa(C.SANGAT_KURANG, 10, {"sangat_kurang": 7, "kurang": 2, "sangat_baik": 1})
    assert hasil.sesuai is False
    assert hasil.alasan[0].startswith("Sangat Baik 1 pegawai, melebihi batas paling banyak 0")
    assert "tidak ada Sangat Baik" in hasil.alasan[0]


def test_pembulatan_dinyatakan_dalam_kalimat():
    assert "dibulatkan ke bawah" in kalimat_pembulatan(BAWAH_ATAS)
    assert "4,9, menjadi 4 pegawai" in kalimat_pembulatan(BAWAH_ATAS)
    assert "setengah ke atas" in kalimat_pembulatan(BIASA)
    assert "4,9, menjadi 5 pegawai" in kalimat_pembulatan(BIASA)
    assert periksa(C.BAIK, 3, pembulatan=BIASA).kalimat_pembulatan == kalimat_pembulatan(BIASA)


def test_pembulatan_setengah_dan_bilangan_bulat():
    setengah = Fraction(1, 2)  # 10% of 5
    assert bulatkan(setengah, PALING_BANYAK, BAWAH_ATAS) == 0
    assert bulatkan(setengah, PALING_SEDIKIT, BAWAH_ATAS) == 1
    assert bulatkan(setengah, PALING_BANYAK, BIASA) == 1
    assert bulatkan(Fraction(42, 10), PALING_SEDIKIT, BAWAH_ATAS) == 5  # 60% of 7
    assert bulatkan(Fraction(42, 10), PALING_SEDIKIT, BIASA) == 4
    assert bulatkan(Fraction(7), PALING_SEDIKIT, BAWAH_ATAS) == 7  # 70% of 10: no rounding
    with pytest.raises(ValueError):
        bulatkan(setengah, PALING_BANYAK, "ke-atas")


def test_satu_pegawai_di_bawah_baik_dijelaskan_tidak_dipaksakan():
    hasil = periksa(C.BAIK, 1)
    assert hasil.mustahil is True
    assert hasil.penjelasan_mustahil[0] == (
        "Untuk unit berisi 1 pegawai, aturan capaian Baik tidak menyisakan tempat bagi predikat "
        "Baik sama sekali (paling banyak 70% Baik: 70% × 1 = 0,7, dibulatkan ke bawah menjadi 0 "
        "pegawai), padahal sebagian besar pegawai semestinya berpredikat Baik."
    )
    assert "tidak memaksakannya" in hasil.penjelasan_mustahil[1]
    # explained, not enforced: the one pattern the rules allow still counts as fitting
    assert periksa(C.BAIK, 1, {"butuh_perbaikan": 1}).sesuai is True
    # with ordinary rounding 70% of 1 is 1, but the required Butuh Perbaikan/Kurang takes it
    biasa = periksa(C.BAIK, 1, pembulatan=BIASA)
    assert (
        biasa.mustahil and "harus ada paling sedikit satu pegawai" in biasa.penjelasan_mustahil[0]
    )


def test_unit_terlalu_kecil_untuk_batas_paling_sedikit():
    hasil = periksa(C.KURANG, 2, {"kurang": 2})
    assert hasil.mustahil is True
    assert hasil.penjelasan_mustahil[0] == (
        "Untuk unit berisi 2 pegawai, tidak ada pola yang dapat memenuhi semua aturan capaian "
        "Kurang: batas paling sedikit (2 Kurang/Misconduct, 1 Butuh Perbaikan) berjumlah 3 "
        "pegawai, lebih dari 2."
    )
    assert hasil.sesuai is False and hasil.alasan  # no pattern of 2 fits
    assert periksa(C.KURANG, 3).mustahil is False


def test_sebagian_dinilai_masih_mungkin_atau_sudah_tidak():
    # 10 pegawai under Kurang: 5 rated, 5 left: 6 Kurang/Misconduct and 1 Butuh Perbaikan still possible
    masih = periksa(C.KURANG, 10, {"kurang": 5})
    assert masih.sesuai is None and masih.masih_mungkin and masih.belum_dinilai == 5
    # 4 Baik rated: the 6 left cannot give the 7 required below
    tidak = periksa(C.KURANG, 10, {"baik": 4})
    assert tidak.sesuai is None and not tidak.masih_mungkin
    assert tidak.alasan == (
        "Batas paling sedikit yang belum terpenuhi memerlukan 7 pegawai lagi, lebih dari 6 "
        "pegawai yang belum dinilai.",
    )
    # 5 Baik of 7 under Baik: already above the maximum whatever comes next
    lewat = periksa(C.BAIK, 7, {"baik": 5})
    assert lewat.alasan[0].startswith("Baik 5 pegawai, melebihi batas paling banyak 4")
    # a minimum that the rest cannot reach any more, named with what is left
    kurang = periksa(C.BUTUH_PERBAIKAN, 10, {"baik": 5})
    assert kurang.alasan == (
        "Butuh Perbaikan 0 pegawai, kurang dari batas paling sedikit 6 (paling sedikit 60% "
        "Butuh Perbaikan: 60% × 10 = 6 pegawai), dan 5 pegawai yang belum dinilai tidak cukup "
        "menutupinya.",
    )


@pytest.mark.parametrize(
    ("argumen", "pesan"),
    [
        ((C.BAIK, 0), "Jumlah pegawai harus bilangan bulat 1 sampai 10.000."),
        ((C.BAIK, 10_001), "Jumlah pegawai harus bilangan bulat 1 sampai 10.000."),
        ((C.BAIK, 7, {"baik": -1}), "Jumlah Baik harus bilangan bulat 0 atau lebih."),
        ((C.BAIK, 7, {"baik": 8}), "Jumlah predikat (8) melebihi jumlah pegawai unit (7)."),
        ((C.BAIK, 7, {"luar biasa": 1}), "Predikat tidak dikenal: luar biasa."),
        (("cukup", 7), "Capaian kinerja organisasi tidak dikenal: cukup."),
        ((C.BAIK, 7, None, "ke-atas"), "Aturan pembulatan tidak dikenal: ke-atas."),
    ],
)
def test_masukan_salah_ditolak_dengan_pesan(argumen, pesan):
    with pytest.raises(ValueError) as e:
        periksa(*argumen)
    assert str(e.value) == pesan


def test_nama_capaian_dan_predikat_tidak_peka_huruf():
    assert baca_capaian("butuh PERBAIKAN") == C.BUTUH_PERBAIKAN
    assert baca_capaian("sangat_kurang") == C.SANGAT_KURANG
    assert baca_capaian("Cukup") is None
    assert baca_predikat("Kurang") == baca_predikat("kurang/misconduct") == K
    assert baca_predikat(" sangat  baik ") == SB
    assert baca_predikat("baik sekali") is None


def test_teks_pola_dan_ringkasan():
    hasil = periksa(C.SANGAT_KURANG, 10)
    assert hasil.uraian_pola == (
        "paling sedikit 60% Sangat Kurang; paling sedikit 10% Kurang/Misconduct atau Butuh "
        "Perbaikan (jumlah keduanya); tidak ada Sangat Baik; sisanya Baik."
    )
    ringkas = periksa(C.BAIK, 7, {"baik": 7}).ringkasan
    assert ringkas.startswith("Capaian kinerja organisasi Baik, unit berisi 7 pegawai.")
    assert "Baik 7 (boleh 0–4), di luar batas" in ringkas and "Pola TIDAK sesuai" in ringkas


# --- every capaian, sizes 1 to 40, both roundings -----------------------------------------------


@pytest.mark.parametrize("pembulatan", [BAWAH_ATAS, BIASA])
@pytest.mark.parametrize("capaian", list(C))
def test_sifat_rentang_untuk_1_sampai_40_pegawai(capaian, pembulatan):
    sebelumnya = None
    for n in UKURAN:
        hasil = periksa(capaian, n, pembulatan=pembulatan)
        semua = list(hasil.rentang.values()) + list(hasil.rentang_kelompok.values())
        assert all(0 <= r.minimum <= r.maksimum <= n for r in semua), (capaian, n)
        for b in hasil.batas_aturan:
            if b.nilai is None:
                continue
            if pembulatan == BIASA:
                assert abs(b.batas - b.nilai) <= Fraction(1, 2)
            elif b.jenis == PALING_BANYAK:  # never more than the percentage allows
                assert b.batas <= b.nilai < b.batas + 1
            else:  # never fewer than the percentage requires
                assert b.batas - 1 < b.nilai <= b.batas
        if hasil.mustahil:
            assert hasil.penjelasan_mustahil
        else:  # a sensible unit leaves room for the capaian's own predikat
            assert hasil.rentang[PUNCAK[capaian]].maksimum > 0
        if sebelumnya is not None:  # a bigger unit never has a smaller limit
            for lama, baru in zip(sebelumnya.batas_aturan, hasil.batas_aturan, strict=True):
                assert baru.batas >= lama.batas, (capaian, n)
        sebelumnya = hasil


@pytest.mark.parametrize("capaian", list(C))
def test_bawah_atas_tidak_pernah_lebih_longgar_dari_biasa(capaian):
    for n in UKURAN:
        ketat = periksa(capaian, n).batas_aturan
        longgar = periksa(capaian, n, pembulatan=BIASA).batas_aturan
        for a, b in zip(ketat, longgar, strict=True):
            if a.jenis == PALING_BANYAK:
                assert a.batas <= b.batas
            else:
                assert a.batas >= b.batas


@pytest.mark.parametrize(
    ("capaian", "pembulatan", "ukuran_mustahil"),
    [
        (C.ISTIMEWA, BAWAH_ATAS, {1}),  # 70% of 1 rounds down to no Sangat Baik at all
        (C.BAIK, BAWAH_ATAS, {1}),
        (C.BUTUH_PERBAIKAN, BAWAH_ATAS, set()),
        (C.KURANG, BAWAH_ATAS, {1, 2}),  # 60% Kurang + 10% Butuh Perbaikan, each rounded up
        (C.SANGAT_KURANG, BAWAH_ATAS, {1, 2}),
        (C.ISTIMEWA, BIASA, set()),
        (C.BAIK, BIASA, {1}),  # the required Butuh Perbaikan/Kurang leaves no Baik
        (C.BUTUH_PERBAIKAN, BIASA, set()),
        (C.KURANG, BIASA, set()),
        (C.SANGAT_KURANG, BIASA, set()),
    ],
)
def test_unit_yang_terlalu_kecil_tepat_yang_dijelaskan(capaian, pembulatan, ukuran_mustahil):
    ditemukan = {n for n in UKURAN if periksa(capaian, n, pembulatan=pembulatan).mustahil}
    assert ditemukan == ukuran_mustahil
    for n in ditemukan:
        assert periksa(capaian, n, pembulatan=pembulatan).penjelasan_mustahil


@pytest.mark.parametrize("pembulatan", [BAWAH_ATAS, BIASA])
@pytest.mark.parametrize("capaian", list(C))
def test_pola_acak_sesuai_menurut_tabel_hingga_40_pegawai(capaian, pembulatan):
    acak = random.Random(f"{capaian}-{pembulatan}")
    for n in UKURAN:
        hasil_rentang = periksa(capaian, n, pembulatan=pembulatan)
        contoh = [tuple(r.minimum for r in hasil_rentang.rentang.values())]
        for _ in range(25):
            potong = sorted(acak.randint(0, n) for _ in range(4))
            contoh.append(tuple(b - a for a, b in zip([0, *potong], [*potong, n], strict=True)))
        for angka in contoh:
            if sum(angka) != n:
                continue
            c = pola(angka)
            hasil = periksa(capaian, n, c, pembulatan)
            assert hasil.sesuai == cocok_menurut_tabel(capaian, n, c, pembulatan), (n, angka)
            assert hasil.sesuai == (not hasil.alasan)
            # every predikat outside its range is a pattern that does not fit
            if any(not b.dalam_rentang for b in hasil.baris):
                assert hasil.sesuai is False


@pytest.mark.parametrize("pembulatan", [BAWAH_ATAS, BIASA])
@pytest.mark.parametrize("capaian", list(C))
def test_rentang_tepat_menurut_semua_pola_hingga_9_pegawai(capaian, pembulatan):
    """Brute force: the range of each predikat is exactly the smallest and largest count among
    all patterns that fit, and a unit with no fitting pattern is explained."""
    for n in range(1, 10):
        hasil = periksa(capaian, n, pembulatan=pembulatan)
        cocok = []
        for angka in komposisi(n):
            c = pola(angka)
            ok = cocok_menurut_tabel(capaian, n, c, pembulatan)
            assert periksa(capaian, n, c, pembulatan).sesuai is ok
            if ok:
                cocok.append(c)
        if not cocok:
            assert hasil.mustahil, (capaian, n)
            continue
        for p in URUTAN_KURVA:
            nilai = [c[p] for c in cocok]
            r = hasil.rentang[p]
            assert (r.minimum, r.maksimum) == (min(nilai), max(nilai)), (capaian, n, p)
        for kelompok, r in hasil.rentang_kelompok.items():
            nilai = [sum(c[p] for p in kelompok) for c in cocok]
            assert (r.minimum, r.maksimum) == (min(nilai), max(nilai))


def test_aturan_setiap_capaian_sesuai_tabel_domain():
    uraian = {c: [a.uraian for a in ATURAN[c]] for c in C}
    assert uraian == {
        C.ISTIMEWA: ["paling banyak 70% Sangat Baik"],
        C.BAIK: ["paling banyak 70% Baik",
                 "harus ada paling sedikit satu pegawai Butuh Perbaikan atau Kurang/Misconduct"],
        C.BUTUH_PERBAIKAN: ["paling sedikit 60% Butuh Perbaikan", "paling banyak 10% Sangat Baik"],
        C.KURANG: ["paling sedikit 60% Kurang/Misconduct", "paling sedikit 10% Butuh Perbaikan",
                   "paling banyak 10% Sangat Baik"],
        C.SANGAT_KURANG: ["paling sedikit 60% Sangat Kurang",
                          "paling sedikit 10% Kurang/Misconduct atau Butuh Perbaikan (jumlah keduanya)",
                          "tidak ada Sangat Baik"],
    }  # fmt: skip
    assert [c.label for c in C] == [
        "Istimewa",
        "Baik",
        "Butuh Perbaikan",
        "Kurang",
        "Sangat Kurang",
    ]


def test_json_memuat_rentang_kelompok_dan_alasan():
    data = periksa(C.BAIK, 7, {"baik": 7}).sebagai_dict()
    assert data["capaian"] == "Baik" and data["sesuai"] is False
    assert data["predikat"][1] == {"predikat": "Baik", "minimum": 0, "maksimum": 4, "jumlah": 7,
                                   "dalam_rentang": False}  # fmt: skip
    assert data["kelompok"] == [{"predikat": ["Butuh Perbaikan", "Kurang/Misconduct"],
                                 "minimum": 1, "maksimum": 7, "jumlah": 0}]  # fmt: skip
    assert len(data["alasan"]) == 2 and data["pembulatan"] == "bawah-atas"


def test_enumerasi_pola_lengkap():
    # the brute-force test above relies on it: C(3 + 4, 4) patterns of 3 pegawai, all distinct
    semua = list(komposisi(3))
    assert len(semua) == len(set(semua)) == 35 and all(sum(a) == 3 for a in semua)
