"""ingest.settings: typed, validated once, read from the environment only on request."""

from __future__ import annotations

import pytest

from ingest.errors import ConfigError
from ingest.settings import Settings


def test_defaults_ignore_the_environment(monkeypatch):
    monkeypatch.setenv("INGEST_FETCH_TIMEOUT", "99")
    assert Settings().fetch_timeout == 20.0  # a plain value: library code never reads the environment
    assert Settings.from_env().fetch_timeout == 99.0


@pytest.mark.parametrize(
    "name, value, words",
    [
        ("INGEST_FETCH_TIMEOUT", "abc", "valid number"),
        ("INGEST_FETCH_RETRIES", "-1", "greater than or equal to 0"),
        ("INGEST_ES_URL", "localhost:9200", "http(s) URL"),
        ("INGEST_ALLOW_PRIVATE_HOSTS", "perhaps", "valid boolean"),
        ("INGEST_INDEX_PREFIX", "Bad Prefix", "pattern"),
    ],
)
def test_a_bad_variable_is_one_line_naming_it(monkeypatch, name, value, words):
    monkeypatch.setenv(name, value)
    with pytest.raises(ConfigError) as info:
        Settings.from_env()
    message = str(info.value)
    assert message.startswith(f"{name}: ") and words in message and "\n" not in message
    assert info.value.reason == "bad_setting"


def test_explicit_overrides_beat_the_environment(monkeypatch):
    monkeypatch.setenv("INGEST_LOOKBACK_HOURS", "6")
    assert Settings.from_env(lookback_hours=48).lookback_hours == 48


def test_paths_resolve_from_data_dir_and_package_data(tmp_path):
    cfg = Settings(data_dir=tmp_path)
    assert cfg.archive_path == tmp_path / "archive"
    assert cfg.replace(data_dir=tmp_path / "other").archive_path == tmp_path / "other" / "archive"
    assert Settings(archive_dir=tmp_path / "a").archive_path == tmp_path / "a"
    assert (cfg.seed_path / "seeds.yaml").is_file() and cfg.sources_path.name == "sources.yaml"


def test_replace_validates_too():
    with pytest.raises(ConfigError, match="fetch_retries"):
        Settings().replace(fetch_retries=-5)


def test_public_masks_secrets():
    shown = Settings(es_password="s3cret", kibana_password="k").public()
    assert shown["es_password"] == "***" and shown["kibana_password"] == "***"
    assert "s3cret" not in repr(Settings(es_password="s3cret"))


def test_each_section_is_a_value_of_its_own(tmp_path):
    from ingest.settings import EsSettings, FetchSettings, StoreSettings

    cfg = Settings(fetch_timeout=5, index_prefix="t-", data_dir=tmp_path)
    assert cfg.fetch == FetchSettings(fetch_timeout=5) and not hasattr(cfg.fetch, "es_url")
    assert type(cfg.es) is EsSettings and cfg.es.articles_alias == "t-articles" and cfg.es.state_index == "t-ingest-state"
    assert cfg.store == StoreSettings(data_dir=tmp_path) and cfg.store.archive_path == tmp_path / "archive"
    assert cfg.es is cfg.es  # built once
    assert cfg.replace(fetch_timeout=6).fetch.fetch_timeout == 6


def test_the_web_section_is_nested_and_read_with_its_own_prefix(monkeypatch):
    monkeypatch.setenv("INGEST_WEB_PORT", "9000")
    monkeypatch.setenv("INGEST_WEB_ES_USERNAME", "reader")
    cfg = Settings.from_env()
    assert cfg.web.port == 9000 and cfg.web.es_username == "reader" and not cfg.web.reads_as_pipeline()
    assert Settings().web.port == 8008  # a plain value: the environment only through from_env
    monkeypatch.setenv("INGEST_WEB_PORT", "x")
    with pytest.raises(ConfigError, match="^INGEST_WEB_PORT: "):
        Settings.from_env()
