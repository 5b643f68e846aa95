"""Page metadata: title, site name, canonical URL, summary, JSON-LD, paywall flag.

JSON-LD and ``<meta>`` tags come first, visible markup second. Which tags are
read, and in what order, is data (the ``*_META`` tuples below). Dates are read
by :mod:`.dates`, bylines by :mod:`.authors`; URLs are checked by
:func:`ingest.urls.http_url`.
"""

from __future__ import annotations

import json
import re
from html import unescape as html_unescape
from typing import Any, Iterator

from ingest.urls import http_url

from .text import cap, first_paragraph, squash

MAX_TITLE_CHARS = 500
MAX_SUMMARY_CHARS = 1000

# <meta> names (property, name or itemprop), best first.
TITLE_META = ("og:title", "twitter:title", "dc.title", "title")
SITE_META = ("og:site_name", "application-name", "twitter:site", "publisher")
CANONICAL_META = ("og:url", "twitter:url")
SUMMARY_META = ("og:description", "description", "twitter:description", "dc.description")

# schema.org types that describe the page's article (a bare WebPage only when nothing better is there).
ARTICLE_TYPES = frozenset({
    "newsarticle", "article", "reportagenewsarticle", "analysisnewsarticle", "opinionnewsarticle",
    "blogposting", "backgroundnewsarticle", "reviewnewsarticle", "report", "webpage", "livelogposting",
})

TITLE_SEPARATORS = re.compile(r"\s+[|\-–—:·•»]{1,2}\s+")
_AFFIX_PUNCTUATION = " |-–—:·•»"


# ---------------------------------------------------------------- meta tags and JSON-LD

def meta(soup, *names: str) -> str:
    """First non-empty <meta> content among ``names`` (matched on property, name or itemprop)."""
    wanted = [n.lower() for n in names]
    found: dict[str, str] = {}
    for tag in soup.find_all("meta"):
        content = tag.get("content")
        if not content:
            continue
        for attr in ("property", "name", "itemprop"):
            key = tag.get(attr)
            if isinstance(key, str) and key.lower() in wanted and key.lower() not in found:
                found[key.lower()] = content
    for n in wanted:
        value = squash(found.get(n))
        if value:
            return value
    return ""


def _walk_json(node: Any) -> Iterator[dict]:
    stack = [node]
    while stack:
        cur = stack.pop()
        if isinstance(cur, dict):
            yield cur
            stack.extend(v for v in cur.values() if isinstance(v, (dict, list)))
        elif isinstance(cur, list):
            stack.extend(reversed(cur))


def json_ld(soup) -> dict:
    """The page's main Article object from JSON-LD (an empty dict when there is none)."""
    best: dict = {}
    best_rank = -1
    for script in soup.find_all("script", type=re.compile(r"ld\+json", re.I)):
        raw = script.string or script.get_text() or ""
        try:
            data = json.loads(raw.strip().rstrip(";"), strict=False)
        except (ValueError, RecursionError):
            continue
        for obj in _walk_json(data):
            types = obj.get("@type")
            types = [types] if isinstance(types, str) else types if isinstance(types, list) else []
            lowered = {str(t).lower() for t in types}
            if not lowered & ARTICLE_TYPES:
                continue
            rank = 0 if lowered <= {"webpage"} else 2 if "headline" in obj else 1
            if rank > best_rank:
                best, best_rank = obj, rank
    return best


def ld_text(value: Any) -> str:
    """A JSON-LD value as text: the first of a list, the ``name`` (or ``@id``) of an object."""
    if isinstance(value, list):
        value = value[0] if value else ""
    if isinstance(value, dict):
        value = value.get("name") or value.get("@id") or ""
    return squash(str(value)) if value else ""


def paywalled(ld: dict) -> bool:
    """schema.org's paywall marking: ``isAccessibleForFree: false`` on the article or a part of it."""
    def closed(obj: Any) -> bool:
        return isinstance(obj, dict) and str(obj.get("isAccessibleForFree", "")).strip().lower() == "false"

    parts = ld.get("hasPart")
    parts = parts if isinstance(parts, list) else [parts]
    return closed(ld) or any(closed(p) for p in parts)


def article_body(ld: dict) -> str:
    """JSON-LD ``articleBody`` (pages rendered by JavaScript often carry their text only there)."""
    body = ld.get("articleBody")
    return body if isinstance(body, str) else ""


# ---------------------------------------------------------------- site, title, canonical URL, summary

def site_name(soup, ld: dict) -> str | None:
    name = meta(soup, *SITE_META) or ld_text(ld.get("publisher"))
    name = name.lstrip("@") if name else ""
    return name or None


def strip_site(title: str, site: str | None, guess: bool = True) -> str:
    """Drop a " | Site" / "Site - " affix that CMSs add to <title> and og:title; without a
    known site name (and when ``guess``), drop a short trailing segment that looks like a brand."""
    parts = TITLE_SEPARATORS.split(title)
    if len(parts) < 2:
        return title
    if site:
        low = site.lower()
        last, first = parts[-1].lower(), parts[0].lower()
        if last and (last in low or low in last):
            return title[: title.rfind(parts[-1])].rstrip(_AFFIX_PUNCTUATION)
        if first and (first in low or low in first):
            return title[len(parts[0]):].lstrip(_AFFIX_PUNCTUATION)
    if guess and len(parts[-1]) <= 30 and len(parts[-1]) < len(" ".join(parts[:-1])) / 2:
        return title[: title.rfind(parts[-1])].rstrip(_AFFIX_PUNCTUATION)
    return title


