"""Titles without names, resolved to the office holder on the article's date (``kb/offices.yaml``).

An article's date is the first full date its text prints (a dateline, a byline
line, a "송고" stamp); its country context is the dateline's city, else the
language's home country (Korean → South Korea, Russian → Russia). A title with a
country word in front of it ("Russia's ambassador", "러시아 외무장관", "глава МИД КНДР")
takes that country; a bare one the context's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from ingest.resources import load_yaml, path as resource_path

OFFICES_FILE = resource_path("kb") / "offices.yaml"

_MONTHS_EN = {m: i + 1 for i, m in enumerate(["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"])}
_MONTHS_RU = {m: i + 1 for i, m in enumerate(["январ", "феврал", "март", "апрел", "ма", "июн", "июл", "август", "сентябр", "октябр", "ноябр", "декабр"])}
_MONTHS_RU_SHORT = {"янв": 1, "фев": 2, "мар": 3, "апр": 4, "май": 5, "мая": 5, "июн": 6, "июл": 7, "авг": 8, "сен": 9, "окт": 10, "ноя": 11, "дек": 12}
_ISO = re.compile(r"\b(20\d\d)[-./](\d\d?)[-./](\d\d?)\b")
_DMY = re.compile(r"\b(\d\d?)\.(\d\d)\.(20\d\d)\b")
_KO = re.compile(r"(20\d\d)년\s*(\d\d?)월\s*(\d\d?)일")
_EN_MDY = re.compile(r"\b([A-Z][a-z]{2,8})\.? (\d\d?), (20\d\d)\b")
_EN_DMY = re.compile(r"\b(\d\d?) ([A-Z][a-z]{2,8})\.?,? (20\d\d)\b")
_RU_DMY = re.compile(r"\b(\d\d?) ([а-яё]{3,9}) (20\d\d)\b")


def _safe(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def article_date(text: str) -> date | None:
    """The first full date the text prints where datelines, bylines and stamps stand (its first
    and last 400 characters), or None: a date in the story is not the article's."""
    if len(text) > 800:
        text = text[:400] + "\n" * 5 + text[-400:]
    found: list[tuple[int, date]] = []
    for rx, order in ((_ISO, "ymd"), (_KO, "ymd"), (_DMY, "dmy")):
        for m in rx.finditer(text):
            y, mo, d = (m.group(1), m.group(2), m.group(3)) if order == "ymd" else (m.group(3), m.group(2), m.group(1))
            if (dt := _safe(int(y), int(mo), int(d))) is not None:
                found.append((m.start(), dt))
    for m in _EN_MDY.finditer(text):
        if (mo := _MONTHS_EN.get(m.group(1)[:3].lower())) and (dt := _safe(int(m.group(3)), mo, int(m.group(2)))):
            found.append((m.start(), dt))
    for m in _EN_DMY.finditer(text):
        if (mo := _MONTHS_EN.get(m.group(2)[:3].lower())) and (dt := _safe(int(m.group(3)), mo, int(m.group(1)))):
            found.append((m.start(), dt))
    for m in _RU_DMY.finditer(text):
        word = m.group(2)
        mo = _MONTHS_RU_SHORT.get(word) or next((n for stem, n in _MONTHS_RU.items() if word.startswith(stem) and len(stem) > 2), None)
        if word in ("мая", "май"):
            mo = 5
        if mo and (dt := _safe(int(m.group(3)), mo, int(m.group(1)))):
            found.append((m.start(), dt))
    return min(found)[1] if found else None


@dataclass(frozen=True)
class Office:
    id: str
    titles: dict[str, tuple[str, ...]]
    holders: dict[str, tuple[tuple[str, date, date | None], ...]]
    unnamed_is_body: tuple[str, ...] = ()  # languages in which the title without a name is the body's voice


