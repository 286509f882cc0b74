#!/bin/sh
# Brings the schema up to date (and the cache table of the PDF previews), then runs the command
# (gunicorn by default).
set -eu
python manage.py migrate --noinput
python manage.py createcachetable
exec "$@"
