"""Stages measured the way the DAG calls them, side by side with their naive or previous form.

The DAG hands a task at most 50 articles per source, in one process (an
Airflow or Celery worker cannot fork). Every function here walks the same
batches of 50 through both sides, alternating which side goes first, for
several rounds; each round gives one ratio, so the spread is reported next to
the overall ratio (the machine is shared, timings wander).

- indexing: ``upsert_articles`` on the current mapping against the path before
  mapping v4 (:func:`upsert_v3`: nested entities, the whole stored document
  fetched to compare, a thread pool per call), new articles and then the same
  articles again (unchanged, nothing rewritten);
- enrichment: ``enrich_articles`` against the full spaCy pipeline per article,
  on fresh articles per language, and on a stream where a third of the
  articles are updated versions (LEAD → 2nd LD) or syndicated copies
  (:func:`update_stream`).
"""

from __future__ import annotations

import dataclasses
import random
from functools import partial
from itertools import count
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Sequence

from elasticsearch import Elasticsearch, helpers

from ingest.models import Article, parse_time
from ingest.settings import Settings
from ingest.store.es.articles import _comparable, upsert_articles
from ingest.store.es.indices import adapt, load_fallbacks, load_template
from ingest.urls import doc_id
from ingest.store.es.elastic import Elastic

from .generate import SynthArticle, synth_article
from .measure import measure
from .report import StageResult

DAG_BATCH = 50


@dataclass
class Sides:
    """Seconds and peak MiB per round, ours and the other side."""

    ours: list[float] = field(default_factory=list)
    naive: list[float] = field(default_factory=list)
    ours_peak: float = 0.0
    naive_peak: float = 0.0

    def ratios(self) -> list[float]:
        return [n / o for o, n in zip(self.ours, self.naive) if o > 0]

    def result(self, name: str, n: int, target: float | None, notes: str, unit: str = "articles/s") -> StageResult:
        ours, naive = sum(self.ours), sum(self.naive)
        ratios = self.ratios()
        spread = f"ratio per round {min(ratios):.2f}–{max(ratios):.2f}" if ratios else ""
        return StageResult(
            name, n * len(self.ours), n * len(self.ours) / ours if ours else 0.0, ours, self.ours_peak,
            naive_rate=n * len(self.naive) / naive if naive else 0.0, naive_size=n * len(self.naive),
            naive_seconds=naive, naive_peak_mib=self.naive_peak, target_ratio=target, unit=unit,
            notes="; ".join(x for x in (spread, notes) if x), round_ratios=[round(r, 2) for r in ratios],
        )


def side_by_side(
    rounds: int, batches: Sequence[Any], ours: Callable[[int, Any], None], naive: Callable[[int, Any], None],
    before_round: Callable[[int], None] | None = None,
) -> Sides:
    """Each batch through both sides, the first side alternating; ``before_round`` (untimed) resets state."""
    out = Sides()
    for r in range(rounds):
        if before_round:
            before_round(r)
        t_ours = t_naive = 0.0
        for i, batch in enumerate(batches):
            order = ((ours, "ours"), (naive, "naive")) if (i + r) % 2 == 0 else ((naive, "naive"), (ours, "ours"))
            for fn, side in order:
                with measure() as m:
                    fn(r, batch)
                if side == "ours":
                    t_ours += m.seconds
                    out.ours_peak = max(out.ours_peak, m.peak_mib)
                else:
                    t_naive += m.seconds
                    out.naive_peak = max(out.naive_peak, m.peak_mib)
        out.ours.append(t_ours)
        out.naive.append(t_naive)
    return out


def batches_of(items: Sequence[Any], size: int = DAG_BATCH) -> list[Sequence[Any]]:
    return [items[i : i + size] for i in range(0, len(items), size)]


# ------------------------------------------------------------------ indexing


V3_MAPPINGS = Path(__file__).parent / "data" / "mapping-v3"


def _v3_properties() -> dict[str, Any]:
    return load_template("articles", V3_MAPPINGS)["template"]["mappings"]["properties"]


V3_PROPERTIES = _v3_properties()


def fit_mapping(doc: Any, properties: dict[str, Any]) -> Any:
    """The document as a v3 writer made it: fields added since v3 (its mapping is strict), at any depth, left out."""
    if isinstance(doc, list):
        return [fit_mapping(d, properties) for d in doc]
    if not isinstance(doc, dict):
        return doc
    out = {}
    for key, value in doc.items():
        if key not in properties:
            continue
        inner = properties[key].get("properties")
        out[key] = fit_mapping(value, inner) if inner else value
    return out


