"""Who can speak in an article, and who each reference to a speaker means.

A small discourse model over the text outside quotation marks. Its referents,
in text order, are:

* named people and organisations (the linked mentions; an agency, a ministry,
  a newspaper can say things);
* pronouns (he, she, it, they), resolved to the nearest compatible subject:
  "he"/"she" a person of that gender (KB gender, else the first name), "it"/
  "they" an organisation or a statement;
* descriptions: "the ambassador", "the minister", "the Kremlin spokesman"
  (a person; for a noun naming one office, the latest person given that title,
  "Foreign Minister Cho Hyun", when the nearest subject was not), "the ministry", "the agency", "the newspaper" (the latest
  organisation with that word in its name, else the latest organisation; a
  ministry or an embassy only ever the latest one named); a nationality in the
  description ("the Russian minister") passes over a person known (offices.yaml)
  to hold only another country's offices;
* unnamed officials of a named body: "a senior NIS official", "an executive at
  Hanwha Ocean", "a Nordwind representative", "a ministry official" stand for
  that body, and so does "the official" ("the representative") after them, and "he"/"she" when
  such an official opens the latest sentence with a person ("a senior official … said … “…,” he said");
  "the spokesperson" after an official of another noun is the person titled spokesperson;
* statements: "X said in a statement", "a statement attributed to X",
  "X issued a statement", "In a statement released through KCNA, X said";
  "the statement reads" and a following "it said" mean X.

"Nearest compatible subject": the latest sentence before the reference that
has a compatible referent, and in it the first one (news sentences open with
their subject), passing over possessives ("Shin's remarks"); a description
with nothing before it ("the ambassador said" under a headline) takes the
next one named after it.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

from ingest.enrich import offices
from ingest.enrich.link import Mention

SPEAKER_TYPES = frozenset({"person", "organization"})
_FEMALE_FIRST = frozenset(
    """maria mariya anna olga elena yelena svetlana natalia natalya irina tatiana tatyana valentina ekaterina
    yekaterina marina lyudmila ksenia oksana yulia julia iryna kateryna linda hillary kamala nancy karine
    condoleezza madeleine yoko sanae sabrina""".split()
)
_PERSON_NOUNS = (
    r"ambassador|envoy|minister|spokeswoman|spokesman|spokesperson|president|leader|official|diplomat|"
    r"representative|chief|director|adviser|advisor|general|commander|premier|secretary|lawmaker|head|"
    r"chairman|chairwoman|senator|governor|mayor|prosecutor|professor|analyst|researcher|expert|executive|speaker|officer"
)
_ORG_NOUNS = (
    r"ministry|agency|office|embassy|government|company|firm|council|commission|committee|military|army|service|party|"
    r"newspaper|paper|broadcaster|coast\s+guard|railway|team"
)
# Descriptions that name one office: "the minister" is the person given that title, not just the latest one.
_TITLE_NOUNS = frozenset(
    "minister ambassador envoy premier governor mayor senator lawmaker professor analyst researcher spokesperson spokesman spokeswoman".split()
)
# A description that only a body of its kind answers: "the ministry" is the last ministry named, never
# another organisation (other nouns fall back to the latest organisation: "the newspaper" → Rodong Sinmun).
_STRICT_NOUNS = frozenset({"ministry", "embassy"})
_CUES = re.compile(
    rf"\b(?P<pron>he|she|it|they)\b"
    rf"|\b(?:the|The)\s+(?:[\w-]+\s+){{0,2}}?(?P<nperson>{_PERSON_NOUNS})\b"
    rf"|\b(?:the|The)\s+(?:[\w-]+\s+){{0,2}}?(?P<norg>{_ORG_NOUNS})\b"
    rf"|\b(?:an?|An?)\s+(?P<anon>(?:[\w.-]+\s+){{0,4}}?(?:official|executive|spokesperson|spokesman|spokeswoman|source|officer|representative))\b"
    rf"(?:\s+(?:at|of|from|with|in)\s+)?"
    r"|\b(?P<stmt>statement|commentary|report)\b",
    re.IGNORECASE,
)
_SPEECH_BEFORE_STMT = re.compile(r"\b(?:said|says|announced|added|warned)\s+in\s+(?:a|an|its|the)\s+(?:[\w-]+\s+)?$", re.I)
_ATTRIBUTED = re.compile(r"\b(?:attributed to|issued by|from|by)\s+$", re.I)
_RELAY = re.compile(r"\b(?:through|via|carried by|published by|according to|in|by)\s+(?:the\s+)?$", re.I)
_APPOSITIVE = re.compile(r"[^.;:\"“”]*,\s+(?:[A-Z][\w.-]*\s+){0,3}")  # ", Chang Ho Jin" / ", Deputy Minister X"
_CARRIED = re.compile(r"\b(?:carried|published|released|relayed|run|aired|broadcast|reported|quoted|cited)\s+by\s+$", re.I)
_RELATIVE = re.compile(r",\s*(?:which|who|whom|whose|where)\b")
_ABBREV = frozenset("mr mrs ms dr gen lt col maj sen rep gov st jan feb aug sept sep oct nov dec no vs etc prof adm capt sgt".split())


@dataclass
class Ref:
    start: int
    end: int
    name: str
    type: str  # person | organization
    gender: str | None = None
    kind: str = "name"  # name | pronoun | nominal | anon | statement
    possessive: bool = False


def mention_gender(m: Mention) -> str | None:
    if m.gender:
        return m.gender
    words = m.name.split()
    if words and (words[0].lower() in _FEMALE_FIRST or (len(words) > 1 and re.search(r"(ova|eva|yova|aya|ina|ska)$", words[-1]))):
        return "f"
    return None


def is_abbrev(text: str, dot: int) -> bool:
    if text[dot] != ".":
        return False
    word = re.search(r"[\w.]*$", text[max(0, dot - 12) : dot]).group(0)
    return len(word) <= 1 or "." in word or word.lower() in _ABBREV


def sentence_starts(text: str, quoted: Sequence[tuple[int, int]]) -> list[int]:
    """Where sentences start: after [.!?] and at paragraph breaks, never inside quotation marks."""
    inside = sorted(quoted)
    starts = [0]
    for m in re.finditer(r"[.!?][\"”’]?\s+|\n+|(?<=[a-z]{2})\.(?=[A-Z][a-z]+\b)", text):  # "...development.Earlier"
        pos = m.start()
        if "\n" in m.group(0):  # a paragraph ends every sentence, quoted or not
            starts.append(m.end())
            continue
        k = bisect.bisect_right([a for a, _ in inside], pos) - 1
        if k >= 0 and inside[k][0] <= pos < inside[k][1]:
            continue
        if text[pos] == "." and is_abbrev(text, pos):
            continue
        starts.append(m.end())
    return starts


class Discourse:
    """The referents of one article and the sentences they are in (see module doc)."""

    def __init__(self, text: str, mentions: Sequence[Mention], quoted: Sequence[tuple[int, int]]):
        self.text = text
        self.quoted = sorted(quoted)
        self.sentences = sentence_starts(text, self.quoted)
        named = [
            Ref(m.start, m.end, m.name, m.type, mention_gender(m), "name", m.possessive)
            for m in mentions
            if m.type in SPEAKER_TYPES and not self._in_quote(m.start)
        ]
        self._pending = named  # every named referent, for "the next one named" and "a statement by X"
        self.refs: list[Ref] = []
        cues = [c for c in _CUES.finditer(text) if not self._in_quote(c.start())]
        events = sorted([(r.start, 0, r) for r in named] + [(c.start(), 1, c) for c in cues], key=lambda e: (e[0], e[1]))
        for _, kind, item in events:
            if kind == 0:
                self._add(item)
            else:
                ref = self._resolve_cue(item)
                if ref is not None:
                    self._add(ref)

    # ------------------------------------------------------------ building
    def _in_quote(self, pos: int) -> bool:
        k = bisect.bisect_right(self.quoted, (pos, float("inf"))) - 1
        return k >= 0 and self.quoted[k][0] <= pos < self.quoted[k][1]

    def _add(self, ref: Ref) -> None:
        self.refs.append(ref)

    def _sentence(self, pos: int) -> int:
        return self.sentences[bisect.bisect_right(self.sentences, pos) - 1]

    def _resolve_cue(self, c: re.Match) -> Ref | None:
        a, b = c.span()
        if c["pron"]:
            word = c["pron"].lower()
            if word in ("he", "she"):
                gender = "f" if word == "she" else "m"
                hit = self.salient(a, lambda r: (r.type == "person" and r.gender in (None, gender)) or r.kind == "anon")
                if hit is not None and hit.kind == "anon" and not self._opens_sentence(hit):
                    hit = self.salient(a, lambda r: r.type == "person" and r.gender in (None, gender))
            else:
                hit = self.salient(a, lambda r: r.type == "organization" or r.kind == "statement")
            return _copy(hit, a, b, "pronoun")
        if c["nperson"] or c["norg"]:
            rtype = "person" if c["nperson"] else "organization"
            if any(a <= r.start < b and r.type == rtype for r in self._pending):
                return None  # "the Russian embassy": the name inside is the referent
        if c["nperson"]:
            named = self.next_named(b, "person", limit=120)
            if named is not None and _APPOSITIVE.fullmatch(self.text[b : named.start]):
                return _copy(named, a, b, "nominal")  # "the head of the ... office, Chang Ho Jin"
            noun = c["nperson"].lower()
            if noun in ("official", "executive", "spokesperson", "spokesman", "spokeswoman", "representative", "officer"):
                anon = next((r for r in reversed(self.refs) if r.kind == "anon" and r.start < a), None)
                if anon is not None and noun not in self.text[anon.start : anon.end].lower() and self.titled(a, noun):
                    anon = None  # "the spokesperson" after "a senior official …": the person titled spokesperson
                if anon is not None:
                    return _copy(anon, a, b, "nominal")
            hit = self.salient(a, lambda r: r.type == "person") or self.next_named(b, "person")
            titled = self.titled(a, noun) if noun in _TITLE_NOUNS else set()
            if titled and (hit is None or hit.name not in titled):  # "the minister": the person given that title
                hit = self.latest(a, lambda r: r.kind == "name" and r.name in titled)
            country = offices.country_in(c.group(0)[: c.start("nperson") - a])
            if hit is not None and country and offices.countries_of(hit.name) and country not in offices.countries_of(hit.name):
                # "the Russian minister" after "Cho Hyun … Lavrov": the latest person who held a Russian office
                hit = self.latest(a, lambda r: r.type == "person" and r.kind == "name" and country in offices.countries_of(r.name)) or hit
            return _copy(hit, a, b, "nominal")
        if c["norg"]:
            if self.next_named(b, "organization", limit=2) is not None:
                return None  # "the party newspaper Rodong Sinmun": the name that follows is the referent
            noun = " ".join(c["norg"].lower().split())
            hit = self._of_kind(a, noun)
            if hit is None and noun not in _STRICT_NOUNS:
                hit = self.latest(a, lambda r: r.type == "organization" and r.kind == "name")
            return _copy(hit, a, b, "nominal")
        if c["anon"]:
            return _copy(self._body_of(c), a, b, "anon")
        if self.text[max(0, a - 4) : a].lower() == "the ":  # "the statement reads": the one named before
            earlier = self.latest(a, lambda r: r.kind == "statement")
            if earlier is not None:
                return _copy(earlier, a, b, "statement")
        return _copy(self._issuer(c), a, b, "statement")

    def _opens_sentence(self, ref: Ref) -> bool:
        """An unnamed official who is the subject of its sentence ("Separately, a senior official … said")."""
        head = self.text[self._sentence(ref.start) : ref.start]
        if re.search(r"\b(?:statement|report|by|carried|said)\b", self.text[ref.start : ref.end], re.I):
            return False  # "a statement carried by the official Korean Central News Agency" names no official
        return not [r for r in self.refs if self._sentence(ref.start) <= r.start < ref.start] and len(head.split()) <= 3

    def _body_of(self, c: re.Match) -> Ref | None:
        """The organisation an unnamed official belongs to: named in or right after the phrase."""
        a, b = c.span()
        for r in self._named_between(a, b):  # named inside the phrase, not yet added when the cue opens it
            if r.type == "organization":
                return r
        nxt = self.next_named(b, "organization", limit=4)
        if nxt is not None:
            return nxt
        word = re.search(rf"\b({_ORG_NOUNS})\b", c.group(0), re.I) or re.match(rf"the\s+({_ORG_NOUNS})\b", self.text[b : b + 30], re.I)
        if word is None:
            return None
        noun = word.group(1).lower()
        if noun in ("company", "firm"):  # "a company spokesperson": the company named last
            return self.latest(a, lambda r: r.type == "organization" and r.kind == "name")
        return self._of_kind(a, noun)

    def _of_kind(self, pos: int, noun: str) -> Ref | None:
        """The body of that kind a description means: for "the ministry" / "the embassy", the first one of
        the latest sentence naming one (its subject: "The South Korean foreign ministry summoned … over a
        Russian Foreign Ministry spokesperson's remarks"), else the latest one named."""
        fits = lambda r: r.type == "organization" and noun in r.name.lower()  # noqa: E731
        if noun in _STRICT_NOUNS:
            hit = self.salient(pos, lambda r: fits(r) and r.kind == "name")
            if hit is not None:
                return hit
        return self.latest(pos, fits)

    def _issuer(self, c: re.Match) -> Ref | None:
        """Who issued the statement named at c (see module doc)."""
        a, b = c.span()
        lo = self._sentence(a)
        hi = self._sentence_end(b)
        before = self.text[lo:a]
        if _SPEECH_BEFORE_STMT.search(before):  # "X said in a statement"
            verb = _SPEECH_BEFORE_STMT.search(before).start() + lo
            hit = [r for r in self.refs if lo <= r.start < verb and r.kind != "statement"]
            if hit:
                return hit[-1]
        tail = self.text[b : b + 40]
        m = re.match(r"[\s,]*(?:[\w-]+\s+){0,3}?(?:attributed to|issued by|from|by)\s+", tail, re.I)
        if m and not _CARRIED.search(m.group(0)):  # "a statement carried by KCNA": the agency only relays it
            nxt = self.next_named(b + m.end(), None, limit=40)
            if nxt is not None:
                return nxt
            return self.latest(b + m.end() + 20, lambda r: r.type == "organization" and r.start >= b)
        subjects = [r for r in self.refs if lo <= r.start < a and not _RELAY.search(self.text[lo : r.start])]
        if subjects:
            return subjects[0]
        later = [r for r in self._named_between(b, hi) if not _RELAY.search(self.text[b : r.start])]
        return later[0] if later else None

    def _named_between(self, a: int, b: int) -> list[Ref]:
        return [r for r in self._pending if a <= r.start < b]

    def _sentence_end(self, pos: int) -> int:
        k = bisect.bisect_right(self.sentences, pos)
        return self.sentences[k] if k < len(self.sentences) else len(self.text)

    # ------------------------------------------------------------ queries
    def latest(self, pos: int, fits) -> Ref | None:
        for r in reversed(self.refs):
            if r.start < pos and fits(r):
                return r
        return None

    def next_named(self, pos: int, rtype: str | None, limit: int = 800) -> Ref | None:
        for r in self._pending:
            if pos <= r.start <= pos + limit and (rtype is None or r.type == rtype):
                return r
        return None

    def salient(self, pos: int, fits) -> Ref | None:
        """The first compatible referent of the latest sentence before pos that has one.

        A pronoun or description counts there only when it opens its sentence ("The envoy
        also warned ..."), not inside it ("... mentioned by the head of X, Chang Ho Jin")."""
        k = bisect.bisect_right(self.sentences, pos) - 1
        hi = pos
        while k >= 0:
            lo = self.sentences[k]
            sent = [r for r in self.refs if lo <= r.start < hi]
            same = [
                r for r in sent
                if fits(r) and not r.possessive and (r.kind not in ("pronoun", "nominal") or r is sent[0])
            ]
            if same:
                main = [r for r in same if not _RELATIVE.search(self.text[lo : r.start])]
                return (main or same)[0]
            hi, k = lo, k - 1
        return None

    def titled(self, pos: int, noun: str) -> set[str]:
        """People named before pos with a title holding ``noun``: "Foreign Minister Cho Hyun", "Minister of
        External Economic Relations Yun Jong Ho", "Cho Hyun-woo, a professor of ...", "Lavrov, Russia's minister"."""
        before = re.compile(rf"\b(?i:{noun})(?:\s+(?:of|the|for|[A-Z][\w'’.-]*))*\s+$")
        # not "Zinoviev, Vice Foreign Minister Kim Hong Kyun": a title followed by a name is that name's
        after = re.compile(rf",\s+(?:[\w'’-]+\s+){{0,4}}?(?i:{noun})\b(?!\s+[A-Z][a-z])")
        return {
            r.name for r in self.refs
            if r.start < pos and r.kind == "name" and r.type == "person"
            and (before.search(self.text, max(0, r.start - 80), r.start) or after.match(self.text, r.end, r.end + 60))
        }

    def in_region(self, a: int, b: int) -> list[Ref]:
        return [r for r in self.refs if a <= r.start < b]


def _copy(ref: Ref | None, a: int, b: int, kind: str) -> Ref | None:
    if ref is None:
        return None
    return Ref(a, b, ref.name, ref.type, ref.gender, kind)


def build(text: str, mentions: Sequence[Mention], quoted: Sequence[tuple[int, int]]) -> Discourse:
    """The discourse model of one article; ``quoted`` are the (start, end) spans of its quotations."""
    return Discourse(text, sorted(mentions, key=lambda m: m.start), quoted)


__all__ = ["Ref", "Discourse", "build", "sentence_starts", "is_abbrev", "mention_gender", "SPEAKER_TYPES"]
