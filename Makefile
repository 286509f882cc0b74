# Two commands on a fresh machine: `make run` (demo on SQLite) and `make test` (whole suite).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.terpasang

.PHONY: run test install lint format clean

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(PY) manage.py migrate --noinput
	$(PY) manage.py createcachetable
	$(PY) manage.py buat_sertifikat_dev
	$(PY) manage.py seed_demo --jika-kosong
	@echo ""
	@echo "Aplikasi berjalan di http://127.0.0.1:8000/ (hentikan dengan Ctrl+C)"
	@echo "Pekerja latar belakang (ekspor PDF) ikut berjalan: manage.py db_worker"
	$(PY) manage.py db_worker & PEKERJA=$$!; trap 'kill $$PEKERJA 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py runserver 127.0.0.1:8000

test: $(STAMP)
	$(PY) -m pytest

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(STAMP)
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache staticfiles
