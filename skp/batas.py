"""Limits on the size of one SKP, in one place: the services refuse what goes past them (with an
Indonesian message, nothing written), the forms and the README state them, and the PDF preview
uses them to decide what it renders in the request.

Real SKPs have 3 to 15 RHK with 3 or 4 indicators each; the limits sit well above that. They
bound what one draft can cost to store and to print: without them a draft of 150 RHK with
2,000-character indicators took 19 s of a web worker for every preview."""

# Per SKP, utama and tambahan together.
MAKS_RHK = 30
# Per RHK (a kuantitatif RHK needs three or four: Kuantitas, Kualitas, Waktu, Biaya).
MAKS_INDIKATOR = 10
# Per SKP, all RHK together (15 RHK of four aspects make 60).
MAKS_INDIKATOR_SKP = 100
# Characters of one text: an RHK, an indicator, its rencana bukti dukung, an ekspektasi khusus.
MAKS_URAIAN = 2000
# Characters of each lampiran list (dukungan sumber daya, skema, konsekuensi).
MAKS_LAMPIRAN = 5000
# The satuan column of an indicator (IndikatorKinerja.satuan).
MAKS_SATUAN = 50
# A comment's thread is a short exchange, not a chat: answers per comment, characters each.
MAKS_BALASAN = 20

# The draft preview is rendered in the request up to this size, by the background worker above
# it (skp/pratinjau.py). Rows are the RHK and indicators together; the characters are all the
# text the preview prints (RHK, indicators, intervened atasan RHK, ekspektasi, lampiran). Chosen
# so that a preview rendered in the request takes about 1 s of CPU at most (measured with
# benchmarks/bench_cetak_skp.py: 15 RHK of three 330-character indicators, or ten texts of
# 2,000 characters), while an ordinary SKP (15 RHK of three indicators) still comes at once.
# The largest SKP the limits allow takes about 9 s (`--batas`).
PRATINJAU_SINKRON_MAKS_BARIS = 60
PRATINJAU_SINKRON_MAKS_KARAKTER = 20_000