@lru_cache(maxsize=1)
def load() -> tuple[dict, tuple[Office, ...]]:
    raw = load_yaml(OFFICES_FILE.read_text(encoding="utf-8")) or {}
    offices = []
    for o in raw.get("offices") or []:
        holders = {c: tuple((h["name"], h["from"], h.get("to")) for h in hs) for c, hs in (o.get("holders") or {}).items()}
        offices.append(Office(o["id"], {k: tuple(v) for k, v in (o.get("titles") or {}).items()}, holders,
                              tuple(o.get("unnamed_is_body") or ())))
    return raw, tuple(offices)


@lru_cache(maxsize=1)
def _held_by() -> dict[str, frozenset[str]]:
    out: dict[str, set[str]] = {}
    for office in load()[1]:
        for country, held in office.holders.items():
            for name, *_ in held:
                out.setdefault(name, set()).add(country)
    return {k: frozenset(v) for k, v in out.items()}


def countries_of(name: str) -> frozenset[str]:
    """The countries whose offices (offices.yaml) this person has held: Sergei Lavrov → {RU}."""
    return _held_by().get(name, frozenset())


def country_in(phrase: str, language: str = "en") -> str | None:
    """The country a phrase's nationality word names ("the Russian minister" → RU), else None."""
    low = phrase.lower()
    best, size = None, 0
    for country, words in (load()[0].get("countries") or {}).items():
        for w in words.get(language, ()):
            if len(w) > size and re.search(rf"(?<!\w){re.escape(w)}\b", low):
                best, size = country, len(w)  # the longest word: "north korean", not the "korean" inside it
    return best


def holder(office_id: str, country: str, on: date | None) -> str | None:
    """Who held the office in that country on that date (None with no holder then); without a date,
    only a ministry (one holder ever) resolves."""
    for office in load()[1]:
        if office.id == office_id:
            if on is None:  # a ministry stays itself; a person's office needs the date
                held = office.holders.get(country, ())
                return held[0][0] if len(held) == 1 and office_id.endswith("_ministry") else None
            for name, start, end in office.holders.get(country, ()):
                if start <= on and (end is None or on <= end):
                    return name
    return None


def context_country(text: str, language: str | None) -> str | None:
    """The dateline's country (its first city in capitals), else the language's home country, else
    (English with no dateline of the list: a Kuala Lumpur dateline, a Korea Herald interview) the
    country whose capital the text names most often, if one leads by at least two."""
    raw = load()[0]
    head = text[:600]
    for city, country in (raw.get("dateline_country") or {}).items():
        if re.search(rf"(?:^|\n|\(){re.escape(city)}\b", head):
            return country
    home = (raw.get("default_country") or {}).get(language or "")
    if home is not None:
        return home
    counts = sorted(((len(re.findall(rf"\b{re.escape(city)}\b", text)), country)
                     for city, country in (raw.get("capital_country") or {}).items()), reverse=True)
    if counts and counts[0][0] >= 2 and counts[0][0] - (counts[1][0] if len(counts) > 1 else 0) >= 2:
        return counts[0][1]
    return None


def _country_before(text: str, start: int, language: str) -> str | None:
    """The country word just before a title, within its sentence; in English and Korean right before it
    ("Russia's foreign minister", "the Russian president", "러시아 대통령"), not a word further back
    ("Moscow's criticism of the president")."""
    window = text[max(0, start - 24) : start].lower()
    cut = max(window.rfind("\n"), window.rfind(". "))
    window = window[cut + 1 :] if cut >= 0 else window
    if language in ("en", "ko"):
        window = re.sub(r"(?:\s+the|의|가|이|과|와)?\s*$", "", window)  # 러시아의 대통령, 북한과 러시아가 외교장관 회담
        window = window[max(0, len(window) - 16) :] if language == "ko" else window
    raw = load()[0]
    best: tuple[int, str] | None = None
    for country, words in (raw.get("countries") or {}).items():
        for w in words.get(language, ()):
            tail = r"\b" if language == "en" else ""
            end = r"\s*$" if language in ("en", "ko") else ""
            for m in re.finditer(rf"(?<!\w){re.escape(w)}{tail}{end}", window):
                if best is None or m.start() > best[0]:
                    best = (m.start(), country)
    return best[1] if best else None


