"""Settings for the SKP application, read from the environment (see .env.example)."""

import os
from datetime import timedelta
from pathlib import Path

import bootstrap_wrapper
import environ
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from config.penyimpanan import penyimpanan_bawaan

BASE_DIR = Path(__file__).resolve().parent.parent

# pyHanko (PDF signatures) pulls in lxml, which openpyxl would then switch to: keep openpyxl on
# the XML writer and reader the spreadsheet import/export were built and measured with.
os.environ.setdefault("OPENPYXL_LXML", "False")

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DJANGO_DEBUG", default=True)

SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY wajib diisi bila DJANGO_DEBUG=false (aplikasi tidak dijalankan)."
        )
    # Development only: a fixed key is harmless while DEBUG is on and keeps sessions across restarts.
    SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production-skp-0123456789abcdef"

ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_htmx",
    "axes",
    "csp",
    # Before django_tasks_db: its `db_worker` command is replaced by core's (with a lease).
    "core",
    "django_tasks",
    "django_tasks_db",
    "organisasi",
    "perencanaan",
    "skp",
    "indikator",
    "penilaian",
    "monitoring",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Repeated organisation lookups of one GET answered once (core/memo.py).
    "core.memo.MemoPermintaanMiddleware",
    # Lets links built after the view returned (mail and PDFs sent on commit) use its address.
    "core.alamat.AlamatPermintaanMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Before any view or the CSRF check reads the body; after the above, for the 413 page.
    "core.middleware.BatasUnggahMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # A view that loses the database answers 503 "coba lagi" (core.views.galat_server does the
    # same for the middleware above).
    "core.middleware.BasisDataPutusMiddleware",
    # Last, as django-axes asks: it turns a lockout signal into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "OPTIONS": {
            # APP_DIRS is replaced by explicit loaders so template_partials can wrap them. The
            # cached loader must then be named too (Django adds it only to its default loaders):
            # without it every request parses every template again. In development it is
            # emptied whenever a template file changes, so edits still show on reload.
            "loaders": [
                (
                    "template_partials.loader.Loader",
                    [
                        (
                            "django.template.loaders.cached.Loader",
                            [
                                "django.template.loaders.filesystem.Loader",
                                "django.template.loaders.app_directories.Loader",
                            ],
                        )
                    ],
                )
            ],
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.peran",
            ],
            "builtins": ["template_partials.templatetags.partials"],
        },
    },
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"].setdefault("ATOMIC_REQUESTS", False)
# Before a request reuses a connection (CONN_MAX_AGE > 0), check that it still works: after a
# PostgreSQL restart or a connection closed by the server, the request reconnects instead of
# failing. Costs nothing with CONN_MAX_AGE = 0 (a new connection per request).
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# Keep each process's connection for this many seconds instead of opening one per request:
# opening a PostgreSQL connection (a new server process) cost more than a whole /healthz answer
# in the load benchmark. Production (DEBUG off) keeps it 60 s by default; 0 = one per request.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0 if DEBUG else 60)
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # No JIT compilation of queries: PostgreSQL switches it on for queries whose estimated cost
    # is high (counts over every pegawai of a Pemda with EXISTS per row), and compiling took
    # 490 ms of Monitoring Pengisian's 530 ms query at 20,000 pegawai; the query itself ran in
    # 40 ms. The app's queries are short: JIT never pays for itself here.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("options", "-c jit=off")
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Writers take the lock when their transaction starts, so a second request (a double click)
    # waits for the first instead of failing with "database is locked" halfway through; the
    # workflow then refuses it with its own Indonesian message.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("transaction_mode", "IMMEDIATE")
    DATABASES["default"]["OPTIONS"].setdefault("timeout", 20)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    # django-axes first so locked-out attempts never reach the password check.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "beranda"
LOGOUT_REDIRECT_URL = "login"

# How many reverse proxies in front of the app append to X-Forwarded-For (and set
# X-Forwarded-Proto). 0: none, the client address is REMOTE_ADDR and both headers are ignored,
# since anyone can send them. Used by the login and password-reset throttling (core.throttle).
TRUSTED_PROXIES = env.int("DJANGO_TRUSTED_PROXIES", default=0)

# Throttling of failed logins (django-axes): 5 failures for one NIP from one address, or 20 from
# one address across NIPs (password spraying), lock out for 15 minutes.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
LOGIN_GAGAL_MAKS_PER_ALAMAT = env.int("LOGIN_GAGAL_MAKS_PER_ALAMAT", default=20)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
# Per NIP and address: a whole office behind one NAT address is not locked out by one person.
# The per-address count is added by core.throttle.LoginHandler.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_HANDLER = "core.throttle.LoginHandler"
AXES_CLIENT_IP_CALLABLE = "core.throttle.client_ip"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/terkunci.html"
AXES_VERBOSE = False

# Password-reset requests (each sends a mail), per NIP or email and per address, in a window.
# Per address it is high: after an import a whole office may set its first passwords at once.
RESET_SANDI_MAKS_PER_AKUN = env.int("RESET_SANDI_MAKS_PER_AKUN", default=5)
RESET_SANDI_MAKS_PER_ALAMAT = env.int("RESET_SANDI_MAKS_PER_ALAMAT", default=50)
RESET_SANDI_JENDELA = timedelta(minutes=env.int("RESET_SANDI_JENDELA_MENIT", default=60))

