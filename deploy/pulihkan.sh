#!/usr/bin/env bash
# Restores a backup made by deploy/cadangkan.sh onto a fresh machine: an EMPTY database and an
# empty file storage (a database with tables is refused: a restore never overwrites live data).
# See README, Deployment > Backup and restore.
#
#   deploy/pulihkan.sh FOLDER             on the new app machine, with the app's environment
#                                         exported (DATABASE_URL of the new, empty database;
#                                         DJANGO_MEDIA_ROOT or AWS_* of the new storage)
#   deploy/pulihkan.sh --compose FOLDER   with docker-compose, from the repository folder, before
#                                         the first "docker-compose up" (.env filled in)
#
# Then: the schema brought up to date (newer code), the preview cache table, and
# `periksa_berkas` (every row's file present). Put the signing certificate back separately.
set -euo pipefail

compose=0
if [ "${1:-}" = "--compose" ]; then compose=1; shift; fi
if [ $# -ne 1 ]; then
  echo "Pemakaian: $0 [--compose] FOLDER_CADANGAN" >&2
  exit 2
fi
sumber="$(cd "$1" && pwd)"
cd "$(dirname "$0")/.."
mulai=$(date +%s)
(cd "$sumber" && sha256sum --check --quiet SHA256SUMS)

tabel_sql="SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"
restore_opsi=(--no-owner --no-privileges --exit-on-error --single-transaction)

if [ "$compose" = 1 ]; then
  dc="${DOCKER_COMPOSE:-docker-compose}"
  $dc up -d db
  for _ in $(seq 60); do
    $dc exec -T db pg_isready -U skp -d skp >/dev/null 2>&1 && break
    sleep 2
  done
  tabel=$($dc exec -T db psql -U skp -d skp -Atc "$tabel_sql")
  if [ "$tabel" != 0 ]; then
    echo "Basis data tujuan sudah berisi $tabel tabel: pemulihan dibatalkan." >&2
    exit 1
  fi
  $dc exec -T db pg_restore -U skp -d skp "${restore_opsi[@]}" < "$sumber/basisdata.dump"
  # "run" starts with the image's entrypoint: migrate and createcachetable, after the restore.
  $dc run --rm -T web python manage.py pulihkan_berkas - < "$sumber/berkas.tar"
  $dc run --rm -T web python manage.py periksa_berkas
  # The restore sent no signal: answers the shared cache kept from other data must go.
  $dc run --rm -T web python manage.py segarkan_jawaban
  $dc up -d
else
  : "${DATABASE_URL:?DATABASE_URL belum diisi (basis data baru yang kosong)}"
  python="${PYTHON:-.venv/bin/python}"
  tabel=$(psql "$DATABASE_URL" -Atc "$tabel_sql")
  if [ "$tabel" != 0 ]; then
    echo "Basis data tujuan sudah berisi $tabel tabel: pemulihan dibatalkan." >&2
    exit 1
  fi
  pg_restore "${restore_opsi[@]}" --dbname="$DATABASE_URL" "$sumber/basisdata.dump"
  "$python" manage.py pulihkan_berkas "$sumber/berkas.tar"
  "$python" manage.py migrate --noinput
  "$python" manage.py createcachetable
  "$python" manage.py segarkan_jawaban
  "$python" manage.py periksa_berkas
fi
echo "Pemulihan selesai dalam $(( $(date +%s) - mulai )) s."
