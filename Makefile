# Two commands on a fresh machine: `make run` (demo on SQLite) and `make test` (whole suite).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.terpasang
# The development server's port: `make run PORT=8100`.
PORT ?= 8000

.PHONY: run test install lint format clean bench-beban

$(STAMP): requirements.txt requirements-dev.txt package.json package-lock.json
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	@# axe-core for the browser tests' accessibility checks (test-only; nothing is served from it).
	if command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund --silent; \
	else echo "npm tidak ada: uji aksesibilitas peramban akan gagal (apt-get install -y npm)."; fi
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(PY) manage.py migrate --noinput
	$(PY) manage.py createcachetable
	$(PY) manage.py buat_sertifikat_dev
	$(PY) manage.py seed_demo --jika-kosong
	@echo ""
	@echo "Aplikasi berjalan di http://127.0.0.1:$(PORT)/ (hentikan dengan Ctrl+C)"
	@echo "Pekerja latar belakang (ekspor PDF) ikut berjalan: manage.py db_worker"
	@# The server takes its address from each request; the worker serves none, so it is told.
	SITE_URL=$${SITE_URL:-http://127.0.0.1:$(PORT)} $(PY) manage.py db_worker & PEKERJA=$$!; \
	trap 'kill $$PEKERJA 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

test: $(STAMP)
	$(PY) -m pytest

# Load benchmark (issue "Deadline day"): gunicorn as in production, 32 concurrent users per page.
# On PostgreSQL with redis (as the README figures): DATABASE_URL=postgres://postgres@127.0.0.1:5432/skp
# CACHE_URL=redis://127.0.0.1:6379/3 make bench-beban
# (its data lives in the sibling database skp_beban). Extra options: make bench-beban ARGS="--durasi 5".
bench-beban: $(STAMP)
	command -v wrk >/dev/null 2>&1 || apt-get install -y -qq wrk
	$(PY) benchmarks/bench_beban.py $(ARGS)

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(STAMP)
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

clean:
	rm -rf $(VENV) node_modules .pytest_cache .ruff_cache staticfiles
