"""The workspace's test archive on the real server: the seeds, outlet-format fixture pages through the
real pipeline (`ingest add`), one hostile stored document, a run report and a dead letter."""

from __future__ import annotations

from datetime import datetime, timezone

from ingest import report, stages
from ingest.add import add_files
from ingest.models import Article, Entity, Quote
from ingest.results import FetchCounts, Fetched
from ingest.settings import Settings
from ingest.store.es import articles as es_articles
from ingest.store.es import client as es_client
from ingest.store.es import runs as es_runs
from ingest.store.es.elastic import Elastic
from tests import FIXTURES

PAGES = [FIXTURES / "pages" / n for n in (
    "news1_ko_zinoviev_summoned.html", "yonhap_ko_lavrov_choe.html", "tass_ru_lavrov_choe.html",
    "ria_ru_rudenko_dialogue.html", "ria_ru_zinoviev_kursk.html", "wire/koreaherald_zinoviev_interview.html")]
PAGES += [FIXTURES / "web" / "koreaherald_zinoviev_summoned.html", FIXTURES / "web" / "koreaherald_hostile.html"]

EVIL = '<script>alert("x")</script><img src=x onerror=alert(1)>'
HOSTILE_ID = "hostile-stored"


def hostile_article() -> Article:
    """Every field an analyst sees, hostile: as if a site or an enrichment bug had put markup there."""
    a = Article(
        id=HOSTILE_ID, url="javascript:alert(document.domain)", title=f"Envoy {EVIL} talks",
        body=f"Georgy Zinoviev spoke. {EVIL}\n\n<a href=\"javascript:alert(2)\">link</a> <svg onload=alert(3)>",
        source=f"evil {EVIL}", site_name="<b onmouseover=alert(4)>Site</b>", language="en",
        authors=[f"{EVIL} Reporter", "javascript:alert(5)"],
        published_at=datetime(2024, 10, 22, 10, tzinfo=timezone.utc),
    )
    a.entities = [Entity("Georgy Zinoviev", "person", 2), Entity(f"Evil {EVIL} Person", "person", 1),
                  Entity("javascript:alert(6)", "organization", 1), Entity("Seoul", "location", 1)]
    a.quotes = [Quote(f"Said {EVIL}", f"Evil {EVIL} Person"), Quote("Peace <iframe src=javascript:alert(7)>", "Georgy Zinoviev")]
    a.topics = [f"Topic {EVIL}"]
    return a


def build(cfg: Settings) -> dict[str, str]:
    """Index the archive under ``cfg``'s prefix; {fixture file stem: article id}."""
    es = es_client.from_settings(cfg)
    stages.index_seeds(cfg, refresh="wait_for")
    added = add_files(cfg, PAGES)
    ids = {p.stem: a.id for p, a in zip(PAGES, added)}
    assert all(a.status == "new" for a in added), [(a.file, a.status, a.error) for a in added]
    es_articles.upsert_articles(Elastic(es, cfg.es), [hostile_article()], refresh="wait_for")
    ids["hostile-stored"] = HOSTILE_ID
    run = report.build("manual__2026-01-01T00:00:00", [Fetched(counts=FetchCounts(fetched=3, failed=1))])
    es_runs.write(Elastic(es, cfg.es), run)
    es_articles.dead_letter(Elastic(es, cfg.es), [{"id": "refused-1", "reason": "mapper_parsing_exception"}], {}, {}, run.run_id)
    es.indices.refresh(index=f"{cfg.index_prefix}*")
    return ids
