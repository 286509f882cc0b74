#!/bin/sh
# Brings the schema up to date, then runs the command (gunicorn by default).
set -eu
python manage.py migrate --noinput
exec "$@"
