"""Smoke tests of the benchmark harness at tiny sizes: generator, report, memory probe, query shapes.

Nothing here is timed against a target; the real numbers come from ``make bench``.
"""

from __future__ import annotations

import json
import statistics

import pytest

from bench.generate import (
    MAX_WORDS,
    MIN_WORDS,
    render_html,
    synth_article,
    synth_articles,
    synth_pages,
    to_article,
)
from bench.measure import measure
from bench.report import Report, SearchResult, StageResult, percentile, render, write_json
from bench.search import SHAPES, chunk_plan, run_shapes
from ingest.extract import extract
from ingest.store.es.indices import setup
from ingest.store.es.articles import upsert_articles


def test_generator_is_deterministic_per_index():
    a, b = synth_article(7, 42), synth_article(7, 42)
    assert (a.url, a.title, a.body) == (b.url, b.title, b.body)
    assert synth_article(8, 42).body != a.body
    assert list(synth_articles(3, 7, start=41))[1].body == a.body  # independent of what else is generated
    assert render_html(a) == render_html(b)


def test_generator_looks_like_news():
    arts = list(synth_articles(300, 3))
    words = [a.words for a in arts]
    assert min(words) >= MIN_WORDS - 5 and max(words) <= MAX_WORDS + 80
    assert 450 <= statistics.median(words) <= 800
    langs = {a.lang for a in arts}
    assert langs == {"en", "ru", "ko"}
    assert any(not a.relevant for a in arts)
    text = " ".join(a.body for a in arts)
    for name in ("Kim Jong Un", "Lavrov", "Zinoviev", "Yoon Suk Yeol", "Pyongyang", "KCNA", "Пхеньян", "평양"):
        assert name in text, name
    quoted = [a for a in arts if a.quotes]
    assert quoted and all(f'{q[1]}' in a.body and q[0] in a.body for a in quoted for q in a.quotes)


def test_pages_have_boilerplate_and_extract_back_to_the_text():
    pages = synth_pages(6, 11)
    for page in pages:
        html = page.html.decode("utf-8")
        for marker in ("cookie-banner", "<nav>", "Related articles", "<footer>", "<script>", "application/ld+json"):
            assert marker in html
        cleaned = extract(page.html, page.url, "text/html; charset=utf-8")
        assert cleaned.title == page.truth.title
        truth = set(page.truth.body.split())
        got = set(cleaned.body.split())
        assert len(truth & got) / len(truth) > 0.9  # the article text is found ...
        assert "cookies" not in cleaned.body and "Subscribe" not in cleaned.body  # ... without the boilerplate


def test_to_article_carries_entities_quotes_topics():
    synth = next(a for a in synth_articles(50, 5) if a.quotes and a.topics)
    doc = to_article(synth).to_doc()
    assert set(synth.persons) <= set(doc["persons"])
    assert doc["quote_speakers"] and set(doc["quote_speakers"]) <= set(synth.persons)
    assert doc["topics"] == synth.topics
    assert doc["enriched_hash"] == doc["content_hash"]
    assert doc["language"] == synth.lang


def test_percentile_nearest_rank():
    values = [float(v) for v in range(1, 101)]
    assert percentile(values, 50) == 50.0
    assert percentile(values, 95) == 95.0
    assert percentile([3.0], 95) == 3.0
    with pytest.raises(ValueError):
        percentile([], 50)


def test_stage_ratio_and_status():
    s = StageResult("indexing", 100, ours_rate=2000.0, ours_seconds=0.05, ours_peak_mib=1.0,
                    naive_rate=150.0, naive_size=50, target_ratio=10.0)
    assert s.ratio == pytest.approx(13.33, abs=0.01) and s.status == "PASS"
    s.naive_rate = 250.0
    assert s.status == "MISS"
    assert StageResult("extraction", 10, 40.0, 0.25, 5.0).status == "-"


def test_report_renders_and_writes_json(tmp_path):
    report = Report(started="2025-01-01T00:00:00", machine={"cores": 2, "cpu_model": "x", "ram_gib": 8, "python": "3.11",
                                                            "es_version": "9.2.4"}, sizes={"extraction_pages": 10})
    report.stages.append(StageResult("enrichment", 10, 20.0, 0.5, 30.0, naive_rate=8.0, naive_size=5, target_ratio=2.0))
    report.search.append(SearchResult("words", 5, 10.0, 120.0, 100.0, 42))
    text = render(report)
    assert "enrichment" in text and "2.50x" in text and "PASS" in text and "MISS" in text
    path = write_json(report, tmp_path)
    data = json.loads(path.read_text())
    assert path.name.startswith("bench-") and data["stages"][0]["ratio"] == 2.5
    assert data["search"][0]["status"] == "MISS"


