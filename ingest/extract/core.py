"""Orchestration: raw page bytes → :class:`Extracted` article fields, or :class:`Rejected`.

Each step is another module's job: :mod:`.decode` (bytes to text, input
checks), :mod:`.metadata` (title, site, canonical URL, summary, paywall),
:mod:`.authors`, :mod:`.body` (main text), :mod:`.dates` (publication date)
and :mod:`.language`. Everything is bounded: input is cut before parsing, and
a parser that gives up on hostile markup (too deep to walk) leaves the fields
it would have read empty instead of failing the page, and a note
(:data:`MARKUP_TOO_DEEP`) on it. A bug (``TypeError``, ``KeyError``...) is
not a page's fault: it propagates, for the stage to count as an error.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from ingest.errors import Rejected
from ingest.urls import http_url

from . import authors as authors_mod
from . import body as body_mod
from . import dates, decode, furniture, language, metadata, plaintext, scriptdata
from .outlets import default_timezone, timezone_of, zone
from .text import cap, first_paragraph, parse_html

UNTITLED_CHARS = 200  # a page without a title is named by its first paragraph, this long at most
MARKUP_TOO_DEEP = "markup_too_deep"  # the note of a page whose tree was too deep to walk for some fields


@dataclass
class Extracted:
    title: str
    body: str  # paragraphs separated by blank lines
    summary: str = ""
    published_at: datetime | None = None  # timezone-aware, in the outlet's zone (the page's own offset if unknown)
    published_precision: str | None = None  # "second", "minute" or "day" (a date shown without a time)
    authors: list[str] = field(default_factory=list)
    language: str | None = None
    site_name: str | None = None
    canonical_url: str | None = None  # as the page claims it (absolute http(s)); not checked against the site
    paywalled: bool = False  # the page marks itself paywalled and the body is only its teaser
    source: str | None = None  # the agency whose copy this is ("연합뉴스", "ТАСС"), when the page says so
    notes: list[str] = field(default_factory=list)  # what could not be read: MARKUP_TOO_DEEP

    @property
    def published_local_date(self) -> str | None:
        """The day of publication as the outlet shows it (ISO date), or None."""
        return self.published_at.date().isoformat() if self.published_at else None


@dataclass
class _Page:
    """What the markup says about the page; empty when the tree is too deep to walk."""

    soup: object = None
    ld: dict = field(default_factory=dict)
    site: str | None = None
    title: str = ""
    canonical: str | None = None
    authors: list[str] = field(default_factory=list)
    source: str | None = None
    state: scriptdata.StateArticle = field(default_factory=scriptdata.StateArticle)
    notes: set[str] = field(default_factory=set)


def extract(raw: bytes, url: str | None = None, content_type: str | None = None,
            fetched_at: datetime | None = None, timezone: str | None = None) -> Extracted:
    """Clean article fields from a fetched page, or :class:`Rejected` with a reason.

    ``fetched_at`` (default: now) completes a yearless dateline when nothing else dates the page.
    ``timezone`` (an IANA name: the source's) is where times without an offset are read when the
    outlet's format names no zone. A parser giving up on hostile markup is :class:`Rejected`
    (``parse_error``, or ``markup_too_deep`` when nothing could be read); anything else raised is a bug."""
    try:
        return _extract(raw, url, content_type, fetched_at, timezone)
    except RecursionError:
        raise Rejected(MARKUP_TOO_DEEP, "the tree is too deep to walk") from None
    except (MemoryError, ValueError, UnicodeError) as exc:  # the parsers' own refusals of what they were given
        raise Rejected("parse_error", f"{type(exc).__name__}: {str(exc)[:200]}") from None


def extract_any(raw: bytes, url: str | None = None, content_type: str | None = None,
                fetched_at: datetime | None = None, timezone: str | None = None) -> Extracted:
    """:func:`extract`, or for a ``text/plain`` page (a file added as text) its own article."""
    if (content_type or "").split(";")[0].strip().lower() != "text/plain":
        return extract(raw, url=url, content_type=content_type, fetched_at=fetched_at, timezone=timezone)
    title, body = plaintext.plain_article(raw)
    return Extracted(title=title, body=body, summary=metadata.body_summary(body),
                     language=language.detect(f"{title}\n{body}"))


def _read_page(html: str, url: str | None) -> _Page:
    try:
        soup = parse_html(html)
        ld = metadata.json_ld(soup)
        site = metadata.site_name(soup, ld)
        state = scriptdata.state_article(soup)
        byline = authors_mod.byline(soup, ld, state.authors, site, url)
        return _Page(soup, ld, site, metadata.title(soup, ld, site, state.headline), metadata.canonical(soup, ld, url),
                     byline.authors, byline.source, state)
    except RecursionError:
        return _Page(notes={MARKUP_TOO_DEEP})


def _zone_of_language(soup):
    """The zone a page's own language implies when its outlet and domain name none (``<html lang="ko">``)."""
    tag = soup.find("html") if soup is not None else None
    lang = (tag.get("lang") or "").split("-")[0].lower() if tag is not None and isinstance(tag.get("lang"), str) else ""
    name = default_timezone(None, lang) if lang else None
    return zone(name) if name else None


def _body(html: str, url: str | None, page: _Page) -> str:
    traf = body_mod.best_trafilatura_text(html, url)
    try:
        blocks = body_mod.density_blocks(parse_html(html)) if page.soup is not None else body_mod.regex_blocks(html)
    except RecursionError:
        blocks = body_mod.regex_blocks(html)
        page.notes.add(MARKUP_TOO_DEEP)
    try:
        link_keys = body_mod.link_lists(page.soup) if page.soup is not None else set()
    except RecursionError:
        link_keys = set()
        page.notes.add(MARKUP_TOO_DEEP)
    ld_body = metadata.article_body(page.ld) or page.state.body
    text = body_mod.choose_body(traf, blocks, ld_body, page.title, link_keys)
    if len(text) < body_mod.MIN_TEXT_CHARS and page.soup is not None and page.title:
        # nothing found: the article may sit in a container whose class reads as clutter (a
        # newsletter issue in "newsletter_view"); the one holding the headline is read after all
        try:
            keep = body_mod.headline_containers(page.soup, page.title)
            if keep:
                kept = body_mod.density_blocks(page.soup, keep)
                text = body_mod.choose_body(traf, kept, ld_body, page.title, link_keys)
        except RecursionError:
            page.notes.add(MARKUP_TOO_DEEP)
    if len(text) < body_mod.MIN_TEXT_CHARS:
        raise Rejected("no_article_text", f"{len(text)} chars")
    chrome = body_mod.chrome_reason(text)
    if chrome:  # region pickers, currency rates, menus: no article on this page
        raise Rejected("no_article_text", chrome)
    if body_mod.body_weight(text) < body_mod.MIN_BODY_CHARS:
        raise Rejected("too_short", f"{len(text)} chars")
    return text


def _extract(raw: bytes, url: str | None, content_type: str | None, fetched_at: datetime | None = None,
             tz_name: str | None = None) -> Extracted:
    url = http_url(url)  # a malformed page URL is ignored, not fatal
    raw = decode.bounded(raw)
    decode.check_input(raw, content_type)
    html = decode.decode_html(raw, content_type)
    if not decode.has_text(html):
        raise Rejected("empty", "no text")
    page = _read_page(html, url)
    # A page marked paywalled whose article part alone is a teaser: the teaser is the body.
    teaser = body_mod.teaser(html, url, page.title) if metadata.paywalled(page.ld) else ""
    text = teaser or _body(html, url, page)
    try:
        share = body_mod.link_share(text, page.soup) if page.soup is not None else 0.0
    except RecursionError:
        share = 0.0
        page.notes.add(MARKUP_TOO_DEEP)
    if share > body_mod.INDEX_LINK_SHARE:
        raise Rejected("index_page", "body is mostly links")
    wire = furniture.strip(text, url, page.title)  # credits, bylines, slugs, related lists: not the story
    text = wire.text or text
    title = wire.title or page.title or cap(first_paragraph(text), UNTITLED_CHARS)
    tz = timezone_of(url, tz_name) or _zone_of_language(page.soup)
    day = dates.url_date(url)
    published = dates.Dated(day.replace(tzinfo=tz) if tz else day, "day") if day else None
    summary, lang = metadata.body_summary(text), None
    if page.soup is not None:
        try:
            published = dates.page_published(page.soup, page.ld, html, url, text, fetched_at=fetched_at, tz=tz,
                                             state={"published": page.state.published})
            if not (page.authors or wire.authors):  # a byline the body extractor left out
                wire.authors = furniture.byline_authors(authors_mod.article_lines(page.soup, url), url)
            summary = metadata.summary(page.soup, page.ld, text)
            lang = language.language(f"{title}\n{text}", page.soup)
        except RecursionError:
            page.notes.add(MARKUP_TOO_DEEP)
    return Extracted(
        title=title, body=text, summary=summary, published_at=published.at if published else None,
        published_precision=published.precision if published else None, authors=page.authors or wire.authors,
        language=lang, site_name=page.site, canonical_url=page.canonical, paywalled=bool(teaser),
        source=page.source or wire.source, notes=sorted(page.notes),
    )


__all__ = ["Extracted", "Rejected", "extract", "extract_any", "MARKUP_TOO_DEEP"]
