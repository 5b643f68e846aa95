"""Russian entity mentions: KB names in every inflected form, natasha NER for the rest.

On the text with its wire furniture blanked (:func:`ingest.extract.furniture.blank`):

1. KB aliases with Cyrillic words are matched by lemma (:mod:`ingest.lang.ru`,
   pymorphy3): a text word matches an alias word when their readings share a
   lemma, so Лаврову, Курской области, Пхеньяном, российского МИД link to the
   canonical entity; an upper-case alias word (МИД, РФ, ЕС) must be upper case
   in the text too.
2. natasha's news NER (slovnet; the model ships in the package, loaded
   offline once per process) finds the other people, organisations and
   places. A one-word person is a surname: it resolves to the person of that
   surname named in the article, else to the one KB person with it; other
   names the KB does not know are kept in the nominative (Ивана Петрова →
   Иван Петров).
"""

from __future__ import annotations

import re
import threading
from functools import lru_cache

from ingest.extract.furniture import blank as mask
from ingest.enrich.kb import KB, KBEntity
from ingest.enrich.link import Mention
from ingest.lang.ru import lemmas, morph

_WORD = re.compile(r"[0-9A-Za-zА-Яа-яЁё]+(?:-[0-9A-Za-zА-Яа-яЁё]+)*")
_CYRILLIC = re.compile(r"[А-Яа-яЁё]")
_TYPES = {"PER": "person", "ORG": "organization", "LOC": "location"}
_lock = threading.Lock()


_DECLINED = (("ом", ""), ("ем", "ь"), ("ой", "а"), ("а", ""), ("у", ""), ("е", ""), ("я", "ь"), ("ю", "ь"), ("е", "ь"))


@lru_cache(maxsize=65536)
def _readings(word: str) -> frozenset[str]:
    """Lemmas of a word, plus, for a capitalised word the dictionary may not know (Ына, Ёля, Хуна),
    its stem with a case ending taken off, as a foreign name is declined."""
    low = word.lower().replace("ё", "е")
    if not _CYRILLIC.search(word):
        return frozenset({low})
    out = {low, *lemmas(word)}
    if word[:1].isupper() and not word.isupper() and len(low) > 2:
        out |= {low[: -len(end)] + add for end, add in _DECLINED if low.endswith(end)}
    return frozenset(out)


def _is_upper(word: str) -> bool:
    return len(word) > 1 and word.isupper()


def index(kb: KB) -> dict[str, list[tuple[tuple[tuple[frozenset[str], bool], ...], KBEntity]]]:
    """KB aliases with Cyrillic in them, by each lemma of their first word."""
    return kb.memo("cyrillic_aliases", _index)


def _index(kb: KB) -> dict:
    out: dict[str, list] = {}
    for ent in kb.entities:
        for alias in (ent.name, *ent.aliases):
            if not _CYRILLIC.search(alias):
                continue
            words = tuple((_readings(w), _is_upper(w)) for w in _WORD.findall(alias))
            if words:
                for reading in words[0][0]:
                    out.setdefault(reading, []).append((words, ent))
    return out


def kb_matches(text: str, kb: KB) -> list[Mention]:
    """Longest KB aliases over consecutive words, compared by lemma."""
    idx = index(kb)
    toks = [(m.group(), m.start(), m.end()) for m in _WORD.finditer(text)]
    reads = [_readings(w) for w, _, _ in toks]
    found: list[Mention] = []
    i = 0
    while i < len(toks):
        best: tuple[int, KBEntity] | None = None
        for reading in reads[i]:
            for words, ent in idx.get(reading, ()):
                n = len(words)
                if i + n > len(toks) or (best and n <= best[0]):
                    continue
                if all(_word_fits(text, toks, reads, i, k, w) for k, w in enumerate(words)):
                    best = (n, ent)
        if best is None:
            i += 1
            continue
        n, ent = best
        a, b = toks[i][1], toks[i + n - 1][2]
        found.append(Mention(a, b, ent.name, ent.type, ent.wikidata, False, True, ent.gender, text[a:b]))
        i += n
    return found


def _word_fits(text: str, toks: list, reads: list, i: int, k: int, want: tuple[frozenset[str], bool]) -> bool:
    readings, upper = want
    word, start, _ = toks[i + k]
    if k and (text[toks[i + k - 1][2] : start].strip() or "\n" in text[toks[i + k - 1][2] : start]):
        return False  # words of one name are separated by spaces only
    if upper and not word.isupper():
        return False
    if not upper and not k and word.isupper() and len(word) > 1 and not word[1:].isupper():
        return False
    return bool(readings & reads[i + k])


