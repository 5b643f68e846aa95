"""Saved searches: ``ingest watch add|list|remove|test``."""

from __future__ import annotations

import argparse
from datetime import timedelta

from ingest.cli.output import Output
from ingest.errors import ConfigError
from ingest.settings import Settings


def _es(cfg: Settings):
    from ingest.cli import es_client
    from ingest.store.es import indices

    es = es_client(cfg)
    indices.setup(es)
    return es


def watch(args: argparse.Namespace, cfg: Settings, out: Output) -> None:
    from ingest.alerts import watches

    action = args.action
    if not action:
        raise ConfigError("say what to do: ingest watch add|list|remove|test (ingest watch --help)")
    es = _es(cfg)
    if action == "add":
        w = watches.Watch(name=args.name, query=args.query, languages=args.language, entities=args.entity,
                          topics=args.topic, outlets=args.outlet, webhook=args.webhook or "", emails=args.email,
                          digest=args.digest or "")
        watches.add(es, w, cfg.fetch)
        if out.json:
            out.emit(w.to_doc())
        else:
            out.line(f"saved {w.name}: {w.describe()}")
    elif action == "list":
        saved = watches.all_watches(es)
        for w in saved:
            if out.json:
                out.emit({**w.to_doc(), "webhook": watches._shown_url(w.webhook) if w.webhook else ""})
            else:
                out.line(f"{w.name}  {w.describe()}")
        if not saved and not out.json:
            out.line("no saved searches (ingest watch add NAME --query Q)")
    elif action == "remove":
        watches.remove(es, args.name)
        if out.json:
            out.emit({"removed": args.name})
        else:
            out.line(f"removed {args.name}")
    elif action == "test":
        _test(es, cfg, watches.get(es, args.name), args.days, out)


def _test(es, cfg: Settings, w, days: int, out: Output) -> None:
    """What the saved search would alert on now, over the articles indexed in the last ``days``; nothing is sent."""
    from ingest.alerts import deliver, match
    from ingest.models import utcnow

    es.client.indices.refresh(index=es.articles_alias)
    found = match.match(es, [w], utcnow() - timedelta(days=days), base_url=cfg.alerts.alert_base_url,
                        max_stories=cfg.alerts.alert_max_stories)[0]
    if found.error:
        raise ConfigError(f"saved search {w.name!r} cannot run: {found.error}")
    ids = [deliver.record_id(w.name, s.key) for s in found.stories]
    sent = {d["_id"]: d["_source"].get("status") for d in
            es.client.mget(index=es.alerts_index, ids=ids)["docs"] if d.get("found")} if ids else {}
    for s, rid in zip(found.stories, ids):
        status = sent.get(rid, "new")
        if out.json:
            out.emit({**s.item, "delivery": status})
            continue
        item = s.item
        out.line(f"{(item['dates']['first'] or '')[:10]}  {item['title']}  [{status}]", style="bold")
        out.line(f"    {item['summary']}")
        out.line(f"    {item['url']}", style="dim")
    if not found.stories and not out.json:
        out.line(f"nothing indexed in the last {days} day(s) matches {w.name!r} (nothing was sent)")


def register(add) -> None:
    p = add("watch", watch, "saved searches that alert on new articles, one item per story (add, list, remove, test)")
    sub = p.add_subparsers(dest="action", metavar="ACTION")
    a = sub.add_parser("add", help="save a search (refused in one line: an invalid query, a forbidden or dead webhook)",
                       description="save a search: after every indexing its new matches are delivered, "
                       "grouped by story")
    a.add_argument("name", metavar="NAME", help="the saved search's name (a name already saved is replaced)")
    a.add_argument("--query", required=True, help="the query, in the language of `ingest search`")
    a.add_argument("--webhook", help="POST each story here as signed JSON (INGEST_ALERT_SECRET); SSRF-guarded")
    a.add_argument("--email", action="append", default=[],
                   help="send a text + HTML digest to this address (repeatable)")
    a.add_argument("--language", action="append", default=[], help="only articles in this language (en, ko, ru)")
    a.add_argument("--entity", action="append", default=[], help="only articles naming this canonical entity")
    a.add_argument("--topic", action="append", default=[], help="only articles on this topic")
    a.add_argument("--outlet", action="append", default=[], help="only articles from this source")
    a.add_argument("--digest", choices=["daily"], help="one message a day with the day's stories, not one per run")
    a.add_argument("--json", action="store_true", help=argparse.SUPPRESS)
    a = sub.add_parser("list", help="the saved searches", description="the saved searches")
    a.add_argument("--json", action="store_true", help=argparse.SUPPRESS)
    a = sub.add_parser("remove", help="delete a saved search", description="delete a saved search")
    a.add_argument("name", metavar="NAME", help="the saved search's name")
    a.add_argument("--json", action="store_true", help=argparse.SUPPRESS)
    a = sub.add_parser("test", help="what a saved search would alert on now (nothing is sent)",
                       description="the stories a saved search would alert on now, over recently indexed articles; "
                       "nothing is sent or recorded")
    a.add_argument("name", metavar="NAME", help="the saved search's name")
    a.add_argument("--days", type=int, default=3, help="over the articles indexed in the last DAYS days (default 3)")
    a.add_argument("--json", action="store_true", help=argparse.SUPPRESS)
