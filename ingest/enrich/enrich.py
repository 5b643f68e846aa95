"""Enrichment's entry point: entities, quotes and topics for a batch of articles, or one text file.

An article is enriched only when its ``enriched_hash`` differs from its
``content_hash``, so unchanged re-fetches cost nothing. Everything goes
through :func:`enrich_texts`: NER once over the batch's new paragraphs
(``nlp.pipe``), whole results reused for texts already seen in the process.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from dataclasses import replace
from pathlib import Path
from typing import Any

from ingest.models import Article, Entity, Quote
from ingest.settings import EnrichSettings
from ingest.enrich import cache
from ingest.enrich.kb import get_kb
from ingest.enrich.link import aggregate, link_doc
from ingest.enrich.names import doc_text
from ingest.enrich.pool import map_forked
from ingest.enrich.quotes import extract_quotes
from ingest.enrich.ner import load_nlp
from ingest.enrich.topics import assign_topics, load_taxonomy
from ingest.extract.furniture import for_enrichment
from ingest.extract.outlets import load as load_outlets
from ingest.extract.plaintext import read_article_file


def article_text(title: str, body: str) -> str:
    """The text NER sees: title and body, a blank line apart."""
    title, body = title.strip(), body.strip()
    return f"{title}\n\n{body}" if title and body else title or body


Enrichment = tuple[list[Entity], list[Quote], list[str]]
OWN_PIPELINE = ("ko", "ru")  # languages with their own analysis; the English spaCy model never sees them


def _finish(text: str, mentions: list, language: str | None, on: date | None = None) -> tuple[list, dict[str, str]]:
    """Titles resolved to the holder on the article's date (``on``, else a date the text prints), the
    precision filters, and names outside the KB under one Latin name each (ingest.enrich.offices, .filters,
    .romanise)."""
    from ingest.enrich import filters, offices, romanise

    kb = get_kb()
    mentions = [_canonical(m, kb) for m in filters.apply(text, mentions, language)]
    if language == "ko":
        mentions = sorted(mentions + _interviewees(text, mentions), key=lambda m: m.start)
    mentions = sorted(mentions + offices.title_mentions(text, language, mentions, kb, on), key=lambda m: m.start)
    return romanise.localise(mentions, language, kb)


def _canonical(m, kb):
    """A name the language's recogniser kept as written ("Yonhap" in a Russian text) that the KB knows."""
    from dataclasses import replace

    if m.in_kb:
        return m
    ent = kb.lookup(m.name)
    return replace(m, name=ent.name, wikidata=ent.wikidata, in_kb=True) if ent is not None and ent.type == m.type else m


_INTERVIEW = None


def _interviewees(text: str, mentions: list) -> list:
    """The speaker of a broadcast interview line: <인터뷰> 빅터 차/미 전략국제문제연구소 한국석좌 : "…"."""
    import re

    from ingest.enrich.link import Mention

    global _INTERVIEW
    if _INTERVIEW is None:
        _INTERVIEW = re.compile(r"<인터뷰>\s*([가-힣]{1,6}(?: [가-힣]{1,6}){0,2})\s*/")
    taken = {(m.start, m.end) for m in mentions}
    out = []
    for m in _INTERVIEW.finditer(text):
        a, b = m.span(1)
        if not any(s < b and a < e for s, e in taken):
            out.append(Mention(a, b, m.group(1), "person", surface=m.group(1)))
    return out


def _entities(mentions: list, native: dict[str, str]) -> list[Entity]:
    entities = aggregate(mentions)
    outside = {m.name for m in mentions if not m.in_kb and m.type == "person"}
    for e in entities:
        if e.name in native:
            e.native = native[e.name]
        if e.name in outside and e.type == "person":
            e.in_kb = False
    return entities


