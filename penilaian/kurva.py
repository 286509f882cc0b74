"""The distribution curve as a picture: the bell curve of the regulation for the unit's capaian
(peaking at the predikat most pegawai should have), the allowed range per predikat as a band,
and the current counts as bars over it. Server-side SVG text: no JavaScript, nothing loaded,
the same markup in an HTML page and in a WeasyPrint PDF. Every text is escaped; the picture
carries its own text alternative (<title>, <desc>) and says "TIDAK sesuai" in words, not only
in colour."""

from math import exp

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from penilaian.distribusi import PUNCAK, URUTAN_KURVA, HasilDistribusi

LEBAR, TINGGI = 720, 440
KIRI, KANAN, ATAS, BAWAH = 64, 704, 112, 310  # the plot area
KOLOM = (KANAN - KIRI) / len(URUTAN_KURVA)

# Colours at least 4.5:1 against white (text) and 3:1 (shapes), Bootstrap's dark shades.
TEKS = "#212529"
TEKS_LEMAH = "#495057"
GARIS = "#ced4da"
BATANG = "#0b5394"
SALAH = "#b02a37"
BENAR = "#146c43"
PITA = "#d1e7dd"
KURVA_ISI = "#e2e3e5"
KURVA_GARIS = "#6c757d"

# Two-line axis labels: "Kurang/Misconduct" does not fit one column at a readable size.
LABEL_SUMBU = {
    "sangat_kurang": ("Sangat", "Kurang"),
    "kurang": ("Kurang/", "Misconduct"),
    "butuh_perbaikan": ("Butuh", "Perbaikan"),
    "baik": ("Baik", ""),
    "sangat_baik": ("Sangat", "Baik"),
}


def _f(x: float) -> str:
    return f"{x:.1f}".rstrip("0").rstrip(".")


def _langkah(maks: int) -> int:
    """A round tick step giving at most six ticks up to `maks`."""
    for dasar in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 2500, 5000):
        if maks / dasar <= 6:
            return dasar
    return 10_000


def _tengah(i: int) -> float:
    return KIRI + KOLOM * (i + 0.5)


def svg_distribusi(hasil: HasilDistribusi, *, id_awalan: str = "kurva") -> SafeString:
    """The chart of one distribution check, as inline SVG markup. `id_awalan` keeps the ids
    unique when a page shows more than one chart."""
    n = hasil.jumlah_pegawai
    skala_maks = max([n, *(hasil.hitungan or {}).values()])
    langkah = _langkah(skala_maks)
    skala_maks = -(-skala_maks // langkah) * langkah

    def y(nilai: float) -> float:
        return BAWAH - (BAWAH - ATAS) * nilai / skala_maks

    ida = escape(id_awalan)
    melanggar = bool(hasil.alasan)
    judul = f"Pola distribusi predikat: capaian organisasi {hasil.capaian.label}, {n} pegawai"
    bagian: list[str] = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {LEBAR} {TINGGI}" '
        f'width="100%" class="kurva-distribusi" role="img" '
        f'aria-labelledby="{ida}-judul {ida}-uraian" '
        f'font-family="DejaVu Sans, Arial, Helvetica, sans-serif" font-size="13">',
        f'<title id="{ida}-judul">{escape(judul)}</title>',
        f'<desc id="{ida}-uraian">{escape(hasil.ringkasan)}</desc>',
        "<defs>"
        f'<pattern id="{ida}-arsir" width="8" height="8" patternUnits="userSpaceOnUse" '
        f'patternTransform="rotate(45)"><rect width="8" height="8" fill="{SALAH}"/>'
        f'<line x1="0" y1="0" x2="0" y2="8" stroke="#ffffff" stroke-width="3"/></pattern>'
        "</defs>",
        f'<rect x="2" y="2" width="{LEBAR - 4}" height="{TINGGI - 4}" fill="#ffffff" '
        + (
            f'stroke="{SALAH}" stroke-width="3" stroke-dasharray="10 5"/>'
            if melanggar
            else f'stroke="{GARIS}" stroke-width="1"/>'
        ),
        f'<text x="16" y="28" font-size="16" font-weight="bold" fill="{TEKS}">'
        f"{escape(judul)}</text>",
        _status(hasil),
    ]

    # grid and y axis
    for nilai in range(0, skala_maks + 1, langkah):
        yy = _f(y(nilai))
        bagian.append(
            f'<line x1="{KIRI}" y1="{yy}" x2="{KANAN}" y2="{yy}" stroke="{GARIS}" '
            f'stroke-width="1"/><text x="{KIRI - 8}" y="{_f(y(nilai) + 4)}" text-anchor="end" '
            f'fill="{TEKS_LEMAH}">{nilai}</text>'
        )
    bagian.append(
        f'<text x="16" y="{_f((ATAS + BAWAH) / 2)}" fill="{TEKS_LEMAH}" font-size="12" '
        f'transform="rotate(-90 16 {_f((ATAS + BAWAH) / 2)})" text-anchor="middle">'
        "jumlah pegawai</text>"
    )

    bagian.append(_kurva(hasil, y))

    for i, baris in enumerate(hasil.baris):
        cx = _tengah(i)
        r = baris.rentang
        if baris.jumlah is not None:
            bagian.append(
                _batang(cx, baris.predikat, baris.jumlah, bool(baris.dalam_rentang), y, ida)
            )
        bagian.append(_rentang(cx, r, n, y))  # over the bar: a bar crossing a limit shows
        a, b = LABEL_SUMBU[baris.predikat]
        bagian.append(
            f'<text x="{_f(cx)}" y="{BAWAH + 20}" text-anchor="middle" fill="{TEKS}" '
            f'font-weight="bold">{escape(a)}</text>'
            f'<text x="{_f(cx)}" y="{BAWAH + 36}" text-anchor="middle" fill="{TEKS}" '
            f'font-weight="bold">{escape(b)}</text>'
            f'<text x="{_f(cx)}" y="{BAWAH + 54}" text-anchor="middle" fill="{TEKS_LEMAH}">'
            f"boleh {escape(str(r))}</text>"
        )
    bagian.append(
        f'<line x1="{KIRI}" y1="{BAWAH}" x2="{KANAN}" y2="{BAWAH}" stroke="{TEKS}" '
        'stroke-width="1.5"/>'
    )
    bagian.append(_kelompok(hasil))
    bagian.append(_legenda(hasil, ida))
    bagian.append("</svg>")
    return mark_safe("".join(bagian))  # every text above went through escape()


