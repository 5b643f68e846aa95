"""Weighted term lists matched against text: the one helper behind relevance and topics.

Both "is this about Russia and a Korea?" and "which topics?" are weighted term
lists with a threshold, so they share this matcher instead of keeping two copies.

Term syntax (as written in the YAML files under ``ingest/resources/kb/``):

* Latin and Cyrillic terms match whole words, case-insensitively (both sides are lowercased)
  (``Russia`` matches "Russia's" but not "Prussia").
* A trailing ``*`` matches a stem: ``Росси*`` matches Россия, России, российский;
  ``korea*`` matches Korea, Korean, Koreas. Russian inflections are handled this way.
* Spaces and hyphens inside a term are interchangeable, so ``Kim Jong Un``
  also matches "Kim Jong-un".
* Terms containing Hangul match as substrings, because Korean attaches particles
  to words (러시아는, 러시아와 all contain 러시아).
* ``ё`` is folded to ``е`` on both sides.

At each word start only the terms beginning with that character are tried, longest
first, so a text is scanned once per list and overlapping terms are not double
counted ("North Korea" is one hit, not also a hit of "Korea").
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

import yaml
from ingest.errors import ConfigError
from ingest.resources import load_yaml

_HANGUL = re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]")
_SEP = r"[\s\-\u2010\u2011\u2012\u2013\u00b7]+"  # space, hyphens, en dash, middle dot
_WORD_START = re.compile(r"(?<!\w)\w")


def number(value: Any, where: str) -> float:
    """A numeric setting from a term file, or a one-line ConfigError."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ConfigError(f"{where} must be a number, got {value!r}")
    return float(value)


def read_yaml(path: Path, what: str) -> Any:
    """A term file's YAML, or a one-line ConfigError saying which file and why."""
    try:
        return load_yaml(Path(path).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"{path}: cannot read {what}: {' '.join(str(exc).split())}") from None


def normalize(text: str) -> str:
    """What both terms and texts go through before matching."""
    return unicodedata.normalize("NFC", text).lower().replace("ё", "е")


def _pattern(term: str) -> tuple[str, bool]:
    """Regex for one term (each word may end in ``*``, a stem) and whether it is word-bounded."""
    words = [w for w in re.split(r"[\s\-\u2010\u2011\u2012\u2013\u00b7]+", term.strip()) if w.strip("*")]
    if not words:
        raise ConfigError(f"empty term {term!r}")
    parts = [re.escape(w[:-1]) + r"\w*" if w.endswith("*") else re.escape(w) for w in words]
    body = _SEP.join(parts)
    if _HANGUL.search(term) or not re.match(r"\w", words[0]):
        return body, False
    last = words[-1]
    tail = r"(?!\w)" if not last.endswith("*") and re.search(r"\w$", last) else ""
    return body + tail, True


@dataclass
class Hits:
    """Matches of one term list in a title and a body."""

    score: float = 0.0
    title: dict[str, int] = field(default_factory=dict)
    body: dict[str, int] = field(default_factory=dict)

    @property
    def terms(self) -> dict[str, int]:
        """All matched terms with their total counts (title + body)."""
        out = dict(self.body)
        for term, n in self.title.items():
            out[term] = out.get(term, 0) + n
        return out

    def __bool__(self) -> bool:
        return bool(self.title or self.body)


class TermList:
    """A compiled, weighted term list. ``max_count`` caps how often one term can count."""

    def __init__(self, weights: Mapping[str, float], max_count: int = 5) -> None:
        self.weights: dict[str, float] = {}
        for term, weight in weights.items():
            term = normalize(str(term)).strip()
            if term:
                self.weights[term] = float(weight)
        self.max_count = max_count
        self._terms = sorted(self.weights, key=lambda t: (-len(t.rstrip("*")), t))
        # Word-bounded terms are grouped by their first character: at each word
        # start only the terms that can begin there are tried (one small
        # alternation, longest first), instead of every term of the list.
        self._by_char: dict[str, tuple[re.Pattern[str], list[str]]] = {}
        groups: dict[str, list[str]] = {}
        substring_terms = []
        for t in self._terms:
            pattern, bounded = _pattern(t)
            if bounded:
                groups.setdefault(t[0], []).append(t)
            else:
                substring_terms.append(t)
        for char, terms in groups.items():
            self._by_char[char] = (re.compile("|".join(f"({_pattern(t)[0]})" for t in terms)), terms)
        # Substring terms (Hangul) in one alternation of their own.
        self._substring: tuple[re.Pattern[str], list[str], bool] | None = None
        if substring_terms:
            alternation = "|".join(f"({_pattern(t)[0]})" for t in substring_terms)
            hangul_only = all(_HANGUL.search(t) for t in substring_terms)
            self._substring = (re.compile(alternation), substring_terms, hangul_only)

    def __len__(self) -> int:
        return len(self._terms)

    def count(self, text: str) -> dict[str, int]:
        """Occurrences of each term in ``text`` (terms as written in the list)."""
        return count_many((self,), text)[0]

    def weigh(self, counts: Mapping[str, int]) -> float:
        return sum(self.weights[t] * min(n, self.max_count) for t, n in counts.items())

    def match(self, title: str, body: str, title_weight: float = 3.0) -> Hits:
        """Weighted score: title hits count ``title_weight`` times, each term capped at ``max_count``."""
        t, b = self.count(title), self.count(body)
        return Hits(score=title_weight * self.weigh(t) + self.weigh(b), title=t, body=b)


