# Production image of the SKP application: gunicorn behind a TLS proxy, static files by WhiteNoise.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# Pango and the fonts the printed SKP uses (WeasyPrint renders offline, from these only).
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app

# Requirements first, so a code change does not reinstall every package.
COPY requirements.txt .
RUN pip install -r requirements.txt

COPY . .

# The key only satisfies the settings' refusal to start without one; it is never used to sign.
RUN DJANGO_SECRET_KEY=build-only-not-a-secret DJANGO_DEBUG=false \
        python manage.py collectstatic --noinput \
    && chmod 0755 docker/entrypoint.sh \
    && useradd --uid 1000 --create-home --shell /usr/sbin/nologin skp \
    && mkdir -p /app/media /app/var \
    && chown skp:skp /app/media /app/var

# Not root: the code stays read-only to the app; it writes only media/, var/ (the signing
# certificate of a trial) and its home
# (gunicorn's control socket in ~/.gunicorn).
USER skp
EXPOSE 8000
ENTRYPOINT ["/app/docker/entrypoint.sh"]
# gunicorn reads its number of workers from WEB_CONCURRENCY (docker-compose.yml explains 4).
ENV WEB_CONCURRENCY=4
CMD ["gunicorn", "config.wsgi:application", "--bind", "0.0.0.0:8000"]
