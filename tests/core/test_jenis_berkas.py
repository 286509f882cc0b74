"""The type of an upload comes from its content: real files of each allowed kind are recognised,
impostors and look-alike containers are not, and the reader is left at the start."""

import io

import pytest

from core.jenis_berkas import kenali
from tests import contoh_berkas as contoh


@pytest.mark.parametrize(
    ("isi", "kode"),
    [
        (contoh.pdf(), "pdf"),
        (contoh.png(), "png"),
        (contoh.jpeg(), "jpeg"),
        (contoh.docx(), "docx"),
        (contoh.xlsx(), "xlsx"),
        (contoh.pptx(), "pptx"),
        (contoh.odf("application/vnd.oasis.opendocument.text"), "odt"),
        (contoh.odf("application/vnd.oasis.opendocument.spreadsheet"), "ods"),
        (contoh.ole("WordDocument"), "doc"),
        (contoh.ole("Workbook"), "xls"),
    ],
)
def test_jenis_yang_diizinkan_dikenali_dari_isinya(isi, kode):
    berkas = io.BytesIO(isi)
    berkas.seek(5)
    assert kenali(berkas).kode == kode
    assert berkas.tell() == 0


@pytest.mark.parametrize(
    "isi",
    [
        contoh.exe(),
        contoh.html(),
        b"",
        b"%PD",
        b"laporan biasa dalam teks",
        contoh.zip_biasa(),
        contoh.docm(),  # OOXML with macros
        contoh.odf("application/vnd.oasis.opendocument.graphics"),
        contoh.ole("EncryptedPackage"),  # a password-protected OOXML file
        b"PK\x03\x04" + b"\x00" * 40,  # a broken zip
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 40,  # a broken compound file
        b"\x89PNG\r\n\x1a\n" + b"\x00" * 10,  # a PNG signature without its header chunk
        b"<html>%PDF-1.4",  # the PDF marker not at the start
    ],
)
def test_peniru_dan_wadah_lain_tidak_dikenali(isi):
    assert kenali(io.BytesIO(isi)) is None
