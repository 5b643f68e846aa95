"""Every performance benchmark in one run: ``python -m bench.all [--quick]`` (``make bench``).

Stages (throughput and peak memory, ours against a naive way), search latency
on a large index, and the cost of an unchanged discovery pass. Prints a table
and writes ``bench/results/bench-<date>.json``. Indices live under their own
prefix (``bench-<run>-``) and are deleted at the end, also after a failure.
Exit status: 0 when it ran (PASS/MISS are in the report), 1 when it could not.
"""

from __future__ import annotations

import argparse
import os
import logging
import sys
import tempfile
import time
import uuid
from datetime import datetime
from pathlib import Path

from elasticsearch import Elasticsearch

from ingest.store.es import client as es_mod
from ingest.settings import Settings
from ingest.store.es.elastic import Elastic
from ingest.store.es.indices import ANALYSIS_NOTES, setup

from bench import dagshape
from bench import search as search_bench
from bench import stages
from bench import web as web_bench
from .dagshape import update_stream
from .generate import synth_articles, synth_pages, to_article
from .incremental import bench_incremental
from .measure import MEMORY_NOTE
from .report import Report, machine_info, render, write_json

SEED = 20250101
FULL = {
    "extraction_pages": 500,
    "enrich_en": 150,  # per round; every enrichment row runs 2 rounds side by side
    "enrich_stream": 150,
    "enrich_ko": 50,
    "enrich_ru": 50,
    "index_articles": 1000,  # per round; 3 rounds
    "fetch_pages": 300,
    "pipeline_pages": 200,
    "search_corpus": 100_000,
    "search_runs": 40,
    "search_warmup": 5,
}
QUICK = {
    "extraction_pages": 20,
    "enrich_en": 12,
    "enrich_stream": 12,
    "enrich_ko": 4,
    "enrich_ru": 4,
    "index_articles": 60,
    "fetch_pages": 20,
    "pipeline_pages": 12,
    "search_corpus": 600,
    "search_runs": 5,
    "search_warmup": 1,
}
CORPUS_PREFIX = "bench-corpus"
FETCH_LATENCY = 0.05  # seconds: a typical round trip to a news site


def es_version(es: Elasticsearch) -> str | None:
    try:
        return es.info()["version"]["number"]
    except Exception:  # some servers refuse GET /: ask the nodes
        try:
            nodes = es.nodes.info(filter_path="nodes.*.version")["nodes"]
            return sorted({n["version"] for n in nodes.values()})[0]
        except Exception:
            return None


def cleanup(es: Elasticsearch, prefix: str) -> None:
    es.indices.delete(index=f"{prefix}*", ignore_unavailable=True, allow_no_indices=True, expand_wildcards="all")
    quiet = es.options(ignore_status=404)
    for t in quiet.indices.get_index_template(name=f"{prefix}*").get("index_templates") or []:
        quiet.indices.delete_index_template(name=t["name"])


def _cfg(base: Settings, prefix: str, **changes) -> Settings:
    return base.replace(index_prefix=prefix, **changes)


