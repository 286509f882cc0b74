"""The type of an uploaded file read from its content, never from its name or the browser's word.

An allow-list of what evidence may be: PDF, PNG, JPEG, the office documents (DOCX, XLSX, PPTX,
ODT, ODS) and the legacy Word/Excel files (DOC, XLS). Containers are opened, not guessed from a
few bytes: an OOXML file is a zip whose `[Content_Types].xml` names the main part of a document,
workbook or presentation; an ODF file is a zip whose first entry `mimetype` says what it is; a
legacy Office file is an OLE2 compound file holding a `WordDocument` or `Workbook` stream.
Anything else (an executable, HTML, a macro-enabled docm/xlsm, an encrypted document, a zip of
something else) is not recognised. This module imports no domain app."""

import re
import zipfile
from dataclasses import dataclass
from typing import IO

import olefile


@dataclass(frozen=True)
class Jenis:
    kode: str
    mime: str
    label: str
    akhiran: tuple[str, ...]  # the file-name endings that fit this content

    @property
    def akhiran_utama(self) -> str:
        return self.akhiran[0]


_DAFTAR = [
    Jenis("pdf", "application/pdf", "PDF", (".pdf",)),
    Jenis("png", "image/png", "gambar PNG", (".png",)),
    Jenis("jpeg", "image/jpeg", "gambar JPEG", (".jpg", ".jpeg", ".jpe", ".jfif")),
    Jenis(
        "docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "dokumen Word (DOCX)",
        (".docx",),
    ),
    Jenis(
        "xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "lembar kerja Excel (XLSX)",
        (".xlsx",),
    ),
    Jenis(
        "pptx",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "presentasi PowerPoint (PPTX)",
        (".pptx",),
    ),
    Jenis("odt", "application/vnd.oasis.opendocument.text", "dokumen ODT", (".odt",)),
    Jenis("ods", "application/vnd.oasis.opendocument.spreadsheet", "lembar kerja ODS", (".ods",)),
    Jenis("doc", "application/msword", "dokumen Word lama (DOC)", (".doc",)),
    Jenis("xls", "application/vnd.ms-excel", "lembar kerja Excel lama (XLS)", (".xls",)),
]
JENIS: dict[str, Jenis] = {j.kode: j for j in _DAFTAR}
DAFTAR_DIIZINKAN = (
    "PDF, gambar (PNG/JPEG), atau dokumen kantor (DOCX, XLSX, PPTX, ODT, ODS, DOC, XLS)"
)

_PNG = b"\x89PNG\r\n\x1a\n"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = b"PK\x03\x04"

# The content type of the main part of each OOXML package (macro-enabled variants are absent on
# purpose: evidence has no reason to carry macros).
_OOXML = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": "docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": "xlsx",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml": "pptx",
}
_ODF = {j.mime: j.kode for j in _DAFTAR if j.kode in ("odt", "ods")}
_CONTENT_TYPE = re.compile(rb"""ContentType\s*=\s*["']([^"']{1,200})["']""")
# [Content_Types].xml lists a few dozen parts; a huge one is not an office document.
_MAKS_CONTENT_TYPES = 1024 * 1024


def kenali(berkas: IO[bytes]) -> Jenis | None:
    """The allowed type `berkas` holds, read from its content (None: not an allowed type or not
    what it claims to be). Reads from the start and leaves the position there."""
    berkas.seek(0)
    kepala = berkas.read(16)
    berkas.seek(0)
    try:
        if kepala.startswith(b"%PDF-"):
            return JENIS["pdf"]
        if kepala.startswith(_PNG) and kepala[12:16] == b"IHDR":
            return JENIS["png"]
        if kepala.startswith(b"\xff\xd8\xff"):
            return JENIS["jpeg"]
        if kepala.startswith(_ZIP):
            return _kenali_zip(berkas)
        if kepala.startswith(_OLE):
            return _kenali_ole(berkas)
        return None
    finally:
        berkas.seek(0)


def _kenali_zip(berkas: IO[bytes]) -> Jenis | None:
    try:
        with zipfile.ZipFile(berkas) as z:
            nama = set(z.namelist())
            if "mimetype" in nama:
                info = z.getinfo("mimetype")
                if info.file_size > 200:
                    return None
                kode = _ODF.get(z.read(info).decode("ascii", "replace").strip())
                return JENIS[kode] if kode else None
            if "[Content_Types].xml" in nama:
                info = z.getinfo("[Content_Types].xml")
                if info.file_size > _MAKS_CONTENT_TYPES:
                    return None
                jenis = {
                    _OOXML.get(m.decode("ascii", "replace"))
                    for m in _CONTENT_TYPE.findall(z.read(info))
                }
                jenis.discard(None)
                return JENIS[jenis.pop()] if len(jenis) == 1 else None
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, KeyError, ValueError,
            RuntimeError, NotImplementedError):  # fmt: skip
        # Malformed, encrypted or using an unsupported compression: not a document we accept.
        return None
    return None


def _kenali_ole(berkas: IO[bytes]) -> Jenis | None:
    try:
        ole = olefile.OleFileIO(berkas)
    except (OSError, ValueError, EOFError, IndexError, TypeError):
        return None
    try:
        if ole.exists("WordDocument"):
            return JENIS["doc"]
        if ole.exists("Workbook") or ole.exists("Book"):
            return JENIS["xls"]
        return None  # e.g. an encrypted OOXML package ("EncryptedPackage") or a PowerPoint 97
    finally:
        ole.close()
