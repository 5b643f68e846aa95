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
    signoffs: ['(?<=[.!?]) (?P<names>[가-힣]{2,4}) 기자$']  # a sign-off closing one of the last
                                   # paragraphs: cut off (the paragraph stays), ``names`` are authors
    lead_bylines: ['^\\(서울=연합뉴스\\) (?P<names>[가-힣]{2,4}) 기자 =']  # a byline opening the
                                   # story: ``names`` are authors, the text stays (the city is a
                                   # place of the story) but for a ``cut`` group, which goes
    agency: ['/(?P<agency>ТАСС)/']   # the agency whose copy the story is (first paragraph): ``source``
    blocks: ['^Related Articles$']   # a heading that starts furniture running to the end of the text
    short_blocks: ['^Read also$']    # a heading followed by one furniture line (a headline)
    transcripts: [...]             # broadcast lines with groups name, title (optional), quote
    mask: [...]                    # text the language tools must not read (speaker labels)
    language: ko                   # the rules below apply to text in this language only
    timezone: Asia/Seoul           # IANA zone the outlet shows its times in (a time without an
                                   # offset is read in it; the day an analyst sees is its day)
    blank: [...]                   # inline furniture blanked in place, offsets kept (the whole
                                   # match, or its ``blank`` group): Korean and Russian press
    byline_elements: ['.info_view .txt_info']  # CSS selectors (not regexes) of the elements that
                                   # hold the byline on this outlet's pages (a portal's info line)
    not_article: ['.link_cp']      # CSS selectors of blocks that are no part of the article (a
                                   # portal's box of the press's other stories, with their reporters)

A ``names`` group of ``bylines``, ``signoffs`` and ``lead_bylines`` may come with ``names2``,
``names3`` …: a credit line naming reporters and writers apart ("Reporting by …; Writing by …").

An outlet's rules apply to pages of its domains; text of unknown origin gets
every outlet's rules (``ingest enrich FILE``). Files whose ``domains`` is
empty (the big wires: Reuters, AP, AFP, generic furniture) apply everywhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml

from ingest.errors import ConfigError
from ingest.resources import load_yaml, path as resource_path

WIRE_DIR = resource_path("wire")
_PATTERN_KEYS = ("url_dates", "url_years", "datelines", "title_marks", "drop", "caption_credit", "bylines",
                 "blocks", "short_blocks", "transcripts", "mask", "blank", "signoffs", "lead_bylines", "agency")


@dataclass(frozen=True)
class Outlet:
    name: str
    domains: tuple[str, ...] = ()
    language: str | None = None
    patterns: dict[str, tuple[re.Pattern, ...]] = field(default_factory=dict)
    timezone: str | None = None  # IANA name
    byline_elements: tuple[str, ...] = ()  # CSS selectors
    not_article: tuple[str, ...] = ()  # CSS selectors of blocks no byline is read from

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
    unknown = set(raw) - {"outlet", "domains", "language", "timezone", "note", "byline_elements", "not_article",
                          *_PATTERN_KEYS}
    if unknown:
        raise ConfigError(f"{path}: unknown keys {sorted(unknown)}")
    patterns = {k: _compile(path, k, raw[k] or []) for k in _PATTERN_KEYS if k in raw}
    language = str(raw["language"]) if raw.get("language") else None
    tz = str(raw["timezone"]) if raw.get("timezone") else None
    if tz is not None:
        zone(tz, path)
    selectors = {key: _selectors(path, key, raw.get(key) or []) for key in ("byline_elements", "not_article")}
    return Outlet(str(raw["outlet"]), tuple(str(d).lower() for d in raw.get("domains") or ()), language, patterns, tz,
                  selectors["byline_elements"], selectors["not_article"])


def _selectors(path: Path, key: str, selectors) -> tuple[str, ...]:
    if not isinstance(selectors, list):
        raise ConfigError(f"{path}: {key} must be a list of CSS selectors")
    for selector in selectors:
        try:
            import soupsieve

            soupsieve.compile(str(selector))
        except Exception as exc:  # noqa: BLE001 - soupsieve's SelectorSyntaxError and kin
            raise ConfigError(f"{path}: {key}: bad selector {selector!r}: {exc}") from None
    return tuple(str(x) for x in selectors)


@lru_cache(maxsize=64)
def zone(name: str, where: object = "timezone") -> ZoneInfo:
    """The IANA zone ``name``; :class:`ConfigError` naming ``where`` when there is no such zone."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ConfigError(f"{where}: unknown timezone {name!r} ({exc})") from None


TIMEZONES_FILE = resource_path("timezones.yaml")


@lru_cache(maxsize=1)
def _default_zones() -> dict[str, dict[str, str]]:
    try:
        raw = load_yaml(TIMEZONES_FILE.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"cannot read {TIMEZONES_FILE}: {exc}") from None
    out = {key: {str(k).lower(): str(v) for k, v in (raw.get(key) or {}).items()}
           for key in ("domains", "tld", "language")}
    for table in out.values():
        for name in table.values():
            zone(name, TIMEZONES_FILE)
    return out


def default_timezone(url: str | None = None, language: str | None = None) -> str | None:
    """The zone a source's times are read in when its outlet format names none: by the site
    (``timezones.yaml`` ``domains``), else its country domain (``.kr``, ``.ru``, ``.ua``), else the
    edition's language; None when unknown."""
    tables = _default_zones()
    domain = _domain(url)
    if domain in tables["domains"]:
        return tables["domains"][domain]
    if domain:
        tld = domain.rsplit(".", 1)[-1]
        if tld in tables["tld"]:
            return tables["tld"][tld]
    return tables["language"].get((language or "").lower()) if language else None


def timezone_of(url: str | None, default: str | None = None, outlets: tuple[Outlet, ...] | None = None) -> ZoneInfo | None:
    """The zone a page's times are shown in: its outlet's ``timezone``, else ``default`` (the
    source's), else the country domain's; None when nothing says."""
    outlet = outlet_of(url, outlets)
    name = (outlet.timezone if outlet is not None else None) or default or default_timezone(url)
    return zone(name) if name else None


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


__all__ = ["Outlet", "WIRE_DIR", "load", "for_url", "outlet_of", "zone", "default_timezone", "timezone_of"]
