"""Knowledge-base entities named in a search query, in any script or inflected form.

``Zinoviev``, ``Georgy Zinoviev``, ``Зиновьев``, ``Зиновьева`` and ``지노비예프는``
all name Georgy Zinoviev. A word sequence names an entity when, as typed, as
Russian lemmas (:mod:`ingest.lang.ru`) or without Korean particles
(:mod:`ingest.lang.ko`), it is one of the entity's aliases in the KB, or, for a
person, the surname of one of them that no other person shares. Longest
sequences win. :mod:`ingest.search` then also matches the articles tagged with
the entity's canonical name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator

from ingest.enrich.kb import KB, KBEntity, alias_key, get_kb, surname_of
from ingest.lang import ko, ru

MAX_WORDS = 4  # the longest alias looked for, in words
MIN_SURNAME = 3  # shorter non-Latin surnames (김, Ли) name too many people
_CYRILLIC = re.compile(r"[А-Яа-яЁё]")


@dataclass(frozen=True)
class Named:
    entity: KBEntity
    start: int  # index of the first word
    end: int  # one past the last word


def _lemma_key(words: list[str]) -> str:
    return alias_key(" ".join(ru.lemma(w) for w in words))


class _Index:
    """The KB's aliases and surnames keyed by Russian lemmas, and the non-Latin surnames."""

    def __init__(self, kb: KB) -> None:
        self.kb = kb
        self.surnames: dict[str, set[KBEntity]] = {}
        self._lemmas: dict[str, KBEntity] | None = None
        for ent in kb.entities:
            if ent.type != "person":
                continue
            for alias in ent.aliases:
                words = alias.split()
                if alias.isascii() or len(words) < 2:
                    continue
                surname = surname_of(alias, ent.family_first)
                if len(surname) >= MIN_SURNAME:
                    self.surnames.setdefault(alias_key(surname), set()).add(ent)

    @property
    def lemmas(self) -> dict[str, KBEntity]:
        """Cyrillic aliases and surnames by their lemmas (built on the first Russian query)."""
        if self._lemmas is None:
            self._lemmas = {}
            for ent in self.kb.entities:
                for alias in (ent.name, *ent.aliases):
                    if _CYRILLIC.search(alias):
                        self._lemmas.setdefault(_lemma_key(alias.split()), ent)
            for key, ents in list(self.surnames.items()):
                if len(ents) == 1:
                    self._lemmas.setdefault(_lemma_key([key]), next(iter(ents)))
        return self._lemmas

    def surname(self, word: str) -> KBEntity | None:
        found = self.surnames.get(alias_key(word)) or set()
        return next(iter(found)) if len(found) == 1 else self.kb.by_surname_unique(word)

    def lookup(self, words: list[str]) -> KBEntity | None:
        text = " ".join(words)
        # the words as typed first: an exact alias needs no Korean analysis (Kiwi loads only when it is wanted)
        stemmed = (lambda: " ".join(ko.stem(w, query=True) for w in words)) if ko.has_hangul(text) else (lambda: text)
        for variant in _first_then(text, stemmed):
            ent = self.kb.lookup(variant)
            if ent is not None and _spelled(self.kb, variant):
                return ent
            if len(words) == 1 and (ent := self.surname(variant)) is not None:
                return ent
        if _CYRILLIC.search(text):
            keys = [alias_key(lemma) for lemma in ru.lemmas(words[0])] if len(words) == 1 else [_lemma_key(words)]
            for key in keys:
                if key in self.lemmas:
                    return self.lemmas[key]
        return None


def _first_then(first: str, then) -> "Iterator[str]":
    yield first
    second = then()
    if second != first:
        yield second


def _spelled(kb: KB, text: str) -> bool:
    """Short all-capital aliases (US, UN) count only as spelled in the KB: "us" is not the United States."""
    exact = kb.strict.get(alias_key(text))
    return exact is None or text in exact


@lru_cache(maxsize=4)
def _index(kb_id: int) -> _Index:
    return _Index(get_kb())


def named_entities(words: list[str], kb: KB | None = None) -> list[Named]:
    """The KB entities these query words name, longest sequences first, without overlaps."""
    index = _index(id(get_kb())) if kb is None else _Index(kb)
    found: list[Named] = []
    i = 0
    while i < len(words):
        for n in range(min(MAX_WORDS, len(words) - i), 0, -1):
            ent = index.lookup(words[i : i + n])
            if ent is not None:
                found.append(Named(ent, i, i + n))
                i += n
                break
        else:
            i += 1
    return found
