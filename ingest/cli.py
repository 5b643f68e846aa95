"""The ``ingest`` command: one sub-command per job, ``--json`` for machines.

Every command prints a one-line error on stderr and exits non-zero on bad
input or an unreachable service; ``--debug`` shows the traceback instead.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from datetime import datetime
from pathlib import Path
from typing import Any, Callable, Iterable

from . import __version__
from .config import Settings, settings as load_settings

EXIT_ERROR = 1


class CliError(Exception):
    """A failure to report on one line."""


def _print_json(obj: Any) -> None:
    print(json.dumps(obj, ensure_ascii=False, default=str))


def _jsonl(rows: Iterable[dict[str, Any]]) -> None:
    for row in rows:
        _print_json(row)


def _client(cfg: Settings):
    from . import es

    client = es.client(cfg)
    es.require(client, cfg.es_url)
    return client


def _date(value: str) -> datetime:
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an ISO date: {value!r} (use YYYY-MM-DD)") from None
    if parsed.tzinfo is None:
        from datetime import timezone

        parsed = parsed.replace(tzinfo=timezone.utc)
    return parsed


# -- commands -------------------------------------------------------------------

def cmd_config(args: argparse.Namespace, cfg: Settings) -> int:
    from .config import env_name

    values = cfg.public()
    if args.json:
        _print_json(values)
    else:
        width = max(len(env_name(k)) for k in values)
        for key, value in values.items():
            print(f"{env_name(key):<{width}}  {value}")
    return 0


def cmd_setup(args: argparse.Namespace, cfg: Settings) -> int:
    from . import index

    result = index.setup(_client(cfg), cfg)
    if args.json:
        _print_json(result.to_dict())
    else:
        state = "created" if result.created else "already there"
        print(f"templates: {', '.join(result.templates)}")
        print(f"index {result.index} ({state}) behind aliases {cfg.articles_alias} / {cfg.articles_write_alias}")
        if result.migrated_from:
            print(f"migrated documents from {result.migrated_from}")
        if result.analyzers_replaced:
            print(f"note: this server lacks the {', '.join(result.analyzers_replaced)} analyzers; standard analysis is used for them")
    return 0


def cmd_seed(args: argparse.Namespace, cfg: Settings) -> int:
    from . import pipeline

    counts = pipeline.index_seeds(cfg, refresh="wait_for")
    if args.json:
        _print_json(counts)
    else:
        print(", ".join(f"{k}: {v}" for k, v in counts.items()))
    return 0


def cmd_search(args: argparse.Namespace, cfg: Settings) -> int:
    from . import search

    filters = search.Filters(
        person=args.person,
        organization=args.organization,
        location=args.location,
        topic=args.topic,
        source=args.source,
        language=args.language,
        speaker=args.speaker,
        since=args.since,
        until=args.until,
    )
    hits = search.search(_client(cfg), cfg, " ".join(args.query), size=args.size, filters=filters)
    if args.json:
        _print_json([h.to_dict() for h in hits])
        return 0
    if not hits:
        print("no matching articles")
        return 0
    use_color = sys.stdout.isatty()
    for n, hit in enumerate(hits, 1):
        date = (hit.published_at or "")[:10] or "date unknown"
        print(f"{n:>2}. {hit.title}")
        print(f"    {hit.source} · {date} · score {hit.score:.2f}" if hit.score else f"    {hit.source} · {date}")
        if hit.url:
            print(f"    {hit.url}")
        for fragment in hit.highlights[:3]:
            text = " ".join(fragment.split())
            if use_color:
                text = text.replace("<em>", "\033[1;33m").replace("</em>", "\033[0m")
            print(f"    … {text} …")
        print()
    return 0


def cmd_sources(args: argparse.Namespace, cfg: Settings) -> int:
    from . import sources

    rows = sources.list_sources_rows(cfg.sources_file, names=args.name or None, only_enabled=not args.all)
    if args.json:
        _jsonl(rows)
        return 0
    print(f"{'name':<28} {'kind':<6} {'lang':<5} {'on':<3} url")
    for r in rows:
        print(f"{r['name']:<28} {r['kind']:<6} {r['language'] or '-':<5} {'yes' if r['enabled'] else 'no':<3} {r['url']}")
    return 0


def cmd_kibana_setup(args: argparse.Namespace, cfg: Settings) -> int:
    from . import kibana

    logging.getLogger("ingest.kibana").setLevel(logging.INFO)  # progress while waiting
    result = kibana.setup(url=args.url, objects_dir=args.objects, wait=args.wait, cfg=cfg)
    if args.json:
        _print_json(result)
    else:
        print(kibana.format_summary(result))
    return 0


def _fail_line(command: str, what: str, message: str) -> None:
    print(f"ingest {command}: {what}: {' '.join(str(message).split())}", file=sys.stderr)


def _cleaned_row(cleaned: Any, **extra: Any) -> dict[str, Any]:
    return {
        **extra,
        "title": cleaned.title,
        "body": cleaned.body,
        "summary": cleaned.summary,
        "published_at": cleaned.published_at.isoformat() if cleaned.published_at else None,
        "authors": cleaned.authors,
        "language": cleaned.language,
        "site_name": cleaned.site_name,
        "canonical_url": cleaned.canonical_url,
        "paywalled": cleaned.paywalled,
    }


def _print_article_text(row: dict[str, Any]) -> None:
    print(f"{row.get('title') or '(no title)'}")
    meta = [row.get("site_name"), (row.get("published_at") or "")[:10] or None, ", ".join(row.get("authors") or []) or None, row.get("language")]
    print("  " + " · ".join(m for m in meta if m))
    body = row.get("body") or ""
    print("  " + (body[:400].replace("\n\n", "\n  ") + ("…" if len(body) > 400 else "")))
    print()


def cmd_extract(args: argparse.Namespace, cfg: Settings) -> int:
    from .clean import Rejected, extract

    failed = 0
    for name in args.files:
        try:
            raw = Path(name).read_bytes()
        except OSError as exc:
            _fail_line("extract", name, f"cannot read: {exc.strerror or exc}")
            failed += 1
            continue
        try:
            cleaned = extract(raw, url=args.url)
        except Rejected as exc:
            _fail_line("extract", name, f"skipped: {exc}")
            failed += 1
            continue
        row = _cleaned_row(cleaned, source=name, url=args.url)
        _print_json(row) if args.json else _print_article_text(row)
    return EXIT_ERROR if failed else 0


def cmd_feed(args: argparse.Namespace, cfg: Settings) -> int:
    from . import sources

    source = sources.load_sources(cfg.sources_file, names=[args.source], only_enabled=False)[0] if args.source else None
    target = args.target
    if "://" in target:
        from .fetch import FEED, JSON, Fetcher

        with Fetcher(cfg) as fetcher:
            result = fetcher.fetch(target, accept=FEED | JSON)
        if source is None:
            kind = "gdelt" if "json" in result.content_type else "rss"
            source = sources.Source(name="cli", kind=kind, url=target, query="cli" if kind == "gdelt" else None)
        rows = [sources.candidate_row(c) for c in sources.discover_from_bytes(result.content, result.final_url, source, result.content_type)]
    else:
        rows = sources.feed_file_rows(target, source=source, base_url=args.base_url or "")
    if args.json:
        _jsonl(rows)
    else:
        for r in rows:
            print(f"{(r.get('published_at') or '')[:16]:<16}  {r['title'][:90]}\n                  {r['url']}")
    return 0


def cmd_fetch(args: argparse.Namespace, cfg: Settings) -> int:
    from . import archive
    from .clean import Rejected, extract
    from .fetch import HTML, Fetcher

    with Fetcher(cfg) as fetcher:
        result = fetcher.fetch(args.url, accept=HTML)
    entry = archive.store(result, cfg)  # kept whatever happens next
    base = {"url": args.url, "final_url": result.final_url, "status": result.status, "archive_key": entry.key}
    try:
        cleaned = extract(result.content, url=result.final_url, content_type=result.headers.get("content-type"))
    except Rejected as exc:
        _fail_line("fetch", args.url, f"skipped: {exc} (page archived as {entry.key})")
        return EXIT_ERROR
    row = _cleaned_row(cleaned, **base)
    _print_json(row) if args.json else _print_article_text(row)
    return 0


def cmd_enrich(args: argparse.Namespace, cfg: Settings) -> int:
    from .enrich.pipeline import EnrichInputError, enrich_file

    failed = 0
    for name in _progress(args.files, "enriching", len(args.files) > 3):
        try:
            row = enrich_file(name, cfg)
        except EnrichInputError as exc:
            _fail_line("enrich", name, str(exc))
            failed += 1
            continue
        _print_json(row)  # one JSON object per file, with or without --json
    return EXIT_ERROR if failed else 0


def _progress(items: Any, desc: str, show: bool = True, total: int | None = None) -> Any:
    """A progress bar on stderr for long work (only on a terminal)."""
    if not show or not sys.stderr.isatty():
        return items
    from tqdm import tqdm

    return tqdm(items, desc=desc, total=total, unit="item", file=sys.stderr)


def cmd_run(args: argparse.Namespace, cfg: Settings) -> int:
    from . import pipeline, runs

    logging.getLogger("ingest").setLevel(logging.ERROR)
    run_id = args.run_id or f"cli__{datetime.now().astimezone().isoformat(timespec='seconds')}"
    report = pipeline.run_once(cfg, run_id, names=args.source or None, refresh="wait_for")
    print(json.dumps(report, default=str)) if args.json else print(runs.summary_text(run_id, report))
    return 0


def cmd_reprocess(args: argparse.Namespace, cfg: Settings) -> int:
    from . import archive, pipeline, runs

    run_id = f"reprocess__{datetime.now().astimezone().isoformat(timespec='seconds')}"
    total = sum(1 for _ in archive.iter_entries(cfg)) if not args.key else len(args.key)
    bar = None
    if sys.stderr.isatty() and total:
        from tqdm import tqdm

        bar = tqdm(total=total, desc="reprocessing", unit="page", file=sys.stderr)
    try:
        report = pipeline.reprocess(cfg, run_id, keys=args.key or None, force_enrich=args.force_enrich,
                                    progress=bar.update if bar else None, refresh="wait_for")
    finally:
        if bar:
            bar.close()
    print(json.dumps(report, default=str)) if args.json else print(runs.summary_text(run_id, report))
    return 0


def cmd_report(args: argparse.Namespace, cfg: Settings) -> int:
    client = _client(cfg)
    if not client.indices.exists(index=cfg.runs_index):
        raise CliError(f"no run reports yet ({cfg.runs_index} does not exist); run `ingest run` or the DAG first")
    client.indices.refresh(index=cfg.runs_index)
    hits = client.search(index=cfg.runs_index, sort=[{"finished_at": "desc"}], size=args.last)["hits"]["hits"]
    if args.json:
        _jsonl(h["_source"] for h in hits)
    elif not hits:
        print("no run reports yet")
    for h in hits if not args.json else []:
        print(h["_source"].get("summary") or h["_source"]["run_id"])
        print()
    return 0


# -- parser ---------------------------------------------------------------------

COMMANDS: dict[str, Callable[[argparse.Namespace, Settings], int]] = {
    "config": cmd_config,
    "setup": cmd_setup,
    "seed": cmd_seed,
    "search": cmd_search,
    "sources": cmd_sources,
    "feed": cmd_feed,
    "fetch": cmd_fetch,
    "extract": cmd_extract,
    "enrich": cmd_enrich,
    "run": cmd_run,
    "reprocess": cmd_reprocess,
    "report": cmd_report,
    "kibana-setup": cmd_kibana_setup,
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ingest",
        description="Korea–Russia news: discover, fetch, clean, enrich, index and search articles.",
        epilog="Settings come from INGEST_* environment variables (see `ingest config`). "
        "Every command takes --json for machine-readable output.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks and debug logs")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def add(name: str, help_text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text)
        p.add_argument("--json", action="store_true", help="print JSON instead of text")
        return p

    add("config", "show the settings in force (INGEST_* variables)")
    add("setup", "apply the index templates and create the indices and aliases (idempotent)")
    add("seed", "index the seed articles from data/seed/ (idempotent: stable ids)")

    p = add("search", "search the archive: words, \"phrases\", -exclusions, with facet filters")
    p.add_argument("query", nargs="*", help="words to search for (empty: newest articles)")
    p.add_argument("--size", type=int, default=10, help="how many hits (default 10)")
    p.add_argument("--person", action="append", default=[], help="only articles naming this person (canonical name)")
    p.add_argument("--organization", "--org", action="append", default=[], help="only articles naming this organisation")
    p.add_argument("--location", "--place", action="append", default=[], help="only articles naming this place")
    p.add_argument("--topic", action="append", default=[], help="only articles on this topic")
    p.add_argument("--source", action="append", default=[], help="only articles from this source")
    p.add_argument("--language", action="append", default=[], help="only articles in this language (en, ko, ru)")
    p.add_argument("--speaker", action="append", default=[], help="only articles quoting this speaker")
    p.add_argument("--since", type=_date, help="only articles dated on or after (YYYY-MM-DD)")
    p.add_argument("--until", type=_date, help="only articles dated on or before (YYYY-MM-DD)")

    p = add("sources", "list the news sources (feeds and search APIs) from sources.yaml")
    p.add_argument("--all", action="store_true", help="include disabled sources")
    p.add_argument("--name", action="append", default=[], help="only this source (repeatable)")

    p = add("feed", "parse a feed (file or URL) or a GDELT answer: one JSON object per entry")
    p.add_argument("target", metavar="FILE|URL", help="a saved feed file, or a feed URL to fetch (guarded)")
    p.add_argument("--source", help="parse as this configured source (kind, language)")
    p.add_argument("--base-url", help="resolve relative links in a feed file against this URL")

    p = add("fetch", "fetch one article (SSRF guard, robots.txt), archive it and clean it: one JSON object")
    p.add_argument("url", help="the article URL (http or https)")

    p = add("extract", "clean saved HTML pages: one JSON object per file")
    p.add_argument("files", nargs="+", metavar="FILE", help="saved HTML pages")
    p.add_argument("--url", help="the URL the pages came from (resolves relative links, dates in URLs)")

    p = add("enrich", "entities, quotes and topics of plain-text articles: one JSON object per file")
    p.add_argument("files", nargs="+", metavar="FILE", help="plain-text articles (first line may be the title)")

    p = add("run", "one whole ingestion run in this process, without Airflow; prints the run report")
    p.add_argument("--source", action="append", default=[], help="only this source (repeatable)")
    p.add_argument("--run-id", help="id of the run report (default: cli__<time>)")

    p = add("reprocess", "clean, enrich and index archived pages again (nothing is fetched)")
    p.add_argument("--key", action="append", default=[], help="only this archive key (repeatable)")
    p.add_argument("--force-enrich", action="store_true", help="re-enrich even unchanged articles (after a KB change)")

    p = add("report", "show the latest run reports from the ingest-runs index")
    p.add_argument("--last", type=int, default=1, help="how many runs (default 1)")

    p = add("kibana-setup", "import the Kibana data view, searches and dashboard (idempotent)")
    p.add_argument("--url", help="Kibana URL (default INGEST_KIBANA_URL)")
    p.add_argument("--wait", type=float, default=300.0, help="seconds to wait for Kibana to be ready (default 300)")
    p.add_argument("--objects", type=Path, help="folder of .ndjson saved objects (default mappings/kibana)")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.debug else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    if not args.debug:  # libraries' own chatter is noise on a terminal: errors are ours to say, in one line
        logging.getLogger("elastic_transport").setLevel(logging.CRITICAL)
        logging.getLogger("trafilatura").setLevel(logging.ERROR)
    if not args.command:
        parser.print_help()
        return 2
    try:
        return COMMANDS[args.command](args, load_settings())
    except KeyboardInterrupt:
        print("ingest: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # one line, never a traceback, unless asked
        if args.debug:
            raise
        message = " ".join(str(exc).split()) or type(exc).__name__
        print(f"ingest {args.command}: error: {message}", file=sys.stderr)
        return EXIT_ERROR


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
