"""A plain-text article (a ``.txt`` file, a ``text/plain`` page): decoded, checked, split into title and body.

One reading serves ``ingest enrich FILE``, ``ingest add`` and pages served as
``text/plain``: UTF-8 (a BOM is dropped), not binary, not empty.
"""

from __future__ import annotations

import re
from pathlib import Path

from ingest.errors import Rejected

_TERMINAL = re.compile(r"[.!?:;]\s*$")


def split_title(text: str) -> tuple[str, str]:
    """(title, body) of a plain-text article.

    The first line is a title when it is followed by a blank line, is at most
    200 characters and does not end like a sentence — the shape of the Yonhap
    seed ("(Yonhap Interview) Russia's top envoy stresses ...", blank line,
    body). Otherwise the whole text is the body (the Oreanda seed opens with a
    full paragraph).
    """
    text = text.replace("\r\n", "\n").strip("\ufeff\n ")
    lines = text.split("\n")
    first = lines[0].strip()
    if len(lines) > 2 and not lines[1].strip() and first and len(first) <= 200 and not _TERMINAL.search(first):
        return first, "\n".join(lines[2:]).strip()
    return "", text.strip()


def plain_article(raw: bytes) -> tuple[str, str]:
    """(title, body) of plain-text bytes; :class:`Rejected` when binary, not UTF-8 or empty."""
    if b"\x00" in raw[:4096]:
        raise Rejected("binary", "not a text file")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise Rejected("encoding", "not UTF-8 text") from None
    title, body = split_title(text)
    if not body.strip():
        raise Rejected("empty", "empty file" if not text.strip() else "no text")
    return title, body


def read_article_file(path: str | Path) -> tuple[str, str]:
    """(title, body) of a text file; :class:`Rejected` when unreadable or not a plain-text article."""
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise Rejected("unreadable", f"cannot read: {exc.strerror or exc}") from None
    return plain_article(raw)