_ENTITY = re.compile(r"&(?:#\d{1,7}|#x[0-9a-f]{1,6}|[a-z]{2,8});", re.I)
_QUOTES = "\"'“”«»‘’「」『』"


def unescape_once(text: str) -> str:
    """HTML entities decoded once (the parser decoded the markup's own layer; a page that
    escaped its og:title twice leaves "&quot;" behind)."""
    return squash(html_unescape(text)) if text and _ENTITY.search(text) else squash(text)


def _looks_escaped(text: str) -> bool:
    return bool(_ENTITY.search(text))


def _same_words(a: str, b: str) -> bool:
    words = re.compile(r"\w+")
    return words.findall(a.casefold()) == words.findall(b.casefold())


_LOGO = re.compile(r"logo|brand|masthead", re.I)


def _brand(tag, site: str | None) -> bool:
    """An <h1> that is the site's logo or name (KBS: <h1 class="logo">KBS NEWS</h1>), not a headline."""
    for node in (tag, tag.parent):
        marks = " ".join([*(node.get("class") or []), node.get("id") or ""]) if node is not None and node.name else ""
        if _LOGO.search(marks):
            return True
    text = squash(tag.get_text(" ")).casefold()
    return bool(site) and text == squash(site).casefold()


HEADINGS_SHOWN, HEADINGS_LIMIT = ("h1", "h2", "h3"), 40


def title(soup, ld: dict, site: str | None, state_headline: str = "") -> str:
    """JSON-LD headline, else og:title and kin, else the first <h1>, else the embedded state's
    headline, else <title>; site affix removed, entities decoded once.

    An og:title that still holds entities (escaped twice) or whose words differ from the
    page's <h1> gives way to the <h1>; a headline's own quotation marks are kept."""
    h1, parts = "", []
    for tag in soup.find_all("h1", limit=5):
        h1 = "" if _brand(tag, site) else squash(tag.get_text(" "))
        if h1:
            # an <h1> holding the headline and a second title in elements of their own (Lenta's
            # "topic-body__title" and "…__title-yandex"): each part is a headline the og:title may be
            parts = [squash(c.get_text(" ")) for c in tag.find_all(True, recursive=False)]
            break
    html_title = squash(soup.title.get_text(" ")) if soup.title else ""
    og = meta(soup, *TITLE_META)
    if og and h1:
        bare = strip_site(unescape_once(og), site)
        if _looks_escaped(og) or not any(_same_words(bare, t) for t in (h1, *parts) if t):
            og = ""
    candidates = [  # (text, whether a brand-like tail may be guessed off)
        (ld_text(ld.get("headline")), False),
        (og, True),
        (h1, False),
        (squash(state_headline), False),
        (html_title, True),
    ]
    # a title the page also shows whole as a heading (Buy Russia 21's <h3 class="heading">) has no
    # brand tail to guess off: "… 제1아주국장 - 대한국관은?" is the headline's own question
    shown = {squash(t.get_text(" ")) for t in soup.find_all(HEADINGS_SHOWN, limit=HEADINGS_LIMIT)}
    for cand, guess in candidates:
        if cand:
            guess = guess and unescape_once(cand) not in shown
            return cap(_keep_quotes(strip_site(unescape_once(cand), site, guess), unescape_once(cand)), MAX_TITLE_CHARS)
    return ""


def _keep_quotes(stripped: str, whole: str) -> str:
    """A headline opening with a quotation keeps its opening mark if cutting the site affix took it."""
    if stripped and whole and whole[0] in _QUOTES and stripped[0] not in _QUOTES and whole.find(stripped) == 1:
        return whole[0] + stripped
    return stripped


def canonical(soup, ld: dict, url: str | None) -> str | None:
    """The first http(s) URL among <link rel=canonical>, og:url and JSON-LD, made absolute against ``url``."""
    candidates: list[str] = []
    for link in soup.find_all("link", href=True):
        rel = link.get("rel") or []
        rel = rel if isinstance(rel, list) else [rel]
        if "canonical" in [r.lower() for r in rel]:
            candidates.append(link["href"])
    candidates.append(meta(soup, *CANONICAL_META))
    main = ld.get("mainEntityOfPage")
    candidates.append(ld_text(main) if isinstance(main, (dict, list)) else str(main or ""))
    candidates.append(str(ld.get("url") or ""))
    for cand in candidates:
        absolute = http_url(cand, base=url)
        if absolute:
            return absolute
    return None


def summary(soup, ld: dict, body: str) -> str:
    """The page's description, else JSON-LD's, else the body's first paragraph."""
    text = meta(soup, *SUMMARY_META) or ld_text(ld.get("description"))
    if not text and body:
        text = first_paragraph(body)
    return cap(text, MAX_SUMMARY_CHARS)


def body_summary(body: str) -> str:
    """The summary of a page whose markup could not be read: its first paragraph."""
    return cap(first_paragraph(body), MAX_SUMMARY_CHARS)


__all__ = [
    "MAX_TITLE_CHARS", "MAX_SUMMARY_CHARS", "meta", "json_ld", "ld_text", "paywalled", "article_body",
    "site_name", "strip_site", "title", "unescape_once", "canonical", "summary", "body_summary",
]
