"""Creates the self-signed development certificate that signs the issued PDFs (SKP, evaluation
forms), only if it is missing."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from core.tanda_tangan import buat_sertifikat


class Command(BaseCommand):
    help = (
        'Membuat sertifikat penanda tangan swa-tanda (CN "SKP Development") di SKP_SIGN_P12 bila '
        "belum ada. Hanya untuk pengembangan; produksi memakai sertifikat instansi (mis. BSrE)."
    )

    def handle(self, *args: object, **options: object) -> None:
        path = Path(settings.SKP_SIGN_P12)
        if path.exists():
            self.stdout.write(f"Sertifikat sudah ada: {path}")
            return
        buat_sertifikat(path, settings.SKP_SIGN_P12_PASSPHRASE)
        self.stdout.write(self.style.SUCCESS(f"Sertifikat pengembangan dibuat: {path}"))
