# Two commands on a fresh machine: `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.lock-installed
DEMO_PEOPLE ?= 300
export XDG_RUNTIME_DIR := $(CURDIR)/var/run

.PHONY: setup run test lint bench messages makemessages db-stop test-db-stop clean

$(STAMP): requirements.lock
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check --no-deps -r requirements.lock
	@touch $(STAMP)

# Compiled catalogues come from Babel, so GNU gettext is not needed to run the project.
locale/%/LC_MESSAGES/django.mo: locale/%/LC_MESSAGES/django.po $(STAMP)
	$(VENV)/bin/pybabel compile --statistics -D django -d locale -l $* 2>&1 | grep -v "^$$" || true

# The admin's JavaScript strings that Django's Greek lacks, kept by hand (see djangojs.po).
locale/%/LC_MESSAGES/djangojs.mo: locale/%/LC_MESSAGES/djangojs.po $(STAMP)
	$(VENV)/bin/pybabel compile --statistics -D djangojs -d locale -l $* 2>&1 | grep -v "^$$" || true

setup: $(STAMP) locale/el/LC_MESSAGES/django.mo locale/en/LC_MESSAGES/django.mo \
       locale/el/LC_MESSAGES/djangojs.mo locale/en/LC_MESSAGES/djangojs.mo
	@mkdir -p var/run && chmod 700 var/run

run: setup
	DJANGO_DEBUG=$${DJANGO_DEBUG:-1} $(PY) manage.py migrate --noinput
	DJANGO_DEBUG=$${DJANGO_DEBUG:-1} $(PY) manage.py load_reference_data
	DJANGO_DEBUG=$${DJANGO_DEBUG:-1} $(PY) manage.py create_demo_users
	DJANGO_DEBUG=$${DJANGO_DEBUG:-1} $(PY) manage.py seed_demo --beneficiaries $(DEMO_PEOPLE) --requests $${DEMO_REQUESTS:-1500} --seed 1 --if-empty
	DJANGO_DEBUG=$${DJANGO_DEBUG:-1} $(PY) manage.py runserver 127.0.0.1:8000

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-cache
	DJANGO_DEBUG=1 EMBEDDED_POSTGRES_DIR=$(CURDIR)/var/test-postgres $(PY) manage.py makemigrations --check --dry-run

# Tools that need the PyPI `requests` library, which the project's `requests` app shadows, get
# a venv of their own, never the project's: $(call side_venv,FOLDER,LOCK) installs LOCK there.
define side_venv
$(1)/.lock-installed: $(2)
	@test -x $(1)/bin/python || $$(PYTHON) -m venv $(1)
	$(1)/bin/pip install --quiet --disable-pip-version-check --no-deps -r $(2)
	@touch $$@
endef

# The S3-compatible server of the storage tests (moto, tests/s3/server.py).
S3_VENV := var/s3-venv
S3_STAMP := $(S3_VENV)/.lock-installed
$(eval $(call side_venv,$(S3_VENV),tests/s3/requirements.lock))

test: lint $(S3_STAMP)
	$(VENV)/bin/pytest $(PYTEST_ARGS)

# locust, the throughput run's clients.
LOADTEST_VENV := var/loadtest-venv
LOADTEST_STAMP := $(LOADTEST_VENV)/.lock-installed
$(eval $(call side_venv,$(LOADTEST_VENV),demo/loadtest/requirements.lock))

bench: setup $(LOADTEST_STAMP)
	DJANGO_DEBUG=1 $(PY) manage.py bench --beneficiaries $${BENCH_PEOPLE:-100000} --requests $${BENCH_REQUESTS:-1000000} $(BENCH_ARGS)

# Re-extract the strings to translate (needs GNU gettext; only when you add strings).
makemessages: setup
	DJANGO_DEBUG=1 $(PY) manage.py makemessages -l el -l en --no-obsolete --ignore=.venv --ignore=var --ignore=tests
	$(PY) -m community_centre.i18n fill

db-stop:
	-$(PY) -m community_centre.embedded_db stop $(CURDIR)/var/postgres

test-db-stop:
	-$(PY) -m community_centre.embedded_db stop $(CURDIR)/var/test-postgres
	-$(PY) -m community_centre.embedded_db stop $(CURDIR)/var/test-outage-postgres

clean: db-stop test-db-stop
	rm -rf $(VENV) var
