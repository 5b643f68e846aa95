"""Search latency over the query shapes analysts use, on a large synthetic index.

:func:`load_corpus` fills an index with generated, already-enriched articles
(``bench.generate.to_article``) through ``upsert_articles``; a worker process
generates the next chunk while the current one is indexed. :func:`run_shapes`
warms every shape up, then times each one ``runs`` times with varying terms
(client wall time, and Elasticsearch's own ``took``). Aggregation requests
bypass the shard request cache so repeats are not served from it.
"""

from __future__ import annotations

import multiprocessing as mp
import time
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any, Callable

from elasticsearch import Elasticsearch

from ingest.models import Article
from ingest.settings import Settings
from ingest.store.es.articles import upsert_articles
from ingest.search import Filters, build_query, highlight_query, phrase_boost, request, search
from ingest.store.es.elastic import Elastic

from .generate import PEOPLE, THEMES, synth_articles, to_article
from .measure import measure
from .report import SearchResult, StageResult, percentile

LOAD_CHUNK = 2000


def _generate(args: tuple[int, int, int]) -> list:
    """Batch rows, as the enrich stage writes them (Korean analysis done there, in the worker)."""
    start, n, seed = args
    return [to_article(a).to_doc() for a in synth_articles(n, seed, start)]


def chunk_plan(start: int, n: int, seed: int, size: int = LOAD_CHUNK) -> list[tuple[int, int, int]]:
    return [(s, min(size, start + n - s), seed) for s in range(start, start + n, size)]


def load_corpus(es: Elasticsearch, cfg: Settings, start: int, n: int, seed: int) -> StageResult:
    """Index generated articles ``start .. start+n``; the rate counts only time spent in upsert_articles."""
    indexing = 0.0
    created = 0  # or already there: loading resumes where an interrupted load stopped
    plan = chunk_plan(start, n, seed)
    with measure() as m:
        with mp.get_context("fork").Pool(1) as pool:
            for batch in pool.imap(_generate, plan):
                t0 = time.perf_counter()
                done = upsert_articles(Elastic(es, cfg.es), [Article.from_doc(row) for row in batch])
                created += len(done.created) + len(done.unchanged)
                indexing += time.perf_counter() - t0
        t0 = time.perf_counter()
        es.indices.refresh(index=cfg.articles_alias)
        indexing += time.perf_counter() - t0
    if created != n:
        raise RuntimeError(f"corpus load created {created} of {n} documents")
    return StageResult(
        "corpus load (upsert_articles)", n, n / indexing if indexing else 0.0, indexing, m.peak_mib,
        notes=f"chunks of {LOAD_CHUNK} batch rows, generated (and Korean analysed) in a worker meanwhile; wall {m.seconds:.0f} s incl. waiting for the generator",
    )


# ------------------------------------------------------------------ shapes

Run = Callable[[Elasticsearch, Settings, int], dict[str, Any]]

WORDS = ["sanctions", "artillery shells", "treaty", "Kursk", "satellite", "pollock", "bridge", "missile", "tourists", "coal"]
PHRASES = ['"strategic partnership"', '"Tumen River"', '"artillery shells"', '"red line"', '"Security Council"']
MULTI = ["North Korean troops Kursk region", "Russian tourists Wonsan resort", "trade between Russia and North Korea",
         "missile technology transfer Pyongyang", "fishing quotas Russian waters"]
ORGS = ["KCNA", "TASS", "the Kremlin", "Yonhap", "the UN Security Council", "NATO"]
TOPICS = [label for label, _ in THEMES.values()]
NAMES = [p for p, _ in PEOPLE]
EPOCH = datetime(2023, 1, 1, tzinfo=timezone.utc)


def _pick(items: list, i: int):
    return items[i % len(items)]


def _via_search(text: Callable[[int], str], filters: Callable[[int], Filters]) -> Run:
    """The CLI's own search request (ingest.search.request: query, highlight, no total count)."""
    def run(es: Elasticsearch, cfg: Settings, i: int) -> dict[str, Any]:
        return es.search(index=cfg.articles_alias, **request(text(i), filters(i)))
    return run


