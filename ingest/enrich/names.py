"""Names as people write them: who a short mention means, and name spans the NER model cuts or joins.

* Surname-only and title mentions ("Zinoviev", "President Yoon") resolve to
  the full person named in the same article (:func:`resolve_short`).
  Korean and Chinese names put the family name first ("Guo" is Guo Jiakun), and
  a first name with a patronymic ("Ivan Sergeyevich") addresses the person with
  that first name (:func:`is_address`).
* Hyphenated Korean given names the tokenizer splits ("Hyun Seung-soo",
  "Park Sun-won") are kept whole (:func:`extend_hyphenated`); such names are
  found even where the NER model misses them (:func:`korean_names`).
* Russian patronymics ("Sergei Viktorovich Lavrov") are dropped for lookup,
  and a patronymic name run into an organisation's span ("the Russian
  Federation Sergei Viktorovich Lavrov") is split off (:func:`patronymic_at`).
* Common nouns in capitals (AI, LNG, ICBMs) and platforms (Telegram) are no
  entities unless the KB knows them (:func:`is_common_noun`).
* Lower-case KB aliases ("presidential office") match after "the", and "the
  North's foreign ministry" reads as "North Korea's Foreign Ministry"
  (:func:`metonym_key`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.enrich.kb import KB, KBEntity, alias_key, person_surnames

# Common Korean surnames are shared by many KB people: a bare "Kim" or "Park"
# resolves only to someone named in the same article, or with a title.
KOREAN_SURNAMES = frozenset(
    """kim lee yi ri park pak choi choe jung jeong chung kang cho jo yoon yun jang chang lim rim han
    oh seo suh shin sin kwon hwang ahn an song yoo yu ryu hong jeon chun go ko moon mun yang son
    bae baek paek heo nam sim noh no ha kwak sung cha joo ju woo koo min na jin ji eom chae won
    bang gong hyun hyon ham byun yeo chu do so seok sun ma gil wi pyo myung ki ban ra wang ok yuk
    in maeng je mo tak ro""".split()
)
# Chinese names are written family name first too: "Guo" after "Guo Jiakun" is the same person.
CHINESE_SURNAMES = frozenset(
    """wang li zhang liu chen yang huang zhao wu zhou xu sun ma zhu hu guo he gao lin luo zheng liang xie song
    tang feng deng cao peng zeng xiao tian dong pan yuan cai jiang yu du ye cheng wei su lu ding ren shen yao cui
    zhong tan fan shi liao jia xia fu fang zou xiong bai meng qin qiu hou yin xue yan duan lei tao gu mao hao
    gong shao wan qian dai kong xiang""".split()
)
PLATFORMS = frozenset("telegram x twitter facebook youtube instagram vk vkontakte kakaotalk weibo wechat tiktok".split())
TITLE_WORDS = frozenset(
    """president vice prime minister ministers deputy first foreign defense defence ambassador
    envoy spokeswoman spokesman spokesperson secretary general gen gen. lt lt. col col. maj maj.
    adm adm. admiral marshal mr mr. mrs mrs. ms ms. dr dr. prof prof. leader chairman chairwoman
    chair premier chancellor director chief head commander senator sen sen. rep rep. governor
    gov gov. mayor speaker lawmaker comrade state councillor counselor adviser advisor official
    diplomat unification national security intelligence trade finance economy interior justice
    former acting supreme top senior special presidential representative of the a an
    ministry department office agency council army navy affairs committee commission press""".split()
)
_PATRONYMIC = re.compile(r"^[A-Z][a-z]+(?:ovich|evich|yevich|ich|ovna|evna|yevna|ichna|inichna)$")
_ACRONYM = re.compile(r"^[A-Z]{2,5}s?$")


@dataclass
class Person:
    name: str
    words: list[str]  # alias keys of the name's words
    surnames: set[str]
    pos: int  # token offset of the mention
    kb: KBEntity | None
    subject: bool = False  # the first name of its sentence


def person_of(name: str, pos: int, kb_ent: KBEntity | None, subject: bool = False) -> Person:
    words = [alias_key(w) for w in name.split()]
    if kb_ent is not None:
        surnames = person_surnames(kb_ent)
    else:
        family_first = len(words) in (2, 3) and (words[0] in KOREAN_SURNAMES or words[0] in CHINESE_SURNAMES)
        surnames = {words[0] if family_first else words[-1]}
    return Person(name, words, surnames, pos, kb_ent, subject)


def resolve_short(words: list[str], pos: int, people: list[Person]) -> Person | None:
    """The full person a short mention refers to: the latest named before it (the latest one that
    opened its sentence, as a reader takes "Kim" after "Kim Yo Jong, the sister of Kim Jong Un"),
    else the first after."""

    address = is_address(words)

    def fits(p: Person) -> bool:
        if address:  # "Vladimir Vladimirovich": the person named with that first name
            return len(p.words) >= 2 and p.words[0] == words[0] and words[1] not in p.words
        if len(p.words) <= len(words):
            return False
        if len(words) == 1:
            return words[0] in p.surnames
        return p.words[: len(words)] == words or p.words[-len(words) :] == words

    before = [p for p in people if p.pos < pos and fits(p)]
    if before:
        return max([p for p in before if p.subject] or before, key=lambda p: p.pos)
    after = [p for p in people if p.pos >= pos and fits(p)]
    return min(after, key=lambda p: p.pos) if after else None


def given_name_before(doc, start: int, kb: KB) -> int | None:
    """The first name of a bare surname doc[start] whose full name the NER model missed ("Lyudmila Tsoi, who
    heads ..." then "Tsoi said"): the token of the capitalised word right before an earlier occurrence of the
    surname, when that word is no common word, title or KB entry and not part of a longer name."""
    surname = doc[start].text
    for k in range(1, start):
        if doc[k].text != surname:
            continue
        given = doc[k - 1]
        if not (given.is_alpha and given.is_title and not given.is_stop) or given.lower_ in TITLE_WORDS:
            continue
        if (k >= 2 and doc[k - 2].is_title and doc[k - 2].is_alpha) or kb.lookup(given.text) is not None:
            continue
        return k - 1
    return None


def extend_hyphenated(doc, end: int) -> int:
    """The end of a name whose last word goes on with "-soo", "-won" ("Hyun Seung" + "-soo")."""
    while (
        end + 1 < len(doc)
        and doc[end].text in ("-", "–")
        and not doc[end - 1].whitespace_
        and not doc[end].whitespace_
        and doc[end + 1].text.isalpha()
        and doc[end + 1].text.islower()
        and len(doc[end + 1].text) <= 5
    ):
        end += 2
    return end


def person_after(doc, kb: KB, start: int, end: int) -> tuple[int, KBEntity | None] | None:
    """A person named right after an organisation's name inside one NER span ("the Supreme People's
    Assembly Kang Yun Sok"): doc[start:end] (titles skipped) as (its first token, its KB entry), or None.
    It takes 1-4 capitalised words that the KB knows as a person or that open with a Korean surname."""
    first = start
    while first < end and doc[first].lower_.rstrip(".") in TITLE_WORDS and doc[first].text[:1].isupper():
        first += 1
    words = [t for t in doc[first:end] if t.text not in ("-", "–")]
    if not 1 <= len(words) <= 4 or not all(t.text[:1].isupper() and t.text.isalpha() for t in words):
        return None
    hit = kb.lookup(doc[first:end].text)
    if hit is not None and hit.type == "person":
        return first, hit
    return (first, None) if hit is None and words[0].lower_ in KOREAN_SURNAMES else None


def patronymic_at(doc, start: int, end: int) -> int | None:
    """The token index of a patronymic between a first name and a surname in doc[start:end], or None."""
    for k in range(start + 1, end - 1):
        if _PATRONYMIC.match(doc[k].text) and doc[k - 1].text[:1].isupper() and doc[k + 1].text[:1].isupper():
            return k
    return None


# a romanised Korean syllable ends in a vowel or n, ng, m, l, k, p, t ("Ji-yeon", "Byoung-sam", "Kwang-chol")
_KOREAN_NAME = re.compile(r"\b([A-Z][a-z]{0,4}) (([A-Z][a-z]{0,6})-[a-z]{0,4}[aeioungmlkpt])\b")
_ENGLISH_PREFIXES = frozenset("post pre anti non ex mid self co re sub multi far near long short high low well half full semi over under".split())
# Nouns that end a job title ("Research Fellow", "Unification Ministry Spokesperson"), never a name.
TITLE_NOUNS = frozenset(
    """fellow professor researcher analyst correspondent reporter anchor spokesperson spokesman spokeswoman
    minister ambassador secretary director chief chairman chairwoman commander adviser advisor official
    president envoy expert lawmaker governor mayor""".split()
)


def doc_text(doc) -> str:
    """The text of a Doc: ``doc.text`` joins every token (a Python object each) on each call, so it is
    kept once per doc (:func:`ingest.enrich.cache.cached_parse` sets it from the text it tokenized)."""
    text = doc.user_data.get("_text")
    if text is None:
        text = doc.user_data["_text"] = doc.text
    return text


def korean_names(doc) -> list[tuple[int, int]]:
    """Token spans of Korean names written surname + hyphenated given name ("Han Ji-yeon"), which the NER model
    often misses or reads as a nationality."""
    out = []
    for m in _KOREAN_NAME.finditer(doc_text(doc)):
        if m.group(1).lower() in KOREAN_SURNAMES and m.group(3).lower() not in _ENGLISH_PREFIXES:
            span = doc.char_span(m.start(), m.end())
            if span is not None:
                out.append((span.start, span.end))
    return out


def is_address(words: list[str]) -> bool:
    """First name + patronymic ("Vladimir Vladimirovich"), the Russian polite form of address (alias keys)."""
    return len(words) == 2 and bool(_PATRONYMIC.match(words[1].capitalize()))


def name_start(doc, start: int) -> int:
    """The start of a name whose span opens at its patronymic ("Dmitry" + "Sergeyevich Peskov")."""
    if start > 0 and _PATRONYMIC.match(doc[start].text) and doc[start - 1].text.istitle() and doc[start - 1].is_alpha:
        return start - 1
    return start


def korean_family_before(doc, start: int, end: int) -> int:
    """The start of a North Korean name in three words whose family name the NER span left out
    ("Deputy Minister of Education Ri" + "Chang Sik"): a Korean family name right before two short words."""
    words = [doc[k].text for k in range(start, end)]
    if (start > 0 and len(words) == 2 and all(w.istitle() and w.isalpha() and len(w) <= 6 for w in words)
            and doc[start - 1].text.istitle() and doc[start - 1].lower_ in KOREAN_SURNAMES and len(doc[start - 1].text) <= 4):
        return start - 1
    return start


def without_patronymic(text: str) -> str:
    """"Sergei Viktorovich Lavrov" → "Sergei Lavrov"; other names unchanged."""
    words = text.split()
    if len(words) == 3 and _PATRONYMIC.match(words[1]):
        return f"{words[0]} {words[2]}"
    return text


def is_common_noun(text: str) -> bool:
    """Capitals that are no name (AI, LNG, ICBMs) and platforms (Telegram): never an entity outside the KB."""
    return bool(_ACRONYM.match(text)) or alias_key(text) in PLATFORMS


def metonym_key(kb: KB, ent: KBEntity, rest: list[str]) -> tuple[int, KBEntity] | None:
    """"the North" + "'s foreign ministry": the longest KB alias "<country>'s ..." over the next tokens."""
    if not rest or rest[0] not in ("'s", "’s"):
        return None
    key = alias_key(ent.name) + "s"
    best = None
    for j, tok in enumerate(rest[1:6], start=2):
        key += alias_key(tok)
        hit = kb.by_alias.get(key)
        if hit is not None and hit is not ent:
            best = (j, hit)
    return best


def after_the(toks: list[str], i: int) -> bool:
    """toks[i] follows "the", maybe with lower-case words between ("the nuclear-armed North")."""
    for k in range(i - 1, max(-1, i - 6), -1):
        if toks[k].lower() == "the":
            return True
        if not (toks[k].islower() or toks[k] in "-–"):
            return False
    return False


_BOUNDARY = frozenset({".", "!", "?"})
POSSESSIVE = frozenset({"'s", "’s", "'", "’", "s'", "s’"})
BARE_MINISTRIES = frozenset({"foreignministry", "defenseministry", "defenceministry", "unificationministry"})


def opens_sentence(toks: list[str], start: int, spans) -> bool:
    """No other name (a span in ``spans``) stands between the start of its sentence and token ``start``."""
    k = start - 1
    while k >= 0 and toks[k] not in _BOUNDARY and "\n" not in toks[k]:
        k -= 1
    return not any(k < s.start < start for s in spans)


def lowercase_match(kb: KB, toks: list[str], norms: list[str], i: int, found) -> tuple[int, KBEntity] | None:
    """A KB entity written in lower case after "the": a lower-case alias ("the presidential office"), or
    "the foreign ministry" of the place named with it ("the foreign ministry in Seoul", "In Tokyo, the
    foreign ministry ...", but not "... met in Pyongyang, the foreign ministry said"), else of the country that opened the latest sentence naming one ("South Korea
    on Tuesday condemned ... the foreign ministry said")."""
    if i == 0 or toks[i - 1].lower() != "the" or not toks[i].islower():
        return None
    lower = lowercase_aliases(kb)
    for j in (i + 2, i + 1, i + 3):
        if j <= len(toks) and "".join(norms[i:j]) in lower:
            return j, lower["".join(norms[i:j])]
    if "".join(norms[i : i + 2]) not in BARE_MINISTRIES:
        return None
    ministry = f"{toks[i]} {toks[i + 1]}"
    k = i + 2
    if k < len(toks) and toks[k] in ("'s", "’s"):  # "the foreign ministry's guest house in Moscow"
        k += 1
        while k < min(len(toks), i + 6) and toks[k].islower() and toks[k] != "in":
            k += 1
    if k + 1 < len(toks) and toks[k] == "in":  # "the foreign ministry in Seoul"
        for place in (" ".join(toks[k + 1 : k + 3]), toks[k + 1]):
            hit = kb.lookup(f"{place}'s {ministry}")
            if hit is not None:
                return i + 2, hit
    place = found[-1] if found else None
    if place is not None and place.kb is not None and place.kb.type == "location" and just_before(toks, place.end, i - 1) and (
        opens_sentence(toks, place.start, found)  # "In Seoul, the foreign ministry said", not "... met in Pyongyang, the ..."
    ):
        hit = kb.lookup(f"{place.kb.name}'s {ministry}")
        if hit is not None:
            return i + 2, hit
    for span in reversed(found):
        if span.kb is not None and span.kb.type == "location" and opens_sentence(toks, span.start, found):
            hit = kb.lookup(f"{span.kb.name}'s {ministry}")
            return (i + 2, hit) if hit is not None else None
    return None


def just_before(toks: list[str], end: int, pos: int) -> bool:
    """Only a comma or spaces stand between token ``end`` and token ``pos`` ("In Seoul, the ...")."""
    return end <= pos and all(t.strip() in ("", ",") and "\n" not in t for t in toks[end:pos])


def lowercase_aliases(kb: KB) -> dict[str, KBEntity]:
    """KB aliases written in lower case ("presidential office"): they match in running text after "the"."""
    cached = getattr(kb, "_lowercase", None)
    if cached is None:
        cached = {alias_key(a): e for e in kb.entities for a in e.aliases if a.islower() and " " in a}
        kb._lowercase = cached
    return cached


def within(inner, outer) -> bool:
    """Span ``inner`` lies inside the longer span ``outer`` ("Russian Embassy" in "Russian Embassy in Pyongyang")."""
    return outer.start <= inner.start and inner.end <= outer.end and outer.end - outer.start > inner.end - inner.start


def owners_inside(doc, spans, kb: KB) -> list[tuple[int, int, KBEntity]]:
    """The owner or place inside a KB organisation's name ("South Korea's Joint Chiefs of Staff", "Kyungnam
    University's Institute ...", "Yoon Suk Yeol's office", "the Russian Embassy in Pyongyang") is a mention
    too: (start token, end token, KB entry)."""
    out = []
    for s in spans:
        if s.kb is None or s.kb.type != "organization":
            continue
        if s.end - s.start > 1 and kb.demonym(doc[s.start].text):  # "the Soviet Red Army": the adjective names the country
            out.append((s.start, s.start + 1, kb.demonym(doc[s.start].text)))
        for k in range(s.start + 1, s.end - 1):
            if doc[k].text in POSSESSIVE:
                place = kb.lookup(doc[s.start : k].text)
                if place is not None and place is not s.kb:
                    out.append((s.start, k, place))
                break
            if doc[k].lower_ == "in":  # "Embassy in Pyongyang", "Consulate General in Busan"
                place = kb.lookup(doc[k + 1 : s.end].text)
                if place is not None and place.type == "location":
                    out.append((k + 1, s.end, place))
                break
    return out


def resolve_short_orgs(mentions: list, kb: KB) -> list:  # of link.Mention
    """"the Security Council" after "the Russian Security Council" is the same body, and so is "the Russian
    Embassy" before "the Russian Embassy in Pyongyang"."""
    seen: list[tuple[set[str], object]] = []
    for m in mentions:
        if m.type != "organization":
            continue
        key = alias_key(m.surface)
        for keys, earlier in reversed(seen):
            if earlier.name != m.name and any(k != key and k.endswith(key) for k in keys):
                m.name, m.wikidata, m.in_kb = earlier.name, earlier.wikidata, earlier.in_kb
                break
        ent = kb.lookup(m.name)
        keys = {alias_key(m.surface), alias_key(m.name)}
        if ent is not None:
            keys |= {alias_key(a) for a in ent.aliases}
        seen.append((keys, m))
    orgs = [m for m in mentions if m.type == "organization"]
    for m in orgs:  # "Russian Embassy" in a headline, "the Russian Embassy in Pyongyang" below: that one
        key = alias_key(m.surface) + "in"
        later = next((o for o in orgs if o.start > m.start and o.name != m.name and alias_key(o.surface).startswith(key)), None)
        if later is not None:
            m.name, m.wikidata, m.in_kb = later.name, later.wikidata, later.in_kb
    return mentions


__all__ = [
    "KOREAN_SURNAMES", "CHINESE_SURNAMES", "owners_inside", "within", "given_name_before", "POSSESSIVE", "PLATFORMS", "is_address", "korean_names", "name_start", "resolve_short_orgs", "TITLE_NOUNS", "TITLE_WORDS", "person_after", "Person", "after_the", "person_of", "resolve_short", "extend_hyphenated", "patronymic_at",
    "without_patronymic", "is_common_noun", "metonym_key", "lowercase_aliases", "lowercase_match", "opens_sentence",
]