def v3_template(es: Elasticsearch) -> dict[str, Any]:
    """Settings and mappings of mapping version 3 on this server, as it shipped (``bench/data/mapping-v3``:
    the file of commit 800ad83, unchanged): entities nested, no ``text`` field, no doc_hash, the Russian
    and Korean analyses sub-fields of every title and body."""
    _, template, _ = adapt(es, load_template("articles", V3_MAPPINGS), load_fallbacks("articles", V3_MAPPINGS))
    return template["template"]


def upsert_v3(es: Elasticsearch, index: str, articles: Sequence[Article]) -> int:
    """The indexing path before mapping v4, kept as the baseline: whole stored documents fetched
    and compared, then ``parallel_bulk`` with two threads. Returns how many were written."""
    ids = [a.id for a in articles]
    existing = {d["_id"]: d["_source"] for d in es.mget(index=index, ids=ids)["docs"] if d.get("found")}
    actions = []
    for a in articles:
        old = existing.get(a.id)
        if old:
            a.first_seen_at = parse_time(old.get("first_seen_at")) or a.first_seen_at
            a.source = old.get("source") or a.source
        doc = fit_mapping(a.to_doc(), V3_PROPERTIES)
        if old and _comparable(old) == _comparable(doc):
            continue
        actions.append({"_op_type": "index" if old else "create", "_index": index, "_id": a.id, "_source": doc})
    written = 0
    for ok, _ in helpers.parallel_bulk(es, actions, thread_count=2, chunk_size=250, raise_on_error=False):
        written += ok
    return written


def es_cost(es: Elasticsearch, index: str, articles: int) -> dict[str, Any]:
    """Lucene documents and bytes on disk per article, after a merge to one segment."""
    es.indices.forcemerge(index=index, max_num_segments=1)
    es.indices.refresh(index=index)
    stats = es.indices.stats(index=index, metric="docs,store")["_all"]["primaries"]
    return {"index": index, "articles": articles, "lucene_docs_per_article": round(stats["docs"]["count"] / articles, 2),
            "store_bytes_per_article": round(stats["store"]["size_in_bytes"] / articles)}


def bench_indexing(
    es: Elasticsearch, cfg: Settings, articles: Sequence[Article], rounds: int = 3
) -> tuple[list[StageResult], list[dict[str, Any]]]:
    """New articles, then the same again (unchanged), through both paths in DAG batches; cost per article at the end."""
    from ingest.store.es.indices import setup

    old_index = f"{cfg.index_prefix}v3-articles"
    # What the index task gets: rows of the enrich stage's batch file (written by to_doc, untimed);
    # before v4, from_doc dropped title_ko/body_ko and to_doc analysed the Korean text again.
    rows = [a.to_doc() for a in articles]
    batches = batches_of(rows)
    before = [{k: v for k, v in row.items() if k not in ("title_ko", "body_ko")} for row in rows]
    old_batches = {id(b): o for b, o in zip(batches, batches_of(before))}

    def fresh(_round: int) -> None:
        es.indices.delete(index=f"{cfg.index_prefix}*", ignore_unavailable=True, allow_no_indices=True)
        setup(Elastic(es, cfg.es))
        es.indices.create(index=old_index, **v3_template(es))

    def ours(_r: int, batch: Sequence[dict[str, Any]]) -> None:
        upsert_articles(Elastic(es, cfg.es), [Article.from_doc(row) for row in batch])

    def old(_r: int, batch: Sequence[dict[str, Any]]) -> None:
        upsert_v3(es, old_index, [Article.from_doc(row) for row in old_batches[id(batch)]])

    created = side_by_side(rounds, batches, ours, old, before_round=fresh)
    for index in (cfg.articles_alias, old_index):
        es.indices.refresh(index=index)
    unchanged = side_by_side(rounds, batches, ours, old)
    n = len(articles)
    if es.count(index=cfg.articles_alias)["count"] != n or es.count(index=old_index)["count"] != n:
        raise RuntimeError("indexing benchmark: both indices must hold every article")
    costs = [{"mapping": f"v{load_template('articles')['version']} (ours)", **es_cost(es, cfg.articles_alias, n)}, {"mapping": "v3 (before)", **es_cost(es, old_index, n)}]
    note = f"batches of {DAG_BATCH} read from batch rows, as the DAG; previous = mapping v3 + upsert before v4"
    return [
        created.result("indexing new articles (upsert_articles)", n, 2.5, note),
        unchanged.result("re-indexing unchanged articles", n, None, note + "; nothing rewritten"),
    ], costs


