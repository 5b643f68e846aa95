"""What vulture cannot see being used: names that a framework calls, or that are read by name.

Reviewed by hand (``vulture --make-whitelist`` lists candidates; each line here says who uses the name).
Vulture reads this file, it is never imported. Names are matched anywhere in the code, so keep them few.
"""
# ruff: noqa: F821, B018

# -- counts written as attributes and read by name: dataclasses.asdict / fields() (XCom, run report) ------
already_seen  # ingest/models.py Counts, ingest/results.py DiscoverCounts
bad_urls  # the same
reused  # ingest/results.py EnrichCounts
clustered  # ingest/results.py IndexCounts
ours_seconds  # bench/report.py StageResult, written to bench/results/*.json
naive_seconds  # the same
round_ratios  # the same
_.fetchd  # tests/unit/test_models.py: the misspelling must be an AttributeError

# -- pydantic-settings: validators run by decorator; the hook is called with these keyword names ---------
_._check_es_ca  # ingest/settings.py @field_validator / @model_validator
_._check_es_url
_._check_es_sizes
_._check_data_dir
_._check_store_paths
_._store_url
_._check_discover_paths
_._check_kibana_url
_._check_airflow_url
_._check_web_ca
_._check_web_url
_._check_alert_url  # ingest/alerts/settings.py
_.settings_customise_sources  # BaseSettings hook
settings_cls  # its parameters, passed by keyword
dotenv_settings
file_secret_settings

# -- functools.lru_cache: the argument is the cache key ---------------------------------------------------
kb_id  # ingest/query_entities.py _index(id(kb))

# -- httpcore: the network backend's interface ------------------------------------------------------------
_.connect_tcp  # ingest/fetch/guard.py GuardedBackend

# -- Jinja templates (ingest/web/templates/search.html) ---------------------------------------------------
_.toggle  # SearchState.toggle
_.as_path  # SearchState.as_path

# -- cog: docs/*.md call these inside [[[cog ]]] blocks (make docs) -------------------------------------
cli_reference  # scripts/docsgen.py
settings_table
bench_tables
rehearsal_table
heldout_table
soak_table
web_table

# -- the standard library's http.server, html.parser, ssl and socketserver call these by name -----------
_.do_GET
_.do_HEAD
_.do_POST
do_GET  # assigned in a class body (tests/unit/test_compose.py, tests/unit/test_kibana.py)
do_POST
do_PUT
_.log_message
protocol_version
disable_nagle_algorithm
_.daemon_threads
_.close_connection
_.handle_starttag  # tests/integration/test_web.py HTMLParser
_.sni_callback  # tests/unit/fetch/test_guard.py ssl.SSLContext
_.handle_DATA  # tests/integration/test_alerts.py aiosmtpd's handler hook

# -- DB-API and uvicorn attributes set for the library to read --------------------------------------------
_.autocommit  # scripts/rehearse.py psycopg2 connection
_.should_exit  # tests/browser/conftest.py uvicorn.Server

# -- pytest: fixtures requested by parameter name, hooks and marks found by name ------------------------
airflow_db  # tests/conftest.py fixture
own_enrichment_cache  # tests/unit/enrich/conftest.py autouse fixture
pytest_collection_modifyitems  # tests/secure/conftest.py hook
pytestmark
