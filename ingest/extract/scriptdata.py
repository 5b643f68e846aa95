"""The article a page carries in its embedded state JSON (pages rendered by JavaScript).

Arc/Fusion sites (Chosun Ilbo) send an empty shell and the story in
``Fusion.globalContent = {...}``; Next.js sites (Hankyoreh, TASS) in
``<script id="__NEXT_DATA__">``; others in ``window.__INITIAL_STATE__ = {...}``
and kin. :func:`state_article` finds, inside that JSON, the object that holds a
headline and the longest body, and returns its headline, date, authors and body
as plain text. It is read only when it is there to read: the scripts are data,
never run. The body it gives goes through the same cleaning and checks as text
read from the DOM (:func:`ingest.extract.core.extract`).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any, Iterator

from .text import squash

# Where state JSON sits (as data): script ids holding bare JSON, and JavaScript assignments.
STATE_SCRIPT_IDS = ("__NEXT_DATA__", "__NUXT_DATA__", "initial-state", "__APOLLO_STATE__")
STATE_ASSIGNMENTS = re.compile(
    r"(?:Fusion\.globalContent|window\.__INITIAL_STATE__|window\.__PRELOADED_STATE__|window\.__DATA__|"
    r"window\.__APOLLO_STATE__|window\.__STATE__)\s*=\s*(?=[{\[])")
MAX_SCRIPT_CHARS = 3_000_000  # a bigger script is not read
MAX_NODES = 50_000  # objects and lists walked in one page's state

# Keys of the article object (first found wins), as data.
HEADLINE_KEYS = ("headline", "title", "headlines")
DATE_KEYS = ("datePublished", "first_publish_date", "display_date", "publish_date", "published_dt", "publishedAt",
             "published_at", "publishDate", "pubDate", "createDate", "createdAt", "date")
BODY_KEYS = ("articleBody", "content_elements", "content", "body", "text", "contentHtml", "html", "fullText")
AUTHOR_KEYS = ("credits", "authors", "author", "reporters", "reporter", "byline", "writers")
MIN_STATE_BODY_CHARS = 200

_TAG = re.compile(r"<[^>]+>")
_BLOCK_END = re.compile(r"</(?:p|div|h[1-6]|li|blockquote)>|<br\s*/?>", re.I)


@dataclass
class StateArticle:
    headline: str = ""
    published: str = ""
    authors: list[str] = field(default_factory=list)
    body: str = ""  # paragraphs separated by blank lines

    def __bool__(self) -> bool:
        return bool(self.body)


def _html_text(value: str) -> str:
    from html import unescape

    parts = _BLOCK_END.split(value)
    lines = [squash(unescape(_TAG.sub(" ", p))) for p in parts]
    return "\n\n".join(line for line in lines if line)


def _scripts(soup) -> Iterator[Any]:
    for script in soup.find_all("script"):
        raw = script.string or ""
        if not raw or len(raw) > MAX_SCRIPT_CHARS:
            continue
        if script.get("id") in STATE_SCRIPT_IDS or "json" in (script.get("type") or "") and "ld+json" not in (script.get("type") or ""):
            try:
                yield json.loads(raw)
            except (ValueError, RecursionError):
                pass
            continue
        for m in STATE_ASSIGNMENTS.finditer(raw):
            try:
                value, _ = json.JSONDecoder(strict=False).raw_decode(raw, m.end())
            except (ValueError, RecursionError):
                continue
            yield value


def _text_of(value: Any) -> str:
    if isinstance(value, str):
        return squash(value)
    if isinstance(value, dict):  # Arc: headlines.basic
        for key in ("basic", "main", "name", "text"):
            if isinstance(value.get(key), str):
                return squash(value[key])
    return ""


def _body_of(obj: dict) -> str:
    for key in BODY_KEYS:
        value = obj.get(key)
        if isinstance(value, str) and len(value) >= MIN_STATE_BODY_CHARS:
            return _html_text(value)
        if key == "content_elements" and isinstance(value, list):  # Arc: typed elements, the text ones
            texts = [_html_text(e["content"]) for e in value
                     if isinstance(e, dict) and e.get("type") in ("text", "header") and isinstance(e.get("content"), str)]
            text = "\n\n".join(t for t in texts if t)
            if len(text) >= MIN_STATE_BODY_CHARS:
                return text
    return ""


def _names(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value] if value.strip() else []
    if isinstance(value, list):
        return [n for v in value for n in _names(v)]
    if isinstance(value, dict):
        if "by" in value:  # Arc credits
            return _names(value["by"])
        name = value.get("name") or value.get("fullName") or value.get("title")
        return [name] if isinstance(name, str) and name.strip() else []
    return []


def _walk(node: Any) -> Iterator[dict]:
    stack, seen = [node], 0
    while stack and seen < MAX_NODES:
        cur = stack.pop()
        seen += 1
        if isinstance(cur, dict):
            yield cur
            stack.extend(v for v in cur.values() if isinstance(v, (dict, list)))
        elif isinstance(cur, list):
            stack.extend(reversed(cur))


def state_article(soup) -> StateArticle:
    """The article in the page's embedded state (an empty one when there is none)."""
    best = StateArticle()
    for data in _scripts(soup):
        for obj in _walk(data):
            headline = next((t for t in (_text_of(obj.get(k)) for k in HEADLINE_KEYS) if t), "")
            if not headline:
                continue
            body = _body_of(obj)
            if len(body) <= len(best.body):
                continue
            published = next((str(obj[k]) for k in DATE_KEYS if isinstance(obj.get(k), (str, int)) and str(obj[k]).strip()), "")
            authors = next((n for n in (_names(obj.get(k)) for k in AUTHOR_KEYS) if n), [])
            best = StateArticle(headline, published, [squash(a) for a in authors], body)
    return best


__all__ = ["StateArticle", "state_article", "STATE_SCRIPT_IDS", "STATE_ASSIGNMENTS"]