def _quote_by_speaker(es: Elasticsearch, cfg: Settings, i: int) -> dict[str, Any]:
    return es.search(index=cfg.articles_alias, size=10, _source=["id", "title", "date"], query={
        "nested": {"path": "quotes", "inner_hits": {"size": 3}, "query": {"bool": {
            "filter": [{"term": {"quotes.speaker": _pick(NAMES, i)}}],
            "must": [{"match": {"quotes.text": _pick(["security", "cooperation", "relations", "sanctions", "red line"], i)}}],
        }}}})


def _more_like(es: Elasticsearch, cfg: Settings, i: int) -> dict[str, Any]:
    like = _pick([
        "North Korea has supplied Russia with millions of artillery shells for the war in Ukraine",
        "Russia and North Korea begin building a road bridge across the Tumen River near Khasan",
        "Lavrov visits Wonsan as Moscow and Pyongyang deepen military and diplomatic ties",
        "Seoul summons the Russian ambassador over the comprehensive strategic partnership treaty",
    ], i)
    return es.search(index=cfg.articles_alias, size=10, _source=["id", "title"], query={
        "more_like_this": {"fields": ["title", "body"], "like": like, "min_term_freq": 1, "max_query_terms": 25, "min_doc_freq": 5}})


def fit_interval(since: datetime, until: datetime, bars: int = 60) -> str:
    """The shortest of a few calendar-friendly intervals giving at most ``bars`` bars (as Lens's ``auto`` does)."""
    days = (until - since).total_seconds() / 86400
    for interval, length in (("1h", 1 / 24), ("3h", 1 / 8), ("12h", 0.5), ("1d", 1), ("7d", 7), ("30d", 30), ("90d", 90)):
        if days / length <= bars:
            return interval
    return "365d"


def _dashboard_dates(es: Elasticsearch, cfg: Settings, i: int) -> dict[str, Any]:
    """The Lens chart "Articles over time by source" (mappings/kibana/build.py): sources ranked once over the
    dashboard's time range, a date histogram inside each with an interval that fits the range, then the
    request Kibana sends for the "Other" bucket (every other source)."""
    since = EPOCH + timedelta(days=30 * (i % 12))
    until = since + timedelta(days=_pick([7, 30, 90, 365, 730], i))
    interval = fit_interval(since, until)
    when = {"range": {"date": {"gte": since.isoformat(), "lt": until.isoformat()}}}
    histogram = {"date_histogram": {"field": "date", "fixed_interval": interval, "min_doc_count": 0,
                                    "extended_bounds": {"min": since.isoformat(), "max": until.isoformat()}}}
    top = es.search(index=cfg.articles_alias, size=0, request_cache=False, query=when,
                    aggs={"by_source": {"terms": {"field": "source", "size": 10}, "aggs": {"when": histogram}}})
    ranked = [b["key"] for b in top["aggregations"]["by_source"]["buckets"]]
    other = es.search(index=cfg.articles_alias, size=0, request_cache=False, query=when, aggs={"other": {
        "filters": {"filters": {"Other": {"bool": {"must_not": [{"terms": {"source": ranked}}]}}}}, "aggs": {"when": histogram}}})
    return {**top, "took": top["took"] + other["took"]}


def _dashboard_facets(es: Elasticsearch, cfg: Settings, i: int) -> dict[str, Any]:
    return es.search(index=cfg.articles_alias, size=0, request_cache=False,
                     query=build_query(_pick(WORDS, i)),
                     aggs={f: {"terms": {"field": f, "size": 20}} for f in ("persons", "organizations", "locations", "topics", "source")})


