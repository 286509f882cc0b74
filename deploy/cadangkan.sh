#!/usr/bin/env bash
# Backup of the SKP application: the database, then every stored file (signed documents, bukti
# dukung, export ZIPs), into one new folder. See README, Deployment > Backup and restore.
#
#   deploy/cadangkan.sh FOLDER             on the app machine, with the app's environment
#                                          (DATABASE_URL, DJANGO_MEDIA_ROOT or AWS_*) exported
#   deploy/cadangkan.sh --compose FOLDER   with docker-compose, from the repository folder
#
# FOLDER receives basisdata.dump (pg_dump, custom format), berkas.tar (the files with their
# SHA-256) and SHA256SUMS. The database first, the files after: files are written once under a
# fresh name and never changed, so every file the dump names is in berkas.tar.
# NOT included, on purpose: the signing certificate (var/ or SKP_SIGN_P12) and the .env secrets.
set -euo pipefail

compose=0
if [ "${1:-}" = "--compose" ]; then compose=1; shift; fi
if [ $# -ne 1 ]; then
  echo "Pemakaian: $0 [--compose] FOLDER_CADANGAN" >&2
  exit 2
fi
mkdir -p "$1"
tujuan="$(cd "$1" && pwd)"
if [ -n "$(ls -A "$tujuan")" ]; then
  echo "Folder $tujuan tidak kosong: cadangan tidak ditulis di atas cadangan lain." >&2
  exit 1
fi
cd "$(dirname "$0")/.."
mulai=$(date +%s)
# The rendered draft previews are a cache (rebuilt on demand): their table, not its rows.
dump_opsi=(--format=custom --exclude-table-data=skp_cache_pratinjau)

if [ "$compose" = 1 ]; then
  dc="${DOCKER_COMPOSE:-docker-compose}"
  # pg_dump of the db container itself: always the server's own version.
  $dc exec -T db pg_dump -U skp -d skp "${dump_opsi[@]}" > "$tujuan/basisdata.dump"
  $dc exec -T web python manage.py cadangkan_berkas - > "$tujuan/berkas.tar"
else
  : "${DATABASE_URL:?DATABASE_URL belum diisi (muat lingkungan aplikasi, mis. set -a; . /etc/skp/skp.env; set +a)}"
  python="${PYTHON:-.venv/bin/python}"
  pg_dump "${dump_opsi[@]}" --file="$tujuan/basisdata.dump" "$DATABASE_URL"
  "$python" manage.py cadangkan_berkas "$tujuan/berkas.tar"
fi

(cd "$tujuan" && sha256sum basisdata.dump berkas.tar > SHA256SUMS)
echo "Cadangan selesai dalam $(( $(date +%s) - mulai )) s: $tujuan ($(du -sh "$tujuan" | cut -f1))."
