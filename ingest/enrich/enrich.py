"""Enrichment's entry point: entities, quotes and topics for a batch of articles, or one text file.

An article is enriched only when its ``enriched_hash`` differs from its
``content_hash``, so unchanged re-fetches cost nothing. Everything goes
through :func:`enrich_batch`: NER once over the batch's new paragraphs
(``nlp.pipe``), whole results reused for texts already seen in the process.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from ingest.models import Article, Entity, Quote
from ingest.settings import Settings
from ingest.enrich import cache
from ingest.enrich.kb import get_kb
from ingest.enrich.link import aggregate, link_doc
from ingest.enrich.quotes import extract_quotes
from ingest.enrich.topics import assign_topics
from ingest.extract.furniture import for_enrichment
from ingest.extract.plaintext import read_article_file


def article_text(title: str, body: str) -> str:
    """The text NER sees: title and body, a blank line apart."""
    title, body = title.strip(), body.strip()
    return f"{title}\n\n{body}" if title and body else title or body


Enriched = tuple[list[Entity], list[Quote], list[str]]
OWN_PIPELINE = ("ko", "ru")  # languages with their own analysis; the English spaCy model never sees them


def _enrich_doc(doc, language: str | None) -> tuple[list[Entity], list[Quote]]:
    # The NER model is English: on other languages only KB entities (Latin, Hangul, Cyrillic aliases) are kept.
    mentions = link_doc(doc, get_kb(), use_ner=language in (None, "en"))
    return aggregate(mentions), extract_quotes(doc.user_data.get("_text") or doc.text, mentions)


def _enrich_own(text: str, language: str) -> tuple[list[Entity], list[Quote]]:
    """Korean or Russian: morphology, lemmas and the language's own NER and quote patterns."""
    from ingest.enrich import ko, quotes_koru, ru
    from ingest.extract.furniture import blank as mask

    kb = get_kb()
    if language == "ko":
        mentions = ko.ko_mentions(text, kb)
        quotes = quotes_koru.ko_quotes(mask(text, "ko"), mentions)
    else:
        mentions = ru.ru_mentions(text, kb)
        quotes = quotes_koru.ru_quotes(mask(text, "ru"), mentions)
    return aggregate(mentions), quotes


def language_of(title: str, body: str, language: str | None) -> str | None:
    """The language given, else the one detected; "" and "und" count as not given."""
    if language and language != "und":
        return language
    from ingest.extract.language import detect  # as the pipeline detects it on pages

    return detect(article_text(title, body))


def needs_enrichment(article: Article) -> bool:
    return article.enriched_hash != article.content_hash


def enrich_batch(items: Sequence[tuple[str, str, str | None, str | None]], cfg: Settings) -> list[Enriched]:
    """Entities, quotes and topics of each (title, body, url, language) — the one path of the pipeline and the CLI.

    English and other spaCy-side languages read the text with its furniture
    stripped (outlet formats by URL), NER per paragraph through the paragraph
    cache; Korean and Russian their own analysers on the text as given.
    Entities and quotes depend only on the language and that text, so a text
    seen before in this process (a syndicated copy whose story is word for
    word the same) reuses them (:class:`ingest.enrich.cache.Results`); topics
    are always counted on the article's own title and body.
    """
    store = cache.for_settings(cfg)
    texts = [
        article_text(title, body) if lang in OWN_PIPELINE else article_text(*for_enrichment(title, body, url))
        for title, body, url, lang in items
    ]
    keys = [cache.key(f"{cfg.spacy_model}/{lang or ''}", text) for text, (*_, lang) in zip(texts, items)]
    found = {k: hit for k in set(keys) if (hit := store.results.get(k)) is not None}
    todo = {k: (text, item[3]) for k, text, item in zip(keys, texts, items) if k not in found}  # each text once
    spacy_side = [(k, text, lang) for k, (text, lang) in todo.items() if lang not in OWN_PIPELINE]
    # NER per paragraph, cached by paragraph hash; the model only on English (ingest.enrich.cache)
    docs = cache.parse([t for _, t, _ in spacy_side], cfg.spacy_model, [lang in (None, "en") for *_, lang in spacy_side],
                       cfg.enrich_batch_size, cfg.enrich_processes, store) if spacy_side else []
    for (k, _, lang), doc in zip(spacy_side, docs):
        found[k] = _enrich_doc(doc, lang)
    for k, (text, lang) in todo.items():
        if lang in OWN_PIPELINE:
            found[k] = _enrich_own(text, lang)
        store.results.put(k, found[k])
    out = []
    for k, (title, body, _, _) in zip(keys, items):
        entities, quotes = (list(map(replace, x)) for x in found[k])  # every article its own objects
        out.append((entities, quotes, list(assign_topics(title, body, entities))))
    return out


def enrich_articles(articles: Sequence[Article], cfg: Settings) -> int:
    """Fill entities, quotes and topics of changed articles in place; return how many."""
    todo = [a for a in articles if needs_enrichment(a)]
    items = [(a.title, a.body, a.url, language_of(a.title, a.body, a.language)) for a in todo]
    for article, (entities, quotes, topics) in zip(todo, enrich_batch(items, cfg)):
        article.entities, article.quotes, article.topics = entities, quotes, topics
        article.enriched_hash = article.content_hash
    return len(todo)


def enrich_text(title: str, body: str, cfg: Settings, language: str | None = None) -> Enriched:
    """Entities, quotes and topics of one article given as text, in ``language`` (detected when None)."""
    return enrich_batch([(title, body, None, language_of(title, body, language))], cfg)[0]


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
