"""Search on the real server: the seeds, phrases, highlights, filters."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid

import pytest

from ingest.settings import Settings
from ingest.store.es.elastic import Elastic
from tests import FIXTURES

from ingest.store.es import indices as index

from ingest.store.es import articles as es_articles
from ingest import stages
from ingest import search
from ingest.models import Article, Entity, Quote


def test_red_line_finds_both_seeds_with_highlights(es, es_cfg, elastic):
    counts = stages.index_seeds(es_cfg, refresh="wait_for")
    assert counts.counts.seeds == 2
    hits = search.search(elastic, "red line")
    assert {h.id for h in hits} == {"seed-5e0db0e251ade6bb", "seed-d91642df9e8b3e9c"}
    for h in hits:
        assert any("<em>red line</em>" in f or "<em>red</em> <em>line</em>" in f for f in h.highlights), h.highlights
        assert h.score and h.score > 0


def test_seeding_twice_leaves_exactly_two(es, es_cfg, elastic):
    stages.index_seeds(es_cfg, refresh="wait_for")
    second = stages.index_seeds(es_cfg, refresh="wait_for")
    assert second.counts.unchanged == 2 and second.counts.indexed == 0
    assert es_articles.count(elastic, {"term": {"seed": True}}) == 2


def test_phrase_ranks_above_scattered_words(es, es_cfg, elastic):
    index.setup(elastic)
    near = Article(id="near", url="u1", title="Talks", body="Seoul warned Moscow about the red line on weapons.")
    far = Article(id="far", url="u2", title="Talks", body="A red car crossed the line of fans near the stadium.")
    es_articles.upsert_articles(elastic, [far, near], refresh="wait_for")
    assert [h.id for h in search.search(elastic, "red line")][0] == "near"
    assert [h.id for h in search.search(elastic, '"red line"')] == ["near"]


def test_filters_by_person_speaker_and_date(es, es_cfg, elastic):
    index.setup(elastic)
    a = Article(id="z", url="u", title="Envoy speaks", body="Ambassador Zinoviev spoke in Seoul.")
    a.entities = [Entity("Georgy Zinoviev", "person", 2)]
    a.quotes = [Quote("It is better to communicate than to have no communication", "Georgy Zinoviev")]
    b = Article(id="p", url="u2", title="Putin speaks", body="Putin spoke in Moscow about Seoul.")
    es_articles.upsert_articles(elastic, [a, b], refresh="wait_for")
    assert [h.id for h in search.search(elastic, "", filters=search.Filters(person=["Georgy Zinoviev"]))] == ["z"]
    assert [h.id for h in search.search(elastic, "communicate", filters=search.Filters(speaker=["Georgy Zinoviev"]))] == ["z"]
    # a person's canonical name finds an article that only says "Zinoviev"
    assert [h.id for h in search.search(elastic, "Georgy Zinoviev")] == ["z"]


def test_build_query_is_pure_and_filters_dates():
    from datetime import datetime, timezone

    q = search.build_query("red line", search.Filters(topic=["Sanctions & export controls"], since=datetime(2024, 1, 1, tzinfo=timezone.utc)))
    assert {"terms": {"topics": ["Sanctions & export controls"]}} in q["bool"]["filter"]
    assert any("range" in f for f in q["bool"]["filter"])
    assert search.request("red line")["rescore"]["query"]["rescore_query"]  # phrase boost for an unquoted multi-word query
    assert "rescore" not in search.request('"red line"') and "rescore" not in search.request("red")


def test_adjacent_marks_merge_into_one_phrase_mark():
    assert search.merge_marks('cross the "<em>red</em> <em>line</em>" now') == 'cross the "<em>red line</em>" now'
    assert search.merge_marks("<em>red</em> car, <em>line</em>") == "<em>red</em> car, <em>line</em>"


# ---------------------------------------------------------------- languages and scripts
# The Korean and Russian fixture pages and a Korean plain-text article, added through
# `ingest add` (the command line) next to the two English seeds, on the real server.

PAGES = FIXTURES / "pages"
ADDED = ["news1_ko_zinoviev_summoned.html", "yonhap_ko_lavrov_choe.html", "tass_ru_lavrov_choe.html",
         "ria_ru_rudenko_dialogue.html", "ria_ru_zinoviev_kursk.html"]
# News1's format, text written for this test: "파병한" (dispatched) only here.
KOREAN_TEXT = """북한, 러시아에 파병한 병력 일부 교대…국정원 "추가 파견 징후"

(서울=뉴스1) 박소영 기자 = 국가정보원은 북한이 러시아에 파병한 병력 가운데 일부를 교대하고 추가 파견을 준비하는 정황이 포착됐다고 13일 밝혔다.

국정원은 이날 국회 정보위원회에 출석해 "전선에 투입된 북한군의 사상자가 늘면서 교대 병력이 블라디보스토크를 거쳐 이동 중인 것으로 보인다"고 보고했다.

