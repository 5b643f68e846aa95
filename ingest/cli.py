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


# -- parser ---------------------------------------------------------------------

COMMANDS: dict[str, Callable[[argparse.Namespace, Settings], int]] = {
    "config": cmd_config,
    "setup": cmd_setup,
    "seed": cmd_seed,
    "search": cmd_search,
    "sources": cmd_sources,
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
    if not args.debug:  # the client's own retry chatter is noise on a terminal
        logging.getLogger("elastic_transport").setLevel(logging.CRITICAL)
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
