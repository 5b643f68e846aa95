"""Set-up commands: config, setup, seed, sources, kibana-setup."""

from __future__ import annotations

import argparse
import logging
from pathlib import Path

from ingest.cli.output import Output
from ingest.settings import Settings, env_name


def config(args: argparse.Namespace, cfg: Settings, out: Output) -> None:
    values = cfg.public()
    if out.json:
        out.emit(values)
        return
    width = max(len(env_name(k)) for k in values)
    for key, value in values.items():
        out.line(f"{env_name(key):<{width}}  {'' if value is None else value}")


def setup(args: argparse.Namespace, cfg: Settings, out: Output) -> None:
    from ingest.cli import es_client
    from ingest.store.es import indices

    result = indices.setup(es_client(cfg))
    if out.json:
        out.emit(result.to_dict())
        return
    out.line(f"templates: {', '.join(result.templates)}")
    out.line(f"index {result.index} ({'created' if result.created else 'already there'}) "
             f"behind aliases {cfg.articles_alias} / {cfg.articles_write_alias}")
    if result.migrated_from:
        out.line(f"migrated documents from {result.migrated_from}")
    out.line(f"analysis: {result.analysis} ({indices.ANALYSIS_NOTES[result.analysis]})")
    if result.analyzers_replaced:
        out.line(f"note: this server lacks the {', '.join(result.analyzers_replaced)} analyzers")


def seed(args: argparse.Namespace, cfg: Settings, out: Output) -> None:
    from ingest import stages

    result = stages.index_seeds(cfg, refresh="wait_for")
    if out.json:
        out.emit(result.to_dict())
        return
    c = result.counts
    out.line(f"seeds: {c.seeds} · indexed {c.indexed} · updated {c.updated} · unchanged {c.unchanged} · enriched {c.enriched}")


def sources(args: argparse.Namespace, cfg: Settings, out: Output) -> None:
    from ingest.discover.sources import list_sources_rows

    rows = list_sources_rows(cfg.discover.sources_path, names=args.name or None, only_enabled=not args.all)
    if out.json:
        for row in rows:
            out.emit(row)
        return
    out.line(f"{'name':<28} {'kind':<6} {'lang':<5} {'on':<3} url", style="bold")
    for r in rows:
        out.line(f"{r['name']:<28} {r['kind']:<6} {r['language'] or '-':<5} {'yes' if r['enabled'] else 'no':<3} {r['url']}")


def kibana_setup(args: argparse.Namespace, cfg: Settings, out: Output) -> None:
    from ingest import kibana

    logging.getLogger("ingest.kibana").setLevel(logging.INFO)  # progress while waiting
    result = kibana.setup(cfg.kibana, url=args.url, objects_dir=args.objects, wait=args.wait)
    if out.json:
        out.emit(result)
    else:
        out.line(kibana.format_summary(result))


def register(add) -> None:
    add("config", config, "show the settings in force (INGEST_* variables)")
    add("setup", setup, "apply the index templates and create the indices and aliases (idempotent)")
    add("seed", seed, "index the seed articles (idempotent: stable ids)")
    p = add("sources", sources, "list the news sources (feeds and search APIs) from the sources file")
    p.add_argument("--all", action="store_true", help="include disabled sources")
    p.add_argument("--name", action="append", default=[], help="only this source (repeatable)")
    p = add("kibana-setup", kibana_setup, "import the Kibana data view, searches and dashboard (idempotent)")
    p.add_argument("--url", help="Kibana URL (default INGEST_KIBANA_URL)")
    p.add_argument("--wait", type=float, default=300.0, help="seconds to wait for Kibana to be ready (default 300)")
    p.add_argument("--objects", type=Path, help="folder of .ndjson saved objects (default: those shipped in the package)")