def _highlight_heavy(es: Elasticsearch, cfg: Settings, i: int) -> dict[str, Any]:
    """The CLI's query and phrase boost (a rescore since the boost left the query), 50 hits with more
    highlighting (of the CLI's highlight query: the query itself matches on a field no highlight shows),
    the total counted."""
    text = _pick(["Lavrov Pyongyang", "Kim Jong Un Putin", "sanctions coal", "Seoul Moscow"], i)
    hl = {"pre_tags": ["<em>"], "post_tags": ["</em>"], "highlight_query": highlight_query(text), "fields": {
        "title": {"number_of_fragments": 0},
        "body": {"fragment_size": 200, "number_of_fragments": 5},  # unified, as the CLI uses
        "summary": {}}}
    return es.search(index=cfg.articles_alias, size=50, highlight=hl, _source=["id", "title", "url"],
                     query=build_query(text), rescore=phrase_boost(text, 50))


def _range(i: int) -> tuple[datetime, datetime]:
    since = EPOCH + timedelta(days=45 * (i % 20))
    return since, since + timedelta(days=90)


@dataclass(frozen=True)
class Shape:
    name: str
    description: str
    run: Run


SHAPES: list[Shape] = [
    Shape("words", "one or two words, all fields, highlight", _via_search(lambda i: _pick(WORDS, i), lambda i: Filters())),
    Shape("phrase", "quoted phrase", _via_search(lambda i: _pick(PHRASES, i), lambda i: Filters())),
    Shape("multi-word", "five words (AND + phrase boost)", _via_search(lambda i: _pick(MULTI, i), lambda i: Filters())),
    Shape("person facet", "no text, person filter, newest first",
          _via_search(lambda i: "", lambda i: Filters(person=[_pick(NAMES, i)]))),
    Shape("organization + words", "word query, organization filter",
          _via_search(lambda i: _pick(WORDS, i + 3), lambda i: Filters(organization=[_pick(ORGS, i)]))),
    Shape("quote by speaker", "nested quotes: speaker term + text match, inner hits", _quote_by_speaker),
    Shape("speaker filter", "word query, quote_speakers filter",
          _via_search(lambda i: _pick(WORDS, i), lambda i: Filters(speaker=[_pick(NAMES, i + 1)]))),
    Shape("topic + date range", "topic filter, 90-day range, newest first",
          _via_search(lambda i: "", lambda i: Filters(topic=[_pick(TOPICS, i)], since=_range(i)[0], until=_range(i)[1]))),
    Shape("language filter", "Russian / Korean word, language filter",
          _via_search(lambda i: _pick(["Пхеньян", "Лавров", "평양", "러시아", "Москва"], i),
                      lambda i: Filters(language=[_pick(["ru", "ru", "ko", "ko", "ru"], i)]))),
    Shape("more like this", "more_like_this on title+body from a sentence", _more_like),
    Shape("dashboard: dates by source", "Lens chart: terms(source) ranked once x date_histogram fitting the range, "
          "+ the Other-bucket request; no request cache", _dashboard_dates),
    Shape("dashboard: entity facets", "size 0, terms on persons/organizations/locations/topics/source", _dashboard_facets),
    Shape("highlight-heavy", "50 hits, 5 body fragments each + title + summary", _highlight_heavy),
]


def run_shapes(es: Elasticsearch, cfg: Settings, runs: int = 40, warmup: int = 5, target_ms: float = 100.0) -> list[SearchResult]:
    out = []
    for shape in SHAPES:
        for i in range(warmup):
            shape.run(es, cfg, i)
        wall, took, hits = [], [], 0
        for i in range(runs):
            t0 = time.perf_counter()
            resp = shape.run(es, cfg, i)
            wall.append((time.perf_counter() - t0) * 1000)
            took.append(float(resp["took"]))
            total = resp["hits"].get("total")  # the CLI's request does not count
            hits = int(total["value"]) if total else len(resp["hits"]["hits"])
        out.append(SearchResult(shape.name, runs, round(percentile(wall, 50), 1), round(percentile(wall, 95), 1),
                                round(percentile(took, 95), 1), hits, target_ms, shape.description))
    return out


def check_cli_search(es: Elasticsearch, cfg: Settings) -> int:
    """One call through ingest.search.search itself, so the benchmarked query stays the CLI's."""
    return len(search(Elastic(es, cfg.es), "sanctions", size=5))


__all__ = ["SHAPES", "load_corpus", "run_shapes", "check_cli_search", "chunk_plan"]
