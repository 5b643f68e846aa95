"""NER by paragraph, each paragraph's entities cached by the hash of its text.

A wire story comes back as (LEAD), (2nd LD), (3rd LD): each version repeats
most paragraphs of the one before, and syndicated copies repeat all of them.
:func:`cached_parse` gives :mod:`ingest.enrich.link` the same kind of ``Doc`` as
:func:`ingest.enrich.ner.parse` — the whole text tokenized, ``doc.ents`` set —
but runs the NER model only on paragraphs it has not seen (each run of
consecutive unseen paragraphs as one piece, so a new text is read exactly as
a whole), and not at all on texts whose language the model does not read
(their entities come from the knowledge base alone, see
``link_doc(use_ner=False)``).

The cache is per process and bounded; with a ``path`` it is also kept in a
JSON-lines file (one line per paragraph, appended as they are parsed), so a
worker that starts a new process per task still skips what earlier tasks saw.
A paragraph taken from the cache keeps the entities found in the context it
was first read in; next to a changed paragraph, NER on the new whole text
could differ within a few tokens of the break (the model's context), and an
entity running across a paragraph break is not kept for reuse.
"""

from __future__ import annotations

import hashlib
import json
import re
import threading
from collections import OrderedDict
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ingest.enrich.ner import entity_spans as ner_spans, load_nlp

if TYPE_CHECKING:
    from ingest.settings import EnrichSettings

# A paragraph: text between blank lines.
_PARAGRAPH = re.compile(r"\S.*?(?=\n[ \t\r\f\v]*\n|\Z)", re.S)
Spans = list[tuple[int, int, str]]  # (start, end, label), characters within the paragraph


class LRU:
    """Items by key, the least recently used dropped beyond ``size``; hits and misses counted."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._items: OrderedDict[str, Any] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = self.misses = 0

    def _put(self, key: str, item: Any) -> None:
        self._items[key] = item
        self._items.move_to_end(key)
        while len(self._items) > self.size:
            self._items.popitem(last=False)

    def get(self, key: str) -> Any:
        with self._lock:
            item = self._items.get(key)
            if item is None:
                self.misses += 1
            else:
                self.hits += 1
                self._items.move_to_end(key)
            return item

    def put(self, key: str, item: Any) -> None:
        with self._lock:
            self._put(key, item)

    def __len__(self) -> int:
        return len(self._items)


class ParagraphCache(LRU):
    """Entities per paragraph hash, optionally kept in ``path``.

    ``results`` holds whole enrichment results by the hash of the text they
    came from, in memory only: a result depends on the rules and the knowledge
    base, which do not change within a process but may between two.
    """

    def __init__(self, size: int = 50_000, path: Path | None = None) -> None:
        super().__init__(size)
        self.path = path
        self.results = LRU(2_000)
        if path is not None and path.exists():
            lines = 0
            with path.open(encoding="utf-8") as fh:
                for lines, line in enumerate(fh, 1):  # noqa: B007 - the count is read after the loop
                    try:
                        k, spans = json.loads(line)
                    except ValueError:  # a line cut short by a crash
                        continue
                    self._put(k, [tuple(s) for s in spans])
            if lines > 2 * size:  # the file keeps only what the cache holds
                tmp = path.with_suffix(".tmp")
                tmp.write_text("".join(json.dumps([k, s], ensure_ascii=False) + "\n" for k, s in self._items.items()),
                               encoding="utf-8")
                tmp.replace(path)

    def add(self, found: dict[str, Spans]) -> None:
        with self._lock:
            for key, spans in found.items():
                self._put(key, spans)
            if self.path is not None and found:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                with self.path.open("a", encoding="utf-8") as fh:
                    fh.writelines(json.dumps([k, s], ensure_ascii=False) + "\n" for k, s in found.items())


_caches: dict[Path | None, ParagraphCache] = {}
_open_lock = threading.Lock()


def shared(path: Path | None = None) -> ParagraphCache:
    """The process's cache kept in ``path`` (None: in memory only), opened once."""
    with _open_lock:
        if path not in _caches:
            _caches[path] = ParagraphCache(path=path)
        return _caches[path]


def for_settings(cfg: EnrichSettings) -> ParagraphCache:
    """The cache of a pipeline's runs: ``<data_dir>/cache/ner-<model>.jsonl``."""
    return shared(Path(cfg.data_dir) / "cache" / f"ner-{cfg.spacy_model}.jsonl")