# Activation letters for pegawai without email (organisasi/aktivasi.py): the printed one-time
# code works until the end of the day this many days after it was issued. Attempts are
# throttled like sign-in failures (AXES_FAILURE_LIMIT per NIP, LOGIN_GAGAL_MAKS_PER_ALAMAT per
# address, within AXES_COOLOFF_MINUTES).
AKTIVASI_BERLAKU_HARI = env.int("AKTIVASI_BERLAKU_HARI", default=14)

LANGUAGE_CODE = "id"
# Only Indonesian: an English browser must not switch form errors and month names to English.
LANGUAGES = [("id", "Bahasa Indonesia")]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    # Bootstrap comes from a pip package, so nothing is loaded from a CDN (offline LAN).
    ("vendor/bootstrap", bootstrap_wrapper.get_bootstrap_dir()),
]
STORAGES = {
    # The filesystem under MEDIA_ROOT, or an S3-compatible store when AWS_STORAGE_BUCKET_NAME is
    # set (config/penyimpanan.py). Nothing in it is served from a public URL.
    "default": penyimpanan_bawaan(env),
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
MEDIA_ROOT = env.path("DJANGO_MEDIA_ROOT", default=BASE_DIR / "media")
MEDIA_URL = "media/"

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Mail (password reset, notifications). Console in development.
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="SKP <noreply@skp.localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Notification mail is sent by the background worker (core/surel.py); while the server refuses
# it is tried again after 1, 2, 4 ... minutes (at most an hour apart), 10 attempts in all
# (about 4 hours), then recorded as failed. A connection attempt gives up after EMAIL_TIMEOUT.
SUREL_MAKS_PERCOBAAN = env.int("SUREL_MAKS_PERCOBAAN", default=10)
SUREL_JEDA_AWAL_DETIK = env.int("SUREL_JEDA_AWAL_DETIK", default=60)
SUREL_JEDA_MAKS_DETIK = env.int("SUREL_JEDA_MAKS_DETIK", default=3600)
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=30)
# The address people open the app at, for links in emails, PDFs and letters (no trailing slash).
# Unset: the address of the request being served, or for the background worker the first https
# origin of CSRF_TRUSTED_ORIGINS (else the first allowed host); see core/alamat.py.
SITE_URL = env.str("SITE_URL", default="").rstrip("/")

# Background jobs (the bulk PDF export): Django's Tasks API (the django-tasks backport on 5.2)
# with the database backend, so `manage.py db_worker` can run on any number of machines.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
# Each worker holds a lease renewed every PEKERJA_DETAK_DETIK seconds; a worker silent for
# PEKERJA_LEASE_DETIK is dead and its running job goes back to the queue, at most
# PEKERJA_MAKS_PERCOBAAN runs in all (core/pekerja.py). The lease must outlast a few missed
# beats (a busy database), so keep it at several times the beat.
PEKERJA_DETAK_DETIK = env.float("PEKERJA_DETAK_DETIK", default=10)
PEKERJA_LEASE_DETIK = env.float("PEKERJA_LEASE_DETIK", default=60)
PEKERJA_MAKS_PERCOBAAN = env.int("PEKERJA_MAKS_PERCOBAAN", default=3)

