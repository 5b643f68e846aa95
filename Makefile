# Two commands set everything up on a fresh machine: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
CACHE := $(CURDIR)/.cache
export AIRFLOW_HOME ?= $(CACHE)/airflow
export AIRFLOW__CORE__LOAD_EXAMPLES := False
export AIRFLOW__CORE__DAGS_FOLDER := $(CURDIR)/dags
export AIRFLOW__CORE__UNIT_TEST_MODE := False
export PATH := $(CURDIR)/$(VENV)/bin:$(PATH)
# Run data (raw archive, batches) of the local runs stays in the checkout.
export INGEST_DATA_DIR ?= $(CURDIR)/.cache/data
# Inside Airflow the tasks reach Elasticsearch through this connection.
INGEST_ES_URL ?= http://127.0.0.1:9200
export AIRFLOW_CONN_ELASTICSEARCH_DEFAULT ?= elasticsearch://$(patsubst http://%,%,$(INGEST_ES_URL))

.PHONY: help venv es-up es-down es-status run serve airflow browser-deps test bench bench-heldout rehearse soak docs clean

help:  ## list the targets
	@grep -E '^[a-z-]+:.*##' $(MAKEFILE_LIST) | sed 's/:.*##/\t/' | column -t -s $$'\t'

# The virtualenv is rebuilt when pyproject.toml changes.
$(VENV)/.installed: pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "need $(PYTHON) on PATH (or make PYTHON=...)"; exit 1; }
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@echo "installing the pinned dependencies into $(VENV) (log: .cache/pip.log)"
	@mkdir -p $(CACHE)
	@{ $(PY) -m pip install --upgrade pip && $(PY) -m pip install -e ".[airflow,dev]"; } >$(CACHE)/pip.log 2>&1 \
	  || { tail -30 $(CACHE)/pip.log; exit 1; }
	@touch $@

venv: $(VENV)/.installed  ## create .venv with the pinned dependencies

es-up: venv  ## start local Elasticsearch (no-op if INGEST_ES_URL answers)
	@PYTHON=$(PY) scripts/es.sh up

es-down:  ## stop the Elasticsearch this project started, and nothing else
	@scripts/es.sh down

es-status:
	@scripts/es.sh status

$(AIRFLOW_HOME)/airflow.db: $(VENV)/.installed
	@mkdir -p $(AIRFLOW_HOME)
	airflow db migrate >$(AIRFLOW_HOME)/migrate.log 2>&1 || { tail -20 $(AIRFLOW_HOME)/migrate.log; exit 1; }
	airflow pools set news_fetch 4 "concurrent news fetching" >>$(AIRFLOW_HOME)/migrate.log 2>&1

run: es-up $(AIRFLOW_HOME)/airflow.db  ## one real ingestion run through Airflow, then a sample search
	@echo "== airflow dags test korea_russia_news (log: $(AIRFLOW_HOME)/last-run.log)"
	@airflow dags test korea_russia_news >$(AIRFLOW_HOME)/last-run.log 2>&1 || { tail -40 $(AIRFLOW_HOME)/last-run.log; exit 1; }
	@grep -oE "DagRun Finished: dag_id=[^,]*|state=[a-z]+, run_type" $(AIRFLOW_HOME)/last-run.log | tr '\n' ' '; echo
	@echo "== ingest report"
	@ingest report
	@echo '== ingest search "red line"'
	@ingest search "red line"
	@echo '== the workspace in the browser: make serve  (then open http://127.0.0.1:8008/)'

serve: es-up  ## the analyst's workspace on http://127.0.0.1:8008/ (ingest serve; Ctrl-C stops it)
	ingest serve

airflow: es-up $(AIRFLOW_HOME)/airflow.db  ## Airflow UI on http://localhost:8080 (airflow standalone)
	airflow standalone

# The browser tests (tests/browser) drive Debian's chromium; Hangul and Cyrillic need fonts-noto-cjk.
browser-deps:  ## chromium and CJK fonts for the browser tests (apt-get, as root, when missing)
	@if [ -x /usr/bin/chromium ] && fc-list 2>/dev/null | grep -qi "Noto Sans CJK"; then :; \
	elif [ "$$(id -u)" = 0 ]; then \
	  echo "installing chromium fonts-noto-cjk (apt-get)"; mkdir -p $(CACHE); \
	  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk; } >$(CACHE)/apt.log 2>&1 \
	    || { tail -20 $(CACHE)/apt.log; exit 1; }; \
	else echo "the browser tests need: sudo apt-get install chromium fonts-noto-cjk"; exit 1; fi

test: venv browser-deps  ## the whole suite against a real Elasticsearch (started and stopped if needed)
	@PYTHON=$(PY) scripts/with-es.sh $(PY) -m pytest -p no:cacheprovider -ra $(PYTEST_ARGS)

rehearse: venv  ## production topology without Docker (Postgres, Redis, 2 Celery workers, 3-node ES) with faults
	@PYTHON=$(PY) $(PY) scripts/rehearse.py

# Not in CI: about an hour (SOAK_RUNS, SOAK_SCHEDULE, SOAK_NEW; the rehearsal's REHEARSE_* ports).
soak: venv  ## 48 scheduled runs on the rehearsal topology, the fixture site renewing content; JSON in bench/results/
	@PYTHON=$(PY) nice -n 10 $(PY) scripts/soak.py

bench: es-up  ## benchmarks (bench/), table in the terminal, JSON in bench/results/
	$(PY) -m bench.all
	$(PY) -m bench.alerts

bench-heldout: venv  ## ingest enrich as whole processes on the held-out articles against naive full spaCy (no Elasticsearch)
	$(PY) -m bench.heldout --json bench/results/heldout.json

# The generated parts of the pages (command reference, settings, results tables) are rewritten
# by cog from scripts/docsgen.py; tests/integration/test_docs.py checks them and the strict build.
DOCS_COG = $(VENV)/bin/cog -I scripts
docs: venv  ## regenerate the docs' generated parts, then build the site into site/ (strict: a broken link fails)
	$(DOCS_COG) -r docs/*.md README.md
	NO_MKDOCS_2_WARNING=1 $(VENV)/bin/mkdocs build --strict --site-dir site

clean:  ## remove the virtualenv and caches (not the downloaded distribution)
	rm -rf $(VENV) $(CACHE)/airflow $(CACHE)/data site
