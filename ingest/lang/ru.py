"""Russian morphology with pymorphy3: lemmas of inflected words (Лаврова → лавров, Курской → курский)."""

from __future__ import annotations

import re
from functools import lru_cache

_WORD = re.compile(r"[А-Яа-яЁё]+(?:-[А-Яа-яЁё]+)*")


@lru_cache(maxsize=1)
def morph():
    """The analyser, loaded once per process (its dictionaries ship in pymorphy3-dicts-ru)."""
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


@lru_cache(maxsize=65536)
def lemmas(word: str) -> tuple[str, ...]:
    """Every dictionary form the word can have, most likely first (lower-case, ё as е)."""
    seen: dict[str, None] = {}
    for parse in morph().parse(word):
        seen.setdefault(parse.normal_form.replace("ё", "е"), None)
    return tuple(seen) or (word.lower().replace("ё", "е"),)


def lemma(word: str) -> str:
    return lemmas(word)[0]


def has_cyrillic(text: str | None) -> bool:
    return bool(text) and _WORD.search(text or "") is not None


def words(text: str) -> list[tuple[str, int, int]]:
    """Cyrillic words with their offsets."""
    return [(m.group(), m.start(), m.end()) for m in _WORD.finditer(text)]
