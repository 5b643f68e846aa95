"""Commands on single pages, feeds and files: feed, fetch, extract, enrich, add."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ingest.cli.output import Output
from ingest.cli.search import iso_date
from ingest.errors import IngestError
from ingest.settings import Settings


def cleaned_row(cleaned: Any, **extra: Any) -> dict[str, Any]:
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


def show_article(out: Output, row: dict[str, Any]) -> None:
    out.line(row.get("title") or "(no title)", style="bold")
    meta = [row.get("site_name"), (row.get("published_at") or "")[:10] or None,
            ", ".join(row.get("authors") or []) or None, row.get("language")]
    out.line("  " + " · ".join(m for m in meta if m))
    body = row.get("body") or ""
    out.line("  " + body[:400].replace("\n\n", "\n  ") + ("…" if len(body) > 400 else ""))
    out.line()


def feed(args: argparse.Namespace, cfg: Settings, out: Output) -> None:
    from ingest import discover
    from ingest.discover.entries import entry_row
    from ingest.discover.sources import Source, load_sources

    source = load_sources(cfg.discover.sources_path, names=[args.source], only_enabled=False)[0] if args.source else None
    if "://" in args.target:
        from ingest.fetch.client import FEED, JSON, Fetcher

        with Fetcher(cfg.fetch) as fetcher:
            answer = fetcher.fetch(args.target, accept=FEED | JSON)
        if source is None:
            kind = "gdelt" if "json" in answer.content_type else "rss"
            source = Source(name="cli", kind=kind, url=args.target, query="cli" if kind == "gdelt" else None)
        rows = [entry_row(e) for e in discover.parse(answer.content, answer.final_url, source, answer.content_type)]
    else:
        rows = discover.feed_file_rows(args.target, source=source, base_url=args.base_url or "")
    for r in rows:
        if out.json:
            out.emit(r)
        else:
            out.line(f"{(r.get('published_at') or '')[:16]:<16}  {r['title'][:90]}")
            out.line(f"{'':<16}  {r['url']}", style="dim")


def fetch(args: argparse.Namespace, cfg: Settings, out: Output) -> None:
    from ingest.extract import extract
    from ingest.fetch.client import HTML, Fetcher
    from ingest.store import archive

    with Fetcher(cfg.fetch) as fetcher:
        answer = fetcher.fetch(args.url, accept=HTML)
    entry = archive.store(answer, cfg.store)  # kept whatever happens next
    base = {"url": args.url, "final_url": answer.final_url, "status": answer.status, "archive_key": entry.key}
    try:
        cleaned = extract(answer.content, url=answer.final_url, content_type=answer.headers.get("content-type"))
    except IngestError as exc:
        out.fail(args.url, f"skipped: {exc} (page archived as {entry.key})")
        return
    row = cleaned_row(cleaned, **base)
    out.emit(row) if out.json else show_article(out, row)


def extract(args: argparse.Namespace, cfg: Settings, out: Output) -> None:
    from ingest.extract import extract as extract_page

    for name in out.track(args.files, "extracting"):
        try:
            raw = Path(name).read_bytes()
        except OSError as exc:
            out.fail(name, f"cannot read: {exc.strerror or exc}")
            continue
        try:
            cleaned = extract_page(raw, url=args.url)
        except IngestError as exc:
            out.fail(name, f"skipped: {exc}")
            continue
        row = cleaned_row(cleaned, source=name, url=args.url)
        out.emit(row) if out.json else show_article(out, row)


def enrich(args: argparse.Namespace, cfg: Settings, out: Output) -> None:
    from ingest.enrich.enrich import enrich_file

    for name in out.track(args.files, "enriching"):
        try:
            row = enrich_file(name, cfg.enrich, language=args.language)
        except IngestError as exc:
            out.fail(name, exc)
            continue
        if out.json:
            out.emit(row)
            continue
        out.line(f"{row['title'] or name}", style="bold")
        out.line(f"  language {row.get('language') or '?'} · {len(row['entities'])} entities · "
                 f"{len(row['quotes'])} quotes · topics: {', '.join(row['topics']) or '-'}")
        by_type: dict[str, list[str]] = {}
        for e in row["entities"]:
            by_type.setdefault(e["type"], []).append(e["name"])
        for etype, names in sorted(by_type.items()):
            out.line(f"  {etype}: {', '.join(names)}")
        for q in row["quotes"]:
            text = q["text"] if len(q["text"]) <= 120 else q["text"][:119] + "…"
            out.line(f"  “{text}” — {q.get('speaker') or 'unknown speaker'}")
        out.line()


def add_files(args: argparse.Namespace, cfg: Settings, out: Output) -> None:
    from ingest import report, stages
    from ingest.add import Overrides, add_files as add
    from ingest.models import utcnow
    from ingest.store.es import runs
    from ingest.store.es.elastic import Elastic

    given = Overrides(url=args.url, language=args.language, source=args.source, title=args.title, published=args.published)
    started = utcnow()
    run_id = "add-" + started.strftime("%Y%m%dT%H%M%S%f")
    added = add(cfg, args.files, given, run_id=run_id)
    # the saved searches over what was just added; a failed delivery is retried later and fails nothing
    alerted = stages.alerts(cfg, started, run_id)
    if alerted.counts.watches:
        done_report = report.build(run_id, [alerted], started)
        runs.write(Elastic.connect(cfg.es), done_report)
        c = alerted.counts
        print(f"ingest add: alerts: {c.stories} new stor{'y' if c.stories == 1 else 'ies'}, {c.delivered} delivered"
              + (f", {c.delivery_failed} failed (retried next run; ingest report --json {run_id})" if c.delivery_failed else "")
              + (f", {c.invalid_watches} saved search(es) skipped as invalid" if c.invalid_watches else ""),
              file=sys.stderr)
    for done in added:
        if done.error:
            out.fail(done.file, done.error)
        elif out.json:
            out.emit(done.to_dict())
        else:
            out.line(f"{done.id}  {done.title[:80] or '(no title)'}  [{done.language or '?'}, "
                     f"{done.entities} entities, {done.status}]  {done.file}")


def register(add) -> None:
    p = add("feed", feed, "parse a feed (file or URL) or a GDELT answer: one entry per line")
    p.add_argument("target", metavar="FILE|URL", help="a saved feed file, or a feed URL to fetch (guarded)")
    p.add_argument("--source", help="parse as this configured source (kind, language)")
    p.add_argument("--base-url", help="resolve relative links in a feed file against this URL")
    p = add("fetch", fetch, "fetch one article (SSRF guard, robots.txt), archive it and clean it")
    p.add_argument("url", help="the article URL (http or https)")
    p = add("extract", extract, "clean saved HTML pages: title, date, authors, language, text")
    p.add_argument("files", nargs="+", metavar="FILE", help="saved HTML pages")
    p.add_argument("--url", help="the URL the pages came from (resolves relative links, dates in URLs)")
    p = add("enrich", enrich, "entities, quotes and topics of plain-text articles")
    p.add_argument("files", nargs="+", metavar="FILE", help="plain-text articles (first line may be the title)")
    p.add_argument("--language", choices=["en", "ko", "ru"], help="the articles' language (default: detected per file)")
    p = add("add", add_files, "index saved HTML pages or plain-text articles (archive, clean, enrich, index)")
    p.add_argument("files", nargs="+", metavar="FILE", help="saved HTML pages or plain-text articles")
    p.add_argument("--url", help="the address the page came from (one file); its id and canonical URL")
    p.add_argument("--language", choices=["en", "ko", "ru"], help="the articles' language (default: detected)")
    p.add_argument("--source", default="file", help="the source name recorded on the documents (default: file)")
    p.add_argument("--title", help="the title, over the page's own")
    p.add_argument("--published", type=iso_date, help="the publication date, over the page's own (YYYY-MM-DD)")
