"""Small charts of the dashboards as server-side SVG text (as penilaian.kurva draws the
distribution curve): nothing loaded, no script, no style attribute (the Content-Security-Policy
allows none). Every text is escaped; each picture carries its own text alternative (<title>,
<desc>) listing what it shows, so nothing is said by colour or position alone."""

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from penilaian.distribusi import URUTAN_KURVA
from penilaian.kuadran import Predikat

TEKS = "#212529"
TEKS_LEMAH = "#495057"
GARIS = "#ced4da"
TITIK = "#0b5394"

LEBAR, TINGGI = 640, 250
KIRI, KANAN, ATAS, BAWAH = 150, 624, 24, 200


def _f(x: float) -> str:
    return f"{x:.1f}".rstrip("0").rstrip(".")


def svg_predikat(
    titik: list[tuple[str, str]], *, judul: str, id_awalan: str = "grafik-predikat"
) -> SafeString:
    """The predikat of each period of the year on a five-step scale (Sangat Kurang at the
    bottom, Sangat Baik at the top), joined by a line; a period not rated yet has no point.
    `titik`: (period name, predikat value or "") in period order."""
    ida = escape(id_awalan)
    n = max(len(titik), 1)
    kolom = (KANAN - KIRI) / n
    baris = (BAWAH - ATAS) / (len(URUTAN_KURVA) - 1)

    def x(i: int) -> float:
        return KIRI + kolom * (i + 0.5)

    def y(predikat: str) -> float:
        return BAWAH - baris * URUTAN_KURVA.index(Predikat(predikat))

    uraian = "; ".join(
        f"{nama}: {Predikat(p).label if p else 'belum dinilai'}" for nama, p in titik
    )
    bagian = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {LEBAR} {TINGGI}" width="100%" '
        f'class="grafik-predikat" role="img" aria-labelledby="{ida}-judul {ida}-uraian" '
        f'font-family="DejaVu Sans, Arial, Helvetica, sans-serif" font-size="12">',
        f'<title id="{ida}-judul">{escape(judul)}</title>',
        f'<desc id="{ida}-uraian">{escape(uraian)}.</desc>',
    ]
    for p in URUTAN_KURVA:
        yy = _f(y(p))
        bagian.append(
            f'<line x1="{KIRI}" y1="{yy}" x2="{KANAN}" y2="{yy}" stroke="{GARIS}"/>'
            f'<text x="{KIRI - 10}" y="{_f(y(p) + 4)}" text-anchor="end" fill="{TEKS}">'
            f"{escape(Predikat(p).label)}</text>"
        )
    garis: list[str] = []
    for i, (nama, p) in enumerate(titik):
        label = nama if len(titik) <= 4 else nama[:3]
        bagian.append(
            f'<text x="{_f(x(i))}" y="{BAWAH + 22}" text-anchor="middle" fill="{TEKS_LEMAH}">'
            f"{escape(label)}</text>"
        )
        if not p:
            bagian.append(
                f'<text x="{_f(x(i))}" y="{BAWAH + 38}" text-anchor="middle" font-size="10" '
                f'fill="{TEKS_LEMAH}">belum</text>'
            )
            continue
        garis.append(f"{_f(x(i))},{_f(y(p))}")
        bagian.append(
            f'<circle class="titik-predikat" data-predikat="{escape(p)}" cx="{_f(x(i))}" '
            f'cy="{_f(y(p))}" r="7" fill="{TITIK}" stroke="#ffffff" stroke-width="2"/>'
        )
    if len(garis) > 1:
        # Under the points: drawn first in the markup would hide nothing, drawn after it would.
        bagian.insert(
            3 + len(URUTAN_KURVA),
            f'<polyline points="{" ".join(garis)}" fill="none" stroke="{TITIK}" '
            'stroke-width="2.5"/>',
        )
    bagian.append("</svg>")
    return mark_safe("".join(bagian))  # every text above went through escape()
