"""Precision filters as data (``kb/filters.yaml``): common nouns, vessel names, bylines, words cut
at a text's end, headline fragments, and types a mention cannot have; a bare "Корея" is the
Korea the article names. KB matches are kept unless the type is impossible."""

from __future__ import annotations

import re
from functools import lru_cache

from ingest.resources import load_yaml, path as resource_path


@lru_cache(maxsize=1)
def _data() -> dict:
    return load_yaml((resource_path("kb") / "filters.yaml").read_text(encoding="utf-8")) or {}


def _lang(language: str | None) -> str:
    return language if language in ("ko", "ru") else "en"


def is_vessel(text: str, start: int, end: int, language: str | None) -> bool:
    """'the Lady R' (a name and one capital letter), or a name just after a ship word ('the ship, the Angara')."""
    if re.match(r" [A-Z]\b(?!\.)", text[end : end + 3]) and not re.match(r" [A-Z]\.", text[end : end + 3]):
        return True
    before = text[max(0, start - 30) : start].lower()
    for cue in _data().get("vessel_cues", {}).get(_lang(language), ()):
        # "the ship, the Angara", "cargo ships such as the Angara", "the vessels Angara and"
        if re.search(rf"\b{re.escape(cue)}s?\b[\s,«\"“]*(?:(?:such as|including|like|named|called)\s+)?(?:the\s+)?$", before):
            return True
    return False


def _byline(text: str, m) -> bool:
    line_start = text.rfind("\n", 0, m.start) + 1
    line_end = text.find("\n", m.end)
    line = text[line_start : line_end if line_end >= 0 else len(text)].strip()
    return line in (m.surface or text[m.start : m.end], f"By {m.surface}") and text.count(m.surface or text[m.start:m.end]) == 1


def _own_line(text: str, m) -> bool:
    line_start = text.rfind("\n", 0, m.start) + 1
    line_end = text.find("\n", m.end)
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    return line_start > 0 and not line.replace(text[m.start : m.end], "").strip(" «»\"“”'()[]")


def keep(text: str, m, language: str | None) -> bool:
    common = _data().get("common", {}).get(_lang(language), {})
    surface = m.surface or text[m.start : m.end]
    words = surface.split()
    if len(words) == 1 and surface.lower() in common.get(m.type, ()):
        return False
    if m.type == "person" and is_vessel(text, m.start, m.end, language):
        return False
    if m.type == "organization" and _own_line(text, m) and not re.match(r"\n\s*[\"“«]", text[m.end : m.end + 4]):
        return False  # an outlet's name on a line of its own («Новая газета Европа»): a source line, unless it
        # captions the quote under it (조선중앙TV / "…")
    if m.in_kb:
        return True
    if m.type in ("location", "organization", "person") and is_vessel(text, m.start, m.end, language):
        return False
    if len(words) > 1 and words[-1] in _data().get("holidays", {}).get(_lang(language), ()):
        return False  # "Defender of the Fatherland Day": a holiday
    if m.type in ("organization", "person") and _title_only(words, language):
        return False  # "Russian Presidential Spokesman": a title, not a name
    if m.type == "person" and _byline(text, m):
        return False
    if m.end >= len(text.rstrip()) - 1 and len(words[-1]) <= 3:
        return False  # a word cut at the text's end ("North Ko")
    if language == "ru" and surface[:1].islower():
        return False  # "мемориального музея": a common noun phrase, not a name
    return True


_NATIONALITY = re.compile(r"^[A-Z][a-z]+(?:ian|ean|ese|ish|an)$")


def _title_only(words: list[str], language: str | None) -> bool:
    titles = set(_data().get("title_words", {}).get(_lang(language), ()))
    if len(words) < 2 or not titles:
        return False
    rest = words[1:] if _NATIONALITY.match(words[0]) else words
    return all(w.lower() in titles for w in rest)


def headline_fragment(text: str, m, language: str | None) -> bool:
    """A name the KB does not know, in the headline, holding a headline verb ("Seoul Voices Concerns")."""
    end = text.find("\n")
    if m.in_kb or end < 0 or m.start >= end:
        return False
    verbs = set(_data().get("headline_verbs", {}).get(_lang(language), ()))
    words = re.findall(r"[\w'-]+", (m.surface or text[m.start : m.end]).lower())
    return len(words) > 1 and any(w in verbs for w in words)


