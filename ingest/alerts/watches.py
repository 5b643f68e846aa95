"""Saved searches: a name, a query in the CLI's query language, filters, a delivery.

They live in ``ingest-watches`` (``mappings/ingest-watches.json``), one document per saved
search with the name as its id. :func:`check` refuses, in one line, a query the search would
refuse (:func:`ingest.search.validate`, then Elasticsearch's own ``_validate``) and a webhook the
SSRF guard forbids or that does not answer.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any

import httpx
from elasticsearch import NotFoundError

from ingest import search
from ingest.errors import BadQuery, Blocked, ConfigError
from ingest.models import utcnow
from ingest.settings import FetchSettings
from ingest.store.es.elastic import Elastic

NAME = re.compile(r"^[\w][\w .:-]{0,99}$")
EMAIL = re.compile(r"^[^@\s<>,;]+@[^@\s<>,;]+\.[^@\s<>,;]+$")
LANGUAGES = ("en", "ko", "ru")


@dataclass
class Watch:
    """One saved search."""

    name: str
    query: str = ""
    languages: list[str] = field(default_factory=list)
    entities: list[str] = field(default_factory=list)  # canonical names: a person, organisation or place
    topics: list[str] = field(default_factory=list)
    outlets: list[str] = field(default_factory=list)  # the articles' `source`
    webhook: str = ""
    emails: list[str] = field(default_factory=list)
    digest: str = ""  # "" (each run's stories at once) or "daily" (one message with a day's stories)
    created_at: str = ""

    def to_doc(self) -> dict[str, Any]:
        return {k: v for k, v in asdict(self).items() if v != "" or k in ("name", "query")}

    @classmethod
    def from_doc(cls, doc: dict[str, Any]) -> Watch:
        known = {k: v for k, v in doc.items() if k in cls.__dataclass_fields__ and v is not None}
        return cls(**known)

    @property
    def channels(self) -> list[str]:
        return [c for c, on in (("webhook", self.webhook), ("email", self.emails)) if on]

    def filters(self) -> search.Filters:
        return search.Filters(language=list(self.languages), topic=list(self.topics), source=list(self.outlets))

    def query_body(self) -> dict[str, Any]:
        """The Elasticsearch query of this saved search over the whole archive (the CLI's search with its filters;
        an entity filter matches any of the three facets). :class:`BadQuery` when the query is not one."""
        search.validate(self.query, self.filters())
        query = search.build_query(self.query, self.filters())
        if self.entities:
            query["bool"]["filter"].append({"bool": {"minimum_should_match": 1, "should": [
                {"terms": {facet: self.entities}} for facet in ("persons", "organizations", "locations")]}})
        return query

    def describe(self) -> str:
        parts = [repr(self.query) if self.query else "(any article)"]
        for label, values in (("language", self.languages), ("entity", self.entities), ("topic", self.topics),
                              ("outlet", self.outlets)):
            if values:
                parts.append(f"{label} {', '.join(values)}")
        to = (["webhook " + _shown_url(self.webhook)] if self.webhook else []) + self.emails
        parts.append("→ " + (", ".join(to) if to else "no delivery"))
        if self.digest:
            parts.append(f"({self.digest} digest)")
        return " ".join(parts)


def _shown_url(url: str) -> str:
    """A webhook as shown: its path and query may carry a token."""
    return "/".join(url.split("/")[:3]) + "/…" if url.count("/") > 2 else url


# -- checks ------------------------------------------------------------------------------------------

def check_query(es: Elastic, watch: Watch) -> None:
    """:class:`BadQuery` (one line) when the saved search's query is no query of the archive."""
    body = watch.query_body()
    if not es.client.indices.exists_alias(name=es.articles_alias):
        return
    answer = es.client.indices.validate_query(index=es.articles_alias, query=body, explain=True)
    if not answer.get("valid", False):
        why = next((e.get("error") for e in answer.get("explanations", []) if e.get("error")), "") or "refused"
        raise BadQuery(f"the query is refused by Elasticsearch: {' '.join(str(why).split())[:200]}")


def check_webhook(url: str, fetch: FetchSettings, timeout: float = 5.0) -> None:
    """:class:`ConfigError` (one line) when the webhook is no http(s) URL, the SSRF guard forbids it, or
    nothing answers there (any HTTP answer, even 405, says something listens)."""
    from ingest.fetch.guard import GuardedTransport, check_url

    try:
        check_url(url, fetch)
    except Blocked as exc:
        raise ConfigError(f"webhook refused: {exc.detail}", reason="blocked") from None
    except OSError as exc:
        raise ConfigError(f"webhook unreachable: cannot resolve its host ({exc})", reason="unreachable") from None
    try:
        with httpx.Client(transport=GuardedTransport(fetch), timeout=timeout, follow_redirects=False) as client:
            client.head(url)
    except httpx.HTTPError as exc:
        raise ConfigError(f"webhook unreachable: {type(exc).__name__}: {' '.join(str(exc).split())[:150]}",
                          reason="unreachable") from None


def check(es: Elastic, watch: Watch, fetch: FetchSettings) -> None:
    """Everything :func:`add` refuses, one line each."""
    if not NAME.match(watch.name):
        raise ConfigError(f"bad name {watch.name!r}: letters, digits, space, '.', ':', '-', '_' (at most 100)")
    bad = [x for x in watch.languages if x not in LANGUAGES]
    if bad:
        raise ConfigError(f"unknown language {bad[0]!r} (en, ko or ru)")
    bad = [x for x in watch.emails if not EMAIL.match(x)]
    if bad:
        raise ConfigError(f"not an e-mail address: {bad[0]!r}")
    if watch.digest not in ("", "daily"):
        raise ConfigError(f"unknown digest {watch.digest!r} (daily)")
    check_query(es, watch)
    if watch.webhook:
        check_webhook(watch.webhook, fetch)


# -- the index ---------------------------------------------------------------------------------------

def add(es: Elastic, watch: Watch, fetch: FetchSettings) -> Watch:
    """Check and store a saved search (a name already saved is replaced)."""
    check(es, watch, fetch)
    watch.created_at = watch.created_at or utcnow().isoformat()
    es.client.index(index=es.watches_index, id=watch.name, document=watch.to_doc(), refresh="wait_for")
    return watch


def get(es: Elastic, name: str) -> Watch:
    try:
        return Watch.from_doc(es.client.get(index=es.watches_index, id=name)["_source"])
    except NotFoundError:
        raise ConfigError(f"no saved search named {name!r} (ingest watch list)") from None


def remove(es: Elastic, name: str) -> None:
    try:
        es.client.delete(index=es.watches_index, id=name, refresh="wait_for")
    except NotFoundError:
        raise ConfigError(f"no saved search named {name!r} (ingest watch list)") from None


def all_watches(es: Elastic) -> list[Watch]:
    """Every saved search, by name (none when the index does not exist yet)."""
    try:
        resp = es.client.search(index=es.watches_index, query={"match_all": {}}, size=10_000, sort=[{"name": "asc"}])
    except NotFoundError:
        return []
    return [Watch.from_doc(h["_source"]) for h in resp["hits"]["hits"]]


__all__ = ["Watch", "add", "all_watches", "check", "check_query", "check_webhook", "get", "remove"]
