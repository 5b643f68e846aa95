"""Queries and highlights for the command line.

A query string uses Elasticsearch's simple query syntax ("quoted phrases",
``-exclude``, ``a | b``); every word must match somewhere: in ``text``
(mapping v5: title, summary, body, quote texts, entity, speaker and author
names, copied into one English-analysed field, so a word costs one postings
list; English stop words are not required), or in the Russian or Korean
analysis of the title and body for words in those scripts (mapping v6:
``title_ru``/``body_ru``, ``title_nori``/``body_nori``, present in the
articles whose text has that script). Words in the title
rank higher. Korean words are analysed here, as at index time (:mod:`ingest.lang.ko`), and
matched on ``title_ko``/``body_ko``. Words that name a KB entity in any script
or inflected form (:mod:`ingest.query_entities`) also match the articles tagged
with its canonical name, so ``Зиновьев`` finds English articles about Georgy
Zinoviev; the other words are still required. An unquoted multi-word query
also boosts documents where the words stand together, so ``red line`` ranks
the phrase first (a rescore of the best hits, :func:`phrase_boost`). Filters
narrow by facet.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any, Callable

from ingest.errors import BadQuery
from ingest.lang import ko
from ingest.models import FACET_FIELDS
from ingest.models import SCRIPT_COPIES as SCRIPTS
from ingest.query_entities import named_entities
from ingest.store.es.elastic import Elastic

# Where every word must match: one field (mapping v5: `text`, filled by copy_to from the title, summary,
# body, quote texts and the entity, speaker and author names), so that each word is one postings list and
# the words a conjunction of term queries. English stop words are not required (the english analysis drops them).
MATCH_FIELDS = ["text"]
# Ranking: words in the title count more (optional clauses: read only for documents that match).
TITLE_FIELDS = ["title^3", "title.exact^2", "title_ru^2", "title_nori^2"]
# What highlights mark: the fields they show, in every analysis of the same text.
HIGHLIGHT_FIELDS = ["title", "title.exact", "title_ru", "title_nori", "summary", "body", "body.exact", "body_ru", "body_nori"]
# The fields analysing one script (ingest.models.SCRIPT_COPIES: the title and body of the articles with text
# in it): for words in other scripts they add nothing to `text`/`.exact`.
SCRIPT_FIELDS = ["title_ru^2", "title_nori^2", "body_ru", "body_nori"]
# Korean analysed in Python (title_ko/body_ko: whitespace-split morphemes).
KO_FIELDS = ["title_ko^2", "body_ko"]
# Where a highlight's marks may come from: every analysis of the same text (the per-script fields hold
# the same text as the field they copy, so their offsets mark it).
_MATCHED = [".exact", *SCRIPTS]
HIGHLIGHT = {
    "pre_tags": ["<em>"],
    "post_tags": ["</em>"],
    "fields": {
        "title": {"number_of_fragments": 0, "matched_fields": [f"title{m}" for m in _MATCHED]},
        # unified highlighter, on the postings' offsets; whole sentences up to ~250 characters
        "body": {"fragment_size": 250, "number_of_fragments": 3, "boundary_scanner": "sentence",
                 "matched_fields": [f"body{m}" for m in _MATCHED]},
    },
}
PHRASE_WINDOW = 50  # hits rescored with the phrase boost (at least twice those shown)
_HIGHLIGHT_PHRASE_FIELDS = ["title", "title.exact", "title_ru", "body", "body.exact", "body_ru"]
_TOKEN = re.compile(r'"[^"]*"?|\S+')
_SYNTAX = re.compile(r'^[-+]|["|()*~]')
FILTER_FIELDS = {
    "person": "persons",
    "organization": "organizations",
    "location": "locations",
    "topic": "topics",
    "source": "source",
    "language": "language",
    "speaker": "quote_speakers",
}


@dataclass
class Filters:
    person: list[str] = field(default_factory=list)
    organization: list[str] = field(default_factory=list)
    location: list[str] = field(default_factory=list)
    topic: list[str] = field(default_factory=list)
    source: list[str] = field(default_factory=list)
    language: list[str] = field(default_factory=list)
    speaker: list[str] = field(default_factory=list)
    since: datetime | None = None
    until: datetime | None = None


@dataclass
class Hit:
    id: str
    title: str
    url: str | None
    source: str
    published_at: str | None
    date: str | None
    score: float | None
    highlights: list[str]
    persons: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    language: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


_ADJACENT = re.compile(r"</em>(\s+)<em>")
# Marks for callers that render fragments as HTML (the workspace): private-use characters no article
# text is expected to hold; the caller escapes the whole fragment, then turns these into elements, so
# an article's own "<em>" or "<script>" stays text.
HTML_MARKS = ("\ue000", "\ue001")


def merge_marks(fragment: str, marks: tuple[str, str] = ("<em>", "</em>")) -> str:
    """One mark over a highlighted phrase: ``<em>red</em> <em>line</em>`` → ``<em>red line</em>``."""
    if marks == ("<em>", "</em>"):
        return _ADJACENT.sub(r"\1", fragment)
    return re.sub(re.escape(marks[1]) + r"(\s+)" + re.escape(marks[0]), r"\1", fragment)


def _korean(text: str) -> str:
    """The query with each Hangul word as its content morphemes (북한군의 → 북한군), syntax kept."""
    return " ".join(ko.search_text(t, query=True) or t if ko.has_hangul(t) else t for t in _TOKEN.findall(text))


def _for_scripts(text: str, fields: list[str]) -> list[str]:
    """``fields`` without the Russian or Korean analysis when no word of ``text`` is in that script.

    They would only repeat ``text``'s match, and every field is one more
    postings list to read for each word of each candidate document.
    """
    return [f for f in fields
            if not any(f.split("^")[0].endswith(suffix) and not wanted(text) for suffix, wanted in SCRIPTS.items())]


def text_fields(text: str) -> list[str]:
    """Where the words of ``text`` are matched: :data:`MATCH_FIELDS`, and the Russian or Korean analysis of
    the title and body when a word is in that script."""
    return MATCH_FIELDS + _for_scripts(text, SCRIPT_FIELDS)


def _all_of(text: str, fields: list[str], operator: str = "and") -> dict[str, Any]:
    return {"simple_query_string": {"query": text, "fields": fields, "default_operator": operator}}


def _words_match(text: str, fields: list[str], facet: tuple[str, str] | None = None,
                 bare: bool = False) -> dict[str, Any]:
    """Every word of ``text`` in ``fields`` (Korean words also as morphemes), or (``facet``) the entity's tag.

    ``bare``: the words are a KB alias as typed, so they are their own morphemes (the KB's Hangul
    aliases are bare forms): matched on the Korean fields as they are, without running the analyser.
    """
    should = [_all_of(text, fields)]
    if ko.has_hangul(text):
        should.append(_all_of(text if bare else _korean(text), fields + KO_FIELDS))
    if facet:
        should.append({"term": {facet[0]: {"value": facet[1], "boost": 2}}})
    return {"bool": {"should": should}}


def _words_clauses(rest: str, named: list[tuple[str, Any]], fields: Callable[[str], list[str]]) -> list[dict[str, Any]]:
    """One clause per group of words (:func:`parse`'s ``rest`` and ``named``), each group's words all in
    ``fields(words)``."""
    clauses = [_words_match(rest, fields(rest))] if rest else []
    clauses += [_words_match(words, fields(words), (FACET_FIELDS[e.type], e.name), bare=_is_alias(words, e))
                for words, e in named]
    return clauses


def _is_alias(words: str, entity: Any) -> bool:
    return words.casefold() in {a.casefold() for a in (entity.name, *entity.aliases)}


def parse(text: str) -> tuple[str, list[tuple[str, Any]]]:
    """(the words naming no entity, [(the words naming one, the entity)]) of a query string (pure).

    Only plain words are looked up: not quoted phrases, exclusions or operators.
    """
    tokens = _TOKEN.findall(text)
    plain = [i for i, t in enumerate(tokens) if not _SYNTAX.search(t)]
    named: list[tuple[str, Any]] = []
    used: set[int] = set()
    run: list[int] = []
    for i in plain + [-1]:  # runs of consecutive plain words
        if run and (i != run[-1] + 1):
            for n in named_entities([tokens[j] for j in run]):
                span = run[n.start : n.end]
                named.append((" ".join(tokens[j] for j in span), n.entity))
                used.update(span)
            run = []
        if i >= 0:
            run.append(i)
    rest = " ".join(t for i, t in enumerate(tokens) if i not in used)
    return rest, named


def build_query(text: str, filters: Filters | None = None) -> dict[str, Any]:
    """The Elasticsearch query for a search box string and facet filters."""
    filters = filters or Filters()
    text = text.strip()
    must = _words_clauses(*parse(text), text_fields) if text else []
    flt: list[dict[str, Any]] = []
    for attr, es_field in FILTER_FIELDS.items():
        values = getattr(filters, attr)
        if values:
            flt.append({"terms": {es_field: values}})
    if filters.since or filters.until:
        rng: dict[str, str] = {}
        if filters.since:
            rng["gte"] = filters.since.isoformat()
        if filters.until:
            rng["lte"] = filters.until.isoformat()
        flt.append({"range": {"date": rng}})
    query: dict[str, Any] = {"bool": {"must": must or [{"match_all": {}}], "filter": flt}}
    if text:  # ranking only: optional clauses are read for the documents that match
        query["bool"]["should"] = [_all_of(text, _for_scripts(text, TITLE_FIELDS), "or")]
    return query


def phrase_boost(text: str, size: int = 10) -> dict[str, Any] | None:
    """The rescore that ranks an unquoted multi-word query's words standing together first (None otherwise).

    Only the query's best hits are rescored (:data:`PHRASE_WINDOW`, at least twice
    ``size``): a phrase query on every
    matching document (tens of thousands for common words) cost more than the rest of
    the search, and one whose words are all there is scored high by the query already.
    """
    text = text.strip()
    if " " not in text or '"' in text:
        return None
    phrase = {"multi_match": {"query": text, "type": "phrase", "fields": ["title^3", "body"], "boost": 2}}
    return {"window_size": max(PHRASE_WINDOW, 2 * size), "query": {"rescore_query": phrase}}


def highlight_query(text: str) -> dict[str, Any]:
    """What highlights mark: the query's words in the title and body (:data:`HIGHLIGHT_FIELDS`: the query
    itself matches on ``text``, which no highlight shows), Korean words in any inflection, and the named
    entities' aliases.

    Korean words are marked by prefix on the standard-analysed text (파병 marks
    파병한); an entity found through its tag is marked where the article names
    it in its own script (지노비예프 in a Korean article found by ``Zinoviev``).
    """
    rest, named = parse(text)
    extra: list[dict[str, Any]] = []
    names: list[str] = []
    for _, entity in named:
        names += [entity.name, *entity.aliases]
        if entity.type == "person":
            names += {a.split()[0 if entity.family_first else -1] for a in entity.aliases if len(a.split()) > 1}
    for name in dict.fromkeys(names):
        extra.append({"multi_match": {"query": name, "type": "phrase", "fields": _HIGHLIGHT_PHRASE_FIELDS}})
    # The Korean analyser runs only for Hangul the user typed. The KB's Hangul aliases are bare forms
    # already: their words mark as prefixes as they are (쇼이구 marks 쇼이구는; stemming an alias cut
    # 쇼이구 to 쇼 and 박태성 to 박태), so a Latin query never builds Kiwi.
    words = ko.search_terms(" ".join(t for t in _TOKEN.findall(rest) if ko.has_hangul(t)), query=True) if ko.has_hangul(rest) else []
    words += [w for n in names if ko.has_hangul(n) for w in n.split()]
    for word in dict.fromkeys(words):
        extra += [{"prefix": {f"{f}.exact": word}} for f in ("title", "body")]
    words_in = _words_clauses(rest, named, lambda words: _for_scripts(words, HIGHLIGHT_FIELDS))
    return {"bool": {"should": [*words_in, *extra]}} if words_in or extra else {"match_all": {}}


def request(text: str, filters: Filters | None = None, size: int = 10, *,
            marks: tuple[str, str] = ("<em>", "</em>")) -> dict[str, Any]:
    """The search request for a search box string and facet filters (what :func:`search` sends)."""
    query = build_query(text, filters)
    body: dict[str, Any] = {
        "query": query,
        "size": size,
        "highlight": {**HIGHLIGHT, "pre_tags": [marks[0]], "post_tags": [marks[1]],
                      "highlight_query": highlight_query(text.strip())},
        "track_total_hits": False,  # the CLI shows hits, not a total: counting every match costs
        "_source": HIT_SOURCE,
    }
    if not text.strip():
        body["sort"] = [{"date": "desc"}]
    elif rescore := phrase_boost(text, size):
        body["rescore"] = rescore
    return body


HIT_SOURCE = ["id", "title", "url", "source", "published_at", "date", "persons", "topics", "summary", "body", "language"]


def _hit(h: dict[str, Any], marks: tuple[str, str] = ("<em>", "</em>")) -> Hit:
    src = h["_source"]
    hl = h.get("highlight", {})
    fragments = [merge_marks(f, marks) for f in hl.get("title", []) + hl.get("body", [])]
    if not fragments:  # matched on a facet or a quote: show the lead
        fragments = [(src.get("summary") or src.get("body") or "")[:200]]
    return Hit(
        id=src.get("id") or h["_id"],
        title=src.get("title") or "",
        url=src.get("url") or None,
        source=src.get("source") or "",
        published_at=src.get("published_at"),
        date=src.get("date"),
        score=h.get("_score"),
        highlights=fragments,
        persons=src.get("persons") or [],
        topics=src.get("topics") or [],
        language=src.get("language"),
    )


def search(
    es: Elastic,
    text: str,
    *,
    size: int = 10,
    filters: Filters | None = None,
) -> list[Hit]:
    """Ranked hits for a query; newest first when there is no query text."""
    resp = es.client.search(index=es.articles_alias, **request(text, filters, size))
    return [_hit(h) for h in resp["hits"]["hits"]]


# ---------------------------------------------------------------- checks and notices for a search box (CLI, workspace)

MAX_QUERY_CHARS = 500


@dataclass(frozen=True)
class Notice:
    """The query's words named a KB entity spelt otherwise: ``Зиновьев → Georgy Zinoviev``."""

    words: str
    entity: str
    type: str

    def __str__(self) -> str:
        return f"{self.words} → {self.entity}"


def validate(text: str, filters: Filters | None = None) -> None:
    """Raise :class:`~ingest.errors.BadQuery` saying what is wrong with a search as typed."""
    if len(text) > MAX_QUERY_CHARS:
        raise BadQuery(f"the query is {len(text):,} characters long; at most {MAX_QUERY_CHARS} are searched")
    if text.count('"') % 2:
        raise BadQuery('unbalanced quotes: every "phrase" needs its closing quote')
    if "\x00" in text:
        raise BadQuery("the query holds a NUL character")
    if filters and filters.since and filters.until and filters.since > filters.until:
        raise BadQuery(f"impossible date range: from {filters.since.date()} is after until {filters.until.date()}")


def notices(text: str) -> list[Notice]:
    """The KB entities the query's words name under another spelling or script (``Зиновьев → Georgy
    Zinoviev``): the search also finds the articles tagged with that canonical name."""
    if not text.strip():
        return []
    _, named = parse(text.strip())
    return [Notice(words, e.name, e.type) for words, e in named if words.casefold() != e.name.casefold()]
