"""Shared set-up for end-to-end runs: a sources file pointing at the fixture site."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from tests.fixtureserver import FixtureServer, Response

RELEVANT = ["treaty-ratified", "rason-bridge", "shells-report", "kursk-pows", "ru-poezd", "ko-myeongtae"]
IRRELEVANT = ["kpop-tour"]
REJECTED = ["broken-shell"]
FEEDS = ["yonhap", "herald", "tass-ru", "news1-ko"]


def gdelt_route(server: FixtureServer) -> Response:
    """A GDELT DOC artlist answer listing one fixture article (again) and one that 404s."""
    body = {
        "articles": [
            {"url": server.url("/articles/treaty-ratified.html?utm_source=gdelt"), "title": "Russia ratifies defense pact",
             "seendate": "20241109T060000Z", "domain": "127.0.0.1", "language": "English", "sourcecountry": "Korea"},
            {"url": server.url("/articles/gone.html"), "title": "Gone", "seendate": "20241110T060000Z",
             "domain": "127.0.0.1", "language": "English", "sourcecountry": "Russia"},
        ]
    }
    return Response(200, json.dumps(body), {"Content-Type": "application/json"})


def write_sources(server: FixtureServer, folder: Path) -> Path:
    server.route("/gdelt/doc", lambda headers: gdelt_route(server))
    sources = [
        {"name": "fixture-yonhap", "kind": "rss", "url": server.url("/feeds/yonhap.xml"), "language": "en", "enabled": True},
        {"name": "fixture-herald", "kind": "atom", "url": server.url("/feeds/herald.atom"), "language": "en", "enabled": True},
        {"name": "fixture-tass-ru", "kind": "rss", "url": server.url("/feeds/tass-ru.xml"), "language": "ru", "enabled": True},
        {"name": "fixture-news1-ko", "kind": "rss", "url": server.url("/feeds/news1-ko.xml"), "language": "ko", "enabled": True},
        {"name": "fixture-gdelt", "kind": "gdelt", "url": server.url("/gdelt/doc"), "language": "en", "enabled": True,
         "supports_interval": True, "query": "(Russia OR Moscow) (Korea OR Pyongyang)"},
        {"name": "dead-host", "kind": "rss", "url": "http://127.0.0.1:9/feed.xml", "language": "en", "enabled": True},
        {"name": "html-not-feed", "kind": "rss", "url": server.url("/articles/kpop-tour.html"), "language": "en", "enabled": True},
        {"name": "switched-off", "kind": "rss", "url": server.url("/feeds/yonhap.xml"), "language": "en", "enabled": False},
    ]
    path = folder / "sources.yaml"
    path.write_text(yaml.safe_dump({"sources": sources}), encoding="utf-8")
    return path


def article_id(server: FixtureServer, name: str) -> str:
    from ingest.urls import canonical_url, doc_id

    return doc_id(canonical_url(server.url(f"/articles/{name}.html")))


def change_article(server: FixtureServer, name: str, old: str, new: str) -> None:
    """Serve a changed version of an article, and date its feed entry now (as a site does on an update)."""
    import re
    from datetime import datetime, timezone

    site = Path(__file__).parent / "fixtures" / "site"
    page = (site / "articles" / f"{name}.html").read_text(encoding="utf-8")
    assert old in page
    server.route(f"/articles/{name}.html", Response(200, page.replace(old, new), {"Content-Type": "text/html; charset=utf-8"}))
    now = datetime.now(timezone.utc).strftime("%a, %d %b %Y %H:%M:%S +0000")
    feed = (site / "feeds" / "yonhap.xml").read_text(encoding="utf-8")
    item = re.search(rf"<item>(?:(?!</item>).)*{name}(?:(?!</item>).)*</item>", feed, re.S).group(0)
    bumped = re.sub(r"<pubDate>[^<]*</pubDate>", f"<pubDate>{now}</pubDate>", item)
    server.route("/feeds/yonhap.xml", Response(200, feed.replace(item, bumped), {"Content-Type": "application/rss+xml"}))
