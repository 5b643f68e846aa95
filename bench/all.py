"""Every performance benchmark in one run: ``python -m bench.all [--quick]`` (``make bench``).

Stages (throughput and peak memory, ours against a naive way), search latency
on a large index, and the cost of an unchanged discovery pass. Prints a table
and writes ``bench/results/bench-<date>.json``. Indices live under their own
prefix (``bench-<run>-``) and are deleted at the end, also after a failure.
Exit status: 0 when it ran (PASS/MISS are in the report), 1 when it could not.
"""

from __future__ import annotations

import argparse
import dataclasses
import logging
import sys
import tempfile
import time
import uuid
from datetime import datetime
from pathlib import Path

from elasticsearch import Elasticsearch

from ingest.store.es import client as es_mod
from ingest.enrich.ner import worker_processes
from ingest.settings import Settings
from ingest.store.es.indices import setup

from bench import enrich as enrich_bench
from bench import search as search_bench
from bench import stages
from .generate import synth_articles, synth_pages, to_article
from .incremental import bench_incremental
from .measure import MEMORY_NOTE
from .report import Report, machine_info, render, write_json
from ingest.errors import Unavailable

SEED = 20250101
FULL = {
    "extraction_pages": 1000,
    "enrich_ours": 400,
    "enrich_naive": 200,
    "enrich_language_batch": 50,  # max_articles_per_source: what one DAG enrich task gets
    "index_bulk": 10_000,
    "index_naive": 2000,
    "fetch_pages": 300,
    "pipeline_pages": 400,
    "search_corpus": 100_000,
    "search_runs": 40,
    "search_warmup": 5,
}
QUICK = {
    "extraction_pages": 20,
    "enrich_ours": 12,
    "enrich_naive": 6,
    "enrich_language_batch": 4,
    "index_bulk": 300,
    "index_naive": 60,
    "fetch_pages": 20,
    "pipeline_pages": 12,
    "search_corpus": 600,
    "search_runs": 5,
    "search_warmup": 1,
}
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
    return dataclasses.replace(base, index_prefix=prefix, **changes)


def _say(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def run(sizes: dict[str, int], es: Elasticsearch, prefix: str, workdir: Path) -> Report:
    started = time.perf_counter()
    base = Settings.from_env()

    report = Report(started=datetime.now().isoformat(timespec="seconds"), machine=machine_info(es_version(es)), sizes=dict(sizes))
    report.notes.append(MEMORY_NOTE)
    prefixes = {k: f"{prefix}{k}-" for k in ("search", "naive", "pipe1", "pipe2", "pipenaive", "state")}
    cfgs = {k: _cfg(base, p) for k, p in prefixes.items()}
    for k in ("search", "naive", "pipe1", "pipe2", "pipenaive"):
        replaced = setup(es, cfgs[k]).analyzers_replaced
    if replaced:
        report.notes.append(f"this Elasticsearch lacks the analyzers {replaced}: the bench indices use standard analysis for them")

    _say(f"generating {sizes['extraction_pages']} pages")
    pages = synth_pages(sizes["extraction_pages"], SEED)
    _say("extraction")
    result, _ = stages.bench_extraction(pages)
    report.stages.append(result)

    _say("enrichment (loading spaCy)")
    nlp_full = stages.full_spacy(base.spacy_model)
    n_ours, n_naive = sizes["enrich_ours"], sizes["enrich_naive"]
    fresh = lambda n, start: [stages.plain_article(a) for a in synth_articles(n, SEED + 1, start)]  # noqa: E731
    naive = stages.enrich_naive(fresh(n_naive, 0), nlp_full)
    words = sum(len(a.body.split()) for a in fresh(n_ours, 0)) / max(1, n_ours)
    auto = worker_processes(base.enrich_processes)
    report.stages.append(stages.enrichment_result(
        f"enrichment (default: {auto} process{'es' if auto > 1 else ''})", stages.enrich_ours(fresh(n_ours, 0), base), naive, base, words))
    single = _cfg(base, base.index_prefix, enrich_processes=1) if auto > 1 else None
    if single is not None:
        _say("enrichment in 1 process")
        report.stages.append(stages.enrichment_result(
            "enrichment (1 process)", stages.enrich_ours(fresh(n_ours, n_ours), single), naive, single, words))

    _say("enrichment per language (a DAG batch, one process)")
    for lang, r in enrich_bench.per_language(sizes["enrich_language_batch"]).items():
        report.notes.append(
            f"enrichment {lang}: {r['ours_per_s']:.1f} articles/s ours vs {r['naive_per_s']:.1f} naive "
            f"(English spaCy on everything), {r['ratio']:.2f}x, batch {r['articles']}, 1 process"
        )

    _say(f"indexing {sizes['index_bulk']} bulk / {sizes['index_naive']} one by one")
    bulk = [to_article(a) for a in synth_articles(sizes["index_bulk"], SEED, 0)]
    one_by_one = [to_article(a) for a in synth_articles(sizes["index_naive"], SEED + 2, 0)]
    report.stages.append(stages.bench_indexing(es, cfgs["search"], bulk, cfgs["naive"], one_by_one))
    del bulk, one_by_one

    _say("fetching")
    fetch_pages = pages[: sizes["fetch_pages"]]
    report.stages.append(stages.bench_fetching(base, fetch_pages, FETCH_LATENCY))
    report.stages.append(stages.bench_fetching(base, fetch_pages, 0.0))

    _say(f"whole pipeline on {sizes['pipeline_pages']} pages")
    pipe_pages = pages[: sizes["pipeline_pages"]]
    naive_run = stages.pipeline_naive(es, cfgs["pipenaive"], pipe_pages, nlp_full)
    report.stages.append(stages.pipeline_result(
        "whole pipeline (default)", len(pipe_pages), stages.pipeline_ours(es, cfgs["pipe1"], pipe_pages), naive_run, auto))
    if single is not None:
        pcfg = _cfg(cfgs["pipe2"], prefixes["pipe2"], enrich_processes=1)
        report.stages.append(stages.pipeline_result(
            "whole pipeline (1 process)", len(pipe_pages), stages.pipeline_ours(es, pcfg, pipe_pages), naive_run, 1))
    del nlp_full

    rest = sizes["search_corpus"] - sizes["index_bulk"]
    _say(f"loading {rest} more documents for search ({sizes['search_corpus']} in all)")
    if rest > 0:
        report.stages.append(search_bench.load_corpus(es, cfgs["search"], sizes["index_bulk"], rest, SEED))
    search_bench.check_cli_search(es, cfgs["search"])
    _say("search latency")
    report.search = search_bench.run_shapes(es, cfgs["search"], runs=sizes["search_runs"], warmup=sizes["search_warmup"])

    _say("incremental discovery")
    report.incremental = bench_incremental(es, prefixes["state"], workdir)

    if single is not None:
        report.notes.append(f"default INGEST_ENRICH_PROCESSES={base.enrich_processes} (auto: {auto} here); rows '(1 process)' force 1")
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
