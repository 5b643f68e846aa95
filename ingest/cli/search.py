"""The search command."""

from __future__ import annotations

import argparse
from datetime import datetime, timezone

from ingest.cli.output import Output
from ingest.settings import Settings


def iso_date(value: str) -> datetime:
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an ISO date: {value!r} (use YYYY-MM-DD)") from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)


def search(args: argparse.Namespace, cfg: Settings, out: Output) -> None:
    from ingest import search as search_mod
    from ingest.cli import es_client

    filters = search_mod.Filters(
        person=args.person, organization=args.organization, location=args.location, topic=args.topic,
        source=args.source, language=args.language, speaker=args.speaker, since=args.since, until=args.until,
    )
    hits = search_mod.search(es_client(cfg), " ".join(args.query), size=args.size, filters=filters)
    if out.json:
        for hit in hits:
            out.emit(hit.to_dict())
        return
    if not hits:
        out.line("no matching articles")
        return
    for n, hit in enumerate(hits, 1):
        date = (hit.published_at or "")[:10] or "date unknown"
        out.line(f"{n:>2}. {hit.title}", style="bold")
        out.line(f"    {hit.source} · {date}" + (f" · score {hit.score:.2f}" if hit.score else ""))
        if hit.url:
            out.line(f"    {hit.url}", style="dim")
        for fragment in hit.highlights[:3]:
            out.highlighted(fragment)
        out.line()


def register(add) -> None:
    p = add("search", search, 'search the archive: words, "phrases", -exclusions, with facet filters')
    p.add_argument("query", nargs="*", help="words to search for (empty: newest articles)")
    p.add_argument("--size", type=int, default=10, help="how many hits (default 10)")
    p.add_argument("--person", action="append", default=[], help="only articles naming this person (canonical name)")
    p.add_argument("--organization", "--org", action="append", default=[], help="only articles naming this organisation")
    p.add_argument("--location", "--place", action="append", default=[], help="only articles naming this place")
    p.add_argument("--topic", action="append", default=[], help="only articles on this topic")
    p.add_argument("--source", action="append", default=[], help="only articles from this source")
    p.add_argument("--language", action="append", default=[], help="only articles in this language (en, ko, ru)")
    p.add_argument("--speaker", action="append", default=[], help="only articles quoting this speaker")
    p.add_argument("--since", type=iso_date, help="only articles dated on or after (YYYY-MM-DD)")
    p.add_argument("--until", type=iso_date, help="only articles dated on or before (YYYY-MM-DD)")