# Caches. "default" stays in each process's memory. "pratinjau" keeps the rendered draft
# previews (skp/pratinjau.py): every gunicorn worker and the background worker that renders
# the large ones must share it, so it lives in the database by default (one table, created by
# `manage.py createcachetable`, which the container entrypoint and `make run` run on start).
# PRATINJAU_CACHE_URL moves it elsewhere, e.g. redis://host:6379/1.
# CACHE_URL (e.g. redis://127.0.0.1:6379/0) shares "default" between every gunicorn worker and
# machine; then the sessions live in it too (read from the cache, written through to the
# database), which saves a query on every request. Without it each process keeps its own cache
# in memory and the sessions stay in the database only: a per-process session cache would let
# a session ended in one worker live on in another.
CACHE_URL = env.str("CACHE_URL", default="")
CACHES = {
    "default": env.cache_url_config(CACHE_URL)
    if CACHE_URL
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "pratinjau": env.cache_url("PRATINJAU_CACHE_URL", default="dbcache://skp_cache_pratinjau"),
    # Answers kept until the data they come from changes (core/versi.py): they and their
    # versions must be one store for every process, so without CACHE_URL the database.
    "bersama": env.cache_url_config(CACHE_URL)
    if CACHE_URL
    else env.cache_url("BERSAMA_CACHE_URL", default="dbcache://skp_cache_bersama"),
}
for _cache in CACHES.values():
    # The same redis cache, keeping one client per pool (core/cache_redis.py).
    if _cache["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
        _cache["BACKEND"] = "core.cache_redis.RedisCache"
if CACHE_URL:
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
# A draft preview is worth keeping for a day at most: it prints today's date.
CACHES["pratinjau"].setdefault("TIMEOUT", 24 * 60 * 60)
if CACHES["pratinjau"]["BACKEND"].endswith(("DatabaseCache", "FileBasedCache", "LocMemCache")):
    # About 30-300 KB each: at most a few hundred MB however many drafts are previewed.
    CACHES["pratinjau"].setdefault("OPTIONS", {}).setdefault("MAX_ENTRIES", 2000)
# Kept answers are copied into each process too (core/versi.py), at most this many megabytes
# per gunicorn worker: a page then asks the shared store only for the versions.
JAWABAN_DEKAT_MB = env.int("JAWABAN_DEKAT_MB", default=32)
if CACHES["bersama"]["BACKEND"].endswith("DatabaseCache"):
    # Django's default of 300 entries would cull the answers and parts kept for a few dozen
    # people (each person's inbox and pages are entries of their own): room for a Pemda's day.
    CACHES["bersama"].setdefault("OPTIONS", {}).setdefault("MAX_ENTRIES", 20000)

# The certificate that signs issued SKP PDFs (PAdES): a PKCS#12 file and its passphrase. The
# default is the self-signed development certificate `make run` creates (buat_sertifikat_dev);
# in production point it at the institution's certificate (e.g. from BSrE).
SKP_SIGN_P12 = env.path("SKP_SIGN_P12", default=BASE_DIR / "var" / "dev-cert.p12")
SKP_SIGN_P12_PASSPHRASE = env.str("SKP_SIGN_P12_PASSPHRASE", default="skp-dev")

# Largest spreadsheet an admin may upload (bytes).
IMPOR_MAKS_BYTES = env.int("IMPOR_MAKS_BYTES", default=10 * 1024 * 1024)
# What one spreadsheet may hold, checked while it is read (core/xlsx.py): rows per sheet,
# columns, cells of all sheets together, and the unpacked XML of an XLSX. A 20,000-pegawai
# file has 20,001 rows, 12 columns and about 7 MB of XML.
IMPOR_MAKS_BARIS = env.int("IMPOR_MAKS_BARIS", default=50_000)
IMPOR_MAKS_KOLOM = env.int("IMPOR_MAKS_KOLOM", default=200)
IMPOR_MAKS_SEL = env.int("IMPOR_MAKS_SEL", default=1_000_000)
IMPOR_MAKS_XML_BYTES = env.int("IMPOR_MAKS_XML_BYTES", default=200 * 1024 * 1024)
# Largest request body (an upload with its form fields), refused with 413 before anything
# reads it (core.middleware.BatasUnggahMiddleware). Every upload limit (IMPOR_MAKS_BYTES, and
# any later one) must fit under it; set the proxy's limit to the same (nginx:
# client_max_body_size).
UNGGAH_MAKS_BYTES = env.int("UNGGAH_MAKS_BYTES", default=IMPOR_MAKS_BYTES + 1024 * 1024)
# An upload that passed that cap is kept in memory (the importers read it whole anyway), so no
# upload is ever written to a temporary file.
FILE_UPLOAD_MAX_MEMORY_SIZE = UNGGAH_MAKS_BYTES
# Form fields other than files (Django's default).
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
# Largest bukti dukung file a pegawai may upload (bytes); must fit under UNGGAH_MAKS_BYTES.
BUKTI_MAKS_BYTES = env.int("BUKTI_MAKS_BYTES", default=10 * 1024 * 1024)
# How many days after writing it a pegawai may still change a jurnal kinerja entry; after that
# it is kept as it was.
JURNAL_HARI_UBAH = env.int("JURNAL_HARI_UBAH", default=3)

# Content-Security-Policy (django-csp; Django 6 has the same settings built in as SECURE_CSP):
# scripts and styles only from the app's own static files, so injected markup can run nothing.
# No inline <script>, <style>, style="" or on...="" anywhere, and htmx must not eval (base.html
# turns allowEval off). data: images are Bootstrap's icons (navbar toggler, form controls).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}

# The load balancer's and docker-compose's probe talks plain HTTP to the app itself.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

# Production hardening. DJANGO_SECURE=false only behind a LAN without TLS, knowingly.
if not DEBUG:
    _secure = env.bool("DJANGO_SECURE", default=True)
    # X-Forwarded-Proto says "https" only when a proxy that terminates TLS sets it; without one
    # the client could send it and make Django treat plain HTTP as secure.
    if env.bool("DJANGO_PROXY_SSL_HEADER", default=TRUSTED_PROXIES > 0):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = _secure
    SESSION_COOKIE_SECURE = _secure
    CSRF_COOKIE_SECURE = _secure
    SECURE_HSTS_SECONDS = env.int("DJANGO_HSTS_SECONDS", default=31536000 if _secure else 0)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = _secure
    SECURE_HSTS_PRELOAD = _secure
    SECURE_CONTENT_TYPE_NOSNIFF = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("DJANGO_LOG_LEVEL", default="INFO")},
    # WeasyPrint logs every rendering step at INFO.
    "loggers": {"axes": {"level": "WARNING"}, "weasyprint": {"level": "WARNING"}},
}