@lru_cache(maxsize=1)
def _ner():
    """natasha's news NER tagger (about 3 s once per process)."""
    from natasha import NewsEmbedding, NewsNERTagger

    return NewsNERTagger(NewsEmbedding())


def load_models() -> None:
    """natasha's tagger and pymorphy3's dictionaries, loaded now (before a worker pool forks)."""
    _ner()
    morph()


def ner_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, type) of natasha's entity spans.

    The tagger is called on the text directly: ``natasha.Doc.tag_ner`` gives
    the same spans but also wants the text segmented into sentences and tokens
    first (a fifth of the time), only to attach them to the spans.
    """
    if not text.strip():
        return []
    tagger = _ner()
    with _lock:
        markup = tagger(text)
    return [(s.start, s.stop, _TYPES[s.type]) for s in markup.spans if s.type in _TYPES]


def cyrillic_surnames(kb: KB) -> dict[str, list[KBEntity]]:
    """KB people by the lemma of the surname in their Cyrillic aliases (Сергей Лавров → лавров, Цой Сон Хи → цой)."""
    return kb.people_by("cyrillic_surnames", _surname_keys)


def _surname_keys(ent: KBEntity) -> set[str]:
    keys: set[str] = set()
    for alias in ent.aliases:
        words = alias.split()
        if _CYRILLIC.search(alias) and len(words) > 1:
            keys |= _readings(words[0] if ent.family_first else words[-1])
    return keys


def nominative(words: list[str]) -> str:
    """A name in the nominative, each word inflected as a name would be (Ивана Петрова → Иван Петров)."""
    first = morph().parse(words[0]) if words and _CYRILLIC.search(words[0]) else []
    if len(words) > 1 and first and all("nomn" in p.tag.grammemes for p in first if "Name" in p.tag.grammemes) \
            and any("Name" in p.tag.grammemes for p in first):
        return " ".join(words)  # Андрей Ланьков: a first name in the nominative, so the whole name is
    out: list[str] = []
    gender = None
    for word in words:
        if not _CYRILLIC.search(word) or word.isupper():
            out.append(word)
            continue
        parses = morph().parse(word)
        named = [p for p in parses if {"Name", "Surn", "Patr", "Geox", "Orgn"} & set(p.tag.grammemes)] or parses
        if gender:  # Ирина Соколова: the surname takes the first name's gender
            named = [p for p in named if p.tag.gender == gender] or named
        elif named and "Name" in named[0].tag.grammemes:
            gender = named[0].tag.gender
        form = named[0].inflect({"nomn"}) if named else None
        new = form.word if form else word
        out.append(new[:1].upper() + new[1:] if word[:1].isupper() else new)
    return " ".join(out)


_PROPER = frozenset({"Name", "Surn", "Patr", "Geox", "Orgn", "Abbr", "Trad", "UNKN"})


def word_is_proper(word: str) -> bool:
    """Whether a capitalised word can be a name: an abbreviation, or a reading the dictionary marks as a name."""
    if word.isupper():
        return True
    return any(_PROPER & set(p.tag.grammemes) or p.tag.POS is None for p in morph().parse(word))


def surname_gender(name: str) -> str | None:
    """m or f from the first name when it is one in the nominative (Анна Евстигнеева → f: the surname alone
    also reads as a man's in the genitive), else from the surname's grammar (Захарова → f), None when it
    cannot tell."""
    words = name.split()
    if len(words) > 1:
        first = morph().parse(words[0])[0]
        if "Name" in first.tag.grammemes and "nomn" in first.tag.grammemes and first.tag.gender in ("masc", "femn"):
            return {"masc": "m", "femn": "f"}[first.tag.gender]
    for parse in morph().parse(words[-1]):
        if "Surn" in parse.tag.grammemes or "Name" in parse.tag.grammemes:
            return {"masc": "m", "femn": "f"}.get(parse.tag.gender)
    return None


def _surname_person(word: str, pos: int, mentions: list[Mention], kb: KB) -> Mention | None:
    """The person a bare surname refers to: named in the article (latest before, else first after), else unique in the KB."""
    keys = _readings(word)
    named = [m for m in mentions if m.type == "person" and len(m.surface.split()) > 1 and keys & _readings(m.surface.split()[-1])]
    before = [m for m in named if m.start < pos]
    pick = max(before, key=lambda m: m.start) if before else (min(named, key=lambda m: m.start) if named else None)
    if pick is not None:
        return pick
    found = {e.name: e for key in keys for e in cyrillic_surnames(kb).get(key, [])}
    if len(found) == 1:
        ent = next(iter(found.values()))
        return Mention(0, 0, ent.name, ent.type, ent.wikidata, False, True, ent.gender)
    return None


_SYLLABLE_BEFORE = re.compile(r"(?<![\w-])([А-ЯЁ][а-яё]{1,2}) $")
_NOT_SYLLABLE = frozenset("по на во со из от до за об при как это так все его их".split())


def _korean_head(clean: str, start: int, end: int, covered: set[int]) -> int:
    """A Korean name of one-syllable words whose first word the recogniser left out ("Ил Ха Ким", printed in
    Western order, found as "Ха Ким"): the span starts at that word."""
    if not all(len(w) <= 3 for w in clean[start:end].split()):
        return start
    m = _SYLLABLE_BEFORE.search(clean, max(0, start - 4), start)
    if m is None or m.group(1).lower() in _NOT_SYLLABLE or any(i in covered for i in range(m.start(1), start)):
        return start
    return m.start(1)


_PATRONYMIC = re.compile(r"(?:вич|вна|ична|инична)$")


def _korean_name_after(text: str, start: int, end: int, covered: set[int]) -> int | None:
    """Where a Korean name in Russian spelling (Кан Дон Ван) starts at the end of a span a KB name covers the
    head of, else None."""
    import iuliia

    from ingest.enrich.romanise import _data

    last = max(i for i in range(start, end) if i in covered) + 1
    m = re.fullmatch(r"\s+([А-ЯЁ][а-яё]{0,4}(?:\s+[А-ЯЁ][а-яё]{0,4}){1,2})", text[last:end])
    if m is None or any(i in covered for i in range(last, end)):
        return None
    first = iuliia.WIKIPEDIA.translate(m.group(1).split()[0])
    return last + m.start(1) if first in (_data().get("korean_surnames_latin") or ()) else None


def ru_mentions(text: str, kb: KB) -> list[Mention]:
    """Every linked mention of a Russian article (title and body), in text order."""
    clean = mask(text, "ru")
    mentions = kb_matches(clean, kb)
    covered = {i for m in mentions for i in range(m.start, m.end)}
    extra: list[Mention] = []
    for start, end, etype in ner_spans(clean):
        if any(i in covered for i in range(start, end)):
            tail = _korean_name_after(clean, start, end, covered)
            if tail is None:
                continue
            start, etype = tail, "person"  # "университета Донг-А Кан Дон Ван": the KB body, then a Korean name
        if etype == "person":
            start = _korean_head(clean, start, end, covered)
        surface = clean[start:end]
        words = surface.split()
        if not any(c.isalpha() for c in surface) or len(surface) < 2:
            continue
        if etype == "person" and len(words) == 1:
            hit = _surname_person(words[0], start, mentions + extra, kb)
            if hit is not None:
                extra.append(Mention(start, end, hit.name, "person", hit.wikidata, False, hit.in_kb, hit.gender, surface))
            continue  # an unresolved lone surname is not a name to index
        if len(words) == 1 and not word_is_proper(words[0]):
            continue  # "Союз" opening a headline: a common noun, not a name
        name = nominative(words) if etype == "person" or len(words) == 1 else surface
        parts = name.split()
        if etype == "person" and len(parts) == 3 and _PATRONYMIC.search(parts[1]):
            hit = kb.lookup(f"{parts[0]} {parts[2]}")  # "Вячеслав Викторович Володин": the KB's Vyacheslav Volodin
            if hit is not None and hit.type == "person":
                extra.append(Mention(start, end, hit.name, "person", hit.wikidata, False, True, hit.gender, surface))
                continue
        gender = surname_gender(name) if etype == "person" else None
        extra.append(Mention(start, end, name, etype, None, False, False, gender, surface))
    mentions = sorted(mentions + extra, key=lambda m: m.start)
    return _by_first_name_and_patronymic(mentions)


def _by_first_name_and_patronymic(mentions: list[Mention]) -> list[Mention]:
    """"Валентин Петрович" is the article's one Valentin named in full (Валентин Пак), the polite form of his
    name, not a second person."""
    people = [m for m in mentions if m.type == "person" and len(m.name.split()) >= 2]
    out = []
    for m in mentions:
        parts = m.name.split()
        if m.type == "person" and not m.in_kb and len(parts) == 2 and _PATRONYMIC.search(parts[1]):
            full = {p.name: p for p in people if p is not m and p.name.split()[0] == parts[0]
                    and not _PATRONYMIC.search(p.name.split()[1])}
            if len(full) == 1:
                p = next(iter(full.values()))
                m = Mention(m.start, m.end, p.name, "person", p.wikidata, False, p.in_kb, p.gender, m.surface)
        out.append(m)
    return out
