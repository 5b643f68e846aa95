"""Entity linking: turn raw NER spans into canonical, typed, counted entities.

Steps on one parsed article (a spaCy ``Doc`` from :mod:`ingest.enrich.ner`):

1. a KB scan finds every KB alias in the text (NER misses some and cuts
   others short: "Yoon Suk" for Yoon Suk Yeol);
2. NER spans are cleaned (leading "the" and titles, trailing possessives),
   looked up in the KB (which also settles their type: "Kyiv" tagged as a
   person is the city), and merged with the KB matches;
3. surname-only and title mentions ("Zinoviev", "President Yoon") resolve to
   the full person named in the same article, else to the one KB person with
   that surname;
4. junk (numbers, lone title words, bylines such as "Yonhap Interview", job titles
   such as "Research Fellow" or the "Russian Presidential Press" of "... Press
   Secretary", headline capitals of a word the body writes in lower case) goes.

Nationality adjectives (spaCy NORP: "Russian", "South Korean") map to their
country when the KB knows it and are dropped otherwise, so an article about
"Russian troops" is found under Russia; a bare "Korean" is ambiguous and dropped.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from ingest.models import Entity
import re

from ingest.enrich.kb import KB, KBEntity, alias_key, get_kb
from ingest.enrich.names import doc_text as _text
from ingest.enrich.names import (
    KOREAN_SURNAMES, TITLE_NOUNS, TITLE_WORDS, Person, korean_names, person_after, after_the, extend_hyphenated, is_common_noun, lowercase_match, metonym_key, patronymic_at,
    opens_sentence, person_of, name_start, resolve_short, resolve_short_orgs, without_patronymic, POSSESSIVE, owners_inside,
    within, given_name_before, korean_family_before,
)

LABEL_TYPES = {"PERSON": "person", "ORG": "organization", "GPE": "location", "LOC": "location", "FAC": "location"}
_LINKABLE = set(LABEL_TYPES) | {"NORP", "EVENT", "WORK_OF_ART", "PRODUCT", "LAW"}
_ORGLIKE = {"ORG", "FAC", "EVENT", "WORK_OF_ART", "PRODUCT", "LAW"}

_BYLINE_WORDS = frozenset(
    "interview feature newsmaker analysis lead photo photos video editorial commentary exclusive urgent news focus".split()
)
_TRAILING = frozenset("of the and in for at on to".split())
_COMPOUND = re.compile(r"^[A-Z][\w.']*(?:[-–][A-Z][\w.']*)+$")
_EMBASSY = frozenset({"embassy", "consulate", "mission"})
_MONTHS_DAYS = frozenset(
    """january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday""".split()
)


@dataclass
class Mention:
    """One linked mention; offsets are characters in the parsed text."""

    start: int
    end: int
    name: str
    type: str
    wikidata: str | None = None
    possessive: bool = False
    in_kb: bool = False
    gender: str | None = None
    surface: str = ""  # the text as written, without titles and possessives


@dataclass
class _Span:
    start: int  # token offsets, end exclusive
    end: int
    label: str
    kb: KBEntity | None = None
    titled: bool = False
    char_start: int | None = None
    char_end: int | None = None


def _starts_name(text: str) -> bool:
    ch = text[0]
    return ch.isupper() or ch.isdigit() or (ch.isalpha() and not ch.islower())  # "38 North"; Hangul and CJK have no case


def _strict_ok(kb: KB, key: str, text: str) -> bool:
    allowed = kb.strict.get(key)
    return allowed is None or "".join(text.split()) in allowed


def kb_scan(doc, kb: KB, norms: list[str], toks: list[str]) -> list[_Span]:
    """Greedy longest-first KB alias matches over the tokens (texts in toks)."""
    found: list[_Span] = []
    n = len(toks)
    i = 0
    while i < n:
        text = toks[i]
        if not norms[i] or not _starts_name(text.lstrip("/([{'\"‘“")):
            low = lowercase_match(kb, toks, norms, i, found) if norms[i] else None
            if low is not None:  # "the presidential office", "the foreign ministry"
                found.append(_Span(i, low[0], "KB", low[1]))
            i = low[0] if low is not None else i + 1
            continue
        best: tuple[int, KBEntity] | None = None
        key = ""
        for j in range(i, min(n, i + kb.max_tokens)):
            if toks[j].isspace():
                break
            key += norms[j]
            if key not in kb.prefixes:
                break
            if norms[j] and key in kb.by_alias and _strict_ok(kb, key, doc[i : j + 1].text):
                best = (j + 1, kb.by_alias[key])
        if best is not None and best[1].type == "person" and extend_hyphenated(doc, best[0]) > best[0]:
            # "Cho Hyun" + "-woo" is Cho Hyun-woo, not the KB's Cho Hyun: the name as written, unlinked
            end = extend_hyphenated(doc, best[0])
            found.append(_Span(i, end, "PERSON", kb.lookup(doc[i:end].text)))
            i = end
            continue
        if best is not None:
            found.append(_Span(i, best[0], "KB", best[1]))
            i = best[0]
            continue
        if text in kb.by_the_alias and after_the(toks, i):  # "the North", "the nuclear-armed North"
            nxt = toks[i + 1] if i + 1 < n else ""
            longer = metonym_key(kb, kb.by_the_alias[text], toks[i + 1 : i + 7])
            if longer is not None:  # "the North's foreign ministry"
                found.append(_Span(i, i + longer[0], "KB", longer[1]))
                i += longer[0]
                continue
            if not (nxt[:1].isupper() or alias_key(nxt).startswith("korea")):
                found.append(_Span(i, i + 1, "KB", kb.by_the_alias[text]))
        elif "-" in text[1:]:  # "U.S.-led", "Seoul-based"
            tok = doc[i]
            head = text.rsplit("-", 1)[0]
            hkey = alias_key(head)
            if hkey in kb.by_alias and _strict_ok(kb, hkey, head):
                found.append(_Span(i, i + 1, "KB", kb.by_alias[hkey], char_start=tok.idx, char_end=tok.idx + len(head)))
        i += 1
    return found


def _clean(doc, start: int, end: int, label: str, kb: KB) -> tuple[int, int, bool]:
    """Strip leading articles/titles and trailing possessives; report whether a title went."""
    titled = False
    while end > start and (
        doc[end - 1].text in POSSESSIVE
        or not any(c.isalnum() for c in doc[end - 1].text)
        or doc[end - 1].lower_ in _TRAILING
    ):
        end -= 1
    while start < end:
        tok = doc[start]
        low = tok.lower_
        if not any(c.isalnum() for c in tok.text) or low in {"the", "a", "an"}:
            start += 1
        elif end - start > 1 and (low in TITLE_WORDS or (label == "PERSON" and (tok.text[0].islower() or kb.demonym(tok.text)))):
            titled = titled or low not in {"the", "a", "an", "of"}
            start += 1
        else:
            break
    if label == "PERSON" and end - start == 1 and start > 0 and doc[start - 1].lower_.rstrip(".") in TITLE_WORDS:
        titled = True
    return start, end, titled


def _ner_spans(doc, kb: KB) -> list[_Span]:
    spans = []
    for ent in doc.ents:
        if ent.label_ not in _LINKABLE:
            continue
        start, end, titled = _clean(doc, ent.start, ent.end, ent.label_, kb)
        if start >= end:
            continue
        k = patronymic_at(doc, start, end)
        if k is not None:  # "the Russian Federation Sergei Viktorovich Lavrov": the person is a span of its own
            spans.append(_Span(k - 1, k + 2, "PERSON", kb.lookup(without_patronymic(doc[k - 1 : k + 2].text))))
            if k - 1 - start < 1:
                continue
            end = k - 1
        label = ent.label_
        if label == "ORG" and _ROLE_AFTER.match(doc.text, doc[end - 1].idx + len(doc[end - 1].text)):
            label = "PERSON"  # "said Darcie Draudt-Véjares, a North Korea expert at …": a person, whatever NER says
        if label == "PERSON":
            start, end = korean_family_before(doc, name_start(doc, start), end), extend_hyphenated(doc, end)
        text = doc[start:end].text
        hit = kb.lookup(text) or kb.lookup(without_patronymic(text))
        if hit is None and end - start <= 3:
            hit = kb.demonym(text)
        spans.append(_Span(start, end, label, hit, titled))
    return spans


# ", a North Korea expert at", ", an associate professor of": the role of a person named just before
_ROLE_AFTER = re.compile(r",\s+(?:a|an)\s+(?:[\w.'’-]+\s+){0,4}?(?:expert|analyst|professor|researcher|fellow|scholar|lecturer|"
                         r"specialist|economist|historian|commentator)\b")


def _has_extra_name_words(doc, span: _Span, inner: list[_Span]) -> bool:
    covered = {t for m in inner for t in range(m.start, m.end)}
    return any(
        t not in covered and doc[t].text[:1].isupper() and doc[t].lower_ not in TITLE_WORDS
        for t in range(span.start, span.end)
    )


def _merge(doc, kb: KB, kb_spans: list[_Span], ner: list[_Span]) -> list[_Span]:
    """Combine KB matches and NER spans; the KB wins overlaps unless NER found a longer name."""
    dropped_kb: set[int] = set()
    keep: list[_Span] = []
    for span in ner:
        inner = [k for k, m in enumerate(kb_spans) if m.start < span.end and span.start < m.end]
        if not inner:
            if span.kb is not None or span.label != "NORP":
                keep.append(span)
            continue
        if span.kb is not None and all(span.start <= kb_spans[k].start and kb_spans[k].end <= span.end for k in inner):
            dropped_kb.update(inner)  # NER span resolves as a whole ("the Russian Federation")
            keep.append(span)
            continue
        if any(kb_spans[k].end < span.end and doc[kb_spans[k].end].text in POSSESSIVE for k in inner):
            continue  # "Korea University's School of Cybersecurity": the KB name stands
        covers = any(kb_spans[k].start <= span.start and span.end <= kb_spans[k].end for k in inner)
        inside = not covers and all(span.start <= kb_spans[k].start and kb_spans[k].end <= span.end for k in inner)
        orgs = [m for m in (kb_spans[k] for k in inner) if m.kb is not None and m.kb.type == "organization" and m.end < span.end]
        after = person_after(doc, kb, orgs[-1].end, span.end) if orgs and span.label in _ORGLIKE else None
        if after is not None:  # "the Supreme People's Assembly Kang Yun Sok": the body, then a person
            person = _Span(after[0], span.end, "PERSON", after[1], titled=after[0] > orgs[-1].end)
            dropped_kb.update(k for k in inner if kb_spans[k].start >= person.start)
            keep.append(person)
        elif (
            inside
            and span.label in _ORGLIKE
            and _has_extra_name_words(doc, span, [kb_spans[k] for k in inner])
            and not any(kb_spans[k].end == span.end and _stands_in(doc, kb_spans[k]) for k in inner)
        ):  # a title run into a person ("Minister of ... Yun Jong Ho"), a part of a body ("... Committee of the WPK")
            dropped_kb.update(inner)  # "Moscow State University" is not Moscow
            keep.append(span)
        # else: the KB matches stand for this span
    keep.extend(m for k, m in enumerate(kb_spans) if k not in dropped_kb)
    keep.sort(key=lambda s: (s.start, -s.end))
    out: list[_Span] = []
    for span in keep:  # drop overlaps left over (first, longest wins)
        if out and span.start < out[-1].end:
            continue
        out.append(span)
    return out


def _stands_in(doc, span: _Span) -> bool:
    """A person or, after "of (the)", an organisation: what a longer NER span around it only qualifies."""
    k = span.start - (span.start > 0 and doc[span.start - 1].lower_ == "the")
    kind = "person" if span.label == "PERSON" else span.kb.type if span.kb is not None else None
    return kind == "person" or (kind == "organization" and k > 0 and doc[k - 1].lower_ == "of")


def _is_junk(doc, span: _Span, kb: KB) -> bool:
    toks = doc[span.start : span.end]
    text = toks.text
    letters = [c for c in text if c.isalpha()]
    if len(letters) < 2 or not _starts_name(text) or any(c.isdigit() for c in text) or is_common_noun(text):
        return True
    words = [t.lower_.rstrip(".") for t in toks if any(c.isalnum() for c in t.text)]
    if all(w in TITLE_WORDS or w in _MONTHS_DAYS for w in words):
        return True
    if len(words) > 1 and words[-1] in _BYLINE_WORDS:
        return True  # "Yonhap Interview", "Reuters Analysis"
    if span.label == "PERSON" and words[-1] in TITLE_NOUNS:
        return True  # "Research Fellow": a transcript's title, not a name
    if span.end < len(doc) and doc[span.end].lower_ in TITLE_NOUNS and all(w in TITLE_WORDS or kb.demonym(w) for w in words):
        return True  # "Russian Presidential Press" + "Secretary": the front of a job title
    if span.start > 1 and doc[span.start - 2].lower_ == "minister" and doc[span.start - 1].lower_ in ("of", "for"):
        return True  # "Minister of External Economic Relations": a portfolio, no body
    # a headline word in capitals that the body writes in lower case ("Deminers" / "deminers")
    return len(words) == 1 and words[0] not in KOREAN_SURNAMES and f" {words[0]} " in _text(doc)


def _with_korean_names(doc, kb: KB, found: list[_Span]) -> list[_Span]:
    taken = {t for s in found for t in range(s.start, s.end)}
    extra = [_Span(a, b, "PERSON", kb.lookup(doc[a:b].text)) for a, b in korean_names(doc) if not taken & set(range(a, b))]
    return sorted(found + extra, key=lambda s: s.start) if extra else found


def _embassies(doc, kb: KB, toks: list[str]) -> list[_Span]:
    """"Russian embassy", "the U.S. Embassy": NER often misses the lower-case form."""
    out = []
    for i in range(1, len(toks)):
        if toks[i].lower() in _EMBASSY:
            prev = toks[i - 1]
            country = kb.demonym(prev) or (kb.lookup(prev) if prev[:1].isupper() else None)
            if country is not None and country.type == "location":
                out.append(_Span(i - 1, i + 1, "ORG", kb.lookup(f"{prev} {toks[i]}")))
    return out


def link_doc(doc, kb: KB | None = None, use_ner: bool = True) -> list[Mention]:
    """All linked mentions of one parsed article, in text order.

    ``use_ner=False`` keeps only what the KB knows: for articles in a language
    the NER model was not trained on, its guesses are noise.
    """
    kb = kb or get_kb()
    toks = [t.text for t in doc]
    norms = [alias_key(t) for t in toks]
    spans = [
        s
        for s in _merge(doc, kb, _with_korean_names(doc, kb, kb_scan(doc, kb, norms, toks)), _ner_spans(doc, kb) if use_ner else [])
        if s.kb is not None or (s.label in LABEL_TYPES and not _is_junk(doc, s, kb))
    ]
    covered = {t for s in spans for t in range(s.start, s.end)}
    embassies = [e for e in _embassies(doc, kb, toks) if not any(within(e, s) for s in spans if s.kb is not None)]
    if embassies:  # an embassy phrase replaces the bare country/demonym span inside it
        spans = [s for s in spans if not any(e.start <= s.start and s.end <= e.end for e in embassies)]
        spans = [s for s in spans if not any(s.start < e.end and e.start < s.end for e in embassies)]
        spans = sorted(spans + embassies, key=lambda s: s.start)
        covered = {t for s in spans for t in range(s.start, s.end)}

    people: list[Person] = []
    for s in spans:
        if s.kb is not None and s.kb.type == "person":
            people.append(person_of(s.kb.name, s.start, s.kb, opens_sentence(toks, s.start, spans)))
        elif s.kb is None and s.label == "PERSON" and len(_name(doc, s).split()) >= 2 and not _COMPOUND.match(_name(doc, s)):
            people.append(person_of(_name(doc, s), s.start, None, opens_sentence(toks, s.start, spans)))

    mentions: list[Mention] = []
    for s in spans:
        mentions.extend(_mentions(doc, s, people, kb))

    # Surnames of people in this article that NER missed altogether.
    surnames = set().union(*(p.surnames for p in people)) if people else set()
    for i, text in enumerate(toks):
        if norms[i] not in surnames or i in covered or not text[:1].isupper() or not text.isalpha():
            continue
        if i + 1 < len(toks) and toks[i + 1][:1].isupper() and toks[i + 1].isalpha():
            continue  # part of a longer, different name
        p = resolve_short([norms[i]], i, people)
        if p is not None:
            mentions.append(_from_person(doc, _Span(i, i + 1, "PERSON"), p))
    mentions.extend(_from_kb(doc, _Span(a, b, "KB"), ent) for a, b, ent in owners_inside(doc, spans, kb))
    mentions.sort(key=lambda m: m.start)
    return resolve_short_orgs(mentions, kb)



def _name(doc, s: _Span) -> str:
    return " ".join(doc[s.start : s.end].text.split())


def _possessive(doc, s: _Span) -> bool:
    return s.end < len(doc) and doc[s.end].text in POSSESSIVE


def _chars(doc, s: _Span) -> tuple[int, int]:
    start = s.char_start if s.char_start is not None else doc[s.start].idx
    end = s.char_end if s.char_end is not None else doc[s.end - 1].idx + len(doc[s.end - 1].text)
    return start, end


def _from_kb(doc, s: _Span, ent: KBEntity) -> Mention:
    start, end = _chars(doc, s)
    return Mention(start, end, ent.name, ent.type, ent.wikidata, _possessive(doc, s), True, ent.gender, _text(doc)[start:end])


def _from_person(doc, s: _Span, p: Person) -> Mention:
    if p.kb is not None:
        return _from_kb(doc, s, p.kb)
    start, end = _chars(doc, s)
    return Mention(start, end, p.name, "person", None, _possessive(doc, s), surface=_text(doc)[start:end])


def _short(doc, s: _Span, words: list[str], people: list[Person], kb: KB, titled: bool) -> Mention | None:
    p = resolve_short(words, s.start, people)
    if p is not None:
        return _from_person(doc, s, p)
    if len(words) == 1 and (titled or words[0] not in KOREAN_SURNAMES):
        hit = kb.by_surname_unique(words[0])
        if hit is not None:
            return _from_kb(doc, s, hit)
    given = given_name_before(doc, s.start, kb) if len(words) == 1 and s.label == "PERSON" else None
    if given is not None:  # "Tsoi" after "Lyudmila Tsoi", a name the NER model missed
        return _from_person(doc, s, person_of(f"{doc[given].text} {doc[s.start].text}", given, None))
    return None


def _mentions(doc, s: _Span, people: list[Person], kb: KB) -> list[Mention]:
    if s.kb is not None:
        return [_from_kb(doc, s, s.kb)]
    name = _name(doc, s)
    if _COMPOUND.match(name) and s.end - s.start <= 3:
        return _compound(doc, s, name, people, kb)
    words = [alias_key(w) for w in name.split()]
    if len(words) <= 2 and s.label in {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC"}:
        hit = _short(doc, s, words, people, kb, s.titled)
        if hit is not None:
            return [hit]
    if s.label == "ORG" and doc[s.end - 1].lower_ in _EMBASSY:
        name = " ".join(w[:1].upper() + w[1:] for w in name.split())
    start, end = _chars(doc, s)
    etype = LABEL_TYPES.get(s.label, s.label.lower())
    return [Mention(start, end, name, etype, None, _possessive(doc, s), surface=name)]


def _compound(doc, s: _Span, name: str, people: list[Person], kb: KB) -> list[Mention]:
    """"Trump-Putin", "Seoul-Moscow": one mention per part that can be linked."""
    out = []
    offset = doc[s.start].idx
    for m in re.finditer(r"[^-–]+", name):
        part = m.group(0)
        sub = _Span(s.start, s.end, "PERSON", char_start=offset + m.start(), char_end=offset + m.end())
        ent = kb.lookup(part) or kb.demonym(part)
        if ent is not None:
            out.append(_from_kb(doc, sub, ent))
            continue
        hit = _short(doc, sub, [alias_key(part)], people, kb, False)
        if hit is not None:
            out.append(hit)
    return out


def aggregate(mentions: list[Mention]) -> list[Entity]:
    """Count mentions per canonical name; an unknown name seen with several types keeps its commonest."""
    by_name: dict[str, Counter] = defaultdict(Counter)
    wikidata: dict[str, str | None] = {}
    for m in mentions:
        by_name[m.name][m.type] += 1
        wikidata.setdefault(m.name, m.wikidata)
    entities = [
        Entity(name=name, type=types.most_common(1)[0][0], count=sum(types.values()), wikidata=wikidata[name])
        for name, types in by_name.items()
    ]
    entities.sort(key=lambda e: (-e.count, e.name))
    return entities
