"""Signed evaluation forms (Format C.1.x): issued after a rating commits. (Being built.)"""

import logging

logger = logging.getLogger(__name__)


def terbitkan_setelah_dinilai(penilaian_pk: int) -> None:
    logger.info(
        "Dokumen penilaian %s belum diterbitkan: modul dokumen belum selesai.", penilaian_pk
    )
