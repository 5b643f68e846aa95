"""Run commands: run, reprocess, report."""

from __future__ import annotations

import argparse
import logging
from datetime import datetime

from ingest.cli.output import Output
from ingest.settings import Settings


def _show(out: Output, doc: dict) -> None:
    if out.json:
        out.emit(doc)
        return
    status = doc.get("status", "")
    style = {"success": "green", "partial": "yellow", "failed": "bold red"}.get(status)
    lines = (doc.get("summary") or doc.get("run_id", "")).splitlines()
    if lines:
        out.line(lines[0], style=style)
    for line in lines[1:]:
        out.line(line)


def run(args: argparse.Namespace, cfg: Settings, out: Output) -> None:
    from ingest import runner

    logging.getLogger("ingest").setLevel(logging.ERROR)
    run_id = args.run_id or f"cli__{datetime.now().astimezone().isoformat(timespec='seconds')}"
    with out.progress("running", None):
        done = runner.run_once(cfg, run_id, names=args.source or None, refresh="wait_for")
    _show(out, done.to_doc())


def reprocess(args: argparse.Namespace, cfg: Settings, out: Output) -> None:
    from ingest import runner
    from ingest.store import archive

    run_id = f"reprocess__{datetime.now().astimezone().isoformat(timespec='seconds')}"
    total = len(args.key) if args.key else sum(1 for _ in archive.iter_entries(cfg.store))
    with out.progress("reprocessing", total) as bar:
        task = bar.task_ids[0]
        done = runner.reprocess(cfg, run_id, keys=args.key or None, force_enrich=args.force_enrich,
                                progress=lambda n: bar.advance(task, n), refresh="wait_for")
    _show(out, done.to_doc())


def report(args: argparse.Namespace, cfg: Settings, out: Output) -> None:
    from ingest.cli import es_client
    from ingest.errors import ConfigError
    from ingest.store.es import runs

    docs = runs.latest(es_client(cfg), args.last)
    if not docs:
        raise ConfigError(f"no run reports yet (nothing in {cfg.runs_index}); run `ingest run` or the DAG first")
    for n, doc in enumerate(docs):
        if n and not out.json:
            out.line()
        _show(out, doc)


def register(add) -> None:
    p = add("run", run, "one whole ingestion run in this process, without Airflow; prints the run report")
    p.add_argument("--source", action="append", default=[], help="only this source (repeatable)")
    p.add_argument("--run-id", help="id of the run report (default: cli__<time>)")
    p = add("reprocess", reprocess, "clean, enrich and index archived pages again (nothing is fetched)")
    p.add_argument("--key", action="append", default=[], help="only this archive key (repeatable)")
    p.add_argument("--force-enrich", action="store_true", help="re-enrich even unchanged articles (after a KB change)")
    p = add("report", report, "show the latest run reports from the ingest-runs index")
    p.add_argument("--last", type=int, default=1, help="how many runs (default 1)")
