"""`ingest add`: files on disk through archive → clean → enrich → index, on the real server."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from ingest.add import Overrides, add_files
from ingest.store.es import articles as es_articles
from ingest.urls import doc_id
from tests import FIXTURES

PAGES = FIXTURES / "pages"

EVIL = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Russia and North Korea sign a new logistics deal | Evil News</title>
<link rel="canonical" href="https://www.yna.co.kr/view/AKR20241109001200315">
</head><body><article><h1>Russia and North Korea sign a new logistics deal</h1>
<p>SEOUL, Nov. 9 -- Russia and North Korea signed an agreement on rail freight between Khasan and Rason,
officials in Moscow said on Saturday, the latest step in military and economic cooperation that Seoul
has called a threat to its security.</p>
<p>The foreign ministry in Seoul said it was watching the deal closely and would respond together with
its partners if sanctions were violated.</p></article></body></html>"""


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "ingest.cli", "add", *args], capture_output=True, text=True,
                          env=dict(os.environ), timeout=300)


def test_a_page_claiming_another_sites_url_is_indexed_under_its_own(es, es_cfg, tmp_path):
    page = tmp_path / "evil.html"
    page.write_text(EVIL, encoding="utf-8")
    done = cli(str(page), "--url", "https://evil.co.kr/a?utm_source=x", "--json")
    assert done.returncode == 0, done.stderr
    row = json.loads(done.stdout)
    assert row["id"] == doc_id("https://evil.co.kr/a") != doc_id("https://www.yna.co.kr/view/AKR20241109001200315")
    doc = es.get(index=es_cfg.articles_alias, id=row["id"])["_source"]
    assert doc["canonical_url"] == "https://evil.co.kr/a" and doc["title"].startswith("Russia and North Korea")
    assert not es.exists(index=es_cfg.articles_alias, id=doc_id("https://www.yna.co.kr/view/AKR20241109001200315"))


def test_text_lines_errors_and_idempotency(es, es_cfg, elastic, tmp_path):
    bad = tmp_path / "junk.html"
    bad.write_bytes(b"")
    files = [str(PAGES / "tass_ru_lavrov_choe.html"), str(PAGES / "yonhap_ko_lavrov_choe.html"), str(bad),
             str(tmp_path / "missing.html")]
    first = cli(*files)
    assert first.returncode == 1  # a bad file fails alone, one line each; the good ones are indexed
    errors = first.stderr.strip().splitlines()
    assert len(errors) == 2 and errors[0].startswith(f"ingest add: {bad}: ") and "cannot read: No such file" in errors[1]
    lines = first.stdout.strip().splitlines()
    assert len(lines) == 2
    assert "Лавров и Цой Сон Хи" in lines[0] and "[ru, " in lines[0] and " entities, new]" in lines[0]
    assert "[ko, " in lines[1]
    again = cli(*files[:2], "--json")  # by content: the same files change nothing
    rows = [json.loads(line) for line in again.stdout.splitlines()]
    assert [r["status"] for r in rows] == ["unchanged", "unchanged"]
    assert [r["id"] for r in rows] == [line.split()[0] for line in lines]
    assert all(r["entities"] > 0 and r["language"] in ("ko", "ru") for r in rows)
    assert es_articles.count(elastic) == 2


def test_plain_text_with_overrides_and_irrelevant_pages_kept(es, es_cfg, tmp_path):
    note = tmp_path / "note.txt"
    note.write_text("Bus timetable\n\nThe number 12 bus now leaves the depot at seven.\n", encoding="utf-8")
    [done] = add_files(es_cfg, [note], Overrides(title="Depot notice", language="en", source="notes",
                                                 url="https://example.org/notice"))
    assert done.status == "new" and done.title == "Depot notice" and done.id == doc_id("https://example.org/notice")
    doc = es.get(index=es_cfg.articles_alias, id=done.id)["_source"]
    assert doc["source"] == "notes" and doc["language"] == "en"
    assert doc["relevance_score"] is not None and doc["relevance_score"] == done.relevance_score  # irrelevant, kept
    [changed] = add_files(es_cfg, [note], Overrides(title="Depot notice (corrected)", url="https://example.org/notice"))
    assert changed.status == "updated" and changed.id == done.id
