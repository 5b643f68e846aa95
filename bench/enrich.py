"""Enrichment speed against a naive baseline, on the same articles in the same run.

Usage: python -m bench.enrich [--n N] [--json OUT] [--per-language]

The articles are the gold texts (bench/gold/*.txt) repeated and shuffled to N.
Baseline: the full spaCy pipeline (all components) called once per article
with ``nlp(text)`` — NER only, no linking or quotes. Ours:
:func:`ingest.enrich.enrich.enrich_articles` (NER-only pipeline through
``nlp.pipe`` in batches, plus linking, quotes and topics). A second call over
the same, unchanged articles must enrich 0 of them.

``--per-language`` (:func:`per_language`, called by ``make bench``): for
English, Korean and Russian gold texts, a batch of the DAG's size
(``max_articles_per_source``) in one process through ``enrich_articles``
against the naive baseline, the full English spaCy pipeline on every article.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

from ingest.models import Article
from ingest.settings import Settings
from ingest.enrich.ner import load_nlp
from ingest.enrich.enrich import article_text, enrich_articles, read_article_file

GOLD_DIR = Path(__file__).resolve().parent / "gold"


LANGUAGE_DIRS = {"en": GOLD_DIR, "ko": GOLD_DIR / "ko", "ru": GOLD_DIR / "ru"}


def corpus(n: int, seed: int = 7, folder: Path = GOLD_DIR) -> list[tuple[str, str]]:
    texts = [read_article_file(p) for p in sorted(folder.glob("*.txt")) if p.with_suffix(".json").exists()]
    if not texts:
        raise SystemExit(f"error: no articles in {folder}")
    rng = random.Random(seed)
    out = [texts[i % len(texts)] for i in range(n)]
    rng.shuffle(out)
    return out


def run(n: int) -> dict:
    import spacy

    cfg = Settings.from_env()
    docs = corpus(n)
    full = spacy.load(cfg.spacy_model)  # every component: the naive way
    load_nlp(cfg.spacy_model)
    full("warm up")
    enrich_articles([Article(id="warm", url="u", title="Warm up", body="Seoul and Moscow.")], cfg)

    t0 = time.perf_counter()
    for title, body in docs:
        _ = full(article_text(title, body)).ents  # entities are computed lazily: read them
    baseline = time.perf_counter() - t0

    articles = [Article(id=str(i), url=f"https://example.org/{i}", title=t, body=b) for i, (t, b) in enumerate(docs)]
    t0 = time.perf_counter()
    enriched = enrich_articles(articles, cfg)
    ours = time.perf_counter() - t0

    t0 = time.perf_counter()
    again = enrich_articles(articles, cfg)
    second = time.perf_counter() - t0
    return {
        "articles": n,
        "baseline_full_pipeline_per_article": {"seconds": round(baseline, 3), "articles_per_s": round(n / baseline, 2)},
        "ours_enrich_articles": {
            "seconds": round(ours, 3),
            "articles_per_s": round(n / ours, 2),
            "enriched": enriched,
            "batch_size": cfg.enrich_batch_size,
            "processes": cfg.enrich_processes,
        },
        "speedup": round(baseline / ours, 2),
        "second_call": {"enriched": again, "seconds": round(second, 4)},
    }


def per_language(batch: int | None = None) -> dict[str, dict]:
    """Articles/s per language, one process, a DAG-sized batch: ours against English spaCy on everything."""
    import spacy

    cfg = Settings.from_env().model_copy(update={"enrich_processes": 1})
    batch = batch or cfg.max_articles_per_source
    full = spacy.load(cfg.spacy_model)
    out = {}
    for lang, folder in LANGUAGE_DIRS.items():
        docs = corpus(batch, folder=folder)
        articles = [Article(id=f"{lang}{i}", url=f"https://example.org/{lang}/{i}", title=t, body=b, language=lang)
                    for i, (t, b) in enumerate(docs)]
        enrich_articles(articles[:1], cfg)  # load this language's models outside the timing
        for a in articles:
            a.enriched_hash = None
        t0 = time.perf_counter()
        for title, body in docs:
            _ = full(article_text(title, body)).ents
        naive = time.perf_counter() - t0
        t0 = time.perf_counter()
        enrich_articles(articles, cfg)
        ours = time.perf_counter() - t0
        out[lang] = {"articles": batch, "ours_per_s": round(batch / ours, 2), "naive_per_s": round(batch / naive, 2),
                     "ratio": round(naive / ours, 2)}
    return out


def render_per_language(result: dict[str, dict]) -> str:
    lines = [f"{'language':10}{'articles':>10}{'ours art/s':>12}{'naive art/s':>13}{'ratio':>8}"]
    for lang, r in result.items():
        lines.append(f"{lang:10}{r['articles']:>10}{r['ours_per_s']:>12.1f}{r['naive_per_s']:>13.1f}{r['ratio']:>7.2f}x")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=200, help="number of articles (default 200)")
    ap.add_argument("--json", type=Path, help="also write the result here")
    ap.add_argument("--per-language", action="store_true", help="articles/s per language, a DAG batch, one process")
    args = ap.parse_args(argv)
    if args.per_language:
        result = per_language()
        print(render_per_language(result))
        if args.json:
            args.json.write_text(json.dumps(result, indent=2), encoding="utf-8")
        return 0
    if args.n < 1:
        print("error: --n must be at least 1", file=sys.stderr)
        return 2
    r = run(args.n)
    b, o = r["baseline_full_pipeline_per_article"], r["ours_enrich_articles"]
    print(f"articles: {r['articles']}")
    print(f"baseline (full pipeline, nlp(text) each): {b['articles_per_s']:.1f} articles/s ({b['seconds']:.2f} s)")
    print(f"ours (enrich_articles, nlp.pipe):          {o['articles_per_s']:.1f} articles/s ({o['seconds']:.2f} s)")
    print(f"(batch size {o['batch_size']}, processes {o['processes']}; set INGEST_ENRICH_PROCESSES to change)")
    print(f"speedup: {r['speedup']:.2f}x")
    print(f"second call over unchanged articles: enriched {r['second_call']['enriched']} in {r['second_call']['seconds']:.4f} s")
    if args.json:
        args.json.write_text(json.dumps(r, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
