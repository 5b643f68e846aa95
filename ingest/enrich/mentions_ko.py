"""Korean entity mentions: KB names with particles and endings off, title + surname, unknown names in Hangul.

Works on the morphemes of :mod:`ingest.lang.ko` (kiwipiepy) of the text with
its wire furniture blanked (:func:`ingest.extract.furniture.blank`):

1. KB aliases in any script are matched on characters, but only from a
   morpheme start to a morpheme end (북한의 → 북한 + 의, 러시아를 → 러시아 + 를),
   so a name inside another word does not count; a one-syllable alias (러, 北,
   韓, 美) must be a whole noun or Hanja morpheme. Latin acronyms (BRICS, ICBM)
   follow the KB's exact-spelling rule for short upper-case aliases.
2. Abbreviated pairs (북러, 한미일, 러북) and 방러 / 대북 name each country.
3. A name followed by a title (지노비예프 대사, 김 차관, 라브로프 장관) is a person:
   a surname resolves to the person of that surname named in the article
   (latest before, else first after), else to the one KB person with it
   (foreign surnames only: a bare 김 is everybody); a full Hangul name the KB
   does not know (박선원 의원, 토니 블링컨 국무장관) is kept in Hangul (and given its
   Latin name by :mod:`ingest.enrich.romanise`).
4. Other proper nouns the KB does not know are kept when a suffix tells
   their type (…부, …청, …통신 → organisation; …시, …주, …공항 → place).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.extract.furniture import blank as mask
from ingest.enrich.kb import KB, KBEntity, alias_key
from ingest.enrich.link import Mention
from ingest.lang.ko import Morpheme, morphemes

TITLES = frozenset(
    """대통령 대사 장관 차관 외무상 외무장관 대변인 위원장 국무위원장 총리 내각총리 서기 부부장 의원 보좌관
    외교보좌관 선임연구위원 연구위원 국방상 국방장관 특사 부장 대표 총장 사령관 국장 실장 차장 부상 지사 주지사 시장 교수 연구위원
    박사 회장 사장 원장 청장 처장 참모총장 총참모장 부총리 주석 국가주석 수석 1차관 2차관 부위원장 비서
    안보서기 정찰총국장 총비서 대리 공사 참사관 영사 대행 권한대행 주석단 의장 부의장 하원의장 상원의장 위원 정치국원 국제부장
    강사 체육상 무역상 대외경제상 보건상 교육상 문화상 철도상 수산상 체신상 국가보위상 사회안전상 인민보안상 외교부장 부국장
    방위상 외상 관방장관 센터장 단장 본부장 소장 국가안보보좌관 비서실장 사무총장 대변인실장""".split()
)
_TITLE_SKIP = frozenset("기자 특파원 앵커".split())  # bylines, not people of the story
ORG_SUFFIXES = ("위원회", "통신", "신문", "대학교", "대학", "연구소", "연구원", "항공", "그룹", "은행", "재단", "협회", "부", "청", "원", "처", "당")
PLACE_SUFFIXES = ("공항", "시", "주", "도", "군", "구", "항", "섬", "강", "반도")
_JOINERS = ("군", "측", "산", "인", "제", "행", "발", "계", "간", "내", "쪽", "판", "발")  # 북한군, 러시아산, 한국인
_ABBR = {"한": "South Korea", "韓": "South Korea", "남": "South Korea", "북": "North Korea", "北": "North Korea",
         "러": "Russia", "露": "Russia", "미": "United States", "美": "United States", "중": "China", "中": "China",
         "일": "Japan", "日": "Japan", "우": "Ukraine"}
_PREFIXED = {"방러": "러", "방북": "북", "방한": "한", "방미": "미", "방중": "중", "대북": "북", "대러": "러",
             "대미": "미", "친러": "러", "친북": "북", "반러": "러", "주한": "한", "주러": "러", "주북": "북", "訪露": "露"}
_NOUN = frozenset({"NNP", "NNG", "NNB", "NR", "SL", "SH", "XR"})
_NAME_TAGS = frozenset({"NNP", "NNG"})
_NOT_START = ("J", "E", "X", "S", "V")  # particles, endings, affixes, punctuation, predicates
_HANGUL = range(0xAC00, 0xD7A4)


def is_hangul(text: str) -> bool:
    return bool(text) and all(ord(c) in _HANGUL for c in text)


def _hangul_name(text: str) -> bool:
    """Hangul, or a foreign name in Hangul of two or three words (토니 블링컨: one noun for kiwipiepy)."""
    words = text.split(" ")
    return is_hangul(text) or 2 <= len(words) <= 3 and all(is_hangul(w) for w in words)


@dataclass
class KoPerson:
    name: str
    surnames: set[str]
    pos: int
    kb: KBEntity | None


def hangul_surnames(kb: KB) -> dict[str, list[KBEntity]]:
    """KB people by the Hangul surname of their Hangul aliases (게오르기 지노비예프 → 지노비예프, 김홍균 → 김)."""
    return kb.people_by("hangul_surnames", lambda ent: {s for a in ent.aliases for s in _surnames(a, ent.family_first)})


def _surnames(name: str, family_first: bool) -> set[str]:
    words = name.split()
    if not words or not all(is_hangul(w) for w in words):
        return set()
    if len(words) > 1:
        return {words[0] if family_first else words[-1]}
    return {name[0]} if family_first and 2 <= len(name) <= 4 else set()


def _mention(text: str, a: int, b: int, name: str, etype: str, ent: KBEntity | None = None) -> Mention:
    if ent is not None:
        return Mention(a, b, ent.name, ent.type, ent.wikidata, False, True, ent.gender, text[a:b])
    return Mention(a, b, name, etype, surface=text[a:b])


def _strict_ok(kb: KB, key: str, surface: str) -> bool:
    allowed = kb.strict.get(key)
    return allowed is None or "".join(surface.split()) in allowed


def kb_matches(text: str, morphs: list[Morpheme], kb: KB) -> list[Mention]:
    """Longest KB aliases running from a morpheme start to a morpheme end (or a joiner such as 군)."""
    ends = {m.end: m for m in morphs}
    inside = _inside(morphs)
    found: list[Mention] = []
    pos = 0
    for m in morphs:
        if m.start < pos or m.tag.startswith(_NOT_START) and m.tag not in {"SL", "SH", "XR"} or not m.form[0].isalnum():
            continue
        key, best = "", None
        for i in range(m.start, min(len(text), m.start + 60)):
            ch = text[i]
            if ch == "\n":
                break
            key += alias_key(ch)
            if key and key not in kb.prefixes:
                break
            ent = kb.by_alias.get(key) if key else None
            if ent is None or not _strict_ok(kb, key, text[m.start : i + 1]):
                continue
            end = i + 1
            if end in ends:
                last = ends[end]
                if end - m.start == 1 and not (last.start == m.start and last.tag in _NOUN):
                    continue  # 러 inside 여러, 일 as a day
                best = (end, ent)
            elif _joined(text, end, inside):
                best = (end, ent)
        if best:
            found.append(_mention(text, m.start, best[0], "", "", best[1]))
            pos = best[0]
    return found


def _inside(morphs: list[Morpheme]) -> dict[int, Morpheme]:
    """Character position -> the first morpheme (in analysis order) that runs across it (start < position < end)."""
    out: dict[int, Morpheme] = {}
    for m in morphs:
        for pos in range(m.start + 1, m.end):
            out.setdefault(pos, m)
    return out


def _joined(text: str, end: int, inside: dict[int, Morpheme]) -> bool:
    """Whether a name ending at end is followed, inside its morpheme, by a joiner (북한군, 러시아산)."""
    m = inside.get(end)
    return m is not None and text[end : m.end] in _JOINERS and end - m.start >= 2


def abbreviations(text: str, morphs: list[Morpheme], kb: KB, covered: set[int]) -> list[Mention]:
    """북러, 한미일, 러북, 방러, 대북: one mention per country abbreviated."""
    out: list[Mention] = []
    starts = {m.start for m in morphs} | {m.end for m in morphs}
    i, n = 0, len(text)
    while i < n:
        if i in covered or (i > 0 and text[i - 1].isalnum() and text[i - 1] not in "·ㆍ"):
            i += 1
            continue
        j = i
        while j < n and text[j] in _ABBR and j - i < 3:
            j += 1
        prefix = _PREFIXED.get(text[i : i + 2])
        if prefix and (i + 2 in starts or i + 2 == n or not text[i + 2].isalnum()):
            ent = kb.lookup(_ABBR[prefix])
            out.append(_mention(text, i + 1, i + 2, "", "", ent))
            i += 2
            continue
        chars = text[i:j]
        if len(chars) >= 2 and len(set(chars)) == len(chars) and (j in starts or j == n or not text[j].isalnum()):
            if not any(k in covered for k in range(i, j)):
                out.extend(_mention(text, k, k + 1, "", "", kb.lookup(_ABBR[text[k]])) for k in range(i, j))
        i = max(j, i + 1)
    return out


def _word_of(morphs: list[Morpheme], k: int) -> tuple[int, int]:
    """Morpheme indexes [a, b) of the noun run around k (joined by nothing but nouns, no spaces)."""
    a = b = k
    while a > 0 and morphs[a - 1].end == morphs[a].start and morphs[a - 1].tag in _NAME_TAGS:
        a -= 1
    while b + 1 < len(morphs) and morphs[b + 1].start == morphs[b].end and morphs[b + 1].tag in _NAME_TAGS:
        b += 1
    return a, b + 1


def _runs(morphs: list[Morpheme]) -> list[tuple[int, int]]:
    """[start, end) morpheme indexes of each run of nouns written together (홍/NNP 민/NNG → 홍민); a
    one-syllable suffix the morphemes cut off a two-syllable proper noun is the name's last syllable
    (리히/NNP 용/XSN → 리히용), unless it is a suffix of persons or groups (들, 씨, 측)."""
    runs, k = [], 0
    while k < len(morphs):
        if morphs[k].tag not in _NAME_TAGS:
            k += 1
            continue
        a = k
        while k + 1 < len(morphs) and morphs[k + 1].start == morphs[k].end and morphs[k + 1].tag in _NAME_TAGS:
            k += 1
        nxt = morphs[k + 1] if k + 1 < len(morphs) else None
        if (nxt is not None and k == a and morphs[a].tag == "NNP" and len(morphs[a].form) == 2 and nxt.tag == "XSN"
                and nxt.start == morphs[k].end and len(nxt.form) == 1 and is_hangul(nxt.form) and nxt.form not in _PERSON_SUFFIXES):
            k += 1
        elif nxt is not None and nxt.tag == "XSN" and nxt.start == morphs[k].end and nxt.form in _BODY_SUFFIXES:
            k += 1  # 체육/NNG 성/XSN: a ministry's name (체육성), one word
        runs.append((a, k + 1))
        k += 1
    return runs


_NOT_NAMES = frozenset("소속 출신 계열 측근 인사 지도부 원내 정책 공천 비례 주재 신임 전임 후임 초대 현직 전직".split())  # nouns after a party that are no names
_BODY_SUFFIXES = frozenset("성 부 청 국 처".split())
_PERSON_SUFFIXES = frozenset("들 씨 측 님 군 양 등 께 적 간 화 계 별 산".split())


_TITLE_LENGTHS = sorted({len(t) for t in TITLES if len(t) >= 2})


def _is_title(word: str) -> bool:
    """A title, or a word ending in a title of two syllables or more (부대변인, 외교부장관), up to 8 characters."""
    return word in TITLES or (len(word) <= 10 and any(word[-n:] in TITLES for n in _TITLE_LENGTHS if n <= len(word)))


_BODY_WORDS = frozenset("당 중앙위원회 정치국 최고위원회 간부회 상무위원회 비서국 외무성 국방성".split())


def _is_body_word(word: str) -> bool:
    """A word naming the body a title belongs to, between a name and its title (당, 중앙위원회, 정치국)."""
    return word in _BODY_WORDS


_AFFILIATION_ENDS = ("위원회", "대학교", "대학", "연구소", "연구원", "대학원", "정보국", "정보총국", "본부", "사령부", "학", "부", "성",
                     "청", "처", "국", "원", "대", "당", "실", "회", "회의", "센터", "재단", "주", "시", "협회", "통신", "신문", "방송", "작전군", "사령부", "군단",
                     "여단", "사단")


_MISSION_PLACES = frozenset("유엔 한 미 러 북 일 중 영 한국 미국 러시아 북한 일본 중국 영국 우크라이나 제네바 빈".split())


_GAP = re.compile(r"^\s*(?:\(?[A-Za-z0-9·&-]{1,12}\)?\s*)?$")  # between name, body and title: spaces, an acronym "(HUR)", "APEC"
_QUALIFIERS = frozenset("주재 신임 전임 후임 초대 현직 전직 대리 임시 산하 소속".split())  # not 전 or 현: surnames too


def _is_mission(word: str) -> bool:
    """A posting or qualifier between a name and its title (로버트 우드 주유엔 미국 차석대사, 김성 유엔 주재 북한대사,
    가미카와 요코 신임 외무상): 주 + the place, 주재, 신임."""
    return word in _QUALIFIERS or len(word) >= 2 and word[0] == "주" and word[1:] in _MISSION_PLACES


def _is_affiliation(word: str) -> bool:
    """A body, school or field between a name and its title (국방정보국, 스탠퍼드대학, 동아시아학, 체육성), not a title."""
    return _is_body_word(word) or _is_mission(word) or (2 <= len(word) <= 10 and is_hangul(word) and not _is_title(word)
                                   and any(word.endswith(e) and len(word) > len(e) for e in _AFFILIATION_ENDS))


def _korean_name(word: str) -> bool:
    from ingest.enrich.romanise import korean_name

    return 2 <= len(word) <= 3 and korean_name(word) is not None


def titled_people(text: str, morphs: list[Morpheme], kb: KB, mentions: list[Mention], covered: set[int]) -> list[Mention]:
    """Name + title (지노비예프 대사, 김 차관, 박선원 의원, 양무진 북한대학원대 교수) resolved within
    the article, else in the KB, else kept in Hangul."""
    people = _people(mentions, kb)
    index = hangul_surnames(kb)
    ends = {m.start: m.end for m in mentions if m.type != "person"}
    org_ends = {m.end for m in mentions if m.type == "organization"}
    runs = [(morphs[a].start, morphs[b - 1].end, morphs[a].tag) for a, b in _runs(morphs)]

    def title_at(j: int) -> bool:
        """Run j is a title, or a KB place or body written together with one (한국대사, 러시아대사)."""
        a, b = runs[j][0], runs[j][1]
        return _is_title(text[a:b]) or a in ends and ends[a] < b and _is_title(text[ends[a] : b])

    def after_given(k: int, start: int) -> bool:
        """Run k follows a foreign given name written apart (팻/NNP 라이더/NNG: the morphemes take the surname for a noun)."""
        if not k or runs[k - 1][2] != "NNP" or runs[k - 1][1] + 1 != start or text[runs[k - 1][1]] != " ":
            return False
        given = text[runs[k - 1][0] : runs[k - 1][1]]
        return runs[k - 1][0] not in covered and (_given_name(given) or len(given) == 1 and is_hangul(given)
                                                   and given not in _surname_table() and given not in _ABBR)

    out: list[Mention] = []
    for k, (start, end, tag) in enumerate(runs[:-1]):
        name = text[start:end]
        if start in covered or not _hangul_name(name) or _is_title(name) or name in _TITLE_SKIP or name in _PREFIXED or _is_affiliation(name) and not (
                tag == "NNP" and _korean_name(name)):
            continue
        if tag != "NNP" and len(name) > 1 and not (start - 1 in org_ends and _korean_name(name) and name not in _NOT_NAMES) \
                and not (len(name) >= 2 and (after_given(k, start) or _resolve(name, start, people) is not None)):
            continue  # a common noun, unless a Korean name right after a party or body (더불어민주당 허영 의원),
            # a foreign surname after its given name (팻 라이더), or the surname of a person the article has named
        nxt = k + 1
        while nxt < len(runs) and runs[nxt][0] in ends and not title_at(nxt):  # an organisation or place between name and title
            stop = ends[runs[nxt][0]]
            nxt = next((j for j in range(nxt, len(runs)) if runs[j][0] >= stop), len(runs))
        skipped = 0
        while (nxt < len(runs) and skipped < 3 and runs[nxt][0] not in ends and text[runs[nxt - 1][1] : runs[nxt][0]] == " "
               and _is_affiliation(text[runs[nxt][0] : runs[nxt][1]])):
            nxt, skipped = nxt + 1, skipped + 1  # the body of the title: 리히용 당 중앙위원회 정치국 위원, 스탠퍼드대학 동아시아학 교수
            while nxt < len(runs) and runs[nxt][0] in ends and not title_at(nxt):  # and a KB body after it: 체육부 → 러시아 체육부
                stop = ends[runs[nxt][0]]
                nxt = next((j for j in range(nxt, len(runs)) if runs[j][0] >= stop), len(runs))
        if nxt >= len(runs) or not _GAP.match(text[end : runs[nxt][0]]) and nxt == k + 1:
            continue
        if not title_at(nxt):
            continue
        if any(not _GAP.match(text[runs[j][1] : runs[j + 1][0]]) for j in range(k, nxt)):
            continue  # only spaces between name, body and title: "남북한, 몽골을 맡는 제1아주국장" is no name + title
        joined = after_given(k, start) and (len(name) >= 2 or name not in _surname_table())  # 사브리나 싱: Sabrina Singh
        if joined:
            start, name = runs[k - 1][0], text[runs[k - 1][0] : end]  # 안드레이 클리모프: a foreign given name before it
        person = _resolve(name, start, people)
        if person is not None:
            out.append(_mention(text, start, end, person.name, "person", person.kb))
            continue
        found = index.get(name, [])
        if not found and " " in name:  # 안토니우 구테흐스: one noun to the morphemes, so the KB's 구테흐스 was not matched
            whole = kb.lookup(name) or kb.lookup(name.split()[-1])
            found = [whole] if whole is not None and whole.type == "person" else []
        if len(found) == 1 and len(name) > 1:
            out.append(_mention(text, start, end, "", "", found[0]))
        elif 2 <= len(name) <= 4 or len(name) >= 5 and (tag == "NNP" or joined):
            out.append(_mention(text, start, end, name, "person"))
            surnames = ({name, name.split()[0] if _japanese(name) else name.split()[-1]} if " " in name
                        else {name[0]} if len(name) <= 4 else {name})  # 마쓰노 히로카즈 … 마쓰노 장관
            people.append(KoPerson(name, surnames, start, None))
    return out


def _japanese(name: str) -> bool:
    from ingest.enrich.romanise import japanese_name

    return japanese_name(name) is not None


def _surname_table() -> dict:
    from ingest.enrich.romanise import _data

    return _data().get("korean_surnames") or {}


def _given_name(word: str) -> bool:
    """A foreign given name written in Hangul before a surname (안드레이, 세르게이): two to five syllables (올렉산드르),
    not a title, and not a Korean name itself."""
    from ingest.enrich.romanise import korean_name

    return is_hangul(word) and 2 <= len(word) <= 5 and not _is_title(word) and (len(word) >= 3 or korean_name(word) is None)


def _people(mentions: list[Mention], kb: KB) -> list[KoPerson]:
    out = []
    for m in mentions:
        ent = kb.lookup(m.name) if m.type == "person" else None
        if ent is not None:
            surnames = {s for a in ent.aliases for s in _surnames(a, ent.family_first)} | {m.surface}
            out.append(KoPerson(ent.name, surnames, m.start, ent))
    return out


def _resolve(surname: str, pos: int, people: list[KoPerson]) -> KoPerson | None:
    fits = [p for p in people if surname in p.surnames]
    before = [p for p in fits if p.pos < pos]
    if before:
        return max(before, key=lambda p: p.pos)
    after = [p for p in fits if p.pos > pos]
    return min(after, key=lambda p: p.pos) if after else None


def typed_unknowns(text: str, morphs: list[Morpheme], covered: set[int], persons: frozenset[str] = frozenset()) -> list[Mention]:
    """Proper nouns the KB does not know whose suffix tells the type (…통신 → organisation, …공항 → place);
    a name the article gives a person elsewhere (유용원 의원 … 유용원) is not one of them."""
    out = []
    k = 0
    while k < len(morphs):
        m = morphs[k]
        if m.tag != "NNP" or m.start in covered or not is_hangul(m.form):
            k += 1
            continue
        a, b = _word_of(morphs, k)
        start, end = morphs[a].start, morphs[b - 1].end
        word = text[start:end]
        etype = _suffix_type(word, morphs[a:b])
        if etype and word not in persons and not any(i in covered for i in range(start, end)) \
                and not re.match(r"\s*(?:기자|특파원|앵커|아나운서)", text[end : end + 6]):  # 김지원 기자: a reporter
            out.append(_mention(text, start, end, word, etype))
        k = b
    return out


def _suffix_type(word: str, run: list[Morpheme]) -> str | None:
    if len(word) < 3 or run[0].tag != "NNP":
        return None
    for suffix in ORG_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 2:
            return "organization"
    for suffix in PLACE_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 2:
            return "location"
    return None


def ko_mentions(text: str, kb: KB) -> list[Mention]:
    """Every linked mention of a Korean article (title and body), in text order."""
    clean = mask(text, "ko")
    morphs = morphemes(clean)
    mentions = kb_matches(clean, morphs, kb)
    covered = {i for m in mentions for i in range(m.start, m.end)}
    mentions += abbreviations(clean, morphs, kb, covered)
    mentions.sort(key=lambda m: m.start)
    covered = {i for m in mentions for i in range(m.start, m.end)}
    mentions += titled_people(clean, morphs, kb, mentions, covered)
    covered = {i for m in mentions for i in range(m.start, m.end)}
    mentions += typed_unknowns(clean, morphs, covered, frozenset(m.surface for m in mentions if m.type == "person"))
    mentions.sort(key=lambda m: m.start)
    return _parenthesised_acronyms(clean, mentions)


def _parenthesised_acronyms(text: str, mentions: list[Mention]) -> list[Mention]:
    """국가안전보장회의(NSC): an acronym in parentheses right after a body's name is that body's, whichever body
    the acronym alone would name (the US council)."""
    from dataclasses import replace

    out = list(mentions)
    for k in range(1, len(out)):
        prev, m = out[k - 1], out[k]
        if prev.type == "organization" and m.type == "organization" and m.name != prev.name \
                and text[prev.end : m.start] in ("(", "") and text[m.start - 1 : m.start] == "(" \
                and text[m.end : m.end + 1] == ")" and m.surface.isascii():
            out[k] = replace(m, name=prev.name, wikidata=prev.wikidata, in_kb=prev.in_kb)
    return out
