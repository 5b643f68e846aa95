"""Files on disk into the index, the way fetched pages go: archive → clean → enrich → index.

:func:`add_files` takes saved HTML pages or plain-text articles. Each file is
archived as it is (content-addressed, like a fetch), cleaned by
:func:`ingest.stages.article_from_archive` whatever its relevance score (the
score is recorded on the document), enriched, and indexed by
:func:`ingest.stages.index_batch`. With ``url`` the document is the page at
that address (a page may claim a canonical URL only on that address's own
site); without one it is keyed by its content (``urn:sha256:…``), so adding the
same file twice changes nothing.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path
from typing import Sequence

from ingest import dedup, stages
from ingest.errors import ConfigError, IngestError, Rejected
from ingest.fetch.response import FetchResult
from ingest.models import Article, BatchRef, content_hash, utcnow
from ingest.settings import Settings, StoreSettings
from ingest.store import archive, batches
from ingest.store.es import articles as es_articles
from ingest.store.es import indices
from ingest.store.es.elastic import Elastic
from ingest.urls import canonical_url, require_http_url

HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml"}
_MARKUP = re.compile(rb"^\s*<", re.S)


@dataclass
class Added:
    """What became of one file: its document, or why not (``error``)."""

    file: str
    id: str | None = None
    title: str = ""
    language: str | None = None
    entities: int = 0
    url: str | None = None
    relevance_score: float | None = None
    status: str = ""  # new | updated | unchanged | failed
    error: str | None = None

    def to_dict(self) -> dict[str, object]:
        return {k: v for k, v in asdict(self).items() if v is not None}


@dataclass
class Overrides:
    """What the user says about the files, over what the pages say."""

    url: str | None = None
    language: str | None = None
    source: str = "file"
    title: str | None = None
    published: datetime | None = None


def _content_type(path: Path, raw: bytes) -> str:
    html = path.suffix.lower() in HTML_SUFFIXES or bool(_MARKUP.match(raw.lstrip(b"\xef\xbb\xbf")[:512]))
    return "text/html" if html else "text/plain; charset=utf-8"


def _archived(cfg: StoreSettings, path: Path, given: Overrides) -> dict[str, object]:
    """Archive one file as a fetch of its URL (or of its content's ``urn``); its batch row."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise Rejected("unreadable", f"cannot read: {exc.strerror or exc}") from None
    key = given.url or f"urn:sha256:{hashlib.sha256(raw).hexdigest()}"
    answer = FetchResult(url=key, final_url=key, status=200, content=raw, fetched_at=utcnow(),
                         headers={"content-type": _content_type(path, raw)})
    entry = archive.store(answer, cfg)
    row: dict[str, object] = {"url": canonical_url(key) if given.url else key, "final_url": key,
                              "archive_key": entry.key, "source": given.source}
    if not given.url:
        row["id"] = "file-" + entry.key[:20]
    return row


def _override(article: Article, given: Overrides) -> None:
    if given.title:
        article.title = given.title
    if given.language:
        article.language = given.language
    if given.published:
        article.published_at = given.published
    article.content_hash = content_hash(article.title, article.body)
    dedup.sign(article)


def add_files(cfg: Settings, files: Sequence[str | Path], given: Overrides | None = None, *,
              run_id: str | None = None, refresh: bool | str = "wait_for") -> list[Added]:
    """Index files; one :class:`Added` per file, in order (failed ones with their reason)."""
    given = given or Overrides()
    if given.url:
        given.url = require_http_url(given.url, "--url")
        if len(files) > 1:
            raise ConfigError("--url names one page: give one file with it")
    run_id = run_id or "add-" + utcnow().strftime("%Y%m%dT%H%M%S%f")
    es = Elastic.connect(cfg.es)
    indices.setup(es)
    results: list[Added] = []
    todo: list[tuple[Added, Article]] = []
    for name in files:
        done = Added(file=str(name))
        results.append(done)
        try:
            article = stages.article_from_archive(cfg, _archived(cfg.store, Path(name), given), keep_irrelevant=True)
            _override(article, given)
        except IngestError as exc:
            done.status, done.error = "failed", str(exc)
            continue
        todo.append((done, article))
    articles = [a for _, a in todo]
    stored = es_articles.existing_docs(es, [a.id for a in articles])
    stages.enrich_in_place(es, cfg.enrich, articles)
    ref = batches.write_articles(cfg.store, BatchRef(run_id, "add", "enriched"), articles)
    indexed = stages.index_batch(cfg, ref, run_id, refresh=refresh)
    failed = indexed.counts.failed
    for done, article in todo:
        old = stored.get(article.id)
        done.id, done.title, done.language, done.url = article.id, article.title, article.language, article.url
        done.entities, done.relevance_score = len(article.entities), article.relevance_score
        done.status = "new" if not old else "unchanged" if old.get("content_hash") == article.content_hash else "updated"
    if failed:  # refused by Elasticsearch: dead-lettered; say which
        refused = {r["doc_id"] for r in _dead_letters(es, run_id)}
        for done, article in todo:
            if article.id in refused:
                done.status, done.error = "failed", "refused by Elasticsearch (see the dead-letter index)"
    return results


def _dead_letters(es: Elastic, run_id: str) -> list[dict]:
    es.client.indices.refresh(index=es.deadletter_index)
    resp = es.client.search(index=es.deadletter_index, query={"term": {"run_id": run_id}}, source=["doc_id"], size=1000)
    return [h["_source"] for h in resp["hits"]["hits"]]
