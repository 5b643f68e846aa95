"""Raw bytes to text: input checks (empty, binary, not HTML, size cap) and charset detection.

A page is cut to :data:`MAX_INPUT_BYTES` before anything else looks at it.
The charset is the BOM's, else the HTTP header's, else the ``<meta>`` one's,
each kept only when it decodes cleanly and reads as plausible text
(charset-normalizer's "mess" ratio); otherwise UTF-8, otherwise detection.
"""

from __future__ import annotations

import codecs
import re

from ingest.errors import Rejected

from .text import SCRIPTISH, TAG, squash

MAX_INPUT_BYTES = 5_000_000  # pages are cut here before decoding and parsing
SNIFF_BYTES = 4096

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)""", re.IGNORECASE)
_HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?([a-zA-Z0-9_.:-]+)""", re.IGNORECASE)

# WHATWG: labels browsers treat as a superset encoding.
ENCODING_ALIASES = {
    "iso-8859-1": "cp1252", "latin-1": "cp1252", "latin1": "cp1252", "iso8859-1": "cp1252",
    "us-ascii": "cp1252", "ascii": "cp1252",
    "euc-kr": "cp949", "euc_kr": "cp949", "ks_c_5601-1987": "cp949", "ks_c_5601": "cp949",
    "x-windows-949": "cp949", "windows-949": "cp949",
    "iso-8859-9": "cp1254", "tis-620": "cp874", "x-cp1251": "cp1251", "utf8": "utf-8",
}
MESS_LIMIT = 0.15  # charset-normalizer "chaos" above which a declared charset is suspect

BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
BINARY_MAGIC = (
    b"%PDF", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04", b"\x1f\x8b", b"BZh", b"7z\xbc\xaf",
    b"RIFF", b"\x00\x00\x01\x00", b"OggS", b"ID3", b"wOFF", b"wOF2", b"\x7fELF", b"MZ",
)
HTML_TYPES = ("html", "xml", "text/plain")
_HTML_SNIFF = re.compile(rb"<\s*(!doctype|html|head|body|div|p|article|meta|title|script|span|section)\b", re.IGNORECASE)


# ---------------------------------------------------------------- input checks

def bounded(raw: bytes | bytearray | memoryview | None) -> bytes:
    """The first :data:`MAX_INPUT_BYTES` of a page; ``Rejected("empty")`` for None."""
    if raw is None:
        raise Rejected("empty")
    return bytes(raw[:MAX_INPUT_BYTES])


def check_input(raw: bytes, content_type: str | None) -> None:
    """:class:`Rejected` (``empty``, ``binary``, ``not_html``) unless the bytes can be an HTML page."""
    if not raw or not raw.strip(b" \t\r\n\x00"):
        raise Rejected("empty")
    head = raw[:SNIFF_BYTES]
    if any(head.startswith(m) for m in BINARY_MAGIC):
        raise Rejected("binary", "file signature")
    ctype = (content_type or "").split(";")[0].strip().lower()
    if ctype and not any(t in ctype for t in HTML_TYPES) and ctype != "application/octet-stream":
        raise Rejected("not_html", ctype)
    # Text has few control bytes; binary junk has many (NULs are stripped later, not counted here).
    control = sum(1 for b in head if 0 < b < 9 or 13 < b < 32)
    if control > len(head) * 0.02:
        raise Rejected("binary", "control bytes")
    if not _HTML_SNIFF.search(raw[:65536]):
        raise Rejected("not_html", "no HTML markup")


# ---------------------------------------------------------------- decoding

def normalise_encoding(label: str | None) -> str | None:
    """The Python codec for a charset label, browser supersets preferred; None when unknown."""
    if not label:
        return None
    label = label.strip().strip("\"'").lower()
    label = ENCODING_ALIASES.get(label, label)
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    return ENCODING_ALIASES.get(name, name)


def _text_sample(html: str, limit: int = 20_000) -> str:
    """Visible-ish text of a page, for judging whether a decoding is plausible."""
    text = TAG.sub(" ", SCRIPTISH.sub(" ", html[:400_000]))
    return " ".join(text.split())[:limit]


def _mess(text: str) -> float:
    from charset_normalizer.md import mess_ratio

    sample = _text_sample(text)
    if not any(ord(c) > 127 for c in sample):
        return 0.0
    return mess_ratio(sample, maximum_threshold=1.0)


def _detect(raw: bytes) -> str | None:
    from charset_normalizer import from_bytes

    best = from_bytes(raw[:1_000_000]).best()
    if best is None:
        return None
    enc = normalise_encoding(best.encoding) or best.encoding
    try:
        return raw.decode(enc, errors="replace")
    except LookupError:
        return None


def _declared(raw: bytes, content_type: str | None) -> list[str]:
    labels: list[str] = []
    if content_type:
        m = _HEADER_CHARSET.search(content_type)
        if m:
            labels.append(m.group(1))
    m = _META_CHARSET.search(raw[:SNIFF_BYTES * 4])
    if m:
        labels.append(m.group(1).decode("ascii", "ignore"))
    return labels


def decode_html(raw: bytes, content_type: str | None = None) -> str:
    """Decode a page: BOM, then the HTTP header charset, then <meta> charset, each
    kept only if it decodes cleanly and reads as plausible text; else detect."""
    raw = raw.replace(b"\x00", b"")
    for bom, enc in BOMS:
        if raw.startswith(bom):
            return raw[len(bom):].decode(enc, errors="replace").replace("\x00", "")
    tried: dict[str, float] = {}
    fallback: tuple[str, float] | None = None
    for label in _declared(raw, content_type):
        enc = normalise_encoding(label)
        if not enc or enc in tried or enc.startswith("utf-16"):
            continue
        try:
            text = raw.decode(enc)
        except (UnicodeDecodeError, LookupError):
            tried[enc] = 1.0
            continue
        mess = _mess(text)
        tried[enc] = mess
        if mess <= MESS_LIMIT:
            return text
        if fallback is None or mess < fallback[1]:
            fallback = (text, mess)
    # Undeclared, or declared wrongly: plain UTF-8 first (cheap, and unambiguous when it decodes).
    if "utf-8" not in tried:
        try:
            text = raw.decode("utf-8")
            if _mess(text) <= MESS_LIMIT:
                return text
        except UnicodeDecodeError:
            pass
    detected = _detect(raw)
    if detected is not None and (fallback is None or _mess(detected) < fallback[1]):
        return detected
    if fallback is not None:
        return fallback[0]
    return raw.decode("utf-8", errors="replace")


def has_text(html: str) -> bool:
    """False when the page is markup only."""
    return bool(squash(TAG.sub(" ", html)))


__all__ = ["MAX_INPUT_BYTES", "bounded", "check_input", "decode_html", "normalise_encoding", "has_text"]
