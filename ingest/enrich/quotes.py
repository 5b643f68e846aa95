"""Direct quotations and who said them.

Works on the article text plus the linked mentions from
:func:`ingest.enrich.link.link_doc`, so speakers come out canonical.

What counts as a quote (and not a scare quote such as "unfriendly nations",
"red line" or "odious"): at least 8 words; or at least 3 words that start
with a capital letter and end with punctuation inside the marks
(``"We will respond," he said``) — for 3-4 words an attribution next to it
is also required. Shorter or lower-case fragments ("a long and rich history")
are taken as scare quotes or embedded phrases.

Attribution: the subject of the attribution clause next to a quote —
``"...," X said`` / ``"...," said X`` / ``"...," according to X`` /
``"...," the statement reads`` / ``"...," X wrote on Telegram`` after it, ``X: "..."``
and ``X said that "..."`` / ``According to X, "..."`` before it — names a referent
of :mod:`ingest.enrich.speakers` (people, organisations, pronouns, descriptions,
unnamed officials, statements), which says who it is. "X said, according to
KCNA" and "KCNA quoted X as saying" are X's (KCNA only relays). A quote
without an attribution that follows another one with nobody else named in
between keeps that speaker; a quote
whose closing mark is missing at the end of a paragraph continues when the
next paragraph opens with a quote mark.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

from ingest.models import Quote
from ingest.enrich.link import Mention
from ingest.enrich.speakers import Discourse, build, is_abbrev

_OPEN = "“„«"
_CLOSE = "”»"
_SOURCE_LINE = re.compile(r"(?m)^Source:\s*(.{2,120})$")
_STRAIGHT = '"\u2033'  # the straight mark, and the double prime some Korean sites print for it (MBC: ″…″)


def _attribution() -> dict:
    from ingest.resources import load_yaml, path as resource_path

    return load_yaml((resource_path("kb") / "attribution.yaml").read_text(encoding="utf-8")) or {}


# English speech verbs and attribution phrases are data (kb/attribution.yaml, en.verbs), tried
# in the order listed.
_VERBS = "|".join(re.escape(v).replace(r"\ ", " ") for v in _attribution()["en"]["verbs"])
_VERB_RE = re.compile(rf"\b(?:{_VERBS})\b", re.IGNORECASE)
_AS_SAYING = re.compile(r"\bas (?:saying|telling|stating|writing)\b", re.IGNORECASE)


def _relayed(disc: Discourse, verb: re.Match, limit: int) -> str | None:
    """"KCNA quoted Kim as saying": the one quoted speaks, not the agency that quotes."""
    if verb.group(0).lower() not in ("quoted", "cited"):
        return None
    m = _AS_SAYING.search(disc.text, verb.end(), min(limit, verb.end() + 150))
    return _pick(disc, verb.end(), m.start()) if m else None


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
        opener = ""
        for i in range(pstart, pend):
            ch = text[i]
            if opener == "«" and ch in "„“”":
                continue  # «… „долга кровью“ …»: a quote inside a quote
            opening = ch in _OPEN and not (opener == "„" and ch == "“") or (ch in _STRAIGHT and open_at is None)
            closing = ch in _CLOSE or (opener == "„" and ch == "“") or (ch in _STRAIGHT and open_at is not None)
            if opening:
                opener = ch
            elif closing:
                opener = ""
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
        if not is_abbrev(text, pos + m.start()):
            return pos + m.start()
    return limit


def _sentence_start(text: str, lo: int, pos: int) -> int:
    best = lo
    for m in re.finditer(r"[.!?][\"”]?\s+", text[lo:pos]):
        if not is_abbrev(text, lo + m.start()):
            best = lo + m.end()
    return best


def _pick(disc: Discourse, a: int, b: int, last: bool = False) -> str | None:
    """The speaker a subject phrase text[a:b] names: its first person (the last one before a verb
    that follows it), else its first (last) referent; possessives ("Zinoviev's counterpart") pass."""
    refs = [r for r in disc.in_region(a, b) if not r.possessive]
    people = [r for r in refs if r.type == "person"]
    found = people or refs
    return (found[-1] if last else found[0]).name if found else None


def _after(disc: Discourse, q: _Raw, limit: int) -> tuple[str | None, bool]:
    """Attribution after the closing mark: (speaker, whether an attribution was found)."""
    text = disc.text
    pos = q.end + 1
    nxt = text[pos:limit].lstrip()
    if not nxt or (q.text[-1:] in ".!?" and (nxt[0].isupper() or nxt[0] in _OPEN + _STRAIGHT)):
        return None, False
    end = min(_sentence_end(text, pos, limit), pos + 220)
    verb = _VERB_RE.search(text, pos, end)
    if verb is None or verb.start() - pos > 150:
        return None, False
    relayed = _relayed(disc, verb, len(text))
    if relayed is not None:  # "...," KCNA quoted Kim as saying
        return relayed, True
    if text[pos : verb.start()].strip(" ,;—–-"):  # "...," the ministry said
        return _pick(disc, pos, verb.start()), True
    return _pick(disc, verb.end(), min(end, verb.end() + 120)), True  # "...," said Professor X


def _before(disc: Discourse, q: _Raw, lo: int) -> tuple[str | None, bool]:
    """Attribution in the same sentence before the opening mark ("X said: "...", "According to X, "...")."""
    text = disc.text
    start = _sentence_start(text, lo, q.start)
    if text[lo : q.start].rstrip().endswith(":"):
        colon = text.rindex(":", lo, q.start)
        speaker = _pick(disc, start, colon)
        if speaker is not None:
            return speaker, True
    verbs = list(_VERB_RE.finditer(text, start, q.start))
    if not verbs:
        return None, False
    verb = verbs[-1]
    if verb.group(0).lower() == "according to":
        return _pick(disc, verb.end(), q.start), True
    relayed = _relayed(disc, verb, q.start)
    if relayed is not None:  # KCNA quoted Kim as saying, "..."
        return relayed, True
    speaker = _pick(disc, start, verb.start(), last=True)
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
    disc = build(text, mentions, [(q.start, q.end + 1) for q in quoted if _words(q.text) >= 3])
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
        speaker, matched = (None, False)
        if text[lo : q.start].rstrip().endswith(":"):
            speaker, matched = _before(disc, q, lo)
        if not matched:
            speaker, matched = _after(disc, q, limit)
        if not matched:
            speaker, matched = _before(disc, q, lo)
        if not is_real_quote(q, matched):
            continue
        if not matched and re.match(r"Quote:\s*$", text[para_lo : q.start]):
            # Ukrainska Pravda's "Source: Zelenskyy on Facebook" … "Quote: "…"": the source line names the speaker
            source = [m for m in _SOURCE_LINE.finditer(text, 0, q.start)]
            if source:
                speaker, matched = _pick(disc, source[-1].start(1), source[-1].end(1)), True
        if not matched and prev is not None:  # a quote that goes on after its attribution keeps its speaker
            between = {r.name for r in disc.in_region(prev.end, q.start) if r.type == "person" and r.kind == "name"}
            gap = text[prev.end + 1 : q.start]
            # "…," Kim said as he welcomed Lavrov in Wonsan. "…": the sentence between is the first quote's own
            # attribution, so the person it names besides the speaker is no new speaker
            own = "\n" not in gap and prev_speaker in between and _VERB_RE.search(gap) is not None \
                and len(re.findall(r"[.!?]\s", gap)) <= 1
            if (between <= {prev_speaker} or own) and text[prev.end : q.start].count("\n") <= 2:
                speaker = prev_speaker
        out.append(Quote(text=q.text.rstrip(" ,"), speaker=speaker))
        prev, prev_speaker = q, speaker
    return out
