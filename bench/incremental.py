"""The cost of a discovery pass when nothing changed.

The fixture server serves the feeds in ``tests/fixtures/site/feeds/`` with
ETags and answers ``304`` to a matching ``If-None-Match``. A temporary sources
file points at them; :func:`ingest.stages.discover_source` runs over every
source twice. The second pass must make exactly one conditional request per
feed, find nothing, and write nothing to Elasticsearch (counted with the
indexing stats of the run's indices). robots.txt requests are counted apart.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import yaml
from elasticsearch import Elasticsearch

from ingest.settings import Settings
from ingest.store.es.elastic import Elastic

FEEDS_DIR = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "site" / "feeds"
KINDS = {".xml": "rss", ".atom": "atom"}
LANGS = {"news1-ko": "ko", "tass-ru": "ru"}


def write_sources(path: Path, base_url: str, feeds_dir: Path = FEEDS_DIR) -> list[str]:
    """A sources file with one enabled source per fixture feed; returns the source names."""
    entries = []
    for feed in sorted(feeds_dir.iterdir()):
        if feed.suffix not in KINDS:
            continue
        entries.append({"name": f"bench-{feed.stem}", "kind": KINDS[feed.suffix], "url": f"{base_url}/feeds/{feed.name}",
                        "language": LANGS.get(feed.stem, "en"), "enabled": True})
    path.write_text(yaml.safe_dump({"sources": entries}, sort_keys=False), encoding="utf-8")
    return [e["name"] for e in entries]


def index_writes(es: Elasticsearch, prefix: str) -> int:
    """Documents indexed so far into the indices of this prefix (Elasticsearch's own counter)."""
    stats = es.indices.stats(index=f"{prefix}*", metric="indexing")
    return int(stats["_all"]["primaries"].get("indexing", {}).get("index_total", 0))


def _pass(es: Elasticsearch, cfg: Settings, names: list[str], server, discover) -> dict[str, Any]:
    before_req = len(server.requests)
    before_writes = index_writes(es, cfg.index_prefix)
    t0 = time.perf_counter()
    summaries = [discover(n) for n in names]
    seconds = time.perf_counter() - t0
    seen = server.requests[before_req:]
    feed_reqs = [r for r in seen if r.path.startswith("/feeds/")]
    return {
        "seconds": round(seconds, 3),
        "feed_requests": len(feed_reqs),
        "conditional_requests": sum(1 for r in feed_reqs if "if-none-match" in r.headers or "if-modified-since" in r.headers),
        "robots_requests": sum(1 for r in seen if r.path == "/robots.txt"),
        "other_requests": len(seen) - len(feed_reqs) - sum(1 for r in seen if r.path == "/robots.txt"),
        "not_modified": sum(1 for s in summaries if s.get("not_modified")),
        "candidates": sum(len(s.get("candidates") or []) for s in summaries),
        "errors": [s["error"] for s in summaries if s.get("error")],
        "es_writes": index_writes(es, cfg.index_prefix) - before_writes,
    }


def bench_incremental(es: Elasticsearch, prefix: str, workdir: Path) -> dict[str, Any]:
    """Two discovery passes over the fixture feeds; returns both passes and the verdict."""
    from ingest.store.es.indices import setup
    from tests.fixtureserver import FixtureServer

    server = FixtureServer().start()
    try:
        sources = workdir / "sources.yaml"
        names = write_sources(sources, server.base_url)
        # what INGEST_SOURCES_FILE / INGEST_ALLOW_PRIVATE_HOSTS=1 / INGEST_HOST_DELAY=0 would give
        cfg = Settings.from_env(index_prefix=prefix, sources_file=sources, allow_private_hosts=True, host_delay=0.0,
                       data_dir=workdir / "data")
        setup(Elastic(es, cfg.es))
        # a pass is discovery and its fetch: the feed's validators are stored by
        # fetch_source once every listed page is recorded (nothing lost on a crash)
        from ingest.stages import discover_source, fetch_source

        def discover_and_fetch(n: str) -> dict[str, Any]:
            found = discover_source(cfg, n)
            fetch_source(cfg, found, "bench-incremental")
            return {"not_modified": bool(found.counts.not_modified), "candidates": found.candidates, "error": found.error}

        first = _pass(es, cfg, names, server, discover_and_fetch)
        second = _pass(es, cfg, names, server, discover_and_fetch)
    finally:
        server.stop()
    ok = (second["feed_requests"] == len(names) and second["conditional_requests"] == len(names)
          and second["not_modified"] == len(names) and second["es_writes"] == 0 and second["candidates"] == 0)
    return {
        "feeds": len(names),
        "first_pass": first,
        "second_pass": second,
        "second_pass_seconds": second["seconds"],
        "second_pass_feed_requests": second["feed_requests"],
        "second_pass_robots_requests": second["robots_requests"],
        "second_pass_es_writes": second["es_writes"],
        "status": "PASS" if ok else "MISS",
        "method": "ingest.stages.discover_source and fetch_source with a temporary sources file",
    }