# ------------------------------------------------------------------ enrichment


def update_stream(n: int, seed: int, lang: str | None = "en", share: float = 1 / 3) -> list[Article]:
    """``n`` articles of which ``share`` are an earlier article's update or a syndicated copy of it.

    An update ("(2nd LD)") keeps the earlier paragraphs, rewrites the lead and
    adds one or two new ones; a copy keeps every paragraph under another
    outlet's URL, with its own credit line.
    """
    rng = random.Random(seed)
    fresh = (a for a in map(partial(synth_article, seed), count()) if lang is None or a.lang == lang)
    extra = (a for a in map(partial(synth_article, seed + 1), count()) if lang is None or a.lang == lang)
    out: list[Article] = []
    originals: list[SynthArticle] = []
    while len(out) < n:
        if originals and rng.random() < share:
            base = rng.choice(originals[-100:])
            other = next(extra)
            if rng.random() < 0.5:
                paras = list(base.paragraphs)
                paras[0] = other.paragraphs[0]  # the lead paragraph rewritten
                paras[1:1] = other.paragraphs[1 : 1 + rng.choice((1, 2))]
                title = base.title.replace("(LEAD)", "").strip() + " (2nd LD)"
                url = base.url.replace(".html", f"-ld{len(out)}.html")
            else:
                paras = list(base.paragraphs) + [f"(Distributed by {other.site_name}.)"]
                title, url = base.title, f"https://{other.host}/syndicated/{base.index}-{len(out)}.html"
            out.append(Article(id=doc_id(url), url=url, title=title, body="\n\n".join(paras), source=other.source,
                               language=base.lang))
        else:
            a = next(fresh)
            originals.append(a)
            out.append(Article(id=doc_id(a.url), url=a.url, title=a.title + (" (LEAD)" if rng.random() < 0.5 else ""),
                               body=a.body, source=a.source, language=a.lang))
    return out


def bench_enrichment(
    name: str, cfg: Settings, articles: Sequence[Article], nlp_full, rounds: int = 2, keep_cache: bool = False,
    target: float | None = None, processes: int = 1,
) -> StageResult:
    """``enrich_articles`` in DAG batches against the full spaCy pipeline per article.

    ``processes``: 1, the task's one process; 0, the task's own NER pool as the
    pipeline runs by default (``INGEST_ENRICH_PROCESSES=0``: forked workers, one
    per core up to 4). The naive side is one process either way.

    ``keep_cache`` False: every batch starts with an empty paragraph cache (fresh
    articles, nothing learnt from earlier batches); True: one cache for the
    whole stream, emptied at the start of each round.
    """
    from ingest.enrich import pool
    from ingest.enrich.enrich import enrich_articles

    from .stages import article_text, naive_entities, warm_enrichment

    warm_enrichment(cfg)
    work = Path(tempfile.mkdtemp(prefix="bench-enrich-"))
    state = {"cfg": cfg}

    def new_cache(tag: str) -> None:
        state["cfg"] = cfg.replace(data_dir=work / tag, enrich_processes=processes)

    def ours(r: int, batch: Sequence[Article]) -> None:
        if not keep_cache:
            new_cache(f"r{r}-{id(batch)}")
        try:
            enrich_articles([dataclasses.replace(a) for a in batch], state["cfg"])
        finally:
            pool.shutdown()  # as the DAG's enrich task ends: each batch forks its own workers

    def naive(_r: int, batch: Sequence[Article]) -> None:
        for a in batch:
            a2 = dataclasses.replace(a)
            a2.entities = naive_entities(nlp_full(article_text(a2)))

    sides = side_by_side(rounds, batches_of(list(articles)), ours, naive, before_round=lambda r: new_cache(f"r{r}"))
    words = sum(len(a.body.split()) for a in articles) / max(1, len(articles))
    shape = "1 process" if processes == 1 else f"the task's pool ({pool.worker_processes(processes)} processes, forked per batch)"
    return sides.result(name, len(articles), target, f"batches of {DAG_BATCH}, {shape}; avg {words:.0f} words; "
                        "naive = spacy.load(all components), nlp() per article")
