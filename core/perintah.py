"""Management commands that answer bad arguments in Indonesian with exit status 2, argparse's own
errors (a missing value, an unknown option) included. Imports no domain app."""

import re
import sys
from typing import NoReturn

from django.core.management.base import BaseCommand, CommandError, CommandParser

# argparse's English messages (Python 3.11-3.13) and their Indonesian wording.
TERJEMAHAN = [
    (r"the following arguments are required: (.+)", "argumen wajib belum diisi: {0}"),
    (r"unrecognized arguments: (.+)", "argumen tidak dikenal: {0}"),
    (r"argument (\S+): expected one argument", "argumen {0} memerlukan satu nilai"),
    (r"argument (\S+): invalid choice: (.+?) \(choose from (.+)\)", "nilai {1} untuk {0} tidak dikenal (pilih: {2})"),
    (r"argument (\S+): invalid (\S+) value: (.+)", "nilai {2} untuk {0} tidak sah"),
    (r"argument (\S+): ignored explicit argument (.+)", "argumen {0} tidak menerima nilai {1}"),
    (r"ambiguous option: (\S+) could match (.+)", "opsi {0} bermakna ganda (bisa {1})"),
]  # fmt: skip


def terjemahkan(pesan: str) -> str:
    for pola, ganti in TERJEMAHAN:
        cocok = re.fullmatch(pola, pesan.strip())
        if cocok:
            return ganti.format(*cocok.groups())
    return f"argumen tidak sah ({pesan})"


class ParserIndonesia(CommandParser):
    def error(self, message: str) -> NoReturn:
        pesan = terjemahkan(message)
        if self.called_from_command_line:
            self.print_usage(sys.stderr)
            self.exit(2, f"{self.prog}: galat: {pesan}\n")
        raise CommandError(f"Galat: {pesan}", returncode=2)

    def format_usage(self) -> str:
        return super().format_usage().replace("usage:", "penggunaan:", 1)

    def format_help(self) -> str:
        return super().format_help().replace("usage:", "penggunaan:", 1)


class PerintahIndonesia(BaseCommand):
    """A command whose argument errors are Indonesian; `gagal` ends it with a message."""

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: object) -> CommandParser:
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.__class__ = ParserIndonesia  # same state, Indonesian errors
        return parser

    def gagal(self, pesan: str, kode: int = 2) -> NoReturn:
        self.stderr.write(pesan)
        sys.exit(kode)