def _enrich_doc(doc, language: str | None, on: date | None = None) -> tuple[list[Entity], list[Quote]]:
    # The NER model is English: on other languages only KB entities (Latin, Hangul, Cyrillic aliases) are kept.
    text = doc_text(doc)
    mentions, native = _finish(text, link_doc(doc, get_kb(), use_ner=language in (None, "en")), language, on)
    return _entities(mentions, native), extract_quotes(text, mentions)


def _reading(item: tuple[str, str, str | None, str | None]) -> str:
    """The text an article is read as: English and other spaCy-side languages without their furniture
    (outlet formats by URL), Korean and Russian as given."""
    title, body, url, language = item[:4]
    return article_text(title, body) if language in OWN_PIPELINE else article_text(*for_enrichment(title, body, url))


def _enrich_job(job: tuple) -> tuple[list[Entity], list[Quote], list[list[str]]]:
    """One new text (its NER spans, or None for Korean and Russian; its language; the spaCy model; the
    (title, body) of the articles that read as it; their date) → entities, quotes, and each article's topics."""
    text, spans, language, model, articles, on = job
    if language in OWN_PIPELINE:
        entities, quotes = _enrich_own(text, language, on)
    else:
        entities, quotes = _enrich_doc(cache.doc_with(text, spans, model), language, on)
    return entities, quotes, [list(assign_topics(title, body, entities)) for title, body in articles]


def _load_models(languages: set[str | None], spacy_model: str | None) -> None:
    """What the batch needs, loaded here before the pool's workers fork (each would load it again): the
    KB, the topic taxonomy, the outlet formats, spaCy, Kiwi, natasha."""
    get_kb()
    load_taxonomy()
    load_outlets()
    if spacy_model:
        load_nlp(spacy_model)
    if "ko" in languages:
        from ingest.lang.ko import kiwi

        kiwi()
    if "ru" in languages:
        from ingest.enrich import mentions_ru

        mentions_ru.load_models()


def _enrich_own(text: str, language: str, on: date | None = None) -> tuple[list[Entity], list[Quote]]:
    """Korean or Russian: morphology, lemmas and the language's own NER and quote patterns."""
    from ingest.enrich import mentions_ko, mentions_ru, quotes_koru
    from ingest.extract.furniture import blank as mask

    kb = get_kb()
    clean = mask(text, language)
    if language == "ko":
        mentions, native = _finish(clean, mentions_ko.ko_mentions(text, kb), language, on)
        quotes = quotes_koru.ko_quotes(clean, mentions)
    else:
        mentions, native = _finish(clean, mentions_ru.ru_mentions(text, kb), language, on)
        quotes = quotes_koru.ru_quotes(clean, mentions)
    return _entities(mentions, native), quotes


def language_of(title: str, body: str, language: str | None) -> str | None:
    """The language given, else the one detected; "" and "und" count as not given."""
    if language and language != "und":
        return language
    from ingest.extract.language import detect  # as the pipeline detects it on pages

    return detect(article_text(title, body))


def needs_enrichment(article: Article) -> bool:
    return article.enriched_hash != article.content_hash


