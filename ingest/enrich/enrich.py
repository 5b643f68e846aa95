"""Enrichment's entry point: entities, quotes and topics for a batch of articles, or one text file.

An article is enriched only when its ``enriched_hash`` differs from its
``content_hash``, so unchanged re-fetches cost nothing. NER runs once over
the whole batch through ``nlp.pipe``.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ingest.models import Article, Entity, Quote
from ingest.settings import Settings
from ingest.enrich import cache
from ingest.enrich.kb import get_kb
from ingest.enrich.link import aggregate, link_doc
from ingest.enrich.ner import parse
from ingest.enrich.quotes import extract_quotes
from ingest.enrich.topics import assign_topics
from ingest.extract.furniture import for_enrichment
from ingest.extract.plaintext import read_article_file, split_title  # noqa: F401  (split_title: re-exported)



def article_text(title: str, body: str) -> str:
    """The text NER sees: title and body, a blank line apart."""
    title, body = title.strip(), body.strip()
    return f"{title}\n\n{body}" if title and body else title or body


Enriched = tuple[list[Entity], list[Quote], list[str]]
OWN_PIPELINE = ("ko", "ru")  # languages with their own analysis; the English spaCy model never sees them


def _enrich_doc(doc, title: str, body: str, language: str | None = None) -> Enriched:
    # The NER model is English: on other languages only KB entities (Latin, Hangul, Cyrillic aliases) are kept.
    mentions = link_doc(doc, get_kb(), use_ner=language in (None, "en"))
    entities = aggregate(mentions)
    quotes = extract_quotes(doc.user_data.get("_text") or doc.text, mentions)
    topics = list(assign_topics(title, body, entities))
    return entities, quotes, topics


def _enrich_own(title: str, body: str, language: str) -> Enriched:
    """Korean or Russian: morphology, lemmas and the language's own NER and quote patterns."""
    from ingest.enrich import ko, quotes_koru, ru
    from ingest.extract.furniture import blank as mask

    text = article_text(title, body)
    kb = get_kb()
    if language == "ko":
        mentions = ko.ko_mentions(text, kb)
        quotes = quotes_koru.ko_quotes(mask(text, "ko"), mentions)
    else:
        mentions = ru.ru_mentions(text, kb)
        quotes = quotes_koru.ru_quotes(mask(text, "ru"), mentions)
    entities = aggregate(mentions)
    return entities, quotes, list(assign_topics(title, body, entities))


def language_of(title: str, body: str, language: str | None) -> str | None:
    """The language given, else the one detected; "" and "und" count as not given."""
    if language and language != "und":
        return language
    from ingest.extract.language import detect  # as the pipeline detects it on pages

    return detect(article_text(title, body))


def needs_enrichment(article: Article) -> bool:
    return article.enriched_hash != article.content_hash


def enrich_articles(articles: Sequence[Article], cfg: Settings) -> int:
    """Fill entities, quotes and topics of changed articles in place; return how many."""
    todo = [a for a in articles if needs_enrichment(a)]
    if not todo:
        return 0
    languages = [language_of(a.title, a.body, a.language) for a in todo]
    spacy_side = [(a, lang) for a, lang in zip(todo, languages) if lang not in OWN_PIPELINE]
    texts = [article_text(*for_enrichment(a.title, a.body, a.url)) for a, _ in spacy_side]
    # NER per paragraph, cached by paragraph hash; the model only on English (ingest.enrich.cache)
    ner = [lang in (None, "en") for _, lang in spacy_side]
    docs = cache.parse(texts, cfg.spacy_model, ner, cfg.enrich_batch_size, cfg.enrich_processes, cache.for_settings(cfg))
    for (article, lang), doc in zip(spacy_side, docs):
        article.entities, article.quotes, article.topics = _enrich_doc(doc, article.title, article.body, lang)
    for article, lang in zip(todo, languages):
        if lang in OWN_PIPELINE:
            article.entities, article.quotes, article.topics = _enrich_own(article.title, article.body, lang)
        article.enriched_hash = article.content_hash
    return len(todo)


def enrich_text(title: str, body: str, cfg: Settings, language: str | None = None) -> tuple[list[Entity], list[Quote], list[str]]:
    """Entities, quotes and topics of one article given as text, in ``language`` (detected when None)."""
    language = language_of(title, body, language)
    if language in OWN_PIPELINE:
        return _enrich_own(title, body, language)
    title, body = for_enrichment(title, body)
    doc = next(iter(parse([article_text(title, body)], cfg.spacy_model, 1)))
    return _enrich_doc(doc, title, body, language)


def enrich_file(path: str | Path, cfg: Settings, language: str | None = None) -> dict[str, Any]:
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
