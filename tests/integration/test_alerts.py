"""Saved searches and their alerts on the real server, with a real webhook receiver and SMTP server."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta

import pytest

from ingest import stages
from ingest.alerts import deliver, watches
from ingest.models import Article, Entity, utcnow
from ingest.settings import Settings
from ingest.store.es import articles as es_articles
from ingest.store.es import indices
from tests import FIXTURES
from tests.alerts_receiver import Receiver

SECRET = "s3cr3t-alert-key"
FILES = [FIXTURES / "web" / "koreaherald_zinoviev_summoned.html",
         FIXTURES / "pages" / "news1_ko_zinoviev_summoned.html",
         FIXTURES / "pages" / "ria_ru_zinoviev_kursk.html"]


@pytest.fixture
def receiver(monkeypatch):
    with Receiver() as r:
        monkeypatch.setenv("INGEST_ALLOWED_PRIVATE_HOSTS", f"127.0.0.1:{r.port}")
        monkeypatch.setenv("INGEST_ALERT_SECRET", SECRET)
        monkeypatch.setenv("INGEST_ALERT_RETRIES", "1")
        monkeypatch.setenv("INGEST_ALERT_BACKOFF", "0")
        yield r


def ingest(*args: str) -> subprocess.CompletedProcess:
    root = str(FIXTURES.parent.parent)
    env = {**os.environ, "PYTHONPATH": root + os.pathsep + os.environ.get("PYTHONPATH", "")}
    return subprocess.run([sys.executable, "-m", "ingest.cli", *args], capture_output=True, text=True, env=env,
                          timeout=600)


def test_three_languages_about_one_person_are_one_delivery_and_never_sent_again(es, es_cfg, receiver):
    saved = ingest("watch", "add", "zinoviev", "--query", "Zinoviev", "--webhook", receiver.url)
    assert saved.returncode == 0, saved.stderr
    assert "secret-token" not in saved.stdout  # the webhook's path may carry a token
    bad = ingest("watch", "add", "broken", "--query", '"red line')
    assert bad.returncode == 1 and bad.stderr.strip().count("\n") == 0 and "unbalanced quotes" in bad.stderr
    for url, why in (("http://169.254.169.254/latest", "refused"), ("http://127.0.0.1:1/hook", "refused"),
                     ("ftp://example.org/x", "refused")):
        refused = ingest("watch", "add", "bad-hook", "--query", "Zinoviev", "--webhook", url)
        assert refused.returncode == 1 and why in refused.stderr and refused.stderr.count("\n") == 1, refused.stderr
    listed = ingest("watch", "list", "--json")
    assert [json.loads(x)["name"] for x in listed.stdout.splitlines()] == ["zinoviev"]

    first = ingest("add", *map(str, FILES), "--published", "2024-10-21")
    assert first.returncode == 0, first.stderr
    assert len(receiver.posts) == 1, receiver.posts
    post = receiver.posts[0]
    assert deliver.verify(post["body"], post["headers"]["x-ingest-signature"], SECRET)
    assert post["headers"]["x-ingest-signature"] == "sha256=" + __import__("hmac").new(
        SECRET.encode(), post["body"], "sha256").hexdigest()
    story = post["json"]["stories"][0]
    assert post["json"]["watch"] == "zinoviev" and len(post["json"]["stories"]) == 1
    assert sorted(story["languages"]) == ["en", "ko", "ru"] and len(story["articles"]) == 3
    assert post["headers"]["idempotency-key"] == deliver.record_id("zinoviev", story["story"])
    assert all(a["url"].startswith("http://127.0.0.1:8008/article/") for a in story["articles"])
    assert SECRET not in first.stdout + first.stderr

    again = ingest("add", *map(str, FILES), "--published", "2024-10-21")
    assert again.returncode == 0, again.stderr
    assert len(receiver.posts) == 1  # nothing new: nothing sent
    tested = ingest("watch", "test", "zinoviev", "--json", "--days", "1")
    rows = [json.loads(x) for x in tested.stdout.splitlines()]
    assert [r["delivery"] for r in rows] == ["delivered"] and len(receiver.posts) == 1  # test sends nothing
    config = ingest("config", "--json")
    assert SECRET not in config.stdout
    assert ingest("watch", "remove", "zinoviev").returncode == 0
    assert ingest("watch", "list", "--json").stdout.strip() == ""


def _art(id_, lang, day, names, cluster=None, title=None):
    a = Article(id=id_, url=f"http://example.test/{id_}", title=title or f"Zinoviev story {id_}",
                body=f"Georgy Zinoviev said something in {id_}.", language=lang,
                published_at=datetime(2024, 11, day, 9, tzinfo=UTC))
    a.entities = [Entity(n, "person", 2) for n in names]
    a.cluster_id = cluster or id_
    return a


def _index(elastic, articles):
    indices.setup(elastic)
    es_articles.upsert_articles(elastic, articles, refresh="wait_for")


def test_receiver_down_makes_the_run_partial_and_the_next_run_delivers_once(es, es_cfg, elastic, receiver):
    cfg = Settings.from_env()
    indices.setup(elastic)
    watches.add(elastic, watches.Watch("zin", "Zinoviev", webhook=receiver.url), cfg.fetch)
    # a saved search that became invalid (its stored query no longer passes): reported and skipped
    elastic.client.index(index=elastic.watches_index, id="stale", refresh="wait_for",
                         document=watches.Watch("stale", '"unclosed', webhook=receiver.url).to_doc())
    started = utcnow()
    _index(elastic, [_art("en1", "en", 10, ["Georgy Zinoviev"]), _art("ru1", "ru", 11, ["Georgy Zinoviev"]),
                     _art("en2", "en", 20, ["Georgy Zinoviev"])])
    receiver.status = 503
    down = stages.alerts(cfg, started, "run-1")
    assert down.counts.delivery_failed == 2 and down.counts.delivered == 0 and down.counts.invalid_watches == 1
    assert "stale" in " ".join(down.reasons["watch_invalid"]) and receiver.posts == []
    assert SECRET not in json.dumps(down.to_dict()) and "secret-token" not in json.dumps(down.to_dict())
    from ingest import report
    done = report.build("run-1", [down], started)
    assert done.status == "partial" and "alert_failed" in done.reasons
    assert "retried next run" in report.partial_note(done.to_doc())

    receiver.status = 200
    up = stages.alerts(cfg, utcnow(), "run-2")  # nothing new indexed: the failed ones are sent
    assert up.counts.delivered == 2 and up.counts.delivery_failed == 0
    assert len(receiver.posts) == 2 and len(set(receiver.keys())) == 2
    stories = {p["json"]["stories"][0]["story"]: p["json"]["stories"][0] for p in receiver.posts}
    assert {len(s["articles"]) for s in stories.values()} == {1, 2}  # en1+ru1 one story, en2 (10 days on) another
    third = stages.alerts(cfg, utcnow(), "run-3")
    assert third.counts.delivered == 0 and len(receiver.posts) == 2


def test_email_digest_is_text_and_escaped_html(es, es_cfg, elastic, monkeypatch):
    from aiosmtpd.controller import Controller

    class Inbox:
        def __init__(self):
            self.messages = []

        async def handle_DATA(self, server, session, envelope):
            self.messages.append(envelope)
            return "250 OK"

    import socket

    with socket.socket() as probe:  # a free port (the controller cannot start on port 0)
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    inbox = Inbox()
    smtp = Controller(inbox, hostname="127.0.0.1", port=port)
    smtp.start()
    try:
        monkeypatch.setenv("INGEST_SMTP_HOST", "127.0.0.1")
        monkeypatch.setenv("INGEST_SMTP_PORT", str(port))
        cfg = Settings.from_env()
        indices.setup(elastic)
        watches.add(elastic, watches.Watch("mail", "Zinoviev", emails=["analyst@example.org"]), cfg.fetch)
        daily = watches.Watch("daily", "Zinoviev", emails=["analyst@example.org"], digest="daily")
        watches.add(elastic, daily, cfg.fetch)
        started = utcnow()
        _index(elastic, [_art("x1", "en", 10, ["Georgy Zinoviev"], title="Zinoviev <script>alert(1)</script> & co")])
        done = stages.alerts(cfg, started, "run-m")
        assert done.counts.delivered == 1 and done.counts.queued == 1
        assert len(inbox.messages) == 1
        raw = inbox.messages[0].content.decode()
        assert "text/plain" in raw and "text/html" in raw
        assert "<script>alert(1)</script>" not in raw.split("text/html", 1)[1]
        assert "&lt;script&gt;" in raw
        # the daily digest goes out once its day is over, in one message, once
        yesterday = (utcnow() - timedelta(days=1)).date().isoformat()  # no painless here: rewrite the records
        elastic.client.indices.refresh(index=elastic.alerts_index)
        queued = elastic.client.search(index=elastic.alerts_index, query={"term": {"status": "queued"}})
        for h in queued["hits"]["hits"]:
            elastic.client.index(index=elastic.alerts_index, id=h["_id"], document={**h["_source"], "day": yesterday})
    except Exception:
        smtp.stop()
        raise
    try:
        later = stages.alerts(cfg, utcnow(), "run-n")
        assert later.counts.delivered == 1 and len(inbox.messages) == 2
        assert "on " in inbox.messages[1].content.decode().split("Subject:", 1)[1].splitlines()[0]
        assert stages.alerts(cfg, utcnow(), "run-o").counts.delivered == 0 and len(inbox.messages) == 2
    finally:
        smtp.stop()