정부는 러시아와 북한의 군사협력에 대해 국제사회와 공조해 단호히 대응하겠다는 입장을 거듭 밝혔다.
"""


def cli(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "ingest.cli", *args], capture_output=True, text=True,
                          env={**os.environ, **env}, timeout=300)


@pytest.fixture(scope="module")
def corpus(es, tmp_path_factory):
    """(env, settings, {file name: id}) of an index holding the seeds and the added files."""
    data = tmp_path_factory.mktemp("corpus")
    env = {"INGEST_INDEX_PREFIX": f"t{uuid.uuid4().hex[:8]}-", "INGEST_DATA_DIR": str(data)}
    text = data / "news1_ko_dispatch.txt"
    text.write_text(KOREAN_TEXT, encoding="utf-8")
    cfg = Settings.from_env().model_copy(update={"index_prefix": env["INGEST_INDEX_PREFIX"], "data_dir": data})
    try:
        assert cli(env, "seed").returncode == 0
        done = cli(env, "add", "--json", *(str(PAGES / n) for n in ADDED), str(text))
        assert done.returncode == 0, done.stderr
        rows = [json.loads(line) for line in done.stdout.splitlines()]
        yield env, cfg, {os.path.basename(r["file"]): r["id"] for r in rows}
    finally:
        es.indices.delete(index=f"{cfg.index_prefix}*", ignore_unavailable=True, allow_no_indices=True)
        es.options(ignore_status=404).indices.delete_index_template(name=f"{cfg.index_prefix}*")


SEEDS = {"seed-5e0db0e251ade6bb", "seed-d91642df9e8b3e9c"}


def found(es, corpus, text: str) -> dict[str, list[str]]:
    _, cfg, _ = corpus
    return {h.id: h.highlights for h in search.search(Elastic(es, cfg.es), text, size=20)}


def marked(highlights: list[str]) -> set[str]:
    import re

    return {m.lower() for f in highlights for m in re.findall(r"<em>(.*?)</em>", f)}


def test_english_stemming_sanction_finds_sanctions(es, corpus):
    hits = found(es, corpus, "sanction")
    assert SEEDS <= set(hits)
    assert all("sanctions" in marked(hits[s]) for s in SEEDS)


def test_russian_morphology_kursk_finds_kurskoi(es, corpus):
    _, _, ids = corpus
    hits = found(es, corpus, "Курск")
    assert set(hits) == {ids["ria_ru_zinoviev_kursk.html"]}
    # the inflected form is marked, alone or inside the KB's phrase for the region ("Курской области")
    assert any("курской" in m for m in marked(hits[ids["ria_ru_zinoviev_kursk.html"]]))


def test_korean_morphology_pabyeong_finds_pabyeonghan(es, corpus):
    _, _, ids = corpus
    hits = found(es, corpus, "파병")
    text_id = ids["news1_ko_dispatch.txt"]
    assert {text_id, ids["news1_ko_zinoviev_summoned.html"], ids["yonhap_ko_lavrov_choe.html"]} <= set(hits)
    assert "파병한" in marked(hits[text_id])
    # and the inflected form finds the bare one: the query is analysed like the index
    assert ids["news1_ko_zinoviev_summoned.html"] in found(es, corpus, "파병한")


def test_zinoviev_in_cyrillic_finds_the_english_seeds(es, corpus):
    _, _, ids = corpus
    hits = found(es, corpus, "Зиновьев")
    assert SEEDS | {ids["ria_ru_zinoviev_kursk.html"], ids["news1_ko_zinoviev_summoned.html"]} <= set(hits)
    assert "zinoviev" in marked(hits["seed-5e0db0e251ade6bb"])  # the English name marked in the English seed
    assert set(found(es, corpus, "Зиновьева")) == set(hits)  # an inflected form names him too


def test_zinoviev_in_latin_finds_korean_and_russian_articles(es, corpus):
    _, _, ids = corpus
    hits = found(es, corpus, "Zinoviev")
    ko, ru = ids["news1_ko_zinoviev_summoned.html"], ids["ria_ru_zinoviev_kursk.html"]
    assert SEEDS | {ko, ru} <= set(hits)
    assert "지노비예프" in marked(hits[ko]) and "зиновьев" in marked(hits[ru])
    assert ids["tass_ru_lavrov_choe.html"] not in hits and ids["news1_ko_dispatch.txt"] not in hits


def test_zinoviev_in_hangul_finds_english_and_russian_articles(es, corpus):
    _, _, ids = corpus
    hits = found(es, corpus, "지노비예프")
    assert SEEDS | {ids["ria_ru_zinoviev_kursk.html"], ids["news1_ko_zinoviev_summoned.html"]} <= set(hits)
    assert set(found(es, corpus, "지노비예프는")) == set(hits)  # with a particle


def test_the_other_words_are_still_required(es, corpus):
    _, _, ids = corpus
    assert set(found(es, corpus, "Zinoviev 파병")) == {ids["news1_ko_zinoviev_summoned.html"]}
    assert set(found(es, corpus, "Зиновьев Курск")) == {ids["ria_ru_zinoviev_kursk.html"]}
    assert set(found(es, corpus, "Zinoviev unfriendly")) == {"seed-5e0db0e251ade6bb"}


def test_search_cli_bold_on_a_terminal_and_em_in_json(corpus):
    env, _, _ = corpus
    tty = cli({**env, "FORCE_COLOR": "1", "COLUMNS": "200"}, "search", "Курск")
    assert tty.returncode == 0, tty.stderr
    assert "\x1b[1;33mКурской" in tty.stdout and "<em>" not in tty.stdout
    plain = cli(env, "search", "Курск")
    assert "Курской" in plain.stdout and "<em>" not in plain.stdout and "\x1b[" not in plain.stdout
    rows = [json.loads(line) for line in cli(env, "search", "--json", "파병").stdout.splitlines()]
    assert any("<em>파병한</em>" in f for r in rows for f in r["highlights"])