def paragraph_offsets(text: str) -> list[tuple[int, str]]:
    """(offset, paragraph) of each paragraph of a text."""
    return [(m.start(), m.group()) for m in _PARAGRAPH.finditer(text)]


def key(model: str, paragraph: str) -> str:
    return hashlib.sha1(f"{model}\n{paragraph}".encode("utf-8")).hexdigest()


def cached_parse(
    texts: Sequence[str], model: str, ner: Sequence[bool] | None = None, batch_size: int = 32, processes: int = 1,
    cache: ParagraphCache | None = None,
) -> list:
    """A Doc per text, with ``doc.ents`` from the cache or from NER on the paragraphs not in it
    (:func:`cached_entity_spans`, then :func:`doc_with`)."""
    return [doc_with(text, spans, model) for text, spans in zip(texts, cached_entity_spans(texts, model, ner, batch_size, processes, cache))]


def cached_entity_spans(
    texts: Sequence[str], model: str, ner: Sequence[bool] | None = None, batch_size: int = 32, processes: int = 1,
    cache: ParagraphCache | None = None,
) -> list[Spans]:
    """The entity spans of each text (characters), from the cache or from NER on the paragraphs not in it.

    ``ner[i]`` False: the text is only tokenized (no entities from the model).
    Each run of consecutive unseen paragraphs goes through
    :func:`ingest.enrich.ner.entity_spans` as one piece of text (batches, processes
    as configured): a text seen for the first time gets exactly the entities
    of NER on the whole text, and the cache learns each paragraph's entities
    as found in that context. A paragraph seen before (in the cache, or in an
    earlier text of the batch) is not parsed again.
    """
    cache = cache if cache is not None else shared()
    ner = list(ner) if ner is not None else [True] * len(texts)
    parts = [[(m.start(), m.end(), key(model, m.group())) for m in _PARAGRAPH.finditer(t)] if wanted else []
             for t, wanted in zip(texts, ner)]
    known: dict[str, Spans] = {}
    scheduled: set[str] = set()
    runs: list[tuple[int, list[tuple[int, int, str]]]] = []  # (text number, its consecutive unseen paragraphs)
    for i, offset_keys in enumerate(parts):
        run: list[tuple[int, int, str]] = []
        for part in offset_keys:
            k = part[2]
            if k in scheduled and any(k == other for *_, other in run):  # a paragraph repeated in this run
                run.append(part)
                continue
            if k not in known and k not in scheduled:
                spans = cache.get(k)
                if spans is None:
                    scheduled.add(k)
                    run.append(part)
                    continue
                known[k] = spans
            if run:
                runs.append((i, run))
                run = []
        if run:
            runs.append((i, run))
    pieces = [texts[i][run[0][0] : run[-1][1]] for i, run in runs]
    own: list[Spans] = [[] for _ in texts]  # entities found in each text's own runs, offsets in the text
    parsed: list[set[int]] = [set() for _ in texts]  # offsets of the paragraphs in those runs
    found: dict[str, Spans] = {}
    for (i, run), piece_spans in zip(runs, ner_spans(pieces, model, batch_size, processes)):
        base = run[0][0]
        # a name never runs over a blank line: an entity across two paragraphs ("… Over Critical Comments\n\nSEOUL")
        # is dropped here as the cache drops it, so a text's first run and later ones give the same entities
        ents = [(base + a, base + b, label) for a, b, label in piece_spans
                if any(start <= base + a and base + b <= end for start, end, _ in run)]
        own[i].extend(ents)
        parsed[i].update(start for start, _, _ in run)
        for start, end, k in run:  # for the cache: the entities inside each paragraph
            found[k] = [(a - start, b - start, label) for a, b, label in ents if start <= a and b <= end]
    cache.add(found)
    known.update(found)
    return [sorted(spans + [(o + a, o + b, label) for o, _, k in offset_keys if o not in mine for a, b, label in known[k]])
            for spans, offset_keys, mine in zip(own, parts, parsed)]


def doc_with(text: str, spans: Spans, model: str):
    """The text tokenized by the model's tokenizer, with ``spans`` as its entities (``doc.ents``)."""
    doc = load_nlp(model).make_doc(text)
    doc.user_data["_text"] = text  # tokenization keeps every character: doc.text == text, without the join
    ents = []
    for start, end, label in spans:
        span = doc.char_span(start, end, label=label, alignment_mode="contract")
        if span is not None and len(span):
            ents.append(span)
    doc.ents = ents
    return doc
