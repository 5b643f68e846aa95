"""Small text and markup helpers shared by the extraction modules."""

from __future__ import annotations

import re
import unicodedata

TAG = re.compile(r"<[^>]*>")
SCRIPTISH = re.compile(r"<(script|style|noscript|template)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)


def squash(text: str | None) -> str:
    """NFC, no non-breaking or zero-width spaces, white space folded to single spaces."""
    if not text:
        return ""
    text = unicodedata.normalize("NFC", text).replace("\u00a0", " ").replace("\u200b", "")
    return " ".join(text.split())


def cap(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters, at a word boundary when one is near, with an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text[:limit]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit * 0.6 else cut).rstrip() + "…"


def first_paragraph(body: str) -> str:
    return body.split("\n\n", 1)[0]


def parse_html(html: str):
    """A BeautifulSoup tree (lxml, or the pure-Python parser when lxml fails)."""
    from bs4 import BeautifulSoup

    try:
        return BeautifulSoup(html, "lxml")
    except Exception:  # noqa: BLE001 - any parser failure falls back to the pure-Python parser
        return BeautifulSoup(html, "html.parser")


__all__ = ["TAG", "SCRIPTISH", "squash", "cap", "first_paragraph", "parse_html"]
