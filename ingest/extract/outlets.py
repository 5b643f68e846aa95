"""Outlet formats as data: ``ingest/resources/wire/*.yaml``, one file per outlet or wire.

Each file describes how one outlet's copy looks, so supporting a new outlet is
a few lines of YAML, no code. Keys (all optional but ``outlet``)::

    outlet: yonhap                 # a name for messages and tests
    domains: [yna.co.kr]           # registered domains whose URLs follow the url_dates rules
    url_dates:                     # regexes over path?query; groups y, m, d (a full date)
      - '/view/[A-Z]{3}(?P<y>\\d{4})(?P<m>\\d{2})(?P<d>\\d{2})\\d'
    url_years:                     # regexes giving only y (and m): enough to complete a dateline
      - '/(?P<y>\\d{4})/(?P<m>\\d{2})/'
    datelines:                     # the opening of a story; groups month, day, optional outlet
      - '^[A-Z][A-Z./ ]+, (?P<month>[A-Z][a-z]+)\\.? (?P<day>\\d{1,2}) \\((?P<outlet>Yonhap)\\) -+ '
    title_marks: ['\\(2nd LD\\)']  # version marks and slugs removed from headlines
    drop: ['^\\(END\\)$']          # a paragraph this matches is furniture (credits, captions, e-mail)
    caption_credit: ['^[A-Z][a-z]+ [A-Z][a-z]+/The Korea Herald$']  # a credit line under a caption:
                                   # it goes, the caption stays
    bylines: ['^By (?P<names>.+)$']  # furniture whose ``names`` group gives the authors
    blocks: ['^Related Articles$']   # a heading that starts furniture running to the end of the text
    short_blocks: ['^Read also$']    # a heading followed by one furniture line (a headline)
    transcripts: [...]             # broadcast lines with groups name, title (optional), quote
    mask: [...]                    # text the language tools must not read (speaker labels)
    language: ko                   # the rules below apply to text in this language only
    blank: [...]                   # inline furniture blanked in place, offsets kept (the whole
                                   # match, or its ``blank`` group): Korean and Russian press

An outlet's rules apply to pages of its domains; text of unknown origin gets
every outlet's rules (``ingest enrich FILE``). Files whose ``domains`` is
empty (the big wires: Reuters, AP, AFP, generic furniture) apply everywhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from ingest.errors import ConfigError
from ingest.resources import load_yaml, path as resource_path

WIRE_DIR = resource_path("wire")
_PATTERN_KEYS = ("url_dates", "url_years", "datelines", "title_marks", "drop", "caption_credit", "bylines",
                 "blocks", "short_blocks", "transcripts", "mask", "blank")


@dataclass(frozen=True)
class Outlet:
    name: str
    domains: tuple[str, ...] = ()
    language: str | None = None
    patterns: dict[str, tuple[re.Pattern, ...]] = field(default_factory=dict)

    def rules(self, key: str) -> tuple[re.Pattern, ...]:
        return self.patterns.get(key, ())

    def has(self, key: str) -> bool:
        return key in self.patterns


def _compile(path: Path, key: str, values) -> tuple[re.Pattern, ...]:
    if not isinstance(values, list):
        raise ConfigError(f"{path}: {key} must be a list of regexes")
    out = []
    for value in values:
        try:
            out.append(re.compile(str(value), re.MULTILINE))
        except re.error as exc:
            raise ConfigError(f"{path}: {key}: bad regex {value!r}: {exc}") from None
    return tuple(out)


def _read(path: Path) -> Outlet:
    try:
        raw = load_yaml(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"cannot read outlet format {path}: {exc}") from None
    if not isinstance(raw, dict) or not raw.get("outlet"):
        raise ConfigError(f"{path}: an outlet format is a mapping with an 'outlet' name")
    unknown = set(raw) - {"outlet", "domains", "language", "note", *_PATTERN_KEYS}
    if unknown:
        raise ConfigError(f"{path}: unknown keys {sorted(unknown)}")
    patterns = {k: _compile(path, k, raw[k] or []) for k in _PATTERN_KEYS if k in raw}
    language = str(raw["language"]) if raw.get("language") else None
    return Outlet(str(raw["outlet"]), tuple(str(d).lower() for d in raw.get("domains") or ()), language, patterns)


@lru_cache(maxsize=4)
def load(folder: str | None = None) -> tuple[Outlet, ...]:
    """Every outlet format of ``folder`` (default: the shipped ``wire/`` folder), by file name."""
    root = Path(folder) if folder else WIRE_DIR
    return tuple(_read(p) for p in sorted(root.glob("*.yaml")))


def _domain(url: str | None) -> str:
    if not url:
        return ""
    from ingest.urls import registered_domain

    try:
        return (registered_domain(url) or "").lower()
    except Exception:  # noqa: BLE001 - a malformed URL has no outlet
        return ""


def for_url(url: str | None, outlets: tuple[Outlet, ...] | None = None) -> tuple[Outlet, ...]:
    """The formats that apply to a page: its outlet's and the general ones; every one when unknown."""
    outlets = outlets if outlets is not None else load()
    domain = _domain(url)
    own = [o for o in outlets if domain and domain in o.domains]
    if not own:
        return outlets
    return tuple(own) + tuple(o for o in outlets if not o.domains)


def outlet_of(url: str | None, outlets: tuple[Outlet, ...] | None = None) -> Outlet | None:
    """The outlet whose domain the URL is on, or None."""
    domain = _domain(url)
    for o in outlets if outlets is not None else load():
        if domain and domain in o.domains:
            return o
    return None


__all__ = ["Outlet", "WIRE_DIR", "load", "for_url", "outlet_of"]
