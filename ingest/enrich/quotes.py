"""Direct quotations and who said them.

Works on the article text plus the linked mentions from
:func:`ingest.enrich.link.link_doc`, so speakers come out canonical.

What counts as a quote (and not a scare quote such as "unfriendly nations",
"red line" or "odious"): at least 8 words; or at least 3 words that start
with a capital letter and end with punctuation inside the marks
(``"We will respond," he said``) — for 3-4 words an attribution next to it
is also required. Shorter or lower-case fragments ("a long and rich history")
are taken as scare quotes or embedded phrases.

Speaker patterns, tried in this order:
``X said: "..."`` (a colon before the quote), ``"...," X said`` /
``"...," said X`` / ``"...," he said through an interpreter`` /
``"...," the ambassador added`` (after the quote, same sentence),
``X said that "..."`` / ``According to X, "..."`` (before the quote, same
sentence); a quote with none of these that follows another quote with no
person named in between continues that speaker. "he"/"she" and "the
<title>" resolve to the latest person named before the quote (gender from the
KB or the first name where known; possessives such as "Shin's remarks" are
passed over). A quote whose closing mark is missing at the end of a paragraph
continues when the next paragraph opens with a quote mark.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

from ingest.models import Quote
from ingest.enrich.link import Mention

_OPEN = "“„«"
_CLOSE = "”»"
_STRAIGHT = '"'
_VERBS = (
    r"said|says|say|added|adds|told|tells|noted|notes|stressed|stresses|emphasi[sz]ed|emphasi[sz]es|"
    r"explained|explains|stated|states|warned|warns|wrote|writes|insisted|insists|asked|asks|argued|argues|"
    r"claimed|claims|declared|declares|remarked|replied|continued|urged|urges|underlined|underscored|"
    r"commented|recalled|affirmed|announced|acknowledged|observed|concluded|pointed out|went on|reiterated|"
    r"vowed|pledged|complained|admitted|suggested|predicted|posted|wrote|responded|answered|lamented|"
    r"according to|quoted|cited|told reporters"
)
_VERB_RE = re.compile(rf"\b(?:{_VERBS})\b", re.IGNORECASE)
_PRONOUN_RE = re.compile(r"\b(he|she)\b", re.IGNORECASE)
_NOMINAL_RE = re.compile(
    r"\bthe\s+(?:[\w-]+\s+){0,3}?(ambassador|envoy|minister|spokeswoman|spokesman|spokesperson|president|"
    r"leader|official|diplomat|representative|chief|director|adviser|advisor|general|commander|premier|"
    r"secretary|lawmaker|head|chairman|chairwoman|senator|governor|mayor|prosecutor|lieutenant)\b",
    re.IGNORECASE,
)
_NOMINAL_ORG_RE = re.compile(
    r"\b(?:the|a|an)\s+(?:[\w-]+\s+){0,2}?(embassy|ministry|agency|office|council|commission|committee|kremlin|party|army|"
    r"service|company|firm)\b",
    re.IGNORECASE,
)
_ABBREV = frozenset("mr mrs ms dr gen lt col maj sen rep gov st jan feb aug sept sep oct nov dec no vs etc prof adm capt sgt".split())
_FEMALE_FIRST = frozenset(
    """maria mariya anna olga elena yelena svetlana natalia natalya irina tatiana tatyana valentina ekaterina
    yekaterina marina lyudmila ksenia oksana yulia julia iryna kateryna linda hillary kamala nancy karine
    condoleezza madeleine yoko sanae kim-yo""".split()
)
_SPEAKER_TYPES = {"person", "organization"}


@dataclass
class _Raw:
    parts: list[tuple[int, int]]
    start: int  # the opening mark
    end: int  # the closing mark, or the paragraph end when it is missing
    text: str
    closed: bool


def _paragraphs(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for line in text.split("\n"):
        out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def find_quoted(text: str) -> list[_Raw]:
    """Every span between quotation marks, joining quotes that run over paragraphs."""
    found: list[_Raw] = []
    parts: list[tuple[int, int]] = []
    first_open: int | None = None

    def finish(end: int, closed: bool) -> None:
        nonlocal parts, first_open
        body = " ".join(" ".join(text[a:b].split()) for a, b in parts).strip()
        if body and first_open is not None:
            found.append(_Raw(parts, first_open, end, body, closed))
        parts, first_open = [], None

    for pstart, pend in _paragraphs(text):
        open_at: int | None = None
        lead = len(text[pstart:pend]) - len(text[pstart:pend].lstrip())
        for i in range(pstart, pend):
            ch = text[i]
            opening = ch in _OPEN or (ch == _STRAIGHT and open_at is None)
            closing = ch in _CLOSE or (ch == _STRAIGHT and open_at is not None)
            if opening:
                if parts and not (i == pstart + lead):
                    finish(parts[-1][1], False)  # an unclosed quote that did not continue
                if first_open is None:
                    first_open = i
                open_at = i
            elif closing and open_at is not None:
                parts.append((open_at + 1, i))
                finish(i, True)
                open_at = None
        if open_at is not None:  # runs past the paragraph: may continue in the next one
            parts.append((open_at + 1, pend))
        elif parts and text[pstart:pend].strip():
            finish(parts[-1][1], False)
    if parts:
        finish(parts[-1][1], False)
    return found


def _words(text: str) -> int:
    return len(re.findall(r"\w+", text))


def _sentence_end(text: str, pos: int, limit: int) -> int:
    for m in re.finditer(r"[.!?](?=\s|$)", text[pos:limit]):
        if not _is_abbrev(text, pos + m.start()):
            return pos + m.start()
    return limit


def _sentence_start(text: str, lo: int, pos: int) -> int:
    best = lo
    for m in re.finditer(r"[.!?][\"”]?\s+", text[lo:pos]):
        if not _is_abbrev(text, lo + m.start()):
            best = lo + m.end()
    return best


def _is_abbrev(text: str, dot: int) -> bool:
    if text[dot] != ".":
        return False
    word = re.search(r"[\w.]*$", text[max(0, dot - 12) : dot]).group(0)
    return len(word) <= 1 or "." in word or word.lower() in _ABBREV


class _Context:
    def __init__(self, text: str, mentions: Sequence[Mention], quoted: list[_Raw]):
        self.text = text
        inside = [(q.start, q.end) for q in quoted if _words(q.text) >= 3]
        self.people = [
            m for m in mentions if m.type in _SPEAKER_TYPES and not any(a <= m.start < b for a, b in inside)
        ]
        self.starts = [m.start for m in self.people]

    def in_region(self, a: int, b: int) -> list[Mention]:
        lo = bisect.bisect_left(self.starts, a)
        hi = bisect.bisect_left(self.starts, b)
        return self.people[lo:hi]

    def latest_org(self, pos: int, noun: str) -> str | None:
        """The latest organisation named before pos whose name has this noun ("the embassy")."""
        for m in reversed(self.people[: bisect.bisect_left(self.starts, pos)]):
            if m.type == "organization" and (noun.lower() in ("company", "firm") or noun.lower() in m.name.lower()):
                return m.name
        return None

    def latest_person(self, pos: int, gender: str | None = None) -> str | None:
        """Who "he"/"she"/"the minister" most likely is: among the people named in the
        latest sentence before pos that names one, the first (the subject, in news
        style), passing over possessives ("Shin's remarks")."""
        fits = [
            m
            for m in self.people[: bisect.bisect_left(self.starts, pos)]
            if m.type == "person" and not (gender and _gender(m) not in (None, gender))
        ]
        if not fits:
            return None
        start = _sentence_start(self.text, 0, fits[-1].start)
        same = [m for m in fits if m.start >= start]
        plain = [m for m in same if not m.possessive] or [m for m in fits if not m.possessive]
        return (plain[0] if plain else fits[-1]).name


def _gender(m: Mention) -> str | None:
    if m.gender:
        return m.gender
    words = m.name.split()
    if not words:
        return None
    if words[0].lower() in _FEMALE_FIRST or (len(words) > 1 and re.search(r"(ova|eva|yova|aya|ina|ska)$", words[-1])):
        return "f"
    return None


def _speaker_in(ctx: _Context, a: int, b: int, first: bool) -> str | None:
    """A speaker named, referred to by pronoun, or by "the <title>" in text[a:b]."""
    found = ctx.in_region(a, b)
    if found:
        return (found[0] if first else found[-1]).name
    region = ctx.text[a:b]
    pronoun = _PRONOUN_RE.search(region)
    if pronoun:
        return ctx.latest_person(a, "f" if pronoun.group(1).lower() == "she" else "m")
    if _NOMINAL_RE.search(region):
        return ctx.latest_person(a)
    body = _NOMINAL_ORG_RE.search(region)
    if body:
        return ctx.latest_org(a, body.group(1))
    return None


def _after(ctx: _Context, q: _Raw, limit: int) -> tuple[str | None, bool]:
    """Attribution after the closing mark: (speaker, whether a pattern matched)."""
    text = ctx.text
    pos = q.end + 1
    nxt = text[pos:limit].lstrip()
    if not nxt or (q.text[-1:] in ".!?" and (nxt[0].isupper() or nxt[0] in _OPEN + _STRAIGHT)):
        return None, False
    end = min(_sentence_end(text, pos, limit), pos + 200)
    verb = _VERB_RE.search(text, pos, end)
    if verb is None or verb.start() - pos > 90:
        return None, False
    if text[pos : verb.start()].strip(" ,;—–-"):
        return _speaker_in(ctx, pos, verb.start(), first=False), True
    return _speaker_in(ctx, verb.end(), min(end, verb.end() + 90), first=True), True


def _before(ctx: _Context, q: _Raw, lo: int) -> tuple[str | None, bool]:
    """Attribution in the same sentence before the opening mark."""
    text = ctx.text
    start = _sentence_start(text, lo, q.start)
    verbs = list(_VERB_RE.finditer(text, start, q.start))
    if not verbs:
        return None, False
    verb = verbs[-1]
    if verb.group(0).lower() == "according to":
        return _speaker_in(ctx, verb.end(), q.start, first=True), True
    speaker = _speaker_in(ctx, start, verb.start(), first=False)
    return speaker, speaker is not None


def is_real_quote(q: _Raw, attributed: bool) -> bool:
    """Tell a quotation from a scare quote or an embedded phrase (see module doc)."""
    n = _words(q.text)
    if n >= 8:
        return True
    if n < 3:
        return False
    head = q.text.lstrip("(…. '‘")[:1]
    if not (head.isupper() or head.isdigit()) or (q.closed and q.text[-1:] not in ".,!?…"):
        return False
    return n >= 5 or attributed


def extract_quotes(text: str, mentions: Sequence[Mention]) -> list[Quote]:
    """Quotes in text with canonical speakers where they can be found."""
    quoted = find_quoted(text)
    ctx = _Context(text, mentions, quoted)
    paras = [p[0] for p in _paragraphs(text)]
    out: list[Quote] = []
    prev: _Raw | None = None
    prev_speaker: str | None = None
    for k, q in enumerate(quoted):
        para_lo = paras[bisect.bisect_right(paras, q.start) - 1]
        para_hi = text.find("\n", q.end)
        para_hi = len(text) if para_hi < 0 else para_hi
        nxt_start = quoted[k + 1].start if k + 1 < len(quoted) else len(text)
        limit = min(para_hi, nxt_start)
        lo = max(para_lo, quoted[k - 1].end + 1 if k else 0)
        before_text = text[lo : q.start].rstrip()
        speaker, matched = (None, False)
        if before_text.endswith(":"):
            speaker, matched = _before(ctx, q, lo)
        if not matched:
            speaker, matched = _after(ctx, q, limit)
        if not matched:
            speaker, matched = _before(ctx, q, lo)
        if not is_real_quote(q, matched):
            continue
        between = {m.name for m in ctx.in_region(prev.end, q.start) if m.type == "person"} if prev else set()
        if not matched and prev is not None and between <= {prev_speaker}:
            gap = text[prev.end : q.start]
            if gap.count("\n") <= 2:
                speaker = prev_speaker
        out.append(Quote(text=q.text.rstrip(" ,"), speaker=speaker))
        prev, prev_speaker = q, speaker
    return out
