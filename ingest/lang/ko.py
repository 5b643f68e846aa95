"""Korean morphology with kiwipiepy: morphemes, content terms for search, bare nouns for linking.

The same :func:`search_terms` runs at index time (a field of analysed text)
and at query time, so ``파병`` finds ``파병한`` on a server without a Korean
analyser.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from functools import lru_cache

# Content morphemes: nouns, verb and adjective stems, roots, foreign words, Hanja, numbers.
CONTENT_TAGS = frozenset({"NNG", "NNP", "NNB", "NR", "VV", "VA", "XR", "SL", "SH", "SN", "MAG"})
_lock = threading.Lock()


@dataclass(frozen=True)
class Morpheme:
    form: str
    tag: str
    start: int
    end: int


@lru_cache(maxsize=1)
def kiwi():
    """The analyser, loaded once per process (about 3 s, 300 MB)."""
    from kiwipiepy import Kiwi

    return Kiwi()


@lru_cache(maxsize=1)
def query_kiwi():
    """The analyser for a search box's few words: without the multi-word dictionary (``multi.dict``,
    proper nouns of several words such as "세르게이 쇼이구"), which is most of the load time (3.5 s →
    1.3 s on two cores).

    Its morphemes, split on whitespace as the index's Korean fields are, equal the full
    analyser's on 403 of 404 Korean lines of the fixtures and gold; a query also matches
    the words as typed, so the rare compound it splits differently is still found.
    """
    from kiwipiepy import Kiwi

    return Kiwi(load_multi_dict=False)


def morphemes(text: str, *, query: bool = False) -> list[Morpheme]:
    """Morphemes of ``text``; ``query=True`` with :func:`query_kiwi` (search words, not documents)."""
    if not text.strip():
        return []
    with _lock:  # one analyser per process; tokenize is not documented as thread-safe
        tokens = (query_kiwi() if query else kiwi()).tokenize(text)
    return [Morpheme(t.form, t.tag.split("-")[0], t.start, t.start + t.len) for t in tokens]


def search_terms(text: str, *, query: bool = False) -> list[str]:
    """The words search should match on: content morphemes, lower-cased, particles and endings left out."""
    return [m.form.lower() for m in morphemes(text, query=query) if m.tag in CONTENT_TAGS]


def search_text(text: str, *, query: bool = False) -> str:
    """:func:`search_terms` as one string, for an index field analysed by whitespace."""
    return " ".join(search_terms(text, query=query))


_HANGUL = re.compile(r"[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]")
# Morphemes that end a word's stem: particles (J*), endings (E*), the copula (VCP), suffixes (XS*).
_STEM_ENDS = ("J", "E", "VCP", "XS")


def has_hangul(text: str | None) -> bool:
    return bool(text) and bool(_HANGUL.search(text or ""))


def index_text(text: str | None) -> str | None:
    """:func:`search_text` of a text with Hangul in it, for the index's Korean fields; None otherwise."""
    return search_text(text) if text and has_hangul(text) else None


def stem(word: str, *, query: bool = False) -> str:
    """A word without its trailing particles and endings (지노비예프는 → 지노비예프, 외교부의 → 외교부)."""
    for m in morphemes(word, query=query):
        if m.start > 0 and m.tag.startswith(_STEM_ENDS):
            return word[: m.start]
    return word
