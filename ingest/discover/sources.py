"""The sources file (``sources.yaml``, package data): feeds and search APIs, validated.

A bad file is a :class:`~ingest.errors.ConfigError` naming the source and the field.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ingest.errors import ConfigError
from ingest.urls import http_url

KINDS = ("rss", "atom", "gdelt")
_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
LANG = re.compile(r"^[a-z]{2,3}$")
_FIELDS = {"name", "kind", "url", "language", "enabled", "query", "supports_interval", "note", "timezone"}


@dataclass(frozen=True)
class Source:
    name: str
    kind: str  # rss | atom | gdelt
    url: str
    language: str | None = None  # ISO 639-1 of the edition; "mul" for multilingual searches
    enabled: bool = True
    query: str | None = None  # gdelt only
    supports_interval: bool = False  # can backfill a start/end window (gdelt)
    note: str | None = None
    timezone: str | None = None  # IANA zone its times are shown in, when its outlet format names none



def _validate(entry: Any, index: int, path: Path) -> Source:
    label = f"{path.name}: source #{index + 1}"
    if not isinstance(entry, dict):
        raise ConfigError(f"{label}: expected a mapping, got {type(entry).__name__}")
    name = entry.get("name")
    if not isinstance(name, str) or not _NAME.match(name):
        raise ConfigError(f"{label}: name must be lowercase letters, digits, '-' or '_', got {name!r}")
    label = f"{path.name}: source {name!r}"
    unknown = sorted(set(entry) - _FIELDS)
    if unknown:
        raise ConfigError(f"{label}: unknown field(s) {', '.join(unknown)} (allowed: {', '.join(sorted(_FIELDS))})")
    kind = entry.get("kind")
    if kind not in KINDS:
        raise ConfigError(f"{label}: kind must be one of {', '.join(KINDS)}, got {kind!r}")
    url = entry.get("url")
    if http_url(url) is None:
        raise ConfigError(f"{label}: url must be an absolute http(s) URL, got {url!r}")
    language = entry.get("language")
    if language is not None and (not isinstance(language, str) or not LANG.match(language)):
        raise ConfigError(f"{label}: language must be an ISO 639 code like 'en', got {language!r}")
    for flag in ("enabled", "supports_interval"):
        if flag in entry and not isinstance(entry[flag], bool):
            raise ConfigError(f"{label}: {flag} must be true or false, got {entry[flag]!r}")
    query = entry.get("query")
    if kind == "gdelt" and (not isinstance(query, str) or not query.strip()):
        raise ConfigError(f"{label}: a gdelt source needs a non-empty query")
    if kind != "gdelt" and (query is not None or entry.get("supports_interval")):
        raise ConfigError(f"{label}: query and supports_interval apply to gdelt sources only")
    tz = entry.get("timezone")
    if tz is not None:
        from ingest.extract.outlets import zone

        if not isinstance(tz, str):
            raise ConfigError(f"{label}: timezone must be an IANA name like 'Asia/Seoul', got {tz!r}")
        zone(tz, label)
    return Source(
        name=name,
        kind=kind,
        url=url,
        language=language,
        enabled=entry.get("enabled", True),
        query=query.strip() if isinstance(query, str) else None,
        supports_interval=entry.get("supports_interval", False),
        note=str(entry["note"]) if entry.get("note") is not None else None,
        timezone=tz,
    )


def load_sources(path: Path, names: list[str] | None = None, only_enabled: bool = True) -> list[Source]:
    """The sources in ``path`` (``Settings.sources_path``), validated.

    ``names`` picks sources by name (an unknown name is an error, so is a disabled one
    while ``only_enabled`` holds).
    """
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{path}: sources file not found") from None
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise ConfigError(f"{path}: cannot read sources: {' '.join(str(exc).split())[:200]}") from None
    entries = data.get("sources") if isinstance(data, dict) else data
    if not isinstance(entries, list) or not entries:
        raise ConfigError(f"{path}: expected a non-empty 'sources' list")
    sources = [_validate(entry, i, path) for i, entry in enumerate(entries)]
    seen: set[str] = set()
    for s in sources:
        if s.name in seen:
            raise ConfigError(f"{path.name}: duplicate source name {s.name!r}")
        seen.add(s.name)
    # names as typed into a form: white space around them is not part of a name (empty ones are dropped)
    names = [n for n in (n.strip() if isinstance(n, str) else n for n in names or []) if n != ""]
    if names:
        by_name = {s.name: s for s in sources}
        missing = [n for n in names if n not in by_name]
        if missing:  # quoted exactly as given, so a stray character shows
            raise ConfigError(f"unknown source(s): {', '.join(map(repr, missing))} (known: {', '.join(sorted(by_name))})")
        sources = [by_name[n] for n in dict.fromkeys(names)]
        disabled = [s.name for s in sources if not s.enabled]
        if only_enabled and disabled:
            raise ConfigError(f"source(s) disabled in {path.name}: {', '.join(disabled)}")
        return sources
    return [s for s in sources if s.enabled or not only_enabled]


def list_sources_rows(path: Path, names: list[str] | None = None, only_enabled: bool = False) -> list[dict]:
    """Rows for ``ingest sources``: name, kind, url, language, enabled."""
    return [
        {"name": s.name, "kind": s.kind, "url": s.url, "language": s.language, "enabled": s.enabled}
        for s in load_sources(path, names, only_enabled)
    ]


def timezones(path: Path) -> dict[str, str]:
    """Source name → the IANA zone the sources file names for it, for the sources that name one.

    Read once per version of the file. A page with no source of the file (recovered, added by
    hand, a source since removed) has none: extraction then reads it in its outlet's zone.
    """
    path = Path(path)
    return _timezones(str(path), path.stat().st_mtime_ns)


@functools.lru_cache(maxsize=4)
def _timezones(path: str, _version: int) -> dict[str, str]:
    return {s.name: s.timezone for s in load_sources(Path(path), only_enabled=False) if s.timezone}
