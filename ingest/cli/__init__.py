"""The ``ingest`` command: one sub-command per job, text for people, ``--json`` for machines.

Every command takes ``--json`` (one JSON object per result, one per line).
An :class:`~ingest.errors.IngestError` (bad input, bad settings, an
unreachable service) is one line on stderr and exit code 1; anything else is
a bug, shown as one line too, with the traceback under ``--debug``.
"""

from __future__ import annotations

import argparse
import logging
import sys
from typing import Callable

from ingest import __version__
from ingest.cli import admin, pages, runs, search, serve, watch
from ingest.cli.output import Output
from ingest.errors import IngestError, one_line
from ingest.settings import Settings

Command = Callable[[argparse.Namespace, Settings, Output], None]
COMMANDS: dict[str, Command] = {}


def es_client(cfg: Settings):
    """The command's :class:`~ingest.store.es.elastic.Elastic`, checked to answer (one line if not)."""
    from ingest.store.es.elastic import Elastic

    es = Elastic.connect(cfg.es)
    es.require()
    return es


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ingest",
        description="Korea–Russia news: discover, fetch, clean, enrich, index and search articles.",
        epilog="Settings come from INGEST_* environment variables (see `ingest config`). "
        "Every command takes --json for machine-readable output (one JSON object per line).",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks and debug logs")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def add(name: str, func: Command, help_text: str) -> argparse.ArgumentParser:
        COMMANDS[name] = func
        p = sub.add_parser(name, help=help_text, description=help_text)
        p.add_argument("--json", action="store_true", help="print JSON (one object per line) instead of text")
        return p

    for module in (search, pages, runs, admin, serve, watch):
        module.register(add)
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
    out = Output(args.command, as_json=args.json)
    try:
        COMMANDS[args.command](args, Settings.from_env(), out)
    except KeyboardInterrupt:
        print("ingest: interrupted", file=sys.stderr)
        return 130
    except IngestError as exc:
        if args.debug:
            raise
        print(f"ingest {args.command}: error: {exc}", file=sys.stderr)
        return 1
    except Exception as exc:  # a bug: still one line, the traceback on request
        if args.debug:
            raise
        print(f"ingest {args.command}: internal error: {type(exc).__name__}: {one_line(exc)} (--debug shows the traceback)",
              file=sys.stderr)
        return 1
    return out.exit_code


build_parser()  # fills COMMANDS for importers (tests compare it with docs/cli.md)