@lru_cache(maxsize=32)
def _starts_index(lists: "tuple[TermList, ...]") -> dict[str, list[tuple[int, Any, list[str]]]]:
    """First character -> (list number, its alternation's ``match``, its terms) of every list with terms starting so."""
    index: dict[str, list[tuple[int, Any, list[str]]]] = {}
    for i, tl in enumerate(lists):
        for char, (regex, terms) in tl._by_char.items():
            index.setdefault(char, []).append((i, regex.match, terms))
    return index


def count_many(lists: "tuple[TermList, ...] | list[TermList]", text: str) -> list[dict[str, int]]:
    """Term counts of several lists in one pass over the text's word starts.

    Each list keeps its own matches: terms of one list never overlap each
    other, while different lists may match the same words (a topic's term does
    not hide another topic's). At a word start only the lists with a term
    starting with its character are tried.
    """
    lists = tuple(lists)
    counts: list[dict[str, int]] = [{} for _ in lists]
    if not text:
        return counts
    text = normalize(text)
    ends = [0] * len(lists)
    by_char = _starts_index(lists).get
    for start_match in _WORD_START.finditer(text):
        groups = by_char(start_match.group())
        if groups is None:
            continue
        start = start_match.start()
        for i, match, terms in groups:
            if start < ends[i]:  # inside this list's last hit
                continue
            m = match(text, start)
            if m:
                term = terms[m.lastindex - 1]  # type: ignore[operator]
                counts[i][term] = counts[i].get(term, 0) + 1
                ends[i] = m.end()
    has_hangul = None
    for i, tl in enumerate(lists):
        if tl._substring is None:
            continue
        regex, terms, hangul_only = tl._substring
        if hangul_only:
            if has_hangul is None:
                has_hangul = _HANGUL.search(text) is not None
            if not has_hangul:  # a Hangul-only scan needs Hangul
                continue
        for m in regex.finditer(text):
            term = terms[m.lastindex - 1]  # type: ignore[operator]
            counts[i][term] = counts[i].get(term, 0) + 1
    return counts


def match_many(lists: "tuple[TermList, ...] | list[TermList]", title: str, body: str, title_weight: float = 3.0) -> list[Hits]:
    """:meth:`TermList.match` for several lists, scanning title and body once each."""
    titles, bodies = count_many(lists, title), count_many(lists, body)
    return [
        Hits(score=title_weight * tl.weigh(t) + tl.weigh(b), title=t, body=b)
        for tl, t, b in zip(lists, titles, bodies)
    ]


def parse_weights(block: Any, where: str = "terms", default_weight: float = 1.0) -> dict[str, float]:
    """Read a term block from YAML into {term: weight}.

    Accepted shapes: a list of terms (each ``default_weight``), a mapping
    ``{term: weight}``, or a mapping of language code to either of those
    (``{en: [...], ko: {...}, ru: [...]}``).
    """
    out: dict[str, float] = {}
    if block is None:
        return out
    if isinstance(block, list):
        for term in block:
            if not isinstance(term, (str, int)) or not str(term).strip():
                raise ConfigError(f"{where}: term must be a non-empty string, got {term!r}")
            out[str(term)] = default_weight
        return out
    if not isinstance(block, dict):
        raise ConfigError(f"{where}: expected a list or mapping of terms, got {type(block).__name__}")
    for key, value in block.items():
        if isinstance(value, (list, dict)):
            out.update(parse_weights(value, f"{where}.{key}", default_weight))
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            out[str(key)] = float(value)
        elif value is None:
            out[str(key)] = default_weight
        else:
            raise ConfigError(f"{where}.{key}: weight must be a number, got {value!r}")
    return out


__all__ = ["Hits", "TermList", "ConfigError", "normalize", "parse_weights"]
