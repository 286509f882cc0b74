"""Small real files of each kind, made in the test (no fixtures on disk): a PDF with a correct
cross-reference table, a PNG and a JPEG that image readers open, OOXML and ODF packages as
office suites write them, legacy Word/Excel compound files, and the impostors (an executable,
an HTML page) that uploads must refuse whatever their name says."""

import io
import struct
import zipfile
import zlib

from openpyxl import Workbook
from PIL import Image


def pdf(teks: str = "Laporan rekap imunisasi Triwulan I") -> bytes:
    isi = f"BT /F1 12 Tf 72 720 Td ({teks}) Tj ET".encode("latin-1")
    objek = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(isi) + isi + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    keluar = bytearray(b"%PDF-1.4\n")
    letak = []
    for i, o in enumerate(objek, start=1):
        letak.append(len(keluar))
        keluar += b"%d 0 obj\n" % i + o + b"\nendobj\n"
    xref = len(keluar)
    keluar += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objek) + 1)
    for p in letak:
        keluar += b"%010d 00000 n \n" % p
    keluar += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objek) + 1,
        xref,
    )
    return bytes(keluar)


def png() -> bytes:
    def potong(jenis: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + jenis
            + data
            + struct.pack(">I", zlib.crc32(jenis + data))
        )

    ihdr = struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0)
    piksel = zlib.compress(b"\x00\xff\x00\x00\x00\xff\x00" * 2)
    return (
        b"\x89PNG\r\n\x1a\n"
        + potong(b"IHDR", ihdr)
        + potong(b"IDAT", piksel)
        + potong(b"IEND", b"")
    )


def jpeg() -> bytes:
    keluar = io.BytesIO()
    Image.new("RGB", (4, 4), (200, 30, 30)).save(keluar, "JPEG")
    return keluar.getvalue()


def _zip(berkas: dict[str, bytes], mimetype: bytes | None = None) -> bytes:
    keluar = io.BytesIO()
    with zipfile.ZipFile(keluar, "w", zipfile.ZIP_DEFLATED) as z:
        if mimetype is not None:  # ODF: first and stored, as the specification requires
            z.writestr(zipfile.ZipInfo("mimetype"), mimetype, compress_type=zipfile.ZIP_STORED)
        for nama, isi in berkas.items():
            z.writestr(nama, isi)
    return keluar.getvalue()


_RELS = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    b'relationships/officeDocument" Target="%s"/></Relationships>'
)


def _ooxml(bagian: str, jenis_isi: str, isi: bytes) -> bytes:
    types = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/{bagian}" ContentType="{jenis_isi}"/></Types>'
    ).encode()
    return _zip({"[Content_Types].xml": types, "_rels/.rels": _RELS % bagian.encode(), bagian: isi})


def docx(
    jenis_isi: str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
) -> bytes:
    isi = (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        b"<w:body><w:p><w:r><w:t>Berita acara serah terima data</w:t></w:r></w:p></w:body>"
        b"</w:document>"
    )
    return _ooxml("word/document.xml", jenis_isi, isi)


def docm() -> bytes:
    """A macro-enabled Word document: an OOXML package, but not one evidence may be."""
    return docx("application/vnd.ms-word.document.macroEnabled.main+xml")


def pptx() -> bytes:
    return _ooxml(
        "ppt/presentation.xml",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
        b'<?xml version="1.0"?><p:presentation xmlns:p="http://schemas.openxmlformats.org/'
        b'presentationml/2006/main"/>',
    )


def xlsx() -> bytes:
    wb = Workbook()
    wb.active["A1"] = "Rekap desa"
    keluar = io.BytesIO()
    wb.save(keluar)
    return keluar.getvalue()


def odf(mimetype: str = "application/vnd.oasis.opendocument.text") -> bytes:
    return _zip(
        {"content.xml": b'<?xml version="1.0"?><office:document-content/>'},
        mimetype=mimetype.encode(),
    )


def zip_biasa() -> bytes:
    return _zip({"laporan.txt": b"bukan dokumen kantor"})


def ole(aliran: str = "WordDocument") -> bytes:
    """A minimal OLE2 compound file (version 3, 512-byte sectors) holding one empty stream
    named `aliran`: how legacy Word (WordDocument) and Excel (Workbook) files begin."""
    akhir, bebas, fat = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD
    kepala = bytearray(512)
    kepala[0:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHHH", kepala, 24, 0x3E, 3, 0xFFFE, 9, 6)
    # FAT sectors, first directory sector, transaction, mini cutoff, mini FAT, DIFAT
    struct.pack_into("<IIIIIIII", kepala, 44, 1, 1, 0, 4096, akhir, 0, akhir, 0)
    struct.pack_into("<I", kepala, 76, 0)  # DIFAT[0]: the FAT is in sector 0
    for i in range(1, 109):
        struct.pack_into("<I", kepala, 76 + 4 * i, bebas)
    tabel = struct.pack("<II", fat, akhir) + struct.pack("<I", bebas) * 126

    def entri(nama: str, jenis: int, anak: int) -> bytes:
        n = (nama + "\0").encode("utf-16-le")
        e = bytearray(128)
        e[0 : len(n)] = n
        struct.pack_into("<HBB", e, 64, len(n), jenis, 1)
        struct.pack_into("<III", e, 68, bebas, bebas, anak)
        struct.pack_into("<II", e, 116, akhir, 0)
        return bytes(e)

    direktori = entri("Root Entry", 5, 1) + entri(aliran, 2, bebas) + bytes(256)
    return bytes(kepala) + tabel + direktori


def exe() -> bytes:
    return b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + bytes(200)


def html() -> bytes:
    return b"<!doctype html><html><body><script>alert(document.cookie)</script></body></html>"