def _country_after(text: str, end: int, language: str) -> str | None:
    window = text[end : end + 20].lower()
    raw = load()[0]
    for country, words in (raw.get("countries") or {}).items():
        for w in words.get(language, ()):
            if re.match(rf"\s*{re.escape(w)}\b", window):
                return country
    return None


OTHER = "other"  # the country of a title that is none of the data's countries (Ukraine's president)


def _other_country(text: str, start: int, end: int, language: str) -> bool:
    words = (load()[0].get("other_countries") or {}).get(language, ())
    before, after = text[max(0, start - 24) : start].lower(), text[end : end + 20].lower()
    before = re.sub(r"(?:\s+the|의)?\s*$", "", before)
    return any(re.search(rf"(?<!\w){re.escape(w)}\w*$", before) or re.match(rf"\s*{re.escape(w)}", after) for w in words)


def titles_in(text: str, language: str) -> list[tuple[int, int, str, str]]:
    """(start, end, office id, country) of each title phrase, longest first where they overlap; the
    country from the phrase's own words, else None (the caller supplies the context's)."""
    lang = language if language in ("ko", "ru") else "en"
    low = text.lower()
    hits: list[tuple[int, int, str, str | None]] = []
    raw = load()[0]
    not_holder = re.compile(r"(?:" + "|".join(raw.get("not_the_holder", {}).get(lang, ["$^"])) + r")\s*$", re.IGNORECASE)
    for office in load()[1]:
        for phrase in office.titles.get(lang, ()):
            for m in re.finditer(rf"(?<![\w]){re.escape(phrase)}", low):
                if not_holder.search(low, max(0, m.start() - 16), m.start()):
                    continue  # "vice foreign minister", "бывший министр", "전 외교부 장관": not the holder
                if lang == "ko" and low[m.end() : m.end() + 1] == "관":
                    continue  # 러시아대사관: the embassy, not its ambassador
                if lang == "en" and re.match(r"s\b|s'|'s\s+(?:talks|meeting)", low[m.end() : m.end() + 12]):
                    continue  # "the foreign ministers' talks": several holders, no one of them
                country = country_in(text[m.start() : m.end()], lang)
                if country is None and lang == "ru":  # the country after the title: "Президент Украины", "посол России"
                    country = _country_after(text, m.end(), lang) or (OTHER if _other_country(text, m.end(), m.end(), lang) else None)
                country = country or _country_before(text, m.start(), lang)
                if country is None and _other_country(text, m.start(), m.end(), lang):
                    country = OTHER  # "Ukraine's president": an office of a country the data does not hold
                hits.append((m.start(), m.end(), office.id, country))
    hits.sort(key=lambda h: (h[0], -(h[1] - h[0])))
    out, last_end = [], -1
    for h in hits:
        if h[0] >= last_end:
            out.append(h)
            last_end = h[1]
    return out


_KO_POSTING = re.compile(r"^\s+(?:(?:주유엔|유엔|주재|신임|전임|현|전|주한|주러|주북|주미)\s+){1,3}$")
_KO_UN_POST = re.compile(r"(?:주유엔|유엔\s*주재)\s*$")


