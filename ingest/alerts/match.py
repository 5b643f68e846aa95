"""Each saved search over one run's new or changed articles, the matches grouped by story.

The cost of a run does not grow with the archive: every saved search is one search in one
``_msearch``, filtered to the articles written since ``since`` (``indexed_at``: set when an article
is first indexed and when its stored document changes, e.g. a new content hash), and the coverage of
the matches (their copies and their other-language articles within ±3 days sharing key canonical
entities) is :func:`ingest.coverage.coverage_many`, the rule the workspace's article page uses.

One :class:`Story` per story: the run's matching articles that are copies or coverage of one another
form one group; the story is that group with all its copies and other-language coverage, its
first article the earliest of them, its key (what a delivery record is kept by) that article's id.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from ingest import coverage, search
from ingest.alerts.watches import Watch
from ingest.errors import BadQuery
from ingest.store.es.elastic import Elastic

LANGUAGE_NAMES = {"en": "English", "ko": "Korean", "ru": "Russian"}
SOURCE = sorted({*search.HIT_SOURCE, *coverage.FIELDS, "entities", "published_local_date", "site_name",
                 "indexed_at"} - {"body"})
_MARKS = re.compile("[\ue000\ue001]")
MSEARCH_CHUNK = 100


@dataclass
class Match:
    """What a saved search found in one run: its stories, or why it was skipped."""

    watch: Watch
    stories: list[Story] = field(default_factory=list)
    matched: int = 0  # articles of the run it matched
    error: str | None = None  # it could not run (an invalid query): reported and skipped


@dataclass
class Story:
    key: str
    item: dict[str, Any]


def request(watch: Watch, since: datetime, size: int) -> dict[str, Any]:
    """The saved search over the articles indexed since ``since`` (:class:`BadQuery` if it is none)."""
    query = watch.query_body()
    query["bool"]["filter"].append({"range": {"indexed_at": {"gte": since.isoformat()}}})
    body = search.request(watch.query, watch.filters(), size, marks=search.HTML_MARKS)
    body.pop("rescore", None)  # every match is alerted on: their order only decides which come first
    body.update(query=query, _source=SOURCE)
    return body


def _plain(fragment: str) -> str:
    return " ".join(_MARKS.sub("", fragment).split())


def _article(src: dict[str, Any], base_url: str, role: str, highlights: Sequence[str] = ()) -> dict[str, Any]:
    return {"id": src["id"], "title": src.get("title") or "", "outlet": src.get("source") or "",
            "language": src.get("language"), "date": src.get("date"), "role": role,
            "url": f"{base_url}/article/{src['id']}", "source_url": src.get("url"),
            "highlights": [_plain(h) for h in highlights][:3]}


def _summary(first: dict[str, Any], articles: list[dict[str, Any]]) -> str:
    """"yonhap, koreaherald and 2 others; also in Russian: tass, ria"."""
    def outlets(items: list[dict[str, Any]]) -> list[str]:
        return list(dict.fromkeys(a["outlet"] or "?" for a in items))

    same = outlets([a for a in articles if a["language"] == first["language"]])
    text = ", ".join(same[:2]) + (f" and {len(same) - 2} other{'s' * (len(same) != 3)}" if len(same) > 2 else "")
    for lang in sorted({a["language"] for a in articles if a["language"] != first["language"]} - {None}):
        names = outlets([a for a in articles if a["language"] == lang])
        text += f"; also in {LANGUAGE_NAMES.get(lang, lang)}: {', '.join(names)}"
    return text


def group(hits: list[dict[str, Any]], cover: dict[str, coverage.Coverage], base_url: str, watch: str) -> list[Story]:
    """The run's matching hits of one saved search → stories (pure; ``cover``: coverage by article id)."""
    ids = [h["_source"]["id"] for h in hits]
    parent = {i: i for i in ids}

    def root(i: str) -> str:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in ids:
        linked = [r.id for r in (*cover[i].copies, *cover[i].other_languages)]
        for j in linked:
            if j in parent:
                parent[root(j)] = root(i)
    groups: dict[str, list[dict[str, Any]]] = {}
    for h in hits:
        groups.setdefault(root(h["_source"]["id"]), []).append(h)
    stories = []
    for members in groups.values():
        arts: dict[str, dict[str, Any]] = {}
        for h in members:
            src = h["_source"]
            hl = h.get("highlight", {})
            fragments = hl.get("title", []) + hl.get("body", []) or [(src.get("summary") or "")[:200]]
            arts[src["id"]] = _article(src, base_url, "match", fragments)
        for h in members:
            c = cover[h["_source"]["id"]]
            for role, related in (("copy", c.copies), ("other_language", c.other_languages)):
                for r in related:
                    src = {"id": r.id, "title": r.title, "source": r.source, "language": r.language,
                           "date": r.date, "url": r.url}
                    arts.setdefault(r.id, _article(src, base_url, role))
        ordered = sorted(arts.values(), key=lambda a: (a["date"] or "9999", a["id"]))
        first = ordered[0]
        dates = [a["date"] for a in ordered if a["date"]]
        item = {
            "story": first["id"], "watch": watch, "title": first["title"], "url": first["url"],
            "summary": _summary(first, ordered),
            "outlets": sorted({a["outlet"] for a in ordered if a["outlet"]}),
            "languages": sorted({a["language"] for a in ordered if a["language"]}),
            "dates": {"first": min(dates) if dates else None, "last": max(dates) if dates else None},
            "new": sorted(h["_source"]["id"] for h in members),
            "articles": ordered,
        }
        stories.append(Story(first["id"], item))
    return sorted(stories, key=lambda s: (s.item["dates"]["first"] or "", s.key))


def match(es: Elastic, watches: Sequence[Watch], since: datetime, *, base_url: str,
          max_stories: int = 50) -> list[Match]:
    """Every saved search over the articles indexed since ``since``; an invalid one has its ``error`` set."""
    out = [Match(w) for w in watches]
    todo: list[tuple[Match, dict[str, Any]]] = []
    for m in out:
        try:
            todo.append((m, request(m.watch, since, max_stories)))
        except BadQuery as exc:
            m.error = f"invalid query: {exc}"
    hits_of: dict[str, list[dict[str, Any]]] = {}
    for start in range(0, len(todo), MSEARCH_CHUNK):
        chunk = todo[start : start + MSEARCH_CHUNK]
        lines: list[dict[str, Any]] = []
        for _, body in chunk:
            lines += [{"index": es.articles_alias}, body]
        resp = es.client.msearch(searches=lines)
        for (m, _), answer in zip(chunk, resp["responses"]):
            if "error" in answer:  # e.g. a field the mapping no longer has: this one is skipped, the others run
                err = answer["error"]
                why = (err.get("root_cause") or [err])[0].get("reason") if isinstance(err, dict) else err
                m.error = f"refused by Elasticsearch: {' '.join(str(why).split())[:200]}"
                continue
            hits_of[m.watch.name] = answer["hits"]["hits"]
            m.matched = len(answer["hits"]["hits"])
    docs: dict[str, dict[str, Any]] = {}
    for hits in hits_of.values():
        for h in hits:
            docs.setdefault(h["_source"]["id"], h["_source"])
    found = coverage.coverage_many(es.client, es.articles_alias, list(docs.values())) if docs else []
    cover = dict(zip(docs, found))
    for m in out:
        if m.watch.name in hits_of:
            m.stories = group(hits_of[m.watch.name], cover, base_url, m.watch.name)
    return out


__all__ = ["Match", "Story", "group", "match", "request"]