def enrich_texts(items: Sequence[tuple], cfg: EnrichSettings) -> list[Enrichment]:
    """Entities, quotes and topics of each (title, body, url, language[, day]) — the one path of the pipeline
    and the CLI. ``day`` (a ``date``, the article's publication day in its outlet's zone) is the date on which a
    title without a name ("the foreign minister", "이 대통령") names its holder; without it, a date the text prints.

    English and other spaCy-side languages read the text with its furniture
    stripped (outlet formats by URL), NER per paragraph through the paragraph
    cache; Korean and Russian their own analysers on the text as given.
    Entities and quotes depend only on the language and that text, so a text
    seen before in this process (a syndicated copy whose story is word for
    word the same) reuses them (``ParagraphCache.results`` in :mod:`ingest.enrich.cache`); topics
    are always counted on the article's own title and body.

    With ``cfg.enrich_processes`` other than 1, stripping, NER and the work per
    text (linking, quotes, the Korean and Russian analysers, topics) are each
    spread over this process and its pool (:mod:`ingest.enrich.pool`); the
    results are the same.
    """
    store = cache.for_settings(cfg)
    languages = {lang for *_, lang in items}
    _load_models(languages, cfg.spacy_model if languages - set(OWN_PIPELINE) else None)
    texts = map_forked(_reading, items, cfg.enrich_processes, weight=lambda item: len(item[1]))
    days = [item[4] if len(item) > 4 else None for item in items]
    keys = [cache.key(f"{cfg.spacy_model}/{item[3] or ''}" + (f"@{day}" if day else ""), text)
            for text, item, day in zip(texts, items, days)]
    found = {k: hit for k in set(keys) if (hit := store.results.get(k)) is not None}
    todo = {k: (text, item[3], day) for k, text, item, day in zip(keys, texts, items, days) if k not in found}  # each text once
    spacy_side = [(k, text, lang) for k, (text, lang, _) in todo.items() if lang not in OWN_PIPELINE]
    # NER per paragraph, cached by paragraph hash; the model only on English (ingest.enrich.cache)
    spans = cache.cached_entity_spans([t for _, t, _ in spacy_side], cfg.spacy_model, [lang in (None, "en") for *_, lang in spacy_side],
                               cfg.enrich_batch_size, cfg.enrich_processes, store) if spacy_side else []
    # Then each new text: its articles' (title, body) go with it, for their topics.
    readers: dict[str, list[int]] = {}
    for i, k in enumerate(keys):
        if k in todo:
            readers.setdefault(k, []).append(i)
    spans_of = dict(zip([k for k, *_ in spacy_side], spans))  # Korean and Russian texts have none
    jobs = [(text, spans_of.get(k), lang, cfg.spacy_model, [items[i][:2] for i in readers[k]], day)
            for k, (text, lang, day) in todo.items()]
    topics: dict[int, list[str]] = {}
    for k, (entities, quotes, their_topics) in zip(todo, map_forked(_enrich_job, jobs, cfg.enrich_processes,
                                                                      weight=lambda job: len(job[0]))):
        found[k] = (entities, quotes)
        store.results.put(k, found[k])
        topics.update(zip(readers[k], their_topics))
    out = []
    for i, (k, (title, body, *_)) in enumerate(zip(keys, items)):
        entities, quotes = (list(map(replace, x)) for x in found[k])  # every article its own objects
        out.append((entities, quotes, topics[i] if i in topics else list(assign_topics(title, body, entities))))
    return out


def enrich_articles(articles: Sequence[Article], cfg: EnrichSettings) -> int:
    """Fill entities, quotes and topics of changed articles in place; return how many."""
    todo = [a for a in articles if needs_enrichment(a)]
    items = [(a.title, a.body, a.url, language_of(a.title, a.body, a.language), a.published_at.date() if a.published_at else None)
             for a in todo]
    for article, (entities, quotes, topics) in zip(todo, enrich_texts(items, cfg)):
        article.entities, article.quotes, article.topics = entities, quotes, topics
        article.enriched_hash = article.content_hash
    return len(todo)


def enrich_text(title: str, body: str, cfg: EnrichSettings, language: str | None = None, day: date | None = None) -> Enrichment:
    """Entities, quotes and topics of one article given as text, in ``language`` (detected when None),
    published on ``day`` (see :func:`enrich_texts`)."""
    return enrich_texts([(title, body, None, language_of(title, body, language), day)], cfg)[0]


def enrich_file(path: str | Path, cfg: EnrichSettings, language: str | None = None) -> dict[str, Any]:
    """The ``ingest enrich FILE`` record: source, title, language, entities, quotes, topics."""
    title, body = read_article_file(path)
    language = language_of(title, body, language)
    entities, quotes, topics = enrich_text(title, body, cfg, language)
    return {
        "source": str(path),
        "title": title,
        "language": language,
        "entities": [{"name": e.name, "type": e.type, "count": e.count} for e in entities],
        "quotes": [{"speaker": q.speaker, "text": q.text} for q in quotes],
        "topics": topics,
    }