def title_mentions(text: str, language: str | None, mentions: list, kb, on: date | None = None) -> list:
    """A Mention of the holder for each title that stands without a name beside it, on the article's
    day ``on``, else a date the text prints."""
    from ingest.enrich.link import Mention

    on = on or article_date(text)  # None: only offices of one holder ever resolve (see holder)
    home = context_country(text, language)
    people = [m for m in mentions if m.type == "person"]
    covered = [(m.start, m.end) for m in mentions]
    out = []
    named: dict[str, tuple[str | None, str]] = {}  # office → (country, person) last named beside its title
    first_body: dict[str, tuple[int, object]] = {}  # office family → the first holder resolved in the body
    office_of: dict[int, str] = {}
    headline = text.find("\n") if "\n" in text else 0
    for start, end, office_id, country in titles_in(text, language or "en"):
        beside = [m for m in people if m.end <= start and start - m.end <= 2 or m.start >= end and m.start - end <= 2] or [
            m for m in people
            if m.start >= end and m.start - end <= 40 and not re.search(r"[.!?\n]", text[end : m.start]) and "," in text[end : m.start]
        ]
        if not beside and language == "ko":  # 바실리 네벤자 주유엔 러시아 대사: a posting between name and title
            beside = [m for m in people if m.end <= start and _KO_POSTING.match(text[m.end : start])]
        family = _family(office_id)
        office_of[start] = office_id
        if language == "ko" and not beside and _KO_UN_POST.search(text[max(0, start - 8) : start]):
            continue  # 주유엔 러시아 대사: the envoy at the UN, not the one in Seoul the title alone would name
        if beside:  # "Foreign Minister Cho Hyun", "조현 외교부 장관": the name is there
            named[family] = (country, beside[0].name)
            if start > headline and kb.lookup(beside[0].name) is not None:
                first_body.setdefault(family, (start, kb.lookup(beside[0].name)))
            continue
        if country is None and language in (None, "en") and re.search(r"\b[Ii]ts\s+$", text[max(0, start - 6) : start]):
            country = _latest_country(text, mentions, start)  # "North Korea defended … its foreign ministry said": North Korea's
        if country is None and family in named:
            # a bare title after the same office named with a person or a country: that one ("Foreign Minister Cho
            # Hyun … The foreign minister told Lavrov", "Президент Украины Зеленский … По словам президента")
            country, person = named[family]
            if country != OTHER and kb.lookup(person) is not None:
                ent = kb.lookup(person)
                out.append(Mention(start, end, ent.name, ent.type, ent.wikidata, False, True, ent.gender, text[start:end]))
                continue
        if country == OTHER:
            named[family] = (OTHER, "")
            continue
        office = next(o for o in load()[1] if o.id == office_id)
        if (language or "en") in office.unnamed_is_body:
            continue  # VOA's "국무부 대변인은 … 논평 요청에": an unnamed spokesperson answers for the body
        if any(a < end and start < b and not (a >= start and b <= end) for a, b in covered):
            continue
        if country is None:  # "In Seoul, the Foreign Ministry ...": a capital just before names the country
            near = text[max(0, start - 40) : start]
            for city, c in (load()[0].get("dateline_country") or {}).items():
                if re.search(rf"\b(?:In|В|в) {re.escape(city.title())},?\s*(?:the\s+)?$", near):
                    country = c
        if country is None and len(office.holders) == 1:
            country = next(iter(office.holders))  # an office only one country has (Russia's ambassador in Seoul)
        name = holder(office_id, country or home or "", on)
        ent = kb.lookup(name) if name else None
        if ent is None:
            continue
        out.append(Mention(start, end, ent.name, ent.type, ent.wikidata, False, True, ent.gender, text[start:end]))
        if ent.type == "person":
            named[family] = (country, ent.name)
            if start > headline:
                first_body.setdefault(family, (start, ent))
    # a title in the headline is the person the story's body gives that office ("Russian envoy's remarks" →
    # the ambassador to North Korea the story is about), when the body names one
    for k, m in enumerate(out):
        hit = first_body.get(_family(office_of.get(m.start, "")))
        if m.start < headline and hit is not None and hit[1].name != m.name:
            ent = hit[1]
            out[k] = Mention(m.start, m.end, ent.name, ent.type, ent.wikidata, False, True, ent.gender, m.surface)
    return out


def _latest_country(text: str, mentions: list, pos: int) -> str | None:
    """The data's country of the latest country named before pos (country_names in offices.yaml)."""
    from ingest.enrich.quotes import find_quoted

    names = load()[0].get("country_names") or {}
    inside = [(q.start, q.end) for q in find_quoted(text)]
    before = [m for m in mentions if m.end <= pos and m.type == "location" and m.name in names
              and not any(a <= m.start < b for a, b in inside)]  # not a country inside a quotation
    return names[before[-1].name] if before else None


def _family(office_id: str) -> str:
    """Offices a bare title may stand for: "the ambassador" after "Russia's ambassador to North Korea" is that one."""
    return "ambassador" if "ambassador" in office_id else office_id
