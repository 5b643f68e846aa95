"""Fetched text made safe to show: every piece escaped, marks and links added around the escaped pieces.

Nothing an article holds is ever marked safe as it is: a highlight is escaped
whole and only then are the search marks (private-use characters, see
:data:`ingest.search.HTML_MARKS`) turned into ``<mark>``; an article's text is
cut into plain pieces and entity names, each escaped, the names wrapped in links
built here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import quote, urlsplit

from markupsafe import Markup, escape

from ingest.search import HTML_MARKS


def highlight(fragment: str) -> Markup:
    """An Elasticsearch fragment with :data:`HTML_MARKS` as ``<mark>`` elements, everything else escaped."""
    open_, close = HTML_MARKS
    text = str(escape(fragment))
    # marks come in pairs from the highlighter; a stray one is dropped
    out, depth = [], 0
    for piece in re.split(f"([{open_}{close}])", text):
        if piece == open_ and not depth:
            out.append("<mark>")
            depth = 1
        elif piece == close and depth:
            out.append("</mark>")
            depth = 0
        elif piece not in (open_, close):
            out.append(piece)
    if depth:
        out.append("</mark>")
    return Markup("".join(out))


def safe_href(url: str | None) -> str | None:
    """``url`` when it is an http(s) link, else None (no ``javascript:``, ``data:`` or relative tricks)."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    return url.strip() if parts.scheme in ("http", "https") and parts.netloc else None


def entity_url(name: str) -> str:
    return "/entity/" + quote(name, safe="")


@dataclass(frozen=True)
class Piece:
    text: str
    entity: str | None = None  # canonical name when this piece names an entity


def _pattern(names: tuple[str, ...]) -> re.Pattern[str] | None:
    if not names:
        return None
    alts = []
    for name in sorted(names, key=len, reverse=True):
        word = re.escape(name)
        # Latin names end at a word boundary; Hangul and Cyrillic ones may carry particles or endings
        alts.append(word + (r"(?!\w)" if name.isascii() else ""))
    return re.compile(r"(?<!\w)(?:" + "|".join(alts) + ")")


@lru_cache(maxsize=256)
def _compiled(names: tuple[str, ...]) -> re.Pattern[str] | None:
    return _pattern(names)


def mark_entities(text: str, aliases: dict[str, str]) -> list[Piece]:
    """``text`` cut into pieces, those spelling one of ``aliases`` (alias → canonical name) tagged."""
    pattern = _compiled(tuple(sorted(a for a in aliases if len(a) >= 2)))
    if pattern is None:
        return [Piece(text)]
    pieces: list[Piece] = []
    at = 0
    for m in pattern.finditer(text):
        if m.start() > at:
            pieces.append(Piece(text[at : m.start()]))
        pieces.append(Piece(m.group(), aliases[m.group()]))
        at = m.end()
    if at < len(text):
        pieces.append(Piece(text[at:]))
    return pieces


def paragraphs(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"\n\s*\n|\n", text or "") if p.strip()]


_HANGUL = re.compile(r"[\uac00-\ud7a3]")
_CYRILLIC = re.compile(r"[А-Яа-яЁё]")


def script_of(name: str) -> str:
    if _HANGUL.search(name):
        return "Hangul"
    if _CYRILLIC.search(name):
        return "Cyrillic"
    return "Latin"