def _say(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def run(sizes: dict[str, int], es: Elasticsearch, prefix: str, workdir: Path) -> Report:
    started = time.perf_counter()
    base = Settings.from_env()

    report = Report(started=datetime.now().isoformat(timespec="seconds"), machine=machine_info(es_version(es)), sizes=dict(sizes))
    report.notes.append(MEMORY_NOTE)
    prefixes = {k: f"{prefix}{k}-" for k in ("index", "pipe1", "pipenaive", "state")}
    cfgs = {k: _cfg(base, p) for k, p in prefixes.items()}
    for k in ("pipe1", "pipenaive"):
        done = setup(Elastic(es, cfgs[k].es))
    if done.analyzers_replaced:
        report.notes.append(f"this Elasticsearch lacks the analyzers {done.analyzers_replaced}: the bench indices use "
                            f"{ANALYSIS_NOTES[done.analysis]} instead")

    _say(f"generating {sizes['extraction_pages']} pages")
    pages = synth_pages(sizes["extraction_pages"], SEED)
    _say("extraction")
    result, _ = stages.bench_extraction(pages)
    report.stages.append(result)

    _say("enrichment as the DAG runs it (loading spaCy)")
    nlp_full = stages.full_spacy(base.spacy_model)
    fresh = lambda n, lang: update_stream(n, SEED + 1, lang, share=0.0)  # noqa: E731
    # processes 1: the task's one process; 0: with the pool the task owns, as the pipeline runs by default
    # (INGEST_ENRICH_PROCESSES=0; one process inside a daemonic worker).
    for lang, processes, target in (("en", 1, 2.0), ("en", 0, None), ("ko", 1, None), ("ko", 0, None),
                                    ("ru", 1, None), ("ru", 0, None)):
        n = sizes[f"enrich_{lang}"]
        shape = "1 process" if processes == 1 else "task's pool"
        _say(f"enrichment, {n} fresh articles in {lang}, {shape}")
        report.stages.append(dagshape.bench_enrichment(
            f"enrichment, fresh {lang}, {shape} (enrich_articles)", base, fresh(n, lang), nlp_full, target=target,
            processes=processes))
    for processes, target in ((0, 5.0), (1, None)):
        shape = "1 process" if processes == 1 else "task's pool"
        _say(f"enrichment, update/syndication stream, {shape}")
        report.stages.append(dagshape.bench_enrichment(
            f"enrichment, stream: 1/3 updates + copies, {shape}", base, update_stream(sizes["enrich_stream"], SEED + 3),
            nlp_full, keep_cache=True, target=target, processes=processes))

    _say(f"indexing {sizes['index_articles']} articles in DAG batches, ours vs before")
    articles = [to_article(a) for a in synth_articles(sizes["index_articles"], SEED, 0)]
    rows, report.es_cost = dagshape.bench_indexing(es, cfgs["index"], articles)
    report.stages += rows
    del articles

    _say("fetching")
    fetch_pages = pages[: sizes["fetch_pages"]]
    report.stages.append(stages.bench_fetching(base, fetch_pages, FETCH_LATENCY))
    report.stages.append(stages.bench_fetching(base, fetch_pages, 0.0))

    _say(f"whole pipeline on {sizes['pipeline_pages']} pages")
    pipe_pages = pages[: sizes["pipeline_pages"]]
    naive_run = stages.pipeline_naive(es, cfgs["pipenaive"], pipe_pages, nlp_full)
    report.stages.append(stages.pipeline_result(
        "whole pipeline (1 process, batches of 50)", len(pipe_pages),
        stages.pipeline_ours(es, _cfg(base, prefixes["pipe1"], enrich_processes=1), pipe_pages), naive_run, 1))
    del nlp_full

    # The search corpus is kept between runs (loading 100k articles here takes longer than the rest of the bench).
    n = sizes["search_corpus"]
    corpus = _cfg(base, os.environ.get("BENCH_CORPUS_PREFIX") or f"{CORPUS_PREFIX}{n}-")
    setup(Elastic(es, corpus.es))
    have = es.count(index=corpus.articles_alias)["count"]
    _say(f"search corpus {corpus.articles_alias}: {have} of {n} articles kept from earlier runs")
    if have < n:
        report.stages.append(search_bench.load_corpus(es, corpus, have, n - have, SEED))
    report.notes.append(f"search corpus {corpus.articles_alias} ({n:,} generated articles) is kept between runs; "
                        f"{have:,} were there already (delete the index to time the load again)")
    search_bench.check_cli_search(es, corpus)
    _say("search latency")
    report.search = search_bench.run_shapes(es, corpus, runs=sizes["search_runs"], warmup=sizes["search_warmup"])
    _say("workspace pages and the ingest search process")
    report.search += web_bench.bench_pages(es, corpus, runs=sizes["search_runs"], warmup=sizes["search_warmup"])
    for row in web_bench.bench_cli(corpus):
        report.notes.append(
            f"ingest search {row['text']} ({row['query']}), whole process: {row['seconds']} s, {row['mib']} MiB peak; "
            f"minimal elasticsearch-client script, same request: {row['minimal_seconds']} s, {row['minimal_mib']} MiB"
            + (f"; target {row['target_seconds']} s" + (f" and {row['target_mib']:.0f} MiB" if row["target_mib"] else "")
               + f": {row['status']}" if row["target_seconds"] else ""))

    _say("incremental discovery")
    report.incremental = bench_incremental(es, prefixes["state"], workdir)

    report.notes.append(f"fetching: {FETCH_LATENCY * 1000:.0f} ms simulated latency per page; robots.txt fetched before timing")
    report.notes.append("pipeline naive = per page extract, relevance, spacy.load(all) nlp(), es.index(); ours = each stage batched")
    report.total_seconds = time.perf_counter() - started
    return report


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Run every performance benchmark; table on stdout, JSON in bench/results/.")
    ap.add_argument("--quick", action="store_true", help="tiny sizes (a smoke test, numbers meaningless)")
    ap.add_argument("--out", type=Path, default=None, help="folder for the JSON (default bench/results/)")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    logging.getLogger("elastic_transport").setLevel(logging.ERROR)
    logging.getLogger("ingest.index").setLevel(logging.ERROR)  # "server lacks analyzers": noted in the report
    sizes = QUICK if args.quick else FULL
    cfg = Settings.from_env()
    es = es_mod.from_settings(cfg)
    try:
        es_mod.require(es)
    except es_mod.Unavailable as exc:
        print(f"error: {exc} (start it with `make es-up`)", file=sys.stderr)
        return 1
    prefix = f"bench-{uuid.uuid4().hex[:6]}-"
    _say("sizes: " + ", ".join(f"{k}={v:,}" for k, v in sizes.items()) + f"; index prefix {prefix}")
    t0 = time.perf_counter()
    try:
        with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
            report = run(sizes, es, prefix, Path(tmp))
    except Exception as exc:  # a benchmark that cannot run says why in one line
        print(f"error: benchmark failed: {type(exc).__name__}: {' '.join(str(exc).split())[:500]}", file=sys.stderr)
        return 1
    finally:
        cleanup(es, prefix)
    report.total_seconds = time.perf_counter() - t0
    print(render(report))
    path = write_json(report, args.out or Path(__file__).resolve().parent / "results")
    print(f"results: {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