def _status(hasil: HasilDistribusi) -> str:
    if hasil.hitungan is None:
        teks, warna = "Rentang jumlah yang dibolehkan per predikat", TEKS_LEMAH
    elif hasil.alasan and hasil.lengkap:
        teks, warna = "\u26a0 Pola TIDAK sesuai dengan pola distribusi", SALAH
    elif hasil.alasan:  # some pegawai not rated yet, and they can no longer repair it
        teks = (
            f"\u26a0 Pola TIDAK sesuai: {hasil.belum_dinilai} pegawai yang belum dinilai tidak "
            "dapat lagi membuatnya sesuai"
        )
        warna = SALAH
    elif hasil.sesuai:
        teks, warna = "\u2713 Pola sesuai dengan pola distribusi", BENAR
    else:
        teks = (
            f"{hasil.dinilai} dari {hasil.jumlah_pegawai} pegawai dinilai; "
            "pola masih dapat dibuat sesuai"
        )
        warna = TEKS_LEMAH
    baris = [(teks, warna, 14, "bold")]
    if hasil.mustahil:
        baris.append(
            ("\u26a0 Unit ini terlalu kecil untuk aturan capaian ini: lihat penjelasan.", SALAH,
             12, "bold")
        )  # fmt: skip
    baris.append((_pembulatan_singkat(hasil), TEKS_LEMAH, 12, "normal"))
    return "".join(
        f'<text x="16" y="{52 + 18 * i}" font-size="{ukuran}" font-weight="{tebal}" '
        f'fill="{warna}">{escape(teks)}</text>'
        for i, (teks, warna, ukuran, tebal) in enumerate(baris)
    )


def _pembulatan_singkat(hasil: HasilDistribusi) -> str:
    if hasil.pembulatan == "biasa":
        return "Pembulatan biasa (setengah ke atas)."
    return "Pembulatan bawah-atas: batas paling banyak ke bawah, paling sedikit ke atas."


def _kurva(hasil: HasilDistribusi, y) -> str:  # noqa: ANN001
    """A normal-like curve peaking over the capaian's own predikat, as tall as its allowed
    maximum (the picture of the regulation; not a count)."""
    puncak = URUTAN_KURVA.index(PUNCAK[hasil.capaian])
    tinggi = hasil.rentang[PUNCAK[hasil.capaian]].maksimum or hasil.jumlah_pegawai * 0.85
    titik = []
    for k in range(0, 101):
        x = KIRI + (KANAN - KIRI) * k / 100
        posisi = (x - _tengah(puncak)) / KOLOM
        titik.append(f"{_f(x)},{_f(y(tinggi * exp(-(posisi**2) / (2 * 0.95**2))))}")
    garis = " L".join(titik)
    return (
        f'<path d="M{KIRI},{BAWAH} L{garis} L{KANAN},{BAWAH} Z" fill="{KURVA_ISI}" '
        f'fill-opacity="0.7" stroke="none"/>'
        f'<path d="M{garis}" fill="none" stroke="{KURVA_GARIS}" stroke-width="2.5"/>'
    )


