"""Language of an article: py3langid on its text, the <html lang> attribute when there is too little text."""

from __future__ import annotations

import re

SAMPLE_CHARS = 5000
MIN_TEXT_CHARS = 20
_LANG_ATTR = re.compile(r"^[a-zA-Z]{2}\b")


def detect(text: str) -> str | None:
    """ISO 639-1 code of ``text`` by py3langid, or None for too little text."""
    sample = text[:SAMPLE_CHARS]
    if len(sample.strip()) < MIN_TEXT_CHARS:
        return None
    try:
        import py3langid

        lang, _score = py3langid.classify(sample)
    except Exception:  # noqa: BLE001 - the html lang attribute is the fallback
        return None
    return lang or None


def declared(soup) -> str | None:
    """The primary subtag of ``<html lang>`` ("en-US" → "en"), or None."""
    html_tag = soup.find("html")
    lang = html_tag.get("lang") if html_tag is not None else None
    if isinstance(lang, str) and _LANG_ATTR.match(lang.strip()):
        return lang.strip()[:2].lower()
    return None


def language(text: str, soup) -> str | None:
    """The language of the text; the page's declared one only when the text cannot tell."""
    return detect(text) or declared(soup)


__all__ = ["detect", "declared", "language"]