def test_measure_sees_a_large_allocation():
    with measure() as m:
        block = bytearray(64 * 1024 * 1024)
        block[::4096] = b"x" * len(block[::4096])  # touch every page
    del block
    assert m.seconds > 0
    assert m.peak_mib >= 50


def test_chunk_plan_covers_the_range():
    plan = chunk_plan(100, 4500, 1, size=2000)
    assert plan == [(100, 2000, 1), (2100, 2000, 1), (4100, 500, 1)]


def test_every_search_shape_runs_on_the_real_mapping(es, es_cfg, elastic):
    setup(elastic)
    upsert_articles(elastic, [to_article(a) for a in synth_articles(80, 9)], refresh="wait_for")
    results = run_shapes(es, es_cfg, runs=2, warmup=0)
    assert [r.shape for r in results] == [s.name for s in SHAPES]
    assert len(results) >= 10
    by_name = {r.shape: r for r in results}
    for name in ("words", "person facet", "quote by speaker", "dashboard: dates by source", "language filter"):
        assert by_name[name].hits > 0, name


def test_incremental_second_pass_is_conditional_and_writes_nothing(es, es_cfg, tmp_path):
    from bench.incremental import bench_incremental

    result = bench_incremental(es, es_cfg.index_prefix, tmp_path)
    assert result["first_pass"]["candidates"] > 0 and result["first_pass"]["es_writes"] > 0
    second = result["second_pass"]
    assert second["feed_requests"] == second["conditional_requests"] == result["feeds"]
    assert second["not_modified"] == result["feeds"]
    assert second["es_writes"] == 0 and second["candidates"] == 0
    assert result["status"] == "PASS"


def test_update_stream_repeats_earlier_paragraphs_in_a_third():
    from bench.dagshape import update_stream

    stream = update_stream(60, 5)
    assert len(stream) == 60 and len({a.id for a in stream}) == 60
    seen: set[str] = set()
    derived = 0
    for a in stream:
        paras = set(a.body.split("\n\n"))
        if len(paras & seen) >= len(paras) // 2:
            derived += 1
        seen |= paras
    assert 10 <= derived <= 30
    assert any("(2nd LD)" in a.title for a in stream) and any("/syndicated/" in a.url for a in stream)
    assert {a.language for a in update_stream(10, 5, "ru", share=0.0)} == {"ru"}


def test_side_by_side_alternates_and_gives_a_ratio_per_round():
    from bench.dagshape import side_by_side

    calls = []
    sides = side_by_side(2, [1, 2], lambda r, b: calls.append(("ours", r, b)), lambda r, b: calls.append(("naive", r, b)))
    assert calls[:4] == [("ours", 0, 1), ("naive", 0, 1), ("naive", 0, 2), ("ours", 0, 2)]
    assert len(sides.ours) == len(sides.naive) == len(sides.ratios()) == 2
    assert "ratio per round" in sides.result("x", 2, 2.0, "n").notes


def test_the_v3_baseline_leaves_out_fields_added_since_at_any_depth():
    from bench.dagshape import V3_PROPERTIES, fit_mapping

    doc = to_article(next(iter(synth_articles(1, 4)))).to_doc()
    old = fit_mapping(doc, V3_PROPERTIES)
    assert "title" in old and "published_precision" in doc and "published_precision" not in old
    assert all(set(e) <= set(V3_PROPERTIES["entities"]["properties"]) for e in old["entities"])


def test_indexing_bench_compares_with_mapping_v3_and_costs_per_article(es, es_cfg):
    from bench.dagshape import bench_indexing

    rows, costs = bench_indexing(es, es_cfg, [to_article(a) for a in synth_articles(30, 4)], rounds=1)
    assert [r.size for r in rows] == [30, 30] and all(r.naive_rate and r.ours_rate for r in rows)
    v4, v3 = costs
    assert v4["lucene_docs_per_article"] < 5 < v3["lucene_docs_per_article"]
    assert v4["store_bytes_per_article"] > 0


def test_workspace_pages_and_cli_bench_run_on_the_real_mapping(es, es_cfg, elastic):
    from bench import web

    setup(elastic)
    upsert_articles(elastic, [to_article(a) for a in synth_articles(60, 9)], refresh="wait_for")
    pages = web.bench_pages(es, es_cfg, runs=2, warmup=0)
    assert [p.shape for p in pages] == ["search with facets", "search, person facet, by date", "entity page",
                                        "quotes (speaker)", "article + coverage"]
    assert all("answered" not in p.description for p in pages), [p.description for p in pages]  # every page 200
    assert all(p.took_p95_ms >= 0 and p.p95_ms > 0 for p in pages)
    cli = web.bench_cli(es_cfg, runs=1)
    assert [r["query"] for r in cli] == ["Latin", "Hangul", "Cyrillic"]
    assert all(r["seconds"] > 0 and r["mib"] > 0 and r["minimal_seconds"] > 0 for r in cli)
    assert "whole process" in web.render(pages, cli)