def _rentang(cx: float, r, n: int, y) -> str:  # noqa: ANN001
    """The allowed range beside the bar: a bracket from minimum to maximum, and a dashed line
    across the column at each binding limit, so a bar crossing it shows at a glance."""
    x = cx + KOLOM * 0.27
    atas, bawah = y(r.maksimum), y(r.minimum)
    bagian = [
        f'<g class="rentang"><rect x="{_f(x - 7)}" y="{_f(atas)}" width="14" '
        f'height="{_f(bawah - atas)}" fill="{PITA}"/>'
        f'<path d="M{_f(x - 8)},{_f(atas)} H{_f(x + 8)} M{_f(x)},{_f(atas)} V{_f(bawah)} '
        f'M{_f(x - 8)},{_f(bawah)} H{_f(x + 8)}" fill="none" stroke="{BENAR}" stroke-width="3"/>'
        "</g>"
    ]
    kiri, kanan = cx - KOLOM * 0.42, cx + KOLOM * 0.42
    for batas, mengikat in ((r.maksimum, r.maksimum < n), (r.minimum, r.minimum > 0)):
        if mengikat:
            bagian.append(
                f'<line x1="{_f(kiri)}" y1="{_f(y(batas))}" x2="{_f(kanan)}" y2="{_f(y(batas))}" '
                f'stroke="{BENAR}" stroke-width="1.5" stroke-dasharray="6 4"/>'
            )
    return "".join(bagian)


def _batang(cx: float, predikat: str, jumlah: int, dalam: bool, y, ida: str) -> str:  # noqa: ANN001
    lebar = KOLOM * 0.38
    cx -= KOLOM * 0.06
    warna = BATANG if dalam else f"url(#{ida}-arsir)"
    atas = y(jumlah)
    hasil = []
    if jumlah > 0:
        hasil.append(
            f'<rect class="batang" data-predikat="{escape(predikat)}" x="{_f(cx - lebar / 2)}" '
            f'y="{_f(atas)}" width="{_f(lebar)}" '
            f'height="{_f(BAWAH - atas)}" fill="{warna}" stroke="{BATANG if dalam else SALAH}" '
            'stroke-width="1.5"/>'
        )
    label = str(jumlah) if dalam else f"{jumlah} \u2715"
    hasil.append(
        f'<text x="{_f(cx)}" y="{_f(atas - 7)}" text-anchor="middle" font-size="15" '
        f'font-weight="bold" fill="{BATANG if dalam else SALAH}">{escape(label)}</text>'
    )
    return "".join(hasil)


def _kelompok(hasil: HasilDistribusi) -> str:
    """A bracket under predikat counted together ("Butuh Perbaikan atau Kurang/Misconduct")."""
    bagian = []
    for kelompok, r in hasil.rentang_kelompok.items():
        posisi = sorted(URUTAN_KURVA.index(p) for p in kelompok)
        x1 = KIRI + KOLOM * posisi[0] + 10
        x2 = KIRI + KOLOM * (posisi[-1] + 1) - 10
        yy = BAWAH + 66
        jumlah = None
        if hasil.hitungan is not None:
            jumlah = sum(hasil.hitungan[p] for p in kelompok)
        salah = jumlah is not None and not r.memuat(jumlah)
        warna = SALAH if salah else BENAR
        teks = f"bersama: boleh {r}"
        if jumlah is not None:
            teks += f", sekarang {jumlah}" + (" \u2715" if salah else "")
        bagian.append(
            f'<path d="M{_f(x1)},{yy - 6} L{_f(x1)},{yy} L{_f(x2)},{yy} L{_f(x2)},{yy - 6}" '
            f'fill="none" stroke="{warna}" stroke-width="2"/>'
            f'<text x="{_f((x1 + x2) / 2)}" y="{yy + 16}" text-anchor="middle" font-size="12" '
            f'font-weight="bold" fill="{warna}">{escape(teks)}</text>'
        )
    return "".join(bagian)


def _legenda(hasil: HasilDistribusi, ida: str) -> str:
    y0 = TINGGI - 22
    bagian = [
        f'<rect x="23" y="{y0 - 13}" width="10" height="16" fill="{PITA}"/>'
        f'<path d="M22,{y0 - 13} H34 M28,{y0 - 13} V{y0 + 3} M22,{y0 + 3} H34" fill="none" '
        f'stroke="{BENAR}" stroke-width="2.5"/>'
        f'<text x="44" y="{y0}" font-size="12" fill="{TEKS}">rentang yang dibolehkan</text>',
        f'<line x1="210" y1="{y0 - 4}" x2="234" y2="{y0 - 4}" stroke="{KURVA_GARIS}" '
        'stroke-width="2.5"/>'
        f'<text x="240" y="{y0}" font-size="12" fill="{TEKS}">kurva pola (gambaran)</text>',
    ]
    if hasil.hitungan is not None:
        bagian.append(
            f'<rect x="400" y="{y0 - 11}" width="14" height="14" fill="{BATANG}"/>'
            f'<text x="420" y="{y0}" font-size="12" fill="{TEKS}">jumlah sekarang</text>'
            f'<rect x="540" y="{y0 - 11}" width="14" height="14" fill="url(#{ida}-arsir)" '
            f'stroke="{SALAH}"/>'
            f'<text x="560" y="{y0}" font-size="12" fill="{TEKS}">di luar rentang (\u2715)</text>'
        )
    return "".join(bagian)