def bare_country(mentions: list, language: str | None) -> list:
    """A bare "Корея" is the one of its candidates (South Korea, North Korea) named elsewhere in the
    article, when exactly one is; else it is left as it is."""
    from dataclasses import replace

    rules = _data().get("bare_country", {}).get(_lang(language), {})
    if not rules:
        return mentions
    named = {m.name for m in mentions}
    out = []
    for m in mentions:
        candidates = rules.get(m.surface or m.name) if not m.in_kb else None
        if candidates:
            present = [c for c in candidates if c in named]
            if len(present) == 1:
                m = replace(m, name=present[0])
        out.append(m)
    return out


def openers(mentions: list, language: str | None) -> list:
    """A name the KB lacks whose first word only opens the sentence ("Recalling Choe", "Heroic KPA"): the KB
    name after that word, else no name at all."""
    from dataclasses import replace

    from ingest.enrich.kb import get_kb

    words = set(_data().get("openers", {}).get(_lang(language), ()))
    if not words:
        return mentions
    out = []
    for m in mentions:
        parts = (m.surface or m.name).split()
        if not m.in_kb and len(parts) > 1 and parts[0].lower() in words:
            rest = re.sub(r"['’]s$", "", " ".join(parts[1:]))
            ent = get_kb().lookup(rest)
            if ent is None:
                continue
            m = replace(m, start=m.end - len(" ".join(parts[1:])), name=ent.name, type=ent.type, wikidata=ent.wikidata,
                        in_kb=True, gender=ent.gender, surface=" ".join(parts[1:]))
        out.append(m)
    return out


def abroad_bodies(text: str, mentions: list, language: str | None) -> list:
    """In a report filed abroad (워싱턴=…), a bare 국방부 after 미 국방부 is the Pentagon, not Seoul's ministry."""
    from dataclasses import replace

    cities = _data().get("abroad_datelines", {}).get(_lang(language), ())
    head = text[:600]
    if not cities or not re.search(r"(?:" + "|".join(map(re.escape, cities)) + r")\s*=", head):
        return mentions
    out, qualified = [], {}
    for m in sorted(mentions, key=lambda m: m.start):
        surface = (m.surface or "").replace(" ", "")
        for bare, (name, ent) in qualified.items():
            if m.type == "organization" and surface == bare and m.name != name:
                m = replace(m, name=name, wikidata=ent)
        if m.type == "organization" and m.in_kb:
            for bare in _data().get("abroad_bodies", {}).get(_lang(language), ()):
                if surface.endswith(bare) and surface != bare:
                    qualified[bare] = (m.name, m.wikidata)
        out.append(m)
    return out


def apply(text: str, mentions: list, language: str | None) -> list:
    """The mentions kept; a name written once as a ship's is a ship's everywhere in the text."""
    ships = {m.name for m in mentions if not m.in_kb and is_vessel(text, m.start, m.end, language)}
    mentions = openers(mentions, language)
    fragments = {m.name for m in mentions if headline_fragment(text, m, language)}
    kept = [m for m in mentions if m.name not in ships and keep(text, m, language) and not headline_fragment(text, m, language)]
    if fragments:  # "Kim" resolved to the headline's "Putin Meet Kim": the article's one other person of that name
        from dataclasses import replace

        out = []
        for m in kept:
            if m.name in fragments:
                fits = {x.name: x for x in kept if x.type == m.type and x.name not in fragments and m.surface in x.name.split()}
                if len(fits) != 1:
                    continue
                x = next(iter(fits.values()))
                m = replace(m, name=x.name, wikidata=x.wikidata, in_kb=x.in_kb, gender=x.gender)
            out.append(m)
        kept = out
    return by_context(bare_country(abroad_bodies(text, kept, language), language))


def by_context(mentions: list) -> list:
    """A body named without its place is the one the article's places point to: the KB's bare "Russian
    Embassy" is the one in Seoul, but in an article naming North Korea and neither South Korea nor Seoul
    it is the one in Pyongyang (``context_entity`` in ``kb/filters.yaml``)."""
    from dataclasses import replace

    named = {m.name for m in mentions}
    for rule in _data().get("context_entity", ()):
        if rule["name"] in named and named & set(rule["when"]) and not named & set(rule.get("unless", ())):
            mentions = [replace(m, name=rule["becomes"], wikidata=None) if m.name == rule["name"] else m for m in mentions]
    return mentions
